//! The `?` overlay: every action with its keys, generated from the live
//! keymap (the panes' keys, then the prompt's), scrolled within its bounds.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::actions::{Action, Mode};
use super::keymap::KeyMap;
use super::theme::Theme;

/// The overlay's state: open or not, and how far it is scrolled.
#[derive(Clone, Debug, Default)]
pub struct Help {
    pub open: bool,
    pub scroll: usize,
}

/// The overlay's lines: (keys, what they do); `None` for a blank line.
fn entries(keys: &KeyMap) -> Vec<Option<(String, &'static str)>> {
    let mut out = Vec::new();
    for mode in [Mode::Normal, Mode::Prompt] {
        if mode == Mode::Prompt {
            out.push(None);
            out.push(Some((String::new(), "In the search prompt (/ and s):")));
        }
        out.extend(
            Action::ALL
                .iter()
                .filter(|a| a.mode() == mode)
                .map(|&a| (keys.keys_label(a), a.description()))
                .filter(|(k, _)| !k.is_empty())
                .map(Some),
        );
    }
    out.push(None);
    out.push(Some((
        String::new(),
        "Mouse: the wheel scrolls the pane under the pointer, a click selects.",
    )));
    out
}

impl Help {
    /// The overlay's rectangle on a `screen` for `rows` lines of text.
    pub fn area(screen: Rect, rows: usize) -> Rect {
        let w = screen.width.saturating_sub(4).min(76);
        let h = screen.height.saturating_sub(2).min(rows as u16 + 2);
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
    pub fn on_action(&mut self, action: Action, keys: &KeyMap, screen: Rect) {
        let max = Help::max_scroll(keys, screen) as isize;
        let page = (Help::area(screen, usize::MAX).height as isize - 3).max(1);
        let delta = match action {
            Action::Help | Action::Close | Action::Quit => {
                self.open = false;
                return;
            }
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::HalfPageDown => (page / 2).max(1),
            Action::HalfPageUp => -(page / 2).max(1),
            Action::Top => -max,
            Action::Bottom => max,
            _ => 0,
        };
        self.scroll = (self.scroll as isize + delta).clamp(0, max) as usize;
    }

    pub fn render(&self, screen: Rect, buf: &mut Buffer, keys: &KeyMap, theme: &Theme) {
        let entries = entries(keys);
        let key_width = entries
            .iter()
            .flatten()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            .min(24);
        let lines: Vec<Line> = entries
            .iter()
            .map(|e| match e {
                None => Line::raw(""),
                Some((k, d)) if k.is_empty() => Line::styled(format!(" {d}"), theme.dim),
                Some((k, d)) => Line::from(vec![
                    Span::styled(format!(" {k:<key_width$}  "), theme.heading),
                    Span::raw(d.to_string()),
                ]),
            })
            .collect();
        let rect = Help::area(screen, lines.len());
        Clear.render(rect, buf);
        let scroll = self.scroll.min(Help::max_scroll(keys, screen)) as u16;
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" Keys (Esc closes) ")
                    .border_style(theme.border_focused),
            )
            .render(rect, buf);
    }
}
