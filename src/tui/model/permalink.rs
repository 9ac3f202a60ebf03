//! The entry at the top, handed on: its permalink (`y` copies it, `o` opens it) and its text
//! (`Y` copies it). Copying goes through the terminal (OSC 52), so it works over ssh too.

use super::{Level, Model};
use crate::blog::permalink;
use crate::blog::timeline::split_id;
use crate::tui::action::Effect;

impl Model {
    /// The entry at the top: its blog's address and its own id.
    fn top_entry_address(&self) -> Option<(Option<String>, String)> {
        let i = self.subject_index()?;
        let id = &self.blog.entries[i].id;
        Some(match &self.feeds {
            None => (
                self.blog.url.clone().or_else(|| {
                    self.source_name
                        .starts_with("http")
                        .then(|| self.source_name.clone())
                }),
                id.clone(),
            ),
            Some(f) => {
                let (k, own) = split_id(id)?;
                (f.list.get(k)?.blog.url.clone(), own.to_string())
            }
        })
    }

    /// `y` (`open`: `o`): the permalink of the entry at the top, copied or opened.
    pub(super) fn hand_on_permalink(&mut self, open: bool, effects: &mut Vec<Effect>) {
        let Some((url, id)) = self.top_entry_address() else {
            self.note("No entry here");
            return;
        };
        let Some(link) = url.as_deref().and_then(|u| permalink(u, &id)) else {
            self.status.message = Some((
                "This blog has no web address to link to".into(),
                Level::Error,
            ));
            return;
        };
        if open {
            match crate::tui::entry_layout::openable(&link) {
                Some(safe) => effects.push(Effect::OpenUrl(safe)),
                None => self.note("That link cannot be opened"),
            }
        } else {
            self.note(format!("Copied the link: {}", super::short(&link, 80)));
            effects.push(Effect::Copy(link));
        }
    }

    /// `Y`: the text of the entry at the top, copied.
    pub(super) fn copy_text(&mut self, effects: &mut Vec<Effect>) {
        let Some(i) = self.subject_index() else {
            self.note("No entry here");
            return;
        };
        let text = self.blog.entries[i].said();
        let words = text.split_whitespace().count();
        self.note(format!("Copied the entry's text ({words} words)"));
        effects.push(Effect::Copy(text));
    }
}

/// OSC 52: asks the terminal to put `text` on the clipboard, base64 inside the sequence so
/// nothing in the text can end it early.
pub fn osc52(text: &str) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 16);
    out.push_str("\x1b]52;c;");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= chunk.len() {
                out.push(char::from(TABLE[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out.push('\x07');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_base64_between_the_markers() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        assert_eq!(osc52("abc"), "\x1b]52;c;YWJj\x07");
        assert_eq!(osc52("\x07\x1b]"), "\x1b]52;c;Bxtd\x07");
    }
}
