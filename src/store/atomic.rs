//! Whole-file writes and the bounds on a directory of per-blog files.

use super::Limits;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Write as _};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// Ends the name of every temporary file [`write_atomic`] makes.
const TEMP_SUFFIX: &str = ".liveblog-tmp";
/// A temporary file older than this was left by a writer that died (a crash, `kill -9`, a
/// power cut): no write takes that long, so it is removed.
const STALE_TEMP: Duration = Duration::from_secs(60);
/// Tells apart the temporary files of one process's writers.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` so that a reader only ever sees the old file or the new one, whole.
///
/// The parent directory is created (mode 0700: what was read is private); the bytes go to a
/// temporary file beside the target (mode 0600, named from the process id, a counter and a
/// random number, so no two writers ever share one), which is flushed to disk and then renamed
/// over the target; the directory is flushed last so the rename itself survives a power cut.
///
/// When two processes (or threads) write the same file at once, each rename is atomic, so the
/// last writer wins and the file is never a mix of the two. liveblog chooses this over a lock:
/// the files are a cache and a bookmark, where the newer of two complete versions is as good
/// as either, and a lock could leave a reader waiting on a process that hung.
///
/// Temporary files left by a writer that died are removed on a later write to the same
/// directory once they are older than a minute.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_private_dir(dir)?;
    remove_stale_temps(dir);

    let temp = dir.join(format!(
        ".{}.{}-{}-{:08x}{TEMP_SUFFIX}",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        fastrand::u32(..),
    ));
    let written = write_then_rename(&temp, path, bytes);
    if written.is_err() {
        // Best effort: if even this fails, the next write to the directory removes it.
        let _ = fs::remove_file(&temp);
    }
    written?;
    // Some file systems cannot sync a directory; the file itself is already safe.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn write_then_rename(temp: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(temp, path)
}

pub(super) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok());
        if age.is_some_and(|a| a > STALE_TEMP) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// What a prune did to a directory, and what it saw there.
#[derive(Debug, Default)]
pub(super) struct Pruned {
    /// How many per-blog files were removed.
    pub removed: usize,
    /// The name of every entry the directory listed that was not removed, per-blog file or
    /// not: what the directory holds now, as far as this process knows.
    pub left: Vec<OsString>,
}

/// Removes the least recently written per-blog files of `dir` until it is within `limits`,
/// never `keep` (the file just saved). Files that are not per-blog files (see `is_blog_file`)
/// are neither counted nor touched, but named in what is [`Pruned::left`], so that a caller
/// with files of its own beside them need not list the directory again.
pub(super) fn prune(dir: &Path, limits: Limits, keep: &Path) -> io::Result<Pruned> {
    let mut files = Vec::new();
    let mut left = Vec::new();
    for entry in fs::read_dir(dir)?.flatten() {
        let name = entry.file_name();
        if !super::is_blog_file(&name.to_string_lossy()) {
            left.push(name);
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let written = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        files.push((entry.path() == keep, written, meta.len(), name));
    }
    let mut count = files.len();
    let mut bytes: u64 = files.iter().map(|f| f.2).sum();
    // Oldest first; the kept file sorts last whatever its time says.
    files.sort_by_key(|f| (f.0, f.1));
    let mut removed = 0;
    let mut files = files.into_iter();
    for (is_kept, _, len, name) in files.by_ref() {
        if is_kept || (count <= limits.files && bytes <= limits.bytes) {
            left.push(name);
            break;
        }
        match fs::remove_file(dir.join(&name)) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {} // another process pruned it
            Err(e) => return Err(e),
        }
        count -= 1;
        bytes = bytes.saturating_sub(len);
    }
    left.extend(files.map(|f| f.3));
    Ok(Pruned { removed, left })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_creates_the_directory_and_replaces_the_file_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a/b/f.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn files_and_directories_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("d/f.json");
        write_atomic(&path, b"x").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }

    #[test]
    fn temporary_files_left_by_a_crash_are_removed_once_stale() {
        let tmp = tempfile::tempdir().unwrap();
        let stale = tmp.path().join(".f.json.1-0-deadbeef.liveblog-tmp");
        let fresh = tmp.path().join(".f.json.2-0-deadbeef.liveblog-tmp");
        let other = tmp.path().join("notes.txt");
        for p in [&stale, &fresh, &other] {
            fs::write(p, b"half").unwrap();
        }
        let old = SystemTime::now() - Duration::from_secs(120);
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_atomic(&tmp.path().join("f.json"), b"x").unwrap();
        assert!(!stale.exists(), "a stale temporary file is removed");
        assert!(
            fresh.exists(),
            "another writer's temporary file is left alone"
        );
        assert!(other.exists(), "files that are not ours are left alone");
    }

    #[test]
    fn a_path_under_a_file_is_an_error_not_a_panic() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("file"), b"x").unwrap();
        assert!(write_atomic(&tmp.path().join("file/f.json"), b"x").is_err());
    }

    #[test]
    fn pruning_removes_the_oldest_files_first_and_never_the_one_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let mut paths = Vec::new();
        for i in 0..5u64 {
            let p = tmp.path().join(format!("{i:016x}.json"));
            fs::write(&p, vec![b'x'; 10]).unwrap();
            let f = fs::File::options().write(true).open(&p).unwrap();
            f.set_modified(now - Duration::from_secs(100 - i)).unwrap();
            paths.push(p);
        }
        fs::write(tmp.path().join("keep-me.txt"), b"not ours").unwrap();
        let by_count = Limits {
            files: 3,
            bytes: u64::MAX,
        };
        let pruned = prune(tmp.path(), by_count, &paths[4]).unwrap();
        assert_eq!(pruned.removed, 2);
        let mut left: Vec<_> = pruned.left.iter().map(|n| n.to_str().unwrap()).collect();
        left.sort_unstable();
        let kept = ["0000000000000002.json", "0000000000000003.json"];
        assert_eq!(
            left,
            [kept[0], kept[1], "0000000000000004.json", "keep-me.txt"]
        );
        assert!(!paths[0].exists() && !paths[1].exists());
        assert!(paths[2].exists() && paths[3].exists() && paths[4].exists());
        // By size: 30 bytes held, 15 allowed. The kept file is the oldest here yet stays.
        let by_size = Limits {
            files: 100,
            bytes: 15,
        };
        assert_eq!(prune(tmp.path(), by_size, &paths[2]).unwrap().removed, 2);
        assert!(paths[2].exists() && !paths[3].exists() && !paths[4].exists());
        assert!(tmp.path().join("keep-me.txt").exists());
    }
}
