//! A paged replay read as an HTML page with JSON-LD and as an AMP page, over real HTTP on
//! 127.0.0.1, through the reader's own poller: the page names its next older page with
//! `<link rel="next">`, `L` loads each older page below the others until none is named, and
//! a jump to a key event whose post is not loaded pages older until it is.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/events.rs"]
mod events;
#[path = "support/http.rs"]
mod http;

use liveblog::blog::LiveBlog;
use liveblog::formats;
use liveblog::live::{Command, Event};
use liveblog::net::{Client, Endpoint, FetchConfig, FetchOutcome, Validators, fetch_blog};
use liveblog::serve::{ManualClock, RunningServer, ServeOptions, spawn};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

/// Entries a page of the paged replay.
const PAGE: usize = 4;

/// The bundled blog, all on show from the start.
fn seed() -> LiveBlog {
    formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap()
}

/// The bundled blog replayed, every entry on show, [`PAGE`] entries a page.
async fn paged_replay() -> RunningServer {
    let opts = ServeOptions {
        clock: Some(Arc::new(ManualClock::new())),
        origin: Some("2025-02-17T12:00:00Z".parse().unwrap()),
        initial: usize::MAX,
        changes: false,
        page_size: Some(PAGE),
        ..ServeOptions::default()
    };
    spawn(seed(), opts).await.unwrap()
}

/// The ids of a blog's entries, in its order.
fn ids(b: &LiveBlog) -> Vec<String> {
    b.entries.iter().map(|e| e.id.clone()).collect()
}

/// The replay's page `url` opened as the reader opens it, a page read as HTML, and its poller
/// running: the blog first read, the poller's commands and events.
async fn polling(url: &str) -> (LiveBlog, UnboundedSender<Command>, UnboundedReceiver<Event>) {
    let url = url::Url::parse(url).unwrap();
    let endpoint = liveblog::net::resolve(&url, None);
    assert!(matches!(endpoint, Endpoint::Direct(_)), "{endpoint:?}");
    events::polling(&url).await
}

/// The next page of history the poller sends, or the error it reports instead.
async fn next_history(
    rx: &mut UnboundedReceiver<Event>,
) -> Result<(LiveBlog, Option<String>), String> {
    loop {
        match tokio::time::timeout(Duration::from_secs(20), rx.recv())
            .await
            .unwrap()
            .unwrap()
        {
            Event::HistoryLoaded { blog, jump_to } => return Ok((*blog, jump_to)),
            Event::HistoryFailed { error } => return Err(error),
            _ => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_and_amp_pages_of_a_paged_replay_load_older_pages_until_the_oldest() {
    let all = ids(&seed());
    let server = paged_replay().await;
    for name in ["html", "amp"] {
        let (first, cmd, mut rx) = polling(server.url(name).unwrap()).await;
        assert_eq!(ids(&first), all[..PAGE], "{name}: the newest page");
        let mut older = first
            .older
            .clone()
            .expect("the first page names an older one");
        let mut pages = 1;
        loop {
            cmd.send(Command::LoadOlder(older.clone())).unwrap();
            let (b, jump) = next_history(&mut rx).await.unwrap();
            pages += 1;
            assert_eq!(jump, None, "{name}");
            let shown = (pages * PAGE).min(all.len());
            assert_eq!(
                ids(&b),
                all[..shown],
                "{name}: page {pages} below the others"
            );
            match b.older {
                Some(next) => older = next,
                None => break,
            }
        }
        assert_eq!(pages, all.len().div_ceil(PAGE), "{name}: every page read");
    }
    server.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_event_on_an_older_html_page_is_found_by_paging_older() {
    let whole = seed();
    let all = ids(&whole);
    let server = paged_replay().await;
    let (first, cmd, mut rx) = polling(server.url("html").unwrap()).await;
    // The oldest key event whose post is not on the first page.
    let target = first
        .key_events
        .iter()
        .filter_map(|k| k.entry_id.clone())
        .filter(|id| first.position(id).is_none() && whole.position(id).is_some())
        .max_by_key(|id| whole.position(id))
        .expect("a key event on an older page");
    let at = whole.position(&target).unwrap();
    assert!(at >= 2 * PAGE, "the key event is past the second page");
    cmd.send(Command::LoadPageWith(target.clone())).unwrap();
    let (b, jump) = next_history(&mut rx).await.unwrap();
    assert_eq!(jump.as_deref(), Some(target.as_str()));
    // Every page down to the one that holds it, in order: no gap above the post.
    let shown = (at / PAGE + 1) * PAGE;
    assert_eq!(ids(&b), all[..shown.min(all.len())]);
    // A post on no page, asked of a reader that has only the first: every page read and
    // shown, and the reader told so.
    let (_, cmd, mut rx) = polling(server.url("html").unwrap()).await;
    let asked = std::time::Instant::now();
    cmd.send(Command::LoadPageWith("no-such-post".into()))
        .unwrap();
    let (b, jump) = next_history(&mut rx).await.unwrap();
    assert_eq!((ids(&b), jump), (all.clone(), None));
    let said = next_history(&mut rx).await.unwrap_err();
    assert_eq!(said, "The post of this key event is not on any older page");
    // The older pages were asked for a pace apart, not in a burst.
    let older_pages = u32::try_from(all.len().div_ceil(PAGE) - 1).unwrap();
    assert!(
        asked.elapsed() >= liveblog::live::PACE * (older_pages - 1),
        "{older_pages} pages in {:?}",
        asked.elapsed()
    );
    server.shutdown().await.unwrap();
}

/// A live page of a site that pages by path, WordPress's way (`/live/`, `/live/page/2/`, …),
/// two posts a page, each page naming the next with an absolute `<link rel="next">` and the
/// blog's own address in its JSON-LD; `/story/` names the site's next article so. Queries are
/// not read: asked for a page it does not know, the site answers the page of the path.
async fn path_paged_site() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let site = base.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let site = site.clone();
            tokio::spawn(async move {
                use tokio::io::AsyncWriteExt;
                let Some(head) = http::read_head(&mut stream).await else {
                    return;
                };
                let target = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                let path = target.split('?').next().unwrap_or("/");
                let body = path_page(&site, path);
                let status = if body.is_some() {
                    "200 OK"
                } else {
                    "404 Not Found"
                };
                let body = body.unwrap_or_default();
                let reply = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\n\
                     content-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes()).await;
            });
        }
    });
    base
}

/// The ids of the posts of [`path_paged_site`], newest first: named, not numbered, as a
/// numbered id is taken for a position and replaced.
const POSTS: [&str; 6] = ["apple", "birch", "cedar", "dahlia", "elm", "fig"];

/// Pages of [`path_paged_site`].
const PATH_PAGES: u32 = 3;

/// The page of [`path_paged_site`] at `path`. Under `/amp` is each page's AMP version, whose
/// canonical link and JSON-LD name the page it is a version of, and whose next page is the
/// next AMP page (`/amp/live/page/2/`); under `/lite` another, whose next page is the next
/// canonical page (`/live/page/2/`).
fn path_page(site: &str, path: &str) -> Option<String> {
    let (version, amp, path) = if let Some(canonical) = path.strip_prefix("/amp") {
        (true, "/amp", canonical)
    } else if let Some(canonical) = path.strip_prefix("/lite") {
        (true, "", canonical)
    } else {
        (false, "", path)
    };
    let (page, next, blog) = match path {
        "/story/" => (1, Some(format!("{site}{amp}/another-story/")), "/story/"),
        "/live/" => (1, Some(format!("{site}{amp}/live/page/2/")), "/live/"),
        _ => {
            let n: u32 = path
                .strip_prefix("/live/page/")?
                .trim_end_matches('/')
                .parse()
                .ok()?;
            let next = (n < PATH_PAGES).then(|| format!("{site}{amp}/live/page/{}/", n + 1));
            (n, next, "/live/")
        }
    };
    if !(1..=PATH_PAGES).contains(&page) {
        return None;
    }
    let post = |i: u32| {
        let id = POSTS[i as usize - 1];
        format!(
            r#"{{"@type":"BlogPosting","@id":"{id}","datePublished":"2024-05-01T{:02}:00:00Z","headline":"Post {i}","articleBody":"Text of post {i}."}}"#,
            20 - i
        )
    };
    let first = (page - 1) * 2 + 1;
    let next = next
        .map(|n| format!(r#"<link rel="next" href="{n}">"#))
        .unwrap_or_default();
    let canonical = if version {
        format!(r#"<link rel="canonical" href="{site}{path}">"#)
    } else {
        String::new()
    };
    Some(format!(
        r#"<!doctype html><html><head><title>Budget live</title>{next}{canonical}
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"LiveBlogPosting",
"headline":"Budget live","url":"{site}{blog}","coverageStartTime":"2024-05-01T08:00:00Z",
"liveBlogUpdate":[{},{}]}}</script></head><body><h1>Budget live</h1></body></html>"#,
        post(first),
        post(first + 1)
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_site_paged_by_path_is_paged_by_its_next_links_and_not_by_its_next_article() {
    let site = path_paged_site().await;
    let (first, cmd, mut rx) = polling(&format!("{site}/live/")).await;
    assert_eq!(ids(&first), POSTS[..2]);
    assert_eq!(first.older, Some(format!("{site}/live/page/2/")));
    cmd.send(Command::LoadOlder(first.older.unwrap())).unwrap();
    let (b, _) = next_history(&mut rx).await.unwrap();
    assert_eq!(ids(&b), POSTS[..4]);
    // The key event's post two pages down: found by paging, not asked for by a query the site
    // does not read.
    cmd.send(Command::LoadPageWith("fig".into())).unwrap();
    let (b, jump) = next_history(&mut rx).await.unwrap();
    assert_eq!(jump.as_deref(), Some("fig"));
    assert_eq!(ids(&b), POSTS);
    assert_eq!(b.older, None, "the oldest page names none");
    // A page whose `rel="next"` is the site's next article has no older page.
    assert_eq!(fetched(&format!("{site}/story/")).await.older, None);
}

/// `dump --all`'s walk through every older page reads a site paged by path to its oldest page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_older_page_of_a_site_paged_by_path_is_read_for_a_whole_copy() {
    let site = path_paged_site().await;
    read_whole_from(&format!("{site}/live/")).await;
}

/// The blog at `url`, fetched once as the reader's first request fetches it.
async fn fetched(url: &str) -> LiveBlog {
    let url = url::Url::parse(url).unwrap();
    let client = Client::new(FetchConfig::default()).unwrap();
    let Ok(FetchOutcome::Updated { blog, .. }) =
        fetch_blog(&client, &url, &Validators::default()).await
    else {
        panic!("{url}")
    };
    *blog
}

/// `dump --all`'s walk from the page at `url` through its two older pages reads every post.
async fn read_whole_from(url: &str) {
    let endpoint = liveblog::net::resolve(&url::Url::parse(url).unwrap(), None);
    let mut blog = fetched(endpoint.open_url().as_str()).await;
    let client = Client::new(FetchConfig::default()).unwrap();
    let walked = liveblog::live::OlderPages::new(client, endpoint)
        .read_all(&mut blog, Duration::ZERO)
        .await;
    assert_eq!((walked.pages, walked.stopped), (2, None));
    assert_eq!(ids(&blog), POSTS);
}

/// An AMP page served on a path of its own names its own next page there, while the address
/// it names for itself (its canonical link, its JSON-LD) is the canonical page's: it is paged
/// by the AMP pages, and its next article, the AMP version of another story, is not taken.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amp_page_on_a_path_of_its_own_is_paged_by_its_own_next_links() {
    let site = path_paged_site().await;
    let (first, cmd, mut rx) = polling(&format!("{site}/amp/live/")).await;
    assert_eq!(ids(&first), POSTS[..2]);
    assert_eq!(first.older, Some(format!("{site}/amp/live/page/2/")));
    cmd.send(Command::LoadOlder(first.older.unwrap())).unwrap();
    let (b, _) = next_history(&mut rx).await.unwrap();
    assert_eq!(ids(&b), POSTS[..4]);
    assert_eq!(b.older, Some(format!("{site}/amp/live/page/3/")));
    cmd.send(Command::LoadOlder(b.older.unwrap())).unwrap();
    let (b, _) = next_history(&mut rx).await.unwrap();
    assert_eq!((ids(&b), b.older), (POSTS.map(String::from).to_vec(), None));
    assert_eq!(fetched(&format!("{site}/amp/story/")).await.older, None);
}

/// An AMP page served on a path of its own may name its canonical page's next page: the
/// reader pages the canonical pages, all of the blog's address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amp_page_that_names_its_canonical_page_s_next_page_is_paged_by_it() {
    let site = path_paged_site().await;
    let (first, cmd, mut rx) = polling(&format!("{site}/lite/live/")).await;
    assert_eq!(first.older, Some(format!("{site}/live/page/2/")));
    cmd.send(Command::LoadOlder(first.older.unwrap())).unwrap();
    let (b, _) = next_history(&mut rx).await.unwrap();
    assert_eq!(ids(&b), POSTS[..4]);
    cmd.send(Command::LoadOlder(b.older.unwrap())).unwrap();
    let (b, _) = next_history(&mut rx).await.unwrap();
    assert_eq!((ids(&b), b.older), (POSTS.map(String::from).to_vec(), None));
    // And `dump --all`'s walk through them.
    read_whole_from(&format!("{site}/lite/live/")).await;
}
