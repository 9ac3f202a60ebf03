//! Small pieces of the hand-written test servers, shared by the HTTP tests.

use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// Reads a request head (up to the blank line), bounded in size and time; `None` if the
/// client left first.
pub async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    tokio::time::timeout(Duration::from_secs(5), async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
            let n = stream.read(&mut buf).await.ok()?;
            if n == 0 {
                return None;
            }
            head.extend_from_slice(&buf[..n]);
        }
        Some(())
    })
    .await
    .ok()??;
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// One request a [`recording_proxy`] passed on.
#[derive(Debug, Clone)]
#[allow(dead_code)] // each test file reads the parts it checks
pub struct Request {
    /// The request line: `GET /path?query HTTP/1.1`.
    pub line: String,
    /// The path and query asked for.
    pub target: String,
    pub if_modified_since: Option<String>,
}

/// What a [`recording_proxy`] was asked, in order.
pub type Recorded = std::sync::Arc<std::sync::Mutex<Vec<Request>>>;

/// A proxy on 127.0.0.1 in front of `upstream` (`host:port`) that records each request and
/// passes it on unchanged, headers and all, one connection per request. Returns the proxy's
/// `host:port` and the record.
#[allow(dead_code)] // not every test file that shares this module runs a proxy
pub async fn recording_proxy(upstream: String) -> (String, Recorded) {
    use tokio::io::AsyncWriteExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let recorded = Recorded::default();
    let record = recorded.clone();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let (upstream, record) = (upstream.clone(), record.clone());
            tokio::spawn(async move {
                let Some(head) = read_head(&mut client).await else {
                    return;
                };
                let line = head.lines().next().unwrap_or("").to_string();
                let target = line.split(' ').nth(1).unwrap_or("/").to_string();
                let if_modified_since = head.lines().find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("if-modified-since")
                        .then(|| v.trim().to_string())
                });
                record.lock().unwrap().push(Request {
                    line,
                    target,
                    if_modified_since,
                });
                // One request per connection: the proxy closes after the answer.
                let head = head.replacen("\r\n", "\r\nConnection: close\r\n", 1);
                let Ok(mut server) = TcpStream::connect(&upstream).await else {
                    return;
                };
                if server.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let mut answer = Vec::new();
                let _ = server.read_to_end(&mut answer).await;
                let _ = client.write_all(&answer).await;
                let _ = client.shutdown().await;
            });
        }
    });
    (addr, recorded)
}
