//! The WordPress Liveblog plugin's REST API (`/wp-json/liveblog/v1/<post>/…`) and a post page
//! that points to it as the plugin's pages do, so a reader can be tried against a WordPress
//! live blog that edits and deletes entries.
//!
//! - `entries/<start>/<end>`: every change whose time is in `[start, end]` (epoch seconds), newest
//!   first: `new` when an entry appeared, `update` (the entry's id, its new content) when it was
//!   edited, `delete` (its id, empty content) when it was removed; each at the `Last-Modified`
//!   of the version it made, so a client that asks from its newest time + 1 misses nothing.
//! - `get-entries/<page>/<last known>`: the blog as it stands, [`PAGE_SIZE`] a page.
//! - `get-key-events/<last known>`: the key events, a bare array.

use super::{Site, blocks_to_html, dates, escape};
use crate::blog::Entry;
use crate::formats::wordpress::{DEFAULT_REFRESH, PAGE_SIZE};
use crate::serve::timeline::{Happened, Snapshot};
use serde_json::{Value, json};

/// The post the replay serves, as WordPress numbers it.
pub const POST_ID: u64 = 1;

/// The REST base of the post: `<base>/wp-json/liveblog/v1/<post>/`.
pub fn api_base(site: &Site) -> String {
    format!("{}/wp-json/liveblog/v1/{POST_ID}/", site.base)
}

/// The path of the post page.
pub const PAGE_PATH: &str = "/wordpress/";

/// One of the plugin's routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiRoute {
    EntriesBetween(i64, i64),
    GetEntries(usize),
    KeyEvents,
}

impl ApiRoute {
    /// The route a path under `/wp-json/liveblog/v1/` names; `None` for one the plugin lacks
    /// or another post.
    pub fn of_path(path: &str) -> Option<ApiRoute> {
        let rest = path.strip_prefix("/wp-json/liveblog/v1/")?;
        let rest = rest.strip_prefix(&format!("{POST_ID}/"))?;
        let parts: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
        match parts.as_slice() {
            ["entries", start, end] => Some(ApiRoute::EntriesBetween(
                start.parse().ok()?,
                end.parse().ok()?,
            )),
            ["get-entries", page, _last] => Some(ApiRoute::GetEntries(page.parse().ok()?)),
            ["get-key-events", _last] => Some(ApiRoute::KeyEvents),
            _ => None,
        }
    }
}

/// The answer of one of the plugin's routes.
pub fn answer(snap: &Snapshot, route: ApiRoute) -> String {
    let body = match route {
        ApiRoute::EntriesBetween(start, end) => entries_between(snap, start, end),
        ApiRoute::GetEntries(page) => get_entries(snap, page),
        ApiRoute::KeyEvents => key_events(snap),
    };
    let mut s = serde_json::to_string_pretty(&body).unwrap_or_default();
    s.push('\n');
    s
}

/// The post page: the plugin's settings (`liveblog_settings`, with its `state`: `enable` while
/// the replay goes on, `archive` once it has ended, as the plugin says of a blog its editors
/// have closed), WordPress's REST discovery link, the shortlink and the `postid-` body class,
/// and the empty container the plugin's script fills. No entries: a reader has to go to the
/// API.
pub fn post_page(snap: &Snapshot, site: &Site) -> String {
    let title = escape(&snap.blog.title);
    let settings = json!({
        "permalink": format!("{}{PAGE_PATH}", site.base),
        "post_id": POST_ID.to_string(),
        "state": if super::live(snap) { "enable" } else { "archive" },
        "endpoint_url": api_base(site),
        "refresh_interval": DEFAULT_REFRESH.to_string(),
    });
    let settings = serde_json::to_string(&settings)
        .unwrap_or_default()
        .replace('/', "\\/")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n\
         <link rel=\"https://api.w.org/\" href=\"{base}/wp-json/\">\n\
         <link rel=\"shortlink\" href=\"{base}/?p={POST_ID}\">\n\
         <script id=\"liveblog-js-extra\">\nvar liveblog_settings = {settings};\n</script>\n\
         </head>\n<body class=\"post-template-default single postid-{POST_ID}\">\n\
         <h1>{title}</h1>\n<div id=\"wpcom-liveblog-container\" class=\"{POST_ID}\"></div>\n\
         </body>\n</html>\n",
        base = escape(&site.base),
    )
}

/// An entry as the plugin sends it: its title as a heading opening its HTML.
fn entry(e: Option<&Entry>, kind: &str, id: &str, timestamp: i64, entry_time: i64) -> Value {
    let html = match (kind, e) {
        ("delete", _) | (_, None) => String::new(),
        (_, Some(e)) => {
            let head = e
                .title
                .as_deref()
                .map(|t| format!("<h2>{}</h2>", escape(t)))
                .unwrap_or_default();
            format!("{head}{}", blocks_to_html(&e.body))
        }
    };
    let key_event = kind != "delete" && e.is_some_and(|e| e.key_event);
    let mut v = json!({
        "id": id,
        "type": kind,
        "render": html,
        "content": html,
        "css_classes": format!("liveblog-entry liveblog-entry-class-{}", escape(id)),
        "timestamp": timestamp,
        "entry_time": entry_time,
        "key_event": key_event,
        "authors": e.map(|e| e.authors.iter().map(|a| json!({ "name": a })).collect::<Vec<_>>())
            .unwrap_or_default(),
    });
    if key_event && let Some(e) = e {
        let words = e.title.clone().unwrap_or_else(|| {
            let text = e.plain_text();
            text.lines().next().unwrap_or_default().to_string()
        });
        v["key_event_content"] = json!(escape(&words));
    }
    v
}

/// Index of the entry with `id` in the snapshot, and its own time (epoch seconds).
fn find(snap: &Snapshot, id: &str) -> Option<(usize, i64)> {
    let i = snap.blog.entries.iter().position(|e| e.id == id)?;
    Some((i, dates(snap, i).published.instant().as_second()))
}

fn entries_between(snap: &Snapshot, start: i64, end: i64) -> Value {
    let items: Vec<Value> = snap
        .history
        .iter()
        .rev()
        .filter(|h| (start..=end).contains(&h.at.as_second()))
        .map(|h| {
            let at = h.at.as_second();
            let found = find(snap, &h.entry_id);
            let e = found.map(|(i, _)| &snap.blog.entries[i]);
            let written = found.map_or(at, |(_, t)| t);
            let kind = match h.what {
                Happened::Shown => "new",
                Happened::Edited => "update",
                Happened::Deleted => "delete",
            };
            // An update says when the edit was made as the replay stamps it, a minute after
            // the entry at the earliest (see `Timeline`), never before the replay made it: a
            // reader tells a change within the minute of posting as no edit.
            let at = match (kind, e.and_then(|e| e.updated)) {
                ("update", Some(u)) => at.max(u.instant().as_second()),
                _ => at,
            };
            entry(e, kind, &h.entry_id, at, written)
        })
        .collect();
    let latest = snap
        .history
        .iter()
        .map(|h| h.at.as_second())
        .filter(|t| (start..=end).contains(t))
        .max();
    json!({
        "entries": items,
        "latest_timestamp": latest,
        "refresh_interval": DEFAULT_REFRESH,
        "pages": pages(snap),
    })
}

fn pages(snap: &Snapshot) -> usize {
    snap.blog.entries.len().div_ceil(PAGE_SIZE).max(1)
}

/// When an entry last changed (its newest happening), epoch seconds.
fn last_change(snap: &Snapshot, id: &str, fallback: i64) -> i64 {
    snap.history
        .iter()
        .filter(|h| h.entry_id == id)
        .map(|h| h.at.as_second())
        .max()
        .unwrap_or(fallback)
}

fn as_stands(snap: &Snapshot, i: usize) -> Value {
    let e = &snap.blog.entries[i];
    let written = dates(snap, i).published.instant().as_second();
    entry(
        Some(e),
        "new",
        &e.id,
        last_change(snap, &e.id, written),
        written,
    )
}

fn get_entries(snap: &Snapshot, page: usize) -> Value {
    let from = page.saturating_sub(1).saturating_mul(PAGE_SIZE);
    let items: Vec<Value> = (from..snap.blog.entries.len())
        .take(PAGE_SIZE)
        .map(|i| as_stands(snap, i))
        .collect();
    json!({ "entries": items, "page": page, "pages": pages(snap) })
}

fn key_events(snap: &Snapshot) -> Value {
    Value::Array(
        (0..snap.blog.entries.len())
            .filter(|&i| snap.blog.entries[i].key_event)
            .map(|i| as_stands(snap, i))
            .collect(),
    )
}
