use super::*;
use crate::blog::{Embed, Entry, Image, KeyEvent, LiveBlog};
use crate::formats::{self, Format};
use crate::serve::timeline::{ReplayOptions, Timeline};
use scraper::{Html, Selector};
use serde_json::json;
use std::time::Duration;

const NASTY: &str = "Fish & chips <script>alert(\"x\")</script> it's > all";

pub(super) fn site() -> Site {
    Site {
        base: "http://127.0.0.1:9".into(),
        page_path: "/world/live/2025/feb/17/test-blog".into(),
    }
}

pub(super) fn origin() -> Timestamp {
    "2025-02-17T12:00:00Z".parse().unwrap()
}

/// The bundled seed at the end of its replay (edited, one entry deleted, ended).
fn seed_snapshot() -> Snapshot {
    let blog = formats::parse(crate::source::BUNDLED.as_bytes()).unwrap();
    let opts = ReplayOptions {
        origin: Some(origin()),
        ..ReplayOptions::paced(Duration::from_secs(10))
    };
    let t = Timeline::new(blog, &opts);
    t.at(t.ends_at())
}

/// A timed blog using every block variant, flags, authors and text that needs escaping.
#[expect(
    clippy::too_many_lines,
    reason = "one literal blog, easier to read whole"
)]
pub(super) fn rich_blog() -> LiveBlog {
    let runs = vec![
        Inline::plain("Plain "),
        Inline {
            text: "bold".into(),
            bold: true,
            ..Inline::default()
        },
        Inline::plain(" and "),
        Inline {
            text: "a link".into(),
            italic: true,
            link: Some("https://example.com/?a=1&b=2".into()),
            ..Inline::default()
        },
        Inline::plain(", "),
        Inline {
            text: "struck".into(),
            strike: true,
            ..Inline::default()
        },
    ];
    let mut body = vec![
        Block::Paragraph { runs },
        Block::text(NASTY),
        Block::Heading {
            runs: vec![Inline::plain("A heading")],
        },
        Block::Quote {
            paragraphs: vec![vec![Inline::plain("Quoted & said")]],
            attribution: Some("Someone <important>".into()),
            level: 0,
        },
        Block::list(
            false,
            vec![vec![Inline::plain("one")], vec![Inline::plain("two")]],
        ),
        Block::list(true, vec![vec![Inline::plain("first")]]),
        Block::text("Standings:"),
        // A numbered list from 3 with a list nested in its first item, and one in that.
        Block::List {
            ordered: true,
            items: vec![vec![Inline::plain("Alpha")]],
            start: 3,
            level: 0,
            numerals: crate::blog::Numerals::Decimal,
            reversed: false,
            continued: false,
        },
        Block::List {
            ordered: false,
            items: vec![vec![Inline::plain("seats")], vec![Inline::plain("votes")]],
            start: 1,
            level: 1,
            numerals: crate::blog::Numerals::Decimal,
            reversed: false,
            continued: false,
        },
        Block::List {
            ordered: true,
            items: vec![vec![Inline::plain("up")]],
            start: 1,
            level: 2,
            numerals: crate::blog::Numerals::Decimal,
            reversed: false,
            continued: false,
        },
        Block::List {
            ordered: true,
            items: vec![vec![Inline::plain("Beta")]],
            start: 4,
            level: 0,
            numerals: crate::blog::Numerals::Decimal,
            reversed: false,
            continued: false,
        },
        // Its items numbered anew (`<li value="9">`), then one without a number and one
        // numbered again: the same list still.
        Block::List {
            ordered: true,
            items: vec![vec![Inline::plain("Gamma")], vec![Inline::plain("Delta")]],
            start: 9,
            level: 0,
            numerals: crate::blog::Numerals::Decimal,
            reversed: false,
            continued: true,
        },
        Block::List {
            ordered: true,
            items: vec![vec![Inline::plain("Epsilon")]],
            start: 11,
            level: 0,
            numerals: crate::blog::Numerals::Unmarked,
            reversed: false,
            continued: true,
        },
        Block::List {
            ordered: true,
            items: vec![vec![Inline::plain("Zeta")]],
            start: 12,
            level: 0,
            numerals: crate::blog::Numerals::Decimal,
            reversed: false,
            continued: true,
        },
        // A list without markers (`list-style-type: none`).
        Block::List {
            ordered: false,
            items: vec![vec![Inline::plain("plain")], vec![Inline::plain("lines")]],
            start: 1,
            level: 0,
            numerals: crate::blog::Numerals::Unmarked,
            reversed: false,
            continued: false,
        },
        Block::Image(Box::new(Image {
            url: Some("https://img.example/1.jpg".into()),
            caption: "A caption".into(),
            alt: "Alt \"text\"".into(),
            credit: "Photograph: Someone".into(),
        })),
        // Kinds are the readable names the parsers give ("Tweet", "Link", "Video"…): typed
        // formats carry the element type, not how its name was spelled.
        Block::Embed(Box::new(Embed {
            kind: "Tweet".into(),
            title: "A tweet".into(),
            url: Some("https://x.example/1".into()),
        })),
        Block::Code {
            text: "let a = b < c && d;".into(),
        },
        Block::Rule,
    ];
    // Lists numbered otherwise and a table, before the image.
    let at = body
        .iter()
        .position(|b| matches!(b, Block::Image(_)))
        .unwrap_or(0);
    body.splice(at..at, rich::blocks());
    let entries = vec![
        Entry {
            id: "e3".into(),
            title: Some("Summary so far".into()),
            published: Stamp::parse("2025-02-17T13:30:00+01:00"),
            summary: true,
            body: vec![Block::text("Short summary.")],
            ..Entry::default()
        },
        Entry {
            id: "e2".into(),
            title: Some("Key moment".into()),
            published: Stamp::parse("2025-02-17T13:20:00+01:00"),
            updated: Stamp::parse("2025-02-17T13:25:00+01:00"),
            authors: vec!["Anna Smith".into(), "Bo Li".into()],
            key_event: true,
            body,
            ..Entry::default()
        },
        Entry {
            id: "e1".into(),
            title: None,
            published: Stamp::parse("2025-02-17T13:10:00+01:00"),
            pinned: true,
            body: vec![Block::text("Pinned post.")],
            ..Entry::default()
        },
        Entry {
            id: "e0".into(),
            published: Stamp::parse("2025-02-17T13:00:00+01:00"),
            authors: vec!["Anna Smith".into()],
            body: vec![Block::text("Opening.")],
            ..Entry::default()
        },
    ];
    LiveBlog {
        title: "Rich & <test> blog".into(),
        standfirst: "What's going on & why".into(),
        entries,
        key_events: vec![
            KeyEvent {
                title: "Key moment".into(),
                entry_id: Some("e2".into()),
                published: None,
            },
            KeyEvent {
                title: "Earlier, not loaded".into(),
                ..KeyEvent::default()
            },
        ],
        ..LiveBlog::default()
    }
}

/// The rich blog fully revealed but still live (the replay has an edit pending).
pub(super) fn rich_snapshot() -> Snapshot {
    let opts = ReplayOptions {
        origin: Some(origin()),
        initial: 10,
        edit_after: Some(Duration::from_secs(60)),
        delete_after: None,
        ..ReplayOptions::default()
    };
    Timeline::new(rich_blog(), &opts).at(Duration::ZERO)
}

/// `want` in the order every parser gives: the rich blog has its pinned post among the
/// others, and a reader puts it first.
pub(super) fn as_read(want: &LiveBlog) -> LiveBlog {
    let mut want = want.clone();
    crate::blog::merge::pinned_first(&mut want.entries);
    want
}

/// Entry by entry: ids, titles, text, flags and (when asked) first-published instants.
fn assert_same_entries(got: &LiveBlog, want: &LiveBlog, times: bool) {
    let want = as_read(want);
    let ids = |b: &LiveBlog| b.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(got), ids(&want));
    for (g, w) in got.entries.iter().zip(&want.entries) {
        assert_eq!(g.title, w.title, "title of {}", w.id);
        assert_eq!(g.plain_text(), w.plain_text(), "text of {}", w.id);
        assert_eq!(g.key_event, w.key_event, "key event {}", w.id);
        assert_eq!(g.authors, w.authors, "authors of {}", w.id);
        if times {
            assert_eq!(
                g.published.map(|t| t.instant()),
                w.published.map(|t| t.instant()),
                "published of {}",
                w.id
            );
        }
    }
}

pub(super) fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

#[test]
fn escaping_covers_the_five_characters_and_drops_what_xml_forbids() {
    assert_eq!(
        escape("a & b < c > d \" e ' f"),
        "a &amp; b &lt; c &gt; d &quot; e &#39; f"
    );
    assert_eq!(escape("x\u{1}y\u{fffe}\tz\n"), "xy\tz\n");
}

/// A quote in a quote is written inside as many quotes, so that it reads back as deep.
#[test]
fn a_quote_in_a_quote_reads_back_as_deep() {
    let quote = |level: u8, text: &str| Block::Quote {
        paragraphs: vec![vec![Inline::plain(text)]],
        attribution: Some("Z".into()),
        level,
    };
    let body = vec![quote(0, "A"), quote(2, "B"), quote(1, "C"), quote(0, "D")];
    let html = blocks_to_html(&body);
    assert!(
        html.contains("<blockquote><blockquote><blockquote><p>B</p>"),
        "{html}"
    );
    assert_eq!(crate::formats::html::to_blocks(&html), body);
}

#[test]
fn blocks_to_html_renders_every_variant() {
    let blog = rich_blog();
    let html = blocks_to_html(&blog.entries[1].body);
    let doc = Html::parse_fragment(&html);
    for sel in [
        "p > strong",
        "p > s",
        "table > thead > tr > th",
        "table > tbody > tr > td > a",
        "ol[reversed][start='12'][type='I']",
        "a[href='https://example.com/?a=1&b=2'] > em",
        "h3",
        "blockquote > p",
        "blockquote cite",
        "ul > li",
        "ol > li",
        "figure > img[src='https://img.example/1.jpg'][alt='Alt \"text\"']",
        "figcaption .element-image__caption",
        "figcaption .element-image__credit",
        "figure.element-tweet > a[href='https://x.example/1']",
        "pre > code",
        "hr",
    ] {
        let s = Selector::parse(sel).unwrap();
        assert!(doc.select(&s).next().is_some(), "{sel} in {html}");
    }
    assert!(!html.contains("<script"), "{html}");
    let p = Selector::parse("p").unwrap();
    let texts: Vec<String> = doc.select(&p).map(|e| e.text().collect()).collect();
    assert!(texts.contains(&NASTY.to_string()), "{texts:?}");
    let code = Selector::parse("code").unwrap();
    let code: String = doc.select(&code).next().unwrap().text().collect();
    assert_eq!(code, "let a = b < c && d;");
}

#[test]
fn links_that_are_not_web_links_are_written_as_text() {
    let b = Block::Paragraph {
        runs: vec![Inline {
            text: "click".into(),
            link: Some("javascript:alert(1)".into()),
            ..Inline::default()
        }],
    };
    assert_eq!(blocks_to_html(&[b]), "<p>click</p>");
}

#[test]
fn every_output_is_sniffed_as_its_format() {
    let snap = rich_snapshot();
    let s = site();
    for (doc, format) in [
        (guardian_page(&snap, &s), Format::GuardianPage),
        (capi_item(&snap, &s, None), Format::Capi),
        (html_page(&snap, &s), Format::SchemaOrg),
        (rss(&snap, &s), Format::Feed),
        (native(&snap, &site()), Format::Native),
        (text(&snap), Format::Text),
    ] {
        assert_eq!(formats::sniff(doc.as_bytes()).unwrap(), format);
    }
}

#[test]
fn text_round_trips_the_seed() {
    let snap = seed_snapshot();
    let back = formats::parse(text(&snap).as_bytes()).unwrap();
    assert_eq!(back.title, snap.blog.title);
    assert_eq!(back.standfirst, snap.blog.standfirst);
    assert_same_entries(&back, &snap.blog, true);
    let titles =
        |b: &LiveBlog| -> Vec<String> { b.key_events.iter().map(|k| k.title.clone()).collect() };
    assert_eq!(titles(&back), titles(&snap.blog));
    assert!(
        back.entries
            .iter()
            .any(|e| e.plain_text().ends_with(crate::serve::timeline::EDIT_NOTE))
    );
}

#[test]
fn text_round_trips_the_seed_at_every_step_of_its_replay() {
    let blog = formats::parse(crate::source::BUNDLED.as_bytes()).unwrap();
    let t = Timeline::new(blog, &ReplayOptions::paced(Duration::from_secs(10)));
    for step in 0..30 {
        let snap = t.at(Duration::from_secs(10 * step));
        let back = formats::parse(text(&snap).as_bytes()).unwrap();
        assert_same_entries(&back, &snap.blog, true);
    }
}

#[test]
fn native_round_trips_without_loss() {
    for snap in [seed_snapshot(), rich_snapshot()] {
        let back = formats::parse(native(&snap, &site()).as_bytes()).unwrap();
        let mut want = snap.blog.clone();
        want.url = Some("http://127.0.0.1:9/world/live/2025/feb/17/test-blog".into());
        assert_eq!(back, as_read(&want));
    }
}

#[test]
fn guardian_page_has_the_fixture_structure() {
    let snap = rich_snapshot();
    let v = json(&guardian_page(&snap, &site()));
    assert_eq!(v["headline"], "Rich & <test> blog");
    assert_eq!(v["standfirst"], "<p>What&#39;s going on &amp; why</p>");
    assert_eq!(
        v["webURL"],
        "http://127.0.0.1:9/world/live/2025/feb/17/test-blog"
    );
    assert_eq!(v["pageId"], "world/live/2025/feb/17/test-blog");
    assert_eq!(v["mostRecentBlockId"], "block-e3");
    assert_eq!(v["pagination"]["currentPage"], 1);
    assert_eq!(v["config"]["isLive"], true);
    assert_eq!(v["format"]["design"], "LiveBlogDesign");
    let blocks = v["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 4);
    let b = &blocks[1];
    assert_eq!(b["id"], "e2");
    assert_eq!(b["title"], "Key moment");
    assert_eq!(b["attributes"]["keyEvent"], true);
    assert_eq!(b["attributes"]["pinned"], false);
    assert_eq!(b["attributes"]["summary"], false);
    let first = Stamp::parse("2025-02-17T13:20:00+01:00")
        .unwrap()
        .as_millis();
    let last = Stamp::parse("2025-02-17T13:25:00+01:00")
        .unwrap()
        .as_millis();
    assert_eq!(b["blockFirstPublished"], first);
    assert_eq!(b["blockCreatedOn"], first);
    assert_eq!(b["blockLastUpdated"], last);
    assert_eq!(b["contributors"][0]["name"], "Anna Smith");
    let el = &b["elements"][0];
    assert_eq!(el["_type"], TEXT_ELEMENT);
    assert!(el["html"].as_str().unwrap().starts_with("<p>Plain "));
    assert!(
        b["elements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["_type"] == IMAGE_ELEMENT && e["data"]["credit"] == "Photograph: Someone")
    );
    assert_eq!(blocks[2]["title"], Value::Null);
    assert_eq!(v["pinnedPost"]["id"], "e1");
    let key: Vec<&str> = v["keyEvents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["title"].as_str().unwrap())
        .collect();
    assert_eq!(key, ["Key moment", "Earlier, not loaded", "Summary so far"]);
    assert_eq!(v["linkedData"][0]["@type"], "LiveBlogPosting");
}

#[test]
fn an_ended_blog_says_so_in_every_format() {
    let snap = seed_snapshot();
    let s = site();
    let g = json(&guardian_page(&snap, &s));
    assert_eq!(g["config"]["isLive"], false);
    assert_eq!(g["format"]["design"], "DeadBlogDesign");
    let c = json(&capi_item(&snap, &s, None));
    assert_eq!(c["response"]["content"]["fields"]["liveBloggingNow"], false);
    assert_eq!(json(&native(&snap, &site()))["live"], false);
    let page = html_page(&snap, &s);
    assert!(page.contains("coverageEndTime"));
    // A timeless blog is dated by the replay: its last change was the deletion.
    let last = snap.last_modified;
    assert_eq!(
        c["response"]["content"]["fields"]["lastModified"],
        iso_utc(last)
    );
}

#[test]
fn capi_item_has_the_fixture_structure() {
    let snap = rich_snapshot();
    let v = json(&capi_item(&snap, &site(), None));
    let r = &v["response"];
    assert_eq!(r["status"], "ok");
    let c = &r["content"];
    assert_eq!(c["webTitle"], "Rich & <test> blog");
    assert_eq!(c["type"], "liveblog");
    assert_eq!(
        c["webUrl"],
        "http://127.0.0.1:9/world/live/2025/feb/17/test-blog"
    );
    assert_eq!(c["fields"]["headline"], "Rich & <test> blog");
    assert_eq!(c["fields"]["liveBloggingNow"], true);
    assert_eq!(c["fields"]["lastModified"], "2025-02-17T12:30:00Z");
    let body = c["blocks"]["body"].as_array().unwrap();
    assert_eq!(body.len(), 4);
    let b = &body[1];
    assert_eq!(b["id"], "e2");
    assert_eq!(b["title"], "Key moment");
    assert_eq!(b["attributes"]["keyEvent"], true);
    assert_eq!(b["attributes"].get("pinned"), None);
    assert_eq!(b["firstPublishedDate"], "2025-02-17T12:20:00Z");
    assert_eq!(b["lastModifiedDate"], "2025-02-17T12:25:00Z");
    assert_eq!(b["contributors"], json!(["Anna Smith", "Bo Li"]));
    assert!(b["bodyTextSummary"].as_str().unwrap().contains(NASTY));
    assert!(b["bodyHtml"].as_str().unwrap().contains("&lt;script&gt;"));
    assert_eq!(b["elements"][0]["type"], "text");
    assert_eq!(body[0]["attributes"]["summary"], true);
    assert_eq!(body[2]["attributes"]["pinned"], true);
    assert_eq!(body[3].get("title"), None);
}

#[test]
fn capi_honours_latest_published_since_and_around() {
    let snap = rich_snapshot();
    let ids = |v: &Value, key: &str| -> Vec<String> {
        let list = if key == "body" {
            &v["response"]["content"]["blocks"]["body"]
        } else {
            &v["response"]["content"]["blocks"]["requestedBodyBlocks"][key]
        };
        list.as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_str().unwrap().to_string())
            .collect()
    };
    let v = json(&capi_item(&snap, &site(), Some("body:latest:2")));
    assert_eq!(ids(&v, "body:latest:2"), ["e3", "e2"]);
    assert_eq!(ids(&v, "body"), ["e3", "e2"]);
    assert_eq!(v["response"]["content"]["blocks"]["totalBodyBlocks"], 4);
    let since = Stamp::parse("2025-02-17T13:25:00+01:00")
        .unwrap()
        .as_millis();
    let spec = format!("body:published-since:{since}");
    let v = json(&capi_item(&snap, &site(), Some(&spec)));
    assert_eq!(ids(&v, &spec), ["e3", "e2"]);
    let v = json(&capi_item(&snap, &site(), Some("main,body:key-events")));
    assert_eq!(ids(&v, "body"), ["e3", "e2", "e1", "e0"]);
    assert_eq!(ids(&v, "body:key-events"), ["e2"]);
    let v = json(&capi_item(&snap, &site(), Some("body:around:e2:1")));
    assert_eq!(ids(&v, "body:around:e2:1"), ["e3", "e2", "e1"]);
    let v = json(&capi_item(&snap, &site(), Some("body:around:e0")));
    assert_eq!(ids(&v, "body:around:e0"), ["e3", "e2", "e1", "e0"]);
    let v = json(&capi_item(&snap, &site(), Some("body:around:gone:5")));
    assert_eq!(ids(&v, "body"), Vec::<String>::new());
    let v = json(&capi_item(&snap, &site(), Some("nonsense:1:2")));
    assert_eq!(ids(&v, "body").len(), 4);
}

#[test]
fn html_page_has_one_json_ld_live_blog_posting_and_a_readable_body() {
    let snap = rich_snapshot();
    let page = html_page(&snap, &site());
    let doc = Html::parse_document(&page);
    let ld = Selector::parse("script[type='application/ld+json']").unwrap();
    let scripts: Vec<_> = doc.select(&ld).collect();
    assert_eq!(scripts.len(), 1);
    let all_scripts = Selector::parse("script").unwrap();
    assert_eq!(
        doc.select(&all_scripts).count(),
        1,
        "no script from content"
    );
    let v = json(&scripts[0].text().collect::<String>());
    assert_eq!(v["@type"], "LiveBlogPosting");
    assert_eq!(v["headline"], "Rich & <test> blog");
    assert_eq!(v["description"], "What's going on & why");
    assert_eq!(
        v["url"],
        "http://127.0.0.1:9/world/live/2025/feb/17/test-blog"
    );
    assert_eq!(v["coverageStartTime"], "2025-02-17T12:00:00Z");
    assert_eq!(v.get("coverageEndTime"), None, "still live");
    assert_eq!(
        v["dateModified"], "2025-02-17T12:30:00Z",
        "the newest entry"
    );
    let u = &v["liveBlogUpdate"][1];
    assert_eq!(u["@id"], "e2");
    assert_eq!(u["headline"], "Key moment");
    assert_eq!(u["datePublished"], "2025-02-17T13:20:00+01:00");
    assert_eq!(u["dateModified"], "2025-02-17T13:25:00+01:00");
    assert_eq!(u["author"][1]["name"], "Bo Li");
    assert!(u["articleBody"].as_str().unwrap().contains(&escape(NASTY)));
    assert_eq!(v["liveBlogUpdate"][3].get("headline"), None);

    let h1 = Selector::parse("h1").unwrap();
    let h1: String = doc.select(&h1).next().unwrap().text().collect();
    assert_eq!(h1, "Rich & <test> blog");
    let art = Selector::parse("article#block-e2.key-event h2").unwrap();
    assert!(doc.select(&art).next().is_some());
    let nav = Selector::parse("nav.key-events a[href='#block-e2']").unwrap();
    assert!(doc.select(&nav).next().is_some());
}

#[test]
fn rss_is_a_valid_feed_with_one_item_per_entry() {
    let snap = rich_snapshot();
    let xml = rss(&snap, &site());
    let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
    assert_eq!(feed.title.unwrap().content, "Rich & <test> blog");
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["e3", "e2", "e1", "e0"]);
    let e2 = &feed.entries[1];
    assert_eq!(e2.title.as_ref().unwrap().content, "Key moment");
    assert_eq!(
        e2.published.unwrap().timestamp(),
        Stamp::parse("2025-02-17T13:20:00+01:00")
            .unwrap()
            .instant()
            .as_second()
    );
    let html = &e2.summary.as_ref().unwrap().content;
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(e2.categories.iter().any(|c| c.term == "key-event"));
    assert!(xml.contains("<pubDate>Mon, 17 Feb 2025 13:20:00 +0100</pubDate>"));
    assert!(feed.entries[3].title.is_none());
}

#[test]
fn timeless_entries_are_dated_by_their_reveal_where_a_format_needs_a_date() {
    let snap = seed_snapshot();
    let xml = rss(&snap, &site());
    let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
    // The oldest of the three initial entries: two paces (of 10 s) before the start.
    let oldest = feed.entries.last().unwrap();
    assert_eq!(
        oldest.published.unwrap().timestamp(),
        origin().as_second() - 20
    );
    let g = json(&guardian_page(&snap, &site()));
    let last = g["blocks"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        last["blockFirstPublished"],
        origin().as_millisecond() - 20_000
    );
    let back = formats::parse(native(&snap, &site()).as_bytes()).unwrap();
    assert!(back.entries.iter().all(|e| e.published.is_none()));
}

/// What of an entry's flags each format carries.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Flags {
    All,
    /// The plain-text form marks key events by their place in the "Key events" list, and
    /// carries no other flag.
    KeyEvents,
}

mod key_events;
/// Whole replays read back, and what they write of times.
mod replays;
mod rich;
/// One document of each format read back: the entries, bodies, updates and flags it carries.
mod round_trips;
