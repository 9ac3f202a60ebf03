//! The diff overlay (`d`): what the last edit of an entry changed, word by word.

use super::centered;
use crate::tui::model::{DiffState, Model};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model, state: &DiffState) {
    let th = model.theme;
    let (width, height) = DiffState::frame(area.width, area.height);
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border(true))
        .title(Span::styled(format!(" {} ", state.title), th.title()))
        .title_bottom(Line::from(Span::styled(
            " [+inserted+] [-deleted-] · j/k scroll · Esc closes ",
            th.meta(),
        )));
    Paragraph::new(state.wrapped(area.width))
        .block(block)
        .scroll((u16::try_from(state.offset).unwrap_or(u16::MAX), 0))
        .render(rect, buf);
}
