//! The real terminal: taking it and giving it back, suspending, the title, the browser, and
//! the events and signals that reach the loop. Everything here is I/O; the loop in `app` is
//! generic over it, so tests drive the same loop headless.

use super::app::{Events, Exit, Host, Inputs, Signal};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, Event};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, SetTitle, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor::Show, execute, queue};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{BufWriter, IsTerminal, Stdout, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::io::unix::AsyncFd;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

/// What frames are written through: a buffer the size of a large frame, flushed once at the
/// end of each (see `frame_writer`), so that a frame reaches the terminal in one `write`
/// rather than in `Stdout`'s 1 KiB pieces. Nothing stays in it between frames, so what is
/// written straight to stdout (the title, an alert) keeps its place.
pub type Out = BufWriter<Stdout>;

/// The terminal the reader draws on.
pub type ReaderTerminal = Terminal<CrosstermBackend<Out>>;

/// Bytes a frame may take before the buffer is written out on its own: a whole 200×60 screen
/// in colour is well under it.
const FRAME_BUFFER: usize = 256 * 1024;

/// Takes the terminal: raw mode, the alternate screen, mouse reports. From here until
/// [`leave`], a panic anywhere gives it back first (see `crash`).
///
/// The alternate screen and mouse modes are queued with the first frame, not written ahead of
/// it: the terminal gets the whole first screen in one write, and never shows an empty one.
pub fn enter() -> std::io::Result<ReaderTerminal> {
    crate::crash::restore_on_panic(Some(leave));
    enable_raw_mode()?;
    super::ansi::use_palette(super::ansi::Palette::from_env());
    let mut out = BufWriter::with_capacity(FRAME_BUFFER, std::io::stdout());
    queue!(out, EnterAlternateScreen, ClicksAndWheel)?;
    // Frames are written by `frame_writer` from the loop's own buffers, never by
    // `Terminal::draw`: an empty viewport spares `Terminal` two screen-sized buffers of its own.
    Terminal::with_options(
        CrosstermBackend::new(out),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::default()),
        },
    )
}

/// Mouse reports for what the reader uses, clicks and the wheel (mode 1000, in SGR form 1006),
/// and no more: not crossterm's `EnableMouseCapture`, which also asks for every motion (1002,
/// 1003) and floods a slow link while the pointer merely crosses the window. Selecting text
/// stays the terminal's, with Shift held while dragging.
///
/// And bracketed paste (2004): text pasted into the window comes marked as such, so a paste
/// goes into the open prompt whole and is never read as keys (a pasted `q` does not quit).
struct ClicksAndWheel;

impl ratatui::crossterm::Command for ClicksAndWheel {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h\x1b[?2004h")
    }
}

/// Saves the terminal's title (xterm's title stack, `CSI 22;0 t`): written with the reader's
/// first title, so that [`leave`] can put back the shell's, or tmux's pane title, as it was.
struct PushTitle;

impl ratatui::crossterm::Command for PushTitle {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[22;0t")
    }
}

/// Puts back the title [`PushTitle`] saved (`CSI 23;0 t`).
struct PopTitle;

impl ratatui::crossterm::Command for PopTitle {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[23;0t")
    }
}

/// Whether the reader saved the terminal's title and set its own, not yet put back: only a
/// title saved is restored, and only once (a panic and a stuck reader's deadline may take the
/// terminal back from another thread, see `crash`).
static TITLE_SAVED: AtomicBool = AtomicBool::new(false);

/// Undoes [`ClicksAndWheel`]'s bracketed paste (crossterm's `DisableMouseCapture` the rest).
struct NoBracketedPaste;

impl ratatui::crossterm::Command for NoBracketedPaste {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?2004l")
    }
}

/// Gives the terminal back as it was found. Every step is tried even if one fails (the
/// terminal may be gone), and nothing is printed: `eprintln!` panics on a dead tty.
///
/// Written to a copy of standard output's descriptor, not through `Stdout`: a frame's write
/// holds `Stdout`'s lock while it waits on a terminal that stopped reading (a stalled SSH
/// link), and the watch on a stuck loop (`stuck`) gives the terminal back from another thread,
/// which must not wait on that lock. Everything else written to `Stdout` is flushed as it is
/// written, so nothing of it can come after these bytes.
pub fn leave() {
    crate::crash::restore_on_panic(None);
    let mut bytes = Vec::new();
    let _ = queue!(
        bytes,
        NoBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    if TITLE_SAVED.swap(false, Ordering::SeqCst) {
        let _ = queue!(bytes, PopTitle);
    }
    if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
        let _ = std::fs::File::from(fd).write_all(&bytes);
    }
    let _ = disable_raw_mode();
}

/// The host of a reader in a real terminal.
#[derive(Debug, Default)]
pub struct RealTerminal {
    /// The reader's own program for alerts (`--on-alert`), argv as given; run without a shell.
    pub on_alert: Option<Vec<String>>,
    /// Send OSC 777 `notify` as well as OSC 9 (see [`RealTerminal::osc777_from_env`]).
    pub osc777: bool,
    /// Where the alert program's failures go, for the status bar.
    pub failures: Failures,
    /// The title last set, set again on resuming from a suspend (which put the shell's back).
    pub title: Option<String>,
    /// What keeps the places, as the reader runs and when it stops; `None` keeps none.
    pub keeper: Option<super::keep::Keeper>,
}

/// The alert program's failures: what each run reports on, and the loop's end, until the loop
/// takes it (a clone has none).
#[derive(Debug)]
pub struct Failures {
    tx: tokio::sync::mpsc::UnboundedSender<String>,
    rx: Option<tokio::sync::mpsc::UnboundedReceiver<String>>,
}

impl Default for Failures {
    fn default() -> Self {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        Failures { tx, rx: Some(rx) }
    }
}

impl Clone for Failures {
    fn clone(&self) -> Self {
        Failures {
            tx: self.tx.clone(),
            rx: None,
        }
    }
}

impl RealTerminal {
    /// Terminals that show OSC 777 `notify` (rxvt-unicode with its notify extension, foot,
    /// and VTE-based ones such as GNOME Terminal) say so in their environment; OSC 9 (iTerm2,
    /// `WezTerm`, kitty, Windows Terminal, `ConEmu`) is sent to every terminal, which ignores
    /// what it does not know.
    pub fn osc777_from_env() -> bool {
        let term = std::env::var("TERM").unwrap_or_default();
        std::env::var_os("VTE_VERSION").is_some()
            || term.starts_with("rxvt")
            || term.starts_with("foot")
    }
}

impl Host<CrosstermBackend<Out>> for RealTerminal {
    /// Ctrl-Z: give the terminal back to the shell, stop, and take it again on `fg`.
    fn suspend(&mut self, terminal: &mut ReaderTerminal) -> bool {
        leave();
        // SIGTSTP is handled by the loop, so stop with SIGSTOP, which cannot be caught.
        let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGSTOP);
        crate::crash::restore_on_panic(Some(leave));
        if enable_raw_mode().is_err()
            || execute!(std::io::stdout(), EnterAlternateScreen, ClicksAndWheel).is_err()
        {
            return false;
        }
        if let Some(title) = self.title.take() {
            self.set_title(&title);
        }
        // The screen is new: the loop forgets what was on it, so the next frame is drawn whole.
        // (Not `Terminal::clear`: it asks the terminal for the cursor position and waits for
        // the answer.)
        terminal.size().is_ok()
    }

    /// The terminal's own title is saved before the first (see [`PushTitle`]).
    fn set_title(&mut self, title: &str) {
        let safe = crate::sanitize::line(title, 200);
        let mut out = std::io::stdout();
        if !TITLE_SAVED.swap(true, Ordering::SeqCst) {
            let _ = queue!(out, PushTitle);
        }
        let _ = execute!(out, SetTitle(format!("{safe} — liveblog")));
        self.title = Some(title.to_string());
    }

    fn open_url(&mut self, url: &str) -> Result<(), String> {
        open_in_browser(url)
    }

    fn keep_places(&mut self, model: &crate::tui::model::Model) -> bool {
        self.keeper.as_mut().is_none_or(|k| k.keep_meanwhile(model))
    }

    /// OSC 52, written straight to the terminal; the text is base64 inside it, so nothing in
    /// it can end the sequence.
    fn copy(&mut self, text: &str) {
        use std::io::Write;
        let mut out = std::io::stdout();
        let _ = out
            .write_all(crate::tui::model::osc52(text).as_bytes())
            .and_then(|()| out.flush());
    }

    /// The bell and a desktop notification, written straight to the terminal (not into the
    /// screen's cells); the text was sanitised and capped by `Alert::terminal_bytes`.
    fn alert(&mut self, alert: &crate::alert::Alert) {
        use std::io::Write;
        let mut out = std::io::stdout();
        let _ = out
            .write_all(alert.terminal_bytes(self.osc777).as_bytes())
            .and_then(|()| out.flush());
        if let Some(argv) = self.on_alert.clone() {
            let alert = alert.clone();
            let failed = self.failures.tx.clone();
            tokio::spawn(async move {
                if let Err(e) = crate::alert::run_on_alert(&argv, &alert, ON_ALERT_TIMEOUT).await {
                    tracing::warn!(error = %e, "the --on-alert program failed");
                    // Said in the status bar: an alert that did not go out is not silent.
                    let _ = failed.send(crate::sanitize::line(&e, 300));
                }
            });
        }
    }

    fn hand_off_failures(&mut self) -> Option<tokio::sync::mpsc::UnboundedReceiver<String>> {
        self.failures.rx.take()
    }
}

/// How long the reader's own alert program may take before it is stopped.
const ON_ALERT_TIMEOUT: Duration = Duration::from_secs(10);

/// The terminal's events and the signals that end or suspend the reader. Called on the loop's
/// own runtime, which then waits on the terminal.
pub fn inputs() -> std::io::Result<Inputs> {
    Ok(Inputs {
        events: Events::Tty(TtyEvents::new()?),
        signals: spawn_signal_tasks()?,
    })
}

/// The terminal's events, read on the loop's own thread: its runtime waits until the terminal
/// has input (or the window was resized), and the reader reads what is waiting, without ever
/// blocking, and parses it (`input`). No thread sits in a read of its own, so a key wakes one
/// thread.
///
/// The terminal is read here, not by crossterm's event reader: that one waits on readiness of
/// its own that is reported once per arrival, and when a resize and a key came together it
/// could answer the resize and drop the key's report, so the key waited, unread, until the
/// next one was pressed (a Ctrl-Z sent with a resize was not acted on in 45 tries of 200).
/// Here the kernel is asked before every read whether a byte is waiting, and the terminal is
/// read dry before the loop is told it was.
pub struct TtyEvents {
    tty: AsyncFd<std::fs::File>,
    resized: tokio::signal::unix::Signal,
    parser: super::input::Parser,
    /// When an Escape read on its own becomes the Escape key, or a paste left open ends, if
    /// nothing follows by then.
    escape_until: Option<tokio::time::Instant>,
    /// Read and not yet handed to the loop.
    waiting: Vec<Event>,
}

/// How long an Escape read on its own waits for the rest of a sequence: a terminal writes a
/// key's sequence at once, but a slow link (SSH over a poor line) can cut it, and an arrow
/// read as Escape, `[` and `A` would close the help, jump to a key event and filter by author.
/// Short enough not to be felt on the Escape key itself.
const ESCAPE_WAIT: Duration = Duration::from_millis(25);
/// How long a paste's end marker is waited for once nothing more comes: a paste over a slow
/// link arrives in pieces, but a paste left open (its end lost) must not take every key after
/// it for text.
const PASTE_WAIT: Duration = Duration::from_secs(1);

/// How many events are handed to the loop at most at once: a paste into the window is acted
/// on and drawn in pieces, not after the last of it.
const MOST_AT_ONCE: usize = 256;

impl TtyEvents {
    fn new() -> std::io::Result<Self> {
        // The window's size is read after this (by the loop): a resize from here on is heard.
        let resized = signal(SignalKind::window_change())?;
        // The terminal: standard input when it is one, else /dev/tty. A descriptor of our own,
        // left blocking: it is shared with the shell, and is only read when `poll` says a byte
        // is there.
        let stdin = std::io::stdin();
        let fd: OwnedFd = if stdin.is_terminal() {
            stdin.as_fd().try_clone_to_owned()?
        } else {
            std::fs::File::open("/dev/tty")?.into()
        };
        // `with_interest` is deprecated because a raw descriptor may be closed while the
        // runtime still watches it; a `File` owned by the `AsyncFd` cannot be.
        #[expect(
            deprecated,
            reason = "the descriptor is owned by the `AsyncFd`, see above"
        )]
        let tty = AsyncFd::with_interest(std::fs::File::from(fd), tokio::io::Interest::READABLE)?;
        Ok(Self {
            tty,
            resized,
            parser: super::input::Parser::default(),
            escape_until: None,
            waiting: Vec::new(),
        })
    }

    /// As [`Events::next`](super::app::Events): the next events, and whether the terminal is
    /// gone.
    pub async fn next(&mut self) -> (Vec<Event>, bool) {
        loop {
            if !self.waiting.is_empty() {
                return (std::mem::take(&mut self.waiting), false);
            }
            // What is read goes into `waiting` before any other wait: dropped here (another
            // branch of the loop won), nothing is lost.
            let escape_until = self.escape_until;
            let gone = tokio::select! {
                ready = self.tty.readable() => {
                    let Ok(mut guard) = ready else {
                        return (Vec::new(), true);
                    };
                    let ready = guard.ready();
                    if ready.is_read_closed() || ready.is_error() {
                        true
                    } else {
                        match read_waiting(guard.get_inner(), &mut self.parser, &mut self.waiting) {
                            Read::Dry => {
                                guard.clear_ready();
                                let wait = if self.parser.lone_escape() {
                                    Some(ESCAPE_WAIT)
                                } else if self.parser.pasting() {
                                    Some(PASTE_WAIT)
                                } else {
                                    None
                                };
                                self.escape_until =
                                    wait.map(|w| tokio::time::Instant::now() + w);
                                false
                            }
                            // Still readable: the rest is read on the next call.
                            Read::Enough => false,
                            Read::Gone => true,
                        }
                    }
                }
                () = async move {
                    match escape_until {
                        Some(at) => tokio::time::sleep_until(at).await,
                        None => std::future::pending().await,
                    }
                } => {
                    self.escape_until = None;
                    self.parser.idle(&mut self.waiting);
                    false
                }
                Some(()) = self.resized.recv() => {
                    let size = match tty_now(self.tty.get_ref()) {
                        Tty::HungUp => None,
                        Tty::Input | Tty::Quiet => ratatui::crossterm::terminal::size().ok(),
                    };
                    size.map(|(w, h)| self.waiting.push(Event::Resize(w, h))).is_none()
                }
            };
            if gone {
                return (std::mem::take(&mut self.waiting), true);
            }
        }
    }
}

/// What a read of the terminal came to.
enum Read {
    /// Nothing more is waiting.
    Dry,
    /// [`MOST_AT_ONCE`] events are read; more may wait.
    Enough,
    /// The terminal hung up or cannot be read.
    Gone,
}

/// Reads and parses what the terminal has waiting, never waiting for more: each read comes
/// after `poll` said a byte is there, so the blocking descriptor never blocks (raw mode
/// returns what is there). A hung-up terminal answers every read at once, so it is asked
/// first whether it hung up, and a read of nothing is the end too.
fn read_waiting(
    tty: &std::fs::File,
    parser: &mut super::input::Parser,
    into: &mut Vec<Event>,
) -> Read {
    use std::io::Read as _;
    let mut bytes = [0u8; 1024];
    let mut reader = tty;
    while into.len() < MOST_AT_ONCE {
        match tty_now(tty) {
            Tty::HungUp => return Read::Gone,
            Tty::Quiet => return Read::Dry,
            Tty::Input => {}
        }
        match reader.read(&mut bytes) {
            Ok(0) => return Read::Gone,
            Ok(n) => parser.feed(&bytes[..n], into),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Read::Dry,
            Err(_) => return Read::Gone,
        }
    }
    Read::Enough
}

/// What the kernel says of the terminal at this moment.
enum Tty {
    /// Hung up, or the descriptor is unusable: nothing more will come.
    HungUp,
    /// At least a byte is waiting.
    Input,
    /// Nothing is waiting.
    Quiet,
}

/// Asks the kernel (`poll`, without waiting) what the terminal has: its answer now, which the
/// runtime's readiness, reported once per arrival, may be behind.
fn tty_now(tty: &impl AsFd) -> Tty {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    loop {
        let mut fds = [PollFd::new(tty.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::ZERO) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return Tty::HungUp,
        }
        let revents = fds[0].revents().unwrap_or(PollFlags::empty());
        return if revents.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL)
        {
            Tty::HungUp
        } else if revents.contains(PollFlags::POLLIN) {
            Tty::Input
        } else {
            Tty::Quiet
        };
    }
}

/// Every signal whose default is to end the process ends the reader through the loop, so the
/// terminal is always given back; the exit status is the shell's 128 + its number. Should the
/// loop be stuck, `stuck` ends the process after a deadline.
fn spawn_signal_tasks() -> std::io::Result<mpsc::UnboundedReceiver<Signal>> {
    use nix::sys::signal::Signal as S;
    let (tx, rx) = mpsc::unbounded_channel();
    for sig in super::stuck::ENDING {
        let n = sig as i32;
        let mut stream = signal(SignalKind::from_raw(n))?;
        let tx = tx.clone();
        tokio::spawn(async move {
            while stream.recv().await.is_some() {
                if tx.send(Signal::Stop(Exit::Signal(n))).is_err() {
                    break;
                }
            }
        });
    }
    let mut tstp = signal(SignalKind::from_raw(S::SIGTSTP as i32))?;
    tokio::spawn(async move {
        while tstp.recv().await.is_some() {
            if tx.send(Signal::Suspend).is_err() {
                break;
            }
        }
    });
    Ok(rx)
}

/// Starts the browser on one link, only ever because the reader pressed Enter on it. The link
/// was checked by `entry_layout::openable` (http or https, re-serialised). It is passed as a single
/// argument, never through a shell: `$BROWSER` (its words; a `%s` word is replaced by the link,
/// else the link goes last), else `xdg-open` (`open` on macOS).
fn open_in_browser(url: &str) -> Result<(), String> {
    let Some(url) = super::entry_layout::openable(url) else {
        return Err("Refused: only http and https links open".into());
    };
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let words: Vec<String> = match &browser {
        Some(b) => b.split_whitespace().map(str::to_string).collect(),
        None if cfg!(target_os = "macos") => vec!["open".into()],
        None => vec!["xdg-open".into()],
    };
    let (program, rest) = words.split_first().ok_or("no browser to open links with")?;
    let mut args: Vec<String> = rest
        .iter()
        .map(|w| if w == "%s" { url.clone() } else { w.clone() })
        .collect();
    if !rest.iter().any(|w| w == "%s") {
        args.push(url.clone());
    }
    let child = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| {
            let name = crate::sanitize::visible(program, 100);
            format!("Could not start \"{name}\" to open the link: {e}; set BROWSER to your browser")
        })?;
    // Reap it when it ends, so no zombie is left behind.
    std::thread::spawn(move || {
        let mut child = child;
        let _ = child.wait();
    });
    Ok(())
}
