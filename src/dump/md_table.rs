//! A table in Markdown: a pipe table, as GitHub and most renderers read it.

use super::md_runs;
use crate::blog::Table;
use std::fmt::Write;

/// A pipe table: a header row (empty when the table has none, a pipe table needing one), a
/// rule, then a line a row; what was left out after, in italics.
pub(super) fn md_table(t: &Table) -> String {
    let columns = t.columns().max(1);
    let row = |cells: &[Vec<crate::blog::Inline>]| {
        let mut line = String::from("|");
        for c in 0..columns {
            let cell = cells.get(c).map(|r| md_runs(r)).unwrap_or_default();
            // A pipe ends a cell wherever it is, in a link too; a line break is HTML's.
            let cell = cell.replace('|', "\\|").replace("\\\n", "<br>");
            let _ = write!(line, " {cell} |");
        }
        line
    };
    let mut lines = Vec::new();
    let mut rows = t.rows.iter();
    match rows.next() {
        Some(first) if t.header => lines.push(row(first)),
        _ => {
            lines.push(row(&[]));
            rows = t.rows.iter();
        }
    }
    lines.push(format!("|{}", " --- |".repeat(columns)));
    lines.extend(rows.map(|r| row(r)));
    if let Some(note) = t.left_out() {
        lines.push(String::new());
        lines.push(format!("*{note}*"));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::Inline;

    fn cell(t: &str) -> Vec<Inline> {
        vec![Inline::plain(t)]
    }

    #[test]
    fn a_table_is_a_pipe_table_its_pipes_and_breaks_escaped() {
        let t = Table {
            rows: vec![
                vec![cell("Team"), cell("Score")],
                vec![cell("A | B"), cell("1\n2")],
                vec![cell("C")],
            ],
            header: true,
            more_columns: 2,
            ..Table::default()
        };
        assert_eq!(
            md_table(&t),
            "| Team | Score |\n| --- | --- |\n| A \\| B | 1<br>2 |\n| C |  |\n\n*… 2 more columns*"
        );
    }

    /// A pipe table needs a header: a table without one gets an empty one.
    #[test]
    fn a_table_without_a_header_gets_an_empty_one() {
        let t = Table {
            rows: vec![vec![cell("a"), cell("b")]],
            ..Table::default()
        };
        assert_eq!(md_table(&t), "|  |  |\n| --- | --- |\n| a | b |");
    }
}
