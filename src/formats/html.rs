//! HTML fragments (entry bodies, standfirsts, captions) to the rich model.
//!
//! html5ever (the parser `scraper` is built on) does the parsing, so entities, implied end tags
//! and broken markup are handled the way a browser would; this module walks the resulting tree.
//! Two guards keep hostile input cheap: start tags are dropped between the tokenizer and the
//! tree builder once the tree is too deep (html5ever's scope checks are linear in the depth of
//! open elements, so a 100,000-deep `<div>` tower would otherwise take a minute to parse), and
//! the walk itself stops recursing at [`MAX_DEPTH`] and takes what lies below as plain text.

use crate::blog::{Block, Inline};
use html5ever::interface::{Tracer, TreeSink, create_element};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{LocalName, QualName, TokenizerResult, local_name, ns};
use scraper::{ElementRef, Html, HtmlTreeSink, Node};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use url::Url;

/// Deepest element nesting kept as structure; below it, content is flattened into text.
const MAX_DEPTH: usize = 64;

/// Converts an HTML fragment to blocks. Never fails: what cannot be shown becomes text or is
/// dropped (scripts, styles, links that are not absolute http(s)).
pub fn to_blocks(html: &str) -> Vec<Block> {
    to_blocks_with_base(html, None)
}

/// As [`to_blocks`], with relative links and image sources resolved against the address of
/// the document the fragment came from.
pub fn to_blocks_with_base(html: &str, base: Option<&Url>) -> Vec<Block> {
    let doc = parse_fragment(html);
    let mut w = Walker {
        base: base.cloned().map(Rc::new),
        ..Walker::default()
    };
    w.children(doc.root_element(), 0);
    w.finish()
}

/// The text of an HTML fragment, for standfirsts, captions and headlines: entities decoded,
/// whitespace collapsed, one line per paragraph or list item, media left out.
pub fn to_plain(html: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for b in to_blocks(html) {
        match b {
            Block::Paragraph { runs } | Block::Heading { runs } => {
                lines.push(runs_text(&runs));
            }
            Block::Quote { paragraphs, .. } => {
                lines.extend(paragraphs.iter().map(|p| runs_text(p)));
            }
            Block::List { .. } => lines.push(b.plain_text()),
            Block::Code { text } => lines.push(text),
            Block::Image { .. } | Block::Embed { .. } | Block::Rule => {}
        }
    }
    lines.retain(|l| !l.trim().is_empty());
    lines.join("\n")
}

/// An absolute http(s) URL, or `None`: without a base, relative links lead nowhere, and
/// `javascript:`/`data:` targets must never reach a browser opener. Protocol-relative
/// addresses (`//host/x`) are taken as https.
pub fn absolute_url(href: &str) -> Option<String> {
    resolve_url(href, None)
}

/// A link target resolved against `base` (when given) and kept only if it is http(s).
pub fn resolve_url(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None if href.starts_with("//") => Url::parse(&format!("https:{href}")).ok()?,
        None => Url::parse(href).ok()?,
    };
    let web = matches!(url.scheme(), "http" | "https");
    let has_host = url.host_str().is_some_and(|h| !h.is_empty());
    // The serialisation is percent-encoded: no spaces or controls reach the screen or a shell.
    (web && has_host).then(|| url.as_str().to_string())
}

// ---------------------------------------------------------------------------------------------
// The tree walk.

/// Inline style in force at a point of the walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Style {
    bold: u32,
    italic: u32,
    /// Shared: the style is cloned at every space, the target only copied into new runs.
    link: Option<Rc<str>>,
}

impl Style {
    fn run(&self, text: &str) -> Inline {
        Inline {
            text: text.to_string(),
            bold: self.bold > 0,
            italic: self.italic > 0,
            link: self.link.as_deref().map(str::to_string),
        }
    }

    fn same_as(&self, r: &Inline) -> bool {
        r.bold == (self.bold > 0)
            && r.italic == (self.italic > 0)
            && r.link.as_deref() == self.link.as_deref()
    }
}

/// White space as HTML defines it (not U+00A0, which must stay).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// The paragraph being built: runs with HTML whitespace collapsed as a browser would.
#[derive(Default)]
struct Runs {
    runs: Vec<Inline>,
    /// Whitespace seen since the last character, and the style it was seen in.
    pending_space: Option<Style>,
}

impl Runs {
    fn push_str(&mut self, style: &Style, s: &str) {
        match self.runs.last_mut() {
            Some(r) if style.same_as(r) => r.text.push_str(s),
            _ => self.runs.push(style.run(s)),
        }
    }

    fn at_line_start(&self) -> bool {
        self.runs.last().is_none_or(|r| r.text.ends_with('\n'))
    }

    /// Text as it appears in the source: runs of HTML whitespace become one space, none at the
    /// start of a line.
    fn push_text(&mut self, style: &Style, text: &str) {
        let mut rest = text;
        while !rest.is_empty() {
            let space = rest.find(|c| !is_html_space(c)).unwrap_or(rest.len());
            if space > 0 {
                if self.pending_space.is_none() && !self.at_line_start() {
                    self.pending_space = Some(style.clone());
                }
                rest = &rest[space..];
                continue;
            }
            let word = rest.find(is_html_space).unwrap_or(rest.len());
            if let Some(s) = self.pending_space.take() {
                self.push_str(&s, " ");
            }
            self.push_str(style, &rest[..word]);
            rest = &rest[word..];
        }
    }

    /// Text kept exactly (preformatted code inside a paragraph).
    fn push_verbatim(&mut self, style: &Style, text: &str) {
        if let Some(s) = self.pending_space.take() {
            self.push_str(&s, " ");
        }
        self.push_str(style, text);
    }

    /// A `<br>`: a newline, with the spaces before and after it dropped.
    fn line_break(&mut self, style: &Style) {
        self.pending_space = None;
        self.push_str(style, "\n");
    }

    /// The finished runs, without leading or trailing white space; `None` when blank.
    fn take(&mut self) -> Option<Vec<Inline>> {
        self.pending_space = None;
        let mut runs = std::mem::take(&mut self.runs);
        if runs.iter().all(|r| r.text.chars().all(char::is_whitespace)) {
            return None;
        }
        while runs.first().is_some_and(|r| r.text.trim_start().is_empty()) {
            runs.remove(0);
        }
        while runs.last().is_some_and(|r| r.text.trim_end().is_empty()) {
            runs.pop();
        }
        if let Some(first) = runs.first_mut() {
            let t = first.text.trim_start();
            if t.len() != first.text.len() {
                first.text = t.to_string();
            }
        }
        if let Some(last) = runs.last_mut() {
            let t = last.text.trim_end();
            if t.len() != last.text.len() {
                last.text.truncate(t.len());
            }
        }
        Some(runs)
    }
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    para: Runs,
    style: Style,
    /// Address of the document, for relative links.
    base: Option<Rc<Url>>,
}

/// Elements whose content is never text for a reader.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "object"
            | "param"
            | "source"
            | "track"
            | "map"
            | "canvas"
            | "noembed"
            | "noframes"
    )
}

/// Elements that start a new block of their own.
fn is_block_level(name: &str) -> bool {
    is_block_container(name)
        || matches!(
            name,
            "h1" | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "ul"
                | "ol"
                | "li"
                | "blockquote"
                | "pre"
                | "figure"
                | "figcaption"
                | "tr"
                | "hr"
        )
}

/// Elements that end the paragraph around them and are otherwise transparent.
fn is_block_container(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "td"
            | "th"
            | "caption"
            | "form"
            | "fieldset"
            | "legend"
            | "body"
            | "html"
            | "hgroup"
            | "menu"
    )
}

impl Walker {
    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    /// Ends the current paragraph, if it has any text.
    fn flush(&mut self) {
        if let Some(runs) = self.para.take() {
            self.blocks.push(Block::Paragraph { runs });
        }
    }

    fn push_block(&mut self, b: Block) {
        self.flush();
        self.blocks.push(b);
    }

    fn children(&mut self, el: ElementRef<'_>, depth: usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.para.push_text(&self.style, t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.element(e, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// A walker for content kept apart from the current paragraph, in the same style.
    fn sub(&self) -> Walker {
        Walker {
            style: self.style.clone(),
            base: self.base.clone(),
            ..Walker::default()
        }
    }

    /// Blocks of an element's content, walked apart from the current paragraph.
    fn sub_blocks(&self, el: ElementRef<'_>, depth: usize) -> Vec<Block> {
        let mut w = self.sub();
        w.children(el, depth);
        w.finish()
    }

    fn url(&self, href: &str) -> Option<String> {
        resolve_url(href, self.base.as_deref())
    }

    fn element(&mut self, el: ElementRef<'_>, depth: usize) {
        let name = el.value().name();
        if is_skipped(name) {
            return;
        }
        if depth > MAX_DEPTH {
            self.flat_text(el);
            return;
        }
        match name {
            "br" => self.para.line_break(&self.style),
            "hr" => self.push_block(Block::Rule),
            "b" | "strong" => self.styled(el, depth, |s| s.bold += 1),
            "i" | "em" | "cite" | "dfn" | "var" => self.styled(el, depth, |s| s.italic += 1),
            "a" => {
                let link = el.attr("href").and_then(|h| self.url(h)).map(Rc::from);
                let outer = self.style.link.clone();
                if link.is_some() {
                    self.style.link = link;
                }
                self.children(el, depth);
                self.style.link = outer;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let (runs, media) = flatten(self.sub_blocks(el, depth));
                if !runs.is_empty() {
                    self.blocks.push(Block::Heading { runs });
                }
                self.blocks.extend(media);
            }
            "ul" | "ol" => self.list(el, depth, name == "ol"),
            "li" => {
                // A list item outside a list: a one-item list.
                self.flush();
                let (runs, media) = flatten(self.sub_blocks(el, depth));
                if !runs.is_empty() {
                    self.blocks.push(Block::List {
                        ordered: false,
                        items: vec![runs],
                    });
                }
                self.blocks.extend(media);
            }
            "blockquote" => self.quote(el, depth),
            "pre" => {
                let text: String = el.text().collect();
                let text = text.strip_prefix('\n').unwrap_or(&text).trim_end();
                if !text.is_empty() {
                    self.push_block(Block::Code {
                        text: text.to_string(),
                    });
                }
            }
            "code" | "kbd" | "samp" | "tt" => {
                let text: String = el.text().collect();
                if text.trim().contains('\n') {
                    self.push_block(Block::Code {
                        text: text.trim_matches('\n').trim_end().to_string(),
                    });
                } else {
                    self.para.push_verbatim(&self.style, &text);
                }
            }
            "figure" => self.figure(el, depth),
            "tr" => self.table_row(el, depth),
            "img" => {
                if let Some(img) = image(el, String::new(), String::new(), self.base.as_deref()) {
                    self.push_block(img);
                }
            }
            "iframe" | "video" | "audio" | "embed" => {
                let b = embed(el, self.base.as_deref());
                self.push_block(b);
            }
            "figcaption" => {
                // A caption outside a figure is just a paragraph.
                self.flush();
                self.children(el, depth);
                self.flush();
            }
            _ if is_block_container(name) => {
                self.flush();
                self.children(el, depth);
                self.flush();
            }
            // span, small, u, mark, sub, sup, abbr, time, q, unknown elements: inline.
            _ => self.children(el, depth),
        }
    }

    fn styled(&mut self, el: ElementRef<'_>, depth: usize, f: impl Fn(&mut Style)) {
        let outer = self.style.clone();
        f(&mut self.style);
        self.children(el, depth);
        self.style = outer;
    }

    /// Below the depth limit: the text of everything, iteratively, in the current style.
    /// Block boundaries become spaces, so that words of adjacent paragraphs stay apart.
    fn flat_text(&mut self, el: ElementRef<'_>) {
        let mut stack = vec![(el.children(), false)];
        while let Some((top, _)) = stack.last_mut() {
            let Some(node) = top.next() else {
                if let Some((_, true)) = stack.pop() {
                    self.para.push_text(&self.style, " ");
                }
                continue;
            };
            match node.value() {
                Node::Text(t) => self.para.push_text(&self.style, t),
                Node::Element(e) if !is_skipped(e.name()) => {
                    let name = e.name();
                    if name == "br" {
                        self.para.line_break(&self.style);
                    } else {
                        let block = is_block_level(name);
                        if block {
                            self.para.push_text(&self.style, " ");
                        }
                        stack.push((node.children(), block));
                    }
                }
                _ => {}
            }
        }
    }

    fn list(&mut self, el: ElementRef<'_>, depth: usize, ordered: bool) {
        self.flush();
        let mut items = Vec::new();
        let mut media = Vec::new();
        // Content between items (stray text, or a nested list not wrapped in an li) is kept
        // as items of its own rather than lost.
        let mut stray = self.sub();
        for child in el.children() {
            match child.value() {
                Node::Element(e) if e.name() == "li" => {
                    take_stray(&mut stray, &mut items, &mut media);
                    stray.style = self.style.clone();
                    if let Some(li) = ElementRef::wrap(child) {
                        let (runs, m) = flatten(self.sub_blocks(li, depth + 1));
                        if !runs.is_empty() {
                            items.push(runs);
                        }
                        media.extend(m);
                    }
                }
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        stray.element(e, depth + 1);
                    }
                }
                Node::Text(t) => stray.para.push_text(&stray.style, t),
                _ => {}
            }
        }
        take_stray(&mut stray, &mut items, &mut media);
        if !items.is_empty() {
            self.blocks.push(Block::List { ordered, items });
        }
        self.blocks.extend(media);
    }

    /// A table row as one paragraph, its cells separated by " | ": a terminal has no room for
    /// a grid, and a cell per paragraph loses which values belong together.
    fn table_row(&mut self, el: ElementRef<'_>, depth: usize) {
        self.flush();
        let mut runs: Vec<Inline> = Vec::new();
        let mut media = Vec::new();
        for cell in el.child_elements() {
            if !matches!(cell.value().name(), "td" | "th") {
                continue;
            }
            let (mut cell_runs, m) = flatten(self.sub_blocks(cell, depth + 1));
            media.extend(m);
            if !runs.is_empty() {
                runs.push(Inline::plain(" | "));
            }
            runs.append(&mut cell_runs);
        }
        if runs.iter().any(|r| !r.text.trim().is_empty()) {
            self.blocks.push(Block::Paragraph { runs: merged(runs) });
        }
        self.blocks.extend(media);
    }

    fn quote(&mut self, el: ElementRef<'_>, depth: usize) {
        self.flush();
        // A trailing <cite> or <footer> names the speaker.
        let last = el.child_elements().last();
        let attribution_el = last.filter(|e| matches!(e.value().name(), "cite" | "footer"));
        let mut inner = self.sub();
        for child in el.children() {
            if attribution_el.is_some_and(|a| a.id() == child.id()) {
                continue;
            }
            match child.value() {
                Node::Text(t) => inner.para.push_text(&inner.style, t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        inner.element(e, depth + 1);
                    }
                }
                _ => {}
            }
        }
        let mut paragraphs = Vec::new();
        let mut media = Vec::new();
        for b in inner.finish() {
            match b {
                Block::Image { .. } | Block::Embed { .. } => media.push(b),
                Block::Quote { paragraphs: p, .. } => paragraphs.extend(p),
                Block::Rule => {}
                other => {
                    let (runs, m) = flatten(vec![other]);
                    media.extend(m);
                    paragraphs.push(runs);
                }
            }
        }
        // A dash left alone before the attribution ("— <cite>Name</cite>") is punctuation.
        paragraphs.retain(|p| !is_only_dashes(&runs_text(p)));
        let attribution = attribution_el
            .map(|a| plain_of(a))
            .map(|a| {
                a.trim_start_matches(|c: char| is_dash(c) || c.is_whitespace())
                    .to_string()
            })
            .filter(|a| !a.is_empty());
        if !paragraphs.is_empty() || attribution.is_some() {
            self.blocks.push(Block::Quote {
                paragraphs,
                attribution,
            });
        }
        self.blocks.extend(media);
    }

    fn figure(&mut self, el: ElementRef<'_>, depth: usize) {
        let img = el.descendent_elements().find(|e| e.value().name() == "img");
        let player = el
            .descendent_elements()
            .find(|e| matches!(e.value().name(), "iframe" | "video" | "audio" | "embed"));
        let figcaption = el
            .descendent_elements()
            .find(|e| e.value().name() == "figcaption");
        let (caption, credit) = figcaption.map(caption_and_credit).unwrap_or_default();
        if let Some(img) = img {
            if let Some(b) = image(img, caption, credit, self.base.as_deref()) {
                self.push_block(b);
            }
        } else if let Some(p) = player {
            let mut b = embed(p, self.base.as_deref());
            if let Block::Embed { title, .. } = &mut b
                && title.is_empty()
            {
                *title = caption;
            }
            self.push_block(b);
        } else if let Some(kind) = guardian_figure_kind(el) {
            // A Guardian embed figure (`<figure class="element element-tweet"
            // data-canonical-url="…">`): one Embed, as its typed element reads in the other
            // Guardian formats, titled with its text.
            let url = el
                .attr("data-canonical-url")
                .and_then(|u| self.url(u))
                .or_else(|| {
                    el.descendent_elements()
                        .filter(|a| a.value().name() == "a")
                        .find_map(|a| a.attr("href").and_then(|h| self.url(h)))
                });
            self.push_block(Block::Embed {
                kind,
                title: collapse(&plain_of(el)),
                url,
            });
        } else {
            // A figure of text (a quote, a stray paragraph): its content as blocks.
            self.flush();
            self.children(el, depth);
            self.flush();
        }
    }
}

/// The kind of a Guardian embed figure from its `element-<type>` class (`element-tweet`,
/// `element-rich-link`, `element-embed`…); `None` for images and for figures without one.
fn guardian_figure_kind(el: ElementRef<'_>) -> Option<String> {
    el.value()
        .classes()
        .filter_map(|c| c.strip_prefix("element-"))
        .find(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()) && !t.contains("__"))
        .filter(|t| *t != "image")
        .map(guardian_kind)
}

/// A readable embed kind from a Guardian element type (a Content API `type`, or the
/// `element-<type>` class of a rendered body): "tweet" → "Tweet", "rich-link" → "Link",
/// "callout-v2" → "Callout v2".
pub fn guardian_kind(ty: &str) -> String {
    match ty {
        "tweet" => "Tweet".into(),
        "video" => "Video".into(),
        "audio" => "Audio".into(),
        "rich-link" => "Link".into(),
        other => {
            let words = other.replace(['-', '_'], " ");
            let mut chars = words.trim().chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => "Embed".into(),
            }
        }
    }
}

/// Content between list items, as items of its own.
fn take_stray(stray: &mut Walker, items: &mut Vec<Vec<Inline>>, media: &mut Vec<Block>) {
    let (runs, m) = flatten(std::mem::take(stray).finish());
    if !runs.is_empty() {
        items.push(runs);
    }
    media.extend(m);
}

fn runs_text(runs: &[Inline]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// One element's own text, collapsed, without the walk's block structure.
fn plain_of(el: ElementRef<'_>) -> String {
    let mut w = Walker::default();
    w.flat_text(el);
    w.para.take().map(|r| runs_text(&r)).unwrap_or_default()
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '−')
}

fn is_only_dashes(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| is_dash(c) || c.is_whitespace())
}

/// Caption and credit of a `<figcaption>`: text inside an element whose class names a credit
/// (the Guardian's `element-image__credit`) is the credit, the rest the caption.
fn caption_and_credit(fc: ElementRef<'_>) -> (String, String) {
    let mut caption = Walker::default();
    let mut credit = Walker::default();
    let mut stack = vec![(fc.children(), false)];
    while let Some((top, in_credit)) = stack.last_mut() {
        let in_credit = *in_credit;
        let Some(node) = top.next() else {
            stack.pop();
            continue;
        };
        match node.value() {
            Node::Text(t) => {
                let w = if in_credit { &mut credit } else { &mut caption };
                w.para.push_text(&Style::default(), t);
            }
            Node::Element(e) if !is_skipped(e.name()) => {
                let credit_here = in_credit || e.classes().any(|c| c.contains("credit"));
                if !credit_here {
                    caption.para.push_text(&Style::default(), " ");
                }
                stack.push((node.children(), credit_here));
            }
            _ => {}
        }
    }
    let text = |w: &mut Walker| w.para.take().map(|r| runs_text(&r)).unwrap_or_default();
    (text(&mut caption), text(&mut credit))
}

/// An `<img>` as an Image block; `None` when it has neither a usable source nor any text.
fn image(
    img: ElementRef<'_>,
    caption: String,
    credit: String,
    base: Option<&Url>,
) -> Option<Block> {
    let url = ["src", "data-src"]
        .iter()
        .filter_map(|a| img.attr(a))
        .find_map(|u| resolve_url(u, base))
        .or_else(|| {
            img.attr("srcset")
                .and_then(|s| s.split(',').next())
                .and_then(|first| first.split_whitespace().next())
                .and_then(|u| resolve_url(u, base))
        });
    let mut alt = collapse(img.attr("alt").unwrap_or_default());
    // Page templates leak their placeholders into alt text ("undefined" on every Cork Beo
    // picture): it describes nothing.
    if ["undefined", "null", "image", "img"].contains(&alt.to_ascii_lowercase().as_str()) {
        alt.clear();
    }
    if url.is_none() && alt.is_empty() && caption.is_empty() {
        return None;
    }
    Some(Block::Image {
        url,
        caption,
        alt,
        credit,
    })
}

/// A player or frame as an Embed block, its kind guessed from the element and its source.
fn embed(el: ElementRef<'_>, base: Option<&Url>) -> Block {
    let name = el.value().name();
    let src = el.attr("src").or_else(|| {
        el.child_elements()
            .filter(|c| c.value().name() == "source")
            .find_map(|c| c.attr("src"))
    });
    let url = src.and_then(|u| resolve_url(u, base));
    let host = url
        .as_deref()
        .and_then(|u| Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let kind = match name {
        "video" => "Video",
        "audio" => "Audio",
        _ if ["youtube", "youtu.be", "vimeo", "dailymotion"]
            .iter()
            .any(|h| host.contains(h)) =>
        {
            "Video"
        }
        _ if ["soundcloud", "spotify", "audioboom", "acast"]
            .iter()
            .any(|h| host.contains(h)) =>
        {
            "Audio"
        }
        _ if host.contains("twitter.com") || host == "x.com" => "Tweet",
        _ => "Embed",
    };
    let title = ["title", "aria-label", "alt"]
        .iter()
        .filter_map(|a| el.attr(a))
        .map(collapse)
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    Block::Embed {
        kind: kind.to_string(),
        title,
        url,
    }
}

/// Attribute text with its white space collapsed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Blocks flattened into one run list (for a heading, list item or quote paragraph): blocks
/// become lines, nested list items become "• " lines, and media are handed back to be placed
/// after the enclosing block.
fn flatten(blocks: Vec<Block>) -> (Vec<Inline>, Vec<Block>) {
    let mut runs: Vec<Inline> = Vec::new();
    let mut media = Vec::new();
    let line = |runs: &mut Vec<Inline>, prefix: &str, mut more: Vec<Inline>| {
        if more.is_empty() {
            return;
        }
        let mut lead = String::new();
        if !runs.is_empty() {
            lead.push('\n');
        }
        lead.push_str(prefix);
        if !lead.is_empty() {
            runs.push(Inline::plain(lead));
        }
        runs.append(&mut more);
    };
    for b in blocks {
        match b {
            Block::Paragraph { runs: r } | Block::Heading { runs: r } => line(&mut runs, "", r),
            Block::List { ordered, items } => {
                for (i, it) in items.into_iter().enumerate() {
                    let prefix = if ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "• ".to_string()
                    };
                    line(&mut runs, &prefix, it);
                }
            }
            Block::Quote {
                paragraphs,
                attribution,
            } => {
                for p in paragraphs {
                    line(&mut runs, "", p);
                }
                if let Some(a) = attribution {
                    line(&mut runs, "— ", vec![Inline::plain(a)]);
                }
            }
            Block::Code { text } => line(&mut runs, "", vec![Inline::plain(text)]),
            Block::Image { .. } | Block::Embed { .. } => media.push(b),
            Block::Rule => {}
        }
    }
    (merged(runs), media)
}

/// Adjacent runs of the same style joined: they read, wrap and compare better as one.
fn merged(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    for r in runs {
        match out.last_mut() {
            Some(m) if m.bold == r.bold && m.italic == r.italic && m.link == r.link => {
                m.text.push_str(&r.text);
            }
            _ => out.push(r),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The depth guard.

/// Most handles the tree builder may hold (open elements plus active formatting elements)
/// before further start tags are dropped. Twice the walk's limit: structure below
/// [`MAX_DEPTH`] is flattened anyway, this only has to keep the parse linear.
const PARSE_DEPTH: usize = 2 * MAX_DEPTH;

type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// Parses a fragment as `scraper::Html::parse_fragment` does (a `<body>` context), with the
/// tokenizer feeding the tree builder through [`DepthGuard`].
fn parse_fragment(html: &str) -> Html {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_with_no_usable_source_and_a_placeholder_alt_is_nothing() {
        let html =
            r#"<p>Before.</p><img alt="undefined" src="blob:https://cms.example/1"><p>After.</p>"#;
        assert_eq!(
            to_blocks(html),
            vec![Block::text("Before."), Block::text("After.")]
        );
    }
    use std::time::{Duration, Instant};

    fn plain(runs: &[Inline]) -> String {
        runs_text(runs)
    }

    fn link(text: &str, url: &str) -> Inline {
        Inline {
            text: text.into(),
            link: Some(url.into()),
            ..Inline::default()
        }
    }

    fn bold(text: &str) -> Inline {
        Inline {
            text: text.into(),
            bold: true,
            ..Inline::default()
        }
    }

    fn italic(text: &str) -> Inline {
        Inline {
            text: text.into(),
            italic: true,
            ..Inline::default()
        }
    }

    #[test]
    fn paragraphs_divs_and_sections_become_paragraphs() {
        let b = to_blocks("<p>One</p><div>Two</div><section><p>Three</p></section>");
        assert_eq!(
            b,
            vec![Block::text("One"), Block::text("Two"), Block::text("Three")]
        );
    }

    #[test]
    fn text_directly_in_the_fragment_is_a_paragraph() {
        assert_eq!(
            to_blocks("loose <b>text</b><p>then a paragraph</p>tail"),
            vec![
                Block::Paragraph {
                    runs: vec![Inline::plain("loose "), bold("text")]
                },
                Block::text("then a paragraph"),
                Block::text("tail"),
            ]
        );
    }

    #[test]
    fn whitespace_collapses_like_a_browser() {
        let b = to_blocks("<p>\n  Hello,\n\t   <em>dear</em>   <strong>reader</strong> .  \n</p>");
        assert_eq!(
            b,
            vec![Block::Paragraph {
                runs: vec![
                    Inline::plain("Hello, "),
                    italic("dear"),
                    Inline::plain(" "),
                    bold("reader"),
                    Inline::plain(" ."),
                ]
            }]
        );
        assert_eq!(to_blocks("<p>   </p><p>\n</p>"), vec![]);
        assert_eq!(to_plain("a<span> </span>b"), "a b");
        assert_eq!(to_plain("a<span>b</span>c"), "abc");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            to_plain("<p>Fish &amp; chips&nbsp;here, it&#8217;s &quot;fine&quot; &lt;ok&gt;</p>"),
            "Fish & chips\u{a0}here, it\u{2019}s \"fine\" <ok>"
        );
    }

    #[test]
    fn br_is_a_line_break_inside_the_paragraph() {
        assert_eq!(
            to_blocks("<p>line one <br> line two<br/>three</p>"),
            vec![Block::text("line one\nline two\nthree")]
        );
    }

    #[test]
    fn headings_keep_their_inline_styles() {
        assert_eq!(
            to_blocks("<h2>Big <em>news</em></h2><h6>small</h6>"),
            vec![
                Block::Heading {
                    runs: vec![Inline::plain("Big "), italic("news")]
                },
                Block::Heading {
                    runs: vec![Inline::plain("small")]
                },
            ]
        );
    }

    #[test]
    fn bold_italic_and_links_nest() {
        let b = to_blocks(
            r#"<p><strong>a <i>b</i></strong> <a href="https://x.test/p">c <b>d</b></a></p>"#,
        );
        let Block::Paragraph { runs } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(runs[0], bold("a "));
        assert_eq!(
            runs[1],
            Inline {
                text: "b".into(),
                bold: true,
                italic: true,
                link: None
            }
        );
        assert_eq!(runs[2], Inline::plain(" "));
        assert_eq!(runs[3], link("c ", "https://x.test/p"));
        assert_eq!(
            runs[4],
            Inline {
                text: "d".into(),
                bold: true,
                italic: false,
                link: Some("https://x.test/p".into())
            }
        );
    }

    #[test]
    fn only_absolute_http_links_survive() {
        let b = to_blocks(
            r#"<p><a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> <a href="/relative">rel</a> <a href="//cdn.test/x">proto</a> <a href=" http://plain.test/ ">http</a> <a href="mailto:a@b">mail</a></p>"#,
        );
        let Block::Paragraph { runs } = &b[0] else {
            panic!("{b:?}")
        };
        let links: Vec<_> = runs.iter().filter_map(|r| r.link.as_deref()).collect();
        assert_eq!(links, vec!["https://cdn.test/x", "http://plain.test/"]);
        assert_eq!(plain(runs), "js data rel proto http mail");
    }

    #[test]
    fn relative_links_resolve_against_the_document_address() {
        let base = Url::parse("https://www.theguardian.com/politics/live/2023/dec/13/x").unwrap();
        let b = to_blocks_with_base(
            r##"<p><a href="/politics/y">root</a> <a href="#block-1">here</a> <a href="javascript:x()">js</a> <a href="">empty</a></p><img src="../img.jpg">"##,
            Some(&base),
        );
        let Block::Paragraph { runs } = &b[0] else {
            panic!("{b:?}")
        };
        let links: Vec<_> = runs.iter().filter_map(|r| r.link.as_deref()).collect();
        assert_eq!(
            links,
            vec![
                "https://www.theguardian.com/politics/y",
                "https://www.theguardian.com/politics/live/2023/dec/13/x#block-1"
            ]
        );
        assert!(matches!(&b[1], Block::Image { url: Some(u), .. }
            if u == "https://www.theguardian.com/politics/live/2023/dec/img.jpg"));
    }

    #[test]
    fn control_characters_in_a_link_are_percent_encoded() {
        let b = to_blocks("<p><a href=\"https://a/\x07\x1b]52;c;eA==\x07\">x</a></p>");
        let Block::Paragraph { runs } = &b[0] else {
            panic!("{b:?}")
        };
        let link = runs[0].link.as_deref().unwrap();
        assert!(!link.chars().any(char::is_control), "{link:?}");
        assert!(link.starts_with("https://a/"), "{link}");
    }

    #[test]
    fn lists_keep_their_items_and_order() {
        assert_eq!(
            to_blocks(
                "<ul>\n <li>\n  <p><strong>One</strong> item</p></li>\n <li>Two</li>\n</ul><ol><li>first</li><li>second</li></ol>"
            ),
            vec![
                Block::List {
                    ordered: false,
                    items: vec![
                        vec![bold("One"), Inline::plain(" item")],
                        vec![Inline::plain("Two")]
                    ]
                },
                Block::List {
                    ordered: true,
                    items: vec![vec![Inline::plain("first")], vec![Inline::plain("second")]]
                },
            ]
        );
    }

    #[test]
    fn nested_lists_become_lines_of_their_item() {
        let b = to_blocks("<ul><li>top<ul><li>inner a</li><li>inner b</li></ul></li></ul>");
        let Block::List { items, .. } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(items.len(), 1);
        assert_eq!(plain(&items[0]), "top\n• inner a\n• inner b");
    }

    #[test]
    fn blockquote_is_a_quote_with_its_trailing_attribution() {
        assert_eq!(
            to_blocks(
                "<blockquote><p>We will <b>win</b>.</p><p>Again.</p><footer>— Someone Famous</footer></blockquote>"
            ),
            vec![Block::Quote {
                paragraphs: vec![
                    vec![Inline::plain("We will "), bold("win"), Inline::plain(".")],
                    vec![Inline::plain("Again.")],
                ],
                attribution: Some("Someone Famous".into()),
            }]
        );
        assert_eq!(
            to_blocks("<blockquote>Short one — <cite>A. Writer</cite></blockquote>"),
            vec![Block::Quote {
                paragraphs: vec![vec![Inline::plain("Short one —")]],
                attribution: Some("A. Writer".into()),
            }]
        );
        assert_eq!(
            to_blocks("<blockquote class=\"quoted\">\n <p>Plain quote</p>\n</blockquote>"),
            vec![Block::Quote {
                paragraphs: vec![vec![Inline::plain("Plain quote")]],
                attribution: None,
            }]
        );
    }

    #[test]
    fn figures_become_images_with_caption_alt_and_credit() {
        let b = to_blocks(
            r#"<figure class="element element-image"> <img src="http://media.test/1000.jpg" alt="Clive James" width="1000" /> <figcaption> <span class="element-image__caption">Mandatory  Credit: Photo</span> <span class="element-image__credit">Photograph: REX/REX</span> </figcaption> </figure>"#,
        );
        assert_eq!(
            b,
            vec![Block::Image {
                url: Some("http://media.test/1000.jpg".into()),
                caption: "Mandatory Credit: Photo".into(),
                alt: "Clive James".into(),
                credit: "Photograph: REX/REX".into(),
            }]
        );
        assert_eq!(
            to_blocks(r#"<p>Look: <img src="//img.test/a.png" alt="a cat"> here</p>"#),
            vec![
                Block::text("Look:"),
                Block::Image {
                    url: Some("https://img.test/a.png".into()),
                    caption: String::new(),
                    alt: "a cat".into(),
                    credit: String::new(),
                },
                Block::text("here"),
            ]
        );
    }

    #[test]
    fn players_and_frames_become_embeds() {
        let b = to_blocks(
            r#"<iframe src="https://www.youtube.com/embed/xyz" title="A clip"></iframe><video><source src="https://v.test/a.mp4"></video><audio src="https://a.test/a.mp3"></audio><embed src="javascript:evil()"><figure><iframe src="https://interactive.test/x"></iframe><figcaption>The map</figcaption></figure>"#,
        );
        assert_eq!(
            b,
            vec![
                Block::Embed {
                    kind: "Video".into(),
                    title: "A clip".into(),
                    url: Some("https://www.youtube.com/embed/xyz".into())
                },
                Block::Embed {
                    kind: "Video".into(),
                    title: String::new(),
                    url: Some("https://v.test/a.mp4".into())
                },
                Block::Embed {
                    kind: "Audio".into(),
                    title: String::new(),
                    url: Some("https://a.test/a.mp3".into())
                },
                Block::Embed {
                    kind: "Embed".into(),
                    title: String::new(),
                    url: None
                },
                Block::Embed {
                    kind: "Embed".into(),
                    title: "The map".into(),
                    url: Some("https://interactive.test/x".into())
                },
            ]
        );
    }

    #[test]
    fn guardian_embed_figures_become_embeds_of_their_element_type() {
        // The shape of a tweet in a Content API `bodyHtml`.
        let b = to_blocks(
            r#"<figure class="element element-tweet" data-canonical-url="https://twitter.com/a/status/1"> <blockquote class="twitter-tweet"><p lang="en">Big <b>news</b> &amp; more</p>&mdash; A (@a) <a href="https://twitter.com/a/status/1?ref_src=x">May 1</a></blockquote> </figure><figure class="element element-rich-link element--thumbnail"><p><span>Related: </span><a href="https://www.theguardian.com/x">A story</a></p></figure><figure class="element element-embed"></figure>"#,
        );
        assert_eq!(
            b,
            vec![
                Block::Embed {
                    kind: "Tweet".into(),
                    title: "Big news & more — A (@a) May 1".into(),
                    url: Some("https://twitter.com/a/status/1".into())
                },
                Block::Embed {
                    kind: "Link".into(),
                    title: "Related: A story".into(),
                    url: Some("https://www.theguardian.com/x".into())
                },
                Block::Embed {
                    kind: "Embed".into(),
                    title: String::new(),
                    url: None
                },
            ]
        );
    }

    #[test]
    fn pre_and_code_keep_their_text() {
        assert_eq!(
            to_blocks(
                "<pre>\nfn main() {\n    x  = 1;\n}\n</pre><p>call <code>a  b</code> now</p>"
            ),
            vec![
                Block::Code {
                    text: "fn main() {\n    x  = 1;\n}".into()
                },
                Block::text("call a  b now"),
            ]
        );
    }

    #[test]
    fn table_rows_become_paragraphs_of_cells() {
        assert_eq!(
            to_blocks(
                "<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Labour</td><td><b>411</b></td></tr></table>"
            ),
            vec![
                Block::text("Party | Seats"),
                Block::Paragraph {
                    runs: vec![Inline::plain("Labour | "), bold("411")]
                },
            ]
        );
    }

    #[test]
    fn hr_is_a_rule() {
        assert_eq!(
            to_blocks("<p>a</p><hr><p>b</p>"),
            vec![Block::text("a"), Block::Rule, Block::text("b")]
        );
    }

    #[test]
    fn script_style_and_template_content_never_appears() {
        let html = "<p>keep</p><script>alert('<p>no</p>')</script><style>p{}</style><noscript>ns</noscript><template><p>tpl</p></template><p>also <script>x()</script>kept</p>";
        let text = to_plain(html);
        assert_eq!(text, "keep\nalso kept");
        for b in to_blocks(html) {
            let t = b.plain_text();
            assert!(
                !t.contains("alert") && !t.contains("tpl") && !t.contains("ns"),
                "{t}"
            );
        }
    }

    #[test]
    fn to_plain_gives_lines_without_media() {
        assert_eq!(
            to_plain(
                "<p>The prime minister faced PMQs </p><ul><li>one</li><li>two</li></ul><img src=\"https://x.test/i.jpg\">"
            ),
            "The prime minister faced PMQs\n• one\n• two"
        );
        assert_eq!(to_plain(""), "");
        assert_eq!(to_plain("just text"), "just text");
    }

    #[test]
    fn deep_nesting_is_flattened_quickly_without_overflow() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<a><i>", ""),
            ("<b>", "</b>"),
            ("<div/>", ""),
        ] {
            let html = format!("{}deep text{}", open.repeat(100_000), close.repeat(100_000));
            let start = Instant::now();
            let blocks = to_blocks(&html);
            let took = start.elapsed();
            assert!(took < Duration::from_secs(2), "{open}: {took:?}");
            let text: String = blocks.iter().map(Block::plain_text).collect();
            assert!(text.contains("deep text"), "{open}: {text:?}");
        }
    }

    #[test]
    fn below_the_depth_limit_paragraphs_stay_apart_as_words() {
        let html = format!(
            "{}<p>one</p><p>two</p>three{}",
            "<div>".repeat(80),
            "</div>".repeat(80)
        );
        assert_eq!(to_plain(&html), "one two three");
    }

    #[test]
    fn deep_blockquotes_and_lists_are_flattened_too() {
        let html = format!(
            "{}x{}",
            "<blockquote><ul><li>".repeat(20_000),
            "</li></ul></blockquote>".repeat(20_000)
        );
        let start = Instant::now();
        let text = to_plain(&html);
        assert!(start.elapsed() < Duration::from_secs(2));
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
        for trick in [
            "<!--><div>",
            "<div a==\"><div>",
            "<svg><title><div>",
            "<div><table></div></table>",
            "<p><b x=1></p>",
        ] {
            let html = trick.repeat(30_000);
            let start = Instant::now();
            let _ = to_blocks(&html);
            assert!(
                start.elapsed() < Duration::from_secs(2),
                "{trick}: {:?}",
                start.elapsed()
            );
        }
    }

    #[test]
    fn a_script_below_the_depth_limit_stays_a_script() {
        let html = format!("{}<script>secret()</script>visible", "<div>".repeat(200));
        let text = to_plain(&html);
        assert_eq!(text, "visible");
    }

    #[test]
    fn several_megabytes_convert_in_reasonable_time() {
        let para = "<p>Some <b>bold</b> and <a href=\"https://x.test/\">a link</a> in a paragraph of text.</p>\n";
        let html = para.repeat(40_000);
        assert!(html.len() > 3_000_000);
        let start = Instant::now();
        let blocks = to_blocks(&html);
        assert_eq!(blocks.len(), 40_000);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{:?}",
            start.elapsed()
        );
    }
}
