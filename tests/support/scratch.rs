//! A folder of its own for a test, removed when the test ends, passed or failed.

/// The folder; derefs to its path.
pub struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        self.0.path()
    }
}

/// A new folder in the system's temporary directory, its name starting `liveblog-{name}-`.
pub fn scratch(name: &str) -> Scratch {
    let prefix = format!("liveblog-{name}-");
    Scratch(tempfile::Builder::new().prefix(&prefix).tempdir().unwrap())
}
