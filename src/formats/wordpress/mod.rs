//! The REST answers of the WordPress "Liveblog" plugin (WordPress VIP, `Automattic/liveblog`).
//!
//! The plugin keeps a blog's entries behind `/wp-json/liveblog/v1/<post>/`:
//! - `entries/<start>/<end>`: every change with a timestamp in `[start, end]` (epoch seconds),
//!   with `latest_timestamp` and the `refresh_interval` (seconds) the page polls at;
//! - `get-entries/<page>/<last known>`: the blog as it stands, 5 entries a page, newest first,
//!   with `page` and `pages` (`<last known>` is `"<id>-<timestamp>"`, or `latest`);
//! - `get-key-events/<last known>`: a bare array of the key events.
//!
//! An entry is typed: `new` adds one, `update` replaces the entry whose id it carries and
//! `delete` (empty content) removes it. So a poll of `entries/<latest + 1>/<now>` brings
//! edits and deletions as well as new entries, and [`apply`] is the plugin's own merge.
//!
//! An entry's HTML is `render` (the `/key` command shown as a `liveblog-command` span, which
//! is dropped here) or else `content`; a heading that opens it is its title. `entry_time` is
//! when the entry was first written, `timestamp` when this version was.

#[cfg(test)]
mod by_tree;
mod merge;

use super::json::Value;
use super::{Format, FormatError, html};
use crate::blog::{Entry, KeyEvent, LiveBlog, LiveState, Stamp};
pub use merge::apply;

/// Entries per `get-entries` page, as the plugin pages them.
pub const PAGE_SIZE: usize = 5;
/// The plugin's default refresh interval, seconds.
pub const DEFAULT_REFRESH: u64 = 10;
/// Most entries read from one answer.
const MAX_ENTRIES: usize = 10_000;

/// Why a document is not a WordPress Liveblog answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WordPressError {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("neither an object with \"entries\" nor an array of entries")]
    NoEntries,
    #[error("entry {index}: {problem}")]
    BadEntry { index: usize, problem: String },
}

impl From<WordPressError> for FormatError {
    fn from(e: WordPressError) -> Self {
        match e {
            WordPressError::NoEntries => FormatError::NotALiveBlog(
                "a WordPress Liveblog answer needs \"entries\" or an array of entries".into(),
            ),
            other => FormatError::malformed(Format::WordPress, other),
        }
    }
}

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    New,
    Update,
    Delete,
}

/// One entry of an answer: a change to the blog.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: Kind,
    /// The entry, its id the one it adds, replaces or removes.
    pub entry: Entry,
    /// When this change was made (epoch seconds), if the answer says.
    pub timestamp: Option<i64>,
    /// The key event's own wording (`key_event_content`, as text), for a key event.
    pub key_event_title: Option<String>,
}

/// One REST answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    /// In the answer's order (newest first).
    pub items: Vec<Item>,
    /// The newest change's timestamp, as the answer gives it or else as its items do.
    pub latest_timestamp: Option<i64>,
    /// Seconds between polls, as the plugin asks.
    pub refresh_interval: Option<u64>,
    pub page: Option<u64>,
    pub pages: Option<u64>,
}

/// A number the plugin may write as a number or as a string of digits.
fn number(v: Option<&Value<'_>>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Reads one answer of any of the three routes: through the JSON tree that borrows its
/// strings (`formats::json`), which reads as `serde_json::Value` does (the last of twin keys
/// wins) without copying every key and string.
pub fn parse_answer(bytes: &[u8]) -> Result<Answer, WordPressError> {
    let doc = super::json::from_slice(super::without_bom(bytes))
        .map_err(|e| WordPressError::NotJson(e.to_string()))?;
    let entries = match &doc {
        Value::Array(a) => a.as_slice(),
        Value::Object(o) => match o.get("entries") {
            None | Some(Value::Null) => return Err(WordPressError::NoEntries),
            Some(Value::Array(a)) => a.as_slice(),
            Some(_) => {
                return Err(WordPressError::NotJson(
                    "\"entries\" is not a list".to_string(),
                ));
            }
        },
        _ => return Err(WordPressError::NoEntries),
    };
    let items = entries
        .iter()
        .take(MAX_ENTRIES)
        .enumerate()
        .map(|(index, v)| item(v).map_err(|problem| WordPressError::BadEntry { index, problem }))
        .collect::<Result<Vec<_>, _>>()?;
    let from_items = items.iter().filter_map(|i| i.timestamp).max();
    let count = |k: &str| number(doc.get(k)).and_then(|n| u64::try_from(n).ok());
    Ok(Answer {
        latest_timestamp: number(doc.get("latest_timestamp")).or(from_items),
        refresh_interval: count("refresh_interval"),
        page: count("page"),
        pages: count("pages"),
        items,
    })
}

fn item(v: &Value<'_>) -> Result<Item, String> {
    let id = match v.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err("no \"id\"".into()),
    };
    let kind = match v.get("type").and_then(Value::as_str).unwrap_or("new") {
        "new" => Kind::New,
        "update" => Kind::Update,
        "delete" => Kind::Delete,
        other => return Err(format!("unknown type \"{other}\"")),
    };
    let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default();
    let body_html = if text("render").trim().is_empty() {
        text("content")
    } else {
        text("render")
    };
    let (title, body_html) = leading_heading(&without_commands(body_html));
    let timestamp = number(v.get("timestamp"));
    let written = number(v.get("entry_time")).or(timestamp);
    let stamp = |s: Option<i64>| {
        s.and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map(Stamp::utc)
    };
    let published = stamp(written);
    // Only an update says when the entry was changed; a new entry's `timestamp` is when it
    // was posted (or, in a flattened `get-entries` page, whenever it last changed).
    let updated = stamp(timestamp)
        .filter(|_| kind == Kind::Update)
        .filter(|u| published.is_none_or(|p| u.instant() > p.instant()));
    let key_event = match v.get("key_event") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => matches!(&**s, "1" | "true"),
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        _ => false,
    };
    let authors = authors(v);
    let key_event_title = key_event
        .then(|| html::to_plain(&without_commands(text("key_event_content"))))
        .map(|t| t.lines().next().unwrap_or_default().trim().to_string())
        .filter(|t| !t.is_empty());
    Ok(Item {
        kind,
        entry: Entry {
            id,
            title,
            published,
            updated,
            authors,
            key_event,
            pinned: false,
            summary: false,
            body: html::to_blocks(&body_html),
            time_as_written: None,
            read_from: crate::blog::ReadFrom::Data,
        },
        timestamp,
        key_event_title,
    })
}

/// `authors[].name` (the plugin since 1.7), else the text of `author_link` (older versions).
fn authors(v: &Value<'_>) -> Vec<String> {
    let named: Vec<String> = v
        .get("authors")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("name").and_then(Value::as_str))
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if !named.is_empty() {
        return named;
    }
    v.get("author_link")
        .and_then(Value::as_str)
        .map(html::to_plain)
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .into_iter()
        .collect()
}

/// `html` without the plugin's rendered commands (`<span class="liveblog-command type-key">
/// key</span>`), which say how the entry was typed, not what it says.
fn without_commands(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<span class=\"liveblog-command") {
        out.push_str(&rest[..at]);
        match rest[at..].find("</span>") {
            Some(end) => rest = &rest[at + end + "</span>".len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A heading that opens an entry is its title; the rest is its body.
fn leading_heading(html: &str) -> (Option<String>, String) {
    let trimmed = html.trim_start();
    let lower = trimmed.get(..4).map(str::to_ascii_lowercase);
    let Some(level) = lower
        .as_deref()
        .and_then(|l| l.strip_prefix("<h"))
        .and_then(|l| l.chars().next())
        .filter(|c| ('1'..='6').contains(c))
    else {
        return (None, html.to_string());
    };
    let close = format!("</h{level}>");
    // Found in any case, without a lower-cased copy of the whole entry.
    let Some(end) = trimmed
        .as_bytes()
        .windows(close.len())
        .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
    else {
        return (None, html.to_string());
    };
    let title = html::to_plain(&trimmed[..end + close.len()]);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return (None, html.to_string());
    }
    (Some(title), trimmed[end + close.len()..].to_string())
}

/// The key event an item heads.
fn key_event(it: &Item) -> KeyEvent {
    let title = it
        .key_event_title
        .clone()
        .or_else(|| it.entry.title.clone())
        .unwrap_or_else(|| {
            let text = it.entry.plain_text();
            let first = text.lines().next().unwrap_or_default();
            first.chars().take(120).collect()
        });
    KeyEvent {
        title,
        entry_id: Some(it.entry.id.clone()),
        published: it.entry.published,
    }
}

/// The `<last known>` argument naming `item` in a `get-entries` or `get-key-events` request.
pub fn last_known(item: &Item) -> String {
    format!("{}-{}", item.entry.id, item.timestamp.unwrap_or(0))
}

/// Reads an answer as a blog on its own: the changes applied to nothing, and for a page of
/// `get-entries` that has more, the pointer to the next (`<page>/<id>-<timestamp>`, read
/// back by the endpoint as `get-entries/<pointer>`). The answers carry no title.
pub fn parse(bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    let answer = parse_answer(bytes)?;
    let mut blog = LiveBlog {
        state: LiveState::Live,
        ..LiveBlog::default()
    };
    if let (Some(page), Some(pages), Some(last)) = (answer.page, answer.pages, answer.items.last())
        && page < pages
    {
        blog.older = Some(format!("{}/{}", page + 1, last_known(last)));
    }
    blog.updated = answer
        .latest_timestamp
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(Stamp::utc);
    apply(&mut blog, answer.items);
    Ok(blog)
}

/// Reads an `entries/<start>/<end>` answer for applying to a blog on screen: as
/// [`parse_answer`], with every string made safe for a terminal (as [`super::parse`] does for
/// whole documents).
pub fn parse_changes(bytes: &[u8]) -> Result<Answer, FormatError> {
    let mut answer = parse_answer(bytes)?;
    for item in &mut answer.items {
        super::finished::finish_entry(&mut item.entry);
        item.key_event_title = item
            .key_event_title
            .as_deref()
            .map(|t| crate::sanitize::line(t, crate::sanitize::TITLE_MAX));
    }
    Ok(answer)
}

/// Adds the key events of `from` (a `get-key-events` answer read as a blog) that `blog` does
/// not have: they head entries on older pages too.
pub fn add_key_events(blog: &mut LiveBlog, from: &LiveBlog) {
    for k in &from.key_events {
        if !blog.key_events.iter().any(|h| h.entry_id == k.entry_id) {
            blog.key_events.push(k.clone());
        }
    }
    blog.key_events
        .sort_by_key(|k| std::cmp::Reverse(k.published.map(|p| p.instant())));
}

/// Whether a JSON document looks like one of the plugin's answers (for sniffing).
pub fn looks_like(probe: &[u8]) -> bool {
    let has = |needle: &str| super::memfind(probe, needle.as_bytes());
    (has("\"entries\"")
        && (has("\"latest_timestamp\"")
            || has("\"refresh_interval\"")
            || (has("\"pages\"") && has("\"entry_time\""))))
        || (has("\"entry_time\"") && has("\"key_event\""))
}

#[cfg(test)]
mod tests;
