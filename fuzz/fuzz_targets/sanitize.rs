//! The one sanitiser: what comes out has no control character (but the newlines `text`
//! keeps), no bidi control, and cleaning it again changes nothing.
#![no_main]

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let text = liveblog::sanitize::text(&s);
    for c in text.chars() {
        assert!(c == '\n' || !c.is_control(), "control {c:?} left in text");
        assert!(!is_bidi(c), "bidi control {c:?} left in text");
    }
    assert_eq!(
        liveblog::sanitize::text(&text),
        text,
        "text is not idempotent"
    );
    let line = liveblog::sanitize::line(&s, 300);
    for c in line.chars() {
        assert!(!c.is_control(), "control {c:?} left in a line");
        assert!(!is_bidi(c), "bidi control {c:?} left in a line");
    }
    assert!(line.len() <= 300 + 4, "a line over its cap");
    assert_eq!(
        liveblog::sanitize::line(&line, 300),
        line,
        "line is not idempotent"
    );
});
