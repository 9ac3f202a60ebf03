//! The entry pane's state: the reader's place, scrolling and what is on screen. Taking in a
//! new version of the blog without moving the reader is in `take_in`.

use super::{Focus, Model};
use crate::blog::LiveBlog;
use crate::tui::action::Effect;

/// Most entry layouts kept; see `prepare_visible`.
const CACHE_LIMIT: usize = 1024;

/// The reader's place: an entry (by id, never by index) and a line within its layout.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Anchor {
    pub id: Option<String>,
    pub line: usize,
}

/// Where the new entries the banner counts are: above the place, or below the pinned posts on
/// top that are being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::tui::model) enum NewAt {
    Above,
    /// Above a place kept from an earlier sitting: entries never seen, from whenever they
    /// came (the catch-up counts those new since the last look).
    UnreadAbove,
    BelowPinned,
}

impl Model {
    /// New entries above a reader who scrolled away.
    pub fn new_above(&self) -> usize {
        self.new_above
    }

    /// Whether the new entries [`Self::new_above`] counts are below the pinned posts being
    /// read rather than above the place.
    pub fn new_below(&self) -> bool {
        self.new_at == NewAt::BelowPinned
    }

    /// What the banner says of the entries it counts: "new", or "unread" when they are above
    /// a place kept from an earlier sitting.
    pub fn new_word(&self) -> &'static str {
        if self.new_at == NewAt::UnreadAbove {
            "unread"
        } else {
            "new"
        }
    }

    pub fn top_index(&self) -> Option<usize> {
        self.top
            .id
            .as_ref()
            .and_then(|id| self.index.get(id).copied())
    }

    /// Lines entry `i` takes on screen: none when a filter hides it.
    pub(super) fn height_at(&mut self, i: usize) -> usize {
        if self.shown(i) {
            self.cache.height(&self.blog.entries[i])
        } else {
            0
        }
    }

    /// Whether entry `i` passes the filters (`K`: key events and summaries only; `&` a
    /// word; `A` an author).
    pub fn shown(&self, i: usize) -> bool {
        (!self.key_only || self.key_kind(i)) && self.filter.passes(i)
    }

    /// Whether entry `i` is one that `K` shows: a key event, a summary or a pinned post.
    pub(super) fn key_kind(&self, i: usize) -> bool {
        self.blog
            .entries
            .get(i)
            .is_some_and(|e| e.key_event || e.summary || e.pinned)
            || self.key_entries.binary_search(&i).is_ok()
    }

    /// `K`: key events and summaries only, or everything again; the place is kept. Not turned
    /// on when it would leave the pane empty (as `&` is not), since an empty pane says nothing
    /// of why.
    pub(super) fn toggle_key_only(&mut self) {
        let was = self.filtered();
        if !self.key_only
            && !self.blog.entries.is_empty()
            && !(0..self.blog.entries.len()).any(|i| self.key_kind(i) && self.filter.passes(i))
        {
            self.note(if self.filter.is_set() {
                format!(
                    "No key event or summary among the entries {}: K was not changed",
                    self.filter_words()
                )
            } else {
                "No loaded entry is a key event or summary: K was not changed".to_string()
            });
            return;
        }
        self.key_only = !self.key_only;
        self.note(self.filter_note());
        self.after_filter_change(was);
    }

    /// Whether a filter narrows the pane.
    pub(super) fn filtered(&self) -> bool {
        self.key_only || self.filter.is_set()
    }

    /// Settles the place after a filter changed (`was`: whether one narrowed the pane
    /// before). The place before the first filter is kept, and given back when the last goes
    /// if the reader has not moved meanwhile.
    pub(super) fn after_filter_change(&mut self, was: bool) {
        // The search finds only what the pane shows.
        self.rematch(false);
        let now = self.filtered();
        if !was && now {
            let before = self.top.clone();
            self.clamp_top();
            self.after_move();
            self.unfiltered_place = Some((before, self.top.clone()));
            return;
        }
        if was
            && !now
            && let Some((before, after)) = self.unfiltered_place.take()
            && self.top == after
        {
            self.top = before;
        }
        self.clamp_top();
        self.after_move();
    }

    /// The furthest place the top can be: the last lines of the blog fill the pane.
    pub(super) fn max_top(&mut self) -> (usize, usize) {
        let n = self.blog.entries.len();
        let page = self.page_height().max(1);
        let mut need = page;
        for i in (0..n).rev() {
            let h = self.height_at(i);
            if h >= need {
                return (i, h - need);
            }
            need -= h;
        }
        (0, 0)
    }

    pub(super) fn clamp_top(&mut self) {
        let Some(i) = self.top_index() else {
            self.top = Anchor {
                id: self.blog.entries.first().map(|e| e.id.clone()),
                line: 0,
            };
            return;
        };
        let h = self.height_at(i);
        self.top.line = self.top.line.min(h.saturating_sub(1));
        // Enough lines from the top on to fill the pane: the top is at or before the furthest
        // it can be. Only the entries on screen are measured for that, where the furthest
        // place would lay out the blog's last entries (a long blog's first screen needs none).
        let page = self.page_height().max(1);
        let mut below = h - self.top.line;
        let mut j = i + 1;
        while below < page && j < self.blog.entries.len() {
            below += self.height_at(j);
            j += 1;
        }
        if below >= page {
            return;
        }
        let (mi, ml) = self.max_top();
        if (i, self.top.line) > (mi, ml) {
            self.set_top(mi, ml);
        }
    }

    pub(super) fn set_top(&mut self, i: usize, line: usize) {
        self.top = Anchor {
            id: Some(self.blog.entries[i].id.clone()),
            line,
        };
    }

    /// How many lines the entries moved from the place `from` to the reader's place now (up
    /// when positive), when that is fewer than `most` and every entry between was laid out;
    /// `None` otherwise. The frame writer has the terminal move the pane's rows by as much,
    /// rather than finding the move by comparing frames. A wrong answer (the blog changed
    /// between) costs bytes, never a wrong screen: the frame is written against the rows as
    /// moved.
    pub fn lines_moved_since(&self, from: &Anchor, most: usize) -> Option<isize> {
        let a = (*self.index.get(from.id.as_ref()?)?, from.line);
        let b = (self.top_index()?, self.top.line);
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        // Entries hidden by a filter take no lines, but are looked at: a long run of them
        // is not worth walking.
        if hi.0 - lo.0 > most + 64 {
            return None;
        }
        let mut lines = 0usize;
        for i in lo.0..hi.0 {
            if self.shown(i) {
                lines += self.cache.peek(&self.blog.entries[i].id)?.height();
            }
        }
        let lines = (lines + hi.1).checked_sub(lo.1).filter(|&n| n < most)?;
        let lines = isize::try_from(lines).ok()?;
        Some(if a <= b { lines } else { -lines })
    }

    /// Scrolls the entries by `delta` lines (negative is up), within the blog.
    pub(super) fn scroll(&mut self, delta: isize) {
        let Some(mut i) = self.top_index() else {
            return;
        };
        let mut line = self.top.line;
        if delta >= 0 {
            let mut left = delta.unsigned_abs();
            while left > 0 {
                let h = self.height_at(i);
                if line + left < h {
                    line += left;
                    left = 0;
                } else if i + 1 < self.blog.entries.len() {
                    left -= h - line;
                    i += 1;
                    line = 0;
                } else {
                    line = h.saturating_sub(1);
                    left = 0;
                }
            }
        } else {
            let mut left = delta.unsigned_abs();
            while left > 0 {
                if left <= line {
                    line -= left;
                    left = 0;
                } else if i > 0 {
                    left -= line + 1;
                    i -= 1;
                    line = self.height_at(i).saturating_sub(1);
                } else {
                    line = 0;
                    left = 0;
                }
            }
        }
        self.set_top(i, line);
        self.clamp_top();
    }

    /// Where the entry the keys are for stands among those shown, and how many are: `(3, 12)`
    /// for the status bar's "3/12". Under a filter, only the entries it shows count; `None`
    /// when it shows none.
    pub fn position(&self) -> Option<(usize, usize)> {
        let i = self.subject_index()?;
        if !self.key_only && !self.filter.is_set() {
            return Some((i + 1, self.blog.entries.len()));
        }
        let before = (0..i).filter(|&k| self.shown(k)).count();
        let after = (i..self.blog.entries.len())
            .filter(|&k| self.shown(k))
            .count();
        // Nothing shown: no position to give ("1/0").
        (before + after > 0).then_some((before + 1, before + after))
    }

    /// `t`: the newest of the new entries above, below a pinned post that stays on top (also
    /// when reading that post); the top when none is above.
    pub(super) fn jump_to_new(&mut self) {
        let top = self.top_index().unwrap_or(0);
        let to = self
            .first_new()
            .filter(|&i| i < top || self.in_pinned_posts(top));
        if to.is_none() {
            // At the top already, the key would otherwise seem to do nothing.
            self.note("Nothing new above: the newest entry is at the top");
        }
        self.jump_to_entry(to.unwrap_or(0));
    }

    /// Whether entry `i` is one of the pinned posts on top of the blog (none unpinned above).
    pub(super) fn in_pinned_posts(&self, i: usize) -> bool {
        self.blog
            .entries
            .get(..=i)
            .is_some_and(|above| above.iter().all(|e| e.pinned))
    }

    /// `G`: the blog's end in view. Its last entry is the one the keys are for and the position
    /// counts, as after a jump to it.
    pub(super) fn go_to_bottom(&mut self) {
        let (i, l) = self.max_top();
        self.set_top(i, l);
        if let Some(last) = (0..self.blog.entries.len()).rev().find(|&k| self.shown(k)) {
            self.remember_jump(last);
        }
    }

    pub(super) fn jump_to_entry(&mut self, i: usize) {
        self.set_top(i, 0);
        self.clamp_top();
        self.remember_jump(i);
    }

    /// After a jump to entry `i`: when it could not come to the top, it is the entry keys'
    /// subject until the place moves (see [`Model::subject_index`]).
    pub(super) fn remember_jump(&mut self, i: usize) {
        let id = &self.blog.entries[i].id;
        self.jumped = (self.top.id.as_ref() != Some(id)).then(|| (id.clone(), self.top.clone()));
    }

    /// The entry the entry keys (`d`, `o`, `y`, `Y`, `f`, `A`, `u`) are for: the one just
    /// jumped to (from the sidebar, the catch-up, a search) when it could not come to the top
    /// and the place has not moved since; otherwise the entry being read ([`Model::reading_index`]).
    pub fn subject_index(&self) -> Option<usize> {
        if let Some((id, at)) = &self.jumped
            && *at == self.top
            && let Some(&i) = self.index.get(id)
            && self.shown(i)
        {
            return Some(i);
        }
        self.reading_index()
    }

    /// The entry being read: the one at the top, or the next one shown when only the break
    /// below the top entry is left on screen (its rule and blank lines, no word of its own),
    /// or when a filter hides the entry at the top (the place stays on it, taking no lines).
    pub fn reading_index(&self) -> Option<usize> {
        let i = self.top_index()?;
        let past = !self.shown(i)
            || self
                .cache
                .peek(&self.blog.entries[i].id)
                .is_some_and(|l| l.is_separator(self.top.line));
        if !past {
            return Some(i);
        }
        Some(
            (i + 1..self.blog.entries.len())
                .find(|&n| self.shown(n))
                .unwrap_or(i),
        )
    }

    /// After the top moved: which key event we are under, and what is now seen.
    pub(super) fn after_move(&mut self) {
        // The entry being read is told by the top entry's layout, which a new minute or width
        // may have dropped from the cache: lay it out first, or the top entry would stand in.
        if let Some(i) = self.top_index() {
            let _ = self.cache.layout(&self.blog.entries[i]);
        }
        // An entry jumped to near the end, where it cannot come to the top, is the one under
        // its key event.
        let Some(top) = self.subject_index() else {
            self.sidebar.current = None;
            return;
        };
        // The key event whose entry is the nearest at or above the top of the view.
        let under = match self.key_entries.binary_search(&top) {
            Ok(k) => Some(self.key_entries[k]),
            Err(0) => None,
            Err(k) => Some(self.key_entries[k - 1]),
        };
        let current = under.and_then(|i| {
            let id = &self.blog.entries[i].id;
            self.blog
                .key_events
                .iter()
                .position(|k| k.entry_id.as_ref() == Some(id))
        });
        // The sidebar follows the reader to the key event they are under, unless the wheel
        // took it elsewhere since they came under it: then it stays where it was taken.
        if self.sidebar_wheeled_under != Some(super::WheeledUnder(current)) {
            self.sidebar_wheeled_under = None;
        }
        self.sidebar.current = current;
        if self.focus == Focus::Entries
            && let Some(c) = current
        {
            self.sidebar.selected = c;
            if self.sidebar_wheeled_under.is_none() {
                self.reveal_key_event(c);
            }
        }
        // Asked only while the banner shows: the walk for what is in sight is not for every key.
        let caught_up = || {
            if self.new_at == NewAt::BelowPinned {
                // Below the pinned posts at last, or the first new entry in sight.
                self.first_new()
                    .is_none_or(|i| top >= i || self.visible_entries().contains(&i))
            } else {
                (top == 0 && self.top.line == 0) || self.first_new().is_none_or(|i| top <= i)
            }
        };
        if self.new_above > 0 && caught_up() {
            // Caught up: the banner goes, and its row returns to the entries.
            self.new_above = 0;
            self.compute_panes();
        }
        let until = self.sidebar_lookahead(self.sidebar.offset);
        self.lay_out_sidebar(until, false);
        self.prepare_visible();
    }

    /// The newest entry not yet seen, but for a pinned post (which stays on top, new or not).
    pub(super) fn first_new(&self) -> Option<usize> {
        if self.unread.is_empty() {
            return None;
        }
        (0..self.blog.entries.len()).find(|&i| {
            let e = &self.blog.entries[i];
            !e.pinned && self.shown(i) && self.unread.contains(&e.id)
        })
    }

    /// How many entries not yet seen are above the place, but for a pinned post: what the
    /// banner counts when the reader comes back to a place below them.
    pub(super) fn unread_above(&self) -> usize {
        let top = self.top_index().unwrap_or(0);
        self.blog.entries[..top.min(self.blog.entries.len())]
            .iter()
            .enumerate()
            .filter(|(i, e)| !e.pinned && self.shown(*i) && self.unread.contains(&e.id))
            .count()
    }

    /// Lays out what the next frame shows, so drawing only reads.
    pub(super) fn prepare_visible(&mut self) {
        let Some(mut i) = self.top_index() else {
            return;
        };
        // Memory follows what is near the reader, not everything ever scrolled past: past a
        // bound, layouts far from the view are dropped (they are cheap to make again).
        if self.cache.len() > CACHE_LIMIT {
            let near = i.saturating_sub(CACHE_LIMIT / 4)..i + CACHE_LIMIT / 4;
            let index = &self.index;
            self.cache
                .retain(|id| index.get(id).is_some_and(|k| near.contains(k)));
        }
        let mut rows = self.page_height() + self.top.line;
        while i < self.blog.entries.len() && rows > 0 {
            let h = self.height_at(i);
            rows = rows.saturating_sub(h);
            i += 1;
        }
    }

    /// Lays out a page beyond what is on screen, below and above, for the loop to call once a
    /// frame is written: the next page's move then only draws, and the wrapping is done while
    /// the reader reads. Nothing shown changes. The walk is bounded, so a filter that hides
    /// most entries costs no more than a page.
    pub fn prepare_ahead(&mut self) {
        let Some(top) = self.top_index() else {
            return;
        };
        let page = self.page_height().max(1);
        let most = 2 * page + 64;
        let mut rows = 2 * page + self.top.line;
        let mut i = top;
        while i < self.blog.entries.len() && rows > 0 && i - top < most {
            rows = rows.saturating_sub(self.height_at(i));
            i += 1;
        }
        let mut rows = page;
        let mut i = top;
        while i > 0 && rows > 0 && top - i < most {
            i -= 1;
            rows = rows.saturating_sub(self.height_at(i));
        }
    }

    /// Entries with at least one line on screen, top to bottom. Entries a filter hides are
    /// not among them, whether laid out or not (the top may be one).
    pub fn visible_entries(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(mut i) = self.top_index() else {
            return out;
        };
        let mut rows = self.page_height() + self.top.line;
        while i < self.blog.entries.len() && rows > 0 {
            if self.shown(i) {
                let Some(layout) = self.cache.peek(&self.blog.entries[i].id) else {
                    break;
                };
                out.push(i);
                rows = rows.saturating_sub(layout.height());
            }
            i += 1;
        }
        out
    }

    /// What the last frame showed has been seen; its marks go.
    pub(super) fn mark_seen(&mut self) {
        self.just_read.clear();
        if self.unread.is_empty() {
            return;
        }
        for i in self.visible_entries() {
            self.unread.remove(&self.blog.entries[i].id);
        }
    }

    /// What a key brought into view is read at once, however the reader got there (a scroll,
    /// `t`, a jump from the sidebar or a list): the counts of the tabs and the title drop in
    /// the frame that shows it, which still marks it (●) to say what was new.
    pub(super) fn read_in_view(&mut self) {
        if self.unread.is_empty() {
            return;
        }
        for i in self.visible_entries() {
            let id = &self.blog.entries[i].id;
            if self.unread.remove(id) {
                self.just_read.insert(id.clone());
            }
        }
    }

    /// At the bottom of what is loaded, with older pages to fetch: ask for the next one (of
    /// every blog in view that has one, when several are open).
    pub(super) fn load_older(&mut self, asked: bool) -> Vec<Effect> {
        if let Some(feeds) = self.feeds.as_mut() {
            let mut out = Vec::new();
            let view = feeds.view;
            for (k, f) in feeds.list.iter_mut().enumerate() {
                let shown = view == super::View::All || view == super::View::One(k);
                if !shown || f.loading_history || !f.pageable {
                    continue;
                }
                if let Some(older) = &f.blog.older {
                    f.loading_history = true;
                    out.push(Effect::LoadOlder(k, older.clone()));
                }
            }
            if !out.is_empty() {
                self.status.loading_history = true;
                self.note("Loading older entries…");
            } else if asked && !self.status.loading_history {
                let elsewhere = feeds
                    .list
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| view == super::View::All || view == super::View::One(*k))
                    .find_map(|(_, f)| older_elsewhere(&f.blog, !f.following));
                self.note(elsewhere.unwrap_or_else(|| "No older entries to load".to_string()));
            }
            return out;
        }
        if self.status.loading_history {
            return Vec::new();
        }
        if let (Some(older), true) = (&self.blog.older, self.pageable) {
            self.status.loading_history = true;
            let older = older.clone();
            self.note("Loading older entries…");
            return vec![Effect::LoadOlder(0, older)];
        }
        if asked {
            let msg = older_elsewhere(&self.blog, !self.status.following)
                .unwrap_or_else(|| "No older entries to load".to_string());
            self.note(msg);
        }
        Vec::new()
    }

    pub(super) fn at_bottom(&mut self) -> bool {
        let Some(i) = self.top_index() else {
            return false;
        };
        (i, self.top.line) >= self.max_top()
    }
}

/// Where the older entries of a blog read from a file are, when its pagination says there are
/// some ([`crate::blog::older::not_in_file`]): said for a file, and for any blog whose older
/// page has an address a browser opens.
fn older_elsewhere(blog: &LiveBlog, file: bool) -> Option<String> {
    let said = crate::blog::older::not_in_file(blog)?;
    (file || crate::blog::older::older_address(blog).is_some()).then_some(said)
}
