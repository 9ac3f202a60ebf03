//! The `liveblog` command: parse the command line, then run one command.

use clap::{Args, Parser, Subcommand};
use liveblog::blog::LiveBlog;
use liveblog::dump::{self, DumpFormat};
use liveblog::follow::{self, FollowFormat};
use liveblog::live::Refresher;
use liveblog::live::{FullParse, Poller};
use liveblog::net::{self, Client, FetchConfig, FetchOutcome, Validators};
use liveblog::serve;
use liveblog::source::{self, Source};
use liveblog::tui::model::Model;
use liveblog::tui::theme::Theme;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples:
  liveblog                                  read the bundled blog (Paris summit on Ukraine)
  liveblog blog.txt                         read a saved live blog (text, JSON, HTML or a feed)
  liveblog https://www.theguardian.com/world/live/2025/feb/17/…
                                            follow a Guardian live blog, refreshed every 30 s
  liveblog --interval 60 https://example.com/live-page.html
                                            follow any page with schema.org LiveBlogPosting
  liveblog dump blog.json --format markdown print a blog as Markdown
  liveblog blog.txt | less                  not a terminal: prints the blog as text
  liveblog follow --format jsonl URL | jq .title
                                            new and edited entries as JSON lines, as they come
  liveblog serve blog.json --pace 5         replay a saved blog as if live, on 127.0.0.1

Keys in the reader: j/k scroll, ]/[ next/previous key event, Tab switch pane, ? help, q quit.
NO_COLOR=1 turns colour off. GUARDIAN_API_KEY switches Guardian URLs to the Content API.";

/// A terminal reader for news live blogs.
#[derive(Debug, Parser)]
#[command(version, about, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
struct Cli {
    /// A file or an http(s) URL; without one, the bundled blog.
    source: Option<String>,
    #[command(flatten)]
    net: NetArgs,
    /// Settings file (default: ~/.config/liveblog/config.toml, if it exists).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
struct NetArgs {
    /// Seconds between refreshes of a URL (at least 5; default 30, or what a Content API
    /// key's daily budget allows).
    #[arg(long, value_name = "SECONDS")]
    interval: Option<u64>,
    /// A Guardian Content API key: Guardian URLs are then read through the Content API.
    #[arg(
        long,
        env = "GUARDIAN_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    guardian_key: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a parsed blog to stdout and exit.
    Dump {
        /// A file or an http(s) URL; without one, the bundled blog.
        source: Option<String>,
        #[arg(long, short, value_enum, default_value_t = DumpFormat::Text)]
        format: DumpFormat,
        #[command(flatten)]
        net: NetArgs,
    },
    /// Replay a blog as if live over HTTP on this machine, in every format liveblog reads.
    Serve {
        /// A file; without one, the bundled blog.
        file: Option<String>,
        /// Address to listen on; port 0 picks a free one.
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: std::net::SocketAddr,
        /// Seconds between entries for a blog without times.
        #[arg(long, default_value_t = 20.0, value_name = "SECONDS")]
        pace: f64,
        /// How much faster than real time entries with times come out.
        #[arg(long, default_value_t = 1.0, value_name = "X")]
        speed: f64,
    },
    /// Print each new or edited entry as it arrives, like `tail -f`; exit when the blog ends.
    Follow {
        /// A file or an http(s) URL; without one, the bundled blog.
        source: Option<String>,
        #[arg(long, short, value_enum, default_value_t = FollowFormat::Text)]
        format: FollowFormat,
        /// Print key events only.
        #[arg(long)]
        key_events_only: bool,
        #[command(flatten)]
        net: NetArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = color_eyre::install();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "liveblog: starting the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let config = match liveblog::config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "liveblog: {e}");
            return ExitCode::from(1);
        }
    };
    let with_config = |mut n: NetArgs| {
        n.guardian_key = n.guardian_key.or_else(|| config.guardian_key.clone());
        n.interval = n.interval.or(config.interval);
        n
    };
    let result = match cli.command {
        Some(Command::Dump {
            source,
            format,
            net,
        }) => runtime.block_on(run_dump(source.as_deref(), format, &with_config(net))),
        Some(Command::Follow {
            source,
            format,
            key_events_only,
            net,
        }) => runtime.block_on(run_follow(
            source.as_deref(),
            format,
            key_events_only,
            &with_config(net),
        )),
        Some(Command::Serve {
            file,
            addr,
            pace,
            speed,
        }) => runtime.block_on(run_serve(file.as_deref(), addr, pace, speed)),
        None => runtime.block_on(run_read(cli.source.as_deref(), &with_config(cli.net))),
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

/// A source opened: the blog as first read, and how to keep it fresh (for URLs).
struct Opened {
    blog: LiveBlog,
    name: String,
    poller: Option<Poller>,
    /// The in-process replay server behind the bundled blog; it stops when dropped.
    replay: Option<serve::RunningServer>,
    /// The rest of a large file, parsed after the first screen.
    deferred: Option<Box<dyn Refresher>>,
}

/// The bundled blog as a live replay: the replay server runs in this process on a free
/// loopback port and the reader follows it like any URL.
async fn open_replay() -> Result<Opened, String> {
    let (blog, _) = source::load_local(&Source::Bundled).map_err(|e| e.to_string())?;
    let opts = serve::ServeOptions {
        pace: REPLAY_PACE,
        ..serve::ServeOptions::brisk()
    };
    let replay = serve::spawn(blog, opts)
        .await
        .map_err(|e| format!("starting the replay: {e}"))?;
    let url = replay
        .url("json")
        .ok_or("the replay has no liveblog JSON URL")?
        .to_string();
    let net_args = NetArgs {
        interval: Some(REPLAY_INTERVAL),
        guardian_key: None,
    };
    let mut opened = open(Some(&url), &net_args).await?;
    opened.name = source::BUNDLED_NAME.to_string();
    opened.replay = Some(replay);
    Ok(opened)
}

/// A new entry every few seconds, polled as often as liveblog ever polls.
const REPLAY_PACE: Duration = Duration::from_secs(6);
const REPLAY_INTERVAL: u64 = 5;

async fn open(arg: Option<&str>, net_args: &NetArgs) -> Result<Opened, String> {
    let source = Source::from_arg(arg);
    let name = source.display_name();
    let Source::Url(url) = &source else {
        let (blog, _) = source::load_local(&source).map_err(|e| e.to_string())?;
        return Ok(Opened {
            blog,
            name,
            poller: None,
            replay: None,
            deferred: None,
        });
    };
    let client = Client::new(FetchConfig::default()).map_err(|e| format!("\"{name}\": {e}"))?;
    let endpoint = net::resolve(url, net_args.guardian_key.as_deref());
    let first = net::fetch_blog(&client, &endpoint.open_url(), &Validators::default())
        .await
        .map_err(|e| e.to_string())?;
    let FetchOutcome::Updated {
        blog, validators, ..
    } = first
    else {
        return Err(format!(
            "\"{name}\": the server answered 304 to a first request"
        ));
    };
    let interval = net_args.interval.map(Duration::from_secs);
    let poller = Poller::new(client, endpoint, interval, (*blog).clone(), validators);
    Ok(Opened {
        blog: *blog,
        name,
        poller: Some(poller),
        replay: None,
        deferred: None,
    })
}

fn print(s: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`liveblog dump | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing output: {e}")),
        _ => Ok(()),
    }
}

async fn run_dump(arg: Option<&str>, format: DumpFormat, net_args: &NetArgs) -> Result<u8, String> {
    let opened = open(arg, net_args).await?;
    print(&dump::render(&opened.blog, format)).map(|()| 0)
}

async fn run_follow(
    arg: Option<&str>,
    format: FollowFormat,
    key_events_only: bool,
    net_args: &NetArgs,
) -> Result<u8, String> {
    let opened = if arg.is_none() {
        open_replay().await?
    } else {
        open(arg, net_args).await?
    };
    let _replay = opened.replay;
    let updates = opened.poller.map(|p| {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let (cmd_tx, cmd_rx) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            // Keep the command channel open for as long as the poller runs.
            let _keep = cmd_tx;
            p.run(tx, cmd_rx).await;
        });
        rx
    });
    follow::run(&opened.blog, updates, format, key_events_only)
        .await
        .or_else(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Ok(0)
            } else {
                Err(e)
            }
        })
        .map_err(|e| format!("writing output: {e}"))
}

async fn run_serve(
    file: Option<&str>,
    addr: std::net::SocketAddr,
    pace: f64,
    speed: f64,
) -> Result<u8, String> {
    if !(pace.is_finite() && pace > 0.0) {
        return Err(format!(
            "--pace \"{pace}\": must be a positive number of seconds"
        ));
    }
    let source = file.map_or(Source::Bundled, |f| Source::File(f.into()));
    let opts = serve::ServeOptions {
        addr,
        pace: Duration::from_secs_f64(pace),
        speed,
        ..Default::default()
    };
    serve::serve_source(&source, opts)
        .await
        .map(|()| 0)
        .map_err(|e| e.to_string())
}

async fn run_read(arg: Option<&str>, net_args: &NetArgs) -> Result<u8, String> {
    if !std::io::stdout().is_terminal() {
        let opened = open(arg, net_args).await?;
        return print(&dump::render(&opened.blog, DumpFormat::Text)).map(|()| 0);
    }
    let opened = match (arg, Source::from_arg(arg)) {
        (None, _) => open_replay().await?,
        (Some(_), source @ Source::File(_)) => {
            let name = source.display_name();
            let quick = source::load_local_quick(&source).map_err(|e| e.to_string())?;
            let rest = quick
                .rest
                .map(|bytes| Box::new(FullParse { bytes }) as Box<dyn Refresher>);
            Opened {
                blog: quick.blog,
                name,
                poller: None,
                replay: None,
                deferred: rest,
            }
        }
        (Some(_), _) => open(arg, net_args).await?,
    };
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
    let mut model = Model::new(
        opened.blog,
        opened.name,
        Theme::new(color_allowed()),
        tz,
        size,
    );
    model.pageable = opened.poller.as_ref().is_some_and(Poller::pageable);
    model.status.following = opened.poller.is_some();
    if opened.replay.is_some() {
        model.status.source_kind = Some("REPLAY".into());
    }
    // The replay server (if any) lives as long as the reader.
    let _replay = opened.replay;
    let refresher = opened
        .poller
        .map(|p| Box::new(p) as Box<dyn Refresher>)
        .or(opened.deferred);
    let exit = liveblog::tui::app::run(model, refresher)
        .await
        .map_err(|e| format!("terminal: {e}"))?;
    Ok(exit.code())
}

/// With `LIVEBLOG_LOG=FILE`, diagnostics go to that file (never to the screen, which belongs to
/// the reader). `RUST_LOG` sets the level, `info` by default.
fn init_logging() {
    let Some(path) = std::env::var_os("LIVEBLOG_LOG").filter(|p| !p.is_empty()) else {
        return;
    };
    let file = match std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) => {
            let name = liveblog::sanitize::visible(&path.to_string_lossy(), 300);
            let _ = writeln!(
                std::io::stderr(),
                "liveblog: log file \"{name}\": {e}; logging is off"
            );
            return;
        }
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
}

/// `NO_COLOR` (any non-empty value) and `TERM=dumb` turn colour off; emphasis stays.
fn color_allowed() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    !no_color && !dumb
}
