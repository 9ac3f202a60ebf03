//! The one event loop: terminal events, background results and timers in one `select!`.
//! The only place that spawns tasks or touches the terminal. Redraws only after something
//! happened; there is no frame timer.

use super::action::{Action, Effect, Mouse};
use super::model::Model;
use super::ui;
use crate::live::{self, Command, Refresher};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::{cursor::Show, execute, terminal::SetTitle};
use std::io::Write;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

/// Why the reader stopped; the process exit status follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Stopped by a signal: the shell convention is 128 + its number.
    Signal(i32),
    /// The terminal went away (hang-up).
    HangUp,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(n) => u8::try_from(128 + n).unwrap_or(1),
            Exit::HangUp => 129,
        }
    }
}

/// Runs the reader until the user quits or a signal arrives. Restores the terminal on every
/// path, including panics (ratatui's hook, extended here to release the mouse).
pub async fn run(mut model: Model, refresher: Option<Box<dyn Refresher>>) -> std::io::Result<Exit> {
    install_panic_hook();
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut model, refresher).await;
    restore();
    // Not dropped: `Terminal`'s drop reports a failure to show the cursor with `eprintln!`,
    // which panics when the terminal has gone away (a closed window), and a panic while
    // exiting aborts. The process is ending; its memory goes with it.
    std::mem::forget(terminal);
    result
}

fn restore() {
    // `ratatui::restore` does not show the cursor a frame hid: do it here, or a suspended or
    // crashed reader leaves the shell prompt without one.
    let _ = execute!(std::io::stdout(), DisableMouseCapture, Show);
    // `try_restore`: `restore` prints its failures with `eprintln!`, which panics on a dead tty.
    let _ = ratatui::try_restore();
    let _ = std::io::stdout().flush();
}

/// A panic on the reader's own thread gives the terminal back before the message is printed.
/// A panic in a background task (a fetch, a parse) is caught by the runtime and becomes an
/// error in the status bar; printing it would garble the screen, so it only goes to the log.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    let ui_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread {
            let _ = execute!(std::io::stdout(), DisableMouseCapture, Show);
            let _ = ratatui::try_restore();
            previous(info);
        } else {
            tracing::error!("a background task panicked: {info}");
        }
    }));
}

fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    refresher: Option<Box<dyn Refresher>>,
) -> std::io::Result<Exit> {
    let (tx, mut results) = mpsc::unbounded_channel::<live::Event>();
    let (cmd_tx, cmd_rx) = mpsc::unbounded_channel::<Command>();
    let live = refresher.is_some();
    if let Some(r) = refresher {
        r.start(tx.clone(), cmd_rx);
    }
    // Start crossterm's event source (it takes SIGWINCH) before the size is read: otherwise a
    // resize before the input thread's first read is lost, and the model keeps the old size.
    let _ = event::poll(Duration::ZERO);
    let mut events = spawn_input_thread();
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sigtstp = signal(SignalKind::from_raw(
        nix::sys::signal::Signal::SIGTSTP as i32,
    ))?;
    // Relative times and countdowns: once a second while live, once a minute otherwise.
    let period = if live {
        Duration::from_secs(1)
    } else {
        Duration::from_secs(60)
    };
    let mut clock = tokio::time::interval(period);
    clock.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    let size = terminal.size()?;
    model.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    model.update(Action::Tick(now()));
    set_title(&model.window_title());
    terminal.draw(|f| ui::draw(f, model))?;
    // Debug builds only: with `LIVEBLOG_TEST_PANIC=draw` every redraw after the first frame
    // panics, so the pty tests can check that a panic gives the terminal back (TTY-PANIC-UI).
    #[cfg(debug_assertions)]
    let test_panic = std::env::var_os("LIVEBLOG_TEST_PANIC").is_some_and(|v| v == "draw");

    loop {
        let mut batch: Vec<Action> = Vec::new();
        tokio::select! {
            ev = events.recv() => match ev {
                Some(ev) => batch.extend(translate(model, &ev)),
                // The terminal is gone: stop rather than spin on a dead tty.
                None => return Ok(Exit::HangUp),
            },
            Some(e) = results.recv() => batch.push(Action::Live(e)),
            _ = clock.tick() => batch.push(Action::Tick(now())),
            _ = sigterm.recv() => return Ok(Exit::Signal(15)),
            _ = sighup.recv() => return Ok(Exit::Signal(1)),
            _ = sigint.recv() => return Ok(Exit::Signal(2)),
            _ = sigtstp.recv() => batch.push(Action::Suspend),
        }
        // Take whatever else is already waiting (a resize storm, a burst of wheel events)
        // before drawing once.
        while batch.len() < 256 {
            match events.try_recv() {
                Ok(ev) => batch.extend(translate(model, &ev)),
                Err(mpsc::error::TryRecvError::Empty) => break,
                Err(mpsc::error::TryRecvError::Disconnected) => return Ok(Exit::HangUp),
            }
        }
        let mut redraw_all = false;
        for action in batch {
            for effect in model.update(action) {
                match perform(effect, terminal, model, &cmd_tx) {
                    Performed::Done => {}
                    Performed::Redraw => redraw_all = true,
                    Performed::Exit(exit) => return Ok(exit),
                }
            }
        }
        if redraw_all {
            // Not `Terminal::clear`: it asks the terminal for the cursor position, and the
            // answer never comes while the input thread holds crossterm's reader (the reader
            // quit 2 s after `fg`). The terminal is new since the suspend, so its buffers are
            // blank and clearing the screen is enough for a full redraw.
            if ratatui::backend::Backend::clear(terminal.backend_mut()).is_err() {
                return Ok(Exit::HangUp);
            }
        }
        // A write that fails means the terminal is gone: end as on a hang-up.
        let drawn = terminal.draw(|f| {
            #[cfg(debug_assertions)]
            assert!(
                !test_panic,
                "LIVEBLOG_TEST_PANIC=draw: a deliberate panic while drawing"
            );
            ui::draw(f, model);
        });
        if drawn.is_err() {
            return Ok(Exit::HangUp);
        }
    }
}

/// What carrying out an effect meant for the loop.
enum Performed {
    Done,
    /// The screen must be redrawn in full (after a suspend).
    Redraw,
    Exit(Exit),
}

fn perform(
    effect: Effect,
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    commands: &mpsc::UnboundedSender<Command>,
) -> Performed {
    let command = match effect {
        Effect::Quit => return Performed::Exit(Exit::Quit),
        Effect::Suspend => {
            if !suspend(terminal) {
                return Performed::Exit(Exit::HangUp);
            }
            let Ok(size) = terminal.size() else {
                return Performed::Exit(Exit::HangUp);
            };
            model.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
            return Performed::Redraw;
        }
        Effect::SetTitle(t) => {
            set_title(&t);
            return Performed::Done;
        }
        Effect::OpenUrl(url) => {
            let result = match open_in_browser(&url) {
                Ok(()) => Action::LinkOpened { url },
                Err(error) => Action::OpenFailed { error },
            };
            model.update(result);
            return Performed::Done;
        }
        Effect::RefreshNow => Command::RefreshNow,
        Effect::SetPaused(p) => Command::Pause(p),
        Effect::LoadOlder(p) => Command::LoadOlder(p),
        Effect::LoadPageWith(id) => Command::LoadPageWith(id),
    };
    // Without a refresher (a file) nobody listens, and there is nothing to do.
    let _ = commands.send(command);
    Performed::Done
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

/// Reads terminal events on a thread of its own: a blocking read is the simplest way to wait
/// for the tty without polling. When the tty goes away the read fails, the thread ends and
/// the closed channel tells the loop to stop (never a busy loop on a dead terminal).
fn spawn_input_thread() -> mpsc::UnboundedReceiver<Event> {
    let (tx, rx) = mpsc::unbounded_channel();
    let spawned = std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            while let Ok(ev) = event::read() {
                if tx.send(ev).is_err() {
                    break;
                }
            }
        });
    if spawned.is_err() {
        tracing::error!("could not start the input thread");
    }
    rx
}

fn set_title(title: &str) {
    let safe = crate::sanitize::line(title, 200);
    let _ = execute!(std::io::stdout(), SetTitle(format!("{safe} — liveblog")));
}

/// Ctrl-Z: give the terminal back to the shell, stop, and take it again on `fg`.
/// `false` when the terminal could not be taken back (it went away while stopped).
fn suspend(terminal: &mut DefaultTerminal) -> bool {
    restore();
    // SIGTSTP is handled by the loop, so stop with SIGSTOP, which cannot be caught.
    let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGSTOP);
    match ratatui::try_init() {
        Ok(fresh) => {
            // The old terminal is forgotten, not dropped, for the reason given in `run`.
            std::mem::forget(std::mem::replace(terminal, fresh));
            let _ = execute!(std::io::stdout(), EnableMouseCapture);
            true
        }
        Err(_) => false,
    }
}

/// Terminal events to actions. Key releases and repeats of release-only terminals are ignored.
fn translate(model: &Model, ev: &Event) -> Vec<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            model.keymap.action_for(k).into_iter().collect()
        }
        Event::Resize(w, h) => vec![Action::Resize {
            width: *w,
            height: *h,
        }],
        Event::Mouse(m) => {
            let (column, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollDown => vec![Action::Mouse(Mouse::WheelDown { column, row })],
                MouseEventKind::ScrollUp => vec![Action::Mouse(Mouse::WheelUp { column, row })],
                MouseEventKind::Down(event::MouseButton::Left) => {
                    vec![Action::Mouse(Mouse::Click { column, row })]
                }
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}
