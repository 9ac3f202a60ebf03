#![expect(clippy::format_collect, reason = "test pages are small")]

use super::*;
use crate::blog::Extraction;
use crate::formats::{self, FormatError};

const FALUBAZ: &[u8] =
    include_bytes!("../../../../tests/fixtures/html/sportowefakty-wp-pl-falubaz-relacja.html");

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html><head><title>Page</title>{head}</head><body>{body}</body></html>")
}

fn written(b: &LiveBlog) -> Vec<Option<&str>> {
    b.entries
        .iter()
        .map(|e| e.time_as_written.as_deref())
        .collect()
}

#[test]
fn markers_are_clock_times_and_minutes_and_nothing_else() {
    let m = |s: &str| marker(s).and_then(|w| w.written().map(str::to_string));
    assert_eq!(m("19:30"), Some("19:30".into()));
    assert_eq!(m("  9:05 Anpfiff"), Some("9:05".into()));
    assert_eq!(m("14.05 Uhr: Tor"), Some("14.05 Uhr".into()));
    assert_eq!(m("14:05 uhr"), Some("14:05 uhr".into()));
    assert_eq!(m("95' Abpfiff"), Some("95'".into()));
    assert_eq!(m("45+2’ Gelb"), Some("45+2’".into()));
    for not in [
        "65.06 sek.",
        "57:33 (w dwumeczu)",
        "12.05.2020",
        "14.05 Uhrwerk",
        "1 : 5",
        "19:30:15",
        "2020-10-06",
        "90's music",
        "0' start",
        "1999' ",
        "Bieg 15",
        "",
    ] {
        assert_eq!(m(not), None, "{not}");
    }
    assert_eq!(marker("45+2'"), Some(When::Minute(47, "45+2'".into())));
}

#[test]
fn a_marker_is_read_from_text_as_from_the_same_text_collapsed() {
    // A `<time>`'s text is read without collapsing it first.
    for t in [
        "19:30",
        "\n\t 9:05\u{a0}Anpfiff",
        "14.05\n\n  Uhr: Tor",
        "14:05\u{3000}uhr\n",
        "95'\n",
        "45+2’\t",
        " 14.05 \n Uhrwerk",
        "1 \n: 5",
        "\u{a0}\u{a0}10:00",
        "10\n:00",
        "10:\n00",
        "14.05\r\nUhr",
        "7.30 \t\u{85}UHR!",
        "90'\u{2003}x",
        "",
    ] {
        assert_eq!(marker(t), marker(&html::collapse(t)), "{t:?}");
    }
}

#[test]
fn the_speedway_report_is_53_guessed_entries_in_page_order_with_its_times_and_heats() {
    let b = formats::parse(FALUBAZ).unwrap();
    assert_eq!(b.extracted, Extraction::Heuristic);
    assert_eq!(b.entries.len(), 53);
    assert_eq!(b.title, "Fogo Unia Leszno - RM Solar Falubaz Zielona Góra");
    assert_eq!(
        b.url.as_deref(),
        Some(
            "https://sportowefakty.wp.pl/zuzel/relacja/110331/fogo-unia-leszno-rm-solar-falubaz-zielona-gora"
        )
    );
    let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids[..5], ["904253", "102457", "904241", "102456", "904214"]);
    assert_eq!(ids[52], "903923");
    // The page gives no date, so no time is an instant; the 20 timed entries keep theirs as
    // written, newest first as the page shows them.
    assert!(b.entries.iter().all(|e| e.published.is_none()));
    let times: Vec<&str> = written(&b).into_iter().flatten().collect();
    assert_eq!(times.len(), 20);
    assert_eq!(times[..4], ["19:30", "19:17", "19:16", "19:14"]);
    assert_eq!(times[19], "18:05");
    assert_eq!(b.entries[2].time_as_written.as_deref(), Some("19:30"));
    assert_eq!(b.entries[0].time_as_written, None);
    // The time is the byline's, not the body's.
    let e2 = b.entries[2].plain_text();
    assert!(e2.starts_with("Piotr Protasiewicz"), "{e2:?}");
    // Heats: their heading is the title, the riders and points a list, the comment a paragraph.
    let titles: Vec<&str> = b
        .entries
        .iter()
        .filter_map(|e| e.title.as_deref())
        .collect();
    assert_eq!(titles.len(), 15);
    assert_eq!(titles[0], "Bieg 15");
    assert_eq!(titles[14], "Bieg 1");
    let heat = &b.entries[1];
    assert_eq!(heat.title.as_deref(), Some("Bieg 15"));
    let lists: Vec<&Block> = heat
        .body
        .iter()
        .filter(|b| matches!(b, Block::List { .. }))
        .collect();
    assert_eq!(lists.len(), 1, "{:#?}", heat.body);
    let Block::List { items, .. } = lists[0] else {
        unreachable!()
    };
    assert_eq!(items.len(), 4);
    // Rider, reserve note and points (`d`: a defect) are the page's fields, kept apart.
    let item = |i: usize| -> String { items[i].iter().map(|r| r.text.as_str()).collect() };
    assert_eq!(
        item(0),
        "Dominik Kubera · Rezerwa zwykła za Emil Sajfutdinow · d"
    );
    assert_eq!(item(1), "Piotr Protasiewicz · 3");
    // The scoreboard (heat time, logos that are not loaded, points, heat score) is one line.
    assert_eq!(
        heat.body[0].plain_text(),
        "65.06 sek. · Fogo Unia Leszno · 57 · 1 : 5 · 33 · RM Solar Falubaz Zielona Góra"
    );
    let text = heat.plain_text();
    assert!(text.contains("Podwójna rezerwa zwykła"), "{text}");
    assert!(
        !text.contains("Bieg 15"),
        "the title is not repeated: {text}"
    );
}

#[test]
fn reading_the_same_page_again_gives_the_same_ids() {
    let a = formats::parse(FALUBAZ).unwrap();
    let b = formats::parse(FALUBAZ).unwrap();
    let ids = |b: &LiveBlog| b.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert!(crate::blog::merge::diff(&a, &b).is_empty());
}

fn ticker(items: &[(&str, &str)]) -> String {
    let body: String = items
        .iter()
        .map(|(t, x)| format!("<div class=\"eintrag\"><p><strong>{t}</strong> {x}</p></div>"))
        .collect();
    page(
        "<meta property=\"article:published_time\" content=\"2024-03-09T13:00:00+01:00\">",
        &format!("<h1>Bayern gegen Mainz im Ticker</h1><div class=\"ticker\">{body}</div>"),
    )
}

#[test]
fn a_german_ticker_with_uhr_markers_is_dated_from_the_page_and_ids_survive_a_new_entry() {
    let items = [
        ("15.20 Uhr:", "Abpfiff in München."),
        ("14.05 Uhr:", "Tor für Bayern."),
        ("13.30 Uhr:", "Anpfiff."),
    ];
    let b = formats::parse(ticker(&items).as_bytes()).unwrap();
    assert_eq!(b.extracted, Extraction::Heuristic);
    assert_eq!(b.title, "Bayern gegen Mainz im Ticker");
    assert_eq!(b.entries.len(), 3);
    let e = &b.entries[1];
    assert_eq!(
        e.published.map(|p| p.to_rfc3339()).as_deref(),
        Some("2024-03-09T14:05:00+01:00")
    );
    assert_eq!(e.time_as_written, None);
    assert_eq!(e.plain_text(), "Tor für Bayern.");
    // No id attributes: ids are made from time and text, so a refresh that brings a new
    // entry on top leaves the others' ids alone.
    let mut more = vec![("15.25 Uhr:", "Stimmen zum Spiel.")];
    more.extend(items);
    let c = formats::parse(ticker(&more).as_bytes()).unwrap();
    let ids = |b: &LiveBlog| b.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&c)[1..], ids(&b)[..]);
    let d = crate::blog::merge::diff(&b, &c);
    assert_eq!(d.added.len(), 1);
    assert!(d.edited.is_empty() && d.removed.is_empty(), "{d:?}");
}

#[test]
fn a_ticker_past_midnight_moves_to_the_next_day() {
    let items = [
        ("00:10", "Nach Mitternacht."),
        ("23:50", "Kurz vor Mitternacht."),
        ("23:40", "Der Abend."),
    ];
    let b = formats::parse(ticker(&items).as_bytes()).unwrap();
    let times: Vec<String> = b
        .entries
        .iter()
        .map(|e| e.published.unwrap().to_rfc3339())
        .collect();
    assert_eq!(
        times,
        [
            "2024-03-10T00:10:00+01:00",
            "2024-03-09T23:50:00+01:00",
            "2024-03-09T23:40:00+01:00"
        ]
    );
}

#[test]
fn a_football_page_with_minute_markers_keeps_them_as_written_newest_first() {
    // This page runs oldest first, as some match reports do: turned to newest first.
    let body = "<ul class=\"events\">\
        <li class=\"event\"><h3>Kick-off</h3><p>1' We are under way.</p></li>\
        <li class=\"event\"><p>23' Goal! A header from the corner.</p></li>\
        <li class=\"event\"><p>A long spell of possession without chances.</p></li>\
        <li class=\"event\"><p>45+2' Yellow card for a late tackle.</p></li>\
        <li class=\"event\"><h3>Full time</h3><p>95' It is all over.</p></li>\
        </ul>";
    let b = formats::parse(page("", body).as_bytes()).unwrap();
    assert_eq!(b.extracted, Extraction::Heuristic);
    assert_eq!(
        written(&b),
        [Some("95'"), Some("45+2'"), None, Some("23'"), Some("1'")]
    );
    assert!(b.entries.iter().all(|e| e.published.is_none()));
    assert_eq!(b.entries[0].title.as_deref(), Some("Full time"));
    assert_eq!(b.entries[0].plain_text(), "It is all over.");
    assert_eq!(b.entries[3].plain_text(), "Goal! A header from the corner.");
    assert_eq!(
        b.entries[2].plain_text(),
        "A long spell of possession without chances."
    );
}

#[test]
fn items_with_time_datetime_are_instants() {
    let item = |id: &str, t: &str, x: &str| {
        format!(
            "<article class=\"post\" id=\"{id}\"><time datetime=\"{t}\">earlier</time>\
             <h2>{x}</h2><p>About {x}.</p></article>"
        )
    };
    let body = format!(
        "<main>{}{}{}</main>",
        item("c", "2025-02-17T18:05:00+01:00", "Third"),
        item("b", "2025-02-17T17:30:00+01:00", "Second"),
        item("a", "2025-02-17T17:00:00+01:00", "First"),
    );
    let b = formats::parse(page("", &body).as_bytes()).unwrap();
    let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["c", "b", "a"]);
    assert_eq!(
        b.entries[0].published.unwrap().to_rfc3339(),
        "2025-02-17T18:05:00+01:00"
    );
    assert_eq!(b.entries[0].title.as_deref(), Some("Third"));
    assert_eq!(b.entries[0].plain_text(), "About Third.");
}

#[test]
fn data_time_attributes_count_and_a_date_in_json_ld_dates_clock_times() {
    let body = "<script type=\"application/ld+json\">\
        {\"@type\":\"NewsArticle\",\"datePublished\":\"2024-06-01T09:00:00+02:00\"}</script>\
        <section class=\"tick\" data-time=\"11:15\"><p>Third.</p></section>\
        <section class=\"tick\" data-sort-time=\"1717228800000\"><p>Second.</p></section>\
        <section class=\"tick\" data-time=\"09:30\"><p>First.</p></section>";
    let b = formats::parse(page("", body).as_bytes()).unwrap();
    let times: Vec<String> = b
        .entries
        .iter()
        .map(|e| e.published.unwrap().to_rfc3339())
        .collect();
    assert_eq!(
        times,
        [
            "2024-06-01T11:15:00+02:00",
            "2024-06-01T08:00:00Z",
            "2024-06-01T09:30:00+02:00"
        ]
    );
}

/// A page of `members` blocks of one kind, the first `timed` of them with a time.
fn run_page(members: usize, timed: usize) -> String {
    let blocks: String = (0..members)
        .map(|i| {
            let time = if i < timed {
                format!("{:02}:{:02} ", 20 - i / 60, 59 - i % 60)
            } else {
                String::new()
            };
            format!("<div class=\"b\"><p>{time}Block number {i} says something.</p></div>")
        })
        .collect();
    page("", &blocks)
}

#[test]
fn the_thresholds_are_three_timed_members_and_one_in_four() {
    let guessed = |m: usize, t: usize| formats::parse(run_page(m, t).as_bytes()).is_ok();
    assert_eq!((MIN_TIMED, TIMED_SHARE), (3, 4));
    assert!(guessed(3, 3));
    assert!(!guessed(2, 2), "two timed blocks are too few");
    assert!(guessed(12, 3), "one in four");
    assert!(!guessed(13, 3), "fewer than one in four");
    assert!(guessed(53, 20));
    let b = formats::parse(run_page(12, 3).as_bytes()).unwrap();
    assert_eq!(b.entries.len(), 12);
    assert_eq!(
        written(&b)[..4],
        [Some("20:59"), Some("20:58"), Some("20:57"), None]
    );
}

#[test]
fn an_article_with_a_few_times_in_its_prose_is_not_a_live_blog() {
    let mut paras: Vec<String> = (0..12)
        .map(|i| format!("<p>Paragraph {i} of an ordinary report on the council meeting.</p>"))
        .collect();
    paras[2] = "<p>At 14:30 the mayor arrived.</p>".into();
    paras[5] = "<p>19:00 – the vote was taken.</p>".into();
    paras[7] = "<p>20:15 and the hall emptied.</p>".into();
    let body = format!("<article><h1>Council</h1>{}</article>", paras.concat());
    assert_eq!(
        formats::parse(page("", &body).as_bytes()).unwrap_err(),
        FormatError::NotALiveBlog(super::super::NOT_FOUND.into())
    );
}

#[test]
fn a_navigation_list_or_a_list_of_timed_links_is_not_a_live_blog() {
    let nav = "<nav><ul>\
        <li class=\"m\"><a href=\"/a\">10:00 News</a></li>\
        <li class=\"m\"><a href=\"/b\">11:00 Sport</a></li>\
        <li class=\"m\"><a href=\"/c\">12:00 Weather</a></li></ul></nav>";
    let teasers = "<ul class=\"latest\">\
        <li class=\"t\"><time>10:00</time> <a href=\"/a\">A long headline about one thing</a></li>\
        <li class=\"t\"><time>11:00</time> <a href=\"/b\">A long headline about another</a></li>\
        <li class=\"t\"><time>12:00</time> <a href=\"/c\">A long headline about a third</a></li>\
        </ul>";
    for body in [nav, teasers] {
        assert_eq!(
            formats::parse(page("", body).as_bytes()).unwrap_err(),
            FormatError::NotALiveBlog(super::super::NOT_FOUND.into()),
            "{body}"
        );
    }
}

#[test]
fn pages_with_live_markup_are_read_from_it_and_not_guessed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (f, n) in [
        ("html/corkbeo-level-3-live-2020-10-06.html", 26),
        ("html/ndtv-ind-vs-sl-cwc-2023-11-02.html", 40),
        ("html/timesofindia-ipl-csk-vs-srh-2020-10-02.html", 8),
        ("amp/amp-example-live-blog.amp.html", 1),
    ] {
        let b = formats::parse(&std::fs::read(dir.join(f)).unwrap()).unwrap();
        assert_eq!(b.extracted, Extraction::Structured, "{f}");
        assert_eq!(b.entries.len(), n, "{f}");
    }
}

#[test]
fn a_live_blog_posting_without_updates_takes_the_guessed_entries_under_its_own_title() {
    let body = "<script type=\"application/ld+json\">\
        {\"@type\":\"LiveBlogPosting\",\"headline\":\"Marked blog\",\"liveBlogUpdate\":[]}</script>\
        <div class=\"u\"><p>10:05 Three.</p></div><div class=\"u\"><p>10:03 Two.</p></div>\
        <div class=\"u\"><p>10:01 One.</p></div>";
    let b = formats::parse(page("", body).as_bytes()).unwrap();
    assert_eq!(b.title, "Marked blog");
    assert_eq!(b.extracted, Extraction::Heuristic);
    assert_eq!(written(&b), [Some("10:05"), Some("10:03"), Some("10:01")]);
    // Without the run it stays the (empty) blog it says it is.
    let empty = page(
        "",
        "<script type=\"application/ld+json\">\
         {\"@type\":\"LiveBlogPosting\",\"headline\":\"Marked blog\"}</script><p>Soon.</p>",
    );
    let b = formats::parse(empty.as_bytes()).unwrap();
    assert_eq!((b.title.as_str(), b.entries.len()), ("Marked blog", 0));
    assert_eq!(b.extracted, Extraction::Structured);
}

#[test]
fn a_short_run_of_tiny_blocks_is_left_as_it_is() {
    let two = vec![
        Block::text("57"),
        Block::text("33"),
        Block::text("A longer paragraph here."),
    ];
    assert_eq!(scoreboards_as_lines(two.clone()), two);
}

#[test]
fn hostile_nesting_of_timed_blocks_stays_bounded() {
    // Timed blocks inside timed blocks, as deep as the page guard allows: every level is a
    // candidate, and each member is looked at for a bounded number of nodes.
    let level = "<div class=\"x\"><p>10:00 a</p><div class=\"x\"><p>10:01 b</p></div>\
                 <div class=\"x\"><p>10:02 c</p></div>";
    let deep = page(
        "",
        &format!("{}{}", level.repeat(300), "</div>".repeat(300)),
    );
    let b = formats::parse(deep.as_bytes()).unwrap();
    assert_eq!(b.extracted, Extraction::Heuristic);
    // Wide: thousands of siblings, each timed.
    let wide: String = (0..20_000)
        .map(|i| {
            format!(
                "<div class=\"w\"><p>{:02}:{:02} entry {i}</p></div>",
                i % 24,
                i % 60
            )
        })
        .collect();
    let b = formats::parse(page("", &wide).as_bytes()).unwrap();
    assert_eq!(b.entries.len(), 5_000);
}

#[test]
fn white_space_is_not_counted_as_text_whether_ascii_or_not() {
    for t in [
        "",
        " a b\tc\n\r\u{b}\u{c}d ",
        "déjà vu\u{a0}!",
        "\u{2003}x\u{85}",
        "\u{201c}quoted\u{201d} \u{1f600}\u{3000}\u{3001}\u{1680}\u{1681}",
    ] {
        assert_eq!(
            non_space_chars(t),
            t.chars().filter(|c| !c.is_whitespace()).count(),
            "{t:?}"
        );
    }
    // Long enough for every byte-wide count to be full, and then some.
    let long = "x".repeat(16 * 255 * 2 + 7);
    assert_eq!(non_space_chars(&long), long.len());
    // Every character up to past the last white space, with its neighbours that share a
    // first byte.
    let all: String = ('\0'..='\u{3100}').collect();
    assert_eq!(
        non_space_chars(&all),
        all.chars().filter(|c| !c.is_whitespace()).count()
    );
}

/// The inner HTML of `el` with each mark's HTML written out again and its first occurrence
/// cut: what [`html_without`] must give.
fn cut_by_search(el: ElementRef<'_>, marks: [Option<ElementRef<'_>>; 2]) -> String {
    let mut body = serial::html(el, false);
    for gone in marks.into_iter().flatten() {
        let gone = serial::html(gone, true);
        if let Some(at) = body.find(&gone) {
            body.replace_range(at..at + gone.len(), "");
        }
    }
    body
}

/// Every element of `doc` with the pairs of its first elements as marks, in either order.
/// Marks to cut from `el`: none, and each of its first five elements below it as a title or
/// a time, alone and in pairs either way round.
fn mark_pairs<'a>(el: ElementRef<'a>) -> Vec<[Option<ElementRef<'a>>; 2]> {
    let below: Vec<ElementRef<'a>> = el.descendent_elements().skip(1).take(5).collect();
    let mut pairs = vec![[None, None]];
    for (i, a) in below.iter().enumerate() {
        pairs.push([Some(*a), None]);
        pairs.push([None, Some(*a)]);
        for b in &below[i + 1..] {
            pairs.push([Some(*a), Some(*b)]);
            pairs.push([Some(*b), Some(*a)]);
        }
    }
    pairs
}

fn cuts_agree_on_every_element(doc: &Html) {
    // The page's largest elements left out: each is written out once per pair of marks.
    for el in doc
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|el| el.descendants().nth(200).is_none())
    {
        for marks in mark_pairs(el) {
            assert_eq!(html_without(el, marks), cut_by_search(el, marks));
        }
    }
}

/// The text of every HTML and AMP fixture page.
pub(in crate::formats::schema_org) fn fixture_pages() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut pages = Vec::new();
    for sub in ["html", "amp"] {
        for f in std::fs::read_dir(dir.join(sub)).unwrap() {
            let bytes = std::fs::read(f.unwrap().path()).unwrap();
            pages.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    pages
}

/// Blocks with copies of a mark's HTML before it (raw in a script, in an attribute's text
/// no), marks inside marks, and marks inside void elements: both the cut and the reading from
/// the tree must get them right.
const MARKS_COPIED_AND_NESTED: [&str; 5] = [
    "<div><script>'<h3>T</h3><time>10:00</time>'</script><h3>T</h3><time>10:00</time>\
         <p>x</p></div>",
    "<div><h3>T <time>10:00</time></h3><time>10:00</time><p><time>10:00</time></p></div>",
    "<div><b><i>a</i></b><i>a</i><b><i>a</i></b><style><i>a</i></style><i>a</i></div>",
    "<div><svg><br><p>in</p></br><img><time>10:00</time></img></svg><p>x</p></div>",
    "<div><xmp><p></p></xmp><p></p><p></p><template><p></p></template><p></p></div>",
];

#[test]
fn titles_and_times_are_cut_where_a_search_for_their_html_cuts_them() {
    let mut pages = 0;
    for text in fixture_pages() {
        cuts_agree_on_every_element(&html::parse_document(&text).unwrap());
        pages += 1;
    }
    assert!(pages >= 6);
    for body in MARKS_COPIED_AND_NESTED {
        cuts_agree_on_every_element(&html::parse_document(&page("", body)).unwrap());
        cuts_agree_on_every_element(&html::parse_fragment(body));
    }
}

/// Every element of `doc` read from the tree and from the HTML left after the cuts, with the
/// pairs of its first elements as marks (and its own title and time); both must agree where
/// the tree is read. Says how many were read from the tree.
fn tree_readings_agree_on_every_element(doc: &Html) -> usize {
    let base = Url::parse("https://example.com/live/page").ok();
    let mut from_tree = 0;
    for el in doc
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|el| el.descendants().nth(200).is_none())
    {
        let time = time_of(el).and_then(|t| t.element);
        let own = [title_of(el), time];
        for marks in std::iter::once(own).chain(mark_pairs(el)) {
            if let Some(blocks) = html::member_to_blocks(el, marks, base.as_ref()) {
                let written = html_without(el, marks);
                assert_eq!(
                    blocks,
                    html::to_blocks_with_base(&written, base.as_ref()),
                    "{written} / {} / {:?}",
                    el.html(),
                    marks.map(|m| m.map(|m| m.html()))
                );
                from_tree += 1;
            }
        }
    }
    from_tree
}

#[test]
fn members_read_from_the_tree_read_as_the_html_left_after_the_cuts() {
    let mut from_tree = 0;
    for text in fixture_pages() {
        from_tree += tree_readings_agree_on_every_element(&html::parse_document(&text).unwrap());
    }
    assert!(from_tree > 1000, "{from_tree}");
    // Copies of a mark's HTML before it (in a script, a comment, an attribute, an element of
    // the same name), marks inside marks, text joined across a cut, references, figures,
    // links, foreign elements and attributes.
    for body in MARKS_COPIED_AND_NESTED.into_iter().chain([
        "<div><span title=\"<h3>T</h3>\">a</span><h3>T</h3><p>b</p><!-- <p>b</p> --><p>b</p></div>",
        "<div>a <b>b</b><time>10:00</time> c&amp;d <i>e</i>&nbsp;f&lt;g&gt; <h2>h</h2> i\
         <br>j<hr><p>k</p>l</div>",
        "<div><ul> <li>a</li> <time>1</time> <li>b &amp; c</li></ul><ol><li>x</li></ol></div>",
        "<div><figure><img src=\"/a.jpg?x=1&amp;y=2\" alt=\"&quot;A&quot; &amp; B\">\
         <figcaption>Cap &amp; <span class=\"credit &amp; x\">Photo</span></figcaption>\
         </figure><p><a href=\"/x?a=1&amp;b=2\">l</a> <a href=\"javascript:x\">j</a></p></div>",
        "<div><svg xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"#x\">s</a></svg>\
         <p>x</p><p data-x=\"1\" xml:lang=\"en\" CLASS=\"y\">z</p></div>",
        "<div><blockquote><p>q</p><footer>w</footer></blockquote><h4>T</h4><p>a</p>\
         <h4>T</h4></div>",
        "<div><p>a\u{0}b</p><time>10:00</time><p>c</p><custom-el>d</custom-el></div>",
    ]) {
        tree_readings_agree_on_every_element(&html::parse_document(&page("", body)).unwrap());
        tree_readings_agree_on_every_element(&html::parse_fragment(body));
    }
}

#[test]
fn a_page_of_plain_timed_blocks_is_read_from_the_tree() {
    let blocks: String = (0..40)
        .map(|i| {
            format!(
                "<div class=\"post\" id=\"p{i}\"><aside><time>10:{i:02}</time></aside>\
                 <h3>Title {i}</h3><p>Text &amp; more, <a href=\"/l{i}\">link</a> <b>bold</b>\
                 </p></div>"
            )
        })
        .collect();
    let doc = html::parse_document(&page("", &format!("<main>{blocks}</main>"))).unwrap();
    let members: Vec<ElementRef<'_>> = amp::elements(&doc)
        .filter(|e| amp::attr(*e, "class") == Some("post"))
        .collect();
    assert_eq!(members.len(), 40);
    for m in members {
        let marks = [title_of(m), time_of(m).and_then(|t| t.element)];
        assert!(marks.iter().all(Option::is_some));
        let blocks = html::member_to_blocks(m, marks, None).expect("read from the tree");
        assert_eq!(
            blocks,
            html::to_blocks_with_base(&html_without(m, marks), None)
        );
    }
    assert!(tree_readings_agree_on_every_element(&doc) > 100);
}
