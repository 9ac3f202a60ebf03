//! A set of entry ids held in one string.
//!
//! A read state brings back thousands of ids of entries that were on screen, and they are read
//! before the first screen (its unread marks need them). Held as a `String` each, every id was
//! an allocation, a copy and a hash set's slot of its own, the larger part of reading the
//! state; here they are copied into one growing string and the set holds where each lies.

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
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
        if crate::sanitize::is_clean_line(id, crate::sanitize::TITLE_MAX) {
            self.insert(id);
        } else {
            self.insert(&crate::sanitize::line(id, crate::sanitize::TITLE_MAX));
        }
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

/// A JSON array of ids, as a read state file holds them: each cleaned, and no more than
/// [`super::IDS_MAX`] taken (the rest are read past).
impl<'de> Deserialize<'de> for IdSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ids;
        impl<'de> Visitor<'de> for Ids {
            type Value = IdSet;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of entry ids")
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
        deserializer.deserialize_seq(Ids)
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
    fn read_from_json_each_id_is_cleaned_and_escapes_are_read() {
        let s: IdSet =
            serde_json::from_str(r#"["plain", " padded ", "esc\u001b[2Jape", "a\"b", "plain"]"#)
                .unwrap();
        assert_eq!(s.len(), 4);
        for id in ["plain", "padded", "esc[2Jape", "a\"b"] {
            assert!(s.contains(id), "{id}");
        }
        assert!(serde_json::from_str::<IdSet>(r#"["a", 1]"#).is_err());
        assert!(serde_json::from_str::<IdSet>(r#"{"a": 1}"#).is_err());
    }
}
