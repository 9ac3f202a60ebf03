use super::both_readings;
use super::scan::NextLinks;
use crate::formats::parse;

/// A page whose JSON-LD names the blog at `url`, with `extra` in its head and `body` after
/// its one post.
fn page(url: &str, extra: &str, body: &str) -> String {
    format!(
        r#"<!doctype html><html><head><title>Budget</title>{extra}
<script type="application/ld+json">{{"@type":"LiveBlogPosting","headline":"Budget",
"url":"{url}","liveBlogUpdate":[{{"@type":"BlogPosting","@id":"p1",
"datePublished":"2024-05-01T10:00:00Z","articleBody":"First."}}]}}</script>
</head><body><p>First.</p>{body}</body></html>"#
    )
}

const URL: &str = "https://a.example/news/live/budget";

#[test]
fn the_head_s_next_link_names_the_older_page() {
    let p = page(
        URL,
        r#"<link rel="next" href="https://a.example/news/live/budget?page=2">"#,
        "",
    );
    let blog = parse(p.as_bytes()).unwrap();
    assert_eq!(
        blog.older.as_deref(),
        Some("https://a.example/news/live/budget?page=2")
    );
    // Written relative, with a reference, and among other words of `rel`: resolved against the
    // address the page names for itself.
    let p = page(
        URL,
        r#"<LINK REL="prefetch Next" href="?page=2&amp;s=1">"#,
        "",
    );
    assert_eq!(
        parse(p.as_bytes()).unwrap().older.as_deref(),
        Some("https://a.example/news/live/budget?page=2&s=1")
    );
}

#[test]
fn a_pagination_link_in_the_body_names_it_when_the_head_does_not() {
    let body = r#"<nav><a href="/news/live/budget/page/2/" rel="next">Older posts</a></nav>"#;
    let blog = parse(page(URL, "", body).as_bytes()).unwrap();
    assert_eq!(
        blog.older.as_deref(),
        Some("https://a.example/news/live/budget/page/2/")
    );
}

#[test]
fn a_next_article_link_is_not_an_older_page() {
    let next_story = r#"<link rel="next" href="https://a.example/news/live/election">"#;
    let blog = parse(page(URL, next_story, "").as_bytes()).unwrap();
    assert_eq!(blog.older, None);
    // Passed over, the pagination link of the body is taken.
    let body = r#"<a rel="next" href="/news/live/budget?page=2">Older</a>"#;
    let blog = parse(page(URL, next_story, body).as_bytes()).unwrap();
    assert_eq!(
        blog.older.as_deref(),
        Some("https://a.example/news/live/budget?page=2")
    );
    // A link to the page itself goes nowhere older.
    let itself = format!(r#"<link rel="next" href="{URL}">"#);
    assert_eq!(
        parse(page(URL, &itself, "").as_bytes()).unwrap().older,
        None
    );
}

/// Where the AMP version of the blog at [`URL`] is served: a path of its own, which it names
/// nowhere, its canonical link naming [`URL`].
const AMP_AT: &str = "https://a.example/amp/news/live/budget";

/// The next older page `page` names, fetched from `at`.
fn read_from(page: &str, at: &str) -> Option<String> {
    let at = url::Url::parse(at).unwrap();
    crate::formats::parse_with_format_at(page.as_bytes(), Some(&at))
        .unwrap()
        .0
        .older
}

/// The AMP version of the blog at [`URL`], naming `next` as its next page.
fn amp_page(next: &str) -> String {
    let head = format!(r#"<link rel="canonical" href="{URL}"><link rel="next" href="{next}">"#);
    page(URL, &head, "")
}

#[test]
fn an_amp_page_s_next_page_on_its_own_path_is_an_older_page() {
    let second = "https://a.example/amp/news/live/budget?page=2";
    for (next, older) in [
        ("/amp/news/live/budget?page=2", second),
        ("?page=2", second),
        (
            "https://a.example/amp/news/live/budget/page/2/",
            "https://a.example/amp/news/live/budget/page/2/",
        ),
        // Its canonical version's next page.
        (
            "/news/live/budget?page=2",
            "https://a.example/news/live/budget?page=2",
        ),
    ] {
        assert_eq!(
            read_from(&amp_page(next), AMP_AT).as_deref(),
            Some(older),
            "{next}"
        );
    }
    // The second page, fetched from where the first named it, names the third.
    assert_eq!(
        read_from(&amp_page("?page=3"), second).as_deref(),
        Some("https://a.example/amp/news/live/budget?page=3")
    );
    // A canonical page that names its AMP version's next page is not paged by it, wherever it
    // was read from: the poller, which pages by the blog's own address and the one it reads,
    // could not load it.
    let canonical = page(
        URL,
        r#"<link rel="amphtml" href="/amp/news/live/budget"><link rel="next" href="/amp/news/live/budget?page=2">"#,
        "",
    );
    assert_eq!(read_from(&canonical, URL), None);
    assert_eq!(parse(canonical.as_bytes()).unwrap().older, None);
}

#[test]
fn an_amp_page_s_next_article_is_not_an_older_page() {
    for next in [
        "/amp/news/live/election",
        "/amp/news/live/election?page=2",
        "/amp/news/live/budget/comments",
        "https://b.example/amp/news/live/budget?page=2",
        "http://a.example/amp/news/live/budget?page=2",
        // The page itself, and its canonical version, go nowhere older.
        "/amp/news/live/budget",
        URL,
    ] {
        assert_eq!(read_from(&amp_page(next), AMP_AT), None, "{next}");
    }
    // Nor one on another host than the page came from, though the page names it its own.
    let elsewhere = "https://b.example/news/live/budget";
    let head = format!(r#"<link rel="next" href="{elsewhere}?page=2">"#);
    assert_eq!(read_from(&page(elsewhere, &head, ""), AMP_AT), None);
    // Passed over, the pagination link of the body is taken.
    let head = format!(
        r#"<link rel="canonical" href="{URL}"><link rel="next" href="/amp/news/live/election">"#
    );
    let p = page(URL, &head, r#"<a rel="next" href="?page=2">Older</a>"#);
    assert_eq!(
        read_from(&p, AMP_AT).as_deref(),
        Some("https://a.example/amp/news/live/budget?page=2")
    );
}

#[test]
fn a_saved_page_s_relative_next_link_is_resolved_against_the_address_it_names() {
    let path = r#"<link rel="next" href="/news/live/budget/page/2/">"#;
    let query = r#"<link rel="next" href="?page=2">"#;
    let canonical = format!(r#"<link rel="canonical" href="{URL}">"#);
    let og_url = format!(r#"<meta property="og:url" content="{URL}">"#);
    let second = "https://a.example/news/live/budget/page/2/";
    for (p, older) in [
        // The JSON-LD `url` of its blog, its canonical link, its `og:url`.
        (page(URL, path, ""), second),
        (page("", &format!("{canonical}{path}"), ""), second),
        (page("", &format!("{og_url}{path}"), ""), second),
        (
            page("", &format!("{og_url}{query}"), ""),
            "https://a.example/news/live/budget?page=2",
        ),
    ] {
        assert_eq!(
            parse(p.as_bytes()).unwrap().older.as_deref(),
            Some(older),
            "{p}"
        );
    }
    // Judged as a page fetched from there is: a next article is passed over.
    for next in [
        "/news/live/election",
        "../election/",
        "https://b.example/news/live/budget?page=2",
    ] {
        let head = format!(r#"{canonical}<link rel="next" href="{next}">"#);
        assert_eq!(
            parse(page("", &head, "").as_bytes()).unwrap().older,
            None,
            "{next}"
        );
    }
    // A page that names no address of its own keeps the link as written.
    assert_eq!(
        parse(page("", path, "").as_bytes())
            .unwrap()
            .older
            .as_deref(),
        Some("/news/live/budget/page/2/")
    );
}

#[test]
fn a_next_link_hidden_from_the_page_is_not_read() {
    for hidden in [
        r#"<!-- <link rel="next" href="?page=2"> -->"#,
        r#"<script>document.write('<link rel="next" href="?page=2">')</script>"#,
        r#"<a title='rel="next"' href="?page=2">x</a><link rel="nextpage" href="?page=3">"#,
    ] {
        let blog = parse(page(URL, hidden, "").as_bytes()).unwrap();
        assert_eq!(blog.older, None, "{hidden}");
    }
}

/// Whether the scan answered, asserting it found what the tree finds when it did.
fn agrees(page: &str) -> bool {
    match both_readings(page) {
        (Some(scanned), tree) => {
            assert_eq!(scanned, tree, "{page}");
            true
        }
        (None, _) => false,
    }
}

#[test]
fn the_scan_finds_the_links_the_tree_finds() {
    for p in [
        r#"<link rel=next href=?page=2><a rel="next" href="/p/2/">2</a>"#,
        r#"<link rel="next"><a rel='NEXT' href='x&amp;y'>2</a><a rel=next href=z>"#,
        r#"<a rel="prev" href="a"><link rel="next" href="b" rel="x"><link href="c" rel="next">"#,
        r#"<p title='<link rel="next" href="no">'><a rel=" next " href=" sp ">x</a>"#,
        r"<textarea><a rel=next href=no></textarea><a rel=next href=yes>",
        // The addresses a page names, which its next links are judged by.
        r#"<link rel="Canonical alternate" href="/c?a&amp;b"><link rel=canonical href=no>"#,
        r#"<link rel=amphtml href=/amp/x><meta property="og:url" content="https://a.example/x">"#,
        r"<meta name=og:url content=n><meta property=og:title name=og:url content=no>",
        r#"<meta property="og&#58;url"><a rel=canonical href=no><meta rel=next href=no>"#,
    ] {
        assert!(agrees(p), "not scanned: {p}");
    }
    // Inside `<svg>` an `<a>` is another element: the tree says.
    assert!(!agrees(r#"<svg><a rel="next" href="?page=2"/></svg>"#));
    assert!(!agrees(r#"<svg><link rel="canonical" href="/x"/></svg>"#));
    let named = r#"<link rel="Canonical" href="/c?a&amp;b"><link rel=amphtml href=/amp/x>
        <meta property=og:title name=og:url content=no><meta name=og:url content=/o>"#;
    let (Some(scanned), _) = both_readings(named) else {
        panic!("not scanned: {named}")
    };
    assert_eq!(
        [scanned.canonical, scanned.og_url],
        [Some("/c?a&b"), Some("/o")].map(|s| s.map(String::from))
    );
    assert_eq!(
        both_readings(r#"<svg><a rel="next" href="?page=2"/></svg>"#).1,
        NextLinks::default()
    );
}

#[test]
fn every_fixture_page_reads_its_links_as_its_tree_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut read = 0;
    for dir in [
        root.join("tests/fixtures/html"),
        root.join("tests/fixtures/amp"),
    ] {
        for f in std::fs::read_dir(dir).unwrap().flatten() {
            let p = String::from_utf8_lossy(&std::fs::read(f.path()).unwrap()).into_owned();
            read += usize::from(agrees(&p));
            // No real page in the fixtures is paged: none names an older page.
            assert_eq!(
                parse(p.as_bytes()).map(|b| b.older).unwrap_or_default(),
                None
            );
        }
    }
    assert!(read >= 4, "only {read} fixture pages scanned");
    // A `rel` written with character references, which the tree decodes, and an `href` too.
    for (head, body) in [
        (r#"<link rel="&#110;ext" href="?page=2">"#, ""),
        (r#"<link REL='n&#x65;xt' href="?page=2&amp;a=1">"#, ""),
        (
            "",
            r#"<a rel="next&#32;nofollow" href="/news/live/budget/page/2/">2</a>"#,
        ),
        ("", r"<a rel=&#x4E;EXT href=?page&#61;2>2</a>"),
    ] {
        let p = page(URL, head, body);
        assert!(agrees(&p), "not scanned: {p}");
        let (_, tree) = both_readings(&p);
        assert!(tree.link.is_some() || tree.anchor.is_some(), "{p}");
        assert!(parse(p.as_bytes()).unwrap().older.is_some(), "{p}");
    }
}

#[test]
fn a_page_that_never_writes_rel_before_next_is_not_read_again() {
    assert!(super::mentions_rel_next(
        r#"<link REL = "prefetch prerender NEXT" href=x>"#
    ));
    assert!(super::mentions_rel_next("<a rel=next>"));
    assert!(super::mentions_rel_next(r#"<a rel="&#110;ext">"#));
    assert!(!super::mentions_rel_next(
        r#"<link rel="stylesheet" href="a?b&amp;c"><a class="next">"#
    ));
    assert!(!super::mentions_rel_next(
        "<p>Next: the budget</p><link rel=canonical>"
    ));
    assert_eq!(super::links("<p>Next: the budget</p>"), None);
}
