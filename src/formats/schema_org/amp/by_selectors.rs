//! An item read as it was written first, through CSS selectors and the item's HTML written
//! out and read again: the reference the reading by the tree (`mod.rs`) is held to in the
//! tests.

use super::stamp;
use crate::blog::Entry;
use crate::formats::flagged::Mark;
use crate::formats::html;
use scraper::{ElementRef, Node, Selector};
use std::borrow::Cow;
use url::Url;

/// One item: its sort key and entry, or `None` when it is not an item.
pub(super) fn item_by_selectors(el: ElementRef<'_>, base: Option<&Url>) -> Option<(i64, Entry)> {
    let id = el.attr("id").map(str::trim).filter(|i| !i.is_empty())?;
    let sort: i64 = el.attr("data-sort-time")?.trim().parse().ok()?;
    if sort <= 0 {
        return None;
    }
    let updated = el
        .attr("data-update-time")
        .and_then(|t| t.trim().parse::<i64>().ok())
        .filter(|&u| u > sort)
        .and_then(stamp);
    let heading = el
        .descendent_elements()
        .find(|d| matches!(d.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
    let title = heading
        .map(|h| html::collapse_joined(h.text().map(Cow::Borrowed), " "))
        .filter(|t| !t.is_empty());
    let author_sel = Selector::parse("[itemprop~=\"author\"]").ok()?;
    let byline = el
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.select(&author_sel).next().is_some() || has_author_ref(*c));
    let authors: Vec<String> = byline
        .iter()
        .flat_map(|b| {
            let mut all: Vec<ElementRef<'_>> = b.select(&author_sel).collect();
            if has_author_ref(*b) {
                all.insert(0, *b);
            }
            all
        })
        .map(author_name_ref)
        .filter(|n| !n.is_empty())
        .collect();
    // The body: the item without its title and byline, AMP images as images.
    let mut body_html = String::new();
    for child in el.children() {
        match child.value() {
            Node::Element(_) => {
                let Some(c) = ElementRef::wrap(child) else {
                    continue;
                };
                let is_title =
                    heading.is_some_and(|h| h == c || c.descendent_elements().any(|d| d == h));
                if is_title || byline == Some(c) {
                    continue;
                }
                body_html.push_str(&c.html());
            }
            Node::Text(t) => {
                let t: &str = t;
                body_html.push_str(&t.replace('&', "&amp;").replace('<', "&lt;"));
            }
            _ => {}
        }
    }
    let body_html = body_html
        .replace("<amp-img", "<img")
        .replace("</amp-img>", "");
    // Sorted as times where they are times, so seconds and milliseconds compare rightly.
    let key = stamp(sort).map_or(sort, |s| s.as_millis());
    let mut e = Entry {
        id: id.to_string(),
        title,
        published: stamp(sort),
        updated,
        authors,
        body: html::to_blocks_with_base(&body_html, base),
        ..Entry::default()
    };
    for m in Mark::ALL {
        if el.value().classes().any(|c| c == m.name()) {
            m.set(&mut e);
        }
    }
    Some((key, e))
}

fn has_author_ref(el: ElementRef<'_>) -> bool {
    el.attr("itemprop")
        .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "author"))
}

/// An author element's name: its `itemprop="name"`, else its first bold or plain text.
fn author_name_ref(el: ElementRef<'_>) -> String {
    let name = Selector::parse("[itemprop~=\"name\"], b, strong")
        .ok()
        .and_then(|s| el.select(&s).next())
        .map_or_else(|| el.text().collect::<String>(), |n| n.text().collect());
    html::collapse(&name)
}
