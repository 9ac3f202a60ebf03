//! `liveblog follow` against the project's replay server on 127.0.0.1: every entry printed
//! once, oldest first, edits printed again as edits, and a clean exit when the blog ends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/down_once.rs"]
mod down_once;
#[path = "support/home.rs"]
mod home;
#[path = "support/versions.rs"]
mod versions;

use down_once::down_once_server;
use liveblog::serve::{self, ServeOptions};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use versions::versions_server;

fn seed() -> liveblog::blog::LiveBlog {
    liveblog::formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_prints_each_entry_once_in_order_and_exits_when_the_blog_ends() {
    follows_the_replay_to_its_end("guardian").await;
}

/// The same replay read through its AMP live list: items, edits by `data-update-time`, and
/// the end when the list is `disabled`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_reads_an_amp_live_list_to_its_end() {
    follows_the_replay_to_its_end("amp").await;
}

async fn follows_the_replay_to_its_end(format: &str) {
    let opts = ServeOptions {
        pace: Duration::from_millis(200),
        max_age: Duration::from_secs(1),
        ..ServeOptions::default()
    };
    let server = serve::spawn(seed(), opts).await.unwrap();
    let url = server.url(format).unwrap().to_string();
    let out = tokio::task::spawn_blocking(move || {
        let home = home::Home::new("follow-replay");
        let mut child = home
            .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
            .args(["follow", &url, "--format", "jsonl", "--interval", "5"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("follow did not exit when the blog ended");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);

    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let new_ids: Vec<String> = lines
        .iter()
        .filter(|v| v["change"] == "new")
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    let blog = seed();
    // Oldest first: the order the blog was written in, which is the reverse of the page's.
    let oldest_first: Vec<String> = blog.entries.iter().rev().map(|e| e.id.clone()).collect();
    let mut deduped = new_ids.clone();
    deduped.dedup();
    assert_eq!(
        deduped.len(),
        new_ids.len(),
        "each entry printed once as new"
    );
    let positions: Vec<usize> = new_ids
        .iter()
        .map(|id| {
            oldest_first
                .iter()
                .position(|o| o == id)
                .expect("an entry of the blog")
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "oldest first: {positions:?}"
    );
    // Every entry that exists at the end was printed (one may have been deleted on the way).
    assert!(
        new_ids.len() + 1 >= blog.entries.len(),
        "{} of {}",
        new_ids.len(),
        blog.entries.len()
    );
    assert!(lines.iter().all(|v| v["text"].is_string()));
    // The replay edits one entry; follow prints it again, marked as an edit.
    let edits = lines.iter().filter(|v| v["change"] == "edited").count();
    assert!(edits >= 1, "the replayed edit was printed");
    server.shutdown().await.unwrap();
}

/// `follow URL --format jsonl` polled every 5 s, run to its end in a home of its own.
fn follow_jsonl(home: &str, url: &str) -> std::process::Output {
    home::Home::new(home)
        .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
        .args(["follow", url, "--format", "jsonl", "--interval", "5"])
        .output()
        .unwrap()
}

#[test]
fn follow_reports_a_deleted_entry_as_deleted() {
    use liveblog::blog::{Block, Entry, LiveBlog, LiveState, Stamp};
    let entry = |id: &str, minute: u32| Entry {
        id: id.into(),
        title: Some(format!("Entry {id}")),
        published: Stamp::parse(&format!("2025-02-17T10:{minute:02}:00Z")),
        body: vec![Block::text(format!("Text of {id}."))],
        ..Entry::default()
    };
    let version = |ids: &[(&str, u32)], state: LiveState| {
        liveblog::formats::native::to_json(&LiveBlog {
            title: "Deletions".into(),
            state,
            entries: ids.iter().map(|(id, m)| entry(id, *m)).collect(),
            ..LiveBlog::default()
        })
    };
    let url = versions_server(vec![
        version(&[("b", 2), ("a", 1)], LiveState::Live),
        version(&[("c", 3), ("a", 1)], LiveState::Live),
        version(&[("c", 3), ("a", 1)], LiveState::Ended),
    ]);
    let out = follow_jsonl("follow", &url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(String, String)> = lines
        .iter()
        .map(|v| {
            (
                v["type"].as_str().unwrap().to_string(),
                v["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [("new", "a"), ("new", "b"), ("deleted", "b"), ("new", "c")];
    assert_eq!(
        got,
        want.map(|(t, i)| (t.to_string(), i.to_string())),
        "{lines:#?}"
    );
}

/// A page's structured data often times only its newest updates: the older ones get their
/// times once newer ones push them down. That is no edit of what they say.
#[test]
fn times_given_to_older_entries_where_there_were_none_are_not_edits() {
    use liveblog::blog::{Block, Entry, LiveBlog, LiveState, Stamp};
    let entry = |id: &str, minute: Option<u32>| Entry {
        id: id.into(),
        published: minute.and_then(|m| Stamp::parse(&format!("2025-02-17T10:{m:02}:00Z"))),
        body: vec![Block::text(format!("Text of {id}."))],
        ..Entry::default()
    };
    let version = |entries: Vec<Entry>, state: LiveState| {
        liveblog::formats::native::to_json(&LiveBlog {
            title: "Timed later".into(),
            state,
            entries,
            ..LiveBlog::default()
        })
    };
    let url = versions_server(vec![
        version(vec![entry("b", Some(2)), entry("a", None)], LiveState::Live),
        version(
            vec![
                entry("c", Some(3)),
                entry("b", Some(2)),
                entry("a", Some(1)),
            ],
            LiveState::Live,
        ),
        version(
            vec![
                entry("c", Some(3)),
                entry("b", Some(2)),
                entry("a", Some(1)),
            ],
            LiveState::Ended,
        ),
    ]);
    let out = follow_jsonl("follow", &url);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let got: Vec<(String, String)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["type"].to_string(), v["id"].to_string())
        })
        .collect();
    let want = [("new", "a"), ("new", "b"), ("new", "c")];
    assert_eq!(
        got,
        want.map(|(t, i)| (format!("{t:?}"), format!("{i:?}"))),
        "no edits"
    );
}

#[test]
fn a_poll_that_suddenly_holds_no_entries_is_a_failure_not_a_deletion_of_everything() {
    use liveblog::blog::{Block, Entry, LiveBlog, LiveState, Stamp};
    let entry = |id: &str, minute: u32| Entry {
        id: id.into(),
        published: Stamp::parse(&format!("2025-02-17T10:{minute:02}:00Z")),
        body: vec![Block::text(format!("Text of {id}."))],
        ..Entry::default()
    };
    let version = |ids: &[(&str, u32)], state: LiveState| {
        liveblog::formats::native::to_json(&LiveBlog {
            title: "Emptied".into(),
            state,
            entries: ids.iter().map(|(id, m)| entry(id, *m)).collect(),
            ..LiveBlog::default()
        })
    };
    let url = versions_server(vec![
        version(&[("b", 2), ("a", 1)], LiveState::Live),
        version(&[], LiveState::Live),
        version(&[("b", 2), ("a", 1)], LiveState::Ended),
    ]);
    let out = follow_jsonl("follow", &url);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("returned no entries (it had 2)"),
        "{stderr}"
    );
    let types: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["type"].to_string())
        .collect();
    assert_eq!(types, ["\"new\"", "\"new\""], "nothing deleted");
}

/// The text form is read as it arrives, beside the reader's screen and the clock on the wall:
/// its times are local (`TZ`), where a dump keeps the source's offset.
#[test]
fn follow_prints_the_text_form_s_times_in_local_time() {
    use liveblog::blog::{Block, Entry, LiveBlog, LiveState, Stamp};
    let ended = liveblog::formats::native::to_json(&LiveBlog {
        title: "Times".into(),
        state: LiveState::Ended,
        entries: vec![Entry {
            id: "a".into(),
            title: Some("Polls close".into()),
            published: Stamp::parse("2025-02-17T10:01:00Z"),
            body: vec![Block::text("Turnout looks high.")],
            ..Entry::default()
        }],
        ..LiveBlog::default()
    });
    let url = versions_server(vec![ended]);
    let home = home::Home::new("follow-local");
    let run = |tz: &str| {
        let out = home
            .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
            .env("TZ", tz)
            .args(["follow", &url])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("<+0530>-5:30");
    assert!(
        text.starts_with("2025-02-17 15:31 +05:30 Polls close\nTurnout looks high."),
        "{text}"
    );
    let text = run("UTC0");
    assert!(
        text.starts_with("2025-02-17 10:01 UTC Polls close"),
        "{text}"
    );
}

/// As the reader does, `follow` waits out a source that is down at the start: it says so on
/// stderr, tries again with backoff and prints the blog once it comes.
#[test]
fn follow_retries_a_source_down_at_the_start_and_prints_the_blog_once_it_comes() {
    use liveblog::blog::{Block, Entry, LiveBlog, LiveState};
    let blog = liveblog::formats::native::to_json(&LiveBlog {
        title: "Back".into(),
        state: LiveState::Ended,
        entries: vec![Entry {
            id: "a".into(),
            body: vec![Block::text("The source recovered.")],
            ..Entry::default()
        }],
        ..LiveBlog::default()
    });
    let url = format!(
        "{}/blog.json",
        down_once_server(move |_| ("application/json", blog.clone()))
    );
    let out = follow_jsonl("follow-down-at-start", &url);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("HTTP 503") && stderr.contains("next try within"),
        "{stderr}"
    );
    // One line that names the source once, then says what failed, then when it is tried again.
    let line = stderr.lines().find(|l| l.contains("HTTP 503")).unwrap();
    assert_eq!(line.matches(&url).count(), 1, "{line}");
    assert!(
        line.starts_with(&format!("liveblog: \"{url}\": ")),
        "{line}"
    );
    let (failed, retry) = (
        line.find("HTTP 503").unwrap(),
        line.find("next try").unwrap(),
    );
    assert!(failed < retry, "what failed comes first: {line}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("The source recovered."), "{stdout}");
}

/// A Content API blog is polled for what is newer only, which cannot see a deletion; the poll
/// that finds the blog ended is followed by one whole read, so `follow` still prints an entry
/// deleted just before the end as deleted, then exits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_prints_a_deletion_just_before_a_content_api_blog_ends() {
    use liveblog::serve::{Change, ChangeKind};
    let blog = seed();
    let gone = blog
        .entries
        .iter()
        .filter(|e| !e.pinned)
        .nth(1)
        .unwrap()
        .id
        .clone();
    // The deletion is the replay's last change: the blog ends as it is made, before the
    // first poll five seconds in.
    let opts = ServeOptions {
        initial: blog.entries.len(),
        changes: false,
        script: vec![Change {
            at: Duration::from_secs(3),
            entry_id: gone.clone(),
            kind: ChangeKind::Delete,
        }],
        ..ServeOptions::brisk()
    };
    let server = serve::spawn(blog, opts).await.unwrap();
    let url = server.url("capi").unwrap().to_string();
    let out = tokio::task::spawn_blocking(move || follow_jsonl("follow-capi-end", &url))
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    let deleted: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "deleted")
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(deleted, [gone]);
    server.shutdown().await.unwrap();
}
