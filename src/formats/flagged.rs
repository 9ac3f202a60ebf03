//! A blog's key events made from the entries its source flags as key events, for a source
//! that flags entries but does not list its key events apart from them.

use crate::blog::{Entry, KeyEvent};
use crate::formats::guardian::short_title;

/// The key events the flagged entries make, in the entries' order: each titled with its
/// entry's title, else the start of its text, and heading that entry.
pub(crate) fn key_events(entries: &[Entry]) -> Vec<KeyEvent> {
    entries
        .iter()
        .filter(|e| e.key_event)
        .map(|e| KeyEvent {
            title: e
                .title
                .clone()
                .unwrap_or_else(|| short_title(&e.plain_text())),
            entry_id: Some(e.id.clone()),
            published: e.published,
        })
        .collect()
}
