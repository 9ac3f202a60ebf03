//! `liveblog follow`: the refresher without the screen. Each new or edited entry is printed as
//! it arrives, oldest first, like `tail -f`, for scripts and notifications.

use crate::blog::{Entry, LiveBlog, LiveState};
use crate::dump::time_in_source_offset;
use crate::tui::action::Action;
use std::collections::HashMap;
use std::io::Write;

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
}

/// Remembers what was printed, so each entry is printed once, and again only when edited.
#[derive(Debug, Default)]
pub struct Printed {
    seen: HashMap<String, Entry>,
}

impl Printed {
    /// The entries of `blog` not printed yet or changed since, oldest first.
    pub fn changes<'a>(
        &mut self,
        blog: &'a LiveBlog,
        key_events_only: bool,
    ) -> Vec<(Change, &'a Entry)> {
        let mut out = Vec::new();
        for e in blog.entries.iter().rev() {
            if key_events_only && !e.key_event && !is_listed_key_event(blog, e) {
                continue;
            }
            let change = match self.seen.get(&e.id) {
                None => Change::New,
                Some(old) if old != e => Change::Edited,
                Some(_) => continue,
            };
            self.seen.insert(e.id.clone(), e.clone());
            out.push((change, e));
        }
        out
    }
}

fn is_listed_key_event(blog: &LiveBlog, e: &Entry) -> bool {
    blog.key_events
        .iter()
        .any(|k| k.entry_id.as_deref() == Some(e.id.as_str()))
}

/// One entry as `follow` prints it.
pub fn render(change: Change, e: &Entry, format: FollowFormat) -> String {
    match format {
        FollowFormat::Jsonl => {
            let mut v: serde_json::Value =
                serde_json::from_str(&crate::formats::native::entry_to_json_line(e))
                    .unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                let c = if change == Change::New {
                    "new"
                } else {
                    "edited"
                };
                o.insert("change".into(), serde_json::Value::String(c.into()));
                o.remove("body");
            }
            let mut s = v.to_string();
            s.push('\n');
            s
        }
        FollowFormat::Text => {
            let mut head: Vec<String> = Vec::new();
            if change == Change::Edited {
                head.push("[EDITED]".into());
            }
            if e.key_event {
                head.push("[KEY EVENT]".into());
            }
            if let Some(t) = e.time() {
                head.push(time_in_source_offset(t));
            }
            if let Some(t) = &e.title {
                head.push(t.clone());
            }
            if !e.authors.is_empty() {
                head.push(format!("— {}", e.authors.join(", ")));
            }
            if head.is_empty() {
                head.push("(untitled entry)".into());
            }
            format!("{}\n{}\n\n", head.join(" "), e.plain_text())
        }
    }
}

/// Prints the blog's entries, then follows `updates` until the blog ends (returns 0) or the
/// updates stop. Errors go to stderr as one line each; following goes on.
pub async fn run(
    first: &LiveBlog,
    mut updates: Option<tokio::sync::mpsc::UnboundedReceiver<Action>>,
    format: FollowFormat,
    key_events_only: bool,
) -> std::io::Result<u8> {
    let mut printed = Printed::default();
    emit(&mut printed, first, format, key_events_only)?;
    if first.state == LiveState::Ended {
        return Ok(0);
    }
    let Some(rx) = updates.as_mut() else {
        return Ok(0);
    };
    while let Some(action) = rx.recv().await {
        match action {
            Action::BlogLoaded { blog, .. } => {
                emit(&mut printed, &blog, format, key_events_only)?;
                if blog.state == LiveState::Ended {
                    return Ok(0);
                }
            }
            Action::FetchFailed { error, .. } => {
                let line = crate::sanitize::line(&error, 600);
                let _ = writeln!(std::io::stderr(), "liveblog: {line}");
            }
            _ => {}
        }
    }
    Ok(0)
}

fn emit(
    printed: &mut Printed,
    blog: &LiveBlog,
    format: FollowFormat,
    key_events_only: bool,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    for (change, e) in printed.changes(blog, key_events_only) {
        out.write_all(render(change, e, format).as_bytes())?;
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
    fn text_lines_mark_key_events_and_edits() {
        let t = render(Change::Edited, &e("a", "Hello", true), FollowFormat::Text);
        assert_eq!(t, "[EDITED] [KEY EVENT]\nHello\n\n");
    }
}
