//! The key-events sidebar: the selected item in reverse video when the sidebar has focus, and
//! the key event the reader is under marked with ▶ (shape, not only colour).

use crate::tui::model::{Focus, Model};
use crate::tui::theme::Theme;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders};

/// The sidebar as last drawn, to copy rather than draw again while nothing it shows changed:
/// a key that scrolls the entries leaves it as it was, and drawing it was a tenth of a frame.
#[derive(Debug, Default)]
pub struct Drawn {
    key: Option<Key>,
    cells: Vec<Cell>,
}

/// Everything the sidebar's cells are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    area: Rect,
    focused: bool,
    theme: Theme,
    generation: u64,
    len: usize,
    offset: usize,
    selected: usize,
    current: Option<usize>,
}

/// [`draw`], or the cells drawn last time when they are what it would draw.
pub fn draw_cached(buf: &mut Buffer, area: Rect, model: &Model, drawn: &mut Drawn) {
    let area = area.intersection(buf.area);
    let s = &model.sidebar;
    let key = Key {
        area,
        focused: model.focus == Focus::Sidebar,
        theme: model.theme,
        generation: s.generation(),
        len: s.len(),
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
    if drawn.key.as_ref() == Some(&key) && drawn.cells.len() == width * starts.len() {
        for (start, cells) in starts.into_iter().zip(drawn.cells.chunks_exact(width)) {
            buf.content[start..start + width].clone_from_slice(cells);
        }
        return;
    }
    draw(buf, area, model);
    drawn.cells.clear();
    for start in starts {
        drawn
            .cells
            .extend_from_slice(&buf.content[start..start + width]);
    }
    drawn.key = Some(key);
}

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    let th = model.theme;
    let focused = model.focus == Focus::Sidebar;
    let s = &model.sidebar;
    let title = format!(" Key events ({}) ", s.len());
    let block = Block::new()
        .borders(Borders::TOP | Borders::RIGHT)
        .border_style(th.border(focused))
        .title(Span::styled(title, th.border(focused)));
    let inner = block.inner(area);
    block.render(area, buf);
    if s.is_empty() {
        let l = Line::from(Span::styled(" No key events", th.meta()));
        super::cells::set_line(buf, inner.x, inner.y, &l, inner.width);
        return;
    }
    let selected = focused.then(|| s.item_range(s.selected));
    let current = s.current.map(|c| s.item_range(c));
    for (row, n) in (s.offset..s.line_count())
        .take(usize::from(inner.height))
        .enumerate()
    {
        #[expect(clippy::cast_possible_truncation, reason = "row < inner.height")]
        let y = inner.y + row as u16;
        let mut line: Line<'static> = s.line(n);
        if current.as_ref().is_some_and(|r| r.contains(&n)) {
            line = line.patch_style(th.current());
        }
        if selected.as_ref().is_some_and(|r| r.contains(&n)) {
            line = line.patch_style(th.selected());
            let pad = usize::from(inner.width).saturating_sub(line.width());
            line.spans
                .push(Span::styled(" ".repeat(pad), th.selected()));
        }
        super::cells::set_line(buf, inner.x, y, &line, inner.width);
    }
}
