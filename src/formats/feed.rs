//! RSS 2.0 and Atom feeds, through feed-rs: one feed item is one entry.
//!
//! A common RSS 2.0 or Atom feed is read in one pass instead (`fast.rs`), giving the blog
//! feed-rs's reading gives; whatever that reading does not follow is left to feed-rs.
//!
//! No known publisher's feed items are live-blog entries, so the state is always `Unknown`.
//! feed-rs resolves only the five predefined XML entities and character references: a DOCTYPE's
//! own entities (billion laughs) stay unexpanded text and external entities are never fetched.
//! It gives every time in UTC; the offset each is written in is read back from the document
//! (`dates::written_offsets`), so a feed's times keep the publisher's offset as every other
//! format's do. A feed cut short (no closing root tag) is an error rather than the items
//! before the cut.

use super::flagged::Mark;
use super::html::{has_markup, plain_text};
use super::{Entries, Format, FormatError, html};
use crate::blog::merge::sort_newest_first;
use crate::blog::{Block, Embed, Entry, Image, LiveBlog, LiveState, Stamp, text_id};
use dates::Field;
use url::Url;

/// Deepest element nesting accepted; real feeds nest five or six levels. Checked before
/// feed-rs sees the document, so hostile nesting cannot exhaust the stack.
const MAX_DEPTH: usize = 256;

mod dates;
mod fast;
mod xml;

/// Reads an RSS 2.0 or Atom feed.
pub fn parse(bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    if let Ok(xml) = std::str::from_utf8(bytes) {
        parse_text(xml)
    } else {
        check_depth(bytes)?;
        check_complete(bytes)?;
        full_parse(bytes)
    }
}

/// [`parse`] for a feed already known to be UTF-8, which is not checked again.
pub fn parse_text(xml: &str) -> Result<LiveBlog, FormatError> {
    let (mut blog, entries) = read_text::<Vec<Entry>>(xml)?;
    blog.entries = entries;
    Ok(blog)
}

/// [`parse_text`] with the entries put in `E` as they are read, newest first, and the blog
/// without them.
pub(super) fn read_text<E: Entries>(xml: &str) -> Result<(LiveBlog, E), FormatError> {
    let bytes = xml.as_bytes();
    check_depth(bytes)?;
    check_complete(bytes)?;
    if let Some(read) = fast::read(xml) {
        return Ok(read);
    }
    let mut blog = full_parse(bytes)?;
    let mut entries = E::default();
    // Already in order.
    for e in std::mem::take(&mut blog.entries) {
        entries.push(e);
    }
    Ok((blog, entries))
}

/// Both readings of a feed that passed the checks: the one-pass reading (`None` where it
/// leaves the feed to feed-rs) and feed-rs's. Where the first answers they must be equal; the
/// `feed_fast` fuzz target checks.
#[doc(hidden)]
pub fn both_readings(bytes: &[u8]) -> (Option<LiveBlog>, Result<LiveBlog, FormatError>) {
    if let Err(e) = check_depth(bytes).and_then(|()| check_complete(bytes)) {
        return (None, Err(e));
    }
    let fast = std::str::from_utf8(bytes)
        .ok()
        .and_then(fast::read::<Vec<Entry>>)
        .map(|(mut blog, entries)| {
            blog.entries = entries;
            blog
        });
    (fast, full_parse(bytes))
}

/// The feed read by feed-rs, which reads every shape of RSS and Atom.
fn full_parse(bytes: &[u8]) -> Result<LiveBlog, FormatError> {
    // An empty id tells us the feed gave none; feed-rs would otherwise invent a random one,
    // and the reader keeps its place by id.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| FormatError::malformed(Format::Feed, e))?;

    // feed-rs gives every time in UTC: each is given back the offset it is written in.
    let offsets = std::str::from_utf8(bytes)
        .map(dates::written_offsets)
        .unwrap_or_default();
    let of = feed.entries.len();
    let stamp_in = |entry: Option<(usize, usize)>, field: Field, ms: i64| {
        let utc = Stamp::from_millis(ms)?;
        Some(
            offsets
                .get(entry, field, ms)
                .map_or(utc, |o| Stamp::new(utc.instant(), o)),
        )
    };
    let entries: Vec<Entry> = feed
        .entries
        .iter()
        .enumerate()
        .map(|(at, e)| entry_from(e, &|field, ms| stamp_in(Some((at, of)), field, ms)))
        .collect();
    let stamp = |field, ms| stamp_in(None, field, ms);
    Ok(blog_of(
        feed.title.as_ref().map(text_line).unwrap_or_default(),
        feed.description
            .as_ref()
            .map(|t| plain_text(&t.content))
            .unwrap_or_default(),
        page_link(
            feed.links
                .iter()
                .map(|l| (l.href.as_str(), l.rel.as_deref())),
        ),
        feed.updated
            .map(|t| (Field::Updated, t))
            .or(feed.published.map(|t| (Field::Published, t)))
            .and_then(|(field, t)| stamp(field, t.timestamp_millis())),
        entries,
    ))
}

/// The blog of a feed's parts, however they were read.
fn blog_of(
    title: String,
    standfirst: String,
    url: Option<String>,
    updated: Option<Stamp>,
    mut entries: Vec<Entry>,
) -> LiveBlog {
    // Repeated ids are made distinct by `formats::parse`, for every format.
    sort_newest_first(&mut entries);
    LiveBlog {
        poll_every: None,
        extracted: crate::blog::Extraction::Structured,
        title,
        standfirst,
        url,
        state: LiveState::Unknown,
        updated,
        entries,
        key_events: Vec::new(),
        older: None,
    }
}

/// The link to the human-readable page: the first without a `rel`, or `rel="alternate"`.
fn page_link<'l>(links: impl IntoIterator<Item = (&'l str, Option<&'l str>)>) -> Option<String> {
    links
        .into_iter()
        .find(|(_, rel)| rel.is_none_or(|r| r == "alternate"))
        .map(|(href, _)| href.trim().to_string())
        .filter(|h| !h.is_empty())
}

fn entry_from(item: &feed_rs::model::Entry, stamp: &impl Fn(Field, i64) -> Option<Stamp>) -> Entry {
    let page = || {
        page_link(
            item.links
                .iter()
                .map(|l| (l.href.as_str(), l.rel.as_deref())),
        )
    };
    // A link in the text relative to the entry's page, as feed readers read it.
    let base = page().and_then(|p| Url::parse(&p).ok());
    let mut body = match (&item.content, &item.summary) {
        (Some(c), _) if c.body.as_ref().is_some_and(|b| !b.trim().is_empty()) => {
            let text = c.body.as_deref().unwrap_or_default();
            body_blocks(text, c.content_type.as_ref(), base.as_ref())
        }
        (_, Some(s)) => body_blocks(&s.content, s.content_type.as_ref(), base.as_ref()),
        _ => Vec::new(),
    };
    body.extend(item.media.iter().flat_map(media_blocks));
    let mut entry = entry_of(
        &item.id,
        item.title.as_ref().map(text_line),
        (
            item.published
                .and_then(|t| stamp(Field::Published, t.timestamp_millis())),
            item.updated
                .and_then(|t| stamp(Field::Updated, t.timestamp_millis())),
        ),
        page,
        item.authors.iter().map(person_name).collect(),
        body,
    );
    for m in item.categories.iter().filter_map(|c| mark(&c.term)) {
        m.set(&mut entry);
    }
    entry
}

/// The flag a category (an RSS `category`'s text, an Atom `category`'s `term`) marks, when it
/// is one of the marks `liveblog serve` gives a key event, a pinned post or a summary. A
/// feed's categories are otherwise its topics, and no known publisher marks flags in a feed,
/// so only a whole term of exactly those names is taken for one.
fn mark(term: &str) -> Option<Mark> {
    Mark::named(term.trim())
}

/// An entry of its parts, however they were read:
/// `link` is asked for only when the feed gives no id, to make one.
fn entry_of(
    id: &str,
    title: Option<String>,
    (published, updated): (Option<Stamp>, Option<Stamp>),
    link: impl FnOnce() -> Option<String>,
    mut authors: Vec<String>,
    body: Vec<Block>,
) -> Entry {
    let title = title.filter(|t| !t.is_empty());
    let id = if id.trim().is_empty() {
        let basis = format!(
            "{}|{}|{}",
            link().as_deref().unwrap_or_default(),
            title.as_deref().unwrap_or_default(),
            published.map(|p| p.to_rfc3339()).unwrap_or_default()
        );
        text_id("feed-", &basis)
    } else {
        id.trim().to_string()
    };
    authors.retain(|n| !n.is_empty());
    Entry {
        id,
        title,
        published,
        updated,
        authors,
        body,
        ..Entry::default()
    }
}

/// A title as text. One declared plain text (RSS titles, Atom `type="text"`) keeps a literal
/// `<` ("x<y"), as the RSS best-practice profile asks publishers to write it; entities are
/// decoded either way.
fn text_line(t: &feed_rs::model::Text) -> String {
    line_of(
        &t.content,
        t.content_type.as_ref().starts_with("text/plain"),
    )
}

/// As [`text_line`], for a title's text and whether it is declared plain text.
fn line_of(content: &str, plain: bool) -> String {
    if plain && has_markup(content) {
        // Escaped, the `<` reads as text while the entities still decode.
        plain_text(&content.replace('<', "&lt;"))
    } else {
        plain_text(content)
    }
}

/// A person's name. RSS `<author>` is an e-mail address, by convention `desk@x.com (Ann Lee)`;
/// feed-rs keeps it as the e-mail of a person named after the element, so the name in brackets
/// is taken, else the address.
fn person_name(p: &feed_rs::model::Person) -> String {
    name_of(&p.name, p.email.as_deref())
}

/// As [`person_name`], for a person's name and e-mail address.
fn name_of(name: &str, email: Option<&str>) -> String {
    match email {
        Some(email) if name == "author" || name.trim().is_empty() => {
            let named = email
                .split_once('(')
                .and_then(|(_, rest)| rest.rsplit_once(')'))
                .map(|(name, _)| name.trim())
                .filter(|n| !n.is_empty());
            plain_text(named.unwrap_or(email))
        }
        _ => plain_text(name),
    }
}

/// HTML (the usual case, and Atom's `html`/`xhtml`) goes to the HTML converter, its links
/// relative to `base`; declared plain text becomes one paragraph per line.
fn body_blocks(text: &str, content_type: &str, base: Option<&Url>) -> Vec<Block> {
    if content_type.starts_with("text/plain") {
        // A line that is only a Facebook post's address is its embed, as in an HTML body.
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(html::text_or_post)
            .collect()
    } else {
        html::to_blocks_with_base(text, base)
    }
}

/// Enclosures and Media RSS: pictures as images, anything else as an embed to open elsewhere.
fn media_blocks(m: &feed_rs::model::MediaObject) -> Vec<Block> {
    let title = m
        .title
        .as_ref()
        .or(m.description.as_ref())
        .map(|t| plain_text(&t.content))
        .unwrap_or_default();
    let mut out: Vec<Block> = m
        .content
        .iter()
        .filter_map(|c| {
            let url = c.url.as_ref()?.to_string();
            let mime = c
                .content_type
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            Some(media_block(url, &mime, &title))
        })
        .collect();
    if out.is_empty()
        && let Some(t) = m.thumbnails.first()
    {
        out.push(Block::Image(Box::new(Image {
            url: Some(t.image.uri.clone()),
            caption: title,
            alt: String::new(),
            credit: String::new(),
        })));
    }
    out
}

/// One media file by its address and type (empty when not given).
fn media_block(url: String, mime: &str, title: &str) -> Block {
    let kind = mime.split('/').next().unwrap_or_default();
    if kind == "image" || (mime.is_empty() && looks_like_image(&url)) {
        Block::Image(Box::new(Image {
            url: Some(url),
            caption: title.to_string(),
            alt: String::new(),
            credit: String::new(),
        }))
    } else {
        Block::Embed(Box::new(Embed {
            kind: if kind.is_empty() { "media" } else { kind }.to_string(),
            title: title.to_string(),
            url: Some(url),
        }))
    }
}

fn looks_like_image(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// Refuses a document whose root element is never closed: a feed cut short in transfer. feed-rs
/// would return the items before the cut, and a blog that lost its older entries that way
/// must not replace a good copy.
fn check_complete(bytes: &[u8]) -> Result<(), FormatError> {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let mut rest: &str = &text;
    // The root is the first element after the prolog (declaration, comments, DOCTYPE).
    let root = loop {
        let Some(at) = rest.find('<') else {
            return Ok(()); // No element at all: feed-rs says what is wrong.
        };
        rest = &rest[at..];
        if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = if rest.starts_with("<!--") { "-->" } else { ">" };
            match rest.find(end) {
                Some(e) => rest = &rest[e + end.len()..],
                None => break None,
            }
        } else {
            let name: String = rest[1..]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            break Some(name).filter(|n| !n.is_empty());
        }
    };
    let Some(root) = root else {
        return Ok(());
    };
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(4096)..]);
    let closed = tail.rfind(&format!("</{root}")).is_some_and(|at| {
        let after = &tail[at + root.len() + 2..];
        after.trim_start().starts_with('>')
    });
    if closed {
        Ok(())
    } else {
        Err(FormatError::malformed(
            Format::Feed,
            format!("the document ends before </{root}>: cut short?"),
        ))
    }
}

/// Refuses element nesting deeper than [`MAX_DEPTH`]. Comments, CDATA sections, processing
/// instructions and the DOCTYPE are skipped, so markup inside them does not count.
fn check_depth(bytes: &[u8]) -> Result<(), FormatError> {
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off;
        let rest = &bytes[i..];
        let skip_to =
            |end: &[u8]| memchr::memmem::find(rest, end).map_or(bytes.len(), |p| i + p + end.len());
        if rest.starts_with(b"<!--") {
            i = skip_to(b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(b"]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_to(b"?>");
        } else if rest.starts_with(b"<!") {
            // A DOCTYPE, possibly with an internal subset in brackets.
            let subset = memchr::memchr2(b'[', b'>', rest);
            let close = if subset.is_some_and(|p| rest[p] == b'[') {
                b"]>" as &[u8]
            } else {
                b">"
            };
            i = skip_to(close);
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i += 2;
        } else {
            let end = memchr::memchr(b'>', rest);
            let self_closing = end.is_some_and(|e| e > 0 && rest[e - 1] == b'/');
            if !self_closing {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(FormatError::malformed(
                        Format::Feed,
                        format!("elements nested more than {MAX_DEPTH} deep"),
                    ));
                }
            }
            i += end.map_or(rest.len(), |e| e + 1);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Election night &amp; after</title>
    <link>https://news.example/live/election</link>
    <description>&lt;p&gt;Results as they come in&lt;/p&gt;</description>
    <lastBuildDate>Thu, 04 Jul 2024 23:30:00 +0100</lastBuildDate>
    <item>
      <title>First result</title>
      <link>https://news.example/live/election#p1</link>
      <guid isPermaLink="false">post-1</guid>
      <pubDate>Thu, 04 Jul 2024 23:00:00 +0100</pubDate>
      <dc:creator>Anna Smith</dc:creator>
      <description><![CDATA[<p>Sunderland declares first.</p><p>Turnout 52%.</p>]]></description>
    </item>
    <item>
      <title>Exit poll</title>
      <link>https://news.example/live/election#p2</link>
      <guid isPermaLink="false">post-2</guid>
      <pubDate>Thu, 04 Jul 2024 22:00:00 +0100</pubDate>
      <description>The exit poll is out.</description>
      <enclosure url="https://img.example/exit.jpg" length="1000" type="image/jpeg"/>
    </item>
    <item>
      <title>Latest</title>
      <guid isPermaLink="false">post-3</guid>
      <pubDate>Fri, 05 Jul 2024 00:15:00 +0100</pubDate>
      <content:encoded><![CDATA[<p>Counting continues.</p>]]></content:encoded>
      <media:content url="https://video.example/clip.mp4" type="video/mp4"/>
    </item>
  </channel>
</rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Storm &lt;b&gt;watch&lt;/b&gt;</title>
  <subtitle>Following the storm</subtitle>
  <link rel="self" href="https://example.org/storm.atom"/>
  <link rel="alternate" href="https://example.org/storm"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-01-02T10:30:00+01:00</updated>
  <entry>
    <title>Winds ease</title>
    <id>urn:storm:2</id>
    <updated>2024-01-02T10:30:00+01:00</updated>
    <published>2024-01-02T10:00:00+01:00</published>
    <author><name>Jo Lee</name></author>
    <author><name>Sam Roe</name></author>
    <content type="html">&lt;p&gt;The winds are easing.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>No time given</title>
    <id>urn:storm:0</id>
    <summary type="text">Line one
Line two</summary>
  </entry>
  <entry>
    <title>Storm arrives</title>
    <id>urn:storm:1</id>
    <updated>2024-01-02T08:00:00Z</updated>
    <summary>Heavy rain.</summary>
  </entry>
</feed>"#;

    fn feed(s: &str) -> LiveBlog {
        crate::formats::parse(s.as_bytes()).unwrap()
    }

    #[test]
    fn rss_channel_and_items_become_a_blog_newest_first() {
        let b = feed(RSS);
        assert_eq!(b.title, "Election night & after");
        assert_eq!(b.standfirst, "Results as they come in");
        assert_eq!(b.url.as_deref(), Some("https://news.example/live/election"));
        assert_eq!(b.state, LiveState::Unknown);
        // As the feed writes it, in its offset.
        assert_eq!(b.updated.unwrap().to_rfc3339(), "2024-07-04T23:30:00+01:00");
        let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["post-3", "post-1", "post-2"]);
        let first = &b.entries[1];
        assert_eq!(first.title.as_deref(), Some("First result"));
        assert_eq!(
            first.published.unwrap().instant(),
            Stamp::parse("2024-07-04T23:00:00+01:00").unwrap().instant()
        );
        assert_eq!(first.authors, ["Anna Smith"]);
        assert!(first.plain_text().contains("Sunderland declares first."));
        assert!(b.key_events.is_empty());
    }

    #[test]
    fn rss_enclosures_and_media_become_images_and_embeds() {
        let b = feed(RSS);
        let exit = &b.entries[2];
        assert!(exit.plain_text().starts_with("The exit poll is out."));
        assert!(exit.body.iter().any(|blk| matches!(blk,
            Block::Image(i) if i.url.as_deref() == Some("https://img.example/exit.jpg"))));
        let latest = &b.entries[0];
        assert!(latest.plain_text().contains("Counting continues."));
        assert!(latest.body.iter().any(|blk| matches!(blk,
            Block::Embed(e)
                if e.kind == "video" && e.url.as_deref() == Some("https://video.example/clip.mp4"))));
    }

    #[test]
    fn atom_feed_keeps_authors_times_and_untimed_entries_last() {
        let b = feed(ATOM);
        assert_eq!(b.title, "Storm watch");
        assert_eq!(b.standfirst, "Following the storm");
        assert_eq!(b.url.as_deref(), Some("https://example.org/storm"));
        let ids: Vec<&str> = b.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["urn:storm:2", "urn:storm:1", "urn:storm:0"]);
        let eased = &b.entries[0];
        assert_eq!(eased.authors, ["Jo Lee", "Sam Roe"]);
        assert_eq!(
            eased.published.unwrap().to_rfc3339(),
            "2024-01-02T10:00:00+01:00"
        );
        assert_eq!(
            eased.updated.unwrap().to_rfc3339(),
            "2024-01-02T10:30:00+01:00"
        );
        assert!(eased.plain_text().contains("The winds are easing."));
        let arrives = &b.entries[1];
        assert_eq!(arrives.published, None);
        assert_eq!(arrives.time().unwrap().to_rfc3339(), "2024-01-02T08:00:00Z");
        assert_eq!(
            b.entries[2].body,
            vec![Block::text("Line one"), Block::text("Line two")]
        );
    }

    /// A plain-text body's line that is only a Facebook post's address is read as an HTML
    /// body's paragraph is: as the post's embed. Both readings of the feed agree.
    #[test]
    fn a_facebook_address_alone_on_a_line_of_a_plain_text_body_is_its_embed() {
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\
            <entry><id>a</id><updated>2024-01-02T08:00:00Z</updated><content type=\"text\">\
            Watch:\nhttps://www.facebook.com/bbcnews/videos/123/\n\
            See https://www.facebook.com/bbcnews/posts/9 too</content></entry></feed>";
        let body = &feed(atom).entries[0].body;
        let Block::Embed(e) = &body[1] else {
            panic!("{body:?}")
        };
        assert_eq!(
            (e.kind.as_str(), e.url.as_deref()),
            (
                "Facebook video",
                Some("https://www.facebook.com/bbcnews/videos/123/")
            )
        );
        assert_eq!(body[0], Block::text("Watch:"));
        assert_eq!(
            body[2],
            Block::text("See https://www.facebook.com/bbcnews/posts/9 too")
        );
        let (fast, full) = both_readings(atom.as_bytes());
        assert_eq!(full.unwrap().entries[0].body, *body);
        if let Some(fast) = fast {
            assert_eq!(fast.entries[0].body, *body);
        }
    }

    /// Two desks may write one instant in two offsets; feed-rs gives both in UTC, and each
    /// entry must get back its own offset, not the first one the feed wrote that instant in.
    #[test]
    fn each_entry_keeps_its_own_offset_for_an_instant_another_wrote_otherwise() {
        let rss = r#"<rss version="2.0"><channel><title>T</title>
            <lastBuildDate>Thu, 04 Jul 2024 22:00:00 GMT</lastBuildDate>
            <item><guid>a</guid><pubDate>Thu, 04 Jul 2024 23:00:00 +0100</pubDate></item>
            <item><guid>b</guid><pubDate>Thu, 04 Jul 2024 22:00:00 GMT</pubDate></item>
            <item><guid>c</guid><pubDate>Thu, 04 Jul 2024 18:00:00 -0400</pubDate></item>
            </channel></rss>"#;
        let b = full_parse(rss.as_bytes()).unwrap();
        let times: Vec<(&str, String)> = b
            .entries
            .iter()
            .map(|e| (e.id.as_str(), e.published.unwrap().to_rfc3339()))
            .collect();
        let by_id = |id: &str| times.iter().find(|(i, _)| *i == id).unwrap().1.clone();
        assert_eq!(by_id("a"), "2024-07-04T23:00:00+01:00");
        assert_eq!(by_id("b"), "2024-07-04T22:00:00Z");
        assert_eq!(by_id("c"), "2024-07-04T18:00:00-04:00");
        assert_eq!(b.updated.unwrap().to_rfc3339(), "2024-07-04T22:00:00Z");
    }

    #[test]
    fn a_plain_text_title_keeps_a_literal_less_than() {
        let rss = r#"<rss version="2.0"><channel><title>Why x&lt;y matters</title>
            <item><guid>1</guid><title>a &lt;b&gt; c &amp;amp; d</title></item></channel></rss>"#;
        let b = feed(rss);
        assert_eq!(b.title, "Why x<y matters");
        assert_eq!(b.entries[0].title.as_deref(), Some("a <b> c & d"));
    }

    #[test]
    fn items_without_a_guid_get_the_same_id_on_every_read() {
        let rss = r#"<rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>https://x/a</link></item>
            <item><title>B</title></item><item><title>B</title></item></channel></rss>"#;
        let one = feed(rss);
        let two = feed(rss);
        let ids: Vec<&str> = one.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            two.entries
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
        );
        assert!(ids.iter().all(|i| i.starts_with("feed-")));
        assert_eq!(ids[2], format!("{}-2", ids[1]));
    }

    #[test]
    fn billion_laughs_entities_are_never_expanded() {
        let mut doc =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        for i in 1..=9 {
            let prev = if i == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", i - 1)
            };
            let body = format!("&{prev};").repeat(10);
            doc.push_str("<!ENTITY lol");
            doc.push_str(&i.to_string());
            doc.push_str(" \"");
            doc.push_str(&body);
            doc.push_str("\">\n");
        }
        doc.push_str(
            "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>\
            <item><title>x</title><description>&lol9;</description></item></channel></rss>",
        );
        match parse(doc.as_bytes()) {
            Ok(b) => {
                assert_eq!(b.title, "&lol9;");
                assert!(b.title.len() < 100, "{}", b.title.len());
                let text: String = b.entries.iter().map(Entry::plain_text).collect();
                assert!(text.len() < 100, "{}", text.len());
            }
            Err(e) => assert!(matches!(e, FormatError::Malformed { .. }), "{e}"),
        }
    }

    #[test]
    fn external_entities_are_never_resolved() {
        let doc = r#"<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title>
<item><title>i</title><description>&xxe;</description></item></channel></rss>"#;
        if let Ok(b) = parse(doc.as_bytes()) {
            assert_eq!(b.title, "&xxe;");
            assert!(b.entries.iter().all(|e| !e.plain_text().contains("root:")));
        }
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let doc = format!(
            "<rss version=\"2.0\"><channel><title>T</title><item>{}</item></channel></rss>",
            "<x>".repeat(100_000)
        );
        assert!(matches!(
            parse(doc.as_bytes()),
            Err(FormatError::Malformed { .. })
        ));
        assert!(check_depth(RSS.as_bytes()).is_ok());
        assert!(check_depth(b"<a><!-- <b><b><b> --><![CDATA[<c><c>]]><d/></a>").is_ok());
    }

    #[test]
    fn a_feed_cut_anywhere_is_an_error_not_a_partial_blog() {
        let whole = RSS.as_bytes();
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..100 {
            let cut = rng.usize(..whole.len());
            // Cutting inside a multi-byte character is a different fault (not UTF-8).
            let Ok(text) = std::str::from_utf8(&whole[..cut]) else {
                continue;
            };
            assert!(
                crate::formats::parse(text.as_bytes()).is_err(),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn garbage_is_malformed() {
        assert!(matches!(
            parse(b"<rss><channel><title>x</titl"),
            Err(FormatError::Malformed { .. }) | Ok(_)
        ));
        assert!(matches!(
            parse(b"<html>not a feed</html>"),
            Err(FormatError::Malformed { .. })
        ));
    }
}
