//! Where a blog's older pages are, for people: a paged source names its next older page
//! relative to the page read (the Guardian's `?page=with:block-…`), which means nothing
//! outside it. Against the blog's own address it is a page a browser opens.

use super::LiveBlog;

/// The address of the blog's next older page: its `older` pointer resolved against the blog's
/// address (as [`crate::net::endpoint::older_page_url`] resolves it for the poller), or the
/// pointer itself when it is an http(s) address already. `None` when the blog names no older
/// page, or names it in a form only its source reads (a WordPress Liveblog's
/// `<page>/<id>-<time>`).
pub fn older_address(blog: &LiveBlog) -> Option<url::Url> {
    let older = blog.older.as_deref()?.trim();
    if let Ok(at) = url::Url::parse(older) {
        return matches!(at.scheme(), "http" | "https").then_some(at);
    }
    let base = url::Url::parse(blog.url.as_deref()?).ok()?;
    if !matches!(base.scheme(), "http" | "https") {
        return None;
    }
    crate::net::endpoint::older_page_url(&base, older)
}

/// The blog's `older` as a dump gives it: the address of the next older page when it has one
/// (see [`older_address`]), else the pointer as the source wrote it.
pub fn older_for_dump(blog: &LiveBlog) -> Option<String> {
    older_address(blog)
        .map(String::from)
        .or_else(|| blog.older.clone())
}

/// What the reader's `L` says of a blog read from a file whose pagination names older pages:
/// they are not in the file, and where they are when that is known. `None` when it names none.
pub fn not_in_file(blog: &LiveBlog) -> Option<String> {
    blog.older.as_ref()?;
    Some(match older_address(blog) {
        Some(at) => format!(
            "Older entries are not in this file; they are at {}",
            crate::sanitize::line(at.as_str(), 600)
        ),
        None => "Older entries are not in this file".to_string(),
    })
}

/// Whether `next`, a page's `rel="next"` link, is an older page of the blog read from `page`
/// rather than the next article of the site (which a newest-first live blog's pages also name
/// so, and which read as the blog's history would graft another story below this one). Live
/// blogs page in two ways: the same path with another query (`?page=2`), or the path with a
/// page segment (`/page/2/`, as WordPress does). So it must be the same scheme, host and port,
/// and the same path once a trailing `page/<n>` is set aside, and be another address.
pub fn is_older_page(page: &url::Url, next: &url::Url) -> bool {
    if !matches!(next.scheme(), "http" | "https")
        || next.scheme() != page.scheme()
        || next.host_str() != page.host_str()
        || next.port_or_known_default() != page.port_or_known_default()
    {
        return false;
    }
    let same_path = next.path() == page.path();
    let same_blog = same_path || page_stem(next.path()) == page_stem(page.path());
    same_blog && !(same_path && next.query() == page.query())
}

/// A path without its trailing page segment (`/live/page/2/` is `/live/`), as it is written
/// otherwise.
fn page_stem(path: &str) -> &str {
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    let Some((before, n)) = trimmed.rsplit_once('/') else {
        return path;
    };
    let numbered = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    match before
        .strip_suffix("/page")
        .or_else(|| before.strip_suffix("/PAGE"))
    {
        Some(stem) if numbered => stem,
        _ => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blog(url: Option<&str>, older: Option<&str>) -> LiveBlog {
        LiveBlog {
            url: url.map(str::to_owned),
            older: older.map(str::to_owned),
            ..LiveBlog::default()
        }
    }

    #[test]
    fn a_page_query_is_resolved_against_the_blog_s_address() {
        let b = blog(
            Some("https://www.theguardian.com/politics/live/2023/dec/13/pmqs"),
            Some("?page=with:block-6579c37e8f08e3b7ab1a2fd6"),
        );
        assert_eq!(
            older_for_dump(&b).as_deref(),
            Some(
                "https://www.theguardian.com/politics/live/2023/dec/13/pmqs\
                 ?page=with:block-6579c37e8f08e3b7ab1a2fd6"
            )
        );
        assert_eq!(
            not_in_file(&b).as_deref(),
            Some(
                "Older entries are not in this file; they are at \
                 https://www.theguardian.com/politics/live/2023/dec/13/pmqs\
                 ?page=with:block-6579c37e8f08e3b7ab1a2fd6"
            )
        );
    }

    #[test]
    fn a_pointer_that_cannot_be_resolved_is_kept_as_written() {
        let wordpress = blog(Some("https://example.com/live/"), Some("2/123-1700000000"));
        assert_eq!(
            older_for_dump(&wordpress).as_deref(),
            Some("2/123-1700000000")
        );
        assert_eq!(
            not_in_file(&wordpress).as_deref(),
            Some("Older entries are not in this file")
        );
        let no_url = blog(None, Some("?page=2"));
        assert_eq!(older_for_dump(&no_url).as_deref(), Some("?page=2"));
        assert_eq!(not_in_file(&blog(Some("https://a.example/"), None)), None);
    }

    #[test]
    fn an_older_address_already_whole_is_kept_and_only_http_is_an_address() {
        let whole = blog(None, Some("https://a.example/live?page=2"));
        assert_eq!(
            older_address(&whole).map(String::from).as_deref(),
            Some("https://a.example/live?page=2")
        );
        let file = blog(Some("file:///tmp/blog.json"), Some("?page=2"));
        assert_eq!(older_address(&file), None);
    }

    #[test]
    fn a_next_page_of_the_same_blog_is_an_older_page() {
        let page = url::Url::parse("https://a.example/news/live/budget").unwrap();
        for next in [
            "https://a.example/news/live/budget?page=2",
            "https://a.example/news/live/budget/page/2/",
            "https://a.example/news/live/budget/page/3",
        ] {
            let next = url::Url::parse(next).unwrap();
            assert!(is_older_page(&page, &next), "{next}");
        }
        let second = url::Url::parse("https://a.example/news/live/budget/page/2/").unwrap();
        let third = url::Url::parse("https://a.example/news/live/budget/page/3/").unwrap();
        assert!(is_older_page(&second, &third));
        let query = url::Url::parse("https://a.example/live?page=2").unwrap();
        let next = url::Url::parse("https://a.example/live?page=3").unwrap();
        assert!(is_older_page(&query, &next));
    }

    #[test]
    fn a_next_article_is_not_an_older_page() {
        let page = url::Url::parse("https://a.example/news/live/2024/05/01/budget").unwrap();
        for next in [
            // The next story of the site, of the next day, or elsewhere.
            "https://a.example/news/live/2024/05/01/election",
            "https://a.example/news/live/2024/05/02/budget",
            "https://a.example/news/live/2024/05/01/budget/comments",
            "https://b.example/news/live/2024/05/01/budget?page=2",
            "http://a.example/news/live/2024/05/01/budget?page=2",
            "https://a.example:8443/news/live/2024/05/01/budget?page=2",
            // The page itself, which would go round.
            "https://a.example/news/live/2024/05/01/budget",
            "ftp://a.example/news/live/2024/05/01/budget?page=2",
        ] {
            let next = url::Url::parse(next).unwrap();
            assert!(!is_older_page(&page, &next), "{next}");
        }
    }
}
