//! Whole reads of the blog that are not taken in: a page that holds no entries where the blog
//! had some, and a copy older than the one on screen.
//!
//! A blog served from several places (a content network's caches, servers behind one address)
//! can answer one poll from a place that has not caught up yet. Taken in, that older copy
//! would take the newest entries off the screen, saying the source took them out, and the next
//! poll would bring them back as new, ringing for them again. A copy is older when it adds no
//! entry and says it was changed before the one shown (the blog's own `updated`, else the
//! answer's `Last-Modified`). It is set aside as an answer with nothing new, and the
//! validators of the copy shown are kept, so that the next poll asks for anything newer than
//! it. A few in a row are set aside, no more: a source whose dates really went back (a date
//! corrected by hand) is followed after that.

use super::{Event, Observation, Poller};
use crate::blog::LiveBlog;
use crate::net::Validators;
use std::time::Duration;
use tokio::time::Instant;

/// How many older copies in a row are set aside before the next one is taken in: a cache
/// behind the rest catches up within a poll or two.
pub(super) const SET_ASIDE_MOST: u32 = 3;

impl Poller {
    /// Whether the whole read `fresh`, answered with `validators`, is set aside rather than
    /// taken in, and what is reported instead. The count of older copies in a row starts again
    /// at every read taken in.
    pub(super) fn set_aside(
        &mut self,
        fresh: &LiveBlog,
        validators: &Validators,
        url: &url::Url,
        max_age: Option<Duration>,
    ) -> Option<(Event, Observation)> {
        if fresh.entries.is_empty() && !self.current.entries.is_empty() {
            return Some(self.without_entries(url));
        }
        let why = older_than_shown(&self.current, fresh, &self.validators, validators);
        match why {
            Some(why) if self.older_in_a_row < SET_ASIDE_MOST => {
                self.older_in_a_row += 1;
                tracing::warn!(
                    url = %crate::net::redacted(url),
                    why,
                    "an older copy of the blog than the one shown: set aside"
                );
                self.last_full = Some(Instant::now());
                let at = jiff::Timestamp::now();
                Some((Event::Unchanged { at }, Observation::Success { max_age }))
            }
            _ => {
                self.older_in_a_row = 0;
                None
            }
        }
    }

    /// A blog does not go from forty entries to none: a broken page, a paywall or a
    /// placeholder. What is on screen is kept, and the poll counts as failed.
    fn without_entries(&self, url: &url::Url) -> (Event, Observation) {
        let had = self.current.entries.len();
        let error = crate::sanitize::line(
            &format!(
                "\"{}\": the source returned no entries (it had {had}); keeping what is on screen",
                crate::net::endpoint::without_query(url)
            ),
            600,
        );
        let observed = Observation::Failure { retry_after: None };
        let mut preview = self.plan;
        let event = Event::Failed {
            class: "empty".into(),
            error,
            at: jiff::Timestamp::now(),
            retry_in: Some(preview.next_delay(observed, 1.0)),
        };
        (event, observed)
    }
}

/// Why `fresh` is an older copy than `shown`, if it is: it adds no entry, and says it was
/// changed before `shown` did, by the blog's own time of change, else by the answers'
/// `Last-Modified` (`before`, the answer `shown` came with, and `now`, the answer `fresh` came
/// with). An answer that adds an entry is taken in whatever its dates say: servers whose
/// clocks differ can date a newer copy earlier.
pub(crate) fn older_than_shown(
    shown: &LiveBlog,
    fresh: &LiveBlog,
    before: &Validators,
    now: &Validators,
) -> Option<String> {
    // Dated first: most copies are not dated earlier, and the dates are cheap to compare
    // where the ids of a long blog are not.
    let why = dated_before(shown, fresh, before, now)?;
    let has: foldhash::HashSet<&str> = shown.entries.iter().map(|e| e.id.as_str()).collect();
    fresh
        .entries
        .iter()
        .all(|e| has.contains(e.id.as_str()))
        .then_some(why)
}

/// Why `fresh` says it was changed before `shown` did, if it does: by the blog's own time of
/// change, else by the answers' `Last-Modified`.
fn dated_before(
    shown: &LiveBlog,
    fresh: &LiveBlog,
    before: &Validators,
    now: &Validators,
) -> Option<String> {
    if let (Some(had), Some(got)) = (shown.updated, fresh.updated)
        && got.instant() < had.instant()
    {
        return Some(format!(
            "it says it was updated at {}, the copy shown at {}",
            got.instant(),
            had.instant()
        ));
    }
    match (last_modified(before), last_modified(now)) {
        (Some((had, had_said)), Some((got, got_said))) if got < had => Some(format!(
            "its Last-Modified is {got_said}, the copy shown's {had_said}"
        )),
        _ => None,
    }
}

/// An answer's `Last-Modified`, read, beside what it said.
fn last_modified(v: &Validators) -> Option<(std::time::SystemTime, &str)> {
    let said = v.last_modified.as_deref()?;
    httpdate::parse_http_date(said).ok().map(|d| (d, said))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::{Entry, Stamp};

    fn blog(ids: &[&str], updated: Option<&str>) -> LiveBlog {
        LiveBlog {
            entries: ids
                .iter()
                .map(|id| Entry {
                    id: (*id).to_string(),
                    ..Entry::default()
                })
                .collect(),
            updated: updated.and_then(Stamp::parse),
            ..LiveBlog::default()
        }
    }

    fn modified(date: &str) -> Validators {
        Validators {
            etag: None,
            last_modified: Some(date.to_string()),
        }
    }

    #[test]
    fn a_copy_is_older_when_it_adds_nothing_and_is_dated_before_the_one_shown() {
        let none = Validators::default();
        let shown = blog(&["c", "b", "a"], Some("2025-02-17T10:05:00Z"));
        let behind = blog(&["b", "a"], Some("2025-02-17T10:00:00Z"));
        assert!(older_than_shown(&shown, &behind, &none, &none).is_some());
        // Dated the same, or later (an entry deleted on the source moves its date on).
        let same = blog(&["b", "a"], Some("2025-02-17T10:05:00Z"));
        assert_eq!(older_than_shown(&shown, &same, &none, &none), None);
        let deleted = blog(&["b", "a"], Some("2025-02-17T10:06:00Z"));
        assert_eq!(older_than_shown(&shown, &deleted, &none, &none), None);
        // A copy that adds an entry is newer, whatever its date says.
        let skewed = blog(&["d", "c", "b", "a"], Some("2025-02-17T10:00:00Z"));
        assert_eq!(older_than_shown(&shown, &skewed, &none, &none), None);
        // Without dates of its own, nothing says it is older.
        let undated = blog(&["b", "a"], None);
        assert_eq!(older_than_shown(&shown, &undated, &none, &none), None);
    }

    #[test]
    fn without_dates_in_the_blog_the_answers_last_modified_says() {
        let shown = blog(&["c", "b", "a"], None);
        let behind = blog(&["b", "a"], None);
        let later = modified("Mon, 17 Feb 2025 10:05:00 GMT");
        let earlier = modified("Mon, 17 Feb 2025 10:00:00 GMT");
        let why = older_than_shown(&shown, &behind, &later, &earlier).unwrap();
        assert!(why.contains("10:00:00 GMT"), "{why}");
        assert_eq!(older_than_shown(&shown, &behind, &earlier, &later), None);
        assert_eq!(older_than_shown(&shown, &behind, &later, &later), None);
        let unreadable = modified("yesterday");
        assert_eq!(older_than_shown(&shown, &behind, &later, &unreadable), None);
    }
}
