//! The blog's title and standfirst, above everything.

use crate::tui::model::Model;
use crate::tui::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    let th = model.theme;
    let width = usize::from(area.width);
    let title = truncate(
        vec![Span::styled(
            format!(" {}", model.shown_title()),
            th.title(),
        )],
        width,
    );
    super::cells::set_line(buf, area.x, area.y, &title, area.width);
    if area.height > 1 && !model.blog.standfirst.is_empty() {
        let lines =
            crate::tui::panes::standfirst_lines(&model.blog.standfirst, area.width, th.meta());
        // Two lines at most: a header of four rows keeps its last one blank.
        let rows = usize::from(area.height - 1).min(2);
        for (i, l) in lines.iter().take(rows).enumerate() {
            let mut l = l.clone();
            if i + 1 == rows && lines.len() > rows {
                // More follows: the row ends with one `…`, after the whole row where there is
                // room for it, else where `truncate` cuts the row (its own, with ours cut off).
                l.spans.push(Span::styled("…", th.meta()));
                l = truncate(l.spans, width.saturating_sub(1));
            }
            #[expect(clippy::cast_possible_truncation, reason = "i < rows ≤ area.height")]
            super::cells::set_line(buf, area.x, area.y + 1 + i as u16, &l, area.width);
        }
    }
}
