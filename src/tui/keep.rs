//! Keeping each blog's place (its read state: the place, what was seen, the catch-up's base) on
//! disk. When the reader stops, and while it runs: [`KEEP_AFTER`] after a key (or the mouse),
//! so that a reader killed, or a machine that went down, loses at most that while of reading
//! rather than the whole sitting. What is kept then is what quitting then would have kept.
//! A refresh alone is not kept: what arrives while nobody reads is still news since they last
//! looked, for `liveblog status` meanwhile and for the next sitting.
//!
//! Only the blogs this reader holds are kept (see [`Hold`]): a second reader of a blog never
//! saves over the first one's place.

use super::model::Model;
use crate::store::{Hold, ReadState, StateStore};
use std::io::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long after a key (or the mouse) the places are kept, while the reader runs: a few saves
/// a minute at most while reading, none while nobody does.
pub const KEEP_AFTER: Duration = Duration::from_secs(10);

/// The holds of blogs another reader held at the start, taken when that reader ended: by
/// blog, filled in by the reader's take-over (see `start`).
pub type Taken = Vec<(usize, Arc<Mutex<Option<Hold>>>)>;

/// What keeps the places: where, under which names, and which blogs this reader holds.
#[derive(Debug)]
pub struct Keeper {
    store: StateStore,
    /// Each blog's name in the store; `None` for one that keeps no place (a replay).
    keys: Vec<Option<String>>,
    holds: Vec<Option<Hold>>,
    taken: Taken,
    /// The save being written on a thread of its own, if any: the next is put off until it
    /// has ended, and the last one waits for it, so that an older place never lands last.
    writing: Option<std::thread::JoinHandle<()>>,
}

impl Keeper {
    /// Keeps the places of the blogs named `keys` in `store`: those this reader `holds`, and
    /// those another reader held at the start once `taken` from it.
    pub fn new(
        store: StateStore,
        keys: Vec<Option<String>>,
        (holds, taken): (Vec<Option<Hold>>, Taken),
    ) -> Self {
        Keeper {
            store,
            keys,
            holds,
            taken,
            writing: None,
        }
    }

    /// The read states to keep now, by name: every blog but those another reader holds (and
    /// held to the end, when this one did not take the blog over).
    fn states(&self, model: &Model) -> Vec<(String, ReadState)> {
        let now = jiff::Timestamp::now();
        let mut out = Vec::new();
        for (k, key) in self.keys.iter().enumerate() {
            let Some(key) = key else { continue };
            let held_here = (self.taken.iter())
                .any(|(t, slot)| *t == k && slot.lock().is_ok_and(|s| s.is_some()));
            let elsewhere =
                (self.holds.get(k)).is_some_and(|h| h.as_ref().is_some_and(|h| !h.keeps()));
            if elsewhere && !held_here {
                continue;
            }
            if let Some(state) = model.read_state(k, now) {
                out.push((key.clone(), state));
            }
        }
        out
    }

    /// While the reader runs: the places as they are now, written on a thread of their own.
    /// `false`, and nothing done, while the last save is still being written (the caller asks
    /// again later). A place that cannot be written is said in the log; the last save says
    /// it on the terminal.
    pub fn keep_meanwhile(&mut self, model: &Model) -> bool {
        if self.writing.as_ref().is_some_and(|w| !w.is_finished()) {
            return false;
        }
        self.writing = None;
        let made = std::time::Instant::now();
        let states = self.states(model);
        tracing::debug!(us = made.elapsed().as_micros(), "places made to keep");
        if states.is_empty() {
            return true;
        }
        let store = self.store.clone();
        let writing = std::thread::Builder::new()
            .name("liveblog-keep".into())
            .spawn(move || {
                for (key, state) in states {
                    if let Err(e) = store.save(&key, &state) {
                        tracing::warn!(error = %e, "keeping the read state failed");
                    }
                }
            });
        match writing {
            Ok(w) => self.writing = Some(w),
            Err(e) => tracing::warn!(error = %e, "no thread to keep the read state on"),
        }
        true
    }

    /// When the reader stops, the screen given back: the places written here, after any save
    /// still being written; one that cannot be kept is said on stderr.
    pub fn keep_at_end(&mut self, model: &Model) {
        if let Some(w) = self.writing.take() {
            let _ = w.join();
        }
        for (key, state) in self.states(model) {
            if let Err(e) = self.store.save(&key, &state) {
                tracing::warn!(error = %e, "keeping the read state failed");
                let line = crate::sanitize::line(
                    &format!("your place in \"{key}\" could not be kept: {e}"),
                    600,
                );
                let _ = writeln!(std::io::stderr(), "liveblog: {line}");
            }
        }
    }
}
