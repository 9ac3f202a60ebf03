//! `liveblog follow`: the refresher without the screen. Each new or edited entry is printed as
//! it arrives, oldest first, like `tail -f`, for scripts and notifications. Several blogs of
//! one event are followed together ([`run_many`]), each line naming its blog.

use crate::blog::merge::diff;
use crate::blog::{Entry, LiveBlog, LiveState, timeline};
use crate::live::Event;
use std::collections::HashSet;
use std::io::Write;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

/// The zone the text form's times are printed in, read once.
static LOCAL: std::sync::LazyLock<jiff::tz::TimeZone> =
    std::sync::LazyLock::new(crate::blog::local_zone);

mod ring;

pub use ring::{ON_ALERT_TIMEOUT, Ringer, Ringing};

/// How `follow` prints entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FollowFormat {
    Text,
    Jsonl,
}

/// What happened to an entry since the last print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Edited,
    Deleted,
}

impl Change {
    fn name(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Edited => "edited",
            Change::Deleted => "deleted",
        }
    }
}

/// Remembers the version last printed, so each entry is printed once, again when edited, and
/// once more when it is deleted. The comparison is the domain's [`diff`].
#[derive(Debug, Default)]
pub struct Printed {
    last: LiveBlog,
    /// Ids of the entries the last call found new, printed or not, in the blog's order.
    added: Vec<String>,
    /// What the entries the last call found edited said before, as text, by id.
    previous: std::collections::HashMap<String, String>,
}

impl Printed {
    /// What changed in `blog` since the last call: deletions first, then new and edited
    /// entries, oldest first.
    pub fn changes(&mut self, blog: &LiveBlog, key_events_only: bool) -> Vec<(Change, Entry)> {
        let d = diff(&self.last, blog);
        let mut out = Vec::new();
        let removed: HashSet<&str> = d.removed.iter().map(String::as_str).collect();
        for e in self.last.entries.iter().rev() {
            if removed.contains(e.id.as_str()) && (!key_events_only || is_key_event(&self.last, e))
            {
                out.push((Change::Deleted, e.clone()));
            }
        }
        let added: HashSet<&str> = d.added.iter().map(String::as_str).collect();
        let edited: HashSet<&str> = d.edited.iter().map(String::as_str).collect();
        for e in oldest_first(blog) {
            let change = if added.contains(e.id.as_str()) {
                Change::New
            } else if edited.contains(e.id.as_str()) {
                Change::Edited
            } else {
                continue;
            };
            if !key_events_only || is_key_event(blog, e) {
                out.push((change, e.clone()));
            }
        }
        self.previous = d
            .edited
            .iter()
            .filter_map(|id| {
                let i = self.last.position(id)?;
                Some((id.clone(), self.last.entries[i].plain_text()))
            })
            .collect();
        self.last = blog.clone();
        self.added = d.added;
        out
    }

    /// What an entry the last call found edited said before the edit, as plain text.
    pub fn previous_text(&self, id: &str) -> Option<&str> {
        self.previous.get(id).map(String::as_str)
    }

    /// The entries the last [`Printed::changes`] found new (whether printed or not), by id in
    /// the blog's order: what an alert is about.
    pub fn added(&self) -> &[String] {
        &self.added
    }
}

/// The blog's entries oldest first, as `follow` prints them: a pinned post, on top of the
/// page whatever its age, in its time's place (printed last, it read as the newest).
fn oldest_first(blog: &LiveBlog) -> Vec<&Entry> {
    let mut out: Vec<&Entry> = blog.entries.iter().rev().filter(|e| !e.pinned).collect();
    for p in blog.entries.iter().filter(|e| e.pinned) {
        let at = p.time().map_or(out.len(), |t| {
            out.iter()
                .position(|e| e.time().is_some_and(|u| u.instant() > t.instant()))
                .unwrap_or(out.len())
        });
        out.insert(at, p);
    }
    out
}

fn is_key_event(blog: &LiveBlog, e: &Entry) -> bool {
    e.key_event
        || blog
            .key_events
            .iter()
            .any(|k| k.entry_id.as_deref() == Some(e.id.as_str()))
}

/// One entry as `follow` prints it.
pub fn render(change: Change, e: &Entry, format: FollowFormat) -> String {
    render_from(change, e, format, None)
}

/// As [`render_from`], and an edited entry's JSON line carries `"previous_text"`, what it said
/// before the edit.
pub fn render_edit(
    change: Change,
    e: &Entry,
    format: FollowFormat,
    source: Option<&str>,
    previous: Option<&str>,
) -> String {
    let line = render_from(change, e, format, source);
    match (format, change, previous) {
        (FollowFormat::Jsonl, Change::Edited, Some(prev)) => {
            let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&line) else {
                return line;
            };
            if let Some(o) = v.as_object_mut() {
                o.insert("previous_text".into(), prev.into());
            }
            let mut s = v.to_string();
            s.push('\n');
            s
        }
        _ => line,
    }
}

/// One entry as `follow` prints it, with the short name of its blog when several are
/// followed: `"source"` in a JSON line, a `[name] ` before the text form's heading. The text
/// form's times are local; a JSON line's keep the source's offset, as every JSON form does.
pub fn render_from(
    change: Change,
    e: &Entry,
    format: FollowFormat,
    source: Option<&str>,
) -> String {
    render_in(change, e, (format, source), &LOCAL)
}

/// As [`render_from`], the text form's times in `zone`.
fn render_in(
    change: Change,
    e: &Entry,
    (format, source): (FollowFormat, Option<&str>),
    zone: &jiff::tz::TimeZone,
) -> String {
    match format {
        FollowFormat::Jsonl => {
            let mut v: serde_json::Value =
                serde_json::from_str(&crate::formats::native::entry_to_json_line(e))
                    .unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                let c = serde_json::Value::String(change.name().into());
                o.insert("type".into(), c.clone());
                // The name of the first versions, kept for scripts written against them.
                o.insert("change".into(), c);
                o.remove("body");
                if let Some(name) = source {
                    o.insert("source".into(), serde_json::Value::String(name.into()));
                }
            }
            let mut s = v.to_string();
            s.push('\n');
            s
        }
        FollowFormat::Text => {
            let mut head: Vec<String> = Vec::new();
            if let Some(name) = source {
                head.push(format!("[{name}]"));
            }
            match change {
                Change::New => {}
                Change::Edited => head.push("[EDITED]".into()),
                Change::Deleted => head.push("[DELETED]".into()),
            }
            // As a dump heads it (flags, time, title, byline, when it was edited), in local
            // time.
            head.push(crate::dump::entry_heading_in(e, zone));
            // A deletion says no text; an entry of pictures alone has none: no empty line.
            let text = match change {
                Change::Deleted => String::new(),
                _ => e.plain_text(),
            };
            if text.is_empty() {
                format!("{}\n\n", head.join(" "))
            } else {
                format!("{}\n{text}\n\n", head.join(" "))
            }
        }
    }
}

/// Prints the blog's entries, then follows `events` until the blog ends (0). Refresh errors go
/// to stderr as one line each and following goes on; a refresher that stops before the blog
/// ended is a failure (1), never taken for an ending. With `ringing`, a refresh that brings
/// what it asks for rings once, named by the blog's title (`name` when it has none).
pub async fn run(
    first: &LiveBlog,
    events: Option<tokio::sync::mpsc::UnboundedReceiver<Event>>,
    format: FollowFormat,
    key_events_only: bool,
    (ringing, name): (Option<Ringing>, &str),
) -> std::io::Result<u8> {
    let mut ringer = ringing.map(|r| (Ringer::new(r), name));
    let code = follow_one(first, events, format, key_events_only, ringer.as_mut()).await;
    if let Some((r, _)) = ringer {
        r.finish().await;
    }
    code
}

/// A failed refresh as `follow` says it on stderr: what failed and when the next try is.
fn failed_line(error: &str, retry_in: Option<std::time::Duration>) -> String {
    match retry_in {
        Some(d) => format!("{error} — next try within {}", crate::live::human(d)),
        None => error.to_owned(),
    }
}

async fn follow_one(
    first: &LiveBlog,
    events: Option<tokio::sync::mpsc::UnboundedReceiver<Event>>,
    format: FollowFormat,
    key_events_only: bool,
    mut ringer: Option<&mut (Ringer, &str)>,
) -> std::io::Result<u8> {
    let mut printed = Printed::default();
    emit(&mut printed, first, format, key_events_only)?;
    if first.state == LiveState::Ended {
        return Ok(0);
    }
    // A file: printed once, nothing to follow.
    let Some(mut rx) = events else {
        return Ok(0);
    };
    // A blog found ended may still be read whole once (see `live::Poller`): following ends
    // when polling stops.
    let mut ended = false;
    while let Some(event) = rx.recv().await {
        match event {
            Event::Loaded { blog, .. } => {
                emit(&mut printed, &blog, format, key_events_only)?;
                if let Some((r, name)) = ringer.as_deref_mut() {
                    r.after_refresh(blog.title_or(name), &blog, printed.added());
                }
                ended = blog.state == LiveState::Ended;
            }
            Event::Scheduled { at: None } if ended => return Ok(0),
            Event::Failed {
                error, retry_in, ..
            } => {
                let line = crate::sanitize::line(&failed_line(&error, retry_in), 600);
                let _ = writeln!(std::io::stderr(), "liveblog: {line}");
            }
            Event::KeepFailed { error } => {
                let _ = writeln!(std::io::stderr(), "liveblog: {error}");
            }
            _ => {}
        }
    }
    if ended {
        return Ok(0);
    }
    let _ = writeln!(
        std::io::stderr(),
        "liveblog: following stopped before the blog ended (see LIVEBLOG_LOG for why)"
    );
    Ok(1)
}

fn emit(
    printed: &mut Printed,
    blog: &LiveBlog,
    format: FollowFormat,
    key_events_only: bool,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    for (change, e) in printed.changes(blog, key_events_only) {
        let previous = printed.previous_text(&e.id);
        out.write_all(render_edit(change, &e, format, None, previous).as_bytes())?;
    }
    out.flush()
}

/// One blog followed among several: its short name, the version first read, and what
/// brings the next ones (`None` for a file, printed once).
pub struct Followed {
    pub name: String,
    pub first: LiveBlog,
    pub events: Option<UnboundedReceiver<Event>>,
}

/// What one blog's stream says, with the blog's index: an event, or `None` once it stopped.
type Tagged = (usize, Option<Event>);

/// Follows several blogs as one stream. First every blog's entries, interleaved oldest first
/// by the timeline's order (`read_at` places entries without times); then each change as
/// it comes, every line naming its blog. Each blog is diffed against its own last version.
/// A blog whose refresher stops says so on stderr and the others go on; 0 once every blog has
/// ended (a file counts as ended once printed), 1 when one stopped before its end. With
/// `ringing`, each refresh of a blog that brings what it asks for rings once, named by the
/// blog's short name.
pub async fn run_many(
    blogs: Vec<Followed>,
    format: FollowFormat,
    key_events_only: bool,
    read_at: i64,
    ringing: Option<Ringing>,
) -> std::io::Result<u8> {
    let mut ringer = ringing.map(Ringer::new);
    let code = follow_several(blogs, format, key_events_only, read_at, ringer.as_mut()).await;
    if let Some(r) = ringer {
        r.finish().await;
    }
    code
}

async fn follow_several(
    blogs: Vec<Followed>,
    format: FollowFormat,
    key_events_only: bool,
    read_at: i64,
    mut ringer: Option<&mut Ringer>,
) -> std::io::Result<u8> {
    let mut printed: Vec<Printed> = blogs.iter().map(|_| Printed::default()).collect();
    let names: Vec<String> = blogs.iter().map(|b| b.name.clone()).collect();
    // A JSON line says a blog's name whole; text, and stderr, a label of it.
    let labels = timeline::labels(&names);
    let tags = match format {
        FollowFormat::Jsonl => &names,
        FollowFormat::Text => &labels,
    };
    first_print(
        &blogs,
        &mut printed,
        (format, tags),
        key_events_only,
        read_at,
    )?;
    // Following: no refresher (a file), or ended already, is done.
    let mut done: Vec<bool> = blogs
        .iter()
        .map(|b| b.events.is_none() || b.first.state == LiveState::Ended)
        .collect();
    let mut stopped = vec![false; blogs.len()];
    // Ended, and done once its polling stops (a last whole read may follow the end).
    let mut ended = done.clone();
    let (tx, mut rx) = unbounded_channel::<Tagged>();
    for (k, b) in blogs.into_iter().enumerate() {
        let Some(mut events) = b.events.filter(|_| !done[k]) else {
            continue;
        };
        let tx = tx.clone();
        tokio::spawn(async move {
            while let Some(e) = events.recv().await {
                if tx.send((k, Some(e))).is_err() {
                    return;
                }
            }
            let _ = tx.send((k, None));
        });
    }
    drop(tx);
    let finished =
        |done: &[bool], stopped: &[bool]| done.iter().zip(stopped).all(|(d, s)| *d || *s);
    while !finished(&done, &stopped) {
        let Some((k, event)) = rx.recv().await else {
            break;
        };
        let (name, label) = (names[k].as_str(), labels[k].as_str());
        match event {
            Some(Event::Loaded { blog, .. }) => {
                let mut out = std::io::stdout().lock();
                for (change, e) in printed[k].changes(&blog, key_events_only) {
                    let previous = printed[k].previous_text(&e.id);
                    let line = render_edit(change, &e, format, Some(&tags[k]), previous);
                    out.write_all(line.as_bytes())?;
                }
                out.flush()?;
                drop(out);
                if let Some(r) = ringer.as_deref_mut() {
                    r.after_refresh(name, &blog, printed[k].added());
                }
                ended[k] = blog.state == LiveState::Ended;
            }
            Some(Event::Scheduled { at: None }) => done[k] |= ended[k],
            Some(Event::Failed {
                error, retry_in, ..
            }) => {
                let line = crate::sanitize::line(&failed_line(&error, retry_in), 600);
                let _ = writeln!(std::io::stderr(), "liveblog: [{label}] {line}");
            }
            Some(Event::KeepFailed { error }) => {
                let _ = writeln!(std::io::stderr(), "liveblog: [{label}] {error}");
            }
            Some(_) => {}
            None if done[k] || ended[k] => done[k] = true,
            None => {
                stopped[k] = true;
                let _ = writeln!(
                    std::io::stderr(),
                    "liveblog: [{label}] following stopped before the blog ended (see \
                     LIVEBLOG_LOG for why)"
                );
            }
        }
    }
    Ok(u8::from(!done.iter().all(|d| *d)))
}

/// Every blog's entries as first read, oldest first across blogs.
fn first_print(
    blogs: &[Followed],
    printed: &mut [Printed],
    (format, tags): (FollowFormat, &[String]),
    key_events_only: bool,
    read_at: i64,
) -> std::io::Result<()> {
    let mut wanted: HashSet<(usize, String)> = HashSet::new();
    for (k, (b, p)) in blogs.iter().zip(printed.iter_mut()).enumerate() {
        wanted.extend(
            p.changes(&b.first, key_events_only)
                .into_iter()
                .map(|(_, e)| (k, e.id)),
        );
    }
    let firsts: Vec<&LiveBlog> = blogs.iter().map(|b| &b.first).collect();
    let mut out = std::io::stdout().lock();
    for (k, e) in timeline::interleave(&firsts, read_at).into_iter().rev() {
        if wanted.contains(&(k, e.id.clone())) {
            let line = render_from(Change::New, e, format, Some(&tags[k]));
            out.write_all(line.as_bytes())?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::Block;

    fn e(id: &str, text: &str, key: bool) -> Entry {
        Entry {
            id: id.into(),
            body: vec![Block::text(text)],
            key_event: key,
            ..Entry::default()
        }
    }

    #[test]
    fn each_entry_is_printed_once_oldest_first_and_again_when_edited() {
        let mut p = Printed::default();
        let b1 = LiveBlog {
            entries: vec![e("b", "B", false), e("a", "A", true)],
            ..LiveBlog::default()
        };
        let got: Vec<_> = p
            .changes(&b1, false)
            .into_iter()
            .map(|(c, e)| (c, e.id.clone()))
            .collect();
        assert_eq!(got, [(Change::New, "a".into()), (Change::New, "b".into())]);
        assert!(p.changes(&b1, false).is_empty());
        let b2 = LiveBlog {
            entries: vec![e("c", "C", false), e("b", "B2", false), e("a", "A", true)],
            ..LiveBlog::default()
        };
        let got: Vec<_> = p
            .changes(&b2, false)
            .into_iter()
            .map(|(c, e)| (c, e.id.clone()))
            .collect();
        assert_eq!(
            got,
            [(Change::Edited, "b".into()), (Change::New, "c".into())]
        );
    }

    #[test]
    fn a_pinned_post_is_printed_in_its_time_s_place_and_says_it_is_pinned() {
        let at = |t: &str, mut x: Entry| {
            x.published = crate::blog::Stamp::parse(&format!("2023-12-13T{t}:00Z"));
            x
        };
        let mut pinned = at("13:24", e("p", "Snap verdict", false));
        pinned.pinned = true;
        pinned.updated = crate::blog::Stamp::parse("2023-12-13T14:29:00Z");
        let b = LiveBlog {
            entries: vec![
                pinned,
                at("17:25", e("c", "C", false)),
                at("14:00", e("b", "B", false)),
                at("12:00", e("a", "A", false)),
            ],
            ..LiveBlog::default()
        };
        let got: Vec<_> = Printed::default()
            .changes(&b, false)
            .into_iter()
            .map(|(_, e)| e.id.clone())
            .collect();
        assert_eq!(got, ["a", "p", "b", "c"]);
        let utc = jiff::tz::TimeZone::UTC;
        let text = render_in(Change::New, &b.entries[0], (FollowFormat::Text, None), &utc);
        assert_eq!(
            text.lines().next(),
            Some("[PINNED] 2023-12-13 13:24 UTC (updated 2023-12-13 14:29 UTC)")
        );
    }

    #[test]
    fn the_text_form_prints_times_in_local_time_and_json_in_the_source_s_offset() {
        let mut x = e("a", "Turnout looks high.", false);
        x.title = Some("Polls close".into());
        x.published = crate::blog::Stamp::parse("2025-02-17T18:28:00+01:00");
        x.updated = crate::blog::Stamp::parse("2025-02-17T18:40:00+01:00");
        let zone = jiff::tz::TimeZone::fixed(jiff::tz::offset(-5));
        let text = render_in(Change::New, &x, (FollowFormat::Text, None), &zone);
        assert_eq!(
            text.lines().next(),
            Some("2025-02-17 12:28 -05:00 Polls close (updated 2025-02-17 12:40 -05:00)")
        );
        let line = render_in(Change::New, &x, (FollowFormat::Jsonl, None), &zone);
        assert!(
            line.contains("\"published\":\"2025-02-17T18:28:00+01:00\""),
            "{line}"
        );
        // A dump keeps the source's offset: it is a record of the page.
        let dumped = crate::dump::entry_heading(&x);
        assert!(dumped.starts_with("2025-02-17 18:28 +01:00"), "{dumped}");
    }

    #[test]
    fn an_edited_entrys_json_line_says_what_it_said_before() {
        let mut p = Printed::default();
        let v1 = LiveBlog {
            entries: vec![e("a", "Talks begin", false)],
            ..LiveBlog::default()
        };
        let v2 = LiveBlog {
            entries: vec![e("a", "Talks began", false)],
            ..LiveBlog::default()
        };
        p.changes(&v1, false);
        let got = p.changes(&v2, false);
        assert_eq!(got[0].0, Change::Edited);
        let line = render_edit(
            Change::Edited,
            &got[0].1,
            FollowFormat::Jsonl,
            None,
            p.previous_text("a"),
        );
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["type"], "edited");
        assert_eq!(v["previous_text"], "Talks begin");
        assert_eq!(v["text"], "Talks began");
    }

    #[test]
    fn a_change_made_while_the_entry_was_posted_is_not_printed_as_an_edit() {
        // Posted at 12:00, saved again 40 s later: its header shows no "updated", so `follow`
        // prints no edit; changed four minutes on, it is one.
        let posted = |updated: &str, text: &str| Entry {
            published: crate::blog::Stamp::parse("2025-02-17T12:00:00Z"),
            updated: crate::blog::Stamp::parse(updated),
            ..e("a", text, false)
        };
        let version = |entry: Entry| LiveBlog {
            entries: vec![entry],
            ..LiveBlog::default()
        };
        let mut p = Printed::default();
        p.changes(
            &version(posted("2025-02-17T12:00:05Z", "Talks begin")),
            false,
        );
        let early = version(posted("2025-02-17T12:00:40Z", "Talks begin in Paris"));
        assert!(p.changes(&early, false).is_empty());
        assert_eq!(p.previous_text("a"), None);
        let later = version(posted("2025-02-17T12:04:00Z", "Talks began in Paris"));
        let got = p.changes(&later, false);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, Change::Edited);
        assert_eq!(p.previous_text("a"), Some("Talks begin in Paris"));
        let line = render_from(got[0].0, &got[0].1, FollowFormat::Text, None);
        assert!(line.starts_with("[EDITED]"), "{line}");
    }

    #[test]
    fn a_deleted_entry_is_printed_as_deleted_once() {
        let mut p = Printed::default();
        let b1 = LiveBlog {
            entries: vec![e("b", "B", false), e("a", "A", true)],
            ..LiveBlog::default()
        };
        p.changes(&b1, false);
        let b2 = LiveBlog {
            entries: vec![e("c", "C", false), e("a", "A", true)],
            ..LiveBlog::default()
        };
        let got: Vec<_> = p
            .changes(&b2, false)
            .into_iter()
            .map(|(c, e)| (c, e.id))
            .collect();
        assert_eq!(
            got,
            [(Change::Deleted, "b".into()), (Change::New, "c".into())]
        );
        assert!(p.changes(&b2, false).is_empty());
        let line = render(Change::Deleted, &e("b", "B", false), FollowFormat::Jsonl);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["type"], "deleted");
        assert_eq!(v["id"], "b");
        assert_eq!(v["text"], "B", "a deletion says what was taken down");
        let t = render(Change::Deleted, &e("b", "B", true), FollowFormat::Text);
        assert_eq!(t, "[DELETED] [KEY EVENT]\n\n");
    }

    #[test]
    fn an_entry_without_text_is_its_heading_and_one_blank_line() {
        let pictures = Entry {
            title: Some("Leaders arrive – in pictures".into()),
            key_event: true,
            ..Entry::default()
        };
        let t = render(Change::New, &pictures, FollowFormat::Text);
        assert_eq!(t, "[KEY EVENT] Leaders arrive – in pictures\n\n");
    }

    #[test]
    fn key_events_only_skips_the_rest() {
        let mut p = Printed::default();
        let b = LiveBlog {
            entries: vec![e("b", "B", false), e("a", "A", true)],
            ..LiveBlog::default()
        };
        assert_eq!(p.changes(&b, true).len(), 1);
    }

    #[test]
    fn jsonl_lines_carry_the_change_and_the_text() {
        let line = render(Change::New, &e("a", "Hello", true), FollowFormat::Jsonl);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["change"], "new");
        assert_eq!(v["id"], "a");
        assert_eq!(v["text"], "Hello");
        assert_eq!(v["key_event"], true);
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
    }

    #[test]
    fn lines_from_one_of_several_blogs_name_it() {
        let line = render_from(
            Change::New,
            &e("a", "Hi", false),
            FollowFormat::Jsonl,
            Some("BBC"),
        );
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["source"], "BBC");
        let t = render_from(
            Change::Edited,
            &e("a", "Hi", true),
            FollowFormat::Text,
            Some("BBC"),
        );
        assert_eq!(t, "[BBC] [EDITED] [KEY EVENT]\nHi\n\n");
        let t = render_from(
            Change::New,
            &e("a", "Hi", false),
            FollowFormat::Text,
            Some("BBC"),
        );
        assert_eq!(t, "[BBC] (untitled entry)\nHi\n\n");
        let plain = render(Change::New, &e("a", "Hi", false), FollowFormat::Jsonl);
        assert!(!plain.contains("source"));
    }

    #[test]
    fn text_lines_mark_key_events_and_edits() {
        let t = render(Change::Edited, &e("a", "Hello", true), FollowFormat::Text);
        assert_eq!(t, "[EDITED] [KEY EVENT]\nHello\n\n");
    }

    #[test]
    fn a_time_without_a_date_is_printed_as_written() {
        let mut entry = e("a", "Goal!", false);
        entry.time_as_written = Some("95'".into());
        let t = render(Change::New, &entry, FollowFormat::Text);
        assert_eq!(t, "95'\nGoal!\n\n");
        let j = render(Change::New, &entry, FollowFormat::Jsonl);
        assert!(j.contains("\"time_as_written\":\"95'\""), "{j}");
    }
}
