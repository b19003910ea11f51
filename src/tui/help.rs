//! The `?` overlay: every key command, generated from the live keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::keymap::KeyMap;
use super::theme::Theme;

pub struct Help<'a> {
    pub keys: &'a KeyMap,
    pub scroll: usize,
    pub theme: &'a Theme,
}

impl Help<'_> {
    /// The overlay's rectangle inside `area`.
    pub fn area(area: Rect, rows: usize) -> Rect {
        let w = area.width.saturating_sub(4).min(72);
        let h = (area.height.saturating_sub(2)).min(rows as u16 + 2);
        Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        )
    }
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let entries = self.keys.help();
        let key_width = entries
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            .min(24);
        let mut lines: Vec<Line> = entries
            .iter()
            .map(|(k, d)| {
                Line::from(vec![
                    Span::styled(format!(" {k:<key_width$}  "), self.theme.heading),
                    Span::raw(d.to_string()),
                ])
            })
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            " Mouse: the wheel scrolls the pane under the pointer, a click selects.",
            self.theme.dim,
        ));
        let rect = Help::area(area, lines.len());
        Clear.render(rect, buf);
        let scroll = self.scroll.min(lines.len().saturating_sub(1)) as u16;
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" Keys (Esc closes) ")
                    .border_style(self.theme.border_focused),
            )
            .render(rect, buf);
    }
}
