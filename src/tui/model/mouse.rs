//! The mouse: the wheel scrolls the pane under the pointer, a click on a key event jumps to it,
//! a click on a tab shows that blog (or all of them).

use super::{Focus, Model};
use crate::tui::action::{Action, Effect, Mouse};

/// Lines a notch of the wheel scrolls text: the entries, the help, the diff.
pub(super) const WHEEL_LINES: usize = 3;
/// Items a notch of the wheel moves the choice in a list (the links, the catch-up): one, so
/// that none of a short list is stepped over.
pub(super) const WHEEL_ITEMS: usize = 1;

/// Gives an open overlay (the help, the diff, a list) `action`, with a notch of the wheel
/// as `notch` presses of `j` or `k`, wherever the pointer is: an overlay holds the keys, so it
/// holds the wheel too. A click is given as it is (the overlays take none).
pub(super) fn as_keys(action: &Action, notch: usize, mut key: impl FnMut(&Action)) {
    let step = match action {
        Action::Mouse(Mouse::WheelDown { .. }) => Action::ScrollDown,
        Action::Mouse(Mouse::WheelUp { .. }) => Action::ScrollUp,
        _ => {
            key(action);
            return;
        }
    };
    for _ in 0..notch {
        key(&step);
    }
}

impl Model {
    pub(super) fn mouse(&mut self, m: Mouse) -> Option<Effect> {
        let (column, row) = match m {
            Mouse::WheelUp { column, row }
            | Mouse::WheelDown { column, row }
            | Mouse::Click { column, row } => (column, row),
        };
        let pos = ratatui::layout::Position { x: column, y: row };
        let over_sidebar = self.panes.sidebar.is_some_and(|s| s.contains(pos));
        match m {
            Mouse::WheelDown { .. } if over_sidebar => {
                self.scroll_sidebar(3);
                self.sidebar_wheeled_under = Some(super::WheeledUnder(self.sidebar.current));
            }
            Mouse::WheelUp { .. } if over_sidebar => {
                self.scroll_sidebar(-3);
                self.sidebar_wheeled_under = Some(super::WheeledUnder(self.sidebar.current));
            }
            Mouse::WheelDown { .. } => self.scroll(WHEEL_LINES.cast_signed()),
            Mouse::WheelUp { .. } => self.scroll(-WHEEL_LINES.cast_signed()),
            Mouse::Click { .. } if over_sidebar => {
                self.focus = Focus::Sidebar;
                let s = self.panes.sidebar.unwrap_or_default();
                // The sidebar's first row is its title.
                if row > s.y {
                    let line = self.sidebar.offset + usize::from(row - s.y - 1);
                    if let Some(k) = self.sidebar.item_at_line(line) {
                        return self.select_key_event(k);
                    }
                }
            }
            Mouse::Click { .. } if self.panes.tabs.is_some_and(|t| t.contains(pos)) => {
                // As the tab's number key.
                let tabs = self.panes.tabs.unwrap_or_default();
                let at = crate::tui::tab_layout::view_at(self, tabs.width, column - tabs.x);
                if let Some(view) = at {
                    self.show_view(view);
                }
            }
            Mouse::Click { .. } => {
                if self.panes.entries.contains(pos) {
                    self.focus = Focus::Entries;
                }
            }
        }
        None
    }
}
