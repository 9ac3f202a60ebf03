//! What changed in a blog since the reader last looked: the "since 13:05: 14 new · 3 edited"
//! that greets a returning reader, and the entries the source took out meanwhile.

use super::state::{FROM_RENDERING, ReadState, fingerprint, key_event_ids};
use crate::blog::LiveBlog;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// What changed since [`ReadState::last_looked`]. Ids are in the blog's order, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatchUp {
    /// When the reader last looked; `None` on a first visit (and then the lists are empty).
    pub since: Option<Timestamp>,
    /// Entries that were not there.
    pub new: Vec<String>,
    /// Entries whose title, times, authors or body changed (see [`super::fingerprint`]).
    pub edited: Vec<String>,
    /// Entries that became key events, new ones included.
    pub key_events: Vec<String>,
    /// Entries of the blog last looked at that it no longer has, in that blog's order.
    pub removed: Vec<String>,
}

/// Compares `blog` with the state recorded at the reader's last look.
///
/// An entry is new when it has no fingerprint, except below the oldest entry that has one: a
/// blog is fetched a window at a time, so entries older than anything seen last time are an
/// older page loaded now, not news. (When no entry has a fingerprint, all are new: more was
/// published than one window holds.) Compute it on the blog the reader opens with.
///
/// An entry is taken out when it was in the blog last looked at and is not in `blog`, except
/// below the oldest entry of the last look that `blog` still has: a copy of the newest window
/// does not hold the older pages loaded last time, which are not deleted for that.
pub fn catch_up(state: &ReadState, blog: &LiveBlog) -> CatchUp {
    catch_up_with(state, blog, fingerprint)
}

/// [`catch_up`] with the entries' fingerprints from `fingerprint_of`, which gives what
/// [`fingerprint`] gives (the reader keeps those it took, rather than take them again for every
/// entry at every refresh).
pub fn catch_up_with(
    state: &ReadState,
    blog: &LiveBlog,
    mut fingerprint_of: impl FnMut(&crate::blog::Entry) -> u64,
) -> CatchUp {
    let Some(since) = state.last_looked else {
        return CatchUp::default();
    };
    let known = |id: &str| state.fingerprints().contains_key(id);
    let window = blog
        .entries
        .iter()
        .rposition(|e| known(&e.id))
        .map_or(blog.entries.len(), |oldest_known| oldest_known + 1);
    let key_ids = key_event_ids(blog);
    let mut out = CatchUp {
        since: Some(since),
        ..CatchUp::default()
    };
    for e in &blog.entries[..window] {
        match state.fingerprints().get(&e.id) {
            None => out.new.push(e.id.clone()),
            // Known only from a rendering last time: seen, and not comparable. Changed while
            // it was being posted, it is no edit, as its header says.
            Some(&f) if f != FROM_RENDERING && f != fingerprint_of(e) && e.changed_as_edit() => {
                out.edited.push(e.id.clone());
            }
            Some(_) => {}
        }
        if key_ids.contains(e.id.as_str()) && !state.key_event_ids().contains(&e.id) {
            out.key_events.push(e.id.clone());
        }
    }
    out.removed = taken_out(state.entry_ids(), blog);
    out
}

/// The entries of `last` (a blog's ids, newest first) that `blog` lacks, above the oldest one
/// it has: only there does `blog` speak for them.
fn taken_out(last: &[String], blog: &LiveBlog) -> Vec<String> {
    if last.is_empty() {
        return Vec::new();
    }
    let has: foldhash::HashSet<&str> = blog.entries.iter().map(|e| e.id.as_str()).collect();
    let Some(oldest_had) = last.iter().rposition(|id| has.contains(id.as_str())) else {
        return Vec::new();
    };
    last[..oldest_had]
        .iter()
        .filter(|id| !has.contains(id.as_str()))
        .cloned()
        .collect()
}

impl CatchUp {
    /// Whether nothing changed (or there was no previous look).
    pub fn is_empty(&self) -> bool {
        self.new.is_empty()
            && self.edited.is_empty()
            && self.key_events.is_empty()
            && self.removed.is_empty()
    }

    /// One line for the status bar: `since 13:05: 14 new · 2 key events · 3 edited · 1 taken
    /// out` (taken out by the source, as the reader says it while reading), the time
    /// in `tz` with the date when it was not the day of `now`. Counts of zero are left out;
    /// `None` when nothing changed or there was no previous look.
    pub fn summary_line(&self, tz: &TimeZone, now: Timestamp) -> Option<String> {
        let since = self.since.filter(|_| !self.is_empty())?;
        let plural = |n: usize, one: &str, many: &str| {
            (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
        };
        let parts: Vec<String> = [
            // By weight: a bar too narrow for them all drops the last first.
            plural(self.new.len(), "new", "new"),
            plural(self.key_events.len(), "key event", "key events"),
            plural(self.edited.len(), "edited", "edited"),
            plural(self.removed.len(), "taken out", "taken out"),
        ]
        .into_iter()
        .flatten()
        .collect();
        Some(format!(
            "since {}: {}",
            crate::blog::wall_clock(since, tz, Some(now)),
            parts.join(" · ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::{Block, Entry};

    fn entry(id: &str, text: &str) -> Entry {
        Entry {
            id: id.into(),
            body: vec![Block::text(text)],
            ..Entry::default()
        }
    }

    fn blog(entries: Vec<Entry>) -> LiveBlog {
        LiveBlog {
            entries,
            ..LiveBlog::default()
        }
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn looked_at(b: &LiveBlog) -> ReadState {
        let mut s = ReadState::default();
        s.record_look(b, at("2025-02-17T12:05:00Z"));
        s
    }

    #[test]
    fn new_edited_and_promoted_entries_are_told_apart() {
        let before = blog(vec![entry("c", "c"), entry("b", "b"), entry("a", "a")]);
        let state = looked_at(&before);
        let mut promoted = entry("a", "a");
        promoted.key_event = true;
        let mut key = entry("e", "e");
        key.key_event = true;
        let now = blog(vec![
            key,
            entry("d", "d"),
            entry("c", "c"),
            entry("b", "b2"),
            promoted,
        ]);
        let c = catch_up(&state, &now);
        assert_eq!(c.since, Some(at("2025-02-17T12:05:00Z")));
        assert_eq!(c.new, ["e", "d"]);
        assert_eq!(c.edited, ["b"], "promotion to key event is not an edit");
        assert_eq!(c.key_events, ["e", "a"]);
        let line = c.summary_line(&TimeZone::UTC, at("2025-02-17T18:00:00Z"));
        assert_eq!(
            line.as_deref(),
            Some("since 12:05: 2 new · 2 key events · 1 edited")
        );
    }

    #[test]
    fn a_change_made_while_the_entry_was_posted_is_no_edit_as_its_header_says() {
        let posted = |updated: &str, text: &str| Entry {
            published: crate::blog::Stamp::parse("2025-02-17T12:00:00Z"),
            updated: crate::blog::Stamp::parse(updated),
            ..entry("b", text)
        };
        let state = looked_at(&blog(vec![posted("2025-02-17T12:00:05Z", "b")]));
        let early = posted("2025-02-17T12:00:40Z", "b, typo mended");
        assert_eq!(early.edited_at(), None, "no updated mark");
        assert!(catch_up(&state, &blog(vec![early])).is_empty());
        let later = posted("2025-02-17T12:04:00Z", "b, with more");
        assert!(later.edited_at().is_some(), "an updated mark");
        assert_eq!(catch_up(&state, &blog(vec![later])).edited, ["b"]);
    }

    #[test]
    fn an_entry_last_seen_in_a_rendering_is_neither_new_nor_edited_once_read_from_its_data() {
        let mut rendered = entry("b", "b as the live poll's HTML showed it");
        rendered.read_from = crate::blog::ReadFrom::Rendering;
        let state = looked_at(&blog(vec![rendered, entry("a", "a")]));
        let c = catch_up(&state, &blog(vec![entry("b", "b"), entry("a", "a")]));
        assert!(c.is_empty(), "{c:?}");
        // Once read from its data, an edit after that counts again.
        let state = looked_at(&blog(vec![entry("b", "b"), entry("a", "a")]));
        let c = catch_up(&state, &blog(vec![entry("b", "b2"), entry("a", "a")]));
        assert_eq!(c.edited, ["b"]);
    }

    #[test]
    fn a_key_events_list_counts_as_much_as_the_flag() {
        let before = blog(vec![entry("a", "a")]);
        let state = looked_at(&before);
        let mut now = blog(vec![entry("b", "b"), entry("a", "a")]);
        now.key_events.push(crate::blog::KeyEvent {
            title: "B".into(),
            entry_id: Some("b".into()),
            published: None,
        });
        assert_eq!(catch_up(&state, &now).key_events, ["b"]);
    }

    #[test]
    fn nothing_changed_or_a_first_visit_has_no_summary() {
        let b = blog(vec![entry("a", "a")]);
        let same = catch_up(&looked_at(&b), &b);
        assert!(same.is_empty());
        assert_eq!(
            same.summary_line(&TimeZone::UTC, at("2025-02-17T18:00:00Z")),
            None
        );
        let first = catch_up(&ReadState::default(), &b);
        assert_eq!(first, CatchUp::default());
        assert_eq!(
            first.summary_line(&TimeZone::UTC, at("2025-02-17T18:00:00Z")),
            None
        );
    }

    #[test]
    fn entries_older_than_anything_seen_are_an_older_page_not_news() {
        let state = looked_at(&blog(vec![entry("c", "c"), entry("b", "b")]));
        let now = blog(vec![
            entry("d", "d"),
            entry("c", "c"),
            entry("b", "b"),
            entry("a", "a"),
        ]);
        assert_eq!(catch_up(&state, &now).new, ["d"]);
        // More than a window published since: nothing overlaps, all is new.
        let moved_on = blog(vec![entry("f", "f"), entry("e", "e")]);
        assert_eq!(catch_up(&state, &moved_on).new, ["f", "e"]);
    }

    #[test]
    fn entries_the_source_took_out_since_the_last_look_are_counted_last() {
        let state = looked_at(&blog(vec![
            entry("d", "d"),
            entry("c", "c"),
            entry("b", "b"),
            entry("a", "a"),
        ]));
        let now = blog(vec![entry("e", "e"), entry("d", "d2"), entry("a", "a")]);
        let c = catch_up(&state, &now);
        assert_eq!(c.removed, ["c", "b"]);
        assert_eq!(
            c.summary_line(&TimeZone::UTC, at("2025-02-17T18:00:00Z"))
                .as_deref(),
            Some("since 12:05: 1 new · 1 edited · 2 taken out")
        );
        // Taking out alone is worth the line.
        let c = catch_up(&state, &blog(vec![entry("d", "d"), entry("a", "a")]));
        assert_eq!(
            c.summary_line(&TimeZone::UTC, at("2025-02-17T18:00:00Z"))
                .as_deref(),
            Some("since 12:05: 2 taken out")
        );
    }

    #[test]
    fn entries_below_what_the_copy_holds_are_not_taken_out() {
        // Last time: the newest window and an older page below it.
        let state = looked_at(&blog(vec![
            entry("f", "f"),
            entry("e", "e"),
            entry("d", "d"),
            entry("c", "c"),
            entry("b", "b"),
        ]));
        // Now the newest window alone, "e" deleted from it: the older page is not news.
        let now = blog(vec![entry("g", "g"), entry("f", "f"), entry("d", "d")]);
        assert_eq!(catch_up(&state, &now).removed, ["e"]);
        // Nothing in common: nothing is known to be taken out.
        assert!(
            catch_up(&state, &blog(vec![entry("h", "h")]))
                .removed
                .is_empty()
        );
    }

    #[test]
    fn an_entry_taken_out_in_an_earlier_sitting_is_not_counted_again() {
        let mut state = looked_at(&blog(vec![
            entry("c", "c"),
            entry("b", "b"),
            entry("a", "a"),
        ]));
        let without_b = blog(vec![entry("c", "c"), entry("a", "a")]);
        state.record_look(&without_b, at("2025-02-17T13:00:00Z"));
        assert!(
            state.fingerprints().contains_key("b"),
            "seen is not forgotten"
        );
        assert!(catch_up(&state, &without_b).is_empty());
    }

    #[test]
    fn the_summary_is_singular_for_one_and_dated_when_not_today() {
        let state = looked_at(&blog(vec![entry("a", "a")]));
        let now = blog(vec![entry("b", "b"), entry("a", "a")]);
        let c = catch_up(&state, &now);
        let tz = TimeZone::fixed(jiff::tz::offset(1));
        assert_eq!(
            c.summary_line(&tz, at("2025-02-17T13:00:00Z")).as_deref(),
            Some("since 13:05: 1 new")
        );
        assert_eq!(
            c.summary_line(&tz, at("2025-02-19T13:00:00Z")).as_deref(),
            Some("since 17 Feb 13:05: 1 new")
        );
        let mut promoted = entry("a", "a");
        promoted.key_event = true;
        let c = catch_up(&state, &blog(vec![promoted]));
        assert_eq!(
            c.summary_line(&tz, at("2025-02-17T13:00:00Z")).as_deref(),
            Some("since 13:05: 1 key event")
        );
    }
}
