//! `liveblog serve`'s line after its banner: how far the replay has come (`5/13 entries out`)
//! and, once nothing more will change, that the replay has ended.
//!
//! It goes to standard error, so the banner on standard output stays the list of addresses a
//! script reads. On a terminal the line is rewritten in place at each change; elsewhere (a log
//! file, a pipe) a change is a line of its own, at most one every [`EVERY`], and the end is
//! always said. Nothing is written before the first change: the banner says how the replay
//! starts, and a run stopped before anything changed (as a test's is) prints nothing more.

use super::http::AppState;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The least time between two lines when standard error is not a terminal.
pub const EVERY: Duration = Duration::from_secs(10);

/// How far the replays are at one moment, summed over the blogs served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Entries that have come (deleted ones too).
    pub out: usize,
    /// Entries in all.
    pub total: usize,
    /// Nothing more will change.
    pub ended: bool,
}

impl Progress {
    /// The line that says it.
    pub fn line(&self) -> String {
        let Progress { out, total, .. } = self;
        if self.ended {
            format!(
                "The replay has ended: {out}/{total} entries out. Still serving (Ctrl-C to stop)."
            )
        } else {
            format!("Replaying: {out}/{total} entries out")
        }
    }
}

/// What to write as the replay goes on; pure, so that tests step it without a clock.
#[derive(Debug)]
pub struct Reporter {
    terminal: bool,
    /// What was last said (or, before anything was, how the replay started).
    said: Progress,
    /// When it was last written, if anything has been.
    written: Option<Duration>,
    /// The width of the line in place (on a terminal), to be blanked by the next.
    width: usize,
    /// A change not yet written (not a terminal, too soon after the last line).
    held: bool,
    done: bool,
}

impl Reporter {
    /// A reporter for a replay that starts at `start`; `terminal` when standard error is one.
    pub fn new(terminal: bool, start: Progress) -> Self {
        Self {
            terminal,
            said: start,
            written: None,
            width: 0,
            held: false,
            done: start.ended,
        }
    }

    /// What to write for `p`, `now` into the replay: nothing when nothing changed or it is too
    /// soon for another line.
    pub fn at(&mut self, now: Duration, p: Progress) -> Option<String> {
        if self.done || p == self.said {
            return None;
        }
        let soon = self.written.is_some_and(|w| now < w.saturating_add(EVERY));
        if !self.terminal && !p.ended && soon {
            self.held = true;
            return None;
        }
        self.said = p;
        self.written = Some(now);
        self.held = false;
        self.done = p.ended;
        let line = p.line();
        if !self.terminal {
            return Some(format!("{line}\n"));
        }
        // Back to the start of the line, over what was there.
        let pad = " ".repeat(self.width.saturating_sub(line.chars().count()));
        self.width = line.chars().count();
        let end = if p.ended { "\n" } else { "" };
        Some(format!("\r{line}{pad}{end}"))
    }

    /// When a change held back may be written.
    pub fn due(&self) -> Option<Duration> {
        self.written
            .filter(|_| self.held && !self.done)
            .map(|w| w.saturating_add(EVERY))
    }

    /// Whether a line is left open in place on the terminal (to be ended by a line break if
    /// the server stops first).
    pub fn open(&self) -> bool {
        self.terminal && self.written.is_some() && !self.done
    }
}

fn progress(replays: &[Arc<AppState>], elapsed: Duration) -> Progress {
    let mut p = Progress {
        out: 0,
        total: 0,
        ended: true,
    };
    for r in replays {
        let (out, total) = r.timeline.entries_out(elapsed);
        p.out += out;
        p.total += total;
        p.ended &= elapsed >= r.timeline.ends_at();
    }
    p
}

/// Says how far `replays` (on one clock) have come, on standard error, until they have ended;
/// `open` says whether a line is left open in place meanwhile.
async fn report(replays: Vec<Arc<AppState>>, terminal: bool, open: Arc<AtomicBool>) {
    let Some(clock) = replays.first().map(|r| Arc::clone(&r.clock)) else {
        return;
    };
    let mut reporter = Reporter::new(terminal, progress(&replays, clock.elapsed()));
    loop {
        let now = clock.elapsed();
        let p = progress(&replays, now);
        if let Some(text) = reporter.at(now, p) {
            let mut err = std::io::stderr().lock();
            if let Err(e) = err.write_all(text.as_bytes()).and_then(|()| err.flush()) {
                tracing::warn!(error = %e, "could not say how far the replay is");
            }
            open.store(reporter.open(), Ordering::SeqCst);
        }
        let next = replays
            .iter()
            .filter_map(|r| r.timeline.next_change(now))
            .chain(reporter.due())
            .min();
        let Some(next) = next.filter(|_| !p.ended) else {
            return;
        };
        // A moment past the change, so that it has happened when the clock is read again.
        let wait = next.saturating_sub(now) + Duration::from_millis(5);
        tokio::time::sleep(wait).await;
    }
}

/// Serves with `run` while [`report`] says how far `replays` are; on Ctrl-C, a line left open in
/// place is ended, so the shell's prompt starts on a line of its own.
pub(super) async fn serving<F>(replays: Vec<Arc<AppState>>, run: F) -> Result<(), super::ServeError>
where
    F: Future<Output = Result<(), super::ServeError>>,
{
    use std::io::IsTerminal;
    let terminal = std::io::stderr().is_terminal();
    let open = Arc::new(AtomicBool::new(false));
    let reporting = tokio::spawn(report(replays, terminal, Arc::clone(&open)));
    let served = run.await;
    reporting.abort();
    if open.load(Ordering::SeqCst) {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(b"\n").and_then(|()| err.flush());
    }
    served
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    fn p(out: usize, ended: bool) -> Progress {
        Progress {
            out,
            total: 13,
            ended,
        }
    }

    #[test]
    fn nothing_is_said_before_the_first_change() {
        let mut r = Reporter::new(true, p(3, false));
        assert_eq!(r.at(S, p(3, false)), None);
        assert!(!r.open());
    }

    #[test]
    fn on_a_terminal_each_change_rewrites_the_line_and_the_end_closes_it() {
        let mut r = Reporter::new(true, p(3, false));
        assert_eq!(
            r.at(S, p(4, false)).as_deref(),
            Some("\rReplaying: 4/13 entries out")
        );
        assert!(r.open());
        assert_eq!(
            r.at(2 * S, p(5, false)).as_deref(),
            Some("\rReplaying: 5/13 entries out")
        );
        let end = r.at(3 * S, p(13, true)).unwrap();
        assert!(
            end.starts_with("\rThe replay has ended: 13/13 entries out."),
            "{end:?}"
        );
        assert!(end.ends_with('\n') && !r.open());
        assert_eq!(r.at(4 * S, p(13, true)), None, "the end is said once");
    }

    #[test]
    fn elsewhere_a_change_is_a_line_at_most_every_few_seconds_and_the_end_always() {
        let mut r = Reporter::new(false, p(3, false));
        assert_eq!(
            r.at(S, p(4, false)).as_deref(),
            Some("Replaying: 4/13 entries out\n")
        );
        assert_eq!(r.at(2 * S, p(5, false)), None, "too soon");
        assert_eq!(r.due(), Some(S + EVERY));
        assert_eq!(
            r.at(S + EVERY, p(6, false)).as_deref(),
            Some("Replaying: 6/13 entries out\n")
        );
        assert_eq!(r.due(), None);
        assert_eq!(
            r.at(S + EVERY + S, p(13, true)).as_deref(),
            Some("The replay has ended: 13/13 entries out. Still serving (Ctrl-C to stop).\n")
        );
        assert!(!r.open());
    }

    #[test]
    fn a_replay_over_from_the_start_says_nothing() {
        let mut r = Reporter::new(true, p(13, true));
        assert_eq!(r.at(S, p(13, true)), None);
    }
}
