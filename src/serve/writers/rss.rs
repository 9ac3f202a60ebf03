//! RSS 2.0 and Atom.

use super::{Site, blocks_to_html, dates, escape};
use crate::blog::{Entry, Stamp};
use crate::formats::flagged::Mark;
use crate::serve::timeline::Snapshot;
use std::fmt::Write;

fn rfc2822(s: Stamp) -> String {
    let zoned = s.instant().to_zoned(jiff::tz::TimeZone::fixed(s.offset()));
    jiff::fmt::rfc2822::to_string(&zoned).unwrap_or_else(|_| {
        jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&s.instant())
            .unwrap_or_default()
    })
}

/// An entry's flags, as the feeds write them: one category each, named as the feed reader
/// reads them back.
fn flags(e: &Entry) -> impl Iterator<Item = &'static str> {
    Mark::ALL.into_iter().filter(|m| m.on(e)).map(Mark::name)
}

/// RSS 2.0: one item per entry, newest first. `guid` is the entry id; `pubDate` its time or,
/// when it has none, its reveal time; flags are `category` elements (`key-event`, `pinned`,
/// `summary`); authors are `dc:creator`; `description` is the body's HTML. A key event whose
/// entry is not in the replay is not carried: a feed lists its items, each an entry, and no
/// list of key events apart from them, so the feed's key events are its flagged items.
pub fn rss(snap: &Snapshot, site: &Site) -> String {
    let blog = &snap.blog;
    let mut o = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    let _ = writeln!(o, "<title>{}</title>", escape(&blog.title));
    let _ = writeln!(o, "<link>{}</link>", escape(&site.page_url()));
    let _ = writeln!(o, "<description>{}</description>", escape(&blog.standfirst));
    let _ = writeln!(
        o,
        "<atom:link href=\"{}/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&site.base)
    );
    let _ = writeln!(
        o,
        "<lastBuildDate>{}</lastBuildDate>",
        rfc2822(Stamp::utc(snap.last_modified))
    );
    for (i, e) in blog.entries.iter().enumerate() {
        let d = dates(snap, i);
        o.push_str("<item>\n");
        let _ = writeln!(o, "<guid isPermaLink=\"false\">{}</guid>", escape(&e.id));
        if let Some(t) = &e.title {
            let _ = writeln!(o, "<title>{}</title>", escape(t));
        }
        let _ = writeln!(o, "<link>{}</link>", escape(&site.entry_url(&e.id)));
        let _ = writeln!(o, "<pubDate>{}</pubDate>", rfc2822(d.published));
        for a in &e.authors {
            let _ = writeln!(o, "<dc:creator>{}</dc:creator>", escape(a));
        }
        for name in flags(e) {
            let _ = writeln!(o, "<category>{name}</category>");
        }
        let _ = writeln!(
            o,
            "<description>{}</description>",
            escape(&blocks_to_html(&e.body))
        );
        o.push_str("</item>\n");
    }
    o.push_str("</channel>\n</rss>\n");
    o
}

/// Atom (RFC 4287): one entry per entry, newest first, as [`rss`] writes them: `id` is the
/// entry id; `published` its time or, when it has none, its reveal time, and `updated` its
/// last change; flags are `category` terms (`key-event`, `pinned`, `summary`); each author an
/// `author`; `content` the body's HTML. As in RSS, a key event whose entry is not in the
/// replay has no entry to be carried on.
pub fn atom(snap: &Snapshot, site: &Site) -> String {
    let blog = &snap.blog;
    let mut o = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(o, "<title>{}</title>", escape(&blog.title));
    let _ = writeln!(o, "<subtitle>{}</subtitle>", escape(&blog.standfirst));
    let _ = writeln!(o, "<id>{}</id>", escape(&site.page_url()));
    let _ = writeln!(o, "<link href=\"{}\"/>", escape(&site.page_url()));
    let _ = writeln!(
        o,
        "<link href=\"{}/feed.atom\" rel=\"self\" type=\"application/atom+xml\"/>",
        escape(&site.base)
    );
    let _ = writeln!(
        o,
        "<updated>{}</updated>",
        Stamp::utc(snap.last_modified).to_rfc3339()
    );
    for (i, e) in blog.entries.iter().enumerate() {
        let d = dates(snap, i);
        o.push_str("<entry>\n");
        let _ = writeln!(o, "<id>{}</id>", escape(&e.id));
        if let Some(t) = &e.title {
            let _ = writeln!(o, "<title>{}</title>", escape(t));
        }
        let _ = writeln!(o, "<link href=\"{}\"/>", escape(&site.entry_url(&e.id)));
        let _ = writeln!(o, "<published>{}</published>", d.published.to_rfc3339());
        let _ = writeln!(o, "<updated>{}</updated>", d.updated.to_rfc3339());
        for a in &e.authors {
            let _ = writeln!(o, "<author><name>{}</name></author>", escape(a));
        }
        for name in flags(e) {
            let _ = writeln!(o, "<category term=\"{name}\"/>");
        }
        let _ = writeln!(
            o,
            "<content type=\"html\">{}</content>",
            escape(&blocks_to_html(&e.body))
        );
        o.push_str("</entry>\n");
    }
    o.push_str("</feed>\n");
    o
}
