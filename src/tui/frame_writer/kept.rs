//! Rows of the entries pane that the diff need not read: the view gives each row it draws a
//! key made of everything written in it (`ui::entries`), and a row of the next frame whose key
//! is that of the row of the frame shown it is compared with holds the same cells in the
//! pane's columns. A line's scroll moves every row of the pane, and reading them all again was
//! a third of a key's cost; only the columns beside the pane (the sidebar's, which the
//! terminal moved with them) are then read.

use super::{Update, diff_row, row_u16, same};
use ratatui::buffer::{Buffer, Cell};
use std::ops::Range;

/// The pane rows' keys of the frame shown and of the next, by the buffer's rows (`None`: not
/// known), and the pane's columns within a row, which only the writer sets: they follow from
/// the pane it is given.
#[derive(Debug, Clone, Default)]
pub struct Kept<'k> {
    shown: &'k [Option<u64>],
    next: &'k [Option<u64>],
    cols: Range<usize>,
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

    /// These keys, for the pane's columns `cols`.
    pub(super) fn in_cols(self, cols: Range<usize>) -> Self {
        Kept { cols, ..self }
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

/// [`diff`], passing over the pane's columns of the rows `kept` says are the same.
pub(super) fn diff_keeping<'a>(
    prev: Option<&Buffer>,
    next: &'a Buffer,
    (band, k): (std::ops::Range<u16>, i16),
    kept: &Kept<'_>,
) -> Vec<Update<'a>> {
    let width = usize::from(next.area.width);
    let mut updates = Vec::new();
    if width == 0 {
        return updates;
    }
    let blank = vec![Cell::default(); width];
    for (r, new) in next.content.chunks_exact(width).enumerate() {
        let y = next.area.y + row_u16(r);
        let from = if k != 0 && band.contains(&y) {
            y.checked_add_signed(k).filter(|f| band.contains(f))
        } else {
            Some(y)
        };
        let old = prev.zip(from).map(|(prev, f)| {
            let start = usize::from(f - prev.area.y) * width;
            (
                &prev.content[start..start + width],
                usize::from(f - prev.area.y),
            )
        });
        match old {
            Some((old, f)) if kept.same(r, f) => {
                let cols = kept.cols.clone();
                debug_assert!(
                    old[cols.clone()]
                        .iter()
                        .zip(&new[cols.clone()])
                        .all(|(a, b)| same(a, b)),
                    "row {y}: the same key, not the same cells"
                );
                let right = next.area.x + row_u16(cols.end);
                diff_row(
                    &old[..cols.start],
                    &new[..cols.start],
                    (next.area.x, y),
                    &mut updates,
                    false,
                );
                diff_row(
                    &old[cols.end..],
                    &new[cols.end..],
                    (right, y),
                    &mut updates,
                    false,
                );
            }
            _ => diff_row(
                old.map_or(&blank[..], |(o, _)| o),
                new,
                (next.area.x, y),
                &mut updates,
                old.is_none(),
            ),
        }
    }
    updates
}
