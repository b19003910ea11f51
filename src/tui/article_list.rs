//! The article list pane: which articles are listed (all, one actor's
//! stories, or a corpus search's results with their counts), which one is
//! selected, and their drawing. Every row is [`ROW_HEIGHT`] lines: the title
//! (shaped and reordered, right-aligned for Arabic, cut with an ellipsis at
//! the end side), then a dim line with the count, source and date. Unread
//! titles are bold; an article a refresh just brought has a ● at the start
//! of its title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::text::{Direction, Order, fit_line};

use super::actions::Action;
use super::library::Library;
use super::scroll::ListScroll;
use super::theme::Theme;

/// Lines per listed article: the title and its meta line.
pub const ROW_HEIGHT: usize = 2;

/// The list narrowed to some articles: one actor's stories (`a`), or the
/// results of a corpus search (`s`), best first.
#[derive(Clone, Debug)]
pub struct Filter {
    /// What the list shows, for its title: an actor's name, or «query».
    pub name: String,
    pub articles: Vec<usize>,
    /// Matches per listed article, for a corpus search.
    pub counts: Option<Vec<usize>>,
    /// The corpus query this list answers, if it is a search.
    pub query: Option<String>,
    /// The article selected before the filter (Esc goes back to it).
    pub saved: Option<usize>,
}

/// The list pane's state.
#[derive(Clone, Debug, Default)]
pub struct ArticleList {
    pub scroll: ListScroll,
    pub filter: Option<Filter>,
}

impl ArticleList {
    /// How many articles are listed, of `total`.
    pub fn len(&self, total: usize) -> usize {
        self.filter.as_ref().map_or(total, |f| f.articles.len())
    }

    /// The article at position `pos` of the list.
    pub fn article_at(&self, pos: usize, total: usize) -> Option<usize> {
        match &self.filter {
            Some(f) => f.articles.get(pos).copied(),
            None => (pos < total).then_some(pos),
        }
    }

    /// The selected article.
    pub fn current(&self, total: usize) -> Option<usize> {
        self.article_at(self.scroll.selected, total)
    }

    /// Where article `i` is in the list.
    pub fn position_of(&self, i: usize, total: usize) -> Option<usize> {
        match &self.filter {
            Some(f) => f.articles.iter().position(|&a| a == i),
            None => (i < total).then_some(i),
        }
    }

    /// Articles that fit in `height` lines (0: the list is not on screen).
    pub fn rows(height: u16) -> usize {
        height as usize / ROW_HEIGHT
    }

    /// Select the article at `pos` and bring it into view.
    pub fn select(&mut self, pos: usize, total: usize, height: u16) {
        self.scroll
            .select(pos, self.len(total), ArticleList::rows(height));
    }

    /// Moves of the selection; false for an action that is not the list's.
    pub fn on_action(&mut self, action: Action, total: usize, height: u16) -> bool {
        let rows = ArticleList::rows(height);
        let page = rows.saturating_sub(1).max(1) as isize;
        let len = self.len(total);
        match action {
            Action::Down => self.scroll.move_by(1, len, rows),
            Action::Up => self.scroll.move_by(-1, len, rows),
            Action::PageDown => self.scroll.move_by(page, len, rows),
            Action::PageUp => self.scroll.move_by(-page, len, rows),
            Action::HalfPageDown => self.scroll.move_by((page / 2).max(1), len, rows),
            Action::HalfPageUp => self.scroll.move_by(-(page / 2).max(1), len, rows),
            Action::Top => self.scroll.select(0, len, rows),
            Action::Bottom => self.scroll.select(len.saturating_sub(1), len, rows),
            _ => return false,
        }
        true
    }

    /// The article under row `row` of the pane's inside.
    pub fn article_under(&self, row: u16, total: usize) -> Option<usize> {
        let pos = self
            .scroll
            .item_at(row as usize / ROW_HEIGHT, self.len(total))?;
        self.article_at(pos, total)
    }

    /// The pane's title: how many articles, and what they are filtered on.
    pub fn title(&self, total: usize, width: u16, order: Order) -> String {
        match &self.filter {
            Some(f) => format!(
                " Articles ({}/{total}) · {} ",
                f.articles.len(),
                fit_line(&f.name, (width as usize).saturating_sub(20).max(4), order).text
            ),
            None => format!(" Articles ({total}) "),
        }
    }

    /// Draw the rows in view.
    pub fn render(&self, area: Rect, buf: &mut Buffer, view: ListView) {
        let width = area.width as usize;
        let total = view.library.len();
        let selected = self.current(total);
        let mut y = area.y;
        for pos in self.scroll.offset..self.len(total) {
            if y >= area.bottom() {
                break;
            }
            let Some(i) = self.article_at(pos, total) else {
                break;
            };
            let Some(entry) = view.library.get(i) else {
                break;
            };
            let a = &entry.article;
            let is_selected = Some(i) == selected;
            let mut style = if is_selected {
                if view.focused {
                    view.theme.selected
                } else {
                    view.theme.selected.patch(view.theme.dim)
                }
            } else {
                view.theme.text
            };
            if !entry.read {
                style = style.add_modifier(Modifier::BOLD);
            }
            let fresh = entry.fresh && width > 4;
            let title = if a.title.is_empty() {
                a.path.as_str()
            } else {
                a.title.as_str()
            };
            let room = if fresh { width - 2 } else { width };
            let fitted = fit_line(title, room, view.order);
            if is_selected {
                buf.set_style(Rect::new(area.x, y, area.width, 1), style);
            }
            if fresh {
                // the mark goes where the title starts: right of a right-to-left one
                let (text_x, mark_x) = match fitted.direction {
                    Direction::Rtl => (area.x, area.x + room as u16 + 1),
                    Direction::Ltr => (area.x + 2, area.x),
                };
                buf.set_stringn(text_x, y, fitted.aligned(room), room, style);
                buf.set_stringn(mark_x, y, "●", 1, view.theme.fresh);
            } else {
                buf.set_stringn(area.x, y, fitted.aligned(width), width, style);
            }
            y += 1;
            if y >= area.bottom() {
                break;
            }
            let count = self
                .filter
                .as_ref()
                .and_then(|f| f.counts.as_ref()?.get(pos))
                .map(|n| format!("{n}×"));
            let meta: Vec<&str> = [count.as_deref(), a.source.as_deref(), a.date.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !meta.is_empty() {
                let line = fit_line(&meta.join(" · "), width, view.order);
                buf.set_stringn(area.x, y, line.aligned(width), width, view.theme.dim);
            }
            y += 1;
        }
    }
}

/// What the list draws with.
pub struct ListView<'a> {
    pub library: &'a Library,
    pub focused: bool,
    pub order: Order,
    pub theme: &'a Theme,
}
