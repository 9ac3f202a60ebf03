//! An AMP page with an `<amp-live-list>` and no JSON-LD, as AMP live blogs are written: each
//! entry an item with its `id`, `data-sort-time` and, once edited, `data-update-time` (epoch
//! milliseconds); the list `disabled` once the blog has ended. AMP items have no key-event
//! mark, so the key events are the page's "Key events" list above the live list, as the
//! Guardian's AMP page shows them. Nor have they a pinned or summary mark (the Guardian's AMP
//! page marks neither), so each flag is an item's class, named as on the HTML page.

use super::{Site, blocks_to_html, dates, escape, live};
use crate::formats::flagged::Mark;
use crate::serve::timeline::Snapshot;
use std::fmt::Write;

/// How often the page asks AMP to poll it, in milliseconds (AMP's own minimum).
pub const POLL_MS: u32 = 15_000;

pub fn amp_page(snap: &Snapshot, site: &Site) -> String {
    let blog = &snap.blog;
    let title = escape(&blog.title);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html>\n<html amp lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<link rel=\"canonical\" href=\"{}\">\n{}\
         <meta name=\"description\" content=\"{}\">\n\
         <script async custom-element=\"amp-live-list\" \
         src=\"https://cdn.ampproject.org/v0/amp-live-list-0.1.js\"></script>\n</head>\n<body>\n\
         <h1>{title}</h1>\n",
        escape(&site.page_url()),
        super::html_page::next_link(snap),
        escape(&blog.standfirst),
    );
    // Each key event's time shown before its title, as the Guardian's AMP page shows it.
    o.push_str(&super::html_page::key_events_nav(snap, "", true));
    let disabled = if live(snap) { "" } else { " disabled" };
    let _ = writeln!(
        o,
        "<amp-live-list id=\"live-blog\" data-poll-interval=\"{POLL_MS}\" \
         data-max-items-per-page=\"{}\"{disabled}>\n\
         <button update on=\"tap:live-blog.update\">You have updates</button>\n<div items>",
        blog.entries.len().max(1)
    );
    for (i, e) in blog.entries.iter().enumerate() {
        let d = dates(snap, i);
        let sort = d.published.instant().as_millisecond();
        let updated = d.updated.instant().as_millisecond();
        let update = if updated > sort {
            format!(" data-update-time=\"{updated}\"")
        } else {
            String::new()
        };
        // AMP items have no mark of their own: each flag a class, as on the HTML page.
        let marks: Vec<&str> = Mark::ALL
            .into_iter()
            .filter(|m| m.on(e))
            .map(Mark::name)
            .collect();
        let class = if marks.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", marks.join(" "))
        };
        let _ = writeln!(
            o,
            "<div id=\"{}\"{class} data-sort-time=\"{sort}\"{update}>",
            escape(&e.id)
        );
        if let Some(t) = &e.title {
            let _ = writeln!(o, "<h2>{}</h2>", escape(t));
        }
        if !e.authors.is_empty() {
            let _ = writeln!(
                o,
                "<div itemprop=\"author\" itemscope itemtype=\"https://schema.org/Person\">\
                 <span itemprop=\"name\">{}</span></div>",
                escape(&e.authors.join(", "))
            );
        }
        o.push_str(&blocks_to_html(&e.body));
        o.push_str("\n</div>\n");
    }
    o.push_str("</div>\n</amp-live-list>\n</body>\n</html>\n");
    o
}
