//! The entry pane: the laid-out entries from the reader's place down, with a gutter that marks
//! key events and unread entries without relying on colour.
//!
//! Each row drawn gets a key: a hash of everything written in it (the pane's columns, the
//! gutter's mark and the line with its styles). Two rows with the same key hold the same cells
//! in the pane's columns, so the frame writer need not compare them cell by cell: a line's
//! scroll moves every row of the pane, and comparing them was most of writing the frame.

use crate::tui::model::Model;
use crate::tui::panes::GUTTER;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use std::hash::{BuildHasher, Hash, Hasher};

/// Draws the pane into `area`, and in `keys` (one a row of `buf`) the key of each row drawn;
/// `None` for the others.
pub fn draw(buf: &mut Buffer, area: Rect, model: &Model, keys: &mut Vec<Option<u64>>) {
    keys.clear();
    keys.resize(usize::from(buf.area.height), None);
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
    if let Some((said, keys)) = model.nothing_shown() {
        for (dy, text) in (0..area.height).zip([said, keys]) {
            let l = Line::from(Span::styled(text, th.meta()));
            let width = area.width.saturating_sub(GUTTER);
            super::cells::set_line(buf, area.x + GUTTER, area.y + dy, &l, width);
        }
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
        let unread = model.unread.contains(&e.id) || model.just_read.contains(&e.id);
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
            // Matches in reverse video: seen without colour too.
            let key = if let Some(s) = model.search().filter(|s| !s.query.is_empty()) {
                let mut line = line.clone();
                crate::tui::entry_layout::highlight(&mut line, |t| s.find(t), th.selected());
                draw_line(buf, area, y, &line);
                row_key(area, &mark, &line)
            } else {
                draw_line(buf, area, y, line);
                row_key(area, &mark, line)
            };
            if let Some(slot) = keys.get_mut(usize::from(y - buf.area.y)) {
                *slot = Some(key);
            }
            y += 1;
        }
        skip = 0;
    }
}

/// A line of an entry, after the gutter.
fn draw_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>) {
    super::cells::set_line(
        buf,
        area.x + GUTTER,
        y,
        line,
        area.width.saturating_sub(GUTTER),
    );
}

/// The key of a row: what [`draw`] wrote in it, and where.
fn row_key(area: Rect, mark: &Span<'_>, line: &Line<'_>) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(0x6c69_7665).build_hasher();
    (area.x, area.width, GUTTER).hash(&mut h);
    mark.hash(&mut h);
    line.hash(&mut h);
    h.finish()
}
