//! The help overlay's scroll, and what it lists.

use super::Model;
use crate::tui::action::{Action, Mouse};

impl Model {
    /// A key (or the wheel) while the help is open: it scrolls or closes the help, or does
    /// nothing. `false` for what shows the screen again (a resize), which goes on as usual.
    pub(super) fn help_key(&mut self, action: &Action) -> bool {
        match action {
            Action::ToggleHelp | Action::Quit | Action::Close => {
                self.show_help = false;
                self.help_offset = 0;
            }
            Action::ScrollDown
            | Action::ScrollUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom => self.scroll_help(action),
            Action::Mouse(Mouse::WheelDown { .. } | Mouse::WheelUp { .. }) => {
                super::mouse::as_keys(action, super::mouse::WHEEL_LINES, |a| {
                    self.scroll_help(a);
                });
            }
            _ if action.shows_again() => return false,
            _ => {}
        }
        true
    }

    /// Moves the help by a line or a page, within its length (the view cuts what is past the
    /// end of a tall terminal, so a short one can reach every line).
    pub(super) fn scroll_help(&mut self, action: &Action) {
        let last = self.help_last();
        let page = usize::from(self.panes.status.y).saturating_sub(4).max(1);
        self.help_offset = match action {
            Action::ScrollDown => self.help_offset + 1,
            Action::ScrollUp => self.help_offset.saturating_sub(1),
            Action::PageDown => self.help_offset + page,
            Action::PageUp => self.help_offset.saturating_sub(page),
            Action::HalfPageDown => self.help_offset + page.div_ceil(2),
            Action::HalfPageUp => self.help_offset.saturating_sub(page.div_ceil(2)),
            Action::Bottom => last,
            _ => 0,
        }
        .min(last);
    }

    /// Where the help is scrolled to at terminal width `width`: the binding first in view and
    /// how many of its lines are above the view.
    pub(super) fn help_place(&self, width: u16) -> (usize, usize) {
        let (_, starts) = crate::tui::help_layout::layout(self, width);
        let k = (starts.partition_point(|&s| s <= self.help_offset)).saturating_sub(1);
        let start = starts.get(k).copied().unwrap_or(0);
        (k, self.help_offset.saturating_sub(start))
    }

    /// Scrolls the help to `place` ([`Self::help_place`]) at the width now, within its length.
    pub(super) fn set_help_place(&mut self, (k, into): (usize, usize)) {
        let (lines, starts) = crate::tui::help_layout::layout(self, self.size.0);
        let start = starts.get(k).copied().unwrap_or(0);
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let into = into.min(end.saturating_sub(start + 1));
        self.help_offset = (start + into).min(self.help_last());
    }

    /// The help's furthest scroll: every line of it as drawn at this width, and the border's
    /// two, less the rows above the status bar (the help is drawn there).
    pub(super) fn help_last(&self) -> usize {
        let drawn = crate::tui::help_layout::lines(self, self.size.0).len() + 2;
        drawn.saturating_sub(usize::from(self.panes.status.y))
    }

    /// The bindings the help lists: those for several blogs only when several are open.
    pub fn help_bindings(&self) -> impl Iterator<Item = &crate::tui::keymap::Binding> {
        let several = self.feeds.is_some();
        self.keymap.bindings.iter().filter(move |b| {
            several
                || !matches!(
                    b.action,
                    Action::ShowView(_) | Action::NextView | Action::PrevView
                )
        })
    }

    /// How far the help is scrolled.
    pub fn help_offset(&self) -> usize {
        self.help_offset
    }
}
