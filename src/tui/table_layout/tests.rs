use super::*;
use crate::blog::Inline;

fn texts(lines: &[Line<'_>]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

fn lay_out(t: &Table, width: usize) -> (Vec<Line<'static>>, Vec<String>) {
    let mut out = Vec::new();
    let mut links = vec!["https://first.example/".to_string()];
    table_lines(t, width, Theme::new(false), &mut links, &mut out);
    (out, links)
}

fn results() -> Table {
    let cell = |t: &str| vec![Inline::plain(t)];
    Table {
        rows: vec![
            vec![cell("Party"), cell("Seats")],
            vec![
                vec![Inline {
                    text: "Labour".into(),
                    link: Some("https://labour.example/".into()),
                    ..Inline::default()
                }],
                cell("411"),
            ],
            vec![cell("Liberal Democrats"), cell("72")],
        ],
        header: true,
        more_rows: 3,
        ..Table::default()
    }
}

/// Columns line up, a link's number counting in its column's width, the header bold over a
/// rule, and what was left out under it all.
#[test]
fn a_table_is_drawn_in_aligned_columns_under_a_bold_header() {
    let (lines, numbered) = lay_out(&results(), 60);
    assert_eq!(
        texts(&lines),
        [
            "Party             │ Seats",
            "──────────────────┼──────",
            "Labour[2]         │ 411",
            "Liberal Democrats │ 72",
            "… 3 more rows",
        ]
    );
    assert_eq!(numbered.len(), 2);
    let party = &lines[0].spans[0];
    assert_eq!(party.content, "Party");
    assert!(party.style.add_modifier.contains(Modifier::BOLD));
    assert!(
        !lines[3].spans[0]
            .style
            .add_modifier
            .contains(Modifier::BOLD)
    );
}

#[test]
fn a_table_too_wide_for_the_pane_wraps_its_widest_column() {
    let (lines, _) = lay_out(&results(), 18);
    let t = texts(&lines);
    assert!(t.iter().all(|l| text_width(l) <= 18), "{t:#?}");
    assert_eq!(t[3], "Liberal    │ 72");
    assert_eq!(t[4], "Democrats  │ ");
}

#[test]
fn a_table_with_no_room_for_columns_is_one_cell_a_line() {
    let (lines, _) = lay_out(&results(), 12);
    assert_eq!(
        texts(&lines),
        [
            "Party:",
            "  Labour[2]",
            "Seats: 411",
            "",
            "Party:",
            "  Liberal",
            "  Democrats",
            "Seats: 72",
            "… 3 more rows",
        ]
    );
}
