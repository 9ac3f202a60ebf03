//! The tab bar, when several blogs are open: the merged view first, then each blog with its
//! number, its state (● live, ENDED, ⚠ failing) and its unread count ("unread", not "new":
//! the catch-up line says what is new since the last look). The tab shown is in
//! reverse video, so it does not rely on colour.

use crate::tui::model::{Feeds, Model, View};
use crate::tui::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Span;

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    let Some(feeds) = model.feeds() else { return };
    let th = model.theme;
    buf.set_style(area, th.status());
    let mut spans: Vec<Span<'static>> = Vec::new();
    let total = model.unread().len();
    let tab = |spans: &mut Vec<Span<'static>>, parts: Vec<Span<'static>>, shown: bool| {
        let mut parts = parts;
        if shown {
            for p in &mut parts {
                p.style = p.style.add_modifier(Modifier::REVERSED);
            }
        }
        spans.extend(parts);
        spans.push(Span::raw(" "));
    };
    let mut all = vec![Span::styled(" 0 All ", th.text())];
    if total > 0 {
        all.push(Span::styled(format!("{total} unread "), th.unread()));
    }
    tab(&mut spans, all, feeds.view == View::All);
    for (k, f) in feeds.list.iter().enumerate() {
        let mut parts = vec![
            Span::styled(format!(" {} ", k + 1), th.text()),
            Span::styled(f.name.clone(), Feeds::style(k, th.color)),
        ];
        if f.error.is_some() {
            parts.push(Span::styled(" ⚠", th.error()));
        } else if f.is_live() {
            parts.push(Span::styled(" ●", th.live_dot()));
        } else if f.blog.state == crate::blog::LiveState::Ended {
            parts.push(Span::styled(" ENDED", th.meta()));
        }
        let unread = model.unread_in(k);
        if unread > 0 {
            parts.push(Span::styled(format!(" {unread}"), th.unread()));
        }
        parts.push(Span::raw(" "));
        tab(&mut spans, parts, feeds.view == View::One(k));
    }
    super::cells::set_line(
        buf,
        area.x,
        area.y,
        &truncate(spans, usize::from(area.width)),
        area.width,
    );
}
