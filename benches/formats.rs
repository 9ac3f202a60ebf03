//! Parse throughput of every input format, on the real fixture files and on large documents
//! built from their real entries: `cargo bench --bench formats [-- NAME]`. Prints MB/s per
//! document.

use liveblog::blog::{Entry, LiveBlog};
use liveblog::serve::timeline::{ReplayOptions, Timeline};
use liveblog::serve::writers::{self, Site};
use std::time::{Duration, Instant};

#[path = "../tests/support/fixtures.rs"]
mod fixtures;
#[path = "../tests/support/hostile.rs"]
mod hostile;
use fixtures::ALL as FIXTURES;

/// Parses `bytes` repeatedly for about a second (at least 5 times); returns (runs, seconds of
/// the fastest run, mean seconds per run). The fastest is the figure to compare: on a shared
/// machine the others measure the neighbours too. The result is the same every run: a document meant to be refused is
/// timed refusing.
fn time_parse(bytes: &[u8]) -> (u32, f64, f64) {
    time_with(bytes, |b| {
        let blog = liveblog::formats::parse(b);
        let ok = blog.is_ok();
        std::hint::black_box(blog.ok());
        ok
    })
}

/// [`time_parse`] for any reading of `bytes` that says whether it succeeded.
fn time_with(bytes: &[u8], parse: impl Fn(&[u8]) -> bool) -> (u32, f64, f64) {
    let mut runs = 0u32;
    let start = Instant::now();
    let first = parse(bytes);
    let mut best = f64::INFINITY;
    while start.elapsed() < Duration::from_secs(1) || runs < 5 {
        let one = Instant::now();
        let ok = parse(bytes);
        best = best.min(one.elapsed().as_secs_f64());
        assert_eq!(ok, first, "a document parses every time or never");
        runs += 1;
    }
    (runs, best, start.elapsed().as_secs_f64() / f64::from(runs))
}

/// The documents to time: those whose name contains the first argument that is not an option
/// (`cargo bench --bench formats -- Guardian`), or all.
fn wanted(name: &str) -> bool {
    std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .is_none_or(|f| name.to_lowercase().contains(&f.to_lowercase()))
}

fn report(name: &str, bytes: &[u8]) {
    if !wanted(name) {
        return;
    }
    save_for_profiling(name, bytes);
    let entries = liveblog::formats::parse(bytes).map_or(0, |b| b.entries.len());
    print_line(name, bytes.len(), entries, time_parse(bytes));
}

/// [`report`] for the answer to the Guardian page's live poll, which the poller reads with
/// its own reader rather than through `formats::parse`.
fn report_poll(name: &str, bytes: &[u8]) {
    if !wanted(name) {
        return;
    }
    save_for_profiling(name, bytes);
    let read = |b: &[u8]| liveblog::formats::guardian_poll::parse(b);
    let entries = read(bytes)
        .ok()
        .and_then(|u| u.blocks)
        .map_or(0, |b| b.entries.len());
    let timed = time_with(bytes, |b| {
        let update = read(b);
        let ok = update.is_ok();
        std::hint::black_box(update.ok());
        ok
    });
    print_line(name, bytes.len(), entries, timed);
}

fn print_line(name: &str, len: usize, entries: usize, (runs, secs, mean): (u32, f64, f64)) {
    #[allow(clippy::cast_precision_loss)] // sizes are far below 2^52
    let mb = len as f64 / 1e6;
    println!(
        "{name:<58} {mb:>6.2} MB {entries:>5} entries {:>8.2} ms {:>7.1} MB/s \
         (fastest of {runs}; mean {:.1} MB/s)",
        secs * 1e3,
        mb / secs,
        mb / mean
    );
}

/// With `FORMATS_BENCH_SAVE=DIR`, each document timed is also written to `DIR`, named after
/// its line, so that a profiler can be pointed at one parse of it (`liveblog dump FILE`).
fn save_for_profiling(name: &str, bytes: &[u8]) {
    let Some(dir) = std::env::var_os("FORMATS_BENCH_SAVE") else {
        return;
    };
    let file: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let path = std::path::Path::new(&dir).join(file);
    if let Err(e) = std::fs::write(&path, bytes) {
        eprintln!("{}: {e}", path.display());
    }
}

/// A blog of `n` entries made from the real entries of the seed and the fixtures, with new ids.
fn big_blog(n: usize) -> LiveBlog {
    let dir = fixtures::dir();
    let mut pool: Vec<Entry> = liveblog::formats::parse(liveblog::source::BUNDLED.as_bytes())
        .map(|b| b.entries)
        .unwrap_or_default();
    for f in FIXTURES {
        if let Ok(b) = std::fs::read(dir.join(f))
            .map_err(|_| ())
            .and_then(|b| liveblog::formats::parse(&b).map_err(|_| ()))
        {
            pool.extend(b.entries);
        }
    }
    let base = jiff::Timestamp::from_second(1_739_800_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let entries = (0..n)
        .map(|i| {
            let mut e = pool[i % pool.len()].clone();
            e.id = format!("big-{i}");
            let t = base
                .checked_sub(jiff::SignedDuration::from_secs(
                    60 * i64::try_from(i).unwrap_or(0),
                ))
                .unwrap_or(base);
            e.published = Some(liveblog::blog::Stamp::utc(t));
            e.updated = e.published;
            e
        })
        .collect();
    LiveBlog {
        title: "A large live blog".into(),
        standfirst: "Built from real entries".into(),
        entries,
        ..LiveBlog::default()
    }
}

/// Each format's large document: the same 5,000 real entries, written by the replay server.
fn large_documents() {
    println!("\nLarge documents of 5,000 real entries, written by the replay server:");
    let blog = big_blog(5000);
    let mut opts = ReplayOptions::paced(Duration::from_secs(1));
    opts.initial = usize::MAX;
    let snap = Timeline::new(blog, &opts).at(Duration::from_secs(1_000_000));
    let site = Site {
        base: "http://127.0.0.1:8080".into(),
        page_path: "/world/live/2025/feb/17/big".into(),
    };
    report(
        "Guardian page JSON",
        writers::guardian_page(&snap, &site).as_bytes(),
    );
    report(
        "Content API item JSON",
        writers::capi_item(&snap, &site, None).as_bytes(),
    );
    report(
        "HTML page with JSON-LD",
        writers::html_page(&snap, &site).as_bytes(),
    );
    report(
        "AMP page with a live list",
        writers::amp::amp_page(&snap, &site).as_bytes(),
    );
    report(
        "WordPress Liveblog JSON (every change)",
        writers::wordpress::answer(
            &snap,
            writers::wordpress::ApiRoute::EntriesBetween(0, i64::MAX),
        )
        .as_bytes(),
    );
    report("RSS 2.0", writers::rss(&snap, &site).as_bytes());
    report("Atom", writers::atom(&snap, &site).as_bytes());
    report("liveblog JSON", writers::native(&snap, &site).as_bytes());
    report("plain text", writers::text(&snap).as_bytes());
    // Five new blocks, as the site reports at most, and the timeline of all the key events.
    let sixth = &snap.blog.entries[5].id;
    report_poll(
        "Guardian live poll (5 blocks, every key event)",
        writers::live_update(&snap, &format!("block-{sixth}")).as_bytes(),
    );
}

fn main() {
    let dir = fixtures::dir();
    println!("Parse throughput (formats::parse: sniff, parse, sanitise)\n");
    println!("Fixture files:");
    for f in FIXTURES {
        match std::fs::read(dir.join(f)) {
            Ok(bytes) => report(f, &bytes),
            Err(e) => println!("{f}: {e}"),
        }
    }
    report(
        "bundled plain-text blog",
        liveblog::source::BUNDLED.as_bytes(),
    );

    large_documents();

    // A page without live markup is read by its layout: a search over every element's
    // children and a bounded look into each block.
    println!("\nPages without live markup (read from a run of timed blocks):");
    let texts: Vec<String> = big_blog(2000)
        .entries
        .iter()
        .map(liveblog::blog::Entry::plain_text)
        .collect();
    report(
        "HTML page of 2,000 timed blocks, no markup",
        writers::timed_blocks_page(texts.iter().map(String::as_str)).as_bytes(),
    );
    let level = "<div class=\"x\"><p>10:00 a</p><div class=\"x\"><p>10:01 b</p></div>\
                 <div class=\"x\"><p>10:02 c</p></div>";
    report(
        "timed blocks in timed blocks, 1,000 deep",
        format!(
            "<html><body>{}{}",
            level.repeat(1000),
            "</div>".repeat(1000)
        )
        .as_bytes(),
    );
    // The same nesting with a LiveBlogPosting, so nothing is guessed: what parsing alone costs.
    report(
        "the same nesting, read from its JSON-LD instead",
        format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"LiveBlogPosting\",\
             \"liveBlogUpdate\":{{\"articleBody\":\"x\"}}}}</script></head><body>{}{}",
            level.repeat(1000),
            "</div>".repeat(1000)
        )
        .as_bytes(),
    );

    hostile();
}

/// Hostile nesting and markup: refused, flattened or bounded, as the tests check; how fast.
fn hostile() {
    // Hostile nesting: refused or flattened, and how long that takes (the tests check what
    // happens, this says how fast).
    println!("\nHostile nesting, 100,000 deep:");
    report(
        "Guardian JSON, arrays (refused)",
        format!(r#"{{"blocks":{}"#, "[".repeat(100_000)).as_bytes(),
    );
    let html = format!(
        "{}deep{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    report(
        "Guardian JSON, HTML divs in an entry (flattened)",
        guardian_entry_of(&html).as_bytes(),
    );

    // Markup that hides tags from a scan for them, repeated: bounded, as the tests check; this
    // says how fast, in an entry's body and as a whole page.
    println!("\nHostile markup, 30,000 repeats:");
    for trick in hostile::TRICKS {
        let html = trick.repeat(30_000);
        report(
            &format!("Guardian JSON, {trick} in an entry"),
            guardian_entry_of(&html).as_bytes(),
        );
        let page = format!("<!doctype html><html><head><title>T</title></head><body>{html}");
        report(&format!("HTML page of {trick}"), page.as_bytes());
    }
}

/// A Guardian page JSON of one entry whose body is `html`.
fn guardian_entry_of(html: &str) -> String {
    serde_json::json!({
        "headline": "H",
        "blocks": [{"id": "a", "elements": [{
            "_type": "model.dotcomrendering.pageElements.TextBlockElement", "html": html
        }]}]
    })
    .to_string()
}
