//! The JSON-LD graph: finding the blog node, following `@id` references one step, and
//! reading a property as text whatever shape a publisher gave it.
//!
//! Objects are visited in the order of their sorted keys, as they were when the scripts were
//! read into `serde_json::Value`: where two nodes share an `@id`, or two blogs as many updates,
//! the same one is taken.

use crate::blog::Stamp;
use crate::formats::html::plain_text;
use crate::formats::json::{Object, Value};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, VecDeque};

/// The JSON-LD nodes that have an `@id`, so a reference (`{"@id": "…#author"}`, common in
/// `@graph` documents) can be followed to the node it names. Following is one step and
/// borrows, so reference cycles or many references to a big node cost nothing. The nodes are
/// listed when the first reference is followed: most documents hold none.
#[derive(Default)]
pub(super) struct Graph<'a> {
    roots: &'a [Value<'a>],
    nodes: OnceCell<HashMap<&'a str, &'a Value<'a>>>,
}

impl<'a> Graph<'a> {
    pub(super) fn new(roots: &'a [Value<'a>]) -> Self {
        Self {
            roots,
            nodes: OnceCell::new(),
        }
    }

    fn nodes(&self) -> &HashMap<&'a str, &'a Value<'a>> {
        self.nodes.get_or_init(|| {
            let mut nodes = HashMap::new();
            let mut stack: Vec<&'a Value<'a>> = self.roots.iter().collect();
            while let Some(v) = stack.pop() {
                match v {
                    Value::Object(m) => {
                        if let Some(id) = m.get("@id").and_then(Value::as_str)
                            && !is_reference(m)
                        {
                            nodes.entry(id).or_insert(v);
                        }
                        stack.extend(values(m));
                    }
                    Value::Array(items) => stack.extend(items),
                    _ => {}
                }
            }
            nodes
        })
    }

    /// The node a reference names, else the value itself.
    pub(super) fn resolve(&self, v: &'a Value<'a>) -> &'a Value<'a> {
        match v {
            Value::Object(m) if is_reference(m) => m
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| self.nodes().get(id).copied())
                .unwrap_or(v),
            _ => v,
        }
    }

    /// As [`many`], with references followed.
    pub(super) fn many(&self, v: Option<&'a Value<'a>>) -> Vec<&'a Value<'a>> {
        many(v).into_iter().map(|v| self.resolve(v)).collect()
    }
}

/// An object's values in the order of their sorted keys, a repeated key once with its last
/// value.
fn values<'v, 'a>(m: &'v Object<'a>) -> impl Iterator<Item = &'v Value<'a>> {
    m.members().into_iter().map(|(_, v)| v)
}

/// An object that only names another node: nothing but `@id` (and perhaps `@type`).
pub(super) fn is_reference(m: &Object<'_>) -> bool {
    // The keys first: an object with content fails at its first other key.
    m.keys().all(|k| k == "@id" || k == "@type") && m.contains_key("@id")
}

/// The `LiveBlogPosting` node with the most updates, searched breadth-first through arrays,
/// `@graph`, `mainEntity` and any other nesting. Iterative, so depth cannot overflow the stack.
pub(super) fn find_blog<'v, 'a>(roots: &'v [Value<'a>]) -> Option<&'v Value<'a>> {
    let mut best: Option<(&Value<'a>, usize)> = None;
    let mut queue: VecDeque<&Value<'a>> = roots.iter().collect();
    while let Some(v) = queue.pop_front() {
        match v {
            Value::Object(map) if is_type(map, "LiveBlogPosting") => {
                let n = update_count(v);
                if best.is_none_or(|(_, m)| n > m) {
                    best = Some((v, n));
                }
            }
            Value::Object(map) => queue.extend(values(map)),
            Value::Array(items) => queue.extend(items),
            _ => {}
        }
    }
    best.map(|(v, _)| v)
}

pub(super) fn update_count(blog: &Value<'_>) -> usize {
    match blog.get("liveBlogUpdate") {
        None | Some(Value::Null) => 0,
        Some(Value::Array(items)) => items.len(),
        Some(_) => 1,
    }
}

/// Whether `@type` names this schema.org type, bare, prefixed (`schema:`) or as a full IRI.
fn is_type(map: &Object<'_>, name: &str) -> bool {
    many(map.get("@type"))
        .into_iter()
        .filter_map(Value::as_str)
        .any(|t| type_matches(t, name))
}

pub(super) fn type_matches(t: &str, name: &str) -> bool {
    let t = t.trim();
    t == name
        || t.strip_suffix(name)
            .is_some_and(|p| p.ends_with('/') || p.ends_with(':') || p.ends_with('#'))
}

/// A property that may be one value or an array of them, as a list.
fn many<'v, 'a>(v: Option<&'v Value<'a>>) -> Vec<&'v Value<'a>> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
    }
}

/// A property's raw string: a string, a number, the first usable item of an array, or a
/// JSON-LD value object (`{"@value": …}`). Borrowed from the tree where it is a string.
pub(super) fn raw_str<'v>(v: &'v Value<'_>) -> Option<Cow<'v, str>> {
    match v {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Array(items) => items.iter().find_map(raw_str),
        Value::Object(m) => m.get("@value").and_then(raw_str),
        _ => None,
    }
}

/// A property as one line of plain text: entities decoded, markup removed, runs of spaces and
/// line breaks (microdata element text is indented like the page) made one space; `None` when
/// empty.
pub(super) fn field(map: &Object<'_>, key: &str) -> Option<String> {
    field_text(map, key).map(Cow::into_owned)
}

/// As [`field`], borrowed from the tree where the value is already one line of plain text.
pub(super) fn field_text<'v>(map: &'v Object<'_>, key: &str) -> Option<Cow<'v, str>> {
    let s = map.get(key).and_then(raw_str)?;
    let line = match s {
        Cow::Borrowed(b) => one_line(b),
        Cow::Owned(o) => Cow::Owned(one_line(&o).into_owned()),
    };
    (!line.is_empty()).then_some(line)
}

/// Text as [`plain_text`] gives it, with runs of ASCII white space made one space. Most
/// fields (dates, ids, headlines) are that already, and are only trimmed.
fn one_line(s: &str) -> Cow<'_, str> {
    // Trimmed first: what is trimmed holds no `&` or `<`.
    let t = s.trim();
    let b = t.as_bytes();
    let changed = b.iter().enumerate().any(|(i, &c)| {
        matches!(c, b'&' | b'<' | b'\t' | b'\n' | b'\x0c' | b'\r')
            || (c == b' ' && b.get(i + 1) == Some(&b' '))
    });
    if !changed {
        return Cow::Borrowed(t);
    }
    Cow::Owned(
        plain_text(s)
            .split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

pub(super) fn stamp(map: &Object<'_>, key: &str) -> Option<Stamp> {
    field_text(map, key).and_then(|s| Stamp::parse(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn one_line_is_plain_text_with_white_space_collapsed() {
        for s in [
            "",
            "  ",
            "Plain headline",
            " Padded\u{a0}",
            "two  spaces",
            "tab\there",
            "line\nbreak ",
            "\u{2003}em\u{2003}space\u{2003}",
            "a &amp; b",
            "<b>bold</b>  text",
            "x < y",
        ] {
            let slow = plain_text(s)
                .split_ascii_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(one_line(s), slow, "{s:?}");
        }
    }
}
