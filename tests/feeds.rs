//! Pure `update` tests of several blogs in one reader: the merged view's order and tags, the
//! place kept while blogs grow at different rates, a blog that fails, a blog that ends, tabs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/models.rs"]
mod models;

use liveblog::blog::{Block, Entry, KeyEvent, LiveBlog, LiveState, Stamp};
use liveblog::live::Event;
use liveblog::tui::action::{Action, Effect};
use liveblog::tui::model::{FeedSpec, Model, ReaderOptions, View};
use liveblog::tui::theme::Theme;
use liveblog::tui::ui;
use models::key_events_of;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn at(minute: u32) -> Stamp {
    Stamp::parse(&format!("2025-02-17T10:{minute:02}:00Z")).unwrap()
}

fn entry(id: &str, minute: u32, key: bool) -> Entry {
    Entry {
        id: id.into(),
        title: key.then(|| format!("Key {id}")),
        key_event: key,
        published: Some(at(minute)),
        body: vec![Block::text(format!(
            "Entry {id} at 10:{minute:02}, body text."
        ))],
        ..Entry::default()
    }
}

/// A live blog whose entries are at the given minutes (newest first); ids `1`, `2`…
/// counted from the oldest, so both blogs have entries with the same ids.
fn blog(title: &str, minutes: &[u32]) -> LiveBlog {
    let n = minutes.len();
    let entries: Vec<Entry> = minutes
        .iter()
        .enumerate()
        .map(|(i, m)| entry(&(n - i).to_string(), *m, (n - i).is_multiple_of(3)))
        .collect();
    let key_events = key_events_of(&entries);
    LiveBlog {
        title: title.into(),
        state: LiveState::Live,
        entries,
        key_events,
        ..LiveBlog::default()
    }
}

fn spec(name: &str, blog: LiveBlog) -> FeedSpec {
    FeedSpec {
        name: name.into(),
        blog,
        following: true,
        pageable: false,
        first_error: None,
    }
}

fn two(w: u16, h: u16) -> Model {
    let a = blog("Guardian blog", &[50, 40, 30, 20, 10]);
    let b = blog("BBC blog", &[45, 35, 25, 15]);
    Model::with_feeds(
        vec![spec("Guardian", a), spec("BBC", b)],
        Some("Paris summit".into()),
        ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (w, h)),
        at(55).instant(),
    )
}

fn ids(m: &Model) -> Vec<&str> {
    m.blog().entries.iter().map(|e| e.id.as_str()).collect()
}

fn loaded(source: usize, blog: LiveBlog) -> Action {
    Action::Live(
        source,
        Event::Loaded {
            blog: Box::new(blog),
            at: at(59).instant(),
        },
    )
}

fn screen(m: &Model) -> String {
    let mut t = Terminal::new(TestBackend::new(m.size().0, m.size().1)).unwrap();
    t.draw(|f| ui::draw(f, m)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_merged_view_interleaves_by_time_and_keeps_ids_per_blog() {
    let m = two(100, 30);
    assert_eq!(
        ids(&m),
        [
            "0:5", "1:4", "0:4", "1:3", "0:3", "1:2", "0:2", "1:1", "0:1"
        ]
    );
    assert_eq!(m.blog().title, "Paris summit");
    // Key events of both, newest first, each pointing at its own blog's entry.
    let keys: Vec<_> = m
        .blog()
        .key_events
        .iter()
        .map(|k| k.entry_id.clone().unwrap())
        .collect();
    assert_eq!(keys, ["1:3", "0:3"]);
}

#[test]
fn a_pinned_post_is_on_top_of_the_merged_view_and_stays_there_through_refreshes() {
    let mut b = blog("BBC blog", &[45, 35, 25, 15]);
    b.entries[3].pinned = true;
    let pinned = b.entries.remove(3);
    b.entries.insert(0, pinned);
    let a = blog("Guardian blog", &[50, 40, 30, 20, 10]);
    let mut m = Model::with_feeds(
        vec![spec("Guardian", a.clone()), spec("BBC", b)],
        None,
        ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (100, 30)),
        at(55).instant(),
    );
    assert_eq!(ids(&m)[..3], ["1:1", "0:5", "1:4"]);
    let mut newer = a;
    newer.entries.insert(0, entry("6", 58, false));
    m.update(loaded(0, newer));
    assert_eq!(
        ids(&m)[..3],
        ["1:1", "0:6", "0:5"],
        "the pinned post stays on top"
    );
}

#[test]
fn entries_and_key_events_carry_their_blogs_tag_and_the_tab_bar_names_each_blog() {
    let s = screen(&two(100, 30));
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines[0].contains("0 All"), "{}", lines[0]);
    assert!(lines[0].contains("1 Guardian ●"), "{}", lines[0]);
    assert!(lines[0].contains("2 BBC ●"), "{}", lines[0]);
    assert!(s.contains("[Guardian] 10:50"), "{s}");
    assert!(s.contains("[BBC] 10:45"), "{s}");
    assert!(s.contains("[BBC] Key 3"), "{s}");
    assert!(s.contains("2 blogs"), "{s}");
}

#[test]
fn a_narrow_tab_bar_still_names_every_blog() {
    let names = ["live.independent.co.uk", "www.theguardian.com", "BBC"];
    let specs = names
        .iter()
        .map(|n| spec(n, blog("A blog", &[50, 40])))
        .collect();
    let m = Model::with_feeds(
        specs,
        None,
        ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (50, 20)),
        at(55).instant(),
    );
    let s = screen(&m);
    let bar = s.lines().next().unwrap();
    assert!(bar.contains(" 3 BBC"), "the last blog keeps its tab: {bar}");
    assert!(bar.contains(" 1 live.in"), "{bar}");
    assert!(bar.contains(" 2 www.th"), "{bar}");
    assert!(bar.contains('…'), "{bar}");
}

#[test]
fn a_blogs_own_tab_does_not_tag_every_byline_with_its_name() {
    let mut m = two(100, 30);
    m.update(Action::ShowView(2));
    m.update(Action::Redraw);
    let s = screen(&m);
    assert!(s.contains("10:45"), "{s}");
    assert!(!s.contains("[BBC]"), "{s}");
    // And back in the merged view, each entry says its blog again.
    m.update(Action::ShowView(0));
    let s = screen(&m);
    assert!(s.contains("[BBC] 10:45"), "{s}");
}

/// A blog with no title of its own is named by its name on its own tab, not by the first
/// blog's source.
#[test]
fn an_untitled_blogs_own_tab_is_headed_by_its_own_name() {
    let mut m = Model::with_feeds(
        vec![
            spec("Guardian", blog("Guardian blog", &[50, 40])),
            spec("Untitled list", blog("", &[45, 35])),
        ],
        None,
        ReaderOptions::new(
            "first.html",
            Theme::new(false),
            jiff::tz::TimeZone::UTC,
            (100, 30),
        ),
        at(55).instant(),
    );
    m.update(Action::ShowView(2));
    let s = screen(&m);
    let header = s.lines().nth(1).unwrap();
    assert_eq!(header.trim(), "Untitled list", "{s}");
    assert_eq!(m.window_title(), "Untitled list");
}

#[test]
fn the_merged_view_lists_each_blogs_title_tagged_only_when_its_name_is_not_its_start() {
    let m = Model::with_feeds(
        vec![
            spec("Guardian", blog("Guardian blog", &[50, 40])),
            spec("Mine", blog("Paris summit", &[45, 35])),
        ],
        None,
        ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (100, 30)),
        at(55).instant(),
    );
    // Two blogs of one site are named by their titles' first words: "[Security guarantees]
    // Security guarantees for Ukraine…" said it twice.
    assert_eq!(m.blog().standfirst, "Guardian blog · [Mine] Paris summit");
}

#[test]
fn the_place_is_kept_while_two_blogs_grow_at_different_rates() {
    let mut m = two(100, 30);
    for _ in 0..3 {
        m.update(Action::ScrollDown);
    }
    m.update(Action::NextKeyEvent);
    let top = m.top().id.clone().unwrap();
    assert_eq!(top, "1:3");
    // Three new entries in one blog, one in the other.
    m.update(loaded(
        0,
        blog("Guardian blog", &[58, 57, 56, 50, 40, 30, 20, 10]),
    ));
    m.update(loaded(1, blog("BBC blog", &[54, 45, 35, 25, 15])));
    assert_eq!(m.top().id.as_deref(), Some("1:3"));
    assert_eq!(m.new_above(), 4);
    assert_eq!(m.window_title(), "(4) Paris summit");
    assert_eq!(&ids(&m)[..4], ["0:8", "0:7", "0:6", "1:5"]);
    assert_eq!(m.unread().len(), 4);
    assert_eq!(m.unread_in(0), 3);
    assert_eq!(m.unread_in(1), 1);
    // Going to the top reads them, and shows them marked (●) until the next key.
    m.update(Action::JumpToNew);
    assert_eq!(m.new_above(), 0);
    assert_eq!(m.unread().len(), 0);
    assert_eq!(marks(&m), 4, "{}", screen(&m));
    m.update(Action::ScrollUp);
    assert_eq!(marks(&m), 0, "{}", screen(&m));
}

#[test]
fn a_reader_at_the_top_follows_new_entries_of_any_blog() {
    let mut m = two(100, 30);
    m.update(loaded(1, blog("BBC blog", &[54, 45, 35, 25, 15])));
    assert_eq!(m.top().id.as_deref(), Some("1:5"));
    assert_eq!(m.new_above(), 0);
}

#[test]
fn a_failing_blog_says_so_by_name_and_the_other_goes_on() {
    let mut m = two(100, 30);
    m.update(Action::Live(
        1,
        Event::Failed {
            class: "HTTP 503".into(),
            error: "HTTP 503 from https://bbc.example/live".into(),
            at: at(58).instant(),
            retry_in: None,
        },
    ));
    assert_eq!(m.status().error_class.as_deref(), Some("BBC: HTTP 503"));
    let s = screen(&m);
    assert!(s.lines().next().unwrap().contains("BBC ⚠"), "{s}");
    // Both failing: the bar names the first and says the other fails too.
    m.update(Action::Live(
        0,
        Event::Failed {
            class: "HTTP 503".into(),
            error: "HTTP 503 from https://guardian.example/live".into(),
            at: at(58).instant(),
            retry_in: None,
        },
    ));
    assert_eq!(
        m.status().error_class.as_deref(),
        Some("Guardian and 1 more: HTTP 503")
    );
    m.update(loaded(0, blog("Guardian blog", &[57, 50, 40, 30, 20, 10])));
    assert_eq!(m.status().error_class.as_deref(), Some("BBC: HTTP 503"));
    // The countdown beside the failure is that blog's next try, not the other's next check.
    let (soon, later) = (
        at(58).instant() + jiff::SignedDuration::from_secs(15),
        at(59).instant(),
    );
    m.update(Action::Live(0, Event::Scheduled { at: Some(soon) }));
    m.update(Action::Live(1, Event::Scheduled { at: Some(later) }));
    assert_eq!(m.status().next_poll, Some(later));
    m.update(loaded(0, blog("Guardian blog", &[58, 50, 40, 30, 20, 10])));
    assert_eq!(ids(&m)[0], "0:6");
    // Still failing until that blog recovers.
    assert!(m.status().error.is_some());
    m.update(Action::Live(
        1,
        Event::Unchanged {
            at: at(59).instant(),
        },
    ));
    assert!(m.status().error.is_none());
}

#[test]
fn the_event_ends_when_every_blog_has() {
    let mut m = two(100, 30);
    let mut ended = blog("Guardian blog", &[50, 40, 30, 20, 10]);
    ended.state = LiveState::Ended;
    m.update(loaded(0, ended));
    assert_eq!(m.blog().state, LiveState::Live);
    assert!(
        screen(&m)
            .lines()
            .next()
            .unwrap()
            .contains("Guardian ENDED")
    );
    let mut ended = blog("BBC blog", &[45, 35, 25, 15]);
    ended.state = LiveState::Ended;
    m.update(loaded(1, ended));
    assert_eq!(m.blog().state, LiveState::Ended);
}

#[test]
fn tabs_show_one_blog_and_keep_unread_marks_and_the_place() {
    let mut m = two(100, 30);
    m.update(Action::ScrollDown);
    m.update(loaded(1, blog("BBC blog", &[54, 45, 35, 25, 15])));
    assert_eq!(m.unread_in(1), 1);
    // Unread, not new: the catch-up line is what says new since the last look.
    assert!(screen(&m).starts_with(" 0 All 1 unread "), "{}", screen(&m));
    m.update(Action::ShowView(2));
    assert_eq!(m.feeds().unwrap().view, View::One(1));
    assert_eq!(ids(&m), ["1:5", "1:4", "1:3", "1:2", "1:1"]);
    assert_eq!(m.blog().title, "BBC blog");
    m.update(Action::NextView);
    assert_eq!(m.feeds().unwrap().view, View::All);
    m.update(Action::PrevView);
    assert_eq!(m.feeds().unwrap().view, View::One(1));
    m.update(Action::ShowView(0));
    assert_eq!(ids(&m).len(), 10);
    m.update(Action::ShowView(7));
    assert_eq!(m.feeds().unwrap().view, View::All);
    assert!(m.status().message.is_some());
}

#[test]
fn older_entries_or_a_refresh_in_one_blogs_tab_leave_the_others_unread_marks() {
    let mut m = two(100, 30);
    m.update(Action::ScrollDown);
    m.update(loaded(1, blog("BBC blog", &[54, 45, 35, 25, 15])));
    assert_eq!(m.unread_in(1), 1);
    m.update(Action::ShowView(1));
    assert_eq!(m.feeds().unwrap().view, View::One(0));
    // Older entries of the blog in view, then a refresh of it.
    let mut older = blog("Guardian blog", &[50, 40, 30, 20, 10]);
    older.entries.push(entry("0", 5, false));
    m.update(Action::Live(
        0,
        Event::HistoryLoaded {
            blog: Box::new(older.clone()),
            jump_to: None,
        },
    ));
    assert_eq!(ids(&m).len(), 6);
    assert_eq!(m.unread_in(1), 1);
    older.entries.insert(0, entry("6", 58, false));
    m.update(loaded(0, older));
    assert_eq!(m.unread_in(1), 1);
    m.update(Action::ShowView(0));
    assert_eq!(m.unread_in(1), 1);
    assert!(m.unread().contains("1:5"), "{:?}", m.unread());
}

#[test]
fn a_blog_not_in_view_counts_its_new_entries_unread_for_its_tab() {
    let mut m = two(100, 30);
    m.update(Action::ShowView(1));
    m.update(loaded(1, blog("BBC blog", &[54, 45, 35, 25, 15])));
    assert_eq!(ids(&m).len(), 5);
    assert_eq!(m.unread_in(1), 1);
    m.update(Action::ShowView(0));
    assert_eq!(ids(&m)[0], "1:5");
}

#[test]
fn an_edit_and_a_deletion_in_one_blog_leave_the_other_alone() {
    let mut m = two(100, 30);
    let mut b = blog("BBC blog", &[45, 35, 25, 15]);
    b.entries.remove(1);
    b.entries[0].body.push(Block::text("An update."));
    m.update(loaded(1, b));
    assert_eq!(
        ids(&m),
        ["0:5", "1:4", "0:4", "0:3", "1:2", "0:2", "1:1", "0:1"]
    );
    assert_eq!(
        m.status().message.clone().map(|(t, _)| t).as_deref(),
        Some("BBC: “Key 3” taken out by the source")
    );
}

#[test]
fn a_blog_that_ends_and_takes_an_entry_out_is_named_once() {
    let mut m = two(100, 30);
    let mut b = blog("BBC blog", &[45, 35, 25, 15]);
    b.entries.remove(1);
    b.state = liveblog::blog::LiveState::Ended;
    m.update(loaded(1, b));
    assert_eq!(
        m.status().message.clone().map(|(t, _)| t).as_deref(),
        Some("BBC has ended · “Key 3” taken out by the source")
    );
}

#[test]
fn refresh_and_pause_go_to_every_blog_and_history_to_the_one_that_has_it() {
    let mut m = two(100, 30);
    assert_eq!(m.update(Action::Refresh), vec![Effect::RefreshNow]);
    assert_eq!(m.update(Action::TogglePause), vec![Effect::SetPaused(true)]);
}

/// Among several blogs an `r` pressed just after their checks answered says they were
/// checked, not asked, counting from the latest; the requests that opened them count too.
#[test]
fn a_refresh_asked_too_soon_among_several_says_when_they_were_checked() {
    let secs = |s: i64| at(59).instant() + jiff::SignedDuration::from_secs(s);
    let said = |m: &Model| m.status().message.clone().unwrap().0;
    let mut m = two(100, 30);
    m.update(Action::Tick(secs(0)));
    for k in 0..2 {
        m.update(Action::Live(k, Event::Started));
    }
    m.update(Action::Live(0, Event::Unchanged { at: secs(0) }));
    m.update(Action::Live(1, Event::Unchanged { at: secs(1) }));
    m.update(Action::Tick(secs(3)));
    m.update(Action::Refresh);
    assert_eq!(
        said(&m),
        "Again in 3s: checked 2s ago, one request per 5 s at most"
    );
    // A request still out is said as asked.
    m.update(Action::Tick(secs(30)));
    m.update(Action::Live(1, Event::Started));
    m.update(Action::Tick(secs(31)));
    m.update(Action::Refresh);
    assert_eq!(
        said(&m),
        "Again in 4s: asked 1s ago, one request per 5 s at most"
    );

    let mut m = two(100, 30);
    for k in 0..2 {
        m.checked_at_open(k, secs(0));
    }
    m.update(Action::Tick(secs(2)));
    m.update(Action::Refresh);
    assert_eq!(
        said(&m),
        "Again in 3s: checked 2s ago, one request per 5 s at most"
    );
}

#[test]
fn merged_view_at_100x30() {
    insta::assert_snapshot!(screen(&two(100, 30)));
}

#[test]
fn merged_view_at_50x20() {
    insta::assert_snapshot!(screen(&two(50, 20)));
}

#[test]
fn without_colour_only_the_tab_shown_is_in_reverse_video() {
    let mut m = two(100, 30);
    m.update(Action::NextView);
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| ui::draw(f, &m)).unwrap();
    let buf = t.backend().buffer();
    let reversed: String = (0..100)
        .map(|x| &buf[(x, 0)])
        .filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    // The Guardian's tab, its live dot included; not the BBC's dot.
    assert_eq!(reversed, " 1 Guardian ● ");
}

#[test]
fn one_blogs_tab_at_100x30() {
    let mut m = two(100, 30);
    m.update(Action::NextView);
    insta::assert_snapshot!(screen(&m));
}

#[test]
fn a_guessed_blog_marks_the_merged_view_and_its_own_tab_but_not_the_others() {
    use liveblog::blog::Extraction;
    let a = blog("Guardian blog", &[50, 40, 30, 20, 10]);
    let mut b = blog("Ticker", &[45, 35, 25, 15]);
    b.extracted = Extraction::Heuristic;
    let mut m = Model::with_feeds(
        vec![spec("Guardian", a), spec("Ticker", b)],
        None,
        ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (100, 30)),
        at(55).instant(),
    );
    assert_eq!(m.blog().extracted, Extraction::Heuristic);
    assert!(screen(&m).contains("guessed entries"));
    m.update(Action::ShowView(1));
    assert_eq!(m.blog().extracted, Extraction::Structured);
    assert!(!screen(&m).contains("guessed entries"));
    m.update(Action::ShowView(2));
    assert_eq!(m.blog().extracted, Extraction::Heuristic);
}

/// With several blogs, the catch-up list says which blog each new or edited entry is from.
#[test]
fn the_catch_up_list_of_several_blogs_names_each_item_s_blog() {
    let first = two(100, 30);
    let guardian = first.read_state(0, at(52).instant()).unwrap();
    let bbc = first.read_state(1, at(52).instant()).unwrap();
    let mut m = Model::with_feeds(
        vec![
            spec("Guardian", blog("Guardian blog", &[58, 50, 40, 30, 20, 10])),
            spec("BBC", blog("BBC blog", &[57, 45, 35, 25, 15])),
        ],
        Some("Paris summit".into()),
        ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (100, 30)),
        at(59).instant(),
    );
    m.restore(0, guardian);
    m.restore(1, bbc);
    m.after_first_screen();
    m.update(Action::CatchUp);
    let items: Vec<String> = m
        .catch_up_list()
        .unwrap()
        .items
        .iter()
        .map(|(_, label)| label.clone())
        .collect();
    assert_eq!(
        items,
        [
            "★ key event: [Guardian] Key 6",
            "new: [BBC] Entry 5 at 10:57, body text."
        ]
    );
    let title = m.catch_up_title().unwrap();
    assert!(title.contains("2 new"), "{title}");
    // In one blog's tab, the list and its title are that blog's.
    m.update(Action::CatchUp);
    m.update(Action::ShowView(2));
    m.update(Action::CatchUp);
    assert_eq!(m.catch_up_list().unwrap().items.len(), 1);
    let title = m.catch_up_title().unwrap();
    assert!(
        title.contains("1 new") && !title.contains("key event"),
        "{title}"
    );
}

/// Blogs read together share one place, an entry of one of them: the merged view opens again
/// where it was left, not at the place another blog kept from an earlier sitting.
#[test]
fn the_merged_view_opens_where_it_was_left_whichever_blog_kept_the_place() {
    let sit = |states: &[liveblog::store::ReadState], order: [usize; 2]| {
        let mut m = two(100, 30);
        for k in order {
            m.restore(k, states[k].clone());
        }
        m
    };
    // First sitting, saved at 10:52: left on the BBC's newest entry, the second from the top.
    let mut first = two(100, 30);
    let newest = first.top().clone();
    while first.top().id == newest.id {
        first.update(Action::ScrollDown);
    }
    first.update(Action::ScrollDown);
    let on_bbc = first.top().clone();
    let states = [0, 1].map(|k| first.read_state(k, at(52).instant()).unwrap());
    assert!(states[0].place.is_none() && states[1].place.is_some());
    // Second, saved at 10:53: opened there, left at the Guardian's newest entry; the BBC
    // keeps the place of the first sitting.
    let mut second = sit(&states, [0, 1]);
    assert_eq!(*second.top(), on_bbc);
    second.update(Action::Top);
    second.update(Action::ScrollDown);
    let left = second.top().clone();
    let states = [0, 1].map(|k| second.read_state(k, at(53).instant()).unwrap());
    for order in [[0, 1], [1, 0]] {
        assert_eq!(
            *sit(&states, order).top(),
            left,
            "where the second sitting left it, restored in the order {order:?}"
        );
    }
}

/// When every blog of the merged view has ended, the bar says every blog, not "the blog".
#[test]
fn the_merged_view_says_every_blog_has_ended() {
    let mut m = two(140, 30);
    for (k, (title, minutes)) in [("Guardian blog", &[50, 40][..]), ("BBC blog", &[45][..])]
        .into_iter()
        .enumerate()
    {
        let mut ended = blog(title, minutes);
        ended.state = LiveState::Ended;
        m.update(loaded(k, ended));
    }
    // A key: the note that the last one ended gives way to the bar's own parts.
    m.update(Action::Redraw);
    let s = screen(&m);
    assert!(s.contains("every blog has ended"), "{s}");
    m.update(Action::ShowView(2));
    m.update(Action::Redraw);
    let s = screen(&m);
    assert!(s.contains("the blog has ended"), "{s}");
}

/// Among several blogs, the first refresh of one shown from its kept copy brings news from
/// while you were away: it does not ring, and the place stays; the others ring as ever.
#[test]
fn a_blog_of_several_shown_from_its_copy_does_not_ring_for_its_first_refresh() {
    let alerts = liveblog::tui::model::AlertOptions {
        mode: liveblog::alert::NotifyMode::All,
        keywords: liveblog::alert::Keywords::default(),
    };
    let mut m = Model::with_feeds(
        vec![
            spec("Guardian", blog("Guardian blog", &[50, 40, 30, 20, 10])),
            spec("BBC", blog("BBC blog", &[45, 35, 25, 15])),
        ],
        Some("Paris summit".into()),
        ReaderOptions {
            alerts: Some(alerts),
            ..ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (100, 30))
        },
        at(55).instant(),
    );
    m.showing_copy(1, at(52).instant());
    let rings = |m: &mut Model, a: Action| {
        m.update(a)
            .iter()
            .any(|e| matches!(e, liveblog::tui::action::Effect::Alert(_)))
    };
    let top = m.top_index();
    assert!(!rings(
        &mut m,
        loaded(1, blog("BBC blog", &[52, 45, 35, 25, 15]))
    ));
    assert_eq!(m.new_above(), 1, "the place kept: {:?}", m.top_index());
    assert_ne!(m.top_index(), top);
    assert!(rings(
        &mut m,
        loaded(1, blog("BBC blog", &[54, 52, 45, 35, 25, 15]))
    ));
    assert!(rings(
        &mut m,
        loaded(0, blog("Guardian blog", &[53, 50, 40, 30, 20, 10]))
    ));
}

/// Blogs shown from copies kept at an earlier sitting are refreshed one at a time: the bar
/// says the oldest copy still on screen, not the first blog's, until every blog has answered.
#[test]
fn the_bar_says_the_oldest_copy_still_shown_until_every_blog_is_refreshed() {
    let mut m = two(120, 30);
    m.showing_copy(0, at(30).instant());
    m.showing_copy(1, at(20).instant());
    let bar = |m: &Model| screen(m).lines().last().unwrap_or_default().to_string();
    assert!(bar(&m).contains("cached 10:20"), "{}", bar(&m));
    m.update(loaded(1, blog("BBC blog", &[57, 45, 35, 25, 15])));
    assert!(bar(&m).contains("cached 10:30"), "{}", bar(&m));
    m.update(loaded(0, blog("Guardian blog", &[58, 50, 40, 30, 20, 10])));
    assert!(!bar(&m).contains("cached"), "{}", bar(&m));
}

/// Blogs read together are each checked at their own pace: the bar says the range, not the
/// pace of whichever blog said it last.
#[test]
fn the_bar_says_the_range_of_paces_of_blogs_read_together() {
    let mut m = two(140, 30);
    let pace = |k: usize, secs: u64| {
        Action::Live(
            k,
            Event::Pace {
                every: std::time::Duration::from_secs(secs),
            },
        )
    };
    for k in 0..2 {
        m.update(Action::Live(
            k,
            Event::Scheduled {
                at: Some(at(58).instant()),
            },
        ));
    }
    m.update(Action::Tick(at(57).instant()));
    let bar = |m: &Model| screen(m).lines().last().unwrap_or_default().to_string();
    m.update(pace(0, 10));
    m.update(pace(1, 15));
    assert!(bar(&m).contains("(every 10–15 s)"), "{}", bar(&m));
    m.update(pace(1, 10));
    assert!(bar(&m).contains("(every 10 s)"), "{}", bar(&m));
    m.update(pace(1, 300));
    assert!(bar(&m).contains("(every 10 s to 5 min)"), "{}", bar(&m));
}

#[test]
fn a_click_on_a_tab_shows_that_blog_as_its_number_key_does() {
    use liveblog::tui::action::Mouse;
    let mut m = two(100, 30);
    let s = screen(&m);
    let bar: String = s.lines().next().unwrap().to_string();
    let column = |label: &str| {
        let byte = bar.find(label).unwrap();
        u16::try_from(bar[..byte].chars().count() + 1).unwrap()
    };
    let (bbc, all) = (column("2 BBC"), column("0 All"));
    m.update(Action::Mouse(Mouse::Click {
        column: bbc,
        row: 0,
    }));
    assert_eq!(m.feeds().unwrap().view, View::One(1), "{bar}");
    m.update(Action::Mouse(Mouse::Click {
        column: all,
        row: 0,
    }));
    assert_eq!(m.feeds().unwrap().view, View::All, "{bar}");
    // Past the last tab, nothing changes.
    m.update(Action::ShowView(1));
    m.update(Action::Mouse(Mouse::Click { column: 99, row: 0 }));
    assert_eq!(m.feeds().unwrap().view, View::One(0));
}

/// With several blogs, the help says what a tab's number and count are.
#[test]
fn the_help_explains_a_tab_when_there_are_tabs() {
    let text = |m: &Model| -> String {
        liveblog::tui::help_layout::lines(m, 80)
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    };
    assert!(text(&two(100, 30)).contains("2 Name 7 blog 2's tab: 7 unread"));
    let one = Model::new(
        blog("One blog", &[10]),
        liveblog::tui::model::ReaderOptions::new(
            "one",
            liveblog::tui::theme::Theme::new(false),
            jiff::tz::TimeZone::UTC,
            (100, 30),
        ),
    );
    assert!(!text(&one).contains("tab"), "{}", text(&one));
}

/// Another reader that held both blogs hands them over as it ends, one event each: the first
/// names its blog, the last says all were handed over, not just the one it happens to name.
#[test]
fn blogs_handed_over_together_are_said_together() {
    let mut m = two(100, 30);
    m.held_by_another(0);
    m.held_by_another(1);
    let said = |m: &Model| m.status().message.clone().unwrap().0;
    m.update(Action::Live(1, Event::HeldHere));
    assert!(
        said(&m).contains("with BBC open has closed"),
        "{}",
        said(&m)
    );
    m.update(Action::Live(0, Event::HeldHere));
    assert!(
        said(&m).contains("rings the alerts of the 2 blogs it had open"),
        "{}",
        said(&m)
    );
}

/// Once its blog has ended, a pinned post sits at its time in the merged view: the event's
/// newest news is not read below one blog's last word. Its own tab still shows it on top.
#[test]
fn an_ended_blogs_pinned_post_sits_at_its_time_in_the_merged_view() {
    let mut b = blog("BBC blog", &[45, 35, 25, 15]);
    b.entries[3].pinned = true;
    let pinned = b.entries.remove(3);
    b.entries.insert(0, pinned);
    b.state = LiveState::Ended;
    let a = blog("Guardian blog", &[50, 40, 30, 20, 10]);
    let mut m = Model::with_feeds(
        vec![spec("Guardian", a), spec("BBC", b)],
        None,
        ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (100, 30)),
        at(55).instant(),
    );
    assert_eq!(ids(&m)[..3], ["0:5", "1:4", "0:4"]);
    let old = m.blog().entries.iter().find(|e| e.id == "1:1").unwrap();
    assert!(!old.pinned, "not marked pinned where it is not on top");
    m.update(Action::ShowView(2));
    assert_eq!(ids(&m)[0], "1:1", "on top of its own blog's tab");
    assert!(m.blog().entries[0].pinned);
}

/// How many entries the screen marks unread (●): between the tab bar and the status bar.
fn marks(m: &Model) -> usize {
    let screen = screen(m);
    let rows: Vec<&str> = screen.lines().collect();
    rows[1..rows.len() - 1]
        .iter()
        .map(|l| l.matches('●').count())
        .sum()
}

/// The entries on screen still counted unread.
fn unread_on_screen(m: &Model) -> Vec<String> {
    m.visible_entries()
        .into_iter()
        .map(|i| m.blog().entries[i].id.clone())
        .filter(|id| m.unread().contains(id))
        .collect()
}

/// Two blogs on a short screen, every entry unread: the last look was before any was written.
fn all_unread() -> Model {
    let mut m = two(100, 12);
    let mut state = liveblog::store::ReadState::default();
    state.record_look(&LiveBlog::default(), at(0).instant());
    m.restore(0, state.clone());
    m.restore(1, state);
    m
}

#[test]
fn every_way_of_moving_reads_what_it_shows_in_the_same_update() {
    let search: Vec<Action> = [Action::Search]
        .into_iter()
        .chain("10:20".chars().map(Action::SearchChar))
        .chain([Action::Select])
        .collect();
    let moves: [(&str, Vec<Action>); 7] = [
        ("G", vec![Action::Bottom]),
        ("]", vec![Action::NextKeyEvent, Action::NextKeyEvent]),
        ("[", vec![Action::Bottom, Action::PrevKeyEvent]),
        ("t", vec![Action::Bottom, Action::JumpToNew]),
        (
            "sidebar",
            vec![Action::FocusNext, Action::Bottom, Action::Select],
        ),
        ("catch-up", vec![Action::CatchUp, Action::Select]),
        ("search", search),
    ];
    for (name, keys) in moves {
        let mut m = all_unread();
        let before = m.unread().len();
        for key in keys {
            m.update(key);
        }
        assert!(
            unread_on_screen(&m).is_empty(),
            "{name}: {:?}",
            unread_on_screen(&m)
        );
        let total: usize = (0..2).map(|k| m.unread_in(k)).sum();
        assert_eq!(total, m.unread().len(), "{name}");
        assert!(m.unread().len() < before, "{name}");
        // What was new still shows its mark in the frame that brings it into view.
        assert!(marks(&m) > 0, "{name}: {}", screen(&m));
    }
    // News above, then the top: the tabs count what is still unread at once.
    for top in [Action::Top, Action::JumpToNew] {
        let mut m = two(100, 12);
        for _ in 0..12 {
            m.update(Action::ScrollDown);
        }
        m.update(loaded(1, blog("BBC blog", &[54, 45, 35, 25, 15])));
        assert_eq!(m.unread_in(1), 1);
        m.update(top.clone());
        assert_eq!(m.top().id.as_deref(), Some("1:5"), "{top:?}");
        assert_eq!(m.unread_in(1), 0, "{top:?}");
        assert!(screen(&m).starts_with(" 0 All "), "{}", screen(&m));
        assert!(!screen(&m).contains("unread"), "{}", screen(&m));
    }
}

/// The merged view's key events come in the order `dump` gives them: by time, one without a
/// time or a loaded entry beside its neighbours in its own blog, not all such at the bottom.
#[test]
fn the_merged_sidebar_orders_key_events_as_a_dump_does() {
    let untimed = |title: &str| KeyEvent {
        title: title.into(),
        entry_id: None,
        published: None,
    };
    let mut a = blog("Guardian blog", &[50, 40, 30, 20, 10]);
    // Between its 10:30 and 10:00 key events (entries 3 and 0 are none: 3 is at 10:30).
    a.key_events.push(untimed("Guardian, older page"));
    let mut b = blog("BBC blog", &[45, 35, 25, 15]);
    b.key_events.insert(0, untimed("BBC, newest, not loaded"));
    let m = Model::with_feeds(
        vec![spec("Guardian", a.clone()), spec("BBC", b.clone())],
        None,
        ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (100, 30)),
        at(55).instant(),
    );
    let shown: Vec<&str> = m
        .blog()
        .key_events
        .iter()
        .map(|k| k.title.as_str())
        .collect();
    let named = [
        liveblog::dump::Named {
            name: "Guardian",
            from: None,
            blog: &a,
        },
        liveblog::dump::Named {
            name: "BBC",
            from: None,
            blog: &b,
        },
    ];
    let json = liveblog::dump::render_many(
        &named,
        None,
        liveblog::dump::DumpFormat::Json,
        at(55).instant().as_second(),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let dumped: Vec<&str> = v["key_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["title"].as_str().unwrap())
        .collect();
    assert_eq!(shown, dumped);
    assert_eq!(
        shown.first(),
        Some(&"BBC, newest, not loaded"),
        "beside its blog's newest: {shown:?}"
    );
}

/// Two blogs of long names whose key events have titles of a usual length, at `w` columns.
fn two_long_named(w: u16) -> Model {
    let titled = |title: &str, minutes: &[u32]| {
        let mut b = blog(title, minutes);
        for k in &mut b.key_events {
            k.title = format!("Leaders meet in Paris, {}", k.title);
        }
        b
    };
    Model::with_feeds(
        vec![
            spec(
                "theguardian.com politics live",
                titled("Guardian", &[50, 40, 30, 20, 10]),
            ),
            spec(
                "independent.co.uk live news",
                titled("Independent", &[45, 35, 25, 15]),
            ),
        ],
        Some("Paris summit".into()),
        ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (w, 30)),
        at(55).instant(),
    )
}

/// The sidebar's rows of `m`, as drawn.
fn sidebar_rows(m: &Model) -> Vec<String> {
    let s = m.panes().sidebar.expect("the sidebar");
    screen(m)
        .lines()
        .skip(usize::from(s.y))
        .take(usize::from(s.height))
        .map(|r| r.chars().take(usize::from(s.width)).collect())
        .collect()
}

#[test]
fn the_sidebar_fits_the_tags_as_drawn_and_a_wide_terminal_gives_it_whole_names() {
    // At 80 and 120 columns the names are cut (to ten characters, what the tags keep at the
    // width that puts a title in two lines); at 250, past the entries' widest text column,
    // the sidebar takes the room for them whole, and the entries keep their 100 columns.
    for (w, sidebar, tags) in [
        (80, 32, ["[independe…]", "[theguardi…]"]),
        (120, 32, ["[independe…]", "[theguardi…]"]),
        (
            250,
            51,
            [
                "[independent.co.uk live news]",
                "[theguardian.com politics live]",
            ],
        ),
    ] {
        let m = two_long_named(w);
        let rows = sidebar_rows(&m);
        let all = rows.join("\n");
        assert_eq!(m.panes().sidebar.unwrap().width, sidebar, "at {w}:\n{all}");
        for tag in tags {
            assert!(all.contains(&format!("{tag} Leaders")), "at {w}:\n{all}");
        }
        // Each title in two lines: its time, tag and first words, then the rest.
        let drawn = rows[1..]
            .iter()
            .filter(|r| !r.trim_end_matches(['│', ' ']).is_empty());
        assert_eq!(drawn.count(), 4, "at {w}:\n{all}");
        assert!(m.panes().text_width() == 100 || w < 250, "at {w}");
    }
}

#[test]
fn a_tab_takes_the_entries_shown_and_parks_the_rest_until_their_blog_changes() {
    // Three blogs of 600 entries: the merged view holds 1,800, each blog's own 600.
    let minutes: Vec<u32> = (0..600).map(|i| 59 - i % 60).collect();
    // The BBC's sixth entry pinned, on top of its blog as a page puts it.
    let mut pinned = blog("BBC blog", &minutes);
    let mut post = pinned.entries.remove(5);
    post.pinned = true;
    pinned.entries.insert(0, post);
    let specs = |guardian: LiveBlog| {
        vec![
            spec("Guardian", guardian),
            spec("BBC", pinned.clone()),
            spec("AP", blog("AP blog", &minutes)),
        ]
    };
    let opts = || ReaderOptions::new("x", Theme::new(false), jiff::tz::TimeZone::UTC, (100, 30));
    let mut m = Model::with_feeds(
        specs(blog("Guardian blog", &minutes)),
        None,
        opts(),
        at(59).instant(),
    );
    let merged = m.blog().clone();
    let freed = |effects: Vec<Effect>| -> Vec<usize> {
        effects
            .into_iter()
            .filter_map(|e| match e {
                Effect::Free(old) => Some(old.entries.len()),
                _ => None,
            })
            .collect()
    };
    // A blog's tab takes its 600 from the merged view and parks the others' 1,200.
    assert_eq!(freed(m.update(Action::ShowView(2))), [0usize; 0]);
    assert_eq!(ids(&m).len(), 600);
    assert!(
        m.blog().entries[0].pinned,
        "its own tab shows its pinned post on top"
    );
    // Back: every entry taken again, the view the one built at the start.
    assert_eq!(freed(m.update(Action::ShowView(0))), [0usize; 0]);
    assert_eq!(m.blog(), &merged);
    // A refresh of a blog not in view makes its parked entries old: they are let go, and the
    // merged view shows its new copy, as a view built afresh does.
    m.update(Action::ShowView(3));
    let mut minutes_more = vec![59];
    minutes_more.extend(&minutes);
    let guardian = blog("Guardian blog", &minutes_more);
    assert_eq!(freed(m.update(loaded(0, guardian.clone()))), [600]);
    m.update(Action::ShowView(0));
    let fresh = Model::with_feeds(specs(guardian), None, opts(), at(59).instant());
    assert_eq!(ids(&m), ids(&fresh));
    assert_eq!(m.blog().entries, fresh.blog().entries);
}
