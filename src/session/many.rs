//! Opening several sources at once, for an event covered by several live blogs.
//!
//! All are opened concurrently and kept in the order given. One that cannot be opened is a
//! line for stderr, not the end: the others open. The same source named twice is opened once.

use super::{NetOptions, OpenError, Opened, SourceSpec};
use crate::source::Source;
use std::ffi::OsStr;
use std::path::PathBuf;

/// What the sources are opened for: the same choices as the single-source functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Read once (`dump`, output that is not a terminal): [`super::open`].
    Once,
    /// For the reader: [`super::open_for_reading`] (a URL failing at start is retried).
    Reading,
    /// For `follow`: [`super::open_for_following`].
    Following,
}

/// Several sources opened: those that opened, in the order given, with unique short names,
/// and one line for each that did not (or was named twice).
pub struct Many {
    pub opened: Vec<Opened>,
    pub failures: Vec<String>,
}

/// What makes two sources the same: the URL without its fragment, or the file itself.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Identity {
    Url(String),
    File(PathBuf),
}

fn identity(arg: &OsStr) -> Identity {
    match Source::from_arg(Some(arg)) {
        Source::Url(mut u) => {
            u.set_fragment(None);
            Identity::Url(u.to_string())
        }
        Source::File(p) => Identity::File(std::fs::canonicalize(&p).unwrap_or(p)),
        Source::Bundled => Identity::File(PathBuf::new()),
    }
}

/// Opens every source concurrently. The result keeps the order given; an error only when
/// none opened, listing every failure.
pub async fn open_many(
    specs: &[SourceSpec],
    net: &NetOptions,
    how: How,
) -> Result<Many, OpenError> {
    let mut failures: Vec<(usize, String)> = Vec::new();
    let mut seen: Vec<(Identity, usize)> = Vec::new();
    let mut tasks = tokio::task::JoinSet::new();
    for (k, spec) in specs.iter().enumerate() {
        let id = identity(&spec.arg);
        if let Some((_, first)) = seen.iter().find(|(i, _)| *i == id) {
            let shown = |a: &OsStr| Source::from_arg(Some(a)).display_name();
            let (this, that) = (shown(&spec.arg), shown(&specs[*first].arg));
            let line = if this == that {
                format!("\"{this}\": named twice, opened once")
            } else {
                format!("\"{this}\": the same source as \"{that}\", opened once")
            };
            failures.push((k, line));
            continue;
        }
        seen.push((id, k));
        let (arg, net) = (spec.arg.clone(), net.clone());
        tasks.spawn(async move {
            let arg = Some(arg.as_os_str());
            let opened = match how {
                How::Once => super::open(arg, &net).await,
                How::Reading => super::open_for_reading(arg, &net).await,
                How::Following => super::open_for_following(arg, &net).await,
            };
            (k, opened)
        });
    }
    let mut results: Vec<(usize, Opened)> = Vec::new();
    while let Some(done) = tasks.join_next().await {
        match done {
            Ok((k, Ok(mut opened))) => {
                if let Some(name) = &specs[k].name {
                    opened.short.clone_from(name);
                }
                results.push((k, opened));
            }
            Ok((k, Err(e))) => failures.push((k, e.to_string())),
            // A panic ends the process (see `crash`); a cancelled task is all that is left.
            Err(e) => tracing::warn!(error = %e, "an opening task did not finish"),
        }
    }
    results.sort_by_key(|(k, _)| *k);
    failures.sort_by_key(|(k, _)| *k);
    let failures: Vec<String> = failures.into_iter().map(|(_, f)| f).collect();
    if results.is_empty() {
        return Err(OpenError::NoneOpened(failures));
    }
    let given: Vec<bool> = results
        .iter()
        .map(|(k, _)| specs[*k].name.is_some())
        .collect();
    let sources: Vec<&OsStr> = results
        .iter()
        .map(|(k, _)| specs[*k].arg.as_os_str())
        .collect();
    let mut opened: Vec<Opened> = results.into_iter().map(|(_, o)| o).collect();
    let mut shorts: Vec<String> = opened.iter().map(|o| o.short.clone()).collect();
    // A blog still waiting for its first answer is titled by its address, which tells it
    // apart no better than its host does: it keeps its name.
    let titles: Vec<&str> = opened
        .iter()
        .map(|o| {
            if o.first_error.is_some() {
                ""
            } else {
                o.blog.title.as_str()
            }
        })
        .collect();
    names_apart(&mut shorts, &titles, &given, &sources);
    let n = opened.len();
    for (k, (o, s)) in opened.iter_mut().zip(shorts).enumerate() {
        o.short = s;
        if let Some(r) = &mut o.refresher {
            r.stagger(k, n);
        }
    }
    Ok(Many { opened, failures })
}

/// Names blogs apart, wherever several are shown (the reader's tabs, `dump`, `follow`,
/// `status`): by title where a publisher repeats ([`name_by_title`]), then by address
/// ([`name_by_path`]), then by number. `given`: which names the config gave, kept as they are.
/// A blog that could not be read has no title (`""`) and keeps its name for the address to
/// tell apart. `sources`: each blog's file or URL, as given.
pub fn names_apart(names: &mut [String], titles: &[&str], given: &[bool], sources: &[&OsStr]) {
    name_by_title(names, titles, given);
    name_by_path(names, sources, given);
    unique_names(names);
}

/// Blogs of one publisher ("Guardian" twice) are told apart by their titles: a name that
/// repeats, unless the config gave it, becomes the first words of the blog's title (as many
/// as fit in 20 characters). Two "Guardian"s become "Rishi Sunak and Keir" and "Ukraine war
/// live", not "Guardian" and "Guardian 2".
fn name_by_title(names: &mut [String], titles: &[&str], given: &[bool]) {
    let repeats: Vec<bool> = names
        .iter()
        .map(|n| names.iter().filter(|m| *m == n).count() > 1)
        .collect();
    let by_title: Vec<Option<String>> = (0..names.len())
        .map(|i| {
            let own = given.get(i).copied().unwrap_or(false);
            (repeats[i] && !own)
                .then(|| titles.get(i).and_then(|t| first_words(t, 20)))
                .flatten()
        })
        .collect();
    for (i, name) in names.iter_mut().enumerate() {
        // Titles that tell nothing apart (the same file in two places) leave the numbers to it.
        if let Some(t) = &by_title[i]
            && by_title.iter().filter(|o| o.as_ref() == Some(t)).count() == 1
        {
            name.clone_from(t);
        }
    }
}

/// Blogs of one site that their titles do not tell apart (one blog in two formats, or one not
/// read) are told apart by their addresses: the name and the last part of the path that no
/// other blog of that name has (`127.0.0.1:8080/1` and `127.0.0.1:8080/2`, `example.com/gaza`),
/// else the whole path; not `127.0.0.1:8080 2`, which says nothing about which is which.
fn name_by_path(names: &mut [String], sources: &[&OsStr], given: &[bool]) {
    let paths: Vec<Vec<String>> = sources.iter().map(|s| url_path(s)).collect();
    let parts: Vec<Option<String>> = (0..names.len())
        .map(|i| {
            let own = given.get(i).copied().unwrap_or(false);
            let mine = paths.get(i).filter(|p| !own && !p.is_empty())?;
            let others: Vec<&Vec<String>> = (0..names.len())
                .filter(|&j| j != i && names[j] == names[i])
                .filter_map(|j| paths.get(j))
                .collect();
            if others.is_empty() {
                return None;
            }
            let apart = mine
                .iter()
                .rev()
                .find(|part| others.iter().all(|o| !o.contains(part)));
            match apart {
                Some(part) => Some(part.clone()),
                None => others.iter().all(|o| o != &mine).then(|| mine.join("/")),
            }
        })
        .collect();
    for (name, part) in names.iter_mut().zip(parts) {
        if let Some(part) = part {
            *name = format!("{name}/{part}");
        }
    }
}

/// The parts of the path of an http(s) URL, sanitised; none for a file.
fn url_path(source: &OsStr) -> Vec<String> {
    match url::Url::parse(&source.to_string_lossy()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => u
            .path_segments()
            .into_iter()
            .flatten()
            .filter(|part| !part.is_empty())
            .map(|part| crate::sanitize::line(part, 200))
            .collect(),
        _ => Vec::new(),
    }
}

/// The first words of `title` that fit in `max` characters (a first word longer than that,
/// cut), without the punctuation they end on; `None` for a title with no words.
fn first_words(title: &str, max: usize) -> Option<String> {
    let clean = crate::sanitize::line(title, 1024);
    let mut out = String::new();
    for word in clean.split_whitespace() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = clean.split_whitespace().next()?.chars().take(max).collect();
    }
    let out = out.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '–' || c == '—');
    (!out.is_empty()).then(|| out.to_string())
}

/// Makes names unique by numbering repeats: "Guardian", "Guardian 2", "Guardian 3".
pub fn unique_names(names: &mut [String]) {
    let mut taken: Vec<String> = Vec::with_capacity(names.len());
    for name in names.iter_mut() {
        if taken.contains(name) {
            let base = name.clone();
            let mut n = 2;
            while taken.contains(&format!("{base} {n}")) {
                n += 1;
            }
            *name = format!("{base} {n}");
        }
        taken.push(name.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blogs_of_one_publisher_are_named_by_their_titles_unless_the_config_named_them() {
        let mut names: Vec<String> = ["Guardian", "BBC", "Guardian", "Guardian"]
            .map(String::from)
            .to_vec();
        let titles = [
            "Rishi Sunak and Keir Starmer clash over homelessness at PMQs",
            "Election night",
            "IPL 2020 Live Score, CSK vs SRH",
            "Ukraine",
        ];
        name_by_title(&mut names, &titles, &[false, false, false, true]);
        assert_eq!(
            names,
            [
                "Rishi Sunak and Keir",
                "BBC",
                "IPL 2020 Live Score",
                "Guardian"
            ]
        );
        let mut names: Vec<String> = ["a", "a"].map(String::from).to_vec();
        name_by_title(&mut names, &["Same", "Same"], &[false, false]);
        assert_eq!(names, ["a", "a"], "numbered later, by unique_names");
        assert_eq!(
            first_words("Supercalifragilisticexpialidocious news", 20).as_deref(),
            Some("Supercalifragilistic")
        );
        assert_eq!(first_words(" \u{1b}[2J ", 20).as_deref(), Some("[2J"));
        assert_eq!(first_words("  ", 20), None);
    }

    #[test]
    fn blogs_of_one_site_that_titles_do_not_tell_apart_are_named_by_their_addresses() {
        let names = |sources: &[&str], titles: &[&str], given: &[bool]| {
            let mut names: Vec<String> = sources
                .iter()
                .map(|s| crate::blog::timeline::short_name(s))
                .collect();
            let sources: Vec<&OsStr> = sources.iter().map(OsStr::new).collect();
            names_apart(&mut names, titles, given, &sources);
            names
        };
        let one = "http://127.0.0.1:8080";
        assert_eq!(
            names(
                &[
                    &format!("{one}/1/liveblog.json"),
                    &format!("{one}/2/liveblog.json")
                ],
                &["Same", "Same"],
                &[false, false],
            ),
            ["127.0.0.1:8080/1", "127.0.0.1:8080/2"]
        );
        // Paths of which one holds the other.
        assert_eq!(
            names(
                &[
                    "https://example.com/live",
                    "https://example.com/live/page2",
                    "https://other.org/live",
                ],
                &["Same", "Same", "Same"],
                &[false, false, false],
            ),
            ["example.com/live", "example.com/page2", "other.org"]
        );
        // Different titles still come first; a name the config gave is kept, and one not read
        // (no title) is named by its address.
        assert_eq!(
            names(
                &[
                    "https://www.theguardian.com/a",
                    "https://www.theguardian.com/b"
                ],
                &["Ukraine war live", "Election night"],
                &[false, false],
            ),
            ["Ukraine war live", "Election night"]
        );
        assert_eq!(
            names(
                &["https://example.com/a", "https://example.com/b"],
                &["", ""],
                &[true, false],
            ),
            ["example.com", "example.com/b"]
        );
        // Nothing in the path tells them apart (a query, or files): numbered.
        assert_eq!(
            names(
                &[
                    "https://example.com/live?id=1",
                    "https://example.com/live?id=2"
                ],
                &["", ""],
                &[false, false],
            ),
            ["example.com", "example.com 2"]
        );
        assert_eq!(
            names(&["a/blog.txt", "b/blog.txt"], &["", ""], &[false, false]),
            ["blog", "blog 2"]
        );
    }

    #[test]
    fn repeated_names_are_numbered() {
        let mut names: Vec<String> = ["Guardian", "BBC", "Guardian", "Guardian 2", "Guardian"]
            .map(String::from)
            .to_vec();
        unique_names(&mut names);
        assert_eq!(
            names,
            [
                "Guardian",
                "BBC",
                "Guardian 2",
                "Guardian 2 2",
                "Guardian 3"
            ]
        );
    }

    #[test]
    fn the_same_url_or_file_is_the_same_source() {
        assert_eq!(
            identity(OsStr::new("https://WWW.Example.com:443/live#top")),
            identity(OsStr::new("https://www.example.com/live"))
        );
        assert_ne!(
            identity(OsStr::new("https://example.com/live?page=2")),
            identity(OsStr::new("https://example.com/live"))
        );
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        std::fs::write(dir.join("a.txt"), "x").unwrap();
        let direct = dir.join("a.txt");
        let roundabout = dir.join(".").join("a.txt");
        assert_eq!(
            identity(direct.as_os_str()),
            identity(roundabout.as_os_str())
        );
    }

    #[tokio::test]
    async fn a_blog_waiting_for_its_first_answer_keeps_its_host_for_a_name() {
        let blog = crate::formats::parse(crate::source::BUNDLED.as_bytes()).unwrap();
        let server = crate::serve::spawn(blog, crate::serve::ServeOptions::default())
            .await
            .unwrap();
        let host = format!("127.0.0.1:{}", server.addr.port());
        // Nothing listens there: refused, and waited on (a 404 would end the reader).
        let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let down = format!("127.0.0.1:{}", dead.local_addr().unwrap().port());
        drop(dead);
        let specs = [
            SourceSpec::arg(format!("http://{host}/live.txt")),
            SourceSpec::arg(format!("http://{down}/live.json")),
        ];
        let many = open_many(&specs, &NetOptions::default(), How::Reading)
            .await
            .unwrap();
        let shorts: Vec<&str> = many.opened.iter().map(|o| o.short.as_str()).collect();
        // Not "http://127.0.0.1:876", its address cut to twenty characters.
        assert_eq!(shorts, [host.as_str(), down.as_str()]);
        assert!(many.opened[1].first_error.is_some());
    }

    #[tokio::test]
    async fn files_open_in_order_with_failures_and_duplicates_as_lines() {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        let seed = crate::source::BUNDLED;
        std::fs::write(dir.join("a.txt"), seed).unwrap();
        std::fs::write(dir.join("b.txt"), seed).unwrap();
        let spec = |f: &str| SourceSpec::arg(dir.join(f));
        let specs = [
            spec("a.txt"),
            spec("missing.txt"),
            spec("b.txt"),
            SourceSpec {
                name: Some("Mine".into()),
                ..spec("a.txt")
            },
        ];
        let many = open_many(&specs, &NetOptions::default(), How::Once)
            .await
            .unwrap();
        let shorts: Vec<&str> = many.opened.iter().map(|o| o.short.as_str()).collect();
        assert_eq!(shorts, ["a", "b"]);
        assert_eq!(many.failures.len(), 2, "{:?}", many.failures);
        assert!(many.failures[0].contains("missing.txt\": no such file"));
        assert!(
            many.failures[1].ends_with("a.txt\": named twice, opened once"),
            "{:?}",
            many.failures
        );
        // Two files of the same name in different places: told apart by number.
        std::fs::create_dir_all(dir.join("other")).unwrap();
        std::fs::write(dir.join("other/a.txt"), seed).unwrap();
        let specs = [spec("a.txt"), spec("other/a.txt")];
        let many = open_many(&specs, &NetOptions::default(), How::Once)
            .await
            .unwrap();
        let shorts: Vec<&str> = many.opened.iter().map(|o| o.short.as_str()).collect();
        assert_eq!(shorts, ["a", "a 2"]);
    }

    #[tokio::test]
    async fn none_opening_is_an_error_listing_every_failure() {
        let specs = [
            SourceSpec::arg("/nonexistent/a.txt"),
            SourceSpec::arg("/nonexistent/b.txt"),
        ];
        let Err(e) = open_many(&specs, &NetOptions::default(), How::Once).await else {
            panic!("nothing could open");
        };
        let e = e.to_string();
        assert!(e.starts_with("none of the 2 sources opened: "), "{e}");
        assert!(
            e.contains("a.txt\": no such file; \"/nonexistent/b.txt"),
            "{e}"
        );
    }
}
