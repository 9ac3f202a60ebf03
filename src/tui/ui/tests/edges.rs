//! The screen at its edges: a terminal much wider than the text column, and one so narrow
//! that every column of the sidebar counts.

use super::{live_blog, row};
use crate::blog::{Block, Entry, Inline, Stamp};
use crate::tui::action::Action;
use crate::tui::model::{FeedSpec, Model, ReaderOptions};
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

/// Two blogs of one event merged, one with a long name, `size` big, with the sidebar shown.
fn merged(size: (u16, u16)) -> Model {
    let at = |minute: u32| Stamp::parse(&format!("2025-02-17T10:{minute:02}:00Z")).unwrap();
    let blog = |prefix: &str, minutes: &[u32]| {
        let entries = minutes
            .iter()
            .map(|&minute| Entry {
                id: format!("{prefix}{minute}"),
                title: Some(format!("Leaders meet at {minute}")),
                key_event: true,
                published: Some(at(minute)),
                body: vec![Block::text("Body.")],
                ..Entry::default()
            })
            .collect();
        let mut blog = live_blog(prefix, entries);
        for (k, e) in blog.key_events.iter_mut().zip(&blog.entries) {
            k.published = e.published;
        }
        blog
    };
    let spec = |name: &str, blog| FeedSpec {
        name: name.into(),
        blog,
        following: true,
        pageable: false,
        first_error: None,
    };
    let mut m = Model::with_feeds(
        vec![
            spec("liveblog.example.org", blog("a", &[50, 30])),
            spec("BBC", blog("b", &[40, 20])),
        ],
        None,
        options(size),
        at(55).instant(),
    );
    if m.panes.sidebar.is_none() {
        m.update(Action::ToggleSidebar);
    }
    m
}

/// The sidebar's rows, as drawn.
fn sidebar_rows(m: &Model) -> Vec<String> {
    let s = m.panes.sidebar.expect("the sidebar");
    screen(m)[usize::from(s.y)..usize::from(s.bottom())]
        .iter()
        .map(|r| r.chars().take(usize::from(s.width)).collect())
        .collect()
}

#[test]
fn a_blogs_tag_in_the_merged_sidebar_shares_its_line_with_the_title() {
    for width in [50, 80] {
        let rows = sidebar_rows(&merged((width, 20)));
        let all = rows.join("\n");
        let tagged: Vec<&String> = rows.iter().filter(|r| r.contains('[')).collect();
        assert_eq!(tagged.len(), 4, "one tag an item at {width}:\n{all}");
        for row in tagged {
            let text = row.trim_matches(|c| " │▶•".contains(c));
            let alone = text.starts_with('[') && text.ends_with(']');
            assert!(!alone, "a tag alone at {width}:\n{all}");
            assert!(
                row.contains("[BBC]") || row.contains("[live"),
                "which blog, at {width}:\n{all}"
            );
        }
    }
    // Where there is room, the name is whole.
    let mut m = merged((250, 20));
    for _ in 0..4 {
        m.update(Action::SidebarWider);
    }
    let all = sidebar_rows(&m).join("\n");
    assert!(all.contains("[liveblog.example.org] Leaders"), "{all}");
}

/// The status bar of `m` with blog 0 failing with HTTP 500, then blog 1 another way too.
fn failing_bars(mut m: Model) -> [String; 2] {
    let at = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    m.update(Action::Tick(at));
    let failures = [
        (
            "HTTP 500",
            "\"https://live.example.org/x\": server error (HTTP 500); it will be retried",
        ),
        (
            "connection refused",
            "\"https://bbc.example/x\": could not connect: connection refused; check the \
             address and your network",
        ),
    ];
    let mut bars = [String::new(), String::new()];
    for (k, (class, error)) in failures.into_iter().enumerate() {
        m.update(Action::Live(
            k,
            crate::live::Event::Failed {
                class: class.into(),
                error: error.into(),
                at,
                retry_in: None,
            },
        ));
        bars[k] = screen(&m).pop().unwrap_or_default();
    }
    bars
}

#[test]
fn a_merged_bar_says_each_failing_class_once() {
    let [one, two] = failing_bars(merged((200, 20)));
    assert_eq!(one.matches("HTTP 500").count(), 1, "{one}");
    assert!(
        one.contains("⚠ liveblog.example.org: HTTP 500") && one.contains("server error; it will"),
        "{one}"
    );
    // The second blog fails another way: said, not taken for the first one's.
    assert_eq!(two.matches("HTTP 500").count(), 1, "{two}");
    assert!(two.contains("1 more: connection refused"), "{two}");
}

/// The status bar of `m` after blog 0's refresh fails with HTTP `code`, which its class names
/// only by its range.
fn failing_with(mut m: Model, code: u16) -> String {
    let (class, error) = match code {
        500..=599 => ("HTTP 5xx", "server error (HTTP {code}); it will be retried"),
        _ => (
            "HTTP 4xx",
            "unexpected answer (HTTP {code}); check the address",
        ),
    };
    let error =
        format!("\"https://live.example.org/x\": {error}").replace("{code}", &code.to_string());
    m.update(Action::Live(
        0,
        crate::live::Event::Failed {
            class: class.into(),
            error,
            at: jiff::Timestamp::from_second(1_700_000_000).unwrap(),
            retry_in: None,
        },
    ));
    screen(&m).pop().unwrap_or_default()
}

#[test]
fn a_narrow_bar_keeps_the_exact_http_code_of_a_failure() {
    for width in [60, 120] {
        let one = || {
            Model::new(
                live_blog("Summit", vec![linking(&[])]),
                options((width, 20)),
            )
        };
        for (m, code) in [(one(), 507), (one(), 418), (merged((width, 20)), 418)] {
            let bar = failing_with(m, code);
            assert!(bar.contains(&format!("HTTP {code}")), "at {width}: {bar}");
            assert!(!bar.contains("xx"), "at {width}: {bar}");
            // Said once: the message does not repeat it where it is shown.
            assert_eq!(
                bar.matches(&code.to_string()).count(),
                1,
                "at {width}: {bar}"
            );
        }
    }
    // Wide enough, the bar says what the message says besides, and whose blog failed.
    let bar = failing_with(merged((120, 20)), 418);
    assert!(
        bar.contains("⚠ liveblog.example.org: HTTP 418 · at 22:13 · unexpected answer; check"),
        "{bar}"
    );
}
