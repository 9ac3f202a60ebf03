//! The one event loop: terminal events, background results and timers in one `select!`.
//! The only place that spawns the refresher or acts on effects. It is generic over the backend
//! and fed its events through channels, so tests drive the very same loop headless.
//!
//! Redraws only when something changed: after a pass that applied actions, the screen is
//! rendered off-screen and written only if it differs from what the terminal shows. A key that
//! maps to nothing, or a clock tick that changes no character, writes zero bytes.

mod wake;
use wake::Clock;

use super::action::{Action, Effect, Mouse};
use super::frame_writer::EraseChars;
use super::model::Model;
use super::ui;
use crate::live::{self, Command, Refresher};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use ratatui::layout::Rect;
use std::collections::VecDeque;
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

/// A signal, as the loop acts on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// End the reader (SIGTERM, SIGHUP, SIGINT, SIGQUIT, …).
    Stop(Exit),
    /// Give the terminal back and stop until resumed (SIGTSTP).
    Suspend,
}

/// What reaches the loop from outside besides the refresher: the terminal's events and signals.
pub struct Inputs {
    pub events: Events,
    pub signals: mpsc::UnboundedReceiver<Signal>,
}

/// Where the terminal's events come from.
pub enum Events {
    /// Sent by another task (a headless run, a test); a closed channel means the terminal is
    /// gone.
    Channel(mpsc::UnboundedReceiver<Event>),
    /// The real terminal, read on the loop's own thread.
    Tty(super::terminal::TtyEvents),
}

impl From<mpsc::UnboundedReceiver<Event>> for Events {
    fn from(rx: mpsc::UnboundedReceiver<Event>) -> Self {
        Events::Channel(rx)
    }
}

impl Events {
    /// Waits for the terminal's next events and takes whatever else is already waiting with
    /// them (a resize storm, a burst of wheel events), to draw once. `true` with them when the
    /// terminal is gone: the events are acted on first (a `q` is a quit). Cancel-safe: nothing
    /// read is lost if another branch of the loop's `select!` wins.
    async fn next(&mut self) -> (Vec<Event>, bool) {
        match self {
            Events::Channel(rx) => {
                let Some(first) = rx.recv().await else {
                    return (Vec::new(), true);
                };
                let mut events = vec![first];
                while events.len() < 256 {
                    match rx.try_recv() {
                        Ok(ev) => events.push(ev),
                        Err(mpsc::error::TryRecvError::Empty) => break,
                        Err(mpsc::error::TryRecvError::Disconnected) => return (events, true),
                    }
                }
                (events, false)
            }
            Events::Tty(tty) => tty.next().await,
        }
    }
}

/// What the loop asks of the world besides drawing: the real terminal does it, a headless run
/// records or ignores it.
pub trait Host<B: Backend> {
    /// Gives the terminal back, stops until resumed, then takes it again and makes the next
    /// frame a whole one. `false` when the terminal could not be taken back.
    fn suspend(&mut self, terminal: &mut Terminal<B>) -> bool;
    /// Sets the terminal's title (sanitised here, whatever the caller did).
    fn set_title(&mut self, title: &str);
    /// Opens a link (already checked by `entry_layout::openable`) in the user's browser.
    fn open_url(&mut self, url: &str) -> Result<(), String>;
    /// Puts text on the clipboard (the real terminal by OSC 52).
    fn copy(&mut self, text: &str) {
        let _ = text;
    }
    /// Tells the reader something arrived (the real terminal rings and notifies, and runs
    /// the reader's own program); a headless run may record it.
    fn alert(&mut self, alert: &crate::alert::Alert) {
        let _ = alert;
    }
    /// Keeps each blog's place on disk as the reader runs (the real terminal: see `keep`);
    /// `false` when it cannot now, to be asked again later.
    fn keep_places(&mut self, model: &Model) -> bool {
        let _ = model;
        true
    }
    /// What a hand-off that goes on after the call (the alert program) says when it fails,
    /// taken once by the loop; `None` when there is none.
    fn hand_off_failures(&mut self) -> Option<tokio::sync::mpsc::UnboundedReceiver<String>> {
        None
    }
}

/// The next failure a hand-off reports; never, without any to report.
async fn next_failure(
    failures: &mut Option<tokio::sync::mpsc::UnboundedReceiver<String>>,
) -> String {
    match failures {
        Some(rx) => match rx.recv().await {
            Some(error) => error,
            None => std::future::pending().await,
        },
        None => std::future::pending().await,
    }
}

/// What keeps each blog fresh: its index (0 for a single blog) and its refresher.
pub type Refreshers = Vec<(usize, Box<dyn Refresher>)>;

/// Runs the reader in the real terminal until the user quits or a signal arrives. The terminal
/// is given back on every path; a panic anywhere ends the process (see `crash`).
///
/// The loop runs on the calling thread, with a runtime of its own that waits on the terminal
/// itself: a key wakes that one thread, as it wakes `less`, rather than an input thread that
/// then wakes the loop. The refreshers start on the runtime the caller has entered and do their
/// work on its workers, never on the loop's thread. Blocks the calling thread until the reader
/// ends: the main thread, with the background runtime entered (`Runtime::enter`) but not inside
/// its `block_on`, where a second runtime cannot run. The main thread rather than one started
/// for the loop: its memory is warm, where a new thread's allocations start an arena of their
/// own, grown a page at a time while the first frame is made.
pub fn run(
    model: &mut Model,
    refreshers: Refreshers,
    mut host: super::terminal::RealTerminal,
    first_frame: Option<FirstFrame>,
) -> std::io::Result<Exit> {
    let background = tokio::runtime::Handle::current();
    let refreshers: Refreshers = refreshers
        .into_iter()
        .map(|(k, r)| {
            let on: Box<dyn Refresher> = Box::new(OnRuntime(background.clone(), r));
            (k, on)
        })
        .collect();
    super::stuck::watch(&background, super::stuck::DEADLINE, |code| {
        std::process::exit(code);
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let inputs = super::terminal::inputs()?;
        let mut terminal = super::terminal::enter()?;
        let frame = match first_frame {
            Some(made) => made.take().await,
            None => None,
        };
        let exit = run_loop(&mut terminal, &mut host, model, (inputs, frame), refreshers).await;
        super::terminal::leave();
        if let Some(keeper) = host.keeper.as_mut() {
            keeper.keep_at_end(model);
        }
        // Not dropped: `Terminal`'s drop reports a failure to show the cursor with `eprintln!`,
        // which panics when the terminal has gone away (a closed window). The process is
        // ending; its memory goes with it.
        std::mem::forget(terminal);
        Ok(exit)
    })
}

/// The buffer the first frame is drawn in, made ahead on the background runtime's idle thread
/// while the blog is read and the model built: a screen of cells is fresh memory the first
/// time it is touched (200×60 cells, nearly half a megabyte, took some 0.4 ms of page faults
/// on the loop's thread).
pub struct FirstFrame(tokio::task::JoinHandle<Buffer>);

impl FirstFrame {
    /// The buffer if it is made; if not, the work is called off and the loop makes its own.
    /// Never waited for: on a busy machine the worker may not have run at all yet (a new
    /// thread placed beside the loop's, or behind another program), and the loop would sleep
    /// until it had started and made the buffer, a context switch each way and up to
    /// milliseconds of someone else's time slice, to save 0.4 ms.
    async fn take(self) -> Option<Buffer> {
        let FirstFrame(made) = self;
        tracing::debug!(made = made.is_finished(), "the first frame's buffer");
        if made.is_finished() {
            made.await.ok()
        } else {
            made.abort();
            None
        }
    }

    /// Starts making a buffer of `width`×`height` on the current runtime; `None` outside one.
    pub fn start(width: u16, height: u16) -> Option<Self> {
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        let area = Rect::new(0, 0, width, height);
        Some(FirstFrame(
            runtime.spawn(async move { Buffer::empty(area) }),
        ))
    }
}

/// A refresher started on the runtime given, whichever runtime the loop runs on.
struct OnRuntime(tokio::runtime::Handle, Box<dyn Refresher>);

impl Refresher for OnRuntime {
    fn start(
        self: Box<Self>,
        tx: mpsc::UnboundedSender<live::Event>,
        rx: mpsc::UnboundedReceiver<Command>,
    ) {
        let OnRuntime(runtime, refresher) = *self;
        let _on = runtime.enter();
        refresher.start(tx, rx);
    }
}

fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}

/// The loop. Returns why it ended; a terminal that cannot be written to is a hang-up.
pub async fn run_loop<B: EraseChars, H: Host<B>>(
    terminal: &mut Terminal<B>,
    host: &mut H,
    model: &mut Model,
    (mut inputs, first_frame): (Inputs, Option<Buffer>),
    refreshers: Refreshers,
) -> Exit {
    // The first screen before anything else: a refresher may start work (the rest of a large
    // file parsed, a first poll) that would only compete with it for the CPU.
    let mut screen = Screen {
        next: first_frame.unwrap_or_default(),
        next_blank: true,
        ..Screen::default()
    };
    let Ok(size) = terminal.size() else {
        return Exit::HangUp;
    };
    model.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    model.update(Action::Tick(now()));
    if !screen.draw_if_changed(terminal, model) {
        return Exit::HangUp;
    }
    tracing::debug!("first screen written");
    // What the first screen did not need; a frame only if it shows (the catch-up's sum, in
    // the status line).
    model.after_first_screen();
    if !screen.draw_if_changed(terminal, model) {
        return Exit::HangUp;
    }
    // After the first screen, which is one write with the alternate screen's own sequences.
    host.set_title(&model.window_title());
    let (mut results, commands) = start_refreshers(refreshers);
    // Relative times and countdowns, as often as the screen shows them (see `clock_period`).
    let mut clock = Clock::new(model.clock_period());
    let mut failures = host.hand_off_failures();
    // When the places are next kept: a while after the reader's keys (or mouse). Not after a
    // refresh alone: what arrives while nobody reads is still news since they last looked.
    let mut keep_due: Option<jiff::Timestamp> = None;
    let keep_later = || now() + super::keep::KEEP_AFTER;

    #[cfg(debug_assertions)]
    test_hooks::background_panic();

    loop {
        let mut queue: VecDeque<Action> = VecDeque::new();
        // The terminal may be gone after these keys: act on them first (a `q` is a quit), then
        // stop rather than spin on a dead tty.
        let mut gone = false;
        let mut keys: Vec<Event> = Vec::new();
        tokio::select! {
            (events, closed) = inputs.events.next() => {
                keys = events;
                gone = closed;
            }
            Some((k, e)) = results.recv() => queue.push_back(Action::Live(k, e)),
            () = clock.tick() => queue.push_back(Action::Tick(now())),
            // A note that ends on its own: one wake-up when it does, none while there is none.
            () = wake::until(model.note_ends()) => queue.push_back(Action::Tick(now())),
            error = next_failure(&mut failures) => queue.push_back(Action::HandOffFailed { error }),
            () = wake::until(keep_due) => {
                keep_due = (!host.keep_places(model)).then(keep_later);
                continue;
            }
            Some(sig) = inputs.signals.recv() => match sig {
                Signal::Stop(exit) => return exit,
                Signal::Suspend => queue.push_back(Action::Suspend),
            },
        }
        let pass = std::time::Instant::now();
        if !keys.is_empty() {
            keep_due = keep_due.or_else(|| Some(keep_later()));
        }
        let mut acted = !queue.is_empty();
        // Each key is read in the mode the keys before it left: letters typed (or pasted)
        // just after `/` in the same read go into the prompt it opened, not to the bindings.
        let mut keys = keys.into_iter().flat_map(escape_then_key);
        loop {
            if let Err(exit) = apply(&mut queue, model, (terminal, host, &mut screen), &commands) {
                return exit;
            }
            let Some(ev) = keys.next() else { break };
            let actions = translate(model, &ev);
            // `r` says how long ago the last request was: it reads the clock as it is pressed,
            // not at the last tick, which is a minute apart while nothing counts down.
            if actions.contains(&Action::Refresh) {
                queue.push_back(Action::Tick(now()));
            }
            queue.extend(actions);
            acted |= !queue.is_empty();
        }
        if !acted && !gone {
            // Nothing that the model acts on (a key bound to nothing): nothing to draw.
            continue;
        }
        let updated = pass.elapsed();
        if gone || !screen.draw_if_changed(terminal, model) {
            return Exit::HangUp;
        }
        tracing::debug!(
            update_us = updated.as_micros(),
            pass_us = pass.elapsed().as_micros(),
            "pass"
        );
        clock.set(model.clock_period());
        // Once the frame is out: what the next page's move would wrap.
        model.prepare_ahead();
    }
}

/// What the terminal shows, to write only what changed and nothing when nothing did.
#[derive(Default)]
struct Screen {
    /// The last frame written; `None` before the first, and after a resume.
    shown: Option<Buffer>,
    /// The next frame, rendered off-screen (kept to reuse its memory).
    next: Buffer,
    /// Whether `next` is as new, every cell blank (before the first frame): not reset again.
    next_blank: bool,
    /// What the last frame drew that the next may copy.
    drawn: ui::Drawn,
    /// What the frame writer keeps of the frame shown, to line up the next one with it.
    rows: super::frame_writer::RowHashes,
    /// The keys of the entries pane's rows in the frame shown (see `ui::entries`).
    shown_rows: Vec<Option<u64>>,
    /// The reader's place and the entries pane in the frame shown: how far the pane moved
    /// since is then known, not guessed.
    place: Option<(super::model::Anchor, Rect)>,
}

impl Screen {
    /// The terminal will show something else (a resume): the next frame is written whole.
    fn forget(&mut self) {
        self.shown = None;
        self.place = None;
    }

    /// Renders the model and writes the frame if it differs from the one shown. `false` when
    /// the terminal could not be written to.
    fn draw_if_changed<B: EraseChars>(
        &mut self,
        terminal: &mut Terminal<B>,
        model: &Model,
    ) -> bool {
        // The model's size, which every resize reaches first: asking the terminal costs an
        // `open` of /dev/tty and an `ioctl` a frame.
        let (width, height) = model.size();
        let area = Rect::new(0, 0, width, height);
        self.next.resize(area);
        if !std::mem::take(&mut self.next_blank) {
            self.next.reset();
        }
        let start = std::time::Instant::now();
        ui::render_keeping(&mut self.next, model, &mut self.drawn);
        let rendered = start.elapsed();
        if self
            .shown
            .as_ref()
            .is_some_and(|shown| super::frame_writer::same_frame(shown, &self.next))
        {
            return true;
        }
        #[cfg(debug_assertions)]
        test_hooks::draw_panic();
        // Written past ratatui's own diff, which knows no scrolling regions or erasing.
        let pane = model.panes.entries;
        let moved = self
            .place
            .as_ref()
            .filter(|(_, was)| *was == pane)
            .and_then(|(from, _)| model.lines_moved_since(from, usize::from(pane.height)))
            .and_then(|k| i16::try_from(k).ok());
        let written = super::frame_writer::write_taking(
            terminal.backend_mut(),
            (&mut self.shown, &mut self.rows),
            &mut self.next,
            (
                pane,
                moved,
                super::frame_writer::Kept::rows(&self.shown_rows, &self.drawn.pane_rows),
            ),
        )
        .is_ok();
        if written {
            std::mem::swap(&mut self.shown_rows, &mut self.drawn.pane_rows);
        }
        self.place = written.then(|| (model.top().clone(), pane));
        // With `RUST_LOG=debug`: where a frame's time goes, to measure a key's cost.
        tracing::debug!(
            render_us = rendered.as_micros(),
            write_us = start.elapsed().saturating_sub(rendered).as_micros(),
            "frame"
        );
        written
    }
}

/// What carrying out an effect meant for the loop.
enum Performed {
    Done,
    /// An action to apply next, in this pass.
    Then(Action),
    /// Back from a suspend: the screen is new; apply this (its size) next.
    Resumed(Action),
    Exit(Exit),
}

/// The blogs' refreshers, started. Each has its own channels; its events reach the loop tagged
/// with the blog's index, and commands go to the blog they are for (or to all).
#[expect(
    clippy::type_complexity,
    reason = "the loop's two ends of the refreshers, named where they are made"
)]
fn start_refreshers(
    refreshers: Refreshers,
) -> (
    mpsc::UnboundedReceiver<(usize, live::Event)>,
    Vec<(usize, mpsc::UnboundedSender<Command>)>,
) {
    let (tx, results) = mpsc::unbounded_channel::<(usize, live::Event)>();
    let mut commands: Vec<(usize, mpsc::UnboundedSender<Command>)> = Vec::new();
    for (k, r) in refreshers {
        let (cmd_tx, cmd_rx) = mpsc::unbounded_channel::<Command>();
        let (ev_tx, mut ev_rx) = mpsc::unbounded_channel::<live::Event>();
        r.start(ev_tx, cmd_rx);
        let tx = tx.clone();
        tokio::spawn(async move {
            while let Some(e) = ev_rx.recv().await {
                if tx.send((k, e)).is_err() {
                    break;
                }
            }
        });
        commands.push((k, cmd_tx));
    }
    (results, commands)
}

/// Frees `old` on a thread of its own (or here, should none start).
fn free_elsewhere(old: Box<crate::blog::LiveBlog>) {
    let _ = std::thread::Builder::new()
        .name("liveblog-free".into())
        .spawn(move || drop(old));
}

/// Applies the queued actions and the effects they bring. Effects may bring actions of their
/// own (a link opened, the size after a resume): they join the queue and are applied in this
/// same pass, never dropped. `Err` when the reader is to end.
fn apply<B: EraseChars, H: Host<B>>(
    queue: &mut VecDeque<Action>,
    model: &mut Model,
    (terminal, host, screen): (&mut Terminal<B>, &mut H, &mut Screen),
    commands: &[(usize, mpsc::UnboundedSender<Command>)],
) -> Result<(), Exit> {
    while let Some(action) = queue.pop_front() {
        for effect in model.update(action) {
            match perform(effect, terminal, host, commands) {
                Performed::Done => {}
                Performed::Then(next) => queue.push_back(next),
                Performed::Resumed(next) => {
                    screen.forget();
                    queue.push_back(next);
                }
                Performed::Exit(exit) => return Err(exit),
            }
        }
    }
    Ok(())
}

fn perform<B: Backend, H: Host<B>>(
    effect: Effect,
    terminal: &mut Terminal<B>,
    host: &mut H,
    commands: &[(usize, mpsc::UnboundedSender<Command>)],
) -> Performed {
    let command = match effect {
        Effect::Quit => return Performed::Exit(Exit::Quit),
        Effect::Suspend => {
            if !host.suspend(terminal) {
                return Performed::Exit(Exit::HangUp);
            }
            let Ok(size) = terminal.size() else {
                return Performed::Exit(Exit::HangUp);
            };
            return Performed::Resumed(Action::Resize {
                width: size.width,
                height: size.height,
            });
        }
        Effect::Redraw => {
            // As after a resume: the size read again too, should a resize have gone unseen.
            let Ok(size) = terminal.size() else {
                return Performed::Exit(Exit::HangUp);
            };
            return Performed::Resumed(Action::Resize {
                width: size.width,
                height: size.height,
            });
        }
        Effect::SetTitle(t) => {
            host.set_title(&t);
            return Performed::Done;
        }
        Effect::Alert(a) => {
            host.alert(&a);
            return Performed::Done;
        }
        Effect::Copy(text) => {
            host.copy(&text);
            return Performed::Done;
        }
        Effect::Free(old) => {
            free_elsewhere(old);
            return Performed::Done;
        }
        Effect::OpenUrl(url) => {
            return Performed::Then(match host.open_url(&url) {
                Ok(()) => Action::LinkOpened { url },
                Err(error) => Action::HandOffFailed { error },
            });
        }
        Effect::RefreshNow => (None, Command::RefreshNow),
        Effect::SetPaused(p) => (None, Command::Pause(p)),
        Effect::LoadOlder(k, p) => (Some(k), Command::LoadOlder(p)),
        Effect::LoadPageWith(k, id) => (Some(k), Command::LoadPageWith(id)),
    };
    // Without a refresher (a file) nobody listens, and there is nothing to do.
    let (to, command) = command;
    for (k, tx) in commands {
        if to.is_none_or(|t| t == *k) {
            let _ = tx.send(command.clone());
        }
    }
    Performed::Done
}

/// Debug builds only: deliberate panics, so the pty tests can check that a panic anywhere gives
/// the terminal back and ends the process (TTY-PANIC-UI).
#[cfg(debug_assertions)]
mod test_hooks {
    fn wanted(what: &str) -> bool {
        std::env::var_os("LIVEBLOG_TEST_PANIC").is_some_and(|v| v == what)
    }

    /// With `LIVEBLOG_TEST_PANIC=draw` every redraw after the first frame panics.
    pub fn draw_panic() {
        use std::sync::atomic::{AtomicBool, Ordering};
        static FIRST_DONE: AtomicBool = AtomicBool::new(false);
        assert!(
            !(wanted("draw") && FIRST_DONE.swap(true, Ordering::Relaxed)),
            "LIVEBLOG_TEST_PANIC=draw: a deliberate panic while drawing"
        );
    }

    /// With `LIVEBLOG_TEST_PANIC=task` a background task panics a moment after the first frame.
    pub fn background_panic() {
        if wanted("task") {
            tokio::spawn(async {
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                panic!("LIVEBLOG_TEST_PANIC=task: a deliberate panic in a background task");
            });
        }
    }
}

/// A letter with Alt, which nothing binds, as the Escape key and then the letter: it is what a
/// terminal sends for Escape pressed just before the letter (`ESC q`) when both are read
/// together, typed fast or bunched by a slow link, and Escape then `q` is what was meant.
fn escape_then_key(ev: Event) -> impl Iterator<Item = Event> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (escape, ev) = match ev {
        Event::Key(k)
            if matches!(k.code, KeyCode::Char(_)) && k.modifiers.contains(KeyModifiers::ALT) =>
        {
            let escape = KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, k.kind);
            let letter = KeyEvent {
                modifiers: k.modifiers - KeyModifiers::ALT,
                ..k
            };
            (Some(Event::Key(escape)), Event::Key(letter))
        }
        other => (None, other),
    };
    // No list made for each key: at most one Escape before it.
    escape.into_iter().chain(std::iter::once(ev))
}

/// Terminal events to actions. Key releases and repeats of release-only terminals are ignored.
fn translate(model: &Model, ev: &Event) -> Vec<Action> {
    match ev {
        // A prompt (`/` search, `&` filter) takes text.
        Event::Key(k) if k.kind != KeyEventKind::Release && model.prompt_open() => {
            use ratatui::crossterm::event::{KeyCode, KeyModifiers};
            match k.code {
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    vec![Action::Close]
                }
                KeyCode::Char('w') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    vec![Action::SearchEraseWord]
                }
                KeyCode::Backspace if k.modifiers.contains(KeyModifiers::ALT) => {
                    vec![Action::SearchEraseWord]
                }
                KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    vec![Action::SearchEraseAll]
                }
                // Of the other control keys, those that are not about the text (Ctrl-l,
                // Ctrl-z as bound) work in a prompt too.
                KeyCode::Char(_) if k.modifiers.contains(KeyModifiers::CONTROL) => model
                    .keymap
                    .action_for(k)
                    .filter(|a| matches!(a, Action::Redraw | Action::Suspend))
                    .into_iter()
                    .collect(),
                KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                    vec![Action::SearchChar(c)]
                }
                KeyCode::Backspace => vec![Action::SearchBackspace],
                KeyCode::Enter => vec![Action::Select],
                KeyCode::Esc => vec![Action::Close],
                _ => Vec::new(),
            }
        }
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            model.keymap.action_for(k).into_iter().collect()
        }
        Event::Paste(text) => {
            // One line, as short as a search word or a filter needs, with nothing in it the
            // terminal could take for a sequence.
            let head: String = text.chars().take(200).collect();
            let line = crate::sanitize::line(&head, 1024);
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if line.is_empty() {
                Vec::new()
            } else {
                vec![Action::Pasted(line)]
            }
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

#[cfg(test)]
mod tests {
    use super::{Action, Event, translate};
    use crate::tui::model::{Model, ReaderOptions};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn a_prompt_takes_text_and_lets_ctrl_l_and_ctrl_z_through() {
        let theme = crate::tui::theme::Theme::new(false);
        let options = ReaderOptions::new("t", theme, jiff::tz::TimeZone::UTC, (80, 24));
        let mut m = Model::new(crate::blog::LiveBlog::default(), options);
        m.update(Action::Search);
        assert!(m.prompt_open());
        let key = |c, mods| translate(&m, &Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
        assert_eq!(key('l', KeyModifiers::NONE), [Action::SearchChar('l')]);
        assert_eq!(key('q', KeyModifiers::NONE), [Action::SearchChar('q')]);
        assert_eq!(key('l', KeyModifiers::CONTROL), [Action::Redraw]);
        assert_eq!(key('z', KeyModifiers::CONTROL), [Action::Suspend]);
        assert_eq!(key('c', KeyModifiers::CONTROL), [Action::Close]);
        // As in a shell: Ctrl-W a word, Ctrl-U the line (a half page up elsewhere).
        assert_eq!(key('w', KeyModifiers::CONTROL), [Action::SearchEraseWord]);
        assert_eq!(key('u', KeyModifiers::CONTROL), [Action::SearchEraseAll]);
        let alt_backspace = Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT));
        assert_eq!(translate(&m, &alt_backspace), [Action::SearchEraseWord]);
        assert!(
            key('f', KeyModifiers::CONTROL).is_empty(),
            "not a page while typing"
        );
    }

    #[test]
    fn a_paste_is_one_clean_line_and_nothing_when_it_holds_no_text() {
        let theme = crate::tui::theme::Theme::new(false);
        let options = ReaderOptions::new("t", theme, jiff::tz::TimeZone::UTC, (80, 24));
        let m = Model::new(crate::blog::LiveBlog::default(), options);
        let paste = |t: &str| translate(&m, &Event::Paste(t.into()));
        assert_eq!(
            paste("  Paris\r\n\tsummit \x1b[31mred\u{202e} "),
            [Action::Pasted("Paris summit [31mred".into())]
        );
        assert!(paste(" \n\x07 ").is_empty());
        let long = paste(&"word ".repeat(100));
        assert!(
            matches!(&long[..], [Action::Pasted(t)] if t.len() < 200),
            "{long:?}"
        );
    }
}
