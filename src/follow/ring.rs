//! `follow --notify`: the bell for scripts and terminals that follow without the screen.
//!
//! `follow`'s standard output is data (text or JSON lines for a pipe), so the bell and the
//! OSC 9/777 notification never go there: they go to standard error, and only when it is a
//! terminal, where a person can hear them. `--on-alert` runs either way. Nothing rings unless
//! `--notify` is given on the command line: a script that follows a blog must not start
//! beeping because the reader's config file asks the reader to.

use crate::alert::{Alert, Keywords, NotifyMode, alert_for_added, run_on_alert};
use crate::blog::LiveBlog;
use std::io::Write;
use std::time::Duration;

/// How long an `--on-alert` program may take before it is stopped, as in the reader.
pub const ON_ALERT_TIMEOUT: Duration = Duration::from_secs(10);

/// What `follow` does with an alert; see [`Ringing::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ringing {
    pub mode: NotifyMode,
    pub keywords: Keywords,
    /// Write the bell and the notification to standard error (it is a terminal).
    pub bell: bool,
    /// Send OSC 777 as well as OSC 9 (the terminal says it shows it).
    pub osc777: bool,
    /// The user's program for alerts, argv as given; run without a shell.
    pub on_alert: Option<Vec<String>>,
}

impl Ringing {
    /// `None` (silence) unless `notify` was given on `follow`'s command line and is not `off`,
    /// or when there is nowhere for an alert to go: standard error is not a terminal and no
    /// `--on-alert` program is given.
    pub fn new(
        notify: Option<NotifyMode>,
        keywords: Keywords,
        on_alert: Option<Vec<String>>,
        stderr_is_terminal: bool,
        osc777: bool,
    ) -> Option<Ringing> {
        let mode = notify.filter(|m| *m != NotifyMode::Off)?;
        let on_alert = on_alert.filter(|argv| !argv.is_empty());
        (stderr_is_terminal || on_alert.is_some()).then_some(Ringing {
            mode,
            keywords,
            bell: stderr_is_terminal,
            osc777,
            on_alert,
        })
    }

    /// The alert for a refresh of `source` that added the entries `added` (ids, in the blog's
    /// order), if it is worth one: at most one per refresh.
    pub fn alert(&self, source: &str, blog: &LiveBlog, added: &[String]) -> Option<Alert> {
        alert_for_added(source, blog, added, self.mode, &self.keywords)
    }
}

/// Rings for `follow`: the bell on standard error and the `--on-alert` program, whose runs are
/// waited for at the end so the last alert is not cut off when following stops.
pub struct Ringer {
    ringing: Ringing,
    hooks: tokio::task::JoinSet<()>,
}

impl Ringer {
    pub fn new(ringing: Ringing) -> Self {
        Ringer {
            ringing,
            hooks: tokio::task::JoinSet::new(),
        }
    }

    /// After a refresh of `source` that added `added`: one alert at most, rung.
    pub fn after_refresh(&mut self, source: &str, blog: &LiveBlog, added: &[String]) {
        let Some(alert) = self.ringing.alert(source, blog, added) else {
            return;
        };
        if self.ringing.bell {
            // Sanitised and capped by `terminal_bytes`: no text can end the sequence early.
            let mut err = std::io::stderr().lock();
            let _ = err
                .write_all(alert.terminal_bytes(self.ringing.osc777).as_bytes())
                .and_then(|()| err.flush());
        }
        if let Some(argv) = self.ringing.on_alert.clone() {
            self.hooks.spawn(async move {
                if let Err(e) = run_on_alert(&argv, &alert, ON_ALERT_TIMEOUT).await {
                    let line = crate::sanitize::line(&e, 600);
                    let _ = writeln!(std::io::stderr(), "liveblog: {line}");
                }
            });
        }
    }

    /// Waits for the `--on-alert` programs still running (each is stopped at its time limit).
    pub async fn finish(mut self) {
        while self.hooks.join_next().await.is_some() {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::{Block, Entry};

    fn entry(id: &str, key: bool) -> Entry {
        Entry {
            id: id.into(),
            key_event: key,
            body: vec![Block::text(format!("Text of {id}."))],
            ..Entry::default()
        }
    }

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn follow_is_silent_unless_notify_is_given_on_its_command_line() {
        let k = Keywords::default;
        assert_eq!(
            Ringing::new(None, k(), Some(argv("notify-send")), true, false),
            None
        );
        assert_eq!(
            Ringing::new(Some(NotifyMode::Off), k(), Some(argv("x")), true, false),
            None
        );
        let r = Ringing::new(Some(NotifyMode::KeyEvents), k(), None, true, true).unwrap();
        assert!(r.bell && r.osc777 && r.on_alert.is_none());
    }

    #[test]
    fn the_bell_goes_to_stderr_only_when_it_is_a_terminal() {
        let k = Keywords::default;
        // Standard error is a pipe or a file: no bell; with nowhere else to go, nothing at all.
        assert_eq!(
            Ringing::new(Some(NotifyMode::All), k(), None, false, false),
            None
        );
        assert_eq!(
            Ringing::new(Some(NotifyMode::All), k(), Some(Vec::new()), false, false),
            None
        );
        let r = Ringing::new(
            Some(NotifyMode::All),
            k(),
            Some(argv("hook --x")),
            false,
            false,
        )
        .unwrap();
        assert!(!r.bell);
        assert_eq!(r.on_alert, Some(argv("hook --x")));
    }

    #[test]
    fn one_refresh_is_one_alert_and_only_when_it_brought_what_the_mode_asks_for() {
        let r = Ringing::new(
            Some(NotifyMode::KeyEvents),
            Keywords::default(),
            None,
            true,
            false,
        )
        .unwrap();
        let blog = LiveBlog {
            entries: vec![entry("c", true), entry("b", false), entry("a", true)],
            ..LiveBlog::default()
        };
        let a = r.alert("BBC", &blog, &["c".into(), "b".into()]).unwrap();
        assert_eq!((a.source.as_str(), a.new, a.key_events), ("BBC", 2, 1));
        assert_eq!(a.entry_id, "c");
        assert_eq!(r.alert("BBC", &blog, &["b".into()]), None);
        assert_eq!(r.alert("BBC", &blog, &[]), None);
        let words = Ringing {
            keywords: Keywords::new(["text"]),
            ..r
        };
        assert!(words.alert("BBC", &blog, &["b".into()]).is_some());
    }
}
