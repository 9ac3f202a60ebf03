//! The loop's one wake-up for a time the model names (a note that ends on its own), rather
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

#[cfg(test)]
mod tests {
    use super::wait_until;

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
}
