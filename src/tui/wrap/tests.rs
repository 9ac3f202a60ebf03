use super::*;

fn texts(lines: &[Line<'_>]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

fn plain(s: &str, width: usize) -> Vec<String> {
    texts(&wrap(
        &[(s, Style::new())],
        width,
        &Span::raw(""),
        &Span::raw(""),
    ))
}

#[test]
fn wraps_at_word_boundaries() {
    assert_eq!(
        plain("the quick brown fox jumps", 10),
        ["the quick", "brown fox", "jumps"]
    );
    assert_eq!(
        plain("cling to the past,’ Starmer", 17),
        ["cling to the", "past,’ Starmer"]
    );
}

#[test]
fn hanging_indent_for_bullets() {
    let l = wrap(
        &[("one two three four", Style::new())],
        9,
        &Span::raw("• "),
        &Span::raw("  "),
    );
    assert_eq!(texts(&l), ["• one two", "  three", "  four"]);
}

#[test]
fn long_words_split_and_wide_chars_count_double() {
    assert_eq!(plain("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(plain("日本語のテキスト", 6), ["日本語", "のテキ", "スト"]);
}

fn hyphenated(s: &str, width: usize) -> Vec<String> {
    texts(&wrap_hyphenated(
        &[(s, Style::new())],
        width,
        &Span::raw("• "),
        &Span::raw("  "),
    ))
}

#[test]
fn a_word_split_in_a_narrow_column_ends_each_part_with_a_hyphen() {
    assert_eq!(hyphenated("abcdefghij", 6), ["• abc-", "  def-", "  ghij"]);
    assert_eq!(
        hyphenated("to Bezpieczeństwa", 10),
        ["• to", "  Bezpiec-", "  zeństwa"]
    );
    // After a hyphen of its own, a word breaks there, without another.
    assert_eq!(hyphenated("well-known", 8), ["• well-", "  known"]);
    // Not between characters two columns wide, nor between a letter and one of them.
    assert_eq!(
        hyphenated("日本語のテキスト", 8),
        ["• 日本語", "  のテキ", "  スト"]
    );
    assert_eq!(hyphenated("abcd日本", 6), ["• abcd", "  日本"]);
    // Nor in a web address, which breaks at its joints.
    assert_eq!(
        hyphenated("https://a.example/abcdef", 12),
        ["• https://", "  a.example/", "  abcdef"]
    );
    // A column too narrow for a letter and a hyphen still shows every letter.
    assert_eq!(hyphenated("abc", 3), ["• a", "  b", "  c"]);
    // The same words split without hyphens where they are not asked for.
    assert_eq!(plain("abcdefghij", 4), ["abcd", "efgh", "ij"]);
}

/// Whatever the width, every line fits it (but a lone character wider than the column), and
/// the text is all there: the hyphens put in are the only thing added.
#[test]
fn hyphenated_lines_fit_their_width_and_lose_nothing() {
    let words = [
        "Konstantynopolitańczykowianeczka",
        "Mistrzostwaświata",
        "日本語のテキストです",
        "ab日本cd",
        "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}",
        "👍🏽👍🏽👍🏽👍🏽",
        "x",
    ];
    for word in words {
        for width in 1..=24 {
            let lines = hyphenated(word, width);
            for l in &lines {
                assert!(l.width() <= width.max(4), "{word} at {width}: {lines:?}");
            }
            let text: String = lines
                .iter()
                .map(|l| {
                    let l = l.trim_start_matches(['•', ' ']);
                    l.strip_suffix('-').unwrap_or(l)
                })
                .collect();
            assert_eq!(text, word, "{word} at {width}: {lines:?}");
        }
    }
}

#[test]
fn a_long_link_breaks_after_slashes_and_before_query_parts_never_mid_word() {
    let url = "https://www.theguardian.com/world/live/2025/feb/17/europe-leaders-paris-summit?page=with:block-67b3&filterKeyEvents=false";
    let lines = plain(url, 40);
    assert_eq!(lines.concat(), url, "nothing lost");
    assert_eq!(
        lines,
        [
            "https://www.theguardian.com/world/live/",
            "2025/feb/17/europe-leaders-paris-summit",
            "?page=with:block-67b3",
            "&filterKeyEvents=false"
        ]
    );
    for l in &lines {
        assert!(l.width() <= 40);
    }
    // A piece longer than a line still breaks, where it must.
    let long = format!("https://a.example/{}", "x".repeat(50));
    let lines = plain(&long, 20);
    assert_eq!(lines.concat(), long);
    assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
}

#[test]
fn a_shortened_link_keeps_its_site_and_its_end() {
    let url = "https://www.theguardian.com/world/live/2025/feb/17/paris-summit#block-67b3";
    let short = shorten_url(url, 40);
    assert_eq!(short.width(), 40);
    assert!(short.starts_with("https://www.theguardian.com"), "{short}");
    assert!(short.ends_with("#block-67b3"), "{short}");
    assert!(short.contains('…'));
    assert_eq!(shorten_url(url, 200), url);
}

#[test]
fn newlines_break_and_spaces_do_not_lead() {
    assert_eq!(plain("a\nb   c", 10), ["a", "b c"]);
    assert_eq!(plain("", 10), [""]);
}

#[test]
fn styles_are_kept_across_a_break() {
    let bold = Style::new().bold();
    let l = wrap(
        &[("aa ", Style::new()), ("bb cc", bold)],
        5,
        &Span::raw(""),
        &Span::raw(""),
    );
    assert_eq!(texts(&l), ["aa bb", "cc"]);
    assert_eq!(l[1].spans[0].style, bold);
}

#[test]
fn a_word_across_styles_is_kept_whole() {
    let link = Style::new().underlined();
    let mark = Style::new().dim();
    let runs = [
        ("the index shrank ", Style::new()),
        ("unexpectedly", link),
        ("[3]", mark),
        (" by 0.3%", Style::new()),
    ];
    let l = wrap(&runs, 30, &Span::raw(""), &Span::raw(""));
    assert_eq!(texts(&l), ["the index shrank", "unexpectedly[3] by 0.3%"]);
    assert_eq!(l[1].spans[0].style, link);
    assert_eq!(l[1].spans[1].style, mark);
    // Where it all fits, nothing moves.
    let l = wrap(&runs, 40, &Span::raw(""), &Span::raw(""));
    assert_eq!(texts(&l), ["the index shrank unexpectedly[3] by 0.3%"]);
    // A styled word longer than a line is still split, each piece keeping its style.
    let l = wrap(
        &[("abc", Style::new()), ("defgh", link)],
        4,
        &Span::raw(""),
        &Span::raw(""),
    );
    assert_eq!(texts(&l), ["abcd", "efgh"]);
    assert_eq!(l[0].spans[1].style, link);
    // A break inside a run ends the word before it.
    let l = wrap(
        &[("ab", Style::new()), ("\ncd", link)],
        10,
        &Span::raw(""),
        &Span::raw(""),
    );
    assert_eq!(texts(&l), ["ab", "cd"]);
}

/// Characters one column wide whatever is beside them: printable ASCII, Latin-1 and the Latin
/// extensions up to the combining marks (but not the soft hyphen), and the general
/// punctuation from the dashes to the ellipsis and from the per mille sign on (but not the
/// invisible and joining marks, the separators or the bidi controls). No emoji or variation
/// sequence can be made of them alone. Checked against `unicode-width` for every pair below.
fn one_column(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{2ff}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}')
}

#[test]
fn one_column_characters_are_one_column_beside_any_other() {
    let ones: Vec<char> = (0..=0x2100u32)
        .filter_map(char::from_u32)
        .filter(|&c| one_column(c))
        .collect();
    assert!(ones.len() > 700, "{}", ones.len());
    let mut pair = String::new();
    for &a in &ones {
        assert_eq!(a.to_string().width(), 1, "{a:?}");
        for &b in &ones {
            pair.clear();
            pair.push(a);
            pair.push(b);
            assert_eq!(pair.width(), 2, "{a:?} {b:?}");
            assert_eq!(width(&pair), 2, "{a:?} {b:?}");
        }
    }
    for s in [
        "“Quoted” – it’s fine…",
        "café ½ ‰",
        "a\u{ad}b",
        "é\u{301}",
        "‼\u{fe0f}",
        "日本",
    ] {
        assert_eq!(width(s), s.width(), "{s}");
    }
}

#[test]
fn truncate_marks_the_cut() {
    let l = truncate(vec![Span::raw("hello world")], 6);
    assert_eq!(texts(&[l]), ["hello…"]);
}

#[test]
fn the_cut_mark_takes_the_style_of_the_span_it_cuts() {
    use ratatui::style::{Color, Modifier};
    let plain = Style::default().fg(Color::Gray);
    let bold = Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD);
    let cut = |width| -> Vec<(String, Style)> {
        let spans = vec![Span::styled("ab ", plain), Span::styled("cdefgh", bold)];
        truncate(spans, width)
            .spans
            .iter()
            .map(|s| (s.content.to_string(), s.style))
            .collect()
    };
    // Cut inside the second span: the mark is bold yellow, after the kept "cd".
    assert_eq!(
        cut(6),
        [
            ("ab ".to_string(), plain),
            ("cd".to_string(), bold),
            ("…".to_string(), bold)
        ]
    );
    // Cut right at the second span's start: no empty span, the mark in the cut span's style.
    assert_eq!(
        cut(4),
        [("ab ".to_string(), plain), ("…".to_string(), bold)]
    );
}

/// The wrapping as it was before lines were kept as pieces of their text: what [`wrap`] must
/// still give, span for span.
mod reference {
    use super::super::{looks_like_url, url_pieces, width};
    use ratatui::style::Style;
    use ratatui::text::{Line, Span};
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;

    /// Wraps styled runs to `width` columns. `first` prefixes the first line and `rest` every other
    /// one (bullets, quote bars, hanging indents). A `\n` inside a run forces a break. A word runs
    /// across styles until white space ("unexpectedly[3]", a link's number after its text, stays
    /// whole). Words longer than a line are split between graphemes. Always returns at least one
    /// line.
    pub fn wrap(
        runs: &[(&str, Style)],
        width: usize,
        first: &Span<'static>,
        rest: &Span<'static>,
    ) -> Vec<Line<'static>> {
        let mut w = Wrapper {
            lines: Vec::new(),
            cur: Runs::default(),
            used: first.width(),
            indent: rest.clone(),
            width: width.max(first.width() + 1).max(rest.width() + 1),
            pending_space: None,
            line_has_text: false,
        };
        w.cur.push(&first.content, first.style);
        // The pieces of the word being read, one per style it crosses.
        let mut word: Vec<(&str, Style)> = Vec::new();
        for (text, style) in runs {
            for (i, segment) in text.split('\n').enumerate() {
                if i > 0 {
                    w.push_word(&word);
                    word.clear();
                    w.break_line();
                }
                for piece in words_and_spaces(segment) {
                    if piece.starts_with(char::is_whitespace) {
                        w.push_word(&word);
                        word.clear();
                        if w.line_has_text {
                            w.pending_space = Some(*style);
                        }
                    } else {
                        word.push((piece, *style));
                    }
                }
            }
        }
        w.push_word(&word);
        w.finish()
    }

    /// Splits text into runs of whitespace and runs of everything else, so punctuation stays with
    /// its word ("past,’" never breaks before the comma).
    fn words_and_spaces(s: &str) -> impl Iterator<Item = &str> {
        let mut rest = s;
        std::iter::from_fn(move || {
            let first = rest.chars().next()?;
            let space = first.is_whitespace();
            let end = rest
                .find(|c: char| c.is_whitespace() != space)
                .unwrap_or(rest.len());
            let (piece, tail) = rest.split_at(end);
            rest = tail;
            Some(piece)
        })
    }

    /// The line being filled: its text, and where each style's run of it ends. The spans are cut
    /// from it when the line is done, one exact allocation each, rather than grown a word at a
    /// time.
    #[derive(Default)]
    struct Runs {
        text: String,
        ends: Vec<(usize, Style)>,
    }

    impl Runs {
        /// Adds `text` in `style`, to the last run when it has the same style. Empty text is left
        /// out.
        fn push(&mut self, text: &str, style: Style) {
            if text.is_empty() {
                return;
            }
            self.text.push_str(text);
            match self.ends.last_mut() {
                Some((end, last)) if *last == style => *end = self.text.len(),
                _ => self.ends.push((self.text.len(), style)),
            }
        }

        /// The line's spans, leaving it empty.
        fn take(&mut self) -> Line<'static> {
            let mut start = 0;
            let spans: Vec<Span<'static>> = self
                .ends
                .drain(..)
                .map(|(end, style)| {
                    let span = Span::styled(self.text[start..end].to_string(), style);
                    start = end;
                    span
                })
                .collect();
            self.text.clear();
            Line::from(spans)
        }
    }

    struct Wrapper {
        lines: Vec<Line<'static>>,
        cur: Runs,
        used: usize,
        indent: Span<'static>,
        width: usize,
        pending_space: Option<Style>,
        line_has_text: bool,
    }

    impl Wrapper {
        fn break_line(&mut self) {
            self.lines.push(self.cur.take());
            self.cur.push(&self.indent.content, self.indent.style);
            self.used = self.indent.width();
            self.pending_space = None;
            self.line_has_text = false;
        }

        /// Pushes a word made of `pieces` (one per style it crosses; none pushes nothing), on a
        /// new line when it does not fit after the text already on this one.
        fn push_word(&mut self, pieces: &[(&str, Style)]) {
            if pieces.is_empty() {
                return;
            }
            let ww: usize = pieces.iter().map(|(p, _)| width(p)).sum();
            let space = usize::from(self.pending_space.is_some());
            if self.line_has_text && self.used + space + ww > self.width {
                self.break_line();
            }
            if let Some(s) = self.pending_space.take()
                && self.line_has_text
            {
                self.cur.push(" ", s);
                self.used += 1;
            }
            if self.used + ww <= self.width {
                for &(piece, style) in pieces {
                    self.cur.push(piece, style);
                }
                self.used += ww;
                self.line_has_text = true;
                return;
            }
            // Longer than a whole line: a link breaks after a `/` or before a `?` or `&` where it
            // can, anything else between graphemes.
            for &(piece, style) in pieces {
                if looks_like_url(piece) {
                    for part in url_pieces(piece) {
                        let pw = width(part);
                        if self.line_has_text && self.used + pw > self.width {
                            self.break_line();
                        }
                        self.push_split(part, style);
                    }
                } else {
                    self.push_split(piece, style);
                }
            }
        }

        /// Pushes `word` onto the line, breaking it between graphemes where it does not fit.
        fn push_split(&mut self, word: &str, style: Style) {
            // Whether part of the word is on this line already.
            let mut started = false;
            for g in word.graphemes(true) {
                let gw = g.width();
                if self.used + gw > self.width && (self.line_has_text || started) {
                    self.break_line();
                }
                self.cur.push(g, style);
                self.used += gw;
                started = true;
            }
            if started {
                self.line_has_text = true;
            }
        }

        fn finish(mut self) -> Vec<Line<'static>> {
            if self.line_has_text || self.lines.is_empty() {
                let last = self.cur.take();
                self.lines.push(last);
            }
            self.lines
        }
    }
}

/// Some of everything the wrapping meets, put together at random (with a fixed seed), wrapped
/// at every width from 1 to 30.
#[test]
fn lines_are_as_they_were_before_they_were_kept_as_pieces() {
    let words = [
        "a",
        "bb",
        "Sánchez",
        "“quoted”,",
        "日本語",
        "https://x.example/a/b?c=d&e=f",
        "www.x.example/ab",
        "supercalifragilisticexpialidocious",
        "e\u{301}",
        "👍🏽",
        "‼\u{fe0f}",
        "[3]",
        "—",
        "x\u{ad}y",
    ];
    let gaps = [" ", " ", " ", "  ", "\t", "\n", "\u{a0}", " \n ", ""];
    let styles = [Style::new(), Style::new().bold(), Style::new().underlined()];
    let prefixes = ["", "• ", "  ", "│ "];
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..400 {
        let runs: Vec<(String, Style)> = (0..rng.usize(1..=4))
            .map(|_| {
                let mut text = String::new();
                for _ in 0..rng.usize(0..=12) {
                    text.push_str(gaps[rng.usize(..gaps.len())]);
                    text.push_str(words[rng.usize(..words.len())]);
                }
                if rng.bool() {
                    text.push_str(gaps[rng.usize(..gaps.len())]);
                }
                (text, styles[rng.usize(..styles.len())])
            })
            .collect();
        let runs: Vec<(&str, Style)> = runs.iter().map(|(t, s)| (t.as_str(), *s)).collect();
        let first = Span::styled(
            prefixes[rng.usize(..prefixes.len())],
            styles[rng.usize(..3)],
        );
        let rest = Span::styled(
            prefixes[rng.usize(..prefixes.len())],
            styles[rng.usize(..3)],
        );
        for width in 1..=30 {
            assert_eq!(
                wrap(&runs, width, &first, &rest),
                reference::wrap(&runs, width, &first, &rest),
                "{runs:?} at {width} after {first:?} then {rest:?}"
            );
        }
    }
}

/// The single-spaced fast path gives what the word-at-a-time wrapper gives, for texts of words
/// of every width (accented letters, curly quotes, wide characters, links), with and without
/// prefixes in the text's style or another, at every width; and it is taken for many of them.
#[test]
fn single_spaced_text_wraps_as_any_text_does() {
    let mut rng = fastrand::Rng::with_seed(7);
    let words = [
        "a",
        "the",
        "Élysée",
        "“quoted”",
        "—",
        "minister’s",
        "界隈",
        "https://example.com/a/b",
        "x",
        "unexpectedly",
        "Sánchez,",
        "2025.",
        "ok",
        "e\u{301}",
    ];
    let styles = [Style::new(), Style::new().fg(ratatui::style::Color::Red)];
    let (mut fast, mut all) = (0, 0);
    for _ in 0..3000 {
        let n = rng.usize(0..14);
        let mut text = (0..n)
            .map(|_| words[rng.usize(..words.len())])
            .collect::<Vec<_>>()
            .join(" ");
        // Now and then text the fast path leaves alone.
        match rng.u8(..20) {
            0 => text.push(' '),
            1 => text = text.replacen(' ', "  ", 1),
            2 => text = text.replacen(' ', "\u{a0}", 1),
            3 => text = text.replacen(' ', "\t", 1),
            _ => {}
        }
        let style = styles[rng.usize(..2)];
        let prefixes = ["", "• ", "18:34 ", "  "];
        let first = Span::styled(prefixes[rng.usize(..4)], styles[rng.usize(..2)]);
        let rest = Span::styled(prefixes[rng.usize(..4)], styles[rng.usize(..2)]);
        let width = rng.usize(1..40);
        let runs = [(text.as_str(), style)];
        let expected = wrap_words(&runs, width, (&first, &rest), false);
        if let Some(lines) = wrap_spaced(&text, style, width, (&first, &rest)) {
            fast += 1;
            assert_eq!(lines, expected, "{text:?} at {width}");
        }
        assert_eq!(wrap(&runs, width, &first, &rest), expected);
        assert_eq!(
            wrap_hyphenated(&runs, width, &first, &rest),
            wrap_words(&runs, width, (&first, &rest), true)
        );
        all += 1;
    }
    assert!(fast * 3 > all, "the fast path took {fast} of {all}");
}

/// Printable ASCII, the most common text, is wrapped by searching back for a space: what it
/// gives is what the word-at-a-time wrapper gives, at every width, with words longer than a
/// line, lines filled exactly, and the spacing the quick way leaves alone.
#[test]
fn ascii_text_wraps_as_any_text_does() {
    let mut rng = fastrand::Rng::with_seed(11);
    let words = [
        "a",
        "the",
        "minister's",
        "x",
        "unexpectedly",
        "2025.",
        "ok",
        "(AP)",
    ];
    let (mut fast, mut all) = (0, 0);
    for _ in 0..4000 {
        let n = rng.usize(0..16);
        let mut text = (0..n)
            .map(|_| words[rng.usize(..words.len())])
            .collect::<Vec<_>>()
            .join(" ");
        match rng.u8(..12) {
            0 => text.push(' '),
            1 => text.insert(0, ' '),
            2 => text = text.replacen(' ', "  ", 1),
            _ => {}
        }
        let prefixes = ["", "• ", "18:34 ", "  "];
        let first = Span::raw(prefixes[rng.usize(..4)]);
        let rest = Span::styled(prefixes[rng.usize(..4)], Style::new().bold());
        let width = rng.usize(1..50);
        let style = Style::new();
        let runs = [(text.as_str(), style)];
        let expected = wrap_words(&runs, width, (&first, &rest), false);
        let room = |p: &Span<'_>| width.max(first.width() + 1).max(rest.width() + 1) - p.width();
        let quick = wrap_ascii(&text, style, (room(&first), room(&rest)), (&first, &rest));
        if let Some(lines) = quick {
            fast += 1;
            assert_eq!(lines, expected, "{text:?} at {width} after {first:?}");
        }
        assert_eq!(
            wrap(&runs, width, &first, &rest),
            expected,
            "{text:?} at {width}"
        );
        all += 1;
    }
    assert!(fast * 2 > all, "the quick way took {fast} of {all}");
}
