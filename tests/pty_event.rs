//! Following an event in a real pseudo-terminal: two replay servers in two formats merged in
//! one reader, and the same blog over two sittings (the catch-up line, the last copy when the
//! server is down, the bell and notification on a new key event only when asked for).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;
#[path = "support/replay.rs"]
mod replay;

#[path = "support/models.rs"]
mod models;

use common::{SEED_FILE as SEED, Scratch, Term, find};
use liveblog::blog::{Block, Entry, LiveBlog, LiveState, Stamp};
use models::key_events_of;
use replay::Replay;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

const SIZE: (u16, u16) = (100, 30);

const SECOND: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/jsonld/guardian-politics-2023-12-13.linkedData.json"
);

#[test]
fn two_replay_servers_in_two_formats_are_read_as_one_event_with_tabs() {
    let scratch = Scratch::new("two-replays");
    let a = Replay::start(SEED, &scratch.env());
    let b = Replay::start(SECOND, &scratch.env());
    let (ua, ub) = (a.url("html"), b.url("rss"));
    let mut t = Term::spawn(&scratch, &[&ua, &ub, "--interval", "5"], &[], SIZE);
    t.wait_text("0 All");
    // Both blogs' tabs, named by their hosts, and entries of both tagged in the merged view.
    let host = |u: &str| u.split('/').nth(2).unwrap().to_string();
    let (ha, hb) = (host(&ua), host(&ub));
    t.wait_for("both tabs", |s| {
        let top = common::row_text(s, 0);
        top.contains(&format!("1 {ha}")) && top.contains(&format!("2 {hb}"))
    });
    t.wait_text(&format!("[{ha}]"));
    t.wait_text(&format!("[{hb}]"));
    t.wait_text("2 blogs");
    // The second blog alone: its tab names it, and the entries carry no tag.
    t.send("2");
    t.wait_for("the second blog alone", |s| {
        let text = s.contents();
        !text.contains(&format!("[{hb}]")) && !text.contains(&format!("[{ha}]"))
    });
    t.send("0");
    t.wait_text(&format!("[{ha}]"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// A server whose blog the test changes, and which can be taken down.
struct Switchable {
    url: String,
    body: Arc<Mutex<String>>,
    down: Arc<AtomicBool>,
}

impl Switchable {
    fn start(body: String) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/live.json", listener.local_addr().unwrap());
        let body = Arc::new(Mutex::new(body));
        let down = Arc::new(AtomicBool::new(false));
        let (b, d) = (body.clone(), down.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut s) = stream else { continue };
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                if d.load(Ordering::SeqCst) {
                    // Down: the connection closes with no answer.
                    continue;
                }
                let body = b.lock().unwrap().clone();
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = s.write_all(reply.as_bytes());
            }
        });
        Self { url, body, down }
    }

    fn set(&self, body: String) {
        *self.body.lock().unwrap() = body;
    }
}

fn entry(id: u32, key: bool, text: &str) -> Entry {
    Entry {
        id: format!("e{id}"),
        title: key.then(|| format!("Key event number {id}")),
        key_event: key,
        published: Stamp::parse(&format!("2025-02-17T13:{id:02}:00Z")),
        body: vec![Block::text(text)],
        ..Entry::default()
    }
}

/// A live blog of entries `1..=n`, newest first; `key` ones are key events.
fn blog(n: u32, key: &[u32], edited: &[u32]) -> String {
    let entries: Vec<Entry> = (1..=n)
        .rev()
        .map(|i| {
            let text = if edited.contains(&i) {
                format!("Entry {i} says something. Update: and then more.")
            } else {
                format!("Entry {i} says something.")
            };
            entry(i, key.contains(&i), &text)
        })
        .collect();
    let key_events = key_events_of(&entries);
    liveblog::formats::native::to_json(&LiveBlog {
        title: "Summit live".into(),
        state: LiveState::Live,
        entries,
        key_events,
        ..LiveBlog::default()
    })
}

#[test]
fn reopening_after_the_blog_moved_on_says_what_changed_and_lists_it() {
    let scratch = Scratch::new("catch-up");
    let server = Switchable::start(blog(3, &[1], &[]));
    let mut t = Term::spawn(&scratch, &[&server.url], &[], SIZE);
    t.wait_text("Entry 3 says something.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    // Meanwhile: two new entries, one a key event, and entry 2 edited.
    server.set(blog(5, &[1, 5], &[2]));
    let mut t = Term::spawn(&scratch, &[&server.url], &[], SIZE);
    t.wait_text("2 new · 1 key event · 1 edited");
    t.send("c");
    t.wait_text("★ key event: Key event number 5");
    t.wait_text("edited: Entry 2 says something.");
    t.send("q");
    t.wait_for("the list closed", |s| {
        !s.contents().contains("Enter jumps to it")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    // Nothing changed since: no catch-up line.
    let mut t = Term::spawn(&scratch, &[&server.url], &[], SIZE);
    t.wait_text("Key event number 5");
    t.wait_text("next check in");
    assert!(!t.contents().contains("since "), "{}", t.contents());
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn with_the_server_down_the_last_copy_opens_with_the_error() {
    let scratch = Scratch::new("last-copy");
    let server = Switchable::start(blog(3, &[1], &[]));
    let mut t = Term::spawn(&scratch, &[&server.url], &[], SIZE);
    t.wait_text("Entry 3 says something.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    server.down.store(true, Ordering::SeqCst);
    let mut t = Term::spawn(&scratch, &[&server.url], &[], SIZE);
    t.wait_text("Entry 3 says something.");
    t.wait_text("⚠");
    let status = t.row(SIZE.1 - 1);
    assert_eq!(status.matches("showing the copy of").count(), 1, "{status}");
    assert_eq!(status.matches("next try").count(), 1, "{status}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    // The copy spoilt on disk: it is set aside, and the empty screen says why it is empty.
    let copies = scratch.path().join("home/.cache/liveblog/blogs");
    let copies: Vec<_> = std::fs::read_dir(copies).unwrap().flatten().collect();
    assert_eq!(copies.len(), 1);
    std::fs::write(copies[0].path(), "{\"liveblog_cache\": 1, trunc").unwrap();
    let mut t = Term::spawn(&scratch, &[&server.url], &[], SIZE);
    t.wait_text("The copy kept from an earlier sitting could not be used");
    assert!(!t.contents().contains("Entry 3"), "{}", t.contents());
    // And the server being down is not hidden by it.
    t.wait_for("the failing source beside the note", |s| {
        let bar = common::row_text(s, SIZE.1 - 1);
        bar.starts_with(" ⚠ ") && bar.contains(" · The copy kept")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_new_key_event_rings_and_notifies_only_when_asked() {
    for (notify, rings) in [(true, true), (false, false)] {
        let scratch = Scratch::new("bell");
        let server = Switchable::start(blog(2, &[], &[]));
        let mut args = vec![server.url.as_str(), "--interval", "5"];
        if notify {
            args.extend(["--notify", "key-events"]);
        }
        let mut t = Term::spawn(&scratch, &args, &[], SIZE);
        t.wait_text("Entry 2 says something.");
        server.set(blog(3, &[3], &[]));
        t.wait_text("Key event number 3");
        let raw = t.raw();
        // The bell, then the notification (titles end in BEL too, so look for the pair).
        assert_eq!(
            find(&raw, b"\x07\x1b]9;").is_some(),
            rings,
            "BEL and OSC 9, notify={notify}"
        );
        if rings {
            assert!(find(&raw, b"Key event number 3").is_some());
        }
        t.send("q");
        assert_eq!(t.wait_exit(), 0);
    }
}

#[test]
fn an_alert_program_that_cannot_run_is_said_in_the_status_bar() {
    let scratch = Scratch::new("alert-fails");
    let server = Switchable::start(blog(2, &[], &[]));
    let args = [
        server.url.as_str(),
        "--interval",
        "5",
        "--on-alert",
        "/no/such/alert-program --flag",
    ];
    let mut t = Term::spawn(&scratch, &args, &[], SIZE);
    t.wait_text("Entry 2 says something.");
    server.set(blog(3, &[3], &[]));
    t.wait_text("Key event number 3");
    t.wait_text("on-alert program \"/no/such/alert-program\" could not be started");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_cache_that_cannot_be_written_is_one_line_and_reading_goes_on() {
    let scratch = Scratch::new("disk");
    // The cache directory cannot be made: a file stands where it would go.
    let blocker = scratch.file("blocker", b"not a directory");
    let cache = format!("{}/cache", blocker.display());
    let server = Switchable::start(blog(2, &[], &[]));
    let env = [("XDG_CACHE_HOME", cache.as_str())];
    let mut t = Term::spawn(&scratch, &[&server.url, "--interval", "5"], &env, SIZE);
    t.wait_text("Entry 2 says something.");
    server.set(blog(3, &[], &[]));
    t.wait_text("Entry 3 says something.");
    t.wait_text("keeping the last copy on disk failed");
    // A note, not a failing blog: no warning sign, and the next check as usual.
    let status = t.row(SIZE.1 - 1);
    assert!(!status.contains('⚠'), "{status}");
    t.send("j");
    t.wait_for("the note gone with a key", |s| {
        common::row_text(s, SIZE.1 - 1).contains("next check in")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// The read state's files for one blog (`<16 hex>.json`) in the scratch's state directory.
fn kept_states(scratch: &Scratch) -> Vec<String> {
    let dir = scratch.path().join("home/.local/state/liveblog/read");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.display().to_string())
        .collect()
}

/// Kills the reader as `kill -9` does, and waits until it has gone (its locks with it).
fn kill(t: &Term) {
    t.signal(nix::sys::signal::Signal::SIGKILL);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while t.proc_state().is_some_and(|s| s != 'Z') {
        assert!(
            std::time::Instant::now() < deadline,
            "the killed reader lingers"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn a_second_reader_of_a_blog_reads_it_but_leaves_the_place_to_the_first() {
    let scratch = Scratch::new("two-readers");
    let mut first = Term::spawn(&scratch, &[SEED], &[], SIZE);
    first.wait_text("q quit");
    let mut second = Term::spawn(&scratch, &[SEED], &[], SIZE);
    second.wait_text("has this blog open: it keeps your place and rings its alerts");
    second.send("GGG");
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    assert!(
        kept_states(&scratch).is_empty(),
        "the second reader saved over the first's place: {:?}",
        kept_states(&scratch)
    );
    assert!(
        !first.contents().contains("has this blog open"),
        "the first reader holds the blog"
    );
    first.send("jjj");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    assert_eq!(
        kept_states(&scratch).len(),
        1,
        "the first reader's place is kept"
    );
    // The blog is free again: the next reader holds it and says nothing of another.
    let third = Term::spawn(&scratch, &[SEED], &[], SIZE);
    third.wait_text("q quit");
    assert!(!third.contents().contains("has this blog open"));
    // Killed, it leaves no lock behind: the kernel lets go of it.
    kill(&third);
    let mut fourth = Term::spawn(&scratch, &[SEED], &[], SIZE);
    fourth.wait_text("q quit");
    assert!(
        !fourth.contents().contains("has this blog open"),
        "a killed reader's lock outlived it"
    );
    fourth.send("q");
    assert_eq!(fourth.wait_exit(), 0);
}

#[test]
fn when_the_first_reader_ends_the_second_holds_the_blog_and_keeps_its_place() {
    let scratch = Scratch::new("take-over");
    let mut first = Term::spawn(&scratch, &[SEED], &[], SIZE);
    first.wait_text("q quit");
    let mut second = Term::spawn(&scratch, &[SEED], &[], SIZE);
    second.wait_text("has this blog open: it keeps your place and rings its alerts");
    first.send("jq");
    assert_eq!(first.wait_exit(), 0);
    let states = kept_states(&scratch);
    assert_eq!(states.len(), 1, "the first reader's place is kept");
    let firsts = std::fs::read(&states[0]).unwrap();
    second.wait_text("has closed: this one now keeps your place and rings the alerts");
    second.send("GG");
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    let seconds = std::fs::read(&states[0]).unwrap();
    assert_ne!(
        firsts, seconds,
        "the second reader's place is kept after the first's"
    );
    // And the blog is free again.
    let mut third = Term::spawn(&scratch, &[SEED], &[], SIZE);
    third.wait_text("q quit");
    assert!(!third.contents().contains("has this blog open"));
    third.send("q");
    assert_eq!(third.wait_exit(), 0);
}

/// A place that cannot be read is said in the status bar, where the reader lands anew; one
/// that cannot be kept is said on stderr once the screen is given back. Never silently.
#[test]
fn a_place_that_cannot_be_read_or_kept_is_said() {
    let scratch = Scratch::new("lost-place");
    let mut t = Term::spawn(&scratch, &[SEED], &[], SIZE);
    t.wait_text("q quit");
    t.send("jq");
    assert_eq!(t.wait_exit(), 0);
    let [file] = kept_states(&scratch).try_into().expect("one kept place");
    std::fs::write(&file, "garbage{{").unwrap();
    let mut t = Term::spawn(&scratch, &[SEED], &[], SIZE);
    t.wait_text("Your place was lost: not a readable read state file");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    // A directory where the place is kept: neither read nor written.
    for f in kept_states(&scratch) {
        std::fs::remove_file(f).unwrap();
    }
    std::fs::create_dir(&file).unwrap();
    let mut t = Term::spawn(&scratch, &[SEED], &[], SIZE);
    t.wait_text("Your place could not be read: not a regular file");
    t.send("jq");
    assert_eq!(t.wait_exit(), 0);
    assert!(
        t.contents().contains("could not be kept: Is a directory"),
        "{}",
        t.contents()
    );
}

/// A reader killed, or a machine that went down, loses only the last moments of reading: the
/// place is kept as the reader runs, a few seconds after it moved, not only when it stops.
#[test]
fn the_place_is_kept_while_reading_so_a_killed_reader_opens_where_it_was() {
    let scratch = Scratch::new("kept-meanwhile");
    let mut t = Term::spawn(&scratch, &[SEED], &[], SIZE);
    t.wait_text("q quit");
    t.send("G");
    t.wait_for("the place moved", |s| {
        !common::row_text(s, SIZE.1 - 1).contains(" 1/")
    });
    let bar = t.row(SIZE.1 - 1);
    let place = bar
        .split_whitespace()
        .find(|w| w.contains('/'))
        .unwrap()
        .to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while kept_states(&scratch).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "nothing kept while the reader runs"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Written beside it and renamed into place: whole once it is there.
    kill(&t);
    let mut again = Term::spawn(&scratch, &[SEED], &[], SIZE);
    again.wait_text("q quit");
    let bar = again.row(SIZE.1 - 1);
    assert!(
        bar.split_whitespace().any(|w| w == place),
        "opened at {bar:?}, not at {place}"
    );
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}
