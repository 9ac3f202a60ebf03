//! The plain-text form: a live blog flattened to lines, as the bundled blog is written.
//!
//! ```text
//! Title                 line 1 (blank lines before it are skipped)
//! Standfirst            line 2, may be blank; may be left out, then the heading is line 2
//! Key events            line 3: exactly these words on their own line (any case)
//! -                     then, for each key event, a "-" line and the key event's title
//! Key event title
//! Body lines…           the entries, newest first: an entry starts at a line that is a
//!                       key-event title (only at an entry's start where entries are parted
//!                       by blank lines), or after a blank line; a short name line after a
//!                       blank line is that entry's byline, as is any line between a blank
//!                       line and such a title unless it reads as a sentence (then it is
//!                       a post's first line, and the title below it a line of that post)
//! ```
//!
//! The "Key events" line is what makes a text a live blog: it is required even when the list
//! under it is empty, so a README or `/etc/passwd` is "not a live blog" rather than dozens of
//! untitled entries. Everything after the list is taken as entries.
//!
//! The form carries no times and no ids: ids are derived from the text so they stay stable
//! when the same blog is read again with more entries.

use super::FormatError;
use crate::blog::{Entry, KeyEvent, LiveBlog, UniqueIds, text_id};
use foldhash::{HashSet, HashSetExt};

/// Parses the plain-text form.
pub fn parse(input: &str) -> Result<LiveBlog, FormatError> {
    if memchr::memchr(0, input.as_bytes()).is_some() {
        return Err(FormatError::NotALiveBlog("binary data, not text".into()));
    }
    parse_without_nul(input)
}

/// [`parse`] for text already known to hold no NUL.
pub fn parse_without_nul(input: &str) -> Result<LiveBlog, FormatError> {
    parse_lines(lines(input))
}

/// What `str::lines` gives, the line ends found by `memchr`'s vector search over the whole
/// text: a large file's beginning is thousands of lines, and the standard search is a call a
/// line.
fn lines(input: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', input.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        let Some(end) = ends.next() else {
            // The last line, without a line end: a carriage return ending it is kept.
            let last = input.get(start..).filter(|l| !l.is_empty());
            start = input.len();
            return last;
        };
        let line = input.get(start..end)?;
        start = end + 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Parses the plain-text form from its lines, one at a time: a large file is read through a
/// small buffer rather than held whole beside the entries made from it (`formats::read_text`).
/// The lines may still hold their line ends and be untrimmed; they must hold no NUL.
pub fn parse_lines<S: AsRef<str>>(lines: impl Iterator<Item = S>) -> Result<LiveBlog, FormatError> {
    let mut lines = lines.peekable();
    // Lines taken so far, for saying where the form was broken.
    let mut taken = 0usize;
    let title = loop {
        let line = lines.next().ok_or(FormatError::Empty)?;
        taken += 1;
        let t = line.as_ref().trim();
        if !t.is_empty() {
            break t.to_string();
        }
    };
    let standfirst = match lines.peek() {
        Some(l) if !is_key_events_heading(l.as_ref()) => {
            let s = l.as_ref().trim().to_string();
            lines.next();
            taken += 1;
            s
        }
        _ => String::new(),
    };
    match lines.next() {
        Some(l) if is_key_events_heading(l.as_ref()) => {}
        other => return Err(not_this_shape(other.as_ref().map(AsRef::as_ref), taken + 1)),
    }

    let mut key_events = Vec::new();
    // A "-" that is not followed by a title is where the body starts.
    let mut first_body_line = None;
    while lines.peek().is_some_and(|l| l.as_ref().trim() == "-") {
        let dash = lines.next();
        let title = lines.peek().map(|t| t.as_ref().trim());
        match title {
            Some(t) if !t.is_empty() && t != "-" => {
                key_events.push(KeyEvent {
                    title: t.to_string(),
                    ..KeyEvent::default()
                });
                lines.next();
            }
            _ => {
                first_body_line = dash;
                break;
            }
        }
    }

    let headings: HashSet<&str> = key_events.iter().map(|k| k.title.as_str()).collect();
    let entries = split_entries(first_body_line.into_iter().chain(lines), &headings);
    drop(headings);

    Ok(LiveBlog {
        title,
        standfirst,
        entries,
        key_events,
        ..LiveBlog::default()
    })
}

fn is_key_events_heading(l: &str) -> bool {
    l.trim().eq_ignore_ascii_case("key events")
}

/// The error for a text without the form's "Key events" line, naming what is there instead
/// and the formats that are read, so a user who opened the wrong file learns both.
fn not_this_shape(found: Option<&str>, line_no: usize) -> FormatError {
    let found = match found {
        Some(l) => {
            let shown = crate::sanitize::visible(l.trim(), 60);
            let more = if shown.len() < l.trim().len() {
                "…"
            } else {
                ""
            };
            format!("line {line_no} is \"{shown}{more}\"")
        }
        None => format!("it ends before line {line_no}"),
    };
    FormatError::NotALiveBlog(format!(
        "as plain text it needs a title, a standfirst and then a \"Key events\" line, but {found}; \
         {}",
        super::FORMATS_HINT
    ))
}

/// Groups body lines into entries: a key-event title opens a titled entry; a blank line closes
/// the current one, and a name line right after it is the next entry's byline.
///
/// A body that opens with a blank line is written as `liveblog serve` writes it, a blank line
/// before every entry (then its byline, then its title): there a title opens an entry only at
/// an entry's start, so a line inside a post that happens to equal a key event's title (Cork
/// Beo's post linking the story its key event reports) stays in that post. An entry's start
/// is right after the blank line or after the line below it, where the writer puts a byline
/// of any form ("Reuters", "PA Media"), whether or not it reads as a name. A body run together
/// without blank lines, as the bundled blog is, has no such start: there the first line equal
/// to each title is the heading.
fn split_entries<S: AsRef<str>>(
    body: impl Iterator<Item = S>,
    headings: &HashSet<&str>,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut current: Option<Entry> = None;
    let mut after_blank = false;
    let mut used_titles: HashSet<&str> = HashSet::new();
    let mut body = body.peekable();
    let separated = body.peek().is_some_and(|l| l.as_ref().trim().is_empty());
    // Whether the line read is where an entry starts: after a blank line and its byline.
    let mut at_start = true;
    // In separated text, the line after a blank one that was read as the start of a body:
    // `liveblog serve` writes any byline there, so a heading next makes it the byline.
    let mut maybe_byline: Option<String> = None;

    for raw in body {
        let l = raw.as_ref().trim();
        let starts_entry = std::mem::replace(&mut at_start, false);
        let byline_before = maybe_byline.take();
        if l.is_empty() {
            if current
                .as_ref()
                .is_some_and(|e| !e.body.is_empty() || e.title.is_some())
            {
                entries.extend(current.take().map(finished));
            }
            after_blank = true;
            at_start = true;
            continue;
        }
        if let Some(&heading) = headings.get(l)
            && (starts_entry || !separated)
            && used_titles.insert(heading)
        {
            // A byline waiting for its entry's first line belongs to this heading.
            let mut authors = Vec::new();
            match current.take() {
                Some(e) if e.body.is_empty() && e.title.is_none() => authors = e.authors,
                // The one line before was this heading's byline, not a post of its own.
                Some(e) if e.body.len() == 1 && e.title.is_none() && e.authors.is_empty() => {
                    authors.extend(byline_before);
                    if authors.is_empty() {
                        entries.push(finished(e));
                    }
                }
                Some(e) => entries.push(finished(e)),
                None => {}
            }
            current = Some(Entry {
                title: Some(l.to_string()),
                key_event: true,
                authors,
                ..Entry::default()
            });
            after_blank = false;
            continue;
        }
        if after_blank && looks_like_byline(l) {
            entries.extend(current.take().map(finished));
            current = Some(Entry {
                authors: vec![l.to_string()],
                ..Entry::default()
            });
            after_blank = false;
            at_start = true;
            continue;
        }
        if after_blank && separated && !reads_as_sentence(l) {
            // Not a name the reader knows, but the writer's byline all the same if a heading
            // follows. A line that reads as a sentence is a post's first line: a heading next
            // is a line of that post.
            maybe_byline = Some(l.to_string());
            at_start = true;
        }
        after_blank = false;
        // A line that is only a Facebook post's address is its embed, as in an HTML body.
        current
            .get_or_insert_with(Entry::default)
            .body
            .push(super::html::text_or_post(l));
    }
    entries.extend(current.take().map(finished));
    assign_ids(&mut entries);
    entries
}

/// An entry as kept: its body grew a block at a time, and a blog of thousands of entries
/// would otherwise keep a quarter of its blocks' room unused.
fn finished(mut e: Entry) -> Entry {
    e.body.shrink_to_fit();
    e
}

/// A byline is a short run of capitalised words with no sentence punctuation: "Jakub Krupa",
/// "Jean-Luc O'Neill", "Martin Belam and Jakub Krupa".
fn looks_like_byline(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    if !(2..=6).contains(&words.len()) || l.chars().count() > 60 {
        return false;
    }
    if l.ends_with(['.', '!', '?', ':', ',', ';', '"', '”']) {
        return false;
    }
    words.iter().all(|w| {
        JOINERS.contains(w)
            || (w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')))
    }) && words.first().is_some_and(|w| !JOINERS.contains(w))
}

/// Lower-case words that join names in a byline: "Martin Belam and Jakub Krupa", "Ursula von
/// der Leyen".
const JOINERS: [&str; 12] = [
    "and", "&", "de", "van", "von", "der", "da", "di", "le", "la", "bin", "al",
];

/// Whether a line reads as a post's first line rather than a byline: a byline is names joined
/// by "and" ("Reuters", "PA Media", "Guardian staff and agencies"), short, without a sentence's
/// end and with few lower-case words; a sentence ends with punctuation, runs long or is mostly
/// lower-case words. Used where the writer's byline may be any name, not only one the reader
/// knows as a person's.
fn reads_as_sentence(l: &str) -> bool {
    let lower = l
        .split_whitespace()
        .filter(|w| !JOINERS.contains(w) && w.chars().next().is_some_and(char::is_lowercase))
        .count();
    l.chars().count() > LONGEST_BYLINE
        || lower >= LOWER_WORDS_OF_A_SENTENCE
        || l.ends_with(['.', '!', '?', '…', ':', ';', ',', '"', '”', '’'])
}

/// Longest line, in characters, read as a byline: four or five names joined by "and".
const LONGEST_BYLINE: usize = 100;

/// Fewest lower-case words (other than [`JOINERS`]) that make a line a sentence: a byline has
/// at most a few ("Guardian staff and agencies", "our correspondents").
const LOWER_WORDS_OF_A_SENTENCE: usize = 4;

/// Ids from the heading, else the first line of text, so the same entry keeps its id when the
/// blog is read again with more entries above it. Repeats get a counter.
fn assign_ids(entries: &mut [Entry]) {
    let mut ids = UniqueIds::default();
    for e in entries.iter_mut() {
        let base = match (&e.title, e.body.first()) {
            (Some(t), _) => text_id("t-", t),
            (None, Some(b)) => text_id("t-", &b.plain_text()),
            (None, None) => text_id("t-", &e.authors.join(",")),
        };
        e.id = ids.claim(base);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::Block;

    const SEED: &str = include_str!("../../assets/paris-summit-2025-02-17.txt");

    fn seed() -> LiveBlog {
        crate::formats::parse(SEED.as_bytes()).unwrap()
    }

    #[test]
    fn lines_are_split_as_str_lines_splits_them() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "a\r\r\n",
            "\r\n\r",
            "é\n\nü\r\n",
            " - \n-\n",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn seed_title_and_standfirst() {
        let b = seed();
        assert_eq!(
            b.title,
            "Security guarantees for Ukraine must have US backstop, Starmer says"
        );
        assert_eq!(b.standfirst, SEED.lines().nth(1).unwrap());
        assert!(
            b.standfirst
                .starts_with("Starmer insists that any guarantees")
        );
    }

    #[test]
    fn seed_has_39_key_events_in_order_11_linked() {
        let b = seed();
        assert_eq!(b.key_events.len(), 39);
        assert_eq!(
            b.key_events[0].title,
            "We need to ramp up support for Ukraine, Starmer says"
        );
        assert_eq!(
            b.key_events[38].title,
            "Paris talks on Ukraine, European security – context"
        );
        let linked: Vec<_> = b
            .key_events
            .iter()
            .filter(|k| k.entry_id.is_some())
            .collect();
        assert_eq!(linked.len(), 11);
        for k in &linked {
            let e = &b.entries[b.position(k.entry_id.as_ref().unwrap()).unwrap()];
            assert_eq!(e.title.as_deref(), Some(k.title.as_str()));
            assert!(e.key_event);
        }
        assert!(b.key_events.iter().all(|k| k.published.is_none()));
    }

    #[test]
    fn seed_first_entry_is_untitled_sanchez() {
        let b = seed();
        let first = &b.entries[0];
        assert_eq!(first.title, None);
        assert!(
            first
                .plain_text()
                .starts_with("Spanish prime minister Pedro Sánchez")
        );
    }

    #[test]
    fn seed_every_body_line_is_in_exactly_one_entry_in_order() {
        let b = seed();
        let body_start = 3 + 2 * 39;
        let expected: Vec<&str> = SEED
            .lines()
            .skip(body_start)
            .filter(|l| !l.trim().is_empty() && l.trim() != "Jakub Krupa")
            .collect();
        let mut got: Vec<String> = Vec::new();
        for e in &b.entries {
            if let Some(t) = &e.title {
                got.push(t.clone());
            }
            got.extend(e.body.iter().map(Block::plain_text));
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn seed_lone_name_after_blank_is_the_next_entrys_byline() {
        let b = seed();
        let e = b
            .entries
            .iter()
            .find(|e| e.authors == ["Jakub Krupa"])
            .unwrap();
        assert!(
            e.plain_text()
                .starts_with("So the front doors to the Élysée are now closed")
        );
        assert!(
            b.entries
                .iter()
                .all(|e| !e.plain_text().contains("Jakub Krupa"))
        );
    }

    #[test]
    fn seed_has_no_invented_times() {
        let b = seed();
        assert!(
            b.entries
                .iter()
                .all(|e| e.published.is_none() && e.updated.is_none())
        );
        assert!(b.updated.is_none());
    }

    #[test]
    fn ids_are_unique_and_stable_when_entries_are_added_above() {
        let b = seed();
        let ids: HashSet<_> = b.entries.iter().map(|e| e.id.clone()).collect();
        assert_eq!(ids.len(), b.entries.len());
        let shorter: String = {
            // The same blog before its newest entry (the untitled first one) was written.
            let lines: Vec<&str> = SEED.lines().collect();
            let body_start = 3 + 2 * 39;
            let mut v: Vec<&str> = lines[..body_start].to_vec();
            v.extend(&lines[body_start + 4..]);
            v.join("\n")
        };
        let older = parse(&shorter).unwrap();
        assert_eq!(older.entries.len() + 1, b.entries.len());
        for (o, n) in older.entries.iter().zip(&b.entries[1..]) {
            assert_eq!(o.id, n.id);
        }
    }

    #[test]
    fn another_blog_of_the_same_shape() {
        let t = "Election night\nResults as they come in\nKey events\n-\nPolls close\n\
                 -\nFirst result\nA line before any key event.\nFirst result\nSunderland declares.\n\
                 \nAnna Smith\nTurnout looks high.\nPolls close\nVoting has ended.\n";
        let b = crate::formats::parse(t.as_bytes()).unwrap();
        assert_eq!(b.title, "Election night");
        assert_eq!(b.standfirst, "Results as they come in");
        assert_eq!(b.key_events.len(), 2);
        assert_eq!(b.entries.len(), 4);
        assert_eq!(b.entries[1].title.as_deref(), Some("First result"));
        assert_eq!(b.entries[2].authors, ["Anna Smith"]);
        assert_eq!(b.entries[2].plain_text(), "Turnout looks high.");
        assert!(b.key_events.iter().all(|k| k.entry_id.is_some()));
    }

    /// As `liveblog serve` writes Cork Beo's blog: a post linking the story a key event
    /// reports has a line equal to that key event's title, above the key event's own entry.
    #[test]
    fn a_line_equal_to_a_heading_inside_a_post_stays_in_the_post() {
        let t = "Level 3 LIVE\nThe country avoided Level 5\nKey events\n-\nOne death and 432 cases\n\
                 \nFrances Watkins\nIn case you missed this earlier\nOne death and 432 cases\n\
                 \nGavin O'Callaghan\nOne death and 432 cases\nOne death and 432 cases\n\
                 \nOne death and 432 cases\nThe same words, in a third post.\n";
        let b = crate::formats::parse(t.as_bytes()).unwrap();
        assert_eq!(b.entries.len(), 3, "{:#?}", b.entries);
        let missed = &b.entries[0];
        assert_eq!(missed.title, None);
        assert_eq!(missed.authors, ["Frances Watkins"]);
        assert_eq!(
            missed.plain_text(),
            "In case you missed this earlier\n\nOne death and 432 cases"
        );
        let key = &b.entries[1];
        assert_eq!(key.title.as_deref(), Some("One death and 432 cases"));
        assert!(key.key_event);
        assert_eq!(key.authors, ["Gavin O'Callaghan"]);
        assert_eq!(key.plain_text(), "One death and 432 cases");
        // One entry to a key event: a second post with the title keeps it as its first line.
        assert_eq!(b.entries[2].title, None);
        assert_eq!(b.key_events[0].entry_id.as_ref(), Some(&key.id));
    }

    /// `liveblog serve` writes an entry's byline whatever it is, one word ("Reuters") or a
    /// name the reader does not know as one ("PA Media"): a heading right after it is still
    /// the entry's title, and the line its byline.
    #[test]
    fn a_heading_after_any_byline_the_writer_writes_is_the_entrys_title() {
        let t = "Storm live\nThe latest\nKey events\n-\nRoads closed\n-\nSchools shut\n\
                 \nReuters\nRoads closed\nThe M6 is shut.\n\
                 \nPA Media\nSchools shut\nAll schools in the county are shut.\n\
                 \nA post of one line.\n";
        let b = crate::formats::parse(t.as_bytes()).unwrap();
        assert_eq!(b.entries.len(), 3, "{:#?}", b.entries);
        let roads = &b.entries[0];
        assert_eq!(roads.title.as_deref(), Some("Roads closed"));
        assert_eq!(roads.authors, ["Reuters"]);
        assert_eq!(roads.plain_text(), "The M6 is shut.");
        let schools = &b.entries[1];
        assert_eq!(schools.title.as_deref(), Some("Schools shut"));
        assert_eq!(schools.authors, ["PA Media"]);
        assert_eq!(schools.plain_text(), "All schools in the county are shut.");
        assert_eq!(b.entries[2].plain_text(), "A post of one line.");
        assert!(b.key_events.iter().all(|k| k.entry_id.is_some()));
        // Written again by the replay, it reads back the same.
        let snap = crate::serve::timeline::Timeline::new(
            b.clone(),
            &crate::serve::timeline::ReplayOptions::default(),
        )
        .at(std::time::Duration::ZERO);
        let again = crate::formats::parse(crate::serve::writers::text(&snap).as_bytes()).unwrap();
        let shape = |b: &LiveBlog| -> Vec<(Option<String>, Vec<String>, String)> {
            b.entries
                .iter()
                .map(|e| (e.title.clone(), e.authors.clone(), e.plain_text()))
                .collect()
        };
        assert_eq!(shape(&again), shape(&b));
    }

    /// An untitled post with no byline whose second line repeats a key event's title, as the
    /// replay writes Cork Beo's posts that link the story a key event reports: its first line
    /// is a sentence, not a byline, so the repeated title stays in the post and the key event
    /// is the entry that follows under a byline.
    #[test]
    fn a_post_whose_second_line_is_a_heading_keeps_its_first_line_as_text() {
        let t = "Level 3 LIVE\nThe latest\nKey events\n-\nOne death and 432 cases\n-\nRoads closed\n\
                 \nThe department has confirmed the latest figures.\nOne death and 432 cases\n\
                 \nIn case you missed this earlier\nRoads closed\n\
                 \nPA Media\nOne death and 432 cases\nThe figures came in at six.\n\
                 \nRoads closed\nThe M6 is shut.\n";
        let b = crate::formats::parse(t.as_bytes()).unwrap();
        let shape = |b: &LiveBlog| -> Vec<(Option<String>, Vec<String>, String)> {
            b.entries
                .iter()
                .map(|e| (e.title.clone(), e.authors.clone(), e.plain_text()))
                .collect()
        };
        let untitled = |text: &str| (None, Vec::new(), text.to_string());
        let titled = |title: &str, by: &[&str], text: &str| {
            (
                Some(title.to_string()),
                by.iter().map(ToString::to_string).collect(),
                text.to_string(),
            )
        };
        assert_eq!(
            shape(&b),
            [
                untitled(
                    "The department has confirmed the latest figures.\n\nOne death and 432 cases"
                ),
                untitled("In case you missed this earlier\n\nRoads closed"),
                titled(
                    "One death and 432 cases",
                    &["PA Media"],
                    "The figures came in at six."
                ),
                titled("Roads closed", &[], "The M6 is shut."),
            ]
        );
        assert!(b.key_events.iter().all(|k| k.entry_id.is_some()));
    }

    #[test]
    fn bylines_and_first_lines_are_told_apart_by_how_they_read() {
        for byline in [
            "Reuters",
            "PA Media",
            "Guardian staff and agencies",
            "Jakub Krupa",
        ] {
            assert!(!reads_as_sentence(byline), "{byline}");
        }
        for first in [
            "The department has confirmed the latest figures.",
            "In case you missed this earlier",
            "Here is what we know so far:",
        ] {
            assert!(reads_as_sentence(first), "{first}");
        }
        assert!(reads_as_sentence(&"Anna Smith and ".repeat(8)));
    }

    #[test]
    fn no_key_events_at_all() {
        let b =
            parse("Just a title\nAnd a standfirst\nKey events\nOne line.\nTwo lines.\n").unwrap();
        assert!(b.key_events.is_empty());
        assert_eq!(b.entries.len(), 1);
        assert_eq!(b.entries[0].body.len(), 2);
        let bare = parse("\n\nOnly a title\n\nKey events\n").unwrap();
        assert_eq!(bare.title, "Only a title");
        assert_eq!(bare.standfirst, "");
        assert!(bare.entries.is_empty());
    }

    #[test]
    fn the_standfirst_may_be_left_out() {
        let b = parse("Title\nKey events\n-\nFirst\nFirst\nBody.\n").unwrap();
        assert_eq!(b.standfirst, "");
        assert_eq!(b.key_events.len(), 1);
        assert_eq!(b.entries[0].title.as_deref(), Some("First"));
    }

    #[test]
    fn a_text_without_the_key_events_line_is_not_a_live_blog() {
        let readme = "# liveblog\n\nA terminal reader for news live blogs.\n\n## Use\n\nRun it.\n";
        let err = parse(readme).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "not a live blog: as plain text it needs a title, a standfirst and then a \
                 \"Key events\" line, but line 3 is \"A terminal reader for news live blogs.\"; {}",
                crate::formats::FORMATS_HINT
            )
        );
        let passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n\
                      bin:x:2:2:bin:/bin:/usr/sbin/nologin\n";
        assert!(matches!(
            crate::formats::parse(passwd.as_bytes()),
            Err(FormatError::NotALiveBlog(m)) if m.contains("line 3 is \"bin:x:2:2")
        ));
        // Short texts and a heading one line too late fail the same way.
        for (text, says) in [
            ("Only a title", "it ends before line 2"),
            ("Title\nStandfirst", "it ends before line 3"),
            (
                "Title\nStandfirst\nMore\nKey events\n",
                "line 3 is \"More\"",
            ),
            ("Title\n\n\nKey events\n", "line 3 is \"\""),
        ] {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(says), "{text:?}: {err}");
        }
    }

    #[test]
    fn the_heading_shown_in_the_error_is_made_visible_and_short() {
        let err = parse(&format!("T\nS\n\u{1b}[31m{}", "x".repeat(500)))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3 is \"^[[31mxxx"), "{err}");
        assert!(!err.contains('\u{1b}'));
        assert!(err.len() < 500, "{err}");
    }

    #[test]
    fn key_event_without_an_entry_stays_unlinked() {
        let b = crate::formats::parse(b"T\nS\nKey events\n-\nNever written\nBody.\n").unwrap();
        assert_eq!(b.key_events[0].entry_id, None);
        assert_eq!(b.entries.len(), 1);
    }

    #[test]
    fn bylines_are_recognised_narrowly() {
        assert!(looks_like_byline("Jakub Krupa"));
        assert!(looks_like_byline("Martin Belam and Jakub Krupa"));
        assert!(!looks_like_byline("We will bring you more."));
        assert!(!looks_like_byline("Hello"));
        assert!(!looks_like_byline("and Frederiksen here:"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(parse("a\0b"), Err(FormatError::NotALiveBlog(_))));
    }
}
