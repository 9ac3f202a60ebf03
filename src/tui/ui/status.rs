//! The one-line status bar and the "new entries above" banner.

use crate::blog::LiveState;
use crate::tui::model::{Level, Model};
use crate::tui::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use std::fmt::Write;

const SPINNER: [&str; 4] = ["◐", "◓", "◑", "◒"];

/// Said while the entries on screen were guessed from the page's layout rather than marked up.
pub const GUESSED: &str = "guessed entries";

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    let th = model.theme;
    let st = &model.status;
    let mut left: Vec<Span<'static>> = Vec::new();
    if let Some(kind) = &st.source_kind {
        left.push(Span::styled(format!(" {kind} "), th.badge_ended()));
        left.push(Span::raw(" "));
    }
    // LIVE only while following: a saved file that was live when saved is not live now.
    match model.blog.state {
        LiveState::Live if st.following => left.push(Span::styled(" ● LIVE ", th.badge_live())),
        LiveState::Ended => left.push(Span::styled(" ENDED ", th.badge_ended())),
        _ => {}
    }
    if st.paused {
        left.push(Span::styled(" PAUSED ", th.badge_ended()));
    }
    if st.fetching {
        // Turns with the clock's tick (once a second while live); no timer of its own.
        let n = model.now().map_or(0, |t| {
            usize::try_from(t.as_second().rem_euclid(4)).unwrap_or(0)
        });
        left.push(Span::raw(format!(" {}", SPINNER[n])));
    }
    left.push(Span::raw(" "));
    if let Some(s) = model.search().filter(|s| s.typing || st.message.is_none()) {
        left.push(Span::styled(search_text(model, s), th.text()));
    } else if let Some((msg, level)) = &st.message {
        let style = if *level == Level::Error {
            th.error()
        } else {
            th.text()
        };
        left.push(Span::styled(msg.clone(), style));
    } else if let Some(err) = &st.error {
        left.push(Span::styled(error_text(model, err), th.error()));
    } else {
        left.push(Span::styled(quiet_text(model), th.meta()));
    }

    let mut right: Vec<Span<'static>> = Vec::new();
    let n = model.blog.entries.len();
    if let Some(i) = model.top_index() {
        right.push(Span::styled(format!("{}/{} ", i + 1, n), th.meta()));
    }
    let help = model
        .keymap
        .key_for(&crate::tui::action::Action::ToggleHelp)
        .unwrap_or("?");
    let quit = model
        .keymap
        .key_for(&crate::tui::action::Action::Quit)
        .unwrap_or("q");
    right.push(Span::styled(
        format!("{help} help  {quit} quit "),
        th.meta(),
    ));
    let right_w: usize = right.iter().map(Span::width).sum();
    let width = usize::from(area.width);
    buf.set_style(area, th.status());
    if right_w + 10 <= width {
        let l = truncate(left, width - right_w - 1);
        buf.set_line(area.x, area.y, &l, area.width);
        #[expect(
            clippy::cast_possible_truncation,
            reason = "right_w < width ≤ u16::MAX"
        )]
        buf.set_line(
            area.x + (width - right_w) as u16,
            area.y,
            &Line::from(right),
            right_w as u16,
        );
    } else {
        buf.set_line(area.x, area.y, &truncate(left, width), area.width);
    }
}

/// The search: the prompt while typing, else where the reader is among the matches.
fn search_text(model: &Model, s: &crate::tui::model::SearchState) -> String {
    let n = s.matches.len();
    let count = match n {
        0 if s.query.is_empty() => String::new(),
        0 => "no match".to_string(),
        1 => "1 entry matches".to_string(),
        n => format!("{n} entries match"),
    };
    if s.typing {
        format!("/{}▏ {count}", s.query)
    } else {
        let at = model.search_position().map_or(String::new(), |(at, of)| {
            if at > 0 {
                format!("{at}/{of} · ")
            } else {
                String::new()
            }
        });
        format!(
            "\"{}\" {at}{count} · n/N next/previous · Esc clears",
            s.query
        )
    }
}

/// A failed refresh: what failed, when, and when the next try is come first; the whole
/// message after.
fn error_text(model: &Model, err: &str) -> String {
    let st = &model.status;
    let tz = &model.cache.context().tz;
    let mut head = format!(
        "⚠ {}",
        st.error_class.as_deref().unwrap_or("refresh failed")
    );
    if let Some(t) = st.last_check {
        let when = crate::tui::entry_layout::local_time(crate::blog::Stamp::utc(t), tz, None);
        let _ = write!(head, " at {when}");
    }
    if let (Some(next), Some(now)) = (st.next_poll, model.now()) {
        let secs = (next.as_second() - now.as_second()).max(0);
        let _ = write!(head, " · next try in {secs}s");
    }
    // What is on screen is the kept copy: say from when.
    if let Some(t) = st.cached {
        let _ = write!(
            head,
            " · showing the copy of {}",
            crate::blog::wall_clock(t, tz, model.now())
        );
    }
    format!("{head} · {err}")
}

/// All is well: what changes comes first, the source's name last (a narrow bar cuts the name).
fn quiet_text(model: &Model) -> String {
    let st = &model.status;
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = st.cached {
        let tz = &model.cache.context().tz;
        parts.push(format!(
            "cached {}",
            crate::blog::wall_clock(t, tz, model.now())
        ));
    }
    if let (Some(t), Some(now)) = (st.last_update, model.now()) {
        let stamp = crate::blog::Stamp::utc(t);
        parts.push(format!(
            "updated {}",
            crate::tui::entry_layout::relative(stamp, now)
        ));
    }
    if let (Some(next), Some(now), false) = (st.next_poll, model.now(), st.paused) {
        let secs = (next.as_second() - now.as_second()).max(0);
        parts.push(format!("next check in {secs}s"));
    } else if st.following && model.blog.state == LiveState::Ended {
        parts.push("the blog has ended: no more checks".into());
    }
    if model.key_only() {
        parts.insert(0, "KEY EVENTS ONLY".into());
    }
    if model.blog.extracted == crate::blog::Extraction::Heuristic {
        parts.push(GUESSED.into());
    }
    parts.push(model.source_label());
    parts.join(" · ")
}

pub fn draw_banner(buf: &mut Buffer, area: Rect, model: &Model) {
    let th = model.theme;
    let key = model
        .keymap
        .key_for(&crate::tui::action::Action::JumpToNew)
        .unwrap_or("g");
    let n = model.new_above;
    let text = format!(
        " ↑ {n} new {} above · press {key} to read {} ",
        if n == 1 { "entry" } else { "entries" },
        if n == 1 { "it" } else { "them" }
    );
    buf.set_style(area, th.banner());
    buf.set_line(
        area.x,
        area.y,
        &truncate(vec![Span::styled(text, th.banner())], area.width.into()),
        area.width,
    );
}
