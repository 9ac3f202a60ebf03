use super::post;
use crate::blog::{Block, Embed, LiveBlog};
use crate::formats::html::to_blocks;

/// A body with a Facebook post in each of the ways a page embeds one, between paragraphs, and a
/// link to a Facebook page that is not a post.
const BODY: &str = r#"<p>Before.</p>
<p>https://www.facebook.com/SkyNews/posts/pfbid02abc</p>
<p><a href="https://www.facebook.com/SkyNews/videos/1234567890/">https://www.facebook.com/SkyNews/videos/1234567890/</a></p>
<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fpolice%2Fposts%2F42&amp;width=500" width="500" height="600"></iframe>
<div class="fb-post" data-href="https://www.facebook.com/police/posts/43" data-width="500"><blockquote cite="https://www.facebook.com/police/posts/43" class="fb-xfbml-parse-ignore"><p>Road closed.</p></blockquote></div>
<p>Follow us on <a href="https://www.facebook.com/SkyNews">Facebook</a>.</p>
<p>https://www.facebook.com/SkyNews</p>
<p>After.</p>"#;

fn embed(kind: &str, title: &str, url: &str) -> Block {
    Block::Embed(Box::new(Embed {
        kind: kind.into(),
        title: title.into(),
        url: Some(url.into()),
    }))
}

fn want() -> Vec<Block> {
    vec![
        Block::text("Before."),
        embed(
            "Facebook post",
            "",
            "https://www.facebook.com/SkyNews/posts/pfbid02abc",
        ),
        embed(
            "Facebook video",
            "",
            "https://www.facebook.com/SkyNews/videos/1234567890/",
        ),
        embed(
            "Facebook post",
            "",
            "https://www.facebook.com/police/posts/42",
        ),
        embed(
            "Facebook post",
            "Road closed.",
            "https://www.facebook.com/police/posts/43",
        ),
    ]
}

#[test]
fn a_facebook_post_in_a_body_is_an_embed_with_its_link() {
    let blocks = to_blocks(BODY);
    assert_eq!(blocks[..5], want()[..]);
    // A link to a page, not a post, stays text.
    let rest: Vec<String> = blocks[5..].iter().map(Block::plain_text).collect();
    assert_eq!(
        rest,
        [
            "Follow us on Facebook.",
            "https://www.facebook.com/SkyNews",
            "After."
        ]
    );
}

#[test]
fn a_facebook_post_in_a_json_body_is_an_embed_too() {
    let doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Blog",
        "url": "https://x.test/blog",
        "liveBlogUpdate": [{
            "@type": "BlogPosting",
            "headline": "Update",
            "url": "https://x.test/blog#p1",
            "datePublished": "2025-02-17T14:05:00+01:00",
            "articleBody": BODY,
        }],
    });
    let blog: LiveBlog = crate::formats::parse(doc.to_string().as_bytes()).unwrap();
    assert_eq!(blog.entries[0].body[..5], want()[..]);
}

#[test]
fn only_posts_and_videos_are_taken_for_facebook_embeds() {
    assert_eq!(
        post("https://fb.watch/abc/").map(|p| p.0),
        Some("Facebook video")
    );
    assert_eq!(
        post("https://m.facebook.com/story.php?story_fbid=1&id=2").map(|p| p.0),
        Some("Facebook post")
    );
    for other in [
        "https://www.facebook.com/SkyNews",
        "https://www.facebook.com/plugins/post.php",
        "https://notfacebook.com/a/posts/1",
        "https://example.com/posts/1",
    ] {
        assert_eq!(post(other), None, "{other}");
    }
}

#[test]
fn a_plain_text_json_body_that_is_a_facebook_address_is_an_embed() {
    let doc = serde_json::json!({
        "@type": "LiveBlogPosting",
        "headline": "Blog",
        "liveBlogUpdate": [{
            "@type": "BlogPosting",
            "headline": "Update",
            "url": "https://x.test/blog#p1",
            "datePublished": "2025-02-17T14:05:00+01:00",
            "articleBody": "Before.\nhttps://www.facebook.com/police/posts/42",
        }],
    });
    let blog: LiveBlog = crate::formats::parse(doc.to_string().as_bytes()).unwrap();
    assert_eq!(
        blog.entries[0].body,
        [
            Block::text("Before."),
            embed(
                "Facebook post",
                "",
                "https://www.facebook.com/police/posts/42"
            )
        ]
    );
}

#[test]
fn the_one_pass_reading_gives_the_same_embeds_or_leaves_them_to_the_walk() {
    for html in [
        BODY,
        r#"<div class="fb-post" data-href="https://www.facebook.com/police/posts/43"></div>"#,
        "<p>https://www.facebook.com/police/posts/43</p><p>Next.</p>",
    ] {
        let (fast, full) = crate::formats::html::both_readings(html, None);
        if let Some(fast) = fast {
            assert_eq!(fast, full, "{html}");
        }
        assert!(full.iter().any(|b| matches!(b, Block::Embed(_))), "{html}");
    }
}
