//! Input formats: one module each, bytes in, a sanitised [`LiveBlog`] or a typed error out.
//! The format is sniffed from the content, never from a file name.

pub mod capi;
pub mod feed;
pub mod guardian;
pub mod html;
pub mod jsonld;
pub mod native;
pub mod text;

use crate::blog::LiveBlog;

/// Largest input any parser accepts, whether it came from disk or the network.
pub const MAX_INPUT: usize = 16 * 1024 * 1024;

/// Which parser a document went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The Guardian's page JSON (`<page>.json?dcr`).
    GuardianPage,
    /// A Guardian Content API item response.
    Capi,
    /// An HTML page with schema.org `LiveBlogPosting` (JSON-LD or microdata).
    Html,
    /// RSS 2.0 or Atom.
    Feed,
    /// liveblog's own JSON (`dump --format json`).
    Native,
    /// The plain-text form: title, standfirst, key events, entries.
    Text,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::GuardianPage => "Guardian page JSON",
            Format::Capi => "Guardian Content API JSON",
            Format::Html => "HTML page",
            Format::Feed => "RSS/Atom feed",
            Format::Native => "liveblog JSON",
            Format::Text => "plain text",
        }
    }
}

/// Why a document could not be read as a live blog. Each message is one line.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FormatError {
    #[error("empty document")]
    Empty,
    #[error("document is {0} bytes, over the {MAX_INPUT}-byte limit")]
    TooLarge(usize),
    #[error("not valid UTF-8 text (bad byte at offset {0})")]
    NotUtf8(usize),
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
    if bytes.len() > MAX_INPUT {
        return Err(FormatError::TooLarge(bytes.len()));
    }
    // Skipped once here, so that no parser has to know about it: serde_json, for one, calls a
    // byte-order mark a syntax error.
    let bytes = without_bom(bytes);
    let format = sniff(bytes)?;
    let mut blog = match format {
        Format::GuardianPage => guardian::parse(bytes)?,
        Format::Capi => capi::parse(bytes)?,
        Format::Html => jsonld::parse(bytes)?,
        Format::Feed => feed::parse(bytes)?,
        Format::Native => native::parse(bytes)?,
        Format::Text => text::parse(as_text(bytes)?)?,
    };
    blog.sanitize();
    blog.dedupe_ids();
    blog.link_key_events();
    Ok((blog, format))
}

/// The document as UTF-8 without a byte-order mark.
pub fn as_text(bytes: &[u8]) -> Result<&str, FormatError> {
    let bytes = without_bom(bytes);
    std::str::from_utf8(bytes).map_err(|e| FormatError::NotUtf8(e.valid_up_to()))
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
                Ok(Format::Html)
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
    } else if has("\"blocks\"") || has("\"keyEvents\"") || has("\"mostRecentBlockId\"") {
        Format::GuardianPage
    } else {
        // A bare JSON-LD document (`.ld.json`).
        Format::Html
    }
}

fn memfind(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"  \n").unwrap_err(), FormatError::Empty);
        assert_eq!(sniff(b"Title\nStandfirst\n").unwrap(), Format::Text);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss>").unwrap(),
            Format::Feed
        );
        assert_eq!(sniff(b"<!doctype html><html>").unwrap(), Format::Html);
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
            Format::Html
        );
    }

    #[test]
    fn refuses_invalid_utf8_and_oversized_input() {
        assert_eq!(
            parse(b"Title\n\xff\xfe").unwrap_err(),
            FormatError::NotUtf8(6)
        );
        let big = vec![b'a'; MAX_INPUT + 1];
        assert_eq!(
            parse(&big).unwrap_err(),
            FormatError::TooLarge(MAX_INPUT + 1)
        );
    }
}
