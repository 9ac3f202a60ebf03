//! The replay's pages of a blog, as the Guardian pages one: the first page holds the newest
//! entries and names the next older page by an entry on it, `?page=with:block-<id>`, which is
//! the page that holds that entry; and so on down. Every page lists all the blog's key events,
//! those on other pages linked to the page that holds them, so a reader jumping to one fetches
//! that page as it would the Guardian's.

use super::timeline::Snapshot;
use super::writers::{dates, key_event_items};
use crate::blog::KeyEvent;
use crate::formats::flagged::listed_title;
use std::ops::Range;

/// The entry a `page` query value names (`with:block-<id>`, the Guardian's form, or
/// `with:<id>`), when it names one.
pub fn page_with(page: &str) -> Option<&str> {
    let with = page.strip_prefix("with:")?;
    let id = with.strip_prefix("block-").unwrap_or(with);
    (!id.is_empty()).then_some(id)
}

/// The page of `snap` that holds entry `with` (else the first page), `size` entries a page,
/// newest first: `None` when no entry is `with`. Its `older` names the next older page, and
/// its key events are the blog's, each with the time and title its page shows.
pub fn page_of(snap: &Snapshot, size: usize, with: Option<&str>) -> Option<Snapshot> {
    let size = size.max(1);
    let at = match with {
        Some(id) => snap.blog.position(id)?,
        None => 0,
    };
    let len = snap.blog.entries.len();
    let start = at / size * size;
    let end = start.saturating_add(size).min(len);
    let mut page = snap.clone();
    page.blog.key_events = key_events(snap, start..end);
    page.blog.entries = snap.blog.entries[start..end].to_vec();
    page.dated_at = snap.dated_at.get(start..end).unwrap_or_default().to_vec();
    page.timed = snap.timed.get(start..end).unwrap_or_default().to_vec();
    page.blog.older = snap
        .blog
        .entries
        .get(end)
        .map(|e| format!("?page=with:block-{}", e.id));
    page.page = (start / size + 1, len.div_ceil(size).max(1));
    Some(page)
}

/// The whole blog's key events, as its pages list them (the page showing the entries `shown`):
/// those whose entries are on another page keep the title and time the whole blog's list gives
/// them. A summary on another page is left out: listed without its entry, it would read as a
/// key event.
fn key_events(snap: &Snapshot, shown: Range<usize>) -> Vec<KeyEvent> {
    let blog = &snap.blog;
    key_event_items(blog)
        .into_iter()
        .filter(|item| match item {
            Ok(i) => {
                let e = &blog.entries[*i];
                e.key_event || !e.summary || shown.contains(i)
            }
            Err(_) => true,
        })
        .map(|item| match item {
            Ok(i) => {
                let e = &blog.entries[i];
                let title = listed_title(blog, e);
                KeyEvent {
                    title,
                    entry_id: Some(e.id.clone()),
                    published: Some(dates(snap, i).published),
                }
            }
            Err(k) => k.clone(),
        })
        .collect()
}
