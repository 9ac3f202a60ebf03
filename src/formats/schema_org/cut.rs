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
//! An update the site cut (its body the length several others are cut at, ending mid-sentence,
//! or the lone longest ending within a word) ends with `…` as read from the JSON-LD
//! ([`mark_cut`]), so that where no page shows it whole the reader knows there is more; so does
//! a description the same site cut ([`description_was_cut`]).

use crate::blog::{Block, Entry, Inline, LiveBlog};
use std::collections::{HashMap, HashSet};

/// Fewest words an update's text must have to be matched to a block by them.
const FEWEST_WORDS: usize = 4;

/// Fewest texts (updates' bodies, or the blog's description) that must all be the longest
/// body's length for it to be taken as the length the site cuts them at: one longest body is
/// only the longest post.
const FEWEST_AT_CUT: usize = 2;

/// Fewest other updates beside a lone longest body for its length to be a bound the site keeps
/// its bodies under rather than one post's length.
const FEWEST_SIBLINGS: usize = 2;

/// Shortest length (in characters) taken as a site's cut: shorter bodies of one length are
/// more likely short posts alike ("Wicket!") than a cut.
const SHORTEST_CUT: usize = 40;

/// Shortest last word (in letters) taken as the start of a longer one: a single letter starts
/// too many words to tell anything.
const SHORTEST_FRAGMENT: usize = 2;

/// The length, in characters, at which the site cut its updates' JSON-LD bodies (as written),
/// if it did. Either the page says it: at least [`FEWEST_AT_CUT`] texts are the longest body's
/// length to the character and end mid-sentence (Times of India cuts at 96, the Guardian at
/// 1,000; whole posts of their own lengths differ), the blog's `description` counting among
/// them. Or the cut shows on a lone longest body among [`FEWEST_SIBLINGS`] or more: it ends
/// within a word (`mid_word`, see [`Words::cut_mid_word`]) at a length no other body reaches.
/// A known site's usual length alone says nothing of a page: a post may be that long.
pub(super) fn cut_length(
    bodies: &[&str],
    description: Option<&str>,
    mid_word: impl FnOnce(&str) -> bool,
) -> Option<usize> {
    let mut longest = ("", 0);
    let mut at_longest = 0;
    for &body in bodies {
        let len = body.chars().count();
        if len > longest.1 {
            (longest, at_longest) = ((body, len), 1);
        } else if len == longest.1 {
            at_longest += 1;
        }
    }
    let (body, len) = longest;
    if len < SHORTEST_CUT {
        return None;
    }
    let witnesses = at_longest + usize::from(description.is_some_and(|d| was_cut(d, len)));
    let lone_cut = bodies.len() > FEWEST_SIBLINGS && was_cut(body, len) && mid_word(body);
    (witnesses >= FEWEST_AT_CUT || lone_cut).then_some(len)
}

/// Whether a body as written (`raw`) was cut by the site at `cut` characters: it is that long
/// and does not end as a sentence does. A post that happens to be that long and ends whole is
/// left as it is.
pub(super) fn was_cut(raw: &str, cut: usize) -> bool {
    raw.chars().count() == cut && !ends_as_sentence(raw)
}

/// Whether a text ends as a sentence (or a quote, or an aside) does.
fn ends_as_sentence(raw: &str) -> bool {
    raw.trim_end()
        .ends_with(['.', '!', '?', '…', '"', '”', '’', '\'', ')'])
}

/// Whether a blog's description (`raw`, as written) was cut by a site that cuts its updates'
/// bodies at `cut` characters (see [`cut_length`]): it is that long too, or it ends within a
/// word (`mid_word`) without a sentence's end (Times of India's ends "…Chennai Super Kings and
/// Sunriser" at 150). A site that cuts none of its updates is not taken to cut its description
/// from its last word alone.
pub(super) fn description_was_cut(
    raw: &str,
    cut: Option<usize>,
    mid_word: impl FnOnce(&str) -> bool,
) -> bool {
    let Some(cut) = cut else {
        return false;
    };
    was_cut(raw, cut)
        || (raw.chars().count() >= SHORTEST_CUT && !ends_as_sentence(raw) && mid_word(raw))
}

/// How many of a blog's texts use each word (lowercased, of letters and digits only), for
/// telling a text cut within a word from one that ends on a whole word. An update's headline
/// and body are one text, as its headline is often its body again, cut alike.
pub(super) struct Words(HashMap<String, usize>);

impl Words {
    /// The words of `texts`, each text given as its parts.
    pub(super) fn of<'a, T: IntoIterator<Item = &'a str>>(
        texts: impl IntoIterator<Item = T>,
    ) -> Self {
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut seen = HashSet::new();
        for text in texts {
            seen.clear();
            for part in text {
                seen.extend(words(part));
            }
            for w in seen.drain() {
                *counts.entry(w).or_default() += 1;
            }
        }
        Words(counts)
    }

    /// Whether `raw`, one of the texts, evidently ends within a word: its last characters are
    /// letters that no other text uses as a word, but that start a longer word the blog uses
    /// ("Sunriser" where the headline says "Sunrisers", "Chennai Su" beside "Super"). A text
    /// that ends on a word used elsewhere, on a space or on punctuation is not taken as cut
    /// by this.
    pub(super) fn cut_mid_word(&self, raw: &str) -> bool {
        let last = raw
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default();
        if last.chars().count() < SHORTEST_FRAGMENT || !last.chars().all(char::is_alphabetic) {
            return false;
        }
        let start = last.to_lowercase();
        self.0.get(&start).copied().unwrap_or_default() <= 1
            && self
                .0
                .keys()
                .any(|w| w.len() > start.len() && w.starts_with(&start))
    }
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
        let of = |n: usize| "x".repeat(n);
        let (b120, b96, b83, b40, b12, b5) = (of(120), of(96), of(83), of(40), of(12), of(5));
        let never = |_: &str| false;
        assert_eq!(cut_length(&[&b120, &b96, &b96, &b83], None, never), None);
        assert_eq!(cut_length(&[&b12, &b12, &b5], None, never), None);
        assert_eq!(cut_length(&[&b96, &b83, &b96, &b40], None, never), Some(96));
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

    const TOSS: &str = "TOSS: Sunrisers Hyderabad win toss, opt to bat against Chennai Super Kings";
    const WELCOME: &str = "Hello and welcome to the Live coverage of Match 14 of the IPL 2020";
    const AMBATI: &str = "Ambati Rayudu's much-awaited comeback will be a shot in the arm for an \
                          under-pressure Chennai Su";

    /// The words of `bodies`, each its own update.
    fn words_of(bodies: &[&str]) -> Words {
        Words::of(bodies.iter().map(|b| [*b]))
    }

    #[test]
    fn a_lone_longest_body_is_cut_only_where_it_ends_within_a_word() {
        let bodies = [TOSS, WELCOME, AMBATI];
        let words = words_of(&bodies);
        let mid_word = |raw: &str| words.cut_mid_word(raw);
        let n = AMBATI.chars().count();
        assert_eq!(cut_length(&bodies, None, mid_word), Some(n));
        // "Su" starts "Super" and is no word of its own; "Kings" and "Ambati" are words.
        assert!(words.cut_mid_word(AMBATI));
        assert!(!words.cut_mid_word(TOSS));
        assert!(!words.cut_mid_word(&AMBATI.replace("Chennai Su", "Chennai")));
        // Too few others to say the length bounds them, or a last letter alone: no cut.
        assert_eq!(cut_length(&[TOSS, AMBATI], None, mid_word), None);
        let s = AMBATI.replace("Chennai Su", "Chennai S");
        let single = words_of(&[TOSS, WELCOME, &s]);
        assert_eq!(
            cut_length(&[TOSS, WELCOME, &s], None, |r| single.cut_mid_word(r)),
            None
        );
        // A long, complete post ending on a word, or with a sentence's end, is no cut.
        let whole = format!("{} Kings.", &AMBATI[..AMBATI.len() - 3]);
        let words = words_of(&[TOSS, WELCOME, &whole]);
        assert_eq!(
            cut_length(&[TOSS, WELCOME, &whole], None, |r| words.cut_mid_word(r)),
            None
        );
        let unpunctuated = whole.trim_end_matches('.');
        let words = words_of(&[TOSS, WELCOME, unpunctuated]);
        assert!(!words.cut_mid_word(unpunctuated));
    }

    #[test]
    fn a_description_as_long_as_the_lone_longest_body_says_the_cut_length() {
        let cut = AMBATI.replace("Chennai Su", "Chennai Sup");
        let n = cut.chars().count();
        let never = |_: &str| false;
        assert_eq!(cut_length(&[TOSS, WELCOME, &cut], None, never), None);
        let description = "x".repeat(n);
        assert_eq!(
            cut_length(&[TOSS, WELCOME, &cut], Some(&description), never),
            Some(n)
        );
        // A description of that length that ends a sentence is not cut, so says nothing.
        let sentence = format!("{}.", "x".repeat(n - 1));
        assert_eq!(
            cut_length(&[TOSS, WELCOME, &cut], Some(&sentence), never),
            None
        );
    }

    #[test]
    fn a_description_is_cut_where_the_site_cuts_and_it_ends_within_a_word() {
        let description = "Stay updated with Times of India to get live score updates, ball-by-ball \
                           commentary of 14th match in IPL 2020 between Chennai Super Kings and \
                           Sunriser";
        let words = Words::of([
            vec!["IPL 2020 Live Score, CSK vs SRH: Sunrisers Hyderabad opt to bat"],
            vec![description],
        ]);
        let mid_word = |raw: &str| words.cut_mid_word(raw);
        assert!(description_was_cut(description, Some(96), mid_word));
        // A site that cuts no update is not taken to cut its description by its last word.
        assert!(!description_was_cut(description, None, mid_word));
        // Whole, or ending on a word the blog uses, or as short as a headline: not cut.
        for whole in [
            "Live score updates of the 14th match between Chennai Super Kings and Sunrisers.",
            "Live score updates of the 14th match between Chennai Super Kings and Sunrisers",
            "Chennai Super Kings and Sunriser",
        ] {
            assert!(!description_was_cut(whole, Some(96), mid_word), "{whole}");
        }
        // One the length of the updates' cut, ending mid-sentence, is cut.
        assert!(description_was_cut(&"x ".repeat(48), Some(96), |_| false));
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
