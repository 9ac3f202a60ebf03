//! The `?` overlay, generated from the key table.

use super::centered;
use crate::tui::model::Model;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame<'_>, area: Rect, model: &Model) {
    let th = model.theme;
    let rows: Vec<(String, String)> = model
        .keymap
        .bindings
        .iter()
        .map(|b| (b.keys.join(" "), b.desc.clone()))
        .collect();
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    let mut lines: Vec<Line<'static>> = rows
        .into_iter()
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(format!("{k:<key_w$}  "), th.key_event()),
                Span::styled(d, th.text()),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Mouse: wheel scrolls the pane under it; click selects.",
        th.meta(),
    )));
    lines.push(Line::from(Span::styled(
        "Press ? or Esc to close.",
        th.meta(),
    )));
    #[allow(clippy::cast_possible_truncation)] // a key table has tens of lines
    let h = lines.len() as u16 + 2;
    let rect = centered(area, 80, h);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border(true))
        .title(Span::styled(" Keys ", th.title()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}
