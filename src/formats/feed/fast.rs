//! An RSS 2.0 feed (and an Atom one, `atom.rs`) read in one pass over quick-xml's events,
//! without feed-rs's tree of owned elements and its date parsing by regular expressions: most
//! of the time of a large feed went there.
//!
//! It reads what feed-rs reads, the way feed-rs reads it (the same events, the same fields,
//! the last of a repeated field winning), and gives up with `None` at anything it does not
//! follow: another encoding, a DTD, `xml:base`, Media RSS and iTunes elements, markup
//! inside a field feed-rs reads as text, a time in neither strict form, any XML error. The
//! caller then reads the feed with feed-rs, so an answer is always feed-rs's.

use super::xml::{Ns, Tok, Tokens, local_name};
use super::{blog_of, dates, entry_of, line_of, mark, media_block, name_of, page_link, plain_text};
use crate::blog::{Entry, LiveBlog, Stamp};
use crate::formats::{Entries, html};
use quick_xml::events::BytesStart;
use std::borrow::Cow;
use url::Url;

/// The feed as feed-rs would read it, or `None` where this reading is not sure to agree: the
/// blog without its entries, and the entries, newest first, put in `E` as each is read.
pub(super) fn read<E: Entries>(xml: &str) -> Option<(LiveBlog, E)> {
    let bytes = xml.as_bytes();
    // A byte-order mark or NUL bytes (UTF-16 read as bytes) change quick-xml's guess of the
    // encoding; `xml:base` changes links, and an invalid one is an error to feed-rs.
    if xml.starts_with('\u{feff}')
        || memchr::memchr(0, bytes).is_some()
        || memchr::memmem::find(bytes, b"xml:base").is_some()
    {
        return None;
    }
    let mut toks = Tokens::new(xml);
    let root = loop {
        match toks.next()? {
            Tok::Text(_) => {}
            Tok::Start(_, tag) => break tag,
            Tok::End | Tok::Eof => return None,
        }
    };
    let version = attrs(&root)?
        .into_iter()
        .find(|(k, _)| k == "version")
        .map(|(_, v)| v);
    // feed-rs takes any root named `feed`, in whatever namespace, for Atom.
    if local_name(&root) == b"feed" {
        toks.read_unbound_as(Ns::Atom);
        return atom::feed(&mut toks);
    }
    if root.name().as_ref() != b"rss" || version.as_deref() != Some("2.0") {
        return None;
    }
    // feed-rs reads the first child named `channel`, in whatever namespace, and stops there.
    loop {
        match toks.next()? {
            Tok::Text(_) => {}
            Tok::Start(_, tag) if local_name(&tag) == b"channel" => return channel(&mut toks),
            Tok::Start(..) => toks.skip()?,
            Tok::End | Tok::Eof => return None,
        }
    }
}

/// The children of `<channel>`, through its end.
fn channel<E: Entries>(toks: &mut Tokens<'_>) -> Option<(LiveBlog, E)> {
    let mut title: Option<String> = None;
    let mut description: Option<String> = None;
    let mut links: Vec<(String, Option<String>)> = Vec::new();
    let (mut published, mut updated) = (None, None);
    let mut entries = E::default();
    while let Some(tag) = toks.child()? {
        match (tag.0, local_name(&tag.1)) {
            (Ns::Rss, b"title") => title = Some(text_of(toks.text(&tag.1)?.as_deref())),
            (Ns::Rss, b"link") => {
                if let Some(href) = toks.text(&tag.1)? {
                    links.push((link_href(&href), None));
                }
            }
            (Ns::Atom, b"link") => {
                let attrs = attrs(&tag.1)?;
                let href = attrs.iter().find(|(k, _)| k == "href");
                if let Some((_, href)) = href {
                    let rel = attrs.iter().rev().find(|(k, _)| k == "rel");
                    let rel = rel.map_or("alternate", |(_, v)| v).to_string();
                    links.push((link_href(href), Some(rel)));
                }
                toks.skip()?;
            }
            (Ns::Rss, b"description") => description = Some(text_of(toks.text(&tag.1)?.as_deref())),
            (Ns::Rss, b"pubDate") => published = time(toks.text(&tag.1)?)?,
            (Ns::Rss, b"lastBuildDate" | b"updated") => updated = time(toks.text(&tag.1)?)?,
            (Ns::Rss, b"item") => entries.push(item(toks)?),
            (Ns::Itunes, _) => return None,
            _ => toks.skip()?,
        }
    }
    entries.sort_newest_first();
    let blog = blog_of(
        title.map(|t| line_of(&t, true)).unwrap_or_default(),
        description.map(|d| plain_text(&d)).unwrap_or_default(),
        page_link(links.iter().map(|(h, r)| (h.as_str(), r.as_deref()))),
        updated.or(published),
        Vec::new(),
    );
    Some((blog, entries))
}

/// The children of an `<item>`, through its end.
fn item<'a>(toks: &mut Tokens<'a>) -> Option<Entry> {
    let mut id = String::new();
    // As the blog shows it, made from the text where it is, without a trimmed copy first.
    let mut title: Option<String> = None;
    let mut links: Vec<Cow<'a, str>> = Vec::new();
    let mut summary: Option<Cow<'a, str>> = None;
    let mut content: Option<Cow<'a, str>> = None;
    let mut published = None;
    let mut authors = Vec::new();
    let mut media: Vec<(Url, Option<String>)> = Vec::new();
    let mut marks = Vec::new();
    while let Some(tag) = toks.child()? {
        match (tag.0, local_name(&tag.1)) {
            (Ns::Rss, b"title") => {
                let text = toks.text(&tag.1)?;
                title = Some(line_of(text.as_deref().unwrap_or_default().trim(), true));
            }
            (Ns::Rss, b"link") => links.extend(toks.text(&tag.1)?),
            // Trimmed where it is used, without a copy.
            (Ns::Rss, b"description") => summary = Some(toks.text(&tag.1)?.unwrap_or_default()),
            (Ns::Rss, b"author") => {
                if let Some(email) = toks.text(&tag.1)? {
                    authors.push(name_of("author", Some(&email)));
                }
            }
            (Ns::Rss, b"guid") => {
                if let Some(guid) = toks.text(&tag.1)? {
                    id = guid.trim().to_string();
                }
            }
            (Ns::Rss, b"enclosure") => {
                enclosure(&tag.1, &mut media)?;
                toks.skip()?;
            }
            (Ns::Rss, b"pubDate") | (Ns::DublinCore, b"date") => {
                published = time(toks.text(&tag.1)?)?;
            }
            (Ns::Rss, b"category") => {
                marks.extend(toks.text(&tag.1)?.and_then(|t| mark(&t)));
            }
            (Ns::Content, b"encoded") => content = toks.text(&tag.1)?.filter(|c| !c.is_empty()),
            (Ns::DublinCore, b"creator") => {
                let name = toks.text(&tag.1)?.unwrap_or_default();
                authors.push(name_of(name.trim(), None));
            }
            (Ns::Itunes | Ns::Media, _) => return None,
            _ => toks.skip()?,
        }
    }
    // A link in the text relative to the item's page, as the full reading reads it.
    let base = links
        .first()
        .map(|l| link_href(l))
        .and_then(|h| Url::parse(&h).ok());
    let mut body = match (content, summary) {
        (Some(c), _) if !c.trim().is_empty() => html::to_blocks_with_base(&c, base.as_ref()),
        (_, Some(s)) => html::to_blocks_with_base(s.trim(), base.as_ref()),
        _ => Vec::new(),
    };
    body.extend(
        media
            .into_iter()
            .map(|(url, mime)| media_block(url.to_string(), mime.as_deref().unwrap_or(""), "")),
    );
    let mut entry = entry_of(
        &id,
        title,
        // RSS has one time; feed-rs gives it as the update time too.
        (published, published),
        // An item's links are RSS links, without `rel`: the first is the page.
        || {
            links
                .first()
                .map(|l| link_href(l))
                .filter(|h| !h.is_empty())
        },
        authors,
        body,
    );
    for m in marks {
        m.set(&mut entry);
    }
    Some(entry)
}

/// An `<enclosure>`'s file, as feed-rs reads its attributes: kept only with a valid absolute
/// `url`; a `type` that is not a media type is left out. `None` at a malformed attribute.
fn enclosure(tag: &BytesStart<'_>, media: &mut Vec<(Url, Option<String>)>) -> Option<()> {
    let (mut url, mut mime) = (None, None);
    for (k, v) in attrs(tag)? {
        match k.as_ref() {
            "url" => url = Url::parse(&v).ok(),
            "type" => {
                if let Ok(m) = v.parse::<mediatype::MediaTypeBuf>() {
                    mime = Some(m.to_string());
                }
            }
            _ => {}
        }
    }
    media.extend(url.map(|u| (u, mime)));
    Some(())
}

/// A link as feed-rs keeps it: normalised when it parses as an absolute URL, then trimmed.
fn link_href(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(u) => u.to_string().trim().to_string(),
        Err(_) => raw.trim().to_string(),
    }
}

/// A field feed-rs reads as a text construct: the text, trimmed, empty when there is none.
fn text_of(text: Option<&str>) -> String {
    text.unwrap_or_default().trim().to_string()
}

/// A time field: `Some(None)` when it is empty (feed-rs then forgets an earlier one), `None`
/// when its text is in neither strict form.
#[expect(
    clippy::option_option,
    reason = "`None` ends the reading, as everywhere here"
)]
fn time(text: Option<Cow<'_, str>>) -> Option<Option<Stamp>> {
    match text {
        None => Some(None),
        Some(t) => dates::stamp(&t).map(Some),
    }
}

/// A tag's attributes as feed-rs reads them: values unescaped where they can be. `None` at a
/// malformed one, which feed-rs would leave out.
fn attrs<'t>(tag: &'t BytesStart<'_>) -> Option<Vec<(Cow<'t, str>, Cow<'t, str>)>> {
    let mut all = Vec::new();
    each_attr(tag, |k, v| all.push((Cow::Borrowed(k), v)))?;
    Some(all)
}

/// Most attributes a tag may have for this reading; one with more is left to feed-rs.
const MAX_ATTRS: usize = 16;

/// [`attrs`] given to `visit` one by one, in order, without gathering them. Twice the same
/// name is malformed, as quick-xml's checks say; they are made here on the keys as they are
/// read, which spares quick-xml's list of them for every tag.
fn each_attr<'t>(
    tag: &'t BytesStart<'_>,
    mut visit: impl FnMut(&'t str, Cow<'t, str>),
) -> Option<()> {
    let mut seen: [&[u8]; MAX_ATTRS] = [&[]; MAX_ATTRS];
    let mut attributes = tag.attributes();
    attributes.with_checks(false);
    for (i, a) in attributes.enumerate() {
        let a = a.ok()?;
        let key = a.key.into_inner();
        if i >= MAX_ATTRS || seen[..i].contains(&key) {
            return None;
        }
        seen[i] = key;
        let key = std::str::from_utf8(key).ok()?;
        let value = match a.value {
            Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(b).ok()?),
            Cow::Owned(b) => Cow::Owned(String::from_utf8(b).ok()?),
        };
        let value = match quick_xml::escape::unescape(&value) {
            Ok(Cow::Owned(s)) => Cow::Owned(s),
            _ => value,
        };
        visit(key, value);
    }
    Some(())
}

mod atom;
#[cfg(test)]
mod tests;
