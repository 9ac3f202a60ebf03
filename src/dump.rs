//! Printing a parsed blog: plain text for people and pipes, Markdown, and liveblog JSON.
//! Several blogs of one event print as one document ([`render_many`]).

mod md_table;
mod merged;

pub use merged::render_many;

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
        DumpFormat::Json => crate::formats::native::to_json(blog),
    }
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

/// One key-event line of the text form; `tag` goes before the title.
fn text_key_event(out: &mut String, k: &KeyEvent, loaded: &HashSet<&str>, tag: &str) {
    let time = k
        .published
        .map(|t| format!("{} ", time_in_source_offset(t)))
        .unwrap_or_default();
    let missing = match k.entry_id.as_deref() {
        Some(id) if loaded.contains(id) => "",
        Some(_) => " (not loaded)",
        // Listed by the source with no entry at all: nothing would load it.
        None => " (no entry)",
    };
    let _ = writeln!(out, "- {tag}{time}{}{missing}", k.title);
}

/// One entry of the text form, after a rule; `tag` goes before its heading.
fn text_entry(out: &mut String, e: &Entry, tag: &str) {
    let _ = writeln!(out, "\n{}", "—".repeat(40));
    let _ = writeln!(out, "{tag}{}", entry_heading(e));
    if !e.body.is_empty() {
        out.push('\n');
        out.push_str(&e.plain_text());
        out.push('\n');
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
            match k
                .entry_id
                .as_ref()
                .filter(|id| loaded.contains(id.as_str()))
            {
                Some(id) => {
                    let _ = writeln!(out, "- [{}](#{id})", md_escape(&k.title));
                }
                None => {
                    let _ = writeln!(out, "- {}", md_escape(&k.title));
                }
            }
        }
        out.push('\n');
    }
    for e in &blog.entries {
        md_entry(&mut out, e, &e.id, "");
    }
    out
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
        let indent = indents.as_ref().map_or(0, |at| at[i]);
        let _ = writeln!(out, "{}\n", md_block(b, indent));
    }
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
        } => {
            // Every line in the quote is marked, after a hard break too.
            let mut lines: Vec<String> = paragraphs
                .iter()
                .map(|p| format!("> {}", md_runs(p).replace("\\\n", "\\\n> ")))
                .collect();
            if let Some(a) = attribution {
                lines.push(format!("> — {}", md_escape(a)));
            }
            lines.join("\n>\n")
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
mod tests {
    use super::*;
    use crate::blog::Numerals;

    fn seed() -> LiveBlog {
        crate::formats::parse(crate::source::BUNDLED.as_bytes()).unwrap()
    }

    #[test]
    fn a_key_event_says_whether_its_entry_is_not_loaded_or_there_is_none() {
        use crate::blog::{Entry, KeyEvent, LiveBlog};
        let key = |title: &str, id: Option<&str>| KeyEvent {
            title: title.into(),
            entry_id: id.map(Into::into),
            published: None,
        };
        let blog = LiveBlog {
            title: "T".into(),
            entries: vec![Entry {
                id: "here".into(),
                body: vec![crate::blog::Block::text("Here.")],
                ..Entry::default()
            }],
            key_events: vec![
                key("Loaded", Some("here")),
                key("On an older page", Some("gone")),
                key("Listed alone", None),
            ],
            ..LiveBlog::default()
        };
        let t = render(&blog, DumpFormat::Text);
        assert!(t.contains("- Loaded\n"), "{t}");
        assert!(t.contains("- On an older page (not loaded)\n"), "{t}");
        assert!(t.contains("- Listed alone (no entry)\n"), "{t}");
    }

    #[test]
    fn text_dump_has_everything_and_no_times_for_the_seed() {
        let t = render(&seed(), DumpFormat::Text);
        assert!(
            t.starts_with("Security guarantees for Ukraine must have US backstop, Starmer says\n")
        );
        assert!(
            t.contains("\nKey events\n- We need to ramp up support for Ukraine, Starmer says\n")
        );
        assert!(t.contains("- Paris talks on Ukraine, European security – context (no entry)\n"));
        assert!(
            t.contains("[KEY EVENT] No diktat can be imposed on Ukraine, Germany’s Scholz says\n")
        );
        assert!(t.contains("\n(untitled entry)\n\nSpanish prime minister Pedro Sánchez"));
        assert!(t.contains("— Jakub Krupa"));
        assert!(!t.contains("2025-"), "the text form has no times to show");
    }

    #[test]
    fn markdown_keeps_text_that_reads_as_a_character_reference() {
        assert_eq!(md_escape("AT&amp;T"), "AT\\&amp;T");
        assert_eq!(md_escape("&#38; &#x26;"), "\\&\\#38; \\&\\#x26;");
        // An ampersand that starts no reference is left as it is.
        assert_eq!(md_escape("AT&T & Co; R&D;"), "AT&T & Co; R\\&D;");
    }

    /// An entry is said to be updated as the reader says it: a minute or more after it was
    /// posted, never before.
    #[test]
    fn an_update_stamped_around_the_post_is_no_edit() {
        let at = |t: &str| Stamp::parse(&format!("2023-12-13T{t}Z"));
        let heading = |updated: &str| {
            entry_heading(&Entry {
                title: Some("PMQs".into()),
                published: at("15:41:51"),
                updated: at(updated),
                ..Entry::default()
            })
        };
        assert_eq!(heading("15:41:50"), "2023-12-13 15:41 UTC PMQs");
        assert_eq!(heading("15:42:30"), "2023-12-13 15:41 UTC PMQs");
        assert_eq!(
            heading("15:43:00"),
            "2023-12-13 15:41 UTC PMQs (updated 2023-12-13 15:43 UTC)"
        );
    }

    /// An entry with a list from 3 whose first item holds a list, which holds one more.
    fn nested_lists() -> LiveBlog {
        let html = "<p>Standings:</p><ol start=\"9\"><li>Alpha<ul><li>seats: 40<br>up 3</li>\
                    <li>votes<ol><li>first</li></ol></li></ul></li><li>Beta</li></ol><p>End.</p>";
        LiveBlog {
            title: "Lists".into(),
            entries: vec![crate::blog::Entry {
                id: "e".into(),
                body: crate::formats::html::to_blocks(html),
                ..crate::blog::Entry::default()
            }],
            ..LiveBlog::default()
        }
    }

    #[test]
    fn nested_lists_are_indented_under_their_item_and_numbered_from_their_start() {
        let t = render(&nested_lists(), DumpFormat::Text);
        assert!(
            t.contains(
                "Standings:\n\n9. Alpha\n   • seats: 40\n     up 3\n   • votes\n     1. first\n\
                 10. Beta\n\nEnd."
            ),
            "{t}"
        );
        // In Markdown, under the item's text, where CommonMark nests a list.
        let m = render(&nested_lists(), DumpFormat::Markdown);
        assert!(
            m.contains(
                "Standings:\n\n9. Alpha\n   - seats: 40\\\n     up 3\n   - votes\n     1. first\n\
                 10. Beta\n\nEnd."
            ),
            "{m}"
        );
        // liveblog's JSON keeps the number and the level, and reads them back.
        let json = render(&nested_lists(), DumpFormat::Json);
        assert!(
            json.contains("\"start\": 9") && json.contains("\"level\": 2"),
            "{json}"
        );
        let back = crate::formats::parse(json.as_bytes()).unwrap();
        assert_eq!(back.entries[0].body, nested_lists().entries[0].body);
    }

    #[test]
    fn every_line_of_a_quote_is_marked_a_list_in_it_too() {
        let blog = LiveBlog {
            title: "Quote".into(),
            entries: vec![crate::blog::Entry {
                id: "q".into(),
                body: crate::formats::html::to_blocks(
                    "<blockquote><p>We agreed:</p><ul><li>one</li><li>two</li></ul></blockquote>",
                ),
                ..crate::blog::Entry::default()
            }],
            ..LiveBlog::default()
        };
        let t = render(&blog, DumpFormat::Text);
        assert!(t.contains("> We agreed:\n> • one\n> • two\n"), "{t}");
        let m = render(&blog, DumpFormat::Markdown);
        assert!(m.contains("> We agreed:\n>\n> • one\\\n> • two\n"), "{m}");
    }

    #[test]
    fn a_tweets_lines_are_lines_in_text_and_hard_breaks_in_markdown() {
        let blog = LiveBlog {
            entries: vec![crate::blog::Entry {
                id: "t".into(),
                body: vec![Block::Embed(Box::new(crate::blog::Embed {
                    kind: "Tweet".into(),
                    title: "a \"forever home\"\nRishi Sunak\n— BBC Politics".into(),
                    url: Some("https://twitter.com/x/status/1".into()),
                }))],
                ..crate::blog::Entry::default()
            }],
            ..LiveBlog::default()
        };
        let t = render(&blog, DumpFormat::Text);
        let tweet = "[Tweet: a \"forever home\"\nRishi Sunak\n— BBC Politics] \
                     https://twitter.com/x/status/1\n";
        assert!(t.contains(tweet), "{t}");
        let m = render(&blog, DumpFormat::Markdown);
        let tweet = "[Tweet: a \"forever home\"\\\nRishi Sunak\\\n— BBC Politics]\
                     (<https://twitter.com/x/status/1>)";
        assert!(m.contains(tweet), "{m}");
    }

    #[test]
    fn markdown_emphasis_keeps_a_runs_end_spaces_outside_its_stars() {
        let run = |text: &str, bold: bool, link: Option<&str>| Inline {
            text: text.into(),
            bold,
            link: link.map(Into::into),
            ..Inline::default()
        };
        let runs = [
            run("Starmer told Sunak at the ", true, None),
            run("last PMQs", true, Some("https://example.com/pmqs")),
            run(", challenging him.", true, None),
            run(" ", true, None),
        ];
        // Not "**…at the **[**last PMQs**]…", where the first "**" closes nothing.
        assert_eq!(
            md_runs(&runs),
            "**Starmer told Sunak at the** [**last PMQs**](<https://example.com/pmqs>)\
             **, challenging him.** "
        );
    }

    #[test]
    fn struck_text_is_struck_in_markdown_and_marked_in_text() {
        let struck = |text: &str| Inline {
            text: text.into(),
            strike: true,
            ..Inline::default()
        };
        let runs = [
            Inline::plain("Shares "),
            struck("rose "),
            Inline::plain("~fell"),
        ];
        // A tilde of the page's own is text, not the start of a strike.
        assert_eq!(md_runs(&runs), "Shares ~~rose~~ \\~fell");
        let b = Block::Paragraph {
            runs: runs.to_vec(),
        };
        assert_eq!(b.plain_text(), "Shares ~~rose~~ ~fell");
    }

    /// Markdown numbers upwards in decimal alone: other numbers are written, before bullets.
    #[test]
    fn a_list_numbered_otherwise_keeps_its_numbers_in_markdown() {
        let list = |numerals, reversed| Block::List {
            ordered: true,
            items: vec![vec![Inline::plain("x")], vec![Inline::plain("y")]],
            start: 2,
            level: 0,
            numerals,
            reversed,
        };
        let md = |b: &Block| md_block(b, 0);
        assert_eq!(md(&list(Numerals::Decimal, false)), "2. x\n3. y");
        assert_eq!(md(&list(Numerals::Decimal, true)), "- 2\\. x\n- 1\\. y");
        assert_eq!(md(&list(Numerals::LowerRoman, false)), "- ii. x\n- iii. y");
        assert_eq!(list(Numerals::UpperAlpha, true).plain_text(), "B. x\nA. y");
    }

    #[test]
    fn markdown_links_key_events_to_entries() {
        let m = render(&seed(), DumpFormat::Markdown);
        assert!(m.starts_with("# Security guarantees"));
        assert!(m.contains("- [We need to ramp up support for Ukraine, Starmer says](#t-"));
        assert!(m.contains("### <a id=\"t-"));
    }

    #[test]
    fn a_guessed_blog_says_so_in_the_header_and_shows_times_as_written() {
        let mut b = seed();
        b.extracted = Extraction::Heuristic;
        b.entries[0].time_as_written = Some("14.05 Uhr".into());
        let t = render(&b, DumpFormat::Text);
        let header: Vec<&str> = t.lines().take(3).collect();
        assert!(
            header.iter().any(|l| l.contains(GUESSED_NOTE)),
            "{header:?}"
        );
        assert!(t.lines().any(|l| l == "14.05 Uhr"), "{t}");
        let m = render(&b, DumpFormat::Markdown);
        assert!(m.contains(GUESSED_NOTE), "{}", &m[..400]);
        assert!(m.contains("></a>*14.05 Uhr"), "{m}");
        // A structured blog says nothing of it.
        assert!(!render(&seed(), DumpFormat::Text).contains(GUESSED_NOTE));
    }

    #[test]
    fn an_edit_is_timed_in_the_offset_of_the_entry_s_own_time() {
        let mut b = seed();
        b.entries[0].published = Stamp::parse("2020-10-06T18:28:00+01:00");
        b.entries[0].updated = Stamp::parse("2020-10-06T17:40:00Z");
        let t = render(&b, DumpFormat::Text);
        let heading = |t: &str| {
            t.lines()
                .find(|l| l.contains("updated"))
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(
            heading(&t),
            "2020-10-06 18:28 +01:00 (updated 2020-10-06 18:40 +01:00)"
        );
        // The Markdown form says it too, and a summary is marked as the text form marks it.
        b.entries[0].summary = true;
        let m = render(&b, DumpFormat::Markdown);
        assert!(
            m.contains("*summary · 2020-10-06 18:28 +01:00 · updated 2020-10-06 18:40 +01:00"),
            "{}",
            &m[..600]
        );
        b.entries[0].summary = false;
        // Without a time of its own, the edit keeps its source's offset.
        b.entries[0].published = None;
        let t = render(&b, DumpFormat::Text);
        assert_eq!(heading(&t), "(updated 2020-10-06 17:40 UTC)");
    }

    #[test]
    fn the_blog_s_update_is_timed_in_the_offset_of_its_entries() {
        let mut b = seed();
        b.updated = Stamp::parse("2020-10-06T17:40:00Z");
        let header = |b: &LiveBlog| {
            render(b, DumpFormat::Text)
                .lines()
                .nth(2)
                .map(str::to_owned)
        };
        // Entries without a time: the page's own offset.
        assert_eq!(header(&b).as_deref(), Some("updated 2020-10-06 17:40 UTC"));
        b.entries[1].published = Stamp::parse("2020-10-06T18:28:00+01:00");
        assert_eq!(
            header(&b).as_deref(),
            Some("updated 2020-10-06 18:40 +01:00")
        );
        let merged = render_many(&[("a", &b)], Some("Event"), DumpFormat::Text, 0);
        assert!(
            merged.contains("updated 2020-10-06 18:40 +01:00"),
            "{merged}"
        );
    }

    #[test]
    fn a_blog_or_entry_without_a_title_is_still_headed() {
        let mut b = seed();
        b.title = String::new();
        b.entries[0].title = None;
        b.entries[0].key_event = true;
        b.entries[0].published = Stamp::parse("2025-02-17T17:25:00+01:00");
        let t = render_named(&b, DumpFormat::Text, "wp-liveblog.json");
        assert_eq!(t.lines().next(), Some("wp-liveblog.json"));
        let m = render_named(&b, DumpFormat::Markdown, "wp-liveblog.json");
        assert!(m.starts_with("# wp-liveblog.json\n"), "{}", &m[..80]);
        let id = &b.entries[0].id;
        assert!(
            m.contains(&format!(
                "\n<a id=\"{id}\"></a>★ *2025-02-17 17:25 +01:00*\n"
            )),
            "{m}"
        );
        assert!(
            !m.lines().any(|l| l.ends_with(' ')),
            "no line ends in a space"
        );
        b.entries[0].published = None;
        let m = render(&b, DumpFormat::Markdown);
        assert!(m.contains("★ (untitled entry)\n"), "{m}");
        // The JSON form keeps the blog as it is.
        let j = render_named(&b, DumpFormat::Json, "wp-liveblog.json");
        assert!(!j.contains("wp-liveblog.json"));
    }

    #[test]
    fn a_line_break_in_a_paragraph_stays_one_in_markdown() {
        let mut b = seed();
        b.entries[0].body = vec![Block::text("Line one\nline two after br")];
        let m = render(&b, DumpFormat::Markdown);
        assert!(m.contains("Line one\\\nline two after br"), "{m}");
    }

    #[test]
    fn times_keep_the_source_offset() {
        let s = Stamp::parse("2020-10-06T21:05:48+01:00").unwrap();
        assert_eq!(time_in_source_offset(s), "2020-10-06 21:05 +01:00");
        let z = Stamp::parse("2020-10-06T21:05:48Z").unwrap();
        assert_eq!(time_in_source_offset(z), "2020-10-06 21:05 UTC");
    }
}
