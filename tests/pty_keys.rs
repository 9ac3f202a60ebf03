//! Keys reach the reader however they arrive: together with a resize, cut in two between
//! reads (even just after the Escape that starts them), as an Escape on its own, or many in
//! one read (typed fast over a slow link, or pasted).
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

/// An Escape, then the rest of Page Down's sequence a few milliseconds later (a slow link): one
/// Page Down, not Escape, `[` (a jump back, nowhere from the top), `6` and `~`. Tried up to
/// three times, each from the top: the test's own thread may be held up longer than the
/// reader waits.
#[test]
fn an_escape_and_the_rest_of_its_sequence_a_moment_later_are_one_key() {
    let scratch = Scratch::new("keys-escape-cut");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(NEWEST_ENTRY);
    let paged = (0..3).any(|_| {
        t.send("g");
        t.wait_text(NEWEST_ENTRY);
        t.send("\x1b");
        std::thread::sleep(Duration::from_millis(5));
        t.send("[6~");
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        while std::time::Instant::now() < deadline {
            if !t.contents().contains(NEWEST_ENTRY) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    });
    assert!(paged, "never paged down: {}", t.contents());
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// Keys that arrive in one read are each read in the mode the keys before them left: a word
/// typed fast (or pasted) just after `/` goes into the search prompt, not to the bindings,
/// where its `c` would open the catch-up and its `o` the browser.
#[test]
fn a_word_typed_in_the_same_read_as_the_slash_goes_into_the_search_prompt() {
    let scratch = Scratch::new("keys-burst");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(NEWEST_ENTRY);
    t.send("/Macron");
    t.wait_for("the word in the prompt", |s| {
        common::row_text(s, SIZE.1 - 1).contains("/Macron▏ 2 entries match")
    });
    t.send("\r");
    t.wait_for("the first match", |s| {
        common::row_text(s, SIZE.1 - 1).contains("\"Macron\" 1/2")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// Escape and a letter read together (`ESC q`: typed fast, or bunched by a slow link) are the
/// Escape key and then the letter, not an Alt-letter that nothing binds: here Escape closes the
/// help, then `/` opens the search prompt.
#[test]
fn escape_and_a_letter_read_together_are_escape_then_the_letter() {
    let scratch = Scratch::new("keys-escape-letter");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(NEWEST_ENTRY);
    t.send("?");
    t.wait_text("go to the newest entry (top)");
    t.send("\x1b/");
    t.wait_for("the help closed and the prompt open", |s| {
        !s.contents().contains("go to the newest entry (top)")
            && common::row_text(s, SIZE.1 - 1).contains("/▏")
    });
    t.send("\x1b");
    t.wait_for("the prompt closed", |s| {
        !common::row_text(s, SIZE.1 - 1).contains("/▏")
    });
    t.send("\x1bq");
    assert_eq!(t.wait_exit(), 0);
}

/// Text pasted (bracketed paste) goes into the open prompt whole, and anywhere else is not
/// read as keys: a pasted `q` does not quit, a pasted `o` opens nothing.
#[test]
fn pasted_text_goes_into_the_prompt_and_is_never_keys() {
    let scratch = Scratch::new("keys-paste");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(NEWEST_ENTRY);
    assert!(
        common::find(&t.raw(), b"\x1b[?2004h").is_some(),
        "bracketed paste asked for"
    );
    t.send("\x1b[200~quit, open, refresh\x1b[201~");
    t.wait_for("the note that a paste is not keys", |s| {
        common::row_text(s, SIZE.1 - 1).contains("Pasted text is not read as keys")
    });
    t.send("/\x1b[200~Mac\nron\x1b[201~");
    t.wait_for("the paste in the prompt, on one line", |s| {
        common::row_text(s, SIZE.1 - 1).contains("/Mac ron▏")
    });
    t.send("\x7f\x7f\x7f\x7f\x1b[200~ron\x1b[201~\r");
    t.wait_for("the first match", |s| {
        common::row_text(s, SIZE.1 - 1).contains("\"Macron\" 1/2")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// A paste whose end marker never comes ends once the terminal has been quiet a moment, with
/// what came of it: the keys after it are keys again, and `q` quits.
#[test]
fn a_paste_left_open_ends_when_the_terminal_goes_quiet() {
    let scratch = Scratch::new("keys-open-paste");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(NEWEST_ENTRY);
    t.send("\x1b[200~abc");
    t.wait_for("the paste taken once the terminal went quiet", |s| {
        common::row_text(s, SIZE.1 - 1).contains("Pasted text is not read as keys")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
