//! The loop's wake-ups by the clock: its ticks, on the turn of the wall clock's second or
//! minute, and one wake-up for a time the model names (a note that ends on its own), rather
//! than a clock that ticks to look.

use std::time::Duration;

/// Waits until the wall clock reads `at` (a little past it, so that the time read on waking
/// is past it too); for ever without one.
pub(super) async fn until(at: Option<jiff::Timestamp>) {
    match at {
        Some(at) => tokio::time::sleep(wait_until(at, jiff::Timestamp::now())).await,
        None => std::future::pending().await,
    }
}

/// How long from `now` until `at`, and a little more: none for a time already past, but the
/// margin, so that a clock read just short of it cannot have the loop wake at once again.
fn wait_until(at: jiff::Timestamp, now: jiff::Timestamp) -> Duration {
    const MARGIN: Duration = Duration::from_millis(2);
    let left = at.duration_since(now).as_millis().max(0);
    Duration::from_millis(u64::try_from(left).unwrap_or(u64::MAX)).saturating_add(MARGIN)
}

/// The loop's clock, ticking at a period that follows what the screen shows, on the turn of
/// the wall clock's second or minute: relative times count minutes of the clock's face (see
/// `entry_layout::relative`), so a tick just after the minute turns shows each change as it
/// happens, not up to a period late.
pub(super) struct Clock {
    period: Duration,
    sleep: std::pin::Pin<Box<tokio::time::Sleep>>,
}

impl Clock {
    pub(super) fn new(period: Duration) -> Clock {
        // The first tick at the next turn, not now: the first frame was just drawn.
        let sleep = Box::pin(tokio::time::sleep(until_turn(
            period,
            jiff::Timestamp::now(),
        )));
        Clock { period, sleep }
    }

    pub(super) async fn tick(&mut self) {
        self.sleep.as_mut().await;
        // Reset in the same poll that saw the deadline pass: a `select!` that drops this
        // future can never lose a tick between the two. A late wake-up skips, never bursts.
        let next = tokio::time::Instant::now() + until_turn(self.period, jiff::Timestamp::now());
        self.sleep.as_mut().reset(next);
    }

    /// Ticks every `period` from now on, if that is not the period already.
    pub(super) fn set(&mut self, period: Duration) {
        if period != self.period {
            *self = Clock::new(period);
        }
    }
}

/// How long from `now` until the wall clock next turns a whole `period` (a second, a minute),
/// and a little more, so that the time read on waking is past the turn.
fn until_turn(period: Duration, now: jiff::Timestamp) -> Duration {
    const MARGIN: Duration = Duration::from_millis(2);
    let period_ms = i64::try_from(period.as_millis()).unwrap_or(i64::MAX).max(1);
    let into = now.as_millisecond().rem_euclid(period_ms);
    Duration::from_millis(u64::try_from(period_ms - into).unwrap_or(0)) + MARGIN
}

#[cfg(test)]
mod tests {
    use super::{until_turn, wait_until};
    use std::time::Duration;

    #[test]
    fn a_timed_note_wakes_the_loop_once_just_after_it_ends() {
        let at: jiff::Timestamp = "2025-02-17T17:06:00Z".parse().unwrap();
        let wait = |s: &str| wait_until(at, s.parse().unwrap()).as_millis();
        assert_eq!(wait("2025-02-17T17:05:00Z"), 60_002);
        assert_eq!(wait("2025-02-17T17:05:59.75Z"), 252);
        assert_eq!(
            wait("2025-02-17T17:07:00Z"),
            2,
            "past: at once, but not in a spin"
        );
    }

    #[test]
    fn the_clock_ticks_just_after_the_wall_clock_turns() {
        let minute = Duration::from_secs(60);
        let second = Duration::from_secs(1);
        let turn = |period, s: &str| until_turn(period, s.parse().unwrap()).as_millis();
        assert_eq!(turn(minute, "2025-02-17T17:05:00Z"), 60_002);
        assert_eq!(turn(minute, "2025-02-17T17:05:59.5Z"), 502);
        assert_eq!(turn(minute, "2025-02-17T17:05:12.25Z"), 47_752);
        assert_eq!(turn(second, "2025-02-17T17:05:12.25Z"), 752);
        // Before 1970 as after.
        assert_eq!(turn(minute, "1969-12-31T23:59:30Z"), 30_002);
        // A period too short to count in milliseconds still moves on.
        assert_eq!(turn(Duration::ZERO, "2025-02-17T17:05:00Z"), 3);
    }
}
