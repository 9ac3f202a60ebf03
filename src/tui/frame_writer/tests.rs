use super::*;
use crate::tui::ansi::Shared;
use ratatui::backend::TestBackend;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

fn screen(lines: &[&str], width: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, u16::try_from(lines.len()).unwrap()));
    for (y, l) in lines.iter().enumerate() {
        let y = u16::try_from(y).unwrap();
        Line::from(*l).render(Rect::new(0, y, width, 1), &mut buf);
    }
    buf
}

/// Writes `b` over `a` the way the reader does and returns what the terminal then shows.
fn written(a: &Buffer, b: &Buffer, pane: Rect) -> Buffer {
    let mut backend = TestBackend::new(a.area.width, a.area.height);
    let mut shown = None;
    write(&mut backend, &mut shown, a, pane).unwrap();
    write(&mut backend, &mut shown, b, pane).unwrap();
    assert_eq!(shown.as_ref(), Some(b));
    backend.buffer().clone()
}

#[test]
#[expect(
    deprecated,
    reason = "the deprecated `skip` flag is part of a cell's equality"
)]
fn cells_are_the_same_exactly_when_ratatui_holds_them_equal() {
    use ratatui::style::{Color, Modifier};
    // A cell, then cells that differ from it in one thing each.
    let base = Cell::EMPTY;
    let mut cells = vec![base.clone()];
    for symbol in [" ", "a", "b", "é", "界", "ab", "❤\u{fe0f}", "a\u{301}"] {
        let mut c = base.clone();
        c.set_symbol(symbol);
        cells.push(c);
    }
    for colour in [
        Color::Red,
        Color::Rgb(1, 2, 3),
        Color::Rgb(1, 2, 4),
        Color::Indexed(5),
    ] {
        for field in 0..3 {
            let mut c = base.clone();
            *[&mut c.fg, &mut c.bg, &mut c.underline_color][field] = colour;
            cells.push(c);
        }
    }
    for modifier in [Modifier::BOLD, Modifier::BOLD | Modifier::ITALIC] {
        let mut c = base.clone();
        c.modifier = modifier;
        cells.push(c);
    }
    for option in [
        CellDiffOption::Skip,
        CellDiffOption::AlwaysUpdate,
        CellDiffOption::ForcedWidth(std::num::NonZeroU16::new(2).unwrap()),
    ] {
        let mut c = base.clone();
        c.diff_option = option;
        cells.push(c);
    }
    let mut skipped = base.clone();
    skipped.skip = true;
    cells.push(skipped);
    for a in &cells {
        for b in &cells {
            assert_eq!(same(a, b), a == b, "{a:?} {b:?}");
        }
    }
}

#[test]
fn frames_are_the_same_exactly_when_ratatui_holds_them_equal() {
    let area = Rect::new(0, 0, 7, 4);
    let mut base = Buffer::empty(area);
    base.set_string(0, 0, "status?", Style::default());
    base.set_string(
        1,
        2,
        "entry é",
        Style::default().bg(ratatui::style::Color::Blue),
    );
    base.set_string(0, 3, "ticks 9", Style::default());
    let mut frames = vec![
        base.clone(),
        Buffer::empty(area),
        Buffer::empty(Rect::new(0, 0, 4, 7)),
    ];
    // One cell changed, in the first row, a middle one and the last (the status bar's).
    for (x, y, s) in [
        (0, 0, "S"),
        (6, 0, "!"),
        (3, 2, "x"),
        (0, 3, "T"),
        (6, 3, "8"),
    ] {
        let mut f = base.clone();
        f[(x, y)].set_symbol(s);
        frames.push(f);
    }
    let mut restyled = base.clone();
    restyled[(2, 2)].set_style(Style::default());
    frames.push(restyled);
    for a in &frames {
        for b in &frames {
            assert_eq!(same_frame(a, b), a == b, "{a:?} {b:?}");
        }
    }
    assert!(same_frame(&base, &base.clone()));
}

#[test]
fn a_cleared_screen_gets_the_same_bytes_taken_or_copied() {
    let wide = Style::default().bg(ratatui::style::Color::Blue);
    let frame = styled(
        &[
            ("plain text, then blanks", Style::default()),
            ("界 wide, and ❤\u{fe0f} with VS16", Style::default()),
            ("on blue", wide),
            ("", Style::default()),
        ],
        40,
    );
    let pane = Rect::new(10, 1, 30, 3);
    let (copied_bytes, taken_bytes) = (Shared::default(), Shared::default());
    let mut copied = ratatui::backend::CrosstermBackend::new(copied_bytes.clone());
    write(&mut copied, &mut None, &frame, pane).unwrap();
    let mut taken = ratatui::backend::CrosstermBackend::new(taken_bytes.clone());
    let (mut shown, mut next) = (None, frame.clone());
    write_taking(
        &mut taken,
        (&mut shown, &mut RowHashes::default()),
        &mut next,
        (pane, Some(1), Kept::default()),
    )
    .unwrap();
    assert_eq!(taken_bytes.0.take(), copied_bytes.0.take());
    assert_eq!(shown.as_ref(), Some(&frame));
    // Written against blanks, the cells are those of a diff against an empty frame.
    let cells = |d: Vec<Update<'_>>| -> Vec<(u16, u16, Cell)> {
        d.into_iter().map(|(x, y, c)| (x, y, c.clone())).collect()
    };
    let empty = Buffer::empty(frame.area);
    for band in [0..4, 1..4, 2..3] {
        assert_eq!(
            cells(diff(None, &frame, (band.clone(), 0))),
            cells(diff(Some(&empty), &frame, (band, 0)))
        );
    }
    // Also for blanks that only look blank (reversed, underlined, in colour) and for cells
    // the diff treats apart (skipped, always written, of a forced width).
    let mut odd = styled(
        &[
            ("  reversed  ", Style::default().reversed()),
            ("  underlined  ", Style::default().underlined()),
            ("  fg only  ", Style::default().fg(Color::Red)),
            ("a b c d e f", Style::default()),
        ],
        20,
    );
    odd[(2, 3)].diff_option = CellDiffOption::Skip;
    odd[(4, 3)].diff_option = CellDiffOption::AlwaysUpdate;
    odd[(6, 3)].set_symbol(" ").diff_option = CellDiffOption::AlwaysUpdate;
    odd[(8, 3)].diff_option = CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN);
    let empty = Buffer::empty(odd.area);
    assert_eq!(
        cells(diff(None, &odd, (0..4, 0))),
        cells(diff(Some(&empty), &odd, (0..4, 0)))
    );
}

#[test]
fn a_pane_scrolled_by_a_line_is_moved_by_the_terminal_and_the_screen_is_the_new_frame() {
    let text = |i: u8| char::from(b'a' + i).to_string().repeat(20);
    let rows: Vec<String> = (0..10).map(|i| format!("side{i} | {}", text(i))).collect();
    let a: Vec<&str> = rows.iter().map(String::as_str).collect();
    let b_rows: Vec<String> = (0..10)
        .map(|i| format!("side{i} | {}", text(i + 1)))
        .collect();
    let b: Vec<&str> = b_rows.iter().map(String::as_str).collect();
    let (a, b) = (screen(&a, 30), screen(&b, 30));
    let pane = Rect::new(8, 1, 22, 8);
    assert_eq!(scroll_worth_it(&a, &b, pane), Some(1));
    assert_eq!(written(&a, &b, pane), b);
    assert_eq!(scroll_worth_it(&b, &a, pane), Some(-1));
    assert_eq!(written(&b, &a, pane), a);
}

/// Moves the rows `rows` of `buf` as the terminal moves them in a scrolling region: up by
/// `k` (the bottom `k` rows become blank) or down by `-k`.
fn scroll(buf: &mut Buffer, rows: std::ops::Range<u16>, k: i16) {
    let width = usize::from(buf.area.width);
    let band = &mut buf.content[width * usize::from(rows.start)..width * usize::from(rows.end)];
    let by = (width * usize::from(k.unsigned_abs())).min(band.len());
    let len = band.len();
    if k > 0 {
        band.rotate_left(by);
        band[len - by..].fill_with(Cell::default);
    } else {
        band.rotate_right(by);
        band[..by].fill_with(Cell::default);
    }
}

/// Rows of text in several looks: wide characters, an emoji with VS16, colours that show
/// on blanks, and blank ends.
fn styled(lines: &[(&str, Style)], width: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, u16::try_from(lines.len()).unwrap()));
    for (y, (l, style)) in lines.iter().enumerate() {
        let y = u16::try_from(y).unwrap();
        Line::styled(*l, *style).render(Rect::new(0, y, width, 1), &mut buf);
    }
    buf
}

#[test]
fn the_diff_of_a_moved_frame_is_ratatuis_diff_of_that_frame_moved() {
    let plain = Style::default();
    let on_blue = Style::default().bg(Color::Blue);
    let reversed = Style::default().add_modifier(Modifier::REVERSED);
    let rows = [
        ("side | 漢字 and text", plain),
        ("side | 👍\u{fe0f} ok", plain),
        ("side | 漢字漢字", on_blue),
        ("other | plain words here", plain),
        ("side | 字 x", reversed),
        ("", plain),
        ("side | 👍\u{fe0f}👍\u{fe0f}", on_blue),
        ("last | a b c", reversed),
    ];
    let a = styled(&rows, 24);
    let mut shifted = rows;
    shifted.rotate_left(3);
    shifted[2].1 = reversed;
    let b = styled(&shifted, 24);
    for (prev, next) in [(&a, &b), (&b, &a), (&a, &a)] {
        for band in [1..7, 0..8, 2..5] {
            for k in -4i16..=4 {
                let mut moved = prev.clone();
                scroll(&mut moved, band.clone(), k);
                let want: Vec<(u16, u16, Cell)> = moved
                    .diff(next)
                    .into_iter()
                    .map(|(x, y, c)| (x, y, c.clone()))
                    .collect();
                let got: Vec<(u16, u16, Cell)> = diff(Some(prev), next, (band.clone(), k))
                    .into_iter()
                    .map(|(x, y, c)| (x, y, c.clone()))
                    .collect();
                assert_eq!(got, want, "band {band:?} moved by {k}");
            }
        }
    }
}

#[test]
fn a_new_page_is_not_scrolled_and_is_written_whole() {
    let a = screen(&["one", "two", "three", "four"], 20);
    let b = screen(&["five", "six", "seven", "eight"], 20);
    let pane = Rect::new(0, 0, 20, 4);
    assert_eq!(scroll_worth_it(&a, &b, pane), None);
    assert_eq!(written(&a, &b, pane), b);
}

#[test]
#[expect(
    clippy::many_single_char_names,
    reason = "one letter per line of the screen"
)]
fn a_long_blank_end_is_erased_and_short_gaps_are_written_over() {
    let a = screen(&["a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh"], 50);
    let b = screen(&["x bb ccc"], 50);
    let updates = a.diff(&b);
    let Plan { cells, erase, .. } = plan(&b, &updates);
    assert_eq!(cells.len(), 1, "only the x is written: {cells:?}");
    assert_eq!(erase, vec![(9, 0)]);
    assert_eq!(written(&a, &b, Rect::new(0, 0, 50, 1)), b);

    let c = screen(&["z bb ccc dddd eeeee ffffff ggggggg hhhhhhhz"], 50);
    let Plan { cells, erase, .. } = plan(&c, &a.diff(&c));
    assert!(erase.is_empty());
    assert_eq!(cells.len(), 2, "a long gap is jumped");
    let d = screen(&["aaaa bbbb"], 50);
    let e = screen(&["xxxx yyyy"], 50);
    let cells = plan(&e, &d.diff(&e)).cells;
    assert_eq!(cells.len(), 9, "a short gap is written over");
}

#[test]
fn a_long_blank_run_inside_a_row_is_erased_in_place() {
    let a = screen(&["a long line of text that ends at a border |"], 50);
    let b = screen(&["a                                         |"], 50);
    let p = plan(&b, &a.diff(&b));
    assert!(p.cells.is_empty(), "{:?}", p.cells);
    assert_eq!(p.runs, vec![(2, 0, 39)]);
    assert_eq!(written(&a, &b, Rect::new(0, 0, 50, 1)), b);
}

#[test]
fn a_gap_in_other_colours_is_jumped_not_written_over() {
    let mut a = screen(&["a b"], 10);
    a[(1, 0)].set_fg(Color::Red);
    let mut b = screen(&["x y"], 10);
    b[(1, 0)].set_fg(Color::Red);
    let cells = plan(&b, &a.diff(&b)).cells;
    assert_eq!(cells.iter().map(|u| u.0).collect::<Vec<_>>(), vec![0, 2]);
    assert_eq!(written(&a, &b, Rect::new(0, 0, 10, 1)), b);
}

#[test]
fn a_cleared_screen_is_planned_as_any_screen_would_be() {
    let blue = Style::default().bg(Color::Blue);
    let red = Style::default().fg(Color::Red);
    let mut frames = vec![
        styled(
            &[
                ("plain text, then blanks", Style::default()),
                ("界 wide, and ❤\u{fe0f} with VS16", Style::default()),
                ("on blue", blue),
                ("", Style::default()),
            ],
            40,
        ),
        screen(&["a    b                         c", "x", "", "  lead"], 60),
    ];
    // Words and gaps of every length, in and out of colour, at random (a fixed seed).
    let mut rng = fastrand::Rng::with_seed(3);
    for _ in 0..80 {
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 6));
        for y in 0..6 {
            let mut x = 0;
            while x < 80 {
                let gap = rng.u16(0..30);
                let word = rng.u16(1..8);
                x = (x + gap).min(80);
                let style = [Style::default(), blue, red][rng.usize(..3)];
                // Mostly ASCII, some one-column letters and marks of other scripts, and now
                // and then a wide one (a row planned through the diff's whole rules).
                let text: String = (0..word)
                    .map(|_| match rng.u8(..40) {
                        0..=2 => ['é', '“', '—', 'ł'][rng.usize(..4)],
                        3 if rng.u8(..8) == 0 => '界',
                        _ => rng.alphanumeric(),
                    })
                    .collect();
                buf.set_stringn(x, y, &text, usize::from(80 - x), style);
                x = (x + word).min(80);
            }
        }
        frames.push(buf);
    }
    for frame in &frames {
        let updates = diff(None, frame, (0..frame.area.height, 0));
        assert_eq!(plan_cleared(frame, &updates), plan(frame, &updates));
        assert_eq!(plan_cleared_rows(frame), plan_cleared(frame, &updates));
    }
}

/// The keys of a frame's pane rows as the view makes them: from what is drawn in the pane's
/// columns (here its text), one a row; `None` outside the pane.
fn pane_keys(buf: &Buffer, pane: Rect) -> Vec<Option<u64>> {
    (0..buf.area.height)
        .map(|y| {
            (pane.y..pane.bottom()).contains(&y).then(|| {
                let text: String = (pane.x..pane.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect();
                std::hash::BuildHasher::hash_one(&foldhash::fast::FixedState::with_seed(1), text)
            })
        })
        .collect()
}

/// Frames of a pane scrolled by a line beside a sidebar that changed too.
fn scrolled_with_sidebar() -> (Buffer, Buffer, Rect) {
    let text = |i: u8| char::from(b'a' + i).to_string().repeat(20);
    let a: Vec<String> = (0..10).map(|i| format!("side{i} | {}", text(i))).collect();
    let b: Vec<String> = (0..10)
        .map(|i| format!("SIDE{} | {}", 9 - i, text(i + 1)))
        .collect();
    let lines = |v: &[String]| screen(&v.iter().map(String::as_str).collect::<Vec<_>>(), 30);
    (lines(&a), lines(&b), Rect::new(8, 1, 22, 8))
}

#[test]
fn rows_kept_by_their_keys_are_written_as_rows_compared_cell_by_cell() {
    let (a, b, pane) = scrolled_with_sidebar();
    let (a_keys, b_keys) = (pane_keys(&a, pane), pane_keys(&b, pane));
    let mut screens = Vec::new();
    for keyed in [false, true] {
        let bytes = Shared::default();
        let mut backend = ratatui::backend::CrosstermBackend::new(bytes.clone());
        let (mut shown, mut rows) = (Some(a.clone()), RowHashes::default());
        let mut next = b.clone();
        let kept = if keyed {
            Kept::rows(&a_keys, &b_keys)
        } else {
            Kept::default()
        };
        write_taking(
            &mut backend,
            (&mut shown, &mut rows),
            &mut next,
            (pane, Some(1), kept),
        )
        .unwrap();
        assert_eq!(shown.as_ref(), Some(&b));
        screens.push(bytes.0.take());
    }
    assert_eq!(screens[0], screens[1]);
    // Seven of the pane's eight rows came from a row of the same key, and the sidebar beside
    // every one of them is still written.
    let moved: usize = (1..9)
        .filter(|&r| b_keys[r].is_some() && b_keys[r] == a_keys[r + 1])
        .count();
    assert_eq!(moved, 7);
    let (mut shown, mut next) = (Some(a.clone()), b.clone());
    let mut backend = TestBackend::new(30, 10);
    write(&mut backend, &mut None, &a, pane).unwrap();
    let kept = Kept::rows(&a_keys, &b_keys);
    write_taking(
        &mut backend,
        (&mut shown, &mut RowHashes::default()),
        &mut next,
        (pane, Some(1), kept),
    )
    .unwrap();
    assert_eq!(backend.buffer(), &b);
}

/// A key that says a row is the same when it is not is a fault of the view's, caught where it
/// is used (in debug builds, which the tests of the whole program run).
#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "the same key, not the same cells")]
fn a_key_that_lies_is_caught() {
    let (a, b, pane) = scrolled_with_sidebar();
    let lying = vec![Some(7); 10];
    let (mut shown, mut next) = (Some(a), b);
    write_taking(
        &mut TestBackend::new(30, 10),
        (&mut shown, &mut RowHashes::default()),
        &mut next,
        (pane, Some(1), Kept::rows(&lying, &lying)),
    )
    .unwrap();
}
