//! Scrolling, once for every pane: [`step`], the one paging rule (what a
//! moving key means for a view of `visible` items: a page is one less than
//! what is visible, half a page half of that), and [`ListScroll`], a
//! selected item and the first item shown, for the list panes (articles,
//! pickers; the facts panel lands on facts). Keys move the selection and
//! bring it into view; the mouse wheel moves the view alone. Everything is
//! computed in `update`, never while drawing.

use super::actions::Action;

/// What a moving key asks of a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Move by this many items (lines, articles, facts): down when positive.
    By(isize),
    Top,
    Bottom,
}

/// The paging rule: what `action` means for a view showing `visible` items
/// (`None` for an action that does not move). A page is one item less than
/// what is visible (the last item seen stays in view), half a page half of
/// that, each at least one.
pub fn step(action: Action, visible: usize) -> Option<Step> {
    let page = visible.saturating_sub(1).max(1) as isize;
    let half = (page / 2).max(1);
    Some(match action {
        Action::Down => Step::By(1),
        Action::Up => Step::By(-1),
        Action::PageDown => Step::By(page),
        Action::PageUp => Step::By(-page),
        Action::HalfPageDown => Step::By(half),
        Action::HalfPageUp => Step::By(-half),
        Action::Top => Step::Top,
        Action::Bottom => Step::Bottom,
        _ => return None,
    })
}

/// Selection and view of a list of `len` items, `visible` of them on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListScroll {
    pub selected: usize,
    pub offset: usize,
}

impl ListScroll {
    /// Select item `to` (clamped to the list) and bring it into view.
    pub fn select(&mut self, to: usize, len: usize, visible: usize) {
        self.selected = to.min(len.saturating_sub(1));
        self.reveal(len, visible);
    }

    /// Move the selection by `delta` items.
    pub fn move_by(&mut self, delta: isize, len: usize, visible: usize) {
        let to = (self.selected as isize + delta).max(0) as usize;
        self.select(to, len, visible);
    }

    /// A moving key (down, up, a page or half, top, bottom) on a list of
    /// `len` items, `visible` of them on screen (a page is one less); false
    /// for an action that does not move.
    pub fn on_move(&mut self, action: Action, len: usize, visible: usize) -> bool {
        match step(action, visible) {
            Some(Step::By(d)) => {
                let to = (self.selected as isize + d).max(0) as usize;
                self.select(to, len, visible)
            }
            Some(Step::Top) => self.select(0, len, visible),
            Some(Step::Bottom) => self.select(len.saturating_sub(1), len, visible),
            None => return false,
        }
        true
    }

    /// Keep the selection on screen, and the screen full when it can be.
    /// A list not on screen (`visible` 0) keeps its view.
    pub fn reveal(&mut self, len: usize, visible: usize) {
        if visible == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        self.offset = self.offset.min(len.saturating_sub(visible));
    }

    /// Keep the view inside a list that changed length or height (the
    /// selection may be out of view: the wheel put it there).
    pub fn clamp(&mut self, len: usize, visible: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        if visible > 0 {
            self.offset = self.offset.min(len.saturating_sub(visible));
        }
    }

    /// The wheel: scroll the view by `delta` items, the selection stays.
    pub fn wheel(&mut self, delta: isize, len: usize, visible: usize) {
        let max = len.saturating_sub(visible.max(1));
        self.offset = (self.offset as isize + delta).clamp(0, max as isize) as usize;
    }

    /// The item shown at row `row` of the view, if any.
    pub fn item_at(&self, row: usize, len: usize) -> Option<usize> {
        let i = self.offset + row;
        (i < len).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_one_less_than_what_is_visible_and_half_a_page_half_of_that() {
        assert_eq!(step(Action::PageDown, 20), Some(Step::By(19)));
        assert_eq!(step(Action::HalfPageUp, 20), Some(Step::By(-9)));
        assert_eq!(step(Action::PageUp, 1), Some(Step::By(-1)));
        assert_eq!(step(Action::HalfPageDown, 0), Some(Step::By(1)));
        assert_eq!(step(Action::Bottom, 5), Some(Step::Bottom));
        assert_eq!(step(Action::Quit, 5), None);
    }

    #[test]
    fn keys_bring_the_selection_into_view_and_the_wheel_does_not_move_it() {
        let mut s = ListScroll::default();
        s.move_by(12, 100, 10);
        assert_eq!((s.selected, s.offset), (12, 3));
        s.select(usize::MAX, 100, 10);
        assert_eq!((s.selected, s.offset), (99, 90));
        s.wheel(-30, 100, 10);
        assert_eq!((s.selected, s.offset), (99, 60));
        s.wheel(1000, 100, 10);
        assert_eq!(s.offset, 90, "the last page stays full");
        s.move_by(-1, 100, 10);
        assert_eq!((s.selected, s.offset), (98, 90));
        s.select(0, 0, 10);
        assert_eq!((s.selected, s.offset), (0, 0), "an empty list");
    }
}
