//! Entries laid out once per width (and per minute, for relative times), on demand: only the
//! entries that are looked at are ever wrapped, so a 5,000-entry blog costs a screenful.

use crate::blog::Entry;
use crate::tui::layout::{LayoutContext, entry_lines};
use ratatui::text::Line;
use std::collections::HashMap;

#[derive(Debug)]
pub struct LayoutCache {
    cx: LayoutContext,
    lines: HashMap<String, Vec<Line<'static>>>,
}

impl LayoutCache {
    pub fn new(cx: LayoutContext) -> Self {
        Self {
            cx,
            lines: HashMap::new(),
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
            && cx.now.map(|n| n.as_second() / 60) == self.cx.now.map(|n| n.as_second() / 60);
        self.cx = cx;
        if !same {
            self.lines.clear();
        }
    }

    /// Forgets one entry (it was edited).
    pub fn invalidate(&mut self, id: &str) {
        self.lines.remove(id);
    }

    /// Forgets entries no longer in the blog, so memory follows the blog.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.lines.retain(|id, _| keep(id));
    }

    pub fn lines(&mut self, e: &Entry) -> &[Line<'static>] {
        let cx = &self.cx;
        self.lines
            .entry(e.id.clone())
            .or_insert_with(|| entry_lines(e, cx))
    }

    /// A layout already made (the view only reads what `update` prepared).
    pub fn peek(&self, id: &str) -> Option<&[Line<'static>]> {
        self.lines.get(id).map(Vec::as_slice)
    }

    pub fn height(&mut self, e: &Entry) -> usize {
        self.lines(e).len()
    }

    /// Number of layouts held, for tests and the benchmark.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}
