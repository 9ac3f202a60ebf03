use super::*;
use serde_json::Value;

const BETWEEN: &[u8] = include_bytes!(
    "../../../tests/fixtures/wordpress-liveblog/wp-liveblog-entries-between-timestamps.json"
);
const PAGED: &[u8] =
    include_bytes!("../../../tests/fixtures/wordpress-liveblog/wp-liveblog-get-entries-paged.json");
const KEY_EVENTS: &[u8] =
    include_bytes!("../../../tests/fixtures/wordpress-liveblog/wp-liveblog-get-key-events.json");
const APPLY: &[u8] = include_bytes!(
    "../../../tests/fixtures/wordpress-liveblog/wp-liveblog-apply-update-testdata.json"
);

fn ids(blog: &LiveBlog) -> Vec<&str> {
    blog.entries.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn changes_to_apply_are_cleaned_as_whole_documents_are() {
    let answer = serde_json::json!({
        "entries": [{
            "id": "7\u{1b}[2J",
            "type": "new",
            "render": "<p>Live \u{1b}]52;c;aGk=\u{7}text [[nid:123]] here</p>",
            "timestamp": 1_511_882_674,
            "authors": [{"name": "Ann\u{1b}[31m"}],
            "key_event": true,
            "key_event_content": "<p>Big \u{202e}news</p>"
        }],
        "latest_timestamp": 1_511_882_674
    })
    .to_string();
    let changes = parse_changes(answer.as_bytes()).unwrap();
    let it = &changes.items[0];
    let text = it.entry.plain_text();
    assert!(text.starts_with("Live "), "{text:?}");
    assert!(!text.contains("[[nid:123]]"), "a CMS token stays: {text:?}");
    let all = format!(
        "{text}{}{}{:?}",
        it.entry.id,
        it.entry.authors.concat(),
        it.key_event_title
    );
    assert!(
        !all.chars().any(|c| c.is_control() || c == '\u{202e}'),
        "{all:?}"
    );
    assert_eq!(it.key_event_title.as_deref(), Some("Big news"));
}

#[test]
fn an_entries_between_answer_gives_its_entry_its_latest_timestamp_and_interval() {
    let a = parse_answer(BETWEEN).unwrap();
    assert_eq!(a.latest_timestamp, Some(1_511_882_674));
    assert_eq!(a.refresh_interval, Some(10));
    assert_eq!(a.pages, Some(4));
    assert_eq!(a.items.len(), 1);
    let it = &a.items[0];
    assert_eq!(it.kind, Kind::New);
    assert_eq!(it.entry.id, "3250");
    assert_eq!(it.entry.plain_text(), "test");
    assert_eq!(it.entry.authors, ["bb_admin"]);
    assert_eq!(
        it.entry.published.unwrap().instant().as_second(),
        1_511_882_674
    );
    assert_eq!(it.entry.updated, None);
    assert!(!it.entry.key_event);
}

#[test]
fn a_page_of_get_entries_is_five_entries_and_points_to_the_next_page() {
    let (blog, format) = crate::formats::parse_with_format(PAGED).unwrap();
    assert_eq!(format, Format::WordPress);
    assert_eq!(ids(&blog), ["2977", "2976", "2975", "2974", "2973"]);
    assert_eq!(blog.older.as_deref(), Some("2/2973-1511873011"));
    assert!(
        blog.entries
            .iter()
            .all(|e| e.plain_text() == "This is some test content")
    );
}

#[test]
fn a_key_event_is_named_by_its_key_event_content_without_the_command() {
    let (blog, format) = crate::formats::parse_with_format(KEY_EVENTS).unwrap();
    assert_eq!(format, Format::WordPress);
    assert_eq!(ids(&blog), ["3251"]);
    assert!(blog.entries[0].key_event);
    assert_eq!(blog.entries[0].plain_text(), "This is a test Key Event");
    assert_eq!(blog.key_events.len(), 1);
    assert_eq!(blog.key_events[0].title, "This is a test Key Event");
    assert_eq!(blog.key_events[0].entry_id.as_deref(), Some("3251"));
}

/// The plugin's own test of its merge: current 1, 2, 3; then a new 4, an update of 3
/// and a delete of 2 give 4, 1, 3 (updated).
#[test]
fn new_update_and_delete_apply_as_the_plugins_own_test_expects() {
    let data: Value = serde_json::from_slice(APPLY).unwrap();
    let as_items = |v: &Value| -> Vec<Item> {
        let list: Vec<Value> = match v {
            Value::Object(m) => m.values().cloned().collect(),
            Value::Array(a) => a.clone(),
            _ => panic!("not entries"),
        };
        list.iter()
            .map(|e| {
                item(&crate::formats::json::from_slice(e.to_string().as_bytes()).unwrap()).unwrap()
            })
            .collect()
    };
    // currentEntries are in the order the page shows them; applying them to an empty blog
    // one by one (newest first in an answer) would reverse them, so build the blog as is.
    let mut blog = LiveBlog {
        entries: as_items(&data["currentEntries"])
            .into_iter()
            .map(|i| i.entry)
            .collect(),
        ..LiveBlog::default()
    };
    let news = as_items(&data["newEntries"]);
    let mut polled = blog.clone();
    apply(&mut blog, news.clone());
    // (The expected objects are keyed `id_<n>`; their order is not the point, their
    // contents are.)
    let expected: Vec<Item> = as_items(&data["expectedEntries"]);
    assert_eq!(ids(&blog), ["4", "1", "3"]);
    assert_eq!(expected.len(), blog.entries.len());
    for want in &expected {
        let got = &blog.entries[blog.position(&want.entry.id).unwrap()];
        assert_eq!(got.plain_text(), want.entry.plain_text());
    }
    // While new entries wait (the plugin's polling case), updates and deletes still apply.
    let without_new: Vec<Item> = news.into_iter().filter(|i| i.kind != Kind::New).collect();
    apply(&mut polled, without_new);
    let expected: Vec<Item> = as_items(&data["expectedEntriesPolling"]);
    assert_eq!(ids(&polled), ["1", "3"]);
    for want in &expected {
        let got = &polled.entries[polled.position(&want.entry.id).unwrap()];
        assert_eq!(got.plain_text(), want.entry.plain_text());
    }
    assert_eq!(polled.entries[1].plain_text(), "updated");
}

#[test]
fn an_update_of_an_entry_not_loaded_changes_nothing_and_a_delete_drops_its_key_event() {
    let mut blog = parse(KEY_EVENTS).unwrap();
    let answer = parse_answer(
        br#"{"entries":[{"id":"9","type":"update","content":"x","timestamp":5},
            {"id":"3251","type":"delete","content":"","timestamp":6}],
            "latest_timestamp":6}"#,
    )
    .unwrap();
    apply(&mut blog, answer.items);
    assert!(blog.entries.is_empty());
    assert!(blog.key_events.is_empty());
}

#[test]
fn a_leading_heading_is_the_title() {
    let a = parse_answer(
        br#"[{"id":1,"type":"update","content":"<h2>Goal!</h2><p>Kane scores.</p>","entry_time":100,"timestamp":160},
            {"id":2,"type":"new","content":"<p>Kick-off.</p>","entry_time":90,"timestamp":95}]"#,
    )
    .unwrap();
    let e = &a.items[0].entry;
    assert_eq!(e.title.as_deref(), Some("Goal!"));
    assert_eq!(e.plain_text(), "Kane scores.");
    assert_eq!(e.published.unwrap().instant().as_second(), 100);
    assert_eq!(e.updated.unwrap().instant().as_second(), 160);
    // A new entry's timestamp says when it was posted, not that it was changed.
    let new = &a.items[1].entry;
    assert_eq!(new.title, None);
    assert_eq!(new.published.unwrap().instant().as_second(), 90);
    assert_eq!(new.updated, None);
}

#[test]
fn only_the_plugins_shapes_are_sniffed_as_its_answers() {
    for doc in [BETWEEN, PAGED, KEY_EVENTS] {
        assert_eq!(crate::formats::sniff(doc).unwrap(), Format::WordPress);
    }
    // Words that other JSON may well contain are not enough.
    assert_ne!(
        crate::formats::sniff(br#"{"entries":[{"id":1}],"pages":2,"blocks":[]}"#).unwrap(),
        Format::WordPress
    );
    assert_ne!(
        crate::formats::sniff(br#"[{"@type":"LiveBlogPosting","key_event":1}]"#).unwrap(),
        Format::WordPress
    );
}

#[test]
fn wrong_shapes_are_typed_errors() {
    assert_eq!(
        parse_answer(br#"{"page":1}"#).unwrap_err(),
        WordPressError::NoEntries
    );
    assert!(matches!(
        parse_answer(br#"{"entries":[{"type":"new"}]}"#),
        Err(WordPressError::BadEntry { index: 0, .. })
    ));
    assert!(matches!(
        parse_answer(br#"{"entries":[{"id":1,"type":"move"}]}"#),
        Err(WordPressError::BadEntry { .. })
    ));
    assert!(matches!(
        parse_answer(b"<html>"),
        Err(WordPressError::NotJson(_))
    ));
    assert!(matches!(
        parse(br#"{"page":1}"#),
        Err(FormatError::NotALiveBlog(_))
    ));
    assert!(parse_answer("[".repeat(100_000).as_bytes()).is_err());
}

/// The merge as the plugin's front end writes it: each change looks for its entry from the
/// top, and a new entry is put in front of all the others but those written after it. The
/// reference for [`apply`].
fn apply_by_search(blog: &mut LiveBlog, items: &[Item]) {
    let mut order: Vec<&Item> = items.iter().rev().collect();
    if order.iter().all(|i| i.timestamp.is_some()) {
        order.sort_by_key(|i| i.timestamp);
    }
    for it in order {
        let at = blog.entries.iter().position(|e| e.id == it.entry.id);
        match (it.kind, at) {
            (Kind::New, None) => {
                let written = it.entry.published.map(|p| p.instant());
                let at = blog
                    .entries
                    .iter()
                    .take_while(|e| {
                        written.is_some_and(|w| e.published.is_some_and(|p| p.instant() > w))
                    })
                    .count();
                blog.entries.insert(at, it.entry.clone());
            }
            (Kind::New | Kind::Update, Some(i)) => {
                let mut e = it.entry.clone();
                e.published = e.published.or(blog.entries[i].published);
                blog.entries[i] = e;
            }
            (Kind::Update | Kind::Delete, None) => {}
            (Kind::Delete, Some(i)) => {
                blog.entries.remove(i);
            }
        }
        blog.key_events
            .retain(|k| k.entry_id.as_deref() != Some(&it.entry.id));
        if it.kind != Kind::Delete && it.entry.key_event {
            blog.key_events.push(key_event(it));
        }
    }
    blog.key_events
        .sort_by_key(|k| std::cmp::Reverse(k.published.map(|p| p.instant())));
}

/// A page of `get-entries` lists its entries by when each last changed: an older entry edited
/// after a newer one was written still goes below it, by when it was written.
#[test]
fn an_older_entry_changed_later_goes_where_its_time_puts_it() {
    let stamp = |s: i64| jiff::Timestamp::from_second(s).ok().map(Stamp::utc);
    let new = |id: &str, written: i64, changed: i64| Item {
        kind: Kind::New,
        entry: Entry {
            id: id.into(),
            published: stamp(written),
            ..Entry::default()
        },
        timestamp: Some(changed),
        key_event_title: None,
    };
    let mut blog = LiveBlog::default();
    // Newest first, as the page lists them; e5 was written first and changed last.
    apply(
        &mut blog,
        vec![
            new("e9", 900, 900),
            new("e7", 700, 700),
            new("e5", 500, 950),
        ],
    );
    assert_eq!(ids(&blog), ["e9", "e7", "e5"]);
    // A live entry, written after all, still goes on top.
    apply(&mut blog, vec![new("e10", 1000, 1000)]);
    assert_eq!(ids(&blog), ["e10", "e9", "e7", "e5"]);
}

/// A made-up change among a few ids, so that changes meet: new, update and delete of entries
/// there and not there, key events made and unmade, times missing, equal or out of order.
fn random_item(rng: &mut fastrand::Rng, n: usize) -> Item {
    let id = rng.usize(..8).to_string();
    let stamp = |s: i64| jiff::Timestamp::from_second(s).ok().map(Stamp::utc);
    let key_event = rng.bool();
    Item {
        kind: [Kind::New, Kind::Update, Kind::Delete][rng.usize(..3)],
        entry: Entry {
            id,
            title: Some(format!("change {n}")),
            published: (rng.u8(..4) > 0)
                .then(|| stamp(rng.i64(100..110)))
                .flatten(),
            key_event,
            ..Entry::default()
        },
        timestamp: (rng.u8(..8) > 0).then(|| rng.i64(0..20)),
        key_event_title: key_event.then(|| format!("key {n}")),
    }
}

/// The merge by map gives what the merge by search gives, on blogs with twins, key events
/// of no entry, and answers in any order.
#[test]
fn the_merge_by_map_is_the_merge_by_search() {
    let mut rng = fastrand::Rng::with_seed(12);
    for round in 0..3000 {
        let start: Vec<Item> = (0..rng.usize(..6))
            .map(|n| random_item(&mut rng, n))
            .collect();
        let mut blog = LiveBlog {
            entries: start.iter().map(|i| i.entry.clone()).collect(),
            key_events: start
                .iter()
                .filter(|i| i.entry.key_event)
                .map(|i| KeyEvent {
                    entry_id: (rng.u8(..4) != 0).then(|| i.entry.id.clone()),
                    ..key_event(i)
                })
                .collect(),
            ..LiveBlog::default()
        };
        let mut by_search = blog.clone();
        for _ in 0..3 {
            let items: Vec<Item> = (0..rng.usize(..10))
                .map(|n| random_item(&mut rng, 100 + n))
                .collect();
            apply(&mut blog, items.clone());
            apply_by_search(&mut by_search, &items);
            assert_eq!(blog, by_search, "round {round}: {items:#?}");
        }
    }
}

/// A JSON value for a field, of any type the plugin's fields were ever seen to take or not.
fn random_value(rng: &mut fastrand::Rng) -> String {
    let strings = [
        "\"3250\"",
        "\"  \"",
        "\" 7 \"",
        "\"new\"",
        "\"update\"",
        "\"delete\"",
        "\"move\"",
        "\"1\"",
        "\"true\"",
        "\"1511882674\"",
        "\"<h2>Goal!<\\/h2><p>Kane \\u00e9 scores.</p>\"",
        "\"<p>Live <span class=\\\"liveblog-command type-key\\\">key</span>text</p>\"",
        "\"<a href=\\\"/x\\\">Ann</a>\"",
        "\"\"",
    ];
    match rng.u8(..10) {
        0..=3 => strings[rng.usize(..strings.len())].to_string(),
        4 => [
            "0",
            "1",
            "-5",
            "1511882674",
            "18446744073709551615",
            "1.5",
            "1e3",
            "2",
        ][rng.usize(..8)]
        .to_string(),
        5 => ["true", "false", "null"][rng.usize(..3)].to_string(),
        6 => "[1, {\"name\": \"x\"}, [\"y\"]]".to_string(),
        7 => "{\"name\": \"Bea\", \"nested\": {\"deep\": [1, 2, {}]}}".to_string(),
        _ => format!("\"{}\"", rng.u32(..100_000)),
    }
}

/// `authors` as the plugin writes it, or not.
fn random_authors(rng: &mut fastrand::Rng) -> String {
    if rng.u8(..4) == 0 {
        return random_value(rng);
    }
    let one = |rng: &mut fastrand::Rng| match rng.u8(..4) {
        0 => random_value(rng),
        1 => format!("{{\"name\": {}, \"name\": \"Last\"}}", random_value(rng)),
        _ => format!("{{\"id\": 3, \"name\": {}}}", random_value(rng)),
    };
    let all: Vec<String> = (0..rng.usize(..3)).map(|_| one(rng)).collect();
    format!("[{}]", all.join(", "))
}

/// An entry with a random choice of the fields read, twin keys and others beside them.
fn random_entry(rng: &mut fastrand::Rng) -> String {
    if rng.u8(..12) == 0 {
        return random_value(rng);
    }
    let keys = [
        "id",
        "type",
        "render",
        "content",
        "timestamp",
        "entry_time",
        "key_event",
        "key_event_content",
        "author_link",
        "authors",
        "css_classes",
        "i\\u0064",
    ];
    let mut fields = Vec::new();
    if rng.u8(..8) > 0 {
        fields.push(format!(
            "\"id\": {}",
            ["\"12\"", "7", "\" a \""][rng.usize(..3)]
        ));
    }
    for _ in 0..rng.usize(..9) {
        let k = keys[rng.usize(..keys.len())];
        let v = if k == "authors" {
            random_authors(rng)
        } else {
            random_value(rng)
        };
        fields.push(format!("\"{k}\": {v}"));
    }
    format!("{{{}}}", fields.join(", "))
}

/// A whole answer: a list, an object with entries of any type, or neither; now and then with
/// a byte-order mark, or cut short.
fn random_answer(rng: &mut fastrand::Rng) -> String {
    let entries: Vec<String> = (0..rng.usize(..5)).map(|_| random_entry(rng)).collect();
    let list = format!("[{}]", entries.join(", "));
    let mut doc = match rng.u8(..6) {
        0 => list,
        1 => random_value(rng),
        _ => {
            let mut fields = vec![format!(
                "\"entries\": {}",
                if rng.u8(..8) == 0 {
                    random_value(rng)
                } else {
                    list
                }
            )];
            for k in ["latest_timestamp", "refresh_interval", "page", "pages", "x"] {
                if rng.bool() {
                    fields.push(format!("\"{k}\": {}", random_value(rng)));
                }
            }
            if rng.u8(..8) == 0 {
                fields.push("\"entries\": [{\"id\": 1}]".into());
            }
            fastrand::Rng::with_seed(rng.u64(..)).shuffle(&mut fields);
            format!("{{{}}}", fields.join(", "))
        }
    };
    if rng.u8(..20) == 0 {
        doc.insert(0, '\u{feff}');
    }
    if rng.u8(..20) == 0 {
        let mut at = rng.usize(..=doc.len());
        while !doc.is_char_boundary(at) {
            at -= 1;
        }
        doc.truncate(at);
    }
    doc
}

/// The one-pass reading gives what the reading through a whole `Value` gave: the same answer,
/// or the same error (the same entry and problem for a bad entry; a document that is not JSON
/// may be described in other words).
fn same_reading(doc: &[u8]) {
    let (got, want) = (parse_answer(doc), by_tree::parse_answer_by_tree(doc));
    match (&got, &want) {
        (Err(WordPressError::NotJson(_)), Err(WordPressError::NotJson(_))) => {}
        _ => assert_eq!(got, want, "{}", String::from_utf8_lossy(doc)),
    }
}

#[test]
fn the_one_pass_reading_is_the_reading_through_a_tree() {
    for doc in [BETWEEN, PAGED, KEY_EVENTS, APPLY] {
        same_reading(doc);
    }
    let mut rng = fastrand::Rng::with_seed(7);
    // How often each outcome came: the documents made must reach every one of them.
    let mut seen = [0; 4];
    for _ in 0..20_000 {
        let doc = random_answer(&mut rng);
        same_reading(doc.as_bytes());
        seen[match parse_answer(doc.as_bytes()) {
            Ok(a) if !a.items.is_empty() => 0,
            Ok(_) | Err(WordPressError::NoEntries) => 1,
            Err(WordPressError::BadEntry { .. }) => 2,
            Err(WordPressError::NotJson(_)) => 3,
        }] += 1;
    }
    assert!(seen.iter().all(|&n| n > 500), "{seen:?}");
    // Past the most entries read, a bad entry is not looked at (but the JSON still must be).
    let mut many = vec!["{\"id\": 1}"; MAX_ENTRIES];
    many.push("{\"type\": \"move\"}");
    let doc = format!("[{}]", many.join(","));
    same_reading(doc.as_bytes());
    assert_eq!(
        parse_answer(doc.as_bytes()).unwrap().items.len(),
        MAX_ENTRIES
    );
    same_reading(format!("[{}, nonsense]", many.join(",")).as_bytes());
}

/// A replayed blog's every change, as the replay server writes the plugin's answer: the same
/// either way, and the merge of it the same as the merge by search.
#[test]
fn a_replayed_answer_reads_the_same_either_way() {
    use crate::serve::timeline::{ReplayOptions, Timeline};
    use crate::serve::writers::wordpress::{ApiRoute, answer};
    let blog = crate::formats::parse(crate::source::BUNDLED.as_bytes()).unwrap();
    let mut opts = ReplayOptions::paced(std::time::Duration::from_secs(1));
    opts.initial = 3;
    let snap = Timeline::new(blog, &opts).at(std::time::Duration::from_secs(1_000_000));
    let doc = answer(&snap, ApiRoute::EntriesBetween(0, i64::MAX));
    same_reading(doc.as_bytes());
    let items = parse_answer(doc.as_bytes()).unwrap().items;
    assert!(items.len() > 10, "{}", items.len());
    let (mut a, mut b) = (LiveBlog::default(), LiveBlog::default());
    apply(&mut a, items.clone());
    apply_by_search(&mut b, &items);
    assert_eq!(a, b);
}
