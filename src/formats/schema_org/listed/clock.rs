//! The time a key event's link shows before its title, as the Guardian's AMP page writes it
//! (`<span>12.34 GMT</span><span>Title</span>`, its `blockCreatedOnDisplay`): a time of day
//! without a date, which is read apart from the title and dated against the page.

use crate::blog::Stamp;
use jiff::civil::Date;
use jiff::tz::Offset;
use jiff::{SignedDuration, Timestamp};

/// A time of day as a page shows it: minutes since midnight, and the offset its zone's name
/// stands for (none when the name is not one of [`ZONES`], or there is none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shown {
    minutes: u16,
    offset: Option<Offset>,
}

/// Zones named after a time, with their offsets in hours: those of the Guardian's editions
/// (UK, US, Australia, Europe) and UTC. A name that stands for several zones (IST, CST) is
/// not one: the time is still read apart from the title, but not dated.
const ZONES: [(&str, i8); 11] = [
    ("GMT", 0),
    ("UTC", 0),
    ("BST", 1),
    ("CET", 1),
    ("CEST", 2),
    ("EST", -5),
    ("EDT", -4),
    ("PST", -8),
    ("PDT", -7),
    ("AEST", 10),
    ("AEDT", 11),
];

/// `text` read whole as a time of day: `12.34` or `9:05`, then `am` or `pm`, then a zone's
/// name in capitals, each optional. Anything else in it, and it is not a time: a title that
/// starts with a number (`10.30 trains cancelled`) is left whole.
pub(super) fn parse(text: &str) -> Option<Shown> {
    let s = text.trim();
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let h = digits(s);
    if !(1..=2).contains(&h) {
        return None;
    }
    let rest = s[h..].strip_prefix(['.', ':'])?;
    if digits(rest) != 2 {
        return None;
    }
    let mut hour: u16 = s[..h].parse().ok()?;
    let minute: u16 = rest[..2].parse().ok()?;
    let mut rest = rest[2..].trim_start();
    let half = ["am", "pm"]
        .into_iter()
        .find(|p| rest.get(..2).is_some_and(|r| r.eq_ignore_ascii_case(p)));
    if let Some(p) = half {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if p == "pm" { 12 } else { 0 };
        rest = rest[2..].trim_start();
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    let zone = (!rest.is_empty()).then_some(rest);
    if zone.is_some_and(|z| z.len() > 5 || !z.bytes().all(|b| b.is_ascii_uppercase())) {
        return None;
    }
    let offset = zone.and_then(|z| {
        let (_, hours) = ZONES.iter().find(|(name, _)| *name == z)?;
        Offset::from_hours(*hours).ok()
    });
    Some(Shown {
        minutes: hour * 60 + minute,
        offset,
    })
}

/// How far back a time may step going up the list (or forward going down it) and still be
/// on the same day. The list is in the order posts were published, but each shows the time
/// its post was created (the Guardian's `blockCreatedOnDisplay`): a post drafted before the one
/// below it was published shows an earlier time (the politics blog of 13 December 2023 lists
/// "09.41 GMT" above "10.10 GMT"). A step back any longer is a new day: a blog whose key
/// events are more than 22 hours apart is rarer than a draft kept two hours.
const DRAFTED: SignedDuration = SignedDuration::from_hours(2);

/// The instant `shown` stands for on a page whose newest time is `newest`: the latest with
/// its time of day in its zone at or before it, as the page lists the key events of its blog
/// up to its newest post. `None` when its zone is not known: no time is better than a wrong
/// one.
pub(super) fn dated(shown: Shown, newest: Stamp) -> Option<Stamp> {
    at_or_before(shown, newest.instant())
}

/// The instant of `shown`, listed above a key event at `below`: time only moves forward going
/// up the list, so a time of day earlier than the one below it is on the next day (unless it
/// is earlier by no more than [`DRAFTED`]).
pub(super) fn above(shown: Shown, below: Stamp) -> Option<Stamp> {
    at_or_after(shown, below.instant().checked_sub(DRAFTED).ok()?)
}

/// The instant of `shown`, listed below a key event at `above`: time only moves back going
/// down the list, so a time of day later than the one above it is on the day before (unless
/// it is later by no more than [`DRAFTED`]).
pub(super) fn below(shown: Shown, above: Stamp) -> Option<Stamp> {
    at_or_before(shown, above.instant().checked_add(DRAFTED).ok()?)
}

/// The latest instant at or before `end` with `shown`'s time of day in its zone.
fn at_or_before(shown: Shown, end: Timestamp) -> Option<Stamp> {
    let offset = shown.offset?;
    let day = offset.to_datetime(end).date();
    let mut t = on(shown, offset, day)?;
    if t > end {
        t = on(shown, offset, day.yesterday().ok()?)?;
    }
    Some(Stamp::new(t, offset))
}

/// The earliest instant at or after `start` with `shown`'s time of day in its zone.
fn at_or_after(shown: Shown, start: Timestamp) -> Option<Stamp> {
    let offset = shown.offset?;
    let day = offset.to_datetime(start).date();
    let mut t = on(shown, offset, day)?;
    if t < start {
        t = on(shown, offset, day.tomorrow().ok()?)?;
    }
    Some(Stamp::new(t, offset))
}

/// `shown`'s time of day on `day` in the zone at `offset`.
fn on(shown: Shown, offset: Offset, day: Date) -> Option<Timestamp> {
    let h = i8::try_from(shown.minutes / 60).ok()?;
    let m = i8::try_from(shown.minutes % 60).ok()?;
    offset.to_timestamp(day.at(h, m, 0, 0)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_are_read_whole_and_titles_starting_with_a_number_are_not() {
        let minutes = |t: &str| parse(t).map(|s| s.minutes);
        assert_eq!(minutes("12.34 GMT"), Some(12 * 60 + 34));
        assert_eq!(minutes(" 9:05 BST "), Some(9 * 60 + 5));
        assert_eq!(minutes("9.05pm"), Some(21 * 60 + 5));
        assert_eq!(minutes("12.10am AEDT"), Some(10));
        assert_eq!(minutes("17.25"), Some(17 * 60 + 25));
        for not in [
            "10.30 trains cancelled",
            "2.5m people",
            "24.00 GMT",
            "12.345",
            "1.5",
            "13.00pm",
            "Noon",
            "",
        ] {
            assert_eq!(parse(not), None, "{not}");
        }
        // A zone whose name is not known is still a time, without an offset.
        assert_eq!(parse("12.34 IST").map(|s| s.offset), Some(None));
    }

    #[test]
    fn a_time_is_dated_on_the_newest_days_at_or_before_it_in_its_zone() {
        let newest = Stamp::parse("2023-12-13T17:25:00Z").unwrap();
        let on = |t: &str| dated(parse(t).unwrap(), newest).map(|s| s.to_rfc3339());
        assert_eq!(on("12.34 GMT").as_deref(), Some("2023-12-13T12:34:00Z"));
        // Later in the day than the newest time: the day before.
        assert_eq!(on("18.00 GMT").as_deref(), Some("2023-12-12T18:00:00Z"));
        // 17.00 in UTC+1 is 16.00 UTC, before the newest time.
        assert_eq!(
            on("17.00 CET").as_deref(),
            Some("2023-12-13T17:00:00+01:00")
        );
        assert_eq!(on("12.34 IST"), None);
        assert_eq!(on("12.34"), None);
    }

    #[test]
    fn going_up_the_list_an_earlier_time_is_the_next_day_unless_a_draft_explains_it() {
        let at = Stamp::parse("2023-12-13T17:25:00Z").unwrap();
        let up = |t: &str| above(parse(t).unwrap(), at).map(|s| s.to_rfc3339());
        assert_eq!(up("18.00 GMT").as_deref(), Some("2023-12-13T18:00:00Z"));
        assert_eq!(up("00.40 GMT").as_deref(), Some("2023-12-14T00:40:00Z"));
        assert_eq!(up("10.15 GMT").as_deref(), Some("2023-12-14T10:15:00Z"));
        // Created before the post below it was published.
        assert_eq!(up("16.50 GMT").as_deref(), Some("2023-12-13T16:50:00Z"));
        let down = |t: &str| below(parse(t).unwrap(), at).map(|s| s.to_rfc3339());
        assert_eq!(down("09.26 GMT").as_deref(), Some("2023-12-13T09:26:00Z"));
        assert_eq!(down("23.10 GMT").as_deref(), Some("2023-12-12T23:10:00Z"));
        assert_eq!(down("18.30 GMT").as_deref(), Some("2023-12-13T18:30:00Z"));
        assert_eq!(down("12.34 IST"), None);
    }
}
