//! Colours and attributes as the bytes crossterm's commands write for them, written without
//! its formatter: `SetColors`, `SetUnderlineColor` and `SetAttribute` each went through
//! `fmt::Write` a piece at a time, some thousand instructions a change of look, and a frame
//! of news text changes its look a few hundred times. A test holds these to crossterm's bytes.

use super::decimal;
use ratatui::backend::IntoCrossterm;
use ratatui::crossterm::style::{Attribute, Color as CColor};
use ratatui::style::Color;

/// `SetColors(Colors::new(fg, bg))`: `CSI fg;bg m`.
pub(super) fn colours(bytes: &mut Vec<u8>, fg: Color, bg: Color) {
    bytes.extend_from_slice(b"\x1b[");
    colour(bytes, fg, b"39", b"38;");
    bytes.push(b';');
    colour(bytes, bg, b"49", b"48;");
    bytes.push(b'm');
}

/// `SetUnderlineColor(c)`: `CSI 58;… m`, or `CSI 59 m` for the default.
pub(super) fn underline(bytes: &mut Vec<u8>, c: Color) {
    bytes.extend_from_slice(b"\x1b[");
    colour(bytes, c, b"59", b"58;");
    bytes.push(b'm');
}

/// `SetAttribute(a)`: `CSI n m`.
pub(super) fn attribute(bytes: &mut Vec<u8>, a: Attribute) {
    let code: &[u8] = match a {
        Attribute::Reset => b"0",
        Attribute::Bold => b"1",
        Attribute::Dim => b"2",
        Attribute::Italic => b"3",
        Attribute::Underlined => b"4",
        Attribute::SlowBlink => b"5",
        Attribute::RapidBlink => b"6",
        Attribute::Reverse => b"7",
        Attribute::Hidden => b"8",
        Attribute::CrossedOut => b"9",
        Attribute::NormalIntensity => b"22",
        Attribute::NoItalic => b"23",
        Attribute::NoUnderline => b"24",
        Attribute::NoBlink => b"25",
        Attribute::NoReverse => b"27",
        Attribute::NoHidden => b"28",
        Attribute::NotCrossedOut => b"29",
        other => {
            bytes.extend_from_slice(b"\x1b[");
            bytes.extend_from_slice(other.sgr().as_bytes());
            bytes.push(b'm');
            return;
        }
    };
    bytes.extend_from_slice(b"\x1b[");
    bytes.extend_from_slice(code);
    bytes.push(b'm');
}

/// One colour of an SGR sequence as crossterm's `Colored` writes it: `reset` for the
/// terminal's own colour, else `lead` and the colour (the sixteen named ones by their index in
/// the 256-colour palette, as crossterm writes them).
fn colour(bytes: &mut Vec<u8>, c: Color, reset: &[u8], lead: &[u8]) {
    let index = match c.into_crossterm() {
        CColor::Reset => {
            bytes.extend_from_slice(reset);
            return;
        }
        CColor::Rgb { r, g, b } => {
            bytes.extend_from_slice(lead);
            bytes.extend_from_slice(b"2;");
            for (i, part) in [r, g, b].into_iter().enumerate() {
                if i > 0 {
                    bytes.push(b';');
                }
                decimal(bytes, u32::from(part));
            }
            return;
        }
        CColor::AnsiValue(v) => v,
        CColor::Black => 0,
        CColor::DarkRed => 1,
        CColor::DarkGreen => 2,
        CColor::DarkYellow => 3,
        CColor::DarkBlue => 4,
        CColor::DarkMagenta => 5,
        CColor::DarkCyan => 6,
        CColor::Grey => 7,
        CColor::DarkGrey => 8,
        CColor::Red => 9,
        CColor::Green => 10,
        CColor::Yellow => 11,
        CColor::Blue => 12,
        CColor::Magenta => 13,
        CColor::Cyan => 14,
        CColor::White => 15,
    };
    bytes.extend_from_slice(lead);
    bytes.extend_from_slice(b"5;");
    decimal(bytes, u32::from(index));
}
