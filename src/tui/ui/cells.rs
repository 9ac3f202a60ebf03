//! Writing text into the buffer as `ratatui` does, with a quick path for ASCII.
//!
//! `Buffer::set_line` cuts every span into graphemes and measures each: right for any text,
//! and most of a frame's cost when the text is mostly ASCII, as most of a blog's is. Between
//! two ASCII characters there is always a grapheme boundary (a `\r\n` pair aside, which is
//! dropped either way as a control), and a printable ASCII character is one column wide, so
//! ASCII runs are written a byte at a time and only what lies between them is segmented. The
//! same holds for the accented letters and the typographic punctuation of news text (curly
//! quotes, dashes, the ellipsis) and for box drawing (see [`plain`]), so those join the quick
//! runs.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;

/// What `Buffer::set_line` does, cell for cell.
pub fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) -> (u16, u16) {
    let mut remaining = max_width;
    let mut x = x;
    for span in line {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let end = set_text(buf, (x, y), span.content.as_ref(), remaining, style);
        remaining = remaining.saturating_sub(end.saturating_sub(x));
        x = end;
    }
    (x, y)
}

/// What `Buffer::set_stringn` does with one span's text. Returns the column after it.
fn set_text(buf: &mut Buffer, (mut x, y): (u16, u16), text: &str, max: u16, style: Style) -> u16 {
    let bytes = text.as_bytes();
    let mut remaining = buf.area.right().saturating_sub(x).min(max);
    let mut i = 0;
    while i < bytes.len() && remaining > 0 {
        // Quick characters up to the one before the next other one (which may join it).
        let other = text[i..]
            .char_indices()
            .find(|&(_, c)| !c.is_ascii() && !plain(c))
            .map_or(bytes.len(), |(p, _)| i + p);
        let quick_end = if other < bytes.len() {
            // One character back from `other`.
            text[i..other]
                .char_indices()
                .next_back()
                .map_or(i, |(p, _)| i + p)
        } else {
            other
        };
        if quick_end > i {
            // The row's cells from `x` on, found once rather than a character at a time.
            let at = buf.index_of(x, y);
            let mut cells = buf.content[at..].iter_mut();
            for c in text[i..quick_end].chars() {
                if c.is_ascii_control() {
                    continue;
                }
                if remaining == 0 {
                    return x;
                }
                let Some(cell) = cells.next() else {
                    return x;
                };
                remaining -= 1;
                cell.set_char(c).set_style(style);
                x += 1;
            }
        }
        if quick_end == bytes.len() {
            break;
        }
        // From there to the next two ASCII characters in a row, as `ratatui` writes it.
        let mut end = other;
        while end < bytes.len() && !(bytes[end].is_ascii() && bytes[end - 1].is_ascii()) {
            end += 1;
        }
        let part = &text[quick_end..end];
        let wanted: usize = part
            .graphemes(true)
            .filter(|g| !g.contains(char::is_control))
            .map(|g| usize::from(g.cell_width()))
            .sum();
        let after = buf.set_stringn(x, y, part, usize::from(remaining), style).0;
        if wanted > usize::from(remaining) {
            // `ratatui` stops the span at the first grapheme that does not fit.
            return after;
        }
        remaining -= after.saturating_sub(x);
        x = after;
        i = end;
    }
    x
}

/// A character that is one column wide and, followed by an ASCII character or another such,
/// is a grapheme of its own: the Latin-1 letters and signs (not the soft hyphen, a control to
/// grapheme rules), the dashes, quotes, bullets and ellipsis of U+2010 to U+2027, and the box
/// drawing and block elements the reader frames its panes with. None of them is a prefix that
/// joins what follows (`Prepend`), nor a regional indicator or a Hangul jamo; © and ® start
/// emoji sequences only before a joiner, which is not quick.
fn plain(c: char) -> bool {
    matches!(
        c,
        '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{ff}' | '\u{2010}'..='\u{2027}' | '\u{2500}'..='\u{259f}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Stylize};
    use ratatui::text::Span;

    /// Both ways of writing a line leave the same cells and end at the same column.
    fn same(line: &Line<'_>, x: u16, max: u16) {
        let area = Rect::new(0, 0, 12, 1);
        let mut ours = Buffer::empty(area);
        let mut theirs = Buffer::empty(area);
        // Something under the text, so that what is written over is compared too.
        for b in [&mut ours, &mut theirs] {
            b.set_string(0, 0, "############", Style::new().bg(Color::Blue));
        }
        let a = set_line(&mut ours, x, 0, line, max);
        let b = theirs.set_line(x, 0, line, max);
        assert_eq!(a, b, "{line:?} at {x} in {max}");
        assert_eq!(ours, theirs, "{line:?} at {x} in {max}");
    }

    #[test]
    fn ascii_is_written_as_ratatui_writes_it() {
        let lines = [
            Line::from("plain text"),
            Line::from(vec![
                Span::raw("a "),
                "bold".bold(),
                Span::styled(" and red", Style::new().fg(Color::Red)),
            ]),
            Line::from("with\ttab, \r\n and \x1b escape\x7f").italic(),
            Line::from(vec![
                Span::raw("mixed "),
                Span::raw("naïve — 日本"),
                Span::raw(" end"),
            ]),
            Line::from(vec![
                Span::raw(""),
                Span::styled("x", Style::new().add_modifier(Modifier::REVERSED)),
            ]),
            Line::from("much longer than the twelve columns of the buffer"),
            Line::from("it’s “quoted” e\u{301}e and 日本語 a"),
            Line::from(vec![Span::raw("ab日"), Span::raw("c")]),
            Line::from("a\u{600}b c\u{200d}d 👍🏽 x\u{fe0f} #\u{fe0f}\u{20e3}!"),
            Line::from("abcdefghijk日本"),
            Line::from("abcdefghij日本"),
            Line::from("\u{301}start ﾊﾞ ok"),
        ];
        for line in &lines {
            for x in [0, 1, 3, 10, 11] {
                for max in [0, 1, 2, 5, 9, 10, 11, 12, 40] {
                    same(line, x, max);
                }
            }
        }
    }

    #[test]
    fn news_punctuation_and_what_may_join_it_are_written_as_ratatui_writes_them() {
        // Quick characters beside everything that can join a character before or after it.
        let alphabet: Vec<char> =
            "aZ .\t\x1b\r\néÜÿ\u{a0}\u{ad}©®“”’—–…•│▌█\u{301}\u{200d}\u{fe0f}👍日\
                                   \u{1f1eb}\u{1100}\u{600}"
                .chars()
                .collect();
        let mut rng = fastrand::Rng::with_seed(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.usize(..n);
        for _ in 0..600 {
            let spans: Vec<Span> = (0..=next(3))
                .map(|_| {
                    let text: String = (0..next(9))
                        .map(|_| alphabet[next(alphabet.len())])
                        .collect();
                    Span::styled(
                        text,
                        Style::new().fg(Color::Indexed(u8::try_from(next(8)).unwrap())),
                    )
                })
                .collect();
            let line = Line::from(spans);
            for x in [0, 2, 11] {
                for max in [0, 1, 3, 7, 12, 40] {
                    same(&line, x, max);
                }
            }
        }
    }
}
