//! A Guardian Content API item response.

use super::{
    Site, block_to_html, blocks_to_html, blog_modified, blog_published, camel, dates,
    element_groups, element_type, escape, iso_utc, live, pretty, standfirst_html, tweet_html,
};
use crate::blog::{Block, Embed};
use crate::serve::timeline::Snapshot;
use serde_json::{Map, Value, json};

/// Which body blocks a Content API request asked for (`show-blocks`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum BlockSubset {
    All,
    Latest(usize),
    Oldest(usize),
    PublishedSince(i64),
    KeyEvents,
    Summary,
    Pinned,
    Around(String, usize),
    One(String),
}

/// Reads `show-blocks`: `all`, `body`, `main` mean every block; `body:latest[:n]`,
/// `body:oldest[:n]`, `body:published-since:<ms>`, `body:key-events`, `body:summary`,
/// `body:pinned`, `body:around:<id>[:n]` and `body:<id>` pick subsets; anything else is ignored.
fn parse_show_blocks(spec: &str) -> Vec<(String, BlockSubset)> {
    let mut out = Vec::new();
    for raw in spec
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take(20)
    {
        let parts: Vec<&str> = raw.split(':').collect();
        let count = |p: Option<&&str>| p.map_or(Some(20), |n| n.parse::<usize>().ok());
        let subset = match parts.as_slice() {
            ["all" | "body" | "main"] => Some(BlockSubset::All),
            ["body", "latest", rest @ ..] if rest.len() <= 1 => {
                count(rest.first()).map(BlockSubset::Latest)
            }
            ["body", "oldest", rest @ ..] if rest.len() <= 1 => {
                count(rest.first()).map(BlockSubset::Oldest)
            }
            ["body", "published-since", ms] => ms.parse().ok().map(BlockSubset::PublishedSince),
            ["body", "key-events"] => Some(BlockSubset::KeyEvents),
            ["body", "summary"] => Some(BlockSubset::Summary),
            ["body", "pinned"] => Some(BlockSubset::Pinned),
            ["body", "around", id, rest @ ..] if rest.len() <= 1 => {
                count(rest.first()).map(|n| BlockSubset::Around((*id).to_string(), n))
            }
            ["body", id] => Some(BlockSubset::One((*id).to_string())),
            _ => None,
        };
        if let Some(s) = subset {
            out.push((raw.to_string(), s));
        }
    }
    out
}

fn subset_indices(snap: &Snapshot, subset: &BlockSubset) -> Vec<usize> {
    let entries = &snap.blog.entries;
    let all = 0..entries.len();
    match subset {
        BlockSubset::All => all.collect(),
        BlockSubset::Latest(n) => all.take(*n).collect(),
        BlockSubset::Oldest(n) => {
            let skip = entries.len().saturating_sub(*n);
            all.skip(skip).collect()
        }
        BlockSubset::PublishedSince(ms) => all
            .filter(|&i| dates(snap, i).updated.as_millis() >= *ms)
            .collect(),
        BlockSubset::KeyEvents => all.filter(|&i| entries[i].key_event).collect(),
        BlockSubset::Summary => all.filter(|&i| entries[i].summary).collect(),
        BlockSubset::Pinned => all.filter(|&i| entries[i].pinned).collect(),
        BlockSubset::Around(id, n) => match snap.blog.position(id) {
            Some(at) => {
                (at.saturating_sub(*n)..=at.saturating_add(*n).min(entries.len() - 1)).collect()
            }
            None => Vec::new(),
        },
        BlockSubset::One(id) => all.filter(|&i| entries[i].id == *id).collect(),
    }
}

/// One element of a block: `group` is one block, or a list with the lists nested in it (see
/// [`element_groups`]), written as one text element.
fn capi_element(group: &[Block]) -> Value {
    let [b] = group else {
        return json!({
            "assets": [],
            "textTypeData": { "html": blocks_to_html(group) },
            "type": "text",
        });
    };
    match b {
        Block::Image(image) => json!({
            "assets": image.url.iter().map(|u| json!({
                "type": "image", "mimeType": "image/jpeg", "file": u, "typeData": {}
            })).collect::<Vec<_>>(),
            "imageTypeData": {
                "caption": image.caption, "credit": image.credit, "alt": image.alt,
                "displayCredit": !image.credit.is_empty()
            },
            "type": "image",
        }),
        Block::Embed(embed) => {
            let Embed { kind, title, url } = &**embed;
            let ty = element_type(kind);
            // `tweetTypeData`, `richLinkTypeData`…
            let data_key = format!("{}TypeData", camel(&ty, false));
            let mut data = Map::new();
            if let Some(u) = url {
                data.insert("url".into(), json!(u));
            }
            // Titles are read as HTML, so escaped; a tweet has only its rendered HTML.
            match ty.as_str() {
                "tweet" => {
                    data.insert("html".into(), json!(tweet_html(title)));
                    data.insert("source".into(), json!("Twitter"));
                }
                "rich-link" => {
                    data.insert("linkText".into(), json!(escape(title)));
                }
                _ => {
                    data.insert("title".into(), json!(escape(title)));
                }
            }
            let mut el = Map::new();
            el.insert("assets".into(), json!([]));
            el.insert(data_key, Value::Object(data));
            el.insert("type".into(), json!(ty));
            Value::Object(el)
        }
        _ => json!({
            "assets": [],
            "textTypeData": { "html": block_to_html(b) },
            "type": "text",
        }),
    }
}

fn capi_block(snap: &Snapshot, i: usize) -> Value {
    let e = &snap.blog.entries[i];
    let d = dates(snap, i);
    let mut attributes = Map::new();
    if e.key_event {
        attributes.insert("keyEvent".into(), json!(true));
        if let Some(t) = &e.title {
            attributes.insert("title".into(), json!(t));
        }
    }
    if e.summary {
        attributes.insert("summary".into(), json!(true));
    }
    if e.pinned {
        attributes.insert("pinned".into(), json!(true));
    }
    let mut b = Map::new();
    b.insert("id".into(), json!(e.id));
    b.insert("bodyHtml".into(), json!(blocks_to_html(&e.body)));
    b.insert("bodyTextSummary".into(), json!(e.plain_text()));
    if let Some(t) = &e.title {
        b.insert("title".into(), json!(t));
    }
    b.insert("attributes".into(), Value::Object(attributes));
    b.insert("published".into(), json!(true));
    let first = iso_utc(d.published.instant());
    let last = iso_utc(d.updated.instant());
    b.insert("createdDate".into(), json!(first));
    b.insert("firstPublishedDate".into(), json!(first));
    b.insert("publishedDate".into(), json!(last));
    b.insert("lastModifiedDate".into(), json!(last));
    b.insert("contributors".into(), json!(e.authors));
    b.insert(
        "elements".into(),
        Value::Array(
            element_groups(&e.body)
                .into_iter()
                .map(capi_element)
                .collect(),
        ),
    );
    Value::Object(b)
}

/// A Content API item response. `show_blocks` is the request's parameter: subsets go to
/// `requestedBodyBlocks` under the exact requested string, as the API does, and `body` holds
/// their union (every block when none is asked for), newest first, so a reader that only
/// knows `body` still finds them.
pub fn capi_item(snap: &Snapshot, site: &Site, show_blocks: Option<&str>) -> String {
    let blog = &snap.blog;
    let subsets = parse_show_blocks(show_blocks.unwrap_or("all"));
    let mut requested = Map::new();
    let mut union: Vec<usize> = Vec::new();
    if subsets.is_empty() || subsets.iter().any(|(_, s)| *s == BlockSubset::All) {
        union = (0..blog.entries.len()).collect();
    }
    for (key, s) in &subsets {
        if *s == BlockSubset::All {
            continue;
        }
        let idx = subset_indices(snap, s);
        requested.insert(
            key.clone(),
            Value::Array(idx.iter().map(|&i| capi_block(snap, i)).collect()),
        );
        union.extend(idx);
    }
    union.sort_unstable();
    union.dedup();
    let mut blocks = Map::new();
    blocks.insert(
        "body".into(),
        Value::Array(union.iter().map(|&i| capi_block(snap, i)).collect()),
    );
    blocks.insert("totalBodyBlocks".into(), json!(blog.entries.len()));
    if !requested.is_empty() {
        blocks.insert("requestedBodyBlocks".into(), Value::Object(requested));
    }
    let section = site.page_id().split('/').next().unwrap_or("world");
    let modified = blog_modified(snap);
    let doc = json!({
        "response": {
            "status": "ok",
            "userTier": "developer",
            "total": 1,
            "content": {
                "id": site.page_id(),
                "type": "liveblog",
                "sectionId": section,
                "webTitle": blog.title,
                "webPublicationDate": iso_utc(blog_published(snap)),
                "webUrl": site.page_url(),
                "apiUrl": format!("{}/capi/{}", site.base, site.page_id()),
                "fields": {
                    "headline": blog.title,
                    "standfirst": standfirst_html(snap),
                    "liveBloggingNow": live(snap),
                    "lastModified": iso_utc(modified),
                },
                "tags": [],
                "isHosted": false,
                "blocks": Value::Object(blocks),
            }
        }
    });
    pretty(&doc)
}
