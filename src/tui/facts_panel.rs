//! The facts panel: the actors and agreements of the shown story.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph as TextBlock, Widget, Wrap};

use crate::text::{Order, fit_line};

use super::app::FactsStatus;
use super::theme::Theme;

/// One row of the panel: a heading (a group of actors, "Agreements") or a
/// fact, with the logical range of the sentence it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactItem {
    pub text: String,
    pub heading: bool,
    pub sentence: Option<Range<usize>>,
    /// For an actor: all its names (for the `a` filter).
    pub actor: Option<Vec<String>>,
}

/// Draws the facts of one article, or says why there are none.
pub struct FactsPanel<'a> {
    pub status: &'a FactsStatus,
    pub selected: usize,
    pub offset: usize,
    pub focused: bool,
    pub order: Order,
    pub theme: &'a Theme,
}

impl Widget for FactsPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let note = |text: &str, buf: &mut Buffer| {
            TextBlock::new(Line::styled(text.to_string(), self.theme.dim))
                .wrap(Wrap { trim: true })
                .render(area, buf);
        };
        let facts = match self.status {
            FactsStatus::Unavailable => {
                return note("No facts for this story.", buf);
            }
            FactsStatus::Pending => return note("Extracting facts…", buf),
            FactsStatus::Ready(f) => f,
        };
        if facts.items.is_empty() {
            return note("No actors or agreements found in this story.", buf);
        }
        let width = area.width as usize;
        for (row, (i, item)) in facts
            .items
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(area.height as usize)
            .enumerate()
        {
            let fitted = fit_line(&item.text, width, self.order);
            let mut style = if item.heading {
                self.theme.heading
            } else {
                Style::default()
            };
            if i == self.selected && !item.heading {
                style = if self.focused {
                    self.theme.selected
                } else {
                    style.patch(self.theme.dim)
                };
            }
            let y = area.y + row as u16;
            if i == self.selected && !item.heading {
                buf.set_style(Rect::new(area.x, y, area.width, 1), style);
            }
            buf.set_stringn(area.x, y, fitted.aligned(width), width, style);
        }
    }
}
