//! The reader in a real pseudo-terminal on the HTML and AMP pages of a paged replay
//! (`liveblog serve --page-size`): `L` loads the older page the page names with
//! `<link rel="next">` and shows its entries below the others, as history, not as new.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;

use common::{SEED_FILE as SEED, Scratch, Term};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const SIZE: (u16, u16) = (140, 60);

/// The oldest entry of the bundled blog: on the replay's second page at the start.
const OLDEST: &str = "France’s Macron spoke with US president Trump";

/// `liveblog serve --page-size 2` of the bundled blog, killed when dropped, and the URLs it
/// prints by format name.
struct PagedReplay(std::process::Child, Vec<(String, String)>);

impl PagedReplay {
    fn start(scratch: &Scratch) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_liveblog"));
        cmd.args(["serve", SEED, "--pace", "1", "--page-size", "2"])
            .envs(scratch.env())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().unwrap();
        let mut urls = Vec::new();
        for line in BufReader::new(child.stdout.take().unwrap()).lines() {
            let Ok(line) = line else { break };
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
        Self(child, urls)
    }

    fn url(&self, name: &str) -> &str {
        &self.1.iter().find(|(n, _)| n == name).unwrap().1
    }
}

impl Drop for PagedReplay {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn l_loads_the_older_page_an_html_or_amp_page_names_below_the_others() {
    let scratch = Scratch::new("older-pages");
    let replay = PagedReplay::start(&scratch);
    for name in ["html", "amp"] {
        let mut t = Term::spawn(&scratch, &[replay.url(name), "--interval", "60"], &[], SIZE);
        t.wait_text("European leaders arrive at Élysée");
        assert!(
            !t.contents().contains(OLDEST),
            "{name}: only the first page at first"
        );
        t.send("L");
        t.wait_text(OLDEST);
        let screen = t.contents();
        let below = screen.find(OLDEST).unwrap() > screen.find("European leaders arrive").unwrap();
        assert!(below, "{name}: the older page below the first\n{screen}");
        let bar = t.row(SIZE.1 - 1);
        assert!(!bar.contains("new"), "{name}: history is not news: {bar}");
        t.send("q");
        assert_eq!(t.wait_exit(), 0);
    }
}
