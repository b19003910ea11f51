//! The message log (`m`): the messages of the session, newest first, each
//! whole (wrapped over as many lines as it needs, where the status line
//! cuts it), with the time it was said; scrolled with the moving keys,
//! closed with Esc (or `m`, `q`). Like vim's `:messages`, or newsboat's
//! message log.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::actions::Action;
use super::dates::Clock;
use super::i18n::{self, tr};
use super::scroll::{Step, step};
use super::theme::Theme;
use crate::text::safety::sanitize;
use crate::text::{Direction, Order, Paragraph, direction, fit_line_as};

/// The log's state: open or not, how far it is scrolled, and the screen
/// it covers (given by the layout).
#[derive(Clone, Debug, Default)]
pub struct MessageLog {
    open: bool,
    scroll: usize,
    screen: Rect,
}

/// One line of the log as drawn: its text (shaped, in the order asked),
/// its width, whether it starts from the right, and whether it is a
/// message's time.
struct LogLine {
    text: String,
    width: usize,
    rtl: bool,
    time: bool,
}

impl MessageLog {
    /// Open it, at its top (the newest message).
    pub fn open(&mut self) {
        self.open = true;
        self.scroll = 0;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The screen is `screen` (from the layout, once a message): the log
    /// covers it, above the status line.
    pub fn resize(&mut self, screen: Rect) {
        self.screen = screen;
    }

    fn area(&self) -> Rect {
        let s = self.screen;
        Rect::new(s.x, s.y, s.width, s.height.saturating_sub(1))
    }

    /// Keys while the log is open: it scrolls or closes; every other
    /// action is swallowed.
    pub fn on_action(&mut self, action: Action) {
        if matches!(action, Action::Messages | Action::Close | Action::Quit) {
            self.open = false;
            return;
        }
        let visible = self.area().height.saturating_sub(2) as usize;
        match step(action, visible) {
            Some(Step::By(d)) => {
                self.scroll = (self.scroll as isize + d).max(0) as usize;
            }
            Some(Step::Top) => self.scroll = 0,
            Some(Step::Bottom) => self.scroll = usize::MAX,
            None => {}
        }
    }

    /// The lines of `messages` (newest first) at `width` columns.
    fn lines(
        messages: &[(i64, String)],
        width: usize,
        clock: &Clock,
        order: Order,
    ) -> Vec<LogLine> {
        let mut out = Vec::new();
        for (at, message) in messages {
            let time = clock.compact(*at);
            out.push(LogLine {
                width: unicode_width::UnicodeWidthStr::width(time.as_str()),
                text: time,
                rtl: i18n::direction() == Direction::Rtl,
                time: true,
            });
            let text = sanitize(message);
            let para = Paragraph::new(&text, direction::estimate(&text));
            let rtl = para.direction() == Direction::Rtl;
            let ranges = match order {
                Order::Visual => para.wrap(width),
                Order::Logical => para.wrap_logical(width),
            };
            for r in ranges {
                let v = match order {
                    Order::Visual => para.visual_line_within(r, width),
                    Order::Logical => para.logical_line(r, width),
                };
                out.push(LogLine {
                    text: v.text,
                    width: v.width,
                    rtl,
                    time: false,
                });
            }
        }
        out
    }

    /// Draw the log over the screen: `messages` newest first.
    pub fn render(
        &self,
        buf: &mut Buffer,
        messages: &[(i64, String)],
        clock: &Clock,
        theme: &Theme,
        order: Order,
    ) {
        let area = self.area();
        Clear.render(area, buf);
        let dir = i18n::direction();
        let title = fit_line_as(
            &tr("messages-title", &[("n", (messages.len() as u64).into())]),
            area.width.saturating_sub(4) as usize,
            order,
            dir,
        );
        let title = ratatui::text::Line::raw(format!(" {} ", title.text));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(match dir {
                Direction::Rtl => title.right_aligned(),
                Direction::Ltr => title,
            });
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width.saturating_sub(2) as usize;
        if messages.is_empty() {
            let line = fit_line_as(&tr("messages-none", &[]), width, order, dir);
            let x = match dir {
                Direction::Rtl => inner.x + 1 + (width - line.width.min(width)) as u16,
                Direction::Ltr => inner.x + 1,
            };
            buf.set_stringn(x, inner.y, &line.text, width, theme.dim);
            return;
        }
        let lines = MessageLog::lines(messages, width, clock, order);
        let max = lines.len().saturating_sub(inner.height as usize);
        for (row, line) in lines
            .iter()
            .skip(self.scroll.min(max))
            .take(inner.height as usize)
            .enumerate()
        {
            let y = inner.y + row as u16;
            let x = if line.rtl {
                inner.x + 1 + width.saturating_sub(line.width) as u16
            } else {
                inner.x + 1
            };
            let style = if line.time { theme.dim } else { theme.text };
            buf.set_stringn(x, y, &line.text, width, style);
        }
    }
}
