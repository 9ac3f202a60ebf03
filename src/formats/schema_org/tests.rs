use super::*;
use crate::blog::{Block, Image, Inline, LiveState};
use crate::formats::FormatError;
use crate::formats::html::has_markup;

fn blog(json: &str) -> LiveBlog {
    crate::formats::parse(json.as_bytes()).unwrap()
}

#[test]
fn a_type_array_and_a_graph_are_searched() {
    let b = blog(
        r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
           {"@type":["NewsArticle","LiveBlogPosting"],"headline":"G",
            "liveBlogUpdate":{"@type":"BlogPosting","@id":"u1","articleBody":"One"}}]}"#,
    );
    assert_eq!(b.title, "G");
    assert_eq!(b.entries.len(), 1);
    assert_eq!(b.entries[0].id, "u1");
    assert_eq!(b.entries[0].plain_text(), "One");
}

#[test]
fn references_into_the_graph_are_followed() {
    let b = blog(
        r#"{"@context":"https://schema.org","@graph":[
            {"@type":"Person","@id":"https://x/#ann","name":"Ann"},
            {"@type":"BlogPosting","@id":"https://x/#u1","articleBody":"One",
             "author":{"@id":"https://x/#ann"}},
            {"@type":"LiveBlogPosting","headline":"Refs","mainEntityOfPage":{"@id":"https://x/#page"},
             "liveBlogUpdate":[{"@id":"https://x/#u1"},{"@id":"https://x/#missing"}]},
            {"@type":"WebPage","@id":"https://x/#page","url":"https://x/live"}]}"#,
    );
    assert_eq!(b.url.as_deref(), Some("https://x/live"));
    assert_eq!(b.entries.len(), 1);
    let one = &b.entries[0];
    assert_eq!(one.id, "https://x/#u1");
    assert_eq!(one.authors, ["Ann"]);
    assert_eq!(one.plain_text(), "One");
}

#[test]
fn main_entity_nesting_is_searched() {
    let b = blog(
        r#"{"@type":"WebPage","mainEntity":{"@type":"LiveBlogPosting","headline":"M",
            "liveBlogUpdate":[]}}"#,
    );
    assert_eq!(b.title, "M");
    assert!(b.entries.is_empty());
}

#[test]
fn updates_without_ids_get_stable_text_ids_and_shared_ids_are_not_trusted() {
    let doc = r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
        {"url":"https://x/#same","datePublished":"2024-01-01T10:00:00Z","articleBody":"A"},
        {"url":"https://x/#same","datePublished":"2024-01-01T09:00:00Z","articleBody":"B"},
        {"datePublished":"2024-01-01T08:00:00Z","articleBody":"C"}]}"#;
    let a = blog(doc);
    let b = blog(doc);
    assert_eq!(a.entries.len(), 3);
    for (x, y) in a.entries.iter().zip(&b.entries) {
        assert_eq!(x.id, y.id);
        assert!(x.id.starts_with("ld-"), "{}", x.id);
    }
    assert_ne!(a.entries[0].id, a.entries[1].id);
}

#[test]
fn ids_numbered_from_the_newest_update_are_replaced_by_text_ids() {
    let doc = |n: usize| {
        let mut ups = Vec::new();
        for i in 1..=n {
            ups.push(format!(
                r#"{{"url":"https://x/live#post{i}","datePublished":"2024-01-01T10:{m:02}:00Z","articleBody":"Post {m}"}}"#,
                m = n + 1 - i
            ));
        }
        format!(
            r#"{{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[{}]}}"#,
            ups.join(",")
        )
    };
    let before = blog(&doc(2));
    let after = blog(&doc(3));
    assert!(before.entries.iter().all(|e| e.id.starts_with("ld-")));
    // The same two posts keep their ids when a third arrives above them.
    assert_eq!(
        before.entries[0].plain_text(),
        after.entries[1].plain_text()
    );
    assert_eq!(before.entries[0].id, after.entries[1].id);
    assert_eq!(before.entries[1].id, after.entries[2].id);
    // Numbers counted from the oldest are stable, and kept.
    let oldest_first = r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
        {"url":"https://x/#2","datePublished":"2024-01-01T10:00:00Z","articleBody":"b"},
        {"url":"https://x/#1","datePublished":"2024-01-01T09:00:00Z","articleBody":"a"}]}"#;
    let ids: Vec<String> = blog(oldest_first)
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, ["2", "1"]);
}

#[test]
fn plain_text_bodies_split_into_paragraphs_and_entities_are_decoded() {
    let b = blog(
        r#"{"@type":"LiveBlogPosting","headline":"T &amp; U","liveBlogUpdate":[
            {"@id":"a","articleBody":"First line &ndash; ok\n\nSecond&nbsp;line\r\nThird"}]}"#,
    );
    assert_eq!(b.title, "T & U");
    let texts: Vec<String> = b.entries[0].body.iter().map(Block::plain_text).collect();
    assert_eq!(texts, ["First line – ok", "Second\u{a0}line", "Third"]);
}

#[test]
fn a_less_than_sign_that_opens_no_html_tag_is_text() {
    let b = blog(
        r#"{"@type":"LiveBlogPosting","headline":"Rich & <test> blog","liveBlogUpdate":[
            {"@id":"a","headline":"x &lt; y &amp; <b>bold</b>","articleBody":"1 <3 & <rules> hold"}]}"#,
    );
    assert_eq!(b.title, "Rich & <test> blog");
    assert_eq!(b.entries[0].title.as_deref(), Some("x < y & bold"));
    assert_eq!(b.entries[0].plain_text(), "1 <3 & <rules> hold");
    assert!(has_markup("a <br/>b") && has_markup("</P>") && has_markup("<!-- c -->"));
    assert!(!has_markup("<test>") && !has_markup("x<y") && !has_markup("<br"));
}

#[test]
fn entries_are_sorted_newest_first_and_untimed_ones_keep_their_order_last() {
    let b = blog(
        r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
            {"@id":"old","datePublished":"2024-01-01T08:00:00Z","articleBody":"x"},
            {"@id":"none1","articleBody":"x"},
            {"@id":"new","datePublished":"2024-01-01T10:00:00+02:00","articleBody":"x"},
            {"@id":"mid","datePublished":"2024-01-01T09:00:00Z","articleBody":"x"},
            {"@id":"none2","articleBody":"x"}]}"#,
    );
    let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["mid", "old", "new", "none1", "none2"]);
    assert_eq!(
        b.entries[2].published.unwrap().to_rfc3339(),
        "2024-01-01T10:00:00+02:00"
    );
}

#[test]
fn coverage_decides_the_state_without_a_clock() {
    let with = |extra: &str| {
        blog(&format!(
            r#"{{"@type":"LiveBlogPosting","headline":"T",
                "dateModified":"2024-01-01T12:00:00Z"{extra}}}"#
        ))
        .state
    };
    assert_eq!(with(""), LiveState::Unknown);
    assert_eq!(
        with(r#","coverageStartTime":"2024-01-01T08:00:00Z""#),
        LiveState::Live
    );
    assert_eq!(
        with(r#","coverageEndTime":"2024-01-01T12:00:00Z""#),
        LiveState::Ended
    );
    assert_eq!(
        with(
            r#","coverageStartTime":"2024-01-01T08:00:00Z","coverageEndTime":"2024-01-02T00:00:00Z""#
        ),
        LiveState::Live
    );
}

#[test]
fn authors_come_from_strings_people_and_organisations() {
    let b = blog(
        r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
            {"@id":"a","articleBody":"x","author":"Ann"},
            {"@id":"b","articleBody":"x","author":{"@type":"Organization","name":"Org"}},
            {"@id":"c","articleBody":"x","author":[{"@type":"Person","name":"P1"},{"name":""},5]}]}"#,
    );
    let all: Vec<Vec<String>> = b.entries.iter().map(|e| e.authors.clone()).collect();
    assert_eq!(all, [vec!["Ann"], vec!["Org"], vec!["P1"]]);
}

#[test]
fn an_update_image_of_its_own_becomes_an_image_block() {
    let b = blog(
        r#"{"@type":"LiveBlogPosting","headline":"T","image":"https://x/lead.jpg","liveBlogUpdate":[
            {"@id":"a","articleBody":"x","image":{"@type":"ImageObject","url":"https://x/a.jpg","caption":"Cap"}},
            {"@id":"b","articleBody":"x","image":"https://x/lead.jpg"}]}"#,
    );
    assert_eq!(
        b.entries[0].body.last(),
        Some(&Block::Image(Box::new(Image {
            url: Some("https://x/a.jpg".into()),
            caption: "Cap".into(),
            alt: String::new(),
            credit: String::new(),
        })))
    );
    assert_eq!(b.entries[1].body.len(), 1);
}

#[test]
fn wrong_types_everywhere_do_not_panic() {
    for doc in [
        r#"{"@type":"LiveBlogPosting"}"#,
        r#"{"@type":"LiveBlogPosting","headline":5,"liveBlogUpdate":"nope"}"#,
        r#"{"@type":"LiveBlogPosting","headline":null,"liveBlogUpdate":[null,1,"s",[],{}]}"#,
        r#"{"@type":"LiveBlogPosting","headline":{"@value":"V"},"author":[[]],"image":[{}],
           "liveBlogUpdate":[{"@id":5,"author":{},"image":7,"video":"v","datePublished":false}]}"#,
        r#"[{"@type":7},{"@type":["LiveBlogPosting"],"mainEntityOfPage":{"@id":null}}]"#,
    ] {
        let b = crate::formats::parse(doc.as_bytes());
        assert!(b.is_ok(), "{doc}: {b:?}");
    }
}

#[test]
fn a_page_without_a_live_blog_is_refused() {
    let page = b"<!doctype html><html><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script><p>Hi</p></html>";
    assert_eq!(
        crate::formats::parse(page).unwrap_err(),
        FormatError::NotALiveBlog(
            "no schema.org LiveBlogPosting, AMP live list, or run of timed blocks found".into()
        )
    );
}

#[test]
fn microdata_values_follow_the_tag_rules() {
    let page = r#"<!doctype html><html><body>
        <div itemscope itemtype="http://schema.org/LiveBlogPosting">
          <h1 itemprop="headline">Micro <b>blog</b></h1>
          <div itemprop="liveBlogUpdate" itemscope itemtype="http://schema.org/BlogPosting">
            <a itemprop="url" href="https://x/live#p2">link</a>
            <time itemprop="datePublished" datetime="2024-05-01T10:00:00+02:00">10am</time>
            <div itemprop="articleBody">Second post</div>
            <span itemprop="author" itemscope itemtype="http://schema.org/Person">
              <span itemprop="name">Bea</span></span>
          </div>
          <div itemprop="liveBlogUpdate" itemscope itemtype="http://schema.org/BlogPosting">
            <meta itemprop="url" content="https://x/live#p1">
            <meta itemprop="datePublished" content="2024-05-01T09:00:00+02:00">
            <p itemprop="articleBody">First post</p>
          </div>
        </div></body></html>"#;
    let b = blog(page);
    assert_eq!(b.title, "Micro blog");
    let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["p2", "p1"]);
    assert_eq!(b.entries[0].authors, ["Bea"]);
    assert_eq!(
        b.entries[0].published.unwrap().to_rfc3339(),
        "2024-05-01T10:00:00+02:00"
    );
    assert_eq!(b.entries[1].plain_text(), "First post");
}

#[test]
fn microdata_updates_are_used_when_the_json_ld_blog_has_none() {
    let page = r#"<html><head><script type="application/ld+json">
        {"@type":"LiveBlogPosting","headline":"From JSON-LD"}</script></head><body>
        <div itemscope itemtype="https://schema.org/LiveBlogPosting">
          <meta itemprop="headline" content="From microdata">
          <div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">
            <meta itemprop="articleBody" content="Only here"></div></div></body></html>"#;
    let b = blog(page);
    assert_eq!(b.title, "From microdata");
    assert_eq!(b.entries.len(), 1);
    let no_updates = r#"<html><head><script type="application/ld+json">
        {"@type":"LiveBlogPosting","headline":"From JSON-LD"}</script></head></html>"#;
    assert_eq!(blog(no_updates).title, "From JSON-LD");
}

#[test]
fn script_type_is_matched_case_insensitively_with_parameters() {
    let page = r#"<html><head><script type="Application/LD+JSON; charset=utf-8">
        {"@type":"LiveBlogPosting","headline":"Typed"}</script></head></html>"#;
    assert_eq!(blog(page).title, "Typed");
}

/// A borrowed tree as the `serde_json::Value` the scripts used to be read into.
fn as_serde(v: &crate::formats::json::Value<'_>) -> serde_json::Value {
    use crate::formats::json::Value as V;
    match v {
        V::Null => serde_json::Value::Null,
        V::Bool(b) => serde_json::Value::Bool(*b),
        V::Number(n) => serde_json::Value::Number(n.clone()),
        V::String(s) => serde_json::Value::String(s.to_string()),
        V::Array(items) => serde_json::Value::Array(items.iter().map(as_serde).collect()),
        V::Object(o) => serde_json::Value::Object(
            o.members()
                .into_iter()
                .map(|(k, v)| (k.to_string(), as_serde(v)))
                .collect(),
        ),
    }
}

/// The old reading: `serde_json::Value`, repaired the same way when strict parsing fails.
fn serde_lenient(s: &str) -> Option<serde_json::Value> {
    serde_json::from_str(s)
        .ok()
        .or_else(|| serde_json::from_str(&lenient::repair_json(s)).ok())
}

#[test]
fn every_fixture_script_reads_as_serde_json_read_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut scripts = Vec::new();
    for sub in ["html", "amp"] {
        for f in std::fs::read_dir(dir.join(sub)).unwrap().flatten() {
            let page = String::from_utf8_lossy(&std::fs::read(f.path()).unwrap()).into_owned();
            let doc = html::parse_document(&page).unwrap();
            scripts.extend(ld_json_texts(&doc));
        }
    }
    for f in std::fs::read_dir(dir.join("jsonld")).unwrap().flatten() {
        scripts.push(String::from_utf8(std::fs::read(f.path()).unwrap()).unwrap());
    }
    scripts.push("{\"a\":1,\"a\":[2,{\"b\":\"\\u003cp\\u003e\",\"@id\":null}],\"z\":1.5}".into());
    scripts.push("{\n // c\n \"a\": \"x\ny\", \"b\": [1, 2,],\n}".into());
    assert!(scripts.len() >= 8, "{} scripts", scripts.len());
    for s in &scripts {
        let new = lenient::parse_lenient(s).ok().map(|v| as_serde(&v));
        assert_eq!(new, serde_lenient(s), "{s}");
    }
}

#[test]
fn text_already_decoded_reads_as_its_bytes_read() {
    let nuls = format!(
        "{{\"@type\":\"LiveBlogPosting\",\"headline\":\"{}\"}}",
        "\0".repeat(9)
    );
    for doc in [
        "\u{feff}{\"@type\":\"LiveBlogPosting\",\"headline\":\"One mark\"}",
        "\u{feff}\u{feff}{\"@type\":\"LiveBlogPosting\",\"headline\":\"Two\"}",
        "{\"@type\":\"LiveBlogPosting\",\"headline\":\"A NUL \0\"}",
        &nuls,
        "\0\0\0\0<p>",
    ] {
        // What `formats::parse` refuses as not text never reaches the reader.
        let Ok(text) = crate::formats::as_text(doc.as_bytes()) else {
            continue;
        };
        assert_eq!(
            format!("{:?}", parse_text(&text, None)),
            format!("{:?}", parse(text.as_bytes())),
            "{doc:?}"
        );
    }
}

#[test]
fn a_headline_that_is_the_bodys_first_words_is_no_title() {
    let doc = r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
        {"@id":"a","headline":"19:02(IST) Kane Williamson made a fragile middle-order, full of rooki",
         "articleBody":"Kane Williamson made a fragile middle-order, full of rookies, look solid.",
         "datePublished":"2020-10-02T19:02:00+05:30"},
        {"@id":"b","headline":"Kane Williamson out","articleBody":"Kane Williamson is out for 9."},
        {"@id":"c","headline":"TOSS","articleBody":"TOSS: Chennai win and bowl."}]}"#;
    let blog = super::parse(doc.as_bytes()).unwrap();
    let titles: Vec<Option<&str>> = blog.entries.iter().map(|e| e.title.as_deref()).collect();
    assert_eq!(titles, [None, Some("Kane Williamson out"), Some("TOSS")]);
    // A headline that is the whole first paragraph again keeps the title, not the paragraph.
    let doc = r#"{"@type":"LiveBlogPosting","headline":"T","liveBlogUpdate":[
        {"@id":"a","headline":"Visiting suspended","articleBody":"<p>\u200bVisiting suspended</p><p>More.</p>"}]}"#;
    let blog = super::parse(doc.as_bytes()).unwrap();
    assert_eq!(blog.entries[0].title.as_deref(), Some("Visiting suspended"));
    assert_eq!(blog.entries[0].plain_text(), "More.");
}

/// The NDTV fixture: a cricket match's updates in microdata.
fn ndtv() -> LiveBlog {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html/ndtv-ind-vs-sl-cwc-2023-11-02.html");
    blog(&std::fs::read_to_string(path).unwrap())
}

/// NDTV writes each update's body as a `<meta>` that runs the page's paragraphs together;
/// the score line under every over's report stands as a paragraph of its own, as on the page.
#[test]
fn ndtv_score_lines_are_paragraphs_of_their_own() {
    let b = ndtv();
    let haul = b.entries.iter().find(|e| e.id == "76").unwrap();
    assert_eq!(
        haul.body,
        [
            Block::text("It's a five-wicket haul for Mohammed Shami."),
            Block::text("SL 49/9 (18)")
        ]
    );
    // Every score ("SL 49/9", "IND 355/6") starts its paragraph: 32 updates end with one.
    let mut scores = 0;
    for e in &b.entries {
        for block in &e.body {
            let text = block.plain_text();
            for team in ["SL ", "IND "] {
                for (at, _) in text.match_indices(team) {
                    let rest = &text[at + team.len()..];
                    let figures = rest.split(' ').next().unwrap_or_default();
                    if figures.contains('/') && figures.starts_with(|c: char| c.is_ascii_digit()) {
                        assert_eq!(at, 0, "{text:?} in {}", e.id);
                        scores += 1;
                    }
                }
            }
        }
    }
    assert_eq!(scores, 32);
}

/// A page of one microdata update published at 10:00, holding `inner`.
fn microdata_update(inner: &str) -> String {
    format!(
        r#"<html><body><div itemscope itemtype="https://schema.org/LiveBlogPosting">
        <div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">
          <meta itemprop="datePublished" content="2024-05-01T10:00:00Z">
          {inner}</div></div></body></html>"#
    )
}

#[test]
fn a_microdata_body_element_is_read_with_its_blocks_and_keeps_its_id() {
    let page =
        |body: &str| microdata_update(&format!(r#"<div itemprop="articleBody">{body}</div>"#));
    let broken = blog(&page(
        "One.<div><br></div><div>Two <b>bold</b></div>Three<br>Four",
    ));
    let runs = |text: &str, bold| Inline {
        text: text.into(),
        bold,
        ..Inline::default()
    };
    assert_eq!(
        broken.entries[0].body,
        [
            Block::text("One."),
            Block::Paragraph {
                runs: vec![runs("Two ", false), runs("bold", true)]
            },
            Block::Paragraph {
                runs: vec![runs("Three\nFour", false)]
            },
        ]
    );
    // The id is hashed from the microdata value, which the breaks shown leave as it was.
    let flat = blog(&page(
        "One.<div><br></div><div>Two <b>bold</b></div>ThreeFour",
    ));
    assert_eq!(broken.entries[0].id, flat.entries[0].id);
}

#[test]
fn a_microdata_meta_body_takes_the_breaks_the_item_shows_it_with() {
    let page = |meta: &str, shown: &str| {
        format!(
            r#"<html><body><div itemscope itemtype="https://schema.org/LiveBlogPosting">
            <div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">
              <meta itemprop="datePublished" content="2024-05-01T10:00:00Z">
              <meta itemprop="articleBody" content="{meta}">
              <div><div class="title">Wicket</div>{shown}</div>
              <div class="share">facebook</div></div></div></body></html>"#
        )
    };
    let body = |meta: &str, shown: &str| blog(&page(meta, shown)).entries[0].body.clone();
    assert_eq!(
        body("Out.SL 49/9", "Out.<div><br></div><div>SL 49/9</div>"),
        [Block::text("Out."), Block::text("SL 49/9")]
    );
    // Only breaks are taken from the page: where its words differ, or it shows none, the
    // value is read as it is.
    assert_eq!(
        body("Out.SL 49/9", "Out. Caught.<div>SL 49/9</div>"),
        [Block::text("Out.SL 49/9")]
    );
    assert_eq!(
        body("Out. SL 49/9", "Out.&nbsp;SL 49/9"),
        [Block::text("Out. SL 49/9")]
    );
}

/// NDTV left a double quote unescaped in the `<meta>` body of its "Player of the Match"
/// update: the value stops there, and the page shows the rest.
#[test]
fn ndtv_player_of_the_match_reads_whole_past_the_quote_its_meta_is_cut_at() {
    let b = ndtv();
    let e = b.entries.iter().find(|e| e.id == "79").unwrap();
    assert_eq!(
        e.title.as_deref(),
        Some("IND vs SL Live Score: Shami named Player of the Match")
    );
    let text = e.plain_text();
    assert!(
        text.starts_with("Mohammed Shami gets the\u{a0}Player of the Match award."),
        "{text}"
    );
    assert!(
        text.ends_with("leading wicket-taker in World Cups),\" said Shami."),
        "{text}"
    );
}

#[test]
fn a_meta_body_cut_at_a_quote_is_read_whole_only_where_the_item_shows_more() {
    let page = |shown: &str| {
        microdata_update(&format!(
            r#"<meta itemprop="articleBody" content="He said "no more" today.">
              <div><div class="title">Quote</div>{shown}</div>
              <div class="share">facebook</div>"#
        ))
    };
    let body = |shown: &str| blog(&page(shown)).entries[0].plain_text();
    assert_eq!(
        body("He said \"no more\" today.<p>Then left.</p>"),
        "He said \"no more\" today.\n\nThen left."
    );
    // The page shows nothing past the cut, or other words: the value as it is.
    assert_eq!(body("He said"), "He said");
    assert_eq!(body("She said \"yes\"."), "He said");
}

/// A blog as Times of India writes its JSON-LD, every update's headline its time and its body,
/// the bodies cut at 96 characters, but with only one update long enough to be cut.
fn one_cut(last_body: &str, description: &str) -> LiveBlog {
    let update = |time: &str, body: &str| {
        format!(
            r#"{{"@type":"BlogPosting","datePublished":"2020-10-02T{time}:00+05:30",
                "headline":"{time}(IST) {body}","articleBody":"{body}"}}"#
        )
    };
    blog(&format!(
        r#"{{"@type":"LiveBlogPosting","headline":"IPL 2020 Live Score, CSK vs SRH",
            "description":"{description}","liveBlogUpdate":[{},{},{}]}}"#,
        update(
            "19:02",
            "TOSS: Sunrisers Hyderabad win toss, opt to bat against Chennai Super Kings in Dubai"
        ),
        update("18:40", "Wicket! Williamson goes for 9."),
        update("18:16", last_body),
    ))
}

/// The one update that ends within a word ("Chennai Su", beside "Super") at a length no other
/// reaches was cut by the site, and says so; the same update ending on a whole word, and the
/// shorter posts, are left whole.
#[test]
fn a_lone_update_cut_within_a_word_ends_with_an_ellipsis() {
    let cut = "Ambati Rayudu's much-awaited comeback will be a shot in the arm for an \
               under-pressure Chennai Su";
    let b = one_cut(cut, "Live score of the match.");
    let texts: Vec<String> = b.entries.iter().map(|e| e.title.clone().unwrap()).collect();
    assert!(texts[0].ends_with("in Dubai"), "{texts:?}");
    assert!(texts[1].ends_with("for 9."), "{texts:?}");
    assert!(texts[2].ends_with("Chennai Su…"), "{texts:?}");
    let whole = "Ambati Rayudu's much-awaited comeback will be a shot in the arm for the \
                 under-pressure Chennai Kings";
    let b = one_cut(whole, "Live score of the match.");
    assert!(
        b.entries
            .iter()
            .all(|e| !e.title.as_deref().unwrap().contains('…'))
    );
    // A description cut at the same length says the cut length for an update ending on a word.
    let at_cut = "x ".repeat(whole.chars().count() / 2);
    let b = one_cut(whole, &at_cut);
    assert!(
        b.entries[2]
            .title
            .as_deref()
            .unwrap()
            .ends_with("Chennai Kings…")
    );
    assert!(b.standfirst.ends_with("x…"), "{}", b.standfirst);
}
