use super::*;

fn table(header: bool, rows: &[&[&str]]) -> Table {
    Table {
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| vec![Inline::plain(*c)]).collect())
            .collect(),
        header,
        ..Table::default()
    }
}

#[test]
fn columns_as_wide_as_they_are_when_that_fits() {
    assert_eq!(fit(&[5, 10, 3], 30), Some(vec![5, 10, 3]));
    assert_eq!(fit(&[5, 10, 3], 24), Some(vec![5, 10, 3]));
}

/// The widest columns give up room first, and none below the floor; narrower still is none.
#[test]
fn the_widest_columns_are_narrowed_to_fit() {
    let w = fit(&[5, 40, 30], 50).unwrap();
    assert_eq!(w.iter().sum::<usize>() + 6, 50, "{w:?}");
    assert_eq!(w[0], 5);
    assert!(w[1].abs_diff(w[2]) <= 1, "{w:?}");
    assert_eq!(
        fit(&[40, 40, 40], 3 * MIN_COLUMN + 6),
        Some(vec![MIN_COLUMN; 3])
    );
    assert_eq!(fit(&[40, 40, 40], 3 * MIN_COLUMN + 5), None);
    assert_eq!(fit(&[2, 2], 4), None);
    assert_eq!(fit(&[], 10), Some(vec![]));
}

#[test]
fn a_table_as_text_is_aligned_with_a_rule_under_its_header() {
    let t = table(
        true,
        &[&["Party", "Seats"], &["Labour", "411"], &["Reform UK", "5"]],
    );
    assert_eq!(
        t.text(80),
        "Party     │ Seats\n\
         ──────────┼──────\n\
         Labour    │ 411\n\
         Reform UK │ 5"
    );
}

#[test]
fn a_table_too_wide_wraps_its_widest_cells_in_their_column() {
    let t = table(false, &[&["Who", "What was said at length today"]]);
    assert_eq!(
        t.text(20),
        "Who │ What was said\n    │ at length\n    │ today"
    );
}

#[test]
fn a_table_too_wide_for_columns_is_one_cell_a_line_under_its_names() {
    let t = table(
        true,
        &[
            &["Name", "Role", "Team"],
            &["Ann", "Striker", "A"],
            &["Bo", "Keeper", "B"],
        ],
    );
    assert_eq!(
        t.text(10),
        "Name: Ann\nRole: Striker\nTeam: A\n\nName: Bo\nRole: Keeper\nTeam: B"
    );
}

#[test]
fn what_was_left_out_is_said_under_the_table() {
    let mut t = table(false, &[&["a"]]);
    t.more_columns = 1;
    t.more_rows = 2;
    assert_eq!(t.text(80), "a\n… 1 more column, 2 more rows");
}

#[test]
fn a_word_wider_than_its_column_is_cut() {
    assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
    assert_eq!(wrap("a\n\nb", 3), ["a", "", "b"]);
}

/// Liveblog's own JSON is read without a page's caps: made safe, a table is cut to them.
#[test]
fn a_table_from_json_is_cut_to_the_caps_and_made_safe() {
    let wide = vec![vec![Inline::plain("x\u{1b}[31m")]; MAX_COLUMNS + 5];
    let mut t = Table {
        rows: vec![wide; MAX_ROWS + 2],
        more_rows: 1,
        ..Table::default()
    };
    t.sanitize();
    assert_eq!(t.rows.len(), MAX_ROWS);
    assert!(t.rows.iter().all(|r| r.len() == MAX_COLUMNS));
    assert_eq!((t.more_rows, t.more_columns), (3, 5));
    assert!(!runs_text(&t.rows[0][0]).contains('\u{1b}'));
}
