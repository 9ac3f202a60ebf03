//! Colours for a terminal that shows only the basic 16 (or 8): written as SGR 30–37 and 90–97
//! (40–47 and 100–107 behind), the codes such a terminal knows. crossterm writes even the
//! basic colours as `38;5;n`, which a terminal without the 256-colour palette may read as
//! "blink" and a stray number; a colour outside the 16 is shown as the nearest of them.

use ratatui::style::Color;

/// The colours a terminal shows, as its environment says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// The basic 16 colours (or 8): `TERM=xterm`, `linux`, `screen`, `vt220`…
    Basic,
    /// The 256-colour palette or more.
    Full,
}

impl Palette {
    /// What `TERM` and `COLORTERM` say: a terminal with true colour sets `COLORTERM`, one with
    /// the 256-colour palette says so in `TERM` (`xterm-256color`, `screen-256color`) or is one
    /// of the few named for themselves that always have it. Anything else, an unset `TERM`
    /// included, gets the basic colours, which every colour terminal reads.
    pub fn of(term: Option<&str>, colorterm: Option<&str>) -> Palette {
        if colorterm.is_some_and(|c| matches!(c, "truecolor" | "24bit")) {
            return Palette::Full;
        }
        let term = term.unwrap_or_default();
        let full = ["256color", "truecolor", "24bit", "direct"]
            .iter()
            .chain(&[
                "kitty",
                "alacritty",
                "foot",
                "ghostty",
                "wezterm",
                "contour",
            ])
            .any(|word| term.contains(word));
        if full { Palette::Full } else { Palette::Basic }
    }

    pub fn from_env() -> Palette {
        let var = |name| std::env::var(name).ok();
        Palette::of(var("TERM").as_deref(), var("COLORTERM").as_deref())
    }
}

/// `CSI fg;bg m` in the basic codes (39 and 49 for the terminal's own).
pub(super) fn set_colours(bytes: &mut Vec<u8>, fg: Color, bg: Color) {
    bytes.extend_from_slice(b"\x1b[");
    super::decimal(bytes, code(fg, 30));
    bytes.push(b';');
    super::decimal(bytes, code(bg, 40));
    bytes.push(b'm');
}

/// The SGR code of `c` counted from `base` (30 for the foreground, 40 behind).
fn code(c: Color, base: u32) -> u32 {
    match index(c) {
        None => base + 9,
        Some(i @ 0..8) => base + u32::from(i),
        Some(i) => base + 60 + u32::from(i - 8),
    }
}

/// xterm's basic colours, by index: what the nearest is measured against.
const XTERM: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The index (0–15) of the basic colour `c` is or is nearest to; `None` for the terminal's own.
fn index(c: Color) -> Option<u8> {
    let rgb = match c {
        Color::Reset => return None,
        Color::Black => return Some(0),
        Color::Red => return Some(1),
        Color::Green => return Some(2),
        Color::Yellow => return Some(3),
        Color::Blue => return Some(4),
        Color::Magenta => return Some(5),
        Color::Cyan => return Some(6),
        Color::Gray => return Some(7),
        Color::DarkGray => return Some(8),
        Color::LightRed => return Some(9),
        Color::LightGreen => return Some(10),
        Color::LightYellow => return Some(11),
        Color::LightBlue => return Some(12),
        Color::LightMagenta => return Some(13),
        Color::LightCyan => return Some(14),
        Color::White => return Some(15),
        Color::Indexed(i @ 0..16) => return Some(i),
        Color::Indexed(i) => indexed_rgb(i),
        Color::Rgb(r, g, b) => (r, g, b),
    };
    Some(nearest(rgb))
}

/// The colour of entry `i` (16–255) of xterm's 256-colour palette: a 6×6×6 cube, then 24
/// greys.
fn indexed_rgb(i: u8) -> (u8, u8, u8) {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    if i >= 232 {
        let grey = 8 + 10 * (i - 232);
        return (grey, grey, grey);
    }
    let n = usize::from(i.saturating_sub(16));
    (LEVELS[n / 36 % 6], LEVELS[n / 6 % 6], LEVELS[n % 6])
}

fn nearest((r, g, b): (u8, u8, u8)) -> u8 {
    let distance = |&(_, &(pr, pg, pb)): &(usize, &(u8, u8, u8))| {
        [(r, pr), (g, pg), (b, pb)]
            .map(|(a, p)| u32::from(a.abs_diff(p)).pow(2))
            .iter()
            .sum::<u32>()
    };
    XTERM
        .iter()
        .enumerate()
        .min_by_key(distance)
        .and_then(|(i, _)| u8::try_from(i).ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_says_which_colours_the_terminal_shows() {
        for (term, colorterm, palette) in [
            (Some("xterm"), None, Palette::Basic),
            (Some("xterm"), Some(""), Palette::Basic),
            (Some("linux"), None, Palette::Basic),
            (Some("screen"), None, Palette::Basic),
            (None, None, Palette::Basic),
            (Some("xterm"), Some("truecolor"), Palette::Full),
            (Some("xterm-256color"), None, Palette::Full),
            (Some("tmux-256color"), None, Palette::Full),
            (Some("xterm-kitty"), None, Palette::Full),
            (Some("alacritty"), None, Palette::Full),
        ] {
            assert_eq!(
                Palette::of(term, colorterm),
                palette,
                "{term:?} {colorterm:?}"
            );
        }
    }

    #[test]
    fn a_colour_is_written_as_the_basic_code_nearest_it() {
        let sgr = |fg, bg| {
            let mut bytes = Vec::new();
            set_colours(&mut bytes, fg, bg);
            String::from_utf8(bytes).unwrap()
        };
        assert_eq!(sgr(Color::White, Color::Reset), "\x1b[97;49m");
        assert_eq!(sgr(Color::Black, Color::Gray), "\x1b[30;47m");
        assert_eq!(sgr(Color::Yellow, Color::LightRed), "\x1b[33;101m");
        assert_eq!(sgr(Color::Indexed(4), Color::Indexed(12)), "\x1b[34;104m");
        // The light theme's greys and orange.
        assert_eq!(sgr(Color::Indexed(244), Color::Indexed(254)), "\x1b[90;47m");
        assert_eq!(sgr(Color::Indexed(130), Color::Reset), "\x1b[31;49m");
        assert_eq!(
            sgr(Color::Rgb(250, 250, 250), Color::Rgb(0, 0, 40)),
            "\x1b[97;40m"
        );
        assert_eq!(sgr(Color::Indexed(231), Color::Indexed(16)), "\x1b[97;40m");
    }
}
