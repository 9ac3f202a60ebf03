//! What an edit changed: the text an entry had before its last edit is kept (in memory), and
//! `d` shows the difference word by word, inserted and deleted words marked by more than
//! colour (underline and `[+ +]`, strike-through and `[- -]`).

use super::Model;
use crate::blog::Entry;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// The diff overlay: one entry's last change.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffState {
    pub title: String,
    pub lines: Vec<Line<'static>>,
    pub offset: usize,
}

/// An entry's text as the diff compares it.
pub fn text_of(e: &Entry) -> String {
    let mut t = String::new();
    if let Some(title) = &e.title {
        t.push_str(title);
        t.push_str("\n\n");
    }
    t.push_str(&e.plain_text());
    t
}

/// The word-level difference from `old` to `new`, as lines of spans.
pub fn word_diff(old: &str, new: &str, color: bool) -> Vec<Line<'static>> {
    use similar::{ChangeTag, TextDiff};
    let inserted = {
        let s = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        if color {
            s.fg(ratatui::style::Color::Green)
        } else {
            s
        }
    };
    let deleted = {
        let s = Style::new().add_modifier(Modifier::CROSSED_OUT | Modifier::DIM);
        if color {
            s.fg(ratatui::style::Color::Red)
        } else {
            s
        }
    };
    let diff = TextDiff::from_words(old, new);
    let mut lines: Vec<Line<'static>> = vec![Line::default()];
    let mut push = |text: &str, style: Style, mark: Option<(&str, &str)>| {
        let pieces: Vec<&str> = text.split('\n').collect();
        for (n, piece) in pieces.iter().enumerate() {
            if n > 0 {
                lines.push(Line::default());
            }
            if piece.is_empty() {
                continue;
            }
            let last = lines.len() - 1;
            let shown = match mark {
                Some((open, close)) if !piece.trim().is_empty() => format!("{open}{piece}{close}"),
                _ => (*piece).to_string(),
            };
            lines[last].spans.push(Span::styled(shown, style));
        }
    };
    for change in diff.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            ChangeTag::Equal => push(value, Style::new(), None),
            ChangeTag::Insert => push(value, inserted, Some(("[+", "+]"))),
            ChangeTag::Delete => push(value, deleted, Some(("[-", "-]"))),
        }
    }
    lines
}

impl Model {
    /// Keeps what entry `view_id` said before an edit.
    pub(super) fn remember_previous(&mut self, view_id: &str, before: &Entry) {
        // Memory follows the blog: past a bound, the oldest kept texts go (any will do).
        if self.previous.len() >= 2_000
            && let Some(k) = self.previous.keys().next().cloned()
        {
            self.previous.remove(&k);
        }
        self.previous.insert(view_id.to_string(), text_of(before));
    }

    /// `d`: the last change of the entry at the top.
    pub(super) fn show_diff(&mut self) {
        let Some(i) = self.top_index() else { return };
        let e = &self.blog.entries[i];
        let Some(old) = self.previous.get(&e.id) else {
            self.note("No edit of this entry seen since the reader opened it");
            return;
        };
        let new = text_of(e);
        let title = e
            .title
            .clone()
            .unwrap_or_else(|| "What the last edit changed".into());
        self.diff = Some(DiffState {
            title: super::short(&title, 60),
            lines: word_diff(old, &new, self.theme.color),
            offset: 0,
        });
    }

    /// Keys while the diff is open: scroll, or close.
    pub(super) fn diff_key(&mut self, action: &crate::tui::action::Action) {
        use crate::tui::action::Action;
        let Some(d) = &mut self.diff else { return };
        match action {
            Action::ScrollDown => d.offset += 1,
            Action::ScrollUp => d.offset = d.offset.saturating_sub(1),
            Action::PageDown => d.offset += 10,
            Action::PageUp => d.offset = d.offset.saturating_sub(10),
            Action::HalfPageDown => d.offset += 5,
            Action::HalfPageUp => d.offset = d.offset.saturating_sub(5),
            Action::Top => d.offset = 0,
            Action::Close | Action::Quit | Action::ShowDiff | Action::Select => self.diff = None,
            _ => {}
        }
    }

    /// The diff overlay, when open.
    pub fn diff(&self) -> Option<&DiffState> {
        self.diff.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(lines: &[Line<'_>]) -> String {
        lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn inserted_and_deleted_words_are_marked_without_colour() {
        let lines = word_diff(
            "Talks begin at noon in Paris.",
            "Talks began at noon in Paris, officials say.",
            false,
        );
        let text = rendered(&lines);
        assert!(text.contains("[-begin-]"), "{text}");
        assert!(text.contains("[+began+]"), "{text}");
        assert!(text.contains("[+officials+]"), "{text}");
        assert!(
            lines[0]
                .spans
                .iter()
                .any(|s| s.style.add_modifier.contains(Modifier::CROSSED_OUT))
        );
    }

    #[test]
    fn paragraphs_stay_lines() {
        let lines = word_diff("One.\n\nTwo.", "One.\n\nTwo and three.", false);
        assert_eq!(lines.len(), 3, "{}", rendered(&lines));
    }
}
