//! The bottom line: article i/N, focus, scroll %, unread count, loading,
//! refresh and facts progress, the latest message, and key hints taken
//! from the keymap. The hints keep their place at the right; a long message
//! is cut, never pushes them off. A message lasts until a key changes
//! something on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use fluent_bundle::FluentValue;

use crate::text::safety::sanitize;
use crate::text::{Direction, Order, direction, fit_line_as};

use super::actions::Action;
use super::i18n::{self, t, tr};
use super::keymap::KeyMap;
use super::theme::Theme;

/// Messages the log keeps (the latest ones).
pub const LOGGED: usize = 200;

/// The latest message, the messages said before it (the log, `m`), and
/// every problem of the session (reported on stderr after exit).
#[derive(Clone, Debug, Default)]
pub struct Status {
    message: Option<String>,
    problems: Vec<String>,
    /// What was said, oldest first, with when (seconds since the epoch):
    /// every message and problem, not the passing counts of a search.
    log: std::collections::VecDeque<(i64, String)>,
}

impl Status {
    pub fn say(&mut self, message: impl Into<String>) {
        let message = message.into();
        self.log(&message);
        self.message = Some(message);
    }

    /// Say `message` without keeping it in the log (a count that the next
    /// one replaces: a search running, a search as it is typed).
    pub fn progress(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    fn log(&mut self, message: &str) {
        if message.is_empty() || self.log.back().is_some_and(|(_, m)| m == message) {
            return;
        }
        if self.log.len() == LOGGED {
            self.log.pop_front();
        }
        self.log
            .push_back((crate::corpus::store::now(), message.to_string()));
    }

    /// The messages said, oldest first, with when.
    pub fn logged(&self) -> impl DoubleEndedIterator<Item = &(i64, String)> {
        self.log.iter()
    }

    /// The message shown, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Show `message`, or none.
    pub fn set(&mut self, message: Option<String>) {
        self.message = message;
    }

    /// No message.
    pub fn clear(&mut self) {
        self.message = None;
    }

    /// Every problem of the session, taken (to report after exit).
    pub fn take_problems(&mut self) -> Vec<String> {
        std::mem::take(&mut self.problems)
    }

    /// Something could not be done: said now, kept for after exit.
    pub fn problem(&mut self, message: String) {
        self.log(&message);
        self.message = Some(message.clone());
        self.problems.push(message);
    }
}

/// Background work in progress, each as (done, total).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub loading: Option<(usize, usize)>,
    pub refreshing: Option<(usize, usize)>,
    /// Feed items' pages read for their whole text.
    pub pages: Option<(usize, usize)>,
    pub facts: Option<(usize, usize)>,
}

/// What the line shows.
pub struct StatusLine<'a> {
    /// (position of the selected article, articles listed).
    pub position: (usize, usize),
    pub focus: &'a str,
    pub percent: u16,
    pub unread: usize,
    pub progress: Progress,
    pub message: Option<&'a str>,
    pub keys: &'a KeyMap,
    pub theme: &'a Theme,
}

impl StatusLine<'_> {
    pub fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.status);
        let mut left = format!(
            " {}/{} │ {} │ {}%",
            self.position.0, self.position.1, self.focus, self.percent
        );
        let p = self.progress;
        let mut part = |id: &str, args: &[(&str, FluentValue)]| {
            left.push_str(" │ ");
            left.push_str(&tr(id, args));
        };
        let count = |n: usize| FluentValue::from(n as u64);
        if let Some((done, total)) = p.loading {
            part(
                "status-loading",
                &[("done", count(done)), ("total", count(total))],
            );
        }
        if self.unread > 0 {
            part("status-unread", &[("n", count(self.unread))]);
        }
        if let Some((done, total)) = p.refreshing {
            part(
                "status-refreshing",
                &[("done", count(done)), ("total", count(total))],
            );
        }
        if let Some((done, total)) = p.pages {
            part(
                "status-pages",
                &[("done", count(done)), ("total", count(total))],
            );
        }
        if let Some((done, total)) = p.facts {
            part(
                "status-facts",
                &[("done", count(done)), ("total", count(total))],
            );
        }
        if let Some(m) = self.message {
            left.push_str(" │ ");
            left.push_str(&sanitize(m));
        }
        let dir = i18n::direction();
        let hints = [
            (Action::Help, "hint-help"),
            (Action::ToggleFacts, "hint-facts"),
            (Action::Quit, "hint-quit"),
        ]
        .iter()
        .map(|&(a, id)| format!("{} {}", direction::isolate(&self.keys.first_key(a)), t(id)))
        .collect::<Vec<_>>()
        .join("  ");
        let hints = fit_line_as(&hints, area.width as usize, Order::Visual, dir);
        let hints = match dir {
            Direction::Ltr => format!("{} ", hints.text),
            Direction::Rtl => format!(" {}", hints.text),
        };
        let width = area.width as usize;
        let hints_width = hints.width();
        // the hints keep their place when the line has room for them
        // beside at least the position
        let left_room = if hints_width + 16 <= width {
            width - hints_width - 1
        } else {
            width
        };
        // shaped and in visual order, like every text khabar draws; in
        // Arabic from the right, the hints at the left
        let shown = fit_line_as(&left, left_room, Order::Visual, dir);
        let (left_x, hints_x) = match dir {
            Direction::Ltr => (area.x, area.x + (width - hints_width) as u16),
            Direction::Rtl => (area.x + (width - shown.width.min(width)) as u16, area.x),
        };
        buf.set_stringn(left_x, area.y, &shown.text, left_room, self.theme.status);
        if left_room < width {
            buf.set_stringn(hints_x, area.y, &hints, hints_width, self.theme.status);
        }
    }
}
