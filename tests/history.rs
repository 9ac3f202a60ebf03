//! History for paged sources (the Guardian's page JSON) against a real server on 127.0.0.1:
//! the next older page, the page that holds a key event, and history surviving a refresh.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/paged.rs"]
mod paged;

use liveblog::blog::LiveBlog;
use liveblog::live::Command;
use liveblog::live::Event;
use liveblog::live::Poller;
use liveblog::net::schedule::PollPlan;
use liveblog::net::{Client, Endpoint, FetchConfig, Validators};
use paged::{entry, paged_server};
use std::time::Duration;

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
