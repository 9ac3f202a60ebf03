//! The `liveblog` command: parse the command line, then run one command.

use clap::{Parser, Subcommand};
use liveblog::dump::{self, DumpFormat};
use liveblog::source::{self, Source};
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
    let blog = load(arg)?;
    if !std::io::stdout().is_terminal() {
        return print(&dump::render(&blog, DumpFormat::Text));
    }
    Err("the interactive reader is not available in this build; use `liveblog dump`".into())
}
