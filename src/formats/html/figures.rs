//! `<figure>` elements: an image, a player, a Guardian embed figure, or text; and the
//! readable kinds of Guardian embeds.

use super::media::image;
use super::walk::{Style, Walker, is_skipped, plain_of};
use super::{collapse_lines, runs_text};
use crate::blog::{Block, Embed};
use scraper::{ElementRef, Node};

impl Walker<'_> {
    pub(super) fn figure(&mut self, el: ElementRef<'_>, depth: usize) {
        let img = el.descendent_elements().find(|e| e.value().name() == "img");
        let player = el
            .descendent_elements()
            .find(|e| matches!(e.value().name(), "iframe" | "video" | "audio" | "embed"));
        let figcaption = el
            .descendent_elements()
            .find(|e| e.value().name() == "figcaption");
        let (caption, credit) = figcaption.map(caption_and_credit).unwrap_or_default();
        if let Some(img) = img {
            if let Some(b) = image(img, caption, credit, self.base) {
                self.push_block(b);
            }
        } else if let Some(p) = player {
            let mut b = super::facebook::frame(p, self.base);
            if let Block::Embed(e) = &mut b
                && e.title.is_empty()
            {
                e.title = caption;
            }
            self.push_block(b);
        } else if let Some(kind) = guardian_figure_kind(el.value().classes()) {
            // A Guardian embed figure (`<figure class="element element-tweet"
            // data-canonical-url="…">`): one Embed, as its typed element reads in the other
            // Guardian formats, titled with its text.
            let url = el
                .attr("data-canonical-url")
                .and_then(|u| self.url(u))
                .or_else(|| {
                    el.descendent_elements()
                        .filter(|a| a.value().name() == "a")
                        .find_map(|a| a.attr("href").and_then(|h| self.url(h)))
                });
            self.push_block(Block::Embed(Box::new(Embed {
                kind,
                title: collapse_lines(&plain_of(el)),
                url,
            })));
        } else {
            // A figure of text (a quote, a stray paragraph): its content as blocks.
            self.flush();
            self.children(el, depth);
            self.flush();
        }
    }
}

/// Caption and credit of a `<figcaption>`: text inside an element whose class names a credit
/// (the Guardian's `element-image__credit`) is the credit, the rest the caption.
fn caption_and_credit(fc: ElementRef<'_>) -> (String, String) {
    let mut caption = Walker::default();
    let mut credit = Walker::default();
    let mut stack = vec![(fc.children(), false)];
    while let Some((top, in_credit)) = stack.last_mut() {
        let in_credit = *in_credit;
        let Some(node) = top.next() else {
            stack.pop();
            continue;
        };
        match node.value() {
            Node::Text(t) => {
                let w = if in_credit { &mut credit } else { &mut caption };
                w.para.push_text(&Style::default(), t);
            }
            Node::Element(e) if !is_skipped(e.name()) => {
                let credit_here = in_credit || e.classes().any(|c| c.contains("credit"));
                if !credit_here {
                    caption.para.push_text(&Style::default(), " ");
                }
                stack.push((node.children(), credit_here));
            }
            _ => {}
        }
    }
    let text = |w: &mut Walker| w.para.take().map(|r| runs_text(&r)).unwrap_or_default();
    (text(&mut caption), text(&mut credit))
}

/// The kind of a Guardian embed figure from its `element-<type>` class (`element-tweet`,
/// `element-rich-link`, `element-embed`…); `None` for images and for figures without one.
/// `classes` are the figure's, sorted and each once, as the tree gives them.
pub(super) fn guardian_figure_kind<'a>(classes: impl Iterator<Item = &'a str>) -> Option<String> {
    classes
        .filter_map(|c| c.strip_prefix("element-"))
        .find(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()) && !t.contains("__"))
        .filter(|t| *t != "image")
        .map(guardian_kind)
}

/// A readable embed kind from a Guardian element type (a Content API `type`, or the
/// `element-<type>` class of a rendered body): "tweet" → "Tweet", "rich-link" → "Link",
/// "callout-v2" → "Callout v2".
pub fn guardian_kind(ty: &str) -> String {
    match ty {
        "tweet" => "Tweet".into(),
        "video" => "Video".into(),
        "audio" => "Audio".into(),
        "rich-link" => "Link".into(),
        other => {
            let words = other.replace(['-', '_'], " ");
            let mut chars = words.trim().chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => "Embed".into(),
            }
        }
    }
}
