//! Where the server's replay time comes from: the real monotonic clock in production, a clock
//! the test moves by hand so HTTP tests step through a replay without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Time elapsed since the replay started.
pub trait Clock: Send + Sync {
    fn elapsed(&self) -> Duration;
}

/// The real clock: `tokio::time::Instant`, so a paused test runtime pauses it too.
#[derive(Debug, Clone, Copy)]
pub struct RealClock {
    start: tokio::time::Instant,
}

impl RealClock {
    /// A clock whose elapsed time starts now.
    pub fn start() -> Self {
        Self {
            start: tokio::time::Instant::now(),
        }
    }
}

impl Clock for RealClock {
    fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }
}

/// A clock that moves only when told. Clones share the same time.
#[derive(Debug, Clone, Default)]
pub struct ManualClock {
    nanos: Arc<AtomicU64>,
}

impl ManualClock {
    /// A clock at elapsed zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the clock forward (saturating at about 584 years).
    pub fn advance(&self, by: Duration) {
        let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        let _ = self
            .nanos
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                Some(n.saturating_add(by))
            });
    }

    /// Sets the elapsed time.
    pub fn set(&self, to: Duration) {
        let to = u64::try_from(to.as_nanos()).unwrap_or(u64::MAX);
        self.nanos.store(to, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn elapsed(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let c = ManualClock::new();
        let d = c.clone();
        assert_eq!(c.elapsed(), Duration::ZERO);
        c.advance(Duration::from_millis(1500));
        assert_eq!(d.elapsed(), Duration::from_millis(1500));
        d.set(Duration::from_secs(3));
        assert_eq!(c.elapsed(), Duration::from_secs(3));
        c.advance(Duration::MAX);
        assert_eq!(c.elapsed(), Duration::from_nanos(u64::MAX));
    }
}
