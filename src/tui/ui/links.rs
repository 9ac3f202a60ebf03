//! The links overlay: the numbered links of the entry at the top, each shown in full before it
//! can be opened.

use super::centered;
use crate::tui::entry_layout::openable;
use crate::tui::model::{LinksState, Model};
use crate::tui::wrap::{shorten_url, truncate, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The overlay's usual width: what it says besides the links fits, and it reads as a box.
const WIDTH: u16 = 100;

/// The overlay's width in a terminal `terminal` columns wide: wide enough for each link whole
/// on its row, as far as the terminal allows (its side borders included). A wide terminal has
/// room for the longest address, and the reading measure of the text column is no reason to
/// cut one the reader is about to open.
fn width_for(terminal: u16, state: &LinksState) -> u16 {
    let longest = state
        .urls
        .iter()
        .enumerate()
        .map(|(i, url)| {
            let number = format!("[{}] ", i + 1).len();
            let shown = openable(url).map_or_else(
                || crate::tui::wrap::width(url) + " (cannot be opened)".len(),
                |safe| crate::tui::wrap::width(&safe),
            );
            number + shown + 2
        })
        .max()
        .unwrap_or(0);
    u16::try_from(longest)
        .unwrap_or(u16::MAX)
        .max(WIDTH)
        .min(terminal)
}

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model, state: &LinksState) {
    let th = model.theme;
    let width = width_for(area.width, state);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, url) in state.urls.iter().enumerate() {
        let number = format!("[{}] ", i + 1);
        let room = inner.saturating_sub(number.chars().count());
        // What will be opened (punycode hosts, percent-encoding), its site and its end when
        // it is long (the whole of it below), or why it will not open.
        let (shown, style) = match openable(url) {
            Some(safe) => (shorten_url(&safe, room), th.text()),
            None => (format!("{url} (cannot be opened)"), th.dim()),
        };
        let mut line = truncate(
            vec![
                Span::styled(number, th.link_number()),
                Span::styled(shown, style),
            ],
            inner,
        );
        if i == state.selected {
            line = line.patch_style(th.selected());
        }
        lines.push(line);
    }
    // The chosen link in full, however long, so what opens is what was read.
    lines.push(Line::default());
    if let Some(full) = state.urls.get(state.selected).and_then(|u| openable(u)) {
        let first = Span::styled("Opens ", th.meta());
        lines.extend(wrap(
            &[(full.as_str(), th.link())],
            inner,
            &first,
            &Span::raw("      "),
        ));
    }
    lines.push(Line::from(Span::styled(
        "j/k choose · Enter opens in your browser · Esc closes",
        th.meta(),
    )));
    #[expect(
        clippy::cast_possible_truncation,
        reason = "an entry has tens of links, not thousands"
    )]
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, width, h);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border(true))
        .title(Span::styled(" Links in this entry ", th.title()));
    // Keep the selected link in view when there are more links than rows.
    let rows = usize::from(h.saturating_sub(4)).max(1);
    let scroll = u16::try_from(state.selected.saturating_sub(rows - 1)).unwrap_or(0);
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll, 0))
        .render(rect, buf);
}
