//! Facebook posts and videos embedded in a body, read as embeds like a tweet or a player.
//!
//! A page embeds one in three ways: Facebook's plugin frame (`<iframe
//! src="https://www.facebook.com/plugins/post.php?href=…">`), the markup Facebook's script fills
//! in (`<div class="fb-post" data-href=…>`, `fb-video`, often around a `<blockquote>` with the
//! post's text), or a paragraph that is only the post's address, which a publisher's editor
//! turns into the embed on its page. Each is an Embed of kind "Facebook post" or "Facebook
//! video" linking to the post, titled with its text where the page gives it.

use super::walk::{Walker, plain_of};
use super::{collapse_lines, media};
use crate::blog::{Block, Embed, Inline};
use scraper::ElementRef;
use url::Url;

/// The classes of the markup Facebook's script fills in with a post or a video.
const PLACEHOLDER_CLASSES: [&str; 2] = ["fb-post", "fb-video"];

/// The embed's kind and the post's address, for an address of a Facebook post or video, or of
/// the plugin frame that shows one; `None` for any other address (a page, a profile).
pub(super) fn post(url: &str) -> Option<(&'static str, String)> {
    let u = Url::parse(url).ok()?;
    let host = u.host_str()?.to_ascii_lowercase();
    if host == "fb.watch" {
        return Some(("Facebook video", url.to_string()));
    }
    if host != "facebook.com" && !host.ends_with(".facebook.com") {
        return None;
    }
    let path = u.path();
    if matches!(path, "/plugins/post.php" | "/plugins/video.php") {
        let href = u.query_pairs().find(|(k, _)| k == "href")?.1;
        // The frame's `href` is the post itself, never another frame.
        return post(&href).filter(|(_, inner)| !inner.contains("/plugins/"));
    }
    let video = ["/videos/", "/watch", "/reel/", "/share/v/"];
    let posts = [
        "/posts/",
        "/permalink.php",
        "/story.php",
        "/photos/",
        "/photo.php",
        "/photo/",
        "/share/p/",
    ];
    let kind = if video.iter().any(|p| path.contains(p)) {
        "Facebook video"
    } else if posts.iter().any(|p| path.contains(p)) {
        "Facebook post"
    } else {
        return None;
    };
    Some((kind, u.to_string()))
}

/// A paragraph that is only the address of a Facebook post or video (as text, or as a link
/// whose text is that address), as its embed.
pub(super) fn bare_post(runs: &[Inline]) -> Option<Block> {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let text = text.trim();
    if text.is_empty() || text.contains(char::is_whitespace) {
        return None;
    }
    let (kind, url) = post(text)?;
    // A link elsewhere under the address is not the post's address.
    let own = |l: &str| l == text || post(l).is_some_and(|(_, u)| u == url);
    if !runs.iter().filter_map(|r| r.link.as_deref()).all(own) {
        return None;
    }
    Some(embed(kind, String::new(), url))
}

/// Whether an element's classes name the markup Facebook's script fills in.
pub(super) fn names_placeholder(classes: &str) -> bool {
    classes
        .split_ascii_whitespace()
        .any(|c| PLACEHOLDER_CLASSES.contains(&c))
}

fn embed(kind: &str, title: String, url: String) -> Block {
    Block::Embed(Box::new(Embed {
        kind: kind.to_string(),
        title,
        url: Some(url),
    }))
}

impl Walker<'_> {
    /// A block container (`div`, `p`, `section`…): its content as blocks, apart from the
    /// paragraph before and after it; Facebook's markup for a post is the post's embed.
    pub(super) fn container(&mut self, el: ElementRef<'_>, depth: usize) {
        let placeholder = el
            .attr("class")
            .is_some_and(names_placeholder)
            .then(|| el.attr("data-href").and_then(|h| self.url(h)))
            .flatten()
            .and_then(|u| post(&u));
        if let Some((kind, url)) = placeholder {
            self.push_block(embed(kind, collapse_lines(&plain_of(el)), url));
            return;
        }
        self.flush();
        self.children(el, depth);
        self.flush();
    }
}

/// A player or frame as an Embed block: a Facebook post's frame as the post, anything else
/// as [`media::embed`] reads it.
pub(super) fn frame(el: ElementRef<'_>, base: Option<&Url>) -> Block {
    let mut b = media::embed(el, base);
    if let Block::Embed(e) = &mut b
        && let Some((kind, url)) = e.url.as_deref().and_then(post)
    {
        e.kind = kind.to_string();
        e.url = Some(url);
    }
    b
}

#[cfg(test)]
#[path = "facebook_tests.rs"]
mod tests;
