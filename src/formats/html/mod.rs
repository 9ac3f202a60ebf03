//! HTML fragments (entry bodies, standfirsts, captions) to the rich model.
//!
//! html5ever (the parser `scraper` is built on) does the parsing, so entities, implied end tags
//! and broken markup are handled the way a browser would; this module walks the resulting tree.
//! Two limits keep hostile input cheap: start tags are dropped between the tokenizer and the
//! tree builder once the tree is too deep (the guard in `depth.rs`, which also refuses whole
//! pages nested too deep for the schema.org parser), and the walk itself stops recursing at
//! [`MAX_DEPTH`] and takes what lies below as plain text.

mod depth;
pub(super) mod dom;
mod facebook;
mod figures;
mod markup;
mod media;
mod page;
mod plain_url;
mod walk;

pub(super) use depth::parse_document;
pub use figures::guardian_kind;
pub(super) use markup::{has_markup, plain_text};
pub(super) use page::light::Light;
pub(super) use page::skim::{Skimmed, Tok};
pub(super) use page::{decoded, read_light};
pub(super) use walk::fast::{member_to_blocks, member_to_blocks_in};
pub(super) use walk::is_skipped as walk_skips;

use crate::blog::{Block, Inline};
pub(in crate::formats) use depth::parse_fragment;
use std::borrow::Cow;

/// A page's tree by the fast page reading alone: `None` where it is not sure to build what
/// html5ever builds. For readers that hold their own use of it to the slow reading's.
pub(in crate::formats) fn fast_page(html: &str) -> Option<scraper::Html> {
    page::parse(html)
}
use url::Url;
use walk::Walker;

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
    walk::fast::to_blocks(html, base).unwrap_or_else(|| full_parse(html, base))
}

/// A line of a plain-text body as a paragraph, or as the embed of the Facebook post or video
/// it is the address of, as an HTML body's paragraph is read. The writers of plain text ask it
/// too, to know which embeds a line of their address stands for.
pub(crate) fn text_or_post(line: &str) -> Block {
    let runs = vec![Inline::plain(line)];
    facebook::bare_post(&runs).unwrap_or(Block::Paragraph { runs })
}

/// A fragment parsed by html5ever and walked as a tree: what every fragment gives.
fn full_parse(html: &str, base: Option<&Url>) -> Vec<Block> {
    let doc = parse_fragment(html);
    let mut w = Walker::new(base);
    w.children(doc.root_element(), 0);
    w.finish()
}

/// Both readings of a fragment: the fast one (`None` when it does not apply) and the full
/// parse. Where the fast one applies they must be equal; the `html_fast` fuzz target checks.
#[doc(hidden)]
pub fn both_readings(html: &str, base: Option<&Url>) -> (Option<Vec<Block>>, Vec<Block>) {
    (walk::fast::to_blocks(html, base), full_parse(html, base))
}

/// Both readings of a whole page: `Ok(false)` when the fast one does not apply, `Ok(true)`
/// when it gives the tree html5ever gives, and where they differ otherwise. The `html_page`
/// fuzz target checks they never differ.
#[doc(hidden)]
pub fn page_readings_agree(html: &str) -> Result<bool, String> {
    let Some(fast) = page::parse(html) else {
        return Ok(false);
    };
    let full = depth::full_document(html).map_err(|e| format!("html5ever refuses it: {e}"))?;
    page::same::same_tree(&fast, &full).map(|()| true)
}

/// As [`to_blocks_with_base`], for the content of an element of a tree already parsed, leaving
/// out the children `skip` picks (the header and share buttons of a rendered live block).
pub(super) fn content_to_blocks(
    el: scraper::ElementRef<'_>,
    base: Option<&Url>,
    skip: &dyn Fn(scraper::ElementRef<'_>) -> bool,
) -> Vec<Block> {
    let mut w = Walker::new(base);
    w.children_except(el, 0, skip);
    w.finish()
}

/// The text of an HTML fragment, for standfirsts, captions and headlines: entities decoded,
/// whitespace collapsed, one line per paragraph or list item, media left out.
pub fn to_plain(html: &str) -> String {
    blocks_to_plain(to_blocks(html))
}

/// As [`to_plain`], for the content of an element of a tree already parsed.
pub(super) fn content_to_plain(el: scraper::ElementRef<'_>) -> String {
    blocks_to_plain(content_to_blocks(el, None, &|_| false))
}

/// Blocks as [`to_plain`] gives them: a line per paragraph, quote paragraph or list item.
fn blocks_to_plain(blocks: Vec<Block>) -> String {
    let mut lines: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { runs } | Block::Heading { runs } => {
                lines.push(runs_text(&runs));
            }
            Block::Quote { paragraphs, .. } => {
                lines.extend(paragraphs.iter().map(|p| runs_text(p)));
            }
            Block::List { .. } => lines.push(b.plain_text()),
            Block::Code { text } => lines.push(text),
            Block::Table(t) => lines.extend(t.row_runs().iter().map(|r| runs_text(r))),
            Block::Image(_) | Block::Embed(_) | Block::Rule => {}
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
    if plain_url::unchanged_by_parsing(href) {
        return Some(href.to_string());
    }
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None if href.starts_with("//") => Url::parse(&format!("https:{href}")).ok()?,
        None => Url::parse(href).ok()?,
    };
    let web = matches!(url.scheme(), "http" | "https");
    let has_host = url.host_str().is_some_and(|h| !h.is_empty());
    // The serialisation is percent-encoded: no spaces or controls reach the screen or a shell.
    // Taken from the URL, not copied.
    (web && has_host).then(|| String::from(url))
}

/// The text of a paragraph's runs, styles dropped.
fn runs_text(runs: &[Inline]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// Pieces of text joined by `sep`, white space collapsed: `collapse(&pieces.join(sep))`, with
/// a lone piece (most titles and names) taken as it is when nothing in it is to collapse.
pub(super) fn collapse_joined<'a>(
    mut pieces: impl Iterator<Item = Cow<'a, str>>,
    sep: &str,
) -> String {
    let Some(first) = pieces.next() else {
        return String::new();
    };
    let Some(second) = pieces.next() else {
        return if collapsed(first.as_bytes()) {
            first.into_owned()
        } else {
            collapse(&first)
        };
    };
    let mut all = first.into_owned();
    for p in std::iter::once(second).chain(pieces) {
        all.push_str(sep);
        all.push_str(&p);
    }
    collapse(&all)
}

/// Attribute text with its white space collapsed.
pub(super) fn collapse(s: &str) -> String {
    if collapsed(s.as_bytes()) {
        // Most titles and names: copied as they are, not split into words.
        return s.to_string();
    }
    // Written straight into one string: a list of the words, joined, cost a second allocation
    // for every time and title of a page read by its layout.
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Text with its white space collapsed line by line, its line breaks (`<br>`) kept and its
/// blank lines left out: the title of an embed, whose text (a tweet's) keeps its lines.
pub(super) fn collapse_lines(s: &str) -> String {
    if !s.contains('\n') {
        return collapse(s);
    }
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n').map(collapse).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

/// Whether `s` has nothing to collapse: no white space (as `split_whitespace` sees it) but
/// single spaces between words. Looked at eight bytes at a time where they are printable
/// ASCII, else a byte at a time; of the characters outside ASCII only the leading bytes of the
/// white space ones (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000) are read further.
fn collapsed(s: &[u8]) -> bool {
    use crate::word8::{any_below, any_high, eq_mask};
    if s.first() == Some(&b' ') || s.last() == Some(&b' ') {
        return false;
    }
    let mut i = 0;
    while i < s.len() {
        // Eight bytes at a time while they are printable ASCII with no two spaces in a row, as
        // most of a title is; a piece with anything else is read a byte at a time.
        if let Some(piece) = s.get(i..i + 8) {
            let w = u64::from_le_bytes(piece.try_into().unwrap_or_default());
            if !any_high(w) && !any_below(w, b' ') {
                let spaces = eq_mask(w, b' ');
                let after = piece[7] == b' ' && s.get(i + 8) == Some(&b' ');
                if spaces & (spaces >> 8) != 0 || after {
                    return false;
                }
                i += 8;
                continue;
            }
        }
        for _ in 0..8 {
            let Some(&c) = s.get(i) else {
                break;
            };
            if is_collapsed_away(s, i, c) {
                return false;
            }
            i += 1;
        }
    }
    true
}

/// Whether the byte `c` at `i` in `s` starts white space that collapsing changes: a space
/// before another, a tab or line break, or a character outside ASCII that is white space.
fn is_collapsed_away(s: &[u8], i: usize, c: u8) -> bool {
    let next = |k: usize| s.get(i + k).copied().unwrap_or(0);
    match c {
        b' ' => next(1) == b' ',
        b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => true,
        0xC2 => matches!(next(1), 0x85 | 0xA0),
        0xE1 => next(1) == 0x9A && next(2) == 0x80,
        0xE2 => {
            (next(1) == 0x80 && matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF))
                || (next(1) == 0x81 && next(2) == 0x9F)
        }
        0xE3 => next(1) == 0x80 && next(2) == 0x80,
        _ => false,
    }
}

/// A void element as the serializer sees it: written without content or end tag.
pub(in crate::formats) fn is_void(name: &html5ever::QualName) -> bool {
    use html5ever::{local_name, ns};
    name.ns == ns!(html)
        && matches!(
            name.local,
            local_name!("area")
                | local_name!("base")
                | local_name!("basefont")
                | local_name!("bgsound")
                | local_name!("br")
                | local_name!("col")
                | local_name!("embed")
                | local_name!("frame")
                | local_name!("hr")
                | local_name!("img")
                | local_name!("input")
                | local_name!("keygen")
                | local_name!("link")
                | local_name!("meta")
                | local_name!("param")
                | local_name!("source")
                | local_name!("track")
                | local_name!("wbr")
        )
}

#[cfg(test)]
mod rich_tests;
#[cfg(test)]
mod tests;
