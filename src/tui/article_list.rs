//! The article list: one row per title (shaped and reordered, right-aligned
//! for Arabic, cut with an ellipsis at the end side), and a dim second row
//! with source and date when they are known. Unread titles are bold; an
//! article a refresh just brought has a ● at the start of its title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::corpus::Article;
use crate::text::{Direction, Order, fit_line};

use super::theme::Theme;

pub struct ArticleList<'a> {
    pub articles: &'a [Article],
    /// Which articles are listed (all, or an actor's stories), in order.
    pub indices: &'a [usize],
    /// Matches per listed article (a corpus search), parallel to `indices`.
    pub counts: Option<&'a [usize]>,
    /// Read state and freshness per article (same index as `articles`).
    pub read: &'a [bool],
    pub fresh: &'a [bool],
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
            let mut title_style = if selected {
                if self.focused {
                    self.theme.selected
                } else {
                    self.theme.selected.patch(self.theme.dim)
                }
            } else {
                self.theme.text
            };
            if !self.read.get(i).copied().unwrap_or(true) {
                title_style = title_style.add_modifier(ratatui::style::Modifier::BOLD);
            }
            let fresh = self.fresh.get(i).copied().unwrap_or(false) && width > 4;
            let title = if a.title.is_empty() {
                a.path.as_str()
            } else {
                a.title.as_str()
            };
            let room = if fresh { width - 2 } else { width };
            let fitted = fit_line(title, room, self.order);
            if selected {
                buf.set_style(Rect::new(area.x, y, area.width, 1), title_style);
            }
            // the mark goes where the title starts: right of a right-to-left one
            let (text_x, mark_x) = match fitted.direction {
                Direction::Rtl => (area.x, area.x + room as u16 + 1),
                Direction::Ltr => (area.x + 2, area.x),
            };
            if fresh {
                buf.set_stringn(text_x, y, fitted.aligned(room), room, title_style);
                buf.set_stringn(mark_x, y, "●", 1, self.theme.fresh);
            } else {
                buf.set_stringn(area.x, y, fitted.aligned(width), width, title_style);
            }
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
