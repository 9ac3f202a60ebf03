//! Input formats: one module each, bytes in, a sanitised [`LiveBlog`] or a typed error out.
//! The format is sniffed from the content, never from a file name.

pub mod capi;
pub mod cms_tokens;
pub mod feed;
mod finished;
pub(crate) mod flagged;
pub mod guardian;
pub mod guardian_poll;
pub mod html;
pub mod json;
pub mod links;
pub mod native;
pub mod schema_org;
pub mod text;
pub mod wordpress;

use crate::blog::LiveBlog;
pub(crate) use finished::Entries;
use finished::Finished;
use std::borrow::Cow;

/// Largest input any parser accepts, whether it came from disk or the network.
pub const MAX_INPUT: usize = 16 * 1024 * 1024;

/// Share of a document, in percent, that may be NUL bytes or invalid UTF-8 before it counts as
/// binary rather than text. Text in an undeclared legacy charset has a few percent (one byte per
/// accented letter); compressed data, images and UTF-16 have around half.
pub const MAX_NOT_TEXT_PERCENT: usize = 10;

/// What liveblog reads, for errors about a document that is none of it.
pub const FORMATS_HINT: &str = "liveblog reads Guardian page JSON, Guardian Content API JSON, \
     an HTML page with a schema.org LiveBlogPosting, an AMP live list or a run of timed blocks \
     (or linking its live data), WordPress Liveblog JSON, RSS/Atom, liveblog JSON and its \
     plain-text form (see the README)";

/// Which parser a document went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The Guardian's page JSON (`<page>.json?dcr`).
    GuardianPage,
    /// A Guardian Content API item response.
    Capi,
    /// A schema.org `LiveBlogPosting`: an HTML page that carries one (JSON-LD or microdata),
    /// or a bare JSON-LD document; failing that, a page's AMP live list. Shown to users as
    /// "HTML page", the usual case.
    SchemaOrg,
    /// RSS 2.0 or Atom.
    Feed,
    /// liveblog's own JSON (`dump --format json`).
    Native,
    /// The plain-text form: title, standfirst, key events, entries.
    Text,
    /// An answer of the WordPress Liveblog plugin's REST API (`/wp-json/liveblog/v1/…`).
    WordPress,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::GuardianPage => "Guardian page JSON",
            Format::Capi => "Guardian Content API JSON",
            Format::SchemaOrg => "HTML page",
            Format::Feed => "RSS/Atom feed",
            Format::Native => "liveblog JSON",
            Format::Text => "plain text",
            Format::WordPress => "WordPress Liveblog JSON",
        }
    }

    /// Every format, for [`Format::key`]'s reading back.
    pub(crate) const ALL: [Format; 7] = [
        Format::GuardianPage,
        Format::Capi,
        Format::SchemaOrg,
        Format::Feed,
        Format::Native,
        Format::Text,
        Format::WordPress,
    ];

    /// A name that stays the same from build to build, for what is kept on disk.
    pub fn key(self) -> &'static str {
        match self {
            Format::GuardianPage => "guardian_page",
            Format::Capi => "capi",
            Format::SchemaOrg => "schema_org",
            Format::Feed => "feed",
            Format::Native => "native",
            Format::Text => "text",
            Format::WordPress => "wordpress",
        }
    }

    /// The format of a [`Format::key`]; `None` for any other word (a later build's format).
    pub fn from_key(key: &str) -> Option<Format> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// Why a document could not be read as a live blog. Each message is one line.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FormatError {
    #[error("empty document")]
    Empty,
    #[error("document is {0} bytes, over the {MAX_INPUT}-byte limit")]
    TooLarge(usize),
    #[error(
        "not text: {bad} of {len} bytes are NUL or invalid UTF-8, the first at offset {offset} \
         (\"{sample}\"); is it a live blog?"
    )]
    NotText {
        /// NUL bytes plus bytes in invalid UTF-8 sequences.
        bad: usize,
        len: usize,
        /// Where the first of them is.
        offset: usize,
        /// The bytes from there, escaped (`\xff\xfe`).
        sample: String,
    },
    #[error("not a live blog: {0}")]
    NotALiveBlog(String),
    #[error("malformed {format}: {detail}")]
    Malformed {
        format: &'static str,
        detail: String,
    },
    #[error("the server said: \"{0}\"")]
    ApiError(String),
}

impl FormatError {
    pub fn malformed(format: Format, detail: impl std::fmt::Display) -> Self {
        FormatError::Malformed {
            format: format.name(),
            detail: crate::sanitize::visible(&detail.to_string(), 300),
        }
    }
}

/// Reads a document in any known format. The result is sanitised and its key events linked.
pub fn parse(bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    parse_with_format(bytes).map(|(blog, _)| blog)
}

/// As [`parse`], also saying which format it was.
pub fn parse_with_format(bytes: &[u8]) -> Result<(LiveBlog, Format), FormatError> {
    parse_with_format_at(bytes, None)
}

/// As [`parse_with_format`], for a document fetched from `at`: a page's links are relative to
/// where it came from, and which of them lead to its own older pages is judged against it too
/// (an AMP page's address is often named nowhere in it).
pub fn parse_with_format_at(
    bytes: &[u8],
    at: Option<&url::Url>,
) -> Result<(LiveBlog, Format), FormatError> {
    if bytes.len() > MAX_INPUT {
        return Err(FormatError::TooLarge(bytes.len()));
    }
    // Skipped once here, so that no parser has to know about it: serde_json, for one, calls a
    // byte-order mark a syntax error.
    let bytes = without_bom(bytes);
    let format = sniff(bytes)?;
    parse_sniffed(bytes, format, at).map(|blog| (blog, format))
}

/// Reads `bytes` as `format`, without sniffing: for an answer whose format its address says,
/// such as the WordPress Liveblog plugin's key events, a bare list that is empty when there are
/// none (`[]`, which alone says nothing of its format).
pub fn parse_as(bytes: &[u8], format: Format) -> Result<LiveBlog, FormatError> {
    if bytes.len() > MAX_INPUT {
        return Err(FormatError::TooLarge(bytes.len()));
    }
    parse_sniffed(without_bom(bytes), format, None)
}

/// Reads `bytes` (without a byte-order mark, at most [`MAX_INPUT`]) as `format`.
fn parse_sniffed(
    bytes: &[u8],
    format: Format,
    at: Option<&url::Url>,
) -> Result<LiveBlog, FormatError> {
    // Decoded once here, so every parser gets UTF-8. A feed that declares another encoding is
    // the exception: feed-rs decodes it as declared.
    let text = if format == Format::Feed && declares_legacy_encoding(bytes) {
        None
    } else {
        Some(as_text(bytes)?)
    };
    let bytes = text.as_deref().map_or(bytes, str::as_bytes);
    let mut blog = match format {
        Format::GuardianPage => guardian::parse(bytes)?,
        Format::Capi => capi::parse(bytes)?,
        Format::SchemaOrg => match text.as_deref() {
            Some(text) => schema_org::parse_text(text, at)?,
            None => schema_org::parse(bytes)?,
        },
        Format::Feed => {
            let mut blog = if let Some(text) = text.as_deref() {
                // Each entry finished as it is read, while it is in the cache.
                let (mut blog, entries) = feed::read_text::<Finished>(text)?;
                finish_head(&mut blog, entries);
                blog
            } else {
                let mut blog = feed::parse(bytes)?;
                finish(&mut blog);
                blog
            };
            // A feed lists no key events apart from its items: the flagged ones are its list.
            blog.key_events = flagged::key_events(&blog.entries);
            return Ok(blog);
        }
        Format::Native => native::parse(bytes)?,
        Format::Text => text::parse(text.as_deref().unwrap_or_default())?,
        Format::WordPress => wordpress::parse(bytes)?,
    };
    finish(&mut blog);
    Ok(blog)
}

/// What [`parse_with_format`] gives for a document already sniffed as plain text and checked
/// to be UTF-8 without NUL (a BOM already gone), without sniffing and checking it again.
pub fn parse_clean_text(text: &str) -> Result<LiveBlog, FormatError> {
    if text.len() > MAX_INPUT {
        return Err(FormatError::TooLarge(text.len()));
    }
    let mut blog = text::parse_without_nul(text)?;
    finish(&mut blog);
    Ok(blog)
}

/// What every format's reading ends with.
fn finish(blog: &mut LiveBlog) {
    let entries = Finished::of(std::mem::take(&mut blog.entries));
    finish_head(blog, entries);
}

/// [`finish`] for a blog read without its entries, which were finished as they were read.
fn finish_head(blog: &mut LiveBlog, entries: Finished) {
    blog.sanitize_head();
    cms_tokens::drop_in_standfirst(blog);
    debug_assert!(blog.entries.is_empty(), "the entries come finished");
    blog.entries = entries.into_entries();
    // Whatever the format, a pinned post is first, where the publisher shows it.
    crate::blog::merge::pinned_first(&mut blog.entries);
    blog.dedupe_ids();
    blog.link_key_events();
}

/// What [`read_text`] made of a document.
pub enum Streamed {
    /// What [`parse`] gives for the same bytes.
    Read(Result<LiveBlog, FormatError>),
    /// Not a document this reading takes (not plain text, a NUL byte, invalid UTF-8, over
    /// [`MAX_INPUT`]): read it whole and [`parse`] it, which says what is wrong with it.
    NotPlainText,
}

/// Reads a plain-text blog a line at a time, for a large file: the entries are made as the
/// lines come, so the file is never held whole beside them (a 4 MB blog peaked at twice its
/// size). Gives what [`parse`] gives for the same bytes, or leaves the document to it.
pub fn read_text(reader: impl std::io::BufRead) -> std::io::Result<Streamed> {
    let mut lines = StreamedLines {
        reader,
        read: 0,
        sniffed: false,
        stop: None,
    };
    let parsed = text::parse_lines(&mut lines);
    // The parse may stop before the end (a text that is not of the form): the rest still
    // decides whether it is text at all, as the whole document's decoding does for `parse`.
    while lines.next().is_some() {}
    match lines.stop {
        Some(Stop::Io(e)) => Err(e),
        Some(Stop::NotPlain) => Ok(Streamed::NotPlainText),
        None => Ok(Streamed::Read(parsed.map(|mut blog| {
            finish(&mut blog);
            blog
        }))),
    }
}

enum Stop {
    Io(std::io::Error),
    NotPlain,
}

/// A document's lines as UTF-8, ending early (with `stop` set) at anything [`read_text`] leaves
/// to [`parse`].
struct StreamedLines<R> {
    reader: R,
    read: usize,
    /// Whether the document's first byte that is not white space has been seen, and so its
    /// format told as [`sniff`] tells it.
    sniffed: bool,
    stop: Option<Stop>,
}

impl<R: std::io::BufRead> Iterator for StreamedLines<R> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if self.stop.is_some() {
            return None;
        }
        let mut line = Vec::new();
        match self.reader.read_until(b'\n', &mut line) {
            Ok(0) => return None,
            Ok(n) => self.read += n,
            Err(e) => {
                self.stop = Some(Stop::Io(e));
                return None;
            }
        }
        if self.read == line.len() && line.starts_with(b"\xEF\xBB\xBF") {
            line.drain(..3);
        }
        if self.read > MAX_INPUT || memchr::memchr(0, &line).is_some() {
            self.stop = Some(Stop::NotPlain);
            return None;
        }
        if !self.sniffed
            && let Some(&first) = line.iter().find(|b| !b.is_ascii_whitespace())
        {
            self.sniffed = true;
            if matches!(first, b'{' | b'[' | b'<') {
                self.stop = Some(Stop::NotPlain);
                return None;
            }
        }
        let text = String::from_utf8(line);
        text.map_err(|_| self.stop = Some(Stop::NotPlain)).ok()
    }
}

/// The document as UTF-8 text without a byte-order mark.
///
/// Invalid UTF-8 becomes U+FFFD, with a warning in the log: a page with one bad byte is still
/// worth reading, and browsers show it too. Only a document that is mostly not text (over
/// [`MAX_NOT_TEXT_PERCENT`] NUL bytes or invalid UTF-8: binary, compressed, UTF-16) is refused.
pub fn as_text(bytes: &[u8]) -> Result<Cow<'_, str>, FormatError> {
    let bytes = without_bom(bytes);
    let nul = |b: &u8| *b == 0;
    // Checked with vector instructions: a tenth of the time of `std::str::from_utf8`, which
    // had been 2% of reading a large page. The same answer; an error is read again below.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return checked_text(text).map(Cow::Borrowed);
    }
    let (mut bad, mut invalid, mut at, mut first) = (0, 0, 0, None);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid().as_bytes();
        if first.is_none() {
            first = valid.iter().position(nul).map(|i| at + i);
        }
        bad += valid.iter().filter(|b| nul(b)).count();
        at += valid.len();
        if first.is_none() && !chunk.invalid().is_empty() {
            first = Some(at);
        }
        invalid += chunk.invalid().len();
        at += chunk.invalid().len();
    }
    bad += invalid;
    let first = first.unwrap_or(0);
    refuse_binary(bytes, bad, || first)?;
    tracing::warn!(
        invalid,
        len = bytes.len(),
        first,
        "document is not valid UTF-8; invalid bytes replaced with U+FFFD"
    );
    Ok(String::from_utf8_lossy(bytes))
}

/// The [`FormatError::NotText`] for `bytes` when `bad` of them are too many for text.
/// A document that is UTF-8, refused as [`as_text`] refuses one with too many NUL bytes.
fn checked_text(text: &str) -> Result<&str, FormatError> {
    let bytes = text.as_bytes();
    let nul = |b: &u8| *b == 0;
    // Almost every document has none: one fast scan says so before any counting.
    let nuls = if memchr::memchr(0, bytes).is_some() {
        bytes.iter().filter(|b| nul(b)).count()
    } else {
        0
    };
    refuse_binary(bytes, nuls, || bytes.iter().position(nul).unwrap_or(0))?;
    Ok(text)
}

fn refuse_binary(
    bytes: &[u8],
    bad: usize,
    first: impl FnOnce() -> usize,
) -> Result<(), FormatError> {
    if bad * 100 <= bytes.len() * MAX_NOT_TEXT_PERCENT {
        return Ok(());
    }
    let offset = first();
    let sample = &bytes[offset..bytes.len().min(offset + 8)];
    Err(FormatError::NotText {
        bad,
        len: bytes.len(),
        offset,
        sample: sample.escape_ascii().to_string(),
    })
}

/// Whether an XML document declares an encoding other than UTF-8 (`<?xml … encoding="…"?>`).
fn declares_legacy_encoding(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(256)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let Some(decl) = head[start..].strip_prefix(b"<?xml") else {
        return false;
    };
    let decl = String::from_utf8_lossy(decl);
    let decl = decl.split("?>").next().unwrap_or_default();
    let Some((_, rest)) = decl.split_once("encoding") else {
        return false;
    };
    let value = rest
        .trim_start()
        .trim_start_matches('=')
        .trim_start()
        .trim_start_matches(['"', '\''])
        .split(['"', '\''])
        .next()
        .unwrap_or_default();
    !value.is_empty() && !value.eq_ignore_ascii_case("utf-8") && !value.eq_ignore_ascii_case("utf8")
}

/// `bytes` without a leading UTF-8 byte-order mark, which some editors and servers add.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Decides the format from the first bytes and, for JSON, the top-level keys.
pub fn sniff(bytes: &[u8]) -> Result<Format, FormatError> {
    let bytes = without_bom(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Err(FormatError::Empty);
    };
    let head = &bytes[start..bytes.len().min(start + 4096)];
    match head[0] {
        b'{' | b'[' => Ok(sniff_json(bytes)),
        b'<' => {
            let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
            let xmlish =
                lower.starts_with("<?xml") || lower.contains("<rss") || lower.contains("<feed");
            if xmlish && !lower.contains("<html") {
                Ok(Format::Feed)
            } else {
                Ok(Format::SchemaOrg)
            }
        }
        _ => Ok(Format::Text),
    }
}

/// JSON formats differ by their top-level keys; the cheap textual probe avoids a full parse.
fn sniff_json(bytes: &[u8]) -> Format {
    let probe = &bytes[..bytes.len().min(1 << 20)];
    let has = |needle: &str| memfind(probe, needle.as_bytes());
    if has("\"response\"") && (has("\"content\"") || has("\"status\"")) && !has("\"keyEvents\"") {
        Format::Capi
    } else if has("\"liveblog_format\"") {
        Format::Native
    } else if wordpress::looks_like(probe) {
        Format::WordPress
    } else if has("\"blocks\"") || has("\"keyEvents\"") || has("\"mostRecentBlockId\"") {
        Format::GuardianPage
    } else {
        // A bare JSON-LD document (`.ld.json`).
        Format::SchemaOrg
    }
}

fn memfind(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `read_text` on `bytes` through a buffer of `capacity` (small ones split lines across
    /// reads): `None` when it leaves the document to `parse`.
    fn streamed(bytes: &[u8], capacity: usize) -> Option<Result<LiveBlog, FormatError>> {
        match read_text(std::io::BufReader::with_capacity(capacity, bytes)).unwrap() {
            Streamed::Read(r) => Some(r),
            Streamed::NotPlainText => None,
        }
    }

    #[test]
    fn reading_text_a_line_at_a_time_gives_what_parsing_it_whole_gives() {
        let seed = crate::source::BUNDLED;
        let body_start = seed.find("\n\n").unwrap();
        let cases: Vec<String> = vec![
            seed.to_string(),
            seed.replace('\n', "\r\n"),
            format!("\u{feff}{seed}"),
            format!("\n\n  \n{seed}"),
            seed.trim_end().to_string(),
            // More entries than the seed, repeats included (ids get counters).
            format!("{seed}{}", &seed[body_start..]),
            // Not of the form: each says where.
            "Title\nStandfirst\nNot the heading\n".into(),
            "Title".into(),
            "Title\n".into(),
            "Title\nKey events".into(),
            "Title\nKey events\n-\n-\nA title\n\nBody".into(),
            "Title\nKey events\n-\n\n".into(),
            "Title\n\nKey events\n".into(),
            "just\nsome\ntext with \u{1b}[31m escapes\n".into(),
            "   \n\n".into(),
            String::new(),
        ];
        for case in &cases {
            for capacity in [3, 64, 1 << 16] {
                let got = streamed(case.as_bytes(), capacity)
                    .unwrap_or_else(|| panic!("{case:?} is left to parse"));
                assert_eq!(
                    got,
                    parse(case.as_bytes()),
                    "{case:?} through {capacity} bytes"
                );
            }
        }
    }

    #[test]
    fn reading_text_a_line_at_a_time_leaves_what_is_not_clean_text_to_the_whole_parse() {
        let seed = crate::source::BUNDLED;
        for case in [
            format!("{seed}\0"),
            "{\"blocks\": []}".into(),
            "\n  <html></html>".into(),
            "\u{feff}[]".into(),
        ] {
            assert!(streamed(case.as_bytes(), 64).is_none(), "{case:?}");
        }
        let mut invalid = seed.as_bytes().to_vec();
        invalid.extend(b"\nbad \xff byte\n");
        assert!(streamed(&invalid, 64).is_none());
    }

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"  \n").unwrap_err(), FormatError::Empty);
        assert_eq!(sniff(b"Title\nStandfirst\n").unwrap(), Format::Text);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss>").unwrap(),
            Format::Feed
        );
        assert_eq!(sniff(b"<!doctype html><html>").unwrap(), Format::SchemaOrg);
        assert_eq!(
            sniff(br#"{"response":{"status":"ok","content":{}}}"#).unwrap(),
            Format::Capi
        );
        assert_eq!(
            sniff(br#"{"blocks":[],"keyEvents":[]}"#).unwrap(),
            Format::GuardianPage
        );
        assert_eq!(sniff(br#"{"liveblog_format":1}"#).unwrap(), Format::Native);
        assert_eq!(
            sniff(br#"[{"@type":"LiveBlogPosting"}]"#).unwrap(),
            Format::SchemaOrg
        );
    }

    #[test]
    fn a_few_bad_bytes_in_text_become_replacement_characters() {
        let doc =
            b"Caf\xe9 news\n\nKey events\nThe caf\xe9 opened at nine this morning, to a queue.\n";
        let blog = parse(doc).unwrap();
        assert_eq!(blog.title, "Caf\u{FFFD} news");
        let json = native::to_json(&blog);
        assert!(json.contains("The caf\u{FFFD} opened"), "{json}");
        // Valid text is borrowed, not copied.
        assert!(matches!(
            as_text(b"\xEF\xBB\xBFok"),
            Ok(Cow::Borrowed("ok"))
        ));
    }

    #[test]
    fn mostly_invalid_or_nul_bytes_are_refused_as_binary() {
        let err = parse(b"Title\n\xff\xfe").unwrap_err();
        assert_eq!(
            err,
            FormatError::NotText {
                bad: 2,
                len: 8,
                offset: 6,
                sample: "\\xff\\xfe".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "not text: 2 of 8 bytes are NUL or invalid UTF-8, the first at offset 6 \
             (\"\\xff\\xfe\"); is it a live blog?"
        );
        // NUL bytes in otherwise valid UTF-8 count too.
        assert!(matches!(
            as_text(b"ab\0\0cd"),
            Err(FormatError::NotText {
                bad: 2,
                offset: 2,
                ..
            })
        ));
        // Up to the threshold is still text.
        let mut doc = vec![b'a'; 100];
        doc[..MAX_NOT_TEXT_PERCENT].fill(0xff);
        assert!(matches!(as_text(&doc), Ok(Cow::Owned(_))));
        doc[MAX_NOT_TEXT_PERCENT] = 0xff;
        assert!(as_text(&doc).is_err());
    }

    #[test]
    fn refuses_oversized_input() {
        let big = vec![b'a'; MAX_INPUT + 1];
        assert_eq!(
            parse(&big).unwrap_err(),
            FormatError::TooLarge(MAX_INPUT + 1)
        );
    }

    #[test]
    fn only_a_non_utf8_xml_declaration_is_a_legacy_encoding() {
        assert!(declares_legacy_encoding(
            b"<?xml version='1.0' encoding='windows-1252'?><rss/>"
        ));
        assert!(declares_legacy_encoding(
            b" <?xml version=\"1.0\" encoding = \"ISO-8859-1\" ?>"
        ));
        assert!(!declares_legacy_encoding(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        ));
        assert!(!declares_legacy_encoding(b"<?xml version=\"1.0\"?>"));
        assert!(!declares_legacy_encoding(b"<rss encoding=\"latin1\">"));
    }
}
