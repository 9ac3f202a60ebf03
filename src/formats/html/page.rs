//! A fast reading of whole pages, for the pages it is sure about.
//!
//! Building a page's tree with html5ever was more than half of reading a page by its layout:
//! its tokenizer goes a character at a time through a state machine, and its tree builder
//! checks every rule of HTML5 for every token. Most pages are written in a small part of HTML:
//! tags with quoted attributes, text with character references, comments, scripts and styles,
//! paragraphs and list items left for the parser to close. Those are read here, a run of text
//! at a time, into the very tree html5ever builds (through scraper's own tree sink). Anything
//! whose rules are not reproduced exactly (tables, SVG and `MathML`, misnested formatting
//! elements, stray end tags, odd comments, NUL, templates, forms in forms, nesting near the
//! depth limit, …) makes [`parse`] answer `None`, and the page is parsed by html5ever as before.
//!
//! Being unsure is allowed, being wrong is not: a test parses every fixture page, the pages
//! the other tests build and thousands of made-up documents both ways and compares the trees
//! node by node, and so does the `html_page` fuzz target. The one difference is that the
//! parse errors html5ever records in `Html::errors` (which nothing reads) are not recorded.

/// A pattern matching any of the element names given.
macro_rules! names {
    ($($n:tt)|+) => { $(local_name!($n))|+ };
}

mod build;
mod lex;
pub(super) mod light;
mod refs;
pub(super) mod same;
mod sets;
pub(super) mod skim;

/// Text of a page as its lexer reads it (an attribute value when `in_attr`): references
/// decoded as html5ever decodes them; `None` with NUL.
pub(in crate::formats) fn decoded(raw: &str, in_attr: bool) -> Option<Cow<'_, str>> {
    lex::text(raw, in_attr).ok()
}

use scraper::Html;
use std::borrow::Cow;

/// Why a page is left to html5ever: for the tests and their report of what is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Refused(pub(super) &'static str);

/// The tree html5ever builds for `html` (as `depth::parse_document` does), when this reading
/// is sure to build the same; `None` when it is not.
pub(super) fn parse(html: &str) -> Option<Html> {
    read(html).ok()
}

/// As [`parse`], saying why a page is refused.
pub(super) fn read(html: &str) -> Result<Html, Refused> {
    build::build(&normalised(html))
}

/// What `read` makes of the light tree of `html` (see `light.rs`), when this reading is sure
/// of the page; `None` when it is not.
pub(in crate::formats) fn read_light<R>(
    html: &str,
    read: impl FnOnce(&light::Light<'_>) -> R,
) -> Option<R> {
    let html = normalised(html);
    let tree = light::build(&html).ok()?;
    Some(read(&tree))
}

/// The input as the tokenizer sees it: a carriage return, alone or before a line feed, is one
/// line feed.
fn normalised(html: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', html.as_bytes()).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(cr) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..cr]);
        out.push('\n');
        rest = &rest[cr + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests;
