//! The fast readings of HTML give exactly what the full parse gives whenever they apply: simple
//! entry fragments read in one pass, and a page's JSON-LD scripts and `rel="next"` links found
//! by a scan of its tags.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let base = url::Url::parse("https://example.com/live/blog").ok();
    if let (Some(fast), full) = liveblog::formats::html::both_readings(&html, base.as_ref()) {
        assert_eq!(fast, full, "the fast reading differs for {html:?}");
    }
    if let (Some(scanned), parsed) = liveblog::formats::schema_org::both_script_readings(&html) {
        assert_eq!(scanned, parsed, "the scan differs for {html:?}");
    }
    if let (Some(scanned), parsed) = liveblog::formats::schema_org::both_next_link_readings(&html)
    {
        assert_eq!(scanned, parsed, "the scan of rel=next differs for {html:?}");
    }
});
