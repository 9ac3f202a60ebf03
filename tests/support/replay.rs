//! A `liveblog serve` process for the tests that run the reader against it: started on a free
//! loopback port, its URLs read from what it prints, killed when dropped.
#![allow(dead_code)] // each test file starts the replay the one way it needs

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct Replay {
    child: Child,
    urls: Vec<(String, String)>,
}

impl Replay {
    /// Serves `file` at `--pace 3` with the environment `env` (the test's own home).
    pub fn start(file: &str, env: &[(String, String)]) -> Self {
        Self::start_with(file, &["--pace", "3"], env)
    }

    /// Serves `file` with the options `args` (`--pace 1 --page-size 2`) and the environment
    /// `env`.
    pub fn start_with(file: &str, args: &[&str], env: &[(String, String)]) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_liveblog"));
        cmd.args(["serve", file])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start the replay server");
        let out = child.stdout.take().expect("the replay's output");
        let mut urls = Vec::new();
        // One line per format, `name url`; the WordPress post page is the last.
        for line in BufReader::new(out).lines() {
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
        Self { child, urls }
    }

    /// The URL of one format, by the name the replay prints.
    pub fn url(&self, name: &str) -> String {
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
