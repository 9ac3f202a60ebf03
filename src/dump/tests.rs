use super::*;
use crate::blog::Numerals;

fn seed() -> LiveBlog {
    crate::formats::parse(crate::source::BUNDLED.as_bytes()).unwrap()
}

#[test]
fn a_key_event_says_whether_its_entry_is_not_loaded_or_there_is_none() {
    use crate::blog::{Entry, KeyEvent, LiveBlog};
    let key = |title: &str, id: Option<&str>| KeyEvent {
        title: title.into(),
        entry_id: id.map(Into::into),
        published: None,
    };
    let blog = LiveBlog {
        title: "T".into(),
        entries: vec![Entry {
            id: "here".into(),
            body: vec![crate::blog::Block::text("Here.")],
            ..Entry::default()
        }],
        key_events: vec![
            key("Loaded", Some("here")),
            key("On an older page", Some("gone")),
            key("Listed alone", None),
        ],
        ..LiveBlog::default()
    };
    let t = render(&blog, DumpFormat::Text);
    assert!(t.contains("- Loaded\n"), "{t}");
    assert!(t.contains("- On an older page (not loaded)\n"), "{t}");
    assert!(t.contains("- Listed alone (no entry)\n"), "{t}");
}

#[test]
fn text_dump_has_everything_and_no_times_for_the_seed() {
    let t = render(&seed(), DumpFormat::Text);
    assert!(t.starts_with("Security guarantees for Ukraine must have US backstop, Starmer says\n"));
    assert!(t.contains("\nKey events\n- We need to ramp up support for Ukraine, Starmer says\n"));
    assert!(t.contains("- Paris talks on Ukraine, European security – context (no entry)\n"));
    assert!(t.contains("[KEY EVENT] No diktat can be imposed on Ukraine, Germany’s Scholz says\n"));
    assert!(t.contains("\n(untitled entry)\n\nSpanish prime minister Pedro Sánchez"));
    assert!(t.contains("— Jakub Krupa"));
    assert!(!t.contains("2025-"), "the text form has no times to show");
}

#[test]
fn markdown_keeps_text_that_reads_as_a_character_reference() {
    assert_eq!(md_escape("AT&amp;T"), "AT\\&amp;T");
    assert_eq!(md_escape("&#38; &#x26;"), "\\&\\#38; \\&\\#x26;");
    // An ampersand that starts no reference is left as it is.
    assert_eq!(md_escape("AT&T & Co; R&D;"), "AT&T & Co; R\\&D;");
}

/// An entry is said to be updated as the reader says it: a minute or more after it was
/// posted, never before.
#[test]
fn an_update_stamped_around_the_post_is_no_edit() {
    let at = |t: &str| Stamp::parse(&format!("2023-12-13T{t}Z"));
    let heading = |updated: &str| {
        entry_heading(&Entry {
            title: Some("PMQs".into()),
            published: at("15:41:51"),
            updated: at(updated),
            ..Entry::default()
        })
    };
    assert_eq!(heading("15:41:50"), "2023-12-13 15:41 UTC PMQs");
    assert_eq!(heading("15:42:30"), "2023-12-13 15:41 UTC PMQs");
    assert_eq!(
        heading("15:43:00"),
        "2023-12-13 15:41 UTC PMQs (updated 2023-12-13 15:43 UTC)"
    );
}

/// An entry with a list from 3 whose first item holds a list, which holds one more.
fn nested_lists() -> LiveBlog {
    let html = "<p>Standings:</p><ol start=\"9\"><li>Alpha<ul><li>seats: 40<br>up 3</li>\
                <li>votes<ol><li>first</li></ol></li></ul></li><li>Beta</li></ol><p>End.</p>";
    LiveBlog {
        title: "Lists".into(),
        entries: vec![crate::blog::Entry {
            id: "e".into(),
            body: crate::formats::html::to_blocks(html),
            ..crate::blog::Entry::default()
        }],
        ..LiveBlog::default()
    }
}

#[test]
fn nested_lists_are_indented_under_their_item_and_numbered_from_their_start() {
    let t = render(&nested_lists(), DumpFormat::Text);
    assert!(
        t.contains(
            "Standings:\n\n9. Alpha\n   • seats: 40\n     up 3\n   • votes\n     1. first\n\
             10. Beta\n\nEnd."
        ),
        "{t}"
    );
    // In Markdown, under the item's text, where CommonMark nests a list.
    let m = render(&nested_lists(), DumpFormat::Markdown);
    assert!(
        m.contains(
            "Standings:\n\n9. Alpha\n   - seats: 40\\\n     up 3\n   - votes\n     1. first\n\
             10. Beta\n\nEnd."
        ),
        "{m}"
    );
    // liveblog's JSON keeps the number and the level, and reads them back.
    let json = render(&nested_lists(), DumpFormat::Json);
    assert!(
        json.contains("\"start\": 9") && json.contains("\"level\": 2"),
        "{json}"
    );
    let back = crate::formats::parse(json.as_bytes()).unwrap();
    assert_eq!(back.entries[0].body, nested_lists().entries[0].body);
}

#[test]
fn every_line_of_a_quote_is_marked_a_list_in_it_too() {
    let blog = LiveBlog {
        title: "Quote".into(),
        entries: vec![crate::blog::Entry {
            id: "q".into(),
            body: crate::formats::html::to_blocks(
                "<blockquote><p>We agreed:</p><ul><li>one</li><li>two</li></ul></blockquote>",
            ),
            ..crate::blog::Entry::default()
        }],
        ..LiveBlog::default()
    };
    let t = render(&blog, DumpFormat::Text);
    assert!(t.contains("> We agreed:\n> • one\n> • two\n"), "{t}");
    let m = render(&blog, DumpFormat::Markdown);
    assert!(m.contains("> We agreed:\n>\n> • one\\\n> • two\n"), "{m}");
}

/// A quote in a quote is marked once more in Markdown, and indented under it in text.
#[test]
fn a_quote_in_a_quote_is_marked_again_in_markdown_and_indented_in_text() {
    let blog = LiveBlog {
        title: "Quote".into(),
        entries: vec![crate::blog::Entry {
            id: "q".into(),
            body: crate::formats::html::to_blocks(
                "<blockquote><p>He wrote:</p><blockquote><p>No.</p><p>Never.</p>\
                 <cite>Him</cite></blockquote><p>She said.</p></blockquote><p>After</p>",
            ),
            ..crate::blog::Entry::default()
        }],
        ..LiveBlog::default()
    };
    let m = render(&blog, DumpFormat::Markdown);
    assert!(
        m.contains(
            "\n> He wrote:\n>\n> > No.\n> >\n> > Never.\n> >\n> > — Him\n>\n> She said.\n\nAfter\n"
        ),
        "{m}"
    );
    let t = render(&blog, DumpFormat::Text);
    assert!(
        t.contains("\n> He wrote:\n  > No.\n  > Never.\n  > — Him\n> She said.\n\nAfter\n"),
        "{t}"
    );
}

#[test]
fn a_tweets_lines_are_lines_in_text_and_hard_breaks_in_markdown() {
    let blog = LiveBlog {
        entries: vec![crate::blog::Entry {
            id: "t".into(),
            body: vec![Block::Embed(Box::new(crate::blog::Embed {
                kind: "Tweet".into(),
                title: "a \"forever home\"\nRishi Sunak\n— BBC Politics".into(),
                url: Some("https://twitter.com/x/status/1".into()),
            }))],
            ..crate::blog::Entry::default()
        }],
        ..LiveBlog::default()
    };
    let t = render(&blog, DumpFormat::Text);
    let tweet = "[Tweet: a \"forever home\"\nRishi Sunak\n— BBC Politics] \
                 https://twitter.com/x/status/1\n";
    assert!(t.contains(tweet), "{t}");
    let m = render(&blog, DumpFormat::Markdown);
    let tweet = "[Tweet: a \"forever home\"\\\nRishi Sunak\\\n— BBC Politics]\
                 (<https://twitter.com/x/status/1>)";
    assert!(m.contains(tweet), "{m}");
}

#[test]
fn markdown_emphasis_keeps_a_runs_end_spaces_outside_its_stars() {
    let run = |text: &str, bold: bool, link: Option<&str>| Inline {
        text: text.into(),
        bold,
        link: link.map(Into::into),
        ..Inline::default()
    };
    let runs = [
        run("Starmer told Sunak at the ", true, None),
        run("last PMQs", true, Some("https://example.com/pmqs")),
        run(", challenging him.", true, None),
        run(" ", true, None),
    ];
    // Not "**…at the **[**last PMQs**]…", where the first "**" closes nothing.
    assert_eq!(
        md_runs(&runs),
        "**Starmer told Sunak at the** [**last PMQs**](<https://example.com/pmqs>)\
         **, challenging him.** "
    );
}

#[test]
fn struck_text_is_struck_in_markdown_and_marked_in_text() {
    let struck = |text: &str| Inline {
        text: text.into(),
        strike: true,
        ..Inline::default()
    };
    let runs = [
        Inline::plain("Shares "),
        struck("rose "),
        Inline::plain("~fell"),
    ];
    // A tilde of the page's own is text, not the start of a strike.
    assert_eq!(md_runs(&runs), "Shares ~~rose~~ \\~fell");
    let b = Block::Paragraph {
        runs: runs.to_vec(),
    };
    assert_eq!(b.plain_text(), "Shares ~~rose~~ ~fell");
}

/// Markdown numbers upwards in decimal alone: other numbers are written, before bullets.
#[test]
fn a_list_numbered_otherwise_keeps_its_numbers_in_markdown() {
    let list = |numerals, reversed| Block::List {
        ordered: true,
        items: vec![vec![Inline::plain("x")], vec![Inline::plain("y")]],
        start: 2,
        level: 0,
        numerals,
        reversed,
        continued: false,
    };
    let md = |b: &Block| md_block(b, 0);
    assert_eq!(md(&list(Numerals::Decimal, false)), "2. x\n3. y");
    assert_eq!(md(&list(Numerals::Decimal, true)), "- 2\\. x\n- 1\\. y");
    assert_eq!(md(&list(Numerals::LowerRoman, false)), "- ii. x\n- iii. y");
    assert_eq!(list(Numerals::UpperAlpha, true).plain_text(), "B. x\nA. y");
}

#[test]
fn markdown_links_key_events_to_entries() {
    let m = render(&seed(), DumpFormat::Markdown);
    assert!(m.starts_with("# Security guarantees"));
    assert!(m.contains("- [We need to ramp up support for Ukraine, Starmer says](#t-"));
    assert!(m.contains("### <a id=\"t-"));
}

#[test]
fn markdown_dates_its_key_events_as_the_text_form_does() {
    let mut b = seed();
    b.key_events[0].published = Stamp::parse("2025-02-17T18:05:00+01:00");
    b.key_events[1].entry_id = Some("not-loaded".into());
    let m = render(&b, DumpFormat::Markdown);
    let t = render(&b, DumpFormat::Text);
    let line = |doc: &str, title: &str| {
        let found = doc
            .lines()
            .find(|l| l.starts_with("- ") && l.contains(title));
        found.unwrap_or_default().to_string()
    };
    let first = &b.key_events[0].title;
    assert!(
        line(&m, first).starts_with("- 2025-02-17 18:05 +01:00 [We need"),
        "{m}"
    );
    assert!(line(&t, first).starts_with("- 2025-02-17 18:05 +01:00 We need"));
    // A key event whose entry is not in the document links nowhere.
    let second = md_escape(&b.key_events[1].title);
    assert_eq!(line(&m, &second), format!("- {second}"));
}

#[test]
fn a_guessed_blog_says_so_in_the_header_and_shows_times_as_written() {
    let mut b = seed();
    b.extracted = Extraction::Heuristic;
    b.entries[0].time_as_written = Some("14.05 Uhr".into());
    let t = render(&b, DumpFormat::Text);
    let header: Vec<&str> = t.lines().take(3).collect();
    assert!(
        header.iter().any(|l| l.contains(GUESSED_NOTE)),
        "{header:?}"
    );
    assert!(t.lines().any(|l| l == "14.05 Uhr"), "{t}");
    let m = render(&b, DumpFormat::Markdown);
    assert!(m.contains(GUESSED_NOTE), "{}", &m[..400]);
    assert!(m.contains("></a>*14.05 Uhr"), "{m}");
    // A structured blog says nothing of it.
    assert!(!render(&seed(), DumpFormat::Text).contains(GUESSED_NOTE));
}

#[test]
fn an_edit_is_timed_in_the_offset_of_the_entry_s_own_time() {
    let mut b = seed();
    b.entries[0].published = Stamp::parse("2020-10-06T18:28:00+01:00");
    b.entries[0].updated = Stamp::parse("2020-10-06T17:40:00Z");
    let t = render(&b, DumpFormat::Text);
    let heading = |t: &str| {
        t.lines()
            .find(|l| l.contains("updated"))
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        heading(&t),
        "2020-10-06 18:28 +01:00 (updated 2020-10-06 18:40 +01:00)"
    );
    // The Markdown form says it too, and a summary is marked as the text form marks it.
    b.entries[0].summary = true;
    let m = render(&b, DumpFormat::Markdown);
    assert!(
        m.contains("*summary · 2020-10-06 18:28 +01:00 · updated 2020-10-06 18:40 +01:00"),
        "{}",
        &m[..600]
    );
    b.entries[0].summary = false;
    // Without a time of its own, the edit keeps its source's offset.
    b.entries[0].published = None;
    let t = render(&b, DumpFormat::Text);
    assert_eq!(heading(&t), "(updated 2020-10-06 17:40 UTC)");
}

#[test]
fn the_blog_s_update_is_timed_in_the_offset_of_its_entries() {
    let mut b = seed();
    b.updated = Stamp::parse("2020-10-06T17:40:00Z");
    let header = |b: &LiveBlog| {
        render(b, DumpFormat::Text)
            .lines()
            .nth(2)
            .map(str::to_owned)
    };
    // Entries without a time: the page's own offset.
    assert_eq!(header(&b).as_deref(), Some("updated 2020-10-06 17:40 UTC"));
    b.entries[1].published = Stamp::parse("2020-10-06T18:28:00+01:00");
    assert_eq!(
        header(&b).as_deref(),
        Some("updated 2020-10-06 18:40 +01:00")
    );
    let merged = render_many(&[("a", &b).into()], Some("Event"), DumpFormat::Text, 0);
    assert!(
        merged.contains("updated 2020-10-06 18:40 +01:00"),
        "{merged}"
    );
}

#[test]
fn a_blog_or_entry_without_a_title_is_still_headed() {
    let mut b = seed();
    b.title = String::new();
    b.entries[0].title = None;
    b.entries[0].key_event = true;
    b.entries[0].published = Stamp::parse("2025-02-17T17:25:00+01:00");
    let t = render_named(&b, DumpFormat::Text, "wp-liveblog.json");
    assert_eq!(t.lines().next(), Some("wp-liveblog.json"));
    let m = render_named(&b, DumpFormat::Markdown, "wp-liveblog.json");
    assert!(m.starts_with("# wp-liveblog.json\n"), "{}", &m[..80]);
    let id = &b.entries[0].id;
    assert!(
        m.contains(&format!(
            "\n<a id=\"{id}\"></a>★ *2025-02-17 17:25 +01:00*\n"
        )),
        "{m}"
    );
    assert!(
        !m.lines().any(|l| l.ends_with(' ')),
        "no line ends in a space"
    );
    b.entries[0].published = None;
    let m = render(&b, DumpFormat::Markdown);
    assert!(m.contains("★ (untitled entry)\n"), "{m}");
    // The JSON form keeps the blog as it is.
    let j = render_named(&b, DumpFormat::Json, "wp-liveblog.json");
    assert!(!j.contains("wp-liveblog.json"));
}

#[test]
fn a_line_break_in_a_paragraph_stays_one_in_markdown() {
    let mut b = seed();
    b.entries[0].body = vec![Block::text("Line one\nline two after br")];
    let m = render(&b, DumpFormat::Markdown);
    assert!(m.contains("Line one\\\nline two after br"), "{m}");
}

#[test]
fn times_keep_the_source_offset() {
    let s = Stamp::parse("2020-10-06T21:05:48+01:00").unwrap();
    assert_eq!(time_in_source_offset(s), "2020-10-06 21:05 +01:00");
    let z = Stamp::parse("2020-10-06T21:05:48Z").unwrap();
    assert_eq!(time_in_source_offset(z), "2020-10-06 21:05 UTC");
}
