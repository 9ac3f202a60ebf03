//! The answer to the Guardian page's own live poll,
//! `<path>.json?lastUpdate=block-<id>&isLivePage=true&dcr=true`.
//!
//! It says how many blocks are newer than the one named (`numNewBlocks`, at most
//! [`LIVE_POLL_CAP`] as the site computes it), the newest one's id when there are any
//! (`mostRecentBlockId`, `"block-<id>"`), those blocks rendered as HTML (`html`, one
//! `<article id="block-<id>">` each) and the key events as HTML (`timeline`, links to
//! `#block-<id>`). The blocks are read from the HTML, so that a poll with news need not be
//! followed by a read of the page JSON; what the HTML does not carry (a pinned flag, edits to
//! older blocks) is left to the poller's periodic whole read.

use super::html::{collapse, content_to_blocks, parse_fragment};
use super::{Format, FormatError};
use crate::blog::{Entry, KeyEvent, LiveBlog, ReadFrom, Stamp};
use scraper::{ElementRef, Html, Node};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Most blocks the site reports in one answer: it asks for the five nearest the block named,
/// so at five there may be more, and only the page says which.
pub const LIVE_POLL_CAP: u64 = 5;

/// What a live poll reported.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveUpdate {
    /// Blocks newer than the one the poll named.
    pub new_blocks: u64,
    /// The newest block's id without its `block-` prefix, when the answer names one.
    pub most_recent: Option<String>,
    /// The blocks in `html` as entries (newest first, key events flagged from `timeline`) with
    /// their key events; `None` when some `<article>` did not read as an entry with an id and a
    /// time, since then the answer cannot stand in for the page.
    pub blocks: Option<LiveBlog>,
}

impl LiveUpdate {
    /// The new blocks, when they are all the news: every article read, as many as the count
    /// says, and the count below [`LIVE_POLL_CAP`] (at the cap, more may be waiting). `None`
    /// means the page has to be read.
    pub fn complete_blocks(&self) -> Option<&LiveBlog> {
        let blocks = self.blocks.as_ref()?;
        let count = u64::try_from(blocks.entries.len()).ok()?;
        (self.new_blocks > 0 && count == self.new_blocks && self.new_blocks < LIVE_POLL_CAP)
            .then_some(blocks)
    }
}

/// Reads a live-poll answer. A document without a numeric `numNewBlocks` is not one.
pub fn parse(bytes: &[u8]) -> Result<LiveUpdate, FormatError> {
    // serde_json stops at 128 levels of nesting, so a hostile `[[[[…` is an error, not a crash.
    let doc: Value = serde_json::from_slice(super::without_bom(bytes))
        .map_err(|e| FormatError::malformed(Format::GuardianPage, e))?;
    let Some(n) = doc.get("numNewBlocks") else {
        return Err(FormatError::NotALiveBlog(
            "the Guardian live poll's answer has no \"numNewBlocks\"".into(),
        ));
    };
    let new_blocks = n.as_u64().ok_or_else(|| {
        FormatError::malformed(
            Format::GuardianPage,
            "\"numNewBlocks\" is not a whole number",
        )
    })?;
    let most_recent = doc
        .get("mostRecentBlockId")
        .and_then(Value::as_str)
        .map(|s| s.trim().trim_start_matches("block-").to_string())
        .filter(|s| !s.is_empty());
    let (html, timeline) = html_pieces(&doc);
    let blocks = read_blocks(html, timeline);
    Ok(LiveUpdate {
        new_blocks,
        most_recent,
        blocks,
    })
}

/// The answer's two pieces of HTML, `html` and `timeline`; empty where missing.
fn html_pieces(doc: &Value) -> (&str, &str) {
    let field = |k: &str| doc.get(k).and_then(Value::as_str).unwrap_or_default();
    (field("html"), field("timeline"))
}

/// Both readings of an answer's HTML, where the fast page reading takes a piece of it (else
/// there is only the one): the blocks as [`parse`] reads them, and as they read with every
/// piece made into a fragment by html5ever. They must be equal, so that the fast reading
/// changes nothing the reader shows; a test and the `guardian_poll` fuzz target check.
#[doc(hidden)]
pub fn block_readings(bytes: &[u8]) -> Option<(Option<LiveBlog>, Option<LiveBlog>)> {
    let doc: Value = serde_json::from_slice(super::without_bom(bytes)).ok()?;
    let (html, timeline) = html_pieces(&doc);
    let fast = |piece: &str| super::html::fast_page(piece).is_some();
    (fast(html) || fast(timeline)).then(|| {
        (
            read_blocks_by(html, timeline, tree),
            read_blocks_by(html, timeline, parse_fragment),
        )
    })
}

/// The articles of `html` as a blog of entries, key events flagged from `timeline`, sanitised
/// as every parser's result is; `None` when an article lacks an id or a time, or two share one.
fn read_blocks(html: &str, timeline: &str) -> Option<LiveBlog> {
    read_blocks_by(html, timeline, tree)
}

/// The tree of a piece of the answer's HTML, which the site renders as part of the page's
/// body. Read as a page by the fast page reading, where it is sure of it (some times quicker
/// than html5ever), it gives the same articles and links as the fragment it is: only what a
/// page puts in its `<head>` (a leading `<style>`, as the site writes one) sits elsewhere, and
/// nothing is read from that. A test reads answers both ways.
fn tree(html: &str) -> Html {
    super::html::fast_page(html).unwrap_or_else(|| parse_fragment(html))
}

/// [`read_blocks`], with the HTML made into trees by `tree`.
fn read_blocks_by(html: &str, timeline: &str, tree: fn(&str) -> Html) -> Option<LiveBlog> {
    let key_titles = key_events(timeline, tree);
    let doc = tree(html);
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    for article in doc
        .root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "article")
    {
        let e = article_entry(article)?;
        if !seen.insert(e.id.clone()) {
            return None;
        }
        entries.push(e);
    }
    let mut blog = LiveBlog {
        entries,
        ..LiveBlog::default()
    };
    for e in &mut blog.entries {
        let Some((listed, published)) = key_titles.get(&e.id) else {
            continue;
        };
        e.key_event = true;
        let title = e
            .title
            .clone()
            .or_else(|| Some(listed.clone()).filter(|t| !t.is_empty()))
            .unwrap_or_else(|| super::guardian::summary_title(e));
        blog.key_events.push(KeyEvent {
            title,
            entry_id: Some(e.id.clone()),
            published: e.published.or(*published),
        });
    }
    crate::blog::merge::sort_newest_first(&mut blog.entries);
    blog.sanitize();
    super::cms_tokens::drop_cms_tokens(&mut blog);
    Some(blog)
}

/// One rendered block: `<article id="block-<id>">`, a `<header>` with the permalink and its
/// `<time dateTime>`, the block's `<h2>` title and a byline per contributor, then the body.
/// `None` without an id or a time.
fn article_entry(article: ElementRef<'_>) -> Option<Entry> {
    let id = article
        .attr("id")?
        .trim()
        .strip_prefix("block-")
        .filter(|i| !i.is_empty())?
        .to_string();
    let header = article
        .child_elements()
        .find(|e| e.value().name() == "header");
    let published = header
        .into_iter()
        .flat_map(|h| h.descendent_elements())
        .filter(|e| e.value().name() == "time")
        .find_map(|t| t.attr("datetime").and_then(Stamp::parse))?;
    let title = header
        .and_then(|h| h.descendent_elements().find(|e| e.value().name() == "h2"))
        .map(|h2| collapse(&text_of(h2)))
        .filter(|t| !t.is_empty());
    let body = content_to_blocks(article, None, &|e| {
        matches!(e.value().name(), "header" | "footer")
    });
    Some(Entry {
        id,
        title,
        published: Some(published),
        authors: header.map(bylines).unwrap_or_default(),
        body,
        // The page JSON's version replaces it at the next whole read, and may read a little
        // differently (a tweet as an embed, the last-updated time): that is no edit.
        read_from: ReadFrom::Rendering,
        ..Entry::default()
    })
}

/// The contributors a block header names: each a `<div>` of its own holding the name (after
/// an avatar, when there is one), unlike the permalink's `<div>`, which holds a link.
fn bylines(header: ElementRef<'_>) -> Vec<String> {
    header
        .child_elements()
        .filter(|d| d.value().name() == "div")
        .filter(|d| {
            !d.descendent_elements()
                .any(|e| matches!(e.value().name(), "a" | "time" | "h2"))
        })
        .map(|d| collapse(&text_of(d)))
        .filter(|n| !n.is_empty())
        .collect()
}

/// The key events a `timeline` lists, by block id: the title shown, and the time when given.
/// A card links to its block as `#block-<id>` or `?page=with:block-<id>`.
fn key_events(timeline: &str, tree: fn(&str) -> Html) -> HashMap<String, (String, Option<Stamp>)> {
    let doc = tree(timeline);
    let mut out = HashMap::new();
    for a in doc
        .root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "a")
    {
        let Some(id) = a.attr("href").and_then(linked_block) else {
            continue;
        };
        let published = a
            .descendent_elements()
            .filter(|e| e.value().name() == "time")
            .find_map(|t| t.attr("datetime").and_then(Stamp::parse));
        out.entry(id)
            .or_insert_with(|| (collapse(&text_of(a)), published));
    }
    out
}

/// The block a key-event link leads to.
fn linked_block(href: &str) -> Option<String> {
    let at = href
        .find("#block-")
        .map(|i| i + "#block-".len())
        .or_else(|| href.find("with:block-").map(|i| i + "with:block-".len()))?;
    let id: String = href[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    (!id.is_empty()).then_some(id)
}

/// The text of an element, leaving out what a `<time>` says (a card's "52s ago") and what is
/// never text (styles, scripts).
fn text_of(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut stack = vec![el.children()];
    while let Some(top) = stack.last_mut() {
        let Some(node) = top.next() else {
            stack.pop();
            continue;
        };
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() != "time" && !super::html::walk_skips(e.name()) => {
                // Blocks apart; inline elements run on (`<b>Con</b>servative` is one word).
                if matches!(e.name(), "div" | "p" | "br" | "li" | "h2" | "h3") {
                    out.push(' ');
                }
                stack.push(node.children());
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::Block;

    const REAL: &[u8] = include_bytes!(
        "../../tests/fixtures/guardian-poll/guardian-liveblog-poll-response-tweet-block.json"
    );

    #[test]
    fn the_real_answer_reads_as_one_new_block_and_its_id() {
        let u = parse(REAL).unwrap();
        assert_eq!(u.new_blocks, 1);
        assert_eq!(u.most_recent.as_deref(), Some("659c06188f08f409d77a8151"));
        assert!(u.complete_blocks().is_some());
    }

    #[test]
    fn the_real_answer_s_block_is_read_from_its_html() {
        let u = parse(REAL).unwrap();
        let blog = u.blocks.unwrap();
        assert_eq!(blog.entries.len(), 1);
        let e = &blog.entries[0];
        assert_eq!(e.id, "659c06188f08f409d77a8151");
        assert_eq!(
            e.published.unwrap().instant(),
            "2024-01-08T14:35:40Z".parse::<jiff::Timestamp>().unwrap()
        );
        assert_eq!(
            e.title.as_deref(),
            Some("Conservative caucus calls budget deal 'even worse than we thought'")
        );
        // The permalink, its relative time and clock time are chrome, not body.
        let first = e.body[0].plain_text();
        assert!(
            first.starts_with("The signs of trouble for the government funding agreement"),
            "{first}"
        );
        let text = e.plain_text();
        for chrome in ["52s ago", "14.35 GMT", "dcr-", "Share on"] {
            assert!(!text.contains(chrome), "{chrome:?} in {text}");
        }
        assert!(
            text.ends_with("defense, commerce and the justice department, among others."),
            "{text}"
        );
        // The embedded tweets keep their words, as quotes.
        let quotes: Vec<String> = e
            .body
            .iter()
            .filter(|b| matches!(b, Block::Quote { .. }))
            .map(Block::plain_text)
            .collect();
        assert_eq!(quotes.len(), 3, "{:#?}", e.body);
        assert!(
            quotes[0].contains("It’s even worse than we thought."),
            "{quotes:?}"
        );
        // Without a timeline, nothing is a key event.
        assert!(!e.key_event && blog.key_events.is_empty());
        assert!(e.authors.is_empty());
        assert_eq!(e.read_from, ReadFrom::Rendering);
    }

    fn answer(n: u64, html: &str, timeline: &str) -> Vec<u8> {
        serde_json::json!({
            "numNewBlocks": n,
            "mostRecentBlockId": "block-b2",
            "html": html,
            "timeline": timeline,
        })
        .to_string()
        .into_bytes()
    }

    fn article(id: &str, time: &str, title: Option<&str>, body: &str) -> String {
        let title = title.map(|t| format!("<h2>{t}</h2>")).unwrap_or_default();
        format!(
            "<article id=\"block-{id}\" class=\"block\"><header><div><a href=\"?page=with:\
             block-{id}#block-{id}\"><time dateTime=\"{time}\">1m ago</time></a></div>{title}\
             </header>{body}</article>"
        )
    }

    #[test]
    fn the_timeline_marks_key_events_and_names_an_untitled_one() {
        let html = [
            article("b2", "2024-01-08T15:00:00Z", None, "<p>Vote passes</p>"),
            article("b1", "2024-01-08T14:00:00Z", Some("Earlier"), "<p>x</p>"),
        ]
        .concat();
        let timeline = "<ul><li><a href=\"?filterKeyEvents=false&amp;page=with:block-b2#block-b2\">\
            <div><time dateTime=\"2024-01-08T15:00:00Z\">1m ago</time></div>\
            <div>The <b>vote</b> passes</div></a></li>\
            <li><a href=\"#block-old\"><div>Older key event</div></a></li></ul>";
        let u = parse(&answer(2, &html, timeline)).unwrap();
        let blog = u.complete_blocks().unwrap();
        let ids: Vec<(&str, bool)> = blog
            .entries
            .iter()
            .map(|e| (e.id.as_str(), e.key_event))
            .collect();
        assert_eq!(ids, [("b2", true), ("b1", false)]);
        // The entry keeps no title of its own; its key event has the timeline's.
        assert_eq!(blog.entries[0].title, None);
        assert_eq!(blog.key_events.len(), 1);
        assert_eq!(blog.key_events[0].title, "The vote passes");
        assert_eq!(blog.key_events[0].entry_id.as_deref(), Some("b2"));
    }

    #[test]
    fn a_byline_in_the_header_names_the_author() {
        // As the site writes a contributor: an avatar and the name, each block in a div.
        let html = "<article id=\"block-b1\"><header><div><a href=\"#block-b1\"><time \
                    dateTime=\"2024-01-08T14:00:00Z\">1m ago</time></a></div><h2>T</h2><div>\
                    <div><img src=\"https://i.guim.co.uk/a.png\" alt=\"Joan Smith\"></div>\
                    <span>Joan <b>Smith</b></span></div></header><p>Body</p></article>";
        let u = parse(&answer(1, html, "")).unwrap();
        let e = &u.complete_blocks().unwrap().entries[0];
        assert_eq!(e.authors, ["Joan Smith"]);
        assert_eq!(e.plain_text(), "Body");
    }

    #[test]
    fn a_malformed_article_makes_the_answer_unread() {
        let good = article("b2", "2024-01-08T15:00:00Z", Some("T"), "<p>x</p>");
        let no_time = "<article id=\"block-b1\"><header><h2>T</h2></header><p>y</p></article>";
        let no_id = "<article><header><time dateTime=\"2024-01-08T14:00:00Z\">x</time></header>\
                     </article>";
        let bad_time = article("b1", "yesterday", None, "<p>y</p>");
        for bad in [no_time, no_id, bad_time.as_str(), good.as_str()] {
            let u = parse(&answer(2, &format!("{good}{bad}"), "")).unwrap();
            assert_eq!(u.blocks, None, "{bad}");
            assert_eq!(u.complete_blocks(), None);
            assert_eq!(u.new_blocks, 2);
        }
    }

    #[test]
    fn only_a_whole_answer_below_the_cap_stands_in_for_the_page() {
        let five: String = (0..5)
            .map(|i| {
                article(
                    &format!("b{i}"),
                    &format!("2024-01-08T14:0{i}:00Z"),
                    None,
                    "<p>x</p>",
                )
            })
            .collect();
        let u = parse(&answer(5, &five, "")).unwrap();
        assert_eq!(u.blocks.as_ref().unwrap().entries.len(), 5);
        assert_eq!(u.complete_blocks(), None, "five may be more than five");
        let one = article("b1", "2024-01-08T14:00:00Z", None, "<p>x</p>");
        assert_eq!(parse(&answer(2, &one, "")).unwrap().complete_blocks(), None);
        assert!(
            parse(&answer(1, &one, ""))
                .unwrap()
                .complete_blocks()
                .is_some()
        );
        assert_eq!(parse(&answer(0, "", "")).unwrap().complete_blocks(), None);
    }

    #[test]
    fn text_from_the_html_is_sanitised() {
        let html = article(
            "b1",
            "2024-01-08T14:00:00Z",
            Some("Bell\u{7}\u{1b}[31m red"),
            "<p>\u{1b}]52;c;aGk=\u{7}body</p>",
        );
        let u = parse(&answer(1, &html, "")).unwrap();
        let e = &u.complete_blocks().unwrap().entries[0];
        let all = format!("{:?}{}", e.title, e.plain_text());
        assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all}");
    }

    #[test]
    fn nothing_new_and_wrong_shapes() {
        let none = parse(br#"{"numNewBlocks":0,"html":"","timeline":""}"#).unwrap();
        assert_eq!((none.new_blocks, none.most_recent), (0, None));
        assert!(matches!(
            parse(br#"{"blocks":[]}"#),
            Err(FormatError::NotALiveBlog(_))
        ));
        assert!(matches!(
            parse(br#"{"numNewBlocks":"2"}"#),
            Err(FormatError::Malformed { .. })
        ));
        assert!(matches!(
            parse(br#"{"numNewBlocks":-1}"#),
            Err(FormatError::Malformed { .. })
        ));
        assert!(parse(b"<html>").is_err());
        assert!(parse("[".repeat(100_000).as_bytes()).is_err());
    }

    /// Every fixture's blog (and the bundled one), answered by the replay server's live poll
    /// at several blocks, with the timeline of its key events.
    fn replayed_answers() -> Vec<(String, String)> {
        use crate::serve::timeline::{ReplayOptions, Timeline};
        let mut docs = vec![crate::source::BUNDLED.as_bytes().to_vec()];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for dir in std::fs::read_dir(root).unwrap() {
            let dir = dir.unwrap().path();
            if dir.is_dir() {
                for f in std::fs::read_dir(dir).unwrap() {
                    docs.push(std::fs::read(f.unwrap().path()).unwrap());
                }
            }
        }
        let mut out = Vec::new();
        for doc in docs {
            // The fixtures that are blogs (a poll answer is not).
            let Ok(blog) = crate::formats::parse(&doc) else {
                continue;
            };
            let mut opts = ReplayOptions::paced(std::time::Duration::from_secs(1));
            opts.initial = usize::MAX;
            let snap = Timeline::new(blog, &opts).at(std::time::Duration::from_secs(1_000_000));
            let n = snap.blog.entries.len();
            for i in [0, 1, 3, 5, 8, n / 2, n.saturating_sub(1)] {
                let Some(e) = snap.blog.entries.get(i) else {
                    continue;
                };
                let answer = crate::serve::writers::live_update(&snap, &format!("block-{}", e.id));
                let v: Value = serde_json::from_str(&answer).unwrap();
                let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
                out.push((field("html"), field("timeline")));
            }
        }
        out
    }

    /// The answers' HTML made into trees as pages (by the fast page reading, where it is sure
    /// of them) reads as it does made into the fragments it is.
    #[test]
    fn answers_read_as_pages_read_as_fragments() {
        let real: Value = serde_json::from_slice(REAL).unwrap();
        let mut docs = vec![(real["html"].as_str().unwrap().to_string(), String::new())];
        docs.extend(replayed_answers());
        let a = |id: &str, body: &str| article(id, "2024-01-08T14:00:00Z", Some("T"), body);
        let card = "<ul><li><a href=\"#block-b1\"><time datetime=\"2024-01-08T14:00:00Z\">\
                    2pm</time><span>Key</span></a></li></ul>";
        // What a page puts in its head, before and between the articles; markup the fast
        // reading leaves to html5ever.
        for lead in [
            "<style>.a{}</style>",
            "<title>x</title><meta charset=\"utf-8\"><link rel=\"x\" href=\"/y\">",
            "<script>var a = \"<article>\";</script>",
            "<noscript><p>n</p></noscript>",
            "text first ",
            "<!-- c --><base href=\"/z\">",
            "<table><tr><td>t</td></tr></table>",
            "<svg><path/></svg>",
            "<html><body class=\"b\">",
        ] {
            let html = format!(
                "{lead}{}{lead}{}",
                a("b1", "<p>one</p>"),
                a("b2", "<p>two &amp; x</p>")
            );
            docs.push((html, format!("{lead}{card}")));
        }
        let mut by_pages = 0;
        for (html, timeline) in &docs {
            by_pages += usize::from(super::super::html::fast_page(html).is_some());
            assert_eq!(
                read_blocks_by(html, timeline, tree),
                read_blocks_by(html, timeline, parse_fragment),
                "{html}\n{timeline}"
            );
        }
        assert!(by_pages * 2 > docs.len(), "{by_pages} of {}", docs.len());
    }

    #[test]
    fn the_real_answer_is_read_both_ways_alike() {
        let (by_pages, by_fragments) = block_readings(REAL).expect("the fast reading takes it");
        assert!(by_pages.is_some());
        assert_eq!(by_pages, by_fragments);
        assert_eq!(by_pages, parse(REAL).unwrap().blocks);
    }
}
