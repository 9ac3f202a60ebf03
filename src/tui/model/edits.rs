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

/// The widest the diff overlay is drawn, border included.
pub const DIFF_MAX_WIDTH: u16 = 100;

impl DiffState {
    /// The overlay's size in a terminal of `width`×`height`, border included.
    pub fn frame(width: u16, height: u16) -> (u16, u16) {
        (width.min(DIFF_MAX_WIDTH), height.saturating_sub(2).max(3))
    }

    /// The furthest the diff scrolls in a terminal of `width`×`height`: its last line at the
    /// overlay's foot, so that no key scrolls it away into an empty frame (and back takes as
    /// many).
    pub fn last(&self, width: u16, height: u16) -> usize {
        let rows = usize::from(Self::frame(width, height).1.saturating_sub(2)).max(1);
        self.wrapped(width).len().saturating_sub(rows)
    }

    /// The diff's lines wrapped to the overlay's inner width in a terminal `width` wide:
    /// drawn as they are, and counted to keep the scroll within them.
    pub fn wrapped(&self, width: u16) -> Vec<Line<'static>> {
        let inner = usize::from(Self::frame(width, 0).0.saturating_sub(2));
        let none = Span::raw("");
        self.lines
            .iter()
            .flat_map(|l| {
                let runs: Vec<(&str, Style)> = l
                    .spans
                    .iter()
                    .map(|s| (s.content.as_ref(), s.style))
                    .collect();
                if runs.iter().all(|(t, _)| t.is_empty()) {
                    vec![Line::default()]
                } else {
                    crate::tui::wrap::wrap(&runs, inner, &none, &none)
                }
            })
            .collect()
    }
}

/// The word-level difference from `old` to `new`, as lines of spans.
pub fn word_diff(old: &str, new: &str, color: bool) -> Vec<Line<'static>> {
    use similar::ChangeTag;
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
            let core = piece.trim();
            let spans = &mut lines[last].spans;
            match mark {
                // The marks hug the words: the spaces around them stay outside.
                Some((open, close)) if !core.is_empty() => {
                    let at = piece.len() - piece.trim_start().len();
                    let (lead, trail) = (&piece[..at], &piece[at + core.len()..]);
                    if !lead.is_empty() {
                        spans.push(Span::raw(lead.to_string()));
                    }
                    spans.push(Span::styled(format!("{open}{core}{close}"), style));
                    if !trail.is_empty() {
                        spans.push(Span::raw(trail.to_string()));
                    }
                }
                _ => spans.push(Span::styled((*piece).to_string(), style)),
            }
        }
    };
    for (tag, text) in runs(old, new) {
        match tag {
            ChangeTag::Equal => push(&text, Style::new(), None),
            ChangeTag::Insert => push(&text, inserted, Some(("[+", "+]"))),
            ChangeTag::Delete => push(&text, deleted, Some(("[-", "-]"))),
        }
    }
    lines
}

/// The changes from `old` to `new` as runs, as `git diff --word-diff` writes them: each stretch
/// of change is its words deleted, marked once, then its words inserted, marked once
/// (`[-More soon.-][+Talks ended at six.+]`, not a mark a word), a space both versions have
/// between two changed words counted in the stretch.
fn runs(old: &str, new: &str) -> Vec<(similar::ChangeTag, String)> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let changes: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    let (mut deleted, mut inserted) = (String::new(), String::new());
    let flush = |runs: &mut Vec<_>, deleted: &mut String, inserted: &mut String| {
        for (tag, text) in [(ChangeTag::Delete, deleted), (ChangeTag::Insert, inserted)] {
            if !text.is_empty() {
                runs.push((tag, std::mem::take(text)));
            }
        }
    };
    for (i, &(tag, value)) in changes.iter().enumerate() {
        match tag {
            ChangeTag::Delete => deleted.push_str(value),
            ChangeTag::Insert => inserted.push_str(value),
            ChangeTag::Equal => {
                let changing = !deleted.is_empty() || !inserted.is_empty();
                let blank = value.chars().all(|c| c == ' ' || c == '\t');
                let more = changes.get(i + 1).is_some_and(|c| c.0 != ChangeTag::Equal);
                if changing && blank && more {
                    for side in [&mut deleted, &mut inserted] {
                        if !side.is_empty() {
                            side.push_str(value);
                        }
                    }
                    continue;
                }
                flush(&mut runs, &mut deleted, &mut inserted);
                match runs.last_mut() {
                    Some((ChangeTag::Equal, text)) => text.push_str(value),
                    _ => runs.push((ChangeTag::Equal, value.to_string())),
                }
            }
        }
    }
    flush(&mut runs, &mut deleted, &mut inserted);
    runs
}

/// Keeps `value` under `key` in `map` of at most `most` values: memory follows the blog, and
/// past the bound one kept value goes (any will do) for each one kept anew.
pub(super) fn keep_bounded<V>(
    map: &mut foldhash::HashMap<String, V>,
    key: &str,
    value: V,
    most: usize,
) {
    if map.len() >= most
        && !map.contains_key(key)
        && let Some(k) = map.keys().next().cloned()
    {
        map.remove(&k);
    }
    map.insert(key.to_string(), value);
}

impl Model {
    /// Keeps what entry `view_id` said before an edit.
    pub(super) fn remember_previous(&mut self, view_id: &str, before: &Entry) {
        keep_bounded(&mut self.previous, view_id, before.said(), 2_000);
    }

    /// `d`: the last change of the entry at the top.
    pub(super) fn show_diff(&mut self) {
        let Some(i) = self.subject_index() else {
            return;
        };
        let e = &self.blog.entries[i];
        let Some(old) = self.previous.get(&e.id) else {
            // The catch-up can know an entry changed (by its fingerprint) with no earlier text
            // kept to show: say so, rather than that it was not edited.
            if self.catch_up.edited.contains(&e.id) {
                self.note("Edited since you last looked; what it said before was not kept");
            } else {
                self.note("No edit of this entry seen since the reader opened it");
            }
            return;
        };
        let new = e.said();
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
        // The diff is drawn above the status bar.
        let (width, height) = (self.size.0, self.panes.status.y);
        let Some(d) = &mut self.diff else { return };
        let rows = usize::from(DiffState::frame(width, height).1.saturating_sub(2)).max(1);
        let last = d.last(width, height);
        let half = rows.div_ceil(2);
        d.offset = match action {
            Action::ScrollDown => d.offset + 1,
            Action::ScrollUp => d.offset.saturating_sub(1),
            Action::PageDown => d.offset + rows,
            Action::PageUp => d.offset.saturating_sub(rows),
            Action::HalfPageDown => d.offset + half,
            Action::HalfPageUp => d.offset.saturating_sub(half),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Close | Action::Quit | Action::ShowDiff | Action::Select => {
                self.diff = None;
                return;
            }
            _ => d.offset,
        }
        .min(last);
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
        assert!(
            text.contains("[-Paris.-][+Paris, officials say.+]"),
            "{text}"
        );
        assert!(
            lines[0]
                .spans
                .iter()
                .any(|s| s.style.add_modifier.contains(Modifier::CROSSED_OUT))
        );
    }

    #[test]
    fn words_changed_one_after_another_are_marked_once() {
        let text = rendered(&word_diff(
            "Leaders met in Paris. More soon.",
            "Leaders met in Paris. Update: this post was edited after it was first published.",
            false,
        ));
        assert_eq!(
            text,
            "Leaders met in Paris. [-More soon.-][+Update: this post was edited after it was \
             first published.+]"
        );
        // Words changed apart are marked apart.
        let text = rendered(&word_diff("a x b y c", "a X b Y c", false));
        assert_eq!(text, "a [-x-][+X+] b [-y-][+Y+] c");
        let text = rendered(&word_diff("a b", "a X Y Z b", false));
        assert_eq!(text, "a [+X Y Z+] b");
        let text = rendered(&word_diff("one two three four", "one four", false));
        assert_eq!(text, "one [-two three-] four");
        // Across lines, each line's part is marked on its own line.
        let text = rendered(&word_diff("Start.", "Start. New words\nand more", false));
        assert_eq!(text, "Start. [+New words+]\n[+and more+]");
    }

    #[test]
    fn paragraphs_stay_lines() {
        let lines = word_diff("One.\n\nTwo.", "One.\n\nTwo and three.", false);
        assert_eq!(lines.len(), 3, "{}", rendered(&lines));
    }
}
