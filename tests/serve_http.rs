//! The replay server over real HTTP on 127.0.0.1, with a clock the test moves by hand.
// The helpers below are test code too: a failed step should stop the test where it happened.
#![allow(clippy::unwrap_used)]

use liveblog::blog::LiveBlog;
use liveblog::formats::{self, Format};
use liveblog::serve::{ManualClock, RunningServer, ServeOptions, spawn};
use reqwest::StatusCode;
use reqwest::header::{
    CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED,
};
use std::sync::Arc;
use std::time::Duration;

const PACE: Duration = Duration::from_secs(10);

fn seed() -> LiveBlog {
    formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap()
}

struct Fixture {
    server: RunningServer,
    clock: ManualClock,
    client: reqwest::Client,
}

impl Fixture {
    async fn start() -> Self {
        let clock = ManualClock::new();
        let opts = ServeOptions {
            pace: PACE,
            clock: Some(Arc::new(clock.clone())),
            origin: Some("2025-02-17T12:00:00Z".parse().unwrap()),
            ..ServeOptions::default()
        };
        let server = spawn(seed(), opts).await.unwrap();
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        Self {
            server,
            clock,
            client,
        }
    }

    fn url(&self, name: &str) -> String {
        self.server.url(name).unwrap().to_string()
    }

    fn path(&self, path: &str) -> String {
        format!("http://{}{path}", self.server.addr)
    }

    async fn get(&self, url: &str) -> reqwest::Response {
        self.client.get(url).send().await.unwrap()
    }

    async fn entries(&self) -> usize {
        let body = self.get(&self.url("json")).await.bytes().await.unwrap();
        formats::parse(&body).unwrap().entries.len()
    }
}

fn header(r: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn every_route_answers_with_its_content_type_and_format() {
    let f = Fixture::start().await;
    let expected = [
        ("index", "text/html; charset=utf-8", None),
        ("guardian", "application/json", Some(Format::GuardianPage)),
        ("capi", "application/json", Some(Format::Capi)),
        ("html", "text/html; charset=utf-8", Some(Format::SchemaOrg)),
        ("amp", "text/html; charset=utf-8", Some(Format::SchemaOrg)),
        (
            "rss",
            "application/rss+xml; charset=utf-8",
            Some(Format::Feed),
        ),
        (
            "atom",
            "application/atom+xml; charset=utf-8",
            Some(Format::Feed),
        ),
        ("json", "application/json", Some(Format::Native)),
        ("text", "text/plain; charset=utf-8", Some(Format::Text)),
        (
            "wordpress",
            "text/html; charset=utf-8",
            Some(Format::SchemaOrg),
        ),
    ];
    let names: Vec<&str> = f.server.urls().iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, expected.map(|(n, _, _)| n));
    for (name, content_type, format) in expected {
        let r = f.get(&f.url(name)).await;
        assert_eq!(r.status(), StatusCode::OK, "{name}");
        assert_eq!(header(&r, CONTENT_TYPE), content_type, "{name}");
        assert!(header(&r, ETAG).starts_with('"'), "{name}");
        assert!(header(&r, LAST_MODIFIED).ends_with(" GMT"), "{name}");
        assert!(header(&r, CACHE_CONTROL).starts_with("max-age="), "{name}");
        let body = r.bytes().await.unwrap();
        if let Some(format) = format {
            assert_eq!(formats::sniff(&body).unwrap(), format, "{name}");
        }
    }
    for path in ["/live.json", "/live.html"] {
        let r = f.get(&f.path(path)).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn the_index_lists_every_format_url() {
    let f = Fixture::start().await;
    let body = f.get(&f.url("index")).await.text().await.unwrap();
    for (name, url) in f.server.urls().iter().skip(1) {
        assert!(body.contains(&format!("href=\"{url}\"")), "{name} {url}");
    }
    assert!(body.contains("Security guarantees for Ukraine"));
}

#[tokio::test]
async fn the_blog_grows_as_the_clock_advances() {
    let f = Fixture::start().await;
    assert_eq!(f.entries().await, 3);
    let first = f.get(&f.url("json")).await;
    let etag = header(&first, ETAG);
    f.clock
        .advance(PACE.saturating_sub(Duration::from_millis(1)));
    assert_eq!(f.entries().await, 3);
    f.clock.advance(Duration::from_millis(1));
    assert_eq!(f.entries().await, 4);
    let r = f
        .client
        .get(f.url("json"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the old tag no longer matches");
    assert_ne!(header(&r, ETAG), etag);

    f.clock.advance(Duration::from_secs(3600));
    let body = f.get(&f.url("json")).await.bytes().await.unwrap();
    let blog = formats::parse(&body).unwrap();
    assert_eq!(blog.state, liveblog::blog::LiveState::Ended);
    assert_eq!(blog.entries.len(), seed().entries.len() - 1, "one deleted");
}

#[tokio::test]
async fn a_matching_etag_gets_304_with_no_body() {
    let f = Fixture::start().await;
    let r = f.get(&f.url("guardian")).await;
    let etag = header(&r, ETAG);
    for inm in [
        etag.clone(),
        format!("W/{etag}"),
        format!("\"other\", {etag}"),
        "*".to_string(),
    ] {
        let r = f
            .client
            .get(f.url("guardian"))
            .header(IF_NONE_MATCH, &inm)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED, "{inm}");
        assert_eq!(header(&r, ETAG), etag);
        assert!(r.bytes().await.unwrap().is_empty());
    }
    let r = f
        .client
        .get(f.url("guardian"))
        .header(IF_NONE_MATCH, "\"something-else\"")
        .header(IF_MODIFIED_SINCE, "Sun, 06 Nov 2094 08:49:37 GMT")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "If-None-Match wins over If-Modified-Since"
    );
}

#[tokio::test]
async fn tags_differ_between_formats_and_capi_queries() {
    let f = Fixture::start().await;
    let mut tags = Vec::new();
    for name in [
        "guardian", "capi", "html", "amp", "rss", "atom", "json", "text",
    ] {
        tags.push(header(&f.get(&f.url(name)).await, ETAG));
    }
    let capi = f.url("capi");
    let q = format!("{capi}?api-key=test&show-blocks=body:latest:1");
    tags.push(header(&f.get(&q).await, ETAG));
    let n = tags.len();
    tags.sort();
    tags.dedup();
    assert_eq!(tags.len(), n);
}

#[tokio::test]
async fn if_modified_since_gets_304_until_the_next_change() {
    let f = Fixture::start().await;
    let r = f.get(&f.url("rss")).await;
    let lm = header(&r, LAST_MODIFIED);
    assert_eq!(lm, "Mon, 17 Feb 2025 12:00:00 GMT");
    let ask = |since: String| {
        f.client
            .get(f.url("rss"))
            .header(IF_MODIFIED_SINCE, since)
            .send()
    };
    let r = ask(lm.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    assert!(r.bytes().await.unwrap().is_empty());
    let earlier = ask("Mon, 17 Feb 2025 11:59:59 GMT".into()).await.unwrap();
    assert_eq!(earlier.status(), StatusCode::OK);
    f.clock.advance(PACE);
    let r = ask(lm).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, LAST_MODIFIED), "Mon, 17 Feb 2025 12:00:10 GMT");
    let garbage = ask("not a date".into()).await.unwrap();
    assert_eq!(garbage.status(), StatusCode::OK);
}

#[tokio::test]
async fn max_age_never_reaches_past_the_next_change() {
    let f = Fixture::start().await;
    f.clock.advance(Duration::from_secs(8));
    let r = f.get(&f.url("text")).await;
    assert_eq!(header(&r, CACHE_CONTROL), "max-age=2");
    f.clock.advance(Duration::from_secs(3600));
    let r = f.get(&f.url("text")).await;
    assert_eq!(header(&r, CACHE_CONTROL), "max-age=5", "ended: the cap");
}

#[tokio::test]
async fn guardian_like_paths_and_capi_queries_work() {
    let f = Fixture::start().await;
    let guardian = f.url("guardian");
    assert!(guardian.contains("/world/live/"), "{guardian}");
    assert_eq!(guardian.rsplit('.').next(), Some("json"));
    let page = f.get(guardian.trim_end_matches(".json")).await;
    assert_eq!(header(&page, CONTENT_TYPE), "text/html; charset=utf-8");

    f.clock.advance(PACE * 2);
    let q = format!("{}?api-key=test&show-blocks=body:latest:2", f.url("capi"));
    let body = f.get(&q).await.bytes().await.unwrap();
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let blocks = &v["response"]["content"]["blocks"];
    assert_eq!(blocks["body"].as_array().unwrap().len(), 2);
    assert_eq!(blocks["totalBodyBlocks"], 5);
    assert_eq!(
        blocks["requestedBodyBlocks"]["body:latest:2"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn unknown_paths_are_404_and_other_methods_405() {
    let f = Fixture::start().await;
    for path in ["/nope", "/live.xml", "/capi/", "/../etc/passwd"] {
        let r = f.get(&f.path(path)).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let r = f.client.post(f.url("json")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header(&r, reqwest::header::ALLOW), "GET, HEAD");
}

#[tokio::test]
async fn head_gives_the_headers_without_the_body() {
    let f = Fixture::start().await;
    let get = f.get(&f.url("text")).await;
    let etag = header(&get, ETAG);
    let len = get.bytes().await.unwrap().len();
    let r = f.client.head(f.url("text")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, ETAG), etag);
    assert_eq!(header(&r, CONTENT_LENGTH), len.to_string());
    assert!(r.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_spawned_server_stops_when_asked() {
    let f = Fixture::start().await;
    let url = f.url("text");
    assert_eq!(f.get(&url).await.status(), StatusCode::OK);
    let Fixture { server, client, .. } = f;
    tokio::time::timeout(Duration::from_secs(10), server.shutdown())
        .await
        .unwrap()
        .unwrap();
    assert!(client.get(&url).send().await.is_err());
}

#[tokio::test]
async fn a_bad_speed_or_a_taken_port_is_a_clear_error() {
    let err = spawn(
        seed(),
        ServeOptions {
            speed: 0.0,
            ..ServeOptions::default()
        },
    )
    .await
    .err()
    .unwrap();
    assert_eq!(
        err.to_string(),
        "the speed must be a positive number, not \"0\""
    );
    let f = Fixture::start().await;
    let err = spawn(
        seed(),
        ServeOptions {
            addr: f.server.addr,
            ..ServeOptions::default()
        },
    )
    .await
    .err()
    .unwrap();
    assert!(
        err.to_string()
            .starts_with(&format!("cannot listen on \"{}\"", f.server.addr)),
        "{err}"
    );
}

#[tokio::test]
async fn with_the_real_clock_the_blog_grows_on_its_own() {
    let opts = ServeOptions {
        pace: Duration::from_millis(20),
        ..ServeOptions::default()
    };
    let server = spawn(seed(), opts).await.unwrap();
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let url = server.url("json").unwrap().to_string();
    let count = || async {
        let body = client
            .get(&url)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        formats::parse(&body).unwrap().entries.len()
    };
    let first = count().await;
    let mut grew = false;
    // Bounded: at most 500 polls 10 ms apart.
    for _ in 0..500 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        if count().await > first {
            grew = true;
            break;
        }
    }
    assert!(grew, "no new entry with a 20 ms pace");
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn serving_a_url_or_a_missing_file_is_a_clear_error() {
    use liveblog::serve::{serve_file, serve_source};
    use liveblog::source::Source;
    let url = Source::from_arg(Some("https://www.theguardian.com/x?api-key=SECRET"));
    let err = serve_source(&url, ServeOptions::default())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("\"https://www.theguardian.com/x\""),
        "{err}"
    );
    assert!(!err.contains("SECRET"));
    let err = serve_file(
        std::path::Path::new("/nonexistent/blog.txt"),
        ServeOptions::default(),
    )
    .await
    .unwrap_err()
    .to_string();
    assert_eq!(err, "\"/nonexistent/blog.txt\": no such file");
}

#[tokio::test]
async fn a_polling_reader_gets_each_change_once_and_304_otherwise() {
    let f = Fixture::start().await;
    let url = f.url("json");
    let mut etag = String::new();
    let (mut fresh, mut not_modified) = (0, 0);
    let mut seen_edit = false;
    let mut last: Option<LiveBlog> = None;
    // One poll every 5 s of replay time for an hour: bounded, and past the end.
    for _ in 0..720 {
        let r = f
            .client
            .get(&url)
            .header(IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        match r.status() {
            StatusCode::OK => {
                fresh += 1;
                etag = header(&r, ETAG);
                let blog = formats::parse(&r.bytes().await.unwrap()).unwrap();
                assert_ne!(last.as_ref(), Some(&blog), "a 200 brings a change");
                seen_edit |= blog.entries.iter().any(|e| e.updated.is_some());
                last = Some(blog);
            }
            StatusCode::NOT_MODIFIED => not_modified += 1,
            s => panic!("unexpected {s}"),
        }
        f.clock.advance(Duration::from_secs(5));
    }
    let n = seed().entries.len();
    // The start, one per further entry, the edit and the deletion (all 5 s apart at least).
    assert_eq!(fresh, 1 + (n - 3) + 2);
    let replay = ServeOptions {
        pace: PACE,
        ..ServeOptions::default()
    }
    .replay();
    let timeline = liveblog::serve::Timeline::new(seed(), &replay);
    let versions = timeline.version_at(timeline.ends_at());
    assert_eq!(u64::try_from(fresh).unwrap(), versions);
    assert!(not_modified > fresh);
    assert!(seen_edit);
    assert_eq!(last.unwrap().state, liveblog::blog::LiveState::Ended);
}

#[tokio::test]
async fn the_guardian_route_answers_the_pages_live_poll_as_the_clock_moves() {
    use liveblog::formats::guardian_poll;
    let f = Fixture::start().await;
    let page = f.url("guardian");
    let newest = |body: &[u8]| {
        let blog = formats::parse(body).unwrap();
        blog.entries.iter().find(|e| !e.pinned).unwrap().id.clone()
    };
    let id = newest(&f.get(&page).await.bytes().await.unwrap());
    let ask = |id: &str| format!("{page}?lastUpdate=block-{id}&isLivePage=true&dcr=true");
    let answer = f.get(&ask(&id)).await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(header(&answer, CONTENT_TYPE), "application/json");
    let now = guardian_poll::parse(&answer.bytes().await.unwrap()).unwrap();
    assert_eq!((now.new_blocks, now.most_recent), (0, None));
    // Two entries later, the same question hears of both, and names the newest.
    f.clock.advance(PACE * 2);
    let later = guardian_poll::parse(&f.get(&ask(&id)).await.bytes().await.unwrap()).unwrap();
    assert_eq!(later.new_blocks, 2);
    let newest_now = newest(&f.get(&page).await.bytes().await.unwrap());
    assert_eq!(later.most_recent, Some(newest_now));
    // Both are in the answer's HTML, and read as the page has them: no page read needed.
    let whole = formats::parse(&f.get(&page).await.bytes().await.unwrap()).unwrap();
    let read = later.complete_blocks().expect("the answer's blocks read");
    assert_eq!(read.entries.len(), 2);
    for e in &read.entries {
        let on_page = &whole.entries[whole.position(&e.id).unwrap()];
        assert_eq!(e.title, on_page.title, "{}", e.id);
        assert_eq!(
            e.published.map(|p| p.instant()),
            on_page.published.map(|p| p.instant())
        );
        assert_eq!(e.plain_text(), on_page.plain_text(), "{}", e.id);
    }
    // The page itself is still the page.
    assert!(formats::parse(&f.get(&page).await.bytes().await.unwrap()).is_ok());
}

/// `liveblog serve` says how far the replay has come, on standard error (the banner on standard
/// output stays the list of addresses): off a terminal, a line at most every few seconds, and
/// always a line once the replay has ended, while it goes on serving.
#[test]
fn serve_says_how_far_the_replay_is_and_when_it_has_ended() {
    use std::io::BufRead;
    let home = std::env::temp_dir().join(format!("liveblog-serve-line-{}", std::process::id()));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_liveblog"))
        .args(["serve", "--pace", "0.2"])
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut said = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !said
        .iter()
        .any(|l: &String| l.starts_with("The replay has ended"))
    {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => said.push(line),
            Err(_) => break,
        }
    }
    let listing: Vec<String> = std::io::BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok)
        .take_while(|l| !l.contains("entries"))
        .collect();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&home);
    assert!(
        listing[0].starts_with("Replaying bundled blog"),
        "{listing:?}"
    );
    // The replay ends in about two seconds: a line for its first change (on a slow machine,
    // for a later one), none for the others so soon after, and the end.
    let (end, before) = said.split_last().unwrap();
    assert_eq!(
        end, "The replay has ended: 13/13 entries out. Still serving (Ctrl-C to stop).",
        "{said:?}"
    );
    assert!(before.len() <= 1, "{said:?}");
    assert!(
        before
            .iter()
            .all(|l| l.starts_with("Replaying: ") && l.ends_with("/13 entries out")),
        "{said:?}"
    );
}
