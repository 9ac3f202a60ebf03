//! An entry's fingerprint: a hash of what it says, kept in the read state so that the next
//! catch-up can tell an entry edited since from one left as it was.
//!
//! It is the same on every run, machine and Rust version, being kept on disk: SipHash-1-3 with
//! both keys 0, of the entry's content written in a fixed binary form, with nothing passing
//! through `Hash` or a serialiser. The form, in order: the title, the authors, the body. A
//! string is its length (8 bytes, little endian) then its UTF-8; a missing value is the byte 0
//! and a present one the byte 1 before it; a list is its length then its items; a flag is one
//! byte, 0 or 1, but a run's bold flag, which is 2 more when the run is struck through; a
//! block is a byte naming its kind then its fields in the order they are
//! declared, but for a list numbered from elsewhere than 1 or nested in another: kind 9, its
//! flag, its start (4 bytes) and level (1 byte), then its items; for a list numbered otherwise
//! than upwards in decimal, kind 10, the same with its numerals (a byte, their order in
//! `Numerals`) and its counting down (a flag) before its items; a table, kind 11, its rows (each
//! a list of cells, each a list of runs), header flag, and columns and rows left out (4 bytes
//! each). The entry's flags (key event, pinned, summary) are left out: promoting an entry to a
//! key event or pinning it is not an edit of what it says. So are its times (published,
//! updated, as written): a source that gives a time where it gave none, moves an entry or
//! saves it again unchanged has not changed what it says, and `d` would show no difference.
//! Version 3 of the read state hashed the times too.
//!
//! Version 2 of the read state hashed the entry's liveblog JSON line, some twenty thousand
//! instructions an entry for serialising and escaping it twice over (its body and its text):
//! most of the time the whole of a long file took to come in, and of every refresh.

use super::FROM_RENDERING;
use crate::blog::{Block, Embed, Entry, Image, Inline, Numerals, Table};
use siphasher::sip::SipHasher13;
use std::hash::Hasher;

/// A stable fingerprint of what an entry says: its title, authors and body. Never
/// [`FROM_RENDERING`].
pub fn fingerprint(e: &Entry) -> u64 {
    // Every field named, none passed over with `..`: a field added to an entry is a compile
    // error here until it is said whether an edit of it is an edit.
    let Entry {
        id: _,
        title,
        // When it was said, not what: see the module's documentation.
        published: _,
        updated: _,
        time_as_written: _,
        authors,
        key_event: _,
        pinned: _,
        summary: _,
        body,
        read_from: _,
    } = e;
    let mut w = Writer(SipHasher13::new_with_keys(0, 0));
    w.opt_str(title.as_deref());
    w.len(authors.len());
    for a in authors {
        w.str(a);
    }
    w.len(body.len());
    for b in body {
        w.block(b);
    }
    w.0.finish().max(FROM_RENDERING + 1)
}

/// Writes the fixed form (see the module's documentation) into the hash.
struct Writer(SipHasher13);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.write(&[b]);
    }

    fn len(&mut self, n: usize) {
        self.0
            .write(&u64::try_from(n).unwrap_or(u64::MAX).to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.write(s.as_bytes());
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.byte(0),
            Some(s) => {
                self.byte(1);
                self.str(s);
            }
        }
    }

    fn flag(&mut self, b: bool) {
        self.byte(u8::from(b));
    }

    fn runs(&mut self, runs: &[Inline]) {
        self.len(runs.len());
        for Inline {
            text,
            bold,
            italic,
            strike,
            link,
        } in runs
        {
            self.str(text);
            // Struck through rides in the bold flag's byte, as 2: a run not struck is written
            // as before there was such a thing, and keeps the fingerprint the read states hold.
            self.byte(u8::from(*bold) | (u8::from(*strike) << 1));
            self.flag(*italic);
            self.opt_str(link.as_deref());
        }
    }

    fn table(&mut self, t: &Table) {
        let Table {
            rows,
            header,
            more_columns,
            more_rows,
        } = t;
        self.byte(11);
        self.len(rows.len());
        for row in rows {
            self.len(row.len());
            for cell in row {
                self.runs(cell);
            }
        }
        self.flag(*header);
        self.0.write(&more_columns.to_le_bytes());
        self.0.write(&more_rows.to_le_bytes());
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Paragraph { runs } => {
                self.byte(1);
                self.runs(runs);
            }
            Block::Heading { runs } => {
                self.byte(2);
                self.runs(runs);
            }
            Block::Quote {
                paragraphs,
                attribution,
                level,
            } => {
                // A quote in no other is written as before quotes had levels, so that its
                // fingerprint stays what the read states hold.
                if *level > 0 {
                    self.byte(12);
                    self.byte(*level);
                }
                self.byte(3);
                self.len(paragraphs.len());
                for p in paragraphs {
                    self.runs(p);
                }
                self.opt_str(attribution.as_deref());
            }
            // A list numbered from 1 and in no other is written as before its number and level
            // were read, so that its fingerprint stays what the read states hold. Whether a
            // part goes on the list before it is left out: the items and their numbers are
            // what was read before it was known.
            Block::List {
                ordered,
                items,
                start: 1,
                level: 0,
                numerals: Numerals::Decimal,
                reversed: false,
                continued: _,
            } => {
                self.byte(4);
                self.flag(*ordered);
                self.len(items.len());
                for item in items {
                    self.runs(item);
                }
            }
            Block::List {
                ordered,
                items,
                start,
                level,
                numerals,
                reversed,
                continued: _,
            } => {
                // Numbered in decimal upwards: written as before numerals were read.
                let plain = numerals.is_decimal() && !reversed;
                self.byte(if plain { 9 } else { 10 });
                self.flag(*ordered);
                self.0.write(&start.to_le_bytes());
                self.byte(*level);
                if !plain {
                    self.byte(*numerals as u8);
                    self.flag(*reversed);
                }
                self.len(items.len());
                for item in items {
                    self.runs(item);
                }
            }
            Block::Image(image) => {
                let Image {
                    url,
                    caption,
                    alt,
                    credit,
                } = &**image;
                self.byte(5);
                self.opt_str(url.as_deref());
                self.str(caption);
                self.str(alt);
                self.str(credit);
            }
            Block::Embed(embed) => {
                let Embed { kind, title, url } = &**embed;
                self.byte(6);
                self.str(kind);
                self.str(title);
                self.opt_str(url.as_deref());
            }
            Block::Code { text } => {
                self.byte(7);
                self.str(text);
            }
            Block::Table(table) => self.table(table),
            Block::Rule => self.byte(8),
        }
    }
}
