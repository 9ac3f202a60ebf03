use super::*;
use crate::blog::{Embed, Image};

#[test]
fn a_picture_with_no_usable_source_and_a_placeholder_alt_is_nothing() {
    let html =
        r#"<p>Before.</p><img alt="undefined" src="blob:https://cms.example/1"><p>After.</p>"#;
    assert_eq!(
        to_blocks(html),
        vec![Block::text("Before."), Block::text("After.")]
    );
}

fn plain(runs: &[Inline]) -> String {
    runs_text(runs)
}

fn link(text: &str, url: &str) -> Inline {
    Inline {
        text: text.into(),
        link: Some(url.into()),
        ..Inline::default()
    }
}

fn bold(text: &str) -> Inline {
    Inline {
        text: text.into(),
        bold: true,
        ..Inline::default()
    }
}

fn italic(text: &str) -> Inline {
    Inline {
        text: text.into(),
        italic: true,
        ..Inline::default()
    }
}

#[test]
fn paragraphs_divs_and_sections_become_paragraphs() {
    let b = to_blocks("<p>One</p><div>Two</div><section><p>Three</p></section>");
    assert_eq!(
        b,
        vec![Block::text("One"), Block::text("Two"), Block::text("Three")]
    );
}

#[test]
fn text_directly_in_the_fragment_is_a_paragraph() {
    assert_eq!(
        to_blocks("loose <b>text</b><p>then a paragraph</p>tail"),
        vec![
            Block::Paragraph {
                runs: vec![Inline::plain("loose "), bold("text")]
            },
            Block::text("then a paragraph"),
            Block::text("tail"),
        ]
    );
}

#[test]
fn whitespace_collapses_like_a_browser() {
    let b = to_blocks("<p>\n  Hello,\n\t   <em>dear</em>   <strong>reader</strong> .  \n</p>");
    assert_eq!(
        b,
        vec![Block::Paragraph {
            runs: vec![
                Inline::plain("Hello, "),
                italic("dear"),
                Inline::plain(" "),
                bold("reader"),
                Inline::plain(" ."),
            ]
        }]
    );
    assert_eq!(to_blocks("<p>   </p><p>\n</p>"), vec![]);
    assert_eq!(to_plain("a<span> </span>b"), "a b");
    assert_eq!(to_plain("a<span>b</span>c"), "abc");
}

#[test]
fn white_space_inside_a_text_collapses_wherever_it_falls() {
    for (html, plain) in [
        ("<p>one two three</p>", "one two three"),
        ("<p>one  two   three</p>", "one two three"),
        (
            "<p>one\ttwo\nthree\r\nfour\u{c}five</p>",
            "one two three four five",
        ),
        ("<p>one two <b>bold</b></p>", "one two bold"),
        ("<p>one two </p>", "one two"),
        ("<p>one two \n <i>x</i></p>", "one two x"),
        ("<p>  lead  and  trail  </p>", "lead and trail"),
        (
            "<p>a b c d e f g h i j k l m n o p</p>",
            "a b c d e f g h i j k l m n o p",
        ),
        (
            "<p>non\u{a0}breaking \u{a0} kept</p>",
            "non\u{a0}breaking \u{a0} kept",
        ),
        ("<p>é è  ü\nö</p>", "é è ü ö"),
    ] {
        assert_eq!(to_plain(html), plain, "{html:?}");
    }
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        to_plain("<p>Fish &amp; chips&nbsp;here, it&#8217;s &quot;fine&quot; &lt;ok&gt;</p>"),
        "Fish & chips\u{a0}here, it\u{2019}s \"fine\" <ok>"
    );
}

#[test]
fn br_is_a_line_break_inside_the_paragraph() {
    assert_eq!(
        to_blocks("<p>line one <br> line two<br/>three</p>"),
        vec![Block::text("line one\nline two\nthree")]
    );
}

#[test]
fn headings_keep_their_inline_styles() {
    assert_eq!(
        to_blocks("<h2>Big <em>news</em></h2><h6>small</h6>"),
        vec![
            Block::Heading {
                runs: vec![Inline::plain("Big "), italic("news")]
            },
            Block::Heading {
                runs: vec![Inline::plain("small")]
            },
        ]
    );
}

#[test]
fn bold_italic_and_links_nest() {
    let b = to_blocks(
        r#"<p><strong>a <i>b</i></strong> <a href="https://x.test/p">c <b>d</b></a></p>"#,
    );
    let Block::Paragraph { runs } = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!(runs[0], bold("a "));
    assert_eq!(
        runs[1],
        Inline {
            text: "b".into(),
            bold: true,
            italic: true,
            strike: false,
            link: None
        }
    );
    assert_eq!(runs[2], Inline::plain(" "));
    assert_eq!(runs[3], link("c ", "https://x.test/p"));
    assert_eq!(
        runs[4],
        Inline {
            text: "d".into(),
            bold: true,
            italic: false,
            strike: false,
            link: Some("https://x.test/p".into())
        }
    );
}

#[test]
fn only_absolute_http_links_survive() {
    let b = to_blocks(
        r#"<p><a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> <a href="/relative">rel</a> <a href="//cdn.test/x">proto</a> <a href=" http://plain.test/ ">http</a> <a href="mailto:a@b">mail</a></p>"#,
    );
    let Block::Paragraph { runs } = &b[0] else {
        panic!("{b:?}")
    };
    let links: Vec<_> = runs.iter().filter_map(|r| r.link.as_deref()).collect();
    assert_eq!(links, vec!["https://cdn.test/x", "http://plain.test/"]);
    assert_eq!(plain(runs), "js data rel proto http mail");
}

#[test]
fn relative_links_resolve_against_the_document_address() {
    let base = Url::parse("https://www.theguardian.com/politics/live/2023/dec/13/x").unwrap();
    let b = to_blocks_with_base(
        r##"<p><a href="/politics/y">root</a> <a href="#block-1">here</a> <a href="javascript:x()">js</a> <a href="">empty</a></p><img src="../img.jpg">"##,
        Some(&base),
    );
    let Block::Paragraph { runs } = &b[0] else {
        panic!("{b:?}")
    };
    let links: Vec<_> = runs.iter().filter_map(|r| r.link.as_deref()).collect();
    assert_eq!(
        links,
        vec![
            "https://www.theguardian.com/politics/y",
            "https://www.theguardian.com/politics/live/2023/dec/13/x#block-1"
        ]
    );
    assert!(matches!(&b[1], Block::Image(i)
        if i.url.as_deref() == Some("https://www.theguardian.com/politics/live/2023/dec/img.jpg")));
}

#[test]
fn control_characters_in_a_link_are_percent_encoded() {
    let b = to_blocks("<p><a href=\"https://a/\x07\x1b]52;c;eA==\x07\">x</a></p>");
    let Block::Paragraph { runs } = &b[0] else {
        panic!("{b:?}")
    };
    let link = runs[0].link.as_deref().unwrap();
    assert!(!link.chars().any(char::is_control), "{link:?}");
    assert!(link.starts_with("https://a/"), "{link}");
}

#[test]
fn lists_keep_their_items_and_order() {
    assert_eq!(
        to_blocks(
            "<ul>\n <li>\n  <p><strong>One</strong> item</p></li>\n <li>Two</li>\n</ul><ol><li>first</li><li>second</li></ol>"
        ),
        vec![
            Block::list(
                false,
                vec![
                    vec![bold("One"), Inline::plain(" item")],
                    vec![Inline::plain("Two")]
                ]
            ),
            Block::list(
                true,
                vec![vec![Inline::plain("first")], vec![Inline::plain("second")]]
            ),
        ]
    );
}

#[test]
fn a_list_nested_in_an_item_is_a_list_a_level_deeper_after_it() {
    let list = |ordered, items: &[&str], start, level| Block::List {
        ordered,
        items: items.iter().map(|t| vec![Inline::plain(*t)]).collect(),
        start,
        level,
        numerals: crate::blog::Numerals::Decimal,
        reversed: false,
        continued: false,
    };
    assert_eq!(
        to_blocks(
            "<ol start=\"3\"><li>top<ul><li>inner a<ol><li>deep</li></ol></li><li>inner b</li>\
             </ul></li><li>next</li><li>last</li></ol><p>After.</p>"
        ),
        vec![
            list(true, &["top"], 3, 0),
            list(false, &["inner a"], 1, 1),
            list(true, &["deep"], 1, 2),
            list(false, &["inner b"], 1, 1),
            list(true, &["next", "last"], 4, 0),
            Block::text("After."),
        ]
    );
    // A list not in an item (as browsers show it: nested) and text after a nested list.
    assert_eq!(
        to_blocks("<ul><li>a</li><ul><li>b</li></ul><li>c<ul><li>d</li></ul>and e</li></ul>"),
        vec![
            list(false, &["a"], 1, 0),
            list(false, &["b"], 1, 1),
            list(false, &["c"], 1, 0),
            Block::List {
                ordered: false,
                items: vec![vec![
                    Inline::plain("d"),
                    Inline::plain("\n"),
                    Inline::plain("and e")
                ]],
                start: 1,
                level: 1,
                numerals: crate::blog::Numerals::Decimal,
                reversed: false,
                continued: false,
            },
        ]
    );
    // A start that is not a number is ignored, as a browser ignores it.
    assert_eq!(
        to_blocks("<ol start=\"x\"><li>one</li></ol>"),
        vec![list(true, &["one"], 1, 0)]
    );
    // An empty item keeps its number: the next is third, as a browser shows it, in the same
    // list. Not in a list without numbers.
    let mut three = list(true, &["three"], 3, 0);
    if let Block::List { continued, .. } = &mut three {
        *continued = true;
    }
    assert_eq!(
        to_blocks("<ol><li>one</li><li> </li><li>three</li></ol>"),
        vec![list(true, &["one"], 1, 0), three]
    );
    assert_eq!(
        to_blocks("<ul><li>one</li><li></li><li>two</li></ul>"),
        vec![list(false, &["one", "two"], 1, 0)]
    );
}

#[test]
fn blockquote_is_a_quote_with_its_trailing_attribution() {
    assert_eq!(
        to_blocks(
            "<blockquote><p>We will <b>win</b>.</p><p>Again.</p><footer>— Someone Famous</footer></blockquote>"
        ),
        vec![Block::Quote {
            paragraphs: vec![
                vec![Inline::plain("We will "), bold("win"), Inline::plain(".")],
                vec![Inline::plain("Again.")],
            ],
            attribution: Some("Someone Famous".into()),
            level: 0,
        }]
    );
    assert_eq!(
        to_blocks("<blockquote>Short one — <cite>A. Writer</cite></blockquote>"),
        vec![Block::Quote {
            paragraphs: vec![vec![Inline::plain("Short one —")]],
            attribution: Some("A. Writer".into()),
            level: 0,
        }]
    );
    assert_eq!(
        to_blocks("<blockquote class=\"quoted\">\n <p>Plain quote</p>\n</blockquote>"),
        vec![Block::Quote {
            paragraphs: vec![vec![Inline::plain("Plain quote")]],
            attribution: None,
            level: 0,
        }]
    );
}

#[test]
fn figures_become_images_with_caption_alt_and_credit() {
    let b = to_blocks(
        r#"<figure class="element element-image"> <img src="http://media.test/1000.jpg" alt="Clive James" width="1000" /> <figcaption> <span class="element-image__caption">Mandatory  Credit: Photo</span> <span class="element-image__credit">Photograph: REX/REX</span> </figcaption> </figure>"#,
    );
    assert_eq!(
        b,
        vec![Block::Image(Box::new(Image {
            url: Some("http://media.test/1000.jpg".into()),
            caption: "Mandatory Credit: Photo".into(),
            alt: "Clive James".into(),
            credit: "Photograph: REX/REX".into(),
        }))]
    );
    assert_eq!(
        to_blocks(r#"<p>Look: <img src="//img.test/a.png" alt="a cat"> here</p>"#),
        vec![
            Block::text("Look:"),
            Block::Image(Box::new(Image {
                url: Some("https://img.test/a.png".into()),
                caption: String::new(),
                alt: "a cat".into(),
                credit: String::new(),
            })),
            Block::text("here"),
        ]
    );
}

#[test]
fn players_and_frames_become_embeds() {
    let b = to_blocks(
        r#"<iframe src="https://www.youtube.com/embed/xyz" title="A clip"></iframe><video><source src="https://v.test/a.mp4"></video><audio src="https://a.test/a.mp3"></audio><embed src="javascript:evil()"><figure><iframe src="https://interactive.test/x"></iframe><figcaption>The map</figcaption></figure>"#,
    );
    assert_eq!(
        b,
        vec![
            Block::Embed(Box::new(Embed {
                kind: "Video".into(),
                title: "A clip".into(),
                url: Some("https://www.youtube.com/embed/xyz".into())
            })),
            Block::Embed(Box::new(Embed {
                kind: "Video".into(),
                title: String::new(),
                url: Some("https://v.test/a.mp4".into())
            })),
            Block::Embed(Box::new(Embed {
                kind: "Audio".into(),
                title: String::new(),
                url: Some("https://a.test/a.mp3".into())
            })),
            Block::Embed(Box::new(Embed {
                kind: "Embed".into(),
                title: String::new(),
                url: None
            })),
            Block::Embed(Box::new(Embed {
                kind: "Embed".into(),
                title: "The map".into(),
                url: Some("https://interactive.test/x".into())
            })),
        ]
    );
}

#[test]
fn guardian_embed_figures_become_embeds_of_their_element_type() {
    // The shape of a tweet in a Content API `bodyHtml`.
    let b = to_blocks(
        r#"<figure class="element element-tweet" data-canonical-url="https://twitter.com/a/status/1"> <blockquote class="twitter-tweet"><p lang="en">Big <b>news</b> &amp; more</p>&mdash; A (@a) <a href="https://twitter.com/a/status/1?ref_src=x">May 1</a></blockquote> </figure><figure class="element element-rich-link element--thumbnail"><p><span>Related: </span><a href="https://www.theguardian.com/x">A story</a></p></figure><figure class="element element-embed"></figure>"#,
    );
    assert_eq!(
        b,
        vec![
            Block::Embed(Box::new(Embed {
                kind: "Tweet".into(),
                title: "Big news & more — A (@a) May 1".into(),
                url: Some("https://twitter.com/a/status/1".into())
            })),
            Block::Embed(Box::new(Embed {
                kind: "Link".into(),
                title: "Related: A story".into(),
                url: Some("https://www.theguardian.com/x".into())
            })),
            Block::Embed(Box::new(Embed {
                kind: "Embed".into(),
                title: String::new(),
                url: None
            })),
        ]
    );
}

/// A tweet in a Content API `bodyHtml` writes its lines with `<br>`: they stay lines of the
/// embed's title, the same in the one-pass reading as in the full parse.
#[test]
fn a_tweets_line_breaks_stay_in_its_embeds_title() {
    let html = r#"<figure class="element element-tweet" data-canonical-url="https://twitter.com/a/status/1"><blockquote class="twitter-tweet"><p>a "forever home"<br><br>Rishi Sunak <br>
        calls this</p>&mdash; A (@a)</blockquote></figure>"#;
    let tweet = |title: &str| {
        vec![Block::Embed(Box::new(Embed {
            kind: "Tweet".into(),
            title: title.into(),
            url: Some("https://twitter.com/a/status/1".into()),
        }))]
    };
    assert_eq!(
        to_blocks(html),
        tweet("a \"forever home\"\nRishi Sunak\ncalls this — A (@a)")
    );
    // The one-pass reading leaves a quote in a figure to the full parse; a paragraph it reads.
    let html = r#"<figure class="element element-tweet" data-canonical-url="https://twitter.com/a/status/1"><p>a<br><br>b</p>c</figure>"#;
    let want = tweet("a\nb c");
    assert_eq!(super::both_readings(html, None), (Some(want.clone()), want));
}

#[test]
fn pre_and_code_keep_their_text() {
    assert_eq!(
        to_blocks("<pre>\nfn main() {\n    x  = 1;\n}\n</pre><p>call <code>a  b</code> now</p>"),
        vec![
            Block::Code {
                text: "fn main() {\n    x  = 1;\n}".into()
            },
            Block::text("call a  b now"),
        ]
    );
}

#[test]
fn a_table_is_rows_of_cells_its_header_named() {
    assert_eq!(
        to_blocks(
            "<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Labour</td><td><b>411</b></td></tr></table>"
        ),
        vec![Block::Table(Box::new(crate::blog::Table {
            rows: vec![
                vec![vec![Inline::plain("Party")], vec![Inline::plain("Seats")]],
                vec![vec![Inline::plain("Labour")], vec![bold("411")]],
            ],
            header: true,
            ..crate::blog::Table::default()
        }))]
    );
}

#[test]
fn hr_is_a_rule() {
    assert_eq!(
        to_blocks("<p>a</p><hr><p>b</p>"),
        vec![Block::text("a"), Block::Rule, Block::text("b")]
    );
}

#[test]
fn script_style_and_template_content_never_appears() {
    let html = "<p>keep</p><script>alert('<p>no</p>')</script><style>p{}</style><noscript>ns</noscript><template><p>tpl</p></template><p>also <script>x()</script>kept</p>";
    let text = to_plain(html);
    assert_eq!(text, "keep\nalso kept");
    for b in to_blocks(html) {
        let t = b.plain_text();
        assert!(
            !t.contains("alert") && !t.contains("tpl") && !t.contains("ns"),
            "{t}"
        );
    }
}

#[test]
fn to_plain_gives_lines_without_media() {
    assert_eq!(
        to_plain(
            "<p>The prime minister faced PMQs </p><ul><li>one</li><li>two</li></ul><img src=\"https://x.test/i.jpg\">"
        ),
        "The prime minister faced PMQs\n• one\n• two"
    );
    assert_eq!(to_plain(""), "");
    assert_eq!(to_plain("just text"), "just text");
}

#[test]
fn below_the_depth_limit_paragraphs_stay_apart_as_words() {
    let html = format!(
        "{}<p>one</p><p>two</p>three{}",
        "<div>".repeat(80),
        "</div>".repeat(80)
    );
    assert_eq!(to_plain(&html), "one two three");
}

#[test]
fn several_megabytes_convert_whole() {
    // How fast is printed by `cargo bench --bench formats`.
    let para = "<p>Some <b>bold</b> and <a href=\"https://x.test/\">a link</a> in a paragraph of text.</p>\n";
    let html = para.repeat(40_000);
    assert!(html.len() > 3_000_000);
    let blocks = to_blocks(&html);
    assert_eq!(blocks.len(), 40_000);
    assert_eq!(blocks[39_999], blocks[0]);
}

#[test]
fn collapse_copies_only_what_has_nothing_to_collapse() {
    let slow = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let spaces: Vec<char> = (0..=0x3000u32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
        .collect();
    let mut rng = fastrand::Rng::with_seed(5);
    let pieces = [
        "a",
        "“quoted”",
        "é",
        "€",
        "x y",
        " ",
        "—",
        "\u{2009}",
        "\u{a0}",
        "abcdefgh",
        "ab cd ef",
        "x\u{1}y",
        "~",
    ];
    for round in 0..40_000_u32 {
        let mut s = String::new();
        // Short strings, and long ones read eight bytes at a time.
        let len = if round % 2 == 0 { 6 } else { 40 };
        for _ in 0..rng.usize(0..len) {
            if rng.u8(..if round % 2 == 0 { 3 } else { 10 }) == 0 {
                s.push(spaces[rng.usize(..spaces.len())]);
            } else {
                s.push_str(pieces[rng.usize(..pieces.len())]);
            }
        }
        assert_eq!(super::collapse(&s), slow(&s), "{s:?}");
        // The same text in pieces, joined by a space or by nothing.
        let cuts: Vec<usize> = (0..rng.usize(0..4))
            .map(|_| rng.usize(..=s.len()))
            .filter(|&i| s.is_char_boundary(i))
            .collect();
        let mut at: Vec<usize> = cuts;
        at.sort_unstable();
        at.dedup();
        let mut pieces = Vec::new();
        let mut from = 0;
        for &i in at.iter().chain([s.len()].iter()) {
            pieces.push(&s[from..i]);
            from = i;
        }
        for sep in [" ", ""] {
            let cows = pieces.iter().map(|p| std::borrow::Cow::Borrowed(*p));
            assert_eq!(
                super::collapse_joined(cows, sep),
                slow(&pieces.join(sep)),
                "{pieces:?} {sep:?}"
            );
        }
    }
}
