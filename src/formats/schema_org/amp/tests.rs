use crate::blog::LiveState;
use crate::formats;
use std::fmt::Write;
use url::Url;

const EXAMPLE: &[u8] =
    include_bytes!("../../../../tests/fixtures/amp/amp-example-live-blog.amp.html");
const VALIDATOR: &[u8] =
    include_bytes!("../../../../tests/fixtures/amp/amp-validator-test-amp-live-list.html");

#[test]
fn the_official_example_is_one_timed_entry_with_its_title_author_and_image() {
    let b = formats::parse(EXAMPLE).unwrap();
    assert_eq!(b.title, "Lorem Ipsum");
    assert_eq!(b.state, LiveState::Live);
    // `data-poll-interval="15000"`: the page asks to be polled every 15 s.
    assert_eq!(b.poll_every, Some(std::time::Duration::from_secs(15)));
    assert_eq!(b.entries.len(), 1);
    let e = &b.entries[0];
    assert_eq!(e.id, "live-blog-item-1");
    assert_eq!(e.title.as_deref(), Some("Bacon ipsum dolor amet"));
    assert_eq!(e.authors, ["Lorem Ipsum"]);
    assert_eq!(e.published.unwrap().to_rfc3339(), "2016-06-23T08:03:53Z");
    let text = e.plain_text();
    assert!(text.starts_with("Bacon ipsum dolor amet nostrud"), "{text}");
    assert!(!text.contains("PublisherName News Reporter"), "{text}");
    assert!(
        e.body
            .iter()
            .any(|b| matches!(b, crate::blog::Block::Image(i)
            if i.url.as_deref() == Some("https://baconmockup.com/200/200"))),
        "{:?}",
        e.body
    );
}

#[test]
fn the_official_example_reads_the_standfirst_under_its_headline() {
    let b = formats::parse(EXAMPLE).unwrap();
    assert_eq!(
        b.standfirst,
        "Fusce pretium tempor justo, vitae consequat dolor maximus eget."
    );
}

#[test]
fn a_described_page_keeps_its_description_and_an_items_subtitle_is_not_the_blogs() {
    let page = |head: &str, body: &str| {
        format!(
            "<!doctype html><html amp><head>{head}</head><body><h1>Live</h1>{body}\
             <amp-live-list id=\"l\"><div items><div id=\"i1\" data-sort-time=\"1466669033418\">\
             <h3>One</h3><p class=\"subtitle\">Item's own</p><p>Text</p></div></div>\
             </amp-live-list></body></html>"
        )
    };
    let standfirst = |head: &str, body: &str| {
        formats::parse(page(head, body).as_bytes())
            .unwrap()
            .standfirst
    };
    assert_eq!(
        standfirst(
            "<meta name=\"description\" content=\"Described\">",
            "<p class=\"standfirst\">Shown</p>"
        ),
        "Described"
    );
    assert_eq!(
        standfirst("", "<p class=\"dek\">Shown <b>here</b></p>"),
        "Shown here"
    );
    assert_eq!(standfirst("", ""), "");
}

#[test]
fn only_valid_items_of_the_first_list_with_items_are_read_newest_first() {
    let b = formats::parse(VALIDATOR).unwrap();
    let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
    // Sort times 44, 43, 42: too small to be times, but they still order the entries.
    assert_eq!(ids, ["3", "2", "1"]);
    assert!(b.entries.iter().all(|e| e.published.is_none()));
    assert_eq!(b.entries[0].plain_text(), "3");
}

#[test]
fn tombstones_are_left_out_and_a_disabled_list_has_ended() {
    let page = br#"<!doctype html><html amp><head><title>T</title>
        <link rel="canonical" href="https://example.com/live"></head><body>
        <amp-live-list id="l" disabled data-poll-interval="2000" data-max-items-per-page="5"><div items>
          <div id="a" data-sort-time="1466669033418"><p>kept</p></div>
          <div id="b" data-sort-time="1466669093418" data-tombstone><p>gone</p></div>
          <div id="c" data-sort-time="1466669153" data-update-time="1466669999"><p>secs</p></div>
          <p>not an item</p>
        </div></amp-live-list></body></html>"#;
    let b = formats::parse(page).unwrap();
    assert_eq!(b.state, LiveState::Ended);
    // 2 s asked, the AMP runtime's 15 s floor kept.
    assert_eq!(b.poll_every, Some(std::time::Duration::from_secs(15)));
    assert_eq!(b.url.as_deref(), Some("https://example.com/live"));
    let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["c", "a"]);
    assert_eq!(
        b.entries[0].published.unwrap().to_rfc3339(),
        "2016-06-23T08:05:53Z"
    );
    assert!(b.entries[0].updated.is_some());
}

/// The pieces made-up items are made of: headings where they may be (first, nested, after the
/// body, none), bylines of every shape, text and entities straight in the item, AMP and plain
/// images, comments, and now and then what only the full parser reads.
pub(super) const PIECES: [&[&str]; 3] = [
    &[
        "<h2>Goal &amp; more</h2>",
        "<header><h3>Nested <i>title</i></h3></header>",
        "<div><p>x</p><h4>Deep</h4></div>",
        "<h1></h1>",
        "",
    ],
    &[
        "<div itemprop=\"author\" itemscope><span itemprop=\"name\">Ann Lee</span></div>",
        "<p itemprop=\"author publisher\"><b>Bea</b> in Paris</p>",
        "<div class=\"by\"><span itemprop=\"author\"><strong>Cy</strong></span>, \
         <span itemprop=\"author\">Di</span></div>",
        "<div itemprop=\"Author\">Not an author (case)</div>",
        "<div itemprop=\"x\tauthor\">Ed</div>",
        "",
    ],
    &[
        "<p>Plain text with <a href=\"/rel\">a link</a> &lt;tag&gt; &amp; more.</p>",
        "loose text &amp; <b>bold</b> then",
        "<amp-img src=\"https://example.com/a.jpg\" width=\"10\" height=\"10\" alt=\"A\"></amp-img>",
        "<figure><img src=\"https://example.com/b.jpg\"><figcaption>Cap</figcaption></figure>",
        "<ul><li>one</li><li>two</li></ul>",
        "<!-- a comment --><p>after</p>",
        "<table><tr><td>cell</td></tr></table>",
        "<blockquote><p>Quote</p></blockquote>",
        "<h2>Second heading</h2>",
        "<p>a<br>b</p>",
        "\n  ",
    ],
];

/// A made-up item's inner markup, of [`PIECES`]: headings a quarter of the time, bylines a
/// quarter, the rest body.
pub(super) fn random_item_inner(rng: &mut fastrand::Rng) -> String {
    let [headings, bylines, bodies] = PIECES;
    let mut parts = Vec::new();
    for _ in 0..rng.usize(1..6) {
        parts.push(match rng.u8(..4) {
            0 => headings[rng.usize(..headings.len())],
            1 => bylines[rng.usize(..bylines.len())],
            _ => bodies[rng.usize(..bodies.len())],
        });
    }
    parts.concat()
}

/// A page of made-up items in an AMP live list; some items are headings themselves, some lack
/// what makes an item.
fn random_amp_page(rng: &mut fastrand::Rng) -> String {
    let mut items = String::new();
    for n in 0..rng.usize(1..8) {
        let inner = random_item_inner(rng);
        let sort = ["1466669033418", "1466669153", "44", "0", "x"][rng.usize(..5)];
        let extra = ["", " data-update-time=\"1466669999999\"", " data-tombstone"][rng.usize(..3)];
        let tag = if rng.u8(..6) == 0 { "h2" } else { "div" };
        let id = if rng.u8(..10) == 0 {
            String::new()
        } else {
            format!(" id=\"i{n}\"")
        };
        let _ = writeln!(
            items,
            "<{tag}{id} data-sort-time=\"{sort}\"{extra}>{inner}</{tag}>"
        );
    }
    format!(
        "<!doctype html><html amp><head><title>T</title>\
         <link rel=\"canonical\" href=\"https://example.com/live\"></head><body>\
         <amp-live-list id=\"l\" data-poll-interval=\"20000\"><div items>{items}</div>\
         </amp-live-list></body></html>"
    )
}

/// Every element of `page` read as an item both ways: by the tree, and as first written (CSS
/// selectors, the HTML written out and read again). Returns how many were items.
fn items_read_alike(page: &str) -> usize {
    let doc = crate::formats::html::parse_document(page).unwrap();
    let base = Url::parse("https://example.com/live").ok();
    let mut items = 0;
    for el in super::elements(&doc) {
        let fast = super::item(*el, base.as_ref());
        assert_eq!(
            fast,
            super::by_selectors::item_by_selectors(el, base.as_ref()),
            "{}",
            el.html()
        );
        items += usize::from(fast.is_some());
    }
    items
}

#[test]
fn items_read_by_the_tree_are_items_read_by_selectors() {
    for page in [EXAMPLE, VALIDATOR] {
        assert!(items_read_alike(std::str::from_utf8(page).unwrap()) > 0);
    }
    for page in crate::formats::schema_org::timed::tests::fixture_pages() {
        items_read_alike(&page);
    }
    let mut rng = fastrand::Rng::with_seed(3);
    let mut items = 0;
    for _ in 0..3000 {
        items += items_read_alike(&random_amp_page(&mut rng));
    }
    assert!(items > 5000, "{items}");
}

/// The replay server's AMP page of the bundled blog, read whole, both ways alike.
#[test]
fn a_replayed_amp_page_reads_alike() {
    use crate::serve::timeline::{ReplayOptions, Timeline};
    use crate::serve::writers::{Site, amp::amp_page};
    let blog = crate::formats::parse(crate::source::BUNDLED.as_bytes()).unwrap();
    let mut opts = ReplayOptions::paced(std::time::Duration::from_secs(1));
    opts.initial = usize::MAX;
    // The blog has no times: the replay's own, from a start in 2025.
    opts.origin = jiff::Timestamp::from_second(1_739_800_000).ok();
    let snap = Timeline::new(blog, &opts).at(std::time::Duration::from_secs(1_000_000));
    let site = Site {
        base: "http://127.0.0.1:8080".into(),
        page_path: "/live".into(),
    };
    let page = amp_page(&snap, &site);
    let n = items_read_alike(&page);
    assert!(n > 10, "{n}");
}
