//! How the reader is set up for a source, before the first frame.

use super::AlertOptions;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use jiff::tz::TimeZone;

/// How the reader is set up for a source: what the caller knows before the first frame.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    /// How the source is named in the status bar (sanitised).
    pub source_name: String,
    pub theme: Theme,
    /// Local times are shown in this zone.
    pub tz: TimeZone,
    /// The terminal's size at start.
    pub size: (u16, u16),
    /// A refresher keeps the blog fresh (a URL or the replay), rather than a file read once.
    pub following: bool,
    /// The source can fetch older pages.
    pub pageable: bool,
    /// What kind of source this is, when it matters ("REPLAY").
    pub source_kind: Option<String>,
    /// The first request failed and is being retried: its class and message.
    pub first_error: Option<(String, String)>,
    /// Which alerts to raise for what refreshes bring; `None` for none.
    pub alerts: Option<AlertOptions>,
    /// The key table (the config's `[keys]` applied); `None` for the shipped one.
    pub keymap: Option<Keymap>,
    /// Leave what the first screen does not show (the catch-up's sum of a restored read
    /// state, which fingerprints every entry) to [`super::Model::after_first_screen`], which
    /// the loop calls once the first frame is written.
    pub first_screen_first: bool,
}

impl ReaderOptions {
    /// A source read once (a file), not followed and not paged.
    pub fn new(
        source_name: impl Into<String>,
        theme: Theme,
        tz: TimeZone,
        size: (u16, u16),
    ) -> Self {
        Self {
            source_name: source_name.into(),
            theme,
            tz,
            size,
            following: false,
            pageable: false,
            source_kind: None,
            first_error: None,
            alerts: None,
            keymap: None,
            first_screen_first: false,
        }
    }
}
