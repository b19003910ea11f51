//! The article list: one row per title (shaped and reordered, right-aligned
//! for Arabic, cut with an ellipsis at the end side), and a dim second row
//! with source and date when they are known.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::corpus::Article;
use crate::text::{Order, fit_line};

use super::theme::Theme;

pub struct ArticleList<'a> {
    pub articles: &'a [Article],
    /// Which articles are listed (all, or an actor's stories), in order.
    pub indices: &'a [usize],
    /// Matches per listed article (a corpus search), parallel to `indices`.
    pub counts: Option<&'a [usize]>,
    pub selected: usize,
    pub offset: usize,
    pub focused: bool,
    pub order: Order,
    pub theme: &'a Theme,
}

impl Widget for ArticleList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = area.width as usize;
        let mut y = area.y;
        for (pos, &i) in self.indices.iter().enumerate().skip(self.offset) {
            let a = &self.articles[i];
            if y >= area.bottom() {
                break;
            }
            let selected = i == self.selected;
            let title_style = if selected {
                if self.focused {
                    self.theme.selected
                } else {
                    self.theme.selected.patch(self.theme.dim)
                }
            } else {
                self.theme.text
            };
            let title = if a.title.is_empty() {
                a.path.as_str()
            } else {
                a.title.as_str()
            };
            let fitted = fit_line(title, width, self.order);
            if selected {
                buf.set_style(Rect::new(area.x, y, area.width, 1), title_style);
            }
            buf.set_stringn(area.x, y, fitted.aligned(width), width, title_style);
            y += 1;
            let count = self
                .counts
                .and_then(|c| c.get(pos))
                .map(|n| format!("{n}×"));
            let meta: Vec<&str> = [count.as_deref(), a.source.as_deref(), a.date.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !meta.is_empty() && y < area.bottom() {
                let line = fit_line(&meta.join(" · "), width, self.order);
                buf.set_stringn(area.x, y, line.aligned(width), width, self.theme.dim);
                y += 1;
            }
        }
    }
}
