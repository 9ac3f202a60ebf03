//! The one place where untrusted text is made safe for a terminal.
//!
//! Everything that came from a file or the web passes through [`text`] or [`line`] once, when it
//! comes in (`LiveBlog::sanitize`, error messages, the terminal title). What comes out has no
//! control characters, so no escape sequence of its own, no bidi overrides, and no grapheme
//! cluster long enough to stall the width calculation.

use std::fmt::Write;
use unicode_segmentation::UnicodeSegmentation;

/// Longest title, name, id or attribute kept, in bytes.
pub const TITLE_MAX: usize = 1024;
/// Longest URL kept, in bytes.
pub const URL_MAX: usize = 4096;
/// Longest paragraph kept, in bytes.
pub const PARAGRAPH_MAX: usize = 64 * 1024;
/// Most code points kept in one grapheme cluster (a tower of combining marks is cut here).
pub const GRAPHEME_MAX: usize = 32;
const TAB: &str = "    ";

/// Multi-line text: newlines kept (CRLF and lone CR normalised), tabs expanded, every other
/// control character and bidi control removed, graphemes and length capped.
pub fn text(s: &str) -> String {
    clean(s, false, PARAGRAPH_MAX)
}

/// As [`text`], in place: text that needs no cleaning (most of it) is kept, not copied.
pub fn text_in_place(s: &mut String) {
    if !needs_no_cleaning(s, false, PARAGRAPH_MAX) {
        *s = clean_every_char(s, false, PARAGRAPH_MAX);
    }
}

/// One line (titles, names, URLs, status messages): as [`text`], with line breaks turned into
/// spaces and invisible format characters (zero-width space, word joiner, BOM) removed too.
pub fn line(s: &str, max_bytes: usize) -> String {
    let out = clean(s, true, max_bytes);
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// For diagnostics (an error naming a bad value): control characters shown in caret notation
/// (`^[` for ESC) so the reader sees that they were there, then made safe as a [`line`].
pub fn visible(s: &str, max_bytes: usize) -> String {
    let mut shown = String::with_capacity(s.len().min(max_bytes));
    for c in s.chars() {
        if shown.len() >= max_bytes {
            break;
        }
        match u32::from(c) {
            n @ 0..=0x1f => {
                shown.push('^');
                shown.push(char::from_u32(n + 0x40).unwrap_or('?'));
            }
            0x7f => shown.push_str("^?"),
            n @ 0x80..=0x9f => {
                let _ = write!(shown, "<U+{n:04X}>");
            }
            _ => shown.push(c),
        }
    }
    line(&shown, max_bytes)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn is_invisible_in_line(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Text that [`clean`] would give back unchanged: nothing to drop or replace, no grapheme run
/// that could be overlong, within the length. Most text is (a paragraph of a blog), and seeing
/// so is a fast scan, where cleaning rebuilds the string a character at a time.
/// Whether every byte is printable ASCII (or a newline, unless `one_line`). Read in blocks
/// without stopping at each byte, which the compiler turns into vector instructions.
fn all_plain_ascii(s: &[u8], one_line: bool) -> bool {
    let newline_ok = !one_line;
    s.chunks(64).all(|chunk| {
        let bad = chunk.iter().fold(0u8, |bad, &b| {
            let plain = b.wrapping_sub(0x20) < 0x5f || (newline_ok && b == b'\n');
            bad | u8::from(!plain)
        });
        bad == 0
    })
}

fn needs_no_cleaning(s: &str, one_line: bool, max_bytes: usize) -> bool {
    if s.len() > max_bytes {
        return false;
    }
    let plain = |b: u8| (0x20..0x7f).contains(&b) || (b == b'\n' && !one_line);
    if all_plain_ascii(s.as_bytes(), one_line) {
        return true;
    }
    // Character by character, except over blocks of plain ASCII (most of a text with a few
    // curly quotes), which are stepped over whole.
    let b = s.as_bytes();
    let (mut i, mut run) = (0usize, 0usize);
    while i < b.len() {
        if let Some(block) = b.get(i..i + 16)
            && all_plain_ascii(block, one_line)
        {
            run = 0;
            i += 16;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_ascii() {
            if !plain(c as u8) {
                return false;
            }
            run = 0;
        } else {
            run += 1;
            if run >= GRAPHEME_MAX
                || c.is_control()
                || is_bidi_control(c)
                || (one_line && is_invisible_in_line(c))
            {
                return false;
            }
        }
    }
    true
}

fn clean(s: &str, one_line: bool, max_bytes: usize) -> String {
    if needs_no_cleaning(s, one_line, max_bytes) {
        s.to_string()
    } else {
        clean_every_char(s, one_line, max_bytes)
    }
}

fn clean_every_char(s: &str, one_line: bool, max_bytes: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max_bytes));
    // First pass: characters. Second pass (below) caps grapheme clusters.
    let mut flat = String::with_capacity(s.len().min(max_bytes) + 8);
    // A grapheme cluster longer than GRAPHEME_MAX code points needs that many non-ASCII code
    // points in a row (only its base may be ASCII). Text without such a run skips the
    // grapheme pass, which is most of the cost on ordinary text.
    let (mut run, mut longest_run) = (0usize, 0usize);
    for c in s.chars() {
        if flat.len() >= max_bytes.saturating_mul(2).max(max_bytes + 16) {
            break;
        }
        if c.is_ascii() {
            run = 0;
        } else {
            run += 1;
            longest_run = longest_run.max(run);
        }
        match c {
            // CRLF becomes LF; a lone CR would move the cursor back over the line: drop it.
            '\r' => {}
            '\n' => flat.push(if one_line { ' ' } else { '\n' }),
            '\t' => flat.push_str(TAB),
            c if c.is_control() || is_bidi_control(c) => {}
            c if one_line && is_invisible_in_line(c) => {}
            c => flat.push(c),
        }
    }
    if longest_run < GRAPHEME_MAX {
        if flat.len() > max_bytes {
            let mut cut = max_bytes;
            while !flat.is_char_boundary(cut) {
                cut -= 1;
            }
            flat.truncate(cut);
        }
        return flat;
    }
    for g in flat.graphemes(true) {
        let extra = if g.len() > GRAPHEME_MAX {
            // Keep the first GRAPHEME_MAX code points of an overlong cluster.
            let cut = g
                .char_indices()
                .nth(GRAPHEME_MAX)
                .map_or(g.len(), |(i, _)| i);
            &g[..cut]
        } else {
            g
        };
        if out.len() + extra.len() > max_bytes {
            break;
        }
        out.push_str(extra);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        assert_eq!(text("\x1b[31mRED\x1b[0m"), "[31mRED[0m");
        assert_eq!(text("\x1b]0;pwned\x07after"), "]0;pwnedafter");
        assert_eq!(text("\x1b]52;c;Y3VybA==\x07"), "]52;c;Y3VybA==");
        assert_eq!(text("a\u{9b}2J\u{9d}x"), "a2Jx");
        assert_eq!(line("\x1b]8;;http://x", 100), "]8;;http://x");
    }

    #[test]
    fn c0_controls_never_move_the_cursor() {
        assert_eq!(text("a\0b\x7fc"), "abc");
        assert_eq!(text("abc\rXYZ"), "abcXYZ");
        assert_eq!(text("\x08\x08x"), "x");
        assert_eq!(text("a\tb"), "a    b");
        assert_eq!(text("a\r\nb\nc"), "a\nb\nc");
        assert_eq!(line("a\nb", 100), "a b");
    }

    #[test]
    fn bidi_controls_are_removed_and_zwj_kept_inside_emoji() {
        assert_eq!(line("\u{202E}txt.exe\u{2066}x\u{2069}", 100), "txt.exex");
        assert_eq!(line("a\u{200B}b\u{FEFF}", 100), "ab");
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(text(family), family);
    }

    #[test]
    fn towers_of_combining_marks_are_capped() {
        let tower = format!("e{}", "\u{301}".repeat(10_000));
        let out = text(&tower);
        assert_eq!(out.chars().count(), GRAPHEME_MAX);
    }

    #[test]
    fn long_runs_of_ordinary_non_ascii_text_are_kept_whole() {
        let cjk = "日本語のテキスト".repeat(20);
        assert_eq!(text(&cjk), cjk);
        let marks = format!("a{}b", "\u{301}".repeat(30));
        assert_eq!(text(&marks), marks, "30 marks: under the cap, kept");
    }

    #[test]
    fn the_fast_path_gives_what_cleaning_every_character_gives() {
        let samples = [
            "plain ASCII text, with punctuation: (a) [b] {c} ~",
            "two\nlines",
            "curly “quotes” and ‘apostrophes’ — and a dash",
            "Pedro Sánchez, Zürich, Łódź, 日本語",
            "a\ttab",
            "a\r\nCRLF",
            "\x1b[31mred",
            "a\u{9b}2J",
            "a\u{202E}txt",
            "zero\u{200B}width",
            "\u{FEFF}bom",
            "  padded  ",
            "",
        ];
        let marks = format!("a{}b", "\u{301}".repeat(40));
        let long = "word ".repeat(300);
        // Blocks of 16 plain bytes are stepped over whole: faults on either side of a block's
        // edge, and a run of non-ASCII that spans one.
        let mut edges = Vec::new();
        for at in 12..20 {
            for fault in ["\x1b", "\t", "\n", "\u{202E}", "é", "\u{200B}"] {
                edges.push(format!("{}{fault}{}", "x".repeat(at), "y".repeat(20)));
            }
        }
        edges.push(format!("{}{}", "x".repeat(14), "\u{301}".repeat(40)));
        for s in samples
            .iter()
            .copied()
            .chain([marks.as_str(), long.as_str()])
            .chain(edges.iter().map(String::as_str))
        {
            let mut in_place = s.to_string();
            text_in_place(&mut in_place);
            assert_eq!(in_place, text(s), "{s:?}");
            for one_line in [false, true] {
                for max in [10, 1024, PARAGRAPH_MAX] {
                    assert_eq!(
                        clean(s, one_line, max),
                        clean_every_char(s, one_line, max),
                        "{s:?} one_line={one_line} max={max}"
                    );
                }
            }
        }
    }

    #[test]
    fn length_is_capped_on_a_character_boundary() {
        let long = "é".repeat(5000);
        let out = line(&long, 1001);
        assert!(out.len() <= 1001);
        assert!(out.chars().all(|c| c == 'é'));
    }

    #[test]
    fn visible_shows_controls_in_caret_notation() {
        assert_eq!(visible("a\x1b[2Jb\x07", 100), "a^[[2Jb^G");
        assert_eq!(visible("\u{9b}", 100), "<U+009B>");
    }
}
