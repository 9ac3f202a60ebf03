//! The links overlay: the links of the entry at the top, one of which may be opened.

use super::{Level, Model, short};
use crate::tui::action::{Action, Effect};

/// The links overlay: the links of one entry, numbered as on screen, one selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinksState {
    pub urls: Vec<String>,
    pub selected: usize,
}

impl Model {
    /// Keys while the links overlay is open: move, open (only an http(s) link), close.
    pub(super) fn links_key(&mut self, action: &Action, effects: &mut Vec<Effect>) {
        let Some(links) = &mut self.links else { return };
        match action {
            Action::ScrollDown => {
                links.selected = (links.selected + 1).min(links.urls.len().saturating_sub(1));
            }
            Action::ScrollUp => links.selected = links.selected.saturating_sub(1),
            Action::Select => {
                let url = links.urls.get(links.selected).cloned().unwrap_or_default();
                if let Some(safe) = crate::tui::entry_layout::openable(&url) {
                    self.links = None;
                    effects.push(Effect::OpenUrl(safe));
                } else {
                    let shown = short(&url, 60);
                    let msg = format!("Refused \"{shown}\": only http and https links open");
                    self.status.message = Some((msg, Level::Error));
                }
            }
            Action::Quit | Action::Close | Action::OpenLinks => self.links = None,
            _ => {}
        }
    }
}
