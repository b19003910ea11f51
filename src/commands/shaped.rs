//! How the commands write text lines: as they are when piped (or when the
//! terminal does its own bidi, `bidi = "terminal"`), or, on a terminal,
//! shaped and in visual order through the text engine and wrapped at the
//! terminal's width, the way `render` prints, so that Arabic reads joined
//! and in order; in the form the terminal detected needs
//! ([`crate::terminals`]: Konsole's lines for its own bidi, qterminal's
//! colours), between the switches it needs ([`TerminalOutput`]).

use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::sync::OnceLock;

use crate::config::{BidiMode, Config, no_color};
use crate::terminals::{self, LineForm, Plan};
use crate::text::safety::sanitize;
use crate::text::{Direction, Paragraph, direction};

/// The mode `--bidi` chose, over the config's.
static CHOSEN: OnceLock<BidiMode> = OnceLock::new();

/// `--bidi` on the command line: the commands follow it rather than the
/// config's `bidi`.
pub fn choose_bidi(mode: BidiMode) {
    let _ = CHOSEN.set(mode);
}

/// The terminal on standard output and what it needs (asked once per run;
/// `None` when standard output is not a terminal).
pub fn terminal_plan() -> Option<&'static Plan> {
    static PLAN: OnceLock<Option<Plan>> = OnceLock::new();
    PLAN.get_or_init(|| {
        std::io::stdout().is_terminal().then(|| {
            let mode = CHOSEN.get().copied().unwrap_or_else(|| {
                Config::load_or_default(None)
                    .map(|c| c.bidi)
                    .unwrap_or_default()
            });
            terminals::plan(mode)
        })
    })
    .as_ref()
}

/// While a command writes to the terminal: the switches its terminal
/// needs sent before (VTE's BDSM, mlterm's use_ctl) and undone after (on
/// drop, a panic's unwinding included).
pub struct TerminalOutput {
    after: String,
    /// The terminal applies its switch when it draws (mlterm): it must have
    /// read the output before the switch is set back.
    settle: bool,
    /// Through tmux: the switch back passes through at once, while tmux
    /// still holds the text read with it; it must read the text first.
    mux: bool,
    _passthrough: Option<terminals::strategy::Passthrough>,
}

impl TerminalOutput {
    /// Send the switches (nothing when standard output is not a terminal).
    pub fn begin() -> TerminalOutput {
        let Some(plan) = terminal_plan() else {
            return TerminalOutput {
                after: String::new(),
                settle: false,
                mux: false,
                _passthrough: None,
            };
        };
        let passthrough = terminals::strategy::Passthrough::on(plan);
        let (before, after) = plan.command_switches();
        if !before.is_empty() {
            let mut out = std::io::stdout();
            let _ = out.write_all(before.as_bytes());
            let _ = out.flush();
        }
        TerminalOutput {
            after,
            settle: plan.strategy == terminals::Strategy::MltermCtl,
            mux: plan.detected.mux.is_some(),
            _passthrough: passthrough,
        }
    }
}

impl Drop for TerminalOutput {
    fn drop(&mut self) {
        if !self.after.is_empty() {
            let mut out = std::io::stdout();
            let _ = out.flush();
            if self.mux {
                // tmux sends what passes through as soon as it reads it,
                // and the text it read with it only after: the switch back
                // in a read of its own (tmux answers DA1 itself, so no
                // round trip tells when its client has the text)
                std::thread::sleep(std::time::Duration::from_millis(100));
            } else if self.settle {
                // mlterm has read (and drawn) the output once it answers
                terminals::query::round_trip(terminals::query::TIMEOUT);
            }
            let _ = out.write_all(self.after.as_bytes());
            let _ = out.flush();
        }
    }
}

/// Bold red, for matches.
const MATCH: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

/// Where lines go and how.
#[derive(Clone, Copy, Debug)]
pub struct Lines {
    /// Shaped at this width (a terminal without bidi), else logical.
    pub shaped: Option<usize>,
    /// Matches in colour.
    pub color: bool,
    /// The form the terminal needs (when shaped).
    pub form: LineForm,
}

impl Lines {
    /// For standard output: shaped on a terminal unless the config says
    /// the terminal does its own bidi; coloured on a terminal unless
    /// NO_COLOR.
    pub fn for_stdout() -> Lines {
        let terminal = std::io::stdout().is_terminal();
        let form = terminal_plan().map_or(LineForm::Visual, Plan::line_form);
        Lines {
            shaped: (terminal && form != LineForm::Logical)
                .then(|| terminal_width().unwrap_or(80) as usize),
            color: terminal && !no_color(),
            form,
        }
    }

    /// `prefix` (left to right, as it is) then `text` with `marked` ranges
    /// (logical, in `text`) in colour: the line to print, ending in `\n`
    /// (several when it is shaped and wraps: the others indented under the
    /// text).
    pub fn line(&self, prefix: &str, text: &str, marked: &[Range<usize>]) -> String {
        let prefix = sanitize(prefix);
        let Some(width) = self.shaped else {
            return format!("{prefix}{}\n", self.logical(text, marked));
        };
        let indent = unicode_width::UnicodeWidthStr::width(prefix.as_str());
        let room = width.saturating_sub(indent).max(20);
        let para = Paragraph::new(text, direction::estimate(text));
        let rtl = para.direction() == Direction::Rtl;
        let mut out = String::with_capacity(text.len() * 2 + prefix.len());
        if self.form == LineForm::Konsole {
            // logical lines for Konsole's bidi (no colour: a match's
            // colour would cut its embedding)
            for (i, range) in para
                .wrap_logical(room.saturating_sub(1))
                .into_iter()
                .enumerate()
            {
                out.push_str(&if i == 0 {
                    prefix.clone()
                } else {
                    " ".repeat(indent)
                });
                let v = para.logical_line(range, room);
                out.push_str(&terminals::strategy::konsole_line(&v.text, rtl, room));
                out.push('\n');
            }
            return out;
        }
        for (i, range) in para.wrap(room).into_iter().enumerate() {
            if i == 0 {
                out.push_str(&prefix);
            } else {
                out.push_str(&" ".repeat(indent));
            }
            let v = para.visual_line_within(range, room);
            let start = out.len();
            if rtl {
                out.push_str(&" ".repeat(room.saturating_sub(v.width)));
            }
            for cell in &v.cells {
                let hit = self.color
                    && marked
                        .iter()
                        .any(|m| m.start < cell.src.end && cell.src.start < m.end);
                if hit {
                    out.push_str(MATCH);
                }
                out.push_str(&v.text[cell.text.clone()]);
                if hit {
                    out.push_str(RESET);
                }
            }
            if self.form == LineForm::BreakRuns {
                let line = terminals::strategy::break_runs(&out[start..]);
                out.truncate(start);
                out.push_str(&line);
            }
            out.push('\n');
        }
        out
    }

    /// `text` in logical order, sanitized, its marked ranges coloured.
    fn logical(&self, text: &str, marked: &[Range<usize>]) -> String {
        if !self.color || marked.is_empty() {
            return sanitize(text);
        }
        let mut s = String::with_capacity(text.len() + 16 * marked.len());
        let mut at = 0;
        for r in marked {
            s.push_str(&sanitize(&text[at..r.start]));
            s.push_str(MATCH);
            s.push_str(&sanitize(&text[r.clone()]));
            s.push_str(RESET);
            at = r.end;
        }
        s.push_str(&sanitize(&text[at..]));
        s
    }
}

/// The terminal's width in columns: the terminal's, else `$COLUMNS`.
pub fn terminal_width() -> Option<u16> {
    let columns = || std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    if !std::io::stdout().is_terminal() {
        return columns();
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w)
        .filter(|&w| w > 0)
        .or_else(columns)
}
