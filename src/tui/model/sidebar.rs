//! The key-events sidebar: which item is selected, how far it is scrolled, and its lines.

use super::{Model, short};
use crate::blog::LiveBlog;
use crate::tui::action::{Action, Effect};
use crate::tui::theme::Theme;
use crate::tui::wrap::wrap_hyphenated;
use ratatui::text::{Line, Span};
use std::sync::Arc;

mod fit;

/// Columns before each line of an item: its mark on the first line, blank on the others.
const MARK_WIDTH: usize = 2;

#[derive(Debug, Default)]
pub struct SidebarState {
    /// Index into `blog.key_events`.
    pub selected: usize,
    /// The key event of the entry at the top of the entry pane.
    pub current: Option<usize>,
    /// First line shown.
    pub offset: usize,
    /// The lines of the items laid out so far, the first ones of the list, wrapped to the
    /// sidebar width less the mark (see [`Self::line`]); shared with `memo`, so an item is
    /// held once.
    items: Vec<Arc<[Line<'static>]>>,
    /// First line of each item laid out, plus one past the end (the number of lines).
    pub starts: Vec<usize>,
    /// Items' wrapped lines from earlier layouts, for the width and theme in `memo_for`: a
    /// refresh rarely changes a key event, so a rebuild wraps only the new ones.
    memo: foldhash::HashMap<ItemKey, Arc<[Line<'static>]>>,
    memo_for: Option<(usize, Theme)>,
    /// How many key events there are, laid out or not.
    total: usize,
    /// Counts rebuilds: lines drawn for one value are the lines of that layout.
    generation: u64,
}

/// What the sidebar's items are laid out from: the blog, the sidebar's text width, and how
/// an item looks.
pub struct Source<'a> {
    pub blog: &'a LiveBlog,
    pub width: usize,
    pub theme: Theme,
    pub tz: &'a jiff::tz::TimeZone,
    /// Whether the entry of a key event (by id) is loaded: a key event without one is dim.
    pub is_loaded: &'a dyn Fn(&str) -> bool,
    /// The tag of key event `n`'s blog, its name in at most so many characters, and its
    /// style, with several blogs.
    pub tag_of: &'a dyn Fn(usize, usize) -> Option<(String, ratatui::style::Style)>,
    /// The local day of the newest key event (the list's first with a time): the others of
    /// that day show the time of day alone (see [`item_time`]).
    pub newest_day: Option<jiff::civil::Date>,
}

/// How far the list is to be laid out, from its first item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Until it has this many lines, or all of them.
    Lines(usize),
    /// Through this item.
    Item(usize),
}

/// What an item's lines depend on besides the width and theme.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ItemKey {
    title: String,
    published: Option<crate::blog::Stamp>,
    /// Whether it is dated depends on it (see [`item_time`]).
    newest_day: Option<jiff::civil::Date>,
    loaded: bool,
    tag: Option<String>,
}

/// Most key-event titles measured to fit the sidebar to them.
const FIT_SAMPLE: usize = 255;

impl SidebarState {
    /// Lays the list out again (a new width, theme or blog) as far as `until`; the rest is
    /// laid out as it is looked at (see [`Self::extend`]).
    pub fn rebuild(&mut self, src: &Source<'_>, until: Until) {
        self.generation += 1;
        self.items.clear();
        self.starts.clear();
        self.starts.push(0);
        if self.memo_for != Some((src.width, src.theme)) {
            self.memo.clear();
        }
        self.memo_for = Some((src.width, src.theme));
        let n = src.blog.key_events.len();
        self.total = n;
        // Lines kept for items no longer listed as they were are dropped once they outnumber
        // the list: the memo never holds much more than one layout of it.
        if self.memo.len() > n + MEMO_SLACK {
            let wanted: foldhash::HashSet<ItemKey> = (0..n).map(|k| item_key(src, k)).collect();
            self.memo.retain(|k, _| wanted.contains(k));
        }
        self.extend(src, until);
        self.selected = self.selected.min(n.saturating_sub(1));
        self.current = self.current.filter(|c| *c < n);
    }

    /// Lays out more of the list, the items after those laid out, until `until` is met.
    /// The lines already laid out stay as they are.
    pub fn extend(&mut self, src: &Source<'_>, until: Until) {
        let done = |s: &Self| match until {
            Until::Lines(l) => s.line_count() >= l,
            Until::Item(k) => s.items.len() > k,
        };
        // Items of the blog the layout was made for, never more (a blog taken in since is
        // laid out by the rebuild that follows it).
        let last = self.total.min(src.blog.key_events.len());
        while self.items.len() < last && !done(self) {
            let n = self.items.len();
            let key = item_key(src, n);
            let lines = if let Some(lines) = self.memo.get(&key) {
                Arc::clone(lines)
            } else {
                let lines = lay_out_item(src, n, key.loaded);
                self.memo.insert(key, Arc::clone(&lines));
                lines
            };
            self.starts.push(self.line_count() + lines.len());
            self.items.push(lines);
        }
    }

    /// Line `n` of the list as drawn: an item's first line starts with its mark, `▶` for
    /// the key event the reader is under and `•` for the others; its other lines are indented.
    pub fn line(&self, n: usize) -> Line<'static> {
        let Some(i) = self.item_at_line(n) else {
            return Line::default();
        };
        let Some(line) = self
            .items
            .get(i)
            .and_then(|lines| lines.get(n - self.starts[i]))
        else {
            return Line::default();
        };
        let first_of = self.starts.binary_search(&n).ok();
        let mark = match first_of {
            Some(i) if self.current == Some(i) => "▶ ",
            Some(_) => "• ",
            None => "  ",
        };
        let style = line.spans.first().map(|s| s.style).unwrap_or_default();
        let mut out = line.clone();
        out.spans.insert(0, Span::styled(mark, style));
        out
    }

    /// Only the first items are laid out: the list is laid out as far as it is looked at
    /// (see [`Until`]), so a long blog's thousand key events are not wrapped for a screen
    /// that shows thirty, nor again at each new width.
    pub fn partial(&self) -> bool {
        self.items.len() < self.total
    }

    /// Which layout the lines are: it changes whenever they may have.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many lines the items laid out so far take.
    pub fn line_count(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// How many key events the list has (all of them, even before all are laid out).
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Lines of item `i`.
    pub fn item_range(&self, i: usize) -> std::ops::Range<usize> {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(a), Some(b)) => *a..*b,
            _ => 0..0,
        }
    }

    /// The item drawn at a line of the list.
    pub fn item_at_line(&self, line: usize) -> Option<usize> {
        if line >= self.line_count() {
            return None;
        }
        match self.starts.binary_search(&line) {
            Ok(i) => Some(i),
            Err(i) => Some(i - 1),
        }
    }

    /// The first line of the item that starts at or after line `n`: the top of the list
    /// always shows an item from its first line, with its mark.
    fn start_at_or_after(&self, n: usize) -> usize {
        match self.starts.binary_search(&n) {
            Ok(_) => n,
            Err(i) => self.starts.get(i).copied().unwrap_or(self.line_count()),
        }
    }

    /// The first line of the item at line `n`.
    fn start_at_or_before(&self, n: usize) -> usize {
        match self.starts.binary_search(&n) {
            Ok(_) => n,
            Err(i) => self.starts.get(i.saturating_sub(1)).copied().unwrap_or(0),
        }
    }

    /// The furthest the list scrolls in `height` lines: the last items whole, from the
    /// first line of one.
    fn max_offset(&self, height: usize) -> usize {
        let last = self
            .starts
            .len()
            .checked_sub(2)
            .map_or(0, |i| self.starts[i]);
        self.start_at_or_after(self.line_count().saturating_sub(height))
            .min(last)
    }

    /// Scrolls so that item `i` is wholly visible in `height` lines, with an item's first line
    /// at the top: the least needed for an item in view or just past an edge; one further (a jump,
    /// the reader's place at start) comes to the middle, with the items around it in sight,
    /// the newer above it.
    pub fn reveal(&mut self, i: usize, height: usize) {
        let r = self.item_range(i);
        // Not just past an edge (the next item as one steps through them): that scrolls the
        // least, as it always did.
        let out_of_view = r.end < self.offset || r.start > self.offset + height;
        if out_of_view && r.len() < height {
            let above = (height - r.len()) / 2;
            // No further than the list's end allows: the item is in view there too.
            self.offset = self
                .start_at_or_after(r.start.saturating_sub(above))
                .min(r.start)
                .min(self.max_offset(height));
            return;
        }
        if r.start < self.offset {
            self.offset = r.start;
        } else if r.end > self.offset + height {
            self.offset = self
                .start_at_or_after(r.end.saturating_sub(height))
                .min(r.start);
        }
    }

    /// Scrolls so that item `i` is the first in view, or as near as the list's end allows
    /// in `height` lines: a sidebar made taller shows more of the list, not rows of nothing.
    pub fn show_from(&mut self, i: usize, height: usize) {
        self.offset = self.item_range(i).start.min(self.max_offset(height));
    }

    /// Scrolls by about `delta` lines, to the start of an item.
    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        let max = self.max_offset(height);
        let target = self.offset.saturating_add_signed(delta).min(max);
        self.offset = if delta > 0 {
            self.start_at_or_after(target).min(max)
        } else {
            self.start_at_or_before(target)
        };
    }
}

/// How many more items than the list has the memo may hold before it is pruned.
const MEMO_SLACK: usize = 64;

fn item_key(src: &Source<'_>, n: usize) -> ItemKey {
    let k = &src.blog.key_events[n];
    ItemKey {
        title: k.title.clone(),
        published: k.published,
        newest_day: src.newest_day,
        loaded: k.entry_id.as_deref().is_some_and(src.is_loaded),
        tag: (src.tag_of)(n, tag_most(src, n)).map(|(name, _)| name),
    }
}

/// Key event `n`'s time as the list shows it, with a space after: `HH:MM` on the day of the
/// newest key event (the list's first with a time), with its date on any other day (and its
/// year in another year), so that a blog of several days reads in order. Empty without a time.
fn item_time(src: &Source<'_>, n: usize) -> String {
    let Some(t) = src.blog.key_events[n].published else {
        return String::new();
    };
    let z = t.instant().to_zoned(src.tz.clone());
    let form = match src.newest_day {
        Some(d) if d == z.date() => "%H:%M ",
        Some(d) if d.year() == z.year() => "%-d %b %H:%M ",
        _ => "%-d %b %Y %H:%M ",
    };
    z.strftime(form).to_string()
}

/// The fewest columns a key event's title is wrapped to beside its time; fewer, and the time
/// goes on a line of its own.
const NARROWEST_TITLE: usize = 12;

/// Item `n`'s lines: its time, then (with several blogs) whose it is, then its title, wrapped.
fn lay_out_item(src: &Source<'_>, n: usize, loaded: bool) -> Arc<[Line<'static>]> {
    let k = &src.blog.key_events[n];
    let style = if loaded {
        src.theme.text()
    } else {
        src.theme.dim()
    };
    let time = item_time(src, n);
    let first = Span::styled(time.clone(), style);
    // A dated item's date and time make a line of their own, its title under the time of
    // day as every other title is. In a sidebar too narrow for a title beside the time, the
    // time has a line of its own too, the title the whole width under it, rather than a few
    // letters a line.
    let width = src.width.saturating_sub(MARK_WIDTH).max(1);
    let narrow = !time.is_empty() && width < 6 + NARROWEST_TITLE;
    let dated = time.chars().count() > 6 || narrow;
    let rest = Span::raw(" ".repeat(if narrow {
        0
    } else {
        time.chars().count().min(6)
    }));
    // With several blogs each item says whose it is, first: beside a time that has a line of
    // its own where it fits there, else before the title.
    let mut tag = (src.tag_of)(n, tag_most(src, n)).map(|(name, st)| (format!("[{name}] "), st));
    let mut time_line = vec![first.clone()];
    if let Some((t, st)) = tag.take_if(|(t, _)| {
        dated && crate::tui::wrap::width(&time) + crate::tui::wrap::width(t.trim_end()) <= width
    }) {
        time_line.push(Span::styled(t.trim_end().to_string(), st));
    }
    let mut runs: Vec<(&str, ratatui::style::Style)> = Vec::new();
    if let Some((t, st)) = &tag {
        runs.push((t.as_str(), *st));
    }
    runs.push((k.title.as_str(), style));
    if dated {
        let mut lines = vec![ratatui::text::Line::from(time_line)];
        lines.extend(wrap_hyphenated(&runs, width, &rest, &rest));
        return lines.into();
    }
    wrap_hyphenated(&runs, width, &first, &rest).into()
}

/// Most columns of a title's first word its tag leaves it beside it: a long word (an
/// address) is split anyway.
const TITLE_AFTER_TAG: usize = 8;

/// Most characters of the blog's name in key event `n`'s tag: the whole name where it shares
/// a line, else cut as a narrow tab bar cuts it. A name longer than the line had for it took
/// a line of its own, and a list of long names grew by a line an item. Too narrow for a title
/// beside the time, the tag goes beside the time, in its brackets; else before the title,
/// which keeps its first word there.
fn tag_most(src: &Source<'_>, n: usize) -> usize {
    let width = src.width.saturating_sub(MARK_WIDTH).max(1);
    let k = &src.blog.key_events[n];
    let timed = k.published.is_some();
    if timed && width < 6 + NARROWEST_TITLE {
        return width.saturating_sub(6 + 2).max(2);
    }
    let line = if timed {
        width.saturating_sub(6)
    } else {
        width
    };
    let word = k
        .title
        .split_whitespace()
        .next()
        .map_or(0, crate::tui::wrap::width)
        .min(TITLE_AFTER_TAG);
    line.saturating_sub(3 + word).max(2)
}

/// Columns `<` and `>` take from or give to the sidebar.
pub(super) const SIDEBAR_STEP: i16 = 4;

impl Model {
    /// Lays the sidebar out as far as `until`: afresh (`fresh`: a new width, theme or blog),
    /// or further from what is laid out.
    pub(super) fn lay_out_sidebar(&mut self, until: Until, fresh: bool) {
        // Loaded or not by the id index: a search per key event would cost key events ×
        // entries on every resize and refresh.
        let index = &self.index;
        let (tags, sources) = match (&self.feeds, &self.cache.context().tags) {
            (Some(f), Some(t)) => (Some(t), f.key_sources.as_slice()),
            _ => (None, &[][..]),
        };
        let names: Vec<String> = tags
            .map(|t| t.iter().map(|(name, _)| name.clone()).collect())
            .unwrap_or_default();
        let src = Source {
            blog: &self.blog,
            width: self.panes.sidebar_text_width().into(),
            theme: self.theme,
            tz: &self.cache.context().tz,
            is_loaded: &|id: &str| index.contains_key(id),
            tag_of: &|n: usize, most: usize| {
                let k = *sources.get(n)?;
                let (name, style) = tags?.get(k)?;
                if name.chars().count() <= most {
                    return Some((name.clone(), *style));
                }
                let cut = crate::tui::tab_layout::names_within(&names, most);
                Some((cut.get(k)?.clone(), *style))
            },
            // Once for the list, not once an item.
            newest_day: self
                .blog
                .key_events
                .iter()
                .find_map(|k| k.published)
                .map(|p| p.instant().to_zoned(self.cache.context().tz.clone()).date()),
        };
        if fresh {
            self.sidebar.rebuild(&src, until);
        } else {
            self.sidebar.extend(&src, until);
        }
    }

    /// The lines the sidebar shows from `offset` and a screen's worth beyond them: what it is
    /// laid out through before a frame, so that drawing it only reads and a scroll of a page
    /// only draws.
    pub(super) fn sidebar_lookahead(&self, offset: usize) -> Until {
        Until::Lines(offset + 2 * self.sidebar_height() + 1)
    }

    /// Scrolls the sidebar so that item `k` is wholly shown, laying it out first.
    pub(super) fn reveal_key_event(&mut self, k: usize) {
        self.lay_out_sidebar(Until::Item(k), false);
        let h = self.sidebar_height();
        // And a screen beyond it, where the list may end: what the middle needs.
        let end = self.sidebar.item_range(k).end;
        self.lay_out_sidebar(Until::Lines(end + h), false);
        self.sidebar.reveal(k, h);
    }

    /// Scrolls the sidebar to show item `k` first (as [`SidebarState::show_from`]), laying
    /// out the lines it shows.
    pub(super) fn show_sidebar_from(&mut self, k: usize) {
        self.lay_out_sidebar(Until::Item(k), false);
        let h = self.sidebar_height();
        let start = self.sidebar.item_range(k).start;
        self.lay_out_sidebar(Until::Lines(start + h + 1), false);
        self.sidebar.show_from(k, h);
    }

    /// Scrolls the sidebar by about `delta` lines (the wheel), laying out what it comes to.
    pub(super) fn scroll_sidebar(&mut self, delta: isize) {
        let until = self.sidebar_lookahead(self.sidebar.offset.saturating_add_signed(delta));
        self.lay_out_sidebar(until, false);
        let h = self.sidebar_height();
        self.sidebar.scroll_by(delta, h);
    }

    /// A sidebar width that fits the key events' titles: wide enough for a typical title
    /// (the median) to take one line, else two, within a quarter to two fifths of the terminal, so
    /// that titles do not run down the sidebar a word a line on a small terminal, nor take
    /// the entries' room on a large one. With several blogs, a terminal with room beyond the
    /// entries' widest text column ([`MAX_TEXT_WIDTH`](crate::tui::panes::MAX_TEXT_WIDTH))
    /// gives the sidebar what the blogs' whole names take before the titles, rather than cut
    /// them in a narrow sidebar beside columns left empty.
    ///
    /// Worked out once per terminal width (once there are key events): a width that moved
    /// with every new key event would reflow the entries under the reader.
    pub(super) fn fitting_sidebar_width(&mut self) -> u16 {
        let width = self.size.0;
        if let Some((w, fitted)) = self.fitted_sidebar
            && w == width
        {
            return fitted;
        }
        let fitted = self.fit_sidebar();
        if !self.blog.key_events.is_empty() {
            self.fitted_sidebar = Some((width, fitted));
        }
        fitted
    }

    /// `<` / `>`: the sidebar by `delta` columns, shown if it was hidden; kept from then on.
    pub(super) fn resize_sidebar(&mut self, delta: i16) {
        let now = self
            .panes
            .sidebar
            .map_or_else(|| self.fitting_sidebar_width(), |s| s.width);
        let wanted = now.saturating_add_signed(delta);
        let most = self
            .size
            .0
            .saturating_sub(crate::tui::panes::ENTRIES_MIN_WIDTH)
            .max(crate::tui::panes::SIDEBAR_MIN_WIDTH);
        let width = wanted.clamp(crate::tui::panes::SIDEBAR_MIN_WIDTH, most);
        self.sidebar_width = Some(width);
        self.sidebar_pref = Some(true);
        // Scrolled down the list, the key event first in view stays first; at its top the
        // list stays at its top.
        let first = Some(self.sidebar.offset)
            .filter(|&offset| offset > 0)
            .and_then(|offset| self.sidebar.item_at_line(offset));
        self.relayout_from(first);
        if self.panes.sidebar.map(|s| s.width) == Some(now) {
            self.note(if delta > 0 {
                "The sidebar is as wide as it goes here"
            } else {
                "The sidebar is as narrow as it goes"
            });
        }
    }

    /// Shows the entry of key event `k`; for one not loaded, asks for the page that holds it
    /// when the source is paged, else says it is not loaded (or that there is none).
    pub(super) fn select_key_event(&mut self, k: usize) -> Option<Effect> {
        let item = self.blog.key_events.get(k)?.clone();
        self.sidebar.selected = k;
        self.reveal_key_event(k);
        if let Some(i) = item
            .entry_id
            .as_ref()
            .and_then(|id| self.index.get(id).copied())
        {
            self.jump_to_entry(i);
            self.status.message = None;
            return None;
        }
        let title = short(&item.title, 50);
        let Some(wanted) = item.entry_id else {
            // Nothing to load: the source lists the key event without an entry (a plain-text
            // blog whose entries lack that heading).
            self.note(format!(
                "\"{title}\" is a key event the source gives no entry for"
            ));
            return None;
        };
        // With several blogs the id names its blog; the page is asked of that blog.
        let target = match self.feeds.as_mut() {
            None => self.pageable.then(|| (0, wanted.clone(), None)),
            Some(feeds) => crate::blog::timeline::split_id(&wanted).and_then(|(k, own)| {
                let f = feeds.list.get_mut(k)?;
                f.pageable.then(|| (k, own.to_string(), Some(k)))
            }),
        };
        match target {
            Some((k, id, feed)) if !self.status.loading_history => {
                self.status.loading_history = true;
                if let (Some(k), Some(feeds)) = (feed, self.feeds.as_mut()) {
                    feeds.list[k].loading_history = true;
                }
                self.note(format!("Loading the page with \"{title}\"…"));
                Some(Effect::LoadPageWith(k, id))
            }
            // No older page to look in: "not loaded" would promise a load that cannot come.
            None if !self.names_older_pages(&wanted) => {
                self.note(format!("\"{title}\" has no entry in this blog"));
                None
            }
            _ => {
                self.note(format!("\"{title}\" is not in the loaded entries"));
                None
            }
        }
    }

    /// Whether the blog entry `id` belongs to names older pages, whether or not they can be
    /// read here (a saved page names them too).
    fn names_older_pages(&self, id: &str) -> bool {
        match &self.feeds {
            None => self.blog.older.is_some(),
            Some(feeds) => crate::blog::timeline::split_id(id)
                .and_then(|(k, _)| feeds.list.get(k))
                .is_some_and(|f| f.blog.older.is_some()),
        }
    }

    pub(super) fn jump_key_event(&mut self, forward: bool) {
        let Some(top) = self.top_index() else { return };
        // From the entry jumped to, when it could not come to the top: `]` again goes on to
        // the next key event below it, `[` to the one above it.
        let jumped = self.subject_index().filter(|&i| i != top);
        let target = if let Some(at) = jumped {
            if forward {
                self.key_entries.iter().copied().find(|&i| i > at)
            } else {
                self.key_entries.iter().rev().copied().find(|&i| i < at)
            }
        } else if forward {
            self.key_entries.iter().copied().find(|&i| i > top)
        } else if self.top.line > 0 && self.key_entries.binary_search(&top).is_ok() {
            Some(top)
        } else {
            self.key_entries.iter().rev().copied().find(|&i| i < top)
        };
        if let Some(i) = target {
            self.jump_to_entry(i);
            self.status.message = None;
        } else {
            let note = self.no_key_event_note(forward);
            self.note(note);
        }
    }

    /// Whether key event `k`'s post is among the loaded entries: else it is dim in the
    /// sidebar, no key jumps to it, and no search finds it.
    pub(super) fn post_loaded(&self, k: &crate::blog::KeyEvent) -> bool {
        k.entry_id
            .as_ref()
            .is_some_and(|id| self.index.contains_key(id))
    }

    /// Why `]` (`forward`, to older entries) or `[` went nowhere, and, when the sidebar lists
    /// key events whose entries are not loaded, how many: they are there, but not to be jumped
    /// to.
    fn no_key_event_note(&self, forward: bool) -> String {
        let said = if forward {
            "No older key event below"
        } else {
            "No newer key event above"
        };
        let not_loaded = (self.blog.key_events.iter())
            .filter(|k| !self.post_loaded(k))
            .count();
        match not_loaded {
            0 => said.to_string(),
            1 => format!("{said} · 1 in the sidebar has no entry loaded (dim)"),
            n => format!("{said} · {n} in the sidebar have no entry loaded (dim)"),
        }
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        if self.sidebar.is_empty() {
            return;
        }
        let last = self.sidebar.len() - 1;
        let k = self.sidebar.selected.saturating_add_signed(delta).min(last);
        self.sidebar.selected = k;
        self.reveal_key_event(k);
    }
}

/// How far a key that moves through the entries moves the sidebar's selection instead, while
/// the sidebar has focus.
pub(super) fn selection_step(action: &Action) -> Option<isize> {
    Some(match action {
        Action::ScrollDown => 1,
        Action::ScrollUp => -1,
        Action::PageDown => 5,
        Action::PageUp => -5,
        Action::HalfPageDown => 3,
        Action::HalfPageUp => -3,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::SidebarState;

    /// Thirty items of two lines each.
    fn list() -> SidebarState {
        SidebarState {
            starts: (0..=30).map(|i| i * 2).collect(),
            ..SidebarState::default()
        }
    }

    #[test]
    fn an_item_out_of_view_comes_to_the_middle_one_partly_in_view_the_least() {
        let mut s = list();
        // Item 12 (lines 24–25) from the top of a 10-line list: to the middle, 4 lines above.
        s.reveal(12, 10);
        assert_eq!(s.offset, 20);
        // Item 15 (lines 30–31) just below the view (20–29): the least scroll.
        s.reveal(15, 10);
        assert_eq!(s.offset, 22);
        // Near the end the list does not scroll past its last item.
        s.reveal(29, 10);
        assert_eq!(s.offset, 50);
        // And back to the first, the top.
        s.reveal(0, 10);
        assert_eq!(s.offset, 0);
    }
}
