//! A paged live page's next older page: the `rel="next"` link of its head (a newest-first
//! blog's next page holds older entries), else the `<a rel="next">` of its pagination.
//!
//! The links, and the addresses the page names, are found by the scan of the page's tags
//! where it is sure (`scan.rs`), else in the page's tree; both give the same, which the tests
//! check on every fixture. A site also
//! names its next article so, and that is no page of this blog: a link is taken only when it
//! is another page of this one at one of the addresses the page is known by (`own.rs`: where
//! it came from and the addresses it names for itself), see
//! [`crate::blog::older::is_older_page`]. It is given as a whole address, resolved against
//! where the page came from, else against the address the page names for itself, so that a
//! saved page can say where its older pages are; a saved page that names no address keeps
//! the link as written, and is not judged.

mod own;

use super::scan::{self, NextLinks};
use crate::blog::LiveBlog;
use crate::formats::html;
use scraper::Html;

/// What `blog`, read from `page` (fetched from `at`, when it was), names as its next older
/// page: a whole address, or the `href` as written when the page's address is not known.
pub(super) fn older(page: &str, blog: &LiveBlog, at: Option<&url::Url>) -> Option<String> {
    let links = links(page)?;
    let own = own::Own::new(&links, blog, at);
    let mut hrefs = [links.link, links.anchor]
        .into_iter()
        .flatten()
        .map(|href| href.trim().to_string())
        .filter(|href| !href.is_empty());
    let Some(base) = own.base() else {
        // Nothing to resolve it against, nor to judge it by.
        return hrefs.next();
    };
    hrefs.find_map(|href| {
        let next = base.join(&href).ok()?;
        own.pages(&next).then(|| next.into())
    })
}

/// The page's `rel="next"` links, by the scan where it is sure, else from its tree; `None`
/// when the page names none.
fn links(page: &str) -> Option<NextLinks> {
    // Most pages that name no next page never write the word after a `rel`: the tags of a
    // large page are not read again, nor its tree built again, to say so.
    if !mentions_rel_next(page) {
        return None;
    }
    let found = match scan::next_links(page) {
        Some(found) => found,
        None => in_tree(&html::parse_document(page).ok()?),
    };
    (found.link.is_some() || found.anchor.is_some()).then_some(found)
}

/// How much of a `rel` value is looked at: `rel = "prefetch prerender next"` and longer.
const REL_REACH: usize = 200;

/// Whether `page` has a `rel` attribute, in any case, whose value has `next` in it or a
/// character reference (`rel="&#110;ext"`, which the tree decodes): what every `rel="next"`
/// has.
fn mentions_rel_next(page: &str) -> bool {
    let bytes = page.as_bytes();
    let skip_space = |mut at: usize| {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        at
    };
    bytes.windows(3).enumerate().any(|(at, w)| {
        if !w.eq_ignore_ascii_case(b"rel") {
            return false;
        }
        let at = skip_space(at + 3);
        if bytes.get(at) != Some(&b'=') {
            return false;
        }
        let at = skip_space(at + 1);
        let value = &bytes[at..bytes.len().min(at + REL_REACH)];
        // A value's end: its closing quote, or, unquoted, white space or `>`.
        let (value, end) = match value.first() {
            Some(&q @ (b'"' | b'\'')) => (&value[1..], memchr::memchr(q, &value[1..])),
            _ => (
                value,
                value
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'>'),
            ),
        };
        // Longer than looked at: it may be.
        let Some(end) = end else {
            return true;
        };
        let value = &value[..end];
        value.contains(&b'&') || value.windows(4).any(|n| n.eq_ignore_ascii_case(b"next"))
    })
}

/// The `rel="next"` links of a page's tree (the first `<link>` and the first `<a>` of HTML),
/// and the addresses it names: what [`scan::next_links`] reads.
fn in_tree(doc: &Html) -> NextLinks {
    let mut found = NextLinks::default();
    for node in doc.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if el.name.ns != html5ever::ns!(html) {
            continue;
        }
        let name = &*el.name.local;
        let (link, meta) = (name == "link", name == "meta");
        let rel = if meta { None } else { el.attr("rel") };
        let has = |word: &str| rel.is_some_and(|rel| scan::rel_has(rel, word));
        let og_url = meta && el.attr("property").or(el.attr("name")) == Some("og:url");
        for (slot, fills, value) in [
            (&mut found.link, link && has("next"), "href"),
            (&mut found.anchor, name == "a" && has("next"), "href"),
            (&mut found.canonical, link && has("canonical"), "href"),
            (&mut found.og_url, og_url, "content"),
        ] {
            if fills && slot.is_none() {
                *slot = Some(el.attr(value).unwrap_or_default().to_string());
            }
        }
    }
    found
}

/// Both readings of a page's `rel="next"` links: the scan's (`None` when it is not sure) and
/// the tree's. Where the scan answers they must be equal; the tests and the `html_fast` fuzz
/// target check.
pub(super) fn both_readings(page: &str) -> (Option<NextLinks>, NextLinks) {
    let tree = html::parse_document(page)
        .map(|doc| in_tree(&doc))
        .unwrap_or_default();
    (scan::next_links(page), tree)
}

#[cfg(test)]
mod tests;
