//! The mouse: the wheel scrolls the pane under the pointer, a click on a key event jumps to it,
//! a click on a tab shows that blog (or all of them).

use super::{Focus, Model};
use crate::tui::action::{Effect, Mouse};

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
            Mouse::WheelDown { .. } if over_sidebar => self.scroll_sidebar(3),
            Mouse::WheelUp { .. } if over_sidebar => self.scroll_sidebar(-3),
            Mouse::WheelDown { .. } => self.scroll(3),
            Mouse::WheelUp { .. } => self.scroll(-3),
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
