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

mod body;
pub mod client;
pub mod endpoint;
pub mod schedule;

pub use body::{SPILL_AFTER, Spill};
pub use client::{Client, FetchConfig, FetchError, Fetched, Retry, Validators};
pub use endpoint::{Endpoint, redacted, resolve};

use crate::blog::LiveBlog;
use crate::formats::links::{self, LiveLink};
use crate::formats::{Format, FormatError};
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
        format: Format,
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

    /// Whether the server said the request itself is wrong (404, 410, 403, …: a client error
    /// other than a timeout, "too early" or "too many"): asking again will not mend it.
    pub fn is_refused_for_good(&self) -> bool {
        matches!(
            self,
            SourceError::Fetch {
                error: FetchError::Status { code, .. },
                ..
            } if (400..500).contains(code) && !matches!(code, 408 | 425 | 429)
        )
    }

    /// How long the server asked us to wait, for [`schedule::Observation::Failure`].
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            SourceError::Fetch { error, .. } => error.retry_after(),
            SourceError::Format { .. } => None,
        }
    }

    /// The message as said where `retry` holds (see [`FetchError::said`]).
    pub fn said(&self, retry: Retry) -> String {
        match self {
            SourceError::Fetch { url, error } => format!("\"{url}\": {}", error.said(retry)),
            SourceError::Format { .. } => self.to_string(),
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
    fetch_blog_as(client, url, validators, None).await
}

/// [`fetch_blog`], the document read as `format` when one is given rather than sniffed.
async fn fetch_blog_as(
    client: &Client,
    url: &Url,
    validators: &Validators,
    format: Option<Format>,
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
            final_url,
        } => {
            // Where the page came from: its links lead from there, and an AMP page, which
            // names its own address nowhere, names its own next page by it.
            let parsed = tokio::task::spawn_blocking(move || match format {
                Some(f) => crate::formats::parse_as(&body, f).map(|blog| (blog, f)),
                None => crate::formats::parse_with_format_at(&body, Some(&final_url)),
            })
            .await
            .unwrap_or_else(|_| Err(parser_stopped()));
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

/// A source opened by [`open_blog`]: what came, what to poll from now on, and the link the
/// page gave to its live data when it was read through one.
#[derive(Debug)]
pub struct Opening {
    pub outcome: FetchOutcome,
    /// What to poll: the endpoint asked for, or the one its page linked to.
    pub endpoint: Endpoint,
    /// The address the page linked its live data to, and how it did.
    pub followed: Option<(Url, &'static str)>,
}

/// What a page turned out to be.
enum Read {
    Blog(Box<LiveBlog>, Format),
    /// A link to the live data, and what the page says of the blog itself.
    Link(LiveLink, PageSays),
}

/// What a page that links its live data elsewhere says of the blog itself.
struct PageSays {
    /// Its title, to name a blog whose live data has none.
    title: Option<String>,
    /// The WordPress Liveblog plugin's settings say the blog is archived: it has ended
    /// ([`links::wordpress_archived`]).
    archived: bool,
}

/// Opens a source: reads `endpoint`, and when it is a page with no live data of its own that
/// links its live data elsewhere (see [`crate::formats::links`]), reads that instead. One hop
/// only: what the link leads to must be a live blog itself.
pub async fn open_blog(
    client: &Client,
    endpoint: &Endpoint,
    validators: &Validators,
) -> Result<Opening, SourceError> {
    let opened = |outcome| Opening {
        outcome,
        endpoint: endpoint.clone(),
        followed: None,
    };
    if matches!(endpoint, Endpoint::WordPress(_)) {
        return fetch_wordpress(client, endpoint, validators)
            .await
            .map(opened);
    }
    let url = endpoint.open_url();
    let name = endpoint::without_query(&url);
    let fetched = client
        .get(&url, validators)
        .await
        .map_err(|error| SourceError::Fetch {
            url: name.clone(),
            error,
        })?;
    let (body, validators, max_age, final_url) = match fetched {
        Fetched::NotModified { max_age } => {
            return Ok(opened(FetchOutcome::Unchanged { max_age }));
        }
        Fetched::Modified {
            body,
            validators,
            final_url,
            max_age,
        } => (body, validators, max_age, final_url),
    };
    let page = final_url.clone();
    let read = tokio::task::spawn_blocking(move || read_or_link(&body, &page))
        .await
        .unwrap_or_else(|_| Err(parser_stopped()));
    match read {
        Ok(Read::Blog(blog, format)) => Ok(opened(FetchOutcome::Updated {
            blog,
            validators,
            max_age,
            format,
        })),
        Ok(Read::Link(link, says)) => follow(client, (&url, &final_url), link, says).await,
        Err(error) => Err(SourceError::Format { url: name, error }),
    }
}

/// The blog in `body`, or the link a page without one gives to its live data. The WordPress
/// Liveblog plugin's configuration wins over what the page shows: its API brings edits and
/// deletions.
fn read_or_link(body: &[u8], page: &Url) -> Result<Read, FormatError> {
    let html = body
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<')
        && matches!(crate::formats::sniff(body), Ok(Format::SchemaOrg));
    let text = if html {
        Some(crate::formats::as_text(body)?)
    } else {
        None
    };
    if let Some(text) = &text
        && let Some(api) = links::wordpress_plugin(text, page)
    {
        let says = PageSays {
            title: links::page_title(text),
            archived: links::wordpress_archived(text),
        };
        return Ok(Read::Link(LiveLink::WordPress(api), says));
    }
    match crate::formats::parse_with_format_at(body, Some(page)) {
        Ok((blog, format)) => Ok(Read::Blog(Box::new(blog), format)),
        Err(FormatError::NotALiveBlog(why)) => match text
            .as_deref()
            .and_then(|t| links::discover(t, page).map(|l| (links::page_title(t), l)))
        {
            Some((title, link)) => Ok(Read::Link(
                link,
                PageSays {
                    title,
                    archived: false,
                },
            )),
            None => Err(FormatError::NotALiveBlog(why)),
        },
        Err(e) => Err(e),
    }
}

fn parser_stopped() -> FormatError {
    // The parser panicked (a bug). The reader keeps what it has and says so.
    FormatError::Malformed {
        format: "document",
        detail: "the parser stopped unexpectedly".to_string(),
    }
}

/// Reads the live data a page links to; `urls` are the page as asked for and as served.
async fn follow(
    client: &Client,
    (asked, served): (&Url, &Url),
    link: LiveLink,
    says: PageSays,
) -> Result<Opening, SourceError> {
    let page = endpoint::without_query(asked);
    let target = link.url().clone();
    tracing::info!(
        page = %redacted(asked),
        live_data = %redacted(&target),
        how = link.how(),
        "the page links its live data elsewhere; reading that"
    );
    let bare = |u: &Url| {
        let mut a = u.clone();
        a.set_fragment(None);
        a
    };
    let same = |u: &Url| bare(u) == bare(&target);
    if same(asked) || same(served) {
        return Err(SourceError::Format {
            url: page,
            error: FormatError::NotALiveBlog(format!(
                "it has no live data, and {} links back to the page itself",
                link.how()
            )),
        });
    }
    let endpoint = match &link {
        LiveLink::WordPress(api) => Endpoint::WordPress(api.clone()),
        LiveLink::Amp(u) | LiveLink::Alternate(u) => resolve(u, None),
    };
    let none = Validators::default();
    let outcome = match &endpoint {
        Endpoint::WordPress(_) => fetch_wordpress(client, &endpoint, &none).await,
        _ => fetch_blog(client, &endpoint.open_url(), &none).await,
    };
    let outcome = match outcome {
        Ok(FetchOutcome::Updated {
            mut blog,
            validators,
            max_age,
            format,
        }) => {
            if blog.title.trim().is_empty()
                && let Some(t) = says.title
            {
                blog.title = crate::sanitize::line(&t, crate::sanitize::TITLE_MAX);
            }
            if says.archived {
                blog.state = crate::blog::LiveState::Ended;
            }
            FetchOutcome::Updated {
                blog,
                validators,
                max_age,
                format,
            }
        }
        Ok(unchanged) => unchanged,
        Err(SourceError::Format { error, .. }) => {
            let why = match error {
                FormatError::NotALiveBlog(why) => why,
                other => other.to_string(),
            };
            return Err(SourceError::Format {
                url: page,
                error: FormatError::NotALiveBlog(format!(
                    "it has no live data of its own, and what {} leads to (\"{}\") is not one \
                     either ({why}); only one link is followed",
                    link.how(),
                    endpoint::without_query(&target)
                )),
            });
        }
        Err(e) => return Err(e),
    };
    Ok(Opening {
        outcome,
        endpoint,
        followed: Some((target, link.how())),
    })
}

/// Opens a WordPress Liveblog: the first page of entries (conditional on `validators`), with
/// the key events of the whole blog from their own route. A site whose plugin has no key-events
/// route still opens.
pub async fn fetch_wordpress(
    client: &Client,
    endpoint: &Endpoint,
    validators: &Validators,
) -> Result<FetchOutcome, SourceError> {
    let outcome = fetch_blog(client, &endpoint.open_url(), validators).await?;
    let FetchOutcome::Updated {
        mut blog,
        validators,
        max_age,
        format,
    } = outcome
    else {
        return Ok(outcome);
    };
    if let Some(url) = endpoint.key_events() {
        // A bare list, `[]` when the blog has none: read as what its address says it is.
        let none = Validators::default();
        match fetch_blog_as(client, &url, &none, Some(Format::WordPress)).await {
            Ok(FetchOutcome::Updated { blog: keys, .. }) => {
                crate::formats::wordpress::add_key_events(&mut blog, &keys);
            }
            Ok(FetchOutcome::Unchanged { .. }) => {}
            Err(e) => tracing::warn!(error = %e, "no key events from the WordPress Liveblog API"),
        }
    }
    Ok(FetchOutcome::Updated {
        blog,
        validators,
        max_age,
        format,
    })
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
            "\"https://content.guardianapis.com/x\": server error (HTTP 502); try again later"
        );
        assert_eq!(
            e.said(Retry::Scheduled),
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
