//! Reading a paged blog's older pages one after another, for a copy of the whole blog
//! (`liveblog dump --all`). The reader loads them one at a time as you reach the end; this
//! reads them all, paced, the way a careful client walks a server's archive.

use crate::blog::LiveBlog;
use crate::blog::merge::add_history;
use crate::net::{Client, Endpoint, FetchOutcome, Validators, fetch_blog};
use std::time::Duration;

/// The most older pages read for one blog: far beyond any real live blog (the Guardian's
/// longest run to a few dozen pages), and a bound on a server whose pages never end.
pub const MOST_PAGES: usize = 500;

/// How long to wait between two requests for older pages: one a second at most.
pub const PACE: Duration = Duration::from_secs(1);

/// What fetches a source's older pages: its client and what it polls.
#[derive(Clone, Debug)]
pub struct OlderPages {
    client: Client,
    endpoint: Endpoint,
}

/// How reading every older page went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Walked {
    /// Older pages read and added.
    pub pages: usize,
    /// Why it stopped before the oldest page, one line: a failed request, a page that reached
    /// no further back, or [`MOST_PAGES`].
    pub stopped: Option<String>,
}

impl OlderPages {
    pub fn new(client: Client, endpoint: Endpoint) -> Self {
        Self { client, endpoint }
    }

    /// Adds every older page to `blog`, oldest last, waiting `wait` before each request, until
    /// a page names none older. What was read before a failure is kept.
    pub async fn read_all(&self, blog: &mut LiveBlog, wait: Duration) -> Walked {
        let mut walked = Walked::default();
        while let Some(pointer) = blog.older.clone() {
            if walked.pages == MOST_PAGES {
                walked.stopped = Some(format!("stopped after {MOST_PAGES} older pages"));
                break;
            }
            let Some(url) = self.endpoint.older_page_of(&pointer, blog.url.as_deref()) else {
                walked.stopped = Some("the blog's older pages cannot be read here".into());
                break;
            };
            tokio::time::sleep(wait).await;
            let page = match fetch_blog(&self.client, &url, &Validators::default()).await {
                Ok(FetchOutcome::Updated { blog: page, .. }) => *page,
                Ok(FetchOutcome::Unchanged { .. }) => {
                    walked.stopped = Some("an older page did not come back".into());
                    break;
                }
                Err(e) => {
                    walked.stopped = Some(format!("could not read an older page: {e}"));
                    break;
                }
            };
            let before = blog.entries.len();
            *blog = add_history(blog, page);
            walked.pages += 1;
            if led_back(before, blog, &pointer) {
                walked.stopped = Some("an older page led back to itself".into());
                break;
            }
        }
        walked
    }
}

/// Whether the page `pointer` named, just added to `blog` (which had `before` entries), added
/// nothing and points where it was pointed from: asked again, it would go round.
pub(super) fn led_back(before: usize, blog: &LiveBlog, pointer: &str) -> bool {
    blog.entries.len() == before && blog.older.as_deref() == Some(pointer)
}
