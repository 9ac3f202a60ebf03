//! Pure `update` tests of the reader's place over a run of resizes that refreshes come into:
//! entries arriving above, the entry read edited or taken out, key events arriving in the
//! sidebar. The place a run of resizes keeps is the reader's, refresh or not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/models.rs"]
mod models;

use liveblog::blog::{Block, Entry, KeyEvent, LiveBlog};
use liveblog::live::Event;
use liveblog::tui::action::Action;
use liveblog::tui::model::{Anchor, Focus, Model};
use models::{key_events_of, model};

/// An entry of `paragraphs` paragraphs long enough to wrap differently at each width.
fn wordy(id: &str, paragraphs: usize) -> Entry {
    Entry {
        id: id.into(),
        body: (0..paragraphs)
            .map(|p| {
                Block::text(format!(
                    "{id} paragraph {p}: {}",
                    "words that wrap differently at each width ".repeat(4)
                ))
            })
            .collect(),
        ..Entry::default()
    }
}

/// A blog of `n` wordy entries, newest first, without key events (the entries take the
/// whole width).
fn blog(n: usize) -> LiveBlog {
    LiveBlog {
        title: "Test blog".into(),
        entries: (0..n).map(|i| wordy(&format!("e{i}"), 3)).collect(),
        ..LiveBlog::default()
    }
}

/// A blog of `n` entries, every third one a key event with a title long enough to wrap in
/// the sidebar.
fn keyed(n: usize) -> LiveBlog {
    let mut b = blog(n);
    for (i, e) in b.entries.iter_mut().enumerate().filter(|(i, _)| i % 3 == 1) {
        e.key_event = true;
        e.title = Some(format!(
            "Key {i}: leaders agree that security guarantees must come with a backstop"
        ));
    }
    b.key_events = key_events_of(&b.entries);
    b
}

fn at() -> jiff::Timestamp {
    "2025-02-17T18:00:00Z".parse().unwrap()
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

fn resize(m: &mut Model, width: u16, height: u16) {
    m.update(Action::Resize { width, height });
}

fn with_new_entries(b: &LiveBlog, n: usize, tag: &str) -> LiveBlog {
    let mut nb = b.clone();
    for i in 0..n {
        nb.entries.insert(0, wordy(&format!("new{tag}-{i}"), 2));
    }
    nb
}

fn without(b: &LiveBlog, id: &str) -> LiveBlog {
    let mut nb = b.clone();
    nb.entries.retain(|e| e.id != id);
    nb.key_events.retain(|k| k.entry_id.as_deref() != Some(id));
    nb
}

fn top_id(m: &Model) -> String {
    m.top().id.clone().unwrap()
}

/// A reader of `blog(20)` at 100×30, a few lines into entry `e5`.
fn reading_e5() -> Model {
    let mut m = model(blog(20), 100, 30);
    while top_id(&m) != "e5" {
        m.update(Action::ScrollDown);
    }
    for _ in 0..4 {
        m.update(Action::ScrollDown);
    }
    assert_eq!((top_id(&m).as_str(), m.top().line), ("e5", 4));
    m
}

/// A reader of `blog(20)` at 100×30 on `e15`, then a terminal made taller: the pane near
/// the blog's end fills with the entries above it.
fn tall_near_the_end() -> (Model, Anchor) {
    let mut m = model(blog(20), 100, 30);
    while top_id(&m) != "e15" {
        m.update(Action::ScrollDown);
    }
    let place = m.top().clone();
    resize(&mut m, 100, 120);
    assert_ne!(top_id(&m), "e15", "the pane is filled from above");
    (m, place)
}

#[test]
fn entries_arriving_above_during_a_run_of_resizes_leave_the_place_to_come_back_to() {
    let mut m = reading_e5();
    let before = m.top().clone();
    resize(&mut m, 50, 30);
    let b = with_new_entries(m.blog(), 3, "a");
    m.update(loaded(b));
    assert_eq!(top_id(&m), "e5");
    resize(&mut m, 100, 30);
    assert_eq!(*m.top(), before);
}

#[test]
fn entries_arriving_above_a_taller_pane_near_the_end_leave_the_place_to_come_back_to() {
    let (mut m, place) = tall_near_the_end();
    let b = with_new_entries(m.blog(), 3, "a");
    m.update(loaded(b));
    resize(&mut m, 100, 30);
    assert_eq!(*m.top(), place);
}

#[test]
fn the_entry_read_edited_during_a_run_of_resizes_stays_the_place() {
    for paragraphs in [1, 8] {
        let mut m = reading_e5();
        let before = m.top().clone();
        resize(&mut m, 50, 30);
        let mut b = m.blog().clone();
        b.entries[5] = wordy("e5", paragraphs);
        m.update(loaded(b));
        assert_eq!(top_id(&m), "e5", "{paragraphs} paragraphs");
        resize(&mut m, 100, 30);
        assert_eq!(top_id(&m), "e5", "{paragraphs} paragraphs");
        if paragraphs > 3 {
            assert_eq!(*m.top(), before, "a longer entry keeps the very line");
        }
    }
}

#[test]
fn an_entry_above_a_taller_pane_made_shorter_leaves_the_place_to_come_back_to() {
    let (mut m, place) = tall_near_the_end();
    let mut b = m.blog().clone();
    let i = m.top_index().unwrap();
    b.entries[i] = wordy(&b.entries[i].id.clone(), 1);
    m.update(loaded(b));
    resize(&mut m, 100, 30);
    assert_eq!(*m.top(), place);
}

#[test]
fn the_entry_read_taken_out_during_a_run_of_resizes_hands_the_place_to_the_next_one() {
    let mut m = reading_e5();
    resize(&mut m, 50, 30);
    let b = without(m.blog(), "e5");
    m.update(loaded(b));
    assert_eq!(top_id(&m), "e6");
    for (w, h) in [(70, 40), (100, 30)] {
        resize(&mut m, w, h);
        assert_eq!(top_id(&m), "e6", "at {w}×{h}");
    }
}

#[test]
fn the_place_of_a_taller_pane_taken_out_hands_it_to_the_next_one_not_the_top_of_the_pane() {
    let (mut m, _) = tall_near_the_end();
    let b = without(m.blog(), "e15");
    m.update(loaded(b));
    for (w, h) in [(100, 100), (100, 30)] {
        resize(&mut m, w, h);
        if h == 30 {
            assert_eq!((top_id(&m).as_str(), m.top().line), ("e16", 0));
        }
    }
}

#[test]
fn the_last_entry_read_taken_out_hands_the_place_to_the_one_above_it() {
    let (mut m, _) = tall_near_the_end();
    let mut b = m.blog().clone();
    b.entries.truncate(15);
    m.update(loaded(b));
    resize(&mut m, 100, 30);
    // The nearest survivor is above (the last one left), and the end of the blog fills the
    // pane below it.
    let last = m.blog().entries.len() - 1;
    assert!(m.top_index().unwrap() <= last);
    assert!(m.top_index().unwrap() + 3 >= last, "{:?}", m.top());
}

/// The sidebar's first item in view, by its entry.
fn sidebar_first(m: &Model) -> Option<String> {
    let sb = m.sidebar();
    let k = sb.item_at_line(sb.offset)?;
    m.blog().key_events[k].entry_id.clone()
}

/// A reader of `keyed(90)` at 80×24 with the sidebar scrolled a way down and the key to
/// choose from it. (With the entries' keys, the sidebar follows the key event above the top,
/// which the key events arriving above a reader become.)
fn sidebar_scrolled() -> Model {
    let mut m = model(keyed(90), 80, 24);
    m.update(Action::FocusSidebar);
    for _ in 0..16 {
        m.update(Action::ScrollDown);
    }
    assert_eq!(m.focus(), Focus::Sidebar);
    assert!(m.sidebar().offset > 0);
    m
}

#[test]
fn key_events_arriving_during_a_run_of_resizes_leave_the_sidebar_on_its_first_item() {
    let mut m = sidebar_scrolled();
    let first = sidebar_first(&m);
    resize(&mut m, 120, 24);
    assert_eq!(sidebar_first(&m), first);
    let mut b = with_new_entries(m.blog(), 2, "k");
    for i in 0..2 {
        b.entries[i].key_event = true;
        b.entries[i].title = Some(format!("Breaking {i}: a title that takes two lines or so"));
        b.key_events.insert(
            i,
            KeyEvent {
                title: b.entries[i].title.clone().unwrap(),
                entry_id: Some(b.entries[i].id.clone()),
                published: None,
            },
        );
    }
    m.update(loaded(b));
    resize(&mut m, 80, 24);
    assert_eq!(sidebar_first(&m), first);
}

#[test]
fn the_first_key_event_in_view_taken_out_during_a_run_hands_its_place_to_the_next_one() {
    let mut m = sidebar_scrolled();
    let first = sidebar_first(&m).unwrap();
    let k = m
        .blog()
        .key_events
        .iter()
        .position(|k| k.entry_id.as_deref() == Some(first.as_str()))
        .unwrap();
    let next = m.blog().key_events[k + 1].entry_id.clone();
    resize(&mut m, 120, 24);
    let b = without(m.blog(), &first);
    m.update(loaded(b));
    resize(&mut m, 80, 24);
    assert_eq!(sidebar_first(&m), next);
}

/// One step of [`the_place_survives_any_sequence_of_resizes_and_refreshes`].
#[derive(Debug)]
enum Step {
    Resize(u16, u16),
    Arrive(usize),
    TakeOut(String),
    Edit(String, usize),
    Scroll(bool),
}

/// Where the reader should be after `step` from the place `before` in `old` (`None`: a
/// scroll, which moves it), by the rules of a refresh: the same entry; for one taken out, the
/// next older one left, else the nearest newer; for a reader at the very top, the newest.
fn expected(old: &LiveBlog, new: &LiveBlog, before: &Anchor, step: &Step) -> Option<String> {
    let id = before.id.clone()?;
    let i = old.entries.iter().position(|e| e.id == id)?;
    match step {
        Step::Scroll(_) => None,
        Step::Arrive(_) if i == 0 && before.line == 0 => Some(new.entries[0].id.clone()),
        Step::TakeOut(gone) if *gone == id => old.entries[i + 1..]
            .iter()
            .chain(old.entries[..i].iter().rev())
            .find(|e| e.id != *gone)
            .map(|e| e.id.clone()),
        _ => Some(id),
    }
}

/// Random runs of resizes to any size, refreshes that bring entries, take one out or edit
/// one, and scrolls: after every step the reader's place is the entry it was on, or where
/// the rules of a refresh send it; and each resize back to the size a run began at gives the
/// very place back when nothing came between.
#[test]
fn the_place_survives_any_sequence_of_resizes_and_refreshes() {
    for seed in 0..12 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut m = model(keyed(12), 100, 30);
        // Near the end, where a taller pane fills from above, or anywhere.
        if rng.bool() {
            m.update(Action::Bottom);
        }
        for _ in 0..rng.usize(0..60) {
            m.update(Action::ScrollUp);
        }
        let mut fresh = 0;
        let mut steps = Vec::new();
        // The size and place a run of resizes began at, and whether only entries arriving
        // above the place came between.
        let mut run: Option<((u16, u16), Anchor)> = None;
        let mut clean = true;
        let mut backs = 0;
        for _ in 0..300 {
            let old = m.blog().clone();
            let before = m.place().clone();
            let before_top = m.top().clone();
            let before_id = before.id.clone().unwrap_or_default();
            let size = m.size();
            let n = old.entries.len();
            // Half the time the entry of the place or one of those around it, on screen.
            let at = old.position(&before_id).unwrap_or(0);
            let pick = |rng: &mut fastrand::Rng| {
                if rng.bool() {
                    (at + rng.usize(0..4)).saturating_sub(1).min(n - 1)
                } else {
                    rng.usize(0..n)
                }
            };
            let step = match rng.usize(0..8) {
                // Back where the run began, as a window dragged and let go.
                0 if let Some(((w, h), _)) = run => Step::Resize(w, h),
                0..=2 => Step::Resize(rng.u16(1..=220), rng.u16(1..=70)),
                3 if n < 20 => Step::Arrive(rng.usize(1..=3)),
                4 if n > 3 => Step::TakeOut(old.entries[pick(&mut rng)].id.clone()),
                3..=5 => Step::Edit(old.entries[pick(&mut rng)].id.clone(), rng.usize(1..6)),
                _ => Step::Scroll(rng.bool()),
            };
            match &step {
                Step::Resize(w, h) => resize(&mut m, *w, *h),
                Step::Arrive(k) => {
                    fresh += 1;
                    m.update(loaded(with_new_entries(&old, *k, &fresh.to_string())));
                }
                Step::TakeOut(id) => {
                    m.update(loaded(without(&old, id)));
                }
                Step::Edit(id, paragraphs) => {
                    let mut b = old.clone();
                    let e = b.entries.iter_mut().find(|e| e.id == *id).unwrap();
                    e.body = wordy(id, *paragraphs).body;
                    m.update(loaded(b));
                }
                Step::Scroll(down) => {
                    m.update(if *down {
                        Action::ScrollDown
                    } else {
                        Action::ScrollUp
                    });
                }
            }
            steps.push(format!("{step:?} from {before:?}"));
            match &step {
                Step::Resize(..) if run.is_none() => {
                    run = Some((size, before.clone()));
                    clean = true;
                }
                Step::Resize(..) => {}
                Step::Arrive(_) => clean &= before.line > 0 || old.position(&before_id) != Some(0),
                Step::TakeOut(_) | Step::Edit(..) => clean = false,
                Step::Scroll(_) => run = None,
            }
            if let (Some((start, place)), true) = (&run, clean)
                && m.size() == *start
            {
                assert_eq!(
                    m.top(),
                    place,
                    "seed {seed}, back at {start:?} after {steps:#?}"
                );
                backs += 1;
            }
            if let Some(want) = expected(&old, m.blog(), &before, &step) {
                // With the place on top before, a survivor near the blog's end cannot come to
                // the top: the pane fills from above, with it in view. (A run of resizes that
                // kept the place below the top keeps the survivor.)
                let wanted = m.blog().position(&want);
                let near_the_end = before == before_top
                    && m.place() == m.top()
                    && m.top_index() < wanted
                    && wanted.is_some_and(|i| m.visible_entries().contains(&i));
                assert!(
                    m.place().id.as_deref() == Some(want.as_str()) || near_the_end,
                    "seed {seed}, {:?} for {want:?} after {steps:#?}",
                    m.place()
                );
            }
        }
        assert!(backs > 3, "seed {seed}: {backs} runs came back");
    }
}
