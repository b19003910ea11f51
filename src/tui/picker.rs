//! A list over the whole screen to pick from: the feeds (`F`), the actors
//! of the corpus (`P`) and an actor's statements. Two lines a row (what,
//! then details); arrows, PgUp/PgDn, Home/End and the panes' own moving
//! keys move; Enter picks; Esc goes back. A picker that filters takes
//! typed characters as its query (folded: hamza, ta marbuta, harakat do
//! not matter) and moves with the arrows only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::actions::Action;
use super::scroll::ListScroll;
use super::theme::Theme;
use crate::text::normalize::fold;
use crate::text::{Direction, Order, direction, fit_line_as};

/// One row: what it is, and its details (dimmed, or in the alert style).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickRow {
    pub title: String,
    pub detail: String,
    /// The details say something went wrong (a feed's last error).
    pub alert: bool,
    /// What typing matches, folded.
    pub key: String,
}

impl PickRow {
    /// A row whose details are `parts`, each isolated (a number stays with
    /// its part, whatever the direction of the others), between ` · `.
    pub fn with_details(title: String, parts: &[String]) -> PickRow {
        let detail = parts
            .iter()
            .map(|d| direction::isolate(d))
            .collect::<Vec<_>>()
            .join(" · ");
        PickRow::new(title, detail)
    }

    pub fn new(title: String, detail: String) -> PickRow {
        let key = fold(&title);
        PickRow {
            title,
            detail,
            alert: false,
            key,
        }
    }
}

/// What a key did to a picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picked {
    Stay,
    Back,
    /// The row at this index of the rows given.
    Row(usize),
}

/// The picker's state.
#[derive(Clone, Debug)]
pub struct Picker {
    title: String,
    rows: Vec<PickRow>,
    /// The rows the query lets through, by index.
    shown: Vec<usize>,
    /// The query typed, for a picker that filters.
    query: Option<String>,
    scroll: ListScroll,
    /// Said when there is no row.
    empty: String,
}

/// Rows a picker of `height` lines shows.
fn visible(height: u16) -> usize {
    (height.saturating_sub(2) / 2) as usize
}

impl Picker {
    pub fn new(title: String, rows: Vec<PickRow>, filters: bool, empty: String) -> Picker {
        let shown = (0..rows.len()).collect();
        Picker {
            title,
            rows,
            shown,
            query: filters.then(String::new),
            scroll: ListScroll::default(),
            empty,
        }
    }

    pub fn filters(&self) -> bool {
        self.query.is_some()
    }

    /// The index (among the rows given) of the selected row.
    pub fn selected(&self) -> Option<usize> {
        self.shown.get(self.scroll.selected).copied()
    }

    /// Select row `i` of the rows given (when it is shown), on a screen
    /// `height` rows high.
    pub fn select(&mut self, i: usize, height: u16) {
        if let Some(pos) = self.shown.iter().position(|&s| s == i) {
            self.scroll.select(pos, self.shown.len(), visible(height));
        }
    }

    /// Row `i` of the rows given.
    pub fn row(&self, i: usize) -> &PickRow {
        &self.rows[i]
    }

    /// A character typed into the query.
    pub fn type_char(&mut self, c: char) {
        if let Some(q) = &mut self.query {
            q.push(c);
            self.refilter();
        }
    }

    /// Backspace in the query; false when it was empty already.
    pub fn erase(&mut self) -> bool {
        let Some(q) = &mut self.query else {
            return false;
        };
        if q.pop().is_none() {
            return false;
        }
        self.refilter();
        true
    }

    fn refilter(&mut self) {
        let q = fold(self.query.as_deref().unwrap_or(""));
        let q = q.trim();
        self.shown = (0..self.rows.len())
            .filter(|&i| q.is_empty() || self.rows[i].key.contains(q))
            .collect();
        self.scroll = ListScroll::default();
    }

    /// A key's action, on a screen `height` rows high.
    pub fn on_action(&mut self, action: Action, height: u16) -> Picked {
        let rows = visible(height);
        let len = self.shown.len();
        match action {
            Action::Close | Action::Quit => return Picked::Back,
            Action::Open => {
                return self.selected().map_or(Picked::Stay, Picked::Row);
            }
            Action::PromptErase => {
                self.erase();
            }
            _ => {
                self.scroll.on_move(action, len, rows);
            }
        }
        Picked::Stay
    }

    /// Draw over `area` (the screen above the status line).
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, order: Order) {
        Clear.render(area, buf);
        let title = match &self.query {
            Some(q) => format!(
                " {} ({}) · {}▏ ",
                self.title,
                self.shown.len(),
                direction::isolate(q)
            ),
            None => format!(" {} ({}) ", self.title, self.shown.len()),
        };
        // shaped like every text (an actor's name, a query typed in Arabic)
        let title = fit_line_as(
            &title,
            area.width.saturating_sub(2) as usize,
            order,
            super::i18n::direction(),
        );
        let title = ratatui::text::Line::raw(title.text);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(match super::i18n::direction() {
                Direction::Rtl => title.right_aligned(),
                Direction::Ltr => title,
            });
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        if self.shown.is_empty() {
            let line = fit_line_as(&self.empty, width, order, super::i18n::direction());
            buf.set_stringn(inner.x, inner.y, line.aligned(width), width, theme.dim);
            return;
        }
        let mut y = inner.y;
        for (pos, &i) in self.shown.iter().enumerate().skip(self.scroll.offset) {
            if y >= inner.bottom() {
                break;
            }
            let row = &self.rows[i];
            let selected = pos == self.scroll.selected;
            let style = if selected { theme.selected } else { theme.text };
            if selected {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            }
            let title = fit_line_as(&row.title, width, order, Direction::Ltr);
            buf.set_stringn(inner.x, y, title.aligned(width), width, style);
            y += 1;
            if y >= inner.bottom() {
                break;
            }
            let detail_style: Style = if row.alert { theme.alert } else { theme.dim };
            let detail = fit_line_as(&row.detail, width, order, super::i18n::direction());
            buf.set_stringn(inner.x, y, detail.aligned(width), width, detail_style);
            y += 1;
        }
    }
}
