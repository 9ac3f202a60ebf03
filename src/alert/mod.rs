//! Telling a reader who is not looking that something happened: a bell and a desktop
//! notification through the terminal, or a program of their choosing.
//!
//! - [`NotifyMode`]: what is worth an alert.
//! - [`Keywords`]: words that are always worth one (unless notifications are off).
//! - [`alert_for`]: at most one [`Alert`] per refresh, however many entries it brought.
//! - [`Alert::terminal_bytes`]: BEL, OSC 9 and optionally OSC 777, safe to write as they are.
//! - [`run_on_alert`]: hands the alert, as JSON on standard input, to the user's program.

mod hook;
mod keywords;

pub use hook::run_on_alert;
pub use keywords::Keywords;

use crate::blog::Entry;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use unicode_segmentation::UnicodeSegmentation;

/// Version of the JSON given to an `on-alert` program, in `liveblog_alert`.
pub const ALERT_VERSION: u32 = 1;
/// Most characters of an alert's source and body, and of each terminal notification's text.
pub const TEXT_MAX: usize = 200;

/// Which new entries are worth an alert.
///
/// Keywords alert in every mode but `off`: `off` means silence, whatever else is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum NotifyMode {
    /// Key events and entries matching a keyword.
    #[default]
    KeyEvents,
    /// Every new entry.
    All,
    /// Nothing.
    Off,
}

/// One alert: what a refresh brought, in one line of title and one of body. Every string is
/// sanitised and at most [`TEXT_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alert {
    /// The blog's title (its address when it has none); among several blogs, its short name
    /// ("Guardian"), as its tab and tags say it. The reader and `follow` say the same.
    pub source: String,
    /// "12 new, 2 key events" and the like.
    pub title: String,
    /// The lead entry's title, else the first line of its text.
    pub body: String,
    /// How many new entries were key events.
    pub key_events: usize,
    /// How many new entries there were.
    pub new: usize,
    /// How many new entries matched a keyword.
    pub keyword_matches: usize,
    /// The entry the body is from (to jump to it).
    pub entry_id: String,
    /// Its address on the web, when the blog has one (to open it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The alert for entries that one refresh brought, if they are worth one in `mode`: at most
/// one per call, so a burst of twelve entries is one alert, not twelve.
///
/// `new_entries` is expected newest first, as a blog lists them; a key event is an entry with
/// [`Entry::key_event`] set. The body is from the newest key event, else the newest entry
/// matching a keyword, else the newest entry. `source_name` is the blog's title (or URL).
/// As [`alert_for`], for a refresh of `blog` that added the entries with the ids `added`: the
/// one place both the reader and `follow` pick those entries out.
pub fn alert_for_added(
    source_name: &str,
    blog: &crate::blog::LiveBlog,
    added: &[String],
    mode: NotifyMode,
    keywords: &Keywords,
) -> Option<Alert> {
    if added.is_empty() || mode == NotifyMode::Off {
        return None;
    }
    let added: std::collections::HashSet<&str> = added.iter().map(String::as_str).collect();
    let entries: Vec<&Entry> = blog
        .entries
        .iter()
        .filter(|e| added.contains(e.id.as_str()))
        .collect();
    let mut alert = alert_for(source_name, &entries, mode, keywords)?;
    alert.url = blog
        .url
        .as_deref()
        .and_then(|u| crate::blog::permalink(u, &alert.entry_id));
    Some(alert)
}

pub fn alert_for(
    source_name: &str,
    new_entries: &[&Entry],
    mode: NotifyMode,
    keywords: &Keywords,
) -> Option<Alert> {
    if mode == NotifyMode::Off {
        return None;
    }
    let key: Vec<&Entry> = new_entries
        .iter()
        .copied()
        .filter(|e| e.key_event)
        .collect();
    let matching: Vec<&Entry> = new_entries
        .iter()
        .copied()
        .filter(|e| keywords.matches_entry(e))
        .collect();
    let fires = match mode {
        NotifyMode::KeyEvents => !key.is_empty() || !matching.is_empty(),
        NotifyMode::All => !new_entries.is_empty(),
        NotifyMode::Off => false,
    };
    if !fires {
        return None;
    }
    let lead = newest(&key)
        .or_else(|| newest(&matching))
        .or_else(|| newest(new_entries))?;
    let mut title = format!("{} new", new_entries.len());
    if !key.is_empty() {
        let s = if key.len() == 1 { "" } else { "s" };
        let _ = write!(title, ", {} key event{s}", key.len());
    }
    if !matching.is_empty() {
        let es = if matching.len() == 1 { "" } else { "es" };
        let _ = write!(title, ", {} keyword match{es}", matching.len());
    }
    let body = lead.title.clone().unwrap_or_else(|| {
        lead.plain_text()
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string()
    });
    Some(Alert {
        source: capped(source_name, TEXT_MAX),
        title,
        body: capped(&body, TEXT_MAX),
        key_events: key.len(),
        new: new_entries.len(),
        keyword_matches: matching.len(),
        entry_id: lead.id.clone(),
        url: None,
    })
}

/// The newest of `entries` by time; among equals (or entries without one), the first.
fn newest<'a>(entries: &[&'a Entry]) -> Option<&'a Entry> {
    entries
        .iter()
        .copied()
        .reduce(|best, e| if e.time() > best.time() { e } else { best })
}

impl Alert {
    /// The alert as one line of JSON, for an `on-alert` program:
    /// `{"liveblog_alert":1,"source":…,"title":…,"body":…,"key_events":…,"new":…,
    /// "keyword_matches":…,"entry_id":…}`.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Versioned<'a> {
            liveblog_alert: u32,
            #[serde(flatten)]
            alert: &'a Alert,
        }
        serde_json::to_string(&Versioned {
            liveblog_alert: ALERT_VERSION,
            alert: self,
        })
        .unwrap_or_default()
    }

    /// What to write to the terminal: a BEL, then an OSC 9 desktop notification, then with
    /// `osc777` an OSC 777 one (`ESC ] 777 ; notify ; title ; body BEL`): terminals differ in
    /// which they show, and ignore the ones they do not know.
    ///
    /// The text can never end a sequence early or start another: it is sanitised (no C0 or C1
    /// control, so no BEL, ESC or ST), `;` (OSC 777's separator, and a sub-command separator
    /// in some terminals' OSC 9) becomes `,`, and each piece is at most [`TEXT_MAX`] characters.
    pub fn terminal_bytes(&self, osc777: bool) -> String {
        let heading = format!("{}: {}", self.source, self.title);
        let message = if self.body.is_empty() {
            heading.clone()
        } else {
            format!("{heading} — {}", self.body)
        };
        let mut out = format!("\x07\x1b]9;{}\x07", osc_text(&message));
        if osc777 {
            let _ = write!(
                out,
                "\x1b]777;notify;{};{}\x07",
                osc_text(&heading),
                osc_text(&self.body)
            );
        }
        out
    }
}

/// One line, sanitised, at most `max` characters (grapheme clusters), an ellipsis marking a cut.
fn capped(s: &str, max: usize) -> String {
    let line = crate::sanitize::line(s, max * 4);
    if line.graphemes(true).nth(max).is_none() {
        return line;
    }
    let mut out: String = line.graphemes(true).take(max - 1).collect();
    out.push('…');
    out
}

fn osc_text(s: &str) -> String {
    capped(&s.replace(';', ","), TEXT_MAX)
}

#[cfg(test)]
mod tests;
