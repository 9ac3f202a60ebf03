//! The one-line status bar and the "new entries above" banner.

use crate::blog::LiveState;
use crate::tui::model::{Level, Model, short};
use crate::tui::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

const SPINNER: [&str; 4] = ["◐", "◓", "◑", "◒"];

/// One piece of the bar: its text, a shorter form for a narrow bar, and how much it matters
/// (what matters least goes first when the bar is too narrow for all of it).
struct Part {
    long: String,
    short: Option<String>,
    rank: u8,
}

impl Part {
    fn new(rank: u8, long: impl Into<String>) -> Self {
        Self {
            long: long.into(),
            short: None,
            rank,
        }
    }
    fn or_short(mut self, short: impl Into<String>) -> Self {
        self.short = Some(short.into());
        self
    }
}

/// How much each piece of the bar matters. The state of the blog, the countdown and the
/// reader's position are what a narrow bar keeps.
const ESSENTIAL: u8 = 9;
const COUNTDOWN: u8 = 8;
const CLASS: u8 = 7;
/// The catch-up's first count, with when it counts from.
const COUNTS: u8 = 6;
const UPDATED: u8 = 5;
const CACHED: u8 = 4;
/// A note's parts between its first and its last.
const MIDDLE: u8 = 3;
const SOURCE: u8 = 2;
const DETAIL: u8 = 1;
/// Fewest columns worth showing of a message cut short.
const MIN_DETAIL: usize = 16;

/// `parts` joined by " · " in `width` columns. What gives way, least important first: the
/// parts below [`UPDATED`]; then the short forms of the others; then the others, but for the
/// essential ones; at worst the line is cut.
fn fit(parts: Vec<Part>, width: usize) -> String {
    let mut parts: Vec<Option<Part>> = parts.into_iter().map(Some).collect();
    let joined = |parts: &[Option<Part>]| {
        parts
            .iter()
            .flatten()
            .map(|p| p.long.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let fits = |parts: &[Option<Part>]| {
        unicode_width::UnicodeWidthStr::width(joined(parts).as_str()) <= width
    };
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Least important first; of equals, the later one.
    order.sort_by_key(|&i| {
        (
            parts[i].as_ref().map_or(0, |p| p.rank),
            std::cmp::Reverse(i),
        )
    });
    let rank = |parts: &[Option<Part>], i: usize| parts[i].as_ref().map(|p| p.rank);
    for &i in &order {
        if fits(&parts) {
            return joined(&parts);
        }
        if matches!(rank(&parts, i), Some(DETAIL | SOURCE)) {
            // A message is worth its first words, a source's name (an address) its site and
            // its end: cut where room is left rather than dropped.
            let cut = parts[i].take();
            let used = unicode_width::UnicodeWidthStr::width(joined(&parts).as_str()) + 3;
            let room = width.saturating_sub(used);
            if let Some(mut d) = cut.filter(|_| room >= MIN_DETAIL) {
                d.long = if d.rank == SOURCE {
                    crate::tui::wrap::shorten_url(&d.long, room)
                } else {
                    cut_quoted(&d.long, room).unwrap_or_else(|| short(&d.long, room))
                };
                parts[i] = Some(d);
            }
        } else if rank(&parts, i).is_some_and(|r| r < UPDATED) {
            parts[i] = None;
        }
    }
    for &i in &order {
        if fits(&parts) {
            return joined(&parts);
        }
        if let Some(part) = parts[i].as_mut()
            && let Some(short) = part.short.take()
        {
            part.long = short;
        }
    }
    for &i in &order {
        if fits(&parts) {
            break;
        }
        if rank(&parts, i).is_some_and(|r| r < ESSENTIAL) {
            parts[i] = None;
        }
    }
    // Still too wide: what is left is essential, and the line's end would be cut. A part that
    // quotes a title gives way inside its quotes instead, so that what it says of it shows.
    for i in 0..parts.len() {
        if fits(&parts) {
            break;
        }
        let Some(mut part) = parts[i].take() else {
            continue;
        };
        let others = unicode_width::UnicodeWidthStr::width(joined(&parts).as_str());
        let room = width.saturating_sub(if others > 0 { others + 3 } else { 0 });
        if let Some(cut) = cut_quoted(&part.long, room) {
            part.long = cut;
        }
        parts[i] = Some(part);
    }
    joined(&parts)
}

/// Fewest characters of a quoted title worth keeping when a message is cut inside its quotes.
const MIN_QUOTED: usize = 8;

/// `msg` in `room` columns, cut inside the first thing it quotes (a key event's title, a
/// search), so that what it says of it still shows: `"Morning opening: Make Eu…" is a key
/// event the source gives no entry for`. `None` when it quotes nothing, or too little to cut.
fn cut_quoted(msg: &str, room: usize) -> Option<String> {
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let over = width(msg).saturating_sub(room);
    let (before, rest) = msg.split_once('"')?;
    let (inside, after) = rest.split_once('"')?;
    let keep = inside.chars().count().checked_sub(over)?;
    let cut = format!("{before}\"{}\"{after}", short(inside, keep));
    (keep >= MIN_QUOTED && width(&cut) <= room).then_some(cut)
}

/// Below this width the bar leaves out the source's kind and keeps the key hints short.
const NARROW: usize = 70;

/// Said while the entries on screen were guessed from the page's layout rather than marked up.
pub const GUESSED: &str = "guessed entries";

/// Below this width the bar keeps the key hints off, and what it says may not fit beside the
/// badges and the position (see [`narrow`]).
const TINY: usize = 40;

/// Fewest columns worth showing of what the bar says cut short; below, it goes whole and the
/// bar keeps the state and the position, since the first letters of a note, a countdown cut
/// ("next 4…") or a class ("⚠ 5…") mislead more than they tell.
const MIN_CUT: usize = 10;

pub fn draw(buf: &mut Buffer, area: Rect, model: &Model) {
    let th = model.theme;
    let width = usize::from(area.width);
    let mut bar = compose(model, width, true);
    // What the bar says (a note answering a key, a countdown), whole or at least not cut
    // away, before the word LIVE: its dot says as much.
    let says = |bar: &Bar| bar.left.last().is_some_and(|s| s.width() > 0);
    if width < TINY && (!bar.fits || !says(&bar)) {
        let with_dot = compose(model, width, false);
        if says(&with_dot) && (with_dot.fits || bar.room < MIN_CUT && with_dot.room >= MIN_CUT) {
            bar = with_dot;
        }
    }
    // A failure the bar has no room to say is still marked (see `narrow`).
    let failure_lost =
        model.status.error.is_some() && !bar.left.iter().any(|s| s.content.contains('⚠'));
    if width < TINY && (!bar.fits && bar.room < MIN_CUT || failure_lost) {
        bar = narrow(model, width);
    }
    let (left, right) = (bar.left, bar.right);
    buf.set_style(area, th.status());
    let right_w: usize = right.iter().map(Span::width).sum();
    if right_w + 10 <= width || bar.fits {
        let l = truncate(left, width.saturating_sub(right_w + 1));
        super::cells::set_line(buf, area.x, area.y, &l, area.width);
        #[expect(
            clippy::cast_possible_truncation,
            reason = "right_w ≤ width ≤ u16::MAX"
        )]
        super::cells::set_line(
            buf,
            area.x + (width - right_w) as u16,
            area.y,
            &Line::from(right),
            right_w as u16,
        );
    } else {
        super::cells::set_line(buf, area.x, area.y, &truncate(left, width), area.width);
    }
}

/// The bar's two ends, whether what it says fits beside the badges and the position, and the
/// columns it had for it.
struct Bar {
    left: Vec<Span<'static>>,
    right: Vec<Span<'static>>,
    fits: bool,
    room: usize,
}

/// The bar in `width` columns, its state badge with the word LIVE or only its dot.
fn compose(model: &Model, width: usize, live_word: bool) -> Bar {
    let th = model.theme;
    let st = &model.status;
    let mut left = badges(model, width, live_word);
    let mut right: Vec<Span<'static>> = Vec::new();
    if let Some((i, n)) = model.position() {
        right.push(Span::styled(format!("{i}/{n} "), th.meta()));
    }
    let key =
        |a: &crate::tui::action::Action, or: &'static str| model.keymap.key_for(a).unwrap_or(or);
    let help = key(&crate::tui::action::Action::ToggleHelp, "?");
    let quit = key(&crate::tui::action::Action::Quit, "q");
    // A note says what it is about first and what to press last: the key hints, always there
    // to read, give way when the bar has no room for those two.
    let note_w = st
        .message
        .as_ref()
        .filter(|_| model.filter().typing.is_none() && model.search().is_none_or(|s| !s.typing))
        .map_or(0, |(m, _)| note_ends_width(m));
    let badges_w: usize = left.iter().map(Span::width).sum();
    let position_w = right.iter().map(Span::width).sum::<usize>();
    let hints = |h: &str| {
        let w = unicode_width::UnicodeWidthStr::width(h);
        width.saturating_sub(position_w + w + badges_w + 1) >= note_w
    };
    let both = format!("{help} help  {quit} quit ");
    let one = format!("{help} help ");
    if width >= 48 && hints(&both) {
        right.push(Span::styled(both, th.meta()));
    } else if width >= TINY && hints(&one) {
        right.push(Span::styled(one, th.meta()));
    }
    let right_w: usize = right.iter().map(Span::width).sum();
    let room = width.saturating_sub(right_w + badges_w + 1);
    let said = saying(model, room);
    let fits = said.width() <= room && right_w + badges_w < width;
    left.push(said);
    Bar {
        left,
        right,
        fits,
        room,
    }
}

/// The bar too narrow for what it says (see [`MIN_CUT`]): what matters most that fits, the
/// reader's position first, then the blog's state beside it, `● LIVE` or at least its dot;
/// the dot never alone, where it would say nothing.
fn narrow(model: &Model, width: usize) -> Bar {
    let th = model.theme;
    let at = model.position().map(|(i, n)| format!("{i}/{n}"));
    let at_w = at
        .as_deref()
        .map_or(0, unicode_width::UnicodeWidthStr::width);
    // The position, with the space the bar ends with when there is room for it.
    let right = |room: usize| match &at {
        Some(at) if at_w < room => vec![Span::styled(format!("{at} "), th.meta())],
        Some(at) if at_w == room => vec![Span::styled(at.clone(), th.meta())],
        _ => Vec::new(),
    };
    // A blog failing to refresh keeps its `⚠` beside the state, with its class where there is
    // room (`⚠ 500`), before the word LIVE, and alone if need be: on screen is not what the
    // source has now.
    let with_warn = |mut badges: Vec<Span<'static>>, class: bool| {
        let st = &model.status;
        let warn = if class {
            let part = class_part(st, CLASS);
            format!(" {} ", part.short.unwrap_or(part.long))
        } else {
            " ⚠ ".to_string()
        };
        badges.push(Span::styled(warn, th.error()));
        badges
    };
    // Each with whether it says something without the position beside it: all but the bare
    // dot.
    let mut tries: Vec<(Vec<Span<'static>>, bool)> = Vec::new();
    if model.status.error.is_some() {
        tries.push((with_warn(state_badges(model, true), true), true));
        tries.push((with_warn(state_badges(model, false), true), true));
        tries.push((with_warn(state_badges(model, false), false), true));
        tries.push((with_warn(Vec::new(), false), true));
    }
    tries.push((state_badges(model, true), true));
    tries.push((state_badges(model, false), false));
    for (left, says_alone) in tries {
        let left_w: usize = left.iter().map(Span::width).sum();
        if left_w == 0 || (!says_alone && at.is_none()) || left_w + 1 + at_w > width {
            continue;
        }
        return Bar {
            left,
            right: right(width - left_w - 1),
            fits: true,
            room: 0,
        };
    }
    Bar {
        left: Vec::new(),
        right: right(width),
        fits: true,
        room: 0,
    }
}

/// The badges the bar starts with: the source's kind, the blog's state, pause and fetch.
fn badges(model: &Model, width: usize, live_word: bool) -> Vec<Span<'static>> {
    let th = model.theme;
    let st = &model.status;
    let mut left: Vec<Span<'static>> = Vec::new();
    if let Some(kind) = st.source_kind.as_ref().filter(|_| width >= NARROW) {
        left.push(Span::styled(format!(" {kind} "), th.badge_ended()));
        left.push(Span::raw(" "));
    }
    left.extend(state_badges(model, live_word));
    if st.fetching {
        // Turns with the clock's tick (once a second while live); no timer of its own.
        let n = model.now().map_or(0, |t| {
            usize::try_from(t.as_second().rem_euclid(4)).unwrap_or(0)
        });
        left.push(Span::raw(format!(" {}", SPINNER[n])));
    }
    left.push(Span::raw(" "));
    left
}

/// The blog's state as badges: live (`● LIVE`, or its dot alone where `live_word` is not), ended,
/// paused.
fn state_badges(model: &Model, live_word: bool) -> Vec<Span<'static>> {
    let th = model.theme;
    let st = &model.status;
    let mut left = Vec::new();
    // LIVE only while following: a saved file that was live when saved is not live now.
    match model.blog.state {
        LiveState::Live if st.following => left.push(Span::styled(
            if live_word { " ● LIVE " } else { " ● " },
            th.badge_live(),
        )),
        LiveState::Ended => left.push(Span::styled(" ENDED ", th.badge_ended())),
        _ => {}
    }
    if st.paused {
        left.push(Span::styled(" PAUSED ", th.badge_ended()));
    }
    left
}

/// What the bar says in `room` columns: the filter or search being typed, a note, a failure,
/// else how the blog is kept fresh.
fn saying(model: &Model, room: usize) -> Span<'static> {
    let th = model.theme;
    let st = &model.status;
    if let Some(typed) = &model.filter().typing {
        let hint = match &model.filter().word {
            Some(word) if typed.is_empty() => {
                format!(
                    "Enter: every entry again · Esc: keep \"{}\"",
                    short(word, 30)
                )
            }
            _ => "Enter: only entries with it · Esc: cancel".to_string(),
        };
        Span::styled(prompt('&', typed, &hint, room), th.text())
    } else if let Some(s) = model.search().filter(|s| s.typing || st.message.is_none()) {
        Span::styled(search_text(model, s, room), th.text())
    } else if let Some((msg, level)) = &st.message {
        let style = if *level == Level::Error {
            th.error()
        } else {
            th.text()
        };
        Span::styled(fit(message_parts(model, msg), room), style)
    } else if let Some(err) = &st.error {
        Span::styled(fit(error_parts(model, err), room), th.error())
    } else {
        Span::styled(fit(quiet_parts(model), room), th.meta())
    }
}

/// The width of what a note keeps however narrow the bar: its first and last parts.
fn note_ends_width(msg: &str) -> usize {
    let width = unicode_width::UnicodeWidthStr::width;
    match msg.split_once(" · ") {
        Some((first, rest)) => {
            width(first) + 3 + width(rest.rsplit_once(" · ").map_or(rest, |(_, last)| last))
        }
        None => width(msg),
    }
}

/// A note's parts for [`fit`]. One too long loses its middle parts, the last first, not its
/// ends: a note's last part is what to press, its first what it is about, and the parts between
/// come by weight (`since 14:00: 7 new · 2 key events · c to catch up` without its `· 3
/// edited`; the list `c` opens has them all).
/// A note on show, after the class of a source's failure if one is failing: the note says
/// something else, and the failure stays in sight beside it.
fn message_parts(model: &Model, msg: &str) -> Vec<Part> {
    let st = &model.status;
    let mut parts = Vec::new();
    if st.error.is_some() {
        parts.push(class_part(st, ESSENTIAL));
    }
    parts.extend(note_parts(msg, model.catch_up_line.as_deref()));
    parts
}

/// A note's parts: its first and last essential, the parts between by weight. The catch-up
/// line's first part says when and the first count (`since 14:00: 7 new`): it gives way after
/// the other counts, to when alone and then altogether, before what to press.
fn note_parts(msg: &str, catch_up: Option<&str>) -> Vec<Part> {
    let head = catch_up
        .filter(|line| msg.contains(line))
        .and_then(|line| line.split(" · ").next());
    let parts: Vec<&str> = msg.split(" · ").collect();
    let last = parts.len() - 1;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| match head.filter(|&h| h == p && i != last) {
            Some(h) => {
                let part = Part::new(COUNTS, p);
                match h.rsplit_once(": ") {
                    Some((when, _)) => part.or_short(when),
                    None => part,
                }
            }
            None if i == 0 || i == last => Part::new(ESSENTIAL, p),
            None => Part::new(MIDDLE, p),
        })
        .collect()
}

/// A prompt (`/` or `&`) with what is typed, the cursor and `hint` after, in `room` columns.
/// The line is cut at its end when too long, so what is typed longer than the room keeps its
/// end: the words being typed and the cursor stay in sight, as in a shell's line editor.
fn prompt(sigil: char, typed: &str, hint: &str, room: usize) -> String {
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let bare = format!("{sigil}{typed}▏");
    if width(&bare) <= room {
        return format!("{bare} {hint}");
    }
    // The sigil, `…` and the cursor take a column each.
    let mut left = room.saturating_sub(3);
    let mut start = typed.len();
    for (i, c) in typed.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w > left {
            break;
        }
        left -= w;
        start = i;
    }
    format!("{sigil}…{}▏", &typed[start..])
}

/// The search: the prompt while typing, else where the reader is among the matches.
fn search_text(model: &Model, s: &crate::tui::model::SearchState, room: usize) -> String {
    let n = s.matches.len();
    let count = match n {
        0 if s.query.is_empty() => String::new(),
        0 => "no match".to_string(),
        1 => "1 entry matches".to_string(),
        n => format!("{n} entries match"),
    };
    let last = model.search_last();
    if s.typing && s.query.is_empty() && !last.is_empty() {
        format!("/▏ Enter: \"{}\" again", short(last, 30))
    } else if s.typing {
        prompt('/', &s.query, &count, room)
    } else {
        let at = model.search_position().map_or(String::new(), |(at, of)| {
            if at > 0 {
                format!("{at}/{of} · ")
            } else {
                String::new()
            }
        });
        let wrapped = match model.search_wrapped() {
            Some(true) => "past the end, back at the top · ",
            Some(false) => "past the top, back at the end · ",
            None => "",
        };
        format!(
            "\"{}\" {at}{wrapped}{count} · n/N next/previous · Esc clears",
            s.query
        )
    }
}

/// The message of a failed refresh without what the bar already says: the address (the
/// source's name is the bar's own, and the log has the address) and the class in brackets.
fn detail(err: &str, class: &str) -> String {
    let mut d = err;
    // `"https://…": what failed` → `what failed`.
    if let Some(rest) = d.strip_prefix('"')
        && let Some(end) = rest.find("\": ")
        && rest[..end].contains("://")
    {
        d = &rest[end + 3..];
    }
    // The class is said first already: "could not connect: connection refused; check the
    // address" → "could not connect: check the address".
    d.replace(&format!(" ({class})"), "")
        .replace(&format!("{class}; "), "")
}

/// The class of the failure said, of `rank`. Its short form keeps the class, so that a narrow
/// bar still says how it failed ("HTTP 503"): without "HTTP " for one blog, and without the
/// blogs' names for several, which would leave the bar no room for it.
fn class_part(st: &crate::tui::model::StatusState, rank: u8) -> Part {
    let class = st.error_class.as_deref().unwrap_or("refresh failed");
    let short = match &st.said_class {
        Some(said) => format!("⚠ {said}"),
        None => format!("⚠ {}", class.trim_start_matches("HTTP ")),
    };
    Part::new(rank, format!("⚠ {class}")).or_short(short)
}

/// A failed refresh: what failed and when the next try is come first; when it failed, what is
/// on screen and the whole message after.
fn error_parts(model: &Model, err: &str) -> Vec<Part> {
    let st = &model.status;
    let tz = &model.cache.context().tz;
    let class = st.error_class.as_deref().unwrap_or("refresh failed");
    let mut parts = filter_parts(model);
    parts.push(class_part(st, CLASS));
    if let Some(t) = st.last_check {
        let when = crate::tui::entry_layout::local_time(crate::blog::Stamp::utc(t), tz, None);
        parts.push(Part::new(DETAIL + 1, format!("at {when}")));
    }
    if let (Some(next), Some(now)) = (st.next_poll, model.now()) {
        let secs = (next.as_second() - now.as_second()).max(0);
        parts.push(
            Part::new(COUNTDOWN, format!("next try in {secs}s")).or_short(format!("retry {secs}s")),
        );
    }
    // What is on screen is the kept copy: say from when.
    if let Some(t) = st.copy_shown() {
        let when = crate::blog::wall_clock(t, tz, model.now());
        parts.push(
            Part::new(CACHED, format!("showing the copy of {when}"))
                .or_short(format!("copy {when}")),
        );
    }
    // Among several blogs the class is said with their names: the message repeats the
    // failing one's own.
    let said = st.said_class.as_deref().unwrap_or(class);
    parts.push(Part::new(DETAIL, detail(err, said)));
    parts
}

/// The filters in force: the bar always says the pane is narrowed.
fn filter_parts(model: &Model) -> Vec<Part> {
    let mut parts = Vec::new();
    if model.key_only() {
        parts.push(Part::new(ESSENTIAL, "KEY EVENTS ONLY").or_short("KEY ONLY"));
    }
    let f = model.filter();
    if let Some(w) = &f.word {
        let w = crate::tui::model::short(w, 24);
        parts.push(Part::new(ESSENTIAL, format!("ONLY \"{w}\"")).or_short(format!("&{w}")));
    }
    if let Some(a) = &f.author {
        let a = crate::tui::model::short(a, 24);
        parts.push(Part::new(ESSENTIAL, format!("BY {a}")));
    }
    parts
}

/// How often checks come: "10 s", or "10–15 s" when blogs read together are each checked at
/// their own pace.
fn pace(least: std::time::Duration, most: std::time::Duration) -> String {
    let (a, b) = (crate::live::human(least), crate::live::human(most));
    if a == b {
        return a;
    }
    match (a.split_once(' '), b.split_once(' ')) {
        (Some((x, unit)), Some((y, same))) if unit == same => format!("{x}–{y} {unit}"),
        _ => format!("{a} to {b}"),
    }
}

/// All is well: the countdown, when the blog last changed, and the source's name.
fn quiet_parts(model: &Model) -> Vec<Part> {
    let st = &model.status;
    let mut parts = filter_parts(model);
    let tz = &model.cache.context().tz;
    if let Some(t) = st.copy_shown() {
        let when = crate::blog::wall_clock(t, tz, model.now());
        parts.push(Part::new(CACHED, format!("cached {when}")));
    }
    if let (Some(t), Some(now)) = (st.last_update, model.now()) {
        parts.push(Part::new(
            UPDATED,
            format!("updated {}", updated_ago(t, now, tz)),
        ));
    }
    if let (Some(next), Some(now), false) = (st.next_poll, model.now(), st.paused) {
        let secs = (next.as_second() - now.as_second()).max(0);
        // An ended blog is checked only when asked: no pace to say.
        let every = st
            .every
            .filter(|_| model.blog.state != LiveState::Ended)
            .map_or(String::new(), |(least, most)| {
                format!(" (every {})", pace(least, most))
            });
        parts.push(
            Part::new(COUNTDOWN, format!("next check in {secs}s{every}"))
                .or_short(format!("next {secs}s")),
        );
    } else if st.following && model.blog.state == LiveState::Ended {
        // The view's state: with several blogs, every one of them has ended.
        let ended = if model.shows_several() {
            "every blog has ended: no more checks"
        } else {
            "the blog has ended: no more checks"
        };
        parts.push(Part::new(COUNTDOWN, ended).or_short("no more checks"));
    }
    if model.blog.extracted == crate::blog::Extraction::Heuristic {
        parts.push(Part::new(UPDATED + 1, GUESSED).or_short("guessed"));
    }
    // Said at the start until a key; then here, for as long as it holds.
    if !st.held_by_another.is_empty() {
        parts.push(
            Part::new(UPDATED + 1, "another liveblog keeps the place").or_short("kept elsewhere"),
        );
    }
    parts.push(Part::new(SOURCE, model.source_label()));
    parts
}

/// How long ago the refresh at `t` brought news, by the time gone: the moment of a refresh is
/// exact, unlike an entry's `HH:MM`, so its first hour is counted in whole minutes since it
/// ("just now" for 59 s), not in turns of the clock's minute, which called a refresh of 13:05:58
/// "1 min ago" at 13:06:01. Past the hour, as entries' times are ([`relative`]).
///
/// [`relative`]: crate::tui::entry_layout::relative
fn updated_ago(t: jiff::Timestamp, now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    match now.as_second() - t.as_second() {
        0..=59 => "just now".into(),
        secs @ 60..=3599 => format!("{} min ago", secs / 60),
        _ => crate::tui::entry_layout::relative(crate::blog::Stamp::utc(t), now, tz),
    }
}

pub fn draw_banner(buf: &mut Buffer, area: Rect, model: &Model) {
    let th = model.theme;
    let key = model
        .keymap
        .key_for(&crate::tui::action::Action::JumpToNew)
        .unwrap_or("g");
    let n = model.new_above;
    let text = format!(
        " {} {n} {} {} {} · press {key} to read {} ",
        if model.new_below() { "↓" } else { "↑" },
        model.new_word(),
        if n == 1 { "entry" } else { "entries" },
        if model.new_below() {
            "below the pinned post"
        } else {
            "above"
        },
        if n == 1 { "it" } else { "them" }
    );
    buf.set_style(area, th.banner());
    super::cells::set_line(
        buf,
        area.x,
        area.y,
        &truncate(vec![Span::styled(text, th.banner())], area.width.into()),
        area.width,
    );
}
