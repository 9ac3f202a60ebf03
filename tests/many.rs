//! Several blogs of one event, through the real binary: `dump`, `follow` and the reader's
//! text output merge them newest first, each entry naming its blog; a source that cannot be
//! opened, or is named twice, is one line on stderr and the others still print.
#![expect(clippy::unwrap_used, reason = "test helpers stop where a step fails")]

#[path = "support/home.rs"]
mod home;
#[path = "support/scratch.rs"]
mod support;
#[path = "support/versions.rs"]
mod versions;

use liveblog::blog::{Block, Entry, LiveBlog, LiveState, Stamp, timeline};
use liveblog::serve::writers::{self, Site};
use liveblog::serve::{ReplayOptions, Timeline};
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;
use versions::versions_server;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/paris-summit-2025-02-17.txt"
);
const CORK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/html/corkbeo-level-3-live-2020-10-06.html"
);
const POLITICS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json"
);

/// A folder of its own for a test, with short copies of the fixtures: `paris.txt`,
/// `cork.html` and `politics.json`, shown as "paris", "cork" and "politics".
fn scratch(name: &str) -> support::Scratch {
    let dir = support::scratch(&format!("many-{name}"));
    std::fs::create_dir_all(dir.join("config/liveblog")).unwrap();
    for (from, to) in [
        (SEED, "paris.txt"),
        (CORK, "cork.html"),
        (POLITICS, "politics.json"),
    ] {
        std::fs::copy(from, dir.join(to)).unwrap();
    }
    dir
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().unwrap().to_string()
}

/// The binary with its own HOME and XDG folders, so no config of the machine's is read.
fn liveblog(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_liveblog"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        // Times print in local time: the same on every machine.
        .env("TZ", "UTC0")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn entry(id: &str, hour: u32, minute: u32) -> Entry {
    Entry {
        id: id.into(),
        title: Some(format!("Entry {id}")),
        published: Stamp::parse(&format!("2025-02-17T{hour:02}:{minute:02}:00Z")),
        body: vec![Block::text(format!("Text of {id}."))],
        ..Entry::default()
    }
}

fn blog(title: &str, entries: Vec<Entry>, state: LiveState) -> LiveBlog {
    LiveBlog {
        title: title.into(),
        state,
        entries,
        ..LiveBlog::default()
    }
}

/// A blog as the replay's HTML page (schema.org JSON-LD) shows it: first with the oldest
/// `initial` entries and live, then whole and ended.
fn html_versions(b: LiveBlog, initial: usize) -> Vec<String> {
    let opts = ReplayOptions {
        initial,
        ..ReplayOptions::default().without_changes()
    };
    let t = Timeline::new(b, &opts);
    let site = Site {
        base: "http://127.0.0.1:9".into(),
        page_path: "/world/live/2025/feb/17/html-blog".into(),
    };
    let first = t.at(Duration::ZERO);
    assert_eq!(first.blog.state, LiveState::Live);
    let last = t.at(t.ends_at());
    assert_eq!(last.blog.state, LiveState::Ended);
    vec![
        writers::html_page(&first, &site),
        writers::html_page(&last, &site),
    ]
}

/// Two blogs in two formats, each on its own server: liveblog JSON and an HTML page.
fn two_servers() -> (String, String) {
    let json = versions_server(vec![
        liveblog::formats::native::to_json(&blog(
            "JSON blog",
            vec![entry("a-one", 10, 50), entry("a-two", 10, 30)],
            LiveState::Live,
        )),
        liveblog::formats::native::to_json(&blog(
            "JSON blog",
            vec![
                entry("a-three", 11, 5),
                entry("a-one", 10, 50),
                entry("a-two", 10, 30),
            ],
            LiveState::Ended,
        )),
    ]);
    let html = versions_server(html_versions(
        blog(
            "HTML blog",
            vec![
                entry("b-three", 11, 0),
                entry("b-one", 10, 40),
                entry("b-two", 10, 20),
            ],
            LiveState::Unknown,
        ),
        2,
    ));
    (json, html)
}

#[test]
fn follow_merges_two_blogs_in_two_formats_and_exits_when_both_end() {
    let home = scratch("follow");
    let ((j1, h1), (j2, h2)) = (two_servers(), two_servers());
    let (jsonl, plain) = std::thread::scope(|s| {
        let (home, j1, h1) = (&home, &j1, &h1);
        let jsonl = s.spawn(move || {
            liveblog(
                home,
                &["follow", j1, h1, "--format", "jsonl", "--interval", "5"],
            )
        });
        let plain = s.spawn(move || liveblog(home, &["follow", &j2, &h2, "--interval", "5"]));
        (jsonl.join().unwrap(), plain.join().unwrap())
    });

    assert!(jsonl.status.success(), "{}", text(&jsonl.stderr));
    let lines: Vec<serde_json::Value> = text(&jsonl.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(String, String)> = lines
        .iter()
        .map(|v| {
            (
                v["source"].as_str().unwrap().to_string(),
                v["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let json_name = timeline::short_name(&j1);
    let html_name = timeline::short_name(&h1);
    assert_ne!(json_name, html_name);
    // First both blogs as read, oldest first across them; then what each poll brought.
    let first = [
        (&html_name, "b-two"),
        (&json_name, "a-two"),
        (&html_name, "b-one"),
        (&json_name, "a-one"),
    ]
    .map(|(s, i)| (s.clone(), i.to_string()));
    assert_eq!(got[..4], first, "{got:?}");
    let mut rest = got[4..].to_vec();
    rest.sort();
    let mut want = vec![
        (json_name, "a-three".to_string()),
        (html_name, "b-three".to_string()),
    ];
    want.sort();
    assert_eq!(rest, want);
    assert!(lines.iter().all(|v| v["type"] == "new"));

    assert!(plain.status.success(), "{}", text(&plain.stderr));
    let heads: Vec<String> = text(&plain.stdout)
        .lines()
        .filter(|l| l.contains("Entry "))
        .map(String::from)
        .collect();
    assert_eq!(heads.len(), 6, "{heads:?}");
    assert!(heads[0].starts_with('['), "{heads:?}");
    assert!(
        heads[0].ends_with("] 2025-02-17 10:20 UTC Entry b-two"),
        "{heads:?}"
    );
    assert!(
        heads.iter().all(|h| h.starts_with("[127.0.0.1:")),
        "{heads:?}"
    );
}

/// The names of the blogs of a document of several, in its order.
fn source_names(v: &serde_json::Value) -> Vec<&str> {
    v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect()
}

#[test]
fn dump_of_two_files_is_one_document_newest_first() {
    let home = scratch("dump");
    let (cork, politics) = (path(&home, "cork.html"), path(&home, "politics.json"));
    let out = liveblog(&home, &["dump", &cork, &politics, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["liveblog_format"], 1);
    let names = source_names(&v);
    assert_eq!(names, ["cork", "politics"]);
    for s in v["sources"].as_array().unwrap() {
        assert!(s["title"].is_string() && s.get("url").is_some() && s.get("live").is_some());
    }
    let entries = v["entries"].as_array().unwrap();
    let count = |f: &str| {
        let b = liveblog::formats::parse(&std::fs::read(f).unwrap()).unwrap();
        b.entries.len()
    };
    assert_eq!(entries.len(), count(CORK) + count(POLITICS));
    assert!(
        entries
            .iter()
            .all(|e| names.contains(&e["source"].as_str().unwrap()))
    );
    // A pinned post is first while its blog is live; the politics blog has ended, so its
    // pinned post takes its place by time with the rest, newest first.
    let pinned = entries
        .iter()
        .take_while(|e| e["pinned"].as_bool() == Some(true))
        .count();
    assert_eq!(pinned, 0, "an ended blog's pinned post is not on top");
    let times: Vec<jiff::Timestamp> = entries[pinned..]
        .iter()
        .map(|e| {
            let t = e["published"].as_str().or(e["updated"].as_str()).unwrap();
            t.parse().unwrap()
        })
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(
        v["key_events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|k| k["source"].is_string())
    );

    let out = liveblog(&home, &["dump", &cork, &politics]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.starts_with("cork · politics\n[cork] Level 3 LIVE"), "{t}");
    assert!(t.contains("\n[politics] Rishi Sunak"), "{t}");
    assert!(t.contains("\n[politics] 2023-12-13 "), "{t}");
    assert!(t.contains("\n[cork] 2020-10-06 "), "{t}");
}

#[test]
fn a_duplicate_and_an_unreachable_source_are_one_line_each_and_the_others_print() {
    let home = scratch("faults");
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/live", l.local_addr().unwrap())
    };
    let (cork, paris) = (path(&home, "cork.html"), path(&home, "paris.txt"));
    for args in [
        vec!["dump", &cork, &cork, &closed, &paris, "--format", "json"],
        vec!["follow", &cork, &cork, &closed, &paris, "--format", "jsonl"],
    ] {
        let out = liveblog(&home, &args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(
            lines[0].contains("cork.html\": named twice, opened once"),
            "{err}"
        );
        assert!(lines[1].contains(&closed), "{err}");
        let out = text(&out.stdout).replace("\": \"", "\":\"");
        assert!(out.contains("\"source\":\"cork\""), "{args:?}");
        assert!(out.contains("\"source\":\"paris\""), "{args:?}");
    }
    // None opening: one line listing each.
    let out = liveblog(&home, &["dump", "/nonexistent/a.txt", &closed]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("none of the 2 sources opened: \"/nonexistent/a.txt\": no such file; "),
        "{err}"
    );
}

#[test]
fn the_reader_on_a_pipe_prints_several_blogs_merged() {
    let home = scratch("pipe");
    let out = liveblog(
        &home,
        &[&path(&home, "paris.txt"), &path(&home, "cork.html")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(
        t.starts_with("paris · cork\n[paris] Security guarantees"),
        "{t}"
    );
    assert!(t.contains("\n[paris] [KEY EVENT] "), "{t}");
    assert!(t.contains("\n[cork] 2020-10-06 "), "{t}");
}

#[test]
fn an_event_of_the_config_is_read_by_option_or_by_name() {
    let home = scratch("event");
    std::fs::write(
        home.join("config/liveblog/config.toml"),
        format!(
            "[events.summit]\ntitle = \"Two blogs\"\nsources = [{SEED:?}, {{ url = {CORK:?}, name = \"Cork\" }}]\n"
        ),
    )
    .unwrap();
    for args in [
        vec!["--event", "summit"],
        vec!["summit"],
        vec!["dump", "--event", "summit"],
    ] {
        let out = liveblog(&home, &args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let t = text(&out.stdout);
        assert!(
            t.starts_with("Two blogs\n[paris-summit-2025…] "),
            "{args:?}: {t}"
        );
        assert!(t.contains("\n[Cork] 2020-10-06 "), "{args:?}");
    }
    let out = liveblog(&home, &["follow", "--event", "summit", "--format", "jsonl"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .lines()
            .any(|l| l.contains("\"source\":\"Cork\""))
    );
    let out = liveblog(&home, &["--event", "sumit"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        err,
        "liveblog: unknown event \"sumit\": the config file names \"summit\"\n"
    );
}

#[test]
fn subcommands_still_come_first_and_one_source_is_printed_as_ever() {
    let home = scratch("one");
    let merged = liveblog(&home, &[SEED, "dump"]);
    assert!(text(&merged.stderr).contains("\"dump\": no such file"));
    let dump = liveblog(&home, &["dump", SEED]);
    let piped = liveblog(&home, &[SEED]);
    assert!(dump.status.success() && piped.status.success());
    assert_eq!(dump.stdout, piped.stdout);
    assert!(text(&dump.stdout).starts_with("Security guarantees for Ukraine"));
}

#[tokio::test]
async fn serve_replays_each_file_under_its_own_path_on_one_address() {
    use std::io::BufRead;
    let home = scratch("serve");
    let mut child = Command::new(env!("CARGO_BIN_EXE_liveblog"))
        .args([
            "serve",
            &path(&home, "paris.txt"),
            &path(&home, "cork.html"),
        ])
        .env("HOME", &*home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut listing = Vec::new();
    while listing
        .iter()
        .filter(|l: &&String| l.trim_start().starts_with("text "))
        .count()
        < 2
    {
        listing.push(lines.next().unwrap().unwrap());
    }
    assert!(
        listing[0].starts_with("Replaying 2 blogs at 127.0.0.1:"),
        "{listing:?}"
    );
    let url = |k: &str, format: &str| {
        let at = listing
            .iter()
            .position(|l| l.starts_with(&format!("{k}. ")))
            .unwrap();
        let line = listing[at..]
            .iter()
            .find(|l| l.trim_start().starts_with(&format!("{format} ")))
            .unwrap();
        line.split_whitespace().nth(1).unwrap().to_string()
    };
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let get = async |u: String| {
        let r = client.get(&u).send().await.unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::OK, "{u}");
        r.bytes().await.unwrap()
    };
    let first = liveblog::formats::parse(&get(url("1", "json")).await).unwrap();
    let second = liveblog::formats::parse(&get(url("2", "guardian")).await).unwrap();
    assert!(first.title.starts_with("Security guarantees for Ukraine"));
    assert!(second.title.starts_with("Level 3 LIVE from Cork"));
    assert!(url("2", "html").contains("/2/"));
    let index =
        String::from_utf8(get(url("1", "index").replace("/1/", "/")).await.to_vec()).unwrap();
    assert!(index.contains("Level 3 LIVE from Cork"), "{index}");
    // The shared index links each blog's JSON, so a reader given it opens the first blog.
    for k in ["1", "2"] {
        let link = format!(
            "<link rel=\"alternate\" type=\"application/json\" href=\"{}\">",
            url(k, "json")
        );
        assert!(index.contains(&link), "{link}: {index}");
    }
    let out = liveblog(
        &home,
        &[
            "dump",
            &url("1", "index").replace("/1/", "/"),
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let via_index = liveblog::formats::parse(&out.stdout).unwrap();
    assert_eq!(via_index.title, first.title);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn dump_of_the_demo_event_interleaves_two_bundled_replays() {
    let home = scratch("demo-dump");
    let out = liveblog(&home, &["dump", "--demo-event", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["title"].as_str().unwrap().starts_with("Demo event"));
    let names = source_names(&v);
    assert_eq!(names, ["Guardian", "UK politics"]);
    let entries = v["entries"].as_array().unwrap();
    // Three of each on show at the start, on one clock: they alternate.
    let sources: Vec<&str> = entries
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "Guardian",
            "UK politics",
            "Guardian",
            "UK politics",
            "Guardian",
            "UK politics"
        ]
    );
    assert!(entries.iter().all(|e| e["published"].is_string()));
}

#[test]
fn follow_of_the_demo_event_prints_both_blogs_then_what_comes() {
    let home = home::Home::new("demo-follow");
    let mut child = home
        .apply(&mut Command::new(env!("CARGO_BIN_EXE_liveblog")))
        .args(["follow", "--demo-event", "--format", "jsonl"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let rx = home::stdout_lines(&mut child);
    let mut lines: Vec<serde_json::Value> = Vec::new();
    while lines.len() < 7 {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(l) => lines.push(serde_json::from_str(&l).unwrap()),
            Err(e) => {
                let _ = child.kill();
                panic!("{e}: only {lines:?}");
            }
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let sources: Vec<&str> = lines
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources[..6],
        [
            "UK politics",
            "Guardian",
            "UK politics",
            "Guardian",
            "UK politics",
            "Guardian"
        ],
        "oldest first, alternating"
    );
    assert!(["Guardian", "UK politics"].contains(&sources[6]));
    assert!(
        lines
            .iter()
            .all(|l| l["type"] == "new" || l["type"] == "edited")
    );
}

#[test]
fn blogs_named_alike_by_their_files_keep_the_ends_that_tell_them_apart() {
    let home = scratch("alike");
    let (a, b) = (
        path(&home, "paris-summit-2025-02-17.txt"),
        path(&home, "paris-summit-2025-02-19.txt"),
    );
    std::fs::copy(SEED, &a).unwrap();
    std::fs::copy(SEED, &b).unwrap();
    let out = liveblog(&home, &["dump", &a, &b]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("\n[paris…2025-02-17] "), "{t}");
    assert!(t.contains("\n[paris…2025-02-19] "), "{t}");
    // What a script reads says the names whole, with no mark of a cut.
    let out = liveblog(&home, &["dump", &a, &b, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names = source_names(&v);
    assert_eq!(
        names,
        ["paris-summit-2025-02-17", "paris-summit-2025-02-19"]
    );
    assert!(!text(&out.stdout).contains("2025…"));
    let out = liveblog(&home, &["follow", &a, &b, "--format", "jsonl"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let jsonl = text(&out.stdout);
    assert!(
        jsonl.contains("\"source\":\"paris-summit-2025-02-19\""),
        "{jsonl}"
    );
    assert!(!jsonl.contains("2025…"), "{jsonl}");
}

#[test]
fn the_demo_event_printed_names_its_bundled_blogs_not_their_passing_address() {
    let home = scratch("demo-text");
    let out = liveblog(&home, &["--demo-event"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(!t.contains("127.0.0.1"), "{t}");
    assert!(t.contains("· bundled blog (Paris summit"), "{t}");
    let out = liveblog(&home, &["dump", "--demo-event", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for source in v["sources"].as_array().unwrap() {
        assert!(source["url"].is_null(), "no address of the run's: {source}");
    }
}
