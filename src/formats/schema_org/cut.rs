//! Updates whose JSON-LD gives only the start of their text, read whole from the page.
//!
//! Some pages (Times of India's) write each update's JSON-LD `headline` and `articleBody` as
//! the first hundred characters of its text, cut mid-word, while the page itself shows every
//! post whole as a timed block, under ids the JSON-LD does not name. When every update's
//! JSON-LD is a headline alone (its body empty, or the headline again), the page's timed
//! blocks are read (`timed::timed_run`), and an update is given the body of the block posted
//! at the same moment whose text holds the update's words in order; its headline, which was
//! only those words cut short, goes. Anything that does not match stays as the JSON-LD has it.
//!
//! An update the site cut (its body the length several others are cut at, ending mid-sentence)
//! ends with `…` as read from the JSON-LD ([`mark_cut`]), so that where no page shows it whole
//! the reader knows there is more.

use crate::blog::{Block, Entry, Inline, LiveBlog};

/// Fewest words an update's text must have to be matched to a block by them.
const FEWEST_WORDS: usize = 4;

/// Fewest updates whose bodies must all be the longest length for it to be taken as the length
/// the site cuts them at: one longest body is only the longest post.
const FEWEST_AT_CUT: usize = 2;

/// Shortest length (in characters) taken as a site's cut: shorter bodies of one length are
/// more likely short posts alike ("Wicket!") than a cut.
const SHORTEST_CUT: usize = 40;

/// The length, in characters, at which the site cut its updates' JSON-LD bodies, if it did:
/// the longest, when at least [`FEWEST_AT_CUT`] bodies are that long to the character (Times
/// of India cuts at 96, the Guardian at 1,000). Whole posts of their own lengths differ.
pub(super) fn cut_length(lengths: impl IntoIterator<Item = usize>) -> Option<usize> {
    let mut longest = 0;
    let mut at_longest = 0;
    for len in lengths {
        if len > longest {
            (longest, at_longest) = (len, 1);
        } else if len == longest {
            at_longest += 1;
        }
    }
    (longest >= SHORTEST_CUT && at_longest >= FEWEST_AT_CUT).then_some(longest)
}

/// Whether a body as written (`raw`) was cut by the site at `cut` characters: it is that long
/// and does not end as a sentence does. A post that happens to be that long and ends whole is
/// left as it is.
pub(super) fn was_cut(raw: &str, cut: usize) -> bool {
    raw.chars().count() == cut
        && !raw
            .trim_end()
            .ends_with(['.', '!', '?', '…', '"', '”', '’', '\'', ')'])
}

/// Ends an entry's text with `…`, so a reader knows the site gave only its start: its last
/// paragraph when that is where its text ends, else its title when it has no body. A body
/// ending in anything else (a list, a table) is left unmarked rather than marked in the wrong
/// place.
pub(super) fn mark_cut(e: &mut Entry) {
    if let Some(Block::Paragraph { runs }) = e.body.last_mut() {
        if let Some(last) = runs.last_mut() {
            last.text.truncate(last.text.trim_end().len());
        }
        runs.push(Inline::plain("…"));
    } else if e.body.is_empty()
        && let Some(title) = &mut e.title
    {
        title.truncate(title.trim_end().len());
        title.push('…');
    }
}

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
    fn only_bodies_of_a_length_shared_by_the_longest_and_ending_mid_sentence_are_cut() {
        // One longest body is the longest post, not a cut; short ones alike are not a cut.
        assert_eq!(cut_length([120, 96, 96, 83]), None);
        assert_eq!(cut_length([12, 12, 5]), None);
        assert_eq!(cut_length([96, 83, 96, 40]), Some(96));
        let cut = "For Hyderabad, the presence of Kane Williamson made a fragile rooki";
        let n = cut.chars().count();
        assert!(was_cut(cut, n));
        assert!(!was_cut(cut, n + 1));
        // A post that happens to be that long but ends as a sentence does is whole.
        assert!(!was_cut(
            "Rain stops play, and the covers come on at Dubai.",
            50
        ));
        let mut titled = Entry {
            title: Some(format!("{cut} ")),
            ..Entry::default()
        };
        mark_cut(&mut titled);
        assert_eq!(titled.title, Some(format!("{cut}…")));
        let mut bodied = Entry {
            title: Some("Toss".into()),
            body: vec![Block::text(cut)],
            ..Entry::default()
        };
        mark_cut(&mut bodied);
        assert_eq!(bodied.plain_text(), format!("{cut}…"));
        assert_eq!(bodied.title.as_deref(), Some("Toss"));
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
