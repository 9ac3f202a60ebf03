//! A source down at the start that comes back: a server on 127.0.0.1 whose first answer is a
//! 503 and whose later ones are what the test gives for each path.

/// Serves on 127.0.0.1 (20 requests at most) and returns its base address,
/// `http://127.0.0.1:PORT`. `answer` gives the content type and body for a request's path.
pub fn down_once_server(
    answer: impl Fn(&str) -> (&'static str, String) + Send + 'static,
) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().take(20).enumerate() {
            let Ok(mut s) = stream else { return };
            let mut buf = [0u8; 4096];
            let got = s.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..got]);
            let path = head.split(' ').nth(1).unwrap_or("/").to_string();
            let reply = if n == 0 {
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string()
            } else {
                let (ty, body) = answer(&path);
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {ty}\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                )
            };
            let _ = s.write_all(reply.as_bytes());
        }
    });
    base
}
