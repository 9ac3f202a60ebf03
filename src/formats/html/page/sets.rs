//! The sets of element names the tree construction rules name.

use super::lex::Raw;
use html5ever::{LocalName, local_name};

/// Elements closed by the generation of implied end tags.
pub(super) fn implied_end(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("dd")
            | local_name!("dt")
            | local_name!("li")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("p")
            | local_name!("rb")
            | local_name!("rp")
            | local_name!("rt")
            | local_name!("rtc")
    )
}

pub(super) fn formatting(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

pub(super) fn heading(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// html5ever's special elements (`special_tag`), in the HTML namespace.
pub(super) fn special(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("applet")
            | local_name!("area")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("br")
            | local_name!("button")
            | local_name!("caption")
            | local_name!("center")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("embed")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("frame")
            | local_name!("frameset")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("head")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("html")
            | local_name!("iframe")
            | local_name!("img")
            | local_name!("input")
            | local_name!("isindex")
            | local_name!("li")
            | local_name!("link")
            | local_name!("listing")
            | local_name!("main")
            | local_name!("marquee")
            | local_name!("menu")
            | local_name!("meta")
            | local_name!("nav")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("object")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("param")
            | local_name!("plaintext")
            | local_name!("pre")
            | local_name!("script")
            | local_name!("section")
            | local_name!("select")
            | local_name!("source")
            | local_name!("style")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("template")
            | local_name!("textarea")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("title")
            | local_name!("tr")
            | local_name!("track")
            | local_name!("ul")
            | local_name!("wbr")
            | local_name!("xmp")
    )
}

/// Start tags the in-head rules read here (`template` aside).
pub(super) fn in_head(name: &LocalName) -> bool {
    matches!(
        *name,
        names!(
            "base"
                | "basefont"
                | "bgsound"
                | "link"
                | "meta"
                | "title"
                | "noframes"
                | "style"
                | "noscript"
                | "script"
        )
    )
}

/// Raw-text elements in the body, and how their content is read.
pub(super) fn raw_in_body(name: &LocalName) -> Option<Raw> {
    Some(match *name {
        names!("title" | "textarea") => Raw::Rcdata,
        local_name!("script") => Raw::Script,
        names!("noframes" | "style" | "noscript" | "iframe" | "noembed" | "xmp") => Raw::Rawtext,
        _ => return None,
    })
}

/// Elements without content in the body (`hr` also closes a paragraph).
#[rustfmt::skip]
pub(super) fn void_in_body(name: &LocalName) -> bool {
    matches!(*name, names!(
        "base" | "basefont" | "bgsound" | "link" | "meta" | "area" | "br" | "embed" | "img"
        | "keygen" | "wbr" | "input" | "param" | "source" | "track" | "hr"
    ))
}

/// Start tags in the body whose rules are not reproduced here.
#[rustfmt::skip]
pub(super) fn refused_in_body(name: &LocalName) -> bool {
    matches!(*name, names!(
        "html" | "body" | "frameset" | "head" | "template" | "table" | "caption" | "col"
        | "colgroup" | "frame" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" | "select"
        | "option" | "optgroup" | "rb" | "rtc" | "rp" | "rt" | "math" | "svg" | "applet"
        | "marquee" | "object" | "nobr" | "image" | "plaintext"
    ))
}

/// Start tags that close a paragraph open in button scope.
#[rustfmt::skip]
pub(super) fn closes_p(name: &LocalName) -> bool {
    matches!(*name, names!(
        "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog" | "dir"
        | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "header" | "hgroup"
        | "main" | "menu" | "nav" | "ol" | "p" | "search" | "section" | "summary" | "ul"
        | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "listing" | "form"
    ))
}

/// End tags that close the element of their name when it is in scope.
#[rustfmt::skip]
pub(super) fn closes_in_scope(name: &LocalName) -> bool {
    matches!(*name, names!(
        "address" | "article" | "aside" | "blockquote" | "button" | "center" | "details"
        | "dialog" | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer"
        | "header" | "hgroup" | "listing" | "main" | "menu" | "nav" | "ol" | "pre" | "search"
        | "section" | "summary" | "ul"
    ))
}
