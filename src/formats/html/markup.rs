//! Text that may or may not be HTML: publishers put entities and tags into fields meant
//! to be text, and a `<` into text that holds no tag.

use scraper::Html;

/// An HTML fragment or entity-laden string as plain text. Publishers put `&amp;`, `&#x2B;`
/// and tags into fields meant to be text; html5ever knows every entity. A `<` that opens no
/// HTML tag ("Rich & <test> blog", "x < y") is text and stays.
pub(in crate::formats) fn plain_text(s: &str) -> String {
    // One vector search, where a search for either character goes a character at a time.
    if memchr::memchr2(b'&', b'<', s.as_bytes()).is_none() {
        return s.trim().to_string();
    }
    let frag = if has_markup(s) {
        Html::parse_fragment(s)
    } else {
        Html::parse_fragment(&s.replace('<', "&lt;"))
    };
    let text: String = frag.root_element().text().collect();
    text.trim().to_string()
}

/// HTML element names, for telling markup from text that merely holds a `<`.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Whether the string holds HTML: a comment, or a start or end tag of an HTML element
/// (`<p>`, `</a>`, `<br/>`, `<img src=…>`). A `<` before anything else (`<test>`, `x<y`,
/// `<3`) is text: stripping it as a tag would lose words.
pub(in crate::formats) fn has_markup(s: &str) -> bool {
    let b = s.as_bytes();
    // Only where a `<` is: most text (every title) has none, seen at once.
    memchr::memchr_iter(b'<', b).any(|i| {
        let rest = &b[i + 1..];
        if rest.starts_with(b"!--") {
            return true;
        }
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = String::from_utf8_lossy(&rest[..len]).to_ascii_lowercase();
        let ends_name = rest
            .get(len)
            .is_some_and(|&c| c == b'>' || c == b'/' || c.is_ascii_whitespace());
        ends_name && HTML_ELEMENTS.contains(&name.as_str())
    })
}
