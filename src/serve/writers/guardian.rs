//! The Guardian page JSON (`<page>.json?dcr`).

use super::html_page::json_ld;
use super::{
    ELEMENT_PREFIX, IMAGE_ELEMENT, Site, TEXT_ELEMENT, block_to_html, blocks_to_html,
    blog_published, dates, dcr_element_type, display_time, element_groups, escape, iso_millis,
    live, pretty, standfirst_html, tweet_html,
};
use crate::blog::{Block, Embed, KeyEvent, text_id};
use crate::serve::timeline::Snapshot;
use serde_json::{Map, Value, json};
use std::fmt::Write;

/// One element of a block: `group` is one block, or a list with the lists nested in it (see
/// [`element_groups`]), written as one text element.
fn dcr_element(group: &[Block], entry_id: &str, n: usize) -> Value {
    let element_id = text_id("", &format!("{entry_id}/{n}"));
    let [b] = group else {
        return json!({
            "_type": TEXT_ELEMENT,
            "html": blocks_to_html(group),
            "elementId": element_id,
        });
    };
    match b {
        Block::Image(image) => {
            let (url, caption, alt, credit) =
                (&image.url, &image.caption, &image.alt, &image.credit);
            // One rendition of unknown size. Not marked `isMaster`: pages list the master
            // beside sized renditions, and readers show a rendition, never the master.
            let all: Vec<Value> = url
                .iter()
                .map(|u| {
                    json!({
                        "index": 0,
                        "fields": {},
                        "mediaType": "Image",
                        "mimeType": "image/jpeg",
                        "url": u,
                    })
                })
                .collect();
            json!({
                "displayCredit": !credit.is_empty(),
                "_type": IMAGE_ELEMENT,
                "role": "inline",
                "media": { "allImages": all },
                "elementId": element_id,
                "data": { "alt": alt, "caption": caption, "credit": credit },
            })
        }
        Block::Embed(embed) => {
            let Embed { kind, title, url } = &**embed;
            let ty = dcr_element_type(kind);
            let mut el = Map::new();
            el.insert("_type".into(), json!(ty));
            el.insert("elementId".into(), json!(element_id));
            el.insert("role".into(), json!("inline"));
            if let Some(u) = url {
                el.insert("url".into(), json!(u));
            }
            // As the page writes each: a tweet as its rendered HTML, a rich link with its link
            // text, anything else with a title (read as HTML, so escaped).
            match ty.trim_start_matches(ELEMENT_PREFIX) {
                "TweetBlockElement" => {
                    el.insert("source".into(), json!("Twitter"));
                    el.insert("html".into(), json!(tweet_html(title)));
                }
                "RichLinkBlockElement" => {
                    el.insert("text".into(), json!(title));
                }
                _ => {
                    el.insert("title".into(), json!(escape(title)));
                }
            }
            Value::Object(el)
        }
        _ => json!({
            "_type": TEXT_ELEMENT,
            "html": block_to_html(b),
            "elementId": element_id,
        }),
    }
}

fn dcr_block(snap: &Snapshot, i: usize) -> Value {
    let e = &snap.blog.entries[i];
    let d = dates(snap, i);
    let first = d.published.instant();
    let last = d.updated.instant();
    json!({
        "id": e.id,
        "elements": element_groups(&e.body).into_iter().enumerate().map(|(n, g)| dcr_element(g, &e.id, n)).collect::<Vec<_>>(),
        "attributes": { "pinned": e.pinned, "keyEvent": e.key_event, "summary": e.summary },
        "blockCreatedOn": first.as_millisecond(),
        "blockCreatedOnDisplay": display_time(first),
        "blockLastUpdated": last.as_millisecond(),
        "blockLastUpdatedDisplay": display_time(last),
        "blockFirstPublished": first.as_millisecond(),
        "blockFirstPublishedDisplay": display_time(first),
        "blockFirstPublishedDisplayNoTimezone": display_time(first).trim_end_matches(" UTC"),
        "title": e.title,
        "contributors": e.authors.iter().map(|a| json!({ "name": a })).collect::<Vec<_>>(),
    })
}

/// A key event whose entry is not in the replay, as the page lists such: a block with its
/// title and no elements. A key event without a time gets none: the replay's clock is not
/// the event's, and a reader must never show an invented time.
fn dcr_stub(k: &KeyEvent) -> Value {
    let id = k
        .entry_id
        .clone()
        .unwrap_or_else(|| text_id("k-", &k.title));
    let mut v = json!({
        "id": id,
        "elements": [],
        "attributes": { "pinned": false, "keyEvent": true, "summary": false },
        "title": k.title,
        "contributors": [],
    });
    if let (Some(t), Some(o)) = (k.published.map(|p| p.instant()), v.as_object_mut()) {
        o.insert("blockCreatedOn".into(), json!(t.as_millisecond()));
        o.insert("blockLastUpdated".into(), json!(t.as_millisecond()));
        o.insert("blockFirstPublished".into(), json!(t.as_millisecond()));
        o.insert("blockFirstPublishedDisplay".into(), json!(display_time(t)));
    }
    v
}

/// The Guardian page JSON (`<page>.json?dcr`): the visible blog, or the page of it `snap` is
/// ([`crate::serve::pages`]).
pub fn guardian_page(snap: &Snapshot, site: &Site) -> String {
    let blog = &snap.blog;
    let blocks: Vec<Value> = (0..blog.entries.len())
        .map(|i| dcr_block(snap, i))
        .collect();
    let key_events: Vec<Value> = super::key_event_items(&snap.blog)
        .into_iter()
        .map(|k| match k {
            Ok(i) => dcr_block(snap, i),
            Err(k) => dcr_stub(k),
        })
        .collect();
    let published = blog_published(snap);
    let mut page = Map::new();
    let mut put = |k: &str, v: Value| {
        page.insert(k.to_string(), v);
    };
    put("headline", json!(blog.title));
    put("standfirst", json!(standfirst_html(snap)));
    put("webTitle", json!(blog.title));
    put("webURL", json!(site.page_url()));
    put("pageId", json!(site.page_id()));
    put("contentType", json!("LiveBlog"));
    put("webPublicationDate", json!(iso_millis(published)));
    put(
        "format",
        json!({
            "design": if live(snap) { "LiveBlogDesign" } else { "DeadBlogDesign" },
            "theme": "NewsPillar",
            "display": "StandardDisplay",
        }),
    );
    put(
        "config",
        json!({
            "isLive": live(snap),
            "isLiveBlog": true,
            "ajaxUrl": site.base,
            "pageId": site.page_id(),
            "webPublicationDate": published.as_millisecond(),
        }),
    );
    put("pageType", json!({ "isLiveblog": true, "isFront": false }));
    put("blocks", Value::Array(blocks));
    put("keyEvents", Value::Array(key_events));
    if let Some(i) = blog.entries.iter().position(|e| e.pinned) {
        put("pinnedPost", dcr_block(snap, i));
    }
    // As the site names its next older page: the page that holds the newest entry on it.
    let (current, total) = snap.page;
    let mut pagination = json!({ "currentPage": current, "totalPages": total });
    if let (Some(older), Some(p)) = (&blog.older, pagination.as_object_mut()) {
        p.insert("older".into(), json!(older));
    }
    put("pagination", pagination);
    // The newest entry, not the pinned post above it.
    if let Some(e) = blog.entries.iter().find(|e| !e.pinned) {
        put("mostRecentBlockId", json!(format!("block-{}", e.id)));
    }
    put("linkedData", json!([json_ld(snap, site)]));
    pretty(&Value::Object(page))
}

/// Blocks the Guardian's live poll reports at most: it asks the Content API for
/// `body:around:<id>:5`, so a reader further behind learns of the five nearest its block.
const LIVE_POLL_MAX: usize = 5;

/// The answer to the page's live poll, `<page>.json?lastUpdate=block-<id>&isLivePage=true`:
/// how many entries are newer than `<id>` by time, a pinned post at its own (at most five, the
/// nearest, as the site counts), the newest of those as `mostRecentBlockId`, those entries as
/// the site renders them (an `<article>` each: a header with the permalink and its time, the
/// title, a byline per author, then the body), and the blog's key events as the site's
/// `timeline` of cards. An id the replay does not know (deleted, or never there) is answered
/// with the newest entries, so a reader polling with it reads the page and finds its feet again.
pub fn live_update(snap: &Snapshot, last_update: &str) -> String {
    let id = last_update.trim().trim_start_matches("block-");
    let entries = &snap.blog.entries;
    // Newest first by time, a pinned post at its own time: the order the poll counts in.
    let mut by_time: Vec<usize> = (0..entries.len()).collect();
    by_time.sort_by_key(|&i| std::cmp::Reverse(dates(snap, i).published.instant()));
    let newer: &[usize] = match by_time.iter().position(|&i| entries[i].id == id) {
        Some(p) => &by_time[p.saturating_sub(LIVE_POLL_MAX)..p],
        None => &by_time[..by_time.len().min(LIVE_POLL_MAX)],
    };
    let mut html = String::new();
    for &i in newer {
        live_block(&mut html, snap, i);
    }
    let mut answer = Map::new();
    answer.insert("numNewBlocks".into(), json!(newer.len()));
    answer.insert("html".into(), json!(html));
    if let Some(&i) = newer.first() {
        answer.insert(
            "mostRecentBlockId".into(),
            json!(format!("block-{}", entries[i].id)),
        );
    }
    answer.insert("timeline".into(), json!(timeline(snap)));
    pretty(&Value::Object(answer))
}

/// Entry `i` as the live poll renders it, after the site's `LiveBlockContainer`.
fn live_block(html: &mut String, snap: &Snapshot, i: usize) {
    let e = &snap.blog.entries[i];
    let published = dates(snap, i).published.instant();
    let id = escape(&e.id);
    let _ = write!(
        html,
        "<article id=\"block-{id}\" class=\"block pending\"><header><div>\
         <a href=\"?page=with:block-{id}#block-{id}\"><time dateTime=\"{}\">{}</time></a></div>",
        iso_millis(published),
        display_time(published)
    );
    if let Some(t) = &e.title {
        let _ = write!(html, "<h2>{}</h2>", escape(t));
    }
    for a in &e.authors {
        let _ = write!(html, "<div><span>{}</span></div>", escape(a));
    }
    html.push_str("</header>");
    html.push_str(&super::blocks_to_html(&e.body));
    html.push_str("</article>");
}

/// The key events among the blog's entries, newest first, as the site's key-event cards: a
/// link to the block, its time and its title (the key event's own, else the entry's).
fn timeline(snap: &Snapshot) -> String {
    let blog = &snap.blog;
    let mut out = String::from("<ul>");
    for (i, e) in blog.entries.iter().enumerate().filter(|(_, e)| e.key_event) {
        let listed = blog
            .key_events
            .iter()
            .find(|k| k.entry_id.as_deref() == Some(e.id.as_str()))
            .map(|k| k.title.as_str());
        let title = listed.or(e.title.as_deref()).unwrap_or_default();
        let published = dates(snap, i).published.instant();
        let id = escape(&e.id);
        let _ = write!(
            out,
            "<li><a href=\"?filterKeyEvents=false&amp;page=with:block-{id}#block-{id}\">\
             <div><time dateTime=\"{}\">{}</time></div><div>{}</div></a></li>",
            iso_millis(published),
            display_time(published),
            escape(title)
        );
    }
    out.push_str("</ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{as_read, json, origin, rich_blog, rich_snapshot, site};
    use super::*;
    use crate::blog::{Entry, LiveBlog};
    use crate::serve::timeline::{ReplayOptions, Timeline};
    use std::time::Duration;

    #[test]
    fn the_most_recent_block_is_the_newest_entry_not_the_pinned_post_above_it() {
        let opts = ReplayOptions {
            origin: Some(origin()),
            initial: 10,
            ..ReplayOptions::default()
        };
        let snap = Timeline::new(as_read(&rich_blog()), &opts).at(Duration::ZERO);
        assert_eq!(snap.blog.entries[0].id, "e1");
        let v = json(&guardian_page(&snap, &site()));
        assert_eq!(v["mostRecentBlockId"], "block-e3");
        assert_eq!(v["pinnedPost"]["id"], "e1");
    }

    #[test]
    fn the_live_poll_counts_entries_newer_than_the_block_named() {
        use crate::formats::guardian_poll::parse;
        let snap = rich_snapshot();
        // By time: e3, e2, e1 (the pinned post, counted at its own time), e0.
        let ask = |id: &str| parse(live_update(&snap, id).as_bytes()).unwrap();
        let e0 = ask("block-e0");
        assert_eq!((e0.new_blocks, e0.most_recent.as_deref()), (3, Some("e3")));
        assert_eq!(ask("block-e1").new_blocks, 2);
        let e3 = ask("block-e3");
        assert_eq!((e3.new_blocks, e3.most_recent), (0, None));
        // Unknown (deleted) blocks are answered with the newest, so the reader reads the page.
        assert_eq!(ask("block-gone").new_blocks, 4);
        let v = json(&live_update(&snap, "block-e2"));
        let html = v["html"].as_str().unwrap();
        assert!(html.starts_with("<article id=\"block-e3\""), "{html}");
        assert!(html.contains("<h2>Summary so far</h2>"), "{html}");
    }

    #[test]
    fn the_live_poll_s_blocks_read_back_as_the_entries_they_render() {
        use crate::formats::guardian_poll::parse;
        let snap = rich_snapshot();
        let u = parse(live_update(&snap, "block-e0").as_bytes()).unwrap();
        let read = u.complete_blocks().expect("every article reads");
        let ids: Vec<&str> = read.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["e3", "e2", "e1"]);
        for e in &read.entries {
            let i = snap.blog.position(&e.id).unwrap();
            let source = &snap.blog.entries[i];
            assert_eq!(e.title, source.title, "{}", e.id);
            assert_eq!(e.authors, source.authors, "{}", e.id);
            assert_eq!(e.key_event, source.key_event, "{}", e.id);
            assert_eq!(
                e.published.map(|p| p.instant().as_second()),
                Some(dates(&snap, i).published.instant().as_second()),
                "{}",
                e.id
            );
            assert_eq!(e.plain_text(), source.plain_text(), "{}", e.id);
        }
        // The timeline names the key events among the blog's entries.
        let v = json(&live_update(&snap, "block-e0"));
        let timeline = v["timeline"].as_str().unwrap();
        for e in snap.blog.entries.iter().filter(|e| e.key_event) {
            assert!(
                timeline.contains(&format!("#block-{}\"", e.id)),
                "{timeline}"
            );
        }
    }

    #[test]
    fn the_live_poll_reports_at_most_the_five_nearest_newer_blocks() {
        let blog = LiveBlog {
            title: "Many".into(),
            entries: (0..8)
                .rev()
                .map(|i| Entry {
                    id: format!("n{i}"),
                    body: vec![Block::text(format!("entry {i}"))],
                    ..Entry::default()
                })
                .collect(),
            ..LiveBlog::default()
        };
        let opts = ReplayOptions {
            initial: 100,
            ..ReplayOptions::default()
        };
        let snap = Timeline::new(blog, &opts).at(Duration::ZERO);
        let v = json(&live_update(&snap, "block-n0"));
        assert_eq!(v["numNewBlocks"], 5);
        assert_eq!(v["mostRecentBlockId"], "block-n5");
    }
}
