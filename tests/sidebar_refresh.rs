//! Pure `update` tests of the sidebar's place over refreshes: key events arriving above the
//! first in view, taken out, or retitled to take more lines leave the reader on the same key
//! event, as the entries pane keeps its place by entry. A sidebar at its very top shows what
//! arrives, as a live list does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/models.rs"]
mod models;

use liveblog::blog::{Block, Entry, KeyEvent, LiveBlog};
use liveblog::live::Event;
use liveblog::tui::action::Action;
use liveblog::tui::model::{Focus, Model};
use models::model;

fn entry(id: &str) -> Entry {
    Entry {
        id: id.into(),
        body: vec![Block::text(format!("{id}: a paragraph of words to read"))],
        ..Entry::default()
    }
}

/// A key event's title of about `words` words, which wraps to more lines the more there are.
fn title(name: &str, words: usize) -> String {
    format!("{name}: {}", "leaders meet again ".repeat(words).trim_end())
}

/// Makes entry `e` a key event titled `t`, listed at `at` in the sidebar.
fn make_key(b: &mut LiveBlog, e: usize, at: usize, t: String) {
    b.entries[e].key_event = true;
    b.entries[e].title = Some(t.clone());
    b.key_events.insert(
        at,
        KeyEvent {
            title: t,
            entry_id: Some(b.entries[e].id.clone()),
            published: None,
        },
    );
}

/// A blog of `n` entries, newest first, every third one a key event whose title takes one to
/// three lines in the sidebar.
fn keyed(n: usize) -> LiveBlog {
    let mut b = LiveBlog {
        title: "Test blog".into(),
        entries: (0..n).map(|i| entry(&format!("e{i}"))).collect(),
        ..LiveBlog::default()
    };
    for i in (1..n).step_by(3) {
        let at = b.key_events.len();
        make_key(&mut b, i, at, title(&format!("Key {i}"), 1 + i % 7));
    }
    b
}

fn loaded(b: LiveBlog) -> Action {
    Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(b),
            at: "2025-02-17T18:00:00Z".parse().unwrap(),
        },
    )
}

/// `b` with `n` new entries on top, each a key event, new ones first in the sidebar too.
fn with_key_events_above(b: &LiveBlog, n: usize, tag: &str) -> LiveBlog {
    let mut nb = b.clone();
    for i in 0..n {
        nb.entries.insert(0, entry(&format!("new{tag}-{i}")));
        make_key(
            &mut nb,
            0,
            0,
            title(&format!("Breaking {tag}-{i}"), 1 + i % 4),
        );
    }
    nb
}

/// `b` without entry `id` and its key event.
fn without(b: &LiveBlog, id: &str) -> LiveBlog {
    let mut nb = b.clone();
    nb.entries.retain(|e| e.id != id);
    nb.key_events.retain(|k| k.entry_id.as_deref() != Some(id));
    nb
}

/// `b` with the key event of entry `id` titled `t`.
fn retitled(b: &LiveBlog, id: &str, t: &str) -> LiveBlog {
    let mut nb = b.clone();
    for e in nb.entries.iter_mut().filter(|e| e.id == id) {
        e.title = Some(t.into());
    }
    for k in &mut nb.key_events {
        if k.entry_id.as_deref() == Some(id) {
            k.title = t.into();
        }
    }
    nb
}

/// The entry of key event `k`.
fn key_id(m: &Model, k: usize) -> String {
    m.blog().key_events[k].entry_id.clone().unwrap()
}

/// The sidebar's place: the key event first in view (by its entry), and the line of it at the
/// sidebar's top.
fn place(m: &Model) -> (String, usize) {
    let sb = m.sidebar();
    let k = sb.item_at_line(sb.offset).expect("an item in view");
    (key_id(m, k), sb.offset - sb.item_range(k).start)
}

/// The key event chosen in the sidebar, by its entry.
fn selected(m: &Model) -> String {
    key_id(m, m.sidebar().selected)
}

fn sidebar_height(m: &Model) -> usize {
    usize::from(m.panes().sidebar.expect("the sidebar is shown").height)
}

/// A reader of `keyed(120)` at 80×24 with the key event chosen a way down the sidebar, which
/// has scrolled to show it: the first item in view is well below the list's top, and the one
/// chosen a few items below that.
fn sidebar_scrolled() -> Model {
    let mut m = model(keyed(120), 80, 24);
    m.update(Action::FocusSidebar);
    for _ in 0..16 {
        m.update(Action::ScrollDown);
    }
    assert_eq!(m.focus(), Focus::Sidebar);
    let sb = m.sidebar();
    let first = sb.item_at_line(sb.offset).unwrap();
    assert!(first >= 4, "the sidebar has scrolled: {first} first");
    assert!(
        sb.selected > first,
        "the chosen item is below the first in view"
    );
    m
}

/// The key event `k` items from the first in view, by its entry.
fn from_first(m: &Model, k: isize) -> String {
    let sb = m.sidebar();
    let first = sb.item_at_line(sb.offset).unwrap();
    key_id(m, first.checked_add_signed(k).unwrap())
}

#[test]
fn key_events_arriving_above_leave_the_sidebar_on_its_first_item() {
    let mut m = sidebar_scrolled();
    let (before, chosen) = (place(&m), selected(&m));
    let b = with_key_events_above(m.blog(), 3, "a");
    m.update(loaded(b));
    assert_eq!(place(&m), before);
    assert_eq!(selected(&m), chosen);
}

#[test]
fn a_key_event_taken_out_above_the_first_in_view_leaves_the_sidebar_on_it() {
    let mut m = sidebar_scrolled();
    let (before, chosen) = (place(&m), selected(&m));
    let above = from_first(&m, -2);
    let b = without(m.blog(), &above);
    m.update(loaded(b));
    assert_eq!(place(&m), before);
    assert_eq!(selected(&m), chosen);
}

#[test]
fn the_first_key_event_in_view_taken_out_hands_its_place_to_the_next_one() {
    // Alone, or as others arrive above.
    for arriving in [0, 2] {
        let mut m = sidebar_scrolled();
        let (first, line) = place(&m);
        let (next, chosen) = (from_first(&m, 1), selected(&m));
        let b = with_key_events_above(&without(m.blog(), &first), arriving, "f");
        m.update(loaded(b));
        assert_eq!(place(&m), (next, line), "{arriving} arriving");
        assert_eq!(selected(&m), chosen, "{arriving} arriving");
    }
}

#[test]
fn the_chosen_key_event_taken_out_hands_the_choice_to_the_next_one() {
    for arriving in [0, 2] {
        let mut m = sidebar_scrolled();
        // The choice a few items up, so that the next one fits where it is.
        for _ in 0..3 {
            m.update(Action::ScrollUp);
        }
        let before = place(&m);
        let sb = m.sidebar();
        let (chosen, next) = (selected(&m), key_id(&m, sb.selected + 1));
        let b = with_key_events_above(&without(m.blog(), &chosen), arriving, "c");
        m.update(loaded(b));
        assert_eq!(selected(&m), next, "{arriving} arriving");
        assert_eq!(place(&m), before, "{arriving} arriving");
    }
}

#[test]
fn a_key_event_above_retitled_to_take_more_lines_leaves_the_sidebar_on_its_first_item() {
    let mut m = sidebar_scrolled();
    let (before, chosen) = (place(&m), selected(&m));
    for k in [-1, -3] {
        let above = from_first(&m, k);
        let b = retitled(m.blog(), &above, &title("Retitled", 30));
        m.update(loaded(b));
        assert_eq!(place(&m), before, "{k} from the first retitled");
        assert_eq!(selected(&m), chosen);
    }
}

#[test]
fn key_events_arriving_at_a_sidebar_at_its_top_are_shown() {
    for focus in [Action::FocusSidebar, Action::FocusEntries] {
        let mut m = model(keyed(120), 80, 24);
        m.update(focus.clone());
        assert_eq!(m.sidebar().offset, 0);
        let b = with_key_events_above(m.blog(), 2, "t");
        m.update(loaded(b));
        assert_eq!(
            m.sidebar().offset,
            0,
            "{focus:?}: the list stays at its top"
        );
        assert_eq!(place(&m), ("newt-1".to_string(), 0), "{focus:?}");
    }
}

#[test]
fn key_events_arriving_at_a_sidebar_at_its_top_during_a_run_of_resizes_are_shown() {
    let mut m = model(keyed(120), 80, 24);
    m.update(Action::FocusSidebar);
    m.update(Action::Resize {
        width: 120,
        height: 24,
    });
    let b = with_key_events_above(m.blog(), 2, "t");
    m.update(loaded(b));
    m.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(place(&m), ("newt-1".to_string(), 0));
}

#[test]
fn key_events_arriving_above_the_key_event_read_leave_the_sidebar_on_its_first_item() {
    // With the entries' keys, the sidebar follows the key event being read.
    let mut m = model(keyed(120), 80, 24);
    for _ in 0..20 {
        m.update(Action::NextKeyEvent);
    }
    assert_eq!(m.focus(), Focus::Entries);
    assert!(m.sidebar().offset > 0);
    let (before, top) = (place(&m), m.top().clone());
    let b = with_key_events_above(m.blog(), 3, "r");
    m.update(loaded(b));
    assert_eq!(*m.top(), top);
    assert_eq!(place(&m), before);
}

/// One refresh of [`the_sidebar_keeps_its_place_over_any_sequence_of_refreshes`], or a move
/// of the choice in the sidebar.
#[derive(Debug)]
enum Step {
    Arrive(usize),
    TakeOut(String),
    Retitle(String, usize),
    Move(Action),
}

/// Where key event `id` of `old` is after a refresh to `new`, by entry: itself, or when taken
/// out the next older one left, else the nearest newer.
fn survivor(old: &LiveBlog, new: &LiveBlog, id: &str) -> String {
    let ids: Vec<&str> = (old.key_events.iter())
        .map(|k| k.entry_id.as_deref().unwrap())
        .collect();
    let left = |k: &str| {
        new.key_events
            .iter()
            .any(|n| n.entry_id.as_deref() == Some(k))
    };
    let i = ids.iter().position(|k| *k == id).unwrap();
    let found = (ids[i..].iter().copied().find(|k| left(k)))
        .or_else(|| ids[..i].iter().rev().copied().find(|k| left(k)));
    found.unwrap().to_string()
}

/// Checks the sidebar after `step` from the place `before` with `chosen` chosen in `old`: on
/// the same key event (or its survivor) at the same line, unless the list's end or the
/// choice, which stays in view, holds it elsewhere; at its top, still at its top unless the
/// choice was pushed out of view.
fn check(m: &Model, old: &LiveBlog, before: &(String, usize), chosen: &str, step: &Step) {
    let sb = m.sidebar();
    let h = sidebar_height(m);
    let want_chosen = survivor(old, m.blog(), chosen);
    assert_eq!(selected(m), want_chosen, "the choice after {step:?}");
    let sel = sb.item_range(sb.selected);
    let sel_in_view = |offset: usize| sel.start >= offset && sel.end <= offset + h;
    assert!(sel_in_view(sb.offset), "the choice in view after {step:?}");
    let first_id = old.key_events[0].entry_id.clone().unwrap();
    if *before == (first_id, 0) {
        assert!(
            sb.offset == 0 || !sel_in_view(0),
            "at the top after {step:?}"
        );
        return;
    }
    let want = survivor(old, m.blog(), &before.0);
    let line = if want == before.0 { before.1 } else { 0 };
    let k = m
        .blog()
        .key_events
        .iter()
        .position(|e| e.entry_id.as_ref() == Some(&want));
    let kept = sb.item_range(k.unwrap()).start + line;
    let at_end = kept > sb.offset && !sb.partial() && sb.offset + h >= sb.line_count();
    assert!(
        place(m) == (want.clone(), line) || at_end || !sel_in_view(kept),
        "{:?} for {want:?} at {line} after {step:?}",
        place(m)
    );
}

/// Random refreshes that bring key events, take one out (often the first in view or one
/// near it) or retitle one, between moves of the choice: after each the sidebar shows the
/// key event it showed first, or its survivor, by the rules of [`check`].
#[test]
fn the_sidebar_keeps_its_place_over_any_sequence_of_refreshes() {
    for seed in 0..16 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut m = model(keyed(90), 80, 24);
        m.update(Action::FocusSidebar);
        let mut fresh = 0;
        for _ in 0..150 {
            let old = m.blog().clone();
            let n = old.key_events.len();
            let sb = m.sidebar();
            let first = sb.item_at_line(sb.offset).unwrap_or(0);
            let pick = |rng: &mut fastrand::Rng| {
                let k = if rng.bool() {
                    (first + rng.usize(0..4)).saturating_sub(1).min(n - 1)
                } else {
                    rng.usize(0..n)
                };
                key_id(&m, k)
            };
            let step = match rng.usize(0..7) {
                0 if n < 60 => Step::Arrive(rng.usize(1..=3)),
                1 if n > 5 => Step::TakeOut(pick(&mut rng)),
                0..=2 => Step::Retitle(pick(&mut rng), rng.usize(1..14)),
                3 => Step::Move(Action::PageDown),
                4 => Step::Move(Action::PageUp),
                5 => Step::Move(Action::ScrollDown),
                _ => Step::Move(Action::ScrollUp),
            };
            let (before, chosen) = (place(&m), selected(&m));
            match &step {
                Step::Arrive(k) => {
                    fresh += 1;
                    m.update(loaded(with_key_events_above(&old, *k, &fresh.to_string())));
                }
                Step::TakeOut(id) => {
                    m.update(loaded(without(&old, id)));
                }
                Step::Retitle(id, words) => {
                    m.update(loaded(retitled(&old, id, &title("Retitled", *words))));
                }
                Step::Move(a) => {
                    m.update(a.clone());
                    continue;
                }
            }
            check(&m, &old, &before, &chosen, &step);
        }
    }
}
