//! Helpers for the store's tests: a sample blog and a way to see what was logged.

use crate::blog::{Block, Entry, Inline, KeyEvent, LiveBlog, LiveState, Stamp};
use std::io;
use std::sync::{Arc, Mutex};

/// A blog with rich content, key events and times with fractions of a second (as
/// schema.org pages write them), already as the parser leaves it.
pub fn blog(title: &str, entries: usize) -> LiveBlog {
    let entries = (0..entries)
        .rev()
        .map(|i| Entry {
            id: format!("e{i}"),
            title: (i % 3 == 0).then(|| format!("{title} headline {i}")),
            published: Stamp::parse(&format!("2020-10-06T08:{:02}:36.723+01:00", i % 60)),
            updated: (i % 2 == 0)
                .then(|| Stamp::parse("2020-10-06T09:09:53.711Z"))
                .flatten(),
            time_as_written: None,
            authors: vec!["A Writer".into()],
            key_event: i % 3 == 0,
            pinned: i == 0,
            summary: false,
            read_from: crate::blog::ReadFrom::Data,
            body: vec![
                Block::Paragraph {
                    runs: vec![
                        Inline::plain(format!("Entry {i} of {title}: ")),
                        Inline {
                            text: "a link".into(),
                            bold: true,
                            link: Some("https://example.com/a".into()),
                            ..Inline::default()
                        },
                    ],
                },
                Block::Quote {
                    paragraphs: vec![vec![Inline::plain("Quoted")]],
                    attribution: Some("Someone".into()),
                    level: 0,
                },
            ],
        })
        .collect::<Vec<_>>();
    let key_events = entries
        .iter()
        .filter(|e| e.key_event)
        .map(|e| KeyEvent {
            title: e.title.clone().unwrap_or_default(),
            entry_id: Some(e.id.clone()),
            published: e.published,
        })
        .collect();
    LiveBlog {
        poll_every: None,
        title: title.into(),
        standfirst: "What happened".into(),
        url: Some("https://example.com/live".into()),
        state: LiveState::Live,
        updated: Stamp::parse("2020-10-06T10:00:18.965Z"),
        entries,
        key_events,
        older: None,
        extracted: crate::blog::Extraction::Structured,
    }
}

/// Runs `f` and returns what it logged at warning level or above, one string per event.
pub fn warnings_during<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl io::Write for Buffer {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::WARN)
        .with_ansi(false)
        .finish();
    let out = tracing::subscriber::with_default(subscriber, f);
    let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    (out, text.lines().map(str::to_string).collect())
}
