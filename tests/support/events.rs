//! Waiting for what a refresher sends, shared by the tests that drive a poller directly.

use liveblog::blog::LiveBlog;
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
