use super::*;
use crate::blog::KeyEvent;

const S: Duration = Duration::from_secs(1);

fn seed() -> LiveBlog {
    crate::formats::parse(crate::source::BUNDLED.as_bytes()).unwrap()
}

/// Five timed entries, one minute apart from 12:00, newest first; "e3" is a key event.
fn timed() -> LiveBlog {
    let entries = (0..5)
        .rev()
        .map(|i| Entry {
            id: format!("e{i}"),
            title: (i == 3).then(|| "Three".to_string()),
            published: Stamp::parse(&format!("2025-02-17T12:0{i}:00+01:00")),
            key_event: i == 3,
            body: vec![Block::text(format!("Entry {i}."))],
            ..Entry::default()
        })
        .collect();
    LiveBlog {
        title: "Timed".into(),
        entries,
        key_events: vec![
            KeyEvent {
                title: "Newer, not loaded".into(),
                ..KeyEvent::default()
            },
            KeyEvent {
                title: "Three".into(),
                entry_id: Some("e3".into()),
                published: None,
            },
            KeyEvent {
                title: "Older, not loaded".into(),
                ..KeyEvent::default()
            },
        ],
        ..LiveBlog::default()
    }
}

fn ids(s: &Snapshot) -> Vec<&str> {
    s.blog.entries.iter().map(|e| e.id.as_str()).collect()
}

fn plain(pace: u64) -> ReplayOptions {
    ReplayOptions::paced(Duration::from_secs(pace)).without_changes()
}

#[test]
fn the_replay_starts_with_the_oldest_few_entries() {
    let blog = seed();
    let n = blog.entries.len();
    let t = Timeline::new(blog.clone(), &plain(10));
    let s = t.at(Duration::ZERO);
    assert_eq!(s.blog.entries, blog.entries[n - 3..].to_vec());
    assert_eq!(s.blog.title, blog.title);
    let five = Timeline::new(
        blog,
        &ReplayOptions {
            initial: 5,
            ..plain(10)
        },
    );
    assert_eq!(five.at(Duration::ZERO).blog.entries.len(), 5);
}

#[test]
fn an_even_pace_spaces_timed_entries_too_and_keeps_their_times() {
    let blog = timed();
    let even = ReplayOptions {
        initial: 1,
        even: true,
        ..plain(2)
    };
    let t = Timeline::new(blog.clone(), &even);
    assert_eq!(t.at(S).blog.entries.len(), 1);
    assert_eq!(t.at(2 * S).blog.entries.len(), 2);
    assert_eq!(t.at(8 * S).blog.entries, blog.entries);
    assert_eq!(
        t.schedule(),
        "4 more entries, one every 2 s: the next in 2 s."
    );
    // Without it the entries keep their minute apart, and the banner says so.
    let own = Timeline::new(
        blog,
        &ReplayOptions {
            initial: 1,
            ..plain(2)
        },
    );
    assert_eq!(own.at(59 * S).blog.entries.len(), 1);
    assert_eq!(
        own.schedule(),
        "4 more entries come at their own times: the next in 60 s, the last in 4 min."
    );
}

#[test]
fn the_schedule_of_a_timeless_blog_is_its_pace_and_of_a_long_wait_says_how_to_shorten_it() {
    let t = Timeline::new(seed(), &plain(20));
    assert!(
        t.schedule().contains("one every 20 s: the next in 20 s."),
        "{}",
        t.schedule()
    );
    let mut slow = timed();
    slow.entries[0].published = Stamp::parse("2025-02-17T15:00:00+01:00");
    let t = Timeline::new(
        slow,
        &ReplayOptions {
            initial: 4,
            ..plain(2)
        },
    );
    assert!(
        t.schedule()
            .ends_with("--pace N brings one every N seconds instead."),
        "{}",
        t.schedule()
    );
    let all = Timeline::new(
        timed(),
        &ReplayOptions {
            initial: 9,
            ..plain(2)
        },
    );
    assert_eq!(
        all.schedule(),
        "All entries are on show from the start: nothing new will come."
    );
}

#[test]
fn timeless_entries_come_out_oldest_first_one_per_pace() {
    let blog = seed();
    let n = blog.entries.len();
    let t = Timeline::new(blog.clone(), &plain(10));
    assert_eq!(t.at(9 * S).blog.entries.len(), 3);
    let s = t.at(10 * S);
    assert_eq!(s.blog.entries.len(), 4);
    assert_eq!(
        s.blog.entries[0],
        blog.entries[n - 4],
        "the newest is on top"
    );
    assert_eq!(t.at(25 * S).blog.entries.len(), 5);
    let all = t.at(10 * S * u32::try_from(n).unwrap());
    assert_eq!(all.blog.entries, blog.entries);
    assert_eq!(t.ends_at(), 10 * S * u32::try_from(n - 3).unwrap());
}

#[test]
fn timed_entries_follow_their_own_gaps_scaled_by_speed() {
    let t = Timeline::new(timed(), &plain(10));
    assert_eq!(ids(&t.at(59 * S)), ["e2", "e1", "e0"]);
    assert_eq!(ids(&t.at(60 * S)), ["e3", "e2", "e1", "e0"]);
    assert_eq!(t.ends_at(), 120 * S);
    let fast = Timeline::new(
        timed(),
        &ReplayOptions {
            speed: 60.0,
            ..plain(10)
        },
    );
    assert_eq!(ids(&fast.at(Duration::from_millis(999))).len(), 3);
    assert_eq!(ids(&fast.at(S)).len(), 4);
    assert_eq!(fast.ends_at(), 2 * S);
    let capped = Timeline::new(
        timed(),
        &ReplayOptions {
            max_gap: Some(5 * S),
            ..plain(10)
        },
    );
    assert_eq!(capped.ends_at(), 10 * S);
}

#[test]
fn a_missing_time_falls_back_to_the_pace() {
    let mut blog = timed();
    blog.entries[1].published = None; // e3
    let t = Timeline::new(blog, &plain(7));
    assert_eq!(ids(&t.at(7 * S)), ["e3", "e2", "e1", "e0"]);
    assert_eq!(t.ends_at(), 14 * S);
}

#[test]
fn the_blog_is_live_until_the_last_entry_is_out() {
    let t = Timeline::new(timed(), &plain(10));
    assert_eq!(t.at(Duration::ZERO).blog.state, LiveState::Live);
    assert_eq!(t.at(119 * S).blog.state, LiveState::Live);
    assert_eq!(t.at(120 * S).blog.state, LiveState::Ended);
    assert_eq!(t.at(120 * S).next_change, None);
    assert_eq!(t.at(90 * S).next_change, Some(120 * S));
}

#[test]
fn key_events_grow_with_their_entries_and_unloaded_ones_keep_their_place() {
    let t = Timeline::new(timed(), &plain(10));
    let titles = |s: &Snapshot| -> Vec<String> {
        s.blog.key_events.iter().map(|k| k.title.clone()).collect()
    };
    assert_eq!(titles(&t.at(Duration::ZERO)), ["Older, not loaded"]);
    assert_eq!(
        titles(&t.at(60 * S)),
        ["Newer, not loaded", "Three", "Older, not loaded"]
    );

    let seed = Timeline::new(seed(), &plain(10));
    let start = seed.at(Duration::ZERO).blog.key_events.len();
    let end = seed.at(seed.ends_at()).blog.key_events.len();
    assert!(start < end, "{start} < {end}");
    assert_eq!(end, 39);
    let mut prev = start;
    for step in 0..40 {
        let now = seed.at(10 * S * step).blog.key_events.len();
        assert!(now >= prev);
        prev = now;
    }
}

#[test]
fn the_pinned_post_is_on_show_from_the_start_and_stays() {
    let mut blog = timed();
    blog.entries[4].pinned = true; // e0, the oldest
    let t = Timeline::new(
        blog,
        &ReplayOptions {
            initial: 1,
            ..plain(10)
        },
    );
    assert_eq!(ids(&t.at(Duration::ZERO)), ["e1", "e0"]);
    assert_eq!(ids(&t.at(t.ends_at())), ["e4", "e3", "e2", "e1", "e0"]);
}

#[test]
fn the_default_edit_and_deletion_happen_at_their_times() {
    let blog = seed();
    let n = blog.entries.len();
    let opts = ReplayOptions::paced(Duration::from_secs(10));
    let t = Timeline::new(blog.clone(), &opts);
    let edited_id = blog.entries[n - 3].id.clone();
    let find = |s: &Snapshot, id: &str| s.blog.entries.iter().find(|e| e.id == id).cloned();

    let before = t.at(24 * S);
    let e = find(&before, &edited_id).unwrap();
    assert_eq!(e.updated, None);
    assert!(!e.plain_text().contains(EDIT_NOTE));
    let after = t.at(25 * S);
    let e = find(&after, &edited_id).unwrap();
    assert!(e.plain_text().ends_with(EDIT_NOTE));
    // Edited 25 s after it was shown (and dated), it is stamped a minute after: a reader
    // tells a change within the minute of posting as no edit.
    assert_eq!(e.updated, Stamp::parse("1970-01-01T00:01:00Z"));
    assert_ne!(before.version, after.version);

    // The seed's only plain entry after the edited one is its newest: the one taken out is the
    // entry after the edited one, a key event, so that the replay does not end by taking out
    // the entry on top.
    let victim = &blog.entries[n - 4];
    assert!(victim.key_event);
    assert!(
        !blog.entries[..n - 4]
            .iter()
            .any(|e| !e.key_event && e.id != blog.entries[0].id),
        "no other plain entry after the edited one"
    );
    let k = n - 1 - blog.position(&victim.id).unwrap();
    let shown = 10 * S * u32::try_from(k - 2).unwrap();
    assert!(find(&t.at(shown), &victim.id).is_some());
    assert!(find(&t.at(shown + 54 * S), &victim.id).is_some());
    assert!(find(&t.at(shown + 55 * S), &victim.id).is_none());
    let last = t.at(t.ends_at());
    assert_eq!(last.blog.entries.len(), n - 1);
    assert_eq!(last.blog.state, LiveState::Ended);
    assert_eq!(
        last.blog.entries[0].id, blog.entries[0].id,
        "the newest stays"
    );
    assert!(
        !last
            .blog
            .key_events
            .iter()
            .any(|k| k.entry_id.as_deref() == Some(&victim.id)),
        "its key event goes with it"
    );
}

#[test]
fn an_edit_of_a_timed_entry_moves_its_updated_time_by_the_scaled_delay() {
    let opts = ReplayOptions {
        speed: 2.0,
        edit_after: Some(30 * S),
        delete_after: None,
        ..ReplayOptions::default()
    };
    let t = Timeline::new(timed(), &opts);
    let s = t.at(30 * S);
    let e2 = &s.blog.entries[s.blog.position("e2").unwrap()];
    assert_eq!(e2.updated, Stamp::parse("2025-02-17T12:03:00+01:00"));
    assert_eq!(e2.updated.unwrap().offset(), e2.published.unwrap().offset());
}

#[test]
fn scripted_changes_apply_by_id_and_deleting_a_key_event_entry_drops_its_key_event() {
    let opts = ReplayOptions {
        script: vec![
            Change {
                at: 100 * S,
                entry_id: "e3".into(),
                kind: ChangeKind::Delete,
            },
            Change {
                at: 5 * S,
                entry_id: "e0".into(),
                kind: ChangeKind::Edit,
            },
            Change {
                at: 5 * S,
                entry_id: "nope".into(),
                kind: ChangeKind::Edit,
            },
        ],
        ..plain(10)
    };
    let t = Timeline::new(timed(), &opts);
    assert!(t.at(5 * S).blog.entries[2].plain_text().contains(EDIT_NOTE));
    assert!(t.at(99 * S).blog.position("e3").is_some());
    let s = t.at(100 * S);
    assert!(s.blog.position("e3").is_none());
    assert!(s.blog.key_events.iter().all(|k| k.title != "Three"));
    assert_eq!(s.blog.key_events.len(), 2);
}

/// The blog's time of change never goes back, as a publisher's does not: taking out the newest
/// entry leaves it where that entry had it. A reader sets aside a copy dated before the one it
/// shows as one from a cache behind the rest.
#[test]
fn taking_out_the_newest_entry_leaves_the_blogs_time_of_change() {
    let opts = ReplayOptions {
        script: vec![Change {
            at: 200 * S,
            entry_id: "e4".into(),
            kind: ChangeKind::Delete,
        }],
        ..plain(10)
    };
    let t = Timeline::new(timed(), &opts);
    let before = t.at(199 * S);
    assert_eq!(
        before.blog.updated,
        Stamp::parse("2025-02-17T12:04:00+01:00")
    );
    let after = t.at(200 * S);
    assert!(after.blog.position("e4").is_none());
    assert_eq!(after.blog.updated, before.blog.updated);
}

#[test]
fn the_version_changes_exactly_when_the_content_changes() {
    let t = Timeline::new(seed(), &ReplayOptions::paced(Duration::from_secs(10)));
    let mut prev = t.at(Duration::ZERO);
    assert_eq!(prev.version, 1);
    let mut changes = 0;
    for step in 1..=400 {
        let now = t.at(Duration::from_millis(step * 1000));
        let same_content = now.blog == prev.blog;
        assert_eq!(same_content, now.version == prev.version, "at {step}s");
        assert!(now.version >= prev.version);
        if now.version == prev.version {
            assert_eq!(now.last_modified, prev.last_modified);
        } else {
            changes += 1;
            assert!(now.last_modified > prev.last_modified);
        }
        prev = now;
    }
    assert!(changes > 10);
    assert_eq!(prev.blog.state, LiveState::Ended);
}

#[test]
fn changes_within_one_second_still_get_distinct_last_modified_times() {
    let opts = ReplayOptions {
        speed: 600.0,
        ..plain(10)
    };
    let t = Timeline::new(timed(), &opts);
    let a = t.at(Duration::from_millis(100));
    let b = t.at(Duration::from_millis(200));
    assert_ne!(a.version, b.version);
    assert!(b.last_modified > a.last_modified);
    assert_eq!(b.last_modified.subsec_nanosecond(), 0);
}

#[test]
fn dated_at_is_origin_plus_the_reveal_time_and_the_initial_entries_come_before_it() {
    let origin: Timestamp = "2025-02-17T12:00:00Z".parse().unwrap();
    let opts = ReplayOptions {
        origin: Some(origin),
        ..plain(10)
    };
    let t = Timeline::new(seed(), &opts);
    let s = t.at(10 * S);
    assert_eq!(s.dated_at.len(), s.blog.entries.len());
    assert_eq!(s.dated_at[0], "2025-02-17T12:00:10Z".parse().unwrap());
    // The three initial entries, on show together, a pace apart up to the start.
    assert_eq!(s.dated_at[1], origin);
    assert_eq!(s.dated_at[2], "2025-02-17T11:59:50Z".parse().unwrap());
    assert_eq!(s.dated_at[3], "2025-02-17T11:59:40Z".parse().unwrap());
    assert_eq!(s.started, origin);
}

#[test]
fn an_empty_blog_or_odd_options_do_not_panic() {
    let t = Timeline::new(LiveBlog::default(), &ReplayOptions::default());
    assert_eq!(t.at(Duration::ZERO).blog.state, LiveState::Ended);
    let odd = ReplayOptions {
        initial: 0,
        speed: f64::NAN,
        pace: Duration::MAX,
        edit_after: Some(Duration::MAX),
        delete_after: Some(Duration::MAX),
        ..ReplayOptions::default()
    };
    let t = Timeline::new(seed(), &odd);
    assert!(t.at(Duration::ZERO).blog.entries.is_empty());
    let _ = t.at(Duration::MAX);
    let t = Timeline::new(timed(), &ReplayOptions { speed: -1.0, ..odd });
    let _ = t.at(Duration::MAX);
}
