//! The reader's one event loop, driven headless: the same `run_loop` the terminal runs, on a
//! `TestBackend`, fed keys through a channel. Effects that bring actions of their own (a link
//! opened) are applied in the same pass, and the screen shows the outcome.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::{Block, Entry, Inline, LiveBlog};
use liveblog::live::Event as LiveEvent;
use liveblog::tui::action::Action;
use liveblog::tui::app::{Exit, Host, Inputs, run_loop};
use liveblog::tui::model::{Model, ReaderOptions};
use liveblog::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tokio::sync::mpsc;

#[derive(Default)]
struct Recorder {
    titles: Vec<String>,
    opened: Vec<String>,
}

impl Host<TestBackend> for Recorder {
    fn suspend(&mut self, _terminal: &mut Terminal<TestBackend>) -> bool {
        true
    }
    fn set_title(&mut self, title: &str) {
        self.titles.push(title.to_string());
    }
    fn open_url(&mut self, url: &str) -> Result<(), String> {
        self.opened.push(url.to_string());
        Ok(())
    }
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn blog() -> LiveBlog {
    let link = Inline {
        text: "the report".into(),
        link: Some("https://example.com/report".into()),
        ..Inline::default()
    };
    let entries = (0..20)
        .map(|i| Entry {
            id: format!("e{i}"),
            title: Some(format!("Entry number {i}")),
            body: if i == 0 {
                vec![Block::Paragraph {
                    runs: vec![link.clone()],
                }]
            } else {
                vec![Block::text(format!("Body of entry {i}."))]
            },
            ..Entry::default()
        })
        .collect();
    LiveBlog {
        title: "Headless".into(),
        entries,
        ..LiveBlog::default()
    }
}

fn screen_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

async fn drive(keys: Vec<Event>) -> (Exit, Terminal<TestBackend>, Recorder) {
    drive_blog(blog(), keys).await
}

async fn drive_blog(blog: LiveBlog, keys: Vec<Event>) -> (Exit, Terminal<TestBackend>, Recorder) {
    let model = Model::new(
        blog,
        ReaderOptions::new(
            "headless",
            Theme::new(false),
            jiff::tz::TimeZone::UTC,
            (80, 24),
        ),
    );
    // One key at a time, as a person types: each pass ends in a frame.
    let keys = keys.into_iter().map(|k| (20, k)).collect();
    drive_model(model, keys).await
}

/// The loop on `model`, each key sent the given milliseconds after the one before it.
async fn drive_model(
    mut model: Model,
    keys: Vec<(u64, Event)>,
) -> (Exit, Terminal<TestBackend>, Recorder) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let (tx, events) = mpsc::unbounded_channel();
    let (_signal_tx, signals) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        for (wait, k) in keys {
            tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
            if tx.send(k).is_err() {
                return;
            }
        }
        // The sender goes here: with no key left to send, the terminal is gone.
    });
    let mut host = Recorder::default();
    let exit = run_loop(
        &mut terminal,
        &mut host,
        &mut model,
        (
            Inputs {
                events: events.into(),
                signals,
            },
            None,
        ),
        Vec::new(),
    )
    .await;
    (exit, terminal, host)
}

#[tokio::test]
async fn the_loop_draws_the_blog_and_quits_on_q() {
    let (exit, t, host) = drive(vec![key(KeyCode::Char('q'))]).await;
    assert_eq!(exit, Exit::Quit);
    let text = screen_text(&t);
    assert!(text.contains("Headless"), "{text}");
    assert!(text.contains("Entry number 0"), "{text}");
    assert_eq!(host.titles, ["Headless"]);
}

#[tokio::test]
async fn an_opened_link_is_reported_on_screen_in_the_same_pass() {
    let keys = vec![
        key(KeyCode::Char('f')),
        key(KeyCode::Enter),
        key(KeyCode::Char('q')),
    ];
    let (exit, t, host) = drive(keys).await;
    assert_eq!(exit, Exit::Quit);
    assert_eq!(host.opened, ["https://example.com/report"]);
    let text = screen_text(&t);
    assert!(
        text.contains("Opened https://example.com/report"),
        "the nested result reached the model and the screen:\n{text}"
    );
}

#[tokio::test]
async fn a_closed_terminal_ends_the_loop_as_a_hang_up() {
    let (exit, _, _) = drive(Vec::new()).await;
    assert_eq!(exit, Exit::HangUp, "no sender left: the terminal is gone");
}

#[tokio::test]
async fn scrolling_moves_the_screen_by_a_line() {
    let (_, top, _) = drive(vec![key(KeyCode::Char('q'))]).await;
    let (_, scrolled, _) = drive(vec![key(KeyCode::Char('j')), key(KeyCode::Char('q'))]).await;
    let (a, b) = (screen_text(&top), screen_text(&scrolled));
    assert_ne!(a, b);
    let first_entry_line = |s: &str| s.lines().position(|l| l.contains("Entry number 1"));
    assert_eq!(
        first_entry_line(&a).map(|r| r - 1),
        first_entry_line(&b),
        "one line up"
    );
}

/// Paging past the end of a blog stops where its last lines still fill what they can of the
/// pane: a blog shorter than the pane never scrolls, a longer one ends with its last entry.
#[tokio::test]
async fn paging_past_the_end_keeps_the_last_entry_on_screen() {
    let short = LiveBlog {
        title: "Short".into(),
        entries: vec![Entry {
            id: "only".into(),
            title: Some("The only entry".into()),
            body: vec![Block::text("A few words, far fewer than a pane holds.")],
            ..Entry::default()
        }],
        ..LiveBlog::default()
    };
    let ends = [
        KeyCode::PageDown,
        KeyCode::Char(' '),
        KeyCode::Char('G'),
        KeyCode::End,
        KeyCode::Char('j'),
    ];
    for end in ends {
        let keys = vec![key(end), key(end), key(end), key(KeyCode::Char('q'))];
        let (_, t, _) = drive_blog(short.clone(), keys).await;
        let text = screen_text(&t);
        assert!(text.contains("The only entry"), "{end:?}:\n{text}");
        assert!(text.contains("far fewer than a pane"), "{end:?}:\n{text}");
        // Twenty entries of four lines: ten pages of a 22-row pane go past the end.
        let mut keys = vec![key(end); if end == KeyCode::Char('j') { 100 } else { 10 }];
        keys.push(key(KeyCode::Char('q')));
        let (_, t, _) = drive(keys).await;
        let text = screen_text(&t);
        assert!(text.contains("Body of entry 19."), "{end:?}:\n{text}");
        assert!(
            text.contains("Body of entry 16."),
            "{end:?}: a full pane\n{text}"
        );
    }
}

/// `r` says how long ago the last check was by the clock as it is pressed. A paused blog's
/// clock ticks once a minute, and its last tick could be a minute old: the floor between
/// requests would seem not to have passed, long after it had.
#[tokio::test]
async fn a_refresh_reads_the_clock_as_it_is_pressed() {
    let mut model = Model::new(
        blog(),
        ReaderOptions {
            following: true,
            ..ReaderOptions::new(
                "headless",
                Theme::new(false),
                jiff::tz::TimeZone::UTC,
                (80, 24),
            )
        },
    );
    // Checked 4 s before the loop's first tick, then paused: nothing ticks each second.
    let at = jiff::Timestamp::now() - jiff::SignedDuration::from_secs(4);
    model.update(Action::Live(0, LiveEvent::Unchanged { at }));
    model.update(Action::TogglePause);
    // `r` 1.5 s into the loop: 5.5 s after the check, past the 5 s floor.
    let keys = vec![
        (1500, key(KeyCode::Char('r'))),
        (20, key(KeyCode::Char('q'))),
    ];
    let (exit, t, _) = drive_model(model, keys).await;
    assert_eq!(exit, Exit::Quit);
    let text = screen_text(&t);
    assert!(
        text.contains("Checking once; still paused"),
        "the floor had passed when r was pressed:\n{text}"
    );
}
