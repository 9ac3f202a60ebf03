//! The entry pane: the laid-out entries from the reader's place down, with a gutter that marks
//! key events and unread entries without relying on colour.

use crate::tui::model::Model;
use crate::tui::panes::GUTTER;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    let th = model.theme;
    if model.blog.entries.is_empty() {
        let l = Line::from(Span::styled("No entries yet.", th.meta()));
        super::cells::set_line(
            buf,
            area.x + GUTTER,
            area.y,
            &l,
            area.width.saturating_sub(GUTTER),
        );
        return;
    }
    let mut y = area.y;
    let bottom = area.y + area.height;
    let mut skip = model.top.line;
    for i in model.visible_entries() {
        if !model.shown(i) {
            continue;
        }
        let e = &model.blog.entries[i];
        let Some(layout) = model.cache.peek(&e.id) else {
            break;
        };
        let unread = model.unread.contains(&e.id);
        for (n, line) in layout.lines.iter().enumerate().skip(skip) {
            if y >= bottom {
                return;
            }
            let is_separator = layout.is_separator(n);
            let mark = if n == 0 && unread {
                Span::styled("●", th.unread())
            } else if e.key_event && !is_separator {
                Span::styled("▌", th.key_event())
            } else {
                Span::raw(" ")
            };
            buf.set_span(area.x, y, &mark, 1);
            match model.search().filter(|s| !s.query.is_empty()) {
                // Matches in reverse video: seen without colour too.
                Some(s) => {
                    let mut line = line.clone();
                    crate::tui::entry_layout::highlight(&mut line, |t| s.find(t), th.selected());
                    super::cells::set_line(
                        buf,
                        area.x + GUTTER,
                        y,
                        &line,
                        area.width.saturating_sub(GUTTER),
                    );
                }
                None => {
                    super::cells::set_line(
                        buf,
                        area.x + GUTTER,
                        y,
                        line,
                        area.width.saturating_sub(GUTTER),
                    );
                }
            }
            y += 1;
        }
        skip = 0;
    }
}
