//! Greedy word wrapping of styled text, by display width (CJK and emoji count double).

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
    wrap_with(runs, width, (first, rest), false)
}

/// [`wrap`] for a column so narrow that words are often split (the sidebar's): a word split
/// between two letters ends its line with a hyphen, so that it reads as one word split, not
/// as two. Not between characters two columns wide (Chinese, Japanese), which are set without
/// hyphens, nor in a web address.
pub fn wrap_hyphenated(
    runs: &[(&str, Style)],
    width: usize,
    first: &Span<'static>,
    rest: &Span<'static>,
) -> Vec<Line<'static>> {
    wrap_with(runs, width, (first, rest), true)
}

/// [`wrap`], or with `hyphens` [`wrap_hyphenated`]: the quick way for one run of single-spaced
/// words (which splits no word, so has no hyphen to add), else a word at a time.
fn wrap_with(
    runs: &[(&str, Style)],
    width: usize,
    (first, rest): (&Span<'static>, &Span<'static>),
    hyphens: bool,
) -> Vec<Line<'static>> {
    if let [(text, style)] = runs
        && let Some(lines) = wrap_spaced(text, *style, width, (first, rest))
    {
        return lines;
    }
    wrap_words(runs, width, (first, rest), hyphens)
}

/// [`wrap_with`] of any runs, a word at a time.
fn wrap_words(
    runs: &[(&str, Style)],
    width: usize,
    (first, rest): (&Span<'static>, &Span<'static>),
    hyphens: bool,
) -> Vec<Line<'static>> {
    let mut w = Wrapper {
        lines: Vec::new(),
        cur: Runs::default(),
        used: first.width(),
        indent: rest,
        width: width.max(first.width() + 1).max(rest.width() + 1),
        pending_space: None,
        line_has_text: false,
        hyphens,
    };
    w.cur.push(Piece::whole(&first.content, first.style));
    // The pieces of the word being read, one per style it crosses.
    let mut word: Vec<Piece<'_>> = Vec::new();
    for (run, &(text, style)) in runs.iter().enumerate() {
        let mut segment_start = 0;
        for (i, segment) in text.split('\n').enumerate() {
            if i > 0 {
                w.push_word(&word);
                word.clear();
                w.break_line();
            }
            for (start, end) in words_and_spaces(segment) {
                let piece = Piece {
                    src: text,
                    run,
                    start: segment_start + start,
                    end: segment_start + end,
                    style,
                };
                let gap = &segment[start..end];
                if gap.starts_with(char::is_whitespace) {
                    w.push_word(&word);
                    word.clear();
                    if w.line_has_text {
                        // One space of the text itself, so that the words beside it stay one
                        // piece of it.
                        w.pending_space = Some(if gap == " " {
                            piece
                        } else {
                            Piece::whole(" ", style)
                        });
                    }
                } else {
                    word.push(piece);
                }
            }
            segment_start += segment.len() + 1;
        }
    }
    w.push_word(&word);
    w.finish()
}

/// [`wrap`] of one run of text in one style whose words are parted by single spaces, as most
/// paragraphs and titles are: each line is one slice of the text, found by adding up the
/// widths of its words, with no piece of a word kept. `None`, for [`wrap_words`] to wrap, for
/// any other text: a space at either end or two together, other white space or a control
/// character, or a word longer than a line. A test holds the two alike.
fn wrap_spaced(
    text: &str,
    style: Style,
    width: usize,
    (first, rest): (&Span<'static>, &Span<'static>),
) -> Option<Vec<Line<'static>>> {
    let (first_width, rest_width) = (first.width(), rest.width());
    let width = width.max(first_width + 1).max(rest_width + 1);
    let printable = text
        .bytes()
        .fold(0u8, |bad, b| bad | u8::from(b.wrapping_sub(0x20) >= 0x5f));
    if printable == 0 {
        let rooms = (width - first_width, width - rest_width);
        return wrap_ascii(text, style, rooms, (first, rest));
    }
    let mut lines = Vec::new();
    let mut prefix = first;
    let mut used = first_width;
    // The part of the text on the line being filled, by bytes; empty before its first word.
    let mut line = 0..0;
    let mut start = 0;
    for word in text.split(' ') {
        let end = start + word.len();
        let plain = word
            .bytes()
            .fold(0u8, |bad, b| bad | u8::from(b.wrapping_sub(0x21) >= 0x5e));
        if word.is_empty()
            || (plain != 0 && word.chars().any(|c| c.is_whitespace() || c.is_control()))
        {
            return None;
        }
        let ww = self::width(word);
        if !line.is_empty() && used + 1 + ww <= width {
            used += 1 + ww;
            line.end = end;
        } else {
            if !line.is_empty() {
                lines.push(spaced_line(prefix, &text[line], style));
                prefix = rest;
                used = rest_width;
            }
            if used + ww > width {
                return None;
            }
            used += ww;
            line = start..end;
        }
        start = end + 1;
    }
    lines.push(spaced_line(prefix, &text[line], style));
    Some(lines)
}

/// [`wrap_spaced`] of printable ASCII, a column a byte: each line ends at the last space
/// within its room, found by one search back from there rather than by adding up words.
/// `rooms` are the columns left beside the first line's prefix and beside the others'.
fn wrap_ascii(
    text: &str,
    style: Style,
    (first_room, rest_room): (usize, usize),
    (first, rest): (&Span<'static>, &Span<'static>),
) -> Option<Vec<Line<'static>>> {
    if text.is_empty()
        || text.starts_with(' ')
        || text.ends_with(' ')
        || memchr::memmem::find(text.as_bytes(), b"  ").is_some()
    {
        return None;
    }
    let b = text.as_bytes();
    let mut lines = Vec::new();
    let (mut prefix, mut room) = (first, first_room);
    let mut start = 0;
    while b.len() - start > room {
        // A space right after the room ends a line that fills it; none within it is a word
        // longer than a line, which is split, so left to the word-at-a-time wrapper.
        let end = start + memchr::memrchr(b' ', &b[start..=start + room])?;
        lines.push(spaced_line(prefix, &text[start..end], style));
        start = end + 1;
        (prefix, room) = (rest, rest_room);
    }
    lines.push(spaced_line(prefix, &text[start..], style));
    Some(lines)
}

/// A line of [`wrap_spaced`]: `prefix`, then `text` in `style`, as [`Runs::take`] makes it (one
/// span of the two when their styles are the same, none for an empty part).
fn spaced_line(prefix: &Span<'static>, text: &str, style: Style) -> Line<'static> {
    let spans = match (prefix.content.is_empty(), text.is_empty()) {
        (true, true) => Vec::new(),
        (true, false) => vec![Span::styled(text.to_string(), style)],
        (false, true) => vec![Span::styled(prefix.content.to_string(), prefix.style)],
        (false, false) if prefix.style == style => {
            let mut content = String::with_capacity(prefix.content.len() + text.len());
            content.push_str(&prefix.content);
            content.push_str(text);
            vec![Span::styled(content, style)]
        }
        (false, false) => vec![
            Span::styled(prefix.content.to_string(), prefix.style),
            Span::styled(text.to_string(), style),
        ],
    };
    Line::from(spans)
}

/// The display width of `s`: its length when it is all printable ASCII, as most words and
/// titles are, else its count of characters when each is one column wide whatever is beside it
/// (printable ASCII, Latin-1 and the Latin extensions up to the combining marks but the soft
/// hyphen, and the general punctuation from the dashes to the ellipsis and from the per mille
/// sign on: accented letters, curly quotes, dashes), told by their encoding. A test holds this
/// against `unicode-width` for every code point below U+3000 and every pair of those.
pub fn width(s: &str) -> usize {
    // Looked at whole, without a branch per byte.
    let outside = s
        .bytes()
        .fold(0u8, |bad, b| bad | u8::from(b.wrapping_sub(0x20) >= 0x5f));
    if outside == 0 {
        return s.len();
    }
    // The one-column characters read from their encoding, a character at a time.
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        i += match (b[i], b.get(i + 1), b.get(i + 2)) {
            (0x20..=0x7e, ..) => 1,
            // U+00A0–U+00AC, U+00AE–U+00BF; U+00C0–U+02FF.
            (0xc2, Some(0xa0..=0xac | 0xae..=0xbf), _) | (0xc3..=0xcb, ..) => 2,
            // U+2010–U+2027, U+2030–U+205E.
            (0xe2, Some(0x80), Some(0x90..=0xa7 | 0xb0..=0xbf))
            | (0xe2, Some(0x81), Some(0x80..=0x9e)) => 3,
            _ => return s.width(),
        };
        n += 1;
    }
    n
}

/// Splits text into runs of whitespace and runs of everything else (where each starts and
/// ends), so punctuation stays with its word ("past,’" never breaks before the comma).
fn words_and_spaces(s: &str) -> impl Iterator<Item = (usize, usize)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let space = is_space_at(s, at)?.0;
        let start = at;
        while let Some((is_space, len)) = is_space_at(s, at)
            && is_space == space
        {
            at += len;
        }
        Some((start, at))
    })
}

/// Whether the character at byte `at` of `s` is white space, and its length; read from the
/// byte for ASCII, as most characters are. `None` at the end.
fn is_space_at(s: &str, at: usize) -> Option<(bool, usize)> {
    match *s.as_bytes().get(at)? {
        b if b.is_ascii() => Some((char::from(b).is_whitespace(), 1)),
        _ => {
            let c = s.get(at..)?.chars().next()?;
            Some((c.is_whitespace(), c.len_utf8()))
        }
    }
}

/// Part of a line: `src[start..end]`, in `style`.
#[derive(Clone, Copy)]
struct Piece<'a> {
    src: &'a str,
    /// Which of the runs `src` is (all of it in one style); [`NOT_A_RUN`] for a prefix or a
    /// space put between words.
    run: usize,
    start: usize,
    end: usize,
    style: Style,
}

/// [`Piece::run`] of a piece that is not of the text wrapped.
const NOT_A_RUN: usize = usize::MAX;

impl<'a> Piece<'a> {
    fn whole(src: &'a str, style: Style) -> Self {
        Piece {
            src,
            run: NOT_A_RUN,
            start: 0,
            end: src.len(),
            style,
        }
    }

    fn text(&self) -> &'a str {
        &self.src[self.start..self.end]
    }

    /// The part of this piece from `start` to `end`, counted within it.
    fn part(&self, start: usize, end: usize) -> Self {
        Piece {
            start: self.start + start,
            end: self.start + end,
            ..*self
        }
    }
}

/// The line being filled, as pieces of the text it is cut from: words that follow one another
/// in a run, with the one space between them, are one piece. Each span is copied out when the
/// line is done, one exact allocation each, rather than grown a word at a time.
#[derive(Default)]
struct Runs<'a> {
    pieces: Vec<Piece<'a>>,
}

impl<'a> Runs<'a> {
    /// Adds `piece`, to the last one when it goes on from it in the same run (of one style).
    /// An empty piece is left out.
    fn push(&mut self, piece: Piece<'a>) {
        if piece.start == piece.end {
            return;
        }
        if let Some(last) = self.pieces.last_mut()
            && last.end == piece.start
            && last.run == piece.run
            && piece.run != NOT_A_RUN
        {
            last.end = piece.end;
            return;
        }
        self.pieces.push(piece);
    }

    /// The line's spans, one for each run of pieces in one style, leaving it empty.
    fn take(&mut self) -> Line<'static> {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut pieces = &self.pieces[..];
        while let Some(first) = pieces.first() {
            let n = pieces.iter().take_while(|p| p.style == first.style).count();
            let (same, others) = pieces.split_at(n);
            let content: String = same.iter().map(Piece::text).collect();
            spans.push(Span::styled(content, first.style));
            pieces = others;
        }
        self.pieces.clear();
        Line::from(spans)
    }
}

struct Wrapper<'a> {
    lines: Vec<Line<'static>>,
    cur: Runs<'a>,
    used: usize,
    indent: &'a Span<'static>,
    width: usize,
    /// The space to write before the next word on this line.
    pending_space: Option<Piece<'a>>,
    line_has_text: bool,
    /// A word split between letters ends its line with a hyphen (see [`wrap_hyphenated`]).
    hyphens: bool,
}

impl<'a> Wrapper<'a> {
    fn break_line(&mut self) {
        self.lines.push(self.cur.take());
        self.cur
            .push(Piece::whole(&self.indent.content, self.indent.style));
        self.used = self.indent.width();
        self.pending_space = None;
        self.line_has_text = false;
    }

    /// Pushes a word made of `pieces` (one per style it crosses; none pushes nothing), on a
    /// new line when it does not fit after the text already on this one.
    fn push_word(&mut self, pieces: &[Piece<'a>]) {
        if pieces.is_empty() {
            return;
        }
        let ww: usize = pieces.iter().map(|p| width(p.text())).sum();
        let space = usize::from(self.pending_space.is_some());
        if self.line_has_text && self.used + space + ww > self.width {
            self.break_line();
        }
        if let Some(s) = self.pending_space.take()
            && self.line_has_text
        {
            self.cur.push(s);
            self.used += 1;
        }
        if self.used + ww <= self.width {
            for &piece in pieces {
                self.cur.push(piece);
            }
            self.used += ww;
            self.line_has_text = true;
            return;
        }
        // Longer than a whole line: a link breaks after a `/` or before a `?` or `&` where it
        // can, anything else between graphemes.
        if self.hyphens && !pieces.iter().any(|p| looks_like_url(p.text())) {
            self.push_hyphenated(pieces);
            return;
        }
        for &piece in pieces {
            if looks_like_url(piece.text()) {
                let mut at = 0;
                for part in url_pieces(piece.text()) {
                    let part = piece.part(at, at + part.len());
                    at = part.end - piece.start;
                    let pw = width(part.text());
                    if self.line_has_text && self.used + pw > self.width {
                        self.break_line();
                    }
                    self.push_split(part);
                }
            } else {
                self.push_split(piece);
            }
        }
    }

    /// Pushes a word made of `pieces` onto the line, breaking it between graphemes where it
    /// does not fit, each break between two letters after a hyphen (which takes a column of
    /// the line it ends).
    fn push_hyphenated(&mut self, pieces: &[Piece<'a>]) {
        let graphemes: Vec<Piece<'a>> = pieces
            .iter()
            .flat_map(|p| {
                p.text()
                    .grapheme_indices(true)
                    .map(move |(at, g)| p.part(at, at + g.len()))
            })
            .collect();
        let mut rest = &graphemes[..];
        while !rest.is_empty() {
            let room = self.width.saturating_sub(self.used);
            let (mut n, mut hyphen) = fit(rest, room);
            if n == 0 {
                if self.line_has_text {
                    self.break_line();
                    continue;
                }
                // Not even one fits a line of its own: it goes on it all the same.
                (n, hyphen) = (1, false);
            }
            let (line, after) = rest.split_at(n);
            for &g in line {
                self.cur.push(g);
                self.used += g.text().width();
            }
            self.line_has_text = true;
            rest = after;
            if !rest.is_empty() {
                if let Some(last) = line.last().filter(|_| hyphen) {
                    self.cur.push(Piece::whole(HYPHEN, last.style));
                    self.used += 1;
                }
                self.break_line();
            }
        }
    }

    /// Pushes `word` onto the line, breaking it between graphemes where it does not fit.
    fn push_split(&mut self, word: Piece<'a>) {
        // Whether part of the word is on this line already.
        let mut started = false;
        for (at, g) in word.text().grapheme_indices(true) {
            let gw = g.width();
            if self.used + gw > self.width && (self.line_has_text || started) {
                self.break_line();
            }
            self.cur.push(word.part(at, at + g.len()));
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

/// What ends the line of a word split between letters.
const HYPHEN: &str = "-";

/// How many of a word's `graphemes` go on a line with `room` columns left, and whether the
/// line then ends with a [`HYPHEN`]: all of them when they fit, else as many as leave room
/// for the hyphen where the break is between two letters.
fn fit(graphemes: &[Piece<'_>], room: usize) -> (usize, bool) {
    let mut used = 0;
    let mut most = (0, false);
    for (k, pair) in graphemes.windows(2).enumerate() {
        let [g, next] = pair else { break };
        used += g.text().width();
        if used > room {
            return most;
        }
        let hyphen = splits_a_word(g.text(), next.text());
        if used + usize::from(hyphen) <= room {
            most = (k + 1, hyphen);
        }
    }
    let all: usize = graphemes.iter().map(|g| g.text().width()).sum();
    if all <= room {
        return (graphemes.len(), false);
    }
    most
}

/// Whether a break between graphemes `a` and `b` splits a word that a hyphen marks: both are
/// letters or digits one column wide, of the scripts set with hyphens (Latin, Greek,
/// Cyrillic, Armenian).
fn splits_a_word(a: &str, b: &str) -> bool {
    let hyphenated = |g: &str| {
        g.width() == 1
            && g.chars().next().is_some_and(|c| {
                c.is_alphanumeric() && (c < '\u{0590}' || ('\u{1e00}'..='\u{1fff}').contains(&c))
            })
    };
    hyphenated(a) && hyphenated(b)
}

/// Whether a word is a web address, to be broken at its own joints rather than anywhere.
fn looks_like_url(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.")
}

/// A link cut where a line may break in it: after each `/` (but within `://`), and before
/// each `?` and `&`, so a continued line starts with the part it names.
fn url_pieces(url: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = url.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let after_slash = b == b'/' && bytes.get(i + 1) != Some(&b'/') && i + 1 < url.len();
        if after_slash {
            pieces.push(&url[start..=i]);
            start = i + 1;
        } else if (b == b'?' || b == b'&') && i > start {
            pieces.push(&url[start..i]);
            start = i;
        }
    }
    pieces.push(&url[start..]);
    pieces
}

/// A link shortened to `width` columns for the screen, keeping its start (the site) and its
/// end (what it names) with `…` between; copying and opening use the whole of it.
pub fn shorten_url(url: &str, width: usize) -> String {
    if url.width() <= width || width < 8 {
        return url.to_string();
    }
    let graphemes: Vec<&str> = url.graphemes(true).collect();
    let budget = width - 1;
    // The site whole where it leaves room for an end worth reading.
    let site = url
        .find("://")
        .and_then(|i| url[i + 3..].find('/').map(|j| i + 3 + j + 1))
        .map_or(0, |end| url[..end].width());
    let head_w = (budget * 3 / 5).max(site.min(budget.saturating_sub(12)));
    let mut head = String::new();
    let mut used = 0;
    for g in &graphemes {
        if used + g.width() > head_w {
            break;
        }
        head.push_str(g);
        used += g.width();
    }
    let mut tail: Vec<&str> = Vec::new();
    let mut tail_used = 0;
    for g in graphemes.iter().rev() {
        if used + tail_used + g.width() > budget {
            break;
        }
        tail.push(g);
        tail_used += g.width();
    }
    tail.reverse();
    format!("{head}…{}", tail.concat())
}

/// Cuts a line of spans to `width` columns, ending with `…` when something was cut. The `…`
/// takes the style of the span it cuts, so a cut title on a coloured bar ends in that colour.
pub fn truncate(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let total: usize = spans.iter().map(Span::width).sum();
    if total <= width {
        return Line::from(spans);
    }
    let mut out = Vec::new();
    let mut used = 0;
    let budget = width.saturating_sub(1);
    let mut cut_style = Style::default();
    'outer: for s in spans {
        let mut kept = String::new();
        for g in s.content.graphemes(true) {
            let gw = g.width();
            if used + gw > budget {
                cut_style = s.style;
                if !kept.is_empty() {
                    out.push(Span::styled(kept, s.style));
                }
                break 'outer;
            }
            kept.push_str(g);
            used += gw;
        }
        out.push(Span::styled(kept, s.style));
    }
    if width > 0 {
        out.push(Span::styled("…", cut_style));
    }
    Line::from(out)
}

#[cfg(test)]
mod tests;

/// Cuts `text` (one line, kept as it is: spaces and all, as code is) into pieces of at most
/// `first` display columns, then `rest`, between graphemes. Always at least one piece.
pub fn hard_cut(text: &str, first: usize, rest: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut start, mut used, mut room) = (0, 0, first.max(1));
    for (at, g) in text.grapheme_indices(true) {
        let w = g.width();
        if used + w > room && at > start {
            pieces.push(&text[start..at]);
            (start, used, room) = (at, 0, rest.max(1));
        }
        used += w;
    }
    pieces.push(&text[start..]);
    pieces
}
