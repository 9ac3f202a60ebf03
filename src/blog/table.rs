//! Tables: rows of cells, and how their columns are fitted to a width.
//!
//! The reader, the text dump and search all lay a table out the same way: each column as wide
//! as its widest cell, the widest columns narrowed (their cells wrapped) when the whole is too
//! wide, and one cell a line when even that cannot fit.

use super::content::{Inline, runs_text, sanitize_runs};
use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

/// The most columns read from a table; those after are counted, not kept. A news table has a
/// handful; a page of ten thousand must not cost ten thousand of anything a row.
pub const MAX_COLUMNS: usize = 24;
/// The most rows read from a table; those after are counted, not kept.
pub const MAX_ROWS: usize = 1000;
/// The narrowest a column is made before a table is shown one cell a line instead.
pub const MIN_COLUMN: usize = 6;
/// Between two columns.
pub const GAP: &str = " │ ";
/// The width of [`GAP`].
pub const GAP_WIDTH: usize = 3;
/// The width a table is laid out at where nothing else says (the text dump, search).
pub const TEXT_WIDTH: usize = 100;

/// A table, row by row, each cell a line of runs (a line break in it is `\n`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Table {
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// The first row names the columns (`<th>`, `<thead>`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub header: bool,
    /// Columns past [`MAX_COLUMNS`], left out.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_columns: u32,
    /// Rows past [`MAX_ROWS`], left out.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_rows: u32,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Table {
    /// Its cells made safe, and cut to the caps: a table read from liveblog's own JSON has
    /// not been through a page's reading, which keeps to them.
    pub(super) fn sanitize(&mut self) {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let rows_cut = self.rows.len().saturating_sub(MAX_ROWS);
        self.rows.truncate(MAX_ROWS);
        self.more_rows = self.more_rows.saturating_add(count(rows_cut));
        let mut columns_cut = 0;
        for row in &mut self.rows {
            columns_cut = columns_cut.max(row.len().saturating_sub(MAX_COLUMNS));
            row.truncate(MAX_COLUMNS);
            // A cell left empty keeps its place in the row.
            row.iter_mut().for_each(sanitize_runs);
        }
        self.more_columns = self.more_columns.saturating_add(count(columns_cut));
    }

    /// How many columns: those of its widest row.
    pub fn columns(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Each row as one line of runs, its cells `" | "` apart: a table where there is no room
    /// for columns (in a list's item, a quote), and as tables were read before they were
    /// tables.
    pub fn row_runs(&self) -> Vec<Vec<Inline>> {
        self.rows
            .iter()
            .map(|row| {
                let mut runs: Vec<Inline> = Vec::new();
                for (c, cell) in row.iter().enumerate() {
                    if c > 0 {
                        runs.push(Inline::plain(" | "));
                    }
                    runs.extend(cell.iter().cloned());
                }
                runs
            })
            .collect()
    }

    /// What was left out, as a reader is told it: "… 3 more columns, 12 more rows".
    pub fn left_out(&self) -> Option<String> {
        let plural = |n: u32, what: &str| {
            let s = if n == 1 { "" } else { "s" };
            format!("{n} more {what}{s}")
        };
        let mut parts = Vec::new();
        if self.more_columns > 0 {
            parts.push(plural(self.more_columns, "column"));
        }
        if self.more_rows > 0 {
            parts.push(plural(self.more_rows, "row"));
        }
        (!parts.is_empty()).then(|| format!("… {}", parts.join(", ")))
    }

    /// Each column's width: as its widest cell's longest line, at least 1.
    pub fn natural_widths(&self, cell_width: impl Fn(&[Inline]) -> usize) -> Vec<usize> {
        let mut widths = vec![1; self.columns()];
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell_width(cell));
            }
        }
        widths
    }

    /// The table as text `width` columns wide: aligned columns, a rule under the header, and
    /// what was left out after.
    pub fn text(&self, width: usize) -> String {
        let natural = self.natural_widths(|c| longest_line(&runs_text(c)));
        let mut lines: Vec<String> = Vec::new();
        match fit(&natural, width) {
            Some(widths) => {
                for (r, row) in self.rows.iter().enumerate() {
                    let cells: Vec<Vec<String>> = widths
                        .iter()
                        .enumerate()
                        .map(|(c, &w)| row.get(c).map_or_else(Vec::new, |t| wrap(&runs_text(t), w)))
                        .collect();
                    lines.extend(join_cells(&cells, &widths));
                    if r == 0 && self.header {
                        lines.push(rule(&widths));
                    }
                }
            }
            None => lines.extend(self.cell_lines(runs_text)),
        }
        lines.extend(self.left_out());
        lines.join("\n")
    }

    /// One cell a line, each after its column's name when the table has a header, the rows a
    /// blank line apart: a table too wide for any columns.
    pub fn cell_lines(&self, text: impl Fn(&[Inline]) -> String) -> Vec<String> {
        let names: Vec<String> = match (self.header, self.rows.first()) {
            (true, Some(first)) => first.iter().map(|c| text(c)).collect(),
            _ => Vec::new(),
        };
        let body = self.rows.iter().skip(usize::from(self.header));
        let mut lines = Vec::new();
        for (r, row) in body.enumerate() {
            if r > 0 {
                lines.push(String::new());
            }
            for (c, cell) in row.iter().enumerate() {
                let t = text(cell);
                match names.get(c).filter(|n| !n.is_empty()) {
                    Some(n) => lines.push(format!("{n}: {t}")),
                    None => lines.push(t),
                }
            }
        }
        lines
    }
}

/// The rule under a header: one `─` a column, `┼` where the gap is.
pub fn rule(widths: &[usize]) -> String {
    widths
        .iter()
        .map(|&w| "─".repeat(w))
        .collect::<Vec<_>>()
        .join("─┼─")
}

/// Rows of cells (each its lines) as lines: each cell's lines padded to its column's width,
/// the columns [`GAP`] apart, the last with no padding after it.
fn join_cells(cells: &[Vec<String>], widths: &[usize]) -> Vec<String> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|k| {
            let mut line = String::new();
            for (c, (cell, &w)) in cells.iter().zip(widths).enumerate() {
                if c > 0 {
                    line.push_str(GAP);
                }
                let t = cell.get(k).map_or("", String::as_str);
                line.push_str(t);
                if c + 1 < widths.len() {
                    line.push_str(&" ".repeat(w.saturating_sub(t.width())));
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The widths of a table's columns `width` wide with [`GAP`]s between them: as wide as they
/// would be (`natural`) when that fits, else the widest narrowed to share what is left, none
/// narrower than [`MIN_COLUMN`] or its natural width; `None` when even that does not fit.
pub fn fit(natural: &[usize], width: usize) -> Option<Vec<usize>> {
    let gaps = GAP_WIDTH * natural.len().saturating_sub(1);
    let room = width.checked_sub(gaps)?;
    if natural.iter().sum::<usize>() <= room {
        return Some(natural.to_vec());
    }
    let floor: usize = natural.iter().map(|&n| n.min(MIN_COLUMN)).sum();
    if natural.is_empty() || floor > room {
        return None;
    }
    // The cap on a column's width that fills the room: the widest columns are cut to it, the
    // rest keep theirs. Found by search, a cap being a width from MIN_COLUMN up.
    let used = |cap: usize| natural.iter().map(|&n| n.min(cap)).sum::<usize>();
    let (mut lo, mut hi) = (
        MIN_COLUMN,
        natural.iter().copied().max().unwrap_or(MIN_COLUMN),
    );
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if used(mid) <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths: Vec<usize> = natural.iter().map(|&n| n.min(lo)).collect();
    // What the cap leaves over goes a column at a time to those it cut.
    let mut spare = room - used(lo);
    for (w, &n) in widths.iter_mut().zip(natural) {
        if spare == 0 {
            break;
        }
        if n > *w {
            *w += 1;
            spare -= 1;
        }
    }
    Some(widths)
}

/// The display width of the longest line of `s`.
pub fn longest_line(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// `s` wrapped at word boundaries to `width` columns, a word longer than that cut.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let mut word = word;
            loop {
                let gap = usize::from(!line.is_empty());
                if line.width() + gap + word.width() <= width {
                    if gap == 1 {
                        line.push(' ');
                    }
                    line.push_str(word);
                    break;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    continue;
                }
                // A word wider than the column: as much of it as fits, the rest on.
                let mut cut = 0;
                let mut used = 0;
                for (i, c) in word.char_indices() {
                    let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    if used + w > width && i > 0 {
                        break;
                    }
                    used += w;
                    cut = i + c.len_utf8();
                }
                out.push(word[..cut].to_string());
                word = &word[cut..];
                if word.is_empty() {
                    break;
                }
            }
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests;
