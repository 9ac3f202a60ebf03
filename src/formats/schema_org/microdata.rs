//! Microdata (`itemscope`/`itemprop`) read into the same JSON-LD shape, so one mapping
//! serves both.

use super::graph::{type_matches, update_count};
use crate::formats::html::{self, dom::Dom};
use crate::formats::json::{Object, Value};
use html5ever::{LocalName, local_name, ns};
use scraper::{ElementRef, Html};
use std::borrow::Cow;

/// How deep microdata items may nest inside each other; real pages use three or four levels.
const MICRODATA_DEPTH: usize = 16;

/// How many microdata `LiveBlogPosting` items are read at most; a page has one.
const MICRODATA_CANDIDATES: usize = 8;

/// The page's microdata `LiveBlogPosting`, as the JSON-LD node it stands for.
pub(super) fn microdata_blog(doc: &Html) -> Option<Value<'static>> {
    let mut best: Option<(Value<'static>, usize)> = None;
    // Tested by hand: a selector costs more per element of a page.
    for el in super::amp::elements(doc)
        .filter(|el| names_a_blog(**el))
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

/// Whether `el` is a microdata `LiveBlogPosting` item: `[itemscope][itemtype]`, tested by hand.
pub(super) fn names_a_blog<'a>(el: impl Dom<'a>) -> bool {
    let has = |name: &LocalName| {
        el.attrs()
            .find(|(k, _)| k.ns == ns!() && k.local == *name)
            .map(|(_, v)| v)
    };
    has(&local_name!("itemscope")).is_some()
        && has(&local_name!("itemtype")).is_some_and(|t| {
            t.split_ascii_whitespace()
                .any(|t| type_matches(t, "LiveBlogPosting"))
        })
}

/// One microdata item as a JSON-LD-like object: each `itemprop` below it (and not inside a
/// nested item) becomes a property; repeated properties become arrays.
fn microdata_item(item: ElementRef<'_>, depth: usize) -> Value<'static> {
    let mut map = Object::default();
    if let Some(t) = item
        .attr("itemtype")
        .and_then(|t| t.split_ascii_whitespace().next())
    {
        let short = t.rsplit(['/', '#', ':']).next().unwrap_or(t);
        map.push("@type", Value::String(Cow::Owned(short.to_string())));
    }
    if let Some(id) = item.attr("itemid") {
        map.push("@id", Value::String(Cow::Owned(id.to_string())));
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
                let text = microdata_value(el);
                // The blog's own body is never read: only its updates' are looked for.
                if depth > 0 {
                    add_shown_body(&mut map, item, el, props, &text);
                }
                Value::String(Cow::Owned(text))
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

fn add_property(map: &mut Object<'static>, name: &str, value: Value<'static>) {
    match map.get_mut(name) {
        None => map.push(name.to_string(), value),
        Some(Value::Array(items)) => items.push(value),
        Some(old) => {
            let first = std::mem::take(old);
            *old = Value::Array(vec![first, value]);
        }
    }
}

/// A property element's value, by the microdata rules for its tag.
fn microdata_value(el: ElementRef<'_>) -> String {
    match value_attribute(el) {
        Some(a) => el.attr(a).unwrap_or_default().to_string(),
        None => el.text().collect(),
    }
}

/// The attribute a property element's value is read from, by the microdata rules for its tag;
/// `None` for its text.
fn value_attribute(el: ElementRef<'_>) -> Option<&'static str> {
    Some(match el.value().name() {
        "meta" => "content",
        "a" | "area" | "link" => "href",
        "img" | "audio" | "embed" | "iframe" | "source" | "track" | "video" => "src",
        "object" => "data",
        "data" | "meter" => "value",
        "time" if el.attr("datetime").is_some() => "datetime",
        _ => return None,
    })
}

/// Keeps the body an update shows, under its property's key in [`SHOWN_BODY`], when it has
/// breaks its microdata value runs together: the text of an element, and the content of a
/// `<meta>` (most pages write it so, from the element), join the page's paragraphs and lines
/// with nothing between them ("Shami.SL 49/9"). The value itself is kept as it is, as the ids
/// of updates without one are hashed from it. Only a property's first value is read, as the
/// mapping reads only that.
fn add_shown_body(
    map: &mut Object<'static>,
    item: ElementRef<'_>,
    el: ElementRef<'_>,
    props: &str,
    value: &str,
) {
    for name in props.split_ascii_whitespace() {
        let Some(&(_, key)) = SHOWN_BODY.iter().find(|(p, _)| *p == name) else {
            continue;
        };
        if map.get(name).is_some() || map.get(key).is_some() {
            continue;
        }
        let shown = match value_attribute(el) {
            // Its HTML, for the HTML converter to read as it reads a JSON-LD body.
            None if el.child_elements().next().is_some() => Some(el.inner_html()),
            Some("content") if cut_at_a_quote(el) => {
                shown_whole(item, value).or_else(|| shown_in(item, value))
            }
            Some("content") => shown_in(item, value),
            _ => None,
        };
        if let Some(shown) = shown {
            map.push(key, Value::String(Cow::Owned(shown)));
        }
    }
}

/// The body properties, each with the key its shown form is kept under (see
/// [`add_shown_body`]): keys schema.org never names, as JSON-LD keeps those that start with
/// `@` for its own words.
pub(super) const SHOWN_BODY: [(&str, &str); 2] = [
    ("articleBody", "@shown articleBody"),
    ("text", "@shown text"),
];

/// Whether a `<meta>`'s `content` was cut at a double quote the publisher left unescaped: the
/// rest of the text then reads as attributes without values (NDTV's `content="…award.
/// "I always try…"`). A `<meta>` has no attributes without values of its own.
fn cut_at_a_quote(el: ElementRef<'_>) -> bool {
    el.value()
        .attrs()
        .any(|(name, value)| value.is_empty() && name != "itemscope")
}

/// The text with its white space taken out, and where each of its bytes' characters starts in
/// `text`.
fn dense(text: &str) -> (String, Vec<usize>) {
    let mut dense = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
        dense.push(c);
        starts.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    (dense, starts)
}

/// Where `shown` holds `wanted` (dense, see [`dense`]), white space aside: the byte range
/// from its first character to the end of its last.
fn located(shown: &str, wanted: &str) -> Option<(usize, usize)> {
    let (dense, starts) = dense(shown);
    let from = dense.find(wanted)?;
    let last = starts[from + wanted.len() - 1];
    let end = last + shown[last..].chars().next().map_or(0, char::len_utf8);
    Some((starts[from], end))
}

/// Where a `<meta>` body was cut short (see [`cut_at_a_quote`]), the whole of it as the item
/// shows it: from where the smallest element of the item that shows the cut text shows it, to
/// that element's end, a line a paragraph. `None` where nothing in the item shows it, or that
/// element shows no more of it: the item's other parts (share buttons) are not its text.
fn shown_whole(item: ElementRef<'_>, text: &str) -> Option<String> {
    let (wanted, _) = dense(text);
    if wanted.is_empty() {
        return None;
    }
    // The smallest element that shows it, and all it shows from there when that is more.
    let mut best: Option<(usize, Option<String>)> = None;
    for el in item.descendants().filter_map(ElementRef::wrap) {
        let shown = html::content_to_plain(el);
        if best.as_ref().is_some_and(|(n, _)| shown.len() >= *n) {
            continue;
        }
        if let Some((from, end)) = located(&shown, &wanted) {
            let more = shown[end..].chars().any(|c| !c.is_whitespace());
            best = Some((shown.len(), more.then(|| shown[from..].to_string())));
        }
    }
    best.and_then(|(_, whole)| whole)
}

/// Where the item's own content shows `text` (a `<meta>` body) with line breaks, that part of
/// it, a line a paragraph: the same words, as the matching of everything but white space
/// makes sure, with the page's breaks between them. `None` where the content does not show it,
/// or shows it on one line, which the value says as well.
fn shown_in(item: ElementRef<'_>, text: &str) -> Option<String> {
    let (wanted, _) = dense(text);
    if wanted.is_empty() {
        return None;
    }
    let shown = html::content_to_plain(item);
    let (from, end) = located(&shown, &wanted)?;
    let part = &shown[from..end];
    part.contains('\n').then(|| part.to_string())
}
