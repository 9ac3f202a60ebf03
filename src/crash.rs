//! What a panic does, anywhere in the process: the terminal is given back (once), the message
//! goes to stderr with where the log is, and the whole process ends with status 101.
//!
//! A panic in a background task would otherwise be caught by the runtime while the reader went
//! on: with the terminal restored under it, it drew on the normal screen with raw mode off, and
//! only a signal could end it. And `follow` would have taken the silence for the blog's end.
//! So a panic is never survived: ending at once is the only state that is sure to be sane.

use std::io::Write;
use std::sync::Mutex;

/// How to give the terminal back, while a screen holds it.
static RESTORE: Mutex<Option<fn()>> = Mutex::new(None);

/// Installs the hook. Call once, after any other panic hook (it runs theirs for the message).
pub fn install() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        give_back();
        tracing::error!("panic: {info}");
        previous(info);
        let mut err = std::io::stderr();
        let _ = match crate::logging::path() {
            Some(p) => writeln!(
                err,
                "liveblog: this is a bug; the log is at \"{}\"",
                crate::sanitize::visible(&p.to_string_lossy(), 300)
            ),
            None => writeln!(
                err,
                "liveblog: this is a bug; LIVEBLOG_LOG=FILE keeps a log for a report"
            ),
        };
        std::process::exit(101);
    }));
}

/// While a screen holds the terminal: `Some(restore)`; `None` once it gave it back.
pub fn restore_on_panic(restore: Option<fn()>) {
    if let Ok(mut r) = RESTORE.lock() {
        *r = restore;
    }
}

/// Gives the terminal back if a screen still holds it, and says whether one did. Once: the
/// screen's own leaving, a panic and a stuck reader's deadline (`tui::stuck`) take it in turn.
pub fn give_back() -> bool {
    let restore = RESTORE.lock().ok().and_then(|mut r| r.take());
    restore.inspect(|restore| restore()).is_some()
}
