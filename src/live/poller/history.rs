//! Pages of history for the poller: the next older page, or the page that holds an entry.

use super::Poller;
use crate::blog::LiveBlog;
use crate::blog::merge::add_history;
use crate::live::Event;
use crate::live::pages::led_back;
use crate::net::{FetchOutcome, Validators, fetch_blog};
use tokio::sync::mpsc;

/// What the reader is told when an older page brings nothing and points to itself again.
const NOTHING_OLDER: &str = "No older entries came back";

impl Poller {
    /// Fetches a page of history and sends the blog with it added. The blog is kept here, not
    /// in the view, so the next refresh merges into the same entries.
    pub(super) async fn load_history(
        &mut self,
        tx: &mpsc::UnboundedSender<Event>,
        pointer: &str,
        jump_to: Option<String>,
    ) {
        let Some(url) = self.endpoint.older_page(pointer) else {
            let error = "This source has no older pages".to_string();
            let _ = tx.send(Event::HistoryFailed { error });
            return;
        };
        let events = match fetch_blog(&self.client, &url, &Validators::default()).await {
            Ok(FetchOutcome::Updated { blog, .. }) => self.add_page(*blog, pointer, jump_to),
            Ok(FetchOutcome::Unchanged { .. }) => vec![Event::HistoryFailed {
                error: "The older page did not come back".into(),
            }],
            Err(e) => vec![Event::HistoryFailed {
                error: crate::sanitize::line(&format!("Could not load older entries: {e}"), 600),
            }],
        };
        for event in events {
            if tx.send(event).is_err() {
                return;
            }
        }
    }

    /// Adds the page `pointer` named to the blog, and says what the reader is to hear.
    fn add_page(&mut self, page: LiveBlog, pointer: &str, jump_to: Option<String>) -> Vec<Event> {
        let before = self.current.entries.len();
        self.current = add_history(&self.current, page);
        // Asked again, the page would come back the same: its pointer is dropped for this
        // sitting, and the reader told why nothing came.
        let dead_end = led_back(before, &self.current, pointer);
        if dead_end {
            self.dead_older = Some(pointer.to_string());
            self.current.older = None;
        }
        let loaded = Event::HistoryLoaded {
            blog: Box::new(self.current.clone()),
            jump_to,
        };
        let nothing = dead_end.then(|| Event::HistoryFailed {
            error: NOTHING_OLDER.into(),
        });
        std::iter::once(loaded).chain(nothing).collect()
    }

    /// Drops from a new version the pointer to an older page that led back to itself.
    pub(super) fn forget_dead_older(&self, next: &mut LiveBlog) {
        if next.older.is_some() && next.older == self.dead_older {
            next.older = None;
        }
    }
}
