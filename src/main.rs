//! The `liveblog` command: parse the command line, then run one command.

mod cli;
mod man;

use cli::{Cli, Command, NetArgs};
use liveblog::dump::{self, DumpFormat};
use liveblog::event::Resolved;
use liveblog::follow::{self, FollowFormat};
use liveblog::net::Retry;
use liveblog::serve;
use liveblog::session::{self, How, NetOptions};
use liveblog::source::Source;
use std::ffi::{OsStr, OsString};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let cli = Cli::parse_args();
    let _ = color_eyre::install();
    liveblog::crash::install();
    liveblog::logging::init_from_env();
    tracing::debug!("started");
    let Some(runtime) = runtime() else {
        return ExitCode::from(1);
    };
    // What the program is, printed whatever the settings say (or however broken they are).
    let reads_config = !matches!(
        cli.command,
        Some(Command::Completions { .. } | Command::Man)
    );
    let loaded = if reads_config {
        liveblog::config::load(cli.config.file.as_deref())
    } else {
        Ok(liveblog::config::Config::default())
    };
    let config = match loaded {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    let dirs = liveblog::store::Dirs::from_env();
    let with_config = |n: NetArgs, interval: Option<u64>| -> Result<NetOptions, String> {
        Ok(NetOptions {
            keep: dirs
                .as_ref()
                .filter(|_| !n.no_cache)
                .map(liveblog::store::Dirs::blog_cache),
            guardian_key: n.guardian_key.or_else(|| config.guardian_key.clone()),
            interval: interval
                .or(config.interval)
                .map(session::checked_interval)
                .transpose()?,
            fetch: None,
        })
    };
    let setup = match reader_setup(&cli.alert, &config, dirs.as_ref()) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    // Before or after the subcommand, options mean the same (`Cli::settled` merged them).
    let net = with_config(cli.net, cli.refresh.interval);
    let event = cli.event;
    // Sources by argument, by `--event` or by an event's name alone, one resolution for all.
    let resolve = |sources: &[OsString]| {
        let is_source = |w: &str| std::path::Path::new(w).exists() || config.events.contains_key(w);
        if let Some(said) = cli::misplaced_command(sources, is_source) {
            return Err(said);
        }
        liveblog::event::resolve(
            sources,
            event.event.as_deref(),
            event.demo_event,
            &config,
            std::path::Path::exists,
        )
    };
    let result = match cli.command {
        Some(Command::Dump {
            sources,
            format,
            all,
            ..
        }) => resolve(&sources)
            .and_then(|what| runtime.block_on(run_dump(what, (format, all), &net?))),
        Some(Command::Follow {
            sources,
            format,
            key_events_only,
            ..
        }) => resolve(&sources).and_then(|what| {
            let ringing = follow_ringing(&cli.alert, &config);
            runtime.block_on(run_follow(what, (format, key_events_only, ringing), &net?))
        }),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man) => man::page().and_then(|page| print(&page).map(|()| 0)),
        Some(Command::Config { print_default, .. }) => {
            config_info(print_default, cli.config.file.as_deref())
        }
        Some(Command::Status { sources, .. }) => resolve(&sources)
            .and_then(|what| runtime.block_on(run_status(what, &net?, dirs.as_ref()))),
        Some(serve @ Command::Serve { .. }) => serve_command(&runtime, serve, resolve),
        None => resolve(&cli.sources).and_then(|what| run_reader(&runtime, what, &net?, setup)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            // Messages are built from sanitised parts; sanitise the whole once more for the tty.
            // `writeln!`, not `eprintln!`: the latter panics when stderr has gone away.
            let line = liveblog::sanitize::line(&msg, 2000);
            let _ = writeln!(std::io::stderr(), "liveblog: {line}");
            ExitCode::from(1)
        }
    }
}

/// The reader on what was named (or printed, when the screen cannot be drawn).
fn run_reader(
    runtime: &tokio::runtime::Runtime,
    what: Resolved,
    net: &NetOptions,
    setup: liveblog::tui::start::Setup,
) -> Result<u8, String> {
    // Blogs are opened on the runtime; the reader then runs on this thread, outside
    // `block_on` but with the runtime entered for the refreshers (see `app::run`).
    let reading = |opened: Vec<session::Opened>, setup| {
        let _entered = runtime.enter();
        liveblog::tui::start::read(opened, &setup)
    };
    match what {
        Resolved::Bundled => runtime
            .block_on(open_one(None, net))
            .and_then(|o| o.map_or(Ok(0), |o| reading(vec![o], setup))),
        Resolved::Sources { specs, title: None } if specs.len() == 1 => runtime
            .block_on(open_one(Some(&specs[0].arg), net))
            .and_then(|o| o.map_or(Ok(0), |o| reading(vec![o], setup))),
        several if !screen_drawable() => {
            runtime.block_on(run_dump(several, (DumpFormat::Text, false), net))
        }
        several => runtime
            .block_on(open_several(several, How::Reading, net))
            .and_then(|(many, title)| {
                let setup = liveblog::tui::start::Setup {
                    title,
                    failures: many.failures,
                    ..setup
                };
                reading(many.opened, setup)
            }),
    }
}

fn print(s: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`liveblog dump | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing output: {e}")),
        _ => Ok(()),
    }
}

/// One line on stderr, exit status 1: for what stops liveblog before it starts.
fn fail(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "liveblog: {message}");
    ExitCode::from(1)
}

/// The async runtime: two workers are plenty for a reader. `None` (said on stderr) if it
/// cannot start.
fn runtime() -> Option<tokio::runtime::Runtime> {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => Some(r),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "liveblog: starting the runtime: {e}");
            None
        }
    }
}

/// `liveblog config`: where the config file is read from, or (`--print-default`) the
/// documented default file.
fn config_info(print_default: bool, named: Option<&std::path::Path>) -> Result<u8, String> {
    if print_default {
        return print(liveblog::config::EXAMPLE).map(|()| 0);
    }
    let path = named
        .map(std::path::Path::to_path_buf)
        .or_else(liveblog::config::default_path);
    let line = match path {
        Some(p) => {
            let shown = liveblog::sanitize::visible(&p.to_string_lossy(), 300);
            if p.is_file() {
                format!("{shown}\n")
            } else {
                format!("{shown} (not there yet: liveblog config --print-default > it)\n")
            }
        }
        None => "no config file: neither XDG_CONFIG_HOME nor HOME is set\n".to_string(),
    };
    print(&line).map(|()| 0)
}

/// `liveblog completions SHELL`: the shell's completion script on stdout.
fn completions(shell: clap_complete::Shell) -> Result<u8, String> {
    let mut out = Vec::new();
    let mut cmd = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut cmd, "liveblog", &mut out);
    print(&String::from_utf8_lossy(&out)).map(|()| 0)
}

/// A source that could not be reached and was read from its kept copy: one line on stderr,
/// so a script knows the output may be old.
fn say_if_copy(opened: &session::Opened, retry: Retry) {
    if let Some(via) = &opened.via {
        let line = liveblog::sanitize::line(
            &format!("the page has no live data of its own; reading \"{via}\", which it links to"),
            2000,
        );
        let _ = writeln!(std::io::stderr(), "liveblog: {line}");
    }
    for note in &opened.notes {
        let line = liveblog::sanitize::line(&format!("\"{}\": {note}", opened.name), 2000);
        let _ = writeln!(std::io::stderr(), "liveblog: {line}");
    }
    if let Some(message) = opened.first_error_line(retry) {
        // A failed request names its address already: the source is not named twice.
        let named = format!("\"{}\"", opened.name);
        let line = if message.starts_with(&named) {
            message
        } else {
            format!("{named}: {message}")
        };
        let line = liveblog::sanitize::line(&line, 2000);
        let _ = writeln!(std::io::stderr(), "liveblog: {line}");
    }
    // Read once, a blog the source pages is its newest page: said, not left to be guessed
    // from key events "(not loaded)".
    if opened.pageable && opened.blog.older.is_some() && opened.older_pages.is_some() {
        let how = match retry {
            Retry::Unscheduled => "`liveblog dump --all` reads them",
            Retry::Scheduled => "the reader loads them at the end of the blog",
        };
        let line = liveblog::sanitize::line(
            &format!(
                "\"{}\": the newest page only; older entries are on pages not read here ({how})",
                opened.name
            ),
            2000,
        );
        let _ = writeln!(std::io::stderr(), "liveblog: {line}");
    }
}

/// `dump --all`: reads every older page of a blog split into pages, a second apart, and says
/// on stderr how far it got when it could not read them all. Whether it read them all.
async fn read_every_page(opened: &mut session::Opened) -> bool {
    let Some(pages) = opened.older_pages.take() else {
        return !says_older_pages_are_elsewhere(opened);
    };
    let walked = pages.read_all(&mut opened.blog, liveblog::live::PACE).await;
    let Some(why) = walked.stopped else {
        return true;
    };
    let line = liveblog::sanitize::line(
        &format!(
            "\"{}\": {why}, after {} older page{}; the oldest entries are missing",
            opened.name,
            walked.pages,
            if walked.pages == 1 { "" } else { "s" }
        ),
        2000,
    );
    let _ = writeln!(std::io::stderr(), "liveblog: {line}");
    false
}

/// `dump --all` of a file (or standard input) whose pagination names older pages: they are not
/// in it, and one line on stderr says so and where they are, as the reader's `L` does. Whether
/// it said so (the copy is then not the whole blog).
fn says_older_pages_are_elsewhere(opened: &session::Opened) -> bool {
    if opened.following {
        return false;
    }
    let Some(said) = liveblog::blog::older::not_in_file(&opened.blog) else {
        return false;
    };
    // A line of its own on screen, a clause after the file's name here.
    let mut chars = said.chars();
    let said: String = chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    });
    let line = liveblog::sanitize::line(&format!("\"{}\": {said}", opened.name), 2000);
    let _ = writeln!(std::io::stderr(), "liveblog: {line}");
    true
}

/// Prints each source that could not be opened (or was named twice), one line each.
fn report(failures: &[String]) {
    for f in failures {
        let line = liveblog::sanitize::line(f, 2000);
        let _ = writeln!(std::io::stderr(), "liveblog: {line}");
    }
}

/// Opens several sources (or an event's) for `how`; `None` in the title without an event.
async fn open_several(
    what: Resolved,
    how: How,
    net: &NetOptions,
) -> Result<(session::Many, Option<String>), String> {
    let (specs, title) = match what {
        Resolved::Sources { specs, title } => (specs, title),
        Resolved::Demo => {
            let many = session::open_demo_event(how)
                .await
                .map_err(|e| e.to_string())?;
            return Ok((many, Some(liveblog::source::DEMO_TITLE.to_string())));
        }
        // Never here: one blog takes the one-source path, as it always did.
        Resolved::Bundled => return Err("no sources to open together".into()),
    };
    let many = session::open_many(&specs, net, how)
        .await
        .map_err(|e| e.to_string())?;
    report(&many.failures);
    for o in &many.opened {
        match how {
            // The reader says these in its status bar.
            How::Reading => {}
            // A blog read once from its kept copy says so, as one blog does.
            How::Once => say_if_copy(o, Retry::Unscheduled),
            // Following says each failing try as it comes.
            How::Following => {
                let notes: Vec<String> = o
                    .notes
                    .iter()
                    .map(|n| format!("\"{}\": {n}", o.name))
                    .collect();
                report(&notes);
            }
        }
    }
    Ok((many, title))
}

/// `dump`: the blogs printed in `format`, every page of each when `all`.
async fn run_dump(
    what: Resolved,
    (format, all): (DumpFormat, bool),
    net: &NetOptions,
) -> Result<u8, String> {
    if !what.is_several() {
        let arg = match &what {
            Resolved::Sources { specs, .. } => specs.first().map(|s| s.arg.as_os_str()),
            _ => None,
        };
        let mut opened = session::open(arg, net).await.map_err(|e| e.to_string())?;
        let whole = !all || read_every_page(&mut opened).await;
        say_if_copy(&opened, Retry::Unscheduled);
        print(&dump::render_named(
            &opened.blog_now(),
            format,
            &opened.name,
        ))?;
        return Ok(u8::from(!whole));
    }
    let (mut many, title) = open_several(what, How::Once, net).await?;
    let mut whole = true;
    if all {
        for o in &mut many.opened {
            whole &= read_every_page(o).await;
        }
    }
    let now: Vec<_> = many.opened.iter().map(session::Opened::blog_now).collect();
    let blogs: Vec<dump::Named> = many
        .opened
        .iter()
        .zip(&now)
        .map(|(o, blog)| dump::Named {
            name: &o.short,
            // A replay's address is this run's: the blog is named for what it is.
            from: o.replay.is_some().then_some(o.name.as_str()),
            blog,
        })
        .collect();
    let read_at = jiff::Timestamp::now().as_second();
    print(&dump::render_many(
        &blogs,
        title.as_deref(),
        format,
        read_at,
    ))?;
    // Like `cat a missing b`: what opened is printed, and the status says not everything did.
    Ok(u8::from(!many.failures.is_empty() || !whole))
}

/// How `follow` prints and rings: the format, key events only, the alerts.
type FollowHow = (FollowFormat, bool, Option<follow::Ringing>);

/// `follow`'s alerts: only when asked on the command line, by `--notify`, or by `--alert` or
/// `--on-alert`, which ring for key events and keywords (the config's settings are the
/// reader's), to standard error when it is a terminal, and to `--on-alert` (or the config's).
fn follow_ringing(
    args: &cli::AlertArgs,
    config: &liveblog::config::Config,
) -> Option<follow::Ringing> {
    let words: Vec<&String> = args.alerts.iter().chain(&config.alerts).collect();
    let asked = !args.alerts.is_empty() || args.on_alert.is_some();
    follow::Ringing::new(
        args.notify
            .or(asked.then_some(liveblog::alert::NotifyMode::KeyEvents)),
        liveblog::alert::Keywords::new(words),
        on_alert_argv(args, config),
        std::io::stderr().is_terminal(),
        liveblog::tui::terminal::RealTerminal::osc777_from_env(),
    )
}

/// The alert program from `--on-alert` (split into words as a shell would, without one; the
/// command line was checked to split) or the config.
fn on_alert_argv(args: &cli::AlertArgs, config: &liveblog::config::Config) -> Option<Vec<String>> {
    args.on_alert
        .as_ref()
        .map(|c| cli::split_command(c).unwrap_or_default())
        .or_else(|| config.on_alert.clone())
        .filter(|argv| !argv.is_empty())
}

async fn run_follow(what: Resolved, how: FollowHow, net: &NetOptions) -> Result<u8, String> {
    if what.is_several() {
        return follow_many(what, how, net).await;
    }
    let arg = match &what {
        Resolved::Sources { specs, .. } => specs.first().map(|s| s.arg.as_os_str()),
        _ => None,
    };
    let opened = session::open_for_following_one(arg, net)
        .await
        .map_err(|e| e.to_string())?;
    say_if_copy(&opened, Retry::Scheduled);
    // The replay server (if any) lives as long as the following.
    let _replay = opened.replay;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    // Kept open for as long as following goes on: a refresher stops when its commands end.
    let (_commands, cmd_rx) = tokio::sync::mpsc::unbounded_channel();
    let events = opened.refresher.map(|r| {
        r.start(tx, cmd_rx);
        rx
    });
    let (format, key_events_only, ringing) = how;
    let alerts = (ringing, opened.short.as_str());
    match follow::run(&opened.blog, events, format, key_events_only, alerts).await {
        Ok(code) => Ok(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(format!("writing output: {e}")),
    }
}

/// `follow` of several blogs: each with its own refresher and channels, one merged stream.
async fn follow_many(what: Resolved, how: FollowHow, net: &NetOptions) -> Result<u8, String> {
    let (format, key_events_only, ringing) = how;
    let (mut many, _title) = open_several(what, How::Following, net).await?;
    // Each refresher runs while its command channel is open: the senders live here.
    let mut commands = Vec::new();
    let followed: Vec<follow::Followed> = many
        .opened
        .iter_mut()
        .map(|o| {
            let events = o.refresher.take().map(|r| {
                let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
                let (cmd_tx, cmd_rx) = tokio::sync::mpsc::unbounded_channel();
                commands.push(cmd_tx);
                r.start(tx, cmd_rx);
                rx
            });
            follow::Followed {
                name: o.short.clone(),
                first: std::mem::take(&mut o.blog),
                events,
            }
        })
        .collect();
    let read_at = jiff::Timestamp::now().as_second();
    // `many` keeps the replay servers (if any) running while following.
    let code = match follow::run_many(followed, format, key_events_only, read_at, ringing).await {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(0),
        Err(e) => return Err(format!("writing output: {e}")),
    };
    drop(commands);
    Ok(code.max(u8::from(!many.failures.is_empty())))
}

/// `status`: one line for a status bar from the kept state and one request per source. Exit 1
/// when not one blog could be read (each failure is a line on stderr), else 0.
async fn run_status(
    what: Resolved,
    net: &NetOptions,
    dirs: Option<&liveblog::store::Dirs>,
) -> Result<u8, String> {
    let Resolved::Sources { specs, title } = what else {
        return Err(
            "status: name the blogs (sources or --event NAME); the bundled replay keeps no \
             read state"
                .into(),
        );
    };
    let states = dirs.map(liveblog::store::Dirs::read_states);
    let found = liveblog::glance::status(&specs, title.as_deref(), net, states.as_ref()).await;
    report(&found.failures);
    match found.line {
        Some(line) => print(&format!("{line}\n")).map(|()| 0),
        None => Ok(1),
    }
}

/// `liveblog serve`: its files and options read and checked, then the replay run.
fn serve_command(
    runtime: &tokio::runtime::Runtime,
    command: Command,
    resolve: impl Fn(&[OsString]) -> Result<Resolved, String>,
) -> Result<u8, String> {
    let Command::Serve {
        files,
        addr,
        pace,
        speed,
        rebase,
        page_size,
        ..
    } = command
    else {
        return Err("Not the serve command".into());
    };
    resolve(&files).and_then(|what| {
        let opts = serve_options(addr, pace, speed, rebase, page_size)?;
        runtime.block_on(run_serve(what, opts))
    })
}

/// The replay's options from the command line, checked.
/// `--pace` alone spaces every entry evenly, times or not; `--speed` keeps timed entries at
/// their own (scaled) times.
fn serve_options(
    addr: std::net::SocketAddr,
    pace: Option<f64>,
    speed: Option<f64>,
    rebase: bool,
    page_size: Option<u16>,
) -> Result<serve::ServeOptions, String> {
    let defaults = serve::ServeOptions::default();
    if let Some(p) = pace
        && !(p.is_finite() && p > 0.0 && p < 86_400.0)
    {
        return Err(format!(
            "--pace \"{p}\": must be a number of seconds above 0 and below a day"
        ));
    }
    Ok(serve::ServeOptions {
        addr,
        pace: pace.map_or(defaults.pace, Duration::from_secs_f64),
        speed: speed.unwrap_or(defaults.speed),
        even: pace.is_some() && speed.is_none(),
        rebase,
        page_size: page_size.map(usize::from),
        ..defaults
    })
}

async fn run_serve(what: Resolved, opts: serve::ServeOptions) -> Result<u8, String> {
    let served = match what {
        Resolved::Sources { specs, .. } => {
            let sources: Vec<Source> = specs
                .iter()
                .map(|s| Source::from_arg(Some(&s.arg)))
                .collect();
            serve::serve_sources(&sources, opts).await
        }
        Resolved::Bundled => serve::serve_sources(&[Source::Bundled], opts).await,
        Resolved::Demo => {
            let [first, second] = liveblog::source::demo_blogs().map_err(|e| e.to_string())?;
            let blogs = vec![
                (liveblog::source::BUNDLED_NAME.to_string(), first),
                (liveblog::source::DEMO_SECOND_NAME.to_string(), second),
            ];
            let opts = serve::ServeOptions {
                rebase: true,
                ..opts
            };
            serve::serve_blogs(blogs, opts).await
        }
    };
    served.map(|()| 0).map_err(|e| e.to_string())
}

/// How the reader is set up besides its sources: alerts from the options and the config file,
/// and where read states are kept.
fn reader_setup(
    args: &cli::AlertArgs,
    config: &liveblog::config::Config,
    dirs: Option<&liveblog::store::Dirs>,
) -> Result<liveblog::tui::start::Setup, String> {
    use liveblog::alert::{Keywords, NotifyMode};
    let words: Vec<String> = args.alerts.iter().chain(&config.alerts).cloned().collect();
    // Silent unless asked: `--notify` (or `notify` in the config) says when to ring; keyword
    // alerts or an alert program alone ring for their words and for key events.
    let on_alert = on_alert_argv(args, config);
    let mode = args
        .notify
        .or(config.notify)
        .unwrap_or(if words.is_empty() && on_alert.is_none() {
            NotifyMode::Off
        } else {
            NotifyMode::KeyEvents
        });
    let keymap = if config.keys.is_empty() {
        None
    } else {
        let remapped = liveblog::tui::keymap::Keymap::shipped().remapped(&config.keys);
        Some(remapped.map_err(|e| format!("config file [keys]: {e}"))?)
    };
    let theme = liveblog::tui::theme::Theme::named(config.theme.as_deref())
        .and_then(|t| t.with_colors(&config.colors))
        .map_err(|e| format!("config file: {e}"))?;
    Ok(liveblog::tui::start::Setup {
        theme: Some(theme),
        title: None,
        alerts: (mode != NotifyMode::Off).then(|| liveblog::tui::model::AlertOptions {
            mode,
            keywords: Keywords::new(&words),
        }),
        on_alert,
        states: dirs.map(liveblog::store::Dirs::read_states),
        failures: Vec::new(),
        keymap,
    })
}

/// Whether the reader can draw its screen: standard output is a terminal, and not one that
/// says it cannot move the cursor (`TERM=dumb`: an editor's shell buffer, which would show
/// the screen's escape sequences as text). Otherwise the blog is printed as text.
fn screen_drawable() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// One blog opened for the reader: `None` once it has been printed instead, when the screen
/// cannot be drawn ([`screen_drawable`]).
async fn open_one(
    arg: Option<&OsStr>,
    net: &NetOptions,
) -> Result<Option<session::Opened>, String> {
    if !screen_drawable() {
        let opened = session::open(arg, net).await.map_err(|e| e.to_string())?;
        say_if_copy(&opened, Retry::Unscheduled);
        return print(&dump::render_named(
            &opened.blog_now(),
            DumpFormat::Text,
            &opened.name,
        ))
        .map(|()| None);
    }
    session::open_for_reading(arg, net)
        .await
        .map(Some)
        .map_err(|e| e.to_string())
}
