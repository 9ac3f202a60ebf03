//! One entry laid out as styled lines at a given width: heading, byline, body, links (the
//! text; `panes` says where each pane sits).
//! The result is cached per entry and width by the model, so this runs once per entry seen.

use super::theme::Theme;
use super::wrap::{truncate, wrap, wrap_hyphenated};
use crate::blog::{Block, Embed, Entry, Inline, Stamp};
use jiff::{Timestamp, tz::TimeZone};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// What the layout of an entry depends on besides the entry itself.
#[derive(Debug, Clone)]
pub struct LayoutContext {
    pub width: usize,
    pub theme: Theme,
    pub tz: TimeZone,
    /// For relative times ("5 min ago"); `None` leaves them out (tests, snapshots).
    pub now: Option<Timestamp>,
    /// With several blogs open, each blog's tag and its style, by blog index: an entry whose
    /// id names its blog (`blog::timeline::ns_id`) is tagged `[Name]` on its byline.
    pub tags: Option<std::sync::Arc<Vec<(String, Style)>>>,
    /// The reader's alert words, highlighted where they appear in the entry's text.
    pub keywords: Option<std::sync::Arc<crate::alert::Keywords>>,
}

/// Local wall-clock time of a stamp, `HH:MM`, with the date when it is not today.
pub fn local_time(s: Stamp, tz: &TimeZone, now: Option<Timestamp>) -> String {
    crate::blog::wall_clock(s.instant(), tz, now)
}

/// "just now", "5 min ago", "3 h ago", "2 d ago", "4 months ago", "2 years ago".
///
/// Counted in minutes of the clock's face, as the `HH:MM` beside it reads: an entry of 17:00
/// is "5 min ago" from 17:05:00 to 17:05:59, whatever its seconds. The label then changes only
/// when the clock's minute does, which is when the reader's clock ticks (see `tui::app`). An
/// entry stamped in the next minute is "just now" too: the source's clock may be a little ahead.
/// Past a day, days are counted as the calendar in `tz` counts them, as the date beside says:
/// an entry of 3 Dec 19:43 is "2 d ago" on 5 Dec, whatever the hour.
pub fn relative(s: Stamp, now: Timestamp, tz: &TimeZone) -> String {
    const DAY: i64 = 86_400;
    let minutes = now.as_second().div_euclid(60) - s.instant().as_second().div_euclid(60);
    let secs = minutes.saturating_mul(60);
    let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match secs {
        i64::MIN..=-61 => "in the future".into(),
        -60..=59 => "just now".into(),
        60..=3599 => format!("{} min ago", secs / 60),
        3600..=86_399 => format!("{} h ago", secs / 3600),
        86_400..=2_591_999 => format!("{} d ago", calendar_days(s, now, tz).max(1)),
        2_592_000..=31_535_999 => plural(secs / (30 * DAY), "month"),
        _ => plural(secs / (365 * DAY), "year"),
    }
}

/// Days from the date of `s` to the date of `now`, as the calendar in `tz` has them.
fn calendar_days(s: Stamp, now: Timestamp, tz: &TimeZone) -> i64 {
    let day = |t: Timestamp| t.to_zoned(tz.clone()).date();
    day(s.instant())
        .until(day(now))
        .map_or(0, |span| i64::from(span.get_days()))
}

/// An entry laid out once for a width: its lines, and the facts the view needs about them,
/// kept here so that no pane has to guess them from the lines.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryLayout {
    pub lines: Vec<Line<'static>>,
    /// The entry's links, numbered as the lines number them (`[1]` is `links[0]`).
    pub links: Vec<String>,
    /// Lines from here on are the break between this entry and the next.
    pub separator_from: usize,
}

impl EntryLayout {
    pub fn height(&self) -> usize {
        self.lines.len()
    }

    /// Whether line `n` is part of the break below the entry, not the entry itself.
    pub fn is_separator(&self, n: usize) -> bool {
        n >= self.separator_from
    }
}

/// Marks what `find` finds in a line (alert words, search matches): each span is cut where a
/// match starts and ends. (A match that wrapping cut across two lines is not marked.)
pub fn highlight(
    line: &mut Line<'static>,
    find: impl Fn(&str) -> Vec<std::ops::Range<usize>>,
    style: Style,
) {
    let spans = std::mem::take(&mut line.spans);
    for span in spans {
        let text = span.content.as_ref();
        let found = find(text);
        if found.is_empty() {
            line.spans.push(span);
            continue;
        }
        let mut at = 0;
        for r in found {
            if r.start > at {
                line.spans
                    .push(Span::styled(text[at..r.start].to_string(), span.style));
            }
            line.spans.push(Span::styled(
                text[r.clone()].to_string(),
                span.style.patch(style),
            ));
            at = r.end;
        }
        if at < text.len() {
            line.spans
                .push(Span::styled(text[at..].to_string(), span.style));
        }
    }
}

/// The widest [`relative`] says: "in the future", "11 months ago".
const WIDEST_RELATIVE: usize = 13;

fn width_of(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The byline: the blog's tag when several are open, then the time, authors and edit time,
/// each with the width its line break is decided by. Broken between its parts, never within
/// one (the time updated, a name); a part wider than the whole line alone is cut.
fn byline(e: &Entry, meta: &[(String, usize)], cx: &LayoutContext) -> Vec<Line<'static>> {
    let tag = cx.tags.as_ref().and_then(|tags| {
        let (k, _) = crate::blog::timeline::split_id(&e.id)?;
        tags.get(k)
    });
    let width = cx.width.max(8);
    let style = cx.theme.meta();
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    if let Some((name, tag_style)) = tag {
        let name = format!("[{name}]");
        used = width_of(&name);
        spans.push(Span::styled(name, *tag_style));
    }
    for (i, (part, by)) in meta.iter().enumerate() {
        let gap = match (i, spans.is_empty()) {
            (_, true) => "",
            (0, false) => " ",
            _ => " · ",
        };
        if !spans.is_empty() && used + width_of(gap) + by > width {
            lines.push(truncate(std::mem::take(&mut spans), width));
            used = 0;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(gap, style));
            used += width_of(gap);
        }
        spans.push(Span::styled(part.clone(), style));
        used += by;
    }
    if !spans.is_empty() {
        lines.push(truncate(spans, width));
    }
    lines
}

/// The byline's parts, each with the width its line break is decided by: the time, with its
/// relative time, the authors, the time it was updated.
fn meta_parts(e: &Entry, cx: &LayoutContext) -> Vec<(String, usize)> {
    // Byline: time, relative time, authors, edit time, broken between parts where the line is
    // too narrow. Its breaks are made by the widest each time part can become (a date once it
    // is not today, the longest relative time), so that the entry's height never changes as
    // the clock ticks.
    let widest_time = |t: Stamp| {
        let z = t.instant().to_zoned(cx.tz.clone());
        width_of(&z.strftime("%-d %b %Y %H:%M").to_string())
    };
    let mut meta: Vec<(String, usize)> = Vec::new();
    if let Some(t) = e.time() {
        // Only an update time (a timeless entry that was edited): say what the time is.
        let label = if e.published.is_none() {
            "updated "
        } else {
            ""
        };
        let mut s = format!("{label}{}", local_time(t, &cx.tz, cx.now));
        let mut by = width_of(label) + widest_time(t);
        if let Some(now) = cx.now {
            s.push_str(" · ");
            s.push_str(&relative(t, now, &cx.tz));
            by += 3 + WIDEST_RELATIVE;
        }
        meta.push((s, by));
    } else if let Some(t) = &e.time_as_written {
        // The page's own words for a time it gave no date for: shown as written, not converted
        // and not aged, since when it was is not known.
        meta.push((t.clone(), width_of(t)));
    }
    if !e.authors.is_empty() {
        let by = format!("By {}", join_names(&e.authors));
        let w = width_of(&by);
        meta.push((by, w));
    }
    if let (Some(u), Some(_)) = (e.edited_at(), e.published) {
        let by = width_of("updated ") + widest_time(u);
        meta.push((format!("updated {}", local_time(u, &cx.tz, cx.now)), by));
    }
    meta
}

/// Lays out an entry. It ends in a separator, so entries stack with clear breaks.
pub fn lay_out(e: &Entry, cx: &LayoutContext) -> EntryLayout {
    let th = cx.theme;
    let width = cx.width.max(8);
    let mut out: Vec<Line<'static>> = Vec::new();

    // Heading: flags and title.
    let mut marker = String::new();
    if e.pinned {
        marker.push_str("◆ PINNED ");
    }
    if e.key_event {
        marker.push_str("★ ");
    }
    if e.summary {
        marker.push_str("≡ SUMMARY ");
    }
    let title_style = if e.key_event {
        th.key_event()
    } else if e.pinned {
        th.pinned()
    } else {
        th.title()
    };
    match &e.title {
        Some(t) => {
            let first = Span::styled(marker.clone(), title_style);
            let rest = Span::raw(" ".repeat(marker.chars().count().min(width / 2)));
            out.extend(wrap(&[(t.as_str(), title_style)], width, &first, &rest));
        }
        None if !marker.is_empty() => {
            let label = if e.key_event { "Key event" } else { "" };
            out.push(Line::from(Span::styled(
                format!("{marker}{label}").trim_end().to_string(),
                title_style,
            )));
        }
        None => {}
    }

    let meta = meta_parts(e, cx);
    out.extend(byline(e, &meta, cx));
    if !out.is_empty() && !e.body.is_empty() {
        out.push(Line::default());
    }
    if e.body.is_empty() && e.title.is_none() {
        // Not a bare byline that reads as the next entry's.
        out.push(Line::from(Span::styled("(no text)", th.dim())));
    }

    // Body.
    let mut links: Vec<String> = Vec::new();
    let indents =
        crate::blog::has_nested_lists(&e.body).then(|| crate::blog::list_indents(&e.body));
    for (i, b) in e.body.iter().enumerate() {
        if i > 0 && !crate::blog::continues_list(&e.body[i - 1], b) {
            // Between the parts of one quote, the line keeps the bars of the quotes they share.
            out.push(match crate::blog::quote_goes_on(&e.body[i - 1], b) {
                Some(shared) => Line::from(Span::styled("│ ".repeat(shared), th.quote())),
                None => Line::default(),
            });
        }
        let indent = indents.as_ref().map_or(0, |at| at[i]);
        block_lines(b, (width, indent), th, &mut links, &mut out);
    }
    if !links.is_empty() {
        out.push(Line::default());
        for (n, l) in links.iter().enumerate() {
            let first = Span::styled(format!("[{}] ", n + 1), th.link_number());
            // One line each, the middle of a long one left out (as the `L` list shows it):
            // a link broken over lines reads as parts, and copying or opening uses it whole.
            let shown = crate::tui::wrap::shorten_url(l, width.saturating_sub(first.width()));
            out.push(Line::from(vec![first, Span::styled(shown, th.dim())]));
        }
    }
    let separator_from = out.len();
    if let Some(k) = cx.keywords.as_deref().filter(|k| !k.is_empty()) {
        for line in &mut out {
            highlight(line, |t| k.find(t), th.highlight());
        }
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        "─".repeat(width.min(60)),
        th.separator(),
    )));
    out.push(Line::default());
    EntryLayout {
        lines: out,
        links,
        separator_from,
    }
}

/// A link as it may be opened: an absolute http(s) URL, re-serialised by `url::Url` (so an
/// internationalised host shows as punycode and no control character survives). Anything else
/// (javascript:, file:, data:, relative, an option-like `-x`) is `None`.
pub fn openable(link: &str) -> Option<String> {
    let u = url::Url::parse(link.trim()).ok()?;
    matches!(u.scheme(), "http" | "https")
        .then(|| u.to_string())
        .filter(|s| u.host_str().is_some() && !s.starts_with('-'))
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Styled runs for inline text; links are underlined and numbered `[n]` after the text.
pub(super) fn runs(
    inl: &[Inline],
    base: Style,
    th: Theme,
    links: &mut Vec<String>,
) -> Vec<(String, Style)> {
    let mut out = Vec::with_capacity(inl.len());
    for r in inl {
        let mut st = base;
        if r.bold {
            st = st.add_modifier(ratatui::style::Modifier::BOLD);
        }
        if r.italic {
            st = st.add_modifier(ratatui::style::Modifier::ITALIC);
        }
        if r.strike {
            st = st.add_modifier(ratatui::style::Modifier::CROSSED_OUT);
        }
        match &r.link {
            Some(url) => {
                // The number follows the link's words, not the space a page left inside the
                // link (`<a>letter </a>also` reads "letter[1] also", not "letter [1]also").
                let words = r.text.trim_end();
                out.push((words.to_string(), st.patch(th.link())));
                let n = crate::blog::link_numbers::link_number(links, url);
                out.push((format!("[{n}]"), th.link_number()));
                let space = &r.text[words.len()..];
                if !space.is_empty() {
                    out.push((space.to_string(), st));
                }
            }
            None => out.push((r.text.clone(), st)),
        }
    }
    out
}

pub(super) fn wrap_owned(
    runs: &[(String, Style)],
    width: usize,
    first: &Span<'static>,
    rest: &Span<'static>,
) -> Vec<Line<'static>> {
    let borrowed: Vec<(&str, Style)> = runs.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    // A word longer than the column (a table's narrow one, a long name in a narrow pane) is
    // split with a hyphen, as the sidebar splits one.
    wrap_hyphenated(&borrowed, width, first, rest)
}

/// The lines of one block, `width` columns wide; a list `indent` columns in (one nested in
/// another).
fn block_lines(
    b: &Block,
    (width, indent): (usize, usize),
    th: Theme,
    links: &mut Vec<String>,
    out: &mut Vec<Line<'static>>,
) {
    let none = Span::raw("");
    match b {
        Block::Paragraph { runs: r } => {
            out.extend(wrap_owned(
                &runs(r, th.text(), th, links),
                width,
                &none,
                &none,
            ));
        }
        Block::Heading { runs: r } => {
            out.extend(wrap_owned(
                &runs(r, th.heading(), th, links),
                width,
                &none,
                &none,
            ));
        }
        Block::Quote {
            paragraphs,
            attribution,
            level,
        } => {
            // A bar for each quote it is in.
            let bars = "│ ".repeat(usize::from(*level) + 1);
            let bar = Span::styled(bars.clone(), th.quote());
            for (i, p) in paragraphs.iter().enumerate() {
                if i > 0 {
                    out.push(Line::from(bar.clone()));
                }
                out.extend(wrap_owned(
                    &runs(p, th.quote(), th, links),
                    width,
                    &bar,
                    &bar,
                ));
            }
            if let Some(a) = attribution {
                let first = Span::styled(format!("{bars}— "), th.quote());
                out.extend(wrap(&[(&**a, th.meta())], width, &first, &bar));
            }
        }
        Block::List { items, .. } => {
            // A list nested too deep for the width is drawn less indented, never unreadable.
            let pad = " ".repeat(indent.min(width / 2));
            for (it, marker) in items.iter().zip(b.aligned_markers()) {
                let bullet = format!("{pad}{marker}");
                let rest = Span::raw(" ".repeat(bullet.chars().count()));
                let first = Span::styled(bullet, th.meta());
                out.extend(wrap_owned(
                    &runs(it, th.text(), th, links),
                    width,
                    &first,
                    &rest,
                ));
            }
        }
        Block::Image(_) | Block::Embed(_) => media_lines(b, width, th, links, out),
        Block::Code { text } => {
            // As written, spaces and all; a line too long for the width goes on under a mark,
            // never cut off.
            for l in text.lines() {
                let pieces =
                    super::wrap::hard_cut(l, width.saturating_sub(2), width.saturating_sub(4));
                for (i, piece) in pieces.into_iter().enumerate() {
                    let lead = if i == 0 { "  " } else { "  ↪ " };
                    out.push(truncate(
                        vec![
                            Span::styled(lead, th.dim()),
                            Span::styled(piece.to_string(), th.meta()),
                        ],
                        width,
                    ));
                }
            }
        }
        Block::Table(t) => super::table_layout::table_lines(t, width, th, links, out),
        Block::Rule => out.push(Line::from(Span::styled("· · ·", th.separator()))),
    }
}

/// Images and embeds: one labelled line (wrapped) with the link numbered like the text's.
fn media_lines(
    b: &Block,
    width: usize,
    th: Theme,
    links: &mut Vec<String>,
    out: &mut Vec<Line<'static>>,
) {
    match b {
        Block::Image(image) => {
            let (url, caption, alt, credit) =
                (&image.url, &image.caption, &image.alt, &image.credit);
            let text = crate::blog::image_label(caption, alt, credit);
            let mut r = vec![(text, th.image())];
            if let Some(u) = url {
                let n = crate::blog::link_numbers::media_number(links, u);
                r.push((format!(" [{n}]"), th.link_number()));
            }
            let first = Span::styled("▣ ", th.image());
            out.extend(wrap_owned(&r, width, &first, &Span::raw("  ")));
        }
        Block::Embed(embed) => {
            let Embed { kind, title, url } = &**embed;
            let mut r = vec![(
                format!("{kind}: "),
                th.meta().add_modifier(ratatui::style::Modifier::BOLD),
            )];
            r.push((
                if title.is_empty() {
                    "(untitled)".to_string()
                } else {
                    title.clone()
                },
                th.image(),
            ));
            if let Some(u) = url {
                let n = crate::blog::link_numbers::media_number(links, u);
                r.push((format!(" [{n}]"), th.link_number()));
            }
            let first = Span::styled("▶ ", th.image());
            out.extend(wrap_owned(&r, width, &first, &Span::raw("  ")));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
