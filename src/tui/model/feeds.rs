//! Several blogs of one event in one reader: each blog's own copy and refresh state, which
//! view is shown (every blog merged, or one), and taking in a new version of one blog
//! without moving the reader.
//!
//! The entry pane always shows one list, `Model::blog`: with several blogs it is the *view*,
//! built from the blogs' copies, its entries named by [`ns_id`] so that two blogs' entries
//! with the same id are never mixed up. Everything that works on one blog (the place, the
//! "N new" banner, unread marks, key-event jumps) then works on the merged view unchanged.
//! A refresh of one blog splices that blog's entries into the merged view in linear time
//! (the others' entries are moved, never copied), so the cost does not grow with the number
//! of blogs beyond their total size, and the frame cost is what is on screen.

use super::{Anchor, Level, Model};
use crate::blog::merge::{Diff, diff};
use crate::blog::timeline::{Slot, merge_sorted, ns_id, slots, sort_keys, split_id};
use crate::blog::{Entry, Extraction, KeyEvent, LiveBlog, LiveState};
use crate::live::Event;
use foldhash::{HashMap, HashSet};
use jiff::Timestamp;
use ratatui::style::{Color, Style};

/// One blog as the reader has it.
#[derive(Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts about one blog's refresh, shown side by side"
)]
pub struct Feed {
    /// The short name shown in tabs and tags ("Guardian"), sanitised.
    pub name: String,
    /// Its entries with their own ids.
    pub blog: LiveBlog,
    /// Sort keys of `blog`'s entries, in its order (see `blog::timeline`).
    keys: Vec<i64>,
    /// When each entry was first seen, for blogs without times.
    first_seen: HashMap<String, i64>,
    /// Refresh state, as the status bar shows it for this blog.
    pub fetching: bool,
    pub error: Option<String>,
    pub error_class: Option<String>,
    pub last_check: Option<Timestamp>,
    pub last_update: Option<Timestamp>,
    pub next_poll: Option<Timestamp>,
    /// How often it is polled now, when its refresher has said.
    pub every: Option<std::time::Duration>,
    /// A refresher keeps it fresh.
    pub following: bool,
    /// Older pages can be fetched.
    pub pageable: bool,
    pub loading_history: bool,
}

/// What a caller knows of a blog before the first frame.
#[derive(Debug, Clone)]
pub struct FeedSpec {
    pub name: String,
    pub blog: LiveBlog,
    pub following: bool,
    pub pageable: bool,
    /// The first request failed and is being retried: its class and message.
    pub first_error: Option<(String, String)>,
}

/// Which list the entry pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Every blog, interleaved by time.
    All,
    /// One blog.
    One(usize),
}

/// The blogs of an event and the view of them.
#[derive(Debug)]
pub struct Feeds {
    pub list: Vec<Feed>,
    pub view: View,
    /// The event's title, for the merged view's header.
    pub title: String,
    /// For each entry of the view, where it sits (its blog and place there): the merged
    /// view's order, kept so that a refresh of one blog splices in linear time.
    slots: Vec<Slot>,
    /// For each key event of the view, its blog.
    pub key_sources: Vec<usize>,
    /// The entries of the views left that the view shown does not hold, as a view names them,
    /// kept to be taken again when a view shows them ([`Feeds::build_reusing`]): a tab's key
    /// then copies none of a long blog's entries. A blog's go when it changes.
    parked: Vec<Entry>,
    /// Each blog's tag and style, for the merged view's bylines (a blog's own tab needs none).
    pub tags: std::sync::Arc<Vec<(String, ratatui::style::Style)>>,
}

/// Colours the blogs are told apart by (the text tag stays without colour).
const PALETTE: [Color; 6] = [
    Color::Cyan,
    Color::LightMagenta,
    Color::LightGreen,
    Color::LightBlue,
    Color::LightRed,
    Color::Yellow,
];

impl Feed {
    fn new(spec: FeedSpec, now: i64) -> Self {
        let first_seen: HashMap<String, i64> = spec
            .blog
            .entries
            .iter()
            .map(|e| (e.id.clone(), now))
            .collect();
        let keys = sort_keys(&spec.blog, |id| first_seen.get(id).copied(), now);
        Self {
            name: spec.name,
            blog: spec.blog,
            keys,
            first_seen,
            fetching: false,
            error_class: spec.first_error.as_ref().map(|(c, _)| c.clone()),
            error: spec.first_error.map(|(_, m)| m),
            last_check: None,
            last_update: None,
            next_poll: None,
            every: None,
            following: spec.following,
            pageable: spec.pageable,
            loading_history: false,
        }
    }

    /// Live, ended, or neither, as the tab shows it.
    pub fn is_live(&self) -> bool {
        self.following && self.blog.state == LiveState::Live
    }
}

impl Feeds {
    pub fn new(specs: Vec<FeedSpec>, title: Option<String>, now: i64) -> Self {
        let list: Vec<Feed> = specs.into_iter().map(|s| Feed::new(s, now)).collect();
        let title = title.unwrap_or_else(|| {
            let names: Vec<&str> = list.iter().map(|f| f.name.as_str()).collect();
            format!("{} live blogs: {}", list.len(), names.join(" · "))
        });
        Self {
            list,
            view: View::All,
            title: crate::sanitize::line(&title, crate::sanitize::TITLE_MAX),
            slots: Vec::new(),
            key_sources: Vec::new(),
            parked: Vec::new(),
            tags: std::sync::Arc::default(),
        }
    }

    /// The tag colour of blog `k` (only the modifier without colour).
    pub fn style(k: usize, color: bool) -> Style {
        let s = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        if color {
            s.fg(PALETTE[k % PALETTE.len()])
        } else {
            s
        }
    }

    /// The view's list, built whole (at start and when the view changes).
    pub fn build(&mut self) -> LiveBlog {
        self.build_reusing(Vec::new()).0
    }

    /// [`Self::build`], taking the entries it shows from `old` (the view shown until now, whose
    /// entries are the blogs' own, named as views name them) where `old` has them rather than
    /// copying them again from the blogs: the thousands of entries of long blogs are
    /// milliseconds to copy, and a tab's key waits for them. Gives what of `old` it did not
    /// take.
    pub fn build_reusing(&mut self, old: Vec<Entry>) -> (LiveBlog, Vec<Entry>) {
        let mut spare = Spare::new(old);
        let (entries, slots) = match self.view {
            View::One(k) => {
                let f = &self.list[k];
                let entries = f
                    .blog
                    .entries
                    .iter()
                    .map(|e| {
                        let id = ns_id(k, &e.id);
                        let mut shown = spare.take(&id).unwrap_or_else(|| e.clone());
                        shown.id = id;
                        shown.pinned = e.pinned;
                        shown
                    })
                    .collect();
                (entries, slots(k, &f.keys))
            }
            View::All => {
                let keys: Vec<Vec<i64>> = self.list.iter().map(|f| f.keys.clone()).collect();
                let order = crate::blog::timeline::order(&keys);
                let entries = order
                    .iter()
                    .map(|s| {
                        let blog = &self.list[s.source].blog;
                        let own = &blog.entries[s.pos];
                        // Named as the view names it only to be looked for: a build at
                        // start or on a refresh has nothing to take.
                        let taken = (!spare.is_empty())
                            .then(|| spare.take(&ns_id(s.source, &own.id)))
                            .flatten();
                        match taken {
                            Some(mut e) => {
                                e.pinned = crate::blog::timeline::pinned_on_top(blog, own);
                                e
                            }
                            None => merged_entry(blog, s),
                        }
                    })
                    .collect();
                (entries, order)
            }
        };
        self.slots = slots;
        (self.frame(entries), spare.rest())
    }

    /// The view's blog-level fields around its entries.
    fn frame(&mut self, entries: Vec<Entry>) -> LiveBlog {
        let shown: Vec<usize> = match self.view {
            View::One(k) => vec![k],
            View::All => (0..self.list.len()).collect(),
        };
        // Key events: every shown blog's, newest first, each pointing at its view entry.
        let mut keys: Vec<(Option<i64>, usize, usize, KeyEvent)> = Vec::new();
        for &k in &shown {
            let f = &self.list[k];
            // An undated key event takes its entry's place in the timeline: its entry found by
            // id once for all of them, not by a search through the blog for each.
            let undated = f.blog.key_events.iter().any(|ke| ke.published.is_none());
            let at: HashMap<&str, usize> = if undated {
                // The first of the same id, as a search finds it.
                (f.blog.entries.iter().enumerate().rev())
                    .map(|(i, e)| (e.id.as_str(), i))
                    .collect()
            } else {
                HashMap::default()
            };
            for (n, ke) in f.blog.key_events.iter().enumerate() {
                let mut ke = ke.clone();
                let time = ke.published.map(|t| t.instant().as_second()).or_else(|| {
                    ke.entry_id
                        .as_deref()
                        .and_then(|id| at.get(id))
                        .map(|&i| f.keys[i])
                });
                ke.entry_id = ke.entry_id.map(|id| ns_id(k, &id));
                keys.push((time, k, n, ke));
            }
        }
        if shown.len() > 1 {
            keys = in_timeline_order(keys, &shown);
        }
        self.key_sources = keys.iter().map(|k| k.1).collect();
        let state = if shown
            .iter()
            .any(|&k| self.list[k].blog.state == LiveState::Live)
        {
            LiveState::Live
        } else if shown
            .iter()
            .all(|&k| self.list[k].blog.state == LiveState::Ended)
        {
            LiveState::Ended
        } else {
            LiveState::Unknown
        };
        let (title, standfirst, url) = match self.view {
            View::One(k) => {
                let f = &self.list[k];
                let b = &f.blog;
                // A blog without a title is named by its own name: left empty, the header
                // would fall back to the first blog's (see `Model::shown_title`).
                let title = b.title_or(&f.name).to_string();
                (title, b.standfirst.clone(), b.url.clone())
            }
            View::All => {
                let titles: Vec<String> = self
                    .list
                    .iter()
                    // A blog named by its title's first words is its title alone.
                    .map(|f| {
                        if f.blog.title.starts_with(f.name.as_str()) {
                            f.blog.title.clone()
                        } else {
                            format!("[{}] {}", f.name, f.blog.title)
                        }
                    })
                    .collect();
                (self.title.clone(), titles.join(" · "), None)
            }
        };
        LiveBlog {
            poll_every: None,
            title,
            standfirst,
            url,
            state,
            updated: None,
            entries,
            key_events: keys.into_iter().map(|k| k.3).collect(),
            older: None,
            // One guessed blog among those shown makes the view's entries partly guessed.
            extracted: if shown
                .iter()
                .any(|&k| self.list[k].blog.extracted == Extraction::Heuristic)
            {
                Extraction::Heuristic
            } else {
                Extraction::Structured
            },
        }
    }

    /// Whether blog `k`'s entries are in the view.
    pub fn shows(&self, k: usize) -> bool {
        match self.view {
            View::All => true,
            View::One(v) => v == k,
        }
    }
}

impl Model {
    /// Whether the view is several blogs merged (not one blog, nor one tab of several).
    pub fn shows_several(&self) -> bool {
        self.feeds.as_ref().is_some_and(|f| f.view == View::All)
    }

    /// The blogs, when several are open.
    pub fn feeds(&self) -> Option<&Feeds> {
        self.feeds.as_ref()
    }

    /// What blog `source`'s refresher reported.
    pub(super) fn apply_feed_event(&mut self, source: usize, event: Event) {
        let clock = self.now();
        let Some(feeds) = self.feeds.as_mut() else {
            return;
        };
        let Some(f) = feeds.list.get_mut(source) else {
            return;
        };
        let Some(event) = self.fingerprints.hear(source, event) else {
            return;
        };
        if matches!(event, Event::HeldHere) {
            let name = (feeds.list.len() > 1).then(|| feeds.list[source].name.clone());
            self.held_here(source, name.as_deref());
            return;
        }
        if matches!(event, Event::Unchanged { .. }) {
            // Nothing arrived while away: news from now on arrives while reading (a version
            // that did arrive says so as it is taken in).
            self.status.cached.retain(|&(c, _)| c != source);
        }
        match event {
            Event::Started => {
                f.fetching = true;
                self.status.last_started = clock;
            }
            Event::Fingerprints(_) | Event::HeldHere => {} // taken above
            Event::Scheduled { at } => f.next_poll = at,
            Event::Pace { every } => f.every = Some(every),
            Event::Unchanged { at } => {
                f.fetching = false;
                f.error = None;
                f.error_class = None;
                f.last_check = Some(at);
            }
            Event::Failed {
                class, error, at, ..
            } => {
                f.fetching = false;
                f.error = Some(error);
                f.error_class = Some(class);
                f.last_check = Some(at);
            }
            Event::Loaded { blog, at } => {
                f.fetching = false;
                f.error = None;
                f.error_class = None;
                f.last_check = Some(at);
                self.take_in_feed(source, *blog, Some(at), None);
            }
            Event::HistoryLoaded { blog, jump_to } => {
                f.loading_history = false;
                self.status.message = None;
                self.take_in_feed(source, *blog, None, jump_to);
                self.take_pending_place();
            }
            Event::HistoryFailed { error } => {
                f.loading_history = false;
                self.status.message = Some((error, Level::Error));
            }
            Event::KeepFailed { error } => {
                self.status.message = Some((format!("{}: {error}", f.name), Level::Error));
            }
        }
        self.sum_up_feeds();
    }

    /// The status bar's refresh facts from the blogs in view: the first failing blog's
    /// error (named, with how many more fail), the soonest next check, the latest update.
    pub(super) fn sum_up_feeds(&mut self) {
        let Some(feeds) = self.feeds.as_ref() else {
            return;
        };
        let shown: Vec<&Feed> = feeds
            .list
            .iter()
            .enumerate()
            .filter(|(k, _)| feeds.shows(*k))
            .map(|(_, f)| f)
            .collect();
        let st = &mut self.status;
        st.fetching = shown.iter().any(|f| f.fetching);
        st.loading_history = shown.iter().any(|f| f.loading_history);
        st.following = shown.iter().any(|f| f.following);
        st.last_update = shown.iter().filter_map(|f| f.last_update).max();
        let failing_count = shown.iter().filter(|f| f.error.is_some()).count();
        let failing = shown.iter().find(|f| f.error.is_some());
        // The bar's countdown: the failing blog's next try when it says the failure (another
        // blog's next check told it wrong), else the soonest check.
        st.next_poll = match failing {
            Some(f) => f.next_poll,
            None => shown.iter().filter_map(|f| f.next_poll).min(),
        };
        let every = || shown.iter().filter_map(|f| f.every);
        st.every = every().min().zip(every().max());
        let several = feeds.view == View::All;
        st.error = failing.and_then(|f| f.error.clone());
        let class_of = |f: &Feed| {
            let class = f.error_class.clone().unwrap_or("refresh failed".into());
            super::status::exact_class(class, f.error.as_deref().unwrap_or_default())
        };
        st.said_class = failing.map(|f| class_of(f));
        st.error_class = failing.map(|f| {
            let class = class_of(f);
            // The first failing blog by name, and how many more fail beside it: how, when
            // that is not how the first fails.
            let mut others: Vec<String> = Vec::new();
            for other in shown.iter().filter(|o| o.error.is_some()).skip(1) {
                let c = class_of(other);
                if c != class && !others.contains(&c) {
                    others.push(c);
                }
            }
            match failing_count {
                _ if !several => class,
                0 | 1 => format!("{}: {class}", f.name),
                n if others.is_empty() => format!("{} and {} more: {class}", f.name, n - 1),
                n => format!(
                    "{}: {class} · {} more: {}",
                    f.name,
                    n - 1,
                    others.join(", ")
                ),
            }
        });
        // When the failing blog was last tried, for the bar's "at"; else the latest check of
        // any, for the note of an `r` pressed too soon.
        st.last_check = match failing {
            Some(f) => f.last_check,
            None => shown.iter().filter_map(|f| f.last_check).max(),
        };
    }

    /// Takes in a new version of blog `k` (a refresh when `at` is set, else a page of
    /// history) without moving the reader.
    fn take_in_feed(
        &mut self,
        k: usize,
        new: LiveBlog,
        at: Option<Timestamp>,
        jump_to: Option<String>,
    ) {
        let away = at.is_some() && self.back_from_away(k);
        let Some(feeds) = self.feeds.as_mut() else {
            return;
        };
        let now = at
            .or(self.cache.context().now)
            .map_or(0, Timestamp::as_second);
        let f = &mut feeds.list[k];
        let d = diff(&f.blog, &new);
        if d.is_empty() && new == f.blog {
            return;
        }
        super::kept::forget_changed(self.fingerprints.known.get_mut(&k), &f.blog, &d);
        self.fingerprints.take_arriving(k);
        if at.is_some() && !d.is_empty() {
            f.last_update = at;
        }
        for id in &d.added {
            f.first_seen.entry(id.clone()).or_insert(now);
        }
        let ended_now = new.state == LiveState::Ended && f.blog.state != LiveState::Ended;
        let live_ids: HashSet<&str> = new.entries.iter().map(|e| e.id.as_str()).collect();
        f.first_seen.retain(|id, _| live_ids.contains(id.as_str()));
        let first_seen = &f.first_seen;
        f.keys = sort_keys(&new, |id| first_seen.get(id).copied(), now);
        let had_entries = !f.blog.entries.is_empty();
        let before: Vec<(String, Entry)> = d
            .edited
            .iter()
            .filter_map(|id| {
                f.blog
                    .position(id)
                    .map(|i| (ns_id(k, id), f.blog.entries[i].clone()))
            })
            .collect();
        let gone: Vec<(String, super::taken_out::Gone)> = (d.removed.iter())
            .filter_map(|id| {
                let i = f.blog.position(id)?;
                Some((ns_id(k, id), super::taken_out::Gone::of(&f.blog.entries[i])))
            })
            .collect();
        f.blog = new;
        let name = f.name.clone();
        // Its entries parked from the views left are its old ones now: they go.
        let parked_of_k = |e: &mut Entry| split_id(&e.id).is_some_and(|(s, _)| s == k);
        let stale: Vec<Entry> = feeds.parked.extract_if(.., parked_of_k).collect();
        // What arrived while you were away does not ring (see `Model::showing_copy`).
        let own_added = if at.is_some() && had_entries && !away {
            d.added.clone()
        } else {
            Vec::new()
        };
        let ns = |ids: Vec<String>| -> Vec<String> { ids.iter().map(|i| ns_id(k, i)).collect() };
        let d = Diff {
            added: ns(d.added),
            edited: ns(d.edited),
            amended: ns(d.amended),
            removed: ns(d.removed),
        };
        let shown = feeds.shows(k);
        for (id, e) in &before {
            self.remember_previous(id, e);
        }
        for (id, gone) in gone {
            self.remember_taken_out(&id, gone);
        }
        let removed = if at.is_some() {
            d.removed.clone()
        } else {
            Vec::new()
        };
        self.discard(LiveBlog {
            entries: stale,
            ..LiveBlog::default()
        });
        self.say_refreshed(Some(&name), ended_now, &removed);
        if !shown {
            // Not in view: its new entries wait, unread, for when it is.
            if at.is_some() && had_entries {
                self.unread.extend(d.added.iter().cloned());
            }
            if at.is_some() {
                self.after_refresh(k, &own_added);
            }
            return;
        }
        let place = self.place_after(&d.removed);
        let place = place.or_else(|| (away && had_entries).then(|| self.place().clone()));
        let new_view = self.splice(k);
        self.take_in(new_view, d, at, had_entries, place);
        // A page of history is old news: the catch-up said does not come back for it.
        if at.is_some() {
            self.after_refresh(k, &own_added);
        }
        if let Some(id) = jump_to {
            match self.index.get(&ns_id(k, &id)).copied() {
                Some(i) => self.jump_to_entry(i),
                None => self.note("That entry was not on the page the source returned"),
            }
        }
    }

    /// The view with blog `k`'s entries replaced by its copy: the other blogs' entries are
    /// moved from the current view, not copied, and the two ordered runs merged.
    fn splice(&mut self, k: usize) -> LiveBlog {
        let Some(feeds) = self.feeds.as_mut() else {
            return LiveBlog::default();
        };
        if feeds.view != View::All {
            return feeds.build();
        }
        let old_entries = std::mem::take(&mut self.blog.entries);
        let old_slots = std::mem::take(&mut feeds.slots);
        let mut others: Vec<(Slot, Entry)> = old_slots
            .into_iter()
            .zip(old_entries)
            .filter(|(s, _)| s.source != k)
            .collect();
        // The others' places in their blogs are unchanged; only `k`'s are new.
        let fresh: Vec<Slot> = {
            let mut s = slots(k, &feeds.list[k].keys);
            s.sort_unstable();
            s
        };
        let other_slots: Vec<Slot> = others.iter().map(|(s, _)| *s).collect();
        let merged = merge_sorted(other_slots, fresh);
        let mut entries = Vec::with_capacity(merged.len());
        let mut others = others.drain(..);
        for s in &merged {
            if s.source == k {
                entries.push(merged_entry(&feeds.list[k].blog, s));
            } else if let Some((_, e)) = others.next() {
                entries.push(e);
            }
        }
        feeds.slots = merged;
        feeds.frame(entries)
    }

    /// Switches the view (`None`: the next or previous one by `step`).
    pub(super) fn show_view(&mut self, view: View) {
        let top_index = self.top_index();
        let Some(feeds) = self.feeds.as_mut() else {
            self.note("Only one blog is open");
            return;
        };
        if let View::One(k) = view
            && k >= feeds.list.len()
        {
            self.note(format!("There is no blog {}", k + 1));
            return;
        }
        if feeds.view == view {
            return;
        }
        // Keep the entry at the top when the new view has it, else the nearest in time.
        let top_key = top_index.and_then(|i| feeds.slots.get(i)).map(Slot::key);
        let top_id = self.top.clone();
        feeds.view = view;
        // The merged view tags each byline with its blog; a blog's own tab says it once, in
        // the tab bar.
        let tags = (view == View::All).then(|| feeds.tags.clone());
        let mut shown = std::mem::take(&mut self.blog.entries);
        shown.append(&mut feeds.parked);
        let (new, rest) = feeds.build_reusing(shown);
        feeds.parked = rest;
        let place = top_id
            .id
            .as_ref()
            .and_then(|id| new.position(id).map(|_| top_id.clone()))
            .or_else(|| {
                let t = top_key?;
                let i = feeds.slots.iter().position(|s| s.key() <= t)?;
                Some(Anchor {
                    id: Some(new.entries[i].id.clone()),
                    line: 0,
                })
            });
        let mut cx = self.cache.context().clone();
        cx.tags = tags;
        self.cache.set_context(cx);
        self.blog = new;
        self.reindex();
        self.refilter();
        self.rematch(true);
        self.new_above = 0;
        self.top = place.unwrap_or_default();
        self.sidebar.selected = 0;
        self.sidebar.offset = 0;
        self.sum_up_feeds();
        self.relayout();
    }

    /// The next (`1`) or previous (`-1`) view: the merged one, then each blog.
    pub(super) fn cycle_view(&mut self, step: isize) {
        let Some(feeds) = self.feeds.as_ref() else {
            self.note("Only one blog is open");
            return;
        };
        let n = feeds.list.len() + 1;
        let at = match feeds.view {
            View::All => 0,
            View::One(k) => k + 1,
        };
        let next = (at.cast_signed() + step)
            .rem_euclid(n.cast_signed())
            .cast_unsigned();
        self.show_view(if next == 0 {
            View::All
        } else {
            View::One(next - 1)
        });
    }

    /// Unread entries of blog `k` (counted from the unread set, which is small).
    pub fn unread_in(&self, k: usize) -> usize {
        self.unread
            .iter()
            .filter(|id| split_id(id).is_some_and(|(s, _)| s == k))
            .count()
    }
}

/// Entries of a view no longer shown, to be taken by their view ids.
struct Spare {
    entries: Vec<Option<Entry>>,
    at: HashMap<String, usize>,
}

impl Spare {
    fn new(old: Vec<Entry>) -> Self {
        let at = (old.iter().enumerate())
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Self {
            entries: old.into_iter().map(Some).collect(),
            at,
        }
    }

    fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    fn take(&mut self, id: &str) -> Option<Entry> {
        let i = *self.at.get(id)?;
        self.entries[i].take()
    }

    fn rest(self) -> Vec<Entry> {
        self.entries.into_iter().flatten().collect()
    }
}

/// The entry at `s` of `blog` as the merged view shows it: named by its blog, and pinned only
/// while it sits on top ([`crate::blog::timeline::pinned_on_top`]).
fn merged_entry(blog: &LiveBlog, s: &Slot) -> Entry {
    let mut e = blog.entries[s.pos].clone();
    e.pinned = crate::blog::timeline::pinned_on_top(blog, &e);
    e.id = ns_id(s.source, &e.id);
    e
}

/// Key events of the blogs `shown` (grouped by blog, in each blog's order, with their times)
/// as the timeline orders entries, as `dump` orders them: newest first, one without a time
/// beside its neighbours in its blog ([`crate::blog::timeline::key_event_order`]).
fn in_timeline_order(
    keys: Vec<(Option<i64>, usize, usize, KeyEvent)>,
    shown: &[usize],
) -> Vec<(Option<i64>, usize, usize, KeyEvent)> {
    let times: Vec<Vec<Option<i64>>> = shown
        .iter()
        .map(|&k| keys.iter().filter(|x| x.1 == k).map(|x| x.0).collect())
        .collect();
    let mut starts = Vec::with_capacity(times.len());
    let mut at = 0;
    for t in &times {
        starts.push(at);
        at += t.len();
    }
    let mut taken: Vec<Option<_>> = keys.into_iter().map(Some).collect();
    crate::blog::timeline::key_event_order(&times, 0)
        .iter()
        .filter_map(|s| taken.get_mut(starts[s.source] + s.pos)?.take())
        .collect()
}
