//! A table in the reader: its columns aligned and fitted to the pane's width, or one cell a
//! line when they cannot be.

use super::entry_layout::{runs, wrap_owned};
use super::theme::Theme;
use super::wrap::width as text_width;
use crate::blog::table::{GAP, Table, fit, rule};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// A cell's styled runs.
type Cell = Vec<(String, Style)>;

/// The lines of a table `width` columns wide, its links numbered on from `links`.
pub(super) fn table_lines(
    t: &Table,
    width: usize,
    th: Theme,
    links: &mut Vec<String>,
    out: &mut Vec<Line<'static>>,
) {
    // Styled first, row by row, so that links are numbered in reading order and their numbers
    // count in the columns' widths.
    let cells: Vec<Vec<Cell>> = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let style = if r == 0 && t.header {
                th.text().add_modifier(Modifier::BOLD)
            } else {
                th.text()
            };
            row.iter().map(|c| runs(c, style, th, links)).collect()
        })
        .collect();
    let mut natural = vec![1; t.columns()];
    for row in &cells {
        for (w, cell) in natural.iter_mut().zip(row) {
            *w = (*w).max(longest_line(cell));
        }
    }
    match fit(&natural, width) {
        Some(widths) => columns(t, &cells, &widths, th, out),
        None => one_cell_a_line(t, &cells, width, th, out),
    }
    if let Some(note) = t.left_out() {
        out.push(Line::from(Span::styled(note, th.dim())));
    }
}

fn longest_line(cell: &Cell) -> usize {
    let text: String = cell.iter().map(|(t, _)| t.as_str()).collect();
    text.lines().map(text_width).max().unwrap_or(0)
}

/// Rows of cells, each wrapped to its column's width, the columns a bar apart.
fn columns(
    t: &Table,
    cells: &[Vec<Cell>],
    widths: &[usize],
    th: Theme,
    out: &mut Vec<Line<'static>>,
) {
    let none = Span::raw("");
    for (r, row) in cells.iter().enumerate() {
        let wrapped: Vec<Vec<Line<'static>>> = widths
            .iter()
            .enumerate()
            .map(|(c, &w)| match row.get(c) {
                Some(cell) if !cell.is_empty() => wrap_owned(cell, w, &none, &none),
                _ => Vec::new(),
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (c, (lines, &w)) in wrapped.iter().zip(widths).enumerate() {
                if c > 0 {
                    spans.push(Span::styled(GAP, th.separator()));
                }
                let line = lines.get(k);
                let used = line.map_or(0, Line::width);
                if let Some(l) = line {
                    spans.extend(l.spans.iter().cloned());
                }
                if c + 1 < widths.len() && used < w {
                    spans.push(Span::raw(" ".repeat(w - used)));
                }
            }
            out.push(Line::from(spans));
        }
        if r == 0 && t.header {
            out.push(Line::from(Span::styled(rule(widths), th.separator())));
        }
    }
}

/// Each cell on its own lines, after its column's name when the table has a header, the rows a
/// blank line apart.
fn one_cell_a_line(
    t: &Table,
    cells: &[Vec<Cell>],
    width: usize,
    th: Theme,
    out: &mut Vec<Line<'static>>,
) {
    let names: Vec<String> = match (t.header, cells.first()) {
        (true, Some(first)) => first
            .iter()
            .map(|c| c.iter().map(|(t, _)| t.as_str()).collect::<String>())
            .collect(),
        _ => Vec::new(),
    };
    let indent = Span::raw("  ");
    for (r, row) in cells.iter().skip(usize::from(t.header)).enumerate() {
        if r > 0 {
            out.push(Line::default());
        }
        for (c, cell) in row.iter().enumerate() {
            let first = match names.get(c).filter(|n| !n.trim().is_empty()) {
                Some(n) => Span::styled(format!("{}: ", n.replace('\n', " ")), th.meta()),
                None => Span::raw(""),
            };
            // A name with no room for the first word after it is a line of its own, rather
            // than the word cut.
            let text: String = cell.iter().map(|(t, _)| t.as_str()).collect();
            let word = text.split_whitespace().next().map_or(0, text_width);
            if first.width() + word > width {
                out.push(Line::from(Span::styled(
                    first.content.trim_end().to_string(),
                    first.style,
                )));
                out.extend(wrap_owned(cell, width, &indent, &indent));
            } else {
                out.extend(wrap_owned(cell, width, &first, &indent));
            }
        }
    }
}

#[cfg(test)]
mod tests;
