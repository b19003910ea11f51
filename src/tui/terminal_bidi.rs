//! `--bidi terminal` in mlterm. mlterm reorders right-to-left text itself,
//! a row at a time, cut into segments at box-drawing characters (each of
//! them then laid out left to right: an ellipsis or a final period lands on
//! the wrong side of Arabic) and at its *bidi separators*, ASCII only (each
//! laid out in the direction of its first strong letter, in a row that is
//! left to right when it starts with a separator). It also shapes Arabic,
//! joining lam and alef into one column where khabar counts two, which
//! moves the rest of the row. khabar tells it that `|` and `+` separate
//! ([`SEPARATORS_ON`]) and draws each frame, in logical order, for it:
//!
//! - borders and scrollbars with `|`, `-` and `+`; the scrollbar's thumb a
//!   `|` in reverse video;
//! - Arabic letters already shaped (presentation forms, in logical order:
//!   mlterm only reorders them), a lam-alef one ligature in one cell and the
//!   cells after it moved up, a no-break space at the segment's end;
//! - a segment mlterm lays out right to left with its text first and its
//!   padding after, as no-break spaces: mirrored, the text ends at the
//!   pane's right, its ellipsis, final period and counts (`×7`) at its left
//!   (ordinary spaces at a segment's end are not mirrored; a no-break space
//!   between two Arabic words, though, costs mlterm a column);
//! - every cell written on every frame: a cell mlterm never received is no
//!   character to it (the words either side would join).
//!
//! A segment takes the direction of its first strong letter: a line of a
//! right-to-left paragraph that starts with a Latin word is laid out left
//! to right (a mark would say otherwise, but mlterm counts a mark in the
//! row's length, and a full row wraps).

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use unicode_bidi::{BidiClass, bidi_class};

use crate::text::shape::shape;

const NBSP: &str = "\u{A0}";

/// qterminal (and cool-retro-term: qtermwidget) reorders each run of cells
/// of one colour as it draws it: every cell's foreground is made explicit
/// (the colours of qterminal's default scheme for the default and the
/// palette's) and one unit of blue from its neighbour's, which nobody sees,
/// so that no run is longer than a cell.
pub fn break_runs(buf: &mut Buffer, area: Rect) {
    use crate::terminals::strategy::{QTERMINAL_FOREGROUND, QTERMINAL_PALETTE, twin};
    use ratatui::style::Color;
    let rgb = |c: Color| -> (u8, u8, u8) {
        let named = |i: usize| QTERMINAL_PALETTE[i];
        match c {
            Color::Reset => QTERMINAL_FOREGROUND,
            Color::Black => named(0),
            Color::Red => named(1),
            Color::Green => named(2),
            Color::Yellow => named(3),
            Color::Blue => named(4),
            Color::Magenta => named(5),
            Color::Cyan => named(6),
            Color::Gray => named(7),
            Color::DarkGray => named(8),
            Color::LightRed => named(9),
            Color::LightGreen => named(10),
            Color::LightYellow => named(11),
            Color::LightBlue => named(12),
            Color::LightMagenta => named(13),
            Color::LightCyan => named(14),
            Color::White => named(15),
            Color::Indexed(i) if i < 16 => named(i as usize),
            Color::Indexed(i) if i >= 232 => {
                let g = 8 + 10 * (i - 232);
                (g, g, g)
            }
            Color::Indexed(i) => {
                let i = i - 16;
                let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                (level(i / 36), level(i / 6 % 6), level(i % 6))
            }
            Color::Rgb(r, g, b) => (r, g, b),
        }
    };
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let (r, g, b) = twin(rgb(cell.fg), (x + y) % 2 == 1);
            cell.fg = Color::Rgb(r, g, b);
        }
    }
}

/// The ASCII stand-in of a border or scrollbar cell, and whether it is a
/// scrollbar's thumb.
fn ascii_border(symbol: &str) -> Option<(&'static str, bool)> {
    let c = symbol.chars().next()?;
    Some(match c {
        '│' | '║' | '┃' | '▏' | '▕' | '╎' | '┆' => ("|", false),
        '█' | '▐' | '▌' => ("|", true),
        '─' | '═' | '━' | '╌' | '┄' => ("-", false),
        '\u{2500}'..='\u{257F}' => ("+", false),
        _ => return None,
    })
}

fn is_separator(symbol: &str) -> bool {
    symbol == "|" || symbol == "+"
}

/// Make a frame drawn in logical order suit mlterm (see the module's
/// comment).
pub fn for_mlterm(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if let Some((ascii, thumb)) = ascii_border(cell.symbol()) {
                cell.set_symbol(ascii);
                if thumb {
                    cell.modifier.insert(Modifier::REVERSED);
                }
            }
        }
        let mut start = area.left();
        for x in area.left()..=area.right() {
            if x == area.right() || is_separator(buf[(x, y)].symbol()) {
                shape_segment(buf, y, start, x);
                pad_after(buf, y, start, x);
                start = x + 1;
            }
        }
        // every cell written on every frame: a cell mlterm never received
        // is no character to it
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if cell.diff_option == CellDiffOption::None {
                cell.set_diff_option(CellDiffOption::AlwaysUpdate);
            }
        }
    }
}

/// The Arabic letters of segment `from..to` of row `y` in their
/// presentation forms (a letter's neighbours are in the cells beside it);
/// a lam-alef becomes one ligature, the cells after it move up one and a
/// blank fills the segment's end.
fn shape_segment(buf: &mut Buffer, y: u16, from: u16, to: u16) {
    if from >= to {
        return;
    }
    // a cell's letters: its first character (marks stay with it)
    let base: Vec<char> = (from..to)
        .map(|x| buf[(x, y)].symbol().chars().next().unwrap_or(' '))
        .collect();
    if !base.iter().any(|c| ('\u{0600}'..='\u{06FF}').contains(c)) {
        return;
    }
    let levels: Vec<u8> = base
        .iter()
        .map(|&c| matches!(bidi_class(c), BidiClass::AL | BidiClass::R | BidiClass::NSM) as u8)
        .collect();
    let shaped = shape(&base, &levels);
    let mut cells = Vec::with_capacity(base.len());
    let mut absorbed = 0;
    for (i, form) in shaped.iter().enumerate() {
        let x = from + i as u16;
        match form {
            None => absorbed += 1,
            Some(f) => {
                let mut cell = buf[(x, y)].clone();
                if *f != base[i] {
                    let rest: String = cell.symbol().chars().skip(1).collect();
                    cell.set_symbol(&format!("{f}{rest}"));
                }
                cells.push(cell);
            }
        }
    }
    for _ in 0..absorbed {
        let mut blank = buf[(to - 1, y)].clone();
        blank.set_symbol(" ");
        cells.push(blank);
    }
    for (i, cell) in cells.into_iter().enumerate() {
        buf[(from + i as u16, y)] = cell;
    }
}

/// mlterm's direction for a segment: its first strong letter's.
fn right_to_left(text: &str) -> bool {
    text.chars()
        .find_map(|c| match bidi_class(c) {
            BidiClass::L => Some(false),
            BidiClass::R | BidiClass::AL => Some(true),
            _ => None,
        })
        .unwrap_or(false)
}

/// A segment mlterm lays out right to left: its blank cells at either end
/// moved after its text, as no-break spaces.
fn pad_after(buf: &mut Buffer, y: u16, from: u16, to: u16) {
    if from >= to {
        return;
    }
    let symbols: Vec<&str> = (from..to).map(|x| buf[(x, y)].symbol()).collect();
    if !right_to_left(&symbols.concat()) {
        return;
    }
    let lead = symbols.iter().take_while(|s| **s == " ").count();
    let trail = symbols.iter().rev().take_while(|s| **s == " ").count();
    let n = symbols.len();
    let cells: Vec<_> = (from..to).map(|x| buf[(x, y)].clone()).collect();
    let mut x = from;
    for c in &cells[lead..n - trail] {
        buf[(x, y)] = c.clone();
        x += 1;
    }
    for c in cells[..lead].iter().chain(&cells[n - trail..]) {
        buf[(x, y)] = c.clone();
        buf[(x, y)].set_symbol(NBSP);
        x += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn borders_become_separators_arabic_is_shaped_and_padded_after() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 2));
        buf.set_string(0, 0, "┌ Facts ─┐│  فلان…│█ ok", Style::default());
        buf.set_string(0, 1, "│ CNN قال│People (6)│", Style::default());
        let area = buf.area;
        for_mlterm(&mut buf, area);
        // فلان: initial fa, the lam-alef ligature (final), isolated nun; the
        // cell freed and the padding after the text
        let nb = "\u{A0}";
        assert_eq!(
            row(&buf, 0),
            format!("+ Facts -+|\u{FED3}\u{FEFC}\u{FEE5}…{nb}{nb}{nb}|| ok ")
        );
        assert_eq!(buf[(3, 0)].diff_option, CellDiffOption::AlwaysUpdate);
        assert!(
            buf[(19, 0)].modifier.contains(Modifier::REVERSED),
            "the thumb"
        );
        // left to right by its first letter: the padding stays
        // (قال: initial qaf, final alef, isolated lam)
        assert!(
            row(&buf, 1).starts_with("| CNN \u{FED7}\u{FE8E}\u{FEDD}|People"),
            "{:?}",
            row(&buf, 1)
        );
    }
}
