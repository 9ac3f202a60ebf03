//! Whole screens on ratatui's `TestBackend` at fixed sizes, as insta snapshots, plus cell-level
//! style checks where a snapshot of symbols alone would miss a wrong style. No clock: relative
//! times are off, so the snapshots are stable.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::LiveBlog;
use liveblog::tui::action::{Action, Mouse};
use liveblog::tui::model::{Model, ReaderOptions};
use liveblog::tui::theme::Theme;
use liveblog::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn seed() -> LiveBlog {
    liveblog::formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap()
}

fn screen(model: &Model) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(model.size().0, model.size().1)).unwrap();
    t.draw(|f| ui::draw(f, model)).unwrap();
    t
}

fn model(w: u16, h: u16, color: bool) -> Model {
    Model::new(
        seed(),
        ReaderOptions::new(
            "bundled blog",
            Theme::new(color),
            jiff::tz::TimeZone::UTC,
            (w, h),
        ),
    )
}

#[test]
fn seed_at_100x30() {
    let m = model(100, 30, true);
    insta::assert_snapshot!(screen(&m).backend());
}

#[test]
fn seed_at_100x30_after_jumping_to_the_third_key_event() {
    let mut m = model(100, 30, true);
    for _ in 0..3 {
        m.update(Action::NextKeyEvent);
    }
    insta::assert_snapshot!(screen(&m).backend());
}

#[test]
fn seed_at_50x20_with_the_sidebar_collapsed() {
    let m = model(50, 20, true);
    insta::assert_snapshot!(screen(&m).backend());
}

#[test]
fn help_overlay_at_100x30() {
    let mut m = model(100, 30, true);
    m.update(Action::ToggleHelp);
    insta::assert_snapshot!(screen(&m).backend());
}

/// The help names a key as it is pressed: Shift-Tab, not the key table's `BackTab`.
#[test]
fn the_help_names_keys_as_they_are_pressed() {
    let m = model(100, 30, true);
    let help: String = liveblog::tui::help_layout::lines(&m, 100)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(help.contains("Tab Shift-Tab "), "{help}");
    assert!(!help.contains("BackTab"), "{help}");
}

#[test]
fn help_overlay_at_50x20() {
    let mut m = model(50, 20, true);
    m.update(Action::ToggleHelp);
    insta::assert_snapshot!(screen(&m).backend());
}

#[test]
fn readable_at_80x24() {
    let mut m = model(80, 24, true);
    m.update(Action::FocusSidebar);
    m.update(Action::ScrollDown);
    insta::assert_snapshot!(screen(&m).backend());
}

#[test]
fn too_small_terminal_says_so() {
    let m = model(19, 4, true);
    insta::assert_snapshot!(screen(&m).backend());
}

/// Down to a few cells, a terminal too small is told the size it needs, whole: a shorter
/// wording where the sentence does not fit.
#[test]
fn a_terminal_too_small_always_shows_the_size_needed() {
    let sizes = (4..30).flat_map(|w| (1..8).map(move |h| (w, h)));
    for (w, h) in sizes.filter(|&(w, h)| w < 20 || h < 5) {
        let t = screen(&model(w, h, true));
        let buf = t.backend().buffer();
        let rows: Vec<String> = (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        assert!(
            rows.iter().any(|r| r.contains("20×5")),
            "{w}×{h}: {rows:#?}"
        );
        if w >= 30 && h >= 2 {
            assert!(
                rows.concat().contains("needs at least"),
                "{w}×{h}: {rows:#?}"
            );
        }
    }
}

/// At every size too small, down to a single cell, the screen says one wording whole or
/// only `…`: never a wording cut by the edge, whose first cell alone read as a digit ("2").
#[test]
fn a_terminal_too_small_says_a_whole_wording_or_nothing_at_every_size() {
    for (w, h) in (1..=40).flat_map(|w| (1..=5).map(move |h| (w, h))) {
        if w >= 20 && h >= 5 {
            continue;
        }
        let t = screen(&model(w, h, true));
        let buf = t.backend().buffer();
        let rows: Vec<String> = (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        let said = rows
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let wordings = [
            format!("Terminal too small ({w}×{h}): liveblog needs at least 20×5"),
            "Too small: liveblog needs 20×5".to_string(),
            "liveblog needs 20×5".to_string(),
            "needs 20×5".to_string(),
            "20×5".to_string(),
        ];
        if w < 4 {
            assert_eq!(said, "…", "{w}×{h}: {rows:#?}");
        } else {
            assert!(wordings.contains(&said), "{w}×{h}: {rows:#?}");
        }
    }
}

#[test]
fn without_colour_the_selection_is_reversed_and_no_cell_has_a_colour() {
    let mut m = model(100, 30, false);
    m.update(Action::FocusSidebar);
    m.update(Action::ScrollDown);
    let t = screen(&m);
    let buf = t.backend().buffer();
    for cell in &buf.content {
        assert_eq!(
            cell.fg,
            Color::Reset,
            "cell {:?} has a colour",
            cell.symbol()
        );
        assert_eq!(
            cell.bg,
            Color::Reset,
            "cell {:?} has a background",
            cell.symbol()
        );
    }
    // The selected key event (the second) is drawn reversed in the sidebar.
    let s = m.panes().sidebar.unwrap();
    let row = s.y + 1 + u16::try_from(m.sidebar().item_range(1).start).unwrap();
    let cell = &buf[(s.x + 3, row)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    // Key-event entries carry a ▌ gutter mark and a ★, not only a colour.
    let text: String = buf
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(text.contains('★'));
}

#[test]
fn with_colour_key_event_titles_are_bold_yellow() {
    let mut m = model(100, 30, true);
    m.update(Action::NextKeyEvent);
    let t = screen(&m);
    let buf = t.backend().buffer();
    let e = m.panes().entries;
    // Row 0 of the entry pane is the key event's heading: "★ We need…" after the gutter.
    let cell = &buf[(e.x + 2, e.y)];
    assert_eq!(cell.symbol(), "★");
    assert_eq!(cell.fg, Color::Yellow);
    assert!(cell.modifier.contains(Modifier::BOLD));
    let gutter = &buf[(e.x, e.y + 1)];
    assert_eq!(gutter.symbol(), "▌");
}

#[test]
fn the_live_badge_is_red_and_reads_live_without_colour_too() {
    let mut blog = seed();
    blog.state = liveblog::blog::LiveState::Live;
    for color in [true, false] {
        let m = Model::new(
            blog.clone(),
            ReaderOptions {
                following: true,
                ..ReaderOptions::new("x", Theme::new(color), jiff::tz::TimeZone::UTC, (100, 30))
            },
        );
        let t = screen(&m);
        let buf = t.backend().buffer();
        let row: String = (0..100)
            .map(|x| buf[(x, 29)].symbol().to_string())
            .collect();
        assert!(row.contains("● LIVE"), "{row}");
        let x = u16::try_from(row.chars().position(|c| c == 'L').unwrap()).unwrap();
        let cell = &buf[(x, 29)];
        if color {
            assert_eq!(cell.bg, Color::Red);
        } else {
            assert!(cell.modifier.contains(Modifier::REVERSED));
        }
    }
}

#[test]
fn every_size_draws_without_panicking_even_tiny_and_huge() {
    let sizes = [
        (0, 0),
        (1, 1),
        (1, 2),
        (2, 1),
        (3, 3),
        (20, 2),
        (19, 5),
        (20, 5),
        (30, 8),
        (69, 20),
        (70, 20),
        (300, 220),
    ];
    for (w, h) in sizes {
        let mut m = model(w, h, true);
        for a in [
            Action::Top,
            Action::NextKeyEvent,
            Action::ToggleHelp,
            Action::ToggleHelp,
            Action::Bottom,
            Action::ToggleSidebar,
        ] {
            m.update(a);
            let _ = screen(&m);
        }
    }
}

#[test]
fn a_hostile_blog_draws_only_its_harmless_remainder() {
    let text = "Title \u{1b}[31mred\u{1b}[0m\nStand\u{1b}]0;pwned\u{7}first\nKey events\n-\nKey \u{202e}evil\n\
                Key \u{202e}evil\nBody \u{9b}2J with e\u{301}\u{301}\u{301} and 日本語 and 👨\u{200d}👩\u{200d}👧.\n";
    let blog = liveblog::formats::parse(text.as_bytes()).unwrap();
    let m = Model::new(
        blog,
        ReaderOptions::new("x", Theme::new(true), jiff::tz::TimeZone::UTC, (80, 24)),
    );
    let t = screen(&m);
    for cell in &t.backend().buffer().content {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{:?}",
            cell.symbol()
        );
    }
    let all = all_symbols(&t);
    assert!(all.contains("[31mred[0m"), "the harmless remainder shows");
}

#[test]
fn help_overlay_at_80x24_keeps_the_way_out() {
    let mut m = model(80, 24, true);
    m.update(Action::ToggleHelp);
    let t = screen(&m);
    insta::assert_snapshot!(t.backend());
    let all = all_symbols(&t);
    assert!(all.contains("Press ? or Esc to close."));
}

#[test]
fn a_short_help_scrolls_to_its_last_lines() {
    let mut m = model(50, 20, true);
    m.update(Action::ToggleHelp);
    m.update(Action::Bottom);
    let t = screen(&m);
    let all = all_symbols(&t);
    for line in ["≡ summary", "Mouse: wheel", "selects."] {
        assert!(all.contains(line), "{line} is reachable:\n{all}");
    }
    // Up a page from the bottom: what the bottom page hid.
    m.update(Action::PageUp);
    let all = all_symbols(&screen(&m));
    assert!(all.contains("suspend"), "{all}");
}

#[test]
fn a_help_scrolled_to_its_end_keeps_showing_it_when_the_terminal_grows() {
    let mut m = model(50, 20, true);
    m.update(Action::ToggleHelp);
    m.update(Action::Bottom);
    let low = m.help_offset();
    m.update(Action::Resize {
        width: 50,
        height: 30,
    });
    assert_eq!(
        m.help_offset(),
        low - 10,
        "ten rows more: ten lines less scrolled"
    );
    let t = screen(&m);
    // Row 29 is the status bar's, row 28 the help's frame.
    let bottom: String = (0..50)
        .map(|x| t.backend().buffer()[(x, 27)].symbol())
        .collect();
    assert!(
        bottom.contains("selects."),
        "the last line on the last row above the frame: {bottom}"
    );
}

#[test]
fn a_narrow_help_wraps_each_description_under_itself() {
    let mut m = model(50, 40, true);
    m.update(Action::ToggleHelp);
    let t = screen(&m);
    let rows: Vec<String> = (0..40)
        .map(|y| {
            (0..50)
                .map(|x| t.backend().buffer()[(x, y)].symbol())
                .collect()
        })
        .collect();
    let at = rows
        .iter()
        .position(|r| r.contains("scroll down (in the sidebar:"))
        .unwrap();
    // The rest of the description on the next line, in the description's column.
    let key_column = rows[at].find("scroll down").unwrap();
    assert_eq!(
        rows[at + 1].find("next key event)"),
        Some(key_column),
        "{rows:#?}"
    );
    assert!(
        !rows.iter().any(|r| r.contains('…')),
        "nothing cut: {rows:#?}"
    );
}

/// Every cell's symbol, row after row, for searching the whole screen.
fn all_symbols(t: &Terminal<TestBackend>) -> String {
    t.backend()
        .buffer()
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect()
}

#[test]
fn a_page_read_by_its_layout_at_100x30() {
    // The speedway report has no live markup: the status bar says the entries are guessed and
    // the times it gives without a date are shown as written.
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/sportowefakty-wp-pl-falubaz-relacja.html"
    ))
    .unwrap();
    let mut m = Model::new(
        liveblog::formats::parse(&page).unwrap(),
        ReaderOptions::new(
            "sportowefakty.wp.pl",
            Theme::new(true),
            jiff::tz::TimeZone::UTC,
            (100, 30),
        ),
    );
    for _ in 0..12 {
        m.update(Action::ScrollDown);
    }
    let t = screen(&m);
    let text = all_symbols(&t);
    assert!(text.contains("guessed entries"), "{text}");
    assert!(text.contains("19:30"), "{text}");
    insta::assert_snapshot!(t.backend());
}

/// A blog with many key events lays out only those the sidebar shows and a screen beyond, and
/// more as the sidebar is looked further down: every screen is the one drawn from the whole
/// list laid out, and so is the list itself once it is all laid out.
#[test]
fn the_sidebar_lays_out_only_the_key_events_looked_at_and_looks_the_same() {
    let mut blog = seed();
    let key = blog.key_events[0].clone();
    blog.key_events = (0..400)
        .map(|i| liveblog::blog::KeyEvent {
            title: format!("{} {i}", key.title),
            ..key.clone()
        })
        .collect();
    let opts = || ReaderOptions::new("t", Theme::new(true), jiff::tz::TimeZone::UTC, (100, 30));
    let mut lazy = Model::new(blog.clone(), opts());
    assert!(lazy.sidebar().partial());
    assert_eq!(lazy.sidebar().len(), 400);
    assert!(
        lazy.sidebar().line_count() < 100,
        "{}",
        lazy.sidebar().line_count()
    );
    // The same reader with the whole list laid out (the sidebar's last item selected), then
    // back where the other is.
    let mut whole = Model::new(blog, opts());
    for action in [
        Action::FocusSidebar,
        Action::Bottom,
        Action::Top,
        Action::FocusEntries,
    ] {
        whole.update(action);
    }
    assert!(!whole.sidebar().partial());
    assert_eq!(screen(&lazy).backend(), screen(&whole).backend());
    let lines = |m: &Model, n: usize| (0..n).map(|n| m.sidebar().line(n)).collect::<Vec<_>>();
    let laid_out = lazy.sidebar().line_count();
    assert_eq!(lines(&lazy, laid_out), lines(&whole, laid_out));
    // The wheel over the sidebar scrolls it past what was laid out.
    for _ in 0..30 {
        let wheel = Action::Mouse(Mouse::WheelDown { column: 2, row: 10 });
        lazy.update(wheel.clone());
        whole.update(wheel);
        assert_eq!(screen(&lazy).backend(), screen(&whole).backend());
    }
    assert!(
        lazy.sidebar().offset > laid_out,
        "{}",
        lazy.sidebar().offset
    );
    for action in [
        Action::FocusSidebar,
        Action::PageDown,
        Action::PageDown,
        Action::Resize {
            width: 90,
            height: 24,
        },
        Action::PageDown,
        Action::FocusEntries,
        Action::NextKeyEvent,
        Action::FocusSidebar,
        Action::Bottom,
        Action::PageUp,
    ] {
        lazy.update(action.clone());
        whole.update(action.clone());
        assert_eq!(
            screen(&lazy).backend(),
            screen(&whole).backend(),
            "after {action:?}"
        );
    }
    assert!(!lazy.sidebar().partial());
    let all = whole.sidebar().line_count();
    assert_eq!(lazy.sidebar().line_count(), all);
    assert_eq!(lines(&lazy, all), lines(&whole, all));
    assert_eq!(lazy.sidebar().starts, whole.sidebar().starts);
}

/// At its narrowest the sidebar puts a key event's time on a line of its own and its title
/// the whole width under it: words stay whole, not four letters a line.
#[test]
fn the_narrowest_sidebar_keeps_words_whole() {
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json"
    ))
    .unwrap();
    let mut m = Model::new(
        liveblog::formats::parse(&page).unwrap(),
        ReaderOptions::new(
            "politics",
            Theme::new(false),
            jiff::tz::TimeZone::UTC,
            (100, 30),
        ),
    );
    for _ in 0..20 {
        m.update(Action::SidebarNarrower);
    }
    let t = screen(&m);
    let buf = t.backend().buffer();
    let rows: Vec<String> = (0..30)
        .map(|y| (0..100).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    let sidebar = rows.join("\n");
    let side = |r: &String| r.split('│').next().unwrap_or_default().trim().to_string();
    // A time alone on its line, then the title under it, whole words from the sidebar's left.
    let at = rows
        .iter()
        .position(|r| side(r) == "▶ 13:24")
        .expect(&sidebar);
    assert_eq!(side(&rows[at + 1]), "PMQs –", "{sidebar}");
    assert_eq!(side(&rows[at + 2]), "snap", "{sidebar}");
    for word in ["legislate", "threshold", "earnings"] {
        let whole = |r: &String| side(r).split(' ').any(|w| w == word);
        assert!(rows.iter().any(whole), "{word}: {sidebar}");
    }
}

/// A word longer than the narrowest sidebar is split with a hyphen at the end of each part, so
/// it reads as one word; Japanese is split between its characters without one, two columns
/// each; no line runs past the sidebar's border.
#[test]
fn the_narrowest_sidebar_splits_a_long_word_with_a_hyphen() {
    let mut blog = seed();
    let key = blog.key_events[0].clone();
    blog.key_events = [
        "Niekonstytucyjności ustawy",
        "Mistrzostwaświata",
        "日本語のテキストです",
    ]
    .map(|title| liveblog::blog::KeyEvent {
        title: title.into(),
        ..key.clone()
    })
    .to_vec();
    let mut m = Model::new(
        blog,
        ReaderOptions::new("t", Theme::new(false), jiff::tz::TimeZone::UTC, (100, 30)),
    );
    for _ in 0..20 {
        m.update(Action::SidebarNarrower);
    }
    let t = screen(&m);
    let buf = t.backend().buffer();
    // Each row as it reads: the cell a wide character covers is not a space of the text.
    let rows: Vec<String> = (0..30)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < 100 {
                let symbol = buf[(x, y)].symbol();
                row.push_str(symbol);
                x += u16::try_from(liveblog::tui::wrap::width(symbol).max(1)).unwrap();
            }
            row
        })
        .collect();
    let sidebar = rows.join("\n");
    // The sidebar's part of each row, up to its border, without the bullets.
    let side = |r: &String| {
        let inside = r.split(['│', '┐']).next().unwrap_or_default();
        inside.trim_start_matches(['•', ' ']).trim_end().to_string()
    };
    let lines: Vec<String> = rows.iter().map(side).collect();
    let at = |s: &str| lines.iter().position(|l| l == s).expect(&sidebar);
    let first = at("Niekonsty-");
    assert_eq!(
        lines[first + 1..first + 3],
        ["tucyjności", "ustawy"],
        "{sidebar}"
    );
    let second = at("Mistrzost-");
    assert_eq!(lines[second + 1], "waświata", "{sidebar}");
    let third = at("日本語のテ");
    assert_eq!(lines[third + 1], "キストです", "{sidebar}");
    insta::assert_snapshot!(t.backend());
}

/// An entry of every kind of rich text: a results table with a header and a link, text struck
/// through, superscripts and subscripts, and a list counting down in Roman numerals.
fn rich_text_blog() -> LiveBlog {
    let body = liveblog::formats::html::to_blocks(
        "<p>Turnout <s>59%</s> 60%, up 10<sup>-2</sup> on H<sub>2</sub>O<sup>[1]</sup>.</p>\
         <table><thead><tr><th>Party</th><th>Seats</th><th>Share of the vote</th></tr></thead>\
         <tr><td><a href=\"https://e.test/lab\">Labour</a></td><td>411</td>\
         <td>33.7%, its lowest for a winning party since the war</td></tr>\
         <tr><td>Liberal Democrats</td><td>72</td><td>12.2%</td></tr></table>\
         <ol reversed type=I><li>Third</li><li>Second</li><li>First</li></ol>",
    );
    LiveBlog {
        title: "Election results".into(),
        entries: vec![liveblog::blog::Entry {
            id: "r".into(),
            title: Some("The results".into()),
            body,
            ..liveblog::blog::Entry::default()
        }],
        ..LiveBlog::default()
    }
}

fn rich_text_screen(w: u16, h: u16) -> Terminal<TestBackend> {
    let m = Model::new(
        rich_text_blog(),
        ReaderOptions::new(
            "rich text",
            Theme::new(false),
            jiff::tz::TimeZone::UTC,
            (w, h),
        ),
    );
    screen(&m)
}

#[test]
fn rich_text_at_100x30() {
    let t = rich_text_screen(100, 30);
    let text = all_symbols(&t);
    assert!(text.contains("10⁻² on H₂O^[1]"), "{text}");
    let crossed = t
        .backend()
        .buffer()
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::CROSSED_OUT))
        .map(ratatui::buffer::Cell::symbol)
        .collect::<String>();
    assert_eq!(crossed, "59%");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn rich_text_at_50x20() {
    insta::assert_snapshot!(rich_text_screen(50, 20).backend());
}

fn row_of(t: &Terminal<TestBackend>, y: u16) -> String {
    let w = t.backend().buffer().area.width;
    (0..w)
        .map(|x| t.backend().buffer()[(x, y)].symbol())
        .collect()
}

#[test]
fn the_help_leaves_the_status_bar_whole() {
    for (w, h) in [(120, 35), (100, 30), (50, 20), (20, 8)] {
        let mut m = model(w, h, true);
        m.update(Action::Bottom);
        let bar = row_of(&screen(&m), h - 1);
        m.update(Action::ToggleHelp);
        let t = screen(&m);
        assert_eq!(row_of(&t, h - 1), bar, "at {w}×{h}");
        let all = all_symbols(&t);
        assert!(
            w < 50 || all.contains("Press ? or Esc to close."),
            "at {w}×{h}:\n{all}"
        );
    }
}

#[test]
fn a_help_too_narrow_for_a_column_of_keys_puts_each_description_under_its_key() {
    let (w, h) = (20, 8);
    let mut m = model(w, h, true);
    m.update(Action::ToggleHelp);
    let mut seen = String::new();
    for _ in 0..200 {
        let t = screen(&m);
        for y in 0..h - 1 {
            seen.push_str(&row_of(&t, y));
            seen.push('\n');
        }
        m.update(Action::ScrollDown);
    }
    // Words stay whole, several to a line.
    assert!(seen.contains("scroll down"), "{seen}");
}

#[test]
fn a_long_note_cuts_the_title_it_quotes_not_what_it_says_of_it() {
    let mut m = model(100, 30, true);
    m.update(Action::FocusSidebar);
    m.update(Action::Bottom);
    m.update(Action::Select);
    let bar = row_of(&screen(&m), 29);
    assert!(
        bar.contains("\" is a key event the source gives no entry for"),
        "{bar}"
    );
    assert!(
        bar.contains("…\" is a key event"),
        "the title is cut: {bar}"
    );
}
