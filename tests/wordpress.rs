//! A WordPress Liveblog, served by the project's replay server on 127.0.0.1 through the
//! plugin's REST API: the post page opens through it, and the poller asks only for what is
//! newer than what it has, applying new entries, an edit and a deletion. A recording proxy in
//! front of the replay server shows what was asked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/events.rs"]
mod events;
#[path = "support/home.rs"]
mod home;
#[path = "support/http.rs"]
mod http;
use events::{next_loaded, until_ended};

use liveblog::blog::LiveBlog;
use liveblog::live::{Event, Poller};
use liveblog::net::schedule::PollPlan;
use liveblog::net::{Client, Endpoint, FetchConfig, FetchOutcome, Validators, open_blog};
use liveblog::serve::{self, Change, ChangeKind, ManualClock, ServeOptions};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

const PACE: Duration = Duration::from_secs(10);

fn seed() -> LiveBlog {
    liveblog::formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap()
}

type Log = http::Recorded;

/// Waits until the proxy has seen `n` requests.
async fn until_requests(log: &Log, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while log.lock().unwrap().len() < n {
        assert!(
            Instant::now() < deadline,
            "waited too long for {n} requests"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The `<start>` of an `entries/<start>/<end>` request.
fn start_of(path: &str) -> i64 {
    let rest = path.split("/entries/").nth(1).unwrap();
    rest.split('/').next().unwrap().parse().unwrap()
}

/// What opening the plugin's API as the reader does gives: the client, the endpoint to poll,
/// the first read and its validators, and the format it was read as.
struct Opened {
    client: Client,
    endpoint: Endpoint,
    blog: LiveBlog,
    validators: Validators,
    format: liveblog::formats::Format,
}

/// Opens `api` as the reader opens an address: resolved, then read once.
async fn open(api: &str) -> Opened {
    let api: url::Url = api.parse().unwrap();
    let client = Client::new(FetchConfig::default()).unwrap();
    let endpoint = liveblog::net::resolve(&api, None);
    assert!(matches!(endpoint, Endpoint::WordPress(_)), "{endpoint:?}");
    let opening = open_blog(&client, &endpoint, &Validators::default())
        .await
        .unwrap();
    let FetchOutcome::Updated {
        blog,
        validators,
        format,
        ..
    } = opening.outcome
    else {
        panic!("304 at first")
    };
    Opened {
        client,
        endpoint: opening.endpoint,
        blog: *blog,
        validators,
        format,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[expect(clippy::too_many_lines, reason = "one story, told in order")]
async fn a_second_poll_asks_only_for_what_is_newer_and_an_update_and_a_delete_apply() {
    let blog = seed();
    // Two of the three entries on show from the start are changed: the newest is edited, the
    // oldest deleted, after the fourth entry has appeared.
    let (edited, deleted) = (blog.entries[blog.entries.len() - 3].id.clone(), {
        blog.entries[blog.entries.len() - 1].id.clone()
    });
    let clock = ManualClock::new();
    let opts = ServeOptions {
        pace: PACE,
        changes: false,
        script: vec![
            Change {
                at: PACE * 2,
                entry_id: edited.clone(),
                kind: ChangeKind::Edit,
            },
            Change {
                at: PACE * 2,
                entry_id: deleted.clone(),
                kind: ChangeKind::Delete,
            },
        ],
        clock: Some(Arc::new(clock.clone())),
        // Polled as often as the test's floor allows, not when the replay says it changes.
        max_age: Duration::ZERO,
        // Past, so that every change of the replay is before the poller's "now".
        origin: Some(jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1)),
        ..ServeOptions::default()
    };
    let server = serve::spawn(blog.clone(), opts).await.unwrap();
    let replay = format!("http://{}", server.addr);
    let (proxy, log) = http::recording_proxy(server.addr.to_string()).await;
    let proxy = format!("http://{proxy}");

    // Opened as the reader opens it: the plugin's first page and its key events.
    let Opened {
        client,
        endpoint,
        blog: first,
        validators,
        format,
    } = open(&format!(
        "{proxy}/wp-json/liveblog/v1/1/get-entries/1/latest"
    ))
    .await;
    assert_eq!(format, liveblog::formats::Format::WordPress);
    let ids = |b: &LiveBlog| b.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    let shown: Vec<String> = blog.entries[blog.entries.len() - 3..]
        .iter()
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(ids(&first), shown);
    {
        let l = log.lock().unwrap();
        assert_eq!(l[0].target, "/wp-json/liveblog/v1/1/get-entries/1/latest");
        assert_eq!(l[1].target, "/wp-json/liveblog/v1/1/get-key-events/latest");
    }

    let floor = Duration::from_millis(40);
    let poller = Poller::with_plan(
        client,
        endpoint,
        PollPlan::with_floor(floor, floor),
        first.clone(),
        validators,
    );
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (_cmd_tx, cmd_rx) = mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));

    // Nothing new: the first poll reads the post page the API address names (`/?p=1`) for
    // the plugin's state, then every poll asks for the changes since the newest one seen,
    // conditionally, and is answered 304.
    until_requests(&log, 7).await;
    let first_start = {
        let l = log.lock().unwrap();
        assert_eq!(l[2].target, "/?p=1");
        let polls = &l[3..];
        assert!(
            polls
                .iter()
                .all(|r| r.target.contains("/wp-json/liveblog/v1/1/entries/")
                    && r.if_modified_since.is_some()),
            "{polls:#?}"
        );
        let starts: Vec<i64> = polls.iter().map(|r| start_of(&r.target)).collect();
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}");
        starts[0]
    };

    // A new entry: applied on top, and the next polls ask from its time on.
    clock.advance(PACE);
    let grown = next_loaded(&mut rx).await;
    assert_eq!(grown.entries.len(), 4);
    assert_eq!(grown.entries[0].id, blog.entries[blog.entries.len() - 4].id);
    let seen = log.lock().unwrap().len();
    until_requests(&log, seen + 2).await;
    let second_start = start_of(&log.lock().unwrap().last().unwrap().target);
    assert!(second_start > first_start, "{second_start} > {first_start}");

    // An edit and a deletion: applied where they stand, nothing read whole again.
    clock.advance(PACE);
    let changed = next_loaded(&mut rx).await;
    assert!(changed.position(&deleted).is_none(), "deleted entry gone");
    let e = &changed.entries[changed.position(&edited).unwrap()];
    assert!(
        e.plain_text()
            .contains(liveblog::serve::timeline::EDIT_NOTE),
        "{}",
        e.plain_text()
    );
    let fresh: LiveBlog = liveblog::formats::parse(
        &reqwest::get(format!("{replay}/liveblog.json"))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(ids(&changed), ids(&fresh));
    let l = log.lock().unwrap();
    assert_eq!(
        l.iter()
            .filter(|r| r.target.contains("get-entries"))
            .count(),
        1,
        "the blog is read whole once, at the start: {l:#?}"
    );
}

#[test]
fn the_replays_wordpress_post_page_dumps_as_the_blog_through_its_api() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(serve::spawn(seed(), ServeOptions::default()));
    let server = server.unwrap();
    let page = server.url("wordpress").unwrap().to_string();
    let json = server.url("json").unwrap().to_string();
    let home = home::Home::new("wordpress-dump");
    let dump = |url: &str| {
        home.apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
            .args(["dump", url, "--format", "json"])
            .output()
            .unwrap()
    };
    let out = dump(&page);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("/wp-json/liveblog/v1/1/"),
        "says which URL is followed: {stderr}"
    );
    let via_wp = liveblog::formats::parse(&out.stdout).unwrap();
    let direct = liveblog::formats::parse(&dump(&json).stdout).unwrap();
    assert_eq!(via_wp.title, direct.title, "named by the post page");
    let texts = |b: &LiveBlog| {
        b.entries
            .iter()
            .map(|e| (e.id.clone(), e.plain_text()))
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&via_wp), texts(&direct));
    drop(server);
}

#[test]
fn a_blog_without_key_events_reads_the_plugins_empty_list_as_none() {
    let mut blog = seed();
    blog.key_events.clear();
    for e in &mut blog.entries {
        e.key_event = false;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(serve::spawn(blog, ServeOptions::default()));
    let server = server.unwrap();
    let page = server.url("wordpress").unwrap().to_string();
    let home = home::Home::new("wordpress-no-key-events");
    let log = std::env::temp_dir().join(format!("liveblog-wp-keys-{}.log", std::process::id()));
    let out = home
        .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
        .args(["dump", &page, "--format", "json"])
        .env("LIVEBLOG_LOG", &log)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    // The plugin answers `[]` for no key events: an answer, not an error.
    assert!(!logged.contains("no key events"), "{logged}");
    let read = liveblog::formats::parse(&out.stdout).unwrap();
    assert!(read.key_events.is_empty());
    assert!(!read.entries.is_empty());
    drop(server);
}

#[test]
fn a_dump_of_a_paged_blog_says_older_entries_were_not_read() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let opts = ServeOptions {
        initial: 12,
        ..ServeOptions::default()
    };
    let server = rt.block_on(serve::spawn(seed(), opts)).unwrap();
    let page = server.url("wordpress").unwrap().to_string();
    let json = server.url("json").unwrap().to_string();
    let home = home::Home::new("wordpress-dump-paged");
    let dump_with = |url: &str, all: &[&str]| {
        let out = home
            .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
            .args(["dump", url, "--format", "json"])
            .args(all)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let blog = liveblog::formats::parse(&out.stdout).unwrap();
        (blog, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let dump = |url: &str| dump_with(url, &[]);
    // The plugin's first page is the newest five: the rest is said to be on older pages.
    let (paged, said) = dump(&page);
    assert_eq!(paged.entries.len(), 5);
    assert!(
        said.contains("the newest page only; older entries"),
        "{said}"
    );
    // A blog read whole says nothing of the kind.
    let (whole, said) = dump(&json);
    assert_eq!(whole.entries.len(), 12);
    assert!(!said.contains("newest page only"), "{said}");
    // Asked for all, it reads the older pages through the plugin's API: the whole blog.
    let (all, said) = dump_with(&page, &["--all"]);
    assert_eq!(all.entries.len(), 12, "{said}");
    assert!(
        !said.contains("newest page only") && !said.contains("missing"),
        "{said}"
    );
    let ids = |b: &liveblog::blog::LiveBlog| -> Vec<String> {
        b.entries.iter().map(|e| e.id.clone()).collect()
    };
    assert_eq!(ids(&all), ids(&whole));
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_poll_comes_at_the_refresh_interval_the_plugin_asks_for() {
    let opts = ServeOptions {
        clock: Some(Arc::new(ManualClock::new())),
        max_age: Duration::ZERO,
        origin: Some(jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1)),
        ..ServeOptions::default()
    };
    let server = serve::spawn(seed(), opts).await.unwrap();
    let Opened {
        client,
        endpoint,
        blog,
        validators,
        ..
    } = open(&format!("http://{}/wp-json/liveblog/v1/1/", server.addr)).await;
    let poller =
        Poller::new(client, endpoint, None, blog, validators).first_poll_after(Duration::ZERO);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (_cmd_tx, cmd_rx) = mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));
    let mut scheduled = Vec::new();
    while scheduled.len() < 2 {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap();
        if let Event::Scheduled { at: Some(at) } = event {
            scheduled.push(at);
        }
    }
    let wait = scheduled[1].duration_since(jiff::Timestamp::now());
    let secs = wait.as_secs_f64();
    assert!(
        (8.0..=10.5).contains(&secs),
        "the next poll in {secs} s, not the plugin's 10 s"
    );
}

#[test]
fn follow_on_the_wordpress_post_page_prints_the_replays_edit_and_deletion() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let opts = ServeOptions {
        pace: Duration::from_secs(1),
        max_age: Duration::from_secs(1),
        ..ServeOptions::default()
    };
    let server = rt.block_on(serve::spawn(seed(), opts)).unwrap();
    let page = server.url("wordpress").unwrap().to_string();
    let home = home::Home::new("wordpress-follow");
    let mut child = home
        .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
        .args(["follow", &page, "--format", "jsonl", "--interval", "5"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let rx = home::stdout_lines(&mut child);
    let mut changes: Vec<serde_json::Value> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    let seen =
        |changes: &[serde_json::Value], what: &str| changes.iter().any(|c| c["change"] == what);
    while !(seen(&changes, "edited") && seen(&changes, "deleted")) && Instant::now() < deadline {
        if let Ok(l) = rx.recv_timeout(Duration::from_millis(100)) {
            changes.push(serde_json::from_str(&l).unwrap());
        }
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(seen(&changes, "new"), "{stderr}");
    assert!(seen(&changes, "edited"), "an edit: {changes:#?} {stderr}");
    assert!(
        seen(&changes, "deleted"),
        "a deletion: {changes:#?} {stderr}"
    );
    let edited = changes.iter().find(|c| c["change"] == "edited").unwrap();
    assert!(
        edited.to_string().contains("this post was edited"),
        "{edited}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn older_entries_come_page_by_page_as_the_plugin_pages_them() {
    let opts = ServeOptions {
        initial: 12,
        clock: Some(Arc::new(ManualClock::new())),
        ..ServeOptions::default()
    };
    // Timed a minute apart, as a WordPress blog's entries are: an older page reaches back.
    let mut blog = seed();
    let newest = jiff::Timestamp::from_second(1_764_000_000).unwrap();
    for (i, e) in blog.entries.iter_mut().enumerate() {
        let ago = jiff::SignedDuration::from_mins(i64::try_from(i).unwrap());
        e.published = Some(liveblog::blog::Stamp::utc(newest - ago));
    }
    let server = serve::spawn(blog, opts).await.unwrap();
    let Opened {
        client,
        endpoint,
        blog,
        validators,
        ..
    } = open(&format!("http://{}/wp-json/liveblog/v1/1/", server.addr)).await;
    assert_eq!(blog.entries.len(), 5);
    let older = blog.older.clone().expect("a second page");
    assert!(older.starts_with("2/"), "{older}");
    let poller = Poller::new(client, endpoint, None, blog.clone(), validators);
    assert!(poller.pageable());
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (cmd_tx, cmd_rx) = mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));
    cmd_tx
        .send(liveblog::live::Command::LoadOlder(older))
        .unwrap();
    let more = loop {
        let event = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap();
        match event {
            Event::HistoryLoaded { blog, .. } => break *blog,
            Event::HistoryFailed { error } => panic!("{error}"),
            _ => {}
        }
    };
    assert_eq!(more.entries.len(), 10);
    assert_eq!(&more.entries[..5], &blog.entries[..]);
    assert!(more.older.as_deref().is_some_and(|o| o.starts_with("3/")));
}

/// The plugin's API says nothing of an end; its post page does, as the plugin's settings'
/// `"state": "archive"`. A blog opened through its post page has the page read again now and
/// then: once the replay has ended, the blog ends with the last changes and polling stops. Opened
/// after the end, it is ended at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blog_read_through_its_post_page_ends_when_the_page_says_it_is_archived() {
    use liveblog::blog::LiveState;
    let (clock, server) = replay_on_a_manual_clock().await;
    let page: url::Url = server.url("wordpress").unwrap().parse().unwrap();
    let client = Client::new(FetchConfig::default()).unwrap();
    let open_page = async || {
        let endpoint = liveblog::net::resolve(&page, None);
        let opening = open_blog(&client, &endpoint, &Validators::default())
            .await
            .unwrap();
        assert!(opening.followed.is_some(), "read through the plugin's API");
        let FetchOutcome::Updated {
            blog, validators, ..
        } = opening.outcome
        else {
            panic!("304 at first")
        };
        (opening.endpoint, *blog, validators)
    };
    let (endpoint, blog, validators) = open_page().await;
    assert_eq!(blog.state, LiveState::Live);
    let floor = Duration::from_millis(40);
    let poller = Poller::with_plan(
        client.clone(),
        endpoint,
        PollPlan::with_floor(floor, floor),
        blog,
        validators,
    )
    .checking_post_page(page.clone())
    .rereading_every(Duration::from_millis(200));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (_cmd_tx, cmd_rx) = mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));
    // Past every change of the replay.
    clock.set(PACE * 100);
    // Bounded as a whole: a poller that never ends keeps sending (a poll every 40 ms).
    let ended = until_ended(&mut rx).await;
    assert_eq!(ended.entries.len(), seed().entries.len() - 1, "one deleted");
    // No poll is scheduled after the end.
    let after = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Some(Event::Scheduled { at }) = rx.recv().await {
                return at;
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(after, None);
    let (_, reopened, _) = open_page().await;
    assert_eq!(reopened.state, LiveState::Ended);
}

/// Opened at the plugin's API address, the blog names its post (`/wp-json/liveblog/v1/1/`) but
/// not its page: the page WordPress serves at `/?p=1` is read now and then all the same, and
/// once the replay has ended the blog ends with the last changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blog_read_at_its_api_address_ends_when_its_post_page_says_it_is_archived() {
    read_at_api_address_until_archived("/wp-json/liveblog/v1/1/get-entries/1/latest").await;
}

/// A site without pretty permalinks serves the plugin's API at `/?rest_route=/liveblog/v1/…`:
/// opened there, the blog is polled through that form (the deletion applies) and its post page
/// is read at `/?p=1` for its end, as at `/wp-json/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blog_read_at_its_plain_api_address_is_polled_there_until_archived() {
    read_at_api_address_until_archived("/?rest_route=/liveblog/v1/1/get-entries/1/latest").await;
}

/// The seed replayed on a clock the test moves, begun an hour ago, every answer fresh.
async fn replay_on_a_manual_clock() -> (ManualClock, serve::RunningServer) {
    let clock = ManualClock::new();
    let opts = ServeOptions {
        pace: PACE,
        clock: Some(Arc::new(clock.clone())),
        max_age: Duration::ZERO,
        origin: Some(jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1)),
        ..ServeOptions::default()
    };
    (clock, serve::spawn(seed(), opts).await.unwrap())
}

/// Opens the replay's WordPress API at `path`, polls it through the replay's end, and checks
/// the blog ends with the replay's deletion applied.
async fn read_at_api_address_until_archived(path: &str) {
    use liveblog::blog::LiveState;
    let (clock, server) = replay_on_a_manual_clock().await;
    let api = format!("http://{}{path}", server.addr);
    let Opened {
        client,
        endpoint,
        blog,
        validators,
        ..
    } = open(&api).await;
    assert_eq!(blog.state, LiveState::Live);
    let floor = Duration::from_millis(40);
    let poller = Poller::with_plan(
        client,
        endpoint,
        PollPlan::with_floor(floor, floor),
        blog,
        validators,
    )
    .rereading_every(Duration::from_millis(200));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (_cmd_tx, cmd_rx) = mpsc::unbounded_channel();
    tokio::spawn(poller.run(tx, cmd_rx));
    clock.set(PACE * 100);
    let ended = until_ended(&mut rx).await;
    assert_eq!(ended.entries.len(), seed().entries.len() - 1, "one deleted");
}
