//! Where a page that has no live data of its own says its live data is.
//!
//! Pure: HTML and the page's address in, a link out; fetching it is `net`'s business. What is
//! recognised, strongest first:
//! 1. the WordPress Liveblog plugin's own configuration, `liveblog_settings` in a script, whose
//!    `endpoint_url` is the post's REST base (`…/wp-json/liveblog/v1/<post>/`, or
//!    `…/?rest_route=/liveblog/v1/<post>/` on a site without pretty permalinks);
//! 2. WordPress's REST discovery `<link rel="https://api.w.org/" href="…/wp-json/">` (or
//!    `…/?rest_route=/`) and the post id (`liveblog_settings.post_id`,
//!    `<link rel="shortlink" href="…?p=ID">` or the `postid-ID` body class): the plugin's
//!    routes under it;
//! 3. `<link rel="amphtml">`, the page's AMP version (which may carry an `<amp-live-list>`);
//! 4. `<link rel="alternate">` of type `application/json`, `application/atom+xml` or
//!    `application/rss+xml`, in that order.
//!
//! A link is kept only if it is http(s) and on the page's scheme or an upgrade of it (an
//! https page never sends us to http). Relative addresses are resolved against the page.

use scraper::{Html, Selector};
use url::Url;

/// A page's pointer to its live data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveLink {
    /// The WordPress Liveblog plugin's REST base for the post, ending in `/`.
    WordPress(Url),
    /// The page's AMP version.
    Amp(Url),
    /// An alternate representation: JSON, Atom or RSS.
    Alternate(Url),
}

impl LiveLink {
    /// The address the link leads to.
    pub fn url(&self) -> &Url {
        match self {
            LiveLink::WordPress(u) | LiveLink::Amp(u) | LiveLink::Alternate(u) => u,
        }
    }

    /// How the page gave the link, for the log and messages.
    pub fn how(&self) -> &'static str {
        match self {
            LiveLink::WordPress(_) => "its WordPress Liveblog API",
            LiveLink::Amp(_) => "its AMP version",
            LiveLink::Alternate(_) => "its rel=alternate link",
        }
    }
}

/// The plugin's configuration only: a page that carries it is a WordPress live blog whose REST
/// API is better than anything the page itself shows (it brings edits and deletions).
pub fn wordpress_plugin(html: &str, page: &Url) -> Option<Url> {
    let settings = settings(html)?;
    let endpoint = json_string_after(settings, "\"endpoint_url\"")?;
    let url = page.join(endpoint.trim()).ok()?;
    let mut url = allowed(page, url)?;
    if let Some(route) = rest_route(&url) {
        // A site without pretty permalinks: `<site>/?rest_route=/liveblog/v1/<post>/`.
        return route
            .starts_with("/liveblog/v1/")
            .then(|| plain_rest_base(url, route.trim_end_matches('/')));
    }
    if !url.path().contains("/liveblog/v1/") {
        // The plugin's pre-REST endpoint (`<permalink>/liveblog/`) answers differently.
        return None;
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    Some(url)
}

/// Whether the plugin's configuration on a post page says its live blog is archived
/// (`"state": "archive"`, against `"enable"`): its editors have closed it, visitors still see
/// the entries and no more come. The one end a WordPress Liveblog states: its REST answers say
/// nothing of one.
pub fn wordpress_archived(html: &str) -> bool {
    settings(html)
        .and_then(|s| json_string_after(s, "\"state\""))
        .is_some_and(|state| state.trim() == "archive")
}

/// Every way a page may point to its live data, strongest first (see the module comment).
pub fn discover(html: &str, page: &Url) -> Option<LiveLink> {
    if let Some(api) = wordpress_plugin(html, page) {
        return Some(LiveLink::WordPress(api));
    }
    // The one depth guard: a hostile page nested too deep has no link worth finding.
    let doc = super::html::parse_document(html).ok()?;
    if let Some(api) = wordpress_rest(&doc, html, page) {
        return Some(LiveLink::WordPress(api));
    }
    let links = Selector::parse("link[rel][href]").ok()?;
    let rel_is = |el: &scraper::ElementRef<'_>, want: &str| {
        el.attr("rel").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case(want))
        })
    };
    let href = |el: &scraper::ElementRef<'_>| {
        el.attr("href")
            .and_then(|h| page.join(h.trim()).ok())
            .and_then(|u| allowed(page, u))
    };
    if let Some(amp) = doc
        .select(&links)
        .filter(|el| rel_is(el, "amphtml"))
        .find_map(|el| href(&el))
    {
        return Some(LiveLink::Amp(amp));
    }
    for ty in [
        "application/json",
        "application/atom+xml",
        "application/rss+xml",
    ] {
        let found = doc
            .select(&links)
            .filter(|el| rel_is(el, "alternate"))
            .filter(|el| {
                el.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case(ty))
            })
            .find_map(|el| href(&el));
        if let Some(u) = found {
            return Some(LiveLink::Alternate(u));
        }
    }
    None
}

/// The page's own title (`og:title`, else `<title>`), to name a blog whose live data has none.
pub fn page_title(html: &str) -> Option<String> {
    // The one depth guard: a hostile page nested too deep has no link worth finding.
    let doc = super::html::parse_document(html).ok()?;
    let og = Selector::parse("meta[property=\"og:title\"][content]").ok()?;
    let title = Selector::parse("title").ok()?;
    doc.select(&og)
        .find_map(|m| m.attr("content").map(str::to_string))
        .or_else(|| doc.select(&title).next().map(|t| t.text().collect()))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

/// The text of the plugin's `liveblog_settings` object, from its name on.
fn settings(html: &str) -> Option<&str> {
    let at = html.find("liveblog_settings")?;
    let rest = &html[at..];
    // The object is short; the script ends the search either way.
    let end = rest.find("</script").unwrap_or(rest.len()).min(64 * 1024);
    rest.get(..end)
}

/// The JSON string value after `key` (`"key": "value"`), unescaped (`https:\/\/…`).
fn json_string_after(text: &str, key: &str) -> Option<String> {
    let at = text.find(key)?;
    let rest = text[at + key.len()..].trim_start().strip_prefix(':')?;
    let mut values = serde_json::Deserializer::from_str(rest.trim_start()).into_iter::<String>();
    values.next()?.ok()
}

/// A JSON number or string of digits after `key`.
fn json_id_after(text: &str, key: &str) -> Option<u64> {
    let at = text.find(key)?;
    let rest = text[at + key.len()..].trim_start().strip_prefix(':')?;
    let rest = rest.trim_start().trim_start_matches('"');
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// WordPress's REST discovery link and the post id: the plugin's routes for the post.
fn wordpress_rest(doc: &Html, html: &str, page: &Url) -> Option<Url> {
    let api_link = Selector::parse("link[rel=\"https://api.w.org/\"][href]").ok()?;
    let root = doc
        .select(&api_link)
        .find_map(|el| el.attr("href"))
        .and_then(|h| page.join(h.trim()).ok())
        .and_then(|u| allowed(page, u))?;
    let id = settings(html)
        .and_then(|s| json_id_after(s, "\"post_id\""))
        .or_else(|| shortlink_id(doc))
        .or_else(|| body_class_id(doc))?;
    if let Some(route) = rest_route(&root) {
        // `?rest_route=/`: a site without pretty permalinks, whose routes are named there.
        let route = format!("{}/liveblog/v1/{id}", route.trim_end_matches('/'));
        return Some(plain_rest_base(root, &route));
    }
    if root.query().is_some() {
        return None;
    }
    let mut root = root;
    if !root.path().ends_with('/') {
        let path = format!("{}/", root.path());
        root.set_path(&path);
    }
    root.join(&format!("liveblog/v1/{id}/")).ok()
}

/// The REST route a URL of WordPress's plain form (`?rest_route=/…`) names, decoded.
fn rest_route(url: &Url) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == "rest_route")
        .map(|(_, v)| v.into_owned())
}

/// The REST base of the plain form at `site` for `route` (without its final `/`): the site's
/// address asking for that route alone, ending in `/` as every REST base here does.
fn plain_rest_base(mut site: Url, route: &str) -> Url {
    site.set_query(Some(&format!("rest_route={route}/")));
    site.set_fragment(None);
    site
}

fn shortlink_id(doc: &Html) -> Option<u64> {
    let sel = Selector::parse("link[rel=\"shortlink\"][href]").ok()?;
    doc.select(&sel).find_map(|el| {
        let u = Url::parse(el.attr("href")?.trim()).ok()?;
        u.query_pairs()
            .find(|(k, _)| k == "p")
            .and_then(|(_, v)| v.parse().ok())
    })
}

fn body_class_id(doc: &Html) -> Option<u64> {
    let sel = Selector::parse("body[class]").ok()?;
    let body = doc.select(&sel).next()?;
    body.attr("class")?
        .split_ascii_whitespace()
        .find_map(|c| c.strip_prefix("postid-")?.parse().ok())
}

/// `link` if it may be followed from `page`: http(s), the same scheme or an upgrade.
fn allowed(page: &Url, link: Url) -> Option<Url> {
    match (page.scheme(), link.scheme()) {
        ("https", "https") | ("http", "http" | "https") => Some(link),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://news.example/2026/12/01/storm-live/").unwrap()
    }

    #[test]
    fn the_plugins_settings_give_its_rest_base() {
        let html = r#"<html><head><script>
            var liveblog_settings = {"permalink":"https:\/\/news.example\/2026\/12\/01\/storm-live\/",
            "post_id":"4242","endpoint_url":"https:\/\/news.example\/wp-json\/liveblog\/v1\/4242\/",
            "refresh_interval":"10"};</script></head><body></body></html>"#;
        let want = Url::parse("https://news.example/wp-json/liveblog/v1/4242/").unwrap();
        assert_eq!(wordpress_plugin(html, &page()), Some(want.clone()));
        assert_eq!(discover(html, &page()), Some(LiveLink::WordPress(want)));
    }

    #[test]
    fn the_plugins_settings_say_when_the_live_blog_is_archived() {
        let with = |state: &str| {
            format!(
                r#"<script>var liveblog_settings = {{"post_id":"4242",{state}
                "endpoint_url":"https:\/\/news.example\/wp-json\/liveblog\/v1\/4242\/"}};
                </script><p>"state": "archive"</p>"#
            )
        };
        assert!(wordpress_archived(&with(r#""state":"archive","#)));
        assert!(!wordpress_archived(&with(r#""state":"enable","#)));
        // Not a live blog at all (`false`), or a plugin too old to say.
        assert!(!wordpress_archived(&with(r#""state":false,"#)));
        assert!(!wordpress_archived(&with("")));
    }

    #[test]
    fn wordpress_rest_discovery_and_a_post_id_give_the_plugins_routes() {
        let want = Url::parse("https://news.example/wp-json/liveblog/v1/77/").unwrap();
        let shortlink = r#"<html><head><link rel="https://api.w.org/" href="https://news.example/wp-json/">
            <link rel="shortlink" href="https://news.example/?p=77"></head><body></body></html>"#;
        assert_eq!(
            discover(shortlink, &page()),
            Some(LiveLink::WordPress(want.clone()))
        );
        let body_class = r#"<html><head><link rel="https://api.w.org/" href="/wp-json/"></head>
            <body class="post-template-default single postid-77 logged-out"></body></html>"#;
        assert_eq!(
            discover(body_class, &page()),
            Some(LiveLink::WordPress(want))
        );
        let no_id = r#"<html><head><link rel="https://api.w.org/" href="/wp-json/"></head></html>"#;
        assert_eq!(discover(no_id, &page()), None);
    }

    /// A site without pretty permalinks names its REST API `?rest_route=/`, and the plugin
    /// its base `?rest_route=/liveblog/v1/<post>/`: the plugin's routes are read there.
    #[test]
    fn a_site_without_pretty_permalinks_gives_the_plugins_routes_in_its_form() {
        let want = Url::parse("https://news.example/?rest_route=/liveblog/v1/77/").unwrap();
        let settings = r#"<script>var liveblog_settings = {"post_id":"77",
            "endpoint_url":"https:\/\/news.example\/?rest_route=\/liveblog\/v1\/77\/"};
            </script>"#;
        assert_eq!(wordpress_plugin(settings, &page()), Some(want.clone()));
        let discovery = r#"<html><head><link rel="https://api.w.org/" href="https://news.example/?rest_route=/">
            <link rel="shortlink" href="https://news.example/?p=77"></head><body></body></html>"#;
        assert_eq!(
            discover(discovery, &page()),
            Some(LiveLink::WordPress(want))
        );
        let other = r#"<script>var liveblog_settings = {"post_id":"77",
            "endpoint_url":"https:\/\/news.example\/?rest_route=\/wp\/v2\/posts\/77"};
            </script>"#;
        assert_eq!(wordpress_plugin(other, &page()), None);
    }

    #[test]
    fn alternates_are_resolved_against_the_page_json_first() {
        let html = r#"<html><head>
            <link rel="alternate" type="application/rss+xml" href="feed.xml">
            <link rel="alternate" type="application/json" href="/live.json">
            </head></html>"#;
        assert_eq!(
            discover(html, &page()),
            Some(LiveLink::Alternate(
                Url::parse("https://news.example/live.json").unwrap()
            ))
        );
        let rss = r#"<link rel="alternate" type="application/rss+xml" href="feed.xml">"#;
        assert_eq!(
            discover(rss, &page()).map(|l| l.url().to_string()),
            Some("https://news.example/2026/12/01/storm-live/feed.xml".into())
        );
        let amp = r#"<link rel="amphtml" href="amp/"><link rel="alternate" type="application/json" href="/x">"#;
        assert!(matches!(discover(amp, &page()), Some(LiveLink::Amp(_))));
    }

    #[test]
    fn only_the_same_scheme_or_an_upgrade_is_followed() {
        let down = r#"<link rel="alternate" type="application/json" href="http://news.example/live.json">"#;
        assert_eq!(discover(down, &page()), None);
        let js = r#"<link rel="alternate" type="application/json" href="javascript:alert(1)">"#;
        assert_eq!(discover(js, &page()), None);
        let http_page = Url::parse("http://news.example/").unwrap();
        let up = r#"<link rel="alternate" type="application/json" href="https://news.example/live.json">"#;
        assert!(discover(up, &http_page).is_some());
        let other = r#"<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">"#;
        assert_eq!(discover(other, &page()), None);
    }

    #[test]
    fn a_page_nested_past_the_depth_guard_gives_no_link_and_no_crash() {
        let deep = format!(
            "<link rel=\"alternate\" type=\"application/json\" href=\"/x\">{}",
            "<div>".repeat(200_000)
        );
        assert_eq!(discover(&deep, &page()), None);
        assert_eq!(page_title(&deep), None);
    }

    #[test]
    fn the_page_title_names_a_blog_whose_data_has_none() {
        assert_eq!(
            page_title("<title> Storm  live </title>").as_deref(),
            Some("Storm live")
        );
        assert_eq!(page_title("<p>x</p>"), None);
    }
}
