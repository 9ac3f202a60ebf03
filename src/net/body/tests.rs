use super::capped::{BLOCK, Blocks, Rest};
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
    let mut body = Body::new(coding, cap, None);
    for p in wire.chunks(piece) {
        body.push(p)?;
    }
    body.finish()
}

#[test]
fn a_capped_body_refuses_the_piece_that_would_pass_the_cap_and_keeps_no_more() {
    let mut body = CappedBody::new(100, None);
    assert!(body.push(&[1; 60]).is_ok());
    assert!(body.push(&[2; 41]).is_err());
    assert_eq!(body.len, 60);
    assert!(body.push(&[3; 40]).is_ok());
    assert!(body.push(&[4]).is_err());
    let v = body.into_vec().unwrap();
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
    let mut body = CappedBody::new(whole.len(), None);
    for p in &pieces {
        body.push(p).unwrap();
    }
    // Never more held than arrived, give or take the last block's spare room.
    assert!(body.head.blocks.iter().all(|b| b.capacity() == BLOCK));
    assert_eq!(body.head.blocks.len(), whole.len().div_ceil(BLOCK));
    let v = body.into_vec().unwrap();
    assert_eq!(v, whole);
    assert_eq!(v.capacity(), v.len());
}

#[test]
fn a_well_compressed_body_is_kept_compressed_until_it_is_whole() {
    let text = b"Title\n\nThe same line again and again.\n".repeat(20_000);
    let wire = gzip(&text);
    let cap = 1 << 20;
    assert!(wire.len() <= cap / MIN_RATIO && text.len() <= cap);
    let mut body = Body::new(Some(Coding::Gzip), cap, None);
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
    let mut body = Body::new(Some(Coding::Gzip), 1 << 20, None);
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
    let mut body = Body::new(Some(Coding::Gzip), cap, None);
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

// ---------------------------------------------------------------------------------------------
// Past `Spill::after`, into a file.

/// A spill directory of its own (two levels under a new temporary one, to be made on first
/// use), and the temporary one to keep alive.
fn spill_dir(after: usize) -> (tempfile::TempDir, Spill) {
    let tmp = tempfile::tempdir().unwrap();
    // As the kernel names it in /proc/self/fd, with any symbolic link resolved.
    let dir = tmp.path().canonicalize().unwrap().join("cache/liveblog");
    (tmp, Spill { dir, after })
}

/// How many files this process has open in `dir` (an unnamed one shows as
/// `dir/#1234 (deleted)`); `None` where there is no /proc to tell.
fn files_open_in(dir: &std::path::Path) -> Option<usize> {
    let fds = std::fs::read_dir("/proc/self/fd").ok()?;
    Some(
        fds.filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
            .filter(|target| target.starts_with(dir))
            .count(),
    )
}

fn assert_files_open(dir: &std::path::Path, n: usize) {
    if let Some(open) = files_open_in(dir) {
        assert_eq!(open, n, "files open in {}", dir.display());
    }
}

/// Nothing left in `dir`, open or named.
fn assert_nothing_left(dir: &std::path::Path) {
    assert_files_open(dir, 0);
    let names = std::fs::read_dir(dir).map_or(0, Iterator::count);
    assert_eq!(names, 0, "files named in {}", dir.display());
}

fn noise(rng: &mut fastrand::Rng, len: usize) -> Vec<u8> {
    (0..len).map(|_| rng.u8(..)).collect()
}

/// `data` in pieces of random, mostly odd sizes from 1 to `most` bytes.
fn pieces<'d>(rng: &mut fastrand::Rng, data: &'d [u8], most: usize) -> Vec<&'d [u8]> {
    let mut rest = data;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (p, r) = rest.split_at(rng.usize(1..=most).min(rest.len()));
        out.push(p);
        rest = r;
    }
    out
}

#[test]
fn a_body_past_what_is_kept_in_memory_comes_back_byte_for_byte_from_its_file() {
    let after = 100;
    let (_tmp, spill) = spill_dir(after);
    let mut rng = fastrand::Rng::with_seed(12);
    // Around the threshold, and far enough past it that the file is read back in several
    // blocks.
    let mut sizes = vec![0, 1, after - 1, after, after + 1, 3 * BLOCK + 7];
    sizes.extend((0..40).map(|_| rng.usize(after - 30..after + 30)));
    sizes.extend((0..8).map(|_| rng.usize(after..4 * BLOCK)));
    for size in sizes {
        let data = noise(&mut rng, size);
        let mut body = CappedBody::new(size, Some(spill.clone()));
        for p in pieces(&mut rng, &data, 997) {
            body.push(p).unwrap();
        }
        assert_eq!(body.len, size);
        // Memory holds the threshold's worth, the file the rest.
        assert_eq!(body.head.len, size.min(after), "{size}");
        match &body.rest {
            Rest::File { len, tail, .. } => {
                assert!(size > after, "{size}");
                assert_eq!((*len, tail.len), (size - after, 0));
                assert_files_open(&spill.dir, 1);
            }
            Rest::Pending(_) => assert!(size <= after, "{size}"),
            Rest::Memory => panic!("the spill directory was usable"),
        }
        let v = body.into_vec().unwrap();
        assert!(v == data, "{size} bytes came back different");
        assert_eq!(v.capacity(), v.len());
        assert_files_open(&spill.dir, 0);
    }
    assert_nothing_left(&spill.dir);
    // Through a plain body too.
    let data = noise(&mut rng, 5000);
    assert_eq!(receive_spilling(None, 5000, &data, 333, &spill), Ok(data));
}

/// As [`receive`], with what is kept past `spill.after` bytes in a file.
fn receive_spilling(
    coding: Option<Coding>,
    cap: usize,
    wire: &[u8],
    piece: usize,
    spill: &Spill,
) -> Result<Vec<u8>, BodyError> {
    let mut body = Body::new(coding, cap, Some(spill));
    for p in wire.chunks(piece) {
        body.push(p)?;
    }
    body.finish()
}

#[test]
fn a_body_that_passes_the_cap_is_refused_and_its_file_goes_with_it() {
    let (_tmp, spill) = spill_dir(100);
    let cap = 10_000;
    let mut body = Body::new(None, cap, Some(&spill));
    let mut taken = 0;
    let refused = loop {
        match body.push(&[7; 999]) {
            Ok(()) => taken += 999,
            Err(e) => break e,
        }
        if taken > 100 {
            // Spilling: the threshold's worth in memory, the rest in one open file.
            let State::Plain(capped) = &body.state else {
                panic!("a plain body stays plain");
            };
            assert_eq!(capped.head.len, 100);
            assert!(matches!(capped.rest, Rest::File { len, .. } if len == taken - 100));
            assert_files_open(&spill.dir, 1);
        }
    };
    assert_eq!(refused, BodyError::OverCap);
    assert_eq!(taken, cap / 999 * 999);
    drop(body);
    assert_nothing_left(&spill.dir);
}

#[test]
fn bodies_received_at_once_have_a_file_each_and_a_dropped_one_leaves_nothing() {
    let (_tmp, spill) = spill_dir(100);
    let mut rng = fastrand::Rng::with_seed(3);
    let (a, b) = (noise(&mut rng, 3000), noise(&mut rng, 2000));
    let mut bodies = [
        CappedBody::new(1 << 20, Some(spill.clone())),
        CappedBody::new(1 << 20, Some(spill.clone())),
        CappedBody::new(1 << 20, Some(spill.clone())),
    ];
    for (pa, pb) in a.chunks(301).zip(b.chunks(201)) {
        bodies[0].push(pa).unwrap();
        bodies[1].push(pb).unwrap();
        bodies[2].push(pa).unwrap();
    }
    assert_files_open(&spill.dir, 3);
    // A poll cancelled halfway drops its body.
    let [first, second, third] = bodies;
    drop(third);
    assert_files_open(&spill.dir, 2);
    assert_eq!(first.into_vec().unwrap(), a);
    assert_eq!(second.into_vec().unwrap(), b);
    assert_nothing_left(&spill.dir);
}

#[test]
fn when_no_file_can_be_made_the_body_is_kept_whole_in_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a file");
    std::fs::write(&file, b"not a directory").unwrap();
    let spill = Spill {
        dir: file.join("liveblog"),
        after: 100,
    };
    let mut rng = fastrand::Rng::with_seed(4);
    let data = noise(&mut rng, 5000);
    let mut body = CappedBody::new(5000, Some(spill.clone()));
    for p in pieces(&mut rng, &data, 97) {
        body.push(p).unwrap();
    }
    assert!(matches!(body.rest, Rest::Memory));
    assert_eq!(body.head.len, 5000);
    assert_eq!(body.into_vec().unwrap(), data);
    assert_eq!(
        receive_spilling(Some(Coding::Gzip), 1 << 20, &gzip(&data), 64, &spill),
        Ok(data)
    );
}

#[test]
fn when_writing_the_file_fails_the_rest_is_kept_in_memory_after_what_it_holds() {
    let (_tmp, spill) = spill_dir(100);
    std::fs::create_dir_all(&spill.dir).unwrap();
    let mut rng = fastrand::Rng::with_seed(5);
    let data = noise(&mut rng, 1000);
    // 100 bytes in memory, 50 written to the file, which then refuses writes (it is open
    // only for reading).
    let path = spill.dir.join("part");
    std::fs::write(&path, &data[100..150]).unwrap();
    let mut head = CappedBody::new(100, None);
    head.push(&data[..100]).unwrap();
    let mut body = CappedBody {
        len: 150,
        cap: 1000,
        rest: Rest::File {
            file: std::fs::File::open(&path).unwrap(),
            len: 50,
            dir: spill.dir.clone(),
            tail: Blocks::default(),
        },
        ..head
    };
    for p in data[150..].chunks(77) {
        body.push(p).unwrap();
    }
    assert!(matches!(&body.rest, Rest::File { len: 50, tail, .. } if tail.len == 850));
    assert_eq!(body.into_vec().unwrap(), data);
}

#[test]
fn a_file_that_cannot_be_read_back_is_a_one_line_error_naming_its_directory() {
    let (_tmp, spill) = spill_dir(100);
    std::fs::create_dir_all(&spill.dir).unwrap();
    // Open only for writing: reading it back fails.
    let mut file = std::fs::File::create(spill.dir.join("part")).unwrap();
    file.write_all(&[1; 50]).unwrap();
    let mut head = CappedBody::new(100, None);
    head.push(&[0; 100]).unwrap();
    let body = CappedBody {
        len: 150,
        cap: 1000,
        rest: Rest::File {
            file,
            len: 50,
            dir: spill.dir.clone(),
            tail: Blocks::default(),
        },
        ..head
    };
    let Err(BodyError::Unread(why)) = body.into_vec() else {
        panic!("the file could not be read");
    };
    assert!(why.contains(&*spill.dir.to_string_lossy()), "{why}");
    assert!(!why.contains('\n'), "{why}");
}

#[test]
fn a_gzip_body_inflated_past_the_threshold_round_trips_through_its_file() {
    let (_tmp, spill) = spill_dir(1000);
    let mut rng = fastrand::Rng::with_seed(6);
    // Noise hardly compresses: held compressed for its first 16 KiB (1 MiB / 64, spilling
    // past 1,000 bytes), then inflated as it comes, into memory and then a file.
    let data = noise(&mut rng, 200_000);
    let wire = gzip(&data);
    let cap = 1 << 20;
    let mut body = Body::new(Some(Coding::Gzip), cap, Some(&spill));
    let mut raw_spilled = false;
    for p in pieces(&mut rng, &wire, 4099) {
        body.push(p).unwrap();
        if let State::Held { raw, .. } = &body.state {
            raw_spilled |= matches!(raw.rest, Rest::File { .. });
        }
    }
    assert!(raw_spilled, "the held compressed body went to a file too");
    let State::Inflating(Inflater::Gzip(d)) = &body.state else {
        panic!("noise is inflated as it comes");
    };
    let Sink::Keep(kept) = d.get_ref() else {
        panic!("what it inflates to is kept");
    };
    assert_eq!(kept.head.len, 1000);
    assert!(matches!(kept.rest, Rest::File { .. }));
    // The held body's file closed when it was inflated; the inflated body's is open.
    assert_files_open(&spill.dir, 1);
    let v = body.finish().unwrap();
    assert!(v == data, "the inflated body came back different");
    assert_nothing_left(&spill.dir);
    // A well-compressed one is held, from memory and its file, and inflated at the end.
    let text = b"Title\n\nThe same line again and again, now and then.\n".repeat(20_000);
    let wire = gzip(&text);
    assert!(wire.len() > 1000 && wire.len() <= cap / MIN_RATIO);
    assert_eq!(
        receive_spilling(Some(Coding::Gzip), cap, &wire, 1001, &spill),
        Ok(text)
    );
    // Inflated past the cap: refused, and no file left.
    let big = noise(&mut rng, cap + 1);
    let refused = receive_spilling(Some(Coding::Gzip), cap, &gzip(&big), 4096, &spill);
    assert_eq!(refused, Err(BodyError::OverCap));
    assert_nothing_left(&spill.dir);
}
