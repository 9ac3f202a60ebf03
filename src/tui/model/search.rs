//! `/` search over the loaded entries: typed incrementally, smart case (a capital letter in
//! the query makes it case-sensitive), every match highlighted, `n`/`N` to the next or
//! previous matching entry. Typing never moves the reader; `Enter` or `n` does. `Esc` clears.
//! As in `less` and vim, `/` opens an empty prompt, and `Enter` on it searches for the last
//! query again.

use super::Model;
use crate::blog::Entry;
use crate::tui::action::Action;

/// The search: what is typed, whether it is still being typed, and the matching entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    /// The prompt is open: keys are text.
    pub typing: bool,
    /// Indexes of the view's entries that match, in order.
    pub matches: Vec<usize>,
    /// The last move went round the list (`true`: past the oldest entry to the newest match,
    /// `false` the other way), and the place it left the reader at: said while the reader is
    /// still there (see [`Model::search_wrapped`]).
    wrapped: Option<(bool, super::Anchor)>,
    /// Each entry's searchable text, made once per version of the view rather than per key.
    texts: Vec<String>,
}

impl SearchState {
    /// Smart case: case-sensitive only when the query has a capital letter.
    pub fn case_sensitive(&self) -> bool {
        self.query.chars().any(char::is_uppercase)
    }

    /// Byte ranges of the matches in `text`.
    pub fn find(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        find(&self.query, self.case_sensitive(), text)
    }
}

/// Byte ranges of `query` in `text`; without case sensitivity, compared character by
/// character in lower case (so the ranges are `text`'s own).
pub fn find(query: &str, case_sensitive: bool, text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    if case_sensitive {
        let mut from = 0;
        while let Some(i) = text[from..].find(query) {
            out.push(from + i..from + i + query.len());
            from += i + query.len();
        }
        return out;
    }
    let wanted: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0;
    while start < chars.len() {
        match match_end(&wanted, &chars, start) {
            Some(end) => {
                let end_byte = chars.get(end).map_or(text.len(), |&(b, _)| b);
                out.push(chars[start].0..end_byte);
                start = end.max(start + 1);
            }
            None => start += 1,
        }
    }
    out
}

/// Where a case-insensitive match of `wanted` (already in lower case) starting at character
/// `start` ends (one past its last character), if it matches there.
fn match_end(wanted: &[char], chars: &[(usize, char)], start: usize) -> Option<usize> {
    let mut at = start;
    let mut matched = 0;
    while matched < wanted.len() {
        let &(_, c) = chars.get(at)?;
        // One character may lower to several (rare); compare them all.
        for lower in c.to_lowercase() {
            if wanted.get(matched) != Some(&lower) {
                return None;
            }
            matched += 1;
        }
        at += 1;
    }
    Some(at)
}

/// Everything of an entry that a search looks at: title, authors, body.
pub(super) fn entry_text(e: &Entry) -> String {
    let mut t = String::new();
    if let Some(title) = &e.title {
        t.push_str(title);
        t.push('\n');
    }
    for a in &e.authors {
        t.push_str(a);
        t.push('\n');
    }
    t.push_str(&e.plain_text());
    t
}

impl Model {
    /// The search, when there is one.
    pub fn search(&self) -> Option<&SearchState> {
        self.search.as_ref()
    }

    /// The word `/` then `Enter` on nothing searches for again; empty before any search.
    pub fn search_last(&self) -> &str {
        &self.search_last
    }

    /// Whether keys are being typed into the search prompt.
    pub fn search_typing(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.typing)
    }

    /// Finds the matching entries again: the query changed, or (`blog_changed`) the view.
    pub(super) fn rematch(&mut self, blog_changed: bool) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        if blog_changed || s.texts.len() != self.blog.entries.len() {
            s.texts = self.blog.entries.iter().map(entry_text).collect();
        }
        let cs = s.case_sensitive();
        s.matches = if s.query.is_empty() {
            Vec::new()
        } else {
            s.texts
                .iter()
                .enumerate()
                .filter(|(_, t)| !find(&s.query, cs, t).is_empty())
                .map(|(i, _)| i)
                .collect()
        };
    }

    /// Keys while the prompt is open.
    pub(super) fn search_key(&mut self, action: &Action) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        match action {
            Action::SearchChar(c) => {
                s.query.push(*c);
                self.rematch(false);
            }
            // Matched once for the whole text, not once a character.
            Action::Pasted(text) => {
                s.query.push_str(text);
                self.rematch(false);
            }
            Action::SearchBackspace => {
                if s.query.pop().is_none() {
                    self.end_search();
                    return;
                }
                self.rematch(false);
            }
            Action::Select => {
                s.typing = false;
                if !s.query.is_empty() {
                    self.next_match(true, true);
                } else if self.search_last.is_empty() {
                    self.end_search();
                } else {
                    // Nothing typed: the last search again, from past the entry at the top.
                    s.query.clone_from(&self.search_last);
                    self.rematch(false);
                    self.next_match(true, false);
                }
            }
            Action::Close | Action::Quit => self.end_search(),
            _ => {}
        }
    }

    /// Opens the prompt, empty: what is typed is a new search (the one made before is kept
    /// for an `Enter` on nothing, and its entries' texts for matching).
    pub(super) fn start_search(&mut self) {
        let s = self.search.get_or_insert_with(SearchState::default);
        if !s.query.is_empty() {
            self.search_last = std::mem::take(&mut s.query);
        }
        s.matches.clear();
        s.typing = true;
    }

    /// Ends the search (`Esc`): its word stays for `/` then `Enter`, as in less and vim; a word
    /// typed and not entered does not.
    pub(super) fn end_search(&mut self) {
        if let Some(s) = self.search.take()
            && !s.typing
            && !s.query.is_empty()
        {
            self.search_last = s.query;
        }
    }

    /// Moves to the next (or previous) matching entry from the reader's place; `here`
    /// counts an entry at the top that matches below its first line.
    pub(super) fn next_match(&mut self, forward: bool, here: bool) {
        let Some(s) = &self.search else {
            self.note("No search: press / to search");
            return;
        };
        if s.matches.is_empty() {
            let q = super::short(&s.query, 40);
            self.note(format!("No match for \"{q}\""));
            return;
        }
        // From the entry being read (or just jumped to): with only the break below an entry
        // left on top, the next match is the one after the entry that shows, not that entry
        // again; after a jump to a match too near the end to come to the top, the one after it.
        let top = self.subject_index().unwrap_or(0);
        let ahead = if forward {
            s.matches
                .iter()
                .copied()
                .find(|&i| i > top || (here && i == top))
        } else {
            s.matches.iter().rev().copied().find(|&i| i < top)
        };
        let round = if forward {
            s.matches.first()
        } else {
            s.matches.last()
        };
        let Some(i) = ahead.or(round.copied()) else {
            return;
        };
        let wrapped = ahead.is_none().then_some(forward);
        // The first line of the entry with a match, so the match is in view.
        let line = {
            let (query, cs) = self.search.as_ref().map_or((String::new(), false), |s| {
                (s.query.clone(), s.case_sensitive())
            });
            let layout = self.cache.layout(&self.blog.entries[i]);
            layout
                .lines
                .iter()
                .position(|l| {
                    let text: String = l.spans.iter().map(|sp| sp.content.as_ref()).collect();
                    !find(&query, cs, &text).is_empty()
                })
                .unwrap_or(0)
        };
        self.set_top(i, line.saturating_sub(1));
        self.clamp_top();
        self.remember_jump(i);
        self.status.message = None;
        let here = self.top.clone();
        if let Some(s) = self.search.as_mut() {
            s.wrapped = wrapped.map(|w| (w, here));
        }
    }

    /// Whether the last `n`/`N` or Enter went round the list (`Some(true)` past the end back
    /// to the top, `Some(false)` the other way), as vim's "search hit BOTTOM, continuing at
    /// TOP"; only while the reader is still where that move left them.
    pub fn search_wrapped(&self) -> Option<bool> {
        let (forward, at) = self.search.as_ref()?.wrapped.as_ref()?;
        (*at == self.top).then_some(*forward)
    }

    /// "3 of 12" for the status bar: which match the reader is at, of how many entries.
    pub fn search_position(&self) -> Option<(usize, usize)> {
        let s = self.search.as_ref()?;
        let top = self.subject_index()?;
        let at = s
            .matches
            .iter()
            .position(|&i| i == top)
            .map_or(0, |p| p + 1);
        Some((at, s.matches.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn smart_case_finds_in_any_case_unless_a_capital_is_typed() {
        assert_eq!(
            find("kyiv", false, "Kyiv and KYIV and kyiv"),
            [0..4, 9..13, 18..22]
        );
        assert_eq!(find("Kyiv", true, "Kyiv and KYIV and kyiv"), vec![0..4]);
        assert_eq!(find("é", false, "CAFÉ café"), [3..5, 9..11]);
        assert!(find("x", false, "").is_empty());
        assert!(find("", false, "abc").is_empty());
    }
}
