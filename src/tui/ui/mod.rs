//! The view: draws a [`Model`] into a frame. Reads only; every layout it needs was prepared by
//! `update`.

mod entries;
mod header;
mod help;
mod links;
mod sidebar;
mod status;

use super::model::Model;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame<'_>, model: &Model) {
    let g = model.panes;
    if g.too_small || frame.area().width != model.size.0 || frame.area().height != model.size.1 {
        // The model has not seen this size yet, or it is below the minimum: say so.
        if g.too_small {
            let msg = format!(
                "Terminal too small ({}×{}): liveblog needs at least {}×{}",
                model.size.0,
                model.size.1,
                super::panes::MIN_WIDTH,
                super::panes::MIN_HEIGHT
            );
            frame.render_widget(
                Paragraph::new(Line::from(msg)).wrap(Wrap { trim: true }),
                frame.area(),
            );
        }
        return;
    }
    header::draw(frame, g.header, model);
    if let Some(b) = g.banner {
        status::draw_banner(frame, b, model);
    }
    if let Some(s) = g.sidebar {
        sidebar::draw(frame, s, model);
    }
    entries::draw(frame, g.entries, model);
    status::draw(frame, g.status, model);
    if let Some(l) = &model.links {
        links::draw(frame, frame.area(), model, l);
    }
    if model.show_help {
        help::draw(frame, frame.area(), model);
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
