//! A table: its rows of cells, each cell one line of runs, up to the caps on rows and columns.

use super::{Walker, flatten};
use crate::blog::Block;
use crate::blog::table::{MAX_COLUMNS, MAX_ROWS, Table};
use scraper::ElementRef;

/// A table's rows in order, each with whether it is in the table's head: those right in the
/// table and those in its `thead`, `tbody` and `tfoot` (not those of a table inside a cell).
fn rows(table: ElementRef<'_>) -> impl Iterator<Item = (ElementRef<'_>, bool)> {
    table.child_elements().flat_map(|c| {
        let name = c.value().name();
        let group = matches!(name, "thead" | "tbody" | "tfoot");
        let own = (name == "tr").then_some((c, false));
        let grouped = group.then(|| {
            c.child_elements()
                .filter(|r| r.value().name() == "tr")
                .map(move |r| (r, name == "thead"))
        });
        own.into_iter().chain(grouped.into_iter().flatten())
    })
}

/// How many columns a cell spans (`colspan`), as a browser reads it: 1 to the cap.
fn span(cell: ElementRef<'_>) -> usize {
    cell.attr("colspan")
        .and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_COLUMNS)
}

/// How many rows below its own a cell spans (`rowspan`), up to the cap: 0 for one row, and
/// for `rowspan="0"` every row left in its group, as a browser reads it.
fn rows_below(cell: ElementRef<'_>) -> usize {
    match cell.attr("rowspan").map(|s| s.trim().parse::<usize>()) {
        Some(Ok(0)) => MAX_ROWS,
        Some(Ok(n)) => n.min(MAX_ROWS) - 1,
        _ => 0,
    }
}

/// The columns held by cells spanning rows from above (`rowspan`): how many rows more each
/// column is held for. Only the kept columns are followed.
#[derive(Default)]
struct Held(Vec<usize>);

impl Held {
    /// Whether column `c` of this row is held by a cell above it.
    fn at(&self, c: usize) -> bool {
        self.0.get(c).is_some_and(|&n| n > 0)
    }

    /// Columns `from..from + span` held for `below` rows after this one (and this one, which
    /// [`Held::next_row`] ends).
    fn hold(&mut self, from: usize, span: usize, below: usize) {
        let to = (from + span).min(MAX_COLUMNS);
        if below == 0 || from >= to {
            return;
        }
        if self.0.len() < to {
            self.0.resize(to, 0);
        }
        for n in &mut self.0[from..to] {
            *n = (*n).max(below + 1);
        }
    }

    /// A row read: each column is held one row less.
    fn next_row(&mut self) {
        for n in &mut self.0 {
            *n = n.saturating_sub(1);
        }
    }
}

impl Walker<'_> {
    /// A table as a [`Block::Table`], its caption a paragraph before it and the images in its
    /// cells after it. Past [`MAX_ROWS`] rows and [`MAX_COLUMNS`] columns, cells are counted
    /// and not read: a page of ten thousand costs no more than a page of a thousand.
    pub(super) fn table(&mut self, el: ElementRef<'_>, depth: usize) {
        self.flush();
        for caption in el
            .child_elements()
            .filter(|c| c.value().name() == "caption")
        {
            self.children(caption, depth + 1);
            self.flush();
        }
        let mut t = Table::default();
        let mut media = Vec::new();
        let mut more_rows = 0usize;
        let mut more_columns = 0usize;
        let mut held = Held::default();
        let mut group = None;
        for (i, (tr, in_head)) in rows(el).enumerate() {
            if t.rows.len() >= MAX_ROWS {
                more_rows += 1;
                continue;
            }
            // A cell spans rows of its own group (`thead`, `tbody`, `tfoot`) only.
            let parent = tr.parent().map(|p| p.id());
            if group.replace(parent) != Some(parent) {
                held = Held::default();
            }
            let mut row = Vec::new();
            let mut all_th = true;
            let mut columns = 0usize;
            for cell in tr.child_elements() {
                let name = cell.value().name();
                if !matches!(name, "td" | "th") {
                    continue;
                }
                all_th &= name == "th";
                // A column held by a cell above is an empty cell in this row.
                while held.at(row.len()) {
                    row.push(Vec::new());
                    columns += 1;
                }
                let span = span(cell);
                held.hold(row.len(), span, rows_below(cell));
                columns = columns.saturating_add(span);
                if row.len() >= MAX_COLUMNS {
                    continue;
                }
                let (runs, m) = flatten(self.sub_blocks(cell, depth + 2));
                media.extend(m);
                row.push(runs);
                // The columns a cell spans after its first are empty cells.
                let room = MAX_COLUMNS - row.len();
                row.extend(std::iter::repeat_n(Vec::new(), (span - 1).min(room)));
            }
            held.next_row();
            more_columns = more_columns.max(columns.saturating_sub(MAX_COLUMNS));
            // A row of nothing (a spacer) is left out.
            if row.iter().all(Vec::is_empty) {
                continue;
            }
            if t.rows.is_empty() {
                t.header = in_head || (all_th && i == 0);
            }
            t.rows.push(row);
        }
        t.more_rows = u32::try_from(more_rows).unwrap_or(u32::MAX);
        t.more_columns = u32::try_from(more_columns).unwrap_or(u32::MAX);
        if !t.rows.is_empty() {
            self.blocks.push(Block::Table(Box::new(t)));
        }
        self.blocks.extend(media);
    }
}
