//! Where the reader was in each blog, and what the blog looked like then, so the next sitting
//! can open at the same place and say what changed meanwhile ([`super::catch_up`]).
//!
//! One file per blog (see [`super::file_name`]):
//!
//! ```json
//! { "liveblog_state": 4, "url": "https://…", "last_looked": "2025-02-17T17:00:00Z" or null,
//!   "place": { "id": "entry id", "line": 3 } or null, "seen": "id id …",
//!   "fingerprints": "00000000499602d2id …", "key_event_ids": "id id …",
//!   "entry_ids": "id id …" }
//! ```
//!
//! `entry_ids` are the blog's entries at the last look in its order, newest first: what was
//! in the blog then, where the fingerprints are of every entry ever seen (so that an older page
//! not loaded this time is not news the next). Files without it are read too.
//!
//! The sets of ids are each one string of ASCII in the common case, every id followed by a
//! space (a space or `%` in an id written `%20` or `%25`), and a fingerprint is 16 hex digits
//! before its id (see [`ids::write_ids`]). Thousands of ids are read before the first screen,
//! and one such string is read past in a fraction of the time a JSON array or object of them
//! takes. Version 1 held the same as arrays of ids and an object of fingerprints, and is read
//! too. Versions 1 to 3 made the fingerprints another way (see [`print`]): theirs are read as
//! saying only that the entries were seen, as [`FROM_RENDERING`] does.

use super::file::{Envelope, Kind};
use super::{Limits, Warning};
use crate::blog::{Entry, LiveBlog};
use foldhash::{HashMap, HashSet};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

mod hold;
mod ids;
mod print;

pub use hold::Hold;
pub use ids::IdSet;
pub use print::fingerprint;

/// The version written in `liveblog_state`. Versions 1 to 3 are read too (their fingerprints,
/// made another way, as [`FROM_RENDERING`]'s); a file of any other version is ignored.
pub const STATE_VERSION: u32 = 4;
/// Most ids kept in each of `seen`, `fingerprints` and `key_event_ids` (see
/// [`ReadState::record_look`]).
pub const IDS_MAX: usize = 20_000;
/// At most 1,000 blogs' states and 64 MiB in all; the least recently saved go first.
pub const STATE_LIMITS: Limits = Limits {
    files: 1000,
    bytes: 64 * 1024 * 1024,
};
/// A larger file is not read: three full sets of [`IDS_MAX`] ids of ordinary length (tens of
/// bytes) fit well within it.
pub const STATE_FILE_MAX: u64 = 16 * 1024 * 1024;
const KIND: Kind = Kind {
    what: "read state file",
    version_field: "liveblog_state",
    version: STATE_VERSION,
    file_max: STATE_FILE_MAX,
};

/// What the reader knows of one blog between sittings.
///
/// The fingerprints and key events kept are thousands of ids that only the catch-up and the
/// next save need, not the first screen: a loaded state decodes them when first asked for
/// ([`ReadState::fingerprints`], [`ReadState::key_event_ids`]), after the first screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadState {
    /// When the reader last looked (see [`ReadState::record_look`]); `None` on a first visit.
    pub last_looked: Option<Timestamp>,
    /// Where the reader was, to open there again.
    pub place: Option<Place>,
    /// Ids of entries that have been on screen.
    pub seen: IdSet,
    /// Entry id → [`fingerprint`] as of `last_looked`.
    fingerprints: Later<HashMap<String, u64>>,
    /// Ids of the entries that were key events as of `last_looked`.
    key_event_ids: Later<HashSet<String>>,
    /// Ids of the blog's entries as of `last_looked`, newest first.
    entry_ids: Later<Vec<String>>,
    /// Entry id → what the entry said before its last edit, for `d` in a later sitting.
    pub previous: BTreeMap<String, String>,
}

/// Most earlier versions of edited entries kept between sittings, and the longest kept.
pub const PREVIOUS_MAX: usize = 200;
const PREVIOUS_TEXT_MAX: usize = 64 * 1024;

/// A place in a blog: an entry, by id, and how many of its lines were scrolled past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub line: usize,
    /// When the reader left this place. Blogs read together share one place, the entry at
    /// the top, which is one blog's: the others keep the place of an earlier sitting, and the
    /// latest is where the merged view opens again. Older files have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
}

/// The file as written.
#[derive(Serialize)]
struct StateFile {
    liveblog_state: u32,
    url: String,
    last_looked: Option<Timestamp>,
    place: Option<Place>,
    seen: String,
    fingerprints: String,
    key_event_ids: String,
    entry_ids: String,
    previous: BTreeMap<String, String>,
}

/// The file as read: the fingerprints and key events are only checked to be JSON and kept as
/// written, to be decoded when first asked for ([`Later`]).
#[derive(Deserialize)]
struct StateFileIn {
    liveblog_state: u32,
    url: String,
    #[serde(default)]
    last_looked: Option<Timestamp>,
    #[serde(default)]
    place: Option<Place>,
    #[serde(default)]
    seen: IdSet,
    #[serde(default)]
    fingerprints: Option<Box<RawValue>>,
    #[serde(default)]
    key_event_ids: Option<Box<RawValue>>,
    #[serde(default)]
    entry_ids: Option<Box<RawValue>>,
    #[serde(default)]
    previous: BTreeMap<String, String>,
}

/// A part of a read state that is decoded when first asked for: its value, or the JSON it is
/// to be decoded from.
#[derive(Debug, Clone, Default)]
struct Later<T> {
    raw: Option<Box<RawValue>>,
    /// The version of the file `raw` was read from.
    version: u32,
    value: OnceCell<T>,
}

/// How a [`Later`] part is decoded from its JSON.
trait Decode: Default {
    /// What the part is, for the warning when it cannot be decoded.
    const WHAT: &'static str;
    /// `json` as a file of `version` wrote it.
    fn decode(json: &str, version: u32) -> serde_json::Result<Self>;
}

impl Decode for HashMap<String, u64> {
    const WHAT: &'static str = "fingerprints";
    fn decode(json: &str, version: u32) -> serde_json::Result<Self> {
        let mut prints = fingerprints_as_written(json)?;
        if version < 4 {
            // Made from the entry's JSON line (versions 1 and 2) or with its times (3), which
            // the fingerprints are no longer made of: the entries were seen, but whether they
            // changed since cannot be told.
            for f in prints.values_mut() {
                *f = FROM_RENDERING;
            }
        }
        Ok(prints)
    }
}

/// The fingerprints as a file wrote them: the string of versions 2 to 4, or version 1's object.
fn fingerprints_as_written(json: &str) -> serde_json::Result<HashMap<String, u64>> {
    if json.starts_with('"') {
        let written: String = serde_json::from_str(json)?;
        let mut prints = HashMap::with_capacity_and_hasher(
            ids::count_ids(&written),
            foldhash::fast::RandomState::default(),
        );
        for entry in ids::read_ids(&written) {
            let (hex, id) = entry
                .split_at_checked(16)
                .filter(|(hex, _)| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                .ok_or_else(|| {
                    serde::de::Error::custom("an entry that is not a fingerprint and an id")
                })?;
            let fingerprint = u64::from_str_radix(hex, 16).map_err(serde::de::Error::custom)?;
            prints.insert(clean_id(id.to_string()), fingerprint);
        }
        return Ok(prints);
    }
    // Version 1: an object of ids and fingerprints.
    let Pairs(pairs) = serde_json::from_str(json)?;
    // A later duplicate wins, as it did in a map.
    Ok(pairs
        .into_iter()
        .take(IDS_MAX)
        .map(|(k, v)| (clean_id(k), v))
        .collect())
}

impl Decode for HashSet<String> {
    const WHAT: &'static str = "key events";
    fn decode(json: &str, _version: u32) -> serde_json::Result<Self> {
        if json.starts_with('"') {
            let written: String = serde_json::from_str(json)?;
            let mut set = HashSet::with_capacity_and_hasher(
                ids::count_ids(&written),
                foldhash::fast::RandomState::default(),
            );
            set.extend(ids::read_ids(&written).map(|id| clean_id(id.into_owned())));
            return Ok(set);
        }
        // Version 1: an array of ids.
        let ids: Vec<String> = serde_json::from_str(json)?;
        Ok(ids.into_iter().take(IDS_MAX).map(clean_id).collect())
    }
}

impl Decode for Vec<String> {
    const WHAT: &'static str = "entries of the last look";
    fn decode(json: &str, _version: u32) -> serde_json::Result<Self> {
        let written: String = serde_json::from_str(json)?;
        Ok(ids::read_ids(&written)
            .map(|id| clean_id(id.into_owned()))
            .collect())
    }
}

impl<T: Decode> Later<T> {
    fn from_json(raw: Option<Box<RawValue>>, version: u32) -> Self {
        Later {
            raw,
            version,
            value: OnceCell::new(),
        }
    }

    /// The value, decoded now if it was not yet. JSON of the wrong shape (the file was checked
    /// to be JSON when it was read) is left out with a warning, as an unusable file is.
    fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let Some(raw) = &self.raw else {
                return T::default();
            };
            T::decode(raw.get(), self.version).unwrap_or_else(|e| {
                tracing::warn!(
                    problem = %crate::sanitize::line(&e.to_string(), 300),
                    "left out the {} of a read state file, which are not as written",
                    T::WHAT
                );
                T::default()
            })
        })
    }

    fn get_mut(&mut self) -> &mut T {
        self.get();
        self.raw = None;
        self.value
            .get_mut()
            .unwrap_or_else(|| unreachable!("decoded just above"))
    }
}

impl<T: Decode + PartialEq> PartialEq for Later<T> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl<T: Decode + Eq> Eq for Later<T> {}

/// Entry ids and their fingerprints as version 1 wrote them, a JSON object, read in the
/// file's order, without building a sorted map on the way to the reader's hash map (a
/// read state holds thousands, read before the first screen).
#[derive(Default)]
struct Pairs(Vec<(String, u64)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of entry ids and fingerprints")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(IDS_MAX));
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// The fingerprint kept for an entry known only from a rendering of it (the Guardian live
/// poll's HTML, [`crate::blog::ReadFrom::Rendering`]): it was seen, but what it says is compared
/// only once the source's own data for it has been read, since the two forms differ a little
/// without any edit. [`fingerprint`] never gives it.
pub const FROM_RENDERING: u64 = 0;

/// Entry id → [`fingerprint`], for a whole blog.
pub type Fingerprints = HashMap<String, u64>;

/// The [`fingerprint`] of every entry of `blog`.
pub fn fingerprints_of(blog: &LiveBlog) -> Fingerprints {
    blog.entries
        .iter()
        .map(|e| (e.id.clone(), fingerprint(e)))
        .collect()
}

/// Whether an entry is a key event: flagged as one, or named by the key-events list.
pub(super) fn key_event_ids(blog: &LiveBlog) -> HashSet<&str> {
    let listed = blog.key_events.iter().filter_map(|k| k.entry_id.as_deref());
    let flagged = blog
        .entries
        .iter()
        .filter(|e| e.key_event)
        .map(|e| e.id.as_str());
    listed.chain(flagged).collect()
}

impl ReadState {
    /// Entry id → [`fingerprint`] as of `last_looked`.
    pub fn fingerprints(&self) -> &HashMap<String, u64> {
        self.fingerprints.get()
    }

    pub fn fingerprints_mut(&mut self) -> &mut HashMap<String, u64> {
        self.fingerprints.get_mut()
    }

    /// Ids of the entries that were key events as of `last_looked`.
    pub fn key_event_ids(&self) -> &HashSet<String> {
        self.key_event_ids.get()
    }

    pub fn key_event_ids_mut(&mut self) -> &mut HashSet<String> {
        self.key_event_ids.get_mut()
    }

    /// Ids of the blog's entries as of `last_looked`, newest first (at most [`IDS_MAX`]);
    /// none when the file was written without them.
    pub fn entry_ids(&self) -> &[String] {
        self.entry_ids.get()
    }

    /// Records that the reader has looked at `blog` at `now`: the fingerprints and key events
    /// become the blog's, the basis of the next [`super::catch_up`]. Call it when the reader
    /// leaves (or periodically), then [`StateStore::save`].
    ///
    /// Entries not in `blog` keep their fingerprints: an older page that was not loaded this
    /// time is not forgotten. Each set is bounded by [`IDS_MAX`]: one over it keeps only ids of
    /// the blog's newest [`IDS_MAX`] entries, so ids of deleted entries go first.
    pub fn record_look(&mut self, blog: &LiveBlog, now: Timestamp) {
        self.record_look_with(blog, now, fingerprint);
    }

    /// [`ReadState::record_look`] with the entries' fingerprints from `fingerprint_of`, which
    /// gives what [`fingerprint`] gives (the reader's, for those it has taken already).
    pub fn record_look_with(
        &mut self,
        blog: &LiveBlog,
        now: Timestamp,
        mut fingerprint_of: impl FnMut(&Entry) -> u64,
    ) {
        let fingerprints = self.fingerprints.get_mut();
        for e in &blog.entries {
            if e.read_from == crate::blog::ReadFrom::Rendering {
                fingerprints.entry(e.id.clone()).or_insert(FROM_RENDERING);
            } else {
                fingerprints.insert(e.id.clone(), fingerprint_of(e));
            }
        }
        let key_events = self.key_event_ids.get_mut();
        key_events.extend(key_event_ids(blog).into_iter().map(str::to_string));
        // Replaced whole: the last look's list is not read to be thrown away.
        let entry_ids = blog.entries.iter().take(IDS_MAX).map(|e| e.id.clone());
        self.entry_ids = Later {
            raw: None,
            version: STATE_VERSION,
            value: OnceCell::from(entry_ids.collect::<Vec<_>>()),
        };
        self.last_looked = Some(now);
        let over = |n: usize| n > IDS_MAX;
        if over(self.seen.len()) || over(key_events.len()) || over(fingerprints.len()) {
            // At most IDS_MAX ids, so keeping only these brings every set within the bound.
            let keep: HashSet<&str> = blog
                .entries
                .iter()
                .take(IDS_MAX)
                .map(|e| e.id.as_str())
                .collect();
            if over(self.seen.len()) {
                self.seen.retain(|id| keep.contains(id));
            }
            if over(key_events.len()) {
                key_events.retain(|id| keep.contains(id.as_str()));
            }
            if over(fingerprints.len()) {
                fingerprints.retain(|id, _| keep.contains(id.as_str()));
            }
        }
    }

    /// Notes entries that have been on screen (bounded at the next [`ReadState::record_look`]).
    pub fn mark_seen<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        self.seen.extend(ids);
    }
}

impl Envelope for StateFileIn {
    /// Versions 1 to 3 are read as this one: only how the ids are written and how the
    /// fingerprints were made differ.
    fn version(&self) -> u32 {
        match self.liveblog_state {
            1..=3 => STATE_VERSION,
            v => v,
        }
    }
    fn url(&self) -> &str {
        &self.url
    }
}

/// A directory of read states, bounded by [`STATE_LIMITS`] unless told otherwise.
#[derive(Debug, Clone)]
pub struct StateStore {
    dir: PathBuf,
    limits: Limits,
}

impl StateStore {
    /// Read states in `dir` (created on the first save), with the default [`STATE_LIMITS`].
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self::with_limits(dir, STATE_LIMITS)
    }

    pub fn with_limits(dir: impl Into<PathBuf>, limits: Limits) -> Self {
        StateStore {
            dir: dir.into(),
            limits,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds `url`'s read state.
    pub fn path(&self, url: &str) -> PathBuf {
        self.dir.join(super::file_name(url))
    }

    /// Takes `url`'s blog for this reader: only the holder saves its place (see [`Hold`]).
    pub fn hold(&self, url: &str) -> Hold {
        Hold::take(&self.path(url).with_extension("lock"))
    }

    /// For a reader that found `url`'s blog held by another ([`Hold::Busy`]): what waits,
    /// blocking, for that reader to end, and then holds the blog for this one.
    pub fn hold_when_free(&self, url: &str) -> impl FnOnce() -> io::Result<Hold> + Send + 'static {
        let path = self.path(url).with_extension("lock");
        move || Hold::wait(&path)
    }

    /// The read state of `url`'s blog: the default (a first visit) when there is none, and also
    /// when the file is corrupt, truncated, too large, of another version or for another URL;
    /// then one warning naming the file is logged and the next save replaces it. `Err` only
    /// when the file could not be read at all. Ids are sanitised as entry ids are, and each set
    /// is cut to [`IDS_MAX`].
    pub fn load(&self, url: &str) -> Result<ReadState, Warning> {
        self.load_noting(url).map(|(state, _)| state)
    }

    /// As [`StateStore::load`], also giving the warning of a file that could not be used (and
    /// was set aside), for the reader to say: the place it held is lost.
    pub fn load_noting(&self, url: &str) -> Result<(ReadState, Option<Warning>), Warning> {
        let path = self.path(url);
        let url = super::stored_url(url);
        let (state, note) = KIND.load_noting(&path, |bytes| decode(bytes, &url), true)?;
        Ok((state.unwrap_or_default(), note))
    }

    /// The read state of `url`'s blog for a glance that writes nothing: as
    /// [`StateStore::load`], but a file that cannot be used is left where it is, and is an
    /// `Err` (what a newer liveblog wrote is not this one's to set aside).
    pub fn peek(&self, url: &str) -> Result<ReadState, Warning> {
        let path = self.path(url);
        let url = super::stored_url(url);
        match KIND.load_noting(&path, |bytes| decode(bytes, &url), false)? {
            (_, Some(w)) => Err(w),
            (state, None) => Ok(state.unwrap_or_default()),
        }
    }

    /// Saves `state` as `url`'s, atomically (see [`super::write_atomic`]), then removes the
    /// least recently saved states if the directory is over its limits, and the locks no state
    /// stands beside (see [`Hold`]). Sets of ids are written sorted (the last look's entries
    /// in the blog's order), so the same state always makes the same file.
    pub fn save(&self, url: &str, state: &ReadState) -> io::Result<()> {
        let path = self.path(url);
        let url = super::stored_url(url);
        let file = StateFile {
            liveblog_state: STATE_VERSION,
            url,
            last_looked: state.last_looked,
            place: state.place.clone(),
            seen: ids::write_ids(state.seen.iter()),
            fingerprints: ids::write_fingerprints(state.fingerprints()),
            key_event_ids: ids::write_ids(state.key_event_ids().iter().map(String::as_str)),
            entry_ids: ids::write_ids_in_order(
                &state
                    .entry_ids()
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            ),
            previous: state.previous.clone(),
        };
        let bytes = serde_json::to_vec(&file).map_err(io::Error::other)?;
        let left = KIND.save(&path, &bytes, self.limits)?;
        // The locks of the states just pruned (and of any never saved) go with them.
        if let Err(e) = hold::sweep(&self.dir, &left) {
            let dir = super::shown(&self.dir);
            tracing::warn!(%dir, error = %e, "could not remove old read state locks");
        }
        Ok(())
    }
}

/// The same cleaning as entry ids get, so a stored id still equals the entry's; in place, as a
/// kept id (thousands of them) needs none.
fn clean_id(mut s: String) -> String {
    crate::sanitize::line_mut(&mut s, crate::sanitize::TITLE_MAX);
    s
}

fn decode(bytes: &[u8], url: &str) -> Result<ReadState, String> {
    let file: StateFileIn = KIND.parse(bytes, url)?;
    Ok(ReadState {
        last_looked: file.last_looked,
        place: file.place.map(|p| Place {
            id: clean_id(p.id),
            ..p
        }),
        // Cleaned and cut to IDS_MAX as they were read.
        seen: file.seen,
        fingerprints: Later::from_json(file.fingerprints, file.liveblog_state),
        key_event_ids: Later::from_json(file.key_event_ids, file.liveblog_state),
        entry_ids: Later::from_json(file.entry_ids, file.liveblog_state),
        // Shown on screen later: cleaned as any text from outside is.
        previous: kept_previous(file.previous),
    })
}

/// What edited entries said before, as a file kept it: at most [`PREVIOUS_MAX`] of them, none
/// longer than its bound, cleaned as any text from outside is (shown on screen by `d`).
pub(crate) fn kept_previous(read: BTreeMap<String, String>) -> BTreeMap<String, String> {
    read.into_iter()
        .take(PREVIOUS_MAX)
        .filter(|(_, text)| text.len() <= PREVIOUS_TEXT_MAX)
        .map(|(k, mut v)| {
            crate::sanitize::text_mut(&mut v);
            (clean_id(k), v)
        })
        .collect()
}

/// `kept` (what entries said in the copy the reader last kept, edited since), with what the
/// entries `edited` between `old` and its next version said in `old`, for those not in it
/// yet: the text the reader last saw wins. Bounded as [`kept_previous`] is.
pub fn previous_since(
    mut kept: BTreeMap<String, String>,
    old: &LiveBlog,
    edited: &[String],
) -> BTreeMap<String, String> {
    for id in edited {
        if kept.len() >= PREVIOUS_MAX {
            break;
        }
        if let (false, Some(i)) = (kept.contains_key(id), old.position(id)) {
            let said = old.entries[i].said();
            if said.len() <= PREVIOUS_TEXT_MAX {
                kept.insert(id.clone(), said);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests;
