//! Receiving a response body within its cap, and inflating a compressed one.
//!
//! The cap counts a body after decompression, so a gzip bomb (some kilobytes that inflate to
//! gigabytes) is refused at the cap. Keeping what it inflated to until then would cost the whole
//! cap, 16 MiB, for a body that is then thrown away. So a compressed body is kept as it came
//! for as long as it inflates at least [`MIN_RATIO`]-fold: its inflated bytes are only counted,
//! and once it is complete and within the cap it is inflated again, into a buffer of exactly
//! its size. A body that compresses less is inflated as it arrives.
//!
//! Whatever is kept, compressed or not, is kept in a [`CappedBody`]: in memory up to a point
//! and then in a file (see [`capped`]), so that a body refused at the cap does not cost the cap.

mod capped;

pub use capped::{SPILL_AFTER, Spill};

use capped::CappedBody;
use std::io::{self, Write};

/// The content codings asked for, and decoded here.
pub(super) const ACCEPT_ENCODING: &str = "gzip, br";

/// A compressed body is kept as it came while its compressed bytes are at most the cap divided
/// by this: a bomb's are (gzip inflates up to 1032-fold, brotli far more), and so is a blog's
/// gzip of a few hundred KB. Holding them costs at most that share of the cap on top of the
/// inflated body at the end.
pub(super) const MIN_RATIO: usize = 64;

/// A content coding the client decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Coding {
    Gzip,
    Brotli,
}

impl Coding {
    /// The coding a `Content-Encoding` value names. `None` for identity, and for codings not
    /// asked for, whose bytes are passed on as they came.
    pub(super) fn from_header(value: &str) -> Option<Coding> {
        match value.trim().to_ascii_lowercase().as_str() {
            "gzip" | "x-gzip" => Some(Coding::Gzip),
            "br" => Some(Coding::Brotli),
            _ => None,
        }
    }
}

/// Why a body was refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum BodyError {
    /// It would pass the cap.
    OverCap,
    /// Its compressed stream is corrupt or cut short.
    Corrupt(String),
    /// The part of it kept on disk could not be read back.
    Unread(String),
}

/// The sink refused bytes past the cap (carried through the decoders as an `io::Error`).
#[derive(Debug)]
pub(super) struct OverCap;

impl std::fmt::Display for OverCap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("over the cap")
    }
}

impl std::error::Error for OverCap {}

impl From<io::Error> for BodyError {
    fn from(e: io::Error) -> Self {
        if matches!(e.get_ref(), Some(inner) if inner.is::<OverCap>()) {
            BodyError::OverCap
        } else {
            BodyError::Corrupt(crate::sanitize::line(&e.to_string(), 200))
        }
    }
}

/// A body being received.
pub(super) struct Body {
    state: State,
}

enum State {
    /// Not compressed (or in a coding not asked for): kept as it comes.
    Plain(CappedBody),
    /// Compressed and inflating at least [`MIN_RATIO`]-fold so far: kept compressed, while the
    /// inflater only counts.
    Held {
        raw: CappedBody,
        counter: Inflater,
        coding: Coding,
        cap: usize,
        /// For what it inflates to, should it come to be inflated as it comes.
        spill: Option<Spill>,
    },
    /// Compressed, but inflating less: inflated as it comes.
    Inflating(Inflater),
}

impl Body {
    /// A body of at most `cap` bytes (inflated), of which what is kept past `spill.after` bytes
    /// goes to a file.
    pub(super) fn new(coding: Option<Coding>, cap: usize, spill: Option<&Spill>) -> Self {
        let state = match coding {
            None => State::Plain(CappedBody::new(cap, spill.cloned())),
            Some(coding) => State::Held {
                // At most the cap's 64th, 256 KiB, under `SPILL_AFTER`: it never reaches the
                // file in production, but nothing here depends on that.
                raw: CappedBody::new(cap / MIN_RATIO, spill.cloned()),
                counter: Inflater::new(coding, Sink::count(cap)),
                coding,
                cap,
                spill: spill.cloned(),
            },
        };
        Body { state }
    }

    /// Takes the next piece of the body as it came over the wire.
    pub(super) fn push(&mut self, data: &[u8]) -> Result<(), BodyError> {
        match &mut self.state {
            State::Plain(body) => body.push(data).map_err(|OverCap| BodyError::OverCap),
            State::Inflating(inflater) => Ok(inflater.write_all(data)?),
            State::Held {
                raw,
                counter,
                coding,
                cap,
                spill,
            } => {
                counter.write_all(data)?;
                if raw.push(data).is_ok() {
                    return Ok(());
                }
                // Too little compression to be worth keeping compressed: inflate what was kept
                // and go on inflating as it comes.
                let mut inflater = Inflater::new(*coding, Sink::keep(*cap, spill.take()));
                std::mem::replace(raw, CappedBody::new(0, None))
                    .pour(|piece| Ok(inflater.write_all(piece)?))?;
                inflater.write_all(data)?;
                self.state = State::Inflating(inflater);
                Ok(())
            }
        }
    }

    /// The whole body, in a buffer of exactly its size; an error if a compressed stream did not
    /// end properly or what was kept on disk cannot be read back.
    pub(super) fn finish(self) -> Result<Vec<u8>, BodyError> {
        match self.state {
            State::Plain(body) => body.into_vec(),
            State::Inflating(inflater) => inflater.finish()?.into_vec(),
            State::Held {
                raw,
                counter,
                coding,
                cap,
                ..
            } => {
                if raw.len == 0 {
                    // No body at all, which is no stream to end properly either.
                    return Ok(Vec::new());
                }
                let len = counter.finish()?.len();
                let mut inflater = Inflater::new(coding, Sink::exact(len, cap));
                // Each compressed block is freed once inflated.
                raw.pour(|piece| Ok(inflater.write_all(piece)?))?;
                inflater.finish()?.into_vec()
            }
        }
    }
}

/// A decoder for one coding, writing what it inflates to a [`Sink`].
enum Inflater {
    /// Members one after another are one body, as `gzip -d` has it.
    Gzip(Box<flate2::write::MultiGzDecoder<Sink>>),
    Brotli(Box<brotli_decompressor::DecompressorWriter<Sink>>),
}

/// Size of the brotli decoder's output buffer.
const BROTLI_BUFFER: usize = 4096;

impl Inflater {
    fn new(coding: Coding, sink: Sink) -> Self {
        match coding {
            Coding::Gzip => Inflater::Gzip(Box::new(flate2::write::MultiGzDecoder::new(sink))),
            Coding::Brotli => Inflater::Brotli(Box::new(
                brotli_decompressor::DecompressorWriter::new(sink, BROTLI_BUFFER),
            )),
        }
    }

    /// Inflates `data`. Bytes after the end of the stream are an error (`WriteZero`).
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        match self {
            Inflater::Gzip(d) => d.write_all(data),
            Inflater::Brotli(d) => d.write_all(data),
        }
    }

    /// The sink, once the stream has ended where it should (gzip also checks its CRC and
    /// length).
    fn finish(self) -> io::Result<Sink> {
        match self {
            Inflater::Gzip(d) => (*d).finish(),
            Inflater::Brotli(mut d) => {
                d.close()?;
                (*d).into_inner().map_err(|_| {
                    io::Error::new(io::ErrorKind::InvalidData, "corrupt brotli stream")
                })
            }
        }
    }
}

/// Where inflated bytes go; every kind refuses bytes past `cap`.
enum Sink {
    /// Only counted.
    Count { len: usize, cap: usize },
    /// Kept in blocks, and past a point in a file.
    Keep(CappedBody),
    /// Kept in a buffer reserved at the size counted before, never grown.
    Exact(Vec<u8>),
}

impl Sink {
    fn count(cap: usize) -> Self {
        Sink::Count { len: 0, cap }
    }

    fn keep(cap: usize, spill: Option<Spill>) -> Self {
        Sink::Keep(CappedBody::new(cap, spill))
    }

    fn exact(len: usize, cap: usize) -> Self {
        Sink::Exact(Vec::with_capacity(len.min(cap)))
    }

    /// How many bytes it took.
    fn len(&self) -> usize {
        match self {
            Sink::Count { len, .. } => *len,
            Sink::Keep(body) => body.len,
            Sink::Exact(body) => body.len(),
        }
    }

    fn into_vec(self) -> Result<Vec<u8>, BodyError> {
        match self {
            Sink::Count { .. } => Ok(Vec::new()),
            Sink::Keep(body) => body.into_vec(),
            Sink::Exact(body) => Ok(body),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let fits = match self {
            Sink::Count { len, cap } => {
                let fits = buf.len() <= *cap - *len;
                if fits {
                    *len += buf.len();
                }
                fits
            }
            Sink::Keep(body) => body.push(buf).is_ok(),
            Sink::Exact(body) => {
                let fits = buf.len() <= body.capacity() - body.len();
                if fits {
                    body.extend_from_slice(buf);
                }
                fits
            }
        };
        if fits {
            Ok(buf.len())
        } else {
            Err(io::Error::other(OverCap))
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
