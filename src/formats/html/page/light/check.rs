//! The light tree held to scraper's tree of the same page, for the tests.

use super::{Light, LightNode};
use crate::formats::html::dom::{Dom, Scraped};
use crate::formats::html::page::skim::{Tok, is_space};

/// A node as the readings see it, with its depth.
fn describe<'a>(n: impl Dom<'a>) -> String {
    let attrs: Vec<_> = n.attrs().collect();
    format!("{:?} {attrs:?} depth {}", n.data(), n.ancestors().count())
}

/// Where the light tree of a page differs from scraper's tree of it (`None` when nowhere):
/// node by node in the order of a walk from the document, an element whose content was
/// skimmed against the nodes inside it in scraper's tree; and, in both trees, the nodes in
/// the order they were made are in that order too.
pub(in crate::formats) fn differs_from(light: &Light<'_>, doc: &scraper::Html) -> Option<String> {
    let walk: Vec<LightNode<'_>> = LightNode { tree: light, id: 0 }.descendants().collect();
    let scraped: Scraped<'_> = doc.tree.root();
    let full: Vec<Scraped<'_>> = scraped.descendants().collect();
    if !light.nodes().eq(walk.iter().copied()) || !doc.tree.nodes().eq(full.iter().copied()) {
        return Some("nodes made out of the page's order".into());
    }
    let mut i = 0;
    for n in walk {
        let Some(&m) = full.get(i) else {
            return Some(format!("scraper's tree ends before {}", describe(n)));
        };
        let (a, b) = (describe(n), describe(m));
        if a != b {
            return Some(format!("{a} != {b}"));
        }
        i += 1;
        if let Some(s) = n.skimmed() {
            let inside = m.descendants().count() - 1;
            let from_tree: Vec<String> = full[i..i + inside]
                .iter()
                .map(|d| {
                    let depth = d.ancestors().take_while(|a| *a != m).count();
                    let mut attrs: Vec<(String, String)> = d
                        .attrs()
                        .map(|(k, v)| (k.local.to_string(), v.to_string()))
                        .collect();
                    attrs.sort();
                    format!("{:?} {attrs:?} {depth}", d.data())
                })
                .collect();
            let Some(from_toks) = token_nodes(s.toks) else {
                return Some("a skimmed reference is refused".into());
            };
            if from_tree != from_toks {
                return Some(format!("skimmed {from_toks:?} != {from_tree:?}"));
            }
            i += inside;
        }
    }
    (i != full.len()).then(|| "scraper's tree has more nodes".into())
}

/// The nodes skimmed content stands for, described as [`differs_from`] describes scraper's:
/// the nesting of its tags as written, references decoded, the first of twin attributes kept.
fn token_nodes(toks: &[Tok<'_>]) -> Option<Vec<String>> {
    use crate::formats::html::dom::Data;
    use crate::formats::html::page::decoded;
    let mut open = 0;
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Start {
                name,
                attrs,
                depth,
                last,
                itemprop,
                ..
            } => {
                assert_eq!(*depth, open, "depth of {name}");
                let first_itemprop = attributes(attrs)
                    .find(|(k, _)| k.eq_ignore_ascii_case("itemprop"))
                    .map(|(_, v)| v);
                assert_eq!(*itemprop, first_itemprop, "itemprop of {name} {attrs}");
                let mut seen: Vec<(String, String)> = Vec::new();
                for (k, v) in attributes(attrs) {
                    let k = k.to_ascii_lowercase();
                    if !seen.iter().any(|(s, _)| *s == k) {
                        seen.push((k, decoded(v, true)?.into_owned()));
                    }
                }
                seen.sort();
                let name = html5ever::QualName::new(
                    None,
                    html5ever::ns!(html),
                    html5ever::LocalName::from(*name),
                );
                out.push(format!("{:?} {seen:?} {open}", Data::Element(&name)));
                if *last != i {
                    open += 1;
                }
            }
            Tok::End => open -= 1,
            Tok::Text(raw) => {
                let t = decoded(raw, false)?;
                out.push(format!("{:?} [] {open}", Data::Text(&t)));
            }
        }
    }
    Some(out)
}

/// The attributes of a skimmed start tag: names and values as written (names in any case,
/// references not decoded), the first of a name first.
fn attributes(attrs: &str) -> impl Iterator<Item = (&str, &str)> {
    let b = attrs.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while b.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        let at = i;
        let end = at
            + b.get(at..)?
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b'=')
                .unwrap_or(b.len() - at);
        if end == at {
            return None;
        }
        let name = &attrs[at..end];
        if b.get(end) != Some(&b'=') {
            i = end;
            return Some((name, ""));
        }
        let start = end + 2;
        let close = start + memchr::memchr(b'"', &b[start..])?;
        i = close + 1;
        Some((name, &attrs[start..close]))
    })
}
