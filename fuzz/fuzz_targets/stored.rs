//! The files kept between sittings, the read state and the blog cache: whatever bytes a file
//! holds, loading it is a warning or a value whose ids are clean and within their bounds, and
//! saving what was loaded (or a blog just parsed) then loading it again gives the same back.
//! A blog saved and read back must show no entry as new or edited: otherwise every sitting
//! would open on a catch-up that is not true.
#![no_main]
use liveblog::blog::LiveBlog;
use liveblog::store::state::IDS_MAX;
use liveblog::store::{BlogCache, ReadState, StateStore, catch_up};
use std::path::PathBuf;
use std::sync::OnceLock;

const URL: &str = "https://x.test/live";

/// One directory per process, in memory when the machine has one, reused by every run.
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = std::path::Path::new("/dev/shm");
        let base = if base.is_dir() {
            base.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let d = base.join(format!("liveblog-fuzz-stored-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("a directory for the fuzzed files");
        d
    })
}

fn states() -> StateStore {
    StateStore::new(dir().join("state"))
}

fn caches() -> BlogCache {
    BlogCache::new(dir().join("cache"))
}

fn is_clean(id: &str) -> bool {
    liveblog::sanitize::line(id, liveblog::sanitize::TITLE_MAX) == id
}

/// A loaded state's ids are clean and bounded, and it saves and loads back as itself.
fn check_state(state: &ReadState) {
    assert!(state.seen.len() <= IDS_MAX, "seen over its bound");
    assert!(
        state.fingerprints().len() <= IDS_MAX,
        "fingerprints over their bound"
    );
    assert!(
        state.key_event_ids().len() <= IDS_MAX,
        "key events over their bound"
    );
    assert!(state.seen.iter().all(is_clean), "an unclean seen id");
    assert!(
        state.fingerprints().keys().all(|id| is_clean(id)),
        "an unclean fingerprint id"
    );
    assert!(
        state.key_event_ids().iter().all(|id| is_clean(id)),
        "an unclean key event id"
    );
    if let Some(place) = &state.place {
        assert!(is_clean(&place.id), "an unclean place");
    }
    let store = states();
    store.save(URL, state).expect("a state saved");
    let again = store.load(URL).expect("a state just saved read back");
    assert_eq!(&again, state, "a state saved and read back is another");
}

/// Bytes of a read state file, as found on disk.
fn raw_state(data: &[u8]) {
    let store = states();
    std::fs::create_dir_all(store.dir()).expect("the state directory");
    std::fs::write(store.path(URL), data).expect("a state file written");
    if let Ok(state) = store.load(URL) {
        check_state(&state);
    }
}

/// The same bytes as every set of ids of a well-formed file of each version, so that the ids'
/// own readings (spaces, `%` escapes, hex fingerprints) are reached without the fuzzer having
/// to find the file's shape first.
fn ids_in_a_state(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let s = serde_json::to_string(&text).expect("a string as JSON");
    let words: Vec<&str> = text.split(' ').collect();
    let list = serde_json::to_string(&words).expect("words as JSON");
    let prints: serde_json::Map<String, serde_json::Value> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.to_string(), (i as u64).into()))
        .collect();
    let prints = serde_json::Value::Object(prints).to_string();
    let head = |v: u32| format!(r#"{{"liveblog_state":{v},"url":"{URL}","last_looked":null"#);
    for file in [
        format!(
            r#"{},"seen":{s},"fingerprints":{s},"key_event_ids":{s}}}"#,
            head(4)
        ),
        format!(
            r#"{},"seen":{s},"fingerprints":{s},"key_event_ids":{s}}}"#,
            head(3)
        ),
        format!(
            r#"{},"seen":{s},"fingerprints":{s},"key_event_ids":{s}}}"#,
            head(2)
        ),
        format!(
            r#"{},"seen":{list},"fingerprints":{prints},"key_event_ids":{list}}}"#,
            head(1)
        ),
        format!(
            r#"{},"place":{{"id":{s},"line":3}},"previous":{{{s}:{s}}}}}"#,
            head(3)
        ),
    ] {
        raw_state(file.as_bytes());
    }
}

/// A blog looked at, saved as the read state and read back: the same state, and a catch-up
/// against the same blog that finds nothing new and nothing edited.
fn blog_in_a_state(blog: &LiveBlog) {
    let mut state = ReadState::default();
    let at = jiff::Timestamp::from_second(1_739_800_000).expect("a time");
    state.mark_seen(blog.entries.iter().map(|e| e.id.as_str()));
    state.record_look(blog, at);
    if let Some(e) = blog.entries.first() {
        state.place = Some(liveblog::store::Place {
            id: e.id.clone(),
            line: 2,
            at: Some(at),
        });
    }
    check_state(&state);
    let loaded = states().load(URL).expect("a state just saved read back");
    let c = catch_up(&loaded, blog);
    assert!(
        c.new.is_empty(),
        "entries new against the state just saved: {:?}",
        c.new
    );
    assert!(
        c.edited.is_empty(),
        "entries edited against the state just saved: {:?}",
        c.edited
    );
    assert!(
        c.key_events.is_empty(),
        "key events new against the state just saved"
    );
}

/// A blog saved as the cache's copy and read back is the same blog.
fn blog_in_the_cache(blog: &LiveBlog) {
    let cache = caches();
    let validators = liveblog::net::Validators {
        etag: Some("\"v1\"".into()),
        last_modified: None,
    };
    let at = jiff::Timestamp::from_second(1_739_800_000).expect("a time");
    cache
        .save(URL, blog, &validators, at)
        .expect("a blog cached");
    let back = cache.load(URL).expect("a cache just saved read back");
    let back = back.expect("the copy just saved");
    assert_eq!(&back.blog, blog, "a blog cached and read back is another");
    assert_eq!(back.validators, validators);
}

/// Bytes of a cache file, as found on disk: a warning or a copy that saves and reads back.
fn raw_cache(data: &[u8]) {
    let cache = caches();
    std::fs::create_dir_all(cache.dir()).expect("the cache directory");
    std::fs::write(cache.path(URL), data).expect("a cache file written");
    if let Ok(Some(copy)) = cache.load(URL) {
        blog_in_the_cache(&copy.blog);
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    raw_state(data);
    raw_cache(data);
    ids_in_a_state(data);
    if let Ok(blog) = liveblog::formats::parse(data) {
        blog_in_a_state(&blog);
        blog_in_the_cache(&blog);
    }
});
