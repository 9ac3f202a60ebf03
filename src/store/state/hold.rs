//! One reader keeps a blog's place at a time. Two readers of the same blog (two terminals on
//! one event) would each save the place they left on quitting, and the last to quit would
//! undo the other's. The first to open a blog holds a lock beside its read state while it
//! runs; another finds it held and reads the blog without keeping a place, and says so.
//!
//! The lock is `flock(2)` on `<state file>.lock` (`File::try_lock`): the kernel lets it go when
//! the holder ends, however it ends, so a killed reader leaves nothing to clean up. The file
//! holds the holder's process id, for the message only, written over the last holder's in a
//! record of one width ([`PID_RECORD`]) rather than after emptying the file: freeing a file's
//! block is a discard the disk is waited on, where the file system is mounted with `discard`
//! (0.5–1.5 ms of every start, before the first screen, on such a disk).
//!
//! A lock file outlives its holder, so one whose read state is gone (pruned, or never saved)
//! is removed on a save ([`sweep`]), by one that holds it while it removes it. A reader that
//! opened the file just before and then takes the lock holds a removed file: it checks, after
//! locking, that the path still names the file it locked, and opens it afresh if not.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::Path;

/// How many times a lock removed under a reader (see the module's doc) is opened afresh before
/// the reader goes on unguarded: each removal takes a save that finds the state gone.
const TRIES: usize = 3;

/// The bytes of a lock's process id: the widest `u32` padded with spaces, and a newline.
const PID_RECORD: u64 = 11;

/// Whether this reader keeps a blog's place.
#[derive(Debug)]
pub enum Hold {
    /// It does: the lock is held as long as this lives.
    Held(File),
    /// Another reader holds it (its process id, when it wrote one): this one keeps nothing.
    Busy(Option<u32>),
    /// No lock could be had (no directory could be made, a read-only disk): the place is kept
    /// as before, unguarded.
    Unguarded,
}

impl Hold {
    /// Takes the lock at `path`, making its directory when needed.
    pub(super) fn take(path: &Path) -> Hold {
        match try_take(path) {
            Ok(hold) => hold,
            Err(e) => {
                tracing::warn!(error = %e, "the read state's lock could not be taken");
                Hold::Unguarded
            }
        }
    }

    /// Waits until the reader holding the lock at `path` ends (however it ends: the kernel
    /// lets the lock go), then takes it. For a reader that found the lock [`Hold::Busy`], on a
    /// thread of its own: it blocks without costing anything meanwhile.
    pub(super) fn wait(path: &Path) -> io::Result<Hold> {
        for _ in 0..TRIES {
            let mut file = opened(path)?;
            file.lock()?;
            // Removed by a sweep while this waited: the lock on it guards nothing.
            if names(path, &file) {
                write_pid(&mut file)?;
                return Ok(Hold::Held(file));
            }
        }
        Err(io::Error::other(
            "the lock file was removed under this reader each time",
        ))
    }

    /// Whether this reader may save the place.
    pub fn keeps(&self) -> bool {
        !matches!(self, Hold::Busy(_))
    }
}

fn try_take(path: &Path) -> io::Result<Hold> {
    if let Some(dir) = path.parent() {
        super::super::atomic::create_private_dir(dir)?;
    }
    for _ in 0..TRIES {
        if let Some(hold) = lock_opened(opened(path)?, path)? {
            return Ok(hold);
        }
    }
    Err(io::Error::other(
        "the lock file was removed under this reader each time",
    ))
}

/// The lock file at `path`, made if there is none, readable by its owner only.
fn opened(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Takes the lock on `file`, opened at `path`. `None` when the file was removed from `path`
/// meanwhile (by [`sweep`]): the lock on it guards nothing, and `path` is to be opened again.
fn lock_opened(mut file: File, path: &Path) -> io::Result<Option<Hold>> {
    match file.try_lock() {
        // Locked (or held by a sweep about to remove it) after it was removed from `path`.
        Ok(()) | Err(TryLockError::WouldBlock) if !names(path, &file) => Ok(None),
        Ok(()) => {
            write_pid(&mut file)?;
            Ok(Some(Hold::Held(file)))
        }
        Err(TryLockError::WouldBlock) => {
            let mut pid = String::new();
            // A few digits; anything else is not a process id.
            let _ = file.take(16).read_to_string(&mut pid);
            Ok(Some(Hold::Busy(pid.trim().parse().ok())))
        }
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Writes this process's id over the last holder's, cutting the file only when it is longer
/// than the record (written by someone else): a lock file of an earlier holder is rewritten in
/// place and keeps its block.
fn write_pid(file: &mut File) -> io::Result<()> {
    file.rewind()?;
    let record = format!("{:<10}\n", std::process::id());
    debug_assert_eq!(record.len() as u64, PID_RECORD);
    file.write_all(record.as_bytes())?;
    if file.metadata()?.len() > PID_RECORD {
        file.set_len(PID_RECORD)?;
    }
    Ok(())
}

/// The lock file at `path`, if there is one, opened as a reader opens it.
fn open_existing(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).write(true).open(path)
}

/// Whether `path` names `file` (not another file, nor none).
fn names(path: &Path, file: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(path), file.metadata()) {
            (Ok(p), Ok(f)) => p.dev() == f.dev() && p.ino() == f.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// Removes the locks in `dir` that stand beside no read state and that no reader holds: those
/// of states pruned, or never saved. `left` names what `dir` holds, as the prune of the save
/// just made listed it (see `atomic::Pruned`), so the directory is not listed again. Returns
/// how many were removed. Files of other names are not touched.
pub(in crate::store) fn sweep(dir: &Path, left: &[OsString]) -> io::Result<usize> {
    let here: HashSet<&OsStr> = left.iter().map(OsString::as_os_str).collect();
    let mut removed = 0;
    for name in left {
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".lock")) else {
            continue;
        };
        let state = format!("{stem}.json");
        if !super::super::is_blog_file(&state) || here.contains(OsStr::new(&state)) {
            continue;
        }
        // Saved since the listing, by another reader: its lock stays with it.
        if dir.join(&state).exists() {
            continue;
        }
        let path = dir.join(name);
        let Ok(file) = open_existing(&path) else {
            continue; // gone already, or not ours to open
        };
        // Held by a reader that has not saved yet: its lock stays.
        if file.try_lock().is_ok() && names(&path, &file) {
            match fs::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_reader_holds_a_blog_and_a_second_is_told_who_until_the_first_ends() {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        let path = dir.join("read").join("0123456789abcdef.lock");
        let first = Hold::take(&path);
        assert!(matches!(first, Hold::Held(_)), "{first:?}");
        assert!(first.keeps());
        // Another open of the file is another holder to flock(2), as another process is.
        let second = Hold::take(&path);
        assert!(
            matches!(second, Hold::Busy(Some(pid)) if pid == std::process::id()),
            "{second:?}"
        );
        assert!(!second.keeps());
        drop(first);
        let third = Hold::take(&path);
        assert!(
            matches!(third, Hold::Held(_)),
            "free once the first ends: {third:?}"
        );
        drop(third);
    }

    #[test]
    fn a_reader_waiting_for_a_blog_holds_it_the_moment_the_holder_ends() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("0123456789abcdef.lock");
        let first = Hold::take(&path);
        assert!(matches!(first, Hold::Held(_)), "{first:?}");
        let (tx, rx) = std::sync::mpsc::channel();
        let waiting = path.clone();
        std::thread::spawn(move || tx.send(Hold::wait(&waiting)));
        let short = std::time::Duration::from_millis(200);
        assert!(rx.recv_timeout(short).is_err(), "taken while held");
        drop(first);
        let second = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        assert!(matches!(second, Ok(Hold::Held(_))), "{second:?}");
        assert!(
            matches!(Hold::take(&path), Hold::Busy(_)),
            "held by the waiter"
        );
    }

    /// What a prune would leave named: everything in `dir`.
    fn listed(dir: &Path) -> Vec<OsString> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect()
    }

    #[test]
    fn a_sweep_removes_the_locks_of_states_gone_and_held_by_no_one() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let lock = |hex: char| dir.join(format!("{}.lock", hex.to_string().repeat(16)));
        // A state and its free lock; a lock alone and free; a lock alone and held.
        std::fs::write(dir.join(format!("{}.json", "a".repeat(16))), b"{}").unwrap();
        drop(Hold::take(&lock('a')));
        drop(Hold::take(&lock('b')));
        let held = Hold::take(&lock('c'));
        assert!(matches!(held, Hold::Held(_)), "{held:?}");
        std::fs::write(dir.join("notes.lock"), b"not ours").unwrap();
        // A lock listed without its state, whose state another reader saved since.
        drop(Hold::take(&lock('d')));
        let listing = listed(dir);
        std::fs::write(dir.join(format!("{}.json", "d".repeat(16))), b"{}").unwrap();
        assert_eq!(sweep(dir, &listing).unwrap(), 1);
        assert!(lock('d').exists(), "its state was saved after the listing");
        assert!(lock('a').exists(), "beside its state");
        assert!(!lock('b').exists(), "its state is gone and no one holds it");
        assert!(lock('c').exists(), "a reader holds it");
        assert!(dir.join("notes.lock").exists(), "not a lock of ours");
        assert!(
            matches!(Hold::take(&lock('c')), Hold::Busy(_)),
            "still guarding"
        );
        drop(held);
        assert_eq!(sweep(dir, &listed(dir)).unwrap(), 1);
        assert!(!lock('c').exists(), "free once its reader ended");
    }

    #[test]
    fn a_reader_that_opened_a_lock_a_sweep_removes_takes_a_fresh_one() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("0123456789abcdef.lock");
        drop(Hold::take(&path));
        // The reader opens the file; a sweep locks it and removes it before the reader locks.
        let opened = open_existing(&path).unwrap();
        let sweeping = open_existing(&path).unwrap();
        sweeping.try_lock().unwrap();
        std::fs::remove_file(&path).unwrap();
        let taken = lock_opened(opened, &path).unwrap();
        assert!(taken.is_none(), "not Busy, as a reader would be: {taken:?}");
        drop(sweeping);
        let hold = Hold::take(&path);
        assert!(matches!(hold, Hold::Held(_)), "{hold:?}");
        assert!(path.exists(), "the path names the lock held");
    }

    #[test]
    fn a_holder_writes_its_id_over_whatever_the_lock_file_held_before() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("0123456789abcdef.lock");
        let me = std::process::id();
        // An earlier holder's wider id, a shorter one as an earlier liveblog wrote it (no
        // padding), a foreign file longer than the record, and an empty one.
        for before in [
            &b"4294967295\n"[..],
            b"7",
            b"not a process id at all, and long",
            b"",
        ] {
            std::fs::write(&path, before).unwrap();
            let held = Hold::take(&path);
            assert!(matches!(held, Hold::Held(_)), "{held:?}");
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(text.len() as u64, PID_RECORD, "{text:?} after {before:?}");
            assert_eq!(text.trim().parse::<u32>().unwrap(), me, "after {before:?}");
            let second = Hold::take(&path);
            assert!(
                matches!(second, Hold::Busy(Some(pid)) if pid == me),
                "{second:?} after {before:?}"
            );
        }
    }

    #[test]
    fn a_lock_on_a_file_removed_after_it_was_opened_is_not_a_hold() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("0123456789abcdef.lock");
        std::fs::write(&path, b"").unwrap();
        let opened = open_existing(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(lock_opened(opened, &path).unwrap().is_none());
    }

    #[test]
    fn a_lock_that_cannot_be_made_leaves_the_place_kept_unguarded() {
        // A file where the directory should be.
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path().join("read-dir");
        std::fs::write(&dir, b"not a directory").unwrap();
        let hold = Hold::take(&dir.join("read").join("x.lock"));
        assert!(matches!(hold, Hold::Unguarded), "{hold:?}");
        assert!(hold.keeps());
    }
}
