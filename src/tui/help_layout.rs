//! The `?` help's lines for a width, generated from the key table: drawn by `ui::help`, and
//! counted by the model, which scrolls them.

use crate::tui::model::Model;
use crate::tui::wrap::wrap;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The widest the help is drawn, border included.
pub const MAX_WIDTH: u16 = 80;

/// Below this width the help lists the first two keys of each action and wraps each
/// description under itself, rather than every key on one line.
const NARROW: u16 = 70;

/// The fewest columns a description is given beside its keys; narrower, the keys stand on
/// a line of their own above it.
const MIN_BESIDE: usize = 24;

/// What sets a description apart from the key above it when they stand on separate lines.
const STACKED_INDENT: &str = "  ";

/// The help's lines in a terminal `width` columns wide: every binding, then the legend and the
/// mouse, each wrapped to the help's inner width, descriptions under themselves.
pub fn lines(model: &Model, width: u16) -> Vec<Line<'static>> {
    layout(model, width).0
}

/// [`lines`], and the line each binding starts on: the help's place across a resize is a
/// binding, since its lines are wrapped again and a line number would land on another key.
pub fn layout(model: &Model, width: u16) -> (Vec<Line<'static>>, Vec<usize>) {
    let th = model.theme;
    let narrow = width < NARROW;
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
            } else {
                let most = if narrow { 2 } else { b.keys.len() };
                b.keys
                    .iter()
                    .take(most)
                    .map(|k| crate::tui::keymap::shown(k).to_string())
                    .collect()
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
    let inner = usize::from(width.min(MAX_WIDTH).saturating_sub(2));
    let under = Span::raw(" ".repeat(key_w + 2));
    let none = Span::raw("");
    // Too narrow for a column of keys beside the descriptions: each key on a line of its
    // own, its description under it across the whole help, set in a little.
    let stacked = inner < key_w + 2 + MIN_BESIDE;
    let indent = Span::raw(STACKED_INDENT);
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut starts = Vec::with_capacity(rows.len());
    for (k, d) in rows {
        starts.push(out.len());
        if stacked {
            out.extend(wrap(&[(k.as_str(), th.key_event())], inner, &none, &none));
            out.extend(wrap(&[(d.as_str(), th.text())], inner, &indent, &indent));
        } else {
            let keys = Span::styled(format!("{k:<key_w$}  "), th.key_event());
            out.extend(wrap(&[(d.as_str(), th.text())], inner, &keys, &under));
        }
    }
    out.push(Line::default());
    // One line where it fits; else a line breaks between items, never within one (a mark
    // apart from what it means reads as nothing), but for an item wider than the help.
    let legend = legend(model);
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (mark, style, meaning) in legend {
        let item = [(mark, style), (" ", th.meta()), (meaning, th.meta())];
        let w = unicode_width::UnicodeWidthStr::width(mark) + 1 + meaning.chars().count();
        if !line.is_empty() && used + 3 + w > inner {
            out.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if w > inner {
            out.extend(wrap(&item, inner, &none, &none));
            continue;
        }
        if !line.is_empty() {
            line.push(Span::styled(" · ", th.meta()));
            used += 3;
        }
        line.extend(item.map(|(t, s)| Span::styled(t, s)));
        used += w;
    }
    if !line.is_empty() {
        out.push(Line::from(line));
    }
    out.extend(wrap(
        &[(
            "Mouse: wheel scrolls the pane under it; click selects.",
            th.meta(),
        )],
        inner,
        &none,
        &none,
    ));
    (out, starts)
}

/// The marks the screen may show and what each means, in the help's order: the entries' and
/// the sidebar's, the status bar's and the tabs', then the source's badge where it has one.
fn legend(model: &Model) -> Vec<(&'static str, Style, &'static str)> {
    let th = model.theme;
    let mut legend = vec![
        ("★ ▌", th.key_event(), "key event"),
        ("●", th.unread(), "new since you looked"),
        ("▶", th.current(), "the key event you are under"),
        ("◆", th.pinned(), "pinned"),
        ("≡", th.title(), "summary"),
        ("dim", th.dim(), "a key event with no entry loaded"),
        // The status bar's and the tabs' own marks.
        ("● LIVE", th.live_dot(), "checked for new entries"),
        ("ENDED", th.badge_ended(), "the blog has ended"),
        ("⚠", th.error(), "the last check failed"),
        ("7/34", th.meta(), "the entry you are at, of all"),
    ];
    if model.feeds().is_some() {
        legend.push(("2 Name 7", th.unread(), "blog 2's tab: 7 unread"));
    }
    // The source's badge, where it has one: a newcomer's first screen shows `REPLAY`.
    match model.status().source_kind.as_deref() {
        Some(crate::source::REPLAY_KIND) => {
            legend.push((
                "REPLAY",
                th.badge_ended(),
                "a saved blog played back as if live",
            ));
        }
        Some(crate::source::PIPE_KIND) => {
            legend.push((
                "PIPE",
                th.badge_ended(),
                "read once from standard input, kept nowhere",
            ));
        }
        _ => {}
    }
    legend
}
