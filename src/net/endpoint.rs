//! From the URL a user pastes to the URL actually fetched.
//!
//! A theguardian.com article URL is not itself a good thing to poll: its HTML is heavy and
//! carries only the current page. The same path answers as structured JSON at
//! `<path>.json?dcr` (no key), or through the Content API (with a key). Every other URL is
//! fetched as given.

use std::fmt;
use url::Url;

/// Where the Guardian's site lives.
const GUARDIAN_SITE: &str = "https://www.theguardian.com";
/// The Guardian Content API.
const CAPI: &str = "https://content.guardianapis.com";
/// Hosts serving Guardian article pages under the same paths.
const GUARDIAN_HOSTS: [&str; 4] = [
    "www.theguardian.com",
    "theguardian.com",
    "amp.theguardian.com",
    "m.theguardian.com",
];
/// Latest entries asked for when a blog is opened through the Content API: enough to fill a
/// few screens, few enough to keep the response small.
pub const OPEN_LATEST: u32 = 30;
/// What the Content API is asked for, besides blocks. `liveBloggingNow` says whether to keep
/// polling; `lastModified` dates the whole blog.
const CAPI_FIELDS: &str = "headline,standfirst,liveBloggingNow,lastModified,byline";
/// Query parameters whose values are secrets, hidden by [`redacted`].
const SECRET_PARAMS: [&str; 7] = [
    "api-key",
    "api_key",
    "apikey",
    "key",
    "token",
    "access_token",
    "password",
];

/// What to fetch for a source URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// The Guardian's page JSON, `https://www.theguardian.com/<path>.json?dcr` (no key).
    GuardianPage(Url),
    /// A Guardian Content API item, fetched with the user's key.
    ContentApi {
        /// The item's URL without a query: `https://content.guardianapis.com/<path>`.
        item: Url,
        key: String,
    },
    /// A post of the WordPress Liveblog plugin, read through its REST routes under this base
    /// (`…/wp-json/liveblog/v1/<post>/`, ending in `/`, or `…?rest_route=/liveblog/v1/<post>/`
    /// on a site without pretty permalinks).
    WordPress(Url),
    /// Anything else, fetched as given (including URLs already pointing at `.json` or at
    /// content.guardianapis.com).
    Direct(Url),
}

/// What a Content API refresh asks for: only what is new since the last poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since<'a> {
    /// Blocks published since this instant (epoch milliseconds), `body:published-since:<ms>`.
    PublishedSince(i64),
    /// The block with this id and up to `n` blocks either side, `body:around:<id>:<n>`; the
    /// Guardian's own site polls with `n = 5`.
    Around { block_id: &'a str, n: u32 },
}

// A hand-written Debug so that an API key never lands in a log through `{:?}`.
impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::GuardianPage(u) => f.debug_tuple("GuardianPage").field(&u.as_str()).finish(),
            Endpoint::ContentApi { item, .. } => f
                .debug_struct("ContentApi")
                .field("item", &item.as_str())
                .field("key", &"***")
                .finish(),
            Endpoint::WordPress(u) => f.debug_tuple("WordPress").field(&redacted(u)).finish(),
            Endpoint::Direct(u) => f.debug_tuple("Direct").field(&redacted(u)).finish(),
        }
    }
}

/// Decides what to fetch for `url`. With a Guardian key, Guardian articles go through the
/// Content API; without one, through the page JSON.
pub fn resolve(url: &Url, guardian_key: Option<&str>) -> Endpoint {
    if let Some(api) = wordpress_base(url) {
        return Endpoint::WordPress(api);
    }
    let Some(path) = guardian_article_path(url) else {
        return Endpoint::Direct(url.clone());
    };
    let key = guardian_key.map(str::trim).filter(|k| !k.is_empty());
    // The path came out of a parsed URL, so these parse; if one ever did not, fetching the
    // URL as given is still correct, only less efficient.
    let mapped = match key {
        Some(key) => Url::parse(&format!("{CAPI}/{path}"))
            .ok()
            .map(|item| Endpoint::ContentApi {
                item,
                key: key.to_string(),
            }),
        None => page_json_url(&path).map(Endpoint::GuardianPage),
    };
    mapped.unwrap_or_else(|| Endpoint::Direct(url.clone()))
}

impl Endpoint {
    /// The URL that loads the blog when it is opened.
    pub fn open_url(&self) -> Url {
        match self {
            Endpoint::GuardianPage(u) | Endpoint::Direct(u) => u.clone(),
            Endpoint::WordPress(api) => wordpress_route(api, "get-entries/1/latest"),
            Endpoint::ContentApi { item, key } => capi_url(
                item,
                key,
                &format!("main,body:latest:{OPEN_LATEST},body:key-events,body:summary,body:pinned"),
            ),
        }
    }

    /// The URL that polls for what changed. Only the Content API can ask for just the new
    /// blocks (it counts every call against the key's budget, so small answers matter less
    /// than few calls, but they parse faster); other endpoints refresh with the open URL and
    /// rely on conditional requests.
    pub fn refresh_url(&self, since: Since<'_>) -> Url {
        match self {
            Endpoint::GuardianPage(_) | Endpoint::Direct(_) | Endpoint::WordPress(_) => {
                self.open_url()
            }
            Endpoint::ContentApi { item, key } => {
                let blocks = match since {
                    Since::PublishedSince(ms) => format!("body:published-since:{ms}"),
                    Since::Around { block_id, n } => {
                        format!("body:around:{}:{n}", encode(block_id))
                    }
                };
                capi_url(item, key, &blocks)
            }
        }
    }

    /// The URL of the next older page, from a blog's `older` link (the Guardian page JSON's
    /// `pagination.older`, see [`older_page_url`]; or the whole address a page's `rel="next"`
    /// gives, once it is another page of this one, see
    /// [`is_older_page`](crate::blog::older::is_older_page)). The Content API has no page
    /// cursor, so a Content API blog has no older page here.
    pub fn older_page(&self, older: &str) -> Option<Url> {
        match self {
            Endpoint::Direct(u) if let Ok(next) = Url::parse(older.trim()) => {
                crate::blog::older::is_older_page(u, &next).then_some(next)
            }
            Endpoint::GuardianPage(u) | Endpoint::Direct(u) => older_page_url(u, older),
            // `<page>/<id>-<timestamp>`, as `formats::wordpress` writes it; nothing else, since
            // the value comes from the server.
            Endpoint::WordPress(api) => {
                let (page, last) = older.split_once('/')?;
                let fine = |s: &str, extra: &[char]| {
                    !s.is_empty()
                        && s.chars()
                            .all(|c| c.is_ascii_alphanumeric() || extra.contains(&c))
                };
                (fine(page, &[]) && page.chars().all(|c| c.is_ascii_digit()) && fine(last, &['-']))
                    .then(|| wordpress_route(api, &format!("get-entries/{page}/{last}")))
            }
            Endpoint::ContentApi { .. } => None,
        }
    }

    /// As [`Endpoint::older_page`], for a blog whose pages name `own` as its `url`: a whole
    /// next address may also be another page of that address on this endpoint's host, as an
    /// AMP page served apart from its canonical page may name the canonical page's next page.
    pub fn older_page_of(&self, older: &str, own: Option<&str>) -> Option<Url> {
        if let Some(url) = self.older_page(older) {
            return Some(url);
        }
        let (Endpoint::Direct(u), Some(own)) = (self, own) else {
            return None;
        };
        let (own, next) = (Url::parse(own.trim()).ok()?, Url::parse(older.trim()).ok()?);
        (own.origin() == u.origin() && crate::blog::older::is_older_page(&own, &next))
            .then_some(next)
    }

    /// The WordPress Liveblog changes with timestamps in `[start, end]` (epoch seconds), the
    /// plugin's own poll; `None` for other endpoints.
    pub fn entries_between(&self, start: i64, end: i64) -> Option<Url> {
        match self {
            Endpoint::WordPress(api) => {
                Some(wordpress_route(api, &format!("entries/{start}/{end}")))
            }
            _ => None,
        }
    }

    /// The WordPress Liveblog key events; `None` for other endpoints.
    pub fn key_events(&self) -> Option<Url> {
        match self {
            Endpoint::WordPress(api) => Some(wordpress_route(api, "get-key-events/latest")),
            _ => None,
        }
    }

    /// Whether polling this endpoint spends a Content API key's daily budget: our own Content
    /// API mapping, or a content.guardianapis.com URL the user gave as is.
    pub fn uses_api_key(&self) -> bool {
        match self {
            Endpoint::ContentApi { .. } => true,
            Endpoint::Direct(u) => u
                .host_str()
                .is_some_and(|h| h.eq_ignore_ascii_case("content.guardianapis.com")),
            Endpoint::GuardianPage(_) | Endpoint::WordPress(_) => false,
        }
    }

    /// The poll interval for this endpoint: the user's `requested` one if set (never below
    /// [`MIN_INTERVAL`](super::schedule::MIN_INTERVAL)); otherwise the default, stretched to
    /// a developer key's daily budget when the Content API is polled (see
    /// [`Budget`](super::schedule::Budget)).
    pub fn poll_interval(&self, requested: Option<std::time::Duration>) -> std::time::Duration {
        if self.uses_api_key() {
            super::schedule::Budget::GUARDIAN_DEVELOPER.interval(requested)
        } else {
            super::schedule::effective_interval(requested)
        }
    }
}

/// The plugin's REST base for a URL under it (`…/wp-json/liveblog/v1/<post>/…`): whichever
/// route was pasted, the blog is read through all of them. A site without pretty permalinks
/// serves the same routes as `<site>/?rest_route=/liveblog/v1/<post>/…`, which gives a base of
/// that form.
pub fn wordpress_base(url: &Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let mut base = url.clone();
    base.set_fragment(None);
    let path = url.path();
    if let Some(at) = path.find(WP_JSON_LIVEBLOG) {
        let at = at + WP_JSON_LIVEBLOG.len();
        let post = liveblog_post(&path[at..])?;
        base.set_path(&format!("{}{post}/", &path[..at]));
        base.set_query(None);
    } else {
        let route = rest_route(url)?;
        let post = liveblog_post(route.strip_prefix(LIVEBLOG_ROUTE)?)?;
        base.set_query(Some(&format!("rest_route={LIVEBLOG_ROUTE}{post}/")));
    }
    Some(base)
}

/// Where the plugin's routes are under a site with pretty permalinks.
const WP_JSON_LIVEBLOG: &str = "/wp-json/liveblog/v1/";

/// The plugin's routes, as WordPress names them (the path under `/wp-json`, or the value of
/// `rest_route`).
const LIVEBLOG_ROUTE: &str = "/liveblog/v1/";

/// The post id a route under the plugin's starts with: digits, then nothing or `/`.
fn liveblog_post(rest: &str) -> Option<&str> {
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    (n > 0 && matches!(rest.as_bytes().get(n), None | Some(b'/'))).then(|| &rest[..n])
}

/// The REST route a URL of WordPress's plain form (`?rest_route=/…`) names, decoded.
pub fn rest_route(url: &Url) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == "rest_route")
        .map(|(_, v)| v.into_owned())
}

/// The plugin's `route` under the REST base `api`, in the form the base is written in.
fn wordpress_route(api: &Url, route: &str) -> Url {
    if let Some(base) = rest_route(api) {
        let mut url = api.clone();
        url.set_query(Some(&format!("rest_route={base}{route}")));
        return url;
    }
    api.join(route).unwrap_or_else(|_| api.clone())
}

/// The Guardian article path of `url` (`politics/live/2023/dec/13/slug`), or `None` when the
/// URL is not a Guardian article page (another host, the front page, or already a `.json`).
fn guardian_article_path(url: &Url) -> Option<String> {
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    if !GUARDIAN_HOSTS.contains(&host.as_str()) || url.port().is_some() {
        return None;
    }
    let path = url.path().trim_matches('/');
    let is_json = path
        .rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("json"));
    if path.is_empty() || is_json {
        return None;
    }
    Some(path.to_string())
}

fn page_json_url(path: &str) -> Option<Url> {
    let mut u = Url::parse(&format!("{GUARDIAN_SITE}/{path}.json")).ok()?;
    u.set_query(Some("dcr"));
    Some(u)
}

fn capi_url(item: &Url, key: &str, blocks: &str) -> Url {
    let mut u = item.clone();
    // Built by hand rather than with `query_pairs_mut`, which would percent-encode the `,` and
    // `:` of `show-blocks`; the documented form (and what the site sends) has them literal.
    u.set_query(Some(&format!(
        "api-key={}&show-blocks={blocks}&show-fields={CAPI_FIELDS}",
        encode(key)
    )));
    u
}

fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The Guardian page's own live poll for a blog read from `page_json` (any host): the same
/// path with `lastUpdate=block-<id>&isLivePage=true&dcr=true`, asking how many blocks are newer
/// than `block_id`. The site polls `api.nextgen.guardianapps.co.uk` with it; the page's own
/// host serves the same routes, and a replay or mirror has only its own.
pub fn guardian_update_url(page_json: &Url, block_id: &str) -> Url {
    let mut u = page_json.clone();
    u.set_fragment(None);
    u.set_query(Some(&format!(
        "lastUpdate=block-{}&isLivePage=true&dcr=true",
        encode(block_id)
    )));
    u
}

/// The URL of the next older page of a Guardian page-JSON blog.
///
/// `older` is the page JSON's `pagination.older`, a query suffix such as
/// `?page=with:block-6579c37e8f08e3b7ab1a2fd6`. It is resolved against `base`, the blog's
/// page-JSON URL, keeping `dcr` so the answer is JSON again. Anything that is not a plain
/// query suffix (a path, another host) is refused: the value comes from the server, and must
/// not send us elsewhere.
pub fn older_page_url(base: &Url, older: &str) -> Option<Url> {
    let query = older.trim().strip_prefix('?')?;
    if query.is_empty() || query.contains('#') {
        return None;
    }
    let mut parts: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let had_dcr = base
        .query()
        .is_some_and(|q| q.split('&').any(|p| p == "dcr" || p.starts_with("dcr=")));
    if had_dcr && !parts.iter().any(|p| *p == "dcr" || p.starts_with("dcr=")) {
        parts.push("dcr");
    }
    let mut u = base.clone();
    u.set_fragment(None);
    u.set_query(Some(&parts.join("&")));
    Some(u)
}

/// `url` for display and logs: secrets in the query (`api-key` and the like) replaced by
/// `***`, a password in the authority likewise, the rest kept so the URL is still recognisable.
pub fn redacted(url: &Url) -> String {
    let mut u = url.clone();
    if u.password().is_some() {
        // Only fails for URLs that cannot have a password, which this one evidently can.
        let _ = u.set_password(Some("***"));
    }
    if let Some(query) = url.query() {
        let shown: Vec<String> = query
            .split('&')
            .map(|part| {
                let (name, _) = part.split_once('=').unwrap_or((part, ""));
                let decoded: String = url::form_urlencoded::parse(name.as_bytes())
                    .map(|(k, _)| k.into_owned())
                    .collect();
                if SECRET_PARAMS
                    .iter()
                    .any(|s| decoded.eq_ignore_ascii_case(s))
                {
                    format!("{name}=***")
                } else {
                    part.to_string()
                }
            })
            .collect();
        u.set_query(Some(&shown.join("&")));
    }
    crate::sanitize::visible(u.as_str(), crate::sanitize::URL_MAX)
}

/// `url` without its query or fragment: how a source is named in an error message, so that no
/// key or token can show even if the secret list above misses one.
pub fn without_query(url: &Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    if u.password().is_some() {
        let _ = u.set_password(Some("***"));
    }
    crate::sanitize::visible(u.as_str(), crate::sanitize::URL_MAX)
}

/// A Content API item URL given as is (the API itself, a mirror, the replay server) asking only
/// for the blocks published since `ms` (epoch milliseconds): its `show-blocks` replaced by
/// `body:published-since:<ms>`, every other parameter (the key, `show-fields`) kept.
pub fn capi_since_url(item: &Url, ms: i64) -> Url {
    let mut u = item.clone();
    let kept: Vec<&str> = item
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("show-blocks="))
        .collect();
    let since = format!("show-blocks=body:published-since:{ms}");
    let query = if kept.is_empty() {
        since
    } else {
        format!("{}&{since}", kept.join("&"))
    };
    u.set_query(Some(&query));
    u
}

#[cfg(test)]
mod older_tests;

#[cfg(test)]
mod tests {

    #[test]
    fn a_content_api_url_given_as_is_asks_for_what_is_newer_keeping_its_key() {
        let u = Url::parse(
            "http://127.0.0.1:4000/capi/world/live/2025/feb/17/x?api-key=k&show-blocks=all&show-fields=headline",
        )
        .unwrap();
        assert_eq!(
            capi_since_url(&u, 1_739_800_000_000).as_str(),
            "http://127.0.0.1:4000/capi/world/live/2025/feb/17/x?api-key=k&show-fields=headline&show-blocks=body:published-since:1739800000000"
        );
        let bare = Url::parse("http://127.0.0.1:4000/capi/x").unwrap();
        assert_eq!(
            capi_since_url(&bare, 5).query(),
            Some("show-blocks=body:published-since:5")
        );
    }
    use super::*;

    const SLUG: &str = "politics/live/2023/dec/13/james-cleverly-rwanda-bill";

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    /// A site without pretty permalinks serves the plugin at `?rest_route=/liveblog/v1/…`:
    /// read through the same routes, written in that form.
    #[test]
    fn wordpress_liveblog_routes_of_the_plain_form_map_to_the_posts_rest_base() {
        let base = url("https://news.example/?rest_route=/liveblog/v1/4242/");
        for given in [
            "https://news.example/?rest_route=/liveblog/v1/4242/",
            "https://news.example/?rest_route=/liveblog/v1/4242",
            "https://news.example/?rest_route=%2Fliveblog%2Fv1%2F4242%2Fget-entries%2F1%2Flatest",
            "https://news.example/?rest_route=/liveblog/v1/4242/entries/1/2&x=1#top",
        ] {
            assert_eq!(
                resolve(&url(given), None),
                Endpoint::WordPress(base.clone()),
                "{given}"
            );
        }
        for bad in [
            "https://n.example/?rest_route=/liveblog/v1/x/",
            "https://n.example/?rest_route=/liveblog/v1/12x/",
            "https://n.example/?rest_route=/wp/v2/posts/12",
            "https://n.example/?p=12",
        ] {
            assert_eq!(wordpress_base(&url(bad)), None, "{bad}");
        }
        let e = Endpoint::WordPress(base);
        assert_eq!(
            e.open_url().as_str(),
            "https://news.example/?rest_route=/liveblog/v1/4242/get-entries/1/latest"
        );
        assert_eq!(
            e.entries_between(11, 20).unwrap().as_str(),
            "https://news.example/?rest_route=/liveblog/v1/4242/entries/11/20"
        );
        assert_eq!(
            e.older_page("2/2973-1511873011").unwrap().as_str(),
            "https://news.example/?rest_route=/liveblog/v1/4242/get-entries/2/2973-1511873011"
        );
        assert_eq!(
            e.key_events().unwrap().as_str(),
            "https://news.example/?rest_route=/liveblog/v1/4242/get-key-events/latest"
        );
    }

    #[test]
    fn wordpress_liveblog_routes_map_to_the_posts_rest_base() {
        let base = url("https://news.example/wp-json/liveblog/v1/4242/");
        for given in [
            "https://news.example/wp-json/liveblog/v1/4242/",
            "https://news.example/wp-json/liveblog/v1/4242",
            "https://news.example/wp-json/liveblog/v1/4242/get-entries/1/latest",
            "https://news.example/wp-json/liveblog/v1/4242/entries/1/2?x=1",
        ] {
            assert_eq!(
                resolve(&url(given), None),
                Endpoint::WordPress(base.clone()),
                "{given}"
            );
        }
        assert_eq!(
            wordpress_base(&url("https://n.example/wp-json/liveblog/v1/x/")),
            None
        );
        assert_eq!(
            wordpress_base(&url("https://n.example/wp-json/liveblog/v1/12x/")),
            None
        );
        let e = Endpoint::WordPress(base);
        assert_eq!(
            e.open_url().as_str(),
            "https://news.example/wp-json/liveblog/v1/4242/get-entries/1/latest"
        );
        assert_eq!(
            e.entries_between(11, 20).unwrap().as_str(),
            "https://news.example/wp-json/liveblog/v1/4242/entries/11/20"
        );
        assert_eq!(
            e.older_page("2/2973-1511873011").unwrap().as_str(),
            "https://news.example/wp-json/liveblog/v1/4242/get-entries/2/2973-1511873011"
        );
        for bad in [
            "2/../x",
            "x/1-2",
            "2/",
            "https://evil.example/",
            "?page=with:block-1",
        ] {
            assert_eq!(e.older_page(bad), None, "{bad}");
        }
    }

    #[test]
    fn guardian_articles_map_to_their_page_json_without_a_key() {
        let want = format!("https://www.theguardian.com/{SLUG}.json?dcr");
        for given in [
            format!("https://www.theguardian.com/{SLUG}"),
            format!("https://www.theguardian.com/{SLUG}/"),
            format!("https://www.theguardian.com/{SLUG}?page=with:block-abc#block-abc"),
            format!("http://www.theguardian.com/{SLUG}"),
            format!("https://amp.theguardian.com/{SLUG}"),
            format!("https://theguardian.com/{SLUG}"),
            format!("https://WWW.TheGuardian.com/{SLUG}"),
        ] {
            let e = resolve(&url(&given), None);
            assert_eq!(e, Endpoint::GuardianPage(url(&want)), "{given}");
            assert_eq!(e.open_url().as_str(), want);
        }
    }

    #[test]
    fn guardian_articles_map_to_the_content_api_with_a_key() {
        let e = resolve(
            &url(&format!("https://www.theguardian.com/{SLUG}?x=1#y")),
            Some("K3Y"),
        );
        assert_eq!(
            e.open_url().as_str(),
            format!(
                "https://content.guardianapis.com/{SLUG}?api-key=K3Y\
                 &show-blocks=main,body:latest:30,body:key-events,body:summary,body:pinned\
                 &show-fields=headline,standfirst,liveBloggingNow,lastModified,byline"
            )
        );
        assert!(e.uses_api_key());
        // An empty key is no key.
        assert!(matches!(
            resolve(
                &url(&format!("https://www.theguardian.com/{SLUG}")),
                Some(" ")
            ),
            Endpoint::GuardianPage(_)
        ));
    }

    #[test]
    fn content_api_refreshes_ask_only_for_what_is_new() {
        let e = resolve(
            &url(&format!("https://www.theguardian.com/{SLUG}")),
            Some("K"),
        );
        let since = e.refresh_url(Since::PublishedSince(1_702_480_000_000));
        assert_eq!(
            since.as_str(),
            format!(
                "https://content.guardianapis.com/{SLUG}?api-key=K\
                 &show-blocks=body:published-since:1702480000000\
                 &show-fields=headline,standfirst,liveBloggingNow,lastModified,byline"
            )
        );
        let around = e.refresh_url(Since::Around {
            block_id: "6579c37e8f08e3b7ab1a2fd6",
            n: 5,
        });
        assert!(
            around
                .as_str()
                .contains("&show-blocks=body:around:6579c37e8f08e3b7ab1a2fd6:5&"),
            "{around}"
        );
    }

    #[test]
    fn a_key_and_block_id_cannot_inject_query_parameters() {
        let e = resolve(
            &url(&format!("https://www.theguardian.com/{SLUG}")),
            Some("a&show-fields=all"),
        );
        let u = e.refresh_url(Since::Around {
            block_id: "x&api-key=evil",
            n: 5,
        });
        let keys: Vec<_> = u.query_pairs().filter(|(k, _)| k == "api-key").collect();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].1, "a&show-fields=all");
        assert_eq!(u.query_pairs().count(), 3);
    }

    #[test]
    fn content_api_polling_defaults_to_the_daily_budget() {
        use std::time::Duration;
        let article = url(&format!("https://www.theguardian.com/{SLUG}"));
        let keyed = resolve(&article, Some("K"));
        assert_eq!(keyed.poll_interval(None), Duration::from_secs(173));
        assert_eq!(
            keyed.poll_interval(Some(Duration::from_secs(20))),
            Duration::from_secs(20)
        );
        let direct = resolve(
            &url("https://content.guardianapis.com/x?api-key=test"),
            None,
        );
        assert!(direct.uses_api_key());
        assert_eq!(direct.poll_interval(None), Duration::from_secs(173));
        let page = resolve(&article, None);
        assert!(!page.uses_api_key());
        assert_eq!(page.poll_interval(None), Duration::from_secs(30));
        assert_eq!(
            page.poll_interval(Some(Duration::from_secs(1))),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn json_capi_and_other_urls_are_fetched_as_given() {
        for given in [
            format!("https://www.theguardian.com/{SLUG}.json?dcr"),
            format!("https://content.guardianapis.com/{SLUG}?api-key=test"),
            "https://www.theguardian.com/".to_string(),
            "https://example.com/live/blog?x=1".to_string(),
            "http://127.0.0.1:8080/blog.json".to_string(),
            format!("https://www.theguardian.com:8443/{SLUG}"),
        ] {
            for key in [None, Some("K")] {
                let e = resolve(&url(&given), key);
                assert_eq!(e, Endpoint::Direct(url(&given)), "{given}");
                assert_eq!(e.open_url(), url(&given));
                assert_eq!(e.refresh_url(Since::PublishedSince(0)), url(&given));
            }
        }
    }

    #[test]
    fn older_pages_resolve_against_the_page_json_keeping_dcr() {
        let base = url(&format!("https://www.theguardian.com/{SLUG}.json?dcr"));
        let older = older_page_url(&base, "?page=with:block-6579c37e8f08e3b7ab1a2fd6").unwrap();
        assert_eq!(
            older.as_str(),
            format!(
                "https://www.theguardian.com/{SLUG}.json?page=with:block-6579c37e8f08e3b7ab1a2fd6&dcr"
            )
        );
        // Paging from a page that was itself an older page replaces its `page`.
        let next = older_page_url(&older, "?page=with:block-657969118f08c4c875cea936").unwrap();
        assert_eq!(
            next.query(),
            Some("page=with:block-657969118f08c4c875cea936&dcr")
        );
    }

    #[test]
    fn endpoints_page_back_only_where_there_are_pages() {
        let article = url(&format!("https://www.theguardian.com/{SLUG}"));
        let page = resolve(&article, None)
            .older_page("?page=with:block-1")
            .unwrap();
        assert_eq!(
            page.as_str(),
            format!("https://www.theguardian.com/{SLUG}.json?page=with:block-1&dcr")
        );
        assert_eq!(
            resolve(&article, Some("K")).older_page("?page=with:block-1"),
            None
        );
    }

    #[test]
    fn older_page_suffixes_cannot_point_elsewhere() {
        let base = url(&format!("https://www.theguardian.com/{SLUG}.json?dcr"));
        for bad in [
            "https://evil.example/x?page=1",
            "//evil.example/x",
            "/other/path?page=1",
            "../x",
            "?",
            "",
            "?page=1#frag",
        ] {
            assert_eq!(older_page_url(&base, bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_page_s_whole_next_address_is_asked_for_only_when_it_pages_the_blog() {
        let e = resolve(&url("https://a.example/news/live/budget/"), None);
        let next = e.older_page("https://a.example/news/live/budget/page/3/");
        assert_eq!(
            next.map(String::from).as_deref(),
            Some("https://a.example/news/live/budget/page/3/")
        );
        for bad in [
            "https://a.example/news/live/election/",
            "https://b.example/news/live/budget/page/2/",
        ] {
            assert_eq!(e.older_page(bad), None, "{bad}");
        }
    }

    #[test]
    fn redaction_hides_keys_and_keeps_the_rest() {
        let u = url(
            "https://content.guardianapis.com/a/b?api-key=SECRET&show-blocks=main,body:latest:30&API_KEY=x&token=t&keep=1",
        );
        assert_eq!(
            redacted(&u),
            "https://content.guardianapis.com/a/b?api-key=***&show-blocks=main,body:latest:30&API_KEY=***&token=***&keep=1"
        );
        let encoded = url("https://h.test/?api%2Dkey=SECRET");
        assert!(!redacted(&encoded).contains("SECRET"));
        let userinfo = url("https://user:hunter2@h.test/p");
        assert_eq!(redacted(&userinfo), "https://user:***@h.test/p");
        assert_eq!(
            redacted(&url("https://h.test/p?a=1")),
            "https://h.test/p?a=1"
        );
    }

    #[test]
    fn names_without_query_drop_every_parameter() {
        let u = url("https://user:pw@h.test/p?whatever=SECRET#frag");
        assert_eq!(without_query(&u), "https://user:***@h.test/p");
    }

    #[test]
    fn debug_output_never_shows_the_key() {
        let e = resolve(
            &url(&format!("https://www.theguardian.com/{SLUG}")),
            Some("SECRET"),
        );
        assert!(!format!("{e:?}").contains("SECRET"));
        let d = resolve(&url("https://h.test/?api-key=SECRET"), None);
        assert!(!format!("{d:?}").contains("SECRET"));
    }

    #[test]
    fn the_live_poll_asks_the_page_json_path_about_the_newest_block() {
        let page =
            Url::parse("https://www.theguardian.com/politics/live/2023/dec/13/x.json?dcr").unwrap();
        assert_eq!(
            guardian_update_url(&page, "6579e3a48f08e3b7ab1a3236").as_str(),
            "https://www.theguardian.com/politics/live/2023/dec/13/x.json\
             ?lastUpdate=block-6579e3a48f08e3b7ab1a3236&isLivePage=true&dcr=true"
        );
        // Any host; an id from the server cannot add parameters.
        let local = Url::parse("http://127.0.0.1:9/world/live/a.json#top").unwrap();
        assert_eq!(
            guardian_update_url(&local, "a&b=c").as_str(),
            "http://127.0.0.1:9/world/live/a.json?lastUpdate=block-a%26b%3Dc&isLivePage=true&dcr=true"
        );
    }
}
