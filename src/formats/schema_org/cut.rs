//! Updates whose JSON-LD gives only the start of their text, read whole from the page.
//!
//! Some pages (Times of India's) write each update's JSON-LD `headline` and `articleBody` as
//! the first hundred characters of its text, cut mid-word, while the page itself shows every
//! post whole as a timed block, under ids the JSON-LD does not name. When every update's
//! JSON-LD is a headline alone (its body empty, or the headline again), the page's timed
//! blocks are read (`timed::timed_run`), and an update is given the body of the block posted
//! at the same moment whose text holds the update's words in order; its headline, which was
//! only those words cut short, goes. Anything that does not match stays as the JSON-LD has it.

use crate::blog::LiveBlog;

/// Fewest words an update's text must have to be matched to a block by them.
const FEWEST_WORDS: usize = 4;

/// Whether every update of `blog` is a headline alone: the page may show more of them.
pub(super) fn headlines_only(blog: &LiveBlog) -> bool {
    !blog.entries.is_empty()
        && blog
            .entries
            .iter()
            .all(|e| e.title.is_some() && (e.body.is_empty() || Some(e.plain_text()) == e.title))
}

/// `blog` with each update that a block of `shown` (the page's timed blocks) holds whole read
/// from that block (see the module documentation).
pub(super) fn filled_from(mut blog: LiveBlog, shown: &LiveBlog) -> LiveBlog {
    for e in &mut blog.entries {
        let Some(title) = e.title.as_deref() else {
            continue;
        };
        let start = words(title);
        // The last word may be cut ("rooki"): matched as the start of a word, it is dropped.
        let Some((_, whole)) = start.split_last() else {
            continue;
        };
        if whole.len() < FEWEST_WORDS {
            continue;
        }
        let at = e.time().map(|t| t.instant());
        let found = shown.entries.iter().find_map(|s| {
            if s.time().map(|t| t.instant()) != at {
                return None;
            }
            let from = s
                .body
                .iter()
                .position(|b| holds(&words(&b.plain_text()), whole))?;
            Some(&s.body[from..])
        });
        if let Some(body) = found {
            e.body = body.to_vec();
            e.title = None;
        }
    }
    blog
}

/// The words of `text`, lowercased, of letters and digits only.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `text` starts with the words `start`.
fn holds(text: &[String], start: &[String]) -> bool {
    text.len() >= start.len() && text[..start.len()] == *start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::{Block, Entry, Stamp};

    fn timed(title: Option<&str>, body: &[&str]) -> Entry {
        Entry {
            title: title.map(Into::into),
            published: Stamp::parse("2020-10-02T18:16:46+05:30"),
            body: body.iter().map(|t| Block::text(*t)).collect(),
            ..Entry::default()
        }
    }

    #[test]
    fn a_headline_cut_short_is_read_whole_from_the_block_of_its_moment() {
        let ld = LiveBlog {
            entries: vec![timed(
                Some("For Hyderabad, the presence of Kane Williamson made a fragile rooki"),
                &[],
            )],
            ..LiveBlog::default()
        };
        assert!(headlines_only(&ld));
        let page = LiveBlog {
            entries: vec![timed(
                None,
                &[
                    "18:16 (IST), Oct 02",
                    "\u{200b}For Hyderabad, the presence of Kane Williamson made a fragile \
                     rookie-laden middle order look settled.",
                ],
            )],
            ..LiveBlog::default()
        };
        let got = filled_from(ld.clone(), &page);
        let e = &got.entries[0];
        assert_eq!(e.title, None);
        assert_eq!(
            e.body.len(),
            1,
            "the time label above the text is not the text"
        );
        assert!(e.plain_text().ends_with("look settled."));
        // Another moment, or other words: left as the JSON-LD has it.
        let mut later = page.clone();
        later.entries[0].published = Stamp::parse("2020-10-02T18:17:46+05:30");
        assert_eq!(filled_from(ld.clone(), &later), ld);
        let mut other = page;
        other.entries[0].body = vec![Block::text("Another post entirely, of its own words.")];
        assert_eq!(filled_from(ld.clone(), &other), ld);
    }
}
