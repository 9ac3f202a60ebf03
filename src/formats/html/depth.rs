//! The depth guard: keeps html5ever's parse linear however deep the markup nests.

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
/// before further start tags are dropped. Twice the walk's limit: structure below
/// [`MAX_DEPTH`] is flattened anyway, this only has to keep the parse linear.
const PARSE_DEPTH: usize = 2 * MAX_DEPTH;

type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// Parses a fragment as `scraper::Html::parse_fragment` does (a `<body>` context), with the
/// tokenizer feeding the tree builder through [`DepthGuard`].
pub(super) fn parse_fragment(html: &str) -> Html {
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
    let tokenizer = Tokenizer::new(
        DepthGuard {
            builder,
            dropped: RefCell::default(),
        },
        opts,
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.finish()
}

/// Sits between html5ever's tokenizer and tree builder and drops start tags once the builder
/// holds [`PARSE_DEPTH`] elements. The builder's scope checks walk its stack of open elements,
/// so without this a 100,000-deep `<div>` tower takes a minute to parse. Dropped elements' text
/// still arrives, and their end tags are dropped with them.
struct DepthGuard {
    builder: TreeBuilder<Handle, HtmlTreeSink>,
    dropped: RefCell<HashMap<LocalName, usize>>,
}

impl DepthGuard {
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
fn never_dropped(name: &LocalName) -> bool {
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
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag if !never_dropped(&tag.name) && self.depth() > PARSE_DEPTH => {
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
