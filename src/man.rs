//! `liveblog man`: the manual page, in roff, from clap's command and the shipped key table.

use crate::cli::Cli;
use clap::CommandFactory;
use clap_mangen::Man;

/// The manual page: clap's, with each command's options where clap lists only its name (and
/// a `liveblog-dump(1)` page that does not exist), and the reader's keys (from the shipped key
/// table, as the help overlay lists them) before the version.
pub fn page() -> Result<String, String> {
    let cmd = Cli::command();
    let mut page = render(&Man::new(cmd.clone()), Man::render)?;
    let commands = commands_section(&cmd)?;
    match section_span(&page, "SUBCOMMANDS") {
        Some(span) => page.replace_range(span, &commands),
        None => page.push_str(&commands),
    }
    // The examples are set out in columns: as written, not filled and justified.
    if let Some(span) = section_span(&page, "EXTRA") {
        let body = page[span.clone()].replacen(".SH EXTRA\n", ".SH EXAMPLES\n.nf\n", 1);
        page.replace_range(span, &format!("{body}.fi\n"));
    }
    let keys = keys_section();
    match page.find("\n.SH VERSION") {
        Some(at) => page.insert_str(at + 1, &keys),
        None => page.push_str(&keys),
    }
    Ok(page)
}

type Part = fn(&Man, &mut dyn std::io::Write) -> std::io::Result<()>;

fn render(man: &Man, part: Part) -> Result<String, String> {
    let mut out = Vec::new();
    part(man, &mut out).map_err(|e| format!("writing the manual page: {e}"))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// One section of a page as rendered alone, without its heading and the lines every rendering
/// begins with.
fn part(man: &Man, what: Part, heading: &str) -> Result<String, String> {
    let text = render(man, what)?;
    let heading = format!(".SH {heading}\n");
    Ok(text
        .find(&heading)
        .map_or(text.as_str(), |at| &text[at + heading.len()..])
        .to_string())
}

/// Where the section `name` is in `page`: from its `.SH` line to the next one's.
fn section_span(page: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let start = page.find(&format!(".SH {name}\n"))?;
    let end = page[start + 1..]
        .find("\n.SH ")
        .map_or(page.len(), |at| start + at + 2);
    Some(start..end)
}

/// A COMMANDS section: each subcommand's synopsis, what it does, its options and examples.
fn commands_section(cmd: &clap::Command) -> Result<String, String> {
    let mut section = String::from(".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("liveblog {}", sub.get_name());
        let man = Man::new(sub.clone().bin_name(&name).display_name(&name));
        let section_of = |what: Part, heading: &str| part(&man, what, heading);
        section.push_str(".SS \"");
        section.push_str(&name);
        section.push_str("\"\n");
        section.push_str(&section_of(Man::render_synopsis_section, "SYNOPSIS")?);
        section.push_str(".PP\n");
        let about = section_of(Man::render_description_section, "DESCRIPTION")?;
        if about.trim().is_empty() {
            section.push_str(&section_of(Man::render_name_section, "NAME")?);
        } else {
            section.push_str(&about);
        }
        section.push_str(".PP\nOptions:\n");
        section.push_str(&section_of(Man::render_options_section, "OPTIONS")?);
        // The examples in their columns, as in `--help`.
        let examples = section_of(Man::render_extra_section, "EXTRA")?;
        if !examples.trim().is_empty() {
            section.push_str(".PP\n.nf\n");
            section.push_str(&examples);
            section.push_str(".fi\n");
        }
    }
    Ok(section)
}

/// The manual page's KEYS section: each binding's keys, and what they do.
fn keys_section() -> String {
    use std::fmt::Write as _;
    // Our own text, but roff reads a backslash, a hyphen and a leading dot or quote itself.
    let roff = |s: &str| {
        let t = s.replace('\\', "\\e").replace('-', "\\-");
        if t.starts_with(['.', '\'']) {
            format!("\\&{t}")
        } else {
            t
        }
    };
    let mut section = String::from(
        ".SH KEYS\nIn the reader (\\fB?\\fR shows them too; a config file can add others):\n",
    );
    for b in liveblog::tui::keymap::Keymap::shipped().bindings {
        let keys: Vec<String> = b
            .keys
            .iter()
            .map(|k| format!("\\fB{}\\fR", roff(k)))
            .collect();
        let _ = write!(section, ".TP\n{}\n{}\n", keys.join(", "), roff(&b.desc));
    }
    section
}
