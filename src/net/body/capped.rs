//! A body being received within its cap: its first part in memory, the rest in a file.
//!
//! A body that passes the cap can only be refused once it has, so until then it is held: the
//! whole cap, 16 MiB, for an endless body that is then thrown away. So only the first
//! [`SPILL_AFTER`] bytes are kept in memory, which a blog of a few hundred KB fits in whole,
//! and the rest goes to an unnamed temporary file in liveblog's cache directory (on Linux an
//! `O_TMPFILE`: it has no name and is gone once closed, so a body refused or a poll cancelled
//! halfway leaves nothing behind, and bodies received at once each have their own). A body
//! that completes within the cap is read back from there into the one buffer of exactly its
//! size. Disk trouble never fails a poll that memory could have served: when the file cannot
//! be made or written, the rest of the body is kept in memory, as it was before.

use super::{BodyError, OverCap};
use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// How much of a body is kept in memory before the rest goes to a file: 1 MiB.
///
/// A blog's page or feed is a few hundred KB (the Guardian's page JSON is 292 KiB), so the
/// usual poll never touches the disk, while a body refused at the 16 MiB cap costs this much
/// memory rather than the cap. It is sixteen blocks.
pub const SPILL_AFTER: usize = 1 << 20;

/// Where a body goes on past its first `after` bytes: an unnamed file in `dir`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spill {
    /// Made, parents and all, when a body first needs it.
    pub dir: PathBuf,
    pub after: usize,
}

/// Size of the blocks a body is received into: under glibc's initial mmap threshold (128 KiB),
/// so they come from the allocator's arenas and go back to them.
pub(super) const BLOCK: usize = 64 * 1024;

/// Bytes in memory, in fixed-size blocks.
#[derive(Default)]
pub(super) struct Blocks {
    pub(super) blocks: Vec<Vec<u8>>,
    pub(super) len: usize,
}

impl Blocks {
    fn push(&mut self, mut data: &[u8]) {
        self.len += data.len();
        while !data.is_empty() {
            if self.blocks.last().is_none_or(|b| b.len() == BLOCK) {
                self.blocks.push(Vec::with_capacity(BLOCK));
            }
            if let Some(block) = self.blocks.last_mut() {
                let n = (BLOCK - block.len()).min(data.len());
                block.extend_from_slice(&data[..n]);
                data = &data[n..];
            }
        }
    }
}

/// A body being received, never holding more than its cap, in memory up to a point and then in
/// a file.
///
/// In memory it is kept in fixed-size blocks. A growing `Vec` would double its way past the cap
/// (to 16 MiB for a 9 MiB body) and copy at each step. Worse, with glibc, freeing that
/// multi-megabyte buffer raises the allocator's mmap threshold to its size, after which every
/// big buffer comes from an arena that keeps the memory: a run of gzip bombs left 20 MiB
/// resident for good. Blocks cost one copy at the end, into a buffer of exactly the body's
/// size.
///
/// The file is made, written and read back with blocking calls, on whichever runtime worker
/// polls the fetch. Only a body past [`SPILL_AFTER`] gets there; a write of one chunk (as hyper
/// read it, at most its read buffer of some hundred KiB) into the page cache takes microseconds,
/// and reading back a body of some MiB at the end a few milliseconds. Handing each write to
/// `spawn_blocking` would cost more than it saves.
pub(super) struct CappedBody {
    /// The body's first part: all of it, unless some went to a file.
    pub(super) head: Blocks,
    /// The whole body's length, wherever it is kept.
    pub(super) len: usize,
    pub(super) cap: usize,
    pub(super) rest: Rest,
}

/// Where a body goes on past its head.
pub(super) enum Rest {
    /// Into the head: no file is wanted, or none could be made.
    Memory,
    /// Into the head until it holds `after` bytes, then into a file.
    Pending(Spill),
    /// Into `file`, which holds `len` bytes; after a write to it failed, into `tail`.
    File {
        file: File,
        len: usize,
        dir: PathBuf,
        tail: Blocks,
    },
}

impl CappedBody {
    /// A body of at most `cap` bytes, kept in memory unless `spill` says where its rest goes.
    pub(super) fn new(cap: usize, spill: Option<Spill>) -> Self {
        CappedBody {
            head: Blocks::default(),
            len: 0,
            cap,
            rest: spill.map_or(Rest::Memory, Rest::Pending),
        }
    }

    /// Appends `data`, or refuses it whole if the body would pass the cap. What was taken
    /// before stays (a held body is poured into a decoder after its first refusal); a file is
    /// deleted when the body is dropped.
    pub(super) fn push(&mut self, mut data: &[u8]) -> Result<(), OverCap> {
        if data.len() > self.cap - self.len {
            return Err(OverCap);
        }
        self.len += data.len();
        if let Rest::Pending(spill) = &self.rest {
            let room = spill.after.saturating_sub(self.head.len);
            let (now, later) = data.split_at(room.min(data.len()));
            self.head.push(now);
            if later.is_empty() {
                return Ok(());
            }
            self.rest = Rest::open(spill);
            data = later;
        }
        match &mut self.rest {
            Rest::Memory | Rest::Pending(_) => self.head.push(data),
            Rest::File {
                file,
                len,
                dir,
                tail,
            } => {
                // Blocking, on a runtime worker: see the type's doc for why that is fine.
                if tail.len == 0 {
                    match file.write_all(data) {
                        Ok(()) => {
                            *len += data.len();
                            return Ok(());
                        }
                        // What part of this piece reached the file is ignored: only `len`
                        // bytes are read back.
                        Err(e) => tracing::warn!(
                            dir = %shown(dir),
                            error = %e,
                            "cannot write a large body to disk; keeping its rest in memory"
                        ),
                    }
                }
                tail.push(data);
            }
        }
        Ok(())
    }

    /// Hands the body on in order, at most a block at a time: each block is freed once handed
    /// on, and the file is read back a block at a time, then closed (so deleted).
    pub(super) fn pour(
        self,
        mut f: impl FnMut(&[u8]) -> Result<(), BodyError>,
    ) -> Result<(), BodyError> {
        for block in self.head.blocks {
            f(&block)?;
        }
        if let Rest::File {
            file,
            len,
            dir,
            tail,
        } = self.rest
        {
            read_back(file, len, &dir, &mut f)?;
            for block in tail.blocks {
                f(&block)?;
            }
        }
        Ok(())
    }

    /// The body in one buffer of exactly its size.
    pub(super) fn into_vec(self) -> Result<Vec<u8>, BodyError> {
        let mut body = Vec::with_capacity(self.len);
        self.pour(|piece| {
            body.extend_from_slice(piece);
            Ok(())
        })?;
        Ok(body)
    }
}

impl Rest {
    /// A new unnamed file in `spill.dir`; when there can be none, the rest stays in memory.
    fn open(spill: &Spill) -> Rest {
        let made =
            std::fs::create_dir_all(&spill.dir).and_then(|()| tempfile::tempfile_in(&spill.dir));
        match made {
            Ok(file) => Rest::File {
                file,
                len: 0,
                dir: spill.dir.clone(),
                tail: Blocks::default(),
            },
            Err(e) => {
                tracing::warn!(
                    dir = %shown(&spill.dir),
                    error = %e,
                    "cannot keep a large body on disk; keeping it in memory"
                );
                Rest::Memory
            }
        }
    }
}

/// Hands on the `len` bytes at the start of `file`, a block at a time.
fn read_back(
    mut file: File,
    len: usize,
    dir: &Path,
    f: &mut impl FnMut(&[u8]) -> Result<(), BodyError>,
) -> Result<(), BodyError> {
    let unread = |e: io::Error| {
        BodyError::Unread(format!(
            "reading back the part of it kept on disk in \"{}\": {}",
            shown(dir),
            crate::sanitize::line(&e.to_string(), 200)
        ))
    };
    file.rewind().map_err(unread)?;
    let mut buf = vec![0; len.min(BLOCK)];
    let mut left = len;
    while left > 0 {
        let n = left.min(BLOCK);
        file.read_exact(&mut buf[..n]).map_err(unread)?;
        f(&buf[..n])?;
        left -= n;
    }
    Ok(())
}

/// A path for a log line or message.
fn shown(path: &Path) -> String {
    crate::sanitize::visible(&path.to_string_lossy(), 300)
}
