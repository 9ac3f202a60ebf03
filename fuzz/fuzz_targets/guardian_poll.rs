//! The guardian_poll parser on any bytes: an error or a blog, never a panic or a hang. And
//! wherever the fast page reading takes a piece of the answer's HTML, the blocks and key events
//! read with it are exactly those read with every piece made a fragment by html5ever.
#![no_main]

use liveblog::formats::guardian_poll::{block_readings, parse};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = parse(data);
    if let Some((by_pages, by_fragments)) = block_readings(data) {
        assert_eq!(
            by_pages,
            by_fragments,
            "the fast page reading differs for {:?}",
            String::from_utf8_lossy(data)
        );
    }
});
