//! `liveblog status` against servers on 127.0.0.1, with the read state written beforehand as
//! the reader would have left it: the counts are those since that look, a source that went away
//! is shown from its copy with ⚠, and the state file is never touched.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::{Block, Entry, LiveBlog, LiveState};
use liveblog::net::Validators;
use liveblog::store::{ReadState, StateStore};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::thread::JoinHandle;

fn entry(id: &str, key: bool) -> Entry {
    Entry {
        id: id.into(),
        title: Some(format!("Entry {id}")),
        key_event: key,
        body: vec![Block::text(format!("Text of {id}."))],
        ..Entry::default()
    }
}

fn blog(ids: &[(&str, bool)]) -> LiveBlog {
    LiveBlog {
        title: "Paris summit live".into(),
        state: LiveState::Live,
        entries: ids.iter().map(|(i, k)| entry(i, *k)).collect(),
        ..LiveBlog::default()
    }
}

/// What the reader saw last time: two entries.
fn before() -> LiveBlog {
    blog(&[("b", false), ("a", false)])
}

/// What the server has now: two more, one of them a key event.
fn now() -> LiveBlog {
    blog(&[("d", true), ("c", false), ("b", false), ("a", false)])
}

/// Serves `body` with an `ETag` (a 304 to a request that sends it back) for exactly `n`
/// requests, then closes its port. The handle gives the request heads.
fn serve(body: String, n: usize) -> (String, JoinHandle<Vec<String>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/live/summit.json", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut heads = Vec::new();
        for stream in listener.incoming().take(n) {
            let mut s = stream.unwrap();
            let mut head = Vec::new();
            let mut buf = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                let k = s.read(&mut buf).unwrap();
                if k == 0 {
                    break;
                }
                head.extend_from_slice(&buf[..k]);
            }
            let head = String::from_utf8_lossy(&head).to_lowercase();
            let reply = if head.contains("if-none-match: \"v1\"") {
                "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n".to_string()
            } else {
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"v1\"\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
            };
            s.write_all(reply.as_bytes()).unwrap();
            heads.push(head);
        }
        heads
    });
    (url, handle)
}

/// A URL on a port nobody listens on.
fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}/live/bbc.json", listener.local_addr().unwrap())
}

/// The read state the reader would have saved after looking at [`before`], written with the
/// library, as the reader writes it; returns the file.
fn kept_state(home: &Path, url: &str) -> std::path::PathBuf {
    let states = StateStore::new(home.join("state/liveblog/read"));
    let mut state = ReadState::default();
    state.record_look(&before(), "2025-02-17T12:05:00Z".parse().unwrap());
    states.save(url, &state).unwrap();
    states.path(url)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn status(home: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_liveblog"))
        .arg("status")
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env_remove("GUARDIAN_API_KEY")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn status_counts_what_is_new_since_the_kept_look_and_leaves_the_state_alone() {
    let home = tempfile::tempdir().unwrap();
    let (url, server) = serve(liveblog::formats::native::to_json(&now()), 1);
    let file = kept_state(home.path(), &url);
    let bytes = std::fs::read(&file).unwrap();
    let run = status(home.path(), &[&url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Paris summit live ● 2 new · 1 key\n");
    assert_eq!(run.stderr, "");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "a glance is not a look"
    );
    assert_eq!(server.join().unwrap().len(), 1, "one request");
}

#[test]
fn status_with_the_server_gone_shows_the_copy_with_a_warning() {
    let home = tempfile::tempdir().unwrap();
    let (url, server) = serve(liveblog::formats::native::to_json(&now()), 2);
    let file = kept_state(home.path(), &url);
    let bytes = std::fs::read(&file).unwrap();
    let want = "Paris summit live ● 2 new · 1 key";
    // The first run keeps a copy; the second asks whether it changed (304) and shows it.
    for _ in 0..2 {
        let run = status(home.path(), &[&url]);
        assert_eq!((run.code, run.stdout.as_str()), (0, &*format!("{want}\n")));
    }
    let heads = server.join().unwrap();
    assert!(!heads[0].contains("if-none-match"), "{heads:?}");
    assert!(heads[1].contains("if-none-match: \"v1\""), "{heads:?}");
    // Now nobody answers: the line comes from the copy, marked.
    let run = status(home.path(), &[&url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("{want} ⚠\n"));
    assert!(run.stderr.contains("showing the copy"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches(url.as_str()).count(),
        1,
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("next try"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "a glance is not a look"
    );
    // Without the copy there is nothing to show: no line, exit 1, the reason on stderr.
    let run = status(home.path(), &["--no-cache", &url]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn status_of_an_event_sums_its_blogs_and_names_the_one_that_failed() {
    let home = tempfile::tempdir().unwrap();
    let (url, server) = serve(liveblog::formats::native::to_json(&now()), 1);
    let file = kept_state(home.path(), &url);
    let bytes = std::fs::read(&file).unwrap();
    let config = home.path().join("config/liveblog");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!(
            "[events.summit]\ntitle = \"Paris summit\"\nsources = [\n  {{ url = \"{url}\", \
             name = \"Guardian\" }},\n  {{ url = \"{}\", name = \"BBC\" }},\n]\n",
            dead_url()
        ),
    )
    .unwrap();
    let run = status(home.path(), &["--event", "summit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Paris summit ● 2 new · 1 key · BBC ✗\n");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    server.join().unwrap();
}

#[test]
fn status_needs_blogs_that_keep_a_read_state() {
    let home = tempfile::tempdir().unwrap();
    let run = status(home.path(), &[]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("--event NAME"), "{}", run.stderr);
    // The bundled replay keeps none: status does not take it (clap's usage error).
    let run = status(home.path(), &["--demo-event"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
}

/// Answers the first request with `body`, then takes every later one and never answers.
fn serve_then_hang(body: String) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/live/summit.json", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().take(4).enumerate() {
            let Ok(mut s) = stream else { return };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            if n == 0 {
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = s.write_all(reply.as_bytes());
            } else {
                std::thread::spawn(move || {
                    std::thread::sleep(std::time::Duration::from_secs(40));
                    drop(s);
                });
            }
        }
    });
    url
}

#[test]
fn a_server_that_never_answers_costs_a_glance_seconds_then_the_copy() {
    let home = tempfile::tempdir().unwrap();
    let url = serve_then_hang(liveblog::formats::native::to_json(&now()));
    kept_state(home.path(), &url);
    let run = status(home.path(), &[&url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let started = std::time::Instant::now();
    let run = status(home.path(), &[&url]);
    let took = started.elapsed();
    assert_eq!(
        run.stdout, "Paris summit live ● 2 new · 1 key ⚠\n",
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("timed out") || run.stderr.contains("timeout"),
        "{}",
        run.stderr
    );
    // A glance is not tried again.
    assert!(!run.stderr.contains("retried"), "{}", run.stderr);
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
}

/// A glance that finds an entry edited since the copy the reader kept keeps what the entry
/// said beside the new copy, for the reader's `d` at its next sitting; a second glance keeps
/// the text the reader saw, not the one between.
#[test]
fn status_keeps_what_an_edited_entry_said_beside_the_copy_for_the_reader() {
    let home = tempfile::tempdir().unwrap();
    let mut edited = now();
    edited.entries[3].body = vec![Block::text("Text of a, corrected.")];
    let (url, server) = serve(liveblog::formats::native::to_json(&edited), 1);
    kept_state(home.path(), &url);
    let cache = liveblog::store::BlogCache::new(home.path().join("cache/liveblog/blogs"));
    cache
        .save(
            &url,
            &before(),
            &Validators::default(),
            jiff::Timestamp::now(),
        )
        .unwrap();
    let run = status(home.path(), &[&url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    server.join().unwrap();
    let copy = cache
        .load(&url)
        .unwrap()
        .expect("the copy brought up to date");
    assert_eq!(copy.blog, edited);
    assert_eq!(
        copy.previous.into_iter().collect::<Vec<_>>(),
        [("a".to_string(), "Entry a\n\nText of a.".to_string())]
    );
    // Edited again before the reader looks: what the reader saw is still what is kept.
    let mut again = edited.clone();
    again.entries[3].body = vec![Block::text("Text of a, corrected twice.")];
    let (url2, server) = serve(liveblog::formats::native::to_json(&again), 1);
    let copy = cache.load(&url).unwrap().unwrap();
    let beside = liveblog::store::cache::Beside {
        previous: Some(&copy.previous),
        ..Default::default()
    };
    cache
        .save_with(
            &url2,
            beside,
            &copy.blog,
            &Validators::default(),
            copy.fetched_at,
        )
        .unwrap();
    assert_eq!(status(home.path(), &[&url2]).code, 0);
    server.join().unwrap();
    let copy = cache.load(&url2).unwrap().unwrap();
    assert_eq!(copy.blog, again);
    assert_eq!(copy.previous["a"], "Entry a\n\nText of a.");
}

#[test]
fn blogs_on_one_host_are_named_by_the_part_of_the_path_that_tells_them_apart() {
    let home = tempfile::tempdir().unwrap();
    // One server, one blog under two paths: the titles tell nothing apart.
    let (url, server) = serve(liveblog::formats::native::to_json(&now()), 2);
    let host = url.trim_end_matches("/live/summit.json");
    let (first, second) = (format!("{host}/1/live.json"), format!("{host}/2/live.json"));
    kept_state(home.path(), &first);
    let run = status(home.path(), &[&first, &second]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let named = host.trim_start_matches("http://");
    assert_eq!(
        run.stdout,
        format!("{named}/1 · {named}/2 ● 2 new · 1 key\n")
    );
    server.join().unwrap();
}

#[test]
fn an_entry_made_a_key_event_since_the_look_is_not_a_new_key_event() {
    let home = tempfile::tempdir().unwrap();
    // What the reader saw, with one of its entries now marked a key event: nothing new.
    let promoted = blog(&[("b", true), ("a", false)]);
    let (url, server) = serve(liveblog::formats::native::to_json(&promoted), 1);
    kept_state(home.path(), &url);
    let run = status(home.path(), &[&url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Paris summit live ● 1 made key\n");
    server.join().unwrap();
}

#[test]
fn a_blog_that_failed_is_set_apart_from_the_names_before_it_with_no_count_between() {
    let home = tempfile::tempdir().unwrap();
    let (url, server) = serve(liveblog::formats::native::to_json(&now()), 1);
    let dead = dead_url();
    let run = status(home.path(), &[&url, &dead]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let host = |u: &str| {
        u.trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        run.stdout,
        format!("{} ● · {} ✗\n", host(&url), host(&dead))
    );
    server.join().unwrap();
}

/// `status` counts what the reader's catch-up counts, by the same comparison: besides what is
/// new, the entries edited and those taken out since the look (`since 12:05: 1 new · 1 edited
/// · 1 taken out` in the reader).
#[test]
fn status_counts_edits_and_entries_taken_out_as_the_catch_up_does() {
    let home = tempfile::tempdir().unwrap();
    // Looked at c, b, a; now d is new, c was edited and b taken out.
    let looked = blog(&[("c", false), ("b", false), ("a", false)]);
    let mut changed = blog(&[("d", false), ("c", false), ("a", false)]);
    changed.entries[1].body = vec![Block::text("Text of c, corrected.")];
    let (url, server) = serve(liveblog::formats::native::to_json(&changed), 1);
    let states = StateStore::new(home.path().join("state/liveblog/read"));
    let mut state = ReadState::default();
    state.record_look(&looked, "2025-02-17T12:05:00Z".parse().unwrap());
    states.save(&url, &state).unwrap();
    let run = status(home.path(), &[&url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Paris summit live ● 1 new · 1 edited · 1 taken out\n"
    );
    server.join().unwrap();
    // The reader's catch-up of the same blog says the same counts.
    let utc = jiff::tz::TimeZone::UTC;
    let line = liveblog::store::catch_up(&state, &changed)
        .summary_line(&utc, "2025-02-17T13:00:00Z".parse().unwrap())
        .unwrap();
    assert_eq!(line, "since 12:05: 1 new · 1 edited · 1 taken out");
}
