//! Text a page marks up beyond bold, italics and links: struck through, raised and lowered,
//! lists numbered otherwise, tables. Each read both ways, the fast path and the full parse.

use super::*;
use url::Url;

/// The blocks of `html`, checked to be the same both ways where the fast path reads it.
fn read(html: &str) -> Vec<Block> {
    let base = Url::parse("https://example.com/live/blog").ok();
    let (fast, full) = both_readings(html, base.as_ref());
    if let Some(fast) = fast {
        assert_eq!(fast, full, "{html}");
    }
    full
}

fn struck(text: &str) -> Inline {
    Inline {
        text: text.into(),
        strike: true,
        ..Inline::default()
    }
}

#[test]
fn struck_through_text_is_kept_and_marked() {
    for tag in ["s", "del", "strike", "S"] {
        let html = format!("<p>Shares <{tag}>rose</{tag}> fell.</p>");
        assert_eq!(
            read(&html),
            vec![Block::Paragraph {
                runs: vec![
                    Inline::plain("Shares "),
                    struck("rose"),
                    Inline::plain(" fell.")
                ]
            }],
            "{html}"
        );
    }
    let b = read("<p><del><b>Bold</b> gone</del></p>");
    let Block::Paragraph { runs } = &b[0] else {
        panic!("{b:?}")
    };
    assert!(runs.iter().all(|r| r.strike), "{runs:?}");
    assert!(runs[0].bold && !runs[1].bold, "{runs:?}");
}

fn text_of(html: &str) -> String {
    read(html)
        .iter()
        .map(Block::plain_text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn superscripts_and_subscripts_are_raised_and_lowered_in_the_text() {
    for (html, want) in [
        (
            "<p>Area: 40 m<sup>2</sup> of H<sub>2</sub>O.</p>",
            "Area: 40 m² of H₂O.",
        ),
        (
            "<p>10<sup>-3</sup> and 10<sup>−12</sup></p>",
            "10⁻³ and 10⁻¹²",
        ),
        ("<p>2<sup>n</sup> and x<sub>max</sub></p>", "2ⁿ and x_max"),
        // Letters raised after a number or a title read well as they are.
        (
            "<p>the 21<sup>st</sup> of M<sup>me</sup> X</p>",
            "the 21st of Mme X",
        ),
        ("<p>said so<sup>[1]</sup> today</p>", "said so^[1] today"),
        (
            "<p>x<sup>n + k</sup>, y<sub>i, j</sub></p>",
            "x^(n + k), y_(i, j)",
        ),
        ("<p>a <sup> 2 </sup> b</p>", "a ² b"),
        ("<p><sup>2</sup>nd</p>", "²nd"),
        ("<p>x<sup></sup>y<sup> </sup>z</p>", "xy z"),
    ] {
        assert_eq!(text_of(html), want, "{html}");
    }
}

/// A raised link (a footnote's) keeps its target; a block inside leaves the text as it was.
#[test]
fn a_raised_link_stays_a_link() {
    let b = read(r#"<p>Claim<sup><a href="/notes#1">[1]</a></sup>.</p>"#);
    assert_eq!(
        b,
        vec![Block::Paragraph {
            runs: vec![
                Inline::plain("Claim"),
                Inline {
                    text: "^[1]".into(),
                    link: Some("https://example.com/notes#1".into()),
                    ..Inline::default()
                },
                Inline::plain("."),
            ]
        }]
    );
    assert_eq!(
        text_of("<p>a<sup>b<b>2</b></sup>c</p>"),
        "a^b2c",
        "across runs"
    );
    assert_eq!(text_of("<p>a<sup>1<b>2</b></sup>c</p>"), "a¹²c");
    assert_eq!(text_of("<div>a<sup>1<div>2</div>3</sup></div>"), "a1\n2\n3");
}

#[test]
fn ordered_lists_count_down_and_in_letters_or_roman_numerals() {
    for (html, want) in [
        (
            "<ol reversed><li>c</li><li>b</li><li>a</li></ol>",
            "3. c\n2. b\n1. a",
        ),
        (
            "<ol reversed start=10><li>x</li><li>y</li></ol>",
            "10. x\n 9. y",
        ),
        (
            "<ol type=a start=26><li>z</li><li>aa</li></ol>",
            " z. z\naa. aa",
        ),
        ("<ol type=A><li>one</li><li>two</li></ol>", "A. one\nB. two"),
        (
            "<ol type=i start=3><li>x</li><li>x</li><li>x</li></ol>",
            "iii. x\n iv. x\n  v. x",
        ),
        (
            "<ol type=I reversed><li>x</li><li>x</li></ol>",
            "II. x\n I. x",
        ),
        // A type not of the five (or of the wrong case for a list) is decimal.
        (
            "<ol type=x><li>x</li></ol><ul type=a><li>y</li></ul>",
            "1. x\n• y",
        ),
        // Below 1 there are no letters: numbers, as in a browser.
        (
            "<ol type=a reversed start=1><li>x</li><li>y</li></ol>",
            "a. x\n0. y",
        ),
    ] {
        assert_eq!(text_of(html), want, "{html}");
    }
}

/// The items after a list nested in one go on counting down, and an empty item takes a number.
#[test]
fn a_list_counting_down_goes_on_after_a_list_nested_in_it() {
    let html = "<ol reversed type=i><li>a<ul><li>in</li></ul></li><li></li><li>b</li></ol>";
    let b = read(html);
    let markers: Vec<Vec<String>> = b.iter().map(Block::aligned_markers).collect();
    assert_eq!(markers, [vec!["iii. "], vec!["• "], vec!["i. "]], "{b:?}");
}

fn table_of(html: &str) -> crate::blog::Table {
    let b = read(html);
    match b.as_slice() {
        [Block::Table(t)] => (**t).clone(),
        _ => panic!("{b:?}"),
    }
}

fn cell_texts(t: &crate::blog::Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.iter().map(|c| runs_text(c)).collect())
        .collect()
}

#[test]
fn a_tables_rows_are_read_from_its_head_body_and_foot_not_from_a_table_in_a_cell() {
    let t = table_of(
        "<table><thead><tr><td>Team</td><td>Pts</td></tr></thead><tbody>\
         <tr><td>A <i>FC</i></td><td colspan=2>3</td></tr><tr><td> </td></tr>\
         <tr><td><table><tr><td>in</td><td>ner</td></tr></table></td><td>1<br>2</td></tr>\
         </tbody><tfoot><tr><td>Total</td></tr></tfoot></table>",
    );
    assert!(t.header);
    assert_eq!(
        cell_texts(&t),
        [
            vec!["Team", "Pts"],
            vec!["A FC", "3", ""],
            vec!["in | ner", "1\n2"],
            vec!["Total"],
        ]
    );
    // Header cells in a first row make it a header; cells of data in it do not.
    assert!(table_of("<table><tr><th>a</th></tr><tr><td>b</td></tr></table>").header);
    assert!(!table_of("<table><tr><th>a</th><td>b</td></tr></table>").header);
}

#[test]
fn a_tables_caption_is_a_paragraph_before_it_and_its_pictures_follow_it() {
    let b = read("<table><caption>Results</caption><tr><td>x <img src=/a.jpg></td></tr></table>");
    assert!(
        matches!(
            b.as_slice(),
            [Block::Paragraph { .. }, Block::Table(_), Block::Image(_)]
        ),
        "{b:?}"
    );
    assert_eq!(b[0].plain_text(), "Results");
}

/// A page of ten thousand columns and rows costs what one of the caps does, and says what is
/// left out.
#[test]
fn a_huge_table_is_cut_to_the_caps_and_counts_the_rest() {
    use crate::blog::table::{MAX_COLUMNS, MAX_ROWS};
    let wide = "<td>x</td>".repeat(10_000);
    let t = table_of(&format!(
        "<table><tr>{wide}</tr><tr><td>x</td></tr></table>"
    ));
    assert_eq!(t.rows[0].len(), MAX_COLUMNS);
    assert_eq!(t.more_columns, 10_000 - 24);
    let long = "<tr><td>x</td></tr>".repeat(10_000);
    let t = table_of(&format!("<table>{long}</table>"));
    assert_eq!((t.rows.len(), t.more_rows), (MAX_ROWS, 9_000));
    assert_eq!(t.left_out().as_deref(), Some("… 9000 more rows"));
    // A span is no way round the cap.
    let t = table_of("<table><tr><td colspan=100000>x</td><td>y</td></tr></table>");
    assert_eq!((t.rows[0].len(), t.more_columns), (MAX_COLUMNS, 1));
}

/// A cell spanning rows leaves an empty cell in its column in the rows below it, so that their
/// own cells stay in their columns; it spans no further than its group, `rowspan="0"` to the
/// group's end.
#[test]
fn a_cell_spanning_rows_keeps_the_cells_below_it_in_their_columns() {
    let t = table_of(
        "<table><thead><tr><th>Day</th><th>Time</th><th>Event</th></tr></thead><tbody>\
         <tr><td rowspan=2>Mon</td><td>9:00</td><td>Open</td></tr>\
         <tr><td>12:00</td><td>Vote</td></tr>\
         <tr><td>Tue</td><td rowspan=\"0\" colspan=2>Recess</td></tr>\
         <tr><td>Wed</td></tr><tr></tr><tr><td>Fri</td><td>late</td></tr></tbody>\
         <tbody><tr><td>Sat</td><td>10:00</td><td>Close</td></tr></tbody></table>",
    );
    assert_eq!(
        cell_texts(&t),
        [
            vec!["Day", "Time", "Event"],
            vec!["Mon", "9:00", "Open"],
            vec!["", "12:00", "Vote"],
            vec!["Tue", "Recess", ""],
            vec!["Wed"],
            vec!["Fri", "", "", "late"],
            vec!["Sat", "10:00", "Close"],
        ]
    );
    let t = table_of(
        "<table><tr><td>a</td><td rowspan=3>b</td><td>c</td></tr>\
         <tr><td>d</td><td>e</td></tr><tr><td>f</td><td>g</td></tr><tr><td>h</td><td>i</td></tr>\
         </table>",
    );
    assert_eq!(
        cell_texts(&t),
        [
            vec!["a", "b", "c"],
            vec!["d", "", "e"],
            vec!["f", "", "g"],
            vec!["h", "i"],
        ]
    );
    // A span is no way round the caps: the cell below one that holds every column kept is
    // left out, and counted.
    let t = table_of(
        "<table><tr><td rowspan=99999 colspan=99999>x</td></tr><tr><td>y</td></tr></table>",
    );
    assert_eq!((t.rows.len(), t.more_columns), (1, 1));
}

/// An item numbered for itself (`<li value>`) takes that number, and the items after it count
/// on from it, down in a list counting down.
#[test]
fn an_item_numbered_for_itself_numbers_the_items_after_it() {
    for (html, want) in [
        (
            "<ol><li>a</li><li value=5>e</li><li>f</li></ol>",
            "1. a\n5. e\n6. f",
        ),
        (
            "<ol reversed><li>c</li><li value=\" 10 \">j</li><li>i</li></ol>",
            "3. c\n10. j\n 9. i",
        ),
        (
            "<ol type=a start=3><li value=4>d</li><li></li><li>f</li></ol>",
            "d. d\nf. f",
        ),
        // Not a number: the item counts on; in a list of bullets there is no number to set.
        (
            "<ol><li value=x>1</li><li value=2>2</li></ol><ul><li value=3>x</li></ul>",
            "1. 1\n2. 2\n• x",
        ),
    ] {
        assert_eq!(text_of(html), want, "{html}");
    }
    let b = read("<ol><li>a<ol><li value=7>g</li><li>h</li></ol></li><li value=3>c</li></ol>");
    let markers: Vec<Vec<String>> = b.iter().map(Block::aligned_markers).collect();
    assert_eq!(
        markers,
        [vec!["1. "], vec!["7. ", "8. "], vec!["3. "]],
        "{b:?}"
    );
}

/// A list numbered anew part way (`<li value>`, an item of no text) is still one list: its
/// text has no blank line between the parts, which would read as two lists.
#[test]
fn a_list_numbered_anew_reads_as_one_list() {
    for (html, want) in [
        (
            "<ol><li>a</li><li value=\"5\">b</li><li>c</li></ol>",
            "1. a\n5. b\n6. c",
        ),
        ("<ol><li>a</li><li></li><li>c</li></ol>", "1. a\n3. c"),
        (
            "<ol><li>a</li></ol><ol start=5><li>b</li></ol>",
            "1. a\n\n5. b",
        ),
        (
            "<ol><li>a<ul><li>x</li></ul></li><li value=9>b</li><li value=3>c</li></ol>",
            "1. a\n   • x\n9. b\n3. c",
        ),
    ] {
        let e = crate::blog::Entry {
            body: read(html),
            ..crate::blog::Entry::default()
        };
        assert_eq!(e.plain_text(), want, "{html}");
    }
}

/// A list's inline style (`list-style-type`, or the type in `list-style`) marks its items as a
/// browser marks them, over an `<ol type>`; an item's own style marks that item alone.
#[test]
fn a_list_marked_by_its_style_is_numbered_as_a_browser_numbers_it() {
    let two = "<li>x</li><li>y</li>";
    for (list, want) in [
        ("<ol style=\"list-style-type: lower-alpha\">", "a. x\nb. y"),
        ("<ol style=\"list-style-type:upper-alpha;\">", "A. x\nB. y"),
        (
            "<ol start=3 style=\"list-style-type: lower-roman\">",
            "iii. x\n iv. y",
        ),
        (
            "<ol style=\"LIST-STYLE-TYPE: Upper-Roman !important\">",
            " I. x\nII. y",
        ),
        ("<ol style=\"list-style-type: none\">", "x\ny"),
        ("<ul style=\"list-style-type:none\">", "x\ny"),
        ("<ul style=\"margin: 0; list-style: none inside\">", "x\ny"),
        (
            "<ol style=\"list-style: upper-alpha outside\">",
            "A. x\nB. y",
        ),
        ("<ul style=\"list-style-type: decimal\">", "1. x\n2. y"),
        ("<ol style=\"list-style-type: square\">", "• x\n• y"),
        // The style wins over the type; the last declaration wins; a kind this reader does
        // not show (Greek letters) leaves the list as it was.
        (
            "<ol type=a style=\"list-style-type: decimal\">",
            "1. x\n2. y",
        ),
        (
            "<ol style=\"list-style-type: upper-alpha; color: red; list-style-type: lower-roman\">",
            " i. x\nii. y",
        ),
        (
            "<ol type=i style=\"list-style-type: lower-greek\">",
            " i. x\nii. y",
        ),
        ("<ol type=\"a\">", "a. x\nb. y"),
    ] {
        let tag = if list.starts_with("<ol") {
            "</ol>"
        } else {
            "</ul>"
        };
        let html = format!("{list}{two}{tag}");
        let e = crate::blog::Entry {
            body: read(&html),
            ..crate::blog::Entry::default()
        };
        assert_eq!(e.plain_text(), want, "{html}");
    }
    // An item's own style marks it alone, and it is counted all the same; items that all
    // say the same (as pasted documents write them) are one list.
    for (html, want) in [
        (
            "<ol><li>a</li><li style=\"list-style-type:none\">b</li><li>c</li></ol>",
            "1. a\nb\n3. c",
        ),
        (
            "<ol><li style=\"list-style-type: lower-alpha\">a</li>\
             <li style=\"list-style-type: lower-alpha\">b</li></ol>",
            "a. a\nb. b",
        ),
        (
            "<ul><li style=\"list-style-type: disc\">a</li><li>b</li></ul>",
            "• a\n• b",
        ),
    ] {
        let e = crate::blog::Entry {
            body: read(html),
            ..crate::blog::Entry::default()
        };
        assert_eq!(e.plain_text(), want, "{html}");
    }
}

/// An item made of fields (`<span class>`es a style sheet sets apart: a rider, a note on him
/// in `<small>`, his points) has them apart; spans in an editor's sentence keep their spaces.
#[test]
fn an_item_made_of_fields_keeps_them_apart() {
    for (html, want) in [
        (
            "<ul><li class=\"competitor\"><figure><img alt=\"\"></figure>\n\
             <span class=\"competitor__name\">\n  Dominik Kubera\n  <small>\n  Rezerwa za \
             Emil Sajfutdinow\n  </small>\n</span>\n<span class=\"competitor__score\"> d </span>\
             </li><li><span class=\"name\">Piotr Protasiewicz <small> </small></span>\
             <span class=\"score\">3</span></li></ul>",
            "• Dominik Kubera · Rezerwa za Emil Sajfutdinow · d\n• Piotr Protasiewicz · 3",
        ),
        // Not fields: text of the item's own, spans without a class, one span alone.
        (
            "<ul><li><span class=\"a\">Kane</span> scores <span class=\"b\">again</span></li>\
             <li><span>Kane</span> <span>again</span></li>\
             <li><b>Goal!</b> <span class=\"who\">Kane</span></li></ul>",
            "• Kane scores again\n• Kane again\n• Goal! Kane",
        ),
        // Outside a list's item a span is text as ever.
        (
            "<p><span class=\"a\">Kane</span> <span class=\"b\">again</span></p>",
            "Kane again",
        ),
    ] {
        assert_eq!(text_of(html), want, "{html}");
    }
}

fn quote(level: u8, paragraphs: &[&str], attribution: Option<&str>) -> Block {
    Block::Quote {
        paragraphs: paragraphs.iter().map(|p| vec![Inline::plain(*p)]).collect(),
        attribution: attribution.map(Into::into),
        level,
    }
}

/// A quote in a quote keeps its depth: a quote block a level deeper, between the parts of the
/// quote around it; past the deepest kept, quotes are read into the one at that depth.
#[test]
fn a_quote_in_a_quote_is_a_quote_a_level_deeper() {
    assert_eq!(
        read(
            "<blockquote><p>A</p><blockquote>B<blockquote><p>C</p></blockquote>\
             </blockquote><p>D</p></blockquote><blockquote>E</blockquote>"
        ),
        [
            quote(0, &["A"], None),
            quote(1, &["B"], None),
            quote(2, &["C"], None),
            quote(0, &["D"], None),
            quote(0, &["E"], None),
        ]
    );
    let deep = "<blockquote>1<blockquote>2<blockquote>3<blockquote>4<blockquote>5</blockquote>\
                </blockquote>6</blockquote></blockquote><cite>Her</cite></blockquote>";
    assert_eq!(
        read(deep),
        [
            quote(0, &["1"], None),
            quote(1, &["2"], None),
            quote(2, &["3"], None),
            quote(3, &["4", "5"], None),
            quote(2, &["6"], None),
            quote(0, &[], Some("Her")),
        ]
    );
    // The speaker of a quote inside names that quote's.
    assert_eq!(
        read("<blockquote><blockquote>x<cite>Him</cite></blockquote>y</blockquote>"),
        [quote(1, &["x"], Some("Him")), quote(0, &["y"], None)]
    );
}
