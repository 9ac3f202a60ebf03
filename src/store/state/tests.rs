use super::*;
use crate::blog::{Block, Image, Stamp};
use crate::store::test_support::{blog, warnings_during};
use std::fs;

const URL: &str = "https://example.com/live";

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn sample() -> ReadState {
    let mut s = ReadState::default();
    s.record_look(&blog("T", 10), at("2025-02-17T12:05:00Z"));
    s.place = Some(Place {
        id: "e7".into(),
        line: 3,
        at: Some(at("2025-02-17T12:05:00Z")),
    });
    s.mark_seen(["e9", "e8", "e7"]);
    s.previous
        .insert("e5".into(), "What e5 said before its edit.".into());
    s
}

fn load_ignored(store: &StateStore) -> String {
    let (got, warnings) = warnings_during(|| store.load(URL));
    assert_eq!(got, Ok(ReadState::default()));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let file = store.path(URL).to_string_lossy().into_owned();
    assert!(warnings[0].contains(&file), "{warnings:?}");
    warnings.into_iter().next().unwrap_or_default()
}

#[test]
fn a_saved_state_loads_back_equal() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    let s = sample();
    assert_eq!(s.fingerprints().len(), 10);
    assert_eq!(s.key_event_ids().len(), 4, "e0, e3, e6, e9");
    store.save(URL, &s).unwrap();
    assert_eq!(store.load(URL).unwrap(), s);
}

#[test]
fn an_earlier_version_from_a_file_is_cleaned_like_any_text_from_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    let mut s = sample();
    s.previous
        .insert("e4".into(), "red \u{1b}[31m and \u{202e} gone".into());
    store.save(URL, &s).unwrap();
    let back = store.load(URL).unwrap();
    assert_eq!(back.previous["e4"], "red [31m and  gone");
    assert_eq!(back.previous["e5"], "What e5 said before its edit.");
}

#[test]
fn the_same_state_always_makes_the_same_file() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    store.save(URL, &sample()).unwrap();
    let first = fs::read(store.path(URL)).unwrap();
    store.save(URL, &store.load(URL).unwrap()).unwrap();
    assert_eq!(fs::read(store.path(URL)).unwrap(), first);
    let v: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(v["liveblog_state"], 4);
    assert_eq!(v["url"], URL);
    assert_eq!(v["last_looked"], "2025-02-17T12:05:00Z");
    assert_eq!(v["place"]["id"], "e7");
    assert_eq!(v["seen"], "e7 e8 e9 ");
    // The last look's entries in the blog's order, not sorted.
    assert_eq!(v["entry_ids"], "e9 e8 e7 e6 e5 e4 e3 e2 e1 e0 ");
    let fingerprints = v["fingerprints"].as_str().unwrap();
    assert_eq!(fingerprints.split_terminator(' ').count(), 10);
    for line in fingerprints.split_terminator(' ') {
        let (hex, id) = line.split_at(16);
        assert_eq!(hex.len(), 16, "{line}");
        assert_eq!(
            sample().fingerprints().get(id),
            Some(&u64::from_str_radix(hex, 16).unwrap())
        );
    }
}

#[test]
fn a_file_of_version_1_is_read_as_it_was_written_its_fingerprints_as_seen_only() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    let want = sample();
    // What version 1 wrote for the sample: arrays of ids and an object of fingerprints.
    let mut fingerprints = serde_json::Map::new();
    for (id, f) in want.fingerprints() {
        fingerprints.insert(id.clone(), (*f).into());
    }
    let mut seen: Vec<&str> = want.seen.iter().collect();
    seen.sort_unstable();
    let file = serde_json::json!({
        "liveblog_state": 1, "url": URL, "last_looked": "2025-02-17T12:05:00Z",
        "place": want.place, "seen": seen, "fingerprints": fingerprints,
        "key_event_ids": want.key_event_ids().iter().collect::<Vec<_>>(),
        "previous": want.previous,
    });
    fs::write(store.path(URL), file.to_string()).unwrap();
    let (got, warnings) = warnings_during(|| store.load(URL).unwrap());
    assert!(warnings.is_empty(), "{warnings:?}");
    // Its fingerprints were made as version 4's are not: its entries were seen, no more.
    let mut as_seen = want.clone();
    as_seen
        .fingerprints_mut()
        .values_mut()
        .for_each(|f| *f = FROM_RENDERING);
    // Nor did it keep the last look's entries: nothing is said to be taken out since.
    as_seen.entry_ids = Later::default();
    assert!(got.entry_ids().is_empty());
    assert_eq!(got, as_seen);
    // Saved again, it is written as this version writes it.
    store.save(URL, &got).unwrap();
    store.save(URL, &store.load(URL).unwrap()).unwrap();
    let again = fs::read(store.path(URL)).unwrap();
    store.save(URL, &as_seen).unwrap();
    assert_eq!(again, fs::read(store.path(URL)).unwrap());
}

#[test]
fn a_fingerprint_line_that_is_not_one_leaves_the_fingerprints_out_with_one_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    for bad in [
        "00000000000000zze1",
        "5",
        "000000000000005",
        "ü000000000000005e1",
    ] {
        let file = serde_json::json!({
            "liveblog_state": 4, "url": URL, "seen": "e1 ",
            "fingerprints": format!("0000000000000005e0 {bad} "),
            "key_event_ids": "k ",
        });
        fs::write(store.path(URL), file.to_string()).unwrap();
        let s = store.load(URL).unwrap();
        let (n, warnings) = warnings_during(|| s.fingerprints().len());
        assert_eq!((n, warnings.len()), (0, 1), "{bad:?}: {warnings:?}");
        assert!(s.seen.contains("e1") && s.key_event_ids().contains("k"));
    }
}

#[test]
fn fingerprints_and_key_events_are_decoded_when_first_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    store.save(URL, &sample()).unwrap();
    let s = store.load(URL).unwrap();
    assert!(s.fingerprints.value.get().is_none(), "not decoded on load");
    assert!(s.key_event_ids.value.get().is_none(), "not decoded on load");
    assert_eq!(s.seen.len(), 3, "what the first screen needs is");
    assert_eq!(s.fingerprints().len(), 10);
    assert!(s.fingerprints.value.get().is_some());
    assert!(
        s.key_event_ids.value.get().is_none(),
        "each part on its own"
    );
    // Changed before ever being read, a part is decoded first, not replaced.
    let mut s = store.load(URL).unwrap();
    s.key_event_ids_mut().insert("new".into());
    assert_eq!(s.key_event_ids().len(), 5);
    assert_eq!(s, {
        let mut want = sample();
        want.key_event_ids_mut().insert("new".into());
        want
    });
}

#[test]
fn a_part_of_the_wrong_shape_is_left_out_with_one_warning_and_the_rest_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    let file = serde_json::json!({
        "liveblog_state": 1, "url": URL,
        "place": {"id": "e1", "line": 2}, "seen": ["e1"],
        "fingerprints": ["not", "a", "map"], "key_event_ids": ["k"],
    });
    fs::write(store.path(URL), file.to_string()).unwrap();
    let s = store.load(URL).unwrap();
    let (n, warnings) = warnings_during(|| s.fingerprints().len());
    assert_eq!(n, 0);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("fingerprints"), "{warnings:?}");
    let (n, warnings) = warnings_during(|| s.fingerprints().len());
    assert_eq!((n, warnings.len()), (0, 0), "said once");
    assert_eq!(s.place.as_ref().map(|p| p.line), Some(2));
    assert!(s.key_event_ids().contains("k"));
    // The next save writes what could be read.
    store.save(URL, &s).unwrap();
    let back = store.load(URL).unwrap();
    assert!(back.fingerprints().is_empty());
    assert!(back.key_event_ids().contains("k"));
}

#[test]
fn no_file_is_a_first_visit_without_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path().join("none"));
    let (got, warnings) = warnings_during(|| store.load(URL));
    assert_eq!(got, Ok(ReadState::default()));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn unusable_files_are_a_first_visit_with_one_warning_and_are_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    store.save(URL, &sample()).unwrap();
    let whole = fs::read(store.path(URL)).unwrap();
    let other_url = String::from_utf8(whole.clone())
        .unwrap()
        .replace(URL, "https://example.com/other");
    let old_version = br#"{"liveblog_state": 0, "url": "https://example.com/live", "pos": 3}"#;
    let bad: [&[u8]; 5] = [
        b"",
        &whole[..whole.len() - 7],
        b"\xff\xfe garbage",
        old_version,
        other_url.as_bytes(),
    ];
    for bytes in bad {
        fs::write(store.path(URL), bytes).unwrap();
        load_ignored(&store);
        store.save(URL, &sample()).unwrap();
        assert_eq!(store.load(URL).unwrap(), sample());
    }
    fs::write(store.path(URL), old_version).unwrap();
    assert!(load_ignored(&store).contains("(version 0;"));
}

#[test]
fn an_unusable_file_is_said_to_the_reader_and_left_alone_by_a_glance() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    let newer = br#"{"liveblog_state": 99, "url": "https://example.com/live"}"#;
    fs::write(store.path(URL), newer).unwrap();
    // A glance (`liveblog status`) writes nothing: the file stays for the liveblog that can
    // read it, and the glance is told it could not.
    let said = store.peek(URL).unwrap_err().to_string();
    assert!(said.contains("(version 99;"), "{said}");
    assert_eq!(fs::read(store.path(URL)).unwrap(), newer);
    // The reader sets it aside and has a warning to say: the place it held is lost.
    let (state, note) = store.load_noting(URL).unwrap();
    assert_eq!(state, ReadState::default());
    let note = note.expect("a warning for the reader");
    let said = note.to_string();
    assert!(
        said.contains("(version 99;") && said.contains("set aside as"),
        "{said}"
    );
    assert!(!store.path(URL).exists());
    // In the status bar: the reason first, where the file went as a part of its own after it
    // (cut first when the bar is narrow).
    let bar = note.said_after("Your place was lost");
    assert!(bar.starts_with("Your place was lost: "), "{bar}");
    let (reason, aside) = bar.rsplit_once(" · ").unwrap();
    assert!(
        reason.contains("(version 99;") && !reason.contains("set aside"),
        "{bar}"
    );
    assert!(
        aside.starts_with("set aside as ") && aside.contains(".corrupt-"),
        "{bar}"
    );
}

#[test]
fn ids_from_the_file_are_cleaned_as_entry_ids_are_and_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    let many: Vec<String> = (0..IDS_MAX + 50).map(|i| format!("id{i}")).collect();
    let file = serde_json::json!({
        "liveblog_state": 1, "url": URL,
        "place": {"id": "\u{1b}[2Je1\u{202E}", "line": 2},
        "seen": many, "key_event_ids": ["\u{9b}k"], "fingerprints": {"a\u{7}": 5},
    });
    fs::write(store.path(URL), file.to_string()).unwrap();
    let s = store.load(URL).unwrap();
    assert_eq!(s.place.as_ref().unwrap().id, "[2Je1");
    assert_eq!(s.seen.len(), IDS_MAX);
    assert!(s.key_event_ids().contains("k"));
    // Version 1's fingerprints were made another way: the entry was seen, no more.
    assert_eq!(s.fingerprints().get("a"), Some(&FROM_RENDERING));
}

#[test]
fn a_state_that_cannot_be_written_is_an_error_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("file"), b"x").unwrap();
    let store = StateStore::new(tmp.path().join("file/read"));
    assert!(store.save(URL, &sample()).is_err());
    assert!(
        store.load(URL).is_err(),
        "not a directory: cannot be read either"
    );
}

#[test]
fn fingerprints_are_stable_and_follow_what_an_entry_says() {
    let e = Entry {
        id: "x".into(),
        title: Some("Title".into()),
        published: Stamp::parse("2025-02-17T17:00:00Z"),
        body: vec![Block::text("Hello")],
        ..Entry::default()
    };
    // Pinned: a change here means every stored state reads as "all edited".
    assert_eq!(
        fingerprint(&e),
        0xc41d_b613_2527_572a,
        "{:#x}",
        fingerprint(&e)
    );
    let flags = Entry {
        key_event: true,
        pinned: true,
        summary: true,
        ..e.clone()
    };
    assert_eq!(fingerprint(&flags), fingerprint(&e));
    let edited = Entry {
        body: vec![Block::text("Hello, world")],
        ..e.clone()
    };
    assert_ne!(fingerprint(&edited), fingerprint(&e));
    let retitled = Entry {
        title: Some("Other".into()),
        ..e.clone()
    };
    assert_ne!(fingerprint(&retitled), fingerprint(&e));
    // Its times are when it was said, not what: another offset, another instant, a time
    // given where there was none, a save that changed nothing else.
    for times in [
        (Stamp::parse("2025-02-17T18:00:00+01:00"), None, None),
        (Stamp::parse("2025-02-17T18:00:00Z"), None, None),
        (None, None, None),
        (e.published, Stamp::parse("2025-02-17T17:30:00Z"), None),
        (None, None, Some("17:00".to_string())),
    ] {
        let (published, updated, time_as_written) = times.clone();
        let timed = Entry {
            published,
            updated,
            time_as_written,
            ..e.clone()
        };
        assert_eq!(fingerprint(&timed), fingerprint(&e), "{times:?}");
    }
}

#[test]
fn a_look_keeps_fingerprints_of_entries_not_loaded_this_time() {
    let mut s = ReadState::default();
    s.record_look(&blog("T", 10), at("2025-02-17T12:00:00Z"));
    let mut first_page = blog("T", 10);
    first_page.entries.truncate(3);
    s.record_look(&first_page, at("2025-02-17T13:00:00Z"));
    assert_eq!(s.fingerprints().len(), 10);
    assert_eq!(s.last_looked, Some(at("2025-02-17T13:00:00Z")));
}

#[test]
fn over_the_bound_ids_of_entries_no_longer_in_the_blog_go() {
    let mut s = ReadState::default();
    s.mark_seen(
        (0..IDS_MAX + 5)
            .map(|i| format!("gone{i}"))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    s.mark_seen(["e1", "e2"]);
    for i in 0..=IDS_MAX {
        s.fingerprints_mut().insert(format!("gone{i}"), 1);
        s.key_event_ids_mut().insert(format!("gone{i}"));
    }
    s.record_look(&blog("T", 5), at("2025-02-17T12:00:00Z"));
    let mut seen: Vec<&str> = s.seen.iter().collect();
    seen.sort_unstable();
    assert_eq!(seen, ["e1", "e2"]);
    assert_eq!(s.fingerprints().len(), 5);
    assert_eq!(s.key_event_ids().len(), 2, "e0 and e3");
    // Under the bound nothing is dropped, gone or not.
    s.mark_seen(["gone1"]);
    s.record_look(&blog("T", 5), at("2025-02-17T12:00:00Z"));
    assert!(s.seen.contains("gone1"));
}

/// Entries of every shape a line of liveblog JSON writes differently: the bundled blog's, and
/// hand-made ones with times in an offset, a time as written, flags, links, quotes and images.
fn varied_entries() -> Vec<crate::blog::Entry> {
    let mut entries = crate::formats::parse(crate::source::BUNDLED.as_bytes())
        .unwrap()
        .entries;
    let offset = Stamp::parse("2025-02-17T13:05:00+01:00").unwrap();
    entries.push(crate::blog::Entry {
        id: "x\"y".into(),
        title: Some("Quote \\ and \u{e9}".into()),
        published: Some(offset),
        updated: Some(offset),
        time_as_written: Some("1h ago".into()),
        authors: vec!["A".into(), "B".into()],
        key_event: true,
        pinned: true,
        summary: true,
        body: vec![
            Block::Paragraph {
                runs: vec![crate::blog::Inline {
                    text: "linked".into(),
                    bold: true,
                    italic: true,
                    strike: false,
                    link: Some("https://example.com/a?b=c".into()),
                }],
            },
            Block::Quote {
                paragraphs: vec![vec![crate::blog::Inline::plain("said")]],
                attribution: Some("someone".into()),
                level: 0,
            },
            Block::Image(Box::new(Image {
                url: None,
                caption: "cap".into(),
                alt: String::new(),
                credit: "credit".into(),
            })),
        ],
        ..crate::blog::Entry::default()
    });
    entries
}

/// The varied entries' richest, with a block of every kind: a paragraph of one run, a quote,
/// an image, a list, an embed, code and a heading, in that order.
fn entry_of_every_block() -> crate::blog::Entry {
    use crate::blog::{Embed, Inline};
    let Some(mut e) = varied_entries().pop() else {
        panic!("the varied entry")
    };
    e.body.extend([
        Block::list(
            false,
            vec![vec![Inline::plain("one")], vec![Inline::plain("two")]],
        ),
        Block::Embed(Box::new(Embed {
            kind: "tweet".into(),
            title: "a post".into(),
            url: Some("https://example.com/p".into()),
        })),
        Block::Code {
            text: "x = 1".into(),
        },
        Block::Heading {
            runs: vec![Inline::plain("Heading")],
        },
    ]);
    e
}

fn first_run(e: &mut crate::blog::Entry) -> &mut crate::blog::Inline {
    let Block::Paragraph { runs } = &mut e.body[0] else {
        panic!("a paragraph first")
    };
    &mut runs[0]
}

fn image_of(e: &mut crate::blog::Entry) -> &mut Image {
    let Block::Image(image) = &mut e.body[2] else {
        panic!("an image third")
    };
    image
}

fn embed_of(e: &mut crate::blog::Entry) -> &mut crate::blog::Embed {
    let Block::Embed(embed) = &mut e.body[4] else {
        panic!("an embed fifth")
    };
    embed
}

/// An edit of an entry, in place.
type Edit = fn(&mut crate::blog::Entry);

/// Edits of every part of [`entry_of_every_block`] that a reader would see.
fn edits_of_every_part() -> Vec<(&'static str, Edit)> {
    use crate::blog::Inline;
    vec![
        ("title", |e| e.title = None),
        ("an author", |e| e.authors[1] = "C".into()),
        ("authors run together", |e| e.authors = vec!["AB".into()]),
        ("a run's text", |e| first_run(e).text.push('!')),
        ("bold", |e| first_run(e).bold = false),
        ("italic", |e| first_run(e).italic = false),
        ("struck through", |e| first_run(e).strike = true),
        ("struck through, not bold", |e| {
            first_run(e).strike = true;
            first_run(e).bold = false;
        }),
        ("a link", |e| first_run(e).link = None),
        ("a run split in two", |e| {
            let second = Inline {
                text: "ed".into(),
                ..first_run(e).clone()
            };
            first_run(e).text = "link".into();
            if let Block::Paragraph { runs } = &mut e.body[0] {
                runs.push(second);
            }
        }),
        ("an attribution", |e| {
            if let Block::Quote { attribution, .. } = &mut e.body[1] {
                *attribution = None;
            }
        }),
        ("a quote's level", |e| {
            if let Block::Quote { level, .. } = &mut e.body[1] {
                *level = 1;
            }
        }),
        ("an image's address", |e| image_of(e).url = Some("u".into())),
        ("a caption", |e| image_of(e).caption.clear()),
        ("alt text", |e| image_of(e).alt = "alt".into()),
        ("a credit", |e| image_of(e).credit.clear()),
        ("a list's kind", |e| {
            if let Block::List { ordered, .. } = &mut e.body[3] {
                *ordered = true;
            }
        }),
        ("a list's items", |e| {
            if let Block::List { items, .. } = &mut e.body[3] {
                items.swap(0, 1);
            }
        }),
        ("a list's first number", |e| {
            if let Block::List { start, .. } = &mut e.body[3] {
                *start = 3;
            }
        }),
        ("a list's numerals", |e| {
            if let Block::List { numerals, .. } = &mut e.body[3] {
                *numerals = crate::blog::Numerals::LowerRoman;
            }
        }),
        ("a list numbered down", |e| {
            if let Block::List { reversed, .. } = &mut e.body[3] {
                *reversed = true;
            }
        }),
        ("a list nested", |e| {
            if let Block::List { level, .. } = &mut e.body[3] {
                *level = 1;
            }
        }),
        ("an embed's kind", |e| embed_of(e).kind = "video".into()),
        ("an embed's title", |e| embed_of(e).title.clear()),
        ("an embed's address", |e| embed_of(e).url = None),
        ("code", |e| {
            e.body[5] = Block::Code {
                text: "x = 2".into(),
            };
        }),
        ("a heading made a paragraph", |e| {
            e.body[6] = Block::Paragraph {
                runs: vec![Inline::plain("Heading")],
            };
        }),
        ("a rule added", |e| e.body.push(Block::Rule)),
        ("a table added", |e| {
            e.body.push(Block::Table(Box::default()));
        }),
        ("blocks reordered", |e| e.body.swap(0, 1)),
    ]
}

/// Pinned for an entry of every kind of block and a run in every style but struck through: what
/// a newer reader can carry leaves the entries that do not use it as they were fingerprinted.
#[test]
fn an_entry_of_every_block_keeps_its_fingerprint() {
    let print = fingerprint(&entry_of_every_block());
    assert_eq!(print, 0xa762_1951_91ad_3ccd, "{print:#x}");
}

#[test]
fn a_fingerprint_follows_every_part_of_what_an_entry_says_and_nothing_else() {
    let base = entry_of_every_block();
    let print = fingerprint(&base);
    for (what, edit) in edits_of_every_part() {
        let mut e = base.clone();
        edit(&mut e);
        assert_ne!(fingerprint(&e), print, "{what}");
    }
    // What is not what it says: its id, flags, times, and where it was read from.
    let same = crate::blog::Entry {
        id: "other".into(),
        key_event: false,
        pinned: false,
        summary: false,
        published: None,
        updated: None,
        time_as_written: None,
        read_from: crate::blog::ReadFrom::Rendering,
        ..base
    };
    assert_eq!(fingerprint(&same), print);
}

#[test]
fn files_of_versions_2_and_3_say_their_entries_were_seen_and_not_that_they_were_edited() {
    for version in [2, 3] {
        an_earlier_file_says_its_entries_were_seen_and_not_that_they_were_edited(version);
    }
}

fn an_earlier_file_says_its_entries_were_seen_and_not_that_they_were_edited(version: u32) {
    use crate::blog::{Entry, LiveBlog};
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(tmp.path());
    let entry = |id: &str, text: &str| Entry {
        id: id.into(),
        body: vec![Block::text(text)],
        ..Entry::default()
    };
    // The file kept e1 and e2 with fingerprints made another way; e2 has been edited since
    // (or not: it cannot be told), and e3 is new.
    let file = serde_json::json!({
        "liveblog_state": version, "url": URL, "last_looked": "2025-02-17T12:05:00Z",
        "seen": "e1 e2 ", "fingerprints": "0123456789abcdefe1 0123456789abcdefe2 ",
        "key_event_ids": "",
    });
    fs::write(store.path(URL), file.to_string()).unwrap();
    let state = store.load(URL).unwrap();
    let now = LiveBlog {
        entries: vec![
            entry("e3", "new"),
            entry("e2", "edited"),
            entry("e1", "as it was"),
        ],
        ..LiveBlog::default()
    };
    let c = crate::store::catch_up(&state, &now);
    assert_eq!(c.new, ["e3"]);
    assert!(c.edited.is_empty(), "{:?}", c.edited);
    // Looked at again, they are compared from then on.
    let mut state = state;
    state.record_look(&now, jiff::Timestamp::now());
    let mut later = now.clone();
    later.entries[1].body = vec![Block::text("edited again")];
    assert_eq!(crate::store::catch_up(&state, &later).edited, ["e2"]);
}

#[test]
fn an_entrys_line_is_its_document_entry_written_out() {
    for e in varied_entries() {
        assert_eq!(
            crate::formats::native::entry_to_json_line(&e),
            serde_json::to_string(&crate::formats::native::entry_doc(&e)).unwrap()
        );
    }
}

#[test]
fn the_lock_of_a_pruned_state_goes_with_it() {
    let tmp = tempfile::tempdir().unwrap();
    let limits = Limits {
        files: 2,
        bytes: u64::MAX,
    };
    let store = StateStore::with_limits(tmp.path(), limits);
    let urls = ["https://a.example/live", "https://b.example/live"];
    for url in urls {
        drop(store.hold(url));
        store.save(url, &sample()).unwrap();
    }
    // The first saved is the least recently saved, whatever the clock's resolution.
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    let first = fs::File::options()
        .write(true)
        .open(store.path(urls[0]))
        .unwrap();
    first.set_modified(old).unwrap();
    let lock = |url| store.path(url).with_extension("lock");
    assert!(lock(urls[0]).exists() && lock(urls[1]).exists());
    let third = "https://c.example/live";
    let held = store.hold(third);
    store.save(third, &sample()).unwrap();
    assert!(!store.path(urls[0]).exists(), "pruned");
    assert!(!lock(urls[0]).exists(), "and its lock with it");
    assert!(lock(urls[1]).exists() && lock(third).exists());
    assert!(held.keeps());
    assert!(matches!(store.hold(third), Hold::Busy(_)), "still held");
}

#[test]
fn what_edited_entries_said_is_taken_from_the_copy_the_reader_last_saw_and_bounded() {
    use crate::blog::{Entry, LiveBlog};
    let entry = |id: &str, text: &str| Entry {
        id: id.into(),
        title: Some(format!("Title {id}")),
        body: vec![Block::text(text)],
        ..Entry::default()
    };
    let old = LiveBlog {
        entries: vec![entry("a", "a then"), entry("b", "b then")],
        ..LiveBlog::default()
    };
    // "a" was already edited once since the reader's copy: what the reader saw stays.
    let kept: BTreeMap<String, String> = [("a".to_string(), "a as the reader saw it".to_string())]
        .into_iter()
        .collect();
    let got = super::previous_since(kept, &old, &["a".into(), "b".into(), "gone".into()]);
    assert_eq!(got["a"], "a as the reader saw it");
    assert_eq!(got["b"], "Title b\n\nb then");
    assert_eq!(got.len(), 2);
    // Never more than the read state keeps.
    let many = LiveBlog {
        entries: (0..PREVIOUS_MAX + 5)
            .map(|i| entry(&format!("e{i}"), "text"))
            .collect(),
        ..LiveBlog::default()
    };
    let ids: Vec<String> = many.entries.iter().map(|e| e.id.clone()).collect();
    assert_eq!(
        super::previous_since(BTreeMap::new(), &many, &ids).len(),
        PREVIOUS_MAX
    );
}

/// A table's every part is what it says: its cells, where the rows break, its header and what
/// it left out.
#[test]
fn a_fingerprint_follows_every_part_of_a_table() {
    use crate::blog::{Inline, Table};
    type TableEdit = (&'static str, fn(&mut Table));
    fn cell(t: &str) -> Vec<Inline> {
        vec![Inline::plain(t)]
    }
    let entry = |t: Table| crate::blog::Entry {
        body: vec![Block::Table(Box::new(t))],
        ..crate::blog::Entry::default()
    };
    let base = Table {
        rows: vec![vec![cell("a"), cell("b")], vec![cell("c")]],
        ..Table::default()
    };
    let print = fingerprint(&entry(base.clone()));
    let edits: [TableEdit; 5] = [
        ("a cell", |t| t.rows[1][0] = cell("d")),
        ("rows broken elsewhere", |t| {
            t.rows = vec![vec![cell("a")], vec![cell("b"), cell("c")]];
        }),
        ("a header", |t| t.header = true),
        ("columns left out", |t| t.more_columns = 1),
        ("rows left out", |t| t.more_rows = 1),
    ];
    for (what, edit) in edits {
        let mut t = base.clone();
        edit(&mut t);
        assert_ne!(fingerprint(&entry(t)), print, "{what}");
    }
}
