//! The one place where untrusted text is made safe for a terminal.
//!
//! Everything that came from a file or the web passes through [`text`] or [`line`] once, when it
//! comes in (`LiveBlog::sanitize`, error messages, the terminal title). What comes out has no
//! control characters, so no escape sequence of its own, no bidi overrides, and no grapheme
//! cluster long enough to stall the width calculation.

use std::borrow::Cow;
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

/// [`text`] in place: a string that needs no cleaning (most do not) is left as it is, neither
/// copied nor reallocated.
pub fn text_mut(s: &mut String) {
    if !needs_no_cleaning(s, false, PARAGRAPH_MAX) {
        *s = clean_every_char(s, false, PARAGRAPH_MAX);
    }
}

/// [`line`] in place, as [`text_mut`] is to [`text`].
pub fn line_mut(s: &mut String, max_bytes: usize) {
    match line_cow(s, max_bytes) {
        Cow::Borrowed(kept) if kept.len() == s.len() => {}
        cleaned => {
            let cleaned = cleaned.into_owned();
            *s = cleaned;
        }
    }
}

/// Lines (an embed's title, which keeps a tweet's lines): each as [`line`] makes it, blank ones
/// left out, at most `max_bytes` in all. Text of one line is cleaned as [`line_mut`] cleans it.
pub fn lines_mut(s: &mut String, max_bytes: usize) {
    if !s.contains('\n') {
        line_mut(s, max_bytes);
        return;
    }
    let mut out = String::with_capacity(s.len().min(max_bytes));
    for l in s.split('\n') {
        let l = line_cow(l, max_bytes);
        if l.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&l);
        if out.len() >= max_bytes {
            break;
        }
    }
    if out.len() > max_bytes {
        let mut at = max_bytes;
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        out.truncate(at);
        out.truncate(out.trim_end().len());
    }
    *s = out;
}

/// [`line`], borrowing `s` (or its trimmed part) when nothing else changes, as for most text.
pub fn line_cow(s: &str, max_bytes: usize) -> Cow<'_, str> {
    if is_trimmed_printable_ascii(s, max_bytes) {
        // An id, a name, a plain title: thousands are read before the first screen.
        Cow::Borrowed(s)
    } else if needs_no_cleaning(s, true, max_bytes) {
        Cow::Borrowed(s.trim())
    } else {
        Cow::Owned(line(s, max_bytes))
    }
}

/// Printable ASCII within the length, with no space at either end: what [`line`] gives back
/// as it is. Looked at whole, without a branch per byte: the compiler makes the fold a loop of
/// vector instructions, some thirty instructions for a title (looked at in fixed pieces, as
/// [`needs_no_cleaning`] does, it took more).
fn is_trimmed_printable_ascii(s: &str, max_bytes: usize) -> bool {
    let b = s.as_bytes();
    let outside = b
        .iter()
        .fold(0u8, |bad, &c| bad | u8::from(c.wrapping_sub(0x20) >= 0x5f));
    outside == 0
        && b.len() <= max_bytes
        && b.first().is_none_or(|&c| c != b' ')
        && b.last().is_none_or(|&c| c != b' ')
}

/// [`line_mut`] for an optional value, which becomes `None` when nothing is left of it.
pub fn line_opt(s: &mut Option<String>, max_bytes: usize) {
    if let Some(v) = s {
        line_mut(v, max_bytes);
        if v.is_empty() {
            *s = None;
        }
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
fn needs_no_cleaning(s: &str, one_line: bool, max_bytes: usize) -> bool {
    if s.len() > max_bytes {
        return false;
    }
    let b = s.as_bytes();
    let plain = |c: u8| (0x20..0x7f).contains(&c) || (c == b'\n' && !one_line);
    // Code points in the current run of non-ASCII ones: a run as long as the cap on a grapheme
    // cluster is left to the full cleaning, which measures clusters.
    let mut run = 0usize;
    // Thirty-two bytes at a time, each piece first looked at whole without a branch per byte
    // (the compiler makes this a few vector instructions, for a piece of a known length: the
    // last, shorter piece is looked at padded with spaces); only a piece with something else in
    // it is read a byte at a time. Short text (an id, a title) is one piece.
    let (whole, last) = b.as_chunks::<PIECE>();
    let mut padded = [b' '; PIECE];
    padded[..last.len()].copy_from_slice(last);
    let pieces = whole.iter().chain((!last.is_empty()).then_some(&padded));
    for (at, piece) in pieces.enumerate() {
        if all_plain(piece, one_line) {
            run = 0;
            continue;
        }
        // Within the piece, eight plain bytes at a time are passed over the same way (a
        // paragraph's piece often holds one curly quote or accented letter among them).
        let end = b.len().min((at + 1) * PIECE);
        let mut i = at * PIECE;
        while i < end {
            if i + WORD <= end
                && let Ok(word) = <&[u8; WORD]>::try_from(&b[i..i + WORD])
                && word_plain(*word, one_line)
            {
                run = 0;
                i += WORD;
                continue;
            }
            let c = b[i];
            if c < 0x80 {
                if !plain(c) {
                    return false;
                }
                run = 0;
            } else if c >= 0xc0 {
                run += 1;
                if run >= GRAPHEME_MAX || drops_encoded(&b[i..], one_line) {
                    return false;
                }
            }
            // A continuation byte belongs to the code point whose lead byte was looked at.
            i += 1;
        }
    }
    true
}

/// Bytes passed over together inside a piece of [`needs_no_cleaning`] that is not all plain.
const WORD: usize = 8;

/// [`all_plain`] for eight bytes, read as one number: no byte outside ASCII, none below a
/// space (but kept newlines), no DEL. Each test is exact as a yes or no.
fn word_plain(word: [u8; WORD], one_line: bool) -> bool {
    use crate::word8::{any_below, any_high, eq_mask};
    let x = u64::from_le_bytes(word);
    if any_high(x) || eq_mask(x, 0x7f) != 0 {
        return false;
    }
    !any_below(x, b' ') || (!one_line && word.iter().all(|&c| c >= 0x20 || c == b'\n'))
}

/// Bytes looked at together by [`needs_no_cleaning`].
const PIECE: usize = 32;

/// Whether every byte of `piece` is printable ASCII (or a kept newline), without a branch.
fn all_plain<const N: usize>(piece: &[u8; N], one_line: bool) -> bool {
    let bad = piece.iter().fold(0u8, |bad, &c| {
        let outside = c.wrapping_sub(0x20) >= 0x5f;
        let newline_kept = c == b'\n' && !one_line;
        bad | (u8::from(outside) & u8::from(!newline_kept))
    });
    bad == 0
}

/// Whether the UTF-8 code point at the start of `b` is one [`clean`] drops or replaces: a C1
/// control (U+0080–U+009F), a bidi control, or on one line an invisible format character. The
/// same set as `char::is_control`, [`is_bidi_control`] and [`is_invisible_in_line`] for
/// non-ASCII characters, read from the encoding so that clean text is not decoded to see it.
fn drops_encoded(b: &[u8], one_line: bool) -> bool {
    match *b {
        // U+0080–U+009F; U+061C arabic letter mark; U+200E, U+200F, U+202A–U+202E; U+2066–U+2069
        [0xc2, 0x80..=0x9f, ..]
        | [0xd8, 0x9c, ..]
        | [0xe2, 0x80, 0x8e | 0x8f | 0xaa..=0xae, ..]
        | [0xe2, 0x81, 0xa6..=0xa9, ..] => true,
        // U+200B, U+2060, U+FEFF
        [0xe2, 0x80, 0x8b, ..] | [0xe2, 0x81, 0xa0, ..] | [0xef, 0xbb, 0xbf, ..] => one_line,
        _ => false,
    }
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
    fn eight_bytes_read_as_a_number_are_plain_exactly_when_each_byte_is() {
        let mut rng = fastrand::Rng::with_seed(8);
        for one_line in [true, false] {
            for b in 0..=255u8 {
                for at in 0..WORD {
                    let mut word = *b"a b~ Z09";
                    word[at] = b;
                    assert_eq!(
                        word_plain(word, one_line),
                        all_plain(&word, one_line),
                        "{word:?} {one_line}"
                    );
                }
            }
            for _ in 0..100_000 {
                let mut word = [0u8; WORD];
                // Mostly near the edges of what is plain.
                let edges = [0x00, 0x0a, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xc2, 0xff, b'a'];
                for c in &mut word {
                    *c = if rng.bool() {
                        edges[rng.usize(..edges.len())]
                    } else {
                        rng.u8(..)
                    };
                }
                assert_eq!(
                    word_plain(word, one_line),
                    all_plain(&word, one_line),
                    "{word:?}"
                );
            }
        }
    }

    /// The scan by characters that [`needs_no_cleaning`] reads from the bytes instead.
    fn needs_no_cleaning_by_chars(s: &str, one_line: bool, max_bytes: usize) -> bool {
        if s.len() > max_bytes {
            return false;
        }
        let mut run = 0usize;
        for c in s.chars() {
            if c.is_ascii() {
                if !((' '..'\x7f').contains(&c) || (c == '\n' && !one_line)) {
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

    #[test]
    fn the_byte_scan_agrees_with_the_character_scan_on_every_code_point() {
        let pad = "0123456789abcdefghij0123456789abcdefghij";
        // Every code point of the basic plane (where all that is dropped lives), and a sample
        // of the others (four-byte encodings).
        let sample = (0..=0xffff_u32).chain((0x1_0000..=0x10_ffff).step_by(251));
        for n in sample {
            let Some(c) = char::from_u32(n) else {
                continue;
            };
            // Alone, between letters, inside runs of ASCII bytes (the fast chunk), across the
            // end of a chunk of 32 bytes and at every place in a word of 8.
            let across = [3, 7, 8, 9, 30, 31].map(|n| format!("{}{c}{pad}", &pad[..n]));
            for s in [c.to_string(), format!("a{c}b"), format!("{pad}{c}{pad}")]
                .into_iter()
                .chain(across)
            {
                for one_line in [false, true] {
                    assert_eq!(
                        needs_no_cleaning(&s, one_line, PARAGRAPH_MAX),
                        needs_no_cleaning_by_chars(&s, one_line, PARAGRAPH_MAX),
                        "U+{n:04X} one_line={one_line} in {s:?}"
                    );
                }
            }
        }
    }

    /// The piecewise look at a plain line is the byte-at-a-time one, at every length across
    /// the pieces' ends and with the odd byte anywhere.
    #[test]
    fn a_plain_line_is_told_piece_by_piece_as_byte_by_byte() {
        let by_bytes = |s: &str, max: usize| {
            s.len() <= max
                && s.bytes().all(|c| (0x20..0x7f).contains(&c))
                && !s.starts_with(' ')
                && !s.ends_with(' ')
        };
        let odd = ["\u{7f}", "\t", "\n", "\u{1b}", "é", " ", "\0"];
        for len in 0..100 {
            let base: String = "abcdefghijklmnopqrstuvwxyz"
                .chars()
                .cycle()
                .take(len)
                .collect();
            let mut cases = vec![base.clone()];
            for at in 0..=len {
                for o in odd {
                    let mut s = base.clone();
                    s.insert_str(at, o);
                    cases.push(s);
                }
            }
            for s in cases {
                for max in [TITLE_MAX, 40] {
                    assert_eq!(
                        is_trimmed_printable_ascii(&s, max),
                        by_bytes(&s, max),
                        "{s:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_byte_scan_agrees_on_runs_lengths_and_line_breaks() {
        let cases = [
            "é".repeat(GRAPHEME_MAX - 1),
            "é".repeat(GRAPHEME_MAX),
            format!("{} {}", "é".repeat(20), "é".repeat(20)),
            format!("{}{}", "x".repeat(31), "é".repeat(GRAPHEME_MAX)),
            format!("{}\n{}\u{1b}", "x".repeat(31), "y".repeat(40)),
            format!("“{}”{}\u{1b}", "x".repeat(9), "y".repeat(12)),
            format!("é{}{}", "x".repeat(7), "é".repeat(GRAPHEME_MAX)),
            format!("{}{}", "é x".repeat(GRAPHEME_MAX), "\u{202e}"),
            format!("{}{}", "x".repeat(45), "é".repeat(GRAPHEME_MAX)),
            "one\ntwo".into(),
            "tab\there".into(),
            "ends in cr\r".into(),
            "x".repeat(100),
            String::new(),
        ];
        for s in &cases {
            for one_line in [false, true] {
                for max in [4, 40, PARAGRAPH_MAX] {
                    assert_eq!(
                        needs_no_cleaning(s, one_line, max),
                        needs_no_cleaning_by_chars(s, one_line, max),
                        "{s:?} one_line={one_line} max={max}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_byte_scan_agrees_on_runs_across_pieces_of_every_offset_and_width() {
        // Runs of two-, three- and four-byte characters just under, at and over the cap,
        // starting at every place in a piece, after and between ASCII bytes.
        for c in ['é', '€', '\u{1f600}'] {
            for lead in 0..=PIECE + 1 {
                for n in [
                    GRAPHEME_MAX - 2,
                    GRAPHEME_MAX - 1,
                    GRAPHEME_MAX,
                    GRAPHEME_MAX + 1,
                ] {
                    let run = c.to_string().repeat(n);
                    let half = c.to_string().repeat(n / 2);
                    for s in [
                        format!("{}{run}", "x".repeat(lead)),
                        format!("{}{run}y", "x".repeat(lead)),
                        format!("{half}{}{half}{half}", "x".repeat(lead)),
                        format!("{}{half}x{half}", "é".repeat(lead)),
                    ] {
                        assert_eq!(
                            needs_no_cleaning(&s, false, PARAGRAPH_MAX),
                            needs_no_cleaning_by_chars(&s, false, PARAGRAPH_MAX),
                            "{s:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_byte_scan_agrees_wherever_the_character_falls_in_a_short_or_long_string() {
        let hostile = [
            "\u{1b}", "\u{9b}", "\u{85}", "\u{202e}", "\u{2066}", "\u{200b}", "\u{feff}", "\t",
            "\r", "\n", "\u{7f}", "\0", "é", "\u{2019}",
        ];
        for c in hostile {
            for len in 0..70 {
                for at in 0..=len {
                    let s = format!("{}{c}{}", "x".repeat(at), "y".repeat(len - at));
                    for one_line in [false, true] {
                        assert_eq!(
                            needs_no_cleaning(&s, one_line, PARAGRAPH_MAX),
                            needs_no_cleaning_by_chars(&s, one_line, PARAGRAPH_MAX),
                            "{s:?} one_line={one_line}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn in_place_cleaning_gives_what_the_copying_one_gives() {
        for s in [
            "plain",
            "  padded line  ",
            "\x1b[31mred",
            "bidi \u{202e}override",
            "zero\u{200b}width",
            "a\r\nb",
            "",
        ] {
            let mut t = s.to_string();
            text_mut(&mut t);
            assert_eq!(t, text(s));
            let mut l = s.to_string();
            line_mut(&mut l, TITLE_MAX);
            assert_eq!(l, line(s, TITLE_MAX));
            let mut o = Some(s.to_string());
            line_opt(&mut o, TITLE_MAX);
            assert_eq!(o, Some(line(s, TITLE_MAX)).filter(|l| !l.is_empty()));
        }
    }

    #[test]
    fn a_line_of_plain_ascii_is_kept_as_line_gives_it() {
        // Every ASCII byte alone, at either end and inside, and text at and past the bound.
        let mut cases: Vec<String> = Vec::new();
        for c in (0u8..0x80).map(char::from) {
            cases.extend([
                c.to_string(),
                format!("{c}id-1"),
                format!("id-1{c}"),
                format!("id{c}1"),
                format!("{c}{c}"),
            ]);
        }
        cases.extend([
            "x".repeat(16),
            "x".repeat(17),
            "a b".into(),
            " ".into(),
            String::new(),
        ]);
        for s in cases {
            let mut l = s.clone();
            line_mut(&mut l, 16);
            assert_eq!(l, line(&s, 16), "{s:?}");
            let borrowed = line_cow(&s, 16);
            assert_eq!(borrowed, l, "{s:?}");
            assert_eq!(
                matches!(borrowed, Cow::Borrowed(b) if b == s),
                l == s,
                "{s:?}"
            );
        }
    }

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
        for s in samples
            .iter()
            .copied()
            .chain([marks.as_str(), long.as_str()])
        {
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

    #[test]
    fn lines_keep_their_breaks_but_not_blank_lines_or_controls() {
        let lines = |s: &str, max| {
            let mut s = s.to_string();
            lines_mut(&mut s, max);
            s
        };
        assert_eq!(
            lines(" a\x1b[0m \r\n\n\u{200b}\t\nb\u{202e}c \n", 100),
            "a[0m\nbc"
        );
        assert_eq!(lines("one\tline ", 100), "one    line");
        // Cut within the length at a character, not in one, and never ending in a break.
        assert_eq!(lines("ab\ncd\nef", 6), "ab\ncd");
        assert_eq!(lines("ab\né", 4), "ab");
        for s in ["ab\ncd\nef", " x \n\n y ", "é\né\né"] {
            for max in 0..12 {
                let once = lines(s, max);
                assert!(once.len() <= max, "{once:?}");
                assert_eq!(lines(&once, max), once);
            }
        }
    }
}
