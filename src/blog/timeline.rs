//! Several blogs of one event as one timeline: whose entry is whose, and in what order they
//! interleave. No I/O; the reader's merged view, `follow` and `dump` all order entries here.
//!
//! **Ids are per blog.** Two blogs may both have an entry `"1"`; in a timeline an entry is
//! named by its blog's index and its own id ([`ns_id`]), so they can never be mixed up.
//!
//! **Order.** Newest first by time. An entry without a time (the plain-text form) takes the
//! time of the nearest entry above it in its own blog (newer), else of the nearest one below;
//! so it keeps its blog's order and sits where its neighbours' times put it. A blog with no
//! times at all uses the time its entries were first seen (for a blog read once, when it was
//! read): what arrives later sits higher. Ties keep each blog's own order, and between blogs
//! the order in which they were named. A pinned post of a blog still live is on top, above
//! every blog's newest entry, as each blog shows it on top of its first page (its time does
//! not move the entries around it). Once its blog has ended it sits at its time: an ended
//! blog's last word is no longer what the event's newest news is read below.

use super::{Entry, LiveBlog, LiveState};

/// Whether `e` of `blog` sits on top of a timeline of several blogs ([`sort_keys`]).
pub fn pinned_on_top(blog: &LiveBlog, e: &Entry) -> bool {
    e.pinned && blog.state != LiveState::Ended
}

/// The name of entry `id` of blog `source` in a timeline.
pub fn ns_id(source: usize, id: &str) -> String {
    format!("{source}:{id}")
}

/// The blog index and the blog's own id of a timeline id; `None` for an id [`ns_id`] did not
/// make. Blog ids may contain `:`; the index never does, so the first one splits.
pub fn split_id(id: &str) -> Option<(usize, &str)> {
    let (k, rest) = id.split_once(':')?;
    if k.is_empty() || !k.bytes().all(|b| b.is_ascii_digit()) || k.len() > 6 {
        return None;
    }
    Some((k.parse().ok()?, rest))
}

/// The sort key of each entry of `blog` (seconds since the epoch), in the blog's order; see
/// the module's note on order. `first_seen` gives, for an id, when it was first seen, and
/// `default` is used for entries seen for the first time now.
pub fn sort_keys(
    blog: &LiveBlog,
    first_seen: impl Fn(&str) -> Option<i64>,
    default: i64,
) -> Vec<i64> {
    let own: Vec<Option<i64>> = blog
        .entries
        .iter()
        .map(|e| {
            e.time()
                .filter(|_| !pinned_on_top(blog, e))
                .map(|t| t.instant().as_second())
        })
        .collect();
    neighbours_times(&own)
        .iter()
        .zip(&blog.entries)
        .map(|(k, e)| {
            if pinned_on_top(blog, e) {
                PINNED
            } else {
                k.unwrap_or_else(|| first_seen(&e.id).unwrap_or(default))
            }
        })
        .collect()
}

/// Each of `own` (times in a blog's order, newest first), or where it has none, the time of the
/// nearest timed one above it (newer), else of the nearest below; `None` when none has a time.
fn neighbours_times(own: &[Option<i64>]) -> Vec<Option<i64>> {
    let mut keys: Vec<Option<i64>> = own.to_vec();
    // The nearest timed entry above (newer) first…
    let mut above = None;
    for k in &mut keys {
        match k {
            Some(t) => above = Some(*t),
            None => *k = above,
        }
    }
    // …else the nearest below.
    let mut below = None;
    for (k, o) in keys.iter_mut().zip(own).rev() {
        match o {
            Some(t) => below = Some(*t),
            None if k.is_none() => *k = below,
            None => {}
        }
    }
    keys
}

/// Several blogs' key events as one list, newest first, as the timeline orders entries: each
/// by its time (`times[blog][i]`, its own or its entry's), one without beside its neighbours in
/// its blog, a blog with none at `default`. The slots name each key event by blog and place.
pub fn key_event_order(times: &[Vec<Option<i64>>], default: i64) -> Vec<Slot> {
    let keys: Vec<Vec<i64>> = times
        .iter()
        .map(|own| {
            neighbours_times(own)
                .into_iter()
                .map(|t| t.unwrap_or(default))
                .collect()
        })
        .collect();
    order(&keys)
}

/// The key of a pinned post: above every time.
const PINNED: i64 = i64::MAX;

/// Where an entry sits in a timeline: by key (newer first), then by blog, then by its place in
/// its blog. Ordered so that ascending `Slot`s are the timeline from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    /// The key, negated so that ascending order is newest first.
    neg_key: i64,
    pub source: usize,
    pub pos: usize,
}

impl Slot {
    pub fn new(key: i64, source: usize, pos: usize) -> Self {
        Self {
            neg_key: key.saturating_neg(),
            source,
            pos,
        }
    }

    /// The sort key (seconds since the epoch).
    pub fn key(&self) -> i64 {
        self.neg_key.saturating_neg()
    }
}

/// The slots of one blog, in its order, from its keys.
pub fn slots(source: usize, keys: &[i64]) -> Vec<Slot> {
    keys.iter()
        .enumerate()
        .map(|(pos, &k)| Slot::new(k, source, pos))
        .collect()
}

/// Every blog's entries interleaved: `(blog index, position in that blog)` from the top.
/// `keys[i]` are blog `i`'s [`sort_keys`].
pub fn order(keys: &[Vec<i64>]) -> Vec<Slot> {
    let mut all: Vec<Slot> = keys
        .iter()
        .enumerate()
        .flat_map(|(s, k)| slots(s, k))
        .collect();
    // A blog's own keys may not be sorted (a pinned entry on top, an edited time): the order
    // between blogs is by key, and within a blog by its own order where keys tie.
    all.sort_unstable();
    all
}

/// Two runs of slots, each in timeline order, as one (linear: the merge step of a merge
/// sort). Used to splice one blog's fresh entries into the others' without sorting them all.
pub fn merge_sorted(a: Vec<Slot>, b: Vec<Slot>) -> Vec<Slot> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x <= y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        out.extend(if take_a { a.next() } else { b.next() });
    }
    out
}

/// Every blog's entries as one list, newest first, each with its blog's index. For `dump` and
/// the first view; blogs read once use `default` (when they were read) for timeless entries.
pub fn interleave<'a>(blogs: &[&'a LiveBlog], default: i64) -> Vec<(usize, &'a Entry)> {
    let keys: Vec<Vec<i64>> = blogs
        .iter()
        .map(|b| sort_keys(b, |_| None, default))
        .collect();
    order(&keys)
        .into_iter()
        .map(|s| (s.source, &blogs[s.source].entries[s.pos]))
        .collect()
}

/// A short name for a blog named by `source` (a URL or a path): the publisher for sites
/// people follow events on, else the host without `www.`, else the file's name without its
/// extension. Sanitised and whole, as the JSON forms say it: [`labels`] cut it for the screen
/// and the text forms.
pub fn short_name(source: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("theguardian.com", "Guardian"),
        ("guardian.co.uk", "Guardian"),
        ("bbc.co.uk", "BBC"),
        ("bbc.com", "BBC"),
        ("nytimes.com", "NYT"),
        ("washingtonpost.com", "WaPo"),
        ("reuters.com", "Reuters"),
        ("apnews.com", "AP"),
        ("aljazeera.com", "Al Jazeera"),
        ("cnn.com", "CNN"),
        ("skynews.com", "Sky News"),
        ("news.sky.com", "Sky News"),
        ("lemonde.fr", "Le Monde"),
        ("spiegel.de", "Spiegel"),
        ("independent.co.uk", "Independent"),
        ("telegraph.co.uk", "Telegraph"),
        ("ft.com", "FT"),
        ("politico.eu", "Politico"),
        ("politico.com", "Politico"),
        ("abc.net.au", "ABC"),
        ("cbc.ca", "CBC"),
    ];
    let name = match url::Url::parse(source) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => {
            let host = u.host_str().unwrap_or_default().to_ascii_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
            KNOWN
                .iter()
                .find(|(h, _)| host == *h || host.ends_with(&format!(".{h}")))
                .map_or_else(
                    || {
                        // A loopback replay is told apart by its port.
                        match (u.host_str(), u.port()) {
                            (Some("127.0.0.1" | "localhost" | "[::1]"), Some(p)) => {
                                format!("{host}:{p}")
                            }
                            _ => host.clone(),
                        }
                    },
                    |(_, n)| (*n).to_string(),
                )
        }
        _ if source == "-" => "stdin".to_string(),
        _ => std::path::Path::new(source)
            .file_stem()
            .map_or_else(|| source.to_string(), |s| s.to_string_lossy().into_owned()),
    };
    crate::sanitize::line(&name, 200)
}

/// The most characters a label has.
const SHORT_NAME_MAX: usize = 20;

/// Short names as labels of at most 20 characters, for the screen and the text forms (the
/// JSON forms say them whole): each whole when it fits, else cut where a word ends
/// (`corkbeo-level-3…`); names that would be cut alike keep their first word and their ends,
/// which tell them apart (`paris…2025-02-17`, `paris…2025-02-19`).
pub fn labels(names: &[String]) -> Vec<String> {
    let cut: Vec<String> = names.iter().map(|n| shortened(n, SHORT_NAME_MAX)).collect();
    let mut labels: Vec<String> = names
        .iter()
        .zip(&cut)
        .map(|(name, c)| {
            let alike = names.iter().zip(&cut).any(|(n, o)| o == c && n != name);
            if alike {
                path_end(name, SHORT_NAME_MAX).unwrap_or_else(|| ends(name, SHORT_NAME_MAX))
            } else {
                c.clone()
            }
        })
        .collect();
    // Names alike at both ends, different in the middle, are numbered.
    for i in 1..labels.len() {
        let mut n = 1;
        while labels[..i].contains(&labels[i]) {
            n += 1;
            let number = format!(" {n}");
            let kept = shortened(&names[i], SHORT_NAME_MAX - number.len());
            labels[i] = format!("{kept}{number}");
        }
    }
    labels
}

/// A name told apart by its address (`127.0.0.1:35595/live.txt`) in at most `max` characters:
/// the part after its last `/` whole, which is what tells it apart, after as much of the rest
/// as fits (`127.0.0.1…/live.txt`). A part too long for that keeps its end, after the host
/// (`127.0.0.1…says.json`), rather than the host being cut to its first number. `None` when
/// the name has no `/`.
fn path_end(name: &str, max: usize) -> Option<String> {
    /// The least of the start of the name kept, to be read as a host.
    const HEAD: usize = 6;
    let (head, tail) = name.rsplit_once('/')?;
    // Room for the start of the name, besides `…` and `/`.
    let room = max.saturating_sub(tail.chars().count() + 2);
    if room >= HEAD {
        if head.chars().count() <= room {
            return None;
        }
        let kept: String = head.chars().take(room).collect();
        let kept = kept.trim_end_matches(|c: char| !c.is_alphanumeric());
        return Some(format!("{kept}…/{tail}"));
    }
    // The host up to its port, at most half the label, then the end of the last part.
    let host = head.split(['/', ':']).next().unwrap_or(head);
    let kept: String = host.chars().take((max / 2).saturating_sub(1)).collect();
    let kept = kept.trim_end_matches(|c: char| !c.is_alphanumeric());
    if kept.chars().count() < HEAD.min(host.chars().count()) || kept.is_empty() {
        return None;
    }
    let tail: Vec<char> = tail.chars().collect();
    let room = max - kept.chars().count() - 1;
    let mut start = tail.len().saturating_sub(room);
    // From where a word starts, when that leaves most of the room used.
    if let Some(next) = tail[start..]
        .iter()
        .position(|c| !c.is_alphanumeric())
        .filter(|&next| next + 1 < room / 3)
    {
        start += next + 1;
    }
    let end: String = tail[start..].iter().collect();
    Some(format!("{kept}…{end}"))
}

/// `name` in at most `max` characters: its first word, `…`, and as much of its end as fits,
/// from where a word starts when that leaves enough of it.
fn ends(name: &str, max: usize) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= max {
        return name.to_string();
    }
    let between_words = |c: char| matches!(c, ' ' | '-' | '_' | '.');
    let first_word = chars
        .iter()
        .position(|&c| between_words(c))
        .unwrap_or(chars.len());
    let head = if first_word <= max / 2 {
        first_word
    } else {
        max / 4
    };
    let room = max - head - 1;
    let mut start = chars.len() - room;
    if !between_words(chars[start - 1])
        && let Some(next) = chars[start..].iter().position(|&c| between_words(c))
        && room - next > room / 2
    {
        start += next + 1;
    }
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[start..]);
    out
}

/// `name` in at most `max` characters: whole if it fits, else cut where a word ends (at a
/// space, `-`, `_` or `.`) and marked `…`, so that a cut name reads as one
/// (`corkbeo-level-3…`, not `corkbeo-level-3-liv`); cut mid-word only when its first word is
/// longer than that.
fn shortened(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let between_words = |c: char| matches!(c, ' ' | '-' | '_' | '.');
    let room: String = name.chars().take(max - 1).collect();
    // The room ends a word when the next character starts another.
    let ends_word = name.chars().nth(max - 1).is_some_and(between_words);
    let at_word = (!ends_word)
        .then(|| {
            room.char_indices()
                .filter(|&(i, c)| i > 0 && between_words(c))
                .map(|(i, _)| i)
                .next_back()
        })
        .flatten();
    let kept = at_word.map_or(room.as_str(), |i| &room[..i]);
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::Stamp;

    fn e(id: &str, minute: Option<u32>) -> Entry {
        Entry {
            id: id.into(),
            published: minute.and_then(|m| Stamp::parse(&format!("2025-02-17T10:{m:02}:00Z"))),
            ..Entry::default()
        }
    }

    fn blog(entries: Vec<Entry>) -> LiveBlog {
        LiveBlog {
            entries,
            ..LiveBlog::default()
        }
    }

    fn ids(blogs: &[&LiveBlog]) -> Vec<String> {
        interleave(blogs, 0)
            .into_iter()
            .map(|(s, e)| ns_id(s, &e.id))
            .collect()
    }

    #[test]
    fn pinned_posts_come_first_and_lend_no_time_to_their_neighbours() {
        let mut pin = e("pin", Some(1));
        pin.pinned = true;
        let a = blog(vec![pin, e("a-untimed", None), e("a9", Some(9))]);
        let b = blog(vec![e("b20", Some(20)), e("b5", Some(5))]);
        assert_eq!(
            ids(&[&a, &b]),
            ["0:pin", "1:b20", "0:a-untimed", "0:a9", "1:b5"],
            "the untimed entry takes a9's time, not the pinned post's"
        );
    }

    #[test]
    fn ids_are_per_blog_and_split_back() {
        assert_eq!(ns_id(3, "a:b"), "3:a:b");
        assert_eq!(split_id("3:a:b"), Some((3, "a:b")));
        assert_eq!(split_id("a:b"), None);
        assert_eq!(split_id(":b"), None);
        assert_eq!(split_id("12"), None);
    }

    #[test]
    fn blogs_interleave_by_time_newest_first() {
        let a = blog(vec![e("1", Some(50)), e("2", Some(30)), e("3", Some(10))]);
        let b = blog(vec![e("1", Some(40)), e("2", Some(20))]);
        assert_eq!(ids(&[&a, &b]), ["0:1", "1:1", "0:2", "1:2", "0:3"]);
    }

    #[test]
    fn an_entry_without_a_time_sits_below_its_newer_neighbour() {
        let a = blog(vec![e("1", Some(50)), e("x", None), e("2", Some(10))]);
        let b = blog(vec![e("1", Some(40))]);
        // "x" takes 10:50 from the entry above it: it stays right under it, above 10:40.
        assert_eq!(ids(&[&a, &b]), ["0:1", "0:x", "1:1", "0:2"]);
    }

    #[test]
    fn leading_timeless_entries_take_the_time_below_them() {
        let a = blog(vec![e("x", None), e("1", Some(30))]);
        let b = blog(vec![e("1", Some(40)), e("2", Some(20))]);
        assert_eq!(ids(&[&a, &b]), ["1:1", "0:x", "0:1", "1:2"]);
    }

    #[test]
    fn a_blog_without_times_keeps_its_order_at_its_first_seen_time() {
        let a = blog(vec![e("x", None), e("y", None)]);
        let b = blog(vec![e("1", Some(40))]);
        let t40 = Stamp::parse("2025-02-17T10:40:00Z")
            .unwrap()
            .instant()
            .as_second();
        let keys = vec![
            sort_keys(&a, |_| None, t40 + 60),
            sort_keys(&b, |_| None, 0),
        ];
        let got: Vec<(usize, usize)> = order(&keys).iter().map(|s| (s.source, s.pos)).collect();
        assert_eq!(got, [(0, 0), (0, 1), (1, 0)]);
        // Seen for the first time before the other blog's entry: below it.
        let keys = vec![
            sort_keys(&a, |_| Some(t40 - 60), 0),
            sort_keys(&b, |_| None, 0),
        ];
        let got: Vec<(usize, usize)> = order(&keys).iter().map(|s| (s.source, s.pos)).collect();
        assert_eq!(got, [(1, 0), (0, 0), (0, 1)]);
    }

    #[test]
    fn merging_sorted_runs_equals_sorting_all() {
        let a = slots(0, &[50, 30, 30, 10]);
        let b = slots(1, &[40, 30, 5]);
        let mut all = [a.clone(), b.clone()].concat();
        all.sort_unstable();
        assert_eq!(merge_sorted(a, b), all);
    }

    #[test]
    fn short_names_name_the_publisher_or_the_host_or_the_file() {
        assert_eq!(
            short_name("https://www.theguardian.com/world/live/2025/feb/17/x"),
            "Guardian"
        );
        assert_eq!(short_name("https://www.bbc.co.uk/news/live/x"), "BBC");
        assert_eq!(
            short_name("https://news.example.org/live"),
            "news.example.org"
        );
        assert_eq!(
            short_name("http://127.0.0.1:8080/live.json"),
            "127.0.0.1:8080"
        );
        assert_eq!(short_name("/tmp/paris summit.txt"), "paris summit");
        assert_eq!(short_name("/tmp/\u{1b}[31mred.txt"), "[31mred");
        // Whole, however long: the JSON forms say it so.
        assert_eq!(
            short_name("tests/corkbeo-level-3-live-2020-10-06.html"),
            "corkbeo-level-3-live-2020-10-06"
        );
    }

    fn labelled(names: &[&str]) -> Vec<String> {
        labels(&names.iter().map(|n| (*n).to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn a_long_name_is_labelled_cut_where_a_word_ends() {
        let names = [
            "corkbeo-level-3-live-2020-10-06",
            "wp-liveblog-get-key-events",
            "amp-example-live-blog",
            "exactly-twenty-chars",
        ];
        assert_eq!(
            labelled(&names),
            [
                "corkbeo-level-3…",
                "wp-liveblog-get-key…",
                "amp-example-live…",
                "exactly-twenty-chars"
            ]
        );
        let long = "x".repeat(30);
        assert_eq!(labelled(&[&long]), [format!("{}…", "x".repeat(19))]);
        let huge = "x".repeat(80);
        assert!(labelled(&[&huge])[0].chars().count() <= 20);
    }

    #[test]
    fn names_cut_alike_keep_the_ends_that_tell_them_apart() {
        assert_eq!(
            labelled(&["paris-summit-2025-02-17", "paris-summit-2025-02-19", "BBC"]),
            ["paris…2025-02-17", "paris…2025-02-19", "BBC"]
        );
        let apart = labelled(&[
            "averyveryverylongfirstword-a",
            "averyveryverylongfirstword-b",
        ]);
        assert_ne!(apart[0], apart[1]);
        assert!(apart.iter().all(|l| l.chars().count() <= 20), "{apart:?}");
        // Told apart by their addresses: the part of the path that does it, whole.
        assert_eq!(
            labelled(&[
                "127.0.0.1:35595/live.txt",
                "127.0.0.1:35595/feed.xml",
                "127.0.0.1:35595/1",
            ]),
            [
                "127.0.0.1…/live.txt",
                "127.0.0.1…/feed.xml",
                "127.0.0.1:35595/1"
            ]
        );
        // A last part too long to keep whole keeps its end, after the host whole.
        let long = labelled(&[
            "127.0.0.1:18777/live.amp.html",
            "127.0.0.1:18777/world/live/2026/dec/06/security-guarantees-starmer-says.json",
            "127.0.0.1:18777/live.html",
        ]);
        assert_eq!(
            long,
            [
                "127.0.0.1…amp.html",
                "127.0.0.1…says.json",
                "127.0.0.1…/live.html"
            ]
        );
        // Alike at both ends: numbered.
        let middle = labelled(&[
            "paris-summit-one-of-the-day-2025-02-17",
            "paris-summit-two-of-the-day-2025-02-17",
        ]);
        assert_ne!(middle[0], middle[1]);
    }
}
