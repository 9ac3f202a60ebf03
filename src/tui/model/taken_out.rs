//! Entries the source took out. An entry gone from the blog leaves the screen, so what it was
//! is remembered (in memory, bounded): the refresh's note names it, and the catch-up lists it
//! and shows what it said, rather than only counting it.

use super::{DiffState, Model};
use crate::blog::Entry;
use crate::blog::timeline::split_id;
use ratatui::text::Line;

/// An entry taken out by the source, as the reader last had it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Gone {
    /// Its title, or its first words.
    pub label: String,
    /// What it said (see [`Entry::said`]).
    pub said: String,
}

impl Gone {
    /// What is kept of entry `e`.
    pub(super) fn of(e: &Entry) -> Self {
        Gone {
            label: super::kept::label(e),
            said: e.said(),
        }
    }
}

/// How the catch-up list begins the line of an entry taken out.
pub const TAKEN_OUT: &str = "✗ taken out: ";

/// The most entries remembered: past it, any one goes.
const GONE_MAX: usize = 500;

/// The widest a taken-out entry is named in a note.
const NOTE_LABEL_MAX: usize = 50;

impl Model {
    /// Remembers the entry of view id `view_id` that a refresh takes out.
    pub(super) fn remember_taken_out(&mut self, view_id: &str, gone: Gone) {
        super::edits::keep_bounded(&mut self.taken_out, view_id, gone, GONE_MAX);
    }

    /// What the note says of the entries `removed` (view ids) a refresh took out: one
    /// remembered is named ("“Title” taken out"), more are counted.
    pub(super) fn what_was_taken_out(&self, removed: &[String]) -> String {
        match removed {
            [one] => self.taken_out.get(one).map_or_else(
                || "1 entry".to_string(),
                |g| format!("“{}”", super::short(&g.label, NOTE_LABEL_MAX)),
            ),
            more => format!("{} entries", more.len()),
        }
    }

    /// The catch-up's lines for the entries taken out while the reader was away, of the blogs
    /// in view, in their blogs' order: those the reader had a copy of (without one there is
    /// nothing to name, and the count on the catch-up's line says they went).
    pub(super) fn taken_out_items(&self) -> Vec<(String, String)> {
        (self.catch_up.removed.iter())
            .filter_map(|id| {
                let g = self.taken_out.get(id)?;
                // Several blogs: which one it was, and whether its blog is in view.
                let from = match (&self.feeds, split_id(id)) {
                    (Some(f), Some((k, _))) if f.shows(k) => {
                        format!("[{}] ", f.list.get(k)?.name)
                    }
                    (Some(_), _) => return None,
                    (None, _) => String::new(),
                };
                Some((id.clone(), format!("{TAKEN_OUT}{from}{}", g.label)))
            })
            .collect()
    }

    /// Shows what entry `view_id`, taken out by the source, said, in the overlay an edit's
    /// changes are shown in; nothing when it is not remembered.
    pub(super) fn show_taken_out(&mut self, view_id: &str) {
        let Some(g) = self.taken_out.get(view_id) else {
            return;
        };
        let lines = g.said.split('\n').map(|l| Line::raw(l.to_string()));
        self.diff = Some(DiffState {
            title: format!("Taken out by the source: {}", super::short(&g.label, 40)),
            lines: lines.collect(),
            offset: 0,
        });
    }
}
