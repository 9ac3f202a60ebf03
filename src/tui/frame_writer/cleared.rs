//! The first screen's plan: every cell of a frame that is not blank, written onto a cleared
//! screen, with the short gaps between them written over rather than jumped.

use super::{Plan, Update, default_look, diff_row, fill_gap, move_cost, plain_byte, row_u16};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use unicode_width::UnicodeWidthStr;

/// What [`plan_cleared`] makes of the diff against a cleared screen, one row at a time: the
/// changes of a row are weighed and planned before the next row is compared, so no list of
/// the whole screen's changes is made (on the first screen, some 200 KB of new memory grown
/// by doubling, each page a fault). A row of one-column cells, as nearly all are, is planned
/// in one pass over it ([`plain_row`]); any other goes through the diff's whole rules.
pub(super) fn plan_cleared_rows(next: &Buffer) -> Plan<'_> {
    let area = next.area;
    let width = usize::from(area.width);
    let mut cells = Vec::with_capacity(width * usize::from(area.height));
    if width == 0 {
        return Plan::default();
    }
    let mut blank = Vec::new();
    let mut row = Vec::new();
    for (r, line) in next.content.chunks_exact(width).enumerate() {
        let at = (area.x, area.y + row_u16(r));
        let start = cells.len();
        if plain_row(line, at, &mut cells) {
            continue;
        }
        cells.truncate(start);
        if blank.is_empty() {
            blank = vec![Cell::default(); width];
        }
        row.clear();
        diff_row(&blank, line, at, &mut row, true);
        plan_cleared_into(next, &row, &mut cells);
    }
    Plan {
        cells,
        ..Plan::default()
    }
}

/// Plans a row of `next` whose cells are all one column wide and written as any other (no
/// skip, no forced width), onto the end of `cells`, as the diff against a blank row and
/// [`plan_cleared_into`] would: each cell that is not a default blank, and the blanks between
/// two of them when they are fewer bytes than a cursor move and follow a cell of the default
/// look (written over in the colours already set). `false` at the first cell of another kind,
/// with part of the row pushed, for the caller to take back.
fn plain_row<'a>(line: &'a [Cell], (x0, y): (u16, u16), cells: &mut Vec<Update<'a>>) -> bool {
    // The last cell pushed: its index, and whether it has the default look.
    let mut last: Option<(usize, bool)> = None;
    for (i, cell) in line.iter().enumerate() {
        let blank = match plain_byte(cell) {
            Some(byte) => byte == b' ' && default_look(cell),
            None if one_column_written(cell) => false,
            None => return false,
        };
        if blank {
            continue;
        }
        let x = x0 + row_u16(i);
        if let Some((px, true)) = last
            && i > px + 1
            && i - px - 1 <= move_cost(x, y)
        {
            cells.extend((px + 1..i).map(|g| (x0 + row_u16(g), y, &line[g])));
        }
        cells.push((x, y, cell));
        last = Some((i, default_look(cell)));
    }
    true
}

/// A cell of one column that the diff treats as any other, whatever its symbol: against a
/// blank, written.
#[expect(
    deprecated,
    reason = "ratatui's own diff still honours the deprecated `skip` flag"
)]
fn one_column_written(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::None
        && !cell.skip
        && cell.cell_width() == 1
        && cell.symbol().width() == 1
}

/// [`plan`](super::plan) for a cleared screen, where no change is a blank (the diff against
/// blanks leaves them out), so there is no run of blanks to erase: only the gaps between
/// changes to weigh. The first screen plans it a row at a time ([`plan_cleared_rows`]); this is
/// what that is checked against.
#[cfg(test)]
pub(super) fn plan_cleared<'a>(next: &'a Buffer, updates: &[Update<'a>]) -> Plan<'a> {
    let area = next.area;
    let mut cells = Vec::with_capacity(usize::from(area.width) * usize::from(area.height));
    plan_cleared_into(next, updates, &mut cells);
    Plan {
        cells,
        ..Plan::default()
    }
}

/// [`plan_cleared`]'s work, onto the end of `cells`. The changes and the gaps filled between
/// them are each cell once at most: `cells` is made with room for every cell, which spares a
/// copy of the plan half-way (the memory is touched only as far as used).
fn plan_cleared_into<'a>(next: &'a Buffer, updates: &[Update<'a>], cells: &mut Vec<Update<'a>>) {
    let area = next.area;
    for &update in updates {
        let (x, y, _) = update;
        if let Some(&(px, py, pcell)) = cells.last()
            && py == y
        {
            let start = usize::from(y - area.y) * usize::from(area.width);
            let line = &next.content[start..start + usize::from(area.width)];
            fill_gap((line, area.x), cells, (px, pcell), x, y);
        }
        cells.push(update);
    }
}
