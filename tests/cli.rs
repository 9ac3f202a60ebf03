//! The command line's edges: values that could never be scheduled are refused at once, with
//! one line naming them, from the option and from the config file alike; and what the text
//! form printed to a pipe keeps of a blog (its links' addresses, clean).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[path = "support/not_found.rs"]
mod not_found;
#[path = "support/scratch.rs"]
mod support;

const SEED_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/paris-summit-2025-02-17.txt"
);

/// The binary with its home and XDG directories in `home`, never the developer's.
fn liveblog(home: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_liveblog"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"));
    cmd
}

fn run(args: &[&str], home: &std::path::Path) -> (i32, String) {
    let out = liveblog(home).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn scratch(name: &str) -> support::Scratch {
    support::scratch(&format!("cli-{name}"))
}

#[test]
fn an_interval_that_overflows_a_clock_is_refused_with_one_line() {
    let home = scratch("interval");
    for bad in ["9223372036854775807", "4", "86401"] {
        let (code, err) = run(&["follow", SEED_FILE, "--interval", bad], &home);
        assert_eq!(code, 1, "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!("interval \"{bad}\"")), "{err}");
    }
    let (code, err) = run(&["follow", SEED_FILE, "--interval", "86400"], &home);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn an_interval_from_the_config_file_is_checked_the_same_way() {
    let home = scratch("config");
    let config = home.join("c.toml");
    std::fs::write(&config, "interval = 9223372036854775807\n").unwrap();
    let (code, err) = run(
        &["dump", SEED_FILE, "--config", config.to_str().unwrap()],
        &home,
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("must be between 5 seconds"), "{err}");
}

#[test]
fn a_file_name_that_is_not_utf8_opens_and_an_error_names_it() {
    use std::os::unix::ffi::OsStrExt;
    let home = scratch("osstr");
    let name = std::ffi::OsStr::from_bytes(b"blog-\xff.txt");
    let path = home.join(name);
    std::fs::copy(SEED_FILE, &path).unwrap();
    let out = liveblog(&home).arg("dump").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Starmer"));
    let missing = home.join(std::ffi::OsStr::from_bytes(b"gone-\xff.txt"));
    let out = liveblog(&home).arg("dump").arg(&missing).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("gone-\u{fffd}.txt\": no such file"), "{err}");
}

#[test]
fn options_before_the_subcommand_mean_what_they_mean_after_it() {
    let home = scratch("order");
    let config = home.join("c.toml");
    std::fs::write(&config, "interval = 30\n").unwrap();
    let c = config.to_str().unwrap();
    for args in [
        vec!["--config", c, "dump", SEED_FILE],
        vec!["dump", SEED_FILE, "--config", c],
        vec!["--no-cache", "dump", SEED_FILE],
        vec!["dump", "--no-cache", SEED_FILE],
        vec!["--interval", "10", "follow", SEED_FILE],
        vec!["follow", "--interval", "10", SEED_FILE],
        vec!["--alert", "macron", "follow", SEED_FILE, "--alert", "trump"],
    ] {
        let (code, err) = run(&args, &home);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    // And a bad value is caught in either place.
    for args in [
        ["--interval", "3", "follow", SEED_FILE],
        ["follow", "--interval", "3", SEED_FILE],
    ] {
        let (code, err) = run(&args, &home);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("interval \"3\""), "{err}");
    }
}

#[test]
fn a_command_lists_and_takes_only_the_options_it_uses() {
    let home = scratch("own-options");
    let help = |command: &str| {
        let out = liveblog(&home).args([command, "--help"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let (dump, follow, serve) = (help("dump"), help("follow"), help("serve"));
    for reader_only in ["--notify", "--alert", "--on-alert", "--interval"] {
        assert!(!dump.contains(reader_only), "{reader_only}: {dump}");
        assert!(follow.contains(reader_only), "{reader_only}: {follow}");
    }
    assert!(
        dump.contains("--no-cache") && dump.contains("--event"),
        "{dump}"
    );
    assert!(
        !serve.contains("--no-cache") && serve.contains("--demo-event"),
        "{serve}"
    );
    // The bundled replay keeps no read state to sum up: status takes an event by name only.
    let status = help("status");
    assert!(
        status.contains("--event") && !status.contains("--demo-event"),
        "{status}"
    );
    // Given before a command that does not take it, an option is an error that names it, not
    // an option silently ignored.
    for (args, option, word) in [
        (["--notify", "all", "dump", SEED_FILE], "--notify", "dump"),
        (
            ["--interval", "10", "status", SEED_FILE],
            "--interval",
            "status",
        ),
        (
            ["--no-cache", "serve", "/no/such/blog", "--rebase"],
            "--no-cache",
            "serve",
        ),
        (
            ["--demo-event", "status", SEED_FILE, "--no-cache"],
            "--demo-event",
            "status",
        ),
    ] {
        let (code, err) = run(&args, &home);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(&format!("`{option}` is not an option of `liveblog {word}`")),
            "{err}"
        );
    }
    // A Content API key in the environment is there for every command, and no error.
    let out = liveblog(&home)
        .env("GUARDIAN_API_KEY", "not-a-real-key")
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_blog_is_read_from_standard_input_or_a_pipe() {
    use std::io::Write;
    let home = scratch("stdin");
    let seed = std::fs::read(SEED_FILE).unwrap();
    let mut child = liveblog(&home)
        .args(["dump", "-", "--format", "markdown"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&seed).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Starmer"));
    // `<(…)`: a pipe by name.
    let line = format!("exec \"$0\" dump <(cat '{SEED_FILE}')");
    let out = Command::new("bash")
        .args(["-c", &line, env!("CARGO_BIN_EXE_liveblog")])
        .envs(
            liveblog(&home)
                .get_envs()
                .filter_map(|(k, v)| Some((k, v?))),
        )
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Starmer"));
    // Nothing piped in: one line saying how to.
    let out = liveblog(&home)
        .args(["dump", "-"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.trim_end(),
        "liveblog: \"standard input\": is a device, not a file or a pipe: pipe a blog into \
         it (… | liveblog -)"
    );
}

#[test]
fn a_text_file_that_is_not_a_live_blog_is_refused_with_one_line_naming_the_formats_read() {
    let home = scratch("not-a-blog");
    let readme = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let (code, err) = run(&["dump", readme], &home);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("README.md"), "{err}");
    assert!(err.contains("not a live blog"), "{err}");
    assert!(err.contains("\"Key events\""), "{err}");
    assert!(err.contains("liveblog reads Guardian page JSON"), "{err}");
    let passwd = home.join("passwd");
    std::fs::write(
        &passwd,
        "root:x:0:0:root:/root:/bin/bash\nbin:x:2:2::/bin:/bin/false\n",
    )
    .unwrap();
    let (code, err) = run(&["dump", passwd.to_str().unwrap()], &home);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not a live blog"), "{err}");
    // The seed, whose shape the check describes, still reads.
    let (code, err) = run(&["dump", SEED_FILE], &home);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn dump_of_an_unreachable_blog_prints_its_kept_copy_and_says_so() {
    use std::io::{Read, Write};
    let home = scratch("dump-copy");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/live.txt", listener.local_addr().unwrap());
    let seed = std::fs::read_to_string(SEED_FILE).unwrap();
    // One answer, then the server is gone.
    let server = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = s.read(&mut buf);
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nETag: \"v1\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{seed}",
            seed.len()
        );
        s.write_all(reply.as_bytes()).unwrap();
    });
    let dump = |home: &std::path::Path| liveblog(home).args(["dump", &url]).output().unwrap();
    let first = dump(&home);
    assert!(first.status.success());
    server.join().unwrap();
    let second = dump(&home);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{stderr}");
    assert_eq!(second.stdout, first.stdout, "the kept copy, as it was");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("showing the copy of"), "{stderr}");
    // A dump is read once: no next try to speak of.
    assert!(!stderr.contains("next try"), "{stderr}");
    // Beside another blog, as alone.
    let both = liveblog(&home)
        .args(["dump", SEED_FILE, &url])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&both.stderr);
    assert!(both.status.success(), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("showing the copy of"), "{stderr}");

    // A copy spoilt on disk, the server still gone: the failure and the copy, in one line.
    let copies: Vec<std::path::PathBuf> = std::fs::read_dir(home.join("cache/liveblog/blogs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    std::fs::write(&copies[0], "{\"liveblog_cache\": 1, trunc").unwrap();
    let third = dump(&home);
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert_eq!(third.status.code(), Some(1), "{stderr}");
    assert!(third.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("the copy kept from an earlier sitting could not be used"),
        "{stderr}"
    );
    assert!(stderr.contains("set aside as"), "{stderr}");
}

#[test]
fn every_command_s_help_ends_with_examples_of_that_command() {
    let home = scratch("examples");
    let help = |args: &[&str]| {
        let out = liveblog(&home).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let top = help(&["--help"]);
    let commands: Vec<&str> = top
        .split_once("\nCommands:\n")
        .expect("a list of commands")
        .1
        .lines()
        .take_while(|l| !l.trim().is_empty())
        // A command's line, not the wrapped rest of what it does.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|word| *word != "help")
        .collect();
    assert!(commands.len() >= 7, "{top}");
    for word in commands {
        let own = help(&[word, "--help"]);
        let (_, examples) = own
            .split_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("{word}: {own}"));
        let of_it = examples
            .lines()
            .filter(|l| l.trim_start().starts_with(&format!("liveblog {word}")))
            .count();
        assert!(of_it >= 2, "{word}: {examples}");
    }
}

#[test]
fn completions_and_man_neither_offer_nor_take_a_settings_file() {
    let home = scratch("no-config");
    let out = |args: &[&str]| liveblog(&home).args(args).output().unwrap();
    let stdout = |args: &[&str]| String::from_utf8_lossy(&out(args).stdout).into_owned();
    for word in ["completions", "man"] {
        let help = stdout(&[word, "--help"]);
        assert!(!help.contains("--config"), "{word}: {help}");
    }
    for word in ["dump", "follow", "serve", "status", "config"] {
        let help = stdout(&[word, "--help"]);
        assert!(help.contains("--config"), "{word}: {help}");
    }
    // Nor do the completion scripts or the manual page offer it for them.
    let bash = stdout(&["completions", "bash"]);
    let opts = |word: &str| {
        let case = format!("liveblog__subcmd__{word})\n");
        let at = bash.find(&case).unwrap_or_else(|| panic!("{word}: {bash}"));
        bash[at..].lines().nth(1).unwrap().to_string()
    };
    assert!(opts("dump").contains("--config"), "{}", opts("dump"));
    for word in ["completions", "man"] {
        assert!(!opts(word).contains("--config"), "{}", opts(word));
    }
    let fish = stdout(&["completions", "fish"]);
    assert!(fish.contains("using_subcommand dump\" -l config"), "{fish}");
    for word in ["completions", "man"] {
        let of_it = format!("using_subcommand {word}\"");
        assert!(
            !fish
                .lines()
                .any(|l| l.contains(&of_it) && l.contains("-l config")),
            "{fish}"
        );
    }
    let page = stdout(&["man"]);
    let man_part = &page[page.find(".SS \"liveblog man\"").expect("man's part")..];
    let man_part = &man_part[..man_part[1..].find("\n.S").map_or(man_part.len(), |e| e + 1)];
    assert!(!man_part.contains("config"), "{man_part}");
    // Given to them, it is refused as any option a command does not take.
    let file = home.join("c.toml");
    std::fs::write(&file, "interval = 30\n").unwrap();
    let f = file.to_str().unwrap();
    let (code, err) = run(&["completions", "--config", f, "bash"], &home);
    assert_eq!(code, 2, "{err}");
    let (code, err) = run(&["--config", f, "man"], &home);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`--config` is not an option of `liveblog man`"),
        "{err}"
    );
    // They print what the program is however broken the settings are; the others read them.
    let default = home.join("config/liveblog");
    std::fs::create_dir_all(&default).unwrap();
    std::fs::write(default.join("config.toml"), "interval = \"often\"\n").unwrap();
    assert!(out(&["man"]).status.success());
    assert!(out(&["completions", "zsh"]).status.success());
    let (code, err) = run(&["dump", SEED_FILE], &home);
    assert_eq!(code, 1, "{err}");
    for args in [
        vec!["status", "--config", f, SEED_FILE],
        vec!["follow", "--config", f, SEED_FILE],
        vec!["--config", f, "config"],
    ] {
        let (code, err) = run(&args, &home);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
}

#[test]
fn completions_a_man_page_and_the_default_config_are_printed() {
    let home = scratch("completions");
    let out = |args: &[&str]| liveblog(&home).args(args).output().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = out(&["completions", shell]);
        assert!(
            o.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            text.contains("liveblog") && text.contains("follow"),
            "{shell}"
        );
        assert!(
            text.contains("notify"),
            "{shell}: the global options are offered"
        );
    }
    let man = out(&["man"]);
    assert!(man.status.success());
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.contains(".TH liveblog 1"), "{page}");
    assert!(page.contains("status"), "the subcommands are listed");
    // The examples in their columns, not filled and justified into each other.
    let examples = page
        .find(".SH EXAMPLES\n.nf\n")
        .expect("examples set as written");
    assert!(page[examples..].contains("\n.fi\n"), "{page}");
    // Each command with its own options, in this page: there are no liveblog-dump(1) pages.
    assert!(!page.contains("liveblog\\-dump(1)"), "{page}");
    let follow = page
        .find(".SS \"liveblog follow\"")
        .expect("follow's own part");
    let after = &page[follow..];
    let follow_part = &after[..after[1..].find("\n.S").map_or(after.len(), |e| e + 1)];
    for option in [
        "\\-\\-key\\-events\\-only",
        "\\-\\-notify",
        "\\-\\-interval",
    ] {
        assert!(follow_part.contains(option), "{option}: {follow_part}");
    }
    assert!(follow_part.contains("\n.nf\nExamples:\n"), "{follow_part}");
    let dump = page.find(".SS \"liveblog dump\"").expect("dump's own part");
    assert!(page[dump..].contains("\\fB\\-\\-format\\fR"), "{page}");
    // The reader's keys, from the shipped key table, before the version.
    let keys = page.find(".SH KEYS").expect("a KEYS section");
    assert!(
        page[keys..].contains("\\fBCtrl\\-d\\fR\nhalf a page down"),
        "{page}"
    );
    assert!(
        page[keys..].contains("\\fBq\\fR, \\fBCtrl\\-c\\fR"),
        "{page}"
    );
    assert!(page.find(".SH VERSION").is_none_or(|v| v > keys));
    // The documented default config file, to start one from.
    let default = out(&["config", "--print-default"]);
    assert!(default.status.success());
    let shipped =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/config.toml")).unwrap();
    assert_eq!(default.stdout, shipped);
    let where_ = out(&["config"]);
    let said = String::from_utf8_lossy(&where_.stdout);
    assert!(said.contains("config/liveblog/config.toml"), "{said}");
    // Options before a subcommand mean the same as after it.
    let config = home.join("c.toml");
    std::fs::write(&config, "interval = 60\n").unwrap();
    let dump = out(&["--config", &config.to_string_lossy(), "dump", SEED_FILE]);
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
}

#[test]
fn a_config_error_is_one_line_naming_the_file_and_what_is_wrong() {
    let home = scratch("keys-twice");
    // A key bound twice names both actions.
    std::fs::create_dir_all(home.join("config/liveblog")).unwrap();
    std::fs::write(
        home.join("config/liveblog/config.toml"),
        "[keys]\nquit = [\"j\"]\n",
    )
    .unwrap();
    let (code, stderr) = run(&[SEED_FILE], &home);
    assert_eq!(code, 1, "{stderr}");
    let path = home.join("config/liveblog/config.toml");
    assert_eq!(
        stderr.trim(),
        format!(
            "liveblog: config file \"{}\": [keys]: key table: \"j\" is bound to both \
             scroll_down and quit",
            path.display()
        )
    );
    // A theme is named with its file too, and so is a directory given as the file.
    std::fs::write(
        home.join("config/liveblog/config.toml"),
        "theme = \"neon\"\n",
    )
    .unwrap();
    let (code, stderr) = run(&[SEED_FILE], &home);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr.trim(),
        format!(
            "liveblog: config file \"{}\": theme \"neon\": the themes are dark, light, mono",
            path.display()
        )
    );
    let dir = home.join("config");
    let (code, stderr) = run(&["--config", dir.to_str().unwrap(), SEED_FILE], &home);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.ends_with(&format!(
            "config file \"{}\": is a directory, not a file\n",
            dir.display()
        )),
        "{stderr}"
    );
}

/// The first lines `liveblog serve` prints, up to the one that says when entries come.
fn serve_banner(args: &[&str], home: &std::path::Path) -> Vec<String> {
    use std::io::BufRead;
    let mut child = liveblog(home)
        .arg("serve")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut banner = Vec::new();
    while !banner.iter().any(|l: &String| l.contains("entries")) {
        match lines.next() {
            Some(Ok(line)) => banner.push(line),
            _ => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    banner
}

#[test]
fn serve_pace_spaces_a_timed_blog_evenly_and_the_banner_says_when_entries_come() {
    let home = scratch("serve-pace");
    let cork = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/corkbeo-level-3-live-2020-10-06.html"
    );
    let paced = serve_banner(&[cork, "--pace", "2"], &home);
    let last = paced.last().unwrap();
    assert!(
        last.contains("one every 2 s: the next in 2 s."),
        "{paced:?}"
    );
    let own = serve_banner(&[cork], &home);
    let last = own.last().unwrap();
    assert!(
        last.contains("come at their own times: the next in"),
        "{own:?}"
    );
    let (code, err) = run(&["serve", cork, "--pace", "0"], &home);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--pace \"0\""), "{err}");
}

#[test]
fn a_page_read_by_its_layout_is_marked_in_the_json_and_text_dumps() {
    let home = scratch("guessed");
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/sportowefakty-wp-pl-falubaz-relacja.html"
    );
    let dump = |format: &str| {
        let out = liveblog(&home)
            .args(["dump", page, "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let v: serde_json::Value = serde_json::from_str(&dump("json")).unwrap();
    assert_eq!(v["extracted"], "heuristic");
    assert_eq!(v["entries"].as_array().unwrap().len(), 53);
    assert_eq!(v["entries"][2]["time_as_written"], "19:30");
    assert_eq!(v["entries"][2]["published"], serde_json::Value::Null);
    let text = dump("text");
    let header: Vec<&str> = text.lines().take(3).collect();
    assert!(
        header[2].starts_with("entries guessed from the page layout"),
        "{header:?}"
    );
    // A page with live markup is not marked.
    let cork = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/corkbeo-level-3-live-2020-10-06.html"
    );
    let out = liveblog(&home)
        .args(["dump", cork, "--format", "json"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\"extracted\""));
}

#[test]
fn a_page_with_nothing_to_read_says_what_was_looked_for_in_one_line() {
    let home = scratch("nothing");
    let file = home.join("article.html");
    std::fs::write(
        &file,
        "<!doctype html><html><head><title>A</title></head><body><p>Just prose.</p></body></html>",
    )
    .unwrap();
    let (code, err) = run(&["dump", file.to_str().unwrap()], &home);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no schema.org LiveBlogPosting, AMP live list, or run of timed blocks found"),
        "{err}"
    );
}

#[test]
fn an_alert_command_with_a_quote_left_open_is_refused_before_anything_runs() {
    let home = scratch("open-quote");
    let (code, err) = run(&["follow", SEED_FILE, "--on-alert", "sh -c 'cat"], &home);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("a quote is not closed"), "{err}");
}

/// A server on 127.0.0.1 that answers `/live.txt` once with the seed and then with HTTP 500,
/// `/down.txt` always with 500, and `/cut.txt` with a body cut off short of its length.
fn failing_server() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seed = std::fs::read_to_string(SEED_FILE).unwrap();
    std::thread::spawn(move || {
        let mut seeded = false;
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]).into_owned();
            let reply = if head.starts_with("GET /live.txt") && !seeded {
                seeded = true;
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{seed}",
                    seed.len()
                )
            } else if head.starts_with("GET /cut.txt") {
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\
                 Connection: close\r\n\r\nParis summit"
                    .to_string()
            } else {
                "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\
                 Connection: close\r\n\r\noops"
                    .to_string()
            };
            let _ = s.write_all(reply.as_bytes());
        }
    });
    base
}

#[test]
fn follow_of_an_address_the_server_does_not_know_ends_at_once_with_one_line() {
    let home = scratch("follow-404");
    let down = format!("{}/down.txt", failing_server());
    let gone = format!("{}/gone", not_found::not_found_server());
    // A server error at the start is waited out; a 404 is not.
    let (code, err) = run(&["follow", &gone], &home);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not found (HTTP 404)"), "{err}");
    let mut waiting = liveblog(&home)
        .args(["follow", &down])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_secs(1));
    assert!(waiting.try_wait().unwrap().is_none(), "a 500 is retried");
    waiting.kill().unwrap();
    let _ = waiting.wait();
}

#[test]
fn a_command_that_reads_once_promises_no_retry() {
    let home = scratch("no-retry");
    let base = failing_server();
    let live = format!("{base}/live.txt");
    // The first read keeps a copy; every later one is answered 500.
    assert_eq!(run(&["dump", &live], &home).0, 0);
    let said = |args: &[&str]| {
        let out = liveblog(&home).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let down = format!("{base}/down.txt");
    let cut = format!("{base}/cut.txt");
    let runs: [&[&str]; 6] = [
        &["dump", &down],
        &["dump", &cut],
        &[down.as_str()],
        &["dump", &live],
        &[live.as_str()],
        &["status", &live],
    ];
    for args in runs {
        let err = said(args);
        assert!(!err.is_empty(), "{args:?} says what failed");
        assert!(!err.contains("retried"), "{args:?}: {err}");
        assert!(err.contains("try again"), "{args:?} says what to do: {err}");
    }
    assert!(said(&["dump", &down]).contains("server error (HTTP 500); try again later"));
    assert!(said(&["status", &live]).contains("showing the copy of"));
}

const POLITICS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json"
);

/// What the binary prints to a pipe for `args`, checked to be a success.
fn printed(home: &std::path::Path, args: &[&str]) -> String {
    let out = liveblog(home)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_text_form_numbers_links_and_lists_their_addresses_under_the_entry() {
    let home = scratch("links");
    let text = printed(&home, &["dump", POLITICS]);
    let verdict = text
        .split("————————————————————————————————————————")
        .skip(1)
        .find(|e| e.contains("PMQs – snap verdict"))
        .unwrap();
    assert!(
        verdict.contains(" PMQs[1] often shows why") && verdict.contains(" Rishi Sunak[2] was"),
        "{verdict}"
    );
    assert!(
        verdict.contains(
            "\n\n[1] https://www.theguardian.com/politics/pmqs\n\
             [2] https://www.theguardian.com/politics/rishi-sunak\n[3] https://"
        ),
        "{verdict}"
    );
    // The reader printing into a pipe prints the same.
    assert_eq!(printed(&home, &[POLITICS]), text);
}

#[test]
fn a_hostile_link_address_is_printed_clean() {
    use liveblog::blog::{Block, Entry, Inline, LiveBlog};
    let home = scratch("hostile-link");
    let hostile =
        "https://e.test/\u{1b}]52;c;aGk=\u{7}a\u{202e}gpj.exe\u{1b}[2J\r\n[2] https://fake.test";
    let blog = LiveBlog {
        title: "Hostile".into(),
        entries: vec![Entry {
            id: "e".into(),
            body: vec![Block::Paragraph {
                runs: vec![Inline {
                    link: Some(hostile.into()),
                    ..Inline::plain("here")
                }],
            }],
            ..Entry::default()
        }],
        ..LiveBlog::default()
    };
    let file = home.join("hostile.json");
    std::fs::write(
        &file,
        liveblog::dump::render(&blog, liveblog::dump::DumpFormat::Json),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    for args in [&["dump", file][..], &[file][..]] {
        let text = printed(&home, args);
        let bad = |c: char| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c);
        assert!(!text.chars().any(bad), "{args:?}: {text:?}");
        assert!(text.contains("\nhere[1]\n"), "{args:?}: {text}");
        let listed: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
        assert_eq!(listed.len(), 1, "{args:?}: one address on one line: {text}");
        assert!(listed[0].starts_with("[1] https://e.test/"), "{text}");
    }
}
