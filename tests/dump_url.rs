//! `liveblog dump URL` against a real server on 127.0.0.1 serving the fixture files gives the
//! same output as `liveblog dump FILE`, for every fixture and every dump format.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::ALL as FIXTURES;
#[path = "support/home.rs"]
mod home;
#[path = "support/paged.rs"]
mod paged;

/// Serves files under `tests/fixtures` by path, with a content type from the extension.
async fn static_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        for _ in 0..100 {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut req = Vec::new();
                let mut buf = [0u8; 2048];
                while !req.windows(4).any(|w| w == b"\r\n\r\n") && req.len() < 16_384 {
                    match sock.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(k) => req.extend_from_slice(&buf[..k]),
                    }
                }
                let head = String::from_utf8_lossy(&req);
                let path = head
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .trim_start_matches('/');
                let file = fixtures::dir().join(path);
                let (status, ctype, body) = match std::fs::read(&file) {
                    Ok(b) if !path.contains("..") => {
                        let ct = if std::path::Path::new(path)
                            .extension()
                            .is_some_and(|e| e.eq_ignore_ascii_case("html"))
                        {
                            "text/html; charset=utf-8"
                        } else {
                            "application/json"
                        };
                        ("200 OK", ct, b)
                    }
                    _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = sock.write_all(head.as_bytes()).await;
                let _ = sock.write_all(&body).await;
            });
        }
    });
    base
}

fn dump(source: &str, format: &str) -> (bool, String, String) {
    dump_args(&[source, "--format", format])
}

/// `liveblog dump ARGS` in a home of its own: whether it succeeded, its stdout and stderr.
fn dump_args(args: &[&str]) -> (bool, String, String) {
    let home = home::Home::new("dump");
    let out = home
        .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
        .arg("dump")
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A dump of a page read from the web as the dump of the page saved to a file says it: a page
/// that says it is live is live on the web, and not in a file (its header's `LIVE`, its JSON's
/// `"live": true`, are left out of a file's).
fn as_saved(dumped: &str, format: &str) -> String {
    let (head, rest) = dumped.split_at(dumped.find("\n\n").unwrap_or(dumped.len()));
    let head = match format {
        "json" => head.replacen("\n  \"live\": true,\n", "\n  \"live\": null,\n", 1),
        "text" => head
            .replacen("\nLIVE\n", "\n", 1)
            .replacen("\nLIVE · ", "\n", 1),
        _ => head.to_string(),
    };
    head + rest
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dumping_a_url_equals_dumping_the_file() {
    let base = static_server().await;
    for f in FIXTURES {
        let file = fixtures::dir().join(f);
        let url = format!("{base}/{f}");
        for format in ["text", "json", "markdown"] {
            let (url_ok, from_url, url_err) = tokio::task::spawn_blocking({
                let url = url.clone();
                move || dump(&url, format)
            })
            .await
            .unwrap();
            let (file_ok, from_file, file_err) = dump(file.to_str().unwrap(), format);
            assert!(file_ok, "{f}: {file_err}");
            assert!(url_ok, "{url}: {url_err}");
            assert_eq!(as_saved(&from_url, format), from_file, "{f} as {format}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_page_is_one_line_naming_the_url_and_the_status() {
    let base = static_server().await;
    let url = format!("{base}/nothing-here.json");
    let (ok, out, err) = tokio::task::spawn_blocking(move || dump(&url, "text"))
        .await
        .unwrap();
    assert!(!ok);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("nothing-here.json") && err.contains("404"),
        "{err}"
    );
}

/// `dump --all` reads a paged blog's older pages too, oldest entries last, and says nothing of
/// pages not read; without it, the newest page and one line saying where the rest are.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dump_all_reads_every_older_page() {
    let (url, log) = paged::paged_server().await;
    let (newest, all) = tokio::task::spawn_blocking({
        let url = url.to_string();
        move || (dump_args(&[&url]), dump_args(&["--all", &url]))
    })
    .await
    .unwrap();
    assert!(newest.0, "{}", newest.2);
    assert!(newest.2.contains("dump --all"), "{}", newest.2);
    assert!(newest.1.contains("Entry number 30.") && !newest.1.contains("Entry number 29."));
    assert!(all.0, "{}", all.2);
    assert_eq!(all.2, "", "nothing to say");
    let at = |n: u32| all.1.find(&format!("Entry number {n}.")).unwrap();
    assert!(
        at(39) < at(30) && at(30) < at(20) && at(20) < at(10),
        "{}",
        all.1
    );
    // The newest page twice (once for each dump), then the two older ones, each once.
    assert_eq!(log.lock().unwrap().len(), 4, "{:?}", log.lock().unwrap());
}

/// A page that fails stops the reading: what was read is printed, one line says how far it
/// got, and the exit status says the copy is not whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dump_all_keeps_what_it_read_when_an_older_page_fails() {
    let (url, _) = paged::paged_server_failing(Some(3)).await;
    let (ok, out, err) = tokio::task::spawn_blocking(move || dump_args(&["--all", url.as_str()]))
        .await
        .unwrap();
    assert!(!ok, "a copy with pages missing is a failure");
    assert!(out.contains("Entry number 20.") && !out.contains("Entry number 19."));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("after 1 older page; the oldest entries are missing") && err.contains("503"),
        "{err}"
    );
}

const PAGED_FILE: &str = "guardian-frontend-json/fe-liveblog-politics-2023-12-13.json";
const OLDER_AT: &str = "https://www.theguardian.com/politics/live/2023/dec/13/\
    james-cleverly-rwanda-bill-immigration-asylum-rishi-sunak-keir-starmer-pmqs-politics-live-latest\
    ?page=with:block-6579c37e8f08e3b7ab1a2fd6";

/// `dump --all` of a saved page whose pagination names older pages cannot read them: the file
/// is printed, one line on stderr says where the older entries are (as the reader's `L` does),
/// and the exit status says the copy is not the whole blog.
#[test]
fn dump_all_of_a_paged_file_says_where_the_older_entries_are() {
    let file = fixtures::dir().join(PAGED_FILE);
    let file = file.to_str().unwrap();
    let (_, alone, _) = dump_args(&[file]);
    let (ok, out, err) = dump_args(&["--all", file]);
    assert!(!ok, "the copy is not the whole blog");
    assert_eq!(out, alone, "the file is printed as without --all");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!(
            "older entries are not in this file; they are at {OLDER_AT}"
        )),
        "{err}"
    );
}

/// A saved page whose `rel="next"` is relative (`/live/page/2/`) names its own address (its
/// canonical link): where its older entries are is said as a whole address.
#[test]
fn dump_all_of_a_saved_page_says_where_its_relative_next_page_is() {
    let dir = std::env::temp_dir().join(format!("liveblog-saved-next-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("budget.html");
    std::fs::write(
        &file,
        r#"<!doctype html><html><head><title>Budget live</title>
<link rel="canonical" href="https://news.example/live/budget/">
<link rel="next" href="/live/budget/page/2/">
<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Budget live",
"liveBlogUpdate":[{"@type":"BlogPosting","@id":"p1","datePublished":"2024-05-01T10:00:00Z",
"articleBody":"First."}]}</script></head><body><p>First.</p></body></html>"#,
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let (ok, _, err) = dump_args(&["--all", file]);
    let (_, json, _) = dump_args(&[file, "--format", "json"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!ok, "the copy is not the whole blog");
    assert!(
        err.contains(
            "older entries are not in this file; they are at \
             https://news.example/live/budget/page/2/"
        ),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["older"], "https://news.example/live/budget/page/2/");
}

/// The JSON form names the next older page by an address that opens, not by the source's
/// `?page=…` relative to a page the dump does not say.
#[test]
fn the_json_form_gives_the_older_page_as_an_address() {
    let file = fixtures::dir().join(PAGED_FILE);
    let (ok, out, err) = dump_args(&[file.to_str().unwrap(), "--format", "json"]);
    assert!(ok, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["older"], OLDER_AT);
}

const CORK: &str = "html/corkbeo-level-3-live-2020-10-06.html";

/// A page saved while it was live is not live now: the header of its dump says nothing of live
/// and its JSON's `live` is null, alone or beside another saved page, as the reader and
/// `status` say it. The same page read from the web says it is live, and is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_saved_while_live_is_not_printed_live() {
    let file = fixtures::dir().join(CORK);
    let file = file.to_str().unwrap();
    let (ok, text, err) = dump(file, "text");
    assert!(ok, "{err}");
    let header = text.lines().nth(2).unwrap();
    assert!(header.starts_with("updated 2020-10-06 "), "{header}");
    let (_, json, _) = dump(file, "json");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["live"], serde_json::Value::Null);
    let other = fixtures::dir().join("jsonld/corkbeo-level-3-live-2020-10-06.ld.json");
    let other = other.to_str().unwrap();
    let (_, both, _) = dump_args(&[file, other, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&both).unwrap();
    for s in doc["sources"].as_array().unwrap() {
        assert_eq!(s["live"], serde_json::Value::Null, "{s}");
    }
    let (_, both, _) = dump_args(&[file, other]);
    assert!(
        !both.split("\n\n").next().unwrap().contains("LIVE ·"),
        "{both}"
    );
    let url = format!("{}/{CORK}", static_server().await);
    let (_, from_url, _) = tokio::task::spawn_blocking(move || dump(&url, "text"))
        .await
        .unwrap();
    let header = from_url.lines().nth(2).unwrap();
    assert!(header.starts_with("LIVE · updated 2020-10-06 "), "{header}");
}
