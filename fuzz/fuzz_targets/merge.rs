//! Merging and diffing: a blog merged with itself is itself, its diff with itself is empty,
//! and ids stay unique through a merge with any other blog.
#![no_main]
use liveblog::blog::merge::{Coverage, diff, merge};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Two documents in one input, split at the first NUL-free half.
    let (a, b) = data.split_at(data.len() / 2);
    let Ok(old) = liveblog::formats::parse(a) else {
        return;
    };
    assert!(diff(&old, &old).is_empty(), "a blog differs from itself");
    let same = merge(&old, old.clone(), Coverage::NewestWindow);
    assert_eq!(
        same.entries, old.entries,
        "merging a blog with itself changed it"
    );
    let same = merge(&old, old.clone(), Coverage::Additions);
    assert_eq!(same.entries.len(), old.entries.len());
    if let Ok(new) = liveblog::formats::parse(b) {
        for coverage in [Coverage::NewestWindow, Coverage::Additions] {
            let merged = merge(&old, new.clone(), coverage);
            let mut ids = std::collections::HashSet::new();
            for e in &merged.entries {
                assert!(
                    ids.insert(e.id.as_str()),
                    "entry id {:?} twice after a merge",
                    e.id
                );
            }
        }
        let _ = diff(&old, &new);
    }
});
