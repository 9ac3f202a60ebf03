//! The `liveblog` command: parse the command line, then run one command.

use clap::{Parser, Subcommand};
use liveblog::dump::{self, DumpFormat};
use liveblog::source::{self, Source};
use liveblog::tui::app::Exit;
use liveblog::tui::model::Model;
use liveblog::tui::theme::Theme;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  liveblog                                  read the bundled blog (Paris summit on Ukraine)
  liveblog blog.txt                         read a saved live blog (text, JSON, HTML or a feed)
  liveblog https://www.theguardian.com/world/live/2025/feb/17/…
                                            follow a Guardian live blog
  liveblog dump blog.json --format markdown print a blog as Markdown
  liveblog blog.txt | less                  not a terminal: prints the blog as text

Keys in the reader: j/k scroll, ]/[ next/previous key event, Tab switch pane, ? help, q quit.";

/// A terminal reader for news live blogs.
#[derive(Debug, Parser)]
#[command(version, about, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
struct Cli {
    /// A file or an http(s) URL; without one, the bundled blog.
    source: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a parsed blog to stdout and exit.
    Dump {
        /// A file or an http(s) URL; without one, the bundled blog.
        source: Option<String>,
        #[arg(long, short, value_enum, default_value_t = DumpFormat::Text)]
        format: DumpFormat,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = color_eyre::install();
    let result = match cli.command {
        Some(Command::Dump { source, format }) => run_dump(source.as_deref(), format),
        None => run_read(cli.source.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            // Messages are built from sanitised parts; sanitise the whole once more for the tty.
            eprintln!("liveblog: {}", liveblog::sanitize::line(&msg, 2000));
            ExitCode::from(1)
        }
    }
}

fn load(arg: Option<&str>) -> Result<liveblog::blog::LiveBlog, String> {
    let source = Source::from_arg(arg);
    if let Source::Url(_) = source {
        return Err(format!(
            "\"{}\": fetching URLs is not available in this build",
            source.display_name()
        ));
    }
    source::load_local(&source)
        .map(|(b, _)| b)
        .map_err(|e| e.to_string())
}

fn print(s: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`liveblog dump | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing output: {e}")),
        _ => Ok(()),
    }
}

fn run_dump(arg: Option<&str>, format: DumpFormat) -> Result<(), String> {
    let blog = load(arg)?;
    print(&dump::render(&blog, format))
}

fn run_read(arg: Option<&str>) -> Result<(), String> {
    let source = Source::from_arg(arg);
    let blog = load(arg)?;
    if !std::io::stdout().is_terminal() {
        return print(&dump::render(&blog, DumpFormat::Text));
    }
    let color = color_allowed();
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
    let model = Model::new(blog, source.display_name(), Theme::new(color), tz, size);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("starting the runtime: {e}"))?;
    let exit = runtime
        .block_on(liveblog::tui::app::run(model, None))
        .map_err(|e| format!("terminal: {e}"))?;
    if exit != Exit::Quit {
        std::process::exit(i32::from(exit.code()));
    }
    Ok(())
}

/// `NO_COLOR` (any non-empty value) and `TERM=dumb` turn colour off; emphasis stays.
fn color_allowed() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    !no_color && !dumb
}
