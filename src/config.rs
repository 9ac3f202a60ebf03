//! The config file: optional settings for people who would rather not repeat options.
//!
//! `$XDG_CONFIG_HOME/liveblog/config.toml` (else `~/.config/liveblog/config.toml`), or the file
//! named with `--config`. `assets/config.toml` is the documented example, embedded and checked.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The documented example, shipped in the binary (every setting commented out).
pub const EXAMPLE: &str = include_str!("../assets/config.toml");

/// Settings from the file. Command-line options and environment variables win over these.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub guardian_key: Option<String>,
    pub interval: Option<u64>,
    /// When to ring the terminal: `key-events` (default), `all` or `off`.
    pub notify: Option<crate::alert::NotifyMode>,
    /// Words that always alert (whole words, any case).
    #[serde(default)]
    pub alerts: Vec<String>,
    /// A program (and its arguments) run on each alert with the alert as JSON on stdin.
    #[serde(default)]
    pub on_alert: Option<Vec<String>>,
    /// The reader's colours: `dark` (the default), `light` or `mono`.
    pub theme: Option<String>,
    /// Colours that win over the theme's, by what they colour (`key_event = "#ffaf00"`).
    #[serde(default)]
    pub colors: BTreeMap<String, String>,
    /// Other keys for the reader's actions: action name (as in `assets/keys.toml`) → keys.
    #[serde(default)]
    pub keys: BTreeMap<String, Vec<String>>,
    /// Named events (`[events.NAME]`): several blogs followed together.
    #[serde(default)]
    pub events: BTreeMap<String, EventConfig>,
}

/// One named event: the blogs that cover it, and what to call it.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventConfig {
    /// Shown as the event's title; the event's name when absent.
    pub title: Option<String>,
    pub sources: Vec<EventSource>,
}

/// A blog of an event: a URL or a file, and optionally the short name it is shown under
/// (otherwise the publisher, host or file name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSource {
    pub url: String,
    pub name: Option<String>,
}

/// The table form, `{ url = "…", name = "…" }`, kept strict so a typo is an error naming it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedSource {
    url: String,
    name: Option<String>,
}

/// A bare string or a table. Written by hand rather than `#[serde(untagged)]`, whose error
/// ("did not match any variant") would not name the misspelt field.
impl<'de> Deserialize<'de> for EventSource {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = EventSource;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a URL or file name, or a table { url = \"…\", name = \"…\" }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<EventSource, E> {
                Ok(EventSource {
                    url: v.to_string(),
                    name: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<EventSource, A::Error> {
                let n =
                    NamedSource::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(EventSource {
                    url: n.url,
                    name: n.name,
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Why the config file could not be used. One line, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file \"{path}\": {problem}")]
    Read { path: String, problem: String },
    #[error("config file \"{path}\": {detail}")]
    Parse { path: String, detail: String },
}

/// Where the config file is looked for when none is named.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("liveblog").join("config.toml"))
}

/// Reads the named file (which must exist), else the default one if it exists.
pub fn load(named: Option<&Path>) -> Result<Config, ConfigError> {
    let (path, must_exist) = match named {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(Config::default()),
        },
    };
    let shown = crate::sanitize::visible(&path.to_string_lossy(), 300);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
            return Ok(Config::default());
        }
        Err(e) => {
            let problem = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                std::io::ErrorKind::IsADirectory => "is a directory, not a file".to_string(),
                _ => crate::sanitize::line(&e.to_string(), 300),
            };
            return Err(ConfigError::Read {
                path: shown,
                problem,
            });
        }
    };
    parse(&text).map_err(|detail| ConfigError::Parse {
        path: shown,
        detail,
    })
}

/// Parses config text; the error is one line, saying on which line of the text it is.
pub fn parse(text: &str) -> Result<Config, String> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let message = crate::sanitize::line(e.message(), 300);
        match e.span() {
            Some(span) => {
                let before = &text.as_bytes()[..span.start.min(text.len())];
                let line = 1 + memchr::memchr_iter(b'\n', before).count();
                format!("line {line}: {message}")
            }
            None => message,
        }
    })?;
    // Checked here, where the file can be named, rather than when the interval, the theme or
    // the keys are used.
    if let Some(secs) = config.interval {
        crate::session::checked_interval(secs)?;
    }
    if config.theme.is_some() || !config.colors.is_empty() {
        crate::tui::theme::Theme::named(config.theme.as_deref())?.with_colors(&config.colors)?;
    }
    if !config.keys.is_empty() {
        crate::tui::keymap::Keymap::shipped()
            .remapped(&config.keys)
            .map_err(|e| format!("[keys]: {e}"))?;
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_example_parses_to_the_defaults() {
        assert_eq!(parse(EXAMPLE).unwrap(), Config::default());
    }

    #[test]
    fn settings_are_read() {
        let c = parse("guardian_key = \"k\"\ninterval = 60\n").unwrap();
        assert_eq!(
            c,
            Config {
                guardian_key: Some("k".into()),
                interval: Some(60),
                ..Config::default()
            }
        );
    }

    #[test]
    fn an_event_lists_urls_and_named_sources() {
        let c = parse(
            "[events.paris-summit]\ntitle = \"Paris summit\"\nsources = [\"https://a.test/live\", \
             { url = \"https://b.test/live.html\", name = \"Le Monde\" }, { url = \"c.txt\" }]\n",
        )
        .unwrap();
        let e = &c.events["paris-summit"];
        assert_eq!(e.title.as_deref(), Some("Paris summit"));
        let got: Vec<(&str, Option<&str>)> = e
            .sources
            .iter()
            .map(|s| (s.url.as_str(), s.name.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("https://a.test/live", None),
                ("https://b.test/live.html", Some("Le Monde")),
                ("c.txt", None)
            ]
        );
    }

    #[test]
    fn the_documented_event_parses_once_uncommented() {
        let start = EXAMPLE.find("# [events.").unwrap();
        let block = EXAMPLE[start..]
            .lines()
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let c = parse(&block).unwrap();
        let e = &c.events["paris-summit"];
        assert_eq!(e.sources.len(), 2);
        assert_eq!(e.sources[1].name.as_deref(), Some("Le Monde"));
    }

    /// The example's block that starts with `marker`, up to a blank line, uncommented.
    fn uncommented(marker: &str) -> String {
        let start = EXAMPLE.find(marker).unwrap();
        EXAMPLE[start..]
            .lines()
            .take_while(|l| !l.is_empty())
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_documented_keys_parse_once_uncommented() {
        let c = parse(&uncommented("# [keys]")).unwrap();
        assert_eq!(c.keys["quit"], ["x", "Ctrl-c"]);
        crate::tui::keymap::Keymap::shipped()
            .remapped(&c.keys)
            .unwrap();
    }

    #[test]
    fn the_documented_colours_parse_once_uncommented() {
        let c = parse(&uncommented("# [colors]")).unwrap();
        assert_eq!(c.colors["key_event"], "#ffaf00");
        crate::tui::theme::Theme::new(true)
            .with_colors(&c.colors)
            .unwrap();
    }

    #[test]
    fn a_typo_inside_an_event_names_the_field() {
        let e = parse("[events.x]\nsources = [{ ur = \"https://a.test/\" }]\n").unwrap_err();
        assert!(e.contains("`ur`"), "{e}");
        let e = parse("[events.x]\nsource = [\"a\"]\n").unwrap_err();
        assert!(e.contains("source"), "{e}");
        let e = parse("[events.x]\nsources = [5]\n").unwrap_err();
        assert!(e.contains("a URL or file name"), "{e}");
    }

    #[test]
    fn a_typo_is_an_error_naming_the_setting() {
        let e = parse("intervall = 60\n").unwrap_err();
        assert!(e.contains("intervall"), "{e}");
        assert!(e.starts_with("line 1: "), "{e}");
        let e = parse("notify = \"all\"\ninterval = \n").unwrap_err();
        assert!(e.starts_with("line 2: "), "{e}");
        let e = parse("interval = 2\n").unwrap_err();
        assert!(e.contains("must be between 5 seconds"), "{e}");
    }

    #[test]
    fn a_named_file_must_exist_and_errors_name_it() {
        let e = load(Some(Path::new("/nonexistent/liveblog.toml")))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("config file \"/nonexistent/liveblog.toml\": "),
            "{e}"
        );
    }
}
