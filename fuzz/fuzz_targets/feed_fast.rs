//! The one-pass reading of RSS and Atom gives exactly what feed-rs gives whenever it answers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let (Some(fast), full) = liveblog::formats::feed::both_readings(data) {
        assert_eq!(
            Ok(fast),
            full,
            "the fast reading differs for {:?}",
            String::from_utf8_lossy(data)
        );
    }
});
