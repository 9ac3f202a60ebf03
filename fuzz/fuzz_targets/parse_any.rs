//! Sniffing and then the chosen parser, as every source is read: an error or a blog whose
//! every text field is already safe for a terminal, and whose entry ids are unique.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(blog) = liveblog::formats::parse(data) {
        let mut ids = std::collections::HashSet::new();
        for e in &blog.entries {
            assert!(ids.insert(e.id.as_str()), "entry id {:?} twice", e.id);
            if let Some(t) = &e.title {
                assert_eq!(&liveblog::sanitize::text(t), t, "an unsanitised title");
            }
        }
        assert_eq!(liveblog::sanitize::text(&blog.title), blog.title);
    }
});
