//! Links the URL parser would give back as written.
//!
//! Resolving a link parses it, which for a long absolute link is thousands of instructions:
//! a fifth of the links of a large page took 5% of reading it. Most links are absolute http(s)
//! links already in the form the parser writes (a lower-case host, a path, nothing to
//! percent-encode or remove), and for those the parser's answer is the link itself, whatever
//! the base. Anything that is not surely so is parsed.

/// Whether `href` (already trimmed) is an absolute `http` or `https` URL that parsing, alone
/// or against any base, gives back unchanged.
pub(super) fn unchanged_by_parsing(href: &str) -> bool {
    let b = href.as_bytes();
    let Some(rest) = b
        .strip_prefix(b"https://")
        .or_else(|| b.strip_prefix(b"http://"))
    else {
        return false;
    };
    // A path is needed: the parser writes `/` after a host without one.
    let Some(host_end) = memchr::memchr(b'/', rest) else {
        return false;
    };
    let (host, tail) = rest.split_at(host_end);
    let path_end = memchr::memchr2(b'?', b'#', tail).unwrap_or(tail.len());
    plain_host(host)
        && tail.iter().all(|&c| c.is_ascii_alphanumeric() || KEPT.contains(&c))
        && plain_percents(tail)
        // Dot segments are removed: `/./`, `/../`, and anything like them.
        && memchr::memmem::find(&tail[..path_end], b"/.").is_none()
}

/// Characters other than letters and digits that the parser keeps as they are in a path,
/// query or fragment of an http(s) URL (not `'`, which it encodes in a query).
const KEPT: &[u8] = b"-._~!$&()*+,;=:@/?#%";

/// A host of lower-case letters, digits and hyphens in dot-separated labels, ending in a
/// label of letters (not an IPv4 address in any of its forms), with no punycode to check.
fn plain_host(host: &[u8]) -> bool {
    let mut labels = host.split(|&c| c == b'.');
    let last = labels.next_back().unwrap_or_default();
    !last.is_empty()
        && last.iter().all(u8::is_ascii_lowercase)
        && labels.all(|l| {
            !l.is_empty()
                && !l.starts_with(b"xn--")
                && l.iter()
                    .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        })
}

/// Every `%` starts an escape of two hex digits, none of them an escaped dot (which in a path
/// is a dot segment).
fn plain_percents(tail: &[u8]) -> bool {
    memchr::memchr_iter(b'%', tail).all(|i| match tail.get(i + 1..i + 3) {
        Some([a, b]) => {
            a.is_ascii_hexdigit()
                && b.is_ascii_hexdigit()
                && !(*a == b'2' && matches!(b, b'e' | b'E'))
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::unchanged_by_parsing;
    use url::Url;

    /// What the parser makes of `href`, alone and against a base.
    fn parsed(href: &str) -> [Option<String>; 2] {
        let base = Url::parse("https://example.org/live/blog?page=2#top").ok();
        [
            Url::parse(href).ok().map(String::from),
            base.and_then(|b| b.join(href).ok()).map(String::from),
        ]
    }

    fn check(href: &str) -> bool {
        let fast = unchanged_by_parsing(href);
        if fast {
            let want = Some(href.to_string());
            assert_eq!(parsed(href), [want.clone(), want], "{href}");
        }
        fast
    }

    #[test]
    fn plain_links_are_kept_and_the_parser_agrees() {
        for href in [
            "https://www.theguardian.com/world/live/2025/feb/17/europe-leaders-paris-summit",
            "http://e.org/a/b.html?x=1&y=2;z#frag",
            "https://a-b.c9.example/p%20q/%C3%A9?q=a/b:c@d!$()*+,;=#f#g",
            "https://twitter.com/BBCPolitics/status/1734912328703807981",
            "https://e.org/",
            "https://e.org/a.b/c.d?x=/./y#/../z",
        ] {
            assert!(check(href), "not kept: {href}");
        }
    }

    #[test]
    fn links_the_parser_changes_or_might_are_left_to_it() {
        for href in [
            "https://e.org",
            "HTTPS://e.org/",
            "https://E.org/",
            "https://e.org:443/",
            "https://e.org:8080/",
            "https://user@e.org/",
            "https://127.0.0.1/",
            "https://0x7f.1/",
            "https://e.123/",
            "https://e.org./",
            "https://e..org/",
            "https://.e.org/",
            "https://xn--nxasmq6b.com/",
            "https://e.org/a/./b",
            "https://e.org/a/../b",
            "https://e.org/a/%2e%2E/b",
            "https://e.org/a/%2E/b",
            "https://e.org/a b",
            "https://e.org/a\tb",
            "https://e.org/a\\b",
            "https://e.org/é",
            "https://e.org/?q='x'",
            "https://e.org/a%zz",
            "https://e.org/a%",
            "https://e.org/{x}|^`\"<>",
            "//e.org/a",
            "/a/b",
            "ftp://e.org/",
            "javascript:alert(1)",
        ] {
            assert!(!check(href), "kept: {href}");
        }
    }

    /// Links made from pieces chosen for what the parser changes: whenever one is kept, the
    /// parser gives it back as written.
    #[test]
    fn made_up_links_are_kept_only_where_the_parser_agrees() {
        let schemes = [
            "https://",
            "http://",
            "HTTP://",
            "https:/",
            "https:///",
            "file://",
        ];
        let hosts = [
            "e.org",
            "a-b.c9.example",
            "E.org",
            "e.org.",
            "127.0.0.1",
            "0x7f.0.0.1",
            "e.1",
            "xn--a.com",
            "a_b.com",
            "-a.com",
            "a-.com",
            "",
            "e.org:80",
            "u:p@e.org",
            "[::1]",
            "ex%41mple.com",
            "e.o",
        ];
        // Mostly what is kept, so that enough links are; some of what is not.
        let good = [
            "/", "a", "Z", ".", "%2F", "%41", "?", "#", "&", "=", "~", "!", "$", "(", ")", "*",
            "+", ",", ";", ":", "@", "-", "_", "0", "/a", "b.c",
        ];
        let bad = [
            "..", "/.", "%", "%2e", "%4", "'", "\"", " ", "\t", "\n", "\\", "é", "[", "]", "|",
            "^", "{", "`", "\u{0}", "\u{ad}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap_or(0)
        };
        let mut kept = 0;
        for _ in 0..40_000 {
            let mut href = String::from(schemes[next(schemes.len())]);
            href.push_str(hosts[next(hosts.len())]);
            if next(4) > 0 {
                href.push('/');
            }
            for _ in 0..next(12) {
                href.push_str(if next(6) > 0 {
                    good[next(good.len())]
                } else {
                    bad[next(bad.len())]
                });
            }
            kept += usize::from(check(&href));
        }
        assert!(kept > 1_000, "too few kept to say anything: {kept}");
    }
}
