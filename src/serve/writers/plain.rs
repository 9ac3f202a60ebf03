//! liveblog's own JSON and the plain-text form: the two formats that keep a timeless
//! entry timeless.

use super::Site;
use crate::blog::{Block, Entry};
use crate::serve::timeline::Snapshot;
use std::fmt::Write;

/// liveblog's own JSON (`dump --format json`), its `url` the replay's page like every other
/// format's, so a reader following the replay is never sent to the original site.
pub fn native(snap: &Snapshot, site: &Site) -> String {
    let mut blog = snap.blog.clone();
    blog.url = Some(site.page_url());
    crate::formats::native::to_json(&blog)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The plain-text form the bundled blog is written in (see `formats::text`): title,
/// standfirst, "Key events" (always, even over an empty list: it is what the reader checks
/// for) with a `-` line before each title, then the entries newest first, a blank line
/// between them, each with its byline, its title when it is a key event, and one
/// line per paragraph. The form has no times, ids or flags other than key events, so its order
/// is the only time it gives: a pinned post is written where its time puts it
/// ([`by_time`]), not on top, where it would read back as the newest entry.
pub fn text(snap: &Snapshot) -> String {
    let blog = &snap.blog;
    let mut o = String::new();
    let title = one_line(&blog.title);
    let _ = writeln!(o, "{}", if title.is_empty() { "Untitled" } else { &title });
    let _ = writeln!(o, "{}", one_line(&blog.standfirst));
    // The heading is what marks a text as a live blog, so it is written even over no list.
    o.push_str("Key events\n");
    for k in &blog.key_events {
        let t = one_line(&k.title);
        if t.is_empty() || t == "-" {
            continue;
        }
        let _ = writeln!(o, "-\n{t}");
    }
    for e in by_time(&blog.entries) {
        o.push('\n');
        if !e.authors.is_empty() {
            let _ = writeln!(o, "{}", one_line(&e.authors.join(" and ")));
        }
        if let Some(t) = &e.title {
            let t = one_line(t);
            // Only key-event titles are read back as titles; others stay as a first line.
            if !t.is_empty() {
                let _ = writeln!(o, "{t}");
            }
        }
        for line in entry_text(e).lines().map(str::trim) {
            if !line.is_empty() {
                let _ = writeln!(o, "{line}");
            }
        }
    }
    o
}

/// `entries` (a blog's order: a pinned post on top, the rest newest first) newest first by
/// time: each pinned post with a time goes above the first entry older than it.
fn by_time(entries: &[Entry]) -> Vec<&Entry> {
    let pinned_at = |e: &Entry| e.time().filter(|_| e.pinned).map(|t| t.instant());
    let mut order: Vec<&Entry> = entries.iter().filter(|e| pinned_at(e).is_none()).collect();
    for (p, at) in entries.iter().filter_map(|e| Some((e, pinned_at(e)?))) {
        let i = order
            .iter()
            .position(|e| !e.pinned && e.time().is_some_and(|t| t.instant() < at))
            .unwrap_or(order.len());
        order.insert(i, p);
    }
    order
}

/// An entry's text as the form writes it: an untitled Facebook post or video as its bare
/// address, which the form's reader reads back as the embed (its `[Facebook post] <url>`
/// line would come back as text).
fn entry_text(e: &Entry) -> String {
    if e.body.iter().all(|b| bare_post(b).is_none()) {
        return e.plain_text();
    }
    let mut e = e.clone();
    for b in &mut e.body {
        if let Some(url) = bare_post(b) {
            *b = Block::text(url);
        }
    }
    e.plain_text()
}

/// The address an embed is written as, when a line of it alone reads back as that embed.
fn bare_post(b: &Block) -> Option<String> {
    let Block::Embed(embed) = b else {
        return None;
    };
    let url = embed.url.as_deref().filter(|_| embed.title.is_empty())?;
    (crate::formats::html::text_or_post(url) == *b).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::{Block, Entry, LiveBlog};
    use crate::formats;
    use crate::serve::timeline::{ReplayOptions, Timeline};
    use std::time::Duration;

    #[test]
    fn text_of_a_blog_without_key_events_or_standfirst_is_still_read_as_a_blog() {
        let blog = LiveBlog {
            title: "No list".into(),
            entries: vec![Entry {
                id: "a".into(),
                body: vec![Block::text("One line.")],
                ..Entry::default()
            }],
            ..LiveBlog::default()
        };
        let snap = Timeline::new(blog, &ReplayOptions::default()).at(Duration::ZERO);
        let written = text(&snap);
        assert!(written.starts_with("No list\n\nKey events\n"), "{written}");
        let back = formats::parse(written.as_bytes()).unwrap();
        assert_eq!(back.title, "No list");
        assert!(back.key_events.is_empty());
        assert_eq!(back.entries.len(), 1);
        assert_eq!(back.entries[0].plain_text(), "One line.");
    }

    #[test]
    fn a_pinned_post_is_written_at_its_time_so_that_it_reads_back_in_place() {
        let entry = |id: &str, at: &str, pinned: bool| Entry {
            id: id.into(),
            published: Some(crate::blog::Stamp::parse(at).unwrap()),
            pinned,
            body: vec![Block::text(format!("Entry {id}."))],
            ..Entry::default()
        };
        let blog = LiveBlog {
            title: "Pinned".into(),
            entries: vec![
                entry("verdict", "2023-12-13T13:24:43Z", true),
                entry("summary", "2023-12-13T17:25:40Z", false),
                entry("later", "2023-12-13T15:00:00Z", false),
                entry("earlier", "2023-12-13T12:00:00Z", false),
            ],
            ..LiveBlog::default()
        };
        let snap = Timeline::new(blog, &ReplayOptions::default()).at(Duration::ZERO);
        let back = formats::parse(text(&snap).as_bytes()).unwrap();
        let read: Vec<String> = back.entries.iter().map(Entry::plain_text).collect();
        assert_eq!(
            read,
            [
                "Entry summary.",
                "Entry later.",
                "Entry verdict.",
                "Entry earlier."
            ]
        );
    }

    #[test]
    fn no_format_of_the_replay_names_older_pages_it_cannot_serve() {
        use crate::serve::writers as w;
        let mut blog = w::tests::rich_blog();
        blog.older = Some("?page=with:block-older-page".into());
        let snap = Timeline::new(blog, &ReplayOptions::default()).at(Duration::ZERO);
        let site = w::tests::site();
        let wp = w::wordpress::ApiRoute::GetEntries(1);
        for doc in [
            native(&snap, &site),
            text(&snap),
            w::guardian_page(&snap, &site),
            w::capi_item(&snap, &site, None),
            w::html_page(&snap, &site),
            w::rss(&snap, &site),
            w::atom(&snap, &site),
            w::amp::amp_page(&snap, &site),
            w::wordpress::post_page(&snap, &site),
            w::wordpress::answer(&snap, wp),
        ] {
            assert!(!doc.contains("older-page"), "{doc}");
        }
        let back = formats::parse(native(&snap, &site).as_bytes()).unwrap();
        assert_eq!(back.older, None);
    }
}
