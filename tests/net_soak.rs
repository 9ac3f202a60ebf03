//! NET-SOAK, shortened: many polls through rotating faults must not leak file descriptors or
//! memory. A separate test binary, so no other test's sockets muddy the counts.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use liveblog::net::{Client, FetchConfig, FetchError, Validators, fetch_blog};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use url::Url;

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
