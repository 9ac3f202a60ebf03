//! What the reader's model tests build their readers from: a model of a blog at a size, with
//! the plain options, and the key-events list a blog's flagged entries make.
#![allow(dead_code)] // each test file takes the parts it uses

use liveblog::blog::{Entry, KeyEvent, LiveBlog};
use liveblog::tui::model::{Model, ReaderOptions};
use liveblog::tui::theme::Theme;

/// A reader of `blog` in a `w`×`h` terminal: no colour, times in UTC.
pub fn model(blog: LiveBlog, w: u16, h: u16) -> Model {
    Model::new(
        blog,
        ReaderOptions::new("test", Theme::new(false), jiff::tz::TimeZone::UTC, (w, h)),
    )
}

/// The key events of `entries`, newest first as they are: one for each entry flagged as a key
/// event, titled and timed as the entry is. Every flagged entry must have a title.
pub fn key_events_of(entries: &[Entry]) -> Vec<KeyEvent> {
    entries
        .iter()
        .filter(|e| e.key_event)
        .map(|e| KeyEvent {
            title: e.title.clone().expect("a key event's entry has a title"),
            entry_id: Some(e.id.clone()),
            published: e.published,
        })
        .collect()
}
