//! What arrived while you were away: a blog shown from the copy kept at an earlier sitting is
//! brought up to date by its first refresh, and what that refresh brings is news since you
//! last looked (as in a copy `liveblog status` brought up to date meanwhile): counted and
//! marked unread, your place kept, and no alert. What arrives after it rings as ever.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/sittings.rs"]
mod sittings;

use liveblog::alert::{Keywords, NotifyMode};
use liveblog::blog::LiveBlog;
use liveblog::live::Event;
use liveblog::tui::action::{Action, Effect};
use liveblog::tui::model::{AlertOptions, Model};
use sittings::{at, blog, model};

fn loaded(b: &LiveBlog, minute: u32) -> Action {
    Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(b.clone()),
            at: at(minute).instant(),
        },
    )
}

fn rings(m: &mut Model, action: Action) -> bool {
    m.update(action)
        .iter()
        .any(|e| matches!(e, Effect::Alert(_)))
}

/// The last sitting read the blog from its newest entry, at the top, and left.
fn reopened(copy: &LiveBlog) -> Model {
    let first = model(copy.clone(), None);
    let state = first.read_state(0, at(5).instant()).unwrap();
    let alerts = AlertOptions {
        mode: NotifyMode::KeyEvents,
        keywords: Keywords::default(),
    };
    let mut m = model(copy.clone(), Some(alerts));
    m.restore(0, state);
    m
}

#[test]
fn what_the_first_refresh_of_a_kept_copy_brings_arrived_while_away() {
    let copy = blog(&[("2", 2, false), ("1", 1, false)]);
    let now = blog(&[
        ("4", 8, true),
        ("3", 7, false),
        ("2", 2, false),
        ("1", 1, false),
    ]);
    let later = blog(&[
        ("5", 12, true),
        ("4", 8, true),
        ("3", 7, false),
        ("2", 2, false),
        ("1", 1, false),
    ]);

    // A copy not known as one: the reader at the top follows, and rings.
    let mut following = reopened(&copy);
    assert!(rings(&mut following, loaded(&now, 9)));
    assert_eq!(following.top_index(), Some(0));

    let mut m = reopened(&copy);
    m.showing_copy(0, at(5).instant());
    assert!(!rings(&mut m, loaded(&now, 9)), "news from while away");
    assert_eq!(m.top_index(), Some(2), "the place kept, at entry 2");
    assert_eq!(m.new_above(), 2);
    assert_eq!(m.unread().len(), 2);
    let (line, _) = m.status().message.clone().unwrap();
    assert!(line.contains("2 new · 1 key event"), "{line}");
    // What arrives from now on arrives while reading.
    assert!(rings(&mut m, loaded(&later, 13)));
    assert_eq!(m.new_above(), 3);

    // A first answer of nothing new ends the time away too.
    let mut m = reopened(&copy);
    m.showing_copy(0, at(5).instant());
    m.update(Action::Live(
        0,
        Event::Unchanged {
            at: at(9).instant(),
        },
    ));
    assert!(rings(&mut m, loaded(&now, 10)));
}

/// The status bar's row on an 80×24 test screen.
fn bar(m: &Model) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| liveblog::tui::ui::draw(f, m)).unwrap();
    let buf = t.backend().buffer();
    (0..80).map(|x| buf[(x, 23)].symbol()).collect()
}

/// A reader of a blog another reader holds says so in its bar for as long as it holds, not
/// only until the first key; once the blog is its own, no more.
#[test]
fn a_blog_another_reader_holds_is_marked_in_the_bar_until_it_is_this_one_s() {
    let mut m = reopened(&blog(&[("2", 2, false), ("1", 1, false)]));
    m.held_by_another(0);
    m.update(Action::ScrollDown);
    assert!(
        bar(&m).contains("another liveblog keeps the place"),
        "{}",
        bar(&m)
    );
    m.update(Action::Live(0, Event::HeldHere));
    m.update(Action::ScrollDown);
    assert!(!bar(&m).contains("keeps the place"), "{}", bar(&m));
}

/// A note about another reader ends on its own a minute after the clock first saw it, for a
/// reader left open unattended comes back to a bar that says what is so now; the catch-up
/// line said with it stays, until a key as ever.
#[test]
fn a_note_about_another_reader_ends_on_its_own() {
    let note =
        "Another liveblog (PID 7) has this blog open: it keeps your place and rings its alerts";
    let shown = |m: &Model| m.status().message.clone().map(|(m, _)| m);
    let copy = blog(&[("2", 2, false), ("1", 1, false)]);
    let mut m = reopened(&copy);
    m.held_elsewhere(note.into());
    assert_eq!(m.note_ends(), None, "not before the clock was read");
    let first = at(10).instant();
    m.update(Action::Tick(first));
    let ends = first + jiff::SignedDuration::from_secs(60);
    assert_eq!(m.note_ends(), Some(ends), "one wake-up, when it ends");
    m.update(Action::Tick(ends - jiff::SignedDuration::from_secs(1)));
    assert_eq!(shown(&m).as_deref(), Some(note));
    m.update(Action::Tick(ends));
    assert_eq!(shown(&m), None);
    assert_eq!(m.note_ends(), None, "nothing more to wake for");

    // Said with the catch-up line, the note goes and the catch-up stays.
    let mut m = reopened(&copy);
    m.showing_copy(0, at(5).instant());
    m.update(loaded(
        &blog(&[("3", 7, false), ("2", 2, false), ("1", 1, false)]),
        9,
    ));
    m.held_elsewhere(note.into());
    m.update(Action::Tick(first));
    assert!(shown(&m).unwrap().starts_with(note), "{:?}", shown(&m));
    m.update(Action::Tick(ends));
    let line = shown(&m).unwrap();
    assert!(!line.contains(note) && line.contains("1 new"), "{line}");
}
