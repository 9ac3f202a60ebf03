//! The real binary in a real pseudo-terminal, read back through a terminal emulator: what a
//! user sees, and that the terminal always comes back (RELIABILITY.md 7.1 and 7.5).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;
#[path = "support/down_once.rs"]
mod down_once;
#[path = "support/not_found.rs"]
mod not_found;

use common::{SEED_FILE, Scratch, Term, find, formatted, rfind, settled, sgr_params, tail};
use down_once::down_once_server;
use nix::sys::signal::Signal;
use std::process::{Command, Stdio};

/// The size most tests run at.
const SIZE: (u16, u16) = (100, 30);

const SEED_TITLE: &str = "Security guarantees for Ukraine must have US backstop, Starmer says";
const FIRST_KEY_EVENT: &str = "We need to ramp up support for Ukraine";
const NEWEST_ENTRY: &str = "Spanish prime minister Pedro Sánchez";

/// The sidebar's top border, which only a wide enough terminal shows.
const SIDEBAR: &str = "Key events (";

/// Starts the reader on the bundled blog as a file and waits for its first screen.
fn open_seed(scratch: &Scratch) -> Term {
    let t = Term::spawn(scratch, &[SEED_FILE], &[], SIZE);
    t.wait_text(SIDEBAR);
    t
}

/// The row of the screen where the sidebar and the entries pane start.
fn pane_top_row(t: &Term) -> u16 {
    t.with_screen(|s| {
        let (rows, _) = s.size();
        (0..rows.get())
            .find(|&r| common::row_text(s, r).contains(SIDEBAR))
            .expect("the sidebar's top border is on screen")
    })
}

/// The terminal is as the program found it: main screen, cursor shown, no mouse reporting, no
/// bracketed paste, and
/// (where the pty can say) line editing and echo back on. Checks the exact bytes, and the
/// emulator's state after them.
fn assert_restored(t: &Term) {
    let raw = t.raw();
    // (set, reset, whether the program must have set it): a program that dies before its
    // first frame may never have hidden the cursor.
    let pairs: [(&[u8], &[u8], bool); 4] = [
        (b"\x1b[?1049h", b"\x1b[?1049l", true),
        (b"\x1b[?1000h", b"\x1b[?1000l", true),
        (b"\x1b[?2004h", b"\x1b[?2004l", true),
        (b"\x1b[?25l", b"\x1b[?25h", false),
    ];
    for (set, reset, required) in pairs {
        let set_at = rfind(&raw, set);
        let reset_at = rfind(&raw, reset);
        assert!(
            set_at.is_some() || !required,
            "{} never written: {}",
            set.escape_ascii(),
            tail(&raw)
        );
        assert!(
            set_at.is_none() || reset_at > set_at,
            "{} not undone by {} at the end: {}",
            set.escape_ascii(),
            reset.escape_ascii(),
            tail(&raw)
        );
    }
    assert_title_put_back(&raw);
    t.with_screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting still on"
        );
    });
    if let Some(flags) = t.local_flags() {
        assert!(
            flags.contains("ICANON") && flags.contains("ECHO"),
            "raw mode left on: {flags}"
        );
    }
}

/// Saves the terminal's title (xterm's title stack) and puts it back.
const PUSH_TITLE: &[u8] = b"\x1b[22;0t";
const POP_TITLE: &[u8] = b"\x1b[23;0t";
/// How a title is set (OSC 0).
const SET_TITLE: &[u8] = b"\x1b]0;";

/// A reader that set the terminal's title saved the one it found first and put it back at the
/// end (tmux's pane title is the shell's again); one that set none touched neither.
fn assert_title_put_back(raw: &[u8]) {
    let Some(first_title) = find(raw, SET_TITLE) else {
        assert!(
            find(raw, PUSH_TITLE).is_none() && find(raw, POP_TITLE).is_none(),
            "the title saved or put back without one set: {}",
            tail(raw)
        );
        return;
    };
    assert!(
        find(raw, PUSH_TITLE).is_some_and(|at| at < first_title),
        "the title not saved before the first was set: {}",
        tail(raw)
    );
    let last_pop = rfind(raw, POP_TITLE);
    assert!(
        last_pop > rfind(raw, SET_TITLE) && last_pop > rfind(raw, PUSH_TITLE),
        "the saved title not put back at the end: {}",
        tail(raw)
    );
    let pushes = raw
        .windows(PUSH_TITLE.len())
        .filter(|w| *w == PUSH_TITLE)
        .count();
    let pops = raw
        .windows(POP_TITLE.len())
        .filter(|w| *w == POP_TITLE)
        .count();
    assert_eq!(pushes, pops, "each title saved is put back once");
}

/// Raw mode is on while the reader runs (so the restore check above means something).
fn assert_raw_mode(t: &Term) {
    if let Some(flags) = t.local_flags() {
        assert!(!flags.contains("ICANON"), "not in raw mode: {flags}");
    }
}

#[test]
fn the_bundled_blog_opens_navigates_and_quits_cleanly() {
    let scratch = Scratch::new("seed");
    let mut t = open_seed(&scratch);
    t.wait_text(FIRST_KEY_EVENT);
    t.wait_text(NEWEST_ENTRY);
    t.wait_text(SEED_TITLE);
    assert_raw_mode(&t);
    let top = pane_top_row(&t);
    assert!(
        !t.row(top).contains(FIRST_KEY_EVENT),
        "the entries pane starts at the newest entry: {}",
        t.row(top)
    );

    t.send("]");
    t.wait_for("the first key event at the top of the entries pane", |s| {
        common::row_text(s, top).contains(&format!("★ {FIRST_KEY_EVENT}"))
    });

    t.send("?");
    t.wait_for("the help overlay", |s| {
        let c = s.contents();
        c.contains("┌ Keys ") && c.contains("jump to the next key event")
    });
    t.send("?");
    t.wait_for("the help overlay to close", |s| {
        !s.contents().contains("jump to the next key event")
    });
    t.wait_text(&format!("★ {FIRST_KEY_EVENT}"));

    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
}

/// The reader asks for clicks and the wheel only: no motion reports (1002, 1003) that would
/// flood a slow link, so a Shift-drag selects text as in any terminal.
#[test]
fn the_mouse_reports_clicks_and_the_wheel_but_never_motion() {
    let scratch = Scratch::new("mouse");
    let mut t = open_seed(&scratch);
    t.wait_text(NEWEST_ENTRY);
    let raw = t.raw();
    assert!(find(&raw, b"\x1b[?1000h").is_some(), "clicks are reported");
    assert!(find(&raw, b"\x1b[?1006h").is_some(), "in SGR form");
    assert!(
        find(&raw, b"\x1b[?1003h").is_none(),
        "no any-motion tracking"
    );
    assert!(
        find(&raw, b"\x1b[?1002h").is_none(),
        "no button-motion tracking"
    );
    // And the wheel still scrolls: three notches down over the entries pane (SGR form).
    let top = pane_top_row(&t) + 1;
    let (cols, _) = SIZE;
    let entries = |row: String| row.chars().skip(usize::from(cols / 2)).collect::<String>();
    let first = entries(t.row(top));
    let x = cols - 10;
    t.send(&format!("\x1b[<65;{x};{}M", top + 3).repeat(3));
    t.wait_for("the wheel to scroll the entries", |s| {
        entries(common::row_text(s, top)) != first
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
}

#[test]
fn a_file_named_on_the_command_line_opens() {
    let scratch = Scratch::new("file");
    let blog = "Harbour bridge reopens after storm\n\
                Engineers cleared the span overnight\n\
                Key events\n\
                -\n\
                Bridge reopens to traffic\n\
                \n\
                Bridge reopens to traffic\n\
                The first buses crossed at six in the morning, the council said.\n\
                \n\
                Crews worked through the night to remove fallen cables from the deck.\n";
    let path = scratch.file("harbour.txt", blog.as_bytes());
    let mut t = Term::spawn(&scratch, &[path.to_str().unwrap()], &[], SIZE);
    t.wait_text("Harbour bridge reopens after storm");
    t.wait_text("The first buses crossed at six in the morning");
    t.wait_text("Key events (1)");
    t.wait_text("harbour.txt");
    // p has nothing to pause on a file, and says so.
    t.send("p");
    t.wait_text("Nothing to pause");
    // r re-reads the file once it changed: a new entry above the old one.
    let grown = blog.replace(
        "\n\nBridge reopens to traffic\nThe first",
        "\n\nThe mayor thanked the crews on the radio.\n\nBridge reopens to traffic\nThe first",
    );
    assert_ne!(grown, blog);
    std::fs::write(&path, grown).unwrap();
    t.send("r");
    t.wait_text("Re-read from disk: 3 entries");
    t.wait_text("The mayor thanked the crews");
    t.send("r");
    t.wait_text("The file has not changed since it was read");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
}

/// Runs the reader on a source that cannot be read: returns the exit code and all output.
fn run_failing(scratch: &Scratch, arg: &str) -> (u32, Vec<u8>) {
    let mut t = Term::spawn(scratch, &[arg], &[], SIZE);
    let code = t.wait_exit();
    (code, t.raw())
}

fn assert_one_clean_error_line(arg: &str, code: u32, out: &[u8], problem: &str) {
    let text = String::from_utf8_lossy(out);
    assert_ne!(
        code, 0,
        "{arg}: exit status 0 for a source that cannot be read"
    );
    assert!(
        !out.contains(&0x1b),
        "{arg}: escape sequences written although the reader never started: {}",
        out.escape_ascii()
    );
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{arg}: not one line: {text:?}");
    assert!(
        lines[0].starts_with("liveblog: ") && lines[0].contains(arg) && lines[0].contains(problem),
        "{arg}: the message should name the file and {problem:?}: {:?}",
        lines[0]
    );
}

#[test]
fn unreadable_sources_print_one_line_and_leave_the_terminal_alone() {
    let scratch = Scratch::new("errors");
    let dir = scratch.path().join("a-directory");
    std::fs::create_dir(&dir).unwrap();
    let cases = [
        (
            scratch.path().join("missing.txt"),
            "no such file".to_string(),
        ),
        (dir, "is a directory".into()),
        (
            // An image, not text (a stray bad byte in text is shown as U+FFFD instead).
            scratch.file(
                "image.png",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x80\x80\xff\xd8",
            ),
            "not text".into(),
        ),
        (scratch.file("empty.txt", b""), "empty document".into()),
        (
            scratch.file("nul.txt", b"A title\nA line\0with a NUL\n"),
            "binary data".into(),
        ),
    ];
    for (path, problem) in cases {
        let arg = path.to_str().unwrap();
        let (code, out) = run_failing(&scratch, arg);
        assert_one_clean_error_line(arg, code, &out, &problem);
    }
}

#[test]
fn output_that_is_not_a_terminal_gets_the_text_form() {
    let scratch = Scratch::new("notty");
    let out = Command::new(common::bin())
        .envs(scratch.env())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().next(), Some(SEED_TITLE));
    assert!(text.contains("Key events"), "{text}");
    assert!(text.contains(NEWEST_ENTRY), "{text}");
    assert!(!text.contains('\x1b'), "escape sequence in piped output");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_dumb_terminal_gets_the_text_form_too() {
    // An editor's shell buffer is a pty with TERM=dumb: it would print a screen's escape
    // sequences as text, so the blog is printed as to a pipe, and the reader ends.
    let scratch = Scratch::new("dumb");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[("TERM", "dumb")], SIZE);
    assert_eq!(t.wait_exit(), 0, "it never waits for a key");
    let raw = t.raw();
    assert!(!raw.contains(&0x1b), "{}", raw.escape_ascii());
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(text.lines().next(), Some(SEED_TITLE));
    assert!(text.contains(NEWEST_ENTRY), "{text}");
}

fn signal_restores_and_exits_with(sig: Signal, code: u32) {
    let scratch = Scratch::new("signal");
    let mut t = open_seed(&scratch);
    t.signal(sig);
    assert_eq!(t.wait_exit(), code, "exit status after {sig}");
    assert_restored(&t);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    signal_restores_and_exits_with(Signal::SIGTERM, 143);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    signal_restores_and_exits_with(Signal::SIGHUP, 129);
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    signal_restores_and_exits_with(Signal::SIGINT, 130);
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    signal_restores_and_exits_with(Signal::SIGQUIT, 131);
}

#[test]
fn sigusr1_restores_the_terminal_and_exits_138() {
    signal_restores_and_exits_with(Signal::SIGUSR1, 138);
}

/// How long the reader must write nothing to count as done writing.
const QUIET: std::time::Duration = std::time::Duration::from_millis(400);

#[test]
fn ctrl_l_clears_the_terminal_and_writes_the_whole_screen_again() {
    let scratch = Scratch::new("redraw");
    let mut t = open_seed(&scratch);
    let before = settled(&t, QUIET);
    let screen = t.contents();
    t.send("\x0c");
    let after = settled(&t, QUIET);
    let written = String::from_utf8_lossy(&t.raw()[before..after]).into_owned();
    assert!(written.contains("\x1b[2J"), "cleared: {written:?}");
    assert!(
        after - before > 1000,
        "the whole screen, not a diff: {written:?}"
    );
    assert_eq!(t.contents(), screen, "the same screen");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_key_bound_to_nothing_writes_no_bytes_and_a_bound_one_does() {
    let scratch = Scratch::new("quiet");
    let mut t = open_seed(&scratch);
    let before = settled(&t, QUIET);
    for _ in 0..5 {
        t.send("Z");
    }
    let after = settled(&t, QUIET);
    assert_eq!(
        after - before,
        0,
        "unmapped keys wrote {:?}",
        String::from_utf8_lossy(&t.raw()[before..])
    );
    t.send("j");
    assert!(
        settled(&t, QUIET) > after,
        "a key that scrolls writes the change"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
// The deliberate panic is built into debug builds only (`cargo test`, as CI runs it).
#[cfg_attr(
    not(debug_assertions),
    ignore = "LIVEBLOG_TEST_PANIC exists in debug builds only"
)]
fn a_panic_in_a_background_task_ends_the_reader_and_gives_the_terminal_back() {
    let scratch = Scratch::new("task-panic");
    let mut t = Term::spawn(
        &scratch,
        &[SEED_FILE],
        &[("LIVEBLOG_TEST_PANIC", "task")],
        SIZE,
    );
    t.wait_raw("the first frame (its status bar)", 0, b"q quit");
    assert_eq!(t.wait_exit(), 101, "a panic anywhere ends the process");
    assert_restored(&t);
    let raw = t.raw();
    let left = rfind(&raw, b"\x1b[?1049l").unwrap();
    let after = common::plain_text(&raw[left..]);
    assert!(
        after.contains("a deliberate panic in a background task"),
        "the message is readable after exit:\n{after}"
    );
    assert!(after.contains("this is a bug"), "{after}");
}

/// The screen was drawn for `cols`×`rows`: the status bar is the last row and reaches the
/// right edge (less its one column of padding), and the header starts the first row.
fn drawn_for(s: &vt100::Screen, cols: u16, rows: u16) -> bool {
    let (r, c) = s.size();
    let status = common::row_text(s, rows - 1);
    let status = status.trim_end();
    (r.get(), c.get()) == (rows, cols)
        && status.ends_with("q quit")
        && status.chars().count() + 1 == usize::from(cols)
        && common::row_text(s, 0).starts_with(" Security guarantees")
}

#[test]
fn a_narrow_terminal_collapses_the_sidebar_and_a_wide_one_brings_it_back() {
    let scratch = Scratch::new("resize");
    let mut t = open_seed(&scratch);
    t.wait_for("the first frame at 100×30", |s| drawn_for(s, 100, 30));

    t.resize(60, 20);
    t.wait_for("a 60×20 frame without the sidebar", |s| {
        drawn_for(s, 60, 20) && !s.contents().contains(SIDEBAR)
    });

    t.resize(100, 30);
    t.wait_for("a 100×30 frame with the sidebar", |s| {
        drawn_for(s, 100, 30) && s.contents().contains(SIDEBAR)
    });

    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
}

#[test]
fn a_resize_storm_ends_in_one_frame_of_the_final_size() {
    let scratch = Scratch::new("storm");
    let mut t = open_seed(&scratch);
    for i in 0..200u16 {
        // Sizes on both sides of the sidebar's threshold, and below the minimum now and then.
        t.resize(10 + (i * 37) % 150, 3 + (i * 11) % 50);
    }
    t.resize(90, 25);
    t.wait_for("a 90×25 frame after the storm", |s| {
        drawn_for(s, 90, 25) && s.contents().contains(SIDEBAR)
    });
    assert_eq!(
        t.proc_state().map(|c| c != 'Z'),
        Some(true),
        "still running"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
}

/// Untrusted text as it can arrive in a blog: colour, a title change, a clipboard write, a
/// terminal query, an 8-bit CSI, a bidi override, and two more queries (RELIABILITY.md 7.1).
const HOSTILE: &str = "\x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \x1b]52;c;Y3VybA==\x07 \x1bP$qm\x1b\\ \
                       \u{9b}2J \u{9d}x \u{202E}txt.exe \x1b[21t \x1b[>0q \x1b_apc\x1b\\ \x1b]8;;http://x";

/// Private modes the reader itself sets and resets: the alternate screen, the cursor, mouse
/// reporting and its encodings, bracketed paste and synchronised output.
const PRIVATE_MODES: &[u16] = &[25, 1000, 1002, 1003, 1006, 1015, 1049, 2004, 2026];

/// Records every sequence the program wrote that is not on the allow-list, and the window
/// titles it set.
#[derive(Default)]
struct Oracle {
    violations: Vec<String>,
    titles: Vec<String>,
}

impl vte::Perform for Oracle {
    fn execute(&mut self, byte: u8) {
        // Line ends come from the pty's output processing of messages printed after exit.
        if !matches!(byte, b'\r' | b'\n') {
            self.violations
                .push(format!("control character {byte:#04x}"));
        }
    }

    fn csi_dispatch(
        &mut self,
        params: &vte::Params,
        intermediates: &[u8],
        ignore: bool,
        action: char,
    ) {
        let ps: Vec<u16> = params.iter().flatten().copied().collect();
        let allowed = !ignore
            && match (intermediates, action) {
                // SGR, cursor position and movement, erase in display, line and characters; a scrolling
                // region (DECSTBM) and scrolling it up (SU) or down (SD), how a pane that
                // moved by a few lines is moved without writing it again.
                ([], 'm' | 'H' | 'f' | 'G' | 'A'..='D' | 'J' | 'K' | 'X' | 'r' | 'S' | 'T') => true,
                ([b'?'], 'h' | 'l') => ps.iter().all(|p| PRIVATE_MODES.contains(p)),
                // The title saved and put back (xterm's title stack), and nothing else of XTWINOPS.
                ([], 't') => matches!(ps.as_slice(), [22 | 23, 0]),
                _ => false,
            };
        if !allowed {
            self.violations.push(format!(
                "CSI {} {ps:?} {action}",
                String::from_utf8_lossy(intermediates)
            ));
        }
    }

    fn osc_dispatch(&mut self, params: &[&[u8]], _bell_terminated: bool) {
        match params {
            [b"0" | b"2", title @ ..] => self.titles.push(
                title
                    .iter()
                    .map(|p| String::from_utf8_lossy(p))
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
            _ => self.violations.push(format!(
                "OSC {:?}",
                params
                    .iter()
                    .map(|p| String::from_utf8_lossy(p))
                    .collect::<Vec<_>>()
            )),
        }
    }

    fn hook(&mut self, _params: &vte::Params, intermediates: &[u8], _ignore: bool, action: char) {
        self.violations.push(format!(
            "DCS {} {action}",
            String::from_utf8_lossy(intermediates)
        ));
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], _ignore: bool, byte: u8) {
        self.violations.push(format!(
            "ESC {}{}",
            String::from_utf8_lossy(intermediates),
            char::from(byte)
        ));
    }
}

/// Every escape sequence in `raw` is one the reader means to write; window titles are its own
/// (" — liveblog" at the end) and carry no control or bidi characters. Returns the titles.
fn assert_only_allowed_sequences(raw: &[u8]) -> Vec<String> {
    let mut oracle = Oracle::default();
    vte::Parser::new().advance(&mut oracle, raw);
    assert!(
        oracle.violations.is_empty(),
        "sequences off the allow-list: {:?}",
        oracle.violations
    );
    // SOS, PM and APC strings are swallowed by the parser without a callback: look for them.
    for intro in [b"\x1bX", b"\x1b^", b"\x1b_"] {
        assert!(
            find(raw, intro).is_none(),
            "{} string in the output",
            intro.escape_ascii()
        );
    }
    // The parser also drops control bytes inside an OSC string: check each title's raw bytes.
    let osc_count = raw.windows(2).filter(|w| w == b"\x1b]").count();
    assert_eq!(osc_count, oracle.titles.len(), "an OSC other than a title");
    let mut rest = raw;
    while let Some(i) = find(rest, b"\x1b]") {
        let payload = &rest[i + 2..];
        let end = payload
            .iter()
            .position(|&b| b == 0x07 || b == 0x1b)
            .expect("OSC terminated");
        assert_eq!(
            payload[end], 0x07,
            "title ends with BEL, not another sequence"
        );
        assert!(
            payload[..end].iter().all(|&b| b >= 0x20 && b != 0x7f),
            "control byte in a title: {}",
            payload[..end].escape_ascii()
        );
        rest = &payload[end..];
    }
    for title in &oracle.titles {
        assert!(
            title.ends_with(" — liveblog"),
            "not the reader's title: {title:?}"
        );
        assert!(
            !title
                .chars()
                .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
            "control or bidi character in the title: {title:?}"
        );
    }
    oracle.titles
}

#[test]
fn the_oracle_fails_on_the_raw_corpus_and_passes_the_readers_own_sequences() {
    // The allow-list is only worth something if it fails where it should.
    let bad = [
        "\x1b]0;pwned\x07",
        "\x1b]52;c;Y3VybA==\x07",
        "\x1bP$qm\x1b\\",
        "\u{9b}2J",
        "\u{9d}x",
        "\x1b[21t",
        "\x1b[>0q",
        "\x1b[?1049h\x1b[?9h",
        "\x1b_apc\x1b\\",
        "\x1b]0;a\x1b]0;pwned — liveblog\x07",
        "\x1b]0;pwn\x01ed — liveblog\x07",
        "\x1b]0;\u{202E}txt — liveblog\x07",
        "\x1b]8;;http://x\x1b\\",
        "\x07",
        "\x1bc",
    ];
    for b in bad {
        let caught = std::panic::catch_unwind(|| assert_only_allowed_sequences(b.as_bytes()));
        assert!(caught.is_err(), "{b:?} passed the oracle");
    }
    let own = "\x1b[?1049h\x1b[?1000h\x1b[?1006h\x1b[22;0t\x1b]0;Title — liveblog\x07\x1b[1;1H\
               \x1b[1m\x1b[38;5;15;49m Title\x1b[22m\x1b[0m\x1b[2J\x1b[K\x1b[?25l\x1b[?25h\
               \x1b[4;29r\x1b[1S\x1b[r\x1b[4;29r\x1b[3T\x1b[r\x1b[30X\
               \x1b[?1000l\x1b[?1049l\x1b[23;0t";
    assert_eq!(
        assert_only_allowed_sequences(own.as_bytes()),
        ["Title — liveblog"]
    );
}

/// What must be on screen, and what must not, once the hostile blog is drawn.
fn assert_hostile_text_defused(t: &Term) {
    let c = t.contents();
    assert!(
        c.contains("[31mRED[0m"),
        "the harmless remainder is shown:\n{c}"
    );
    assert!(c.contains("txt.exe"), "{c}");
    assert!(!c.contains('\u{202E}'), "bidi override on screen");
    assert!(
        !c.chars().any(|ch| ('\u{80}'..='\u{9f}').contains(&ch)),
        "C1 control on screen"
    );
}

#[test]
fn hostile_text_in_a_plain_text_blog_reaches_the_terminal_defused() {
    let scratch = Scratch::new("hostile-text");
    // The plain-text form refuses NUL outright (tested above); the JSON test below carries it.
    let blog = format!(
        "Hostile title {HOSTILE}\n\
         Standfirst {HOSTILE}\n\
         Key events\n\
         -\n\
         Key {HOSTILE}\n\
         \n\
         Key {HOSTILE}\n\
         Body {HOSTILE}\n\
         \n\
         Second entry {HOSTILE}\n"
    );
    // The file's name is hostile too: it is shown in the status bar.
    let path = scratch.file("evil-\x1b]0;pwned\x07-\u{9b}2J.txt", blog.as_bytes());
    let mut t = Term::spawn(&scratch, &[path.to_str().unwrap()], &[], SIZE);
    t.wait_text("Hostile title");
    t.wait_text("Second entry");
    t.wait_text("Key events (1)");
    t.wait_text("evil-^[]0;pwned^G-");
    assert_hostile_text_defused(&t);
    t.send("]");
    t.send("?");
    t.wait_text("jump to the next key event");
    t.send("?q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
    let titles = assert_only_allowed_sequences(&t.raw());
    assert!(
        titles
            .iter()
            .all(|t| t.starts_with("Hostile title [31mRED[0m ]0;pwned")),
        "the window title is the sanitised blog title: {titles:?}"
    );
}

#[test]
fn hostile_text_with_nul_in_a_json_blog_reaches_the_terminal_defused() {
    let scratch = Scratch::new("hostile-json");
    let nasty = format!("{HOSTILE} nul\u{0}here");
    let doc = serde_json::json!({
        "liveblog_format": 1,
        "title": format!("Hostile title {nasty}"),
        "standfirst": format!("Standfirst {nasty}"),
        "key_events": [{"title": format!("Key {nasty}"), "entry_id": "e2"}],
        "entries": [
            {"id": "e1", "authors": [format!("Author {nasty}")], "text": format!("Second entry {nasty}")},
            {"id": "e2", "title": format!("Key {nasty}"), "key_event": true, "text": format!("Body {nasty}")},
        ],
    });
    let path = scratch.file("hostile.json", doc.to_string().as_bytes());
    let mut t = Term::spawn(&scratch, &[path.to_str().unwrap()], &[], SIZE);
    t.wait_text("Hostile title");
    t.wait_text("Second entry");
    t.wait_text("Key events (1)");
    assert_hostile_text_defused(&t);
    t.send("]");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
    let titles = assert_only_allowed_sequences(&t.raw());
    assert!(!titles.is_empty() && titles.iter().all(|t| !t.contains('\0')));
}

#[test]
fn the_reader_writes_only_allowed_sequences_for_the_bundled_blog() {
    let scratch = Scratch::new("seed-oracle");
    let mut t = open_seed(&scratch);
    t.send("]]?");
    t.wait_text("jump to the next key event");
    t.send("?GgTq");
    assert_eq!(t.wait_exit(), 0);
    let titles = assert_only_allowed_sequences(&t.raw());
    assert_eq!(titles, [format!("{SEED_TITLE} — liveblog")]);
}

/// Stops the reader with `stop`, checks the terminal was given back first, resumes it and
/// checks it draws the blog again.
fn suspend_and_resume(stop: impl FnOnce(&mut Term)) {
    let scratch = Scratch::new("suspend");
    let mut t = open_seed(&scratch);
    t.wait_text(NEWEST_ENTRY);
    let before = t.raw().len();
    stop(&mut t);
    t.wait_proc_state('T');
    let left = t.wait_raw("leaving the alternate screen", before, b"\x1b[?1049l");
    t.wait_raw("showing the cursor", before, b"\x1b[?25h");
    t.wait_raw("the shell's title put back", before, POP_TITLE);
    t.with_screen(|s| assert!(!s.alternate_screen(), "still on the alternate screen"));
    if let Some(flags) = t.local_flags() {
        assert!(flags.contains("ICANON"), "stopped in raw mode: {flags}");
    }

    t.signal(Signal::SIGCONT);
    t.wait_raw("taking the alternate screen again", left, b"\x1b[?1049h");
    let saved = t.wait_raw("the title saved again", left, PUSH_TITLE);
    t.wait_raw("the reader's title set again", saved, SET_TITLE);
    t.wait_for("the blog drawn again", |s| {
        s.alternate_screen()
            && s.contents().contains(SIDEBAR)
            && s.contents().contains(NEWEST_ENTRY)
    });
    assert_raw_mode(&t);
    // It still takes keys.
    t.send("]");
    t.wait_text(&format!("★ {FIRST_KEY_EVENT}"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
}

#[test]
fn ctrl_z_gives_the_terminal_back_stops_and_redraws_on_resume() {
    suspend_and_resume(|t| t.send("\x1a"));
}

#[test]
fn an_outside_sigtstp_suspends_like_ctrl_z() {
    suspend_and_resume(|t| t.signal(Signal::SIGTSTP));
}

/// How many characters `raw` prints at or right of column `left` (0-based), following its
/// cursor moves.
fn printed_from_column(raw: &[u8], left: usize) -> usize {
    #[derive(Default)]
    struct Count {
        col: usize,
        left: usize,
        printed: usize,
    }
    impl vte::Perform for Count {
        fn print(&mut self, _c: char) {
            self.printed += usize::from(self.col >= self.left);
            self.col += 1;
        }
        fn csi_dispatch(&mut self, params: &vte::Params, _: &[u8], _: bool, action: char) {
            let ps: Vec<u16> = params.iter().flatten().copied().collect();
            match action {
                'H' | 'f' => self.col = usize::from(ps.get(1).copied().unwrap_or(1).max(1) - 1),
                'r' => self.col = 0,
                _ => {}
            }
        }
    }
    let mut count = Count {
        left,
        ..Count::default()
    };
    vte::Parser::new().advance(&mut count, raw);
    count.printed
}

#[test]
fn scrolling_by_lines_moves_the_rows_in_the_terminal_and_shows_what_a_whole_redraw_shows() {
    let scratch = Scratch::new("scroll-region");
    let mut t = open_seed(&scratch);
    t.wait_text(NEWEST_ENTRY);
    let quiet = std::time::Duration::from_millis(300);
    let mut region_scrolls = 0;
    // Down and up by lines, across entries, key events and blank lines, then a page.
    for keys in [
        "j",
        "j",
        "j",
        "jjjj",
        "k",
        "kk",
        "j",
        " ",
        "j",
        "k",
        "jjjjjjjjjj",
        "kkkkk",
    ] {
        let before = settled(&t, quiet);
        t.send(keys);
        let after = settled(&t, quiet);
        let written = &t.raw()[before..after];
        if keys != " " && find(written, b"\x1b[r").is_some() {
            region_scrolls += 1;
        }
        assert_only_allowed_sequences(written);
    }
    assert!(
        region_scrolls >= 8,
        "only {region_scrolls} line moves used a region"
    );
    let by_lines = formatted(&t);

    // Ctrl-Z and back: the screen is cleared and the same frame written whole.
    common::redraw_whole(&mut t, |s| s.contents().contains(SIDEBAR));
    settled(&t, quiet);
    let whole = formatted(&t);
    for (row, (a, b)) in by_lines.iter().zip(&whole).enumerate() {
        assert!(a == b, "row {row} differs from a whole redraw:\n{a}\n{b}");
    }

    // A line's move writes one new row of the entries pane, not the pane: count the
    // characters printed right of the sidebar.
    let (cols, _) = SIZE;
    let top = pane_top_row(&t);
    let pane_left = t.with_screen(|s| {
        let row = common::row_text(s, top);
        row.chars()
            .position(|c| c == '┐')
            .expect("the sidebar's corner")
            + 1
    });
    let before = settled(&t, quiet);
    t.send("j");
    let after = settled(&t, quiet);
    let written = &t.raw()[before..after];
    assert!(
        find(written, b"\x1b[1S").is_some(),
        "the line was not scrolled"
    );
    let in_pane = printed_from_column(written, pane_left);
    assert!(
        in_pane <= usize::from(cols),
        "{in_pane} characters written in the entries pane for one line"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
// The deliberate panic is built into debug builds only (`cargo test`, as CI runs it).
#[cfg_attr(
    not(debug_assertions),
    ignore = "LIVEBLOG_TEST_PANIC exists in debug builds only"
)]
fn a_panic_while_drawing_restores_the_terminal_and_says_why() {
    let scratch = Scratch::new("panic");
    let mut t = Term::spawn(
        &scratch,
        &[SEED_FILE],
        &[("LIVEBLOG_TEST_PANIC", "draw")],
        SIZE,
    );
    // The first frame is drawn; the next redraw panics (a key asks for one, but a clock tick
    // may come first, so the program may be gone by the time the key is sent).
    t.wait_raw("the first frame (its status bar)", 0, b"q quit");
    t.try_send("j");
    assert_eq!(t.wait_exit(), 101);
    assert!(
        find(&t.raw(), b"\x1b[?25l").is_some(),
        "a frame hid the cursor before the panic"
    );
    assert_restored(&t);
    // The message is written after the terminal is given back, so it is plain text on the
    // main screen.
    let raw = t.raw();
    let left = rfind(&raw, b"\x1b[?1049l").unwrap();
    let after = common::plain_text(&raw[left..]);
    assert!(
        after.contains("LIVEBLOG_TEST_PANIC=draw: a deliberate panic while drawing"),
        "the panic message is readable after exit:\n{after}"
    );
}

/// An SGR list that sets a foreground or background colour (39 and 49, the defaults, do not).
fn sets_colour(params: &[u16]) -> bool {
    params
        .iter()
        .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107))
}

#[test]
fn no_color_draws_without_colour_but_keeps_emphasis() {
    let scratch = Scratch::new("no-color");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[("NO_COLOR", "1")], SIZE);
    t.wait_text(SIDEBAR);
    t.send("]");
    t.wait_text(&format!("★ {FIRST_KEY_EVENT}"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
    let sgr = sgr_params(&t.raw());
    let coloured: Vec<_> = sgr.iter().filter(|p| sets_colour(p)).collect();
    assert!(
        coloured.is_empty(),
        "colour with NO_COLOR set: {coloured:?}"
    );
    assert!(
        sgr.iter().any(|p| p.iter().any(|&x| matches!(x, 1 | 7))),
        "no bold or reverse left to show the selection: {sgr:?}"
    );
}

#[test]
fn the_default_theme_does_use_colour() {
    // The other side of the NO_COLOR test: without it, the same run is in colour.
    let scratch = Scratch::new("color");
    let mut t = open_seed(&scratch);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert!(sgr_params(&t.raw()).iter().any(|p| sets_colour(p)));
}

#[test]
fn a_terminal_below_the_minimum_gets_a_notice_and_recovers() {
    let scratch = Scratch::new("tiny");
    let mut t = open_seed(&scratch);
    t.resize(16, 4);
    t.wait_for("the too-small notice", |s| {
        s.contents().contains("Terminal too") && !s.contents().contains(SIDEBAR)
    });
    t.resize(1, 1);
    t.resize(2, 1);
    t.resize(1, 2);
    t.resize(100, 30);
    t.wait_for("the blog at 100×30 again", |s| {
        drawn_for(s, 100, 30) && s.contents().contains(SIDEBAR)
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
}

#[test]
fn closing_the_terminal_ends_the_reader() {
    let scratch = Scratch::new("hangup");
    // Several times: the hang-up can land between the runtime's word that the terminal is
    // readable and the read, where crossterm's reader, used then, spun for ever (a few runs in
    // a hundred on a loaded machine before the terminal was asked first whether it hung up).
    for _ in 0..8 {
        let (status, took) = common::run_and_hang_up(&scratch, &[], b"q quit");
        assert_eq!(
            (status.signal(), status.exit_code()),
            (None, 129),
            "ends as on SIGHUP: {status}"
        );
        // The 10 s limit above catches a reader that spins on the dead terminal; a few seconds
        // is what a closed window may take.
        assert!(took < std::time::Duration::from_secs(5), "took {took:?}");
    }
}

// Live: with no argument the reader follows an in-process replay of the seed on 127.0.0.1.

/// The "n/N" entry counter at the right of the status bar.
fn entry_count(t: &Term) -> Option<usize> {
    let last = t.with_screen(|s| s.size().0.get() - 1);
    let row = t.row(last);
    let field = row
        .split_whitespace()
        .find(|w| w.contains('/') && w.chars().all(|c| c.is_ascii_digit() || c == '/'))?;
    field.split('/').nth(1)?.parse().ok()
}

#[test]
fn with_no_argument_the_bundled_blog_is_a_live_replay_that_grows() {
    let scratch = Scratch::new("replay");
    let mut t = Term::spawn(&scratch, &[], &[], SIZE);
    t.wait_text("REPLAY");
    t.wait_text("LIVE");
    // The seed gives no times: each entry has the time the replay published it, so that
    // what is new reads as new ("just now").
    t.wait_text("just now");
    let first = entry_count(&t).expect("an entry counter in the status bar");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    while entry_count(&t).unwrap_or(0) <= first {
        assert!(
            std::time::Instant::now() < deadline,
            "no new entry arrived: {}",
            t.contents()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
}

#[test]
fn scrolled_away_the_lines_stay_put_while_the_banner_counts_new_entries() {
    let scratch = Scratch::new("replay-scrolled");
    let mut t = Term::spawn(&scratch, &[], &[], SIZE);
    t.wait_text("REPLAY");
    let top = pane_top_row(&t);
    t.send("jjj");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let before: Vec<String> = (top..top + 10).map(|r| t.row(r)).collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    while !t.contents().contains("new entr") {
        assert!(
            std::time::Instant::now() < deadline,
            "no banner: {}",
            t.contents()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // The banner takes one row above the panes; the entry text below it is the same text.
    let after: Vec<String> = (top + 1..top + 11).map(|r| t.row(r)).collect();
    // Compare the entries pane only, right of the sidebar's border: the sidebar may grow
    // with new key events.
    let border = before[0].chars().position(|c| c == '┐').unwrap() + 1;
    let text = |rows: &[String]| -> Vec<String> {
        rows.iter()
            .map(|r| {
                r.chars()
                    .skip(border)
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        text(&before[..9]),
        text(&after[..9]),
        "the reader's lines did not move"
    );
    t.send("t");
    t.wait_for("the banner to go after jumping to the new entries", |s| {
        !s.contents().contains("new entr")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
}

// Links: opened only on a key press, with a fake browser that records what it was given.

#[test]
fn a_link_opens_in_the_browser_as_one_argument_and_only_when_asked() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("links");
    let record = scratch.path().join("opened.txt");
    let script = scratch.file(
        "fake-browser",
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n",
            record.display()
        )
        .as_bytes(),
    );
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let blog = r#"{"liveblog_format":1,"title":"Links","entries":[{"id":"a","text":"x","body":[
        {"type":"paragraph","runs":[{"text":"odd","link":"https://e.com/a b?x=$(id)&y=`id`;z"},
        {"text":" and "},{"text":"trick","link":"javascript:alert(1)"}]}]}]}"#;
    let file = scratch.file("links.json", blog.as_bytes());
    let browser = format!("{} %s", script.display());
    let mut t = Term::spawn(
        &scratch,
        &[file.to_str().unwrap()],
        &[("BROWSER", browser.as_str())],
        SIZE,
    );
    t.wait_text("Links");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!record.exists(), "nothing opens by itself");
    t.send("f");
    t.wait_text("Links in this entry");
    // The second link cannot be opened: refused, and the browser never runs.
    t.send("j");
    t.send("\r");
    t.wait_text("only http and https links open");
    t.send("k");
    t.send("\r");
    t.wait_text("Opened https://e.com/a%20b?x=$(id)&y=`id`;z");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !record.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the browser was not started"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let got = std::fs::read_to_string(&record).unwrap();
    assert_eq!(
        got, "https://e.com/a%20b?x=$(id)&y=`id`;z\n",
        "one argument, the URL as url::Url writes it"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// A blog of one entry, `text`, as liveblog JSON: what a source down at the start serves once
/// it answers.
fn one_entry_blog(title: &str, text: &str) -> String {
    liveblog::formats::native::to_json(&liveblog::blog::LiveBlog {
        title: title.into(),
        entries: vec![liveblog::blog::Entry {
            id: "a".into(),
            body: vec![liveblog::blog::Block::text(text)],
            ..liveblog::blog::Entry::default()
        }],
        ..liveblog::blog::LiveBlog::default()
    })
}

/// A page that links its live data, down at the start: once it answers, the copy is kept as
/// read through the link, so the next sitting polls the link too.
#[test]
fn a_page_down_at_the_start_is_kept_as_read_through_its_link_once_it_answers() {
    let blog = one_entry_blog("Read through the link", "The live data answered.");
    // A relative link, resolved against the page.
    let base = down_once_server(move |path| {
        if path == "/live.json" {
            ("application/json", blog.clone())
        } else {
            let page = "<html><head><title>Page</title><link rel=\"alternate\" \
                        type=\"application/json\" href=\"/live.json\"></head>\
                        <body><p>Nothing live here.</p></body></html>";
            ("text/html", page.to_string())
        }
    });
    let scratch = Scratch::new("first-fails-link");
    let url = format!("{base}/page.html");
    let mut t = Term::spawn(&scratch, &[&url, "--interval", "5"], &[], SIZE);
    t.wait_text("HTTP 503");
    t.wait_text("The live data answered.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let copies = scratch.path().join("home/.cache/liveblog/blogs");
    let copies: Vec<_> = std::fs::read_dir(copies).unwrap().flatten().collect();
    assert_eq!(copies.len(), 1);
    let kept = std::fs::read_to_string(copies[0].path()).unwrap();
    assert!(kept.contains(&format!("{base}/live.json")), "{kept}");
}

#[test]
fn an_address_the_server_does_not_know_is_one_line_not_a_reader_waiting_for_ever() {
    let url = format!("{}/nope", not_found::not_found_server());
    let scratch = Scratch::new("first-404");
    let mut t = Term::spawn(&scratch, &[&url], &[], SIZE);
    assert_eq!(t.wait_exit(), 1, "a mistyped address is an error at once");
    assert!(
        t.contents().contains("not found (HTTP 404)"),
        "{}",
        t.contents()
    );
    assert!(!t.contents().contains("retried"), "{}", t.contents());
    // Said before the screen was ever taken over.
    assert!(!t.raw().windows(8).any(|w| w == b"\x1b[?1049h"));
}

#[test]
fn a_first_request_that_fails_keeps_the_reader_open_and_retries_until_the_blog_comes() {
    let blog = one_entry_blog("Back again", "The source recovered.");
    let url = format!(
        "{}/blog.json",
        down_once_server(move |_| ("application/json", blog.clone()))
    );
    let scratch = Scratch::new("first-fails");
    let mut t = Term::spawn(&scratch, &[&url, "--interval", "5"], &[], SIZE);
    t.wait_text("HTTP 503");
    assert!(t.contents().contains("No entries yet"), "{}", t.contents());
    // One countdown: the bar's own, not a second "next try within" in the message.
    t.wait_text("next try in");
    let status = t.row(SIZE.1 - 1);
    assert_eq!(status.matches("next try").count(), 1, "{status}");
    // The retry comes after the backoff (5 to 10 s at this interval).
    std::thread::sleep(std::time::Duration::from_secs(4));
    t.wait_text("The source recovered.");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_restored(&t);
    // The copy is kept once the blog came, as after a start that went well.
    let copies = scratch.path().join("home/.cache/liveblog/blogs");
    let copies: Vec<_> = std::fs::read_dir(copies).unwrap().flatten().collect();
    assert_eq!(copies.len(), 1);
    let kept = std::fs::read_to_string(copies[0].path()).unwrap();
    assert!(kept.contains("The source recovered."), "{kept}");
}
