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

use super::{Format, FormatError, html};
use crate::blog::{Entry, KeyEvent, LiveBlog, LiveState, Stamp};
use serde::Deserialize;
use serde_json::Value;

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
pub fn parse_answer(bytes: &[u8]) -> Result<Answer, WordPressError> {
    let doc: Value = serde_json::from_slice(super::without_bom(bytes))
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
        .map(|(index, v)| item(v).map_err(|problem| WordPressError::BadEntry { index, problem }))
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

fn item(v: &Value) -> Result<Item, String> {
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
    let Some(end) = trimmed.to_ascii_lowercase().find(&close) else {
        return (None, html.to_string());
    };
    let title = html::to_plain(&trimmed[..end + close.len()]);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return (None, html.to_string());
    }
    (Some(title), trimmed[end + close.len()..].to_string())
}

/// Applies an answer's changes to a blog the way the plugin's front end does: a `new` entry
/// goes on top (the answer is newest first, so it is applied oldest first), an `update`
/// replaces the entry with its id where it stands, a `delete` removes it. An update or
/// delete of an entry not loaded (on an older page) changes nothing. Key events follow.
pub fn apply(blog: &mut LiveBlog, items: &[Item]) {
    let mut order: Vec<&Item> = items.iter().rev().collect();
    // By when each change was made, where the answer says: whatever order it lists them in.
    if order.iter().all(|i| i.timestamp.is_some()) {
        order.sort_by_key(|i| i.timestamp);
    }
    for it in order {
        let at = blog.entries.iter().position(|e| e.id == it.entry.id);
        match (it.kind, at) {
            (Kind::New, None) => blog.entries.insert(0, it.entry.clone()),
            (Kind::New | Kind::Update, Some(i)) => {
                let mut e = it.entry.clone();
                // An update's `entry_time` is the original's; keep what we had if it has none.
                e.published = e.published.or(blog.entries[i].published);
                blog.entries[i] = e;
            }
            (Kind::Update | Kind::Delete, None) => {}
            (Kind::Delete, Some(i)) => {
                blog.entries.remove(i);
            }
        }
        blog.key_events
            .retain(|k| k.entry_id.as_deref() != Some(&it.entry.id));
        if it.kind != Kind::Delete && it.entry.key_event {
            blog.key_events.push(key_event(it));
        }
    }
    // Key events newest first, like entries.
    blog.key_events
        .sort_by_key(|k| std::cmp::Reverse(k.published.map(|p| p.instant())));
}

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
    apply(&mut blog, &answer.items);
    blog.updated = answer
        .latest_timestamp
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(Stamp::utc);
    if let (Some(page), Some(pages), Some(last)) = (answer.page, answer.pages, answer.items.last())
        && page < pages
    {
        blog.older = Some(format!("{}/{}", page + 1, last_known(last)));
    }
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
mod tests {
    use super::*;

    const BETWEEN: &[u8] = include_bytes!(
        "../../tests/fixtures/wordpress-liveblog/wp-liveblog-entries-between-timestamps.json"
    );
    const PAGED: &[u8] = include_bytes!(
        "../../tests/fixtures/wordpress-liveblog/wp-liveblog-get-entries-paged.json"
    );
    const KEY_EVENTS: &[u8] =
        include_bytes!("../../tests/fixtures/wordpress-liveblog/wp-liveblog-get-key-events.json");
    const APPLY: &[u8] = include_bytes!(
        "../../tests/fixtures/wordpress-liveblog/wp-liveblog-apply-update-testdata.json"
    );

    fn ids(blog: &LiveBlog) -> Vec<&str> {
        blog.entries.iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn changes_to_apply_are_cleaned_as_whole_documents_are() {
        let answer = serde_json::json!({
            "entries": [{
                "id": "7\u{1b}[2J",
                "type": "new",
                "render": "<p>Live \u{1b}]52;c;aGk=\u{7}text [[nid:123]] here</p>",
                "timestamp": 1_511_882_674,
                "authors": [{"name": "Ann\u{1b}[31m"}],
                "key_event": true,
                "key_event_content": "<p>Big \u{202e}news</p>"
            }],
            "latest_timestamp": 1_511_882_674
        })
        .to_string();
        let changes = parse_changes(answer.as_bytes()).unwrap();
        let it = &changes.items[0];
        let text = it.entry.plain_text();
        assert!(text.starts_with("Live "), "{text:?}");
        assert!(!text.contains("[[nid:123]]"), "a CMS token stays: {text:?}");
        let all = format!(
            "{text}{}{}{:?}",
            it.entry.id,
            it.entry.authors.concat(),
            it.key_event_title
        );
        assert!(
            !all.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{all:?}"
        );
        assert_eq!(it.key_event_title.as_deref(), Some("Big news"));
    }

    #[test]
    fn an_entries_between_answer_gives_its_entry_its_latest_timestamp_and_interval() {
        let a = parse_answer(BETWEEN).unwrap();
        assert_eq!(a.latest_timestamp, Some(1_511_882_674));
        assert_eq!(a.refresh_interval, Some(10));
        assert_eq!(a.pages, Some(4));
        assert_eq!(a.items.len(), 1);
        let it = &a.items[0];
        assert_eq!(it.kind, Kind::New);
        assert_eq!(it.entry.id, "3250");
        assert_eq!(it.entry.plain_text(), "test");
        assert_eq!(it.entry.authors, ["bb_admin"]);
        assert_eq!(
            it.entry.published.unwrap().instant().as_second(),
            1_511_882_674
        );
        assert_eq!(it.entry.updated, None);
        assert!(!it.entry.key_event);
    }

    #[test]
    fn a_page_of_get_entries_is_five_entries_and_points_to_the_next_page() {
        let (blog, format) = crate::formats::parse_with_format(PAGED).unwrap();
        assert_eq!(format, Format::WordPress);
        assert_eq!(ids(&blog), ["2977", "2976", "2975", "2974", "2973"]);
        assert_eq!(blog.older.as_deref(), Some("2/2973-1511873011"));
        assert!(
            blog.entries
                .iter()
                .all(|e| e.plain_text() == "This is some test content")
        );
    }

    #[test]
    fn a_key_event_is_named_by_its_key_event_content_without_the_command() {
        let (blog, format) = crate::formats::parse_with_format(KEY_EVENTS).unwrap();
        assert_eq!(format, Format::WordPress);
        assert_eq!(ids(&blog), ["3251"]);
        assert!(blog.entries[0].key_event);
        assert_eq!(blog.entries[0].plain_text(), "This is a test Key Event");
        assert_eq!(blog.key_events.len(), 1);
        assert_eq!(blog.key_events[0].title, "This is a test Key Event");
        assert_eq!(blog.key_events[0].entry_id.as_deref(), Some("3251"));
    }

    /// The plugin's own test of its merge: current 1, 2, 3; then a new 4, an update of 3
    /// and a delete of 2 give 4, 1, 3 (updated).
    #[test]
    fn new_update_and_delete_apply_as_the_plugins_own_test_expects() {
        let data: Value = serde_json::from_slice(APPLY).unwrap();
        let as_items = |v: &Value| -> Vec<Item> {
            let list: Vec<Value> = match v {
                Value::Object(m) => m.values().cloned().collect(),
                Value::Array(a) => a.clone(),
                _ => panic!("not entries"),
            };
            list.iter().map(|e| item(e).unwrap()).collect()
        };
        // currentEntries are in the order the page shows them; applying them to an empty blog
        // one by one (newest first in an answer) would reverse them, so build the blog as is.
        let mut blog = LiveBlog {
            entries: as_items(&data["currentEntries"])
                .into_iter()
                .map(|i| i.entry)
                .collect(),
            ..LiveBlog::default()
        };
        let news = as_items(&data["newEntries"]);
        let mut polled = blog.clone();
        apply(&mut blog, &news);
        // (The expected objects are keyed `id_<n>`; their order is not the point, their
        // contents are.)
        let expected: Vec<Item> = as_items(&data["expectedEntries"]);
        assert_eq!(ids(&blog), ["4", "1", "3"]);
        assert_eq!(expected.len(), blog.entries.len());
        for want in &expected {
            let got = &blog.entries[blog.position(&want.entry.id).unwrap()];
            assert_eq!(got.plain_text(), want.entry.plain_text());
        }
        // While new entries wait (the plugin's polling case), updates and deletes still apply.
        let without_new: Vec<Item> = news.into_iter().filter(|i| i.kind != Kind::New).collect();
        apply(&mut polled, &without_new);
        let expected: Vec<Item> = as_items(&data["expectedEntriesPolling"]);
        assert_eq!(ids(&polled), ["1", "3"]);
        for want in &expected {
            let got = &polled.entries[polled.position(&want.entry.id).unwrap()];
            assert_eq!(got.plain_text(), want.entry.plain_text());
        }
        assert_eq!(polled.entries[1].plain_text(), "updated");
    }

    #[test]
    fn an_update_of_an_entry_not_loaded_changes_nothing_and_a_delete_drops_its_key_event() {
        let mut blog = parse(KEY_EVENTS).unwrap();
        let answer = parse_answer(
            br#"{"entries":[{"id":"9","type":"update","content":"x","timestamp":5},
                {"id":"3251","type":"delete","content":"","timestamp":6}],
                "latest_timestamp":6}"#,
        )
        .unwrap();
        apply(&mut blog, &answer.items);
        assert!(blog.entries.is_empty());
        assert!(blog.key_events.is_empty());
    }

    #[test]
    fn a_leading_heading_is_the_title() {
        let a = parse_answer(
            br#"[{"id":1,"type":"update","content":"<h2>Goal!</h2><p>Kane scores.</p>","entry_time":100,"timestamp":160},
                {"id":2,"type":"new","content":"<p>Kick-off.</p>","entry_time":90,"timestamp":95}]"#,
        )
        .unwrap();
        let e = &a.items[0].entry;
        assert_eq!(e.title.as_deref(), Some("Goal!"));
        assert_eq!(e.plain_text(), "Kane scores.");
        assert_eq!(e.published.unwrap().instant().as_second(), 100);
        assert_eq!(e.updated.unwrap().instant().as_second(), 160);
        // A new entry's timestamp says when it was posted, not that it was changed.
        let new = &a.items[1].entry;
        assert_eq!(new.title, None);
        assert_eq!(new.published.unwrap().instant().as_second(), 90);
        assert_eq!(new.updated, None);
    }

    #[test]
    fn only_the_plugins_shapes_are_sniffed_as_its_answers() {
        for doc in [BETWEEN, PAGED, KEY_EVENTS] {
            assert_eq!(crate::formats::sniff(doc).unwrap(), Format::WordPress);
        }
        // Words that other JSON may well contain are not enough.
        assert_ne!(
            crate::formats::sniff(br#"{"entries":[{"id":1}],"pages":2,"blocks":[]}"#).unwrap(),
            Format::WordPress
        );
        assert_ne!(
            crate::formats::sniff(br#"[{"@type":"LiveBlogPosting","key_event":1}]"#).unwrap(),
            Format::WordPress
        );
    }

    #[test]
    fn wrong_shapes_are_typed_errors() {
        assert_eq!(
            parse_answer(br#"{"page":1}"#).unwrap_err(),
            WordPressError::NoEntries
        );
        assert!(matches!(
            parse_answer(br#"{"entries":[{"type":"new"}]}"#),
            Err(WordPressError::BadEntry { index: 0, .. })
        ));
        assert!(matches!(
            parse_answer(br#"{"entries":[{"id":1,"type":"move"}]}"#),
            Err(WordPressError::BadEntry { .. })
        ));
        assert!(matches!(
            parse_answer(b"<html>"),
            Err(WordPressError::NotJson(_))
        ));
        assert!(matches!(
            parse(br#"{"page":1}"#),
            Err(FormatError::NotALiveBlog(_))
        ));
        assert!(parse_answer("[".repeat(100_000).as_bytes()).is_err());
    }
}
