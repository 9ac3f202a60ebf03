//! Where each pane sits for a terminal size: the rectangles (`entry_layout` lays out the text
//! inside them). Shared by the model (page sizes, mouse hits) and the view, so both agree on
//! every cell.

use ratatui::layout::Rect;

/// Below this width the sidebar collapses unless the reader asks for it with `s`.
pub const SIDEBAR_MIN_TERMINAL_WIDTH: u16 = 70;
/// The sidebar's narrowest, however the reader narrows it.
pub const SIDEBAR_MIN_WIDTH: u16 = 16;
/// Columns the entries keep, however wide the reader makes the sidebar.
pub const ENTRIES_MIN_WIDTH: u16 = 30;
/// Narrowest terminal the sidebar is shown in, even when asked for: both panes at their
/// narrowest.
pub const SIDEBAR_ANY_TERMINAL_WIDTH: u16 = SIDEBAR_MIN_WIDTH + ENTRIES_MIN_WIDTH;
/// Smallest terminal the reader draws in; below it, a notice.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Longest text line, for readability on wide terminals.
pub const MAX_TEXT_WIDTH: u16 = 100;
/// Columns left of the text in the entries pane: unread and key-event marks.
pub const GUTTER: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The row of tabs, one per blog, when several are open.
    pub tabs: Option<Rect>,
    pub header: Rect,
    pub banner: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub entries: Rect,
    pub status: Rect,
    pub too_small: bool,
}

/// The header, banner, main and status rows of `area`, `header` and `banner` rows high, the
/// status one row and the main area the rest: what `Layout::vertical` gives for
/// `[Length(header), Length(banner), Min(1), Length(1)]` when all fit (the header is taller than
/// a row only from 16 rows on, and the smallest area drawn in is [`MIN_HEIGHT`]), worked out without its solver (which took a third of a
/// millisecond on the way to the first screen).
fn rows(area: Rect, header: u16, banner: u16) -> [Rect; 4] {
    let row = |y: u16, height: u16| Rect::new(area.x, area.y + y, area.width, height);
    let main = area.height.saturating_sub(header + banner + 1);
    [
        row(0, header),
        row(header, banner),
        row(header + banner, main),
        row(header + banner + main, 1),
    ]
}

/// The sidebar's `width` columns of `main` and the entries' rest: `Layout::horizontal` for
/// `[Length(width), Min(1)]` when the entries keep a column, as they always do here.
fn columns(main: Rect, width: u16) -> [Rect; 2] {
    let width = width.min(main.width.saturating_sub(1));
    [
        Rect::new(main.x, main.y, width, main.height),
        Rect::new(main.x + width, main.y, main.width - width, main.height),
    ]
}

/// The rows the header wants in a terminal `width` wide: the title; then, with a standfirst,
/// its lines as the header wraps them (two at most) and a blank row under them.
pub fn header_lines(standfirst: &str, width: u16) -> u16 {
    if standfirst.is_empty() {
        return 1;
    }
    let lines = standfirst_lines(standfirst, width, ratatui::style::Style::new());
    if lines.len() > 1 { 4 } else { 3 }
}

/// The standfirst's lines as the header draws them in a terminal `width` wide, a column in.
pub fn standfirst_lines(
    standfirst: &str,
    width: u16,
    style: ratatui::style::Style,
) -> Vec<ratatui::text::Line<'static>> {
    let indent = ratatui::text::Span::raw(" ");
    let width = usize::from(width).saturating_sub(1);
    super::wrap::wrap(&[(standfirst, style)], width, &indent, &indent)
}

impl Panes {
    /// `sidebar` is `Some(true)`/`Some(false)` when the reader toggled it, `None` for automatic.
    pub fn new(
        width: u16,
        height: u16,
        sidebar: Option<bool>,
        banner: bool,
        header_lines: u16,
    ) -> Self {
        Self::with_sidebar_width(width, height, sidebar, banner, header_lines, None)
    }

    /// As [`Self::new`], with the sidebar `sidebar_width` columns wide when it is shown (kept
    /// within [`SIDEBAR_MIN_WIDTH`] and what leaves the entries [`ENTRIES_MIN_WIDTH`]);
    /// `None` for a third of the terminal.
    pub fn with_sidebar_width(
        width: u16,
        height: u16,
        sidebar: Option<bool>,
        banner: bool,
        header_lines: u16,
        sidebar_width: Option<u16>,
    ) -> Self {
        let area = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Self {
                entries: area,
                too_small: true,
                ..Self::default()
            };
        }
        // A standfirst of two lines keeps the blank row under it where there is room.
        let header_h = match height {
            30.. => header_lines.clamp(1, 4),
            16.. => header_lines.clamp(1, 3),
            _ => 1,
        };
        let banner_h = u16::from(banner);
        let [header, banner_area, main, status] = rows(area, header_h, banner_h);
        let show_sidebar = sidebar.unwrap_or(width >= SIDEBAR_MIN_TERMINAL_WIDTH)
            && width >= SIDEBAR_ANY_TERMINAL_WIDTH;
        let (sidebar, entries) = if show_sidebar {
            let w = sidebar_width
                .unwrap_or((width * 32 / 100).clamp(24, 46))
                .min(width - ENTRIES_MIN_WIDTH)
                .max(SIDEBAR_MIN_WIDTH);
            let [s, e] = columns(main, w);
            (Some(s), e)
        } else {
            (None, main)
        };
        Self {
            tabs: None,
            header,
            banner: banner.then_some(banner_area),
            sidebar,
            entries,
            status,
            too_small: false,
        }
    }

    /// The same panes one row lower, with the top row for the tab bar (several blogs). The
    /// entries, or else the header, give up the row.
    #[must_use]
    pub fn with_tab_bar(mut self) -> Self {
        if self.too_small {
            return self;
        }
        let down = |r: Rect| Rect { y: r.y + 1, ..r };
        let tabs = Rect::new(0, 0, self.status.width, 1);
        if self.entries.height > 1 {
            self.header = down(self.header);
            self.banner = self.banner.map(down);
            self.entries = Rect {
                y: self.entries.y + 1,
                height: self.entries.height - 1,
                ..self.entries
            };
            self.sidebar = self.sidebar.map(|s| Rect {
                y: s.y + 1,
                height: s.height - 1,
                ..s
            });
        } else {
            return self;
        }
        self.tabs = Some(tabs);
        self
    }

    /// Width the entry text is wrapped to.
    pub fn text_width(&self) -> u16 {
        self.entries
            .width
            .saturating_sub(GUTTER + 1)
            .clamp(1, MAX_TEXT_WIDTH)
    }

    /// Width the sidebar's key-event titles are wrapped to (inside its border and marker).
    pub fn sidebar_text_width(&self) -> u16 {
        self.sidebar.map_or(20, |s| sidebar_text_width(s.width))
    }
}

/// Width a sidebar `width` columns wide wraps its key-event titles to (inside its border and
/// marker): what the sidebar's fit measures a title at.
pub fn sidebar_text_width(width: u16) -> u16 {
    width.saturating_sub(4).max(8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    #[test]
    fn rows_and_columns_are_where_the_layout_solver_puts_them() {
        for height in MIN_HEIGHT..=300 {
            for header in 1..=4 {
                for banner in (0..=1).filter(|b| header + b + 2 <= height) {
                    let area = Rect::new(0, 0, 120, height);
                    let solved: [Rect; 4] = Layout::vertical([
                        Constraint::Length(header),
                        Constraint::Length(banner),
                        Constraint::Min(1),
                        Constraint::Length(1),
                    ])
                    .areas(area);
                    assert_eq!(
                        rows(area, header, banner),
                        solved,
                        "{height} {header} {banner}"
                    );
                }
            }
        }
        for width in 30..=400 {
            let main = Rect::new(0, 1, width, 40);
            for w in [
                SIDEBAR_MIN_WIDTH,
                24,
                30,
                46,
                width / 3,
                width.saturating_sub(30),
            ] {
                if w >= width {
                    continue;
                }
                let solved: [Rect; 2] =
                    Layout::horizontal([Constraint::Length(w), Constraint::Min(1)]).areas(main);
                assert_eq!(columns(main, w), solved, "{width} {w}");
            }
        }
    }

    #[test]
    fn sidebar_collapses_below_70_columns_unless_asked_for() {
        assert!(Panes::new(100, 30, None, false, 2).sidebar.is_some());
        assert!(Panes::new(69, 30, None, false, 2).sidebar.is_none());
        assert!(Panes::new(50, 20, Some(true), false, 2).sidebar.is_some());
        assert!(Panes::new(100, 30, Some(false), false, 2).sidebar.is_none());
    }

    #[test]
    fn a_sidebar_asked_for_leaves_the_entries_their_narrowest_or_is_not_shown() {
        for width in MIN_WIDTH..=80 {
            let p = Panes::new(width, 24, Some(true), false, 2);
            match p.sidebar {
                Some(s) => {
                    assert!(width >= SIDEBAR_ANY_TERMINAL_WIDTH, "{width}");
                    assert!(s.width >= SIDEBAR_MIN_WIDTH, "{width}");
                    assert!(p.entries.width >= ENTRIES_MIN_WIDTH, "{width}");
                }
                None => assert!(width < SIDEBAR_ANY_TERMINAL_WIDTH, "{width}"),
            }
        }
    }

    #[test]
    fn tiny_terminals_are_flagged() {
        for (w, h) in [(0, 0), (1, 1), (1, 2), (2, 1), (3, 3), (20, 2)] {
            assert!(Panes::new(w, h, None, false, 2).too_small, "{w}x{h}");
        }
    }

    #[test]
    fn panes_tile_the_screen() {
        let g = Panes::new(100, 30, None, true, 2);
        let s = g.sidebar.unwrap();
        assert_eq!(s.width + g.entries.width, 100);
        assert_eq!(g.header.height + 1 + g.entries.height + g.status.height, 30);
        assert_eq!(g.status.y, 29);
    }
}
