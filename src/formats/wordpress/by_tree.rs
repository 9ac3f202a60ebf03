//! The reading of an answer as it was written first, through a whole `serde_json::Value`:
//! the reference the one-pass reading (`read.rs`) is held to in the tests.

use super::{
    Answer, Item, Kind, MAX_ENTRIES, WordPressError, html, leading_heading, without_commands,
};
use crate::blog::{Entry, Stamp};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct RawAnswer {
    entries: Option<Vec<Value>>,
    latest_timestamp: Option<Value>,
    refresh_interval: Option<Value>,
    page: Option<Value>,
    pages: Option<Value>,
}

/// A number the plugin may write as a number or as a string of digits.
fn number(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Reads one answer of any of the three routes.
pub(super) fn parse_answer_by_tree(bytes: &[u8]) -> Result<Answer, WordPressError> {
    let doc: Value = serde_json::from_slice(crate::formats::without_bom(bytes))
        .map_err(|e| WordPressError::NotJson(e.to_string()))?;
    let (entries, raw) = match doc {
        Value::Array(a) => (a, None),
        Value::Object(_) => {
            let raw: RawAnswer =
                serde_json::from_value(doc).map_err(|e| WordPressError::NotJson(e.to_string()))?;
            let entries = raw.entries.clone().ok_or(WordPressError::NoEntries)?;
            (entries, Some(raw))
        }
        _ => return Err(WordPressError::NoEntries),
    };
    let items = entries
        .iter()
        .take(MAX_ENTRIES)
        .enumerate()
        .map(|(index, v)| {
            item_by_tree(v).map_err(|problem| WordPressError::BadEntry { index, problem })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let from_items = items.iter().filter_map(|i| i.timestamp).max();
    let raw = raw.as_ref();
    let count = |v: Option<&Value>| number(v).and_then(|n| u64::try_from(n).ok());
    Ok(Answer {
        latest_timestamp: number(raw.and_then(|r| r.latest_timestamp.as_ref())).or(from_items),
        refresh_interval: count(raw.and_then(|r| r.refresh_interval.as_ref())),
        page: count(raw.and_then(|r| r.page.as_ref())),
        pages: count(raw.and_then(|r| r.pages.as_ref())),
        items,
    })
}

pub(super) fn item_by_tree(v: &Value) -> Result<Item, String> {
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
        Some(Value::String(s)) => matches!(s.as_str(), "1" | "true"),
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
fn authors(v: &Value) -> Vec<String> {
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
