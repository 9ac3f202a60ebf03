//! Eight bytes read as one number, for scans that pass over plain text a word at a time (the
//! sanitiser's, and collapsing white space). Each test is exact as a yes or no, not as a mask
//! of which bytes.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Some byte is outside ASCII.
pub(crate) fn any_high(w: u64) -> bool {
    w & HIGH != 0
}

/// Some byte is below `n` (at most 128); only where no byte is outside ASCII.
pub(crate) fn any_below(w: u64, n: u8) -> bool {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH != 0
}

/// The high bit of each byte that is `b`, exactly.
pub(crate) fn eq_mask(w: u64, b: u8) -> u64 {
    let t = w ^ (ONES * u64::from(b));
    !(((t & !HIGH) + !HIGH) | t) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_test_agrees_with_the_bytes_on_every_byte_at_every_place() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = *b"a b~ Z09";
                word[at] = b;
                let w = u64::from_le_bytes(word);
                assert_eq!(any_high(w), word.iter().any(|&c| c >= 0x80));
                if !any_high(w) {
                    assert_eq!(
                        any_below(w, 0x20),
                        word.iter().any(|&c| c < 0x20),
                        "{word:?}"
                    );
                }
                for probe in [b' ', 0x7f, b] {
                    let want = word
                        .iter()
                        .enumerate()
                        .filter(|&(_, &c)| c == probe)
                        .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i));
                    assert_eq!(eq_mask(w, probe), want, "{word:?} {probe}");
                }
            }
        }
    }
}
