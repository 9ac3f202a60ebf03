//! The terminal's bytes never panic the key reader, and how they are cut into reads never
//! changes the events it reads: the first byte says how long the pieces are.
#![no_main]

use liveblog::tui::input::Parser;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&cut, bytes)) = data.split_first() else {
        return;
    };
    let read = |pieces: &[&[u8]]| {
        let mut parser = Parser::default();
        let mut out = Vec::new();
        for piece in pieces {
            parser.feed(piece, &mut out);
        }
        parser.idle(&mut out);
        out
    };
    let pieces: Vec<&[u8]> = bytes.chunks(usize::from(cut % 16) + 1).collect();
    assert_eq!(read(&pieces), read(&[bytes]), "cut every {} bytes", cut % 16 + 1);
});
