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
    /// The file's [`stamp`] taken just before it was read for the screen: a change made
    /// after that, even before this refresher starts, is seen by the next `r`.
    pub read_as: Option<Stamp>,
}

/// What says a file changed without reading it: its modification time and length.
pub type Stamp = (SystemTime, u64);

/// The file's [`Stamp`] now; `None` if it cannot be read.
pub fn stamp(path: &std::path::Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl Refresher for FileReader {
    fn start(
        self: Box<Self>,
        tx: mpsc::UnboundedSender<Event>,
        mut rx: mpsc::UnboundedReceiver<Command>,
    ) {
        let FileReader {
            path,
            whole_later,
            read_as,
        } = *self;
        tokio::spawn(async move {
            // The whole file is read below, as it is then.
            let mut seen = if whole_later { stamp(&path) } else { read_as };
            if whole_later {
                let source = Source::File(path.clone());
                let parsed = tokio::task::spawn_blocking(move || read_with_prints(&source)).await;
                let event = match parsed {
                    Ok(Ok((blog, prints))) => {
                        if tx.send(Event::Fingerprints(prints)).is_err() {
                            return;
                        }
                        Event::HistoryLoaded {
                            blog: Box::new(blog),
                            jump_to: None,
                        }
                    }
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
                let read = tokio::task::spawn_blocking(move || read_with_prints(&source)).await;
                let event = match read {
                    Ok(Ok((blog, prints))) => {
                        seen = now;
                        if tx.send(Event::Fingerprints(prints)).is_err() {
                            return;
                        }
                        Event::Loaded {
                            blog: Box::new(blog),
                            at,
                        }
                    }
                    Ok(Err(e)) => Event::Failed {
                        class: "file".into(),
                        error: crate::sanitize::line(&e.to_string(), 300),
                        at,
                        retry_in: None,
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

/// The file read whole and parsed, with its entries' fingerprints, taken here (on a blocking
/// thread) rather than by the reader's loop.
fn read_with_prints(
    source: &Source,
) -> Result<(crate::blog::LiveBlog, Box<crate::store::Fingerprints>), source::LoadError> {
    let (blog, _) = source::load_local(source)?;
    let prints = Box::new(crate::store::fingerprints_of(&blog));
    Ok((blog, prints))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file written after it was read for the screen but before its refresher started (the
    /// refresher starts after the first frame) is read again on the next `r`, not called
    /// unchanged.
    #[tokio::test]
    async fn a_change_before_the_refresher_starts_is_seen() {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        let path = dir.join("blog.txt");
        let blog = "A blog\nIts standfirst\nKey events\n-\nBridge reopens\n\n\
                    Bridge reopens\nThe first buses crossed.\n\nCrews worked all night.\n";
        std::fs::write(&path, blog).unwrap();
        let read_as = stamp(&path);
        let grown = blog.replace("\n\nBridge", "\n\nThe mayor thanked the crews.\n\nBridge");
        std::fs::write(&path, grown).unwrap();
        let reader = Box::new(FileReader {
            path: path.clone(),
            whole_later: false,
            read_as,
        });
        let (tx, mut events) = mpsc::unbounded_channel();
        let (commands, rx) = mpsc::unbounded_channel();
        reader.start(tx, rx);
        commands.send(Command::RefreshNow).unwrap();
        let mut got = Vec::new();
        let mut prints = None;
        while let Some(e) = events.recv().await {
            match e {
                Event::Started => {}
                Event::Fingerprints(p) => prints = Some(p),
                Event::Loaded { blog, .. } => {
                    // Sent just before, of this very version.
                    assert_eq!(
                        prints.as_deref(),
                        Some(&crate::store::fingerprints_of(&blog))
                    );
                    got.push(blog.entries.len());
                    break;
                }
                other => panic!("expected the file read again, got {other:?}"),
            }
        }
        assert_eq!(got, [3]);
        // Now it has not changed since.
        commands.send(Command::RefreshNow).unwrap();
        assert!(matches!(events.recv().await, Some(Event::Unchanged { .. })));
    }

    /// The rest of a long file, read after its first screen, comes with its entries'
    /// fingerprints just ahead of it, so that the reader's loop need not take them.
    #[tokio::test]
    async fn the_whole_file_comes_with_its_fingerprints_just_ahead() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blog.txt");
        std::fs::write(
            &path,
            "A blog\nIts standfirst\nKey events\n-\nBridge reopens\n\n\
             Bridge reopens\nThe first buses crossed.\n\nCrews worked all night.\n",
        )
        .unwrap();
        let reader = Box::new(FileReader {
            path: path.clone(),
            whole_later: true,
            read_as: None,
        });
        let (tx, mut events) = mpsc::unbounded_channel();
        let (_commands, rx) = mpsc::unbounded_channel();
        reader.start(tx, rx);
        let Some(Event::Fingerprints(prints)) = events.recv().await else {
            panic!("the fingerprints first");
        };
        let Some(Event::HistoryLoaded { blog, .. }) = events.recv().await else {
            panic!("then the whole file");
        };
        assert_eq!(*prints, crate::store::fingerprints_of(&blog));
        assert_eq!(prints.len(), blog.entries.len());
        assert!(!prints.is_empty());
    }
}
