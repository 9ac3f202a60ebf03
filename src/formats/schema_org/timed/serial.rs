//! A member's HTML written out as html5ever's serializer writes it (what scraper's
//! `ElementRef::html` and `inner_html` give), straight into a string.
//!
//! Each entry of a page read by its layout is its member's HTML with the title and time cut
//! out, read again as a fragment; writing that HTML through scraper's generic writer (a byte
//! buffer grown as it goes, names cloned per element, the result validated as UTF-8 again)
//! was a sixth of reading such a page. The rules here are the serializer's, one for one; a
//! test compares both on every element of the fixture pages and of hostile markup.

use crate::formats::html::dom::{Data, Dom};
use html5ever::{LocalName, local_name, ns};
use scraper::ElementRef;
use std::ops::Range;

/// What the serializer keeps of an open element.
struct Open {
    /// Its name when it is an HTML element.
    html_name: Option<LocalName>,
    /// A void element: nothing inside it is written, nor its end tag.
    ignore_children: bool,
}

/// The HTML of `el`, itself included (`ElementRef::html`) or not (`inner_html`).
pub(in crate::formats::schema_org) fn html(el: ElementRef<'_>, include_node: bool) -> String {
    html_marking(el, include_node, [None, None]).0
}

/// As [`html`], of a node of either tree (`html::dom`).
pub(in crate::formats::schema_org) fn html_in<'a, N: Dom<'a>>(el: N, include_node: bool) -> String {
    marking_in(el, include_node, [None, None]).0
}

/// As [`html`], also saying where in it each of `marks` (elements inside `el`) was written:
/// an element's HTML is then a slice of its member's, not a second walk. `None` for a mark
/// not written out in full (one inside a void element is not written at all).
pub(super) fn html_marking(
    el: ElementRef<'_>,
    include_node: bool,
    marks: [Option<ElementRef<'_>>; 2],
) -> (String, [Option<Range<usize>>; 2]) {
    marking_in(*el, include_node, marks.map(|m| m.map(|m| *m)))
}

fn marking_in<'a, N: Dom<'a>>(
    el: N,
    include_node: bool,
    marks: [Option<N>; 2],
) -> (String, [Option<Range<usize>>; 2]) {
    let mut starts: [Option<usize>; 2] = [None; 2];
    let mut spans: [Option<Range<usize>>; 2] = [None, None];
    // Room for a member's usual HTML at once: growing the string a step at a time cost as much
    // as writing it.
    let mut out = String::with_capacity(if include_node { 64 } else { 1024 });
    let mut stack = vec![Open {
        html_name: None,
        ignore_children: false,
    }];
    let root = el;
    let mut cur = root;
    loop {
        if include_node || cur != root {
            for (m, start) in marks.iter().zip(&mut starts) {
                if *m == Some(cur) {
                    *start = Some(out.len());
                }
            }
            open(&mut out, &mut stack, cur);
        }
        if let Some(child) = cur.first_child() {
            cur = child;
            continue;
        }
        // A leaf: close it and every ancestor it ends, up to the next sibling.
        loop {
            if (include_node || cur != root)
                && let Some(name) = cur.element()
            {
                close(&mut out, &mut stack, name);
                for ((m, start), span) in marks.iter().zip(&starts).zip(&mut spans) {
                    if *m == Some(cur) {
                        *span = start.filter(|&s| s < out.len()).map(|s| s..out.len());
                    }
                }
            }
            if cur == root {
                return (out, spans);
            }
            if let Some(next) = cur.next_sibling() {
                cur = next;
                break;
            }
            match cur.parent() {
                Some(parent) => cur = parent,
                None => return (out, spans),
            }
        }
    }
}

/// A node as the serializer opens it: `<!DOCTYPE …>`, a comment, text, or a start tag.
fn open<'a, N: Dom<'a>>(out: &mut String, stack: &mut Vec<Open>, node: N) {
    match node.data() {
        Data::Doctype(d) => {
            out.push_str("<!DOCTYPE ");
            out.push_str(d);
            out.push('>');
        }
        Data::Comment(c) => {
            out.push_str("<!--");
            out.push_str(c);
            out.push_str("-->");
        }
        Data::Text(t) => {
            let raw = stack
                .last()
                .and_then(|o| o.html_name.as_ref())
                .is_some_and(|n| {
                    matches!(
                        *n,
                        local_name!("style")
                            | local_name!("script")
                            | local_name!("xmp")
                            | local_name!("iframe")
                            | local_name!("noembed")
                            | local_name!("noframes")
                            | local_name!("plaintext")
                    )
                });
            if raw {
                out.push_str(t);
            } else {
                escaped(out, t, false);
            }
        }
        Data::Element(name) => {
            let html_name = (name.ns == ns!(html)).then(|| name.local.clone());
            if stack.last().is_some_and(|o| o.ignore_children) {
                stack.push(Open {
                    html_name,
                    ignore_children: true,
                });
                return;
            }
            out.push('<');
            out.push_str(&name.local);
            for (k, v) in node.attrs() {
                out.push(' ');
                match k.ns {
                    ns!() => {}
                    ns!(xml) => out.push_str("xml:"),
                    ns!(xmlns) => {
                        if k.local != local_name!("xmlns") {
                            out.push_str("xmlns:");
                        }
                    }
                    ns!(xlink) => out.push_str("xlink:"),
                    _ => out.push_str("unknown_namespace:"),
                }
                out.push_str(&k.local);
                out.push_str("=\"");
                escaped(out, v, true);
                out.push('"');
            }
            out.push('>');
            let ignore_children = crate::formats::html::is_void(name);
            stack.push(Open {
                html_name,
                ignore_children,
            });
        }
        Data::Other => {}
    }
}

/// An element's end tag, unless it is void (or inside one).
fn close(out: &mut String, stack: &mut Vec<Open>, name: &html5ever::QualName) {
    if stack.pop().is_some_and(|o| !o.ignore_children) {
        out.push_str("</");
        out.push_str(&name.local);
        out.push('>');
    }
}

/// `text` with `&`, `<`, `>` and the no-break space escaped, and `"` in an attribute; found
/// with two byte searches, as the serializer finds them.
fn escaped(out: &mut String, text: &str, attr_mode: bool) {
    let b = text.as_bytes();
    let quote = if attr_mode { b'"' } else { b'<' };
    // Written up to `done`; looking from `i`.
    let (mut done, mut i) = (0, 0);
    while i < b.len() {
        let end = memchr::memchr3(quote, b'<', b'>', &b[i..]).map_or(b.len(), |n| i + n);
        let next = memchr::memchr2(b'&', 0xC2, &b[i..end]).map_or(end, |n| i + n);
        let Some(&c) = b.get(next) else {
            break;
        };
        let (with, len) = match c {
            b'&' => ("&amp;", 1),
            b'"' => ("&quot;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            _ if b.get(next + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                // Another character starting with 0xC2: kept.
                i = next + 1;
                continue;
            }
        };
        out.push_str(&text[done..next]);
        out.push_str(with);
        i = next + len;
        done = i;
    }
    out.push_str(&text[done..]);
}

#[cfg(test)]
mod tests {
    use super::{html, html_marking};
    use crate::formats::html::parse_document;
    use scraper::{ElementRef, Html};

    fn both_agree_on_every_element(doc: &Html) {
        for el in doc.tree.nodes().filter_map(ElementRef::wrap) {
            assert_eq!(html(el, true), el.html());
            assert_eq!(html(el, false), el.inner_html());
            marks_are_slices_of_their_html(el);
        }
    }

    /// Each of the first elements below `el`, marked, is found where its own HTML was written.
    fn marks_are_slices_of_their_html(el: ElementRef<'_>) {
        let below: Vec<ElementRef<'_>> = el.descendent_elements().skip(1).take(6).collect();
        for pair in below.windows(2) {
            for include_node in [false, true] {
                let marks = [Some(pair[1]), Some(pair[0])];
                let (out, spans) = html_marking(el, include_node, marks);
                assert_eq!(out, html(el, include_node));
                for (m, span) in marks.into_iter().flatten().zip(spans) {
                    // Only an element inside a void one is not written.
                    let in_void = m.ancestors().filter_map(ElementRef::wrap).any(|a| {
                        a.value().name.ns == html5ever::ns!(html)
                            && matches!(a.value().name(), "br" | "img" | "hr" | "input" | "wbr")
                    });
                    match span {
                        Some(s) => assert_eq!(out[s].to_string(), html(m, true)),
                        None => assert!(in_void, "{}", html(m, true)),
                    }
                }
            }
        }
    }

    #[test]
    fn every_element_of_the_fixture_pages_is_written_as_scraper_writes_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut pages = 0;
        for sub in ["html", "amp"] {
            for f in std::fs::read_dir(dir.join(sub)).unwrap() {
                let text = String::from_utf8_lossy(&std::fs::read(f.unwrap().path()).unwrap())
                    .into_owned();
                both_agree_on_every_element(&parse_document(&text).unwrap());
                pages += 1;
            }
        }
        assert!(pages >= 6);
    }

    #[test]
    fn hostile_markup_is_written_as_scraper_writes_it() {
        for page in [
            "<div a=\"x &amp; &quot;y&quot; &lt;z&gt; \u{a0}\" b='\u{c2}'>1 &lt; 2 &gt; 0 &amp; \
             \"q\" \u{a0}\u{a2}</div>",
            "<div><script>if (a < b && c > d) { s = \"</div>\" }</script><style>p>a{}</style>\
             <noscript><p>x & y</p></noscript><xmp><b>&</b></xmp><iframe>a<b</iframe>\
             <noembed>a<b</noembed><noframes>a<b</noframes></div><plaintext><b>&</b>",
            "<p>a<!-- a <b> & -->b<br>c<img src=x alt='\"'><hr><wbr><input value=1></p>",
            "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"#x\" \
             xml:lang=en><title>t</title><foreignObject><p>in</p></foreignObject></a>\
             <br></br><img>x</img></svg><math><mi>x</mi></math>",
            "<table><tr><td>1</td>stray<td>2</td></tr></table><template><p>t</p></template>",
            "<?php echo 1 ?><div>\u{202e}\u{1b}[31m\u{85}</div><pre>\n\nx</pre><textarea>\n\
             a</textarea>",
            "<!doctype html><html><head><title>a&b</title></head><body><div class=\"a\" \
             id=\"b\" data-x=\"y\"><time datetime=\"2025\">10:00</time></div></body></html>",
        ] {
            both_agree_on_every_element(&parse_document(page).unwrap());
            both_agree_on_every_element(&crate::formats::html::parse_fragment(page));
        }
    }
}
