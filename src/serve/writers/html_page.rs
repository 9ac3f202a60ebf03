//! An HTML page with a schema.org `LiveBlogPosting` in JSON-LD.

use super::{Site, blocks_to_html, blog_modified, blog_published, dates, escape, iso_utc, live};
use crate::formats::flagged::{Mark, listed_title};
use crate::serve::timeline::Snapshot;
use serde_json::{Map, Value, json};
use std::fmt::Write;

/// The blog as one schema.org `LiveBlogPosting`; the Guardian page JSON carries the same
/// object as its `linkedData`.
pub(super) fn json_ld(snap: &Snapshot, site: &Site) -> Value {
    let blog = &snap.blog;
    let url = site.page_url();
    let updates: Vec<Value> = blog
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let d = dates(snap, i);
            let mut u = Map::new();
            u.insert("@type".into(), json!("BlogPosting"));
            u.insert("@id".into(), json!(e.id));
            u.insert("url".into(), json!(site.entry_url(&e.id)));
            if let Some(t) = &e.title {
                u.insert("headline".into(), json!(t));
            }
            u.insert("datePublished".into(), json!(d.published.to_rfc3339()));
            u.insert("dateModified".into(), json!(d.updated.to_rfc3339()));
            // The body as HTML, as some publishers write it: a plain-text body holding a
            // literal `<script>` or `<b>` could not be told from markup by a reader.
            u.insert("articleBody".into(), json!(blocks_to_html(&e.body)));
            if !e.authors.is_empty() {
                u.insert(
                    "author".into(),
                    Value::Array(
                        e.authors
                            .iter()
                            .map(|a| json!({ "@type": "Person", "name": a }))
                            .collect(),
                    ),
                );
            }
            Value::Object(u)
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("@context".into(), json!("https://schema.org"));
    doc.insert("@type".into(), json!("LiveBlogPosting"));
    doc.insert("@id".into(), json!(url));
    doc.insert("url".into(), json!(url));
    doc.insert("mainEntityOfPage".into(), json!(url));
    doc.insert("headline".into(), json!(blog.title));
    doc.insert("description".into(), json!(blog.standfirst));
    doc.insert("datePublished".into(), json!(iso_utc(blog_published(snap))));
    let modified = iso_utc(blog_modified(snap));
    doc.insert("dateModified".into(), json!(modified));
    doc.insert(
        "coverageStartTime".into(),
        json!(iso_utc(blog_published(snap))),
    );
    if !live(snap) {
        doc.insert("coverageEndTime".into(), json!(modified));
    }
    doc.insert("liveBlogUpdate".into(), Value::Array(updates));
    Value::Object(doc)
}

/// JSON made safe inside a `<script>` element: no `<`, `>` or `&` left to end it early.
fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn entry_html(snap: &Snapshot, i: usize) -> String {
    let e = &snap.blog.entries[i];
    let d = dates(snap, i);
    // Each flag a class, named as the page's reader reads it back.
    let mut class = String::from("block");
    for m in Mark::ALL.into_iter().filter(|m| m.on(e)) {
        class.push(' ');
        class.push_str(m.name());
    }
    let mut o = format!(
        "<article id=\"block-{}\" class=\"{class}\">\n",
        escape(&e.id)
    );
    if let Some(t) = &e.title {
        let _ = writeln!(o, "<h2>{}</h2>", escape(t));
    }
    let stamp = d.published.to_rfc3339();
    let _ = write!(
        o,
        "<p class=\"meta\"><time datetime=\"{stamp}\">{}</time>",
        crate::dump::time_in_source_offset(d.published)
    );
    if !e.authors.is_empty() {
        let _ = write!(o, " · by {}", escape(&e.authors.join(", ")));
    }
    o.push_str("</p>\n");
    o.push_str(&blocks_to_html(&e.body));
    o.push_str("\n</article>\n");
    o
}

/// The blog's key events as the page's list (none when it has none): a "Key events" heading
/// over a link to each post on the page, as the Guardian's pages list them, summaries among
/// them (`key_event_items`). A key event whose post is not on the page links it as the
/// Guardian does, `?page=with:block-<id>#block-<id>`, so that the reader can fetch the page
/// that holds it, or is an item without a link when it names none. `anchor` goes before an
/// entry's id in the id of the element that shows it. With `shown_times`, a link shows the
/// key event's time before its title, each in a `<span>`, as the Guardian's AMP page does.
pub(super) fn key_events_nav(snap: &Snapshot, anchor: &str, shown_times: bool) -> String {
    let blog = &snap.blog;
    let items = super::key_event_items(blog);
    let mut o = String::new();
    if items.is_empty() {
        return o;
    }
    o.push_str("<nav class=\"key-events\">\n<h2>Key events</h2>\n<ul>\n");
    for item in items {
        let (href, title, time) = match item {
            Ok(i) => {
                let e = &blog.entries[i];
                let title = listed_title(blog, e);
                let href = format!("#{anchor}{}", escape(&e.id));
                (Some(href), title, Some(dates(snap, i).published.instant()))
            }
            Err(k) => {
                let href = k.entry_id.as_deref().map(|id| {
                    let id = escape(id);
                    format!("?page=with:block-{id}#block-{id}")
                });
                (href, k.title.clone(), k.published.map(|t| t.instant()))
            }
        };
        let label = match time.filter(|_| shown_times) {
            Some(t) => format!(
                "<span>{}</span><span>{}</span>",
                super::display_time(t),
                escape(&title)
            ),
            None => escape(&title),
        };
        let _ = match href {
            Some(href) => writeln!(o, "<li><a href=\"{href}\">{label}</a></li>"),
            None => writeln!(o, "<li>{label}</li>"),
        };
    }
    o.push_str("</ul>\n</nav>\n");
    o
}

/// The head's link to the next older page of a paged replay (none on its oldest page, or when
/// it is not paged), as paged live pages name theirs: `?page=with:block-<id>`, the page that
/// holds the entry below this page's last, relative to whichever of the replay's addresses
/// serves the page.
pub(super) fn next_link(snap: &Snapshot) -> String {
    snap.blog
        .older
        .as_deref()
        .map(|older| format!("<link rel=\"next\" href=\"{}\">\n", escape(older)))
        .unwrap_or_default()
}

/// An HTML page: one JSON-LD `LiveBlogPosting` in the head and the blog readable in the body.
pub fn html_page(snap: &Snapshot, site: &Site) -> String {
    let blog = &snap.blog;
    let title = escape(&blog.title);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"canonical\" href=\"{}\">\n{}\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"{}/feed.xml\">\n\
         <script type=\"application/ld+json\">{}</script>\n</head>\n<body>\n",
        escape(&site.page_url()),
        next_link(snap),
        escape(&site.base),
        script_json(&json_ld(snap, site)),
    );
    let _ = writeln!(o, "<header>\n<h1>{title}</h1>");
    if !blog.standfirst.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"standfirst\">{}</p>",
            escape(&blog.standfirst)
        );
    }
    let state = if live(snap) { "Live" } else { "Ended" };
    let _ = writeln!(
        o,
        "<p class=\"status\">{state} · updated <time datetime=\"{0}\">{0}</time></p>\n</header>",
        iso_utc(snap.last_modified)
    );
    o.push_str(&key_events_nav(snap, "block-", false));
    o.push_str("<main>\n");
    for i in 0..blog.entries.len() {
        o.push_str(&entry_html(snap, i));
    }
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

/// A page without live markup: each of `texts` a timed block (`<div class="post">`, its time in
/// an `<aside>`, a minute apart, then its text), the shape a page read by its layout is
/// benchmarked and tested in. Only `&` and `<` are escaped, as the benchmark's page always was.
pub fn timed_blocks_page<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut blocks = String::new();
    for (i, text) in texts.into_iter().enumerate() {
        let text = text.replace('&', "&amp;").replace('<', "&lt;");
        let _ = writeln!(
            blocks,
            "<div class=\"post\" id=\"p{i}\"><aside><time>{:02}:{:02}</time></aside>\
             <p>{text}</p></div>",
            (i / 60) % 24,
            i % 60
        );
    }
    format!(
        "<!doctype html><html><head><title>T</title></head><body><main>{blocks}</main></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::html_page;
    use crate::serve::timeline::{ReplayOptions, Timeline};
    use crate::serve::writers::tests::{origin, site};
    use std::time::Duration;

    /// The bundled blog has no times: its opening entries, on show together at the start, read
    /// back from the page with a time each (a pace apart, the newest at the start), not the
    /// blog's own first time, which the schema.org reader takes for no time.
    #[test]
    fn the_opening_entries_of_a_timeless_blog_read_back_with_their_times() {
        let blog = crate::formats::parse(crate::source::BUNDLED.as_bytes()).unwrap();
        let opts = ReplayOptions {
            origin: Some(origin()),
            ..ReplayOptions::paced(Duration::from_secs(10))
        };
        let snap = Timeline::new(blog, &opts).at(Duration::ZERO);
        let back = crate::formats::parse(html_page(&snap, &site()).as_bytes()).unwrap();
        let times: Vec<Option<i64>> = back
            .entries
            .iter()
            .map(|e| e.published.map(|t| t.instant().as_second()))
            .collect();
        let start = origin().as_second();
        assert_eq!(times, [Some(start), Some(start - 10), Some(start - 20)]);
    }
}
