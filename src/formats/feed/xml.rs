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
    /// none, or in an undeclared prefix's, counts as the feed's own: RSS's or Atom's),
    /// and the tag, for its name ([`local_name`]) and attributes.
    Start(Ns, BytesStart<'a>),
    End,
    /// Text, CDATA and references between two tags, in one piece.
    Text(Cow<'a, str>),
    Eof,
}

pub(super) struct Tokens<'a> {
    xml: &'a str,
    reader: NsReader<&'a [u8]>,
    /// A tag read while gathering text, given out after the text.
    pending: Option<Tok<'a>>,
    /// The text of the child [`Tokens::child`] read straight from the document, whose end tag
    /// is passed already: given out as its text and its end.
    #[expect(
        clippy::option_option,
        reason = "the element's text as `Tokens::text` gives it, kept until it is asked for"
    )]
    read_ahead: Option<Option<Cow<'a, str>>>,
    /// Start tags seen by quick-xml so far.
    starts: usize,
    /// Whether an element below the root declares a namespace: quick-xml takes an ended
    /// element's declarations out of scope only at its next event, so a child read without it
    /// could be resolved in a sibling's scope.
    declares: bool,
    /// The namespace of elements in none ([`Ns::Rss`] unless the feed is Atom).
    unbound: Ns,
    /// Where the last empty element [`Tokens::text_child`] passed ends: a `/>` there is not
    /// one whose end quick-xml still has to give.
    passed_empty: usize,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(xml: &'a str) -> Self {
        let mut reader = NsReader::from_str(xml);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.trim_markup_names_in_closing_tags = true;
        config.trim_text(false);
        Tokens {
            xml,
            reader,
            pending: None,
            read_ahead: None,
            starts: 0,
            declares: false,
            unbound: Ns::Rss,
            passed_empty: usize::MAX,
        }
    }

    /// Reads elements in no namespace, or in an undeclared prefix's, as `ns`'s from here on:
    /// feed-rs reads them as the namespace of the kind of feed its root says it is.
    pub(super) fn read_unbound_as(&mut self, ns: Ns) {
        self.unbound = ns;
    }

    /// The next event, or `None` where this reading stops being feed-rs's.
    pub(super) fn next(&mut self) -> Option<Tok<'a>> {
        if let Some(tok) = self.pending.take() {
            return Some(tok);
        }
        if let Some(text) = self.read_ahead.take() {
            return Some(match text {
                Some(t) => {
                    self.pending = Some(Tok::End);
                    Tok::Text(t)
                }
                None => Tok::End,
            });
        }
        let mut text: Option<Cow<'a, str>> = None;
        loop {
            let (ns, event) = self.reader.read_resolved_event().ok()?;
            let tag = match event {
                Event::Start(e) => {
                    let ns = match ns {
                        ResolveResult::Bound(uri) => Ns::of(uri.as_ref()),
                        ResolveResult::Unbound | ResolveResult::Unknown(_) => self.unbound,
                    };
                    self.starts += 1;
                    if self.starts > 1 && declares_namespace(&e) {
                        self.declares = true;
                    }
                    Tok::Start(ns, e)
                }
                Event::End(_) => Tok::End,
                Event::Text(t) => {
                    if !t.is_empty() {
                        push(&mut text, self.utf8(t.into_inner())?);
                    }
                    continue;
                }
                Event::CData(t) => {
                    if !t.is_empty() {
                        push(&mut text, self.utf8(t.into_inner())?);
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

    /// Bytes of an event as text: a piece of the document (always, from a reader of a
    /// string) is found in it by its place, without checking its UTF-8 again.
    fn utf8(&self, bytes: Cow<'a, [u8]>) -> Option<Cow<'a, str>> {
        match bytes {
            Cow::Borrowed(b) => {
                let at = b.as_ptr().addr().checked_sub(self.xml.as_ptr().addr());
                let piece = at.and_then(|at| self.xml.get(at..at + b.len()));
                piece
                    .or_else(|| std::str::from_utf8(b).ok())
                    .map(Cow::Borrowed)
            }
            Cow::Owned(b) => String::from_utf8(b).ok().map(Cow::Owned),
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
    pub(super) fn text(&mut self, tag: &BytesStart<'_>) -> Option<Option<Cow<'a, str>>> {
        if let Some(text) = self.read_ahead.take() {
            return Some(text);
        }
        if self.pending.is_none()
            && let Some((text, end_tag)) = self.scan_text(tag.name().into_inner())
        {
            // quick-xml goes on from the end tag, which it checks against the start.
            *self.reader.get_mut() = &self.xml.as_bytes()[end_tag..];
            return match self.next()? {
                Tok::End => Some(text),
                _ => None,
            };
        }
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

impl<'a> Tokens<'a> {
    /// The next child element of the element being read: `Some(None)` at its end tag, text
    /// between children passed over; `None` (leave the feed to feed-rs) if the document ends.
    #[expect(
        clippy::option_option,
        reason = "the outer `None` gives up through `?`, as every step of this reading does"
    )]
    pub(super) fn child(&mut self) -> Option<Option<(Ns, BytesStart<'a>)>> {
        if let Some(found) = self.text_child() {
            return Some(Some(found));
        }
        loop {
            match self.next()? {
                Tok::Text(_) => {}
                Tok::Start(ns, tag) => return Some(Some((ns, tag))),
                Tok::End => return Some(None),
                Tok::Eof => return None,
            }
        }
    }
}

impl<'a> Tokens<'a> {
    /// The text of the element whose start was just read, taken straight from the document
    /// when it holds only text, references and CDATA sections up to its end tag, written
    /// `</name>`: quick-xml gives each reference as an event of its own, and escaped HTML has
    /// one every few characters. Gives the text as [`Tokens::next`] would and where the end
    /// tag starts; `None` for anything else (a comment, a child, a reference quick-xml would
    /// refuse), which is then read event by event.
    fn scan_text(&self, qname: &[u8]) -> Option<(Option<Cow<'a, str>>, usize)> {
        let b = self.xml.as_bytes();
        let i = b.len() - self.reader.get_ref().len();
        // An empty element's end is still to come from quick-xml, not from the document.
        if b[..i].ends_with(b"/>") {
            return None;
        }
        scan_text_at(self.xml, i, qname)
    }

    /// The next child, when it comes after nothing but white space and is written
    /// `<name attributes>text</name>` or `<name attributes/>` without a namespace
    /// declaration (most fields of a feed): read straight from the document, its text kept for
    /// [`Tokens::text`] and its end tag passed. quick-xml never sees the element, which leaves
    /// its state as it was: a start tag without declarations adds nothing to the namespaces in
    /// scope, and the end tag is the one quick-xml would have matched. `None` where quick-xml
    /// reads it.
    fn text_child(&mut self) -> Option<(Ns, BytesStart<'a>)> {
        if self.pending.is_some() || self.read_ahead.is_some() || self.declares {
            return None;
        }
        let xml = self.xml;
        let b = xml.as_bytes();
        let at = b.len() - self.reader.get_ref().len();
        if b[..at].ends_with(b"/>") && at != self.passed_empty {
            return None;
        }
        let lt = at
            + b[at..]
                .iter()
                .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))?;
        if b[lt] != b'<' {
            return None;
        }
        let name_len = b[lt + 1..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':')))?;
        let name_end = lt + 1 + name_len;
        let bare_empty = b[name_end..].starts_with(b"/>");
        if name_len == 0
            || !(bare_empty || matches!(b[name_end], b'>' | b' ' | b'\t' | b'\n' | b'\r'))
        {
            return None;
        }
        let gt = tag_end(b, name_end)?;
        // As quick-xml tells an empty element: by the `/` before the tag's end, which is not
        // part of the tag it gives.
        let empty = b[gt - 1] == b'/';
        let content = &xml[lt + 1..gt - usize::from(empty)];
        // Most fields have no attributes, and then nothing to look for in them.
        let attributes = &content.as_bytes()[name_len..];
        if !attributes.is_empty()
            && (memchr::memchr(b'<', attributes).is_some() || declares_namespace(attributes))
        {
            return None;
        }
        let (text, after) = if empty {
            self.passed_empty = gt + 1;
            (None, gt + 1)
        } else {
            let qname = &b[lt + 1..name_end];
            let (text, end_tag) = scan_text_at(xml, gt + 1, qname)?;
            (text, end_tag + 3 + name_len)
        };
        let tag = BytesStart::from_content(content, name_len);
        let ns = match self.reader.resolver().resolve_element(tag.name()).0 {
            ResolveResult::Bound(uri) => Ns::of(uri.as_ref()),
            ResolveResult::Unbound | ResolveResult::Unknown(_) => self.unbound,
        };
        *self.reader.get_mut() = &b[after..];
        self.read_ahead = Some(text);
        Some((ns, tag))
    }
}

/// Whether a tag's text holds `xmlns`: searched for directly, as a tag is a few dozen bytes,
/// too short to be worth building a substring searcher for each one.
fn declares_namespace(tag: &[u8]) -> bool {
    tag.windows(5).any(|w| w == b"xmlns")
}

/// Where a start tag whose name ends at `i` ends (its `>`), as quick-xml finds it: the first
/// `>` outside quotes.
fn tag_end(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i += memchr::memchr3(b'>', b'"', b'\'', &b[i..])?;
        if b[i] == b'>' {
            return Some(i);
        }
        i += 2 + memchr::memchr(b[i], &b[i + 1..])?;
    }
}

/// [`Tokens::scan_text`] from byte `i` of the document.
fn scan_text_at<'a>(
    xml: &'a str,
    mut i: usize,
    qname: &[u8],
) -> Option<(Option<Cow<'a, str>>, usize)> {
    let b = xml.as_bytes();
    // Up to the first markup, usually the end tag: the text is no longer than that.
    let mut out = Gather::new(memchr::memchr(b'<', &b[i..])?);
    loop {
        let next = i + memchr::memchr2(b'<', b'&', &b[i..])?;
        if next > i {
            out.push(&xml[i..next]);
        }
        i = next;
        if b[i] == b'&' {
            // The predefined entities of escaped HTML come every few characters.
            if let Some((name_len, ch)) = predefined(&b[i + 1..]) {
                out.push(ch);
                i += name_len + 2;
                continue;
            }
            // As quick-xml reads a reference: to the first `;`, `&` or `<`.
            let len = memchr::memchr3(b';', b'&', b'<', &b[i + 1..])?;
            if b[i + 1 + len] != b';' {
                return None;
            }
            match reference(&xml[i + 1..i + 1 + len])? {
                Cow::Borrowed(s) => out.push(s),
                Cow::Owned(s) => out.push_owned(&s),
            }
            i += len + 2;
        } else if b[i..].starts_with(b"<![CDATA[") {
            let start = i + 9;
            let len = memchr::memmem::find(&b[start..], b"]]>")?;
            if len > 0 {
                out.push(&xml[start..start + len]);
            }
            i = start + len + 3;
        } else if b[i + 1..].starts_with(b"/")
            && b[i + 2..].starts_with(qname)
            && b.get(i + 2 + qname.len()) == Some(&b'>')
        {
            return Some((out.finish(), i));
        } else {
            return None;
        }
    }
}

/// The predefined entity a reference's text starts with, written out to its `;`: the length of
/// its name and its character, as [`reference`] gives them.
fn predefined(after_amp: &[u8]) -> Option<(usize, &'static str)> {
    match after_amp {
        [b'l', b't', b';', ..] => Some((2, "<")),
        [b'g', b't', b';', ..] => Some((2, ">")),
        [b'a', b'm', b'p', b';', ..] => Some((3, "&")),
        [b'q', b'u', b'o', b't', b';', ..] => Some((4, "\"")),
        [b'a', b'p', b'o', b's', b';', ..] => Some((4, "'")),
        _ => None,
    }
}

/// Pieces of text run together: borrowed while there is one, else copied into one string
/// made big enough at the start.
struct Gather<'a> {
    first: Option<&'a str>,
    joined: Option<String>,
    room: usize,
}

impl<'a> Gather<'a> {
    fn new(room: usize) -> Self {
        Gather {
            first: None,
            joined: None,
            room,
        }
    }

    fn push(&mut self, piece: &'a str) {
        if self.first.is_none() && self.joined.is_none() {
            self.first = Some(piece);
        } else {
            self.push_owned(piece);
        }
    }

    fn push_owned(&mut self, piece: &str) {
        let joined = self.joined.get_or_insert_with(|| {
            let mut s = String::with_capacity(self.room.max(piece.len() * 2));
            s.push_str(self.first.take().unwrap_or_default());
            s
        });
        joined.push_str(piece);
    }

    fn finish(self) -> Option<Cow<'a, str>> {
        self.joined
            .map(Cow::Owned)
            .or(self.first.map(Cow::Borrowed))
    }
}

/// A reference's text as feed-rs makes it from quick-xml's: a character reference's character
/// (`None` where quick-xml refuses the number), a predefined entity's character, and any other
/// entity as it was written.
fn reference(name: &str) -> Option<Cow<'static, str>> {
    if let Some(num) = name.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix('x') {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.starts_with(['+', '-']) {
            return None;
        }
        let code = u32::from_str_radix(digits, radix).ok()?;
        let ch = char::from_u32(code).filter(|_| code != 0)?;
        return Some(Cow::Owned(ch.to_string()));
    }
    Some(match quick_xml::escape::resolve_predefined_entity(name) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(format!("&{name};")),
    })
}

/// A tag's name as feed-rs takes it: after the last colon.
pub(super) fn local_name<'t>(tag: &'t BytesStart<'_>) -> &'t [u8] {
    let name = tag.name().into_inner();
    name.rsplit(|b| *b == b':').next().unwrap_or(name)
}

fn push<'a>(text: &mut Option<Cow<'a, str>>, piece: Cow<'a, str>) {
    match text {
        None => *text = Some(piece),
        Some(Cow::Borrowed(first)) => {
            // Room for a good run of pieces: escaped HTML comes in many.
            let mut s = String::with_capacity((first.len() + piece.len()) * 4);
            s.push_str(first);
            s.push_str(&piece);
            *text = Some(Cow::Owned(s));
        }
        Some(Cow::Owned(t)) => t.push_str(&piece),
    }
}

#[cfg(test)]
mod tests {
    use super::{predefined, reference};

    #[test]
    fn the_predefined_entities_read_at_once_are_read_as_any_reference() {
        for name in ["lt", "gt", "amp", "quot", "apos"] {
            let written = format!("{name};rest");
            let (len, ch) = predefined(written.as_bytes()).unwrap();
            assert_eq!((len, ch), (name.len(), &*reference(name).unwrap()));
        }
        for other in ["lt", "l;", "ltx;", "amp", "Amp;", "#60;", "nbsp;", ""] {
            assert_eq!(predefined(other.as_bytes()), None, "{other}");
        }
    }
}
