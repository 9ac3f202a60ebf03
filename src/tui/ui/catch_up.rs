//! The catch-up list (`c`): what changed since the reader last looked — new key events and
//! summaries first, then new and edited entries oldest first — each one a jump away — and
//! last the entries taken out, each shown as it was.

use super::centered;
use crate::tui::model::{CatchUpState, Model, TAKEN_OUT};
use crate::tui::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model, state: &CatchUpState) {
    let th = model.theme;
    let width = area.width.min(100);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, (_, label)) in state.items.iter().enumerate() {
        let mut line = truncate(vec![Span::styled(label.clone(), th.text())], inner);
        if i == state.selected {
            line = line.patch_style(th.selected());
        }
        lines.push(line);
    }
    lines.push(Line::default());
    // An entry taken out cannot be jumped to: `Enter` shows what it said.
    let gone = (state.items.get(state.selected)).is_some_and(|(_, l)| l.starts_with(TAKEN_OUT));
    let enter = if gone {
        "Enter shows what it said"
    } else {
        "Enter jumps to it"
    };
    lines.push(Line::from(Span::styled(
        format!("j/k choose · {enter} · Esc closes"),
        th.meta(),
    )));
    let h = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = centered(area, width, h);
    Clear.render(rect, buf);
    let title = model
        .catch_up_title()
        .unwrap_or_else(|| "Since you last looked".into());
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border(true))
        .title(Span::styled(format!(" {title} "), th.title()));
    let rows = usize::from(h.saturating_sub(4)).max(1);
    let scroll = u16::try_from(state.selected.saturating_sub(rows - 1)).unwrap_or(0);
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll, 0))
        .render(rect, buf);
}
