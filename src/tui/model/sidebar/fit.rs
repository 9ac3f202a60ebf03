//! The sidebar's own width: fitted to its key events as it draws them.

use super::{FIT_SAMPLE, Source, lay_out_item, tag_most};
use crate::blog::LiveBlog;
use crate::tui::model::Model;
use crate::tui::theme::Theme;

impl Model {
    /// The width [`Model::fitting_sidebar_width`] keeps for this terminal width: the narrowest
    /// that puts the median title in one line, else one that draws every blog's name whole
    /// with the title in two (wider than the usual bound only where the entries keep their
    /// widest text column), else the narrowest that keeps enough of the names with the title
    /// in two lines.
    pub(super) fn fit_sidebar(&self) -> u16 {
        let width = self.size.0;
        let low: u16 = 24;
        let high = (width * 2 / 5).clamp(low, 46);
        // The median of every title, or of an even sample of a long list (a large file's
        // beginning can hold a thousand, measured before its first screen).
        let titles = &self.blog.key_events;
        let step = titles.len().div_ceil(FIT_SAMPLE).max(1);
        let mut sample: Vec<(usize, usize)> = titles
            .iter()
            .enumerate()
            .step_by(step)
            .map(|(n, k)| (crate::tui::wrap::width(&k.title), n))
            .collect();
        if sample.is_empty() {
            return (width * 32 / 100).clamp(low, 46);
        }
        let mid = sample.len() / 2;
        let (_, median) = *sample.select_nth_unstable(mid).1;
        // With several blogs each title has its blog's tag before it, "[Guardian] ", its name
        // cut to what the line leaves it (see `tag_most`): the median item is measured as it
        // is drawn, with the longest name.
        let names: Vec<String> = self.feeds.as_ref().map_or_else(Vec::new, |f| {
            f.list.iter().map(|b| b.name.clone()).collect()
        });
        let fit = SidebarFit {
            blog: &self.blog,
            n: median,
            longest: (0..names.len()).max_by_key(|&k| names[k].chars().count()),
            names: &names,
            tz: &self.cache.context().tz,
            theme: self.theme,
        };
        // Past the entries' widest text column (and its gutter and border), the columns are
        // the sidebar's to take for whole names.
        let spare = width.saturating_sub(crate::tui::panes::MAX_TEXT_WIDTH + 3);
        let room = if names.is_empty() {
            high
        } else {
            high.max(spare)
        };
        let first = |most: u16, ok: &dyn Fn(Drawn) -> bool| (low..=most).find(|&w| ok(fit.at(w)));
        first(high, &|d| d.name_kept && d.lines <= 1)
            .or_else(|| first(room, &|d| d.name_whole && d.lines <= 2))
            .or_else(|| first(high, &|d| d.name_kept && d.lines <= 2))
            .unwrap_or(high)
    }
}

/// Fewest characters of a blog's name that a fitted sidebar keeps in its tags (as "liveblo…"):
/// the narrowest sidebar that fits a title in two lines would cut every tag to a letter.
const NAME_KEPT: usize = 8;

/// The median key event as the sidebar would draw it at a width, to fit the width to it.
struct SidebarFit<'a> {
    blog: &'a LiveBlog,
    /// The median key event's index.
    n: usize,
    /// The blogs' names, several of them, and which is the longest.
    names: &'a [String],
    longest: Option<usize>,
    tz: &'a jiff::tz::TimeZone,
    theme: Theme,
}

/// What a sidebar of some width draws of the median key event.
#[derive(Clone, Copy)]
struct Drawn {
    lines: usize,
    /// The longest name is whole in its tag (so is every name, with one blog).
    name_whole: bool,
    /// Its tag keeps [`NAME_KEPT`] characters of it, or the whole name.
    name_kept: bool,
}

impl SidebarFit<'_> {
    /// The median key event laid out by [`lay_out_item`] in a sidebar `w` wide, under the
    /// longest name's tag and with its time of day alone (the newest day's form).
    fn at(&self, w: u16) -> Drawn {
        let tag_of = |_: usize, most: usize| {
            let k = self.longest?;
            let name = crate::tui::tab_layout::names_within(self.names, most).swap_remove(k);
            Some((name, ratatui::style::Style::default()))
        };
        let src = Source {
            blog: self.blog,
            width: crate::tui::panes::sidebar_text_width(w).into(),
            theme: self.theme,
            tz: self.tz,
            is_loaded: &|_| true,
            tag_of: &tag_of,
            newest_day: self.blog.key_events[self.n]
                .published
                .map(|p| p.instant().to_zoned(self.tz.clone()).date()),
        };
        let most = tag_most(&src, self.n);
        let longest = self.longest.map_or(0, |k| self.names[k].chars().count());
        Drawn {
            lines: lay_out_item(&src, self.n, true).len(),
            name_whole: longest <= most,
            name_kept: longest.min(NAME_KEPT) <= most,
        }
    }
}
