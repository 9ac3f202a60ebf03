//! A pseudo-terminal harness for end-to-end tests: runs the real binary in a pty of a fixed
//! size, pumps everything it writes into a `vt100` emulator (and keeps the raw bytes, so tests
//! can check the exact escape sequences), and lets a test type keys, resize, signal and wait.
//!
//! Every wait is bounded and polls the parsed screen: a loaded CI machine may be slow, but a
//! test never relies on a fixed sleep to be in sync with the program.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long any single wait may take before the test fails: generous, because CI machines
/// are shared and a debug build starts slowly.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_liveblog")
}

/// What the reader thread has seen so far.
struct Output {
    raw: Vec<u8>,
    parser: vt100::Parser,
    /// The pty returned end-of-file or an error: the program and its children are gone.
    eof: bool,
    /// Output is not read while set (see [`Term::stall`]).
    stalled: bool,
}

/// A program running in a pseudo-terminal.
pub struct Term {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Option<Box<dyn Write + Send>>,
    out: Arc<(Mutex<Output>, Condvar)>,
    reader: Option<JoinHandle<()>>,
    size: (u16, u16),
}

/// The bundled blog as a file: the whole blog at once (with no argument the reader follows a
/// live replay of it instead).
pub const SEED_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/paris-summit-2025-02-17.txt"
);

/// A private directory for config, cache and state, so a test never reads or writes the
/// developer's own files, and a place for test input files.
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "liveblog-pty-{}-{}-{name}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Self { dir }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` to a file in the scratch directory and returns its path.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.join(name);
        std::fs::write(&p, bytes).expect("write test file");
        p
    }

    /// The environment every run gets: a known terminal and time zone, colour on, and homes
    /// that point into the scratch directory.
    pub fn env(&self) -> Vec<(String, String)> {
        let home = self.dir.join("home");
        let _ = std::fs::create_dir_all(&home);
        let h = home.to_string_lossy().into_owned();
        vec![
            ("TERM".into(), "xterm-256color".into()),
            ("TZ".into(), "UTC".into()),
            ("HOME".into(), h.clone()),
            ("XDG_CONFIG_HOME".into(), format!("{h}/.config")),
            ("XDG_CACHE_HOME".into(), format!("{h}/.cache")),
            ("XDG_STATE_HOME".into(), format!("{h}/.local/state")),
            ("XDG_DATA_HOME".into(), format!("{h}/.local/share")),
        ]
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Variables from the developer's environment that would change what the program does.
const UNSET: &[&str] = &[
    "NO_COLOR",
    "LIVEBLOG_TEST_PANIC",
    "RUST_LOG",
    "RUST_BACKTRACE",
    "RUST_LIB_BACKTRACE",
    "COLUMNS",
    "LINES",
];

/// Locks the output even if a failed assertion poisoned it, so the reader thread and the
/// failure message still work.
fn relock(m: &Mutex<Output>) -> MutexGuard<'_, Output> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is at least 1")
}

fn pty_size((cols, rows): (u16, u16)) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Term {
    /// Starts the binary with `args` in a `cols`×`rows` pty. `env` is added to the scratch
    /// environment (a later entry wins).
    pub fn spawn(scratch: &Scratch, args: &[&str], env: &[(&str, &str)], size: (u16, u16)) -> Self {
        let pair = native_pty_system()
            .openpty(pty_size(size))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(bin());
        cmd.args(args);
        cmd.cwd(scratch.path());
        for k in UNSET {
            cmd.env_remove(k);
        }
        for (k, v) in scratch.env() {
            cmd.env(k, v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn the binary");
        // Only the child keeps the slave open, so the reader sees end-of-file when it exits.
        drop(pair.slave);
        let master = pair.master;
        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer = master.take_writer().expect("pty writer");
        let out = Arc::new((
            Mutex::new(Output {
                raw: Vec::new(),
                parser: vt100::Parser::new(nz(size.1), nz(size.0), 0),
                eof: false,
                stalled: false,
            }),
            Condvar::new(),
        ));
        let shared = Arc::clone(&out);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, cv) = &*shared;
                let mut o = relock(lock);
                if n == 0 {
                    o.eof = true;
                    cv.notify_all();
                    break;
                }
                o.raw.extend_from_slice(&buf[..n]);
                o.parser.process(&buf[..n]);
                cv.notify_all();
                while o.stalled {
                    o = cv.wait(o).unwrap_or_else(PoisonError::into_inner);
                }
            }
        });
        Self {
            child,
            master,
            writer: Some(writer),
            out,
            reader: Some(reader),
            size,
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.process_id().expect("child pid")).expect("pid fits i32")
    }

    /// Types `keys` (raw bytes, as a terminal would send them).
    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("writer open");
        w.write_all(keys.as_bytes()).expect("write to pty");
        w.flush().expect("flush pty");
    }

    /// Types `keys` if the program may still be there to read them; errors are ignored.
    pub fn try_send(&mut self, keys: &str) {
        if let Some(w) = self.writer.as_mut() {
            let _ = w.write_all(keys.as_bytes()).and_then(|()| w.flush());
        }
    }

    /// Stops reading the program's output (`true`), as a terminal behind a stalled link does,
    /// until told to go on (`false`): once the pty's buffer is full, the program's writes wait.
    pub fn stall(&self, stalled: bool) {
        let (lock, cv) = &*self.out;
        relock(lock).stalled = stalled;
        cv.notify_all();
    }

    /// Waits up to `limit` for the program to exit, without reading its output (which may be
    /// stalled); whether it did.
    pub fn exited_within(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.child.try_wait().expect("try_wait").is_some() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    /// Resizes the pty (the kernel sends SIGWINCH) and the emulator with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // Resize the emulator first, under the lock, so that whatever the program draws for
        // the new size lands on a screen of that size.
        let (lock, _) = &*self.out;
        let mut o = relock(lock);
        o.parser.screen_mut().set_size(nz(rows), nz(cols));
        self.master
            .resize(pty_size((cols, rows)))
            .expect("resize pty");
        self.size = (cols, rows);
    }

    /// Waits until `pred` holds for the emulated screen; fails the test with the screen shown
    /// if it does not within [`TIMEOUT`].
    pub fn wait_for(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        let (lock, cv) = &*self.out;
        let mut o = relock(lock);
        loop {
            if pred(o.parser.screen()) {
                return;
            }
            let now = Instant::now();
            assert!(
                now < deadline && !o.eof,
                "timed out waiting for {what}{}\n--- screen ---\n{}\n--- last raw bytes ---\n{}",
                if o.eof { " (the program ended)" } else { "" },
                o.parser.screen().contents(),
                tail(&o.raw)
            );
            o = cv
                .wait_timeout(o, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    /// The screen as text, one line per row.
    pub fn contents(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    /// Row `row` of the screen as text (trailing blanks trimmed).
    pub fn row(&self, row: u16) -> String {
        self.with_screen(|s| row_text(s, row))
    }

    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        let (lock, _) = &*self.out;
        f(relock(lock).parser.screen())
    }

    /// Everything the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        relock(&self.out.0).raw.clone()
    }

    /// Waits until the raw output contains `needle` after byte `from`.
    pub fn wait_raw(&self, what: &str, from: usize, needle: &[u8]) -> usize {
        let deadline = Instant::now() + TIMEOUT;
        let (lock, cv) = &*self.out;
        let mut o = relock(lock);
        loop {
            if let Some(i) = find(&o.raw[from.min(o.raw.len())..], needle) {
                return from + i;
            }
            let now = Instant::now();
            assert!(
                now < deadline && !o.eof,
                "timed out waiting for {what}\n--- last raw bytes ---\n{}",
                tail(&o.raw)
            );
            o = cv
                .wait_timeout(o, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// The line discipline's local flags as the program left them (`ICANON | ECHO | …`), or
    /// `None` where the pty cannot say.
    pub fn local_flags(&self) -> Option<String> {
        self.master
            .get_termios()
            .map(|t| format!("{:?}", t.local_flags))
    }

    /// Waits for the program to exit, then for its last output; returns the exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(s) = self.child.try_wait().expect("try_wait") {
                break s;
            }
            assert!(
                Instant::now() < deadline,
                "the program did not exit within {TIMEOUT:?}\n--- screen ---\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        assert!(
            status.signal().is_none(),
            "killed by a signal ({status}) instead of exiting\n--- screen ---\n{}",
            self.contents()
        );
        self.wait_eof();
        status.exit_code()
    }

    /// Waits until the pty reports end-of-file (all output has been read).
    fn wait_eof(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        let (lock, cv) = &*self.out;
        let mut o = relock(lock);
        while !o.eof {
            let now = Instant::now();
            assert!(
                now < deadline,
                "the pty stayed open after the program exited"
            );
            o = cv
                .wait_timeout(o, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        drop(o);
        if let Some(r) = self.reader.take() {
            r.join().expect("reader thread");
        }
    }

    /// Sends a signal to the program.
    pub fn signal(&self, sig: nix::sys::signal::Signal) {
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.pid()), sig).expect("kill");
    }

    /// The process state letter from `/proc/<pid>/stat` (`S` sleeping, `T` stopped, …).
    pub fn proc_state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // The command name is in parentheses and may contain spaces: the state follows the
        // last ')'.
        stat.rsplit_once(')')?.1.trim_start().chars().next()
    }

    /// Waits until the process is in state `state` (see [`Term::proc_state`]).
    pub fn wait_proc_state(&self, state: char) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let s = self.proc_state();
            if s == Some(state) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "process state stayed {s:?}, expected {state:?}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        // A failed test may leave the program running: never leave it behind.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(self.pid()),
                nix::sys::signal::Signal::SIGCONT,
            );
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.writer.take();
    }
}

/// Starts the binary with `args` in a pty, waits for its first frame (output containing
/// `marker`), then closes every handle on the pty's master side, as a terminal emulator does
/// when its window is closed. Returns how the program ended and how long that took.
pub fn run_and_hang_up(
    scratch: &Scratch,
    args: &[&str],
    marker: &'static [u8],
) -> (portable_pty::ExitStatus, Duration) {
    let pair = native_pty_system()
        .openpty(pty_size((100, 30)))
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(bin());
    cmd.args(args);
    cmd.cwd(scratch.path());
    for k in UNSET {
        cmd.env_remove(k);
    }
    for (k, v) in scratch.env() {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn the binary");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let writer = pair.master.take_writer().expect("pty writer");
    // From here on the reader and the writer hold the only handles on the master.
    drop(pair.master);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 8192];
        // Stop reading (and close the reader) as soon as the frame is there: a blocked read
        // would keep the master open.
        while find(&seen, marker).is_none() {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        let _ = tx.send(find(&seen, marker).is_some());
    });
    let framed = rx.recv_timeout(TIMEOUT).unwrap_or(false);
    if !framed {
        let _ = child.kill();
        panic!("no first frame before the hang-up");
    }
    drop(writer);
    let hung_up = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return (status, hung_up.elapsed());
        }
        if hung_up.elapsed() > TIMEOUT {
            let threads = child.process_id().map(threads_of).unwrap_or_default();
            let _ = child.kill();
            panic!(
                "still running {TIMEOUT:?} after the terminal went away; its threads:\n{threads}"
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Where each thread of process `pid` is, one line each: its name, its state and what it
/// waits in (`/proc`'s `stat`, `wchan` and, where readable, the kernel's stack), so a reader
/// that does not end says why in the test's failure.
fn threads_of(pid: u32) -> String {
    use std::fmt::Write as _;
    let read = |p: PathBuf| std::fs::read_to_string(p).unwrap_or_default();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return "(gone)".into();
    };
    let mut out = String::new();
    for task in tasks.flatten() {
        let dir = task.path();
        let stat = read(dir.join("stat"));
        // The state is the field after the name, which is in parentheses.
        let state = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest.trim_start());
        let state = state.split(' ').next().unwrap_or("?");
        let stack = read(dir.join("stack"))
            .lines()
            .take(6)
            .collect::<Vec<_>>()
            .join(" < ");
        let _ = writeln!(
            out,
            "  {} {} state {state} in {} {stack}",
            task.file_name().to_string_lossy(),
            read(dir.join("comm")).trim(),
            read(dir.join("wchan")).trim(),
        );
    }
    out
}

/// Row `row` of `screen` as text, trailing blanks trimmed.
pub fn row_text(screen: &vt100::Screen, row: u16) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .nth(usize::from(row))
        .unwrap_or_default()
}

/// The text in `raw` with every escape sequence taken out: what a reader of a scrolling
/// terminal would see, however long.
pub fn plain_text(raw: &[u8]) -> String {
    struct Text(String);
    impl vte::Perform for Text {
        fn print(&mut self, c: char) {
            self.0.push(c);
        }
        fn execute(&mut self, byte: u8) {
            if byte == b'\n' {
                self.0.push('\n');
            }
        }
    }
    let mut text = Text(String::new());
    vte::Parser::new().advance(&mut text, raw);
    text.0
}

/// Where `needle` first occurs in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Where `needle` last occurs in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The last bytes of the output, escaped, for failure messages.
pub fn tail(raw: &[u8]) -> String {
    let start = raw.len().saturating_sub(600);
    raw[start..].escape_ascii().to_string()
}

/// Every cell of the screen with its colours and emphasis, as the emulator holds it, a row a
/// line (a blank written and a blank erased look the same, so they compare the same).
pub fn formatted(t: &Term) -> Vec<String> {
    use std::fmt::Write;
    t.with_screen(|s| {
        let (rows, cols) = s.size();
        (0..rows.get())
            .map(|r| {
                let mut line = String::new();
                for c in 0..cols.get() {
                    let cell = s.cell(r, c).expect("a cell on screen");
                    let text = match cell.contents() {
                        "" => " ",
                        t => t,
                    };
                    let _ = write!(
                        line,
                        "{text}{:?}{:?}{}{}{}{}",
                        cell.fgcolor(),
                        cell.bgcolor(),
                        u8::from(cell.bold()),
                        u8::from(cell.italic()),
                        u8::from(cell.underline()),
                        u8::from(cell.inverse())
                    );
                }
                line
            })
            .collect()
    })
}

/// Waits until the program has written nothing for `quiet`, and returns how much it wrote.
pub fn settled(t: &Term, quiet: std::time::Duration) -> usize {
    let mut last = t.raw().len();
    loop {
        std::thread::sleep(quiet);
        let now = t.raw().len();
        if now == last {
            return now;
        }
        last = now;
    }
}

/// Ctrl-Z and back (`SIGCONT`): the reader leaves the alternate screen, takes it again and
/// writes its frame whole; returns once `drawn` says the screen shows it.
pub fn redraw_whole(t: &mut Term, drawn: impl Fn(&vt100::Screen) -> bool) {
    let before = t.raw().len();
    t.send("\x1a");
    t.wait_proc_state('T');
    let left = t.wait_raw("leaving the alternate screen", before, b"\x1b[?1049l");
    t.signal(nix::sys::signal::Signal::SIGCONT);
    t.wait_raw("taking the alternate screen again", left, b"\x1b[?1049h");
    t.wait_for("the frame written whole", |s| {
        s.alternate_screen() && drawn(s)
    });
}

/// Every SGR parameter list the program wrote, each as written (`38:5:n` and `38;5;n` alike).
pub fn sgr_params(raw: &[u8]) -> Vec<Vec<u16>> {
    #[derive(Default)]
    struct Sgr(Vec<Vec<u16>>);
    impl vte::Perform for Sgr {
        fn csi_dispatch(&mut self, params: &vte::Params, inter: &[u8], _: bool, action: char) {
            if inter.is_empty() && action == 'm' {
                self.0.push(params.iter().flatten().copied().collect());
            }
        }
    }
    let mut sgr = Sgr::default();
    vte::Parser::new().advance(&mut sgr, raw);
    sgr.0
}
