//! A replay on its own clock: every entry is given the time it appears in the replay, so that
//! two replays started together interleave in time however far apart their blogs were
//! written (or whether they had times at all).
//!
//! An entry revealed `shown` into the replay gets `origin + shown`. The initial entries are on
//! show at once: the newest of them gets `origin` (now) and each older one the time before it
//! that the replay would have waited between them (the same gap, by time or by pace). A pinned
//! entry, on show from the start, is dated where its own time falls among the initial ones
//! (between the two it was posted between, in proportion), and gets `origin` when it has no
//! time or is newer than all of them: dated `origin` whatever its time, a post pinned long
//! ago would read as the newest of them, and go above newer key events in a merged sidebar.
//! `updated` times are dropped: the replay's own edits set new ones, at the time they happen.
//! A key event takes its entry's new time, and loses one it cannot take.

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
    let initial = first_plain..first_plain + initial;
    for p in 0..first_plain {
        if let Some(t) = slots[p].entry.time() {
            at[p] = among(&slots[initial.clone()], &at[initial.clone()], t.instant());
        }
    }
    at
}

/// Where `t` falls on the replay's clock among `initial` (oldest first, dated `at`): between
/// the two timed ones it falls between, in proportion; with the oldest when it is older than
/// all; zero (`origin`) when it is newer than all, or none has a time.
fn among(initial: &[Slot], at: &[SignedDuration], t: Timestamp) -> SignedDuration {
    let timed: Vec<(Timestamp, SignedDuration)> = initial
        .iter()
        .zip(at)
        .filter_map(|(s, &a)| Some((s.entry.time()?.instant(), a)))
        .collect();
    let Some(newer) = timed.iter().position(|&(own, _)| own > t) else {
        return SignedDuration::ZERO;
    };
    let Some(&(lo, lo_at)) = newer.checked_sub(1).map(|i| &timed[i]) else {
        return timed[newer].1;
    };
    let (hi, hi_at) = timed[newer];
    let part = t.duration_since(lo).as_secs_f64() / hi.duration_since(lo).as_secs_f64();
    let between = (hi_at - lo_at).as_secs_f64() * part;
    lo_at.saturating_add(SignedDuration::try_from_secs_f64(between).unwrap_or(SignedDuration::ZERO))
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
    fn a_pinned_post_is_dated_among_the_initial_entries_where_its_time_falls() {
        // Posted at 17:05, between the entries of 17:00 and 17:10; pinned, so on top.
        let mut blog = timeless(4);
        for (e, m) in blog.entries.iter_mut().zip([30, 20, 10, 0]) {
            e.published = Stamp::parse(&format!("2023-12-13T17:{m:02}:00Z"));
        }
        let pinned = Entry {
            id: "pinned".into(),
            published: Stamp::parse("2023-12-13T17:05:00Z"),
            pinned: true,
            body: vec![Block::text("Pinned.")],
            ..Entry::default()
        };
        blog.entries.insert(0, pinned);
        blog.key_events.push(KeyEvent {
            title: "Pinned".into(),
            entry_id: Some("pinned".into()),
            published: None,
        });
        let opts = ReplayOptions {
            speed: 60.0,
            initial: 3,
            ..rebased(10)
        };
        let start = Timeline::new(blog, &opts).at(Duration::ZERO).blog;
        // The initial entries at 11:59:40, 11:59:50 and 12:00; the pinned one halfway between
        // the first two, not at 12:00 above them.
        assert_eq!(
            times(&start),
            [
                "2026-03-01T11:59:45Z",
                "2026-03-01T12:00:00Z",
                "2026-03-01T11:59:50Z",
                "2026-03-01T11:59:40Z"
            ]
        );
        let pinned = start.key_events.iter().find(|k| k.title == "Pinned");
        assert_eq!(
            pinned.and_then(|k| k.published),
            Stamp::parse("2026-03-01T11:59:45Z")
        );
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
