//! A list's items, and the lists nested in them, as list blocks (see [`Block::List`]).

use super::flatten;
use crate::blog::{Block, Inline, Numerals};
use scraper::ElementRef;

/// How a list's items are marked: numbered in these numerals (`ordered`), with bullets, or
/// (numerals [`Numerals::Unmarked`]) not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marks {
    pub ordered: bool,
    pub numerals: Numerals,
}

impl Marks {
    const BULLETS: Marks = Marks {
        ordered: false,
        numerals: Numerals::Decimal,
    };
}

/// The marks an element's inline style gives its items (`list-style-type`, or the type in
/// the `list-style` shorthand; the last that names one), when it names one this reader
/// shows; an item without numbers (`none`) keeps `ordered`, which counts it.
pub(super) fn style_marks(el: ElementRef<'_>, ordered: bool) -> Option<Marks> {
    let style = el.attr("style")?;
    let mut marks = None;
    for declaration in style.split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let property = property.trim().to_ascii_lowercase();
        let mut words = value
            .trim()
            .trim_end_matches("!important")
            .split_whitespace();
        let found = match property.as_str() {
            "list-style-type" => words.take(1).find_map(|w| css_marks(w, ordered)),
            "list-style" => words.find_map(|w| css_marks(w, ordered)),
            _ => continue,
        };
        marks = found.or(marks);
    }
    marks
}

/// What a `list-style-type` keyword shows; `None` for one this reader does not (a font's
/// numerals such as `lower-greek`, or a string).
fn css_marks(keyword: &str, ordered: bool) -> Option<Marks> {
    let numerals = match keyword.to_ascii_lowercase().as_str() {
        "decimal" | "decimal-leading-zero" => Numerals::Decimal,
        "lower-alpha" | "lower-latin" => Numerals::LowerAlpha,
        "upper-alpha" | "upper-latin" => Numerals::UpperAlpha,
        "lower-roman" => Numerals::LowerRoman,
        "upper-roman" => Numerals::UpperRoman,
        "disc" | "circle" | "square" => return Some(Marks::BULLETS),
        "none" => {
            return Some(Marks {
                ordered,
                numerals: Numerals::Unmarked,
            });
        }
        _ => return None,
    };
    Some(Marks {
        ordered: true,
        numerals,
    })
}

/// How a list is marked and numbered, as a browser reads it: its marks (its inline style's,
/// else an `<ol>`'s `type` or a `<ul>`'s bullets), its first number (`<ol start>`, an integer;
/// else 1, or the number of items when `reversed`) and whether it counts down.
pub(super) fn numbering(el: ElementRef<'_>, ordered: bool) -> (Marks, u32, bool) {
    let styled = style_marks(el, ordered);
    if !ordered {
        return (styled.unwrap_or(Marks::BULLETS), 1, false);
    }
    let reversed = el.attr("reversed").is_some();
    let start = el
        .attr("start")
        .and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or_else(|| {
            if reversed {
                let items = el.child_elements().filter(|c| c.value().name() == "li");
                u32::try_from(items.count()).unwrap_or(u32::MAX)
            } else {
                1
            }
        });
    let numerals = el
        .attr("type")
        .and_then(Numerals::from_type)
        .unwrap_or_default();
    let marks = styled.unwrap_or(Marks {
        ordered: true,
        numerals,
    });
    (marks, start, reversed)
}

/// The number an `<ol>`'s item sets for itself (`<li value="7">`), which the items after it
/// count on from, as a browser reads it; `None` in a `<ul>`, where no number is shown.
pub(super) fn item_value(li: ElementRef<'_>, ordered: bool) -> Option<u32> {
    if !ordered {
        return None;
    }
    li.attr("value").and_then(|s| s.trim().parse::<u32>().ok())
}

/// A list read item by item into its parts: the items up to one with a list nested in it, that
/// list (a level deeper, in parts of its own), the items after it numbered on, and so on. An
/// item marked otherwise than those before it (`<li style="list-style-type: …">`) starts a
/// part too.
pub(super) struct ListParts {
    /// How the list's items are marked, and the items of the part read now.
    list: Marks,
    marks: Marks,
    level: u8,
    /// Numbered down (`<ol reversed>`), the numbers of the parts after too.
    reversed: bool,
    /// The number of the next part's first item: items are counted, as a browser counts
    /// them, whether or not they show their numbers.
    next: u32,
    items: Vec<Vec<Inline>>,
    out: Vec<Block>,
}

impl ListParts {
    pub(super) fn new(marks: Marks, start: u32, level: u8) -> Self {
        ListParts {
            list: marks,
            marks,
            level,
            reversed: false,
            next: start,
            items: Vec::new(),
            out: Vec::new(),
        }
    }

    /// Numbered down from the start.
    pub(super) fn reversed(self, reversed: bool) -> Self {
        ListParts { reversed, ..self }
    }

    /// The next item is marked by its own style (`Some`) or as the list's items are.
    pub(super) fn mark_item(&mut self, own: Option<Marks>) {
        let marks = own.unwrap_or(self.list);
        if marks != self.marks {
            self.close_part();
            self.marks = marks;
        }
    }

    /// The number after `count` more items: below when numbered down (not below 0, where
    /// a list numbered down from too few is no list a page means).
    fn after(&self, count: u32) -> u32 {
        if self.reversed {
            self.next.saturating_sub(count)
        } else {
            self.next.saturating_add(count)
        }
    }

    /// One item's blocks (or stray content's): its text, one line, up to the first list
    /// nested in it; those lists after. Text after a nested list goes on its last item.
    pub(super) fn take(&mut self, mut blocks: Vec<Block>, media: &mut Vec<Block>) {
        let level = self.level;
        let nested_at = blocks
            .iter()
            .position(|b| matches!(b, Block::List { level: l, .. } if *l > level))
            .unwrap_or(blocks.len());
        let nested = blocks.split_off(nested_at);
        let (runs, m) = flatten(blocks);
        media.extend(m);
        if !runs.is_empty() {
            self.items.push(runs);
        }
        if nested.is_empty() {
            return;
        }
        self.close_part();
        for b in nested {
            if matches!(b, Block::List { level: l, .. } if l > level) {
                self.out.push(b);
                continue;
            }
            let (runs, m) = flatten(vec![b]);
            media.extend(m);
            if let Some(Block::List { items, .. }) = self.out.last_mut()
                && let Some(last) = items.last_mut()
                && !runs.is_empty()
            {
                last.push(Inline::plain("\n"));
                last.extend(runs);
            }
        }
    }

    /// One `<li>`'s blocks, as [`ListParts::take`]. An item of no text still takes its
    /// number, as a browser shows it: the items after it are numbered as they would be.
    pub(super) fn take_item(&mut self, blocks: Vec<Block>, media: &mut Vec<Block>) {
        let (had, parts) = (self.items.len(), self.out.len());
        self.take(blocks, media);
        if self.marks.ordered && self.items.len() == had && self.out.len() == parts {
            self.close_part();
            self.next = self.after(1);
        }
    }

    /// The next item is number `n` (`<li value>`), and those after it count on from it: the
    /// items read so far end a part of their own.
    pub(super) fn number_from(&mut self, n: u32) {
        let count = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        // The number it would have anyway ends no part.
        if n == self.after(count) {
            return;
        }
        self.close_part();
        self.next = n;
    }

    /// Ends the part read so far: the items after it are numbered on.
    fn close_part(&mut self) {
        if self.items.is_empty() {
            return;
        }
        let count = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        // Right after a part of its own (not a list nested in one), it was numbered or
        // marked anew.
        let level = self.level;
        let continued =
            matches!(self.out.last(), Some(Block::List { level: l, .. }) if *l == level);
        let Marks { ordered, numerals } = self.marks;
        self.out.push(Block::List {
            ordered,
            items: std::mem::take(&mut self.items),
            // A list of bullets has no number to start from.
            start: if ordered { self.next } else { 1 },
            level,
            numerals,
            reversed: self.reversed,
            continued,
        });
        self.next = self.after(count);
    }

    pub(super) fn finish(mut self) -> Vec<Block> {
        self.close_part();
        self.out
    }
}
