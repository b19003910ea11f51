//! The reading pane: the selected article laid out for the pane's width
//! (cached per article and width), its scroll, the fact's sentence and the
//! search matches highlighted on their exact cells, and the in-article
//! search (`/`, `n`, `N`).

use std::ops::Range;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::config::LayoutDir;
use crate::corpus::Article;
use crate::search::{Query, find_in};
use crate::text::normalize::Folded;
use crate::text::{Layout, LayoutCache, Order, layout_blocks_as};

use super::actions::Action;
use super::theme::Theme;

/// A highlighted logical range and its style.
#[derive(Clone, Debug)]
pub struct Highlight {
    pub range: Range<usize>,
    pub style: Style,
}

/// Matches of a query in the shown article.
#[derive(Clone, Debug, Default)]
pub struct ArticleSearch {
    /// Byte ranges in the article's text.
    pub matches: Vec<Range<usize>>,
    pub current: usize,
}

/// Bytes of layouts the reader keeps (the articles read last, at the
/// widths they were shown at).
pub const LAYOUT_BUDGET: usize = 64 << 20;

/// The reading pane's state.
pub struct Reader {
    /// First line shown.
    pub scroll: usize,
    /// The article shown (its id) and its layout at the pane's width.
    article: Option<i64>,
    layout: Option<Arc<Layout>>,
    cache: LayoutCache,
    /// The text area's height.
    height: usize,
    /// A fact's sentence, highlighted.
    pub sentence: Option<Range<usize>>,
    pub search: Option<ArticleSearch>,
    /// The shown article folded once, for in-article search.
    folded: Option<(i64, Folded)>,
    /// The article last opened in the focused reader (marked read then,
    /// once, so that `u` can mark it unread again while reading it).
    pub opened: Option<i64>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            scroll: 0,
            article: None,
            layout: None,
            cache: LayoutCache::new(LAYOUT_BUDGET),
            height: 0,
            sentence: None,
            search: None,
            folded: None,
            opened: None,
        }
    }
}

impl Reader {
    /// Show `article` (its index and text) in a text area of `area`. A
    /// different article starts at the top, with nothing highlighted;
    /// true when the article changed.
    pub fn show(&mut self, article: Option<(i64, &Article)>, area: Rect, order: Order) -> bool {
        let index = article.map(|(i, _)| i);
        let changed = index != self.article;
        if changed {
            self.article = index;
            self.scroll = 0;
            self.sentence = None;
            self.search = None;
        }
        self.height = area.height as usize;
        let width = area.width.max(1);
        self.layout = article.map(|(i, a)| {
            let id = (i as u64) << 1 | (order == Order::Logical) as u64;
            self.cache.get_or_insert(id, width, || {
                let meta = a.meta_line();
                layout_blocks_as(&a.blocks(Some(&meta)), width, order)
            })
        });
        self.scroll = self.scroll.min(self.max_scroll());
        changed
    }

    /// The article shown.
    pub fn article(&self) -> Option<i64> {
        self.article
    }

    /// The shown article's layout.
    pub fn layout(&self) -> Option<&Arc<Layout>> {
        self.layout.as_ref()
    }

    /// Largest useful scroll.
    pub fn max_scroll(&self) -> usize {
        self.layout
            .as_ref()
            .map_or(0, |l| l.lines.len().saturating_sub(self.height))
    }

    /// How far down the article the pane is, 0-100.
    pub fn percent(&self) -> u16 {
        let max = self.max_scroll();
        (self.scroll.min(max) * 100)
            .checked_div(max)
            .map_or(100, |p| p as u16)
    }

    pub fn scroll_by(&mut self, delta: isize) {
        let max = self.max_scroll();
        self.scroll = (self.scroll as isize + delta).clamp(0, max as isize) as usize;
    }

    /// Scrolling keys; false for an action that is not the reader's.
    pub fn on_action(&mut self, action: Action) -> bool {
        let page = self.height.saturating_sub(1).max(1) as isize;
        match action {
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(page),
            Action::PageUp => self.scroll_by(-page),
            Action::HalfPageDown => self.scroll_by((page / 2).max(1)),
            Action::HalfPageUp => self.scroll_by(-(page / 2).max(1)),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = self.max_scroll(),
            _ => return false,
        }
        true
    }

    /// Scroll so that `range` (logical, in the article's text) is in view
    /// with a little context above, and highlight it.
    pub fn show_sentence(&mut self, range: Range<usize>) {
        if let Some(line) = self.layout.as_ref().and_then(|l| l.line_of(&range)) {
            let context = (self.height / 4).min(3);
            self.scroll = line.saturating_sub(context).min(self.max_scroll());
        }
        self.sentence = Some(range);
    }

    /// Find `query` in the shown article (`text`); the first match at or
    /// after line `from_line` becomes current and is scrolled to. The
    /// message to show (`3/12`, `no match`), or `None` for an empty query.
    pub fn find(&mut self, query: &str, text: &str, from_line: usize) -> Option<String> {
        let Some(q) = Query::new(query) else {
            self.search = None;
            return None;
        };
        let index = self.article?;
        if self.folded.as_ref().is_none_or(|(i, _)| *i != index) {
            self.folded = Some((index, Folded::new(text)));
        }
        let matches = self
            .folded
            .as_ref()
            .map(|(_, f)| find_in(&q, f))
            .unwrap_or_default();
        let current = self
            .layout
            .as_ref()
            .and_then(|l| {
                matches
                    .iter()
                    .position(|m| l.line_of(m).is_some_and(|line| line >= from_line))
            })
            .unwrap_or(0);
        self.search = Some(ArticleSearch { matches, current });
        Some(self.show_current_match())
    }

    /// Scroll to the current match; where it is (`3/12`) or `no match`.
    fn show_current_match(&mut self) -> String {
        let Some(s) = &self.search else {
            return String::new();
        };
        if s.matches.is_empty() {
            return "no match".into();
        }
        let (range, i, n) = (s.matches[s.current].clone(), s.current + 1, s.matches.len());
        if let Some(line) = self.layout.as_ref().and_then(|l| l.line_of(&range)) {
            let height = self.height.max(1);
            if line < self.scroll || line >= self.scroll + height {
                self.scroll = line.saturating_sub(height / 3).min(self.max_scroll());
            }
        }
        format!("{i}/{n}")
    }

    /// `n` / `N`: the next or previous match, wrapping around; the message.
    pub fn next_match(&mut self, forward: bool) -> String {
        let Some(s) = &mut self.search else {
            return "no search: / searches the article, s all of them".into();
        };
        if s.matches.is_empty() {
            return "no match".into();
        }
        let n = s.matches.len();
        let wrapped = (forward && s.current + 1 == n) || (!forward && s.current == 0);
        s.current = if forward {
            (s.current + 1) % n
        } else {
            (s.current + n - 1) % n
        };
        let mut message = self.show_current_match();
        if wrapped {
            message.push_str(if forward {
                " (search wrapped to the top)"
            } else {
                " (search wrapped to the bottom)"
            });
        }
        message
    }

    /// Draw the pane's inside: the text in `text_area`, the scrollbar on
    /// the pane's reading side (`pane` is the whole pane, border included).
    pub fn render(&self, pane: Rect, text_area: Rect, buf: &mut Buffer, view: ReaderView) {
        let Some(layout) = &self.layout else {
            let msg = if view.loading {
                "Loading…"
            } else {
                "No articles."
            };
            Line::styled(msg, view.theme.dim).render(text_area, buf);
            return;
        };
        // a fact's sentence, then every search match (the current one apart)
        let mut highlights: Vec<Highlight> = self
            .sentence
            .iter()
            .map(|r| Highlight {
                range: r.clone(),
                style: view.theme.highlight,
            })
            .collect();
        if let Some(s) = &self.search {
            for (i, m) in s.matches.iter().enumerate() {
                highlights.push(Highlight {
                    range: m.clone(),
                    style: if i == s.current {
                        view.theme.current
                    } else {
                        view.theme.highlight
                    },
                });
            }
        }
        ArticleView {
            layout,
            scroll: self.scroll,
            theme: view.theme,
            highlights: &highlights,
        }
        .render(text_area, buf);
        let max = self.max_scroll();
        if max > 0 {
            let side = match view.layout_dir {
                LayoutDir::Rtl => ScrollbarOrientation::VerticalLeft,
                LayoutDir::Ltr => ScrollbarOrientation::VerticalRight,
            };
            let mut state = ScrollbarState::new(max + 1).position(self.scroll.min(max));
            let bar = Rect::new(
                pane.x,
                pane.y + 1,
                pane.width,
                pane.height.saturating_sub(2),
            );
            Scrollbar::new(side)
                .begin_symbol(None)
                .end_symbol(None)
                .render(bar, buf, &mut state);
        }
    }
}

/// What the reader draws with.
pub struct ReaderView<'a> {
    pub theme: &'a Theme,
    pub layout_dir: LayoutDir,
    /// Files are still loading (said instead of "No articles.").
    pub loading: bool,
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
