use super::*;
use crate::blog::{Block, Entry};

fn entry(id: &str, key: bool) -> Entry {
    Entry {
        id: id.into(),
        key_event: key,
        body: vec![Block::text(format!("Text of {id}."))],
        ..Entry::default()
    }
}

fn blog(title: &str, state: LiveState, ids: &[(&str, bool)]) -> LiveBlog {
    LiveBlog {
        title: title.into(),
        state,
        entries: ids.iter().map(|(i, k)| entry(i, *k)).collect(),
        ..LiveBlog::default()
    }
}

fn looked_at(b: &LiveBlog) -> ReadState {
    let mut s = ReadState::default();
    s.record_look(b, "2025-02-17T12:05:00Z".parse().unwrap());
    s
}

fn seen(short: &str, state: LiveState, new: usize, key_events: usize, from_copy: bool) -> Part {
    Part::Seen(Glance {
        short: short.into(),
        title: format!("{short}'s live blog"),
        state,
        new,
        key_events,
        made_key: 0,
        edited: 0,
        removed: 0,
        stale: from_copy,
    })
}

#[test]
fn one_blog_shows_its_title_the_live_dot_and_what_is_new_since_the_last_look() {
    let before = blog("Summit", LiveState::Live, &[("b", false), ("a", true)]);
    let state = looked_at(&before);
    let now = blog(
        "Summit",
        LiveState::Live,
        &[
            ("e", false),
            ("d", true),
            ("c", false),
            ("b", false),
            ("a", true),
        ],
    );
    let g = glance("Guardian", &now, &state, false);
    assert_eq!((g.new, g.key_events), (3, 1));
    assert_eq!(
        line(None, &[Part::Seen(g)]).as_deref(),
        Some("Summit ● 3 new · 1 key")
    );
}

#[test]
fn an_entry_made_a_key_event_is_not_counted_as_a_new_key_event() {
    let before = blog("Summit", LiveState::Live, &[("b", false), ("a", false)]);
    let state = looked_at(&before);
    let promoted = blog("Summit", LiveState::Live, &[("b", true), ("a", false)]);
    let g = glance("Guardian", &promoted, &state, false);
    assert_eq!((g.new, g.key_events, g.made_key), (0, 0, 1));
    assert_eq!(
        line(None, &[Part::Seen(g)]).as_deref(),
        Some("Summit ● 1 made key")
    );
    // Beside a new key event, each said for what it is.
    let both = blog(
        "Summit",
        LiveState::Live,
        &[("d", true), ("c", false), ("b", true), ("a", false)],
    );
    let g = glance("Guardian", &both, &state, false);
    assert_eq!(
        line(None, &[Part::Seen(g)]).as_deref(),
        Some("Summit ● 2 new · 1 key · 1 made key")
    );
}

#[test]
fn edits_and_entries_taken_out_are_counted_as_the_catch_up_counts_them() {
    let before = blog(
        "Summit",
        LiveState::Live,
        &[("c", false), ("b", false), ("a", false)],
    );
    let state = looked_at(&before);
    let mut now = blog("Summit", LiveState::Live, &[("c", false), ("a", false)]);
    now.entries[0].body = vec![Block::text("Text of c, corrected.")];
    let g = glance("Guardian", &now, &state, false);
    let c = catch_up(&state, &now);
    assert_eq!((g.edited, g.removed), (c.edited.len(), c.removed.len()));
    assert_eq!((g.edited, g.removed), (1, 1));
    // With nothing new, the counts still follow the state as counts do.
    assert_eq!(
        line(None, &[Part::Seen(g)]).as_deref(),
        Some("Summit ● 1 edited · 1 taken out")
    );
}

#[test]
fn an_ended_blog_says_so_and_a_first_visit_counts_nothing() {
    let b = blog("Summit", LiveState::Ended, &[("a", true)]);
    let g = glance("Guardian", &b, &ReadState::default(), false);
    assert_eq!(
        line(None, &[Part::Seen(g)]).as_deref(),
        Some("Summit ENDED")
    );
    let unknown = blog("Notes", LiveState::Unknown, &[("a", false)]);
    let g = glance("notes", &unknown, &ReadState::default(), false);
    assert_eq!(line(None, &[Part::Seen(g)]).as_deref(), Some("Notes"));
}

/// Without an event's title, every blog is named, each cut to fit, rather than the last ones
/// cut off the end of the line's forty characters.
#[test]
fn several_blogs_without_a_title_are_each_named_within_the_line() {
    let parts = [
        seen("Rishi Sunak and Keir", LiveState::Live, 1, 0, false),
        seen("Level 3 LIVE from", LiveState::Live, 0, 0, false),
        seen("127.0.0.1:8711", LiveState::Unknown, 0, 0, false),
    ];
    let said = line(None, &parts).unwrap();
    assert_eq!(said, "Rishi Suna… · Level 3 LI… · 127.0.0.1:8… ● 1 new");
    let title = said.trim_end_matches(" ● 1 new");
    assert!(title.chars().count() <= super::TITLE_MAX, "{title}");
    // Names that fit are left whole.
    let parts = [
        seen("Guardian", LiveState::Live, 0, 0, false),
        seen("BBC", LiveState::Live, 0, 0, false),
    ];
    assert_eq!(line(None, &parts).as_deref(), Some("Guardian · BBC ●"));
}

#[test]
fn several_blogs_are_summed_and_those_shown_from_a_copy_or_missing_are_named() {
    let parts = [
        seen("Guardian", LiveState::Live, 3, 1, false),
        seen("BBC", LiveState::Ended, 2, 1, true),
        Part::Failed("Le Monde".into()),
    ];
    assert_eq!(
        line(Some("Paris summit"), &parts).as_deref(),
        Some("Paris summit ● 5 new · 2 key · BBC ⚠ · Le Monde ✗")
    );
    // Without an event's title, the blogs' short names; ENDED only when every blog ended.
    let parts = [
        seen("Guardian", LiveState::Ended, 0, 0, false),
        seen("BBC", LiveState::Ended, 0, 0, false),
    ];
    assert_eq!(line(None, &parts).as_deref(), Some("Guardian · BBC ENDED"));
    let parts = [
        seen("Guardian", LiveState::Ended, 0, 0, false),
        seen("notes", LiveState::Unknown, 1, 0, false),
    ];
    assert_eq!(
        line(None, &parts).as_deref(),
        Some("Guardian · notes 1 new")
    );
}

#[test]
fn a_blog_named_for_its_failure_is_set_apart_from_the_names_and_the_state_before_it() {
    let parts = [
        seen("127.0.0.1:18084", LiveState::Live, 0, 0, false),
        Part::Failed("127.0.0.1:18099".into()),
    ];
    assert_eq!(
        line(None, &parts).as_deref(),
        Some("127.0.0.1:18084 ● · 127.0.0.1:18099 ✗")
    );
    let parts = [
        seen("Guardian", LiveState::Unknown, 0, 0, false),
        seen("BBC", LiveState::Unknown, 0, 0, false),
        Part::Failed("Le Monde".into()),
    ];
    assert_eq!(
        line(None, &parts).as_deref(),
        Some("Guardian · BBC · Le Monde ✗")
    );
    let parts = [
        seen("Guardian", LiveState::Ended, 0, 0, false),
        Part::Failed("BBC".into()),
    ];
    assert_eq!(
        line(Some("Paris summit"), &parts).as_deref(),
        Some("Paris summit ENDED · BBC ✗")
    );
}

#[test]
fn one_blog_shown_from_its_copy_ends_with_a_warning_sign() {
    let parts = [seen("BBC", LiveState::Live, 1, 0, true)];
    assert_eq!(
        line(None, &parts).as_deref(),
        Some("BBC's live blog ● 1 new ⚠")
    );
    let parts = [seen("BBC", LiveState::Live, 0, 0, true)];
    assert_eq!(line(None, &parts).as_deref(), Some("BBC's live blog ● ⚠"));
    // Several, every one from its copy: their names are the title, said once.
    let parts = [
        seen("BBC", LiveState::Live, 1, 0, true),
        seen("Guardian", LiveState::Live, 0, 0, true),
    ];
    assert_eq!(
        line(None, &parts).as_deref(),
        Some("BBC · Guardian ● 1 new ⚠")
    );
}

#[test]
fn nothing_read_at_all_makes_no_line() {
    assert_eq!(line(None, &[Part::Failed("BBC".into())]), None);
    assert_eq!(line(Some("Summit"), &[]), None);
}

#[test]
fn a_blog_without_a_title_is_shown_by_its_short_name() {
    let b = blog("  ", LiveState::Live, &[("a", false)]);
    let g = glance("example.com", &b, &ReadState::default(), false);
    assert_eq!(
        line(None, &[Part::Seen(g)]).as_deref(),
        Some("example.com ●")
    );
}

#[test]
fn markup_of_status_bars_in_a_title_is_defused_and_long_titles_are_cut() {
    // polybar's click action and tmux's command substitution and style, as plain text.
    assert_eq!(
        shown("%{A1:rm -rf ~:}Click%{A}", 80),
        "% {A1:rm -rf ~:}Click% {A}"
    );
    assert_eq!(
        shown("#(reboot) #[fg=red] #{host} ##", 80),
        "# (reboot) # [fg=red] # {host} # #"
    );
    assert_eq!(shown("100% {sure} #1", 80), "100% {sure} #1");
    assert_eq!(shown("a\x1b]0;x\x07b\nc", 80), "a]0;xb c");
    let long = "Security guarantees for Ukraine must have US backstop, Starmer says";
    let cut = shown(long, TITLE_MAX);
    assert_eq!(cut.graphemes(true).count(), TITLE_MAX, "{cut}");
    assert!(cut.ends_with('…') && cut.starts_with("Security guarantees"));
    let parts = [Part::Seen(Glance {
        short: "%{A}x".into(),
        title: String::new(),
        state: LiveState::Unknown,
        new: 0,
        key_events: 0,
        made_key: 0,
        edited: 0,
        removed: 0,
        stale: false,
    })];
    assert_eq!(line(Some("#(id)"), &parts).as_deref(), Some("# (id)"));
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[tokio::test]
async fn status_of_files_reads_the_kept_state_and_never_writes_it() {
    let dir = scratch();
    let path = dir.path().join("summit.json");
    let before = blog("Summit", LiveState::Live, &[("b", false), ("a", false)]);
    let now = blog(
        "Summit",
        LiveState::Live,
        &[("d", true), ("c", false), ("b", false), ("a", false)],
    );
    std::fs::write(&path, crate::formats::native::to_json(&now)).unwrap();
    let states = StateStore::new(dir.path().join("read"));
    let key = path.to_string_lossy().into_owned();
    states.save(&key, &looked_at(&before)).unwrap();
    let file = states.path(&key);
    let bytes = std::fs::read(&file).unwrap();
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    let missing = dir.path().join("gone.json");
    let specs = [
        SourceSpec::arg(&path),
        SourceSpec::arg(&missing),
        SourceSpec::arg(&path),
    ];
    let got = status(&specs, Some("Paris"), &NetOptions::default(), Some(&states)).await;
    assert_eq!(
        got.line.as_deref(),
        Some("Paris 2 new · 1 key · gone ✗"),
        "a file that said it was live is not live now: {got:?}"
    );
    assert_eq!(got.failures.len(), 1, "{got:?}");
    assert!(got.failures[0].contains("gone.json"), "{got:?}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        modified
    );
    let only = status(&specs[..1], None, &NetOptions::default(), Some(&states)).await;
    assert_eq!(only.line.as_deref(), Some("Summit 2 new · 1 key"));
    let none = status(&specs[1..2], None, &NetOptions::default(), None).await;
    assert_eq!(none.line, None);
    assert_eq!(none.failures.len(), 1);
}

#[test]
fn a_glance_waits_at_most_a_few_seconds_and_keeps_every_other_limit() {
    let usual = FetchConfig::default();
    let glance = fetch_config();
    assert!(glance.connect_timeout <= GLANCE_TIMEOUT);
    assert!(glance.read_timeout <= GLANCE_TIMEOUT);
    assert!(glance.total_timeout <= GLANCE_TIMEOUT);
    assert_eq!(
        (glance.max_body, glance.max_redirects, &glance.user_agent),
        (usual.max_body, usual.max_redirects, &usual.user_agent)
    );
}

#[tokio::test]
async fn blogs_of_one_name_are_told_apart_by_their_titles_as_in_the_reader() {
    let dir = scratch();
    let mut specs = Vec::new();
    for (sub, title) in [("a", "Summit in Paris"), ("b", "Election night")] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        let path = dir.path().join(sub).join("live.json");
        let b = blog(title, LiveState::Live, &[("x", false)]);
        std::fs::write(&path, crate::formats::native::to_json(&b)).unwrap();
        specs.push(SourceSpec::arg(&path));
    }
    let got = status(&specs, None, &NetOptions::default(), None).await;
    assert_eq!(
        got.line.as_deref(),
        Some("Summit in Paris · Election night"),
        "{got:?}"
    );
}
