//! Where a blog comes from: the bundled blog, a local file, or a URL.

use crate::formats::{self, Format, FormatError, MAX_INPUT};
use std::io::{BufRead, IsTerminal, Read};
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

/// The blog embedded in the binary, shown when no source is given.
pub const BUNDLED: &str = include_str!("../assets/paris-summit-2025-02-17.txt");
/// What the bundled blog is called in messages.
pub const BUNDLED_NAME: &str = "bundled blog (Paris summit on Ukraine, 17 Feb 2025)";
/// The bundled blog's short name beside other blogs (its publisher, as for any Guardian URL).
pub const BUNDLED_SHORT: &str = "Guardian";

/// The second blog of `--demo-event`, replayed beside the bundled one: the Guardian's politics
/// live blog of 13 December 2023, as kept by `guardian/dotcom-rendering` in its test fixtures
/// (`fixtures/generated/fe-articles/LiveBlogSingleContributor.ts`), read from its page JSON
/// (`tests/fixtures/guardian-frontend-json/`) and written in liveblog's own JSON by `liveblog
/// dump --format json`: whole entries with their lists, quotes and embeds, and the page's key
/// events; its pinned post unpinned, so that the merged view opens on both blogs' newest
/// entries. (The page's JSON-LD, which it once was, cuts every entry at 1,000 characters.) See
/// `--demo-event` under "Several blogs of one event" in the README, and
/// `tests/fixtures/PROVENANCE.md`. Content © Guardian News & Media.
pub const DEMO_SECOND: &str = include_str!("../assets/guardian-politics-2023-12-13.json");
/// What the demo's second blog is called in messages.
pub const DEMO_SECOND_NAME: &str = "bundled blog (UK politics, PMQs, 13 Dec 2023)";
/// The demo's second blog's short name (also the Guardian's: this one says which).
pub const DEMO_SECOND_SHORT: &str = "UK politics";
/// The title of `--demo-event`.
pub const DEMO_TITLE: &str = "Demo event: two bundled live blogs replayed together";

/// The two blogs of `--demo-event`: the bundled blog and [`DEMO_SECOND`].
pub fn demo_blogs() -> Result<[crate::blog::LiveBlog; 2], LoadError> {
    let (first, _) = load_local(&Source::Bundled)?;
    let second = formats::parse(DEMO_SECOND.as_bytes()).map_err(|error| LoadError::Format {
        source_name: DEMO_SECOND_NAME.to_string(),
        error,
    })?;
    Ok([first, second])
}

/// A source named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Bundled,
    File(PathBuf),
    Url(url::Url),
}

impl Source {
    /// `http(s)://…` is a URL; anything else is a path, which need not be UTF-8.
    pub fn from_arg<S: AsRef<std::ffi::OsStr> + ?Sized>(arg: Option<&S>) -> Self {
        let Some(a) = arg.map(AsRef::as_ref) else {
            return Source::Bundled;
        };
        if a == "-" {
            return Source::File(PathBuf::from(STDIN_PATH));
        }
        match a.to_str().map(url::Url::parse) {
            Some(Ok(u)) if matches!(u.scheme(), "http" | "https") => Source::Url(u),
            // A browser's address of a saved page is the file.
            Some(Ok(u)) if u.scheme() == "file" => {
                Source::File(u.to_file_path().unwrap_or_else(|()| PathBuf::from(a)))
            }
            _ => Source::File(PathBuf::from(a)),
        }
    }

    /// A pipe (standard input, `<(…)`): read once, as it comes, and never again.
    pub fn is_pipe(&self) -> bool {
        let Source::File(p) = self else {
            return false;
        };
        std::fs::metadata(p).is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_socket())
    }

    /// How the source is named in the status bar and in errors (sanitised; a URL's query is
    /// dropped so that an API key never shows).
    pub fn display_name(&self) -> String {
        match self {
            Source::Bundled => BUNDLED_NAME.to_string(),
            Source::File(p) if p.as_os_str() == STDIN_PATH => "standard input".to_string(),
            Source::File(p) => crate::sanitize::visible(&p.to_string_lossy(), 300),
            Source::Url(u) => {
                let mut u = u.clone();
                u.set_query(None);
                crate::sanitize::visible(u.as_str(), 300)
            }
        }
    }
}

/// What `-` names: standard input, opened as a file is, so that a pipe is read as any file is
/// (up to the same limit) and a file given as standard input as that file.
pub const STDIN_PATH: &str = "/dev/stdin";

/// How a pipe is marked on screen: read once, kept nowhere.
pub const PIPE_KIND: &str = "PIPE";

/// How a replay (the bundled blog, the demo event) is marked on screen: a saved blog played
/// back as if live.
pub const REPLAY_KIND: &str = "REPLAY";

/// Why a source could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("\"{path}\": {problem}")]
    File { path: String, problem: String },
    #[error("\"{source_name}\": {error}")]
    Format {
        source_name: String,
        error: FormatError,
    },
}

/// Reads a local file with the same byte cap as the network, refusing what is neither a
/// regular file nor a pipe (a directory, `/dev/zero`, a terminal) so that it can never exhaust
/// memory. A pipe is read until its writer closes it, or past the cap.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let (file, len, fail) = open_file(path)?;
    read_whole(file, len, &fail)
}

/// Reads an opened file to its end, up to the cap.
fn read_whole(
    file: impl Read,
    len: u64,
    fail: &impl Fn(String) -> LoadError,
) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // Read one byte past the cap so a file growing while read is still caught.
    file.take(MAX_INPUT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_problem(&e)))?;
    if bytes.len() > MAX_INPUT {
        return Err(fail(format!(
            "grew past the {MAX_INPUT}-byte limit while being read"
        )));
    }
    Ok(bytes)
}

/// A local file as read: a large plain-text blog parsed a line at a time, or the bytes of any
/// other.
enum LocalRead {
    Parsed(Result<crate::blog::LiveBlog, FormatError>),
    Whole(Vec<u8>),
}

/// Reads a local file, opened once: a pipe (a named one too) holds what it held only for the
/// first reader. A large plain-text blog is read a line at a time ([`formats::read_text`]), so
/// that the file is not held whole beside its entries; a small file, a pipe, or one that is not
/// clean plain text is read whole.
fn read_local_file(path: &Path) -> Result<LocalRead, LoadError> {
    let (file, len, fail) = open_file(path)?;
    if len <= QUICK_OPEN_OVER as u64 {
        return Ok(LocalRead::Whole(read_whole(file, len, &fail)?));
    }
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, file);
    let head = reader.fill_buf().map_err(|e| fail(io_problem(&e)))?;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    // A JSON or HTML document is read whole without a first try line by line (its first line
    // can be all of it).
    if head
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'{' | b'[' | b'<'))
    {
        // What is buffered is read first.
        return Ok(LocalRead::Whole(read_whole(reader, len, &fail)?));
    }
    match formats::read_text(reader).map_err(|e| fail(io_problem(&e)))? {
        formats::Streamed::Read(read) => Ok(LocalRead::Parsed(read)),
        // Only a regular file is this long, and so can be read again from its start.
        formats::Streamed::NotPlainText => Ok(LocalRead::Whole(read_file(path)?)),
    }
}

/// A local file opened for reading, checked as [`read_file`] checks it, with its length and
/// how to say what went wrong with it.
fn open_file(path: &Path) -> Result<(std::fs::File, u64, impl Fn(String) -> LoadError), LoadError> {
    let name = Source::File(path.to_path_buf()).display_name();
    let fail = move |problem: String| LoadError::File {
        path: name.clone(),
        problem,
    };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => fail(not_found(path)),
        _ => fail(io_problem(&e)),
    })?;
    let kind = meta.file_type();
    if !meta.is_file() && !kind.is_fifo() && !kind.is_socket() {
        return Err(fail(if meta.is_dir() {
            "is a directory, not a file".into()
        } else if path.as_os_str() == STDIN_PATH {
            let what = if std::io::stdin().is_terminal() {
                "the terminal"
            } else {
                "a device"
            };
            format!("is {what}, not a file or a pipe: pipe a blog into it (… | liveblog -)")
        } else {
            "is not a regular file".into()
        }));
    }
    if meta.len() > MAX_INPUT as u64 {
        return Err(fail(format!(
            "is {} bytes, over the {MAX_INPUT}-byte limit",
            meta.len()
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(io_problem(&e)))?;
    Ok((file, meta.len(), fail))
}

/// Why there is no file at `path`: none of that name, or an address that is not one liveblog
/// reads (it was taken for a file only because it is not an http(s) URL).
fn not_found(path: &Path) -> String {
    let Some(text) = path.to_str().filter(|t| t.contains("://")) else {
        return "no such file".into();
    };
    match url::Url::parse(text) {
        Ok(u) => format!(
            "no such file, and liveblog reads only http and https addresses, not {}:",
            crate::sanitize::visible(u.scheme(), 20)
        ),
        Err(e) => format!("no such file, nor a valid address ({e})"),
    }
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => crate::sanitize::line(&e.to_string(), 300),
    }
}

/// Reads and parses a local source (the bundled blog or a file).
pub fn load_local(source: &Source) -> Result<(crate::blog::LiveBlog, Format), LoadError> {
    let bytes = match source {
        Source::Bundled => BUNDLED.as_bytes().to_vec(),
        Source::File(p) => match read_local_file(p)? {
            LocalRead::Parsed(read) => {
                return read
                    .map(|blog| (blog, Format::Text))
                    .map_err(|error| LoadError::Format {
                        source_name: source.display_name(),
                        error,
                    });
            }
            LocalRead::Whole(bytes) => bytes,
        },
        Source::Url(_) => {
            // URLs are fetched by `net`, never read here.
            let problem = "is a URL: it is fetched, not read as a file".to_string();
            return Err(LoadError::File {
                path: source.display_name(),
                problem,
            });
        }
    };
    formats::parse_with_format(&bytes).map_err(|error| LoadError::Format {
        source_name: source.display_name(),
        error,
    })
}

/// Above this size a plain-text blog first shows from its beginning, parsed on its own, and
/// the whole file follows a moment later (see `live::FileReader`).
pub const QUICK_OPEN_OVER: usize = 512 * 1024;
/// How much of a large plain-text blog the first screen is parsed from.
const QUICK_PREFIX: usize = 128 * 1024;

/// A local source opened for the reader: what to show now, and whether the whole file is still
/// to be read and parsed (a large plain-text blog shown from its beginning).
pub struct QuickOpen {
    pub blog: crate::blog::LiveBlog,
    pub whole_later: bool,
}

/// Like [`load_local`], but a large plain-text blog is read and parsed from its first part
/// only, so the first screen comes as fast as a pager's; the whole file is read and parsed
/// after it (see `live::FileReader`). Only a beginning that is clean UTF-8 text without NUL
/// takes that path. The rest is judged when it is read: a file that turns out not to be clean
/// text further on is parsed whole as any other file is, and one that cannot be is said to be
/// so beside the beginning already shown.
pub fn load_local_quick(source: &Source) -> Result<QuickOpen, LoadError> {
    let Source::File(p) = source else {
        return load_local(source).map(|(blog, _)| QuickOpen {
            blog,
            whole_later: false,
        });
    };
    let fail = |error| LoadError::Format {
        source_name: source.display_name(),
        error,
    };
    // Checked with vector instructions: the standard check is a byte at a time, a twentieth
    // of the start's work for this beginning.
    if let Some(beginning) = clean_text_beginning(p)?
        && let Ok(beginning) = simdutf8::basic::from_utf8(&beginning)
    {
        let mut blog = formats::parse_clean_text(beginning).map_err(fail)?;
        // The beginning ends where it was cut, likely inside its last entry: shown cut short,
        // that entry would read as edited once the whole file came.
        blog.entries.pop();
        return Ok(QuickOpen {
            blog,
            whole_later: true,
        });
    }
    let bytes = read_file(p)?;
    formats::parse_with_format(&bytes)
        .map(|(blog, _)| QuickOpen {
            blog,
            whole_later: false,
        })
        .map_err(fail)
}

/// The first [`QUICK_PREFIX`] bytes of a file over [`QUICK_OPEN_OVER`], up to its last line
/// end, when they are plain text without NUL or BOM; `None` otherwise. Whether they are UTF-8
/// is for the caller to check.
fn clean_text_beginning(path: &Path) -> Result<Option<Vec<u8>>, LoadError> {
    let (file, len, fail) = open_file(path)?;
    if len <= QUICK_OPEN_OVER as u64 {
        return Ok(None);
    }
    // Read into the whole buffer at once: `read_to_end` would ask for 8 KiB at a time.
    let mut bytes = vec![0; QUICK_PREFIX];
    let mut filled = 0;
    while filled < QUICK_PREFIX {
        match (&file).read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(fail(io_problem(&e))),
        }
    }
    if filled < QUICK_PREFIX {
        // Shorter than it was a moment ago: read it whole.
        return Ok(None);
    }
    let cut = bytes
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(QUICK_PREFIX, |i| i + 1);
    bytes.truncate(cut);
    let clean = formats::sniff(&bytes).is_ok_and(|f| f == Format::Text)
        && !bytes.starts_with("\u{feff}".as_bytes())
        && memchr::memchr(0, &bytes).is_none();
    Ok(clean.then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_become_sources() {
        assert_eq!(Source::from_arg::<str>(None), Source::Bundled);
        assert!(matches!(
            Source::from_arg(Some("https://x.test/a")),
            Source::Url(_)
        ));
        assert_eq!(
            Source::from_arg(Some("a.txt")),
            Source::File("a.txt".into())
        );
        assert_eq!(
            Source::from_arg(Some("file:///etc/passwd")),
            Source::File("/etc/passwd".into())
        );
    }

    #[test]
    fn url_names_never_show_the_query() {
        let s = Source::from_arg(Some("https://content.guardianapis.com/x?api-key=SECRET"));
        assert_eq!(s.display_name(), "https://content.guardianapis.com/x");
    }

    #[test]
    fn non_regular_files_are_refused_by_name() {
        let err = read_file(Path::new("/dev/zero")).unwrap_err().to_string();
        assert_eq!(err, "\"/dev/zero\": is not a regular file");
        let err = read_file(Path::new("/")).unwrap_err().to_string();
        assert!(err.contains("is a directory"), "{err}");
        let err = read_file(Path::new("/nonexistent/\x1b[2J"))
            .unwrap_err()
            .to_string();
        assert_eq!(err, "\"/nonexistent/^[[2J\": no such file");
    }

    #[test]
    fn an_address_that_is_not_read_says_why_rather_than_no_such_file() {
        let said = |a: &str| read_file(Path::new(a)).unwrap_err().to_string();
        assert_eq!(
            said("ftp://example.com/x"),
            "\"ftp://example.com/x\": no such file, and liveblog reads only http and https \
             addresses, not ftp:"
        );
        assert_eq!(
            said("http://[::1"),
            "\"http://[::1\": no such file, nor a valid address (invalid IPv6 address)"
        );
        assert_eq!(
            said("http://127.0.0.1:99999/"),
            "\"http://127.0.0.1:99999/\": no such file, nor a valid address (invalid port number)"
        );
        assert!(said("http://").contains("nor a valid address (empty host)"));
    }

    #[test]
    fn a_named_pipe_is_read_from_its_one_opening() {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        // Whether a second opening would lose it is a race: run it a few times over.
        for round in 0..10 {
            let fifo = dir.join(format!("blog-{round}.fifo"));
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            assert!(made.unwrap().success());
            let (tx, rx) = std::sync::mpsc::channel();
            let source = Source::File(fifo.clone());
            std::thread::spawn(move || tx.send(load_local(&source).map(|(b, _)| b.title)));
            // The reader waits in its opening of the pipe; the writer writes once and closes.
            // What the first opening was given is gone if it is closed unread: a second
            // opening would find nothing, or wait for ever.
            std::thread::sleep(std::time::Duration::from_millis(30));
            let writer = std::thread::spawn(move || std::fs::write(&fifo, BUNDLED));
            let read = rx.recv_timeout(std::time::Duration::from_secs(10));
            let title = read.expect("the pipe read within 10 s").unwrap();
            assert!(title.contains("Ukraine"), "{title}");
            writer.join().unwrap().unwrap();
        }
    }

    #[test]
    fn a_file_address_is_the_file() {
        assert_eq!(
            Source::from_arg(Some("file:///tmp/a%20blog.html")),
            Source::File(PathBuf::from("/tmp/a blog.html"))
        );
    }

    #[test]
    fn a_large_text_blog_opens_from_its_beginning_and_keeps_the_rest() {
        use std::fmt::Write;
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        let path = dir.join("big.txt");
        let mut text = String::from("Big blog\nStandfirst\nKey events\n-\nHeading 0\n");
        text.push_str("Heading 0\n");
        for i in 0..40_000 {
            let _ = writeln!(text, "Line {i} of a long blog.");
            if i % 10 == 9 {
                text.push('\n');
            }
        }
        std::fs::write(&path, &text).unwrap();
        let q = load_local_quick(&Source::File(path.clone())).unwrap();
        assert!(q.whole_later);
        let full = crate::formats::parse(&read_file(&path).unwrap()).unwrap();
        assert!(q.blog.entries.len() < full.entries.len());
        assert_eq!(q.blog.key_events, full.key_events);
        // The entries shown first are the full blog's, by id, in order.
        for (a, b) in q
            .blog
            .entries
            .iter()
            .zip(&full.entries)
            .take(q.blog.entries.len() - 1)
        {
            assert_eq!(a, b);
        }
        // With a byte-order mark it is read whole, as `formats::parse` reads it.
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        let q = load_local_quick(&Source::File(path.clone())).unwrap();
        assert!(!q.whole_later);
        assert_eq!(q.blog, full);
        // So it is with a byte that is not UTF-8 in its beginning, read with the byte replaced.
        let mut bad = text.into_bytes();
        bad[100] = 0xff;
        std::fs::write(&path, &bad).unwrap();
        let q = load_local_quick(&Source::File(path.clone())).unwrap();
        assert!(!q.whole_later);
        assert_eq!(q.blog, crate::formats::parse(&bad).unwrap());
        assert!(
            q.blog
                .entries
                .iter()
                .any(|e| e.plain_text().contains('\u{fffd}'))
        );
    }

    #[test]
    fn the_demo_blogs_parse() {
        let [first, second] = demo_blogs().unwrap();
        assert_eq!(first.key_events.len(), 39);
        assert!(
            second
                .title
                .starts_with("Rishi Sunak and Keir Starmer clash")
        );
        // The page JSON's blog, written in liveblog's own JSON: whole entries (the page's
        // JSON-LD cut each at 1,000 characters) and its key events.
        let page = include_str!(
            "../tests/fixtures/guardian-frontend-json/fe-liveblog-politics-2023-12-13.json"
        );
        let mut page = formats::parse(page.as_bytes()).unwrap();
        // Its pinned post unpinned: the merged view opens on both blogs' newest entries.
        let pinned: Vec<usize> = (0..page.entries.len())
            .filter(|&i| page.entries[i].pinned)
            .collect();
        assert_eq!(pinned.len(), 1);
        for i in pinned {
            page.entries[i].pinned = false;
        }
        assert_eq!(second.entries, page.entries);
        assert_eq!(second.key_events, page.key_events);
        assert_eq!((second.entries.len(), second.key_events.len()), (12, 18));
        assert!(second.entries.iter().any(|e| e.plain_text().len() > 1_500));
    }

    #[test]
    fn the_bundled_blog_parses() {
        let (b, f) = load_local(&Source::Bundled).unwrap();
        assert_eq!(f, Format::Text);
        assert_eq!(b.key_events.len(), 39);
    }

    /// The beginning of a large file shows only entries it holds whole: none of them reads as
    /// edited once the whole file comes.
    #[test]
    fn a_large_files_beginning_holds_no_entry_cut_short() {
        use std::fmt::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let n = 4_000;
        let mut text = String::from("A long blog\nIts standfirst\nKey events\n");
        for i in (0..n).rev() {
            let _ = writeln!(text, "-\nUpdate {i}");
        }
        for i in (0..n).rev() {
            let _ = writeln!(
                text,
                "\nUpdate {i}\nThe first paragraph of this update.\n\nIts second paragraph, \
                 longer, so that a cut can fall inside an entry as easily as between two."
            );
        }
        assert!(text.len() > QUICK_OPEN_OVER);
        std::fs::write(&path, &text).unwrap();
        let source = Source::File(path);
        let quick = load_local_quick(&source).unwrap();
        assert!(quick.whole_later && !quick.blog.entries.is_empty());
        let (whole, _) = load_local(&source).unwrap();
        assert!(quick.blog.entries.len() < whole.entries.len());
        let d = crate::blog::merge::diff(&quick.blog, &whole);
        assert!(d.edited.is_empty() && d.removed.is_empty(), "{d:?}");
    }
}
