//! A snapshot written in each format liveblog reads, mirroring the real documents field by
//! field (the fixtures under `tests/fixtures/` show them), so the format parsers read them back.
//!
//! Times: formats whose real documents always date every entry (Guardian page JSON, Content
//! API, JSON-LD, RSS `pubDate`) give an entry without times its synthetic reveal time in the
//! replay ([`Snapshot::dated_at`]); liveblog JSON and the plain-text form keep it timeless.
//!
//! Text is escaped for HTML and XML (`& < > " '`, and characters XML forbids are dropped), and
//! JSON inside `<script>` has `<`, `>` and `&` as `\u` escapes, so any content round-trips as
//! text. Links and image sources other than `http(s):` and `mailto:` are written as plain text
//! in HTML, so a page served here never carries a `javascript:` link.

use super::timeline::Snapshot;
use crate::blog::{Block, Embed, Inline, KeyEvent, LiveBlog, LiveState, Numerals, Stamp};
use jiff::Timestamp;
use serde_json::Value;
use std::fmt::Write;

pub mod amp;
mod capi;
mod guardian;
mod html_page;
mod plain;
mod rss;
pub mod wordpress;

pub use capi::capi_item;
pub use guardian::{guardian_page, live_update};
pub use html_page::{html_page, timed_blocks_page};
pub use plain::{native, text};
pub use rss::{atom, rss};

/// Where the replay is served, for the URLs written into documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// `http://127.0.0.1:8080`, no trailing slash.
    pub base: String,
    /// The blog's Guardian-like page path, `/world/live/2025/feb/17/<slug>`.
    pub page_path: String,
}

impl Site {
    /// The blog's page URL: the address every format names as the blog's own.
    pub fn page_url(&self) -> String {
        format!("{}{}", self.base, self.page_path)
    }

    /// The page id as the Guardian writes it (the path without its leading slash).
    pub fn page_id(&self) -> &str {
        self.page_path.trim_start_matches('/')
    }

    fn entry_url(&self, id: &str) -> String {
        format!("{}#block-{id}", self.page_url())
    }
}

const ELEMENT_PREFIX: &str = "model.dotcomrendering.pageElements.";
const TEXT_ELEMENT: &str = "model.dotcomrendering.pageElements.TextBlockElement";
const IMAGE_ELEMENT: &str = "model.dotcomrendering.pageElements.ImageBlockElement";

/// Escapes text for HTML or XML content and attribute values, dropping characters XML 1.0
/// does not allow (C0 controls other than tab and line breaks, U+FFFE, U+FFFF).
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\t' | '\n' | '\r' => o.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => o.push(c),
        }
    }
    o
}

/// A URL fit for an `href` or `src` in a page served here.
fn safe_url(u: &str) -> Option<&str> {
    let lower = u.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
        .then_some(u)
}

fn runs_to_html(runs: &[Inline]) -> String {
    let mut o = String::new();
    for r in runs {
        let mut t = escape(&r.text).replace('\n', "<br>");
        if r.italic {
            t = format!("<em>{t}</em>");
        }
        if r.bold {
            t = format!("<strong>{t}</strong>");
        }
        if r.strike {
            t = format!("<s>{t}</s>");
        }
        if let Some(u) = r.link.as_deref().and_then(safe_url) {
            t = format!("<a href=\"{}\">{t}</a>", escape(u));
        }
        o.push_str(&t);
    }
    o
}

/// An entry body as HTML, each block one element, the way Guardian bodies are written.
pub fn blocks_to_html(blocks: &[Block]) -> String {
    let mut o = String::new();
    // The lists open, innermost last, each with its level; each has its last item open, for
    // a list nested in it.
    let mut open: Vec<(&str, u8)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let goes_on = i > 0 && crate::blog::continues_list(&blocks[i - 1], b);
        let goes_into = blocks
            .get(i + 1)
            .is_some_and(|next| crate::blog::continues_list(b, next));
        if !goes_on {
            close_lists(&mut o, &mut open, None);
        }
        match b {
            Block::List {
                ordered,
                items,
                level,
                start,
                continued,
                numerals,
                ..
            } if goes_on || goes_into || *level > 0 => {
                let tag = if *ordered { "ol" } else { "ul" };
                close_lists(&mut o, &mut open, Some(*level));
                match open.last() {
                    // The items after a nested list: the same list goes on.
                    Some(&(t, l)) if l == *level && t == tag => o.push_str("</li>"),
                    _ => {
                        close_lists(&mut o, &mut open, Some(level.saturating_sub(1)));
                        o.push_str(&list_start_tag(b));
                        open.push((tag, *level));
                    }
                }
                // Marked anew: each item says how; numbered anew: the first its number.
                let before = i.checked_sub(1).and_then(|j| blocks.get(j));
                let restyled = *continued
                    && matches!(before, Some(Block::List { numerals: n, .. }) if n != numerals);
                for (k, it) in items.iter().enumerate() {
                    if k > 0 {
                        o.push_str("</li>");
                    }
                    let mut li = if restyled {
                        restyled_item(*numerals)
                    } else {
                        "<li".to_string()
                    };
                    if k == 0 && *continued && *ordered {
                        let _ = write!(li, " value=\"{start}\"");
                    }
                    let _ = write!(o, "{li}>{}", runs_to_html(it));
                }
            }
            _ => o.push_str(&block_to_html(b)),
        }
    }
    close_lists(&mut o, &mut open, None);
    o
}

/// An entry's body in the pieces a page writes as elements: each block alone, but a list with
/// the lists nested in it (and its items after them) together, so that they nest in the HTML.
pub fn element_groups(body: &[Block]) -> Vec<&[Block]> {
    let mut groups = Vec::with_capacity(body.len());
    let mut from = 0;
    for i in 1..=body.len() {
        if i == body.len() || !crate::blog::continues_list(&body[i - 1], &body[i]) {
            groups.push(&body[from..i]);
            from = i;
        }
    }
    groups
}

/// Closes the lists open deeper than `level` (all of them for `None`), with their last items.
fn close_lists(o: &mut String, open: &mut Vec<(&str, u8)>, level: Option<u8>) {
    while let Some(&(tag, l)) = open.last() {
        if level.is_some_and(|level| l <= level) {
            break;
        }
        let _ = write!(o, "</li></{tag}>");
        open.pop();
    }
}

/// A list's start tag, with how it is numbered where that is not 1, 2, 3.
fn list_start_tag(b: &Block) -> String {
    let Block::List {
        ordered: true,
        start,
        numerals,
        reversed,
        ..
    } = b
    else {
        return match b {
            Block::List {
                numerals: Numerals::Unmarked,
                ..
            } => format!("<ul {UNMARKED}>"),
            _ => "<ul>".into(),
        };
    };
    let mut o = String::from("<ol");
    // Numbered down, the start is written even when 1: left out, it would be the count.
    if *start != 1 || *reversed {
        let _ = write!(o, " start=\"{start}\"");
    }
    if *reversed {
        o.push_str(" reversed");
    }
    let kind = match numerals {
        Numerals::Decimal => "",
        Numerals::LowerAlpha => "a",
        Numerals::UpperAlpha => "A",
        Numerals::LowerRoman => "i",
        Numerals::UpperRoman => "I",
        Numerals::Unmarked => {
            let _ = write!(o, " {UNMARKED}");
            ""
        }
    };
    if !kind.is_empty() {
        let _ = write!(o, " type=\"{kind}\"");
    }
    o.push('>');
    o
}

/// A list, or an item, shown without markers.
const UNMARKED: &str = "style=\"list-style-type:none\"";

/// An item's start tag in a part of a list marked otherwise than the part before it: its
/// marks in its style.
fn restyled_item(numerals: Numerals) -> String {
    let kind = match numerals {
        Numerals::Decimal => "decimal",
        Numerals::LowerAlpha => "lower-alpha",
        Numerals::UpperAlpha => "upper-alpha",
        Numerals::LowerRoman => "lower-roman",
        Numerals::UpperRoman => "upper-roman",
        Numerals::Unmarked => "none",
    };
    format!("<li style=\"list-style-type:{kind}\"")
}

/// A table as HTML: its first row in a `thead` of `th`s when it is a header.
fn table_to_html(t: &crate::blog::Table) -> String {
    let mut o = String::from("<table>");
    for (r, row) in t.rows.iter().enumerate() {
        let head = r == 0 && t.header;
        let cell = if head { "th" } else { "td" };
        if head {
            o.push_str("<thead>");
        } else if r == usize::from(t.header) {
            o.push_str("<tbody>");
        }
        o.push_str("<tr>");
        for c in row {
            let _ = write!(o, "<{cell}>{}</{cell}>", runs_to_html(c));
        }
        o.push_str("</tr>");
        if head {
            o.push_str("</thead>");
        }
    }
    if t.rows.len() > usize::from(t.header) {
        o.push_str("</tbody>");
    }
    o.push_str("</table>");
    o
}

fn block_to_html(b: &Block) -> String {
    match b {
        Block::Table(t) => table_to_html(t),
        Block::Paragraph { runs } => format!("<p>{}</p>", runs_to_html(runs)),
        Block::Heading { runs } => format!("<h3>{}</h3>", runs_to_html(runs)),
        Block::Quote {
            paragraphs,
            attribution,
            level,
        } => {
            // A quote in others, in as many: read back, it is as deep.
            let depth = usize::from(*level) + 1;
            let mut o = "<blockquote>".repeat(depth);
            for p in paragraphs {
                let _ = write!(o, "<p>{}</p>", runs_to_html(p));
            }
            if let Some(a) = attribution {
                let _ = write!(o, "<footer><cite>{}</cite></footer>", escape(a));
            }
            o.push_str(&"</blockquote>".repeat(depth));
            o
        }
        Block::List { ordered, items, .. } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let mut o = list_start_tag(b);
            for it in items {
                let _ = write!(o, "<li>{}</li>", runs_to_html(it));
            }
            let _ = write!(o, "</{tag}>");
            o
        }
        Block::Image(image) => {
            let (url, caption, alt, credit) =
                (&image.url, &image.caption, &image.alt, &image.credit);
            let mut o = String::from("<figure class=\"element element-image\">");
            if let Some(u) = url.as_deref().and_then(safe_url) {
                let _ = write!(o, "<img src=\"{}\" alt=\"{}\">", escape(u), escape(alt));
            }
            if !caption.is_empty() || !credit.is_empty() {
                o.push_str("<figcaption>");
                if !caption.is_empty() {
                    let _ = write!(
                        o,
                        "<span class=\"element-image__caption\">{}</span>",
                        escape(caption)
                    );
                }
                if !credit.is_empty() {
                    let _ = write!(
                        o,
                        "<span class=\"element-image__credit\">{}</span>",
                        escape(credit)
                    );
                }
                o.push_str("</figcaption>");
            }
            o.push_str("</figure>");
            o
        }
        Block::Embed(embed) => {
            let Embed { kind, title, url } = &**embed;
            let class = element_type(kind);
            match url.as_deref().and_then(safe_url) {
                Some(u) => format!(
                    "<figure class=\"element element-{class}\" data-canonical-url=\"{0}\">\
                     <a href=\"{0}\">{1}</a></figure>",
                    escape(u),
                    lines_html(title)
                ),
                None => format!(
                    "<figure class=\"element element-{class}\">{}</figure>",
                    lines_html(title)
                ),
            }
        }
        Block::Code { text } => format!("<pre><code>{}</code></pre>", escape(text)),
        Block::Rule => "<hr>".to_string(),
    }
}

/// The Guardian element type for an embed kind, as the Content API's `type` and the
/// `element-<type>` class of a rendered body name it: "Tweet" → `tweet`, "Link" →
/// `rich-link`, "Callout v2" → `callout-v2` (the parsers read each back as the kind).
fn element_type(kind: &str) -> String {
    if kind.eq_ignore_ascii_case("link") {
        return "rich-link".into();
    }
    let words: Vec<String> = kind
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "embed".into()
    } else {
        words.join("-")
    }
}

/// An element type in camel case: `rich-link` → `richLink`, or `RichLink` with `upper_first`.
fn camel(ty: &str, upper_first: bool) -> String {
    let mut o = String::new();
    for (i, w) in ty.split('-').enumerate() {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            o.push(if i > 0 || upper_first {
                first.to_ascii_uppercase()
            } else {
                first
            });
            o.extend(chars);
        }
    }
    o
}

/// The page JSON's element name for an embed kind: "Tweet" → `TweetBlockElement`,
/// "Callout v2" → `CalloutV2BlockElement`.
fn dcr_element_type(kind: &str) -> String {
    format!(
        "{ELEMENT_PREFIX}{}BlockElement",
        camel(&element_type(kind), true)
    )
}

/// A tweet as the Guardian embeds it: the rendered quote, here of the embed's title.
fn tweet_html(title: &str) -> String {
    format!(
        "<blockquote class=\"twitter-tweet\"><p>{}</p></blockquote>",
        lines_html(title)
    )
}

/// An embed's title as HTML: escaped, its line breaks (a tweet's) `<br>`, as a paragraph's.
fn lines_html(title: &str) -> String {
    escape(title).replace('\n', "<br>")
}

/// An entry's dates as the replay states them: its own, else the time the replay dates it
/// ([`Snapshot::dated_at`]).
pub(super) struct Dates {
    pub(super) published: Stamp,
    pub(super) updated: Stamp,
}

pub(super) fn dates(snap: &Snapshot, i: usize) -> Dates {
    let revealed = snap.dated_at.get(i).copied().unwrap_or(snap.started);
    let timed = snap.timed.get(i).copied().unwrap_or(true);
    let e = &snap.blog.entries[i];
    // An entry timeless in the source appeared when it was revealed, even once an edit in the
    // replay has given it an `updated` time: dating it by the edit would move it up the blog.
    let published = e
        .published
        .or(e.updated.filter(|_| timed))
        .unwrap_or(Stamp::utc(revealed));
    Dates {
        published,
        updated: e.updated.unwrap_or(published).max(published),
    }
}

fn iso_utc(t: Timestamp) -> String {
    Stamp::utc(t).to_rfc3339()
}

/// `2023-12-13T17:25:40.000Z`, as the Guardian page writes `webPublicationDate`.
fn iso_millis(t: Timestamp) -> String {
    let s = iso_utc(t);
    match s.strip_suffix('Z') {
        Some(base) => format!("{base}.{:03}Z", t.subsec_millisecond()),
        None => s,
    }
}

/// The key-events list as the Guardian's pages show it, as entry indices or stubs: the blog's
/// key events, then each key-event or summary entry they do not name. The site lists its
/// summaries among its key events (`keyEvents` holds both), so every page listing them does.
pub(super) fn key_event_items(blog: &LiveBlog) -> Vec<Result<usize, &KeyEvent>> {
    let mut out: Vec<Result<usize, &KeyEvent>> = blog
        .key_events
        .iter()
        .map(|k| {
            k.entry_id
                .as_deref()
                .and_then(|id| blog.position(id))
                .ok_or(k)
        })
        .collect();
    for (i, e) in blog.entries.iter().enumerate() {
        if (e.key_event || e.summary) && !out.contains(&Ok(i)) {
            out.push(Ok(i));
        }
    }
    out
}

/// `17.25 UTC`, the Guardian's display form of a block time.
fn display_time(t: Timestamp) -> String {
    let dt = jiff::tz::Offset::UTC.to_datetime(t);
    format!("{:02}.{:02} UTC", dt.hour(), dt.minute())
}

/// When the blog began: its oldest entry's date (own or synthetic), else the replay's start.
fn blog_published(snap: &Snapshot) -> Timestamp {
    (0..snap.blog.entries.len())
        .map(|i| dates(snap, i).published.instant())
        .min()
        .unwrap_or(snap.started)
}

/// When the blog last changed, on the blog's own clock: the newest entry time where entries
/// have times; for a timeless blog, the replay time of the last change.
fn blog_modified(snap: &Snapshot) -> Timestamp {
    let timed = snap.blog.entries.iter().any(|e| e.published.is_some());
    match snap.blog.updated.filter(|_| timed) {
        Some(u) => u.instant(),
        None => snap.last_modified,
    }
}

fn live(snap: &Snapshot) -> bool {
    snap.blog.state == LiveState::Live
}

fn standfirst_html(snap: &Snapshot) -> String {
    if snap.blog.standfirst.is_empty() {
        String::new()
    } else {
        format!("<p>{}</p>", escape(&snap.blog.standfirst))
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests;
