//! The HTTP client against real servers on 127.0.0.1 (RELIABILITY.md 7.3, the NET-* rows).
//!
//! Each test starts its own raw TCP server on port 0 and scripts the fault byte by byte: a
//! mocked client could not show what goes over the wire or how a half-sent body ends. Every
//! server loop is bounded in connections, bytes and time, and the timeouts under test are
//! shrunk through `FetchConfig` so the suite stays fast.

// The helpers below are test code too, but outside `#[test]` functions, where clippy's
// `allow-unwrap-in-tests` does not reach.
#![allow(clippy::unwrap_used)]

use liveblog::net::{
    Client, FetchConfig, FetchError, FetchOutcome, Fetched, SPILL_AFTER, SourceError, Spill,
    Validators, fetch_blog,
};
use std::fmt::Write as _;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

#[path = "support/gzip.rs"]
mod gzip;
#[path = "support/http.rs"]
mod http;
use gzip::{ZeroBomb, crc32, gzip_stored};
use http::read_head;

/// Most connections any test server accepts before it stops listening.
const MAX_CONNECTIONS: usize = 32;
/// Longest any one test may run before it counts as hung.
const TEST_LIMIT: Duration = Duration::from_secs(20);

/// A running test server: its address, the request heads it received, and how many body
/// bytes its handlers managed to write.
struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
    written: Arc<AtomicUsize>,
}

impl Server {
    fn url(&self, path: &str) -> Url {
        Url::parse(&format!("http://{}{path}", self.addr)).unwrap()
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// What a handler gets: the connection, the request head as text, and a counter for bytes.
struct Conn {
    stream: TcpStream,
    head: String,
    written: Arc<AtomicUsize>,
}

impl Conn {
    fn path(&self) -> &str {
        self.head.split(' ').nth(1).unwrap_or("/")
    }

    /// A request header's value, matched by name case-insensitively.
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    async fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.stream.write_all(bytes).await?;
        self.written.fetch_add(bytes.len(), Ordering::Relaxed);
        Ok(())
    }

    /// A complete response with `Connection: close`, so the client never reuses a connection
    /// the server is about to drop.
    async fn respond(&mut self, status: &str, headers: &[(&str, &str)], body: &[u8]) {
        let mut head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (n, v) in headers {
            let _ = write!(head, "{n}: {v}\r\n");
        }
        head.push_str("\r\n");
        let _ = self.write(head.as_bytes()).await;
        let _ = self.write(body).await;
        let _ = self.stream.shutdown().await;
    }

    /// Waits (bounded) until the client hangs up, so that a connection is not closed by the
    /// server before the client has judged what it got.
    async fn until_client_closes(&mut self) {
        let mut buf = [0u8; 1024];
        let _ = tokio::time::timeout(Duration::from_secs(5), async {
            while matches!(self.stream.read(&mut buf).await, Ok(n) if n > 0) {}
        })
        .await;
    }
}

async fn serve<F, Fut>(handler: F) -> Server
where
    F: Fn(Conn) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let written = Arc::new(AtomicUsize::new(0));
    let (reqs, wr) = (requests.clone(), written.clone());
    let handler = Arc::new(handler);
    tokio::spawn(async move {
        for _ in 0..MAX_CONNECTIONS {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let (reqs, wr, handler) = (reqs.clone(), wr.clone(), handler.clone());
            tokio::spawn(async move {
                let Some(head) = read_head(&mut stream).await else {
                    return;
                };
                reqs.lock().unwrap().push(head.clone());
                handler(Conn {
                    stream,
                    head,
                    written: wr,
                })
                .await;
            });
        }
    });
    Server {
        addr,
        requests,
        written,
    }
}

fn quick_config() -> FetchConfig {
    FetchConfig {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(3),
        total_timeout: Duration::from_secs(8),
        // Not the cache under the developer's home: the system's temporary directory, where an
        // unnamed file leaves nothing once closed.
        spill: Some(Spill {
            dir: std::env::temp_dir(),
            after: SPILL_AFTER,
        }),
        ..FetchConfig::default()
    }
}

fn client() -> Client {
    Client::new(quick_config()).unwrap()
}

async fn get(client: &Client, url: &Url) -> Result<Fetched, FetchError> {
    tokio::time::timeout(TEST_LIMIT, client.get(url, &Validators::default()))
        .await
        .expect("the fetch finished within the test's time limit")
}

fn body_of(f: Fetched) -> Vec<u8> {
    match f {
        Fetched::Modified { body, .. } => body,
        Fetched::NotModified { .. } => panic!("expected a body, got 304"),
    }
}

#[tokio::test]
async fn a_plain_body_comes_back_with_its_validators_and_final_url() {
    let server = serve(|mut c: Conn| async move {
        c.respond(
            "200 OK",
            &[
                ("ETag", "\"v1\""),
                ("Last-Modified", "Wed, 13 Dec 2023 17:25:40 GMT"),
                ("Cache-Control", "public, max-age=60"),
            ],
            b"hello",
        )
        .await;
    })
    .await;
    let fetched = get(&client(), &server.url("/blog")).await.unwrap();
    assert_eq!(
        fetched,
        Fetched::Modified {
            body: b"hello".to_vec(),
            validators: Validators {
                etag: Some("\"v1\"".into()),
                last_modified: Some("Wed, 13 Dec 2023 17:25:40 GMT".into()),
            },
            final_url: server.url("/blog"),
            max_age: Some(Duration::from_secs(60)),
        }
    );
    let head = &server.requests()[0];
    let ua = format!(
        "user-agent: liveblog/{} (+terminal live-blog reader)",
        env!("CARGO_PKG_VERSION")
    );
    assert!(head.to_ascii_lowercase().contains(&ua), "{head}");
    assert!(
        head.to_ascii_lowercase().contains("accept-encoding: gzip"),
        "{head}"
    );
}

#[tokio::test]
async fn a_gzip_body_is_decompressed() {
    let text = "Title\n\nStandfirst\n".repeat(100);
    let gz = gzip_stored(text.as_bytes());
    let server = serve(move |mut c: Conn| {
        let gz = gz.clone();
        async move {
            c.respond("200 OK", &[("Content-Encoding", "gzip")], &gz)
                .await;
        }
    })
    .await;
    let body = body_of(get(&client(), &server.url("/")).await.unwrap());
    assert_eq!(body, text.as_bytes());
}

#[tokio::test]
async fn the_hand_made_zero_stream_is_valid_gzip() {
    // Proves the bomb generator right on a size the client accepts.
    let pairs = 4000;
    let zeros = vec![0u8; 1 + 258 * 4000];
    let crc = crc32(&zeros, 0);
    let server = serve(move |mut c: Conn| async move {
        let mut bomb = ZeroBomb::new(pairs, crc);
        let mut gz = Vec::new();
        loop {
            let piece = bomb.next_piece(4096);
            if piece.is_empty() {
                break;
            }
            gz.extend_from_slice(&piece);
        }
        c.respond("200 OK", &[("Content-Encoding", "gzip")], &gz)
            .await;
    })
    .await;
    let body = body_of(get(&client(), &server.url("/")).await.unwrap());
    assert_eq!(body.len(), zeros.len());
    assert!(body.iter().all(|&b| b == 0));
}

#[tokio::test]
async fn a_gzip_bomb_is_stopped_at_the_decompressed_cap() {
    // 1 + 258 · 4,161,790 = 1,073,741,821 zero bytes (1 GiB − 3) from about 6.6 MB of gzip.
    const PAIRS: u64 = 4_161_790;
    const CRC_OF_THOSE_ZEROS: u32 = 0xa1e8_37cf;
    let server = serve(|mut c: Conn| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n";
        if c.write(head.as_bytes()).await.is_err() {
            return;
        }
        let mut bomb = ZeroBomb::new(PAIRS, CRC_OF_THOSE_ZEROS);
        loop {
            let piece = bomb.next_piece(16 * 1024);
            if piece.is_empty() || c.write(&piece).await.is_err() {
                break;
            }
        }
    })
    .await;
    let err = get(&client(), &server.url("/")).await.unwrap_err();
    let limit = quick_config().max_body;
    assert_eq!(err, FetchError::TooLarge { limit });
    assert_eq!(err.class(), "response too large");
    // The client stopped reading near the cap (~850 KB of gzip inflate to 16 MiB), long
    // before the 6.6 MB stream ended.
    let sent = server.written.load(Ordering::Relaxed);
    assert!(sent < 4 * 1024 * 1024, "server wrote {sent} bytes");
}

#[tokio::test]
async fn a_10_gib_content_length_is_refused_before_reading() {
    let server = serve(|mut c: Conn| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 10737418240\r\nConnection: close\r\n\r\n";
        let _ = c.write(head.as_bytes()).await;
        let _ = c.write(&[b'x'; 1024]).await;
        c.until_client_closes().await;
    })
    .await;
    let err = get(&client(), &server.url("/")).await.unwrap_err();
    assert_eq!(
        err,
        FetchError::TooLarge {
            limit: 16 * 1024 * 1024
        }
    );
    assert!(err.to_string().starts_with("response too large"), "{err}");
}

#[tokio::test]
async fn an_endless_chunked_body_is_cut_at_the_cap() {
    let server = serve(|mut c: Conn| async move {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        if c.write(head.as_bytes()).await.is_err() {
            return;
        }
        let data = vec![b'a'; 64 * 1024];
        let chunk = [b"10000\r\n".as_slice(), &data, b"\r\n"].concat();
        // At most 256 MiB: far past the cap, bounded in case the client never stops.
        for _ in 0..4096 {
            if c.write(&chunk).await.is_err() {
                break;
            }
        }
    })
    .await;
    let err = get(&client(), &server.url("/")).await.unwrap_err();
    assert_eq!(
        err,
        FetchError::TooLarge {
            limit: 16 * 1024 * 1024
        }
    );
    let sent = server.written.load(Ordering::Relaxed);
    assert!(sent < 48 * 1024 * 1024, "server wrote {sent} bytes");
}

#[tokio::test]
async fn a_small_cap_is_honoured_exactly() {
    let server = serve(|mut c: Conn| async move {
        c.respond("200 OK", &[], &[b'a'; 101]).await;
    })
    .await;
    let small = |max_body| {
        Client::new(FetchConfig {
            max_body,
            ..quick_config()
        })
        .unwrap()
    };
    assert_eq!(
        get(&small(100), &server.url("/")).await.unwrap_err(),
        FetchError::TooLarge { limit: 100 }
    );
    assert_eq!(
        body_of(get(&small(101), &server.url("/")).await.unwrap()).len(),
        101
    );
}

#[tokio::test]
async fn redirects_are_followed_to_the_final_url() {
    let server = serve(|mut c: Conn| async move {
        let n: u32 = c.path().trim_start_matches("/hop").parse().unwrap_or(0);
        if n < 3 {
            let next = format!("/hop{}", n + 1);
            c.respond("302 Found", &[("Location", &next)], b"").await;
        } else {
            c.respond("200 OK", &[], b"arrived").await;
        }
    })
    .await;
    let fetched = get(&client(), &server.url("/hop0")).await.unwrap();
    let Fetched::Modified {
        body, final_url, ..
    } = fetched
    else {
        panic!("expected a body");
    };
    assert_eq!(body, b"arrived");
    assert_eq!(final_url, server.url("/hop3"));
}

#[tokio::test]
async fn an_11_hop_chain_fails_after_at_most_5_redirects() {
    let server = serve(|mut c: Conn| async move {
        let n: u32 = c.path().trim_start_matches("/hop").parse().unwrap_or(0);
        if n < 11 {
            let next = format!("/hop{}", n + 1);
            c.respond("301 Moved Permanently", &[("Location", &next)], b"")
                .await;
        } else {
            c.respond("200 OK", &[], b"too far").await;
        }
    })
    .await;
    let err = get(&client(), &server.url("/hop0")).await.unwrap_err();
    assert_eq!(err, FetchError::TooManyRedirects);
    // The original request plus 5 redirects followed.
    assert_eq!(server.requests().len(), 6);
}

#[tokio::test]
async fn a_redirect_loop_fails_after_at_most_5_redirects() {
    let server = serve(|mut c: Conn| async move {
        let next = if c.path() == "/a" { "/b" } else { "/a" };
        c.respond("307 Temporary Redirect", &[("Location", next)], b"")
            .await;
    })
    .await;
    let err = get(&client(), &server.url("/a")).await.unwrap_err();
    assert_eq!(err, FetchError::TooManyRedirects);
    assert!(server.requests().len() <= 6);
}

#[tokio::test]
async fn an_api_key_is_never_carried_to_another_host() {
    let other = serve(|mut c: Conn| async move {
        c.respond("200 OK", &[], b"other host").await;
    })
    .await;
    // The same machine under another name: a different host as far as the policy knows.
    let other_base = format!("http://localhost:{}", other.addr.port());
    let base = other_base.clone();
    let first = serve(move |mut c: Conn| {
        let base = base.clone();
        async move {
            let target = if c.path().starts_with("/with-key") {
                format!("{base}/x?api-key=SECRET")
            } else {
                format!("{base}/x")
            };
            c.respond("302 Found", &[("Location", &target)], b"").await;
        }
    })
    .await;
    let err = get(&client(), &first.url("/with-key?api-key=SECRET"))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::InsecureRedirect(_)), "{err:?}");
    assert!(err.to_string().contains("API key"), "{err}");
    assert!(!err.to_string().contains("SECRET"), "{err}");
    assert!(other.requests().is_empty(), "{:?}", other.requests());

    // The control: the other host is reachable, and a redirect without the key goes there.
    let body = body_of(get(&client(), &first.url("/no-key")).await.unwrap());
    assert_eq!(body, b"other host");
    let seen = other.requests();
    assert_eq!(seen.len(), 1);
    assert!(seen.iter().all(|r| !r.contains("SECRET")));
}

#[tokio::test]
async fn etags_are_echoed_byte_for_byte_and_304_means_not_modified() {
    for etag in ["\"abc-123\"", "W/\"x\""] {
        let server = serve(move |mut c: Conn| async move {
            // The server compares byte for byte, as RFC 9110 asks for If-None-Match.
            if c.header("If-None-Match") == Some(etag) {
                c.respond("304 Not Modified", &[("Cache-Control", "max-age=15")], b"")
                    .await;
            } else {
                c.respond("200 OK", &[("ETag", etag)], b"v1").await;
            }
        })
        .await;
        let client = client();
        let url = server.url("/");
        let first = get(&client, &url).await.unwrap();
        let Fetched::Modified { validators, .. } = first else {
            panic!("expected a body");
        };
        assert_eq!(validators.etag.as_deref(), Some(etag));
        let second = client.get(&url, &validators).await.unwrap();
        assert_eq!(
            second,
            Fetched::NotModified {
                max_age: Some(Duration::from_secs(15))
            }
        );
        let requests = server.requests();
        assert!(
            requests[1].contains(&format!("if-none-match: {etag}\r\n")),
            "{}",
            requests[1]
        );
    }
}

#[tokio::test]
async fn last_modified_is_sent_back_as_if_modified_since() {
    const DATE: &str = "Wed, 13 Dec 2023 17:25:40 GMT";
    let server = serve(|mut c: Conn| async move {
        if c.header("If-Modified-Since") == Some(DATE) {
            c.respond("304 Not Modified", &[], b"").await;
        } else {
            c.respond("200 OK", &[("Last-Modified", DATE)], b"v1").await;
        }
    })
    .await;
    let client = client();
    let url = server.url("/");
    let Fetched::Modified { validators, .. } = get(&client, &url).await.unwrap() else {
        panic!("expected a body");
    };
    assert_eq!(validators.etag, None);
    assert_eq!(
        client.get(&url, &validators).await.unwrap(),
        Fetched::NotModified { max_age: None }
    );
}

#[tokio::test]
async fn error_statuses_are_errors_with_their_code() {
    for (status, code) in [("404 Not Found", 404), ("500 Internal Server Error", 500)] {
        let server = serve(move |mut c: Conn| async move {
            c.respond(
                status,
                &[("Content-Type", "text/html")],
                b"<html>oops</html>",
            )
            .await;
        })
        .await;
        let err = get(&client(), &server.url("/")).await.unwrap_err();
        assert_eq!(
            err,
            FetchError::Status {
                code,
                retry_after: None
            }
        );
        assert_eq!(err.class(), format!("HTTP {code}"));
    }
}

async fn retry_after_of(value: String) -> Option<Duration> {
    let server = serve(move |mut c: Conn| {
        let value = value.clone();
        async move {
            c.respond("429 Too Many Requests", &[("Retry-After", &value)], b"")
                .await;
        }
    })
    .await;
    match get(&client(), &server.url("/")).await.unwrap_err() {
        FetchError::Status {
            code: 429,
            retry_after,
        } => retry_after,
        other => panic!("expected a 429, got {other:?}"),
    }
}

#[tokio::test]
async fn retry_after_seconds_dates_and_hostile_values_are_read_safely() {
    assert_eq!(
        retry_after_of("120".into()).await,
        Some(Duration::from_secs(120))
    );
    let in_two_minutes =
        httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(120));
    let d = retry_after_of(in_two_minutes).await.unwrap();
    assert!(
        d <= Duration::from_secs(120) && d >= Duration::from_secs(100),
        "{d:?}"
    );
    let past = httpdate::fmt_http_date(std::time::SystemTime::now() - Duration::from_secs(600));
    assert_eq!(retry_after_of(past).await, Some(Duration::ZERO));
    assert_eq!(
        retry_after_of("999999999".into()).await,
        Some(Duration::from_secs(3600))
    );
    assert_eq!(retry_after_of("-5".into()).await, None);
    assert_eq!(retry_after_of("abc".into()).await, None);
}

#[tokio::test]
async fn a_429_with_an_empty_body_is_rate_limiting_not_a_parse_error() {
    let server = serve(|mut c: Conn| async move {
        c.respond("429 Too Many Requests", &[], b"").await;
    })
    .await;
    let url = server.url("/feed?api-key=SECRET");
    let err = fetch_blog(&client(), &url, &Validators::default())
        .await
        .unwrap_err();
    let SourceError::Fetch { error, .. } = &err else {
        panic!("expected a fetch error, got {err:?}");
    };
    assert!(error.is_rate_limited());
    assert_eq!(err.class(), "HTTP 429");
    let text = err.to_string();
    assert!(text.contains("rate limited"), "{text}");
    assert!(
        !text.contains("SECRET") && !text.contains("api-key"),
        "{text}"
    );
    assert_eq!(text, format!("\"{}\": {error}", server.url("/feed")));
}

#[tokio::test]
async fn a_502_html_page_on_a_feed_url_is_http_502_and_never_parsed() {
    let server = serve(|mut c: Conn| async move {
        let page = b"<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>";
        c.respond("502 Bad Gateway", &[("Content-Type", "text/html")], page)
            .await;
    })
    .await;
    let err = fetch_blog(&client(), &server.url("/rss"), &Validators::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            SourceError::Fetch {
                error: FetchError::Status { code: 502, .. },
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.class(), "HTTP 502");
}

#[tokio::test]
async fn a_closed_port_is_connection_refused() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let url = Url::parse(&format!("http://{addr}/")).unwrap();
    let err = get(&client(), &url).await.unwrap_err();
    assert_eq!(err, FetchError::Connect("connection refused".into()));
    assert_eq!(err.class(), "connection refused");
}

#[tokio::test]
async fn a_server_that_never_answers_hits_the_read_timeout() {
    let server = serve(|mut c: Conn| async move {
        c.until_client_closes().await;
    })
    .await;
    // The total timeout is beyond the test's own limit, so only the read timeout can end
    // this fetch in time.
    let client = Client::new(FetchConfig {
        read_timeout: Duration::from_millis(300),
        total_timeout: TEST_LIMIT * 3,
        ..quick_config()
    })
    .unwrap();
    let err = get(&client, &server.url("/")).await.unwrap_err();
    assert_eq!(err, FetchError::Timeout);
    assert_eq!(err.class(), "timeout");
}

#[tokio::test]
async fn a_drip_feed_hits_the_total_timeout() {
    let server = serve(|mut c: Conn| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n";
        if c.write(head.as_bytes()).await.is_err() {
            return;
        }
        // One byte every 50 ms: each read is well inside the read timeout.
        for _ in 0..400 {
            tokio::time::sleep(Duration::from_millis(50)).await;
            if c.write(b"x").await.is_err() {
                break;
            }
        }
    })
    .await;
    let client = Client::new(FetchConfig {
        read_timeout: Duration::from_secs(1),
        total_timeout: Duration::from_millis(1500),
        ..quick_config()
    })
    .unwrap();
    let err = get(&client, &server.url("/")).await.unwrap_err();
    assert_eq!(err, FetchError::Timeout);
    // Several drips got through: the body was flowing when the total timeout cut it.
    let head_len = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n".len();
    assert!(server.written.load(Ordering::Relaxed) >= head_len + 3);
}

#[tokio::test]
async fn a_connection_closed_before_any_answer_is_an_error() {
    let server = serve(|c: Conn| async move {
        drop(c);
    })
    .await;
    let err = get(&client(), &server.url("/")).await.unwrap_err();
    assert!(matches!(err, FetchError::Connect(_)), "{err:?}");
    assert_eq!(err.class(), "connection failed");
}

#[tokio::test]
async fn a_short_body_is_an_error_not_a_shorter_document() {
    let server = serve(|mut c: Conn| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n";
        let _ = c.write(head.as_bytes()).await;
        let _ = c.write(b"0123456789").await;
        let _ = c.stream.shutdown().await;
    })
    .await;
    let err = get(&client(), &server.url("/")).await.unwrap_err();
    assert!(matches!(err, FetchError::Body(_)), "{err:?}");
    assert_eq!(err.class(), "incomplete response");
}

#[tokio::test]
async fn a_reset_mid_body_is_an_error() {
    let server = serve(|mut c: Conn| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n";
        let _ = c.write(head.as_bytes()).await;
        let _ = c.write(&[b'x'; 1000]).await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        // Linger 0: closing sends RST instead of FIN.
        let _ = c.stream.set_zero_linger();
        drop(c);
    })
    .await;
    let err = get(&client(), &server.url("/")).await.unwrap_err();
    assert!(matches!(err, FetchError::Body(_)), "{err:?}");
}

#[tokio::test]
async fn a_corrupt_gzip_body_is_an_error() {
    let server = serve(|mut c: Conn| async move {
        c.respond(
            "200 OK",
            &[("Content-Encoding", "gzip")],
            b"not gzip at all",
        )
        .await;
    })
    .await;
    let err = get(&client(), &server.url("/")).await.unwrap_err();
    assert!(matches!(err, FetchError::Body(_)), "{err:?}");
}

#[tokio::test]
async fn a_declared_latin1_body_arrives_as_utf8() {
    let server = serve(|mut c: Conn| async move {
        c.respond(
            "200 OK",
            &[("Content-Type", "text/plain; charset=ISO-8859-1")],
            b"Caf\xe9 cr\xe8me\n",
        )
        .await;
    })
    .await;
    let body = body_of(get(&client(), &server.url("/")).await.unwrap());
    assert_eq!(String::from_utf8(body).unwrap(), "Café crème\n");
}

#[tokio::test]
async fn tls_to_a_server_that_does_not_speak_it_is_a_tls_error() {
    // A ClientHello has no blank line to end a "head", so this server reads whatever comes
    // first and answers in plain HTTP, as a misconfigured port would.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let Ok((mut stream, _)) = listener.accept().await else {
            return;
        };
        let mut buf = [0u8; 4096];
        let _ = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf)).await;
        let _ = stream
            .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            .await;
        let _ = stream.shutdown().await;
    });
    let url = Url::parse(&format!("https://{addr}/")).unwrap();
    let err = get(&client(), &url).await.unwrap_err();
    assert!(matches!(err, FetchError::Tls(_)), "{err:?}");
    assert_eq!(err.class(), "TLS");
    assert!(
        err.to_string().starts_with("secure connection failed: "),
        "{err}"
    );
}

#[tokio::test]
async fn only_http_and_https_are_fetched() {
    let url = Url::parse("file:///etc/passwd").unwrap();
    let err = get(&client(), &url).await.unwrap_err();
    assert!(matches!(err, FetchError::Invalid(_)), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// fetch_blog: the same document over HTTP and from disk parses the same.

async fn serve_file(bytes: Vec<u8>, gzip: bool) -> Server {
    let body = if gzip { gzip_stored(&bytes) } else { bytes };
    serve(move |mut c: Conn| {
        let body = body.clone();
        async move {
            let mut headers = vec![("ETag", "\"f1\""), ("Cache-Control", "max-age=5")];
            if gzip {
                headers.push(("Content-Encoding", "gzip"));
            }
            c.respond("200 OK", &headers, &body).await;
        }
    })
    .await
}

#[tokio::test]
async fn fixtures_served_over_http_parse_as_they_do_from_disk() {
    let files = [
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/paris-summit-2025-02-17.txt"
        ),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json"
        ),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/guardian-capi/capi-item-example-liveblog-code-2015.json"
        ),
    ];
    for path in files {
        let bytes = std::fs::read(path).unwrap();
        let from_disk = liveblog::formats::parse(&bytes);
        for gzip in [false, true] {
            let server = serve_file(bytes.clone(), gzip).await;
            let url = server.url("/blog");
            let over_http = fetch_blog(&client(), &url, &Validators::default()).await;
            match (over_http, &from_disk) {
                (
                    Ok(FetchOutcome::Updated {
                        blog,
                        validators,
                        max_age,
                        ..
                    }),
                    Ok(expected),
                ) => {
                    assert_eq!(*blog, *expected, "{path}");
                    assert_eq!(validators.etag.as_deref(), Some("\"f1\""));
                    assert_eq!(max_age, Some(Duration::from_secs(5)));
                }
                (Err(SourceError::Format { error, .. }), Err(expected)) => {
                    assert_eq!(&error, expected, "{path}");
                }
                (got, want) => panic!("{path}: over HTTP {got:?}, from disk {want:?}"),
            }
        }
    }
}

#[tokio::test]
async fn a_304_is_unchanged_and_never_parsed() {
    let server = serve(|mut c: Conn| async move {
        c.respond("304 Not Modified", &[("Cache-Control", "max-age=30")], b"")
            .await;
    })
    .await;
    let validators = Validators {
        etag: Some("\"f1\"".into()),
        last_modified: None,
    };
    let outcome = fetch_blog(&client(), &server.url("/"), &validators)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        FetchOutcome::Unchanged {
            max_age: Some(Duration::from_secs(30))
        }
    );
}

#[tokio::test]
async fn an_empty_200_is_a_parse_error_naming_the_source() {
    let server = serve(|mut c: Conn| async move {
        c.respond("200 OK", &[], b"").await;
    })
    .await;
    let err = fetch_blog(&client(), &server.url("/x?token=T"), &Validators::default())
        .await
        .unwrap_err();
    assert_eq!(err.class(), "parse");
    assert_eq!(
        err.to_string(),
        format!("\"{}\": empty document", server.url("/x"))
    );
}

#[tokio::test]
async fn an_absurdly_long_etag_is_not_kept() {
    let server = serve(|mut c: Conn| async move {
        let etag = format!("\"{}\"", "e".repeat(4000));
        c.respond("200 OK", &[("ETag", &etag)], b"x").await;
    })
    .await;
    let Fetched::Modified { validators, .. } = get(&client(), &server.url("/")).await.unwrap()
    else {
        panic!("expected a body");
    };
    assert_eq!(validators, Validators::default());
}

#[tokio::test]
async fn undeclared_bytes_reach_the_parser_untouched_and_binary_is_a_parse_error() {
    let server = serve(|mut c: Conn| async move {
        let body: &[u8] = match c.path() {
            "/bom" => b"\xEF\xBB\xBFTitle\n",
            "/stray" => b"Caf\xe9 news\n\nKey events\nThe caf\xe9 opened at nine this morning.\n",
            _ => b"Title\n\xff\xfe",
        };
        c.respond("200 OK", &[("Content-Type", "text/plain")], body)
            .await;
    })
    .await;
    let body = body_of(get(&client(), &server.url("/bom")).await.unwrap());
    assert_eq!(body, b"\xEF\xBB\xBFTitle\n");
    // A stray byte costs a replacement character, not the page.
    let FetchOutcome::Updated { blog, .. } =
        fetch_blog(&client(), &server.url("/stray"), &Validators::default())
            .await
            .unwrap()
    else {
        panic!("expected a blog");
    };
    assert_eq!(blog.title, "Caf\u{FFFD} news");
    let err = fetch_blog(&client(), &server.url("/bad"), &Validators::default())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SourceError::Format {
            url: server.url("/bad").to_string(),
            error: liveblog::formats::FormatError::NotText {
                bad: 2,
                len: 8,
                offset: 6,
                sample: "\\xff\\xfe".into(),
            },
        }
    );
}

// A self-signed certificate for localhost and 127.0.0.1, valid until 2126, made for this test
// alone with `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes
// -days 36500 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1
// -addext basicConstraints=critical,CA:FALSE -addext keyUsage=digitalSignature
// -addext extendedKeyUsage=serverAuth`: a proper server certificate that nobody vouches for.
// The key protects nothing.
const SELF_SIGNED_CERT: &str = "-----BEGIN CERTIFICATE-----
MIIBvDCCAWKgAwIBAgIUSGEoh7uf2F2elNS9+2X1THCsj+EwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNjA2MzQxNloYDzIxMjYxMTAy
MDYzNDE2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQpT0TzKmOr+PMOWbBqQ6ctmocCVTOoG+oykqVqweeLNx92ayytk1Im
fSpyu4EABc1DSKIgMgepguglNRP3pqoMo4GPMIGMMB0GA1UdDgQWBBQZTwQdZpOX
rVZxJUzCKmChDEihgDAfBgNVHSMEGDAWgBQZTwQdZpOXrVZxJUzCKmChDEihgDAa
BgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwDAYDVR0TAQH/BAIwADALBgNVHQ8E
BAMCB4AwEwYDVR0lBAwwCgYIKwYBBQUHAwEwCgYIKoZIzj0EAwIDSAAwRQIgQK7g
DLAoY6DkOPRE94QYaqldECOFhInxVnG7fEd0cxACIQC6pJ9Of/hhM9DbrPL+qfD/
muEJYvyEsJTiHxF+HaSi0g==
-----END CERTIFICATE-----
";
const SELF_SIGNED_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgUvuYdw7yfWVvPHhA
1sjamsN6KcFhOgFRZ1FQAoiliyShRANCAAQpT0TzKmOr+PMOWbBqQ6ctmocCVTOo
G+oykqVqweeLNx92ayytk1ImfSpyu4EABc1DSKIgMgepguglNRP3pqoM
-----END PRIVATE KEY-----
";

#[tokio::test]
async fn a_self_signed_certificate_is_a_tls_error_with_no_insecure_retry() {
    use tokio_rustls::rustls;
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let cert = CertificateDer::from_pem_slice(SELF_SIGNED_CERT.as_bytes()).unwrap();
    let key = PrivateKeyDer::from_pem_slice(SELF_SIGNED_KEY.as_bytes()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        for _ in 0..MAX_CONNECTIONS {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            counted.fetch_add(1, Ordering::Relaxed);
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                if let Ok(Ok(mut tls)) =
                    tokio::time::timeout(Duration::from_secs(5), acceptor.accept(stream)).await
                {
                    let _ = tls
                        .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                        .await;
                }
            });
        }
    });
    let url = Url::parse(&format!("https://localhost:{}/", addr.port())).unwrap();
    let err = get(&client(), &url).await.unwrap_err();
    assert!(matches!(err, FetchError::Tls(_)), "{err:?}");
    assert!(err.to_string().contains("certificate"), "{err}");
    assert_eq!(err.class(), "TLS");
    // One attempt, refused; never a second try without verification or over plain http.
    assert_eq!(connections.load(Ordering::Relaxed), 1);
}

/// How many files this process has open in `dir` (an unnamed one shows as
/// `dir/#1234 (deleted)`).
#[cfg(target_os = "linux")]
fn files_open_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter(|target| target.starts_with(dir))
        .count()
}

#[cfg(target_os = "linux")]
async fn until(what: &str, mut done: impl FnMut() -> bool) {
    tokio::time::timeout(Duration::from_secs(5), async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("waited 5 s for {what}"));
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_large_body_goes_on_in_a_file_gone_once_it_is_received_or_the_fetch_is_cancelled() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().canonicalize().unwrap().join("cache/liveblog");
    let body: Arc<Vec<u8>> = Arc::new((0..3_000_000u32).map(|i| (i % 251) as u8).collect());
    let release = Arc::new(tokio::sync::Notify::new());
    let (b, r) = (body.clone(), release.clone());
    // Two thirds of the body, then the rest once released.
    let server = serve(move |mut c: Conn| {
        let (b, r) = (b.clone(), r.clone());
        async move {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                b.len()
            );
            let _ = c.write(head.as_bytes()).await;
            let _ = c.write(&b[..2_000_000]).await;
            r.notified().await;
            let _ = c.write(&b[2_000_000..]).await;
            let _ = c.stream.shutdown().await;
        }
    })
    .await;
    let client = Client::new(FetchConfig {
        spill: Some(Spill {
            dir: dir.clone(),
            after: SPILL_AFTER,
        }),
        ..quick_config()
    })
    .unwrap();
    let fetch = || {
        let (client, url) = (client.clone(), server.url("/"));
        tokio::spawn(async move { get(&client, &url).await })
    };
    let whole = fetch();
    until("the body past 1 MiB to go to a file", || {
        files_open_in(&dir) == 1
    })
    .await;
    release.notify_one();
    let got = body_of(whole.await.unwrap().unwrap());
    assert!(got == *body, "the body came back different");
    assert_eq!(files_open_in(&dir), 0);
    let cancelled = fetch();
    until("the second body to go to a file", || {
        files_open_in(&dir) == 1
    })
    .await;
    cancelled.abort();
    assert!(cancelled.await.unwrap_err().is_cancelled());
    assert_eq!(files_open_in(&dir), 0);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    release.notify_one();
}
