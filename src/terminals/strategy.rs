//! What khabar sends each terminal so that Arabic shows as in xterm (text
//! shaped and in visual order, the terminal doing no bidi of its own):
//!
//! | terminal | the browser | a command (`render`, `search`, `facts`, `actors`) |
//! |---|---|---|
//! | xterm, alacritty, st, urxvt, foot, WezTerm | visual text | visual text |
//! | VTE | BDSM explicit (`CSI 8 l`, SCP LTR), back on exit | the same around its output |
//! | Konsole | `OSC 50 ; BidiRenderingEnabled=false`, `=true` on exit | logical lines laid out for Konsole's own bidi |
//! | mlterm | `OSC 5379 ; use_ctl=false`, `=true` on exit | the same around its output |
//! | qterminal | cells' colours alternate one unit apart | the same |
//! | kitty | visual text, and `force_ltr yes` advised once | visual text |
//!
//! Konsole applies its bidi when it paints, so a command's output, which
//! stays in the scrollback after the switch is set back, is written for
//! that bidi instead: each right-to-left line is its padding (at least one
//! space; Konsole paints only up to a line's last non-space as it
//! reorders), the last space carrying RLE (Konsole keeps a zero-width
//! character with the cell before it; the text is then one embedding, right
//! to left, whatever its first letter), then the line's text in logical
//! order with each lam-alef as its one-cell ligature (Konsole shapes
//! letters, but its lam-alef leaves a gap). qterminal reorders each run of cells drawn
//! together, and a run ends where the colour changes: each cell's colour
//! differs from its neighbour's by one unit of blue, which nobody sees, and
//! no run is longer than a cell. kitty shapes each run of cells drawn with
//! one font (a space has none, so a word is a run) with HarfBuzz, whose
//! direction it lets HarfBuzz guess from the run's script
//! (`hb_buffer_guess_segment_properties` in kitty/fonts.c `load_hb_buffer`):
//! an Arabic word is laid out right to left, its letters reversed. Only the
//! `force_ltr` option sets the direction to left to right, and it is read
//! from kitty.conf or `-o` (kitty 0.32's remote control `load-config` can
//! change it too, when the user allows remote control): no byte an
//! application sends turns it off.
//!
//! Inside tmux the switches are for the client terminal: they go through
//! tmux's passthrough (`ESC P tmux; ... ESC \`, allowed for khabar's pane
//! while it runs); inside GNU screen, through its `ESC P ... ESC \`.

use super::detect::{Detected, Kind, Mux};

/// Who does the bidi (the config's `bidi`, `--bidi`): what suits the
/// terminal detected, khabar's engine (visual text, the generic switches),
/// or the terminal's own bidi (logical text).
pub use crate::config::BidiMode as Mode;

/// How text is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Shaped, in visual order; the generic bidi switches for the browser.
    Visual,
    /// Visual, with VTE's BDSM around the browser and each command.
    Bdsm,
    /// Konsole: the browser switches BidiRenderingEnabled off and back;
    /// commands write lines for Konsole's bidi.
    Konsole,
    /// mlterm: use_ctl off and back on, around the browser and each command.
    MltermCtl,
    /// qterminal: visual, each cell's colour one unit from its neighbour's.
    BreakRuns,
    /// kitty: visual; `force_ltr yes` advised.
    Kitty,
    /// The terminal's own bidi: logical text (`--bidi terminal`); mlterm
    /// gets frames drawn for the way it reorders.
    Logical { mlterm: bool },
}

/// How a command writes its lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineForm {
    /// Shaped, in visual order.
    Visual,
    /// Visual, each cell's colour one unit from its neighbour's.
    BreakRuns,
    /// For Konsole's bidi (see the module's comment).
    Konsole,
    /// Logical, unshaped: the terminal's own bidi.
    Logical,
}

/// How the browser's frames are drawn, after the panes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Frames {
    /// As drawn (visual or logical text).
    #[default]
    Plain,
    /// For mlterm's own bidi (`--bidi terminal`).
    Mlterm,
    /// Each cell's colour one unit from its neighbour's (qterminal).
    BreakRuns,
}

/// The terminal detected, what is sent to it, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub detected: Detected,
    pub mode: Mode,
    pub strategy: Strategy,
    /// Why, in a sentence.
    pub why: String,
}

/// BDSM explicit, SCP left to right (the browser's generic switches).
pub const BIDI_OFF: &str = "\x1b[8l\x1b[1 k";
/// SCP default, BDSM implicit.
pub const BIDI_RESTORE: &str = "\x1b[0 k\x1b[8h";
const KONSOLE_OFF: &str = "\x1b]50;BidiRenderingEnabled=false\x07";
const KONSOLE_ON: &str = "\x1b]50;BidiRenderingEnabled=true\x07";
const MLTERM_CTL_OFF: &str = "\x1b]5379;use_ctl=false\x07";
const MLTERM_CTL_ON: &str = "\x1b]5379;use_ctl=true\x07";

impl Plan {
    /// The strategy for `detected` in `mode`.
    pub fn choose(detected: Detected, mode: Mode) -> Plan {
        let (strategy, why) = match mode {
            Mode::Engine => (
                Strategy::Visual,
                "bidi = \"engine\": khabar's text, shaped and in visual order".to_string(),
            ),
            Mode::Terminal => (
                Strategy::Logical {
                    mlterm: detected.kind == Kind::Mlterm,
                },
                "bidi = \"terminal\": logical text for the terminal's own bidi".to_string(),
            ),
            Mode::Auto => match detected.kind {
                Kind::Vte => (
                    Strategy::Bdsm,
                    "VTE reorders lines itself unless its bidi is explicit: BDSM (CSI 8 l) around the browser and each command's output".into(),
                ),
                Kind::Konsole => (
                    Strategy::Konsole,
                    "Konsole mirrors right-to-left text as it paints: the browser turns BidiRenderingEnabled off (OSC 50) and back on exit; commands write their lines for Konsole's bidi, which keeps them right in the scrollback".into(),
                ),
                Kind::Mlterm => (
                    Strategy::MltermCtl,
                    "mlterm reorders and shapes text itself: use_ctl=false (OSC 5379) around the browser and each command's output, true again after".into(),
                ),
                Kind::Qterminal => (
                    Strategy::BreakRuns,
                    "qterminal reorders each run of cells drawn together: each cell's colour is one unit of blue from its neighbour's, so no run is longer than a cell".into(),
                ),
                Kind::Kitty => (
                    Strategy::Kitty,
                    "kitty shapes each Arabic word right to left and nothing from the application turns that off: khabar sends its visual text and says once to set `force_ltr yes` in kitty.conf".into(),
                ),
                Kind::Unknown => (
                    Strategy::Visual,
                    "a terminal not recognised: khabar's visual text, and BDSM for a terminal with bidi of its own".into(),
                ),
                k => (
                    Strategy::Visual,
                    format!(
                        "{} does no bidi: khabar's text, shaped and in visual order",
                        k.name()
                    ),
                ),
            },
        };
        Plan {
            detected,
            mode,
            strategy,
            why,
        }
    }

    /// Text in visual order (khabar's bidi) rather than logical.
    pub fn visual(&self) -> bool {
        !matches!(self.strategy, Strategy::Logical { .. })
    }

    /// How the browser's frames are drawn.
    pub fn frames(&self) -> Frames {
        match self.strategy {
            Strategy::BreakRuns => Frames::BreakRuns,
            Strategy::Logical { mlterm: true } => Frames::Mlterm,
            _ => Frames::Plain,
        }
    }

    /// How a command writes its lines.
    pub fn line_form(&self) -> LineForm {
        match self.strategy {
            Strategy::BreakRuns => LineForm::BreakRuns,
            Strategy::Konsole => LineForm::Konsole,
            Strategy::Logical { .. } => LineForm::Logical,
            _ => LineForm::Visual,
        }
    }

    /// The switches the browser sends after entering the alternate screen,
    /// and before leaving it (also on a panic or a signal).
    pub fn browser_switches(&self) -> (String, String) {
        let (on, off): (&str, &str) = match self.strategy {
            // inside a multiplexer, VTE's switches for the client (the
            // generic ones below are the multiplexer's)
            Strategy::Bdsm if self.detected.mux.is_some() => (BIDI_OFF, BIDI_RESTORE),
            Strategy::Konsole => (KONSOLE_OFF, KONSOLE_ON),
            Strategy::MltermCtl => (MLTERM_CTL_OFF, MLTERM_CTL_ON),
            Strategy::Logical { mlterm: true } => (
                crate::terminals::MLTERM_SEPARATORS_ON,
                crate::terminals::MLTERM_SEPARATORS_OFF,
            ),
            Strategy::Logical { mlterm: false } => ("", ""),
            _ => ("", ""),
        };
        // the generic switches, for a bidi-aware terminal (VTE, mintty):
        // sent directly (a multiplexer takes them for its own screen)
        let generic = self.visual();
        let mut enter = String::new();
        let mut leave = String::new();
        if generic {
            enter.push_str(BIDI_OFF);
        }
        enter.push_str(&self.for_client(on));
        leave.push_str(&self.for_client(off));
        if generic {
            leave.push_str(BIDI_RESTORE);
        }
        (enter, leave)
    }

    /// What a command sends before and after its output on the terminal.
    pub fn command_switches(&self) -> (String, String) {
        let (on, off) = match self.strategy {
            Strategy::Bdsm => ("\x1b[8l", "\x1b[8h"),
            Strategy::MltermCtl => (MLTERM_CTL_OFF, MLTERM_CTL_ON),
            _ => ("", ""),
        };
        (self.for_client(on), self.for_client(off))
    }

    /// Inside a multiplexer, `seq` wrapped for its client terminal.
    pub fn for_client(&self, seq: &str) -> String {
        if seq.is_empty() {
            return String::new();
        }
        match &self.detected.mux {
            Some(Mux::Tmux { .. }) => {
                format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"))
            }
            Some(Mux::Screen) => format!("\x1bP{seq}\x1b\\"),
            None => seq.to_string(),
        }
    }

    /// Switches go through tmux to its client: its passthrough must be on
    /// for khabar's pane meanwhile.
    pub fn needs_passthrough(&self) -> bool {
        matches!(self.detected.mux, Some(Mux::Tmux { .. }))
            && matches!(
                self.strategy,
                Strategy::Bdsm | Strategy::Konsole | Strategy::MltermCtl
            )
    }

    /// What the user must change, said once (the browser's status bar,
    /// `khabar doctor`, the README).
    pub fn advice(&self) -> Option<&'static str> {
        (self.strategy == Strategy::Kitty).then_some(
            "kitty reverses each Arabic word: add `force_ltr yes` to kitty.conf (khabar doctor says more)",
        )
    }
}

/// tmux's passthrough for `pane`, on while khabar writes switches through
/// it, back as it was after.
pub struct Passthrough {
    pane: Option<String>,
    /// It was off, and khabar turned it on.
    set: bool,
}

impl Passthrough {
    /// Turn it on for the pane if it is off.
    pub fn on(plan: &Plan) -> Option<Passthrough> {
        if !plan.needs_passthrough() {
            return None;
        }
        let pane = match &plan.detected.mux {
            Some(Mux::Tmux { pane }) => pane.clone(),
            _ => None,
        };
        let tmux = |command: &str, args: &[&str]| {
            let mut c = std::process::Command::new("tmux");
            c.arg(command);
            if let Some(p) = &pane {
                c.args(["-t", p]);
            }
            c.args(args)
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .output()
                .ok()
        };
        let now = tmux("show-options", &["-p", "-v", "allow-passthrough"])
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        let set = now != "on" && now != "all";
        if set {
            tmux("set-option", &["-p", "allow-passthrough", "on"]);
        }
        Some(Passthrough { pane, set })
    }
}

impl Drop for Passthrough {
    fn drop(&mut self) {
        if self.set {
            let mut c = std::process::Command::new("tmux");
            c.arg("set-option");
            if let Some(p) = &self.pane {
                c.args(["-t", p]);
            }
            let _ = c
                .args(["-p", "-u", "allow-passthrough"])
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .output();
        }
    }
}

const RLE: char = '\u{202B}';

/// Lam followed by this alef: its ligature, isolated and final.
fn lam_alef(alef: char) -> Option<(char, char)> {
    Some(match alef {
        'ا' => ('\u{FEFB}', '\u{FEFC}'),
        'أ' => ('\u{FEF7}', '\u{FEF8}'),
        'إ' => ('\u{FEF9}', '\u{FEFA}'),
        'آ' => ('\u{FEF5}', '\u{FEF6}'),
        _ => return None,
    })
}

/// Does `c` join the letter after it (dual joining, or tatweel)?
fn joins_next(c: char) -> bool {
    use unicode_joining_type::{JoiningType, get_joining_type};
    matches!(
        get_joining_type(c),
        JoiningType::DualJoining | JoiningType::JoinCausing
    )
}

/// A line of a command's output for Konsole's bidi: `logical` is the
/// line's text in logical order (as [`crate::text::Paragraph::logical_line`]
/// gives it), `rtl` its paragraph's direction, `width` the columns it may
/// take. Each lam-alef becomes its one-cell ligature; a right-to-left line
/// is its padding (a space at least), RLE, then the text (see the module's
/// comment).
pub fn konsole_line(logical: &str, rtl: bool, width: usize) -> String {
    let chars: Vec<char> = logical.chars().collect();
    let mut text = String::with_capacity(logical.len() + 8);
    let mut cells = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == 'ل'
            && let Some((isolated, fin)) = chars.get(i + 1).copied().and_then(lam_alef)
        {
            let joined = i > 0 && joins_next(chars[i - 1]);
            text.push(if joined { fin } else { isolated });
            cells += 1;
            i += 2;
            continue;
        }
        text.push(c);
        cells += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        i += 1;
    }
    if !rtl {
        return text;
    }
    // the padding first (Konsole maps only up to a line's last non-space:
    // padding after the text would hide its end), the last space carrying
    // RLE
    let pad = width.saturating_sub(cells).max(1);
    let mut out = String::with_capacity(text.len() + pad + 4);
    for _ in 0..pad {
        out.push(' ');
    }
    out.push(RLE);
    out.push_str(&text);
    out
}

/// The colour qterminal's default scheme (Linux) gives the default
/// foreground and the 16 palette colours.
pub const QTERMINAL_FOREGROUND: (u8, u8, u8) = (178, 178, 178);
pub const QTERMINAL_PALETTE: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (178, 24, 24),
    (24, 178, 24),
    (178, 104, 24),
    (24, 24, 178),
    (178, 24, 178),
    (24, 178, 178),
    (178, 178, 178),
    (104, 104, 104),
    (255, 84, 84),
    (84, 255, 84),
    (255, 255, 84),
    (84, 84, 255),
    (255, 84, 255),
    (84, 255, 255),
    (255, 255, 255),
];

/// A colour and its twin one unit of blue away (the cell after).
pub fn twin(rgb: (u8, u8, u8), odd: bool) -> (u8, u8, u8) {
    let (r, g, b) = rgb;
    if !odd {
        rgb
    } else if b == 255 {
        (r, g, 254)
    } else {
        (r, g, b + 1)
    }
}

/// A command's line (visual text, maybe with SGR styling) with each
/// character's colour set, alternating between a colour and its twin: the
/// default foreground, or the colour an SGR of the line asked for (a
/// match's red) (qterminal).
pub fn break_runs(line: &str) -> String {
    let mut out = String::with_capacity(line.len() * 8);
    let mut odd = false;
    let mut base = QTERMINAL_FOREGROUND;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // an SGR sequence as it is; its colour is the base from now on
            let mut seq = String::from(c);
            for d in chars.by_ref() {
                seq.push(d);
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
            if let Some(params) = seq.strip_prefix("\x1b[").and_then(|p| p.strip_suffix('m')) {
                for p in params.split(';') {
                    match p.parse::<usize>() {
                        Ok(0) | Ok(39) => base = QTERMINAL_FOREGROUND,
                        Ok(n @ 30..=37) => base = QTERMINAL_PALETTE[n - 30],
                        Ok(n @ 90..=97) => base = QTERMINAL_PALETTE[n - 90 + 8],
                        _ => {}
                    }
                }
            }
            out.push_str(&seq);
            continue;
        }
        if unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) == 0 {
            out.push(c);
            continue;
        }
        let (r, g, b) = twin(base, odd);
        out.push_str(&format!("\x1b[38;2;{r};{g};{b}m"));
        out.push(c);
        odd = !odd;
    }
    out.push_str("\x1b[39m");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminals::detect::Detected;

    fn plan(kind: Kind, mux: Option<Mux>, mode: Mode) -> Plan {
        Plan::choose(
            Detected {
                kind,
                version: None,
                clues: Vec::new(),
                mux,
            },
            mode,
        )
    }

    #[test]
    fn each_terminal_gets_its_switches() {
        let p = plan(Kind::Xterm, None, Mode::Auto);
        assert_eq!(p.browser_switches(), (BIDI_OFF.into(), BIDI_RESTORE.into()));
        assert_eq!(p.command_switches(), (String::new(), String::new()));
        let p = plan(Kind::Vte, None, Mode::Auto);
        assert_eq!(p.command_switches(), ("\x1b[8l".into(), "\x1b[8h".into()));
        let p = plan(Kind::Konsole, None, Mode::Auto);
        let (on, off) = p.browser_switches();
        assert!(on.ends_with(KONSOLE_OFF) && off.starts_with(KONSOLE_ON));
        assert_eq!(p.line_form(), LineForm::Konsole);
        let p = plan(Kind::Mlterm, None, Mode::Auto);
        assert_eq!(
            p.command_switches(),
            (MLTERM_CTL_OFF.into(), MLTERM_CTL_ON.into())
        );
        assert_eq!(
            plan(Kind::Qterminal, None, Mode::Auto).frames(),
            Frames::BreakRuns
        );
        assert!(
            plan(Kind::Kitty, None, Mode::Auto)
                .advice()
                .unwrap()
                .contains("force_ltr yes")
        );
        // the user's choice wins
        assert_eq!(
            plan(Kind::Konsole, None, Mode::Engine).strategy,
            Strategy::Visual
        );
        assert_eq!(
            plan(Kind::Mlterm, None, Mode::Terminal).frames(),
            Frames::Mlterm
        );
    }

    #[test]
    fn inside_tmux_the_switches_go_to_its_client() {
        let p = plan(Kind::Vte, Some(Mux::Tmux { pane: None }), Mode::Auto);
        assert_eq!(p.command_switches().0, "\x1bPtmux;\x1b\x1b[8l\x1b\\");
        assert!(p.needs_passthrough());
        let p = plan(Kind::Xterm, Some(Mux::Tmux { pane: None }), Mode::Auto);
        assert!(!p.needs_passthrough());
        let p = plan(Kind::Mlterm, Some(Mux::Screen), Mode::Auto);
        assert_eq!(
            p.command_switches().1,
            "\x1bP\x1b]5379;use_ctl=true\x07\x1b\\"
        );
    }

    #[test]
    fn konsole_lines_right_to_left_one_embedding_ligatures_and_padding_after() {
        // فلان: fa joins the lam-alef (final ligature); الاتفاق: alef does
        // not (isolated)
        let line = konsole_line("فلان الاتفاق", true, 16);
        assert!(line.contains("ف\u{FEFC}ن"), "{line:?}");
        assert!(line.contains("ا\u{FEFB}تفاق"), "{line:?}");
        // 10 cells of text after the ligatures: 6 of padding, then RLE
        assert!(
            line.starts_with(&format!("{}\u{202B}ف", " ".repeat(6))),
            "{line:?}"
        );
        // a left-to-right line as it is
        assert_eq!(konsole_line("Obama said", false, 16), "Obama said");
    }

    #[test]
    fn qterminal_runs_are_one_cell_long() {
        let s = break_runs("أب c");
        let colours: Vec<&str> = s.split("\x1b[38;2;").skip(1).collect();
        assert_eq!(colours.len(), 4);
        assert!(colours[0].starts_with("178;178;178m") && colours[1].starts_with("178;178;179m"));
        assert!(s.ends_with("\x1b[39m"));
        // a match's red, alternating too
        let s = break_runs("\x1b[1;31mab\x1b[0mc");
        assert!(
            s.contains("\x1b[38;2;178;24;24ma\x1b[38;2;178;24;25mb"),
            "{s:?}"
        );
        assert!(s.contains("\x1b[0m\x1b[38;2;178;178;178mc"), "{s:?}");
    }
}
