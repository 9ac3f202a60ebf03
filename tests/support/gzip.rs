//! gzip, built by hand so no compression crate is needed: stored blocks for ordinary bodies,
//! and a fixed-Huffman stream of back-references for the bomb. Shared by the HTTP tests.

#![allow(dead_code)]

pub fn crc32(bytes: &[u8], crc: u32) -> u32 {
    let mut c = !crc;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

pub const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// `data` as a gzip member made of stored (uncompressed) deflate blocks.
pub fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = GZIP_HEADER.to_vec();
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(65_535).collect()
    };
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = u16::try_from(chunk.len()).unwrap();
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&crc32(data, 0).to_le_bytes());
    out.extend_from_slice(&(u32::try_from(data.len()).unwrap()).to_le_bytes());
    out
}

/// A gzip stream of `1 + 258·pairs` zero bytes: one literal zero, then `pairs` copies of
/// "repeat the last 258 bytes" (13 bits each), so about 160 : 1. Produced lazily, a piece at
/// a time, because the server only sends what the client reads.
pub struct ZeroBomb {
    pairs_left: u64,
    bits: u64,
    nbits: u32,
    state: u8,
    crc: u32,
    total: u64,
}

impl ZeroBomb {
    pub fn new(pairs: u64, crc_of_zeros: u32) -> Self {
        ZeroBomb {
            pairs_left: pairs,
            bits: 0,
            nbits: 0,
            state: 0,
            crc: crc_of_zeros,
            total: 1 + 258 * pairs,
        }
    }

    fn push(&mut self, value: u64, n: u32, out: &mut Vec<u8>) {
        self.bits |= value << self.nbits;
        self.nbits += n;
        while self.nbits >= 8 {
            out.push((self.bits & 0xff) as u8);
            self.bits >>= 8;
            self.nbits -= 8;
        }
    }

    /// The next piece of the stream (at least `want` bytes unless it ends), or empty at the end.
    pub fn next_piece(&mut self, want: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(want + 16);
        if self.state == 0 {
            out.extend_from_slice(&GZIP_HEADER);
            // BFINAL = 1, BTYPE = 01 (fixed Huffman), then the literal 0 (code 0x30, 8 bits,
            // sent most significant bit first, hence reversed: 0x0C).
            self.push(0b011, 3, &mut out);
            self.push(0x0C, 8, &mut out);
            self.state = 1;
        }
        if self.state == 1 {
            while out.len() < want && self.pairs_left > 0 {
                // Length 258 is code 285 (0xC5, 8 bits, reversed 0xA3); distance 1 is code 0
                // (5 zero bits).
                self.push(0xA3, 13, &mut out);
                self.pairs_left -= 1;
            }
            if self.pairs_left == 0 {
                self.push(0, 7, &mut out); // end of block
                if self.nbits > 0 {
                    self.push(0, 8 - self.nbits, &mut out);
                }
                out.extend_from_slice(&self.crc.to_le_bytes());
                out.extend_from_slice(&((self.total & 0xffff_ffff) as u32).to_le_bytes());
                self.state = 2;
            }
        }
        out
    }
}
