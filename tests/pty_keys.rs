//! Keys reach the reader however they arrive: together with a resize, cut in two between
//! reads, or as an Escape on its own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;

use common::{SEED_FILE, Scratch, Term};
use std::time::Duration;

const SIZE: (u16, u16) = (100, 30);
const NEWEST_ENTRY: &str = "Spanish prime minister Pedro Sánchez";

/// A resize and a key that arrive together are both acted on: the key is not left unread until
/// another is pressed. Ctrl-Z shows it without reading the screen: the process stops.
#[test]
fn a_key_sent_together_with_a_resize_is_acted_on_at_once() {
    let scratch = Scratch::new("keys-resize");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(NEWEST_ENTRY);
    for round in 0..30u16 {
        let wider = round % 2 == 0;
        let (cols, rows) = if wider { (120, 36) } else { SIZE };
        t.resize(cols, rows);
        t.send("\x1a");
        t.wait_proc_state('T');
        t.signal(nix::sys::signal::Signal::SIGCONT);
        t.wait_for("the frame at the new size", |s| {
            s.alternate_screen()
                && common::row_text(s, rows - 1).contains("q quit")
                && s.contents().contains(NEWEST_ENTRY)
        });
    }
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// A key's sequence cut between two reads (a slow link) is read whole once its end arrives;
/// an Escape with nothing after it is the Escape key.
#[test]
fn a_sequence_cut_in_two_is_one_key_and_a_lone_escape_is_escape() {
    let scratch = Scratch::new("keys-cut");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(NEWEST_ENTRY);
    // PageDown, in two pieces: read as Escape, `[`, `6` and `~`, it would not move.
    t.send("\x1b[6");
    std::thread::sleep(Duration::from_millis(100));
    t.send("~");
    t.wait_for("a page down", |s| !s.contents().contains(NEWEST_ENTRY));
    t.send("?");
    t.wait_text("go to the newest entry (top)");
    t.send("\x1b");
    t.wait_for("the help closed by Escape", |s| {
        !s.contents().contains("go to the newest entry (top)")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
