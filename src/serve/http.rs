//! The HTTP side: one handler that routes by path, renders the snapshot of the moment in the
//! asked format, and answers conditional requests.
//!
//! Routes (GET and HEAD; anything else is 405):
//!
//! | path | format |
//! |---|---|
//! | `/` | index page listing the URLs below |
//! | `/live.json`, and any `…/live/….json` path such as `<page path>.json` | Guardian page JSON; with `?lastUpdate=block-<id>`, the answer of the page's live poll |
//! | `/capi/<any path>` | Content API item; `show-blocks` honoured, `api-key` ignored |
//! | `/live.html`, and any other `…/live/…` path such as `<page path>` | HTML page with JSON-LD |
//! | `/feed.xml` | RSS 2.0 |
//! | `/feed.atom` | Atom |
//! | `/liveblog.json` | liveblog JSON |
//! | `/live.txt` | plain text |
//! | `/wordpress/`, `/?p=1` | a WordPress post page carrying the Liveblog plugin's settings, no entries |
//! | `/wp-json/liveblog/v1/1/entries/<start>/<end>`, `…/get-entries/<page>/<last>`, `…/get-key-events/<last>` | the WordPress Liveblog plugin's REST API |
//! | `/?rest_route=/liveblog/v1/1/…` | the same, as a site without pretty permalinks serves it |
//!
//! The Guardian page JSON, the HTML page and the AMP page answer `?page=with:block-<id>` as
//! the Guardian's pages do, with the page that holds that entry (the whole blog, unless the
//! replay pages it: [`super::pages`]), and 404 when no entry of the replay is that one.
//!
//! Every answer carries `ETag` (quoted: replay fingerprint, snapshot version, format),
//! `Last-Modified` and `Cache-Control: max-age` (never past the next change). `If-None-Match`
//! (a list, `*`, weak or strong tags) and, without it, `If-Modified-Since` give 304.

use super::clock::Clock;
use super::timeline::{Snapshot, Timeline};
use super::writers::{self, Site};
use crate::blog::{LiveState, text_id};
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// What the server serves, named as in [`super::Server::urls`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    Index,
    Guardian,
    Capi,
    Html,
    /// An AMP page with a live list.
    Amp,
    Rss,
    Atom,
    Native,
    Text,
    /// A WordPress post page pointing to the plugin's API.
    WordPress,
    /// The plugin's REST API (not listed: the post page names it).
    WordPressApi,
}

impl Route {
    /// Every format, in the order the index lists them.
    pub const FORMATS: [Route; 9] = [
        Route::Guardian,
        Route::Capi,
        Route::Html,
        Route::Amp,
        Route::Rss,
        Route::Atom,
        Route::Native,
        Route::Text,
        Route::WordPress,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Route::Index => "index",
            Route::Guardian => "guardian",
            Route::Capi => "capi",
            Route::Html => "html",
            Route::Amp => "amp",
            Route::Rss => "rss",
            Route::Atom => "atom",
            Route::Native => "json",
            Route::Text => "text",
            Route::WordPress => "wordpress",
            Route::WordPressApi => "wordpress-api",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Route::Index => "this page",
            Route::Guardian => "Guardian page JSON",
            Route::Capi => "Guardian Content API item",
            Route::Html => "HTML page with schema.org LiveBlogPosting",
            Route::Amp => "AMP page with a live list",
            Route::Rss => "RSS 2.0 feed",
            Route::Atom => "Atom feed",
            Route::Native => "liveblog JSON",
            Route::Text => "plain text",
            Route::WordPress => {
                "WordPress post page (its live data through the Liveblog plugin's API)"
            }
            Route::WordPressApi => "WordPress Liveblog REST API",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Route::Index | Route::Html | Route::Amp | Route::WordPress => {
                "text/html; charset=utf-8"
            }
            Route::Guardian | Route::Capi | Route::Native | Route::WordPressApi => {
                "application/json"
            }
            Route::Rss => "application/rss+xml; charset=utf-8",
            Route::Atom => "application/atom+xml; charset=utf-8",
            Route::Text => "text/plain; charset=utf-8",
        }
    }

    /// The route's URL on a site.
    pub fn url(self, site: &Site) -> String {
        let path = match self {
            Route::Index => "/".to_string(),
            Route::Guardian => format!("{}.json", site.page_path),
            Route::Capi => format!("/capi{}", site.page_path),
            Route::Html => "/live.html".into(),
            Route::Amp => "/live.amp.html".into(),
            Route::Rss => "/feed.xml".into(),
            Route::Atom => "/feed.atom".into(),
            Route::Native => "/liveblog.json".into(),
            Route::Text => "/live.txt".into(),
            Route::WordPress => writers::wordpress::PAGE_PATH.into(),
            Route::WordPressApi => {
                return format!("{}get-entries/1/latest", writers::wordpress::api_base(site));
            }
        };
        format!("{}{path}", site.base)
    }

    /// Which route a path is, if any.
    pub fn of_path(path: &str) -> Option<Route> {
        match path {
            "/" | "/index.html" => Some(Route::Index),
            "/live.json" => Some(Route::Guardian),
            "/live.html" => Some(Route::Html),
            "/live.amp.html" => Some(Route::Amp),
            "/feed.xml" => Some(Route::Rss),
            "/feed.atom" => Some(Route::Atom),
            "/liveblog.json" => Some(Route::Native),
            "/live.txt" => Some(Route::Text),
            "/wordpress/" | "/wordpress" => Some(Route::WordPress),
            p if p.starts_with("/wp-json/liveblog/v1/") => Some(Route::WordPressApi),
            p if p.starts_with("/capi/") && p.len() > "/capi/".len() => Some(Route::Capi),
            p if p.contains("/live/") && !p.contains("..") => {
                let ext = std::path::Path::new(p).extension();
                if ext.is_some_and(|e| e.eq_ignore_ascii_case("json")) {
                    Some(Route::Guardian)
                } else {
                    Some(Route::Html)
                }
            }
            _ => None,
        }
    }
}

/// Everything a request needs; shared by all connections.
pub(super) struct AppState {
    pub timeline: Timeline,
    pub clock: Arc<dyn Clock>,
    pub site: Site,
    pub max_age: Duration,
    /// Entries a page of the blog's page formats (see [`super::pages`]); `None` is one page.
    pub page_size: Option<usize>,
    cache: Mutex<Cache>,
}

/// The snapshot and the documents rendered for the current version, so a burst of polls
/// renders each format once.
#[derive(Default)]
struct Cache {
    version: u64,
    snapshot: Option<Arc<Snapshot>>,
    bodies: HashMap<String, Arc<String>>,
}

impl AppState {
    pub fn new(timeline: Timeline, clock: Arc<dyn Clock>, site: Site, max_age: Duration) -> Self {
        Self {
            timeline,
            clock,
            site,
            max_age,
            page_size: None,
            cache: Mutex::new(Cache::default()),
        }
    }

    /// The snapshot of `elapsed` and the body for `key`, rendered once per version.
    fn render(
        &self,
        elapsed: Duration,
        key: &str,
        render: impl FnOnce(&Snapshot) -> String,
    ) -> (Arc<Snapshot>, Arc<String>) {
        let version = self.timeline.version_at(elapsed);
        let snap = {
            let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            match &cache.snapshot {
                Some(s) if cache.version == version => {
                    let s = Arc::clone(s);
                    if let Some(b) = cache.bodies.get(key) {
                        return (s, Arc::clone(b));
                    }
                    s
                }
                _ => {
                    let s = Arc::new(self.timeline.at(elapsed));
                    cache.version = version;
                    cache.snapshot = Some(Arc::clone(&s));
                    cache.bodies.clear();
                    s
                }
            }
        };
        // Rendered outside the lock; two racing requests may both render, which is harmless.
        let body = Arc::new(render(&snap));
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if cache.version == version && cache.bodies.len() < 64 {
            cache.bodies.insert(key.to_string(), Arc::clone(&body));
        }
        (snap, body)
    }
}

/// The one handler: every path comes here.
pub(super) async fn handle(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let response = respond(&state, &method, &uri, &headers);
    tracing::debug!(
        method = %method,
        path = %uri.path(),
        status = response.status().as_u16(),
        "request"
    );
    response
}

/// The route of a request: its path's, except that `/?p=1` is the WordPress post page, as
/// WordPress answers `/?p=<post id>` with that post, for a reader that knows only the plugin's
/// API address (which names post 1); and `/?rest_route=/liveblog/v1/…` is the plugin's API,
/// as a WordPress site without pretty permalinks serves it.
fn route_of(uri: &Uri) -> Option<Route> {
    let route = Route::of_path(uri.path())?;
    if route != Route::Index {
        return Some(route);
    }
    let query = uri.query().unwrap_or("");
    if query_param(query, "p").as_deref() == Some("1") {
        Some(Route::WordPress)
    } else if plain_rest_route(uri).is_some() {
        Some(Route::WordPressApi)
    } else {
        Some(route)
    }
}

/// The plugin's route a request of the WordPress API asks for, and its path under
/// `/wp-json` (the same for either form of the address).
fn wordpress_api_route(uri: &Uri) -> Option<(String, writers::wordpress::ApiRoute)> {
    let path = plain_rest_route(uri).unwrap_or_else(|| uri.path().to_string());
    let route = writers::wordpress::ApiRoute::of_path(&path)?;
    Some((path, route))
}

/// The path under `/wp-json` a request of WordPress's plain form (`/?rest_route=/liveblog/v1/…`)
/// names: the same route as the pretty form's.
fn plain_rest_route(uri: &Uri) -> Option<String> {
    let route = query_param(uri.query()?, "rest_route")?;
    route
        .starts_with("/liveblog/v1/")
        .then(|| format!("/wp-json{route}"))
}

fn respond(state: &AppState, method: &Method, uri: &Uri, headers: &HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD.\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let Some(route) = route_of(uri) else {
        return plain(
            StatusCode::NOT_FOUND,
            "Not found. The index at / lists what is served here.\n",
        );
    };
    let asked = match asked(route, uri) {
        Ok(a) => a,
        Err(why) => return plain(StatusCode::NOT_FOUND, why),
    };
    let elapsed = state.clock.elapsed();
    let with = asked.with.as_deref();
    let (snap, body) = state.render(elapsed, &asked.key, |snap| match route {
        Route::Index => index(state, snap),
        Route::Guardian => match &asked.last_update {
            Some(id) => writers::live_update(snap, id),
            None => page(state, snap, with)
                .map_or_else(String::new, |p| writers::guardian_page(&p, &state.site)),
        },
        Route::Capi => writers::capi_item(snap, &state.site, asked.show_blocks.as_deref()),
        Route::Html => page(state, snap, with)
            .map_or_else(String::new, |p| writers::html_page(&p, &state.site)),
        Route::Amp => page(state, snap, with)
            .map_or_else(String::new, |p| writers::amp::amp_page(&p, &state.site)),
        Route::Rss => writers::rss(snap, &state.site),
        Route::Atom => writers::atom(snap, &state.site),
        Route::Native => writers::native(snap, &state.site),
        Route::Text => writers::text(snap),
        Route::WordPress => writers::wordpress::post_page(snap, &state.site),
        Route::WordPressApi => match &asked.wp_route {
            Some((_, r)) => writers::wordpress::answer(snap, *r),
            None => String::new(),
        },
    });
    if with.is_some_and(|id| snap.blog.position(id).is_none()) {
        return plain(
            StatusCode::NOT_FOUND,
            "Not found. No page of this replay holds that entry: the blog replayed may have \
             had it on a page the replay was not given.\n",
        );
    }
    let key = asked.key;

    let etag = format!(
        "\"{:016x}-{}-{key}\"",
        state.timeline.fingerprint(),
        snap.version
    );
    let last_modified = httpdate::fmt_http_date(SystemTime::from(snap.last_modified));
    let max_age = snap
        .next_change
        .map_or(state.max_age, |next| next.saturating_sub(elapsed))
        .min(state.max_age);

    let not_modified = match headers.get(header::IF_NONE_MATCH) {
        Some(inm) => inm.to_str().is_ok_and(|v| etag_matches(v, &etag)),
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .is_some_and(|since| SystemTime::from(snap.last_modified) <= since),
    };

    let mut builder = Response::builder()
        .header(header::ETAG, etag)
        .header(header::LAST_MODIFIED, last_modified)
        .header(
            header::CACHE_CONTROL,
            format!("max-age={}", max_age.as_secs()),
        );
    let response = if not_modified {
        builder.status(StatusCode::NOT_MODIFIED).body(Body::empty())
    } else {
        builder = builder
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, route.content_type())
            .header(header::CONTENT_LENGTH, body.len());
        if method == Method::HEAD {
            builder.body(Body::empty())
        } else {
            builder.body(Body::from(body.as_str().to_owned()))
        }
    };
    response.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "could not build a response");
        plain(StatusCode::INTERNAL_SERVER_ERROR, "Internal error.\n")
    })
}

/// What a request asks of its route beyond the route itself, read from its query.
struct Asked {
    /// The Content API's `show-blocks`.
    show_blocks: Option<String>,
    /// The Guardian page's own live poll: "how many blocks are newer than this one?"
    last_update: Option<String>,
    /// The WordPress plugin's route, and its path.
    wp_route: Option<(String, writers::wordpress::ApiRoute)>,
    /// The entry whose page a page format is asked for (`?page=with:block-<id>`), as the
    /// Guardian's page is: the page that holds it.
    with: Option<String>,
    /// What the body is cached and tagged under: the route and what is asked of it.
    key: String,
}

/// What `uri` asks of `route`; why it is not found when it asks for nothing served.
fn asked(route: Route, uri: &Uri) -> Result<Asked, &'static str> {
    let query = uri.query().unwrap_or("");
    let show_blocks = (route == Route::Capi)
        .then(|| query_param(query, "show-blocks"))
        .flatten();
    let last_update = (route == Route::Guardian)
        .then(|| query_param(query, "lastUpdate"))
        .flatten();
    let with = (matches!(route, Route::Guardian | Route::Html | Route::Amp)
        && last_update.is_none())
    .then(|| query_param(query, "page"))
    .flatten()
    .and_then(|p| super::pages::page_with(&p).map(str::to_string));
    let wp_route = if route == Route::WordPressApi {
        let Some(r) = wordpress_api_route(uri) else {
            return Err("Not found. The WordPress post page at /wordpress/ names the API.\n");
        };
        Some(r)
    } else {
        None
    };
    let id = |s: &str| text_id("", s)[..8].to_string();
    let key = match (&show_blocks, &last_update, &with) {
        _ if let Some((path, _)) = &wp_route => format!("{}-{}", route.name(), id(path)),
        (Some(q), _, _) => format!("{}-{}", route.name(), id(q)),
        (None, Some(b), _) => format!("{}-update-{}", route.name(), id(b)),
        (None, None, Some(e)) => format!("{}-page-{}", route.name(), id(e)),
        (None, None, None) => route.name().to_string(),
    };
    Ok(Asked {
        show_blocks,
        last_update,
        wp_route,
        with,
        key,
    })
}

/// The page of the blog a page format is asked for: the whole blog, unless the replay pages it
/// ([`super::pages`]); the page that holds entry `with` when one is named, and `None` when no
/// entry is that one.
fn page<'a>(state: &AppState, snap: &'a Snapshot, with: Option<&str>) -> Option<Cow<'a, Snapshot>> {
    match (state.page_size, with) {
        (None, None) => Some(Cow::Borrowed(snap)),
        (None, Some(id)) => snap.blog.position(id).map(|_| Cow::Borrowed(snap)),
        (Some(size), with) => super::pages::page_of(snap, size, with).map(Cow::Owned),
    }
}

/// `If-None-Match` against our tag: `*`, or any listed tag equal byte for byte once a weak
/// `W/` prefix is set aside (the weak comparison RFC 9110 asks of `If-None-Match`).
fn etag_matches(header: &str, etag: &str) -> bool {
    let ours = etag.trim_start_matches("W/");
    header.split(',').map(str::trim).any(|t| {
        let t = t.strip_prefix("W/").unwrap_or(t);
        t == "*" || t == ours
    })
}

fn query_param(query: &str, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.chars().take(1000).collect())
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

fn index(state: &AppState, snap: &Snapshot) -> String {
    let e = writers::escape;
    let blog = &snap.blog;
    let status = match blog.state {
        LiveState::Live => "live",
        LiveState::Ended => "ended",
        LiveState::Unknown => "unknown",
    };
    let mut o = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>liveblog replay: {}</title>\n\
         <link rel=\"alternate\" type=\"application/json\" href=\"{}\">\n\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"{}\">\n\
         </head>\n<body>\n<h1>{}</h1>\n\
         <p>A replay served by liveblog: {status}, {} entries, version {}.</p>\n<ul>\n",
        e(&blog.title),
        e(&Route::Native.url(&state.site)),
        e(&Route::Rss.url(&state.site)),
        e(&blog.title),
        blog.entries.len(),
        snap.version
    );
    for r in Route::FORMATS {
        let url = r.url(&state.site);
        let _ = writeln!(
            o,
            "<li>{}: <a href=\"{1}\">{1}</a></li>",
            r.describe(),
            e(&url)
        );
    }
    o.push_str("</ul>\n</body>\n</html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_route_to_formats() {
        assert_eq!(Route::of_path("/"), Some(Route::Index));
        assert_eq!(Route::of_path("/live.json"), Some(Route::Guardian));
        assert_eq!(
            Route::of_path("/world/live/2025/feb/17/some-slug.json"),
            Some(Route::Guardian)
        );
        assert_eq!(
            Route::of_path("/world/live/2025/feb/17/some-slug"),
            Some(Route::Html)
        );
        assert_eq!(
            Route::of_path("/capi/world/live/2025/feb/17/x"),
            Some(Route::Capi)
        );
        assert_eq!(Route::of_path("/capi/"), None);
        assert_eq!(Route::of_path("/feed.xml"), Some(Route::Rss));
        assert_eq!(Route::of_path("/feed.atom"), Some(Route::Atom));
        assert_eq!(Route::of_path("/liveblog.json"), Some(Route::Native));
        assert_eq!(Route::of_path("/live.txt"), Some(Route::Text));
        assert_eq!(Route::of_path("/nope"), None);
        assert_eq!(Route::of_path("/other.json"), None);
    }

    #[test]
    fn if_none_match_compares_tags_byte_for_byte() {
        let ours = "\"abc-1-text\"";
        assert!(etag_matches("\"abc-1-text\"", ours));
        assert!(etag_matches("W/\"abc-1-text\"", ours));
        assert!(etag_matches("\"x\", \"abc-1-text\"", ours));
        assert!(etag_matches("*", ours));
        assert!(!etag_matches("\"abc-1-TEXT\"", ours));
        assert!(!etag_matches("abc-1-text", ours));
        assert!(!etag_matches("\"abc-2-text\"", ours));
        assert!(!etag_matches("", ours));
    }

    #[test]
    fn the_show_blocks_parameter_is_read_from_the_query() {
        assert_eq!(
            query_param("api-key=test&show-blocks=body%3Alatest%3A5", "show-blocks").as_deref(),
            Some("body:latest:5")
        );
        assert_eq!(query_param("api-key=test", "show-blocks"), None);
    }
}
