//! Following an event, not a page: which blogs a command line names, by argument, by
//! `--event NAME` or by an event's name alone, and what the event is called.
//!
//! One function, [`resolve`], turns the arguments and the config into what to open, so the
//! reader, `dump` and `follow` agree on it.

use crate::config::Config;
use std::ffi::OsString;
use std::path::Path;

/// A source to open, and the short name to show it under when the config gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSpec {
    /// A file or an http(s) URL, as named on the command line or in the config.
    pub arg: OsString,
    /// Shown instead of the publisher, host or file name (sanitised).
    pub name: Option<String>,
}

impl SourceSpec {
    /// A source named on the command line, shown under its own short name.
    pub fn arg(arg: impl Into<OsString>) -> Self {
        Self {
            arg: arg.into(),
            name: None,
        }
    }
}

/// What the command line asks to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Nothing named: the bundled blog.
    Bundled,
    /// `--demo-event`: the bundled blog beside a second bundled replay.
    Demo,
    /// Sources named by argument or by an event (never empty).
    Sources {
        specs: Vec<SourceSpec>,
        /// The event's title (its name when the config gives none); `None` without an event.
        title: Option<String>,
    },
}

impl Resolved {
    /// More than one blog, or an event: shown merged, each entry tagged with its blog.
    pub fn is_several(&self) -> bool {
        match self {
            Resolved::Bundled => false,
            Resolved::Demo => true,
            Resolved::Sources { specs, title } => specs.len() > 1 || title.is_some(),
        }
    }
}

/// Resolves the sources and `--event` of a command line against the config. `exists` says
/// whether a path names a file (a test passes its own): `liveblog NAME` is the event `NAME`
/// only when no file of that name exists. Errors are one line.
pub fn resolve(
    args: &[OsString],
    event: Option<&str>,
    demo: bool,
    config: &Config,
    exists: impl Fn(&Path) -> bool,
) -> Result<Resolved, String> {
    if demo {
        if !args.is_empty() || event.is_some() {
            return Err(
                "--demo-event replays two bundled blogs: it takes no sources and no \
                        --event"
                    .into(),
            );
        }
        return Ok(Resolved::Demo);
    }
    // `liveblog NAME`: an event, when NAME is no file, no URL, and the config has it.
    let by_name = match (event, args) {
        (None, [one]) => one
            .to_str()
            .filter(|n| config.events.contains_key(*n))
            .filter(|n| *n != STDIN && !n.contains("://") && !exists(Path::new(n))),
        _ => None,
    };
    if let (None, None, [one]) = (by_name, event, args)
        && let Some(word) = one.to_str()
        && looks_like_a_name(word)
        && !config.events.is_empty()
        && !exists(Path::new(word))
    {
        return Err(not_a_file_nor_event(word, config));
    }
    let (event, args) = match by_name {
        Some(name) => (Some(name), &[][..]),
        None => (event, args),
    };
    let mut specs = Vec::new();
    let mut title = None;
    if let Some(name) = event {
        let Some(e) = config.events.get(name) else {
            return Err(unknown_event(name, config));
        };
        if e.sources.is_empty() {
            return Err(format!(
                "event \"{}\" in the config file names no sources",
                crate::sanitize::line(name, 100)
            ));
        }
        specs.extend(e.sources.iter().map(|s| {
            SourceSpec {
                arg: OsString::from(&s.url),
                name: s
                    .name
                    .as_deref()
                    .map(|n| crate::sanitize::line(n, 40))
                    .filter(|n| !n.trim().is_empty()),
            }
        }));
        let shown = e.title.as_deref().filter(|t| !t.trim().is_empty());
        title = Some(crate::sanitize::line(
            shown.unwrap_or(name),
            crate::sanitize::TITLE_MAX,
        ));
    }
    specs.extend(args.iter().cloned().map(SourceSpec::arg));
    if specs.is_empty() {
        return Ok(Resolved::Bundled);
    }
    Ok(Resolved::Sources { specs, title })
}

/// Standard input, as a source: never an event's name, whatever the config names.
const STDIN: &str = "-";

/// A word that reads as an event's name rather than a file's or an address: no folder, no
/// extension, no scheme, and not standard input.
fn looks_like_a_name(word: &str) -> bool {
    !word.is_empty() && word != STDIN && !word.contains(['/', '.', ':', '\\'])
}

/// `liveblog status NAME` with no file and no event of that name, in a config that has events:
/// said as the event's name it likely was, with the names the config has.
fn not_a_file_nor_event(word: &str, config: &Config) -> String {
    format!(
        "\"{}\": no such file, nor an event of the config, which names {}",
        crate::sanitize::line(word, 100),
        event_names(config)
    )
}

fn event_names(config: &Config) -> String {
    config
        .events
        .keys()
        .map(|k| format!("\"{}\"", crate::sanitize::line(k, 100)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown_event(name: &str, config: &Config) -> String {
    let name = crate::sanitize::line(name, 100);
    if config.events.is_empty() {
        return format!(
            "unknown event \"{name}\": the config file names no events (see [events] in \
             liveblog's example config)"
        );
    }
    format!(
        "unknown event \"{name}\": the config file names {}",
        event_names(config)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::parse(
            "[events.paris-summit]\ntitle = \"Paris summit\"\nsources = [\"https://a.test/live\", \
             { url = \"b.html\", name = \"Le Monde\" }]\n[events.budget]\nsources = [\"c.txt\"]\n",
        )
        .unwrap()
    }

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    fn no_files(_: &Path) -> bool {
        false
    }

    fn specs(r: &Resolved) -> Vec<(String, Option<String>)> {
        match r {
            Resolved::Sources { specs, .. } => specs
                .iter()
                .map(|s| (s.arg.to_string_lossy().into_owned(), s.name.clone()))
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nothing_named_is_the_bundled_blog_and_arguments_are_sources_in_order() {
        let c = Config::default();
        assert_eq!(
            resolve(&[], None, false, &c, no_files),
            Ok(Resolved::Bundled)
        );
        let r = resolve(
            &os(&["a.txt", "https://x.test/l"]),
            None,
            false,
            &c,
            no_files,
        )
        .unwrap();
        assert_eq!(
            specs(&r),
            [("a.txt".into(), None), ("https://x.test/l".into(), None)]
        );
        assert!(r.is_several());
        let one = resolve(&os(&["a.txt"]), None, false, &c, no_files).unwrap();
        assert!(
            !one.is_several(),
            "one source named is shown as it always was"
        );
    }

    #[test]
    fn an_event_gives_its_sources_names_and_title() {
        let r = resolve(&[], Some("paris-summit"), false, &config(), no_files).unwrap();
        assert_eq!(
            specs(&r),
            [
                ("https://a.test/live".into(), None),
                ("b.html".into(), Some("Le Monde".into()))
            ]
        );
        let Resolved::Sources { title, .. } = &r else {
            unreachable!()
        };
        assert_eq!(title.as_deref(), Some("Paris summit"));
        // Without a title, the event's name; one source is still an event.
        let r = resolve(&[], Some("budget"), false, &config(), no_files).unwrap();
        assert!(r.is_several());
        let Resolved::Sources { title, .. } = r else {
            unreachable!()
        };
        assert_eq!(title.as_deref(), Some("budget"));
    }

    #[test]
    fn arguments_add_to_an_event() {
        let r = resolve(&os(&["d.txt"]), Some("budget"), false, &config(), no_files).unwrap();
        assert_eq!(specs(&r), [("c.txt".into(), None), ("d.txt".into(), None)]);
    }

    #[test]
    fn an_events_name_alone_is_the_event_unless_a_file_has_that_name() {
        let r = resolve(&os(&["paris-summit"]), None, false, &config(), no_files).unwrap();
        assert_eq!(specs(&r).len(), 2);
        let file = resolve(&os(&["paris-summit"]), None, false, &config(), |_| true).unwrap();
        assert_eq!(specs(&file), [("paris-summit".into(), None)]);
        // Neither: a slip of an event's name, said with the names there are.
        let e = resolve(&os(&["pari"]), None, false, &config(), no_files).unwrap_err();
        assert_eq!(
            e,
            "\"pari\": no such file, nor an event of the config, which names \"budget\", \
             \"paris-summit\""
        );
        // A path or an address is left to be opened (and fail) as one, and so is any word
        // when the config has no events.
        for arg in ["nope.txt", "dir/nope", "https://a.test/x"] {
            let r = resolve(&os(&[arg]), None, false, &config(), no_files).unwrap();
            assert_eq!(specs(&r), [(arg.into(), None)]);
        }
        let r = resolve(&os(&["nope"]), None, false, &Config::default(), no_files).unwrap();
        assert_eq!(specs(&r), [("nope".into(), None)]);
        // `-` is standard input, even in a config with events, even one named so.
        let mut dashed = config();
        dashed
            .events
            .insert("-".into(), dashed.events["budget"].clone());
        for c in [config(), dashed] {
            let r = resolve(&os(&["-"]), None, false, &c, no_files).unwrap();
            assert_eq!(specs(&r), [("-".into(), None)]);
        }
        // Among other sources, a name is a file name.
        let r = resolve(&os(&["budget", "x"]), None, false, &config(), no_files).unwrap();
        assert_eq!(specs(&r), [("budget".into(), None), ("x".into(), None)]);
    }

    #[test]
    fn an_unknown_event_is_one_line_listing_the_known_ones() {
        let e = resolve(&[], Some("pari"), false, &config(), no_files).unwrap_err();
        assert_eq!(
            e,
            "unknown event \"pari\": the config file names \"budget\", \"paris-summit\""
        );
        let e = resolve(&[], Some("x"), false, &Config::default(), no_files).unwrap_err();
        assert!(
            e.starts_with("unknown event \"x\": the config file names no events"),
            "{e}"
        );
        assert_eq!(e.lines().count(), 1);
    }

    #[test]
    fn the_demo_event_takes_nothing_else() {
        let c = config();
        assert_eq!(resolve(&[], None, true, &c, no_files), Ok(Resolved::Demo));
        assert!(resolve(&os(&["a"]), None, true, &c, no_files).is_err());
        assert!(resolve(&[], Some("budget"), true, &c, no_files).is_err());
    }

    #[test]
    fn names_and_titles_from_the_config_are_sanitised() {
        let c = crate::config::parse(
            "[events.e]\ntitle = \"\\u001b]0;pwned\\u0007T\"\nsources = [{ url = \"a\", name = \"\\u001b[2J\" }]\n",
        )
        .unwrap();
        let r = resolve(&[], Some("e"), false, &c, no_files).unwrap();
        let Resolved::Sources { specs, title } = r else {
            unreachable!()
        };
        assert!(!title.unwrap().contains('\u{1b}'));
        assert!(!specs[0].name.as_deref().unwrap().contains('\u{1b}'));
    }
}
