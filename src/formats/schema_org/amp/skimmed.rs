//! An item whose content was skimmed rather than built (`html::page::skim`), read from its
//! tokens and the page's own text by the rules `item` reads a built one by: its first heading
//! is its title, the first child holding an `itemprop="author"` its byline, and the rest of its
//! HTML, as the page writes it, its body.

use crate::blog::Block;
use crate::formats::html::{self, Skimmed, Tok, decoded};
use std::borrow::Cow;
use url::Url;

/// The item's title, authors and body.
pub(super) fn read(
    s: &Skimmed<'_>,
    base: Option<&Url>,
) -> (Option<String>, Vec<String>, Vec<Block>) {
    let toks = s.toks;
    // The first heading; the children of the item (index of the start tag, of its last
    // token) that hold it and the first author.
    let (mut heading, mut title_child, mut byline) = (None, None, None);
    let mut child = (0, 0);
    for (k, t) in toks.iter().enumerate() {
        let Tok::Start {
            name, depth, last, ..
        } = t
        else {
            continue;
        };
        if *depth == 0 {
            child = (k, *last);
        }
        if heading.is_none() && matches!(*name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            heading = Some(k);
            title_child = Some(child);
        }
        if byline.is_none() && has_word(toks, k, "author") {
            byline = Some(child);
        }
        if heading.is_some() && byline.is_some() {
            break;
        }
    }
    let title = heading
        .map(|h| html::collapse_joined(texts(toks, h), " "))
        .filter(|t| !t.is_empty());
    let authors: Vec<String> = byline
        .iter()
        .flat_map(|&(i, l)| (i..=l).filter(|&k| has_word(toks, k, "author")))
        .map(|a| author_name(toks, a))
        .filter(|n| !n.is_empty())
        .collect();
    // The body: the content without the title's and byline's children, as written.
    let span = |c: Option<(usize, usize)>| match c.map(|(i, _)| &toks[i]) {
        Some(Tok::Start { span, .. }) => Some(span.clone()),
        _ => None,
    };
    let mut cuts = [span(title_child), span(byline)];
    if cuts[0] == cuts[1] {
        cuts[1] = None;
    }
    cuts.sort_by_key(|c| c.as_ref().map(|c| c.start));
    let body = if cuts.iter().all(Option::is_none) {
        Cow::Borrowed(s.html)
    } else {
        let mut body = String::with_capacity(s.html.len());
        let mut at = 0;
        for c in cuts.into_iter().flatten() {
            body.push_str(&s.html[at..c.start]);
            at = c.end;
        }
        body.push_str(&s.html[at..]);
        Cow::Owned(body)
    };
    (title, authors, html::to_blocks_with_base(&body, base))
}

/// The text inside the element whose start tag is `toks[i]`, a piece per text node.
fn texts<'a>(toks: &'a [Tok<'a>], i: usize) -> impl Iterator<Item = Cow<'a, str>> {
    let last = match &toks[i] {
        Tok::Start { last, .. } => *last,
        _ => i,
    };
    toks[i + 1..last.max(i + 1)].iter().filter_map(|t| match t {
        Tok::Text(raw) => Some(decoded(raw, false).unwrap_or(Cow::Borrowed(*raw))),
        _ => None,
    })
}

/// Whether the element whose start tag is `toks[k]` has `word` among its `itemprop`'s words.
fn has_word(toks: &[Tok<'_>], k: usize, word: &str) -> bool {
    let Tok::Start {
        itemprop: Some(value),
        ..
    } = &toks[k]
    else {
        // Most elements have none.
        return false;
    };
    // Most values hold no reference and are read as written.
    let value = if memchr::memchr2(b'&', b'\0', value.as_bytes()).is_none() {
        Cow::Borrowed(*value)
    } else {
        match decoded(value, true) {
            Some(v) => v,
            None => return false,
        }
    };
    value
        .split([' ', '\t', '\n', '\r', '\x0C'])
        .any(|w| w == word)
}

/// An author element's name: its first `itemprop="name"`, bold or strong element's text, else
/// its own.
fn author_name(toks: &[Tok<'_>], a: usize) -> String {
    let last = match &toks[a] {
        Tok::Start { last, .. } => *last,
        _ => a,
    };
    let named = (a + 1..=last).find(|&k| {
        matches!(&toks[k], Tok::Start { name, .. } if matches!(*name, "b" | "strong"))
            || has_word(toks, k, "name")
    });
    html::collapse_joined(texts(toks, named.unwrap_or(a)), "")
}
