//! The `?` overlay: every action with its keys, generated from the live
//! keymap (the panes' keys, then the prompt's), scrolled within its bounds.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::actions::{Action, Mode};
use super::i18n::{self, t};
use super::keymap::KeyMap;
use super::scroll::{Step, step};
use super::theme::Theme;
use crate::text::{Direction, Order, direction, fit_line_as};

/// The overlay's state: open or not, how far it is scrolled, and the
/// screen it is centred on (given by the layout).
#[derive(Clone, Debug, Default)]
pub struct Help {
    open: bool,
    scroll: usize,
    screen: Rect,
}

/// The overlay's lines: (keys, what they do); `None` for a blank line.
fn entries(keys: &KeyMap) -> Vec<Option<(String, String)>> {
    let mut out = Vec::new();
    for mode in [Mode::Normal, Mode::Prompt] {
        if mode == Mode::Prompt {
            out.push(None);
            out.push(Some((String::new(), t("help-prompt"))));
        }
        out.extend(
            Action::ALL
                .iter()
                .filter(|a| a.mode() == mode)
                .map(|&a| (keys.keys_label(a), a.label()))
                .filter(|(k, _)| !k.is_empty())
                .map(Some),
        );
    }
    out.push(None);
    out.push(Some((String::new(), t("help-mouse"))));
    out
}

impl Help {
    /// Open it, at its top.
    pub fn open(&mut self) {
        self.open = true;
        self.scroll = 0;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// How far it is scrolled.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The screen is `screen` (from the layout, once a message).
    pub fn resize(&mut self, screen: Rect) {
        self.screen = screen;
    }

    /// The overlay's rectangle on a `screen` for `rows` lines of text.
    pub fn area(screen: Rect, rows: usize) -> Rect {
        let w = screen.width.saturating_sub(4).min(84);
        let tall = rows.saturating_add(2).min(u16::MAX as usize) as u16;
        let h = screen.height.saturating_sub(2).min(tall);
        Rect::new(
            screen.x + (screen.width - w) / 2,
            screen.y + (screen.height - h) / 2,
            w,
            h,
        )
    }

    /// The largest scroll that still fills the overlay.
    fn max_scroll(keys: &KeyMap, screen: Rect) -> usize {
        let rows = entries(keys).len();
        let shown = Help::area(screen, rows).height.saturating_sub(2) as usize;
        rows.saturating_sub(shown)
    }

    /// Keys while the overlay is open: it scrolls or closes; every other
    /// action is swallowed (the panes under it do not move).
    pub fn on_action(&mut self, action: Action, keys: &KeyMap) {
        if matches!(action, Action::Help | Action::Close | Action::Quit) {
            self.open = false;
            return;
        }
        let max = Help::max_scroll(keys, self.screen) as isize;
        // a page of the overlay at its tallest
        let visible = Help::area(self.screen, usize::MAX).height.saturating_sub(2);
        let delta = match step(action, visible as usize) {
            Some(Step::By(d)) => d,
            Some(Step::Top) => -max,
            Some(Step::Bottom) => max,
            None => 0,
        };
        self.scroll = (self.scroll as isize + delta).clamp(0, max) as usize;
    }

    /// Draw the overlay: a column of keys, then what they do, from the
    /// left in English, from the right in Arabic (shaped, like every text).
    pub fn render(&self, buf: &mut Buffer, keys: &KeyMap, theme: &Theme, order: Order) {
        let entries = entries(keys);
        let key_width = entries
            .iter()
            .flatten()
            .map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
            .max()
            .unwrap_or(0)
            .min(24);
        let screen = self.screen;
        let rect = Help::area(screen, entries.len());
        Clear.render(rect, buf);
        let dir = i18n::direction();
        let title = fit_line_as(
            &t("help-title"),
            rect.width.saturating_sub(4) as usize,
            order,
            dir,
        );
        let mut block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", title.text))
            .border_style(theme.border_focused);
        let shown = rect.height.saturating_sub(2) as usize;
        let scroll = self.scroll.min(Help::max_scroll(keys, screen));
        // more lines than fit: which are shown, and how to scroll
        if entries.len() > shown && shown > 0 {
            let count = |n: usize| fluent_bundle::FluentValue::from(n as u64);
            let key = |a| fluent_bundle::FluentValue::from(keys.first_key(a));
            let more = i18n::tr(
                "help-more",
                &[
                    ("first", count(scroll + 1)),
                    ("last", count(scroll + shown)),
                    ("n", count(entries.len())),
                    ("down", key(Action::Down)),
                    ("up", key(Action::Up)),
                    ("page", key(Action::PageDown)),
                ],
            );
            let more = fit_line_as(&more, rect.width.saturating_sub(4) as usize, order, dir);
            let line = ratatui::text::Line::raw(format!(" {} ", more.text));
            block = block.title_bottom(match dir {
                Direction::Rtl => line.left_aligned(),
                Direction::Ltr => line.right_aligned(),
            });
        }
        let inner = block.inner(rect);
        block.render(rect, buf);
        let width = inner.width as usize;
        for (row, e) in entries
            .iter()
            .skip(scroll)
            .take(inner.height as usize)
            .enumerate()
        {
            let y = inner.y + row as u16;
            let Some((k, d)) = e else { continue };
            // the keys' column, at the line's start (left or right)
            let (key_cols, text_style) = if k.is_empty() {
                (0, theme.dim)
            } else {
                (key_width + 3, theme.text)
            };
            let room = width.saturating_sub(key_cols);
            let text = fit_line_as(d, room.saturating_sub(1), order, dir);
            let text_x = match dir {
                Direction::Rtl => {
                    inner.x
                        + (room.saturating_sub(1) - text.width.min(room.saturating_sub(1))) as u16
                }
                Direction::Ltr => inner.x + key_cols as u16 + 1,
            };
            buf.set_stringn(text_x, y, &text.text, room, text_style);
            if !k.is_empty() {
                let key = fit_line_as(&direction::isolate(k), key_width, order, Direction::Ltr);
                let key_x = match dir {
                    Direction::Rtl => inner.x + (width - key_width - 1) as u16,
                    Direction::Ltr => inner.x + 1,
                };
                buf.set_stringn(key_x, y, &key.text, key_width, theme.heading);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_help_is_what_it_shows_less_one_line() {
        let keys = KeyMap::default();
        let mut help = Help::default();
        help.open();
        // at 24 rows the overlay is 22 high: 20 lines inside
        help.resize(Rect::new(0, 0, 100, 24));
        help.on_action(Action::PageDown, &keys);
        assert_eq!(help.scroll(), 19);
        help.on_action(Action::HalfPageUp, &keys);
        assert_eq!(help.scroll(), 10);
    }

    fn rows(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn at_24_rows_it_says_there_is_more_and_scrolls_to_the_end() {
        crate::tui::i18n::set(crate::tui::i18n::Lang::En);
        let keys = KeyMap::default();
        let screen = Rect::new(0, 0, 100, 24);
        let n = entries(&keys).len();
        let mut help = Help::default();
        help.open();
        help.resize(screen);
        let draw = |help: &Help| {
            let mut buf = Buffer::empty(screen);
            help.render(&mut buf, &keys, &Theme::dark(), Order::Visual);
            rows(&buf)
        };
        let top = draw(&help);
        let bottom_border = &top[22];
        assert!(
            bottom_border.contains(&format!("lines 1–20 of {n} · j k Space scroll")),
            "{bottom_border}"
        );
        help.on_action(Action::Bottom, &keys);
        let end = draw(&help);
        assert!(
            end[22].contains(&format!("lines {}–{n} of {n}", n - 19)),
            "{}",
            end[22]
        );
        assert!(end.iter().any(|r| r.contains("Mouse: the wheel")));
        assert!(!top.iter().any(|r| r.contains("Mouse: the wheel")));
    }
}
