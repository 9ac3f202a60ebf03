//! Bracketed paste: what the terminal sends between `ESC [ 200 ~` and `ESC [ 201 ~` is text that
//! was pasted, never keys. Read a byte at a time, so where the reads cut it (the end marker
//! included) changes nothing.

/// Ends a paste.
const END: &[u8] = b"\x1b[201~";
/// Most bytes of a paste kept: a search word or a filter, not a document. The rest is read
/// and dropped.
pub const PASTE_MAX: usize = 4096;

/// A paste under way: its text so far, and how much of the end marker the last bytes matched.
#[derive(Debug, Default)]
pub struct Paste {
    text: Vec<u8>,
    matched: usize,
}

impl Paste {
    /// Takes the paste's bytes from `b`: how many it took, the end marker with them, once the
    /// paste ended; `None` when it took them all and the end is still to come.
    pub fn take(&mut self, b: &[u8]) -> Option<usize> {
        for (i, &c) in b.iter().enumerate() {
            if c == END[self.matched] {
                self.matched += 1;
                if self.matched == END.len() {
                    return Some(i + 1);
                }
                continue;
            }
            // Not the end after all: what matched of it was text. Only its first byte is an
            // Escape, so the end can only start again here.
            let matched = std::mem::take(&mut self.matched);
            self.push(&END[..matched]);
            if c == END[0] {
                self.matched = 1;
            } else {
                self.push(&[c]);
            }
        }
        None
    }

    fn push(&mut self, b: &[u8]) {
        let room = PASTE_MAX.saturating_sub(self.text.len());
        self.text.extend_from_slice(&b[..b.len().min(room)]);
    }

    /// The text pasted (a character cut by the cap, or not UTF-8, is U+FFFD).
    pub fn text(self) -> String {
        String::from_utf8_lossy(&self.text).into_owned()
    }
}
