//! A new terminal size or pane width: the entries laid out again around the reader's place,
//! and that place given back when a run of resizes comes back to where it began, whatever
//! refreshes came in between.

use super::{Anchor, Model};

/// What a run of resizes (a window dragged, a pane zoomed) carries from one size to the next.
/// Until the reader moves, the run's place is the place: a taller pane near the blog's end
/// fills with the entries above it, and the place comes back once the pane is short again.
#[derive(Debug, Clone)]
pub(super) struct ResizeRun {
    /// The pane's text width before the run, and the place then: a line of an entry at one
    /// width is a share of a line at another, so a terminal dragged wider and back would
    /// otherwise come back a line or two off.
    width: u16,
    origin: Anchor,
    /// The place at the width now, before the pane's height moved the top up to fill it.
    chosen: Anchor,
    /// The top as the last resize left it: once anything else moves it, the run is over.
    shown: Anchor,
    /// The key event first in the sidebar's view when the run began, and the sidebar's offset
    /// and length as the last resize (or refresh) left them: once the sidebar is scrolled, the
    /// key event first in view is. A refresh finds the same key event in the new list, as it
    /// does the sidebar's place out of a run (see [`Model::carry_resize_run`]).
    sidebar_first: Option<usize>,
    sidebar_shown: usize,
    sidebar_len: usize,
}

impl ResizeRun {
    /// The key event the sidebar began the run on, or the first in view once it was scrolled:
    /// the sidebar's place for a refresh during the run.
    pub(super) fn sidebar_first(&self) -> Option<usize> {
        self.sidebar_first
    }
}

impl Model {
    /// The reader's place: the top, or during a run of resizes the place the run keeps, which
    /// a tall pane near the blog's end shows lower down than the top. A refresh keeps this
    /// place, not the top, and a resize back to the size before the run shows it on top.
    pub fn place(&self) -> &Anchor {
        match &self.resize_run {
            Some(run) if run.shown == self.top => &run.chosen,
            _ => &self.top,
        }
    }

    /// The terminal's size. The same size again (the loop's first look at the terminal, a
    /// resume) changes no layout: laying out the sidebar again would only delay the frame.
    pub(super) fn resize(&mut self, width: u16, height: u16) {
        if (width, height) == self.size {
            return;
        }
        let run = self
            .resize_run
            .take()
            .filter(|run| run.shown == self.top)
            .filter(|run| {
                run.chosen
                    .id
                    .as_ref()
                    .is_some_and(|id| self.index.contains_key(id))
            });
        // The sidebar's lines are wrapped again too: it stays on the item first in view, or
        // the one the run began on, which a taller sidebar near the list's end, or a size too
        // narrow for the sidebar, does not show first.
        let sidebar_kept = run.as_ref().filter(|run| {
            (run.sidebar_shown, run.sidebar_len) == (self.sidebar.offset, self.sidebar.len())
        });
        let first_item = sidebar_kept
            .and_then(|run| run.sidebar_first)
            .or_else(|| self.sidebar.item_at_line(self.sidebar.offset));
        let (origin_width, origin) = match run {
            Some(run) => {
                self.top = run.chosen;
                (run.width, run.origin)
            }
            None => (self.panes.text_width(), self.top.clone()),
        };
        // The help keeps the key first in view, whose lines the new width wraps again.
        let help_place = self.show_help.then(|| self.help_place(self.size.0));
        self.size = (width, height);
        self.rewrap_place();
        if origin_width == self.panes.text_width() {
            self.top = origin.clone();
        }
        let chosen = self.top.clone();
        self.settle_layout(first_item);
        self.resize_run = Some(ResizeRun {
            width: origin_width,
            origin,
            chosen,
            shown: self.top.clone(),
            sidebar_first: first_item,
            sidebar_shown: self.sidebar.offset,
            sidebar_len: self.sidebar.len(),
        });
        // A help or diff scrolled to its end in a short terminal shows its end in a
        // taller one, not rows of nothing below it.
        if let Some(place) = help_place {
            self.set_help_place(place);
        }
        if let Some(d) = &mut self.diff {
            d.offset = d.offset.min(d.last(width, self.panes.status.y));
        }
    }

    /// Recomputes the panes and layouts after a size, sidebar or content change.
    pub(super) fn relayout(&mut self) {
        self.relayout_from(None);
    }

    /// [`Self::relayout`], the sidebar shown from key event `first` (the one first in view
    /// before a new sidebar width wrapped its items again, which a line number would not find).
    pub(super) fn relayout_from(&mut self, first: Option<usize>) {
        self.rewrap_place();
        self.settle_layout(first);
    }

    /// The panes for the size now, and the top's line for the width now: the same entry at
    /// the top and what of it was there. Where the top may be is for [`Self::settle_layout`].
    fn rewrap_place(&mut self) {
        self.compute_panes();
        // Only a line into the top entry needs its old height (a place at an entry's first line
        // stays there): measuring it lays the entry out at the old width, which on a start is
        // a whole layout for nothing.
        let old = self.top_index().filter(|_| self.top.line > 0).map(|i| {
            let l = self.cache.layout(&self.blog.entries[i]);
            (l.height(), l.separator_from)
        });
        let mut cx = self.cache.context().clone();
        cx.width = self.panes.text_width().into();
        cx.theme = self.theme;
        self.cache.set_context(cx);
        // The same line of the break below the entry, which is as tall at any width, or
        // proportionally the same line of its text, never past it (the entry being read stays
        // the one being read).
        if let (Some(i), Some((h0, sep0))) = (self.top_index(), old) {
            let l = self.cache.layout(&self.blog.entries[i]);
            let (h1, sep1) = (l.height(), l.separator_from);
            let line = self.top.line;
            self.top.line = if line >= sep0 {
                (sep1 + (line - sep0)).min(h1.saturating_sub(1))
            } else if h0 > 0 && h1 != h0 {
                (line * h1 / h0).min(sep1.saturating_sub(1))
            } else {
                line
            };
        }
    }

    /// The sidebar laid out afresh (from item `first` in view when one is given), and the top
    /// where the pane allows it.
    fn settle_layout(&mut self, first: Option<usize>) {
        let until = self.sidebar_lookahead(self.sidebar.offset);
        self.lay_out_sidebar(until, true);
        if let Some(k) = first.filter(|_| self.panes.sidebar.is_some()) {
            self.show_sidebar_from(k);
        }
        self.clamp_top();
        self.after_move();
    }

    /// The run of resizes a refresh comes into, taken out to be carried over it (see
    /// [`Self::carry_resize_run`]); `None` when the reader has moved since the last resize.
    /// The sidebar's first item is named now, while its index is into the list it was in.
    pub(super) fn take_resize_run(&mut self) -> Option<ResizeRun> {
        let mut run = self.resize_run.take().filter(|run| run.shown == self.top)?;
        if (run.sidebar_shown, run.sidebar_len) != (self.sidebar.offset, self.sidebar.len()) {
            run.sidebar_first = self.sidebar.item_at_line(self.sidebar.offset);
        }
        Some(run)
    }

    /// Carries a run of resizes over a refresh, once the new version is laid out: the run's
    /// place stays on its entry (within it, if it was edited shorter), or goes to the survivor
    /// the refresh chose for one taken out ([`Self::place_after`]) from its first line at any
    /// width; the sidebar's first item is the one the refresh kept. Else the next resize would
    /// begin afresh from wherever the refresh left the top: above the place in a tall pane
    /// near the blog's end, or off the line the run began on.
    ///
    /// `place` is where the refresh put the reader before the pane's height had its say (the
    /// newest entry for a reader at the very top, who follows the new entries), and
    /// `sidebar_first` the key event the refresh kept the sidebar on: the same key event or
    /// its nearest survivor (`take_in::key_event_after`); `None` for a sidebar at its very top,
    /// which stays there and shows what arrived.
    pub(super) fn carry_resize_run(
        &mut self,
        run: Option<ResizeRun>,
        place: Anchor,
        sidebar_first: Option<usize>,
    ) {
        let Some(mut run) = run else {
            return;
        };
        let Some(i) = place.id.as_ref().and_then(|id| self.index.get(id).copied()) else {
            return;
        };
        if place.id == run.chosen.id {
            let last = self.height_at(i).saturating_sub(1);
            run.chosen.line = run.chosen.line.min(last);
        } else {
            run.origin = place.clone();
            run.chosen = place;
        }
        run.sidebar_first =
            sidebar_first.or_else(|| self.sidebar.item_at_line(self.sidebar.offset));
        run.shown = self.top.clone();
        run.sidebar_shown = self.sidebar.offset;
        run.sidebar_len = self.sidebar.len();
        self.resize_run = Some(run);
    }
}
