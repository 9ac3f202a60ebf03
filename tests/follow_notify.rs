//! `follow --notify` end to end: a refresh that brings a key event rings the terminal once,
//! on standard error and only when it is a terminal (standard output stays data); without
//! `--notify`, `--alert` or `--on-alert` on the command line follow is silent whatever the
//! config says; `--on-alert` alone asks for alerts, and gets them either way.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/versions.rs"]
mod versions;

use liveblog::blog::{Block, Entry, LiveBlog, LiveState};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use versions::versions_server;

/// How an alert starts on the terminal: the bell, then OSC 9.
const ALERT: &[u8] = b"\x07\x1b]9;";

fn entry(id: &str, key: bool) -> Entry {
    Entry {
        id: id.into(),
        title: Some(format!("Entry {id}")),
        key_event: key,
        body: vec![Block::text(format!("Text of {id}."))],
        ..Entry::default()
    }
}

/// A blog that, on its first refresh, brings a key event and another entry, and ends.
fn server() -> String {
    let version = |ids: &[(&str, bool)], state| {
        liveblog::formats::native::to_json(&LiveBlog {
            title: "Summit".into(),
            state,
            entries: ids.iter().map(|(i, k)| entry(i, *k)).collect(),
            ..LiveBlog::default()
        })
    };
    versions_server(vec![
        version(&[("b", false), ("a", false)], LiveState::Live),
        version(
            &[("d", true), ("c", false), ("b", false), ("a", false)],
            LiveState::Ended,
        ),
    ])
}

/// Homes in `dir`, and a config file that asks the reader to ring on everything.
fn homes(dir: &Path) -> Vec<(String, String)> {
    let config = dir.join("config/liveblog");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "notify = \"all\"\n").unwrap();
    let at = |p: &str| dir.join(p).to_string_lossy().into_owned();
    vec![
        ("HOME".into(), at("")),
        ("XDG_CONFIG_HOME".into(), at("config")),
        ("XDG_CACHE_HOME".into(), at("cache")),
        ("XDG_STATE_HOME".into(), at("state")),
    ]
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Runs `liveblog follow URL --format jsonl --interval 5 EXTRA…` with standard error on a
/// pseudo-terminal and standard output into a file; returns the exit status, everything the
/// terminal received and the file.
fn follow_in_a_terminal(dir: &Path, url: &str, extra: &[&str]) -> (u32, Vec<u8>, Vec<u8>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let out = dir.join("stdout.jsonl");
    let mut cmd = CommandBuilder::new("/bin/sh");
    cmd.args(["-c", "exec \"$0\" \"$@\" > \"$FOLLOW_OUT\""]);
    cmd.arg(env!("CARGO_BIN_EXE_liveblog"));
    cmd.args(["follow", url, "--format", "jsonl", "--interval", "5"]);
    cmd.args(extra);
    cmd.cwd(dir);
    for (k, v) in homes(dir) {
        cmd.env(k, v);
    }
    cmd.env("FOLLOW_OUT", &out);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("VTE_VERSION");
    cmd.env_remove("LIVEBLOG_LOG");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let collected = std::thread::spawn(move || {
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        // An error is the pty's end once the program and its children are gone.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        raw
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(40) {
            let _ = child.kill();
            panic!("follow did not exit when the blog ended");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    drop(pair.master);
    let raw = collected.join().unwrap();
    (status.exit_code(), raw, std::fs::read(&out).unwrap())
}

fn ids(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect()
}

#[test]
fn a_refresh_with_a_key_event_rings_once_on_a_terminal_stderr_and_never_into_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let (code, tty, stdout) =
        follow_in_a_terminal(dir.path(), &server(), &["--notify", "key-events"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&tty));
    assert_eq!(count(&tty, ALERT), 1, "{}", tty.escape_ascii());
    // The bell and the notification's terminator, nothing else.
    assert_eq!(count(&tty, b"\x07"), 2, "{}", tty.escape_ascii());
    let text = String::from_utf8_lossy(&tty);
    assert!(
        text.contains("\x1b]9;Summit: 2 new, 1 key event — Entry d\x07"),
        "{}",
        tty.escape_ascii()
    );
    assert!(
        !text.contains("]777;"),
        "no OSC 777 unless the terminal says it shows it"
    );
    assert!(!stdout.contains(&0x07), "stdout is data");
    assert_eq!(ids(&stdout), ["\"a\"", "\"b\"", "\"c\"", "\"d\""]);
}

#[test]
fn without_notify_on_its_command_line_follow_is_silent_whatever_the_config_says() {
    let dir = tempfile::tempdir().unwrap();
    let (code, tty, stdout) = follow_in_a_terminal(dir.path(), &server(), &[]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&tty));
    assert!(!tty.contains(&0x07), "{}", tty.escape_ascii());
    assert_eq!(ids(&stdout).len(), 4);
}

#[test]
fn a_piped_stderr_gets_no_bell_but_the_on_alert_program_gets_the_alert() {
    // `--on-alert` alone asks for alerts: key events and keywords, as `--notify key-events`.
    let dir = tempfile::tempdir().unwrap();
    let alerts = dir.path().join("alerts.jsonl");
    let hook = dir.path().join("hook.sh");
    std::fs::write(&hook, format!("cat >> '{}'\n", alerts.display())).unwrap();
    let on_alert = format!("/bin/sh {}", hook.display());
    let url = server();
    let out = Command::new(env!("CARGO_BIN_EXE_liveblog"))
        .args(["follow", &url, "--format", "jsonl", "--interval", "5"])
        .args(["--on-alert", &on_alert])
        .envs(homes(dir.path()))
        .env_remove("LIVEBLOG_LOG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!out.stderr.contains(&0x07), "{}", out.stderr.escape_ascii());
    assert!(!out.stdout.contains(&0x07));
    // Waited for before follow exits, so it is there now: one alert, as JSON.
    let got = std::fs::read_to_string(&alerts).unwrap();
    assert_eq!(got.lines().count(), 1, "{got}");
    let v: serde_json::Value = serde_json::from_str(got.trim()).unwrap();
    assert_eq!(v["liveblog_alert"], 1);
    assert_eq!(
        (v["new"].as_u64(), v["key_events"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(v["entry_id"], "d");
}
