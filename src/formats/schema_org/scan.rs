//! The JSON-LD scripts of a page found by a scan of its tags, without building its tree (and,
//! by the same scan, its `rel="next"` links: `next.rs`).
//!
//! A page's JSON-LD is usually all the reader needs from it, and building html5ever's tree of
//! a large page took longer than everything else. The scan follows the tokenizer where it
//! matters for finding scripts: comments, quoted attribute values, and the elements whose
//! content is raw text (`<style>`, `<title>`, `<textarea>`, …), so that a script tag written
//! inside one of those is not taken for a script. What it cannot be sure of (a `<template>`,
//! `<plaintext>`, a `<select>`, a script or style inside `<svg>` or `<math>`, a script that
//! opens a comment and then another script, a tag cut off by the end of the page) makes it
//! answer `None`, and the page is parsed in full. That it finds the same scripts as the tree is checked on every
//! fixture and by the `html_fast` fuzz target.

use std::borrow::Cow;

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: [&str; 8] = [
    "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// The bodies of the page's `<script type="application/ld+json">` elements, in page order;
/// `None` when the page needs the full parser to say.
pub(super) fn ld_json_bodies(page: &str) -> Option<Vec<Cow<'_, str>>> {
    if !may_hold_a_script(page.as_bytes()) {
        // No script element, so none of JSON-LD, wherever a tag could hide: the tags of a
        // large page are not read one by one to say so.
        return Some(Vec::new());
    }
    walk(page, |_, _| Some(()))
}

/// The `href` of the page's first `<link rel="next">` and of its first `<a rel="next">`, as
/// written (references decoded), as the tree would give them, with the addresses the page
/// names for itself; `None` when the page needs the full parser to say. A `rel` is a list of
/// words, `next` among them in any case.
pub(super) fn next_links(page: &str) -> Option<NextLinks> {
    let mut found = NextLinks::default();
    let decoded = |v: &str| crate::formats::html::decoded(v, true).map(Cow::into_owned);
    walk(page, |tag, foreign| {
        let (link, anchor, meta) = (tag.is("link"), tag.is("a"), tag.is("meta"));
        if !(link || anchor || meta) {
            return Some(());
        }
        let rel = match tag.rel {
            Some(rel) if !meta => decoded(rel)?,
            _ => String::new(),
        };
        let has = |word: &str| rel_has(&rel, word);
        // `property`, else `name`, as the tree's reading asks.
        let og_url = match tag.property.or(tag.meta_name) {
            Some(name) if meta => decoded(name)? == "og:url",
            _ => false,
        };
        for (slot, fills, value) in [
            (&mut found.link, link && has("next"), tag.href),
            (&mut found.anchor, anchor && has("next"), tag.href),
            (&mut found.canonical, link && has("canonical"), tag.href),
            (&mut found.og_url, og_url, tag.content),
        ] {
            if !fills {
                continue;
            }
            if foreign {
                // An `<a>` in `<svg>` is another element: left to the tree.
                return None;
            }
            if slot.is_none() {
                *slot = Some(value.map_or(Some(String::new()), decoded)?);
            }
        }
        Some(())
    })?;
    Some(found)
}

/// A page's `rel="next"` links (the `<link>` in its head and the `<a>` of its pagination), and
/// the addresses it names for itself, which they are judged by
/// (`next/own.rs`); each as written, references decoded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct NextLinks {
    pub(super) link: Option<String>,
    pub(super) anchor: Option<String>,
    /// The `href` of its first `<link rel="canonical">`.
    pub(super) canonical: Option<String>,
    /// The `content` of its first `<meta property="og:url">` (or `name="og:url"`).
    pub(super) og_url: Option<String>,
}

/// Walks the tags of `page` as [`ld_json_bodies`] describes, calling `on_tag` with each start
/// tag and whether it is inside `<svg>` or `<math>`; gives the JSON-LD scripts found. `None`
/// when the scan, or `on_tag`, cannot be sure.
fn walk<'a>(
    page: &'a str,
    mut on_tag: impl FnMut(&StartTag<'a>, bool) -> Option<()>,
) -> Option<Vec<Cow<'a, str>>> {
    let bytes = page.as_bytes();
    let mut out = Vec::new();
    // Inside `<svg>` or `<math>`, where scripts and styles are not raw text.
    let mut foreign = 0usize;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]) {
        at += lt;
        let rest = &page[at..];
        let next = rest.as_bytes().get(1).copied();
        if rest.starts_with("<!--") {
            at += comment_len(rest)?;
        } else if foreign > 0 && rest.starts_with("<![CDATA[") {
            at += memchr::memmem::find(rest.as_bytes(), b"]]>")? + 3;
        } else if next == Some(b'/') && rest.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic)
        {
            let tag = start_tag(&rest[1..])?;
            if foreign > 0 && (tag.is("svg") || tag.is("math")) {
                foreign -= 1;
            }
            at += 1 + tag.len;
        } else if matches!(next, Some(b'!' | b'?' | b'/')) {
            // A doctype, a bogus comment or `</>`: up to the next `>`.
            at += memchr::memchr(b'>', rest.as_bytes())? + 1;
        } else if next.is_some_and(|c| c.is_ascii_alphabetic()) {
            let tag = start_tag(rest)?;
            on_tag(&tag, foreign > 0)?;
            at += tag.len;
            let name = tag.name;
            let script = tag.is("script");
            // In `<svg>`, a `<title>` is an element like any other.
            let raw =
                (script || RAW_TEXT.iter().any(|r| tag.is(r))) && !(foreign > 0 && tag.is("title"));
            if tag.is("template") || tag.is("plaintext") || tag.is("select") || (raw && foreign > 0)
            {
                return None;
            }
            if (tag.is("svg") || tag.is("math")) && !tag.self_closing {
                foreign += 1;
            } else if raw {
                let len = content_len(&page[at..], name)?;
                let body = &page[at..at + len];
                if script {
                    // A script that opens a comment and then another script may run past its
                    // first end tag; one with NUL or CR is changed by the parser.
                    let escaped = memchr::memmem::find(body.as_bytes(), b"<!--").is_some()
                        && body.to_ascii_lowercase().contains("<script");
                    if escaped {
                        return None;
                    }
                    if tag.is_ld_json {
                        out.push(as_parsed(body));
                    }
                }
                at += len;
            }
        } else {
            at += 1;
        }
    }
    Some(out)
}

/// Whether `page` has `<script` in it, in any case: a script element is made only from a tag
/// written so (a tag's name has no character references).
fn may_hold_a_script(page: &[u8]) -> bool {
    [b"<s", b"<S"].iter().any(|open| {
        memchr::memmem::find_iter(page, open).any(|at| {
            page.get(at + 2..at + 7)
                .is_some_and(|n| n.eq_ignore_ascii_case(b"cript"))
        })
    })
}

/// A script's text as the parser gives it: line ends as `\n`, NUL as U+FFFD.
fn as_parsed(body: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'\r', b'\0', body.as_bytes()).is_none() {
        return Cow::Borrowed(body);
    }
    Cow::Owned(
        body.replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\0', "\u{fffd}"),
    )
}

/// The length of the comment at the start of `s`, as the tokenizer ends it: `<!-->` and
/// `<!--->` are whole comments, else up to `-->` (or `--!>`, which also ends one).
fn comment_len(s: &str) -> Option<usize> {
    let body = &s[4..];
    if body.starts_with('>') {
        return Some(5);
    }
    if body.starts_with("->") {
        return Some(6);
    }
    let end = memchr::memmem::find(body.as_bytes(), b"-->");
    let bang = memchr::memmem::find(body.as_bytes(), b"--!>");
    match (end, bang) {
        (Some(e), Some(b)) if b < e => Some(4 + b + 4),
        (Some(e), _) => Some(4 + e + 3),
        (None, Some(b)) => Some(4 + b + 4),
        (None, None) => None,
    }
}

/// How much of `s` is raw text before the end tag of `name` (`</name` followed by white space,
/// `/` or `>`, in any case).
fn content_len(s: &str, name: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&bytes[from..], b"</") {
        let at = from + i;
        let after = at + 2 + name.len();
        let named = bytes
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if named
            && bytes
                .get(after)
                .is_some_and(|c| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
        {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// A start tag at the start of a page's text.
struct StartTag<'a> {
    /// As written: compared without regard to case (see [`StartTag::is`]), so that no tag of
    /// a large page costs an allocation.
    name: &'a str,
    /// Bytes up to and including its `>`.
    len: usize,
    /// Whether its first `type` attribute names JSON-LD.
    is_ld_json: bool,
    /// Written `<…/>`.
    self_closing: bool,
    /// Its first `rel` attribute, as written.
    rel: Option<&'a str>,
    /// Its first `href` attribute, as written.
    href: Option<&'a str>,
    /// Its first `property`, `name` and `content` attributes, as written: a `<meta>`'s.
    property: Option<&'a str>,
    meta_name: Option<&'a str>,
    content: Option<&'a str>,
}

impl StartTag<'_> {
    /// Whether the tag is this element (`name` in lower case).
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// Whether a `rel` value has `word` (words split by ASCII white space, in any case).
pub(super) fn rel_has(rel: &str, word: &str) -> bool {
    rel.split_ascii_whitespace()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Reads a start tag as the tokenizer does: a name, then attributes whose values may be quoted
/// (where a `>` does not end the tag) or not.
fn start_tag(s: &str) -> Option<StartTag<'_>> {
    let bytes = s.as_bytes();
    let is_space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let name_end = 1 + bytes[1..]
        .iter()
        .position(|&c| is_space(c) || c == b'/' || c == b'>')?;
    let name = &s[1..name_end];
    let mut tag = StartTag {
        name,
        len: 0,
        is_ld_json: false,
        self_closing: false,
        rel: None,
        href: None,
        property: None,
        meta_name: None,
        content: None,
    };
    let mut seen_type = false;
    let mut at = name_end;
    loop {
        let c = *bytes.get(at)?;
        if c == b'>' {
            tag.len = at + 1;
            tag.self_closing = bytes[at - 1] == b'/';
            return Some(tag);
        }
        if is_space(c) || c == b'/' {
            at += 1;
            continue;
        }
        // An attribute name runs to white space, `/`, `>` or `=` (a first `=` belongs to it).
        let start = at;
        at += 1 + bytes[at + 1..]
            .iter()
            .position(|&c| is_space(c) || matches!(c, b'/' | b'>' | b'='))?;
        let attr = &s[start..at];
        while bytes.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while bytes.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        let value = match *bytes.get(at)? {
            q @ (b'"' | b'\'') => {
                let len = memchr::memchr(q, &bytes[at + 1..])?;
                let v = &s[at + 1..at + 1 + len];
                at += len + 2;
                v
            }
            b'>' => "",
            _ => {
                let len = bytes[at..].iter().position(|&c| is_space(c) || c == b'>')?;
                let v = &s[at..at + len];
                at += len;
                v
            }
        };
        if attr.eq_ignore_ascii_case("type") && !seen_type {
            seen_type = true;
            if value.contains('&') {
                // A character reference the scan does not decode.
                return None;
            }
            tag.is_ld_json = super::is_ld_json_type(value);
        } else {
            // Decoded where they are read, as the tree decodes them: `rel="&#110;ext"` names
            // the next page too.
            let slot = [
                ("rel", &mut tag.rel),
                ("href", &mut tag.href),
                ("property", &mut tag.property),
                ("name", &mut tag.meta_name),
                ("content", &mut tag.content),
            ]
            .into_iter()
            .find_map(|(name, slot)| attr.eq_ignore_ascii_case(name).then_some(slot));
            if let Some(slot) = slot {
                slot.get_or_insert(value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::both_script_readings;

    /// Whether the scan answered, asserting it found what the full parse finds when it did.
    fn agrees(page: &str) -> bool {
        match both_script_readings(page) {
            (Some(scanned), parsed) => {
                assert_eq!(scanned, parsed, "{page}");
                true
            }
            (None, _) => false,
        }
    }

    const LD: &str = r#"<script type="application/ld+json">{"@type":"LiveBlogPosting"}</script>"#;

    #[test]
    fn finds_the_scripts_the_parser_finds() {
        for page in [
            format!("<!doctype html><html><head>{LD}</head><body><p>x</p></body></html>"),
            format!("<p title='a > b' data-x=\"<script>\">{LD}</p>"),
            format!("<!-- {LD} -->{LD}<!--> {LD} <!--->{LD}"),
            format!("<style>p::before{{content:'{LD}'}}</style><title>{LD}</title>{LD}"),
            format!("<textarea>{LD}</textarea ><noscript>{LD}</noscript>{LD}"),
            format!("<SCRIPT TYPE='Application/LD+JSON; charset=utf-8'>[1]</SCRIPT>{LD}"),
            format!("<script>var s = '<p>';</script><script type=text/javascript>x</script>{LD}"),
            format!("<script/type=\"application/ld+json\">{{}}</script>{LD}"),
            format!("<svg><path d='M0'/><title>icon</title></svg><svg/>{LD}<math></math>"),
            format!("</div a='>'>{LD}<?php x ?><![CDATA[ {LD} ]]>"),
            format!("a < b {LD} <3"),
            "<script type=\"application/ld+json\" type=\"text/plain\">{}</script>".to_string(),
            format!("<p type=\"application/ld+json\">not a script</p>{LD}"),
            "<script type=\"application/ld+json\">{\"a\":\"\r\n\r\0\"}</script>".to_string(),
        ] {
            assert!(agrees(&page), "not scanned: {page}");
        }
    }

    #[test]
    fn a_page_without_a_script_tag_has_no_scripts() {
        for page in [
            "<p>x</p><template><p>y</p></template><select><style>s</style></select>",
            "<svg><style>s</style></svg><span>sc</span><Scrip>",
            "<p title=\"<script>\">x</p>",
        ] {
            assert!(agrees(page), "not scanned: {page}");
        }
        for page in [
            "<SCRIPT>x</SCRIPT>",
            "<sCrIpT type=\"application/ld+json\">{}</script>",
        ] {
            assert!(super::may_hold_a_script(page.as_bytes()), "{page}");
        }
    }

    #[test]
    fn leaves_what_it_cannot_be_sure_of_to_the_parser() {
        for page in [
            format!("<template>{LD}</template>"),
            format!("<select><style>{LD}</style></select>"),
            format!("<svg><style>{LD}</style></svg>"),
            "<svg><script type=\"application/ld+json\">{}</script></svg>".to_string(),
            "<script><!-- <script> </script> </script>".to_string(),
            format!("{LD}<p class=\"unclosed"),
            format!("{LD}<!-- never closed"),
            "<script type=\"application&#47;ld+json\">{}</script>".to_string(),
        ] {
            assert!(!agrees(&page), "scanned: {page}");
        }
    }

    #[test]
    fn every_fixture_page_is_scanned_as_it_is_parsed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut scanned = 0;
        for sub in ["html", "amp"] {
            for f in std::fs::read_dir(dir.join(sub)).unwrap().flatten() {
                let page = String::from_utf8_lossy(&std::fs::read(f.path()).unwrap()).into_owned();
                scanned += usize::from(agrees(&page));
            }
        }
        assert!(scanned >= 5, "only {scanned} fixture pages scanned");
    }
}
