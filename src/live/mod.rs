//! Keeping a blog fresh, with or without a screen: the refresher's own vocabulary.
//!
//! A [`Refresher`] runs in the background and reports what happened as [`Event`]s; whoever
//! owns it (the reader's event loop, or `liveblog follow`) steers it with [`Command`]s. Neither
//! side knows the other's types: the reader wraps an `Event` in its own action, `follow`
//! consumes events directly.

mod file;
mod pages;
mod poller;

pub use file::{FileReader, stamp as file_stamp};
pub use pages::{MOST_PAGES, OlderPages, PACE, Walked};
pub(crate) use poller::older_than_shown;
pub use poller::{Poller, human};

use crate::blog::LiveBlog;
use jiff::Timestamp;
use tokio::sync::mpsc;

/// What a refresher reports. Results are past tense.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A request went out (for the spinner).
    Started,
    /// A new version of the blog arrived from the source.
    Loaded { blog: Box<LiveBlog>, at: Timestamp },
    /// A refresh found nothing new.
    Unchanged { at: Timestamp },
    /// A refresh failed. `class` is a short name ("timeout", "HTTP 503"); `error` the whole
    /// message, one sanitised line; `retry_in` the longest the next try can be away, when
    /// there is one.
    Failed {
        class: String,
        error: String,
        at: Timestamp,
        retry_in: Option<std::time::Duration>,
    },
    /// When the next poll is due; `None` when polling stopped (paused, or the blog ended).
    Scheduled { at: Option<Timestamp> },
    /// How often polls come from now on: the source's own interval, the reader's, or the pace
    /// that follows the blog (see `net::schedule::Pace`).
    Pace { every: std::time::Duration },
    /// The fingerprints (`store::fingerprint`) of every entry of the blog in the `Loaded` or
    /// `HistoryLoaded` sent next, by entry id, taken on the refresher's thread: a long blog's
    /// catch-up would otherwise take them all on the loop's (5,000 entries: some 100 million
    /// instructions, keys waiting). Good for that one blog only.
    Fingerprints(Box<crate::store::Fingerprints>),
    /// A page of history arrived; `jump_to` is the entry the reader asked for, if any.
    HistoryLoaded {
        blog: Box<LiveBlog>,
        jump_to: Option<String>,
    },
    /// Loading history failed; the message is one sanitised line.
    HistoryFailed { error: String },
    /// The version just loaded could not be kept on disk for the next sitting (a full or
    /// read-only disk): one sanitised line. The refresh itself went well.
    KeepFailed { error: String },
    /// Another reader held this blog's place and has ended: this one holds it now, keeps the
    /// place and rings the alerts from here on. Not from a source: sent by the reader's own
    /// wait for that reader's lock (`tui::start`).
    HeldHere,
}

/// What the owner of a refresher asks of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Fetch now, out of schedule.
    RefreshNow,
    /// Pause or resume polling.
    Pause(bool),
    /// Fetch the older page this pointer names.
    LoadOlder(String),
    /// Fetch the page that holds this entry.
    LoadPageWith(String),
}

/// Something that brings new versions of a blog: the background side of live refresh.
pub trait Refresher: Send + 'static {
    /// Starts the work on the runtime; it sends results into `tx` and obeys `rx` commands,
    /// and stops when `tx` has no receiver any more.
    fn start(
        self: Box<Self>,
        tx: mpsc::UnboundedSender<Event>,
        rx: mpsc::UnboundedReceiver<Command>,
    );

    /// One of `of` blogs opened together, the `k`th (from 0): a refresher that asks a server
    /// on a timer puts its rhythm `k`/`of` of an interval after the first one's, so that blogs
    /// opened at the same moment (often of one site) are never asked at the same moment.
    fn stagger(&mut self, k: usize, of: usize) {
        let _ = (k, of);
    }
}
