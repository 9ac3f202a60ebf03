//! A fast path for the simple fragments most entries are made of.
//!
//! Most entry bodies are a few paragraphs of text with links, bold and italics, which is where
//! most of the time of reading a large blog went: html5ever builds a tree of reference-counted
//! nodes for every fragment, and the walk then visits it. Fragments that use only what is
//! handled here are read in one pass into the same [`Walker`], so that they give exactly the
//! blocks the tree walk gives; anything else (an element not listed, a comment, an entity not
//! listed, misnested or stray tags, which a browser repairs in ways not worth copying) makes
//! [`to_blocks`] answer `None`, and the fragment is parsed in full. The blocks being the same
//! either way is checked on every fixture and by a fuzz target (`html_fast`).

use super::{Style, Walker, is_html_space};
use crate::blog::{Block, Inline};
use std::rc::Rc;
use url::Url;

/// Deepest nesting read here; deeper fragments take the full parse and its limits.
const MAX_OPEN: usize = 32;

/// What an open element does to the walk.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// `div`, `section`, `article`: ends the paragraph around it, else transparent.
    Container,
    /// `p`: a container that cannot hold another block.
    Paragraph,
    /// `h1`…`h6`: its text becomes a heading.
    Heading,
    /// `ul` or `ol` holding only items, with the items read so far.
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    /// `li` in a list, with where its blocks start.
    Item(usize),
    /// `blockquote`, with where its blocks start.
    Quote(usize),
    Bold,
    Italic,
    /// A link, with the link it replaced in the style.
    Link(Option<Rc<str>>),
    /// `span`, `u`, `sub`, …: inline and without effect.
    Inline,
}

/// The kind of an element this path reads; `None` for any other.
fn kind(name: &str) -> Option<Kind> {
    Some(match name {
        "div" | "section" | "article" => Kind::Container,
        "p" => Kind::Paragraph,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "ul" | "ol" => Kind::List {
            ordered: name == "ol",
            items: Vec::new(),
        },
        "li" => Kind::Item(0),
        "blockquote" => Kind::Quote(0),
        "b" | "strong" => Kind::Bold,
        "i" | "em" | "cite" | "dfn" | "var" => Kind::Italic,
        "a" => Kind::Link(None),
        "span" | "u" | "sub" | "sup" | "small" | "mark" | "abbr" | "s" | "del" | "ins" => {
            Kind::Inline
        }
        _ => return None,
    })
}

/// The blocks of `html` as the tree walk gives them, or `None` when the fragment needs the
/// full parser.
pub(in crate::formats::html) fn to_blocks(html: &str, base: Option<&Url>) -> Option<Vec<Block>> {
    let mut r = Reader {
        w: Walker::new(base),
        open: Vec::new(),
        text: String::new(),
    };
    let mut rest = html;
    while !rest.is_empty() {
        let lt = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
        if lt > 0 {
            r.text(&rest[..lt])?;
        }
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        let (tag, after) = Tag::read(rest)?;
        r.tag(&tag)?;
        rest = after;
    }
    // Unclosed elements end with the fragment, as they do in a browser.
    while let Some((_, k)) = r.open.pop() {
        r.close(k);
    }
    Some(r.w.finish())
}

struct Reader {
    w: Walker,
    open: Vec<(&'static str, Kind)>,
    /// Scratch space for text with character references.
    text: String,
}

impl Reader {
    fn text(&mut self, raw: &str) -> Option<()> {
        if raw.contains('\0') {
            return None;
        }
        if matches!(self.open.last(), Some((_, Kind::List { .. }))) {
            // Between items only white space, which the walk drops; text there is a stray
            // item of its own.
            return raw.chars().all(is_html_space).then_some(());
        }
        if raw.contains('&') {
            self.text.clear();
            decode(raw, &mut self.text)?;
            self.w.para.push_text(&self.w.style, &self.text);
        } else {
            self.w.para.push_text(&self.w.style, raw);
        }
        Some(())
    }

    fn tag(&mut self, tag: &Tag) -> Option<()> {
        if tag.end {
            let (name, k) = self.open.pop()?;
            if name != tag.name {
                return None;
            }
            self.close(k);
            return Some(());
        }
        if tag.name == "br" {
            self.w.para.line_break(&self.w.style);
            return Some(());
        }
        let k = kind(&tag.name)?;
        if tag.self_closing || self.open.len() >= MAX_OPEN {
            return None;
        }
        // Blocks only where no paragraph, heading, list or inline element is open: inside
        // those the parser repairs the markup.
        let only_containers = self.open.iter().all(|(_, k)| {
            matches!(
                k,
                Kind::Container | Kind::Quote(_) | Kind::List { .. } | Kind::Item(_)
            )
        });
        let in_list = matches!(self.open.last(), Some((_, Kind::List { .. })));
        let k = match k {
            Kind::Item(_) if in_list => Kind::Item(self.w.blocks.len()),
            _ if in_list => return None,
            Kind::Item(_) => return None,
            Kind::Container
            | Kind::Paragraph
            | Kind::Heading
            | Kind::List { .. }
            | Kind::Quote(_)
                if !only_containers =>
            {
                return None;
            }
            // A `<cite>` or `<footer>` right inside a quote may name its speaker.
            Kind::Italic
                if tag.name == "cite" && matches!(self.open.last(), Some((_, Kind::Quote(_)))) =>
            {
                return None;
            }
            Kind::Quote(_) => {
                self.w.flush();
                Kind::Quote(self.w.blocks.len())
            }
            Kind::Container | Kind::Paragraph | Kind::Heading | Kind::List { .. } => {
                self.w.flush();
                k
            }
            // A link inside a link is closed by the parser first.
            Kind::Link(_) if self.open.iter().any(|(_, k)| matches!(k, Kind::Link(_))) => {
                return None;
            }
            Kind::Link(_) => {
                let link = tag
                    .href
                    .as_deref()
                    .and_then(|h| self.w.url(h))
                    .map(Rc::from);
                let outer = self.w.style.link.clone();
                if link.is_some() {
                    self.w.style.link = link;
                }
                Kind::Link(outer)
            }
            Kind::Bold => {
                self.w.style.bold += 1;
                k
            }
            Kind::Italic => {
                self.w.style.italic += 1;
                k
            }
            Kind::Inline => k,
        };
        self.open.push((canonical(&tag.name)?, k));
        Some(())
    }

    fn close(&mut self, k: Kind) {
        let style: &mut Style = &mut self.w.style;
        match k {
            Kind::Container | Kind::Paragraph => self.w.flush(),
            Kind::Heading => {
                if let Some(runs) = self.w.para.take() {
                    self.w.blocks.push(Block::Heading { runs });
                }
            }
            Kind::List { ordered, items } => {
                if !items.is_empty() {
                    self.w.blocks.push(Block::List { ordered, items });
                }
            }
            Kind::Item(start) => {
                // An item is one line of text, whatever blocks it holds.
                self.w.flush();
                let (runs, media) = super::flatten(self.w.blocks.split_off(start));
                debug_assert!(media.is_empty(), "no media is read here");
                if let (false, Some((_, Kind::List { items, .. }))) =
                    (runs.is_empty(), self.open.last_mut())
                {
                    items.push(runs);
                }
            }
            Kind::Quote(start) => {
                self.w.flush();
                let content = self.w.blocks.split_off(start);
                self.w.push_quote(content, None);
            }
            Kind::Bold => style.bold -= 1,
            Kind::Italic => style.italic -= 1,
            Kind::Link(outer) => style.link = outer,
            Kind::Inline => {}
        }
    }
}

/// The name of a listed element as a static string, so open elements need no allocation.
fn canonical(name: &str) -> Option<&'static str> {
    const NAMES: [&str; 33] = [
        "div",
        "section",
        "article",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "b",
        "strong",
        "i",
        "em",
        "cite",
        "dfn",
        "var",
        "a",
        "span",
        "u",
        "sub",
        "sup",
        "small",
        "mark",
        "abbr",
        "s",
        "del",
        "ins",
        "br",
    ];
    NAMES.iter().copied().find(|n| *n == name)
}

/// A start or end tag, with the one attribute the walk reads.
struct Tag {
    name: String,
    end: bool,
    self_closing: bool,
    /// The first `href`, character references decoded.
    href: Option<String>,
}

impl Tag {
    /// Reads the tag at the start of `s` (which starts with `<`); `None` for anything but a
    /// plain start or end tag (comments, doctypes, `<` as text, odd names or attributes).
    fn read(s: &str) -> Option<(Tag, &str)> {
        let b = s.as_bytes();
        let end = b.get(1) == Some(&b'/');
        let start = if end { 2 } else { 1 };
        let name_len = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(b.len() - start);
        if name_len == 0 || !b[start].is_ascii_alphabetic() {
            return None;
        }
        // The parser's name runs to white space, `/` or `>`: `<p__>` is not a `<p>`.
        if !b
            .get(start + name_len)
            .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        {
            return None;
        }
        let name = s[start..start + name_len].to_ascii_lowercase();
        let mut tag = Tag {
            name,
            end,
            self_closing: false,
            href: None,
        };
        let mut i = start + name_len;
        loop {
            while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            match b.get(i)? {
                b'>' => return Some((tag, &s[i + 1..])),
                b'/' if b.get(i + 1) == Some(&b'>') && !end => {
                    tag.self_closing = true;
                    return Some((tag, &s[i + 2..]));
                }
                _ if end => return None,
                _ => i = tag.attribute(s, i)?,
            }
        }
    }

    /// Reads the attribute at `at` in `src`; the index after it.
    fn attribute(&mut self, src: &str, at: usize) -> Option<usize> {
        let bytes = src.as_bytes();
        let skip_space = |mut k: usize| {
            while bytes.get(k).is_some_and(u8::is_ascii_whitespace) {
                k += 1;
            }
            k
        };
        let name_end = at
            + bytes[at..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':')))
                .unwrap_or(bytes.len() - at);
        if name_end == at {
            return None;
        }
        let name = &src[at..name_end];
        let mut pos = skip_space(name_end);
        if bytes.get(pos) != Some(&b'=') {
            // A bare attribute: its value is empty.
            self.set(name, "")?;
            return Some(name_end);
        }
        pos = skip_space(pos + 1);
        let quote = *bytes.get(pos)?;
        let (value, next) = if matches!(quote, b'"' | b'\'') {
            let len = memchr::memchr(quote, &bytes[pos + 1..])?;
            (&src[pos + 1..pos + 1 + len], pos + len + 2)
        } else {
            let len = bytes[pos..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b'>')
                .unwrap_or(bytes.len() - pos);
            let value = &src[pos..pos + len];
            if value.is_empty() || value.contains(['"', '\'', '<', '=', '`']) {
                return None;
            }
            (value, pos + len)
        };
        self.set(name, value)?;
        // Attributes must be apart: `a="x"b="y"` is a parse error the parser repairs.
        if !bytes
            .get(next)
            .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
        {
            return None;
        }
        Some(next)
    }

    fn set(&mut self, name: &str, value: &str) -> Option<()> {
        if value.contains('\0') {
            return None;
        }
        if name.eq_ignore_ascii_case("href") && self.href.is_none() {
            let mut v = String::new();
            decode(value, &mut v)?;
            self.href = Some(v);
        }
        Some(())
    }
}

/// Appends `raw` with its character references decoded; `None` for a reference not handled
/// here (the full parser knows two thousand names and many repairs).
fn decode(raw: &str, out: &mut String) -> Option<()> {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let after = rest.as_bytes().get(1).copied();
        if !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'#') {
            // `&` before a space, punctuation or the end is just an ampersand.
            out.push('&');
            rest = &rest[1..];
            continue;
        }
        let semi = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&c| c == b';')?;
        out.push(reference(&rest[1..semi])?);
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Some(())
}

/// The named references read here: the markup's own and the common typographic and accented
/// ones (a test checks each against the full parser).
const NAMED: [(&str, char); 78] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("rsquo", '\u{2019}'),
    ("lsquo", '\u{2018}'),
    ("ldquo", '\u{201c}'),
    ("rdquo", '\u{201d}'),
    ("sbquo", '\u{201a}'),
    ("bdquo", '\u{201e}'),
    ("mdash", '\u{2014}'),
    ("ndash", '\u{2013}'),
    ("hellip", '\u{2026}'),
    ("bull", '\u{2022}'),
    ("middot", '\u{b7}'),
    ("prime", '\u{2032}'),
    ("Prime", '\u{2033}'),
    ("laquo", '\u{ab}'),
    ("raquo", '\u{bb}'),
    ("lsaquo", '\u{2039}'),
    ("rsaquo", '\u{203a}'),
    ("pound", '\u{a3}'),
    ("euro", '\u{20ac}'),
    ("yen", '\u{a5}'),
    ("cent", '\u{a2}'),
    ("copy", '\u{a9}'),
    ("reg", '\u{ae}'),
    ("trade", '\u{2122}'),
    ("deg", '\u{b0}'),
    ("plusmn", '\u{b1}'),
    ("times", '\u{d7}'),
    ("divide", '\u{f7}'),
    ("frac12", '\u{bd}'),
    ("frac14", '\u{bc}'),
    ("frac34", '\u{be}'),
    ("sect", '\u{a7}'),
    ("para", '\u{b6}'),
    ("iexcl", '\u{a1}'),
    ("iquest", '\u{bf}'),
    ("shy", '\u{ad}'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("dagger", '\u{2020}'),
    ("eacute", '\u{e9}'),
    ("Eacute", '\u{c9}'),
    ("egrave", '\u{e8}'),
    ("ecirc", '\u{ea}'),
    ("euml", '\u{eb}'),
    ("aacute", '\u{e1}'),
    ("agrave", '\u{e0}'),
    ("acirc", '\u{e2}'),
    ("auml", '\u{e4}'),
    ("Auml", '\u{c4}'),
    ("atilde", '\u{e3}'),
    ("aring", '\u{e5}'),
    ("ccedil", '\u{e7}'),
    ("Ccedil", '\u{c7}'),
    ("iacute", '\u{ed}'),
    ("icirc", '\u{ee}'),
    ("iuml", '\u{ef}'),
    ("oacute", '\u{f3}'),
    ("ocirc", '\u{f4}'),
    ("ouml", '\u{f6}'),
    ("Ouml", '\u{d6}'),
    ("otilde", '\u{f5}'),
    ("oslash", '\u{f8}'),
    ("uacute", '\u{fa}'),
    ("ugrave", '\u{f9}'),
    ("ucirc", '\u{fb}'),
    ("uuml", '\u{fc}'),
    ("Uuml", '\u{dc}'),
    ("ntilde", '\u{f1}'),
    ("szlig", '\u{df}'),
    ("oelig", '\u{153}'),
    ("hearts", '\u{2665}'),
];

/// The character a reference (without `&` and `;`) stands for, when it is one of the common
/// ones and means the same in every context.
fn reference(name: &str) -> Option<char> {
    if let Some(&(_, c)) = NAMED.iter().find(|(n, _)| *n == name) {
        return Some(c);
    }
    let digits = name.strip_prefix('#')?;
    let n = match digits.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit()) => {
            u32::from_str_radix(hex, 16).ok()?
        }
        None if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) => {
            digits.parse().ok()?
        }
        _ => return None,
    };
    // NUL, the C1 range (read as windows-1252 by browsers), surrogates and CR are all
    // replaced or remapped by the parser.
    if n == 0 || n == 0x0d || (0x80..=0x9f).contains(&n) {
        return None;
    }
    char::from_u32(n)
}

#[cfg(test)]
mod tests {
    use crate::formats::html::both_readings;
    use url::Url;

    fn same(html: &str) -> bool {
        let base = Url::parse("https://example.com/live/blog").ok();
        match both_readings(html, base.as_ref()) {
            (Some(fast), full) => {
                assert_eq!(fast, full, "{html}");
                true
            }
            (None, _) => false,
        }
    }

    #[test]
    fn simple_fragments_take_the_fast_path_and_give_the_same_blocks() {
        for html in [
            "",
            "plain text",
            "<p>One</p><p>Two  and\n three</p>",
            "<p>A <strong>bold</strong> and <em>italic <b>both</b></em> word.</p>",
            "<p>See <a href=\"/world/x?a=1&amp;b=2\">this</a> and <a href='https://e.org/'>that</a>\
             and <a>none</a> and <a href=\"javascript:alert(1)\">bad</a>.</p>",
            "<P CLASS=x>Upper <BR> case<br/>and<br />breaks</P>",
            "<h2>Title</h2><p>Body &amp; more &lt;tags&gt; &quot;q&quot; &#39;s&#x27; &nbsp;x</p>",
            "<div><p>In a div</p><section><h3>Deep <span>heading</span></h3></section></div>",
            "<p>Unclosed <b>bold",
            "text <sup>1</sup> & more &; & done",
            "<p><a href=https://e.org/x>unquoted</a> <span class=\"a\" hidden data-x='1'>s</span></p>",
            "<p>emoji &#128512; and &#x1F600;</p>",
            "<p>Lead</p><ul>\n <li>one <b>bold</b></li>\n <li> </li><li>two<br>lines</li></ul>after",
            "<ol><li><a href=/x>linked</a></li></ol><ul></ul>",
            "<ul><li><p>para</p><p>two</p></li><li>x<ul><li>nested</li></ul>y</li></ul>",
            "<ul><li><blockquote>q</blockquote><h3>h</h3></li></ul>",
            "<blockquote><p>Said <em>this</em>.</p><p>— </p>And more</blockquote>",
            "<blockquote>outer<blockquote><p>inner</p></blockquote><ul><li>x</li></ul></blockquote>",
            "<div><blockquote><h2>Quoted heading</h2><p>text <cite>in a paragraph</cite></p></blockquote></div>",
        ] {
            assert!(same(html), "not taken: {html}");
        }
    }

    #[test]
    fn every_named_reference_read_here_means_what_the_full_parser_reads() {
        for (name, c) in super::NAMED {
            let html = format!("<p>x&{name};x</p>");
            assert!(same(&html), "not taken: {html}");
            let text = format!("x{c}x");
            let (fast, _) = both_readings(&html, None);
            assert_eq!(fast.unwrap()[0].plain_text(), text, "{name}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_parser() {
        for html in [
            "<p>a<p>b",
            "<p><div>x</div></p>",
            "<b><p>x</p></b>",
            "<a href=x><a href=y>z</a></a>",
            "<p>a</b></p>",
            "<li>outside a list</li>",
            "<ul>stray<li>x</li></ul>",
            "<ul><li>a<li>b</ul>",
            "<blockquote><p>x</p><cite>Someone</cite></blockquote>",
            "<blockquote><p>x</p><footer>Someone</footer></blockquote>",
            "<p><blockquote>x</blockquote></p>",
            "<!-- c --><p>x</p>",
            "a < b",
            "<p>&eacutex;</p>",
            "<p>&notin;</p>",
            "<p>&amp</p>",
            "<p>&#128;</p>",
            "<p>&#0;</p>",
            "<img src=x>",
            "<p/>",
            "</p>",
            "<p a=\"1\"b=2>x</p>",
            "<script>x</script>",
            "<p>nul\0</p>",
            // Found by the fuzz target: the parser's tag name is `p__`, not `p`.
            "\u{fffd}<p__>So/?>",
            "<p>x</p__>",
            "<b-x>y</b-x>",
        ] {
            assert!(!same(html), "taken: {html}");
        }
    }

    #[test]
    fn every_fragment_in_the_fixtures_reads_the_same_either_way() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let (mut taken, mut all) = (0, 0);
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for f in std::fs::read_dir(&d).unwrap().flatten() {
                let p = f.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let Ok(v) =
                    serde_json::from_slice::<serde_json::Value>(&std::fs::read(&p).unwrap())
                else {
                    continue;
                };
                let mut values = vec![&v];
                while let Some(v) = values.pop() {
                    match v {
                        serde_json::Value::String(s) if s.contains('<') => {
                            all += 1;
                            taken += usize::from(same(s));
                        }
                        serde_json::Value::Array(a) => values.extend(a),
                        serde_json::Value::Object(o) => values.extend(o.values()),
                        _ => {}
                    }
                }
            }
        }
        assert!(all > 100, "{all} fragments");
        assert!(taken * 2 > all, "only {taken} of {all} took the fast path");
    }
}
