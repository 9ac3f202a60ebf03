//! A blog's key events made from the entries its source flags as key events or summaries, for
//! a source that flags entries but does not list its key events apart from them.

use crate::blog::{Entry, KeyEvent, LiveBlog};
use crate::formats::guardian::short_title;

/// The key events the flagged entries make, in the entries' order: each titled with its
/// entry's title, else the start of its text, and heading that entry. A summary is one of
/// them, as on the Guardian's pages, whose list of key events holds its summaries too (the
/// page JSON's `keyEvents`, the Content API's `body:key-events` and `body:summary` lists).
pub(crate) fn key_events(entries: &[Entry]) -> Vec<KeyEvent> {
    entries
        .iter()
        .filter(|e| e.key_event || e.summary)
        .map(|e| KeyEvent {
            title: title_of(e),
            entry_id: Some(e.id.clone()),
            published: e.published,
        })
        .collect()
}

/// The title a key event takes from the entry it heads: the entry's title, else the start of
/// its text.
pub(crate) fn title_of(e: &Entry) -> String {
    e.title
        .clone()
        .unwrap_or_else(|| short_title(&e.plain_text()))
}

/// The title `blog`'s list of key events gives `e`, else the one `e` takes from itself
/// ([`title_of`]): what a page lists it as.
pub(crate) fn listed_title(blog: &LiveBlog, e: &Entry) -> String {
    blog.key_events
        .iter()
        .find(|k| k.entry_id.as_deref() == Some(e.id.as_str()))
        .map_or_else(|| title_of(e), |k| k.title.clone())
}

/// An entry's flag as a mark, for the formats that have no field for it: the replay writes
/// each as an RSS or Atom category and as a class of the HTML page's post, and the readers
/// read back the same names, so the list is kept here once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    KeyEvent,
    Pinned,
    Summary,
}

impl Mark {
    /// Every mark, in the order the replay writes them.
    pub(crate) const ALL: [Mark; 3] = [Mark::KeyEvent, Mark::Pinned, Mark::Summary];

    /// The mark's name, as a category term and a class word.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mark::KeyEvent => "key-event",
            Mark::Pinned => "pinned",
            Mark::Summary => "summary",
        }
    }

    /// The mark named exactly `name`: other words (a feed's topics, a page's styling) are
    /// not taken for one.
    pub(crate) fn named(name: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Whether `e` carries the flag.
    pub(crate) fn on(self, e: &Entry) -> bool {
        match self {
            Mark::KeyEvent => e.key_event,
            Mark::Pinned => e.pinned,
            Mark::Summary => e.summary,
        }
    }

    /// Gives `e` the flag.
    pub(crate) fn set(self, e: &mut Entry) {
        match self {
            Mark::KeyEvent => e.key_event = true,
            Mark::Pinned => e.pinned = true,
            Mark::Summary => e.summary = true,
        }
    }
}
