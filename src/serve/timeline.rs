//! What a replayed blog looks like at a moment of the replay. Pure: elapsed time is passed in,
//! so tests step through a replay without sleeping.
//!
//! The replay starts with the oldest few entries and reveals the rest oldest first:
//! - where two consecutive entries both have times, the second follows the first after the gap
//!   between their times divided by `speed` (capped at `max_gap`);
//! - otherwise (the bundled seed has no times at all) one entry every `pace`.
//!
//! Pinned entries are on show from the start and stay. Key events appear with their entries; a
//! key event whose entry is not in the blog (an entry from an older page) appears with the
//! nearest older key event that has one, or from the start when none is older, so the sidebar
//! keeps the publisher's order while it grows.
//!
//! Edits and deletions are replayed too: by default the newest of the initial entries gets
//! [`EDIT_NOTE`] appended `edit_after` into the replay, and the next plain entry (not pinned,
//! not a key event or summary; an earlier one if none is later; else the next key event) is
//! deleted `delete_after` after it appeared. The newest entry is deleted only when no other
//! will do: the replay would end by taking out the entry on top. An edited entry gets a new
//! `updated` time: its own last time plus the replay delay scaled by `speed` where it has
//! times, else the synthetic replay time `origin + elapsed` (a timeless blog thus gains exactly
//! one time, on the edited entry); in every case a minute after the entry was posted at the
//! earliest, since a reader tells a change within that minute as no edit.
//!
//! The blog's own `updated` is the newest time of its entries on show, or of one taken out:
//! like a publisher's time of change, it never goes back.
//!
//! The blog is [`LiveState::Live`] until the last change (reveal, edit or deletion) is out, then
//! [`LiveState::Ended`].
//!
//! With [`ReplayOptions::rebase`], every entry is given the time it appears in the replay
//! (see [`super::rebase`]), so that replays started together interleave in time.

use crate::blog::{Block, Entry, LiveBlog, LiveState, Stamp, text_id};
use jiff::{SignedDuration, Timestamp};
use std::time::Duration;

/// The longest gap a replay waits for, whatever the options: a blog with a day-long pause
/// must not leave a server idle for a day.
const GAP_LIMIT: Duration = Duration::from_secs(24 * 3600);

/// How long after an entry's posting the replay's edit of it is stamped at the earliest: the
/// minute within which a change is no edit to a reader ([`crate::blog::Entry::edited_at`]).
const EDIT_AFTER_POSTING: Duration = Duration::from_secs(60);

/// The paragraph an edit appends, so the edit can be seen in every format.
pub const EDIT_NOTE: &str = "Update: this post was edited after it was first published.";

/// How a blog is replayed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayOptions {
    /// Entries (oldest first, not counting pinned ones) on show from the start.
    pub initial: usize,
    /// Time between entries that have no times (or where either neighbour lacks one).
    pub pace: Duration,
    /// How much faster than real time timed entries come out; must be positive and finite
    /// (anything else is read as 1).
    pub speed: f64,
    /// Longest wait between two timed entries after scaling; `None` for no cap (besides a day).
    pub max_gap: Option<Duration>,
    /// One entry every `pace` even where entries have times (`serve --pace` without
    /// `--speed`): the times stay as published, only the reveals are evenly spaced.
    pub even: bool,
    /// Edit one entry this long after it appeared: the newest initial entry (so, this long
    /// into the replay), or the first one revealed when none is initial.
    pub edit_after: Option<Duration>,
    /// Delete one plain entry this long after it appeared.
    pub delete_after: Option<Duration>,
    /// Further edits and deletions by entry id.
    pub script: Vec<Change>,
    /// Wall time at elapsed zero, for synthetic times; `None` is the Unix epoch (the server
    /// passes the time it started).
    pub origin: Option<Timestamp>,
    /// Give every entry the time it appears in the replay (the newest initial entry at
    /// `origin`, older ones before it by the replay's own gaps), and edits the time they
    /// happen (a minute after the entry at the earliest); the blog's own times are dropped.
    pub rebase: bool,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        Self::paced(Duration::from_secs(20))
    }
}

impl ReplayOptions {
    /// Defaults for a pace: three initial entries, real-time speed, an edit two and a half
    /// paces in and a deletion five and a half paces after the deleted entry appeared. The
    /// half paces keep them apart from reveals, so each shows as a change of its own.
    pub fn paced(pace: Duration) -> Self {
        Self {
            initial: 3,
            pace,
            speed: 1.0,
            even: false,
            max_gap: None,
            edit_after: Some(pace.saturating_mul(5) / 2),
            delete_after: Some(pace.saturating_mul(11) / 2),
            script: Vec::new(),
            origin: None,
            rebase: false,
        }
    }

    /// No edits or deletions, only reveals.
    #[must_use]
    pub fn without_changes(mut self) -> Self {
        self.edit_after = None;
        self.delete_after = None;
        self.script.clear();
        self
    }

    pub(super) fn speed(&self) -> f64 {
        if self.speed.is_finite() && self.speed > 0.0 {
            self.speed
        } else {
            1.0
        }
    }
}

/// A scripted change to one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Elapsed replay time; a change to an entry not yet shown happens as it is shown.
    pub at: Duration,
    /// An entry id of the blog; unknown ids are ignored.
    pub entry_id: String,
    pub kind: ChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Appends [`EDIT_NOTE`] to the body and sets a new `updated` time.
    Edit,
    /// Removes the entry, and the key events that head it.
    Delete,
}

/// The blog as visible at one moment of the replay.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Entries and key events newest first, as in any [`LiveBlog`].
    pub blog: LiveBlog,
    /// When each entry of `blog.entries` (same index) came in the replay, as wall time
    /// `origin + elapsed`; writers use it where a format needs a date the entry lacks. The
    /// initial entries, all on show at once, are dated as a rebased replay dates them (the
    /// newest at `origin`, each older one the replay's gap before it): each its own time, not
    /// all the blog's first, which a reader of schema.org takes for no time at all.
    pub dated_at: Vec<Timestamp>,
    /// Whether each entry (same index) has a time of its own in the blog replayed. An edit
    /// gives an entry without one the synthetic `updated` time of the edit, which says when it
    /// changed, not when it appeared.
    pub timed: Vec<bool>,
    /// Changes exactly when the visible content changes; starts at 1.
    pub version: u64,
    /// Wall time of the last change, whole seconds, strictly increasing with `version` (so an
    /// `If-Modified-Since` client sees every change even when two fall in one second).
    pub last_modified: Timestamp,
    /// Wall time at elapsed zero.
    pub started: Timestamp,
    /// Elapsed time of the next change, if any is left.
    pub next_change: Option<Duration>,
    /// Everything that has happened to entries so far, oldest first, each at the
    /// `last_modified` of its version: what a format that sends changes (the WordPress
    /// Liveblog API) sends.
    pub history: Vec<Happening>,
    /// Which page of the blog this is, from 1, and of how many: `(1, 1)` for the whole blog,
    /// less when the replay pages it (`crate::serve::pages`).
    pub page: (usize, usize),
}

/// One change to one entry in the replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Happening {
    pub entry_id: String,
    pub what: Happened,
    /// Wall time, whole seconds: the `last_modified` of the version it made.
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happened {
    Shown,
    Edited,
    Deleted,
}

/// One entry's part in the replay.
#[derive(Debug, Clone)]
pub(super) struct Slot {
    /// Position in the blog as given (newest first), which the snapshot keeps.
    index: usize,
    pub(super) entry: Entry,
    pub(super) shown: Duration,
    /// When it is dated, from `origin`, where it has no time of its own
    /// ([`Snapshot::dated_at`]).
    dated: SignedDuration,
    edited: Option<Duration>,
    deleted: Option<Duration>,
}

/// A blog and the schedule on which it is revealed.
#[derive(Debug, Clone)]
pub struct Timeline {
    template: LiveBlog,
    /// Oldest first.
    slots: Vec<Slot>,
    /// Key events in the publisher's order (newest first), each with when it appears.
    key_events: Vec<(crate::blog::KeyEvent, Duration)>,
    /// Distinct elapsed times of changes after the start, ascending.
    changes: Vec<Duration>,
    /// `last_modified` for version 1, 2, …: one more than `changes`.
    modified: Vec<Timestamp>,
    origin: Timestamp,
    speed: f64,
    rebased: bool,
    fingerprint: u64,
    /// Whether entries come one per `pace` (no times, or `even`) rather than at their times.
    paced: Option<Duration>,
}

impl Timeline {
    pub fn new(blog: LiveBlog, opts: &ReplayOptions) -> Self {
        let mut blog = blog;
        blog.link_key_events();
        // The replay serves this one page: the source's pointer to its older pages would send
        // a reader to a page the replay cannot serve.
        blog.older = None;
        let origin = opts.origin.unwrap_or(Timestamp::UNIX_EPOCH);
        let speed = opts.speed();
        let fingerprint = fingerprint(&blog, opts);

        let entries = std::mem::take(&mut blog.entries);
        let timed = entries.iter().filter(|e| e.time().is_some()).count() > 1;
        let (pinned, mut ordered): (Vec<_>, Vec<_>) =
            entries.into_iter().enumerate().partition(|(_, e)| e.pinned);
        ordered.reverse();
        let slot = |index, entry, shown| Slot {
            index,
            entry,
            shown,
            dated: SignedDuration::ZERO,
            edited: None,
            deleted: None,
        };
        let mut slots: Vec<Slot> = pinned
            .into_iter()
            .map(|(i, e)| slot(i, e, Duration::ZERO))
            .collect();
        let first_plain = slots.len();
        let mut at = Duration::ZERO;
        let mut prev: Option<Entry> = None;
        for (n, (i, entry)) in ordered.into_iter().enumerate() {
            if n >= opts.initial {
                at = at.saturating_add(gap(prev.as_ref(), &entry, opts, speed));
            }
            prev = Some(entry.clone());
            slots.push(slot(i, entry, at));
        }

        let dated = super::rebase::offsets(&slots, first_plain, opts);
        for (s, d) in slots.iter_mut().zip(dated) {
            s.dated = d;
        }
        if opts.rebase {
            super::rebase::rebase(&mut slots, first_plain, &mut blog.key_events, opts, origin);
        }
        schedule_default_changes(&mut slots, first_plain, opts);
        for c in &opts.script {
            if let Some(s) = slots.iter_mut().find(|s| s.entry.id == c.entry_id) {
                let when = c.at.max(s.shown);
                match c.kind {
                    ChangeKind::Edit => s.edited = Some(when),
                    ChangeKind::Delete => s.deleted = Some(when),
                }
            } else {
                tracing::warn!(entry_id = %c.entry_id, "replay script names an unknown entry");
            }
        }

        let key_events = schedule_key_events(&blog, &slots);

        let mut changes: Vec<Duration> = slots
            .iter()
            .flat_map(|s| [Some(s.shown), s.edited, s.deleted])
            .flatten()
            .chain(key_events.iter().map(|(_, t)| *t))
            .filter(|t| !t.is_zero())
            .collect();
        changes.sort_unstable();
        changes.dedup();

        let mut modified = vec![origin];
        for c in &changes {
            let prev = modified.last().copied().unwrap_or(origin);
            let true_time = whole_seconds(add(origin, *c));
            let next = true_time.max(add(prev, Duration::from_secs(1)));
            modified.push(next);
        }

        Self {
            template: blog,
            slots,
            key_events,
            changes,
            modified,
            origin,
            speed,
            rebased: opts.rebase,
            fingerprint,
            paced: (opts.even || !timed).then_some(opts.pace),
        }
    }

    /// When entries come, for the banner of `liveblog serve`: evenly, or at their own times
    /// (and then when the next one is due), so that a long quiet start is never a surprise.
    pub fn schedule(&self) -> String {
        let mut reveals: Vec<Duration> = self
            .slots
            .iter()
            .map(|s| s.shown)
            .filter(|t| !t.is_zero())
            .collect();
        reveals.sort_unstable();
        let (Some(first), Some(last)) = (reveals.first(), reveals.last()) else {
            return "All entries are on show from the start: nothing new will come.".into();
        };
        let n = reveals.len();
        let human = |d: Duration| crate::live::human(d);
        if let Some(pace) = self.paced {
            return format!(
                "{n} more entries, one every {}: the next in {}.",
                human(pace),
                human(*first)
            );
        }
        let speed = if (self.speed - 1.0).abs() < f64::EPSILON {
            "at their own times".to_string()
        } else {
            format!("at their own times, {}× as fast", self.speed)
        };
        let mut line = format!(
            "{n} more entries come {speed}: the next in {}, the last in {}.",
            human(*first),
            human(*last)
        );
        if *first > Duration::from_secs(60) {
            line.push_str(" --pace N brings one every N seconds instead.");
        }
        line
    }

    /// The blog as visible `elapsed` into the replay.
    pub fn at(&self, elapsed: Duration) -> Snapshot {
        let mut blog = self.template.clone();
        let mut visible: Vec<(usize, Entry, (Timestamp, bool))> = Vec::new();
        let mut deleted: Vec<&str> = Vec::new();
        // A deletion is a change: the blog says it changed no earlier than it did with the
        // entry it took out, as a publisher's time of change only moves on.
        let mut taken_out_at: Option<Stamp> = None;
        for s in &self.slots {
            if s.shown > elapsed {
                continue;
            }
            if s.deleted.is_some_and(|d| d <= elapsed) {
                deleted.push(&s.entry.id);
                taken_out_at = taken_out_at.max(s.entry.updated.max(s.entry.published));
                continue;
            }
            let mut entry = s.entry.clone();
            if let Some(e) = s.edited.filter(|e| *e <= elapsed) {
                self.apply_edit(&mut entry, e.saturating_sub(s.shown), e);
            }
            let timed = s.entry.time().is_some();
            let dated = self.origin.checked_add(s.dated).unwrap_or(self.origin);
            visible.push((s.index, entry, (dated, timed)));
        }
        // In the blog's own order, newest first, pinned entries where they were.
        visible.sort_by_key(|(i, _, _)| *i);
        blog.updated = visible
            .iter()
            .filter_map(|(_, e, _)| e.updated.max(e.published))
            .max()
            .max(taken_out_at);
        let (entries, revealed): (Vec<Entry>, Vec<(Timestamp, bool)>) =
            visible.into_iter().map(|(_, e, t)| (e, t)).unzip();
        let (dated_at, timed) = revealed.into_iter().unzip();
        blog.entries = entries;
        blog.key_events = self
            .key_events
            .iter()
            .filter(|(k, t)| {
                *t <= elapsed
                    && !k
                        .entry_id
                        .as_deref()
                        .is_some_and(|id| deleted.contains(&id))
            })
            .map(|(k, _)| k.clone())
            .collect();
        let history = self.history(elapsed);
        let done = self.changes.partition_point(|t| *t <= elapsed);
        blog.state = if done == self.changes.len() {
            LiveState::Ended
        } else {
            LiveState::Live
        };
        Snapshot {
            blog,
            dated_at,
            timed,
            version: self.version_at(elapsed),
            last_modified: self.modified.get(done).copied().unwrap_or(self.origin),
            started: self.origin,
            next_change: self.changes.get(done).copied(),
            history,
            page: (1, 1),
        }
    }

    /// What has happened to entries up to `elapsed`, oldest first.
    fn history(&self, elapsed: Duration) -> Vec<Happening> {
        let stamp = |c: Duration| {
            let done = self.changes.partition_point(|t| *t <= c);
            self.modified.get(done).copied().unwrap_or(self.origin)
        };
        let mut history: Vec<(Duration, usize, Happening)> = Vec::new();
        for (n, s) in self.slots.iter().enumerate() {
            for (when, what) in [
                (Some(s.shown), Happened::Shown),
                (s.edited, Happened::Edited),
                (s.deleted, Happened::Deleted),
            ] {
                if let Some(when) = when.filter(|w| *w <= elapsed) {
                    history.push((
                        when,
                        n,
                        Happening {
                            entry_id: s.entry.id.clone(),
                            what,
                            at: stamp(when),
                        },
                    ));
                }
            }
        }
        history.sort_by_key(|(when, n, h)| (*when, h.what as u8, *n));
        history.into_iter().map(|(_, _, h)| h).collect()
    }

    /// The version [`Timeline::at`] would give, without building the snapshot.
    pub fn version_at(&self, elapsed: Duration) -> u64 {
        let done = self.changes.partition_point(|t| *t <= elapsed);
        u64::try_from(done).unwrap_or(u64::MAX - 1) + 1
    }

    /// When the replay has nothing more to change.
    pub fn ends_at(&self) -> Duration {
        self.changes.last().copied().unwrap_or(Duration::ZERO)
    }

    /// How many entries have come `elapsed` into the replay (those deleted since too), and how
    /// many there are in all.
    pub fn entries_out(&self, elapsed: Duration) -> (usize, usize) {
        let out = self.slots.iter().filter(|s| s.shown <= elapsed).count();
        (out, self.slots.len())
    }

    /// When the first change after `elapsed` is due, if any is left.
    pub fn next_change(&self, elapsed: Duration) -> Option<Duration> {
        let done = self.changes.partition_point(|t| *t <= elapsed);
        self.changes.get(done).copied()
    }

    /// A hash of the blog and the options, so validators from another replay never match.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Wall time at elapsed zero.
    pub fn origin(&self) -> Timestamp {
        self.origin
    }

    /// The whole blog as the replay will end it, for things that do not change (title, url).
    pub fn blog(&self) -> &LiveBlog {
        &self.template
    }

    fn apply_edit(&self, entry: &mut Entry, delay: Duration, at: Duration) {
        entry.body.push(Block::text(EDIT_NOTE));
        let own = entry.updated.max(entry.published);
        let stamp = match own {
            // On the replay's clock, an edit happens when it is replayed.
            Some(t) if self.rebased => Stamp::new(whole_seconds(add(self.origin, at)), t.offset()),
            Some(t) => {
                let scaled = Duration::try_from_secs_f64(delay.as_secs_f64() * self.speed)
                    .unwrap_or(GAP_LIMIT);
                Stamp::new(add(t.instant(), scaled), t.offset())
            }
            None => Stamp::utc(whole_seconds(add(self.origin, at))),
        };
        // A reader tells a change stamped within a minute of an entry's posting as none
        // (`Entry::changed_as_edit`), and a writer dates a timeless entry when it is shown: the
        // edit is stamped a minute after that at the earliest, so that it reads as the edit it
        // is however quick the replay.
        let posted = own.map_or_else(
            || whole_seconds(add(self.origin, at.saturating_sub(delay))),
            |t| t.instant(),
        );
        let earliest = add(posted, EDIT_AFTER_POSTING);
        entry.updated = Some(if stamp.instant() < earliest {
            Stamp::new(earliest, stamp.offset())
        } else {
            stamp
        });
    }
}

/// How long after `prev` the entry `next` appears.
pub(super) fn gap(
    prev: Option<&Entry>,
    next: &Entry,
    opts: &ReplayOptions,
    speed: f64,
) -> Duration {
    let times = prev.and_then(Entry::time).zip(next.time());
    let Some((a, b)) = times.filter(|_| !opts.even) else {
        return opts.pace;
    };
    let secs = b.instant().duration_since(a.instant()).as_secs_f64() / speed;
    let scaled = Duration::try_from_secs_f64(secs.max(0.0)).unwrap_or(GAP_LIMIT);
    scaled.min(opts.max_gap.unwrap_or(GAP_LIMIT)).min(GAP_LIMIT)
}

/// Picks the default edit and deletion targets among the unpinned slots (`slots[first..]`,
/// oldest first).
fn schedule_default_changes(slots: &mut [Slot], first: usize, opts: &ReplayOptions) {
    let plain = slots.len() - first;
    if plain == 0 {
        return;
    }
    let target = first + opts.initial.clamp(1, plain) - 1;
    if let Some(after) = opts.edit_after {
        let s = &mut slots[target];
        s.edited = Some(s.shown.saturating_add(after));
    }
    if let Some(after) = opts.delete_after {
        // Not the newest entry while another will do: its deletion would be the replay's last
        // change, and the blog would end by taking out the entry on top (the bundled blog's
        // only plain entry after the edited one is its newest).
        let newest = slots.len() - 1;
        let plain = |i: usize| {
            let e = &slots[i].entry;
            !(e.key_event || e.summary || e.pinned)
        };
        let later = (target + 1..newest).find(|&i| plain(i));
        let earlier = (first..target).rev().find(|&i| plain(i));
        let key_event = (target + 1..newest).find(|&i| !slots[i].entry.summary);
        let last = (newest > target && plain(newest)).then_some(newest);
        if let Some(i) = later.or(earlier).or(key_event).or(last) {
            let s = &mut slots[i];
            s.deleted = Some(s.shown.saturating_add(after));
        }
    }
}

/// When each key event appears: with its entry when the entry is in the blog, else with the
/// nearest older key event that has one, else from the start.
fn schedule_key_events(blog: &LiveBlog, slots: &[Slot]) -> Vec<(crate::blog::KeyEvent, Duration)> {
    let shown_of = |k: &crate::blog::KeyEvent| {
        k.entry_id
            .as_deref()
            .and_then(|id| slots.iter().find(|s| s.entry.id == id))
            .map(|s| s.shown)
    };
    let own: Vec<Option<Duration>> = blog.key_events.iter().map(shown_of).collect();
    let mut out = Vec::with_capacity(own.len());
    let mut older = Duration::ZERO;
    // Walk oldest to newest so each unlinked key event takes the time of the linked one below.
    for (k, t) in blog.key_events.iter().zip(&own).rev() {
        let at = t.unwrap_or(older);
        if t.is_some() {
            older = at;
        }
        out.push((k.clone(), at));
    }
    out.reverse();
    out
}

fn add(t: Timestamp, d: Duration) -> Timestamp {
    SignedDuration::try_from(d)
        .ok()
        .and_then(|d| t.checked_add(d).ok())
        .unwrap_or(t)
}

pub(super) fn whole_seconds(t: Timestamp) -> Timestamp {
    Timestamp::from_second(t.as_second()).unwrap_or(t)
}

fn fingerprint(blog: &LiveBlog, opts: &ReplayOptions) -> u64 {
    let basis = format!("{}{opts:?}", crate::formats::native::to_json(blog));
    let id = text_id("", &basis);
    u64::from_str_radix(&id, 16).unwrap_or(0)
}

#[cfg(test)]
mod tests;
