//! The terminal's bytes never panic the key reader, and how they are cut into reads never
//! changes the events it reads: the first byte says how long the pieces are.
#![no_main]

use liveblog::tui::input::read_pieces;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&cut, bytes)) = data.split_first() else {
        return;
    };
    let pieces: Vec<&[u8]> = bytes.chunks(usize::from(cut % 16) + 1).collect();
    assert_eq!(
        read_pieces(&pieces),
        read_pieces(&[bytes]),
        "cut every {} bytes",
        cut % 16 + 1
    );
});
