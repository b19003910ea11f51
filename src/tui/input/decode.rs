//! The bytes a terminal sends, as keys and mouse events (crossterm's
//! types, which the keymap and the app take). What terminals send for a
//! key or the mouse (xterm's control sequences, which the others follow):
//! UTF-8 characters; control bytes (Ctrl-a is 0x01, Tab, Enter, Backspace
//! 0x7f); ESC before a key for Alt; `CSI ... final` for cursor and
//! function keys (`ESC [ A`, `ESC [ 5 ~`, a modifier as a second
//! parameter: `ESC [ 1 ; 5 A` is Ctrl-Up), `SS3` (`ESC O A`) for the same
//! keys in application mode, `ESC [ Z` for Shift-Tab; the mouse in SGR form
//! (`ESC [ < b ; x ; y M`, `m` on release), the older `ESC [ M b x y` and
//! rxvt's `ESC [ b ; x ; y M`. Replies the terminal sends (device
//! attributes, its version in a DCS string, focus reports, paste marks)
//! are read whole and dropped.
//!
//! A sequence cut by the end of a read waits for the rest; a lone ESC at
//! the end of a read that did not fill its buffer is the Esc key.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// What the terminal said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
}

/// Bytes read and not yet decoded (a sequence cut by a read's end).
#[derive(Clone, Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
}

/// What the bytes at the start of a buffer are.
enum Parsed {
    /// An event (or nothing to report), and how many bytes it took.
    Done(Option<Event>, usize),
    /// The start of a sequence: more bytes are needed.
    Incomplete,
}

impl Decoder {
    /// `bytes` read; `more` when the read filled its buffer (more may be
    /// waiting). The events they complete, in order.
    pub fn feed(&mut self, bytes: &[u8], more: bool) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            match parse(&self.pending[at..]) {
                Parsed::Done(event, used) => {
                    out.extend(event);
                    at += used;
                }
                Parsed::Incomplete => {
                    // Esc pressed alone: nothing follows it in this read
                    if !more && self.pending[at..] == [0x1b] {
                        out.push(key(KeyCode::Esc, KeyModifiers::NONE));
                        at += 1;
                    }
                    break;
                }
            }
        }
        self.pending.drain(..at);
        out
    }

    /// Bytes wait for the rest of their sequence.
    pub fn waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Nothing more came: what waits is taken as it is (an Esc, and what
    /// follows it), or dropped.
    pub fn flush(&mut self) -> Vec<Event> {
        let pending = std::mem::take(&mut self.pending);
        match pending.split_first() {
            Some((0x1b, rest)) => {
                let mut out = vec![key(KeyCode::Esc, KeyModifiers::NONE)];
                out.extend(self.feed(rest, false));
                self.pending.clear();
                out
            }
            _ => Vec::new(),
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// The event at the start of `b` (not empty).
fn parse(b: &[u8]) -> Parsed {
    match b[0] {
        0x1b => parse_escape(b),
        _ => parse_plain(b),
    }
}

/// A key that is not an escape sequence: a control byte or a character.
fn parse_plain(b: &[u8]) -> Parsed {
    let k = |code| Parsed::Done(Some(key(code, KeyModifiers::NONE)), 1);
    let ctrl = |c: u8| {
        Parsed::Done(
            Some(key(KeyCode::Char(c as char), KeyModifiers::CONTROL)),
            1,
        )
    };
    match b[0] {
        b'\r' => k(KeyCode::Enter),
        b'\t' => k(KeyCode::Tab),
        0x7f => k(KeyCode::Backspace),
        0 => ctrl(b' '),
        c @ 0x01..=0x1a => ctrl(c - 1 + b'a'),
        c @ 0x1c..=0x1f => ctrl(c - 0x1c + b'4'),
        c => {
            let len = match c {
                0x00..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                // a stray continuation byte
                _ => return Parsed::Done(None, 1),
            };
            if b.len() < len {
                return Parsed::Incomplete;
            }
            match std::str::from_utf8(&b[..len])
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(ch) => {
                    let m = if ch.is_uppercase() {
                        KeyModifiers::SHIFT
                    } else {
                        KeyModifiers::NONE
                    };
                    Parsed::Done(Some(key(KeyCode::Char(ch), m)), len)
                }
                None => Parsed::Done(None, 1),
            }
        }
    }
}

/// What starts with ESC.
fn parse_escape(b: &[u8]) -> Parsed {
    let Some(&second) = b.get(1) else {
        return Parsed::Incomplete;
    };
    match second {
        b'[' => parse_csi(b),
        b'O' => match b.get(2) {
            None => Parsed::Incomplete,
            Some(&c) => Parsed::Done(ss3(c).map(|code| key(code, KeyModifiers::NONE)), 3),
        },
        // a string (the terminal's version, a colour): read to its end
        b'P' | b']' | b'_' | b'^' | b'X' => match string_end(b) {
            Some(end) => Parsed::Done(None, end),
            None => Parsed::Incomplete,
        },
        // Esc, then the next key on its own
        0x1b => Parsed::Done(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        _ => match parse_plain(&b[1..]) {
            Parsed::Done(Some(Event::Key(mut k)), used) => {
                k.modifiers |= KeyModifiers::ALT;
                Parsed::Done(Some(Event::Key(k)), used + 1)
            }
            Parsed::Done(other, used) => Parsed::Done(other, used + 1),
            Parsed::Incomplete => Parsed::Incomplete,
        },
    }
}

/// Where a string sequence (`ESC P ... ESC \`, or ended by BEL) ends.
fn string_end(b: &[u8]) -> Option<usize> {
    let mut i = 2;
    while i < b.len() {
        match b[i] {
            0x07 => return Some(i + 1),
            0x1b if b.get(i + 1) == Some(&b'\\') => return Some(i + 2),
            0x1b if i + 1 == b.len() => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The key of `ESC O c` (application cursor keys, F1-F4).
fn ss3(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(c - b'P' + 1),
        _ => return None,
    })
}

/// `ESC [ params final`.
fn parse_csi(b: &[u8]) -> Parsed {
    // the older mouse report: ESC [ M, then three bytes
    if b.get(2) == Some(&b'M') {
        if b.len() < 6 {
            return Parsed::Incomplete;
        }
        let event = mouse(
            b[3].wrapping_sub(32) as u32,
            b[4].wrapping_sub(32) as u16,
            b[5].wrapping_sub(32) as u16,
            true,
        );
        return Parsed::Done(event, 6);
    }
    let mut i = 2;
    while i < b.len() && (0x20..=0x3f).contains(&b[i]) {
        i += 1;
    }
    let Some(&last) = b.get(i) else {
        return Parsed::Incomplete;
    };
    let used = i + 1;
    if !(0x40..=0x7e).contains(&last) {
        // not a sequence: drop the ESC [ and read on
        return Parsed::Done(None, 2);
    }
    let params = &b[2..i];
    Parsed::Done(csi(params, last), used)
}

/// The numbers of a sequence's parameters (the first of each `a:b`).
fn numbers(params: &[u8]) -> Vec<u32> {
    params
        .split(|&c| c == b';')
        .map(|p| {
            let first = p.split(|&c| c == b':').next().unwrap_or(&[]);
            std::str::from_utf8(first)
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0)
        })
        .collect()
}

/// A modifier parameter (1 + shift 1, alt 2, ctrl 4).
fn modifiers(m: u32) -> KeyModifiers {
    let bits = m.saturating_sub(1);
    let mut out = KeyModifiers::NONE;
    if bits & 1 != 0 {
        out |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        out |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        out |= KeyModifiers::CONTROL;
    }
    out
}

fn csi(params: &[u8], last: u8) -> Option<Event> {
    match params.first() {
        Some(b'<') => {
            // SGR mouse
            let n = numbers(&params[1..]);
            let (&b, &x, &y) = (n.first()?, n.get(1)?, n.get(2)?);
            return mouse(b, x as u16, y as u16, last == b'M');
        }
        // replies: device attributes, modes, ...
        Some(b'>' | b'?' | b'=') => return None,
        _ => {}
    }
    let n = numbers(params);
    let m = modifiers(n.get(1).copied().unwrap_or(1));
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'Z' => return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'P' | b'Q' | b'S' => KeyCode::F(last - b'P' + 1),
        // F3 with a modifier (a cursor position report, never asked for,
        // has two numbers other than 1)
        b'R' if n.len() == 2 && n[0] == 1 => KeyCode::F(3),
        b'M' if n.len() == 3 => {
            // rxvt's mouse
            return mouse(n[0].saturating_sub(32), n[1] as u16, n[2] as u16, true);
        }
        b'~' => match n.first().copied().unwrap_or(0) {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            k @ 11..=15 => KeyCode::F((k - 10) as u8),
            k @ 17..=21 => KeyCode::F((k - 11) as u8),
            k @ 23..=24 => KeyCode::F((k - 12) as u8),
            _ => return None,
        },
        b'u' => {
            // a key as its code point (CSI u)
            let c = char::from_u32(*n.first()?)?;
            match c {
                '\r' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                '\x1b' => KeyCode::Esc,
                '\x7f' => KeyCode::Backspace,
                c => KeyCode::Char(c),
            }
        }
        _ => return None,
    };
    Some(key(code, m))
}

/// A mouse report: button and modifier bits `b`, 1-based column and row;
/// `press` false for a release.
fn mouse(b: u32, x: u16, y: u16, press: bool) -> Option<Event> {
    let button = match b & 3 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = if b & 64 != 0 {
        match b & 3 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if b & 32 != 0 {
        if b & 3 == 3 {
            MouseEventKind::Moved
        } else {
            MouseEventKind::Drag(button)
        }
    } else if !press || b & 3 == 3 {
        MouseEventKind::Up(button)
    } else {
        MouseEventKind::Down(button)
    };
    let mut modifiers = KeyModifiers::NONE;
    if b & 4 != 0 {
        modifiers |= KeyModifiers::SHIFT;
    }
    if b & 8 != 0 {
        modifiers |= KeyModifiers::ALT;
    }
    if b & 16 != 0 {
        modifiers |= KeyModifiers::CONTROL;
    }
    Some(Event::Mouse(MouseEvent {
        kind,
        column: x.saturating_sub(1),
        row: y.saturating_sub(1),
        modifiers,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        Decoder::default()
            .feed(bytes, false)
            .into_iter()
            .map(|e| match e {
                Event::Key(k) => (k.code, k.modifiers),
                Event::Mouse(m) => panic!("a mouse event: {m:?}"),
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;

    #[test]
    fn characters_control_bytes_and_alt() {
        assert_eq!(
            keys("jGخ".as_bytes()),
            [
                (KeyCode::Char('j'), NONE),
                (KeyCode::Char('G'), KeyModifiers::SHIFT),
                (KeyCode::Char('خ'), NONE)
            ]
        );
        assert_eq!(
            keys(b"\r\t\x7f\x04\x15\x1a\x00"),
            [
                (KeyCode::Enter, NONE),
                (KeyCode::Tab, NONE),
                (KeyCode::Backspace, NONE),
                (KeyCode::Char('d'), CTRL),
                (KeyCode::Char('u'), CTRL),
                (KeyCode::Char('z'), CTRL),
                (KeyCode::Char(' '), CTRL)
            ]
        );
        assert_eq!(keys(b"\x1bx"), [(KeyCode::Char('x'), KeyModifiers::ALT)]);
        assert_eq!(keys(b"\x1b"), [(KeyCode::Esc, NONE)], "Esc alone");
        assert_eq!(
            keys(b"\x1b\x1b"),
            [(KeyCode::Esc, NONE), (KeyCode::Esc, NONE)]
        );
    }

    #[test]
    fn cursor_and_function_keys_in_every_form() {
        assert_eq!(
            keys(b"\x1b[A\x1bOB\x1b[5~\x1b[6~\x1b[H\x1b[4~\x1b[1;5C\x1b[Z\x1bOP\x1b[15~\x1b[3;2~"),
            [
                (KeyCode::Up, NONE),
                (KeyCode::Down, NONE),
                (KeyCode::PageUp, NONE),
                (KeyCode::PageDown, NONE),
                (KeyCode::Home, NONE),
                (KeyCode::End, NONE),
                (KeyCode::Right, CTRL),
                (KeyCode::BackTab, KeyModifiers::SHIFT),
                (KeyCode::F(1), NONE),
                (KeyCode::F(5), NONE),
                (KeyCode::Delete, KeyModifiers::SHIFT)
            ]
        );
    }

    #[test]
    fn the_mouse_in_sgr_and_older_forms() {
        let mut d = Decoder::default();
        let events = d.feed(b"\x1b[<65;10;5M\x1b[<0;3;4M\x1b[<0;3;4m\x1b[M`!!", false);
        let kinds: Vec<(MouseEventKind, u16, u16)> = events
            .iter()
            .map(|e| match e {
                Event::Mouse(m) => (m.kind, m.column, m.row),
                Event::Key(k) => panic!("{k:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                (MouseEventKind::ScrollDown, 9, 4),
                (MouseEventKind::Down(MouseButton::Left), 2, 3),
                (MouseEventKind::Up(MouseButton::Left), 2, 3),
                (MouseEventKind::ScrollUp, 0, 0)
            ]
        );
    }

    #[test]
    fn a_sequence_cut_by_a_read_waits_and_replies_are_dropped() {
        let mut d = Decoder::default();
        assert!(d.feed(b"\x1b[1;", true).is_empty());
        assert!(d.waiting());
        assert_eq!(
            d.feed(b"5Aj", false),
            [key(KeyCode::Up, CTRL), key(KeyCode::Char('j'), NONE)]
        );
        assert!(!d.waiting());
        // a UTF-8 letter cut in two
        let bytes = "خ".as_bytes();
        assert!(d.feed(&bytes[..1], true).is_empty());
        assert_eq!(d.feed(&bytes[1..], false), [key(KeyCode::Char('خ'), NONE)]);
        // device attributes, the terminal's version, focus: nothing
        assert_eq!(
            keys(b"\x1b[>1;10;0c\x1bP>|XTerm(379)\x1b\\\x1b[Ik"),
            [(KeyCode::Char('k'), NONE)]
        );
        // an Esc that waited, flushed
        assert!(d.feed(b"\x1b", true).is_empty());
        assert_eq!(d.flush(), [key(KeyCode::Esc, NONE)]);
    }
}
