//! Character references: the common ones, read without the full parser's table.

/// Appends `raw` with its character references decoded; `None` for a reference not handled
/// here (the full parser knows two thousand names and many repairs).
pub(super) fn decode(raw: &str, out: &mut String) -> Option<()> {
    // No reference read here is longer than what it is written with.
    out.reserve(raw.len());
    let mut rest = raw;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let after = rest.as_bytes().get(1).copied();
        if !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'#') {
            // `&` before a space, punctuation or the end is just an ampersand.
            out.push('&');
            rest = &rest[1..];
            continue;
        }
        let semi = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&c| c == b';')?;
        out.push(reference(&rest[1..semi])?);
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Some(())
}

/// The named references read here: the markup's own and the common typographic and accented
/// ones (a test checks each against the full parser).
pub(super) const NAMED: [(&str, char); 78] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("rsquo", '\u{2019}'),
    ("lsquo", '\u{2018}'),
    ("ldquo", '\u{201c}'),
    ("rdquo", '\u{201d}'),
    ("sbquo", '\u{201a}'),
    ("bdquo", '\u{201e}'),
    ("mdash", '\u{2014}'),
    ("ndash", '\u{2013}'),
    ("hellip", '\u{2026}'),
    ("bull", '\u{2022}'),
    ("middot", '\u{b7}'),
    ("prime", '\u{2032}'),
    ("Prime", '\u{2033}'),
    ("laquo", '\u{ab}'),
    ("raquo", '\u{bb}'),
    ("lsaquo", '\u{2039}'),
    ("rsaquo", '\u{203a}'),
    ("pound", '\u{a3}'),
    ("euro", '\u{20ac}'),
    ("yen", '\u{a5}'),
    ("cent", '\u{a2}'),
    ("copy", '\u{a9}'),
    ("reg", '\u{ae}'),
    ("trade", '\u{2122}'),
    ("deg", '\u{b0}'),
    ("plusmn", '\u{b1}'),
    ("times", '\u{d7}'),
    ("divide", '\u{f7}'),
    ("frac12", '\u{bd}'),
    ("frac14", '\u{bc}'),
    ("frac34", '\u{be}'),
    ("sect", '\u{a7}'),
    ("para", '\u{b6}'),
    ("iexcl", '\u{a1}'),
    ("iquest", '\u{bf}'),
    ("shy", '\u{ad}'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("dagger", '\u{2020}'),
    ("eacute", '\u{e9}'),
    ("Eacute", '\u{c9}'),
    ("egrave", '\u{e8}'),
    ("ecirc", '\u{ea}'),
    ("euml", '\u{eb}'),
    ("aacute", '\u{e1}'),
    ("agrave", '\u{e0}'),
    ("acirc", '\u{e2}'),
    ("auml", '\u{e4}'),
    ("Auml", '\u{c4}'),
    ("atilde", '\u{e3}'),
    ("aring", '\u{e5}'),
    ("ccedil", '\u{e7}'),
    ("Ccedil", '\u{c7}'),
    ("iacute", '\u{ed}'),
    ("icirc", '\u{ee}'),
    ("iuml", '\u{ef}'),
    ("oacute", '\u{f3}'),
    ("ocirc", '\u{f4}'),
    ("ouml", '\u{f6}'),
    ("Ouml", '\u{d6}'),
    ("otilde", '\u{f5}'),
    ("oslash", '\u{f8}'),
    ("uacute", '\u{fa}'),
    ("ugrave", '\u{f9}'),
    ("ucirc", '\u{fb}'),
    ("uuml", '\u{fc}'),
    ("Uuml", '\u{dc}'),
    ("ntilde", '\u{f1}'),
    ("szlig", '\u{df}'),
    ("oelig", '\u{153}'),
    ("hearts", '\u{2665}'),
];

/// The character a reference (without `&` and `;`) stands for, when it is one of the common
/// ones and means the same in every context.
fn reference(name: &str) -> Option<char> {
    // Numeric first: no name starts with `#`, and `&#39;` is common.
    let Some(digits) = name.strip_prefix('#') else {
        return NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c);
    };
    let n = match digits.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit()) => {
            u32::from_str_radix(hex, 16).ok()?
        }
        None if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) => {
            digits.parse().ok()?
        }
        _ => return None,
    };
    // NUL, the C1 range (read as windows-1252 by browsers), surrogates and CR are all
    // replaced or remapped by the parser.
    if n == 0 || n == 0x0d || (0x80..=0x9f).contains(&n) {
        return None;
    }
    char::from_u32(n)
}
