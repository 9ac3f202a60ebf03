//! schema.org `LiveBlogPosting`: the generic, keyless form many publishers embed in their pages.
//!
//! Input is either an HTML page or a bare JSON-LD document. In a page every
//! `<script type="application/ld+json">` is read; JSON that is invalid in the ways publishers
//! get wrong (comments, trailing commas, raw line breaks in strings) is repaired once, and a
//! block that stays invalid is skipped rather than failing the page. When no JSON-LD
//! `LiveBlogPosting` is found the page's microdata (`itemtype=".../LiveBlogPosting"`) is read
//! into the same shape, so one mapping serves both. References to other nodes of the document
//! (`"author": {"@id": "…"}`, usual in `@graph` documents) are followed one step.
//!
//! What the mapping does not take at face value, and why:
//! - An update's headline equal to the blog's headline is dropped: the Guardian repeats the
//!   blog headline on every update.
//! - Per-update dates are dropped when every update carries the blog's own dates (the Guardian
//!   again): no time is better than a wrong one.
//! - A time prefix in a headline (`"19:02(IST) TOSS: …"`, Times of India) is cut; the time
//!   stays in `published`.
//! - Ids: `@id`, else the `url` fragment, else a hash of date, headline and body start. Given
//!   ids shared by several updates, or numbered from the newest (`#post1` on the newest, Times
//!   of India), would move between updates on refresh and are replaced by the hash.
//! - An update image that is the blog's image, or the same image on every update, is the
//!   publisher's default picture (all fixtures do this) and is not shown per entry.
//! - State, without a clock (a parser never reads one): `Ended` when `coverageEndTime` is at or
//!   before the newest time the document carries (`dateModified`, an update's dates); `Live`
//!   when it names a coverage start or a later end; `Unknown` otherwise. The Guardian writes its
//!   last-modified time as `coverageEndTime` even while live, so its JSON-LD reads `Ended`;
//!   Guardian blogs are better read through their page JSON, which says whether they are live.
//! - schema.org has no key-event flag, so the key events are read from the page that shows
//!   the posts (`shown.rs`): its own list under a "Key events" heading where it has one
//!   (`listed.rs`, which may name posts not on the page), else the posts it marks (a
//!   `key-event` class or `data-type`), summaries among them as the Guardian lists them. A
//!   bare JSON-LD document, or a page that does not show its posts, gives none.
//! - A microdata body's value runs the page's paragraphs and lines together (an element's
//!   text, or a `<meta>` copy of it: NDTV's "Shami.SL 49/9"), so the body is read from the
//!   element's HTML, or from where the item shows the `<meta>` text with breaks; ids are still
//!   hashed from the value (`microdata.rs`). A `<meta>` body cut short at a double quote left
//!   unescaped is read whole from where the item shows it.
//! - A JSON-LD body flattens the post (paragraphs run together, lists left out) and its author
//!   may be the blog's: an update whose id names an element of the page that shows its words
//!   is read from that element, its times and id kept (`shown.rs`).
//!
//! A page with neither, but with an AMP `<amp-live-list>`, is read from that list (`amp.rs`).
//! A page with no updates in any of these is read from its largest run of timed blocks, and
//! the blog is marked as guessed (`timed.rs`).

mod amp;
mod cut;
mod graph;
mod lenient;
mod listed;
mod mapping;
mod microdata;
mod next;
mod scan;
mod shown;
mod timed;

use super::json::Value;
use super::{Format, FormatError, html};
use crate::blog::LiveBlog;
use graph::{Graph, find_blog, update_count};
use lenient::parse_lenient;
use mapping::blog_from;
use microdata::microdata_blog;
use scraper::{Html, Selector};

/// Reads a schema.org `LiveBlogPosting` from an HTML page or a bare JSON-LD document.
pub fn parse(bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    read(&super::as_text(bytes)?, None)
}

/// As [`parse`], for a document `formats::parse` has already made text: checked again only as
/// far as [`super::as_text`] would still change anything (a further byte-order mark, NUL
/// bytes), as validating a large page twice took as long as reading its updates' dates.
/// `at` is where the document was fetched from, when it was.
pub(super) fn parse_text(text: &str, at: Option<&url::Url>) -> Result<LiveBlog, FormatError> {
    read(
        super::checked_text(text.strip_prefix('\u{feff}').unwrap_or(text))?,
        at,
    )
}

/// The blog of a page or JSON-LD document (fetched from `at`, when it was), with the next
/// older page a page names.
fn read(text: &str, at: Option<&url::Url>) -> Result<LiveBlog, FormatError> {
    let mut blog = read_with(text, true)?;
    if blog.older.is_none() && !text.trim_start().starts_with(['{', '[']) {
        blog.older = next::older(text, &blog, at);
    }
    Ok(blog)
}

/// [`read`], with the AMP list read without the page's tree where it can be (`amp_alone`), or
/// not: what the tests hold that reading to.
fn read_with(text: &str, amp_alone: bool) -> Result<LiveBlog, FormatError> {
    let trimmed = text.trim_start();
    let json = trimmed.starts_with(['{', '[']);
    // A JSON document comes here when it is none of the JSON formats read by their fields:
    // it is named JSON, not a page.
    let not_found =
        || FormatError::NotALiveBlog(if json { NOT_FOUND_JSON } else { NOT_FOUND }.to_string());
    let mut page = None;
    // What the JSON-LD trees borrow from: the scanned scripts, or those of the parsed page.
    let bodies;
    let texts;
    let (roots, microdata) = if json {
        let value = parse_lenient(trimmed).map_err(|e| FormatError::Malformed {
            format: "JSON",
            detail: crate::sanitize::visible(&e.to_string(), 300),
        })?;
        (vec![value], None)
    } else {
        if amp_alone && let Some(blog) = amp_list_alone(text) {
            return Ok(blog);
        }
        // The scripts found by a scan are the ones the tree holds: read once, and the page's
        // tree is built only when they do not list the blog's updates.
        bodies = scan::ld_json_bodies(text);
        let scanned = bodies.as_deref().map(parse_scripts);
        if let Some(blog) = scanned.as_deref().and_then(from_scripts_alone) {
            // The tree is built only for a page that may show the updates' posts.
            if cut::headlines_only(&blog)
                && let Some(roots) = scanned.as_deref()
                && let Ok(doc) = html::parse_document(text)
                && let Some(timed) = timed::timed_run(&doc, roots)
            {
                let blog = cut::filled_from(blog, &timed);
                return Ok(if shown::may_show(text, &blog) {
                    shown::with_shown_posts(blog, &doc)
                } else {
                    blog
                });
            }
            if !shown::may_show(text, &blog) {
                return Ok(blog);
            }
            return Ok(match html::parse_document(text) {
                Ok(doc) => shown::with_shown_posts(blog, &doc),
                Err(_) => blog,
            });
        }
        let doc =
            html::parse_document(text).map_err(|e| FormatError::malformed(Format::SchemaOrg, e))?;
        let roots = if let Some(roots) = scanned {
            roots
        } else {
            texts = ld_json_texts(&doc);
            parse_scripts(&texts)
        };
        // Some pages name the blog in JSON-LD but list the updates only as microdata.
        let microdata = if find_blog(&roots).is_none_or(|v| update_count(v) == 0) {
            microdata_blog(&doc)
        } else {
            None
        };
        page = Some(doc);
        (roots, microdata)
    };
    let (node, graph) = match (find_blog(&roots), &microdata) {
        (Some(ld), Some(md)) if update_count(md) > update_count(ld) => (md, Graph::default()),
        (Some(ld), _) => (ld, Graph::new(&roots)),
        (None, Some(md)) => (md, Graph::default()),
        (None, None) => {
            return page
                .as_ref()
                .and_then(|doc| amp::live_list(doc).or_else(|| timed::timed_run(doc, &roots)))
                .ok_or_else(not_found);
        }
    };
    let Value::Object(map) = node else {
        return Err(not_found());
    };
    let blog = blog_from(&graph, map);
    if !blog.entries.is_empty() {
        return Ok(match &page {
            Some(doc) => shown::with_shown_posts(blog, doc),
            None => blog,
        });
    }
    // A LiveBlogPosting without updates: the page may still show its entries unmarked.
    match page.as_ref().and_then(|doc| timed::timed_run(doc, &roots)) {
        Some(guessed) => Ok(with_blog_fields(guessed, blog)),
        // One that names itself, or a bare JSON-LD document, is a blog with nothing posted
        // yet; in a page, one with nothing at all (an empty microdata item) is no blog to show.
        None if !blog.title.is_empty() || page.is_none() => Ok(blog),
        None => Err(not_found()),
    }
}

/// The page's AMP list read without its tree (`amp::live_list_alone`), when its JSON-LD names
/// no blog, so that `read` would come to the list: `None` otherwise, or where that reading is
/// not sure. A page that writes `LiveBlogPosting` anywhere most likely names one, and is left
/// to `read` at once (an AMP page with JSON-LD would otherwise be read twice); the JSON-LD of
/// the others is read from the light tree, as `read` reads it from scraper's.
fn amp_list_alone(page: &str) -> Option<LiveBlog> {
    if memchr::memmem::find(page.as_bytes(), b"LiveBlogPosting").is_some() {
        return None;
    }
    amp::live_list_alone(page, |scripts| find_blog(&parse_scripts(scripts)).is_none())
}

/// Both readings of a page whose AMP list is read without its tree: `None` where that reading
/// does not answer, else its answer and what the reading through the page's tree gives. They
/// must be equal; the tests and the `amp_alone` fuzz target check.
#[doc(hidden)]
pub fn amp_readings(page: &str) -> Option<(LiveBlog, Result<LiveBlog, FormatError>)> {
    if page.trim_start().starts_with(['{', '[']) {
        return None;
    }
    let alone = amp_list_alone(page)?;
    Some((alone, read_with(page, false)))
}

/// What was looked for in a page, for the error when none of it is there.
pub(super) const NOT_FOUND: &str =
    "no schema.org LiveBlogPosting, AMP live list, or run of timed blocks found";

/// The same for a JSON document.
const NOT_FOUND_JSON: &str = "JSON, but not Guardian page or Content API JSON, WordPress \
     Liveblog JSON, liveblog JSON or a JSON-LD LiveBlogPosting";

/// The guessed entries under what the page's (empty) `LiveBlogPosting` says of the blog.
fn with_blog_fields(mut guessed: LiveBlog, marked: LiveBlog) -> LiveBlog {
    if !marked.title.is_empty() {
        guessed.title = marked.title;
    }
    if !marked.standfirst.is_empty() {
        guessed.standfirst = marked.standfirst;
    }
    guessed.url = marked.url.or(guessed.url);
    guessed.state = marked.state;
    guessed.updated = marked.updated;
    guessed
}

/// The blog a page's JSON-LD scripts give when they list its updates: then nothing else in the
/// page is read (microdata, AMP lists and timed blocks are looked at only when the JSON-LD has
/// no updates), so the page's tree need not be built. `None` when they do not, or give no
/// entries.
fn from_scripts_alone(roots: &[Value<'_>]) -> Option<LiveBlog> {
    let node = find_blog(roots).filter(|v| update_count(v) > 0)?;
    let blog = blog_from(&Graph::new(roots), node.as_object()?);
    (!blog.entries.is_empty()).then_some(blog)
}

/// Whether a `type` attribute names JSON-LD (parameters after `;` aside).
fn is_ld_json_type(t: &str) -> bool {
    t.split(';')
        .next()
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// The text of every JSON-LD script of a parsed page.
fn ld_json_texts(doc: &Html) -> Vec<String> {
    let Ok(script) = Selector::parse("script") else {
        return Vec::new();
    };
    doc.select(&script)
        .filter(|el| el.attr("type").is_some_and(is_ld_json_type))
        .map(|el| el.text().collect())
        .collect()
}

/// The scripts that parse, repaired if need be.
fn parse_scripts<S: AsRef<str>>(bodies: &[S]) -> Vec<Value<'_>> {
    let mut out = Vec::new();
    for (n, body) in bodies.iter().enumerate() {
        match parse_lenient(body.as_ref()) {
            Ok(v) => out.push(v),
            Err(e) => tracing::warn!(script = n, error = %e, "skipping invalid JSON-LD block"),
        }
    }
    out
}

/// The JSON-LD scripts of a page as the scan finds them (`None` when it cannot say) and as
/// the full parse does. Where the scan answers they must be equal; the `html_fast` fuzz target
/// and the fixture tests check.
#[doc(hidden)]
pub fn both_script_readings(page: &str) -> (Option<Vec<String>>, Vec<String>) {
    let scanned = scan::ld_json_bodies(page).map(|v| v.into_iter().map(String::from).collect());
    let parsed = html::parse_document(page)
        .map(|doc| ld_json_texts(&doc))
        .unwrap_or_default();
    (scanned, parsed)
}

/// A page's `rel="next"` links as the scan finds them (`None` when it cannot say) and as the
/// full parse does, each the `<link>`'s `href` and the `<a>`'s, then the addresses the page
/// names that they are judged by. Where the scan answers they must be equal; the `html_fast`
/// fuzz target and the tests check.
#[doc(hidden)]
pub fn both_next_link_readings(page: &str) -> (Option<NextHrefs>, NextHrefs) {
    let (scanned, tree) = next::both_readings(page);
    let all = |n: scan::NextLinks| [n.link, n.anchor, n.canonical, n.og_url];
    (scanned.map(all), all(tree))
}

/// The `href` of a page's first `<link rel="next">` and of its first `<a rel="next">`, then of
/// its first `<link rel="canonical">`, and its `og:url`.
pub type NextHrefs = [Option<String>; 4];

#[cfg(test)]
mod tests;
