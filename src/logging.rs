//! Diagnostics go to a file the user names, never to the screen, which belongs to the reader.

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Where diagnostics go, once logging is on (named after a crash).
static LOG_PATH: OnceLock<PathBuf> = OnceLock::new();

/// The log file, when `LIVEBLOG_LOG` named one that could be opened.
pub fn path() -> Option<&'static PathBuf> {
    LOG_PATH.get()
}

/// With `LIVEBLOG_LOG=FILE`, diagnostics go to that file (never to the screen, which belongs to
/// the reader). `RUST_LOG` sets the level, `info` by default.
pub fn init_from_env() {
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
            let name = crate::sanitize::visible(&path.to_string_lossy(), 300);
            let _ = writeln!(
                std::io::stderr(),
                "liveblog: log file \"{name}\": {e}; logging is off"
            );
            return;
        }
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = LOG_PATH.set(PathBuf::from(&path));
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
}
