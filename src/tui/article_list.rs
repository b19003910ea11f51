//! The article list pane: which articles are listed (the whole store or
//! the paths given, one actor's stories, a corpus search's results with
//! their counts), which one is selected, the rows read around the screen,
//! and their drawing. The list is virtual: a key costs the same at any
//! length, because only the rows on screen and a margin either side are
//! read, a page at a time.
//!
//! Every row is [`ROW_HEIGHT`] lines: the title (shaped and reordered,
//! right-aligned for Arabic, cut with an ellipsis at the end side), then a
//! dim line with the count, source and date. Unread titles are bold; an
//! article a refresh just brought has a ● at the start of its title.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::corpus::store::read::{ListRow, Towards};
use crate::text::{Direction, Order, direction, fit_line, fit_line_as};

use super::actions::Action;
use super::dates::Clock;
use super::i18n::tr;
use super::library::{Library, Listing};
use super::scroll::ListScroll;
use super::theme::Theme;

/// Lines per listed article: the title and its meta line.
pub const ROW_HEIGHT: usize = 2;

/// Rows read on each side of the screen.
const MARGIN: usize = 50;

/// The list narrowed to some articles: one actor's stories (`a`), or the
/// results of a corpus search (`s`), best first.
#[derive(Clone, Debug)]
pub struct Filter {
    /// What the list shows, for its title: an actor's name, or «query».
    pub name: String,
    pub ids: Arc<Vec<i64>>,
    /// Matches per listed article (same order), for a corpus search.
    pub counts: Option<Arc<Vec<u32>>>,
    /// The corpus query this list answers, if it is a search.
    pub query: Option<String>,
    /// The article selected before the filter (Esc goes back to it).
    pub saved: Option<i64>,
    /// Every result is in (a search still running says so).
    pub complete: bool,
}

/// Rows read: positions `start..start + rows.len()` of the listing.
#[derive(Clone, Debug, Default)]
struct Window {
    start: usize,
    rows: Vec<ListRow>,
}

/// The list pane's state.
#[derive(Clone, Debug)]
pub struct ArticleList {
    pub scroll: ListScroll,
    /// What the list holds without a filter: the whole store, or the
    /// articles of the paths given.
    pub base: Listing,
    /// The base before `S` ordered it otherwise than by date.
    pub unsorted: Option<Listing>,
    pub filter: Option<Filter>,
    window: Window,
    /// Where the selected row stands in the newest-first order, kept
    /// when the rows are read again (after a refresh, say).
    pub selected_key: Option<(i64, i64)>,
}

impl Default for ArticleList {
    fn default() -> Self {
        ArticleList {
            scroll: ListScroll::default(),
            base: Listing::All,
            unsorted: None,
            filter: None,
            window: Window::default(),
            selected_key: None,
        }
    }
}

impl ArticleList {
    /// What is listed now.
    pub fn listing(&self) -> Listing {
        match &self.filter {
            Some(f) => Listing::Ids(Arc::clone(&f.ids)),
            None => self.base.clone(),
        }
    }

    /// How many articles are listed.
    pub fn len(&self, lib: &Library) -> usize {
        match &self.filter {
            Some(f) => f.ids.len(),
            None => lib.len(&self.base),
        }
    }

    /// The listing changed (a filter, a refresh): rows are read again.
    pub fn forget_rows(&mut self) {
        self.window = Window::default();
    }

    /// The row at position `pos`, when read.
    pub fn row_at(&self, pos: usize) -> Option<&ListRow> {
        pos.checked_sub(self.window.start)
            .and_then(|i| self.window.rows.get(i))
    }

    /// The selected row.
    pub fn current(&self) -> Option<&ListRow> {
        self.row_at(self.scroll.selected)
    }

    /// Articles that fit in `height` lines (0: the list is not on screen).
    pub fn rows(height: u16) -> usize {
        height as usize / ROW_HEIGHT
    }

    /// Read the rows of the screen (and a margin either side) if they are
    /// not read yet.
    pub fn prepare(&mut self, lib: &Library, height: u16) {
        let len = self.len(lib);
        let shown = ArticleList::rows(height).max(1);
        let lo = self.scroll.offset.min(self.scroll.selected);
        let hi = (self.scroll.offset + shown)
            .max(self.scroll.selected + 1)
            .min(len);
        let have = self.window.start..self.window.start + self.window.rows.len();
        if len == 0 {
            self.window = Window::default();
            return;
        }
        if lo >= have.start && hi <= have.end {
            return;
        }
        let lo = lo.saturating_sub(MARGIN);
        let hi = (hi + MARGIN).min(len);
        self.window = match self.listing() {
            Listing::Ids(ids) => Window {
                start: lo,
                rows: lib.rows_of(&ids[lo..hi]),
            },
            Listing::All => self.read_store(lib, lo, hi, len),
        };
    }

    /// Remember where the selected row stands (see `selected_key`).
    pub fn remember(&mut self) {
        if let Some(r) = self.current() {
            self.selected_key = Some(r.key());
        }
    }

    /// Rows `lo..hi` of the whole store: by keyset from the rows already
    /// read, or from either end, or (a jump into the middle) by offset.
    fn read_store(&self, lib: &Library, lo: usize, hi: usize, len: usize) -> Window {
        let w = &self.window;
        let have = w.start..w.start + w.rows.len();
        let want = hi - lo;
        if !w.rows.is_empty() && lo >= have.start && lo < have.end {
            let mut rows: Vec<ListRow> = w.rows[lo - have.start..].to_vec();
            if rows.len() < want {
                let last = rows.last().map(ListRow::key);
                rows.extend(lib.page(last, Towards::Older, want - rows.len()));
            }
            return Window { start: lo, rows };
        }
        if !w.rows.is_empty() && hi > have.start && hi <= have.end {
            let mut rows: Vec<ListRow> = w.rows[..hi - have.start].to_vec();
            if rows.len() < want {
                let first = rows.first().map(ListRow::key);
                let mut above = lib.page(first, Towards::Newer, want - rows.len());
                above.append(&mut rows);
                rows = above;
            }
            return Window {
                start: hi - rows.len(),
                rows,
            };
        }
        if lo == 0 {
            return Window {
                start: 0,
                rows: lib.page(None, Towards::Older, want),
            };
        }
        if hi >= len {
            let rows = lib.page(None, Towards::Newer, want);
            return Window {
                start: len - rows.len(),
                rows,
            };
        }
        Window {
            start: lo,
            rows: lib.page_at(lo, want),
        }
    }

    /// Select position `pos` and bring it into view.
    pub fn select(&mut self, pos: usize, lib: &Library, height: u16) {
        let len = self.len(lib);
        self.scroll.select(pos, len, ArticleList::rows(height));
        self.prepare(lib, height);
    }

    /// Where article `id` is in the list, when it can be told cheaply (the
    /// rows read, or a list of ids).
    pub fn position_of(&self, id: i64) -> Option<usize> {
        if let Some(i) = self.window.rows.iter().position(|r| r.id == id) {
            return Some(self.window.start + i);
        }
        match self.listing() {
            Listing::Ids(ids) => ids.iter().position(|&x| x == id),
            Listing::All => None,
        }
    }

    /// Moves of the selection; false for an action that is not the list's.
    pub fn on_action(&mut self, action: Action, lib: &Library, height: u16) -> bool {
        let rows = ArticleList::rows(height);
        let len = self.len(lib);
        if !self.scroll.on_move(action, len, rows) {
            return false;
        }
        self.prepare(lib, height);
        true
    }

    /// The position under row `row` of the pane's inside.
    pub fn position_under(&self, row: u16, lib: &Library) -> Option<usize> {
        self.scroll
            .item_at(row as usize / ROW_HEIGHT, self.len(lib))
    }

    /// The pane's title: how many articles, and what they are filtered on.
    pub fn title(&self, lib: &Library) -> String {
        let n = (lib.len(&self.base) as u64).into();
        match &self.filter {
            Some(f) => {
                // the name cut: the counts stay whole (the title is fitted
                // to the pane after)
                let name: String = f.name.chars().take(40).collect();
                let name = if name.len() < f.name.len() {
                    format!("{name}…")
                } else {
                    name
                };
                tr(
                    "pane-articles-filtered",
                    &[
                        ("shown", (f.ids.len() as u64).into()),
                        ("more", if f.complete { "" } else { "…" }.into()),
                        ("n", n),
                        ("name", direction::isolate(&name).into()),
                    ],
                )
            }
            None => tr("pane-articles", &[("n", n)]),
        }
    }

    /// Draw the rows in view.
    pub fn render(&self, area: Rect, buf: &mut Buffer, view: ListView) {
        let width = area.width as usize;
        let len = self.len(view.library);
        if let Some(f) = self.filter.as_ref().filter(|f| len == 0 && f.complete)
            && let Some(q) = &f.query
        {
            let said = tr("no-article-contains", &[("query", q.as_str().into())]);
            let line = fit_line(&said, width, view.order);
            buf.set_stringn(area.x, area.y, line.aligned(width), width, view.theme.dim);
            return;
        }
        let mut y = area.y;
        for pos in self.scroll.offset..len {
            if y >= area.bottom() {
                break;
            }
            let Some(row) = self.row_at(pos) else {
                break;
            };
            let is_selected = pos == self.scroll.selected;
            let mut style = if is_selected {
                if view.focused {
                    view.theme.selected
                } else {
                    view.theme.selected.patch(view.theme.dim)
                }
            } else {
                view.theme.text
            };
            if !view.library.is_read(row) {
                style = style.add_modifier(Modifier::BOLD);
            }
            let fresh = view.library.is_fresh(row.id) && width > 4;
            let title = if row.title.is_empty() {
                row.path.as_str()
            } else {
                row.title.as_str()
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
            let date = view.clock.compact(row.date);
            let meta: Vec<String> = [count.as_deref(), row.source.as_deref(), Some(date.as_str())]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .map(direction::isolate)
                .collect();
            if !meta.is_empty() {
                let line = fit_line_as(&meta.join(" · "), width, view.order, fitted.direction);
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
    pub clock: &'a Clock,
}
