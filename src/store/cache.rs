//! The last copy of each web blog, so a reader opens at once (and offline) with what it had,
//! and the first poll can be a conditional request.
//!
//! One file per blog (see [`super::file_name`]), a JSON envelope around liveblog's own JSON:
//!
//! ```json
//! { "liveblog_cache": 1, "url": "https://…", "fetched_at": "2025-02-17T17:00:00Z",
//!   "etag": "\"abc\"" or null, "last_modified": "…" or null,
//!   "subsec": { … }, "rendered": ["id", …], "poll_every_ms": 20000,
//!   "blog": { "liveblog_format": 1, … } }
//! ```
//!
//! Beside the blog the envelope keeps what liveblog JSON leaves out, so that a blog read back
//! equals the blog saved: `subsec`, the fractions of a second of its times (otherwise every
//! entry of a source with millisecond times would look edited when the first fresh copy is
//! compared with the cached one); `rendered`, the entries read from a rendering of them, whose
//! data is still to come (see [`ReadFrom`]); `poll_every_ms`, the source's own poll interval.
//! The last three are left out when there is nothing to say.

use super::file::{Envelope, Kind};
use super::{Limits, Warning};
use crate::blog::{LiveBlog, ReadFrom, Stamp};
use crate::formats::{Format, native};
use crate::net::Validators;
use crate::net::schedule::{MAX_INTERVAL, MIN_INTERVAL};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};

/// The envelope version written in `liveblog_cache`. A file of any other version is ignored.
pub const CACHE_VERSION: u32 = 1;
/// At most 64 blogs and 200 MiB in all; the least recently saved go first.
pub const CACHE_LIMITS: Limits = Limits {
    files: 64,
    bytes: 200 * 1024 * 1024,
};
/// A larger file is not read (a fetched body is capped at 16 MiB; its JSON is a little more).
pub const CACHE_FILE_MAX: u64 = 64 * 1024 * 1024;
/// The longest validator kept, as the HTTP client keeps them.
const VALIDATOR_MAX: usize = 1024;
const KIND: Kind = Kind {
    what: "blog cache file",
    version_field: "liveblog_cache",
    version: CACHE_VERSION,
    file_max: CACHE_FILE_MAX,
};

/// A directory of cached blogs, bounded by [`CACHE_LIMITS`] unless told otherwise.
#[derive(Debug, Clone)]
pub struct BlogCache {
    dir: PathBuf,
    limits: Limits,
}

/// A blog as it was last fetched, with what is needed to ask the server whether it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached {
    /// Sanitised, as any parsed blog is.
    pub blog: LiveBlog,
    /// To send back on the first poll (`If-None-Match`, `If-Modified-Since`).
    pub validators: Validators,
    /// When that copy was fetched, for "cached 2 h ago".
    pub fetched_at: Timestamp,
    /// The page kept has no live data of its own: the blog was read, and is polled, at this
    /// address it links to (http or https).
    pub via: Option<url::Url>,
    /// The format the copy was read in, when known: the next sitting's first poll then asks
    /// the cheapest question it allows (the Guardian's live poll) even when the copy is
    /// still current (a 304 says nothing of the format).
    pub format: Option<Format>,
    /// Entry id → what the entry said (see [`crate::blog::Entry::said`]) in the copy the
    /// reader last kept, for entries edited since by a look that is not the reader's
    /// (`liveblog status`, `dump`): the reader's `d` shows what those edits changed.
    pub previous: BTreeMap<String, String>,
}

/// What is kept beside a blog's copy (see [`Cached`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Beside<'a> {
    pub via: Option<&'a url::Url>,
    pub format: Option<Format>,
    pub previous: Option<&'a BTreeMap<String, String>>,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    liveblog_cache: u32,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<String>,
    fetched_at: Timestamp,
    etag: Option<&'a str>,
    last_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Subsec::is_empty")]
    subsec: Subsec,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rendered: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    poll_every_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<&'a BTreeMap<String, String>>,
    blog: &'a RawValue,
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    liveblog_cache: u32,
    url: String,
    #[serde(default)]
    via: Option<String>,
    fetched_at: Timestamp,
    #[serde(default)]
    etag: Option<String>,
    #[serde(default)]
    last_modified: Option<String>,
    #[serde(default)]
    subsec: Subsec,
    /// Ids of the entries read from a rendering of them ([`ReadFrom::Rendering`]), which
    /// liveblog JSON does not say: without it the next sitting would take the rendering for
    /// the source's data and call the entry edited when the data comes.
    #[serde(default)]
    rendered: Vec<String>,
    /// How often the source asked to be polled ([`LiveBlog::poll_every`]), in milliseconds,
    /// so that an unchanged blog (a 304) still keeps to it in the next sitting.
    #[serde(default)]
    poll_every_ms: Option<u64>,
    /// [`Cached::format`], by [`Format::key`].
    #[serde(default)]
    format: Option<String>,
    /// [`Cached::previous`].
    #[serde(default)]
    previous: BTreeMap<String, String>,
    #[serde(borrow)]
    blog: &'a RawValue,
}

/// Nanoseconds past the second of every time that has them: the blog's `updated`, each
/// entry's `[published, updated]` by id, each key event's `published` by position.
#[derive(Default, Serialize, Deserialize)]
struct Subsec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    updated: Option<i32>,
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    entries: HashMap<String, [Option<i32>; 2]>,
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    key_events: HashMap<usize, i32>,
}

impl Envelope for EnvelopeIn<'_> {
    fn version(&self) -> u32 {
        self.liveblog_cache
    }
    fn url(&self) -> &str {
        &self.url
    }
}

impl Subsec {
    fn is_empty(&self) -> bool {
        self.updated.is_none() && self.entries.is_empty() && self.key_events.is_empty()
    }

    fn of(blog: &LiveBlog) -> Subsec {
        let ns = |s: Option<Stamp>| {
            s.map(|s| s.instant().subsec_nanosecond())
                .filter(|n| *n != 0)
        };
        Subsec {
            updated: ns(blog.updated),
            entries: blog
                .entries
                .iter()
                .filter_map(|e| {
                    let pair = [ns(e.published), ns(e.updated)];
                    (pair != [None, None]).then(|| (e.id.clone(), pair))
                })
                .collect(),
            key_events: blog
                .key_events
                .iter()
                .enumerate()
                .filter_map(|(i, k)| ns(k.published).map(|n| (i, n)))
                .collect(),
        }
    }

    /// Puts the fractions back. Each is checked, since the file is untrusted: only a time
    /// that is whole seconds gets one, and only a fraction of a second.
    fn restore(&self, blog: &mut LiveBlog) {
        let add = |s: &mut Option<Stamp>, n: Option<i32>| {
            let (Some(stamp), Some(n)) = (*s, n) else {
                return;
            };
            if !(1..1_000_000_000).contains(&n) || stamp.instant().subsec_nanosecond() != 0 {
                return;
            }
            if let Ok(t) = stamp
                .instant()
                .checked_add(SignedDuration::from_nanos(i64::from(n)))
            {
                *s = Some(Stamp::new(t, stamp.offset()));
            }
        };
        add(&mut blog.updated, self.updated);
        for e in &mut blog.entries {
            if let Some([p, u]) = self.entries.get(&e.id) {
                add(&mut e.published, *p);
                add(&mut e.updated, *u);
            }
        }
        for (i, k) in blog.key_events.iter_mut().enumerate() {
            add(&mut k.published, self.key_events.get(&i).copied());
        }
    }
}

impl BlogCache {
    /// A cache in `dir` (created on the first save), with the default [`CACHE_LIMITS`].
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self::with_limits(dir, CACHE_LIMITS)
    }

    pub fn with_limits(dir: impl Into<PathBuf>, limits: Limits) -> Self {
        BlogCache {
            dir: dir.into(),
            limits,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds `url`'s blog.
    pub fn path(&self, url: &str) -> PathBuf {
        self.dir.join(super::file_name(url))
    }

    /// The cached copy of `url`'s blog, if there is a usable one.
    ///
    /// `Ok(None)` when there is none, and also when the file is corrupt, truncated, too large,
    /// of another version or for another URL (a hash collision): then one warning naming the
    /// file is logged and the next [`BlogCache::save`] replaces it. `Err` only when the file
    /// could not be read at all (permissions, not a regular file). The blog is sanitised.
    pub fn load(&self, url: &str) -> Result<Option<Cached>, Warning> {
        let path = self.path(url);
        let url = super::stored_url(url);
        KIND.load(&path, |bytes| decode(bytes, &url))
    }

    /// As [`BlogCache::load`], also giving the warning of a file that was there but could not
    /// be used (and was set aside), for whoever opens the blog to say.
    pub fn load_noting(&self, url: &str) -> Result<(Option<Cached>, Option<Warning>), Warning> {
        let path = self.path(url);
        let url = super::stored_url(url);
        KIND.load_noting(&path, |bytes| decode(bytes, &url), true)
    }

    /// Saves `blog` as `url`'s latest copy, atomically (see [`super::write_atomic`]), then
    /// removes the least recently saved blogs if the cache is over its limits.
    ///
    /// Save only a blog that parsed: a failed fetch must never replace the last good copy.
    pub fn save(
        &self,
        url: &str,
        blog: &LiveBlog,
        validators: &Validators,
        fetched_at: Timestamp,
    ) -> io::Result<()> {
        self.save_with(url, Beside::default(), blog, validators, fetched_at)
    }

    /// As [`BlogCache::save`], with what is kept beside it: the format the blog was read in
    /// and `via`, the address the page links its live data to, if it does (the next sitting
    /// reads the copy, and polls, there, the cheapest way the format allows), and what edited
    /// entries said before (see [`Cached::previous`]).
    pub fn save_with(
        &self,
        url: &str,
        Beside {
            via,
            format,
            previous,
        }: Beside<'_>,
        blog: &LiveBlog,
        validators: &Validators,
        fetched_at: Timestamp,
    ) -> io::Result<()> {
        let path = self.path(url);
        let url = super::stored_url(url);
        let via = via.map(|v| super::stored_url(v.as_str()));
        let mut json = native::to_json(blog);
        json.truncate(json.trim_end().len());
        let raw = RawValue::from_string(json).map_err(io::Error::other)?;
        let envelope = EnvelopeOut {
            liveblog_cache: CACHE_VERSION,
            url: &url,
            via,
            fetched_at,
            etag: validators.etag.as_deref(),
            last_modified: validators.last_modified.as_deref(),
            subsec: Subsec::of(blog),
            rendered: blog
                .entries
                .iter()
                .filter(|e| e.read_from == ReadFrom::Rendering)
                .map(|e| e.id.as_str())
                .collect(),
            poll_every_ms: blog
                .poll_every
                .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            format: format.map(Format::key),
            previous: previous.filter(|p| !p.is_empty()),
            blog: &raw,
        };
        let bytes = serde_json::to_vec(&envelope).map_err(io::Error::other)?;
        KIND.save(&path, &bytes, self.limits).map(drop)
    }
}

fn decode(bytes: &[u8], url: &str) -> Result<Cached, String> {
    let envelope: EnvelopeIn = KIND.parse(bytes, url)?;
    let mut blog = native::parse(envelope.blog.get().as_bytes()).map_err(|e| e.to_string())?;
    envelope.subsec.restore(&mut blog);
    // The file is untrusted input like any other document: the same steps as formats::parse.
    blog.sanitize();
    blog.dedupe_ids();
    blog.link_key_events();
    if !envelope.rendered.is_empty() {
        let rendered: std::collections::HashSet<&str> =
            envelope.rendered.iter().map(String::as_str).collect();
        for e in &mut blog.entries {
            if rendered.contains(e.id.as_str()) {
                e.read_from = ReadFrom::Rendering;
            }
        }
    }
    // Bounded as any interval is: the file is untrusted.
    blog.poll_every = envelope
        .poll_every_ms
        .map(|ms| std::time::Duration::from_millis(ms).clamp(MIN_INTERVAL, MAX_INTERVAL));
    let validator = |v: Option<String>| {
        v.filter(|v| {
            v.len() <= VALIDATOR_MAX && v.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
        })
    };
    Ok(Cached {
        blog,
        validators: Validators {
            etag: validator(envelope.etag),
            last_modified: validator(envelope.last_modified),
        },
        fetched_at: envelope.fetched_at,
        via: envelope
            .via
            .and_then(|v| url::Url::parse(&v).ok())
            .filter(|v| matches!(v.scheme(), "http" | "https")),
        format: envelope.format.as_deref().and_then(Format::from_key),
        // Shown on screen later: cleaned and bounded as the read state's are.
        previous: crate::store::state::kept_previous(envelope.previous),
    })
}

#[cfg(test)]
mod tests;
