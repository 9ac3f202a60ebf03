//! An AMP item's content skimmed rather than built into the light tree.
//!
//! An item is read for its title, bylines and body, and its body is read by the fragment
//! reader from HTML anyway: building the item's nodes (attributes, decoded text) only to write
//! them out again was most of the time left. Content that is plain enough is skimmed instead:
//! its tags are found, checked and listed with where they are in the page, and the item is
//! read from those and from the page's own text. "Plain enough" means the tree the builder
//! would make of it is exactly the nesting of its tags as written: known elements, each closed
//! by its own end tag, none of the tags for which the rules of HTML close or move something
//! (a block in a paragraph, an item in an item, a link in a link), double-quoted attributes,
//! no comments, scripts or references the page reading leaves to html5ever. Anything else
//! leaves the item to be built as before; the builder checks that nothing open around the item
//! changes those rules (`build.rs`). That the list then reads the same is held to the tree's
//! reading in the tests.

use std::ops::Range;

/// Most elements open at once inside an item, as the fragment reader allows.
pub(super) const MAX_OPEN: usize = 32;

/// An item's content, skimmed.
#[derive(Debug, Clone, Copy)]
pub(in crate::formats) struct Skimmed<'a> {
    /// The content as the page writes it.
    pub(in crate::formats) html: &'a str,
    pub(in crate::formats) toks: &'a [Tok<'a>],
}

/// A token of skimmed content.
#[derive(Debug, Clone)]
pub(in crate::formats) enum Tok<'a> {
    Start {
        /// In lower case, as written.
        name: &'a str,
        /// The element's bytes in the content, its end tag included.
        span: Range<usize>,
        /// The index of its last token: its end tag, or itself when it is void.
        last: usize,
        /// How many elements of the content it is inside.
        depth: usize,
        /// The attributes as written, between the name and the end of the tag.
        #[cfg_attr(
            not(test),
            expect(dead_code, reason = "read by the light tree's check, which tests run")
        )]
        attrs: &'a str,
        /// The value of its first attribute named `itemprop` (in any case), as written.
        itemprop: Option<&'a str>,
    },
    End,
    /// A run of text as written, references not decoded.
    Text(&'a str),
}

/// How an element of skimmed content is built.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Without content or end tag.
    Void,
    /// A start tag that closes an open `p` (none may be open).
    Block,
    Heading,
    ListItem,
    /// `a`, `b`, …: on the list of active formatting elements.
    Formatting,
    /// An element with no rule of its own.
    Plain,
}

/// The elements skimmed; any other leaves the item to be built.
fn kind(name: &str) -> Option<Kind> {
    Some(match name {
        "img" | "br" | "hr" | "source" | "wbr" => Kind::Void,
        "div" | "p" | "ul" | "ol" | "blockquote" | "figure" | "figcaption" | "section"
        | "article" | "aside" | "header" | "footer" | "nav" | "main" => Kind::Block,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "li" => Kind::ListItem,
        "a" | "b" | "strong" | "i" | "em" | "u" | "s" | "small" | "code" => Kind::Formatting,
        "span" | "sub" | "sup" | "mark" | "abbr" | "del" | "ins" | "picture" | "cite" | "dfn"
        | "var" | "time" | "q" => Kind::Plain,
        _ => return None,
    })
}

/// Special elements of those skimmed that stop the search for a list item to close (not
/// `address`, `div` or `p`, nor the inline ones).
fn stops_item_search(name: &str) -> bool {
    matches!(
        kind(name),
        Some(Kind::Block | Kind::Heading | Kind::ListItem)
    ) && !matches!(name, "div" | "p")
}

/// The content of the element `item` whose start tag ends at `from` in `src` (which holds no
/// NUL), skimmed up to its end tag: its tokens pushed to `toks` (indices in them counted from
/// the first), where the content is, and where the end tag ends. `None`, with `toks` as it
/// was, when it is not plain enough.
pub(super) fn content<'a>(
    src: &'a str,
    from: usize,
    item: &str,
    toks: &mut Vec<Tok<'a>>,
) -> Option<(Range<usize>, usize)> {
    let first = toks.len();
    let read = tokens(src, from, item, toks, first);
    if read.is_none() {
        toks.truncate(first);
    }
    read
}

fn tokens<'a>(
    src: &'a str,
    from: usize,
    item: &str,
    toks: &mut Vec<Tok<'a>>,
    first: usize,
) -> Option<(Range<usize>, usize)> {
    let b = src.as_bytes();
    // The open elements: name and index of their start token.
    let mut open: [(&'a str, usize); MAX_OPEN] = [("", 0); MAX_OPEN];
    let mut depth = 0;
    let mut at = from;
    loop {
        let lt = next_markup(b, at)?;
        if lt > at {
            toks.push(Tok::Text(&src[at..lt]));
        }
        at = lt;
        if b.get(at + 1) == Some(&b'/') {
            let (name, end) = end_tag(src, at)?;
            if depth == 0 {
                // The item's own end tag, or a stray one.
                return (name == item).then_some((from..at, end));
            }
            depth -= 1;
            let (open_name, start) = open[depth];
            if name != open_name {
                return None;
            }
            let last = toks.len() - first;
            if let Some(Tok::Start { span, last: l, .. }) = toks.get_mut(first + start) {
                span.end = end - from;
                *l = last;
            }
            toks.push(Tok::End);
            at = end;
            continue;
        }
        let StartTag {
            name,
            attrs,
            self_closing,
            itemprop,
            itemtype,
            end,
        } = start_tag(src, at)?;
        let k = kind(name)?;
        if depth >= MAX_OPEN || (self_closing && k != Kind::Void) {
            return None;
        }
        let opened = &open[..depth];
        let in_p = opened.iter().any(|(n, _)| *n == "p");
        let ok = match k {
            Kind::Void => name != "hr" || !in_p,
            Kind::Block => !in_p,
            // A heading in a heading is closed by it.
            Kind::Heading => {
                !in_p
                    && !opened
                        .last()
                        .is_some_and(|(n, _)| kind(n) == Some(Kind::Heading))
            }
            Kind::ListItem => {
                let open_item = opened
                    .iter()
                    .rev()
                    .take_while(|(n, _)| *n == "li" || !stops_item_search(n))
                    .any(|(n, _)| *n == "li");
                !in_p && !open_item
            }
            // A link in a link, and the same element open thrice, have rules of their own.
            Kind::Formatting => {
                let same = opened.iter().filter(|(n, _)| *n == name).count();
                !(name == "a" && same > 0) && same < 2
            }
            Kind::Plain => true,
        };
        if !ok || (itemtype && !plain_type(attrs)) {
            return None;
        }
        let index = toks.len() - first;
        toks.push(Tok::Start {
            name,
            attrs,
            span: at - from..end - from,
            last: index,
            depth,
            itemprop,
        });
        if k != Kind::Void {
            open[depth] = (name, index);
            depth += 1;
        }
        at = end;
    }
}

/// Whether the `itemtype` attributes in `attrs` surely name no blog: no `LiveBlogPosting`, no
/// reference that could spell one.
fn plain_type(attrs: &str) -> bool {
    !attrs.contains("LiveBlogPosting") && !attrs.contains('&')
}

/// Where the next `<` that starts markup is, from `at` (as the page's lexer finds it);
/// `None` at the end of the page.
fn next_markup(b: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let lt = at + memchr::memchr(b'<', b.get(at..)?)?;
        match b.get(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?') => {
                return Some(lt);
            }
            _ => at = lt + 1,
        }
    }
}

/// A tag name in lower case: letters, digits and `-`, starting with a letter.
fn tag_name(b: &[u8], at: usize) -> Option<usize> {
    if !b.get(at)?.is_ascii_lowercase() {
        return None;
    }
    let len = b[at..]
        .iter()
        .position(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-'))?;
    Some(at + len)
}

/// `</name>` at `at`: the name and where the tag ends.
fn end_tag(src: &str, at: usize) -> Option<(&str, usize)> {
    let b = src.as_bytes();
    let end = tag_name(b, at + 2)?;
    (b.get(end) == Some(&b'>')).then(|| (&src[at + 2..end], end + 1))
}

/// A start tag as skimmed.
struct StartTag<'a> {
    name: &'a str,
    /// As written.
    attrs: &'a str,
    /// Ends with `/>`.
    self_closing: bool,
    /// The first `itemprop`'s value, as written.
    itemprop: Option<&'a str>,
    itemtype: bool,
    /// Where it ends.
    end: usize,
}

/// The start tag at `at`. Attributes are names, each with a double-quoted value or none,
/// apart.
fn start_tag(src: &str, at: usize) -> Option<StartTag<'_>> {
    let b = src.as_bytes();
    let name_end = tag_name(b, at + 1)?;
    let mut i = name_end;
    let mut item = (None, false);
    loop {
        let spaced = is_space(*b.get(i)?);
        while is_space(*b.get(i)?) {
            i += 1;
        }
        let tag = |self_closing, end| StartTag {
            name: &src[at + 1..name_end],
            attrs: &src[name_end..i],
            self_closing,
            itemprop: item.0,
            itemtype: item.1,
            end,
        };
        match b[i] {
            b'>' => return Some(tag(false, i + 1)),
            b'/' if b.get(i + 1) == Some(&b'>') => return Some(tag(true, i + 2)),
            _ if !spaced => return None,
            _ => {
                let (end, named) = attribute(b, i)?;
                if named == b"itemprop" && item.0.is_none() {
                    // `itemprop` alone, or `itemprop="…"`.
                    let eq = i + named.len();
                    item.0 = Some(if b[eq] == b'=' {
                        &src[eq + 2..end - 1]
                    } else {
                        ""
                    });
                }
                item.1 = item.1 || named == b"itemtype";
                i = end;
            }
        }
    }
}

/// The attribute at `at`: where it ends, and its name in lower case when it is `itemprop` or
/// `itemtype` (else empty).
fn attribute(b: &[u8], at: usize) -> Option<(usize, &'static [u8])> {
    let len = b[at..]
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':')))?;
    if len == 0 {
        return None;
    }
    let i = at + len;
    let named: &'static [u8] = [b"itemprop", b"itemtype"]
        .into_iter()
        .find(|n| b[at..i].eq_ignore_ascii_case(*n))
        .map_or(b"", |n| n);
    if b[i] != b'=' {
        return Some((i, named));
    }
    if b.get(i + 1) != Some(&b'"') {
        return None;
    }
    let close = memchr::memchr(b'"', &b[i + 2..])?;
    Some((i + 2 + close + 1, named))
}

pub(super) const fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b' ')
}
