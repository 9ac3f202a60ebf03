//! The fast path fed from a parsed page's tree rather than from markup.
//!
//! An entry of a page read by its layout is its member's inner HTML with the title and time
//! cut out (the first occurrence of each one's HTML), read as a fragment. Writing that HTML
//! out and reading it back was a fifth of reading such a page. When the member is made only of
//! what the fast path reads, and the cuts are sure to remove the marked elements themselves,
//! the tags and text that the fast path would read from that HTML are taken from the tree
//! instead: the same [`Reader`] then gives the same blocks. Anything else answers `None`, and
//! the member is written out and read as before. A test compares both on every element of the
//! fixture pages and on pages made to trip each condition.

use super::{Reader, Tag, known};
use crate::blog::Block;
use crate::formats::html::dom::{Data, Dom};
use html5ever::{local_name, ns};
use scraper::ElementRef;
use std::borrow::Cow;
use url::Url;

/// Elements whose text the serializer writes as it is, `<` included: their content could
/// hold a copy of a cut element's HTML.
fn writes_raw_text(name: &str) -> bool {
    matches!(
        name,
        "style" | "script" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" | "noscript"
    )
}

/// The blocks of `el`'s content with the `cut` elements (inside it) left out, exactly as the
/// fast path reads the HTML that `timed::html_without` writes for it; `None` when that cannot
/// be told from the tree, or the fast path would not read it.
pub(in crate::formats) fn member_to_blocks(
    el: ElementRef<'_>,
    cut: [Option<ElementRef<'_>>; 2],
    base: Option<&Url>,
) -> Option<Vec<Block>> {
    member_to_blocks_in(*el, cut.map(|c| c.map(|c| *c)), base)
}

/// As [`member_to_blocks`], in either tree (`html::dom`).
pub(in crate::formats) fn member_to_blocks_in<'a, N: Dom<'a>>(
    el: N,
    cut: [Option<N>; 2],
    base: Option<&Url>,
) -> Option<Vec<Block>> {
    // A mark inside the other (or the same element twice) is searched for again in what is
    // left after the first cut: left to the written HTML.
    if let [Some(a), Some(b)] = cut
        && (a == b || a.ancestors().any(|x| x == b) || b.ancestors().any(|x| x == a))
    {
        return None;
    }
    let mut r = Reader::new(base);
    let mut feed = Feed::default();
    // Marks not reached yet: an element of the same name before one could be a copy of its
    // HTML, which the cut would take instead.
    let mut ahead = cut;
    // The mark being left out, while inside it.
    let mut skipping: Option<N> = None;
    let root = el;
    let mut cur = root;
    loop {
        let mut enter = false;
        if cur != root {
            match cur.data() {
                Data::Text(t) if skipping.is_none() => feed.push(t),
                Data::Text(_) => {}
                Data::Element(_) => {
                    let e = cur;
                    check_ahead(e, &mut ahead)?;
                    if writes_raw_text(e.name()) || has_raw_lt(e) {
                        return None;
                    }
                    if skipping.is_some() {
                        enter = true;
                    } else if cut.contains(&Some(e)) {
                        // Cut out: the text on either side is one run, as in the HTML left.
                        skipping = Some(e);
                        enter = true;
                    } else {
                        feed.flush(&mut r)?;
                        enter = open(&mut r, e)?;
                    }
                }
                // Comments, doctypes and processing instructions: not read by the fast path.
                _ => return None,
            }
        }
        if (enter || cur == root)
            && let Some(child) = cur.first_child()
        {
            cur = child;
            continue;
        }
        // A leaf: close it and every ancestor it ends, up to the next sibling.
        loop {
            if cur == root {
                feed.flush(&mut r)?;
                return r.finish();
            }
            if cur.element().is_some() {
                let e = cur;
                if skipping == Some(e) {
                    skipping = None;
                } else if skipping.is_none() && !is_void(e) {
                    feed.flush(&mut r)?;
                    r.tag(&end_tag(e)?)?;
                }
            }
            if let Some(next) = cur.next_sibling() {
                cur = next;
                break;
            }
            cur = cur.parent()?;
        }
    }
}

/// Text gathered between two tags: the text nodes on either side of a cut are one run of
/// text in the HTML left after it.
#[derive(Default)]
struct Feed<'a> {
    first: Option<&'a str>,
    more: String,
}

impl<'a> Feed<'a> {
    fn push(&mut self, t: &'a str) {
        match self.first {
            None => self.first = Some(t),
            Some(first) => {
                if self.more.is_empty() {
                    self.more.push_str(first);
                }
                self.more.push_str(t);
            }
        }
    }

    /// Hands the run gathered to the reader, as the fast path reads the text before a tag.
    fn flush(&mut self, r: &mut Reader<'_>) -> Option<()> {
        let Some(first) = self.first.take() else {
            return Some(());
        };
        let text = if self.more.is_empty() {
            first
        } else {
            self.more.as_str()
        };
        let read = if text.is_empty() {
            Some(())
        } else {
            r.tree_text(text)
        };
        self.more.clear();
        read
    }
}

/// Stops at an element before a mark that has the mark's name: its HTML could be the mark's,
/// and the cut would take it instead. Marks whose place is reached leave the list.
fn check_ahead<'a, N: Dom<'a>>(e: N, ahead: &mut [Option<N>; 2]) -> Option<()> {
    for slot in ahead.iter_mut() {
        if let Some(m) = *slot {
            if m == e {
                *slot = None;
            } else if m.name() == e.name() {
                return None;
            }
        }
    }
    Some(())
}

/// Whether an attribute value holds `<`, which the serializer writes as it is: it could start
/// a copy of a cut element's HTML.
fn has_raw_lt<'a, N: Dom<'a>>(e: N) -> bool {
    e.attrs()
        .any(|(_, v)| memchr::memchr(b'<', v.as_bytes()).is_some())
}

/// A void element as the serializer sees it: written without content or end tag.
fn is_void<'a, N: Dom<'a>>(e: N) -> bool {
    e.element().is_some_and(crate::formats::html::is_void)
}

/// Reads `e`'s start tag as the fast path reads it written out; whether its content follows.
fn open<'a, N: Dom<'a>>(r: &mut Reader<'_>, e: N) -> Option<bool> {
    let mut tag = Tag::new(known(e.name())?, false, false);
    for (k, v) in e.attrs() {
        // The name as the serializer writes it, with its namespace's prefix.
        let name: Cow<'_, str> = match k.ns {
            ns!() => Cow::Borrowed(&*k.local),
            ns!(xmlns) if k.local == local_name!("xmlns") => Cow::Borrowed("xmlns"),
            ns!(xml) => Cow::Owned(format!("xml:{}", k.local)),
            ns!(xmlns) => Cow::Owned(format!("xmlns:{}", k.local)),
            ns!(xlink) => Cow::Owned(format!("xlink:{}", k.local)),
            _ => Cow::Owned(format!("unknown_namespace:{}", k.local)),
        };
        // The names the fast path reads an attribute by.
        let ok = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':');
        if name.is_empty() || !name.bytes().all(ok) {
            return None;
        }
        tag.set(&name, v)?;
    }
    r.tag(&tag)?;
    Some(!is_void(e))
}

/// `e`'s end tag, as the fast path reads it written out.
fn end_tag<'a, N: Dom<'a>>(e: N) -> Option<Tag<'static>> {
    Some(Tag::new(known(e.name())?, true, false))
}
