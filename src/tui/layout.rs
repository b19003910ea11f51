//! Where the panes go: computed by one function from the screen size, the
//! focus, whether the facts panel is wanted and the layout direction. The
//! width breakpoints live here: below [`NARROW`] one pane at a time, below
//! [`WIDE`] the facts panel takes the list's place when shown.

use ratatui::layout::{Constraint, Layout as Split, Position, Rect};
use ratatui::widgets::{Block, Borders};

use crate::config::LayoutDir;

/// Below this width the focused pane takes the whole screen.
pub const NARROW: u16 = 60;
/// From this width the list, the reader and the facts panel fit side by side.
pub const WIDE: u16 = 100;

/// The three panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
    Facts,
}

impl Pane {
    pub fn label(self) -> &'static str {
        match self {
            Pane::List => "articles",
            Pane::Reader => "reader",
            Pane::Facts => "facts",
        }
    }
}

/// Is the facts panel shown at `width` unless the user said otherwise?
pub fn facts_by_default(width: u16) -> bool {
    width >= WIDE
}

/// The rectangles of one frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub facts: Option<Rect>,
    pub status: Rect,
    /// The whole screen (the help overlay is centred on it).
    pub screen: Rect,
}

impl Panes {
    /// Lay out a screen of `size` (width, height).
    pub fn compute(size: (u16, u16), focus: Pane, facts: bool, dir: LayoutDir) -> Panes {
        let screen = Rect::new(0, 0, size.0, size.1);
        let [main, status] =
            Split::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(screen);
        let mut panes = Panes {
            status,
            screen,
            ..Panes::default()
        };
        let w = main.width;
        if w == 0 || main.height == 0 {
            return panes;
        }
        if w < NARROW {
            // one pane at a time: the focused one
            *panes.slot(focus) = Some(main);
            return panes;
        }
        let mut order: Vec<(Pane, Constraint)> = if w >= WIDE {
            let mut v = vec![
                (Pane::List, Constraint::Percentage(28)),
                (Pane::Reader, Constraint::Min(30)),
            ];
            if facts {
                v.push((Pane::Facts, Constraint::Percentage(26)));
            }
            v
        } else if facts {
            // the facts panel takes the list's place
            vec![
                (Pane::Reader, Constraint::Min(30)),
                (Pane::Facts, Constraint::Percentage(40)),
            ]
        } else {
            vec![
                (Pane::List, Constraint::Percentage(35)),
                (Pane::Reader, Constraint::Min(30)),
            ]
        };
        if dir == LayoutDir::Rtl {
            order.reverse();
        }
        let rects = Split::horizontal(order.iter().map(|(_, c)| *c)).split(main);
        for ((pane, _), r) in order.iter().zip(rects.iter()) {
            *panes.slot(*pane) = Some(*r);
        }
        panes
    }

    fn slot(&mut self, pane: Pane) -> &mut Option<Rect> {
        match pane {
            Pane::List => &mut self.list,
            Pane::Reader => &mut self.reader,
            Pane::Facts => &mut self.facts,
        }
    }

    /// The rectangle of `pane`, when it is shown.
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Facts => self.facts,
        }
    }

    /// Inside a pane's border.
    pub fn inner(&self, pane: Pane) -> Rect {
        self.get(pane)
            .map(|r| Block::default().borders(Borders::ALL).inner(r))
            .unwrap_or_default()
    }

    /// The reader's text area: inside the border, one column of margin on
    /// each side.
    pub fn reader_text(&self) -> Rect {
        let r = self.inner(Pane::Reader);
        Rect::new(
            r.x + 1.min(r.width),
            r.y,
            r.width.saturating_sub(2),
            r.height,
        )
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let at = Position::new(column, row);
        [Pane::List, Pane::Reader, Pane::Facts]
            .into_iter()
            .find(|&p| self.get(p).is_some_and(|r| r.contains(at)))
    }

    /// The panes that take focus, in Tab order: those shown, or all three
    /// when one shows at a time.
    pub fn focusable(&self) -> Vec<Pane> {
        if self.screen.width < NARROW {
            return vec![Pane::List, Pane::Reader, Pane::Facts];
        }
        [Pane::List, Pane::Reader, Pane::Facts]
            .into_iter()
            .filter(|&p| self.get(p).is_some())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakpoints() {
        let p = Panes::compute((120, 40), Pane::List, true, LayoutDir::Rtl);
        let (l, r, f) = (p.list.unwrap(), p.reader.unwrap(), p.facts.unwrap());
        assert!(f.x < r.x && r.x < l.x, "mirrored: facts, reader, list");
        assert_eq!(p.status, Rect::new(0, 39, 120, 1));
        let p = Panes::compute((80, 24), Pane::List, true, LayoutDir::Ltr);
        assert!(p.list.is_none() && p.facts.is_some());
        assert_eq!(p.focusable(), [Pane::Reader, Pane::Facts]);
        let p = Panes::compute((50, 24), Pane::Facts, true, LayoutDir::Ltr);
        assert_eq!(p.facts, Some(Rect::new(0, 0, 50, 23)));
        assert!(p.list.is_none() && p.reader.is_none());
        assert_eq!(p.focusable().len(), 3);
        let p = Panes::compute((0, 0), Pane::List, true, LayoutDir::Ltr);
        assert!(p.reader.is_none());
        assert_eq!(p.reader_text(), Rect::default());
    }
}
