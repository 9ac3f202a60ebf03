//! The key-events sidebar: the selected item in reverse video when the sidebar has focus, and
//! the key event the reader is under marked with ▶ (shape, not only colour).

use crate::tui::model::{Focus, Model};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders};

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
