//! The terminal's bytes to events: keys (with Ctrl, Alt and Shift as the terminal reports
//! them) and the mouse's clicks and wheel, in crossterm's `Event`s so the rest of the reader
//! knows one kind. The reader reads the terminal itself (see `terminal::TtyEvents`) and hands
//! what it read here; nothing here does I/O.
//!
//! Bytes may arrive in any pieces: a sequence cut between two reads waits for its end. A lone
//! Escape is the Escape key only once nothing more came ([`Parser::idle`]; the terminal's
//! reader waits a moment for the rest of a sequence first). What is not understood is dropped
//! whole, never shown and never read as keys. Text pasted between the bracketed-paste markers
//! is one [`Event::Paste`], never keys (see [`paste`]).

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// The longest control sequence read: one with no end in its first `LONGEST` bytes is dropped
/// there, so that what is kept waiting for an end stays short, and the events do not depend on
/// how the bytes were cut into reads.
const LONGEST: usize = 64;

const ESC: u8 = 0x1b;

mod paste;
pub use paste::PASTE_MAX;

/// Turns the terminal's bytes into events, keeping an unfinished sequence between reads.
#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
    /// A paste under way: its bytes are text until its end marker.
    paste: Option<paste::Paste>,
}

/// One step over the bytes: an event (or nothing, for what is not understood) and how many
/// bytes it took, or a paste starts after this many, or the bytes end inside a sequence.
enum Step {
    Took(Option<Event>, usize),
    PasteStarts(usize),
    Unfinished,
}

impl Parser {
    /// Parses `bytes` after whatever was left unfinished; the events go to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        self.pending.extend_from_slice(bytes);
        let mut at = 0;
        while at < self.pending.len() {
            if let Some(paste) = &mut self.paste {
                let Some(used) = paste.take(&self.pending[at..]) else {
                    at = self.pending.len();
                    break;
                };
                at += used;
                let text = self.paste.take().map(paste::Paste::text);
                out.extend(text.map(Event::Paste));
                continue;
            }
            match step(&self.pending[at..]) {
                Step::Took(event, used) => {
                    out.extend(event);
                    at += used;
                }
                Step::PasteStarts(used) => {
                    at += used;
                    self.paste = Some(paste::Paste::default());
                }
                Step::Unfinished => break,
            }
        }
        self.pending.drain(..at);
    }

    /// Whether what is kept is an Escape on its own: the Escape key, or the start of a
    /// sequence whose rest is still on its way.
    pub fn lone_escape(&self) -> bool {
        self.pending == [ESC]
    }

    /// Whether a paste is under way: its end marker has not come yet.
    pub fn pasting(&self) -> bool {
        self.paste.is_some()
    }

    /// Nothing more came: an Escape on its own was the Escape key, not the start of a
    /// sequence; a paste whose end marker never came ends with what came of it, so that the
    /// keys after it are keys again (the terminal's reader waits longer for a paste's end
    /// than for the rest of a sequence).
    pub fn idle(&mut self, out: &mut Vec<Event>) {
        if let Some(paste) = self.paste.take() {
            out.push(Event::Paste(paste.text()));
        }
        if self.pending == [ESC] {
            self.pending.clear();
            out.push(key(KeyCode::Esc, KeyModifiers::NONE));
        }
    }
}

/// The events of `pieces` read one after another, then nothing more (for the tests and the
/// fuzz target, which hold it to one read of the same bytes).
pub fn read_pieces(pieces: &[&[u8]]) -> Vec<Event> {
    let mut parser = Parser::default();
    let mut out = Vec::new();
    for piece in pieces {
        parser.feed(piece, &mut out);
    }
    parser.idle(&mut out);
    out
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn took(code: KeyCode, modifiers: KeyModifiers, used: usize) -> Step {
    Step::Took(Some(key(code, modifiers)), used)
}

/// The event at the start of `b` (never empty).
fn step(b: &[u8]) -> Step {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    match b[0] {
        ESC => escape(b),
        b'\r' => took(KeyCode::Enter, none, 1),
        b'\t' => took(KeyCode::Tab, none, 1),
        0x7f => took(KeyCode::Backspace, none, 1),
        0 => took(KeyCode::Char(' '), ctrl, 1),
        // Ctrl-A … Ctrl-Z; in raw mode Line Feed is Ctrl-J and Backspace's 0x08 is Ctrl-H.
        c @ 0x01..=0x1a => took(KeyCode::Char(char::from(c - 1 + b'a')), ctrl, 1),
        c @ 0x1c..=0x1f => took(KeyCode::Char(char::from(c - 0x1c + b'4')), ctrl, 1),
        _ => text(b),
    }
}

/// One UTF-8 character; Shift is reported for capitals, as crossterm does.
fn text(b: &[u8]) -> Step {
    let len = match b[0] {
        0x20..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Took(None, 1),
    };
    let have = b.len().min(len);
    if b[1..have].iter().any(|c| c & 0xc0 != 0x80) {
        return Step::Took(None, 1);
    }
    if have < len {
        return Step::Unfinished;
    }
    match std::str::from_utf8(&b[..len])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => {
            let shift = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            took(KeyCode::Char(c), shift, len)
        }
        None => Step::Took(None, 1),
    }
}

/// What starts with Escape: a control sequence, an SS3 key, or Alt with a key.
fn escape(b: &[u8]) -> Step {
    let Some(&second) = b.get(1) else {
        return Step::Unfinished;
    };
    match second {
        b'[' => csi(b),
        b'O' => match b.get(2) {
            None => Step::Unfinished,
            Some(&last) => Step::Took(ss3(last).map(|c| key(c, KeyModifiers::NONE)), 3),
        },
        // Escape pressed twice: the first is a key of its own.
        ESC => took(KeyCode::Esc, KeyModifiers::NONE, 1),
        _ => match step(&b[1..]) {
            Step::Took(Some(Event::Key(mut k)), used) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Took(Some(Event::Key(k)), used + 1)
            }
            Step::Took(_, used) => Step::Took(None, used + 1),
            // (Not reached: an Escape after an Escape is taken above.) The Escape key, then
            // the paste.
            Step::PasteStarts(_) => took(KeyCode::Esc, KeyModifiers::NONE, 1),
            Step::Unfinished => Step::Unfinished,
        },
    }
}

/// The keys of `ESC O x` (application cursor keys, and F1–F4).
fn ss3(last: u8) -> Option<KeyCode> {
    Some(match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// `ESC [` … : parameters, then one final byte. The old mouse form (`ESC [ M` and three raw
/// bytes) and the Linux console's F1–F5 (`ESC [ [ A`…) are not of that shape.
fn csi(b: &[u8]) -> Step {
    match b.get(2) {
        None => return Step::Unfinished,
        Some(b'M') => {
            return match b.get(3..6) {
                Some(&[cb, cx, cy]) => {
                    let at = |c: u8| u16::from(c.saturating_sub(33));
                    Step::Took(
                        mouse(u16::from(cb.saturating_sub(32)), at(cx), at(cy), true),
                        6,
                    )
                }
                _ => Step::Unfinished,
            };
        }
        Some(b'[') => {
            return match b.get(3) {
                None => Step::Unfinished,
                Some(&c @ b'A'..=b'E') => took(KeyCode::F(c - b'A' + 1), KeyModifiers::NONE, 4),
                Some(_) => Step::Took(None, 4),
            };
        }
        Some(_) => {}
    }
    let head = &b[..b.len().min(LONGEST)];
    let Some(end) = head[2..].iter().position(|c| !(0x20..=0x3f).contains(c)) else {
        return if head.len() == LONGEST {
            Step::Took(None, LONGEST)
        } else {
            Step::Unfinished
        };
    };
    let end = end + 2;
    let last = b[end];
    if !(0x40..=0x7e).contains(&last) {
        // Cut off by something else (a key pressed inside it): drop what came before.
        return Step::Took(None, end);
    }
    let params = &b[2..end];
    if (params, last) == (b"200".as_slice(), b'~') {
        return Step::PasteStarts(end + 1);
    }
    let event = match params.first() {
        Some(b'<') => sgr_mouse(&params[1..], last),
        _ => csi_key(params, last).map(|(c, m)| key(c, m)),
    };
    Step::Took(event, end + 1)
}

/// A key in the `ESC [ n ; m x` forms: cursor keys and Home/End by their final letter, the
/// rest by number before `~`; `m` is 1 + the modifier bits.
fn csi_key(params: &[u8], last: u8) -> Option<(KeyCode, KeyModifiers)> {
    let numbers = numbers(params)?;
    let modifiers = match numbers.get(1) {
        Some(&m) => modifier_bits(m.saturating_sub(1)),
        None => KeyModifiers::NONE,
    };
    if numbers.len() > 2 {
        return None;
    }
    let code = match last {
        b'A'..=b'D' | b'H' | b'F' | b'P'..=b'S' => ss3(last)?,
        b'Z' => return Some((KeyCode::BackTab, KeyModifiers::SHIFT | modifiers)),
        b'~' => match numbers.first()? {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F(u8::try_from(n - 10).ok()?),
            n @ 17..=21 => KeyCode::F(u8::try_from(n - 11).ok()?),
            n @ 23..=24 => KeyCode::F(u8::try_from(n - 12).ok()?),
            _ => return None,
        },
        _ => return None,
    };
    Some((code, modifiers))
}

/// The numbers of `n;m;…`; an empty one is absent (`ESC [ ; 5 A` is not a key we know).
fn numbers(params: &[u8]) -> Option<Vec<u16>> {
    if params.is_empty() {
        return Some(Vec::new());
    }
    params
        .split(|c| *c == b';')
        .map(|n| std::str::from_utf8(n).ok()?.parse().ok())
        .collect()
}

/// A key's modifier bits (Shift 1, Alt 2, Ctrl 4, Super 8), as `CSI 1;m` gives them less one.
fn modifier_bits(bits: u16) -> KeyModifiers {
    let mut m = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
    ] {
        if bits & bit != 0 {
            m |= modifier;
        }
    }
    m
}

/// `ESC [ < b ; x ; y M` (pressed) or `m` (released), columns and rows counted from 1.
fn sgr_mouse(params: &[u8], last: u8) -> Option<Event> {
    let [cb, cx, cy] = numbers(params)?[..] else {
        return None;
    };
    let pressed = match last {
        b'M' => true,
        b'm' => false,
        _ => return None,
    };
    mouse(cb, cx.saturating_sub(1), cy.saturating_sub(1), pressed)
}

/// A mouse report's button byte: the button in bits 0–1 (and 6–7 for the wheel), motion in
/// bit 5, Shift, Alt and Ctrl in bits 2–4.
fn mouse(cb: u16, column: u16, row: u16, pressed: bool) -> Option<Event> {
    let button = (cb & 0b11) | ((cb & 0b1100_0000) >> 4);
    let moving = cb & 0b10_0000 != 0;
    let kind = match (button, moving) {
        (0, false) => MouseEventKind::Down(MouseButton::Left),
        (1, false) => MouseEventKind::Down(MouseButton::Middle),
        (2, false) => MouseEventKind::Down(MouseButton::Right),
        (0, true) => MouseEventKind::Drag(MouseButton::Left),
        (1, true) => MouseEventKind::Drag(MouseButton::Middle),
        (2, true) => MouseEventKind::Drag(MouseButton::Right),
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3..=5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let kind = match kind {
        MouseEventKind::Down(b) if !pressed => MouseEventKind::Up(b),
        kind => kind,
    };
    // Shift, Alt and Ctrl in the order and bits of a key's modifiers, two places up.
    Some(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: modifier_bits((cb >> 2) & 0b111),
    }))
}

#[cfg(test)]
mod tests {
    use super::Parser;
    use ratatui::crossterm::event::{
        Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
    };

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const ALT: KeyModifiers = KeyModifiers::ALT;

    use super::read_pieces as events;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: NONE,
        })
    }

    #[test]
    fn letters_capitals_and_control_keys_read_as_crossterm_reports_them() {
        assert_eq!(
            events(&[b"jG?\x04\x1a\r\t\x7f \x00"]),
            [
                key(KeyCode::Char('j'), NONE),
                key(KeyCode::Char('G'), SHIFT),
                key(KeyCode::Char('?'), NONE),
                key(KeyCode::Char('d'), CTRL),
                key(KeyCode::Char('z'), CTRL),
                key(KeyCode::Enter, NONE),
                key(KeyCode::Tab, NONE),
                key(KeyCode::Backspace, NONE),
                key(KeyCode::Char(' '), NONE),
                key(KeyCode::Char(' '), CTRL),
            ]
        );
    }

    #[test]
    fn cursor_paging_and_function_keys_read_in_every_form_terminals_send() {
        assert_eq!(
            events(&[
                b"\x1b[A\x1bOB\x1b[1;5C\x1b[D\x1b[5~\x1b[6~\x1b[H\x1b[4~\x1b[Z\x1bOP\x1b[15~"
            ]),
            [
                key(KeyCode::Up, NONE),
                key(KeyCode::Down, NONE),
                key(KeyCode::Right, CTRL),
                key(KeyCode::Left, NONE),
                key(KeyCode::PageUp, NONE),
                key(KeyCode::PageDown, NONE),
                key(KeyCode::Home, NONE),
                key(KeyCode::End, NONE),
                key(KeyCode::BackTab, SHIFT),
                key(KeyCode::F(1), NONE),
                key(KeyCode::F(5), NONE),
            ]
        );
        assert_eq!(events(&[b"\x1b[[B"]), [key(KeyCode::F(2), NONE)]);
    }

    #[test]
    fn modifiers_and_function_keys_read_by_their_numbers() {
        assert_eq!(
            events(&[
                b"\x1b[1;2A\x1b[1;3B\x1b[5;5~\x1b[1;6H\x1b[11~\x1b[17~\x1b[21~\x1b[24~\x1b[1;2P"
            ]),
            [
                key(KeyCode::Up, SHIFT),
                key(KeyCode::Down, ALT),
                key(KeyCode::PageUp, CTRL),
                key(KeyCode::Home, CTRL | SHIFT),
                key(KeyCode::F(1), NONE),
                key(KeyCode::F(6), NONE),
                key(KeyCode::F(10), NONE),
                key(KeyCode::F(12), NONE),
                key(KeyCode::F(1), SHIFT),
            ]
        );
        // A click with Ctrl and Shift held, and a drag (motion with the button down).
        let held = |kind, modifiers| {
            Event::Mouse(MouseEvent {
                kind,
                column: 4,
                row: 1,
                modifiers,
            })
        };
        assert_eq!(
            events(&[b"\x1b[<20;5;2M\x1b[<32;5;2M"]),
            [
                held(MouseEventKind::Down(MouseButton::Left), CTRL | SHIFT),
                held(MouseEventKind::Drag(MouseButton::Left), NONE),
            ]
        );
    }

    #[test]
    fn a_sequence_cut_between_reads_waits_for_its_end() {
        let whole = b"\x1b[6~\x1b[<64;10;5M\xc3\xa9";
        for cut in 1..whole.len() {
            let (a, b) = whole.split_at(cut);
            assert_eq!(events(&[a, b]), events(&[whole]), "cut after {cut} bytes");
        }
        assert_eq!(events(&[whole]).len(), 3);
    }

    #[test]
    fn escape_alone_is_the_key_once_nothing_more_waits_and_before_a_letter_is_alt() {
        let mut parser = Parser::default();
        let mut out = Vec::new();
        parser.feed(b"\x1b", &mut out);
        assert!(out.is_empty(), "the start of a sequence, perhaps");
        parser.feed(b"[B", &mut out);
        assert_eq!(out, [key(KeyCode::Down, NONE)]);
        out.clear();
        parser.feed(b"\x1b", &mut out);
        parser.idle(&mut out);
        assert_eq!(out, [key(KeyCode::Esc, NONE)]);
        assert_eq!(
            events(&[b"\x1bj\x1b\x1b"]),
            [
                key(KeyCode::Char('j'), ALT),
                key(KeyCode::Esc, NONE),
                key(KeyCode::Esc, NONE),
            ]
        );
    }

    #[test]
    fn clicks_and_the_wheel_read_in_both_mouse_forms() {
        assert_eq!(
            events(&[b"\x1b[<0;3;4M\x1b[<0;3;4m\x1b[<65;1;1M\x1b[<64;200;60M"]),
            [
                mouse(MouseEventKind::Down(MouseButton::Left), 2, 3),
                mouse(MouseEventKind::Up(MouseButton::Left), 2, 3),
                mouse(MouseEventKind::ScrollDown, 0, 0),
                mouse(MouseEventKind::ScrollUp, 199, 59),
            ]
        );
        // The old form: the button and place as bytes offset by 32, from column 1.
        assert_eq!(
            events(&[b"\x1b[M ##\x1b[Ma!!"]),
            [
                mouse(MouseEventKind::Down(MouseButton::Left), 2, 2),
                mouse(MouseEventKind::ScrollDown, 0, 0),
            ]
        );
    }

    #[test]
    fn what_is_not_understood_is_dropped_and_what_follows_still_reads() {
        assert_eq!(
            events(&[b"\x1b[99~\x1b[?1;2c\x1b[1;2;3;4A\x1bOx\x1b[12\x1bj\xff\x80q"]),
            [key(KeyCode::Char('j'), ALT), key(KeyCode::Char('q'), NONE)]
        );
    }

    /// Bytes that make up sequences, more often than others.
    fn soup(seed: &mut u64, len: usize) -> Vec<u8> {
        const PARTS: &[u8] =
            b"\x1b\x1b\x1b[[[O<;;0156M~mAZ\r\x1a\x7f\xc3\xa9\xe2\x82\xf0\x9f\x98j ";
        (0..len)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                let r = *seed;
                if r.is_multiple_of(4) {
                    r.to_le_bytes()[1]
                } else {
                    PARTS[usize::try_from(r >> 8).unwrap_or(0) % PARTS.len()]
                }
            })
            .collect()
    }

    #[test]
    fn how_the_bytes_are_cut_into_reads_never_changes_the_events() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..2000 {
            let bytes = soup(&mut seed, 40);
            let whole = events(&[&bytes]);
            let mut parser = Parser::default();
            let mut out = Vec::new();
            for piece in bytes.chunks(1 + usize::try_from(seed % 7).unwrap_or(0)) {
                parser.feed(piece, &mut out);
                assert!(parser.pending.len() <= super::LONGEST, "{bytes:?}");
            }
            parser.idle(&mut out);
            assert_eq!(out, whole, "{bytes:?}");
        }
        // A sequence with no end in sight is dropped at its 64th byte however it arrives.
        let mut long = b"\x1b[".to_vec();
        long.extend([b'1'; 70]);
        long.push(b'q');
        let by_byte: Vec<&[u8]> = long.chunks(1).collect();
        assert_eq!(events(&by_byte), events(&[&long]));
        assert_eq!(events(&[&long]).len(), 9, "the 8 digits past it, and q");
    }

    #[test]
    fn text_in_any_script_reads_one_character_at_a_time() {
        assert_eq!(
            events(&[b"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xc3", b"\x89"]),
            [
                key(KeyCode::Char('é'), NONE),
                key(KeyCode::Char('€'), NONE),
                key(KeyCode::Char('😀'), NONE),
                key(KeyCode::Char('É'), SHIFT),
            ]
        );
    }

    #[test]
    fn a_bracketed_paste_is_text_however_it_is_cut_and_keys_go_on_after_it() {
        let bytes: &[u8] = b"j\x1b[200~q\x1b[Aa\x1b[201\x1b[201~k";
        let want = [
            key(KeyCode::Char('j'), NONE),
            Event::Paste("q\x1b[Aa\x1b[201".into()),
            key(KeyCode::Char('k'), NONE),
        ];
        assert_eq!(events(&[bytes]), want);
        for cut in 1..bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(events(&[a, b]), want, "cut at {cut}");
        }
        let by_byte: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(events(&by_byte), want);
        // Empty, and a paste whose end never comes yet: nothing until it does.
        assert_eq!(
            events(&[b"\x1b[200~\x1b[201~"]),
            [Event::Paste(String::new())]
        );
        let mut parser = Parser::default();
        let mut out = Vec::new();
        parser.feed(b"\x1b[200~abc", &mut out);
        assert_eq!(out, []);
        assert!(parser.pasting());
        // Or until the terminal goes quiet: the paste ends with what came, and keys are keys.
        parser.idle(&mut out);
        parser.feed(b"q", &mut out);
        assert_eq!(
            out,
            [Event::Paste("abc".into()), key(KeyCode::Char('q'), NONE)]
        );
    }

    #[test]
    fn a_long_paste_keeps_its_beginning_and_the_keys_after_it() {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend(std::iter::repeat_n(b'x', super::PASTE_MAX * 3));
        bytes.extend_from_slice(b"\x1b[201~q");
        let pieces: Vec<&[u8]> = bytes.chunks(1000).collect();
        let got = events(&pieces);
        assert_eq!(
            got,
            [
                Event::Paste("x".repeat(super::PASTE_MAX)),
                key(KeyCode::Char('q'), NONE)
            ]
        );
    }
}
