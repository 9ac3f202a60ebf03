//! History for paged sources (the Guardian's page JSON) against a real server on 127.0.0.1:
//! the next older page, the page that holds a key event, and history surviving a refresh.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::{Block, Entry, KeyEvent, LiveBlog, Stamp};
use liveblog::live::Command;
use liveblog::live::Event;
use liveblog::live::Poller;
use liveblog::net::schedule::PollPlan;
use liveblog::net::{Client, Endpoint, FetchConfig, Validators};
use liveblog::serve::timeline::{ReplayOptions, Timeline};
use liveblog::serve::writers::{self, Site};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn entry(i: u32) -> Entry {
    Entry {
        id: format!("5f{i:022}"),
        title: i.is_multiple_of(2).then(|| format!("Key event {i}")),
        key_event: i.is_multiple_of(2),
        published: Stamp::parse(&format!("2025-02-17T{:02}:{:02}:00Z", 8 + i / 60, i % 60)),
        body: vec![Block::text(format!("Entry number {i}."))],
        ..Entry::default()
    }
}

/// Entries `range`, newest first, written as the Guardian page JSON.
fn page(range: std::ops::Range<u32>, older: Option<&str>, site: &Site) -> String {
    let entries: Vec<Entry> = range.rev().map(entry).collect();
    let key_events = (0..40)
        .rev()
        .map(entry)
        .filter(|e| e.key_event)
        .map(|e| KeyEvent {
            title: e.title.clone().unwrap(),
            entry_id: Some(e.id.clone()),
            published: e.published,
        })
        .collect();
    let blog = LiveBlog {
        title: "Paged".into(),
        entries,
        key_events,
        ..LiveBlog::default()
    };
    let mut opts = ReplayOptions::paced(Duration::from_secs(1)).without_changes();
    opts.initial = usize::MAX;
    let snap = Timeline::new(blog, &opts).at(Duration::from_secs(1_000_000));
    let mut v: serde_json::Value =
        serde_json::from_str(&writers::guardian_page(&snap, site)).unwrap();
    v["pagination"] = match older {
        Some(o) => {
            serde_json::json!({ "currentPage": 1, "totalPages": 3, "older": o, "oldest": o })
        }
        None => serde_json::json!({ "currentPage": 3, "totalPages": 3 }),
    };
    v.to_string()
}

/// Page 1 holds entries 30..40, page 2 entries 20..30 (`?page=with:block-<id of 29>`), page 3
/// entries 10..20 (`with:block-<id of 19>`). Requests are logged.
async fn paged_server() -> (url::Url, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let site = Site {
        base: base.clone(),
        page_path: "/world/live/2025/feb/17/paged".into(),
    };
    let p2 = format!("?page=with:block-{}", entry(29).id);
    let p3 = format!("?page=with:block-{}", entry(19).id);
    let pages = Arc::new([
        page(30..40, Some(&p2), &site),
        page(20..30, Some(&p3), &site),
        page(10..20, None, &site),
    ]);
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = log.clone();
    let (id29, id19) = (entry(29).id, entry(19).id);
    tokio::spawn(async move {
        for _ in 0..50 {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let mut req = vec![0u8; 4096];
            let n = sock.read(&mut req).await.unwrap_or(0);
            let line = String::from_utf8_lossy(&req[..n])
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            seen.lock().unwrap().push(line.clone());
            // The page that holds an entry: ids 20..30 are on page 2, 10..20 on page 3.
            let which = if line.contains(&id29) || (20..29).any(|i| line.contains(&entry(i).id)) {
                1
            } else if line.contains(&id19) || (10..19).any(|i| line.contains(&entry(i).id)) {
                2
            } else {
                0
            };
            let body = &pages[which];
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = sock.write_all(head.as_bytes()).await;
            let _ = sock.write_all(body.as_bytes()).await;
        }
    });
    (
        format!("{base}/world/live/2025/feb/17/paged.json?dcr")
            .parse()
            .unwrap(),
        log,
    )
}

async fn next_history(
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<Event>,
) -> (LiveBlog, Option<String>) {
    loop {
        match tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap()
        {
            Event::HistoryLoaded { blog, jump_to } => return (*blog, jump_to),
            Event::HistoryFailed { error } => panic!("history failed: {error}"),
            _ => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn older_pages_and_key_event_pages_load_and_survive_a_refresh() {
    let (url, log) = paged_server().await;
    let client = Client::new(FetchConfig::default()).unwrap();
    let first = liveblog::net::fetch_blog(&client, &url, &Validators::default())
        .await
        .unwrap();
    let liveblog::net::FetchOutcome::Updated {
        blog, validators, ..
    } = first
    else {
        panic!("304")
    };
    assert_eq!(blog.entries.len(), 10);
    let older = blog.older.clone().expect("page 1 names an older page");
    let plan = PollPlan::with_floor(Duration::from_secs(60), Duration::from_secs(60));
    let poller = Poller::with_plan(client, Endpoint::GuardianPage(url), plan, *blog, validators);
    assert!(poller.pageable());
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let (cmd, cmd_rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));

    // The next older page: entries 20..40, and a pointer to page 3.
    cmd.send(Command::LoadOlder(older)).unwrap();
    let (b, jump) = next_history(&mut rx).await;
    assert_eq!(jump, None);
    assert_eq!(b.entries.len(), 20);
    assert!(
        b.entries
            .windows(2)
            .all(|w| w[0].published > w[1].published),
        "newest first"
    );
    assert_eq!(b.older, Some(format!("?page=with:block-{}", entry(19).id)));

    // A key event whose entry is on page 3: its page is fetched and the reader is sent there.
    let target = entry(12).id;
    cmd.send(Command::LoadPageWith(target.clone())).unwrap();
    let (b, jump) = next_history(&mut rx).await;
    assert_eq!(jump.as_deref(), Some(target.as_str()));
    assert_eq!(b.entries.len(), 30);
    assert!(b.position(&target).is_some());
    assert!(
        log.lock()
            .unwrap()
            .iter()
            .any(|l| l.contains(&format!("page=with:block-{target}")) && l.contains("dcr"))
    );

    // A refresh brings page 1 again; the history stays.
    cmd.send(Command::RefreshNow).unwrap();
    loop {
        match tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap()
        {
            Event::Loaded { blog, .. } => {
                assert_eq!(blog.entries.len(), 30, "older pages survive the refresh");
                assert_eq!(
                    blog.older, None,
                    "the bottom is still the last page, not page 2"
                );
                break;
            }
            // The same page again and the history kept: nothing changed for the reader.
            Event::Unchanged { .. } => break,
            Event::Failed { error, .. } => panic!("{error}"),
            _ => {}
        }
    }
}
