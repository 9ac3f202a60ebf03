//! When to poll next: the interval, `Retry-After`, `Cache-Control: max-age`, backoff with full
//! jitter and the Content API's daily budget.
//!
//! Everything here is pure. The clock (`now`) and the random number are passed in, so the
//! event loop stays the only place that reads time and the tests are deterministic.
//!
//! The rule, in one place ([`next_delay`]):
//!
//! - after a success (200 or 304): wait `max(interval, max-age)`;
//! - after `n` consecutive failures: wait `max(interval, backoff draw, Retry-After)`, where the
//!   backoff draw is uniform in `[0, min(BACKOFF_CAP, interval·2ⁿ)]` ("full jitter");
//! - the interval is never below [`MIN_INTERVAL`], a server's `Retry-After` is clamped to
//!   [`MAX_RETRY_AFTER`] and its `max-age` to [`MAX_AGE_CAP`], so a hostile or confused server
//!   can neither make us hammer it nor silence a source for good. Retrying never stops.

use std::time::{Duration, SystemTime};

/// How often a source is polled when nobody says otherwise.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);
/// The shortest interval accepted, even when the user asks for less: being polite to the
/// publisher matters more than a few seconds of freshness.
pub const MIN_INTERVAL: Duration = Duration::from_secs(5);
/// The longest interval that may be asked for (a day), by the user or by a source.
pub const MAX_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);
/// The longest `Retry-After` honoured; a longer one (or a date far ahead) counts as this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60 * 60);
/// The longest `max-age` honoured, so a blog cached "for a day" is still checked now and then.
pub const MAX_AGE_CAP: Duration = Duration::from_secs(10 * 60);
/// The longest backoff delay, however many failures in a row.
pub const BACKOFF_CAP: Duration = Duration::from_secs(15 * 60);
/// Seconds in a day, for the daily call budget.
const DAY_SECS: u64 = 24 * 60 * 60;

/// Reads a `Retry-After` value: delta-seconds or an HTTP-date.
///
/// A date in the past means "now" (zero). Anything longer than [`MAX_RETRY_AFTER`] is clamped
/// to it, including a number too large for any integer type. Garbage (`-5`, `abc`, an empty
/// value) gives `None`, so the caller falls back to its own backoff.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // All digits but too long for u64 is still "a very long time": clamp, don't ignore.
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(now)
            .unwrap_or(Duration::ZERO)
            .min(MAX_RETRY_AFTER),
    )
}

/// Reads `max-age` from a `Cache-Control` value, clamped to [`MAX_AGE_CAP`].
///
/// `no-store` and `no-cache` mean the response may not be reused without asking, so they give
/// `None` (poll at the normal interval). Directive names are case-insensitive and a quoted value
/// (`max-age="60"`) is accepted, as RFC 9111 asks of recipients.
pub fn parse_max_age(cache_control: &str) -> Option<Duration> {
    let mut max_age = None;
    for directive in cache_control.split(',') {
        let (name, value) = match directive.split_once('=') {
            Some((n, v)) => (n.trim(), Some(v.trim().trim_matches('"'))),
            None => (directive.trim(), None),
        };
        if name.eq_ignore_ascii_case("no-store") || name.eq_ignore_ascii_case("no-cache") {
            return None;
        }
        if max_age.is_none() && name.eq_ignore_ascii_case("max-age") {
            let value = value.filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
            max_age = value.map(|v| {
                Duration::from_secs(v.parse::<u64>().unwrap_or(u64::MAX)).min(MAX_AGE_CAP)
            });
        }
    }
    max_age
}

/// The poll interval actually used: the user's choice or the default, never below
/// [`MIN_INTERVAL`].
pub fn effective_interval(requested: Option<Duration>) -> Duration {
    requested.unwrap_or(DEFAULT_INTERVAL).max(MIN_INTERVAL)
}

/// A daily call budget, as the Guardian Content API gives developer keys (500 calls a day).
///
/// The rule: unless the user sets an interval explicitly, the interval is stretched so that
/// polling around the clock stays within the budget, i.e. at least `86400 s / calls_per_day`
/// (≈ 173 s for 500 calls). A user who sets an interval is trusted to know their key's limits
/// (a key may have a negotiated higher limit); the `MIN_INTERVAL` floor still applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub calls_per_day: u32,
}

impl Budget {
    /// A Guardian developer key: 500 calls a day (since December 2022).
    pub const GUARDIAN_DEVELOPER: Budget = Budget { calls_per_day: 500 };

    /// The shortest interval that stays within the budget when polling all day, rounded up to
    /// whole seconds.
    pub fn min_interval(self) -> Duration {
        let calls = u64::from(self.calls_per_day.max(1));
        Duration::from_secs(DAY_SECS.div_ceil(calls))
    }

    /// The interval to poll at: the user's, if they set one (floored at `MIN_INTERVAL`), else
    /// the default stretched to fit the budget.
    pub fn interval(self, requested: Option<Duration>) -> Duration {
        match requested {
            Some(r) => effective_interval(Some(r)),
            None => effective_interval(None).max(self.min_interval()),
        }
    }
}

/// Exponential backoff with full jitter: after `n` consecutive failures the delay is drawn
/// uniformly from `[0, min(cap, base·2ⁿ)]`.
///
/// Full jitter spreads the retries of many readers hit by the same outage, so they do not come
/// back in lockstep. It never gives up: the ceiling stops growing at `cap`, the retries go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    base: Duration,
    cap: Duration,
    failures: u32,
}

impl Backoff {
    pub fn new(base: Duration, cap: Duration) -> Self {
        Backoff {
            base,
            cap,
            failures: 0,
        }
    }

    /// Consecutive failures since the last success.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    pub fn record_failure(&mut self) {
        self.failures = self.failures.saturating_add(1);
    }

    /// A success (or a 304) ends the run of failures.
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// The top of the range the next delay is drawn from: `min(cap, base·2ⁿ)`, zero with no
    /// failures.
    pub fn ceiling(&self) -> Duration {
        if self.failures == 0 {
            return Duration::ZERO;
        }
        // 2^31 times any base already exceeds every sensible cap; stop doubling there so the
        // multiplication cannot overflow.
        let factor = 1u32 << self.failures.min(31);
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// The delay for the next retry, given `random` in `[0, 1]` (values outside are clamped).
    pub fn delay(&self, random: f64) -> Duration {
        // NaN would make `mul_f64` panic; treat it as the bottom of the range.
        let random = if random.is_nan() {
            0.0
        } else {
            random.clamp(0.0, 1.0)
        };
        self.ceiling().mul_f64(random)
    }
}

/// How the last poll went, as far as the schedule cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observation {
    /// A 200 or a 304, with the response's `max-age` if any.
    Success { max_age: Option<Duration> },
    /// Any failure: network, HTTP status, or a document that did not parse. `retry_after` is
    /// the server's `Retry-After`, if it sent one.
    Failure { retry_after: Option<Duration> },
}

/// One source's poll schedule: the interval and the run of failures.
///
/// The event loop keeps one per source, calls [`PollPlan::next_delay`] when a fetch finishes
/// and arms its timer with the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollPlan {
    interval: Duration,
    floor: Duration,
    backoff: Backoff,
}

impl PollPlan {
    /// A plan polling every `interval` (floored at [`MIN_INTERVAL`]), backing off from that
    /// interval up to [`BACKOFF_CAP`].
    pub fn new(interval: Duration) -> Self {
        Self::with_floor(interval, MIN_INTERVAL)
    }

    /// As [`PollPlan::new`] with another floor. The reader always uses [`MIN_INTERVAL`]; tests
    /// that drive a real server through many polls use a short one so they finish quickly.
    pub fn with_floor(interval: Duration, floor: Duration) -> Self {
        let interval = interval.max(floor);
        PollPlan {
            interval,
            floor,
            backoff: Backoff::new(interval, BACKOFF_CAP.max(interval)),
        }
    }

    /// Polls every `interval` from now on, as a source asks (the WordPress Liveblog plugin's
    /// `refresh_interval`), kept between the plan's floor and [`MAX_INTERVAL`]. The run of
    /// failures is kept.
    pub fn set_interval(&mut self, interval: Duration) {
        let interval = interval.clamp(self.floor, MAX_INTERVAL.max(self.floor));
        if interval != self.interval {
            let failures = self.backoff.failures();
            self.interval = interval;
            self.backoff = Backoff::new(interval, BACKOFF_CAP.max(interval));
            for _ in 0..failures {
                self.backoff.record_failure();
            }
        }
    }

    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// The shortest time between two requests, whatever asks for them.
    pub fn floor(&self) -> Duration {
        self.floor
    }

    /// Consecutive failures so far (for the status line).
    pub fn failures(&self) -> u32 {
        self.backoff.failures()
    }

    /// Records how the last poll went and says how long to wait before the next one.
    /// `random` is a number in `[0, 1]` (e.g. `fastrand::f64()`), the jitter.
    pub fn next_delay(&mut self, observed: Observation, random: f64) -> Duration {
        match observed {
            Observation::Success { max_age } => {
                self.backoff.reset();
                let _ = random;
                self.interval
                    .max(max_age.map_or(Duration::ZERO, |m| m.min(MAX_AGE_CAP)))
            }
            Observation::Failure { retry_after } => {
                self.backoff.record_failure();
                let jitter = self.backoff.delay(random);
                self.interval
                    .max(jitter)
                    .max(clamp_retry_after(retry_after))
            }
        }
    }
}

/// The next poll delay from everything that bears on it (the stateless form of
/// [`PollPlan::next_delay`]; `failures` is the count including the poll that just failed).
///
/// Never sooner than the interval (itself never below [`MIN_INTERVAL`]); `max-age`, the backoff
/// draw and `Retry-After` each win when they are later.
pub fn next_delay(
    interval: Duration,
    failures: u32,
    retry_after: Option<Duration>,
    max_age: Option<Duration>,
    random: f64,
) -> Duration {
    let interval = interval.max(MIN_INTERVAL);
    if failures == 0 {
        let max_age = max_age.map_or(Duration::ZERO, |m| m.min(MAX_AGE_CAP));
        return interval.max(max_age);
    }
    let backoff = Backoff {
        base: interval,
        cap: BACKOFF_CAP.max(interval),
        failures,
    };
    interval
        .max(backoff.delay(random))
        .max(clamp_retry_after(retry_after))
}

/// The interval of a source that does not say how often to ask, following the blog: faster
/// while entries come in a burst, the usual interval after that, slower while it is quiet.
///
/// The rule, from the base interval `b` (the default or the user's):
/// - a poll that brought new entries: the next polls come every `b/2`, never below
///   [`MIN_INTERVAL`] (a burst: more are likely soon);
/// - then, with nothing new, `b` for [`Pace::QUIET_RUN`] polls;
/// - then twice as long after each further run of that many quiet polls, up to `4·b`.
///
/// A source that says how often to ask (the Guardian's page, the `refresh_interval` of a `WordPress` Liveblog,
/// AMP's `data-poll-interval`) is asked that often instead; so is a user who set `--interval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    base: Duration,
    /// Polls in a row that brought nothing new.
    quiet: u32,
}

impl Pace {
    /// Quiet polls at one interval before the next, longer, one.
    pub const QUIET_RUN: u32 = 5;
    /// The longest interval, as a multiple of the base.
    pub const SLOWEST: u32 = 4;

    pub fn new(base: Duration) -> Self {
        Self {
            base: base.max(MIN_INTERVAL),
            quiet: 0,
        }
    }

    /// Records a successful poll that brought `new` entries; returns the interval from now on.
    pub fn observe(&mut self, new: usize) -> Duration {
        if new > 0 {
            self.quiet = 0;
            return (self.base / 2).max(MIN_INTERVAL);
        }
        self.quiet = self.quiet.saturating_add(1);
        let doublings = (self.quiet - 1) / Self::QUIET_RUN;
        let factor = 1u32 << doublings.min(2);
        self.base.saturating_mul(factor.min(Self::SLOWEST))
    }
}

fn clamp_retry_after(retry_after: Option<Duration>) -> Duration {
    retry_after.map_or(Duration::ZERO, |r| r.min(MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    const NOW: u64 = 1_700_000_000; // Tue, 14 Nov 2023 22:13:20 GMT

    #[test]
    fn the_pace_quickens_in_a_burst_and_slows_when_quiet_within_bounds() {
        let s = Duration::from_secs;
        let mut p = Pace::new(s(30));
        assert_eq!(p.observe(2), s(15), "a burst: twice as often");
        assert_eq!(p.observe(0), s(30));
        for _ in 0..4 {
            assert_eq!(p.observe(0), s(30));
        }
        assert_eq!(p.observe(0), s(60), "five quiet polls: half as often");
        for _ in 0..4 {
            assert_eq!(p.observe(0), s(60));
        }
        for _ in 0..20 {
            assert!(
                p.observe(0) <= s(120),
                "never slower than four times the base"
            );
        }
        assert_eq!(p.observe(0), s(120));
        assert_eq!(p.observe(1), s(15), "news brings it back at once");
        // Never below the floor, however short the base.
        let mut fast = Pace::new(s(6));
        assert_eq!(fast.observe(3), MIN_INTERVAL);
        assert_eq!(Pace::new(s(1)).observe(0), MIN_INTERVAL);
    }

    #[test]
    fn a_sources_own_interval_is_kept_between_the_floor_and_a_day() {
        let mut plan = PollPlan::new(DEFAULT_INTERVAL);
        plan.set_interval(Duration::from_secs(10));
        assert_eq!(plan.interval(), Duration::from_secs(10));
        plan.set_interval(Duration::from_secs(1));
        assert_eq!(plan.interval(), MIN_INTERVAL);
        plan.set_interval(Duration::from_secs(10 * 86_400));
        assert_eq!(plan.interval(), MAX_INTERVAL);
        // A test's plan keeps its own floor.
        let mut quick = PollPlan::with_floor(Duration::from_millis(40), Duration::from_millis(40));
        quick.set_interval(Duration::ZERO);
        assert_eq!(quick.interval(), Duration::from_millis(40));
        // The run of failures survives the change: backoff goes on where it was.
        plan.next_delay(Observation::Failure { retry_after: None }, 0.5);
        plan.set_interval(Duration::from_secs(10));
        assert_eq!(plan.failures(), 1);
    }

    #[test]
    fn retry_after_seconds_are_read_as_a_delay() {
        assert_eq!(
            parse_retry_after("120", at(NOW)),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", at(NOW)), Some(Duration::ZERO));
    }

    #[test]
    fn retry_after_dates_count_from_now_and_past_dates_mean_now() {
        let date = httpdate::fmt_http_date(at(NOW + 90));
        assert_eq!(
            parse_retry_after(&date, at(NOW)),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            parse_retry_after("Tue, 14 Nov 2023 22:15:20 GMT", at(NOW)),
            Some(Duration::from_secs(120))
        );
        let past = httpdate::fmt_http_date(at(NOW - 3600));
        assert_eq!(parse_retry_after(&past, at(NOW)), Some(Duration::ZERO));
    }

    #[test]
    fn hostile_retry_after_values_are_clamped_or_ignored() {
        assert_eq!(
            parse_retry_after("999999999", at(NOW)),
            Some(MAX_RETRY_AFTER)
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999999999", at(NOW)),
            Some(MAX_RETRY_AFTER)
        );
        let far = httpdate::fmt_http_date(at(NOW + 10 * 86_400));
        assert_eq!(parse_retry_after(&far, at(NOW)), Some(MAX_RETRY_AFTER));
        for garbage in ["-5", "abc", "", "1.5", "12 s", "+7", "Tue, 99 Nov 2023"] {
            assert_eq!(parse_retry_after(garbage, at(NOW)), None, "{garbage:?}");
        }
    }

    #[test]
    fn max_age_is_read_clamped_and_dropped_by_no_cache() {
        assert_eq!(
            parse_max_age("public, max-age=60"),
            Some(Duration::from_secs(60))
        );
        assert_eq!(parse_max_age("Max-Age=\"7\""), Some(Duration::from_secs(7)));
        assert_eq!(parse_max_age("max-age=31536000"), Some(MAX_AGE_CAP));
        assert_eq!(
            parse_max_age("max-age=99999999999999999999999"),
            Some(MAX_AGE_CAP)
        );
        assert_eq!(parse_max_age("max-age=60, no-cache"), None);
        assert_eq!(parse_max_age("no-store"), None);
        assert_eq!(parse_max_age("max-age=-1"), None);
        assert_eq!(parse_max_age("private"), None);
        assert_eq!(parse_max_age(""), None);
    }

    #[test]
    fn the_interval_defaults_to_30_s_and_never_drops_below_5_s() {
        assert_eq!(effective_interval(None), Duration::from_secs(30));
        assert_eq!(
            effective_interval(Some(Duration::from_secs(1))),
            MIN_INTERVAL
        );
        assert_eq!(
            effective_interval(Some(Duration::from_secs(60))),
            Duration::from_secs(60)
        );
        assert_eq!(PollPlan::new(Duration::ZERO).interval(), MIN_INTERVAL);
    }

    #[test]
    fn a_500_call_budget_stretches_the_default_interval_but_not_an_explicit_one() {
        let budget = Budget::GUARDIAN_DEVELOPER;
        assert_eq!(budget.min_interval(), Duration::from_secs(173));
        assert_eq!(budget.interval(None), Duration::from_secs(173));
        assert_eq!(
            budget.interval(Some(Duration::from_secs(10))),
            Duration::from_secs(10)
        );
        assert_eq!(budget.interval(Some(Duration::from_secs(1))), MIN_INTERVAL);
        // A generous budget never shortens the default.
        let big = Budget {
            calls_per_day: 1_000_000,
        };
        assert_eq!(big.interval(None), DEFAULT_INTERVAL);
        assert_eq!(
            Budget { calls_per_day: 0 }.min_interval(),
            Duration::from_secs(86_400)
        );
    }

    #[test]
    fn backoff_ceiling_doubles_per_failure_up_to_the_cap() {
        let base = Duration::from_secs(30);
        let mut b = Backoff::new(base, BACKOFF_CAP);
        assert_eq!(b.ceiling(), Duration::ZERO);
        let mut expected = Vec::new();
        let mut seen = Vec::new();
        for n in 1..=10u32 {
            b.record_failure();
            seen.push(b.ceiling());
            expected.push((base * 2u32.pow(n)).min(BACKOFF_CAP));
        }
        assert_eq!(seen, expected);
        assert_eq!(b.failures(), 10);
    }

    #[test]
    fn backoff_draws_stay_within_zero_and_the_ceiling() {
        let mut b = Backoff::new(Duration::from_secs(30), BACKOFF_CAP);
        for _ in 0..3 {
            b.record_failure();
        }
        assert_eq!(b.delay(0.0), Duration::ZERO);
        assert_eq!(b.delay(1.0), Duration::from_secs(240));
        assert_eq!(b.delay(0.5), Duration::from_secs(120));
        assert_eq!(b.delay(7.0), Duration::from_secs(240));
        assert_eq!(b.delay(-1.0), Duration::ZERO);
        assert_eq!(b.delay(f64::NAN), Duration::ZERO);
    }

    #[test]
    fn backoff_never_stops_and_never_overflows() {
        let mut b = Backoff::new(Duration::from_secs(30), BACKOFF_CAP);
        for _ in 0..100_000 {
            b.record_failure();
        }
        assert_eq!(b.ceiling(), BACKOFF_CAP);
        assert!(b.delay(0.999) > Duration::ZERO);
        b.reset();
        assert_eq!(b.failures(), 0);
        assert_eq!(b.ceiling(), Duration::ZERO);
    }

    #[test]
    fn ten_503s_in_a_row_back_off_within_bounds_and_a_304_resets() {
        let interval = Duration::from_secs(30);
        let mut plan = PollPlan::new(interval);
        for n in 1..=10u32 {
            let top = plan.next_delay(Observation::Failure { retry_after: None }, 1.0);
            assert_eq!(top, (interval * 2u32.pow(n)).min(BACKOFF_CAP), "n = {n}");
            assert_eq!(plan.failures(), n);
        }
        // A low draw never polls sooner than the interval.
        let low = plan.next_delay(Observation::Failure { retry_after: None }, 0.0);
        assert_eq!(low, interval);
        assert_eq!(plan.failures(), 11);
        let after = plan.next_delay(Observation::Success { max_age: None }, 1.0);
        assert_eq!(after, interval);
        assert_eq!(plan.failures(), 0);
        let again = plan.next_delay(Observation::Failure { retry_after: None }, 1.0);
        assert_eq!(again, interval * 2);
    }

    #[test]
    fn retry_after_wins_when_later_than_the_backoff() {
        let mut plan = PollPlan::new(Duration::from_secs(30));
        let d = plan.next_delay(
            Observation::Failure {
                retry_after: Some(Duration::from_secs(120)),
            },
            0.0,
        );
        assert_eq!(d, Duration::from_secs(120));
        let d = plan.next_delay(
            Observation::Failure {
                retry_after: Some(Duration::from_secs(1)),
            },
            1.0,
        );
        assert_eq!(d, Duration::from_secs(120), "backoff 30·2² wins");
        let d = plan.next_delay(
            Observation::Failure {
                retry_after: Some(Duration::from_secs(86_400)),
            },
            0.0,
        );
        assert_eq!(d, MAX_RETRY_AFTER);
    }

    #[test]
    fn max_age_delays_polling_only_when_later_than_the_interval() {
        let i = Duration::from_secs(30);
        assert_eq!(next_delay(i, 0, None, Some(Duration::from_secs(5)), 0.5), i);
        assert_eq!(
            next_delay(i, 0, None, Some(Duration::from_secs(90)), 0.5),
            Duration::from_secs(90)
        );
        assert_eq!(
            next_delay(i, 0, None, Some(Duration::from_secs(86_400)), 0.5),
            MAX_AGE_CAP
        );
        // Retry-After is ignored after a success: it only means something on an error.
        assert_eq!(
            next_delay(i, 0, Some(Duration::from_secs(999)), None, 0.5),
            i
        );
        assert_eq!(
            next_delay(Duration::from_millis(10), 0, None, None, 0.5),
            MIN_INTERVAL
        );
    }

    #[test]
    fn the_stateless_rule_matches_the_plan() {
        let i = Duration::from_secs(30);
        let mut plan = PollPlan::new(i);
        for n in 1..=6u32 {
            let r = f64::from(n) / 7.0;
            let ra = Some(Duration::from_secs(u64::from(n) * 40));
            let from_plan = plan.next_delay(Observation::Failure { retry_after: ra }, r);
            assert_eq!(from_plan, next_delay(i, n, ra, None, r), "n = {n}");
        }
    }
}
