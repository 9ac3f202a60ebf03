//! Pages of history for the poller: the next older page, or the page that holds an entry.

use super::Poller;
use crate::blog::LiveBlog;
use crate::blog::merge::add_history;
use crate::live::Event;
use crate::live::pages::led_back;
use crate::net::{Endpoint, FetchOutcome, Validators, fetch_blog};
use tokio::sync::mpsc;

/// What the reader is told when an older page brings nothing and points to itself again.
const NOTHING_OLDER: &str = "No older entries came back";

/// The most older pages read to find a key event's post on a source that cannot be asked for
/// the page that holds it: a long blog's key events are rarely further back, and each page is
/// a request.
const MOST_PAGES_TO_FIND: usize = 20;

impl Poller {
    /// Fetches a page of history and sends the blog with it added. The blog is kept here, not
    /// in the view, so the next refresh merges into the same entries.
    pub(super) async fn load_history(
        &mut self,
        tx: &mpsc::UnboundedSender<Event>,
        pointer: &str,
        jump_to: Option<String>,
    ) {
        let events = match self.fetch_history(pointer).await {
            Ok(page) => self.add_page(page, pointer, jump_to),
            Err(error) => vec![Event::HistoryFailed { error }],
        };
        send_all(tx, events);
    }

    /// Fetches the page `pointer` names; why not, as the reader is told it.
    async fn fetch_history(&self, pointer: &str) -> Result<LiveBlog, String> {
        let Some(url) = self
            .endpoint
            .older_page_of(pointer, self.current.url.as_deref())
        else {
            return Err("This source has no older pages".to_string());
        };
        match fetch_blog(&self.client, &url, &Validators::default()).await {
            Ok(FetchOutcome::Updated { blog, .. }) => Ok(*blog),
            Ok(FetchOutcome::Unchanged { .. }) => Err("The older page did not come back".into()),
            Err(e) => Err(crate::sanitize::line(
                &format!("Could not load older entries: {e}"),
                600,
            )),
        }
    }

    /// Loads the page that holds entry `id` (a key event's post) and sends the blog with it,
    /// to jump there. The Guardian is asked for that page by name; a source that cannot be
    /// (a page that names only its next page, a WordPress Liveblog) is paged older until the
    /// entry is there, at most [`MOST_PAGES_TO_FIND`] pages a [`crate::live::PACE`] apart:
    /// asked for a page it does not know, such a source answers its newest page again.
    pub(super) async fn load_page_with(&mut self, tx: &mpsc::UnboundedSender<Event>, id: String) {
        let by_name = self.guardian_page() || matches!(self.endpoint, Endpoint::ContentApi { .. });
        if by_name {
            let pointer = format!("?page=with:block-{id}");
            self.load_history(tx, &pointer, Some(id)).await;
            return;
        }
        let mut read = 0;
        let failed = loop {
            if self.current.entries.iter().any(|e| e.id == id) {
                break None;
            }
            let Some(pointer) = self.current.older.clone() else {
                break Some("The post of this key event is not on any older page".to_string());
            };
            if read == MOST_PAGES_TO_FIND {
                break Some(format!(
                    "The post of this key event is not in the {MOST_PAGES_TO_FIND} older pages read"
                ));
            }
            // Paced as `dump --all` walks a blog: never a burst of requests.
            if read > 0 {
                tokio::time::sleep(crate::live::PACE).await;
            }
            let page = match self.fetch_history(&pointer).await {
                Ok(page) => page,
                Err(error) => break Some(error),
            };
            read += 1;
            let before = self.current.entries.len();
            self.current = add_history(&self.current, page);
            if led_back(before, &self.current, &pointer) {
                self.dead_older = Some(pointer);
                self.current.older = None;
            }
        };
        let loaded = (read > 0 || failed.is_none()).then(|| Event::HistoryLoaded {
            blog: Box::new(self.current.clone()),
            jump_to: failed.is_none().then_some(id),
        });
        let failed = failed.map(|error| Event::HistoryFailed { error });
        send_all(tx, loaded.into_iter().chain(failed).collect());
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

/// Sends `events` in order, until the reader is gone.
fn send_all(tx: &mpsc::UnboundedSender<Event>, events: Vec<Event>) {
    for event in events {
        if tx.send(event).is_err() {
            return;
        }
    }
}
