//! The light tree: the tree of a page built by the fast page reading's own builder, without
//! scraper's nodes.
//!
//! An AMP page whose live list is all that is read from it was read by building scraper's
//! tree of the whole page, which was 40% of the time of reading one, and as much again went
//! to dropping it. This tree holds only what the readings of the list look at: an arena of
//! nodes in the order they were made, text kept as a range of the page where the page holds
//! it as it is, attributes sorted by name as scraper sorts them. It is built by the same
//! builder as scraper's tree (`build.rs`), so it has the same shape: the two are compared node
//! by node in the tests.

use super::Refused;
use super::build::{Sink, build_into};
use super::skim::{Skimmed, Tok};
use crate::formats::html::dom::{Data, Dom};
use html5ever::{Attribute, LocalName, QualName, ns};
use std::ops::Range;

/// No node: the end of a list of children, or above the document.
const NONE: usize = usize::MAX;

/// A page's tree, borrowing its text from the page.
pub(in crate::formats) struct Light<'a> {
    src: &'a str,
    nodes: Vec<Node<'a>>,
    /// The tokens of every skimmed content, one after the other.
    toks: Vec<Tok<'a>>,
    /// The page has NUL, which the tokenizer replaces: nothing is skimmed.
    nul: bool,
    /// The last element whose children were asked about by [`Sink::skims`], and the answer:
    /// a list's items share one, and the tree only grows, so it is not worked out again.
    holder: Option<(usize, bool)>,
}

struct Node<'a> {
    parent: usize,
    first_child: usize,
    last_child: usize,
    next_sibling: usize,
    data: Stored<'a>,
}

enum Stored<'a> {
    Document,
    Doctype,
    Comment(Text),
    Text(Text),
    /// An element, with its content when that was skimmed rather than built: as written,
    /// and its tokens in [`Light::toks`].
    Element(QualName, Vec<Attribute>, Option<(&'a str, Range<usize>)>),
}

/// Text as the page holds it (a range of it), or decoded.
enum Text {
    Page(Range<usize>),
    Owned(String),
}

/// The tree of `html` as the fast page reading builds it; `Err` where that reading leaves
/// the page to html5ever. `html` must have no carriage returns (see [`super::normalised`]).
pub(in crate::formats) fn build(html: &str) -> Result<Light<'_>, Refused> {
    let light = Light {
        src: html,
        toks: Vec::new(),
        nul: memchr::memchr(0, html.as_bytes()).is_some(),
        holder: None,
        nodes: vec![Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data: Stored::Document,
        }],
    };
    build_into(html, light)
}

impl<'a> Light<'a> {
    /// Every node, in the order they were made (scraper's `tree.nodes()`).
    pub(in crate::formats) fn nodes(&self) -> impl Iterator<Item = LightNode<'_>> {
        (0..self.nodes.len()).map(|id| LightNode { tree: self, id })
    }

    /// `text` as a range of the page when it is a slice of it, else a copy.
    fn text_of(&self, text: &str) -> Text {
        let page = self.src.as_bytes().as_ptr_range();
        let at = text.as_bytes().as_ptr_range();
        if page.start <= at.start && at.end <= page.end {
            let start = at.start as usize - page.start as usize;
            Text::Page(start..start + text.len())
        } else {
            Text::Owned(text.to_string())
        }
    }

    fn push(&mut self, parent: usize, data: Stored<'a>) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data,
        });
        let p = &mut self.nodes[parent];
        let last = std::mem::replace(&mut p.last_child, id);
        if last == NONE {
            p.first_child = id;
        } else {
            self.nodes[last].next_sibling = id;
        }
        id
    }
}

impl<'a> Sink<'a> for Light<'a> {
    type Handle = usize;

    fn document(&self) -> usize {
        0
    }

    fn doctype(&mut self) {
        self.push(0, Stored::Doctype);
    }

    fn quirks(&mut self) {
        // Nothing read from the tree depends on the mode, and no node is moved by it here.
    }

    fn comment(&mut self, parent: usize, text: &str) {
        let text = self.text_of(text);
        self.push(parent, Stored::Comment(text));
    }

    fn element(&mut self, parent: usize, name: LocalName, mut attrs: Vec<Attribute>) -> usize {
        // As scraper keeps them: its own sort (no two share a name here).
        attrs.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        self.push(
            parent,
            Stored::Element(QualName::new(None, ns!(html), name), attrs, None),
        )
    }

    /// The items of an AMP list: the children of an element with an `items` attribute (not
    /// itself a list) whose parent is an `<amp-live-list>`. Those of a second `items` element,
    /// which the reading leaves, are skimmed too: that changes nothing it reads. Not those of
    /// a list inside another list's item, or inside an element with an `itemprop` (a
    /// headline, an author), whose content is read as a whole.
    fn skims(&mut self, element: usize) -> Option<&mut Vec<Tok<'a>>> {
        let parent = self.nodes[element].parent;
        let skims = match self.holder {
            Some((h, skims)) if h == parent => skims,
            _ => {
                let holder = LightNode {
                    tree: self,
                    id: parent,
                };
                let skims = holder.name() != "amp-live-list"
                    && holder.attr("items").is_some()
                    && holder.parent().is_some_and(|l| l.name() == "amp-live-list")
                    && holder
                        .ancestors()
                        .filter(|a| a.name() == "amp-live-list")
                        .count()
                        == 1
                    && std::iter::once(holder)
                        .chain(holder.ancestors())
                        .all(|a| a.attr("itemprop").is_none());
                self.holder = Some((parent, skims));
                skims
            }
        } && !self.nul;
        if skims && self.toks.capacity() == 0 {
            // About a token to every 32 bytes of a page of items: grown once or twice, not
            // a dozen times.
            self.toks.reserve(self.src.len() / 32);
        }
        skims.then_some(&mut self.toks)
    }

    fn skimmed(&mut self, element: usize, html: &'a str, toks: Range<usize>) {
        if let Stored::Element(_, _, skimmed) = &mut self.nodes[element].data {
            *skimmed = Some((html, toks));
        }
    }

    fn text(&mut self, parent: usize, text: &str) {
        // Text after text is one node, as in scraper's tree.
        let last = self.nodes[parent].last_child;
        if last != NONE
            && let Stored::Text(t) = &mut self.nodes[last].data
        {
            if let Text::Page(r) = t {
                *t = Text::Owned(self.src[r.clone()].to_string());
            }
            if let Text::Owned(s) = t {
                s.push_str(text);
            }
            return;
        }
        let text = self.text_of(text);
        self.push(parent, Stored::Text(text));
    }
}

/// A node of a [`Light`] tree.
#[derive(Clone, Copy)]
pub(in crate::formats) struct LightNode<'a> {
    tree: &'a Light<'a>,
    id: usize,
}

impl PartialEq for LightNode<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && std::ptr::eq(self.tree, other.tree)
    }
}

impl Eq for LightNode<'_> {}

impl<'a> LightNode<'a> {
    fn at(self, id: usize) -> Option<Self> {
        (id != NONE).then_some(LightNode {
            tree: self.tree,
            id,
        })
    }

    fn node(self) -> &'a Node<'a> {
        &self.tree.nodes[self.id]
    }

    fn text(self, t: &'a Text) -> &'a str {
        match t {
            Text::Page(r) => &self.tree.src[r.clone()],
            Text::Owned(s) => s,
        }
    }
}

impl<'a> Dom<'a> for LightNode<'a> {
    fn parent(self) -> Option<Self> {
        self.at(self.node().parent)
    }

    fn first_child(self) -> Option<Self> {
        self.at(self.node().first_child)
    }

    fn next_sibling(self) -> Option<Self> {
        self.at(self.node().next_sibling)
    }

    fn data(self) -> Data<'a> {
        match &self.node().data {
            Stored::Element(name, ..) => Data::Element(name),
            Stored::Text(t) => Data::Text(self.text(t)),
            Stored::Comment(t) => Data::Comment(self.text(t)),
            Stored::Doctype => Data::Doctype("html"),
            Stored::Document => Data::Other,
        }
    }

    fn attrs(self) -> impl Iterator<Item = (&'a QualName, &'a str)> {
        let attrs = match &self.node().data {
            Stored::Element(_, attrs, _) => &attrs[..],
            _ => &[],
        };
        attrs.iter().map(|a| (&a.name, &*a.value))
    }

    fn skimmed(self) -> Option<Skimmed<'a>> {
        match &self.node().data {
            Stored::Element(_, _, Some((html, toks))) => Some(Skimmed {
                html,
                toks: &self.tree.toks[toks.clone()],
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
pub(in crate::formats) mod check;
