//! The key-events sidebar: the selected item in reverse video when the sidebar has focus, and
//! the key event the reader is under marked with ▶ (shape, not only colour).

use crate::tui::model::{Focus, Model};
use crate::tui::theme::Theme;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::line::VERTICAL;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders};

/// The sidebar as last drawn, to copy rather than draw again while nothing it shows changed:
/// a key that scrolls the entries leaves it as it was, and drawing it was a tenth of a frame.
#[derive(Debug, Default)]
pub struct Drawn {
    key: Option<Key>,
    cells: Vec<Cell>,
    /// How many times only the marked items' rows were drawn again (for tests).
    #[cfg(test)]
    pub(super) redrawn_marks: usize,
}

/// Everything the sidebar's cells are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    area: Rect,
    focused: bool,
    theme: Theme,
    generation: u64,
    len: usize,
    /// How far the list is laid out, up to the bottom of the area: the rows it fills.
    laid_out: usize,
    offset: usize,
    selected: usize,
    current: Option<usize>,
}

impl Key {
    /// Whether `self` and `other` draw the same cells but for the rows of the items marked
    /// current or selected: the same list, laid out alike and scrolled alike.
    fn differs_in_marks_only(&self, other: &Key) -> bool {
        self.area == other.area
            && self.focused == other.focused
            && self.theme == other.theme
            && self.generation == other.generation
            && self.len == other.len
            && self.laid_out == other.laid_out
            && self.offset == other.offset
    }
}

/// [`draw`], or the cells drawn last time when they are what it would draw. When only the
/// current or the selected item moved (a key that scrolls the entries past a key event, or
/// moves through the sidebar), the rest is copied and only those items' rows are drawn again.
pub fn draw_cached(buf: &mut Buffer, area: Rect, model: &Model, drawn: &mut Drawn) {
    let area = area.intersection(buf.area);
    let s = &model.sidebar;
    let key = Key {
        area,
        focused: model.focus == Focus::Sidebar,
        theme: model.theme,
        generation: s.generation(),
        len: s.len(),
        laid_out: s.line_count().min(s.offset + usize::from(area.height)),
        offset: s.offset,
        selected: s.selected,
        current: s.current,
    };
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let starts: Vec<usize> = (area.top()..area.bottom())
        .map(|y| buf.index_of(area.x, y))
        .collect();
    let kept = drawn
        .key
        .take()
        .filter(|_| drawn.cells.len() == width * starts.len());
    match kept {
        Some(old) if old == key => copy(buf, &starts, &drawn.cells),
        Some(old) if old.differs_in_marks_only(&key) && !s.is_empty() => {
            copy(buf, &starts, &drawn.cells);
            #[cfg(test)]
            {
                drawn.redrawn_marks += 1;
            }
            let inner = block(model).inner(area);
            let marks = Marks::of(model);
            let mut items = vec![old.current, key.current];
            if key.focused {
                items.extend([Some(old.selected), Some(key.selected)]);
            }
            let top = s.offset;
            let bottom = top + usize::from(inner.height);
            for item in items.into_iter().flatten() {
                let lines = s.item_range(item);
                for n in lines.start.max(top)..lines.end.min(bottom) {
                    #[expect(clippy::cast_possible_truncation, reason = "n - top < inner.height")]
                    let y = inner.y + (n - top) as u16;
                    for x in inner.left()..inner.right() {
                        buf[(x, y)].reset();
                    }
                    draw_line(buf, inner, y, model, n, &marks);
                    let row = usize::from(y - area.y);
                    drawn.cells[row * width..(row + 1) * width]
                        .clone_from_slice(&buf.content[starts[row]..starts[row] + width]);
                }
            }
        }
        _ => {
            draw(buf, area, model);
            drawn.cells.clear();
            for start in starts {
                drawn
                    .cells
                    .extend_from_slice(&buf.content[start..start + width]);
            }
        }
    }
    drawn.key = Some(key);
}

/// Copies the rows drawn before, one slice of `cells` a row, to where `starts` says each begins.
fn copy(buf: &mut Buffer, starts: &[usize], cells: &[Cell]) {
    let width = cells.len() / starts.len().max(1);
    for (&start, row) in starts.iter().zip(cells.chunks_exact(width.max(1))) {
        buf.content[start..start + width].clone_from_slice(row);
    }
}

/// The frame around the list, with its title.
fn block(model: &Model) -> Block<'static> {
    let focused = model.focus == Focus::Sidebar;
    let style = model.theme.border(focused);
    let title = format!(" Key events ({}) ", model.sidebar.len());
    Block::new()
        .borders(Borders::TOP | Borders::RIGHT)
        .border_style(style)
        .title(Span::styled(title, style))
}

/// `block` (the frame of [`block`]) drawn in `area` as its own drawing would, but for the
/// cells inside it: a block restyles every cell of its area first, some sixty instructions a
/// cell for a style that changes nothing, and a tenth of the first frame's drawing. Its top
/// line with the title is drawn by the block itself, its right-hand line here.
fn render_frame(block: &Block<'_>, area: Rect, buf: &mut Buffer, style: Style) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    block.render(Rect { height: 1, ..area }, buf);
    let x = area.right() - 1;
    for y in area.top() + 1..area.bottom() {
        buf[(x, y)].set_symbol(VERTICAL).set_style(style);
    }
}

/// The lines of the items marked: the key event the reader is under, and the one selected
/// while the sidebar has focus.
struct Marks {
    current: Option<std::ops::Range<usize>>,
    selected: Option<std::ops::Range<usize>>,
}

impl Marks {
    fn of(model: &Model) -> Marks {
        let s = &model.sidebar;
        Marks {
            current: s.current.map(|c| s.item_range(c)),
            selected: (model.focus == Focus::Sidebar).then(|| s.item_range(s.selected)),
        }
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    let block = block(model);
    let inner = block.inner(area);
    render_frame(
        &block,
        area,
        buf,
        model.theme.border(model.focus == Focus::Sidebar),
    );
    let s = &model.sidebar;
    if s.is_empty() {
        let l = Line::from(Span::styled(" No key events", model.theme.meta()));
        super::cells::set_line(buf, inner.x, inner.y, &l, inner.width);
        return;
    }
    let marks = Marks::of(model);
    for (row, n) in (s.offset..s.line_count())
        .take(usize::from(inner.height))
        .enumerate()
    {
        #[expect(clippy::cast_possible_truncation, reason = "row < inner.height")]
        let y = inner.y + row as u16;
        draw_line(buf, inner, y, model, n, &marks);
    }
}

/// Line `n` of the list at row `y` of `inner`, over blank cells.
fn draw_line(buf: &mut Buffer, inner: Rect, y: u16, model: &Model, n: usize, marks: &Marks) {
    let th = model.theme;
    let mut line: Line<'static> = model.sidebar.line(n);
    if marks.current.as_ref().is_some_and(|r| r.contains(&n)) {
        line = line.patch_style(th.current());
    }
    if marks.selected.as_ref().is_some_and(|r| r.contains(&n)) {
        line = line.patch_style(th.selected());
        let pad = usize::from(inner.width).saturating_sub(line.width());
        line.spans
            .push(Span::styled(" ".repeat(pad), th.selected()));
    }
    super::cells::set_line(buf, inner.x, y, &line, inner.width);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    /// The frame drawn in two parts is the block drawn whole, over cells already written, at
    /// every size from none to wide, with titles that fit, are cut, or hold wide characters.
    #[test]
    fn the_frame_is_the_block_drawn_whole() {
        let styles = [
            Style::new(),
            Style::new().fg(Color::Cyan),
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ];
        let titles = [" Key events (3) ", " Key events (1000) ", " 要点 (12) ", ""];
        for (w, h) in (0..24).flat_map(|w| (0..5).map(move |h| (w, h))) {
            for (style, title) in styles
                .iter()
                .zip(titles.iter().cycle())
                .chain([(&styles[2], &titles[2]), (&styles[0], &titles[1])])
            {
                let block = Block::new()
                    .borders(Borders::TOP | Borders::RIGHT)
                    .border_style(*style)
                    .title(Span::styled(*title, *style));
                let whole = Rect::new(0, 0, 30, 8);
                let mut expected = Buffer::filled(whole, Cell::new("x"));
                let mut got = expected.clone();
                let area = Rect::new(2, 1, w, h);
                (&block).render(area, &mut expected);
                render_frame(&block, area, &mut got, *style);
                assert_eq!(got, expected, "{w}×{h} {title:?}");
            }
        }
    }
}
