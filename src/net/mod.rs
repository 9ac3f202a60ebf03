//! Fetching: the HTTP client, URL to endpoint, and the poll schedule.
//!
//! - [`client`]: one GET with every limit set ([`Client::get`]), conditional requests, typed
//!   errors.
//! - [`endpoint`]: what to fetch for a URL the user gave ([`endpoint::resolve`]), and
//!   [`endpoint::redacted`] for showing any URL.
//! - [`schedule`]: pure rules for when to poll next ([`schedule::PollPlan`]).
//! - [`fetch_blog`]: fetch and parse in one call, for the reader's background tasks.
//!
//! How the reader's event loop is meant to use it, one task per source and one fetch in flight
//! per source (the loop owns the timer; nothing here sleeps or reads the clock except the
//! request itself):
//!
//! ```no_run
//! use liveblog::net::schedule::{Observation, PollPlan};
//! use liveblog::net::{Client, FetchConfig, FetchOutcome, Validators, fetch_blog, resolve};
//!
//! # async fn demo(user_url: url::Url, key: Option<&str>) -> Result<(), liveblog::net::FetchError> {
//! let client = Client::new(FetchConfig::default())?;
//! let endpoint = resolve(&user_url, key);
//! let mut plan = PollPlan::new(endpoint.poll_interval(None));
//! let mut validators = Validators::default();
//! let url = endpoint.open_url();
//! let observed = match fetch_blog(&client, &url, &validators).await {
//!     Ok(FetchOutcome::Updated { blog, validators: v, max_age, .. }) => {
//!         validators = v; // keep for the next poll; merge `blog` into the model
//!         Observation::Success { max_age }
//!     }
//!     Ok(FetchOutcome::Unchanged { max_age }) => Observation::Success { max_age },
//!     Err(e) => {
//!         // Keep the last good blog on screen; show `e.class()` and `e` in the status line.
//!         Observation::Failure { retry_after: e.retry_after() }
//!     }
//! };
//! let wait = plan.next_delay(observed, fastrand::f64());
//! # let _ = (wait, validators);
//! # Ok(())
//! # }
//! ```

pub mod client;
pub mod endpoint;
pub mod schedule;

pub use client::{Client, FetchConfig, FetchError, Fetched, Validators};
pub use endpoint::{Endpoint, redacted, resolve};

use crate::blog::LiveBlog;
use crate::formats::FormatError;
use std::time::Duration;
use url::Url;

/// What a poll of a blog brought.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchOutcome {
    /// A new version, parsed and sanitised (boxed: a blog is large, the other variant tiny).
    Updated {
        blog: Box<LiveBlog>,
        /// To send back on the next poll of this source.
        validators: Validators,
        max_age: Option<Duration>,
        /// What the document was, so a poller can use the cheaper poll its publisher offers.
        format: crate::formats::Format,
    },
    /// 304: the blog has not changed since the validators were issued.
    Unchanged { max_age: Option<Duration> },
}

/// Why a poll of a blog failed: the fetch or the document. The message is one line naming the
/// source URL without its query (so never an API key).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SourceError {
    #[error("\"{url}\": {error}")]
    Fetch { url: String, error: FetchError },
    #[error("\"{url}\": {error}")]
    Format { url: String, error: FormatError },
}

impl SourceError {
    /// A short name for the status line: "timeout", "HTTP 502", "parse", …
    pub fn class(&self) -> &'static str {
        match self {
            SourceError::Fetch { error, .. } => error.class(),
            SourceError::Format { .. } => "parse",
        }
    }

    /// How long the server asked us to wait, for [`schedule::Observation::Failure`].
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            SourceError::Fetch { error, .. } => error.retry_after(),
            SourceError::Format { .. } => None,
        }
    }

    /// The source as named in the message (no query).
    pub fn url(&self) -> &str {
        match self {
            SourceError::Fetch { url, .. } | SourceError::Format { url, .. } => url,
        }
    }
}

/// GETs `url` and parses the document with [`crate::formats::parse`].
///
/// Parsing runs on the blocking pool: a large or hostile document may take a while, and the
/// runtime's threads also drive the terminal. An error status never reaches the parser; a 304
/// is not parsed at all.
pub async fn fetch_blog(
    client: &Client,
    url: &Url,
    validators: &Validators,
) -> Result<FetchOutcome, SourceError> {
    let name = endpoint::without_query(url);
    let fetched = client
        .get(url, validators)
        .await
        .map_err(|error| SourceError::Fetch {
            url: name.clone(),
            error,
        })?;
    match fetched {
        Fetched::NotModified { max_age } => Ok(FetchOutcome::Unchanged { max_age }),
        Fetched::Modified {
            body,
            validators,
            max_age,
            ..
        } => {
            let parsed =
                tokio::task::spawn_blocking(move || crate::formats::parse_with_format(&body))
                    .await
                    .unwrap_or_else(|_| {
                        // The parser panicked (a bug). The reader keeps what it has and says so.
                        Err(FormatError::Malformed {
                            format: "document",
                            detail: "the parser stopped unexpectedly".to_string(),
                        })
                    });
            let (blog, format) =
                parsed.map_err(|error| SourceError::Format { url: name, error })?;
            Ok(FetchOutcome::Updated {
                blog: Box::new(blog),
                validators,
                max_age,
                format,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The reader spawns fetches on a multi-threaded runtime, so the future must be `Send`.
    #[expect(dead_code, reason = "a compile-time check, never called")]
    fn fetch_blog_can_run_in_a_spawned_task(c: &'static Client, u: &'static Url) {
        fn spawnable<T: Send + 'static>(_: &T) {}
        static NONE: Validators = Validators {
            etag: None,
            last_modified: None,
        };
        spawnable(&fetch_blog(c, u, &NONE));
    }

    #[test]
    fn source_errors_name_the_url_without_its_query() {
        let url = Url::parse("https://content.guardianapis.com/x?api-key=SECRET").unwrap();
        let e = SourceError::Fetch {
            url: endpoint::without_query(&url),
            error: FetchError::Status {
                code: 502,
                retry_after: None,
            },
        };
        assert_eq!(
            e.to_string(),
            "\"https://content.guardianapis.com/x\": server error (HTTP 502); it will be retried"
        );
        assert_eq!(e.class(), "HTTP 502");
        let f = SourceError::Format {
            url: e.url().to_string(),
            error: FormatError::Empty,
        };
        assert_eq!(f.class(), "parse");
        assert_eq!(
            f.to_string(),
            "\"https://content.guardianapis.com/x\": empty document"
        );
    }
}
