//! Polling a WordPress Liveblog: each poll asks the plugin's API for the changes since the
//! newest one seen, conditionally, and applies them to what is on screen.
//!
//! The API says nothing of an end. The post page does: the plugin's settings there say
//! `"state": "archive"` once its editors have closed the blog. So when the post page is known
//! (the blog was opened through it, or at its API address, which names the post: see
//! [`post_page`]), it is read again every [`super::GUARDIAN_FULL_REREAD`]
//! (or as set by [`Poller::rereading_every`]) before that poll's changes are asked; once it
//! says archived, the changes that poll brings are the last, and the blog has ended. The
//! changes carry edits and deletions as well as new entries, so no whole read is needed to
//! close it.

use super::{
    Duration, Endpoint, Event, Fetched, Format, Instant, LiveBlog, LiveState, Observation, Poller,
    Request, SourceError, Validators, mpsc, without_query,
};

/// The post page of a WordPress Liveblog opened at its API address
/// (`<site>/wp-json/liveblog/v1/<post id>/`, or `<site>/?rest_route=/liveblog/v1/<post id>/`
/// without pretty permalinks), where the API names the post but not its page: WordPress
/// answers `<site>/?p=<post id>` with that post (redirecting to its permalink), the page whose
/// plugin settings say when the blog is archived. `None` for other endpoints.
pub(super) fn post_page(endpoint: &Endpoint) -> Option<url::Url> {
    let Endpoint::WordPress(api) = endpoint else {
        return None;
    };
    let path = api.path();
    let route = crate::net::endpoint::rest_route(api);
    let (page_path, post) = if let Some(route) = route.as_deref() {
        // The plain form is asked of the site's front page (`/`, `/index.php`) already.
        (path.to_string(), route.strip_prefix("/liveblog/v1/")?)
    } else {
        let (site, post) = path.split_once("/wp-json/liveblog/v1/")?;
        (format!("{site}/"), post)
    };
    let post = post.trim_end_matches('/');
    if post.is_empty() || !post.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut page = api.clone();
    page.set_path(&page_path);
    page.set_query(Some(&format!("p={post}")));
    page.set_fragment(None);
    Some(page)
}

/// Where a WordPress Liveblog poll stands.
#[derive(Debug, Clone, Default)]
pub(super) struct WordPressPoll {
    /// The newest change seen, epoch seconds.
    pub(super) latest: Option<i64>,
    /// The last answer's `Last-Modified`, sent back as `If-Modified-Since`.
    pub(super) last_modified: Option<String>,
    /// The post page the API was found on, read now and then for the plugin's state.
    pub(super) page: Option<url::Url>,
    /// When the post page was last read.
    pub(super) page_read: Option<Instant>,
    /// The post page said the blog is archived: the next changes are the last.
    pub(super) archived: bool,
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
            ..Self::default()
        }
    }

    /// Found through the post page `page`, just read.
    pub(super) fn on_page(page: url::Url) -> Self {
        Self {
            page: Some(page),
            page_read: Some(Instant::now()),
            ..Self::default()
        }
    }
}

impl Poller {
    /// A WordPress Liveblog found through its post page `page` (just read): the page is read
    /// again now and then, for the plugin's state (see the module comment). Nothing for other
    /// sources.
    #[must_use]
    pub fn checking_post_page(mut self, page: url::Url) -> Self {
        if let Some(w) = &mut self.wordpress {
            w.page = Some(page);
            w.page_read = Some(Instant::now());
        }
        self
    }

    /// The next poll of a WordPress Liveblog whose newest change is known: its changes since
    /// then, after a read of its post page when one is due.
    pub(super) fn wordpress_request(&self) -> Option<Request> {
        let w = self.wordpress.as_ref()?;
        let latest = w.latest.filter(|_| !self.current.entries.is_empty())?;
        let start = latest.saturating_add(1);
        let now = jiff::Timestamp::now().as_second().max(start);
        let changes = self.endpoint.entries_between(start, now)?;
        let due = w.page_read.is_none_or(|t| t.elapsed() >= self.full_reread);
        Some(match w.page.clone().filter(|_| due) {
            Some(page) => Request::WordPressPage(page, changes),
            None => Request::WordPressChanges(changes),
        })
    }

    /// Reads the post page for the plugin's state, then polls the changes. A page that cannot
    /// be read is tried again at the next due time; the changes are asked all the same.
    pub(super) async fn check_post_page(
        &mut self,
        page: &url::Url,
        changes: &url::Url,
        tx: &mpsc::UnboundedSender<Event>,
    ) -> Option<Observation> {
        tracing::info!(url = %crate::net::redacted(page), "reading the WordPress post page");
        let archived = match self.client.get(page, &Validators::default()).await {
            Ok(Fetched::Modified { body, .. }) => {
                crate::formats::links::wordpress_archived(&String::from_utf8_lossy(&body))
            }
            Ok(Fetched::NotModified { .. }) => false,
            Err(error) => {
                tracing::warn!(%error, "the WordPress post page could not be read");
                false
            }
        };
        if let Some(w) = &mut self.wordpress {
            w.page_read = Some(Instant::now());
            w.archived |= archived;
        }
        self.poll_wordpress(changes, tx).await
    }

    /// `next` as it ends when the post page said the blog is archived: the changes just
    /// applied were the last, and they were the whole of what changed, so the blog counts as
    /// read whole (no closing read, which the API would answer "live").
    fn ending_if_archived(&mut self, next: &mut LiveBlog) {
        if self.wordpress.as_ref().is_some_and(|w| w.archived) {
            next.state = LiveState::Ended;
            self.last_full = Some(Instant::now());
        }
    }

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
        let (event, observed) = match self.client.get(url, &conditional).await {
            Ok(Fetched::NotModified { max_age }) => {
                let event = if wp.archived {
                    let mut next = self.current.clone();
                    self.ending_if_archived(&mut next);
                    self.adopt(next)
                } else {
                    Event::Unchanged {
                        at: jiff::Timestamp::now(),
                    }
                };
                (event, Observation::Success { max_age })
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
                            ..wp
                        });
                        if !self.interval_given
                            && let Some(secs) = answer.refresh_interval.filter(|s| *s > 0)
                        {
                            self.plan.set_interval(Duration::from_secs(secs));
                        }
                        let mut next = self.current.clone();
                        crate::formats::wordpress::apply(&mut next, answer.items);
                        self.ending_if_archived(&mut next);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::{Entry, Stamp};
    use crate::net::{Client, FetchConfig};

    /// Opened at the API address, the blog still has a post page to read for its end: the
    /// first poll reads it, as for a blog opened through the page.
    #[test]
    fn a_blog_opened_at_its_api_address_reads_its_post_page_for_the_end() {
        let api = url::Url::parse(
            "https://news.example/blog/wp-json/liveblog/v1/42/get-entries/1/latest",
        )
        .unwrap();
        let endpoint = crate::net::resolve(&api, None);
        let blog = LiveBlog {
            entries: vec![Entry {
                id: "1".into(),
                published: Stamp::parse("2024-07-04T22:00:00Z"),
                ..Entry::default()
            }],
            ..LiveBlog::default()
        };
        let client = Client::new(FetchConfig::default()).unwrap();
        let poller = Poller::new(client, endpoint, None, blog, Validators::default());
        match poller.wordpress_request() {
            Some(Request::WordPressPage(page, changes)) => {
                assert_eq!(page.as_str(), "https://news.example/blog/?p=42");
                assert!(
                    changes.path().contains("/liveblog/v1/42/entries/"),
                    "{changes}"
                );
            }
            Some(_) => panic!("the post page is not read"),
            None => panic!("no poll"),
        }
    }

    #[test]
    fn only_a_liveblog_api_address_names_a_post_page() {
        let page = |u: &str| post_page(&crate::net::resolve(&url::Url::parse(u).unwrap(), None));
        assert_eq!(
            page("http://127.0.0.1:8080/wp-json/liveblog/v1/7/").map(String::from),
            Some("http://127.0.0.1:8080/?p=7".to_string())
        );
        assert_eq!(
            page("https://news.example/blog/?rest_route=/liveblog/v1/7/get-entries/1/latest")
                .map(String::from),
            Some("https://news.example/blog/?p=7".to_string())
        );
        assert_eq!(page("https://news.example/live/blog"), None);
    }
}
