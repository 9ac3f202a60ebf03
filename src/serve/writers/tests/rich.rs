//! The blocks of the rich blog that number lists otherwise and lay out tables.

use crate::blog::{Block, Inline, Numerals, Table};

/// Lists counting down in Roman numerals (one nested in its first item) and numbered in
/// letters, and a table with a header, a link, a struck cell and an empty one.
pub(super) fn blocks() -> Vec<Block> {
    let list = |items: &[&str], start, level, numerals, reversed| Block::List {
        ordered: level == 0,
        items: items.iter().map(|t| vec![Inline::plain(*t)]).collect(),
        start,
        level,
        numerals,
        reversed,
        continued: false,
    };
    let cell = |t: &str| vec![Inline::plain(t)];
    vec![
        list(&["Gamma"], 12, 0, Numerals::UpperRoman, true),
        list(&["inside"], 1, 1, Numerals::Decimal, false),
        list(&["Delta", "Eps"], 11, 0, Numerals::UpperRoman, true),
        list(&["first"], 1, 0, Numerals::LowerAlpha, false),
        Block::Table(Box::new(Table {
            rows: vec![
                vec![cell("Party"), cell("Seats"), cell("Change")],
                vec![
                    vec![Inline {
                        text: "Labour".into(),
                        link: Some("https://example.com/labour".into()),
                        ..Inline::default()
                    }],
                    cell("411"),
                    vec![Inline {
                        text: "+209".into(),
                        strike: true,
                        ..Inline::default()
                    }],
                ],
                vec![cell("Others"), cell("14"), Vec::new()],
            ],
            header: true,
            ..Table::default()
        })),
    ]
}
