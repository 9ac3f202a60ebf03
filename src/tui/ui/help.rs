//! The `?` overlay: the lines of `help_layout` in a frame, scrolled by the model.

use super::centered;
use crate::tui::help_layout::{self, MAX_WIDTH};
use crate::tui::model::Model;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    let th = model.theme;
    // Everything is there, wrapped to the width; a terminal too short to show it all
    // scrolls it (j/k, PgUp/PgDn).
    let lines = help_layout::lines(model, area.width);
    let fits = lines.len() + 2 <= usize::from(area.height);
    let way_out = if fits {
        " Press ? or Esc to close. "
    } else {
        " j/k scroll · Press ? or Esc to close. "
    };
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, MAX_WIDTH, h);
    let offset = u16::try_from(model.help_offset()).unwrap_or(u16::MAX);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border(true))
        .title(Span::styled(" Keys ", th.title()))
        // The way out sits in the frame itself, so no length of key table can push it off.
        .title_bottom(Span::styled(way_out, th.meta()));
    Paragraph::new(lines)
        .block(block)
        .scroll((offset, 0))
        .render(rect, buf);
}
