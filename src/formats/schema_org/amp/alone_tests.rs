//! The AMP list read without the page's tree (`live_list_alone`) is held to the reading
//! through the tree: wherever it answers, `read` gives the same blog either way.

use crate::formats::schema_org::amp_readings;
use std::fmt::Write;

/// Whether the reading without the tree answered for `page`; panics where it answered
/// otherwise than the reading through the tree.
fn reads_alike(page: &str) -> bool {
    let Some((alone, by_tree)) = amp_readings(page) else {
        return false;
    };
    assert_eq!(Ok(alone), by_tree, "{page}");
    true
}

/// How many elements of `page`'s lists were skimmed, and how many built, in its light tree.
fn items_skimmed_and_built(page: &str) -> (usize, usize) {
    use crate::formats::html::dom::Dom;
    crate::formats::html::read_light(page, |tree| {
        let items = tree.nodes().filter(|n| {
            n.parent().is_some_and(|h| {
                h.attr("items").is_some() && h.parent().is_some_and(|l| l.name() == "amp-live-list")
            })
        });
        items.fold((0, 0), |(s, b), n| {
            if n.skimmed().is_some() {
                (s + 1, b)
            } else {
                (s, b + 1)
            }
        })
    })
    .unwrap_or_default()
}

/// Every fixture page, whatever its kind: the AMP ones are read alike, the others are left.
#[test]
fn every_fixture_page_reads_alike() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut stack = vec![dir];
    let (mut amp, mut answered) = (0, 0);
    while let Some(d) = stack.pop() {
        for f in std::fs::read_dir(d).unwrap() {
            let path = f.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            amp += usize::from(text.contains("<amp-live-list"));
            answered += usize::from(reads_alike(&text));
        }
    }
    assert!(
        amp >= 2 && answered >= 2,
        "{amp} AMP pages, {answered} read alone"
    );
}

/// The replay server's AMP page of the bundled blog, live and ended, read both ways alike.
#[test]
fn replayed_amp_pages_read_alike() {
    use crate::serve::timeline::{ReplayOptions, Timeline};
    use crate::serve::writers::{Site, amp::amp_page};
    let blog = crate::formats::parse(crate::source::BUNDLED.as_bytes()).unwrap();
    let site = Site {
        base: "http://127.0.0.1:8080".into(),
        page_path: "/live".into(),
    };
    for (initial, at) in [(usize::MAX, 1_000_000), (3, 10), (1, 0)] {
        let mut opts = ReplayOptions::paced(std::time::Duration::from_secs(1));
        opts.initial = initial;
        opts.origin = jiff::Timestamp::from_second(1_739_800_000).ok();
        let snap = Timeline::new(blog.clone(), &opts).at(std::time::Duration::from_secs(at));
        assert!(reads_alike(&amp_page(&snap, &site)));
    }
}

/// Pieces of items the fast readings leave (entities, comments, scripts, tables, SVG, capitals,
/// misnesting, stray tags, carriage returns, players) or that the parser builds otherwise than
/// written.
const ODD: &[&str] = &[
    "<p>caf&eacute; &#39;quoted&#39; &quot;x&quot; &amp;amp; &nbsp;&copy 1</p>",
    "<!-- note --><p>after a comment</p>",
    "<script>var a = \"<div>\";</script><p>s</p>",
    "<ul><li>one<ul><li>deep</li></ul></li><li>two</ul>",
    "<p>left open<p>and another",
    "<div><span itemprop=\"author\"><b>Fay</b></span></div>",
    "<amp-img src=\"/rel.jpg\" layout=\"responsive\" width=\"4\" height=\"3\"></amp-img>",
    "<table><tr><td>refused</td></tr></table>",
    "<svg><title>t</title></svg>",
    "<P CLASS=\"Up\">upper case</P>",
    "<b><i>misnested</b></i>",
    "</span>",
    "<p>a\r\nline\rbreak</p>",
    "<figure><iframe src=\"https://example.com/v\"></iframe></figure>",
    "<h3 itemprop=\"headline\">In-item headline</h3>",
    // Closed tags the parser closes or moves otherwise than they are written.
    "<p>para<div>block</div></p>",
    "<ul><li>a<li>b</li></li></ul>",
    // The same, where it moves the title out of the child that seems to hold it.
    "<p>lead<div><h3>In a block</h3></div></p>",
    "<li>one<li><h3>In an item</h3></li></li>",
    "<p>lead<div><span itemprop=\"author\">In a block</span></div></p>",
    "<h2>a<h3>b</h3></h2>",
    "<a href=\"/x\">a<a href=\"/y\">b</a></a>",
    "<p>a<hr></p>",
];

/// One made-up item: what `tests::random_item_inner` makes, and now and then entities,
/// comments, scripts, lists nested, paragraphs left open or markup the fast page reading
/// leaves to html5ever.
fn random_item(rng: &mut fastrand::Rng, n: usize) -> String {
    let mut inner = super::tests::random_item_inner(rng);
    // A table makes the fast page reading leave the whole page: kept now and then only.
    if rng.u8(..8) != 0 {
        inner = inner.replace("<table><tr><td>cell</td></tr></table>", "<p>cell</p>");
    }
    if rng.u8(..5) == 0 {
        inner.push_str(ODD[rng.usize(..ODD.len())]);
    }
    let sort = [
        "1466669033418",
        "1466669153",
        "44",
        "0",
        "-5",
        " 1466669033418 ",
        "x",
        "",
    ][rng.usize(..8)];
    let sort = if rng.u8(..12) == 0 {
        String::new()
    } else {
        format!(" data-sort-time=\"{sort}\"")
    };
    let extra = [
        "",
        " data-update-time=\"1466669999999\"",
        " data-update-time=\"1\"",
        " data-tombstone",
        " class=\"entry\"",
    ][rng.usize(..5)];
    // An item that is a heading or a paragraph holding blocks is left to html5ever: rarer.
    let tag = match rng.u8(..40) {
        0 => "h2",
        1 => "p",
        2..6 => "article",
        _ => "div",
    };
    let id = match rng.u8(..12) {
        0 => String::new(),
        1 => " id=\" \"".to_string(),
        2 => " id=\"dup\"".to_string(),
        _ => format!(" id=\"i{n}\""),
    };
    format!("<{tag}{id}{sort}{extra}>{inner}</{tag}>\n")
}

/// A list of made-up items, with an `items` child or not, disabled or not, with any poll
/// interval.
fn random_list(rng: &mut fastrand::Rng, id: usize) -> String {
    let mut items = String::new();
    for n in 0..rng.usize(0..7) {
        items.push_str(&random_item(rng, n));
    }
    let disabled = if rng.u8(..4) == 0 { " disabled" } else { "" };
    let poll = [
        "",
        " data-poll-interval=\"20000\"",
        " data-poll-interval=\"2000\"",
        " data-poll-interval=\"x\"",
        " data-poll-interval=\"999999999999\"",
    ][rng.usize(..5)];
    let holder = [
        "<div items>",
        "<div class=\"items\">",
        "<section items=\"\">",
    ];
    let open = holder[rng.usize(..holder.len())];
    let close = if open.starts_with("<section") {
        "</section>"
    } else {
        "</div>"
    };
    let button = if rng.bool() {
        "<button update on=\"tap:l.update\">New</button>"
    } else {
        ""
    };
    format!(
        "<amp-live-list id=\"l{id}\"{poll}{disabled} data-max-items-per-page=\"5\">\
         {button}{open}\n{items}{close}</amp-live-list>\n"
    )
}

/// The head of a made-up AMP page: a title or not, canonical links of several kinds, a
/// description, and JSON-LD that names no blog, a blog without updates, or one with them.
fn random_head(rng: &mut fastrand::Rng) -> String {
    let mut head = String::new();
    if rng.u8(..5) != 0 {
        head.push_str("<title>Live: the &amp; page</title>");
    }
    let canonical = [
        "<link rel=\"canonical\" href=\"https://example.com/live\">",
        "<link rel=\"Canonical amphtml\" href=\"//example.com/live\">",
        "<link rel=\"canonical\" href=\"javascript:alert(1)\">",
        "<link rel=\"canonical\">",
        "",
    ];
    head.push_str(canonical[rng.usize(..canonical.len())]);
    if rng.bool() {
        head.push_str("<meta name=\"description\" content=\"  What  happened \">");
    }
    let ld = [
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"N\"}\
         </script>",
        "<script type=\"application/ld+json\">{\"@type\": \"LiveBlogPosting\", \"headline\": \
         \"Empty\"}</script>",
        "<script type=\"application/ld+json\">{\"@type\": \"LiveBlogPosting\", \"headline\": \
         \"H\", \"liveBlogUpdate\": [{\"@type\": \"BlogPosting\", \"headline\": \"u\", \
         \"articleBody\": \"b\"}]}</script>",
        "<script type=\"application/ld+json\">{not json</script>",
        // A blog named without the word written out: the reading alone must see it too.
        "<script type=\"application/ld+json\">{\"@type\": \"LiveBlog\\u0050osting\", \
         \"headline\": \"Escaped\"}</script>",
        "<script type=\"Application/LD+JSON\">{\"@type\": \"LiveBlog\\u0050osting\", \
         \"headline\": \"H\", \"liveBlogUpdate\": [{\"@type\": \"BlogPosting\", \
         \"articleBody\": \"b\"}]}</script>",
    ];
    head.push_str(ld[rng.usize(..ld.len())]);
    head
}

/// A made-up AMP page: its head, a headline or not, lists (none, one, several, one inside
/// another's item), microdata naming a blog now and then.
fn random_page(rng: &mut fastrand::Rng) -> String {
    let mut body = String::new();
    match rng.u8(..4) {
        0 => body.push_str("<h1>Page <i>headline</i></h1>"),
        1 => body.push_str("<div itemprop=\"headline\">Marked headline</div>"),
        _ => {}
    }
    if rng.u8(..3) == 0 {
        body.push_str("<p class=\"intro standfirst\">Under the <b>headline</b></p>");
    }
    match rng.u8(..10) {
        0 => body.push_str(
            "<div itemscope itemtype=\"https://schema.org/LiveBlogPosting\">\
             <span itemprop=\"headline\">Micro</span></div>",
        ),
        // Microdata naming a blog without the word written out.
        1 => body.push_str(
            "<div itemscope itemtype=\"https://schema.org/LiveBlog&#80;osting\">\
             <span itemprop=\"headline\">Micro</span></div>",
        ),
        _ => {}
    }
    let lists = [1, 1, 1, 1, 1, 2, 3, 0][rng.usize(..8)];
    for id in 0..lists {
        let list = random_list(rng, id);
        if rng.u8(..10) == 0 {
            // A list inside another list's item.
            let _ = write!(
                body,
                "<amp-live-list id=\"outer{id}\"><div items><div id=\"o\" \
                 data-sort-time=\"1466669033418\">{list}</div></div></amp-live-list>"
            );
        } else {
            body.push_str(&list);
        }
    }
    let doctype = if rng.u8(..10) == 0 {
        ""
    } else {
        "<!doctype html>"
    };
    format!(
        "{doctype}<html amp lang=\"en\"><head><meta charset=\"utf-8\">{}</head>\n<body>\n\
         {body}</body></html>\n",
        random_head(rng)
    )
}

#[test]
fn made_up_amp_pages_read_alike_and_both_readings_are_common() {
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut answered, mut left, mut skimmed, mut built) = (0, 0, 0, 0);
    for _ in 0..6000 {
        let page = random_page(&mut rng);
        if reads_alike(&page) {
            answered += 1;
            let (s, b) = items_skimmed_and_built(&page);
            skimmed += s;
            built += b;
        } else {
            left += 1;
        }
    }
    // Neither side is rare, so the comparison is not made of pages one reading leaves; nor
    // are items skimmed or built.
    assert!(
        answered > 1000 && left > 1000,
        "{answered} answered, {left} left"
    );
    assert!(
        skimmed > 1500 && built > 1500,
        "{skimmed} items skimmed, {built} built"
    );
}

/// Each made-up piece of an item, alone in an item first in its list: a piece the parser
/// builds otherwise than written then decides the item's title and byline.
#[test]
fn every_piece_alone_in_an_item_reads_alike() {
    let mut answered = 0;
    for piece in ODD
        .iter()
        .chain(super::tests::PIECES.iter().flat_map(|p| p.iter()))
    {
        for before in ["", "<p>first</p>"] {
            let page = format!(
                "<!doctype html><html><head><title>T</title></head><body>\
                 <amp-live-list id=\"l\"><div items><div id=\"a\" \
                 data-sort-time=\"1466669033418\">{before}{piece}</div></div></amp-live-list>\
                 </body></html>"
            );
            answered += usize::from(reads_alike(&page));
        }
    }
    assert!(answered > 40, "{answered}");
}
