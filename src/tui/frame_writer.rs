//! Writing a frame: only what differs from the frame the terminal shows, in as few bytes as a
//! reader over SSH deserves.
//!
//! Three savings over writing every changed cell where it is:
//! - when the entries pane moved by whole lines (a line scrolled), the terminal moves those rows
//!   itself (a scrolling region, `CSI top;bottom r` then `CSI k S` or `CSI k T`, then `CSI r`),
//!   and the diff reads the frame shown as the terminal moved it, so it writes only the new
//!   rows and what the move disturbed (the sidebar's columns, which share those rows);
//! - a short run of unchanged cells between two changes is written over rather than jumped
//!   (a cursor move costs 6 to 10 bytes);
//! - a row whose changed end is blank is erased to its end (`CSI K`) rather than written with
//!   spaces.
//!
//! Correctness does not rest on guessing the scroll: the diff reads the frame shown exactly as
//! the terminal moved its rows, so whatever the guess, it leaves the terminal showing `next`.

use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

mod cleared;
mod kept;
#[cfg(test)]
use cleared::plan_cleared;
use cleared::plan_cleared_rows;
pub use kept::Kept;
use kept::diff_keeping;

/// A backend that queues every part of a frame and writes it with the one flush at its end:
/// a frame is one `write` to the terminal, not one per cursor move, so a reader behind a pty
/// (or SSH) is woken once per key. `ratatui`'s own `set_cursor_position`, `clear_region` and
/// scrolling flush on their own, so the frame's moves, erases and scrolls are queued here.
///
/// It can also erase a run of cells in a row (ECH, `CSI n X`) without writing them: a run of
/// blanks in the middle of a row (the sidebar's short lines) costs a few bytes, not one a cell.
/// The erased cells take the default colours, as `draw` leaves them.
pub trait EraseChars: Backend {
    fn erase_chars(&mut self, x: u16, y: u16, n: u16) -> Result<(), Self::Error>;
    /// Erases row `y` from column `x` to its end (`CSI K`).
    fn erase_to_end(&mut self, x: u16, y: u16) -> Result<(), Self::Error>;
    /// Moves `rows` up by `k` rows (down by `-k`) in a scrolling region; the rows that come
    /// in are blank.
    fn scroll_rows(&mut self, rows: std::ops::Range<u16>, k: i16) -> Result<(), Self::Error>;
    /// Hides the cursor and clears the screen, before a whole frame.
    fn hide_and_clear(&mut self) -> Result<(), Self::Error>;
    /// Writes cells as `Backend::draw` does.
    fn draw_cells(&mut self, cells: Vec<Update<'_>>) -> Result<(), Self::Error> {
        self.draw(cells.into_iter())
    }
}

impl<W: std::io::Write> EraseChars for ratatui::backend::CrosstermBackend<W> {
    fn erase_chars(&mut self, x: u16, y: u16, n: u16) -> std::io::Result<()> {
        std::io::Write::write_fmt(self, format_args!("\x1b[{};{}H\x1b[{n}X", y + 1, x + 1))
    }

    fn erase_to_end(&mut self, x: u16, y: u16) -> std::io::Result<()> {
        std::io::Write::write_fmt(self, format_args!("\x1b[{};{}H\x1b[K", y + 1, x + 1))
    }

    fn scroll_rows(&mut self, rows: std::ops::Range<u16>, k: i16) -> std::io::Result<()> {
        if k == 0 || rows.is_empty() {
            return Ok(());
        }
        // The same bytes as `ratatui`'s `scroll_region_up` and `_down`, without their flush.
        let way = if k > 0 { 'S' } else { 'T' };
        std::io::Write::write_fmt(
            self,
            format_args!(
                "\x1b[{};{}r\x1b[{}{way}\x1b[r",
                rows.start + 1,
                rows.end,
                k.unsigned_abs()
            ),
        )
    }

    fn hide_and_clear(&mut self) -> std::io::Result<()> {
        std::io::Write::write_all(self, b"\x1b[?25l\x1b[2J")
    }

    fn draw_cells(&mut self, cells: Vec<Update<'_>>) -> std::io::Result<()> {
        super::ansi::write_cells(self, cells)
    }
}

impl EraseChars for ratatui::backend::TestBackend {
    fn erase_chars(&mut self, x: u16, y: u16, n: u16) -> Result<(), Self::Error> {
        let blank = Cell::default();
        self.draw((x..x.saturating_add(n)).map(|x| (x, y, &blank)))
    }

    fn erase_to_end(&mut self, x: u16, y: u16) -> Result<(), Self::Error> {
        self.set_cursor_position(Position { x, y })?;
        self.clear_region(ClearType::UntilNewLine)
    }

    fn scroll_rows(&mut self, rows: std::ops::Range<u16>, k: i16) -> Result<(), Self::Error> {
        if k > 0 {
            self.scroll_region_up(rows, k.unsigned_abs())
        } else {
            self.scroll_region_down(rows, k.unsigned_abs())
        }
    }

    fn hide_and_clear(&mut self) -> Result<(), Self::Error> {
        self.hide_cursor()?;
        self.clear()
    }
}

/// Writes `next` to the terminal, which shows `shown` (`None`: unknown, so the screen is
/// cleared and written whole). On success `shown` is `next`.
pub fn write<B: EraseChars>(
    backend: &mut B,
    shown: &mut Option<Buffer>,
    next: &Buffer,
    pane: Rect,
) -> Result<(), B::Error> {
    match shown {
        Some(prev) if prev.area == next.area => {
            let kept = Kept::default();
            send(
                backend,
                prev,
                next,
                (pane, None, &kept),
                &mut RowHashes::default(),
            )?;
            prev.content.clone_from(&next.content);
        }
        _ => {
            put_cleared(backend, (shown, &mut RowHashes::default()), next)?;
            *shown = Some(next.clone());
        }
    }
    Ok(())
}

/// As [`write`], but the frame is moved into `shown` rather than copied (a copy of every cell
/// a frame is a good part of a key's cost): on success `next` holds the frame shown before,
/// to be reset and drawn over (left empty after a cleared screen, and sized again for the
/// next frame). `moved`: how far the pane's text moved up since the frame shown (down when
/// negative), when the caller knows; else the move is found by comparing the frames.
///
/// `kept`: the keys of the pane's rows in the frame shown and in `next` (see [`Kept`]); its
/// columns are the pane's, set here.
pub fn write_taking<B: EraseChars>(
    backend: &mut B,
    (shown, rows): (&mut Option<Buffer>, &mut RowHashes),
    next: &mut Buffer,
    (pane, moved, kept): (Rect, Option<i16>, Kept<'_>),
) -> Result<(), B::Error> {
    match shown {
        Some(prev) if prev.area == next.area => {
            let band = pane.intersection(next.area);
            let kept = kept.in_cols(
                usize::from(band.x - next.area.x)..usize::from(band.right() - next.area.x),
            );
            send(backend, prev, next, (pane, moved, &kept), rows)?;
            std::mem::swap(prev, next);
        }
        _ => {
            put_cleared(backend, (shown, rows), next)?;
            *shown = Some(std::mem::take(next));
        }
    }
    Ok(())
}

/// Clears a screen that is not known to hold a frame of `next`'s size, and writes every cell
/// of `next` that is not blank: no frame before to make, compare or weigh for scrolling (the
/// first screen's path). What was known of the screen is forgotten first: if the clear fails,
/// nothing is.
fn put_cleared<B: EraseChars>(
    backend: &mut B,
    (shown, rows): (&mut Option<Buffer>, &mut RowHashes),
    next: &Buffer,
) -> Result<(), B::Error> {
    *shown = None;
    *rows = RowHashes::default();
    backend.hide_and_clear()?;
    put(backend, plan_cleared_rows(next))
}

/// Writes what differs between `prev`, the frame shown (of `next`'s size), and `next`;
/// `prev` is left as it was before the terminal moved its rows, for the caller to make
/// `next` or the frame shown.
fn send<B: EraseChars>(
    backend: &mut B,
    prev: &Buffer,
    next: &Buffer,
    (pane, moved, kept): (Rect, Option<i16>, &Kept<'_>),
    rows: &mut RowHashes,
) -> Result<(), B::Error> {
    let pane = pane.intersection(next.area);
    let band = pane.y..pane.bottom();
    let k = match moved {
        // Known and short (a line, a few): moving is worth it, and the rows need not be read
        // (those of the frame before are then unknown). A longer move (a page) leaves most
        // rows to write anyway: the guess weighs it.
        Some(k) if k != 0 && k.unsigned_abs() <= pane.height / 3 => {
            *rows = RowHashes::default();
            Some(k)
        }
        // A page or more: two rows at most would be kept, and moving them would disturb every
        // row beside the pane (the sidebar's): not worth reading the rows to weigh it.
        Some(k) if k.unsigned_abs().saturating_add(2) >= pane.height => {
            *rows = RowHashes::default();
            None
        }
        _ => scroll_guess(prev, next, pane, rows),
    };
    if let Some(k) = k {
        backend.scroll_rows(band.clone(), k)?;
    }
    // The frame shown is not moved as the terminal moved its rows (a copy of most of the
    // screen): the diff reads each of its rows where the move took it.
    let updates = diff_keeping(Some(prev), next, (band, k.unwrap_or(0)), kept);
    put(backend, plan(next, &updates))
}

/// Writes the cells that differ from what the terminal shows, as [`plan`] laid them out, in
/// one write.
fn put<B: EraseChars>(
    backend: &mut B,
    Plan { cells, runs, erase }: Plan<'_>,
) -> Result<(), B::Error> {
    if !cells.is_empty() {
        backend.draw_cells(cells)?;
    }
    // After `draw` the colours are reset, so an erase leaves default blanks.
    for (x, y, n) in runs {
        backend.erase_chars(x, y, n)?;
    }
    for (x, y) in erase {
        backend.erase_to_end(x, y)?;
    }
    // The one write of the frame.
    backend.flush()
}

/// The cells of `next` to write over what the terminal shows: `prev` (`None`: a cleared
/// screen), with the rows `band` moved up by `k` (down by `-k`) as the terminal moves them in
/// a scrolling region, the rows that came in blank. The same cells as `ratatui`'s
/// `Buffer::diff` of the moved frame (wide characters, VS16 emoji and diff options alike), row
/// by row.
#[cfg(test)]
fn diff<'a>(
    prev: Option<&Buffer>,
    next: &'a Buffer,
    (band, k): (std::ops::Range<u16>, i16),
) -> Vec<Update<'a>> {
    diff_keeping(prev, next, (band, k), &Kept::default())
}

/// Modifiers that show on a blank cell (as `ratatui`'s diff counts them).
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// A cell the diff passes over (`ratatui`'s skip, old and new).
#[expect(
    deprecated,
    reason = "ratatui's own diff still honours the deprecated `skip` flag"
)]
fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// `Cell`'s own equality (a test holds them equal), for every cell of every frame: a symbol of
/// one byte, as most are, is compared as a byte rather than through a call to compare strings.
#[expect(
    deprecated,
    reason = "`Cell`'s equality still compares the deprecated `skip` flag"
)]
fn same(a: &Cell, b: &Cell) -> bool {
    let (one, other) = (a.symbol().as_bytes(), b.symbol().as_bytes());
    let symbols = match (one, other) {
        ([byte], [other_byte]) => byte == other_byte,
        _ => one == other,
    };
    symbols
        && a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
        && a.diff_option == b.diff_option
        && a.skip == b.skip
}

/// Whether two frames show the same, as `Buffer`'s own equality says, each cell compared by
/// [`same`] (a symbol of one byte as a byte). Asked of every frame before it is written, so its
/// last row (the status bar's) is compared first: a frame that differs only there, as a tick of
/// the countdown to the next check does, is told apart without reading the rest.
pub fn same_frame(a: &Buffer, b: &Buffer) -> bool {
    if a.area != b.area || a.content.len() != b.content.len() {
        return false;
    }
    let last = a.content.len().saturating_sub(usize::from(a.area.width));
    let rows_same = |from: usize, to: usize| {
        a.content[from..to]
            .iter()
            .zip(&b.content[from..to])
            .all(|(x, y)| same(x, y))
    };
    rows_same(last, a.content.len()) && rows_same(0, last)
}

/// For a cell whose symbol is one printable ASCII byte and that the diff treats as any other
/// (no skip, no forced width, not always written): that byte. `None` for any other cell, which
/// the whole rules then weigh. Asked of every cell of every frame, so it reads the symbol once
/// and calls nothing.
#[inline]
#[expect(
    deprecated,
    reason = "ratatui's own diff still honours the deprecated `skip` flag"
)]
fn plain_byte(cell: &Cell) -> Option<u8> {
    let [b] = cell.symbol().as_bytes() else {
        return None;
    };
    ((0x20..0x7f).contains(b) && cell.diff_option == CellDiffOption::None && !cell.skip)
        .then_some(*b)
}

/// Whether a cell has the default look: what a space must have to be the default blank.
fn default_look(cell: &Cell) -> bool {
    cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.underline_color == Color::Reset
        && cell.modifier.is_empty()
}

/// `Cell::cell_width`, without measuring a printable ASCII symbol (one column).
fn width(cell: &Cell) -> usize {
    let s = cell.symbol().as_bytes();
    if let [b] = s
        && (0x20..0x7f).contains(b)
        && !matches!(cell.diff_option, CellDiffOption::ForcedWidth(_))
    {
        return 1;
    }
    usize::from(cell.cell_width())
}

/// One row of [`diff`]: `ratatui`'s rules, the trailing columns of a wide character kept within
/// the row.
/// `blank`: `old` is a row of default cells (a cleared screen), so that a cell of one printable
/// ASCII byte, as most are, is told from it without a whole comparison.
fn diff_row<'a>(
    old: &[Cell],
    new: &'a [Cell],
    (x0, y): (u16, u16),
    out: &mut Vec<Update<'a>>,
    blank: bool,
) {
    let len = new.len().min(old.len());
    let at = |i: usize| (x0 + row_u16(i), y, &new[i]);
    let mut i = 0;
    while i < len {
        let (cur, was) = (&new[i], &old[i]);
        let here = i;
        i += 1;
        let plain = plain_byte(cur);
        if blank && let Some(byte) = plain {
            // One column over a blank one column (a first frame's every cell, nearly): written
            // unless it is blank too, without comparing it with the blank.
            if byte != b' ' || !default_look(cur) {
                out.push(at(here));
            }
            continue;
        }
        if let Some(byte) = plain
            && let Some(was_byte) = plain_byte(was)
        {
            // One column over another (most cells of most frames): written unless the same,
            // as the rules below would find after measuring both.
            if byte != was_byte || !same_look(cur, was) {
                out.push(at(here));
            }
            continue;
        }
        match cur.diff_option {
            CellDiffOption::Skip => {}
            _ if is_skip(cur) => {}
            CellDiffOption::ForcedWidth(w) => {
                i += usize::from(w.get()).saturating_sub(1);
                if !same(cur, was) {
                    out.push(at(here));
                }
            }
            CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                if matches!(cur.diff_option, CellDiffOption::None) && same(cur, was) {
                    // Past the columns a wide character covers.
                    i += width(cur).saturating_sub(1);
                    continue;
                }
                let wide = width(cur);
                out.push(at(here));
                // What ratatui writes after a wide character: the columns it covers when it
                // is an emoji with VS16 and their text changed, or all the columns a wider one
                // covered when its look shows on blanks.
                let (end, force) = if wide > 1 && cur.symbol().contains('\u{FE0F}') {
                    ((here + wide).min(len), false)
                } else if wide > 1 {
                    i += wide - 1;
                    continue;
                } else {
                    let pw = width(was);
                    if pw > wide
                        && (was.bg != Color::Reset || was.modifier.intersects(VISIBLE_ON_BLANK))
                    {
                        ((here + pw).min(len), true)
                    } else {
                        continue;
                    }
                };
                let mut end = end;
                let mut j = here + 1;
                while j < end {
                    let cell = &new[j];
                    let next_j = j + usize::from(cell.cell_width().max(1));
                    end = end.max(next_j).min(len);
                    if !is_skip(cell) && (force || old[j].symbol() != cell.symbol()) {
                        out.push(at(j));
                    }
                    j = next_j;
                }
                i = end.max(i);
            }
        }
    }
}

/// How far the entries pane's text moved between `prev` and `next` (up when positive), when
/// moving the pane's rows in the terminal leaves fewer cells to write than not moving them.
pub fn scroll_worth_it(prev: &Buffer, next: &Buffer, pane: Rect) -> Option<i16> {
    scroll_guess(prev, next, pane, &mut RowHashes::default())
}

/// What the scroll guess reads of each pane row of the frame last written, which is the next
/// frame's "before": kept, it is worked out once a frame rather than twice.
#[derive(Debug, Default)]
pub struct RowHashes {
    rows: Vec<RowText>,
    /// The pane and the screen they were worked out for.
    of: Option<(Rect, Rect)>,
}

/// A row's text, in the pane's columns and beside them (the sidebar's): hashes, and how many
/// cells are not blank, which is about what writing it costs.
#[derive(Debug, Clone, Copy, Default)]
struct RowText {
    pane: u64,
    side: u64,
    pane_cells: usize,
    side_cells: usize,
}

impl RowText {
    /// Reads one row; `cols` are the pane's columns within it.
    fn of(row: &[Cell], cols: &std::ops::Range<usize>) -> Self {
        let mut t = RowText::default();
        for (x, cell) in row.iter().enumerate() {
            let s = cell.symbol().as_bytes();
            let (h, n) = if cols.contains(&x) {
                (&mut t.pane, &mut t.pane_cells)
            } else {
                (&mut t.side, &mut t.side_cells)
            };
            if s != b" " {
                *n += 1;
            }
            for &b in s {
                *h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
            }
            *h = h.rotate_left(5) ^ 0xff;
        }
        t
    }

    /// About the cells written to turn `self` into `to`, in the pane's columns and beside them.
    fn cost_to(&self, to: &RowText) -> usize {
        let pane = if self.pane == to.pane {
            0
        } else {
            self.pane_cells.max(to.pane_cells)
        };
        let side = if self.side == to.side {
            0
        } else {
            self.side_cells.max(to.side_cells)
        };
        pane + side
    }
}

/// [`scroll_worth_it`], with `prev`'s rows from `known` when it has them; leaves `next`'s in
/// it.
fn scroll_guess(prev: &Buffer, next: &Buffer, pane: Rect, known: &mut RowHashes) -> Option<i16> {
    let pane = pane.intersection(next.area);
    let of = Some((pane, next.area));
    if pane.height < 2 || pane.width == 0 || prev.area != next.area {
        *known = RowHashes::default();
        return None;
    }
    // Rows are read as slices of the buffers (one bounds check a row, not one a cell): this
    // runs on every frame. They are lined up by their text alone: a row that differs only in
    // colour makes a worse guess, which the cost below then turns down.
    let width = usize::from(next.area.width);
    let cols = {
        let x = usize::from(pane.x - next.area.x);
        x..x + usize::from(pane.width)
    };
    let read = |buf: &Buffer| -> Vec<RowText> {
        (pane.top()..pane.bottom())
            .map(|y| {
                let start = usize::from(y - buf.area.y) * width;
                RowText::of(&buf.content[start..start + width], &cols)
            })
            .collect()
    };
    let before = if known.of == of {
        std::mem::take(&mut known.rows)
    } else {
        read(prev)
    };
    let after = read(next);
    let guess = worth_it(&before, &after);
    *known = RowHashes { rows: after, of };
    guess
}

/// The move of [`scroll_guess`], from the pane rows' text before and after.
fn worth_it(before: &[RowText], after: &[RowText]) -> Option<i16> {
    let h = before.len().min(after.len());
    // The move that lines up the most rows whose text in the pane is not blank.
    let mut best: Option<(usize, i16)> = None;
    for by in 1..h {
        for k in [by.cast_signed(), -by.cast_signed()] {
            let matches = (0..h)
                .filter(|&y| {
                    let from = y.cast_signed() + k;
                    from >= 0
                        && from < h.cast_signed()
                        && after[y].pane_cells > 0
                        && after[y].pane == before[from.cast_unsigned()].pane
                })
                .count();
            if matches > 0 && best.is_none_or(|(m, _)| matches > m) {
                best = Some((matches, i16::try_from(k).ok()?));
            }
        }
    }
    let (_, k) = best?;
    // Cells to write over whole rows (the sidebar shares them), with and without the move;
    // the rows that come in are blank. The move itself costs about 15 bytes.
    let blank = RowText::default();
    let mut moved = 16;
    let mut still = 0;
    for (i, row) in after.iter().enumerate().take(h) {
        let from = i.checked_add_signed(isize::from(k)).filter(|&f| f < h);
        moved += from.map_or(&blank, |f| &before[f]).cost_to(row);
        still += before[i].cost_to(row);
    }
    (moved < still).then_some(k)
}

/// A row's index within a pane, which is never taller than a `u16` terminal.
fn row_u16(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// A cell that erasing the line leaves as it is: a space in the default colours.
fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && default_look(cell) && cell.diff_option == CellDiffOption::None
}

/// Whether a cell's symbol is one column wide, without measuring one of printable ASCII, as
/// most are.
fn one_column(cell: &Cell) -> bool {
    matches!(cell.symbol().as_bytes(), [b] if (0x20..0x7f).contains(b))
        || cell.symbol().width() == 1
}

/// A cell that can be written over again as it is, in the colours of the cell before it.
fn same_look(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.underline_color == b.underline_color
        && a.modifier == b.modifier
}

/// Bytes of `CSI row;col H`.
fn move_cost(x: u16, y: u16) -> usize {
    let digits = |n: u32| n.checked_ilog10().unwrap_or(0) as usize + 1;
    4 + digits(u32::from(x) + 1) + digits(u32::from(y) + 1)
}

/// A cell to write where it goes, as ratatui's diff gives it.
pub type Update<'a> = (u16, u16, &'a Cell);

/// How to write a frame's changes.
#[derive(Debug, Default, PartialEq)]
pub struct Plan<'a> {
    /// Cells to draw, in row order.
    pub cells: Vec<Update<'a>>,
    /// Runs of blanks to erase in place: column, row, length.
    pub runs: Vec<(u16, u16, u16)>,
    /// Rows to erase from a column to their end.
    pub erase: Vec<(u16, u16)>,
}

/// Blank changes fewer than this in a run of blanks are written: erasing them costs a move and
/// `CSI n X`, and the cell after them may need a move of its own.
const MIN_ERASED_RUN: usize = 20;

/// How to write the diff `updates` (in row order) of `next` over what is shown.
pub fn plan<'a>(next: &'a Buffer, updates: &[Update<'a>]) -> Plan<'a> {
    let area = next.area;
    let mut cells = Vec::with_capacity(updates.len());
    let mut runs = Vec::new();
    let mut erase = Vec::new();
    let mut i = 0;
    while i < updates.len() {
        let y = updates[i].1;
        let end = i + updates[i..].iter().take_while(|u| u.1 == y).count();
        let row = &updates[i..end];
        // The row's cells, by column: the frame's cells are read here a few times each.
        let start = usize::from(y - area.y) * usize::from(area.width);
        let line = &next.content[start..start + usize::from(area.width)];
        let cell = |x: u16| &line[usize::from(x - area.x)];
        // Where the row's blank end begins.
        let mut tail = area.right();
        while tail > area.left() && is_blank(cell(tail - 1)) {
            tail -= 1;
        }
        if tail > area.left() && cell(tail - 1).symbol().width() > 1 {
            tail = area.right();
        }
        let blanks = row.iter().filter(|u| u.0 >= tail).count();
        // Erasing costs a move and 3 bytes; writing the blanks at least a byte each.
        let keep = if blanks > 12 {
            let first = row.iter().position(|u| u.0 >= tail).unwrap_or(row.len());
            erase.push((row[first].0, y));
            &row[..first]
        } else {
            row
        };
        let mut written: Vec<Update<'a>> = Vec::with_capacity(keep.len());
        // The end of the last run of blanks looked for: a change inside it has the same end,
        // so a long run is scanned once, not once a change.
        let mut blank_until = area.left();
        let mut j = 0;
        while j < keep.len() {
            // A run of blanks from this change on: the changes in it can go in one erase
            // (the unchanged cells in it are blank already).
            let x = keep[j].0;
            let mut run_end = x;
            if x < blank_until {
                run_end = blank_until;
            } else {
                while run_end < area.right() && is_blank(cell(run_end)) {
                    run_end += 1;
                }
                blank_until = run_end;
            }
            let absorbed = keep[j..].iter().take_while(|u| u.0 < run_end).count();
            if absorbed >= MIN_ERASED_RUN {
                let last = keep[j + absorbed - 1].0;
                runs.push((x, y, last + 1 - x));
                j += absorbed;
                continue;
            }
            if let Some(&(px, _, pcell)) = written.last() {
                fill_gap((line, area.x), &mut written, (px, pcell), x, y);
            }
            written.push(keep[j]);
            j += 1;
        }
        cells.append(&mut written);
        i = end;
    }
    Plan { cells, runs, erase }
}

/// Writes over the unchanged cells between a change at `px` and one at `x` on row `y` when
/// that is cheaper than moving the cursor past them and needs no change of colours.
/// `line` is row `y` of the frame, its first cell in column `x0`.
fn fill_gap<'a>(
    (line, x0): (&'a [Cell], u16),
    cells: &mut Vec<Update<'a>>,
    (px, pcell): (u16, &Cell),
    x: u16,
    y: u16,
) {
    if x <= px + 1 || !one_column(pcell) {
        return;
    }
    let gap = &line[usize::from(px + 1 - x0)..usize::from(x - x0)];
    let mut bytes = 0;
    for c in gap {
        if !one_column(c) || c.diff_option != CellDiffOption::None || !same_look(c, pcell) {
            return;
        }
        bytes += c.symbol().len();
    }
    if bytes <= move_cost(x, y) {
        cells.extend((px + 1..x).zip(gap).map(|(gx, c)| (gx, y, c)));
    }
}

#[cfg(test)]
mod tests;
