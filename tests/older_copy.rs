//! The poller against a server on 127.0.0.1 that answers some polls with an older copy of the
//! blog, as a cache that has not caught up does: the newer copy stays on screen, nothing is
//! said to be taken out and nothing comes back as new; the next poll asks for anything newer
//! than the copy shown. A source that keeps sending the older copy is followed after a few.
//! A page that holds no entries is set aside too, as a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/home.rs"]
mod home;
#[path = "support/http.rs"]
mod http;

use liveblog::blog::{Block, Entry, LiveBlog, Stamp};
use liveblog::live::{Command, Event, Poller};
use liveblog::net::schedule::PollPlan;
use liveblog::net::{Client, Endpoint, FetchConfig, Validators};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// The blog with entries `e0`… `e{n-1}`, newest first, changed at 10:0n.
fn blog(n: usize) -> LiveBlog {
    LiveBlog {
        title: "Copies".into(),
        updated: Stamp::parse(&format!("2025-02-17T10:0{n}:00Z")),
        entries: (0..n)
            .rev()
            .map(|i| Entry {
                id: format!("e{i}"),
                body: vec![Block::text(format!("entry {i}"))],
                ..Entry::default()
            })
            .collect(),
        ..LiveBlog::default()
    }
}

/// Answers the `k`th request for `/blog.json` with the blog of `script[k]` entries (the last
/// one from then on), with an `ETag` naming it, and `/page.html` with a page that links to it;
/// records the head of each request for the blog.
async fn copies_server(script: Vec<usize>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/blog.json", listener.local_addr().unwrap());
    let heads: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = heads.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let Some(head) = http::read_head(&mut sock).await else {
                continue;
            };
            let (kind, tag, body) = if head.starts_with("GET /page.html") {
                let page = "<!doctype html><html><head><title>Copies</title>\
                    <link rel=\"alternate\" type=\"application/json\" href=\"/blog.json\">\
                    </head><body><p>The live coverage is elsewhere.</p></body></html>";
                ("text/html", "\"page\"".to_string(), page.to_string())
            } else {
                let mut seen = seen.lock().unwrap();
                let n = script.get(seen.len()).or(script.last()).copied().unwrap();
                seen.push(head);
                let body = liveblog::formats::native::to_json(&blog(n));
                ("application/json", format!("\"v{n}\""), body)
            };
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nETag: {tag}\r\n\
                 Content-Type: {kind}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = sock.write_all(reply.as_bytes()).await;
            let _ = sock.shutdown().await;
        }
    });
    (url, heads)
}

/// A poller of `url` that has the blog of 3 entries on screen, read with `ETag` "v3".
fn start(url: &str) -> mpsc::UnboundedReceiver<Event> {
    let client = Client::new(FetchConfig::default()).unwrap();
    let floor = Duration::from_millis(50);
    let validators = Validators {
        etag: Some("\"v3\"".into()),
        last_modified: None,
    };
    let poller = Poller::with_plan(
        client,
        Endpoint::Direct(url.parse().unwrap()),
        PollPlan::with_floor(floor, floor),
        blog(3),
        validators,
    );
    let (tx, rx) = mpsc::unbounded_channel();
    let (cmd_tx, cmd_rx) = mpsc::unbounded_channel::<Command>();
    tokio::spawn(async move {
        let _keep = cmd_tx;
        poller.run(tx, cmd_rx).await;
    });
    rx
}

/// The next `n` answers to polls: `Some(entries)` for a version taken in, `None` for nothing
/// new.
async fn answers(rx: &mut mpsc::UnboundedReceiver<Event>, n: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    while out.len() < n {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an answer within 10 s")
            .expect("the poller runs");
        match event {
            Event::Loaded { blog, .. } => out.push(Some(blog.entries.len())),
            Event::Unchanged { .. } => out.push(None),
            Event::Failed { error, .. } => panic!("no failure here: {error}"),
            _ => {}
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_copy_is_set_aside_and_the_next_poll_asks_past_the_copy_shown() {
    // On screen: 3 entries. Then a cache behind the rest answers with 2, then the source
    // with 4.
    let (url, heads) = copies_server(vec![2, 4]).await;
    let mut rx = start(&url);
    assert_eq!(answers(&mut rx, 2).await, [None, Some(4)]);
    let heads = heads.lock().unwrap();
    let asked = |k: usize| heads[k].to_ascii_lowercase();
    assert!(asked(0).contains("if-none-match: \"v3\""), "{}", asked(0));
    assert!(
        asked(1).contains("if-none-match: \"v3\""),
        "the older copy's validator is not taken: {}",
        asked(1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_that_keeps_sending_an_older_copy_is_followed_after_three() {
    let (url, _) = copies_server(vec![2]).await;
    let mut rx = start(&url);
    assert_eq!(answers(&mut rx, 4).await, [None, None, None, Some(2)]);
    // Taken in, that copy is the one shown: the same again is nothing new.
    assert_eq!(answers(&mut rx, 1).await, [None]);
}

/// `dump --format json URL` in `home`: the ids of the entries it prints, newest first.
async fn dumped(home: &Arc<home::Home>, url: &str) -> Vec<String> {
    let (home, url) = (home.clone(), url.to_string());
    let out = tokio::task::spawn_blocking(move || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_liveblog"));
        home.apply(&mut cmd)
            .args(["dump", "--format", "json", &url])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// Opened with a copy kept from an earlier run, an older copy from the source is set aside as
/// the poller sets one aside: the kept copy is what opens.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_copy_than_the_one_kept_opens_as_the_kept_one() {
    let home = Arc::new(home::Home::new("older-copy"));
    let (url, _) = copies_server(vec![3, 2]).await;
    assert_eq!(dumped(&home, &url).await, ["e2", "e1", "e0"]);
    assert_eq!(
        dumped(&home, &url).await,
        ["e2", "e1", "e0"],
        "the source's older copy is set aside"
    );
}

/// A page that suddenly holds no entries is a failure for as long as it lasts: its validators
/// are not taken, so a server that answers them with 304 cannot make it read as "nothing new".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_without_entries_fails_each_poll_and_its_validators_are_not_taken() {
    let (url, heads) = copies_server(vec![0]).await;
    let mut rx = start(&url);
    let mut failures = 0;
    while failures < 2 {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an answer within 10 s")
            .expect("the poller runs");
        match event {
            Event::Failed { error, .. } => {
                assert!(error.contains("returned no entries (it had 3)"), "{error}");
                failures += 1;
            }
            Event::Loaded { blog, .. } => panic!("taken in: {} entries", blog.entries.len()),
            Event::Unchanged { .. } => panic!("an empty page is not \"nothing new\""),
            _ => {}
        }
    }
    let heads = heads.lock().unwrap();
    assert!(
        heads[1]
            .to_ascii_lowercase()
            .contains("if-none-match: \"v3\""),
        "{}",
        heads[1]
    );
}

/// A page that links to its live data, opened with the copy kept from that link: an older copy
/// from the link is set aside there too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_copy_from_a_pages_link_opens_as_the_one_kept_from_it() {
    let home = Arc::new(home::Home::new("older-copy-link"));
    let (url, heads) = copies_server(vec![3, 2]).await;
    let page = url.replace("/blog.json", "/page.html");
    assert_eq!(dumped(&home, &page).await, ["e2", "e1", "e0"]);
    assert_eq!(
        dumped(&home, &page).await,
        ["e2", "e1", "e0"],
        "the link's older copy is set aside"
    );
    assert_eq!(
        heads.lock().unwrap().len(),
        2,
        "the link was read each time"
    );
}
