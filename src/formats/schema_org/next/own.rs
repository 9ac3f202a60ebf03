//! The addresses a page is known by, against which its `rel="next"` links are resolved and
//! judged: where it was fetched from and the addresses it names for itself (its blog's JSON-LD
//! `url`, its `<link rel="canonical">`, its `og:url`). An AMP page is often served on a path of
//! its own (`/amp/live/x`) that it names nowhere, while its blog's address is the canonical one
//! (`/live/x`): only where the page came from tells its own next page (`/amp/live/x?page=2`)
//! from a next article. A canonical page that names its AMP version's next page is not paged
//! by it: the poller pages a blog by its own address and the one it reads, never by the
//! `amphtml` one, and an older page announced must be one it can load.

use super::NextLinks;
use crate::blog::LiveBlog;
use crate::blog::older::is_older_page;
use crate::formats::html;
use url::Url;

/// A page's addresses, as http(s) addresses.
pub(super) struct Own<'a> {
    /// Where the page came from, when it was fetched.
    at: Option<&'a Url>,
    /// Its blog's `url`, its canonical link and its `og:url`: what it names for itself.
    named: [Option<Url>; 3],
}

impl<'a> Own<'a> {
    /// The addresses of a page (fetched from `at`, when it was) whose blog is `blog` and that
    /// names `links`.
    pub(super) fn new(links: &NextLinks, blog: &LiveBlog, at: Option<&'a Url>) -> Self {
        let blog = blog.url.as_deref().and_then(|u| web_url(u, at));
        // A relative one leads from where the page is known to be.
        let base = at.or(blog.as_ref());
        let read = |href: &Option<String>| href.as_deref().and_then(|h| web_url(h, base));
        let (canonical, og_url) = (read(&links.canonical), read(&links.og_url));
        Own {
            at,
            named: [blog, canonical, og_url],
        }
    }

    /// The address the page's relative links lead from: where it came from, else the first
    /// address it names for itself. `None` when neither is known (a saved page that names
    /// none).
    pub(super) fn base(&self) -> Option<Url> {
        self.at
            .cloned()
            .or_else(|| self.named.iter().flatten().next().cloned())
    }

    /// Whether `next` is another page of this one at any of its addresses: its own path with
    /// another query or a page segment, which a site's next article never is. Never on a host
    /// other than the one the page came from, whatever the page names for itself: what the
    /// poller asks for next is another page of the source it reads.
    pub(super) fn pages(&self, next: &Url) -> bool {
        if self.at.is_some_and(|at| at.origin() != next.origin()) {
            return false;
        }
        self.at
            .into_iter()
            .chain(self.named.iter().flatten())
            .any(|own| is_older_page(own, next))
    }
}

/// `href` as an http(s) address, resolved against `at` when it is relative.
fn web_url(href: &str, at: Option<&Url>) -> Option<Url> {
    html::resolve_url(href, at).and_then(|u| Url::parse(&u).ok())
}
