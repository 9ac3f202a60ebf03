//! The interval a poller keeps: the reader's, the source's own, or the pace that follows the blog.

use super::*;
use crate::blog::Entry;
use crate::net::{Client, FetchConfig};

fn poller(endpoint: &str, interval: Option<Duration>, blog: LiveBlog) -> Poller {
    let client = Client::new(FetchConfig::default()).unwrap();
    let endpoint = Endpoint::Direct(url::Url::parse(endpoint).unwrap());
    Poller::new(client, endpoint, interval, blog, Validators::default())
}

fn paces(rx: &mut mpsc::UnboundedReceiver<Event>) -> Vec<u64> {
    let mut out = Vec::new();
    while let Ok(e) = rx.try_recv() {
        if let Event::Pace { every } = e {
            out.push(every.as_secs());
        }
    }
    out
}

fn blog_of(n: usize) -> LiveBlog {
    LiveBlog {
        entries: (0..n)
            .map(|i| Entry {
                id: format!("e{i}"),
                ..Entry::default()
            })
            .collect(),
        ..LiveBlog::default()
    }
}

#[test]
fn a_blog_that_says_nothing_is_polled_faster_in_a_burst_and_slower_when_quiet() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut p = poller("https://example.com/live", None, blog_of(3));
    p.settle_interval(None, &tx);
    assert_eq!(paces(&mut rx), [30], "the default at the start");
    p.settle_interval(Some(2), &tx);
    assert_eq!(paces(&mut rx), [15], "new entries: a burst");
    for _ in 0..6 {
        p.settle_interval(Some(0), &tx);
    }
    assert_eq!(paces(&mut rx), [30, 60], "quiet: the default, then slower");
}

#[test]
fn the_readers_interval_and_the_sources_own_win_over_the_pace() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut given = poller(
        "https://example.com/live",
        Some(Duration::from_secs(45)),
        blog_of(3),
    );
    given.settle_interval(None, &tx);
    given.settle_interval(Some(5), &tx);
    assert_eq!(
        paces(&mut rx),
        [45],
        "the reader's interval, whatever comes"
    );
    let mut amp = blog_of(3);
    amp.poll_every = Some(Duration::from_secs(20));
    let mut p = poller("https://example.com/amp", None, amp);
    p.settle_interval(None, &tx);
    p.settle_interval(Some(5), &tx);
    assert_eq!(paces(&mut rx), [20], "the AMP list's own interval");
    let mut guardian =
        poller("https://example.com/x.json", None, blog_of(3)).reading(Format::GuardianPage);
    guardian.settle_interval(None, &tx);
    assert_eq!(paces(&mut rx), [10], "the Guardian page's own live poll");
}
