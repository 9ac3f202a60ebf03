//! Microdata (`itemscope`/`itemprop`) read into the same JSON-LD shape, so one mapping
//! serves both.

use super::graph::{type_matches, update_count};
use crate::formats::html::dom::Dom;
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
                Value::String(Cow::Owned(microdata_value(el)))
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
