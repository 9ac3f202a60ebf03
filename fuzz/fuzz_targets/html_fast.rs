//! The fast reading of simple HTML fragments gives exactly the blocks of the full parse
//! whenever it applies.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let base = url::Url::parse("https://example.com/live/blog").ok();
    if let (Some(fast), full) = liveblog::formats::html::both_readings(&html, base.as_ref()) {
        assert_eq!(fast, full, "the fast reading differs for {html:?}");
    }
});
