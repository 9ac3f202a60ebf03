//! Rich entry bodies: what the formats can carry, independent of how the screen draws it.

use crate::sanitize::{TITLE_MAX, URL_MAX, line, text};
use serde::{Deserialize, Serialize};

/// A run of text with one style. Links keep their target so the view can number them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Inline {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
}

/// One block of an entry's body. Serialised as `{"type": "paragraph", …}` in liveblog's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        runs: Vec<Inline>,
    },
    Heading {
        runs: Vec<Inline>,
    },
    /// A blockquote or pull quote, paragraph by paragraph, with who said it when known.
    Quote {
        paragraphs: Vec<Vec<Inline>>,
        attribution: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    Image {
        url: Option<String>,
        caption: String,
        alt: String,
        credit: String,
    },
    /// Anything the reader cannot show inline (tweet, video, interactive…): its kind, a title and
    /// where to see it.
    Embed {
        kind: String,
        title: String,
        url: Option<String>,
    },
    /// Preformatted text, shown as is (after sanitising).
    Code {
        text: String,
    },
    Rule,
}

impl Block {
    /// A paragraph of one plain run.
    pub fn text(s: impl Into<String>) -> Self {
        Block::Paragraph {
            runs: vec![Inline::plain(s)],
        }
    }

    pub(super) fn sanitize(&mut self) {
        match self {
            Block::Paragraph { runs } | Block::Heading { runs } => sanitize_runs(runs),
            Block::Quote {
                paragraphs,
                attribution,
            } => {
                paragraphs.iter_mut().for_each(sanitize_runs);
                *attribution = attribution.as_deref().map(|a| line(a, TITLE_MAX));
            }
            Block::List { items, .. } => items.iter_mut().for_each(sanitize_runs),
            Block::Image {
                url,
                caption,
                alt,
                credit,
            } => {
                *url = url.as_deref().map(|u| line(u, URL_MAX));
                *caption = text(caption);
                *alt = line(alt, TITLE_MAX);
                *credit = line(credit, TITLE_MAX);
            }
            Block::Embed { kind, title, url } => {
                *kind = line(kind, TITLE_MAX);
                *title = line(title, TITLE_MAX);
                *url = url.as_deref().map(|u| line(u, URL_MAX));
            }
            Block::Code { text: s } => *s = text(s),
            Block::Rule => {}
        }
    }

    /// The block as plain text, the way `dump --format text` and the JSON `text` field show it.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Paragraph { runs } | Block::Heading { runs } => runs_text(runs),
            Block::Quote {
                paragraphs,
                attribution,
            } => {
                let mut out: Vec<String> = paragraphs
                    .iter()
                    .map(|p| format!("> {}", runs_text(p)))
                    .collect();
                if let Some(a) = attribution {
                    out.push(format!("> — {a}"));
                }
                out.join("\n")
            }
            Block::List { ordered, items } => items
                .iter()
                .enumerate()
                .map(|(i, it)| {
                    if *ordered {
                        format!("{}. {}", i + 1, runs_text(it))
                    } else {
                        format!("• {}", runs_text(it))
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Image {
                url,
                caption,
                alt,
                credit,
            } => {
                let mut s = format!("[{}]", image_label(caption, alt, credit));
                if let Some(u) = url {
                    s.push(' ');
                    s.push_str(u);
                }
                s
            }
            Block::Embed { kind, title, url } => {
                let mut s = format!("[{kind}");
                if !title.is_empty() {
                    s.push_str(": ");
                    s.push_str(title);
                }
                s.push(']');
                if let Some(u) = url {
                    s.push(' ');
                    s.push_str(u);
                }
                s
            }
            Block::Code { text } => text.clone(),
            Block::Rule => "---".to_string(),
        }
    }
}

fn sanitize_runs(runs: &mut Vec<Inline>) {
    for r in runs.iter_mut() {
        crate::sanitize::text_in_place(&mut r.text);
        r.link = r
            .link
            .as_deref()
            .map(|u| line(u, URL_MAX))
            .filter(|u| !u.is_empty());
    }
    runs.retain(|r| !r.text.is_empty());
}

/// How an image is named in text: `Image: caption (credit)`, the alt text standing in for a
/// missing caption.
pub fn image_label(caption: &str, alt: &str, credit: &str) -> String {
    let mut s = String::from("Image");
    let label = if caption.is_empty() { alt } else { caption };
    if !label.is_empty() {
        s.push_str(": ");
        s.push_str(label);
    }
    if !credit.is_empty() {
        s.push_str(" (");
        s.push_str(credit);
        s.push(')');
    }
    s
}

/// The text of a sequence of runs, without styles or link targets.
pub fn runs_text(runs: &[Inline]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}
