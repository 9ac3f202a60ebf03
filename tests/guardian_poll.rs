//! A Guardian page-JSON blog polled the way the Guardian's own page polls it, against a real
//! server on 127.0.0.1 that counts what it is asked: the small "anything newer than block X?"
//! question every interval, new blocks taken from the answer's HTML, the page JSON only when
//! that HTML does not read or there may be more than the answer holds (five), and a whole read
//! every so often for edits. The replay server answers the same question.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::LiveBlog;
use liveblog::live::{Command, Event, Poller};
use liveblog::net::schedule::PollPlan;
use liveblog::net::{Client, Endpoint, FetchConfig, FetchOutcome, Validators, fetch_blog};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

#[path = "support/events.rs"]
mod events;
#[path = "support/http.rs"]
mod http;
use events::next_loaded;

const PATH: &str = "/world/live/2026/dec/01/test-blog.json";

/// How the live poll's answer renders its new blocks.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum PollHtml {
    /// As the site does: an `<article id="block-…">` each, its time in the header.
    #[default]
    Articles,
    /// Markup the reader cannot take blocks from.
    Unreadable,
}

/// The blog the server holds: block ids and texts, newest first.
#[derive(Default)]
struct Site {
    blocks: Vec<(String, String)>,
    /// When the pinned post was first published, epoch milliseconds.
    pinned_at: i64,
    /// Blocks listed in the answer's key-events `timeline`.
    key_events: Vec<String>,
    poll_html: PollHtml,
    /// Request lines (`GET /path?query`), in order.
    requests: Vec<String>,
}

impl Site {
    fn page(&self) -> String {
        let blocks: Vec<String> = self
            .blocks
            .iter()
            .enumerate()
            .map(|(i, (id, text))| {
                let ms = self.time_of(i);
                format!(
                    r#"{{"id":"{id}","blockFirstPublished":{ms},"attributes":{{"pinned":false}},
                    "elements":[{{"_type":"model.dotcomrendering.pageElements.TextBlockElement",
                    "html":"<p>{text}</p>"}}]}}"#
                )
            })
            .collect();
        format!(
            r#"{{"headline":"Test blog","pageId":"world/live/2026/dec/01/test-blog",
            "format":{{"design":"LiveBlogDesign"}},"blocks":[{}],"keyEvents":[],
            "pinnedPost":{{"id":"pin","blockFirstPublished":{},
              "attributes":{{"pinned":true}},"elements":[]}},
            "mostRecentBlockId":"block-{}"}}"#,
            blocks.join(","),
            self.pinned_at,
            self.blocks[0].0
        )
    }

    /// When block `i` (newest first) was published: a minute apart, epoch milliseconds.
    fn time_of(&self, i: usize) -> i64 {
        let age = i64::try_from(self.blocks.len() - i).unwrap();
        1_700_000_000_000_i64 + 60_000 * age
    }

    /// The live poll's answer for `block-<id>`: how many blocks are newer.
    fn update(&self, last: &str) -> String {
        let id = last.trim_start_matches("block-");
        let newer = if id == "pin" {
            // The pinned post is a block too, counted by its time.
            (0..self.blocks.len())
                .filter(|&i| self.time_of(i) > self.pinned_at)
                .count()
        } else {
            self.blocks
                .iter()
                .position(|(b, _)| b == id)
                .unwrap_or(self.blocks.len())
        };
        // The site reports the five nearest the block named at most.
        let nearest = newer.saturating_sub(5)..newer;
        if nearest.is_empty() {
            return r#"{"numNewBlocks":0,"html":"","timeline":""}"#.into();
        }
        let html: String = match self.poll_html {
            PollHtml::Articles => nearest.clone().map(|i| self.article(i)).collect(),
            PollHtml::Unreadable => "<article></article>".into(),
        };
        let cards: Vec<String> = self
            .key_events
            .iter()
            .map(|id| format!("<li><a href=\"?page=with:block-{id}#block-{id}\">Key {id}</a></li>"))
            .collect();
        serde_json::json!({
            "numNewBlocks": nearest.len(),
            "html": html,
            "mostRecentBlockId": format!("block-{}", self.blocks[nearest.start].0),
            "timeline": format!("<ul>{}</ul>", cards.concat()),
        })
        .to_string()
    }

    /// Block `i` as the live poll renders it.
    fn article(&self, i: usize) -> String {
        let (id, text) = &self.blocks[i];
        let at = jiff::Timestamp::from_millisecond(self.time_of(i)).unwrap();
        format!(
            "<article id=\"block-{id}\" class=\"block pending\"><header><div><a href=\"\
             ?page=with:block-{id}#block-{id}\"><time dateTime=\"{at}\">now</time></a></div>\
             </header><p>{text}</p></article>"
        )
    }

    fn count(&self, what: fn(&str) -> bool) -> usize {
        self.requests.iter().filter(|r| what(r)).count()
    }
}

fn is_poll(r: &str) -> bool {
    r.contains("lastUpdate=")
}

fn is_page(r: &str) -> bool {
    !is_poll(r)
}

/// Serves `site` on 127.0.0.1: the page JSON at [`PATH`], the live poll at the same path with
/// `lastUpdate=`, everything recorded.
async fn serve(site: Arc<Mutex<Site>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        for _ in 0..500 {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let site = site.clone();
            tokio::spawn(async move {
                let Some(head) = http::read_head(&mut sock).await else {
                    return;
                };
                let line = head.lines().next().unwrap_or_default().to_string();
                let target = line.split(' ').nth(1).unwrap_or_default().to_string();
                let body = {
                    let mut s = site.lock().unwrap();
                    s.requests.push(target.clone());
                    let query = target.split_once('?').map(|(_, q)| q).unwrap_or_default();
                    match query.split('&').find_map(|p| p.strip_prefix("lastUpdate=")) {
                        Some(last) => s.update(last),
                        None => s.page(),
                    }
                };
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(reply.as_bytes()).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    base
}

fn site(blocks: &[(&str, &str)]) -> Arc<Mutex<Site>> {
    Arc::new(Mutex::new(Site {
        blocks: blocks
            .iter()
            .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
            .collect(),
        pinned_at: 1_600_000_000_000,
        ..Site::default()
    }))
}

/// Opens the blog as the reader does (one page read), then starts the poller on it.
async fn start(
    base: &str,
    reread: Duration,
) -> (
    LiveBlog,
    mpsc::UnboundedReceiver<Event>,
    mpsc::UnboundedSender<Command>,
) {
    let url: url::Url = format!("{base}{PATH}?dcr").parse().unwrap();
    let client = Client::new(FetchConfig::default()).unwrap();
    let FetchOutcome::Updated {
        blog, validators, ..
    } = fetch_blog(&client, &url, &Validators::default())
        .await
        .unwrap()
    else {
        panic!("304 at first")
    };
    let floor = Duration::from_millis(40);
    let poller = Poller::with_plan(
        client,
        Endpoint::GuardianPage(url),
        PollPlan::with_floor(floor, floor),
        (*blog).clone(),
        validators,
    )
    .rereading_every(reread);
    let (tx, rx) = mpsc::unbounded_channel();
    let (cmd_tx, cmd_rx) = mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));
    (*blog, rx, cmd_tx)
}

/// The two-block site served, its blog opened and polled (read whole every `reread`), and a
/// few live polls made.
async fn polling(
    reread: Duration,
) -> (
    Arc<Mutex<Site>>,
    mpsc::UnboundedReceiver<Event>,
    mpsc::UnboundedSender<Command>,
) {
    let site = site(&[("b2", "two"), ("b1", "one")]);
    let base = serve(site.clone()).await;
    let (_, rx, cmd) = start(&base, reread).await;
    until(&site, "a few live polls", |s| s.count(is_poll) >= 3).await;
    (site, rx, cmd)
}

/// A new block on top of the site's blog.
fn post(site: &Mutex<Site>, id: &str, text: &str) {
    site.lock()
        .unwrap()
        .blocks
        .insert(0, (id.into(), text.into()));
}

/// Waits until `done` holds for the server's record, for at most ten seconds.
async fn until(site: &Mutex<Site>, what: &str, done: impl Fn(&Site) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(&site.lock().unwrap()) {
        assert!(Instant::now() < deadline, "waited too long for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The next `Loaded` blog, skipping other events.
/// Waits for `more` live polls, then checks that the page was read `pages` times in all and
/// that the question now asks about `newest`.
async fn settles(site: &Mutex<Site>, more: usize, pages: usize, newest: &str) {
    let polls_then = site.lock().unwrap().count(is_poll);
    until(site, &format!("{more} more live polls"), |s| {
        s.count(is_poll) >= polls_then + more
    })
    .await;
    let s = site.lock().unwrap();
    assert_eq!(s.count(is_page), pages, "page reads: {:#?}", s.requests);
    let asks = format!("lastUpdate=block-{newest}&");
    assert!(
        s.requests.last().unwrap().contains(&asks),
        "{:#?}",
        s.requests
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cheap_polls_until_there_is_news_then_one_page_read_when_its_html_does_not_read() {
    let site = site(&[("b2", "two"), ("b1", "one")]);
    site.lock().unwrap().poll_html = PollHtml::Unreadable;
    let base = serve(site.clone()).await;
    let (first, mut rx, _cmd) = start(&base, Duration::from_secs(3600)).await;
    // The pinned post on top, then the newest block: the poll asks about that one.
    assert_eq!(first.entries[0].id, "pin");
    assert_eq!(first.entries[1].id, "b2");

    until(&site, "eight live polls", |s| s.count(is_poll) >= 8).await;
    {
        let s = site.lock().unwrap();
        assert_eq!(
            s.count(is_page),
            1,
            "only the opening read: {:#?}",
            s.requests
        );
        assert!(
            s.requests[1..].iter().all(|r| r.ends_with(
                "test-blog.json?lastUpdate=block-b2&isLivePage=true&dcr=true"
            )),
            "{:#?}",
            s.requests
        );
    }

    // A new block: the next poll hears of it, cannot read it, and the page is read once.
    post(&site, "b3", "three");
    let fresh = next_loaded(&mut rx).await;
    let ids: Vec<&str> = fresh.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["pin", "b3", "b2", "b1"]);
    // One read for the news; from then on the poll asks about the new newest block.
    settles(&site, 8, 2, "b3").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_blocks_are_read_from_the_poll_answer_without_reading_the_page() {
    let (site, mut rx, _cmd) = polling(Duration::from_secs(3600)).await;

    // One block, then a key event: each is heard of by a poll and taken from its answer.
    post(&site, "b3", "three");
    let fresh = next_loaded(&mut rx).await;
    let ids: Vec<&str> = fresh.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["pin", "b3", "b2", "b1"]);
    assert_eq!(fresh.entries[1].plain_text(), "three");
    assert!(!fresh.entries[1].key_event);
    {
        let mut s = site.lock().unwrap();
        s.blocks.insert(0, ("b4".into(), "four".into()));
        s.key_events.push("b4".into());
    }
    let fresh = next_loaded(&mut rx).await;
    let b4 = &fresh.entries[1];
    assert_eq!((b4.id.as_str(), b4.key_event), ("b4", true));
    assert_eq!(fresh.key_events[0].title, "Key b4");
    assert_eq!(fresh.key_events[0].entry_id.as_deref(), Some("b4"));

    // The opening read only, no page read for the news; the next question names the newest
    // block the answer named.
    settles(&site, 8, 1, "b4").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_periodic_whole_read_replaces_a_block_read_from_the_poll_without_an_edit() {
    use liveblog::blog::ReadFrom;
    let (site, mut rx, _cmd) = polling(Duration::from_secs(2)).await;
    post(&site, "b3", "three");
    let from_poll = next_loaded(&mut rx).await;
    assert_eq!(from_poll.entries[1].read_from, ReadFrom::Rendering);
    assert_eq!(site.lock().unwrap().count(is_page), 1);
    // The whole read, when due, brings the page's own version: not news, not an edit.
    let from_page = next_loaded(&mut rx).await;
    assert_eq!(from_page.entries[1].id, "b3");
    assert_eq!(from_page.entries[1].read_from, ReadFrom::Data);
    assert!(liveblog::blog::merge::diff(&from_poll, &from_page).is_empty());
    assert_eq!(site.lock().unwrap().count(is_page), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_new_blocks_may_be_more_so_the_page_is_read_once() {
    let (site, mut rx, _cmd) = polling(Duration::from_secs(3600)).await;
    {
        let mut s = site.lock().unwrap();
        for n in 3..=8 {
            s.blocks.insert(0, (format!("b{n}"), format!("text {n}")));
        }
    }
    let fresh = next_loaded(&mut rx).await;
    // All six, though the answer held five: they came from the page.
    assert_eq!(fresh.entries.len(), 9);
    assert_eq!(fresh.entries[1].id, "b8");
    settles(&site, 5, 2, "b8").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_is_read_whole_now_and_then_so_edits_show() {
    let (site, mut rx, _cmd) = polling(Duration::from_millis(400)).await;
    // An edit: no new block, so the live poll says nothing; the re-read finds it.
    site.lock().unwrap().blocks[1].1 = "one, corrected".into();
    let edited = next_loaded(&mut rx).await;
    assert_eq!(edited.entries[2].plain_text(), "one, corrected");
    let s = site.lock().unwrap();
    assert!(s.count(is_page) >= 2, "{:#?}", s.requests);
    // Between whole reads, polls are the cheap ones.
    assert!(s.count(is_poll) > s.count(is_page), "{:#?}", s.requests);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_that_does_not_answer_the_live_poll_is_read_whole_instead() {
    // Guardian page JSON from a server that knows nothing of `lastUpdate`: it sends the page.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let requests: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = requests.clone();
    let page = site(&[("b1", "one")]).lock().unwrap().page();
    tokio::spawn(async move {
        for _ in 0..200 {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let Some(head) = http::read_head(&mut sock).await else {
                continue;
            };
            seen.lock()
                .unwrap()
                .push(head.lines().next().unwrap().to_string());
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
            let _ = sock.write_all(reply.as_bytes()).await;
            let _ = sock.shutdown().await;
        }
    });
    let (_, mut rx, _cmd) = start(&base, Duration::from_secs(3600)).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while requests.lock().unwrap().len() < 6 {
        assert!(Instant::now() < deadline);
        let _ = tokio::time::timeout(Duration::from_millis(100), rx.recv()).await;
    }
    let r = requests.lock().unwrap();
    // The opening read, one live poll that was not understood, then whole reads only.
    assert_eq!(
        r.iter().filter(|l| l.contains("lastUpdate=")).count(),
        1,
        "{r:#?}"
    );
    assert!(r[1].contains("lastUpdate="), "{r:#?}");
    assert!(r[2..].iter().all(|l| !l.contains("lastUpdate=")), "{r:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pinned_post_that_is_the_newest_block_is_the_one_asked_about() {
    let site = site(&[("b2", "two"), ("b1", "one")]);
    // Pinned a minute after the newest block (the pinned post is rarely the newest, but can be).
    site.lock().unwrap().pinned_at = 1_700_000_000_000 + 3 * 60_000;
    let base = serve(site.clone()).await;
    let (first, _rx, _cmd) = start(&base, Duration::from_secs(3600)).await;
    assert_eq!(first.entries[0].id, "pin");
    until(&site, "three live polls", |s| s.count(is_poll) >= 3).await;
    let s = site.lock().unwrap();
    assert!(
        s.requests[1..]
            .iter()
            .all(|r| r.contains("lastUpdate=block-pin&")),
        "{:#?}",
        s.requests
    );
    assert_eq!(s.count(is_page), 1, "{:#?}", s.requests);
}

/// Defect: a Content API source polled through the replay server re-read the whole document
/// at every poll. Wherever a blog comes in the Content API's shape, a poll after a whole read
/// asks only for the blocks published since the newest it has.
#[tokio::test]
async fn a_content_api_blog_from_any_address_is_polled_for_what_is_newer_only() {
    let blog = liveblog::formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap();
    let replay = liveblog::serve::spawn(blog, liveblog::serve::ServeOptions::brisk())
        .await
        .unwrap();
    let (url, requests) = capi_through_proxy(&replay, "?api-key=test").await;
    let (client, blog, validators, format) = first_read(&url).await;
    assert_eq!(format, liveblog::formats::Format::Capi);
    let floor = Duration::from_millis(100);
    let poller = Poller::with_plan(
        client,
        Endpoint::Direct(url),
        PollPlan::with_floor(floor, floor),
        (*blog).clone(),
        validators,
    )
    .reading(format);
    let (tx, _rx) = mpsc::unbounded_channel();
    let (_cmd, commands) = mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, commands));
    let deadline = Instant::now() + Duration::from_secs(10);
    while requests.lock().unwrap().len() < 4 {
        assert!(Instant::now() < deadline, "{:?}", requests.lock().unwrap());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let seen: Vec<String> = requests
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.line.clone())
        .collect();
    // The opening read takes the document whole; every poll after asks only for what is
    // newer, keeping the key.
    assert!(!seen[0].contains("published-since"), "{seen:?}");
    for poll in &seen[1..4] {
        assert!(
            poll.contains("show-blocks=body:published-since:") && poll.contains("api-key=test"),
            "{seen:?}"
        );
    }
}

/// Defect: a Content API blog polled for what is newer only stopped polling at its end still
/// showing an entry deleted shortly before it, which no "since" refresh can see. The poll that
/// finds the blog ended is followed by one whole read, a floor later, and then polling stops.
#[tokio::test]
async fn a_content_api_blog_found_ended_is_read_whole_once_so_a_last_deletion_shows() {
    use liveblog::blog::LiveState;
    use liveblog::serve::{Change, ChangeKind, ManualClock, ServeOptions};
    let blog = liveblog::formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap();
    let gone = blog
        .entries
        .iter()
        .filter(|e| !e.pinned)
        .nth(1)
        .unwrap()
        .id
        .clone();
    let clock = ManualClock::new();
    // Every entry on show from the start; the deletion is the replay's last change, so the
    // blog ends as it is made.
    let opts = ServeOptions {
        initial: blog.entries.len(),
        changes: false,
        script: vec![Change {
            at: Duration::from_secs(1),
            entry_id: gone.clone(),
            kind: ChangeKind::Delete,
        }],
        clock: Some(Arc::new(clock.clone())),
        ..ServeOptions::brisk()
    };
    let replay = liveblog::serve::spawn(blog, opts).await.unwrap();
    let (url, requests) = capi_through_proxy(&replay, "").await;
    let (client, blog, validators, format) = first_read(&url).await;
    assert!(blog.position(&gone).is_some());
    clock.set(Duration::from_secs(2));
    let floor = Duration::from_millis(300);
    let poller = Poller::with_plan(
        client,
        Endpoint::Direct(url),
        PollPlan::with_floor(floor, floor),
        *blog,
        validators,
    )
    .reading(format);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (_cmd, commands) = mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, commands));
    // Every version until polling stops at the end.
    let mut last = None;
    loop {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an event within 10 s")
            .expect("the poller is running");
        match event {
            Event::Loaded { blog, .. } => last = Some(*blog),
            Event::Scheduled { at: None } => break,
            _ => {}
        }
    }
    let last = last.expect("the end was read");
    assert_eq!(last.state, LiveState::Ended);
    assert!(
        last.position(&gone).is_none(),
        "the deletion shows at the end"
    );
    let seen: Vec<String> = requests
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.line.clone())
        .collect();
    // The opening read, the poll that found the end, one whole read, and nothing after.
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen[1].contains("published-since"), "{seen:?}");
    assert!(!seen[2].contains("published-since"), "{seen:?}");
}

/// The replay's Content API address (with `query`) through a proxy that records each request.
async fn capi_through_proxy(
    replay: &liveblog::serve::RunningServer,
    query: &str,
) -> (url::Url, http::Recorded) {
    let (proxy, requests) = http::recording_proxy(replay.addr.to_string()).await;
    let capi = replay
        .url("capi")
        .unwrap()
        .replace(&replay.addr.to_string(), &proxy);
    (
        url::Url::parse(&format!("{capi}{query}")).unwrap(),
        requests,
    )
}

/// The first read of `url`: the client that made it, and the blog, validators and format it
/// brought.
async fn first_read(
    url: &url::Url,
) -> (Client, Box<LiveBlog>, Validators, liveblog::formats::Format) {
    let client = Client::new(FetchConfig::default()).unwrap();
    let FetchOutcome::Updated {
        blog,
        validators,
        format,
        ..
    } = fetch_blog(&client, url, &Validators::default())
        .await
        .unwrap()
    else {
        panic!("the first read brings the blog");
    };
    (client, blog, validators, format)
}
