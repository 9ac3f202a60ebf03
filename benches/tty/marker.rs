//! The floor for `first_screen.py --also`: prints the marker the harness waits for, then waits
//! for a key, as the reader would, and does nothing else. Not a cargo target: built alone with
//! `rustc -O benches/tty/marker.rs -o /tmp/marker`.
use std::io::{Read, Write};

fn main() {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(b"Spanish prime minister\n");
    let _ = out.flush();
    let _ = std::io::stdin().read(&mut [0u8; 1]);
}
