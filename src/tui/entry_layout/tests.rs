//! One entry laid out: marks, bylines, lists, code, links and wrapping at a width.

use super::*;

fn cx(width: usize) -> LayoutContext {
    LayoutContext {
        width,
        theme: Theme::new(false),
        tz: TimeZone::UTC,
        now: None,
        tags: None,
        keywords: None,
    }
}

#[test]
fn alert_words_are_highlighted_as_whole_words_only() {
    let e = Entry {
        id: "1".into(),
        body: vec![Block::text(
            "A ceasefire, said Ceasefire talks; not ceasefires.",
        )],
        ..Entry::default()
    };
    let mut c = cx(80);
    c.keywords = Some(std::sync::Arc::new(crate::alert::Keywords::new([
        "ceasefire",
    ])));
    let l = lay_out(&e, &c);
    let marked: Vec<String> = l
        .lines
        .iter()
        .flat_map(|line| line.spans.iter())
        .filter(|s| {
            s.style
                .add_modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
        .map(|s| s.content.to_string())
        .collect();
    assert_eq!(marked, ["ceasefire", "Ceasefire"]);
    assert_eq!(
        texts(&l.lines)[0],
        "A ceasefire, said Ceasefire talks; not ceasefires."
    );
}

fn texts(lines: &[Line<'_>]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

#[test]
fn a_key_event_entry_has_marker_byline_body_and_separator() {
    let e = Entry {
        id: "x".into(),
        title: Some("Big news".into()),
        key_event: true,
        published: Stamp::parse("2025-02-17T17:25:00Z"),
        authors: vec!["Ann".into(), "Bob".into()],
        body: vec![
            Block::text("First paragraph."),
            Block::Paragraph {
                runs: vec![
                    Inline::plain("See "),
                    Inline {
                        text: "this".into(),
                        link: Some("https://e.com".into()),
                        ..Inline::default()
                    },
                ],
            },
        ],
        ..Entry::default()
    };
    let t = texts(&lay_out(&e, &cx(40)).lines);
    assert_eq!(
        t,
        [
            "★ Big news",
            "17:25 · By Ann and Bob",
            "",
            "First paragraph.",
            "",
            "See this[1]",
            "",
            "[1] https://e.com",
            "",
            "─".repeat(40).as_str(),
            "",
        ]
    );
}

#[test]
fn a_time_without_a_date_is_shown_as_the_page_wrote_it_and_not_aged() {
    let e = Entry {
        id: "x".into(),
        time_as_written: Some("95'".into()),
        body: vec![Block::text("Full time.")],
        ..Entry::default()
    };
    let mut c = cx(40);
    c.now = Some("2025-02-17T18:00:00Z".parse().unwrap());
    let t = texts(&lay_out(&e, &c).lines);
    assert_eq!(t[0], "95'");
    assert_eq!(t[2], "Full time.");
}

#[test]
fn entry_links_are_numbered_as_the_screen_numbers_them() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for f in [
        "guardian-frontend-json/fe-liveblog-politics-2023-12-13.json",
        "html/corkbeo-level-3-live-2020-10-06.html",
    ] {
        let blog = crate::formats::parse(&std::fs::read(dir.join(f)).unwrap()).unwrap();
        for e in &blog.entries {
            let layout = lay_out(e, &cx(100_000));
            let shown: Vec<String> = texts(&layout.lines)
                .iter()
                .filter_map(|l| {
                    let rest = l.strip_prefix('[')?;
                    let (n, url) = rest.split_once("] ")?;
                    n.parse::<usize>().ok().map(|_| url.to_string())
                })
                .collect();
            assert_eq!(layout.links, shown, "{f} {}", e.id);
        }
    }
}

#[test]
fn only_absolute_http_links_can_be_opened() {
    assert_eq!(
        openable("https://e.com/a&calc").as_deref(),
        Some("https://e.com/a&calc")
    );
    assert_eq!(
        openable("https://аррӏе.com/").as_deref(),
        Some("https://xn--80ak6aa92e.com/")
    );
    assert_eq!(openable("https://a b --proxy-server=evil"), None);
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "smb://h/s",
        "ms-msdt:x",
        "vbscript:x",
        "--load-modules=/tmp/x.so",
        "-oProxyCommand=sh",
        "//evil.com/x",
        "/path",
        "../x",
    ] {
        assert_eq!(openable(bad), None, "{bad}");
    }
}

#[test]
fn relative_times_read_naturally() {
    let t = Stamp::parse("2025-02-17T17:00:00Z").unwrap();
    let at = |s: &str| relative(t, s.parse().unwrap(), &TimeZone::UTC);
    assert_eq!(at("2025-02-17T17:00:30Z"), "just now");
    assert_eq!(at("2025-02-17T17:05:00Z"), "5 min ago");
    assert_eq!(at("2025-02-17T17:05:59Z"), "5 min ago");
    assert_eq!(at("2025-02-17T16:59:59Z"), "just now"); // the reader's clock a little behind
    assert_eq!(at("2025-02-17T16:58:59Z"), "in the future");
    assert_eq!(at("2025-02-17T17:59:59Z"), "59 min ago");
    assert_eq!(at("2025-02-17T18:00:00Z"), "1 h ago");
    // By the clock's face: 17:00:50 read at 17:01:10 is a minute ago, as `HH:MM` says.
    let late = Stamp::parse("2025-02-17T17:00:50Z").unwrap();
    let late_at = |s: &str| relative(late, s.parse().unwrap(), &TimeZone::UTC);
    assert_eq!(late_at("2025-02-17T17:01:10Z"), "1 min ago");
    assert_eq!(late_at("2025-02-17T17:00:59Z"), "just now");
    assert_eq!(at("2025-02-17T20:00:00Z"), "3 h ago");
    assert_eq!(at("2025-02-19T17:00:00Z"), "2 d ago");
    assert_eq!(at("2025-06-19T17:00:00Z"), "4 months ago");
    assert_eq!(at("2026-03-19T17:00:00Z"), "1 year ago");
}

#[test]
fn days_ago_are_counted_as_the_date_beside_counts_them() {
    // 3 Dec 19:43 in Kolkata, read on 5 Dec: two days back on the calendar, though only 41
    // hours have gone by.
    let kolkata = TimeZone::get("Asia/Kolkata").unwrap();
    let t = Stamp::parse("2026-12-03T14:13:00Z").unwrap();
    let now: jiff::Timestamp = "2026-12-05T07:13:00Z".parse().unwrap();
    assert_eq!(local_time(t, &kolkata, Some(now)), "3 Dec 19:43");
    assert_eq!(relative(t, now, &kolkata), "2 d ago");
    // In UTC the same two stamps are 3 Dec 14:13 and 5 Dec 07:13: two days there too.
    assert_eq!(relative(t, now, &TimeZone::UTC), "2 d ago");
    // A day and an hour, on the next date: one day.
    let now: jiff::Timestamp = "2026-12-04T15:13:00Z".parse().unwrap();
    assert_eq!(relative(t, now, &kolkata), "1 d ago");
    // New York's day of 25 hours (the clocks go back on 1 Nov 2026): from 00:10 to 23:50 is
    // over a day on one date, "1 d", never "0 d".
    let ny = TimeZone::get("America/New_York").unwrap();
    let t = Stamp::parse("2026-11-01T04:10:00Z").unwrap();
    let now: jiff::Timestamp = "2026-11-02T04:50:00Z".parse().unwrap();
    assert_eq!(relative(t, now, &ny), "1 d ago");
}

#[test]
fn local_time_shows_the_date_when_not_today() {
    let t = Stamp::parse("2025-02-17T17:25:00+01:00").unwrap();
    assert_eq!(local_time(t, &TimeZone::UTC, None), "16:25");
    let later: Timestamp = "2025-02-20T10:00:00Z".parse().unwrap();
    assert_eq!(local_time(t, &TimeZone::UTC, Some(later)), "17 Feb 16:25");
    let next_year: Timestamp = "2026-01-02T10:00:00Z".parse().unwrap();
    assert_eq!(
        local_time(t, &TimeZone::UTC, Some(next_year)),
        "17 Feb 2025 16:25"
    );
}

#[test]
fn a_link_number_follows_the_link_words_not_a_space_inside_the_link() {
    let link = |t: &str| Inline {
        link: Some("https://x/a".into()),
        ..Inline::plain(t)
    };
    let e = Entry {
        id: "l".into(),
        body: vec![Block::Paragraph {
            runs: vec![
                Inline::plain("The "),
                link("Rycroft letter "),
                Inline::plain("also says so, and "),
                link("this"),
                Inline::plain(" too."),
            ],
        }],
        ..Entry::default()
    };
    let t = texts(&lay_out(&e, &cx(80)).lines);
    assert_eq!(t[0], "The Rycroft letter[1] also says so, and this[1] too.");
}

/// A quote in a quote has a bar for each quote it is in, the line between the parts too.
#[test]
fn a_quote_in_a_quote_has_a_bar_for_each() {
    let quote = |level: u8, text: &str, attribution: Option<&str>| Block::Quote {
        paragraphs: vec![vec![Inline::plain(text)]],
        attribution: attribution.map(Into::into),
        level,
    };
    let e = Entry {
        id: "q".into(),
        body: vec![
            quote(0, "Outer", None),
            quote(1, "Inner words", Some("Him")),
            quote(2, "Deepest", None),
            quote(0, "Outer again", None),
            Block::text("After"),
        ],
        ..Entry::default()
    };
    let t = texts(&lay_out(&e, &cx(14)).lines);
    assert_eq!(
        &t[..12],
        [
            "│ Outer",
            "│ ",
            "│ │ Inner",
            "│ │ words",
            "│ │ — Him",
            "│ │ ",
            "│ │ │ Deepest",
            "│ ",
            "│ Outer again",
            "",
            "After",
            "",
        ]
    );
}

#[test]
fn quotes_lists_and_images_are_marked() {
    let e = Entry {
        id: "y".into(),
        body: vec![
            Block::Quote {
                paragraphs: vec![vec![Inline::plain("Words")]],
                attribution: Some("Her".into()),
                level: 0,
            },
            Block::list(
                false,
                vec![vec![Inline::plain("one")], vec![Inline::plain("two")]],
            ),
            Block::Image(Box::new(crate::blog::Image {
                url: Some("https://i/x.jpg".into()),
                caption: "Leaders".into(),
                alt: String::new(),
                credit: "AP".into(),
            })),
        ],
        ..Entry::default()
    };
    let t = texts(&lay_out(&e, &cx(40)).lines);
    assert_eq!(
        &t[..8],
        [
            "│ Words",
            "│ — Her",
            "",
            "• one",
            "• two",
            "",
            "▣ Image: Leaders (AP) [1]",
            ""
        ]
    );
    assert_eq!(t[8], "[1] https://i/x.jpg");
}

#[test]
fn a_byline_too_long_for_the_pane_breaks_between_its_parts_the_same_all_day() {
    let at = |s: &str| Stamp::parse(s);
    let e = Entry {
        id: "b".into(),
        published: at("2025-02-17T13:24:00Z"),
        updated: at("2025-02-17T14:02:00Z"),
        authors: vec!["Jakub Krupa".into(), "Tom Ambrose".into()],
        body: vec![Block::text("x")],
        ..Entry::default()
    };
    let lines_at = |now: &str| {
        let mut c = cx(40);
        c.now = Some(at(now).unwrap().instant());
        texts(&lay_out(&e, &c).lines)
    };
    let soon = lines_at("2025-02-17T13:25:00Z");
    assert_eq!(
        &soon[..3],
        &[
            "13:24 · 1 min ago",
            "By Jakub Krupa and Tom Ambrose",
            "updated 14:02"
        ]
    );
    // A year on, the same lines, each part longer: the breaks are where they were.
    let later = lines_at("2026-03-17T13:25:00Z");
    assert_eq!(
        &later[..3],
        &[
            "17 Feb 2025 13:24 · 1 year ago",
            "By Jakub Krupa and Tom Ambrose",
            "updated 17 Feb 2025 14:02"
        ]
    );
    // Wide enough, one line.
    let mut wide = cx(120);
    wide.now = Some(at("2025-02-17T13:25:00Z").unwrap().instant());
    assert_eq!(
        texts(&lay_out(&e, &wide).lines)[0],
        "13:24 · 1 min ago · By Jakub Krupa and Tom Ambrose · updated 14:02"
    );
}

#[test]
fn a_long_line_of_code_goes_on_under_a_mark_and_keeps_its_spaces() {
    let e = Entry {
        id: "c".into(),
        body: vec![Block::Code {
            text: "if x:\n    call(argument_one, argument_two)".into(),
        }],
        ..Entry::default()
    };
    let t = texts(&lay_out(&e, &cx(20)).lines);
    assert_eq!(
        &t[..4],
        &[
            "  if x:",
            "      call(argument_",
            "  ↪ one, argument_tw",
            "  ↪ o)"
        ]
    );
}

#[test]
fn a_lists_numbers_are_right_aligned_so_its_text_starts_in_one_column() {
    let e = Entry {
        id: "n".into(),
        body: crate::formats::html::to_blocks(
            "<ol start=\"9\"><li>nine</li><li>ten, which wraps here</li></ol>",
        ),
        ..Entry::default()
    };
    let t = texts(&lay_out(&e, &cx(20)).lines);
    assert_eq!(&t[..3], &[" 9. nine", "10. ten, which wraps", "    here"]);
}

#[test]
fn a_nested_list_sits_under_its_items_text_and_wraps_there() {
    let e = Entry {
        id: "n".into(),
        body: crate::formats::html::to_blocks(
            "<ol start=\"9\"><li>Alpha<ul><li>votes: 1.2m, up from 0.9m</li></ul></li>\
             <li>Beta</li></ol><p>End.</p>",
        ),
        ..Entry::default()
    };
    let t = texts(&lay_out(&e, &cx(24)).lines);
    assert_eq!(
        &t[..6],
        &[
            "9. Alpha",
            "   • votes: 1.2m, up",
            "     from 0.9m",
            "10. Beta",
            "",
            "End."
        ]
    );
}

#[test]
fn a_long_link_is_listed_on_one_line_with_its_middle_left_out() {
    let url = "https://www.theguardian.com/world/live/2025/feb/17/europe-leaders-emergency-summit-paris-ukraine-security-latest-news?page=with:block-67b3";
    let e = Entry {
        id: "1".into(),
        body: vec![Block::Paragraph {
            runs: vec![Inline {
                text: "the statement".into(),
                link: Some(url.into()),
                ..Inline::default()
            }],
        }],
        ..Entry::default()
    };
    let l = lay_out(&e, &cx(50));
    assert_eq!(l.links, [url], "opened and copied whole");
    let listed: Vec<String> = l
        .lines
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .filter(|t: &String| t.starts_with("[1] "))
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let line = &listed[0];
    assert_eq!(
        unicode_width::UnicodeWidthStr::width(line.as_str()),
        50,
        "{line}"
    );
    assert!(
        line.starts_with("[1] https://www.theguardian.com/"),
        "{line}"
    );
    assert!(line.contains('…') && line.ends_with("block-67b3"), "{line}");
    // The line after the list is the separator's blank, not the rest of the link.
    let after = l.lines.iter().position(|x| {
        x.spans
            .first()
            .is_some_and(|s| s.content.starts_with("[1]"))
    });
    assert!(
        l.lines[after.unwrap() + 1]
            .spans
            .iter()
            .all(|s| s.content.trim().is_empty())
    );
}

#[test]
fn an_entry_with_neither_title_nor_text_says_so_under_its_byline() {
    let e = Entry {
        id: "1".into(),
        published: Stamp::parse("2025-02-17T13:05:00Z"),
        ..Entry::default()
    };
    let text: Vec<String> = lay_out(&e, &cx(60))
        .lines
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    assert!(text[0].contains("13:05"), "{text:?}");
    assert_eq!(text[1], "(no text)", "{text:?}");
}

/// The Guardian's PMQs tweet, written with `<br>`s: each of its lines starts a line of its own
/// under the embed's mark, and its author stands apart from its text.
#[test]
fn a_tweet_keeps_its_line_breaks() {
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json"
    ))
    .unwrap();
    let blog = crate::formats::parse(&page).unwrap();
    let t = texts(&lay_out(&blog.entries[0], &cx(200)).lines);
    let at = t.iter().position(|l| l.starts_with("▶ Tweet: ")).unwrap();
    assert_eq!(
        t[at..at + 4],
        [
            "▶ Tweet: \"140,000 children homeless this Christmas, [PM] is utterly tone deaf\" \
             Labour leader Keir Starmer shares the story of a boy who asked Santa for a \
             \"forever home\"",
            "  Rishi Sunak calls this \"shameless opportunism\" as Starmer \"blocked\" building \
             of new homes",
            "  PMQs https://t.co/qhBEoVhkfV pic.twitter.com/zBSkhY0CpE",
            "  — BBC Politics (@BBCPolitics) December 13, 2023 [4]",
        ]
    );
}

/// Struck-through words are drawn crossed out, with no colour as well: crossing out is
/// emphasis, which `NO_COLOR` keeps, not a colour.
#[test]
fn struck_through_words_are_crossed_out_without_colour_too() {
    use ratatui::style::Modifier;
    let e = Entry {
        id: "1".into(),
        body: vec![Block::Paragraph {
            runs: vec![
                Inline::plain("Shares "),
                Inline {
                    text: "rose".into(),
                    strike: true,
                    ..Inline::default()
                },
                Inline::plain(" fell."),
            ],
        }],
        ..Entry::default()
    };
    let l = lay_out(&e, &cx(80));
    let crossed: Vec<String> = l
        .lines
        .iter()
        .flat_map(|line| line.spans.iter())
        .filter(|s| s.style.add_modifier.contains(Modifier::CROSSED_OUT))
        .map(|s| s.content.to_string())
        .collect();
    assert_eq!(crossed, ["rose"]);
    assert_eq!(texts(&l.lines)[0], "Shares rose fell.");
}

/// A list numbered anew part way (`<li value="5">`) is drawn as one list, with no blank line
/// between its parts.
#[test]
fn a_list_numbered_anew_is_drawn_as_one_list() {
    let e = Entry {
        id: "1".into(),
        body: crate::formats::html::to_blocks(
            "<ol><li>a</li><li value=\"5\">b</li><li>c</li></ol><p>After.</p>",
        ),
        ..Entry::default()
    };
    let t = texts(&lay_out(&e, &cx(40)).lines);
    assert_eq!(
        t[..5],
        ["1. a", "5. b", "6. c", "", "After."].map(str::to_string)
    );
}

/// A list counting down in Roman numerals keeps its numbers on screen, aligned on their dots.
#[test]
fn a_list_counting_down_in_roman_numerals_is_drawn_so() {
    let e = Entry {
        id: "1".into(),
        body: vec![Block::List {
            ordered: true,
            items: ["a", "b", "c"].map(|t| vec![Inline::plain(t)]).to_vec(),
            start: 4,
            level: 0,
            numerals: crate::blog::Numerals::UpperRoman,
            reversed: true,
            continued: false,
        }],
        ..Entry::default()
    };
    let t = texts(&lay_out(&e, &cx(40)).lines);
    assert_eq!(t[..3], [" IV. a", "III. b", " II. c"].map(str::to_string));
}

#[test]
fn a_word_longer_than_the_pane_is_split_with_a_hyphen() {
    let e = Entry {
        id: "w".into(),
        body: vec![Block::text(
            "The Donaudampfschifffahrtsgesellschaft said so.",
        )],
        ..Entry::default()
    };
    let lines = texts(&lay_out(&e, &cx(16)).lines);
    assert_eq!(
        lines[..4],
        [
            "The",
            "Donaudampfschif-",
            "ffahrtsgesellsc-",
            "haft said so."
        ]
    );
}
