use super::*;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// Pushes `wire` in pieces of `piece` bytes.
fn receive(
    coding: Option<Coding>,
    cap: usize,
    wire: &[u8],
    piece: usize,
) -> Result<Vec<u8>, BodyError> {
    let mut body = Body::new(coding, cap);
    for p in wire.chunks(piece) {
        body.push(p)?;
    }
    body.finish()
}

#[test]
fn a_capped_body_refuses_the_piece_that_would_pass_the_cap_and_keeps_no_more() {
    let mut body = CappedBody::new(100);
    assert!(body.push(&[1; 60]).is_ok());
    assert!(body.push(&[2; 41]).is_err());
    assert_eq!(body.len, 60);
    assert!(body.push(&[3; 40]).is_ok());
    assert!(body.push(&[4]).is_err());
    let v = body.into_vec();
    assert_eq!((v.len(), v.capacity()), (100, 100));
    assert_eq!(v[59..61], [1, 3]);
}

#[test]
fn a_body_received_in_blocks_comes_out_whole_and_exactly_sized() {
    let pieces: Vec<Vec<u8>> = (0..40u8)
        .map(|i| vec![i; 1 + usize::from(i) * 997])
        .collect();
    let whole = pieces.concat();
    assert!(whole.len() > 10 * BLOCK);
    let mut body = CappedBody::new(whole.len());
    for p in &pieces {
        body.push(p).unwrap();
    }
    // Never more held than arrived, give or take the last block's spare room.
    assert!(body.blocks.iter().all(|b| b.capacity() == BLOCK));
    assert_eq!(body.blocks.len(), whole.len().div_ceil(BLOCK));
    let v = body.into_vec();
    assert_eq!(v, whole);
    assert_eq!(v.capacity(), v.len());
}

#[test]
fn a_well_compressed_body_is_kept_compressed_until_it_is_whole() {
    let text = b"Title\n\nThe same line again and again.\n".repeat(20_000);
    let wire = gzip(&text);
    let cap = 1 << 20;
    assert!(wire.len() <= cap / MIN_RATIO && text.len() <= cap);
    let mut body = Body::new(Some(Coding::Gzip), cap);
    for p in wire.chunks(1000) {
        body.push(p).unwrap();
    }
    assert!(matches!(&body.state, State::Held { raw, .. } if raw.len == wire.len()));
    let v = body.finish().unwrap();
    assert_eq!(v, text);
    assert_eq!(v.capacity(), v.len());
}

#[test]
fn a_poorly_compressed_body_is_inflated_as_it_comes() {
    let mut rng = fastrand::Rng::with_seed(7);
    let noise: Vec<u8> = (0..200_000).map(|_| rng.u8(..)).collect();
    let wire = gzip(&noise);
    let mut body = Body::new(Some(Coding::Gzip), 1 << 20);
    for p in wire.chunks(4096) {
        body.push(p).unwrap();
    }
    assert!(matches!(body.state, State::Inflating(_)));
    assert_eq!(body.finish().unwrap(), noise);
}

#[test]
fn a_bomb_is_refused_at_the_cap_while_kept_compressed() {
    let zeros = vec![0u8; 4 << 20];
    let wire = gzip(&zeros);
    let cap = 1 << 20;
    let mut body = Body::new(Some(Coding::Gzip), cap);
    let mut refused = None;
    for p in wire.chunks(512) {
        if let Err(e) = body.push(p) {
            refused = Some(e);
            break;
        }
        // What is held is the compressed stream, never the zeros.
        if let State::Held { raw, .. } = &body.state {
            assert!(raw.len <= cap / MIN_RATIO);
        } else {
            panic!("a bomb is kept compressed");
        }
    }
    assert_eq!(refused, Some(BodyError::OverCap));
    // Exactly the cap is accepted.
    assert_eq!(
        receive(Some(Coding::Gzip), cap, &gzip(&zeros[..cap]), 512)
            .unwrap()
            .len(),
        cap
    );
}

#[test]
fn brotli_is_inflated_and_capped_too() {
    let text = b"Title\n\nA brotli body.\n".repeat(5000);
    let wire = uncompressed_brotli(&text);
    assert_eq!(
        receive(Some(Coding::Brotli), 1 << 20, &wire, 100).unwrap(),
        text
    );
    assert_eq!(
        receive(Some(Coding::Brotli), text.len() - 1, &wire, 100),
        Err(BodyError::OverCap)
    );
    let cut = receive(Some(Coding::Brotli), 1 << 20, &wire[..wire.len() - 1], 100);
    assert!(matches!(cut, Err(BodyError::Corrupt(_))), "{cut:?}");
}

/// `data` as a brotli stream of uncompressed meta-blocks (no encoder is built; RFC 7932,
/// 9.2): WBITS 16; per block ISLAST 0, MNIBBLES 4, MLEN − 1 in 16 bits, ISUNCOMPRESSED 1,
/// padding to a byte, the bytes; then an empty last block.
fn uncompressed_brotli(data: &[u8]) -> Vec<u8> {
    let mut bits = BitWriter::default();
    bits.put(0, 1);
    for block in data.chunks(65_536) {
        bits.put(0, 1);
        bits.put(0, 2);
        bits.put(u64::try_from(block.len() - 1).unwrap(), 16);
        bits.put(1, 1);
        bits.align();
        bits.bytes.extend_from_slice(block);
    }
    bits.put(1, 1); // ISLAST
    bits.put(1, 1); // ISLASTEMPTY
    bits.align();
    bits.bytes
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    fn put(&mut self, value: u64, n: u32) {
        self.acc |= value << self.n;
        self.n += n;
        while self.n >= 8 {
            self.bytes.push((self.acc & 0xff) as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    fn align(&mut self) {
        if self.n > 0 {
            self.put(0, 8 - self.n);
        }
    }
}

#[test]
fn a_stream_cut_short_or_corrupt_or_with_bytes_after_its_end_is_an_error() {
    let text = b"Title\n\nBody\n".repeat(100);
    let wire = gzip(&text);
    // Kept compressed, then inflated as it came.
    for cap in [64 * 1024, text.len()] {
        let cut = receive(Some(Coding::Gzip), cap, &wire[..wire.len() - 4], 16);
        assert!(matches!(cut, Err(BodyError::Corrupt(_))), "{cut:?}");
    }
    let corrupt = receive(Some(Coding::Gzip), 1 << 20, b"not gzip at all", 4);
    assert!(matches!(corrupt, Err(BodyError::Corrupt(_))), "{corrupt:?}");
    let trailing = receive(
        Some(Coding::Gzip),
        1 << 20,
        &[wire.as_slice(), b"xx"].concat(),
        16,
    );
    assert!(
        matches!(trailing, Err(BodyError::Corrupt(_))),
        "{trailing:?}"
    );
    // Members one after another are one body.
    let two = [wire.as_slice(), &wire].concat();
    assert_eq!(
        receive(Some(Coding::Gzip), 1 << 20, &two, 16),
        Ok(text.repeat(2))
    );
    // No bytes at all is an empty body, not a broken stream.
    assert_eq!(
        receive(Some(Coding::Gzip), 1 << 20, b"", 16),
        Ok(Vec::new())
    );
}

#[test]
fn only_the_codings_asked_for_are_decoded() {
    assert_eq!(Coding::from_header("gzip"), Some(Coding::Gzip));
    assert_eq!(Coding::from_header(" X-GZIP "), Some(Coding::Gzip));
    assert_eq!(Coding::from_header("br"), Some(Coding::Brotli));
    for other in ["identity", "deflate", "zstd", "gzip, br", ""] {
        assert_eq!(Coding::from_header(other), None, "{other}");
    }
    assert_eq!(receive(None, 10, b"plain", 2), Ok(b"plain".to_vec()));
    assert_eq!(receive(None, 4, b"plain", 2), Err(BodyError::OverCap));
}
