//! The tab bar's tabs for a width, when several blogs are open: drawn by `ui::tabs`, and read
//! by the model, which selects the tab a click lands on.

use crate::tui::model::{Feeds, Model, View};
use ratatui::style::Modifier;
use ratatui::text::Span;

/// Each tab in a bar `width` columns wide, in order, with the view it shows: its spans, the
/// space after it included. Too narrow for all of them whole, "12 unread" becomes "12" and the
/// longer names are cut, so that every blog keeps its tab rather than the last ones falling
/// off the end.
pub fn tabs(model: &Model, width: u16) -> Vec<(View, Vec<Span<'static>>)> {
    let Some(feeds) = model.feeds() else {
        return Vec::new();
    };
    let names: Vec<String> = feeds.list.iter().map(|f| f.name.clone()).collect();
    let shown = tabs_named(model, feeds, &names, false);
    let width_of = |tabs: &[(View, Vec<Span<'_>>)]| -> usize {
        tabs.iter()
            .flat_map(|(_, spans)| spans)
            .map(|s| s.content.chars().count())
            .sum()
    };
    if width_of(&shown) <= usize::from(width) {
        return shown;
    }
    let short = tabs_named(model, feeds, &names, true);
    let whole: usize = names.iter().map(|n| n.chars().count()).sum();
    let marks = width_of(&short) - whole;
    let room = usize::from(width).saturating_sub(marks);
    tabs_named(model, feeds, &fitted_names(&names, room), true)
}

/// The view whose tab is at `column` of the bar, `width` columns wide; `None` past the last.
pub fn view_at(model: &Model, width: u16, column: u16) -> Option<View> {
    let mut start = 0;
    for (view, spans) in tabs(model, width) {
        let end = start
            + spans
                .iter()
                .map(|s| s.content.chars().count())
                .sum::<usize>();
        if (start..end).contains(&usize::from(column)) {
            return Some(view);
        }
        start = end;
    }
    None
}

/// The tabs with each blog named as in `names`; `short`: the merged tab's unread count
/// without its word.
fn tabs_named(
    model: &Model,
    feeds: &Feeds,
    names: &[String],
    short: bool,
) -> Vec<(View, Vec<Span<'static>>)> {
    let th = model.theme;
    let mut tabs = Vec::new();
    let total = model.unread().len();
    let tab = |tabs: &mut Vec<(View, Vec<Span<'static>>)>, parts: Vec<Span<'static>>, view| {
        let mut parts = parts;
        if feeds.view == view {
            for p in &mut parts {
                p.style = p.style.add_modifier(Modifier::REVERSED);
            }
        }
        parts.push(Span::raw(" "));
        tabs.push((view, parts));
    };
    let mut all = vec![Span::styled(" 0 All ", th.text())];
    if total > 0 {
        let said = if short {
            format!("{total} ")
        } else {
            format!("{total} unread ")
        };
        all.push(Span::styled(said, th.unread()));
    }
    tab(&mut tabs, all, View::All);
    for (k, (f, name)) in feeds.list.iter().zip(names).enumerate() {
        let mut parts = vec![
            Span::styled(format!(" {} ", k + 1), th.text()),
            Span::styled(name.clone(), Feeds::style(k, th.color)),
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
        tab(&mut tabs, parts, View::One(k));
    }
    tabs
}

/// Each blog's name as its tab says it within `room` columns for all of them: the shortest
/// kept whole, the others cut to an equal share (at least a letter and "…"), so a narrow bar
/// still names every blog rather than losing the last ones.
fn fitted_names(names: &[String], room: usize) -> Vec<String> {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&k| names[k].chars().count());
    let mut cap = vec![usize::MAX; names.len()];
    let (mut left, mut n) = (room, names.len());
    for k in order {
        let share = (left / n.max(1)).max(2);
        let w = names[k].chars().count();
        if w > share {
            cap[k] = share;
        }
        left = left.saturating_sub(w.min(share));
        n -= 1;
    }
    cut_to(names, &cap)
}

/// Each blog's name in at most `max` characters, cut as a narrow tab bar cuts it: what the
/// merged view's tags say where a whole name would crowd out what it tags.
pub fn names_within(names: &[String], max: usize) -> Vec<String> {
    cut_to(names, &vec![max; names.len()])
}

/// Each of `names` in at most its `cap` characters: cut at its end with "…", or in the middle
/// when that would leave two alike.
fn cut_to(names: &[String], cap: &[usize]) -> Vec<String> {
    let cut: Vec<String> = names
        .iter()
        .zip(cap)
        .map(|(name, &c)| crate::tui::model::short(name, c))
        .collect();
    // Names that differ only at their end ("127.0.0.1:18941", "127.0.0.1:18942") are cut in
    // the middle instead, keeping both ends, so that their tabs still tell them apart.
    cut.iter()
        .enumerate()
        .map(|(k, c)| {
            if cut.iter().filter(|o| *o == c).count() > 1 {
                middle_cut(&names[k], cap[k])
            } else {
                c.clone()
            }
        })
        .collect()
}

/// `s` in at most `max` characters, its middle replaced by "…".
fn middle_cut(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let keep = max.saturating_sub(1);
    let head = keep / 2;
    let tail = keep - head;
    let mut out: String = s.chars().take(head).collect();
    out.push('…');
    out.extend(s.chars().skip(n - tail));
    out
}

#[cfg(test)]
mod tests {
    use super::fitted_names;

    #[test]
    fn a_narrow_bar_cuts_the_long_names_and_keeps_every_blog() {
        let names = ["BBC", "theguardian.com", "independent.co.uk"].map(String::from);
        assert_eq!(
            fitted_names(&names, 35),
            ["BBC", "theguardian.com", "independent.co.uk"]
        );
        assert_eq!(fitted_names(&names, 21), ["BBC", "theguard…", "independ…"]);
        // However narrow, each keeps a letter.
        assert_eq!(fitted_names(&names, 0), ["B…", "t…", "i…"]);
        // Names alike but for their end keep their ends.
        let hosts = ["127.0.0.1:18941", "127.0.0.1:18942"].map(String::from);
        assert_eq!(fitted_names(&hosts, 20), ["127.…18941", "127.…18942"]);
    }

    #[test]
    fn names_cut_to_one_length_keep_apart_the_names_alike_but_for_their_end() {
        let names = ["BBC", "127.0.0.1:18941", "127.0.0.1:18942"].map(String::from);
        assert_eq!(
            super::names_within(&names, 8),
            ["BBC", "127…8941", "127…8942"]
        );
    }
}
