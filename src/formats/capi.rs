//! Guardian Content API item responses (`content.guardianapis.com/<id>?show-blocks=…`).
//!
//! A live blog is one `content` item; its entries are the blocks in `blocks.body` and in each
//! list of `blocks.requestedBodyBlocks` (what `show-blocks=body:latest:30,body:key-events,…`
//! returns), the same block possibly appearing in several lists. `blocks.main` is the main
//! media block, not an entry. Like the page JSON, the response is walked as a [`Value`]:
//! the decoder the Guardian publishes accepts booleans as strings and dates as objects, so
//! strict structs would refuse real responses.

use super::guardian::{as_quote, block_id, flag, list, number, short_title, string};
use super::html::{absolute_url, guardian_kind, resolve_url, to_blocks_with_base, to_plain};
use super::json::Value;
use super::{Format, FormatError};
use crate::blog::{Block, Embed, Entry, Image, KeyEvent, LiveBlog, LiveState, Stamp};
use std::collections::{HashMap, HashSet};
use url::Url;

/// The requested block lists that hold the key-event sidebar (the site reads the same two).
const KEY_EVENT_LISTS: [&str; 2] = ["body:key-events", "body:summary"];

/// Reads a Content API item response.
pub fn parse(bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    // serde_json stops at 128 levels of nesting, so a hostile `[[[[…` is an error, not a crash.
    let doc: Value =
        super::json::from_slice(bytes).map_err(|e| FormatError::malformed(Format::Capi, e))?;
    let Some(response) = doc.get("response").filter(|r| r.is_object()) else {
        return Err(FormatError::malformed(
            Format::Capi,
            "no \"response\" object",
        ));
    };
    if string(response, "status").as_deref() == Some("error") {
        let message = string(response, "message")
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| "error without a message".into());
        return Err(FormatError::ApiError(message));
    }
    let Some(content) = response.get("content").filter(|c| c.is_object()) else {
        return Err(FormatError::NotALiveBlog(
            "the Content API response has no \"content\" item (a search result?)".into(),
        ));
    };
    let null = Value::Null;
    let fields = content.get("fields").unwrap_or(&null);
    let blocks = content.get("blocks").unwrap_or(&null);
    let base = string(content, "webUrl")
        .and_then(|u| absolute_url(&u))
        .and_then(|u| Url::parse(&u).ok());
    let Blocks {
        mut entries,
        key_event_ids,
        summaries,
    } = entries(blocks, base.as_ref())?;
    super::guardian::credit_the_page(&mut entries, content, string(fields, "byline"));
    let key_events = entries
        .iter()
        .filter(|e| e.key_event || e.summary || key_event_ids.contains(e.id.as_str()))
        .map(|e| KeyEvent {
            // Untitled: the start of the block's text summary, else of its body.
            title: e.title.clone().unwrap_or_else(|| {
                summaries
                    .get(&e.id)
                    .map_or_else(|| short_title(&e.plain_text()), |s| short_title(s))
            }),
            entry_id: Some(e.id.clone()),
            published: e.published,
        })
        .collect();

    Ok(LiveBlog {
        poll_every: None,
        extracted: crate::blog::Extraction::Structured,
        title: string(fields, "headline")
            .or_else(|| string(content, "webTitle"))
            .map(|t| t.trim().to_string())
            .unwrap_or_default(),
        standfirst: string(fields, "standfirst")
            .map(|s| to_plain(&s))
            .unwrap_or_default(),
        url: string(content, "webUrl").and_then(|u| absolute_url(&u)),
        state: match flag(fields, "liveBloggingNow") {
            Some(true) => LiveState::Live,
            Some(false) => LiveState::Ended,
            None => LiveState::Unknown,
        },
        updated: date(fields, "lastModified"),
        entries,
        key_events,
        // The API has no page cursor: older blocks are fetched by asking for them.
        older: None,
    })
}

/// What `content.blocks` holds for the reader.
struct Blocks {
    /// Newest first, each block once.
    entries: Vec<Entry>,
    /// Ids listed in the key-event and summary lists.
    key_event_ids: HashSet<String>,
    /// `bodyTextSummary` by block id, where not empty.
    summaries: HashMap<String, String>,
}

fn entries(blocks: &Value, base: Option<&Url>) -> Result<Blocks, FormatError> {
    let mut raw: Vec<(String, &Value)> = list(blocks, "body", Format::Capi)?
        .iter()
        .enumerate()
        .map(|(i, b)| (format!("blocks.body[{i}]"), b))
        .collect();
    let mut key_event_ids = HashSet::new();
    match blocks.get("requestedBodyBlocks") {
        None | Some(Value::Null) => {}
        Some(Value::Object(requested)) => {
            for (key, lst) in requested.members() {
                let Value::Array(lst) = lst else {
                    return Err(FormatError::malformed(
                        Format::Capi,
                        format!("blocks.requestedBodyBlocks[\"{key}\"] is not a list"),
                    ));
                };
                for (i, b) in lst.iter().enumerate() {
                    if KEY_EVENT_LISTS.contains(&key)
                        && let Some(id) = string(b, "id")
                    {
                        key_event_ids.insert(id);
                    }
                    raw.push((format!("blocks.requestedBodyBlocks[\"{key}\"][{i}]"), b));
                }
            }
        }
        Some(_) => {
            return Err(FormatError::malformed(
                Format::Capi,
                "blocks.requestedBodyBlocks is not an object",
            ));
        }
    }

    let mut seen = HashSet::new();
    let mut summaries = HashMap::new();
    let mut out = Vec::with_capacity(raw.len());
    for (path, b) in raw {
        let e = entry(b, &path, base)?;
        if seen.insert(e.id.clone()) {
            if let Some(s) = string(b, "bodyTextSummary").filter(|s| !s.trim().is_empty()) {
                summaries.insert(e.id.clone(), s);
            }
            out.push(e);
        }
    }
    // Pinned first, then newest first; the lists come from different queries, so their order
    // is not the blog's. Entries without a time keep their relative order after the dated ones.
    crate::blog::merge::sort_newest_first(&mut out);
    Ok(Blocks {
        entries: out,
        key_event_ids,
        summaries,
    })
}

fn entry(b: &Value, path: &str, base: Option<&Url>) -> Result<Entry, FormatError> {
    let id = block_id(b, path, Format::Capi)?;
    let null = Value::Null;
    let attrs = b.get("attributes").unwrap_or(&null);
    let attr = |k: &str| flag(attrs, k).unwrap_or(false);
    let title = string(b, "title")
        .or_else(|| string(attrs, "title"))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let published = date(b, "firstPublishedDate")
        .or_else(|| date(b, "publishedDate"))
        .or_else(|| date(b, "createdDate"));
    let updated = date(b, "lastModifiedDate").or_else(|| date(b, "publishedDate"));
    Ok(Entry {
        id,
        title,
        published,
        updated,
        time_as_written: None,
        authors: b
            .get("contributors")
            .and_then(Value::as_array)
            .map(|cs| cs.iter().filter_map(contributor).collect())
            .unwrap_or_default(),
        key_event: attr("keyEvent"),
        pinned: attr("pinned"),
        summary: attr("summary"),
        body: body(b, base),
        read_from: crate::blog::ReadFrom::Data,
    })
}

/// A contributor: the API gives names as strings; objects with a name are accepted too.
fn contributor(c: &Value) -> Option<String> {
    match c {
        Value::String(s) => Some(s.to_string()),
        Value::Object(_) => string(c, "name").or_else(|| string(c, "webTitle")),
        _ => None,
    }
}

/// The block's body: `bodyHtml` holds every element rendered, so it is preferred; the typed
/// `elements` are the fallback when it is empty.
fn body(b: &Value, base: Option<&Url>) -> Vec<Block> {
    let html = string(b, "bodyHtml").unwrap_or_default();
    let from_html = if html.trim().is_empty() {
        Vec::new()
    } else {
        to_blocks_with_base(&html, base)
    };
    if !from_html.is_empty() {
        return from_html;
    }
    let from_elements: Vec<Block> = b
        .get("elements")
        .and_then(Value::as_array)
        .map(|els| els.iter().flat_map(|e| element(e, base)).collect())
        .unwrap_or_default();
    if !from_elements.is_empty() {
        return from_elements;
    }
    string(b, "bodyTextSummary")
        .filter(|t| !t.trim().is_empty())
        .map(|t| vec![Block::text(t.trim())])
        .unwrap_or_default()
}

/// One typed block element (`{"type": "text", "textTypeData": {…}, "assets": […]}`).
fn element(el: &Value, base: Option<&Url>) -> Vec<Block> {
    let ty = string(el, "type").unwrap_or_default();
    let null = Value::Null;
    let data = type_data(el).unwrap_or(&null);
    let html = || string(data, "html").unwrap_or_default();
    let url = |keys: &[&str]| {
        keys.iter()
            .filter_map(|k| string(data, k))
            .find_map(|u| resolve_url(&u, base))
    };
    match ty.as_str() {
        "text" => to_blocks_with_base(&html(), base),
        "pullquote" => as_quote(
            to_blocks_with_base(&html(), base),
            string(data, "attribution").filter(|a| !a.trim().is_empty()),
        ),
        "image" | "cartoon" => {
            let show_credit = flag(data, "displayCredit").unwrap_or(true);
            vec![Block::Image(Box::new(Image {
                url: image_url(el, data, base),
                caption: string(data, "caption")
                    .map(|c| to_plain(&c))
                    .unwrap_or_default(),
                alt: string(data, "alt").unwrap_or_default(),
                credit: if show_credit {
                    string(data, "credit").unwrap_or_default()
                } else {
                    String::new()
                },
            }))]
        }
        "code" => vec![Block::Code {
            text: string(data, "code").unwrap_or_else(|| to_plain(&html())),
        }],
        _ => {
            let kind = guardian_kind(&ty);
            let title = ["title", "linkText", "alt", "caption", "description"]
                .iter()
                .filter_map(|k| string(data, k))
                .map(|t| to_plain(&t))
                .find(|t| !t.is_empty())
                .unwrap_or_else(|| to_plain(&html()));
            vec![Block::Embed(Box::new(Embed {
                kind,
                title,
                url: url(&["url", "originalUrl", "sourceUrl", "embedUrl", "href"]),
            }))]
        }
    }
}

/// The element's `<type>TypeData` object, whatever the type is called.
fn type_data<'a, 'b>(el: &'a Value<'b>) -> Option<&'a Value<'b>> {
    el.as_object()?
        .members()
        .into_iter()
        .find(|(k, v)| k.ends_with("TypeData") && v.is_object())
        .map(|(_, v)| v)
}

/// The widest image asset no wider than 1000 px, else the narrowest; else a url in the data.
fn image_url(el: &Value, data: &Value, base: Option<&Url>) -> Option<String> {
    let mut sized: Vec<(i64, String)> = el
        .get("assets")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|a| a.get("typeData").and_then(|t| flag(t, "isMaster")) != Some(true))
        .filter_map(|a| {
            let url = string(a, "file")
                .or_else(|| string(a, "url"))
                .and_then(|u| resolve_url(&u, base))?;
            let width = a
                .get("typeData")
                .and_then(|t| number(t, "width"))
                .unwrap_or(0);
            Some((width, url))
        })
        .collect();
    sized.sort_by_key(|(w, _)| *w);
    sized
        .iter()
        .rev()
        .find(|(w, _)| (1..=1000).contains(w))
        .or(sized.first())
        .map(|(_, u)| u.clone())
        .or_else(|| {
            ["url", "file", "secureFile"]
                .iter()
                .filter_map(|k| string(data, k))
                .find_map(|u| resolve_url(&u, base))
        })
}

/// A date as the API writes it: an ISO 8601 string, or `{"dateTime": ms, "iso8601": "…"}`.
fn date(v: &Value, key: &str) -> Option<Stamp> {
    match v.get(key)? {
        Value::String(s) => Stamp::parse(s),
        d @ Value::Object(_) => string(d, "iso8601")
            .and_then(|s| Stamp::parse(&s))
            .or_else(|| number(d, "dateTime").and_then(Stamp::from_millis)),
        _ => None,
    }
}
