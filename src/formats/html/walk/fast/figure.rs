//! Figures read by the one-pass reading: an image with its caption and credit, or a
//! Guardian embed.

use super::Tag;
use crate::formats::html::figures::guardian_figure_kind;
use crate::formats::html::walk::{Runs, Style};

/// A figure being read: the walk takes its first image and its first caption (split into
/// caption and credit) and nothing else.
#[derive(Default)]
pub(super) struct Figure {
    pub(super) img: Option<Img>,
    pub(super) caption: Runs,
    pub(super) credit: Runs,
    /// A caption has been read or is being read: the walk reads only the first.
    pub(super) captioned: bool,
    /// Where the caption being read is in `open`.
    pub(super) caption_at: Option<usize>,
    /// Where the outermost credit element of the caption being read is in `open`.
    pub(super) credit_at: Option<usize>,
    /// For a Guardian embed figure (see [`guardian_figure_kind`]), its kind: without an
    /// image, the figure is one Embed, titled with all its text and linked to its
    /// `data-canonical-url`, else to its first link.
    pub(super) embed: Option<String>,
    /// `data-canonical-url`, decoded, read only for an embed.
    pub(super) canonical: Option<String>,
    /// The first link of an embed that resolves.
    pub(super) first_link: Option<String>,
    /// All the text of an embed, as [`super::plain_of`] reads it.
    pub(super) plain: Runs,
}

impl Figure {
    /// Text inside the figure, decoded: read into the caption or credit being read, and into
    /// an embed's text.
    pub(super) fn text(&mut self, t: &str) {
        if self.caption_at.is_some() {
            let runs = if self.credit_at.is_some() {
                &mut self.credit
            } else {
                &mut self.caption
            };
            runs.push_text(&Style::default(), t);
        }
        if self.embed.is_some() {
            self.plain.push_text(&Style::default(), t);
        }
    }

    /// A figure whose start tag is `tag`.
    pub(super) fn start(tag: &Tag<'_>) -> Option<Figure> {
        let class = match tag.class {
            Some(c) => Some(tag.decoded(c)?),
            None => None,
        };
        let embed = class.as_deref().and_then(|c| {
            // In the order the tree gives an element's classes: sorted, each once.
            let mut classes: Vec<&str> = c.split_ascii_whitespace().collect();
            classes.sort_unstable();
            classes.dedup();
            guardian_figure_kind(classes.into_iter())
        });
        let canonical = match (&embed, tag.canonical) {
            (Some(_), Some(c)) => Some(tag.decoded(c)?.into_owned()),
            _ => None,
        };
        Some(Figure {
            embed,
            canonical,
            ..Figure::default()
        })
    }
}

/// The attributes of an `<img>` the walk reads, character references decoded.
#[derive(Default)]
pub(super) struct Img {
    pub(super) src: Option<String>,
    pub(super) data_src: Option<String>,
    pub(super) srcset: Option<String>,
    pub(super) alt: Option<String>,
}

impl Img {
    pub(super) fn of(tag: &Tag<'_>) -> Option<Img> {
        let decoded = |raw: Option<&str>| -> Option<Option<String>> {
            match raw {
                None => Some(None),
                Some(r) => Some(Some(tag.decoded(r)?.into_owned())),
            }
        };
        Some(Img {
            src: decoded(tag.src)?,
            data_src: decoded(tag.data_src)?,
            srcset: decoded(tag.srcset)?,
            alt: decoded(tag.alt)?,
        })
    }

    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        match name {
            "src" => self.src.as_deref(),
            "data-src" => self.data_src.as_deref(),
            "srcset" => self.srcset.as_deref(),
            "alt" => self.alt.as_deref(),
            _ => None,
        }
    }
}
