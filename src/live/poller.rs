//! The background poller that the reader and `liveblog follow` share.
//!
//! One task per source, one request in flight at a time by construction (it awaits each fetch
//! before arming the next timer). The schedule comes from `net::schedule` (interval floor,
//! backoff with full jitter, Retry-After, max-age); the timer is a monotonic deadline, so a
//! suspended or sleeping machine wakes to exactly one catch-up poll, never a burst.
//!
//! A blog read from Guardian page JSON (on any host) is polled the way the Guardian's own page
//! polls it: a small question, "how many blocks are newer than this one?"
//! (`<path>.json?lastUpdate=block-<id>&isLivePage=true&dcr=true`). Its answer carries the new
//! blocks as HTML, which are added to the blog as they are; the page JSON is read only when
//! that HTML does not read as exactly the blocks counted, or when the count is at the site's
//! cap of five (there may be more). That answer knows nothing of edits, deletions, a new
//! pinned post or the blog ending, so the page is also read whole every
//! [`GUARDIAN_FULL_REREAD`].
//!
//! A WordPress Liveblog is polled the way the plugin's own page polls it: the changes since the
//! newest one seen (`entries/<latest + 1>/<now>`), new entries, edits and deletions alike,
//! applied to what is on screen, at the `refresh_interval` its answers ask for (unless the user
//! set an interval). Each question names a new time, so it is made conditional with
//! `If-Modified-Since` (the last answer's `Last-Modified`): nothing changed, nothing sent.

use super::{Command, Event, Refresher};
use crate::blog::merge::{Coverage, merge};
use crate::blog::{LiveBlog, LiveState};
use crate::formats::Format;
use crate::net::endpoint::{Since, guardian_update_url, without_query};
use crate::net::schedule::{Observation, Pace, PollPlan};
use crate::net::{
    Client, Endpoint, FetchError, FetchOutcome, Fetched, Retry, SourceError, Validators, fetch_blog,
};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::Instant;

mod ending;
mod guardian;
mod history;
mod set_aside;
mod wordpress;
use guardian::LiveCheck;
pub(crate) use set_aside::older_than_shown;
use wordpress::WordPressPoll;

#[cfg(test)]
mod pace_tests;

/// A manual refresh never comes sooner than this after the last request.
const MANUAL_FLOOR: Duration = Duration::from_secs(5);
/// A Content API poller re-reads the latest page every this many polls to catch edits and
/// deletions that a "published since" refresh cannot see.
const FULL_EVERY: u32 = 10;
/// How often a Guardian page-JSON blog is read whole although its live poll answers for
/// itself: edits, deletions, a change of pinned post and the end of the blog only show there,
/// and blocks taken from the poll's HTML are replaced by the page's own version of them.
/// Five minutes is ten polls at the default 30 s, the rhythm of the Content API's re-reads.
pub const GUARDIAN_FULL_REREAD: Duration = Duration::from_secs(5 * 60);

/// Polls one source and reports each outcome as an [`Event`].
pub struct Poller {
    client: Client,
    endpoint: Endpoint,
    plan: PollPlan,
    validators: Validators,
    current: LiveBlog,
    polls: u32,
    /// When the first poll is due, if not one interval away (after a failed first request).
    first_delay: Option<Duration>,
    /// Among blogs opened together, this one's place (`k` of `n`): its first poll comes `k/n`
    /// of an interval later than one interval away (see [`Refresher::stagger`]).
    phase: (u32, u32),
    /// Where each new version is kept for the next sitting, and under which address.
    keep: Option<(crate::store::BlogCache, String, Option<url::Url>)>,
    /// For a poller that is not the reader's (`follow`): what entries edited since the copy
    /// the reader last kept said then, carried from copy to copy for the reader's `d` (see
    /// [`crate::store::Cached::previous`]). The reader takes them in as it opens: its own
    /// copies carry none.
    carry: Option<std::collections::BTreeMap<String, String>>,
    /// The format the blog last came in whole; `None` before it is known (then the endpoint
    /// says). Guardian page JSON is asked its live poll first; the Content API's shape, from
    /// any address, only for the blocks published since.
    format: Option<Format>,
    /// The source did not understand the live poll: only whole reads from now on.
    live_poll_refused: bool,
    /// When the page was last read whole; `None` before the first read.
    last_full: Option<Instant>,
    /// See [`GUARDIAN_FULL_REREAD`].
    full_reread: Duration,
    /// The live poll's `mostRecentBlockId` after its blocks were taken from its answer: the
    /// block the next poll asks about. `None` after a whole read, which says for itself.
    live_newest: Option<String>,
    /// For a WordPress Liveblog, what its poll needs.
    wordpress: Option<WordPressPoll>,
    /// The user set the interval: a source's own refresh interval does not change it.
    interval_given: bool,
    /// The interval that follows the blog, when neither the reader nor the source sets one.
    pace: Option<Pace>,
    /// The interval last announced with [`Event::Pace`].
    announced: Option<Duration>,
    /// The reader paused polling: only its `r` asks, and a failure promises no retry.
    paused: bool,
    /// An older page that came back adding nothing and naming itself again: not offered again
    /// this sitting, though each new version of the newest page names it.
    dead_older: Option<String>,
    /// Whether the next poll is the last, reading the blog whole (see `ending`).
    closing: ending::Closing,
    /// Older copies than the one on screen set aside in a row (see `set_aside`).
    older_in_a_row: u32,
}

/// What the next poll asks.
enum Request {
    /// The page (or a Content API window) itself.
    Page(url::Url, Coverage),
    /// The Guardian's live poll: are there blocks newer than ours?
    LiveCheck(url::Url),
    /// The WordPress Liveblog's changes since the newest one seen.
    WordPressChanges(url::Url),
    /// Its post page, for the plugin's state, then those changes.
    WordPressPage(url::Url, url::Url),
}

impl Poller {
    /// `current` is the version already on screen; `validators` the ones its fetch returned.
    pub fn new(
        client: Client,
        endpoint: Endpoint,
        interval: Option<Duration>,
        current: LiveBlog,
        validators: Validators,
    ) -> Self {
        let plan = PollPlan::new(endpoint.poll_interval(interval));
        let adaptive = interval.is_none() && !endpoint.uses_api_key();
        let mut p = Self::with_plan(client, endpoint, plan, current, validators);
        p.interval_given = interval.is_some();
        p.pace = adaptive.then(|| Pace::new(p.plan.interval()));
        p
    }

    /// As [`Poller::new`] with a schedule of the caller's (tests use a short floor).
    pub fn with_plan(
        client: Client,
        endpoint: Endpoint,
        plan: PollPlan,
        current: LiveBlog,
        validators: Validators,
    ) -> Self {
        // A blog handed over with entries was just read whole.
        let last_full = (!current.entries.is_empty()).then(Instant::now);
        Self {
            client,
            plan,
            polls: 0,
            first_delay: None,
            phase: (0, 1),
            keep: None,
            carry: None,
            format: None,
            live_poll_refused: false,
            last_full,
            full_reread: GUARDIAN_FULL_REREAD,
            live_newest: None,
            // The first read's `Last-Modified` makes the first poll conditional too.
            wordpress: matches!(endpoint, Endpoint::WordPress(_)).then(|| WordPressPoll {
                last_modified: validators.last_modified.clone(),
                page: wordpress::post_page(&endpoint),
                ..WordPressPoll::from_blog(&current)
            }),
            // A plan handed over is the caller's choice.
            interval_given: true,
            pace: None,
            announced: None,
            paused: false,
            dead_older: None,
            closing: ending::Closing::No,
            older_in_a_row: 0,
            endpoint,
            current,
            validators,
        }
    }

    /// Reads a Guardian page-JSON blog whole this often, instead of every
    /// [`GUARDIAN_FULL_REREAD`] (tests use a short one).
    #[must_use]
    pub fn rereading_every(mut self, period: Duration) -> Self {
        self.full_reread = period;
        self
    }

    /// Whether the blog comes as Guardian page JSON, whose live poll can be asked first.
    fn guardian_page(&self) -> bool {
        match self.format {
            Some(f) => f == Format::GuardianPage,
            None => matches!(self.endpoint, Endpoint::GuardianPage(_)),
        }
    }

    /// Says in which format the blog handed over came, so the first poll already asks the
    /// cheapest question that format allows (the Guardian's live poll, or a Content API read
    /// of the blocks since).
    #[must_use]
    pub fn reading(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// Starts from a copy kept from an earlier sitting (what is on screen) and its
    /// validators, so the next request is a conditional one.
    #[must_use]
    pub fn starting_from(mut self, current: LiveBlog, validators: Validators) -> Self {
        if let Some(w) = self.wordpress.take() {
            self.wordpress = Some(WordPressPoll {
                last_modified: validators.last_modified.clone(),
                page: w.page,
                page_read: w.page_read,
                ..WordPressPoll::from_blog(&current)
            });
        }
        self.current = current;
        self.validators = validators;
        // A kept copy may be old: the first poll reads the page whole.
        self.last_full = None;
        self
    }

    /// Makes the first poll due after `delay` rather than one interval away (a copy from an
    /// earlier sitting is on screen and wants bringing up to date).
    #[must_use]
    pub fn first_poll_after(mut self, delay: Duration) -> Self {
        self.first_delay = Some(delay);
        self
    }

    /// Keeps each new version (and its validators) in `cache` under `url`, for the next
    /// sitting to start from. Written off the runtime's threads; a failure (a full or
    /// read-only disk) is logged and never stops the polling.
    #[must_use]
    pub fn keeping(mut self, cache: crate::store::BlogCache, url: String) -> Self {
        self.keep = Some((cache, url, None));
        self
    }

    /// Carries `previous` (see `carry`) from copy to copy: a poller that is not the reader's.
    #[must_use]
    pub fn carrying_previous(
        mut self,
        previous: std::collections::BTreeMap<String, String>,
    ) -> Self {
        self.carry = Some(previous);
        self
    }

    /// The page kept has no live data of its own: what this poller reads is kept as read at
    /// `via`, the address it links to, for the next sitting to poll there too.
    #[must_use]
    pub fn kept_via(mut self, via: url::Url) -> Self {
        if let Some((_, _, kept_via)) = &mut self.keep {
            *kept_via = Some(via);
        }
        self
    }

    /// A failure (a full or read-only disk) is one line for the status bar, said as a note,
    /// not as a failed refresh; reading goes on.
    fn save(&self, at: jiff::Timestamp, tx: &mpsc::UnboundedSender<Event>) {
        let Some((cache, url, via)) = &self.keep else {
            return;
        };
        let (cache, url, via, tx) = (cache.clone(), url.clone(), via.clone(), tx.clone());
        let (blog, validators) = (self.current.clone(), self.validators.clone());
        let (format, previous) = (self.format, self.carry.clone());
        tokio::task::spawn_blocking(move || {
            // The reader takes what edited entries said from the copy as it opens, and keeps
            // it in its own read state: a copy the reader keeps carries none (see `carry`).
            let beside = crate::store::cache::Beside {
                via: via.as_ref(),
                format,
                previous: previous.as_ref(),
            };
            if let Err(e) = cache.save_with(&url, beside, &blog, &validators, at) {
                tracing::warn!(error = %e, "keeping the last copy failed");
                let error = crate::sanitize::line(
                    &format!("keeping the last copy on disk failed ({e}); reading goes on"),
                    600,
                );
                // Not a failed refresh: the blog is read, and polled, as before.
                let _ = tx.send(Event::KeepFailed { error });
            }
        });
    }

    /// A poller for a source whose first request failed with `error`: it starts with nothing,
    /// and tries again after the backoff that failure calls for (or its Retry-After).
    pub fn after_failed_start(
        client: Client,
        endpoint: Endpoint,
        interval: Option<Duration>,
        error: &crate::net::SourceError,
    ) -> Self {
        let mut p = Self::new(
            client,
            endpoint,
            interval,
            LiveBlog::default(),
            Validators::default(),
        );
        let observed = Observation::Failure {
            retry_after: error.retry_after(),
        };
        p.first_delay = Some(p.plan.next_delay(observed, fastrand::f64()));
        p
    }

    /// How long until the first poll: the backoff after a failed start, else one interval.
    pub fn retry_within(&self) -> Duration {
        self.first_delay.unwrap_or_else(|| self.plan.interval())
    }

    /// Whether older pages can be fetched: the Guardian's page JSON and pages that name one.
    pub fn pageable(&self) -> bool {
        match &self.endpoint {
            Endpoint::GuardianPage(_) => true,
            Endpoint::Direct(_) | Endpoint::WordPress(_) => self.current.older.is_some(),
            Endpoint::ContentApi { .. } => false,
        }
    }

    /// What reads this source's older pages, when it has them.
    pub fn older_pages(&self) -> Option<super::OlderPages> {
        self.pageable()
            .then(|| super::OlderPages::new(self.client.clone(), self.endpoint.clone()))
    }

    pub fn interval(&self) -> Duration {
        self.plan.interval()
    }

    /// What the next poll asks.
    fn next_request(&self) -> Request {
        if let Some(request) = self.closing_request() {
            return request;
        }
        if let Some(request) = self.wordpress_request() {
            return request;
        }
        let fresh = self
            .last_full
            .is_some_and(|t| t.elapsed() < self.full_reread);
        if self.guardian_page() && !self.live_poll_refused && fresh {
            // The block the last answer named newest, else the newest block by time: usually
            // the first entry below the pinned post, but the pinned post itself when it is the
            // newest (asking about an older block would hear "one new" at every poll).
            let named = self
                .live_newest
                .as_deref()
                .and_then(|id| self.current.entries.iter().find(|e| e.id == id));
            let by_time = || {
                self.current
                    .entries
                    .iter()
                    .filter(|e| e.time().is_some())
                    // Reversed, so that of entries with the same time the first in the blog
                    // wins.
                    .rev()
                    .max_by_key(|e| e.time().map(|t| t.instant()))
            };
            let newest = named
                .or_else(by_time)
                .or_else(|| self.current.entries.iter().find(|e| !e.pinned));
            if let Some(newest) = newest {
                let url = guardian_update_url(&self.endpoint.open_url(), &newest.id);
                return Request::LiveCheck(url);
            }
        }
        let (url, coverage) = self.page_request();
        Request::Page(url, coverage)
    }

    /// The URL and coverage of the next read of the blog itself.
    fn page_request(&self) -> (url::Url, Coverage) {
        let newest = self
            .current
            .entries
            .iter()
            .filter_map(crate::blog::Entry::time)
            .max();
        match (&self.endpoint, newest) {
            (Endpoint::ContentApi { .. }, Some(t)) if self.polls % FULL_EVERY != FULL_EVERY - 1 => {
                (
                    self.endpoint
                        .refresh_url(Since::PublishedSince(t.as_millis())),
                    Coverage::Additions,
                )
            }
            (Endpoint::Direct(u), Some(t))
                if self.format == Some(Format::Capi)
                    && self.polls % FULL_EVERY != FULL_EVERY - 1 =>
            {
                (
                    crate::net::endpoint::capi_since_url(u, t.as_millis()),
                    Coverage::Additions,
                )
            }
            _ => (self.endpoint.open_url(), Coverage::NewestWindow),
        }
    }

    /// Polls until the receiving side goes away. Sends `Started`, then one of
    /// `Loaded`, `Unchanged` or `Failed`, then `Scheduled`.
    pub async fn run(
        mut self,
        tx: mpsc::UnboundedSender<Event>,
        mut commands: mpsc::UnboundedReceiver<Command>,
    ) {
        // A copy from an earlier sitting that had ended is still asked once (a conditional
        // request, answered 304 while nothing changed): a blog can be corrected, or go live
        // again, after it ends.
        let mut ended = self.current.state == LiveState::Ended && self.first_delay.is_none();
        self.settle_interval(None, &tx);
        let mut due = after(first_due(
            self.first_delay,
            self.plan.interval(),
            self.phase,
        ));
        let mut last_request = Instant::now();
        if !ended
            && tx
                .send(Event::Scheduled {
                    at: Some(at_instant(due)),
                })
                .is_err()
        {
            return;
        }
        loop {
            let timer_armed = !self.paused && !ended;
            tokio::select! {
                () = tokio::time::sleep_until(due), if timer_armed => {}
                cmd = commands.recv() => match cmd {
                    None => return,
                    Some(Command::RefreshNow) => {
                        // Asked for: now, even during backoff (the reader wants to know
                        // whether the source is back), but never sooner than the floor after
                        // the last request, and never beside one in flight (this loop awaits
                        // each fetch before it reads the next command).
                        let soonest = last_request
                            .checked_add(MANUAL_FLOOR)
                            .unwrap_or(last_request)
                            .max(Instant::now());
                        let _ = tx.send(Event::Scheduled {
                            at: Some(at_instant(soonest)),
                        });
                        tokio::time::sleep_until(soonest).await;
                    }
                    Some(Command::LoadOlder(pointer)) => {
                        self.load_history(&tx, &pointer, None).await;
                        continue;
                    }
                    Some(Command::LoadPageWith(id)) => {
                        self.load_page_with(&tx, id).await;
                        continue;
                    }
                    Some(Command::Pause(p)) => {
                        self.paused = p;
                        let at = (!p && !ended).then(|| at_instant(due.max(Instant::now())));
                        if !p && due < Instant::now() {
                            due = Instant::now();
                        }
                        let _ = tx.send(Event::Scheduled { at });
                        continue;
                    }
                },
            }
            if tx.send(Event::Started).is_err() {
                return;
            }
            last_request = Instant::now();
            let before = self.current.entries.len();
            let was_ended = self.current.state == LiveState::Ended;
            let Some(observed) = self.poll_once(&tx).await else {
                return;
            };
            if matches!(observed, Observation::Success { .. }) {
                let new = self.current.entries.len().saturating_sub(before);
                self.settle_interval(Some(new), &tx);
            }
            let closing = self.read_whole_before_stopping(was_ended, last_request);
            ended = self.current.state == LiveState::Ended && closing.is_none();
            let delay = self.plan.next_delay(observed, fastrand::f64());
            due = after(closing.unwrap_or(delay));
            let at = (!ended && !self.paused).then(|| at_instant(due));
            if tx.send(Event::Scheduled { at }).is_err() {
                return;
            }
        }
    }
}

/// How often the Guardian's own page asks its live poll.
pub const GUARDIAN_LIVE_POLL: Duration = Duration::from_secs(10);

impl Poller {
    /// Sets the interval from what bears on it (at the start, `new` is `None`; after a
    /// successful poll, the count of entries it brought), and announces it when it changed. The reader's `--interval` wins; then what the
    /// source says (an AMP list's `data-poll-interval`, the `refresh_interval` of a `WordPress`
    /// Liveblog, set where its answer is read); then the Guardian page's own 10 s for its live
    /// poll; else the pace that follows the blog (`net::schedule::Pace`).
    fn settle_interval(&mut self, new: Option<usize>, tx: &mpsc::UnboundedSender<Event>) {
        if !self.interval_given {
            let wanted = if let Some(every) = self.current.poll_every {
                Some(every)
            } else if self.wordpress.is_some() {
                None
            } else if self.guardian_page() && !self.live_poll_refused {
                Some(GUARDIAN_LIVE_POLL)
            } else {
                new.zip(self.pace.as_mut()).map(|(n, p)| p.observe(n))
            };
            if let Some(every) = wanted {
                self.plan.set_interval(every);
            }
        }
        let every = self.plan.interval();
        if self.announced != Some(every) {
            self.announced = Some(every);
            let _ = tx.send(Event::Pace { every });
        }
    }

    /// One poll: fetch, merge, report. `None` when nobody listens any more.
    async fn poll_once(&mut self, tx: &mpsc::UnboundedSender<Event>) -> Option<Observation> {
        self.polls += 1;
        let (url, coverage) = match self.next_request() {
            Request::Page(url, coverage) => (url, coverage),
            Request::WordPressChanges(url) => return self.poll_wordpress(&url, tx).await,
            Request::WordPressPage(page, changes) => {
                return self.check_post_page(&page, &changes, tx).await;
            }
            Request::LiveCheck(url) => {
                tracing::info!(url = %crate::net::redacted(&url), "asking for new blocks");
                match self.live_check(&url).await {
                    LiveCheck::Nothing { max_age } => {
                        let at = jiff::Timestamp::now();
                        tx.send(Event::Unchanged { at }).ok()?;
                        return Some(Observation::Success { max_age });
                    }
                    LiveCheck::Blocks {
                        blocks,
                        most_recent,
                        max_age,
                    } => {
                        let event = self.take_live_blocks(*blocks, most_recent);
                        self.report(event, tx)?;
                        return Some(Observation::Success { max_age });
                    }
                    LiveCheck::New => (self.endpoint.open_url(), Coverage::NewestWindow),
                    LiveCheck::Unsupported => {
                        self.live_poll_refused = true;
                        (self.endpoint.open_url(), Coverage::NewestWindow)
                    }
                    LiveCheck::Failed(e) => {
                        let (event, observed) = self.failed(&e);
                        tx.send(event).ok()?;
                        return Some(observed);
                    }
                }
            }
        };
        tracing::info!(url = %crate::net::redacted(&url), "polling");
        let event_and_observation = match self.fetch_page(&url, coverage).await {
            Ok(FetchOutcome::Updated {
                blog,
                validators,
                max_age,
                format,
            }) => {
                // A "since" refresh says nothing about validators of the whole page.
                if coverage == Coverage::NewestWindow {
                    if let Some(instead) = self.set_aside(&blog, &validators, &url, max_age) {
                        let (event, observed) = instead;
                        self.report(event, tx)?;
                        return Some(observed);
                    }
                    self.validators = validators;
                    self.last_full = Some(Instant::now());
                    self.format = Some(format);
                    self.live_newest = None;
                }
                let merged = merge(&self.current, *blog, coverage);
                if let Some(w) = &mut self.wordpress {
                    w.latest = w.latest.max(WordPressPoll::from_blog(&merged).latest);
                }
                (self.adopt(merged), Observation::Success { max_age })
            }
            Ok(FetchOutcome::Unchanged { max_age }) => {
                if coverage == Coverage::NewestWindow {
                    self.last_full = Some(Instant::now());
                }
                (
                    Event::Unchanged {
                        at: jiff::Timestamp::now(),
                    },
                    Observation::Success { max_age },
                )
            }
            Err(e) => self.failed(&e),
        };
        let (event, observed) = event_and_observation;
        self.report(event, tx)?;
        Some(observed)
    }

    /// Makes `next` the blog on screen and says so, or says that nothing changed. Every kind
    /// of refresh goes through here and [`Poller::report`], so the reader, alerts and the kept
    /// copy see each alike.
    fn adopt(&mut self, mut next: LiveBlog) -> Event {
        self.forget_dead_older(&mut next);
        let at = jiff::Timestamp::now();
        // A server without validators sends the same blog again: that is "unchanged", not a
        // whole copy for the reader to compare.
        if next == self.current {
            Event::Unchanged { at }
        } else {
            if let Some(carried) = self.carry.take() {
                let edited = crate::blog::merge::diff(&self.current, &next).edited;
                let carried = crate::store::state::previous_since(carried, &self.current, &edited);
                self.carry = Some(carried);
            }
            self.current = next;
            Event::Loaded {
                blog: Box::new(self.current.clone()),
                at,
            }
        }
    }

    /// Sends `event`, then keeps a new version on disk. `None` when nobody listens any more.
    fn report(&self, event: Event, tx: &mpsc::UnboundedSender<Event>) -> Option<()> {
        let kept_at = match &event {
            Event::Loaded { at, .. } => Some(*at),
            _ => None,
        };
        tx.send(event).ok()?;
        // Kept after the new version is reported, so a failure to keep it is the last word.
        if let Some(at) = kept_at {
            self.save(at, tx);
        }
        Some(())
    }

    /// Reads the blog itself. With nothing on screen yet (the first request failed), the
    /// source is opened as at the start, following the link a page gives to its live data.
    async fn fetch_page(
        &mut self,
        url: &url::Url,
        coverage: Coverage,
    ) -> Result<FetchOutcome, SourceError> {
        if self.current.entries.is_empty() && coverage == Coverage::NewestWindow {
            self.open().await
        } else {
            fetch_blog(&self.client, url, &self.validators).await
        }
    }

    /// Opens the source as at the start; a page that links its live data elsewhere makes that
    /// what is polled from now on.
    async fn open(&mut self) -> Result<FetchOutcome, SourceError> {
        let opening = crate::net::open_blog(&self.client, &self.endpoint, &self.validators).await?;
        if let Some((url, how)) = &opening.followed {
            tracing::info!(live_data = %crate::net::redacted(url), how, "following the page's link");
            let page = self.endpoint.open_url();
            self.endpoint = opening.endpoint;
            self.validators = Validators::default();
            self.format = None;
            self.wordpress = matches!(self.endpoint, Endpoint::WordPress(_))
                .then(|| WordPressPoll::on_page(page));
            // Kept as read there, for the next sitting to poll there too.
            if let Some((_, _, kept_via)) = &mut self.keep {
                *kept_via = Some(url.clone());
            }
        }
        Ok(opening.outcome)
    }

    /// The event and observation of a failed poll.
    fn failed(&self, e: &SourceError) -> (Event, Observation) {
        tracing::warn!(class = e.class(), error = %e, "poll failed");
        let observed = Observation::Failure {
            retry_after: e.retry_after(),
        };
        // The longest the next try can be away, for the message. A blog that ended, or whose
        // polling the reader paused, is not polled: only the reader's `r` asks it again.
        let mut preview = self.plan;
        let wait = (self.current.state != LiveState::Ended && !self.paused)
            .then(|| preview.next_delay(observed, 1.0));
        let retry = if wait.is_some() {
            Retry::Scheduled
        } else {
            Retry::Unscheduled
        };
        (
            Event::Failed {
                class: e.class().to_string(),
                error: crate::sanitize::line(&e.said(retry), 600),
                at: jiff::Timestamp::now(),
                retry_in: wait,
            },
            observed,
        )
    }
}

impl Refresher for Poller {
    fn start(
        self: Box<Self>,
        tx: mpsc::UnboundedSender<Event>,
        rx: mpsc::UnboundedReceiver<Command>,
    ) {
        tokio::spawn(self.run(tx, rx));
    }

    fn stagger(&mut self, k: usize, of: usize) {
        let n = u32::try_from(of.max(1)).unwrap_or(u32::MAX);
        let k = u32::try_from(k).unwrap_or(u32::MAX).min(n - 1);
        self.phase = (k, n);
    }
}

/// When the first poll is due: as it was set (a copy from an earlier sitting is brought up to
/// date at once; a failed start waits its backoff), else one interval away, plus `k/n` of an
/// interval for the `k`th of `n` blogs opened together.
fn first_due(first_delay: Option<Duration>, interval: Duration, (k, n): (u32, u32)) -> Duration {
    first_delay.unwrap_or_else(|| {
        let shift = interval.checked_mul(k).map_or(interval, |d| d / n.max(1));
        interval.saturating_add(shift)
    })
}

/// `d` from now, saturating: a huge interval (from a config, say) is "far away", never an
/// overflow.
fn after(d: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(d)
        .or_else(|| now.checked_add(Duration::from_secs(365 * 86_400)))
        .unwrap_or(now)
}

/// The wall-clock time of a monotonic deadline, for the countdown in the status bar.
fn at_instant(due: Instant) -> jiff::Timestamp {
    let left = due.saturating_duration_since(Instant::now());
    let now = jiff::Timestamp::now();
    jiff::SignedDuration::try_from(left)
        .ok()
        .and_then(|d| now.checked_add(d).ok())
        .unwrap_or(now)
}

/// "45 s", "3 min", "1 h".
pub fn human(d: Duration) -> String {
    // Rounded up: "within 0 s" would be a promise the schedule cannot keep.
    let s = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    if s < 120 {
        format!("{s} s")
    } else if s < 7200 {
        format!("{} min", s / 60)
    } else {
        format!("{} h", s / 3600)
    }
}
