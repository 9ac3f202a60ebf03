//! Superscripts and subscripts (`<sup>`, `<sub>`) written into the text, so that the screen
//! and every dump read the same: `m²`, `H₂O`, `x^(n+k)`, not `m2`, `H2O`, `xn+k`.

use super::Runs;
use crate::blog::Inline;

/// Where the text of an element starts in the runs being built: the run, and the byte in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(in crate::formats::html) struct Mark {
    run: usize,
    at: usize,
    /// How many paragraphs had been taken: a block inside the element (which ends the
    /// paragraph) leaves its text where it was.
    taken: u32,
}

/// How a raised or lowered piece of text is written.
enum Form {
    /// In the Unicode characters for it, every one having one.
    Characters,
    /// As it is: letters raised (`1<sup>st</sup>`, `M<sup>me</sup>`) read well on the line.
    AsIs,
    /// After a mark, `^` or `_`, in brackets unless it is one word or bracketed already.
    Marked { open: String, close: &'static str },
}

const SUPERSCRIPTS: [(char, char); 17] = [
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('−', '⁻'),
    ('=', '⁼'),
    ('(', '⁽'),
    (')', '⁾'),
    ('n', 'ⁿ'),
];

const SUBSCRIPTS: [(char, char); 19] = [
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('−', '₋'),
    ('=', '₌'),
    ('(', '₍'),
    (')', '₎'),
    ('a', 'ₐ'),
    ('e', 'ₑ'),
    ('x', 'ₓ'),
];

/// `c` raised (`sup`) or lowered, where Unicode has a character for it.
fn scripted(c: char, sup: bool) -> Option<char> {
    let table: &[(char, char)] = if sup { &SUPERSCRIPTS } else { &SUBSCRIPTS };
    table.iter().find(|(from, _)| *from == c).map(|(_, to)| *to)
}

/// How `text` (without white space at its ends) is written raised or lowered.
fn form(text: &str, sup: bool) -> Form {
    if text.chars().all(|c| scripted(c, sup).is_some()) {
        return Form::Characters;
    }
    if sup && text.chars().all(char::is_alphabetic) {
        return Form::AsIs;
    }
    let mark = if sup { "^" } else { "_" };
    let bracketed = |o: char, c: char| text.starts_with(o) && text.ends_with(c);
    let one_word = text.chars().all(char::is_alphanumeric);
    if one_word || bracketed('[', ']') || bracketed('(', ')') {
        Form::Marked {
            open: mark.to_string(),
            close: "",
        }
    } else {
        Form::Marked {
            open: format!("{mark}("),
            close: ")",
        }
    }
}

fn same_style(a: &Inline, b: &Inline) -> bool {
    a.bold == b.bold && a.italic == b.italic && a.strike == b.strike && a.link == b.link
}

/// Inserts `s` at byte `at` of the runs' text taken as one, in the run whose text holds the
/// byte before it when `after` (the end of a piece), else the byte after it.
fn insert(runs: &mut [Inline], mut at: usize, s: &str, after: bool) {
    let count = runs.len();
    for (i, r) in runs.iter_mut().enumerate() {
        let len = r.text.len();
        let here = if after { at <= len } else { at < len };
        if here || i + 1 == count {
            r.text.insert_str(at.min(len), s);
            return;
        }
        at -= len;
    }
}

impl Runs {
    /// Where text pushed from now on starts, for [`Runs::script`].
    pub(in crate::formats::html) fn mark(&self) -> Mark {
        let (run, at) = self
            .runs
            .last()
            .map_or((0, 0), |r| (self.runs.len() - 1, r.text.len()));
        Mark {
            run,
            at,
            taken: self.taken,
        }
    }

    /// Writes the text pushed since `mark` raised (`sup`) or lowered.
    pub(in crate::formats::html) fn script(&mut self, mark: Mark, sup: bool) {
        if mark.taken != self.taken {
            return;
        }
        let Some(first) = self.runs.get_mut(mark.run) else {
            return;
        };
        let Some(head) = first.text.get(mark.at..).map(str::to_string) else {
            return;
        };
        first.text.truncate(mark.at);
        let mut piece = vec![Inline {
            text: head,
            ..first.clone()
        }];
        piece.extend(self.runs.drain(mark.run + 1..));
        if self.runs.last().is_some_and(|r| r.text.is_empty()) {
            self.runs.pop();
        }
        let text: String = piece.iter().map(|r| r.text.as_str()).collect();
        let core = text.trim();
        if !core.is_empty() {
            let lead = text.len() - text.trim_start().len();
            match form(core, sup) {
                Form::Characters => {
                    for r in &mut piece {
                        r.text = r
                            .text
                            .chars()
                            .map(|c| scripted(c, sup).unwrap_or(c))
                            .collect();
                    }
                }
                Form::AsIs => {}
                Form::Marked { open, close } => {
                    insert(&mut piece, lead + core.len(), close, true);
                    insert(&mut piece, lead, &open, false);
                }
            }
        }
        // Put back, the piece's first run joined to the run it was cut from.
        for r in piece {
            match self.runs.last_mut() {
                Some(last) if same_style(last, &r) => last.text.push_str(&r.text),
                _ => self.runs.push(r),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_signs_are_raised_and_lowered_in_their_characters() {
        assert!(matches!(form("-12", true), Form::Characters));
        assert!(matches!(form("2", false), Form::Characters));
        assert!(matches!(form("st", true), Form::AsIs));
        assert!(matches!(form("max", false), Form::Marked { close: "", .. }));
        assert!(matches!(form("[1]", true), Form::Marked { close: "", .. }));
        assert!(matches!(form("n+k", true), Form::Marked { close: ")", .. }));
    }
}
