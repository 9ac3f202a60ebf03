//! The reader's state and the one `update` function. Pure: no terminal, no tokio, no clock.

mod layout_cache;
mod sidebar;

pub use layout_cache::LayoutCache;
pub use sidebar::SidebarState;

use super::action::{Action, Effect, Mouse};
use super::entry_layout::LayoutContext;
use super::keymap::Keymap;
use super::panes::Panes;
use super::theme::Theme;
use crate::blog::merge::{Diff, diff};
use crate::blog::{LiveBlog, LiveState};
use crate::live::Event;
use jiff::{Timestamp, tz::TimeZone};
use std::collections::{HashMap, HashSet};

/// Most entry layouts kept; see `prepare_visible`.
const CACHE_LIMIT: usize = 1024;

/// Which pane takes the movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Sidebar,
    Entries,
}

/// The reader's place: an entry (by id, never by index) and a line within its layout.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Anchor {
    pub id: Option<String>,
    pub line: usize,
}

/// How a status message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

/// What the status bar shows besides the place.
#[derive(Debug, Clone, Default)]
#[allow(clippy::struct_excessive_bools)] // independent facts, shown side by side
pub struct StatusState {
    /// A transient note ("that key event's entry is not loaded").
    pub message: Option<(String, Level)>,
    /// The last refresh error, kept until a refresh succeeds, and its short class.
    pub error: Option<String>,
    pub error_class: Option<String>,
    /// When content last changed.
    pub last_update: Option<Timestamp>,
    /// When the source was last checked, changed or not.
    pub last_check: Option<Timestamp>,
    pub fetching: bool,
    pub paused: bool,
    /// When the next poll is due (for the countdown), if polling.
    pub next_poll: Option<Timestamp>,
    /// "REPLAY" and similar: what kind of source this is, when it matters.
    pub source_kind: Option<String>,
    /// A page of history is being fetched.
    pub loading_history: bool,
    /// A refresher keeps the blog fresh (a URL or the replay), rather than a file read once.
    pub following: bool,
}

/// The links overlay: the links of one entry, numbered as on screen, one selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinksState {
    pub urls: Vec<String>,
    pub selected: usize,
}

/// How the reader is set up for a source: what the caller knows before the first frame.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    /// How the source is named in the status bar (sanitised).
    pub source_name: String,
    pub theme: Theme,
    /// Local times are shown in this zone.
    pub tz: TimeZone,
    /// The terminal's size at start.
    pub size: (u16, u16),
    /// A refresher keeps the blog fresh (a URL or the replay), rather than a file read once.
    pub following: bool,
    /// The source can fetch older pages.
    pub pageable: bool,
    /// What kind of source this is, when it matters ("REPLAY").
    pub source_kind: Option<String>,
}

impl ReaderOptions {
    /// A source read once (a file), not followed and not paged.
    pub fn new(
        source_name: impl Into<String>,
        theme: Theme,
        tz: TimeZone,
        size: (u16, u16),
    ) -> Self {
        Self {
            source_name: source_name.into(),
            theme,
            tz,
            size,
            following: false,
            pageable: false,
            source_kind: None,
        }
    }
}

/// Everything the reader shows.
#[derive(Debug)]
pub struct Model {
    pub blog: LiveBlog,
    pub source_name: String,
    pub focus: Focus,
    /// The reader's own choice about the sidebar; `None` lets the width decide.
    pub sidebar_pref: Option<bool>,
    pub show_help: bool,
    /// The links overlay, when open.
    pub links: Option<LinksState>,
    pub theme: Theme,
    pub keymap: Keymap,
    pub size: (u16, u16),
    pub panes: Panes,
    pub top: Anchor,
    pub cache: LayoutCache,
    pub sidebar: SidebarState,
    pub status: StatusState,
    /// Entries that arrived by refresh and have not been on screen since.
    pub unread: HashSet<String>,
    /// New entries above a reader who scrolled away.
    pub new_above: usize,
    /// Whether the source can fetch older pages (set by whoever opened it).
    pub pageable: bool,
    index: HashMap<String, usize>,
    /// Indexes of key-event entries, ascending (newest first, like the entries).
    key_entries: Vec<usize>,
}

impl Model {
    pub fn new(blog: LiveBlog, opts: ReaderOptions) -> Self {
        let ReaderOptions {
            source_name,
            theme,
            tz,
            size,
            following,
            pageable,
            source_kind,
        } = opts;
        let panes = Panes::new(size.0, size.1, None, false, 2);
        let cx = LayoutContext {
            width: panes.text_width().into(),
            theme,
            tz,
            now: None,
        };
        let mut m = Self {
            blog,
            source_name,
            focus: Focus::Entries,
            sidebar_pref: None,
            show_help: false,
            links: None,
            theme,
            keymap: Keymap::shipped(),
            size,
            panes,
            top: Anchor::default(),
            cache: LayoutCache::new(cx),
            sidebar: SidebarState::default(),
            status: StatusState {
                source_kind,
                following,
                ..StatusState::default()
            },
            unread: HashSet::new(),
            new_above: 0,
            pageable,
            index: HashMap::new(),
            key_entries: Vec::new(),
        };
        m.reindex();
        m.top = Anchor {
            id: m.blog.entries.first().map(|e| e.id.clone()),
            line: 0,
        };
        m.relayout();
        m
    }

    /// The time relative times are measured from; `None` in tests keeps snapshots stable.
    pub fn now(&self) -> Option<Timestamp> {
        self.cache.context().now
    }

    /// Rows of the entries pane.
    pub fn page_height(&self) -> usize {
        usize::from(self.panes.entries.height)
    }

    fn sidebar_height(&self) -> usize {
        self.panes.sidebar.map_or(0, |s| usize::from(s.height))
    }

    fn reindex(&mut self) {
        self.index = self
            .blog
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let mut keys: Vec<usize> = self
            .blog
            .key_events
            .iter()
            .filter_map(|k| {
                k.entry_id
                    .as_ref()
                    .and_then(|id| self.index.get(id).copied())
            })
            .chain(
                self.blog
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.key_event)
                    .map(|(i, _)| i),
            )
            .collect();
        keys.sort_unstable();
        keys.dedup();
        self.key_entries = keys;
    }

    /// Recomputes the panes and layouts after a size, sidebar or content change.
    fn relayout(&mut self) {
        self.compute_panes();
        let old_height = self
            .top_index()
            .map(|i| self.cache.height(&self.blog.entries[i]));
        let mut cx = self.cache.context().clone();
        cx.width = self.panes.text_width().into();
        cx.theme = self.theme;
        self.cache.set_context(cx);
        // Keep the same entry and, proportionally, the same line at the top.
        if let (Some(i), Some(h0)) = (self.top_index(), old_height) {
            let h1 = self.cache.height(&self.blog.entries[i]);
            if h0 > 0 && h1 != h0 {
                self.top.line = self.top.line * h1 / h0;
            }
        }
        let tz = self.cache.context().tz.clone();
        // Loaded or not by the id index: a search per key event would cost key events ×
        // entries on every resize and refresh.
        let index = &self.index;
        self.sidebar.rebuild(
            &self.blog,
            self.panes.sidebar_text_width().into(),
            self.theme,
            &tz,
            |id| index.contains_key(id),
        );
        self.clamp_top();
        self.after_move();
    }

    fn compute_panes(&mut self) {
        let header_lines = if self.blog.standfirst.is_empty() {
            1
        } else {
            3
        };
        // A blog without key events has nothing for the sidebar to show: the entries get the
        // width unless the reader asks for the sidebar.
        let sidebar = self
            .sidebar_pref
            .or(self.blog.key_events.is_empty().then_some(false));
        self.panes = Panes::new(
            self.size.0,
            self.size.1,
            sidebar,
            self.new_above > 0,
            header_lines,
        );
    }

    pub fn top_index(&self) -> Option<usize> {
        self.top
            .id
            .as_ref()
            .and_then(|id| self.index.get(id).copied())
    }

    fn height_at(&mut self, i: usize) -> usize {
        self.cache.height(&self.blog.entries[i])
    }

    /// The furthest place the top can be: the last lines of the blog fill the pane.
    fn max_top(&mut self) -> (usize, usize) {
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

    fn clamp_top(&mut self) {
        let Some(i) = self.top_index() else {
            self.top = Anchor {
                id: self.blog.entries.first().map(|e| e.id.clone()),
                line: 0,
            };
            return;
        };
        let h = self.height_at(i);
        self.top.line = self.top.line.min(h.saturating_sub(1));
        let (mi, ml) = self.max_top();
        if (i, self.top.line) > (mi, ml) {
            self.set_top(mi, ml);
        }
    }

    fn set_top(&mut self, i: usize, line: usize) {
        self.top = Anchor {
            id: Some(self.blog.entries[i].id.clone()),
            line,
        };
    }

    /// Scrolls the entries by `delta` lines (negative is up), within the blog.
    fn scroll(&mut self, delta: isize) {
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

    fn jump_to_entry(&mut self, i: usize) {
        self.set_top(i, 0);
        self.clamp_top();
    }

    /// After the top moved: which key event we are under, and what is now seen.
    fn after_move(&mut self) {
        let Some(top) = self.top_index() else {
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
        self.sidebar.current = current;
        if self.focus == Focus::Entries
            && let Some(c) = current
        {
            self.sidebar.selected = c;
            let h = self.sidebar_height();
            self.sidebar.reveal(c, h);
        }
        if top == 0 && self.top.line == 0 && self.new_above > 0 {
            // Caught up: the banner goes, and its row returns to the entries.
            self.new_above = 0;
            self.compute_panes();
        }
        self.prepare_visible();
    }

    /// Lays out what the next frame shows, so drawing only reads.
    fn prepare_visible(&mut self) {
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

    /// Entries with at least one line on screen, top to bottom.
    pub fn visible_entries(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(mut i) = self.top_index() else {
            return out;
        };
        let mut rows = self.page_height() + self.top.line;
        while i < self.blog.entries.len() && rows > 0 {
            let Some(layout) = self.cache.peek(&self.blog.entries[i].id) else {
                break;
            };
            out.push(i);
            rows = rows.saturating_sub(layout.height());
            i += 1;
        }
        out
    }

    fn mark_seen(&mut self) {
        if self.unread.is_empty() {
            return;
        }
        for i in self.visible_entries() {
            self.unread.remove(&self.blog.entries[i].id);
        }
    }

    fn note(&mut self, msg: impl Into<String>) {
        self.status.message = Some((msg.into(), Level::Info));
    }

    /// Shows the entry of key event `k`; for one not loaded, asks for the page that holds it
    /// when the source is paged, else says it is not loaded.
    fn select_key_event(&mut self, k: usize) -> Option<Effect> {
        let item = self.blog.key_events.get(k)?.clone();
        self.sidebar.selected = k;
        let h = self.sidebar_height();
        self.sidebar.reveal(k, h);
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
        match item.entry_id {
            Some(id) if self.pageable && !self.status.loading_history => {
                self.status.loading_history = true;
                self.note(format!("Loading the page with \"{title}\"…"));
                Some(Effect::LoadPageWith(id))
            }
            _ => {
                self.note(format!("\"{title}\" is not in the loaded entries"));
                None
            }
        }
    }

    /// At the bottom of what is loaded, with older pages to fetch: ask for the next one.
    fn load_older(&mut self, asked: bool) -> Option<Effect> {
        if self.status.loading_history {
            return None;
        }
        if let (Some(older), true) = (&self.blog.older, self.pageable) {
            self.status.loading_history = true;
            let older = older.clone();
            self.note("Loading older entries…");
            return Some(Effect::LoadOlder(older));
        }
        if asked {
            self.note("No older entries to load");
        }
        None
    }

    fn at_bottom(&mut self) -> bool {
        let Some(i) = self.top_index() else {
            return false;
        };
        (i, self.top.line) >= self.max_top()
    }

    fn jump_key_event(&mut self, forward: bool) {
        let Some(top) = self.top_index() else { return };
        let target = if forward {
            self.key_entries.iter().copied().find(|&i| i > top)
        } else if self.top.line > 0 && self.key_entries.binary_search(&top).is_ok() {
            Some(top)
        } else {
            self.key_entries.iter().rev().copied().find(|&i| i < top)
        };
        match target {
            Some(i) => {
                self.jump_to_entry(i);
                self.status.message = None;
            }
            None => self.note(if forward {
                "No later key event below"
            } else {
                "No key event above"
            }),
        }
    }

    fn move_selection(&mut self, delta: isize) {
        if self.sidebar.is_empty() {
            return;
        }
        let last = self.sidebar.len() - 1;
        let k = self.sidebar.selected.saturating_add_signed(delta).min(last);
        self.sidebar.selected = k;
        let h = self.sidebar_height();
        self.sidebar.reveal(k, h);
    }

    /// The blog's title with the count of unseen new entries, for the terminal title.
    pub fn window_title(&self) -> String {
        if self.new_above > 0 {
            format!("({}) {}", self.new_above, self.blog.title)
        } else {
            self.blog.title.clone()
        }
    }

    /// Applies an action. Returns the I/O the event loop should perform.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let title_before = self.window_title();
        let mut effects = Vec::new();
        let user_input = is_user_input(&action);
        if user_input && !matches!(action, Action::Resize { .. }) {
            self.status.message = None;
        }
        if self.show_help && user_input {
            match action {
                Action::ToggleHelp | Action::Quit => {
                    self.show_help = false;
                    return effects;
                }
                Action::Resize { .. } | Action::Suspend => {}
                _ => return effects,
            }
        }
        let moving_down = matches!(
            action,
            Action::ScrollDown
                | Action::PageDown
                | Action::Bottom
                | Action::Mouse(Mouse::WheelDown { .. })
        ) && self.focus == Focus::Entries;
        self.apply(action, &mut effects);
        if moving_down && self.at_bottom() {
            effects.extend(self.load_older(false));
        }
        self.after_move();
        if user_input {
            self.mark_seen();
        }
        let title = self.window_title();
        if title != title_before {
            effects.push(Effect::SetTitle(title));
        }
        effects
    }

    fn apply(&mut self, action: Action, effects: &mut Vec<Effect>) {
        if self.links.is_some()
            && is_user_input(&action)
            && !matches!(action, Action::Resize { .. } | Action::Suspend)
        {
            self.links_key(&action, effects);
            return;
        }
        let page = isize::try_from(self.page_height().saturating_sub(2).max(1)).unwrap_or(1);
        let in_sidebar = self.focus == Focus::Sidebar && self.panes.sidebar.is_some();
        match action {
            Action::ScrollDown if in_sidebar => self.move_selection(1),
            Action::ScrollUp if in_sidebar => self.move_selection(-1),
            Action::PageDown if in_sidebar => self.move_selection(5),
            Action::PageUp if in_sidebar => self.move_selection(-5),
            Action::Top if in_sidebar => self.move_selection(isize::MIN / 2),
            Action::Bottom if in_sidebar => self.move_selection(isize::MAX / 2),
            Action::ScrollDown => self.scroll(1),
            Action::ScrollUp => self.scroll(-1),
            Action::PageDown => self.scroll(page),
            Action::PageUp => self.scroll(-page),
            Action::Top | Action::JumpToNew => {
                if !self.blog.entries.is_empty() {
                    self.jump_to_entry(0);
                }
            }
            Action::Bottom => {
                if !self.blog.entries.is_empty() {
                    let (i, l) = self.max_top();
                    self.set_top(i, l);
                }
            }
            Action::NextKeyEvent => self.jump_key_event(true),
            Action::PrevKeyEvent => self.jump_key_event(false),
            Action::Select => {
                if in_sidebar {
                    effects.extend(self.select_key_event(self.sidebar.selected));
                }
            }
            Action::LoadOlder => effects.extend(self.load_older(true)),
            Action::FocusNext => {
                self.focus = if in_sidebar || self.panes.sidebar.is_none() {
                    Focus::Entries
                } else {
                    Focus::Sidebar
                };
            }
            Action::FocusSidebar => {
                if self.panes.sidebar.is_some() {
                    self.focus = Focus::Sidebar;
                } else {
                    self.note("The sidebar is hidden: press s to show it");
                }
            }
            Action::FocusEntries => self.focus = Focus::Entries,
            Action::ToggleSidebar => {
                let shown = self.panes.sidebar.is_some();
                self.sidebar_pref = Some(!shown);
                if shown {
                    self.focus = Focus::Entries;
                }
                self.relayout();
            }
            Action::ToggleHelp => self.show_help = !self.show_help,
            Action::OpenLinks => {
                let urls = match self.top_index() {
                    Some(i) => self.cache.layout(&self.blog.entries[i]).links.clone(),
                    None => Vec::new(),
                };
                if urls.is_empty() {
                    self.note("This entry has no links");
                } else {
                    self.links = Some(LinksState { urls, selected: 0 });
                }
            }
            Action::Quit => effects.push(Effect::Quit),
            Action::Suspend => effects.push(Effect::Suspend),
            Action::Refresh => effects.push(Effect::RefreshNow),
            Action::TogglePause => {
                self.status.paused = !self.status.paused;
                effects.push(Effect::SetPaused(self.status.paused));
            }
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.relayout();
            }
            Action::Mouse(m) => effects.extend(self.mouse(m)),
            // Results, as `is_user_input` lists them: one list, not two to keep in step.
            _ => self.apply_result(action),
        }
    }

    /// Results from the clock and the background: new versions, history, failures.
    fn apply_result(&mut self, action: Action) {
        match action {
            Action::Tick(now) => {
                let mut cx = self.cache.context().clone();
                cx.now = Some(now);
                self.cache.set_context(cx);
            }
            Action::Live(event) => self.apply_live(event),
            Action::LinkOpened { url } => self.note(format!("Opened {}", short(&url, 80))),
            Action::OpenFailed { error } => self.status.message = Some((error, Level::Error)),
            _ => {}
        }
    }

    /// What the refresher reported.
    fn apply_live(&mut self, event: Event) {
        match event {
            Event::Started => self.status.fetching = true,
            Event::Scheduled { at } => self.status.next_poll = at,
            Event::Loaded { blog, at } => self.merge(*blog, Some(at)),
            Event::HistoryLoaded { blog, jump_to } => {
                self.status.loading_history = false;
                self.status.message = None;
                self.merge(*blog, None);
                if let Some(id) = jump_to {
                    match self.index.get(&id).copied() {
                        Some(i) => self.jump_to_entry(i),
                        None => self.note("That entry was not on the page the source returned"),
                    }
                }
            }
            Event::HistoryFailed { error } => {
                self.status.loading_history = false;
                self.status.message = Some((error, Level::Error));
            }
            Event::Unchanged { at } => {
                self.status.fetching = false;
                self.status.error = None;
                self.status.last_check = Some(at);
            }
            Event::Failed { class, error, at } => {
                self.status.fetching = false;
                self.status.error = Some(error);
                self.status.error_class = Some(class);
                self.status.last_check = Some(at);
            }
        }
    }

    /// Keys while the links overlay is open: move, open (only an http(s) link), close.
    fn links_key(&mut self, action: &Action, effects: &mut Vec<Effect>) {
        let Some(links) = &mut self.links else { return };
        match action {
            Action::ScrollDown => {
                links.selected = (links.selected + 1).min(links.urls.len().saturating_sub(1));
            }
            Action::ScrollUp => links.selected = links.selected.saturating_sub(1),
            Action::Select => {
                let url = links.urls.get(links.selected).cloned().unwrap_or_default();
                if let Some(safe) = super::entry_layout::openable(&url) {
                    self.links = None;
                    effects.push(Effect::OpenUrl(safe));
                } else {
                    let shown = short(&url, 60);
                    let msg = format!("Refused \"{shown}\": only http and https links open");
                    self.status.message = Some((msg, Level::Error));
                }
            }
            Action::Quit | Action::OpenLinks => self.links = None,
            _ => {}
        }
    }

    fn mouse(&mut self, m: Mouse) -> Option<Effect> {
        let (column, row) = match m {
            Mouse::WheelUp { column, row }
            | Mouse::WheelDown { column, row }
            | Mouse::Click { column, row } => (column, row),
        };
        let pos = ratatui::layout::Position { x: column, y: row };
        let over_sidebar = self.panes.sidebar.is_some_and(|s| s.contains(pos));
        match m {
            Mouse::WheelDown { .. } if over_sidebar => {
                let h = self.sidebar_height();
                self.sidebar.scroll_by(3, h);
            }
            Mouse::WheelUp { .. } if over_sidebar => {
                let h = self.sidebar_height();
                self.sidebar.scroll_by(-3, h);
            }
            Mouse::WheelDown { .. } => self.scroll(3),
            Mouse::WheelUp { .. } => self.scroll(-3),
            Mouse::Click { .. } if over_sidebar => {
                self.focus = Focus::Sidebar;
                let s = self.panes.sidebar.unwrap_or_default();
                // The sidebar's first row is its title.
                if row > s.y {
                    let line = self.sidebar.offset + usize::from(row - s.y - 1);
                    if let Some(k) = self.sidebar.item_at_line(line) {
                        return self.select_key_event(k);
                    }
                }
            }
            Mouse::Click { .. } => {
                if self.panes.entries.contains(pos) {
                    self.focus = Focus::Entries;
                }
            }
        }
        None
    }

    /// Takes in a new version of the blog without moving the reader: the place is kept by
    /// entry id; only a reader at the very top follows the new entries.
    /// `at` is when a refresh brought it; `None` for a page of history, whose entries are
    /// old news (never unread, never counted as new).
    fn merge(&mut self, new: LiveBlog, at: Option<Timestamp>) {
        if let Some(at) = at {
            self.status.fetching = false;
            self.status.error = None;
            self.status.last_check = Some(at);
        }
        let following =
            self.top_index() == Some(0) && self.top.line == 0 || self.blog.entries.is_empty();
        let old_top = self.top_index();
        let Diff {
            added,
            edited,
            removed,
        } = diff(&self.blog, &new);
        // If the entry at the top was deleted, keep the nearest older entry that survives.
        let mut anchor = self.top.clone();
        if let (Some(id), Some(i)) = (&self.top.id, old_top)
            && removed.contains(id)
        {
            let new_ids: HashSet<&str> = new.entries.iter().map(|e| e.id.as_str()).collect();
            let survivor = self.blog.entries[i..]
                .iter()
                .chain(self.blog.entries[..i].iter().rev())
                .find(|e| new_ids.contains(e.id.as_str()));
            anchor = Anchor {
                id: survivor.map(|e| e.id.clone()),
                line: 0,
            };
        }
        let changed =
            !added.is_empty() || !edited.is_empty() || !removed.is_empty() || new != self.blog;
        if !changed {
            return;
        }
        if at.is_some() {
            self.status.last_update = at;
        }
        for id in &edited {
            self.cache.invalidate(id);
        }
        self.blog = new;
        self.reindex();
        let index = &self.index;
        self.cache.retain(|id| index.contains_key(id));
        self.unread.retain(|id| index.contains_key(id));
        let had_entries = old_top.is_some();
        let added = if at.is_some() { added } else { Vec::new() };
        if had_entries {
            self.unread.extend(added.iter().cloned());
        }
        if following {
            self.top = Anchor {
                id: self.blog.entries.first().map(|e| e.id.clone()),
                line: 0,
            };
        } else {
            self.top = anchor;
            let top = self.top_index().unwrap_or(0);
            self.new_above += added
                .iter()
                .filter(|id| self.index.get(*id).is_some_and(|&i| i < top))
                .count();
        }
        if self.blog.state == LiveState::Ended && !added.is_empty() {
            self.note("The live blog has ended");
        }
        self.relayout();
    }
}

/// Whether an action comes from the reader (keys, mouse, resize) rather than the clock or the
/// background.
fn is_user_input(action: &Action) -> bool {
    !matches!(
        action,
        Action::Tick(_) | Action::Live(_) | Action::LinkOpened { .. } | Action::OpenFailed { .. }
    )
}

/// The first `max` characters of `s`, with `…` when cut.
pub fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
