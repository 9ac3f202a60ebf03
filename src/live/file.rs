//! A local file: read once at the start, and again from disk when the reader asks (`r`).
//! It never polls on its own: a file changes when someone writes it, and a reader who wants
//! the new version says so.

use super::{Command, Event, Refresher};
use crate::source::{self, Source};
use std::path::PathBuf;
use std::time::SystemTime;
use tokio::sync::mpsc;

/// Re-reads `path` on [`Command::RefreshNow`]; for a large file shown from its beginning,
/// first reads and parses the whole file and hands it over as history (entries below the
/// reader, never "new").
pub struct FileReader {
    pub path: PathBuf,
    /// Only the file's beginning was read, for the first screen: the whole is still to come.
    pub whole_later: bool,
}

/// What says a file changed without reading it: its modification time and length.
fn stamp(path: &std::path::Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl Refresher for FileReader {
    fn start(
        self: Box<Self>,
        tx: mpsc::UnboundedSender<Event>,
        mut rx: mpsc::UnboundedReceiver<Command>,
    ) {
        let FileReader { path, whole_later } = *self;
        tokio::spawn(async move {
            let mut seen = stamp(&path);
            if whole_later {
                let source = Source::File(path.clone());
                let parsed = tokio::task::spawn_blocking(move || source::load_local(&source)).await;
                let event = match parsed {
                    Ok(Ok((blog, _))) => Event::HistoryLoaded {
                        blog: Box::new(blog),
                        jump_to: None,
                    },
                    Ok(Err(e)) => Event::HistoryFailed {
                        error: crate::sanitize::line(
                            &format!("reading the rest of the file: {e}"),
                            300,
                        ),
                    },
                    Err(_) => return,
                };
                if tx.send(event).is_err() {
                    return;
                }
            }
            while let Some(command) = rx.recv().await {
                // Pausing and history mean nothing for a file; the reader says so itself.
                let Command::RefreshNow = command else {
                    continue;
                };
                let now = stamp(&path);
                let at = jiff::Timestamp::now();
                if now.is_some() && now == seen {
                    if tx.send(Event::Unchanged { at }).is_err() {
                        return;
                    }
                    continue;
                }
                let _ = tx.send(Event::Started);
                let source = Source::File(path.clone());
                let read = tokio::task::spawn_blocking(move || source::load_local(&source)).await;
                let event = match read {
                    Ok(Ok((blog, _))) => {
                        seen = now;
                        Event::Loaded {
                            blog: Box::new(blog),
                            at,
                        }
                    }
                    Ok(Err(e)) => Event::Failed {
                        class: "file".into(),
                        error: crate::sanitize::line(&e.to_string(), 300),
                        at,
                    },
                    Err(_) => return,
                };
                if tx.send(event).is_err() {
                    return;
                }
            }
        });
    }
}
