//! The addresses a page is known by, against which its `rel="next"` links are resolved and
//! judged: where it was fetched from, the addresses it names for itself (its blog's JSON-LD
//! `url`, its `<link rel="canonical">`, its `og:url`), and the address of its other version
//! (`<link rel="amphtml">`). An AMP page is often served on a path of its own (`/amp/live/x`)
//! that it names nowhere, while its blog's address is the canonical one (`/live/x`): its own
//! next page (`/amp/live/x?page=2`) is known for one only by where the page came from.

use crate::blog::LiveBlog;
use crate::blog::older::is_older_page;
use crate::formats::html;
use url::Url;

/// A page's addresses. Those read from its tree are read only when the others do not settle a
/// question, as they settle it for most pages.
pub(super) struct Own<'a> {
    page: &'a str,
    /// Where the page came from, when it was fetched.
    at: Option<&'a Url>,
    /// Its blog's `url`.
    blog: Option<Url>,
    /// What its tree names, once read.
    named: Option<Named>,
}

/// The addresses a page's head names: for itself, and for its AMP version.
#[derive(Default)]
struct Named {
    canonical: Option<Url>,
    og_url: Option<Url>,
    amphtml: Option<Url>,
}

impl<'a> Own<'a> {
    /// The addresses of `page` (fetched from `at`, when it was), whose blog is `blog`.
    pub(super) fn new(page: &'a str, blog: &LiveBlog, at: Option<&'a Url>) -> Self {
        Own {
            page,
            at,
            blog: blog.url.as_deref().and_then(|u| web_url(u, at)),
            named: None,
        }
    }

    /// The address the page's relative links lead from: where it came from, else the address
    /// it names for itself. `None` when neither is known (a saved page that names none).
    pub(super) fn base(&mut self) -> Option<Url> {
        if let Some(at) = self.at.or(self.blog.as_ref()) {
            return Some(at.clone());
        }
        let named = self.named();
        named.canonical.clone().or_else(|| named.og_url.clone())
    }

    /// Whether `next` is another page of this one at any of its addresses: its own path with
    /// another query or a page segment, which a site's next article never is. Never on a host
    /// other than the one the page came from, whatever the page names for itself: what the
    /// poller asks for next is another page of the source it reads.
    pub(super) fn pages(&mut self, next: &Url) -> bool {
        if self.at.is_some_and(|at| at.origin() != next.origin()) {
            return false;
        }
        if [self.at, self.blog.as_ref()]
            .into_iter()
            .flatten()
            .any(|own| is_older_page(own, next))
        {
            return true;
        }
        let named = self.named();
        [&named.canonical, &named.og_url, &named.amphtml]
            .into_iter()
            .flatten()
            .any(|own| is_older_page(own, next))
    }

    /// The addresses the page's head names, read from its tree the first time they are asked
    /// for.
    fn named(&mut self) -> &Named {
        let page = self.page;
        // A relative one leads from where the page is known to be.
        let base = self.at.or(self.blog.as_ref());
        self.named.get_or_insert_with(|| {
            html::parse_document(page)
                .map(|doc| named_in(&doc, base))
                .unwrap_or_default()
        })
    }
}

/// The first canonical link, `og:url` and AMP link of a page's tree, as http(s) addresses
/// (relative ones resolved against `at`, else left out).
fn named_in(doc: &scraper::Html, at: Option<&Url>) -> Named {
    let mut named = Named::default();
    for node in doc.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if el.name.ns != html5ever::ns!(html) {
            continue;
        }
        let rel_is = |word: &str| {
            el.attr("rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case(word))
            })
        };
        let (slot, value) = match &*el.name.local {
            "link" if rel_is("canonical") => (&mut named.canonical, el.attr("href")),
            "link" if rel_is("amphtml") => (&mut named.amphtml, el.attr("href")),
            "meta" if el.attr("property").or(el.attr("name")) == Some("og:url") => {
                (&mut named.og_url, el.attr("content"))
            }
            _ => continue,
        };
        if slot.is_none() {
            *slot = value.and_then(|v| web_url(v, at));
        }
    }
    named
}

/// `href` as an http(s) address, resolved against `at` when it is relative.
fn web_url(href: &str, at: Option<&Url>) -> Option<Url> {
    html::resolve_url(href, at).and_then(|u| Url::parse(&u).ok())
}
