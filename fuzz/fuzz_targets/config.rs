//! The config file's parser on any text: settings or one error line, never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Err(e) = liveblog::config::parse(s) {
            assert!(!e.is_empty());
        }
    }
});
