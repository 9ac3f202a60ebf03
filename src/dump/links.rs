//! Links in the text form, as `lynx -dump` keeps them: each link's number after its words, and
//! under the entry the addresses those numbers stand for, `[1] https://…`, one a line.
//!
//! The numbers are the reader's (`blog::link_numbers`, in the order it lays an entry out), so
//! `[3]` in a dump is the link `f` lists third on screen. An address the text already shows is
//! not marked nor listed again: an image's or embed's, written after its label, and a link's
//! whose words are its address (`example.com/a` for `https://example.com/a/`). Its number is
//! still taken, so the list may skip one.

use crate::blog::link_numbers::{link_number, media_number};
use crate::blog::{Block, Inline};
use std::collections::BTreeSet;

/// An entry's body with its links marked, and the addresses of the numbers marked in it.
pub(super) struct Marked {
    pub body: Vec<Block>,
    pub notes: Vec<(usize, String)>,
}

/// `body` with each link's number after its words, or `None` when it has no link to mark.
pub(super) fn mark(body: &[Block]) -> Option<Marked> {
    let mut links: Vec<String> = Vec::new();
    let mut marked: BTreeSet<usize> = BTreeSet::new();
    let body: Vec<Block> = body
        .iter()
        .map(|b| mark_block(b, &mut links, &mut marked))
        .collect();
    if marked.is_empty() {
        return None;
    }
    let notes = marked
        .into_iter()
        .map(|n| {
            // Sanitised as it came in, and again as it goes out: an address is printed whole,
            // on a line of its own, and nothing in it may act on the terminal or break the line.
            let url = crate::sanitize::line_cow(&links[n - 1], crate::sanitize::URL_MAX);
            (n, url.into_owned())
        })
        .collect();
    Some(Marked { body, notes })
}

/// One block with its links marked, numbered on from `links`; the numbers marked go in
/// `marked`. Blocks are walked as the reader lays them out: quotes by paragraph, lists by item,
/// tables row by row.
fn mark_block(b: &Block, links: &mut Vec<String>, marked: &mut BTreeSet<usize>) -> Block {
    let mut b = b.clone();
    let mut each = |all: &mut dyn Iterator<Item = &mut Vec<Inline>>| {
        for r in all {
            *r = mark_runs(r, links, marked);
        }
    };
    match &mut b {
        Block::Paragraph { runs } | Block::Heading { runs } => each(&mut std::iter::once(runs)),
        Block::Quote {
            paragraphs: all, ..
        }
        | Block::List { items: all, .. } => {
            each(&mut all.iter_mut());
        }
        Block::Table(t) => each(&mut t.rows.iter_mut().flatten()),
        // Their address is in the text already, after the label.
        Block::Image(image) => {
            if let Some(u) = &image.url {
                media_number(links, u);
            }
        }
        Block::Embed(embed) => {
            if let Some(u) = &embed.url {
                media_number(links, u);
            }
        }
        Block::Code { .. } | Block::Rule => {}
    }
    b
}

/// Runs with each link's number after its words (a space the page left inside the link goes
/// after the number). A link split into runs of several styles is marked once, after the last.
fn mark_runs(
    runs: &[Inline],
    links: &mut Vec<String>,
    marked: &mut BTreeSet<usize>,
) -> Vec<Inline> {
    let mut out = Vec::with_capacity(runs.len() + 2);
    // The words of the link being read, over all its runs so far.
    let mut words = String::new();
    for (i, r) in runs.iter().enumerate() {
        let Some(url) = &r.link else {
            out.push(r.clone());
            continue;
        };
        words.push_str(&r.text);
        let n = link_number(links, url);
        let goes_on = runs.get(i + 1).is_some_and(|next| next.link == r.link);
        if goes_on {
            out.push(r.clone());
            continue;
        }
        if shows_address(&std::mem::take(&mut words), url) {
            out.push(r.clone());
            continue;
        }
        let kept = r.text.trim_end();
        let space = &r.text[kept.len()..];
        out.push(Inline {
            text: kept.to_owned(),
            ..r.clone()
        });
        // Not struck with the words: `~~fell~~[1]`, the mark is no part of what was withdrawn.
        out.push(Inline::plain(format!("[{n}]")));
        if !space.is_empty() {
            out.push(Inline {
                text: space.to_owned(),
                ..r.clone()
            });
        }
        marked.insert(n);
    }
    out
}

/// Whether a link's words are its address, but for the scheme or a closing `/`: the address is
/// then in the text, and listing it again would only repeat it.
fn shows_address(words: &str, url: &str) -> bool {
    fn bare(s: &str) -> &str {
        let s = s.trim();
        let s = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(s);
        s.strip_suffix('/').unwrap_or(s)
    }
    !bare(words).is_empty() && bare(words) == bare(url)
}

#[cfg(test)]
#[path = "link_tests.rs"]
mod tests;
