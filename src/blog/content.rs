//! Rich entry bodies: what the formats can carry, independent of how the screen draws it.

use super::table::{TEXT_WIDTH, Table};
use crate::sanitize::{TITLE_MAX, URL_MAX, line_mut, line_opt, lines_mut, text_mut};
use serde::{Deserialize, Serialize};

/// A run of text with one style. Links keep their target so the view can number them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Inline {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    /// Struck through (`<s>`, `<del>`): text a page shows as withdrawn, kept and marked.
    #[serde(default, skip_serializing_if = "is_false")]
    pub strike: bool,
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

fn one() -> u32 {
    1
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_one(n: &u32) -> bool {
    *n == 1
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(n: &u8) -> bool {
    *n == 0
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
    /// A blockquote or pull quote, paragraph by paragraph, with who said it when known. A quote
    /// inside another is a quote block of its own, one `level` deeper, right after the part of
    /// the quote around it that comes before it; that quote's paragraphs after it are one more
    /// block (see [`quote_goes_on`]).
    Quote {
        paragraphs: Vec<Vec<Inline>>,
        /// Boxed: a string's spare room would make every block larger.
        attribution: Option<Box<str>>,
        /// How deep in other quotes: 0 for a quote of its own, at most [`MAX_QUOTE_LEVEL`].
        #[serde(default, skip_serializing_if = "is_zero")]
        level: u8,
    },
    /// A list, or the part of one between lists nested in it: a list inside an item is a list
    /// block of its own, one `level` deeper, right after the part holding that item, and the
    /// items after it are a part of their own numbered on (`start`). Items numbered otherwise
    /// than on from the one before (`<li value="5">`) start a part `continued` from it.
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
        /// The first item's number (`<ol start="3">`), for an ordered list.
        #[serde(default = "one", skip_serializing_if = "is_one")]
        start: u32,
        /// How deep in other lists: 0 for a list of its own.
        #[serde(default, skip_serializing_if = "is_zero")]
        level: u8,
        /// How an ordered list's numbers are written (`<ol type="a">`).
        #[serde(default, skip_serializing_if = "Numerals::is_decimal")]
        numerals: Numerals,
        /// Counting down (`<ol reversed>`): each item one less than the one before it.
        #[serde(default, skip_serializing_if = "is_false")]
        reversed: bool,
        /// The same list as the part right before it, at its level, numbered anew from
        /// `start` (`<li value>`, or an item of no text that took its number): shown with no
        /// blank line between, as one list.
        #[serde(default, skip_serializing_if = "is_false")]
        continued: bool,
    },
    /// Boxed, as is [`Block::Embed`]: the two are rare, and unboxed they would make every
    /// block (most of them paragraphs) twice its size.
    Image(Box<Image>),
    Embed(Box<Embed>),
    /// Boxed too: rarer still.
    Table(Box<Table>),
    /// Preformatted text, shown as is (after sanitising).
    Code {
        text: String,
    },
    Rule,
}

/// The deepest a quote is kept in others: quotes deeper still are read into the one at this
/// level, so that a page's nesting cannot push the text off a narrow screen.
pub const MAX_QUOTE_LEVEL: u8 = 3;

/// How an ordered list's numbers are written: `<ol type>`'s five kinds; or that a list's
/// items, numbered or not, have no marker at all (`list-style-type: none`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numerals {
    #[default]
    Decimal,
    /// a, b, … z, aa, ab, …
    LowerAlpha,
    UpperAlpha,
    /// i, ii, iii, iv, …
    LowerRoman,
    UpperRoman,
    /// No number and no bullet. Last: a read state's fingerprint holds the others' order.
    Unmarked,
}

impl Numerals {
    /// The kind `<ol type>` names, which is case-sensitive (`a` is not `A`).
    pub fn from_type(t: &str) -> Option<Self> {
        Some(match t.trim() {
            "1" => Numerals::Decimal,
            "a" => Numerals::LowerAlpha,
            "A" => Numerals::UpperAlpha,
            "i" => Numerals::LowerRoman,
            "I" => Numerals::UpperRoman,
            _ => return None,
        })
    }

    pub fn is_decimal(&self) -> bool {
        *self == Numerals::Decimal
    }

    /// `n` in these numerals; in decimal where they have none for it, as a browser writes it
    /// (0 and below in letters, 4000 and above in Roman).
    pub fn write(self, n: i64) -> String {
        let upper = matches!(self, Numerals::UpperAlpha | Numerals::UpperRoman);
        let s = match self {
            Numerals::LowerAlpha | Numerals::UpperAlpha if n >= 1 => alphabetic(n),
            Numerals::LowerRoman | Numerals::UpperRoman if (1..4000).contains(&n) => roman(n),
            _ => return n.to_string(),
        };
        if upper { s.to_ascii_uppercase() } else { s }
    }
}

/// `n` (1 or more) as a, b, … z, aa, ab, …
fn alphabetic(mut n: i64) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        // Below 26: a letter.
        letters.push(char::from(b'a' + u8::try_from(n % 26).unwrap_or(0)));
        n /= 26;
    }
    letters.iter().rev().collect()
}

/// `n` (1 to 3999) in Roman numerals.
fn roman(mut n: i64) -> String {
    const DIGITS: [(i64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            s.push_str(digits);
            n -= value;
        }
    }
    s
}

/// An image, with what the page says of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub url: Option<String>,
    pub caption: String,
    pub alt: String,
    pub credit: String,
}

/// Anything the reader cannot show inline (tweet, video, interactive…): its kind, a title and
/// where to see it. The title may run over several lines: a tweet's text is its title, and
/// keeps its line breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embed {
    pub kind: String,
    pub title: String,
    pub url: Option<String>,
}

impl Block {
    /// A list of its own, numbered from 1 when ordered.
    pub fn list(ordered: bool, items: Vec<Vec<Inline>>) -> Self {
        Block::List {
            ordered,
            items,
            start: 1,
            level: 0,
            numerals: Numerals::Decimal,
            reversed: false,
            continued: false,
        }
    }

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
                level,
            } => {
                paragraphs.iter_mut().for_each(sanitize_runs);
                if let Some(a) = attribution {
                    let mut line = String::from(std::mem::take(a));
                    line_mut(&mut line, TITLE_MAX);
                    *a = line.into_boxed_str();
                }
                *level = (*level).min(MAX_QUOTE_LEVEL);
            }
            Block::List { items, .. } => items.iter_mut().for_each(sanitize_runs),
            Block::Image(image) => {
                if let Some(u) = &mut image.url {
                    line_mut(u, URL_MAX);
                }
                text_mut(&mut image.caption);
                line_mut(&mut image.alt, TITLE_MAX);
                line_mut(&mut image.credit, TITLE_MAX);
            }
            Block::Embed(embed) => {
                let Embed { kind, title, url } = &mut **embed;
                line_mut(kind, TITLE_MAX);
                lines_mut(title, TITLE_MAX);
                if let Some(u) = url {
                    line_mut(u, URL_MAX);
                }
            }
            Block::Code { text: s } => text_mut(s),
            Block::Table(table) => table.sanitize(),
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
                level,
            } => {
                // Every line in the quote is marked, a line break's too (a list in a quote); a
                // quote in another is indented under it.
                let mark = format!("{}> ", "  ".repeat(usize::from(*level)));
                let mut out: Vec<String> = paragraphs
                    .iter()
                    .map(|p| format!("{mark}{}", runs_text(p).replace('\n', &format!("\n{mark}"))))
                    .collect();
                if let Some(a) = attribution {
                    out.push(format!("{mark}— {a}"));
                }
                out.join("\n")
            }
            Block::List { level, .. } => self.list_text(usize::from(*level) * 3),
            Block::Image(image) => {
                let (url, caption, alt, credit) =
                    (&image.url, &image.caption, &image.alt, &image.credit);
                let mut s = format!("[{}]", image_label(caption, alt, credit));
                if let Some(u) = url {
                    s.push(' ');
                    s.push_str(u);
                }
                s
            }
            Block::Embed(embed) => {
                let Embed { kind, title, url } = &**embed;
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
            Block::Table(table) => table.text(TEXT_WIDTH),
            Block::Rule => "---".to_string(),
        }
    }
}

impl Block {
    /// A list's items as lines of text, each after its marker and `indent` spaces; empty for
    /// any other block.
    pub fn list_text(&self, indent: usize) -> String {
        let Block::List { items, .. } = self else {
            return String::new();
        };
        let pad = " ".repeat(indent);
        items
            .iter()
            .zip(self.aligned_markers())
            .map(|(it, marker)| {
                // A line break's next line stays in the item, under its text.
                let under = format!("\n{pad}{}", " ".repeat(marker.chars().count()));
                format!("{pad}{marker}{}", runs_text(it).replace('\n', &under))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The marker before a list's item `i`: "3. ", "c. " or "• "; empty for any other block
    /// and for a list without markers.
    pub fn marker(&self, i: usize) -> String {
        match self {
            Block::List {
                numerals: Numerals::Unmarked,
                ..
            } => String::new(),
            Block::List {
                ordered: true,
                start,
                numerals,
                reversed,
                ..
            } => {
                let i = i64::try_from(i).unwrap_or(i64::MAX);
                let n = if *reversed {
                    i64::from(*start).saturating_sub(i)
                } else {
                    i64::from(*start).saturating_add(i)
                };
                format!("{}. ", numerals.write(n))
            }
            Block::List { .. } => "• ".to_string(),
            _ => String::new(),
        }
    }

    /// Every item's [`Block::marker`] as a reader shows it: right-aligned to the widest of the
    /// list's part, so that every item's text starts in one column (" 9. ", "10. ", "iii. ").
    pub fn aligned_markers(&self) -> Vec<String> {
        let Block::List { items, .. } = self else {
            return Vec::new();
        };
        let markers: Vec<String> = (0..items.len()).map(|i| self.marker(i)).collect();
        let widest = markers.iter().map(|m| m.chars().count()).max().unwrap_or(0);
        markers
            .into_iter()
            .map(|m| format!("{m:>widest$}"))
            .collect()
    }

    /// How wide [`Block::aligned_markers`] are.
    fn marker_width(&self) -> usize {
        let Block::List { items, .. } = self else {
            return 0;
        };
        (0..items.len())
            .map(|i| self.marker(i).chars().count())
            .max()
            .unwrap_or(0)
    }
}

/// Where each block's text starts: a list nested in another (level above 0) under the text of
/// the item it is nested in (the last before it), in columns; every other block at 0. A nested list with no list before
/// it at the level above (a fragment cut from its page) is indented three columns a level.
pub fn list_indents(blocks: &[Block]) -> Vec<usize> {
    // The column each level's items' text starts at, for the lists just passed.
    let mut text_at: Vec<usize> = Vec::new();
    blocks
        .iter()
        .map(|b| {
            let Block::List { level, .. } = b else {
                text_at.clear();
                return 0;
            };
            let level = usize::from(*level);
            let indent = match level.checked_sub(1) {
                None => 0,
                Some(above) => text_at.get(above).copied().unwrap_or(level * 3),
            };
            // The lists nested next belong to the last item.
            let marker = b.marker_width();
            text_at.truncate(level);
            text_at.resize(level, indent);
            text_at.push(indent + marker);
            indent
        })
        .collect()
}

/// Whether `b`, after `before`, goes on the same list: a list nested in it, its items after
/// one nested in them, or its items numbered anew; no blank line comes between the two.
pub fn continues_list(before: &Block, b: &Block) -> bool {
    match (before, b) {
        (
            Block::List { level: l0, .. },
            Block::List {
                level: l1,
                continued,
                ..
            },
        ) => *l0 > 0 || *l1 > 0 || *continued,
        _ => false,
    }
}

/// Whether `b`, after `before`, goes on the same quote: a quote nested in it, or its
/// paragraphs after one nested in them. How many quotes the two are in together, when so:
/// the quote bars the line between them keeps.
pub fn quote_goes_on(before: &Block, b: &Block) -> Option<usize> {
    match (before, b) {
        (Block::Quote { level: l0, .. }, Block::Quote { level: l1, .. }) if *l0 > 0 || *l1 > 0 => {
            Some(usize::from((*l0).min(*l1)) + 1)
        }
        _ => None,
    }
}

/// Whether any list in `blocks` is nested in another: only then do lists need
/// [`list_indents`].
pub fn has_nested_lists(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .any(|b| matches!(b, Block::List { level, .. } if *level > 0))
}

pub(super) fn sanitize_runs(runs: &mut Vec<Inline>) {
    for r in runs.iter_mut() {
        text_mut(&mut r.text);
        line_opt(&mut r.link, URL_MAX);
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

/// The text of a sequence of runs, without styles or link targets but for text struck through,
/// which is between `~~`s: withdrawn words read as plain text would say the opposite.
pub fn runs_text(runs: &[Inline]) -> String {
    if !runs.iter().any(|r| r.strike) {
        return runs.iter().map(|r| r.text.as_str()).collect();
    }
    let mut out = String::new();
    // The struck text not written yet: runs struck one after another are struck as one.
    let mut struck = String::new();
    let close = |out: &mut String, struck: &mut String| {
        let words = struck.trim();
        if words.is_empty() {
            out.push_str(struck);
        } else {
            let at = struck.find(words).unwrap_or(0);
            // Spaces at the ends stay outside the marks, as in Markdown.
            out.push_str(&struck[..at]);
            out.push_str("~~");
            out.push_str(words);
            out.push_str("~~");
            out.push_str(&struck[at + words.len()..]);
        }
        struck.clear();
    };
    for r in runs {
        if r.strike {
            struck.push_str(&r.text);
        } else {
            close(&mut out, &mut struck);
            out.push_str(&r.text);
        }
    }
    close(&mut out, &mut struck);
    out
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn struck_text_is_marked_in_plain_text_its_spaces_outside() {
        let struck = |t: &str| Inline {
            text: t.into(),
            strike: true,
            ..Inline::default()
        };
        let linked = Inline {
            link: Some("https://e.test/".into()),
            ..struck("fell ")
        };
        let runs = [
            Inline::plain("Shares "),
            struck("rose "),
            linked,
            Inline::plain("by 3%"),
        ];
        assert_eq!(runs_text(&runs), "Shares ~~rose fell~~ by 3%");
        assert_eq!(runs_text(&[struck(" ")]), " ");
    }

    /// A long blog holds tens of thousands of blocks, most of them paragraphs: a block is
    /// kept to the size of a quote, its largest unboxed kind.
    #[test]
    fn a_block_is_no_larger_than_a_quote() {
        assert!(
            std::mem::size_of::<Block>() <= 48,
            "{}",
            std::mem::size_of::<Block>()
        );
    }

    /// A quote read from outside (liveblog's JSON) is no deeper than the reader keeps them.
    #[test]
    fn a_quote_from_outside_is_no_deeper_than_the_deepest_kept() {
        let mut b: Block = serde_json::from_str(
            r#"{"type":"quote","paragraphs":[],"attribution":"A","level":200}"#,
        )
        .unwrap();
        b.sanitize();
        assert!(
            matches!(
                b,
                Block::Quote {
                    level: MAX_QUOTE_LEVEL,
                    ..
                }
            ),
            "{b:?}"
        );
        assert_eq!(b.plain_text(), "      > — A");
    }

    /// Boxing changes nothing of how a block is written: its fields sit beside its type.
    #[test]
    fn images_and_embeds_are_written_with_their_fields_beside_the_type() {
        let image = Block::Image(Box::new(Image {
            url: Some("https://i/x.jpg".into()),
            caption: "c".into(),
            alt: "a".into(),
            credit: "r".into(),
        }));
        let json = serde_json::to_string(&image).unwrap();
        assert_eq!(
            json,
            r#"{"type":"image","url":"https://i/x.jpg","caption":"c","alt":"a","credit":"r"}"#
        );
        assert_eq!(serde_json::from_str::<Block>(&json).unwrap(), image);
        let embed = Block::Embed(Box::new(Embed {
            kind: "Tweet".into(),
            title: "t".into(),
            url: None,
        }));
        let json = serde_json::to_string(&embed).unwrap();
        assert_eq!(
            json,
            r#"{"type":"embed","kind":"Tweet","title":"t","url":null}"#
        );
        assert_eq!(serde_json::from_str::<Block>(&json).unwrap(), embed);
    }
}
