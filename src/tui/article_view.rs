//! The reading pane's drawing: a laid-out article, scrolled, with logical
//! ranges (search matches, a fact's sentence) highlighted on their cells.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::text::Layout;

use super::theme::Theme;

/// A highlighted logical range and its style.
#[derive(Clone, Debug)]
pub struct Highlight {
    pub range: Range<usize>,
    pub style: Style,
}

/// Draws lines `scroll..` of a [`Layout`] into an area as wide as the
/// layout. Text is already shaped and in visual order: each cluster goes to
/// its own cell, a mark stays in its letter's cell.
pub struct ArticleView<'a> {
    pub layout: &'a Layout,
    pub scroll: usize,
    pub theme: &'a Theme,
    pub highlights: &'a [Highlight],
}

impl Widget for ArticleView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for (row, line) in self
            .layout
            .lines
            .iter()
            .skip(self.scroll)
            .take(area.height as usize)
            .enumerate()
        {
            let y = area.y + row as u16;
            if line.indent >= area.width {
                continue;
            }
            let style = self.theme.block(line.kind);
            buf.set_stringn(
                area.x + line.indent,
                y,
                &line.text,
                (area.width - line.indent) as usize,
                style,
            );
            for h in self.highlights {
                for cells in line.cells_for(&h.range) {
                    let start = cells.start.min(area.width);
                    let end = cells.end.min(area.width);
                    if start < end {
                        buf.set_style(Rect::new(area.x + start, y, end - start, 1), h.style);
                    }
                }
            }
        }
    }
}
