//! A set of entry ids held in one string.
//!
//! A read state brings back thousands of ids of entries that were on screen, and they are read
//! before the first screen (its unread marks need them). Held as a `String` each, every id was
//! an allocation, a copy and a hash set's slot of its own, the larger part of reading the
//! state; here they are copied into one growing string and the set holds where each lies.

use foldhash::HashMap;
use foldhash::fast::RandomState;
use hashbrown::HashTable;
use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::hash::BuildHasher;

/// Distinct ids, each cleaned as entry ids are when it comes from a file (see
/// [`IdSet::insert_from_file`]).
#[derive(Clone, Default)]
pub struct IdSet {
    /// The ids, one after another (and those removed since, until the set is rebuilt).
    text: String,
    /// Where each id lies in `text`.
    spans: HashTable<(usize, usize)>,
    /// Seeded at random in each process, as the other sets of ids are.
    hasher: RandomState,
}

impl IdSet {
    /// Room for `ids` ids of `text` bytes in all.
    fn with_capacity(ids: usize, text: usize) -> Self {
        IdSet {
            text: String::with_capacity(text),
            spans: HashTable::with_capacity(ids),
            hasher: RandomState::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn at(text: &str, (start, end): (usize, usize)) -> &str {
        &text[start..end]
    }

    pub fn contains(&self, id: &str) -> bool {
        let text = &self.text;
        self.spans
            .find(self.hasher.hash_one(id), |&s| Self::at(text, s) == id)
            .is_some()
    }

    /// Adds `id`; `false` if it was there already.
    pub fn insert(&mut self, id: &str) -> bool {
        let hash = self.hasher.hash_one(id);
        let text = &self.text;
        if self
            .spans
            .find(hash, |&s| Self::at(text, s) == id)
            .is_some()
        {
            return false;
        }
        let start = self.text.len();
        self.text.push_str(id);
        let (text, hasher) = (&self.text, &self.hasher);
        self.spans
            .insert_unique(hash, (start, self.text.len()), |&s| {
                hasher.hash_one(Self::at(text, s))
            });
        true
    }

    /// Adds an id read from a file, cleaned first as an entry's id is, so that it still equals
    /// the entry's.
    fn insert_from_file(&mut self, id: &str) {
        self.insert(&crate::sanitize::line_cow(id, crate::sanitize::TITLE_MAX));
    }

    /// Removes `id`; `false` if it was not there.
    pub fn remove(&mut self, id: &str) -> bool {
        let text = &self.text;
        match self
            .spans
            .find_entry(self.hasher.hash_one(id), |&s| Self::at(text, s) == id)
        {
            Ok(entry) => {
                entry.remove();
                true
            }
            Err(_) => false,
        }
    }

    /// Keeps only the ids `keep` says to, in a string of their own.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        let mut kept = IdSet {
            hasher: self.hasher.clone(),
            ..IdSet::default()
        };
        for id in self.iter().filter(|id| keep(id)) {
            kept.insert(id);
        }
        *self = kept;
    }

    /// The ids, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|&s| Self::at(&self.text, s))
    }
}

impl<'a> Extend<&'a str> for IdSet {
    fn extend<I: IntoIterator<Item = &'a str>>(&mut self, ids: I) {
        for id in ids {
            self.insert(id);
        }
    }
}

impl<'a> FromIterator<&'a str> for IdSet {
    fn from_iter<I: IntoIterator<Item = &'a str>>(ids: I) -> Self {
        let mut set = IdSet::default();
        set.extend(ids);
        set
    }
}

impl PartialEq for IdSet {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|id| other.contains(id))
    }
}

impl Eq for IdSet {}

impl std::fmt::Debug for IdSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// Ids as a read state file holds them, a string of [`write_ids`] (or, from version 1, a JSON
/// array):
/// each cleaned, and no more than [`super::IDS_MAX`] taken (the rest are read past).
impl<'de> Deserialize<'de> for IdSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ids;
        impl<'de> Visitor<'de> for Ids {
            type Value = IdSet;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("entry ids, a line each")
            }
            fn visit_str<E: serde::de::Error>(self, written: &str) -> Result<IdSet, E> {
                let ids = memchr::memchr_iter(b' ', written.as_bytes()).count() + 1;
                let mut set = IdSet::with_capacity(ids.min(super::IDS_MAX), written.len());
                for id in read_ids(written) {
                    set.insert_from_file(&id);
                }
                Ok(set)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<IdSet, A::Error> {
                let mut set = IdSet::default();
                let mut taken = 0;
                while taken < super::IDS_MAX {
                    if seq.next_element_seed(AddTo(&mut set))?.is_none() {
                        return Ok(set);
                    }
                    taken += 1;
                }
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(set)
            }
        }
        deserializer.deserialize_any(Ids)
    }
}

/// One id of the array, added to the set without a string of its own.
struct AddTo<'s>(&'s mut IdSet);

impl<'de> DeserializeSeed<'de> for AddTo<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for AddTo<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an entry id")
    }
    fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<(), E> {
        self.0.insert_from_file(id);
        Ok(())
    }
}

/// Ids as a read state file holds them: one string, sorted, each followed by a space, and a
/// space or `%` in an id written `%20` or `%25` (ids are cleaned as a line of text, so that is
/// all a space could be mistaken for). Most ids are ASCII without either, and the string is
/// then read as fast as JSON reads any string: no escapes, no UTF-8 to check.
pub(super) fn write_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let mut ids: Vec<&str> = ids.collect();
    ids.sort_unstable();
    write_ids_in_order(&ids)
}

/// As [`write_ids`], in the order given: for a list whose order says something (a blog's
/// entries, newest first).
pub(super) fn write_ids_in_order(ids: &[&str]) -> String {
    let mut written = String::with_capacity(ids.iter().map(|id| id.len() + 1).sum());
    for id in ids {
        escape_into(&mut written, id);
        written.push(' ');
    }
    written
}

/// Fingerprints as a read state file holds them: as [`write_ids`] writes ids, sorted by id,
/// each id after its fingerprint in 16 hex digits.
pub(super) fn write_fingerprints(fingerprints: &HashMap<String, u64>) -> String {
    use std::fmt::Write as _;
    let mut pairs: Vec<(&str, u64)> = fingerprints.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    pairs.sort_unstable();
    let mut written = String::with_capacity(pairs.iter().map(|(id, _)| id.len() + 17).sum());
    for (id, fingerprint) in pairs {
        let _ = write!(written, "{fingerprint:016x}");
        escape_into(&mut written, id);
        written.push(' ');
    }
    written
}

fn escape_into(out: &mut String, id: &str) {
    if !id.contains([' ', '%']) {
        out.push_str(id);
        return;
    }
    for c in id.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
}

/// What [`write_ids`] (or [`write_fingerprints`]) wrote, an entry at a time, at most
/// [`super::IDS_MAX`]; a last one without its space counts. A `%` not followed by `20` or `25`
/// is kept as it is.
pub(super) fn read_ids(written: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b' ', written.as_bytes());
    std::iter::from_fn(move || {
        let end = ends
            .next()
            .or_else(|| (start < written.len()).then_some(written.len()))?;
        let entry = written.get(start..end)?;
        start = end + 1;
        Some(unescape(entry))
    })
    .take(super::IDS_MAX)
}

/// How many ids [`read_ids`] reads from `written`: the table they go into is made that size
/// at once rather than grown by doubling, a rehash of every id so far each time.
pub(super) fn count_ids(written: &str) -> usize {
    let ends = memchr::memchr_iter(b' ', written.as_bytes()).count();
    let last = usize::from(!written.is_empty() && !written.ends_with(' '));
    (ends + last).min(super::IDS_MAX)
}

fn unescape(entry: &str) -> Cow<'_, str> {
    if memchr::memchr(b'%', entry.as_bytes()).is_none() {
        return Cow::Borrowed(entry);
    }
    let mut id = String::with_capacity(entry.len());
    let mut rest = entry;
    while let Some(at) = rest.find('%') {
        id.push_str(&rest[..at]);
        let (c, len) = match rest.get(at + 1..at + 3) {
            Some("20") => (' ', 3),
            Some("25") => ('%', 3),
            _ => ('%', 1),
        };
        id.push(c);
        rest = &rest[at + len..];
    }
    id.push_str(rest);
    Cow::Owned(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_is_a_set() {
        let mut s = IdSet::default();
        assert!(s.insert("a") && s.insert("b") && s.insert(""));
        assert!(!s.insert("a"));
        assert_eq!(s.len(), 3);
        assert!(s.contains("a") && s.contains("") && !s.contains("ab"));
        assert!(s.remove("a") && !s.remove("a"));
        assert!(!s.contains("a") && s.contains("b"));
        assert!(s.insert("a"), "a removed id comes back");
        s.retain(|id| id != "b");
        let mut ids: Vec<&str> = s.iter().collect();
        ids.sort_unstable();
        assert_eq!(ids, ["", "a"]);
        assert_eq!(s, ["a", ""].into_iter().collect());
        assert_ne!(s, ["a", "b"].into_iter().collect());
    }

    #[test]
    fn ids_written_are_read_back_whatever_they_hold() {
        let ids = [
            "plain",
            "with space",
            "100%",
            "%20",
            "%2520",
            " lead",
            "trail ",
            "",
            "é %",
            "%",
        ];
        let written = write_ids(ids.into_iter());
        assert!(!written.contains("  "), "{written}");
        let mut back: Vec<String> = read_ids(&written).map(Cow::into_owned).collect();
        back.sort_unstable();
        let mut want: Vec<&str> = ids.to_vec();
        want.sort_unstable();
        assert_eq!(back, want);
        assert_eq!(write_ids(["b", "a"].into_iter()), "a b ");
        assert_eq!(unescape("50%off%2"), "50%off%2", "a lone % is kept");
        assert_eq!(read_ids("a b").count(), 2, "a last id without its space");
        assert_eq!(read_ids("").count(), 0);
        for written in ["a b", "a b ", "", "a", "a%20b c ", "a  b "] {
            assert_eq!(count_ids(written), read_ids(written).count(), "{written:?}");
        }
    }

    #[test]
    fn many_ids_stay_apart() {
        let ids: Vec<String> = (0..5000).map(|i| format!("id-{i}")).collect();
        let mut s: IdSet = ids.iter().map(String::as_str).collect();
        assert_eq!(s.len(), 5000);
        assert!(ids.iter().all(|id| s.contains(id)));
        s.retain(|id| id.ends_with('7'));
        assert_eq!(s.len(), 500);
        assert!(s.contains("id-4997") && !s.contains("id-4996"));
    }

    #[test]
    fn read_from_a_file_each_id_is_cleaned_and_escapes_are_read() {
        let s: IdSet =
            serde_json::from_str(r#"["plain", " padded ", "esc\u001b[2Jape", "a\"b", "plain"]"#)
                .unwrap();
        assert_eq!(s.len(), 4);
        for id in ["plain", "padded", "esc[2Jape", "a\"b"] {
            assert!(s.contains(id), "{id}");
        }
        // As this version writes them: each followed by a space.
        let s: IdSet =
            serde_json::from_str(r#""plain %20padded%20 esc\u001b[2Jape  last""#).unwrap();
        assert_eq!(s.len(), 5);
        for id in ["plain", "padded", "esc[2Jape", "", "last"] {
            assert!(s.contains(id), "{id}");
        }
        assert!(serde_json::from_str::<IdSet>(r#""""#).unwrap().is_empty());
        assert!(serde_json::from_str::<IdSet>(r#"["a", 1]"#).is_err());
        assert!(serde_json::from_str::<IdSet>(r#"{"a": 1}"#).is_err());
    }
}
