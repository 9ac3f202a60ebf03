//! Colours and emphasis. With `NO_COLOR` every style keeps only its modifiers (bold, reverse,
//! underline…), so selection and key-event markers never rely on colour alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Colours chosen for a light background (dark text, no yellow on white).
    pub light: bool,
    /// Colours the config file's `[colors]` table gives, by [`Role`]; they win over the theme's.
    overrides: [Option<Color>; Role::ALL.len()],
}

/// The built-in themes, by the name the config file's `theme` gives.
pub const THEMES: [&str; 3] = ["dark", "light", "mono"];

/// What a colour is for: the names the config file's `[colors]` table takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    KeyEvent,
    Pinned,
    Meta,
    Link,
    Quote,
    Heading,
    Image,
    Separator,
    Highlight,
    Current,
    Border,
    Error,
    Unread,
}

impl Role {
    pub const ALL: [Role; 14] = [
        Role::Title,
        Role::KeyEvent,
        Role::Pinned,
        Role::Meta,
        Role::Link,
        Role::Quote,
        Role::Heading,
        Role::Image,
        Role::Separator,
        Role::Highlight,
        Role::Current,
        Role::Border,
        Role::Error,
        Role::Unread,
    ];

    /// The name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::KeyEvent => "key_event",
            Role::Pinned => "pinned",
            Role::Meta => "meta",
            Role::Link => "link",
            Role::Quote => "quote",
            Role::Heading => "heading",
            Role::Image => "image",
            Role::Separator => "separator",
            Role::Highlight => "highlight",
            Role::Current => "current",
            Role::Border => "border",
            Role::Error => "error",
            Role::Unread => "unread",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A colour as the config file writes it: a name (`yellow`, `lightblue`, `darkgray`…), a
/// 256-colour index (`214`), or `#rrggbb` (shown as such by terminals with true colour, and
/// approximated by the others).
pub fn parse_color(text: &str) -> Result<Color, String> {
    let t = text.trim();
    let bad = || {
        format!(
            "colour \"{}\": use a name such as \"yellow\", a number 0-255 or \"#rrggbb\"",
            crate::sanitize::visible(t, 40)
        )
    };
    if let Some(hex) = t.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let rgb = u32::from_str_radix(hex, 16).map_err(|_| bad())?;
        let [_, red, green, blue] = rgb.to_be_bytes();
        return Ok(Color::Rgb(red, green, blue));
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<u8>().map(Color::Indexed).map_err(|_| bad());
    }
    // ratatui's own names ("light-blue", "dark gray", "LightBlue"…), with `_` as well.
    t.replace('_', "-").parse::<Color>().map_err(|_| bad())
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Self {
            color,
            light: false,
            overrides: [None; Role::ALL.len()],
        }
    }

    /// This theme with the config file's `[colors]` (role name → colour); an unknown role or
    /// colour is an error naming it.
    pub fn with_colors<'a>(
        mut self,
        colors: impl IntoIterator<Item = (&'a String, &'a String)>,
    ) -> Result<Self, String> {
        for (name, value) in colors {
            let role = Role::ALL
                .into_iter()
                .find(|r| r.name() == name)
                .ok_or_else(|| {
                    format!(
                        "[colors] \"{}\": the colours that can be set are {}",
                        crate::sanitize::visible(name, 40),
                        Role::ALL.map(Role::name).join(", ")
                    )
                })?;
            let color = parse_color(value).map_err(|e| format!("[colors] {name}: {e}"))?;
            self.overrides[role.index()] = Some(color);
        }
        Ok(self)
    }

    /// `NO_COLOR` (any non-empty value) turns colour off; emphasis stays. (`TERM=dumb` never
    /// gets here: the blog is printed as text instead.)
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self::new(!no_color)
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

    /// A colour as it reads on this theme's background. The 256-colour ones are written as the
    /// nearest basic colour on a terminal that has only those (see `ansi::basic`).
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

    /// Colour only when allowed (the config's own colour for `role` first); modifiers always.
    fn paint(self, role: Role, fg: Color, modifiers: Modifier) -> Style {
        let s = Style::new().add_modifier(modifiers);
        if !self.color {
            return s;
        }
        match self.overrides[role.index()] {
            Some(c) => s.fg(c),
            None => s.fg(self.on_background(fg)),
        }
    }

    pub fn text(self) -> Style {
        Style::new()
    }
    pub fn title(self) -> Style {
        self.paint(Role::Title, Color::White, Modifier::BOLD)
    }
    pub fn key_event(self) -> Style {
        self.paint(Role::KeyEvent, Color::Yellow, Modifier::BOLD)
    }
    pub fn pinned(self) -> Style {
        self.paint(Role::Pinned, Color::Magenta, Modifier::BOLD)
    }
    pub fn meta(self) -> Style {
        self.paint(Role::Meta, Color::Gray, Modifier::DIM)
    }
    pub fn link(self) -> Style {
        self.paint(Role::Link, Color::Cyan, Modifier::UNDERLINED)
    }
    pub fn link_number(self) -> Style {
        self.paint(Role::Link, Color::Cyan, Modifier::empty())
    }
    pub fn quote(self) -> Style {
        self.paint(Role::Quote, Color::Green, Modifier::ITALIC)
    }
    pub fn heading(self) -> Style {
        self.paint(Role::Heading, Color::White, Modifier::BOLD)
    }
    pub fn image(self) -> Style {
        self.paint(Role::Image, Color::Blue, Modifier::ITALIC)
    }
    pub fn separator(self) -> Style {
        self.paint(Role::Separator, Color::DarkGray, Modifier::empty())
    }
    pub fn dim(self) -> Style {
        self.paint(Role::Separator, Color::DarkGray, Modifier::DIM)
    }
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// A word the reader asked to be alerted to (`--alert`), where it appears in an entry.
    pub fn highlight(self) -> Style {
        self.paint(
            Role::Highlight,
            Color::LightYellow,
            Modifier::REVERSED | Modifier::BOLD,
        )
    }
    pub fn current(self) -> Style {
        self.paint(Role::Current, Color::Yellow, Modifier::BOLD)
    }
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.paint(Role::Border, Color::Cyan, Modifier::BOLD)
        } else {
            self.paint(Role::Separator, Color::DarkGray, Modifier::empty())
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
    /// The ● of a live blog's tab: the live badge's colours, or without colour bold alone,
    /// since reverse video on the tab bar marks the tab shown.
    pub fn live_dot(self) -> Style {
        if self.color {
            self.badge_live()
        } else {
            Style::new().add_modifier(Modifier::BOLD)
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
        self.paint(Role::Error, Color::LightRed, Modifier::BOLD)
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
        self.paint(Role::Unread, Color::LightGreen, Modifier::BOLD)
    }
}

#[cfg(test)]
mod named_tests {
    use super::*;

    #[test]
    fn a_light_theme_reads_on_white_and_mono_has_no_colour() {
        let light = Theme {
            light: true,
            ..Theme::new(true)
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

    #[test]
    fn the_config_colours_win_over_the_theme_but_not_over_no_color() {
        let colors: std::collections::BTreeMap<String, String> = [
            ("key_event".to_string(), "#ffaf00".to_string()),
            ("link".to_string(), "light blue".to_string()),
            ("meta".to_string(), "244".to_string()),
        ]
        .into();
        let t = Theme::new(true).with_colors(&colors).unwrap();
        assert_eq!(t.key_event().fg, Some(Color::Rgb(0xff, 0xaf, 0x00)));
        assert!(t.key_event().add_modifier.contains(Modifier::BOLD));
        assert_eq!(t.link().fg, Some(Color::LightBlue));
        assert_eq!(t.meta().fg, Some(Color::Indexed(244)));
        assert_eq!(t.title().fg, Some(Color::White));
        let mono = Theme::new(false).with_colors(&colors).unwrap();
        assert_eq!(mono.key_event().fg, None);
    }

    #[test]
    fn a_wrong_colour_or_role_is_an_error_naming_it() {
        let one = |k: &str, v: &str| -> std::collections::BTreeMap<String, String> {
            [(k.to_string(), v.to_string())].into()
        };
        let e = Theme::new(true)
            .with_colors(&one("key_event", "#ffaf0"))
            .unwrap_err();
        assert!(e.contains("colour \"#ffaf0\""), "{e}");
        let e = Theme::new(true)
            .with_colors(&one("key_event", "chartreuse-ish"))
            .unwrap_err();
        assert!(
            e.starts_with("[colors] key_event: colour \"chartreuse-ish\""),
            "{e}"
        );
        let e = Theme::new(true)
            .with_colors(&one("keyevent", "red"))
            .unwrap_err();
        assert!(
            e.starts_with(
                "[colors] \"keyevent\": the colours that can be set are title, key_event"
            ),
            "{e}"
        );
        assert_eq!(
            parse_color("300"),
            Err(
                "colour \"300\": use a name such as \"yellow\", a number 0-255 or \"#rrggbb\""
                    .into()
            )
        );
    }
}
