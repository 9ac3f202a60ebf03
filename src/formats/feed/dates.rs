//! The two strict forms of feed times, read in one pass: RFC 3339 (`2024-01-02T10:30:00Z`,
//! `…+01:00`, with or without a fraction) and RFC 2822 as RSS writes it (`Thu, 04 Jul 2024
//! 23:00:00 +0100`, or `GMT`). For these, feed-rs's lenient reading (a chain of regular
//! expressions, then chrono) gives the same instant; anything else is `None`, and the feed is
//! left to feed-rs.

use super::xml::{Tok, Tokens, local_name};
use crate::blog::Stamp;
use jiff::tz::Offset;
use std::collections::HashMap;

/// A time in one of the two strict forms, with the offset it is written in (`GMT`, `UTC` and
/// `Z` are UTC), as every other format keeps a time.
pub(super) fn stamp(text: &str) -> Option<Stamp> {
    let s = text.trim().as_bytes();
    let (ms, offset) = rfc3339(s).or_else(|| rfc2822(s))?;
    let instant = jiff::Timestamp::from_millisecond(ms).ok()?;
    let offset = jiff::tz::Offset::from_seconds(i32::try_from(offset).ok()?).ok()?;
    Some(Stamp::new(instant, offset))
}

/// The offsets a feed's times are written in, by the instant each names: what feed-rs, which
/// gives every time in UTC, leaves out. Each entry (`item`, `entry`) keeps its own, as one
/// instant may be written in two offsets by two entries (one desk writes `+01:00`, another
/// `Z`), and each must read back as its entry wrote it. Within an entry (and the feed's own),
/// each field keeps its own too, as `published` may be written in `+01:00` and `updated` as
/// the same instant in `Z`.
#[derive(Debug, Default)]
pub(super) struct WrittenOffsets {
    /// The times outside any entry (the feed's own).
    outside: Written,
    /// The first offset any instant is written in: for an entry feed-rs counts otherwise
    /// than this reading does.
    first: HashMap<i64, Offset>,
    /// Each entry's own, in document order, as feed-rs gives its entries.
    entries: Vec<Written>,
}

/// Which of an entry's (or a feed's) two times feed-rs reads a field as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Field {
    Published,
    Updated,
}

/// The offsets one entry (or the feed outside its entries) writes its times in.
#[derive(Debug, Default)]
struct Written {
    /// By the field feed-rs reads a time as, and its instant: the last one written, as
    /// feed-rs keeps the last of a repeated field.
    by_field: HashMap<(Field, i64), Offset>,
    /// By instant alone, the first written: for a time in a field not matched by name.
    by_instant: HashMap<i64, Offset>,
}

impl Written {
    fn get(&self, field: Field, ms: i64) -> Option<&Offset> {
        self.by_field
            .get(&(field, ms))
            .or_else(|| self.by_instant.get(&ms))
    }
}

impl WrittenOffsets {
    /// The offset the instant `ms` is written in as the time `field` by the entry at `entry`
    /// (in document order, among `of` entries), or outside any entry when `entry` is `None`.
    pub(super) fn get(
        &self,
        entry: Option<(usize, usize)>,
        field: Field,
        ms: i64,
    ) -> Option<Offset> {
        let own = match entry {
            // Entries counted otherwise than feed-rs counts them are not matched by place.
            Some((at, of)) => self.entries.get(at).filter(|_| of == self.entries.len()),
            None => Some(&self.outside),
        };
        own.and_then(|w| w.get(field, ms))
            .or_else(|| self.first.get(&ms))
            .copied()
    }
}

/// The offsets the feed's times are written in ([`WrittenOffsets`]). Each element named as a
/// time field is read (`pubDate`, `published`, `updated`, `lastBuildDate`, `dc:date`). Only
/// the strict forms are read: a time in another stays in UTC.
pub(super) fn written_offsets(xml: &str) -> WrittenOffsets {
    let mut offsets = WrittenOffsets::default();
    let mut toks = Tokens::new(xml);
    let mut in_time: Option<&'static [Field]> = None;
    let mut depth = 0_usize;
    // Whether the root is Atom's `feed`, where the fields are named otherwise than in RSS.
    let mut atom = false;
    // The depth of the entry being read, if any.
    let mut entry_at: Option<usize> = None;
    while let Some(tok) = toks.next() {
        match tok {
            Tok::Start(_, tag) => {
                depth += 1;
                let name = local_name(&tag);
                if depth == 1 {
                    atom = name == b"feed";
                }
                if entry_at.is_none() && matches!(name, b"item" | b"entry") {
                    entry_at = Some(depth);
                    offsets.entries.push(Written::default());
                }
                // feed-rs reads the fields of an entry, or of the feed (a channel's in RSS),
                // among their children alone.
                let child_of = entry_at.unwrap_or(if atom { 1 } else { 2 });
                let fields = if depth == child_of + 1 {
                    fields_of(atom, entry_at.is_some(), name)
                } else {
                    &[]
                };
                in_time = TIME_FIELDS.contains(&name).then_some(fields);
            }
            Tok::Text(t) => {
                if let Some(fields) = in_time
                    && let Some(s) = stamp(&t)
                {
                    let (ms, offset) = (s.as_millis(), s.offset());
                    let own = match entry_at {
                        Some(_) => offsets.entries.last_mut(),
                        None => Some(&mut offsets.outside),
                    };
                    if let Some(own) = own {
                        own.by_instant.entry(ms).or_insert(offset);
                        for field in fields {
                            own.by_field.insert((*field, ms), offset);
                        }
                    }
                    offsets.first.entry(ms).or_insert(offset);
                }
            }
            Tok::Eof => break,
            Tok::End => {
                if entry_at == Some(depth) {
                    entry_at = None;
                }
                depth = depth.saturating_sub(1);
                in_time = None;
            }
        }
    }
    offsets
}

/// The times feed-rs reads an element named `name` as, in an Atom feed or another (RSS), in
/// an entry or in the feed's own fields.
fn fields_of(atom: bool, in_entry: bool, name: &[u8]) -> &'static [Field] {
    match (atom, in_entry, name) {
        (true, _, b"published" | b"pubDate") | (false, false, b"pubDate" | b"date") => {
            &[Field::Published]
        }
        (true, _, b"updated") | (false, false, b"lastBuildDate" | b"updated") => &[Field::Updated],
        // An RSS item has one time, which feed-rs gives as its update time too.
        (false, true, b"pubDate" | b"date") => &[Field::Published, Field::Updated],
        _ => &[],
    }
}

/// The local names of the time fields feed-rs reads.
const TIME_FIELDS: [&[u8]; 5] = [
    b"pubDate",
    b"published",
    b"updated",
    b"lastBuildDate",
    b"date",
];

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`: milliseconds since the Unix epoch, and the
/// offset in seconds.
fn rfc3339(s: &[u8]) -> Option<(i64, i64)> {
    if s.len() < 20 || s[4] != b'-' || s[7] != b'-' || s[10] != b'T' {
        return None;
    }
    let year = digits(&s[0..4])?;
    let (month, day) = (digits(&s[5..7])?, digits(&s[8..10])?);
    let (secs, mut rest) = clock(&s[11..])?;
    let mut ms = 0;
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 || n > 9 {
            return None;
        }
        let mut first3 = [b'0'; 3];
        let keep = n.min(3);
        first3[..keep].copy_from_slice(&frac[..keep]);
        ms = digits(&first3)?;
        rest = &frac[n..];
    }
    let offset = match rest {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            offset_secs(*sign, digits(&[*h1, *h2])?, digits(&[*m1, *m2])?)?
        }
        _ => return None,
    };
    Some((instant(year, month, day, secs - offset, ms)?, offset))
}

/// `[Www, ]D[D] Mon YYYY HH:MM:SS (±HHMM|GMT|UTC)`, as [`rfc3339`] gives it.
fn rfc2822(s: &[u8]) -> Option<(i64, i64)> {
    let s = match s.get(..5) {
        Some([a, b, c, b',', b' ']) if WEEKDAYS.contains(&[*a, *b, *c]) => &s[5..],
        _ => s,
    };
    let day_len = s.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=2).contains(&day_len) {
        return None;
    }
    let day = digits(&s[..day_len])?;
    let s = &s[day_len..];
    if s.len() < 10 || s[0] != b' ' || s[4] != b' ' {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == s[1..4])? + 1;
    let year = digits(&s[5..9])?;
    if s[9] != b' ' {
        return None;
    }
    let (secs, rest) = clock(&s[10..])?;
    let offset = match rest {
        b" GMT" | b" UTC" => 0,
        [b' ', sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            offset_secs(*sign, digits(&[*h1, *h2])?, digits(&[*m1, *m2])?)?
        }
        _ => return None,
    };
    let ms = instant(year, i64::try_from(month).ok()?, day, secs - offset, 0)?;
    Some((ms, offset))
}

const WEEKDAYS: [[u8; 3]; 7] = [
    *b"Sun", *b"Mon", *b"Tue", *b"Wed", *b"Thu", *b"Fri", *b"Sat",
];
const MONTHS: [[u8; 3]; 12] = [
    *b"Jan", *b"Feb", *b"Mar", *b"Apr", *b"May", *b"Jun", *b"Jul", *b"Aug", *b"Sep", *b"Oct",
    *b"Nov", *b"Dec",
];

/// `HH:MM:SS` at the start of `s`: seconds into the day, and what follows.
fn clock(s: &[u8]) -> Option<(i64, &[u8])> {
    if s.len() < 8 || s[2] != b':' || s[5] != b':' {
        return None;
    }
    let (h, m, sec) = (digits(&s[0..2])?, digits(&s[3..5])?, digits(&s[6..8])?);
    // Hour 24 and leap seconds are read differently by the lenient chain: left to it.
    (h < 24 && m < 60 && sec < 60).then_some((h * 3600 + m * 60 + sec, &s[8..]))
}

fn offset_secs(sign: u8, h: i64, m: i64) -> Option<i64> {
    if h > 23 || m > 59 {
        return None;
    }
    let secs = h * 3600 + m * 60;
    Some(if sign == b'-' { -secs } else { secs })
}

/// The instant of a calendar day (checked) plus `secs` and `ms`.
fn instant(year: i64, month: i64, day: i64, secs: i64, ms: i64) -> Option<i64> {
    if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_len = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > month_len {
        return None;
    }
    Some((days_from_civil(year, month, day) * 86_400 + secs) * 1000 + ms)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The number written by ASCII digits only.
fn digits(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_give_the_instant() {
        let at = |s| stamp(s).map(|s| s.instant());
        assert_eq!(
            at("Thu, 04 Jul 2024 23:00:00 +0100").unwrap().to_string(),
            "2024-07-04T22:00:00Z"
        );
        assert_eq!(
            at("4 Jul 2024 23:00:00 GMT").unwrap().to_string(),
            "2024-07-04T23:00:00Z"
        );
        assert_eq!(
            at(" 2024-01-02T10:30:00.1234+01:00 ").unwrap().to_string(),
            "2024-01-02T09:30:00.123Z"
        );
        assert_eq!(
            at("2024-02-29T00:00:00Z").unwrap().to_string(),
            "2024-02-29T00:00:00Z"
        );
        for odd in [
            "2023-02-29T00:00:00Z",
            "2024-01-02 10:30:00Z",
            "2024-01-02T24:00:00Z",
            "Thu, 04 July 2024 23:00:00 +0100",
            "Thursday, 04 Jul 2024 23:00:00 +0100",
            "Thu, 04 Jul 2024 23:00 +0100",
            "Thu, 04 Jul 2024 23:00:00 EST",
            "",
        ] {
            assert_eq!(stamp(odd), None, "{odd}");
        }
    }
}
