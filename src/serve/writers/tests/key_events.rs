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
    // A feed's items are its entries: a key event whose entry is not among them has nothing
    // to be carried on. The pages list every key event, those without a post unlinked.
    for (name, doc, want) in [
        ("RSS", rss(&snap, &s), vec![loaded.clone()]),
        ("Atom", atom(&snap, &s), vec![loaded.clone()]),
        (
            "HTML",
            html_page(&snap, &s),
            vec![loaded.clone(), not_loaded.clone()],
        ),
        (
            "AMP",
            amp::amp_page(&snap, &s),
            vec![loaded.clone(), not_loaded.clone()],
        ),
    ] {
        let back = formats::parse(doc.as_bytes()).unwrap();
        assert_eq!(flagged(&back), ["e2"], "{name}: key-event entries");
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
