//! One document of each format read back, compared with the blog it was written from.

use super::*;

/// Block by block, styles, links and image sources included: what every format here carries.
fn assert_same_bodies(got: &LiveBlog, want: &LiveBlog) {
    let want = as_read(want);
    for (g, w) in got.entries.iter().zip(&want.entries) {
        assert_eq!(g.body, w.body, "body of {}", w.id);
    }
}

/// Every format that dates entries gives an entry without an update time its first-published
/// time as the last update (Guardian blocks and JSON-LD updates always carry both).
fn assert_same_updates(got: &LiveBlog, want: &LiveBlog) {
    let want = as_read(want);
    for (g, w) in got.entries.iter().zip(&want.entries) {
        assert_eq!(
            g.updated.map(|t| t.instant()),
            w.updated.or(w.published).map(|t| t.instant()),
            "updated of {}",
            w.id
        );
    }
}

fn assert_same_flags(got: &LiveBlog, want: &LiveBlog) {
    let want = as_read(want);
    for (g, w) in got.entries.iter().zip(&want.entries) {
        assert_eq!(
            (g.key_event, g.pinned, g.summary),
            (w.key_event, w.pinned, w.summary),
            "flags of {}",
            w.id
        );
    }
}

#[test]
fn guardian_page_round_trips() {
    let snap = rich_snapshot();
    let back = formats::parse(guardian_page(&snap, &site()).as_bytes()).unwrap();
    assert_eq!(back.title, snap.blog.title);
    assert_eq!(back.standfirst, snap.blog.standfirst);
    assert_eq!(back.url.as_deref(), Some(site().page_url().as_str()));
    assert_same_entries(&back, &snap.blog, true);
    assert_same_bodies(&back, &snap.blog);
    assert_same_updates(&back, &snap.blog);
    assert_same_flags(&back, &snap.blog);
    assert_eq!(back.state, LiveState::Live);
    // The page lists summaries among its key events, after those the blog names.
    let key: Vec<(&str, Option<&str>)> = back
        .key_events
        .iter()
        .map(|k| (k.title.as_str(), k.entry_id.as_deref()))
        .collect();
    assert_eq!(key[0], ("Key moment", Some("e2")));
    assert_eq!(key[1].0, "Earlier, not loaded");
    assert_eq!(key[2], ("Summary so far", Some("e3")));
}

#[test]
fn capi_item_round_trips() {
    let snap = rich_snapshot();
    let back = formats::parse(capi_item(&snap, &site(), None).as_bytes()).unwrap();
    assert_eq!(back.title, snap.blog.title);
    assert_eq!(back.standfirst, snap.blog.standfirst);
    assert_same_entries(&back, &snap.blog, true);
    assert_same_bodies(&back, &snap.blog);
    assert_same_updates(&back, &snap.blog);
    assert_same_flags(&back, &snap.blog);
    assert_eq!(back.state, LiveState::Live);
}

#[test]
fn capi_typed_elements_round_trip_without_the_body_html() {
    // A reader falls back to the typed elements when `bodyHtml` is empty: they must carry
    // the same blocks.
    let snap = rich_snapshot();
    let mut v = json(&capi_item(&snap, &site(), None));
    for b in v["response"]["content"]["blocks"]["body"]
        .as_array_mut()
        .unwrap()
    {
        b["bodyHtml"] = json!("");
    }
    let back = formats::parse(v.to_string().as_bytes()).unwrap();
    assert_same_entries(&back, &snap.blog, true);
    assert_same_bodies(&back, &snap.blog);
}

#[test]
fn html_page_round_trips() {
    let snap = rich_snapshot();
    let back = formats::parse(html_page(&snap, &site()).as_bytes()).unwrap();
    assert_eq!(back.title, snap.blog.title);
    assert_eq!(back.standfirst, snap.blog.standfirst);
    assert_eq!(back.state, LiveState::Live);
    // schema.org has no key-event, pinned or summary flag: the flags are read from the posts
    // the page shows (`class="key-event"`, `pinned`, `summary`).
    assert_same_entries(&back, &snap.blog, true);
    assert_same_bodies(&back, &snap.blog);
    assert_same_updates(&back, &snap.blog);
    assert_same_flags(&back, &snap.blog);
    let key_ids = |b: &LiveBlog| {
        let mut ids: Vec<_> = b
            .entries
            .iter()
            .filter(|e| e.key_event || e.summary)
            .map(|e| e.id.clone())
            .collect();
        ids.sort();
        ids
    };
    // The page lists its summaries among its key events, as the Guardian's pages do.
    let mut listed: Vec<_> = back
        .key_events
        .iter()
        .filter_map(|k| k.entry_id.clone())
        .collect();
    listed.sort();
    assert_eq!(listed, key_ids(&snap.blog));
}

#[test]
fn rss_round_trips() {
    let snap = rich_snapshot();
    let back = formats::parse(rss(&snap, &site()).as_bytes()).unwrap();
    assert_eq!(back.title, snap.blog.title);
    assert_eq!(back.standfirst, snap.blog.standfirst);
    // RSS has no flags: the replay's categories (`key-event`, `pinned`, `summary`) are read
    // as them. It has no per-item update time; everything else an entry has is compared.
    assert_same_entries(&back, &snap.blog, true);
    assert_same_bodies(&back, &snap.blog);
    assert_same_flags(&back, &snap.blog);
}

#[test]
fn atom_round_trips() {
    let snap = rich_snapshot();
    let back = formats::parse(atom(&snap, &site()).as_bytes()).unwrap();
    assert_eq!(back.title, snap.blog.title);
    assert_eq!(back.standfirst, snap.blog.standfirst);
    // Flags are category terms, as in RSS; Atom also carries each entry's update time.
    assert_same_entries(&back, &snap.blog, true);
    assert_same_bodies(&back, &snap.blog);
    assert_same_updates(&back, &snap.blog);
    assert_same_flags(&back, &snap.blog);
}

#[test]
fn embeds_of_every_kind_round_trip_in_each_format_that_carries_bodies() {
    let embed = |kind: &str, url: Option<&str>| {
        Block::Embed(Box::new(Embed {
            kind: kind.into(),
            title: format!("{kind} <x> & \"y\""),
            url: url.map(Into::into),
        }))
    };
    // A tweet's lines are lines of its title, and come back so.
    let mut tweet = embed("Tweet", Some("https://twitter.com/a/status/1"));
    if let Block::Embed(e) = &mut tweet {
        e.title.push_str("\n— A (@a) 17 February 2025");
    }
    let body = vec![
        tweet,
        embed("Link", Some("https://www.theguardian.com/x")),
        embed("Video", Some("https://www.youtube.com/watch?v=a")),
        embed("Interactive", Some("https://interactive.example/a")),
        embed("Callout v2", None),
        embed("Embed", None),
    ];
    let blog = LiveBlog {
        title: "Embeds".into(),
        entries: vec![Entry {
            id: "e0".into(),
            published: Stamp::parse("2025-02-17T13:00:00Z"),
            body,
            ..Entry::default()
        }],
        ..LiveBlog::default()
    };
    let snap = Timeline::new(blog, &ReplayOptions::default()).at(Duration::ZERO);
    let s = site();
    let mut capi = json(&capi_item(&snap, &s, None));
    capi["response"]["content"]["blocks"]["body"][0]["bodyHtml"] = json!("");
    for (name, doc) in [
        ("page JSON", guardian_page(&snap, &s)),
        ("Content API", capi_item(&snap, &s, None)),
        ("Content API elements", capi.to_string()),
        ("HTML", html_page(&snap, &s)),
        ("RSS", rss(&snap, &s)),
    ] {
        let back = formats::parse(doc.as_bytes()).unwrap();
        assert_eq!(back.entries[0].body, snap.blog.entries[0].body, "{name}");
    }
}

/// A Facebook post or video is written in the plain-text form as its address alone on a
/// line, and such a line reads back as the embed, as a paragraph of an HTML body does.
#[test]
fn a_facebook_post_round_trips_through_the_text_form() {
    let post = Block::Embed(Box::new(Embed {
        kind: "Facebook video".into(),
        title: String::new(),
        url: Some("https://www.facebook.com/bbcnews/videos/123/".into()),
    }));
    let body = vec![Block::text("Watch:"), post, Block::text("More soon.")];
    let blog = LiveBlog {
        title: "Facebook".into(),
        entries: vec![Entry {
            id: "e0".into(),
            body: body.clone(),
            ..Entry::default()
        }],
        ..LiveBlog::default()
    };
    let snap = Timeline::new(blog, &ReplayOptions::default()).at(Duration::ZERO);
    let written = text(&snap);
    assert!(
        written.contains("\nhttps://www.facebook.com/bbcnews/videos/123/\n"),
        "{written}"
    );
    let back = formats::parse(written.as_bytes()).unwrap();
    assert_eq!(back.entries[0].body, body);
}
