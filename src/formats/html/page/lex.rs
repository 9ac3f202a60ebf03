//! The tokens of a page, read as html5ever's tokenizer reads them, for the markup it reads
//! without parse errors or repairs; anything else is refused.
//!
//! Carriage returns are already gone (see `page::normalised`), so every input character is
//! one the data state takes as it is, except `<`, `&` and NUL.

use super::Refused;
use super::refs::decode;
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, QualName, local_name, ns};
use std::borrow::Cow;

/// One token of the page.
#[derive(Debug)]
pub(super) enum Token<'a> {
    /// A run of text, character references decoded.
    Text(Cow<'a, str>),
    Start(Tag),
    /// An end tag without attributes.
    End(LocalName),
    /// A comment's text.
    Comment(&'a str),
    /// `<!DOCTYPE html>`, the only doctype read here.
    Doctype,
    Eof,
}

/// A start tag: its name and attributes in lower case, duplicates dropped as the tokenizer
/// drops them (the first one stays).
#[derive(Debug)]
pub(super) struct Tag {
    pub(super) name: LocalName,
    pub(super) attrs: Vec<Attribute>,
}

/// How the content of a raw-text element is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Raw {
    /// `script`: text up to `</script>`, refused if it holds `<!--` (which starts the
    /// tokenizer's escaped states, where `</script>` may not end it).
    Script,
    /// `style`, `noscript`, `iframe`, …: text up to the end tag, as it is.
    Rawtext,
    /// `title` and `textarea`: as [`Raw::Rawtext`], character references decoded.
    Rcdata,
}

const fn is_space(b: u8) -> bool {
    // The tokenizer's white space: tab, line feed, form feed, space (and carriage return,
    // which is gone by now).
    matches!(b, b'\t' | b'\n' | b'\x0c' | b' ')
}

pub(super) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Attribute names not among [`common_name`]'s, as written, with their atoms: a page
    /// writes the same few on every item (`data-sort-time`), and making an atom of a name
    /// hashes it and looks it up in a locked table each time.
    names: Vec<(&'a str, LocalName)>,
}

/// Most attribute names remembered by a lexer.
const NAMES_KEPT: usize = 16;

impl<'a> Lexer<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        Lexer {
            src,
            pos: 0,
            names: Vec::new(),
        }
    }

    /// The atom of an attribute name as written (in any case).
    fn attribute_name(&mut self, written: &'a str) -> LocalName {
        if let Some(name) = common_name(written) {
            return name;
        }
        if let Some((_, name)) = self.names.iter().find(|(w, _)| *w == written) {
            return name.clone();
        }
        let name = LocalName::from(&*lower(written));
        if self.names.len() < NAMES_KEPT {
            self.names.push((written, name.clone()));
        }
        name
    }

    /// The page, and where in it the next token starts.
    pub(super) fn at(&self) -> (&'a str, usize) {
        (self.src, self.pos)
    }

    /// Goes on from `pos`, past tokens read by other means (`skim.rs`).
    pub(super) fn skip_to(&mut self, pos: usize) {
        self.pos = pos;
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// The next token.
    pub(super) fn next_token(&mut self) -> Result<Token<'a>, Refused> {
        let b = self.bytes();
        if self.pos >= b.len() {
            return Ok(Token::Eof);
        }
        let start = self.pos;
        let markup = self.next_markup(start);
        if markup > start {
            self.pos = markup;
            return text(&self.src[start..markup], false).map(Token::Text);
        }
        match b.get(start + 1) {
            Some(b'/') => self.end_tag(),
            Some(b'!') => self.declaration(),
            Some(c) if c.is_ascii_alphabetic() => self.start_tag().map(Token::Start),
            // `<?` starts a bogus comment; nothing else reaches here.
            _ => Err(Refused("processing instruction")),
        }
    }

    /// Where the next `<` that starts markup (not text) is, from `from`; the end if none.
    fn next_markup(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut at = from;
        while let Some(lt) = memchr::memchr(b'<', &b[at..]) {
            let lt = at + lt;
            match b.get(lt + 1) {
                Some(c) if c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?') => {
                    return lt;
                }
                // `<` before anything else (or the end) is text.
                _ => at = lt + 1,
            }
        }
        b.len()
    }

    /// `</name>`, after `</`.
    fn end_tag(&mut self) -> Result<Token<'a>, Refused> {
        let b = self.bytes();
        let at = self.pos + 2;
        if !b.get(at).is_some_and(u8::is_ascii_alphabetic) {
            // `</>` is dropped, `</ x>` is a bogus comment.
            return Err(Refused("odd end tag"));
        }
        let end = name_end(b, at);
        let name = tag_name(&self.src[at..end])?;
        let mut i = end;
        while b.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        if b.get(i) != Some(&b'>') {
            return Err(Refused("end tag with attributes"));
        }
        self.pos = i + 1;
        Ok(Token::End(name))
    }

    /// `<!--comment-->` or `<!DOCTYPE html>`, after `<!`.
    fn declaration(&mut self) -> Result<Token<'a>, Refused> {
        let rest = &self.src[self.pos + 2..];
        if let Some(body) = rest.strip_prefix("--") {
            let Some(end) = memchr::memmem::find(body.as_bytes(), b"-->") else {
                return Err(Refused("unclosed comment"));
            };
            let comment = &body[..end];
            // Abrupt ends (`<!-->`, `<!--->`), `--!>`, nested openings, NUL and a dash before
            // the end each have rules of their own.
            if comment.starts_with('>')
                || comment.starts_with("->")
                || comment.ends_with('-')
                || memchr::memmem::find(comment.as_bytes(), b"--!").is_some()
                || memchr::memmem::find(comment.as_bytes(), b"<!-").is_some()
                || memchr::memchr(0, comment.as_bytes()).is_some()
            {
                return Err(Refused("odd comment"));
            }
            self.pos += 2 + 2 + end + 3;
            return Ok(Token::Comment(comment));
        }
        let b = rest.as_bytes();
        if b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"doctype") {
            let mut i = 7;
            let spaced = b.get(i).copied().is_some_and(is_space);
            while b.get(i).copied().is_some_and(is_space) {
                i += 1;
            }
            if spaced && b.len() >= i + 4 && b[i..i + 4].eq_ignore_ascii_case(b"html") {
                i += 4;
                while b.get(i).copied().is_some_and(is_space) {
                    i += 1;
                }
                if b.get(i) == Some(&b'>') {
                    self.pos += 2 + i + 1;
                    return Ok(Token::Doctype);
                }
            }
            return Err(Refused("doctype other than <!DOCTYPE html>"));
        }
        Err(Refused("bogus comment or CDATA"))
    }

    /// A start tag, at `<` before a letter.
    fn start_tag(&mut self) -> Result<Tag, Refused> {
        let b = self.bytes();
        let at = self.pos + 1;
        let end = name_end(b, at);
        let name = tag_name(&self.src[at..end])?;
        let mut tag = Tag {
            name,
            attrs: Vec::new(),
        };
        let mut i = end;
        loop {
            while b.get(i).copied().is_some_and(is_space) {
                i += 1;
            }
            match b.get(i) {
                None => return Err(Refused("end of input in a tag")),
                Some(b'>') => {
                    self.pos = i + 1;
                    return Ok(tag);
                }
                Some(b'/') if b.get(i + 1) == Some(&b'>') => {
                    // Self-closing: acknowledged for void elements, ignored for the others.
                    self.pos = i + 2;
                    return Ok(tag);
                }
                Some(b'/' | b'=') => return Err(Refused("stray / or = in a tag")),
                Some(_) => i = self.attribute(&mut tag, i)?,
            }
        }
    }

    /// The attribute at `at`; where it ends.
    fn attribute(&mut self, tag: &mut Tag, at: usize) -> Result<usize, Refused> {
        let b = self.bytes();
        let mut i = at;
        while let Some(&c) = b.get(i) {
            match c {
                b'=' | b'>' | b'/' => break,
                _ if is_space(c) => break,
                // Parse errors, kept in the name by the tokenizer; too odd to read here.
                b'"' | b'\'' | b'<' | 0 => return Err(Refused("odd attribute name")),
                _ => i += 1,
            }
        }
        let written = &self.src[at..i];
        let name = self.attribute_name(written);
        while b.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        let mut value = Cow::Borrowed("");
        if b.get(i) == Some(&b'=') {
            i += 1;
            while b.get(i).copied().is_some_and(is_space) {
                i += 1;
            }
            let (raw, next) = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let Some(len) = memchr::memchr(q, &b[i + 1..]) else {
                        return Err(Refused("unclosed attribute value"));
                    };
                    (&self.src[i + 1..i + 1 + len], i + len + 2)
                }
                None | Some(b'>') => return Err(Refused("missing attribute value")),
                Some(_) => {
                    let len = b[i..]
                        .iter()
                        .position(|&c| is_space(c) || c == b'>')
                        .unwrap_or(b.len() - i);
                    let raw = &self.src[i..i + len];
                    if raw.contains(['"', '\'', '<', '=', '`']) {
                        return Err(Refused("odd unquoted attribute value"));
                    }
                    (raw, i + len)
                }
            };
            value = text(raw, true)?;
            i = next;
        }
        // The tokenizer keeps the first of attributes of the same name.
        if !tag.attrs.iter().any(|a| a.name.local == name) {
            tag.attrs.push(Attribute {
                name: QualName::new(None, ns!(), name),
                value: StrTendril::from_slice(&value),
            });
        }
        Ok(i)
    }

    /// The content of a raw-text element whose start tag was just read, and its end tag: the
    /// text up to `</name>` (in any case), which must follow directly with `>`.
    pub(super) fn raw_text(&mut self, name: &str, kind: Raw) -> Result<Cow<'a, str>, Refused> {
        let b = self.bytes();
        let start = self.pos;
        let mut at = start;
        let end = loop {
            let Some(found) = memchr::memmem::find(&b[at..], b"</") else {
                return Err(Refused("unclosed raw-text element"));
            };
            let lt = at + found;
            let name_at = lt + 2;
            let after = name_at + name.len();
            if b.len() >= after && b[name_at..after].eq_ignore_ascii_case(name.as_bytes()) {
                match b.get(after) {
                    Some(b'>') => break lt,
                    Some(&c) if is_space(c) || c == b'/' => {
                        return Err(Refused("raw-text end tag with attributes"));
                    }
                    _ => {}
                }
            }
            at = lt + 2;
        };
        let content = &self.src[start..end];
        if kind == Raw::Script && memchr::memmem::find(content.as_bytes(), b"<!--").is_some() {
            return Err(Refused("<!-- in a script"));
        }
        self.pos = end + 2 + name.len() + 1;
        if kind == Raw::Rcdata {
            return text(content, false);
        }
        if memchr::memchr(0, content.as_bytes()).is_some() {
            return Err(Refused("NUL"));
        }
        Ok(Cow::Borrowed(content))
    }
}

/// Where a tag name starting at `at` ends: at white space, `/`, `>` or the end.
fn name_end(b: &[u8], at: usize) -> usize {
    b[at..]
        .iter()
        .position(|&c| is_space(c) || c == b'/' || c == b'>')
        .map_or(b.len(), |n| at + n)
}

/// A tag name as the tokenizer makes it: ASCII letters in lower case. Only names of letters,
/// digits and `-`, `_`, `:`, `.` are read here.
fn tag_name(written: &str) -> Result<LocalName, Refused> {
    // A common name is made of such characters: not looked at again.
    if let Some(name) = common_name(written) {
        return Ok(name);
    }
    let ok = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.');
    if !written.bytes().all(ok) {
        return Err(Refused("odd tag name"));
    }
    Ok(LocalName::from(&*lower(written)))
}

/// The names most tags and attributes have, written in lower case, without the hashing that
/// interning a name costs: a tenth of reading a page went to interning names.
fn common_name(written: &str) -> Option<LocalName> {
    Some(match written {
        "a" => local_name!("a"),
        "p" => local_name!("p"),
        "b" => local_name!("b"),
        "i" => local_name!("i"),
        "li" => local_name!("li"),
        "ul" => local_name!("ul"),
        "br" => local_name!("br"),
        "em" => local_name!("em"),
        "id" => local_name!("id"),
        "h2" => local_name!("h2"),
        "h3" => local_name!("h3"),
        "div" => local_name!("div"),
        "img" => local_name!("img"),
        "src" => local_name!("src"),
        "alt" => local_name!("alt"),
        "rel" => local_name!("rel"),
        "span" => local_name!("span"),
        "time" => local_name!("time"),
        "href" => local_name!("href"),
        "meta" => local_name!("meta"),
        "link" => local_name!("link"),
        "name" => local_name!("name"),
        "type" => local_name!("type"),
        "main" => local_name!("main"),
        "aside" => local_name!("aside"),
        "class" => local_name!("class"),
        "style" => local_name!("style"),
        "title" => local_name!("title"),
        "strong" => local_name!("strong"),
        "script" => local_name!("script"),
        "figure" => local_name!("figure"),
        "header" => local_name!("header"),
        "footer" => local_name!("footer"),
        "section" => local_name!("section"),
        "article" => local_name!("article"),
        "content" => local_name!("content"),
        "datetime" => local_name!("datetime"),
        _ => return None,
    })
}

/// `s` with ASCII capitals in lower case, copied only when it has some.
fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Text (`in_attr`: an attribute value) with its character references decoded; refused with
/// NUL, which the tokenizer replaces.
pub(super) fn text(raw: &str, in_attr: bool) -> Result<Cow<'_, str>, Refused> {
    match memchr::memchr2(b'&', 0, raw.as_bytes()) {
        None => Ok(Cow::Borrowed(raw)),
        Some(_) if memchr::memchr(0, raw.as_bytes()).is_some() => Err(Refused("NUL")),
        Some(_) => {
            let mut out = String::new();
            decode(raw, in_attr, &mut out);
            Ok(Cow::Owned(out))
        }
    }
}
