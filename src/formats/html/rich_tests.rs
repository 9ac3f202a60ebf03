//! Text a page marks up beyond bold, italics and links: struck through, raised and lowered,
//! lists numbered otherwise, tables. Each read both ways, the fast path and the full parse.

use super::*;
use url::Url;

/// The blocks of `html`, checked to be the same both ways where the fast path reads it.
fn read(html: &str) -> Vec<Block> {
    let base = Url::parse("https://example.com/live/blog").ok();
    let (fast, full) = both_readings(html, base.as_ref());
    if let Some(fast) = fast {
        assert_eq!(fast, full, "{html}");
    }
    full
}

fn struck(text: &str) -> Inline {
    Inline {
        text: text.into(),
        strike: true,
        ..Inline::default()
    }
}

#[test]
fn struck_through_text_is_kept_and_marked() {
    for tag in ["s", "del", "strike", "S"] {
        let html = format!("<p>Shares <{tag}>rose</{tag}> fell.</p>");
        assert_eq!(
            read(&html),
            vec![Block::Paragraph {
                runs: vec![
                    Inline::plain("Shares "),
                    struck("rose"),
                    Inline::plain(" fell.")
                ]
            }],
            "{html}"
        );
    }
    let b = read("<p><del><b>Bold</b> gone</del></p>");
    let Block::Paragraph { runs } = &b[0] else {
        panic!("{b:?}")
    };
    assert!(runs.iter().all(|r| r.strike), "{runs:?}");
    assert!(runs[0].bold && !runs[1].bold, "{runs:?}");
}
