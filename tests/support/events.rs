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
