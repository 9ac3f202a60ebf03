//! What liveblog keeps on disk between sittings: the last copy of each web blog (a cache) and
//! where the reader was in it (read state).
//!
//! - [`Dirs`]: where, by the XDG base directories.
//! - [`write_atomic`]: every file here is written whole or not at all.
//! - [`cache::BlogCache`]: one file per blog, `$XDG_CACHE_HOME/liveblog/blogs/<key>.json`.
//! - [`state::StateStore`]: one file per blog, `$XDG_STATE_HOME/liveblog/read/<key>.json`,
//!   holding a [`ReadState`]; [`catch_up`] compares it with a fresh blog.
//!
//! A blog's `<key>` is the 64-bit FNV-1a of its URL in 16 hex digits ([`file_name`]). The files
//! are untrusted input when read back (another process, a disk error or a person may have
//! changed them): one that cannot be used is logged once and ignored, never a reason not to
//! start, and the next save replaces it.

mod atomic;
pub mod cache;
mod catch_up;
mod file;
pub mod state;
#[cfg(test)]
mod test_support;

pub use atomic::write_atomic;
pub use cache::{BlogCache, Cached};
pub use catch_up::{CatchUp, catch_up, catch_up_with};
pub use state::{Fingerprints, Hold, Place, ReadState, StateStore, fingerprint, fingerprints_of};

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The directories liveblog keeps files in, each ending in `liveblog`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    /// Re-fetchable copies: `$XDG_CACHE_HOME/liveblog`, else `~/.cache/liveblog`.
    pub cache: PathBuf,
    /// What only this machine knows (where you were): `$XDG_STATE_HOME/liveblog`, else
    /// `~/.local/state/liveblog`.
    pub state: PathBuf,
}

impl Dirs {
    /// From the environment, as `config::default_path` finds the config file. `None` when
    /// neither the XDG variable nor `HOME` says where (then nothing is kept).
    pub fn from_env() -> Option<Dirs> {
        Self::from_vars(|name| std::env::var_os(name))
    }

    /// As [`Dirs::from_env`], reading variables through `var` (so tests need not change the
    /// process's environment). An empty or relative path counts as unset, as the XDG
    /// specification asks: a relative one would scatter files in whatever directory the reader
    /// was started from.
    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Option<Dirs> {
        let absolute = |name: &str| var(name).map(PathBuf::from).filter(|p| p.is_absolute());
        let base = |xdg: &str, under_home: &str| {
            absolute(xdg)
                .or_else(|| absolute("HOME").map(|h| h.join(under_home)))
                .map(|p| p.join("liveblog"))
        };
        Some(Dirs {
            cache: base("XDG_CACHE_HOME", ".cache")?,
            state: base("XDG_STATE_HOME", ".local/state")?,
        })
    }

    /// The blog cache, in `blogs/` under [`Dirs::cache`].
    pub fn blog_cache(&self) -> BlogCache {
        BlogCache::new(self.cache.join("blogs"))
    }

    /// The read states, in `read/` under [`Dirs::state`].
    pub fn read_states(&self) -> StateStore {
        StateStore::new(self.state.join("read"))
    }
}

/// How many files a directory of per-blog files may hold, and how many bytes in all. After a
/// save over either, the least recently written files go (never the one just written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub files: usize,
    pub bytes: u64,
}

/// How a problem says where its file was moved aside ([`file::Kind::load_noting`]).
const SET_ASIDE: &str = "; set aside as ";

/// Why a stored file could not be read at all (permission denied, not a regular file). One
/// line naming the file; the reader carries on without it. A file that was read but cannot be
/// used is not a `Warning`: it is logged and treated as absent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} \"{path}\": {problem}")]
pub struct Warning {
    what: &'static str,
    path: String,
    problem: String,
}

impl Warning {
    /// What is wrong with the file, without the file: where a line has room for one, the
    /// part that says what to do.
    pub fn problem(&self) -> &str {
        &self.problem
    }

    /// What was wrong with the file as a status bar's note says it after `what` (`Your place
    /// was lost`): the reason, then where the file was set aside if it was, as a part of its
    /// own, which a bar too narrow for it all cuts rather than the reason.
    pub fn said_after(&self, what: &str) -> String {
        match self.problem.split_once(SET_ASIDE) {
            Some((reason, to)) => format!("{what}: {reason} · set aside as {to}"),
            None => format!("{what}: {}", self.problem),
        }
    }

    fn new(what: &'static str, path: &Path, problem: &str) -> Self {
        Warning {
            what,
            path: shown(path),
            problem: crate::sanitize::line(problem, 300),
        }
    }
}

/// The file name for a blog's URL: `<16 hex digits>.json`, the same on every run and machine.
///
/// The URL is first put in the form it is stored in (secrets in its query replaced by `***`,
/// so an API key is never written to disk, and two keys for the same blog share one file).
pub fn file_name(url: &str) -> String {
    format!(
        "{:016x}.json",
        crate::blog::fnv1a(stored_url(url).as_bytes())
    )
}

/// A URL as it is written into a stored file and compared on reading: redacted when it parses.
fn stored_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => crate::net::redacted(&u),
        Err(_) => crate::sanitize::visible(url, crate::sanitize::URL_MAX),
    }
}

/// Whether a name in a store directory is one of its per-blog files (and so may be pruned).
fn is_blog_file(name: &str) -> bool {
    // Exactly as `file_name` writes them: 16 lower-case hex digits, then ".json". Bytes, not
    // string slices: a name from the directory may have a multi-byte character anywhere.
    let b = name.as_bytes();
    b.len() == 21
        && b[16..] == *b".json"
        && b[..16]
            .iter()
            .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

/// A path for a log line or message.
fn shown(path: &Path) -> String {
    crate::sanitize::visible(&path.to_string_lossy(), 300)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, OsString)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), OsString::from(v)))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn xdg_directories_win_over_home() {
        let d = Dirs::from_vars(vars(&[
            ("HOME", "/home/u"),
            ("XDG_CACHE_HOME", "/c"),
            ("XDG_STATE_HOME", "/s"),
        ]))
        .unwrap();
        assert_eq!(d.cache, Path::new("/c/liveblog"));
        assert_eq!(d.state, Path::new("/s/liveblog"));
        assert_eq!(d.blog_cache().dir(), Path::new("/c/liveblog/blogs"));
        assert_eq!(d.read_states().dir(), Path::new("/s/liveblog/read"));
    }

    #[test]
    fn empty_or_relative_xdg_directories_fall_back_to_home() {
        let d = Dirs::from_vars(vars(&[
            ("HOME", "/home/u"),
            ("XDG_CACHE_HOME", ""),
            ("XDG_STATE_HOME", "relative/state"),
        ]))
        .unwrap();
        assert_eq!(d.cache, Path::new("/home/u/.cache/liveblog"));
        assert_eq!(d.state, Path::new("/home/u/.local/state/liveblog"));
    }

    #[test]
    fn without_home_or_xdg_nothing_is_kept() {
        assert_eq!(Dirs::from_vars(vars(&[])), None);
        assert_eq!(Dirs::from_vars(vars(&[("HOME", "")])), None);
        // One directory known is not enough: both or neither.
        assert_eq!(Dirs::from_vars(vars(&[("XDG_CACHE_HOME", "/c")])), None);
    }

    #[test]
    fn file_names_are_stable_hex_and_never_carry_a_key() {
        let a = file_name("https://example.com/live");
        assert_eq!(a, file_name("https://example.com/live"));
        assert!(is_blog_file(&a), "{a}");
        assert_ne!(a, file_name("https://example.com/other"));
        // The API key is redacted before hashing: two keys, one blog, one file.
        assert_eq!(
            file_name("https://content.guardianapis.com/x?api-key=ONE"),
            file_name("https://content.guardianapis.com/x?api-key=TWO")
        );
        assert_eq!(
            stored_url("https://content.guardianapis.com/x?api-key=ONE"),
            "https://content.guardianapis.com/x?api-key=***"
        );
        assert!(!is_blog_file(".0123456789abcdef.json.1-2-3.liveblog-tmp"));
        assert!(!is_blog_file("notes.json"));
        assert!(!is_blog_file("0123456789ABCDEF.json"));
        assert!(
            !is_blog_file("0123456789abcdeéjson"),
            "no panic on a multi-byte name"
        );
    }
}
