//! Taking in a new version of the blog without moving the reader: the place kept by entry
//! id, what is new counted for the banner, and the key event chosen in the sidebar kept.

use super::entries::{Anchor, NewAt};
use super::{Focus, Model};
use crate::blog::merge::{Diff, diff};
use crate::blog::{KeyEvent, LiveBlog, LiveState};
use foldhash::HashSet;
use jiff::Timestamp;

impl Model {
    /// Takes in a new version of the blog without moving the reader: the place is kept by
    /// entry id; only a reader at the very top follows the new entries.
    /// `at` is when a refresh brought it; `None` for a page of history, whose entries are
    /// old news (never unread, never counted as new).
    pub(super) fn merge(&mut self, new: LiveBlog, at: Option<Timestamp>) {
        if let Some(at) = at {
            self.status.fetching = false;
            self.status.error = None;
            self.status.last_check = Some(at);
        }
        // Answered: whatever comes from now on arrives while reading.
        let away = at.is_some() && self.back_from_away(0);
        let d = diff(&self.blog, &new);
        if d.is_empty() && new == self.blog {
            return;
        }
        super::kept::forget_changed(self.fingerprints.known.get_mut(&0), &self.blog, &d);
        self.fingerprints.take_arriving(0);
        if at.is_some() {
            self.status.last_update = at;
        }
        let had_entries = self.top_index().is_some();
        let place = self.place_after(&d.removed);
        // What arrived while you were away does not move you from your place, nor ring.
        let place = place.or_else(|| (away && had_entries).then(|| self.place().clone()));
        let added = if at.is_some() && had_entries && !away {
            d.added.clone()
        } else {
            Vec::new()
        };
        let removed = if at.is_some() { d.removed.len() } else { 0 };
        let ended_now =
            at.is_some() && new.state == LiveState::Ended && self.blog.state != LiveState::Ended;
        self.take_in(new, d, at, had_entries, place);
        self.say_refreshed(None, ended_now, removed);
        // A page of history is old news: the catch-up said does not come back for it.
        if at.is_some() {
            self.after_refresh(0, &added);
        }
    }

    /// What a refresh changed besides bringing entries, in one note: that the blog (`name`
    /// among several) has ended, then how many entries the source took out, since they are
    /// gone from the screen. Only deletions: what falls out of a source's window of its newest
    /// entries is kept (`blog::merge`).
    pub(super) fn say_refreshed(&mut self, name: Option<&str>, ended: bool, removed: usize) {
        let mut parts = Vec::new();
        if ended {
            parts.push(name.map_or_else(
                || "The live blog has ended".to_string(),
                |blog| format!("{blog} has ended"),
            ));
        }
        if removed > 0 {
            let what = if removed == 1 {
                "1 entry".to_string()
            } else {
                format!("{removed} entries")
            };
            parts.push(match name {
                // Named once: "BBC has ended · 1 entry taken out by the source".
                Some(blog) if !ended => format!("{blog}: {what} taken out by the source"),
                _ => format!("{what} taken out by the source"),
            });
        }
        if !parts.is_empty() {
            self.note(parts.join(" · "));
        }
    }

    /// Where the reader will be after the entries `removed` go: `None` for a reader at the
    /// very top (who follows the new entries), else the same entry or, if it was deleted,
    /// the nearest older entry that survives. Asked before the view changes.
    ///
    /// During a run of resizes the place is the one the run keeps ([`Model::place`]), which a
    /// tall pane near the blog's end shows below the top.
    pub(super) fn place_after(&self, removed: &[String]) -> Option<Anchor> {
        let place = self.place();
        let at = place.id.as_ref().and_then(|id| self.index.get(id).copied());
        if at == Some(0) && place.line == 0 || self.blog.entries.is_empty() {
            return None;
        }
        let mut anchor = place.clone();
        if let (Some(id), Some(i)) = (&place.id, at)
            && removed.contains(id)
        {
            let gone: HashSet<&str> = removed.iter().map(String::as_str).collect();
            let entries = &self.blog.entries;
            let survivor = nearest_survivor(entries.len(), i, |k| gone.contains(&*entries[k].id));
            anchor = Anchor {
                id: survivor.map(|k| entries[k].id.clone()),
                line: 0,
            };
        }
        Some(anchor)
    }

    /// Makes `new` the view, with `d` what changed from the one before and `place` from
    /// [`Self::place_after`]. `had_entries`: there was something before (a first load of an
    /// empty blog marks nothing unread).
    pub(super) fn take_in(
        &mut self,
        new: LiveBlog,
        d: Diff,
        at: Option<Timestamp>,
        had_entries: bool,
        place: Option<Anchor>,
    ) {
        let Diff {
            added,
            edited,
            removed,
        } = d;
        for id in &edited {
            self.cache.invalidate(id);
            // With one blog the view still holds the old version (several blogs keep it
            // in their copies, and remember it there).
            if self.feeds.is_none()
                && let Some(&i) = self.index.get(id)
            {
                let before = self.blog.entries[i].clone();
                self.remember_previous(id, &before);
            }
        }
        // The key event chosen in the sidebar stays chosen as others arrive above it.
        let chosen = (self.focus == Focus::Sidebar)
            .then(|| self.blog.key_events.get(self.sidebar.selected).cloned())
            .flatten();
        // The filter's note on show counts what the refresh brings too.
        let filter_said = self.filter.is_set()
            && self
                .status
                .message
                .as_ref()
                .is_some_and(|(m, _)| *m == self.filter_note());
        let run = self.take_resize_run();
        let old_keys = std::mem::replace(&mut self.blog, new).key_events;
        self.reindex();
        self.rematch(true);
        self.refilter();
        if filter_said {
            self.note(self.filter_note());
        }
        if let Some(k) = chosen.and_then(|c| {
            let keys = &self.blog.key_events;
            keys.iter().position(|k| same_key_event(k, &c))
        }) {
            self.sidebar.selected = k;
        }
        let index = &self.index;
        self.cache.retain(|id| index.contains_key(id));
        // Only what the source took out stops being unread: a tab shows one blog of several,
        // and the others' unread entries are not in its view.
        for id in &removed {
            self.unread.remove(id);
        }
        let added = if at.is_some() { added } else { Vec::new() };
        if had_entries {
            self.unread.extend(added.iter().cloned());
        }
        self.top = place.unwrap_or_else(|| Anchor {
            id: self.blog.entries.first().map(|e| e.id.clone()),
            line: 0,
        });
        let place = self.top.clone();
        let top = self.top_index().unwrap_or(0);
        // Reading a pinned post on top (where a Guardian blog opens), what arrives goes below
        // it, out of sight under a post of forty lines: the banner says so too.
        let below = self.in_pinned_posts(top);
        let new_at = match (below, self.new_at) {
            (true, _) => NewAt::BelowPinned,
            (false, NewAt::UnreadAbove) => NewAt::UnreadAbove,
            (false, _) => NewAt::Above,
        };
        if new_at != self.new_at {
            self.new_above = 0;
            self.new_at = new_at;
        }
        self.new_above += added
            .iter()
            .filter_map(|id| self.index.get(id))
            .filter(|&&i| {
                if below {
                    !self.blog.entries[i].pinned
                } else {
                    i < top
                }
            })
            .count();
        // What the source took out is no longer there to read: the banner never counts more
        // than the unread entries still above.
        if !removed.is_empty() {
            self.new_above = self.new_above.min(self.unread_above());
        }
        self.relayout();
        if self.focus == Focus::Sidebar {
            self.reveal_key_event(self.sidebar.selected);
        }
        self.carry_resize_run(run, place, &old_keys);
    }
}

/// The nearest of `len` items to item `i` that is not `gone`: the first at or after it (the
/// next older, in a blog's order), else the nearest before it. Where a place taken out by the
/// source goes, in the entries and in the sidebar alike.
pub(super) fn nearest_survivor(
    len: usize,
    i: usize,
    gone: impl Fn(usize) -> bool,
) -> Option<usize> {
    (i..len).chain((0..i.min(len)).rev()).find(|&k| !gone(k))
}

/// Whether two versions of a key event are the same one: by its entry, or by its title for
/// one without an entry (its index moves as others arrive above it).
pub(super) fn same_key_event(a: &KeyEvent, b: &KeyEvent) -> bool {
    match &b.entry_id {
        Some(id) => a.entry_id.as_ref() == Some(id),
        None => a.entry_id.is_none() && a.title == b.title,
    }
}
