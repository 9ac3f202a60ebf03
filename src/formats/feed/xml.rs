//! The XML events feed-rs reads a feed from, produced the way it produces them: quick-xml's
//! namespace-aware pull reader with feed-rs's settings, with text, CDATA and entity references
//! run together into one piece of text. Anything feed-rs would read differently from this
//! reading (another encoding, a DTD) or refuse (any syntax error) ends it with `None`.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use std::borrow::Cow;

/// The namespaces feed-rs tells apart; an element of any other is [`Ns::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    Rss,
    Atom,
    Content,
    DublinCore,
    Media,
    Itunes,
    Other,
}

impl Ns {
    /// As feed-rs names a namespace by its URI.
    fn of(uri: &[u8]) -> Ns {
        match uri {
            b"http://purl.org/rss/1.0/" => Ns::Rss,
            b"http://www.w3.org/2005/Atom" => Ns::Atom,
            b"http://purl.org/rss/1.0/modules/content/" => Ns::Content,
            b"http://purl.org/dc/elements/1.1/" => Ns::DublinCore,
            b"http://search.yahoo.com/mrss/" => Ns::Media,
            b"http://www.itunes.com/dtds/podcast-1.0.dtd" => Ns::Itunes,
            _ => Ns::Other,
        }
    }
}

/// One event as feed-rs sees it.
pub(super) enum Tok<'a> {
    /// A start tag (an empty element is a start and an end): its namespace (an element in
    /// none, or in an undeclared prefix's, counts as RSS's, as feed-rs reads an RSS feed),
    /// and the tag, for its name ([`local_name`]) and attributes.
    Start(Ns, BytesStart<'a>),
    End,
    /// Text, CDATA and references between two tags, in one piece.
    Text(Cow<'a, str>),
    Eof,
}

pub(super) struct Tokens<'a> {
    reader: NsReader<&'a [u8]>,
    /// A tag read while gathering text, given out after the text.
    pending: Option<Tok<'a>>,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(xml: &'a str) -> Self {
        let mut reader = NsReader::from_str(xml);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.trim_markup_names_in_closing_tags = true;
        config.trim_text(false);
        Tokens {
            reader,
            pending: None,
        }
    }

    /// The next event, or `None` where this reading stops being feed-rs's.
    pub(super) fn next(&mut self) -> Option<Tok<'a>> {
        if let Some(tok) = self.pending.take() {
            return Some(tok);
        }
        let mut text: Option<Cow<'a, str>> = None;
        loop {
            let (ns, event) = self.reader.read_resolved_event().ok()?;
            let tag = match event {
                Event::Start(e) => {
                    let ns = match ns {
                        ResolveResult::Bound(uri) => Ns::of(uri.as_ref()),
                        ResolveResult::Unbound | ResolveResult::Unknown(_) => Ns::Rss,
                    };
                    Tok::Start(ns, e)
                }
                Event::End(_) => Tok::End,
                Event::Text(t) => {
                    if !t.is_empty() {
                        push(&mut text, utf8(t.into_inner())?);
                    }
                    continue;
                }
                Event::CData(t) => {
                    if !t.is_empty() {
                        push(&mut text, utf8(t.into_inner())?);
                    }
                    continue;
                }
                Event::GeneralRef(r) => {
                    let piece = if let Some(ch) = r.resolve_char_ref().ok()? {
                        Cow::Owned(ch.to_string())
                    } else {
                        let name = std::str::from_utf8(&r).ok()?;
                        match quick_xml::escape::resolve_predefined_entity(name) {
                            Some(s) => Cow::Borrowed(s),
                            // Unknown entities stay as they were written.
                            None => Cow::Owned(format!("&{name};")),
                        }
                    };
                    push(&mut text, piece);
                    continue;
                }
                Event::Eof => Tok::Eof,
                Event::Decl(d) => {
                    // feed-rs decodes as declared; only UTF-8 reads the same here.
                    if let Some(enc) = d.encoding() {
                        let enc = enc.ok()?;
                        if !enc.eq_ignore_ascii_case(b"utf-8") && !enc.eq_ignore_ascii_case(b"utf8")
                        {
                            return None;
                        }
                    }
                    continue;
                }
                // A DTD is never used by feed-rs, but a feed that has one is unusual enough to
                // be left to it.
                Event::DocType(_) | Event::Empty(_) => return None,
                Event::Comment(_) | Event::PI(_) => continue,
            };
            return match text {
                Some(t) => {
                    self.pending = Some(tag);
                    Some(Tok::Text(t))
                }
                None => Some(tag),
            };
        }
    }

    /// Reads to the end of the element whose start was just read, nested ones and all.
    pub(super) fn skip(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Tok::Start(..) => depth += 1,
                Tok::End if depth == 0 => return Some(()),
                Tok::End => depth -= 1,
                Tok::Text(_) => {}
                Tok::Eof => return None,
            }
        }
    }

    /// The text of the element whose start was just read, through its end: `Some(None)` when
    /// it has none (feed-rs's `child_as_text` gives `None`), and `None` when the element holds
    /// another, which feed-rs reads in ways this reading does not follow.
    #[expect(
        clippy::option_option,
        reason = "`None` ends the reading, as everywhere here"
    )]
    pub(super) fn text(&mut self) -> Option<Option<Cow<'a, str>>> {
        match self.next()? {
            Tok::End => Some(None),
            Tok::Text(t) => match self.next()? {
                Tok::End => Some(Some(t)),
                _ => None,
            },
            Tok::Start(..) | Tok::Eof => None,
        }
    }
}

/// A tag's name as feed-rs takes it: after the last colon.
pub(super) fn local_name<'t>(tag: &'t BytesStart<'_>) -> Option<&'t str> {
    let name = std::str::from_utf8(tag.name().into_inner()).ok()?;
    name.rsplit(':').next()
}

fn utf8(bytes: Cow<'_, [u8]>) -> Option<Cow<'_, str>> {
    match bytes {
        Cow::Borrowed(b) => std::str::from_utf8(b).ok().map(Cow::Borrowed),
        Cow::Owned(b) => String::from_utf8(b).ok().map(Cow::Owned),
    }
}

fn push<'a>(text: &mut Option<Cow<'a, str>>, piece: Cow<'a, str>) {
    match text {
        None => *text = Some(piece),
        Some(t) => t.to_mut().push_str(&piece),
    }
}
