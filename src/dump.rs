//! Printing a parsed blog: plain text for people and pipes, Markdown, and liveblog JSON.
//! Several blogs of one event print as one document ([`render_many`]).

mod links;
mod md_table;
mod merged;

pub use merged::{Named, render_many};

use crate::blog::{Block, Embed, Entry, Extraction, Inline, KeyEvent, LiveBlog, LiveState, Stamp};
use foldhash::HashSet;
use std::fmt::Write;

/// Output formats of `liveblog dump`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DumpFormat {
    Text,
    Markdown,
    Json,
}

/// Renders the whole blog in the chosen format. All text in `blog` is already sanitised.
pub fn render(blog: &LiveBlog, format: DumpFormat) -> String {
    render_named(blog, format, "")
}

/// As [`render`], the text and Markdown forms titled `name` (the file or address, sanitised)
/// when the blog has no title of its own; the JSON form keeps the blog as it is.
pub fn render_named(blog: &LiveBlog, format: DumpFormat, name: &str) -> String {
    if blog.title.trim().is_empty() && !name.is_empty() && format != DumpFormat::Json {
        let titled = LiveBlog {
            title: name.to_owned(),
            ..blog.clone()
        };
        return render(&titled, format);
    }
    match format {
        DumpFormat::Text => text(blog),
        DumpFormat::Markdown => markdown(blog),
        DumpFormat::Json => json(blog),
    }
}

/// The JSON form: liveblog JSON, with the next older page as an address a browser or a script
/// can open rather than the source's pointer relative to the page read (`?page=…`).
fn json(blog: &LiveBlog) -> String {
    let older = crate::blog::older::older_for_dump(blog);
    if older == blog.older {
        return crate::formats::native::to_json(blog);
    }
    crate::formats::native::to_json(&LiveBlog {
        older,
        ..blog.clone()
    })
}

/// A time as the source wrote it, to the minute: `2025-02-17 17:25 +01:00`.
pub fn time_in_source_offset(s: Stamp) -> String {
    let r = s.to_rfc3339();
    // RFC 3339 is fixed-width up to the seconds: "YYYY-MM-DDTHH:MM:SS".
    let (date, rest) = r.split_at(10);
    let off = &rest[9..];
    let off = if off == "Z" { "UTC" } else { off };
    format!("{date} {} {off}", &rest[1..6])
}

/// Said in a dump's header when the entries were guessed from the page's layout.
pub const GUESSED_NOTE: &str = "entries guessed from the page layout (no live markup)";

fn guessed_label(blog: &LiveBlog) -> Option<&'static str> {
    (blog.extracted == Extraction::Heuristic).then_some(GUESSED_NOTE)
}

/// The time of an entry as a dump shows it: the instant in the source's offset (or moved by
/// `shift`), else the time as the page wrote it.
fn entry_time(e: &Entry, shift: &dyn Fn(Stamp) -> Stamp) -> Option<String> {
    e.published
        .map(|t| time_in_source_offset(shift(t)))
        .or_else(|| e.time_as_written.clone())
}

fn state_label(state: LiveState) -> Option<&'static str> {
    match state {
        LiveState::Live => Some("LIVE"),
        LiveState::Ended => Some("ENDED"),
        LiveState::Unknown => None,
    }
}

fn text(blog: &LiveBlog) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", blog.title);
    if !blog.standfirst.is_empty() {
        let _ = writeln!(out, "{}", blog.standfirst);
    }
    let mut meta: Vec<String> = Vec::new();
    if let Some(l) = state_label(blog.state) {
        meta.push(l.to_string());
    }
    if let Some(u) = blog_updated(blog) {
        meta.push(format!("updated {u}"));
    }
    if let Some(g) = guessed_label(blog) {
        meta.push(g.to_string());
    }
    if let Some(u) = &blog.url {
        meta.push(u.clone());
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "{}", meta.join(" · "));
    }
    if !blog.key_events.is_empty() {
        let _ = writeln!(out, "\nKey events");
        let loaded = blog.entry_ids();
        for k in &blog.key_events {
            text_key_event(&mut out, k, &loaded, "");
        }
    }
    for e in &blog.entries {
        text_entry(&mut out, e, "");
    }
    out
}

/// A key event's time as its line in a list begins, in the offset the source wrote it in and
/// followed by a space; nothing for one without a time.
fn listed_time(k: &KeyEvent) -> String {
    k.published
        .map(|t| format!("{} ", time_in_source_offset(t)))
        .unwrap_or_default()
}

/// One key-event line of the text form; `tag` goes before the title.
fn text_key_event(out: &mut String, k: &KeyEvent, loaded: &HashSet<&str>, tag: &str) {
    let time = listed_time(k);
    let missing = match k.entry_id.as_deref() {
        Some(id) if loaded.contains(id) => "",
        Some(_) => " (not loaded)",
        // Listed by the source with no entry at all: nothing would load it.
        None => " (no entry)",
    };
    let _ = writeln!(out, "- {tag}{time}{}{missing}", k.title);
}

/// One entry of the text form, after a rule; `tag` goes before its heading. Its links are
/// numbered and their addresses listed after its body ([`links`]).
fn text_entry(out: &mut String, e: &Entry, tag: &str) {
    let _ = writeln!(out, "\n{}", "—".repeat(40));
    let _ = writeln!(out, "{tag}{}", entry_heading(e));
    if e.body.is_empty() {
        return;
    }
    out.push('\n');
    let Some(marked) = links::mark(&e.body) else {
        out.push_str(&e.plain_text());
        out.push('\n');
        return;
    };
    let body = Entry {
        body: marked.body,
        ..Entry::default()
    };
    out.push_str(&body.plain_text());
    out.push_str("\n\n");
    for (n, url) in &marked.notes {
        let _ = writeln!(out, "[{n}] {url}");
    }
}

/// When the blog was last updated, in the offset its entries are written in: a page that
/// says it was updated at "16:40 UTC" above entries at "17:38 +01:00" reads as older than them.
fn blog_updated(blog: &LiveBlog) -> Option<String> {
    let u = blog.updated?;
    let u = blog
        .entries
        .iter()
        .find_map(|e| e.published)
        .map_or(u, |p| Stamp::new(u.instant(), p.offset()));
    Some(time_in_source_offset(u))
}

/// When an entry was edited, if it was after it was posted, as a dump shows it (or moved by
/// `shift`).
fn updated_time(e: &Entry, shift: &dyn Fn(Stamp) -> Stamp) -> Option<String> {
    // As the reader says it: a minute or more after the post (`Entry::edited_at`).
    let u = e.edited_at()?;
    // In the offset the entry's time is written in: "18:28 +01:00 … (updated 17:40 UTC)"
    // reads as an edit before the post.
    let u = e
        .published
        .map_or(u, |p| Stamp::new(u.instant(), p.offset()));
    Some(time_in_source_offset(shift(u)))
}

/// One line about an entry: flags, time, title, byline, when it was edited. Times are in the
/// offset the source wrote them in: a dump is a record of the page.
pub(crate) fn entry_heading(e: &Entry) -> String {
    heading(e, &|t| t)
}

/// As [`entry_heading`], with the times in `zone`: `follow` prints entries as they arrive, to be
/// read beside the clock on the wall and the reader's screen, which show local time.
pub(crate) fn entry_heading_in(e: &Entry, zone: &jiff::tz::TimeZone) -> String {
    heading(e, &|t| Stamp::new(t.instant(), zone.to_offset(t.instant())))
}

fn heading(e: &Entry, shift: &dyn Fn(Stamp) -> Stamp) -> String {
    let mut parts: Vec<String> = Vec::new();
    if e.pinned {
        parts.push("[PINNED]".into());
    }
    if e.key_event {
        parts.push("[KEY EVENT]".into());
    }
    if e.summary {
        parts.push("[SUMMARY]".into());
    }
    if let Some(t) = entry_time(e, shift) {
        parts.push(t);
    }
    if let Some(t) = &e.title {
        parts.push(t.clone());
    }
    if !e.authors.is_empty() {
        parts.push(format!("— {}", e.authors.join(", ")));
    }
    if let Some(u) = updated_time(e, shift) {
        parts.push(format!("(updated {u})"));
    }
    if parts.is_empty() {
        "(untitled entry)".into()
    } else {
        parts.join(" ")
    }
}

fn markdown(blog: &LiveBlog) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_escape(&blog.title));
    if !blog.standfirst.is_empty() {
        let _ = writeln!(out, "*{}*\n", md_escape(&blog.standfirst));
    }
    if let Some(u) = &blog.url {
        let _ = writeln!(out, "<{u}>\n");
    }
    if let Some(g) = guessed_label(blog) {
        let _ = writeln!(out, "*{}*\n", md_escape(g));
    }
    if !blog.key_events.is_empty() {
        let _ = writeln!(out, "## Key events\n");
        let loaded = blog.entry_ids();
        for k in &blog.key_events {
            let id = (k.entry_id.as_deref()).filter(|id| loaded.contains(id));
            md_key_event(&mut out, k, id, "");
        }
        out.push('\n');
    }
    for e in &blog.entries {
        md_entry(&mut out, e, &e.id, "");
    }
    out
}

/// One key-event line of the Markdown form, as the text form writes it (its time, in the
/// offset the source wrote it in, before its title), the title a link to `anchor` when its
/// entry is in the document; `tag` (escaped already) goes first.
pub(crate) fn md_key_event(out: &mut String, k: &KeyEvent, anchor: Option<&str>, tag: &str) {
    let time = listed_time(k);
    let title = md_escape(&k.title);
    let _ = match anchor {
        Some(a) => writeln!(out, "- {tag}{time}[{title}](#{a})"),
        None => writeln!(out, "- {tag}{time}{title}"),
    };
}

/// One entry of the Markdown form under the anchor `anchor`; `tag` goes before its title.
fn md_entry(out: &mut String, e: &Entry, anchor: &str, tag: &str) {
    let _ = writeln!(out, "---\n");
    let star = if e.key_event { "★ " } else { "" };
    let title = e.title.as_deref().filter(|t| !t.trim().is_empty());
    // Flags first, as the text form has them.
    let mut meta: Vec<String> = Vec::new();
    if e.pinned {
        meta.push("pinned".into());
    }
    if e.summary {
        meta.push("summary".into());
    }
    if let Some(t) = entry_time(e, &|t| t) {
        meta.push(t);
    }
    if let Some(u) = updated_time(e, &|t| t) {
        meta.push(format!("updated {u}"));
    }
    if !e.authors.is_empty() {
        meta.push(format!("by {}", e.authors.join(", ")));
    }
    let meta = (!meta.is_empty()).then(|| format!("*{}*", md_escape(&meta.join(" · "))));
    let anchor = format!("<a id=\"{anchor}\"></a>");
    match (title, meta) {
        (Some(t), meta) => {
            let _ = writeln!(out, "### {anchor}{star}{tag}{}\n", md_escape(t));
            if let Some(m) = meta {
                let _ = writeln!(out, "{m}\n");
            }
        }
        // No empty heading: the line about the entry carries its anchor.
        (None, Some(m)) => {
            let _ = writeln!(out, "{anchor}{star}{tag}{m}\n");
        }
        (None, None) => {
            let _ = writeln!(out, "{anchor}{star}{tag}(untitled entry)\n");
        }
    }
    let indents =
        crate::blog::has_nested_lists(&e.body).then(|| crate::blog::list_indents(&e.body));
    for (i, b) in e.body.iter().enumerate() {
        if i > 0 && crate::blog::continues_list(&e.body[i - 1], b) {
            // The list goes on: no blank line, which would end it.
            out.pop();
        }
        if let Some(shared) = (i > 0)
            .then(|| crate::blog::quote_goes_on(&e.body[i - 1], b))
            .flatten()
        {
            // The quote goes on: the line between keeps the quotes the two parts share.
            out.pop();
            let _ = writeln!(out, "{}", quote_line(shared));
        }
        let indent = indents.as_ref().map_or(0, |at| at[i]);
        let _ = writeln!(out, "{}\n", md_block(b, indent));
    }
}

/// An empty line `depth` quotes deep: `>`, `> >`, …
fn quote_line(depth: usize) -> String {
    vec![">"; depth].join(" ")
}

fn md_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if matches!(
            c,
            '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#' | '\\' | '~'
        ) || (c == '&' && starts_a_reference(&s[i + 1..]))
        {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// Whether what follows a `&` makes it a character reference in Markdown (`&amp;`, `&#38;`),
/// which a renderer would turn into the character: text that says `&amp;` keeps it.
fn starts_a_reference(after: &str) -> bool {
    let rest = after.strip_prefix('#').unwrap_or(after);
    let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

fn md_runs(runs: &[Inline]) -> String {
    let mut o = String::new();
    for r in runs {
        // Spaces at a run's ends go outside its `*`s: Markdown takes `**bold **` for text, not
        // emphasis (a closing `*` may not follow a space), and the rest of the line with it.
        // A run of spaces alone is left as it is.
        let inner = match r.text.trim() {
            "" => r.text.as_str(),
            inner => inner,
        };
        let start = r.text.find(inner).unwrap_or(0);
        let (before, after) = (&r.text[..start], &r.text[start + inner.len()..]);
        let mut t = md_escape(inner);
        if r.italic && !inner.trim().is_empty() {
            t = format!("*{t}*");
        }
        if r.bold && !inner.trim().is_empty() {
            t = format!("**{t}**");
        }
        if r.strike && !inner.trim().is_empty() {
            t = format!("~~{t}~~");
        }
        if let Some(l) = &r.link {
            t = format!("[{t}](<{l}>)");
        }
        o.push_str(before);
        o.push_str(&t);
        o.push_str(after);
    }
    // A line break within a paragraph (`<br>`) is a hard break: a line ending alone joins the
    // two lines into one.
    o.trim_matches('\n').replace('\n', "\\\n")
}

/// A block in Markdown; a list `indent` columns in, under the text of the item it is nested
/// in (where Markdown readers take it for a list inside that item).
fn md_block(b: &Block, indent: usize) -> String {
    match b {
        Block::Paragraph { runs } => md_runs(runs),
        Block::Heading { runs } => format!("#### {}", md_runs(runs)),
        Block::Quote {
            paragraphs,
            attribution,
            level,
        } => {
            // Every line in the quote is marked, after a hard break too; once for each quote it
            // is in.
            let depth = usize::from(*level) + 1;
            let mark = "> ".repeat(depth);
            let mut lines: Vec<String> = paragraphs
                .iter()
                .map(|p| {
                    format!(
                        "{mark}{}",
                        md_runs(p).replace("\\\n", &format!("\\\n{mark}"))
                    )
                })
                .collect();
            if let Some(a) = attribution {
                lines.push(format!("{mark}— {}", md_escape(a)));
            }
            lines.join(&format!("\n{}\n", quote_line(depth)))
        }
        Block::List {
            ordered,
            items,
            numerals,
            reversed,
            ..
        } => {
            let pad = " ".repeat(indent);
            // Markdown numbers upwards in decimal alone: a list numbered otherwise is a list of
            // bullets, each item's number written before its text (its `.` escaped, where it
            // would start a list inside the item).
            let numbered = *ordered && numerals.is_decimal() && !reversed;
            items
                .iter()
                .enumerate()
                .map(|(i, it)| {
                    let marker = match (numbered, *ordered) {
                        (true, _) => b.marker(i),
                        (false, true) => format!("- {}", md_escape(&b.marker(i))).replacen(
                            ". ",
                            "\\. ",
                            usize::from(numerals.is_decimal()),
                        ),
                        (false, false) => "- ".into(),
                    };
                    // A hard break's next line stays in the item, under its text.
                    let under = format!("\n{pad}{}", " ".repeat(marker.len()));
                    format!("{pad}{marker}{}", md_runs(it).replace('\n', &under))
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        Block::Image(image) => {
            let (url, caption, alt, credit) =
                (&image.url, &image.caption, &image.alt, &image.credit);
            let label = if caption.is_empty() { alt } else { caption };
            let credit = if credit.is_empty() {
                String::new()
            } else {
                format!(" ({})", md_escape(credit))
            };
            match url {
                Some(u) => format!("![{}](<{u}>){credit}", md_escape(label)),
                None => format!("*Image: {}*{credit}", md_escape(label)),
            }
        }
        Block::Embed(embed) => {
            let Embed { kind, title, url } = &**embed;
            // A title's line break (a tweet's) is a hard break, as in a paragraph.
            let title = md_escape(title).replace('\n', "\\\n");
            match url {
                Some(u) => format!("[{}: {title}](<{u}>)", md_escape(kind)),
                None => format!("*{}: {title}*", md_escape(kind)),
            }
        }
        Block::Code { text } => format!("```\n{}\n```", text.replace("```", "`\u{200B}``")),
        Block::Table(t) => md_table::md_table(t),
        Block::Rule => "* * *".into(),
    }
}

#[cfg(test)]
mod tests;
