//! An AMP page's live list read without the page's tree gives exactly what the reading
//! through the tree gives, whenever it answers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(page) = std::str::from_utf8(data) else {
        return;
    };
    if let Some((alone, by_tree)) = liveblog::formats::schema_org::amp_readings(page) {
        assert_eq!(Ok(alone), by_tree, "the reading alone differs for {page:?}");
    }
});
