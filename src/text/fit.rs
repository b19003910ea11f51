//! One line of text fitted to a width: a list title, a label. When too long,
//! it is cut after the last word that fits and an ellipsis marks the cut on
//! the side where the text continues (the left for right-to-left text).

use super::layout::Order;
use super::paragraph::{Direction, Paragraph};

/// A fitted line, in drawing order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fitted {
    pub text: String,
    pub width: usize,
    pub direction: Direction,
}

impl Fitted {
    /// The line padded to `width`: right-aligned when right-to-left.
    pub fn aligned(&self, width: usize) -> String {
        let pad = width.saturating_sub(self.width);
        match self.direction {
            Direction::Rtl => format!("{}{}", " ".repeat(pad), self.text),
            Direction::Ltr => self.text.clone(),
        }
    }
}

/// Fit `text` (one paragraph) into `width` columns; its words decide its
/// direction (left to right when they cannot).
pub fn fit_line(text: &str, width: usize, order: Order) -> Fitted {
    fit_line_as(text, width, order, Direction::Ltr)
}

/// [`fit_line`], taking `otherwise` as the direction when its words tell
/// none (a date under a right-to-left title).
pub fn fit_line_as(text: &str, width: usize, order: Order, otherwise: Direction) -> Fitted {
    let dir = super::direction::of_paragraph(text, otherwise);
    let para = Paragraph::new(text, Some(dir));
    let direction = para.direction();
    if width == 0 {
        return Fitted {
            text: String::new(),
            width: 0,
            direction,
        };
    }
    let draw = |range, max| match order {
        Order::Visual => para.visual_line_within(range, max),
        Order::Logical => para.logical_line(range, max),
    };
    let lines = para.wrap(width);
    if lines.len() <= 1 {
        let v = draw(0..para.len(), width);
        return Fitted {
            text: v.text,
            width: v.width,
            direction,
        };
    }
    let first = para.wrap(width.saturating_sub(1).max(1)).remove(0);
    let v = draw(first, width);
    let (text, w) = if v.width >= width {
        (v.text, v.width)
    } else if direction == Direction::Rtl && order == Order::Visual {
        (format!("…{}", v.text), v.width + 1)
    } else {
        (format!("{}…", v.text), v.width + 1)
    };
    Fitted {
        text,
        width: w,
        direction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn short_lines_fit_whole() {
        let f = fit_line("سلام", 10, Order::Visual);
        assert_eq!(f.width, 3); // لا is one cell
        assert_eq!(f.aligned(10).width(), 10);
        assert!(f.aligned(10).starts_with("       "));
    }

    #[test]
    fn long_arabic_is_cut_with_the_ellipsis_on_the_left() {
        let f = fit_line(
            "أوباما وكاميرون يتفقان على تعزيز أمن الإنترنت",
            20,
            Order::Visual,
        );
        assert!(f.text.starts_with('…'), "{}", f.text);
        assert!(f.width <= 20);
        // the start of the title (أوباما, rightmost) is kept
        assert!(
            f.text
                .ends_with("\u{FE8E}\u{FEE3}\u{FE8E}\u{FE91}\u{FEED}\u{FE83}"),
            "{}",
            f.text
        );
    }

    #[test]
    fn long_english_is_cut_on_the_right() {
        let f = fit_line(
            "President Barack Obama and British Prime Minister",
            20,
            Order::Visual,
        );
        assert!(f.text.ends_with('…') && f.text.starts_with("President"));
        assert!(f.width <= 20);
    }
}
