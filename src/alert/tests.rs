use super::*;
use crate::blog::{Block, Stamp};
use clap::ValueEnum;

fn entry(id: &str, minute: u32, title: Option<&str>, key: bool) -> Entry {
    Entry {
        id: id.into(),
        title: title.map(str::to_string),
        published: Stamp::parse(&format!("2025-02-17T17:{minute:02}:00Z")),
        key_event: key,
        body: vec![Block::text(format!("Text of {id}\nsecond line"))],
        ..Entry::default()
    }
}

/// Twelve entries, newest first; two (minutes 9 and 4) are key events.
fn burst() -> Vec<Entry> {
    (0..12)
        .rev()
        .map(|m| {
            let key = m == 9 || m == 4;
            entry(
                &format!("e{m}"),
                m,
                key.then_some(&*format!("Key {m}")),
                key,
            )
        })
        .collect()
}

fn refs(entries: &[Entry]) -> Vec<&Entry> {
    entries.iter().collect()
}

#[test]
fn notify_modes_are_spelled_alike_on_the_command_line_and_in_config() {
    for (text, mode) in [
        ("key-events", NotifyMode::KeyEvents),
        ("all", NotifyMode::All),
        ("off", NotifyMode::Off),
    ] {
        assert_eq!(NotifyMode::from_str(text, false), Ok(mode));
        let json = format!("\"{text}\"");
        assert_eq!(serde_json::from_str::<NotifyMode>(&json).unwrap(), mode);
        assert_eq!(serde_json::to_string(&mode).unwrap(), json);
    }
    assert_eq!(NotifyMode::default(), NotifyMode::KeyEvents);
}

#[test]
fn a_burst_with_key_events_is_one_alert_led_by_the_newest_key_event() {
    let entries = burst();
    let a = alert_for(
        "Summit",
        &refs(&entries),
        NotifyMode::KeyEvents,
        &Keywords::default(),
    )
    .unwrap();
    assert_eq!(a.title, "12 new, 2 key events");
    assert_eq!(a.body, "Key 9");
    assert_eq!(a.entry_id, "e9");
    assert_eq!((a.new, a.key_events, a.keyword_matches), (12, 2, 0));
    assert_eq!(a.source, "Summit");
}

#[test]
fn key_events_mode_is_silent_without_a_key_event_or_keyword() {
    let entries: Vec<Entry> = (0..3)
        .map(|m| entry(&format!("e{m}"), m, None, false))
        .collect();
    let none = Keywords::default();
    assert_eq!(
        alert_for("B", &refs(&entries), NotifyMode::KeyEvents, &none),
        None
    );
    // A keyword in a plain entry is enough; its first line is the body when it has no title.
    let k = Keywords::new(["e1"]);
    let a = alert_for("B", &refs(&entries), NotifyMode::KeyEvents, &k).unwrap();
    assert_eq!(a.title, "3 new, 1 keyword match");
    assert_eq!(a.body, "Text of e1");
}

#[test]
fn all_mode_alerts_for_any_new_entry_led_by_the_newest() {
    let entries: Vec<Entry> = (0..3)
        .map(|m| entry(&format!("e{m}"), m, None, false))
        .collect();
    let a = alert_for("B", &refs(&entries), NotifyMode::All, &Keywords::default()).unwrap();
    assert_eq!(a.title, "3 new");
    assert_eq!(a.body, "Text of e2");
    assert_eq!(
        alert_for("B", &[], NotifyMode::All, &Keywords::default()),
        None
    );
}

#[test]
fn off_is_silence_even_for_key_events_and_keywords() {
    let entries = burst();
    let k = Keywords::new(["key"]);
    assert_eq!(alert_for("B", &refs(&entries), NotifyMode::Off, &k), None);
}

#[test]
fn hostile_text_is_sanitised_and_capped_in_the_alert() {
    let long = "word ".repeat(100);
    let entries = [entry(
        "e1",
        1,
        Some(&format!("\x1b]0;x\x07Big\u{202E} {long}")),
        true,
    )];
    let a = alert_for(
        "\x1b[2JBlog\n",
        &refs(&entries),
        NotifyMode::All,
        &Keywords::default(),
    )
    .unwrap();
    assert_eq!(a.source, "[2JBlog");
    assert!(a.body.starts_with("]0;xBig word"), "{}", a.body);
    assert_eq!(a.body.chars().count(), TEXT_MAX);
    assert!(a.body.ends_with('…'));
}

#[test]
fn the_json_is_versioned_and_has_every_field() {
    let entries = burst();
    let a = alert_for("S", &refs(&entries), NotifyMode::All, &Keywords::default()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "liveblog_alert": 1, "source": "S", "title": "12 new, 2 key events",
            "body": "Key 9", "key_events": 2, "new": 12, "keyword_matches": 0,
            "entry_id": "e9",
        })
    );
    assert!(!a.to_json().contains('\n'));
    // From a blog on the web, the lead entry's address too, for the program to open.
    let blog = crate::blog::LiveBlog {
        url: Some("https://example.com/live.html".into()),
        entries: burst(),
        ..crate::blog::LiveBlog::default()
    };
    let ids: Vec<String> = blog.entries.iter().map(|e| e.id.clone()).collect();
    let a = alert_for_added("S", &blog, &ids, NotifyMode::All, &Keywords::default()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
    assert_eq!(v["url"], "https://example.com/live.html#e9");
}

fn sample(body: &str) -> Alert {
    Alert {
        source: "Blog".into(),
        title: "2 new, 1 key event".into(),
        body: body.into(),
        key_events: 1,
        new: 2,
        keyword_matches: 0,
        entry_id: "e".into(),
        url: None,
    }
}

#[test]
fn terminal_bytes_are_a_bell_then_osc_9_and_optionally_osc_777() {
    let a = sample("Ceasefire; talks end");
    assert_eq!(
        a.terminal_bytes(false),
        "\x07\x1b]9;Blog: 2 new, 1 key event — Ceasefire, talks end\x07"
    );
    assert_eq!(
        a.terminal_bytes(true),
        "\x07\x1b]9;Blog: 2 new, 1 key event — Ceasefire, talks end\x07\
         \x1b]777;notify;Blog: 2 new, 1 key event;Ceasefire, talks end\x07"
    );
}

/// Everything a terminal would do with some bytes.
#[derive(Default)]
struct Seen {
    controls: Vec<u8>,
    oscs: Vec<Vec<String>>,
    printed: String,
    other: Vec<String>,
}

impl vte::Perform for Seen {
    fn print(&mut self, c: char) {
        self.printed.push(c);
    }
    fn execute(&mut self, byte: u8) {
        self.controls.push(byte);
    }
    fn osc_dispatch(&mut self, params: &[&[u8]], _bell_terminated: bool) {
        let params = params
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        self.oscs.push(params.collect());
    }
    fn csi_dispatch(&mut self, _: &vte::Params, _: &[u8], _: bool, action: char) {
        self.other.push(format!("CSI {action}"));
    }
    fn esc_dispatch(&mut self, _: &[u8], _: bool, byte: u8) {
        self.other.push(format!("ESC {}", char::from(byte)));
    }
    fn hook(&mut self, _: &vte::Params, _: &[u8], _: bool, action: char) {
        self.other.push(format!("DCS {action}"));
    }
}

#[test]
fn hostile_text_cannot_end_a_notification_early_or_start_another_sequence() {
    let hostile = "a\x07b\x1b\\c\x1b]52;c;eA==\x07d\u{9c}e\u{9d}f\u{9b}2Jg\x1b[31mh\u{7f}i;j\r\nk";
    let entries = [entry("e1", 1, Some(hostile), true)];
    let a = alert_for(
        hostile,
        &refs(&entries),
        NotifyMode::All,
        &Keywords::default(),
    )
    .unwrap();
    let mut seen = Seen::default();
    vte::Parser::new().advance(&mut seen, a.terminal_bytes(true).as_bytes());
    assert_eq!(seen.controls, [0x07], "one bell, nothing else executed");
    assert!(seen.printed.is_empty(), "nothing outside the notifications");
    assert!(seen.other.is_empty(), "{:?}", seen.other);
    assert_eq!(seen.oscs.len(), 2, "{:?}", seen.oscs);
    let clean = "ab\\c]52,c,eA==def2Jg[31mhi,j k";
    assert_eq!(
        seen.oscs[0],
        ["9", &format!("{clean}: 1 new, 1 key event — {clean}")]
    );
    assert_eq!(
        seen.oscs[1],
        [
            "777",
            "notify",
            &format!("{clean}: 1 new, 1 key event"),
            clean
        ]
    );
}

#[test]
fn each_notification_text_is_capped() {
    let a = sample(&"x".repeat(1000));
    let mut seen = Seen::default();
    vte::Parser::new().advance(&mut seen, a.terminal_bytes(true).as_bytes());
    for osc in &seen.oscs {
        for part in osc {
            assert!(part.chars().count() <= TEXT_MAX, "{}", part.len());
        }
    }
}
