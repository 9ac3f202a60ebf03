//! The one-pass reading gives what feed-rs gives wherever it answers.

use crate::blog::LiveBlog;
use crate::formats::feed::both_readings;
use crate::serve::timeline::{ReplayOptions, Timeline};
use crate::serve::writers::{self, Site};
use std::time::Duration;

/// Whether the one-pass reading answered; when it did, it must equal feed-rs's reading.
pub(super) fn same(doc: &str) -> bool {
    match both_readings(doc.as_bytes()) {
        (Some(fast), full) => {
            assert_eq!(Ok(fast), full, "{doc}");
            true
        }
        (None, _) => false,
    }
}

fn rss(channel: &str, items: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n{channel}\n{items}\n</channel>\n</rss>\n"
    )
}

/// Every fixture's blog (and the bundled one) written as RSS by the replay server, which is
/// how the big feed of the benchmark is made.
#[test]
fn every_fixture_written_as_rss_reads_the_same_both_ways() {
    for (name, feed) in fixture_feeds() {
        assert!(same(&feed), "not taken: {name}");
    }
}

/// Every fixture's blog written as RSS, with its name: the bundled blog's first.
fn fixture_feeds() -> Vec<(String, String)> {
    fixture_feeds_as(writers::rss)
}

/// Every fixture's blog written by `write` (RSS or Atom), with its name.
pub(super) fn fixture_feeds_as(
    write: fn(&crate::serve::timeline::Snapshot, &Site) -> String,
) -> Vec<(String, String)> {
    #[path = "../../../../tests/support/fixtures.rs"]
    mod fixtures;
    let mut docs = vec![(
        "bundled".to_string(),
        crate::source::BUNDLED.as_bytes().to_vec(),
    )];
    for f in fixtures::ALL {
        docs.push((
            (*f).to_string(),
            std::fs::read(fixtures::dir().join(f)).unwrap(),
        ));
    }
    let site = Site {
        base: "http://127.0.0.1:8080".into(),
        page_path: "/world/live/2025/feb/17/big".into(),
    };
    docs.into_iter()
        .map(|(name, doc)| {
            let blog: LiveBlog = crate::formats::parse(&doc).unwrap();
            let mut opts = ReplayOptions::paced(Duration::from_secs(1));
            opts.initial = usize::MAX;
            let snap = Timeline::new(blog, &opts).at(Duration::from_secs(1_000_000));
            (name, write(&snap, &site))
        })
        .collect()
}

/// The whole of `formats::parse`'s reading of every fixture written as RSS (reading,
/// sanitising, ids, order), as FNV-1a hashes of its debug form taken before the one-pass
/// reading was made faster: a change of speed must not change a byte of what is read. (Three
/// were taken again when images and embeds were boxed, which changes their debug form only:
/// with the boxes' wrappers taken out of it, the readings hash as before; NDTV's when the
/// score lines its microdata bodies run on became paragraphs of their own, the Guardian page's
/// when its tweet kept its lines, Cork Beo's page when its updates were read from the posts
/// it shows, and their embeds left to scripts, and both Cork Beo readings when a post that is
/// only a link under its headline kept the link, and the Guardian page's when its blocks were
/// credited to the page's byline.) A list's number and level, read since, are
/// taken out where they are what every list had before (1 and 0), and so are a list's numerals
/// and counting down, and a run's being struck through, where they are what every one had
/// before, and a quote's level where it is in no other quote. (The bundled blog's, the
/// Polish page's and the Guardian JSON-LD's changed when the replay began to date entries
/// without a time of their own on show at its start apart, the replay's gap before each
/// newer one, rather than all at its start. The bundled blog's, both Guardian readings' and
/// Cork Beo's page's changed when a feed's `key-event` categories were read as key events;
/// Cork Beo's page's and the Polish page's when a Facebook post in a body became its embed;
/// those whose times have an offset other than UTC when a feed's times kept their offset;
/// both Guardian readings' when a feed's `pinned` and `summary` categories were read as flags,
/// and when a feed's summaries joined its key events; the Guardian's and Times of India's
/// JSON-LD when updates the site cut short came to end with `…`, and both Times of India
/// readings when its description, cut short too, did.)
#[test]
fn the_full_reading_of_every_fixture_written_as_rss_is_unchanged() {
    let fnv = |s: &str| {
        s.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let got: Vec<(String, u64)> = fixture_feeds()
        .into_iter()
        .map(|(name, feed)| {
            (
                name,
                fnv(&format!("{:?}", crate::formats::parse(feed.as_bytes()))
                    .replace(", start: 1, level: 0", "")
                    .replace(", numerals: Decimal, reversed: false", "")
                    .replace(", continued: false", "")
                    .replace(", strike: false", "")
                    .replace(", level: 0 }", " }")),
            )
        })
        .collect();
    let want: &[(&str, u64)] = &[
        ("bundled", 0xa2a6_a976_9b1b_170c),
        (
            "guardian-frontend-json/fe-liveblog-politics-2023-12-13.json",
            0x1004_2720_0e43_1c6e,
        ),
        (
            "guardian-capi/capi-item-example-liveblog-code-2015.json",
            0x8368_a8b9_0148_c70f,
        ),
        (
            "html/corkbeo-level-3-live-2020-10-06.html",
            0x6973_c2eb_3c6e_5eb0,
        ),
        (
            "html/ndtv-ind-vs-sl-cwc-2023-11-02.html",
            0xcfc7_67b9_680d_7513,
        ),
        (
            "html/timesofindia-ipl-csk-vs-srh-2020-10-02.html",
            0x47c8_04ad_2902_7a33,
        ),
        (
            "html/sportowefakty-wp-pl-falubaz-relacja.html",
            0x37f0_f1b7_adf0_98d0,
        ),
        (
            "jsonld/corkbeo-level-3-live-2020-10-06.ld.json",
            0xf33e_65eb_32e0_d376,
        ),
        (
            "jsonld/guardian-politics-2023-12-13.linkedData.json",
            0x9207_9ccc_f365_28f4,
        ),
        (
            "jsonld/timesofindia-ipl-csk-vs-srh-2020-10-02.ld.json",
            0x0e1a_5fc8_d75e_f802,
        ),
    ];
    let got: Vec<(&str, u64)> = got.iter().map(|(n, h)| (n.as_str(), *h)).collect();
    assert_eq!(got, want);
}

#[test]
fn links_in_an_items_text_are_read_relative_to_its_page() {
    let doc = rss(
        "<link>https://news.example/</link>",
        "<item><guid>r</guid><link>https://x.example/live/post</link><description>\
         &lt;a href=\"/other\"&gt;o&lt;/a&gt; &lt;a href=\"next\"&gt;n&lt;/a&gt;\
         </description></item>",
    );
    let blog = crate::formats::parse(doc.as_bytes()).unwrap();
    let crate::blog::Block::Paragraph { runs } = &blog.entries[0].body[0] else {
        panic!("{:?}", blog.entries[0].body)
    };
    let links: Vec<_> = runs.iter().filter_map(|r| r.link.as_deref()).collect();
    assert_eq!(
        links,
        ["https://x.example/other", "https://x.example/live/next"]
    );
}

#[test]
fn common_rss_shapes_take_the_fast_path_and_read_the_same() {
    let item = |inner: &str| format!("<item>{inner}</item>");
    for doc in [
        rss("<title>T</title>", ""),
        rss("", &item("<title>no channel title</title>")),
        rss(
            "<title>Election &amp; after</title><link>https://news.example/live</link>\
             <description>&lt;p&gt;Results&lt;/p&gt;</description>\
             <lastBuildDate>Thu, 04 Jul 2024 23:30:00 +0100</lastBuildDate>\
             <pubDate>Thu, 04 Jul 2024 20:00:00 GMT</pubDate>",
            &item(
                "<title>First</title><link>https://news.example/live#p1</link>\
                 <guid isPermaLink=\"false\">post-1</guid>\
                 <pubDate>Thu, 04 Jul 2024 23:00:00 +0100</pubDate>\
                 <dc:creator>Anna Smith</dc:creator><author>desk@x.com (Ann Lee)</author>\
                 <author>desk@x.com</author><author></author><dc:creator> </dc:creator>\
                 <description><![CDATA[<p>Sunderland <b>declares</b>.</p>]]></description>",
            ),
        ),
        // CDATA, entities of every kind, comments inside text, unknown entities kept.
        rss(
            "<title>a <![CDATA[<b>x</b> & y]]> &#38; &#x3C;b&#x3E; &nbsp; &unknown; z</title>",
            &item(
                "<title>A<!-- note -->B &lt;i&gt;c&lt;/i&gt; x&lt;y</title><guid>g</guid>\
                 <description>one &amp;amp; two<![CDATA[ three ]]></description>",
            ),
        ),
        // Text read straight from the document: CDATA at the edges, references of every
        // form, an end tag written with a space (read event by event instead).
        rss(
            "<title><![CDATA[]]>x<![CDATA[y]]]>&#233;&#xE9;&amp;</title>",
            &[
                item("<guid>&#x1F600;</guid><description>&lt;&quot;&apos;&gt;</description >"),
                item("<guid>a&b c;d</guid><title>&a.b;</title><description>é&lt;</description>"),
                item("<guid>s</guid><description> <![CDATA[<p>x</p>]]> </description>"),
            ]
            .concat(),
        ),
        // Missing and empty fields, and fields given twice: the last one counts.
        rss(
            "<title>one</title><title>two</title><lastBuildDate></lastBuildDate>",
            &[
                item("<title>A</title><link>https://x.example/a</link>"),
                item("<title>B</title><link> relative/b </link><link>https://x/c</link>"),
                item("<title></title><guid></guid><guid>  spaced  </guid>"),
                item("<guid> </guid><link>https://example.com</link>"),
                item(
                    "<guid>c</guid><content:encoded>&lt;p&gt;full&lt;/p&gt;</content:encoded>\
                     <description>summary</description>",
                ),
                item(
                    "<guid>d</guid><content:encoded>x</content:encoded>\
                     <content:encoded></content:encoded><description>kept</description>",
                ),
                item("<guid>e</guid><content:encoded>  </content:encoded><description/>"),
                item("<guid>f</guid><pubDate>Mon, 1 Jan 2024 09:00:00 -0000</pubDate>"),
                item("<guid>h</guid><dc:date>2024-01-02T10:30:00.5+01:00</dc:date>"),
                item("<guid>i</guid><pubDate>2024-01-02T10:30:00Z</pubDate><pubDate/>"),
                // Links in the text relative to the item's page, or to none.
                item(
                    "<guid>r</guid><link>https://x.example/live/post</link><description>\
                     &lt;a href=\"/other\"&gt;o&lt;/a&gt; &lt;a href=\"next\"&gt;n&lt;/a&gt;\
                     </description>",
                ),
                item(
                    "<guid>r2</guid><link> relative/b </link>\
                     <content:encoded>&lt;a href=\"/x\"&gt;x&lt;/a&gt;</content:encoded>",
                ),
            ]
            .concat(),
        ),
        // Enclosures: images, others, relative and invalid addresses, odd types.
        rss(
            "",
            &[item(
                "<guid>m</guid><enclosure url=\"https://img.example/a.jpg\" type=\"image/jpeg\"/>\
                     <enclosure url=\"https://v.example/c.mp4\" type=\"video/mp4\" length=\"9\"/>\
                     <enclosure url=\"https://img.example/b.png\"/>\
                     <enclosure url=\"/relative.jpg\" type=\"image/jpeg\"/>\
                     <enclosure url=\"https://x.example/d?a=1&amp;b=2\" type=\"not a type\"/>\
                     <enclosure url=\"https://x.example/e\" type=\"Audio/MPEG; charset=x\"/>\
                     <enclosure type=\"image/png\"/>",
            )]
            .concat(),
        ),
        // Channel links: RSS and Atom, with and without rel, relative, normalised.
        rss(
            "<atom:link href=\"https://x.example/feed\" rel=\"self\"/>\
             <atom:link href=\"HTTPS://X.example\"/><link>https://y.example/</link>",
            "",
        ),
        rss("<link></link><link> /relative </link>", ""),
        // Namespaces: another prefix for a known one, a default namespace on an element, an
        // undeclared prefix (feed-rs reads it as RSS), elements of unknown ones skipped.
        String::from(
            "<rss version=\"2.0\" xmlns:d=\"http://purl.org/dc/elements/1.1/\" \
             xmlns:x=\"urn:other\"><channel><title>T</title><x:title>not this</x:title>\
             <item><d:creator>Jo</d:creator><title xmlns=\"urn:other\">skipped</title>\
             <y:title>undeclared</y:title><x:guid>no</x:guid><guid>ok</guid>\
             <extra><title>nested</title></extra></item></channel></rss>",
        ),
        // Items outside the channel, and things after it.
        "<rss version=\"2.0\"><other/><channel><item><guid>1</guid></item></channel>\
         <item><guid>2</guid></item></rss>"
            .to_string(),
        "  <!-- lead --><?pi x?><rss version=\"2.0\"><channel><title>t</title></channel></rss>"
            .to_string(),
    ] {
        assert!(same(&doc), "not taken: {doc}");
    }
}

#[test]
fn shapes_it_does_not_follow_are_left_to_feed_rs() {
    let doc = |body: &str| format!("<rss version=\"2.0\"><channel>{body}</channel></rss>");
    for doc in [
        // Other RSS versions, other roots.
        "<rss version=\"0.91\"><channel><title>x</title></channel></rss>".to_string(),
        "<rss><channel><title>x</title></channel></rss>".to_string(),
        "<x:rss version=\"2.0\" xmlns:x=\"urn:x\"><channel/></x:rss>".to_string(),
        // A DTD, another encoding, a byte-order mark, xml:base.
        "<!DOCTYPE rss [<!ENTITY a \"b\">]><rss version=\"2.0\"><channel><title>&a;</title>\
         </channel></rss>"
            .to_string(),
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel/></rss>"
            .to_string(),
        "\u{feff}<rss version=\"2.0\"><channel><title>x</title></channel></rss>".to_string(),
        doc("<item xml:base=\"https://x/\"><link>a</link></item>"),
        // Markup inside a field read as text, Media RSS, iTunes.
        doc("<title>a <b>bold</b> title</title>"),
        doc("<item><description>x<p>y</p></description></item>"),
        "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>\
         <media:content url=\"https://x/v.mp4\"/></item></channel></rss>"
            .to_string(),
        // Times in neither strict form.
        doc("<item><pubDate>Thursday, 04 Jul 2024 23:00:00 +0100</pubDate></item>"),
        doc("<item><pubDate>Thu, 04 Jul 2024 24:00:00 +0100</pubDate></item>"),
        doc("<item><pubDate>yesterday</pubDate></item>"),
        // XML errors.
        doc("<item><title>x</titl></item>"),
        doc("<item><title>&#0;</title></item>"),
        doc("<item><title>&#+1;</title></item>"),
        doc("<item><title>&#xD800;</title></item>"),
        doc("<item><title>a & b</title></item>"),
        doc("<item><description>&lt;p<![CDATA[x</description></item>"),
        doc("<item><guid a=\"1\" a=\"2\">x</guid><enclosure url=x/></item>"),
    ] {
        assert!(!same(&doc), "taken: {doc}");
    }
}

#[test]
fn a_feed_that_is_refused_is_refused_by_both() {
    for doc in [
        "<rss version=\"2.0\"><channel><title>x</title>",
        "<rss version=\"2.0\"><nochannel/></rss>",
        "<rss version=\"2.0\"></rss>",
    ] {
        let (fast, full) = both_readings(doc.as_bytes());
        assert!(fast.is_none() && full.is_err(), "{doc}");
    }
}

/// Fields read straight from the document, without quick-xml, read as quick-xml reads them:
/// attributes with quoted `>`, white space in tags, namespaces declared by a sibling just
/// ended, empty elements before them, items of text only.
#[test]
fn fields_read_straight_from_the_document_agree_with_feed_rs() {
    let item = |inner: &str| format!("<item>{inner}</item>");
    for doc in [
        rss(
            "",
            &item("<guid isPermaLink=\"false\">a</guid><title >T</title>"),
        ),
        rss(
            "",
            &item("<guid a='x>y' b=\"'\">a</guid><title\n>T &amp; U</title>"),
        ),
        rss(
            "",
            &item("<enclosure url=\"https://x/a.mp3\"/><title>T</title>"),
        ),
        rss(
            "",
            &item(
                "<x xmlns=\"http://purl.org/rss/1.0/modules/content/\">a</x><encoded>&lt;p&gt;b</encoded>",
            ),
        ),
        rss(
            "",
            &item("<dc:x xmlns:dc=\"urn:other\">a</dc:x><dc:creator>Ann</dc:creator>"),
        ),
        rss(
            "",
            &item("<zz:title>x</zz:title><title>T</title><title></title>"),
        ),
        rss(
            "",
            &item("<title>a<![CDATA[<b>]]>&#x41;</title><link> https://x/a </link>"),
        ),
        rss("", "<item>only text</item><item></item><item/>"),
        rss("<title>T</title >", &item("<title>T</title >")),
        rss(
            "",
            &item("<title a=\"<\">T</title><title a=\"1\" a=\"2\">U</title>"),
        ),
        rss("", &item("<title>T</other></title>")),
        rss(
            "",
            &item("<title>a &bogus; b</title><description>&lt;p&gt;x&lt;/p&gt;</description>"),
        ),
    ] {
        if let (Some(fast), full) = both_readings(doc.as_bytes()) {
            assert_eq!(Ok(fast), full, "{doc}");
        }
    }
    // The common ones still take the one-pass reading.
    assert!(same(&rss(
        "",
        &item("<guid isPermaLink=\"false\">a</guid><title >T</title><dc:creator>A</dc:creator>")
    )));
}

/// The first entry's publication and update times and the feed's own time, as `doc` writes
/// them, in the one-pass reading and in feed-rs's (as one the one-pass reading leaves to it).
fn assert_times_in_both_readings(doc: &str, [published, updated, feed]: [&str; 3]) {
    let (fast, full) = both_readings(doc.as_bytes());
    let fast = fast.expect("the one-pass reading takes the feed");
    for blog in [&fast, &full.unwrap()] {
        let e = &blog.entries[0];
        let at = |s: Option<crate::blog::Stamp>| s.map(|s| s.to_rfc3339());
        assert_eq!(at(e.published).as_deref(), Some(published), "{doc}");
        assert_eq!(at(e.updated).as_deref(), Some(updated), "{doc}");
        assert_eq!(at(blog.updated).as_deref(), Some(feed), "{doc}");
    }
}

/// A feed's times keep the offset they are written in, as every other format's do, both in
/// the one-pass reading and in feed-rs's (which gives them in UTC): `dump --format json` gives
/// the time as the feed wrote it.
#[test]
fn feed_times_keep_the_offset_they_are_written_in() {
    let rss_doc = rss(
        "<title>Blog</title><lastBuildDate>Mon, 17 Feb 2025 14:10:00 +0100</lastBuildDate>",
        "<item><guid>a</guid><title>One</title><pubDate>Mon, 17 Feb 2025 14:05:00 +0100</pubDate>\
         <description>Text.</description></item>",
    );
    let atom_doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Blog</title>\
        <updated>2025-02-17T14:10:00+01:00</updated>\
        <entry><id>a</id><title>One</title><published>2025-02-17T14:05:00+01:00</published>\
        <updated>2025-02-17T08:06:00-05:00</updated><content type=\"html\">Text.</content></entry>\
        </feed>\n";
    for (doc, updated) in [
        (rss_doc.as_str(), "2025-02-17T14:05:00+01:00"),
        (atom_doc, "2025-02-17T08:06:00-05:00"),
    ] {
        let times = [
            "2025-02-17T14:05:00+01:00",
            updated,
            "2025-02-17T14:10:00+01:00",
        ];
        assert_times_in_both_readings(doc, times);
        let read = crate::formats::parse(doc.as_bytes()).unwrap();
        let json = crate::dump::render(&read, crate::dump::DumpFormat::Json);
        assert!(json.contains("\"2025-02-17T14:05:00+01:00\""), "{json}");
    }
}

/// One entry may write one instant twice, in two offsets (`published` in `+01:00`, `updated`
/// in `Z`): each of its times keeps the offset it is written in, in both readings, as does
/// each of the feed's own.
#[test]
fn each_time_of_one_entry_keeps_its_own_offset_for_one_instant() {
    // feed-rs takes the last of `pubDate` and `dc:date` as the item's one time.
    let rss_doc = rss(
        "<title>Blog</title><pubDate>Mon, 17 Feb 2025 14:10:00 +0100</pubDate>\
         <lastBuildDate>Mon, 17 Feb 2025 13:10:00 GMT</lastBuildDate>",
        "<item><guid>a</guid><title>One</title><pubDate>Mon, 17 Feb 2025 14:05:00 +0100</pubDate>\
         <dc:date>2025-02-17T13:05:00Z</dc:date><description>Text.</description></item>",
    );
    let atom_doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Blog</title>\
        <updated>2025-02-17T13:10:00Z</updated>\
        <entry><id>a</id><title>One</title><published>2025-02-17T14:05:00+01:00</published>\
        <updated>2025-02-17T13:05:00Z</updated><content type=\"html\">Text.</content></entry>\
        </feed>\n";
    for (doc, published) in [
        (rss_doc.as_str(), "2025-02-17T13:05:00Z"),
        (atom_doc, "2025-02-17T14:05:00+01:00"),
    ] {
        let times = [published, "2025-02-17T13:05:00Z", "2025-02-17T13:10:00Z"];
        assert_times_in_both_readings(doc, times);
    }
    // An RSS item's `atom:updated` is not one of its times to feed-rs: its offset is not the
    // item's, though written first.
    assert!(same(&rss(
        "<title>Blog</title>",
        "<item><guid>a</guid><atom:updated>2025-02-17T13:05:00Z</atom:updated>\
         <pubDate>Mon, 17 Feb 2025 14:05:00 +0100</pubDate></item>",
    )));
}

/// RSS has no time of update: both readings give an item its `pubDate` there, as feed-rs
/// does, and a change to an item between two reads of the feed is still told as an edit
/// (what the reader's `d`, the catch-up and `follow` say).
#[test]
fn an_rss_item_changed_between_two_reads_is_an_edit() {
    let doc = |text: &str| {
        rss(
            "<title>Blog</title>",
            &format!(
                "<item><guid>a</guid><pubDate>Mon, 17 Feb 2025 14:05:00 +0100</pubDate>\
                 <description>{text}</description></item>"
            ),
        )
    };
    let (old, new) = (doc("Text."), doc("Text. Update: more."));
    let (fast_old, full_old) = both_readings(old.as_bytes());
    let (fast_new, full_new) = both_readings(new.as_bytes());
    for (old, new) in [
        (fast_old.unwrap(), fast_new.unwrap()),
        (full_old.unwrap(), full_new.unwrap()),
    ] {
        let d = crate::blog::merge::diff(&old, &new);
        assert_eq!(d.edited, ["a"], "{d:?}");
    }
}
