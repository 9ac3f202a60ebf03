//! Images and players as blocks.

use super::{collapse, resolve_url};
use crate::blog::{Block, Embed, Image};
use scraper::ElementRef;
use url::Url;

/// An `<img>` as an Image block; `None` when it has neither a usable source nor any text.
pub(super) fn image(
    img: ElementRef<'_>,
    caption: String,
    credit: String,
    base: Option<&Url>,
) -> Option<Block> {
    image_of(|a| img.attr(a), caption, credit, base)
}

/// As [`image`], for an `<img>` known by its attributes (`attr` answers for a name): the one
/// reading of an image for both the tree walk and the one-pass reading.
pub(super) fn image_of<'a>(
    attr: impl Fn(&str) -> Option<&'a str>,
    caption: String,
    credit: String,
    base: Option<&Url>,
) -> Option<Block> {
    let url = ["src", "data-src"]
        .iter()
        .filter_map(|a| attr(a))
        .find_map(|u| resolve_url(u, base))
        .or_else(|| {
            attr("srcset")
                .and_then(|s| s.split(',').next())
                .and_then(|first| first.split_whitespace().next())
                .and_then(|u| resolve_url(u, base))
        });
    let mut alt = collapse(attr("alt").unwrap_or_default());
    // Page templates leak their placeholders into alt text ("undefined" on every Cork Beo
    // picture): it describes nothing.
    if ["undefined", "null", "image", "img"].contains(&alt.to_ascii_lowercase().as_str()) {
        alt.clear();
    }
    if url.is_none() && alt.is_empty() && caption.is_empty() {
        return None;
    }
    Some(Block::Image(Box::new(Image {
        url,
        caption,
        alt,
        credit,
    })))
}

/// A player or frame as an Embed block, its kind guessed from the element and its source.
pub(super) fn embed(el: ElementRef<'_>, base: Option<&Url>) -> Block {
    let name = el.value().name();
    let src = el.attr("src").or_else(|| {
        el.child_elements()
            .filter(|c| c.value().name() == "source")
            .find_map(|c| c.attr("src"))
    });
    let url = src.and_then(|u| resolve_url(u, base));
    let host = url
        .as_deref()
        .and_then(|u| Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let kind = match name {
        "video" => "Video",
        "audio" => "Audio",
        _ if ["youtube", "youtu.be", "vimeo", "dailymotion"]
            .iter()
            .any(|h| host.contains(h)) =>
        {
            "Video"
        }
        _ if ["soundcloud", "spotify", "audioboom", "acast"]
            .iter()
            .any(|h| host.contains(h)) =>
        {
            "Audio"
        }
        _ if host.contains("twitter.com") || host == "x.com" => "Tweet",
        _ => "Embed",
    };
    let title = ["title", "aria-label", "alt"]
        .iter()
        .filter_map(|a| el.attr(a))
        .map(collapse)
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    Block::Embed(Box::new(Embed {
        kind: kind.to_string(),
        title,
        url,
    }))
}
