//! The domain: a live blog, its entries and key events, with rich content. No I/O here.

mod content;
pub mod link_numbers;
pub mod merge;
pub mod older;
mod permalink;
mod stamp;
pub mod table;
pub mod timeline;

pub use content::{
    Block, Embed, Image, Inline, MAX_QUOTE_LEVEL, Numerals, continues_list, has_nested_lists,
    image_label, list_indents, quote_goes_on,
};
pub use permalink::permalink;
pub use stamp::{Stamp, local_zone, wall_clock};
pub use table::Table;

use serde::{Deserialize, Serialize};

/// Whether the publisher is still adding entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LiveState {
    Live,
    Ended,
    #[default]
    Unknown,
}

/// How a blog's entries were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Extraction {
    /// From data or markup that says what the entries are: page JSON, JSON-LD, microdata, an
    /// AMP live list, a feed, liveblog's own forms.
    #[default]
    Structured,
    /// Guessed from the page's layout (a run of timed blocks), because nothing marked the
    /// entries up: the reader is told, since a guess can split or merge entries wrongly.
    Heuristic,
}

/// A whole live blog as one source describes it. Entries and key events are newest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LiveBlog {
    pub title: String,
    pub standfirst: String,
    /// Canonical address of the blog, when the source names one.
    pub url: Option<String>,
    pub state: LiveState,
    /// When the blog as a whole was last changed, when the source says.
    pub updated: Option<Stamp>,
    /// Newest first.
    pub entries: Vec<Entry>,
    /// Newest first, as the publisher lists them; may point at entries not loaded.
    pub key_events: Vec<KeyEvent>,
    /// Where the next older page of entries can be fetched from, when the source is paged.
    pub older: Option<String>,
    /// Whether the entries were marked up or guessed.
    pub extracted: Extraction,
    /// How often the source asks to be polled, when it says (an AMP live list's
    /// `data-poll-interval`); the poller keeps to it unless the reader set an interval.
    pub poll_every: Option<std::time::Duration>,
}

/// One item of the key-events list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyEvent {
    pub title: String,
    /// The entry this key event heads, when that entry is known; it need not be loaded.
    pub entry_id: Option<String>,
    pub published: Option<Stamp>,
}

/// What an entry was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReadFrom {
    /// The source's own data for it.
    #[default]
    Data,
    /// A rendering that stands in for the source's data until the next whole read (the
    /// Guardian live poll's HTML). When that read replaces it, what differs is the two forms,
    /// not the entry: no edit. Never written out by `dump`; the cache keeps it beside its copy
    /// (see [`crate::store::cache`]), so the next sitting still knows the data is to come.
    Rendering,
}

/// One post of the live blog.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// Stable across refreshes: the reader keeps its place by this id.
    pub id: String,
    pub title: Option<String>,
    pub published: Option<Stamp>,
    pub updated: Option<Stamp>,
    /// The time as the page wrote it (`19:30`, `14.05 Uhr`, `95'`), when it could not be made
    /// an instant because the page gives no date or offset to place it: shown as it is, never
    /// turned into an invented date. `None` whenever `published` is known.
    pub time_as_written: Option<String>,
    pub authors: Vec<String>,
    pub key_event: bool,
    pub pinned: bool,
    pub summary: bool,
    pub body: Vec<Block>,
    /// What the entry was read from; see [`ReadFrom`].
    pub read_from: ReadFrom,
}

impl LiveBlog {
    /// The blog's title, or `name` (what it was opened from, its short name) when it has none:
    /// how every view names a blog without a title.
    pub fn title_or<'a>(&'a self, name: &'a str) -> &'a str {
        if self.title.trim().is_empty() {
            name
        } else {
            &self.title
        }
    }

    /// Index of the entry with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// Makes every string safe for a terminal. Every format parser's result passes through
    /// here (see `formats::parse`), so nothing from a file or the web reaches the screen raw.
    pub fn sanitize(&mut self) {
        self.sanitize_head();
        for e in &mut self.entries {
            e.sanitize();
        }
    }

    /// [`LiveBlog::sanitize`] for everything but the entries, each of which
    /// [`Entry::sanitize`] makes safe.
    pub(crate) fn sanitize_head(&mut self) {
        use crate::sanitize::{TITLE_MAX, URL_MAX, line_mut, text_mut};
        line_mut(&mut self.title, TITLE_MAX);
        text_mut(&mut self.standfirst);
        for u in [&mut self.url, &mut self.older].into_iter().flatten() {
            line_mut(u, URL_MAX);
        }
        for k in &mut self.key_events {
            line_mut(&mut k.title, TITLE_MAX);
            if let Some(id) = &mut k.entry_id {
                line_mut(id, TITLE_MAX);
            }
        }
    }

    /// The ids of the loaded entries, for asking "is this key event's entry here?" of many key
    /// events without a search each.
    pub fn entry_ids(&self) -> foldhash::HashSet<&str> {
        self.entries.iter().map(|e| e.id.as_str()).collect()
    }

    /// Gives every entry a distinct id: a repeat gets `-2`, `-3`… The reader keeps its place
    /// by id, so two entries sharing one would be one place; neither is dropped.
    pub fn dedupe_ids(&mut self) {
        // Most blogs repeat no id, which is seen without copying one.
        let mut seen: foldhash::HashSet<&str> =
            foldhash::HashSetExt::with_capacity(self.entries.len());
        if self.entries.iter().all(|e| seen.insert(e.id.as_str())) {
            return;
        }
        let mut ids = UniqueIds::default();
        for e in &mut self.entries {
            let id = std::mem::take(&mut e.id);
            e.id = ids.claim(id);
        }
    }

    /// Links each key event to the loaded entry it heads: by id when the source gave one,
    /// else by an entry whose title is the key event's title.
    /// Gives a key event listed without a time the time of its entry, when that is loaded:
    /// as a page's list of key events is dated by the posts on the page, the list of a later
    /// read is dated by the posts kept from earlier ones (a post that a paged blog's first
    /// page no longer holds is still on screen, and its key event keeps its time).
    pub fn date_key_events_by_entries(&mut self) {
        let undated: foldhash::HashSet<&str> = (self.key_events.iter())
            .filter(|k| k.published.is_none())
            .filter_map(|k| k.entry_id.as_deref())
            .collect();
        if undated.is_empty() {
            return;
        }
        let times: foldhash::HashMap<String, Stamp> = (self.entries.iter())
            .filter(|e| undated.contains(e.id.as_str()))
            .filter_map(|e| Some((e.id.clone(), e.time()?)))
            .collect();
        for k in &mut self.key_events {
            if k.published.is_none()
                && let Some(t) = k.entry_id.as_deref().and_then(|id| times.get(id))
            {
                k.published = Some(*t);
            }
        }
    }

    pub fn link_key_events(&mut self) {
        if self.key_events.iter().all(|k| k.entry_id.is_some()) {
            return;
        }
        // One map of titles, so a blog with thousands of entries and key events links in
        // linear time. The first (newest) entry with a title wins, as a search would find it.
        // The titles' lengths too, by their remainder by 64: a large file's beginning has a
        // handful of titled entries for its thousand key events, most of whose titles need not
        // be hashed to be found missing.
        let mut by_title: foldhash::HashMap<&str, &str> = foldhash::HashMap::default();
        let mut lengths = 0u64;
        for e in &self.entries {
            if let Some(t) = e.title.as_deref() {
                by_title.entry(t).or_insert(e.id.as_str());
                lengths |= 1 << (t.len() % 64);
            }
        }
        for k in &mut self.key_events {
            if k.entry_id.is_none() && lengths & (1 << (k.title.len() % 64)) != 0 {
                k.entry_id = by_title.get(k.title.as_str()).map(|id| (*id).to_string());
            }
        }
    }
}

/// Hands out distinct ids in order: the first `x` stays `x`, a repeat becomes the first of
/// `x-2`, `x-3`… not yet handed out. Linear in the number of ids, however many repeat: each
/// id remembers where its counter stopped, so a document of a million entries that all say
/// `x` is not a million searches from `x-2` up.
#[derive(Default)]
pub(crate) struct UniqueIds {
    /// Each id handed out, with the counter its next repeat tries first.
    taken: foldhash::HashMap<String, u32>,
}

impl UniqueIds {
    pub(crate) fn claim(&mut self, id: String) -> String {
        use std::collections::hash_map::Entry as Slot;
        let (base, mut n) = match self.taken.entry(id) {
            Slot::Vacant(slot) => {
                let id = slot.key().clone();
                slot.insert(2);
                return id;
            }
            Slot::Occupied(slot) => (slot.key().clone(), *slot.get()),
        };
        // Every number below the counter is taken (ids are never given back), so the search
        // goes on from where it stopped; each skip is past an id handed out, once per base.
        let mut candidate = format!("{base}-{n}");
        while self.taken.contains_key(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.taken.insert(base, n + 1);
        self.taken.insert(candidate.clone(), 2);
        candidate
    }
}

impl Entry {
    /// Makes every string of the entry safe for a terminal, as [`LiveBlog::sanitize`] does.
    pub(crate) fn sanitize(&mut self) {
        use crate::sanitize::{TITLE_MAX, line_mut, line_opt};
        line_mut(&mut self.id, TITLE_MAX);
        line_opt(&mut self.title, TITLE_MAX);
        line_opt(&mut self.time_as_written, TIME_AS_WRITTEN_MAX);
        for a in &mut self.authors {
            line_mut(a, TITLE_MAX);
        }
        self.authors.retain(|a| !a.is_empty());
        for b in &mut self.body {
            b.sanitize();
        }
    }

    /// When the entry was edited, as the reader and a dump say it: its `updated` time, but
    /// only a minute or more after it was posted. Sources stamp a post's first save a few
    /// seconds apart from its publication, either way round; that is no edit.
    pub fn edited_at(&self) -> Option<Stamp> {
        let u = self.updated?;
        match self.published {
            Some(p) if u.instant().as_second() - p.instant().as_second() < 60 => None,
            _ => Some(u),
        }
    }

    /// Whether a change to what the entry says is told as an edit: not when its own times
    /// say it was changed while it was being posted, an update within the minute
    /// [`Self::edited_at`] does not count, so that what says "edited" (the catch-up) and
    /// what says "updated" (the entry's header) agree. Without an update time it cannot be
    /// told, and a change is an edit. Nor can it by an update time that is the publication's
    /// own: RSS has no time of update, and its readers (feed-rs among them) copy `pubDate`
    /// there, as sites that write JSON-LD's `dateModified` once, as they post, do.
    pub fn changed_as_edit(&self) -> bool {
        let told = |u: Stamp| self.published.is_none_or(|p| p.instant() != u.instant());
        self.updated.is_none_or(|u| !told(u)) || self.edited_at().is_some()
    }

    /// What the entry says as an edit's difference compares it: its title, a blank line, then
    /// its body as plain text. Kept for an edited entry, so that `d` can show what changed.
    pub fn said(&self) -> String {
        let mut t = String::new();
        if let Some(title) = &self.title {
            t.push_str(title);
            t.push_str("\n\n");
        }
        t.push_str(&self.plain_text());
        t
    }

    /// The body as plain text: blocks separated by a blank line, links left inline.
    pub fn plain_text(&self) -> String {
        let indents = has_nested_lists(&self.body).then(|| list_indents(&self.body));
        let mut out = String::new();
        for (i, b) in self.body.iter().enumerate() {
            let t = match &indents {
                Some(at) if matches!(b, Block::List { .. }) => b.list_text(at[i]),
                _ => b.plain_text(),
            };
            if t.is_empty() {
                continue;
            }
            if !out.is_empty() {
                let goes_on = i > 0
                    && (continues_list(&self.body[i - 1], b)
                        || quote_goes_on(&self.body[i - 1], b).is_some());
                out.push_str(if goes_on { "\n" } else { "\n\n" });
            }
            out.push_str(&t);
        }
        out
    }

    /// Whether `newer`, a later version of this entry, says the same: every field equal, times
    /// compared as instants. A source that writes the same moment with another offset (`+01:00`
    /// one time, `Z` the next, or every time in its current offset after a clock change) has
    /// not edited anything, so nothing may be marked "updated" for it. Nor has one that gives a
    /// time where it gave none: a page's structured data often times only its newest updates,
    /// and the older ones get their times once newer ones push them down. A time that changes,
    /// or goes, is still a change.
    pub fn unchanged_in(&self, newer: &Entry) -> bool {
        // Destructured so that a new field cannot be forgotten here.
        let Entry {
            id,
            title,
            published,
            updated,
            time_as_written,
            authors,
            key_event,
            pinned,
            summary,
            body,
            // Where the entry was read from, not what it says.
            read_from: _,
        } = self;
        let same_time = |old: &Option<Stamp>, new: &Option<Stamp>| match (old, new) {
            (None, _) => true,
            (Some(o), Some(n)) => o.instant() == n.instant(),
            (Some(_), None) => false,
        };
        let same_label = time_as_written.is_none() || *time_as_written == newer.time_as_written;
        *id == newer.id
            && *title == newer.title
            && same_time(published, &newer.published)
            && same_time(updated, &newer.updated)
            && same_label
            && *authors == newer.authors
            && *key_event == newer.key_event
            && *pinned == newer.pinned
            && *summary == newer.summary
            && *body == newer.body
    }

    /// The time to show for this entry: when it was first published, else last updated.
    pub fn time(&self) -> Option<Stamp> {
        self.published.or(self.updated)
    }
}

/// Longest time-as-written label kept: a clock time or minute marker is a few characters, and
/// a longer one would crowd the byline.
const TIME_AS_WRITTEN_MAX: usize = 24;

/// A stable id from text, for sources that carry none (the plain-text form, some pages).
/// FNV-1a, so the same text gives the same id on every run and every machine.
pub fn text_id(prefix: &str, text: &str) -> String {
    format!("{prefix}{:016x}", fnv1a(text.as_bytes()))
}

/// 64-bit FNV-1a: the same bytes give the same number on every run, machine and Rust version
/// (unlike `std`'s hasher), so it can name files and fingerprint entries kept on disk.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::default();
    h.add(bytes);
    h.finish()
}

/// [`fnv1a`] of what is written to it, so a document can be hashed as it is serialised.
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    /// Hashes `bytes` after what was hashed before.
    pub fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

impl std::io::Write for Fnv1a {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.add(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ids_get_the_first_free_counter_in_order() {
        let mut blog = LiveBlog::default();
        for id in ["a", "a", "a-2", "a", "b", "a-3", "a"] {
            blog.entries.push(Entry {
                id: id.into(),
                ..Entry::default()
            });
        }
        blog.dedupe_ids();
        let ids: Vec<&str> = blog.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "a-2-2", "a-3", "b", "a-3-2", "a-4"]);
    }

    #[test]
    fn a_hundred_thousand_entries_with_one_id_all_get_their_own() {
        // Searched from `x-2` up for each repeat, this took minutes.
        let mut blog = LiveBlog {
            entries: vec![
                Entry {
                    id: "x".into(),
                    ..Entry::default()
                };
                100_000
            ],
            ..LiveBlog::default()
        };
        blog.dedupe_ids();
        assert_eq!(blog.entries[99_999].id, "x-100000");
        let distinct: foldhash::HashSet<&str> =
            blog.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(distinct.len(), 100_000);
    }

    #[test]
    fn text_ids_are_stable_and_distinct() {
        assert_eq!(text_id("t-", "a"), text_id("t-", "a"));
        assert_ne!(text_id("t-", "a"), text_id("t-", "b"));
        assert_eq!(text_id("t-", ""), "t-cbf29ce484222325");
    }

    #[test]
    fn repeated_ids_are_made_distinct_and_nothing_is_dropped() {
        let e = |id: &str| Entry {
            id: id.into(),
            ..Entry::default()
        };
        let mut blog = LiveBlog {
            entries: vec![e("a"), e("a"), e("a-2"), e("a")],
            ..LiveBlog::default()
        };
        blog.dedupe_ids();
        let ids: Vec<&str> = blog.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "a-2-2", "a-3"]);
    }

    #[test]
    fn key_events_link_by_title_when_no_id() {
        let mut blog = LiveBlog {
            entries: vec![Entry {
                id: "e1".into(),
                title: Some("Hello".into()),
                ..Entry::default()
            }],
            key_events: vec![
                KeyEvent {
                    title: "Hello".into(),
                    ..KeyEvent::default()
                },
                KeyEvent {
                    title: "Gone".into(),
                    ..KeyEvent::default()
                },
            ],
            ..LiveBlog::default()
        };
        blog.link_key_events();
        assert_eq!(blog.key_events[0].entry_id.as_deref(), Some("e1"));
        assert_eq!(blog.key_events[1].entry_id, None);
    }

    /// Every key event is linked to the first entry of its title, whatever the titles'
    /// lengths (those passed over unhashed share a remainder by 64 with none of the entries').
    #[test]
    fn key_events_link_to_the_first_entry_of_their_title_at_any_length() {
        let mut rng = fastrand::Rng::with_seed(3);
        for _ in 0..200 {
            let title = |rng: &mut fastrand::Rng| "x".repeat(rng.usize(1..140));
            let entries: Vec<Entry> = (0..rng.usize(0..8))
                .map(|i| Entry {
                    id: format!("e{i}"),
                    title: rng.bool().then(|| title(&mut rng)),
                    ..Entry::default()
                })
                .collect();
            let key_events = (0..rng.usize(0..30))
                .map(|_| KeyEvent {
                    title: title(&mut rng),
                    ..KeyEvent::default()
                })
                .collect();
            let mut blog = LiveBlog {
                entries,
                key_events,
                ..LiveBlog::default()
            };
            blog.link_key_events();
            for k in &blog.key_events {
                let first = blog
                    .entries
                    .iter()
                    .find(|e| e.title.as_ref() == Some(&k.title));
                assert_eq!(k.entry_id, first.map(|e| e.id.clone()), "{}", k.title.len());
            }
        }
    }
}
