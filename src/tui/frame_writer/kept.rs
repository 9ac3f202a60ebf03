//! Rows of the entries pane that the diff need not read: the view gives each row it draws a
//! key made of everything written in it (`ui::entries`), and a row of the next frame whose key
//! is that of the row of the frame shown it is compared with holds the same cells in the
//! pane's columns. A line's scroll moves every row of the pane, and reading them all again was
//! a third of a key's cost; only the columns beside the pane (the sidebar's, which the
//! terminal moved with them) are then read.

use std::ops::Range;

/// The pane rows' keys of the frame shown and of the next, by the buffer's rows (`None`: not
/// known), and the pane's columns within a row.
#[derive(Debug, Clone, Default)]
pub struct Kept<'k> {
    pub shown: &'k [Option<u64>],
    pub next: &'k [Option<u64>],
    pub cols: Range<usize>,
}

impl<'k> Kept<'k> {
    /// The keys of the frame shown and of the next; the writer sets the pane's columns.
    pub fn rows(shown: &'k [Option<u64>], next: &'k [Option<u64>]) -> Self {
        Kept {
            shown,
            next,
            cols: 0..0,
        }
    }

    /// Whether row `r` of the next frame holds in the pane's columns what row `from` of the
    /// frame shown holds there.
    pub(super) fn same(&self, r: usize, from: usize) -> bool {
        matches!(
            (self.next.get(r), self.shown.get(from)),
            (Some(Some(a)), Some(Some(b))) if a == b
        ) && !self.cols.is_empty()
    }
}
