//! The screen at its edges: a terminal much wider than the text column, and one so narrow
//! that every column of the sidebar counts.

use super::{live_blog, row};
use crate::blog::{Block, Entry, Inline};
use crate::tui::action::Action;
use crate::tui::model::{Model, ReaderOptions};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The whole screen as drawn, row by row.
fn screen(m: &Model) -> Vec<String> {
    let area = Rect::new(0, 0, m.size.0, m.size.1);
    let mut buf = Buffer::empty(area);
    crate::tui::ui::render(&mut buf, m);
    (0..area.height).map(|y| row(&buf, y)).collect()
}

fn options(size: (u16, u16)) -> ReaderOptions {
    ReaderOptions {
        following: true,
        ..ReaderOptions::new("t", Theme::new(true), jiff::tz::TimeZone::UTC, size)
    }
}

/// An entry whose one paragraph links to each of `urls`.
fn linking(urls: &[&str]) -> Entry {
    Entry {
        id: "e0".into(),
        title: Some("Sources".into()),
        body: vec![Block::Paragraph {
            runs: urls
                .iter()
                .enumerate()
                .map(|(i, u)| Inline {
                    text: format!("source {i} "),
                    link: Some((*u).to_string()),
                    ..Inline::default()
                })
                .collect(),
        }],
        ..Entry::default()
    }
}

const LONG: &str = "https://www.theguardian.com/world/live/2025/feb/17/\
                    paris-summit-europe-leaders-ukraine-security-talks-latest-news-updates\
                    ?page=with:block-67b3a1f28f08f5f1a2c6b4e3#block-67b3a1f28f08f5f1a2c6b4e3";

#[test]
fn a_wide_terminal_lists_each_link_whole() {
    let urls = [LONG, "https://example.com/short"];
    let mut m = Model::new(live_blog("Links", vec![linking(&urls)]), options((250, 30)));
    m.update(Action::OpenLinks);
    let rows = screen(&m);
    for url in urls {
        assert!(
            rows.iter().any(|r| r.contains(&format!("] {url}"))),
            "{url} whole on its row:\n{}",
            rows.join("\n")
        );
    }
    // Longer than even this terminal: cut in the middle, its site and its end kept.
    let endless = format!("https://example.com/{}/the-end", "a".repeat(300));
    let mut m = Model::new(
        live_blog("Links", vec![linking(&[&endless])]),
        options((250, 30)),
    );
    m.update(Action::OpenLinks);
    let rows = screen(&m);
    let listed = rows
        .iter()
        .find(|r| r.contains("│[1] "))
        .expect("the link's row");
    assert!(
        listed.contains("[1] https://example.com/aaa")
            && listed.contains("a…a")
            && listed.contains("a/the-end│"),
        "{listed}"
    );
}
