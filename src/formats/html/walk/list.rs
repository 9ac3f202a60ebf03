//! A list's items, and the lists nested in them, as list blocks (see [`Block::List`]).

use super::flatten;
use crate::blog::{Block, Inline, Numerals};
use scraper::ElementRef;

/// How an `<ol>` is numbered, as a browser reads it: its first number (`start`, an integer;
/// else 1, or the number of items when `reversed`), its numerals (`type`) and whether it
/// counts down. A `<ul>` is `(1, decimal, false)`.
pub(super) fn numbering(el: ElementRef<'_>, ordered: bool) -> (u32, Numerals, bool) {
    if !ordered {
        return (1, Numerals::Decimal, false);
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
    (start, numerals, reversed)
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
/// list (a level deeper, in parts of its own), the items after it numbered on, and so on.
pub(super) struct ListParts {
    ordered: bool,
    level: u8,
    numerals: Numerals,
    /// Numbered down (`<ol reversed>`), the numbers of the parts after too.
    reversed: bool,
    /// The number of the next part's first item.
    next: u32,
    items: Vec<Vec<Inline>>,
    out: Vec<Block>,
}

impl ListParts {
    pub(super) fn new(ordered: bool, start: u32, level: u8) -> Self {
        ListParts {
            ordered,
            level,
            numerals: Numerals::Decimal,
            reversed: false,
            next: start,
            items: Vec::new(),
            out: Vec::new(),
        }
    }

    /// Numbered in `numerals`, down from the start when `reversed`.
    pub(super) fn numbered(self, numerals: Numerals, reversed: bool) -> Self {
        ListParts {
            numerals,
            reversed,
            ..self
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
        if self.ordered && self.items.len() == had && self.out.len() == parts {
            self.close_part();
            self.next = self.after(1);
        }
    }

    /// The next item is number `n` (`<li value>`), and those after it count on from it: the
    /// items read so far end a part of their own.
    pub(super) fn number_from(&mut self, n: u32) {
        let count = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        // The number it would have anyway ends no part.
        if !self.ordered || n == self.after(count) {
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
        // Right after a part of its own (not a list nested in one), it was numbered anew.
        let level = self.level;
        let continued =
            matches!(self.out.last(), Some(Block::List { level: l, .. }) if *l == level);
        self.out.push(Block::List {
            ordered: self.ordered,
            items: std::mem::take(&mut self.items),
            start: self.next,
            level,
            numerals: self.numerals,
            reversed: self.reversed,
            continued,
        });
        if self.ordered {
            self.next = self.after(count);
        }
    }

    pub(super) fn finish(mut self) -> Vec<Block> {
        self.close_part();
        self.out
    }
}
