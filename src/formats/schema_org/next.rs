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

/// How far before a `next` its `rel` may be written: `rel = "prefetch prerender next"`.
const REL_REACH: usize = 40;

/// Whether `page` has `next` in it with `rel` shortly before, in any case: what every
/// `rel="next"` written without character references has.
fn mentions_rel_next(page: &str) -> bool {
    let bytes = page.as_bytes();
    bytes.windows(4).enumerate().any(|(at, w)| {
        w.eq_ignore_ascii_case(b"next")
            && bytes[at.saturating_sub(REL_REACH)..at]
                .windows(3)
                .any(|r| r.eq_ignore_ascii_case(b"rel"))
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
