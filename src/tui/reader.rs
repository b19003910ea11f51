//! The reading pane: the selected article laid out for the pane's width
//! (cached per article and width), its scroll, the fact's sentence and the
//! search matches highlighted on their exact cells, and the in-article
//! search (`/`, `n`, `N`).

use std::ops::Range;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::config::LayoutDir;
use crate::corpus::Article;
use crate::search::{Query, find_all};
use crate::text::{
    BlockKind, Direction, Flow, LineCache, Order, Place, VisualLine, direction, fit_line_as,
};

use super::actions::Action;
use super::dates::Clock;
use super::i18n::{t, tr};
use super::scroll::{Step, step};
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

/// Bytes of laid-out lines the reader keeps (the articles read last, at
/// the widths they were shown at).
pub const LAYOUT_BUDGET: usize = 64 << 20;

/// Up to this many bytes of text, an article's position is counted in
/// lines (every piece laid out); past it, in bytes, and only what is on
/// screen is laid out.
const COUNTED_BYTES: usize = 256 * 1024;

/// The article shown and its pieces at the pane's width.
struct ShownText {
    id: i64,
    article: Arc<Article>,
    meta: String,
    flow: Flow,
    width: u16,
    order: Order,
}

impl ShownText {
    /// The cache's key: the article and the order its lines are in.
    fn key(&self) -> u64 {
        (self.id as u64) << 1 | (self.order == Order::Logical) as u64
    }
}

/// The reading pane's state.
pub struct Reader {
    /// The first line shown.
    top: Place,
    shown: Option<ShownText>,
    cache: LineCache,
    /// The lines on screen: each piece's lines and the part shown.
    window: Vec<(Arc<Vec<VisualLine>>, Range<usize>)>,
    /// Where `top` is and where it is at most (lines, or bytes for a long
    /// article).
    position: (usize, usize),
    /// The text area's height.
    height: usize,
    /// A fact's sentence, highlighted.
    sentence: Option<Range<usize>>,
    search: Option<ArticleSearch>,
    /// The article last opened in the focused reader (marked read then,
    /// once, so that `u` can mark it unread again while reading it).
    opened: Option<i64>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            top: Place::default(),
            shown: None,
            cache: LineCache::new(LAYOUT_BUDGET),
            window: Vec::new(),
            position: (0, 0),
            height: 0,
            sentence: None,
            search: None,
            opened: None,
        }
    }
}

impl Reader {
    /// Show `article` (its id and text) in a text area of `area`. A
    /// different article starts at the top, with nothing highlighted; at a
    /// new width the line that was at the top stays there. True when the
    /// article changed.
    pub fn show(
        &mut self,
        article: Option<(i64, &Arc<Article>)>,
        area: Rect,
        order: Order,
        clock: &Clock,
    ) -> bool {
        let id = article.map(|(i, _)| i);
        let changed = id != self.article();
        if changed {
            self.top = Place::default();
            self.sentence = None;
            self.search = None;
        }
        self.height = area.height as usize;
        let width = area.width.max(1);
        match article {
            None => self.shown = None,
            Some((id, a)) => {
                let same = |s: &ShownText| s.id == id && s.width == width && s.order == order;
                if !self.shown.as_ref().is_some_and(same) {
                    // the byte at the top, found again at the new width
                    let anchor = (!changed).then(|| self.top_byte()).flatten();
                    let meta = meta_line(a, clock, width as usize);
                    let flow = Flow::new(&a.blocks(Some(&meta)));
                    self.shown = Some(ShownText {
                        id,
                        article: Arc::clone(a),
                        meta,
                        flow,
                        width,
                        order,
                    });
                    self.top = anchor
                        .and_then(|b| self.place_of(&(b..b + 1)))
                        .unwrap_or_default();
                }
            }
        }
        self.settle();
        changed
    }

    /// The article shown.
    pub fn article(&self) -> Option<i64> {
        self.shown.as_ref().map(|s| s.id)
    }

    /// The first line shown.
    pub fn place(&self) -> Place {
        self.top
    }

    /// The in-article search, if any.
    pub fn search(&self) -> Option<&ArticleSearch> {
        self.search.as_ref()
    }

    /// No more search matches highlighted.
    pub fn clear_search(&mut self) {
        self.search = None;
    }

    /// Nothing highlighted: no sentence, no matches.
    pub fn clear_highlights(&mut self) {
        self.sentence = None;
        self.search = None;
    }

    /// The article last opened (marked read then).
    pub fn opened(&self) -> Option<i64> {
        self.opened
    }

    /// Article `id` is opened in the focused reader: true the first time
    /// in a row (it is then marked read).
    pub fn open(&mut self, id: i64) -> bool {
        let first = self.opened != Some(id);
        self.opened = Some(id);
        first
    }

    /// The lines of piece `i` of the shown article.
    fn lines(&mut self, i: usize) -> Option<Arc<Vec<VisualLine>>> {
        let s = self.shown.as_ref()?;
        if i >= s.flow.len() {
            return None;
        }
        let piece = s.flow.piece(i);
        let lines = self.cache.get_or_insert(s.key(), s.width, i, || {
            let meta = Some(s.meta.as_str());
            match s.article.block(meta, piece.block) {
                Some(block) => s.flow.lay_out(i, &block, s.width, s.order),
                None => Vec::new(),
            }
        });
        Some(lines)
    }

    /// The place `delta` lines from `from`, within the article.
    fn step(&mut self, from: Place, delta: isize) -> Place {
        let mut at = from;
        let mut left = delta.unsigned_abs();
        if delta >= 0 {
            while let Some(lines) = self.lines(at.piece) {
                let room = lines.len().saturating_sub(at.line + 1);
                if left <= room {
                    at.line += left;
                    return at;
                }
                left -= room;
                let next = at.piece + 1;
                match self.lines(next) {
                    Some(_) if left > 0 => {
                        left -= 1;
                        at = Place {
                            piece: next,
                            line: 0,
                        };
                    }
                    _ => {
                        at.line = lines.len().saturating_sub(1);
                        return at;
                    }
                }
            }
            at
        } else {
            loop {
                if left <= at.line {
                    at.line -= left;
                    return at;
                }
                left -= at.line;
                if at.piece == 0 || left == 0 {
                    at.line = 0;
                    return at;
                }
                left -= 1;
                at.piece -= 1;
                at.line = self
                    .lines(at.piece)
                    .map_or(0, |l| l.len().saturating_sub(1));
            }
        }
    }

    /// The last place `top` can be: the last line at the bottom of the pane.
    fn bottom(&mut self) -> Place {
        let Some(n) = self.shown.as_ref().map(|s| s.flow.len()) else {
            return Place::default();
        };
        let Some(last) = n.checked_sub(1) else {
            return Place::default();
        };
        let end = Place {
            piece: last,
            line: self.lines(last).map_or(0, |l| l.len().saturating_sub(1)),
        };
        self.step(end, 1 - self.height.max(1) as isize)
    }

    /// The first line showing any byte of `range`.
    fn place_of(&mut self, range: &Range<usize>) -> Option<Place> {
        let piece = self.shown.as_ref()?.flow.piece_at(range.start)?;
        // a range may start in the gap before a piece: look there and on
        for piece in piece..piece + 2 {
            if let Some(line) = self.lines(piece)?.iter().position(|l| l.shows(range)) {
                return Some(Place { piece, line });
            }
        }
        None
    }

    /// The first logical byte shown on the top line.
    fn top_byte(&mut self) -> Option<usize> {
        self.byte_at(self.top)
    }

    /// The first logical byte of the text shown on line `at`, or on the
    /// next line of the piece that shows any (the meta line shows none).
    fn byte_at(&mut self, at: Place) -> Option<usize> {
        let lines = self.lines(at.piece)?;
        let from = at.line.min(lines.len().saturating_sub(1));
        lines[from..]
            .iter()
            .filter(|l| l.kind != BlockKind::Meta)
            .find_map(|l| l.segments.iter().map(|s| s.src.start).min())
    }

    /// Keep `top` within the article, and make the window and the position
    /// for it.
    fn settle(&mut self) {
        let bottom = self.bottom();
        self.top = self.top.min(bottom);
        self.window.clear();
        let mut need = self.height;
        let mut at = self.top;
        while need > 0 {
            let Some(lines) = self.lines(at.piece) else {
                break;
            };
            let end = lines.len().min(at.line + need);
            if at.line < end {
                need -= end - at.line;
                self.window.push((lines, at.line..end));
            }
            at = Place {
                piece: at.piece + 1,
                line: 0,
            };
        }
        self.position = match self
            .shown
            .as_ref()
            .map(|s| s.flow.bytes_before(s.flow.len()))
        {
            None => (0, 0),
            Some(bytes) if bytes <= COUNTED_BYTES => {
                let (top, bottom) = (self.top, bottom);
                let mut line = |p: Place| {
                    (0..p.piece)
                        .map(|i| self.lines(i).map_or(0, |l| l.len()))
                        .sum::<usize>()
                        + p.line
                };
                (line(top), line(bottom))
            }
            Some(_) => {
                let flow = &self.shown.as_ref().expect("shown").flow;
                let at = |p: Place| flow.bytes_before(p.piece);
                (at(self.top), at(bottom))
            }
        };
        if self.top == bottom {
            self.position.0 = self.position.1;
        }
    }

    /// Where the top line is, and where it is at most: in lines, or in
    /// bytes of text for an article longer than [`COUNTED_BYTES`].
    pub fn position(&self) -> (usize, usize) {
        self.position
    }

    /// Is any byte of `range` (logical, in the article) on screen?
    pub fn on_screen(&self, range: &Range<usize>) -> bool {
        self.window
            .iter()
            .any(|(lines, shown)| lines[shown.clone()].iter().any(|l| l.shows(range)))
    }

    /// Can the article be scrolled (is it longer than the pane)?
    pub fn scrollable(&self) -> bool {
        self.position.1 > 0
    }

    /// How far down the article the pane is, 0-100.
    pub fn percent(&self) -> u16 {
        let (at, max) = self.position;
        (at.min(max) * 100)
            .checked_div(max)
            .map_or(100, |p| p as u16)
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.top = self.step(self.top, delta);
        self.settle();
    }

    /// Put `place` at the top (as far as the article allows).
    pub fn scroll_to(&mut self, place: Place) {
        self.top = place;
        self.settle();
    }

    /// Scrolling keys; false for an action that is not the reader's.
    pub fn on_action(&mut self, action: Action) -> bool {
        match step(action, self.height) {
            Some(Step::By(d)) => self.scroll_by(d),
            Some(Step::Top) => self.scroll_to(Place::default()),
            Some(Step::Bottom) => {
                let bottom = self.bottom();
                self.scroll_to(bottom)
            }
            None => return false,
        }
        true
    }

    /// Scroll so that `range` (logical, in the article's text) is in view
    /// with a little context above, and highlight it.
    pub fn show_sentence(&mut self, range: Range<usize>) {
        if let Some(place) = self.place_of(&range) {
            let context = (self.height / 4).min(3);
            self.top = self.step(place, -(context as isize));
            self.settle();
        }
        self.sentence = Some(range);
    }

    /// Find `query` in the shown article (`text`); the first match at or
    /// after `from` becomes current and is scrolled to. The message to show
    /// (`3/12`, `no match`), or `None` for an empty query.
    pub fn find(&mut self, query: &str, text: &str, from: Place) -> Option<String> {
        let Some(q) = Query::new(query) else {
            self.search = None;
            return None;
        };
        self.article()?;
        let matches = find_all(&q, text);
        // the first match that ends past the start of line `from`
        let current = self
            .byte_at(from)
            .map_or(0, |b| matches.partition_point(|m| m.end <= b))
            .min(matches.len().saturating_sub(1));
        self.search = Some(ArticleSearch { matches, current });
        Some(self.show_current_match())
    }

    /// Scroll to the current match; where it is (`3/12`) or `no match`.
    fn show_current_match(&mut self) -> String {
        let Some(s) = &self.search else {
            return String::new();
        };
        if s.matches.is_empty() {
            return t("no-match");
        }
        let (range, i, n) = (s.matches[s.current].clone(), s.current + 1, s.matches.len());
        if let Some(place) = self.place_of(&range) {
            let height = self.height.max(1);
            let end = self.step(self.top, height as isize);
            let on_screen = place >= self.top && (place < end || end == self.bottom_line());
            if !on_screen {
                self.top = self.step(place, -((height / 3) as isize));
                self.settle();
            }
        }
        format!("{i}/{n}")
    }

    /// The article's last line.
    fn bottom_line(&mut self) -> Place {
        let n = self.shown.as_ref().map_or(0, |s| s.flow.len());
        let last = n.saturating_sub(1);
        Place {
            piece: last,
            line: self.lines(last).map_or(0, |l| l.len().saturating_sub(1)),
        }
    }

    /// `n` / `N`: the next or previous match, wrapping around; the message.
    pub fn next_match(&mut self, forward: bool) -> String {
        let Some(s) = &mut self.search else {
            return t("no-search");
        };
        if s.matches.is_empty() {
            return t("no-match");
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
        if self.shown.is_none() {
            let msg = t(if view.loading {
                "reader-loading"
            } else {
                "reader-empty"
            });
            let width = text_area.width as usize;
            let dir = super::i18n::direction();
            let line = fit_line_as(&msg, width, view.order, dir);
            let x = match dir {
                Direction::Rtl => text_area.x + (width - line.width.min(width)) as u16,
                Direction::Ltr => text_area.x,
            };
            buf.set_stringn(x, text_area.y, &line.text, width, view.theme.dim);
            return;
        }
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
        let lines: Vec<&VisualLine> = self
            .window
            .iter()
            .flat_map(|(lines, shown)| lines[shown.clone()].iter())
            .collect();
        ArticleView {
            lines: &lines,
            theme: view.theme,
            highlights: &highlights,
        }
        .render(text_area, buf);
        let (at, max) = self.position;
        if max > 0 {
            let side = match view.layout_dir {
                LayoutDir::Rtl => ScrollbarOrientation::VerticalLeft,
                LayoutDir::Ltr => ScrollbarOrientation::VerticalRight,
            };
            let mut state = ScrollbarState::new(max + 1).position(at.min(max));
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

/// The line under the title, for a pane `width` columns wide: source,
/// date, length, and where the article is (its link, or its file), in the
/// interface's language. The link is never broken across lines: it ends
/// the line when it fits there, else it is alone on the next one, and a
/// link longer than that is cut with an ellipsis (`y` copies it whole).
pub fn meta_line(a: &Article, clock: &Clock, width: usize) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &a.source {
        parts.push(s.clone());
    }
    if let Some(author) = &a.extra.author {
        parts.push(author.clone());
    }
    match (a.published, &a.date) {
        (Some(ts), _) => parts.push(clock.full(ts)),
        (None, Some(d)) => parts.push(d.clone()),
        _ => {}
    }
    parts.push(tr("words", &[("n", a.word_count().into())]));
    // audio and video attached: type, size, length (`o` opens them: they
    // are in the list of links)
    parts.extend(a.extra.enclosures.iter().map(|e| e.describe()));
    // each part isolated: a number after an Arabic source stays with its
    // own part
    let mut line = parts
        .iter()
        .map(|p| direction::isolate(p))
        .collect::<Vec<_>>()
        .join(" · ");
    if let Some(place) = a
        .url
        .as_deref()
        .filter(|u| !u.is_empty())
        .or((!a.path.is_empty() && a.path != "-").then_some(a.path.as_str()))
    {
        // one piece, no wider than a line: it ends the line when it fits
        // there, else the line breaks before it
        let room = width.saturating_sub(1).max(1);
        line.push_str(" · ");
        line.push_str(&direction::isolate(&unbroken(&cut_link(place, room))));
    }
    line
}

/// `link` in at most `room` columns: cut with an ellipsis at the end.
fn cut_link(link: &str, room: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let link = crate::text::safety::sanitize(link);
    if unicode_width::UnicodeWidthStr::width(link.as_str()) <= room {
        return link;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in link.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > room {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` with a word joiner (U+2060, not drawn) between its characters:
/// no line breaks inside it.
fn unbroken(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 4);
    for (i, c) in text.chars().enumerate() {
        if i > 0 {
            out.push('\u{2060}');
        }
        out.push(c);
    }
    out
}

/// What the reader draws with.
pub struct ReaderView<'a> {
    pub theme: &'a Theme,
    pub layout_dir: LayoutDir,
    /// Files are still loading (said instead of "No articles.").
    pub loading: bool,
    pub order: Order,
}

/// Draws laid-out lines, the first at the top of an area as wide as they
/// were laid out for. Text is already shaped and in visual order: each
/// cluster goes to its own cell, a mark stays in its letter's cell.
pub struct ArticleView<'a> {
    pub lines: &'a [&'a VisualLine],
    pub theme: &'a Theme,
    pub highlights: &'a [Highlight],
}

impl Widget for ArticleView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for (row, line) in self.lines.iter().take(area.height as usize).enumerate() {
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
