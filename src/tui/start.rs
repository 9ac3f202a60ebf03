//! Starting the reader on what was opened: one blog or several, with what was kept of them
//! from earlier sittings, and what keeps it again as the reader runs and stops (`keep`).

use super::app::{self, Refreshers};
use super::keep::{Keeper, Taken};
use super::model::{AlertOptions, FeedSpec, Level, Model, ReaderOptions};
use super::terminal::RealTerminal;
use super::theme::Theme;
use crate::live::{Command, Event, Refresher};
use crate::session::Opened;
use crate::store::{Hold, StateStore};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// How the reader is set up besides its sources.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    /// The event's title, when several blogs are opened for one.
    pub title: Option<String>,
    pub alerts: Option<AlertOptions>,
    /// The reader's own alert program, argv as given.
    pub on_alert: Option<Vec<String>>,
    /// Where read states are kept; `None` keeps none.
    pub states: Option<StateStore>,
    /// Sources that could not be opened, one line each (shown in the status bar).
    pub failures: Vec<String>,
    /// The key table with the config's `[keys]`; `None` for the shipped one.
    pub keymap: Option<super::keymap::Keymap>,
    /// The config's theme; `None` for the default under the environment.
    pub theme: Option<Theme>,
}

/// The one line said at the start of what went wrong on the way: the first thing, and how
/// many more.
fn said_line(said: &[String]) -> Option<String> {
    let first = said.first()?;
    let more = said.len() - 1;
    Some(if more > 0 {
        format!("{first} (and {more} more)")
    } else {
        first.clone()
    })
}

/// Runs the reader on `opened` (at least one) until it quits; returns the exit status.
pub fn read(opened: Vec<Opened>, setup: &Setup) -> Result<u8, String> {
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let first_frame = app::FirstFrame::start(size.0, size.1);
    let tz = crate::blog::local_zone();
    let now = jiff::Timestamp::now();
    // Read state is kept per blog, by its address; not for the bundled replay, which starts
    // again each time.
    let keys: Vec<Option<String>> = opened
        .iter()
        .map(|o| o.kind.is_none().then(|| o.name.clone()))
        .collect();
    let mut refreshers: Refreshers = Vec::new();
    let mut replays = Vec::new();
    let mut specs = Vec::new();
    let mut first = None;
    let mut copies = Vec::new();
    let mut fetched = Vec::new();
    let mut previous = Vec::new();
    let said = said_at_start(&opened, &setup.failures);
    let shorts: Vec<String> = opened.iter().map(|o| o.short.clone()).collect();
    let labels = crate::blog::timeline::labels(&shorts);
    for (k, (o, label)) in opened.into_iter().zip(labels).enumerate() {
        // The reader polls it, trying again with backoff.
        let first_error = o.first_failure(crate::net::Retry::Scheduled);
        fetched.extend(o.fetched_now().then_some(k));
        copies.extend(o.cached.map(|at| (k, at)));
        previous.push((k, o.previous));
        if let Some(r) = o.refresher {
            refreshers.push((k, r));
        }
        replays.extend(o.replay);
        if first.is_none() {
            first = Some((o.name.clone(), o.kind.clone()));
        }
        specs.push(FeedSpec {
            name: label,
            blog: o.blog,
            following: o.following,
            pageable: o.pageable,
            first_error,
        });
    }
    let Some((name, kind)) = first else {
        return Err("nothing to read".into());
    };
    let opts = ReaderOptions {
        source_kind: kind,
        alerts: setup.alerts.clone(),
        keymap: setup.keymap.clone(),
        first_screen_first: true,
        ..ReaderOptions::new(
            name.clone(),
            setup.theme.unwrap_or_else(Theme::from_env),
            tz,
            size,
        )
    };
    let mut model = if specs.len() > 1 {
        Model::with_feeds(specs, setup.title.clone(), opts, now)
    } else {
        let mut spec = specs.remove(0);
        spec.name = name;
        Model::with_feeds(vec![spec], None, opts, now)
    };
    model.update(super::action::Action::Tick(now));
    tracing::debug!("model built");
    for (k, at) in copies {
        model.showing_copy(k, at);
    }
    for k in fetched {
        model.checked_at_open(k, now);
    }
    // Before the read state's: what the copy says of edits made since it was last kept wins
    // over what the reader kept of edits it saw itself.
    for (k, texts) in previous {
        model.said_before(k, texts);
    }
    let keeper = setup.states.as_ref().map(|store| {
        let holds = restore_kept(&mut model, store, &keys);
        let taken = wait_for_holders(store, &keys, &holds, &mut refreshers);
        Keeper::new(store.clone(), keys, (holds, taken))
    });
    tracing::debug!("read state restored");
    if let Some(line) = said_line(&said) {
        model.say(line, Level::Error);
    }
    let host = RealTerminal {
        failures: super::terminal::Failures::default(),
        on_alert: setup.on_alert.clone(),
        osc777: RealTerminal::osc777_from_env(),
        title: None,
        keeper,
    };
    // The places are kept as the reader runs and when it stops (see `keep`).
    let exit = app::run(&mut model, refreshers, host, first_frame)
        .map_err(|e| format!("terminal: {e}"))?;
    // The replays (if any) lived as long as the reader.
    drop(replays);
    // Not dropped: the process ends here, and freeing a long blog's entries and layouts one by
    // one (some 8 million instructions for 5,000 entries) would only hold the shell's prompt
    // back. The model holds no file, lock or child; the read-state holds are dropped as usual.
    std::mem::forget(model);
    Ok(exit.code())
}

/// For each blog another reader holds, a wait for that reader to end, after which this one
/// holds the blog and keeps its place (see [`TakeOver`]).
fn wait_for_holders(
    store: &StateStore,
    keys: &[Option<String>],
    holds: &[Option<Hold>],
    refreshers: &mut Refreshers,
) -> Taken {
    let mut taken = Vec::new();
    for (k, (key, hold)) in keys.iter().zip(holds).enumerate() {
        if let (Some(key), Some(Hold::Busy(_))) = (key, hold) {
            let slot = Arc::new(Mutex::new(None));
            refreshers.push((
                k,
                Box::new(TakeOver {
                    wait: Box::new(store.hold_when_free(key)),
                    slot: Arc::clone(&slot),
                }),
            ));
            taken.push((k, slot));
        }
    }
    taken
}

/// Waits, on a thread of its own and costing nothing meanwhile, for the reader that holds a
/// blog to end; then holds the blog for this one (in `slot`) and says so to the loop.
struct TakeOver {
    wait: Box<dyn FnOnce() -> std::io::Result<Hold> + Send>,
    slot: Arc<Mutex<Option<Hold>>>,
}

impl Refresher for TakeOver {
    fn start(
        self: Box<Self>,
        tx: mpsc::UnboundedSender<Event>,
        _: mpsc::UnboundedReceiver<Command>,
    ) {
        let TakeOver { wait, slot } = *self;
        // A thread, not the runtime's: a wait that may last the whole sitting must not hold the
        // runtime's shutdown back.
        let waiting = std::thread::Builder::new()
            .name("liveblog-hold".into())
            .spawn(move || match wait() {
                Ok(hold) => {
                    if let Ok(mut slot) = slot.lock() {
                        *slot = Some(hold);
                        let _ = tx.send(Event::HeldHere);
                    }
                }
                Err(e) => tracing::warn!(error = %e, "waiting for the other reader to end failed"),
            });
        if let Err(e) = waiting {
            tracing::warn!(error = %e, "could not wait for the other reader to end");
        }
    }
}

/// What the status bar says at the start: the sources that did not open (`failures`), then
/// what went wrong opening the others.
fn said_at_start(opened: &[Opened], failures: &[String]) -> Vec<String> {
    let several = opened.len() > 1;
    let mut said = failures.to_vec();
    for o in opened {
        said.extend(o.notes.iter().map(|note| {
            let note = upper_first(note);
            if several {
                format!("{}: {note}", o.short)
            } else {
                note
            }
        }));
    }
    said
}

/// `text` with its first letter a capital, as a line of the status bar starts.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Restores each blog's kept place, taking the blog for this reader first: a blog another
/// reader holds is read from the place it kept, but this reader will not save over it (said
/// once, in the status bar). The holds live as long as the reader; a blog that keeps no state
/// (the bundled replay) has none.
fn restore_kept(
    model: &mut Model,
    store: &StateStore,
    keys: &[Option<String>],
) -> Vec<Option<Hold>> {
    let mut holds = Vec::with_capacity(keys.len());
    let mut busy = None;
    let mut busy_blogs = Vec::new();
    for (k, key) in keys.iter().enumerate() {
        let Some(key) = key else {
            holds.push(None);
            continue;
        };
        let hold = store.hold(key);
        if let Hold::Busy(pid) = hold {
            busy = busy.or(Some(pid));
            busy_blogs.push(k);
            model.held_by_another(k);
        }
        holds.push(Some(hold));
        // A place that cannot be read is lost: said once, in the status bar.
        match store.load_noting(key) {
            Ok((state, note)) => {
                model.restore(k, state);
                if let Some(w) = note {
                    // The problem first: the bar keeps a line's start (the file is in the log).
                    model.say(w.said_after("Your place was lost"), Level::Error);
                }
            }
            Err(w) => {
                tracing::warn!(warning = %w, "the read state could not be read");
                model.say(w.said_after("Your place could not be read"), Level::Error);
            }
        }
    }
    if let Some(pid) = busy {
        let who = pid.map_or("Another liveblog".to_string(), |p| {
            format!("Another liveblog (PID {p})")
        });
        let what = held_blogs(model, &busy_blogs, keys);
        model.held_elsewhere(format!(
            "{who} has {what} open: it keeps your place and rings its alerts"
        ));
    }
    holds
}

/// The blogs `busy` (of those `keys` name) another reader holds, said by their short names:
/// "this blog", "BBC", "all 3 blogs", "2 of these blogs".
fn held_blogs(model: &Model, busy: &[usize], keys: &[Option<String>]) -> String {
    let names = model.feeds().map(|f| &f.list);
    match (busy, keys.len()) {
        (_, ..=1) => "this blog".to_string(),
        ([k], _) => names
            .and_then(|l| l.get(*k))
            .map(|f| f.name.clone())
            .or_else(|| {
                keys[*k]
                    .as_deref()
                    .map(|key| crate::sanitize::visible(key, 80))
            })
            .unwrap_or_else(|| "one of these blogs".to_string()),
        (all, n) if all.len() == n => format!("all {n} blogs"),
        (some, _) => format!("{} of these blogs", some.len()),
    }
}
