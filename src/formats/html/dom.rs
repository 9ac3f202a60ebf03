//! A page's tree as the readings that walk it see it: scraper's, or the light tree the fast
//! page reading builds when only an AMP live list is wanted (`page/light.rs`).
//!
//! The reading of an AMP list, of a member's blocks and of its HTML written out is the same
//! code over either tree, so that a list read without scraper's tree is read by the very rules
//! held to the selectors' reading in the tests: only the building of the tree differs, and the
//! light one is built by the same builder as the fast page reading's.

use super::page::skim::Skimmed;
use html5ever::QualName;
use scraper::Node;

/// What a node is, as the readings look at it.
#[derive(Debug, Clone, Copy)]
pub(in crate::formats) enum Data<'a> {
    Element(&'a QualName),
    Text(&'a str),
    Comment(&'a str),
    /// A doctype, by its name.
    Doctype(&'a str),
    /// The document or fragment itself, or a processing instruction.
    Other,
}

/// A node of a page's tree: a handle, compared by identity.
pub(in crate::formats) trait Dom<'a>: Copy + Eq {
    fn parent(self) -> Option<Self>;
    fn first_child(self) -> Option<Self>;
    fn next_sibling(self) -> Option<Self>;
    fn data(self) -> Data<'a>;
    /// An element's attributes in the order scraper keeps them (sorted by name); none for
    /// other nodes.
    fn attrs(self) -> impl Iterator<Item = (&'a QualName, &'a str)>;

    /// The element's content when it was skimmed rather than built (light trees only): then
    /// it has no children.
    fn skimmed(self) -> Option<Skimmed<'a>> {
        None
    }

    /// The element's name, if it is one.
    fn element(self) -> Option<&'a QualName> {
        match self.data() {
            Data::Element(n) => Some(n),
            _ => None,
        }
    }

    /// The element's local name (`""` for other nodes).
    fn name(self) -> &'a str {
        self.element().map_or("", |n| &n.local)
    }

    /// The value of attribute `name` (in no namespace).
    fn attr(self, name: &str) -> Option<&'a str> {
        self.attrs()
            .find(|(k, _)| k.ns == html5ever::ns!() && &*k.local == name)
            .map(|(_, v)| v)
    }

    fn children(self) -> Children<Self> {
        Children(self.first_child())
    }

    /// The node and every node inside it, in the page's order.
    fn descendants(self) -> Descendants<Self> {
        Descendants {
            root: self,
            next: Some(self),
        }
    }

    /// Its ancestors, nearest first.
    fn ancestors(self) -> impl Iterator<Item = Self> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// The text of every text node inside it, in order (`ElementRef::text`).
    fn texts(self) -> impl Iterator<Item = &'a str> {
        self.descendants().filter_map(|n| match n.data() {
            Data::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// The children of a node, in order.
pub(in crate::formats) struct Children<N>(Option<N>);

impl<'a, N: Dom<'a>> Iterator for Children<N> {
    type Item = N;
    fn next(&mut self) -> Option<N> {
        let n = self.0?;
        self.0 = n.next_sibling();
        Some(n)
    }
}

/// A node and the nodes inside it, in the page's order.
pub(in crate::formats) struct Descendants<N> {
    root: N,
    next: Option<N>,
}

impl<'a, N: Dom<'a>> Iterator for Descendants<N> {
    type Item = N;
    fn next(&mut self) -> Option<N> {
        let n = self.next?;
        self.next = n.first_child().or_else(|| {
            // Up to the next sibling of the node or of an ancestor, inside the root.
            let mut at = n;
            loop {
                if at == self.root {
                    return None;
                }
                if let Some(s) = at.next_sibling() {
                    return Some(s);
                }
                at = at.parent()?;
            }
        });
        Some(n)
    }
}

/// scraper's tree.
pub(in crate::formats) type Scraped<'a> = ego_tree::NodeRef<'a, Node>;

impl<'a> Dom<'a> for Scraped<'a> {
    fn parent(self) -> Option<Self> {
        ego_tree::NodeRef::parent(&self)
    }

    fn first_child(self) -> Option<Self> {
        ego_tree::NodeRef::first_child(&self)
    }

    fn next_sibling(self) -> Option<Self> {
        ego_tree::NodeRef::next_sibling(&self)
    }

    fn data(self) -> Data<'a> {
        match self.value() {
            Node::Element(e) => Data::Element(&e.name),
            Node::Text(t) => Data::Text(t),
            Node::Comment(c) => Data::Comment(c),
            Node::Doctype(d) => Data::Doctype(d.name()),
            _ => Data::Other,
        }
    }

    fn attrs(self) -> impl Iterator<Item = (&'a QualName, &'a str)> {
        let attrs = match self.value() {
            Node::Element(e) => &e.attrs[..],
            _ => &[],
        };
        attrs.iter().map(|(k, v)| (k, &**v))
    }
}
