//! The one-pass reading against the full parse.

use crate::formats::html::both_readings;
use url::Url;

fn same(html: &str) -> bool {
    let base = Url::parse("https://example.com/live/blog").ok();
    match both_readings(html, base.as_ref()) {
        (Some(fast), full) => {
            assert_eq!(fast, full, "{html}");
            true
        }
        (None, _) => false,
    }
}

#[test]
fn simple_fragments_take_the_fast_path_and_give_the_same_blocks() {
    for html in [
        "",
        "plain text",
        "<p>One</p><p>Two  and\n three</p>",
        "<p>A <strong>bold</strong> and <em>italic <b>both</b></em> word.</p>",
        "<p>See <a href=\"/world/x?a=1&amp;b=2\">this</a> and <a href='https://e.org/'>that</a>\
         and <a>none</a> and <a href=\"javascript:alert(1)\">bad</a>.</p>",
        "<P CLASS=x>Upper <BR> case<br/>and<br />breaks</P>",
        "<h2>Title</h2><p>Body &amp; more &lt;tags&gt; &quot;q&quot; &#39;s&#x27; &nbsp;x</p>",
        "<div><p>In a div</p><section><h3>Deep <span>heading</span></h3></section></div>",
        "<p>Unclosed <b>bold",
        "text <sup>1</sup> & more &; & done",
        "<p>m<sup>2</sup> H<sub>2</sub>O <s>x</s> <strike>y <b>z</b></strike><del>w</del></p>",
        "<p>x<sup> n + <a href=/n>k</a> </sup>y<sup><i>st</i></sup> <sub>[1]</sub>z</p>",
        "<p><a href=https://e.org/x>unquoted</a> <span class=\"a\" hidden data-x='1'>s</span></p>",
        "<p>emoji &#128512; and &#x1F600;</p>",
        "<p>Lead</p><ul>\n <li>one <b>bold</b></li>\n <li> </li><li>two<br>lines</li></ul>after",
        "<ol><li><a href=/x>linked</a></li></ol><ul></ul>",
        "<ul><li><p>para</p><p>two</p></li><li>x y</li></ul>",
        "<ul><li><blockquote>q</blockquote><h3>h</h3></li></ul>",
        "<blockquote><p>Said <em>this</em>.</p><p>— </p>And more</blockquote>",
        "<blockquote>outer<blockquote><p>inner</p></blockquote><ul><li>x</li></ul></blockquote>",
        "<div><blockquote><h2>Quoted heading</h2><p>text <cite>in a paragraph</cite></p></blockquote></div>",
        "<aside><span>10:02</span></aside><p>Timed <b>post</b></p><aside></aside>",
        "<header><h2>Head</h2></header><nav><ul><li>a</li></ul></nav><main>body<p>p</p>tail</main>",
        "<p>para</p><ASIDE>upper</ASIDE><blockquote><p>q</p><header>not a speaker</header></blockquote>",
        "<figure><header>h</header><img src=/a.jpg><figcaption><nav>c</nav> x</figcaption></figure>",
    ] {
        assert!(same(html), "not taken: {html}");
    }
}

#[test]
fn figures_and_images_take_the_fast_path_and_give_the_same_blocks() {
    for html in [
        "<figure><img src=\"/pics/a.jpg\" alt=\"A &amp; B\"></figure>",
        "<figure><img src=a.jpg><figcaption>Crowds <b>gather</b>.<br>Late</figcaption></figure>",
        "<figure class=\"element element-image\"><img src=\"https://i.example/x.jpg\" \
         alt=\"  a\n  crowd &ndash; outside \"/><figcaption><span class=\"element-image__caption\">\
         Protesters &lsquo;outside&rsquo;</span> <span class=\"element-image__credit\">\
         Photograph: <a href=x>Ann</a> / <b>Agency</b></span></figcaption></figure>",
        "<figure><figcaption>Caption first</figcaption><div><img data-src=/lazy.jpg \
         src=\"data:image/gif;base64,R0lG\" loading=lazy></div></figure>",
        "<figure><picture><source srcset=\"/a.webp 1x\"><source srcset=/b.webp>\
         <img srcset=\"/s.jpg 480w, /m.jpg 800w\" alt=x></picture></figure>",
        "<figure><a href=/big.jpg><img src=/small.jpg alt=\"\"></a><figcaption>c</figcaption>\
         <figcaption>second, ignored</figcaption></figure>",
        "<figure><img alt=undefined><img src=/second.jpg></figure><p>after</p>",
        "<figure><img src=x alt=\"\"><figcaption> </figcaption></figure>",
        "<figure><img alt=Image></figure>",
        "<figure><img><figcaption><p>one</p><p>two <i>x</i></p></figcaption>text</figure>",
        "<figure><img src=x><figcaption><span class=credit>Photo <span>A</span></span> c\
         <em class=\"x credit\">B</em> d</figcaption></figure>",
        "<p>Text <img src=\"../up.png\" alt=\"inline &#233;\"> more <b>bold<img src=/b.png/></b> end</p>",
        "<p>a<a href=/x><img src=/in-link.jpg>linked</a>b</p>",
        "<div>before<figure><img></figure>after</div>",
        "before <figure><img src=//cdn.example/p.jpg></figure> after",
        "<blockquote><p>q</p><figure><img src=/q.jpg></figure><img src=/r.jpg></blockquote>",
        "<div><figure><img src=x>\n<figcaption>Unclosed figure",
        "<p>a</p><hr><p>b</p><hr/><blockquote><hr>x</blockquote>",
        "<p><span class=\"a b\" data-x='1' style=\"color: red\">styled</span> span</p>",
        "<img src=javascript:alert(1) alt=\"\"><img src=\"  /trimmed.jpg  \">",
        "<figure><IMG SRC=/upper.jpg ALT=Upper><FIGCAPTION>Upper</FIGCAPTION></FIGURE>",
        "<figure><img src=/a.jpg src=/b.jpg alt=first alt=second></figure>",
        "<figure><img src=x><figcaption>a<br class=credit>b<br>c<span class=\"&lt;credit\">d\
         <br class=credit>e</span> f</figcaption></figure>",
        "<figure><div><p>x<img src=/p.jpg></p></div><figcaption><a href=/y>a</a>&nbsp;b</figcaption></figure>",
    ] {
        assert!(same(html), "not taken: {html}");
    }
}

#[test]
fn guardian_embed_figures_take_the_fast_path_and_give_the_same_blocks() {
    for html in [
        "<p>Here is the clip.</p><figure class=\"element element-tweet\" \
         data-canonical-url=\"https://twitter.com/a/status/1\"><a href=\"https://twitter.com/a/status/1\">\
         &quot;Homeless this Christmas&quot; — BBC (@BBC) December 13, 2023</a></figure><p>after</p>",
        "<figure class=\"element element-rich-link\" data-canonical-url=\"/politics/2023/x\">\
         <a href=\"/politics/2023/x\">Gove to ease <b>targets</b></a></figure>",
        "<figure class=\"element-embed element\"><a>no href</a> <a href=/second>second</a><a href=/third>t</a></figure>",
        "<figure class=\"element element-tweet\" data-canonical-url=\"javascript:x\"><a href=javascript:y>j</a><a href=/ok>ok</a></figure>",
        "<figure class=\"element-callout-v2 element-video\"><div>one</div><p>two<br>three</p><span>four</span>five</figure>",
        "<figure class=\"element-tweet element-image\"><img src=/x.jpg><figcaption>c</figcaption></figure>",
        "<figure class=\"element-tweet element-tweet\" data-canonical-url=\"/a?x=1&amp;y=2\"></figure>",
        "<figure CLASS=\"element-__x element-9 element-audio\" DATA-CANONICAL-URL=/first data-canonical-url=/second>\
         <figcaption>cap <span class=credit>cred</span></figcaption> tail</figure>",
        "<div><figure class=element-rich-link><a href=/a>one</a><div><a href=/b>two</a></div></figure></div>",
    ] {
        assert!(same(html), "not taken: {html}");
    }
}

#[test]
fn figures_the_parser_repairs_or_the_walk_reads_otherwise_are_left_to_it() {
    for html in [
        "<img src=x></img>",
        "<figure><img src=x></img></figure>",
        "<figure><figure><img src=x></figure></figure>",
        "<figure><figcaption>no image</figcaption></figure>",
        "<figure class=\"element element-tweet\"><blockquote>t</blockquote></figure>",
        // The first `element-` class, in sorted order, names an image: a figure of text.
        "<figure class=\"element-image element-tweet\"><a href=/x>text</a></figure>",
        "<figure class=\"element-tweet\"><a href=x>a &bogus; b</a></figure>",
        "<figure class=\"element-tweet\" data-canonical-url=\"&bogus;\"></figure>",
        "<figure class=\"element-tweet\"><iframe src=https://e.org/x></iframe></figure>",
        "<figure class=\"element-tweet\"><h2>h</h2></figure>",
        "<figure><iframe src=https://youtube.com/x></iframe></figure>",
        "<p><figure><img src=x></figure></p>",
        "<a href=x><figure><img src=x></figure></a>",
        "<figure><p><figcaption>c</figcaption></p><img src=x></figure>",
        "<figure><img src=x><figcaption><figcaption>c</figcaption></figcaption></figure>",
        "<figure><img src=x><figcaption>c<img src=y></figcaption></figure>",
        "<figure><img src=x><figcaption>c</span></figcaption></figure>",
        "<figure><img src=x></figcaption></figure>",
        "<figure><img src=x><h2>h</h2></figure>",
        "<figure><img src=x><hr></figure>",
        "<figure/><img src=x>",
        "<h2>Heading <img src=x></h2>",
        "<ul><li>item <img src=x></li></ul>",
        "<ul><img src=x><li>y</li></ul>",
        "<ul><li><figure><img src=x></figure></li></ul>",
        "<p>a<hr>b</p>",
        "<b>x<hr></b>",
        "<image src=x>",
        "<img src=\"a?x=1&y=2\">",
        "<img alt=\"&notin;\">",
        "<figure><img src=x><figcaption><span class=\"&bogus;credit\">c</span></figcaption></figure>",
        "<figure><a href=x><a href=y><img src=z></a></a></figure>",
        "<figure><video src=v.mp4></video><img src=x></figure>",
        "<figure><img src=x><figcaption>c<!-- note --></figcaption></figure>",
    ] {
        assert!(!same(html), "taken: {html}");
    }
}

#[test]
fn every_named_reference_read_here_means_what_the_full_parser_reads() {
    for (name, c) in super::NAMED {
        let html = format!("<p>x&{name};x</p>");
        assert!(same(&html), "not taken: {html}");
        let text = format!("x{c}x");
        let (fast, _) = both_readings(&html, None);
        assert_eq!(fast.unwrap()[0].plain_text(), text, "{name}");
    }
}

#[test]
fn anything_else_is_left_to_the_full_parser() {
    for html in [
        "<p>a<p>b",
        "<p><div>x</div></p>",
        "<b><p>x</p></b>",
        "<a href=x><a href=y>z</a></a>",
        "<p>a</b></p>",
        "<li>outside a list</li>",
        "<ul>stray<li>x</li></ul>",
        "<ul><li>a<li>b</ul>",
        // Lists nested in items, and numbers from elsewhere, are list blocks of their own.
        "<ul><li>x<ul><li>nested</li></ul>y</li></ul>",
        "<ol start=\"3\"><li>third</li></ol>",
        "<ol><li>one</li><li VALUE=5>five</li></ol>",
        "<ol><li>one</li><li></li><li>three</li></ol>",
        "<blockquote><p>x</p><cite>Someone</cite></blockquote>",
        "<blockquote><p>x</p><footer>Someone</footer></blockquote>",
        "<p><aside>x</aside></p>",
        "<b><main>x</main></b>",
        "<p><blockquote>x</blockquote></p>",
        "<!-- c --><p>x</p>",
        "a < b",
        "<p>&eacutex;</p>",
        "<p>&notin;</p>",
        "<p>&amp</p>",
        "<p>&#128;</p>",
        "<p>&#0;</p>",
        "<p/>",
        "</p>",
        "<p a=\"1\"b=2>x</p>",
        "<script>x</script>",
        "<p>nul\0</p>",
        // Found by the fuzz target: the parser's tag name is `p__`, not `p`.
        "\u{fffd}<p__>So/?>",
        "<p>x</p__>",
        "<b-x>y</b-x>",
    ] {
        assert!(!same(html), "taken: {html}");
    }
}

#[test]
fn every_fragment_in_the_fixtures_reads_the_same_either_way() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (mut taken, mut all) = (0, 0);
    let (mut figures, mut figures_left) = (0, Vec::new());
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for f in std::fs::read_dir(&d).unwrap().flatten() {
            let p = f.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let Ok(v) = serde_json::from_slice::<serde_json::Value>(&std::fs::read(&p).unwrap())
            else {
                continue;
            };
            let mut values = vec![&v];
            while let Some(v) = values.pop() {
                match v {
                    serde_json::Value::String(s) if s.contains('<') => {
                        all += 1;
                        let fast = same(s);
                        taken += usize::from(fast);
                        if s.contains("<figure") && s.contains("<img") {
                            figures += 1;
                            if !fast {
                                figures_left.push(s.clone());
                            }
                        }
                    }
                    serde_json::Value::Array(a) => values.extend(a),
                    serde_json::Value::Object(o) => values.extend(o.values()),
                    _ => {}
                }
            }
        }
    }
    assert!(all > 100, "{all} fragments");
    assert!(taken * 2 > all, "only {taken} of {all} took the fast path");
    // The image figures of the fixtures, with captions and credits, are all read here.
    assert!(figures >= 3, "{figures} fragments with figures");
    assert!(
        figures_left.is_empty(),
        "left to the full parse: {figures_left:#?}"
    );
}
