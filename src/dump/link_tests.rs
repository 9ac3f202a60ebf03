//! The text form's link numbers and the addresses listed under an entry.

use super::super::{DumpFormat, render};
use crate::blog::{Block, Entry, Image, Inline, LiveBlog};

fn link(text: &str, url: &str) -> Inline {
    Inline {
        link: Some(url.into()),
        ..Inline::plain(text)
    }
}

fn one_entry(body: Vec<Block>) -> LiveBlog {
    LiveBlog {
        title: "T".into(),
        entries: vec![Entry {
            id: "e".into(),
            body,
            ..Entry::default()
        }],
        ..LiveBlog::default()
    }
}

/// The text of the one entry's body onwards: what follows its heading's blank line.
fn body_text(blog: &LiveBlog) -> String {
    let t = render(blog, DumpFormat::Text);
    let (_, body) = t.split_once("(untitled entry)\n\n").expect(&t);
    body.to_string()
}

#[test]
fn a_links_number_follows_its_words_and_its_address_is_listed_under_the_entry() {
    let blog = one_entry(vec![
        Block::Paragraph {
            runs: vec![
                Inline::plain("The "),
                link("Rycroft letter ", "https://e.test/letter"),
                Inline::plain("says so, as does "),
                link("this", "https://e.test/other"),
                Inline::plain(" and "),
                link("that", "https://e.test/letter"),
                Inline::plain("."),
            ],
        },
        Block::Image(Box::new(Image {
            url: Some("https://e.test/a.jpg".into()),
            caption: "A pier".into(),
            alt: String::new(),
            credit: "Photo: A".into(),
        })),
        Block::Quote {
            paragraphs: vec![vec![Inline::plain("Q "), link("q", "https://e.test/q")]],
            attribution: Some("Someone".into()),
            level: 0,
        },
        Block::list(false, vec![vec![link("item", "https://e.test/i")]]),
    ]);
    // The image's address is in its line already: its number is taken, as on screen, and it is
    // not listed again.
    assert_eq!(
        body_text(&blog),
        "The Rycroft letter[1] says so, as does this[2] and that[1].\n\n\
         [Image: A pier (Photo: A)] https://e.test/a.jpg\n\n\
         > Q q[4]\n> — Someone\n\n\
         • item[5]\n\n\
         [1] https://e.test/letter\n[2] https://e.test/other\n[4] https://e.test/q\n\
         [5] https://e.test/i\n"
    );
}

#[test]
fn a_link_whose_words_are_its_address_is_not_repeated() {
    let blog = one_entry(vec![Block::Paragraph {
        runs: vec![
            Inline::plain("See "),
            link("e.test/report", "https://e.test/report/"),
            Inline::plain(" or "),
            link("https://e.test/b", "https://e.test/b"),
            Inline::plain(", but "),
            link("https://e.test/safe", "https://evil.test/"),
        ],
    }]);
    assert_eq!(
        body_text(&blog),
        "See e.test/report or https://e.test/b, but https://e.test/safe[3]\n\n\
         [3] https://evil.test/\n"
    );
    // With no link to list, the entry ends with its text, as before.
    let plain = one_entry(vec![Block::Paragraph {
        runs: vec![link("https://e.test/b", "https://e.test/b")],
    }]);
    assert_eq!(body_text(&plain), "https://e.test/b\n");
}

#[test]
fn a_link_in_several_styles_is_marked_once_and_its_mark_is_not_struck() {
    let bold = Inline {
        bold: true,
        ..link("Big", "https://e.test/n")
    };
    let struck = Inline {
        strike: true,
        ..link("fell ", "https://e.test/f")
    };
    let blog = one_entry(vec![Block::Paragraph {
        runs: vec![
            bold,
            link(" news ", "https://e.test/n"),
            Inline::plain("as shares "),
            struck,
            Inline::plain("rose."),
        ],
    }]);
    assert_eq!(
        body_text(&blog),
        "Big news[1] as shares ~~fell~~[2] rose.\n\n\
         [1] https://e.test/n\n[2] https://e.test/f\n"
    );
}

#[test]
fn links_in_a_table_are_numbered_row_by_row() {
    let body = crate::formats::html::to_blocks(
        "<p><a href=\"https://e.test/p\">Results</a></p>\
         <table><tr><th>Party</th><th>Seats</th></tr>\
         <tr><td><a href=\"https://e.test/lab\">Labour</a></td><td>411</td></tr>\
         <tr><td><a href=\"https://e.test/con\">Conservative</a></td><td>121</td></tr></table>",
    );
    let t = body_text(&one_entry(body));
    assert!(t.contains("Labour[2]"), "{t}");
    assert!(t.contains("Conservative[3]"), "{t}");
    assert!(
        t.ends_with("[1] https://e.test/p\n[2] https://e.test/lab\n[3] https://e.test/con\n"),
        "{t}"
    );
}

/// The numbers a dump lists are the ones the reader gives the same links, for real blogs.
#[test]
fn the_text_forms_link_numbers_are_the_readers() {
    use crate::tui::entry_layout::{LayoutContext, lay_out};
    let cx = LayoutContext {
        width: 100_000,
        theme: crate::tui::theme::Theme::new(false),
        tz: jiff::tz::TimeZone::UTC,
        now: None,
        tags: None,
        keywords: None,
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut listed = 0;
    for f in [
        "guardian-frontend-json/fe-liveblog-politics-2023-12-13.json",
        "html/corkbeo-level-3-live-2020-10-06.html",
    ] {
        let blog = crate::formats::parse(&std::fs::read(dir.join(f)).unwrap()).unwrap();
        for e in &blog.entries {
            let on_screen = lay_out(e, &cx).links;
            for (n, url) in super::mark(&e.body).map(|m| m.notes).unwrap_or_default() {
                assert_eq!(on_screen[n - 1], url, "{f} {} [{n}]", e.id);
                listed += 1;
            }
        }
    }
    assert!(listed > 10, "only {listed} links listed");
}

/// Whatever reaches the dump, an address is printed only as the sanitiser leaves it.
#[test]
fn an_address_with_escapes_and_bidi_controls_is_listed_clean() {
    let hostile = "https://e.test/\x1b]52;c;aGk=\x07a\u{202e}gpj.exe\r\n[9] https://fake.test";
    let blog = one_entry(vec![Block::Paragraph {
        runs: vec![link("here", hostile)],
    }]);
    let t = body_text(&blog);
    assert!(
        !t.chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{t:?}"
    );
    let listed: Vec<&str> = t.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(listed.len(), 1, "one address, on one line: {t:?}");
    assert!(listed[0].starts_with("[1] https://e.test/"), "{t:?}");
}
