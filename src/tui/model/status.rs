//! What the status bar shows besides the place: refresh state, errors, notes.

use super::Model;
use jiff::Timestamp;

/// How a status message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

/// What the status bar shows besides the place.
#[derive(Debug, Clone, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts, shown side by side"
)]
pub struct StatusState {
    /// A transient note ("that key event's entry is not loaded").
    pub message: Option<(String, Level)>,
    /// The last refresh error, kept until a refresh succeeds, and its short class.
    pub error: Option<String>,
    pub error_class: Option<String>,
    /// Among several blogs, the class of the one whose error is said, which `error_class`
    /// names with its blog (and the others failing): what its message repeats, said once.
    pub said_class: Option<String>,
    /// When content last changed.
    pub last_update: Option<Timestamp>,
    /// When the source was last checked, changed or not.
    pub last_check: Option<Timestamp>,
    pub fetching: bool,
    pub paused: bool,
    /// When the next poll is due (for the countdown), if polling.
    pub next_poll: Option<Timestamp>,
    /// How often polls come now, when the refreshers have said: the shortest interval and
    /// the longest, which differ when blogs read together are each polled at their own pace.
    pub every: Option<(std::time::Duration, std::time::Duration)>,
    /// "REPLAY" and similar: what kind of source this is, when it matters.
    pub source_kind: Option<String>,
    /// A page of history is being fetched.
    pub loading_history: bool,
    /// A refresher keeps the blog fresh (a URL or the replay), rather than a file read once.
    pub following: bool,
    /// The blogs on screen as the copy kept from an earlier sitting, each with when its copy
    /// was fetched, until its first refresh answers (see [`StatusState::copy_shown`]): what
    /// that refresh brings arrived while you were away (see [`Model::showing_copy`]).
    pub cached: Vec<(usize, Timestamp)>,
    /// The reader asked for a refresh (`r`) and has not had the answer yet.
    pub asked: bool,
    /// When the last request went out, as the loop's clock had it: the floor between requests
    /// counts from there, answered or not.
    pub last_started: Option<Timestamp>,
    /// Another reader keeps this one's place (see [`Model::held_elsewhere`]): said, with the
    /// catch-up line when there is one (a refresh's too), until a key.
    pub held_elsewhere: Option<String>,
    /// The blogs another reader holds: that reader keeps their place and rings for them.
    pub held_by_another: Vec<usize>,
    /// How many blogs another reader held and handed to this one when it ended.
    pub handed_over: usize,
    /// A note about another reader on show, which ends on its own (see [`NOTE_LASTS`]).
    pub timed_note: Option<TimedNote>,
    /// The note of an `r` pressed within the floor between requests, which counts down to the
    /// request it promises (see [`Model::count_down_floor`]).
    pub floor_note: Option<FloorNote>,
}

/// An `r` pressed too soon after a request: the note says how long until the next one may go,
/// and counts down with the clock, since a number that stays says the wrong time a second on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloorNote {
    /// "checked" or "asked": what the last request was when `r` was pressed.
    done: &'static str,
    /// When that request went out or was answered: the floor counts from there.
    last: Timestamp,
    /// What the bar says now, so that the countdown stops once something else is said.
    text: String,
}

impl FloorNote {
    /// What the note says at `now`: `None` once the floor has passed, when the request it
    /// promised goes out and the note has nothing left to say. The countdown comes first: a
    /// narrow bar cuts the note's end.
    fn text_at(done: &str, last: Timestamp, now: Timestamp) -> Option<String> {
        let ago = now.as_second() - last.as_second();
        (0..MANUAL_FLOOR_SECS).contains(&ago).then(|| {
            format!(
                "Again in {}s: {done} {ago}s ago, one request per {MANUAL_FLOOR_SECS} s at most",
                MANUAL_FLOOR_SECS - ago
            )
        })
    }
}

/// A note that ends on its own as well as at a key: one about another reader, which a reader
/// left open unattended would otherwise come back to, long after it stopped being news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedNote {
    /// What it says, alone or within a longer message (with the catch-up line).
    pub text: String,
    /// When it ends: [`NOTE_LASTS`] after the first tick of the clock that saw it, since it
    /// may be said before the clock is read (on the way to the first screen).
    pub ends: Option<Timestamp>,
}

/// How long a note about another reader stays: time to read it after a glance away.
pub const NOTE_LASTS: jiff::SignedDuration = jiff::SignedDuration::from_secs(60);

impl StatusState {
    /// When the oldest copy still on screen was fetched: what the status bar says of the
    /// blogs shown from an earlier sitting's copy (several blogs are each refreshed in turn).
    pub fn copy_shown(&self) -> Option<Timestamp> {
        self.cached.iter().map(|&(_, at)| at).min()
    }
}

/// A failure's class as the status bar says it: an HTTP status the class names only by its
/// range ("HTTP 5xx", "HTTP status") by its own code from the `error` message ("HTTP 507"),
/// since a bar too narrow for the message keeps the class alone, and the code is what a reader
/// looks up.
pub(super) fn exact_class(class: String, error: &str) -> String {
    let ranged = class
        .strip_prefix("HTTP ")
        .is_some_and(|c| !c.bytes().all(|b| b.is_ascii_digit()));
    let code = error.match_indices("HTTP ").find_map(|(i, _)| {
        let code = error.get(i + 5..i + 8)?;
        let whole = !error[i + 8..].starts_with(|c: char| c.is_ascii_digit());
        (whole && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
    });
    match code {
        Some(code) if ranged => format!("HTTP {code}"),
        _ => class,
    }
}

/// The fewest seconds between two requests the reader asks for (the refresher's floor).
const MANUAL_FLOOR_SECS: i64 = 5;

impl Model {
    /// Blog `k` is on screen as the copy kept at `at`, in an earlier sitting (said in the
    /// status bar, the oldest copy shown, until the blog's first refresh answers). What its first refresh
    /// brings arrived while you were away, as what a copy brought up to date meanwhile (by
    /// `liveblog status`) holds: news since you last looked, counted in the catch-up and
    /// marked unread, with your place kept rather than followed to the newest, and no alert.
    /// Alerts are for what arrives while the reader runs.
    pub fn showing_copy(&mut self, k: usize, at: Timestamp) {
        self.status.cached.retain(|&(c, _)| c != k);
        self.status.cached.push((k, at));
    }

    /// Blog `k` was fetched at `at` as the reader opened: that request counts as its last
    /// check, so an `r` pressed within the floor after it says when the next may go, as the
    /// poller will wait for it.
    pub fn checked_at_open(&mut self, k: usize, at: Timestamp) {
        match self.feeds.as_mut() {
            None => self.status.last_check = Some(at),
            Some(feeds) => {
                if let Some(f) = feeds.list.get_mut(k) {
                    f.last_check = Some(at);
                }
                self.sum_up_feeds();
            }
        }
    }

    /// Whether a refresh of blog `k` answered for the first time since it was shown from its
    /// kept copy ([`Model::showing_copy`]); from now on its news arrives while reading.
    pub(super) fn back_from_away(&mut self, k: usize) -> bool {
        let was = self.status.cached.iter().any(|&(c, _)| c == k);
        self.status.cached.retain(|&(c, _)| c != k);
        was
    }

    /// Puts a line in the status bar until the next key.
    pub fn say(&mut self, msg: impl Into<String>, level: Level) {
        self.status.message = Some((msg.into(), level));
    }

    /// Another reader holds blog `k`: it rings for what arrives there, not this one too.
    pub fn held_by_another(&mut self, k: usize) {
        self.status.held_by_another.push(k);
    }

    /// The reader that held blog `k` ended, and this one holds it now: it keeps the place and
    /// rings the blog's alerts, said once. `name` names the blog among several.
    pub(super) fn held_here(&mut self, k: usize, name: Option<&str>) {
        self.status.held_by_another.retain(|&held| held != k);
        self.status.held_elsewhere = None;
        self.status.handed_over += 1;
        // The blogs of one reader are handed over together, one event each: the last says all.
        let together = self.status.held_by_another.is_empty() && self.status.handed_over > 1;
        let said: String = match name {
            None => "The other liveblog has closed: this one now keeps your place and rings \
                     the alerts"
                .to_string(),
            Some(_) if together => format!(
                "The other liveblog has closed: this one now keeps the place and rings the \
                 alerts of the {} blogs it had open",
                self.status.handed_over
            ),
            Some(n) => format!(
                "The other liveblog with {n} open has closed: this one now keeps its place \
                 and rings its alerts"
            ),
        };
        self.status.message = Some((said.clone(), Level::Info));
        self.time_note(said);
    }

    /// Lets `text`, just said, end on its own [`NOTE_LASTS`] from now (the next tick of the
    /// clock, before the clock was first read).
    fn time_note(&mut self, text: String) {
        let ends = self.now().map(|now| now + NOTE_LASTS);
        self.status.timed_note = Some(TimedNote { text, ends });
    }

    /// When the note on show ends on its own: the loop wakes then, once, and ticks.
    pub fn note_ends(&self) -> Option<Timestamp> {
        self.status.timed_note.as_ref()?.ends
    }

    /// The clock reads `now`: a timed note whose time is up ends. Within a longer message
    /// the catch-up line stays, until a key as ever.
    pub(super) fn end_timed_note(&mut self, now: Timestamp) {
        let Some(note) = self.status.timed_note.as_mut() else {
            return;
        };
        let Some(ends) = note.ends else {
            note.ends = Some(now + NOTE_LASTS);
            return;
        };
        if now < ends {
            return;
        }
        let Some(note) = self.status.timed_note.take() else {
            return;
        };
        if self.status.held_elsewhere.as_deref() == Some(note.text.as_str()) {
            self.status.held_elsewhere = None;
        }
        let showing = matches!(&self.status.message, Some((m, _)) if m.contains(&note.text));
        if showing {
            let with_catch_up = self.status.message.as_ref().is_some_and(|(m, _)| {
                self.catch_up_line
                    .as_ref()
                    .is_some_and(|l| m.contains(l.as_str()))
            });
            self.status.message = with_catch_up
                .then(|| self.catch_up_message(None))
                .flatten()
                .map(|m| (m, Level::Info));
        }
    }

    /// Says that another reader has the blog open and keeps the place. The catch-up line,
    /// said on the first screen or just after it, would replace the note: whichever comes
    /// second says both.
    pub fn held_elsewhere(&mut self, note: String) {
        let showing_catch_up = match (&self.catch_up_line, &self.status.message) {
            (Some(line), Some((shown, _))) => shown.contains(line.as_str()),
            _ => false,
        };
        let with_catch_up = showing_catch_up
            .then(|| self.catch_up_message(Some(&note)))
            .flatten();
        self.say(with_catch_up.unwrap_or_else(|| note.clone()), Level::Info);
        self.status.held_elsewhere = Some(note.clone());
        self.time_note(note);
    }

    /// `r`: refresh now, and say what happens, whatever the source: a file is re-read from
    /// disk, a blog checked at once or as soon as the floor between requests allows; a pipe,
    /// read once, has nothing more to give.
    pub(super) fn refresh_now(&mut self) -> Option<super::Effect> {
        if self.status.source_kind.as_deref() == Some(crate::source::PIPE_KIND) {
            self.note("Read once from a pipe: there is nothing to read again".to_string());
            return None;
        }
        self.status.asked = true;
        let st = &self.status;
        let last = st.last_check.max(st.last_started);
        // A request still unanswered was asked, not checked.
        let done = if st.last_started > st.last_check {
            "asked"
        } else {
            "checked"
        };
        let mut floor = None;
        let msg = if !st.following {
            "Re-reading from disk…".to_string()
        } else if let (Some(last), Some(now)) = (last, self.now())
            && let Some(text) = FloorNote::text_at(done, last, now)
        {
            floor = Some(FloorNote {
                done,
                last,
                text: text.clone(),
            });
            text
        } else {
            self.asking_now().to_string()
        };
        self.note(msg);
        self.status.floor_note = floor;
        Some(super::Effect::RefreshNow)
    }

    /// What `r` says of the request it asks for now.
    fn asking_now(&self) -> &'static str {
        if self.status.paused {
            "Checking once; still paused (p resumes)"
        } else if self.blog.state == crate::blog::LiveState::Ended {
            "The blog has ended; checking once more…"
        } else if self.status.error.is_some() {
            "Trying again now…"
        } else {
            "Checking now…"
        }
    }

    /// The clock reads `now`: the note of an `r` pressed within the floor says the seconds
    /// left, and once none are left it says what an `r` says then, as the request it promised
    /// goes out, until its answer. Nothing when something else has been said since (the answer
    /// may come first).
    pub(super) fn count_down_floor(&mut self, now: Timestamp) {
        let Some(note) = self.status.floor_note.take() else {
            return;
        };
        let showing = matches!(&self.status.message, Some((m, _)) if *m == note.text);
        if !showing {
            return;
        }
        match FloorNote::text_at(note.done, note.last, now) {
            Some(text) => {
                self.note(text.clone());
                self.status.floor_note = Some(FloorNote { text, ..note });
            }
            None => self.note(self.asking_now()),
        }
    }

    /// Whether the bar shows the note of an `r` pressed within the floor, which counts down.
    fn floor_note_shown(&self) -> bool {
        let st = &self.status;
        matches!((&st.floor_note, &st.message), (Some(n), Some((m, _))) if *m == n.text)
    }

    /// `p`: pause or resume polling, or say why there is nothing to pause.
    pub(super) fn toggle_pause(&mut self) -> Option<super::Effect> {
        if self.status.source_kind.as_deref() == Some(crate::source::PIPE_KIND) {
            self.note("Nothing to pause: a pipe is read once, when the reader starts");
            return None;
        }
        if !self.status.following {
            let r = self
                .keymap
                .key_for(&crate::tui::action::Action::Refresh)
                .unwrap_or("r");
            self.note(format!(
                "Nothing to pause: a file is only read when you ask ({r} re-reads it)"
            ));
            return None;
        }
        self.status.paused = !self.status.paused;
        self.note(if self.status.paused {
            "Paused: no checks until p"
        } else {
            "Resumed: checking again"
        });
        Some(super::Effect::SetPaused(self.status.paused))
    }

    /// What to say when `event` answers a refresh the reader asked for; `None` when it does
    /// not (or the bar says it already, as for a failure or new entries).
    pub(super) fn answer_to_asking(&mut self, event: &crate::live::Event) -> Option<String> {
        use crate::live::Event;
        if !self.status.asked {
            return None;
        }
        let file = !self.status.following;
        match event {
            Event::Unchanged { .. } => {
                self.status.asked = false;
                Some(if file {
                    "The file has not changed since it was read".into()
                } else {
                    "Checked: nothing new".into()
                })
            }
            Event::Loaded { blog, .. } => {
                self.status.asked = false;
                if file {
                    Some(format!("Re-read from disk: {} entries", blog.entries.len()))
                } else {
                    self.status.message = None;
                    None
                }
            }
            Event::Failed { .. } => {
                self.status.asked = false;
                self.status.message = None;
                None
            }
            _ => None,
        }
    }

    /// How often the clock should tick: once a second while the status bar shows seconds (a
    /// countdown to the next check or try or to the request an `r` asked for too soon, the
    /// spinner of a fetch), once a minute otherwise, for relative times ("5 min ago"). A file,
    /// an ended or a paused blog shows no seconds: ticking each second rendered a frame a
    /// second that wrote nothing.
    pub fn clock_period(&self) -> std::time::Duration {
        let st = &self.status;
        let seconds =
            st.fetching || (st.next_poll.is_some() && !st.paused) || self.floor_note_shown();
        std::time::Duration::from_secs(if seconds { 1 } else { 60 })
    }

    /// Said when the sidebar is asked for on a terminal too narrow for it and the entries.
    pub(super) fn note_too_narrow_for_sidebar(&mut self) {
        let least = crate::tui::panes::SIDEBAR_ANY_TERMINAL_WIDTH;
        // Short: it is said on a narrow terminal.
        self.note(format!("The sidebar needs {least} columns"));
    }

    pub(super) fn note(&mut self, msg: impl Into<String>) {
        self.status.message = Some((msg.into(), Level::Info));
    }
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
