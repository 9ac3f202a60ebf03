//! The sniffer and the text decoder on any bytes: a format or an error, never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = liveblog::formats::sniff(data);
    let _ = liveblog::formats::as_text(data);
});
