//! Whole screens on ratatui's `TestBackend` at fixed sizes, as insta snapshots, plus cell-level
//! style checks where a snapshot of symbols alone would miss a wrong style. No clock: relative
//! times are off, so the snapshots are stable.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::LiveBlog;
use liveblog::tui::action::Action;
use liveblog::tui::model::Model;
use liveblog::tui::theme::Theme;
use liveblog::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn seed() -> LiveBlog {
    liveblog::formats::parse(liveblog::source::BUNDLED.as_bytes()).unwrap()
}

fn screen(model: &Model) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(model.size.0, model.size.1)).unwrap();
    t.draw(|f| ui::draw(f, model)).unwrap();
    t
}

fn model(w: u16, h: u16, color: bool) -> Model {
    Model::new(
        seed(),
        "bundled blog".into(),
        Theme::new(color),
        jiff::tz::TimeZone::UTC,
        (w, h),
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
    let s = m.geometry.sidebar.unwrap();
    let row = s.y + 1 + u16::try_from(m.sidebar.item_range(1).start).unwrap();
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
    let e = m.geometry.entries;
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
        let mut m = Model::new(
            blog.clone(),
            "x".into(),
            Theme::new(color),
            jiff::tz::TimeZone::UTC,
            (100, 30),
        );
        m.status.following = true;
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
