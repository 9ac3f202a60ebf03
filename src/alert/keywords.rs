//! Words a reader wants to hear about, matched whole and regardless of case.

use crate::blog::Entry;
use std::ops::Range;
use unicode_segmentation::GraphemeCursor;

/// Keywords matched case-insensitively as whole words: a letter or digit (in any script) next
/// to a match, or a combining mark on its last letter, means it is part of a longer word, so
/// `NATO` finds "NATO-led" and "(nato)" but not "senator", and `G7` not "G77". Punctuation,
/// an apostrophe included, is a boundary: `Starmer` finds "Starmer's". A space inside a
/// keyword matches any run of white space, line breaks included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keywords {
    /// Lower-cased, white space collapsed to one space, without duplicates.
    words: Vec<Vec<char>>,
}

impl Keywords {
    /// Keywords from the user's words; empty and blank ones are dropped.
    pub fn new<I>(words: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut words: Vec<Vec<char>> = words
            .into_iter()
            .map(|w| {
                let w = crate::sanitize::line(w.as_ref(), crate::sanitize::TITLE_MAX);
                let joined = w.split_whitespace().collect::<Vec<_>>().join(" ");
                joined
                    .chars()
                    .flat_map(char::to_lowercase)
                    .collect::<Vec<char>>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        words.sort();
        words.dedup();
        Keywords { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether any keyword occurs in `text` as a whole word.
    pub fn matches(&self, text: &str) -> bool {
        self.next_match(text, 0).is_some()
    }

    /// Whether any keyword occurs in the entry's title or body.
    pub fn matches_entry(&self, e: &Entry) -> bool {
        !self.is_empty()
            && (e.title.as_deref().is_some_and(|t| self.matches(t))
                || self.matches(&e.plain_text()))
    }

    /// Where keywords occur in `text`, as byte ranges of `text` itself (for highlighting),
    /// in order and not overlapping; where two keywords start at one place, the longer wins.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(r) = self.next_match(text, from) {
            from = r.end;
            out.push(r);
        }
        out
    }

    fn next_match(&self, text: &str, from: usize) -> Option<Range<usize>> {
        if self.words.is_empty() {
            return None;
        }
        for (offset, _) in text[from..].char_indices() {
            let start = from + offset;
            let end = self
                .words
                .iter()
                .filter_map(|w| match_at(w, text, start))
                .filter(|&end| is_word_edge(text, end, text[end..].chars().next()))
                .max();
            if let Some(end) = end
                && is_word_edge(text, start, text[..start].chars().next_back())
            {
                return Some(start..end);
            }
        }
        None
    }
}

/// Where `word` (lower-cased) ends if it occurs in `text` at `start`, compared a character's
/// lower case at a time, so the range is in `text`'s own bytes whatever lower-casing does to
/// lengths (`İ` lower-cases to two characters).
fn match_at(word: &[char], text: &str, start: usize) -> Option<usize> {
    let mut chars = text[start..].chars().peekable();
    let (mut k, mut end) = (0, start);
    while k < word.len() {
        let c = chars.next()?;
        end += c.len_utf8();
        if word[k] == ' ' {
            if !c.is_whitespace() {
                return None;
            }
            while let Some(c) = chars.next_if(|c| c.is_whitespace()) {
                end += c.len_utf8();
            }
            k += 1;
            continue;
        }
        for lower in c.to_lowercase() {
            if word.get(k) != Some(&lower) {
                return None;
            }
            k += 1;
        }
    }
    Some(end)
}

/// Whether a match may begin or end at `at`, `beside` being the character on the other side.
fn is_word_edge(text: &str, at: usize, beside: Option<char>) -> bool {
    !beside.is_some_and(char::is_alphanumeric)
        && GraphemeCursor::new(at, text.len(), true)
            .is_boundary(text, 0)
            .unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(words: &[&str]) -> Keywords {
        Keywords::new(words)
    }

    #[test]
    fn whole_words_match_whatever_their_case() {
        let k = kw(&["NATO", "g7"]);
        for yes in ["NATO-led force", "(nato)", "Nato.", "the G7, then", "nato"] {
            assert!(k.matches(yes), "{yes}");
        }
        for no in ["senator", "NATOs", "G77", "2G7", "xnato", ""] {
            assert!(!k.matches(no), "{no}");
        }
    }

    #[test]
    fn an_apostrophe_is_a_boundary_and_a_combining_mark_is_not() {
        let k = kw(&["Starmer", "cafe"]);
        assert!(k.matches("Starmer's plan"));
        assert!(k.matches("Starmer’s plan"));
        assert!(
            !k.matches("a cafe\u{301} in Paris"),
            "café with a combining accent"
        );
        assert!(k.matches("a cafe in Paris"));
    }

    #[test]
    fn other_scripts_have_words_and_cases_too() {
        let k = kw(&["київ", "Ελλάδα"]);
        assert!(k.matches("Атака на КИЇВ вночі"));
        assert!(!k.matches("київщина"));
        assert!(k.matches("στην ΕΛΛΆΔΑ σήμερα"));
        // No spaces between words in Japanese: a letter beside the match means no match.
        assert!(!kw(&["東京"]).matches("東京都"));
        assert!(kw(&["東京"]).matches("「東京」"));
    }

    #[test]
    fn ranges_are_in_the_original_bytes_even_when_lower_case_is_longer() {
        let k = kw(&["İstanbul", "prime minister"]);
        let text = "In İSTANBUL, the Prime\n  Minister said: istanbul";
        let found: Vec<&str> = k.find(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["İSTANBUL", "Prime\n  Minister"]);
        // Dotless lower-case i is a different letter.
        assert!(!k.matches("istanbul"));
    }

    #[test]
    fn the_longer_keyword_wins_and_matches_do_not_overlap() {
        let k = kw(&["prime", "prime minister", "minister"]);
        let text = "prime minister, minister, prime";
        let found: Vec<&str> = k.find(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["prime minister", "minister", "prime"]);
    }

    #[test]
    fn blank_keywords_match_nothing() {
        let k = kw(&["", "   ", "\u{1b}"]);
        assert!(k.is_empty());
        assert!(!k.matches("anything at all"));
        assert!(k.find("x").is_empty());
    }

    #[test]
    fn an_entry_matches_by_title_or_body() {
        let k = kw(&["ceasefire"]);
        let mut e = Entry {
            body: vec![crate::blog::Block::text("Talks on a Ceasefire.")],
            ..Entry::default()
        };
        assert!(k.matches_entry(&e));
        e.body.clear();
        assert!(!k.matches_entry(&e));
        e.title = Some("CEASEFIRE agreed".into());
        assert!(k.matches_entry(&e));
    }
}
