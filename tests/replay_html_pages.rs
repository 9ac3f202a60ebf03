//! A paged replay read as an HTML page with JSON-LD and as an AMP page, over real HTTP on
//! 127.0.0.1, through the reader's own poller: the page names its next older page with
//! `<link rel="next">`, and `L` loads each older page below the others until none is named.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::LiveBlog;
use liveblog::formats;
use liveblog::live::{Command, Event, Poller};
use liveblog::net::schedule::PollPlan;
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

/// The replay's page `url` opened as the reader opens it, and its poller running: the blog
/// first read, the poller's commands and events.
async fn polling(url: &str) -> (LiveBlog, UnboundedSender<Command>, UnboundedReceiver<Event>) {
    let url = url::Url::parse(url).unwrap();
    let endpoint = liveblog::net::resolve(&url, None);
    assert!(matches!(endpoint, Endpoint::Direct(_)), "{endpoint:?}");
    let client = Client::new(FetchConfig::default()).unwrap();
    let Ok(FetchOutcome::Updated {
        blog, validators, ..
    }) = fetch_blog(&client, &endpoint.open_url(), &Validators::default()).await
    else {
        panic!("the first page")
    };
    let plan = PollPlan::with_floor(Duration::from_secs(60), Duration::from_secs(60));
    let poller = Poller::with_plan(client, endpoint, plan, (*blog).clone(), validators);
    assert!(poller.pageable(), "the first page names an older one");
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let (cmd, cmd_rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));
    (*blog, cmd, rx)
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
