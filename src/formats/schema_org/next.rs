//! A paged live page's next older page: the `rel="next"` link of its head (a newest-first
//! blog's next page holds older entries), else the `<a rel="next">` of its pagination.
//!
//! The links are found by the scan of the page's tags where it is sure (`scan.rs`), else in
//! the page's tree; both give the same, which the tests check on every fixture. A site also
//! names its next article so, and that is no page of this blog: a link that the blog's own
//! address shows to lead elsewhere on its site is passed over
//! ([`crate::blog::older::is_older_page`]). One to another host, or on a page that names no
//! address of its own, is judged again against the address the page was fetched from
//! (`net::older_of_page`).

use super::scan::{self, NextLinks};
use crate::blog::LiveBlog;
use crate::blog::older::is_older_page;
use crate::formats::html;
use scraper::Html;

/// What `blog`, read from `page`, names as its next older page: the `href` as written.
pub(super) fn older(page: &str, blog: &LiveBlog) -> Option<String> {
    let links = links(page)?;
    let base = blog
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    [links.link, links.anchor]
        .into_iter()
        .flatten()
        .map(|href| href.trim().to_string())
        .find(|href| !href.is_empty() && older_page_of(base.as_ref(), href))
}

/// Whether `href` may be an older page of the blog at `base`: not when it leads elsewhere on
/// the same host. Another host is left to the fetch, which knows where the page came from.
fn older_page_of(base: Option<&url::Url>, href: &str) -> bool {
    let Some(base) = base else {
        return true;
    };
    match base.join(href) {
        Ok(next) if next.host_str() == base.host_str() => is_older_page(base, &next),
        Ok(_) => true,
        Err(_) => false,
    }
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

/// The `rel="next"` links of a page's tree: the first `<link>` and the first `<a>` of HTML.
fn in_tree(doc: &Html) -> NextLinks {
    let mut found = NextLinks::default();
    for node in doc.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let html_ns = el.name.ns == html5ever::ns!(html);
        if !html_ns || !el.attr("rel").is_some_and(scan::names_next) {
            continue;
        }
        let slot = match &*el.name.local {
            "link" => &mut found.link,
            "a" => &mut found.anchor,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(el.attr("href").unwrap_or_default().to_string());
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
