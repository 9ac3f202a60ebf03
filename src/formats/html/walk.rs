//! The tree walk: elements to blocks and styled runs, with lists, tables and quotes.

use super::media::image;
use super::{MAX_DEPTH, resolve_url, runs_text};
use crate::blog::{Block, Inline, MAX_QUOTE_LEVEL};
use scraper::{ElementRef, Node};
use std::rc::Rc;
use url::Url;

pub(super) mod fast;
mod fields;
mod list;
mod script;
mod table;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Style {
    bold: u32,
    italic: u32,
    strike: u32,
    /// Shared: the style is cloned at every space, the target only copied into new runs.
    link: Option<Rc<str>>,
}

impl Style {
    /// A run of `text` in this style, with room for `more` bytes after it.
    fn run(&self, text: &str, more: usize) -> Inline {
        let mut t = String::with_capacity(text.len() + more);
        t.push_str(text);
        Inline {
            text: t,
            bold: self.bold > 0,
            italic: self.italic > 0,
            strike: self.strike > 0,
            link: self.link.as_deref().map(str::to_string),
        }
    }

    fn same_as(&self, r: &Inline) -> bool {
        r.bold == (self.bold > 0)
            && r.italic == (self.italic > 0)
            && r.strike == (self.strike > 0)
            && r.link.as_deref() == self.link.as_deref()
    }
}

/// White space as HTML defines it (not U+00A0, which must stay).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// How many bytes at the start of `b` collapsing white space leaves unchanged: all of them up
/// to a tab, line break or form feed, two spaces in a row, or a space at the end. HTML white
/// space is ASCII, so the cut is always between characters.
fn collapsed_prefix(b: &[u8]) -> usize {
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
    let mut i = 0;
    // Thirty-two bytes at a time while none of them ends the prefix, each looked at with the
    // byte after it, without a branch per byte (the compiler makes this vector instructions).
    while let Some((this, _)) = b[i..].split_first_chunk::<32>()
        && let Some(next) = b[i + 1..].first_chunk::<32>()
    {
        let mut ends = 0u8;
        for k in 0..32 {
            // Bytes and `|`, not `||`: no branch, so the loop is a few vector compares.
            let control = |c: u8| {
                u8::from(c == b'\t')
                    | u8::from(c == b'\n')
                    | u8::from(c == b'\r')
                    | u8::from(c == 0x0c)
            };
            let (c, n) = (this[k], next[k]);
            ends |= control(c) | (u8::from(c == b' ') & (u8::from(n == b' ') | control(n)));
        }
        if ends != 0 {
            break;
        }
        i += 32;
    }
    while i < b.len() {
        match b[i] {
            b'\t' | b'\n' | b'\r' | 0x0c => return i,
            b' ' if b.get(i + 1).is_none_or(|&n| space(n)) => return i,
            _ => i += 1,
        }
    }
    i
}

/// The paragraph being built: runs with HTML whitespace collapsed as a browser would.
#[derive(Default)]
#[expect(
    clippy::struct_field_names,
    reason = "the runs are what `Runs` holds; the rest is bookkeeping"
)]
pub(super) struct Runs {
    runs: Vec<Inline>,
    /// Whitespace seen since the last character, and the style it was seen in.
    pending_space: Option<Style>,
    /// How many times the runs were taken (see [`script::Mark`]).
    taken: u32,
}

impl Runs {
    fn push_str(&mut self, style: &Style, s: &str) {
        self.push_str_with_room(style, s, 0);
    }

    /// [`Runs::push_str`], a new run made with room for `more` bytes after `s`: the rest of
    /// the text being read, copied into it next without growing it again.
    fn push_str_with_room(&mut self, style: &Style, s: &str, more: usize) {
        match self.runs.last_mut() {
            Some(r) if style.same_as(r) => r.text.push_str(s),
            _ => self.runs.push(style.run(s, more)),
        }
    }

    fn at_line_start(&self) -> bool {
        self.runs.last().is_none_or(|r| r.text.ends_with('\n'))
    }

    /// Text as it appears in the source: runs of HTML whitespace become one space, none at the
    /// start of a line.
    pub(super) fn push_text(&mut self, style: &Style, text: &str) {
        let rest = text.trim_start_matches(is_html_space);
        if rest.len() != text.len() && self.pending_space.is_none() && !self.at_line_start() {
            self.pending_space = Some(style.clone());
        }
        let Some(word_end) = (!rest.is_empty()).then(|| rest.find(is_html_space)) else {
            return;
        };
        let (word, mut tail) = rest.split_at(word_end.unwrap_or(rest.len()));
        if let Some(s) = self.pending_space.take() {
            self.push_str(&s, " ");
        }
        self.push_str_with_room(style, word, tail.len());
        // The last run is now in `style`: the other words go straight into it, one space
        // apart, without looking at the style again for each.
        let Some(run) = self.runs.last_mut() else {
            return;
        };
        run.text.reserve(tail.len());
        loop {
            // Words one space apart are already collapsed: copied as they are, up to the first
            // white space that is not a lone space between two words.
            let keep = collapsed_prefix(tail.as_bytes());
            run.text.push_str(&tail[..keep]);
            tail = &tail[keep..];
            if tail.is_empty() {
                return;
            }
            tail = tail.trim_start_matches(is_html_space);
            if tail.is_empty() {
                // Trailing white space: a space if more text follows on this line.
                self.pending_space = Some(style.clone());
                return;
            }
            run.text.push(' ');
        }
    }

    /// Text kept exactly (preformatted code inside a paragraph).
    fn push_verbatim(&mut self, style: &Style, text: &str) {
        if let Some(s) = self.pending_space.take() {
            self.push_str(&s, " ");
        }
        self.push_str(style, text);
    }

    /// A `<br>`: a newline, with the spaces before and after it dropped.
    fn line_break(&mut self, style: &Style) {
        self.pending_space = None;
        self.push_str(style, "\n");
    }

    /// The finished runs, without leading or trailing white space; `None` when blank.
    pub(super) fn take(&mut self) -> Option<Vec<Inline>> {
        self.pending_space = None;
        self.taken = self.taken.wrapping_add(1);
        let mut runs = std::mem::take(&mut self.runs);
        if runs.iter().all(|r| r.text.chars().all(char::is_whitespace)) {
            return None;
        }
        while runs.first().is_some_and(|r| r.text.trim_start().is_empty()) {
            runs.remove(0);
        }
        while runs.last().is_some_and(|r| r.text.trim_end().is_empty()) {
            runs.pop();
        }
        if let Some(first) = runs.first_mut() {
            let t = first.text.trim_start();
            if t.len() != first.text.len() {
                first.text = t.to_string();
            }
        }
        if let Some(last) = runs.last_mut() {
            let t = last.text.trim_end();
            if t.len() != last.text.len() {
                last.text.truncate(t.len());
            }
        }
        Some(runs)
    }
}

#[derive(Default)]
pub(super) struct Walker<'b> {
    blocks: Vec<Block>,
    pub(super) para: Runs,
    style: Style,
    /// Address of the document, for relative links.
    pub(super) base: Option<&'b Url>,
    /// How many lists this walk is inside: a list read here is a list block of this level.
    list_level: u8,
    /// How many quotes this walk is inside: a quote read here is a quote block of this level.
    quote_level: u8,
}

/// Elements whose content is never text for a reader.
pub(in crate::formats) fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "object"
            | "param"
            | "source"
            | "track"
            | "map"
            | "canvas"
            | "noembed"
            | "noframes"
    )
}

/// Elements that start a new block of their own.
fn is_block_level(name: &str) -> bool {
    is_block_container(name)
        || matches!(
            name,
            "h1" | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "ul"
                | "ol"
                | "li"
                | "blockquote"
                | "pre"
                | "figure"
                | "figcaption"
                | "tr"
                | "hr"
        )
}

/// Elements that end the paragraph around them and are otherwise transparent.
fn is_block_container(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "td"
            | "th"
            | "caption"
            | "form"
            | "fieldset"
            | "legend"
            | "body"
            | "html"
            | "hgroup"
            | "menu"
    )
}

impl<'b> Walker<'b> {
    /// A walker for a whole fragment, its links resolved against `base`.
    pub(super) fn new(base: Option<&'b Url>) -> Self {
        Walker {
            base,
            ..Walker::default()
        }
    }

    pub(super) fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    /// Ends the current paragraph, if it has any text.
    pub(super) fn flush(&mut self) {
        if let Some(runs) = self.para.take() {
            let post = super::facebook::bare_post(&runs);
            self.blocks.push(post.unwrap_or(Block::Paragraph { runs }));
        }
    }

    pub(super) fn push_block(&mut self, b: Block) {
        self.flush();
        self.blocks.push(b);
    }

    pub(super) fn children(&mut self, el: ElementRef<'_>, depth: usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.para.push_text(&self.style, t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.element(e, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// As [`Walker::children`], leaving out the children `skip` picks.
    pub(super) fn children_except(
        &mut self,
        el: ElementRef<'_>,
        depth: usize,
        skip: &dyn Fn(ElementRef<'_>) -> bool,
    ) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.para.push_text(&self.style, t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child).filter(|e| !skip(*e)) {
                        self.element(e, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// A walker for content kept apart from the current paragraph, in the same style.
    fn sub(&self) -> Walker<'b> {
        Walker {
            style: self.style.clone(),
            base: self.base,
            list_level: self.list_level,
            quote_level: self.quote_level,
            ..Walker::default()
        }
    }

    /// [`Walker::sub`] for the content of a list's item: lists in it are a level deeper.
    fn item_sub(&self) -> Walker<'b> {
        Walker {
            list_level: self.list_level.saturating_add(1),
            ..self.sub()
        }
    }

    /// Blocks of an element's content, walked apart from the current paragraph.
    fn sub_blocks(&self, el: ElementRef<'_>, depth: usize) -> Vec<Block> {
        let mut w = self.sub();
        w.children(el, depth);
        w.finish()
    }

    pub(super) fn url(&self, href: &str) -> Option<String> {
        resolve_url(href, self.base)
    }

    fn element(&mut self, el: ElementRef<'_>, depth: usize) {
        let name = el.value().name();
        if is_skipped(name) {
            return;
        }
        if depth > MAX_DEPTH {
            self.flat_text(el);
            return;
        }
        match name {
            "br" => self.para.line_break(&self.style),
            "hr" => self.push_block(Block::Rule),
            "b" | "strong" => self.styled(el, depth, |s| s.bold += 1),
            "i" | "em" | "cite" | "dfn" | "var" => self.styled(el, depth, |s| s.italic += 1),
            "s" | "del" | "strike" => self.styled(el, depth, |s| s.strike += 1),
            "sup" | "sub" => {
                let mark = self.para.mark();
                self.children(el, depth);
                self.para.script(mark, name == "sup");
            }
            "a" => {
                let link = el.attr("href").and_then(|h| self.url(h)).map(Rc::from);
                let outer = self.style.link.clone();
                if link.is_some() {
                    self.style.link = link;
                }
                self.children(el, depth);
                self.style.link = outer;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let (runs, media) = flatten(self.sub_blocks(el, depth));
                if !runs.is_empty() {
                    self.blocks.push(Block::Heading { runs });
                }
                self.blocks.extend(media);
            }
            "ul" | "ol" => self.list(el, depth, name == "ol"),
            "li" => {
                // A list item outside a list: a one-item list.
                self.flush();
                let (runs, media) = flatten(self.sub_blocks(el, depth));
                if !runs.is_empty() {
                    self.blocks.push(Block::list(false, vec![runs]));
                }
                self.blocks.extend(media);
            }
            "blockquote" => self.quote(el, depth),
            "pre" => {
                let text: String = el.text().collect();
                let text = text.strip_prefix('\n').unwrap_or(&text).trim_end();
                if !text.is_empty() {
                    self.push_block(Block::Code {
                        text: text.to_string(),
                    });
                }
            }
            "code" | "kbd" | "samp" | "tt" => {
                let text: String = el.text().collect();
                if text.trim().contains('\n') {
                    self.push_block(Block::Code {
                        text: text.trim_matches('\n').trim_end().to_string(),
                    });
                } else {
                    self.para.push_verbatim(&self.style, &text);
                }
            }
            "figure" => self.figure(el, depth),
            "table" => self.table(el, depth),
            "img" => {
                if let Some(img) = image(el, String::new(), String::new(), self.base) {
                    self.push_block(img);
                }
            }
            "iframe" | "video" | "audio" | "embed" => {
                let b = super::facebook::frame(el, self.base);
                self.push_block(b);
            }
            "figcaption" => {
                // A caption outside a figure is just a paragraph.
                self.flush();
                self.children(el, depth);
                self.flush();
            }
            _ if is_block_container(name) => self.container(el, depth),
            // span, small, u, mark, abbr, time, q, unknown elements: inline.
            _ => self.children(el, depth),
        }
    }

    fn styled(&mut self, el: ElementRef<'_>, depth: usize, f: impl Fn(&mut Style)) {
        let outer = self.style.clone();
        f(&mut self.style);
        self.children(el, depth);
        self.style = outer;
    }

    /// Below the depth limit: the text of everything, iteratively, in the current style.
    /// Block boundaries become spaces, so that words of adjacent paragraphs stay apart.
    fn flat_text(&mut self, el: ElementRef<'_>) {
        let mut stack = vec![(el.children(), false)];
        while let Some((top, _)) = stack.last_mut() {
            let Some(node) = top.next() else {
                if let Some((_, true)) = stack.pop() {
                    self.para.push_text(&self.style, " ");
                }
                continue;
            };
            match node.value() {
                Node::Text(t) => self.para.push_text(&self.style, t),
                Node::Element(e) if !is_skipped(e.name()) => {
                    let name = e.name();
                    if name == "br" {
                        self.para.line_break(&self.style);
                    } else {
                        let block = is_block_level(name);
                        if block {
                            self.para.push_text(&self.style, " ");
                        }
                        stack.push((node.children(), block));
                    }
                }
                _ => {}
            }
        }
    }

    /// A list: its items, each one line of text, with the lists nested in them as list
    /// blocks a level deeper, right after the item (see [`Block::List`]).
    fn list(&mut self, el: ElementRef<'_>, depth: usize, ordered: bool) {
        self.flush();
        let (marks, start, reversed) = list::numbering(el, ordered);
        let mut parts = list::ListParts::new(marks, start, self.list_level).reversed(reversed);
        let mut media = Vec::new();
        // Content between items (stray text, or a nested list not wrapped in an li) is kept
        // as items of its own rather than lost.
        let mut stray = self.item_sub();
        for child in el.children() {
            match child.value() {
                Node::Element(e) if e.name() == "li" => {
                    let before = std::mem::replace(&mut stray, self.item_sub());
                    parts.take(before.finish(), &mut media);
                    if let Some(li) = ElementRef::wrap(child) {
                        parts.mark_item(list::style_marks(li, ordered));
                        if let Some(n) = list::item_value(li, ordered) {
                            parts.number_from(n);
                        }
                        let mut item = self.item_sub();
                        item.item_children(li, depth + 1);
                        parts.take_item(item.finish(), &mut media);
                    }
                }
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        stray.element(e, depth + 1);
                    }
                }
                Node::Text(t) => stray.para.push_text(&stray.style, t),
                _ => {}
            }
        }
        parts.take(stray.finish(), &mut media);
        self.blocks.extend(parts.finish());
        self.blocks.extend(media);
    }

    fn quote(&mut self, el: ElementRef<'_>, depth: usize) {
        self.flush();
        // A trailing <cite> or <footer> names the speaker.
        let last = el.child_elements().last();
        let attribution_el = last.filter(|e| matches!(e.value().name(), "cite" | "footer"));
        let mut inner = Walker {
            quote_level: self.quote_level.saturating_add(1),
            ..self.sub()
        };
        for child in el.children() {
            if attribution_el.is_some_and(|a| a.id() == child.id()) {
                continue;
            }
            match child.value() {
                Node::Text(t) => inner.para.push_text(&inner.style, t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        inner.element(e, depth + 1);
                    }
                }
                _ => {}
            }
        }
        let attribution = attribution_el
            .map(|a| plain_of(a))
            .map(|a| {
                a.trim_start_matches(|c: char| is_dash(c) || c.is_whitespace())
                    .to_string()
            })
            .filter(|a| !a.is_empty());
        self.push_quote(inner.finish(), attribution, self.quote_level);
    }

    /// The blocks of a quotation's content as a Quote `level` deep, its images and embeds after
    /// it. A quote in it (a level deeper) is a block of its own, and ends a part of this one.
    fn push_quote(&mut self, content: Vec<Block>, attribution: Option<String>, level: u8) {
        let level = level.min(MAX_QUOTE_LEVEL);
        let mut paragraphs = Vec::new();
        let mut media = Vec::new();
        for b in content {
            match b {
                Block::Image(_) | Block::Embed(_) => media.push(b),
                Block::Quote { level: l, .. } if l > level => {
                    self.push_quote_part(std::mem::take(&mut paragraphs), None, level);
                    self.blocks.push(b);
                }
                // Deeper than quotes are kept: read into this one.
                Block::Quote { paragraphs: p, .. } => paragraphs.extend(p),
                // A row a paragraph, as a quote has no room for columns.
                Block::Table(t) => paragraphs.extend(t.row_runs()),
                Block::Rule => {}
                other => {
                    let (runs, m) = flatten(vec![other]);
                    media.extend(m);
                    paragraphs.push(runs);
                }
            }
        }
        self.push_quote_part(paragraphs, attribution.map(String::into_boxed_str), level);
        self.blocks.extend(media);
    }

    /// A part of a quote, unless it has nothing to show.
    fn push_quote_part(
        &mut self,
        mut paragraphs: Vec<Vec<Inline>>,
        attribution: Option<Box<str>>,
        level: u8,
    ) {
        // A dash left alone before the attribution ("— <cite>Name</cite>") is punctuation.
        paragraphs.retain(|p| !is_only_dashes(&runs_text(p)));
        if !paragraphs.is_empty() || attribution.is_some() {
            self.blocks.push(Block::Quote {
                paragraphs,
                attribution,
                level,
            });
        }
    }
}

/// Content between list items, as items of its own.
fn list_len(b: &Block) -> usize {
    match b {
        Block::List { items, .. } => items.len(),
        _ => 0,
    }
}

/// One element's own text, collapsed, without the walk's block structure.
pub(super) fn plain_of(el: ElementRef<'_>) -> String {
    let mut w = Walker::default();
    w.flat_text(el);
    w.para.take().map(|r| runs_text(&r)).unwrap_or_default()
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '−')
}

fn is_only_dashes(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| is_dash(c) || c.is_whitespace())
}

/// Blocks flattened into one run list (for a heading, list item or quote paragraph): blocks
/// become lines, nested list items become "• " lines, and media are handed back to be placed
/// after the enclosing block.
fn flatten(blocks: Vec<Block>) -> (Vec<Inline>, Vec<Block>) {
    let mut runs: Vec<Inline> = Vec::new();
    let mut media = Vec::new();
    let line = |runs: &mut Vec<Inline>, prefix: &str, mut more: Vec<Inline>| {
        if more.is_empty() {
            return;
        }
        let mut lead = String::new();
        if !runs.is_empty() {
            lead.push('\n');
        }
        lead.push_str(prefix);
        if !lead.is_empty() {
            runs.push(Inline::plain(lead));
        }
        runs.append(&mut more);
    };
    for b in blocks {
        match b {
            Block::Paragraph { runs: r } | Block::Heading { runs: r } => line(&mut runs, "", r),
            Block::List { .. } => {
                let pad = match &b {
                    Block::List { level, .. } => "  ".repeat(usize::from(*level)),
                    _ => String::new(),
                };
                let markers: Vec<String> = (0..list_len(&b)).map(|i| b.marker(i)).collect();
                let Block::List { items, .. } = b else {
                    continue;
                };
                for (it, marker) in items.into_iter().zip(markers) {
                    line(&mut runs, &format!("{pad}{marker}"), it);
                }
            }
            Block::Quote {
                paragraphs,
                attribution,
                ..
            } => {
                for p in paragraphs {
                    line(&mut runs, "", p);
                }
                if let Some(a) = attribution {
                    line(&mut runs, "— ", vec![Inline::plain(a.into_string())]);
                }
            }
            Block::Code { text } => line(&mut runs, "", vec![Inline::plain(text)]),
            Block::Table(t) => t
                .row_runs()
                .into_iter()
                .for_each(|r| line(&mut runs, "", r)),
            Block::Image(_) | Block::Embed(_) => media.push(b),
            Block::Rule => {}
        }
    }
    (merged(runs), media)
}

/// Adjacent runs of the same style joined: they read, wrap and compare better as one.
fn merged(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    for r in runs {
        match out.last_mut() {
            Some(m)
                if m.bold == r.bold
                    && m.italic == r.italic
                    && m.strike == r.strike
                    && m.link == r.link =>
            {
                m.text.push_str(&r.text);
            }
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::collapsed_prefix;

    /// [`collapsed_prefix`] a byte at a time, as it was before it looked at 32.
    fn bytewise(b: &[u8]) -> usize {
        let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
        (0..b.len())
            .find(|&i| match b[i] {
                b'\t' | b'\n' | b'\r' | 0x0c => true,
                b' ' => b.get(i + 1).is_none_or(|&n| space(n)),
                _ => false,
            })
            .unwrap_or(b.len())
    }

    #[test]
    fn the_collapsed_prefix_is_found_wherever_it_ends() {
        let mut rng = fastrand::Rng::with_seed(5);
        let alphabet = [b'a', b'b', b' ', b'\t', b'\n', b'\r', 0x0c, 0xc3, 0xa9];
        for _ in 0..20_000 {
            let len = rng.usize(0..200);
            // Mostly words one space apart, so the prefix often runs past a chunk.
            let b: Vec<u8> = (0..len)
                .map(|_| match rng.u8(0..100) {
                    0..2 => alphabet[rng.usize(..alphabet.len())],
                    2..15 => b' ',
                    _ => b'x',
                })
                .collect();
            assert_eq!(collapsed_prefix(&b), bytewise(&b), "{b:?}");
        }
    }
}
