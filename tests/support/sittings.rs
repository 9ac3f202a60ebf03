//! What the tests of the reader across sittings share: a blog of entries a minute apart, and
//! a reader of it.

use liveblog::blog::{Block, Entry, LiveBlog, LiveState, Stamp};
use liveblog::tui::model::{AlertOptions, Model, ReaderOptions};
use liveblog::tui::theme::Theme;

pub fn at(minute: u32) -> Stamp {
    Stamp::parse(&format!("2025-02-17T13:{minute:02}:00Z")).unwrap()
}

pub fn entry(id: &str, minute: u32, key: bool) -> Entry {
    Entry {
        id: id.into(),
        title: key.then(|| format!("Key {id}")),
        key_event: key,
        published: Some(at(minute)),
        body: (0..8)
            .map(|n| {
                Block::text(format!(
                    "Entry {id}, paragraph {n}, with some text to read."
                ))
            })
            .collect(),
        ..Entry::default()
    }
}

pub fn blog(ids: &[(&str, u32, bool)]) -> LiveBlog {
    LiveBlog {
        title: "Summit".into(),
        state: LiveState::Live,
        entries: ids.iter().map(|(i, m, k)| entry(i, *m, *k)).collect(),
        ..LiveBlog::default()
    }
}

pub fn model(b: LiveBlog, alerts: Option<AlertOptions>) -> Model {
    Model::new(
        b,
        ReaderOptions {
            following: true,
            alerts,
            ..ReaderOptions::new(
                "Guardian",
                Theme::new(false),
                jiff::tz::TimeZone::UTC,
                (80, 24),
            )
        },
    )
}
