//! Pages without live markup: the entries found the way a reader finds them, as a run of
//! timed blocks.
//!
//! Read only when a page has no schema.org `LiveBlogPosting` with updates and no AMP live list
//! (minute-by-minute match reports, German "Ticker" pages, sites whose JSON-LD lists no
//! updates). What is looked for, and the thresholds:
//! - **a run**: the element children of one parent with the same tag (`div`, `article`,
//!   `section`, `li`, `p`, `tr`) and the same first class (`div.coventry` whatever its
//!   modifiers: entries of several kinds share their base class), not inside `nav`, `header`,
//!   `footer`, `aside` or `menu`;
//! - **timed members**: a member carries a time when it has a `data-time` or `data-sort-time`
//!   attribute, a `<time>` among its first [`TIME_SCAN`] nodes (its `datetime`, else its text),
//!   or text that starts with a clock time (`19:30`, `14.05 Uhr`; a dot only before "Uhr") or
//!   a minute marker (`95'`, `45+2'`). Heat times (`65.06 sek.`), dates and scores are not
//!   times;
//! - a run counts when at least [`MIN_TIMED`] members carry a time and at least one in
//!   [`TIMED_SHARE`] does: real pages time only some entries (a speedway report times 20 of
//!   its 53), while an article with a few times in its prose has many more paragraphs;
//! - of the runs that count, the one with the most timed members wins (then the most
//!   members, then the first on the page), unless links are more than
//!   [`MAX_LINK_PERCENT`] % of its text (a list of teasers or links is navigation, not a blog):
//!   then the next.
//!
//! Each member with content is an entry. Its first heading (`h1`–`h6`, or an element whose
//! class names a title or a heading level, before its first paragraph) is the title; the
//! `<time>` or leading marker is its time, left out of the body; a row of
//! [`MIN_CELLS`](scoreboard::MIN_CELLS) or more tiny blocks (a scoreboard) becomes one line.
//! Its id is the block's `id` attribute, else a hash of its time and text, so reading the page
//! again gives the same ids and the reader's place and unread marks survive a refresh.
//!
//! A time of day becomes `published` only when the page says which day and offset it is on
//! (`article:published_time`, a JSON-LD or microdata `datePublished`, or a member's full
//! `<time datetime>`); a run past midnight moves to the next day. Otherwise, and for minute
//! markers, it is kept as written (`Entry::time_as_written`): no date is invented. Entries are
//! newest first: a page that runs oldest first (its times rising down the page) is turned.
//!
//! The search looks at each element's children once and at most [`TIME_SCAN`] nodes of each
//! member, so it is linear in the page; the page itself was parsed under the depth guard.

use super::amp;
use crate::blog::{Block, Entry, Extraction, Inline, LiveBlog, LiveState, Stamp, text_id};
use crate::formats::html;
use crate::formats::json::Value;
use html5ever::local_name;
use scoreboard::scoreboards_as_lines;
use scraper::{ElementRef, Html, Node};
use std::ops::Range;
use url::Url;

/// Fewest timed members a run needs.
pub(super) const MIN_TIMED: usize = 3;

/// At least one member in this many must carry a time.
pub(super) const TIMED_SHARE: usize = 4;

/// Largest share of a run's text, in percent, that may be link text.
pub(super) const MAX_LINK_PERCENT: usize = 50;

/// Nodes of a member looked at for its time and leading text.
pub(super) const TIME_SCAN: usize = 200;

/// Characters of a member's leading text read for a time marker.
const LEAD_CHARS: usize = 40;

/// Runs checked for their text, best first, before giving up.
const CANDIDATES: usize = 8;

/// Most entries read from one run.
const MAX_ENTRIES: usize = 5_000;

/// Longest title taken from a block; a longer "heading" is a paragraph styled big.
const TITLE_CHARS: usize = 300;

/// A member's time, as found.
#[derive(Debug, Clone, PartialEq)]
enum When {
    /// A full instant (`datetime` with date and offset, epoch `data-sort-time`).
    Instant(Stamp),
    /// A time of day: minutes since midnight, and the text as written.
    Clock(u16, String),
    /// A match minute (stoppage time added), as written.
    Minute(u16, String),
}

impl When {
    /// The marker as written, for a clock time or a minute.
    fn written(&self) -> Option<&str> {
        match self {
            When::Clock(_, w) | When::Minute(_, w) => Some(w),
            When::Instant(_) => None,
        }
    }
}

/// Where a member's time came from, so that it can be left out of the body.
struct Timed<'a> {
    when: When,
    /// The `<time>` element that held it.
    element: Option<ElementRef<'a>>,
    /// Read from the leading text: the marker as written (in `when`) is cut from the start
    /// of the body.
    lead: bool,
}

/// A run that counts: its members and their times.
struct Run<'a> {
    members: Vec<ElementRef<'a>>,
    times: Vec<Option<Timed<'a>>>,
    timed: usize,
}

/// The page's entries as a blog, guessed from a run of timed blocks; `None` when no run
/// counts. `roots` are the page's JSON-LD documents, read for its publication date.
pub(super) fn timed_run(doc: &Html, roots: &[Value<'_>]) -> Option<LiveBlog> {
    let mut runs = runs(doc);
    // Best first; a stable sort keeps the page's order between equals.
    runs.sort_by_key(|r| {
        (
            std::cmp::Reverse(r.timed),
            std::cmp::Reverse(r.members.len()),
        )
    });
    let run = runs
        .into_iter()
        .take(CANDIDATES)
        .find(|r| mostly_not_links(&r.members))?;
    let base = amp::canonical(doc);
    let anchor = page_date(doc, roots).or_else(|| {
        run.times.iter().flatten().find_map(|t| match t.when {
            When::Instant(s) => Some(s),
            _ => None,
        })
    });
    let newest_last = rising(&run.times);
    // Sized at once: an entry is large, and growing the list a doubling at a time copies it.
    let mut found: Vec<(Option<When>, Entry)> =
        Vec::with_capacity(run.members.len().min(MAX_ENTRIES));
    found.extend(
        run.members
            .iter()
            .zip(run.times)
            .filter_map(|(el, t)| entry(*el, t, base.as_ref()))
            .take(MAX_ENTRIES),
    );
    if newest_last {
        found.reverse();
    }
    place_in_time(&mut found, anchor);
    Some(LiveBlog {
        poll_every: None,
        title: amp::page_title(doc),
        standfirst: amp::meta(doc, "description").unwrap_or_default(),
        url: base.map(|u| u.to_string()),
        state: LiveState::Unknown,
        updated: None,
        entries: found.into_iter().map(|(_, e)| e).collect(),
        key_events: Vec::new(),
        older: None,
        extracted: Extraction::Heuristic,
    })
}

/// Tags whose repeated children may be entries.
fn is_member_tag(name: &str) -> bool {
    matches!(name, "div" | "article" | "section" | "li" | "p" | "tr")
}

/// Page furniture: lists under these are menus, teasers and footers.
fn is_chrome(name: &str) -> bool {
    matches!(name, "nav" | "header" | "footer" | "aside" | "menu")
}

/// Every run of the page that counts, in page order. Each element's children are grouped
/// once; iterative, so nesting cannot overflow the stack. The lists of children and groups are
/// made once and reused for every element.
fn runs(doc: &Html) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut stack: Vec<(ElementRef<'_>, bool)> = vec![(doc.root_element(), false)];
    let mut kids: Vec<ElementRef<'_>> = Vec::new();
    let mut groups: foldhash::HashMap<(&str, &str), Vec<ElementRef<'_>>> =
        foldhash::HashMap::default();
    let mut order: Vec<(&str, &str)> = Vec::new();
    while let Some((el, chrome)) = stack.pop() {
        let name = el.value().name();
        if html::walk_skips(name) && name != "html" {
            continue;
        }
        let chrome = chrome || is_chrome(name);
        kids.clear();
        kids.extend(el.child_elements());
        if !chrome && kids.len() >= MIN_TIMED {
            for k in &kids {
                let tag = k.value().name();
                if !is_member_tag(tag) {
                    continue;
                }
                let class = amp::attr_named(*k, &local_name!("class"))
                    .and_then(|c| c.split_ascii_whitespace().next())
                    .unwrap_or("");
                let g = groups.entry((tag, class)).or_default();
                if g.is_empty() {
                    order.push((tag, class));
                }
                g.push(*k);
            }
            for key in order.drain(..) {
                let Some(members) = groups.remove(&key) else {
                    continue;
                };
                if members.len() < MIN_TIMED {
                    continue;
                }
                let times: Vec<Option<Timed<'_>>> = members.iter().map(|m| time_of(*m)).collect();
                let count = times.iter().flatten().count();
                if count >= MIN_TIMED && count * TIMED_SHARE >= members.len() {
                    out.push(Run {
                        members,
                        times,
                        timed: count,
                    });
                }
            }
        }
        stack.extend(kids.iter().rev().map(|k| (*k, chrome)));
    }
    out
}

/// Whether a text node's parent is script, style or another element no reader sees.
fn in_hidden(parent: Option<ElementRef<'_>>) -> bool {
    parent.is_some_and(|p| html::walk_skips(p.value().name()))
}

/// Whether one of these elements is a heading: a heading's text comes before the time in
/// some entries (`<h3>Full time</h3><p>95' …`), and is the title, not the time.
fn in_heading<'a>(mut up: impl Iterator<Item = ElementRef<'a>>) -> bool {
    up.any(|a| matches!(a.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

/// A member's time: its own attributes, else a `<time>` in it, else its leading text.
fn time_of(el: ElementRef<'_>) -> Option<Timed<'_>> {
    for attr in ["data-time", "data-sort-time"] {
        if let Some(when) = amp::attr(el, attr).and_then(attr_time) {
            return Some(Timed {
                when,
                element: None,
                lead: false,
            });
        }
    }
    let mut lead = String::new();
    // `lead`'s length in characters, kept rather than counted again at every text node.
    let mut lead_chars = 0;
    for node in el.descendants().skip(1).take(TIME_SCAN) {
        match node.value() {
            Node::Element(e) if e.name() == "time" => {
                let Some(t) = ElementRef::wrap(node) else {
                    continue;
                };
                if let Some(when) = time_element(t) {
                    return Some(Timed {
                        when,
                        element: Some(t),
                        lead: false,
                    });
                }
            }
            Node::Text(t)
                if lead_chars < LEAD_CHARS
                    && !in_hidden(node.parent().and_then(ElementRef::wrap))
                    && !in_heading(node.ancestors().take(4).filter_map(ElementRef::wrap)) =>
            {
                let t: &str = t.trim();
                if !t.is_empty() {
                    if !lead.is_empty() {
                        lead.push(' ');
                        lead_chars += 1;
                    }
                    lead.push_str(t);
                    lead_chars += t.chars().count();
                }
            }
            _ => {}
        }
    }
    Some(Timed {
        when: marker(&lead)?,
        element: None,
        lead: true,
    })
}

/// A `data-time`/`data-sort-time` value: epoch seconds or milliseconds, RFC 3339, or a clock.
fn attr_time(v: &str) -> Option<When> {
    let v = v.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse().ok().and_then(amp::stamp).map(When::Instant);
    }
    Stamp::parse(v).map(When::Instant).or_else(|| marker(v))
}

/// A `<time>`: its `datetime` when that is a full instant, else the clock time in it or in
/// its text.
fn time_element(t: ElementRef<'_>) -> Option<When> {
    // Not collapsed first: a marker reads past white space as collapsed text would, and
    // collapses what it keeps.
    // Most hold one text node, read where it is.
    let mut texts = t.text();
    let first = texts.next().unwrap_or_default();
    let text: std::borrow::Cow<'_, str> = match texts.next() {
        None => first.into(),
        Some(second) => {
            let mut all = String::from(first);
            all.push_str(second);
            all.extend(texts);
            all.into()
        }
    };
    let from_text = marker(&text);
    let Some(dt) = amp::attr(t, "datetime") else {
        return from_text;
    };
    if let Some(s) = Stamp::parse(dt) {
        return Some(When::Instant(s));
    }
    // A date and time without an offset: the time of day is still the page's.
    let clock = dt
        .trim()
        .split(['T', ' '])
        .nth(1)
        .and_then(|t| marker(t.get(..5)?));
    match (from_text, clock) {
        (Some(w @ When::Clock(..)), _) => Some(w),
        (_, Some(c)) => Some(c),
        (w, None) => w,
    }
}

/// A time marker at the start of `s`, with the text it was written as: `19:30`, `9:05`,
/// `14.05 Uhr`, `14:05 Uhr`, `95'`, `45+2'`.
fn marker(s: &str) -> Option<When> {
    let s = s.trim_start();
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let h = digits(s);
    if h == 0 || h > 3 {
        return None;
    }
    let rest = &s[h..];
    if h <= 2
        && let Some(sep) = rest.chars().next().filter(|c| matches!(c, ':' | '.'))
    {
        let after = &rest[1..];
        if digits(after) != 2 {
            return None;
        }
        let hour: u16 = s[..h].parse().ok()?;
        let minute: u16 = after[..2].parse().ok()?;
        let tail = &after[2..];
        if hour > 23 || minute > 59 || tail.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let end = h + 3;
        let trimmed = tail.trim_start();
        let uhr = trimmed
            .get(..3)
            .is_some_and(|u| u.eq_ignore_ascii_case("uhr"))
            && !trimmed[3..].starts_with(char::is_alphanumeric);
        // A dot is a clock only before "Uhr"; otherwise it is a date (12.05.) or a number.
        if sep == '.' && !uhr {
            return None;
        }
        if sep == ':' && tail.starts_with(':') {
            // Seconds, or a ratio: not a time to read.
            return None;
        }
        let end = if uhr {
            end + (tail.len() - trimmed.len()) + 3
        } else {
            end
        };
        return Some(When::Clock(hour * 60 + minute, html::collapse(&s[..end])));
    }
    let minute: u16 = s[..h].parse().ok()?;
    if minute == 0 || minute > 150 {
        return None;
    }
    let mut end = h;
    let mut added = 0;
    if let Some(plus) = rest.strip_prefix('+') {
        let n = digits(plus);
        if !(1..=2).contains(&n) {
            return None;
        }
        added = plus[..n].parse().ok()?;
        end += 1 + n;
    }
    let apostrophe = s[end..]
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '’' | '′'))?;
    end += apostrophe.len_utf8();
    if s[end..].starts_with(char::is_alphanumeric) {
        return None;
    }
    Some(When::Minute(minute + added, s[..end].to_string()))
}

/// Whether links are at most [`MAX_LINK_PERCENT`] % of the members' text, and there is text.
/// One walk per member that carries "inside a link" down, so deep pages cost what wide ones do.
fn mostly_not_links(members: &[ElementRef<'_>]) -> bool {
    let (mut all, mut linked) = (0usize, 0usize);
    // One stack for all members: a stack each cost an allocation and a reallocation apiece.
    let mut stack = Vec::new();
    for m in members {
        stack.push((*m, false));
        while let Some((el, in_link)) = stack.pop() {
            for child in el.children() {
                match child.value() {
                    Node::Text(t) => {
                        let n = non_space_chars(t);
                        all += n;
                        if in_link {
                            linked += n;
                        }
                    }
                    Node::Element(e) if !html::walk_skips(e.name()) => {
                        if let Some(c) = ElementRef::wrap(child) {
                            stack.push((c, in_link || e.name() == "a"));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    all > 0 && linked * 100 <= all * MAX_LINK_PERCENT
}

/// How many characters of `t` are not white space, counted by the byte: a character is its
/// first byte, and the only white space beyond ASCII's (tab to carriage return, and the space)
/// starts with one of four bytes, so only characters starting with those are decoded.
fn non_space_chars(t: &str) -> usize {
    let bytes = t.as_bytes();
    // In blocks small enough for a byte-wide count, which the compiler turns into vector code.
    let counted: usize = bytes
        .chunks(255)
        .map(|block| {
            let n: u8 = block
                .iter()
                .map(|&b| u8::from(!matches!(b, b'\t'..=b'\r' | b' ' | 0x80..=0xBF)))
                .sum();
            usize::from(n)
        })
        .sum();
    // U+0085 and U+00A0 (0xC2), U+1680 (0xE1), U+2000 to U+205F (0xE2), U+3000 (0xE3).
    let wide_spaces = memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes)
        .chain(memchr::memchr_iter(0xE1, bytes))
        .filter(|&i| t[i..].chars().next().is_some_and(char::is_whitespace))
        .count();
    counted - wide_spaces
}

/// Whether the timed members' times rise down the page: the page runs oldest first.
fn rising(times: &[Option<Timed<'_>>]) -> bool {
    let keys: Vec<i64> = times
        .iter()
        .flatten()
        .map(|t| match &t.when {
            When::Instant(s) => s.instant().as_second(),
            When::Clock(m, _) | When::Minute(m, _) => i64::from(*m),
        })
        .collect();
    let (mut up, mut down) = (0, 0);
    for w in keys.windows(2) {
        match w[0].cmp(&w[1]) {
            std::cmp::Ordering::Less => up += 1,
            std::cmp::Ordering::Greater => down += 1,
            std::cmp::Ordering::Equal => {}
        }
    }
    up > down
}

/// One member as an entry, or `None` when it has nothing to show.
fn entry<'a>(
    el: ElementRef<'a>,
    timed: Option<Timed<'a>>,
    base: Option<&Url>,
) -> Option<(Option<When>, Entry)> {
    let title_el = title_of(el);
    let title = title_el
        .map(|t| html::collapse(&t.text().collect::<Vec<_>>().join(" ")))
        .filter(|t| !t.is_empty() && t.chars().count() <= TITLE_CHARS);
    let marks = [
        title_el.filter(|_| title.is_some()),
        timed.as_ref().and_then(|t| t.element),
    ];
    // Read from the tree when that is sure to give what the HTML left after the cuts gives.
    let mut body = html::member_to_blocks(el, marks, base)
        .unwrap_or_else(|| html::to_blocks_with_base(&html_without(el, marks), base));
    if let Some(lead) = timed
        .as_ref()
        .filter(|t| t.lead)
        .and_then(|t| t.when.written())
    {
        cut_lead(&mut body, lead);
    }
    let body = scoreboards_as_lines(body);
    if body.is_empty() && title.is_none() {
        return None;
    }
    let when = timed.map(|t| t.when);
    let id = amp::attr_named(el, &local_name!("id"))
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map_or_else(
            || {
                let time = match &when {
                    Some(When::Instant(s)) => s.to_rfc3339(),
                    Some(When::Clock(_, w) | When::Minute(_, w)) => w.clone(),
                    None => String::new(),
                };
                let text: Vec<String> = body.iter().map(Block::plain_text).collect();
                let title = title.as_deref().unwrap_or_default();
                text_id("h-", &format!("{time}\n{title}\n{}", text.join("\n")))
            },
            str::to_string,
        );
    Some((
        when,
        Entry {
            id,
            title,
            body,
            ..Entry::default()
        },
    ))
}

/// The inner HTML of `el` with the first occurrence of each mark's HTML cut, in turn.
fn html_without(el: ElementRef<'_>, marks: [Option<ElementRef<'_>>; 2]) -> String {
    let (mut body_html, spans) = serial::html_marking(el, false, marks);
    let mut cut: Option<Range<usize>> = None;
    for (gone, span) in marks.into_iter().zip(spans) {
        let Some(gone) = gone else {
            continue;
        };
        // Where the element was written, moved past an earlier cut (unknown if it was cut into).
        let span = span.and_then(|s| match &cut {
            Some(c) if s.start >= c.end => Some(s.start - c.len()..s.end - c.len()),
            Some(c) if s.end > c.start => None,
            _ => Some(s),
        });
        cut = cut_first(&mut body_html, gone, span).or(cut);
    }
    body_html
}

/// Cuts the first occurrence of `gone`'s HTML from `body` and says where it was. `span` is
/// where `gone` itself was written in `body`, when known: its HTML is then that slice, and
/// its first occurrence ends no later, so only the text up to it is searched.
fn cut_first(
    body: &mut String,
    gone: ElementRef<'_>,
    span: Option<Range<usize>>,
) -> Option<Range<usize>> {
    let (at, len) = if let Some(s) = span {
        (body[..s.end].find(&body[s.clone()]), s.len())
    } else {
        let gone = serial::html(gone, true);
        (body.find(&gone), gone.len())
    };
    let at = at?;
    body.replace_range(at..at + len, "");
    Some(at..at + len)
}

/// A member's heading: the first `h1`–`h6`, or element whose class names a title or a heading
/// level (`coventry__title h5`), before its first paragraph.
fn title_of(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    for node in el.descendants().skip(1).take(TIME_SCAN) {
        let Some(d) = ElementRef::wrap(node) else {
            continue;
        };
        let name = d.value().name();
        if matches!(name, "p" | "ul" | "ol" | "table" | "blockquote") {
            return None;
        }
        let classy = amp::attr_named(d, &local_name!("class")).is_some_and(|c| {
            c.split_ascii_whitespace().any(|c| {
                let c = c.to_ascii_lowercase();
                c.ends_with("title")
                    || c.ends_with("headline")
                    || matches!(c.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            })
        });
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") || (classy && name != "a") {
            return Some(d);
        }
    }
    None
}

/// Cuts the time marker (and the punctuation after it) from the start of the first paragraph.
fn cut_lead(body: &mut Vec<Block>, lead: &str) {
    let Some(Block::Paragraph { runs }) = body.first_mut() else {
        return;
    };
    let mut left = lead;
    while let Some(first) = runs.first_mut() {
        let text = first.text.trim_start();
        if left.is_empty() {
            let rest = text.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|' | '.' | ',')
            });
            if rest.is_empty() {
                runs.remove(0);
                continue;
            }
            first.text = rest.to_string();
            break;
        }
        // The marker as written may differ in space from the runs ("14.05 Uhr" over two runs).
        let common = text
            .chars()
            .zip(left.chars())
            .take_while(|(a, b)| a == b)
            .count();
        if common == 0 {
            break;
        }
        let bytes: usize = text.chars().take(common).map(char::len_utf8).sum();
        let lbytes: usize = left.chars().take(common).map(char::len_utf8).sum();
        left = left[lbytes..].trim_start();
        first.text = text[bytes..].to_string();
        if first.text.trim().is_empty() {
            runs.remove(0);
        }
    }
    if runs.iter().all(|r: &Inline| r.text.trim().is_empty()) {
        body.remove(0);
    }
}

/// The day and offset the page says it is on: `article:published_time`, else a JSON-LD or
/// microdata `datePublished`; only a full time with an offset will do.
fn page_date(doc: &Html, roots: &[Value<'_>]) -> Option<Stamp> {
    // The selectors `meta[property="article:published_time"]`, `meta[itemprop="datePublished"]`
    // and `[itemprop="datePublished"][datetime]`, in that order of preference, written out:
    // the first element of each whose time is full, found in one pass over the page.
    let mut found: [Option<Stamp>; 3] = [None; 3];
    for e in amp::elements(doc) {
        let is_meta = e.value().name.local == local_name!("meta");
        let published = amp::attr_named(e, &local_name!("itemprop")) == Some("datePublished");
        if found[0].is_none()
            && is_meta
            && amp::attr_named(e, &local_name!("property")) == Some("article:published_time")
        {
            found[0] = amp::attr_named(e, &local_name!("content")).and_then(Stamp::parse);
            if found[0].is_some() {
                break;
            }
        }
        if found[1].is_none() && is_meta && published {
            found[1] = amp::attr_named(e, &local_name!("content")).and_then(Stamp::parse);
        }
        if found[2].is_none() && published {
            found[2] = amp::attr_named(e, &local_name!("datetime")).and_then(Stamp::parse);
        }
    }
    found
        .into_iter()
        .flatten()
        .next()
        .or_else(|| json_date(roots))
}

/// The first `datePublished` in the page's JSON-LD that is a full time, breadth first.
fn json_date(roots: &[Value<'_>]) -> Option<Stamp> {
    let mut queue: std::collections::VecDeque<&Value<'_>> = roots.iter().collect();
    while let Some(v) = queue.pop_front() {
        match v {
            Value::Object(m) => {
                if let Some(s) = m
                    .get("datePublished")
                    .and_then(Value::as_str)
                    .and_then(Stamp::parse)
                {
                    return Some(s);
                }
                // In the order of the sorted keys, as `serde_json::Value` held them.
                queue.extend(m.members().into_iter().map(|(_, v)| v));
            }
            Value::Array(items) => queue.extend(items),
            _ => {}
        }
    }
    None
}

/// Gives each entry its time: an instant as it is; a clock time on the page's day (the next
/// day once the times pass midnight, read oldest first), else as written; a minute as written.
/// The times as written are moved into the entries: `found`'s times are not read after.
fn place_in_time(found: &mut [(Option<When>, Entry)], anchor: Option<Stamp>) {
    let first_day = anchor.map(|a| (a.offset().to_datetime(a.instant()).date(), a.offset()));
    let mut days = 0i64;
    let mut last: Option<u16> = None;
    for (when, e) in found.iter_mut().rev() {
        match when {
            Some(When::Instant(s)) => e.published = Some(*s),
            Some(When::Clock(minutes, written)) => {
                if last.is_some_and(|l| l > *minutes + 12 * 60) {
                    days += 1;
                }
                last = Some(*minutes);
                e.published = first_day.and_then(|(date, offset)| {
                    let date = date.checked_add(jiff::Span::new().days(days)).ok()?;
                    let dt = date.at(
                        i8::try_from(*minutes / 60).ok()?,
                        i8::try_from(*minutes % 60).ok()?,
                        0,
                        0,
                    );
                    Some(Stamp::new(offset.to_timestamp(dt).ok()?, offset))
                });
                if e.published.is_none() {
                    e.time_as_written = Some(std::mem::take(written));
                }
            }
            Some(When::Minute(_, written)) => e.time_as_written = Some(std::mem::take(written)),
            None => {}
        }
    }
}

mod scoreboard;
pub(super) mod serial;

#[cfg(test)]
pub(super) mod tests;
