//! Placeholders that a publisher's CMS leaves in text where its own page would put an embed.
//!
//! A page renders them into a video or a gallery; in the text a feed or JSON-LD carries they are
//! left as they were typed, and mean nothing to a reader. Two shapes are removed, wherever an
//! entry's text runs (body, quotes, lists, titles) or the standfirst hold them:
//!
//! - `[[ns:value]]`: a namespace of 1–20 lower-case letters, digits, `-` or `_`, a colon, then
//!   letters, digits and `: . _ / -` only, no spaces. GEDI's sites (la Repubblica, La Stampa)
//!   write `[[ge:rep-locali:repubblica:419430007]]`; Drupal's node embeds `[[nid:123]]`.
//! - `[[{…}]]` holding `"fid"`: Drupal's media tokens, `[[{"fid":"12","view_mode":"default",
//!   "type":"media"}]]`, on one line and at most [`JSON_TOKEN_MAX`] bytes.
//!
//! Anything else in brackets stays: `[[citation needed]]` has a space, `[1]` one bracket, and a
//! reader would rather see an odd token than lose words.

use crate::blog::{Block, Entry, Inline, LiveBlog};

/// Longest Drupal media token removed; a longer `[[{` run is more likely text than a token.
const JSON_TOKEN_MAX: usize = 2048;

/// Removes CMS placeholders from every text of `blog`; a paragraph or heading left empty goes.
pub fn drop_cms_tokens(blog: &mut LiveBlog) {
    drop_in_standfirst(blog);
    blog.entries.iter_mut().for_each(drop_in_entry);
}

/// [`drop_cms_tokens`] for the standfirst alone.
pub(super) fn drop_in_standfirst(blog: &mut LiveBlog) {
    if opens_token(&blog.standfirst) {
        blog.standfirst = strip(&blog.standfirst);
    }
}

/// [`drop_cms_tokens`] for one entry: its title and the text of its body.
pub(super) fn drop_in_entry(e: &mut Entry) {
    if let Some(t) = &mut e.title
        && opens_token(t)
    {
        *t = strip(t);
    }
    e.title = e.title.take().filter(|t| !t.trim().is_empty());
    for b in &mut e.body {
        match b {
            Block::Paragraph { runs } | Block::Heading { runs } => strip_runs(runs),
            Block::Quote { paragraphs, .. } => {
                paragraphs.iter_mut().for_each(strip_runs);
                paragraphs.retain(|p| !p.is_empty());
            }
            Block::List { items, .. } => items.iter_mut().for_each(strip_runs),
            Block::Table(t) => t.rows.iter_mut().flatten().for_each(strip_runs),
            Block::Image(_) | Block::Embed(_) | Block::Code { .. } | Block::Rule => {}
        }
    }
    e.body.retain(|b| match b {
        Block::Paragraph { runs } | Block::Heading { runs } => !runs.is_empty(),
        _ => true,
    });
}

fn strip_runs(runs: &mut Vec<Inline>) {
    if !runs.iter().any(|r| opens_token(&r.text)) {
        return;
    }
    for r in runs.iter_mut() {
        r.text = strip(&r.text);
    }
    runs.retain(|r| !r.text.is_empty());
    // A token at either end of a paragraph leaves the space that stood beside it.
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    runs.retain(|r| !r.text.is_empty());
}

/// `s` without its tokens; the space around a removed token is left single.
pub fn strip(s: &str) -> String {
    if !opens_token(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("[[") {
        let after = &rest[at..];
        if let Some(len) = token_len(after) {
            out.push_str(&rest[..at]);
            rest = &after[len..];
            // "a [[t]] b" becomes "a b", not "a  b".
            if out.ends_with(char::is_whitespace) || out.is_empty() {
                rest = rest.trim_start_matches([' ', '\t']);
            }
        } else {
            out.push_str(&rest[..at + 2]);
            rest = &after[2..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether `s` holds a `[[`, where a token could start: most text has no `[` at all, which a
/// search for one byte sees fastest.
fn opens_token(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'[', &b[from..]) {
        if b.get(from + at + 1) == Some(&b'[') {
            return true;
        }
        from += at + 1;
    }
    false
}

/// The length of the token at the start of `s` (which starts with `[[`), if it is one.
fn token_len(s: &str) -> Option<usize> {
    let inner = &s[2..];
    if inner.starts_with('{') {
        let end = inner.find("}]]")?;
        let body = &inner[..=end];
        let fits = end < JSON_TOKEN_MAX && !body.contains('\n') && body.contains("\"fid\"");
        return fits.then_some(2 + end + 3);
    }
    let end = inner.find("]]")?;
    let (ns, value) = inner[..end].split_once(':')?;
    let ns_ok = (1..=20).contains(&ns.len())
        && ns
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    let value_ok = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'.' | b'_' | b'/' | b'-'));
    (ns_ok && value_ok).then_some(2 + end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::Entry;

    #[test]
    fn a_token_may_open_exactly_where_the_text_holds_two_brackets() {
        for s in [
            "", "[", "[[", "a[b[c", "a[ [b", "x[[y", "[a]]", "[]][[", "é[[", "[é[",
        ] {
            assert_eq!(opens_token(s), s.contains("[["), "{s}");
        }
    }

    #[test]
    fn gedi_and_drupal_tokens_are_removed_and_the_spacing_mended() {
        assert_eq!(
            strip("Il sindaco ha parlato. [[ge:rep-locali:repubblica:419430007]] Poi la giunta."),
            "Il sindaco ha parlato. Poi la giunta."
        );
        assert_eq!(strip("[[ge:gnn:lastampa:12]]"), "");
        assert_eq!(strip("See [[nid:123]]."), "See .");
        assert_eq!(
            strip(r#"Photo: [[{"fid":"12","view_mode":"default","type":"media"}]] done"#),
            "Photo: done"
        );
        assert_eq!(strip("a[[ge:x:1]][[ge:x:2]]b"), "ab");
    }

    #[test]
    fn other_brackets_stay() {
        for s in [
            "[[citation needed]]",
            "[1] and [[2]]",
            "[[Ge:x:1]]",
            "[[ge:]]",
            "[[:x]]",
            "[[ge:x y]]",
            "[[{\"a\":1}]]",
            "unclosed [[ge:x:1",
            "[[",
            "]]",
        ] {
            assert_eq!(strip(s), s);
        }
        let long = format!(
            "[[{{\"fid\":\"1\",\"x\":\"{}\"}}]]",
            "y".repeat(JSON_TOKEN_MAX)
        );
        assert_eq!(strip(&long), long);
    }

    #[test]
    fn a_paragraph_that_was_only_a_token_goes_and_the_rest_stay() {
        let mut blog = LiveBlog {
            standfirst: "Oggi [[ge:rep:repubblica:1]] a Roma".into(),
            entries: vec![Entry {
                id: "a".into(),
                title: Some("[[ge:rep:repubblica:2]]".into()),
                body: vec![
                    Block::text("Prima."),
                    Block::text("[[ge:rep-locali:repubblica:419430007]]"),
                    Block::Paragraph {
                        runs: vec![
                            Inline::plain("[[ge:rep:x:1]] "),
                            Inline {
                                text: "Dopo".into(),
                                bold: true,
                                ..Inline::default()
                            },
                        ],
                    },
                    Block::Code {
                        text: "[[ge:keep:in:code]]".into(),
                    },
                ],
                ..Entry::default()
            }],
            ..LiveBlog::default()
        };
        drop_cms_tokens(&mut blog);
        assert_eq!(blog.standfirst, "Oggi a Roma");
        let e = &blog.entries[0];
        assert_eq!(e.title, None);
        assert_eq!(e.body.len(), 3);
        assert_eq!(e.body[0], Block::text("Prima."));
        assert_eq!(e.body[1].plain_text(), "Dopo");
        assert_eq!(e.body[2].plain_text(), "[[ge:keep:in:code]]");
    }
}
