//! Combining a freshly fetched version of a blog with the one the reader has.
//!
//! A source often returns only a window of the blog: the Guardian's page JSON holds the newest
//! page, a Content API refresh only the blocks published since the last poll. What the fresh
//! version covers replaces the old (so edits and deletions inside the window show); older
//! entries it does not cover are kept, so history the reader loaded is never lost.
//!
//! A pinned post sits above everything, as the publisher shows it (the Guardian puts it at the
//! top of the first page): first in every blog's entries, through merges and history alike.
//! The newest window says which posts are pinned; the rest stay in time order below it.

use super::{Entry, LiveBlog, ReadFrom};
use foldhash::{HashMap, HashSet};

/// What changed between two versions of a blog, entry by entry (by id). The one comparison
/// that the reader, `follow`, the catch-up view and alerts all use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// Entries of the new version that the old one lacked, in the new version's order.
    pub added: Vec<String>,
    /// Entries in both whose content differs by an edit the reader is told of, in the new
    /// version's order: the entry's own rule ([`Entry::changed_as_edit`]), so that what says
    /// "edited" (the status bar, `follow`, alerts, `d`) agrees with its header's "updated".
    pub edited: Vec<String>,
    /// Entries in both whose content differs, but by a change their own times place while
    /// they were being posted: no edit to tell of, yet what shows them is made again.
    pub amended: Vec<String>,
    /// Entries of the old version that the new one lacks, in the old version's order.
    pub removed: Vec<String>,
}

impl Diff {
    /// No entry was added, edited or removed (blog-level fields may still differ).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.edited.is_empty()
            && self.amended.is_empty()
            && self.removed.is_empty()
    }

    /// Every entry in both whose content differs, edited or amended: what a view of the old
    /// version must make again.
    pub fn changed(&self) -> impl Iterator<Item = &String> {
        self.edited.iter().chain(&self.amended)
    }
}

/// Compares two versions of a blog by entry id.
pub fn diff(old: &LiveBlog, new: &LiveBlog) -> Diff {
    let before: HashMap<&str, &Entry> = old.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut out = Diff::default();
    for e in &new.entries {
        match before.get(e.id.as_str()) {
            None => out.added.push(e.id.clone()),
            // Times as instants: the same moment written another way is no edit, nor a time
            // given where there was none. Nor is the source's own version of an entry first
            // read from a rendering of it.
            Some(o) if !o.unchanged_in(e) && o.read_from == ReadFrom::Data => {
                let told = if e.changed_as_edit() {
                    &mut out.edited
                } else {
                    &mut out.amended
                };
                told.push(e.id.clone());
            }
            Some(_) => {}
        }
    }
    // Found by id, never by counting: with repeated ids, counts could cancel out.
    let after: HashSet<&str> = new.entries.iter().map(|e| e.id.as_str()).collect();
    out.removed = old
        .entries
        .iter()
        .filter(|e| !after.contains(e.id.as_str()))
        .map(|e| e.id.clone())
        .collect();
    out
}

/// How much of the blog a fetched document speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Every entry down to its oldest one: anything newer that it lacks was deleted.
    NewestWindow,
    /// Only the entries it carries (a "since" refresh): nothing is deleted.
    Additions,
}

/// Merges `fresh` into `current`. Blog-level fields (title, state, key events…) come from
/// `fresh` when it has them.
pub fn merge(current: &LiveBlog, mut fresh: LiveBlog, coverage: Coverage) -> LiveBlog {
    let fresh_entries = std::mem::take(&mut fresh.entries);
    let mut out = fresh;
    if out.title.is_empty() {
        out.title.clone_from(&current.title);
    }
    if out.standfirst.is_empty() {
        out.standfirst.clone_from(&current.standfirst);
    }
    if out.url.is_none() {
        out.url.clone_from(&current.url);
    }
    // A document that does not say (a partial refresh) leaves what we knew.
    if out.state == super::LiveState::Unknown {
        out.state = current.state;
    }
    if out.updated.is_none() {
        out.updated = current.updated;
    }
    if coverage == Coverage::Additions && out.key_events.is_empty() {
        out.key_events.clone_from(&current.key_events);
    }
    let fresh_ids: HashSet<String> = fresh_entries.iter().map(|e| e.id.clone()).collect();
    match coverage {
        Coverage::NewestWindow => {
            // The fresh window ends at its oldest entry in time order; a pinned post on top
            // may be older than all of it and says nothing about where the window ends.
            let oldest_fresh = fresh_entries
                .iter()
                .rev()
                .find(|e| !e.pinned)
                .or(fresh_entries.last());
            let oldest_common = fresh_entries
                .iter()
                .rev()
                .filter(|e| !e.pinned)
                .find_map(|e| {
                    current
                        .position(&e.id)
                        .filter(|&i| !current.entries[i].pinned)
                });
            let kept_from = match oldest_common {
                Some(i) => i + 1,
                None => older_than(current, oldest_fresh),
            };
            let kept_from = kept_from.min(current.entries.len());
            let unpinned = |e: &Entry| Entry {
                pinned: false,
                ..e.clone()
            };
            let mut kept: Vec<Entry> = current.entries[kept_from..]
                .iter()
                .filter(|e| !fresh_ids.contains(e.id.as_str()))
                .map(unpinned)
                .collect();
            // A post no longer pinned and older than the window has not been deleted: it
            // goes back to its place in time among the older entries.
            let window_starts = oldest_fresh.and_then(Entry::time);
            for e in &current.entries[..kept_from] {
                let older = matches!((e.time(), window_starts), (Some(t), Some(w)) if t < w);
                if e.pinned && older && !fresh_ids.contains(e.id.as_str()) {
                    insert_by_time(&mut kept, unpinned(e));
                }
            }
            out.entries = fresh_entries;
            out.entries.extend(kept);
            pinned_first(&mut out.entries);
            // With older entries kept below the window, the pointer to what lies beyond them
            // is ours, not the window's (which would send "load older" back to a page we hold).
            if kept_from < current.entries.len() {
                out.older.clone_from(&current.older);
            }
        }
        Coverage::Additions => {
            out.entries.clone_from(&current.entries);
            for e in &fresh_entries {
                match out.entries.iter_mut().find(|c| c.id == e.id) {
                    Some(c) => *c = e.clone(),
                    None => out.entries.push(e.clone()),
                }
            }
            sort_newest_first(&mut out.entries);
            if out.older.is_none() {
                out.older.clone_from(&current.older);
            }
        }
    }
    out.link_key_events();
    out.date_key_events_by_entries();
    out
}

/// Adds a page of history (an older page, or the page that holds a key event) to what the
/// reader has. Entries already loaded stay as they are; the page's entries are added in time
/// order; the pointer to older history moves down when the page reaches further back.
pub fn add_history(current: &LiveBlog, mut page: LiveBlog) -> LiveBlog {
    let mut out = current.clone();
    let had: HashSet<String> = out.entries.iter().map(|e| e.id.clone()).collect();
    let oldest_before = out.entries.last().and_then(Entry::time);
    let page_oldest = page.entries.last().and_then(Entry::time);
    // Which post is pinned is the newest window's to say; an older page's own flag is stale.
    out.entries.extend(
        page.entries
            .drain(..)
            .filter(|e| !had.contains(&e.id))
            .map(|e| Entry { pinned: false, ..e }),
    );
    let added = out.entries.len() > had.len();
    sort_newest_first(&mut out.entries);
    // Entries of one moment (a blog whose posts share a time) reach further when the page
    // brought some not had: else its pointer would name the same page again.
    let reaches_further = match (page_oldest, oldest_before) {
        (Some(p), Some(c)) => p < c || (p == c && added),
        _ => true,
    };
    if reaches_further {
        out.older = page.older;
    }
    for k in page.key_events {
        if !out
            .key_events
            .iter()
            .any(|o| o.title == k.title && o.entry_id == k.entry_id)
        {
            out.key_events.push(k);
        }
    }
    out.link_key_events();
    out.date_key_events_by_entries();
    out
}

/// Puts an entry among newest-first entries at the place its time gives it; without a time,
/// at the top.
pub fn insert_by_time(entries: &mut Vec<Entry>, e: Entry) {
    let at = e.time().map_or(0, |t| {
        entries
            .iter()
            .position(|x| x.time().is_some_and(|xt| xt < t))
            .unwrap_or(entries.len())
    });
    entries.insert(at, e);
}

/// Where, in `current`, the entries older than `oldest_fresh` begin. Without times to compare,
/// nothing is kept: a window that shares no entry with what we had replaces it.
fn older_than(current: &LiveBlog, oldest_fresh: Option<&Entry>) -> usize {
    let Some(t) = oldest_fresh.and_then(Entry::time) else {
        return current.entries.len();
    };
    current
        .entries
        .iter()
        .position(|e| e.time().is_some_and(|et| et < t))
        .unwrap_or(current.entries.len())
}

/// Pinned entries first, then newest first by time; entries without a time keep their
/// relative place at the end.
pub fn sort_newest_first(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.pinned
            .cmp(&a.pinned)
            .then_with(|| match (a.time(), b.time()) {
                // By instant only: one moment written with two offsets keeps its document order.
                (Some(x), Some(y)) => y.instant().cmp(&x.instant()),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
    });
}

/// Moves pinned entries to the top, each run keeping its own order: the publisher shows a
/// pinned post above the newest entry, whatever its time.
pub fn pinned_first(entries: &mut [Entry]) {
    // A stable sort on one flag: pinned (false after `!`) before the rest, order kept.
    entries.sort_by_key(|e| !e.pinned);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::{Block, KeyEvent, Stamp};

    fn e(id: &str, minute: u32, text: &str) -> Entry {
        Entry {
            id: id.into(),
            published: Stamp::parse(&format!("2025-02-17T10:{minute:02}:00Z")),
            body: vec![Block::text(text)],
            ..Entry::default()
        }
    }

    fn blog(entries: Vec<Entry>) -> LiveBlog {
        LiveBlog {
            title: "T".into(),
            entries,
            ..LiveBlog::default()
        }
    }

    fn ids(b: &LiveBlog) -> Vec<&str> {
        b.entries.iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn the_diff_names_added_edited_and_removed_entries_by_id() {
        let old = blog(vec![e("c", 30, "c"), e("b", 20, "b"), e("a", 10, "a")]);
        let new = blog(vec![
            e("e", 50, "e"),
            e("d", 40, "d"),
            e("c", 30, "c2"),
            e("a", 10, "a"),
        ]);
        let d = diff(&old, &new);
        assert_eq!(d.added, ["e", "d"]);
        assert_eq!(d.edited, ["c"]);
        assert_eq!(d.removed, ["b"]);
        assert!(diff(&new, &new).is_empty());
    }

    #[test]
    fn a_removal_hidden_by_as_many_additions_is_still_found() {
        let old = blog(vec![e("b", 20, "b"), e("a", 10, "a")]);
        let new = blog(vec![e("c", 30, "c"), e("a", 10, "a")]);
        let d = diff(&old, &new);
        assert_eq!(
            (d.added.as_slice(), d.removed.as_slice()),
            (&["c".to_string()][..], &["b".to_string()][..])
        );
    }

    #[test]
    fn a_newest_window_adds_edits_deletes_and_keeps_older_history() {
        let current = blog(vec![
            e("d", 40, "d"),
            e("c", 30, "c"),
            e("b", 20, "b"),
            e("a", 10, "a"),
        ]);
        // New "e"; "d" deleted; "c" edited; the window ends at "c".
        let fresh = blog(vec![e("e", 50, "e"), e("c", 30, "c edited")]);
        let m = merge(&current, fresh, Coverage::NewestWindow);
        assert_eq!(ids(&m), ["e", "c", "b", "a"]);
        assert_eq!(m.entries[1].plain_text(), "c edited");
    }

    #[test]
    fn a_window_with_nothing_in_common_keeps_only_older_entries_by_time() {
        let current = blog(vec![e("b", 20, "b"), e("a", 10, "a")]);
        let fresh = blog(vec![e("d", 40, "d"), e("c", 30, "c")]);
        assert_eq!(
            ids(&merge(&current, fresh, Coverage::NewestWindow)),
            ["d", "c", "b", "a"]
        );
    }

    #[test]
    fn additions_never_delete_and_stay_in_time_order() {
        let current = blog(vec![e("b", 20, "b"), e("a", 10, "a")]);
        let fresh = blog(vec![e("c", 30, "c"), e("a", 10, "a edited")]);
        let m = merge(&current, fresh, Coverage::Additions);
        assert_eq!(ids(&m), ["c", "b", "a"]);
        assert_eq!(m.entries[2].plain_text(), "a edited");
    }

    #[test]
    fn history_pages_extend_the_blog_downwards() {
        let mut current = blog(vec![e("d", 40, "d"), e("c", 30, "c")]);
        current.older = Some("?page=with:block-b".into());
        let mut page = blog(vec![e("c", 30, "c"), e("b", 20, "b"), e("a", 10, "a")]);
        page.older = Some("?page=with:block-z".into());
        let m = add_history(&current, page);
        assert_eq!(ids(&m), ["d", "c", "b", "a"]);
        assert_eq!(m.older.as_deref(), Some("?page=with:block-z"));
    }

    #[test]
    fn a_page_of_entries_as_old_as_the_oldest_had_still_moves_the_pointer_down() {
        let mut window = blog(vec![e("d", 10, "d"), e("c", 10, "c")]);
        window.older = Some("2/c".into());
        let mut page2 = blog(vec![e("b", 10, "b"), e("a", 10, "a")]);
        page2.older = Some("3/a".into());
        let h = add_history(&window, page2.clone());
        assert_eq!((ids(&h).len(), h.older.as_deref()), (4, Some("3/a")));
        // The same page again brings nothing: the pointer stays where it was.
        let again = add_history(&h, page2);
        assert_eq!(again.older.as_deref(), Some("3/a"));
    }

    #[test]
    fn a_refreshed_window_keeps_the_pointer_below_the_history_already_loaded() {
        let mut current = blog(vec![e("c", 30, "c"), e("b", 20, "b"), e("a", 10, "a")]);
        current.older = Some("?page=with:block-z".into());
        let mut fresh = blog(vec![e("d", 40, "d"), e("c", 30, "c")]);
        fresh.older = Some("?page=with:block-b".into());
        let m = merge(&current, fresh, Coverage::NewestWindow);
        assert_eq!(ids(&m), ["d", "c", "b", "a"]);
        assert_eq!(m.older.as_deref(), Some("?page=with:block-z"));
    }

    #[test]
    fn a_key_event_listed_without_a_time_takes_its_kept_entry_s() {
        // A paged blog's first page lists the key events of every page, and dates only those
        // whose posts it holds: "b" has slid to the second page, still on screen.
        let key = |id: &str, minute: Option<u32>| KeyEvent {
            title: format!("Key {id}"),
            entry_id: Some(id.into()),
            published: minute.and_then(|m| Stamp::parse(&format!("2025-02-17T10:{m:02}:00Z"))),
        };
        let mut current = blog(vec![e("c", 30, "c"), e("b", 20, "b"), e("a", 10, "a")]);
        current.key_events = vec![key("b", Some(20))];
        let mut fresh = blog(vec![e("d", 40, "d"), e("c", 30, "c")]);
        fresh.key_events = vec![key("d", Some(40)), key("b", None), key("z", None)];
        let m = merge(&current, fresh, Coverage::NewestWindow);
        let times: Vec<Option<Stamp>> = m.key_events.iter().map(|k| k.published).collect();
        // "z"'s post is nowhere loaded: it stays without a time.
        assert_eq!(
            times,
            [
                Stamp::parse("2025-02-17T10:40:00Z"),
                Stamp::parse("2025-02-17T10:20:00Z"),
                None
            ]
        );
        // An older page's list is dated the same way by what is loaded.
        let mut page = blog(vec![e("a", 10, "a")]);
        page.key_events = vec![key("c", None)];
        let h = add_history(&blog(vec![e("c", 30, "c")]), page);
        assert_eq!(
            h.key_events[0].published,
            Stamp::parse("2025-02-17T10:30:00Z")
        );
    }

    #[test]
    fn a_whole_blog_replaces_a_timeless_one() {
        let t = |id: &str| Entry {
            id: id.into(),
            ..Entry::default()
        };
        let current = blog(vec![t("b"), t("a")]);
        let fresh = blog(vec![t("c"), t("b"), t("a")]);
        assert_eq!(
            ids(&merge(&current, fresh, Coverage::NewestWindow)),
            ["c", "b", "a"]
        );
    }

    fn pinned(mut e: Entry) -> Entry {
        e.pinned = true;
        e
    }

    fn pins(b: &LiveBlog) -> Vec<&str> {
        b.entries
            .iter()
            .filter(|e| e.pinned)
            .map(|e| e.id.as_str())
            .collect()
    }

    #[test]
    fn sorting_puts_a_pinned_post_above_newer_entries() {
        let mut v = vec![e("b", 20, "b"), pinned(e("p", 5, "p")), e("c", 30, "c")];
        sort_newest_first(&mut v);
        let ids: Vec<&str> = v.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["p", "c", "b"]);
    }

    #[test]
    fn a_refreshed_window_keeps_the_pinned_post_on_top_and_ends_at_its_oldest_entry_in_time() {
        let current = blog(vec![
            pinned(e("p", 5, "p")),
            e("d", 40, "d"),
            e("c", 30, "c"),
            e("b", 20, "b"),
            e("a", 10, "a"),
        ]);
        // The pinned post is older than the whole window; "d" was deleted inside it.
        let fresh = blog(vec![
            pinned(e("p", 5, "p")),
            e("e", 50, "e"),
            e("c", 30, "c"),
        ]);
        let m = merge(&current, fresh, Coverage::NewestWindow);
        assert_eq!(ids(&m), ["p", "e", "c", "b", "a"]);
        assert_eq!(pins(&m), ["p"]);
    }

    #[test]
    fn a_post_no_longer_pinned_goes_back_to_its_time_and_is_not_deleted() {
        let current = blog(vec![
            pinned(e("p", 15, "p")),
            e("d", 40, "d"),
            e("c", 30, "c"),
            e("b", 20, "b"),
            e("a", 10, "a"),
        ]);
        let fresh = blog(vec![e("e", 50, "e"), e("d", 40, "d"), e("c", 30, "c")]);
        let m = merge(&current, fresh, Coverage::NewestWindow);
        assert_eq!(ids(&m), ["e", "d", "c", "b", "p", "a"]);
        assert!(pins(&m).is_empty());
        let d = diff(&current, &m);
        assert_eq!(
            (d.edited.as_slice(), d.removed.len()),
            (&["p".to_string()][..], 0)
        );
    }

    #[test]
    fn a_newly_pinned_post_moves_to_the_top() {
        let current = blog(vec![e("c", 30, "c"), e("b", 20, "b"), e("a", 10, "a")]);
        let fresh = blog(vec![
            pinned(e("a", 10, "a")),
            e("d", 40, "d"),
            e("c", 30, "c"),
        ]);
        let m = merge(&current, fresh, Coverage::NewestWindow);
        assert_eq!(ids(&m), ["a", "d", "c", "b"]);
        assert_eq!(pins(&m), ["a"]);
    }

    #[test]
    fn additions_and_history_keep_the_pinned_post_first_and_the_only_one() {
        let current = blog(vec![
            pinned(e("p", 5, "p")),
            e("b", 20, "b"),
            e("a", 10, "a"),
        ]);
        let m = merge(&current, blog(vec![e("c", 30, "c")]), Coverage::Additions);
        assert_eq!(ids(&m), ["p", "c", "b", "a"]);
        // An older page lists the pinned post at its own time, and a stale pin of another.
        let page = blog(vec![
            e("a", 10, "a"),
            e("z", 8, "z"),
            pinned(e("p", 5, "p")),
            pinned(e("y", 3, "y")),
        ]);
        let h = add_history(&m, page);
        assert_eq!(ids(&h), ["p", "c", "b", "a", "z", "y"]);
        assert_eq!(pins(&h), ["p"]);
    }

    #[test]
    fn the_same_moment_written_with_another_offset_is_no_edit() {
        let at = |s: &str| Entry {
            id: "a".into(),
            published: Stamp::parse(s),
            updated: Stamp::parse(s),
            body: vec![Block::text("a")],
            ..Entry::default()
        };
        let old = blog(vec![at("2020-10-06T10:54:38.000+01:00")]);
        let new = blog(vec![at("2020-10-06T09:54:38Z")]);
        assert!(diff(&old, &new).is_empty());
        // A real change of time still is one (no edit to tell of: updated as it was posted).
        let later = blog(vec![at("2020-10-06T09:55:38Z")]);
        assert_eq!(diff(&old, &later).changed().collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn a_time_given_where_there_was_none_is_no_edit_but_a_time_gone_is() {
        let untimed = |id: &str| Entry {
            published: None,
            ..e(id, 0, id)
        };
        let mut labelled = e("a", 1, "a");
        labelled.time_as_written = Some("10:01".into());
        let old = blog(vec![untimed("b"), untimed("a")]);
        let new = blog(vec![e("c", 3, "c"), e("b", 2, "b"), labelled.clone()]);
        let d = diff(&old, &new);
        assert_eq!(
            (d.added.as_slice(), d.edited.len()),
            (&["c".to_string()][..], 0)
        );
        // Once given, a time that goes, or another label, is a change.
        let gone = blog(vec![e("c", 3, "c"), untimed("b"), labelled.clone()]);
        assert_eq!(diff(&new, &gone).edited, ["b"]);
        labelled.time_as_written = Some("10:02".into());
        let relabelled = blog(vec![e("c", 3, "c"), e("b", 2, "b"), labelled]);
        assert_eq!(diff(&new, &relabelled).edited, ["a"]);
    }

    #[test]
    fn the_source_s_own_version_of_an_entry_read_from_a_rendering_is_no_edit() {
        let mut read_from_html = e("a", 1, "Text, as the page rendered it");
        read_from_html.read_from = ReadFrom::Rendering;
        let old = blog(vec![read_from_html]);
        let mut from_json = e("a", 1, "Text");
        from_json.updated = Stamp::parse("2025-02-17T10:01:30Z");
        let new = blog(vec![from_json.clone()]);
        assert!(diff(&old, &new).is_empty());
        // Once the source's version is there, a change is an edit again.
        let edited = blog(vec![e("a", 1, "Text, corrected")]);
        assert_eq!(diff(&new, &edited).edited, ["a"]);
    }

    /// An update time that is the publication's own tells nothing of when a change was made
    /// (RSS readers copy `pubDate` there): a change seen between two versions is an edit.
    #[test]
    fn a_change_to_an_entry_updated_when_it_was_published_is_an_edit() {
        let posted = |text: &str| Entry {
            // The same instant, written in another offset.
            updated: Stamp::parse("2025-02-17T11:00:00+01:00"),
            ..e("a", 0, text)
        };
        let old = blog(vec![posted("a")]);
        let instant = |s: Option<Stamp>| s.map(|s| s.instant());
        let first = &old.entries[0];
        assert_eq!(
            instant(first.updated),
            instant(first.published),
            "as posted"
        );
        let d = diff(&old, &blog(vec![posted("a, with more")]));
        assert_eq!(
            (d.edited.as_slice(), d.amended.len()),
            (&["a".to_string()][..], 0)
        );
    }

    #[test]
    fn a_change_made_while_the_entry_was_posted_is_amended_not_edited() {
        let posted = |updated: &str, text: &str| Entry {
            updated: Stamp::parse(updated),
            ..e("a", 0, text)
        };
        let old = blog(vec![posted("2025-02-17T10:00:05Z", "a")]);
        let early = blog(vec![posted("2025-02-17T10:00:40Z", "a, typo mended")]);
        let d = diff(&old, &early);
        assert_eq!(
            (d.edited.len(), d.amended.as_slice()),
            (0, &["a".to_string()][..])
        );
        assert!(!d.is_empty(), "still a change to show");
        let later = blog(vec![posted("2025-02-17T10:04:00Z", "a, with more")]);
        let d = diff(&old, &later);
        assert_eq!(
            (d.edited.as_slice(), d.amended.len()),
            (&["a".to_string()][..], 0)
        );
    }
}
