//! The fast reading of a whole page gives exactly html5ever's tree whenever it applies.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if let Err(e) = liveblog::formats::html::page_readings_agree(&html) {
        panic!("the fast page reading differs for {html:?}: {e}");
    }
});
