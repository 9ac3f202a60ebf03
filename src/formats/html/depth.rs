//! The one guard on HTML nesting depth, for entry fragments and for whole pages.
//!
//! html5ever's scope checks walk its stack of open elements, so its time grows with the square
//! of the nesting depth: a 100,000-deep `<div>` tower takes a minute to parse. The guard sits
//! between the tokenizer and the tree builder and counts what the builder holds, so markup that
//! hides tags from a lexical scan (`<div><table></div></table>` repeated) is bounded too.
//! A fragment past its limit keeps its text and loses the deeper tags (the walk flattens deep
//! content anyway); a page past its limit is refused.

use super::MAX_DEPTH;
use html5ever::interface::{Tracer, TreeSink, create_element};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{LocalName, QualName, TokenizerResult, local_name, ns};
use scraper::{Html, HtmlTreeSink};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Most handles the tree builder may hold (open elements plus active formatting elements)
/// before further start tags of a fragment are dropped. Twice the walk's limit: structure
/// below [`MAX_DEPTH`] is flattened anyway, this only has to keep the parse linear.
const PARSE_DEPTH: usize = 2 * MAX_DEPTH;

/// Deepest element nesting accepted in a page. Real pages nest about 20 deep; html5ever's
/// time grows with the square of the depth (50,000 nested `<div>`s take many seconds).
pub(in crate::formats) const MAX_PAGE_DEPTH: usize = 1024;

/// A page whose elements nest deeper than [`MAX_PAGE_DEPTH`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("elements nested more than {MAX_PAGE_DEPTH} deep")]
pub(in crate::formats) struct TooDeep;

type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// Parses a fragment as `scraper::Html::parse_fragment` does (a `<body>` context), with start
/// tags past [`PARSE_DEPTH`] dropped.
pub(in crate::formats) fn parse_fragment(html: &str) -> Html {
    let sink = HtmlTreeSink::new(Html::new_fragment());
    let context = create_element(
        &sink,
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
    );
    let builder = TreeBuilder::new_for_fragment(sink, context, None, TreeBuilderOpts::default());
    let opts = TokenizerOpts {
        initial_state: Some(builder.tokenizer_state_for_context_elem(false)),
        ..TokenizerOpts::default()
    };
    let (doc, _) = run(
        DepthGuard::new(builder, PARSE_DEPTH, PastLimit::Drop),
        opts,
        html,
    );
    doc
}

/// Parses a whole page as `scraper::Html::parse_document` does, or refuses it when its
/// elements nest deeper than [`MAX_PAGE_DEPTH`]. Pages the fast reading is sure of are read
/// by it (`page.rs`), the others by html5ever.
pub(in crate::formats) fn parse_document(html: &str) -> Result<Html, TooDeep> {
    if let Some(doc) = super::page::parse(html) {
        // Every page a test parses is parsed both ways.
        #[cfg(test)]
        if let Err(e) = full_document(html)
            .map_err(|e| e.to_string())
            .and_then(|full| super::page::same::same_tree(&doc, &full))
        {
            panic!("the fast page reading differs: {e}\n{html}");
        }
        // And its light tree, built for AMP lists, has the same shape.
        #[cfg(test)]
        if let Some(Some(e)) =
            super::page::read_light(html, |t| super::page::light::check::differs_from(t, &doc))
        {
            panic!("the light tree differs: {e}\n{html}");
        }
        return Ok(doc);
    }
    full_document(html)
}

/// [`parse_document`] by html5ever alone.
pub(in crate::formats::html) fn full_document(html: &str) -> Result<Html, TooDeep> {
    let sink = HtmlTreeSink::new(Html::new_document());
    let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
    let guard = DepthGuard::new(builder, MAX_PAGE_DEPTH, PastLimit::Stop);
    match run(guard, TokenizerOpts::default(), html) {
        (_, true) => Err(TooDeep),
        (doc, false) => Ok(doc),
    }
}

/// Feeds the whole input through the guard; also says whether the guard stopped the parse.
fn run(guard: DepthGuard, opts: TokenizerOpts, html: &str) -> (Html, bool) {
    let tokenizer = Tokenizer::new(guard, opts);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let stopped = tokenizer.sink.stopped.get();
    (tokenizer.sink.builder.sink.finish(), stopped)
}

/// What the guard does with a start tag that would go past its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PastLimit {
    /// Drop the tag and its end tag; the text inside still arrives.
    Drop,
    /// Stop building: every later token is only tokenized, so the rest costs linear time.
    Stop,
}

/// Sits between html5ever's tokenizer and tree builder and acts once the builder holds
/// `limit` elements, as `past_limit` says.
struct DepthGuard {
    builder: TreeBuilder<Handle, HtmlTreeSink>,
    limit: usize,
    past_limit: PastLimit,
    dropped: RefCell<HashMap<LocalName, usize>>,
    stopped: Cell<bool>,
}

impl DepthGuard {
    fn new(
        builder: TreeBuilder<Handle, HtmlTreeSink>,
        limit: usize,
        past_limit: PastLimit,
    ) -> Self {
        DepthGuard {
            builder,
            limit,
            past_limit,
            dropped: RefCell::default(),
            stopped: Cell::new(false),
        }
    }

    fn depth(&self) -> usize {
        let counter = Counter(Cell::new(0));
        self.builder.trace_handles(&counter);
        counter.0.get()
    }
}

/// Counts the handles the tree builder holds.
struct Counter(Cell<usize>);

impl Tracer for Counter {
    type Handle = Handle;

    fn trace_handle(&self, _: &Handle) {
        self.0.set(self.0.get() + 1);
    }
}

/// Start tags never dropped: void elements add no depth, and the raw-text ones switch the
/// tokenizer's state (a dropped `<script>` would turn its code into text).
pub(super) fn never_dropped(name: &LocalName) -> bool {
    matches!(
        name.as_ref(),
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "image"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
    )
}

impl TokenSink for DepthGuard {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        if self.stopped.get() {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag if !never_dropped(&tag.name) && self.depth() > self.limit => {
                    if self.past_limit == PastLimit::Stop {
                        self.stopped.set(true);
                        return TokenSinkResult::Continue;
                    }
                    *self
                        .dropped
                        .borrow_mut()
                        .entry(tag.name.clone())
                        .or_default() += 1;
                    return TokenSinkResult::Continue;
                }
                TagKind::EndTag => {
                    if let Some(n) = self.dropped.borrow_mut().get_mut(&tag.name)
                        && *n > 0
                    {
                        *n -= 1;
                        return TokenSinkResult::Continue;
                    }
                }
                TagKind::StartTag => {}
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    mod hostile {
        include!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/support/hostile.rs"
        ));
    }
    use super::super::{to_blocks, to_plain};
    use super::*;
    use crate::blog::{Block, Inline};

    fn bold(text: &str) -> Inline {
        Inline {
            text: text.into(),
            bold: true,
            ..Inline::default()
        }
    }

    const PAGE_HEAD: &str = "<!doctype html><html><head><title>T</title></head><body>";

    #[test]
    fn deep_nesting_is_flattened_quickly_without_overflow() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<a><i>", ""),
            ("<b>", "</b>"),
            ("<div/>", ""),
        ] {
            let html = format!("{}deep text{}", open.repeat(100_000), close.repeat(100_000));
            let blocks = to_blocks(&html);
            let text: String = blocks.iter().map(Block::plain_text).collect();
            assert!(text.contains("deep text"), "{open}: {text:?}");
        }
    }

    #[test]
    fn deep_blockquotes_and_lists_are_flattened_too() {
        let html = format!(
            "{}x{}",
            "<blockquote><ul><li>".repeat(20_000),
            "</li></ul></blockquote>".repeat(20_000)
        );
        let text = to_plain(&html);
        assert!(text.contains('x'));
    }

    #[test]
    fn the_depth_guard_keeps_ordinary_structure() {
        let deep = format!(
            "{}<p>t <b>b</b></p>{}",
            "<div>".repeat(60),
            "</div>".repeat(60)
        );
        assert_eq!(
            to_blocks(&deep),
            vec![Block::Paragraph {
                runs: vec![Inline::plain("t "), bold("b")]
            }]
        );
    }

    #[test]
    fn tricks_that_hide_tags_from_a_lexical_scan_are_still_bounded() {
        for trick in hostile::TRICKS {
            // How long it takes is printed by `cargo bench --bench formats`.
            let html = trick.repeat(30_000);
            let text: usize = to_blocks(&html).iter().map(|b| b.plain_text().len()).sum();
            assert!(text <= html.len(), "{trick}");
        }
    }

    #[test]
    fn a_script_below_the_depth_limit_stays_a_script() {
        let html = format!("{}<script>secret()</script>visible", "<div>".repeat(200));
        let text = to_plain(&html);
        assert_eq!(text, "visible");
    }

    #[test]
    fn a_page_nested_past_the_limit_is_refused_quickly() {
        for open in ["<div>", "<a><i>", "<div/>"] {
            let page = format!("{PAGE_HEAD}{}x", open.repeat(50_000));
            assert_eq!(parse_document(&page).err(), Some(TooDeep), "{open}");
        }
        let at_limit = format!("{PAGE_HEAD}{}x", "<div>".repeat(MAX_PAGE_DEPTH - 10));
        assert!(parse_document(&at_limit).is_ok());
        assert_eq!(TooDeep.to_string(), "elements nested more than 1024 deep");
    }

    #[test]
    fn tricks_that_hide_tags_from_a_lexical_scan_are_bounded_in_a_page_too() {
        for trick in hostile::TRICKS {
            // How long it takes is printed by `cargo bench --bench formats`.
            let page = format!("{PAGE_HEAD}{}", trick.repeat(30_000));
            if let Ok(doc) = parse_document(&page) {
                assert!(doc.tree.nodes().count() <= 2 * page.len(), "{trick}");
            }
        }
    }

    #[test]
    fn never_closed_paragraphs_are_not_nesting() {
        let page = format!("{PAGE_HEAD}{}", "<p>para".repeat(5_000));
        assert!(parse_document(&page).is_ok());
    }

    #[test]
    fn a_page_within_the_limit_parses_as_scraper_parses_it() {
        for page in [
            include_str!("../../../tests/fixtures/html/corkbeo-level-3-live-2020-10-06.html"),
            include_str!("../../../tests/fixtures/html/ndtv-ind-vs-sl-cwc-2023-11-02.html"),
        ] {
            let guarded = parse_document(page).unwrap();
            assert_eq!(guarded.html(), Html::parse_document(page).html());
        }
    }
}
