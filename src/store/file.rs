//! What the blog cache and the read states share: one kind of per-blog JSON file, read with a
//! cap and checked, written whole, its directory kept within bounds.

use super::atomic::Pruned;
use super::{Limits, Warning, shown};
use serde::Deserialize;
use std::ffi::OsString;
use std::io::{self, Read as _};
use std::path::Path;

/// One kind of per-blog file.
pub(super) struct Kind {
    /// How messages name such a file: "blog cache file".
    pub what: &'static str,
    /// The field that holds the version: `liveblog_cache`.
    pub version_field: &'static str,
    /// The only version read.
    pub version: u32,
    /// A larger file is not read.
    pub file_max: u64,
}

/// The top of a per-blog file: its version and the URL it is for.
pub(super) trait Envelope {
    fn version(&self) -> u32;
    fn url(&self) -> &str;
}

impl Kind {
    /// Reads and decodes the file at `path`. `Ok(None)` when there is none, and also when it
    /// cannot be used (`decode` fails, or it is too large): then one warning naming the file
    /// is logged. `Err` only when it cannot be read at all. Anything but a regular file is
    /// refused before it is opened (a FIFO would block the reader forever).
    pub fn load<T>(
        &self,
        path: &Path,
        decode: impl FnOnce(&[u8]) -> Result<T, String>,
    ) -> Result<Option<T>, Warning> {
        self.load_noting(path, decode, true).map(|(value, _)| value)
    }

    /// As [`Kind::load`], also giving the warning of a file that was read but cannot be used,
    /// for the reader to say; `set_aside` false leaves such a file where it is (a glance that
    /// never writes).
    pub fn load_noting<T>(
        &self,
        path: &Path,
        decode: impl FnOnce(&[u8]) -> Result<T, String>,
        set_aside: bool,
    ) -> Result<(Option<T>, Option<Warning>), Warning> {
        let warning = |problem: &str| Warning::new(self.what, path, problem);
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((None, None)),
            Err(e) => return Err(warning(&e.to_string())),
        };
        if !meta.is_file() {
            return Err(warning("not a regular file"));
        }
        let mut bytes = Vec::new();
        if meta.len() <= self.file_max {
            // Room for the whole file and the byte over: read in one go, not in reads that
            // start at 32 bytes and double (a read state is some 100 KB, read before the first
            // screen).
            bytes.reserve(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
            let file = std::fs::File::open(path).map_err(|e| warning(&e.to_string()))?;
            // One byte over the cap tells a file that grew since `metadata` from one that fits.
            file.take(self.file_max + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| warning(&e.to_string()))?;
        }
        let problem = if meta.len() > self.file_max || bytes.len() as u64 > self.file_max {
            format!("larger than {} bytes", self.file_max)
        } else {
            match decode(&bytes) {
                Ok(t) => return Ok((Some(t), None)),
                Err(problem) => problem,
            }
        };
        if !set_aside {
            return Ok((None, Some(warning(&problem))));
        }
        // Moved aside rather than overwritten, so what was in it can still be looked at.
        let aside = path.with_extension(format!(
            "json.corrupt-{}",
            jiff::Timestamp::now().as_second()
        ));
        let moved = std::fs::rename(path, &aside).is_ok();
        let moved_to = if moved {
            shown(&aside)
        } else {
            "(left in place)".into()
        };
        tracing::warn!(
            file = %shown(path),
            problem = %crate::sanitize::line(&problem, 300),
            moved_to = %moved_to,
            "ignored an unusable {}; the next save replaces it",
            self.what
        );
        let said = if moved {
            format!("{problem}{}{moved_to}", super::SET_ASIDE)
        } else {
            problem
        };
        Ok((None, Some(warning(&said))))
    }

    /// Parses a file's JSON and checks that it is of this version and for `url`.
    pub fn parse<'a, T>(&self, bytes: &'a [u8], url: &str) -> Result<T, String>
    where
        T: Deserialize<'a> + Envelope,
    {
        let parsed: T = serde_json::from_slice(bytes).map_err(|e| {
            // A file of another version may be shaped otherwise: say which, not how.
            let found = serde_json::from_slice::<serde_json::Value>(bytes)
                .ok()
                .and_then(|v| v.get(self.version_field)?.as_u64());
            match found {
                Some(v) if v != u64::from(self.version) => self.other_version(v),
                _ => format!("not a readable {} ({e})", self.what),
            }
        })?;
        if parsed.version() != self.version {
            return Err(self.other_version(parsed.version().into()));
        }
        if parsed.url() != url {
            return Err("holds another blog (the two addresses share a file name)".to_string());
        }
        Ok(parsed)
    }

    fn other_version(&self, found: u64) -> String {
        format!(
            "written by another version of liveblog (version {found}; this one reads {})",
            self.version
        )
    }

    /// Writes `bytes` to `path` whole (see [`super::write_atomic`]), then removes the least
    /// recently written files of its directory over `limits`, and returns the names its
    /// directory holds now (see [`Pruned::left`]). A failure to prune is logged, not returned:
    /// the file is saved, and no names are known.
    pub fn save(&self, path: &Path, bytes: &[u8], limits: Limits) -> io::Result<Vec<OsString>> {
        super::write_atomic(path, bytes)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        match super::atomic::prune(dir, limits, path) {
            Ok(Pruned { removed, left }) => {
                if removed > 0 {
                    tracing::debug!(removed, "the least recently written {}s pruned", self.what);
                }
                Ok(left)
            }
            Err(e) => {
                let dir = shown(dir);
                tracing::warn!(%dir, error = %e, "could not remove old files of a {}", self.what);
                Ok(Vec::new())
            }
        }
    }
}
