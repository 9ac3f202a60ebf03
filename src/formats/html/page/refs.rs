//! Character references, decoded exactly as html5ever's tokenizer decodes them: every named
//! reference of its table (longest match, the legacy names without `;`, and their historical
//! exception inside attribute values) and every numeric one.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Appends `raw` to `out` with its character references decoded; `in_attr` when `raw` is an
/// attribute value.
pub(super) fn decode(raw: &str, in_attr: bool, out: &mut String) {
    out.reserve(raw.len());
    let mut rest = raw;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let read = match after.as_bytes().first() {
            Some(b'#') => numeric(&after[1..], out).map(|n| n + 1),
            Some(c) if c.is_ascii_alphanumeric() => named(after, in_attr, out),
            _ => None,
        };
        if let Some(n) = read {
            rest = &after[n..];
        } else {
            // Not a reference: the ampersand is text, and what follows is read again.
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
}

/// A named reference at the start of `s` (after `&`): how much of `s` it takes, once its
/// characters are pushed; `None` when it is no reference.
fn named(s: &str, in_attr: bool, out: &mut String) -> Option<usize> {
    let mut found = None;
    for (i, c) in s.char_indices() {
        let name = &s[..i + c.len_utf8()];
        match NAMED_ENTITIES.get(name) {
            Some(&(c1, c2)) => {
                if c1 != 0 {
                    found = Some((c1, c2, name.len()));
                }
            }
            None => break,
        }
    }
    let (c1, c2, len) = found?;
    if in_attr && !s[..len].ends_with(';') {
        // `&copy=` and `&copyx` in an attribute value stay as written.
        let next = s[len..].bytes().next();
        if next.is_some_and(|c| c == b'=' || c.is_ascii_alphanumeric()) {
            return None;
        }
    }
    out.push(char::from_u32(c1)?);
    if c2 != 0 {
        out.push(char::from_u32(c2)?);
    }
    Some(len)
}

/// A numeric reference at the start of `s` (after `&#`): how much of `s` it takes, once its
/// character is pushed; `None` without digits.
fn numeric(s: &str, out: &mut String) -> Option<usize> {
    let digits = s.as_bytes();
    let (base, start) = match digits.first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let mut value: u32 = 0;
    let mut too_big = false;
    let mut end = start;
    while let Some(d) = digits.get(end).and_then(|&c| char::from(c).to_digit(base)) {
        value = value.wrapping_mul(base);
        if value > 0x10_FFFF {
            too_big = true;
        }
        value = value.wrapping_add(d);
        end += 1;
    }
    if end == start {
        return None;
    }
    if digits.get(end) == Some(&b';') {
        end += 1;
    }
    let decoded = match value {
        _ if too_big || value > 0x10_FFFF => '\u{fffd}',
        0 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => C1_REPLACEMENTS[(value - 0x80) as usize]
            .or_else(|| char::from_u32(value))
            .unwrap_or('\u{fffd}'),
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    };
    out.push(decoded);
    Some(end)
}
