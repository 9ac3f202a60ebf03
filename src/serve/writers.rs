//! A snapshot written in each format liveblog reads, mirroring the real documents field by
//! field (the fixtures under `tests/fixtures/` show them), so the format parsers read them back.
//!
//! Times: formats whose real documents always date every entry (Guardian page JSON, Content
//! API, JSON-LD, RSS `pubDate`) give an entry without times its synthetic reveal time in the
//! replay ([`Snapshot::revealed_at`]); liveblog JSON and the plain-text form keep it timeless.
//!
//! Text is escaped for HTML and XML (`& < > " '`, and characters XML forbids are dropped), and
//! JSON inside `<script>` has `<`, `>` and `&` as `\u` escapes, so any content round-trips as
//! text. Links and image sources other than `http(s):` and `mailto:` are written as plain text
//! in HTML, so a page served here never carries a `javascript:` link.

use super::timeline::Snapshot;
use crate::blog::{Block, Inline, KeyEvent, LiveState, Stamp, text_id};
use jiff::Timestamp;
use serde_json::{Map, Value, json};
use std::fmt::Write;

/// Where the replay is served, for the URLs written into documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// `http://127.0.0.1:8080`, no trailing slash.
    pub base: String,
    /// The blog's Guardian-like page path, `/world/live/2025/feb/17/<slug>`.
    pub page_path: String,
}

impl Site {
    /// The blog's page URL: the address every format names as the blog's own.
    pub fn page_url(&self) -> String {
        format!("{}{}", self.base, self.page_path)
    }

    /// The page id as the Guardian writes it (the path without its leading slash).
    pub fn page_id(&self) -> &str {
        self.page_path.trim_start_matches('/')
    }

    fn entry_url(&self, id: &str) -> String {
        format!("{}#block-{id}", self.page_url())
    }
}

const ELEMENT_PREFIX: &str = "model.dotcomrendering.pageElements.";
const TEXT_ELEMENT: &str = "model.dotcomrendering.pageElements.TextBlockElement";
const IMAGE_ELEMENT: &str = "model.dotcomrendering.pageElements.ImageBlockElement";

/// Escapes text for HTML or XML content and attribute values, dropping characters XML 1.0
/// does not allow (C0 controls other than tab and line breaks, U+FFFE, U+FFFF).
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\t' | '\n' | '\r' => o.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => o.push(c),
        }
    }
    o
}

/// A URL fit for an `href` or `src` in a page served here.
fn safe_url(u: &str) -> Option<&str> {
    let lower = u.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
        .then_some(u)
}

fn runs_to_html(runs: &[Inline]) -> String {
    let mut o = String::new();
    for r in runs {
        let mut t = escape(&r.text).replace('\n', "<br>");
        if r.italic {
            t = format!("<em>{t}</em>");
        }
        if r.bold {
            t = format!("<strong>{t}</strong>");
        }
        if let Some(u) = r.link.as_deref().and_then(safe_url) {
            t = format!("<a href=\"{}\">{t}</a>", escape(u));
        }
        o.push_str(&t);
    }
    o
}

/// An entry body as HTML, each block one element, the way Guardian bodies are written.
pub fn blocks_to_html(blocks: &[Block]) -> String {
    let mut o = String::new();
    for b in blocks {
        o.push_str(&block_to_html(b));
    }
    o
}

fn block_to_html(b: &Block) -> String {
    match b {
        Block::Paragraph { runs } => format!("<p>{}</p>", runs_to_html(runs)),
        Block::Heading { runs } => format!("<h3>{}</h3>", runs_to_html(runs)),
        Block::Quote {
            paragraphs,
            attribution,
        } => {
            let mut o = String::from("<blockquote>");
            for p in paragraphs {
                let _ = write!(o, "<p>{}</p>", runs_to_html(p));
            }
            if let Some(a) = attribution {
                let _ = write!(o, "<footer><cite>{}</cite></footer>", escape(a));
            }
            o.push_str("</blockquote>");
            o
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let mut o = format!("<{tag}>");
            for it in items {
                let _ = write!(o, "<li>{}</li>", runs_to_html(it));
            }
            let _ = write!(o, "</{tag}>");
            o
        }
        Block::Image {
            url,
            caption,
            alt,
            credit,
        } => {
            let mut o = String::from("<figure class=\"element element-image\">");
            if let Some(u) = url.as_deref().and_then(safe_url) {
                let _ = write!(o, "<img src=\"{}\" alt=\"{}\">", escape(u), escape(alt));
            }
            if !caption.is_empty() || !credit.is_empty() {
                o.push_str("<figcaption>");
                if !caption.is_empty() {
                    let _ = write!(
                        o,
                        "<span class=\"element-image__caption\">{}</span>",
                        escape(caption)
                    );
                }
                if !credit.is_empty() {
                    let _ = write!(
                        o,
                        "<span class=\"element-image__credit\">{}</span>",
                        escape(credit)
                    );
                }
                o.push_str("</figcaption>");
            }
            o.push_str("</figure>");
            o
        }
        Block::Embed { kind, title, url } => {
            let class = element_type(kind);
            match url.as_deref().and_then(safe_url) {
                Some(u) => format!(
                    "<figure class=\"element element-{class}\" data-canonical-url=\"{0}\">\
                     <a href=\"{0}\">{1}</a></figure>",
                    escape(u),
                    escape(title)
                ),
                None => format!(
                    "<figure class=\"element element-{class}\">{}</figure>",
                    escape(title)
                ),
            }
        }
        Block::Code { text } => format!("<pre><code>{}</code></pre>", escape(text)),
        Block::Rule => "<hr>".to_string(),
    }
}

/// The Guardian element type for an embed kind, as the Content API's `type` and the
/// `element-<type>` class of a rendered body name it: "Tweet" → `tweet`, "Link" →
/// `rich-link`, "Callout v2" → `callout-v2` (the parsers read each back as the kind).
fn element_type(kind: &str) -> String {
    if kind.eq_ignore_ascii_case("link") {
        return "rich-link".into();
    }
    let words: Vec<String> = kind
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "embed".into()
    } else {
        words.join("-")
    }
}

/// An element type in camel case: `rich-link` → `richLink`, or `RichLink` with `upper_first`.
fn camel(ty: &str, upper_first: bool) -> String {
    let mut o = String::new();
    for (i, w) in ty.split('-').enumerate() {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            o.push(if i > 0 || upper_first {
                first.to_ascii_uppercase()
            } else {
                first
            });
            o.extend(chars);
        }
    }
    o
}

/// The page JSON's element name for an embed kind: "Tweet" → `TweetBlockElement`,
/// "Callout v2" → `CalloutV2BlockElement`.
fn dcr_element_type(kind: &str) -> String {
    format!(
        "{ELEMENT_PREFIX}{}BlockElement",
        camel(&element_type(kind), true)
    )
}

/// A tweet as the Guardian embeds it: the rendered quote, here of the embed's title.
fn tweet_html(title: &str) -> String {
    format!(
        "<blockquote class=\"twitter-tweet\"><p>{}</p></blockquote>",
        escape(title)
    )
}

/// An entry's dates as the replay states them: its own, else the time it was revealed.
struct Dates {
    published: Stamp,
    updated: Stamp,
}

fn dates(snap: &Snapshot, i: usize) -> Dates {
    let revealed = snap.revealed_at.get(i).copied().unwrap_or(snap.started);
    let timed = snap.timed.get(i).copied().unwrap_or(true);
    let e = &snap.blog.entries[i];
    // An entry timeless in the source appeared when it was revealed, even once an edit in the
    // replay has given it an `updated` time: dating it by the edit would move it up the blog.
    let published = e
        .published
        .or(e.updated.filter(|_| timed))
        .unwrap_or(Stamp::utc(revealed));
    Dates {
        published,
        updated: e.updated.unwrap_or(published).max(published),
    }
}

fn iso_utc(t: Timestamp) -> String {
    Stamp::utc(t).to_rfc3339()
}

/// `2023-12-13T17:25:40.000Z`, as the Guardian page writes `webPublicationDate`.
fn iso_millis(t: Timestamp) -> String {
    let s = iso_utc(t);
    match s.strip_suffix('Z') {
        Some(base) => format!("{base}.{:03}Z", t.subsec_millisecond()),
        None => s,
    }
}

/// `17.25 UTC`, the Guardian's display form of a block time.
fn display_time(t: Timestamp) -> String {
    let dt = jiff::tz::Offset::UTC.to_datetime(t);
    format!("{:02}.{:02} UTC", dt.hour(), dt.minute())
}

/// When the blog began: its oldest entry's date (own or synthetic), else the replay's start.
fn blog_published(snap: &Snapshot) -> Timestamp {
    (0..snap.blog.entries.len())
        .map(|i| dates(snap, i).published.instant())
        .min()
        .unwrap_or(snap.started)
}

/// When the blog last changed, on the blog's own clock: the newest entry time where entries
/// have times; for a timeless blog, the replay time of the last change.
fn blog_modified(snap: &Snapshot) -> Timestamp {
    let timed = snap.blog.entries.iter().any(|e| e.published.is_some());
    match snap.blog.updated.filter(|_| timed) {
        Some(u) => u.instant(),
        None => snap.last_modified,
    }
}

fn live(snap: &Snapshot) -> bool {
    snap.blog.state == LiveState::Live
}

fn standfirst_html(snap: &Snapshot) -> String {
    if snap.blog.standfirst.is_empty() {
        String::new()
    } else {
        format!("<p>{}</p>", escape(&snap.blog.standfirst))
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

// ---------------------------------------------------------------------------------------------
// Guardian page JSON (`<page>.json?dcr`)

fn dcr_element(b: &Block, entry_id: &str, n: usize) -> Value {
    let element_id = text_id("", &format!("{entry_id}/{n}"));
    match b {
        Block::Image {
            url,
            caption,
            alt,
            credit,
        } => {
            // One rendition of unknown size. Not marked `isMaster`: pages list the master
            // beside sized renditions, and readers show a rendition, never the master.
            let all: Vec<Value> = url
                .iter()
                .map(|u| {
                    json!({
                        "index": 0,
                        "fields": {},
                        "mediaType": "Image",
                        "mimeType": "image/jpeg",
                        "url": u,
                    })
                })
                .collect();
            json!({
                "displayCredit": !credit.is_empty(),
                "_type": IMAGE_ELEMENT,
                "role": "inline",
                "media": { "allImages": all },
                "elementId": element_id,
                "data": { "alt": alt, "caption": caption, "credit": credit },
            })
        }
        Block::Embed { kind, title, url } => {
            let ty = dcr_element_type(kind);
            let mut el = Map::new();
            el.insert("_type".into(), json!(ty));
            el.insert("elementId".into(), json!(element_id));
            el.insert("role".into(), json!("inline"));
            if let Some(u) = url {
                el.insert("url".into(), json!(u));
            }
            // As the page writes each: a tweet as its rendered HTML, a rich link with its link
            // text, anything else with a title (read as HTML, so escaped).
            match ty.trim_start_matches(ELEMENT_PREFIX) {
                "TweetBlockElement" => {
                    el.insert("source".into(), json!("Twitter"));
                    el.insert("html".into(), json!(tweet_html(title)));
                }
                "RichLinkBlockElement" => {
                    el.insert("text".into(), json!(title));
                }
                _ => {
                    el.insert("title".into(), json!(escape(title)));
                }
            }
            Value::Object(el)
        }
        _ => json!({
            "_type": TEXT_ELEMENT,
            "html": block_to_html(b),
            "elementId": element_id,
        }),
    }
}

fn dcr_block(snap: &Snapshot, i: usize) -> Value {
    let e = &snap.blog.entries[i];
    let d = dates(snap, i);
    let first = d.published.instant();
    let last = d.updated.instant();
    json!({
        "id": e.id,
        "elements": e.body.iter().enumerate().map(|(n, b)| dcr_element(b, &e.id, n)).collect::<Vec<_>>(),
        "attributes": { "pinned": e.pinned, "keyEvent": e.key_event, "summary": e.summary },
        "blockCreatedOn": first.as_millisecond(),
        "blockCreatedOnDisplay": display_time(first),
        "blockLastUpdated": last.as_millisecond(),
        "blockLastUpdatedDisplay": display_time(last),
        "blockFirstPublished": first.as_millisecond(),
        "blockFirstPublishedDisplay": display_time(first),
        "blockFirstPublishedDisplayNoTimezone": display_time(first).trim_end_matches(" UTC"),
        "title": e.title,
        "contributors": e.authors.iter().map(|a| json!({ "name": a })).collect::<Vec<_>>(),
    })
}

/// A key event whose entry is not in the replay, as the page lists such: a block with its
/// title and no elements.
fn dcr_stub(snap: &Snapshot, k: &KeyEvent) -> Value {
    let id = k
        .entry_id
        .clone()
        .unwrap_or_else(|| text_id("k-", &k.title));
    let t = k.published.map_or(snap.started, |p| p.instant());
    json!({
        "id": id,
        "elements": [],
        "attributes": { "pinned": false, "keyEvent": true, "summary": false },
        "blockCreatedOn": t.as_millisecond(),
        "blockLastUpdated": t.as_millisecond(),
        "blockFirstPublished": t.as_millisecond(),
        "blockFirstPublishedDisplay": display_time(t),
        "title": k.title,
        "contributors": [],
    })
}

/// The key-events list (key events and summaries, newest first) as entry indices or stubs.
fn key_event_items(snap: &Snapshot) -> Vec<Result<usize, &KeyEvent>> {
    let blog = &snap.blog;
    let mut out: Vec<Result<usize, &KeyEvent>> = blog
        .key_events
        .iter()
        .map(|k| {
            k.entry_id
                .as_deref()
                .and_then(|id| blog.position(id))
                .ok_or(k)
        })
        .collect();
    for (i, e) in blog.entries.iter().enumerate() {
        if (e.key_event || e.summary) && !out.contains(&Ok(i)) {
            out.push(Ok(i));
        }
    }
    out
}

/// The Guardian page JSON (`<page>.json?dcr`): the whole visible blog as page 1 of 1.
pub fn guardian_page(snap: &Snapshot, site: &Site) -> String {
    let blog = &snap.blog;
    let blocks: Vec<Value> = (0..blog.entries.len())
        .map(|i| dcr_block(snap, i))
        .collect();
    let key_events: Vec<Value> = key_event_items(snap)
        .into_iter()
        .map(|k| match k {
            Ok(i) => dcr_block(snap, i),
            Err(k) => dcr_stub(snap, k),
        })
        .collect();
    let published = blog_published(snap);
    let mut page = Map::new();
    let mut put = |k: &str, v: Value| {
        page.insert(k.to_string(), v);
    };
    put("headline", json!(blog.title));
    put("standfirst", json!(standfirst_html(snap)));
    put("webTitle", json!(blog.title));
    put("webURL", json!(site.page_url()));
    put("pageId", json!(site.page_id()));
    put("contentType", json!("LiveBlog"));
    put("webPublicationDate", json!(iso_millis(published)));
    put(
        "format",
        json!({
            "design": if live(snap) { "LiveBlogDesign" } else { "DeadBlogDesign" },
            "theme": "NewsPillar",
            "display": "StandardDisplay",
        }),
    );
    put(
        "config",
        json!({
            "isLive": live(snap),
            "isLiveBlog": true,
            "ajaxUrl": site.base,
            "pageId": site.page_id(),
            "webPublicationDate": published.as_millisecond(),
        }),
    );
    put("pageType", json!({ "isLiveblog": true, "isFront": false }));
    put("blocks", Value::Array(blocks));
    put("keyEvents", Value::Array(key_events));
    if let Some(i) = blog.entries.iter().position(|e| e.pinned) {
        put("pinnedPost", dcr_block(snap, i));
    }
    put("pagination", json!({ "currentPage": 1, "totalPages": 1 }));
    if let Some(e) = blog.entries.first() {
        put("mostRecentBlockId", json!(format!("block-{}", e.id)));
    }
    put("linkedData", json!([json_ld(snap, site)]));
    pretty(&Value::Object(page))
}

// ---------------------------------------------------------------------------------------------
// Content API item

/// Which body blocks a Content API request asked for (`show-blocks`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum BlockSubset {
    All,
    Latest(usize),
    Oldest(usize),
    PublishedSince(i64),
    KeyEvents,
    Summary,
    Pinned,
    Around(String, usize),
    One(String),
}

/// Reads `show-blocks`: `all`, `body`, `main` mean every block; `body:latest[:n]`,
/// `body:oldest[:n]`, `body:published-since:<ms>`, `body:key-events`, `body:summary`,
/// `body:pinned`, `body:around:<id>[:n]` and `body:<id>` pick subsets; anything else is ignored.
fn parse_show_blocks(spec: &str) -> Vec<(String, BlockSubset)> {
    let mut out = Vec::new();
    for raw in spec
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take(20)
    {
        let parts: Vec<&str> = raw.split(':').collect();
        let count = |p: Option<&&str>| p.map_or(Some(20), |n| n.parse::<usize>().ok());
        let subset = match parts.as_slice() {
            ["all" | "body" | "main"] => Some(BlockSubset::All),
            ["body", "latest", rest @ ..] if rest.len() <= 1 => {
                count(rest.first()).map(BlockSubset::Latest)
            }
            ["body", "oldest", rest @ ..] if rest.len() <= 1 => {
                count(rest.first()).map(BlockSubset::Oldest)
            }
            ["body", "published-since", ms] => ms.parse().ok().map(BlockSubset::PublishedSince),
            ["body", "key-events"] => Some(BlockSubset::KeyEvents),
            ["body", "summary"] => Some(BlockSubset::Summary),
            ["body", "pinned"] => Some(BlockSubset::Pinned),
            ["body", "around", id, rest @ ..] if rest.len() <= 1 => {
                count(rest.first()).map(|n| BlockSubset::Around((*id).to_string(), n))
            }
            ["body", id] => Some(BlockSubset::One((*id).to_string())),
            _ => None,
        };
        if let Some(s) = subset {
            out.push((raw.to_string(), s));
        }
    }
    out
}

fn subset_indices(snap: &Snapshot, subset: &BlockSubset) -> Vec<usize> {
    let entries = &snap.blog.entries;
    let all = 0..entries.len();
    match subset {
        BlockSubset::All => all.collect(),
        BlockSubset::Latest(n) => all.take(*n).collect(),
        BlockSubset::Oldest(n) => {
            let skip = entries.len().saturating_sub(*n);
            all.skip(skip).collect()
        }
        BlockSubset::PublishedSince(ms) => all
            .filter(|&i| dates(snap, i).updated.as_millis() >= *ms)
            .collect(),
        BlockSubset::KeyEvents => all.filter(|&i| entries[i].key_event).collect(),
        BlockSubset::Summary => all.filter(|&i| entries[i].summary).collect(),
        BlockSubset::Pinned => all.filter(|&i| entries[i].pinned).collect(),
        BlockSubset::Around(id, n) => match snap.blog.position(id) {
            Some(at) => {
                (at.saturating_sub(*n)..=at.saturating_add(*n).min(entries.len() - 1)).collect()
            }
            None => Vec::new(),
        },
        BlockSubset::One(id) => all.filter(|&i| entries[i].id == *id).collect(),
    }
}

fn capi_element(b: &Block) -> Value {
    match b {
        Block::Image {
            url,
            caption,
            alt,
            credit,
        } => json!({
            "assets": url.iter().map(|u| json!({
                "type": "image", "mimeType": "image/jpeg", "file": u, "typeData": {}
            })).collect::<Vec<_>>(),
            "imageTypeData": {
                "caption": caption, "credit": credit, "alt": alt, "displayCredit": !credit.is_empty()
            },
            "type": "image",
        }),
        Block::Embed { kind, title, url } => {
            let ty = element_type(kind);
            // `tweetTypeData`, `richLinkTypeData`…
            let data_key = format!("{}TypeData", camel(&ty, false));
            let mut data = Map::new();
            if let Some(u) = url {
                data.insert("url".into(), json!(u));
            }
            // Titles are read as HTML, so escaped; a tweet has only its rendered HTML.
            match ty.as_str() {
                "tweet" => {
                    data.insert("html".into(), json!(tweet_html(title)));
                    data.insert("source".into(), json!("Twitter"));
                }
                "rich-link" => {
                    data.insert("linkText".into(), json!(escape(title)));
                }
                _ => {
                    data.insert("title".into(), json!(escape(title)));
                }
            }
            let mut el = Map::new();
            el.insert("assets".into(), json!([]));
            el.insert(data_key, Value::Object(data));
            el.insert("type".into(), json!(ty));
            Value::Object(el)
        }
        _ => json!({
            "assets": [],
            "textTypeData": { "html": block_to_html(b) },
            "type": "text",
        }),
    }
}

fn capi_block(snap: &Snapshot, i: usize) -> Value {
    let e = &snap.blog.entries[i];
    let d = dates(snap, i);
    let mut attributes = Map::new();
    if e.key_event {
        attributes.insert("keyEvent".into(), json!(true));
        if let Some(t) = &e.title {
            attributes.insert("title".into(), json!(t));
        }
    }
    if e.summary {
        attributes.insert("summary".into(), json!(true));
    }
    if e.pinned {
        attributes.insert("pinned".into(), json!(true));
    }
    let mut b = Map::new();
    b.insert("id".into(), json!(e.id));
    b.insert("bodyHtml".into(), json!(blocks_to_html(&e.body)));
    b.insert("bodyTextSummary".into(), json!(e.plain_text()));
    if let Some(t) = &e.title {
        b.insert("title".into(), json!(t));
    }
    b.insert("attributes".into(), Value::Object(attributes));
    b.insert("published".into(), json!(true));
    let first = iso_utc(d.published.instant());
    let last = iso_utc(d.updated.instant());
    b.insert("createdDate".into(), json!(first));
    b.insert("firstPublishedDate".into(), json!(first));
    b.insert("publishedDate".into(), json!(last));
    b.insert("lastModifiedDate".into(), json!(last));
    b.insert("contributors".into(), json!(e.authors));
    b.insert(
        "elements".into(),
        Value::Array(e.body.iter().map(capi_element).collect()),
    );
    Value::Object(b)
}

/// A Content API item response. `show_blocks` is the request's parameter: subsets go to
/// `requestedBodyBlocks` under the exact requested string, as the API does, and `body` holds
/// their union (every block when none is asked for), newest first, so a reader that only
/// knows `body` still finds them.
pub fn capi_item(snap: &Snapshot, site: &Site, show_blocks: Option<&str>) -> String {
    let blog = &snap.blog;
    let subsets = parse_show_blocks(show_blocks.unwrap_or("all"));
    let mut requested = Map::new();
    let mut union: Vec<usize> = Vec::new();
    if subsets.is_empty() || subsets.iter().any(|(_, s)| *s == BlockSubset::All) {
        union = (0..blog.entries.len()).collect();
    }
    for (key, s) in &subsets {
        if *s == BlockSubset::All {
            continue;
        }
        let idx = subset_indices(snap, s);
        requested.insert(
            key.clone(),
            Value::Array(idx.iter().map(|&i| capi_block(snap, i)).collect()),
        );
        union.extend(idx);
    }
    union.sort_unstable();
    union.dedup();
    let mut blocks = Map::new();
    blocks.insert(
        "body".into(),
        Value::Array(union.iter().map(|&i| capi_block(snap, i)).collect()),
    );
    blocks.insert("totalBodyBlocks".into(), json!(blog.entries.len()));
    if !requested.is_empty() {
        blocks.insert("requestedBodyBlocks".into(), Value::Object(requested));
    }
    let section = site.page_id().split('/').next().unwrap_or("world");
    let modified = blog_modified(snap);
    let doc = json!({
        "response": {
            "status": "ok",
            "userTier": "developer",
            "total": 1,
            "content": {
                "id": site.page_id(),
                "type": "liveblog",
                "sectionId": section,
                "webTitle": blog.title,
                "webPublicationDate": iso_utc(blog_published(snap)),
                "webUrl": site.page_url(),
                "apiUrl": format!("{}/capi/{}", site.base, site.page_id()),
                "fields": {
                    "headline": blog.title,
                    "standfirst": standfirst_html(snap),
                    "liveBloggingNow": live(snap),
                    "lastModified": iso_utc(modified),
                },
                "tags": [],
                "isHosted": false,
                "blocks": Value::Object(blocks),
            }
        }
    });
    pretty(&doc)
}

// ---------------------------------------------------------------------------------------------
// HTML page with schema.org LiveBlogPosting

fn json_ld(snap: &Snapshot, site: &Site) -> Value {
    let blog = &snap.blog;
    let url = site.page_url();
    let updates: Vec<Value> = blog
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let d = dates(snap, i);
            let mut u = Map::new();
            u.insert("@type".into(), json!("BlogPosting"));
            u.insert("@id".into(), json!(e.id));
            u.insert("url".into(), json!(site.entry_url(&e.id)));
            if let Some(t) = &e.title {
                u.insert("headline".into(), json!(t));
            }
            u.insert("datePublished".into(), json!(d.published.to_rfc3339()));
            u.insert("dateModified".into(), json!(d.updated.to_rfc3339()));
            // The body as HTML, as some publishers write it: a plain-text body holding a
            // literal `<script>` or `<b>` could not be told from markup by a reader.
            u.insert("articleBody".into(), json!(blocks_to_html(&e.body)));
            if !e.authors.is_empty() {
                u.insert(
                    "author".into(),
                    Value::Array(
                        e.authors
                            .iter()
                            .map(|a| json!({ "@type": "Person", "name": a }))
                            .collect(),
                    ),
                );
            }
            Value::Object(u)
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("@context".into(), json!("https://schema.org"));
    doc.insert("@type".into(), json!("LiveBlogPosting"));
    doc.insert("@id".into(), json!(url));
    doc.insert("url".into(), json!(url));
    doc.insert("mainEntityOfPage".into(), json!(url));
    doc.insert("headline".into(), json!(blog.title));
    doc.insert("description".into(), json!(blog.standfirst));
    doc.insert("datePublished".into(), json!(iso_utc(blog_published(snap))));
    let modified = iso_utc(blog_modified(snap));
    doc.insert("dateModified".into(), json!(modified));
    doc.insert(
        "coverageStartTime".into(),
        json!(iso_utc(blog_published(snap))),
    );
    if !live(snap) {
        doc.insert("coverageEndTime".into(), json!(modified));
    }
    doc.insert("liveBlogUpdate".into(), Value::Array(updates));
    Value::Object(doc)
}

/// JSON made safe inside a `<script>` element: no `<`, `>` or `&` left to end it early.
fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn entry_html(snap: &Snapshot, i: usize) -> String {
    let e = &snap.blog.entries[i];
    let d = dates(snap, i);
    let mut class = String::from("block");
    for (on, name) in [
        (e.key_event, " key-event"),
        (e.pinned, " pinned"),
        (e.summary, " summary"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    let mut o = format!(
        "<article id=\"block-{}\" class=\"{class}\">\n",
        escape(&e.id)
    );
    if let Some(t) = &e.title {
        let _ = writeln!(o, "<h2>{}</h2>", escape(t));
    }
    let stamp = d.published.to_rfc3339();
    let _ = write!(
        o,
        "<p class=\"meta\"><time datetime=\"{stamp}\">{}</time>",
        crate::dump::time_in_source_offset(d.published)
    );
    if !e.authors.is_empty() {
        let _ = write!(o, " · by {}", escape(&e.authors.join(", ")));
    }
    o.push_str("</p>\n");
    o.push_str(&blocks_to_html(&e.body));
    o.push_str("\n</article>\n");
    o
}

/// An HTML page: one JSON-LD `LiveBlogPosting` in the head and the blog readable in the body.
pub fn html_page(snap: &Snapshot, site: &Site) -> String {
    let blog = &snap.blog;
    let title = escape(&blog.title);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"canonical\" href=\"{}\">\n\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"{}/feed.xml\">\n\
         <script type=\"application/ld+json\">{}</script>\n</head>\n<body>\n",
        escape(&site.page_url()),
        escape(&site.base),
        script_json(&json_ld(snap, site)),
    );
    let _ = writeln!(o, "<header>\n<h1>{title}</h1>");
    if !blog.standfirst.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"standfirst\">{}</p>",
            escape(&blog.standfirst)
        );
    }
    let state = if live(snap) { "Live" } else { "Ended" };
    let _ = writeln!(
        o,
        "<p class=\"status\">{state} · updated <time datetime=\"{0}\">{0}</time></p>\n</header>",
        iso_utc(snap.last_modified)
    );
    if !blog.key_events.is_empty() {
        o.push_str("<nav class=\"key-events\">\n<h2>Key events</h2>\n<ul>\n");
        let loaded = blog.entry_ids();
        for k in &blog.key_events {
            match k.entry_id.as_deref().filter(|id| loaded.contains(id)) {
                Some(id) => {
                    let _ = writeln!(
                        o,
                        "<li><a href=\"#block-{}\">{}</a></li>",
                        escape(id),
                        escape(&k.title)
                    );
                }
                None => {
                    let _ = writeln!(o, "<li>{}</li>", escape(&k.title));
                }
            }
        }
        o.push_str("</ul>\n</nav>\n");
    }
    o.push_str("<main>\n");
    for i in 0..blog.entries.len() {
        o.push_str(&entry_html(snap, i));
    }
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

// ---------------------------------------------------------------------------------------------
// RSS 2.0

fn rfc2822(s: Stamp) -> String {
    let zoned = s.instant().to_zoned(jiff::tz::TimeZone::fixed(s.offset()));
    jiff::fmt::rfc2822::to_string(&zoned).unwrap_or_else(|_| {
        jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&s.instant())
            .unwrap_or_default()
    })
}

/// RSS 2.0: one item per entry, newest first. `guid` is the entry id; `pubDate` its time or,
/// when it has none, its reveal time; flags are `category` elements (`key-event`, `pinned`,
/// `summary`); authors are `dc:creator`; `description` is the body's HTML.
pub fn rss(snap: &Snapshot, site: &Site) -> String {
    let blog = &snap.blog;
    let mut o = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    let _ = writeln!(o, "<title>{}</title>", escape(&blog.title));
    let _ = writeln!(o, "<link>{}</link>", escape(&site.page_url()));
    let _ = writeln!(o, "<description>{}</description>", escape(&blog.standfirst));
    let _ = writeln!(
        o,
        "<atom:link href=\"{}/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&site.base)
    );
    let _ = writeln!(
        o,
        "<lastBuildDate>{}</lastBuildDate>",
        rfc2822(Stamp::utc(snap.last_modified))
    );
    for (i, e) in blog.entries.iter().enumerate() {
        let d = dates(snap, i);
        o.push_str("<item>\n");
        let _ = writeln!(o, "<guid isPermaLink=\"false\">{}</guid>", escape(&e.id));
        if let Some(t) = &e.title {
            let _ = writeln!(o, "<title>{}</title>", escape(t));
        }
        let _ = writeln!(o, "<link>{}</link>", escape(&site.entry_url(&e.id)));
        let _ = writeln!(o, "<pubDate>{}</pubDate>", rfc2822(d.published));
        for a in &e.authors {
            let _ = writeln!(o, "<dc:creator>{}</dc:creator>", escape(a));
        }
        for (on, name) in [
            (e.key_event, "key-event"),
            (e.pinned, "pinned"),
            (e.summary, "summary"),
        ] {
            if on {
                let _ = writeln!(o, "<category>{name}</category>");
            }
        }
        let _ = writeln!(
            o,
            "<description>{}</description>",
            escape(&blocks_to_html(&e.body))
        );
        o.push_str("</item>\n");
    }
    o.push_str("</channel>\n</rss>\n");
    o
}

// ---------------------------------------------------------------------------------------------
// liveblog JSON and the plain-text form

/// liveblog's own JSON (`dump --format json`), its `url` the replay's page like every other
/// format's, so a reader following the replay is never sent to the original site.
pub fn native(snap: &Snapshot, site: &Site) -> String {
    let mut blog = snap.blog.clone();
    blog.url = Some(site.page_url());
    crate::formats::native::to_json(&blog)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The plain-text form the bundled blog is written in (see `formats::text`): title,
/// standfirst, "Key events" with a `-` line before each title, then the entries newest first,
/// a blank line between them, each with its byline, its title when it is a key event, and one
/// line per paragraph. The form has no times, ids or flags other than key events.
pub fn text(snap: &Snapshot) -> String {
    let blog = &snap.blog;
    let mut o = String::new();
    let title = one_line(&blog.title);
    let _ = writeln!(o, "{}", if title.is_empty() { "Untitled" } else { &title });
    let _ = writeln!(o, "{}", one_line(&blog.standfirst));
    if !blog.key_events.is_empty() {
        o.push_str("Key events\n");
        for k in &blog.key_events {
            let t = one_line(&k.title);
            if t.is_empty() || t == "-" {
                continue;
            }
            let _ = writeln!(o, "-\n{t}");
        }
    }
    for e in &blog.entries {
        o.push('\n');
        if !e.authors.is_empty() {
            let _ = writeln!(o, "{}", one_line(&e.authors.join(" and ")));
        }
        if let Some(t) = &e.title {
            let t = one_line(t);
            // Only key-event titles are read back as titles; others stay as a first line.
            if !t.is_empty() {
                let _ = writeln!(o, "{t}");
            }
        }
        for line in e.plain_text().lines().map(str::trim) {
            if !line.is_empty() {
                let _ = writeln!(o, "{line}");
            }
        }
    }
    o
}

#[cfg(test)]
mod tests;
