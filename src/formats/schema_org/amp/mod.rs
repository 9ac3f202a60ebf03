//! AMP live lists: an AMP page's `<amp-live-list>`, read when the page has no schema.org
//! `LiveBlogPosting` (the official AMP example has none).
//!
//! What is read, following the AMP validator's rules and `amp-live-list.js`:
//! - the `<amp-live-list>` with the most items (a page has one; the first wins a tie); items
//!   are the element children of its `items` child with an `id` and a positive
//!   `data-sort-time` (anything else there is not an item);
//! - an item with `data-tombstone` has been deleted and is left out;
//! - `data-sort-time` and `data-update-time` are epoch milliseconds (the AMP example writes
//!   `1466669033418`); a value that is plausible only as seconds (10^9 to 10^11) is taken as
//!   seconds, and a smaller one orders the entries but gives no time;
//! - entries are newest first by `data-sort-time`, as the AMP runtime sorts them;
//! - an item's first heading is its title, an element holding `itemprop="author"` is its byline
//!   (and is not repeated in the body), `<amp-img>` is an image;
//! - a `disabled` list has stopped updating: the blog has ended; otherwise it is live;
//! - the standfirst is the page's `<meta name="description">`, else the text of the first
//!   element outside the items whose class names one (`standfirst`, `subtitle`, `dek`);
//! - the key events are the page's list under a "Key events" heading (`listed.rs`), as the
//!   Guardian's AMP page shows it: AMP items have no key-event mark of their own;
//! - nor a pinned or summary mark, which the Guardian's AMP page does not show: an item's
//!   class words named as the replay's pages name the flags (`flagged::Mark`) are read as them.
//!
//! The page is polled like any page: the AMP runtime re-requests it too (with
//! `amp_latest_update_time`, which conditional requests make unnecessary here).

use super::timed::serial;
use crate::blog::{Block, Entry, LiveBlog, LiveState, Stamp};
use crate::formats::flagged::Mark;
use crate::formats::html;
use crate::formats::html::dom::{Data, Dom, Scraped};
use html5ever::{LocalName, local_name, ns};
use scraper::{ElementRef, Html};
use std::borrow::Cow;
use url::Url;

/// Most items read from one list; AMP pages show a page of them.
const MAX_ITEMS: usize = 5_000;

/// What [`super::read`] gives for `page` when its JSON-LD scripts (their text, in the page's
/// order) name no blog (`no_blog` says), read without building scraper's tree of the page;
/// `None` where that is not sure.
///
/// Building the page's tree was 40% of reading a large AMP page, and dropping it much of the
/// rest beside the items. Here the page's light tree is built instead (`html::Light`), by the
/// fast page reading's builder, so only for pages that reading takes, and in the same shape as
/// the tree `read` would build; the list is then read by the same code as from scraper's tree.
/// What `read` looks at before the list is looked at here too: a page whose microdata names a
/// blog, or whose list gives nothing (then `read` goes on to timed blocks), is left to it.
pub(super) fn live_list_alone(page: &str, no_blog: impl Fn(&[String]) -> bool) -> Option<LiveBlog> {
    // Most pages have none, and are not read again to say so.
    memchr::memmem::find(page.as_bytes(), b"<amp-live-list")?;
    html::read_light(page, |tree| {
        // `ld_json_texts`, from this tree.
        let scripts: Vec<String> = elements_in(tree.nodes())
            .filter(|e| e.name() == "script" && e.attr("type").is_some_and(super::is_ld_json_type))
            .map(|e| e.texts().collect())
            .collect();
        if !no_blog(&scripts) || elements_in(tree.nodes()).any(super::microdata::names_a_blog) {
            return None;
        }
        live_list_light(tree)
    })
    .flatten()
}

/// The page's AMP live list as a blog, or `None` when it has none with items.
pub(super) fn live_list(doc: &Html) -> Option<LiveBlog> {
    list_in(|| doc.tree.nodes())
}

/// As [`live_list`], read from the page's light tree (`html::Light`): the same reading of a
/// tree of the same shape.
pub(super) fn live_list_light(tree: &html::Light<'_>) -> Option<LiveBlog> {
    list_in(|| tree.nodes())
}

/// The list read from a tree whose nodes, in the order they were made, `nodes` gives.
fn list_in<'a, N: Dom<'a>, I: Iterator<Item = N>>(nodes: impl Fn() -> I) -> Option<LiveBlog> {
    let elements = || elements_in(nodes());
    let mut lists = elements()
        .filter(|e| e.name() == "amp-live-list")
        .peekable();
    // Most pages have none: their canonical link is not looked for.
    lists.peek()?;
    let base = canonical_in(elements());
    let mut best: Option<(N, Vec<(i64, Entry)>)> = None;
    for list in lists {
        let Some(items) = items_of(list) else {
            continue;
        };
        let found: Vec<(i64, Entry)> = child_elements(items)
            .filter(|el| el.attr("data-tombstone").is_none())
            .filter_map(|el| item(el, base.as_ref()))
            .take(MAX_ITEMS)
            .collect();
        if best.as_ref().is_none_or(|(_, b)| found.len() > b.len()) {
            best = Some((list, found));
        }
    }
    let (list, mut found) = best?;
    // Stable: items with the same sort time keep the page's order.
    found.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
    let mut entries: Vec<Entry> = found.into_iter().map(|(_, e)| e).collect();
    let key_events = super::listed::key_events(elements(), &mut entries).unwrap_or_default();
    Some(LiveBlog {
        extracted: crate::blog::Extraction::Structured,
        title: title_in(elements()),
        standfirst: meta_in(elements(), "description")
            .or_else(|| classed_standfirst(elements()))
            .unwrap_or_default(),
        url: base.map(|u| u.to_string()),
        state: if list.attr("disabled").is_some() {
            LiveState::Ended
        } else {
            LiveState::Live
        },
        updated: None,
        entries,
        key_events,
        older: None,
        poll_every: Some(poll_interval(list)),
    })
}

/// The AMP runtime's shortest poll interval, and its default.
const AMP_MIN_POLL: std::time::Duration = std::time::Duration::from_secs(15);

/// How often the list asks to be polled: `data-poll-interval` in milliseconds, never below
/// the AMP runtime's own 15 s floor (which is also its default).
fn poll_interval<'a>(list: impl Dom<'a>) -> std::time::Duration {
    list.attr("data-poll-interval")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(std::time::Duration::from_millis)
        .map_or(AMP_MIN_POLL, |d| {
            d.clamp(AMP_MIN_POLL, std::time::Duration::from_secs(24 * 60 * 60))
        })
}

/// The element children of `el`.
fn child_elements<'a, N: Dom<'a>>(el: N) -> impl Iterator<Item = N> {
    el.children().filter(|c| c.element().is_some())
}

/// The list's `items` child: the element that holds the entries.
fn items_of<'a, N: Dom<'a>>(list: N) -> Option<N> {
    child_elements(list).find(|c| c.attr("items").is_some() && c.name() != "amp-live-list")
}

/// One item: its sort key and entry, or `None` when it is not an item.
fn item<'a, N: Dom<'a>>(el: N, base: Option<&Url>) -> Option<(i64, Entry)> {
    let id = el.attr("id").map(str::trim).filter(|i| !i.is_empty())?;
    let sort: i64 = el.attr("data-sort-time")?.trim().parse().ok()?;
    if sort <= 0 {
        return None;
    }
    let updated = el
        .attr("data-update-time")
        .and_then(|t| t.trim().parse::<i64>().ok())
        .filter(|&u| u > sort)
        .and_then(stamp);
    let (title, authors, body) = match el.skimmed() {
        Some(s) => skimmed::read(&s, base),
        None => from_tree(el, base),
    };
    // Sorted as times where they are times, so seconds and milliseconds compare rightly.
    let key = stamp(sort).map_or(sort, |s| s.as_millis());
    let mut e = Entry {
        id: id.to_string(),
        title,
        published: stamp(sort),
        updated,
        authors,
        body,
        ..Entry::default()
    };
    let classes = el.attr("class").unwrap_or_default();
    for m in classes.split_ascii_whitespace().filter_map(Mark::named) {
        m.set(&mut e);
    }
    Some((key, e))
}

/// A built item's title, authors and body.
fn from_tree<'a, N: Dom<'a>>(
    el: N,
    base: Option<&Url>,
) -> (Option<String>, Vec<String>, Vec<Block>) {
    // The first heading, the item itself included.
    let heading = el
        .descendants()
        .find(|d| matches!(d.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
    let title = heading
        .map(|h| html::collapse_joined(h.texts().map(Cow::Borrowed), " "))
        .filter(|t| !t.is_empty());
    // The child of the item that holds the heading (none when the heading is the item).
    let title_child = heading
        .filter(|h| *h != el)
        .map(|h| h.ancestors().take_while(|a| *a != el).last().unwrap_or(h))
        .filter(|c| c.element().is_some());
    let byline = child_elements(el).find(|c| has_author(*c) || below(*c).any(has_author));
    let authors: Vec<String> = byline
        .iter()
        .flat_map(|b| {
            let own = has_author(*b).then_some(*b);
            own.into_iter().chain(below(*b).filter(|d| has_author(*d)))
        })
        .map(author_name)
        .filter(|n| !n.is_empty())
        .collect();
    // The body: the item without its title and byline, AMP images as images. Read from the
    // tree where the fragment reader can (no `amp-img`, nothing it does not read), else
    // written out and read again.
    let cut = [title_child, byline];
    let body = html::member_to_blocks_in(el, cut, base)
        .unwrap_or_else(|| html::to_blocks_with_base(&body_html(el, cut), base));
    (title, authors, body)
}

/// The elements inside `el`, itself left out: what a selector applied to it searches.
fn below<'a, N: Dom<'a>>(el: N) -> impl Iterator<Item = N> {
    el.descendants().filter(|d| d.element().is_some()).skip(1)
}

/// The item's HTML without the children `cut`, its text escaped, `amp-img` as `img`.
fn body_html<'a, N: Dom<'a>>(el: N, cut: [Option<N>; 2]) -> String {
    let mut out = String::new();
    for child in el.children() {
        match child.data() {
            Data::Element(_) if !cut.contains(&Some(child)) => {
                out.push_str(&serial::html_in(child, true));
            }
            Data::Text(t) => {
                for ch in t.chars() {
                    match ch {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        _ => out.push(ch),
                    }
                }
            }
            _ => {}
        }
    }
    if memchr::memmem::find(out.as_bytes(), b"amp-img").is_some() {
        out = out.replace("<amp-img", "<img").replace("</amp-img>", "");
    }
    out
}

fn has_author<'a>(el: impl Dom<'a>) -> bool {
    has_word(el, &local_name!("itemprop"), "author", false)
}

/// An author element's name: its `itemprop="name"`, else its first bold or plain text (the
/// first inside it in the page's order that is either).
fn author_name<'a>(el: impl Dom<'a>) -> String {
    let name = below(el)
        .find(|d| {
            has_word(*d, &local_name!("itemprop"), "name", false)
                || matches!(d.name(), "b" | "strong")
        })
        .map_or_else(|| el.texts().collect::<String>(), |n| n.texts().collect());
    html::collapse(&name)
}

/// A sort or update time as a time: milliseconds, or seconds where only seconds are plausible.
pub(super) fn stamp(v: i64) -> Option<Stamp> {
    match v {
        100_000_000_000.. => Stamp::from_millis(v),
        1_000_000_000..100_000_000_000 => Stamp::from_millis(v.checked_mul(1000)?),
        _ => None,
    }
}

/// Every element of the page in the order `Html::select` visits them: the order the parser
/// made them, leaving out nodes it took out of the tree. A test written by hand over these
/// finds what the selector it stands for found, at a fraction of a selector's cost per
/// element, which on a large page without live markup was a fifth of the reading.
pub(super) fn elements(doc: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    doc.tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.parent().is_some())
}

/// As [`elements`], of either tree, given its nodes in the order they were made.
fn elements_in<'a, N: Dom<'a>>(nodes: impl Iterator<Item = N>) -> impl Iterator<Item = N> {
    nodes.filter(|e| e.element().is_some() && e.parent().is_some())
}

/// The value of attribute `name` (in no namespace), as `ElementRef::attr` gives it: that one
/// makes an atom of the name on every call, which costs more than the search itself when
/// every element of a page is tested.
pub(super) fn attr<'a>(el: ElementRef<'a>, name: &str) -> Option<&'a str> {
    Dom::attr(*el, name)
}

/// As [`attr`], for a name known as an atom (`local_name!`): each attribute's name is then
/// compared as one number, not read as text, for the tests made of every element of a page.
pub(super) fn attr_named<'a>(el: ElementRef<'a>, name: &LocalName) -> Option<&'a str> {
    named(*el, name)
}

/// [`attr_named`] in either tree.
fn named<'a>(el: impl Dom<'a>, name: &LocalName) -> Option<&'a str> {
    el.attrs()
        .find(|(k, _)| k.ns == ns!() && k.local == *name)
        .map(|(_, v)| v)
}

/// Whether `el` has attribute `name` and `word` is one of its space-separated words, as the
/// selector `[name~="word"]` says (HTML white space; `ignore_case` for the attributes HTML
/// compares without case).
fn has_word<'a>(el: impl Dom<'a>, name: &LocalName, word: &str, ignore_case: bool) -> bool {
    named(el, name).is_some_and(|v| {
        v.split([' ', '\t', '\n', '\r', '\x0C']).any(|w| {
            if ignore_case {
                w.eq_ignore_ascii_case(word)
            } else {
                w == word
            }
        })
    })
}

/// `link[rel~="canonical"]`: `rel` is compared without case on HTML elements.
pub(super) fn canonical(doc: &Html) -> Option<Url> {
    canonical_in(elements_in(doc.tree.nodes()))
}

fn canonical_in<'a, N: Dom<'a>>(mut elements: impl Iterator<Item = N>) -> Option<Url> {
    let link = elements.find(|e| {
        let html_element = e.element().is_some_and(|n| n.ns == ns!(html));
        e.name() == "link" && has_word(*e, &local_name!("rel"), "canonical", html_element)
    })?;
    let href = link.attr("href")?;
    html::absolute_url(href).and_then(|u| Url::parse(&u).ok())
}

/// The content of the first `meta[name="…"]`.
pub(super) fn meta(doc: &Html, name: &str) -> Option<String> {
    meta_in(elements_in(doc.tree.nodes()), name)
}

fn meta_in<'a, N: Dom<'a>>(mut elements: impl Iterator<Item = N>, name: &str) -> Option<String> {
    let meta = elements.find(|e| e.name() == "meta" && e.attr("name") == Some(name))?;
    let content = meta.attr("content")?;
    Some(html::collapse(content)).filter(|c| !c.is_empty())
}

/// Class words that name a standfirst in publishers' page templates.
const STANDFIRST_CLASSES: [&str; 4] = ["standfirst", "subtitle", "subheadline", "dek"];

/// The text of the first element outside the list's items that its class names a standfirst:
/// a page without a `<meta name="description">` may still show one under its headline (the
/// AMP example's `<p class="standfirst">`).
fn classed_standfirst<'a, N: Dom<'a>>(elements: impl Iterator<Item = N>) -> Option<String> {
    elements
        .filter(|e| {
            STANDFIRST_CLASSES
                .iter()
                .any(|w| has_word(*e, &local_name!("class"), w, false))
                && !e
                    .ancestors()
                    .any(|a| a.element().is_some() && a.attr("items").is_some())
        })
        .map(|e| html::collapse_joined(e.texts().map(Cow::Borrowed), " "))
        .find(|t| !t.is_empty())
}

/// The page's headline: its `itemprop="headline"`, else its first `h1`, else `<title>`.
pub(super) fn page_title(doc: &Html) -> String {
    title_in::<Scraped<'_>>(elements_in(doc.tree.nodes()))
}

fn title_in<'a, N: Dom<'a>>(elements: impl Iterator<Item = N>) -> String {
    // The first element of each kind (not an item's own headline), found in one pass over the
    // page rather than one per kind.
    let mut first: [Option<N>; 3] = [None; 3];
    for e in elements {
        let Some(name) = e.element().map(|n| &n.local) else {
            continue;
        };
        let kind = if first[0].is_none() && has_word(e, &local_name!("itemprop"), "headline", false)
        {
            0
        } else if first[1].is_none() && *name == local_name!("h1") {
            1
        } else if first[2].is_none() && *name == local_name!("title") {
            2
        } else {
            continue;
        };
        // Not an item's own headline.
        if !e
            .ancestors()
            .any(|a| a.element().is_some() && a.attr("items").is_some())
        {
            first[kind] = Some(e);
            if first.iter().all(Option::is_some) {
                break;
            }
        }
    }
    first
        .into_iter()
        .find_map(|e| {
            Some(html::collapse_joined(e?.texts().map(Cow::Borrowed), " "))
                .filter(|t| !t.is_empty())
        })
        .unwrap_or_default()
}

mod skimmed;

#[cfg(test)]
mod alone_tests;
#[cfg(test)]
mod by_selectors;
#[cfg(test)]
mod tests;
