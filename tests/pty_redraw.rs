//! Frames written in part leave the screen as a whole redraw would. A frame is written as what
//! differs from the one shown, with the entries pane's rows moved by the terminal when the
//! reader's place moved by a few lines (the move known from the place, or else found by
//! comparing the frames). Whatever the move, the screen must be the frame: after line scrolls,
//! key-event jumps, the help overlay opened, scrolled and closed, a resize and a refresh
//! arriving, the screen is read back through `vt100` and compared, cell by cell with colours,
//! with the same frame written whole after Ctrl-Z and `fg`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;

use common::{Scratch, Term, formatted};
use std::time::Duration;

const SIZE: (u16, u16) = (100, 30);
const NEWEST_ENTRY: &str = "Spanish prime minister Pedro Sánchez";
/// The sidebar's top border, which only a wide enough terminal shows.
const SIDEBAR: &str = "Key events (";
const SEED_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/paris-summit-2025-02-17.txt"
);
const QUIET: Duration = Duration::from_millis(300);

/// Waits until the program has written nothing for [`QUIET`], and returns how much it wrote.
fn settled(t: &Term) -> usize {
    common::settled(t, QUIET)
}

/// Sends `keys`, lets the frames settle, then compares the screen with a whole redraw of the
/// same frame (Ctrl-Z and back: the screen is cleared and written whole). `rows_ticking`: rows
/// that may change between the two by themselves (a live blog's status bar counts down).
fn compare_after(t: &mut Term, keys: &str, step: &str, rows_ticking: &[usize]) {
    clear_of_a_new_minute();
    settled(t);
    t.send(keys);
    settled(t);
    let in_parts = formatted(t);
    common::redraw_whole(t, |s| !s.contents().trim().is_empty());
    settled(t);
    let whole = formatted(t);
    assert_eq!(
        in_parts.len(),
        whole.len(),
        "after {step}: the screen's size"
    );
    for (row, (a, b)) in in_parts.iter().zip(&whole).enumerate() {
        if rows_ticking.contains(&row) {
            continue;
        }
        assert!(
            a == b,
            "after {step}: row {row} differs from a whole redraw:\n{a}\n{b}"
        );
    }
}

/// Waits, if the clock's minute is about to turn, until it has turned and the reader has
/// ticked with it. Relative times ("just now", "1 min ago") change with the minute, in every
/// row of a live blog's fresh entries: a turn between the two screens compared would be a
/// difference no redraw made.
fn clear_of_a_new_minute() {
    let second = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        % 60;
    if second >= 45 {
        std::thread::sleep(Duration::from_secs(60 - second + 2));
    }
}

#[test]
fn partial_frames_after_jumps_the_help_overlay_and_a_resize_show_what_a_whole_redraw_shows() {
    let scratch = Scratch::new("redraw-parts");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(SIDEBAR);
    t.wait_text(NEWEST_ENTRY);
    for (keys, step) in [
        ("jjj", "three lines down"),
        ("]", "a jump to the next key event"),
        ("]]", "two more jumps"),
        ("[", "a jump back"),
        ("jj]kk[j", "lines and jumps mixed"),
        ("?", "the help opened"),
        ("jj", "the help scrolled"),
        ("?", "the help closed"),
        ("kkk", "three lines up after the help"),
        (" ", "a page down"),
        ("jb", "a line, then a page up"),
    ] {
        compare_after(&mut t, keys, step, &[]);
    }
    // A new size, then lines at it; and back.
    t.resize(120, 36);
    t.wait_for("the frame at the new size", |s| {
        common::row_text(s, 35).contains("q quit")
    });
    compare_after(&mut t, "jj", "a resize and two lines down", &[]);
    t.resize(SIZE.0, SIZE.1);
    compare_after(&mut t, "kj]", "a resize back, lines and a jump", &[]);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn partial_frames_while_a_refresh_brings_entries_show_what_a_whole_redraw_shows() {
    let scratch = Scratch::new("redraw-refresh");
    let mut t = Term::spawn(&scratch, &[], &[], SIZE);
    t.wait_text("REPLAY");
    t.send("jjj");
    // Scrolled away, a refresh brings entries: a banner above the panes counts them, and the
    // pane moves down a row under it.
    let deadline = std::time::Instant::now() + Duration::from_secs(40);
    while !t.contents().contains("new entr") {
        assert!(
            std::time::Instant::now() < deadline,
            "no refresh arrived: {}",
            t.contents()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // Paused, so that no other refresh lands between the two screens compared; the status
    // bar still counts time.
    let status = usize::from(SIZE.1 - 1);
    compare_after(&mut t, "jkp", "a refresh, a line down and up", &[status]);
    compare_after(&mut t, "jj", "two lines down, paused", &[status]);
    compare_after(&mut t, "t", "a jump to the new entries", &[status]);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
