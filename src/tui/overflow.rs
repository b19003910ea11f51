//! Glyphs that draw past their cell. A terminal draws the cells a write
//! changed as runs of text, each cleared to its background and clipped to
//! its own cells; Arabic glyphs of a monospace font reach into the cells
//! beside them (a final ض's bowl, a hamza or a haraka set off its letter).
//! Redrawing only the cells that changed (ratatui's diff) therefore leaves
//! the pixels a changed letter's marks had drawn into its unchanged
//! neighbours (xterm: hamza and harakat left after Tab, `G` or `?` until
//! the next full redraw), and clips a letter's reach into a neighbour that
//! was written on its own.
//!
//! Marks reach into the rows above and below as well. So a row that
//! changed and shows Arabic (now or in the frame before) is sent whole,
//! with the rows above and below it, in the order a terminal redraws them
//! from scratch: a cell that held a mark is cleared with its row when it
//! changes, and the marks of its neighbours are drawn again. Rows of other
//! text are sent as ratatui's diff has them. (ratatui compares the cells'
//! diff options too, so a row sent whole is sent once more with the frame
//! after.)

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use std::hash::{Hash, Hasher};

/// What the last frame's rows were: a hash of each row's cells, and
/// whether it showed Arabic.
#[derive(Clone, Debug, Default)]
pub struct RowRepaint {
    area: Rect,
    rows: Vec<(u64, bool)>,
}

/// Does a cell's text draw past the cell: an Arabic letter or any mark?
fn reaches_out(symbol: &str) -> bool {
    // (nothing below U+0300 does: ASCII and Latin letters, quickly)
    symbol.bytes().any(|b| b >= 0xCC)
        && symbol.chars().any(|c| {
            matches!(c as u32,
            0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
                || unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM
        })
}

impl RowRepaint {
    /// Mark for sending every cell of each row of `buf` that changed since
    /// the last frame and shows Arabic (or did); remember this frame.
    pub fn apply(&mut self, buf: &mut Buffer) {
        let area = buf.area;
        let fresh = area != self.area;
        let width = (area.width as usize).max(1);
        let rows: Vec<(u64, bool)> = buf
            .content()
            .chunks(width)
            .map(|row| {
                let mut h = rustc_hash::FxHasher::default();
                let mut arabic = false;
                for c in row {
                    let symbol = c.symbol();
                    h.write(symbol.as_bytes());
                    (c.fg, c.bg).hash(&mut h);
                    h.write_u16(c.modifier.bits());
                    arabic = arabic || reaches_out(symbol);
                }
                (h.finish(), arabic)
            })
            .collect();
        // the rows to send whole: each changed row of Arabic, and the rows
        // above and below it (its marks reach into them)
        let n = rows.len();
        let mut whole = vec![false; n];
        for (i, &(hash, arabic)) in rows.iter().enumerate() {
            let changed = match self.rows.get(i) {
                _ if fresh => arabic,
                Some(&(h, was)) => h != hash && (arabic || was),
                None => arabic,
            };
            if changed {
                for w in &mut whole[i.saturating_sub(1)..(i + 2).min(n)] {
                    *w = true;
                }
            }
        }
        for (i, _) in whole.iter().enumerate().filter(|(_, w)| **w) {
            let y = area.top() + i as u16;
            for x in area.left()..area.right() {
                let c = &mut buf[(x, y)];
                if c.diff_option == CellDiffOption::None {
                    c.set_diff_option(CellDiffOption::AlwaysUpdate);
                }
            }
        }
        self.area = area;
        self.rows = rows;
    }

    /// The terminal's screen was cleared: every row is drawn anew.
    pub fn forget(&mut self) {
        self.area = Rect::default();
        self.rows.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn frame(rows: &[&str]) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, rows.len() as u16));
        for (y, r) in rows.iter().enumerate() {
            buf.set_string(0, y as u16, r, Style::default());
        }
        buf
    }

    fn sent(buf: &Buffer, y: u16) -> usize {
        (0..buf.area.width)
            .filter(|&x| buf[(x, y)].diff_option == CellDiffOption::AlwaysUpdate)
            .count()
    }

    #[test]
    fn a_changed_row_that_shows_or_showed_arabic_is_sent_whole() {
        let mut r = RowRepaint::default();
        let mut first = frame(&["ﺏِﺳْﻢِ ab", "plain", "ﺃﻣﻦ", "", "Latin"]);
        r.apply(&mut first);
        assert_eq!(sent(&first, 0), 12, "a first frame: Arabic rows whole");
        assert_eq!(sent(&first, 4), 0, "Latin, not beside Arabic");
        // the vowelled row loses a letter, the plain row changes, the
        // third row stays
        let mut next = frame(&["ﺏِﺳْ ab", "plainer", "ﺃﻣﻦ", "", "Latin!"]);
        r.apply(&mut next);
        assert_eq!(sent(&next, 0), 12);
        assert_eq!(sent(&next, 1), 12, "the row below a changed row of Arabic");
        assert_eq!(sent(&next, 2), 0, "unchanged, and not beside one");
        // a row that showed Arabic and shows none now
        assert_eq!(sent(&next, 4), 0, "Latin: ratatui's diff is enough");
        let mut last = frame(&["abc", "plainer", "ﺃﻣﻦ", "", "Latin!"]);
        r.apply(&mut last);
        assert_eq!(sent(&last, 0), 12);
    }
}
