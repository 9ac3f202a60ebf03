//! The plain-text form on any text; and read a line at a time (as a large file is), it gives
//! what parsing the whole document gives, whenever it takes the document at all.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = liveblog::formats::text::parse(s);
    }
    // A small buffer, so that lines are split across reads.
    let reader = std::io::BufReader::with_capacity(7, data);
    if let Ok(liveblog::formats::Streamed::Read(streamed)) = liveblog::formats::read_text(reader) {
        assert_eq!(streamed, liveblog::formats::parse(data));
    }
});
