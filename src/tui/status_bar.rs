//! The bottom line: article i/N, focus, scroll %, unread count, loading and
//! refresh progress, the
//! latest message, and key hints taken from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::text::safety::sanitize;
use crate::text::{Order, fit_line};

use super::keymap::{Action, KeyMap};
use super::theme::Theme;

pub struct StatusBar<'a> {
    pub position: (usize, usize),
    pub focus: &'a str,
    pub percent: u16,
    pub loading: Option<(usize, usize)>,
    pub refreshing: Option<(usize, usize)>,
    pub unread: usize,
    pub facts: Option<(usize, usize)>,
    pub message: Option<&'a str>,
    pub keys: &'a KeyMap,
    pub theme: &'a Theme,
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.status);
        let mut left = format!(
            " {}/{} │ {} │ {}%",
            self.position.0, self.position.1, self.focus, self.percent
        );
        if let Some((done, total)) = self.loading {
            left.push_str(&format!(" │ loading {done}/{total}"));
        }
        if self.unread > 0 {
            left.push_str(&format!(" │ {} unread", self.unread));
        }
        if let Some((done, total)) = self.refreshing {
            left.push_str(&format!(" │ refreshing {done}/{total}"));
        }
        if let Some((done, total)) = self.facts {
            left.push_str(&format!(" │ facts {done}/{total}"));
        }
        if let Some(m) = self.message {
            left.push_str(" │ ");
            left.push_str(&sanitize(m));
        }
        let key = |a: Action| {
            self.keys
                .keys(a)
                .first()
                .map(|k| k.to_string())
                .unwrap_or_default()
        };
        let hints = format!(
            "{} help  {} facts  {} quit ",
            key(Action::Help),
            key(Action::ToggleFacts),
            key(Action::Quit)
        );
        let width = area.width as usize;
        let hints_width = hints.width();
        let left_room = if left.width() + hints_width < width {
            width - hints_width
        } else {
            width
        };
        // shaped and in visual order, like every text khabar draws
        let shown = fit_line(&left, left_room, Order::Visual);
        buf.set_stringn(area.x, area.y, &shown.text, left_room, self.theme.status);
        if left_room < width {
            buf.set_stringn(
                area.x + (width - hints_width) as u16,
                area.y,
                &hints,
                hints_width,
                self.theme.status,
            );
        }
    }
}
