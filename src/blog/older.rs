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
}
