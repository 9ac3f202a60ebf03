//! NET-SOAK: many polls through rotating faults must not leak file descriptors or memory. A
//! separate test binary, so no other test's sockets muddy the counts.
//!
//! The short soak runs with `cargo test`. The full one (1,000 polls, gzip bombs, endless and
//! oversized bodies, the production 16 MiB cap) is ignored by default and prints what it
//! measures:
//!
//! ```text
//! cargo test --release --test net_soak -- --ignored --nocapture
//! ```

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use liveblog::net::{
    Client, FetchConfig, FetchError, SPILL_AFTER, SourceError, Spill, Validators, fetch_blog,
};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use url::Url;

#[path = "support/gzip.rs"]
mod gzip;
#[path = "support/http.rs"]
mod http;
use gzip::{ZeroBomb, gzip_stored};
use http::read_head;

const CYCLES: usize = 300;
const FAULTS: usize = 7;

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

/// Answers connection `i` with fault `i % FAULTS`, for at most `CYCLES + 10` connections.
async fn fault_server() -> Url {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        for i in 0..CYCLES + 10 {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await;
                let close = "Connection: close\r\n";
                let reply: Vec<u8> = match i % FAULTS {
                    0 => format!(
                        "HTTP/1.1 200 OK\r\n{close}Content-Length: 12\r\n\r\nTitle\n\nBody\n"
                    )
                    .into_bytes(),
                    1 => format!("HTTP/1.1 503 Busy\r\n{close}Content-Length: 0\r\n\r\n")
                        .into_bytes(),
                    2 => format!("HTTP/1.1 200 OK\r\n{close}Content-Length: 100\r\n\r\nshort")
                        .into_bytes(),
                    3 => {
                        format!("HTTP/1.1 429 Slow\r\n{close}Retry-After: abc\r\n\r\n").into_bytes()
                    }
                    4 => format!("HTTP/1.1 200 OK\r\n{close}Content-Length: 99999999\r\n\r\n")
                        .into_bytes(),
                    5 => format!("HTTP/1.1 304 Not Modified\r\n{close}\r\n").into_bytes(),
                    _ => Vec::new(), // closed without an answer
                };
                let _ = s.write_all(&reply).await;
                if i % FAULTS == 2 {
                    let _ = s.set_zero_linger();
                }
                let _ = s.shutdown().await;
            });
        }
    });
    Url::parse(&format!("http://{addr}/")).unwrap()
}

#[tokio::test]
async fn hundreds_of_faulty_polls_leak_neither_descriptors_nor_memory() {
    let url = fault_server().await;
    let client = Client::new(FetchConfig {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(3),
        total_timeout: Duration::from_secs(5),
        max_body: 64 * 1024,
        ..FetchConfig::default()
    })
    .unwrap();
    let validators = Validators {
        etag: Some("\"v\"".into()),
        last_modified: None,
    };
    let mut outcomes = [0usize; 3];
    let mut baseline = None;
    for i in 0..CYCLES {
        if i == 2 * FAULTS {
            // After warm-up: the runtime's threads and the client's resources exist by now.
            baseline = Some((open_fds(), resident_bytes()));
        }
        let result = tokio::time::timeout(
            Duration::from_secs(10),
            fetch_blog(&client, &url, &validators),
        )
        .await
        .expect("each poll ends within its time limit");
        match result {
            Ok(_) => outcomes[0] += 1,
            Err(e) if e.class() == FetchError::TooLarge { limit: 0 }.class() => outcomes[1] += 1,
            Err(_) => outcomes[2] += 1,
        }
    }
    // Every fault was met: successes (200 and 304), the size cap, and the other errors.
    assert!(
        outcomes.iter().all(|&n| n >= CYCLES / FAULTS - 1),
        "{outcomes:?}"
    );
    let (fds, rss) = baseline.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (fds_after, rss_after) = (open_fds(), resident_bytes());
    assert!(
        fds_after <= fds + 4,
        "descriptors: {fds} before, {fds_after} after"
    );
    assert!(
        rss_after < rss + 10 * 1024 * 1024,
        "resident memory: {rss} before, {rss_after} after"
    );
}

// ---------------------------------------------------------------------------------------------
// The full soak: `cargo test --release --test net_soak -- --ignored --nocapture`.

const SOAK_POLLS: usize = 1000;

/// A real blog to serve: the Guardian page JSON fixture (292 KiB).
const BLOG: &[u8] =
    include_bytes!("fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json");

/// The faults served in turn, one per poll, chosen by the request path.
const SOAK_FAULTS: &[&str] = &[
    "blog",
    "gzip-bomb",
    "gzip-blog",
    "503",
    "endless-chunked",
    "short",
    "429",
    "304",
    "huge-length",
    "reset",
    "binary",
    "gzip-bomb-with-length",
];

/// A figure from `/proc/self/status` (`VmRSS`, `VmHWM`), in bytes.
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))
        .unwrap();
    let kib: u64 = line[field.len() + 1..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    kib * 1024
}

fn mib(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let m = bytes as f64 / (1024.0 * 1024.0);
    format!("{m:.1} MiB")
}

/// The path of a request, or `None` if the client left.
async fn request_path(s: &mut tokio::net::TcpStream) -> Option<String> {
    let head = read_head(s).await?;
    Some(head.split(' ').nth(1)?.trim_start_matches('/').to_string())
}

/// Serves `fault` on one connection. Every loop is bounded in bytes; a write error (the client
/// gave up at its cap) ends it.
async fn serve_fault(s: &mut tokio::net::TcpStream, fault: &str, gz_blog: &[u8]) {
    let close = "Connection: close\r\n";
    let ok = |extra: &str, len: usize| {
        format!("HTTP/1.1 200 OK\r\n{close}{extra}Content-Length: {len}\r\n\r\n").into_bytes()
    };
    match fault {
        "blog" => {
            let _ = s.write_all(&ok("ETag: \"v1\"\r\n", BLOG.len())).await;
            let _ = s.write_all(BLOG).await;
        }
        "gzip-blog" => {
            let _ = s
                .write_all(&ok("Content-Encoding: gzip\r\n", gz_blog.len()))
                .await;
            let _ = s.write_all(gz_blog).await;
        }
        "gzip-bomb" | "gzip-bomb-with-length" => {
            // 1 GiB of zeros, about 6.6 MB of gzip, sent only as fast as the client reads.
            const PAIRS: u64 = 4_161_790;
            const CRC_OF_THOSE_ZEROS: u32 = 0xa1e8_37cf;
            let head = if fault == "gzip-bomb" {
                format!("HTTP/1.1 200 OK\r\n{close}Content-Encoding: gzip\r\n\r\n").into_bytes()
            } else {
                // Header, 3 + 8 bits, 13 bits a pair, 7 bits to end the block, the trailer.
                let bits = 11 + 13 * PAIRS + 7;
                ok(
                    "Content-Encoding: gzip\r\n",
                    usize::try_from(10 + bits.div_ceil(8) + 8).unwrap(),
                )
            };
            if s.write_all(&head).await.is_err() {
                return;
            }
            let mut bomb = ZeroBomb::new(PAIRS, CRC_OF_THOSE_ZEROS);
            loop {
                let piece = bomb.next_piece(16 * 1024);
                if piece.is_empty() || s.write_all(&piece).await.is_err() {
                    break;
                }
            }
        }
        "endless-chunked" => {
            let head = format!("HTTP/1.1 200 OK\r\n{close}Transfer-Encoding: chunked\r\n\r\n");
            if s.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = [b"10000\r\n".as_slice(), &vec![b'a'; 0x10000], b"\r\n"].concat();
            for _ in 0..1024 {
                if s.write_all(&chunk).await.is_err() {
                    break;
                }
            }
        }
        "503" => {
            let head = format!("HTTP/1.1 503 Busy\r\n{close}Content-Length: 0\r\n\r\n");
            let _ = s.write_all(head.as_bytes()).await;
        }
        "short" => {
            let _ = s.write_all(&ok("", 100)).await;
            let _ = s.write_all(b"Title\n\nBo").await;
        }
        "429" => {
            let head = format!("HTTP/1.1 429 Slow\r\n{close}Retry-After: abc\r\n\r\n");
            let _ = s.write_all(head.as_bytes()).await;
        }
        "304" => {
            let head = format!("HTTP/1.1 304 Not Modified\r\n{close}\r\n");
            let _ = s.write_all(head.as_bytes()).await;
        }
        "huge-length" => {
            let _ = s.write_all(&ok("", 10 << 30)).await;
            let _ = s.write_all(&[b'x'; 4096]).await;
        }
        "reset" => {
            let _ = s.write_all(&ok("", BLOG.len())).await;
            let _ = s.write_all(&BLOG[..BLOG.len() / 2]).await;
            let _ = s.set_zero_linger();
            return;
        }
        _ => {
            // Binary: high-entropy bytes after a text-like start.
            let mut rng = fastrand::Rng::with_seed(5);
            let mut body = b"Title\n".to_vec();
            body.extend((0..64 * 1024).map(|_| rng.u8(..)));
            let _ = s.write_all(&ok("", body.len())).await;
            let _ = s.write_all(&body).await;
        }
    }
    let _ = s.shutdown().await;
}

/// A server on 127.0.0.1 that answers `/<fault>` with that fault, for a bounded number of
/// connections.
async fn soak_server(connections: usize) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let gz_blog: &'static [u8] = Box::leak(gzip_stored(BLOG).into_boxed_slice());
    tokio::spawn(async move {
        for _ in 0..connections {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                if let Some(fault) = request_path(&mut s).await {
                    serve_fault(&mut s, &fault, gz_blog).await;
                }
            });
        }
    });
    addr
}

/// Resets the process's resident high-water mark (`VmHWM`), so the next reading is the peak of
/// what ran since.
fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
}

/// What a poll of `fault` must end in: the error class, or `"ok"`.
fn expected_class(fault: &str) -> &'static str {
    match fault {
        "blog" | "gzip-blog" | "304" => "ok",
        "gzip-bomb" | "gzip-bomb-with-length" | "endless-chunked" | "huge-length" => {
            "response too large"
        }
        "503" => "HTTP 503",
        "429" => "HTTP 429",
        "binary" => "parse",
        _ => "incomplete response",
    }
}

/// The production limits, but for the timeouts (no fault here is a silent server) and the
/// cache directory that what goes on past a body's first MiB is kept in: `spill_dir`, as
/// `$XDG_CACHE_HOME/liveblog` would be. `SOAK_NO_SPILL=1` keeps every body in memory instead,
/// to compare.
fn soak_client(spill_dir: &std::path::Path) -> Client {
    let spill = std::env::var_os("SOAK_NO_SPILL").is_none().then(|| Spill {
        dir: spill_dir.to_path_buf(),
        after: SPILL_AFTER,
    });
    Client::new(FetchConfig {
        total_timeout: Duration::from_secs(20),
        spill,
        ..FetchConfig::default()
    })
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a soak of 1,000 polls (seconds in a release build); run with --release --ignored --nocapture"]
async fn a_thousand_polls_through_rotating_faults_keep_memory_bounded() {
    let start_rss = status_bytes("VmRSS");
    let addr = soak_server(SOAK_POLLS + 10).await;
    let cache = tempfile::tempdir().unwrap();
    let client = soak_client(&cache.path().join("liveblog"));
    let no_validators = Validators::default();
    // `SOAK_FAULTS=gzip-bomb,blog` narrows the rotation, to see what one fault costs.
    let only = std::env::var("SOAK_FAULTS").unwrap_or_default();
    let faults: Vec<&str> = SOAK_FAULTS
        .iter()
        .copied()
        .filter(|f| only.is_empty() || only.split(',').any(|o| o == *f))
        .collect();
    // `SOAK_PER_FAULT=1` also measures each poll's own peak above the resident size it began
    // at, to name the fault that sets the peak. That resets the high-water mark before each
    // poll, so the run's peak is then the highest of the polls' peaks.
    let per_fault = std::env::var_os("SOAK_PER_FAULT").is_some();
    let mut rises = vec![0u64; faults.len()];
    let mut polls_peak = 0;
    let started = Instant::now();
    let mut warm = None;
    for i in 0..SOAK_POLLS {
        if i == faults.len() {
            warm = Some((open_fds(), status_bytes("VmRSS")));
        }
        let fault = faults[i % faults.len()];
        let before = if per_fault {
            reset_peak();
            status_bytes("VmRSS")
        } else {
            0
        };
        let url = Url::parse(&format!("http://{addr}/{fault}")).unwrap();
        let result = tokio::time::timeout(
            Duration::from_secs(30),
            fetch_blog(&client, &url, &no_validators),
        )
        .await
        .expect("each poll ends within its time limit");
        let class = match &result {
            Ok(_) => "ok",
            Err(SourceError::Fetch { error, .. }) => error.class(),
            Err(SourceError::Format { .. }) => "parse",
        };
        if per_fault {
            let peak = status_bytes("VmHWM");
            polls_peak = polls_peak.max(peak);
            let rise = &mut rises[i % faults.len()];
            *rise = (*rise).max(peak.saturating_sub(before));
        }
        assert_eq!(
            class,
            expected_class(fault),
            "poll {i} ({fault}): {result:?}"
        );
        if (i + 1) % 100 == 0 {
            println!(
                "poll {:>4}: RSS {}, peak {}",
                i + 1,
                mib(status_bytes("VmRSS")),
                mib(status_bytes("VmHWM").max(polls_peak))
            );
        }
    }
    let elapsed = started.elapsed();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (warm_fds, warm_rss) = warm.unwrap();
    let (end_fds, end_rss) = (open_fds(), status_bytes("VmRSS"));
    let peak = status_bytes("VmHWM").max(polls_peak);
    if per_fault {
        for (fault, rise) in faults.iter().zip(&rises) {
            println!(
                "{fault:>22}: at most {} above the resident size before it",
                mib(*rise)
            );
        }
    }
    println!(
        "{SOAK_POLLS} polls in {:.1} s through {} faults ({} gzip bombs of 1 GiB), blog {}",
        elapsed.as_secs_f64(),
        faults.len(),
        (0..SOAK_POLLS)
            .filter(|i| faults[i % faults.len()].starts_with("gzip-bomb"))
            .count(),
        mib(BLOG.len() as u64),
    );
    println!(
        "RSS: start {}, after warm-up {}, peak {}, end {}; growth after warm-up {}",
        mib(start_rss),
        mib(warm_rss),
        mib(peak),
        mib(end_rss),
        mib(end_rss.saturating_sub(warm_rss)),
    );
    println!("file descriptors: {warm_fds} after warm-up, {end_fds} at the end");
    assert!(
        end_fds <= warm_fds + 4,
        "descriptors: {warm_fds} → {end_fds}"
    );
    // The endless body went on in a file (the directory is made for the first), and no file
    // is left there.
    let spilled = cache.path().join("liveblog");
    let spilling = client.config().spill.is_some();
    assert!(spilled.is_dir() || !spilling || !faults.contains(&"endless-chunked"));
    assert_eq!(std::fs::read_dir(&spilled).map_or(0, Iterator::count), 0);
}
