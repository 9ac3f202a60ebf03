//! Polling a WordPress Liveblog: each poll asks the plugin's API for the changes since the
//! newest one seen, conditionally, and applies them to what is on screen.

use super::{
    Duration, Event, Fetched, Format, LiveBlog, Observation, Poller, SourceError, Validators, mpsc,
    without_query,
};

/// Where a WordPress Liveblog poll stands.
#[derive(Debug, Clone, Default)]
pub(super) struct WordPressPoll {
    /// The newest change seen, epoch seconds.
    pub(super) latest: Option<i64>,
    /// The last answer's `Last-Modified`, sent back as `If-Modified-Since`.
    pub(super) last_modified: Option<String>,
}

impl WordPressPoll {
    /// Starting from a blog read whole: its newest time is the newest change seen.
    pub(super) fn from_blog(blog: &LiveBlog) -> Self {
        let latest = blog
            .entries
            .iter()
            .flat_map(|e| [e.published, e.updated])
            .chain([blog.updated])
            .flatten()
            .map(|s| s.instant().as_second())
            .max();
        Self {
            latest,
            last_modified: None,
        }
    }
}

impl Poller {
    /// One poll of a WordPress Liveblog's changes: applied to the blog on screen.
    pub(super) async fn poll_wordpress(
        &mut self,
        url: &url::Url,
        tx: &mpsc::UnboundedSender<Event>,
    ) -> Option<Observation> {
        tracing::info!(url = %crate::net::redacted(url), "asking for WordPress Liveblog changes");
        let wp = self.wordpress.clone().unwrap_or_default();
        let conditional = Validators {
            etag: None,
            last_modified: wp.last_modified.clone(),
        };
        let at = jiff::Timestamp::now();
        let (event, observed) = match self.client.get(url, &conditional).await {
            Ok(Fetched::NotModified { max_age }) => {
                (Event::Unchanged { at }, Observation::Success { max_age })
            }
            Ok(Fetched::Modified {
                body,
                validators,
                max_age,
                ..
            }) => {
                let parsed = tokio::task::spawn_blocking(move || {
                    crate::formats::wordpress::parse_changes(&body)
                })
                .await;
                match parsed {
                    Ok(Ok(answer)) => {
                        self.wordpress = Some(WordPressPoll {
                            latest: wp.latest.max(answer.latest_timestamp),
                            last_modified: validators.last_modified.or(wp.last_modified),
                        });
                        if !self.interval_given
                            && let Some(secs) = answer.refresh_interval.filter(|s| *s > 0)
                        {
                            self.plan.set_interval(Duration::from_secs(secs));
                        }
                        let mut next = self.current.clone();
                        crate::formats::wordpress::apply(&mut next, answer.items);
                        (self.adopt(next), Observation::Success { max_age })
                    }
                    Ok(Err(error)) => self.failed(&SourceError::Format {
                        url: without_query(url),
                        error,
                    }),
                    Err(_) => self.failed(&SourceError::Format {
                        url: without_query(url),
                        error: crate::formats::FormatError::malformed(
                            Format::WordPress,
                            "the parser stopped unexpectedly",
                        ),
                    }),
                }
            }
            Err(error) => self.failed(&SourceError::Fetch {
                url: without_query(url),
                error,
            }),
        };
        self.report(event, tx)?;
        Some(observed)
    }
}
