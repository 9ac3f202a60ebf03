//! History for paged sources (the Guardian's page JSON) against a real server on 127.0.0.1:
//! the next older page, the page that holds a key event, and history surviving a refresh.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/events.rs"]
mod events;
#[path = "support/paged.rs"]
mod paged;

use events::next_history;
use liveblog::live::Command;
use liveblog::live::Event;
use liveblog::live::Poller;
use liveblog::net::schedule::PollPlan;
use liveblog::net::{Client, Endpoint, FetchConfig, Validators};
use paged::{entry, paged_server, paged_server_with};
use std::time::Duration;

/// The newest page of the blog at `url` read, and a poller of it running (polls a minute
/// apart): the pointer to the older page the newest names, the poller's commands and events.
async fn polling(
    url: url::Url,
) -> (
    String,
    tokio::sync::mpsc::UnboundedSender<Command>,
    tokio::sync::mpsc::UnboundedReceiver<Event>,
) {
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
    let older = blog
        .older
        .clone()
        .expect("the newest page names an older one");
    let plan = PollPlan::with_floor(Duration::from_secs(60), Duration::from_secs(60));
    let poller = Poller::with_plan(client, Endpoint::GuardianPage(url), plan, *blog, validators);
    assert!(poller.pageable());
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let (cmd, cmd_rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));
    (older, cmd, rx)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn older_pages_and_key_event_pages_load_and_survive_a_refresh() {
    let (url, log) = paged_server().await;
    let (older, cmd, mut rx) = polling(url).await;

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_page_that_repeats_the_newest_is_said_and_not_asked_again() {
    let (url, log) = paged_server_with(None, true).await;
    let (older, cmd, mut rx) = polling(url).await;

    // The "older" page is the newest again: nothing added, and the reader is told so and
    // left with no pointer to ask it again.
    cmd.send(Command::LoadOlder(older.clone())).unwrap();
    let (b, _) = next_history(&mut rx).await;
    assert_eq!((b.entries.len(), b.older.as_deref()), (10, None));
    let said = loop {
        match tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap()
        {
            Event::HistoryFailed { error } => break error,
            Event::HistoryLoaded { .. } => panic!("one page, one answer"),
            _ => {}
        }
    };
    assert_eq!(said, "No older entries came back");

    // A refresh reads the newest page again, which names the same page: it stays forgotten.
    cmd.send(Command::RefreshNow).unwrap();
    loop {
        match tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap()
        {
            Event::Loaded { blog, .. } => {
                assert_eq!(
                    blog.older, None,
                    "the page that led back is not offered again"
                );
                break;
            }
            Event::Unchanged { .. } => break,
            Event::Failed { error, .. } => panic!("{error}"),
            _ => {}
        }
    }
    let asked = log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains("page=with"))
        .count();
    assert_eq!(asked, 1, "the older page was asked for once");
}
