//! How the commands write text lines: as they are when piped (or when the
//! terminal does its own bidi, `bidi = "terminal"`), or, on a terminal
//! without bidi, shaped and in visual order through the text engine and
//! wrapped at the terminal's width, the way `render` prints, so that Arabic
//! reads joined and in order.

use std::io::IsTerminal;
use std::ops::Range;

use crate::config::{BidiMode, Config, no_color};
use crate::text::safety::sanitize;
use crate::text::{Direction, Paragraph, direction};

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
}

impl Lines {
    /// For standard output: shaped on a terminal unless the config says
    /// the terminal does its own bidi; coloured on a terminal unless
    /// NO_COLOR.
    pub fn for_stdout() -> Lines {
        let terminal = std::io::stdout().is_terminal();
        let own_bidi = Config::load_or_default(None).is_ok_and(|c| c.bidi == BidiMode::Terminal);
        Lines {
            shaped: (terminal && !own_bidi).then(|| terminal_width().unwrap_or(80) as usize),
            color: terminal && !no_color(),
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
        for (i, range) in para.wrap(room).into_iter().enumerate() {
            if i == 0 {
                out.push_str(&prefix);
            } else {
                out.push_str(&" ".repeat(indent));
            }
            let v = para.visual_line_within(range, room);
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
