//! A fast path for the simple fragments most entries are made of.
//!
//! Most entry bodies are a few paragraphs of text with links, bold and italics, and perhaps a
//! captioned picture, which is where
//! most of the time of reading a large blog went: html5ever builds a tree of reference-counted
//! nodes for every fragment, and the walk then visits it. Fragments that use only what is
//! handled here are read in one pass into the same [`Walker`], so that they give exactly the
//! blocks the tree walk gives; anything else (an element not listed, a comment, an entity not
//! listed, misnested or stray tags, which a browser repairs in ways not worth copying) makes
//! [`to_blocks`] answer `None`, and the fragment is parsed in full. The blocks being the same
//! either way is checked on every fixture and by a fuzz target (`html_fast`).

mod entities;
mod figure;
mod names;
mod tree;

pub(in crate::formats) use tree::{member_to_blocks, member_to_blocks_in};

use super::{Runs, Style, Walker, is_block_level, is_html_space};
use crate::blog::{Block, Embed, Inline};
use crate::formats::html::media::image_of;
use crate::formats::html::{collapse_lines, runs_text};
#[cfg(test)]
use entities::NAMED;
use entities::decode;
use figure::{Figure, Img};
use names::known;
use std::rc::Rc;
use url::Url;

/// Deepest nesting read here; deeper fragments take the full parse and its limits.
const MAX_OPEN: usize = 32;

/// What an open element does to the walk.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// `div`, `section`, `article`, `figcaption`, …: ends the paragraph around it, else
    /// transparent.
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
    Strike,
    /// `sup` (`true`) or `sub`, with where its text starts.
    Script(bool, super::script::Mark),
    /// A link, with the link it replaced in the style.
    Link(Option<Rc<str>>),
    /// `span`, `u`, `picture`, …: inline and without effect.
    Inline,
    /// `figure`: only its first image and first caption are read, as in the walk.
    Figure,
    /// An element inside a figure, read only for the caption's text; `blocks` when it may
    /// hold blocks (`div`, `figcaption`…), `link` for `a`.
    Muted {
        blocks: bool,
        link: bool,
    },
}

/// The kind of an element this path reads; `None` for any other.
fn kind(name: &str) -> Option<Kind> {
    Some(match name {
        // Outside a figure, a caption is a paragraph (inside one, see `figure_tag`). Elements
        // the parser and the walk both treat as they treat a `div` (not `footer`, which in a
        // quote names the speaker).
        "div" | "section" | "article" | "figcaption" | "aside" | "header" | "nav" | "main" => {
            Kind::Container
        }
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
        "s" | "del" | "strike" => Kind::Strike,
        "span" | "u" | "small" | "mark" | "abbr" | "ins" | "picture" => Kind::Inline,
        // Where its text starts is taken when it opens.
        "sup" | "sub" => Kind::Script(name == "sup", super::script::Mark::default()),
        "figure" => Kind::Figure,
        _ => return None,
    })
}

/// The blocks of `html` as the tree walk gives them, or `None` when the fragment needs the
/// full parser.
pub(in crate::formats::html) fn to_blocks(html: &str, base: Option<&Url>) -> Option<Vec<Block>> {
    let mut r = Reader::new(base);
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
    r.finish()
}

struct Reader<'b> {
    w: Walker<'b>,
    open: Vec<(&'static str, Kind)>,
    /// Scratch space for text with character references.
    text: String,
    /// The figure being read, if any.
    fig: Option<Figure>,
}

impl<'b> Reader<'b> {
    fn new(base: Option<&'b Url>) -> Reader<'b> {
        Reader {
            w: Walker::new(base),
            open: Vec::new(),
            text: String::new(),
            fig: None,
        }
    }

    /// The blocks read, once the input has ended.
    fn finish(mut self) -> Option<Vec<Block>> {
        // Unclosed elements end with the fragment, as they do in a browser.
        while let Some((_, k)) = self.open.pop() {
            self.close(k)?;
        }
        Some(self.w.finish())
    }

    fn text(&mut self, raw: &str) -> Option<()> {
        // One search for both: most text holds neither.
        let special = memchr::memchr2(b'\0', b'&', raw.as_bytes()).is_some();
        if special && memchr::memchr(b'\0', raw.as_bytes()).is_some() {
            return None;
        }
        if let Some(fig) = &mut self.fig {
            // In a figure only the caption's text is read, without style, and an embed's.
            if fig.caption_at.is_some() || fig.embed.is_some() {
                self.text.clear();
                decode(raw, &mut self.text)?;
                fig.text(&self.text);
            }
            return Some(());
        }
        if matches!(self.open.last(), Some((_, Kind::List { .. }))) {
            // Between items only white space, which the walk drops; text there is a stray
            // item of its own.
            return raw.chars().all(is_html_space).then_some(());
        }
        if special {
            self.text.clear();
            decode(raw, &mut self.text)?;
            self.w.para.push_text(&self.w.style, &self.text);
        } else {
            self.w.para.push_text(&self.w.style, raw);
        }
        Some(())
    }

    /// [`Reader::text`] for text taken from a parsed tree, which holds no character
    /// references: what `text` does with the same text written out as markup (`&`, `<`, `>`
    /// and the no-break space as references, which `decode` reads back as they were).
    fn tree_text(&mut self, t: &str) -> Option<()> {
        if memchr::memchr(b'\0', t.as_bytes()).is_some() {
            return None;
        }
        if let Some(fig) = &mut self.fig {
            fig.text(t);
            return Some(());
        }
        if matches!(self.open.last(), Some((_, Kind::List { .. }))) {
            // None of the characters written as references is white space.
            return t.chars().all(is_html_space).then_some(());
        }
        self.w.para.push_text(&self.w.style, t);
        Some(())
    }

    /// Whether no paragraph, heading or inline element is open: blocks only there, as inside
    /// those the parser repairs the markup.
    fn only_containers(&self) -> bool {
        self.open.iter().all(|(_, k)| {
            matches!(
                k,
                Kind::Container
                    | Kind::Quote(_)
                    | Kind::List { .. }
                    | Kind::Item(_)
                    | Kind::Figure
                    | Kind::Muted { blocks: true, .. }
            )
        })
    }

    fn tag(&mut self, tag: &Tag<'_>) -> Option<()> {
        if tag.end {
            let (name, k) = self.open.pop()?;
            if name != tag.name {
                return None;
            }
            if let Some(fig) = &mut self.fig
                && fig.embed.is_some()
                && k != Kind::Figure
                && is_block_level(name)
            {
                fig.plain.push_text(&Style::default(), " ");
            }
            return self.close(k);
        }
        if self.fig.is_some() {
            return self.figure_tag(tag);
        }
        match tag.name {
            "br" => {
                self.w.para.line_break(&self.w.style);
                return Some(());
            }
            "img" | "hr" | "source" => return self.void(tag),
            _ => {}
        }
        let k = kind(tag.name)?;
        if tag.self_closing || self.open.len() >= MAX_OPEN {
            return None;
        }
        let only_containers = self.only_containers();
        let in_list = matches!(self.open.last(), Some((_, Kind::List { .. })));
        if self.left_to_walk(tag, &k) {
            return None;
        }
        let k = match k {
            Kind::Item(_) if in_list => Kind::Item(self.w.blocks.len()),
            _ if in_list => return None,
            Kind::Item(_) => return None,
            // A figure's image is a block, which a list item or heading would move.
            Kind::Figure if !only_containers || self.in_item_or_heading() => return None,
            Kind::Figure => {
                self.fig = Some(Figure::start(tag)?);
                k
            }
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
            Kind::Strike => {
                self.w.style.strike += 1;
                k
            }
            Kind::Script(sup, _) => Kind::Script(sup, self.w.para.mark()),
            Kind::Inline | Kind::Muted { .. } => k,
        };
        // `tag.name` is already the listed name (see [`known`]): no allocation.
        self.open.push((tag.name, k));
        Some(())
    }

    /// A list in a list's item, which is a list block of its own, a level deeper; a `<span
    /// class>` right in an item, which may be one of its fields (`walk::fields`); a class that
    /// may be Facebook's markup for a post, which is the post's embed (`facebook.rs`).
    fn left_to_walk(&self, tag: &Tag<'_>, k: &Kind) -> bool {
        let in_item = |(_, o): &(&str, Kind)| matches!(o, Kind::Item(_));
        (matches!(k, Kind::List { .. }) && self.open.iter().any(in_item))
            || (tag.name == "span" && tag.class.is_some() && self.open.last().is_some_and(in_item))
            || tag
                .class
                .is_some_and(|c| c.contains("fb-") || c.contains('&'))
    }

    fn in_item_or_heading(&self) -> bool {
        self.open
            .iter()
            .any(|(_, k)| matches!(k, Kind::Item(_) | Kind::Heading))
    }

    /// `<img>`, `<hr>` or `<source>` outside a figure: elements without content or end tag.
    fn void(&mut self, tag: &Tag<'_>) -> Option<()> {
        // The walk moves an image out of a list item or heading, after it.
        if matches!(self.open.last(), Some((_, Kind::List { .. }))) || self.in_item_or_heading() {
            return None;
        }
        match tag.name {
            "img" => {
                let img = Img::of(tag)?;
                let base = self.w.base;
                let b = image_of(|a| img.attr(a), String::new(), String::new(), base);
                if let Some(b) = b {
                    self.w.push_block(b);
                }
            }
            // A rule, like any block, closes a paragraph open around it.
            "hr" if !self.only_containers() => return None,
            "hr" => self.w.push_block(Block::Rule),
            // `<source>` is skipped by the walk.
            _ => {}
        }
        Some(())
    }

    /// A start tag inside a figure. Only elements whose nesting the parser keeps as written
    /// are read: the first `<img>`, and the text of the first `<figcaption>`, where every
    /// element is a word apart and an element whose class names a credit holds the credit.
    fn figure_tag(&mut self, tag: &Tag<'_>) -> Option<()> {
        let depth = self.open.len();
        let name = tag.name;
        let fig = self.fig.as_ref()?;
        // An embed's first link that resolves, as the walk finds it.
        let link = (name == "a" && fig.embed.is_some() && fig.first_link.is_none())
            .then(|| tag.href.as_deref().and_then(|h| self.w.url(h)))
            .flatten();
        let fig = self.fig.as_mut()?;
        let in_caption = fig.caption_at.is_some();
        if fig.embed.is_some() {
            if name == "br" {
                fig.plain.line_break(&Style::default());
            } else if is_block_level(name) {
                fig.plain.push_text(&Style::default(), " ");
            }
            if link.is_some() {
                fig.first_link = link;
            }
        }
        match name {
            "img" if !in_caption => {
                if fig.img.is_none() {
                    fig.img = Some(Img::of(tag)?);
                }
                return Some(());
            }
            "source" if !in_caption => return Some(()),
            "br" => {
                // A line break is a word apart in a caption, unless its class names a credit.
                if in_caption && fig.credit_at.is_none() && !tag.names_credit()? {
                    fig.caption.push_text(&Style::default(), " ");
                }
                return Some(());
            }
            _ => {}
        }
        if tag.self_closing || depth >= MAX_OPEN {
            return None;
        }
        let (blocks, link) = match kind(name)? {
            Kind::Container => (true, false),
            Kind::Paragraph
            | Kind::Bold
            | Kind::Italic
            | Kind::Strike
            | Kind::Script(..)
            | Kind::Inline => (false, false),
            Kind::Link(_) => (false, true),
            _ => return None,
        };
        let block_level = blocks || name == "p";
        let in_link = || {
            self.open
                .iter()
                .any(|(_, k)| matches!(k, Kind::Link(_) | Kind::Muted { link: true, .. }))
        };
        if (block_level && !self.only_containers()) || (link && in_link()) {
            return None;
        }
        let credit = in_caption && tag.names_credit()?;
        let fig = self.fig.as_mut()?;
        if name == "figcaption" {
            if in_caption {
                return None;
            }
            if !fig.captioned {
                fig.captioned = true;
                fig.caption_at = Some(depth);
            }
        } else if in_caption && fig.credit_at.is_none() {
            if credit {
                fig.credit_at = Some(depth);
            } else {
                fig.caption.push_text(&Style::default(), " ");
            }
        }
        self.open.push((name, Kind::Muted { blocks, link }));
        Some(())
    }

    /// The end of the figure: its image, if the walk would show one.
    fn end_figure(&mut self) -> Option<()> {
        let mut fig = self.fig.take()?;
        let Some(img) = fig.img else {
            // A Guardian embed is read as the walk reads it; a player or a figure of text is
            // left to the full parse.
            let kind = fig.embed?;
            let url = fig
                .canonical
                .as_deref()
                .and_then(|u| self.w.url(u))
                .or(fig.first_link);
            let title = fig.plain.take().map(|r| runs_text(&r)).unwrap_or_default();
            self.w.push_block(Block::Embed(Box::new(Embed {
                kind,
                title: collapse_lines(&title),
                url,
            })));
            return Some(());
        };
        let text = |r: &mut Runs| r.take().map(|r| runs_text(&r)).unwrap_or_default();
        let (caption, credit) = (text(&mut fig.caption), text(&mut fig.credit));
        let base = self.w.base;
        if let Some(b) = image_of(|a| img.attr(a), caption, credit, base) {
            self.w.push_block(b);
        }
        Some(())
    }

    fn close(&mut self, k: Kind) -> Option<()> {
        let depth = self.open.len();
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
                    self.w.blocks.push(Block::list(ordered, items));
                }
            }
            Kind::Item(start) => {
                // An item is one line of text, whatever blocks it holds.
                self.w.flush();
                let (runs, media) = super::flatten(self.w.blocks.split_off(start));
                debug_assert!(media.is_empty(), "no media is read here");
                match (runs.is_empty(), self.open.last_mut()) {
                    (false, Some((_, Kind::List { items, .. }))) => items.push(runs),
                    // An empty numbered item still takes its number: left to the walk.
                    (true, Some((_, Kind::List { ordered: true, .. }))) => return None,
                    _ => {}
                }
            }
            Kind::Quote(start) => {
                self.w.flush();
                let content = self.w.blocks.split_off(start);
                // As deep as the quotes still open around it.
                let around = self
                    .open
                    .iter()
                    .filter(|(_, k)| matches!(k, Kind::Quote(_)));
                let level = u8::try_from(around.count()).unwrap_or(u8::MAX);
                self.w.push_quote(content, None, level);
            }
            Kind::Bold => style.bold -= 1,
            Kind::Italic => style.italic -= 1,
            Kind::Strike => style.strike -= 1,
            Kind::Script(sup, mark) => self.w.para.script(mark, sup),
            Kind::Link(outer) => style.link = outer,
            Kind::Inline => {}
            Kind::Figure => return self.end_figure(),
            Kind::Muted { .. } => {
                if let Some(fig) = &mut self.fig {
                    if fig.credit_at == Some(depth) {
                        fig.credit_at = None;
                    }
                    if fig.caption_at == Some(depth) {
                        fig.caption_at = None;
                    }
                }
            }
        }
        Some(())
    }
}

/// A start or end tag, with the attributes the walk reads.
struct Tag<'a> {
    /// In lower case (see [`known`]).
    name: &'static str,
    end: bool,
    self_closing: bool,
    /// The first `href`, character references decoded.
    href: Option<String>,
    /// The first of each of these, as written: decoded only where read.
    src: Option<&'a str>,
    data_src: Option<&'a str>,
    srcset: Option<&'a str>,
    alt: Option<&'a str>,
    class: Option<&'a str>,
    /// `data-canonical-url`.
    canonical: Option<&'a str>,
    /// The values above are written with character references (read from markup), not
    /// taken from a parsed tree.
    escaped: bool,
}

impl Tag<'_> {
    /// A tag without attributes yet; `escaped` as for [`Tag::escaped`].
    fn new(name: &'static str, end: bool, escaped: bool) -> Self {
        Tag {
            name,
            end,
            self_closing: false,
            href: None,
            src: None,
            data_src: None,
            srcset: None,
            alt: None,
            class: None,
            canonical: None,
            escaped,
        }
    }
}

impl<'a> Tag<'a> {
    /// `raw`, one of this tag's values, with character references decoded; `None` where one
    /// is not read here.
    fn decoded(&self, raw: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        if !self.escaped || memchr::memchr(b'&', raw.as_bytes()).is_none() {
            return Some(raw.into());
        }
        let mut v = String::new();
        decode(raw, &mut v)?;
        Some(v.into())
    }

    /// Whether the `class` attribute names a credit (the Guardian's `element-image__credit`):
    /// a class that contains the word, as the walk reads a caption.
    fn names_credit(&self) -> Option<bool> {
        let Some(raw) = self.class else {
            return Some(false);
        };
        if !self.escaped {
            return Some(raw.contains("credit"));
        }
        let mut v = String::new();
        decode(raw, &mut v)?;
        Some(v.contains("credit"))
    }

    /// Reads the tag at the start of `s` (which starts with `<`); `None` for anything but a
    /// plain start or end tag (comments, doctypes, `<` as text, odd names or attributes).
    fn read(s: &'a str) -> Option<(Tag<'a>, &'a str)> {
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
        let name = known(&s[start..start + name_len])?;
        let mut tag = Tag::new(name, end, true);
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
    fn attribute(&mut self, src: &'a str, at: usize) -> Option<usize> {
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

    fn set(&mut self, name: &str, value: &'a str) -> Option<()> {
        if value.contains('\0') {
            return None;
        }
        // The parser keeps the first of attributes of the same name, in any case.
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        // A list numbered from elsewhere, down or otherwise than 1, 2, 3 is left to the walk.
        if self.name == "ol" && (is("start") || is("reversed") || is("type")) {
            return None;
        }
        // So is an item numbered for itself (`<li value>`), and the items after it.
        if self.name == "li" && is("value") {
            return None;
        }
        // And a list or item marked by its style (`list-style-type: lower-alpha`), or by a
        // style written with character references.
        if matches!(self.name, "ol" | "ul" | "li")
            && is("style")
            && (value.to_ascii_lowercase().contains("list-style") || value.contains('&'))
        {
            return None;
        }
        if is("href") {
            if self.href.is_none() {
                let mut v = String::new();
                if self.escaped {
                    decode(value, &mut v)?;
                } else {
                    v.push_str(value);
                }
                self.href = Some(v);
            }
            return Some(());
        }
        let slot = if is("class") {
            &mut self.class
        } else if is("src") {
            &mut self.src
        } else if is("alt") {
            &mut self.alt
        } else if is("srcset") {
            &mut self.srcset
        } else if is("data-src") {
            &mut self.data_src
        } else if is("data-canonical-url") {
            &mut self.canonical
        } else {
            return Some(());
        };
        slot.get_or_insert(value);
        Some(())
    }
}

#[cfg(test)]
mod tests;
