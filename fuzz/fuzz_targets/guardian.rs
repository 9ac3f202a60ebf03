//! The guardian parser on any bytes: an error or a blog, never a panic or a hang.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = liveblog::formats::guardian::parse(data);
});
