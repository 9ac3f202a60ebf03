//! The tab bar, when several blogs are open: the merged view first, then each blog with its
//! number, its state (● live, ENDED, ⚠ failing) and its unread count ("unread", not "new":
//! the catch-up line says what is new since the last look). The tab shown is in
//! reverse video, so it does not rely on colour. What each tab says is `tab_layout`'s.

use crate::tui::model::Model;
use crate::tui::tab_layout;
use crate::tui::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    if model.feeds().is_none() {
        return;
    }
    buf.set_style(area, model.theme.status());
    let spans: Vec<Span<'static>> = tab_layout::tabs(model, area.width)
        .into_iter()
        .flat_map(|(_, spans)| spans)
        .collect();
    super::cells::set_line(
        buf,
        area.x,
        area.y,
        &truncate(spans, usize::from(area.width)),
        area.width,
    );
}
