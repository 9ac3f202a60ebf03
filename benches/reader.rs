//! How the reader's cost grows with the size of a blog: parse, first frame, a jump or a page
//! scroll to the middle, one frame there, and how many entry layouts are held. Blogs of 500 and
//! 5,000 entries are built from real entry texts (the bundled blog's and the `articleBody` of
//! the JSON-LD fixtures), in the plain-text form, as `../shared/tools/bigblog.py` does.
//!
//! `cargo bench --bench reader` prints one table. Each time is the median of several runs;
//! figures are for comparing sizes and versions on one machine, not absolute promises.

use liveblog::blog::LiveBlog;
use liveblog::tui::action::Action;
use liveblog::tui::model::{Model, ReaderOptions};
use liveblog::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const ENTRIES: [usize; 2] = [500, 5_000];
const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;
/// Runs per figure; the median is shown.
const RUNS: usize = 9;

/// Real paragraphs: the bundled blog's entry lines and the fixtures' article bodies.
fn paragraphs() -> Vec<String> {
    let seed = liveblog::source::BUNDLED;
    // Skip the title, standfirst and key-events list: entry text is what follows.
    let body_start = seed.lines().position(|l| l.trim().is_empty()).unwrap_or(0);
    let mut paras: Vec<String> = seed
        .lines()
        .skip(body_start)
        .filter(|l| l.chars().count() > 60)
        .map(str::to_string)
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jsonld");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        collect_article_bodies(&json, &mut paras);
    }
    paras
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| p.chars().count() > 40)
        .collect()
}

fn collect_article_bodies(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::String(body)) = m.get("articleBody") {
                out.extend(
                    split_paragraphs(&strip_tags(body))
                        .into_iter()
                        .filter(|p| p.len() > 40),
                );
            }
            m.values().for_each(|x| collect_article_bodies(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_article_bodies(x, out)),
        _ => {}
    }
}

/// Paragraphs as bigblog.py cuts them: at line breaks, and after a full stop followed by two
/// or more blanks (where the markup had a paragraph break).
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            out.push(std::mem::take(&mut cur));
            continue;
        }
        cur.push(c);
        if c == '.' {
            let mut blanks = 0;
            while chars.peek().is_some_and(|n| *n == ' ' || *n == '\t') {
                chars.next();
                blanks += 1;
            }
            if blanks >= 2 {
                out.push(std::mem::take(&mut cur));
            } else if blanks == 1 {
                cur.push(' ');
            }
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Tags out, the common entities decoded: enough for text to measure with.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}

/// A blog of `n` entries in the plain-text form, newest first: every fifth entry is a key
/// event with a unique title; each entry has one to four real paragraphs.
fn text_blog(n: usize, paras: &[String]) -> String {
    let k = paras.len();
    let mut titles = Vec::new();
    let mut entries = Vec::new();
    for i in 0..n {
        let body: Vec<&str> = (0..=i % 4)
            .map(|j| paras[(i * 7 + j * 13) % k].as_str())
            .collect();
        let title = (i % 5 == 0).then(|| {
            let t: String = paras[(i * 11) % k].chars().take(70).collect();
            format!("Update {}: {}", n - i, t.trim_end())
        });
        if let Some(t) = &title {
            titles.push(t.clone());
        }
        entries.push((title, body));
    }
    let mut out = String::from(
        "A very long live blog built from real entries\nStandfirst of the long live blog\nKey events\n",
    );
    for t in &titles {
        out.push_str("-\n");
        out.push_str(t);
        out.push('\n');
    }
    for (title, body) in entries {
        // A blank line closes an entry.
        out.push('\n');
        if let Some(t) = title {
            out.push_str(&t);
            out.push('\n');
        }
        for p in body {
            out.push_str(p);
            out.push('\n');
        }
    }
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

/// Runs `f` [`RUNS`] times with a fresh input from `setup` and returns the median time.
fn time<S, T>(mut setup: impl FnMut() -> S, mut f: impl FnMut(S) -> T) -> Duration {
    let runs = (0..RUNS)
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            let out = black_box(f(input));
            let elapsed = start.elapsed();
            // Dropping the result (a whole model, say) is not part of what is measured.
            drop(out);
            elapsed
        })
        .collect();
    median(runs)
}

fn model(blog: LiveBlog) -> Model {
    Model::new(
        blog,
        ReaderOptions::new(
            "bench",
            Theme::new(true),
            jiff::tz::TimeZone::UTC,
            (WIDTH, HEIGHT),
        ),
    )
}

/// A fresh terminal: made outside the timed part, so that a frame's time is the reader's work
/// and not the allocation of the emulated screen.
fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal")
}

/// One full frame (nothing to diff against, as after a resize).
fn draw(terminal: &mut Terminal<TestBackend>, m: &Model) {
    terminal
        .draw(|f| liveblog::tui::ui::draw(f, m))
        .expect("draw");
}

/// The model with its top in the middle of the blog, reached by jumping from key event to key
/// event (the way a reader skims).
fn jumped_to_middle(blog: &LiveBlog) -> Model {
    let mut m = model(blog.clone());
    for _ in 0..blog.key_events.len() / 2 {
        m.update(Action::NextKeyEvent);
    }
    m
}

/// The model with its top in the middle, reached from the bottom a page at a time. Returns the
/// number of pages.
fn paged_to_middle(m: &mut Model) -> usize {
    let middle = m.blog().entries.len() / 2;
    m.update(Action::Bottom);
    let mut pages = 0;
    while m.top_index().is_some_and(|i| i > middle) {
        m.update(Action::PageUp);
        pages += 1;
    }
    pages
}

struct Row {
    label: &'static str,
    unit: &'static str,
    values: Vec<String>,
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

/// The figures for a blog of `n` entries, in the order of the table's rows.
fn measure(n: usize, paras: &[String]) -> Vec<String> {
    let text = text_blog(n, paras);
    let blog = liveblog::formats::parse(text.as_bytes()).expect("the built blog parses");
    let parse = time(|| (), |()| liveblog::formats::parse(text.as_bytes()));
    let first = time(
        || (blog.clone(), terminal()),
        |(b, mut t)| {
            let m = model(b);
            draw(&mut t, &m);
            m
        },
    );
    let new_only = time(|| blog.clone(), model);
    let fresh = model(blog.clone());
    let draw_first = time(terminal, |mut t| draw(&mut t, &fresh));
    let held_first = fresh.cache().len();

    let jumps = blog.key_events.len() / 2;
    let jump = time(
        || model(blog.clone()),
        |mut m| {
            for _ in 0..jumps {
                m.update(Action::NextKeyEvent);
            }
            m
        },
    );
    let at_middle = jumped_to_middle(&blog);
    let frame_mid = time(terminal, |mut t| draw(&mut t, &at_middle));
    let held_jump = at_middle.cache().len();

    let mut pages = 0;
    let paging = time(
        || model(blog.clone()),
        |mut m| {
            pages = paged_to_middle(&mut m);
            m
        },
    );
    let mut after_paging = model(blog.clone());
    paged_to_middle(&mut after_paging);
    let held_paged = after_paging.cache().len();

    // The first letter typed at `/`: every entry's text made ready for searching, then searched.
    let search_first = time(
        || {
            let mut m = model(blog.clone());
            m.update(Action::Search);
            m
        },
        |mut m| {
            m.update(Action::SearchChar('u'));
            m
        },
    );
    // A letter typed after it: every entry's text searched again for the word so far.
    let search_key = time(
        || {
            let mut m = model(blog.clone());
            for action in [
                Action::Search,
                Action::SearchChar('u'),
                Action::SearchChar('k'),
            ] {
                m.update(action);
            }
            m
        },
        |mut m| {
            m.update(Action::SearchChar('r'));
            m
        },
    );

    let (help_frame, help_key) = help_costs(&blog);

    let per = |d: Duration, k: usize| {
        format!(
            "{:.1}",
            d.as_secs_f64() * 1e6 / f64::from(u32::try_from(k.max(1)).unwrap_or(u32::MAX))
        )
    };
    [
        blog.entries.len().to_string(),
        blog.key_events.len().to_string(),
        (text.len() / 1024).to_string(),
        ms(parse),
        ms(first),
        ms(new_only),
        ms(draw_first),
        held_first.to_string(),
        ms(jump),
        per(jump, jumps),
        ms(frame_mid),
        held_jump.to_string(),
        ms(paging),
        format!("{pages} / {}", per(paging, pages)),
        held_paged.to_string(),
        ms(search_first),
        ms(search_key),
        ms(help_frame),
        ms(help_key),
    ]
    .into()
}

/// The help open: a frame (its lines wrapped anew each time), and a line scrolled in it (the
/// update counts its lines).
fn help_costs(blog: &LiveBlog) -> (Duration, Duration) {
    let open = || {
        let mut m = model(blog.clone());
        m.update(Action::ToggleHelp);
        m
    };
    let helped = open();
    let frame = time(terminal, |mut t| draw(&mut t, &helped));
    let key = time(open, |mut m| {
        m.update(Action::ScrollDown);
        m
    });
    (frame, key)
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: a smoke run is enough there.
    let quick = !std::env::args().any(|a| a == "--bench");
    let started = Instant::now();
    let paras = paragraphs();
    let mut rows: Vec<Row> = [
        ("entries parsed", ""),
        ("key events", ""),
        ("input size", "KiB"),
        ("parse", "ms"),
        ("first frame (Model::new + draw)", "ms"),
        ("  Model::new alone", "ms"),
        ("  draw alone", "ms"),
        ("layouts held after first frame", ""),
        ("jump to middle (NextKeyEvent ×K/2)", "ms"),
        ("  per jump", "µs"),
        ("frame at the middle", "ms"),
        ("layouts held after the jumps", ""),
        ("page up from bottom to middle", "ms"),
        ("  pages / per page", "µs"),
        ("layouts held after paging", ""),
        ("the first letter typed at /", "ms"),
        ("  a letter after it (\"uk\" → \"ukr\")", "ms"),
        ("a frame with the help open", "ms"),
        ("  a line scrolled in the help", "ms"),
    ]
    .into_iter()
    .map(|(label, unit)| Row {
        label,
        unit,
        values: Vec::new(),
    })
    .collect();

    // Warm up caches and the CPU clock, or the first size measured pays for it.
    black_box(measure(ENTRIES[0] / 10, &paras));
    for n in ENTRIES {
        let n = if quick { n / 10 } else { n };
        for (row, v) in rows.iter_mut().zip(measure(n, &paras)) {
            row.values.push(v);
        }
    }

    let label_w = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0)
        + 6;
    println!(
        "reader at {WIDTH}×{HEIGHT}, median of {RUNS} runs{}",
        if quick {
            " (smoke run: a tenth of the sizes)"
        } else {
            ""
        }
    );
    print!("{:label_w$}", "");
    for n in ENTRIES {
        let n = if quick { n / 10 } else { n };
        print!("{:>16}", format!("{n} entries"));
    }
    println!();
    for r in &rows {
        let label = if r.unit.is_empty() {
            r.label.to_string()
        } else {
            format!("{} ({})", r.label, r.unit)
        };
        print!("{label:label_w$}");
        for v in &r.values {
            print!("{v:>16}");
        }
        println!();
    }
    several_blogs(&paras, quick);
    println!("total bench time: {:.1} s", started.elapsed().as_secs_f64());
}

/// `blogs` blogs of `n` timed entries each, interleaving (entry `i` of blog `b` is `i` minutes
/// and `b` × 5 seconds before the newest).
fn timed_blogs(blogs: usize, n: usize, paras: &[String]) -> Vec<LiveBlog> {
    let base = liveblog::blog::Stamp::parse("2025-02-17T18:00:00Z").expect("stamp");
    (0..blogs)
        .map(|b| {
            let text = text_blog(n, &paras[b % paras.len()..]);
            let mut blog = liveblog::formats::parse(text.as_bytes()).expect("parses");
            for (i, e) in blog.entries.iter_mut().enumerate() {
                let secs = i64::try_from(i * 60 + b * 5).unwrap_or(0);
                let t = base.instant() - jiff::SignedDuration::from_secs(secs);
                e.published = Some(liveblog::blog::Stamp::utc(t));
            }
            blog.state = liveblog::blog::LiveState::Live;
            blog
        })
        .collect()
}

fn feeds_model(blogs: &[LiveBlog]) -> Model {
    use liveblog::tui::model::FeedSpec;
    let specs = blogs
        .iter()
        .enumerate()
        .map(|(k, b)| FeedSpec {
            name: format!("Blog {k}"),
            blog: b.clone(),
            following: true,
            pageable: false,
            first_error: None,
        })
        .collect();
    Model::with_feeds(
        specs,
        Some("bench".into()),
        ReaderOptions::new(
            "bench",
            Theme::new(true),
            jiff::tz::TimeZone::UTC,
            (WIDTH, HEIGHT),
        ),
        jiff::Timestamp::now(),
    )
}

/// `blog` with `k` new entries on top, a minute apart, after its newest.
fn grown(blog: &LiveBlog, k: usize, tag: &str) -> LiveBlog {
    let mut b = blog.clone();
    let newest = b.entries[0].clone();
    let t0 = newest.published.expect("timed").instant();
    for i in 0..k {
        let mut e = newest.clone();
        e.id = format!("{tag}-new-{i}");
        let secs = i64::try_from(60 * (i + 1)).unwrap_or(0);
        e.published = Some(liveblog::blog::Stamp::utc(
            t0 + jiff::SignedDuration::from_secs(secs),
        ));
        b.entries.insert(0, e);
    }
    b
}

/// Several blogs merged against one blog of the same total size: the cost of taking in 10
/// new entries of one blog, and of a frame in the merged view (scrolled away from the top, so
/// the reader's place is kept rather than followed).
fn several_blogs(paras: &[String], quick: bool) {
    use liveblog::live::Event;
    let (blogs, per) = if quick { (10, 100) } else { (10, 1_000) };
    let many = timed_blogs(blogs, per, paras);
    let one = {
        let mut all = timed_blogs(1, blogs * per, paras);
        all.remove(0)
    };
    let at = jiff::Timestamp::now();
    let loaded = |k: usize, b: LiveBlog| {
        Action::Live(
            k,
            Event::Loaded {
                blog: Box::new(b),
                at,
            },
        )
    };
    let grown_many = grown(&many[3], 10, "m");
    let grown_one = grown(&one, 10, "o");
    let away = |mut m: Model| {
        m.update(Action::PageDown);
        m
    };
    let open_many = time(|| (), |()| feeds_model(&many));
    let open_one = time(|| one.clone(), model);
    let merge_many = time(
        || (away(feeds_model(&many)), grown_many.clone()),
        |(mut m, b)| {
            m.update(loaded(3, b));
            m
        },
    );
    let merge_one = time(
        || (away(model(one.clone())), grown_one.clone()),
        |(mut m, b)| {
            m.update(loaded(0, b));
            m
        },
    );
    let m = away(feeds_model(&many));
    let frame_many = time(terminal, |mut t| draw(&mut t, &m));
    let o = away(model(one.clone()));
    let frame_one = time(terminal, |mut t| draw(&mut t, &o));
    println!();
    println!(
        "several blogs: {blogs} blogs of {per} entries, merged, against one blog of {}",
        blogs * per
    );
    println!("{:44}{:>16}{:>16}", "", "merged", "one blog");
    println!(
        "{:44}{:>16}{:>16}",
        "open (ms)",
        ms(open_many),
        ms(open_one)
    );
    println!(
        "{:44}{:>16}{:>16}",
        "take in 10 new entries of one blog (ms)",
        ms(merge_many),
        ms(merge_one)
    );
    println!(
        "{:44}{:>16}{:>16}",
        "one frame (ms)",
        ms(frame_many),
        ms(frame_one)
    );
}
