//! Colours and emphasis. With `NO_COLOR` every style keeps only its modifiers (bold, reverse,
//! underline…), so selection and key-event markers never rely on colour alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Colours chosen for a light background (dark text, no yellow on white).
    pub light: bool,
}

/// The built-in themes, by the name the config file's `theme` gives.
pub const THEMES: [&str; 3] = ["dark", "light", "mono"];

impl Theme {
    pub fn new(color: bool) -> Self {
        Self {
            color,
            light: false,
        }
    }

    /// `NO_COLOR` (any non-empty value) and `TERM=dumb` turn colour off; emphasis stays.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        Self::new(!no_color && !dumb)
    }

    /// The theme named in the config (`dark`, the default; `light` for a light background;
    /// `mono` for no colour at all), under what the environment allows (`NO_COLOR` wins).
    pub fn named(name: Option<&str>) -> Result<Self, String> {
        let env = Self::from_env();
        match name.unwrap_or("dark") {
            "dark" => Ok(env),
            "light" => Ok(Self { light: true, ..env }),
            "mono" => Ok(Self::new(false)),
            other => Err(format!(
                "theme \"{}\": the themes are {}",
                crate::sanitize::visible(other, 40),
                THEMES.join(", ")
            )),
        }
    }

    /// A colour as it reads on this theme's background.
    fn on_background(self, c: Color) -> Color {
        if !self.light {
            return c;
        }
        match c {
            Color::White => Color::Black,
            Color::Gray => Color::DarkGray,
            Color::DarkGray => Color::Indexed(244),
            Color::Yellow | Color::LightYellow => Color::Indexed(130),
            Color::Cyan => Color::Blue,
            Color::LightRed => Color::Red,
            Color::LightGreen => Color::Green,
            other => other,
        }
    }

    /// Colour only when allowed; modifiers always.
    fn paint(self, fg: Color, modifiers: Modifier) -> Style {
        let s = Style::new().add_modifier(modifiers);
        if self.color {
            s.fg(self.on_background(fg))
        } else {
            s
        }
    }

    pub fn text(self) -> Style {
        Style::new()
    }
    pub fn title(self) -> Style {
        self.paint(Color::White, Modifier::BOLD)
    }
    pub fn key_event(self) -> Style {
        self.paint(Color::Yellow, Modifier::BOLD)
    }
    pub fn pinned(self) -> Style {
        self.paint(Color::Magenta, Modifier::BOLD)
    }
    pub fn meta(self) -> Style {
        self.paint(Color::Gray, Modifier::DIM)
    }
    pub fn link(self) -> Style {
        self.paint(Color::Cyan, Modifier::UNDERLINED)
    }
    pub fn link_number(self) -> Style {
        self.paint(Color::Cyan, Modifier::empty())
    }
    pub fn quote(self) -> Style {
        self.paint(Color::Green, Modifier::ITALIC)
    }
    pub fn heading(self) -> Style {
        self.paint(Color::White, Modifier::BOLD)
    }
    pub fn image(self) -> Style {
        self.paint(Color::Blue, Modifier::ITALIC)
    }
    pub fn separator(self) -> Style {
        self.paint(Color::DarkGray, Modifier::empty())
    }
    pub fn dim(self) -> Style {
        self.paint(Color::DarkGray, Modifier::DIM)
    }
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// A word the reader asked to be alerted to (`--alert`), where it appears in an entry.
    pub fn highlight(self) -> Style {
        self.paint(Color::LightYellow, Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn current(self) -> Style {
        self.paint(Color::Yellow, Modifier::BOLD)
    }
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.paint(Color::Cyan, Modifier::BOLD)
        } else {
            self.paint(Color::DarkGray, Modifier::empty())
        }
    }
    pub fn badge_live(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn badge_ended(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Gray)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
    pub fn status(self) -> Style {
        if self.color && self.light {
            Style::new().bg(Color::Indexed(254)).fg(Color::Black)
        } else if self.color {
            Style::new().bg(Color::Black).fg(Color::Gray)
        } else {
            Style::new()
        }
    }
    pub fn error(self) -> Style {
        self.paint(Color::LightRed, Modifier::BOLD)
    }
    pub fn banner(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(self.on_background(Color::Yellow))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn unread(self) -> Style {
        self.paint(Color::LightGreen, Modifier::BOLD)
    }
}

#[cfg(test)]
mod named_tests {
    use super::*;

    #[test]
    fn a_light_theme_reads_on_white_and_mono_has_no_colour() {
        let light = Theme {
            color: true,
            light: true,
        };
        assert_eq!(light.title().fg, Some(Color::Black));
        assert_ne!(light.key_event().fg, Some(Color::Yellow));
        let mono = Theme::named(Some("mono")).unwrap();
        assert!(!mono.color);
        assert_eq!(mono.title().fg, None);
        assert!(mono.title().add_modifier.contains(Modifier::BOLD));
        let e = Theme::named(Some("solarized")).unwrap_err();
        assert_eq!(e, "theme \"solarized\": the themes are dark, light, mono");
    }
}
