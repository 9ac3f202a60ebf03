//! Key bindings as data: `assets/keys.toml`, embedded in the binary. One table feeds the key
//! dispatch, the help overlay and the status-bar hints.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

const SHIPPED: &str = include_str!("../../assets/keys.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    binding: Vec<RawBinding>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    action: String,
    keys: Vec<String>,
    desc: String,
}

/// The key table read without the TOML parser, which took a tenth of a millisecond of every
/// start: the shipped table is written in one plain shape, `[[binding]]` and then an `action`,
/// a `keys` and a `desc` line of strings without escapes, and this reads that shape only.
/// `None` for anything else (a comment after a value, an escape, another key), which the TOML
/// parser then reads; a test checks the two read the shipped table alike.
fn plain_table(text: &str) -> Option<Vec<RawBinding>> {
    // Read with patterns of one character (a byte search) rather than of several (a searcher
    // set up at each call), which were most of this reading's cost.
    let string = |v: &str| -> Option<String> {
        let inner = v.strip_prefix('"')?.strip_suffix('"')?;
        (!inner.contains(['"', '\\'])).then(|| inner.to_string())
    };
    let mut out = Vec::new();
    let mut lines = text.lines();
    // Before the first binding: comments and blank lines only.
    for line in lines.by_ref() {
        match line {
            "[[binding]]" => break,
            l if l.trim().is_empty() || l.starts_with('#') => {}
            _ => return None,
        }
    }
    let mut block: [Option<&str>; 3] = [None; 3];
    let mut push = |block: &mut [Option<&str>; 3]| -> Option<()> {
        let [action, keys, desc] = std::mem::take(block);
        let inner = keys?.strip_prefix('[')?.strip_suffix(']')?;
        out.push(RawBinding {
            action: string(action?)?,
            // `"a", "b"`: a comma and a space between keys, as the table writes them.
            keys: inner
                .split(',')
                .enumerate()
                .map(|(i, k)| string(if i == 0 { k } else { k.strip_prefix(' ')? }))
                .collect::<Option<Vec<_>>>()?,
            desc: string(desc?)?,
        });
        Some(())
    };
    for line in lines {
        if line == "[[binding]]" {
            push(&mut block)?;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let (name, value) = line.split_once('=')?;
        let slot = match name {
            "action " => 0,
            "keys " => 1,
            "desc " => 2,
            _ => return None,
        };
        let value = value.strip_prefix(' ')?;
        if block[slot].replace(value).is_some() {
            return None;
        }
    }
    push(&mut block)?;
    Some(out)
}

/// One binding: what it does, the keys as written, and the parsed keys.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The action's name in the key table (`scroll_down`).
    pub name: String,
    pub action: Action,
    pub keys: Vec<String>,
    pub desc: String,
    parsed: Vec<(KeyCode, KeyModifiers)>,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

/// Why a key table could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("key table: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("key table: unknown action \"{0}\"{hint}", hint = action_hint(.0))]
    UnknownAction(String),
    #[error("key table: unknown key \"{0}\"")]
    UnknownKey(String),
    #[error("key table: \"{key}\" is bound to both {first} and {second}")]
    BoundTwice {
        key: String,
        first: String,
        second: String,
    },
}

impl Keymap {
    /// The shipped bindings. They are checked by a test, so this cannot fail at run time.
    pub fn shipped() -> Self {
        plain_table(SHIPPED)
            .map_or_else(|| Self::parse(SHIPPED), Self::from_raw)
            .unwrap_or(Keymap {
                bindings: Vec::new(),
            })
    }

    pub fn parse(toml_text: &str) -> Result<Self, KeymapError> {
        let file: File = toml::from_str(toml_text)?;
        Self::from_raw(file.binding)
    }

    fn from_raw(raw: Vec<RawBinding>) -> Result<Self, KeymapError> {
        let mut bindings = Vec::new();
        for b in raw {
            let action = action_named(&b.action)
                .ok_or_else(|| KeymapError::UnknownAction(b.action.clone()))?;
            let parsed = b
                .keys
                .iter()
                .map(|k| parse_key(k).ok_or_else(|| KeymapError::UnknownKey(k.clone())))
                .collect::<Result<Vec<_>, _>>()?;
            bindings.push(Binding {
                name: b.action.clone(),
                action,
                keys: b.keys,
                desc: b.desc,
                parsed,
            });
        }
        Ok(Keymap { bindings })
    }

    /// The shipped bindings with some actions given other keys (the config's `[keys]`:
    /// action name → keys). An unknown action or key, or a key left bound to two actions, is
    /// an error that names them.
    pub fn remapped(
        mut self,
        keys: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> Result<Self, KeymapError> {
        for (name, written) in keys {
            let b = self
                .bindings
                .iter_mut()
                .find(|b| &b.name == name)
                .ok_or_else(|| KeymapError::UnknownAction(name.clone()))?;
            b.parsed = written
                .iter()
                .map(|k| parse_key(k).ok_or_else(|| KeymapError::UnknownKey(k.clone())))
                .collect::<Result<Vec<_>, _>>()?;
            b.keys.clone_from(written);
        }
        self.check_unique()?;
        Ok(self)
    }

    /// No key is bound to two actions.
    fn check_unique(&self) -> Result<(), KeymapError> {
        let mut seen: std::collections::HashMap<(KeyCode, KeyModifiers), &str> =
            std::collections::HashMap::new();
        for b in &self.bindings {
            for (written, parsed) in b.keys.iter().zip(&b.parsed) {
                if let Some(first) = seen.insert(*parsed, &b.name)
                    && first != b.name
                {
                    return Err(KeymapError::BoundTwice {
                        key: written.clone(),
                        first: first.to_string(),
                        second: b.name.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The action bound to a key press, if any.
    pub fn action_for(&self, key: &KeyEvent) -> Option<Action> {
        let code = key.code;
        // Shift is part of the character for letters and symbols ("G", "?"), so ignore it there.
        let mods = match code {
            KeyCode::Char(_) => key.modifiers - KeyModifiers::SHIFT,
            _ => key.modifiers,
        };
        self.bindings
            .iter()
            .find(|b| b.parsed.iter().any(|(c, m)| *c == code && *m == mods))
            .map(|b| match (&b.action, code) {
                // "pick_blog": the digit is the blog.
                (Action::ShowView(n), KeyCode::Char(d)) if *n > 0 => d
                    .to_digit(10)
                    .and_then(|d| usize::try_from(d).ok())
                    .filter(|d| *d > 0)
                    .map_or_else(|| b.action.clone(), Action::ShowView),
                _ => b.action.clone(),
            })
    }

    /// The first key of an action as written, for hints ("? help").
    pub fn key_for(&self, action: &Action) -> Option<&str> {
        self.bindings
            .iter()
            .find(|b| &b.action == action)
            .and_then(|b| b.keys.first())
            .map(|k| shown(k))
    }
}

fn action_named(name: &str) -> Option<Action> {
    Some(match name {
        "scroll_down" => Action::ScrollDown,
        "scroll_up" => Action::ScrollUp,
        "page_down" => Action::PageDown,
        "page_up" => Action::PageUp,
        "half_page_down" => Action::HalfPageDown,
        "half_page_up" => Action::HalfPageUp,
        "top" => Action::Top,
        "bottom" => Action::Bottom,
        "next_key_event" => Action::NextKeyEvent,
        "prev_key_event" => Action::PrevKeyEvent,
        "select" => Action::Select,
        "focus_next" => Action::FocusNext,
        "focus_sidebar" => Action::FocusSidebar,
        "focus_entries" => Action::FocusEntries,
        "toggle_sidebar" => Action::ToggleSidebar,
        "sidebar_wider" => Action::SidebarWider,
        "sidebar_narrower" => Action::SidebarNarrower,
        "refresh" => Action::Refresh,
        "toggle_pause" => Action::TogglePause,
        "jump_to_new" => Action::JumpToNew,
        "load_older" => Action::LoadOlder,
        "open_links" => Action::OpenLinks,
        "help" => Action::ToggleHelp,
        "redraw" => Action::Redraw,
        "close" => Action::Close,
        "quit" => Action::Quit,
        "suspend" => Action::Suspend,
        "merged_view" => Action::ShowView(0),
        // Which blog follows from the digit pressed (see `action_for`).
        "pick_blog" => Action::ShowView(1),
        "next_view" => Action::NextView,
        "catch_up" => Action::CatchUp,
        "search" => Action::Search,
        "show_diff" => Action::ShowDiff,
        "key_events_only" => Action::ToggleKeyOnly,
        "filter_word" => Action::FilterWord,
        "filter_author" => Action::FilterAuthor,
        "copy_link" => Action::CopyLink,
        "open_permalink" => Action::OpenPermalink,
        "copy_text" => Action::CopyText,
        "next_match" => Action::NextMatch,
        "prev_match" => Action::PrevMatch,
        "mark_read" => Action::MarkRead,
        "mark_all_read" => Action::MarkAllRead,
        "prev_view" => Action::PrevView,
        _ => return None,
    })
}

/// What follows an unknown action's name: the shipped action it most likely meant, and where
/// they are all listed.
fn action_hint(name: &str) -> String {
    let shipped = Keymap::shipped();
    let names = shipped.bindings.iter().map(|b| b.name.as_str());
    let meant = nearest(name, names).map_or(String::new(), |n| format!("; did you mean \"{n}\"?"));
    format!("{meant} (every action's name: liveblog config --print-default)")
}

/// Of `names`, the one `typed` most likely meant: one held in it or holding it (the longest),
/// else the closest by edits, if few enough for a slip of the keyboard.
fn nearest<'a>(typed: &str, names: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    let held = names
        .clone()
        .filter(|n| n.len() >= 3 && (typed.contains(n) || n.contains(typed.as_str())))
        .max_by_key(|n| n.len());
    held.or_else(|| {
        let most = (typed.chars().count() / 3).max(2);
        names
            .map(|n| (edits(&typed, n), n))
            .filter(|(d, _)| *d <= most)
            .min_by_key(|(d, _)| *d)
            .map(|(_, n)| n)
    })
}

/// The fewest characters inserted, deleted or replaced to make `a` into `b` (Levenshtein).
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let replaced = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = replaced.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// A key as the reader presses it, for the help and the hints: the table's name for it where
/// that is not what is pressed (`BackTab` is Shift-Tab).
pub fn shown(written: &str) -> &str {
    match written {
        "BackTab" => "Shift-Tab",
        other => other,
    }
}

fn parse_key(s: &str) -> Option<(KeyCode, KeyModifiers)> {
    let (mods, name) = match s.strip_prefix("Ctrl-") {
        Some(rest) => (KeyModifiers::CONTROL, rest),
        None => (KeyModifiers::NONE, s),
    };
    let code = match name {
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PageUp" => KeyCode::PageUp,
        "PageDown" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Tab" => KeyCode::Tab,
        "BackTab" | "Shift-Tab" => return Some((KeyCode::BackTab, KeyModifiers::SHIFT)),
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Space" => KeyCode::Char(' '),
        one if one.chars().count() == 1 => KeyCode::Char(one.chars().next()?),
        _ => return None,
    };
    Some((code, mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_action_is_told_the_one_it_likely_meant_and_where_all_are_listed() {
        let said = |name: &str| KeymapError::UnknownAction(name.into()).to_string();
        assert!(said("refresh_now").contains("did you mean \"refresh\"?"));
        assert!(said("serach").contains("did you mean \"search\"?"));
        assert!(said("Quit").contains("did you mean \"quit\"?"));
        assert!(said("next_key").contains("did you mean \"next_key_event\"?"));
        let far = said("frobnicate");
        assert!(!far.contains("did you mean"), "{far}");
        assert!(far.contains("liveblog config --print-default"), "{far}");
        assert_eq!(edits("kitten", "sitting"), 3);
        assert_eq!(edits("", "abc"), 3);
    }

    /// The documented config lists every action by name with its shipped keys, and nothing
    /// else: the list an unknown action's error points to.
    #[test]
    fn the_documented_config_lists_every_action_with_its_keys() {
        let example = crate::config::EXAMPLE;
        let start = example
            .find("# The reader's actions by name, each with its keys as shipped:\n")
            .unwrap();
        let listed: Vec<(String, String)> = example[start..]
            .lines()
            .skip(1)
            .map_while(|l| l.strip_prefix("#   "))
            .map(|l| {
                let (name, keys) = l.split_once(' ').unwrap_or((l, ""));
                (name.to_string(), keys.trim().to_string())
            })
            .collect();
        let shipped: Vec<(String, String)> = Keymap::shipped()
            .bindings
            .iter()
            .map(|b| (b.name.clone(), b.keys.join(", ")))
            .collect();
        assert_eq!(listed, shipped);
    }

    #[test]
    fn the_shipped_table_is_read_alike_with_or_without_the_toml_parser() {
        let plain = plain_table(SHIPPED).expect("the shipped table keeps its plain shape");
        let file: File = toml::from_str(SHIPPED).unwrap();
        assert_eq!(plain, file.binding);
        // Off the plain shape: left to the TOML parser.
        let one = |action: &str, keys: &str, desc: &str| {
            format!("# c\n\n[[binding]]\naction = {action}\nkeys = {keys}\ndesc = {desc}\n")
        };
        assert!(plain_table(&one("\"top\"", "[\"g\"]", "\"x\"")).is_some());
        for odd in [
            one("\"top\"", "[\"g\"] # home", "\"x\""),
            one("\"t\\\"op\"", "[\"g\"]", "\"x\""),
            one("\"top\"", "[\"g\",\"h\"]", "\"x\""),
            one("'top'", "[\"g\"]", "\"x\""),
            format!("x = 1\n{}", one("\"top\"", "[\"g\"]", "\"x\"")),
            one("\"top\"", "[\"g\"]", "\"x\"") + "extra = 1\n",
        ] {
            assert!(plain_table(&odd).is_none(), "{odd}");
        }
    }

    #[test]
    fn the_shipped_key_table_parses() {
        let k = Keymap::parse(SHIPPED).unwrap();
        assert!(k.bindings.len() >= 15);
        assert!(
            k.bindings
                .iter()
                .all(|b| !b.desc.is_empty() && !b.keys.is_empty())
        );
    }

    #[test]
    fn keys_map_to_actions() {
        let k = Keymap::shipped();
        let press = |code, mods| k.action_for(&KeyEvent::new(code, mods));
        assert_eq!(
            press(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::ScrollDown)
        );
        assert_eq!(
            press(KeyCode::Down, KeyModifiers::NONE),
            Some(Action::ScrollDown)
        );
        assert_eq!(
            press(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            press(KeyCode::Char('?'), KeyModifiers::SHIFT),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            press(KeyCode::Char('z'), KeyModifiers::CONTROL),
            Some(Action::Suspend)
        );
        assert_eq!(
            press(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::FocusNext)
        );
        assert_eq!(press(KeyCode::Char('x'), KeyModifiers::NONE), None);
    }

    #[test]
    fn shift_tab_is_shown_as_pressed_and_read_as_shown() {
        assert_eq!(shown("BackTab"), "Shift-Tab");
        assert_eq!(shown("Tab"), "Tab");
        let mut keys = std::collections::BTreeMap::new();
        keys.insert("focus_next".to_string(), vec!["Shift-Tab".to_string()]);
        let m = Keymap::shipped().remapped(&keys).unwrap();
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(m.action_for(&back_tab), Some(Action::FocusNext));
        assert_eq!(m.key_for(&Action::FocusNext), Some("Shift-Tab"));
    }

    #[test]
    fn the_shipped_table_binds_no_key_twice_and_keys_can_be_remapped() {
        Keymap::shipped().check_unique().unwrap();
        let mut keys = std::collections::BTreeMap::new();
        keys.insert("quit".to_string(), vec!["x".to_string()]);
        let m = Keymap::shipped().remapped(&keys).unwrap();
        assert_eq!(m.key_for(&Action::Quit), Some("x"));
        let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(m.action_for(&x), Some(Action::Quit));
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(m.action_for(&q), None);
        // "j" is scroll_down's already.
        keys.insert("quit".to_string(), vec!["j".to_string()]);
        let e = Keymap::shipped().remapped(&keys).unwrap_err().to_string();
        assert_eq!(e, "key table: \"j\" is bound to both scroll_down and quit");
        keys.clear();
        keys.insert("fly".to_string(), vec!["f".to_string()]);
        assert!(Keymap::shipped().remapped(&keys).is_err());
    }

    #[test]
    fn an_unknown_action_or_key_is_a_clear_error() {
        let bad = "[[binding]]\naction = \"fly\"\nkeys = [\"f\"]\ndesc = \"x\"\n";
        assert_eq!(
            Keymap::parse(bad).unwrap_err().to_string(),
            "key table: unknown action \"fly\" (every action's name: liveblog config \
             --print-default)"
        );
        let bad = "[[binding]]\naction = \"quit\"\nkeys = [\"Hyper-q\"]\ndesc = \"x\"\n";
        assert_eq!(
            Keymap::parse(bad).unwrap_err().to_string(),
            "key table: unknown key \"Hyper-q\""
        );
    }
}
