//! Pure tests of the reader across sittings: the kept read state restores the place and the
//! unread marks, the catch-up line and list say what changed, `u`/`U` mark read, and a
//! refresh that brings a key event raises one alert.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/sittings.rs"]
mod sittings;

use liveblog::alert::{Keywords, NotifyMode};
use liveblog::blog::{Block, LiveBlog};
use liveblog::live::Event;
use liveblog::tui::action::{Action, Effect, Mouse};
use liveblog::tui::model::{AlertOptions, Model, ReaderOptions};
use liveblog::tui::theme::Theme;
use sittings::{at, blog, model};

fn first_sitting() -> liveblog::store::ReadState {
    let b = blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    let mut m = model(b, None);
    m.update(Action::ScrollDown);
    m.update(Action::ScrollDown);
    m.read_state(0, at(5).instant()).unwrap()
}

#[test]
fn reopening_restores_the_place_and_says_what_changed_since() {
    let state = first_sitting();
    assert_eq!(state.place.as_ref().unwrap().id, "3");
    // Meanwhile: two new entries (one a key event), and entry 1 edited.
    let mut later = blog(&[
        ("5", 8, true),
        ("4", 7, false),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    later.entries[4].body.push(Block::text("Update: more."));
    let mut m = model(later, None);
    m.restore(0, state);
    assert_eq!(m.top().id.as_deref(), Some("3"));
    assert_eq!(m.top().line, 2);
    let (msg, _) = m.status().message.clone().unwrap();
    assert!(
        msg.starts_with("since 13:05: 2 new · 1 key event · 1 edited"),
        "{msg}"
    );
    assert!(m.unread().contains("5") && m.unread().contains("4"));
    assert!(!m.unread().contains("3"));
    // The list: the new key event first, then the rest oldest first.
    m.update(Action::CatchUp);
    let items: Vec<String> = m
        .catch_up_list()
        .unwrap()
        .items
        .iter()
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(items, ["5", "1", "4"]);
    // Drawn above the status bar, which stays as it is without the list.
    let (shown, over) = (bar(&m), screen_of(&m));
    m.update(Action::Close);
    assert!(m.catch_up_list().is_none());
    assert_ne!(over, screen_of(&m), "the list was drawn");
    assert_eq!(shown, bar(&m));
    m.update(Action::CatchUp);
    m.update(Action::ScrollDown);
    m.update(Action::Select);
    assert!(m.catch_up_list().is_none());
    assert_eq!(m.top().id.as_deref(), Some("1"));
    // The wheel moves the choice an item a notch.
    m.update(Action::CatchUp);
    for _ in 0..2 {
        m.update(Action::Mouse(Mouse::WheelDown { column: 5, row: 5 }));
    }
    m.update(Action::Select);
    assert_eq!(m.top().id.as_deref(), Some("4"));
}

#[test]
fn an_edited_key_event_is_listed_as_edited_not_as_new() {
    // Since the last sitting: key event 2 edited, and a new key event 4.
    let mut later = blog(&[
        ("4", 7, true),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    later.entries[2].body.push(Block::text("Update: more."));
    let mut m = model(later, None);
    m.restore(0, first_sitting());
    m.update(Action::CatchUp);
    let items = m.catch_up_list().unwrap().items.clone();
    assert_eq!(
        items,
        [
            ("4".to_string(), "★ key event: Key 4".to_string()),
            ("2".to_string(), "edited ★ key event: Key 2".to_string()),
        ]
    );
}

#[test]
fn an_entry_made_a_key_event_since_is_listed_as_the_line_counts_it() {
    // Since the last sitting: entry 3, seen as it was, made a key event; entry 1 made one and
    // edited; a new entry 4.
    let mut later = blog(&[
        ("4", 7, false),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    later.entries[1].key_event = true;
    later.entries[3].key_event = true;
    later.entries[3].body.push(Block::text("Update: more."));
    let mut m = model(later, None);
    m.restore(0, first_sitting());
    let (msg, _) = m.status().message.clone().unwrap();
    assert!(
        msg.starts_with("since 13:05: 1 new · 2 key events · 1 edited"),
        "{msg}"
    );
    m.update(Action::CatchUp);
    let items = m.catch_up_list().unwrap().items.clone();
    assert_eq!(
        items,
        [
            (
                "3".to_string(),
                "★ now a key event: Entry 3, paragraph 0, with some text to read.".to_string()
            ),
            (
                "1".to_string(),
                "★ now a key event, edited: Entry 1, paragraph 0, with some text to read."
                    .to_string()
            ),
            (
                "4".to_string(),
                "new: Entry 4, paragraph 0, with some text to read.".to_string()
            ),
        ]
    );
}

#[test]
fn a_page_of_older_entries_does_not_bring_the_catch_up_line_back() {
    let later = blog(&[
        ("4", 7, false),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    let mut m = model(later.clone(), None);
    m.restore(0, first_sitting());
    let (msg, _) = m.status().message.clone().unwrap();
    assert!(msg.starts_with("since 13:05: 1 new"), "{msg}");
    // Something else said since.
    m.update(Action::Pasted("x".into()));
    let mut older = later;
    older.entries.push(sittings::entry("0", 0, false));
    m.update(Action::Live(
        0,
        Event::HistoryLoaded {
            blog: Box::new(older),
            jump_to: None,
        },
    ));
    assert_eq!(m.blog().entries.len(), 5);
    let said = m.status().message.clone();
    assert!(
        said.as_ref()
            .is_none_or(|(m, _)| !m.contains("since 13:05")),
        "{said:?}"
    );
}

/// A source that gives times where it gave none (a replay of an undated page as its first
/// new entry comes), moves an entry or saves it again unchanged has not edited it: `d` would
/// show no difference, so the catch-up calls nothing edited.
#[test]
fn times_given_moved_or_saved_again_are_no_edit_since_the_last_sitting() {
    let mut undated = blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    for e in &mut undated.entries {
        e.published = None;
    }
    let state = model(undated, None).read_state(0, at(5).instant()).unwrap();
    let mut later = blog(&[
        ("4", 7, false),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    later.entries[2].updated = Some(at(6));
    later.entries[3].published = Some(at(0));
    let mut m = model(later, None);
    m.restore(0, state);
    let (msg, _) = m.status().message.clone().unwrap();
    assert!(msg.starts_with("since 13:05: 1 new · c"), "{msg}");
}

#[test]
fn a_reader_that_shows_its_first_screen_first_says_the_catch_up_just_after_it() {
    let later = blog(&[
        ("4", 7, true),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    let mut m = Model::new(
        later,
        ReaderOptions {
            first_screen_first: true,
            ..ReaderOptions::new(
                "Guardian",
                Theme::new(false),
                jiff::tz::TimeZone::UTC,
                (80, 24),
            )
        },
    );
    m.restore(0, first_sitting());
    // The first screen: the place and the unread marks, not yet the sum of what changed.
    assert_eq!(m.top().id.as_deref(), Some("3"));
    assert!(m.unread().contains("4"));
    assert!(m.status().message.is_none());
    m.after_first_screen();
    let (msg, _) = m.status().message.clone().unwrap();
    assert!(msg.starts_with("since 13:05: 1 new · 1 key event"), "{msg}");
}

#[test]
fn every_refresh_counts_the_edits_since_the_last_sitting_anew() {
    let loaded = |m: &mut Model, b: LiveBlog, minute: u32| {
        m.update(Action::Live(
            0,
            Event::Loaded {
                blog: Box::new(b),
                at: at(minute).instant(),
            },
        ));
    };
    let edited = |b: &mut LiveBlog, id: &str, n: u32| {
        let e = b.entries.iter_mut().find(|e| e.id == id).unwrap();
        e.body.push(Block::text(format!("Update {n}.")));
    };
    let says = |m: &Model, start: &str| {
        let message = m.status().message.clone().unwrap().0;
        assert!(message.starts_with(start), "{message}");
    };
    let mut m = model(
        blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]),
        None,
    );
    m.restore(0, first_sitting());
    assert!(m.status().message.is_none(), "nothing changed yet");
    // Entry 1 is edited, then entry 3, then entry 1 again: each time the sum is of everything
    // that differs from the last sitting, however often an entry was seen unchanged before.
    let mut b = blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    edited(&mut b, "1", 1);
    loaded(&mut m, b.clone(), 10);
    says(&m, "since 13:05: 1 edited");
    edited(&mut b, "3", 2);
    loaded(&mut m, b.clone(), 11);
    says(&m, "since 13:05: 2 edited");
    // Entry 3 back as it was: no longer an edit.
    b.entries[0].body.pop();
    edited(&mut b, "1", 3);
    loaded(&mut m, b.clone(), 12);
    says(&m, "since 13:05: 1 edited");
    // Kept as read now: the next sitting on the same blog finds nothing changed.
    let state = m.read_state(0, at(13).instant()).unwrap();
    let mut again = model(b, None);
    again.restore(0, state);
    assert!(again.status().message.is_none());
}

#[test]
fn fingerprints_sent_ahead_of_a_version_are_the_ones_its_catch_up_takes_and_only_its() {
    // Entry 1 edited since the last sitting.
    let mut b = blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    b.entries[2].body.push(Block::text("Update: more."));
    // The catch-up line after the fingerprints `prints`, then `between` (if any), then `b`.
    let says = |prints: liveblog::store::Fingerprints, between: Option<Event>| {
        let mut m = model(
            blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]),
            None,
        );
        m.restore(0, first_sitting());
        let loaded = Event::Loaded {
            blog: Box::new(b.clone()),
            at: at(10).instant(),
        };
        let events = [
            Some(Event::Fingerprints(Box::new(prints))),
            between,
            Some(loaded),
        ];
        for e in events.into_iter().flatten() {
            m.update(Action::Live(0, e));
        }
        m.status().message.clone().unwrap().0
    };
    let true_ones = liveblog::store::fingerprints_of(&b);
    let mut lying = true_ones.clone();
    lying.insert("2".into(), 1);
    // Fingerprints that say entry 2 was edited too (as if taken from another version) are
    // believed: they are the ones taken, not taken again on the loop.
    let told = says(lying.clone(), None);
    assert!(told.starts_with("since 13:05: 2 edited"), "{told}");
    // The true ones give what the loop would have found.
    let told = says(true_ones, None);
    assert!(told.starts_with("since 13:05: 1 edited"), "{told}");
    // Another event between them and the version: they are let go, and the loop takes its own.
    let unchanged = Event::Unchanged {
        at: at(9).instant(),
    };
    let told = says(lying, Some(unchanged));
    assert!(told.starts_with("since 13:05: 1 edited"), "{told}");
}

#[test]
fn a_first_visit_has_no_catch_up_and_marks_nothing() {
    let mut m = model(blog(&[("1", 1, false)]), None);
    m.restore(0, liveblog::store::ReadState::default());
    assert!(m.status().message.is_none());
    assert!(m.unread().is_empty());
    m.update(Action::CatchUp);
    assert!(m.catch_up_list().is_none());
    let said = m.status().message.clone().unwrap().0;
    assert!(said.contains("the catch-up starts next time"), "{said}");
}

#[test]
fn a_blog_that_keeps_no_state_never_promises_a_catch_up() {
    // The bundled replay (or no state directory): nothing restored, nothing kept.
    let mut m = model(blog(&[("1", 1, false)]), None);
    m.update(Action::CatchUp);
    assert!(m.catch_up_list().is_none());
    let said = m.status().message.clone().unwrap().0;
    assert_eq!(
        said,
        "Nothing is kept between sittings here, so there is no catch-up"
    );
}

#[test]
fn u_marks_the_top_entry_read_and_capital_u_everything_above() {
    let mut m = model(blog(&[("2", 2, false), ("1", 1, false)]), None);
    // Scrolled away, three entries arrive.
    m.update(Action::ScrollDown);
    m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(blog(&[
                ("5", 5, false),
                ("4", 4, false),
                ("3", 3, false),
                ("2", 2, false),
                ("1", 1, false),
            ])),
            at: at(6).instant(),
        },
    ));
    assert_eq!(m.unread().len(), 3);
    assert_eq!(m.new_above(), 3);
    m.update(Action::MarkAllRead);
    assert!(m.unread().is_empty());
    assert_eq!(m.new_above(), 0);
    // The kept state has them as seen.
    let state = m.read_state(0, at(7).instant()).unwrap();
    assert!(state.seen.contains("5"));
}

#[test]
fn a_refresh_with_a_key_event_raises_one_alert_and_none_without_notify() {
    let old = blog(&[("1", 1, false)]);
    let new = blog(&[
        ("4", 4, false),
        ("3", 3, true),
        ("2", 2, false),
        ("1", 1, false),
    ]);
    let loaded = |b: &LiveBlog| {
        Action::Live(
            0,
            Event::Loaded {
                blog: Box::new(b.clone()),
                at: at(6).instant(),
            },
        )
    };
    let opts = AlertOptions {
        mode: NotifyMode::KeyEvents,
        keywords: Keywords::default(),
    };
    let mut m = model(old.clone(), Some(opts));
    let alerts: Vec<Effect> = m
        .update(loaded(&new))
        .into_iter()
        .filter(|e| matches!(e, Effect::Alert(_)))
        .collect();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    let Effect::Alert(a) = &alerts[0] else {
        unreachable!()
    };
    // Named by the blog's title, as `follow` names it (the reader's source name is the
    // blog's address).
    assert_eq!(a.source, "Summit");
    assert_eq!(a.new, 3);
    assert_eq!(a.key_events, 1);
    let mut quiet = model(old.clone(), None);
    assert!(
        !quiet
            .update(loaded(&new))
            .iter()
            .any(|e| matches!(e, Effect::Alert(_)))
    );
    // A blog another reader holds rings there, not here as well.
    let mut second = model(
        old.clone(),
        Some(AlertOptions {
            mode: NotifyMode::KeyEvents,
            keywords: Keywords::default(),
        }),
    );
    second.held_by_another(0);
    let mut third = model(
        old,
        Some(AlertOptions {
            mode: NotifyMode::KeyEvents,
            keywords: Keywords::default(),
        }),
    );
    third.held_by_another(0);
    assert!(
        !second
            .update(loaded(&new))
            .iter()
            .any(|e| matches!(e, Effect::Alert(_)))
    );
    // Once the other reader has ended and this one holds the blog, it rings.
    third.update(Action::Live(0, Event::HeldHere));
    assert!(
        third
            .update(loaded(&new))
            .iter()
            .any(|e| matches!(e, Effect::Alert(_)))
    );
}

#[test]
fn a_keyword_alerts_even_without_a_key_event() {
    let old = blog(&[("1", 1, false)]);
    let mut new = blog(&[("2", 2, false), ("1", 1, false)]);
    new.entries[0].body = vec![Block::text("Talks of a ceasefire resume.")];
    let opts = AlertOptions {
        mode: NotifyMode::KeyEvents,
        keywords: Keywords::new(["Ceasefire"]),
    };
    let mut m = model(old, Some(opts));
    let fx = m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(new),
            at: at(6).instant(),
        },
    ));
    assert!(fx.iter().any(|e| matches!(e, Effect::Alert(_))), "{fx:?}");
}

#[test]
fn what_an_edited_entry_said_before_is_kept_for_d_in_the_next_sitting() {
    let mut m = model(blog(&[("2", 2, false), ("1", 1, false)]), None);
    let mut edited = blog(&[("2", 2, false), ("1", 1, false)]);
    edited.entries[0].body[0] = Block::text("Entry 2, paragraph 0, rewritten after the briefing.");
    edited.entries[0].updated = Some(at(5));
    m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(edited.clone()),
            at: at(5).instant(),
        },
    ));
    let state = m.read_state(0, at(6).instant()).unwrap();
    assert_eq!(state.previous.len(), 1, "{:?}", state.previous);
    assert!(state.previous["2"].contains("Entry 2, paragraph 0, with some text"));

    // The next sitting opens the edited version; `d` still shows what changed.
    let mut again = model(edited, None);
    again.restore(0, state);
    again.update(Action::Top);
    again.update(Action::ShowDiff);
    let diff = again.diff().expect("the diff of the last edit");
    let text: String = format!("{diff:?}");
    assert!(text.contains("rewritten"), "{text}");
}

#[test]
fn the_diff_scrolls_within_its_lines() {
    let diff_of = |paragraphs: usize| {
        let mut m = model(blog(&[("2", 2, false), ("1", 1, false)]), None);
        let mut edited = blog(&[("2", 2, false), ("1", 1, false)]);
        edited.entries[0].body = (0..paragraphs)
            .map(|i| Block::text(format!("Paragraph {i} of the text as rewritten.")))
            .collect();
        m.update(Action::Live(
            0,
            Event::Loaded {
                blog: Box::new(edited),
                at: at(5).instant(),
            },
        ));
        m.update(Action::Top);
        m.update(Action::ShowDiff);
        m
    };
    // A short diff in an 80×24 terminal: nothing to scroll, however many keys.
    let mut m = diff_of(1);
    for _ in 0..50 {
        m.update(Action::ScrollDown);
    }
    m.update(Action::PageDown);
    m.update(Action::Bottom);
    assert_eq!(m.diff().expect("the diff").offset, 0);
    // A long one scrolls to its last line at the frame's foot (the 23 rows above the status
    // bar, less a row above and below the frame and the border's two), and no further: one
    // key back moves it at once.
    let mut m = diff_of(40);
    for _ in 0..500 {
        m.update(Action::ScrollDown);
    }
    let lines = m.diff().expect("the long diff").wrapped(80).len();
    assert!(lines > 40, "{lines}");
    assert_eq!(m.diff().unwrap().offset, lines - 19);
    m.update(Action::ScrollUp);
    assert_eq!(m.diff().unwrap().offset, lines - 20);
    // The wheel scrolls it three lines a notch.
    m.update(Action::Mouse(Mouse::WheelUp { column: 5, row: 5 }));
    assert_eq!(m.diff().unwrap().offset, lines - 23);
    m.update(Action::Mouse(Mouse::WheelDown { column: 5, row: 5 }));
    assert_eq!(m.diff().unwrap().offset, lines - 20);
    // Drawn above the status bar, which stays as it is without the diff.
    let shown = bar(&m);
    assert!(screen_of(&m).contains("[+inserted+]"));
    m.update(Action::Close);
    assert!(m.diff().is_none());
    assert_eq!(shown, bar(&m));
    m.update(Action::ShowDiff);
    m.update(Action::Bottom);
    assert_eq!(m.diff().unwrap().offset, lines - 19);
    // Ten rows taller: ten lines less scrolled, the last line still at the foot.
    m.update(Action::Resize {
        width: 80,
        height: 34,
    });
    assert_eq!(m.diff().unwrap().offset, lines - 29);
}

#[test]
fn d_on_an_entry_the_catch_up_calls_edited_without_its_earlier_text_says_so() {
    // Entry 1 changed between sittings while another reader held the blog: its fingerprint
    // says so, but no earlier text was kept to show.
    let mut later = blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    later.entries[2].body.push(Block::text("Update: more."));
    let mut m = model(later, None);
    m.restore(0, first_sitting());
    m.update(Action::CatchUp);
    m.update(Action::Select);
    assert_eq!(m.top().id.as_deref(), Some("1"));
    m.update(Action::ShowDiff);
    assert!(m.diff().is_none());
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(
        msg,
        "Edited since you last looked; what it said before was not kept"
    );
    // An entry never edited says that.
    m.update(Action::Top);
    m.update(Action::ShowDiff);
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(msg, "No edit of this entry seen since the reader opened it");
}

#[test]
fn a_catch_up_with_nothing_new_says_what_is_still_unread() {
    let same = || blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    let mut m = model(same(), None);
    m.restore(0, first_sitting());
    m.update(Action::CatchUp);
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(msg, "Nothing new since you last looked");
    // Entry 1 came while the last sitting looked elsewhere: never on screen, still marked.
    let mut state = first_sitting();
    state.seen.remove("1");
    let mut m = model(same(), None);
    m.restore(0, state);
    m.update(Action::CatchUp);
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(
        msg,
        "Nothing new since you last looked; 1 entry is still unread (●)"
    );
}

/// The status bar of an 80×24 screen.
fn bar(m: &Model) -> String {
    bar_at(m, 80)
}

/// The status bar's row on a test screen `w` columns wide.
fn bar_at(m: &Model, w: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, 24)).unwrap();
    t.draw(|f| liveblog::tui::ui::draw(f, m)).unwrap();
    let buf = t.backend().buffer();
    (0..w).map(|x| buf[(x, 23)].symbol()).collect()
}

/// Back after the first sitting: one new key event, one entry edited.
fn back_with_news() -> Model {
    let mut later = blog(&[
        ("4", 7, true),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    later.entries[3].body.push(Block::text("Update: more."));
    let mut m = model(later, None);
    m.restore(0, first_sitting());
    m.after_first_screen();
    m
}

#[test]
fn a_catch_up_too_long_for_the_bar_is_cut_before_what_to_press() {
    let m = back_with_news();
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(
        msg,
        "since 13:05: 1 new · 1 key event · 1 edited · c to catch up"
    );
    let bar = bar(&m);
    assert!(
        bar.contains(" since 13:05: 1 new · 1 key event · c to catch up "),
        "{bar}"
    );
}

#[test]
fn a_blog_another_reader_holds_says_so_beside_the_catch_up_in_either_order() {
    let note = "Another liveblog (PID 7) has this blog open: your place is kept there";
    for held_first in [true, false] {
        let mut later = blog(&[
            ("4", 7, false),
            ("3", 3, false),
            ("2", 2, true),
            ("1", 1, false),
        ]);
        later.entries[3].body.push(Block::text("Update: more."));
        let mut m = model(later, None);
        if held_first {
            m.held_elsewhere(note.into());
        }
        m.restore(0, first_sitting());
        m.after_first_screen();
        if !held_first {
            m.held_elsewhere(note.into());
        }
        let (msg, _) = m.status().message.clone().unwrap();
        assert_eq!(
            msg,
            format!("{note} · since 13:05: 1 new · 1 edited · c to catch up"),
            "held first: {held_first}"
        );
        // The note comes first: a bar too narrow for it all keeps it.
        m.update(Action::Resize {
            width: 120,
            height: 24,
        });
        let bar = bar_at(&m, 120);
        assert!(bar.contains(note), "{bar}");
        // A refresh before any key (a live blog's first, at once) still says it.
        m.update(Action::Live(
            0,
            Event::Loaded {
                blog: Box::new(blog(&[
                    ("4", 7, false),
                    ("3", 3, false),
                    ("2", 2, true),
                    ("1", 1, false),
                ])),
                at: at(8).instant(),
            },
        ));
        let (msg, _) = m.status().message.clone().unwrap();
        assert!(msg.contains(note), "{msg}");
        // Said until a key: the next refresh's catch-up line is the catch-up alone.
        m.update(Action::ScrollDown);
        m.update(Action::Live(
            0,
            Event::Loaded {
                blog: Box::new(blog(&[
                    ("5", 8, false),
                    ("4", 7, false),
                    ("3", 3, false),
                    ("2", 2, true),
                    ("1", 1, false),
                ])),
                at: at(9).instant(),
            },
        ));
        let msg = m.status().message.clone().map(|(m, _)| m);
        assert!(
            msg.as_ref()
                .is_some_and(|m| m.starts_with("since 13:05: 2 new")),
            "{msg:?}"
        );
        assert!(!msg.unwrap_or_default().contains("Another liveblog"));
    }
}

#[test]
fn a_blog_that_ended_while_away_says_so_and_still_offers_the_catch_up() {
    let mut m = back_with_news();
    let mut ended = blog(&[
        ("5", 8, false),
        ("4", 7, true),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    ended.entries[4].body.push(Block::text("Update: more."));
    ended.state = liveblog::blog::LiveState::Ended;
    m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(ended),
            at: at(8).instant(),
        },
    ));
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(
        msg,
        "The live blog has ended · since 13:05: 2 new · 1 key event · 1 edited · c to catch up"
    );
}

#[test]
fn the_entry_keys_are_for_an_entry_jumped_to_that_could_not_come_to_the_top() {
    // Entry 1, the oldest and short, cannot come to the top: the pane stops at the blog's end.
    let short = |b: &mut LiveBlog| b.entries[2].body.truncate(1);
    let mut before = blog(&[("3", 3, false), ("2", 2, false), ("1", 1, false)]);
    short(&mut before);
    let state = model(before, None).read_state(0, at(5).instant()).unwrap();
    let mut later = blog(&[("3", 3, false), ("2", 2, false), ("1", 1, false)]);
    short(&mut later);
    later.entries[2].body.push(Block::text("Update: more."));
    let mut m = model(later, None);
    m.restore(0, state);
    m.update(Action::CatchUp);
    m.update(Action::Select);
    assert_ne!(
        m.top().id.as_deref(),
        Some("1"),
        "the end of the blog is in view"
    );
    assert_eq!(m.subject_index(), Some(2));
    m.update(Action::ShowDiff);
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(
        msg,
        "Edited since you last looked; what it said before was not kept"
    );
    // Once the place moves, the keys are for the entry at the top again.
    m.update(Action::ScrollUp);
    assert_eq!(m.subject_index(), Some(1));
    m.update(Action::ShowDiff);
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(msg, "No edit of this entry seen since the reader opened it");
}

/// The whole 80×24 test screen.
fn screen_of(m: &Model) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| liveblog::tui::ui::draw(f, m)).unwrap();
    let buf = t.backend().buffer();
    (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn entries_left_unread_above_the_place_are_announced_and_marked_when_reached() {
    // Entry 4 came while the reader was below it, and was never scrolled to.
    let mut first = model(
        blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]),
        None,
    );
    first.update(Action::PageDown);
    first.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(blog(&[
                ("4", 4, false),
                ("3", 3, false),
                ("2", 2, true),
                ("1", 1, false),
            ])),
            at: at(4).instant(),
        },
    ));
    assert_eq!(first.new_above(), 1);
    first.update(Action::Quit);
    let state = first.read_state(0, at(5).instant()).unwrap();
    assert!(!state.seen.contains("4"));
    // Next sitting: nothing new since, but the banner says what is still unread above.
    let later = blog(&[
        ("4", 4, false),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    let mut m = model(later, None);
    m.restore(0, state);
    assert_eq!(m.new_above(), 1, "the banner counts it");
    assert!(screen_of(&m).contains("↑ 1 unread entry above"));
    m.update(Action::JumpToNew);
    assert_eq!(m.top().id.as_deref(), Some("4"));
    assert_eq!(m.new_above(), 0);
    let screen = screen_of(&m);
    assert!(
        screen.lines().any(|l| l.starts_with('●')),
        "the entry reached is marked in the frame that shows it:\n{screen}"
    );
    m.update(Action::ScrollDown);
    assert!(!m.unread().contains("4"), "and seen from the next key on");
}

#[test]
fn t_goes_to_the_newest_new_entry_below_a_pinned_post() {
    let pinned = |mut b: LiveBlog| {
        b.entries[0].pinned = true;
        b
    };
    let mut m = model(
        pinned(blog(&[("p", 1, false), ("3", 3, false), ("2", 2, false)])),
        None,
    );
    m.update(Action::Bottom);
    m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(pinned(blog(&[
                ("p", 1, false),
                ("5", 5, false),
                ("4", 4, false),
                ("3", 3, false),
                ("2", 2, false),
            ]))),
            at: at(5).instant(),
        },
    ));
    assert_eq!(m.new_above(), 2);
    m.update(Action::JumpToNew);
    assert_eq!(m.top().id.as_deref(), Some("5"), "not the pinned post");
    assert_eq!(m.new_above(), 0, "the banner goes");
}

#[test]
fn on_a_narrow_bar_the_key_hints_give_way_to_what_the_catch_up_says_to_press() {
    let mut m = back_with_news();
    m.update(Action::Resize {
        width: 50,
        height: 24,
    });
    m.after_first_screen();
    let bar = bar_at(&m, 50);
    assert!(bar.contains("c to catch up"), "{bar}");
    assert!(bar.contains("since 13:05"), "{bar}");
    assert!(!bar.contains("help"), "{bar}");
    // Once the note is gone, the hints are back.
    m.update(Action::ScrollDown);
    let bar = bar_at(&m, 50);
    assert!(bar.contains("? help"), "{bar}");
}

/// An edit made while the reader was away, and taken into the kept copy by `liveblog status`,
/// is shown by `d` from what the copy kept of the entry before it, which wins over an older
/// text the reader kept of an edit it saw itself.
#[test]
fn d_shows_an_edit_a_status_look_took_into_the_copy_while_away() {
    let mut state = first_sitting();
    state
        .previous
        .insert("1".into(), "What entry 1 said two edits ago.".into());
    let mut copy_before = blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    copy_before.entries[2].body[0] = Block::text("Entry 1 as the reader last saw it.");
    let mut later = copy_before.clone();
    later.entries[2].body[0] = Block::text("Entry 1 as status found it, corrected.");
    let edited = liveblog::blog::merge::diff(&copy_before, &later).edited;
    let kept = liveblog::store::state::previous_since(
        std::collections::BTreeMap::new(),
        &copy_before,
        &edited,
    );
    let mut m = model(later, None);
    m.said_before(0, kept);
    m.restore(0, state);
    m.update(Action::CatchUp);
    let items = m.catch_up_list().unwrap().items.clone();
    let one = items.iter().position(|(id, _)| id == "1").unwrap();
    for _ in 0..one {
        m.update(Action::ScrollDown);
    }
    // Entry 1, the last, is in view though it cannot come to the top: `d` is about it.
    m.update(Action::Select);
    m.update(Action::ShowDiff);
    let text = format!(
        "{:?}",
        m.diff().expect("the diff of the edit made while away")
    );
    assert!(
        text.contains("corrected") && text.contains("last"),
        "{text}"
    );
    assert!(!text.contains("two edits ago"), "{text}");
}

#[test]
fn entries_taken_out_while_away_are_counted_in_the_catch_up() {
    let state = first_sitting();
    // Meanwhile: a new entry, and entry 2 taken out by the source.
    let later = blog(&[("4", 7, false), ("3", 3, false), ("1", 1, false)]);
    let mut m = model(later, None);
    m.restore(0, state.clone());
    let (msg, _) = m.status().message.clone().unwrap();
    assert!(msg.starts_with("since 13:05: 1 new · 1 taken out"), "{msg}");
    m.update(Action::CatchUp);
    let items: Vec<String> = (m.catch_up_list().unwrap().items.iter())
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(items, ["4"], "what is gone cannot be jumped to");
    assert!(m.catch_up_title().unwrap().ends_with("1 new · 1 taken out"));
    // Nothing but a removal: the list has nothing to show, and says so.
    let mut m = model(blog(&[("3", 3, false), ("1", 1, false)]), None);
    m.restore(0, state);
    m.update(Action::CatchUp);
    assert!(m.catch_up_list().is_none());
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(
        msg,
        "Nothing new since you last looked; 1 entry taken out by the source"
    );
}

/// A large file shows its beginning first and the rest a moment later: a place kept in an
/// entry beyond the beginning is taken when the rest comes, unless the reader moved first.
#[test]
fn a_place_beyond_a_large_files_beginning_is_taken_when_the_rest_comes() {
    let whole = blog(&[
        ("4", 4, false),
        ("3", 3, false),
        ("2", 2, true),
        ("1", 1, false),
    ]);
    let state = {
        let mut m = model(whole.clone(), None);
        m.update(Action::Bottom);
        m.read_state(0, at(5).instant()).unwrap()
    };
    let place = state.place.clone().unwrap();
    assert!(["2", "1"].contains(&place.id.as_str()), "{place:?}");
    let beginning = LiveBlog {
        entries: whole.entries[..2].to_vec(),
        ..whole.clone()
    };
    let rest = |m: &mut Model| {
        m.update(Action::Live(
            0,
            Event::HistoryLoaded {
                blog: Box::new(whole.clone()),
                jump_to: None,
            },
        ));
    };
    let mut m = model(beginning.clone(), None);
    m.restore(0, state.clone());
    rest(&mut m);
    assert_eq!(
        (m.top().id.as_deref(), m.top().line),
        (Some(place.id.as_str()), place.line)
    );
    // Moved before the rest came: the reader's own place stands.
    let mut m = model(beginning, None);
    m.restore(0, state);
    m.update(Action::ScrollDown);
    let moved = m.top().clone();
    rest(&mut m);
    assert_eq!(m.top().id, moved.id);
}
