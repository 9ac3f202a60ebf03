//! A frame's cells as the bytes `ratatui`'s crossterm backend writes for them, byte for byte,
//! without its formatter call a cell.
//!
//! `CrosstermBackend::draw` queues a `MoveTo` and a `Print` through `fmt::Write` for every
//! cell; for a page of text that is some ten thousand formatter calls a key. Here a cell's
//! symbol is copied as it is, a cursor move is two numbers written by hand, and so is a change
//! of colours or modifiers (see `sgr`); only with `NO_COLOR` set, which crossterm honours in
//! its own commands, do colours go through them.

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CColor, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

mod basic;
mod sgr;
pub use basic::Palette;

/// Whether the terminal the reader draws on shows only the basic colours (see [`Palette`]).
/// Set once, when the terminal is taken; frames written anywhere else (tests) keep the full
/// palette.
static BASIC: AtomicBool = AtomicBool::new(false);

/// The colours the terminal taken shows: frames are written for them from here on.
pub fn use_palette(palette: Palette) {
    BASIC.store(palette == Palette::Basic, Ordering::Relaxed);
}

/// Writes `cells` (column, row, cell; in the order to write them) to `out` in one `write_all`,
/// as `CrosstermBackend::draw` would: the same bytes, colours and modifiers reset at the end.
/// On a terminal of the basic colours alone, colours are written as it reads them instead.
pub fn write_cells<'a>(
    out: &mut impl Write,
    cells: impl IntoIterator<Item = (u16, u16, &'a Cell)>,
) -> io::Result<()> {
    let palette = if BASIC.load(Ordering::Relaxed) {
        Palette::Basic
    } else {
        Palette::Full
    };
    write_cells_for(out, cells, palette)
}

/// [`write_cells`] for a terminal that shows `palette`.
pub fn write_cells_for<'a>(
    out: &mut impl Write,
    cells: impl IntoIterator<Item = (u16, u16, &'a Cell)>,
    palette: Palette,
) -> io::Result<()> {
    let basic = palette == Palette::Basic;
    // With `NO_COLOR` set, crossterm writes no colour at all: its own commands say so.
    let no_color = ratatui::crossterm::style::Colored::ansi_color_disabled_memoized();
    let mut bytes = Vec::with_capacity(16 * 1024);
    let (mut fg, mut bg, mut underline) = (Color::Reset, Color::Reset, Color::Reset);
    let mut modifier = Modifier::empty();
    let mut last: Option<(u16, u16)> = None;
    for (x, y, cell) in cells {
        if !matches!(last, Some((px, py)) if x == px.wrapping_add(1) && y == py) {
            move_to(&mut bytes, x, y);
        }
        last = Some((x, y));
        if cell.modifier != modifier {
            modifier_diff(&mut bytes, modifier, cell.modifier);
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            if basic {
                basic::set_colours(&mut bytes, cell.fg, cell.bg);
            } else if !no_color {
                sgr::colours(&mut bytes, cell.fg, cell.bg);
            } else {
                let colors = Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm());
                queue!(bytes, SetColors(colors))?;
            }
            (fg, bg) = (cell.fg, cell.bg);
        }
        // A terminal of the basic colours has no underline colour; `58;5;n` would read as
        // blink.
        if cell.underline_color != underline && !basic {
            if no_color {
                queue!(
                    bytes,
                    SetUnderlineColor(cell.underline_color.into_crossterm())
                )?;
            } else {
                sgr::underline(&mut bytes, cell.underline_color);
            }
            underline = cell.underline_color;
        }
        // Most symbols are one byte: pushed, not copied by a call.
        match cell.symbol().as_bytes() {
            [b] => bytes.push(*b),
            symbol => bytes.extend_from_slice(symbol),
        }
    }
    queue!(
        bytes,
        SetForegroundColor(CColor::Reset),
        SetBackgroundColor(CColor::Reset),
    )?;
    if !basic {
        queue!(bytes, SetUnderlineColor(CColor::Reset))?;
    }
    queue!(bytes, SetAttribute(Attribute::Reset))?;
    out.write_all(&bytes)
}

/// `MoveTo(x, y)`: `CSI row;col H`, both counted from 1.
fn move_to(bytes: &mut Vec<u8>, x: u16, y: u16) {
    bytes.extend_from_slice(b"\x1b[");
    decimal(bytes, u32::from(y) + 1);
    bytes.push(b';');
    decimal(bytes, u32::from(x) + 1);
    bytes.push(b'H');
}

fn decimal(bytes: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    bytes.extend_from_slice(&digits[i..]);
}

/// The attributes that take the look from `from` to `to`, in the order the backend writes
/// them (its private `ModifierDiff`).
fn modifier_diff(bytes: &mut Vec<u8>, from: Modifier, to: Modifier) {
    let mut set = |a: Attribute| sgr::attribute(bytes, a);
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        set(Attribute::NoReverse);
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        // Normal intensity ends both bold and dim: what stays is set again.
        set(Attribute::NormalIntensity);
        if to.contains(Modifier::DIM) {
            set(Attribute::Dim);
        }
        if to.contains(Modifier::BOLD) {
            set(Attribute::Bold);
        }
    }
    for (m, a) in [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ] {
        if removed.contains(m) {
            set(a);
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        set(Attribute::NoBlink);
    }
    let added = to - from;
    for (m, a, unless_reset) in [
        (Modifier::REVERSED, Attribute::Reverse, false),
        (Modifier::BOLD, Attribute::Bold, true),
        (Modifier::ITALIC, Attribute::Italic, false),
        (Modifier::UNDERLINED, Attribute::Underlined, false),
        (Modifier::DIM, Attribute::Dim, true),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut, false),
        (Modifier::HIDDEN, Attribute::Hidden, false),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink, false),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink, false),
    ] {
        if added.contains(m) && !(unless_reset && reset_intensity) {
            set(a);
        }
    }
}

/// What a backend wrote, kept outside it for tests (a backend's writer is not public).
#[cfg(test)]
#[derive(Clone, Default)]
pub(crate) struct Shared(pub std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

#[cfg(test)]
impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::{Backend, CrosstermBackend};

    use super::Shared;

    fn backend_bytes(cells: &[(u16, u16, Cell)]) -> Vec<u8> {
        let out = Shared::default();
        let mut b = CrosstermBackend::new(out.clone());
        b.draw(cells.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
        out.0.take()
    }

    fn our_bytes(cells: &[(u16, u16, Cell)]) -> Vec<u8> {
        let mut out = Vec::new();
        write_cells(&mut out, cells.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
        out
    }

    /// Cells with every kind of colour, every modifier alone and in pairs, wide and combined
    /// symbols, in runs and apart: written as the backend writes them.
    #[test]
    fn cells_are_written_as_the_crossterm_backend_writes_them() {
        let colors = [
            Color::Reset,
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
            Color::Indexed(0),
            Color::Indexed(200),
            Color::Rgb(1, 22, 255),
            Color::Rgb(0, 0, 0),
        ];
        let symbols = ["a", " ", "é", "日", "👍\u{fe0f}", "e\u{301}", "~"];
        let mut mods: Vec<Modifier> = Modifier::all().iter().collect();
        let singles = mods.clone();
        for a in &singles {
            for b in &singles {
                mods.push(*a | *b);
            }
        }
        mods.push(Modifier::empty());
        let mut seed = 7u32;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) as usize % n
        };
        for round in 0..200 {
            let mut cells = Vec::new();
            let (mut x, mut y) = (0u16, u16::try_from(round % 7).unwrap());
            for _ in 0..60 {
                let mut c = Cell::new(symbols[next(symbols.len())]);
                c.fg = colors[next(colors.len())];
                c.bg = colors[next(colors.len())];
                c.underline_color = colors[next(colors.len())];
                c.modifier = mods[next(mods.len())];
                cells.push((x, y, c));
                match next(4) {
                    0 => x += 5,
                    1 => (x, y) = (0, y + 1),
                    _ => x += 1,
                }
            }
            assert_eq!(
                String::from_utf8_lossy(&our_bytes(&cells)),
                String::from_utf8_lossy(&backend_bytes(&cells)),
                "round {round}"
            );
        }
        // Long runs of one style, and the far corner of a large screen.
        let plain: Vec<_> = (0..300).map(|x| (x, 999, Cell::new("x"))).collect();
        assert_eq!(our_bytes(&plain), backend_bytes(&plain));
        let corner = [(65534, 65534, Cell::new("z"))];
        assert_eq!(our_bytes(&corner), backend_bytes(&corner));
        assert_eq!(our_bytes(&[]), backend_bytes(&[]));
    }

    /// Every style of both themes, written for a terminal of the basic colours: no code of
    /// the 256-colour palette (`38;5;n`, `48;5;n`) nor an underline colour, and colour still.
    #[test]
    fn a_terminal_of_the_basic_colours_gets_only_their_codes() {
        use crate::tui::theme::Theme;
        for light in [false, true] {
            let mut t = Theme::new(true);
            t.light = light;
            let styles = [
                t.title(),
                t.key_event(),
                t.pinned(),
                t.meta(),
                t.link(),
                t.quote(),
                t.image(),
                t.separator(),
                t.dim(),
                t.highlight(),
                t.current(),
                t.border(false),
                t.badge_live(),
                t.badge_ended(),
                t.status(),
                t.error(),
                t.banner(),
                t.unread(),
            ];
            let cells: Vec<_> = (0u16..)
                .zip(styles)
                .map(|(x, style)| {
                    let mut c = Cell::new("x");
                    c.set_style(style.underline_color(Color::Indexed(200)));
                    (x, 0, c)
                })
                .collect();
            let mut out = Vec::new();
            let iter = cells.iter().map(|(x, y, c)| (*x, *y, c));
            write_cells_for(&mut out, iter, Palette::Basic).unwrap();
            let text = String::from_utf8(out).unwrap();
            for palette_code in ["38;", "48;", "58;", "59"] {
                assert!(!text.contains(palette_code), "light {light}: {text:?}");
            }
            assert!(
                text.contains("\x1b[97;49m") || text.contains("\x1b[30;49m"),
                "{text:?}"
            );
        }
    }
}
