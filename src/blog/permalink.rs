//! Where one entry of a blog on the web can be read.

/// The address of one entry of the blog at `blog_url`: the Guardian's own form for its pages
/// (`?page=with:block-<id>#block-<id>`, which opens the page that holds the entry), else the
/// blog's address with the entry's id as its anchor.
pub fn permalink(blog_url: &str, id: &str) -> Option<String> {
    let mut url = url::Url::parse(blog_url).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let guardian = url
        .host_str()
        .is_some_and(|h| h == "www.theguardian.com" || h == "theguardian.com");
    url.set_fragment(None);
    if guardian {
        let block = if id.starts_with("block-") {
            id.to_string()
        } else {
            format!("block-{id}")
        };
        url.set_query(Some(&format!("page=with:{block}")));
        url.set_fragment(Some(&block));
    } else {
        url.set_fragment(Some(id));
    }
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guardian_permalinks_open_the_page_that_holds_the_block() {
        assert_eq!(
            permalink(
                "https://www.theguardian.com/world/live/2025/feb/17/x?page=2#top",
                "67b3"
            )
            .unwrap(),
            "https://www.theguardian.com/world/live/2025/feb/17/x?page=with:block-67b3#block-67b3"
        );
        assert_eq!(
            permalink("https://example.com/live.html", "post-9").unwrap(),
            "https://example.com/live.html#post-9"
        );
        assert!(permalink("file:///etc/passwd", "1").is_none());
        assert!(permalink("not a url", "1").is_none());
    }
}
