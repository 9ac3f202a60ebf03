//! Entries finished as they are read: see [`Finished`].

use super::cms_tokens;
use crate::blog::Entry;
use crate::blog::merge::sort_newest_first;

/// Where a reader puts the entries it makes, one at a time.
pub(crate) trait Entries: Default {
    fn push(&mut self, entry: Entry);
    /// Puts them newest first, as [`sort_newest_first`] does.
    fn sort_newest_first(&mut self);
}

impl Entries for Vec<Entry> {
    fn push(&mut self, entry: Entry) {
        Vec::push(self, entry);
    }

    fn sort_newest_first(&mut self) {
        sort_newest_first(self);
    }
}

/// Entries that have had what `formats::finish` does to each entry done (sanitised, CMS tokens
/// dropped) as each came in, while its text was still in the cache: after a large blog is
/// read, a pass over every entry's text mostly waits for memory. Only [`Entries::push`] and
/// [`Finished::of`] put an entry here, and both finish it, so no text gets past the sanitiser
/// this way. The entries are private to this module, so no reader can put one here otherwise.
#[derive(Default)]
pub(crate) struct Finished(Vec<Entry>);

impl Finished {
    pub(super) fn of(mut entries: Vec<Entry>) -> Self {
        entries.iter_mut().for_each(finish_entry);
        Finished(entries)
    }

    pub(super) fn into_entries(self) -> Vec<Entry> {
        self.0
    }
}

impl Entries for Finished {
    fn push(&mut self, mut entry: Entry) {
        finish_entry(&mut entry);
        self.0.push(entry);
    }

    fn sort_newest_first(&mut self) {
        sort_newest_first(&mut self.0);
    }
}

/// What `finish` does to each entry, in the order it does it; also for entries read to be
/// applied to a blog on screen rather than into one (a WordPress answer's changes).
pub(super) fn finish_entry(entry: &mut Entry) {
    entry.sanitize();
    cms_tokens::drop_in_entry(entry);
}
