//! Pure tests of what the reader calls an edit as refreshes arrive: the entry's own rule
//! (`Entry::changed_as_edit`), the one its header's "updated" follows. A change its times place
//! within a minute of its posting is told nowhere; one made later is told everywhere. And an
//! entry the source takes out: named when it goes, listed by the catch-up and shown as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/sittings.rs"]
mod sittings;

use liveblog::blog::{Block, LiveBlog, Stamp};
use liveblog::live::Event;
use liveblog::tui::action::Action;
use liveblog::tui::model::Model;
use sittings::{at, blog, model};

/// The blog of the first sitting with entry 3 (posted at 13:03, on top) saved again at
/// `updated` with a line more, `more`.
fn with_entry_3_changed(updated: &str, more: &str) -> LiveBlog {
    let mut b = blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    b.entries[0].updated = Stamp::parse(updated);
    b.entries[0].body.push(Block::text(more));
    b
}

fn loaded(m: &mut Model, b: LiveBlog, minute: u32) {
    m.update(Action::Live(
        0,
        Event::Loaded {
            blog: Box::new(b),
            at: at(minute).instant(),
        },
    ));
}

/// The rows of a test screen 80×24.
fn screen(m: &Model) -> Vec<String> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| liveblog::tui::ui::draw(f, m)).unwrap();
    let buf = t.backend().buffer();
    (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The status bar's row on a test screen 80 columns wide.
fn bar(m: &Model) -> String {
    screen(m).swap_remove(23)
}

/// The reader after its first sitting (at 13:05, on entry 3), back to the same blog.
fn back() -> Model {
    let first = blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    let mut m = model(first.clone(), None);
    let state = m.read_state(0, at(5).instant()).unwrap();
    m = model(first, None);
    m.restore(0, state);
    m
}

#[test]
fn a_change_made_while_the_entry_was_posted_is_no_edit_on_the_status_bar_nor_for_d() {
    let mut m = back();
    loaded(
        &mut m,
        with_entry_3_changed("2025-02-17T13:03:40Z", "A line more."),
        10,
    );
    assert!(!bar(&m).contains("edited"), "{}", bar(&m));
    assert_eq!(m.top().id.as_deref(), Some("3"));
    m.update(Action::ShowDiff);
    assert!(m.diff().is_none(), "no edit to show");
    let (msg, _) = m.status().message.clone().unwrap();
    assert_eq!(msg, "No edit of this entry seen since the reader opened it");
    // Another line, saved four minutes after the post: an edit, told and shown.
    m.update(Action::Close);
    loaded(
        &mut m,
        with_entry_3_changed("2025-02-17T13:07:00Z", "Another line."),
        11,
    );
    assert!(bar(&m).contains("since 13:05: 1 edited"), "{}", bar(&m));
    m.update(Action::ShowDiff);
    assert!(m.diff().is_some(), "the edit is shown");
}

/// The status bar's note, if any.
fn note(m: &Model) -> String {
    m.status()
        .message
        .clone()
        .map(|(t, _)| t)
        .unwrap_or_default()
}

/// A refresh that takes an entry out names it: "1 entry" alone does not say which of forty
/// went. Several are counted.
#[test]
fn an_entry_the_source_takes_out_is_named_in_the_note() {
    let mut m = back();
    loaded(&mut m, blog(&[("3", 3, false), ("1", 1, false)]), 10);
    assert!(
        note(&m).starts_with("“Key 2” taken out by the source · "),
        "{}",
        note(&m)
    );
    let mut m = back();
    loaded(&mut m, blog(&[("1", 1, false)]), 10);
    assert!(
        note(&m).starts_with("2 entries taken out by the source · "),
        "{}",
        note(&m)
    );
}

/// Taken out while the reader was away, as the next sitting's first refresh finds against the
/// copy kept: the catch-up lists it after what is new, and `Enter` on it shows what it said,
/// since it can no longer be jumped to.
#[test]
fn the_catch_up_lists_an_entry_taken_out_and_enter_shows_what_it_said() {
    let mut m = back();
    loaded(
        &mut m,
        blog(&[("4", 9, false), ("3", 3, false), ("1", 1, false)]),
        10,
    );
    let title = m.catch_up_title().unwrap();
    assert!(title.ends_with("1 new · 1 taken out"), "{title}");
    m.update(Action::CatchUp);
    let items: Vec<(String, String)> = m.catch_up_list().unwrap().items.clone();
    let lines: Vec<&str> = items.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("new: "), "{lines:?}");
    assert_eq!(lines[1], "✗ taken out: Key 2");
    let place = m.top().clone();
    let says = |m: &Model, what: &str| screen(m).iter().any(|row| row.contains(what));
    assert!(says(&m, "Enter jumps to it"));
    m.update(Action::Bottom);
    assert!(says(&m, "Enter shows what it said"), "{:#?}", screen(&m));
    m.update(Action::Select);
    assert!(m.catch_up_list().is_none());
    let diff = m.diff().expect("what the entry said");
    assert_eq!(diff.title, "Taken out by the source: Key 2");
    let text: String = format!("{:?}", diff.lines);
    assert!(text.contains("Entry 2, paragraph 7"), "{text}");
    assert_eq!(*m.top(), place, "the place stays");
}

#[test]
fn an_edit_above_the_line_being_read_leaves_that_line_at_the_top() {
    let b = blog(&[("3", 3, false), ("2", 2, true), ("1", 1, false)]);
    let mut m = model(b.clone(), None);
    loaded(&mut m, b.clone(), 5);
    // Into entry 2, to its fifth paragraph.
    while m.top().id.as_deref() != Some("2") {
        m.update(Action::ScrollDown);
    }
    for _ in 0..10 {
        m.update(Action::ScrollDown);
    }
    let before = screen(&m);
    assert!(before[2].contains("Entry 2, paragraph 4"), "{}", before[2]);
    // The source puts two paragraphs of update on top of entry 2, an edit made later.
    let mut edited = b;
    edited.entries[1].updated = Some(at(20));
    edited.entries[1]
        .body
        .insert(0, Block::text("UPDATE: a line of news on top of the post."));
    edited.entries[1].body.insert(
        1,
        Block::text("And a second paragraph of it, to read first."),
    );
    loaded(&mut m, edited, 21);
    assert_eq!(m.top().id.as_deref(), Some("2"));
    // The same words on every row above the status bar.
    assert_eq!(screen(&m)[..23], before[..23]);
}
