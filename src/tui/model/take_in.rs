//! Taking in a new version of the blog without moving the reader: the place kept by entry
//! id, what is new counted for the banner, and the sidebar kept on the same key events.

use super::entries::{Anchor, NewAt};
use super::resize::ResizeRun;
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
        for id in &d.removed {
            if let Some(i) = self.blog.position(id) {
                let gone = super::taken_out::Gone::of(&self.blog.entries[i]);
                self.remember_taken_out(id, gone);
            }
        }
        let removed = if at.is_some() {
            d.removed.clone()
        } else {
            Vec::new()
        };
        let ended_now =
            at.is_some() && new.state == LiveState::Ended && self.blog.state != LiveState::Ended;
        self.take_in(new, d, at, had_entries, place);
        self.say_refreshed(None, ended_now, &removed);
        // A page of history is old news: the catch-up said does not come back for it.
        if at.is_some() {
            self.after_refresh(0, &added);
        }
    }

    /// What a refresh changed besides bringing entries, in one note: that the blog (`name`
    /// among several) has ended, then which entries (view ids) the source took out, since
    /// they are gone from the screen. Only deletions: what falls out of a source's window of
    /// its newest entries is kept (`blog::merge`).
    pub(super) fn say_refreshed(&mut self, name: Option<&str>, ended: bool, removed: &[String]) {
        let mut parts = Vec::new();
        if ended {
            parts.push(name.map_or_else(
                || "The live blog has ended".to_string(),
                |blog| format!("{blog} has ended"),
            ));
        }
        if !removed.is_empty() {
            let what = self.what_was_taken_out(removed);
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
        let read = self.lines_read(place.as_ref(), &d);
        for id in d.amended {
            self.cache.invalidate(&id);
        }
        let Diff {
            added,
            edited,
            removed,
            ..
        } = d;
        // Only an edit is remembered for `d`: a change made while the entry was posted is none.
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
        // The key event chosen in the sidebar stays chosen as others arrive above it, or hands
        // the choice to its nearest survivor when the source takes it out.
        let chosen = (self.focus == Focus::Sidebar && !self.blog.key_events.is_empty())
            .then_some(self.sidebar.selected);
        // The filter's note on show counts what the refresh brings too.
        let filter_said = self.filter.is_set()
            && self
                .status
                .message
                .as_ref()
                .is_some_and(|(m, _)| *m == self.filter_note());
        let run = self.take_resize_run();
        let sidebar_place = self.sidebar_place(run.as_ref());
        let mut old = std::mem::replace(&mut self.blog, new);
        let old_keys = std::mem::take(&mut old.key_events);
        self.discard(old);
        self.reindex();
        self.refilter();
        self.rematch(true);
        if filter_said {
            self.note(self.filter_note());
        }
        if let Some(k) = chosen.and_then(|c| key_event_after(&old_keys, c, &self.blog.key_events)) {
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
        if let Some(read) = read {
            self.find_lines_read(&read);
        }
        let place = self.top.clone();
        self.count_new(&added, !removed.is_empty());
        self.relayout();
        let sidebar_first = self.keep_sidebar_place(sidebar_place, &old_keys);
        if self.focus == Focus::Sidebar {
            self.reveal_key_event(self.sidebar.selected);
        }
        self.carry_resize_run(run, place, sidebar_first);
    }

    /// The text of the lines being read, from the place on (a few, as shown), when the change
    /// `d` rewrites the entry they are in: what an edit adds above them (a line of update on
    /// top of a post, a picture) would otherwise move them down, out of the place.
    fn lines_read(&self, place: Option<&Anchor>, d: &Diff) -> Option<LinesRead> {
        let place = place.filter(|p| p.line > 0)?;
        let id = place.id.as_ref()?;
        if !d.edited.contains(id) && !d.amended.contains(id) {
            return None;
        }
        let layout = self.cache.peek(id)?;
        let texts = (place.line..layout.separator_from)
            .take(LINES_READ)
            .map(|n| line_text(&layout.lines[n]))
            .collect();
        Some(LinesRead {
            line: place.line,
            texts,
        })
    }

    /// Moves the place, in the entry at the top, to the line that reads as the first of `read`
    /// that the edited entry still has unchanged and not blank (the nearest to where it was),
    /// less the lines between: the same words stay at the top. Where none is left, the place
    /// stays at its line.
    fn find_lines_read(&mut self, read: &LinesRead) {
        let Some(i) = self.top_index() else { return };
        let layout = self.cache.layout(&self.blog.entries[i]);
        let body = &layout.lines[..layout.separator_from];
        for (k, text) in read.texts.iter().enumerate() {
            if text.trim().is_empty() {
                continue;
            }
            let was = read.line + k;
            let found = (body.iter().enumerate())
                .filter(|(_, l)| line_text(l) == *text)
                .map(|(n, _)| n)
                .min_by_key(|n| n.abs_diff(was));
            if let Some(n) = found {
                self.top.line = n.saturating_sub(k);
                return;
            }
        }
    }

    /// Counts the entries `added` by a refresh for the banner, once the place is settled: those
    /// above it, or below the pinned posts on top being read. `removed`: the source took
    /// entries out, which may have been among those counted before.
    fn count_new(&mut self, added: &[String], removed: bool) {
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
        if removed {
            self.new_above = self.new_above.min(self.unread_above());
        }
    }

    /// The sidebar's place before a refresh: the key event first in view and the line of it
    /// at the sidebar's top, or during a run of resizes the key event the run began on (a
    /// taller sidebar near the list's end shows it lower down). `None` at the list's very top,
    /// which shows what arrives: a live blog's new key events come first.
    fn sidebar_place(&self, run: Option<&ResizeRun>) -> Option<(usize, usize)> {
        let offset = self.sidebar.offset;
        let first = self.sidebar.item_at_line(offset)?;
        let place = match run.and_then(ResizeRun::sidebar_first) {
            Some(k) if k != first => (k, 0),
            _ => (first, offset - self.sidebar.item_range(first).start),
        };
        (place != (0, 0)).then_some(place)
    }

    /// Shows the sidebar from its place before a refresh ([`Self::sidebar_place`], with
    /// `old_keys` the list then) once the new list is laid out: the same key event first in
    /// view at the same line of it, or its nearest survivor from its first line, as near as
    /// the list's end allows. The line number alone would show other key events as they
    /// arrive above, go, or take more or fewer lines. Gives the key event kept, by its index
    /// in the new list.
    fn keep_sidebar_place(
        &mut self,
        place: Option<(usize, usize)>,
        old_keys: &[KeyEvent],
    ) -> Option<usize> {
        let (old, line) = place?;
        let k = key_event_after(old_keys, old, &self.blog.key_events)?;
        if self.panes.sidebar.is_none() {
            return Some(k);
        }
        self.show_sidebar_from(k);
        let lines = self.sidebar.item_range(k);
        if self.sidebar.offset == lines.start
            && same_key_event(&self.blog.key_events[k], &old_keys[old])
        {
            self.sidebar.offset += line.min(lines.len().saturating_sub(1));
            let until = self.sidebar_lookahead(self.sidebar.offset);
            self.lay_out_sidebar(until, false);
        }
        Some(k)
    }
}

/// How many lines from the place on are looked for again after an edit of the entry they are
/// in ([`Model::lines_read`]): the first may be the one the edit changed.
const LINES_READ: usize = 4;

/// Lines of the entry being read, before a refresh edited it.
struct LinesRead {
    /// The place's line in the entry.
    line: usize,
    /// The text of the lines from there on, as shown.
    texts: Vec<String>,
}

/// A laid-out line's text, its styles aside.
fn line_text(line: &ratatui::text::Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
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

/// Where key event `k` of the list `old` is in the list `new`: the same key event
/// ([`same_key_event`]), or for one the source took out its nearest survivor
/// ([`nearest_survivor`]). The one rule by which the sidebar's place, the key event chosen in
/// it and a run of resizes' first item follow a refresh.
pub(super) fn key_event_after(old: &[KeyEvent], k: usize, new: &[KeyEvent]) -> Option<usize> {
    let found = |o: &KeyEvent| new.iter().position(|n| same_key_event(n, o));
    let survivor = nearest_survivor(old.len(), k, |n| found(&old[n]).is_none())?;
    found(&old[survivor])
}

/// Whether two versions of a key event are the same one: by its entry, or by its title for
/// one without an entry (its index moves as others arrive above it).
pub(super) fn same_key_event(a: &KeyEvent, b: &KeyEvent) -> bool {
    match &b.entry_id {
        Some(id) => a.entry_id.as_ref() == Some(id),
        None => a.entry_id.is_none() && a.title == b.title,
    }
}
