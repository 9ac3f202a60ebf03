//! The config file: optional settings for people who would rather not repeat options.
//!
//! `$XDG_CONFIG_HOME/liveblog/config.toml` (else `~/.config/liveblog/config.toml`), or the file
//! named with `--config`. `assets/config.toml` is the documented example, embedded and checked.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The documented example, shipped in the binary (every setting commented out).
pub const EXAMPLE: &str = include_str!("../assets/config.toml");

/// Settings from the file. Command-line options and environment variables win over these.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub guardian_key: Option<String>,
    pub interval: Option<u64>,
}

/// Why the config file could not be used. One line, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file \"{path}\": {problem}")]
    Read { path: String, problem: String },
    #[error("config file \"{path}\": {detail}")]
    Parse { path: String, detail: String },
}

/// Where the config file is looked for when none is named.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("liveblog").join("config.toml"))
}

/// Reads the named file (which must exist), else the default one if it exists.
pub fn load(named: Option<&Path>) -> Result<Config, ConfigError> {
    let (path, must_exist) = match named {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(Config::default()),
        },
    };
    let shown = crate::sanitize::visible(&path.to_string_lossy(), 300);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
            return Ok(Config::default());
        }
        Err(e) => {
            return Err(ConfigError::Read {
                path: shown,
                problem: crate::sanitize::line(&e.to_string(), 300),
            });
        }
    };
    parse(&text).map_err(|detail| ConfigError::Parse {
        path: shown,
        detail,
    })
}

/// Parses config text; the error is one line.
pub fn parse(text: &str) -> Result<Config, String> {
    toml::from_str(text).map_err(|e| crate::sanitize::line(e.message(), 300))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_example_parses_to_the_defaults() {
        assert_eq!(parse(EXAMPLE).unwrap(), Config::default());
    }

    #[test]
    fn settings_are_read() {
        let c = parse("guardian_key = \"k\"\ninterval = 60\n").unwrap();
        assert_eq!(
            c,
            Config {
                guardian_key: Some("k".into()),
                interval: Some(60)
            }
        );
    }

    #[test]
    fn a_typo_is_an_error_naming_the_setting() {
        let e = parse("intervall = 60\n").unwrap_err();
        assert!(e.contains("intervall"), "{e}");
    }

    #[test]
    fn a_named_file_must_exist_and_errors_name_it() {
        let e = load(Some(Path::new("/nonexistent/liveblog.toml")))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("config file \"/nonexistent/liveblog.toml\": "),
            "{e}"
        );
    }
}
