//! The view: draws a [`Model`] into a buffer. Reads only; every layout it needs was prepared by
//! `update`. Each pane draws into its own rectangle of the buffer, so a pane can be tested on
//! a `Buffer` of its own.

mod catch_up;
mod cells;
mod diff;
mod entries;
mod header;
mod help;
mod links;
mod sidebar;
mod status;
mod tabs;

use super::model::Model;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Draws the whole screen into a frame.
pub fn draw(frame: &mut Frame<'_>, model: &Model) {
    render(frame.buffer_mut(), model);
}

/// Draws the whole screen into `buf`, whose area is the terminal's.
pub fn render(buf: &mut Buffer, model: &Model) {
    render_keeping(buf, model, &mut Drawn::default());
}

/// What a frame drew that the next may copy instead of drawing again.
#[derive(Debug, Default)]
pub struct Drawn {
    sidebar: sidebar::Drawn,
    /// The key of each row of the entries pane (see `entries`), by the buffer's rows: `None`
    /// for the rows it did not draw, and for all of them when something was drawn over it.
    pub pane_rows: Vec<Option<u64>>,
}

/// [`render`], copying from `drawn` what has not changed since it was drawn.
pub fn render_keeping(buf: &mut Buffer, model: &Model, drawn: &mut Drawn) {
    drawn.pane_rows.clear();
    let g = model.panes;
    if g.too_small || buf.area.width != model.size.0 || buf.area.height != model.size.1 {
        // The model has not seen this size yet, or it is below the minimum: say so.
        if g.too_small {
            Paragraph::new(too_small(model.size.0, model.size.1)).render(buf.area, buf);
        }
        return;
    }
    if let Some(t) = g.tabs {
        tabs::draw(buf, t, model);
    }
    header::draw(buf, g.header, model);
    if let Some(b) = g.banner {
        status::draw_banner(buf, b, model);
    }
    if let Some(s) = g.sidebar {
        sidebar::draw_cached(buf, s, model, &mut drawn.sidebar);
    }
    entries::draw(buf, g.entries, model, &mut drawn.pane_rows);
    status::draw(buf, g.status, model);
    // Overlays are drawn above the status bar, which stays whole: the reader's place and
    // what was last said are still read there.
    let above = Rect {
        height: g.status.y.saturating_sub(buf.area.y),
        ..buf.area
    };
    let mut over = false;
    if let Some(l) = &model.links {
        links::draw(buf, above, model, l);
        over = true;
    }
    if let Some(d) = model.diff() {
        diff::draw(buf, above, model, d);
        over = true;
    }
    if let Some(c) = model.catch_up_list() {
        catch_up::draw(buf, above, model, c);
        over = true;
    }
    if model.show_help {
        help::draw(buf, above, model);
        over = true;
    }
    if over {
        // The pane's rows no longer hold only what their keys say.
        drawn.pane_rows.fill(None);
    }
}

/// A rectangle of `w`×`h` centred in `area`, clipped to it.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// What a terminal below the smallest size says, wrapped to it: the longest wording that fits
/// whole, so that the size needed shows on a few cells too, where the whole sentence was cut
/// before it ("liveblog needs at"). Where none fits, only `…`: the first cells of a wording cut
/// read as something else (a lone "2" at one cell).
fn too_small(width: u16, height: u16) -> Vec<Line<'static>> {
    let need = format!("{}×{}", super::panes::MIN_WIDTH, super::panes::MIN_HEIGHT);
    let wordings = [
        format!("Terminal too small ({width}×{height}): liveblog needs at least {need}"),
        format!("Too small: liveblog needs {need}"),
        format!("liveblog needs {need}"),
        format!("needs {need}"),
        need,
    ];
    let none = Span::raw("");
    for text in wordings {
        let lines = super::wrap::wrap(&[(&text, Style::new())], usize::from(width), &none, &none);
        let whole_words = text
            .split_whitespace()
            .all(|w| super::wrap::width(w) <= usize::from(width));
        if whole_words && lines.len() <= usize::from(height) {
            return lines;
        }
    }
    vec![Line::raw("…")]
}

#[cfg(test)]
mod tests;
