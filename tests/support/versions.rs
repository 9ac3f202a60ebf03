//! A server that answers each request with the next version of a blog (the last one repeats):
//! a live blog whose changes a test writes down in advance.

/// Serves `versions` in turn on 127.0.0.1 and returns the URL. Whatever the format, the path is
/// `/blog.json`: liveblog recognises a format from the content, never from the name.
pub fn versions_server(versions: Vec<String>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/blog.json", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().take(50).enumerate() {
            let Ok(mut s) = stream else { return };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let body = &versions[n.min(versions.len() - 1)];
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = s.write_all(reply.as_bytes());
        }
    });
    url
}
