//! An answer read in one pass, into the few fields the plugin's entries are read by.
//!
//! Read as a whole `serde_json::Value` first, an answer of 5,000 entries made a map and a
//! string for every field of every entry, and its list of entries was then copied whole:
//! nearly a third of reading it. Here each entry keeps only the fields [`super::item`] reads,
//! its strings borrowed from the document where they have no escapes, and skips the rest.
//!
//! What is read is what the tree gave: a field of the wrong type reads as missing, the last of
//! twin keys wins, an entry that is not an object has no fields, and the document is checked
//! whole (its syntax, its depth) before any entry is judged, so a broken document is said to be
//! broken whatever its entries hold.

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Number;
use std::borrow::Cow;
use std::fmt;

/// The visits of a value that is neither an object nor a list, each giving the visitor's
/// value for "nothing here": `Default::default()`.
macro_rules! other_types_give_default {
    () => {
        fn visit_borrowed_str<E>(self, _: &'de str) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
    };
}

/// A field's value as the plugin's fields are read: a string, a number or a boolean; anything
/// else (null, a list, an object) is only skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) enum Field<'a> {
    Str(Cow<'a, str>),
    Num(Number),
    Bool(bool),
    #[default]
    Other,
}

impl Field<'_> {
    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Field::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A number the plugin may write as a number or as a string of digits.
    pub(super) fn number(&self) -> Option<i64> {
        match self {
            Field::Num(n) => n.as_i64(),
            Field::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// The fields of one entry the reading uses; all missing for an entry that is not an object.
#[derive(Debug, Default)]
pub(super) struct RawItem<'a> {
    pub id: Field<'a>,
    pub kind: Field<'a>,
    pub render: Field<'a>,
    pub content: Field<'a>,
    pub timestamp: Field<'a>,
    pub entry_time: Field<'a>,
    pub key_event: Field<'a>,
    pub key_event_content: Field<'a>,
    /// The `name` strings of `authors`, when it is a list (of objects).
    pub author_names: Vec<Cow<'a, str>>,
    pub author_link: Field<'a>,
}

/// A whole answer: a bare list of entries, or an object holding them.
#[derive(Debug, Default)]
pub(super) enum RawAnswer<'a> {
    List(Vec<RawItem<'a>>),
    Object {
        /// `None` when there is no `entries` (or it is null); what it is when it is neither
        /// that nor a list (the last of twin keys counts, as for any field).
        entries: Result<Option<Vec<RawItem<'a>>>, String>,
        latest_timestamp: Field<'a>,
        refresh_interval: Field<'a>,
        page: Field<'a>,
        pages: Field<'a>,
    },
    /// Neither (a string, a number…).
    #[default]
    Neither,
}

impl<'de: 'a, 'a> Deserialize<'de> for Field<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Field::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Field::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Field::Str(Cow::Owned(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Field::Num(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Field::Num(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        // As the tree keeps it: a number that is not finite cannot be written, and is none.
        Ok(Number::from_f64(v).map_or(Field::Other, Field::Num))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Field::Bool(v))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Field::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Other)
    }
}

/// A key, borrowed where it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Field::deserialize(d)? {
            Field::Str(s) => Ok(Key(s)),
            _ => Err(de::Error::custom("a key that is not a string")),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawItem<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemVisitor)
    }
}

struct ItemVisitor;

impl<'de> Visitor<'de> for ItemVisitor {
    type Value = RawItem<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an entry")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut it = RawItem::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let slot = match &*key {
                "id" => &mut it.id,
                "type" => &mut it.kind,
                "render" => &mut it.render,
                "content" => &mut it.content,
                "timestamp" => &mut it.timestamp,
                "entry_time" => &mut it.entry_time,
                "key_event" => &mut it.key_event,
                "key_event_content" => &mut it.key_event_content,
                "author_link" => &mut it.author_link,
                "authors" => {
                    it.author_names = map.next_value::<AuthorNames<'de>>()?.0;
                    continue;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value()?;
        }
        Ok(it)
    }
    // Not an object: an entry without fields, which has no id.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        FieldVisitor.visit_seq(seq).map(|_| RawItem::default())
    }
    other_types_give_default!();
}

/// `authors`: the `name` string of each object of the list; none when it is not a list.
#[derive(Default)]
struct AuthorNames<'a>(Vec<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for AuthorNames<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AuthorNames<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of authors")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut names = Vec::new();
                while let Some(author) = seq.next_element::<RawAuthor<'de>>()? {
                    if let Field::Str(name) = author.0 {
                        names.push(name);
                    }
                }
                Ok(AuthorNames(names))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                FieldVisitor.visit_map(map).map(|_| AuthorNames(Vec::new()))
            }
            other_types_give_default!();
        }
        d.deserialize_any(V)
    }
}

/// One author: its `name` field (the last one, if twice), whatever it holds.
#[derive(Default)]
struct RawAuthor<'a>(Field<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for RawAuthor<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawAuthor<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an author")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut name = Field::Other;
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    if key == "name" {
                        name = map.next_value()?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(RawAuthor(name))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                FieldVisitor.visit_seq(seq).map(|_| RawAuthor(Field::Other))
            }
            other_types_give_default!();
        }
        d.deserialize_any(V)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawAnswer<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = RawAnswer<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer of the plugin")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Entries::read(seq).map(|e| RawAnswer::List(e.0))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Ok(None);
        let (mut latest, mut refresh, mut page, mut pages) = Default::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let slot = match &*key {
                "entries" => {
                    entries = map.next_value::<EntriesField<'de>>()?.0;
                    continue;
                }
                "latest_timestamp" => &mut latest,
                "refresh_interval" => &mut refresh,
                "page" => &mut page,
                "pages" => &mut pages,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value()?;
        }
        Ok(RawAnswer::Object {
            entries,
            latest_timestamp: latest,
            refresh_interval: refresh,
            page,
            pages,
        })
    }
    other_types_give_default!();
}

/// A list of entries: the first [`super::MAX_ENTRIES`] read, the rest only checked.
struct Entries<'a>(Vec<RawItem<'a>>);

impl<'a> Entries<'a> {
    fn read<'de: 'a, A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(super::MAX_ENTRIES));
        while items.len() < super::MAX_ENTRIES {
            match seq.next_element::<RawItem<'de>>()? {
                Some(it) => items.push(it),
                None => return Ok(Entries(items)),
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Entries(items))
    }
}

/// The value of `entries`: a list read, null, or what else it is.
struct EntriesField<'a>(Result<Option<Vec<RawItem<'a>>>, String>);

impl<'de: 'a, 'a> Deserialize<'de> for EntriesField<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EntriesField<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Entries::read(seq).map(|e| EntriesField(Ok(Some(e.0))))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(EntriesField(Ok(None)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                FieldVisitor.visit_map(map)?;
                Ok(EntriesField(Err("an object".into())))
            }
            fn visit_borrowed_str<E>(self, _: &'de str) -> Result<Self::Value, E> {
                Ok(EntriesField(Err("a string".into())))
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(EntriesField(Err("a string".into())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(EntriesField(Err(format!("the number {v}"))))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(EntriesField(Err(format!("the number {v}"))))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                Ok(EntriesField(Err(format!("the number {v}"))))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
                Ok(EntriesField(Err(format!("{v}"))))
            }
        }
        d.deserialize_any(V)
    }
}
