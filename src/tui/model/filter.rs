//! Filters that narrow the entry pane besides `K`: entries with a word (`&`, as in less) and
//! entries by an author (`A`). A hidden entry takes no lines; the reader's place stays on its
//! entry, so it comes back when the filter goes.

use super::Model;
use super::search::Wanted;
use crate::tui::action::Action;

/// The word and author filters, and the `&` prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterState {
    /// Only entries with this word (smart case, as `/`).
    pub word: Option<String>,
    /// Only entries by this author (any case).
    pub author: Option<String>,
    /// The `&` prompt, while open: what is typed.
    pub typing: Option<String>,
    /// Whether each entry of the view passes, made when the filter or the view changes;
    /// empty when no filter is set.
    passes: Vec<bool>,
}

impl FilterState {
    /// Whether a word or an author filter is set.
    pub fn is_set(&self) -> bool {
        self.word.is_some() || self.author.is_some()
    }

    /// Whether entry `i` passes.
    pub fn passes(&self, i: usize) -> bool {
        self.passes.get(i).copied().unwrap_or(true)
    }
}

/// The filters as a note says them: `with "Scholz" by Anna Smith`.
fn filter_words(word: Option<&str>, author: Option<&str>) -> String {
    match (word, author) {
        (Some(w), Some(a)) => format!(
            "with \"{}\" by {}",
            super::short(w, 40),
            super::short(a, 40)
        ),
        (Some(w), None) => format!("with \"{}\"", super::short(w, 40)),
        (None, Some(a)) => format!("by {}", super::short(a, 40)),
        (None, None) => String::new(),
    }
}

/// Whether entry `e` passes a word filter and an author filter.
fn passes(e: &crate::blog::Entry, word: Option<&Wanted>, author: Option<&str>) -> bool {
    let by = author.is_none_or(|a| {
        let a = a.to_lowercase();
        e.authors.iter().any(|x| x.to_lowercase() == a)
    });
    by && word.is_none_or(|w| w.in_entry(e))
}

impl Model {
    /// The word and author filters.
    pub fn filter(&self) -> &FilterState {
        &self.filter
    }

    /// Whether a prompt takes the keys as text (`/` or `&`).
    pub fn prompt_open(&self) -> bool {
        self.search_typing() || self.filter.typing.is_some()
    }

    /// Works out again which entries pass: the filter or the view changed.
    pub(super) fn refilter(&mut self) {
        let f = &mut self.filter;
        if !f.is_set() {
            f.passes.clear();
            return;
        }
        // The word folded once for the whole blog.
        let wanted = f.word.as_deref().map(Wanted::new);
        let (word, author) = (wanted.as_ref(), f.author.as_deref());
        f.passes = self
            .blog
            .entries
            .iter()
            .map(|e| passes(e, word, author))
            .collect();
    }

    /// Sets the filters to `word` and `author` if some entry passes them; says what the pane
    /// shows now. The place is kept.
    fn set_filter(&mut self, word: Option<String>, author: Option<String>) {
        let wanted = word.as_deref().map(Wanted::new);
        // Under `K` the filter narrows the key events: none of them passing would leave the
        // pane empty.
        let any = (self.blog.entries.iter().enumerate()).any(|(i, e)| {
            (!self.key_only || self.key_kind(i)) && passes(e, wanted.as_ref(), author.as_deref())
        });
        if !any {
            let what = filter_words(word.as_deref(), author.as_deref());
            let kind = if self.key_only {
                "key event or summary"
            } else {
                "entry"
            };
            self.note(format!(
                "No loaded {kind} {what}: the filter was not changed"
            ));
            return;
        }
        let was = self.filtered();
        self.filter.word = word;
        self.filter.author = author;
        self.refilter();
        self.note(self.filter_note());
        self.after_filter_change(was);
    }

    /// What the pane shows under the filters in force: "Showing 3 of 12 entries, those with
    /// \"Scholz\"". Said when they change, and again when a refresh changes the counts. `K`
    /// in force is said first: a word or author filter gone leaves it narrowing the pane.
    pub(super) fn filter_note(&self) -> String {
        match (self.key_only, self.filter.is_set()) {
            (true, false) => {
                return "Showing key events and summaries only (K shows everything)".to_string();
            }
            (true, true) => {
                return format!(
                    "Showing key events and summaries only, those {} (K shows them all)",
                    self.filter_words()
                );
            }
            (false, false) => return "Showing every entry".to_string(),
            (false, true) => {}
        }
        let shown = (0..self.blog.entries.len())
            .filter(|&i| self.shown(i))
            .count();
        let what = self.filter_words();
        format!(
            "Showing {shown} of {} entries, those {what}",
            self.blog.entries.len()
        )
    }

    /// What the word and author filters in force let through: `with "truce" by Jane Doe`.
    pub(super) fn filter_words(&self) -> String {
        filter_words(self.filter.word.as_deref(), self.filter.author.as_deref())
    }

    /// `&`: opens the prompt for the word filter, empty, as `&` in `less`: a word typed
    /// replaces the one in force, and `Enter` on nothing shows every entry again.
    pub(super) fn start_filter(&mut self) {
        self.filter.typing = Some(String::new());
    }

    /// Keys while the `&` prompt is open: `Enter` applies (an empty word clears the word
    /// filter), `Esc` leaves the filter as it was.
    pub(super) fn filter_key(&mut self, action: &Action) {
        let Some(typed) = self.filter.typing.as_mut() else {
            return;
        };
        match action {
            Action::SearchChar(c) => typed.push(*c),
            Action::Pasted(text) => typed.push_str(text),
            Action::SearchBackspace => {
                typed.pop();
            }
            Action::SearchEraseWord => super::search::erase_word(typed),
            Action::SearchEraseAll => typed.clear(),
            Action::Select => {
                let word = self.filter.typing.take().filter(|w| !w.trim().is_empty());
                let author = self.filter.author.clone();
                self.set_filter(word, author);
            }
            Action::Close | Action::Quit => self.filter.typing = None,
            _ => {}
        }
    }

    /// What the entry pane says when the blog has entries but the filters hide every one (a
    /// tab whose blog has none with the word filtered for in another, or a refresh that took
    /// them out): what hides them, then the keys that show them again. `None` when an entry
    /// is shown.
    pub fn nothing_shown(&self) -> Option<(String, String)> {
        let n = self.blog.entries.len();
        if !self.filtered() || n == 0 || (0..n).any(|i| self.shown(i)) {
            return None;
        }
        let what = self.filter_words();
        let said = match (self.key_only, what.is_empty()) {
            (true, true) => "No key event or summary here".to_string(),
            (true, false) => format!("No key event or summary here {what}"),
            (false, _) => format!("No entry here {what}"),
        };
        let key = |a: &Action, or: &'static str| self.keymap.key_for(a).unwrap_or(or).to_string();
        let mut keys = Vec::new();
        if self.filter.word.is_some() {
            keys.push(format!(
                "{} then Enter shows every entry",
                key(&Action::FilterWord, "&")
            ));
        }
        if self.filter.author.is_some() {
            keys.push(format!(
                "{} shows everyone's",
                key(&Action::FilterAuthor, "A")
            ));
        }
        if self.key_only {
            keys.push(format!(
                "{} shows them all",
                key(&Action::ToggleKeyOnly, "K")
            ));
        }
        Some((said, keys.join(" · ")))
    }

    /// `A`: only the entries by the author of the entry at the top, or everyone's again. A
    /// filter that would hide nothing is refused and said, as `K` and `&` refuse one that would
    /// hide everything: "40 of 40" would say a filter is on that changes nothing.
    pub(super) fn toggle_author_filter(&mut self) {
        if self.filter.author.is_some() {
            let word = self.filter.word.clone();
            self.set_filter(word, None);
            return;
        }
        let shown: Vec<&crate::blog::Entry> = (self.blog.entries.iter().enumerate())
            .filter(|&(i, _)| self.shown(i))
            .map(|(_, e)| e)
            .collect();
        // Under `K` or `&` the pane is narrowed already: what is said is of what it shows.
        let entry = if self.filtered() {
            "entry shown"
        } else {
            "entry"
        };
        if shown.iter().all(|e| e.authors.is_empty()) {
            self.note(format!("No {entry} names its author"));
            return;
        }
        let author = self
            .subject_index()
            .and_then(|i| self.blog.entries.get(i))
            .and_then(|e| e.authors.first().cloned());
        match author {
            Some(a) if shown.iter().all(|e| passes(e, None, Some(&a))) => self.note(format!(
                "Every {entry} is by {}: nothing to filter by author",
                super::short(&a, 40)
            )),
            Some(a) => {
                let word = self.filter.word.clone();
                self.set_filter(word, Some(a));
            }
            None => self.note("The entry at the top names no author"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Wanted, passes};
    use crate::blog::{Block, Entry};

    #[test]
    fn an_entry_passes_by_word_in_smart_case_and_by_author_in_any_case() {
        let e = Entry {
            id: "a".into(),
            title: Some("Ceasefire talks".into()),
            authors: vec!["Jakub Krupa".into()],
            body: vec![Block::text("Leaders met in Paris.")],
            ..Entry::default()
        };
        let passes =
            |word: Option<&str>, author| passes(&e, word.map(Wanted::new).as_ref(), author);
        assert!(passes(Some("paris"), None));
        assert!(passes(Some("Ceasefire"), None));
        assert!(!passes(Some("CEASEFIRE"), None));
        assert!(passes(None, Some("jakub krupa")));
        assert!(!passes(Some("paris"), Some("Someone Else")));
        assert!(passes(None, None));
    }
}
