//! Each pane drawn on a `Buffer` of its own, with the styles checked cell by cell: a snapshot of
//! symbols alone would miss a wrong colour, and these say which mark carries which meaning.

use super::{entries, header, sidebar, status};
use crate::blog::{Block, Entry, KeyEvent, LiveBlog, LiveState};
use crate::live::Event;
use crate::tui::action::Action;
use crate::tui::model::{Model, ReaderOptions};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn blog() -> LiveBlog {
    let entries: Vec<Entry> = (0..6)
        .rev()
        .map(|i| Entry {
            id: format!("e{i}"),
            title: Some(format!("Entry {i}")),
            key_event: i % 2 == 0,
            body: vec![Block::text(format!("Body {i}."))],
            ..Entry::default()
        })
        .collect();
    live_blog("Panes", entries)
}

/// A live blog of `entries`, its key events those of them that are one.
fn live_blog(title: &str, entries: Vec<Entry>) -> LiveBlog {
    let key_events = entries
        .iter()
        .filter(|e| e.key_event)
        .map(|e| KeyEvent {
            title: e.title.clone().unwrap_or_default(),
            entry_id: Some(e.id.clone()),
            published: None,
        })
        .collect();
    LiveBlog {
        title: title.into(),
        state: LiveState::Live,
        entries,
        key_events,
        ..LiveBlog::default()
    }
}

fn model() -> Model {
    let opts = ReaderOptions {
        following: true,
        ..ReaderOptions::new("t", Theme::new(true), jiff::tz::TimeZone::UTC, (100, 30))
    };
    Model::new(blog(), opts)
}

fn pane(area: Rect, draw: impl FnOnce(&mut Buffer, Rect)) -> Buffer {
    let mut buf = Buffer::empty(area);
    draw(&mut buf, area);
    buf
}

fn row(buf: &Buffer, y: u16) -> String {
    (buf.area.x..buf.area.right())
        .map(|x| buf[(x, y)].symbol())
        .collect()
}

#[test]
fn the_sidebar_marks_the_current_key_event_with_an_arrow_in_the_current_style() {
    let mut m = model();
    m.update(Action::NextKeyEvent);
    let area = m.panes.sidebar.expect("a sidebar at 100 columns");
    let buf = pane(area, |b, a| sidebar::draw(b, a, &m));
    let th = m.theme;
    // The reader is at the newest key event: the first item, on the first row below the border.
    let y = area.y + 1;
    let x = area.x;
    assert_eq!(buf[(x, y)].symbol(), "▶");
    assert_eq!(buf[(x, y)].fg, th.current().fg.unwrap());
    assert!(row(&buf, y).contains("Entry 4"), "{}", row(&buf, y));
    // The next item has a bullet, in the text style.
    assert_eq!(buf[(x, y + 1)].symbol(), "•");
    assert_ne!(buf[(x, y + 1)].fg, th.current().fg.unwrap());
}

#[test]
fn the_entry_gutter_marks_key_events_and_unread_entries_by_shape_and_colour() {
    let mut m = model();
    // A refresh brings a new entry to a reader at the top: it shows, marked until a key is
    // pressed with it on screen.
    let mut fresh = blog();
    fresh.entries.insert(
        0,
        Entry {
            id: "new".into(),
            title: Some("Fresh".into()),
            ..Entry::default()
        },
    );
    m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(fresh),
            at: jiff::Timestamp::UNIX_EPOCH,
        },
    ));
    let area = m.panes.entries;
    let buf = pane(area, |b, a| entries::draw(b, a, &m, &mut Vec::new()));
    let th = m.theme;
    let (x, y) = (area.x, area.y);
    assert_eq!(buf[(x, y)].symbol(), "●", "the new entry's first line");
    assert_eq!(buf[(x, y)].fg, th.unread().fg.unwrap());
    let key_row = (area.y..area.bottom())
        .find(|&r| row(&buf, r).contains("Entry 4"))
        .expect("the key event is on screen");
    assert_eq!(buf[(x, key_row)].symbol(), "▌");
    assert_eq!(buf[(x, key_row)].fg, th.key_event().fg.unwrap());
    let plain_row = (area.y..area.bottom())
        .find(|&r| row(&buf, r).contains("Entry 5"))
        .expect("a plain entry is on screen");
    assert_eq!(
        buf[(x, plain_row)].symbol(),
        " ",
        "no mark on a plain entry"
    );
}

#[test]
fn the_status_bar_says_live_in_words_and_in_the_live_badge_style() {
    let m = model();
    let area = m.panes.status;
    let buf = pane(area, |b, a| status::draw(b, a, &m));
    let text = row(&buf, area.y);
    let at = text.find("LIVE").expect("LIVE in the status bar");
    let x = area.x + u16::try_from(text[..at].chars().count()).unwrap();
    assert_eq!(buf[(x, area.y)].bg, m.theme.badge_live().bg.unwrap());
}

/// A reader at `width` columns whose last refresh failed with a 500 and whose next try is 42 s
/// away, on a blog it follows.
#[test]
fn a_refused_connection_is_said_once() {
    let mut m = failing_at(160);
    let at = jiff::Timestamp::from_second(1_700_000_001).unwrap();
    m.update(Action::Live(
        0,
        Event::Failed {
            class: "connection refused".into(),
            error: "\"http://127.0.0.1:18408/feed.xml\": could not connect: connection refused; \
                    check the address and your network"
                .into(),
            at,
            retry_in: Some(std::time::Duration::from_secs(8)),
        },
    ));
    let bar = status_row(&m);
    assert_eq!(bar.matches("connection refused").count(), 1, "{bar}");
    assert!(
        bar.contains("could not connect: check the address and your network"),
        "{bar}"
    );
}

fn failing_at(width: u16) -> Model {
    let opts = ReaderOptions {
        following: true,
        source_kind: Some("HTML page".into()),
        ..ReaderOptions::new(
            "live.example.com",
            Theme::new(true),
            jiff::tz::TimeZone::UTC,
            (width, 20),
        )
    };
    let mut m = Model::new(blog(), opts);
    let at = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    m.update(Action::Tick(at));
    m.update(Action::Live(
        0,
        Event::Failed {
            class: "HTTP 500".into(),
            error: "\"https://live.example.com/2025/feb/17/a-long-path-to-the-live-blog\": \
                    server error (HTTP 500); it will be retried"
                .into(),
            at,
            retry_in: Some(std::time::Duration::from_secs(42)),
        },
    ));
    m.update(Action::Live(
        0,
        Event::Scheduled {
            at: Some(at + jiff::SignedDuration::from_secs(42)),
        },
    ));
    m
}

fn status_row(m: &Model) -> String {
    let area = m.panes.status;
    let buf = pane(area, |b, a| status::draw(b, a, m));
    row(&buf, area.y)
}

#[test]
fn a_narrow_status_bar_keeps_the_state_the_countdown_and_the_position() {
    let bar = status_row(&failing_at(50));
    assert!(bar.contains("● LIVE"), "{bar}");
    assert!(bar.contains("⚠ 500"), "{bar}");
    assert!(bar.contains("42s"), "the countdown: {bar}");
    assert!(bar.contains("1/6"), "the position: {bar}");
    assert!(!bar.contains("https://"), "no address: {bar}");
    let bar = status_row(&failing_at(38));
    assert!(
        bar.contains("●") && bar.contains("42s") && bar.contains("1/6"),
        "{bar}"
    );
}

/// The bar of `m` drawn in the first `width` columns of a row 50 wide filled with `x`: what
/// it draws past its width stays in sight.
fn bar_in(m: &Model, width: u16) -> String {
    let mut buf = Buffer::filled(Rect::new(0, 0, 50, 1), ratatui::buffer::Cell::new("x"));
    status::draw(&mut buf, Rect::new(0, 0, width, 1), m);
    row(&buf, 0)
}

/// However narrow, the bar keeps what matters most that fits, in order: the position, then the
/// blog's state beside it (`● LIVE`, or its dot where the word does not fit; a failure's `⚠`
/// before either), then what it says whole or cut at ten columns at least, for which the word
/// LIVE gives way to its dot. Never a bare `●`, a cut position or a lone `…`.
#[test]
fn a_narrow_status_bar_keeps_the_most_important_parts_that_fit() {
    let at = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    let scheduled = || {
        let mut m = model();
        m.update(Action::Tick(at));
        let next = Some(at + jiff::SignedDuration::from_secs(42));
        m.update(Action::Live(0, Event::Scheduled { at: next }));
        m
    };
    let quiet = scheduled();
    let mut noted = scheduled();
    noted.update(Action::Refresh);
    for (name, m) in [
        ("quiet", &quiet),
        ("noted", &noted),
        ("failing", &failing_at(100)),
    ] {
        for width in 1..=40u16 {
            let full = bar_in(m, width);
            let w = usize::from(width);
            let (bar, past): (String, String) = (
                full.chars().take(w).collect(),
                full.chars().skip(w).collect(),
            );
            let said = format!("{name} at {width}: {bar:?}");
            assert_eq!(past, "x".repeat(50 - w), "nothing past the bar: {said}");
            assert!(!bar.contains('…') || bar.contains("1/6"), "{said}");
            assert_eq!(bar.contains("1/6"), w >= 3, "the position: {said}");
            if name == "failing" {
                // The failure's mark first, then the dot, its class and the word.
                assert_eq!(bar.contains('⚠'), w >= 7, "the failure: {said}");
                assert_eq!(bar.contains('●'), w >= 10, "the live dot: {said}");
                assert_eq!(bar.contains("⚠ 500"), w >= 14, "its class: {said}");
                assert_eq!(bar.contains("● LIVE"), w >= 19, "the live word: {said}");
                continue;
            }
            assert!(bar.contains('●') == (w >= 7), "the live dot: {said}");
            // The word LIVE where nothing more fits, and gives way to what the bar says
            // (its dot says as much) until both fit.
            let (says, whole_from, both_from) = match name {
                "quiet" => ("42s", 17, 22),
                _ => ("Checking now…", 22, 27),
            };
            let live_word = (12..whole_from.min(19)).contains(&w) || w >= both_from;
            assert_eq!(bar.contains("● LIVE"), live_word, "the live word: {said}");
            assert_eq!(bar.contains(says), w >= whole_from, "what it says: {said}");
            if let Some((_, said_part)) = bar.split_once("LIVE ") {
                // What it says, whole or cut at ten columns at least.
                let text = said_part.trim().trim_end_matches("1/6").trim();
                let cut = text.ends_with('…');
                assert!(!cut || text.chars().count() >= 10, "{said}");
            }
        }
    }
    assert!(
        bar_in(&quiet, 22).contains("next 42s"),
        "{}",
        bar_in(&quiet, 22)
    );
    assert!(
        bar_in(&noted, 27).contains("Checking now…"),
        "{}",
        bar_in(&noted, 27)
    );
}

#[test]
fn a_wide_status_bar_says_the_failure_once_and_without_the_address() {
    let bar = status_row(&failing_at(160));
    assert_eq!(bar.matches("HTTP 500").count(), 1, "{bar}");
    assert!(bar.contains("next try in 42s"), "{bar}");
    assert!(bar.contains("server error; it will be retried"), "{bar}");
    assert!(!bar.contains("live.example.com/2025"), "{bar}");
    assert!(bar.contains(" HTML page "), "{bar}");
}

#[test]
fn the_status_bar_says_when_the_entries_were_guessed_and_not_otherwise() {
    let m = model();
    let area = m.panes.status;
    let plain = row(&pane(area, |b, a| status::draw(b, a, &m)), area.y);
    assert!(!plain.contains(status::GUESSED), "{plain}");
    let mut b = blog();
    b.extracted = crate::blog::Extraction::Heuristic;
    let opts = ReaderOptions {
        following: true,
        ..ReaderOptions::new("t", Theme::new(true), jiff::tz::TimeZone::UTC, (100, 30))
    };
    let m = Model::new(b, opts);
    let text = row(&pane(area, |b, a| status::draw(b, a, &m)), area.y);
    assert!(text.contains("guessed entries"), "{text}");
}

/// Draws the model's frame keeping what `drawn` holds, checks it is the frame drawn afresh,
/// and returns it.
fn kept_is_fresh(m: &Model, drawn: &mut super::Drawn, label: &str) -> Buffer {
    let area = Rect::new(0, 0, m.size.0, m.size.1);
    let mut kept = Buffer::empty(area);
    super::render_keeping(&mut kept, m, drawn);
    let mut fresh = Buffer::empty(area);
    super::render(&mut fresh, m);
    assert_eq!(kept, fresh, "after {label}");
    fresh
}

/// Frames drawn keeping what the frame before drew are the frames drawn afresh, whatever
/// changed the sidebar in between: moving through it, focus, scrolling the entries, a resize,
/// a new version of the blog with another key event, a narrower sidebar, hiding it.
#[test]
fn a_frame_that_copies_the_sidebar_drawn_before_is_the_frame_drawn_afresh() {
    let mut m = model();
    let mut drawn = super::Drawn::default();
    let mut newer = blog();
    newer.entries.insert(
        0,
        Entry {
            id: "e9".into(),
            title: Some("Entry 9".into()),
            key_event: true,
            body: vec![Block::text("Body 9.")],
            ..Entry::default()
        },
    );
    newer.key_events.insert(
        0,
        KeyEvent {
            title: "Entry 9".into(),
            entry_id: Some("e9".into()),
            published: None,
        },
    );
    let at = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    let steps = [
        Action::ScrollDown,
        Action::NextKeyEvent,
        Action::PageDown,
        Action::FocusSidebar,
        Action::ScrollDown,
        Action::ScrollDown,
        Action::FocusEntries,
        Action::Resize {
            width: 90,
            height: 24,
        },
        Action::Live(
            0,
            Event::Loaded {
                blog: Box::new(newer),
                at,
            },
        ),
        Action::SidebarNarrower,
        Action::PrevKeyEvent,
        Action::ToggleSidebar,
        Action::ToggleSidebar,
        Action::ToggleHelp,
    ];
    let mut changed = 0;
    let mut before: Option<Buffer> = None;
    for step in steps {
        let label = format!("{step:?}");
        m.update(step);
        let fresh = kept_is_fresh(&m, &mut drawn, &label);
        changed += usize::from(before.is_some_and(|b| b != fresh));
        before = Some(fresh);
    }
    assert!(changed >= 10, "the steps change the screen: {changed}");
}

/// The same over a long list that scrolls: the key event the reader is under moves as the
/// entries scroll, and the selection as the sidebar is moved through, most of the time with
/// the list where it was, so that only the marked items' rows are drawn again.
#[test]
fn a_sidebar_that_redraws_only_the_marked_items_is_the_sidebar_drawn_afresh() {
    let long = "a key event whose title wraps over two or three lines of the sidebar";
    let entries: Vec<Entry> = (0..90)
        .rev()
        .map(|i| Entry {
            id: format!("e{i}"),
            title: (i % 3 == 0).then(|| format!("Entry {i}: {}", &long[..(i * 7) % long.len()])),
            key_event: i % 3 == 0,
            body: vec![Block::text(format!(
                "Body {i}, long enough to wrap once or twice at this width: {long}."
            ))],
            ..Entry::default()
        })
        .collect();
    let mut m = Model::new(
        live_blog("Long", entries),
        ReaderOptions::new("t", Theme::new(true), jiff::tz::TimeZone::UTC, (80, 20)),
    );
    let mut steps = Vec::new();
    steps.extend(std::iter::repeat_n(Action::PageDown, 12));
    steps.extend(std::iter::repeat_n(Action::ScrollDown, 9));
    steps.extend(std::iter::repeat_n(Action::NextKeyEvent, 6));
    steps.push(Action::FocusSidebar);
    steps.extend(std::iter::repeat_n(Action::ScrollDown, 25));
    steps.extend(std::iter::repeat_n(Action::ScrollUp, 4));
    steps.push(Action::FocusEntries);
    steps.extend(std::iter::repeat_n(Action::PrevKeyEvent, 5));
    steps.extend(std::iter::repeat_n(Action::PageUp, 8));
    steps.push(Action::Top);
    let mut drawn = super::Drawn::default();
    for (k, step) in steps.into_iter().enumerate() {
        let label = format!("step {k}, {step:?}");
        m.update(step);
        kept_is_fresh(&m, &mut drawn, &label);
    }
    let partial = drawn.sidebar.redrawn_marks;
    assert!(partial >= 12, "many steps move a mark alone: {partial}");
}

#[test]
fn a_standfirst_cut_short_ends_with_one_ellipsis() {
    let long = "Starmer insists that any guarantees offered to Ukraine must include a US \
                backstop as he says that is the only way to effectively deter Russia from \
                future attacks again, whatever the others decide.";
    for width in 20..80 {
        let mut b = blog();
        b.standfirst = long.into();
        let m = Model::new(
            b,
            ReaderOptions::new("t", Theme::new(true), jiff::tz::TimeZone::UTC, (width, 30)),
        );
        let buf = pane(Rect::new(0, 0, width, 3), |buf, area| {
            header::draw(buf, area, &m);
        });
        let last = row(&buf, 2);
        let shown = last.trim_end();
        assert!(shown.ends_with('…'), "{width}: {last:?}");
        assert_eq!(shown.matches('…').count(), 1, "{width}: {last:?}");
        assert!(!shown.ends_with(" …"), "{width}: {last:?}");
    }
}

/// A blog without a title is named by what it was opened from, as its dump is, not a blank row.
#[test]
fn a_blog_without_a_title_is_headed_by_its_source() {
    let mut b = blog();
    b.title = String::new();
    let opts = ReaderOptions::new(
        "lists.html",
        Theme::new(true),
        jiff::tz::TimeZone::UTC,
        (100, 30),
    );
    let m = Model::new(b, opts);
    let area = Rect::new(0, 0, 40, 1);
    let buf = pane(area, |buf, area| header::draw(buf, area, &m));
    let row: String = (0..area.width).map(|x| buf[(x, 0)].symbol()).collect();
    assert_eq!(row.trim_end(), " lists.html");
    assert_eq!(m.window_title(), "lists.html");
}

/// Key events of another day than the newest one's say their date, and of another year their
/// year: a blog of several days reads in order.
#[test]
fn the_sidebar_dates_the_key_events_of_other_days() {
    let at = |s: &str| crate::blog::Stamp::parse(s);
    let mut b = blog();
    for (k, when) in b.key_events.iter_mut().zip([
        "2025-02-17T18:20:00Z",
        "2025-02-17T09:05:00Z",
        "2024-12-31T23:10:00Z",
    ]) {
        k.published = at(when);
    }
    let m = Model::new(
        b,
        ReaderOptions::new("t", Theme::new(true), jiff::tz::TimeZone::UTC, (100, 30)),
    );
    let area = m.panes.sidebar.expect("a sidebar at 100 columns");
    let buf = pane(area, |b, a| sidebar::draw(b, a, &m));
    let rows: Vec<String> = (area.y..area.bottom()).map(|y| row(&buf, y)).collect();
    let text = rows.join("\n");
    assert!(text.contains("18:20 Entry 4"), "{text}");
    assert!(text.contains("09:05 Entry 2"), "{text}");
    assert!(text.contains("• 31 Dec 2024 23:10"), "{text}");
    // The title under the time of day, not under the date: it has the room.
    assert!(text.contains("\n        Entry 0"), "{text}");
}

/// Every mark an entry can carry is in the help's legend, the summary's too, and what a dim
/// key event means.
#[test]
fn the_help_explains_every_mark() {
    let m = model();
    let text: String = crate::tui::help_layout::lines(&m, 80)
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                + "\n"
        })
        .collect();
    for mark in [
        "★ ▌ key event",
        "● new since",
        "▶ the key event",
        "◆ pinned",
        "≡ summary",
        "dim a key event with no entry loaded",
        "● LIVE checked for new entries",
        "ENDED the blog has ended",
        "⚠ the last check failed",
        "7/34 the entry you are at, of all",
    ] {
        assert!(text.contains(mark), "{mark}: {text}");
    }
}

/// The help names the source's badge where there is one: a newcomer's first screen, the
/// bundled replay, says `REPLAY` on the bar; a file has no badge to explain.
#[test]
fn the_help_explains_the_replays_and_the_pipes_badge() {
    let help = |kind: Option<&str>| -> String {
        let opts = ReaderOptions {
            following: true,
            source_kind: kind.map(String::from),
            ..ReaderOptions::new("t", Theme::new(true), jiff::tz::TimeZone::UTC, (100, 30))
        };
        let m = Model::new(blog(), opts);
        let lines = crate::tui::help_layout::lines(&m, 80);
        let rows = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()));
        rows.map(|l| l.collect::<String>() + "\n").collect()
    };
    let replay = help(Some(crate::source::REPLAY_KIND));
    assert!(
        replay.contains("REPLAY a saved blog played back as if live"),
        "{replay}"
    );
    let pipe = help(Some(crate::source::PIPE_KIND));
    assert!(
        pipe.contains("PIPE read once from standard input"),
        "{pipe}"
    );
    let file = help(None);
    assert!(!file.contains("REPLAY") && !file.contains("PIPE"), "{file}");
}

/// A reader of the live blog back after a sitting that saw its three oldest entries, at
/// `width` columns: three new entries since, one of them a key event.
fn back_at(width: u16) -> Model {
    let first = live_blog("Panes", blog().entries.split_off(3));
    let mut state = crate::store::ReadState::default();
    state.record_look(&first, jiff::Timestamp::from_second(1_700_000_000).unwrap());
    let opts = ReaderOptions {
        following: true,
        ..ReaderOptions::new("t", Theme::new(true), jiff::tz::TimeZone::UTC, (width, 20))
    };
    let mut m = Model::new(blog(), opts);
    m.restore(0, state);
    m.after_first_screen();
    m
}

#[test]
fn a_narrow_status_bar_drops_the_counts_before_what_to_press_and_keeps_the_live_word() {
    let (msg, _) = back_at(80).status().message.clone().unwrap();
    assert_eq!(msg, "since 22:13: 3 new · 1 key event · c to catch up");
    for width in [80, 60, 50, 45, 40, 35, 30] {
        let bar = status_row(&back_at(width));
        assert!(bar.contains("● LIVE"), "{width}: {bar}");
        assert!(bar.contains(" c to catch up "), "{width}: {bar}");
        assert!(bar.contains("1/6"), "{width}: {bar}");
        assert!(!bar.contains('…'), "nothing cut at {width}: {bar}");
    }
    // The key events give way first, then the new entries, then when.
    assert!(status_row(&back_at(60)).contains("since 22:13: 3 new · c to catch up"));
    assert!(status_row(&back_at(45)).contains("since 22:13 · c to catch up"));
}

mod edges;

/// The bar's "updated" counts the time gone since the refresh that brought news: three seconds
/// after a refresh late in a minute is "just now", not "1 min ago".
#[test]
fn the_bar_says_how_long_ago_the_last_update_came_by_the_time_gone() {
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
    let mut m = model();
    let mut fresh = blog();
    fresh.entries[0].title = Some("Changed".into());
    m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(fresh),
            at: at("2025-02-17T13:05:58Z"),
        },
    ));
    for (now, said) in [
        ("2025-02-17T13:06:01Z", "updated just now"),
        ("2025-02-17T13:06:57Z", "updated just now"),
        ("2025-02-17T13:07:00Z", "updated 1 min ago"),
        ("2025-02-17T13:25:57Z", "updated 19 min ago"),
        ("2025-02-17T15:06:00Z", "updated 2 h ago"),
    ] {
        m.update(Action::Tick(at(now)));
        let bar = status_row(&m);
        assert!(bar.contains(said), "{now}: {bar}");
    }
}

/// The note of an `r` pressed too soon says its countdown first: a narrow bar cuts the note's
/// end, and the seconds left are what a reader pressed `r` to learn.
#[test]
fn a_narrow_bar_keeps_the_countdown_of_a_refresh_asked_too_soon() {
    let at = |s: i64| jiff::Timestamp::from_second(1_700_000_000 + s).unwrap();
    for width in [100, 36] {
        let mut m = model();
        m.update(Action::Resize { width, height: 16 });
        m.update(Action::Live(0, Event::Unchanged { at: at(0) }));
        m.update(Action::Tick(at(1)));
        m.update(Action::Refresh);
        let bar = status_row(&m);
        assert!(bar.contains("Again in 4s"), "{width}: {bar}");
    }
}

/// An ended blog is checked only when asked (`r`): the countdown to that check says no pace,
/// which belongs to a blog still followed.
#[test]
fn the_countdown_to_a_check_of_an_ended_blog_says_no_pace() {
    let at = |s: i64| jiff::Timestamp::from_second(1_700_000_000 + s).unwrap();
    let mut m = model();
    m.update(Action::Live(
        0,
        Event::Pace {
            every: std::time::Duration::from_secs(30),
        },
    ));
    m.update(Action::Tick(at(0)));
    m.update(Action::Live(0, Event::Scheduled { at: Some(at(3)) }));
    assert!(status_row(&m).contains("next check in 3s (every 30 s)"));
    let mut ended = blog();
    ended.state = LiveState::Ended;
    m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(ended),
            at: at(0),
        },
    ));
    m.update(Action::Live(0, Event::Scheduled { at: Some(at(3)) }));
    // A key: the note that the blog ended gives the bar back.
    m.update(Action::ScrollUp);
    let bar = status_row(&m);
    assert!(bar.contains("next check in 3s "), "{bar}");
    assert!(!bar.contains("every"), "{bar}");
}
