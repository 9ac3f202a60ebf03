//! liveblog's own JSON, the `dump --format json` schema, read back without loss.
//!
//! The schema is stable and documented in the README. `text` is the body as plain text for
//! scripts; `body` carries the rich blocks so that dump → open round-trips.

use super::{Format, FormatError};
use crate::blog::{Block, Entry, Extraction, KeyEvent, LiveBlog, LiveState, Stamp};
use serde::{Deserialize, Deserializer, Serialize};

/// Version of the schema written in `liveblog_format`.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Doc {
    liveblog_format: u32,
    title: String,
    #[serde(default)]
    standfirst: String,
    #[serde(default)]
    url: Option<String>,
    /// true while live, false once ended, null when the source does not say. `dump` of a saved
    /// file writes null where the file said live: it is not live now, whatever it said when
    /// saved (as the reader and `status` say it).
    #[serde(default)]
    live: Option<bool>,
    #[serde(default, deserialize_with = "lenient_stamp")]
    updated: Option<Stamp>,
    #[serde(default)]
    older: Option<String>,
    /// `"heuristic"` when the entries were guessed from the page's layout; left out otherwise.
    #[serde(default, skip_serializing_if = "is_structured")]
    extracted: Extraction,
    #[serde(default)]
    key_events: Vec<DocKeyEvent>,
    #[serde(default)]
    entries: Vec<DocEntry>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct DocKeyEvent {
    title: String,
    #[serde(default)]
    entry_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_stamp")]
    published: Option<Stamp>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct DocEntry {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, deserialize_with = "lenient_stamp")]
    published: Option<Stamp>,
    #[serde(default, deserialize_with = "lenient_stamp")]
    updated: Option<Stamp>,
    /// The time as the page wrote it, when it could not be made an instant; left out otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time_as_written: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    key_event: bool,
    #[serde(default)]
    pinned: bool,
    #[serde(default)]
    summary: bool,
    #[serde(default)]
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<Vec<Block>>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if signature"
)]
pub(crate) fn is_structured(e: &Extraction) -> bool {
    *e == Extraction::Structured
}

/// A time that cannot be read or represented (year 9999 at a negative offset, month 13) is
/// dropped, as the other formats drop theirs: the entry stays, without a time, rather than the
/// whole document being refused. A time that is not a string at all is still a schema error.
fn lenient_stamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Stamp>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    Ok(text.and_then(|s| {
        let stamp = Stamp::parse(&s);
        if stamp.is_none() {
            tracing::debug!(time = %crate::sanitize::visible(&s, 80), "dropped an unreadable time");
        }
        stamp
    }))
}

/// Writes the blog as liveblog JSON (pretty-printed, one trailing newline).
pub fn to_json(blog: &LiveBlog) -> String {
    let doc = Doc {
        liveblog_format: SCHEMA_VERSION,
        title: blog.title.clone(),
        standfirst: blog.standfirst.clone(),
        url: blog.url.clone(),
        live: match blog.state {
            LiveState::Live => Some(true),
            LiveState::Ended => Some(false),
            LiveState::Unknown => None,
        },
        updated: blog.updated,
        older: blog.older.clone(),
        extracted: blog.extracted,
        key_events: blog.key_events.iter().map(key_event_doc).collect(),
        entries: blog.entries.iter().map(entry_doc).collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// A key event as the schema writes it (also in `dump`'s merged document).
pub(crate) fn key_event_doc(k: &KeyEvent) -> DocKeyEvent {
    DocKeyEvent {
        title: k.title.clone(),
        entry_id: k.entry_id.clone(),
        published: k.published,
    }
}

/// An entry as the schema writes it (also in `dump`'s merged document).
pub(crate) fn entry_doc(e: &Entry) -> DocEntry {
    DocEntry {
        id: e.id.clone(),
        title: e.title.clone(),
        published: e.published,
        updated: e.updated,
        time_as_written: e.time_as_written.clone(),
        authors: e.authors.clone(),
        key_event: e.key_event,
        pinned: e.pinned,
        summary: e.summary,
        text: e.plain_text(),
        body: Some(e.body.clone()),
    }
}

/// One entry as a single JSON line (for `follow --format jsonl`): the [`DocEntry`] of
/// [`entry_doc`], written from the entry borrowed rather than copied.
pub fn entry_to_json_line(e: &Entry) -> String {
    /// [`DocEntry`] borrowed: the same fields, names and order, so the same bytes.
    #[derive(Serialize)]
    struct DocEntryRef<'a> {
        id: &'a str,
        title: Option<&'a str>,
        published: Option<Stamp>,
        updated: Option<Stamp>,
        #[serde(skip_serializing_if = "Option::is_none")]
        time_as_written: Option<&'a str>,
        authors: &'a [String],
        key_event: bool,
        pinned: bool,
        summary: bool,
        text: String,
        body: &'a [Block],
    }
    let doc = DocEntryRef {
        id: &e.id,
        title: e.title.as_deref(),
        published: e.published,
        updated: e.updated,
        time_as_written: e.time_as_written.as_deref(),
        authors: &e.authors,
        key_event: e.key_event,
        pinned: e.pinned,
        summary: e.summary,
        text: e.plain_text(),
        body: &e.body,
    };
    // The document has only string keys: serialising it cannot fail.
    serde_json::to_string(&doc).unwrap_or_default()
}

/// Reads liveblog JSON. Without `body`, an entry's `text` becomes its paragraphs.
pub fn parse(bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    let doc: Doc =
        serde_json::from_slice(bytes).map_err(|e| FormatError::malformed(Format::Native, e))?;
    if doc.liveblog_format > SCHEMA_VERSION {
        return Err(FormatError::malformed(
            Format::Native,
            format!(
                "schema version {} is newer than this liveblog reads",
                doc.liveblog_format
            ),
        ));
    }
    Ok(LiveBlog {
        poll_every: None,
        title: doc.title,
        standfirst: doc.standfirst,
        url: doc.url,
        state: match doc.live {
            Some(true) => LiveState::Live,
            Some(false) => LiveState::Ended,
            None => LiveState::Unknown,
        },
        updated: doc.updated,
        older: doc.older,
        extracted: doc.extracted,
        key_events: doc
            .key_events
            .into_iter()
            .map(|k| KeyEvent {
                title: k.title,
                entry_id: k.entry_id,
                published: k.published,
            })
            .collect(),
        entries: doc
            .entries
            .into_iter()
            .map(|d| Entry {
                body: d.body.unwrap_or_else(|| {
                    d.text
                        .split("\n\n")
                        .filter(|p| !p.trim().is_empty())
                        .map(Block::text)
                        .collect()
                }),
                id: d.id,
                title: d.title,
                published: d.published,
                updated: d.updated,
                time_as_written: d.time_as_written,
                authors: d.authors,
                key_event: d.key_event,
                pinned: d.pinned,
                summary: d.summary,
                read_from: crate::blog::ReadFrom::Data,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::Inline;

    fn sample() -> LiveBlog {
        LiveBlog {
            poll_every: None,
            title: "T".into(),
            standfirst: "S".into(),
            url: Some("https://example.com/live".into()),
            state: LiveState::Live,
            updated: Stamp::parse("2025-02-17T18:00:00+01:00"),
            entries: vec![Entry {
                id: "b1".into(),
                title: Some("Key".into()),
                published: Stamp::parse("2025-02-17T17:00:00Z"),
                updated: None,
                time_as_written: None,
                authors: vec!["A B".into()],
                key_event: true,
                pinned: false,
                summary: false,
                read_from: crate::blog::ReadFrom::Data,
                body: vec![
                    Block::Paragraph {
                        runs: vec![
                            Inline::plain("Hello "),
                            Inline {
                                text: "world".into(),
                                bold: true,
                                link: Some("https://w".into()),
                                ..Inline::default()
                            },
                        ],
                    },
                    Block::Quote {
                        paragraphs: vec![vec![Inline::plain("Q")]],
                        attribution: Some("Z".into()),
                        level: 0,
                    },
                ],
            }],
            key_events: vec![KeyEvent {
                title: "Key".into(),
                entry_id: Some("b1".into()),
                published: None,
            }],
            older: None,
            extracted: Extraction::Structured,
        }
    }

    #[test]
    fn round_trips_without_loss() {
        let b = sample();
        let json = to_json(&b);
        assert_eq!(crate::formats::parse(json.as_bytes()).unwrap(), b);
    }

    #[test]
    fn a_bom_before_liveblog_json_is_skipped() {
        let json = format!("\u{FEFF}{}", to_json(&sample()));
        assert_eq!(
            crate::formats::parse_with_format(json.as_bytes()).unwrap(),
            (sample(), Format::Native)
        );
    }

    #[test]
    fn schema_has_the_documented_fields() {
        let v: serde_json::Value = serde_json::from_str(&to_json(&sample())).unwrap();
        assert_eq!(v["live"], true);
        assert_eq!(v["key_events"][0]["entry_id"], "b1");
        assert_eq!(v["entries"][0]["published"], "2025-02-17T17:00:00Z");
        assert_eq!(v["entries"][0]["updated"], serde_json::Value::Null);
        assert_eq!(v["entries"][0]["text"], "Hello world\n\n> Q\n> — Z");
        assert_eq!(v["updated"], "2025-02-17T18:00:00+01:00");
    }

    #[test]
    fn a_guessed_blog_and_a_time_as_written_round_trip_and_are_left_out_otherwise() {
        let plain = to_json(&sample());
        assert!(!plain.contains("extracted"), "{plain}");
        assert!(!plain.contains("time_as_written"), "{plain}");
        let mut b = sample();
        b.extracted = Extraction::Heuristic;
        b.entries[0].published = None;
        b.entries[0].time_as_written = Some("95'".into());
        let json = to_json(&b);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["extracted"], "heuristic");
        assert_eq!(v["entries"][0]["time_as_written"], "95'");
        assert_eq!(v["entries"][0]["published"], serde_json::Value::Null);
        assert_eq!(crate::formats::parse(json.as_bytes()).unwrap(), b);
    }

    #[test]
    fn text_alone_becomes_paragraphs() {
        let j = br#"{"liveblog_format":1,"title":"T","entries":[{"id":"x","text":"a\n\nb"}]}"#;
        let b = crate::formats::parse(j).unwrap();
        assert_eq!(b.entries[0].body, vec![Block::text("a"), Block::text("b")]);
    }

    #[test]
    fn a_date_in_year_9999_is_dropped_and_the_entry_kept() {
        let j = br#"{"liveblog_format":1,"title":"T","updated":"9999-12-31T23:59:59Z",
            "key_events":[{"title":"K","entry_id":"x","published":"+010000-01-01T00:00:00Z"}],
            "entries":[{"id":"x","text":"a","published":"9999-12-31T23:59:59-05:00",
                "updated":"2025-13-45T99:00:00Z"},
                {"id":"y","text":"b","published":"2025-02-17T17:00:00Z"}]}"#;
        let b = crate::formats::parse(j).unwrap();
        assert_eq!(b.updated, None);
        assert_eq!(b.key_events[0].published, None);
        assert_eq!(b.entries.len(), 2);
        let x = b.entries.iter().find(|e| e.id == "x").unwrap();
        assert_eq!((x.published, x.updated), (None, None));
        assert_eq!(x.body, vec![Block::text("a")]);
        let y = b.entries.iter().find(|e| e.id == "y").unwrap();
        assert_eq!(y.published, Stamp::parse("2025-02-17T17:00:00Z"));
        // Not a string at all is a schema error, as before.
        let j = br#"{"liveblog_format":1,"title":"T","entries":[{"id":"x","published":5}]}"#;
        assert!(crate::formats::parse(j).is_err());
    }

    #[test]
    fn a_wrong_type_names_the_field() {
        let j = br#"{"liveblog_format":1,"title":5}"#;
        let err = crate::formats::parse(j).unwrap_err().to_string();
        assert!(err.contains("liveblog JSON"), "{err}");
        assert!(err.contains("integer"), "{err}");
    }
}
