//! The names of the elements the fast path reads.

/// The name of an element this path reads, in lower case, from the name as written (ASCII
/// letters and digits); `None` for any other, which no reading here takes.
pub(super) fn known(written: &str) -> Option<&'static str> {
    // Names written in lower case (all those of a parsed tree) are matched at once; only the
    // others are compared with each listed name in turn.
    lower_case_name(written).or_else(|| {
        NAMES
            .iter()
            .chain(&VOID)
            .copied()
            .find(|n| n.eq_ignore_ascii_case(written))
    })
}

/// The listed name (in [`NAMES`] or [`VOID`]) that `name` is, as written.
fn lower_case_name(name: &str) -> Option<&'static str> {
    macro_rules! listed {
        ($($n:literal)|+) => {
            match name {
                $($n => Some($n),)+
                _ => None,
            }
        };
    }
    listed!(
        "div"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "nav"
            | "main"
            | "p"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "blockquote"
            | "b"
            | "strong"
            | "i"
            | "em"
            | "cite"
            | "dfn"
            | "var"
            | "a"
            | "span"
            | "u"
            | "sub"
            | "sup"
            | "small"
            | "mark"
            | "abbr"
            | "s"
            | "del"
            | "strike"
            | "ins"
            | "br"
            | "figure"
            | "figcaption"
            | "picture"
            | "img"
            | "hr"
            | "source"
    )
}

/// The elements without content read here.
pub(super) const VOID: [&str; 3] = ["img", "hr", "source"];

/// The elements with content read here, and `br`.
pub(super) const NAMES: [&str; 41] = [
    "div",
    "section",
    "article",
    "aside",
    "header",
    "nav",
    "main",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "b",
    "strong",
    "i",
    "em",
    "cite",
    "dfn",
    "var",
    "a",
    "span",
    "u",
    "sub",
    "sup",
    "small",
    "mark",
    "abbr",
    "s",
    "del",
    "strike",
    "ins",
    "br",
    "figure",
    "figcaption",
    "picture",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_is_matched_at_once_and_nothing_else_is() {
        for n in NAMES.iter().chain(&VOID) {
            assert_eq!(lower_case_name(n), Some(*n));
            assert_eq!(known(&n.to_ascii_uppercase()), Some(*n));
        }
        assert_eq!(lower_case_name("Div"), None);
        assert_eq!(lower_case_name("table"), None);
    }
}
