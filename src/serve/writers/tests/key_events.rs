//! The key events a replay marks in its RSS, Atom, HTML and AMP, read back.

use super::*;

/// The blog's key events as read: each title and the entry it heads.
fn heads(b: &LiveBlog) -> Vec<(String, Option<String>)> {
    b.key_events
        .iter()
        .map(|k| (k.title.clone(), k.entry_id.clone()))
        .collect()
}

/// The ids of the entries flagged as key events.
fn flagged(b: &LiveBlog) -> Vec<String> {
    b.entries
        .iter()
        .filter(|e| e.key_event)
        .map(|e| e.id.clone())
        .collect()
}

#[test]
fn the_key_events_of_a_replay_read_back_from_its_rss_atom_html_and_amp() {
    let snap = rich_snapshot();
    let s = site();
    let loaded = ("Key moment".to_string(), Some("e2".to_string()));
    let not_loaded = ("Earlier, not loaded".to_string(), None);
    let summary = ("Summary so far".to_string(), Some("e3".to_string()));
    // A feed's items are its entries: a key event whose entry is not among them has nothing
    // to be carried on, and the flagged items are listed in the feed's order. The pages list
    // every key event, those without a post unlinked, then the summaries.
    let feed = vec![summary.clone(), loaded.clone()];
    let page = vec![loaded.clone(), not_loaded.clone(), summary.clone()];
    for (name, doc, want, flags) in [
        ("RSS", rss(&snap, &s), feed.clone(), vec!["e2"]),
        ("Atom", atom(&snap, &s), feed.clone(), vec!["e2"]),
        ("HTML", html_page(&snap, &s), page.clone(), vec!["e2"]),
        ("AMP", amp::amp_page(&snap, &s), page.clone(), vec!["e2"]),
    ] {
        let back = formats::parse(doc.as_bytes()).unwrap();
        assert_eq!(flagged(&back), flags, "{name}: key-event entries");
        assert_eq!(heads(&back), want, "{name}: key events");
    }
}

#[test]
fn the_seeds_key_events_read_back_from_its_rss_and_atom_at_the_end_of_its_replay() {
    let snap = seed_snapshot();
    let s = site();
    let want: Vec<String> = snap
        .blog
        .entries
        .iter()
        .filter(|e| e.key_event)
        .map(|e| e.id.clone())
        .collect();
    assert!(!want.is_empty(), "the seed has key events");
    for (name, doc) in [("RSS", rss(&snap, &s)), ("Atom", atom(&snap, &s))] {
        let back = formats::parse(doc.as_bytes()).unwrap();
        assert_eq!(flagged(&back), want, "{name}: key-event entries");
        let linked: Vec<Option<String>> = want.iter().cloned().map(Some).collect();
        let read: Vec<Option<String>> =
            back.key_events.iter().map(|k| k.entry_id.clone()).collect();
        assert_eq!(read, linked, "{name}: the entries the key events head");
        for k in &back.key_events {
            let id = k.entry_id.as_deref().unwrap();
            let e = &back.entries[back.position(id).unwrap()];
            if let Some(t) = &e.title {
                assert_eq!(&k.title, t, "{name}: title of the key event heading {id}");
            }
        }
    }
}

/// The Guardian lists its summaries among its key events (its page JSON's `keyEvents` holds
/// both), and so does the replay's Guardian page: a summary read back from the feeds and the
/// pages is in the list too, after the key events the blog names, still a summary and not
/// flagged as a key event.
#[test]
fn a_summary_joins_the_key_events_read_back_from_every_feed_and_page() {
    let snap = rich_snapshot();
    let s = site();
    let summary = ("Summary so far".to_string(), Some("e3".to_string()));
    for (name, doc) in [
        ("RSS", rss(&snap, &s)),
        ("Atom", atom(&snap, &s)),
        ("HTML", html_page(&snap, &s)),
        ("AMP", amp::amp_page(&snap, &s)),
        ("Guardian", guardian_page(&snap, &s)),
    ] {
        let back = formats::parse(doc.as_bytes()).unwrap();
        assert!(
            heads(&back).contains(&summary),
            "{name}: {:?}",
            heads(&back)
        );
        let e3 = &back.entries[back.position("e3").unwrap()];
        assert!(e3.summary && !e3.key_event, "{name}: e3 is a summary only");
    }
}

/// A key event whose post is not in the replay is linked as the Guardian links a post on
/// another page of the blog (`?page=with:block-<id>#block-<id>`), and reads back from the
/// HTML and AMP pages with that post's id, so that the reader can fetch it.
#[test]
fn a_key_event_on_another_page_reads_back_with_its_posts_id() {
    let mut snap = rich_snapshot();
    snap.blog.key_events.push(KeyEvent {
        title: "Older, on another page".into(),
        entry_id: Some("e-old".into()),
        published: None,
    });
    let s = site();
    let want = (
        "Older, on another page".to_string(),
        Some("e-old".to_string()),
    );
    for (name, doc) in [
        ("HTML", html_page(&snap, &s)),
        ("AMP", amp::amp_page(&snap, &s)),
    ] {
        assert!(
            doc.contains("<a href=\"?page=with:block-e-old#block-e-old\">"),
            "{name}"
        );
        let back = formats::parse(doc.as_bytes()).unwrap();
        assert!(heads(&back).contains(&want), "{name}: {:?}", heads(&back));
        assert_eq!(back.position("e-old"), None, "{name}: not loaded");
    }
}

/// AMP items have no pinned or summary mark of their own, and the Guardian's AMP page shows
/// neither: the replay's AMP page marks them with the HTML page's classes, and they read back.
#[test]
fn the_pinned_post_and_the_summary_read_back_from_the_amp_page() {
    let snap = rich_snapshot();
    let back = formats::parse(amp::amp_page(&snap, &site()).as_bytes()).unwrap();
    let marked = |f: fn(&Entry) -> bool| -> Vec<String> {
        back.entries
            .iter()
            .filter(|e| f(e))
            .map(|e| e.id.clone())
            .collect()
    };
    assert_eq!(marked(|e| e.pinned), ["e1"]);
    assert_eq!(marked(|e| e.summary), ["e3"]);
    // The pinned post is on top, as where it was read from.
    assert_eq!(back.entries[0].id, "e1");
}

/// The AMP page shows each key event's time before its title, as the Guardian's AMP page does:
/// the titles read back without it, and a key event whose post is not on the page keeps its
/// time, dated on the page's day.
#[test]
fn the_amp_pages_key_events_show_their_times_and_read_back_with_them() {
    let mut snap = rich_snapshot();
    let s = site();
    let first = formats::parse(amp::amp_page(&snap, &s).as_bytes()).unwrap();
    let oldest = first
        .entries
        .iter()
        .filter_map(|e| e.published)
        .map(|t| t.instant().as_second())
        .min()
        .unwrap();
    // Half an hour before the oldest post on the page, on a whole minute.
    let earlier = (oldest - 30 * 60) / 60 * 60;
    snap.blog.key_events.push(KeyEvent {
        title: "Older, on another page".into(),
        entry_id: Some("e-old".into()),
        published: Stamp::from_millis(earlier * 1000),
    });
    let doc = amp::amp_page(&snap, &s);
    assert!(doc.contains("UTC</span><span>Key moment</span>"), "{doc}");
    let back = formats::parse(doc.as_bytes()).unwrap();
    let read: Vec<(&str, Option<i64>)> = back
        .key_events
        .iter()
        .map(|k| {
            (
                k.title.as_str(),
                k.published.map(|t| t.instant().as_second()),
            )
        })
        .collect();
    let at = |id: &str| {
        back.entries[back.position(id).unwrap()]
            .published
            .map(|t| t.instant().as_second())
    };
    assert_eq!(
        read,
        [
            ("Key moment", at("e2")),
            ("Earlier, not loaded", None),
            ("Older, on another page", Some(earlier)),
            ("Summary so far", at("e3")),
        ]
    );
}
