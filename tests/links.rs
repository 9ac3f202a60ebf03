//! Pages with no live data of their own that say where it is (`<link rel="alternate">`, the
//! WordPress Liveblog plugin), read through that link, on real servers on 127.0.0.1: the
//! replay's index page in `dump` and `follow`, a page linking an RSS feed, and one clear error
//! for a link loop, a link to something that is not a live blog and a link to itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/home.rs"]
mod home;
#[path = "support/http.rs"]
mod http;

use liveblog::blog::LiveBlog;
use liveblog::serve::{self, ServeOptions};
use std::collections::HashMap;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

fn seed() -> LiveBlog {
    liveblog::formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap()
}

/// Serves fixed documents by path on 127.0.0.1: `(content type, body)`; anything else is 404.
async fn static_server(pages: HashMap<String, (&'static str, String)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let pages = Arc::new(pages);
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let pages = pages.clone();
            tokio::spawn(async move {
                let Some(head) = http::read_head(&mut sock).await else {
                    return;
                };
                let path = head
                    .lines()
                    .next()
                    .and_then(|l| l.split(' ').nth(1))
                    .unwrap_or("/")
                    .to_string();
                let reply = match pages.get(&path) {
                    Some((ty, body)) => format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {ty}\r\nContent-Length: {}\r\n\
                         Connection: close\r\n\r\n{body}",
                        body.len()
                    ),
                    None => {
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .to_string()
                    }
                };
                let _ = sock.write_all(reply.as_bytes()).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    base
}

fn dump(home: &home::Home, url: &str) -> Output {
    home.apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
        .args(["dump", url, "--format", "json"])
        .output()
        .unwrap()
}

fn texts(b: &LiveBlog) -> Vec<(String, String)> {
    b.entries
        .iter()
        .map(|e| (e.id.clone(), e.plain_text()))
        .collect()
}

fn html_linking(links: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Storm live</title>{links}</head>\
         <body><p>The live coverage is elsewhere.</p></body></html>"
    )
}

#[test]
fn the_replay_index_opens_in_dump_through_its_alternate_link() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt
        .block_on(serve::spawn(seed(), ServeOptions::default()))
        .unwrap();
    let index = server.url("index").unwrap().to_string();
    let json = server.url("json").unwrap().to_string();
    let home = home::Home::new("links-index-dump");
    let out = dump(&home, &index);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains(&json), "names the URL followed: {stderr}");
    let via_index = liveblog::formats::parse(&out.stdout).unwrap();
    let direct = liveblog::formats::parse(&dump(&home, &json).stdout).unwrap();
    assert_eq!(via_index.title, direct.title);
    assert_eq!(texts(&via_index), texts(&direct));
    assert!(!via_index.entries.is_empty());
}

#[test]
fn the_replay_index_opens_in_follow() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt
        .block_on(serve::spawn(seed(), ServeOptions::default()))
        .unwrap();
    let index = server.url("index").unwrap().to_string();
    let home = home::Home::new("links-index-follow");
    let mut child = home
        .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
        .args(["follow", &index, "--format", "jsonl", "--interval", "5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = home::stdout_lines(&mut child);
    let mut lines = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while lines.len() < 3 && Instant::now() < deadline {
        if let Ok(l) = rx.recv_timeout(Duration::from_millis(100)) {
            lines.push(l);
        }
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(lines.len(), 3, "the three entries on show: {stderr}");
    for l in &lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["change"], "new", "{l}");
    }
    assert!(stderr.contains("/liveblog.json"), "{stderr}");
}

#[test]
fn a_page_that_links_an_rss_feed_is_read_through_it() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt
        .block_on(serve::spawn(seed(), ServeOptions::default()))
        .unwrap();
    let feed_url = server.url("rss").unwrap().to_string();
    let feed = rt.block_on(async { reqwest::get(&feed_url).await.unwrap().text().await.unwrap() });
    let pages = HashMap::from([
        (
            "/storm/live".to_string(),
            (
                "text/html; charset=utf-8",
                html_linking(
                    r#"<link rel="alternate" type="application/rss+xml" title="Live" href="feed.xml">"#,
                ),
            ),
        ),
        (
            "/storm/feed.xml".to_string(),
            ("application/rss+xml", feed.clone()),
        ),
    ]);
    let base = rt.block_on(static_server(pages));
    let home = home::Home::new("links-rss");
    let out = dump(&home, &format!("{base}/storm/live"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("{base}/storm/feed.xml")),
        "the relative link resolved against the page: {stderr}"
    );
    let blog = liveblog::formats::parse(&out.stdout).unwrap();
    let direct = liveblog::formats::parse(feed.as_bytes()).unwrap();
    assert_eq!(texts(&blog), texts(&direct));
}

#[test]
fn a_link_loop_a_link_to_no_blog_and_a_link_to_itself_are_one_clear_error_each() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let json = |href: &str| {
        (
            "text/html",
            html_linking(&format!(
                r#"<link rel="alternate" type="application/json" href="{href}">"#
            )),
        )
    };
    let pages = HashMap::from([
        ("/a".to_string(), json("/b")),
        ("/b".to_string(), json("/a")),
        ("/c".to_string(), json("/d.json")),
        (
            "/d.json".to_string(),
            ("application/json", r#"{"hello":"world"}"#.to_string()),
        ),
        ("/e".to_string(), json("/e#live")),
    ]);
    let base = rt.block_on(static_server(pages));
    let home = home::Home::new("links-errors");
    for (page, says) in [
        ("/a", format!("\"{base}/b\"")),
        ("/c", format!("\"{base}/d.json\"")),
        ("/e", "links back to the page itself".to_string()),
    ] {
        let out = dump(&home, &format!("{base}{page}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{page}: {stderr}");
        assert!(out.stdout.is_empty(), "{page}");
        assert_eq!(stderr.lines().count(), 1, "{page}: one line: {stderr}");
        assert!(
            stderr.contains(&format!("{base}{page}")),
            "{page}: {stderr}"
        );
        assert!(stderr.contains(&says), "{page}: {says}: {stderr}");
        if page != "/e" {
            assert!(stderr.contains("only one link is followed"), "{stderr}");
        }
    }
}
