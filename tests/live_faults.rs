//! The poller against a real fault-injecting server on 127.0.0.1: a run of failures of every
//! kind, then recovery. The reader's data is kept through all of it, every failure is reported
//! as one line, the schedule backs off and honours Retry-After, and polling recovers by itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::{Block, Entry, LiveBlog};
use liveblog::live::Command;
use liveblog::live::Event;
use liveblog::live::Poller;
use liveblog::net::schedule::PollPlan;
use liveblog::net::{Client, Endpoint, FetchConfig, Validators};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Clone, Copy, Debug)]
enum Reply {
    Status500,
    TooMany { retry_after: u64 },
    Hang,
    Truncated,
    InvalidJson,
    Good,
}

fn blog(n: usize) -> LiveBlog {
    LiveBlog {
        title: "Faults".into(),
        entries: (0..n)
            .rev()
            .map(|i| Entry {
                id: format!("e{i}"),
                body: vec![Block::text(format!("entry {i}"))],
                ..Entry::default()
            })
            .collect(),
        ..LiveBlog::default()
    }
}

fn http(status: &str, headers: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\n{headers}Connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Serves `script` in order (then `Good` forever), recording when each request came and its
/// headers. `Good` answers 304 when the request carries the `ETag` it gave.
async fn fault_server(script: Vec<Reply>) -> (String, Arc<Mutex<Vec<(Instant, String)>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/blog.json", listener.local_addr().unwrap());
    let log: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
    let seen = log.clone();
    let good = liveblog::formats::native::to_json(&blog(3));
    let script = Arc::new(script);
    let good = Arc::new(good);
    tokio::spawn(async move {
        for n in 0..200 {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            // Each connection in its own task, so a hanging answer never holds up the next.
            let (seen, script, good) = (seen.clone(), script.clone(), good.clone());
            tokio::spawn(async move { answer(sock, n, &seen, &script, &good).await });
        }
    });
    (url, log)
}

async fn answer(
    mut sock: tokio::net::TcpStream,
    n: usize,
    seen: &Mutex<Vec<(Instant, String)>>,
    script: &[Reply],
    good: &str,
) {
    let mut req = Vec::new();
    let mut buf = [0u8; 1024];
    while !req.windows(4).any(|w| w == b"\r\n\r\n") && req.len() < 16_384 {
        match sock.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(k) => req.extend_from_slice(&buf[..k]),
        }
    }
    let head = String::from_utf8_lossy(&req).to_string();
    seen.lock().unwrap().push((Instant::now(), head.clone()));
    let reply = script.get(n).copied().unwrap_or(Reply::Good);
    let bytes = match reply {
        Reply::Status500 => http("500 Internal Server Error", "", "oops"),
        Reply::TooMany { retry_after } => http(
            "429 Too Many Requests",
            &format!("Retry-After: {retry_after}\r\n"),
            "",
        ),
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            return;
        }
        Reply::Truncated => {
            let mut v = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".to_vec();
            v.extend_from_slice(b"0123456789");
            v
        }
        Reply::InvalidJson => http("200 OK", "", "{\"liveblog_format\":1,"),
        Reply::Good if head.to_ascii_lowercase().contains("if-none-match: \"v3\"") => {
            b"HTTP/1.1 304 Not Modified\r\nETag: \"v3\"\r\nConnection: close\r\n\r\n".to_vec()
        }
        Reply::Good => http(
            "200 OK",
            "ETag: \"v3\"\r\nContent-Type: application/json\r\n",
            good,
        ),
    };
    let _ = sock.write_all(&bytes).await;
    let _ = sock.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_keep_the_data_back_off_and_recover_by_themselves() {
    let script = vec![
        Reply::Status500,
        Reply::TooMany { retry_after: 1 },
        Reply::Hang,
        Reply::Truncated,
        Reply::InvalidJson,
    ];
    let (url, log) = fault_server(script).await;
    let config = FetchConfig {
        read_timeout: Duration::from_millis(300),
        total_timeout: Duration::from_secs(1),
        ..FetchConfig::default()
    };
    let client = Client::new(config).unwrap();
    let floor = Duration::from_millis(50);
    let plan = PollPlan::with_floor(floor, floor);
    let endpoint = Endpoint::Direct(url.parse().unwrap());
    let poller = Poller::with_plan(client, endpoint, plan, blog(2), Validators::default());
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let (_cmd_tx, cmd_rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
    tokio::spawn(poller.run(tx, cmd_rx));

    let mut errors: Vec<(String, Option<Duration>)> = Vec::new();
    let mut loaded: Option<LiveBlog> = None;
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let action = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap();
        match action {
            Event::Failed {
                error, retry_in, ..
            } => {
                assert!(
                    loaded.is_none(),
                    "no failure after recovery in this script: {errors:#?} then {error}"
                );
                errors.push((error, retry_in));
            }
            Event::Loaded { blog, .. } => loaded = Some(*blog),
            Event::Unchanged { .. } => break,
            _ => {}
        }
    }

    assert_eq!(errors.len(), 5, "{errors:#?}");
    let expect = [
        "server error (HTTP 500)",
        "rate limited (HTTP 429)",
        "timed out",
        "could not be read in full",
        "malformed liveblog JSON",
    ];
    // Polling goes on by itself, and says so.
    assert!(errors[0].0.contains("it will be retried"), "{errors:#?}");
    for ((e, retry_in), want) in errors.iter().zip(expect) {
        assert!(e.contains(want), "{e:?} should say {want:?}");
        assert!(e.contains(&url), "names the source: {e}");
        assert!(retry_in.is_some(), "says when the next try is: {e}");
        assert!(!e.contains('\n'), "one line: {e:?}");
    }
    let recovered = loaded.expect("recovered by itself");
    assert_eq!(
        recovered.entries.len(),
        3,
        "the fresh version replaced the old one"
    );

    let log = log.lock().unwrap();
    let times: Vec<Instant> = log.iter().map(|(t, _)| *t).collect();
    assert!(
        times.len() >= 7,
        "five failures, a recovery and a conditional check"
    );
    for w in times.windows(2) {
        assert!(
            w[1] - w[0] >= floor,
            "never two polls closer than the interval"
        );
    }
    // The request after the 429 waited for its Retry-After.
    assert!(
        times[2] - times[1] >= Duration::from_secs(1),
        "Retry-After honoured: {:?}",
        times[2] - times[1]
    );
    // The check after recovery carried the validator back, byte for byte.
    assert!(
        log.last()
            .unwrap()
            .1
            .to_ascii_lowercase()
            .contains("if-none-match: \"v3\"")
    );
    assert!(
        log[0]
            .1
            .to_ascii_lowercase()
            .contains("user-agent: liveblog/")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manual_refresh_never_starts_a_second_request_in_flight() {
    let (url, log) = fault_server(vec![Reply::Hang]).await;
    let config = FetchConfig {
        read_timeout: Duration::from_millis(500),
        ..FetchConfig::default()
    };
    let client = Client::new(config).unwrap();
    let plan = PollPlan::with_floor(Duration::from_millis(50), Duration::from_millis(50));
    let poller = Poller::with_plan(
        client,
        Endpoint::Direct(url.parse().unwrap()),
        plan,
        blog(1),
        Validators::default(),
    );
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let (cmd_tx, cmd_rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
    tokio::spawn(poller.run(tx, cmd_rx));
    // Wait for the first (hanging) request, then hammer refresh while it is in flight.
    loop {
        if matches!(rx.recv().await.unwrap(), Event::Started) {
            break;
        }
    }
    for _ in 0..20 {
        cmd_tx.send(Command::RefreshNow).unwrap();
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        log.lock().unwrap().len(),
        1,
        "one request in flight, the refreshes wait for it"
    );
}

/// What a poller of `current`, on a server that answers 500, says of the request that
/// `commands` (ending with the reader's `r`) bring about: its message and its next try.
async fn refused_refresh(
    current: LiveBlog,
    plan: PollPlan,
    commands: Vec<Command>,
) -> (String, Option<Duration>) {
    let (url, _log) = fault_server(vec![Reply::Status500]).await;
    let client = Client::new(FetchConfig::default()).unwrap();
    let poller = Poller::with_plan(
        client,
        Endpoint::Direct(url.parse().unwrap()),
        plan,
        current,
        Validators::default(),
    );
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let (cmd_tx, cmd_rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
    tokio::spawn(poller.run(tx, cmd_rx));
    for c in commands {
        cmd_tx.send(c).unwrap();
    }
    let failed = tokio::time::timeout(Duration::from_secs(15), async {
        loop {
            if let Event::Failed {
                error, retry_in, ..
            } = rx.recv().await.unwrap()
            {
                return (error, retry_in);
            }
        }
    })
    .await
    .expect("the refresh went out");
    assert!(failed.0.contains("server error (HTTP 500)"), "{failed:?}");
    failed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_of_an_ended_blog_that_fails_promises_no_retry() {
    let ended = LiveBlog {
        state: liveblog::blog::LiveState::Ended,
        ..blog(2)
    };
    let plan = PollPlan::with_floor(Duration::from_millis(50), Duration::from_millis(50));
    // Polling stopped with the blog; only the reader's `r` asks again.
    let failed = refused_refresh(ended, plan, vec![Command::RefreshNow]).await;
    assert!(!failed.0.contains("retried"), "{failed:?}");
    assert_eq!(failed.1, None, "no next try to count down to");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_while_paused_that_fails_promises_no_retry() {
    // The first poll an hour away: only the reader's `r` asks while it is paused.
    let plan = PollPlan::with_floor(Duration::from_secs(3600), Duration::from_millis(50));
    let commands = vec![Command::Pause(true), Command::RefreshNow];
    let failed = refused_refresh(blog(2), plan, commands).await;
    assert!(
        !failed.0.contains("retried"),
        "nothing retries while paused: {failed:?}"
    );
    assert_eq!(failed.1, None, "no next try to count down to");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manual_refresh_during_backoff_retries_now_not_after_the_backoff() {
    let (url, log) = fault_server(vec![Reply::Status500, Reply::Good]).await;
    let client = Client::new(FetchConfig::default()).unwrap();
    // A first poll soon, then a backoff of at least a minute after the failure.
    let plan = PollPlan::with_floor(Duration::from_secs(60), Duration::from_millis(50));
    let poller = Poller::with_plan(
        client,
        Endpoint::Direct(url.parse().unwrap()),
        plan,
        blog(2),
        Validators::default(),
    );
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let (cmd_tx, cmd_rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
    tokio::spawn(poller.run(tx, cmd_rx));
    cmd_tx.send(Command::RefreshNow).unwrap();
    while !matches!(rx.recv().await.unwrap(), Event::Failed { .. }) {}
    cmd_tx.send(Command::RefreshNow).unwrap();
    let loaded = tokio::time::timeout(Duration::from_secs(15), async {
        loop {
            if let Event::Loaded { blog, .. } = rx.recv().await.unwrap() {
                return blog;
            }
        }
    })
    .await
    .expect("the refresh asked for during backoff went out");
    assert_eq!(loaded.entries.len(), 3);
    let log = log.lock().unwrap();
    assert_eq!(log.len(), 2, "one failure, one retry");
    // The floor runs from when the first request went out; the server logs when it arrived,
    // which on a loaded machine can be a moment later. A second early would still show.
    let gap = log[1].0 - log[0].0;
    assert!(
        gap >= Duration::from_secs(4),
        "never sooner than the manual floor after the last request: {gap:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_copy_from_an_earlier_sitting_is_asked_once_and_a_fresh_one_never() {
    let ended = || LiveBlog {
        state: liveblog::blog::LiveState::Ended,
        ..blog(2)
    };
    let start = |url: &str, kept: bool| {
        let plan = PollPlan::with_floor(Duration::from_millis(200), Duration::from_millis(50));
        let poller = Poller::with_plan(
            Client::new(FetchConfig::default()).unwrap(),
            Endpoint::Direct(url.parse().unwrap()),
            plan,
            ended(),
            Validators::default(),
        );
        let poller = if kept {
            poller.first_poll_after(Duration::ZERO)
        } else {
            poller
        };
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let (cmd_tx, cmd_rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
        tokio::spawn(poller.run(tx, cmd_rx));
        (rx, cmd_tx)
    };
    // Fetched just now and ended: nothing more is asked.
    let (url, log) = fault_server(vec![]).await;
    let _fresh = start(&url, false);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(log.lock().unwrap().len(), 0);
    // Kept from an earlier sitting: asked at once, and the answer (live again: the server's
    // blog says nothing of an end) brings back the schedule.
    let (url, log) = fault_server(vec![]).await;
    let (mut rx, _cmd) = start(&url, true);
    let loaded = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Event::Loaded { blog, .. } = rx.recv().await.unwrap() {
                return blog;
            }
        }
    })
    .await
    .expect("the kept copy was brought up to date");
    assert_eq!(loaded.entries.len(), 3);
    assert_eq!(log.lock().unwrap().len(), 1);
}

/// A Guardian page kept from an earlier sitting and still current (a 304) says nothing of its
/// format, which the copy keeps: the reader polls at the page's own 10 s live check from the
/// start, not at the pace of an unknown source until the page next changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_copy_still_current_is_polled_as_the_format_it_was_read_in() {
    use liveblog::formats::Format;
    use liveblog::session::{NetOptions, open_for_reading};
    let (url, log) = fault_server(vec![]).await;
    let tmp = tempfile::tempdir().unwrap();
    let cache = liveblog::store::BlogCache::new(tmp.path());
    let validators = Validators {
        etag: Some("\"v3\"".into()),
        last_modified: None,
    };
    let pace_after_reopening = |format: Option<Format>| {
        let (url, cache, validators, log) = (url.clone(), cache.clone(), validators.clone(), &log);
        async move {
            cache
                .save_with(
                    &url,
                    liveblog::store::cache::Beside {
                        format,
                        ..Default::default()
                    },
                    &blog(3),
                    &validators,
                    jiff::Timestamp::now(),
                )
                .unwrap();
            let before = log.lock().unwrap().len();
            let net = NetOptions {
                interval: None,
                guardian_key: None,
                keep: Some(cache),
                fetch: None,
            };
            let opened = open_for_reading(Some(url.as_ref()), &net).await.unwrap();
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            let (_cmd, cmd_rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
            opened.refresher.unwrap().start(tx, cmd_rx);
            tokio::time::timeout(Duration::from_secs(10), async {
                let mut pace = None;
                loop {
                    match rx.recv().await.unwrap() {
                        Event::Pace { every } => pace = Some(every),
                        Event::Unchanged { .. } => return pace,
                        _ => {}
                    }
                }
            })
            .await
            .map(|pace| (pace, log.lock().unwrap().len() - before))
            .expect("the copy was found current")
        }
    };
    let (pace, asked) = pace_after_reopening(Some(Format::GuardianPage)).await;
    assert_eq!(asked, 1);
    assert_eq!(
        pace,
        Some(Duration::from_secs(10)),
        "the Guardian page's own"
    );
    let (pace, _) = pace_after_reopening(None).await;
    assert_ne!(
        pace,
        Some(Duration::from_secs(10)),
        "a copy of no known format"
    );
}

/// A poller that is not the reader's (`follow`'s) carries what entries edited since the
/// reader's copy said into every copy it keeps, so the reader's `d` still shows those edits;
/// the reader's own poller keeps none (it has taken them in).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poller_not_the_reader_s_carries_what_edited_entries_said_to_the_copy() {
    let (url, _log) = fault_server(vec![]).await;
    let tmp = tempfile::tempdir().unwrap();
    let cache = liveblog::store::BlogCache::new(tmp.path());
    // What the reader last saw: entry e1 before the server's version of it.
    let mut seen = blog(3);
    seen.entries[1].body = vec![Block::text("entry 1, as the reader saw it")];
    let kept_after_a_change = |carry: bool| {
        let (url, cache, seen) = (url.clone(), cache.clone(), seen.clone());
        async move {
            let plan = PollPlan::with_floor(Duration::from_millis(200), Duration::from_millis(50));
            let poller = Poller::with_plan(
                Client::new(FetchConfig::default()).unwrap(),
                Endpoint::Direct(url.parse().unwrap()),
                plan,
                seen,
                Validators::default(),
            )
            .keeping(cache.clone(), url.clone())
            .first_poll_after(Duration::ZERO);
            let poller = if carry {
                poller.carrying_previous(std::collections::BTreeMap::new())
            } else {
                poller
            };
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            let (_cmd, cmd_rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
            tokio::spawn(poller.run(tx, cmd_rx));
            tokio::time::timeout(Duration::from_secs(10), async {
                while !matches!(rx.recv().await.unwrap(), Event::Loaded { .. }) {}
            })
            .await
            .expect("the server's version came");
            // The copy is written off the runtime's threads.
            for _ in 0..100 {
                if let Ok(Some(copy)) = cache.load(&url) {
                    return copy.previous;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            panic!("no copy kept");
        }
    };
    let carried = kept_after_a_change(true).await;
    assert_eq!(
        carried.into_iter().collect::<Vec<_>>(),
        [(
            "e1".to_string(),
            "entry 1, as the reader saw it".to_string()
        )]
    );
    std::fs::remove_file(cache.path(&url)).unwrap();
    assert!(kept_after_a_change(false).await.is_empty());
}
