//! Pure tests of what the reader calls an edit as refreshes arrive: the entry's own rule
//! (`Entry::changed_as_edit`), the one its header's "updated" follows. A change its times place
//! within a minute of its posting is told nowhere; one made later is told everywhere.
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

/// The status bar's row on a test screen 80 columns wide.
fn bar(m: &Model) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| liveblog::tui::ui::draw(f, m)).unwrap();
    let buf = t.backend().buffer();
    (0..80).map(|x| buf[(x, 23)].symbol()).collect()
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
