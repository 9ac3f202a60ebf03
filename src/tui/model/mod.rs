//! The reader's state and the one `update` function. Pure: no terminal, no tokio, no clock.

mod edits;
mod entries;
mod feeds;
mod filter;
mod help;
mod kept;
mod layout_cache;
mod links;
mod mouse;
mod options;
mod permalink;
mod resize;
mod search;
mod sidebar;
mod status;
mod take_in;
mod taken_out;

pub use edits::DiffState;
pub use entries::Anchor;
pub use feeds::{Feed, FeedSpec, Feeds, View};
pub use filter::FilterState;
pub use kept::{AlertOptions, CatchUpState};
pub use layout_cache::LayoutCache;
pub use links::LinksState;
pub use options::ReaderOptions;
pub use permalink::osc52;
pub use search::SearchState;
use sidebar::SIDEBAR_STEP;
pub use sidebar::SidebarState;
pub use status::{Level, StatusState, short};
pub use taken_out::TAKEN_OUT;

use super::action::{Action, Effect, Mouse};
use super::entry_layout::LayoutContext;
use super::keymap::Keymap;
use super::panes::Panes;
use super::theme::Theme;
use crate::blog::LiveBlog;
use crate::live::Event;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use jiff::Timestamp;

/// Which pane takes the movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Sidebar,
    Entries,
}

/// The key event the reader was under (`None`: none) when the wheel scrolled the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WheeledUnder(Option<usize>);

/// Everything the reader shows.
#[derive(Debug)]
pub struct Model {
    pub(super) blog: LiveBlog,
    pub(super) source_name: String,
    pub(super) focus: Focus,
    /// The reader's own choice about the sidebar; `None` lets the width decide.
    pub(super) sidebar_pref: Option<bool>,
    /// The sidebar's width as the reader set it with `<`/`>`; `None` to fit the titles.
    pub(super) sidebar_width: Option<u16>,
    /// The width that fits the titles, and the terminal width it was worked out for.
    pub(super) fitted_sidebar: Option<(u16, u16)>,
    pub(super) show_help: bool,
    /// How far the help is scrolled, in lines (for terminals too short to show it whole).
    pub(super) help_offset: usize,
    /// The links overlay, when open.
    pub(super) links: Option<LinksState>,
    pub(super) theme: Theme,
    pub(super) keymap: Keymap,
    pub(super) size: (u16, u16),
    pub(super) panes: Panes,
    pub(super) top: Anchor,
    /// The entry last jumped to, when it could not come to the top (too near the end of the
    /// blog), and the place the jump left: until the place moves, the entry's keys (`d`, `o`,
    /// `y`, `Y`, `f`, `A`, `u`) are for it (see [`Model::subject_index`]).
    pub(super) jumped: Option<(String, Anchor)>,
    /// The place restored from an earlier sitting, once one is (see
    /// [`crate::store::Place::at`]).
    pub(super) restored_place: Option<crate::store::Place>,
    /// A place kept from the last sitting in an entry not loaded yet (the beginning of a large
    /// file is shown before the rest is read): taken when the entry comes, unless the reader
    /// has moved by then.
    pub(super) pending_place: Option<(usize, crate::store::Place)>,
    /// The resizes since the reader last moved (see `resize::ResizeRun`).
    resize_run: Option<resize::ResizeRun>,
    /// The key event the reader was under (if any) when the wheel last scrolled the sidebar:
    /// while they stay under it, the sidebar stays where the wheel left it.
    sidebar_wheeled_under: Option<WheeledUnder>,
    pub(super) cache: LayoutCache,
    pub(super) sidebar: SidebarState,
    pub(super) status: StatusState,
    /// Entries that arrived by refresh and have not been on screen since.
    pub(super) unread: HashSet<String>,
    /// Entries the last key brought into view unread: read now, and still marked (●) in the
    /// frame that shows them, which says what was new.
    pub(super) just_read: HashSet<String>,
    /// New entries above a reader who scrolled away.
    pub(super) new_above: usize,
    /// Where the entries the banner counts are.
    new_at: entries::NewAt,
    /// Whether the source can fetch older pages (set by whoever opened it).
    pub(super) pageable: bool,
    /// Several blogs, when several are open; `None` for one, which is then `blog` itself.
    pub(super) feeds: Option<Feeds>,
    /// What was kept of each blog (by index) from earlier sittings.
    pub(super) kept: std::collections::BTreeMap<usize, crate::store::ReadState>,
    /// What changed since the reader last looked, in view ids, and its one-line summary.
    pub(super) catch_up: crate::store::CatchUp,
    pub(super) catch_up_line: Option<String>,
    /// The catch-up list, when open.
    pub(super) catch_up_list: Option<CatchUpState>,
    /// Which alerts to raise; `None` for none.
    pub(super) alerts: Option<AlertOptions>,
    /// Effects raised while applying a result (alerts), handed out by `update`.
    pub(super) pending: Vec<Effect>,
    /// The `/` search, while there is one.
    pub(super) search: Option<SearchState>,
    /// The word searched for before the one in `search` (or before `Esc`), for `/` then
    /// `Enter` on nothing.
    pub(super) search_last: String,
    /// `K`: only key events and summaries are shown.
    pub(super) key_only: bool,
    /// `&` and `A`: only entries with a word, or by an author.
    pub(super) filter: FilterState,
    /// The place before the pane was first narrowed, and the place the narrowing gave: the
    /// first is given back when the last filter goes, if the reader is still at the second.
    pub(super) unfiltered_place: Option<(Anchor, Anchor)>,
    /// What edited entries said before their last edit (view ids), and the diff overlay.
    pub(super) previous: HashMap<String, String>,
    pub(super) diff: Option<DiffState>,
    /// Entries the source took out (view ids), for the note and the catch-up.
    taken_out: HashMap<String, taken_out::Gone>,
    index: HashMap<String, usize>,
    /// Indexes of key-event entries, ascending (newest first, like the entries).
    key_entries: Vec<usize>,
    /// Until [`Model::after_first_screen`]: leave what the first screen does not show.
    scope: LayoutScope,
    /// A restored read state's catch-up, summed up once the first screen is out (see
    /// [`Model::after_first_screen`]).
    catch_up_sum: Sum,
    /// Each blog's entries' fingerprints, for the catch-up (see `kept::Prints`).
    fingerprints: kept::Prints,
}

/// Whether a sum is to be made (see `Model::catch_up_sum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sum {
    Made,
    Due,
}

/// How much a layout covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LayoutScope {
    /// What the first screen shows.
    FirstScreen,
    Whole,
}

/// How many entries a view no longer shown has for it to be freed away from the keys
/// ([`Effect::Free`]); a shorter one costs nothing worth a thread.
const FREE_ELSEWHERE_FROM: usize = 512;

impl Model {
    /// Lets `old`, a view no longer shown, go: a long one is freed by the event loop off the
    /// keys' path.
    pub(super) fn discard(&mut self, old: LiveBlog) {
        if old.entries.len() >= FREE_ELSEWHERE_FROM {
            self.pending.push(Effect::Free(Box::new(old)));
        }
    }

    pub fn new(blog: LiveBlog, opts: ReaderOptions) -> Self {
        let ReaderOptions {
            source_name,
            theme,
            tz,
            size,
            following,
            pageable,
            source_kind,
            first_error,
            alerts,
            keymap,
            first_screen_first,
        } = opts;
        let panes = Panes::new(size.0, size.1, None, false, 2);
        let cx = LayoutContext {
            width: panes.text_width().into(),
            theme,
            tz,
            now: None,
            tags: None,
            keywords: alerts
                .as_ref()
                .filter(|a| !a.keywords.is_empty())
                .map(|a| std::sync::Arc::new(a.keywords.clone())),
        };
        let mut m = Self {
            blog,
            source_name,
            focus: Focus::Entries,
            sidebar_pref: None,
            sidebar_width: None,
            fitted_sidebar: None,
            show_help: false,
            help_offset: 0,
            links: None,
            theme,
            keymap: keymap.unwrap_or_else(Keymap::shipped),
            size,
            panes,
            top: Anchor::default(),
            jumped: None,
            restored_place: None,
            pending_place: None,
            resize_run: None,
            sidebar_wheeled_under: None,
            cache: LayoutCache::new(cx),
            sidebar: SidebarState::default(),
            status: StatusState {
                error_class: first_error
                    .as_ref()
                    .map(|(c, m)| status::exact_class(c.clone(), m)),
                error: first_error.map(|(_, m)| m),
                source_kind,
                following,
                ..StatusState::default()
            },
            unread: HashSet::new(),
            just_read: HashSet::new(),
            new_above: 0,
            new_at: entries::NewAt::Above,
            pageable,
            feeds: None,
            kept: std::collections::BTreeMap::new(),
            catch_up: crate::store::CatchUp::default(),
            catch_up_line: None,
            catch_up_list: None,
            alerts,
            pending: Vec::new(),
            search: None,
            search_last: String::new(),
            key_only: false,
            filter: FilterState::default(),
            unfiltered_place: None,
            previous: HashMap::new(),
            taken_out: HashMap::new(),
            diff: None,
            index: HashMap::new(),
            key_entries: Vec::new(),
            scope: if first_screen_first {
                LayoutScope::FirstScreen
            } else {
                LayoutScope::Whole
            },
            catch_up_sum: Sum::Made,
            fingerprints: kept::Prints::default(),
        };
        m.reindex();
        m.top = Anchor {
            id: m.blog.entries.first().map(|e| e.id.clone()),
            line: 0,
        };
        m.relayout();
        m
    }

    /// Several blogs of one event, opening on the merged view. `title` names the event (else
    /// the blogs' names do); `now` is when they were opened (entries without any time are
    /// placed by when they were first seen). With one blog this is [`Model::new`].
    pub fn with_feeds(
        mut specs: Vec<FeedSpec>,
        title: Option<String>,
        opts: ReaderOptions,
        now: Timestamp,
    ) -> Self {
        if specs.len() == 1 {
            let spec = specs.remove(0);
            let opts = ReaderOptions {
                source_name: spec.name,
                following: spec.following,
                pageable: spec.pageable,
                first_error: spec.first_error,
                ..opts
            };
            return Self::new(spec.blog, opts);
        }
        let mut feeds = Feeds::new(specs, title, now.as_second());
        let blog = feeds.build();
        let tags: Vec<(String, ratatui::style::Style)> = feeds
            .list
            .iter()
            .enumerate()
            .map(|(k, f)| (f.name.clone(), Feeds::style(k, opts.theme.color)))
            .collect();
        let mut m = Self::new(
            blog,
            ReaderOptions {
                first_error: None,
                ..opts
            },
        );
        feeds.tags = std::sync::Arc::new(tags);
        let mut cx = m.cache.context().clone();
        cx.tags = Some(feeds.tags.clone());
        m.feeds = Some(feeds);
        // Fitted again now that each title carries its blog's tag.
        m.fitted_sidebar = None;
        m.cache.set_context(cx);
        m.sum_up_feeds();
        m.relayout();
        m
    }

    /// The blog as the reader has it.
    pub fn blog(&self) -> &LiveBlog {
        &self.blog
    }

    /// The reader's place.
    pub fn top(&self) -> &Anchor {
        &self.top
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Where each pane sits.
    pub fn panes(&self) -> &Panes {
        &self.panes
    }

    pub fn status(&self) -> &StatusState {
        &self.status
    }

    pub fn sidebar(&self) -> &SidebarState {
        &self.sidebar
    }

    /// The links overlay, when open.
    pub fn links(&self) -> Option<&LinksState> {
        self.links.as_ref()
    }

    pub fn show_help(&self) -> bool {
        self.show_help
    }

    /// Entries that arrived by refresh and have not been on screen since.
    pub fn unread(&self) -> &HashSet<String> {
        &self.unread
    }

    /// Whether only key events and summaries are shown (`K`).
    pub fn key_only(&self) -> bool {
        self.key_only
    }

    /// The entry layouts held.
    pub fn cache(&self) -> &LayoutCache {
        &self.cache
    }

    /// The terminal size the model was last told of.
    pub fn size(&self) -> (u16, u16) {
        self.size
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

    fn compute_panes(&mut self) {
        let header_lines = crate::tui::panes::header_lines(&self.blog.standfirst, self.size.0);
        // A blog without key events has nothing for the sidebar to show: the entries get the
        // width unless the reader asks for the sidebar.
        let sidebar = self
            .sidebar_pref
            .or(self.blog.key_events.is_empty().then_some(false));
        let width = self
            .sidebar_width
            .unwrap_or_else(|| self.fitting_sidebar_width());
        self.panes = Panes::with_sidebar_width(
            self.size.0,
            self.size.1,
            sidebar,
            self.new_above > 0,
            header_lines,
            Some(width),
        );
        if self.feeds.is_some() {
            self.panes = self.panes.with_tab_bar();
        }
    }

    /// Does what was left for after the first screen (see
    /// [`ReaderOptions::first_screen_first`]): sums up the catch-up of a restored read state;
    /// nothing when that is done. (The key-events sidebar is laid out as far as it is looked
    /// at, first screen or not: see `sidebar::Until`.)
    pub fn after_first_screen(&mut self) {
        self.scope = LayoutScope::Whole;
        if std::mem::replace(&mut self.catch_up_sum, Sum::Made) == Sum::Due {
            self.sum_up_catch_up();
        }
    }

    /// How the source (or the blogs in view) is named in the status bar.
    pub fn source_label(&self) -> String {
        match &self.feeds {
            None => self.source_name.clone(),
            Some(f) => match f.view {
                View::All => format!("{} blogs", f.list.len()),
                View::One(k) => f.list[k].name.clone(),
            },
        }
    }

    /// The blog's title; for a blog without one, what it was opened from, as a dump names it.
    pub fn shown_title(&self) -> &str {
        self.blog.title_or(&self.source_name)
    }

    /// The blog's title with the count of unseen new entries, for the terminal title.
    pub fn window_title(&self) -> String {
        if self.new_above > 0 {
            format!("({}) {}", self.new_above, self.shown_title())
        } else {
            self.shown_title().to_string()
        }
    }

    /// Applies an action. Returns the I/O the event loop should perform.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let title_before = self.window_title();
        let mut effects = Vec::new();
        // A refresh leaves the run of resizes to its end: the place it keeps is the reader's
        // until they move, and a refresh keeps it as it keeps the top (see
        // `Model::carry_resize_run`).
        if action.is_user_input() && !action.shows_again() {
            self.resize_run = None;
        }
        let user_input = action.is_user_input();
        if user_input && !matches!(action, Action::Resize { .. }) {
            // Said until a key: another reader's note too, which a refresh's catch-up line
            // keeps until then.
            self.status.message = None;
            self.status.held_elsewhere = None;
            self.status.timed_note = None;
        }
        if self.show_help && user_input && self.help_key(&action) {
            return effects;
        }
        let moving_down = matches!(
            action,
            Action::ScrollDown
                | Action::PageDown
                | Action::HalfPageDown
                | Action::Bottom
                | Action::Mouse(Mouse::WheelDown { .. })
        ) && self.focus == Focus::Entries;
        // What the last frame showed has been seen: a key read after it. What a key brings into
        // view, by any move, is read in the same update (the tabs' counts and the title follow
        // it) and still marked (●) in the frame that shows it, until the next key.
        // A resize, a suspend and Ctrl-L show the same entries again, not something read.
        let read = user_input && !action.shows_again();
        if read {
            self.mark_seen();
            // The reader has a place of their own now.
            self.pending_place = None;
        }
        // A jump to an entry that had to be fetched first lands with the page that holds it.
        let landed = matches!(
            &action,
            Action::Live(
                _,
                crate::live::Event::HistoryLoaded {
                    jump_to: Some(_),
                    ..
                }
            )
        );
        self.apply(action, &mut effects);
        effects.append(&mut self.pending);
        if moving_down && self.at_bottom() {
            effects.extend(self.load_older(false));
        }
        self.after_move();
        if read || landed {
            self.read_in_view();
        }
        let title = self.window_title();
        if title != title_before {
            effects.push(Effect::SetTitle(title));
        }
        effects
    }

    /// The search prompt, then an open list (the catch-up, the links) takes the keys: `true`
    /// when one did. `?` shows the help over a list, as it does anywhere else.
    fn apply_to_overlay(&mut self, action: &Action, effects: &mut Vec<Effect>) -> bool {
        if !action.is_user_input() || action.shows_again() {
            return false;
        }
        let list_open = self.diff.is_some() || self.catch_up_list.is_some() || self.links.is_some();
        if self.filter.typing.is_some() {
            self.filter_key(action);
        } else if self.search_typing() {
            self.search_key(action);
        } else if list_open && matches!(action, Action::ToggleHelp) {
            // The help over the list, which is there again once the help is closed.
            self.show_help = true;
        } else if self.diff.is_some() {
            mouse::as_keys(action, mouse::WHEEL_LINES, |a| self.diff_key(a));
        } else if self.catch_up_list.is_some() {
            mouse::as_keys(action, mouse::WHEEL_ITEMS, |a| self.catch_up_key(a));
        } else if self.links.is_some() {
            mouse::as_keys(action, mouse::WHEEL_ITEMS, |a| self.links_key(a, effects));
        } else {
            return false;
        }
        true
    }

    fn apply(&mut self, action: Action, effects: &mut Vec<Effect>) {
        if self.apply_to_overlay(&action, effects) {
            return;
        }
        let page = isize::try_from(self.page_height().saturating_sub(2).max(1)).unwrap_or(1);
        let half_page = isize::try_from(self.page_height() / 2).unwrap_or(1).max(1);
        let in_sidebar = self.focus == Focus::Sidebar && self.panes.sidebar.is_some();
        if in_sidebar && let Some(step) = sidebar::selection_step(&action) {
            self.move_selection(step);
            return;
        }
        match action {
            Action::ScrollDown => self.scroll(1),
            Action::ScrollUp => self.scroll(-1),
            Action::PageDown => self.scroll(page),
            Action::PageUp => self.scroll(-page),
            Action::HalfPageDown => self.scroll(half_page),
            Action::HalfPageUp => self.scroll(-half_page),
            Action::Top if !self.blog.entries.is_empty() => self.jump_to_entry(0),
            Action::JumpToNew if !self.blog.entries.is_empty() => self.jump_to_new(),
            Action::Bottom if !self.blog.entries.is_empty() => self.go_to_bottom(),
            Action::NextKeyEvent => self.jump_key_event(true),
            Action::PrevKeyEvent => self.jump_key_event(false),
            Action::Select if in_sidebar => {
                effects.extend(self.select_key_event(self.sidebar.selected));
            }
            Action::Select => {
                self.note("Enter opens the key event chosen in the sidebar: Tab goes there");
            }
            Action::LoadOlder => effects.extend(self.load_older(true)),
            Action::FocusNext if in_sidebar => self.focus = Focus::Entries,
            // Tab and `h` alike: a hidden sidebar cannot take the focus, and says how to show it
            // (rather than Tab doing nothing on a narrow terminal).
            Action::FocusNext | Action::FocusSidebar => {
                if self.panes.sidebar.is_some() {
                    self.focus = Focus::Sidebar;
                } else if self.size.0 < crate::tui::panes::SIDEBAR_ANY_TERMINAL_WIDTH {
                    self.note_too_narrow_for_sidebar();
                } else {
                    self.note("Sidebar hidden: press s");
                }
            }
            Action::FocusEntries => self.focus = Focus::Entries,
            Action::ToggleSidebar => {
                let shown = self.panes.sidebar.is_some();
                if !shown && self.size.0 < crate::tui::panes::SIDEBAR_ANY_TERMINAL_WIDTH {
                    self.note_too_narrow_for_sidebar();
                } else {
                    self.sidebar_pref = Some(!shown);
                    if shown {
                        self.focus = Focus::Entries;
                    }
                    self.relayout();
                }
            }
            Action::SidebarWider => self.resize_sidebar(SIDEBAR_STEP),
            Action::SidebarNarrower => self.resize_sidebar(-SIDEBAR_STEP),
            Action::ToggleHelp => self.show_help = !self.show_help,
            Action::OpenLinks => {
                let urls = match self.subject_index() {
                    Some(i) => self.cache.layout(&self.blog.entries[i]).links.clone(),
                    None => Vec::new(),
                };
                if urls.is_empty() {
                    self.note("This entry has no links");
                } else {
                    self.links = Some(LinksState { urls, selected: 0 });
                }
            }
            Action::ShowView(_)
            | Action::NextView
            | Action::PrevView
            | Action::CatchUp
            | Action::MarkRead
            | Action::MarkAllRead
            | Action::Search
            | Action::NextMatch
            | Action::PrevMatch
            | Action::Pasted(_) => self.apply_following(&action),
            Action::Quit => effects.push(Effect::Quit),
            // Esc clears a search; with nothing open there is nothing to close (the status
            // note already went).
            Action::Close => self.end_search(),
            Action::CopyLink => self.hand_on_permalink(false, effects),
            Action::OpenPermalink => self.hand_on_permalink(true, effects),
            Action::CopyText => self.copy_text(effects),
            Action::ShowDiff => self.show_diff(),
            Action::ToggleKeyOnly => self.toggle_key_only(),
            Action::FilterWord => self.start_filter(),
            Action::FilterAuthor => self.toggle_author_filter(),
            Action::Suspend => effects.push(Effect::Suspend),
            Action::Redraw => effects.push(Effect::Redraw),
            Action::Refresh => effects.extend(self.refresh_now()),
            Action::TogglePause => effects.extend(self.toggle_pause()),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Mouse(m) => effects.extend(self.mouse(m)),
            // Results, as `Action::is_user_input` lists them: one list, not two to keep in step.
            _ => self.apply_result(action),
        }
    }

    /// Keys of following an event: views of several blogs, the catch-up, search, marking
    /// read; and a paste no prompt took.
    fn apply_following(&mut self, action: &Action) {
        match action {
            Action::ShowView(0) => self.show_view(View::All),
            Action::ShowView(n) => self.show_view(View::One(n - 1)),
            Action::NextView => self.cycle_view(1),
            Action::PrevView => self.cycle_view(-1),
            Action::CatchUp => self.open_catch_up(),
            Action::Search => self.start_search(),
            Action::NextMatch => self.next_match(true, false),
            Action::PrevMatch => self.next_match(false, false),
            Action::MarkRead => self.mark_read(false),
            Action::MarkAllRead => self.mark_read(true),
            // No prompt took it (see `apply_to_overlay`).
            Action::Pasted(_) => {
                self.note("Pasted text is not read as keys: / to search, & to filter");
            }
            _ => {}
        }
    }

    /// Results from the clock and the background: new versions, history, failures.
    fn apply_result(&mut self, action: Action) {
        match action {
            Action::Tick(now) => {
                let mut cx = self.cache.context().clone();
                cx.now = Some(now);
                self.cache.set_context(cx);
                self.end_timed_note(now);
                self.count_down_floor(now);
            }
            Action::Live(source, event) => {
                let answer = self.answer_to_asking(&event);
                if self.feeds.is_some() {
                    self.apply_feed_event(source, event);
                } else {
                    self.apply_live(event);
                }
                if let Some(answer) = answer {
                    self.note(answer);
                }
            }
            Action::LinkOpened { url } => self.note(format!("Opened {}", short(&url, 80))),
            Action::HandOffFailed { error } => self.status.message = Some((error, Level::Error)),
            _ => {}
        }
    }

    /// What the refresher reported.
    fn apply_live(&mut self, event: Event) {
        let Some(event) = self.fingerprints.hear(0, event) else {
            return;
        };
        if matches!(event, Event::Unchanged { .. }) {
            self.back_from_away(0);
        }
        match event {
            Event::Started => {
                self.status.fetching = true;
                self.status.last_started = self.now();
            }
            Event::Fingerprints(_) => {} // heard above
            Event::Scheduled { at } => self.status.next_poll = at,
            Event::Pace { every } => self.status.every = Some((every, every)),
            Event::Loaded { blog, at } => self.merge(*blog, Some(at)),
            Event::HistoryLoaded { blog, jump_to } => {
                self.status.loading_history = false;
                self.status.message = None;
                self.merge(*blog, None);
                self.take_pending_place();
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
            Event::KeepFailed { error } => self.status.message = Some((error, Level::Error)),
            Event::HeldHere => self.held_here(0, None),
            Event::Unchanged { at } => {
                self.status.fetching = false;
                self.status.error = None;
                self.status.last_check = Some(at);
            }
            Event::Failed {
                class, error, at, ..
            } => {
                self.status.fetching = false;
                self.status.error_class = Some(status::exact_class(class, &error));
                self.status.error = Some(error);
                self.status.last_check = Some(at);
            }
        }
    }
}
