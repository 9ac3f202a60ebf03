//! The command line: what `liveblog --help` shows, as clap types.

use clap::{Args, Parser, Subcommand};
use liveblog::dump::DumpFormat;
use liveblog::follow::FollowFormat;
use std::ffi::OsString;

mod examples;

/// A terminal reader for news live blogs.
#[derive(Debug, Parser)]
// A subcommand's name comes first, after options only: `liveblog dump x` and `liveblog
// --interval 10 dump x` are `dump`, while in `liveblog a.txt dump` "dump" is a second source
// (a file called `dump` alone is `./dump`).
#[command(version, about, after_help = examples::READER)]
pub struct Cli {
    /// Files or http(s) URLs (- for standard input), or an event named in the config file;
    /// without any, the bundled blog. Several are shown together, newest first.
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<OsString>,
    #[command(flatten)]
    pub refresh: RefreshArgs,
    #[command(flatten)]
    pub net: NetArgs,
    #[command(flatten)]
    pub event: EventArgs,
    #[command(flatten)]
    pub alert: AlertArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How often a blog from the web is read again: the reader's and `follow`'s.
#[derive(Debug, Clone, Default, Args)]
pub struct RefreshArgs {
    /// Seconds between refreshes of a URL, at least 5. Without it, as often as the source
    /// asks (the Guardian's 10 s, an AMP list's or WordPress's own), else a pace that follows
    /// the blog: 15 s after news, slowing from 30 s to 2 min while quiet (a Content API key:
    /// what its daily budget allows).
    #[arg(long, value_name = "SECONDS")]
    pub interval: Option<u64>,
}

/// How a blog is fetched from the web: for every command that reads one.
#[derive(Debug, Clone, Default, Args)]
pub struct NetArgs {
    /// A Guardian Content API key: Guardian URLs are then read through the Content API.
    #[arg(
        long,
        env = "GUARDIAN_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub guardian_key: Option<String>,
    /// Keep no copy of web blogs on disk and read none (see "Across sittings" in the README).
    #[arg(long)]
    pub no_cache: bool,
}

/// Alerts for what arrives while you are not looking.
#[derive(Debug, Clone, Default, Args)]
pub struct AlertArgs {
    /// When to ring the terminal: on new key events, on every new entry, or never. Without it
    /// (or `notify` in the config) the reader stays silent unless an --alert word or an
    /// --on-alert program is given, which ring for key events and the words; so does `follow`
    /// (on stderr, when it is a terminal), whatever the config says.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub notify: Option<liveblog::alert::NotifyMode>,
    /// Also alert on entries with this word (whole word, any case); repeatable.
    #[arg(long = "alert", value_name = "WORD")]
    pub alerts: Vec<String>,
    /// Run this program on each alert, the alert as JSON on its standard input. Split into a
    /// program and its arguments as a shell splits words ('…' and "…" quote), but no shell
    /// is involved: nothing is expanded.
    #[arg(long, value_name = "COMMAND")]
    pub on_alert: Option<String>,
}

/// The settings file: for every command that reads it (not `completions` or `man`, which
/// print what the program is, whatever the settings).
#[derive(Debug, Clone, Default, Args)]
pub struct ConfigArgs {
    /// Settings file (default: ~/.config/liveblog/config.toml, if it exists).
    #[arg(long = "config", value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,
}

/// Several blogs of one event.
#[derive(Debug, Clone, Default, Args)]
pub struct EventArgs {
    /// Read the blogs of the event NAME of the config file together ([events.NAME]).
    #[arg(long, value_name = "NAME")]
    pub event: Option<String>,
    /// The bundled blog beside a second bundled blog, both replayed live and merged: what
    /// following an event looks like, without a config.
    #[arg(long)]
    pub demo_event: bool,
}

/// An event by name, for a command that cannot read the bundled demo (`status`: the replay
/// keeps no read state).
#[derive(Debug, Clone, Default, Args)]
pub struct EventNameArgs {
    /// Sum up the blogs of the event NAME of the config file ([events.NAME]).
    #[arg(long, value_name = "NAME")]
    pub event: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a parsed blog (or several, merged) to stdout and exit.
    #[command(after_help = examples::DUMP)]
    Dump {
        /// Files or http(s) URLs (- for standard input); without any, the bundled blog.
        #[arg(value_name = "SOURCE")]
        sources: Vec<OsString>,
        #[arg(long, short, value_enum, default_value_t = DumpFormat::Text)]
        format: DumpFormat,
        /// Also read every older page of a blog split into pages (the Guardian's page JSON, a
        /// WordPress Liveblog post), one request a second; without it, only the newest page
        /// is read.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        net: NetArgs,
        #[command(flatten)]
        event: EventArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Replay a blog as if live over HTTP on this machine, in every format liveblog reads.
    #[command(after_help = examples::SERVE)]
    Serve {
        /// Files; without any, the bundled blog. Several are served on one address, each
        /// under its own path (/1/…, /2/…).
        #[arg(value_name = "FILE")]
        files: Vec<OsString>,
        /// Address to listen on; port 0 picks a free one.
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: std::net::SocketAddr,
        /// Seconds between entries: for a blog without times (20 when not given), and for one
        /// with times too unless --speed is given.
        #[arg(long, value_name = "SECONDS")]
        pace: Option<f64>,
        /// How much faster than real time entries with times come out (1 when not given).
        #[arg(long, value_name = "X")]
        speed: Option<f64>,
        /// Give each entry the time it appears in the replay (the newest shown at start is
        /// now), so that blogs replayed together interleave.
        #[arg(long)]
        rebase: bool,
        /// Entries a page of the Guardian page JSON, HTML and AMP pages, the older pages asked
        /// for as the Guardian's are (`?page=with:block-<id>`); one page when not given.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        page_size: Option<u16>,
        #[command(flatten)]
        event: EventArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print a shell completion script, to be saved where the shell looks for them.
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): every command with its options, and the reader's keys.
    #[command(after_help = examples::MAN)]
    Man,
    /// Say where the config file is read from; with --print-default, print a commented
    /// default file to start one from.
    #[command(after_help = examples::CONFIG)]
    Config {
        /// Print the documented default config file (every setting commented out).
        #[arg(long)]
        print_default: bool,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print one line for a status bar and exit: live or ended, and how many entries and key
    /// events are new since the reader last looked. One conditional request per source; the
    /// read state is never changed.
    #[command(after_help = examples::STATUS)]
    Status {
        /// Files or http(s) URLs (or an event's name); several are summed into one line.
        #[arg(value_name = "SOURCE")]
        sources: Vec<OsString>,
        #[command(flatten)]
        net: NetArgs,
        #[command(flatten)]
        event: EventNameArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print each new or edited entry as it arrives, like `tail -f`; exit when the blog ends
    /// (every blog, when several are followed).
    #[command(after_help = examples::FOLLOW)]
    Follow {
        /// Files or http(s) URLs (- for standard input); without any, the bundled blog.
        #[arg(value_name = "SOURCE")]
        sources: Vec<OsString>,
        #[arg(long, short, value_enum, default_value_t = FollowFormat::Text)]
        format: FollowFormat,
        /// Print key events only.
        #[arg(long)]
        key_events_only: bool,
        #[command(flatten)]
        refresh: RefreshArgs,
        #[command(flatten)]
        net: NetArgs,
        #[command(flatten)]
        event: EventArgs,
        #[command(flatten)]
        alert: AlertArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

/// Every word that, first among the arguments, names a subcommand rather than a source:
/// [`Cli::quick`] leaves these to clap (a test checks the list against clap's own).
const SUBCOMMAND_WORDS: [&str; 8] = [
    "dump",
    "serve",
    "completions",
    "man",
    "config",
    "status",
    "follow",
    "help",
];

/// Says so when a source that is nothing (no file, no address, no event of the config) is a
/// command's word or a slip of one: `liveblog blog.txt status` reads "status" as a second
/// source, and `liveblog dupm blog.txt` "dupm" as a first. `None` when every source may be
/// one; `is_source` says whether a word names a file or an event.
pub fn misplaced_command(sources: &[OsString], is_source: impl Fn(&str) -> bool) -> Option<String> {
    sources.iter().enumerate().find_map(|(k, arg)| {
        let word = arg.to_str()?;
        let bare = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic());
        if !bare || is_source(word) {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        if SUBCOMMAND_WORDS.contains(&lower.as_str()) {
            return Some(format!(
                "\"{word}\": no such file; to run the command, put it first: liveblog {lower} …"
            ));
        }
        let near = SUBCOMMAND_WORDS
            .iter()
            .find(|c| c.len() >= 4 && k == 0 && slips(&lower, c) <= 1 + c.len() / 5)?;
        Some(format!(
            "\"{word}\": no such file, nor an event of the config; did you mean \
             `liveblog {near} …`?"
        ))
    })
}

/// `--on-alert`'s command split into a program and its arguments as a shell splits words,
/// without a shell: at white space, but for text in single quotes (as written) or double
/// quotes (where a backslash keeps `"`, `\\`, `$` and `` ` ``), and a backslash outside quotes
/// keeps the next character. Nothing is expanded. `Err` for a quote left open.
pub fn split_command(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err(open_quote(command)),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err(open_quote(command)),
                        },
                        Some(c) => w.push(c),
                        None => return Err(open_quote(command)),
                    }
                }
            }
            '\\' => {
                let w = word.get_or_insert_with(String::new);
                w.extend(chars.next());
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

fn open_quote(command: &str) -> String {
    format!(
        "--on-alert \"{}\": a quote is not closed",
        liveblog::sanitize::visible(command, 200)
    )
}

/// Says so when a command's own option comes before the command's word (`liveblog
/// --key-events-only follow x`), where clap would only call it unknown and guess another.
fn option_before_its_command(args: &[OsString]) -> Option<String> {
    use clap::CommandFactory;
    let words: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    let at = words.iter().position(|w| SUBCOMMAND_WORDS.contains(w))?;
    let cmd = Cli::command();
    let sub = cmd.find_subcommand(words[at])?;
    let long =
        |c: &clap::Command, name: &str| c.get_arguments().any(|a| a.get_long() == Some(name));
    words[..at].iter().find_map(|w| {
        let name = w.strip_prefix("--")?.split('=').next()?;
        (!long(&cmd, name) && long(sub, name)).then(|| {
            format!(
                "`--{name}` is an option of `liveblog {0}`: put it after the command \
                 (liveblog {0} --{name} …)",
                sub.get_name()
            )
        })
    })
}

/// Edits (a letter added, dropped, changed, or two side by side swapped) from `a` to `b`.
fn slips(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // Three rows of the table are enough for the swap.
    let mut before: Vec<usize> = Vec::new();
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let change = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + change);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut last, row);
    }
    last[b.len()]
}

/// A group of options that more than one command takes, given before a subcommand (where the
/// reader's options go) or after it.
trait Group: Default {
    /// The first of the group's options given on the command line, if any.
    fn given(&self) -> Option<&'static str>;
    /// These options (given after the subcommand) where given, `top`'s elsewhere.
    fn or(self, top: Self) -> Self;
}

impl Group for RefreshArgs {
    fn given(&self) -> Option<&'static str> {
        self.interval.map(|_| "--interval")
    }
    fn or(self, top: Self) -> Self {
        RefreshArgs {
            interval: self.interval.or(top.interval),
        }
    }
}

impl Group for NetArgs {
    fn given(&self) -> Option<&'static str> {
        // A key from the environment is there for every command: only one typed counts.
        let typed = self.guardian_key.as_ref().is_some_and(|key| {
            std::env::var_os("GUARDIAN_API_KEY").is_none_or(|env| env.as_os_str() != key.as_str())
        });
        if typed {
            Some("--guardian-key")
        } else {
            self.no_cache.then_some("--no-cache")
        }
    }
    fn or(self, top: Self) -> Self {
        NetArgs {
            guardian_key: self.guardian_key.or(top.guardian_key),
            no_cache: self.no_cache || top.no_cache,
        }
    }
}

impl Group for ConfigArgs {
    fn given(&self) -> Option<&'static str> {
        self.file.as_ref().map(|_| "--config")
    }
    fn or(self, top: Self) -> Self {
        ConfigArgs {
            file: self.file.or(top.file),
        }
    }
}

impl Group for EventArgs {
    fn given(&self) -> Option<&'static str> {
        if self.event.is_some() {
            Some("--event")
        } else {
            self.demo_event.then_some("--demo-event")
        }
    }
    fn or(self, top: Self) -> Self {
        EventArgs {
            event: self.event.or(top.event),
            demo_event: self.demo_event || top.demo_event,
        }
    }
}

impl Group for AlertArgs {
    fn given(&self) -> Option<&'static str> {
        if self.notify.is_some() {
            Some("--notify")
        } else if !self.alerts.is_empty() {
            Some("--alert")
        } else {
            self.on_alert.as_ref().map(|_| "--on-alert")
        }
    }
    fn or(self, top: Self) -> Self {
        AlertArgs {
            notify: self.notify.or(top.notify),
            alerts: top.alerts.into_iter().chain(self.alerts).collect(),
            on_alert: self.on_alert.or(top.on_alert),
        }
    }
}

/// The groups a subcommand takes, each `None` when it takes no such options.
type Groups<'a> = (
    Option<&'a mut RefreshArgs>,
    Option<&'a mut NetArgs>,
    Option<&'a mut EventArgs>,
    Option<&'a mut AlertArgs>,
    Option<&'a mut ConfigArgs>,
);

impl Command {
    /// The subcommand's word, as clap names it.
    fn word(&self) -> &'static str {
        match self {
            Command::Dump { .. } => "dump",
            Command::Serve { .. } => "serve",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
            Command::Config { .. } => "config",
            Command::Status { .. } => "status",
            Command::Follow { .. } => "follow",
        }
    }

    /// The event of a command that takes one by name only (`status`), as given after its
    /// word; `None` for any other command.
    fn take_event_name(&mut self) -> Option<EventNameArgs> {
        match self {
            Command::Status { event, .. } => Some(std::mem::take(event)),
            _ => None,
        }
    }

    fn groups(&mut self) -> Groups<'_> {
        match self {
            Command::Dump {
                net, event, config, ..
            } => (None, Some(net), Some(event), None, Some(config)),
            // Its event by name only: see `take_event_name`.
            Command::Status { net, config, .. } => (None, Some(net), None, None, Some(config)),
            Command::Follow {
                refresh,
                net,
                event,
                alert,
                config,
                ..
            } => (
                Some(refresh),
                Some(net),
                Some(event),
                Some(alert),
                Some(config),
            ),
            Command::Serve { event, config, .. } => (None, None, Some(event), None, Some(config)),
            Command::Config { config, .. } => (None, None, None, None, Some(config)),
            Command::Completions { .. } | Command::Man => (None, None, None, None, None),
        }
    }
}

/// A subcommand's own options of a group merged with those given before it; given before a
/// subcommand that does not take them, an error naming the first.
fn merged<G: Group>(own: Option<&mut G>, top: G, word: &str) -> Result<G, String> {
    match (own, top.given()) {
        (Some(own), _) => Ok(std::mem::take(own).or(top)),
        (None, Some(option)) => Err(format!("`{option}` is not an option of `liveblog {word}`")),
        (None, None) => Ok(top),
    }
}

impl Cli {
    /// What [`Parser::parse`] gives, without building clap's whole command (every global
    /// option copied into every subcommand, a quarter of a millisecond on every start) for the
    /// commonest command lines: no argument, or one source that cannot be taken for an option
    /// or a subcommand.
    pub fn parse_args() -> Self {
        let args: Vec<OsString> = std::env::args_os().collect();
        let cli = Self::quick(&args).unwrap_or_else(|| {
            Self::try_parse_from(&args).unwrap_or_else(|e| match option_before_its_command(&args) {
                Some(said) => <Self as clap::CommandFactory>::command()
                    .error(clap::error::ErrorKind::UnknownArgument, said)
                    .exit(),
                None => e.exit(),
            })
        });
        cli.settled().unwrap_or_else(|e| {
            <Self as clap::CommandFactory>::command()
                .error(clap::error::ErrorKind::ArgumentConflict, e)
                .exit()
        })
    }

    /// The options given before a subcommand taken into it (`liveblog --no-cache dump x` is
    /// `liveblog dump --no-cache x`), and the subcommand's own kept beside the reader's, so
    /// that what follows reads one place. One the subcommand does not take is an error naming
    /// it, not an option silently ignored.
    fn settled(mut self) -> Result<Self, String> {
        let Some(command) = self.command.as_mut() else {
            return self.checked();
        };
        let word = command.word();
        let own_name = command.take_event_name();
        let (refresh, net, event, alert, config) = command.groups();
        self.refresh = merged(refresh, self.refresh, word)?;
        self.net = merged(net, self.net, word)?;
        self.event = match own_name {
            Some(_) if self.event.demo_event => {
                return Err(format!(
                    "`--demo-event` is not an option of `liveblog {word}`"
                ));
            }
            Some(name) => EventArgs {
                event: name.event.or(self.event.event),
                demo_event: false,
            },
            None => merged(event, self.event, word)?,
        };
        self.alert = merged(alert, self.alert, word)?;
        self.config = merged(config, self.config, word)?;
        self.checked()
    }

    /// What clap cannot check: that `--on-alert`'s command splits into words.
    fn checked(self) -> Result<Self, String> {
        if let Some(command) = &self.alert.on_alert {
            split_command(command)?;
        }
        Ok(self)
    }

    /// [`Cli`] for `liveblog` or `liveblog SOURCE`, `None` for anything clap must read: an
    /// option, a subcommand, more than one argument, or `GUARDIAN_API_KEY` set (clap reads it).
    fn quick(args: &[OsString]) -> Option<Self> {
        let sources = match args {
            [_] => Vec::new(),
            [_, a] => {
                let word = a.to_str()?;
                if word.is_empty() || word.starts_with('-') || SUBCOMMAND_WORDS.contains(&word) {
                    return None;
                }
                vec![a.clone()]
            }
            _ => return None,
        };
        if std::env::var_os("GUARDIAN_API_KEY").is_some() {
            return None;
        }
        Some(Cli {
            sources,
            refresh: RefreshArgs::default(),
            net: NetArgs::default(),
            event: EventArgs::default(),
            alert: AlertArgs::default(),
            config: ConfigArgs::default(),
            command: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_quick_reading_is_what_clap_reads() {
        let lines: &[&[&str]] = &[
            &["liveblog"],
            &["liveblog", "blog.txt"],
            &["liveblog", "https://example.com/live"],
            &["liveblog", "paris-summit"],
            &["liveblog", "./dump"],
            &["liveblog", "dumpling.txt"],
            &["liveblog", "a b.txt"],
        ];
        for line in lines {
            let args: Vec<OsString> = line.iter().map(OsString::from).collect();
            let quick = Cli::quick(&args).expect("read quickly");
            let clap = Cli::try_parse_from(&args).unwrap();
            assert_eq!(format!("{quick:?}"), format!("{clap:?}"), "{line:?}");
        }
    }

    #[test]
    fn an_alert_command_is_split_into_words_as_a_shell_would_without_one() {
        let split = |s: &str| split_command(s).unwrap();
        assert_eq!(
            split(r#"sh -c "cat >> /tmp/alerts.jsonl""#),
            ["sh", "-c", "cat >> /tmp/alerts.jsonl"]
        );
        assert_eq!(
            split(r#"notify 'it'\''s "here"'  a\ b "x\"y\$z\n" $HOME"#),
            ["notify", r#"it's "here""#, "a b", r#"x"y$z\n"#, "$HOME"]
        );
        assert_eq!(split("  prog  "), ["prog"]);
        assert_eq!(split(r#"prog "" ''"#), ["prog", "", ""]);
        assert!(
            split_command("prog 'open")
                .unwrap_err()
                .contains("not closed")
        );
        assert!(split_command(r#"prog "open"#).is_err());
    }

    #[test]
    fn a_commands_option_before_its_word_is_named_as_its() {
        let args = |w: &[&str]| -> Vec<OsString> { w.iter().map(OsString::from).collect() };
        let said =
            option_before_its_command(&args(&["liveblog", "--key-events-only", "follow", "x"]))
                .unwrap();
        assert_eq!(
            said,
            "`--key-events-only` is an option of `liveblog follow`: put it after the command \
             (liveblog follow --key-events-only …)"
        );
        assert!(
            option_before_its_command(&args(&["liveblog", "--format=json", "dump", "x"]))
                .unwrap()
                .contains("`liveblog dump`")
        );
        // The reader's own options, and options after the command, are clap's to judge.
        assert_eq!(
            option_before_its_command(&args(&["liveblog", "--no-cache", "dump", "x"])),
            None
        );
        assert_eq!(
            option_before_its_command(&args(&["liveblog", "--bogus", "follow", "x"])),
            None
        );
        assert_eq!(
            option_before_its_command(&args(&["liveblog", "follow", "--key-events-only"])),
            None
        );
    }

    #[test]
    fn a_command_word_among_the_sources_is_named_as_one() {
        let words = |w: &[&str]| -> Vec<OsString> { w.iter().map(OsString::from).collect() };
        let none = |_: &str| false;
        let said = misplaced_command(&words(&["blog.txt", "status"]), none).unwrap();
        assert_eq!(
            said,
            "\"status\": no such file; to run the command, put it first: liveblog status …"
        );
        let said = misplaced_command(&words(&["dupm", "blog.txt"]), none).unwrap();
        assert!(said.contains("did you mean `liveblog dump …`?"), "{said}");
        assert!(
            misplaced_command(&words(&["folow"]), none)
                .unwrap()
                .contains("follow")
        );
        assert!(
            misplaced_command(&words(&["stauts"]), none)
                .unwrap()
                .contains("status")
        );
        // A file or an event of that name is read; other words are left to say "no such file".
        assert_eq!(
            misplaced_command(&words(&["status"]), |w| w == "status"),
            None
        );
        for other in ["summit", "blog.txt", "a/dump", "https://x/dump", "summary"] {
            assert_eq!(misplaced_command(&words(&[other]), none), None, "{other}");
        }
        // A slip is guessed only first, where a command goes.
        assert_eq!(misplaced_command(&words(&["blog.txt", "dupm"]), none), None);
    }

    #[test]
    fn options_and_subcommands_are_left_to_clap() {
        let lines: &[&[&str]] = &[
            &["liveblog", "--help"],
            &["liveblog", "-"],
            &["liveblog", ""],
            &["liveblog", "--demo-event"],
            &["liveblog", "a.txt", "b.txt"],
            &["liveblog", "dump"],
            &["liveblog", "help"],
        ];
        for line in lines {
            let args: Vec<OsString> = line.iter().map(OsString::from).collect();
            assert!(Cli::quick(&args).is_none(), "{line:?}");
        }
    }

    #[test]
    fn every_subcommand_and_alias_is_known_to_the_quick_reading() {
        let cmd = Cli::command();
        for sub in cmd.get_subcommands() {
            for word in std::iter::once(sub.get_name()).chain(sub.get_all_aliases()) {
                assert!(SUBCOMMAND_WORDS.contains(&word), "{word}");
            }
        }
        assert_eq!(cmd.get_subcommands().count() + 1, SUBCOMMAND_WORDS.len());
    }
}
