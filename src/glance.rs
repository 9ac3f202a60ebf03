//! `liveblog status`: one line for a tmux or polybar status bar, then exit.
//!
//! `Paris summit ● 5 new · 2 key · 1 edited · BBC ⚠`: whether the blogs are live or ended, how
//! many entries and key events are new since the reader last looked (and how many entries read
//! then have been made key events, edited or taken out: the reader's catch-up, counted by the
//! same [`catch_up`]), and which blogs could only be shown from their last copy. It is a glance, not a look: the read state is read, never
//! written, so the reader's own catch-up is still there the next time it opens. Each source
//! costs one conditional request ([`crate::session::open`] with the cache), which also keeps
//! the cache fresh for the reader.

use crate::blog::{LiveBlog, LiveState};
use crate::event::SourceSpec;
use crate::net::FetchConfig;
use crate::session::{self, NetOptions, Opened};
use crate::store::{ReadState, StateStore, catch_up};
use unicode_segmentation::UnicodeSegmentation;

/// The most characters (grapheme clusters) of a title a status line shows; a status bar is
/// narrow, and a blog's own title is often a whole sentence.
pub const TITLE_MAX: usize = 40;

/// The longest a glance waits for a source: a status bar runs it again and again, and a hung
/// server should cost it a few seconds, then the copy, not the reader's half a minute.
pub const GLANCE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(8);

/// The client's limits for a glance: the usual ones, with every wait at most [`GLANCE_TIMEOUT`].
pub fn fetch_config() -> FetchConfig {
    let usual = FetchConfig::default();
    FetchConfig {
        connect_timeout: usual.connect_timeout.min(GLANCE_TIMEOUT),
        read_timeout: usual.read_timeout.min(GLANCE_TIMEOUT),
        total_timeout: usual.total_timeout.min(GLANCE_TIMEOUT),
        ..usual
    }
}

/// One blog at a glance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glance {
    /// Its short name among several ("Guardian", "BBC"), sanitised.
    pub short: String,
    /// Its title, sanitised.
    pub title: String,
    pub state: LiveState,
    /// Entries new since the last look (none on a first visit).
    pub new: usize,
    /// New entries that are key events.
    pub key_events: usize,
    /// Entries there at the last look that have been made key events since: no news, but
    /// not to be counted as new key events either.
    pub made_key: usize,
    /// Entries there at the last look that have been edited since.
    pub edited: usize,
    /// Entries there at the last look that the source has taken out since.
    pub removed: usize,
    /// The source could not be reached: this is its last copy.
    pub stale: bool,
}

/// What became of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Seen(Glance),
    /// Neither the source nor a copy of it could be read; its short name.
    Failed(String),
}

/// `blog` compared with the state of the reader's last look ([`catch_up`]).
pub fn glance(short: &str, blog: &LiveBlog, kept: &ReadState, from_copy: bool) -> Glance {
    let c = catch_up(kept, blog);
    let made_key = c.key_events.iter().filter(|id| !c.new.contains(id)).count();
    Glance {
        short: short.to_string(),
        title: blog.title.clone(),
        state: blog.state,
        new: c.new.len(),
        key_events: c.key_events.len() - made_key,
        made_key,
        edited: c.edited.len(),
        removed: c.removed.len(),
        stale: from_copy,
    }
}

/// The status line for `parts`, in the order given; `None` when no blog could be read at all.
///
/// The title is `title` (an event's), else with one blog its own title (its short name when it
/// has none), else the short names joined by ` · `, as the reader's header joins them. `●`
/// when any blog is live, `ENDED` when all ended; then the new entries, the new ones that are
/// key events, and the earlier ones made key events, edited and taken out, as the reader's
/// catch-up counts them (`5 new · 2 key · 1 made key · 3 edited · 1 taken out`), counts of
/// zero left out; with one blog a copy is marked ` ⚠` at the end, with several each blog shown
/// from its copy is named with `⚠` and each that failed with `✗` (all of them from their
/// copies: one ` ⚠` at the end). The counts follow the title and its state; a blog named
/// for its copy or its failure is set apart by ` · ` even when it comes first, else it would
/// read as one of the names before it (`Guardian ● BBC ✗`).
pub fn line(title: Option<&str>, parts: &[Part]) -> Option<String> {
    let seen: Vec<&Glance> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Seen(g) => Some(g),
            Part::Failed(_) => None,
        })
        .collect();
    if seen.is_empty() {
        return None;
    }
    let several = parts.len() > 1;
    let title = match (title, parts) {
        (Some(t), _) => t.to_string(),
        (None, [Part::Seen(g)]) if !g.title.trim().is_empty() => g.title.clone(),
        (None, _) => {
            let names: Vec<&str> = seen.iter().map(|g| g.short.as_str()).collect();
            fit_names(&names, TITLE_MAX)
        }
    };
    let mut out = shown(&title, TITLE_MAX);
    if seen.iter().any(|g| g.state == LiveState::Live) {
        out.push_str(" ●");
    } else if seen.iter().all(|g| g.state == LiveState::Ended) {
        out.push_str(" ENDED");
    }
    let sum = |count: fn(&Glance) -> usize| seen.iter().map(|g| count(g)).sum::<usize>();
    let counts = [
        (sum(|g| g.new), "new"),
        (sum(|g| g.key_events), "key"),
        (sum(|g| g.made_key), "made key"),
        (sum(|g| g.edited), "edited"),
        (sum(|g| g.removed), "taken out"),
    ];
    let mut pieces: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    let counted = !pieces.is_empty();
    // Every blog from its copy: one ⚠ says it, as for one blog, rather than every name again.
    let all_stale = parts.iter().all(|p| matches!(p, Part::Seen(g) if g.stale));
    if several && !all_stale {
        for p in parts {
            match p {
                Part::Seen(g) if g.stale => pieces.push(format!("{} ⚠", shown(&g.short, 30))),
                Part::Seen(_) => {}
                Part::Failed(short) => pieces.push(format!("{} ✗", shown(short, 30))),
            }
        }
    }
    if !pieces.is_empty() {
        out.push_str(if counted { " " } else { " · " });
        out.push_str(&pieces.join(" · "));
    }
    if (!several || all_stale) && seen.iter().any(|g| g.stale) {
        out.push_str(" ⚠");
    }
    Some(out)
}

/// Fewest characters a blog's short name is cut to, to fit several in the line's title.
const NAME_LEAST: usize = 8;

/// Short names joined by ` · ` in at most `max` characters where they fit at all: the longest
/// cut first, a character at a time, none below [`NAME_LEAST`], so that every blog is named
/// rather than the last ones cut off the end (`Rishi Suna… · Level 3 LI… · 127.0.0.1:8…`).
fn fit_names(names: &[&str], max: usize) -> String {
    let room = max.saturating_sub(" · ".chars().count() * names.len().saturating_sub(1));
    let mut widths: Vec<usize> = names.iter().map(|n| n.graphemes(true).count()).collect();
    while widths.iter().sum::<usize>() > room {
        let Some(longest) = (0..widths.len()).max_by_key(|&i| (widths[i], usize::MAX - i)) else {
            break;
        };
        if widths[longest] <= NAME_LEAST {
            break;
        }
        widths[longest] -= 1;
    }
    let cut: Vec<String> = names.iter().zip(widths).map(|(n, w)| shown(n, w)).collect();
    cut.join(" · ")
}

/// Text for a status bar: one line, at most `max` characters, and defused for the bars that
/// read markup in a script's output. polybar takes `%{…}` as formatting and click actions
/// (`%{A1:command:}` runs a command); tmux takes `#[…]` as style and `#(…)`/`#{…}` as commands
/// and formats in some places. A space after the `%` or `#` makes each plain text.
pub fn shown(s: &str, max: usize) -> String {
    let line = crate::sanitize::line(s, max * 4);
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let opens = match c {
            '%' => matches!(chars.peek(), Some('{')),
            '#' => matches!(chars.peek(), Some('[' | '(' | '{' | '#')),
            _ => false,
        };
        if opens {
            out.push(' ');
        }
    }
    if out.graphemes(true).nth(max).is_none() {
        return out;
    }
    let mut cut: String = out.graphemes(true).take(max - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// What `liveblog status` found: the line (if any blog could be read) and one line for each
/// source that could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub line: Option<String>,
    pub failures: Vec<String>,
}

/// Opens every source once (concurrently, one conditional request each when `net` keeps a
/// cache, each given at most [`GLANCE_TIMEOUT`]), compares each with its kept read state in
/// `states` and makes the line. Nothing is written to `states`. A source named twice (the same
/// read state) counts once.
pub async fn status(
    specs: &[SourceSpec],
    title: Option<&str>,
    net: &NetOptions,
    states: Option<&StateStore>,
) -> Status {
    let net = NetOptions {
        fetch: Some(fetch_config()),
        ..net.clone()
    };
    let mut tasks = tokio::task::JoinSet::new();
    for (k, spec) in specs.iter().enumerate() {
        let (arg, net) = (spec.arg.clone(), net.clone());
        tasks.spawn(async move { (k, session::open(Some(&arg), &net).await) });
    }
    let mut results: Vec<(usize, Result<Opened, String>)> = Vec::new();
    while let Some(done) = tasks.join_next().await {
        match done {
            Ok((k, opened)) => results.push((k, opened.map_err(|e| e.to_string()))),
            Err(e) => tracing::warn!(error = %e, "an opening task did not finish"),
        }
    }
    results.sort_by_key(|(k, _)| *k);
    let mut shorts: Vec<String> = results
        .iter()
        .map(|(k, r)| match (&specs[*k].name, r) {
            (Some(name), _) => name.clone(),
            (None, Ok(o)) => o.short.clone(),
            (None, Err(_)) => crate::blog::timeline::short_name(&specs[*k].arg.to_string_lossy()),
        })
        .collect();
    // Named as the reader's tabs name them: two blogs of one site by their titles.
    let titles: Vec<&str> = results
        .iter()
        .map(|(_, r)| r.as_ref().map_or("", |o| o.blog.title.as_str()))
        .collect();
    let given: Vec<bool> = results
        .iter()
        .map(|(k, _)| specs[*k].name.is_some())
        .collect();
    let sources: Vec<&std::ffi::OsStr> = results
        .iter()
        .map(|(k, _)| specs[*k].arg.as_os_str())
        .collect();
    session::names_apart(&mut shorts, &titles, &given, &sources);
    let shorts = crate::blog::timeline::labels(&shorts);
    let mut parts = Vec::new();
    let mut failures = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for ((_, result), short) in results.into_iter().zip(shorts) {
        match result {
            Ok(o) => {
                // The reader keeps read state by this name (see `tui::start`).
                if keys.contains(&o.name) {
                    continue;
                }
                keys.push(o.name.clone());
                let kept = states.map(|s| load(s, &o.name)).unwrap_or_default();
                failures.extend(o.notes.iter().map(|n| format!("\"{}\": {n}", o.name)));
                // A glance has no next try.
                failures.extend(o.first_error_line(crate::net::Retry::Unscheduled));
                let from_copy = o.first_error.is_some();
                let mut seen = glance(&short, &o.blog, &kept, from_copy);
                seen.state = o.state_now();
                parts.push(Part::Seen(seen));
            }
            Err(e) => {
                failures.push(e);
                parts.push(Part::Failed(short));
            }
        }
    }
    Status {
        line: line(title, &parts),
        failures,
    }
}

fn load(states: &StateStore, key: &str) -> ReadState {
    // Read only: a file this liveblog cannot use stays for the reader (or a newer one) to see.
    states.peek(key).unwrap_or_else(|w| {
        tracing::warn!(warning = %w, "the read state could not be read");
        ReadState::default()
    })
}

#[cfg(test)]
mod tests;
