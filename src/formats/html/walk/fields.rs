//! A list item laid out as fields: a rider, a note on him and his points, each a `<span>` of
//! its own class that the page's style sheet sets apart (a column, a line, a badge). Read
//! without the style sheet, their words would run together ("Dominik Kubera Rezerwa zwykła za
//! Emil Sajfutdinow d"), so a ` · ` is put between them, as between a scoreboard's cells. A
//! `<small>` in a field (a side note) is a field of its own.
//!
//! An item is read so only when it is made of nothing but such fields (and elements without
//! text): two or more `<span class>`es holding text, no text of its own between them. Text
//! an editor writes, where a `<span>` sits in a sentence, keeps its spaces.

use super::Walker;
use scraper::{ElementRef, Node};

/// Between two fields.
const SEPARATOR: &str = " · ";

/// Whether `el` holds text to read (not only white space).
fn has_text(el: ElementRef<'_>) -> bool {
    el.text().any(|t| !t.trim().is_empty())
}

/// A `<span>` with a class, holding text: a field of an item.
fn is_field(el: ElementRef<'_>) -> bool {
    el.value().name() == "span"
        && el
            .value()
            .attr("class")
            .is_some_and(|c| !c.trim().is_empty())
        && has_text(el)
}

/// Whether the item `li` is made of fields (see the module's summary).
fn is_fields(li: ElementRef<'_>) -> bool {
    let mut fields = 0;
    for child in li.children() {
        match child.value() {
            Node::Text(t) if !t.trim().is_empty() => return false,
            Node::Element(_) => {
                let Some(e) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_field(e) {
                    fields += 1;
                } else if has_text(e) {
                    return false;
                }
            }
            _ => {}
        }
    }
    fields >= 2
}

impl Walker<'_> {
    /// The content of the list item `li`, its fields set apart when it is made of them.
    pub(super) fn item_children(&mut self, li: ElementRef<'_>, depth: usize) {
        if !is_fields(li) {
            self.children(li, depth);
            return;
        }
        for child in li.children() {
            match child.value() {
                Node::Text(t) => self.para.push_text(&self.style, t),
                Node::Element(_) => {
                    let Some(e) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_field(e) {
                        self.separate();
                        self.field(e, depth + 1);
                    } else {
                        self.element(e, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// A field's content: a `<small>` with text after text is a field of its own.
    fn field(&mut self, el: ElementRef<'_>, depth: usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.para.push_text(&self.style, t),
                Node::Element(_) => {
                    let Some(e) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if e.value().name() == "small" && has_text(e) {
                        self.separate();
                    }
                    self.element(e, depth + 1);
                }
                _ => {}
            }
        }
    }

    /// The separator, where a field follows text on the same line.
    fn separate(&mut self) {
        if !self.para.at_line_start() {
            self.para.push_text(&self.style, SEPARATOR);
        }
    }
}
