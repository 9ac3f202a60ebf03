//! One reader keeps a blog's place at a time. Two readers of the same blog (two terminals on
//! one event) would each save the place they left on quitting, and the last to quit would
//! undo the other's. The first to open a blog holds a lock beside its read state while it
//! runs; another finds it held and reads the blog without keeping a place, and says so.
//!
//! The lock is `flock(2)` on `<state file>.lock` (`File::try_lock`): the kernel lets it go when
//! the holder ends, however it ends, so a killed reader leaves nothing to clean up. The file
//! holds the holder's process id, for the message only.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

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

    /// Whether this reader may save the place.
    pub fn keeps(&self) -> bool {
        !matches!(self, Hold::Busy(_))
    }
}

fn try_take(path: &Path) -> std::io::Result<Hold> {
    if let Some(dir) = path.parent() {
        super::super::atomic::create_private_dir(dir)?;
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0)?;
            file.rewind()?;
            write!(file, "{}", std::process::id())?;
            Ok(Hold::Held(file))
        }
        Err(TryLockError::WouldBlock) => {
            let mut pid = String::new();
            // A few digits; anything else is not a process id.
            let _ = file.take(16).read_to_string(&mut pid);
            Ok(Hold::Busy(pid.trim().parse().ok()))
        }
        Err(TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_reader_holds_a_blog_and_a_second_is_told_who_until_the_first_ends() {
        let dir = std::env::temp_dir().join(format!("liveblog-hold-{}", std::process::id()));
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
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_lock_that_cannot_be_made_leaves_the_place_kept_unguarded() {
        // A file where the directory should be.
        let dir = std::env::temp_dir().join(format!("liveblog-hold-file-{}", std::process::id()));
        std::fs::write(&dir, b"not a directory").unwrap();
        let hold = Hold::take(&dir.join("read").join("x.lock"));
        assert!(matches!(hold, Hold::Unguarded), "{hold:?}");
        assert!(hold.keeps());
        let _ = std::fs::remove_file(&dir);
    }
}
