//! Polling a Guardian page-JSON blog the way its own page does: the live poll's small answer
//! every interval, its new blocks taken from the HTML it carries when they all read, and the
//! page JSON only when they do not (or when there may be more than the answer holds).

use super::{
    Duration, Event, FetchError, Fetched, LiveBlog, Poller, SourceError, Validators, merge,
    without_query,
};
use crate::blog::merge::Coverage;
use std::collections::HashSet;

/// What the Guardian's live poll answered.
pub(super) enum LiveCheck {
    Nothing {
        max_age: Option<Duration>,
    },
    /// New blocks, all of them read from the answer: no need to read the page.
    Blocks {
        blocks: Box<LiveBlog>,
        most_recent: Option<String>,
        max_age: Option<Duration>,
    },
    /// New blocks that only the page can give: the answer's HTML did not read, or there may
    /// be more than it holds.
    New,
    /// Not an answer this source gives (an error page, a 404): read the page instead.
    Unsupported,
    Failed(SourceError),
}

impl Poller {
    /// Asks the Guardian's live poll whether there are blocks newer than ours. Sent without
    /// validators: its answer depends on the question, not on one document's version.
    pub(super) async fn live_check(&self, url: &url::Url) -> LiveCheck {
        match self.client.get(url, &Validators::default()).await {
            Ok(Fetched::Modified { body, max_age, .. }) => {
                let parsed = tokio::task::spawn_blocking(move || {
                    crate::formats::guardian_poll::parse(&body)
                })
                .await;
                match parsed {
                    Ok(Ok(u)) if u.new_blocks == 0 => LiveCheck::Nothing { max_age },
                    Ok(Ok(u)) => {
                        if let Some(blocks) = u.complete_blocks() {
                            LiveCheck::Blocks {
                                blocks: Box::new(blocks.clone()),
                                most_recent: u.most_recent,
                                max_age,
                            }
                        } else {
                            tracing::info!(
                                new = u.new_blocks,
                                read = u.blocks.map(|b| b.entries.len()),
                                "the live poll's blocks are not all there; reading the page"
                            );
                            LiveCheck::New
                        }
                    }
                    Ok(Err(e)) => {
                        tracing::warn!(error = %e, "the live poll's answer is not one; reading pages");
                        LiveCheck::Unsupported
                    }
                    Err(_) => LiveCheck::Unsupported,
                }
            }
            Ok(Fetched::NotModified { max_age }) => LiveCheck::Nothing { max_age },
            Err(FetchError::Status {
                code: 400 | 404 | 405 | 410 | 501,
                ..
            }) => LiveCheck::Unsupported,
            Err(error) => LiveCheck::Failed(SourceError::Fetch {
                url: without_query(url),
                error,
            }),
        }
    }

    /// Adds the blocks a live poll carried to the blog, as a refresh that only adds, and makes
    /// its newest block the one the next poll asks about.
    pub(super) fn take_live_blocks(
        &mut self,
        mut blocks: LiveBlog,
        most_recent: Option<String>,
    ) -> Event {
        tracing::info!(
            count = blocks.entries.len(),
            "new blocks read from the live poll"
        );
        // A block already here came from the page itself: its rendering does not replace it.
        blocks
            .entries
            .retain(|e| self.current.position(&e.id).is_none());
        // The answer lists only its own blocks' key events; the rest are the blog's.
        let listed: HashSet<&str> = self
            .current
            .key_events
            .iter()
            .filter_map(|k| k.entry_id.as_deref())
            .collect();
        let new_entries: HashSet<&str> = blocks.entries.iter().map(|e| e.id.as_str()).collect();
        let mut key_events: Vec<_> = blocks
            .key_events
            .into_iter()
            .filter(|k| {
                k.entry_id
                    .as_deref()
                    .is_some_and(|id| new_entries.contains(id) && !listed.contains(id))
            })
            .collect();
        if !key_events.is_empty() {
            key_events.extend(self.current.key_events.iter().cloned());
        }
        let fresh = LiveBlog {
            entries: blocks.entries,
            key_events,
            extracted: self.current.extracted,
            poll_every: self.current.poll_every,
            ..LiveBlog::default()
        };
        let merged = merge(&self.current, fresh, Coverage::Additions);
        self.live_newest = most_recent.filter(|id| merged.position(id).is_some());
        self.adopt(merged)
    }
}
