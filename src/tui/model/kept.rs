//! Across sittings: the read state a reader comes back to (place, unread marks, "since you
//! last looked"), the catch-up list (`c`), marking read (`u`/`U`), and alerts for what
//! arrives while the reader is not looking. The files themselves are `store`'s; this only
//! turns them into the reader's state and back.

use super::{Level, Model};
use crate::alert::{Keywords, NotifyMode, alert_for_added};
use crate::blog::timeline::{ns_id, split_id};
use crate::blog::{Entry, LiveBlog};
use crate::live::Event;
use crate::store::{CatchUp, Fingerprints, Place, ReadState, catch_up_with, fingerprint};
use crate::tui::action::Effect;
use foldhash::HashMap;
use jiff::Timestamp;

/// Which alerts the reader raises.
#[derive(Debug, Clone, Default)]
pub struct AlertOptions {
    pub mode: NotifyMode,
    pub keywords: Keywords,
}

/// The catch-up list: what changed since the reader last looked, each item jumpable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatchUpState {
    /// The view's entry id and the line shown for it.
    pub items: Vec<(String, String)>,
    pub selected: usize,
}

impl Model {
    /// Blog `k`'s entries as they are (its own ids): the view with one blog, else its copy.
    fn blog_of(&self, k: usize) -> Option<&LiveBlog> {
        blog_in(self.feeds.as_ref(), &self.blog, k)
    }

    /// The view's id of blog `k`'s entry `id`.
    fn view_id(&self, k: usize, id: &str) -> String {
        if self.feeds.is_some() {
            ns_id(k, id)
        } else {
            id.to_string()
        }
    }

    /// What entries of blog `k` said before edits made while the reader was away (by their
    /// own ids; see [`crate::store::Cached::previous`]), for `d`.
    pub fn said_before(&mut self, k: usize, texts: std::collections::BTreeMap<String, String>) {
        for (id, text) in texts {
            let vid = self.view_id(k, &id);
            self.previous.insert(vid, text);
        }
    }

    /// Takes in what was kept of blog `k` from an earlier sitting: its place (if the entry is
    /// still there), its unread marks, and the catch-up since then. A first visit (nothing
    /// kept) changes nothing.
    /// The place kept from the last sitting, once its entry has come (see
    /// [`Model::pending_place`]), if the reader has not moved meanwhile.
    pub(super) fn take_pending_place(&mut self) {
        let Some((k, place)) = self.pending_place.take() else {
            return;
        };
        let vid = self.view_id(k, &place.id);
        match self.index.get(&vid).copied() {
            Some(i) => {
                self.set_top(i, place.line);
                self.clamp_top();
                self.restored_place = Some(place);
            }
            None => self.pending_place = Some((k, place)),
        }
    }

    pub fn restore(&mut self, k: usize, state: ReadState) {
        if state.last_looked.is_none() {
            self.kept.insert(k, state);
            return;
        }
        if let Some(blog) = self.blog_of(k) {
            let unread: Vec<String> = blog
                .entries
                .iter()
                .filter(|e| !state.seen.contains(&e.id))
                .map(|e| e.id.clone())
                .collect();
            let unread: Vec<String> = unread.iter().map(|id| self.view_id(k, id)).collect();
            self.unread.extend(unread);
        }
        // What edited entries said before, kept from the last sitting, for `d`.
        for (id, text) in &state.previous {
            let vid = self.view_id(k, id);
            self.previous.entry(vid).or_insert_with(|| text.clone());
        }
        // With several blogs, the place left last (see [`Place::at`]).
        if let Some(place) = &state.place
            && self
                .restored_place
                .as_ref()
                .is_none_or(|was| place.at > was.at)
        {
            let vid = self.view_id(k, &place.id);
            if let Some(i) = self.index.get(&vid).copied() {
                self.set_top(i, place.line);
                self.clamp_top();
                self.restored_place = Some(place.clone());
            } else {
                self.pending_place = Some((k, place.clone()));
            }
        }
        self.kept.insert(k, state);
        if self.scope == super::LayoutScope::FirstScreen {
            // It fingerprints every entry: the status line says it a frame after the first
            // screen, which shows the place and the unread marks without it.
            self.catch_up_sum = super::Sum::Due;
        } else {
            self.sum_up_catch_up();
        }
        // Entries not yet seen above the place kept: the banner says so, as it does for
        // entries that arrive above the place while reading.
        let above = self.unread_above();
        if above != self.new_above {
            self.new_above = above;
            self.new_at = super::entries::NewAt::UnreadAbove;
            self.compute_panes();
        }
        // Neither the size nor the blog changed: the place is enough, without laying out the
        // key-events sidebar again (it is all but the whole cost of a start on a long blog).
        self.clamp_top();
        self.after_move();
    }

    /// The read state of blog `k` to keep: what was kept before, brought up to now.
    pub fn read_state(&self, k: usize, now: Timestamp) -> Option<ReadState> {
        let blog = self.blog_of(k)?;
        let mut state = self.kept.get(&k).cloned().unwrap_or_default();
        let seen: Vec<&str> = blog
            .entries
            .iter()
            .filter(|e| !self.unread.contains(&self.view_id(k, &e.id)))
            .map(|e| e.id.as_str())
            .collect();
        // Unread now means not seen, even if it was seen in an earlier version.
        for e in &blog.entries {
            if self.unread.contains(&self.view_id(k, &e.id)) {
                state.seen.remove(&e.id);
            }
        }
        state.mark_seen(seen);
        // A pane made taller near the end fills with entries above the place: the place kept
        // is the one the reader chose (see `resize`).
        let kept = self.place();
        let top = kept.id.as_deref();
        let place = match (&self.feeds, top) {
            (None, Some(id)) => Some(id.to_string()),
            (Some(_), Some(id)) => split_id(id)
                .filter(|(s, _)| *s == k)
                .map(|(_, i)| i.to_string()),
            _ => None,
        };
        if let Some(id) = place {
            state.place = Some(Place {
                id,
                line: kept.line,
                at: Some(now),
            });
        }
        // The earlier versions of entries still in the blog, newest entries first, bounded.
        state.previous = blog
            .entries
            .iter()
            .filter_map(|e| {
                let text = self.previous.get(&self.view_id(k, &e.id))?;
                Some((e.id.clone(), text.clone()))
            })
            .take(crate::store::state::PREVIOUS_MAX)
            .collect();
        let known = self.fingerprints.known.get(&k);
        state.record_look_with(blog, now, |e| {
            known
                .and_then(|known| known.get(&e.id).copied())
                .unwrap_or_else(|| fingerprint(e))
        });
        Some(state)
    }

    /// The catch-up of every blog with kept state, summed, as the status line says it.
    pub(super) fn sum_up_catch_up(&mut self) {
        let mut all = CatchUp::default();
        for (&k, state) in &self.kept {
            // Not `blog_of`: the fingerprints kept are borrowed beside it.
            let Some(blog) = blog_in(self.feeds.as_ref(), &self.blog, k) else {
                continue;
            };
            let known = self.fingerprints.known.entry(k).or_default();
            let c = catch_up_with(state, blog, |e| {
                if let Some(&f) = known.get(&e.id) {
                    return f;
                }
                let f = fingerprint(e);
                known.insert(e.id.clone(), f);
                f
            });
            all.since = match (all.since, c.since) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let ns = |ids: Vec<String>| -> Vec<String> {
                ids.into_iter().map(|id| self.view_id(k, &id)).collect()
            };
            all.new.extend(ns(c.new));
            all.edited.extend(ns(c.edited));
            all.key_events.extend(ns(c.key_events));
            all.removed.extend(ns(c.removed));
        }
        // Without a clock (tests), the time is said as of that day.
        let now = self.now().or(all.since);
        let tz = self.cache.context().tz.clone();
        self.catch_up_line = now.and_then(|now| all.summary_line(&tz, now));
        self.catch_up = all;
        let note = self.status.held_elsewhere.clone();
        if let Some(message) = self.catch_up_message(note.as_deref()) {
            self.status.message = Some((message, Level::Info));
        }
    }

    /// The catch-up line as the status bar says it, after a `note` if there is one (another
    /// reader's, the blog's end): the note first and what to press last, since a bar too
    /// narrow for it all cuts the middle, never those. `None` when there is no catch-up to say.
    pub(super) fn catch_up_message(&self, note: Option<&str>) -> Option<String> {
        let line = self.catch_up_line.as_ref()?;
        let key = self
            .keymap
            .key_for(&crate::tui::action::Action::CatchUp)
            .unwrap_or("c");
        Some(match note {
            Some(note) => format!("{note} · {line} · {key} to catch up"),
            None => format!("{line} · {key} to catch up"),
        })
    }

    /// After a refresh of blog `k` that added the entries `added` (its own ids): the
    /// catch-up follows the blog, and an alert is raised for what it brought.
    pub(super) fn after_refresh(&mut self, k: usize, added: &[String]) {
        if self.kept.contains_key(&k) {
            let showing_catch_up = self.status.message.as_ref().is_some_and(|(m, _)| {
                self.catch_up_line
                    .as_ref()
                    .is_some_and(|l| m.contains(l.as_str()))
            });
            // Another note on show ("The live blog has ended") stays, the news after it.
            let other = self.status.message.clone().filter(|_| !showing_catch_up);
            self.sum_up_catch_up();
            if let Some((note, level)) = other {
                let with_news = self.catch_up_message(Some(&note));
                self.status.message = Some((with_news.unwrap_or(note), level));
            }
        }
        let Some(opts) = &self.alerts else { return };
        // The reader that holds the blog rings; two bells for one key event are one too many.
        if self.status.held_by_another.contains(&k) {
            return;
        }
        let Some(blog) = self.blog_of(k) else { return };
        // As `follow` names it: the blog's title, or among several its short name.
        let name = match &self.feeds {
            Some(f) => f.list[k].name.clone(),
            None => blog.title_or(&self.source_name).to_string(),
        };
        if let Some(alert) = alert_for_added(&name, blog, added, opts.mode, &opts.keywords) {
            self.pending.push(Effect::Alert(Box::new(alert)));
        }
    }

    /// Opens the catch-up list: new key events and summaries first, with the entries made key
    /// events since, then the new and edited entries oldest first.
    pub(super) fn open_catch_up(&mut self) {
        let c = &self.catch_up;
        // Seen before, and a key event now: counted among the line's key events, so listed.
        let made_key = |id: &String| c.key_events.contains(id) && !c.new.contains(id);
        let mut first: Vec<usize> = Vec::new();
        let mut rest: Vec<usize> = Vec::new();
        for id in c.new.iter().chain(&c.edited).chain(&c.key_events) {
            let Some(&i) = self.index.get(id) else {
                continue;
            };
            let e = &self.blog.entries[i];
            let new = c.new.contains(id);
            if new && (e.key_event || e.summary) || made_key(id) {
                first.push(i);
            } else {
                rest.push(i);
            }
        }
        first.sort_unstable();
        first.dedup();
        rest.sort_unstable_by(|a, b| b.cmp(a));
        rest.dedup();
        let mut items: Vec<(String, String)> = first
            .into_iter()
            .chain(rest)
            .map(|i| {
                let e = &self.blog.entries[i];
                // What is new says what it is; what was there before says it was edited, a
                // key event or summary among those marked as one.
                let edited = c.edited.contains(&e.id);
                let what = match (c.new.contains(&e.id), e.key_event, e.summary) {
                    _ if made_key(&e.id) && edited => "★ now a key event, edited",
                    _ if made_key(&e.id) => "★ now a key event",
                    (true, true, _) => "★ key event",
                    (true, false, true) => "≡ summary",
                    (true, false, false) => "new",
                    (false, true, _) => "edited ★ key event",
                    (false, false, true) => "edited ≡ summary",
                    (false, false, false) => "edited",
                };
                // Several blogs: which one said it.
                let from = self
                    .feeds
                    .as_ref()
                    .and_then(|f| f.list.get(crate::blog::timeline::split_id(&e.id)?.0))
                    .map(|feed| format!("[{}] ", feed.name))
                    .unwrap_or_default();
                (e.id.clone(), format!("{what}: {from}{}", label(e)))
            })
            .collect();
        items.extend(self.taken_out_items());
        let looked_before = self.kept.values().any(|s| s.last_looked.is_some());
        if items.is_empty() && self.kept.is_empty() {
            // The bundled replay, or no state directory: no later sitting will have one either.
            self.note("Nothing is kept between sittings here, so there is no catch-up");
        } else if items.is_empty() && !looked_before {
            self.note("No earlier sitting of this blog is kept: the catch-up starts next time");
        } else if items.is_empty() && !self.catch_up.removed.is_empty() {
            // Nothing left to list: what was taken out is gone from the blog.
            self.note(match self.catch_up.removed.len() {
                1 => "Nothing new since you last looked; 1 entry taken out by the source".into(),
                n => format!(
                    "Nothing new since you last looked; {n} entries taken out by the source"
                ),
            });
        } else if items.is_empty() {
            // Entries that came while the last sitting was elsewhere keep their marks (and
            // the tabs count them as new): say where those went.
            match self.unread.len() {
                0 => self.note("Nothing new since you last looked"),
                1 => self.note("Nothing new since you last looked; 1 entry is still unread (●)"),
                n => self.note(format!(
                    "Nothing new since you last looked; {n} entries are still unread (●)"
                )),
            }
        } else {
            self.catch_up_list = Some(CatchUpState { items, selected: 0 });
        }
    }

    /// Keys while the catch-up list is open.
    pub(super) fn catch_up_key(&mut self, action: &crate::tui::action::Action) {
        use crate::tui::action::Action;
        let Some(list) = &mut self.catch_up_list else {
            return;
        };
        let end = list.items.len().saturating_sub(1);
        match action {
            Action::ScrollDown => list.selected = (list.selected + 1).min(end),
            Action::ScrollUp => list.selected = list.selected.saturating_sub(1),
            Action::Top => list.selected = 0,
            Action::Bottom => list.selected = end,
            Action::Select => {
                let id = list.items.get(list.selected).map(|(id, _)| id.clone());
                self.catch_up_list = None;
                let Some(id) = id else { return };
                if let Some(&i) = self.index.get(&id) {
                    self.jump_to_entry(i);
                } else {
                    self.show_taken_out(&id);
                }
            }
            Action::Close | Action::Quit | Action::CatchUp => self.catch_up_list = None,
            _ => {}
        }
    }

    /// The catch-up list, when open.
    pub fn catch_up_list(&self) -> Option<&CatchUpState> {
        self.catch_up_list.as_ref()
    }

    /// The catch-up's one-line summary ("since 13:05: 14 new · 2 key events"): of the entries
    /// in view, as its list is (one blog's in its tab).
    pub fn catch_up_title(&self) -> Option<String> {
        if self
            .feeds
            .as_ref()
            .is_none_or(|f| f.view == super::View::All)
        {
            return self.catch_up_line.clone();
        }
        let view = self.feeds.as_ref().map(|f| f.view);
        let in_view = |ids: &[String]| -> Vec<String> {
            ids.iter()
                .filter(|id| self.index.contains_key(*id))
                .cloned()
                .collect()
        };
        let c = CatchUp {
            since: self.catch_up.since,
            new: in_view(&self.catch_up.new),
            edited: in_view(&self.catch_up.edited),
            key_events: in_view(&self.catch_up.key_events),
            // Gone from the blog, so not in the index: in view when their blog is.
            removed: (self.catch_up.removed.iter())
                .filter(|id| split_id(id).is_some_and(|(k, _)| view == Some(super::View::One(k))))
                .cloned()
                .collect(),
        };
        let now = self.now().or(c.since)?;
        c.summary_line(&self.cache.context().tz, now)
    }

    /// Marks the entry at the top read (`all`: it and every entry above it).
    pub(super) fn mark_read(&mut self, all: bool) {
        let Some(top) = self.subject_index() else {
            return;
        };
        let from = if all { 0 } else { top };
        let before = self.unread.len();
        for e in &self.blog.entries[from..=top] {
            self.unread.remove(&e.id);
        }
        let n = before - self.unread.len();
        if all {
            self.new_above = 0;
            self.compute_panes();
        }
        self.note(match n {
            0 => "Nothing unread there".to_string(),
            1 => "Marked 1 entry read".to_string(),
            n => format!("Marked {n} entries read"),
        });
    }
}

/// One line for an entry in a list: its title, else the start of its text.
pub(super) fn label(e: &Entry) -> String {
    let text = e.title.clone().unwrap_or_else(|| {
        e.body
            .iter()
            .map(crate::blog::Block::plain_text)
            .find(|t| !t.trim().is_empty())
            .unwrap_or_default()
    });
    super::short(text.trim(), 120)
}

/// Blog `k` of `feeds` (its own ids), or `view` when one blog is read: see `Model::blog_of`,
/// for callers that borrow other fields of the model beside it.
fn blog_in<'a>(
    feeds: Option<&'a super::Feeds>,
    view: &'a LiveBlog,
    k: usize,
) -> Option<&'a LiveBlog> {
    match feeds {
        None => (k == 0).then_some(view),
        Some(f) => f.list.get(k).map(|f| &f.blog),
    }
}

/// The fingerprints the reader holds of each blog's entries, and those a refresher sent ahead
/// of a blog's new version (see `live::Event::Fingerprints`).
#[derive(Debug, Default)]
pub(super) struct Prints {
    /// Blog `k` → its entries' fingerprints (by their own ids) as the catch-up took them, kept
    /// until a refresh changes the entry (see [`forget_changed`]).
    pub(super) known: HashMap<usize, Fingerprints>,
    /// Blog `k` → those sent ahead of its next version, not heard with it yet.
    ahead: HashMap<usize, Fingerprints>,
    /// Those of the version being taken in, and whose they are.
    arriving: Option<(usize, Fingerprints)>,
}

impl Prints {
    /// Hears an event of blog `k`'s refresher: keeps fingerprints sent ahead (then `None`:
    /// nothing more to do), readies them when the version they are of arrives, and lets them
    /// go when anything else does.
    pub(super) fn hear(&mut self, k: usize, event: Event) -> Option<Event> {
        match event {
            Event::Fingerprints(prints) => {
                self.ahead.insert(k, *prints);
                return None;
            }
            Event::Loaded { .. } | Event::HistoryLoaded { .. } => {
                self.arriving = self.ahead.remove(&k).map(|p| (k, p));
            }
            _ => {
                self.ahead.remove(&k);
                self.arriving = None;
            }
        }
        Some(event)
    }

    /// Once blog `k`'s new version is taken in (after [`forget_changed`]): the fingerprints
    /// that came with it, so that the catch-up need not take them.
    pub(super) fn take_arriving(&mut self, k: usize) {
        if let Some((from, prints)) = self.arriving.take()
            && from == k
        {
            self.known.entry(k).or_default().extend(prints);
        }
    }
}

/// Forgets the fingerprints `known` of a blog's entries that its new version `d` changes from
/// `old`: those edited, amended or gone, and those read from a rendering, which the diff does
/// not count as edited when the source's own data for them arrives, though it may say something
/// else.
/// Every other entry is the same as before ([`crate::blog::Entry::unchanged_in`]), and so is its
/// fingerprint.
pub(super) fn forget_changed(
    known: Option<&mut foldhash::HashMap<String, u64>>,
    old: &LiveBlog,
    d: &crate::blog::merge::Diff,
) {
    let Some(known) = known.filter(|k| !k.is_empty()) else {
        return;
    };
    for id in d.changed().chain(&d.removed) {
        known.remove(id);
    }
    for e in old
        .entries
        .iter()
        .filter(|e| e.read_from != crate::blog::ReadFrom::Data)
    {
        known.remove(&e.id);
    }
}
