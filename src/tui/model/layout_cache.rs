//! Entries laid out once per width (and per minute, for relative times), on demand: only the
//! entries that are looked at are ever wrapped, so a 5,000-entry blog costs a screenful.

use crate::blog::Entry;
use crate::tui::entry_layout::{EntryLayout, LayoutContext, lay_out};
use foldhash::{HashMap, HashMapExt};

#[derive(Debug)]
pub struct LayoutCache {
    cx: LayoutContext,
    layouts: HashMap<String, EntryLayout>,
}

impl LayoutCache {
    pub fn new(cx: LayoutContext) -> Self {
        Self {
            cx,
            layouts: HashMap::new(),
        }
    }

    pub fn context(&self) -> &LayoutContext {
        &self.cx
    }

    /// Changes what layouts depend on; drops every cached layout only if something changed.
    pub fn set_context(&mut self, cx: LayoutContext) {
        let same = cx.width == self.cx.width
            && cx.theme == self.cx.theme
            && cx.tz == self.cx.tz
            && cx.tags.as_ref().map(std::sync::Arc::as_ptr)
                == self.cx.tags.as_ref().map(std::sync::Arc::as_ptr)
            && cx.now.map(|n| n.as_second() / 60) == self.cx.now.map(|n| n.as_second() / 60);
        self.cx = cx;
        if !same {
            self.layouts.clear();
        }
    }

    /// Forgets one entry (it was edited).
    pub fn invalidate(&mut self, id: &str) {
        self.layouts.remove(id);
    }

    /// Forgets entries no longer in the blog, so memory follows the blog.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.layouts.retain(|id, _| keep(id));
    }

    /// The entry's layout, made now if it is not held.
    pub fn layout(&mut self, e: &Entry) -> &EntryLayout {
        let cx = &self.cx;
        self.layouts
            .entry(e.id.clone())
            .or_insert_with(|| lay_out(e, cx))
    }

    /// A layout already made (the view only reads what `update` prepared).
    pub fn peek(&self, id: &str) -> Option<&EntryLayout> {
        self.layouts.get(id)
    }

    pub fn height(&mut self, e: &Entry) -> usize {
        self.layout(e).height()
    }

    /// Number of layouts held, for tests and the benchmark.
    pub fn len(&self) -> usize {
        self.layouts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.layouts.is_empty()
    }
}
