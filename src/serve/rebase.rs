//! A replay on its own clock: every entry is given the time it appears in the replay, so that
//! two replays started together interleave in time however far apart their blogs were
//! written (or whether they had times at all).
//!
//! An entry revealed `shown` into the replay gets `origin + shown`. The initial entries are on
//! show at once: the newest of them gets `origin` (now) and each older one the time before it
//! that the replay would have waited between them (the same gap, by time or by pace). Pinned
//! entries get `origin`. `updated` times are dropped: the replay's own edits set new ones, at
//! the time they happen. A key event takes its entry's new time, and loses one it cannot take.

use super::timeline::{ReplayOptions, Slot, gap, whole_seconds};
use crate::blog::{KeyEvent, Stamp};
use jiff::{SignedDuration, Timestamp, tz::Offset};
use std::collections::HashMap;
use std::time::Duration;

/// Rebases `slots` (pinned ones first, up to `first_plain`, then oldest first, with their
/// reveal times) and the blog's key events onto the replay's clock.
pub(super) fn rebase(
    slots: &mut [Slot],
    first_plain: usize,
    key_events: &mut [KeyEvent],
    opts: &ReplayOptions,
    origin: Timestamp,
) {
    // Offsets from `origin`, worked out from the blog as given before any time is changed.
    let at = offsets(slots, first_plain, opts);
    let mut new_times: HashMap<String, Stamp> = HashMap::with_capacity(slots.len());
    for (slot, offset) in slots.iter_mut().zip(at) {
        let when = origin.checked_add(offset).unwrap_or(origin);
        let zone = slot.entry.time().map_or(Offset::UTC, |t| t.offset());
        let stamp = Stamp::new(whole_seconds(when), zone);
        slot.entry.published = Some(stamp);
        slot.entry.updated = None;
        new_times.insert(slot.entry.id.clone(), stamp);
    }
    for k in key_events {
        k.published = k
            .entry_id
            .as_deref()
            .and_then(|id| new_times.get(id))
            .copied();
    }
}

/// When each of `slots` (as [`rebase`] takes them) comes on the replay's own clock, from
/// `origin`: its reveal; the initial entries, all on show at once, the newest at `origin` and
/// each older one the time before it that the replay would have waited between them.
pub(super) fn offsets(
    slots: &[Slot],
    first_plain: usize,
    opts: &ReplayOptions,
) -> Vec<SignedDuration> {
    let plain = slots.len() - first_plain;
    let initial = opts.initial.min(plain);
    let mut at: Vec<SignedDuration> = slots.iter().map(|s| signed(s.shown)).collect();
    for i in (first_plain..first_plain + initial.saturating_sub(1)).rev() {
        let wait = gap(
            Some(&slots[i].entry),
            &slots[i + 1].entry,
            opts,
            opts.speed(),
        );
        at[i] = at[i + 1].saturating_sub(signed(wait));
    }
    at
}

fn signed(d: Duration) -> SignedDuration {
    SignedDuration::try_from(d).unwrap_or(SignedDuration::MAX)
}

#[cfg(test)]
mod tests {
    use crate::blog::{Block, Entry, KeyEvent, LiveBlog, Stamp};
    use crate::serve::timeline::{EDIT_NOTE, ReplayOptions, Timeline};
    use jiff::Timestamp;
    use std::time::Duration;

    const S: Duration = Duration::from_secs(1);

    fn origin() -> Timestamp {
        "2026-03-01T12:00:00Z".parse().unwrap()
    }

    fn rebased(pace: u64) -> ReplayOptions {
        ReplayOptions {
            origin: Some(origin()),
            rebase: true,
            ..ReplayOptions::paced(Duration::from_secs(pace)).without_changes()
        }
    }

    fn times(blog: &LiveBlog) -> Vec<String> {
        blog.entries
            .iter()
            .map(|e| e.published.map(|p| p.to_rfc3339()).unwrap_or_default())
            .collect()
    }

    /// `n` entries without times, newest first.
    fn timeless(n: usize) -> LiveBlog {
        LiveBlog {
            entries: (0..n)
                .rev()
                .map(|i| Entry {
                    id: format!("e{i}"),
                    body: vec![Block::text(format!("Entry {i}."))],
                    ..Entry::default()
                })
                .collect(),
            key_events: vec![KeyEvent {
                title: "Two".into(),
                entry_id: Some("e2".into()),
                published: None,
            }],
            ..LiveBlog::default()
        }
    }

    #[test]
    fn a_timeless_blog_gets_the_times_its_entries_appear() {
        let t = Timeline::new(timeless(5), &rebased(10));
        let start = t.at(Duration::ZERO).blog;
        assert_eq!(
            times(&start),
            [
                "2026-03-01T12:00:00Z",
                "2026-03-01T11:59:50Z",
                "2026-03-01T11:59:40Z"
            ]
        );
        let end = t.at(t.ends_at()).blog;
        assert_eq!(
            times(&end)[..2],
            ["2026-03-01T12:00:20Z", "2026-03-01T12:00:10Z"]
        );
        assert_eq!(
            end.key_events[0].published,
            Stamp::parse("2026-03-01T12:00:00Z")
        );
    }

    #[test]
    fn a_timed_blog_keeps_its_gaps_as_the_replay_scales_them_and_its_offsets() {
        let mut blog = timeless(4);
        for (e, m) in blog.entries.iter_mut().zip([30, 20, 10, 0]) {
            e.published = Stamp::parse(&format!("2023-12-13T17:{m:02}:00+01:00"));
            e.updated = Stamp::parse("2023-12-13T18:00:00+01:00");
        }
        let opts = ReplayOptions {
            speed: 60.0,
            initial: 2,
            ..rebased(10)
        };
        let t = Timeline::new(blog, &opts);
        let end = t.at(t.ends_at()).blog;
        // Ten minutes at 60× is ten seconds: 11:59:50 and 12:00 initial, then +10 s, +20 s.
        assert_eq!(
            times(&end),
            [
                "2026-03-01T13:00:20+01:00",
                "2026-03-01T13:00:10+01:00",
                "2026-03-01T13:00:00+01:00",
                "2026-03-01T12:59:50+01:00"
            ]
        );
        assert!(end.entries.iter().all(|e| e.updated.is_none()));
    }

    #[test]
    fn an_edit_is_timed_when_it_is_replayed() {
        let opts = ReplayOptions {
            edit_after: Some(75 * S),
            ..rebased(10)
        };
        let t = Timeline::new(timeless(5), &opts);
        let s = t.at(75 * S);
        let e = s
            .blog
            .entries
            .iter()
            .find(|e| e.plain_text().contains(EDIT_NOTE))
            .unwrap();
        assert_eq!(e.updated, Stamp::parse("2026-03-01T12:01:15Z"));
    }

    #[test]
    fn two_rebased_replays_interleave() {
        let a = Timeline::new(timeless(6), &rebased(6)).at(60 * S).blog;
        let b = Timeline::new(timeless(6), &rebased(7)).at(60 * S).blog;
        let order: Vec<usize> = crate::blog::timeline::interleave(&[&a, &b], 0)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(order, [1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
    }
}
