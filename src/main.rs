//! The `liveblog` command: parse the command line, then run one command.

mod cli;

use clap::Parser;
use cli::{Cli, Command, NetArgs};
use liveblog::dump::{self, DumpFormat};
use liveblog::follow::{self, FollowFormat};
use liveblog::serve;
use liveblog::session::{self, NetOptions};
use liveblog::source::Source;
use liveblog::tui::model::{Model, ReaderOptions};
use liveblog::tui::theme::Theme;
use std::ffi::OsStr;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = color_eyre::install();
    liveblog::crash::install();
    liveblog::logging::init_from_env();
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
    let with_config = |n: NetArgs| -> Result<NetOptions, String> {
        Ok(NetOptions {
            guardian_key: n.guardian_key.or_else(|| config.guardian_key.clone()),
            interval: n
                .interval
                .or(config.interval)
                .map(session::checked_interval)
                .transpose()?,
        })
    };
    // The network options are global: before or after the subcommand, they mean the same.
    let net = with_config(cli.net);
    let result = match cli.command {
        Some(Command::Dump { source, format }) => {
            net.and_then(|net| runtime.block_on(run_dump(source.as_deref(), format, &net)))
        }
        Some(Command::Follow {
            source,
            format,
            key_events_only,
        }) => net.and_then(|net| {
            runtime.block_on(run_follow(source.as_deref(), format, key_events_only, &net))
        }),
        Some(Command::Serve {
            file,
            addr,
            pace,
            speed,
        }) => runtime.block_on(run_serve(file.as_deref(), addr, pace, speed)),
        None => net.and_then(|net| runtime.block_on(run_read(cli.source.as_deref(), &net))),
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

fn print(s: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`liveblog dump | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing output: {e}")),
        _ => Ok(()),
    }
}

async fn run_dump(arg: Option<&OsStr>, format: DumpFormat, net: &NetOptions) -> Result<u8, String> {
    let opened = session::open(arg, net).await.map_err(|e| e.to_string())?;
    print(&dump::render(&opened.blog, format)).map(|()| 0)
}

async fn run_follow(
    arg: Option<&OsStr>,
    format: FollowFormat,
    key_events_only: bool,
    net: &NetOptions,
) -> Result<u8, String> {
    let opened = session::open_for_following(arg, net)
        .await
        .map_err(|e| e.to_string())?;
    // The replay server (if any) lives as long as the following.
    let _replay = opened.replay;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    // Kept open for as long as following goes on: a refresher stops when its commands end.
    let (_commands, cmd_rx) = tokio::sync::mpsc::unbounded_channel();
    let events = opened.refresher.map(|r| {
        r.start(tx, cmd_rx);
        rx
    });
    match follow::run(&opened.blog, events, format, key_events_only).await {
        Ok(code) => Ok(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(format!("writing output: {e}")),
    }
}

async fn run_serve(
    file: Option<&OsStr>,
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

async fn run_read(arg: Option<&OsStr>, net: &NetOptions) -> Result<u8, String> {
    if !std::io::stdout().is_terminal() {
        let opened = session::open(arg, net).await.map_err(|e| e.to_string())?;
        return print(&dump::render(&opened.blog, DumpFormat::Text)).map(|()| 0);
    }
    let opened = session::open_for_reading(arg, net)
        .await
        .map_err(|e| e.to_string())?;
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
    let opts = ReaderOptions {
        following: opened.following,
        pageable: opened.pageable,
        source_kind: opened.kind,
        first_error: opened.first_error,
        ..ReaderOptions::new(opened.name, Theme::from_env(), tz, size)
    };
    // The replay server (if any) lives as long as the reader.
    let _replay = opened.replay;
    let mut model = Model::new(opened.blog, opts);
    let exit = liveblog::tui::app::run(
        &mut model,
        opened.refresher.map(|r| (0, r)).into_iter().collect(),
        liveblog::tui::terminal::RealTerminal::default(),
    )
    .await
    .map_err(|e| format!("terminal: {e}"))?;
    Ok(exit.code())
}
