//! The replay's pages of a blog over real HTTP on 127.0.0.1, as the Guardian pages one
//! (`?page=with:block-<id>`, the page that holds an entry), and the reader's jump to a key
//! event whose entry is on another page: the page fetched from the replay, the reader landed
//! on the entry.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/events.rs"]
mod events;
#[path = "support/home.rs"]
mod home;

use events::{next_history, polling};
use liveblog::blog::LiveBlog;
use liveblog::formats;
use liveblog::live::{Command, Event};
use liveblog::serve::{ManualClock, RunningServer, ServeOptions, spawn};
use reqwest::StatusCode;
use std::sync::Arc;
use std::time::Duration;

/// Entries a page of the paged replays.
const PAGE: usize = 4;

/// The bundled blog, all on show from the start.
fn seed() -> LiveBlog {
    formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap()
}

/// The bundled blog replayed, every entry on show, `page_size` entries a page.
async fn replay(page_size: Option<usize>) -> RunningServer {
    replay_from(page_size, usize::MAX, ManualClock::new()).await
}

/// The bundled blog replayed on `clock`, `initial` entries on show at the start, `page_size`
/// entries a page.
async fn replay_from(
    page_size: Option<usize>,
    initial: usize,
    clock: ManualClock,
) -> RunningServer {
    let opts = ServeOptions {
        clock: Some(Arc::new(clock)),
        origin: Some("2025-02-17T12:00:00Z".parse().unwrap()),
        initial,
        changes: false,
        page_size,
        ..ServeOptions::default()
    };
    spawn(seed(), opts).await.unwrap()
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// The answer to `url`: its status and the blog read from it (none when it is not 200).
async fn read(url: &str) -> (StatusCode, Option<LiveBlog>) {
    let r = client().get(url).send().await.unwrap();
    let status = r.status();
    let body = r.bytes().await.unwrap();
    (
        status,
        (status == StatusCode::OK).then(|| formats::parse(&body).unwrap()),
    )
}

/// The ids of a blog's entries, in its order.
fn ids(b: &LiveBlog) -> Vec<&str> {
    b.entries.iter().map(|e| e.id.as_str()).collect()
}

#[tokio::test]
async fn every_page_format_answers_the_page_that_holds_an_entry() {
    let whole = seed();
    let all: Vec<&str> = ids(&whole);
    let server = replay(Some(PAGE)).await;
    for name in ["guardian", "html", "amp"] {
        let url = server.url(name).unwrap();
        let (_, first) = read(url).await;
        let first = first.unwrap();
        assert_eq!(ids(&first), all[..PAGE], "{name}: the newest first");
        // The second page, asked for by an entry on it: it holds that entry and its page.
        let target = all[PAGE + 1];
        let (status, page) = read(&format!("{url}?page=with:block-{target}")).await;
        assert_eq!(status, StatusCode::OK, "{name}");
        assert_eq!(ids(&page.unwrap()), all[PAGE..2 * PAGE], "{name}");
        // No entry of that id: no page holds it.
        let (status, _) = read(&format!("{url}?page=with:block-no-such-entry")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{name}");
    }
    // The page JSON names its next older page as the site does.
    let (_, first) = read(server.url("guardian").unwrap()).await;
    assert_eq!(
        first.unwrap().older,
        Some(format!("?page=with:block-{}", all[PAGE]))
    );
    server.shutdown().await.unwrap();
}

/// A replay on one page still answers for an entry as the site does: the page holds it, and
/// an entry it does not hold (one of a page of the blog it was not given) is not found,
/// rather than a page that says it holds the entry and does not.
#[tokio::test]
async fn a_replay_on_one_page_finds_no_page_for_an_entry_it_does_not_hold() {
    let whole = seed();
    let server = replay(None).await;
    for name in ["guardian", "html", "amp"] {
        let url = server.url(name).unwrap();
        let held = &whole.entries[3].id;
        let (status, page) = read(&format!("{url}?page=with:block-{held}")).await;
        assert_eq!(status, StatusCode::OK, "{name}");
        assert_eq!(page.unwrap().entries.len(), whole.entries.len(), "{name}");
        let (status, _) = read(&format!("{url}?page=with:block-not-replayed")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{name}");
    }
    server.shutdown().await.unwrap();
}

/// The reader's jump to a key event whose entry is on an older page of the replay: the first
/// page lists it and names an older page, so the blog is paged; the page that holds it is
/// fetched from the replay and added, and the reader is sent to the entry; when the blog grows,
/// the page added stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_event_on_an_older_page_of_the_replay_is_fetched_and_landed_on() {
    let clock = ManualClock::new();
    let server = replay_from(Some(PAGE), seed().entries.len() - 1, clock.clone()).await;
    let url = url::Url::parse(server.url("guardian").unwrap()).unwrap();
    let (blog, cmd, mut rx) = polling(&url).await;
    // The oldest key event of an entry the replay holds, on a page the reader has not loaded.
    let whole = seed();
    let key = blog
        .key_events
        .iter()
        .rev()
        .find(|k| {
            k.entry_id
                .as_deref()
                .is_some_and(|id| blog.position(id).is_none() && whole.position(id).is_some())
        })
        .expect("a key event on an older page")
        .clone();
    let target = key.entry_id.clone().unwrap();
    cmd.send(Command::LoadPageWith(target.clone())).unwrap();
    let (b, jump) = next_history(&mut rx).await;
    assert_eq!(jump.as_deref(), Some(target.as_str()));
    let i = b.position(&target).expect("the entry is loaded");
    assert_eq!(b.entries[i].title.as_deref(), Some(key.title.as_str()));
    // The newest entry comes out; a refresh reads the first page again, with it.
    clock.advance(Duration::from_secs(24 * 60 * 60));
    cmd.send(Command::RefreshNow).unwrap();
    loop {
        match tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap()
        {
            Event::Loaded { blog, .. } => {
                assert!(blog.position(&seed().entries[0].id).is_some(), "the newest");
                assert!(blog.position(&target).is_some(), "the older page survives");
                break;
            }
            Event::Failed { error, .. } => panic!("{error}"),
            _ => {}
        }
    }
    server.shutdown().await.unwrap();
}

/// `liveblog serve --page-size N` pages the replay: the page JSON holds the newest N entries
/// on show and names the next older page.
#[tokio::test]
async fn serve_pages_the_blog_when_asked() {
    let home = home::Home::new("serve-pages");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_liveblog"));
    home.apply(&mut cmd)
        .args(["serve", "--pace", "3", "--page-size", "2"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let lines = home::stdout_lines(&mut child);
    let url = loop {
        let line = lines.recv_timeout(Duration::from_secs(30)).unwrap();
        let mut words = line.split_whitespace();
        if let (Some("guardian"), Some(url)) = (words.next(), words.next()) {
            break url.to_string();
        }
    };
    let (status, first) = read(&url).await;
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, StatusCode::OK);
    let first = first.unwrap();
    assert_eq!(first.entries.len(), 2);
    assert!(
        first
            .older
            .is_some_and(|o| o.starts_with("?page=with:block-"))
    );
}
