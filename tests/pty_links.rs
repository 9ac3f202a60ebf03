//! The reader in a real pseudo-terminal on pages whose live data is elsewhere: the replay's
//! index page (a rel=alternate link) and its WordPress post page (the Liveblog plugin's API)
//! open, show the blog and say in the status bar which address is read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;

use common::{Scratch, Term};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const SIZE: (u16, u16) = (140, 30);

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/paris-summit-2025-02-17.txt"
);

/// A `liveblog serve` process and the URLs it printed; killed when dropped.
struct Replay {
    child: Child,
    urls: Vec<(String, String)>,
}

impl Replay {
    fn start(scratch: &Scratch) -> Self {
        let mut cmd = Command::new(common::bin());
        cmd.args(["serve", SEED, "--pace", "3"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in scratch.env() {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start the replay server");
        let out = child.stdout.take().unwrap();
        let mut urls = Vec::new();
        for line in BufReader::new(out).lines() {
            let line = line.unwrap();
            let mut words = line.split_whitespace();
            if let (Some(name), Some(url)) = (words.next(), words.next())
                && url.starts_with("http://")
            {
                urls.push((name.to_string(), url.to_string()));
                if name == "wordpress" {
                    break;
                }
            }
        }
        Self { child, urls }
    }

    fn url(&self, name: &str) -> String {
        self.urls.iter().find(|(n, _)| n == name).map_or_else(
            || panic!("no {name} URL in {:?}", self.urls),
            |(_, u)| u.clone(),
        )
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_reader_opens_the_replay_index_and_its_wordpress_page_through_their_links() {
    let scratch = Scratch::new("links");
    let replay = Replay::start(&scratch);
    for (page, via) in [
        ("index", "/liveblog.json"),
        ("wordpress", "/wp-json/liveblog/v1/1/"),
    ] {
        let url = replay.url(page);
        let mut t = Term::spawn(&scratch, &[&url, "--interval", "5"], &[], SIZE);
        // The first entry of the replay, and the address read, in the status bar.
        t.wait_text("Security guarantees for Ukraine");
        t.wait_for("the address followed", |s| {
            common::row_text(s, SIZE.1 - 1).contains(via)
        });
        t.send("q");
        t.wait_exit();
    }
}
