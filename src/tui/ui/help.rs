//! The `?` overlay, generated from the key table.

use super::centered;
use crate::tui::model::Model;
use crate::tui::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    let th = model.theme;
    // Wide: every key and the whole description. Narrow: the first two keys, and each
    // description cut to the line, so the table still fits.
    let narrow = area.width < 70;
    let rows: Vec<(String, String)> = model
        .help_bindings()
        .map(|b| {
            // A run of digits (the blogs' tabs) reads better as a range.
            let digits = b.keys.len() > 2
                && b.keys
                    .iter()
                    .all(|k| k.len() == 1 && k.as_bytes()[0].is_ascii_digit());
            let keys = if digits {
                vec![format!(
                    "{}–{}",
                    b.keys.first().map_or("", String::as_str),
                    b.keys.last().map_or("", String::as_str)
                )]
            } else if narrow {
                b.keys.iter().take(2).cloned().collect::<Vec<_>>()
            } else {
                b.keys.clone()
            };
            (keys.join(" "), b.desc.clone())
        })
        .collect();
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    let inner_w = usize::from(area.width.min(80).saturating_sub(2));
    let mut lines: Vec<Line<'static>> = rows
        .into_iter()
        .map(|(k, d)| {
            let line = vec![
                Span::styled(format!("{k:<key_w$}  "), th.key_event()),
                Span::styled(d, th.text()),
            ];
            if narrow {
                truncate(line, inner_w)
            } else {
                Line::from(line)
            }
        })
        .collect();
    // The legend and the mouse line go first when the terminal is short; the way out stays.
    let extra = vec![
        Line::default(),
        Line::from(vec![
            Span::styled("★ ▌", th.key_event()),
            Span::styled(" key event  ", th.meta()),
            Span::styled("●", th.unread()),
            Span::styled(" new since you looked  ", th.meta()),
            Span::styled("▶", th.current()),
            Span::styled(" the key event you are under  ", th.meta()),
            Span::styled("◆", th.pinned()),
            Span::styled(" pinned", th.meta()),
        ]),
        Line::from(Span::styled(
            "Mouse: wheel scrolls the pane under it; click selects.",
            th.meta(),
        )),
    ];
    // Everything is there; a terminal too short to show it all scrolls it (j/k, PgUp/PgDn).
    lines.extend(extra);
    let fits = lines.len() + 2 <= usize::from(area.height);
    let way_out = if fits {
        " Press ? or Esc to close. "
    } else {
        " j/k scroll · Press ? or Esc to close. "
    };
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, 80, h);
    let offset = u16::try_from(model.help_offset).unwrap_or(u16::MAX);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border(true))
        .title(Span::styled(" Keys ", th.title()))
        // The way out sits in the frame itself, so no length of key table can push it off.
        .title_bottom(Span::styled(way_out, th.meta()));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .scroll((offset, 0))
        .render(rect, buf);
}
