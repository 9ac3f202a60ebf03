//! The oracle: the fast reading of a page, wherever it applies, gives html5ever's tree.

use super::{Refused, read};
use crate::formats::html::depth::full_document;
use crate::formats::html::page::same::same_tree;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Parses `page` both ways: whether the fast reading took it, and panics where the trees
/// differ.
fn check(page: &str) -> Result<(), Refused> {
    let fast = read(page)?;
    let full = full_document(page)
        .unwrap_or_else(|e| panic!("html5ever refuses what the fast reading takes: {e}\n{page}"));
    if let Err(e) = same_tree(&fast, &full) {
        panic!(
            "trees differ: {e}\n--- page:\n{page}\n--- fast:\n{}\n--- html5ever:\n{}",
            fast.html(),
            full.html()
        );
    }
    Ok(())
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

/// The page shape the formats benchmark times: a run of timed blocks and no live markup.
fn bench_page(n: usize) -> String {
    let texts = [
        "Rain & wind <warnings> for \"the north\" — it's 5°C",
        "Polls close at 10pm; the count starts at 11.\nTurnout is up.",
        "Żółć, naïve café, 東京: the results are in.",
    ];
    crate::serve::writers::timed_blocks_page((0..n).map(|i| texts[i % texts.len()]))
}

#[test]
fn every_fixture_page_parses_alike_and_the_common_ones_are_read_fast() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    html_files(&root, &mut files);
    files.sort();
    let mut report = String::new();
    let mut taken = Vec::new();
    for f in &files {
        let page = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        match check(&page) {
            Ok(()) => {
                let _ = writeln!(report, "  read fast: {name}");
                taken.push(name);
            }
            Err(Refused(why)) => {
                let _ = writeln!(report, "  refused:   {name} ({why})");
            }
        }
    }
    println!(
        "{} of {} fixture pages read fast:\n{report}",
        taken.len(),
        files.len()
    );
    for must in [
        "corkbeo-level-3-live-2020-10-06.html",
        "timesofindia-ipl-csk-vs-srh-2020-10-02.html",
        "amp-example-live-blog.amp.html",
        "amp-validator-test-amp-live-list.html",
    ] {
        assert!(taken.iter().any(|t| t == must), "{must} refused:\n{report}");
    }
}

#[test]
fn the_benchmark_page_is_read_fast_and_alike() {
    for n in [0, 1, 7, 300] {
        check(&bench_page(n)).unwrap();
    }
}

#[test]
fn pages_with_the_implied_structure_are_read_fast_and_alike() {
    for page in [
        "",
        "x",
        "  \n ",
        "<!DOCTYPE html>",
        "<!-- first --><!DOCTYPE html><!-- second -->\n<html> <!-- in html --> <head> x",
        "<title>T &amp; U</title>text",
        "<meta charset=utf-8><link rel=stylesheet href=/a.css>  <p>one<p>two",
        "<html lang=en><body class=x>\n<ul><li>a<li>b</ul><dl><dt>t<dd>d<dt>u</dl>",
        "<!doctype html><head><script>if (a < b && c) { x = '</p>'; }</script></head>",
        "<!doctype html><head></head> <script>late()</script><style>p{}</style><body>b",
        "<!doctype html><body><p>a<div>b</div><p>c<h2>d</h2><pre>\nkeep\n</pre>",
        "<body><textarea>\nfirst line dropped &amp; decoded</textarea><noscript><p>x</noscript>",
        "<body><p>a <b>bold <i>both</i></b> <a href='/x?a=1&b=2&copy=3'>link</a></p>",
        "<body><div><span>x</div>",
        "<body><form><input name=q><button>go</button></form><form></form>",
        "<body><h1>a</h2>b",
        "<body>a</body>  <!-- after body -->\n</html>\n<!-- after html -->  ",
        "<body>a</body>after",
        "<body>a</html><p>after html",
        "<body><p>AT&T &copy 2024 &notit; &notin; &#x1F600; &#128; &#0; &#xD800; &amp</p>",
        "<body><img src=a.jpg alt=\"&quot;q&quot;\"/><br/><hr><wbr><custom-el x>y</custom-el>",
        "<body><o:p>word</o:p><div/>self-closed div holds this",
        "<html ⚡><head><style amp-boilerplate>body{}</style></head><body>amp</body></html>",
        "a\r\nb\rc\n\r",
        "<body><pre>&#10;x</pre><pre>&#10x</pre><listing>\n\nl</listing>",
    ] {
        let _ = check(page);
    }
    for page in [
        "",
        "<title>T</title>text",
        "<!doctype html><body><p>a<div>b</div><p>c<h2>d</h2><pre>\nkeep\n</pre>",
        "<body><p>a <b>bold <i>both</i></b> <a href='/x?a=1&b=2&copy=3'>link</a></p>",
        "a\r\nb\rc\n\r",
    ] {
        check(page).unwrap_or_else(|e| panic!("{page}: {e:?}"));
    }
}

#[test]
fn what_is_not_read_here_is_refused() {
    for page in [
        "<body><table><tr><td>x</table>",
        "<body><p><b>x</p>y",
        "<body><svg><path/></svg>",
        "<body></span>",
        "<body><template>x</template>",
        "<body>a\0b",
        "<body><script><!--</script>",
        "<!doctype html public \"x\">",
        "<body><!-->",
        "<body><a><a>",
    ] {
        assert!(read(page).is_err(), "{page}");
        let _ = check(page);
    }
}

#[test]
fn a_page_nested_near_the_limit_is_read_alike() {
    use crate::formats::html::depth::MAX_PAGE_DEPTH;
    for n in [
        MAX_PAGE_DEPTH - 10,
        MAX_PAGE_DEPTH - 3,
        MAX_PAGE_DEPTH,
        2000,
    ] {
        let page = format!("<!doctype html><body>{}x", "<div>".repeat(n));
        let fast = read(&page);
        match full_document(&page) {
            Ok(full) => same_tree(&fast.unwrap(), &full).unwrap(),
            Err(_) => assert!(fast.is_err(), "{n}"),
        }
    }
}

/// Elements of every kind, those refused included.
#[rustfmt::skip]
const TAGS: &[&str] = &[
    "div", "p", "span", "a", "b", "i", "em", "strong", "li", "ul", "ol", "dl", "dd", "dt", "h1",
    "h2", "pre", "listing", "section", "main", "figure", "code", "font", "u", "s", "form",
    "button", "custom-el", "o:p", "head", "body", "html", "table", "td", "svg", "template",
    "select", "option", "nobr", "object", "frameset", "blockquote", "center", "address", "small",
    "textarea", "title",
];

/// Elements read here.
#[rustfmt::skip]
const CLEAN: &[&str] = &[
    "div", "p", "span", "a", "b", "i", "em", "li", "ul", "ol", "dl", "dd", "dt", "h1", "h2",
    "pre", "section", "code", "u", "form", "button", "custom-el", "blockquote", "small",
    "textarea", "title", "address", "figure",
];

/// Elements without content.
#[rustfmt::skip]
const VOIDS: &[&str] = &[
    "<br>", "<img src=x>", "<hr/>", "<input type=hidden>", "<meta charset=utf-8>", "<link rel=x>",
    "<wbr>", "<source>",
];

/// Comments, doctypes and odd markup, mostly refused.
#[rustfmt::skip]
const ODD: &[&str] = &[
    "<!-- c -->", "<!---->", "<!-->", "<!--->", "<!-- a -- b -->", "<!-- x --!>", "<!-- <!-- -->",
    "<!-- a--->", "<!doctype html>", "<?xml x?>", "<![CDATA[x]]>", "</>", "</ x>",
];

/// Raw-text elements, some of them refused.
#[rustfmt::skip]
const RAW: &[&str] = &[
    "<script>a < b && '</p>'</script>", "<script>x</SCRIPT >", "<script><!-- x </script>",
    "<style>p { }</scripty></style>", "<title>a &amp; <b></title>", "<textarea>\nt</textarea>",
    "<noscript><p>n</p></noscript>", "<iframe src=x></iframe>", "<xmp><b></xmp>",
    "<script>unclosed",
];

/// Made-up documents, from a grammar of the markup read here and of what is refused.
/// `clean` documents keep to what is read here, with implied ends and odd text, so that
/// most of them are read fast and compared.
struct Gen(fastrand::Rng, bool);

impl Gen {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.0.usize(..from.len())]
    }

    fn text(&mut self, out: &mut String) {
        for _ in 0..self.0.usize(1..4) {
            if self.1 && self.0.bool() {
                out.push_str(self.pick(&["clean", " ", "\n", "&amp;", "& ", "&copy", "< p"]));
                continue;
            }
            out.push_str(self.pick(&[
                "word",
                " ",
                "\n",
                "\t",
                "  ",
                "\r\n",
                "\r",
                "\x0c",
                "&amp;",
                "&",
                "& ",
                "&copy",
                "&copy;",
                "&notit;",
                "&#65;",
                "&#x41",
                "&#0;",
                "&#150;",
                "&bogus;",
                "<",
                "a<b",
                "< p",
                ">",
                "é",
                "&lt;p&gt;",
                "&#10;",
                "\n\n",
            ]));
        }
    }

    fn attrs(&mut self, out: &mut String) {
        for _ in 0..self.0.usize(0..3) {
            out.push(' ');
            out.push_str(self.pick(&["class", "id", "href", "CLASS", "data-x", "a", "⚡"]));
            match self.0.usize(0..6) {
                0 => {}
                1 => out.push_str("=v"),
                2 => out.push_str("=\"a &amp; b\""),
                3 => out.push_str("='x?a=1&b=2&copy=3&copy;'"),
                4 => out.push_str("=\"&quot;&#39;&notin\""),
                _ => out.push_str(" = \"spaced\""),
            }
        }
        if self.0.usize(0..8) == 0 {
            out.push('/');
        }
    }

    fn piece(&mut self, out: &mut String, depth: usize) {
        let tags = if self.1 { CLEAN } else { TAGS };
        let roll = self.0.usize(0..20);
        if self.1 && matches!(roll, 12 | 14 | 15) {
            return self.text(out);
        }
        match roll {
            0..=5 => self.text(out),
            6..=11 if depth < 6 => {
                let name = self.pick(tags);
                out.push('<');
                out.push_str(name);
                self.attrs(out);
                out.push('>');
                for _ in 0..self.0.usize(0..4) {
                    self.piece(out, depth + 1);
                }
                if self.0.usize(0..5) > 0 {
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
            12 => {
                out.push_str("</");
                out.push_str(self.pick(tags));
                out.push('>');
            }
            13 => out.push_str(self.pick(VOIDS)),
            14 => out.push_str(self.pick(ODD)),
            15 => out.push_str(self.pick(RAW)),
            _ => {
                for _ in 0..self.0.usize(1..3) {
                    self.piece(out, depth + 1);
                }
            }
        }
    }

    fn document(&mut self) -> String {
        let mut out = String::new();
        if self.0.bool() {
            out.push_str(self.pick(&["<!DOCTYPE html>", "<!doctype html>\n", " <!DOCTYPE html >"]));
        }
        if self.0.usize(0..3) == 0 {
            out.push_str(self.pick(&[
                "<html><head><title>t</title></head><body>",
                "<html lang=en>\n<head>\n<meta charset=utf-8>\n</head>\n<body>\n",
                "<head><script>s()</script></head>",
            ]));
        }
        for _ in 0..self.0.usize(1..8) {
            self.piece(&mut out, 0);
        }
        if self.0.usize(0..3) == 0 {
            out.push_str(self.pick(&[
                "</body></html>\n",
                "</body>\n<!-- end -->\n</html>",
                "</html> ",
            ]));
        }
        out
    }
}

#[test]
fn made_up_documents_parse_alike_wherever_they_are_read_fast() {
    let mut generator = Gen(fastrand::Rng::with_seed(0x005e_ed0f_7a6e), false);
    let mut taken = 0;
    let mut refused: BTreeMap<&str, usize> = BTreeMap::new();
    let runs = 20_000;
    for n in 0..runs {
        generator.1 = n % 2 == 0;
        let page = generator.document();
        match check(&page) {
            Ok(()) => taken += 1,
            Err(Refused(why)) => *refused.entry(why).or_default() += 1,
        }
    }
    println!("{taken} of {runs} made-up documents read fast; refused: {refused:?}");
    assert!(taken > runs / 3, "too few read fast: {taken}; {refused:?}");
}
