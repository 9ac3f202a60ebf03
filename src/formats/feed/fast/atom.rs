//! An Atom feed read in one pass, as `fast.rs` reads RSS: four fifths of the time of a large
//! Atom feed went to feed-rs's tree of owned elements, and a fifth of that to parsing every
//! entry's link as a URL, which is needed only for an entry without an id.
//!
//! It follows feed-rs's Atom reading (`parser/atom`): the same fields, the last of a repeated
//! one winning, a person named "unknown" until a `name` says otherwise, a link's `rel`
//! `alternate` unless given, an empty time field leaving an earlier one as it was. It gives up
//! with `None` at what it does not follow: a text construct holding markup (`xhtml`), content
//! given by `src` or of another type, Media RSS, a time in neither strict form, and every case
//! where feed-rs fails the whole feed (a text construct of an unknown `type`). feed-rs then
//! reads the feed, so an answer is always feed-rs's.

use super::super::xml::{Ns, Tokens, local_name};
use super::super::{
    blog_of, body_blocks, dates, entry_of, line_of, mark, name_of, page_link, plain_text,
};
use super::{each_attr, link_href};
use crate::blog::{Entry, LiveBlog, Stamp};
use crate::formats::Entries;
use crate::formats::flagged::Mark;
use quick_xml::events::BytesStart;
use std::borrow::Cow;

/// A text construct (`title`, `subtitle`, `summary`, `content`): its text, and whether it is
/// declared plain text rather than HTML.
type Text<'a> = (Cow<'a, str>, bool);

/// The children of the root `<feed>`, through its end.
pub(super) fn feed<E: Entries>(toks: &mut Tokens<'_>) -> Option<(LiveBlog, E)> {
    let mut title: Option<Text<'_>> = None;
    let mut subtitle: Option<Text<'_>> = None;
    let mut page = None;
    let mut updated = None;
    let mut entries = E::default();
    while let Some((ns, tag)) = toks.child()? {
        if ns != Ns::Atom {
            toks.skip()?;
            continue;
        }
        match local_name(&tag) {
            b"title" => title = Some(text_construct(toks, &tag)?),
            b"subtitle" => subtitle = Some(text_construct(toks, &tag)?),
            b"updated" => stamp(toks, &tag, &mut updated)?,
            b"link" => link(toks, &tag, &mut page)?,
            b"rights" => rights(toks, &tag)?,
            b"entry" => entries.push(entry(toks)?),
            _ => toks.skip()?,
        }
    }
    entries.sort_newest_first();
    let blog = blog_of(
        title
            .map(|(t, plain)| line_of(&t, plain))
            .unwrap_or_default(),
        subtitle.map(|(d, _)| plain_text(&d)).unwrap_or_default(),
        page_of(page.as_deref()),
        // An Atom feed has no time of publication of its own.
        updated,
        Vec::new(),
    );
    Some((blog, entries))
}

/// The children of an `<entry>`, through its end.
fn entry<'a>(toks: &mut Tokens<'a>) -> Option<Entry> {
    let mut id: Cow<'a, str> = Cow::Borrowed("");
    let mut title: Option<Text<'a>> = None;
    let mut page = None;
    let mut summary: Option<Text<'a>> = None;
    let mut content: Option<Text<'a>> = None;
    let (mut published, mut updated) = (None, None);
    let mut authors = Vec::new();
    let mut marks = Vec::new();
    while let Some((ns, tag)) = toks.child()? {
        match (ns, local_name(&tag)) {
            (Ns::Atom, b"id") => {
                if let Some(text) = toks.text(&tag)? {
                    id = text;
                }
            }
            (Ns::Atom, b"title") => title = Some(text_construct(toks, &tag)?),
            (Ns::Atom, b"updated") => stamp(toks, &tag, &mut updated)?,
            (Ns::Atom, b"published" | b"pubDate") => stamp(toks, &tag, &mut published)?,
            (Ns::Atom, b"author") => authors.push(person(toks)?),
            (Ns::Atom, b"content") => content = Some(content_of(toks, &tag)?),
            (Ns::Atom, b"link") => link(toks, &tag, &mut page)?,
            (Ns::Atom, b"summary") => summary = Some(text_construct(toks, &tag)?),
            (Ns::Atom, b"rights") => rights(toks, &tag)?,
            (Ns::Atom, b"category") => category(toks, &tag, &mut marks)?,
            (Ns::Media, _) => return None,
            _ => toks.skip()?,
        }
    }
    // A link in the text relative to the entry's page, as the full reading reads it.
    let base = page_of(page.as_deref()).and_then(|p| url::Url::parse(&p).ok());
    let body = match (content, summary) {
        (Some((c, plain)), _) if !c.trim().is_empty() => blocks(&c, plain, base.as_ref()),
        (_, Some((s, plain))) => blocks(&s, plain, base.as_ref()),
        _ => Vec::new(),
    };
    let mut entry = entry_of(
        &id,
        title.map(|(t, plain)| line_of(&t, plain)),
        (published, updated),
        || page_of(page.as_deref()),
        authors,
        body,
    );
    for m in marks {
        m.set(&mut entry);
    }
    Some(entry)
}

/// A `<category>`, through its end: the flag its `term` marks, if any (the last `term`
/// counting, as feed-rs reads it), put in `marks`.
fn category(toks: &mut Tokens<'_>, tag: &BytesStart<'_>, marks: &mut Vec<Mark>) -> Option<()> {
    let mut marked = None;
    each_attr(tag, |k, v| {
        if k == "term" {
            marked = mark(&v);
        }
    })?;
    toks.skip()?;
    marks.extend(marked);
    Some(())
}

/// A body's blocks, as feed-rs's reading makes them of the content type it gives.
fn blocks(text: &str, plain: bool, base: Option<&url::Url>) -> Vec<crate::blog::Block> {
    body_blocks(text, if plain { "text/plain" } else { "text/html" }, base)
}

/// A text construct, through its end: `type` `text` (or none) is plain text, `html`, `xhtml`
/// and `text/html` are HTML, and any other fails the whole feed in feed-rs, so `None`. No text
/// is an empty one; markup inside it (which feed-rs writes out again) is `None` too.
fn text_construct<'a>(toks: &mut Tokens<'a>, tag: &BytesStart<'_>) -> Option<Text<'a>> {
    let (plain, _) = construct_type(tag)?;
    Some((toks.text(tag)?.unwrap_or_default(), plain))
}

/// Whether a text construct is declared plain text, by its first `type`, and whether it has a
/// `src`; `None` for a type feed-rs does not know, or a malformed attribute.
fn construct_type(tag: &BytesStart<'_>) -> Option<(bool, bool)> {
    let (mut plain, mut src) = (None, false);
    each_attr(tag, |k, v| match k {
        "type" if plain.is_none() => {
            plain = Some(match v.as_ref() {
                "text" => Some(true),
                "html" | "xhtml" | "text/html" => Some(false),
                _ => None,
            });
        }
        "src" => src = true,
        _ => {}
    })?;
    Some((plain.unwrap_or(Some(true))?, src))
}

/// `<rights>`, which is not shown, through its end: only its type matters, as feed-rs fails
/// the feed for one it does not know.
fn rights(toks: &mut Tokens<'_>, tag: &BytesStart<'_>) -> Option<()> {
    construct_type(tag)?;
    toks.skip()
}

/// An entry's `<content>`: a text construct, unless it points elsewhere (`src`) or is of
/// another media type, which feed-rs reads otherwise (`None`).
fn content_of<'a>(toks: &mut Tokens<'a>, tag: &BytesStart<'_>) -> Option<Text<'a>> {
    match construct_type(tag)? {
        (_, true) => None,
        (plain, false) => Some((toks.text(tag)?.unwrap_or_default(), plain)),
    }
}

/// An `<author>`, through its end, as the name the reader shows: feed-rs's person is
/// "unknown" until a `name` child with text names it, whatever its namespace.
fn person(toks: &mut Tokens<'_>) -> Option<String> {
    let mut name: Cow<'_, str> = Cow::Borrowed("unknown");
    let mut email = None;
    while let Some((_, tag)) = toks.child()? {
        match local_name(&tag) {
            b"name" => {
                if let Some(text) = toks.text(&tag)? {
                    name = text;
                }
            }
            // An empty one takes away an earlier address.
            b"email" => email = toks.text(&tag)?,
            _ => toks.skip()?,
        }
    }
    Some(name_of(&name, email.as_deref()))
}

/// A `<link>`, through its end: the page is the first link whose `rel` (the last given) is
/// `alternate`, or that has none, and whose `href` (the first given) is there at all.
fn link(toks: &mut Tokens<'_>, tag: &BytesStart<'_>, page: &mut Option<String>) -> Option<()> {
    let (mut href, mut alternate) = (None, true);
    each_attr(tag, |k, v| match k {
        "href" if href.is_none() => href = Some(v),
        "rel" => alternate = v == "alternate",
        _ => {}
    })?;
    if page.is_none() && alternate {
        *page = href.map(Cow::into_owned);
    }
    toks.skip()
}

/// The address of a page found by [`link`], made as feed-rs makes it only for the one that
/// is used.
fn page_of(href: Option<&str>) -> Option<String> {
    page_link([(link_href(href?).as_str(), None)])
}

/// A time field, through its end, into `into`: none when it is empty (feed-rs then keeps an
/// earlier one), `None` (give up) when its text is in neither strict form.
fn stamp(toks: &mut Tokens<'_>, tag: &BytesStart<'_>, into: &mut Option<Stamp>) -> Option<()> {
    if let Some(text) = toks.text(tag)? {
        *into = Some(dates::stamp(&text)?);
    }
    Some(())
}

#[cfg(test)]
mod tests;
