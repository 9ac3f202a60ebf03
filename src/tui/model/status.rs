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
    /// What is on screen is the copy kept from an earlier sitting, fetched then; until the
    /// first refresh answers.
    pub cached: Option<Timestamp>,
}

impl Model {
    /// What is on screen is the copy kept at `at`, until the first refresh answers.
    pub fn showing_copy(&mut self, at: Timestamp) {
        self.status.cached = Some(at);
    }

    /// Puts a line in the status bar until the next key.
    pub fn say(&mut self, msg: impl Into<String>, level: Level) {
        self.status.message = Some((msg.into(), level));
    }

    pub(super) fn note(&mut self, msg: impl Into<String>) {
        self.status.message = Some((msg.into(), Level::Info));
    }
}
