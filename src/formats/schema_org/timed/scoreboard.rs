//! Scoreboards in a member: match pages lay a result out as a grid of tiny boxes, which would
//! otherwise be a paragraph each.

use crate::blog::Block;

/// Longest paragraph that can be a scoreboard's cell.
const CELL_CHARS: usize = 16;

/// Fewest cells in a row that make a scoreboard.
pub(super) const MIN_CELLS: usize = 3;

/// Whether a block is a scoreboard's cell: a short paragraph (a score, a heat time) or an
/// image that is not loaded (a team's logo, lazily loaded) with an alt text or caption.
fn is_cell(b: &Block) -> bool {
    match b {
        Block::Paragraph { runs } => {
            // Most paragraphs are far longer than a cell: told so without copying their text.
            let mut chars = 0;
            for r in runs {
                // A character is at most four bytes.
                if r.text.len() > 4 * CELL_CHARS || r.text.contains('\n') {
                    return false;
                }
                chars += r.text.chars().count();
                if chars > CELL_CHARS {
                    return false;
                }
            }
            true
        }
        Block::Image(image) if image.url.is_none() => {
            !image.caption.is_empty() || !image.alt.is_empty()
        }
        _ => false,
    }
}

/// The text of a block that is a scoreboard's cell (see [`is_cell`]): an image's by its
/// caption, else its alt text.
fn cell_text(b: &Block) -> Option<String> {
    if !is_cell(b) {
        return None;
    }
    match b {
        Block::Paragraph { runs } => Some(runs.iter().map(|r| r.text.as_str()).collect()),
        Block::Image(image) if image.caption.is_empty() => Some(image.alt.clone()),
        Block::Image(image) => Some(image.caption.clone()),
        _ => None,
    }
}

/// Runs of [`MIN_CELLS`] or more scoreboard cells as one line, `·` between them.
pub(super) fn scoreboards_as_lines(body: Vec<Block>) -> Vec<Block> {
    // Most bodies hold no such run: given back as they are, without a copy.
    let mut row = 0;
    let board = body.iter().any(|b| {
        row = if is_cell(b) { row + 1 } else { 0 };
        row >= MIN_CELLS
    });
    if !board {
        return body;
    }
    let mut out: Vec<Block> = Vec::with_capacity(body.len());
    let mut cells: Vec<(Block, String)> = Vec::new();
    let flush = |cells: &mut Vec<(Block, String)>, out: &mut Vec<Block>| {
        if cells.len() >= MIN_CELLS {
            let line: Vec<String> = cells.drain(..).map(|(_, t)| t).collect();
            out.push(Block::text(line.join(" · ")));
        } else {
            out.extend(cells.drain(..).map(|(b, _)| b));
        }
    };
    for b in body {
        if let Some(t) = cell_text(&b) {
            cells.push((b, t));
        } else {
            flush(&mut cells, &mut out);
            out.push(b);
        }
    }
    flush(&mut cells, &mut out);
    out
}
