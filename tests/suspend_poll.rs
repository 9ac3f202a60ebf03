//! A follower stopped for several poll intervals (a sleeping laptop, `kill -STOP`) makes
//! exactly one catch-up request when it resumes, never a burst.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "support/home.rs"]
mod home;

#[test]
fn a_stopped_follower_catches_up_with_one_request() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/blog.txt", listener.local_addr().unwrap());
    let hits: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let seen = hits.clone();
    std::thread::spawn(move || {
        let body = "Quiet blog\nNothing happens\nKey events\n\nOne entry.\n";
        for stream in listener.incoming().take(50) {
            let Ok(mut s) = stream else { return };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            seen.lock().unwrap().push(Instant::now());
            let reply = format!(
                "HTTP/1.1 200 OK\r\nETag: \"same\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = s.write_all(reply.as_bytes());
        }
    });
    let home = home::Home::new("suspend");
    let mut child = home
        .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
        .args(["follow", &url, "--interval", "5"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = nix::unistd::Pid::from_raw(i32::try_from(child.id()).unwrap());
    let wait_hits = |n: usize| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while hits.lock().unwrap().len() < n {
            assert!(
                Instant::now() < deadline,
                "only {} requests",
                hits.lock().unwrap().len()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    // The first fetch, then the first poll five seconds later: following has begun.
    wait_hits(2);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGSTOP).unwrap();
    std::thread::sleep(Duration::from_secs(12)); // more than two intervals missed
    let before = hits.lock().unwrap().len();
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGCONT).unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let after = hits.lock().unwrap().len();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        after - before,
        1,
        "one catch-up request after the stop, not one per missed interval"
    );
}
