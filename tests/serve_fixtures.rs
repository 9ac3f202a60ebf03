//! Every shared fixture replayed by `liveblog serve` and read back over HTTP on 127.0.0.1 in
//! each format: the reader sees the same entries as from the file, in the same order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::LiveBlog;
use liveblog::net::{Client, FetchConfig, FetchOutcome, Validators};
use liveblog::serve::clock::ManualClock;
use liveblog::serve::{self, ServeOptions};
use std::sync::Arc;
use std::time::Duration;

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::ALL as FIXTURES;

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `blog` with each pinned post that has a time moved from the top to where its time puts it,
/// above the first entry older than it.
fn by_time(blog: &LiveBlog) -> LiveBlog {
    let mut out = blog.clone();
    let (pinned, mut rest): (Vec<_>, Vec<_>) = out.entries.drain(..).partition(|e| e.pinned);
    for p in pinned {
        // One without a time stays on top.
        let i = p.time().map_or(0, |at| {
            rest.iter()
                .position(|e| e.time().is_some_and(|t| t.instant() < at.instant()))
                .unwrap_or(rest.len())
        });
        rest.insert(i, p);
    }
    out.entries = rest;
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fixture_reads_back_the_same_in_every_served_format() {
    let dir = fixtures::dir();
    let client = Client::new(FetchConfig::default()).unwrap();
    for f in FIXTURES {
        let original: LiveBlog =
            liveblog::formats::parse(&std::fs::read(dir.join(f)).unwrap()).unwrap();
        let clock = Arc::new(ManualClock::new());
        let opts = ServeOptions {
            clock: Some(clock.clone()),
            changes: false,
            ..ServeOptions::default()
        };
        let server = serve::spawn(original.clone(), opts).await.unwrap();
        // Far enough on that every entry is out.
        clock.set(Duration::from_secs(400 * 24 * 3600));
        for format in [
            "guardian", "capi", "html", "amp", "rss", "atom", "json", "text",
        ] {
            let url = server.url(format).unwrap().parse().unwrap();
            let got = match liveblog::net::fetch_blog(&client, &url, &Validators::default()).await {
                Ok(FetchOutcome::Updated { blog, .. }) => *blog,
                other => panic!("{f} as {format}: {other:?}"),
            };
            assert_eq!(got.title, original.title, "{f} as {format}: title");
            if format == "text" {
                // The plain-text form keeps only key events' titles as titles (any other is
                // written as the entry's first line), so each entry's title and text are
                // compared together: a line inside a post that equals a key event's title (Cork
                // Beo's post linking the story its key event reports) stays in that post.
                let each = |b: &LiveBlog| -> Vec<String> {
                    b.entries
                        .iter()
                        .map(|e| {
                            words(&format!(
                                "{} {}",
                                e.title.as_deref().unwrap_or(""),
                                e.plain_text()
                            ))
                        })
                        .collect()
                };
                // Nor has it pins: a pinned post is written where its time puts it.
                assert_eq!(each(&got), each(&by_time(&original)), "{f} as text");
                continue;
            }
            assert_eq!(
                got.entries.len(),
                original.entries.len(),
                "{f} as {format}: entry count"
            );
            // The pages and the feeds mark a pinned post, so it comes back on top.
            let want = original.entries.clone();
            for (g, o) in got.entries.iter().zip(&want) {
                assert_eq!(
                    words(&g.plain_text()),
                    words(&o.plain_text()),
                    "{f} as {format}: entry {}",
                    o.id
                );
            }
        }
        server.shutdown().await.unwrap();
    }
}
