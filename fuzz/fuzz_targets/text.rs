//! The plain-text form on any text.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = liveblog::formats::text::parse(s);
    }
});
