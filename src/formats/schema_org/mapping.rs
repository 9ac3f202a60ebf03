//! A schema.org `LiveBlogPosting` node to a [`LiveBlog`], with the corrections the module
//! documentation lists (dates, ids, pictures and state that are not taken at face value).

use super::cut;
use super::graph::{Graph, field, field_text, is_reference, raw_str, stamp};
use super::microdata::SHOWN_BODY;
use crate::blog::merge::sort_newest_first;
use crate::blog::{Block, Embed, Entry, Fnv1a, Image, LiveBlog, LiveState, Stamp};
use crate::formats::html::{self, has_markup, plain_text};
use crate::formats::json::{Object, Value};
use std::borrow::Cow;

/// How much of an update's body goes into an id derived from its text.
const ID_BODY_PREFIX: usize = 200;

/// An update's body: HTML goes to the HTML converter; text (after decoding entities, which may
/// reveal escaped markup) becomes one paragraph per line.
fn body_blocks(raw: &str) -> Vec<Block> {
    if has_markup(raw) {
        return html::to_blocks(raw);
    }
    let decoded = if raw.contains('&') {
        plain_text(raw)
    } else {
        raw.to_string()
    };
    if has_markup(&decoded) {
        return html::to_blocks(&decoded);
    }
    decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(html::text_or_post)
        .collect()
}

/// The first URL of an `image`: a string, an `ImageObject` (`url` or `contentUrl`), or an
/// array of either.
fn image_url<'a>(g: &Graph<'a>, v: Option<&'a Value<'a>>) -> Option<String> {
    g.many(v).into_iter().find_map(|v| match v {
        Value::String(s) => Some(plain_text(s)).filter(|s| !s.is_empty()),
        Value::Object(m) => field(m, "url").or_else(|| field(m, "contentUrl")),
        _ => None,
    })
}

fn image_block<'a>(g: &Graph<'a>, v: Option<&'a Value<'a>>) -> Option<Block> {
    let url = image_url(g, v)?;
    let obj = g.many(v).into_iter().find_map(Value::as_object);
    let get = |k: &str| obj.and_then(|m| field(m, k)).unwrap_or_default();
    let credit = obj
        .and_then(|m| {
            field(m, "creditText").or_else(|| {
                m.get("copyrightHolder")
                    .and_then(Value::as_object)
                    .and_then(|h| field(h, "name"))
            })
        })
        .unwrap_or_default();
    Some(Block::Image(Box::new(Image {
        url: Some(url),
        caption: {
            let c = get("caption");
            if c.is_empty() { get("description") } else { c }
        },
        alt: get("name"),
        credit,
    })))
}

fn video_block<'a>(g: &Graph<'a>, v: Option<&'a Value<'a>>) -> Option<Block> {
    let obj = g.many(v).into_iter().find_map(Value::as_object)?;
    let url = field(obj, "embedUrl")
        .or_else(|| field(obj, "contentUrl"))
        .or_else(|| field(obj, "url"))?;
    Some(Block::Embed(Box::new(Embed {
        kind: "video".to_string(),
        title: field(obj, "name").unwrap_or_default(),
        url: Some(url),
    })))
}

/// Names from `author`: a string, a Person or Organization, or an array of them.
fn authors<'a>(g: &Graph<'a>, v: Option<&'a Value<'a>>) -> Vec<String> {
    g.many(v)
        .into_iter()
        .filter_map(|a| match a {
            Value::String(s) => Some(plain_text(s)),
            Value::Object(m) => field(m, "name"),
            _ => None,
        })
        .filter(|a| !a.is_empty())
        .collect()
}

/// The blog's address: `url`, else an `@id` that is a URL, else `mainEntityOfPage`.
fn blog_url<'a>(g: &Graph<'a>, map: &'a Object<'a>) -> Option<String> {
    field(map, "url")
        .or_else(|| field(map, "@id").filter(|i| i.starts_with("http")))
        .or_else(|| match map.get("mainEntityOfPage").map(|v| g.resolve(v)) {
            Some(Value::Object(m)) => field(m, "url").or_else(|| field(m, "@id")),
            Some(v) => raw_str(v).map(|s| plain_text(&s)).filter(|s| !s.is_empty()),
            None => None,
        })
}

/// Cuts a leading clock time from a headline: `"19:02(IST) TOSS: …"` → `"TOSS: …"`. Cut when a
/// zone follows in brackets, or when the time is the update's own published time; a headline
/// that merely starts with a time ("10:00 deadline passes") is left alone otherwise.
fn strip_time_prefix(title: &str, published: Option<Stamp>) -> &str {
    let b = title.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits)
        || b.get(digits) != Some(&b':')
        || !b
            .get(digits + 1..digits + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
    {
        return title;
    }
    let (Ok(hour), Ok(minute)) = (
        title[..digits].parse::<i8>(),
        title[digits + 1..digits + 3].parse::<i8>(),
    ) else {
        return title;
    };
    let mut rest = &title[digits + 3..];
    let mut zoned = false;
    if let Some(inner) = rest.strip_prefix('(')
        && let Some(close) = inner.find(')')
        && (1..=5).contains(&close)
        && inner[..close].bytes().all(|c| c.is_ascii_alphabetic())
    {
        rest = &inner[close + 1..];
        zoned = true;
    }
    let separated = zoned || rest.starts_with(char::is_whitespace);
    let same_time = published.is_some_and(|p| {
        let local = p.offset().to_datetime(p.instant());
        local.hour() == hour && local.minute() == minute
    });
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '-' || c == '|');
    if separated && (zoned || same_time) && !rest.is_empty() {
        rest
    } else {
        title
    }
}

/// The hash behind an update's id derived from its text: its date as written, its headline and
/// the start of its body, `|` apart. Hashed in pieces, as [`crate::blog::text_id`] would hash
/// them joined.
fn text_hash(date: &str, headline: &str, body: &str) -> u64 {
    let mut h = Fnv1a::default();
    for piece in [date, "|", headline, "|", char_prefix(body, ID_BODY_PREFIX)] {
        h.add(piece.as_bytes());
    }
    h.finish()
}

/// An id derived from an update's text (see [`text_hash`]).
fn text_id(hash: u64) -> String {
    format!("ld-{hash:016x}")
}

/// The first `n` characters of `s`, as a slice.
fn char_prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn fragment(url: &str) -> Option<String> {
    url.split_once('#')
        .map(|(_, f)| f.trim().to_string())
        .filter(|f| !f.is_empty())
}

/// An update before the blog-wide checks decide which of its dates and pictures to keep.
struct Update<'a> {
    entry: Entry,
    /// The id the source gave (`@id` or the `url` fragment), if any.
    given_id: Option<String>,
    /// Its date as written, headline and body, for an id derived from its text when the given
    /// one is missing or shared (see [`text_hash`]); hashed only then.
    basis: (Cow<'a, str>, Cow<'a, str>, Cow<'a, str>),
    /// Whether its body is the JSON-LD `articleBody` (not a body the page shows, which a site
    /// does not cut), for [`cut::cut_length`].
    body_is_ld: bool,
    image_url: Option<String>,
    image: Option<Block>,
    video: Option<Block>,
}

impl Update<'_> {
    /// Its JSON-LD `articleBody` as written, when that is the body it was read with.
    fn ld_body(&self) -> Option<&str> {
        self.body_is_ld.then_some(&*self.basis.2)
    }
}

/// How a headline repeats the body's first paragraph, if it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repeat {
    /// Word for word: the paragraph is the headline again.
    Whole,
    /// Its first words, cut short (maybe within a word): some sites fill an update's headline
    /// with its text.
    Start,
}

fn repeats(headline: &str, paragraph: &str) -> Option<Repeat> {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| w.trim_matches(['\u{200b}', '\u{feff}']).to_string())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (head, text) = (words(headline), words(paragraph));
    if head.is_empty() {
        return None;
    }
    if head == text {
        return Some(Repeat::Whole);
    }
    let trimmed = words(headline.trim_end_matches(['…', '.', ' ']));
    let (last, whole) = trimmed.split_last()?;
    // Cut within a word only where it is long enough to have been cut, not a label ("TOSS"
    // over "TOSS: …").
    let next = text.get(whole.len())?;
    let cut = trimmed.len() >= 6 && next.starts_with(last.as_str());
    (text[..whole.len()] == *whole && (next == last || cut)).then_some(Repeat::Start)
}

/// An update's headline beside its body: one that is the first paragraph again leaves the
/// paragraph out; one that is its first words is no title. Either way the text is read once.
/// A paragraph that links somewhere stays even when it repeats the headline: an update that
/// only points to a story (Cork Beo) is that link, and without it the reader has nothing to
/// open.
pub(super) fn without_repeat(title: Option<String>, body: &mut Vec<Block>) -> Option<String> {
    let t = title?;
    let Some(k) = body.iter().position(|b| !b.plain_text().trim().is_empty()) else {
        return Some(t);
    };
    match repeats(&t, &body[k].plain_text()) {
        Some(Repeat::Whole) => {
            if !links_somewhere(&body[k]) {
                body.remove(k);
            }
            Some(t)
        }
        Some(Repeat::Start) => None,
        None => Some(t),
    }
}

/// Whether a paragraph or heading carries a link.
fn links_somewhere(block: &Block) -> bool {
    match block {
        Block::Paragraph { runs } | Block::Heading { runs } => {
            runs.iter().any(|r| r.link.is_some())
        }
        _ => false,
    }
}

fn update_from<'a>(g: &Graph<'a>, map: &'a Object<'a>, blog_title: &str) -> Update<'a> {
    let published = stamp(map, "datePublished");
    let updated = stamp(map, "dateModified");
    let headline = field_text(map, "headline").or_else(|| field_text(map, "name"));
    let (body_key, shown_key) = if map.get(SHOWN_BODY[0].0).is_some() {
        SHOWN_BODY[0]
    } else {
        SHOWN_BODY[1]
    };
    let raw_body = map.get(body_key).and_then(raw_str).unwrap_or_default();
    let given_id = field(map, "@id").or_else(|| field(map, "url").and_then(|u| fragment(&u)));
    let shown = map.get(shown_key).and_then(raw_str);
    let mut body = body_blocks(shown.as_deref().unwrap_or(&raw_body));
    let title = headline
        .as_deref()
        .map(|h| strip_time_prefix(h, published).to_string())
        .filter(|t| !t.is_empty() && t != blog_title.trim());
    let title = without_repeat(title, &mut body);
    let date = map
        .get("datePublished")
        .and_then(raw_str)
        .unwrap_or_default();
    Update {
        entry: Entry {
            id: String::new(),
            title,
            published,
            updated,
            authors: authors(g, map.get("author")),
            body,
            ..Entry::default()
        },
        given_id,
        body_is_ld: shown.is_none() && !raw_body.is_empty(),
        basis: (date, headline.unwrap_or_default(), raw_body),
        image_url: image_url(g, map.get("image")),
        image: image_block(g, map.get("image")),
        video: video_block(g, map.get("video")),
    }
}

pub(super) fn blog_from<'a>(g: &Graph<'a>, map: &'a Object<'a>) -> LiveBlog {
    let title = field(map, "headline")
        .or_else(|| field(map, "name"))
        .unwrap_or_default();
    let blog_published = stamp(map, "datePublished");
    let blog_modified = stamp(map, "dateModified");
    let blog_image = image_url(g, map.get("image"));

    let mut updates: Vec<Update> = g
        .many(map.get("liveBlogUpdate"))
        .into_iter()
        .filter_map(Value::as_object)
        // A reference to a node the document does not hold has nothing to show.
        .filter(|u| !is_reference(u))
        .map(|u| update_from(g, u, &title))
        .collect();

    let newest = updates
        .iter()
        .flat_map(|u| [u.entry.published, u.entry.updated])
        .chain([blog_published, blog_modified])
        .flatten()
        .max();
    let state = coverage_state(map, newest);

    let same =
        |a: Option<Stamp>, b: Option<Stamp>| a.map(|s| s.instant()) == b.map(|s| s.instant());
    let dates_are_the_blogs = blog_published.is_some()
        && !updates.is_empty()
        && updates.iter().all(|u| {
            same(u.entry.published, blog_published)
                && (u.entry.updated.is_none() || same(u.entry.updated, blog_modified))
        });
    let shared_image = match updates.first() {
        Some(first) if updates.len() >= 2 => first
            .image_url
            .clone()
            .filter(|i| updates.iter().all(|u| u.image_url.as_ref() == Some(i))),
        _ => None,
    };

    let description = map.get("description").and_then(raw_str);
    let (cut_at, standfirst_cut) = site_cuts(&updates, &title, description.as_deref());
    let mut entries = Vec::with_capacity(updates.len());
    let unique = unique_given_ids(&updates);
    for (u, unique) in updates.iter_mut().zip(unique) {
        let mut e = std::mem::take(&mut u.entry);
        if let Some(cut) = cut_at
            && u.ld_body().is_some_and(|b| cut::was_cut(b, cut))
        {
            cut::mark_cut(&mut e);
        }
        if dates_are_the_blogs {
            e.published = None;
            e.updated = None;
        }
        e.id = match u.given_id.take() {
            Some(id) if unique => id,
            _ => text_id(text_hash(&u.basis.0, &u.basis.1, &u.basis.2)),
        };
        let own_image =
            u.image_url.is_some() && u.image_url != blog_image && u.image_url != shared_image;
        if own_image {
            e.body.extend(u.image.take());
        }
        e.body.extend(u.video.take());
        entries.push(e);
    }
    // Repeated ids are made distinct by `formats::parse`, for every format.
    sort_newest_first(&mut entries);

    LiveBlog {
        poll_every: None,
        extracted: crate::blog::Extraction::Structured,
        title,
        standfirst: {
            let mut s = field(map, "description").unwrap_or_default();
            if standfirst_cut {
                s.truncate(s.trim_end().len());
                s.push('…');
            }
            s
        },
        url: blog_url(g, map),
        state,
        updated: blog_modified,
        entries,
        key_events: Vec::new(),
        older: None,
    }
}

/// Where the site cut its JSON-LD short: the length it cut updates' bodies at, if it did
/// ([`cut::cut_length`]), and whether it cut the blog's `description` too
/// ([`cut::description_was_cut`]). The words of the blog's texts, which tell a text cut within a
/// word, are gathered only when a lone longest body or the description needs them.
fn site_cuts(
    updates: &[Update<'_>],
    title: &str,
    description: Option<&str>,
) -> (Option<usize>, bool) {
    let words = std::cell::OnceCell::new();
    let mid_word = |raw: &str| {
        words
            .get_or_init(|| {
                let blog = [vec![title], description.into_iter().collect()];
                let each = updates.iter().map(|u| vec![&*u.basis.1, &*u.basis.2]);
                cut::Words::of(blog.into_iter().chain(each))
            })
            .cut_mid_word(raw)
    };
    let bodies: Vec<&str> = updates.iter().filter_map(Update::ld_body).collect();
    let cut_at = cut::cut_length(&bodies, description, mid_word);
    let standfirst_cut = description.is_some_and(|d| cut::description_was_cut(d, cut_at, mid_word));
    (cut_at, standfirst_cut)
}

/// Which updates keep the id they were given: those whose id no other update was given, unless
/// the ids are positions (see [`ids_count_from_the_newest`]). Sorted rather than counted in a
/// map, which hashing thousands of ids made slower.
fn unique_given_ids(updates: &[Update<'_>]) -> Vec<bool> {
    let mut unique = vec![false; updates.len()];
    if ids_count_from_the_newest(updates) {
        return unique;
    }
    let mut given: Vec<(&str, usize)> = updates
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.given_id.as_deref().map(|id| (id, i)))
        .collect();
    given.sort_unstable();
    for run in given.chunk_by(|a, b| a.0 == b.0) {
        if let [(_, i)] = run {
            unique[*i] = true;
        }
    }
    unique
}

/// Whether the given ids are positions counted from the newest update (`#post1` on the newest,
/// Times of India): such an id moves to another update whenever one is added, and the reader
/// keeps its place by id, so these ids are not used.
fn ids_count_from_the_newest(updates: &[Update<'_>]) -> bool {
    let mut prefix: Option<&str> = None;
    let mut numbers = Vec::with_capacity(updates.len());
    for u in updates {
        let Some(id) = u.given_id.as_deref() else {
            return false;
        };
        let head = id.trim_end_matches(|c: char| c.is_ascii_digit());
        let Ok(n) = id[head.len()..].parse::<usize>() else {
            return false;
        };
        if prefix.is_some_and(|p| p != head) {
            return false;
        }
        prefix = Some(head);
        numbers.push(n);
    }
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    // One update numbered 1 says nothing about how the numbers move.
    if sorted.len() < 2 || !sorted.iter().enumerate().all(|(i, &n)| n == i + 1) {
        return false;
    }
    let Some(first) = numbers.iter().position(|&n| n == 1) else {
        return false;
    };
    let newest = updates
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            u.entry
                .published
                .map(|p| (p.instant(), std::cmp::Reverse(i)))
        })
        .max()
        .map(|(_, std::cmp::Reverse(i))| i);
    newest.unwrap_or(0) == first
}

/// See the module documentation: decided against the newest time in the document, not a clock.
fn coverage_state(map: &Object<'_>, newest: Option<Stamp>) -> LiveState {
    let start = stamp(map, "coverageStartTime");
    let end = stamp(map, "coverageEndTime");
    match (start, end) {
        (_, Some(end)) if newest.is_some_and(|n| end.instant() <= n.instant()) => LiveState::Ended,
        (None, None) => LiveState::Unknown,
        _ => LiveState::Live,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_ids_are_the_hash_of_the_joined_basis() {
        let body = "é".repeat(300);
        for (date, headline, body) in [("", "", ""), ("2024-01-01", "H", "body"), ("d", "", &body)]
        {
            let basis = format!("{date}|{headline}|{}", char_prefix(body, ID_BODY_PREFIX));
            assert_eq!(
                text_id(text_hash(date, headline, body)),
                crate::blog::text_id("ld-", &basis)
            );
        }
    }

    #[test]
    fn an_id_prefix_is_counted_in_characters() {
        assert_eq!(char_prefix("héllo", 2), "hé");
        assert_eq!(char_prefix("héllo", 5), "héllo");
        assert_eq!(char_prefix("héllo", 9), "héllo");
        assert_eq!(char_prefix("", 3), "");
    }

    #[test]
    fn time_prefixes_are_cut_only_when_they_are_times() {
        let at = Stamp::parse("2020-10-02T19:02:32+05:30");
        assert_eq!(
            strip_time_prefix("19:02(IST) TOSS: SRH bat", None),
            "TOSS: SRH bat"
        );
        assert_eq!(strip_time_prefix("19:02 TOSS", at), "TOSS");
        assert_eq!(
            strip_time_prefix("10:00 deadline passes", at),
            "10:00 deadline passes"
        );
        assert_eq!(strip_time_prefix("3:1 win", None), "3:1 win");
        assert_eq!(strip_time_prefix("19:02(IST)", None), "19:02(IST)");
        assert_eq!(strip_time_prefix("1", None), "1");
        assert_eq!(strip_time_prefix("", None), "");
    }
}
