//! The Guardian formats on their real fixtures, and on hostile input.
//!
//! Figures asserted here were counted in the fixture files with jq (see
//! `tests/fixtures/PROVENANCE.md`), not taken from the parser's output.

use liveblog::blog::{Block, Embed, Image, LiveBlog, LiveState};
use liveblog::formats::{self, Format, FormatError};

const PAGE: &[u8] =
    include_bytes!("fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json");
const CAPI: &[u8] =
    include_bytes!("fixtures/guardian-capi/capi-item-example-liveblog-code-2015.json");

fn page() -> LiveBlog {
    formats::parse(PAGE).expect("the page fixture parses")
}

fn capi() -> LiveBlog {
    formats::parse(CAPI).expect("the CAPI fixture parses")
}

fn count(blog: &LiveBlog, f: impl Fn(&Block) -> bool) -> usize {
    blog.entries
        .iter()
        .flat_map(|e| e.body.iter())
        .filter(|b| f(b))
        .count()
}

// ---------------------------------------------------------------------------------------------
// Page JSON (`<page>.json?dcr`)

#[test]
fn both_fixtures_are_sniffed_to_their_guardian_parsers() {
    assert_eq!(formats::sniff(PAGE).unwrap(), Format::GuardianPage);
    assert_eq!(formats::sniff(CAPI).unwrap(), Format::Capi);
    assert_eq!(
        formats::parse_with_format(PAGE).unwrap().1,
        Format::GuardianPage
    );
    assert_eq!(formats::parse_with_format(CAPI).unwrap().1, Format::Capi);
}

fn with_bom(doc: &[u8]) -> Vec<u8> {
    [b"\xEF\xBB\xBF".as_slice(), doc].concat()
}

#[test]
fn a_bom_before_guardian_page_json_is_skipped() {
    assert_eq!(
        formats::parse_with_format(&with_bom(PAGE)).unwrap(),
        (page(), Format::GuardianPage)
    );
}

#[test]
fn a_bom_before_content_api_json_is_skipped() {
    assert_eq!(
        formats::parse_with_format(&with_bom(CAPI)).unwrap(),
        (capi(), Format::Capi)
    );
}

#[test]
fn page_json_gives_the_blog_headline_standfirst_url_and_pagination() {
    let blog = page();
    assert_eq!(
        blog.title,
        "Rishi Sunak and Keir Starmer clash over homelessness and the UK economy at PMQs – as it happened"
    );
    assert_eq!(
        blog.standfirst,
        "The prime minister faced PMQs for the final time before the Christmas recess"
    );
    assert_eq!(
        blog.url.as_deref(),
        Some(
            "https://www.theguardian.com/politics/live/2023/dec/13/james-cleverly-rwanda-bill-immigration-asylum-rishi-sunak-keir-starmer-pmqs-politics-live-latest"
        )
    );
    assert_eq!(
        blog.older.as_deref(),
        Some("?page=with:block-6579c37e8f08e3b7ab1a2fd6")
    );
    // openGraphData "article:modified_time".
    assert_eq!(
        blog.updated.map(|u| u.to_string()).as_deref(),
        Some("2023-12-13T17:35:52Z")
    );
    // The fixture generator forced `format.design` to LiveBlogDesign and put in a config of
    // another page; the blog had ended, as its headline ("– as it happened") says.
    assert_eq!(blog.state, LiveState::Ended);
}

#[test]
fn page_json_has_the_eleven_blocks_of_page_one_plus_the_pinned_post() {
    let blog = page();
    assert_eq!(blog.entries.len(), 12);
    let pinned: Vec<_> = blog.entries.iter().filter(|e| e.pinned).collect();
    assert_eq!(pinned.len(), 1);
    assert_eq!(pinned[0].id, "6579a60c8f08c4c875ceac82");
    assert_eq!(pinned[0].title.as_deref(), Some("PMQs – snap verdict"));
    assert!(pinned[0].key_event);
    // 13:24:43, older than every block of page 1, yet first: the Guardian shows its pinned
    // post at the top of the first page, above the newest entry.
    assert_eq!(blog.entries[0].id, "6579a60c8f08c4c875ceac82");
    assert_eq!(
        pinned[0].published.unwrap().to_string(),
        "2023-12-13T13:24:43Z"
    );
    let times: Vec<_> = blog.entries[1..]
        .iter()
        .map(|e| e.time().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(
        blog.entries[1..]
            .iter()
            .all(|e| e.time() > blog.entries[0].time())
    );
}

#[test]
fn page_json_entries_carry_ids_titles_flags_and_times() {
    let blog = page();
    // The newest entry, just below the pinned post.
    let first = &blog.entries[1];
    assert_eq!(first.id, "6579e3a48f08e3b7ab1a3236");
    assert_eq!(first.title.as_deref(), Some("Afternoon summary"));
    assert!(first.summary && !first.key_event && !first.pinned);
    // blockFirstPublished 1702488340000 and blockLastUpdated 1702488951000, epoch ms in UTC.
    let published = first.published.unwrap();
    assert_eq!(published.to_string(), "2023-12-13T17:25:40Z");
    assert_eq!(published.offset().seconds(), 0);
    assert_eq!(first.updated.unwrap().to_string(), "2023-12-13T17:35:51Z");
    assert!(first.plain_text().starts_with(
        "• The UK “isn’t being governed” as the Conservative party fights among itself"
    ));

    let last_block = &blog.entries[11];
    assert_eq!(last_block.id, "6579c7638f0839cf977236eb");
    assert_eq!(
        last_block.title.as_deref(),
        Some(
            "Immigration ministers accused of being 'incredibly disrespectful' to home affairs committee by not having answers"
        )
    );
    assert_eq!(
        last_block.published.unwrap().to_string(),
        "2023-12-13T15:14:47Z"
    );
    assert!(last_block.plain_text().starts_with(
        "At the home affairs committee Diana Johnson, the committee chair, is now having a row with Michael Tomlinson"
    ));
    assert!(
        blog.entries[0]
            .plain_text()
            .starts_with("In his memoir Politics on the Edge, the former cabinet minister")
    );

    // 6 of the 11 blocks have a title; 5 are key events and 1 a summary.
    assert_eq!(
        blog.entries[1..]
            .iter()
            .filter(|e| e.title.is_some())
            .count(),
        6
    );
    assert_eq!(blog.entries[1..].iter().filter(|e| e.key_event).count(), 5);
    assert_eq!(blog.entries.iter().filter(|e| e.summary).count(), 1);
    // Every contributors list in the fixture is empty: the page's byline names the writer.
    assert!(blog.entries.iter().all(|e| e.authors == ["Andrew Sparrow"]));
}

#[test]
fn page_json_bodies_keep_images_rich_links_tweets_and_quotes() {
    let blog = page();
    // Page-1 blocks: 2 ImageBlockElements, 1 RichLinkBlockElement; the pinned post adds one
    // TweetBlockElement and one BlockquoteBlockElement.
    assert_eq!(count(&blog, |b| matches!(b, Block::Image(_))), 2);
    let image = blog.entries[1]
        .body
        .iter()
        .find(|b| matches!(b, Block::Image(_)))
        .unwrap();
    assert_eq!(
        image,
        &Block::Image(Box::new(Image {
            url: Some(
                "https://media.guim.co.uk/3b429a39d00a55f5cf3953415bb9df9d5ff41d7b/0_0_4000_2667/1000.jpg"
                    .into()
            ),
            caption: "Keir Starmer at PMQs.".into(),
            alt: "Keir Starmer at PMQs.".into(),
            credit: "Photograph: Jessica Taylor/UK Parliament/Reuters".into(),
        }))
    );

    let links: Vec<_> = blog
        .entries
        .iter()
        .flat_map(|e| e.body.iter())
        .filter(|b| matches!(b, Block::Embed(e) if e.kind == "Link"))
        .collect();
    assert_eq!(
        links,
        vec![&Block::Embed(Box::new(Embed {
            kind: "Link".into(),
            title: "Michael Gove to ease housebuilding targets for councils in England".into(),
            url: Some(
                "https://www.theguardian.com/politics/2023/dec/13/michael-gove-to-ease-housebuilding-targets-for-councils-in-england"
                    .into()
            ),
        }))]
    );

    let pinned = &blog.entries[0];
    let tweet = pinned
        .body
        .iter()
        .find(|b| matches!(b, Block::Embed(e) if e.kind == "Tweet"))
        .expect("the pinned post has a tweet");
    let Block::Embed(e) = tweet else {
        unreachable!()
    };
    let Embed { title, url, .. } = &**e;
    assert_eq!(
        url.as_deref(),
        Some("https://twitter.com/BBCPolitics/status/1734912328703807981")
    );
    assert!(
        title.starts_with("\"140,000 children homeless this Christmas"),
        "{title}"
    );
    assert_eq!(count(&blog, |b| matches!(b, Block::Quote { .. })), 1);

    // Links inside text survive as links.
    assert!(blog.entries[1].body.iter().any(|b| matches!(
        b,
        Block::List { items, .. } if items[0].iter().any(|r| r.link.as_deref()
            == Some("https://www.theguardian.com/politics/2023/dec/13/uk-isnt-being-governed-keir-starmer-tells-sunak"))
    )));
}

#[test]
fn page_json_key_events_span_the_whole_blog_and_link_where_loaded() {
    let blog = page();
    assert_eq!(blog.key_events.len(), 18);
    assert_eq!(blog.key_events[0].title, "Afternoon summary");
    assert_eq!(
        blog.key_events[17].title,
        "James Cleverly rejects claims Rwanda bill at risk of being killed off in Commons votes next year"
    );
    assert_eq!(
        blog.key_events[17].published.unwrap().to_string(),
        "2023-12-13T09:26:46Z"
    );
    // Every key event names its block; 7 of those blocks are loaded (6 on page 1 and the
    // pinned post), the other 11 are on older pages.
    assert!(blog.key_events.iter().all(|k| k.entry_id.is_some()));
    let loaded = blog
        .key_events
        .iter()
        .filter(|k| blog.position(k.entry_id.as_deref().unwrap()).is_some())
        .count();
    assert_eq!(loaded, 7);
    let times: Vec<_> = blog
        .key_events
        .iter()
        .map(|k| k.published.unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

#[test]
fn page_json_with_a_dead_blog_design_is_ended() {
    let json = String::from_utf8(PAGE.to_vec())
        .unwrap()
        .replace("\"LiveBlogDesign\"", "\"DeadBlogDesign\"");
    assert_eq!(
        formats::parse(json.as_bytes()).unwrap().state,
        LiveState::Ended
    );
}

/// A blog its desk has not closed keeps the live design's word: only the closing headline
/// outweighs it.
#[test]
fn page_json_with_a_live_design_and_a_live_headline_is_live() {
    let json = String::from_utf8(PAGE.to_vec())
        .unwrap()
        .replace("at PMQs – as it happened", "at PMQs – live");
    assert_eq!(
        formats::parse(json.as_bytes()).unwrap().state,
        LiveState::Live
    );
}

#[test]
fn page_json_falls_back_to_its_own_config_for_the_live_flag() {
    let j =
        br#"{"pageId":"a/b","config":{"pageId":"a/b","isLive":true},"blocks":[],"keyEvents":[]}"#;
    assert_eq!(formats::parse(j).unwrap().state, LiveState::Live);
    let borrowed = br#"{"pageId":"a/b","config":{"pageId":"x/y","isLive":true},"blocks":[]}"#;
    assert_eq!(formats::parse(borrowed).unwrap().state, LiveState::Unknown);
}

#[test]
fn page_json_pinned_post_already_among_the_blocks_is_not_doubled() {
    let j = br#"{"headline":"H","blocks":[
        {"id":"b2","blockFirstPublished":2000,"attributes":{"pinned":true},"elements":[]},
        {"id":"b1","blockFirstPublished":1000,"elements":[]}],
      "pinnedPost":{"id":"b2","blockFirstPublished":2000,"elements":[]}}"#;
    let blog = formats::parse(j).unwrap();
    assert_eq!(blog.entries.len(), 2);
    assert!(blog.entries[0].pinned);
}

#[test]
fn page_json_pinned_block_listed_below_newer_ones_is_moved_to_the_top() {
    let j = br#"{"headline":"H","blocks":[
        {"id":"b3","blockFirstPublished":3000,"elements":[]},
        {"id":"b2","blockFirstPublished":2000,"attributes":{"pinned":true},"elements":[]},
        {"id":"b1","blockFirstPublished":1000,"elements":[]}],
      "pinnedPost":{"id":"b2","blockFirstPublished":2000,"elements":[]}}"#;
    let ids: Vec<String> = formats::parse(j)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, ["b2", "b3", "b1"]);
}

#[test]
fn the_pinned_post_is_first_in_every_dump_and_still_flagged() {
    use liveblog::dump::{DumpFormat, render};
    for blog in [page(), capi()] {
        let pinned = blog.entries.iter().find(|e| e.pinned).unwrap().id.clone();
        let json: serde_json::Value =
            serde_json::from_str(&render(&blog, DumpFormat::Json)).unwrap();
        assert_eq!(json["entries"][0]["id"], pinned.as_str());
        assert_eq!(json["entries"][0]["pinned"], true);
        let pins = json["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["pinned"] == true)
            .count();
        assert_eq!(pins, 1);
    }
}

#[test]
fn the_pinned_post_heads_the_text_and_markdown_dumps() {
    use liveblog::dump::{DumpFormat, render};
    for format in [DumpFormat::Text, DumpFormat::Markdown] {
        let out = render(&page(), format);
        // Both titles are also in the key-events list above the entries: the last mention
        // of each is its entry.
        let pinned = out.rfind("PMQs – snap verdict").unwrap();
        let newest = out.rfind("Afternoon summary").unwrap();
        assert!(pinned < newest, "{format:?}");
        // Flagged next to its title (before it in text, on the line below in Markdown).
        let flag = out.to_ascii_lowercase()[..newest].rfind("pinned").unwrap();
        assert!(flag.abs_diff(pinned) < 60, "{format:?}");
    }
}

#[test]
fn page_json_blocks_listed_twice_are_one_entry() {
    let j = br#"{"blocks":[{"id":"a","blockFirstPublished":2000},{"id":"a","blockFirstPublished":2000},{"id":"b"}]}"#;
    let ids: Vec<_> = formats::parse(j)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, vec!["a", "b"]);
}

#[test]
fn page_json_key_events_without_id_or_title_are_still_usable() {
    let j = br#"{"blocks":[{"id":"a","title":"Named"}],"keyEvents":[
        {"title":"Named","blockFirstPublished":1702488340000},
        {"id":"z","elements":[{"_type":"model.dotcomrendering.pageElements.TextBlockElement",
          "html":"<p>An untitled key event whose text is long enough to be cut somewhere sensible, at a word boundary</p>"}]},
        {"id":"empty","elements":[]},
        "not an object"]}"#;
    let blog = formats::parse(j).unwrap();
    assert_eq!(blog.key_events.len(), 2);
    // No id: linked to the loaded entry of the same title.
    assert_eq!(blog.key_events[0].entry_id.as_deref(), Some("a"));
    assert_eq!(
        blog.key_events[0].published.unwrap().to_string(),
        "2023-12-13T17:25:40Z"
    );
    assert_eq!(
        blog.key_events[1].title,
        "An untitled key event whose text is long enough to be cut somewhere sensible, at…"
    );
    assert_eq!(blog.key_events[1].entry_id.as_deref(), Some("z"));
}

#[test]
fn relative_links_in_entries_resolve_against_the_blog_address() {
    let page_doc = br#"{"webURL":"https://www.theguardian.com/world/live/2025/feb/17/x","blocks":[{"id":"a","elements":[
        {"_type":"model.dotcomrendering.pageElements.TextBlockElement","html":"<p><a href=\"/world/y\">y</a></p>"},
        {"_type":"model.dotcomrendering.pageElements.RichLinkBlockElement","text":"z","url":"/world/z"}]}]}"#;
    let capi_doc = capi_item(
        "{}",
        r#"{"body":[{"id":"a","bodyHtml":"<p><a href=\"/x/live/y\">y</a></p>"}]}"#,
    );
    let page = formats::parse(page_doc).unwrap();
    let capi = formats::parse(&capi_doc).unwrap();
    let first_link = |b: &LiveBlog| match &b.entries[0].body[0] {
        Block::Paragraph { runs } => runs[0].link.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        first_link(&page).as_deref(),
        Some("https://www.theguardian.com/world/y")
    );
    assert!(matches!(&page.entries[0].body[1], Block::Embed(e)
        if e.url.as_deref() == Some("https://www.theguardian.com/world/z")));
    assert_eq!(
        first_link(&capi).as_deref(),
        Some("https://www.theguardian.com/x/live/y")
    );
}

#[test]
fn page_json_unknown_elements_become_named_embeds() {
    let j = br#"{"headline":"H","blocks":[{"id":"b1","elements":[
        {"_type":"model.dotcomrendering.pageElements.InteractiveAtomBlockElement","url":"https://interactive.guim.co.uk/atoms/x","title":"Results map"},
        {"_type":"model.dotcomrendering.pageElements.CalloutBlockElementV2"},
        {"_type":"model.dotcomrendering.pageElements.YoutubeBlockElement","assetId":"abc_123","mediaTitle":"Clip"},
        {"_type":"model.dotcomrendering.pageElements.PullquoteBlockElement","html":"<p>Said it</p>","attribution":"Someone"},
        {"_type":"model.dotcomrendering.pageElements.TextBlockElement","html":"<p>Words</p>"}
    ]}]}"#;
    let blog = formats::parse(j).unwrap();
    assert_eq!(
        blog.entries[0].body,
        vec![
            Block::Embed(Box::new(Embed {
                kind: "Interactive".into(),
                title: "Results map".into(),
                url: Some("https://interactive.guim.co.uk/atoms/x".into()),
            })),
            Block::Embed(Box::new(Embed {
                kind: "Callout v2".into(),
                title: String::new(),
                url: None,
            })),
            Block::Embed(Box::new(Embed {
                kind: "Video".into(),
                title: "Clip".into(),
                url: Some("https://www.youtube.com/watch?v=abc_123".into()),
            })),
            Block::Quote {
                paragraphs: vec![vec![liveblog::blog::Inline::plain("Said it")]],
                attribution: Some("Someone".into()),
                level: 0,
            },
            Block::text("Words"),
        ]
    );
}

#[test]
fn page_json_quotes_in_a_quote_keep_their_depth() {
    use liveblog::blog::Inline;
    let quote = |level: u8, text: &[&str], by: Option<&str>| Block::Quote {
        paragraphs: text.iter().map(|t| vec![Inline::plain(*t)]).collect(),
        attribution: by.map(Into::into),
        level,
    };
    let j = br#"{"headline":"H","blocks":[{"id":"b1","elements":[
        {"_type":"model.dotcomrendering.pageElements.BlockquoteBlockElement","html":"<blockquote class=\"quoted\"><p>She replied:</p><blockquote><p>We said no.</p></blockquote><p>And left.</p></blockquote>"},
        {"_type":"model.dotcomrendering.pageElements.PullquoteBlockElement","html":"<p>He wrote:</p><blockquote><p>Not now.</p></blockquote>","attribution":"A minister"}
    ]}]}"#;
    let blog = formats::parse(j).unwrap();
    assert_eq!(
        blog.entries[0].body,
        vec![
            // The page's own <blockquote> is the quotation: the one in it is a level deeper.
            quote(0, &["She replied:"], None),
            quote(1, &["We said no."], None),
            quote(0, &["And left."], None),
            // Text of the quotation's own beside a quote: that quote is a level deeper, and
            // the attribution ends the quotation.
            quote(0, &["He wrote:"], None),
            quote(1, &["Not now."], None),
            quote(0, &[], Some("A minister")),
        ]
    );
}

#[test]
fn page_json_with_wrong_types_names_the_field_or_defaults() {
    let err = formats::parse(br#"{"blocks":{"id":"x"}}"#).unwrap_err();
    assert!(
        err.to_string().contains("\"blocks\" is not a list"),
        "{err}"
    );
    let err = formats::parse(br#"{"blocks":[{"id":5}]}"#).unwrap_err();
    assert!(err.to_string().contains("blocks[0].id"), "{err}");
    let err = formats::parse(br#"{"blocks":[7]}"#).unwrap_err();
    assert!(
        err.to_string().contains("blocks[0] is not an object"),
        "{err}"
    );
    // Wrong types elsewhere are treated as absent.
    let blog = formats::parse(
        br#"{"headline":5,"webTitle":"T","standfirst":[],"blocks":[{"id":"a","title":{},
            "blockFirstPublished":"x","contributors":"me","attributes":{"keyEvent":"true"},
            "elements":[{"_type":null},{"html":"no type"},{"_type":"model.dotcomrendering.pageElements.TextBlockElement","html":7}]}],
            "pagination":{"older":9},"format":[],"config":"x"}"#,
    )
    .unwrap();
    assert_eq!(blog.title, "T");
    assert_eq!(blog.entries[0].title, None);
    assert_eq!(blog.entries[0].published, None);
    assert!(blog.entries[0].key_event);
    assert_eq!(blog.older, None);
    assert_eq!(blog.state, LiveState::Unknown);
}

// ---------------------------------------------------------------------------------------------
// Content API

#[test]
fn capi_fixture_gives_six_entries_newest_first() {
    let blog = capi();
    // No `fields` in this template: the title is the webTitle, the state unknown.
    assert_eq!(blog.title, "example-liveblog");
    assert_eq!(blog.state, LiveState::Unknown);
    assert_eq!(
        blog.url.as_deref(),
        Some("http://www.theguardian.com/news/blog/live/2015/apr/09/example-liveblog")
    );
    let ids: Vec<_> = blog.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            // The pinned block first, as the page shows it, then newest first.
            "55267da9e4b091b2a1c75fe0",
            "5530debce4b078ada18a4602",
            "5530d2ede4b078ada18a45ff",
            "5527be22e4b0505fae058181",
            "55267d9de4b06299e97da384",
            "55267dc0e4b091b2a1c75fe1",
        ]
    );
    assert!(blog.entries[0].pinned);
    assert_eq!(blog.entries[1].plain_text(), "hi");
    assert_eq!(
        blog.entries[1].published.unwrap().to_string(),
        "2015-04-17T11:21:49Z"
    );
    assert_eq!(
        blog.entries[4].plain_text(),
        "normal block\n\nhere’s some stuff"
    );
    assert_eq!(blog.entries[5].plain_text(), "summary text");
    // `blocks.main` (the image of Clive James) is not an entry.
    assert!(
        blog.entries
            .iter()
            .all(|e| e.id != "55267e40e4b06299e97da385")
    );
}

#[test]
fn capi_fixture_flags_and_titles_come_from_block_attributes() {
    let blog = capi();
    let key = &blog.entries[0];
    assert_eq!(key.title.as_deref(), Some("key event title"));
    assert!(key.key_event && key.pinned && !key.summary);
    assert!(blog.entries[5].summary);
    assert_eq!(blog.entries.iter().filter(|e| e.pinned).count(), 1);

    assert_eq!(blog.key_events.len(), 2);
    assert_eq!(blog.key_events[0].title, "key event title");
    assert_eq!(
        blog.key_events[0].entry_id.as_deref(),
        Some("55267da9e4b091b2a1c75fe0")
    );
    // The summary block has no title: its text stands in.
    assert_eq!(blog.key_events[1].title, "summary text");
    assert_eq!(
        blog.key_events[1].published.unwrap().to_string(),
        "2015-04-09T14:30:51Z"
    );
}

#[test]
fn capi_fixture_figure_html_becomes_an_image_with_caption_and_credit() {
    let blog = capi();
    let Block::Image(image) = &blog.entries[3].body[0] else {
        panic!("{:?}", blog.entries[3].body)
    };
    let (url, caption, alt, credit) = (&image.url, &image.caption, &image.alt, &image.credit);
    assert_eq!(
        url.as_deref(),
        Some(
            "http://media-origin.test.dev-guim.co.uk/251c09468a6373e52398964b2b3dd81ffedf1432/0_0_2934_1759/1000.jpg"
        )
    );
    assert!(caption.starts_with("Workers stand on scaffolding around the top of the Kremlin"));
    assert_eq!(alt, "sdafasdf");
    assert_eq!(credit, "Photograph: Pavel Golovkin/AP");
}

fn capi_item(fields: &str, blocks: &str) -> Vec<u8> {
    format!(
        r#"{{"response":{{"status":"ok","total":1,"content":{{"id":"x/live/1","webTitle":"Web title","webUrl":"https://www.theguardian.com/x/live/1","fields":{fields},"blocks":{blocks}}}}}}}"#
    )
    .into_bytes()
}

#[test]
fn capi_live_flag_is_read_as_a_boolean_or_a_string() {
    for (value, state) in [
        ("true", LiveState::Live),
        ("false", LiveState::Ended),
        ("\"true\"", LiveState::Live),
        ("\"false\"", LiveState::Ended),
        ("\"maybe\"", LiveState::Unknown),
    ] {
        let doc = capi_item(&format!(r#"{{"liveBloggingNow":{value}}}"#), "{}");
        assert_eq!(formats::parse(&doc).unwrap().state, state, "{value}");
    }
    let doc = capi_item("{}", "{}");
    assert_eq!(formats::parse(&doc).unwrap().state, LiveState::Unknown);
}

#[test]
fn capi_fields_give_headline_standfirst_and_last_modified() {
    let doc = capi_item(
        r#"{"headline":"The headline","standfirst":"<p>Stand &amp; first</p>","lastModified":"2023-12-13T17:35:52+01:00"}"#,
        "{}",
    );
    let blog = formats::parse(&doc).unwrap();
    assert_eq!(blog.title, "The headline");
    assert_eq!(blog.standfirst, "Stand & first");
    let updated = blog.updated.unwrap();
    assert_eq!(updated.to_string(), "2023-12-13T17:35:52+01:00");
    assert_eq!(updated.offset().seconds(), 3600);
}

#[test]
fn capi_error_envelope_is_an_api_error() {
    let doc = br#"{"response":{"status":"error","message":"The requested resource could not be found."}}"#;
    assert_eq!(
        formats::parse(doc).unwrap_err(),
        FormatError::ApiError("The requested resource could not be found.".into())
    );
    assert_eq!(
        formats::sniff(doc).unwrap(),
        Format::Capi,
        "the error envelope goes to the CAPI parser"
    );
}

#[test]
fn capi_requested_body_blocks_are_merged_without_duplicates() {
    let block = |id: &str, t: &str, attrs: &str| {
        format!(
            r#"{{"id":"{id}","bodyHtml":"<p>{id} text</p>","bodyTextSummary":"{id} summary","attributes":{attrs},"firstPublishedDate":"{t}","contributors":["Andrew Sparrow"],"elements":[]}}"#
        )
    };
    let b1 = block("b1", "2024-01-01T10:00:00Z", "{}");
    let b2 = block("b2", "2024-01-01T11:00:00Z", r#"{"keyEvent":"true"}"#);
    let b3 = block("b3", "2024-01-01T09:00:00Z", "{}");
    let b4 = block("b4", "2024-01-01T12:00:00Z", r#"{"summary":true}"#);
    let blocks = format!(
        r#"{{"main":{b4},"body":[{b1}],"requestedBodyBlocks":{{"body:latest:2":[{b2},{b1}],"body:key-events":[{b2},{b3}],"body:summary":[{b4}]}}}}"#
    );
    let blog = formats::parse(&capi_item("{}", &blocks)).unwrap();
    let ids: Vec<_> = blog.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, vec!["b4", "b2", "b1", "b3"]);
    assert_eq!(blog.entries[1].authors, vec!["Andrew Sparrow".to_string()]);
    assert!(blog.entries[1].key_event);
    // Flagged blocks and every block of the key-event and summary lists, newest first.
    let keys: Vec<_> = blog
        .key_events
        .iter()
        .map(|k| k.entry_id.as_deref().unwrap())
        .collect();
    assert_eq!(keys, vec!["b4", "b2", "b3"]);
    assert_eq!(blog.key_events[0].title, "b4 summary");
}

#[test]
fn capi_dates_may_be_objects_and_flags_strings() {
    let blocks = r#"{"body":[{"id":"a","bodyHtml":"","bodyTextSummary":"","attributes":{"pinned":"true","summary":"false"},
        "firstPublishedDate":{"dateTime":1428589855000,"iso8601":"2015-04-09T15:30:55+01:00"},
        "lastModifiedDate":{"dateTime":1428589900000},
        "contributors":[],
        "elements":[{"type":"text","assets":[],"textTypeData":{"html":"<p>from elements</p>"}},
                    {"type":"tweet","assets":[],"tweetTypeData":{"html":"<p>tweet text</p>","url":"https://twitter.com/a/status/1"}},
                    {"type":"interactive","assets":[],"interactiveTypeData":{"title":"Map","iframeUrl":"https://x.test"}},
                    {"type":"image","assets":[{"type":"image","file":"https://media.test/500.jpg","typeData":{"width":500}},
                                               {"type":"image","file":"https://media.test/2000.jpg","typeData":{"width":2000}},
                                               {"type":"image","file":"https://media.test/1000.jpg","typeData":{"width":"1000"}}],
                     "imageTypeData":{"caption":"<b>Cap</b>","alt":"Alt","credit":"Cred","displayCredit":false}}]}]}"#;
    let blog = formats::parse(&capi_item("{}", blocks)).unwrap();
    let e = &blog.entries[0];
    assert!(e.pinned && !e.summary);
    let published = e.published.unwrap();
    assert_eq!(published.to_string(), "2015-04-09T15:30:55+01:00");
    assert_eq!(e.updated.unwrap().as_millis(), 1_428_589_900_000);
    assert_eq!(
        e.body,
        vec![
            Block::text("from elements"),
            Block::Embed(Box::new(Embed {
                kind: "Tweet".into(),
                title: "tweet text".into(),
                url: Some("https://twitter.com/a/status/1".into()),
            })),
            Block::Embed(Box::new(Embed {
                kind: "Interactive".into(),
                title: "Map".into(),
                url: None,
            })),
            Block::Image(Box::new(Image {
                url: Some("https://media.test/1000.jpg".into()),
                caption: "Cap".into(),
                alt: "Alt".into(),
                credit: String::new(),
            })),
        ]
    );
}

#[test]
fn capi_with_wrong_types_names_the_field() {
    let err = formats::parse(&capi_item("{}", r#"{"body":{"id":"a"}}"#)).unwrap_err();
    assert!(err.to_string().contains("\"body\" is not a list"), "{err}");
    let err = formats::parse(&capi_item("{}", r#"{"body":[{"id":null}]}"#)).unwrap_err();
    assert!(err.to_string().contains("blocks.body[0].id"), "{err}");
    let err = formats::parse(&capi_item(
        "{}",
        r#"{"requestedBodyBlocks":{"body:latest":"x"}}"#,
    ))
    .unwrap_err();
    assert!(err.to_string().contains("body:latest"), "{err}");
    let err = formats::parse(br#"{"response":{"status":"ok","results":[]}}"#).unwrap_err();
    assert!(matches!(err, FormatError::NotALiveBlog(_)), "{err}");
    // Wrong field types are defaulted.
    let blog = formats::parse(&capi_item(
        r#"{"headline":1,"standfirst":{},"liveBloggingNow":3,"lastModified":"soon"}"#,
        r#"{"body":[{"id":"a","title":5,"firstPublishedDate":[],"contributors":[1,{"name":"N"}],"attributes":"x"}]}"#,
    ))
    .unwrap();
    assert_eq!(blog.title, "Web title");
    assert_eq!(blog.updated, None);
    assert_eq!(blog.entries[0].published, None);
    assert_eq!(blog.entries[0].authors, vec!["N".to_string()]);
}

// ---------------------------------------------------------------------------------------------
// Hostile input

#[test]
fn json_nested_100000_deep_is_refused() {
    for prefix in [r#"{"blocks":"#, r#"{"response":{"content":"#] {
        let doc = format!("{prefix}{}", "[".repeat(100_000));
        let err = formats::parse(doc.as_bytes()).unwrap_err();
        assert!(matches!(err, FormatError::Malformed { .. }), "{err}");
    }
    let bare = "[".repeat(100_000);
    for parse in [formats::guardian::parse, formats::capi::parse] {
        let err = parse(bare.as_bytes()).unwrap_err();
        assert!(matches!(err, FormatError::Malformed { .. }), "{err}");
    }
}

#[test]
fn html_nested_100000_deep_inside_an_entry_is_flattened() {
    let html = format!(
        "{}deep{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let doc = serde_json::json!({
        "headline": "H",
        "blocks": [{"id": "a", "elements": [{
            "_type": "model.dotcomrendering.pageElements.TextBlockElement", "html": html
        }]}]
    })
    .to_string();
    let blog = formats::parse(doc.as_bytes()).unwrap();
    assert_eq!(blog.entries[0].plain_text(), "deep");
}

#[test]
fn terminal_escapes_and_bidi_controls_never_survive() {
    let evil = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{202e}x\u{2066}";
    let page_doc = serde_json::json!({
        "headline": format!("Head{evil}"),
        "standfirst": format!("<p>Stand{evil}</p>"),
        "blocks": [{
            "id": format!("id{evil}"),
            "title": format!("Title{evil}"),
            "contributors": [{"name": format!("Name{evil}")}],
            "elements": [
                {"_type": "model.dotcomrendering.pageElements.TextBlockElement",
                 "html": format!("<p>Body{evil}<a href=\"https://x.test/{evil}\">l</a></p>")},
                {"_type": "model.dotcomrendering.pageElements.RichLinkBlockElement",
                 "text": format!("Link{evil}"), "url": "https://x.test/"},
                {"_type": "model.dotcomrendering.pageElements.ImageBlockElement",
                 "data": {"caption": format!("Cap{evil}"), "credit": format!("Cr{evil}"), "alt": format!("Alt{evil}")}}
            ]
        }],
        "keyEvents": [{"id": "k", "title": format!("Key{evil}"), "elements": []}]
    })
    .to_string();
    let capi_doc = serde_json::json!({"response": {"status": "ok", "content": {
        "webTitle": format!("Web{evil}"),
        "fields": {"headline": format!("Head{evil}"), "standfirst": format!("S{evil}")},
        "blocks": {"body": [{
            "id": "b", "title": format!("T{evil}"), "contributors": [format!("C{evil}")],
            "bodyHtml": format!("<p>Body{evil}</p><blockquote>q<cite>Who{evil}</cite></blockquote>"),
            "attributes": {"keyEvent": true}
        }]}
    }}})
    .to_string();
    for doc in [page_doc, capi_doc] {
        let blog = formats::parse(doc.as_bytes()).unwrap();
        let dump = liveblog::formats::native::to_json(&blog);
        let decoded: serde_json::Value = serde_json::from_str(&dump).unwrap();
        let mut strings = Vec::new();
        collect_strings(&decoded, &mut strings);
        assert!(strings.len() > 5, "{dump}");
        for s in strings {
            assert!(
                !s.chars().any(|c| c == '\u{1b}'
                    || c == '\u{7}'
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
                "{s:?}"
            );
        }
    }
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

/// A saved answer of the Guardian's live poll is no blog, and the error says what it is.
#[test]
fn a_live_poll_answer_read_as_a_blog_says_what_it_is() {
    let poll =
        include_bytes!("fixtures/guardian-poll/guardian-liveblog-poll-response-tweet-block.json");
    match formats::parse(poll) {
        Err(FormatError::NotALiveBlog(why)) => {
            assert!(why.contains("live poll"), "{why}");
        }
        other => panic!("{other:?}"),
    }
}
