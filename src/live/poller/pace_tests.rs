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

#[test]
fn blogs_opened_together_are_first_asked_a_share_of_an_interval_apart() {
    let s = Duration::from_secs;
    let mut second = poller("http://127.0.0.1:9/b", Some(s(30)), blog_of(1));
    Refresher::stagger(&mut second, 1, 3);
    assert_eq!(first_due(second.first_delay, s(30), second.phase), s(40));
    let mut third = poller("http://127.0.0.1:9/c", Some(s(30)), blog_of(1));
    Refresher::stagger(&mut third, 2, 3);
    assert_eq!(first_due(third.first_delay, s(30), third.phase), s(50));
    // Then each keeps the interval: 0, 10 and 20 s into every 30.
    assert_eq!(first_due(None, s(30), (0, 3)), s(30));
    // A copy from an earlier sitting is still brought up to date at once.
    let mut kept =
        poller("http://127.0.0.1:9/d", Some(s(30)), blog_of(1)).first_poll_after(Duration::ZERO);
    Refresher::stagger(&mut kept, 2, 3);
    assert_eq!(
        first_due(kept.first_delay, s(30), kept.phase),
        Duration::ZERO
    );
    // Whatever it is given, never an overflow.
    assert_eq!(first_due(None, s(30), (5, 0)), s(30) + s(150));
    assert_eq!(first_due(None, Duration::MAX, (1, 2)), Duration::MAX);
}
