//! schema.org `LiveBlogPosting`: the generic, keyless form many publishers embed in their pages.
//!
//! Input is either an HTML page or a bare JSON-LD document. In a page every
//! `<script type="application/ld+json">` is read; JSON that is invalid in the ways publishers
//! get wrong (comments, trailing commas, raw line breaks in strings) is repaired once, and a
//! block that stays invalid is skipped rather than failing the page. When no JSON-LD
//! `LiveBlogPosting` is found the page's microdata (`itemtype=".../LiveBlogPosting"`) is read
//! into the same shape, so one mapping serves both. References to other nodes of the document
//! (`"author": {"@id": "…"}`, usual in `@graph` documents) are followed one step.
//!
//! What the mapping does not take at face value, and why:
//! - An update's headline equal to the blog's headline is dropped: the Guardian repeats the
//!   blog headline on every update.
//! - Per-update dates are dropped when every update carries the blog's own dates (the Guardian
//!   again): no time is better than a wrong one.
//! - A time prefix in a headline (`"19:02(IST) TOSS: …"`, Times of India) is cut; the time
//!   stays in `published`.
//! - Ids: `@id`, else the `url` fragment, else a hash of date, headline and body start. Given
//!   ids shared by several updates, or numbered from the newest (`#post1` on the newest, Times
//!   of India), would move between updates on refresh and are replaced by the hash.
//! - An update image that is the blog's image, or the same image on every update, is the
//!   publisher's default picture (all fixtures do this) and is not shown per entry.
//! - State, without a clock (a parser never reads one): `Ended` when `coverageEndTime` is at or
//!   before the newest time the document carries (`dateModified`, an update's dates); `Live`
//!   when it names a coverage start or a later end; `Unknown` otherwise. The Guardian writes its
//!   last-modified time as `coverageEndTime` even while live, so its JSON-LD reads `Ended`;
//!   Guardian blogs are better read through their page JSON, which says whether they are live.
//! - schema.org has no key-event flag, so no key events are produced.

use super::{Format, FormatError, html};
use crate::blog::merge::sort_newest_first;
use crate::blog::{Block, Entry, LiveBlog, LiveState, Stamp, text_id};
use scraper::{ElementRef, Html, Selector};
use serde_json::{Map, Value};
use std::collections::{HashMap, VecDeque};

/// How deep microdata items may nest inside each other; real pages use three or four levels.
const MICRODATA_DEPTH: usize = 16;
/// How many microdata `LiveBlogPosting` items are read at most; a page has one.
const MICRODATA_CANDIDATES: usize = 8;
/// How much of an update's body goes into an id derived from its text.
const ID_BODY_PREFIX: usize = 200;

/// Reads a schema.org `LiveBlogPosting` from an HTML page or a bare JSON-LD document.
pub fn parse(bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    let text = super::as_text(bytes)?;
    let text: &str = &text;
    let trimmed = text.trim_start();
    let not_found = || FormatError::NotALiveBlog("no schema.org LiveBlogPosting found".to_string());
    let (roots, microdata) = if trimmed.starts_with(['{', '[']) {
        let value = parse_lenient(trimmed)
            .map_err(|e| FormatError::malformed(Format::Html, format!("JSON-LD: {e}")))?;
        (vec![value], None)
    } else {
        if let Some(depth) = html_too_deep(text) {
            return Err(FormatError::malformed(
                Format::Html,
                format!("elements nested more than {depth} deep"),
            ));
        }
        let doc = Html::parse_document(text);
        let roots = ld_json_scripts(&doc);
        // Some pages name the blog in JSON-LD but list the updates only as microdata.
        let microdata = if find_blog(&roots).is_none_or(|v| update_count(v) == 0) {
            microdata_blog(&doc)
        } else {
            None
        };
        (roots, microdata)
    };
    let (node, graph) = match (find_blog(&roots), &microdata) {
        (Some(ld), Some(md)) if update_count(md) > update_count(ld) => (md, Graph::default()),
        (Some(ld), _) => (ld, Graph::new(&roots)),
        (None, Some(md)) => (md, Graph::default()),
        (None, None) => return Err(not_found()),
    };
    let Value::Object(map) = node else {
        return Err(not_found());
    };
    Ok(blog_from(&graph, map))
}

/// The JSON-LD nodes that have an `@id`, so a reference (`{"@id": "…#author"}`, common in
/// `@graph` documents) can be followed to the node it names. Following is one step and
/// borrows, so reference cycles or many references to a big node cost nothing.
#[derive(Default)]
struct Graph<'a> {
    nodes: HashMap<&'a str, &'a Value>,
}

impl<'a> Graph<'a> {
    fn new(roots: &'a [Value]) -> Self {
        let mut nodes = HashMap::new();
        let mut stack: Vec<&'a Value> = roots.iter().collect();
        while let Some(v) = stack.pop() {
            match v {
                Value::Object(m) => {
                    if let Some(id) = m.get("@id").and_then(Value::as_str)
                        && !is_reference(m)
                    {
                        nodes.entry(id).or_insert(v);
                    }
                    stack.extend(m.values());
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
        Self { nodes }
    }

    /// The node a reference names, else the value itself.
    fn resolve(&self, v: &'a Value) -> &'a Value {
        match v {
            Value::Object(m) if is_reference(m) => m
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| self.nodes.get(id).copied())
                .unwrap_or(v),
            _ => v,
        }
    }

    /// As [`many`], with references followed.
    fn many(&self, v: Option<&'a Value>) -> Vec<&'a Value> {
        many(v).into_iter().map(|v| self.resolve(v)).collect()
    }
}

/// An object that only names another node: nothing but `@id` (and perhaps `@type`).
fn is_reference(m: &Map<String, Value>) -> bool {
    m.contains_key("@id") && m.keys().all(|k| k == "@id" || k == "@type")
}

/// Deepest element nesting accepted in a page. Real pages nest about 20 deep; html5ever's
/// time grows with the square of the depth (50,000 nested `<div>`s take many seconds).
const MAX_HTML_DEPTH: usize = 1024;

/// Elements that never nest: void elements, and those whose start tag closes an open one of
/// the same kind (`<p>`, `<li>`, table cells…), so a page that never closes them is not deep.
const FLAT_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "rt", "rp", "colgroup", "caption",
];
/// Elements whose content is raw text: tags inside them are not elements.
const RAW_TEXT_ELEMENTS: &[&str] = &["script", "style", "textarea", "title", "xmp"];

/// `Some(limit)` when the page's elements nest deeper than [`MAX_HTML_DEPTH`], counted with a
/// cheap scan before the real parse (comments and raw-text elements skipped).
fn html_too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off;
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = find_ci(b, i + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = find_ci(b, i + 2, b">").map_or(b.len(), |p| p + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let start = i + 1 + usize::from(closing);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let name = text[start..start + len].to_ascii_lowercase();
        let end = find_ci(b, start + len, b">");
        let self_closing = end.is_some_and(|e| b[e - 1] == b'/');
        i = end.map_or(b.len(), |e| e + 1);
        let flat = FLAT_ELEMENTS.contains(&name.as_str());
        if closing {
            if !flat {
                depth = depth.saturating_sub(1);
            }
        } else if RAW_TEXT_ELEMENTS.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
        } else if !flat && !self_closing {
            depth += 1;
            if depth > MAX_HTML_DEPTH {
                return Some(MAX_HTML_DEPTH);
            }
        }
    }
    None
}

/// Position of `needle` (ASCII, any case) in `hay` at or after `from`.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Every JSON-LD script of the page that parses, repaired if need be.
fn ld_json_scripts(doc: &Html) -> Vec<Value> {
    let Ok(script) = Selector::parse("script") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (n, el) in doc.select(&script).enumerate() {
        let is_ld = el.attr("type").is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/ld+json"))
        });
        if !is_ld {
            continue;
        }
        let body: String = el.text().collect();
        match parse_lenient(&body) {
            Ok(v) => out.push(v),
            Err(e) => tracing::warn!(script = n, error = %e, "skipping invalid JSON-LD block"),
        }
    }
    out
}

/// Parses JSON; if that fails, strips comments, trailing commas and raw control characters in
/// strings (the usual hand-written mistakes) and tries once more.
fn parse_lenient(s: &str) -> Result<Value, serde_json::Error> {
    match serde_json::from_str(s) {
        Ok(v) => Ok(v),
        Err(first) => {
            let repaired = repair_json(s);
            serde_json::from_str(&repaired).map_err(|_| first)
        }
    }
}

/// Removes `//` and `/* */` comments and commas before `]` or `}` outside strings, escapes raw
/// line breaks and tabs inside strings, and drops an HTML comment or CDATA wrapper.
fn repair_json(s: &str) -> String {
    let mut s = s.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    let no_comments = strip_comments(s);
    strip_trailing_commas(&no_comments)
}

fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut prev = '\0';
                for n in chars.by_ref() {
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

fn strip_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            out.push(c);
            continue;
        }
        if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = s[i + 1..].trim_start().chars().next();
            if matches!(next, Some(']' | '}')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The `LiveBlogPosting` node with the most updates, searched breadth-first through arrays,
/// `@graph`, `mainEntity` and any other nesting. Iterative, so depth cannot overflow the stack.
fn find_blog(roots: &[Value]) -> Option<&Value> {
    let mut best: Option<(&Value, usize)> = None;
    let mut queue: VecDeque<&Value> = roots.iter().collect();
    while let Some(v) = queue.pop_front() {
        match v {
            Value::Object(map) if is_type(map, "LiveBlogPosting") => {
                let n = update_count(v);
                if best.is_none_or(|(_, m)| n > m) {
                    best = Some((v, n));
                }
            }
            Value::Object(map) => queue.extend(map.values()),
            Value::Array(items) => queue.extend(items),
            _ => {}
        }
    }
    best.map(|(v, _)| v)
}

fn update_count(blog: &Value) -> usize {
    many(blog.get("liveBlogUpdate")).len()
}

/// Whether `@type` names this schema.org type, bare, prefixed (`schema:`) or as a full IRI.
fn is_type(map: &Map<String, Value>, name: &str) -> bool {
    many(map.get("@type"))
        .into_iter()
        .filter_map(Value::as_str)
        .any(|t| type_matches(t, name))
}

fn type_matches(t: &str, name: &str) -> bool {
    let t = t.trim();
    t == name
        || t.strip_suffix(name)
            .is_some_and(|p| p.ends_with('/') || p.ends_with(':') || p.ends_with('#'))
}

/// A property that may be one value or an array of them, as a list.
fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
    }
}

/// A property's raw string: a string, a number, the first usable item of an array, or a
/// JSON-LD value object (`{"@value": …}`).
fn raw_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(raw_str),
        Value::Object(m) => m.get("@value").and_then(raw_str),
        _ => None,
    }
}

/// A property as one line of plain text: entities decoded, markup removed, runs of spaces and
/// line breaks (microdata element text is indented like the page) made one space; `None` when
/// empty.
fn field(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key)
        .and_then(raw_str)
        .map(|s| {
            plain_text(&s)
                .split_ascii_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|s| !s.is_empty())
}

fn stamp(map: &Map<String, Value>, key: &str) -> Option<Stamp> {
    field(map, key).and_then(|s| Stamp::parse(&s))
}

/// An HTML fragment or entity-laden string as plain text. Publishers put `&amp;`, `&#x2B;`
/// and tags into fields meant to be text; html5ever knows every entity. A `<` that opens no
/// HTML tag ("Rich & <test> blog", "x < y") is text and stays.
pub(super) fn plain_text(s: &str) -> String {
    if !s.contains(['&', '<']) {
        return s.trim().to_string();
    }
    let frag = if has_markup(s) {
        Html::parse_fragment(s)
    } else {
        Html::parse_fragment(&s.replace('<', "&lt;"))
    };
    let text: String = frag.root_element().text().collect();
    text.trim().to_string()
}

/// HTML element names, for telling markup from text that merely holds a `<`.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Whether the string holds HTML: a comment, or a start or end tag of an HTML element
/// (`<p>`, `</a>`, `<br/>`, `<img src=…>`). A `<` before anything else (`<test>`, `x<y`,
/// `<3`) is text: stripping it as a tag would lose words.
pub(super) fn has_markup(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        if c != b'<' {
            return false;
        }
        let rest = &b[i + 1..];
        if rest.starts_with(b"!--") {
            return true;
        }
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = String::from_utf8_lossy(&rest[..len]).to_ascii_lowercase();
        let ends_name = rest
            .get(len)
            .is_some_and(|&c| c == b'>' || c == b'/' || c.is_ascii_whitespace());
        ends_name && HTML_ELEMENTS.contains(&name.as_str())
    })
}

/// An update's body: HTML goes to the HTML converter; text (after decoding entities, which may
/// reveal escaped markup) becomes one paragraph per line.
fn body_blocks(raw: &str) -> Vec<Block> {
    if has_markup(raw) {
        return html::to_blocks(raw);
    }
    let decoded = if raw.contains('&') {
        plain_text(raw)
    } else {
        raw.to_string()
    };
    if has_markup(&decoded) {
        return html::to_blocks(&decoded);
    }
    decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(Block::text)
        .collect()
}

/// The first URL of an `image`: a string, an `ImageObject` (`url` or `contentUrl`), or an
/// array of either.
fn image_url<'a>(g: &Graph<'a>, v: Option<&'a Value>) -> Option<String> {
    g.many(v).into_iter().find_map(|v| match v {
        Value::String(s) => Some(plain_text(s)).filter(|s| !s.is_empty()),
        Value::Object(m) => field(m, "url").or_else(|| field(m, "contentUrl")),
        _ => None,
    })
}

fn image_block<'a>(g: &Graph<'a>, v: Option<&'a Value>) -> Option<Block> {
    let url = image_url(g, v)?;
    let obj = g.many(v).into_iter().find_map(Value::as_object);
    let get = |k: &str| obj.and_then(|m| field(m, k)).unwrap_or_default();
    let credit = obj
        .and_then(|m| {
            field(m, "creditText").or_else(|| {
                m.get("copyrightHolder")
                    .and_then(Value::as_object)
                    .and_then(|h| field(h, "name"))
            })
        })
        .unwrap_or_default();
    Some(Block::Image {
        url: Some(url),
        caption: {
            let c = get("caption");
            if c.is_empty() { get("description") } else { c }
        },
        alt: get("name"),
        credit,
    })
}

fn video_block<'a>(g: &Graph<'a>, v: Option<&'a Value>) -> Option<Block> {
    let obj = g.many(v).into_iter().find_map(Value::as_object)?;
    let url = field(obj, "embedUrl")
        .or_else(|| field(obj, "contentUrl"))
        .or_else(|| field(obj, "url"))?;
    Some(Block::Embed {
        kind: "video".to_string(),
        title: field(obj, "name").unwrap_or_default(),
        url: Some(url),
    })
}

/// Names from `author`: a string, a Person or Organization, or an array of them.
fn authors<'a>(g: &Graph<'a>, v: Option<&'a Value>) -> Vec<String> {
    g.many(v)
        .into_iter()
        .filter_map(|a| match a {
            Value::String(s) => Some(plain_text(s)),
            Value::Object(m) => field(m, "name"),
            _ => None,
        })
        .filter(|a| !a.is_empty())
        .collect()
}

/// The blog's address: `url`, else an `@id` that is a URL, else `mainEntityOfPage`.
fn blog_url<'a>(g: &Graph<'a>, map: &'a Map<String, Value>) -> Option<String> {
    field(map, "url")
        .or_else(|| field(map, "@id").filter(|i| i.starts_with("http")))
        .or_else(|| match map.get("mainEntityOfPage").map(|v| g.resolve(v)) {
            Some(Value::Object(m)) => field(m, "url").or_else(|| field(m, "@id")),
            Some(v) => raw_str(v).map(|s| plain_text(&s)).filter(|s| !s.is_empty()),
            None => None,
        })
}

/// Cuts a leading clock time from a headline: `"19:02(IST) TOSS: …"` → `"TOSS: …"`. Cut when a
/// zone follows in brackets, or when the time is the update's own published time; a headline
/// that merely starts with a time ("10:00 deadline passes") is left alone otherwise.
fn strip_time_prefix(title: &str, published: Option<Stamp>) -> &str {
    let b = title.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits)
        || b.get(digits) != Some(&b':')
        || !b
            .get(digits + 1..digits + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
    {
        return title;
    }
    let (Ok(hour), Ok(minute)) = (
        title[..digits].parse::<i8>(),
        title[digits + 1..digits + 3].parse::<i8>(),
    ) else {
        return title;
    };
    let mut rest = &title[digits + 3..];
    let mut zoned = false;
    if let Some(inner) = rest.strip_prefix('(')
        && let Some(close) = inner.find(')')
        && (1..=5).contains(&close)
        && inner[..close].bytes().all(|c| c.is_ascii_alphabetic())
    {
        rest = &inner[close + 1..];
        zoned = true;
    }
    let separated = zoned || rest.starts_with(char::is_whitespace);
    let same_time = published.is_some_and(|p| {
        let local = p.offset().to_datetime(p.instant());
        local.hour() == hour && local.minute() == minute
    });
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '-' || c == '|');
    if separated && (zoned || same_time) && !rest.is_empty() {
        rest
    } else {
        title
    }
}

fn fragment(url: &str) -> Option<String> {
    url.split_once('#')
        .map(|(_, f)| f.trim().to_string())
        .filter(|f| !f.is_empty())
}

/// An update before the blog-wide checks decide which of its dates and pictures to keep.
struct Update {
    entry: Entry,
    /// The id the source gave (`@id` or the `url` fragment), if any.
    given_id: Option<String>,
    /// An id derived from the update's text, for when the given one is missing or shared.
    text_id: String,
    image_url: Option<String>,
    image: Option<Block>,
    video: Option<Block>,
}

fn update_from<'a>(g: &Graph<'a>, map: &'a Map<String, Value>, blog_title: &str) -> Update {
    let published = stamp(map, "datePublished");
    let updated = stamp(map, "dateModified");
    let headline = field(map, "headline").or_else(|| field(map, "name"));
    let raw_body = map
        .get("articleBody")
        .or_else(|| map.get("text"))
        .and_then(raw_str)
        .unwrap_or_default();
    let basis = format!(
        "{}|{}|{}",
        map.get("datePublished")
            .and_then(raw_str)
            .unwrap_or_default(),
        headline.as_deref().unwrap_or_default(),
        raw_body.chars().take(ID_BODY_PREFIX).collect::<String>()
    );
    let given_id = field(map, "@id").or_else(|| field(map, "url").and_then(|u| fragment(&u)));
    let title = headline
        .map(|h| strip_time_prefix(&h, published).to_string())
        .filter(|t| !t.is_empty() && t != blog_title.trim());
    Update {
        entry: Entry {
            id: String::new(),
            title,
            published,
            updated,
            authors: authors(g, map.get("author")),
            body: body_blocks(&raw_body),
            ..Entry::default()
        },
        given_id,
        text_id: text_id("ld-", &basis),
        image_url: image_url(g, map.get("image")),
        image: image_block(g, map.get("image")),
        video: video_block(g, map.get("video")),
    }
}

fn blog_from<'a>(g: &Graph<'a>, map: &'a Map<String, Value>) -> LiveBlog {
    let title = field(map, "headline")
        .or_else(|| field(map, "name"))
        .unwrap_or_default();
    let blog_published = stamp(map, "datePublished");
    let blog_modified = stamp(map, "dateModified");
    let blog_image = image_url(g, map.get("image"));

    let mut updates: Vec<Update> = g
        .many(map.get("liveBlogUpdate"))
        .into_iter()
        .filter_map(Value::as_object)
        // A reference to a node the document does not hold has nothing to show.
        .filter(|u| !is_reference(u))
        .map(|u| update_from(g, u, &title))
        .collect();

    let newest = updates
        .iter()
        .flat_map(|u| [u.entry.published, u.entry.updated])
        .chain([blog_published, blog_modified])
        .flatten()
        .max();
    let state = coverage_state(map, newest);

    let same =
        |a: Option<Stamp>, b: Option<Stamp>| a.map(|s| s.instant()) == b.map(|s| s.instant());
    let dates_are_the_blogs = blog_published.is_some()
        && !updates.is_empty()
        && updates.iter().all(|u| {
            same(u.entry.published, blog_published)
                && (u.entry.updated.is_none() || same(u.entry.updated, blog_modified))
        });
    let shared_image = match updates.first() {
        Some(first) if updates.len() >= 2 => first
            .image_url
            .clone()
            .filter(|i| updates.iter().all(|u| u.image_url.as_ref() == Some(i))),
        _ => None,
    };

    let mut entries = Vec::with_capacity(updates.len());
    let mut given_counts: HashMap<String, usize> = HashMap::new();
    for u in &updates {
        if let Some(id) = &u.given_id {
            *given_counts.entry(id.clone()).or_default() += 1;
        }
    }
    if ids_count_from_the_newest(&updates) {
        given_counts.clear();
    }
    for u in &mut updates {
        let mut e = std::mem::take(&mut u.entry);
        if dates_are_the_blogs {
            e.published = None;
            e.updated = None;
        }
        e.id = match &u.given_id {
            Some(id) if given_counts.get(id) == Some(&1) => id.clone(),
            _ => u.text_id.clone(),
        };
        let own_image =
            u.image_url.is_some() && u.image_url != blog_image && u.image_url != shared_image;
        if own_image {
            e.body.extend(u.image.take());
        }
        e.body.extend(u.video.take());
        entries.push(e);
    }
    // Repeated ids are made distinct by `formats::parse`, for every format.
    sort_newest_first(&mut entries);

    LiveBlog {
        title,
        standfirst: field(map, "description").unwrap_or_default(),
        url: blog_url(g, map),
        state,
        updated: blog_modified,
        entries,
        key_events: Vec::new(),
        older: None,
    }
}

/// Whether the given ids are positions counted from the newest update (`#post1` on the newest,
/// Times of India): such an id moves to another update whenever one is added, and the reader
/// keeps its place by id, so these ids are not used.
fn ids_count_from_the_newest(updates: &[Update]) -> bool {
    let mut prefix: Option<&str> = None;
    let mut numbers = Vec::with_capacity(updates.len());
    for u in updates {
        let Some(id) = u.given_id.as_deref() else {
            return false;
        };
        let head = id.trim_end_matches(|c: char| c.is_ascii_digit());
        let Ok(n) = id[head.len()..].parse::<usize>() else {
            return false;
        };
        if prefix.is_some_and(|p| p != head) {
            return false;
        }
        prefix = Some(head);
        numbers.push(n);
    }
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    // One update numbered 1 says nothing about how the numbers move.
    if sorted.len() < 2 || !sorted.iter().enumerate().all(|(i, &n)| n == i + 1) {
        return false;
    }
    let Some(first) = numbers.iter().position(|&n| n == 1) else {
        return false;
    };
    let newest = updates
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            u.entry
                .published
                .map(|p| (p.instant(), std::cmp::Reverse(i)))
        })
        .max()
        .map(|(_, std::cmp::Reverse(i))| i);
    newest.unwrap_or(0) == first
}

/// See the module documentation: decided against the newest time in the document, not a clock.
fn coverage_state(map: &Map<String, Value>, newest: Option<Stamp>) -> LiveState {
    let start = stamp(map, "coverageStartTime");
    let end = stamp(map, "coverageEndTime");
    match (start, end) {
        (_, Some(end)) if newest.is_some_and(|n| end.instant() <= n.instant()) => LiveState::Ended,
        (None, None) => LiveState::Unknown,
        _ => LiveState::Live,
    }
}

/// The page's microdata `LiveBlogPosting`, as the JSON-LD node it stands for.
fn microdata_blog(doc: &Html) -> Option<Value> {
    let sel = Selector::parse("[itemscope][itemtype]").ok()?;
    let mut best: Option<(Value, usize)> = None;
    for el in doc
        .select(&sel)
        .filter(|el| {
            el.attr("itemtype").is_some_and(|t| {
                t.split_ascii_whitespace()
                    .any(|t| type_matches(t, "LiveBlogPosting"))
            })
        })
        .take(MICRODATA_CANDIDATES)
    {
        let item = microdata_item(el, 0);
        let n = update_count(&item);
        if best.as_ref().is_none_or(|(_, m)| n > *m) {
            best = Some((item, n));
        }
    }
    best.map(|(v, _)| v)
}

/// One microdata item as a JSON-LD-like object: each `itemprop` below it (and not inside a
/// nested item) becomes a property; repeated properties become arrays.
fn microdata_item(item: ElementRef<'_>, depth: usize) -> Value {
    let mut map = Map::new();
    if let Some(t) = item
        .attr("itemtype")
        .and_then(|t| t.split_ascii_whitespace().next())
    {
        let short = t.rsplit(['/', '#', ':']).next().unwrap_or(t);
        map.insert("@type".to_string(), Value::String(short.to_string()));
    }
    if let Some(id) = item.attr("itemid") {
        map.insert("@id".to_string(), Value::String(id.to_string()));
    }
    let mut stack: Vec<ElementRef<'_>> = item.child_elements().collect();
    stack.reverse();
    while let Some(el) = stack.pop() {
        let scoped = el.attr("itemscope").is_some();
        if let Some(props) = el.attr("itemprop") {
            let value = if scoped {
                if depth < MICRODATA_DEPTH {
                    microdata_item(el, depth + 1)
                } else {
                    Value::Null
                }
            } else {
                Value::String(microdata_value(el))
            };
            for name in props.split_ascii_whitespace() {
                add_property(&mut map, name, value.clone());
            }
        }
        if !scoped {
            let at = stack.len();
            stack.extend(el.child_elements());
            stack[at..].reverse();
        }
    }
    Value::Object(map)
}

fn add_property(map: &mut Map<String, Value>, name: &str, value: Value) {
    match map.get_mut(name) {
        None => {
            map.insert(name.to_string(), value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(old) => {
            let first = old.take();
            *old = Value::Array(vec![first, value]);
        }
    }
}

/// A property element's value, by the microdata rules for its tag.
fn microdata_value(el: ElementRef<'_>) -> String {
    let attr = |a: &str| el.attr(a).unwrap_or_default().to_string();
    match el.value().name() {
        "meta" => attr("content"),
        "a" | "area" | "link" => attr("href"),
        "img" | "audio" | "embed" | "iframe" | "source" | "track" | "video" => attr("src"),
        "object" => attr("data"),
        "data" | "meter" => attr("value"),
        "time" if el.attr("datetime").is_some() => attr("datetime"),
        _ => el.text().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::FormatError;

    fn blog(json: &str) -> LiveBlog {
        crate::formats::parse(json.as_bytes()).unwrap()
    }

    #[test]
    fn repair_removes_comments_and_trailing_commas_outside_strings_only() {
        let bad =
            "{\n // a comment\n \"a\": \"x // not a comment, }\", /* block */\n \"b\": [1, 2,],\n}";
        let v: Value = serde_json::from_str(&repair_json(bad)).unwrap();
        assert_eq!(v["a"], "x // not a comment, }");
        assert_eq!(v["b"], serde_json::json!([1, 2]));
    }

    #[test]
    fn repair_escapes_raw_line_breaks_inside_strings() {
        let v = parse_lenient("{\"a\": \"one\ntwo\"}").unwrap();
        assert_eq!(v["a"], "one\ntwo");
    }

    #[test]
    fn time_prefixes_are_cut_only_when_they_are_times() {
        let at = Stamp::parse("2020-10-02T19:02:32+05:30");
        assert_eq!(
            strip_time_prefix("19:02(IST) TOSS: SRH bat", None),
            "TOSS: SRH bat"
        );
        assert_eq!(strip_time_prefix("19:02 TOSS", at), "TOSS");
        assert_eq!(
            strip_time_prefix("10:00 deadline passes", at),
            "10:00 deadline passes"
        );
        assert_eq!(strip_time_prefix("3:1 win", None), "3:1 win");
        assert_eq!(strip_time_prefix("19:02(IST)", None), "19:02(IST)");
        assert_eq!(strip_time_prefix("1", None), "1");
        assert_eq!(strip_time_prefix("", None), "");
    }

    #[test]
    fn types_match_bare_prefixed_and_iri_forms() {
        assert!(type_matches("LiveBlogPosting", "LiveBlogPosting"));
        assert!(type_matches("schema:LiveBlogPosting", "LiveBlogPosting"));
        assert!(type_matches(
            "https://schema.org/LiveBlogPosting",
            "LiveBlogPosting"
        ));
        assert!(!type_matches("NotLiveBlogPosting", "LiveBlogPosting"));
    }

    #[test]
    fn a_type_array_and_a_graph_are_searched() {
        let b = blog(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
               {"@type":["NewsArticle","LiveBlogPosting"],"headline":"G",
                "liveBlogUpdate":{"@type":"BlogPosting","@id":"u1","articleBody":"One"}}]}"#,
        );
        assert_eq!(b.title, "G");
        assert_eq!(b.entries.len(), 1);
        assert_eq!(b.entries[0].id, "u1");
        assert_eq!(b.entries[0].plain_text(), "One");
    }

    #[test]
    fn references_into_the_graph_are_followed() {
        let b = blog(
            r#"{"@context":"https://schema.org","@graph":[
                {"@type":"Person","@id":"https://x/#ann","name":"Ann"},
                {"@type":"BlogPosting","@id":"https://x/#u1","articleBody":"One",
                 "author":{"@id":"https://x/#ann"}},
                {"@type":"LiveBlogPosting","headline":"Refs","mainEntityOfPage":{"@id":"https://x/#page"},
                 "liveBlogUpdate":[{"@id":"https://x/#u1"},{"@id":"https://x/#missing"}]},
                {"@type":"WebPage","@id":"https://x/#page","url":"https://x/live"}]}"#,
        );
        assert_eq!(b.url.as_deref(), Some("https://x/live"));
        assert_eq!(b.entries.len(), 1);
        let one = &b.entries[0];
        assert_eq!(one.id, "https://x/#u1");
        assert_eq!(one.authors, ["Ann"]);
        assert_eq!(one.plain_text(), "One");
    }

    #[test]
    fn main_entity_nesting_is_searched() {
        let b = blog(
            r#"{"@type":"WebPage","mainEntity":{"@type":"LiveBlogPosting","headline":"M",
                "liveBlogUpdate":[]}}"#,
        );
        assert_eq!(b.title, "M");
        assert!(b.entries.is_empty());
    }

    #[test]
    fn updates_without_ids_get_stable_text_ids_and_shared_ids_are_not_trusted() {
        let doc = r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
            {"url":"https://x/#same","datePublished":"2024-01-01T10:00:00Z","articleBody":"A"},
            {"url":"https://x/#same","datePublished":"2024-01-01T09:00:00Z","articleBody":"B"},
            {"datePublished":"2024-01-01T08:00:00Z","articleBody":"C"}]}"#;
        let a = blog(doc);
        let b = blog(doc);
        assert_eq!(a.entries.len(), 3);
        for (x, y) in a.entries.iter().zip(&b.entries) {
            assert_eq!(x.id, y.id);
            assert!(x.id.starts_with("ld-"), "{}", x.id);
        }
        assert_ne!(a.entries[0].id, a.entries[1].id);
    }

    #[test]
    fn ids_numbered_from_the_newest_update_are_replaced_by_text_ids() {
        let doc = |n: usize| {
            let mut ups = Vec::new();
            for i in 1..=n {
                ups.push(format!(
                    r#"{{"url":"https://x/live#post{i}","datePublished":"2024-01-01T10:{m:02}:00Z","articleBody":"Post {m}"}}"#,
                    m = n + 1 - i
                ));
            }
            format!(
                r#"{{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[{}]}}"#,
                ups.join(",")
            )
        };
        let before = blog(&doc(2));
        let after = blog(&doc(3));
        assert!(before.entries.iter().all(|e| e.id.starts_with("ld-")));
        // The same two posts keep their ids when a third arrives above them.
        assert_eq!(
            before.entries[0].plain_text(),
            after.entries[1].plain_text()
        );
        assert_eq!(before.entries[0].id, after.entries[1].id);
        assert_eq!(before.entries[1].id, after.entries[2].id);
        // Numbers counted from the oldest are stable, and kept.
        let oldest_first = r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
            {"url":"https://x/#2","datePublished":"2024-01-01T10:00:00Z","articleBody":"b"},
            {"url":"https://x/#1","datePublished":"2024-01-01T09:00:00Z","articleBody":"a"}]}"#;
        let ids: Vec<String> = blog(oldest_first)
            .entries
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(ids, ["2", "1"]);
    }

    #[test]
    fn plain_text_bodies_split_into_paragraphs_and_entities_are_decoded() {
        let b = blog(
            r#"{"@type":"LiveBlogPosting","headline":"T &amp; U","liveBlogUpdate":[
                {"@id":"a","articleBody":"First line &ndash; ok\n\nSecond&nbsp;line\r\nThird"}]}"#,
        );
        assert_eq!(b.title, "T & U");
        let texts: Vec<String> = b.entries[0].body.iter().map(Block::plain_text).collect();
        assert_eq!(texts, ["First line – ok", "Second\u{a0}line", "Third"]);
    }

    #[test]
    fn a_less_than_sign_that_opens_no_html_tag_is_text() {
        let b = blog(
            r#"{"@type":"LiveBlogPosting","headline":"Rich & <test> blog","liveBlogUpdate":[
                {"@id":"a","headline":"x &lt; y &amp; <b>bold</b>","articleBody":"1 <3 & <rules> hold"}]}"#,
        );
        assert_eq!(b.title, "Rich & <test> blog");
        assert_eq!(b.entries[0].title.as_deref(), Some("x < y & bold"));
        assert_eq!(b.entries[0].plain_text(), "1 <3 & <rules> hold");
        assert!(has_markup("a <br/>b") && has_markup("</P>") && has_markup("<!-- c -->"));
        assert!(!has_markup("<test>") && !has_markup("x<y") && !has_markup("<br"));
    }

    #[test]
    fn entries_are_sorted_newest_first_and_untimed_ones_keep_their_order_last() {
        let b = blog(
            r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
                {"@id":"old","datePublished":"2024-01-01T08:00:00Z","articleBody":"x"},
                {"@id":"none1","articleBody":"x"},
                {"@id":"new","datePublished":"2024-01-01T10:00:00+02:00","articleBody":"x"},
                {"@id":"mid","datePublished":"2024-01-01T09:00:00Z","articleBody":"x"},
                {"@id":"none2","articleBody":"x"}]}"#,
        );
        let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["mid", "old", "new", "none1", "none2"]);
        assert_eq!(
            b.entries[2].published.unwrap().to_rfc3339(),
            "2024-01-01T10:00:00+02:00"
        );
    }

    #[test]
    fn coverage_decides_the_state_without_a_clock() {
        let with = |extra: &str| {
            blog(&format!(
                r#"{{"@type":"LiveBlogPosting","headline":"T",
                    "dateModified":"2024-01-01T12:00:00Z"{extra}}}"#
            ))
            .state
        };
        assert_eq!(with(""), LiveState::Unknown);
        assert_eq!(
            with(r#","coverageStartTime":"2024-01-01T08:00:00Z""#),
            LiveState::Live
        );
        assert_eq!(
            with(r#","coverageEndTime":"2024-01-01T12:00:00Z""#),
            LiveState::Ended
        );
        assert_eq!(
            with(
                r#","coverageStartTime":"2024-01-01T08:00:00Z","coverageEndTime":"2024-01-02T00:00:00Z""#
            ),
            LiveState::Live
        );
    }

    #[test]
    fn authors_come_from_strings_people_and_organisations() {
        let b = blog(
            r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
                {"@id":"a","articleBody":"x","author":"Ann"},
                {"@id":"b","articleBody":"x","author":{"@type":"Organization","name":"Org"}},
                {"@id":"c","articleBody":"x","author":[{"@type":"Person","name":"P1"},{"name":""},5]}]}"#,
        );
        let all: Vec<Vec<String>> = b.entries.iter().map(|e| e.authors.clone()).collect();
        assert_eq!(all, [vec!["Ann"], vec!["Org"], vec!["P1"]]);
    }

    #[test]
    fn an_update_image_of_its_own_becomes_an_image_block() {
        let b = blog(
            r#"{"@type":"LiveBlogPosting","headline":"T","image":"https://x/lead.jpg","liveBlogUpdate":[
                {"@id":"a","articleBody":"x","image":{"@type":"ImageObject","url":"https://x/a.jpg","caption":"Cap"}},
                {"@id":"b","articleBody":"x","image":"https://x/lead.jpg"}]}"#,
        );
        assert_eq!(
            b.entries[0].body.last(),
            Some(&Block::Image {
                url: Some("https://x/a.jpg".into()),
                caption: "Cap".into(),
                alt: String::new(),
                credit: String::new(),
            })
        );
        assert_eq!(b.entries[1].body.len(), 1);
    }

    #[test]
    fn wrong_types_everywhere_do_not_panic() {
        for doc in [
            r#"{"@type":"LiveBlogPosting"}"#,
            r#"{"@type":"LiveBlogPosting","headline":5,"liveBlogUpdate":"nope"}"#,
            r#"{"@type":"LiveBlogPosting","headline":null,"liveBlogUpdate":[null,1,"s",[],{}]}"#,
            r#"{"@type":"LiveBlogPosting","headline":{"@value":"V"},"author":[[]],"image":[{}],
               "liveBlogUpdate":[{"@id":5,"author":{},"image":7,"video":"v","datePublished":false}]}"#,
            r#"[{"@type":7},{"@type":["LiveBlogPosting"],"mainEntityOfPage":{"@id":null}}]"#,
        ] {
            let b = crate::formats::parse(doc.as_bytes());
            assert!(b.is_ok(), "{doc}: {b:?}");
        }
    }

    #[test]
    fn a_page_without_a_live_blog_is_refused() {
        let page = b"<!doctype html><html><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script><p>Hi</p></html>";
        assert_eq!(
            crate::formats::parse(page).unwrap_err(),
            FormatError::NotALiveBlog("no schema.org LiveBlogPosting found".into())
        );
    }

    #[test]
    fn microdata_values_follow_the_tag_rules() {
        let page = r#"<!doctype html><html><body>
            <div itemscope itemtype="http://schema.org/LiveBlogPosting">
              <h1 itemprop="headline">Micro <b>blog</b></h1>
              <div itemprop="liveBlogUpdate" itemscope itemtype="http://schema.org/BlogPosting">
                <a itemprop="url" href="https://x/live#p2">link</a>
                <time itemprop="datePublished" datetime="2024-05-01T10:00:00+02:00">10am</time>
                <div itemprop="articleBody">Second post</div>
                <span itemprop="author" itemscope itemtype="http://schema.org/Person">
                  <span itemprop="name">Bea</span></span>
              </div>
              <div itemprop="liveBlogUpdate" itemscope itemtype="http://schema.org/BlogPosting">
                <meta itemprop="url" content="https://x/live#p1">
                <meta itemprop="datePublished" content="2024-05-01T09:00:00+02:00">
                <p itemprop="articleBody">First post</p>
              </div>
            </div></body></html>"#;
        let b = blog(page);
        assert_eq!(b.title, "Micro blog");
        let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["p2", "p1"]);
        assert_eq!(b.entries[0].authors, ["Bea"]);
        assert_eq!(
            b.entries[0].published.unwrap().to_rfc3339(),
            "2024-05-01T10:00:00+02:00"
        );
        assert_eq!(b.entries[1].plain_text(), "First post");
    }

    #[test]
    fn microdata_updates_are_used_when_the_json_ld_blog_has_none() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@type":"LiveBlogPosting","headline":"From JSON-LD"}</script></head><body>
            <div itemscope itemtype="https://schema.org/LiveBlogPosting">
              <meta itemprop="headline" content="From microdata">
              <div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">
                <meta itemprop="articleBody" content="Only here"></div></div></body></html>"#;
        let b = blog(page);
        assert_eq!(b.title, "From microdata");
        assert_eq!(b.entries.len(), 1);
        let no_updates = r#"<html><head><script type="application/ld+json">
            {"@type":"LiveBlogPosting","headline":"From JSON-LD"}</script></head></html>"#;
        assert_eq!(blog(no_updates).title, "From JSON-LD");
    }

    #[test]
    fn script_type_is_matched_case_insensitively_with_parameters() {
        let page = r#"<html><head><script type="Application/LD+JSON; charset=utf-8">
            {"@type":"LiveBlogPosting","headline":"Typed"}</script></head></html>"#;
        assert_eq!(blog(page).title, "Typed");
    }
}
