//! JSON as publishers write it: parsed strictly, else repaired once (comments, trailing
//! commas, raw line breaks in strings, an HTML comment or CDATA wrapper) and parsed again.

use crate::formats::json::Value;

/// Parses JSON into a tree that borrows its strings from `s`; if that fails, strips comments,
/// trailing commas and raw control characters in strings (the usual hand-written mistakes) and
/// tries once more, into a tree of its own.
pub(super) fn parse_lenient(s: &str) -> Result<Value<'_>, serde_json::Error> {
    match serde_json::from_str(s) {
        Ok(v) => Ok(v),
        Err(first) => {
            let repaired = repair_json(s);
            serde_json::from_str::<Value<'_>>(&repaired)
                .map(Value::into_owned)
                .map_err(|_| first)
        }
    }
}

/// Removes `//` and `/* */` comments and commas before `]` or `}` outside strings, escapes raw
/// line breaks and tabs inside strings, and drops an HTML comment or CDATA wrapper.
pub(super) fn repair_json(s: &str) -> String {
    let mut s = s.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    let no_comments = strip_comments(s);
    strip_trailing_commas(&no_comments)
}

fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut prev = '\0';
                for n in chars.by_ref() {
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

fn strip_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            out.push(c);
            continue;
        }
        if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = s[i + 1..].trim_start().chars().next();
            if matches!(next, Some(']' | '}')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repair_removes_comments_and_trailing_commas_outside_strings_only() {
        let bad =
            "{\n // a comment\n \"a\": \"x // not a comment, }\", /* block */\n \"b\": [1, 2,],\n}";
        let v: serde_json::Value = serde_json::from_str(&repair_json(bad)).unwrap();
        assert_eq!(v["a"], "x // not a comment, }");
        assert_eq!(v["b"], serde_json::json!([1, 2]));
    }

    #[test]
    fn repair_escapes_raw_line_breaks_inside_strings() {
        let v = parse_lenient("{\"a\": \"one\ntwo\"}").unwrap();
        assert_eq!(v.get("a").and_then(Value::as_str), Some("one\ntwo"));
    }
}
