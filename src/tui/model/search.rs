//! `/` search over the loaded entries: typed incrementally, smart case (a capital letter in
//! the query makes it case-sensitive), accents and typographic quotes aside (`find`), every
//! match highlighted, `n`/`N` to the next or previous matching entry. Typing never moves the
//! reader; `Enter` or `n` does. `Esc` clears.
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
    /// Each entry's searchable text as a search compares it (see [`folded`]), made once per
    /// version of the view and per case sensitivity rather than per key.
    texts: Vec<String>,
    /// Whether `texts` keep their case.
    texts_keep_case: bool,
}

impl SearchState {
    /// Smart case: case-sensitive only when the query has a capital letter.
    pub fn case_sensitive(&self) -> bool {
        smart_case(&self.query)
    }

    /// Byte ranges of the matches in `text`.
    pub fn find(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        find(&self.query, self.case_sensitive(), text)
    }
}

/// Byte ranges of `query` in `text`, as a reader looks for a word: without case sensitivity
/// every letter in lower case; always without the accents of letters (`elysee` finds
/// `Élysée`), and typographic quotes, dashes and spaces as the keyboard types them (`macron's`
/// finds `Macron’s`). The ranges are `text`'s own, whole characters with their marks.
pub fn find(query: &str, case_sensitive: bool, text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    for c in query.chars() {
        fold(c, case_sensitive, &mut |f| wanted.push(f));
    }
    if wanted.is_empty() {
        return out;
    }
    // ASCII folds to itself but for case: the text searched as it is.
    if case_sensitive && text.is_ascii() && query.is_ascii() {
        let mut from = 0;
        while let Some(i) = text[from..].find(query) {
            out.push(from + i..from + i + query.len());
            from += i + query.len();
        }
        return out;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0;
    while start < chars.len() {
        match match_end(&wanted, &chars, start, case_sensitive) {
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

/// `text` as a search compares it: every character folded (see [`fold`]).
pub fn folded(text: &str, case_sensitive: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold(c, case_sensitive, &mut |f| out.push(f));
    }
    out
}

/// A word as `/` and `&` look for it: smart case, folded once, then looked for in texts folded
/// alike ([`folded`]) with one vectorised scan each, a whole blog's entries at each key typed.
pub struct Wanted {
    case_sensitive: bool,
    /// `None` for a word that folds to nothing (empty, or marks alone): it finds nothing.
    finder: Option<memchr::memmem::Finder<'static>>,
}

impl Wanted {
    pub fn new(word: &str) -> Self {
        let case_sensitive = smart_case(word);
        let folded = folded(word, case_sensitive);
        Wanted {
            case_sensitive,
            finder: (!folded.is_empty())
                .then(|| memchr::memmem::Finder::new(folded.as_bytes()).into_owned()),
        }
    }

    /// Whether the word can be found at all.
    pub fn finds_nothing(&self) -> bool {
        self.finder.is_none()
    }

    /// Whether the word is in `text`, folded with [`Wanted::case_sensitive`].
    pub fn in_folded(&self, text: &str) -> bool {
        self.finder
            .as_ref()
            .is_some_and(|f| f.find(text.as_bytes()).is_some())
    }

    /// Whether the word is in entry `e`'s searchable text.
    pub fn in_entry(&self, e: &Entry) -> bool {
        !self.finds_nothing() && self.in_folded(&folded(&entry_text(e), self.case_sensitive))
    }

    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }
}

/// Smart case: a word is looked for in its case only when it has a capital letter.
fn smart_case(word: &str) -> bool {
    word.chars().any(char::is_uppercase)
}

/// Where a match of `wanted` (already folded) starting at character `start` ends (one past
/// its last character and the marks on it), if it matches there. A match starts on a letter,
/// never on a mark.
fn match_end(
    wanted: &[char],
    chars: &[(usize, char)],
    start: usize,
    case_sensitive: bool,
) -> Option<usize> {
    let mut at = start;
    let mut matched = 0;
    let mut differs = false;
    while matched < wanted.len() {
        let &(_, c) = chars.get(at)?;
        let before = matched;
        // One character may fold to several (rare), or to none (a mark): compare them all.
        fold(c, case_sensitive, &mut |f| {
            if wanted.get(matched) == Some(&f) {
                matched += 1;
            } else {
                differs = true;
            }
        });
        if differs || (at == start && matched == before) {
            return None;
        }
        at += 1;
    }
    // The marks on the last letter are the match's too.
    while chars.get(at).is_some_and(|&(_, c)| is_mark(c)) {
        at += 1;
    }
    Some(at)
}

/// `c` as a search compares it, given to `out`: in lower case unless `case_sensitive`, its
/// accents taken off (nothing for a combining mark of its own), a typographic quote, dash or
/// space as typed.
fn fold(c: char, case_sensitive: bool, out: &mut impl FnMut(char)) {
    if c.is_ascii() {
        out(if case_sensitive {
            c
        } else {
            c.to_ascii_lowercase()
        });
        return;
    }
    if is_mark(c) {
        return;
    }
    let base = as_typed(unaccented(c));
    if case_sensitive {
        out(base);
    } else {
        for lower in base.to_lowercase().filter(|&l| !is_mark(l)) {
            out(lower);
        }
    }
}

/// `c` without its accents, for a Latin or Greek letter: the letter its canonical
/// decomposition starts with, as long as the rest are combining marks (`Ǻ` → `Å` → `A`).
/// Other scripts keep theirs: in Cyrillic `й` is a letter of its own, not an accented `и`.
fn unaccented(c: char) -> char {
    use icu_normalizer::properties::{CanonicalDecompositionBorrowed, Decomposed};
    let decompositions = CanonicalDecompositionBorrowed::new();
    let mut base = c;
    loop {
        match decompositions.decompose(base) {
            Decomposed::Expansion(letter, mark) if is_mark(mark) => base = letter,
            Decomposed::Singleton(other) => base = other,
            _ => break,
        }
    }
    // Latin (to Latin Extended-B) and Greek.
    if matches!(base, '\0'..='\u{24f}' | '\u{370}'..='\u{3ff}') {
        base
    } else {
        c
    }
}

/// Whether `c` is a combining mark, one that sits on the letter before it.
fn is_mark(c: char) -> bool {
    !c.is_ascii()
        && icu_normalizer::properties::CanonicalCombiningClassMapBorrowed::new().get32_u8(c.into())
            != 0
}

/// Typographic punctuation as a keyboard types it.
fn as_typed(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '«' | '»' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{200a}' | '\u{202f}' => ' ',
        _ => c,
    }
}

/// Erases the last word of what is typed in a prompt, and the spaces after it, as Ctrl-W does
/// in a shell.
pub(super) fn erase_word(typed: &mut String) {
    let kept = typed.trim_end().len();
    typed.truncate(kept);
    let word_start = typed.rfind(char::is_whitespace).map_or(0, |i| {
        i + typed[i..].chars().next().map_or(1, char::len_utf8)
    });
    typed.truncate(word_start);
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

    /// Finds the matching entries again: the query changed, the filters, or (`blog_changed`)
    /// the view. An entry a filter hides is no match: `n` would take the reader to it, and the
    /// pane to an entry without the word.
    pub(super) fn rematch(&mut self, blog_changed: bool) {
        let hidden: Vec<usize> = if self.filtered() {
            (0..self.blog.entries.len())
                .filter(|&i| !self.shown(i))
                .collect()
        } else {
            Vec::new()
        };
        let Some(s) = self.search.as_mut() else {
            return;
        };
        let wanted = Wanted::new(&s.query);
        if wanted.finds_nothing() {
            s.matches = Vec::new();
            return;
        }
        let cs = wanted.case_sensitive();
        if blog_changed || s.texts.len() != self.blog.entries.len() || s.texts_keep_case != cs {
            s.texts = (self.blog.entries.iter())
                .map(|e| folded(&entry_text(e), cs))
                .collect();
            s.texts_keep_case = cs;
        }
        s.matches = (s.texts.iter().enumerate())
            .filter(|&(i, t)| hidden.binary_search(&i).is_err() && wanted.in_folded(t))
            .map(|(i, _)| i)
            .collect();
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
            Action::SearchEraseWord => {
                erase_word(&mut s.query);
                self.rematch(false);
            }
            Action::SearchEraseAll => {
                s.query.clear();
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

    /// How many key events in the sidebar whose posts are not in the view name `word`: the
    /// search reads entries, and a word seen in the sidebar would otherwise be "no match"
    /// unexplained (a key event from an older page, or of a post not come yet).
    fn key_events_without_posts_naming(&self, word: &str) -> usize {
        let wanted = Wanted::new(word);
        let cs = wanted.case_sensitive();
        (self.blog.key_events.iter())
            .filter(|k| !self.post_loaded(k) && wanted.in_folded(&folded(&k.title, cs)))
            .count()
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
            let note = match self.key_events_without_posts_naming(&s.query) {
                0 => format!("No match for \"{q}\""),
                1 => format!(
                    "No match for \"{q}\" in the entries: a key event without its post names it"
                ),
                n => format!(
                    "No match for \"{q}\" in the entries: {n} key events without their posts name it"
                ),
            };
            self.note(note);
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
        // One match has no other to go round to: back at it, the reader was not taken past
        // anything.
        let wrapped = (ahead.is_none() && s.matches.len() > 1).then_some(forward);
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

    #[test]
    fn accents_are_taken_off_letters_in_the_query_and_the_text() {
        let text = "L'Élysée, the Elysee and the élysée";
        assert_eq!(find("elysee", false, text), [2..10, 16..22, 31..39]);
        assert_eq!(find("élysée", false, text), [2..10, 16..22, 31..39]);
        // A capital still asks for that case; its accents still do not matter.
        assert_eq!(find("Elysee", true, text), [2..10, 16..22]);
        assert_eq!(find("Sanchez", true, "Pedro Sánchez"), vec![6..14]);
        // Letters written as a letter and its mark: the match is the whole letter.
        let decomposed = "Sa\u{301}nchez and Sa\u{301}";
        assert_eq!(find("sanchez", false, decomposed), vec![0..9]);
        assert_eq!(find("sa", false, decomposed), [0..4, 14..18]);
        // A mark alone is no match's start.
        assert!(find("\u{301}", false, "e\u{301}").is_empty());
        // Other scripts keep their letters.
        assert_eq!(find("한국", false, "대한국민"), vec![3..9]);
        assert_eq!(find("йод", false, "ЙОД и иод"), vec![0..6]);
        assert_eq!(find("αθηνα", false, "Αθήνα"), vec![0..10]);
    }

    #[test]
    fn a_word_is_erased_with_the_spaces_after_it() {
        let erased = |t: &str| {
            let mut t = t.to_string();
            super::erase_word(&mut t);
            t
        };
        assert_eq!(erased("prime minister"), "prime ");
        assert_eq!(erased("prime minister  "), "prime ");
        assert_eq!(erased("Élysée"), "");
        assert_eq!(erased("a\u{a0}b"), "a\u{a0}");
        assert_eq!(erased(""), "");
    }

    #[test]
    fn typographic_quotes_dashes_and_spaces_are_found_as_typed() {
        assert_eq!(find("macron's", false, "Macron’s call"), vec![0..10]);
        assert_eq!(find("\"peace\"", false, "a “peace” plan"), vec![2..13]);
        assert_eq!(
            find("pmqs - snap", false, "PMQs – snap verdict"),
            vec![0..13]
        );
        assert_eq!(find("10 000", false, "10\u{a0}000 troops"), vec![0..7]);
    }
}
