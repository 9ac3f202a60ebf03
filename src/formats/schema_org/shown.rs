//! The posts a page shows for its JSON-LD updates, read in place of the JSON-LD's copy.
//!
//! A JSON-LD `articleBody` is often the post's text with its markup flattened: Cork Beo's
//! runs its paragraphs together and leaves its lists out, and its `author` is the blog's on
//! every update, where the page names who wrote each post (and marks its key event). An
//! update whose `url` fragment (its id) names an element of the page is read from that
//! element, but only when the element holds the update's headline and every word of its
//! JSON-LD text in the same order: the same post, shown whole. Everything else (times, ids,
//! an update that does not match) stays as the JSON-LD gives it.

use crate::blog::{Block, Embed, Entry, LiveBlog};
use crate::formats::flagged::Mark;
use crate::formats::html;
use scraper::{ElementRef, Html};
use std::collections::{HashMap, HashSet};
use url::Url;

/// How many entries' ids are looked for in the page's text before its tree is built: a page
/// that shows its posts shows the newest ones.
const PROBED: usize = 3;

/// Words a byline has at most; a longer text beside a post's time is not a name.
const BYLINE_WORDS: usize = 6;

/// Whether the page may show some of the blog's entries as elements with their ids: cheap, so
/// that a page which does not is read without its tree, as before.
pub(super) fn may_show(page: &str, blog: &LiveBlog) -> bool {
    blog.entries.iter().take(PROBED).any(|e| {
        !e.id.is_empty()
            && [format!("id=\"{}\"", e.id), format!("-{}\"", e.id)]
                .iter()
                .any(|s| memchr::memmem::find(page.as_bytes(), s.as_bytes()).is_some())
    })
}

/// The blog with each entry the page shows read from the page (see the module documentation),
/// and, when the JSON-LD gave none, the key events the page lists, else those the posts are
/// marked as.
pub(super) fn with_shown_posts(mut blog: LiveBlog, doc: &Html) -> LiveBlog {
    let mut wanted: HashSet<&str> = blog
        .entries
        .iter()
        .map(|e| e.id.as_str())
        .filter(|id| !id.is_empty())
        .collect();
    let mut found: HashMap<String, ElementRef<'_>> = HashMap::new();
    let with_ids: Vec<(&str, ElementRef<'_>)> = super::amp::elements(doc)
        .filter_map(|el| Some((super::amp::attr(el, "id")?, el)))
        .collect();
    for &(id, el) in &with_ids {
        if wanted.remove(id) {
            found.insert(id.to_string(), el);
        }
    }
    // A post may be named by the update's anchor rather than its id (`block-ID`, `post-ID`,
    // as in its `url`): it is still read only when it holds the update's words.
    for &(id, el) in &with_ids {
        if let Some(update) = id
            .match_indices('-')
            .map(|(i, _)| &id[i + 1..])
            .find(|u| wanted.contains(u))
        {
            wanted.remove(update);
            found.insert(update.to_string(), el);
        }
    }
    // An element that holds another update's post is a wrapper (the list of posts, named
    // like an update), not a post.
    let wrappers: HashSet<ego_tree::NodeId> = found
        .values()
        .flat_map(|el| el.ancestors().map(|a| a.id()))
        .collect();
    found.retain(|_, el| !wrappers.contains(&el.id()));
    if found.is_empty() {
        return blog;
    }
    let base = blog.url.as_deref().and_then(|u| Url::parse(u).ok());
    let blog_title = blog.title.clone();
    for e in &mut blog.entries {
        if let Some(post) = found.get(&e.id) {
            read_post(e, *post, base.as_ref(), &blog_title);
        }
    }
    if blog.key_events.is_empty() {
        // The page's own list where it shows one, which may name posts not on the page.
        let elements = super::amp::elements(doc).map(|e| *e);
        blog.key_events = super::listed::key_events(elements, &mut blog.entries)
            .unwrap_or_else(|| crate::formats::flagged::key_events(&blog.entries));
    }
    blog
}

/// Reads an entry from the element that shows it, when that element holds its text.
fn read_post(e: &mut Entry, post: ElementRef<'_>, base: Option<&Url>, blog_title: &str) {
    let info: Vec<ElementRef<'_>> = post.child_elements().filter(|c| holds_a_time(*c)).collect();
    let mut body = html::content_to_blocks(post, base, &|c| info.contains(&c));
    let shown: String = body
        .iter()
        .map(Block::plain_text)
        .collect::<Vec<_>>()
        .join("\n");
    let wanted = format!(
        "{}\n{}",
        e.title.as_deref().unwrap_or_default(),
        e.plain_text()
    );
    if shown.trim().is_empty() || !holds_in_order(&shown, &wanted) {
        return;
    }
    let title = super::mapping::without_repeat(e.title.clone(), &mut body);
    // A post headed with the blog's own headline, which the JSON-LD's title was dropped for,
    // does not show it as text either.
    if title.is_none() {
        let _ = super::mapping::without_repeat(Some(blog_title.to_string()), &mut body);
    }
    // A post that points to a story shows its heading, then the story's link under the same
    // words (Cork Beo): the heading goes as a repeat, the link stays, as in the JSON-LD copy
    // and as the blog reads back when written out. The title stays.
    let _ = super::mapping::without_repeat(title.clone(), &mut body);
    // A picture or embed the JSON-LD adds to the post that the post does not show stays.
    let extra: Vec<Block> = e
        .body
        .iter()
        .filter(|b| matches!(b, Block::Image(_) | Block::Embed(_)) && !body.contains(b))
        .cloned()
        .collect();
    body.extend(extra);
    body.extend(placeholders(post, &info, base));
    e.title = title;
    e.body = body;
    // The page's byline stands for the JSON-LD's authors unless it names each of them (two
    // names joined with a comma are still two).
    if let Some(name) = byline(&info)
        && (e.authors.is_empty() || !e.authors.iter().all(|a| name.contains(a.as_str())))
    {
        e.authors = vec![name];
    }
    e.key_event |= marked_key_event(post);
    // A pinned post and a summary as the replay's page marks them: a class word each.
    let classes = post.attr("class").unwrap_or_default();
    for m in classes.split_ascii_whitespace().filter_map(Mark::named) {
        m.set(e);
    }
}

/// Attributes that hold the address of an embed the page fills in by script, its element
/// left empty (Cork Beo's `<div class="tweet" data-url=…>` and embedded stories).
const PLACEHOLDER_URLS: [&str; 2] = ["data-url", "data-embedded-content-path"];

/// The embeds a post leaves for its scripts to fill in, as links to what they show: those
/// after all of the post's text only, as they are added after its blocks.
fn placeholders(post: ElementRef<'_>, info: &[ElementRef<'_>], base: Option<&Url>) -> Vec<Block> {
    let mut found = Vec::new();
    for node in post.descendants() {
        if let Some(t) = node.value().as_text() {
            if !found.is_empty() && !t.trim().is_empty() {
                return Vec::new();
            }
            continue;
        }
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if node.has_children()
            || el
                .ancestors()
                .any(|a| info.iter().any(|i| i.id() == a.id()))
        {
            continue;
        }
        let Some(url) = PLACEHOLDER_URLS
            .iter()
            .filter_map(|a| el.attr(a))
            .find_map(|u| html::resolve_url(u, base))
        else {
            continue;
        };
        let host = Url::parse(&url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string));
        let tweet = host.is_some_and(|h| {
            ["twitter.com", "x.com"]
                .iter()
                .any(|d| h == *d || h.ends_with(&format!(".{d}")))
        });
        found.push(Block::Embed(Box::new(Embed {
            kind: if tweet { "Tweet" } else { "Link" }.to_string(),
            title: String::new(),
            url: Some(url),
        })));
    }
    found
}

/// Whether an element is a `<time>` or holds one: the post's head (time, byline, label), not
/// its text.
fn holds_a_time(el: ElementRef<'_>) -> bool {
    el.value().name() == "time"
        || el
            .descendants()
            .filter_map(ElementRef::wrap)
            .any(|d| d.value().name() == "time")
}

/// Whether every word of `wanted` is in `shown`, in the same order, white space aside: the
/// JSON-LD copy may leave out parts the post shows (Cork Beo's lists), never add or reorder.
/// Words without a letter or digit (a quote's `>`) are left out of the test.
fn holds_in_order(shown: &str, wanted: &str) -> bool {
    let dense: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
    let mut at = 0;
    for word in wanted
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
    {
        match dense[at..].find(word) {
            Some(i) => at += i + word.len(),
            None => return false,
        }
    }
    true
}

/// The name the post's head shows beside its time: a few words with letters, not written all
/// in capitals, which is how a label ("KEY EVENT") is written and a name is not.
fn byline(info: &[ElementRef<'_>]) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for el in info {
        for node in el.descendants() {
            // A text in a `<time>` (the element itself, or one within it) is the time.
            let in_time = node
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "time");
            if let Some(t) = node.value().as_text()
                && !in_time
            {
                words.extend(t.split_whitespace());
            }
        }
    }
    // A separator and a "by" before the name are not part of it (`09:00 · by Ann Lee`).
    let lead = words
        .iter()
        .take_while(|w| !w.chars().any(char::is_alphanumeric))
        .count();
    words.drain(..lead);
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
        words.remove(0);
    }
    let name = words.join(" ");
    let letters = || name.chars().filter(|c| c.is_alphabetic());
    let shouted = letters().all(char::is_uppercase);
    (!words.is_empty() && words.len() <= BYLINE_WORDS && letters().count() >= 2 && !shouted)
        .then_some(name)
}

/// Whether the post's own attributes mark it as a key event (`data-type="key-event"`, a
/// `key-event` class).
fn marked_key_event(post: ElementRef<'_>) -> bool {
    post.value().attrs().any(|(_, v)| {
        v.split_ascii_whitespace().any(|w| {
            ["key-event", "keyevent", "key_event"]
                .iter()
                .any(|k| w.eq_ignore_ascii_case(k))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::Inline;

    /// A page with one JSON-LD update, `#p1`, and `post` in its body.
    fn page(post: &str) -> String {
        format!(
            r#"<html><head><script type="application/ld+json">
            {{"@type":"LiveBlogPosting","headline":"Blog","url":"https://x.test/blog",
              "liveBlogUpdate":[{{"@type":"BlogPosting","headline":"Head",
                "url":"https://x.test/blog#p1","datePublished":"2024-05-02T09:00:00+02:00",
                "articleBody":"One. Two.","author":{{"name":"Desk"}}}}]}}
            </script></head><body>{post}</body></html>"#
        )
    }

    fn read(page: &str) -> LiveBlog {
        crate::formats::parse(page.as_bytes()).unwrap()
    }

    fn fixture(path: &str) -> LiveBlog {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        crate::formats::parse(&std::fs::read(dir.join(path)).unwrap()).unwrap()
    }

    #[test]
    fn cork_beo_page_reads_its_posts_as_shown_with_the_json_ld_times_and_ids() {
        let page = fixture("html/corkbeo-level-3-live-2020-10-06.html");
        let ld = fixture("jsonld/corkbeo-level-3-live-2020-10-06.ld.json");
        assert_eq!(page.entries.len(), ld.entries.len());
        for (p, l) in page.entries.iter().zip(&ld.entries) {
            assert_eq!(
                (&p.id, &p.title, p.published, p.updated),
                (&l.id, &l.title, l.published, l.updated)
            );
        }
        // The JSON-LD alone runs paragraphs together and leaves lists out.
        let council = |b: &LiveBlog| {
            let e = b.entries.iter().find(|e| e.id == "2259111").unwrap();
            (e.body.clone(), e.plain_text())
        };
        let (ld_body, ld_text) = council(&ld);
        assert_eq!(ld_body.len(), 1);
        assert!(!ld_text.contains("Libraries"));
        let (body, text) = council(&page);
        assert!(matches!(
            body[..],
            [
                Block::Paragraph { .. },
                Block::Paragraph { .. },
                Block::List { .. }
            ]
        ));
        assert!(text.contains("• Libraries will return to a “click and collect” system."));
        // Tweets and stories the page fills in by script are links, where the JSON-LD has nothing.
        let embed = |id: &str| {
            let e = page.entries.iter().find(|e| e.id == id).unwrap();
            match &e.body[..] {
                [Block::Embed(x)] => (x.kind.clone(), x.url.clone().unwrap_or_default()),
                other => panic!("{id}: {other:?}"),
            }
        };
        assert_eq!(
            embed("2258359"),
            (
                "Tweet".to_string(),
                "https://twitter.com/iyerscafe/status/1313412157279797248".to_string()
            )
        );
        assert_eq!(
            embed("2258480"),
            (
                "Link".to_string(),
                "https://www.corkbeo.ie/news/local-news/popular-cork-city-pub-idle-19058158"
                    .to_string()
            )
        );
        assert!(
            ld.entries
                .iter()
                .filter(|e| ["2258359", "2258480"].contains(&e.id.as_str()))
                .all(|e| e.body.is_empty())
        );
        let goodnight = &page.entries[0].body;
        assert_eq!(goodnight.len(), 3, "{goodnight:?}");
        // Who wrote each post, as the page names them; the JSON-LD names one author for all.
        let by =
            |b: &LiveBlog, name: &str| b.entries.iter().filter(|e| e.authors == [name]).count();
        assert_eq!(by(&ld, "Gavin O'Callaghan"), 26);
        assert_eq!(by(&page, "Frances Watkins"), 10);
        assert_eq!(by(&page, "Gavin O'Callaghan"), 16);
        // The key event's head reads "KEY EVENT" where the others name the writer: a flag, not a
        // name.
        let key: Vec<_> = page.entries.iter().filter(|e| e.key_event).collect();
        assert_eq!(key.len(), 1);
        assert_eq!(key[0].id, "2258956");
        assert_eq!(key[0].authors, ["Gavin O'Callaghan"]);
        assert_eq!(page.key_events.len(), 1);
        assert_eq!(page.key_events[0].entry_id.as_deref(), Some("2258956"));
        assert_eq!(
            page.key_events[0].title,
            "Coronavirus Ireland: One death and 432 new cases"
        );
        assert!(ld.key_events.is_empty() && ld.entries.iter().all(|e| !e.key_event));
    }

    /// Two Cork Beo posts are only a link to a story, its words those of the headline: the
    /// link stays, on the page and in its JSON-LD, so the reader has something to open.
    #[test]
    fn cork_beo_posts_that_are_a_link_under_the_same_headline_keep_the_link() {
        let page = fixture("html/corkbeo-level-3-live-2020-10-06.html");
        let ld = fixture("jsonld/corkbeo-level-3-live-2020-10-06.ld.json");
        let story =
            "https://www.corkbeo.ie/news/local-news/coronavirus-ireland-one-death-432-19060923";
        for b in [&page, &ld] {
            let e = b.entries.iter().find(|e| e.id == "2258956").unwrap();
            let headline = "Coronavirus Ireland: One death and 432 new cases";
            assert_eq!(e.title.as_deref(), Some(headline));
            let link = Inline {
                text: headline.into(),
                link: Some(story.into()),
                ..Inline::default()
            };
            assert_eq!(e.body, [Block::Paragraph { runs: vec![link] }]);
            let visiting = b.entries.iter().find(|e| e.id == "2258894").unwrap();
            let links: Vec<_> = visiting
                .body
                .iter()
                .flat_map(|b| match b {
                    Block::Paragraph { runs } => runs.clone(),
                    _ => Vec::new(),
                })
                .filter_map(|r| r.link)
                .collect();
            assert_eq!(links.len(), 1, "{:?}", visiting.body);
        }
    }

    #[test]
    fn a_post_holding_the_updates_words_is_read_as_the_page_shows_it() {
        let b = read(&page(
            r#"<div id="p1" data-type="key-event"><div><time>09:00</time><mark>Ann Lee</mark></div>
            <div><h3>Head</h3><p>One.</p><ul><li>Listed</li></ul><p>Two.</p></div></div>"#,
        ));
        let e = &b.entries[0];
        assert_eq!(e.id, "p1");
        assert_eq!(e.title.as_deref(), Some("Head"));
        assert_eq!(e.plain_text(), "One.\n\n• Listed\n\nTwo.");
        assert_eq!(e.authors, ["Ann Lee"]);
        assert!(e.key_event);
        assert_eq!(b.key_events[0].title, "Head");
    }

    #[test]
    fn a_post_named_by_its_anchor_rather_than_its_update_id_is_read_and_keeps_its_key_event() {
        // The update's `@id` is `p1`, its address `#block-p1`, the post's `id` the anchor's.
        let ld = page("").replace(
            r#""@type":"BlogPosting","#,
            r#""@type":"BlogPosting","@id":"p1","#,
        );
        let ld = ld.replace("blog#p1", "blog#block-p1");
        let shown = r#"<article id="block-p1" class="block key-event"><h2>Head</h2>
            <p><time>09:00</time> · by Ann Lee</p><p>One. Two.</p></article>"#;
        let b = read(&ld.replace("<body></body>", &format!("<body>{shown}</body>")));
        let e = &b.entries[0];
        assert_eq!(e.id, "p1");
        assert!(e.key_event, "{e:?}");
        assert_eq!(e.authors, ["Ann Lee"]);
        assert_eq!(b.key_events[0].entry_id.as_deref(), Some("p1"));
    }

    #[test]
    fn an_element_that_does_not_hold_the_updates_words_leaves_it_as_the_json_ld_gives_it() {
        let plain = read(&page(""));
        assert_eq!(plain.entries[0].plain_text(), "One. Two.");
        assert_eq!(plain.entries[0].authors, ["Desk"]);
        for other in [
            r#"<div id="p1"><time>09:00</time><mark>Ann Lee</mark><p>Two. One.</p></div>"#,
            r#"<div id="p1" class="key-event"><p>One.</p></div>"#,
            r#"<a id="p1"></a><p>Head</p><p>One. Two.</p>"#,
        ] {
            assert_eq!(read(&page(other)), plain, "{other}");
        }
    }

    #[test]
    fn an_element_holding_another_updates_post_is_not_a_post() {
        let two = r#"<html><head><script type="application/ld+json">
            {"@type":"LiveBlogPosting","headline":"Blog","url":"https://x.test/blog",
              "liveBlogUpdate":[
                {"headline":"A","url":"https://x.test/blog#a","articleBody":"First.",
                 "datePublished":"2024-05-02T09:00:00Z"},
                {"headline":"B","url":"https://x.test/blog#b","articleBody":"Second.",
                 "datePublished":"2024-05-02T10:00:00Z"}]}
            </script></head><body><div id="a"><div id="b"><h3>B</h3><p>Second.</p>
            <ul><li>Listed</li></ul></div><p>A</p><p>First.</p></div></body></html>"#;
        let b = read(two);
        let text = |id: &str| {
            let e = b.entries.iter().find(|e| e.id == id).unwrap();
            e.plain_text()
        };
        assert_eq!(text("b"), "Second.\n\n• Listed");
        assert_eq!(text("a"), "First.");
    }

    #[test]
    fn an_embed_left_for_scripts_is_a_link_only_after_the_posts_text() {
        let embeds = |post: &str| {
            read(&page(post)).entries[0]
                .body
                .iter()
                .filter_map(|b| match b {
                    Block::Embed(e) => Some((e.kind.clone(), e.url.clone().unwrap_or_default())),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let tweet = r#"<div class="tweet" data-url="https://x.com/a/status/1"></div>"#;
        assert_eq!(
            embeds(&format!(
                r#"<div id="p1"><h3>Head</h3><p>One. Two.</p>{tweet}</div>"#
            )),
            [("Tweet".to_string(), "https://x.com/a/status/1".to_string())]
        );
        // Text after it: where it goes among the blocks is not known, so it is left out.
        assert!(
            embeds(&format!(
                r#"<div id="p1"><p>One.</p>{tweet}<p>Two.</p></div>"#
            ))
            .is_empty()
        );
        // Not empty, or no web address: not a placeholder.
        for other in [
            r#"<div data-url="https://x.test/s">Shown</div>"#,
            r#"<div data-url="javascript:alert(1)"></div>"#,
        ] {
            let post = format!(r#"<div id="p1"><p>One. Two.</p>{other}</div>"#);
            assert!(embeds(&post).is_empty(), "{other}");
        }
    }

    #[test]
    fn a_label_beside_the_time_is_no_byline() {
        let b = read(&page(
            r#"<div id="p1"><p><time>09:00</time> KEY EVENT</p><p>One. Two.</p></div>"#,
        ));
        assert_eq!(b.entries[0].authors, ["Desk"]);
        assert_eq!(b.entries[0].plain_text(), "One. Two.");
    }

    #[test]
    fn words_are_found_in_order_white_space_aside() {
        assert!(holds_in_order("One.\nx\nTwo.", "One. Two."));
        assert!(holds_in_order("a b", "> a"));
        assert!(!holds_in_order("Two. One.", "One. Two."));
        assert!(!holds_in_order("One.", "One. Two."));
    }
}
