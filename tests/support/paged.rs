//! A paged live blog on 127.0.0.1, as the Guardian serves its page JSON: the newest page at
//! the blog's address, each older one at `?page=with:block-<id>` of an entry on it.

use liveblog::blog::{Block, Entry, KeyEvent, LiveBlog, Stamp};
use liveblog::serve::timeline::{ReplayOptions, Timeline};
use liveblog::serve::writers::{self, Site};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub fn entry(i: u32) -> Entry {
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
pub async fn paged_server() -> (url::Url, Arc<Mutex<Vec<String>>>) {
    paged_server_failing(None).await
}

/// As [`paged_server`], with page `failing` (1, 2 or 3) answered `503`.
pub async fn paged_server_failing(failing: Option<usize>) -> (url::Url, Arc<Mutex<Vec<String>>>) {
    paged_server_with(failing, false).await
}

/// As [`paged_server_failing`]; with `newest_only`, every page asked for is answered with the
/// newest one, which names page 2 as older: a server that cannot serve the pages it names.
pub async fn paged_server_with(
    failing: Option<usize>,
    newest_only: bool,
) -> (url::Url, Arc<Mutex<Vec<String>>>) {
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
            let which = if newest_only {
                0
            } else if line.contains(&id29) || (20..29).any(|i| line.contains(&entry(i).id)) {
                1
            } else if line.contains(&id19) || (10..19).any(|i| line.contains(&entry(i).id)) {
                2
            } else {
                0
            };
            let body = &pages[which];
            let status = if failing == Some(which + 1) {
                "503 Service Unavailable"
            } else {
                "200 OK"
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
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
