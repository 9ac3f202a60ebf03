//! Waiting for what a refresher sends, shared by the tests that drive a poller directly.

use liveblog::blog::{LiveBlog, LiveState};
use liveblog::live::Event;
use std::time::Duration;
use tokio::sync::mpsc;

/// The next `Loaded` blog, skipping other events; at most ten seconds away.
pub async fn next_loaded(rx: &mut mpsc::UnboundedReceiver<Event>) -> LiveBlog {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an event within 10 s")
            .expect("the poller is running");
        if let Event::Loaded { blog, .. } = event {
            return *blog;
        }
    }
}

/// The first `Loaded` blog that has ended, within twenty seconds in all: a poller that never
/// ends keeps sending.
#[allow(
    dead_code,
    reason = "not every test binary that shares this file waits for an end"
)]
pub async fn until_ended(rx: &mut mpsc::UnboundedReceiver<Event>) -> LiveBlog {
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            let blog = next_loaded(rx).await;
            if blog.state == LiveState::Ended {
                return blog;
            }
        }
    })
    .await
    .expect("the blog ends within 20 s")
}

/// The next history the poller sends (an older page, or the page that holds an entry), with
/// the entry to land on, skipping other events; at most ten seconds away. A failed load fails
/// the test with its error.
#[allow(
    dead_code,
    reason = "not every test binary that shares this file loads history"
)]
pub async fn next_history(rx: &mut mpsc::UnboundedReceiver<Event>) -> (LiveBlog, Option<String>) {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an event within 10 s")
            .expect("the poller is running");
        match event {
            Event::HistoryLoaded { blog, jump_to } => return (*blog, jump_to),
            Event::HistoryFailed { error } => panic!("history failed: {error}"),
            _ => {}
        }
    }
}

/// The page at `url` opened as the reader opens it, and its poller running (polls a minute
/// apart): the blog first read, the poller's commands and its events. The page must name an
/// older one.
#[allow(
    dead_code,
    reason = "not every test binary that shares this file pages a blog"
)]
pub async fn polling(
    url: &url::Url,
) -> (
    LiveBlog,
    mpsc::UnboundedSender<liveblog::live::Command>,
    mpsc::UnboundedReceiver<Event>,
) {
    use liveblog::net::{Client, FetchConfig, FetchOutcome, Validators, fetch_blog};
    let endpoint = liveblog::net::resolve(url, None);
    let client = Client::new(FetchConfig::default()).expect("a client");
    let Ok(FetchOutcome::Updated {
        blog, validators, ..
    }) = fetch_blog(&client, &endpoint.open_url(), &Validators::default()).await
    else {
        panic!("the first page")
    };
    let plan = liveblog::net::schedule::PollPlan::with_floor(
        Duration::from_secs(60),
        Duration::from_secs(60),
    );
    let poller =
        liveblog::live::Poller::with_plan(client, endpoint, plan, (*blog).clone(), validators);
    assert!(poller.pageable(), "the first page names an older one");
    let (tx, rx) = mpsc::unbounded_channel();
    let (cmd, cmd_rx) = mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));
    (*blog, cmd, rx)
}
