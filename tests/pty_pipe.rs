//! A blog piped in (`… | liveblog -`, `<(…)`, a named pipe): read whole as it comes, shown
//! with its keys read from the terminal, marked as a pipe, and never read again or kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;

use common::{SEED_FILE, Scratch, Term};

const SIZE: (u16, u16) = (100, 30);
const NEWEST_ENTRY: &str = "Spanish prime minister Pedro Sánchez";

/// The read states kept under the scratch home.
fn kept_states(scratch: &Scratch) -> usize {
    let dir = scratch.path().join("home/.local/state/liveblog");
    walk(&dir)
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                if e.path().is_dir() {
                    walk(&e.path())
                } else {
                    1
                }
            })
            .sum()
    })
}

#[test]
fn a_blog_piped_in_is_read_once_and_no_place_is_kept_for_it() {
    let scratch = Scratch::new("pipe");
    // A file keeps its place: what the pipe must not do.
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(NEWEST_ENTRY);
    t.send("jq");
    assert_eq!(t.wait_exit(), 0);
    let kept = kept_states(&scratch);
    assert!(kept > 0, "a file's place is kept");

    let fifo = scratch.path().join("blog.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(&fifo, std::fs::read(SEED_FILE).unwrap()))
    };
    let mut t = Term::spawn(&scratch, &[fifo.to_str().unwrap()], &[], SIZE);
    t.wait_text(NEWEST_ENTRY);
    writer.join().unwrap().unwrap();
    t.wait_for("the bar saying it is a pipe", |s| {
        common::row_text(s, SIZE.1 - 1).contains("PIPE")
    });
    // Reading the pipe again would wait for a writer that never comes.
    t.send("r");
    t.wait_text("Read once from a pipe: there is nothing to read again");
    t.send("p");
    t.wait_text("Nothing to pause: a pipe is read once, when the reader starts");
    t.send("jjq");
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(kept_states(&scratch), kept, "no place kept for a pipe");
}
