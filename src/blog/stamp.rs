//! Points in time as sources give them: the instant, and the UTC offset it was written with.

use jiff::{Timestamp, tz::Offset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An instant plus the offset the source wrote it in, so a dump shows the time as published
/// while the screen can still convert it to local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    instant: Timestamp,
    offset: Offset,
}

impl Stamp {
    pub fn new(instant: Timestamp, offset: Offset) -> Self {
        Self { instant, offset }
    }

    /// An instant in UTC.
    pub fn utc(instant: Timestamp) -> Self {
        Self {
            instant,
            offset: Offset::UTC,
        }
    }

    /// From milliseconds since the Unix epoch (the Guardian page JSON's dates).
    pub fn from_millis(ms: i64) -> Option<Self> {
        Timestamp::from_millisecond(ms).ok().map(Self::utc)
    }

    /// Parses ISO 8601 / RFC 3339 as publishers write it: `Z` or an offset with or without a
    /// colon (`+01:00`, `+0100`), optional fractional seconds, `T` or a space between date and
    /// time. Anything else, or a date without a time, is `None`: a wrong time is worse than none.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.len() > 64 {
            return None;
        }
        let pieces = jiff::fmt::temporal::Pieces::parse(s).ok()?;
        let time = pieces.time()?;
        let offset = match pieces.offset()? {
            jiff::fmt::temporal::PiecesOffset::Zulu => Offset::UTC,
            jiff::fmt::temporal::PiecesOffset::Numeric(n) => n.offset(),
            _ => return None,
        };
        let dt = pieces.date().to_datetime(time);
        let instant = offset.to_timestamp(dt).ok()?;
        Some(Self { instant, offset })
    }

    pub fn instant(&self) -> Timestamp {
        self.instant
    }

    pub fn offset(&self) -> Offset {
        self.offset
    }

    /// Milliseconds since the Unix epoch.
    pub fn as_millis(&self) -> i64 {
        self.instant.as_millisecond()
    }

    /// RFC 3339 with the source's offset, to the second.
    pub fn to_rfc3339(&self) -> String {
        let dt = self.offset.to_datetime(self.instant);
        let secs = self.offset.seconds();
        let off = if secs == 0 {
            "Z".to_string()
        } else {
            let sign = if secs < 0 { '-' } else { '+' };
            let a = secs.unsigned_abs();
            format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
        };
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{off}",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second()
        )
    }
}

/// The zone local times are shown in: `TZ` when it is set (as jiff reads it), else
/// `/etc/localtime` read as it is. jiff's own lookup also finds that file's name by walking every
/// zone under `/usr/share/zoneinfo` when it is a copy rather than a link, which cost the reader
/// several milliseconds before its first screen; the name is never shown, so it is not needed.
pub fn local_zone() -> jiff::tz::TimeZone {
    if std::env::var_os("TZ").is_none()
        && let Ok(bytes) = std::fs::read("/etc/localtime")
        && let Ok(tz) = jiff::tz::TimeZone::tzif("Local", &bytes)
    {
        return tz;
    }
    jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC)
}

/// Local wall-clock time of an instant, `HH:MM`, with the date when it is not the day of `now`
/// (`17 Feb 13:05`) and the year when not its year; without `now`, the time alone. The same
/// shape as the reader's entry times, for messages such as "since 13:05".
pub fn wall_clock(t: Timestamp, tz: &jiff::tz::TimeZone, now: Option<Timestamp>) -> String {
    let z = t.to_zoned(tz.clone());
    let now = now.map(|n| n.to_zoned(tz.clone()));
    let hm = format!("{:02}:{:02}", z.hour(), z.minute());
    match now {
        None => hm,
        Some(n) if n.date() == z.date() => hm,
        Some(n) if n.year() == z.year() => format!("{} {hm}", z.strftime("%-d %b")),
        Some(_) => format!("{} {hm}", z.strftime("%-d %b %Y")),
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Ordered by instant only; two ways of writing the same instant sort together.
impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.instant
            .cmp(&other.instant)
            .then(self.offset.seconds().cmp(&other.offset.seconds()))
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Stamp::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a time: \"{s}\"")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_shapes_publishers_write() {
        let z = Stamp::parse("2015-04-09T14:27:28Z").unwrap();
        assert_eq!(z.to_rfc3339(), "2015-04-09T14:27:28Z");
        let nocolon = Stamp::parse("2023-12-13T17:25:40+0000").unwrap();
        assert_eq!(nocolon.to_rfc3339(), "2023-12-13T17:25:40Z");
        let millis = Stamp::parse("2020-10-06T21:05:48.000+01:00").unwrap();
        assert_eq!(millis.to_rfc3339(), "2020-10-06T21:05:48+01:00");
        assert_eq!(
            millis.instant(),
            Stamp::parse("2020-10-06T20:05:48Z").unwrap().instant()
        );
        let space = Stamp::parse("2020-10-02 19:02:00+05:30").unwrap();
        assert_eq!(space.to_rfc3339(), "2020-10-02T19:02:00+05:30");
    }

    #[test]
    fn refuses_what_is_not_a_full_time() {
        for s in [
            "",
            "yesterday",
            "2020-10-06",
            "2020-10-06T10:00",
            "9999-99-99T00:00:00Z",
        ] {
            assert_eq!(Stamp::parse(s), None, "{s}");
        }
    }

    #[test]
    fn wall_clock_adds_the_date_only_when_not_today() {
        let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
        let t: Timestamp = "2025-02-17T12:05:00Z".parse().unwrap();
        let at = |s: &str| Some(s.parse::<Timestamp>().unwrap());
        assert_eq!(wall_clock(t, &tz, None), "13:05");
        assert_eq!(wall_clock(t, &tz, at("2025-02-17T22:00:00Z")), "13:05");
        assert_eq!(
            wall_clock(t, &tz, at("2025-02-18T09:00:00Z")),
            "17 Feb 13:05"
        );
        assert_eq!(
            wall_clock(t, &tz, at("2026-01-01T09:00:00Z")),
            "17 Feb 2025 13:05"
        );
    }

    #[test]
    fn millis_round_trip() {
        let s = Stamp::from_millis(1_702_481_140_000).unwrap();
        assert_eq!(s.as_millis(), 1_702_481_140_000);
        assert_eq!(s.to_rfc3339(), "2023-12-13T15:25:40Z");
    }
}
