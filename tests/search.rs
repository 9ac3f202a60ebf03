//! The `/` search, as pure `update` tests and on a test screen: typing never moves the reader,
//! Enter and `n`/`N` do, every match is marked in reverse video, `Esc` clears. And the filters
//! that narrow the pane: `&` a word, `A` an author.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liveblog::blog::{Block, Entry, LiveBlog};
use liveblog::tui::action::Action;
use liveblog::tui::model::{Model, ReaderOptions};
use liveblog::tui::theme::Theme;
use liveblog::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn blog() -> LiveBlog {
    let text = |i: usize| match i {
        3 => "Talks on a Ceasefire go on in Paris.".to_string(),
        7 => "No ceasefire yet, says Kyiv.".to_string(),
        12 => "CEASEFIRE is the word of the day.".to_string(),
        _ => format!("Entry {i} says nothing of note today."),
    };
    LiveBlog {
        title: "Summit".into(),
        entries: (0..20)
            .map(|i| Entry {
                id: format!("e{i}"),
                body: (0..6).map(|_| Block::text(text(i))).collect(),
                ..Entry::default()
            })
            .collect(),
        ..LiveBlog::default()
    }
}

fn model() -> Model {
    Model::new(
        blog(),
        ReaderOptions::new("t", Theme::new(false), jiff::tz::TimeZone::UTC, (80, 24)),
    )
}

fn typed(m: &mut Model, s: &str) {
    m.update(Action::Search);
    for c in s.chars() {
        m.update(Action::SearchChar(c));
    }
}

fn top(m: &Model) -> &str {
    m.top().id.as_deref().unwrap()
}

#[test]
fn typing_finds_without_moving_and_enter_jumps_to_the_first_match() {
    let mut m = model();
    typed(&mut m, "ceasefire");
    assert_eq!(m.search().unwrap().matches, [3, 7, 12]);
    assert_eq!(top(&m), "e0", "typing never moves the reader");
    m.update(Action::Select);
    assert!(!m.search_typing());
    assert_eq!(top(&m), "e3");
    m.update(Action::NextMatch);
    assert_eq!(top(&m), "e7");
    m.update(Action::NextMatch);
    assert_eq!(top(&m), "e12");
    assert_eq!(m.search_wrapped(), None);
    m.update(Action::NextMatch);
    assert_eq!(top(&m), "e3", "past the last match, the first");
    assert_eq!(m.search_wrapped(), Some(true));
    assert!(bar(&m).contains("\"ceasefire\" 1/3 · past the end, back at the top"));
    m.update(Action::PrevMatch);
    assert_eq!(top(&m), "e12");
    assert_eq!(m.search_wrapped(), Some(false));
    assert!(bar(&m).contains("past the top, back at the end"));
    assert_eq!(m.search_position(), Some((3, 3)));
    m.update(Action::PrevMatch);
    assert_eq!(top(&m), "e7");
    assert_eq!(
        m.search_wrapped(),
        None,
        "said only of the move that went round"
    );
    assert!(!bar(&m).contains("back at the"));
    // Said while the reader is where the move went round to, not after scrolling away.
    m.update(Action::PrevMatch);
    m.update(Action::PrevMatch);
    assert_eq!(m.search_wrapped(), Some(false));
    m.update(Action::ScrollDown);
    assert_eq!(m.search_wrapped(), None, "scrolled away from it");
    assert!(!bar(&m).contains("back at the"));
}

/// With one match there is none to go round to: `n` and `N` on it, and from past it, say
/// where the reader is (`1/1`) and no more.
#[test]
fn a_single_match_is_never_said_to_go_round() {
    let mut m = model();
    typed(&mut m, "paris");
    m.update(Action::Select);
    assert_eq!(top(&m), "e3");
    for action in [Action::NextMatch, Action::PrevMatch] {
        m.update(action);
        assert_eq!(top(&m), "e3");
        assert_eq!(m.search_wrapped(), None);
        let shown = bar(&m);
        assert!(shown.contains("\"paris\" 1/1 · "), "{shown}");
        assert!(!shown.contains("back at the"), "{shown}");
    }
    for _ in 0..40 {
        m.update(Action::ScrollDown);
    }
    m.update(Action::NextMatch);
    assert_eq!(top(&m), "e3");
    assert_eq!(m.search_wrapped(), None);
}

#[test]
fn a_new_search_starts_empty_and_enter_on_nothing_searches_the_last_again() {
    let mut m = model();
    typed(&mut m, "ceasefire");
    m.update(Action::Select);
    assert_eq!(top(&m), "e3");
    // `/` then a word: that word alone, not added to the last one.
    typed(&mut m, "kyiv");
    assert_eq!(m.search().unwrap().query, "kyiv");
    m.update(Action::Close);
    assert!(m.search().is_none(), "Esc clears");
    // `/` then Enter: the last search again, from past the entry at the top.
    typed(&mut m, "ceasefire");
    m.update(Action::Select);
    assert_eq!(top(&m), "e3", "a match at the top is where Enter stays");
    m.update(Action::Search);
    assert_eq!(m.search().unwrap().query, "");
    assert!(m.search().unwrap().matches.is_empty(), "no old highlights");
    m.update(Action::Select);
    assert!(!m.search_typing());
    assert_eq!(m.search().unwrap().query, "ceasefire");
    assert_eq!(top(&m), "e7", "as `n` would");
    // Esc clears the highlights, not the word: `/` then Enter finds it again.
    m.update(Action::Close);
    assert!(m.search().is_none());
    m.update(Action::Search);
    m.update(Action::Select);
    assert_eq!(m.search().unwrap().query, "ceasefire");
    assert_eq!(top(&m), "e12");
    // A word typed and left with Esc is not the last search.
    typed(&mut m, "armistice");
    m.update(Action::Close);
    m.update(Action::Search);
    m.update(Action::Select);
    assert_eq!(m.search().unwrap().query, "ceasefire");
    // With no search made before, Enter on nothing closes the prompt.
    let mut fresh = model();
    fresh.update(Action::Search);
    fresh.update(Action::Select);
    assert!(fresh.search().is_none());
}

#[test]
fn a_capital_letter_makes_the_search_case_sensitive() {
    let mut m = model();
    typed(&mut m, "Ceasefire");
    assert_eq!(m.search().unwrap().matches, [3]);
    m.update(Action::SearchBackspace);
    assert_eq!(m.search().unwrap().query, "Ceasefir");
}

#[test]
fn a_word_or_the_whole_query_is_erased_in_the_prompt_and_the_matches_follow() {
    let mut m = model();
    typed(&mut m, "no ceasefire");
    assert_eq!(m.search().unwrap().matches, [7]);
    m.update(Action::SearchEraseWord);
    assert_eq!(m.search().unwrap().query, "no ");
    m.update(Action::SearchEraseAll);
    assert_eq!(m.search().unwrap().query, "");
    assert!(m.search_typing(), "the prompt stays open");
    for c in "kyiv".chars() {
        m.update(Action::SearchChar(c));
    }
    assert_eq!(m.search().unwrap().matches, [7]);
    // The `&` prompt likewise.
    m.update(Action::Close);
    m.update(Action::FilterWord);
    for c in "paris x".chars() {
        m.update(Action::SearchChar(c));
    }
    m.update(Action::SearchEraseWord);
    assert_eq!(m.filter().typing.as_deref(), Some("paris "));
    m.update(Action::SearchEraseAll);
    assert_eq!(m.filter().typing.as_deref(), Some(""));
}

#[test]
fn a_search_finds_a_word_whatever_its_accents_and_quotes() {
    let mut b = blog();
    b.entries[2].body = vec![Block::text("Talks at the Élysée Palace.")];
    b.entries[5].body = vec![Block::text("Back at the Elysee, Macron’s aides…")];
    let mut m = Model::new(
        b,
        ReaderOptions::new("t", Theme::new(false), jiff::tz::TimeZone::UTC, (80, 24)),
    );
    typed(&mut m, "elysée");
    assert_eq!(m.search().unwrap().matches, [2, 5]);
    m.update(Action::Close);
    typed(&mut m, "macron's");
    assert_eq!(m.search().unwrap().matches, [5]);
    m.update(Action::Close);
    // A capital asks for that case, not for those accents.
    typed(&mut m, "Elysee");
    assert_eq!(m.search().unwrap().matches, [2, 5]);
    m.update(Action::Close);
    filter_by(&mut m, "elysee");
    assert_eq!(shown(&m), [2, 5]);
}

#[test]
fn keys_are_text_while_typing_and_esc_clears() {
    let mut m = model();
    typed(&mut m, "q?");
    assert_eq!(m.search().unwrap().query, "q?");
    assert!(!m.show_help());
    m.update(Action::Close);
    assert!(m.search().is_none());
    // A search that is kept after Enter is cleared by Esc too.
    typed(&mut m, "kyiv");
    m.update(Action::Select);
    assert!(m.search().is_some());
    m.update(Action::Close);
    assert!(m.search().is_none());
}

#[test]
fn every_match_on_screen_is_in_reverse_video() {
    let mut m = model();
    typed(&mut m, "ceasefire");
    m.update(Action::Select);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| ui::draw(f, &m)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut marked = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if c.modifier.contains(Modifier::REVERSED) && y + 1 < buf.area.height {
                marked.push_str(c.symbol());
            }
        }
        marked.push('|');
    }
    assert!(marked.contains("Ceasefire|"), "{marked}");
    let status: String = (0..80).map(|x| buf[(x, 23)].symbol().to_string()).collect();
    assert!(status.contains("1/3 · 3 entries match"), "{status}");
}

#[test]
fn no_match_says_so() {
    let mut m = model();
    typed(&mut m, "zzz");
    m.update(Action::Select);
    m.update(Action::NextMatch);
    assert!(m.status().message.as_ref().unwrap().0.contains("No match"));
}

/// The search blog with bylines: even entries by Jakub Krupa, odd ones by Tom Ambrose.
fn bylined() -> Model {
    let mut b = blog();
    for (i, e) in b.entries.iter_mut().enumerate() {
        e.authors = vec![
            if i % 2 == 0 {
                "Jakub Krupa"
            } else {
                "Tom Ambrose"
            }
            .into(),
        ];
    }
    Model::new(
        b,
        ReaderOptions::new("t", Theme::new(false), jiff::tz::TimeZone::UTC, (80, 24)),
    )
}

fn shown(m: &Model) -> Vec<usize> {
    (0..20).filter(|&i| m.shown(i)).collect()
}

fn filter_by(m: &mut Model, word: &str) {
    m.update(Action::FilterWord);
    assert!(m.prompt_open());
    assert_eq!(
        m.filter().typing.as_deref(),
        Some(""),
        "the prompt opens empty"
    );
    for c in word.chars() {
        m.update(Action::SearchChar(c));
    }
    m.update(Action::Select);
    assert!(!m.prompt_open());
}

/// The status bar's row on an 80×24 test screen.
fn bar(m: &Model) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| ui::draw(f, m)).unwrap();
    let buf = t.backend().buffer();
    (0..80).map(|x| buf[(x, 23)].symbol()).collect()
}

#[test]
fn ampersand_shows_only_entries_with_the_word_and_the_bar_says_so() {
    let mut m = bylined();
    m.update(Action::PageDown);
    let place = m.top().clone();
    filter_by(&mut m, "ceasefire");
    assert_eq!(shown(&m), [3, 7, 12]);
    assert_eq!(
        m.status().message.clone().unwrap().0,
        "Showing 3 of 20 entries, those with \"ceasefire\""
    );
    m.update(Action::FocusEntries);
    assert!(bar(&m).contains("ONLY \"ceasefire\""), "{}", bar(&m));
    // A word nothing has leaves the filter as it was, and says so.
    filter_by(&mut m, "armistice");
    assert_eq!(shown(&m), [3, 7, 12]);
    assert!(
        m.status()
            .message
            .clone()
            .unwrap()
            .0
            .starts_with("No loaded entry with \"armistice\"")
    );
    // `&` then Enter on nothing shows everything again, at the same place.
    m.update(Action::FilterWord);
    assert!(bar(&m).contains("Enter: every entry again"), "{}", bar(&m));
    m.update(Action::Select);
    assert_eq!(shown(&m).len(), 20);
    assert_eq!(m.top(), &place, "the place is kept");
    // Esc closes the prompt and leaves the filter alone; it never quits.
    filter_by(&mut m, "Kyiv");
    m.update(Action::FilterWord);
    m.update(Action::SearchChar('x'));
    m.update(Action::Close);
    assert!(!m.prompt_open());
    assert_eq!(shown(&m), [7]);
}

#[test]
fn capital_a_shows_only_the_top_entrys_author_and_again_everyone() {
    let mut m = bylined();
    m.update(Action::FilterAuthor);
    assert_eq!(shown(&m), (0..20).step_by(2).collect::<Vec<_>>());
    m.update(Action::FocusEntries);
    assert!(bar(&m).contains("BY Jakub Krupa"), "{}", bar(&m));
    // With a word too: both must hold.
    filter_by(&mut m, "ceasefire");
    assert_eq!(shown(&m), [12]);
    m.update(Action::FilterAuthor);
    assert_eq!(shown(&m), [3, 7, 12]);
    // The filter follows new versions of the blog.
    ceasefire_arrives(&mut m);
    assert!(m.shown(0), "the new entry has the word");
    assert!(!m.shown(1), "e0 has not");
}

/// A refresh brings a new entry on top, with the word "ceasefire".
fn ceasefire_arrives(m: &mut Model) {
    let mut more = m.blog().clone();
    more.entries.insert(
        0,
        Entry {
            id: "new".into(),
            body: vec![Block::text("A ceasefire, at last.")],
            ..Entry::default()
        },
    );
    m.update(Action::Live(
        0,
        liveblog::live::Event::Loaded {
            blog: Box::new(more),
            at: jiff::Timestamp::UNIX_EPOCH,
        },
    ));
}

#[test]
fn under_a_filter_the_count_and_its_note_follow_what_is_shown() {
    let mut m = bylined_with_key_events();
    filter_by(&mut m, "ceasefire");
    assert_eq!(shown(&m), [3, 7, 12]);
    let (i, n) = m.position().unwrap();
    assert_eq!(n, 3, "the count is of the entries shown");
    assert!(bar(&m).contains(&format!(" {i}/3 ")), "{}", bar(&m));
    // A refresh before any key: the note on show counts the new entry too.
    ceasefire_arrives(&mut m);
    assert_eq!(
        m.status().message.clone().unwrap().0,
        "Showing 4 of 21 entries, those with \"ceasefire\""
    );
    assert_eq!(m.position().map(|(_, n)| n), Some(4));
    // `K` on and off again: the word filter is still in force, and said to be.
    m.update(Action::ToggleKeyOnly);
    let said = m.status().message.clone().unwrap().0;
    assert!(
        said.ends_with("those with \"ceasefire\" (K shows them all)"),
        "{said}"
    );
    m.update(Action::ToggleKeyOnly);
    assert_eq!(
        m.status().message.clone().unwrap().0,
        "Showing 4 of 21 entries, those with \"ceasefire\""
    );
}

#[test]
fn an_entry_without_an_author_says_so_for_capital_a() {
    let mut b = blog();
    b.entries[1].authors = vec!["Jakub Krupa".into()];
    let mut m = Model::new(
        b,
        ReaderOptions::new("t", Theme::new(false), jiff::tz::TimeZone::UTC, (80, 24)),
    );
    m.update(Action::FilterAuthor);
    assert_eq!(shown(&m).len(), 20);
    assert_eq!(said(&m), "The entry at the top names no author");
}

/// `A` where it would hide nothing is refused and says why, as `&` and `K` refuse a filter
/// that would hide everything: a filter on that changes nothing would only say "20 of 20".
#[test]
fn capital_a_is_refused_where_no_entry_or_every_entry_names_the_same_author() {
    let mut m = model();
    m.update(Action::FilterAuthor);
    assert_eq!(said(&m), "No entry names its author");
    assert_eq!(m.filter().author, None);
    let mut b = blog();
    for e in &mut b.entries[..19] {
        e.authors = vec!["Jakub Krupa".into()];
    }
    let one_author = |b: &LiveBlog| {
        Model::new(
            b.clone(),
            ReaderOptions::new("t", Theme::new(false), jiff::tz::TimeZone::UTC, (80, 24)),
        )
    };
    // Every entry but the last is his: the filter hides that one, and is taken.
    let mut m = one_author(&b);
    m.update(Action::FilterAuthor);
    assert_eq!(m.filter().author.as_deref(), Some("Jakub Krupa"));
    assert_eq!(shown(&m).len(), 19);
    b.entries[19].authors = vec!["Jakub Krupa".into()];
    let mut m = one_author(&b);
    m.update(Action::FilterAuthor);
    assert_eq!(
        said(&m),
        "Every entry is by Jakub Krupa: nothing to filter by author"
    );
    assert_eq!(m.filter().author, None);
    assert!(!bar(&m).contains("BY "), "{}", bar(&m));
    // Under `&` it is of the entries shown: those with "Kyiv" are all Tom Ambrose's.
    let mut m = bylined();
    filter_by(&mut m, "Kyiv");
    m.update(Action::FilterAuthor);
    assert_eq!(
        said(&m),
        "Every entry shown is by Tom Ambrose: nothing to filter by author"
    );
    assert_eq!(m.filter().author, None);
    assert_eq!(shown(&m), [7]);
}

#[test]
fn n_and_the_count_go_from_the_entry_being_read() {
    let mut m = model();
    typed(&mut m, "ceasefire");
    m.update(Action::Select);
    m.update(Action::Top);
    // Down to e2's break: e3, the first match, is the entry being read.
    for _ in 0..200 {
        if m.reading_index() == Some(3) {
            break;
        }
        m.update(Action::ScrollDown);
    }
    assert_eq!((top(&m), m.reading_index()), ("e2", Some(3)));
    assert_eq!(m.search_position(), Some((1, 3)));
    m.update(Action::NextMatch);
    assert_eq!(top(&m), "e7", "the match after the one being read");
}

/// The whole 80×24 test screen, row by row.
fn screen_of(m: &Model) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| ui::draw(f, m)).unwrap();
    let buf = t.backend().buffer();
    (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn a_filter_whose_entries_fit_on_one_page_shows_them_from_the_top() {
    // Entry 12 alone has the word in capitals; the entries before it were never laid out, and
    // the place, held to the blog's first line, is an entry the filter hides.
    let mut m = model();
    filter_by(&mut m, "CEASEFIRE");
    assert_eq!(shown(&m), [12]);
    m.update(Action::FocusEntries);
    let screen = screen_of(&m);
    assert!(
        screen.contains("CEASEFIRE is the word of the day."),
        "{screen}"
    );
    assert_eq!(
        m.reading_index(),
        Some(12),
        "the entry read is the one shown"
    );
    m.update(Action::Top);
    assert!(screen_of(&m).contains("CEASEFIRE is the word of the day."));
}

/// The bylined blog with key events at e3 (by Tom Ambrose) and e12 (by Jakub Krupa).
fn bylined_with_key_events() -> Model {
    let mut b = bylined().blog().clone();
    b.entries[3].key_event = true;
    b.entries[12].key_event = true;
    Model::new(
        b,
        ReaderOptions::new("t", Theme::new(false), jiff::tz::TimeZone::UTC, (80, 24)),
    )
}

fn said(m: &Model) -> String {
    m.status().message.clone().unwrap().0
}

#[test]
fn an_author_filter_gone_under_capital_k_says_key_events_are_still_all_shown() {
    let mut m = bylined_with_key_events();
    m.update(Action::FilterAuthor);
    m.update(Action::ToggleKeyOnly);
    assert_eq!(shown(&m), [12]);
    m.update(Action::FilterAuthor);
    assert_eq!(shown(&m), [3, 12], "K is still in force");
    assert_eq!(
        said(&m),
        "Showing key events and summaries only (K shows everything)"
    );
    // The same for a word filter cleared by `&` and Enter on nothing.
    filter_by(&mut m, "ceasefire");
    assert_eq!(shown(&m), [3, 12]);
    m.update(Action::FilterWord);
    m.update(Action::Select);
    assert_eq!(
        said(&m),
        "Showing key events and summaries only (K shows everything)"
    );
}

#[test]
fn capital_k_and_a_filter_never_leave_the_pane_empty() {
    // Under `A`, no entry by Tom Ambrose but e3 is a key event: `K` then `&` "Kyiv" (e7, not a
    // key event) would show nothing, and is refused as `&` refuses a word no entry has.
    let mut m = bylined_with_key_events();
    m.update(Action::ToggleKeyOnly);
    filter_by(&mut m, "Kyiv");
    assert_eq!(shown(&m), [3, 12], "the filter was not changed");
    assert_eq!(
        said(&m),
        "No loaded key event or summary with \"Kyiv\": the filter was not changed"
    );
    // The other way round: `&` first, then `K`.
    m.update(Action::ToggleKeyOnly);
    filter_by(&mut m, "Kyiv");
    assert_eq!(shown(&m), [7]);
    m.update(Action::ToggleKeyOnly);
    assert!(!m.key_only(), "K was not turned on");
    assert_eq!(shown(&m), [7]);
    assert_eq!(
        said(&m),
        "No key event or summary among the entries with \"Kyiv\": K was not changed"
    );
    assert_eq!(m.position(), Some((1, 1)));
    // A blog without key events: `K` alone is refused too.
    let mut m = model();
    m.update(Action::ToggleKeyOnly);
    assert!(!m.key_only());
    assert_eq!(shown(&m).len(), 20);
    assert_eq!(
        said(&m),
        "No loaded entry is a key event or summary: K was not changed"
    );
}

/// The status bar's row on a `w`×24 test screen, its trailing blanks left out.
fn bar_at(m: &mut Model, w: u16) -> String {
    m.update(Action::Resize {
        width: w,
        height: 24,
    });
    let mut t = Terminal::new(TestBackend::new(w, 24)).unwrap();
    t.draw(|f| ui::draw(f, m)).unwrap();
    let buf = t.backend().buffer();
    let row: String = (0..w).map(|x| buf[(x, 23)].symbol()).collect();
    row.trim_end().to_string()
}

#[test]
fn a_prompt_longer_than_a_narrow_bar_keeps_what_is_being_typed_and_the_cursor() {
    let mut m = model();
    typed(&mut m, "the word of the day ceasefire");
    let bar = bar_at(&mut m, 40);
    assert!(bar.contains("ceasefire▏"), "{bar}");
    assert!(
        bar.contains("/…"),
        "the start gives way, and says so: {bar}"
    );
    // Room enough: the whole prompt and then the count, cut at its end if need be.
    let bar = bar_at(&mut m, 80);
    assert!(bar.contains("/the word of the day ceasefire▏"), "{bar}");
    m.update(Action::Close);
    m.update(Action::FilterWord);
    for c in "no ceasefire yet, says Kyiv".chars() {
        m.update(Action::SearchChar(c));
    }
    let bar = bar_at(&mut m, 40);
    assert!(bar.contains("&…") && bar.contains("says Kyiv▏"), "{bar}");
}

#[test]
fn a_filter_that_a_refresh_leaves_nothing_to_show_says_so_and_how_to_clear_it() {
    let mut m = model();
    filter_by(&mut m, "ceasefire");
    assert_eq!(shown(&m), [3, 7, 12]);
    // The entries with the word are edited: none has it now.
    let mut edited = m.blog().clone();
    for e in &mut edited.entries {
        e.body = vec![Block::text("Talks go on.")];
    }
    m.update(Action::Live(
        0,
        liveblog::live::Event::Loaded {
            blog: Box::new(edited),
            at: jiff::Timestamp::UNIX_EPOCH,
        },
    ));
    m.update(Action::FocusEntries);
    assert!(shown(&m).is_empty());
    assert_eq!(m.position(), None, "no \"1/0\"");
    let screen = screen_of(&m);
    assert!(
        screen.contains("No entry here with \"ceasefire\""),
        "{screen}"
    );
    assert!(
        screen.contains("& then Enter shows every entry"),
        "{screen}"
    );
    assert!(!screen.contains("/0 "), "{screen}");
}

#[test]
fn under_a_filter_the_search_finds_and_counts_only_the_entries_shown() {
    // "ceasefire" is in e3, e7 and e12; under `K` only e3 and e12 are shown.
    let mut m = bylined_with_key_events();
    m.update(Action::ToggleKeyOnly);
    typed(&mut m, "ceasefire");
    m.update(Action::Select);
    assert_eq!(m.position(), Some((1, 2)), "at e3");
    m.update(Action::NextMatch);
    assert_eq!(
        m.position(),
        Some((2, 2)),
        "e7 is hidden: n passes over it to e12"
    );
    assert!(bar(&m).contains("2 entries match"), "{}", bar(&m));
    assert_eq!(m.search().unwrap().matches, [3, 12]);
    // With `K` off again, e7 matches again.
    m.update(Action::ToggleKeyOnly);
    assert_eq!(m.search().unwrap().matches, [3, 7, 12]);
}

/// A word the sidebar shows only in key events whose posts are not in the view (an older
/// page's, or the bundled capture's) is no match in the entries, and the note says where it is.
#[test]
fn no_match_says_when_key_events_without_their_posts_name_the_word() {
    use liveblog::blog::KeyEvent;
    let mut b = blog();
    b.key_events = vec![
        KeyEvent {
            title: "Tusk warns of war".into(),
            entry_id: Some("gone".into()),
            ..KeyEvent::default()
        },
        KeyEvent {
            title: "Tusk again".into(),
            ..KeyEvent::default()
        },
        KeyEvent {
            title: "Macron speaks".into(),
            ..KeyEvent::default()
        },
    ];
    let mut m = Model::new(
        b,
        ReaderOptions::new("t", Theme::new(false), jiff::tz::TimeZone::UTC, (80, 24)),
    );
    let said = |m: &Model| m.status().message.clone().unwrap().0;
    typed(&mut m, "tusk");
    m.update(Action::Select);
    assert_eq!(
        said(&m),
        "No match for \"tusk\" in the entries: 2 key events without their posts name it"
    );
    typed(&mut m, "macron");
    m.update(Action::Select);
    assert_eq!(
        said(&m),
        "No match for \"macron\" in the entries: a key event without its post names it"
    );
    typed(&mut m, "zelenskyy");
    m.update(Action::Select);
    assert_eq!(said(&m), "No match for \"zelenskyy\"");
}
