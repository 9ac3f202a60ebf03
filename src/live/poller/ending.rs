//! The end of a blog. A poll that asks only for what is new (the Content API's blocks
//! published since, the Guardian's live poll, a WordPress Liveblog's changes) can be the one
//! that finds the blog ended, and it knows nothing of entries deleted or edited since the last
//! whole read. Polling stops at the end, so the blog is read whole once more first, no sooner
//! than the plan's floor after the request that found the end: what is on screen, and what
//! `follow` printed, is then the blog as it ended.

use super::{Coverage, Duration, Instant, LiveState, Poller, Request};

/// Whether the next poll is the whole read that closes a blog found ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Closing {
    #[default]
    No,
    /// The blog was found ended by a poll that did not read it whole.
    ReadWholeNext,
}

impl Poller {
    /// After a poll that went out at `asked`, on a blog that had `was_ended` before it: when
    /// that poll found the blog ended without reading it whole, how long until the one whole
    /// read that follows. `None` when polling may stop (or go on) as the blog says.
    pub(super) fn read_whole_before_stopping(
        &mut self,
        was_ended: bool,
        asked: Instant,
    ) -> Option<Duration> {
        // The read that closes the blog is one read, whatever it brings.
        let closed = std::mem::take(&mut self.closing) == Closing::ReadWholeNext;
        let found_ended = !was_ended && self.current.state == LiveState::Ended;
        let read_whole = self.last_full.is_some_and(|t| t >= asked);
        if closed || !found_ended || read_whole {
            return None;
        }
        self.closing = Closing::ReadWholeNext;
        let soonest = asked.checked_add(self.plan.floor()).unwrap_or(asked);
        Some(soonest.saturating_duration_since(Instant::now()))
    }

    /// The request that closes the blog, when one is due: the blog itself, whole.
    pub(super) fn closing_request(&self) -> Option<Request> {
        (self.closing == Closing::ReadWholeNext)
            .then(|| Request::Page(self.endpoint.open_url(), Coverage::NewestWindow))
    }
}
