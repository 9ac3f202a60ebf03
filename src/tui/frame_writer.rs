//! Writing a frame: only what differs from the frame the terminal shows, in as few bytes as a
//! reader over SSH deserves.
//!
//! Three savings over writing every changed cell where it is:
//! - when the entries pane moved by whole lines (a line scrolled), the terminal moves those rows
//!   itself (a scrolling region, `CSI top;bottom r` then `CSI k S` or `CSI k T`, then `CSI r`),
//!   and the frame shown is moved the same way, so the diff that follows writes only the new
//!   rows and what the move disturbed (the sidebar's columns, which share those rows);
//! - a short run of unchanged cells between two changes is written over rather than jumped
//!   (a cursor move costs 6 to 10 bytes);
//! - a row whose changed end is blank is erased to its end (`CSI K`) rather than written with
//!   spaces.
//!
//! Correctness does not rest on guessing the scroll: the frame shown is moved exactly as the
//! terminal moves its rows, so whatever the guess, the diff against it leaves the terminal
//! showing `next`.

use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect};
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

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
    let prev = send(backend, shown, next, pane, &mut RowHashes::default())?;
    prev.content.clone_from(&next.content);
    Ok(())
}

/// As [`write`], but the frame is moved into `shown` rather than copied (a copy of every cell
/// a frame is a good part of a key's cost): on success `next` holds the frame shown before,
/// to be reset and drawn over.
pub fn write_taking<B: EraseChars>(
    backend: &mut B,
    (shown, rows): (&mut Option<Buffer>, &mut RowHashes),
    next: &mut Buffer,
    pane: Rect,
) -> Result<(), B::Error> {
    let prev = send(backend, shown, next, pane, rows)?;
    std::mem::swap(prev, next);
    Ok(())
}

/// Writes what differs between the frame shown and `next`; returns the frame shown, moved as
/// the terminal moved its rows, for the caller to make `next`.
fn send<'a, B: EraseChars>(
    backend: &mut B,
    shown: &'a mut Option<Buffer>,
    next: &Buffer,
    pane: Rect,
    rows: &mut RowHashes,
) -> Result<&'a mut Buffer, B::Error> {
    if shown.as_ref().is_none_or(|prev| prev.area != next.area) {
        // Forget it first: if the clear fails, nothing is known of the screen.
        *shown = None;
        *rows = RowHashes::default();
        backend.hide_and_clear()?;
    }
    let prev = shown.get_or_insert_with(|| Buffer::empty(next.area));
    let pane = pane.intersection(next.area);
    if let Some(k) = scroll_guess(prev, next, pane, rows) {
        let rows = pane.y..pane.bottom();
        backend.scroll_rows(rows.clone(), k)?;
        scroll(prev, rows, k);
    }
    let Plan { cells, runs, erase } = plan(next, &prev.diff(next));
    if !cells.is_empty() {
        backend.draw(cells.into_iter())?;
    }
    // After `draw` the colours are reset, so an erase leaves default blanks.
    for (x, y, n) in runs {
        backend.erase_chars(x, y, n)?;
    }
    for (x, y) in erase {
        backend.erase_to_end(x, y)?;
    }
    // The one write of the frame.
    backend.flush()?;
    Ok(prev)
}

/// Moves the rows `rows` of `buf` as the terminal moves them in a scrolling region: up by `k`
/// (`k > 0`, the bottom `k` rows become blank) or down by `-k`.
pub fn scroll(buf: &mut Buffer, rows: std::ops::Range<u16>, k: i16) {
    let width = usize::from(buf.area.width);
    let start = width * usize::from(rows.start - buf.area.y);
    let end = width * usize::from(rows.end - buf.area.y);
    let band = &mut buf.content[start..end];
    let by = (width * usize::from(k.unsigned_abs())).min(band.len());
    let len = band.len();
    if k > 0 {
        band.rotate_left(by);
        band[len - by..].fill_with(Cell::default);
    } else {
        band.rotate_right(by);
        band[..by].fill_with(Cell::default);
    }
}

/// How far the entries pane's text moved between `prev` and `next` (up when positive), when
/// moving the pane's rows in the terminal leaves fewer cells to write than not moving them.
pub fn scroll_worth_it(prev: &Buffer, next: &Buffer, pane: Rect) -> Option<i16> {
    scroll_guess(prev, next, pane, &mut RowHashes::default())
}

/// The pane rows' text hashes of the frame last written, which are the next frame's "before":
/// kept, they are worked out once a frame rather than twice.
#[derive(Debug, Default)]
pub struct RowHashes {
    rows: Vec<u64>,
    /// The pane and the screen they were worked out for.
    of: Option<(Rect, Rect)>,
}

/// [`scroll_worth_it`], with the hashes of `prev`'s rows from `known` when it has them; leaves
/// `next`'s in it.
fn scroll_guess(prev: &Buffer, next: &Buffer, pane: Rect, known: &mut RowHashes) -> Option<i16> {
    let pane = pane.intersection(next.area);
    let of = Some((pane, next.area));
    if pane.height < 2 || pane.width == 0 || prev.area != next.area {
        *known = RowHashes::default();
        return None;
    }
    // Rows are read as slices of the buffers (one bounds check a row, not one a cell): this
    // runs on every frame.
    let width = usize::from(next.area.width);
    let row_of = |buf: &'_ Buffer, y: u16| -> std::ops::Range<usize> {
        let start = usize::from(y - buf.area.y) * width;
        start..start + width
    };
    let cols = {
        let x = usize::from(pane.x - next.area.x);
        x..x + usize::from(pane.width)
    };
    // Rows are lined up by their text alone: a row that differs only in colour makes a worse
    // guess, which the count of cells below then turns down.
    let hash = |cells: &[Cell]| {
        let mut h = 0u64;
        for cell in cells {
            for &b in cell.symbol().as_bytes() {
                h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
            }
            h = h.rotate_left(5) ^ 0xff;
        }
        h
    };
    let row = |buf: &Buffer, y: u16| hash(&buf.content[row_of(buf, y)][cols.clone()]);
    let before: Vec<u64> = if known.of == of {
        std::mem::take(&mut known.rows)
    } else {
        (pane.top()..pane.bottom()).map(|y| row(prev, y)).collect()
    };
    let after: Vec<u64> = (pane.top()..pane.bottom()).map(|y| row(next, y)).collect();
    let blank = hash(&vec![Cell::default(); cols.len()]);
    let guess = worth_it(prev, next, (pane, cols), (&before, &after, blank));
    *known = RowHashes { rows: after, of };
    guess
}

/// The move of [`scroll_guess`], from the rows' hashes before and after (and a blank row's).
fn worth_it(
    prev: &Buffer,
    next: &Buffer,
    (pane, cols): (Rect, std::ops::Range<usize>),
    (before, after, blank): (&[u64], &[u64], u64),
) -> Option<i16> {
    let width = usize::from(next.area.width);
    let row_of = |buf: &'_ Buffer, y: u16| -> std::ops::Range<usize> {
        let start = usize::from(y - buf.area.y) * width;
        start..start + width
    };
    let h = before.len();
    // The move that lines up the most rows that are not blank.
    let mut best: Option<(usize, i16)> = None;
    for by in 1..h {
        for k in [by.cast_signed(), -by.cast_signed()] {
            let matches = (0..h)
                .filter(|&y| {
                    let from = y.cast_signed() + k;
                    from >= 0
                        && from < h.cast_signed()
                        && after[y] != blank
                        && after[y] == before[from.cast_unsigned()]
                })
                .count();
            if matches > 0 && best.is_none_or(|(m, _)| matches > m) {
                best = Some((matches, i16::try_from(k).ok()?));
            }
        }
    }
    let (_, k) = best?;
    // Cells to write over whole rows (the sidebar shares them), with and without the move. A
    // pane row whose text lines up counts for its columns beside the pane alone (a row that
    // differs only in colour is rare, and the diff writes it whatever the guess); the others
    // are counted cell by cell. Counting without the move stops once the move has won.
    let empty = Cell::default();
    let differ = |a: &[Cell], b: &[Cell]| a.iter().zip(b).filter(|(a, b)| a != b).count();
    let cost = |a: &[Cell], b: &[Cell], same_text: bool| {
        if same_text {
            differ(&a[..cols.start], &b[..cols.start]) + differ(&a[cols.end..], &b[cols.end..])
        } else {
            differ(a, b)
        }
    };
    let top = pane.top();
    let mut moved = 0usize;
    for (i, y) in (top..pane.bottom()).enumerate() {
        let cells = &next.content[row_of(next, y)];
        let from = i.checked_add_signed(isize::from(k)).filter(|&f| f < h);
        moved += match from {
            Some(f) => cost(
                cells,
                &prev.content[row_of(prev, top + row_u16(f))],
                after[i] == before[f],
            ),
            None => cells.iter().filter(|c| **c != empty).count(),
        };
    }
    // The move itself costs about 15 bytes.
    let mut still = 0usize;
    for (i, y) in (top..pane.bottom()).enumerate() {
        let cells = &next.content[row_of(next, y)];
        still += cost(cells, &prev.content[row_of(prev, y)], after[i] == before[i]);
        if moved + 16 < still {
            return Some(k);
        }
    }
    None
}

/// A row's index within a pane, which is never taller than a `u16` terminal.
fn row_u16(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// A cell that erasing the line leaves as it is: a space in the default colours.
fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " "
        && cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.underline_color == Color::Reset
        && cell.modifier.is_empty()
        && cell.diff_option == CellDiffOption::None
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
#[derive(Debug, Default)]
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
        // Where the row's blank end begins.
        let mut tail = area.right();
        while tail > area.left() && is_blank(&next[(tail - 1, y)]) {
            tail -= 1;
        }
        if tail > area.left() && next[(tail - 1, y)].symbol().width() > 1 {
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
                while run_end < area.right() && is_blank(&next[(run_end, y)]) {
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
                fill_gap(next, &mut written, (px, pcell), x, y);
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
fn fill_gap<'a>(
    next: &'a Buffer,
    cells: &mut Vec<Update<'a>>,
    (px, pcell): (u16, &Cell),
    x: u16,
    y: u16,
) {
    if x <= px + 1 || pcell.symbol().width() != 1 {
        return;
    }
    let gap = px + 1..x;
    let mut bytes = 0;
    for gx in gap.clone() {
        let c = &next[(gx, y)];
        if c.symbol().width() != 1 || c.diff_option != CellDiffOption::None || !same_look(c, pcell)
        {
            return;
        }
        bytes += c.symbol().len();
    }
    if bytes <= move_cost(x, y) {
        cells.extend(gap.map(|gx| (gx, y, &next[(gx, y)])));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    fn screen(lines: &[&str], width: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, u16::try_from(lines.len()).unwrap()));
        for (y, l) in lines.iter().enumerate() {
            let y = u16::try_from(y).unwrap();
            Line::from(*l).render(Rect::new(0, y, width, 1), &mut buf);
        }
        buf
    }

    /// Writes `b` over `a` the way the reader does and returns what the terminal then shows.
    fn written(a: &Buffer, b: &Buffer, pane: Rect) -> Buffer {
        let mut backend = TestBackend::new(a.area.width, a.area.height);
        let mut shown = None;
        write(&mut backend, &mut shown, a, pane).unwrap();
        write(&mut backend, &mut shown, b, pane).unwrap();
        assert_eq!(shown.as_ref(), Some(b));
        backend.buffer().clone()
    }

    #[test]
    fn a_pane_scrolled_by_a_line_is_moved_by_the_terminal_and_the_screen_is_the_new_frame() {
        let text = |i: u8| char::from(b'a' + i).to_string().repeat(20);
        let rows: Vec<String> = (0..10).map(|i| format!("side{i} | {}", text(i))).collect();
        let a: Vec<&str> = rows.iter().map(String::as_str).collect();
        let b_rows: Vec<String> = (0..10)
            .map(|i| format!("side{i} | {}", text(i + 1)))
            .collect();
        let b: Vec<&str> = b_rows.iter().map(String::as_str).collect();
        let (a, b) = (screen(&a, 30), screen(&b, 30));
        let pane = Rect::new(8, 1, 22, 8);
        assert_eq!(scroll_worth_it(&a, &b, pane), Some(1));
        assert_eq!(written(&a, &b, pane), b);
        assert_eq!(scroll_worth_it(&b, &a, pane), Some(-1));
        assert_eq!(written(&b, &a, pane), a);
    }

    #[test]
    fn a_new_page_is_not_scrolled_and_is_written_whole() {
        let a = screen(&["one", "two", "three", "four"], 20);
        let b = screen(&["five", "six", "seven", "eight"], 20);
        let pane = Rect::new(0, 0, 20, 4);
        assert_eq!(scroll_worth_it(&a, &b, pane), None);
        assert_eq!(written(&a, &b, pane), b);
    }

    #[test]
    #[allow(clippy::many_single_char_names)]
    fn a_long_blank_end_is_erased_and_short_gaps_are_written_over() {
        let a = screen(&["a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh"], 50);
        let b = screen(&["x bb ccc"], 50);
        let updates = a.diff(&b);
        let Plan { cells, erase, .. } = plan(&b, &updates);
        assert_eq!(cells.len(), 1, "only the x is written: {cells:?}");
        assert_eq!(erase, vec![(9, 0)]);
        assert_eq!(written(&a, &b, Rect::new(0, 0, 50, 1)), b);

        let c = screen(&["z bb ccc dddd eeeee ffffff ggggggg hhhhhhhz"], 50);
        let Plan { cells, erase, .. } = plan(&c, &a.diff(&c));
        assert!(erase.is_empty());
        assert_eq!(cells.len(), 2, "a long gap is jumped");
        let d = screen(&["aaaa bbbb"], 50);
        let e = screen(&["xxxx yyyy"], 50);
        let cells = plan(&e, &d.diff(&e)).cells;
        assert_eq!(cells.len(), 9, "a short gap is written over");
    }

    #[test]
    fn a_long_blank_run_inside_a_row_is_erased_in_place() {
        let a = screen(&["a long line of text that ends at a border |"], 50);
        let b = screen(&["a                                         |"], 50);
        let p = plan(&b, &a.diff(&b));
        assert!(p.cells.is_empty(), "{:?}", p.cells);
        assert_eq!(p.runs, vec![(2, 0, 39)]);
        assert_eq!(written(&a, &b, Rect::new(0, 0, 50, 1)), b);
    }

    #[test]
    fn a_gap_in_other_colours_is_jumped_not_written_over() {
        let mut a = screen(&["a b"], 10);
        a[(1, 0)].set_fg(Color::Red);
        let mut b = screen(&["x y"], 10);
        b[(1, 0)].set_fg(Color::Red);
        let cells = plan(&b, &a.diff(&b)).cells;
        assert_eq!(cells.iter().map(|u| u.0).collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(written(&a, &b, Rect::new(0, 0, 10, 1)), b);
    }
}
