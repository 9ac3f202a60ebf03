//! HTML fragments (entry bodies) to rich blocks.

use crate::blog::Block;

/// Converts an HTML fragment to blocks. Placeholder until the html5ever-based converter lands:
/// keeps the whole fragment as one paragraph of its text.
pub fn to_blocks(html: &str) -> Vec<Block> {
    vec![Block::text(html)]
}
