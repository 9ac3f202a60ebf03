//! Whether two parsed pages are the same tree, node for node: what the tests and the
//! `html_page` fuzz target check of the fast reading against html5ever's.

use scraper::{Html, Node};

/// `Ok` when `a` and `b` hold the same nodes in the same places: kinds, element names with
/// their namespaces, attributes in order, text split into the same nodes, comments, doctypes
/// and the quirks mode; else where they first differ. Their serialisations are compared too.
pub fn same_tree(a: &Html, b: &Html) -> Result<(), String> {
    if a.quirks_mode != b.quirks_mode {
        return Err(format!(
            "quirks mode {:?} != {:?}",
            a.quirks_mode, b.quirks_mode
        ));
    }
    let mut left = a.tree.root().descendants();
    let mut right = b.tree.root().descendants();
    loop {
        match (left.next(), right.next()) {
            (None, None) => break,
            (Some(x), Some(y)) => {
                let (dx, dy) = (x.ancestors().count(), y.ancestors().count());
                if dx != dy || !same_node(x.value(), y.value()) {
                    return Err(format!(
                        "{:?} (depth {dx}) != {:?} (depth {dy})",
                        x.value(),
                        y.value()
                    ));
                }
            }
            (x, y) => {
                return Err(format!(
                    "one tree ends first: {:?} / {:?}",
                    x.map(|n| n.value().clone()),
                    y.map(|n| n.value().clone())
                ));
            }
        }
    }
    if a.html() != b.html() {
        return Err("the serialisations differ".into());
    }
    Ok(())
}

fn same_node(x: &Node, y: &Node) -> bool {
    match (x, y) {
        (Node::Document, Node::Document) | (Node::Fragment, Node::Fragment) => true,
        (Node::Doctype(a), Node::Doctype(b)) => {
            a.name() == b.name() && a.public_id() == b.public_id() && a.system_id() == b.system_id()
        }
        (Node::Comment(a), Node::Comment(b)) => **a == **b,
        (Node::Text(a), Node::Text(b)) => **a == **b,
        (Node::Element(a), Node::Element(b)) => {
            a.name == b.name
                && a.attrs.len() == b.attrs.len()
                && a.attrs
                    .iter()
                    .zip(&b.attrs)
                    .all(|(p, q)| p.0 == q.0 && *p.1 == *q.1)
        }
        (Node::ProcessingInstruction(a), Node::ProcessingInstruction(b)) => {
            a.target == b.target && a.data == b.data
        }
        _ => false,
    }
}
