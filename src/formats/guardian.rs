//! The Guardian's page JSON (`<page>.json?dcr`), the "FE article" model its web renderer
//! (dotcom-rendering) draws from.
//!
//! Blocks carry no HTML body: the text is rebuilt from their typed `elements`. The JSON is
//! walked as a [`Value`] rather than deserialised into strict structs, because the model is
//! internal and changes without notice: a field of an unexpected type is treated as absent,
//! and only what the reader cannot do without (a block's id) is an error, naming the field.

use super::html::{absolute_url, resolve_url, to_blocks_with_base, to_plain};
use super::json::Value;
use super::{Format, FormatError};
use crate::blog::{
    Block, Embed, Entry, Image, Inline, KeyEvent, LiveBlog, LiveState, MAX_QUOTE_LEVEL, Stamp,
};
use std::collections::HashSet;
use url::Url;

/// What every renderer element type name starts with.
const ELEMENT_PREFIX: &str = "model.dotcomrendering.pageElements.";

/// Longest key-event title made up from an entry's text when it has no title.
const SUMMARY_CHARS: usize = 80;

/// Reads a Guardian page JSON document.
pub fn parse(bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    // serde_json stops at 128 levels of nesting, so a hostile `[[[[…` is an error, not a crash.
    let doc: Value = super::json::from_slice(bytes)
        .map_err(|e| FormatError::malformed(Format::GuardianPage, e))?;
    let Some(page) = doc.as_object() else {
        return Err(FormatError::malformed(
            Format::GuardianPage,
            "the document is not a JSON object",
        ));
    };
    let base = page_url(&doc);
    let base = base.as_ref();
    let blocks = list(&doc, "blocks", Format::GuardianPage)?;
    let key_event_blocks = list(&doc, "keyEvents", Format::GuardianPage)?;
    if !page.contains_key("blocks") && !page.contains_key("keyEvents") {
        // The live poll's answer holds only what is newer than a block it was asked about.
        let what = if page.contains_key("numNewBlocks") {
            "this is an answer of the Guardian's live poll (only the blocks newer than one), \
             not a blog: read the blog's own address, which liveblog polls that way"
        } else {
            "the Guardian page JSON has no \"blocks\""
        };
        return Err(FormatError::NotALiveBlog(what.into()));
    }

    let mut entries: Vec<Entry> = Vec::with_capacity(blocks.len() + 1);
    let mut seen = HashSet::new();
    for (i, b) in blocks.iter().enumerate() {
        let e = entry(b, &format!("blocks[{i}]"), base)?;
        // The reader keeps its place by id: a block listed twice is shown once.
        if seen.insert(e.id.clone()) {
            entries.push(e);
        }
    }
    // The pinned post goes on top, as the page shows it, whether or not the page's blocks
    // also hold it (`formats::parse` keeps pinned entries first).
    if let Some(pinned) = doc.get("pinnedPost").filter(|p| p.is_object()) {
        let mut pinned = entry(pinned, "pinnedPost", base)?;
        pinned.pinned = true;
        if let Some(e) = entries.iter_mut().find(|e| e.id == pinned.id) {
            e.pinned = true;
        } else {
            entries.insert(0, pinned);
        }
    }

    let key_events = key_event_blocks
        .iter()
        .filter_map(|b| key_event(b, base))
        .collect();
    // A blog with one writer names them once, for the page, and in no block.
    let byline =
        string(&doc, "byline").or_else(|| doc.get("author").and_then(|a| string(a, "byline")));
    credit_the_page(&mut entries, &doc, byline);

    let title = string(&doc, "headline")
        .or_else(|| string(&doc, "webTitle"))
        .map(|t| t.trim().to_string())
        .unwrap_or_default();
    Ok(LiveBlog {
        poll_every: None,
        extracted: crate::blog::Extraction::Structured,
        title,
        standfirst: string(&doc, "standfirst")
            .map(|s| to_plain(&s))
            .unwrap_or_default(),
        url: string(&doc, "webURL")
            .or_else(|| string(&doc, "canonicalUrl"))
            .and_then(|u| absolute_url(&u)),
        state: state(&doc),
        updated: updated(&doc),
        entries,
        key_events,
        older: doc
            .get("pagination")
            .and_then(|p| string(p, "older"))
            .filter(|o| !o.trim().is_empty()),
    })
}

/// The page's own address, against which relative links in its blocks resolve.
fn page_url(doc: &Value) -> Option<Url> {
    string(doc, "webURL")
        .and_then(|u| absolute_url(&u))
        .and_then(|u| Url::parse(&u).ok())
}

/// Whether the blog is still live.
///
/// `format.design` is the flag the Guardian's own renderer switches on: `LiveBlogDesign` while
/// the blog is live, `DeadBlogDesign` once it has ended (the content API client derives it from
/// `liveBloggingNow`). `config.isLive` says the same, but only counts when the config belongs to
/// this page (`config.pageId` equal to `pageId`): page JSON saved by tools can carry a config
/// borrowed from elsewhere. Tools also force the design: the politics fixture's generator set
/// `LiveBlogDesign` on a blog that had ended. So a `LiveBlogDesign` is not believed over the
/// headline the Guardian gives a blog when it closes it ("… – as it happened"), which no live
/// blog carries.
fn state(doc: &Value) -> LiveState {
    let design = doc.get("format").and_then(|f| string(f, "design"));
    if design.as_deref() == Some("DeadBlogDesign") {
        return LiveState::Ended;
    }
    let config = doc.get("config");
    let own_config = config.and_then(|c| string(c, "pageId")).is_some()
        && config.and_then(|c| string(c, "pageId")) == string(doc, "pageId");
    match config.and_then(|c| flag(c, "isLive")) {
        Some(true) if own_config => return LiveState::Live,
        Some(false) if own_config => return LiveState::Ended,
        _ => {}
    }
    let headline = string(doc, "headline").or_else(|| string(doc, "webTitle"));
    if headline.as_deref().is_some_and(says_it_has_ended) {
        return LiveState::Ended;
    }
    if design.as_deref() == Some("LiveBlogDesign") {
        LiveState::Live
    } else {
        LiveState::Unknown
    }
}

/// Whether a Guardian headline is one given to a blog once it has ended: its desks close a
/// blog by renaming it "… – as it happened" (or "as they happened"), where a live one reads
/// "… – live" or "… – latest updates".
fn says_it_has_ended(headline: &str) -> bool {
    let h = headline.trim().trim_end_matches(['.', '!']).to_lowercase();
    h.ends_with("as it happened") || h.ends_with("as they happened")
}

/// When the blog as a whole last changed: the page's Open Graph modified time, else its
/// JSON-LD `dateModified`.
fn updated(doc: &Value) -> Option<Stamp> {
    let og = doc
        .get("openGraphData")
        .and_then(|o| string(o, "article:modified_time"))
        .and_then(|s| Stamp::parse(&s));
    og.or_else(|| {
        doc.get("linkedData")?
            .as_array()?
            .iter()
            .filter(|ld| string(ld, "@type").as_deref() == Some("LiveBlogPosting"))
            .find_map(|ld| string(ld, "dateModified").and_then(|s| Stamp::parse(&s)))
    })
}

/// A block's id, once the block is known to be an object: both Guardian formats need one, and
/// a wrong shape is an error naming the field.
pub(super) fn block_id(b: &Value, path: &str, format: Format) -> Result<String, FormatError> {
    if !b.is_object() {
        return Err(FormatError::malformed(
            format,
            format!("{path} is not an object"),
        ));
    }
    string(b, "id")
        .filter(|i| !i.trim().is_empty())
        .ok_or_else(|| {
            FormatError::malformed(format, format!("{path}.id is missing or not a string"))
        })
}

/// One FE block as an entry.
fn entry(b: &Value, path: &str, base: Option<&Url>) -> Result<Entry, FormatError> {
    let id = block_id(b, path, Format::GuardianPage)?;
    let attrs = b.get("attributes");
    let attr = |k: &str| attrs.and_then(|a| flag(a, k)).unwrap_or(false);
    let body = b
        .get("elements")
        .and_then(Value::as_array)
        .map(|els| els.iter().flat_map(|e| element(e, base)).collect())
        .unwrap_or_default();
    Ok(Entry {
        id,
        title: string(b, "title")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        published: millis(b, "blockFirstPublished").or_else(|| millis(b, "blockCreatedOn")),
        updated: millis(b, "blockLastUpdated"),
        time_as_written: None,
        authors: b
            .get("contributors")
            .and_then(Value::as_array)
            .map(|cs| cs.iter().filter_map(|c| string(c, "name")).collect())
            .unwrap_or_default(),
        key_event: attr("keyEvent"),
        pinned: attr("pinned"),
        summary: attr("summary"),
        body,
        read_from: crate::blog::ReadFrom::Data,
    })
}

/// One item of the key-event list. Lenient where entries are strict: a key event without an id
/// can still be listed (and linked by title), and one with no title and no text is left out,
/// since there would be nothing to show for it.
fn key_event(b: &Value, base: Option<&Url>) -> Option<KeyEvent> {
    let id = string(b, "id").filter(|i| !i.trim().is_empty());
    let title = string(b, "title")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| {
            let body: Vec<Block> = b
                .get("elements")
                .and_then(Value::as_array)
                .map(|els| els.iter().flat_map(|e| element(e, base)).collect())
                .unwrap_or_default();
            let e = Entry {
                body,
                ..Entry::default()
            };
            Some(summary_title(&e)).filter(|t| !t.is_empty())
        })?;
    Some(KeyEvent {
        title,
        entry_id: id,
        published: millis(b, "blockFirstPublished").or_else(|| millis(b, "blockCreatedOn")),
    })
}

/// A title for an untitled key event: the start of its entry's text, cut at a word.
pub(super) fn summary_title(e: &Entry) -> String {
    let text = e.plain_text();
    short_title(&text)
}

/// The first [`SUMMARY_CHARS`] characters of a text on one line, cut at a word, with an ellipsis
/// when cut.
pub(super) fn short_title(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= SUMMARY_CHARS {
        return one_line;
    }
    let cut: String = one_line.chars().take(SUMMARY_CHARS).collect();
    let ends_a_word = one_line[cut.len()..].starts_with(' ');
    let at_word = if ends_a_word {
        cut.len()
    } else {
        cut.rfind(' ')
            .filter(|&i| i > SUMMARY_CHARS / 2)
            .unwrap_or(cut.len())
    };
    format!("{}…", cut[..at_word].trim_end())
}

/// One renderer element as blocks. Every type gives something: what has no better form
/// becomes an Embed naming its kind, so nothing is dropped without the reader knowing.
fn element(el: &Value, base: Option<&Url>) -> Vec<Block> {
    let Some(ty) = string(el, "_type") else {
        return Vec::new();
    };
    let short = ty.strip_prefix(ELEMENT_PREFIX).unwrap_or(&ty);
    let html = || string(el, "html").unwrap_or_default();
    match short {
        "TextBlockElement" | "SubheadingBlockElement" => to_blocks_with_base(&html(), base),
        "ImageBlockElement" => vec![image(el, base)],
        "RichLinkBlockElement" => vec![Block::Embed(Box::new(Embed {
            kind: "Link".into(),
            title: string(el, "text")
                .map(|t| t.trim().to_string())
                .unwrap_or_default(),
            url: string(el, "url").and_then(|u| resolve_url(&u, base)),
        }))],
        "TweetBlockElement" => vec![Block::Embed(Box::new(Embed {
            kind: "Tweet".into(),
            title: to_plain(&html()),
            url: string(el, "url").and_then(|u| resolve_url(&u, base)),
        }))],
        "YoutubeBlockElement" => {
            let url = string(el, "url")
                .and_then(|u| resolve_url(&u, base))
                .or_else(|| {
                    string(el, "assetId")
                        .filter(|id| {
                            id.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
                        })
                        .map(|id| format!("https://www.youtube.com/watch?v={id}"))
                });
            vec![Block::Embed(Box::new(Embed {
                kind: "Video".into(),
                title: string(el, "mediaTitle")
                    .or_else(|| string(el, "altText"))
                    .unwrap_or_default(),
                url,
            }))]
        }
        "BlockquoteBlockElement" => as_quote(to_blocks_with_base(&html(), base), None),
        "PullquoteBlockElement" => {
            let attribution = string(el, "attribution")
                .map(|a| to_plain(&a))
                .filter(|a| !a.is_empty());
            as_quote(to_blocks_with_base(&html(), base), attribution)
        }
        "CodeBlockElement" => {
            let code = string(el, "code").unwrap_or_else(|| to_plain(&html()));
            vec![Block::Code { text: code }]
        }
        "DividerBlockElement" => vec![Block::Rule],
        _ => vec![other_element(el, short, base)],
    }
}

/// Blocks of a quotation as a Quote, its images and embeds after it. A quote the html gives
/// at its top is the quotation's own (the page JSON wraps it in `<blockquote>`): the quotes
/// in it keep their depth. Beside text of the quotation's own, a quote in it is a level
/// deeper. The attribution ends the quotation's own part.
pub(super) fn as_quote(blocks: Vec<Block>, attribution: Option<String>) -> Vec<Block> {
    let own = |b: &Block| {
        matches!(
            b,
            Block::Quote { .. } | Block::Image(_) | Block::Embed(_) | Block::Rule
        )
    };
    let deeper = u8::from(!(blocks.iter().all(own) && blocks.iter().any(is_quote)));
    let mut out = Vec::new();
    let mut rest = Vec::new();
    let mut paragraphs: Vec<Vec<Inline>> = Vec::new();
    let mut found = attribution;
    for b in blocks {
        match b {
            Block::Quote {
                paragraphs: p,
                attribution: a,
                level,
            } if level.saturating_add(deeper) == 0 => {
                paragraphs.extend(p);
                found = found.or(a.map(String::from));
            }
            Block::Quote {
                paragraphs: p,
                attribution: a,
                level,
            } => {
                quote_part(&mut out, std::mem::take(&mut paragraphs), None);
                out.push(Block::Quote {
                    paragraphs: p,
                    attribution: a,
                    level: level.saturating_add(deeper).min(MAX_QUOTE_LEVEL),
                });
            }
            Block::Paragraph { runs } | Block::Heading { runs } => paragraphs.push(runs),
            Block::Image(_) | Block::Embed(_) | Block::Rule => rest.push(b),
            other => paragraphs.push(vec![Inline::plain(other.plain_text())]),
        }
    }
    quote_part(&mut out, paragraphs, found);
    out.extend(rest);
    out
}

fn is_quote(b: &Block) -> bool {
    matches!(b, Block::Quote { .. })
}

/// A part of a quotation at its own level, unless it has nothing to show.
fn quote_part(out: &mut Vec<Block>, paragraphs: Vec<Vec<Inline>>, attribution: Option<String>) {
    if !paragraphs.is_empty() || attribution.is_some() {
        out.push(Block::Quote {
            paragraphs,
            attribution: attribution.map(String::into_boxed_str),
            level: 0,
        });
    }
}

/// An element type the reader has no form for: an Embed with a readable kind, its title or
/// text, and where to see it.
fn other_element(el: &Value, short: &str, base: Option<&Url>) -> Block {
    let title = [
        "title",
        "headline",
        "alt",
        "caption",
        "text",
        "description",
        "label",
    ]
    .iter()
    .filter_map(|k| string(el, k))
    .map(|t| to_plain(&t))
    .find(|t| !t.is_empty())
    .or_else(|| string(el, "html").map(|h| to_plain(&h)))
    .unwrap_or_default();
    let url = ["url", "originalUrl", "sourceUrl", "embedUrl", "src", "link"]
        .iter()
        .filter_map(|k| string(el, k))
        .find_map(|u| resolve_url(&u, base));
    Block::Embed(Box::new(Embed {
        kind: readable_kind(short),
        title,
        url,
    }))
}

/// `InteractiveAtomBlockElement` → "Interactive", `CalloutBlockElementV2` → "Callout v2".
fn readable_kind(type_name: &str) -> String {
    // Versioned names put the version last: `CalloutBlockElementV2`.
    let base = type_name.replace("BlockElement", "");
    let base = base
        .strip_suffix("Atom")
        .filter(|b| !b.is_empty())
        .unwrap_or(&base);
    let mut out = String::new();
    for (i, c) in base.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    let out = out.trim().to_string();
    if out.is_empty() { "Embed".into() } else { out }
}

/// An `ImageBlockElement`: text from `data`, a url from the image's renditions.
fn image(el: &Value, base: Option<&Url>) -> Block {
    let data = el.get("data");
    let field = |k: &str| data.and_then(|d| string(d, k)).unwrap_or_default();
    let show_credit = flag(el, "displayCredit").unwrap_or(true);
    Block::Image(Box::new(Image {
        url: image_url(el, base),
        caption: to_plain(&field("caption")),
        alt: field("alt"),
        credit: if show_credit {
            field("credit")
        } else {
            String::new()
        },
    }))
}

/// The widest rendition no wider than 1000 px (plenty for a browser opened from a terminal),
/// else the narrowest one, else the first source of the image's source sets.
fn image_url(el: &Value, base: Option<&Url>) -> Option<String> {
    let all = el
        .get("media")
        .and_then(|m| m.get("allImages"))
        .and_then(Value::as_array);
    let mut sized: Vec<(u64, String)> = all
        .into_iter()
        .flatten()
        .filter(|i| i.get("fields").and_then(|f| flag(f, "isMaster")) != Some(true))
        .filter_map(|i| {
            let url = string(i, "url").and_then(|u| resolve_url(&u, base))?;
            let width = i
                .get("fields")
                .and_then(|f| number(f, "width"))
                .unwrap_or(0);
            Some((u64::try_from(width).unwrap_or(0), url))
        })
        .collect();
    sized.sort_by_key(|(w, _)| *w);
    let pick = sized
        .iter()
        .rev()
        .find(|(w, _)| *w <= 1000 && *w > 0)
        .or(sized.first())
        .map(|(_, u)| u.clone());
    pick.or_else(|| {
        el.get("imageSources")?
            .as_array()?
            .iter()
            .filter_map(|s| s.get("srcSet")?.as_array())
            .flatten()
            .find_map(|s| string(s, "src").and_then(|u| resolve_url(&u, base)))
    })
}

/// Credits the entries that name no one to whom the page credits: its contributor tags, one
/// name each, for a byline of several people ("Andrew Sparrow and Jane Doe") is their names
/// run together; else its byline as written, which says who wrote it even when it cannot be
/// split. Shared with the Content API parser, whose tags and fields have the same two.
pub(super) fn credit_the_page(entries: &mut [Entry], doc: &Value, byline: Option<String>) {
    if entries.iter().all(|e| !e.authors.is_empty()) {
        return;
    }
    let tagged: Vec<String> = doc
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|t| string(t, "type").is_some_and(|k| k.eq_ignore_ascii_case("contributor")))
        .filter_map(|t| string(t, "title").or_else(|| string(t, "webTitle")))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let credited = if tagged.is_empty() {
        byline
            .map(|b| to_plain(&b).trim().to_string())
            .filter(|b| !b.is_empty())
            .into_iter()
            .collect()
    } else {
        tagged
    };
    for e in entries.iter_mut().filter(|e| e.authors.is_empty()) {
        e.authors.clone_from(&credited);
    }
}

// ---------------------------------------------------------------------------------------------
// Lenient field access, shared with the Content API parser.

/// A string field; any other type counts as absent.
pub(super) fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// A boolean field written as a JSON boolean or as the string "true"/"false" (the Guardian's
/// APIs use both).
pub(super) fn flag(v: &Value, key: &str) -> Option<bool> {
    match v.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// An integer field written as a JSON number or a numeric string.
pub(super) fn number(v: &Value, key: &str) -> Option<i64> {
    match v.get(key)? {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && f.abs() < 9.0e15)
                .map(|f| {
                    #[expect(clippy::cast_possible_truncation, reason = "bounded just above")]
                    let i = f as i64;
                    i
                })
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Epoch milliseconds as a time.
fn millis(v: &Value, key: &str) -> Option<Stamp> {
    number(v, key).and_then(Stamp::from_millis)
}

/// A list field: absent or null is empty, any other non-list is an error naming the field.
pub(super) fn list<'a, 'b>(
    v: &'a Value<'b>,
    key: &str,
    format: Format,
) -> Result<&'a [Value<'b>], FormatError> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(FormatError::malformed(
            format,
            format!("\"{key}\" is not a list"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json");
        std::fs::read(path).unwrap()
    }

    /// The politics blog has one writer: its blocks name no one, its byline and contributor
    /// tag name him, and so does the same blog's JSON-LD for every update.
    #[test]
    fn blocks_that_name_no_one_are_credited_to_the_pages_writer() {
        let blog = parse(&fixture()).unwrap();
        assert_eq!(blog.entries.len(), 12);
        for e in &blog.entries {
            assert_eq!(e.authors, ["Andrew Sparrow"], "{}", e.id);
        }
    }

    /// A byline of two people is credited as the tags name them, one each; without tags, as
    /// written; and a block that names its own writer keeps them.
    #[test]
    fn a_byline_of_several_people_is_credited_as_the_tags_name_them() {
        let doc = |tags: &str| {
            format!(
                r#"{{"byline":"Andrew Sparrow and Jane Doe","tags":[{tags}],"blocks":[
                {{"id":"a","elements":[],"contributors":[]}},
                {{"id":"b","elements":[],"contributors":[{{"name":"Ann Lee"}}]}}]}}"#
            )
        };
        let tags = r#"{"type":"Keyword","title":"Politics"},
            {"type":"Contributor","title":"Andrew Sparrow"},{"type":"Contributor","title":"Jane Doe"}"#;
        let blog = parse(doc(tags).as_bytes()).unwrap();
        assert_eq!(blog.entries[0].authors, ["Andrew Sparrow", "Jane Doe"]);
        assert_eq!(blog.entries[1].authors, ["Ann Lee"]);
        let blog = parse(doc("").as_bytes()).unwrap();
        assert_eq!(blog.entries[0].authors, ["Andrew Sparrow and Jane Doe"]);
        assert_eq!(blog.entries[1].authors, ["Ann Lee"]);
    }

    /// The Content API says the same in its item's tags and `byline` field.
    #[test]
    fn content_api_blocks_that_name_no_one_are_credited_to_the_items_writers() {
        let doc = |tags: &str| {
            format!(
                r#"{{"response":{{"status":"ok","content":{{"tags":[{tags}],
                "fields":{{"byline":"Andrew Sparrow and Jane Doe"}},"blocks":{{"body":[
                {{"id":"a","elements":[],"contributors":[]}},
                {{"id":"b","elements":[],"contributors":["Ann Lee"]}}]}}}}}}}}"#
            )
        };
        let tags = r#"{"type":"contributor","webTitle":"Andrew Sparrow"},
            {"type":"contributor","webTitle":"Jane Doe"}"#;
        let blog = crate::formats::capi::parse(doc(tags).as_bytes()).unwrap();
        let by = |b: &LiveBlog, id: &str| {
            let e = b.entries.iter().find(|e| e.id == id).unwrap();
            e.authors.clone()
        };
        assert_eq!(by(&blog, "a"), ["Andrew Sparrow", "Jane Doe"]);
        assert_eq!(by(&blog, "b"), ["Ann Lee"]);
        let blog = crate::formats::capi::parse(doc("").as_bytes()).unwrap();
        assert_eq!(by(&blog, "a"), ["Andrew Sparrow and Jane Doe"]);
    }
}
