//! A page's list of key events: a heading "Key events" and the items under it, each a link to
//! the post it heads. Pages show it beside their posts where their structured data has no
//! key-event flag: the Guardian's AMP page (an `<h2>Key events</h2>` then a `<ul>` of links to
//! `#block-<id>`), Cork Beo's page (`<h2>Key Events</h2>`, links with a `data-id`), and the
//! replay's HTML and AMP pages. A key event whose post is on another page of the blog is
//! linked as the Guardian links it, `?page=with:block-<id>#block-<id>`, and keeps that id; one
//! naming no post at all is an item without a link.

use crate::blog::{Entry, KeyEvent, Stamp};
use crate::formats::flagged::title_of;
use crate::formats::html;
use crate::formats::html::dom::Dom;
use std::borrow::Cow;

mod clock;

/// The heading's text, compared without case: Cork Beo writes "Key Events".
const HEADING: &str = "key events";

/// The page's list of key events, in its order, when `elements` (the page's, in its order)
/// show one with items: each titled with its link's text (else the item's), less a time shown
/// before it (`time_and_title`), and heading the entry its link names, by the link's
/// `#fragment` or `data-id`, which is flagged as a key event and gives it its time. An item
/// that names no entry of `entries` is a key event of a post not on the page, which keeps the
/// id its link opens the blog's page at (`?page=with:block-<id>`), and is dated by the time it
/// shows (`date_times_of_day`).
pub(super) fn key_events<'a, N: Dom<'a>>(
    mut elements: impl Iterator<Item = N>,
    entries: &mut [Entry],
) -> Option<Vec<KeyEvent>> {
    let heading = elements.find(|e| {
        matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            && text_of(*e).eq_ignore_ascii_case(HEADING)
            // Not a post's own heading in an AMP list's items.
            && !e
                .ancestors()
                .any(|a| a.element().is_some() && a.attr("items").is_some())
    })?;
    let list = heading.parent()?;
    let mut found = Vec::new();
    let mut times_of_day = Vec::new();
    for li in list.descendants().filter(|d| d.name() == "li") {
        let link = li.descendants().find(|d| d.name() == "a");
        let (shown, of_day, title) = time_and_title(link.unwrap_or(li));
        let at = link.and_then(target).and_then(|t| entry_named(entries, t));
        // An item showing its time alone is titled as the post it names.
        let title = match at {
            Some(i) if title.is_empty() => title_of(&entries[i]),
            _ => title,
        };
        if title.is_empty() {
            continue;
        }
        // A summary is listed among the key events, as the Guardian lists it, but is not one.
        // Only a page that marks its summaries says which: the Guardian's AMP page writes a
        // summary's item and block as it writes a key event's (dotcom-rendering's
        // `KeyEvents.amp.tsx`, `Blocks.amp.tsx`; its JSON-LD has no mark either), and a title
        // such as "Afternoon summary" is no sound sign, so there a summary reads as one.
        if let Some(i) = at.filter(|&i| !entries[i].summary) {
            entries[i].key_event = true;
        }
        let elsewhere = || {
            link.and_then(|l| l.attr("href"))
                .and_then(page_with)
                .map(str::to_string)
        };
        found.push(KeyEvent {
            title,
            entry_id: at.map(|i| entries[i].id.clone()).or_else(elsewhere),
            published: at.and_then(|i| entries[i].published).or(shown),
        });
        times_of_day.push(of_day);
    }
    date_times_of_day(&mut found, &times_of_day, day_of_posts(entries));
    (!found.is_empty()).then_some(found)
}

/// Dates the key events `found` (the list's, newest first) that show a time of day alone
/// (`shown`, item by item) from their neighbours in the list, which are dated: by the post on
/// the page each is, or by its own full time. Up the list time only moves forward, so each
/// above a dated one is dated after it ([`clock::above`]), and each below all of them before
/// the one above it ([`clock::below`]). An older page of a blog lists key events newer than
/// its posts, so its newest day is not theirs; a list of which nothing is dated has nothing
/// else to go by, and each is dated against `newest`, the page's newest time, as the first
/// page lists the key events up to its newest post.
fn date_times_of_day(
    found: &mut [KeyEvent],
    shown: &[Option<clock::Shown>],
    newest: Option<Stamp>,
) {
    if found.iter().all(|k| k.published.is_none()) {
        for (k, s) in found.iter_mut().zip(shown) {
            k.published = s.zip(newest).and_then(|(s, n)| clock::dated(s, n));
        }
        return;
    }
    let mut last = None;
    for (k, s) in found.iter_mut().zip(shown).rev() {
        if k.published.is_none() {
            k.published = s.zip(last).and_then(|(s, b)| clock::above(s, b));
        }
        last = k.published.or(last);
    }
    let mut last = None;
    for (k, s) in found.iter_mut().zip(shown) {
        if k.published.is_none() {
            k.published = s.zip(last).and_then(|(s, a)| clock::below(s, a));
        }
        last = k.published.or(last);
    }
}

/// The page's newest time, which a time of day a key event shows is dated against when no key
/// event of the list is dated, when its posts are all within a day of it: a page whose posts
/// run over more days than one leaves the day of such a time unsure, and it is not dated.
fn day_of_posts(entries: &[Entry]) -> Option<Stamp> {
    let times = || {
        entries
            .iter()
            .flat_map(|e| [e.published, e.updated])
            .flatten()
    };
    let newest = times().max_by_key(Stamp::instant)?;
    let oldest = times().min_by_key(Stamp::instant)?;
    let span = newest.instant().as_second() - oldest.instant().as_second();
    (span < 24 * 60 * 60).then_some(newest)
}

/// The time an item's link (else the item) shows before its title, and the title: its first
/// element child holding a time alone, the rest the title, as the Guardian's AMP page writes
/// them (a `<span>` each). A `<time>` with a full `datetime` is that instant; a time of day
/// is returned as such, to be dated against the list (`date_times_of_day`). A title that
/// merely starts with a number, in one element, is left whole.
fn time_and_title<'a, N: Dom<'a>>(holder: N) -> (Option<Stamp>, Option<clock::Shown>, String) {
    let whole = text_of(holder);
    let Some(first) = holder.children().find(|c| c.element().is_some()) else {
        return (None, None, whole);
    };
    let shown = text_of(first);
    let rest = match whole.strip_prefix(shown.as_str()).map(str::trim) {
        Some(rest) if !shown.is_empty() => rest.to_string(),
        _ => return (None, None, whole),
    };
    if let Some(t) = (first.name() == "time")
        .then(|| first.attr("datetime"))
        .flatten()
        .and_then(Stamp::parse)
    {
        return (Some(t), None, rest);
    }
    match clock::parse(&shown) {
        Some(s) => (None, Some(s), rest),
        None => (None, None, whole),
    }
}

/// An element's text, its white space collapsed.
fn text_of<'a, N: Dom<'a>>(el: N) -> String {
    html::collapse_joined(el.texts().map(Cow::Borrowed), " ")
}

/// What a link names: its `#fragment`, else its `data-id`.
fn target<'a, N: Dom<'a>>(link: N) -> Option<&'a str> {
    let fragment = link
        .attr("href")
        .and_then(|h| h.split_once('#'))
        .map(|(_, f)| f);
    fragment
        .or_else(|| link.attr("data-id"))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The id of the post a link opens the blog's page at, by its `?page=with:block-ID`: the
/// Guardian links a key event so (then `#block-ID`), which opens the page of the blog that
/// holds the post, so a post on another page is still named.
fn page_with(href: &str) -> Option<&str> {
    let before_fragment = href.split('#').next().unwrap_or_default();
    let (_, query) = before_fragment.split_once('?')?;
    query
        .split('&')
        .find_map(|p| p.strip_prefix("page=with:"))
        .map(|b| b.strip_prefix("block-").unwrap_or(b).trim())
        .filter(|id| !id.is_empty())
}

/// The entry `name` names: by its id, or by an anchor made of it (`block-ID`, `post-ID`), as a
/// post's element is named on the page.
fn entry_named(entries: &[Entry], name: &str) -> Option<usize> {
    let by_id = |id: &str| entries.iter().position(|e| e.id == id);
    by_id(name).or_else(|| {
        name.match_indices('-')
            .find_map(|(i, _)| by_id(&name[i + 1..]))
    })
}

#[cfg(test)]
mod tests;
