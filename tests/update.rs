//! Pure `update` tests: the reader's behaviour without a terminal, clock or network.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/models.rs"]
mod models;

use liveblog::blog::{Block, Entry, KeyEvent, LiveBlog};
use liveblog::live::Event;
use liveblog::tui::action::{Action, Effect, Mouse};
use liveblog::tui::model::{Focus, Model, ReaderOptions};
use liveblog::tui::theme::Theme;
use models::{key_events_of, model};

fn seed() -> LiveBlog {
    liveblog::formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap()
}

fn entry(id: &str, title: Option<&str>, lines: usize) -> Entry {
    Entry {
        id: id.into(),
        title: title.map(Into::into),
        key_event: title.is_some(),
        body: (0..lines)
            .map(|i| Block::text(format!("{id} line {i}")))
            .collect(),
        ..Entry::default()
    }
}

/// A blog of `n` entries, every third one a key event, newest first.
fn blog(n: usize) -> LiveBlog {
    let entries: Vec<Entry> = (0..n)
        .map(|i| {
            let t = format!("Key {i}");
            entry(&format!("e{i}"), (i % 3 == 1).then_some(t.as_str()), 4)
        })
        .collect();
    let key_events = key_events_of(&entries);
    LiveBlog {
        title: "Test blog".into(),
        entries,
        key_events,
        ..LiveBlog::default()
    }
}

fn top_id(m: &Model) -> &str {
    m.top().id.as_deref().unwrap()
}

#[test]
fn the_reader_opens_at_the_newest_entry() {
    let m = model(seed(), 100, 30);
    assert_eq!(m.top_index(), Some(0));
    assert_eq!(m.top().line, 0);
    assert_eq!(m.focus(), Focus::Entries);
}

#[test]
fn scrolling_moves_line_by_line_across_entries() {
    let mut m = model(blog(20), 100, 30);
    m.update(Action::ScrollDown);
    assert_eq!((top_id(&m), m.top().line), ("e0", 1));
    for _ in 0..20 {
        m.update(Action::ScrollDown);
    }
    assert_ne!(top_id(&m), "e0");
    for _ in 0..21 {
        m.update(Action::ScrollUp);
    }
    assert_eq!((top_id(&m), m.top().line), ("e0", 0));
    m.update(Action::ScrollUp);
    assert_eq!(
        (top_id(&m), m.top().line),
        ("e0", 0),
        "cannot scroll above the top"
    );
}

#[test]
fn page_down_then_page_up_returns_to_the_same_place() {
    let mut m = model(blog(50), 100, 30);
    m.update(Action::PageDown);
    m.update(Action::PageDown);
    let after_two = m.top().clone();
    assert_ne!(top_id(&m), "e0");
    m.update(Action::PageDown);
    m.update(Action::PageUp);
    assert_eq!(*m.top(), after_two);
}

#[test]
fn ctrl_d_and_ctrl_u_move_half_a_page_as_in_less() {
    let mut m = model(blog(50), 100, 30);
    let start = m.top().clone();
    let half = isize::try_from(m.page_height() / 2).unwrap();
    m.update(Action::HalfPageDown);
    assert_eq!(m.lines_moved_since(&start, 100), Some(half));
    m.update(Action::HalfPageDown);
    assert_eq!(m.lines_moved_since(&start, 100), Some(2 * half));
    m.update(Action::HalfPageUp);
    m.update(Action::HalfPageUp);
    assert_eq!(*m.top(), start);
    // The keys are Ctrl-d and Ctrl-u, and no longer whole pages.
    let keys = liveblog::tui::keymap::Keymap::shipped();
    let ctrl = |c| {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        keys.action_for(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    };
    assert_eq!(ctrl('d'), Some(Action::HalfPageDown));
    assert_eq!(ctrl('u'), Some(Action::HalfPageUp));
    assert_eq!(ctrl('f'), Some(Action::PageDown));
}

#[test]
fn ctrl_l_asks_for_the_whole_screen_again_over_whatever_is_open() {
    let mut m = model(blog(20), 100, 30);
    assert_eq!(m.update(Action::Redraw), [Effect::Redraw]);
    m.update(Action::ToggleHelp);
    assert_eq!(m.update(Action::Redraw), [Effect::Redraw]);
    assert!(m.show_help(), "the help stays open");
    m.update(Action::ToggleHelp);
    m.update(Action::Search);
    assert_eq!(m.update(Action::Redraw), [Effect::Redraw]);
    assert!(m.search_typing(), "and the prompt too");
}

#[test]
fn bottom_shows_the_last_entry_and_never_scrolls_past_it() {
    let mut m = model(blog(50), 100, 30);
    m.update(Action::Bottom);
    let bottom = m.top().clone();
    assert!(m.visible_entries().contains(&49));
    m.update(Action::ScrollDown);
    m.update(Action::PageDown);
    assert_eq!(*m.top(), bottom);
    m.update(Action::Top);
    assert_eq!((top_id(&m), m.top().line), ("e0", 0));
}

#[test]
fn brackets_jump_between_key_events() {
    let mut m = model(blog(30), 100, 30);
    m.update(Action::NextKeyEvent);
    assert_eq!(top_id(&m), "e1");
    m.update(Action::NextKeyEvent);
    assert_eq!(top_id(&m), "e4");
    m.update(Action::PrevKeyEvent);
    assert_eq!(top_id(&m), "e1");
    m.update(Action::ScrollDown);
    m.update(Action::PrevKeyEvent);
    assert_eq!(
        (top_id(&m), m.top().line),
        ("e1", 0),
        "back to the start of the key event we are in"
    );
}

#[test]
fn key_events_too_near_the_end_to_come_to_the_top_are_still_reached_one_by_one() {
    // blog(30) has a key event every third entry, four lines each: the last four cannot
    // come to the top of a 30-row pane.
    let mut m = model(blog(30), 100, 30);
    m.update(Action::Bottom);
    assert_eq!(
        m.subject_index(),
        Some(29),
        "G: the last entry is the one read"
    );
    m.update(Action::Top);
    let mut reached = Vec::new();
    for _ in 0..12 {
        m.update(Action::NextKeyEvent);
        let i = m.subject_index().unwrap();
        if reached.last() == Some(&i) {
            break;
        }
        reached.push(i);
        let k = m.sidebar().current.unwrap();
        assert_eq!(
            m.blog().key_events[k].entry_id.as_deref(),
            Some(m.blog().entries[i].id.as_str()),
            "the sidebar's current key event is the one jumped to"
        );
    }
    assert_eq!(reached, [1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    assert_eq!(
        m.status().message.clone().unwrap().0,
        "No older key event below"
    );
    m.update(Action::PrevKeyEvent);
    assert_eq!(m.subject_index(), Some(25));
    assert_eq!(m.sidebar().current, Some(8));
}

#[test]
fn the_sidebar_follows_the_key_event_at_the_top_of_the_view() {
    let mut m = model(blog(30), 100, 30);
    assert_eq!(
        m.sidebar().current,
        None,
        "the first entry is above every key event"
    );
    m.update(Action::NextKeyEvent);
    assert_eq!(m.sidebar().current, Some(0));
    m.update(Action::NextKeyEvent);
    m.update(Action::ScrollDown);
    assert_eq!(m.sidebar().current, Some(1));
    assert_eq!(m.sidebar().selected, 1);
}

#[test]
fn enter_in_the_sidebar_jumps_to_the_selected_key_event() {
    let mut m = model(blog(30), 100, 30);
    m.update(Action::FocusSidebar);
    assert_eq!(m.focus(), Focus::Sidebar);
    m.update(Action::ScrollDown);
    m.update(Action::ScrollDown);
    assert_eq!(m.sidebar().selected, 2);
    assert_eq!(
        top_id(&m),
        "e0",
        "moving the selection does not scroll the entries"
    );
    m.update(Action::Select);
    assert_eq!(top_id(&m), "e7");
}

#[test]
fn enter_in_the_entries_pane_says_where_it_works() {
    let mut m = model(blog(5), 100, 30);
    m.update(Action::Select);
    assert_eq!(
        m.status().message.clone().unwrap().0,
        "Enter opens the key event chosen in the sidebar: Tab goes there"
    );
    assert_eq!(m.focus(), Focus::Entries);
}

#[test]
fn tab_switches_focus_and_h_l_choose_a_pane() {
    let mut m = model(blog(5), 100, 30);
    m.update(Action::FocusNext);
    assert_eq!(m.focus(), Focus::Sidebar);
    m.update(Action::FocusNext);
    assert_eq!(m.focus(), Focus::Entries);
    m.update(Action::FocusSidebar);
    m.update(Action::FocusEntries);
    assert_eq!(m.focus(), Focus::Entries);
}

/// What Enter says of a key event whose entry is not in the blog: with older pages named,
/// the entry may be on one of them; without, it is nowhere to load.
fn enter_on_a_key_event_whose_entry_is_missing(older: Option<&str>) -> String {
    let mut b = blog(6);
    b.key_events.push(KeyEvent {
        title: "Sunak faces Starmer at PMQs".into(),
        entry_id: Some("gone".into()),
        published: None,
    });
    b.older = older.map(Into::into);
    let mut m = model(b, 100, 30);
    m.update(Action::FocusSidebar);
    m.update(Action::Bottom);
    assert!(m.update(Action::Select).is_empty(), "nothing to load");
    m.status().message.clone().unwrap().0
}

#[test]
fn a_key_event_whose_entry_is_in_no_page_of_the_blog_says_so_plainly() {
    assert_eq!(
        enter_on_a_key_event_whose_entry_is_missing(None),
        "\"Sunak faces Starmer at PMQs\" has no entry in this blog"
    );
    assert_eq!(
        enter_on_a_key_event_whose_entry_is_missing(Some("?page=with:block-1")),
        "\"Sunak faces Starmer at PMQs\" is not in the loaded entries"
    );
}

#[test]
fn choosing_a_key_event_that_is_not_loaded_says_so_and_stays() {
    let mut m = model(seed(), 100, 30);
    let last = m.blog().key_events.len() - 1;
    assert_eq!(m.blog().key_events[last].entry_id, None);
    m.update(Action::FocusSidebar);
    m.update(Action::Bottom);
    assert_eq!(m.sidebar().selected, last);
    m.update(Action::Select);
    assert_eq!(m.top_index(), Some(0));
    let (msg, _) = m.status().message.clone().unwrap();
    assert!(
        msg.contains("is a key event the source gives no entry for"),
        "{msg}"
    );
    // Past the last loaded key event, `]` says the others are there with no entry loaded.
    let not_loaded = (m.blog().key_events.iter())
        .filter(|k| k.entry_id.is_none())
        .count();
    assert!(not_loaded > 1);
    m.update(Action::FocusEntries);
    m.update(Action::Bottom);
    m.update(Action::NextKeyEvent);
    assert_eq!(
        m.status().message.clone().unwrap().0,
        format!(
            "No older key event below · {not_loaded} in the sidebar have no entry loaded (dim)"
        )
    );
}

#[test]
fn narrow_terminals_collapse_the_sidebar_and_s_brings_it_back() {
    let mut m = model(seed(), 60, 20);
    assert!(m.panes().sidebar.is_none());
    m.update(Action::FocusSidebar);
    assert_eq!(m.focus(), Focus::Entries);
    for key in [Action::FocusSidebar, Action::FocusNext] {
        m.update(Action::Close);
        m.update(key.clone());
        assert_eq!(m.focus(), Focus::Entries);
        let (msg, _) = m.status().message.clone().expect("a note");
        assert_eq!(msg, "Sidebar hidden: press s", "{key:?}");
    }
    m.update(Action::ToggleSidebar);
    assert!(m.panes().sidebar.is_some());
    m.update(Action::ToggleSidebar);
    assert!(m.panes().sidebar.is_none());
}

#[test]
fn resizing_keeps_the_same_entry_at_the_top() {
    let mut m = model(blog(40), 120, 40);
    for _ in 0..3 {
        m.update(Action::NextKeyEvent);
    }
    m.update(Action::ScrollDown);
    let id = top_id(&m).to_string();
    m.update(Action::Resize {
        width: 50,
        height: 20,
    });
    assert_eq!(top_id(&m), id);
    m.update(Action::Resize {
        width: 200,
        height: 60,
    });
    assert_eq!(top_id(&m), id);
    assert!(m.top().line <= 1);
}

#[test]
fn a_terminal_resized_and_back_comes_back_to_the_same_line() {
    for lines in 0..40 {
        let mut m = model(seed(), 60, 30);
        for _ in 0..lines {
            m.update(Action::ScrollDown);
        }
        let before = m.top().clone();
        for (w, h) in [(120, 30), (90, 20), (60, 30)] {
            m.update(Action::Resize {
                width: w,
                height: h,
            });
        }
        assert_eq!(*m.top(), before, "{lines} lines down");
    }
}

#[test]
fn resizing_the_seed_keeps_the_reader_on_the_same_line_of_a_long_entry() {
    let mut m = model(seed(), 100, 30);
    let tusk = m
        .blog()
        .entries
        .iter()
        .position(|e| {
            e.title
                .as_deref()
                .is_some_and(|t| t.starts_with("European relations"))
        })
        .unwrap();
    while m.top_index() != Some(tusk) {
        m.update(Action::NextKeyEvent);
    }
    for _ in 0..10 {
        m.update(Action::ScrollDown);
    }
    let line = m.top().line;
    m.update(Action::Resize {
        width: 40,
        height: 30,
    });
    assert_eq!(m.top_index(), Some(tusk));
    assert!(
        m.top().line > line,
        "narrower text has more lines above the same place"
    );
    m.update(Action::Resize {
        width: 100,
        height: 30,
    });
    assert_eq!(m.top_index(), Some(tusk));
    assert!(m.top().line.abs_diff(line) <= 1);
}

#[test]
fn help_opens_swallows_movement_and_closes_with_esc() {
    let mut m = model(blog(10), 100, 30);
    m.update(Action::ToggleHelp);
    assert!(m.show_help());
    m.update(Action::ScrollDown);
    assert_eq!(m.top().line, 0);
    let fx = m.update(Action::Quit);
    assert!(!m.show_help());
    assert!(fx.is_empty(), "Esc/q closes help before quitting");
    assert_eq!(m.update(Action::Quit), vec![Effect::Quit]);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut m = model(blog(150), 100, 30);
    let s = m.panes().sidebar.unwrap();
    let e = m.panes().entries;
    m.update(Action::Mouse(Mouse::WheelDown {
        column: e.x + 5,
        row: e.y + 2,
    }));
    assert_eq!(m.top().line, 3);
    m.update(Action::Mouse(Mouse::WheelDown {
        column: s.x + 2,
        row: s.y + 2,
    }));
    assert_eq!(m.top().line, 3, "the sidebar scrolled, not the entries");
    assert_eq!(m.sidebar().offset, 3);
}

/// Under a key event, the wheel over the sidebar takes it elsewhere and it stays there while
/// the reader reads on under the same key event; coming under another brings it back to show
/// that one.
#[test]
fn the_sidebar_stays_where_the_wheel_took_it_until_the_reader_comes_under_another_key_event() {
    let mut m = model(blog(150), 100, 30);
    let s = m.panes().sidebar.unwrap();
    m.update(Action::NextKeyEvent);
    assert_eq!((m.sidebar().current, m.sidebar().offset), (Some(0), 0));
    let wheel = Action::Mouse(Mouse::WheelDown {
        column: s.x + 2,
        row: s.y + 2,
    });
    for _ in 0..5 {
        m.update(wheel.clone());
    }
    assert_eq!(m.sidebar().offset, 15);
    m.update(Action::ScrollDown);
    assert_eq!(m.sidebar().current, Some(0));
    assert_eq!(m.sidebar().offset, 15, "still where the wheel took it");
    m.update(Action::NextKeyEvent);
    assert_eq!(m.sidebar().current, Some(1));
    assert!(m.sidebar().offset <= 1, "back to the key event read now");
}

/// A wider or narrower sidebar wraps its items again: scrolled down the list, the key event
/// first in view stays first, from its first line, and at the list's top it stays at the top.
#[test]
fn a_new_sidebar_width_keeps_the_key_event_first_in_view() {
    let long = "a key event whose title wraps over several lines of a narrow sidebar";
    let mut b = blog(150);
    for k in &mut b.key_events {
        k.title = format!("{} {long}", k.title);
    }
    let mut m = model(b, 120, 30);
    let first = |m: &Model| {
        let s = m.sidebar();
        (
            s.item_at_line(s.offset),
            s.item_range(s.item_at_line(s.offset).unwrap()).start == s.offset,
        )
    };
    m.update(Action::SidebarNarrower);
    assert_eq!(m.sidebar().offset, 0, "at the top, it stays there");
    m.update(Action::FocusSidebar);
    for _ in 0..12 {
        m.update(Action::ScrollDown);
    }
    let before = first(&m).0;
    assert!(before.is_some_and(|k| k > 0), "{before:?}");
    for action in [
        Action::SidebarWider,
        Action::SidebarWider,
        Action::SidebarNarrower,
    ] {
        m.update(action);
        assert_eq!(first(&m), (before, true), "{:?}", m.sidebar().offset);
    }
}

/// The help longer than a 100×30 terminal: the wheel scrolls it as `j` and `k` do, wherever
/// the pointer is, and the entries under it stay.
#[test]
fn the_wheel_scrolls_the_help_while_it_is_open() {
    let mut m = model(blog(150), 100, 30);
    let e = m.panes().entries;
    let (column, row) = (e.x + 5, e.y + 2);
    m.update(Action::ToggleHelp);
    m.update(Action::Mouse(Mouse::WheelDown { column, row }));
    assert_eq!(m.help_offset(), 3);
    m.update(Action::Mouse(Mouse::Click { column, row }));
    assert_eq!(m.help_offset(), 3, "a click leaves the help where it is");
    m.update(Action::Mouse(Mouse::WheelUp { column, row }));
    assert_eq!(m.help_offset(), 0);
    assert!(m.show_help());
    assert_eq!(m.top().line, 0, "the entries stayed");
}

#[test]
fn a_click_on_a_key_event_jumps_to_it() {
    let mut m = model(blog(30), 100, 30);
    let s = m.panes().sidebar.unwrap();
    let second = m.sidebar().item_range(1).start;
    let row = s.y + 1 + u16::try_from(second).unwrap();
    m.update(Action::Mouse(Mouse::Click {
        column: s.x + 3,
        row,
    }));
    assert_eq!(m.focus(), Focus::Sidebar);
    assert_eq!(top_id(&m), "e4");
}

#[test]
fn ctrl_z_asks_the_loop_to_suspend() {
    let mut m = model(blog(3), 80, 24);
    assert_eq!(m.update(Action::Suspend), vec![Effect::Suspend]);
}

#[test]
fn tiny_and_huge_terminals_do_not_panic() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (1, 2),
        (2, 1),
        (3, 3),
        (20, 2),
        (300, 220),
        (20, 5),
    ] {
        let mut m = model(seed(), w, h);
        for a in [
            Action::PageDown,
            Action::Bottom,
            Action::NextKeyEvent,
            Action::ToggleSidebar,
            Action::Top,
        ] {
            m.update(a);
        }
    }
}

#[test]
fn an_empty_blog_is_navigable() {
    let mut m = model(
        LiveBlog {
            title: "Nothing yet".into(),
            ..LiveBlog::default()
        },
        80,
        24,
    );
    for a in [
        Action::ScrollDown,
        Action::PageDown,
        Action::Bottom,
        Action::NextKeyEvent,
        Action::Select,
    ] {
        m.update(a);
    }
    assert_eq!(m.top_index(), None);
}

// Live refresh: the place is kept by entry id, never by index.

fn at() -> jiff::Timestamp {
    "2025-02-17T18:00:00Z".parse().unwrap()
}

fn with_new_entries(b: &LiveBlog, n: usize) -> LiveBlog {
    let mut nb = b.clone();
    for i in 0..n {
        nb.entries.insert(0, entry(&format!("new{i}"), None, 3));
    }
    nb
}

fn loaded(b: LiveBlog) -> Action {
    Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(b),
            at: at(),
        },
    )
}

#[test]
fn new_entries_do_not_move_a_reader_who_scrolled_away() {
    let b = blog(30);
    let mut m = model(b.clone(), 100, 30);
    for _ in 0..4 {
        m.update(Action::NextKeyEvent);
    }
    m.update(Action::ScrollDown);
    let place = m.top().clone();
    let fx = m.update(loaded(with_new_entries(&b, 2)));
    assert_eq!(*m.top(), place, "same entry, same line");
    assert_eq!(m.new_above(), 2);
    assert!(m.panes().banner.is_some());
    assert!(fx.contains(&Effect::SetTitle("(2) Test blog".into())));
    assert_eq!(m.unread().len(), 2);
}

#[test]
fn the_banner_never_counts_more_new_entries_than_the_source_still_has_above() {
    let b = blog(30);
    let mut m = model(b.clone(), 100, 30);
    for _ in 0..4 {
        m.update(Action::NextKeyEvent);
    }
    m.update(Action::ScrollDown);
    let three = with_new_entries(&b, 3);
    m.update(loaded(three.clone()));
    assert_eq!(m.new_above(), 3);
    // The source takes two of them out again (a deletion, or a server that started over).
    let mut one = three;
    one.entries.retain(|e| e.id != "new1" && e.id != "new2");
    let fx = m.update(loaded(one.clone()));
    assert_eq!(m.new_above(), 1, "one new entry is left above");
    assert!(
        fx.contains(&Effect::SetTitle("(1) Test blog".into())),
        "{fx:?}"
    );
    // Another arrives: the banner counts the two that are there, not four.
    let mut two = one;
    two.entries.insert(0, entry("new3", None, 3));
    m.update(loaded(two));
    assert_eq!(m.new_above(), 2);
}

#[test]
fn a_reader_at_the_top_follows_new_entries() {
    let b = blog(10);
    let mut m = model(b.clone(), 100, 30);
    m.update(loaded(with_new_entries(&b, 1)));
    assert_eq!(top_id(&m), "new0");
    assert_eq!(m.new_above(), 0);
    assert!(
        m.unread().contains("new0"),
        "marked until the reader has seen it"
    );
    m.update(Action::ScrollDown);
    assert!(
        !m.unread().contains("new0"),
        "seen once the reader acts with it on screen"
    );
}

/// A blog under a pinned post of `lines` lines, and a version of it with `n` new entries
/// below that post.
fn pinned_blog(lines: usize, n: usize) -> (LiveBlog, LiveBlog) {
    let mut b = blog(20);
    let mut pinned = entry("pinned", None, lines);
    pinned.pinned = true;
    b.entries.insert(0, pinned);
    let mut nb = b.clone();
    for i in 0..n {
        nb.entries.insert(1, entry(&format!("new{i}"), None, 3));
    }
    (b, nb)
}

#[test]
fn new_entries_below_a_pinned_post_being_read_are_announced() {
    // At the top and a few lines into the post alike.
    for lines_in in [0, 3] {
        let (b, nb) = pinned_blog(40, 2);
        let mut m = model(b, 100, 30);
        m.update(Action::ScrollDown);
        for _ in 0..lines_in {
            m.update(Action::ScrollDown);
        }
        m.update(Action::ScrollUp);
        let place = m.top().clone();
        let fx = m.update(loaded(nb));
        assert_eq!(*m.top(), place, "{lines_in}: the reader stays in the post");
        assert_eq!((m.new_above(), m.new_below()), (2, true), "{lines_in}");
        assert!(m.panes().banner.is_some());
        assert!(fx.contains(&Effect::SetTitle("(2) Test blog".into())));
        // `t` goes to the newest new entry, below the post.
        m.update(Action::JumpToNew);
        assert_eq!(top_id(&m), "new1", "{lines_in}");
        assert_eq!(m.new_above(), 0);
        assert!(m.panes().banner.is_none());
    }
}

#[test]
fn new_entries_in_sight_below_a_short_pinned_post_need_no_banner() {
    let (b, nb) = pinned_blog(2, 1);
    let mut m = model(b, 100, 30);
    m.update(loaded(nb));
    assert_eq!(top_id(&m), "pinned");
    assert_eq!(m.new_above(), 0);
    assert!(m.panes().banner.is_none());
}

#[test]
fn the_key_event_chosen_in_the_sidebar_stays_chosen_as_others_arrive() {
    let b = blog(30);
    let mut m = model(b.clone(), 100, 30);
    m.update(Action::FocusSidebar);
    for _ in 0..3 {
        m.update(Action::ScrollDown);
    }
    let chosen = |m: &Model| m.blog().key_events[m.sidebar().selected].title.clone();
    assert_eq!(chosen(&m), "Key 10");
    let mut nb = b.clone();
    for i in 0..2 {
        let title = format!("Arrived {i}");
        nb.entries
            .insert(0, entry(&format!("new{i}"), Some(&title), 3));
        nb.key_events.insert(
            0,
            KeyEvent {
                title,
                entry_id: Some(format!("new{i}")),
                published: None,
            },
        );
    }
    m.update(loaded(nb));
    assert_eq!(m.blog().key_events.len(), 12);
    assert_eq!(chosen(&m), "Key 10", "Enter still opens the one chosen");
}

#[test]
fn jumping_to_new_entries_clears_the_banner() {
    let b = blog(30);
    let mut m = model(b.clone(), 100, 30);
    m.update(Action::PageDown);
    m.update(loaded(with_new_entries(&b, 3)));
    assert_eq!(m.new_above(), 3);
    let fx = m.update(Action::JumpToNew);
    assert_eq!(top_id(&m), "new2");
    assert_eq!(m.new_above(), 0);
    assert!(m.panes().banner.is_none());
    assert!(fx.contains(&Effect::SetTitle("Test blog".into())));
    // Again, with nothing new: said, at the newest entry.
    m.update(Action::JumpToNew);
    assert_eq!(top_id(&m), "new2");
    assert_eq!(
        m.status().message.clone().map(|(t, _)| t).as_deref(),
        Some("Nothing new above: the newest entry is at the top")
    );
}

#[test]
fn an_edited_entry_is_redrawn_in_place() {
    let b = blog(10);
    let mut m = model(b.clone(), 100, 30);
    m.update(Action::NextKeyEvent);
    let place = m.top().clone();
    let mut edited = b.clone();
    edited.entries[1].body.push(Block::text("A correction."));
    edited.entries[1].updated = liveblog::blog::Stamp::parse("2025-02-17T18:00:00Z");
    m.update(loaded(edited));
    assert_eq!(*m.top(), place);
    assert_eq!(m.blog().entries[1].body.len(), 5);
    let lines = &m.cache().peek("e1").unwrap().lines;
    let text: String = lines
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
        .collect();
    assert!(
        text.contains("A correction."),
        "the cached layout was replaced"
    );
}

#[test]
fn a_deleted_entry_at_the_top_hands_the_place_to_the_next_one() {
    let b = blog(10);
    let mut m = model(b.clone(), 100, 30);
    m.update(Action::NextKeyEvent);
    assert_eq!(top_id(&m), "e1");
    let mut deleted = b.clone();
    deleted.entries.remove(1);
    m.update(loaded(deleted));
    assert_eq!(top_id(&m), "e2");
    assert_eq!(m.blog().entries.len(), 9);
    assert_eq!(
        m.status().message.clone().map(|(t, _)| t).as_deref(),
        Some("“Key 1” taken out by the source")
    );
}

#[test]
fn a_refresh_that_ends_the_blog_says_so_once_whatever_else_it_brings() {
    let b = blog(10);
    let mut m = model(b.clone(), 100, 30);
    let said = |m: &Model| m.status().message.clone().map(|(t, _)| t);
    // Ended, and an entry taken out: nothing arrived, both are said.
    let mut ended = b.clone();
    ended.entries.remove(3);
    ended.state = liveblog::blog::LiveState::Ended;
    m.update(loaded(ended.clone()));
    assert_eq!(
        said(&m).as_deref(),
        Some("The live blog has ended · “e3 line 0” taken out by the source")
    );
    // The next refresh edits an entry of the ended blog: the end is not said again.
    m.update(Action::ScrollDown);
    ended.entries[0].body.push(Block::text("A last word."));
    m.update(loaded(ended));
    assert_eq!(said(&m), None);
    // Ended with nothing else changed.
    let mut m = model(b.clone(), 100, 30);
    let mut ended = b;
    ended.state = liveblog::blog::LiveState::Ended;
    m.update(loaded(ended));
    assert_eq!(said(&m).as_deref(), Some("The live blog has ended"));
}

#[test]
fn a_failed_refresh_keeps_everything_and_says_why() {
    let b = blog(10);
    let mut m = model(b.clone(), 100, 30);
    m.update(Action::Live(0, Event::Started));
    assert!(m.status().fetching);
    m.update(Action::Live(
        0,
        Event::Failed {
            class: "HTTP 503".into(),
            error: "HTTP 503".into(),
            at: at(),
            retry_in: Some(std::time::Duration::from_secs(30)),
        },
    ));
    assert!(!m.status().fetching);
    assert_eq!(*m.blog(), b);
    assert_eq!(m.status().error.as_deref(), Some("HTTP 503"));
    m.update(Action::Live(0, Event::Unchanged { at: at() }));
    assert_eq!(
        m.status().error,
        None,
        "a successful check clears the error"
    );
}

#[test]
fn key_events_grow_in_the_sidebar_with_the_blog() {
    let b = blog(10);
    let mut m = model(b.clone(), 100, 30);
    let before = m.sidebar().len();
    let mut nb = with_new_entries(&b, 1);
    nb.entries[0].title = Some("Breaking".into());
    nb.entries[0].key_event = true;
    nb.key_events.insert(
        0,
        KeyEvent {
            title: "Breaking".into(),
            entry_id: Some("new0".into()),
            published: None,
        },
    );
    m.update(loaded(nb));
    assert_eq!(m.sidebar().len(), before + 1);
}

fn following(b: LiveBlog) -> Model {
    Model::new(
        b,
        ReaderOptions {
            following: true,
            ..ReaderOptions::new(
                "test",
                Theme::new(false),
                jiff::tz::TimeZone::UTC,
                (100, 30),
            )
        },
    )
}

fn message(m: &Model) -> String {
    m.status()
        .message
        .clone()
        .map(|(text, _)| text)
        .unwrap_or_default()
}

#[test]
fn pause_and_refresh_are_asked_of_the_loop_and_say_so() {
    let mut m = following(blog(3));
    assert_eq!(m.update(Action::TogglePause), vec![Effect::SetPaused(true)]);
    assert!(m.status().paused);
    assert_eq!(message(&m), "Paused: no checks until p");
    assert_eq!(
        m.update(Action::TogglePause),
        vec![Effect::SetPaused(false)]
    );
    assert_eq!(message(&m), "Resumed: checking again");
    assert_eq!(m.update(Action::Refresh), vec![Effect::RefreshNow]);
    assert_eq!(message(&m), "Checking now…");
    m.update(Action::Live(0, Event::Unchanged { at: at() }));
    assert_eq!(message(&m), "Checked: nothing new");
}

#[test]
fn a_refresh_asked_for_just_after_a_check_says_when_it_comes() {
    let mut m = following(blog(3));
    m.update(Action::Live(0, Event::Unchanged { at: at() }));
    m.update(Action::Tick(at() + jiff::SignedDuration::from_secs(2)));
    assert_eq!(m.update(Action::Refresh), vec![Effect::RefreshNow]);
    assert_eq!(
        message(&m),
        "Again in 3s: checked 2s ago, one request per 5 s at most"
    );
    // A request that went out and has no answer yet counts too (after `p` resumed, say).
    m.update(Action::Tick(at() + jiff::SignedDuration::from_secs(30)));
    m.update(Action::Live(0, Event::Started));
    m.update(Action::Tick(at() + jiff::SignedDuration::from_secs(31)));
    m.update(Action::Refresh);
    assert_eq!(
        message(&m),
        "Again in 4s: asked 1s ago, one request per 5 s at most"
    );
    // During backoff after a failure it says it tries again.
    m.update(Action::Live(
        0,
        Event::Failed {
            class: "HTTP 503".into(),
            error: "server error".into(),
            at: at(),
            retry_in: None,
        },
    ));
    m.update(Action::Tick(at() + jiff::SignedDuration::from_secs(60)));
    m.update(Action::Refresh);
    assert_eq!(message(&m), "Trying again now…");
}

/// The request that opened the blog counts as its last check: an `r` pressed just after the
/// reader opens says when the next request may go, as the poller waits for it, rather than
/// "Checking now…".
#[test]
fn a_refresh_asked_for_just_after_opening_says_when_it_comes() {
    let mut m = following(blog(3));
    m.checked_at_open(0, at());
    m.update(Action::Tick(at() + jiff::SignedDuration::from_secs(2)));
    m.update(Action::Refresh);
    assert_eq!(
        message(&m),
        "Again in 3s: checked 2s ago, one request per 5 s at most"
    );
}

/// The note of an `r` pressed too soon counts the seconds down with the clock, which ticks each
/// second only while it shows, and then says what `r` says as the request it promised goes
/// out, until its answer.
#[test]
fn the_note_of_a_refresh_asked_too_soon_counts_down_then_goes() {
    let secs = |s| at() + jiff::SignedDuration::from_secs(s);
    let mut m = following(blog(3));
    m.update(Action::Live(0, Event::Unchanged { at: at() }));
    m.update(Action::Tick(secs(2)));
    let idle = m.clock_period();
    assert_eq!(idle, std::time::Duration::from_secs(60), "nothing counts");
    m.update(Action::Refresh);
    assert_eq!(m.clock_period(), std::time::Duration::from_secs(1));
    for (s, left) in [(3, 2), (4, 1)] {
        m.update(Action::Tick(secs(s)));
        assert_eq!(
            message(&m),
            format!("Again in {left}s: checked {s}s ago, one request per 5 s at most")
        );
    }
    m.update(Action::Tick(secs(5)));
    assert_eq!(
        message(&m),
        "Checking now…",
        "the floor has passed: the request goes out"
    );
    assert_eq!(m.clock_period(), idle, "no tick each second any more");
    // The answer to the request it promised is said as ever.
    m.update(Action::Live(0, Event::Unchanged { at: secs(5) }));
    assert_eq!(message(&m), "Checked: nothing new");
    // Something said meanwhile is not said over, and the clock does not tick for it.
    m.update(Action::Refresh);
    m.update(Action::ToggleHelp);
    m.update(Action::Tick(secs(6)));
    assert_eq!(message(&m), "");
    assert_eq!(m.clock_period(), idle);
    // Paused, the request asked for is the one check it makes.
    m.update(Action::Close);
    m.update(Action::TogglePause);
    m.update(Action::Live(0, Event::Unchanged { at: secs(7) }));
    m.update(Action::Tick(secs(8)));
    m.update(Action::Refresh);
    m.update(Action::Tick(secs(12)));
    assert_eq!(message(&m), "Checking once; still paused (p resumes)");
}

#[test]
fn on_a_file_p_says_there_is_nothing_to_pause_and_r_re_reads_it() {
    let mut m = model(blog(3), 100, 30);
    assert_eq!(m.update(Action::TogglePause), vec![]);
    assert!(!m.status().paused, "no PAUSED badge on a file");
    assert_eq!(
        message(&m),
        "Nothing to pause: a file is only read when you ask (r re-reads it)"
    );
    assert_eq!(m.update(Action::Refresh), vec![Effect::RefreshNow]);
    assert_eq!(message(&m), "Re-reading from disk…");
    m.update(Action::Live(0, Event::Unchanged { at: at() }));
    assert_eq!(message(&m), "The file has not changed since it was read");
    m.update(Action::Refresh);
    m.update(loaded(with_new_entries(&blog(3), 2)));
    assert_eq!(message(&m), "Re-read from disk: 5 entries");
    assert_eq!(top_id(&m), "new1");
}

#[test]
fn layouts_kept_stay_bounded_however_far_the_reader_scrolls() {
    let mut m = model(blog(3000), 100, 30);
    m.update(Action::Bottom);
    for _ in 0..1500 {
        m.update(Action::PageUp);
    }
    assert_eq!(top_id(&m), "e0");
    assert!(
        m.cache().len() <= 1024 + 64,
        "{} layouts held",
        m.cache().len()
    );
    // What is on screen is always laid out.
    assert!(!m.visible_entries().is_empty());
}

/// Thousands of random actions — keys, clicks, wheels, resizes down to nothing, refreshes that
/// add, edit, drop and reorder entries — never panic, and the place always names a loaded entry.
#[test]
fn random_sequences_of_actions_never_panic_and_keep_a_valid_place() {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n.max(1)
    };
    let base = blog(60);
    let mut m = model(base.clone(), 100, 30);
    for _ in 0..5000 {
        let action = match next(16) {
            0 => Action::ScrollDown,
            1 => Action::ScrollUp,
            2 => Action::PageDown,
            3 => Action::PageUp,
            4 => Action::NextKeyEvent,
            5 => Action::PrevKeyEvent,
            6 => Action::FocusNext,
            7 => Action::Select,
            8 => Action::ToggleSidebar,
            9 => Action::Bottom,
            10 => Action::Resize {
                width: u16::try_from(next(220)).unwrap(),
                height: u16::try_from(next(70)).unwrap(),
            },
            11 => {
                let (column, row) = (
                    u16::try_from(next(120)).unwrap(),
                    u16::try_from(next(40)).unwrap(),
                );
                Action::Mouse(match next(3) {
                    0 => Mouse::Click { column, row },
                    1 => Mouse::WheelUp { column, row },
                    _ => Mouse::WheelDown { column, row },
                })
            }
            12 => Action::ToggleHelp,
            _ => {
                // A new version: some entries dropped, some edited, some new, key events kept.
                let mut b = base.clone();
                b.entries.retain(|_| next(5) != 0);
                for e in &mut b.entries {
                    if next(7) == 0 {
                        e.body.push(Block::text("edited"));
                    }
                }
                for i in 0..next(4) {
                    b.entries
                        .insert(0, entry(&format!("n{}-{i}", next(1000)), None, 2));
                }
                b.dedupe_ids();
                loaded(b)
            }
        };
        m.update(action);
        if let Some(id) = &m.top().id {
            assert!(
                m.blog().position(id).is_some(),
                "the place names a loaded entry"
            );
        }
    }
}

#[test]
fn a_terminal_too_narrow_for_both_panes_says_so_instead_of_squeezing_the_entries() {
    let mut m = model(blog(10), 40, 20);
    m.update(Action::ToggleSidebar);
    assert!(m.panes().sidebar.is_none());
    let (msg, _) = m.status().message.clone().expect("a note");
    assert_eq!(msg, "The sidebar needs 46 columns");
    m.update(Action::FocusSidebar);
    let (msg, _) = m.status().message.clone().expect("a note");
    assert_eq!(msg, "The sidebar needs 46 columns");
    assert_eq!(m.focus(), Focus::Entries);
    m.update(Action::Resize {
        width: 50,
        height: 20,
    });
    m.update(Action::ToggleSidebar);
    let p = m.panes();
    assert!(p.sidebar.is_some());
    assert!(p.entries.width >= 30, "{:?}", p.entries);
}

#[test]
fn a_blog_without_key_events_gives_the_entries_the_whole_width_until_asked() {
    let mut b = blog(10);
    b.key_events.clear();
    let mut m = model(b, 100, 30);
    assert!(m.panes().sidebar.is_none());
    m.update(Action::ToggleSidebar);
    assert!(m.panes().sidebar.is_some());
}

fn linked_blog() -> LiveBlog {
    use liveblog::blog::Inline;
    let link = |t: &str, u: &str| Inline {
        text: t.into(),
        link: Some(u.into()),
        ..Inline::default()
    };
    let mut b = blog(3);
    b.entries[0].body = vec![Block::Paragraph {
        runs: vec![
            link("a report", "https://example.com/report?a=1&b=2"),
            link("trick", "javascript:alert(1)"),
        ],
    }];
    b
}

#[test]
fn the_links_overlay_leaves_the_status_bar_whole() {
    let mut b = linked_blog();
    b.entries[0].body = vec![Block::Paragraph {
        runs: (0..60)
            .map(|i| liveblog::blog::Inline {
                text: format!("source {i}"),
                link: Some(format!("https://example.com/{i}")),
                ..liveblog::blog::Inline::default()
            })
            .collect(),
    }];
    let mut m = model(b, 100, 30);
    let bar = |m: &Model| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        t.draw(|f| liveblog::tui::ui::draw(f, m)).unwrap();
        let buf = t.backend().buffer();
        (0..100).map(|x| buf[(x, 29)].symbol()).collect::<String>()
    };
    let before = bar(&m);
    m.update(Action::OpenLinks);
    assert_eq!(m.links().expect("the links overlay").urls.len(), 60);
    // More links than rows: the overlay fills the rows above the bar, which stays whole.
    assert_eq!(bar(&m), before);
}

#[test]
fn f_lists_the_links_of_the_entry_at_the_top_and_enter_opens_the_chosen_one() {
    let mut m = model(linked_blog(), 100, 30);
    m.update(Action::OpenLinks);
    let links = m.links().cloned().expect("the links overlay");
    assert_eq!(
        links.urls,
        ["https://example.com/report?a=1&b=2", "javascript:alert(1)"]
    );
    let fx = m.update(Action::Select);
    assert_eq!(
        fx,
        vec![Effect::OpenUrl("https://example.com/report?a=1&b=2".into())]
    );
    assert!(
        m.links().is_none(),
        "the overlay closes once a link is opened"
    );
}

#[test]
fn a_link_that_is_not_http_is_refused_and_the_opener_is_never_asked() {
    let mut m = model(linked_blog(), 100, 30);
    m.update(Action::OpenLinks);
    m.update(Action::ScrollDown);
    let fx = m.update(Action::Select);
    assert!(fx.is_empty(), "{fx:?}");
    let (msg, _) = m.status().message.clone().unwrap();
    assert!(msg.starts_with("Refused \"javascript:alert(1)\""), "{msg}");
    // The wheel moves the choice a link a notch, within the list.
    let (column, row) = (10, 10);
    m.update(Action::Mouse(Mouse::WheelUp { column, row }));
    assert_eq!(m.links().unwrap().selected, 0);
    m.update(Action::Mouse(Mouse::WheelDown { column, row }));
    m.update(Action::Mouse(Mouse::WheelDown { column, row }));
    assert_eq!(m.links().unwrap().selected, 1);
    assert_eq!(m.top().line, 0, "keys went to the overlay, not the entries");
    let fx = m.update(Action::Quit);
    assert!(m.links().is_none());
    assert!(
        !fx.contains(&Effect::Quit),
        "Esc closes the overlay before it quits"
    );
}

#[test]
fn an_entry_without_links_says_so() {
    let mut m = model(blog(3), 100, 30);
    m.update(Action::OpenLinks);
    assert!(m.links().is_none());
    assert_eq!(
        m.status().message.clone().unwrap().0,
        "This entry has no links"
    );
}

#[test]
fn question_mark_shows_the_help_over_an_open_list_and_the_list_is_there_after_it() {
    let mut m = model(linked_blog(), 100, 30);
    m.update(Action::OpenLinks);
    m.update(Action::ToggleHelp);
    assert!(m.show_help(), "? over the links list shows the help");
    assert!(m.links().is_some());
    // The help takes the keys while it is open: it scrolls, and the list's choice stays.
    m.update(Action::ScrollDown);
    assert_eq!(m.links().unwrap().selected, 0);
    m.update(Action::ToggleHelp);
    assert!(!m.show_help());
    m.update(Action::ScrollDown);
    assert_eq!(
        m.links().unwrap().selected,
        1,
        "the list has the keys again"
    );
}

#[test]
fn esc_closes_overlays_and_never_quits() {
    let mut m = model(linked_blog(), 100, 30);
    assert!(m.update(Action::Close).is_empty(), "nothing open: nothing");
    m.update(Action::ToggleHelp);
    assert!(m.update(Action::Close).is_empty());
    assert!(!m.show_help());
    m.update(Action::OpenLinks);
    assert!(m.links().is_some());
    assert!(m.update(Action::Close).is_empty());
    assert!(m.links().is_none());
    assert!(m.update(Action::Close).is_empty());
}

#[test]
fn the_help_scrolls_on_a_short_terminal_and_opens_at_its_top() {
    let mut m = model(blog(10), 50, 20);
    m.update(Action::ToggleHelp);
    assert_eq!(m.help_offset(), 0);
    m.update(Action::ScrollDown);
    m.update(Action::ScrollDown);
    assert_eq!(m.help_offset(), 2);
    assert_eq!(m.top().line, 0, "the entries stay where they were");
    m.update(Action::Bottom);
    let last = m.help_offset();
    assert!(last > 2);
    m.update(Action::ScrollDown);
    assert_eq!(m.help_offset(), last, "no further than the end");
    m.update(Action::ToggleHelp);
    m.update(Action::ToggleHelp);
    assert_eq!(m.help_offset(), 0);
}

#[test]
fn y_copies_the_top_entrys_permalink_o_opens_it_and_capital_y_copies_its_text() {
    let mut b = blog(5);
    b.url = Some("https://www.theguardian.com/world/live/2025/feb/17/summit".into());
    let mut m = model(b, 80, 24);
    m.update(Action::NextKeyEvent);
    let link =
        "https://www.theguardian.com/world/live/2025/feb/17/summit?page=with:block-e1#block-e1";
    assert_eq!(m.update(Action::CopyLink), vec![Effect::Copy(link.into())]);
    assert!(
        m.status()
            .message
            .as_ref()
            .unwrap()
            .0
            .starts_with("Copied the link")
    );
    assert_eq!(
        m.update(Action::OpenPermalink),
        vec![Effect::OpenUrl(link.into())]
    );
    let fx = m.update(Action::CopyText);
    let [Effect::Copy(text)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert!(text.starts_with("Key 1\n\ne1 line 0"), "{text}");
    // A file has no address to link to: said, nothing copied.
    let mut f = model(blog(2), 80, 24);
    assert!(f.update(Action::CopyLink).is_empty());
    assert!(
        f.status()
            .message
            .as_ref()
            .unwrap()
            .0
            .contains("no web address")
    );
}

#[test]
fn d_shows_what_the_last_edit_of_the_top_entry_changed() {
    let mut m = model(blog(6), 80, 24);
    assert!(m.update(Action::ShowDiff).is_empty());
    assert!(m.diff().is_none());
    assert!(m.status().message.as_ref().unwrap().0.contains("No edit"));
    let mut edited = blog(6);
    edited.entries[0].body[1] = Block::text("e0 line one, rewritten");
    m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(edited),
            at: jiff::Timestamp::UNIX_EPOCH,
        },
    ));
    m.update(Action::ShowDiff);
    let d = m.diff().expect("the diff is open");
    let text: String = d
        .lines
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
        .collect();
    assert!(
        text.contains("[-1-]") || text.contains("[-line 1-]"),
        "{text}"
    );
    assert!(text.contains("rewritten"), "{text}");
    m.update(Action::Close);
    assert!(m.diff().is_none());
}

#[test]
fn capital_k_shows_key_events_only_and_keeps_the_place_when_turned_off() {
    // Every third entry (e1, e4, e7…) is a key event.
    let mut m = model(blog(12), 80, 24);
    m.update(Action::PageDown);
    let place = m.top().clone();
    m.update(Action::ToggleKeyOnly);
    assert!(m.key_only());
    let shown: Vec<usize> = (0..12).filter(|&i| m.shown(i)).collect();
    assert_eq!(shown, [1, 4, 7, 10]);
    m.update(Action::ToggleKeyOnly);
    assert!(!m.key_only());
    assert_eq!(m.top(), &place, "the place is kept");
    // Scrolling passes over what the filter hides.
    m.update(Action::ToggleKeyOnly);
    m.update(Action::Top);
    for _ in 0..12 {
        m.update(Action::ScrollDown);
        let i = m.top_index().unwrap();
        assert!(m.shown(i) || m.top().line == 0, "top at hidden e{i}");
    }
}

/// Key events with long titles, as real blogs have: each wraps over several lines in a
/// sidebar of 24 columns.
fn long_titled(n: usize) -> LiveBlog {
    let mut b = blog(n);
    for (i, k) in b.key_events.iter_mut().enumerate() {
        k.title = format!(
            "Key {i}: leaders agree that security guarantees must come with a backstop, says the host"
        );
    }
    b
}

#[test]
fn the_sidebar_fits_long_titles_and_short_ones_leave_the_room_to_the_entries() {
    let long = model(long_titled(30), 80, 24);
    let short = model(blog(30), 80, 24);
    let w = |m: &Model| m.panes().sidebar.unwrap().width;
    assert!(w(&long) > 24, "{}", w(&long));
    assert!(
        w(&long) <= 32,
        "at most two fifths of 80 columns: {}",
        w(&long)
    );
    assert_eq!(w(&short), 24);
}

#[test]
fn angle_brackets_widen_and_narrow_the_sidebar_within_bounds_and_the_width_stays() {
    let mut m = model(long_titled(30), 100, 30);
    let w = |m: &Model| m.panes().sidebar.unwrap().width;
    let before = w(&m);
    m.update(Action::SidebarWider);
    assert_eq!(w(&m), before + 4);
    m.update(Action::SidebarNarrower);
    m.update(Action::SidebarNarrower);
    assert_eq!(w(&m), before - 4);
    m.update(Action::Resize {
        width: 120,
        height: 30,
    });
    assert_eq!(w(&m), before - 4, "the reader's width stays over a resize");
    for _ in 0..40 {
        m.update(Action::SidebarWider);
    }
    assert_eq!(w(&m), 120 - 30, "the entries keep 30 columns");
    assert!(
        m.status().message.is_some(),
        "the last press says why nothing moved"
    );
    for _ in 0..40 {
        m.update(Action::SidebarNarrower);
    }
    assert_eq!(w(&m), 16);
    // On a narrow terminal, where the sidebar is hidden, > shows it.
    let mut m = model(long_titled(30), 60, 20);
    assert!(m.panes().sidebar.is_none());
    m.update(Action::SidebarWider);
    assert!(m.panes().sidebar.is_some());
}

#[test]
fn the_sidebar_scrolled_by_the_wheel_starts_with_a_whole_item() {
    let mut m = model(long_titled(60), 80, 24);
    let s = m.panes().sidebar.unwrap();
    for _ in 0..5 {
        m.update(Action::Mouse(Mouse::WheelDown {
            column: s.x + 2,
            row: s.y + 3,
        }));
        let sb = m.sidebar();
        assert!(
            sb.starts.binary_search(&sb.offset).is_ok(),
            "line {} begins an item",
            sb.offset
        );
        assert!(sb.offset > 0);
    }
    for _ in 0..2 {
        m.update(Action::Mouse(Mouse::WheelUp {
            column: s.x + 2,
            row: s.y + 3,
        }));
        let sb = m.sidebar();
        assert!(sb.starts.binary_search(&sb.offset).is_ok());
    }
    // Selecting the last item scrolls so that it is whole, from an item's first line.
    m.update(Action::FocusSidebar);
    m.update(Action::Bottom);
    let sb = m.sidebar();
    assert!(sb.starts.binary_search(&sb.offset).is_ok());
    let last = sb.item_range(sb.len() - 1);
    assert!(last.end < sb.offset + usize::from(s.height));
}

#[test]
fn the_fitted_sidebar_width_stays_when_key_events_arrive_so_the_entries_do_not_reflow() {
    let mut m = model(blog(6), 100, 30);
    let w = |m: &Model| m.panes().sidebar.unwrap().width;
    let before = w(&m);
    let mut more = long_titled(30);
    more.title = "Test blog".into();
    m.update(loaded(more));
    assert_eq!(w(&m), before);
    // A new terminal width fits it again.
    m.update(Action::Resize {
        width: 80,
        height: 30,
    });
    assert!(w(&m) > 24, "fitted to the long titles now: {}", w(&m));
}

/// A ticker page with no live markup and no ids, `n` entries, newest first.
fn ticker_page(n: usize) -> LiveBlog {
    let items: String = (0..n)
        .rev()
        .map(|i| {
            format!(
                "<div class=\"item\"><p>{:02}:{:02} Entry {i}: {}</p></div>",
                12 + i / 60,
                i % 60,
                "words ".repeat(40)
            )
        })
        .collect::<Vec<_>>()
        .concat();
    let page = format!(
        "<!doctype html><html><head><title>Ticker</title></head><body>{items}</body></html>"
    );
    liveblog::formats::parse(page.as_bytes()).unwrap()
}

#[test]
fn a_guessed_page_read_again_keeps_the_place_and_the_unread_marks() {
    let first = ticker_page(20);
    assert_eq!(first.extracted, liveblog::blog::Extraction::Heuristic);
    let mut m = model(first.clone(), 100, 30);
    for _ in 0..40 {
        m.update(Action::ScrollDown);
    }
    let place = m.top().clone();
    // The same page again: nothing is new, nothing moves.
    m.update(loaded(ticker_page(20)));
    assert_eq!(*m.top(), place);
    assert_eq!(m.new_above(), 0);
    assert!(m.unread().is_empty());
    // The page with two more entries on top: those two are new, the reader stays put.
    m.update(loaded(ticker_page(22)));
    assert_eq!(*m.top(), place, "same entry, same line");
    assert_eq!(m.new_above(), 2);
    assert_eq!(m.unread().len(), 2);
}

#[test]
fn a_saved_guardian_page_with_older_pages_says_where_they_are() {
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json"
    ))
    .unwrap();
    let saved = liveblog::formats::parse(&page).unwrap();
    let mut m = model(saved, 100, 30);
    assert!(
        m.update(Action::LoadOlder).is_empty(),
        "a file fetches nothing"
    );
    assert_eq!(
        m.status().message.clone().unwrap().0,
        "Older entries are not in this file; they are at https://www.theguardian.com/politics/live/2023/dec/13/james-cleverly-rwanda-bill-immigration-asylum-rishi-sunak-keir-starmer-pmqs-politics-live-latest?page=with:block-6579c37e8f08e3b7ab1a2fd6"
    );
    // A saved WordPress Liveblog page, page 1 of 3: its pages are not addresses to give.
    let wp = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wordpress-liveblog/wp-liveblog-get-entries-paged.json"
    ))
    .unwrap();
    let mut m = model(liveblog::formats::parse(&wp).unwrap(), 100, 30);
    m.update(Action::LoadOlder);
    assert_eq!(
        m.status().message.clone().unwrap().0,
        "Older entries are not in this file"
    );
    // A file without pagination has nothing more to say.
    let mut plain = model(blog(3), 100, 30);
    plain.update(Action::LoadOlder);
    assert_eq!(
        plain.status().message.clone().unwrap().0,
        "No older entries to load"
    );
}

#[test]
fn the_clock_ticks_each_second_only_while_the_status_bar_shows_seconds() {
    let second = std::time::Duration::from_secs(1);
    let minute = std::time::Duration::from_secs(60);
    // A file read once: relative times only.
    let mut m = model(blog(10), 100, 30);
    assert_eq!(m.clock_period(), minute);
    // A fetch turns the spinner.
    m.update(Action::Live(0, Event::Started));
    assert_eq!(m.clock_period(), second);
    m.update(Action::Live(0, Event::Unchanged { at: at() }));
    assert_eq!(m.clock_period(), minute);
    // A countdown to the next check, but not while paused.
    let mut m = following(blog(10));
    assert_eq!(m.clock_period(), minute, "no check scheduled yet");
    let next = at() + jiff::SignedDuration::from_secs(30);
    m.update(Action::Live(0, Event::Scheduled { at: Some(next) }));
    assert_eq!(m.clock_period(), second);
    m.update(Action::TogglePause);
    assert!(m.status().paused);
    assert_eq!(m.clock_period(), minute);
    m.update(Action::TogglePause);
    assert_eq!(m.clock_period(), second);
    // No more checks (the blog ended): back to minutes.
    m.update(Action::Live(0, Event::Scheduled { at: None }));
    assert_eq!(m.clock_period(), minute);
}

#[test]
fn an_entry_of_which_only_the_break_below_shows_is_no_longer_the_one_being_read() {
    let mut m = model(blog(20), 100, 30);
    // Down to the first line of e0's break (its blank, rule and blank lines).
    for _ in 0..40 {
        if m.reading_index() != Some(0) {
            break;
        }
        m.update(Action::ScrollDown);
    }
    assert_eq!(top_id(&m), "e0", "the place is still in e0's lines");
    assert_eq!(m.reading_index(), Some(1), "but none of its words shows");
    assert_eq!(m.subject_index(), Some(1), "so the entry keys are for e1");
    let key_e1 = m.blog().key_events.iter().position(|k| k.title == "Key 1");
    assert_eq!(
        m.sidebar().current,
        key_e1,
        "and the sidebar is under e1's key event"
    );
    // A new minute (relative times change, every layout is made again) changes none of that.
    for minute in [1, 2] {
        m.update(Action::Tick(
            jiff::Timestamp::from_second(minute * 60).unwrap(),
        ));
        assert_eq!(m.reading_index(), Some(1));
        assert_eq!(
            m.sidebar().current,
            key_e1,
            "after a tick into minute {minute}"
        );
    }
    m.update(Action::ScrollUp);
    assert_eq!(m.reading_index(), Some(0), "a line of e0's own back on top");
}

#[test]
fn a_resize_keeps_the_entry_being_read() {
    let long = |id: &str| Entry {
        id: id.into(),
        body: vec![Block::text(
            "Leaders met in Paris to talk about security guarantees for Ukraine. ".repeat(12),
        )],
        ..Entry::default()
    };
    let b = || LiveBlog {
        title: "Test blog".into(),
        entries: ["e0", "e1", "e2", "e3", "e4", "e5"].map(long).to_vec(),
        ..LiveBlog::default()
    };
    // In the break below e0 (only its rule and blank lines on top): reading e1, at any width.
    let mut m = model(b(), 100, 30);
    for _ in 0..60 {
        if m.reading_index() != Some(0) {
            break;
        }
        m.update(Action::ScrollDown);
    }
    assert_eq!((top_id(&m), m.reading_index()), ("e0", Some(1)));
    for (w, h) in [(50, 30), (140, 30), (100, 30)] {
        m.update(Action::Resize {
            width: w,
            height: h,
        });
        assert_eq!(
            (top_id(&m), m.reading_index()),
            ("e0", Some(1)),
            "at {w}×{h}"
        );
    }
    // On e0's last line of text: still reading e0 once the lines are longer.
    let mut m = model(b(), 50, 30);
    m.update(Action::ScrollDown);
    while m.reading_index() == Some(0) {
        m.update(Action::ScrollDown);
    }
    m.update(Action::ScrollUp);
    assert_eq!((top_id(&m), m.reading_index()), ("e0", Some(0)));
    m.update(Action::Resize {
        width: 140,
        height: 30,
    });
    assert_eq!((top_id(&m), m.reading_index()), ("e0", Some(0)));
}

#[test]
fn the_help_legend_never_parts_a_mark_from_what_it_means() {
    let m = model(seed(), 100, 30);
    for width in 24..=100 {
        let lines: Vec<String> = liveblog::tui::help_layout::lines(&m, width)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        for (mark, meaning) in [
            ("◆", "◆ pinned"),
            ("▶", "▶ the key event"),
            ("★ ▌", "★ ▌ key event"),
        ] {
            for l in lines.iter().filter(|l| l.contains(mark)) {
                assert!(l.contains(meaning), "{width} columns: {l:?}");
            }
        }
    }
}

fn politics() -> LiveBlog {
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json"
    ))
    .unwrap();
    liveblog::formats::parse(&page).unwrap()
}

/// The politics blog at 110×30, `G` then `k` twenty times: the top of its last entry.
fn near_the_end() -> Model {
    let mut m = model(politics(), 110, 30);
    m.update(Action::Bottom);
    for _ in 0..20 {
        m.update(Action::ScrollUp);
    }
    let last = m.blog().entries.len();
    assert_eq!(m.top_index(), Some(last - 1));
    assert_eq!(m.position(), Some((last, last)));
    m
}

fn resize(m: &mut Model, width: u16, height: u16) {
    m.update(Action::Resize { width, height });
}

#[test]
fn a_terminal_made_taller_near_the_end_and_back_gives_the_place_back() {
    let mut m = near_the_end();
    let place = m.top().clone();
    let counter = m.position();
    resize(&mut m, 110, 120);
    // The taller pane is filled with the entries above; the counter names the one on top.
    assert!(m.top_index() < place_index(&m, &place));
    assert_eq!(
        m.position().map(|(at, _)| at),
        m.reading_index().map(|i| i + 1)
    );
    resize(&mut m, 110, 30);
    assert_eq!(*m.top(), place);
    assert_eq!(m.position(), counter);
}

#[test]
fn a_window_maximised_near_the_end_and_back_gives_the_place_back() {
    // Wider and taller at once, over several steps, as a window being dragged.
    let mut m = near_the_end();
    let place = m.top().clone();
    for (w, h) in [(140, 50), (200, 60), (110, 30)] {
        resize(&mut m, w, h);
    }
    assert_eq!(*m.top(), place);
}

#[test]
fn refreshes_while_the_terminal_is_taller_do_not_lose_the_place() {
    let mut m = near_the_end();
    let place = m.top().clone();
    resize(&mut m, 110, 120);
    let blog = m.blog().clone();
    m.update(Action::Live(0, Event::Started));
    m.update(Action::Live(0, Event::Unchanged { at: at() }));
    m.update(loaded(blog));
    m.update(Action::Tick(at()));
    resize(&mut m, 110, 30);
    assert_eq!(*m.top(), place);
}

#[test]
fn a_move_while_the_terminal_is_taller_is_the_new_place() {
    let mut m = near_the_end();
    resize(&mut m, 110, 120);
    m.update(Action::ScrollUp);
    let place = m.top().clone();
    resize(&mut m, 110, 30);
    assert_eq!(*m.top(), place);
}

#[test]
fn re_wrapping_near_the_end_keeps_the_entry_at_the_top() {
    let mut m = near_the_end();
    let place = m.top().clone();
    for (w, h) in [(80, 30), (60, 30), (110, 30), (200, 30), (110, 30)] {
        resize(&mut m, w, h);
        if w <= 110 {
            assert_eq!(m.top().id, place.id, "at {w}×{h}");
        }
    }
    assert_eq!(*m.top(), place);
}

fn place_index(m: &Model, place: &liveblog::tui::model::Anchor) -> Option<usize> {
    let id = place.id.as_deref()?;
    m.blog().entries.iter().position(|e| e.id == id)
}

#[test]
fn leaving_while_the_terminal_is_taller_keeps_the_place_not_what_fills_the_pane() {
    let mut m = near_the_end();
    let place = m.top().clone();
    resize(&mut m, 110, 120);
    let kept = m.read_state(0, at()).unwrap().place.unwrap();
    assert_eq!((Some(kept.id), kept.line), (place.id, place.line));
}

/// The sidebar's first item in view, its offset and whether the list leaves rows empty below
/// its end that the item above the first in view would fit in.
fn sidebar_view(m: &Model) -> (Option<usize>, usize, bool) {
    let sb = m.sidebar();
    let h = usize::from(m.panes().sidebar.unwrap().height);
    let first = sb.starts.binary_search(&sb.offset);
    assert!(first.is_ok(), "line {} begins an item", sb.offset);
    let above = first.unwrap().checked_sub(1).map(|k| sb.starts[k]);
    let spare = !sb.partial() && above.is_some_and(|start| start + h >= sb.line_count());
    (sb.item_at_line(sb.offset), sb.offset, spare)
}

#[test]
fn a_resize_keeps_the_sidebar_on_the_same_items_without_rows_to_spare() {
    let mut m = model(long_titled(60), 80, 24);
    let s = m.panes().sidebar.unwrap();
    for _ in 0..8 {
        m.update(Action::Mouse(Mouse::WheelDown {
            column: s.x + 2,
            row: s.y + 3,
        }));
    }
    let (first, offset, _) = sidebar_view(&m);
    assert!(offset > 0);
    // Another width wraps the titles again: the same item stays first in view.
    for (w, h) in [(120, 24), (60, 24), (80, 24)] {
        resize(&mut m, w, h);
        if m.panes().sidebar.is_some() {
            assert_eq!(sidebar_view(&m).0, first, "at {w}×{h}");
        }
    }
    // Scrolled to its end, a taller sidebar shows more of the list above, not empty rows.
    for _ in 0..200 {
        m.update(Action::Mouse(Mouse::WheelDown {
            column: s.x + 2,
            row: s.y + 3,
        }));
    }
    let end = sidebar_view(&m).0;
    for (w, h) in [(80, 60), (120, 60), (80, 200)] {
        resize(&mut m, w, h);
        let (_, _, empty_below) = sidebar_view(&m);
        assert!(!empty_below, "at {w}×{h}");
    }
    // And back: the items it showed before.
    resize(&mut m, 80, 24);
    assert_eq!(sidebar_view(&m).0, end);
}

/// Scrolled in a narrow terminal, where each key's description wraps under it, the help keeps
/// the key first in view when the terminal is made wider, and back.
#[test]
fn the_help_keeps_the_key_first_in_view_across_a_resize() {
    let mut m = model(blog(10), 30, 8);
    m.update(Action::ToggleHelp);
    let first = |m: &Model| {
        let lines = liveblog::tui::help_layout::lines(m, m.size().0);
        let l = &lines[m.help_offset()];
        l.spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>()
    };
    // Down to the second key's first line ("k Up"), past the three lines of "j Down".
    while !first(&m).starts_with('k') {
        m.update(Action::ScrollDown);
    }
    m.update(Action::Resize {
        width: 100,
        height: 12,
    });
    assert!(first(&m).starts_with('k'), "{}", first(&m));
    m.update(Action::Resize {
        width: 30,
        height: 8,
    });
    assert!(first(&m).starts_with('k'), "{}", first(&m));
}
