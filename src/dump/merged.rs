//! Several blogs of one event as one document: every blog's entries interleaved newest first
//! (by [`timeline::interleave`]), each tagged with the short name of its blog.

use super::{
    DumpFormat, md_entry, md_escape, md_key_event, state_label, text_entry, text_key_event,
};
use crate::blog::{Entry, KeyEvent, LiveBlog, LiveState, Stamp, timeline};
use crate::formats::native::{self, DocEntry, DocKeyEvent};
use foldhash::HashSet;
use serde::Serialize;
use std::fmt::Write;

/// One of several blogs as a dump names it.
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    /// Its short name, whole: the JSON form says it so, the text forms as a label
    /// ([`timeline::labels`]).
    pub name: &'a str,
    /// Said in the place of the blog's address when that address means nothing outside this
    /// run (a replay served by this process, gone when it exits): what the blog is.
    pub from: Option<&'a str>,
    pub blog: &'a LiveBlog,
}

impl<'a> From<(&'a str, &'a LiveBlog)> for Named<'a> {
    fn from((name, blog): (&'a str, &'a LiveBlog)) -> Self {
        Named {
            name,
            from: None,
            blog,
        }
    }
}

/// Renders several blogs, each named by its short name, as one document. `title` is the
/// event's (else the short names joined); `read_at` (seconds since the epoch) places entries
/// without times, as when the blogs were read. All text is already sanitised.
pub fn render_many(
    blogs: &[Named<'_>],
    title: Option<&str>,
    format: DumpFormat,
    read_at: i64,
) -> String {
    let names: Vec<String> = blogs.iter().map(|b| b.name.to_string()).collect();
    let labels = timeline::labels(&names);
    // The JSON form's title says the names whole, as its `source`s do.
    let title = match (title, format) {
        (Some(t), _) => t.to_string(),
        (None, DumpFormat::Json) => names.join(" · "),
        (None, _) => labels.join(" · "),
    };
    let just_blogs: Vec<&LiveBlog> = blogs.iter().map(|b| b.blog).collect();
    let entries = timeline::interleave(&just_blogs, read_at);
    let key_events = key_events(&just_blogs, read_at);
    let m = Merged {
        title: &title,
        blogs,
        labels: &labels,
        entries: &entries,
        key_events: &key_events,
    };
    match format {
        DumpFormat::Text => m.text(),
        DumpFormat::Markdown => m.markdown(),
        DumpFormat::Json => m.json(),
    }
}

/// Every blog's key events, newest first. A key event is placed by its own time, else by its
/// entry's, else beside its neighbours in its blog: the timeline's order, applied to them.
fn key_events<'a>(blogs: &[&'a LiveBlog], read_at: i64) -> Vec<(usize, &'a KeyEvent)> {
    let times: Vec<Vec<Option<i64>>> = blogs
        .iter()
        .map(|b| {
            b.key_events
                .iter()
                .map(|k| {
                    k.published
                        .or_else(|| {
                            let id = k.entry_id.as_deref()?;
                            b.entries.iter().find(|e| e.id == id)?.time()
                        })
                        .map(|t| t.instant().as_second())
                })
                .collect()
        })
        .collect();
    timeline::key_event_order(&times, read_at)
        .into_iter()
        .map(|s| (s.source, &blogs[s.source].key_events[s.pos]))
        .collect()
}

struct Merged<'a> {
    title: &'a str,
    blogs: &'a [Named<'a>],
    /// Each blog's name as the text forms say it.
    labels: &'a [String],
    entries: &'a [(usize, &'a Entry)],
    key_events: &'a [(usize, &'a KeyEvent)],
}

impl Merged<'_> {
    /// The whole name, for the JSON form.
    fn name(&self, k: usize) -> &str {
        self.blogs[k].name
    }

    /// The label, for the text forms.
    fn label(&self, k: usize) -> &str {
        &self.labels[k]
    }

    /// The blog's title; its name whole when it has none, as a single blog's dump titles it.
    fn title<'b>(named: &Named<'b>) -> &'b str {
        named.blog.title_or(named.name)
    }

    /// Where the blog is read: its address, or what it is when that address is this run's.
    fn address<'b>(named: &Named<'b>) -> Option<&'b str> {
        named.from.or(named.blog.url.as_deref())
    }

    fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.title);
        for (named, name) in self.blogs.iter().zip(self.labels) {
            let blog = named.blog;
            let mut meta: Vec<String> = vec![format!("[{name}] {}", Self::title(named))];
            if let Some(l) = state_label(blog.state) {
                meta.push(l.to_string());
            }
            if let Some(u) = super::blog_updated(blog) {
                meta.push(format!("updated {u}"));
            }
            if let Some(g) = super::guessed_label(blog) {
                meta.push(g.to_string());
            }
            if let Some(u) = Self::address(named) {
                meta.push(u.to_string());
            }
            let _ = writeln!(out, "{}", meta.join(" · "));
        }
        if !self.key_events.is_empty() {
            let _ = writeln!(out, "\nKey events");
            let loaded: Vec<HashSet<&str>> =
                self.blogs.iter().map(|b| b.blog.entry_ids()).collect();
            for (k, ke) in self.key_events {
                text_key_event(&mut out, ke, &loaded[*k], &format!("[{}] ", self.label(*k)));
            }
        }
        for (k, e) in self.entries {
            text_entry(&mut out, e, &format!("[{}] ", self.label(*k)));
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", md_escape(self.title));
        for (named, name) in self.blogs.iter().zip(self.labels) {
            let blog = named.blog;
            let mut state = state_label(blog.state)
                .map(|l| format!(" · {}", l.to_lowercase()))
                .unwrap_or_default();
            if let Some(g) = super::guessed_label(blog) {
                let _ = write!(state, " · {}", md_escape(g));
            }
            if let Some(from) = named.from {
                let _ = write!(state, " · {}", md_escape(from));
            }
            let title = md_escape(Self::title(named));
            let shown = match blog.url.as_deref().filter(|_| named.from.is_none()) {
                Some(u) => format!("[{title}](<{u}>)"),
                None => title,
            };
            let _ = writeln!(out, "- **{}**: {shown}{state}", md_escape(name));
        }
        out.push('\n');
        let anchor = |k: usize, id: &str| format!("{k}-{id}");
        if !self.key_events.is_empty() {
            let _ = writeln!(out, "## Key events\n");
            let loaded: Vec<HashSet<&str>> =
                self.blogs.iter().map(|b| b.blog.entry_ids()).collect();
            for (k, ke) in self.key_events {
                let tag = md_escape(&format!("[{}] ", self.label(*k)));
                let id = (ke.entry_id.as_deref()).filter(|id| loaded[*k].contains(id));
                md_key_event(&mut out, ke, id.map(|id| anchor(*k, id)).as_deref(), &tag);
            }
            out.push('\n');
        }
        for (k, e) in self.entries {
            let tag = md_escape(&format!("[{}] ", self.label(*k)));
            md_entry(&mut out, e, &anchor(*k, &e.id), &tag);
        }
        out
    }

    fn json(&self) -> String {
        let doc = Doc {
            liveblog_format: native::SCHEMA_VERSION,
            title: self.title,
            sources: self
                .blogs
                .iter()
                .map(|named| {
                    let b = named.blog;
                    Source {
                        name: named.name,
                        title: &b.title,
                        standfirst: &b.standfirst,
                        // A replay's address is gone once this run ends.
                        url: b.url.as_deref().filter(|_| named.from.is_none()),
                        live: match b.state {
                            LiveState::Live => Some(true),
                            LiveState::Ended => Some(false),
                            LiveState::Unknown => None,
                        },
                        updated: b.updated,
                        // Its older page, as an address where the blog has one.
                        older: if named.from.is_none() {
                            crate::blog::older::older_for_dump(b)
                        } else {
                            b.older.clone()
                        },
                        extracted: b.extracted,
                    }
                })
                .collect(),
            key_events: self
                .key_events
                .iter()
                .map(|(k, ke)| Tagged {
                    source: self.name(*k),
                    item: native::key_event_doc(ke),
                })
                .collect(),
            entries: self
                .entries
                .iter()
                .map(|(k, e)| Tagged {
                    source: self.name(*k),
                    item: native::entry_doc(e),
                })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// The merged document: the single-blog schema's key events and entries, each with the
/// short name of its blog, and the blogs themselves under `sources`.
#[derive(Serialize)]
struct Doc<'a> {
    liveblog_format: u32,
    title: &'a str,
    sources: Vec<Source<'a>>,
    key_events: Vec<Tagged<'a, DocKeyEvent>>,
    entries: Vec<Tagged<'a, DocEntry>>,
}

#[derive(Serialize)]
struct Source<'a> {
    name: &'a str,
    title: &'a str,
    standfirst: &'a str,
    url: Option<&'a str>,
    live: Option<bool>,
    updated: Option<Stamp>,
    older: Option<String>,
    #[serde(skip_serializing_if = "native::is_structured")]
    extracted: crate::blog::Extraction,
}

#[derive(Serialize)]
struct Tagged<'a, T> {
    source: &'a str,
    #[serde(flatten)]
    item: T,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blog::Block;

    fn e(id: &str, minute: u32, key: bool) -> Entry {
        Entry {
            id: id.into(),
            title: Some(format!("Title {id}")),
            published: Stamp::parse(&format!("2025-02-17T10:{minute:02}:00Z")),
            key_event: key,
            body: vec![Block::text(format!("Body {id}."))],
            ..Entry::default()
        }
    }

    fn two() -> (LiveBlog, LiveBlog) {
        let a = LiveBlog {
            title: "Blog A".into(),
            url: Some("https://a.test/live".into()),
            state: LiveState::Live,
            entries: vec![e("1", 50, true), e("2", 30, false)],
            key_events: vec![KeyEvent {
                title: "A key".into(),
                entry_id: Some("1".into()),
                published: None,
            }],
            ..LiveBlog::default()
        };
        let b = LiveBlog {
            title: "Blog B".into(),
            state: LiveState::Ended,
            entries: vec![e("1", 40, false), e("2", 20, true)],
            key_events: vec![KeyEvent {
                title: "B key".into(),
                entry_id: Some("2".into()),
                published: None,
            }],
            ..LiveBlog::default()
        };
        (a, b)
    }

    #[test]
    fn json_interleaves_entries_newest_first_each_with_its_source() {
        let (a, b) = two();
        let j = render_many(
            &[("A", &a).into(), ("B", &b).into()],
            Some("Summit"),
            DumpFormat::Json,
            0,
        );
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["liveblog_format"], 1);
        assert_eq!(v["title"], "Summit");
        assert_eq!(v["sources"][0]["name"], "A");
        assert_eq!(v["sources"][0]["url"], "https://a.test/live");
        assert_eq!(v["sources"][0]["live"], true);
        assert_eq!(v["sources"][1]["live"], false);
        let got: Vec<(String, String)> = v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| (x["source"].to_string(), x["id"].to_string()))
            .collect();
        let want = [("A", "1"), ("B", "1"), ("A", "2"), ("B", "2")]
            .map(|(s, i)| (format!("\"{s}\""), format!("\"{i}\"")));
        assert_eq!(got, want);
        assert_eq!(v["entries"][0]["text"], "Body 1.");
        assert!(v["entries"][0]["body"].is_array());
        // Key events take their entries' times.
        assert_eq!(v["key_events"][0]["source"], "A");
        assert_eq!(v["key_events"][1]["source"], "B");
        assert_eq!(v["key_events"][1]["title"], "B key");
        assert!(
            j.contains("{\n      \"source\": \"A\",\n      \"id\": \"1\","),
            "{j}"
        );
    }

    #[test]
    fn a_guessed_blog_is_marked_among_the_sources_and_only_it() {
        let (marked, mut guessed) = two();
        guessed.extracted = crate::blog::Extraction::Heuristic;
        let blogs: [Named; 2] = [("A", &marked).into(), ("B", &guessed).into()];
        let json: serde_json::Value =
            serde_json::from_str(&render_many(&blogs, None, DumpFormat::Json, 0)).unwrap();
        assert_eq!(json["sources"][0].get("extracted"), None);
        assert_eq!(json["sources"][1]["extracted"], "heuristic");
        let text = render_many(&blogs, None, DumpFormat::Text, 0);
        assert!(
            text.contains("\n[B] Blog B · ENDED · entries guessed from the page layout"),
            "{text}"
        );
        let md = render_many(&blogs, None, DumpFormat::Markdown, 0);
        assert!(md.contains("Blog B · ended · entries guessed"), "{md}");
    }

    #[test]
    fn text_and_markdown_tag_every_entry_and_key_event() {
        let (a, b) = two();
        let blogs: [Named; 2] = [("A", &a).into(), ("B", &b).into()];
        let t = render_many(&blogs, None, DumpFormat::Text, 0);
        assert!(
            t.starts_with("A · B\n[A] Blog A · LIVE · https://a.test/live\n[B] Blog B · ENDED\n")
        );
        assert!(
            t.contains("\nKey events\n- [A] A key\n- [B] B key\n"),
            "{t}"
        );
        let heads: Vec<&str> = t.lines().filter(|l| l.contains("Title ")).collect();
        assert_eq!(
            heads,
            [
                "[A] [KEY EVENT] 2025-02-17 10:50 UTC Title 1",
                "[B] 2025-02-17 10:40 UTC Title 1",
                "[A] 2025-02-17 10:30 UTC Title 2",
                "[B] [KEY EVENT] 2025-02-17 10:20 UTC Title 2",
            ]
        );
        let m = render_many(&blogs, Some("Summit"), DumpFormat::Markdown, 0);
        assert!(m.starts_with("# Summit\n\n- **A**: [Blog A](<https://a.test/live>) · live\n"));
        assert!(m.contains("- \\[B\\] [B key](#1-2)\n"), "{m}");
        assert!(
            m.contains("### <a id=\"1-2\"></a>★ \\[B\\] Title 2\n"),
            "{m}"
        );
    }

    /// A blog with no title is named by its whole name in the text and Markdown forms, as a
    /// single blog's dump titles it, rather than by nothing after its label.
    #[test]
    fn an_untitled_blog_is_named_by_its_whole_name() {
        let (a, mut b) = two();
        b.title = " ".into();
        let blogs: [Named; 2] = [("A", &a).into(), ("untitled-list", &b).into()];
        let t = render_many(&blogs, None, DumpFormat::Text, 0);
        assert!(
            t.contains("\n[untitled-list] untitled-list · ENDED\n"),
            "{t}"
        );
        let m = render_many(&blogs, None, DumpFormat::Markdown, 0);
        assert!(
            m.contains("- **untitled-list**: untitled-list · ended\n"),
            "{m}"
        );
    }
}
