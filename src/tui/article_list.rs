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

/// Rows `lo..hi` of the whole store read afresh: from either end by
/// keyset, or (a jump into the middle) by offset.
fn read_store(lib: &Library, lo: usize, hi: usize, len: usize) -> Window {
    let want = hi - lo;
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

/// The list pane's state.
#[derive(Clone, Debug)]
pub struct ArticleList {
    scroll: ListScroll,
    /// What the list holds without a filter: the whole store, or the
    /// articles of the paths given.
    base: Listing,
    /// The base before `S` ordered it otherwise than by date.
    unsorted: Option<Listing>,
    filter: Option<Filter>,
    window: Window,
    /// Where the selected row stands in the newest-first order, kept
    /// when the rows are read again (after a refresh, say).
    selected_key: Option<(i64, i64)>,
    /// The lines the pane has (given by the layout; a list that is not on
    /// screen pages as if it filled the screen).
    height: u16,
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
            height: 0,
        }
    }
}

impl ArticleList {
    /// The pane is `height` lines high (from the layout, once a message).
    pub fn resize(&mut self, height: u16) {
        self.height = height;
    }

    /// Articles on screen.
    fn visible(&self) -> usize {
        ArticleList::rows(self.height)
    }

    /// The selection and the first row shown.
    pub fn scroll(&self) -> ListScroll {
        self.scroll
    }

    /// The selected position.
    pub fn selected_pos(&self) -> usize {
        self.scroll.selected
    }

    /// What the list holds without a filter.
    pub fn base(&self) -> &Listing {
        &self.base
    }

    /// The filter, if the list is narrowed.
    pub fn filter(&self) -> Option<&Filter> {
        self.filter.as_ref()
    }

    /// Where the selected row stands in the newest-first order.
    pub fn selected_key(&self) -> Option<(i64, i64)> {
        self.selected_key
    }

    /// A new listing starts at its top, its rows read again.
    fn start_over(&mut self) {
        self.scroll = ListScroll::default();
        self.window = Window::default();
    }

    /// List `base` (the paths given), no filter.
    pub fn show(&mut self, base: Listing) {
        self.base = base;
        self.filter = None;
        self.start_over();
    }

    /// A new order of the base (`S`), and the base it was made from
    /// (`None` back in date order).
    pub fn reorder(&mut self, base: Listing, unsorted: Option<Listing>) {
        self.base = base;
        self.unsorted = unsorted;
        self.start_over();
    }

    /// The base before it was ordered otherwise than by date.
    pub fn unsorted(&self) -> Listing {
        self.unsorted.clone().unwrap_or_else(|| self.base.clone())
    }

    /// Keep `unsorted` as the base an order answered later is made from.
    pub fn ordering(&mut self, unsorted: Listing) {
        self.unsorted = Some(unsorted);
    }

    /// Narrow the list.
    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = Some(filter);
        self.start_over();
    }

    /// The whole list again; the filter there was.
    pub fn take_filter(&mut self) -> Option<Filter> {
        let f = self.filter.take();
        if f.is_some() {
            self.start_over();
        }
        f
    }

    /// Hits of a search running: listed after those already in.
    pub fn add_hits(&mut self, hits: impl IntoIterator<Item = (i64, u32)>) {
        if let Some(f) = &mut self.filter {
            let ids = Arc::make_mut(&mut f.ids);
            let counts = Arc::make_mut(f.counts.get_or_insert_with(Default::default));
            for (id, n) in hits {
                ids.push(id);
                counts.push(n);
            }
            self.window = Window::default();
        }
    }

    /// The search is over: its hits in the order `order` gives (indices
    /// into the hits as they came).
    pub fn rank(&mut self, order: &[u32]) {
        if let Some(f) = &mut self.filter {
            let counts = f.counts.take().unwrap_or_default();
            f.ids = Arc::new(order.iter().map(|&i| f.ids[i as usize]).collect());
            f.counts = Some(Arc::new(
                order.iter().map(|&i| counts[i as usize]).collect(),
            ));
            f.complete = true;
            self.window = Window::default();
        }
    }

    /// The filter's articles, all of them (an actor's stories): listed
    /// from the top.
    pub fn complete(&mut self, ids: Vec<i64>) {
        if let Some(f) = &mut self.filter {
            f.ids = Arc::new(ids);
            f.complete = true;
            self.start_over();
        }
    }

    /// Back to the top of the list.
    pub fn to_top(&mut self, lib: &Library) {
        self.scroll = ListScroll::default();
        self.prepare(lib);
    }

    /// The store changed under the whole-store list and the selected
    /// article is now at `pos`: it stays selected, as far from the top of
    /// the screen as it was.
    pub fn follow(&mut self, pos: usize, lib: &Library) {
        self.window = Window::default();
        self.scroll.offset += pos.saturating_sub(self.scroll.selected);
        self.scroll.selected = pos;
        self.prepare(lib);
    }

    /// Is the selection at the end the list would move past by `delta`?
    pub fn at_end(&self, delta: isize, lib: &Library) -> bool {
        let len = self.len(lib);
        let at = self.scroll.selected;
        len > 0 && ((delta > 0 && at + 1 >= len) || (delta < 0 && at == 0))
    }

    /// Move the selection by `delta` articles.
    pub fn move_by(&mut self, delta: isize, lib: &Library) {
        let len = self.len(lib);
        self.scroll.move_by(delta, len, self.visible());
        self.prepare(lib);
    }

    /// The wheel: the view moves by `delta` articles, the selection stays.
    pub fn wheel(&mut self, delta: isize, lib: &Library) {
        let len = self.len(lib);
        self.scroll.wheel(delta, len, self.visible());
    }

    /// Keep the view inside the list (its length or the pane's height
    /// changed).
    pub fn clamp(&mut self, lib: &Library) {
        let len = self.len(lib);
        self.scroll.clamp(len, self.visible());
    }

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

    /// Read the rows of the screen that are not read yet, and only those:
    /// a row the disk cache does not hold is a read of its own, and a key's
    /// frame waits on no more of them than it shows. The margin either
    /// side is read after the frame ([`ArticleList::prefetch`]).
    pub fn prepare(&mut self, lib: &Library) {
        if let Some((lo, hi)) = self.screen(lib) {
            self.cover(lib, lo, hi);
        }
    }

    /// Read [`MARGIN`] rows either side of the screen where they are not
    /// read yet: done after a frame, for the next keys.
    pub fn prefetch(&mut self, lib: &Library) {
        if let Some((lo, hi)) = self.screen(lib) {
            let len = self.len(lib);
            self.cover(lib, lo.saturating_sub(MARGIN), (hi + MARGIN).min(len));
        }
    }

    /// The positions on screen (`None`, and nothing read, for an empty list).
    fn screen(&mut self, lib: &Library) -> Option<(usize, usize)> {
        let len = self.len(lib);
        if len == 0 {
            self.window = Window::default();
            return None;
        }
        let shown = self.visible().max(1);
        let lo = self.scroll.offset.min(self.scroll.selected).min(len - 1);
        let hi = (self.scroll.offset + shown)
            .max(self.scroll.selected + 1)
            .min(len);
        Some((lo, hi))
    }

    /// Make the rows read cover positions `lo..hi`: the rows missing read
    /// on from those already read where they meet (by keyset), else read
    /// afresh; rows further than [`MARGIN`] beyond `lo..hi` are let go.
    fn cover(&mut self, lib: &Library, lo: usize, hi: usize) {
        let len = self.len(lib);
        let listing = self.listing();
        let w = &mut self.window;
        let have = w.start..w.start + w.rows.len();
        if lo >= have.start && hi <= have.end {
            return;
        }
        if w.rows.is_empty() || hi < have.start || lo > have.end {
            *w = match listing {
                Listing::Ids(ids) => Window {
                    start: lo,
                    rows: lib.rows_of(&ids[lo..hi]),
                },
                Listing::All => read_store(lib, lo, hi, len),
            };
            return;
        }
        if hi > have.end {
            let more = match &listing {
                Listing::Ids(ids) => lib.rows_of(&ids[have.end..hi]),
                Listing::All => {
                    let last = w.rows.last().map(ListRow::key);
                    lib.page(last, Towards::Older, hi - have.end)
                }
            };
            w.rows.extend(more);
        }
        if lo < have.start {
            let mut above = match &listing {
                Listing::Ids(ids) => lib.rows_of(&ids[lo..have.start]),
                Listing::All => {
                    let first = w.rows.first().map(ListRow::key);
                    lib.page(first, Towards::Newer, have.start - lo)
                }
            };
            w.start -= above.len();
            above.append(&mut w.rows);
            w.rows = above;
        }
        // what lies far from lo..hi is let go: the rows held stay bounded
        let keep = lo.saturating_sub(MARGIN)..hi + MARGIN;
        let cut_end = keep.end.saturating_sub(w.start).min(w.rows.len());
        w.rows.truncate(cut_end);
        let cut_start = keep.start.saturating_sub(w.start).min(w.rows.len());
        w.rows.drain(..cut_start);
        w.start += cut_start;
    }

    /// Remember where the selected row stands (see `selected_key`).
    pub fn remember(&mut self) {
        if let Some(r) = self.current() {
            self.selected_key = Some(r.key());
        }
    }

    /// Select position `pos` and bring it into view.
    pub fn select(&mut self, pos: usize, lib: &Library) {
        let len = self.len(lib);
        self.scroll.select(pos, len, self.visible());
        self.prepare(lib);
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
    pub fn on_action(&mut self, action: Action, lib: &Library) -> bool {
        let len = self.len(lib);
        if !self.scroll.on_move(action, len, self.visible()) {
            return false;
        }
        self.prepare(lib);
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
            // a feed's item that said no date shows none
            let date = (!row.undated()).then(|| view.clock.compact(row.date));
            let meta: Vec<String> = [count.as_deref(), row.source.as_deref(), date.as_deref()]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::tui::app::library_of;

    /// 400 articles, listed newest first as `عنوان 0`, `عنوان 1`, ...
    fn library() -> Library {
        library_of(
            (0..400)
                .map(|i| {
                    Article::from_plain_text(format!("a{i}.txt"), &format!("عنوان {i}\n\nنص {i}"))
                })
                .collect(),
        )
    }

    /// Every row on screen is the one at its position, and the rows held
    /// stay within the margins.
    fn check(list: &ArticleList, height: u16) {
        let shown = ArticleList::rows(height);
        for pos in list.scroll.offset..(list.scroll.offset + shown).min(400) {
            let row = list.row_at(pos).expect("a row on screen is read");
            assert_eq!(row.title, format!("عنوان {pos}"));
        }
        assert!(
            list.window.rows.len() <= shown + 4 * MARGIN,
            "{}",
            list.window.rows.len()
        );
    }

    #[test]
    fn a_key_reads_only_the_rows_it_shows_and_the_margin_comes_after_the_frame() {
        let lib = library();
        let height = 20; // 10 rows
        let mut list = ArticleList::default();
        list.resize(height);
        list.prepare(&lib);
        check(&list, height);
        assert_eq!(
            list.window.rows.len(),
            10,
            "the first frame reads its screen"
        );
        list.prefetch(&lib);
        assert_eq!(list.window.rows.len(), 10 + MARGIN);
        // G: the end of the list, read alone, then its margin above
        assert!(list.on_action(Action::Bottom, &lib));
        check(&list, height);
        assert_eq!(list.window.start, 390);
        list.prefetch(&lib);
        assert_eq!(list.window.start, 390 - MARGIN);
        check(&list, height);
        // moving row by row and page by page, across every edge of what
        // is read, up to the top and back
        let moves = [
            Action::Up,
            Action::PageUp,
            Action::Up,
            Action::Top,
            Action::Down,
            Action::PageDown,
        ]
        .iter()
        .flat_map(|&a| std::iter::repeat_n(a, if matches!(a, Action::Top) { 1 } else { 70 }));
        for (k, action) in moves.enumerate() {
            list.on_action(action, &lib);
            check(&list, height);
            if k % 3 == 0 {
                list.prefetch(&lib);
                check(&list, height);
            }
        }
    }

    #[test]
    fn a_filtered_list_is_read_the_same_way() {
        let lib = library();
        let height = 20;
        let mut list = ArticleList::default();
        list.resize(height);
        // the even articles, newest first
        let ids: Vec<i64> = {
            let all = lib.page(None, Towards::Older, 400);
            all.iter().step_by(2).map(|r| r.id).collect()
        };
        list.filter = Some(Filter {
            name: "even".into(),
            ids: Arc::new(ids),
            counts: None,
            query: None,
            saved: None,
            complete: true,
        });
        for (k, action) in std::iter::repeat_n(Action::Down, 150)
            .chain(std::iter::repeat_n(Action::PageUp, 20))
            .chain([Action::Bottom])
            .chain(std::iter::repeat_n(Action::Up, 80))
            .enumerate()
        {
            list.on_action(action, &lib);
            if k % 2 == 0 {
                list.prefetch(&lib);
            }
            for pos in list.scroll.offset..(list.scroll.offset + 10).min(200) {
                let row = list.row_at(pos).expect("a row on screen is read");
                assert_eq!(row.title, format!("عنوان {}", pos * 2));
            }
        }
    }
}
