use super::*;
use crate::store::test_support::{blog, warnings_during};
use std::fs;
use std::sync::atomic::{AtomicBool, Ordering};

const URL: &str = "https://example.com/live";

fn validators() -> Validators {
    Validators {
        etag: Some("W/\"abc\"".into()),
        last_modified: Some("Mon, 17 Feb 2025 17:00:00 GMT".into()),
    }
}

fn when() -> Timestamp {
    "2025-02-17T17:00:00Z".parse().unwrap()
}

/// Loads, expecting the file to be ignored with exactly one warning that names it.
fn load_ignored(cache: &BlogCache, url: &str) -> String {
    let (got, warnings) = warnings_during(|| cache.load(url));
    assert_eq!(got, Ok(None));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let file = cache.path(url).to_string_lossy().into_owned();
    assert!(warnings[0].contains(&file), "{warnings:?}");
    warnings.into_iter().next().unwrap_or_default()
}

#[test]
fn a_saved_blog_loads_back_equal_with_its_validators() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let b = blog("Summit", 20);
    cache.save(URL, &b, &validators(), when()).unwrap();
    let got = cache.load(URL).unwrap().unwrap();
    assert_eq!(got.blog, b);
    assert_eq!(got.validators, validators());
    assert_eq!(got.fetched_at, when());
}

#[test]
fn a_copy_keeps_the_format_it_was_read_in_and_a_word_it_does_not_know_is_none() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let b = blog("Summit", 3);
    assert_eq!(cache.load(URL).unwrap(), None);
    cache.save(URL, &b, &validators(), when()).unwrap();
    assert_eq!(cache.load(URL).unwrap().unwrap().format, None);
    for format in Format::ALL {
        cache
            .save_with(
                URL,
                Beside {
                    format: Some(format),
                    ..Beside::default()
                },
                &b,
                &validators(),
                when(),
            )
            .unwrap();
        assert_eq!(cache.load(URL).unwrap().unwrap().format, Some(format));
    }
    // A later build's format, or a word written by hand: the copy is read, its format unknown.
    let path = cache.path(URL);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("\"wordpress\"", "\"\\u001b[31m\"")).unwrap();
    let (got, warnings) = warnings_during(|| cache.load(URL).unwrap().unwrap());
    assert_eq!((got.format, got.blog, warnings.len()), (None, b, 0));
}

#[test]
fn a_page_read_through_its_link_keeps_the_link_and_only_a_web_one() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let b = blog("Summit", 3);
    let link = url::Url::parse("https://example.com/live.json?page=1").unwrap();
    cache
        .save_with(
            URL,
            Beside {
                via: Some(&link),
                ..Beside::default()
            },
            &b,
            &validators(),
            when(),
        )
        .unwrap();
    let got = cache.load(URL).unwrap().unwrap();
    assert_eq!(got.via, Some(link));
    assert_eq!(got.validators, validators());
    // A link that is not to the web, written by hand: the copy is read as the page's own.
    let path = cache.path(URL);
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replace("https://example.com/live.json?page=1", "file:///etc/passwd");
    fs::write(&path, text).unwrap();
    let got = cache.load(URL).unwrap().unwrap();
    assert_eq!((got.via, got.blog), (None, b));
}

#[test]
fn a_cached_blog_compared_with_the_same_blog_fetched_shows_no_edits() {
    // Times with milliseconds survive, so the first fresh copy is not "all edited".
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let b = blog("Summit", 20);
    assert_ne!(
        b.entries[0]
            .published
            .unwrap()
            .instant()
            .subsec_nanosecond(),
        0
    );
    cache.save(URL, &b, &Validators::default(), when()).unwrap();
    let cached = cache.load(URL).unwrap().unwrap().blog;
    assert!(crate::blog::merge::diff(&cached, &b).is_empty());
}

#[test]
fn the_envelope_has_the_documented_fields_and_the_blog_as_liveblog_json() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    cache
        .save(URL, &blog("T", 1), &validators(), when())
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&fs::read(cache.path(URL)).unwrap()).unwrap();
    assert_eq!(v["liveblog_cache"], 1);
    assert_eq!(v["url"], URL);
    assert_eq!(v["fetched_at"], "2025-02-17T17:00:00Z");
    assert_eq!(v["etag"], "W/\"abc\"");
    assert_eq!(v["blog"]["liveblog_format"], 1);
    assert_eq!(v["blog"]["title"], "T");
}

#[test]
fn nothing_cached_is_none_without_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path().join("not-yet"));
    let (got, warnings) = warnings_during(|| cache.load(URL));
    assert_eq!(got, Ok(None));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn corrupt_empty_and_truncated_files_are_ignored_once_and_replaced_by_the_next_save() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    cache
        .save(URL, &blog("T", 5), &validators(), when())
        .unwrap();
    let whole = fs::read(cache.path(URL)).unwrap();
    let bad: [&[u8]; 4] = [
        b"",
        b"\x00\xff\x1b]0;x\x07",
        &whole[..whole.len() / 2],
        b"[]",
    ];
    for bytes in bad {
        fs::write(cache.path(URL), bytes).unwrap();
        load_ignored(&cache, URL);
        // Moved aside, as it was, for whoever wants to look.
        let aside: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".json.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        assert_eq!(fs::read(aside[0].path()).unwrap(), bytes);
        fs::remove_file(aside[0].path()).unwrap();
        assert!(!cache.path(URL).exists());
        cache
            .save(URL, &blog("T", 5), &validators(), when())
            .unwrap();
        assert!(cache.load(URL).unwrap().is_some());
    }
}

#[test]
fn a_file_of_another_version_is_ignored_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    fs::create_dir_all(tmp.path()).unwrap();
    let future = format!(r#"{{"liveblog_cache": 2, "url": "{URL}", "pages": []}}"#);
    fs::write(cache.path(URL), future).unwrap();
    let warning = load_ignored(&cache, URL);
    assert!(warning.contains("(version 2;"), "{warning}");
    // A newer liveblog JSON inside a current envelope is refused too.
    cache
        .save(URL, &blog("T", 1), &validators(), when())
        .unwrap();
    let text = fs::read_to_string(cache.path(URL)).unwrap();
    fs::write(
        cache.path(URL),
        text.replace("\"liveblog_format\": 1", "\"liveblog_format\": 9"),
    )
    .unwrap();
    load_ignored(&cache, URL);
}

#[test]
fn a_file_holding_another_blog_is_ignored() {
    // Two addresses with the same hash: the second must not be shown the first's blog.
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    cache
        .save(URL, &blog("T", 1), &validators(), when())
        .unwrap();
    let other = "https://example.com/other";
    fs::rename(cache.path(URL), cache.path(other)).unwrap();
    let warning = load_ignored(&cache, other);
    assert!(warning.contains("another blog"), "{warning}");
}

#[test]
fn hostile_text_in_a_cache_file_is_sanitised_on_loading() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let mut b = blog("T", 1);
    b.title = "\x1b]0;pwned\x07Title\u{202E}".into();
    b.entries[0].id = "e0".into();
    b.entries[0].title = Some("\x1b[2Jheadline".into());
    let hostile = Validators {
        etag: Some("\"ok\"\r\nX-Evil: 1".into()),
        last_modified: Some("x".repeat(5000)),
    };
    cache.save(URL, &b, &hostile, when()).unwrap();
    let got = cache.load(URL).unwrap().unwrap();
    assert_eq!(got.blog.title, "]0;pwnedTitle");
    assert_eq!(got.blog.entries[0].title.as_deref(), Some("[2Jheadline"));
    assert_eq!(
        got.validators,
        Validators::default(),
        "unsendable validators are dropped"
    );
}

#[test]
fn a_file_over_the_size_cap_is_ignored_without_being_read() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let f = fs::File::create(cache.path(URL)).unwrap();
    f.set_len(CACHE_FILE_MAX + 1).unwrap(); // sparse: costs no disk
    let warning = load_ignored(&cache, URL);
    assert!(warning.contains("larger than"), "{warning}");
}

#[test]
fn something_that_is_not_a_regular_file_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    fs::create_dir(cache.path(URL)).unwrap();
    let e = cache.load(URL).unwrap_err().to_string();
    assert!(e.starts_with("blog cache file \""), "{e}");
    assert!(e.ends_with("\": not a regular file"), "{e}");
    assert!(
        cache
            .save(URL, &blog("T", 1), &validators(), when())
            .is_err()
    );
}

#[test]
fn a_reader_never_sees_a_torn_file_while_two_writers_race() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let (a, b) = (blog("A", 40), blog("B", 60));
    cache.save(URL, &a, &validators(), when()).unwrap();
    let done = AtomicBool::new(false);
    let reads = std::thread::scope(|s| {
        let writers = [&a, &b].map(|which| {
            let cache = &cache;
            s.spawn(move || {
                for _ in 0..200 {
                    cache.save(URL, which, &validators(), when()).unwrap();
                }
            })
        });
        let reader = s.spawn(|| {
            let mut reads = 0;
            while !done.load(Ordering::Relaxed) {
                let got = cache.load(URL).unwrap().expect("always a whole file");
                assert!(got.blog == a || got.blog == b);
                reads += 1;
            }
            reads
        });
        for w in writers {
            w.join().unwrap();
        }
        done.store(true, Ordering::Relaxed);
        reader.join().unwrap()
    });
    assert!(reads > 0);
    let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "one file, no temporary files: {left:?}");
}

#[cfg(unix)]
#[test]
fn saving_into_a_read_only_directory_fails_and_keeps_the_old_copy() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path().join("ro"));
    cache
        .save(URL, &blog("Old", 2), &validators(), when())
        .unwrap();
    fs::set_permissions(cache.dir(), fs::Permissions::from_mode(0o500)).unwrap();
    let root_ignores_permissions = fs::write(cache.dir().join("probe"), b"").is_ok();
    if root_ignores_permissions {
        // As root a mode stops nothing; /proc takes no new files from anyone.
        fs::remove_file(cache.dir().join("probe")).unwrap();
        let proc = BlogCache::new("/proc/self/liveblog-test");
        assert!(
            proc.save(URL, &blog("New", 2), &validators(), when())
                .is_err()
        );
        assert_eq!(proc.load(URL), Ok(None));
    } else {
        assert!(
            cache
                .save(URL, &blog("New", 2), &validators(), when())
                .is_err()
        );
        assert_eq!(cache.load(URL).unwrap().unwrap().blog.title, "Old");
    }
    fs::set_permissions(cache.dir(), fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn the_least_recently_saved_blogs_go_when_over_the_limits() {
    let tmp = tempfile::tempdir().unwrap();
    let limits = Limits {
        files: 3,
        bytes: u64::MAX,
    };
    let cache = BlogCache::with_limits(tmp.path(), limits);
    let urls: Vec<String> = (0..5).map(|i| format!("https://example.com/{i}")).collect();
    let now = std::time::SystemTime::now();
    for (i, url) in urls.iter().enumerate() {
        cache
            .save(url, &blog("T", 1), &validators(), when())
            .unwrap();
        // File times may be coarser than the loop: give each save its own second.
        let age = std::time::Duration::from_secs(100 - i as u64);
        fs::File::options()
            .write(true)
            .open(cache.path(url))
            .unwrap()
            .set_modified(now - age)
            .unwrap();
    }
    let kept: Vec<bool> = urls.iter().map(|u| cache.path(u).exists()).collect();
    assert_eq!(kept, [false, false, true, true, true]);

    // By size: each file is about the same size, so a cap of two and a half files keeps two.
    let one = fs::metadata(cache.path(&urls[4])).unwrap().len();
    let small = BlogCache::with_limits(
        tmp.path(),
        Limits {
            files: 100,
            bytes: one * 5 / 2,
        },
    );
    small
        .save(&urls[0], &blog("T", 1), &validators(), when())
        .unwrap();
    let kept: Vec<bool> = urls.iter().map(|u| cache.path(u).exists()).collect();
    assert_eq!(kept, [true, false, false, false, true]);
}

#[test]
fn entries_read_from_a_rendering_and_the_source_s_poll_interval_load_back() {
    // Neither is in liveblog JSON: lost, the next sitting took a live poll's rendering for the
    // source's data (and the data, when it came, for an edit) and forgot an AMP list's pace.
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let mut b = blog("Summit", 6);
    b.entries[1].read_from = ReadFrom::Rendering;
    b.entries[4].read_from = ReadFrom::Rendering;
    b.poll_every = Some(std::time::Duration::from_millis(20_500));
    cache.save(URL, &b, &validators(), when()).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&fs::read(cache.path(URL)).unwrap()).unwrap();
    assert_eq!(v["rendered"], serde_json::json!(["e4", "e1"]));
    assert_eq!(v["poll_every_ms"], 20_500);
    assert_eq!(cache.load(URL).unwrap().unwrap().blog, b);
    // Nothing to say, nothing written.
    let plain = blog("Summit", 6);
    cache.save(URL, &plain, &validators(), when()).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&fs::read(cache.path(URL)).unwrap()).unwrap();
    assert!(
        v.get("rendered").is_none() && v.get("poll_every_ms").is_none(),
        "{v}"
    );
    assert_eq!(cache.load(URL).unwrap().unwrap().blog, plain);
}

#[test]
fn a_poll_interval_from_a_file_is_bounded_and_unknown_rendered_ids_are_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let b = blog("Summit", 3);
    for (ms, want) in [(1, 5), (u64::MAX, 24 * 60 * 60), (30_000, 30)] {
        cache.save(URL, &b, &validators(), when()).unwrap();
        let mut v: serde_json::Value =
            serde_json::from_slice(&fs::read(cache.path(URL)).unwrap()).unwrap();
        v["poll_every_ms"] = ms.into();
        v["rendered"] = serde_json::json!(["e1", "no such entry", "\u{1b}[2J"]);
        fs::write(cache.path(URL), v.to_string()).unwrap();
        let got = cache.load(URL).unwrap().unwrap().blog;
        assert_eq!(got.poll_every, Some(std::time::Duration::from_secs(want)));
        let rendered: Vec<&str> = got
            .entries
            .iter()
            .filter(|e| e.read_from == ReadFrom::Rendering)
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(rendered, ["e1"]);
    }
}

#[test]
fn the_source_s_data_for_an_entry_cached_from_a_rendering_is_no_edit_in_the_next_sitting() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let mut rendered = blog("Summit", 3);
    rendered.entries[0].read_from = ReadFrom::Rendering;
    rendered.entries[0].body = vec![crate::blog::Block::Paragraph {
        runs: vec![crate::blog::Inline::plain(
            "Entry 2, as the page rendered it",
        )],
    }];
    cache.save(URL, &rendered, &validators(), when()).unwrap();
    let cached = cache.load(URL).unwrap().unwrap().blog;
    let fetched = blog("Summit", 3);
    assert!(crate::blog::merge::diff(&cached, &fetched).is_empty());
}

#[test]
fn a_copy_keeps_what_edited_entries_said_cleaned_as_any_text_from_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = BlogCache::new(tmp.path());
    let b = blog("Summit", 3);
    let previous: BTreeMap<String, String> = [
        ("e1".to_string(), "said \u{1b}[2J before".to_string()),
        ("e2".to_string(), "plain".to_string()),
    ]
    .into_iter()
    .collect();
    let beside = Beside {
        previous: Some(&previous),
        ..Beside::default()
    };
    cache
        .save_with(URL, beside, &b, &validators(), when())
        .unwrap();
    let got = cache.load(URL).unwrap().unwrap().previous;
    assert_eq!(got["e1"], "said [2J before");
    assert_eq!(got["e2"], "plain");
    // A copy kept with none says none (and writes none).
    cache.save(URL, &b, &validators(), when()).unwrap();
    assert!(cache.load(URL).unwrap().unwrap().previous.is_empty());
    assert!(
        !fs::read_to_string(cache.path(URL))
            .unwrap()
            .contains("previous")
    );
}
