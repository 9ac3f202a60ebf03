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

/// One made-up item: what `tests::random_item_inner` makes, and now and then entities,
/// comments, scripts, lists nested, paragraphs left open or markup the fast page reading
/// leaves to html5ever.
fn random_item(rng: &mut fastrand::Rng, n: usize) -> String {
    let mut inner = super::tests::random_item_inner(rng);
    // A table makes the fast page reading leave the whole page: kept now and then only.
    if rng.u8(..8) != 0 {
        inner = inner.replace("<table><tr><td>cell</td></tr></table>", "<p>cell</p>");
    }
    let odd = [
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
    ];
    if rng.u8(..5) == 0 {
        inner.push_str(odd[rng.usize(..odd.len())]);
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
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"N\"}\
         </script>",
        "<script type=\"application/ld+json\">{\"@type\": \"LiveBlogPosting\", \"headline\": \
         \"Empty\"}</script>",
        "<script type=\"application/ld+json\">{\"@type\": \"LiveBlogPosting\", \"headline\": \
         \"H\", \"liveBlogUpdate\": [{\"@type\": \"BlogPosting\", \"headline\": \"u\", \
         \"articleBody\": \"b\"}]}</script>",
        "<script type=\"application/ld+json\">{not json</script>",
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
    if rng.u8(..8) == 0 {
        body.push_str(
            "<div itemscope itemtype=\"https://schema.org/LiveBlogPosting\">\
             <span itemprop=\"headline\">Micro</span></div>",
        );
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
fn made_up_amp_pages_read_alike_and_both_answers_are_common() {
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut answered, mut left) = (0, 0);
    for _ in 0..4000 {
        let page = random_page(&mut rng);
        if reads_alike(&page) {
            answered += 1;
        } else {
            left += 1;
        }
    }
    // Neither side is rare, so the comparison is not made of pages one reading leaves.
    assert!(
        answered > 1000 && left > 1000,
        "{answered} answered, {left} left"
    );
}
