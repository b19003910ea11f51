//! The facts panel: the actors and agreements of the shown story, one row
//! each under a heading per kind. The cursor rests on facts, never on a
//! heading.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::facts::Facts;
use crate::facts::actors::ActorKind;
use crate::facts::lexicon::StatementKind;
use crate::text::normalize::fold;
use crate::text::{Direction, Order, Paragraph, fit_line};

use super::actions::Action;
use super::i18n::{self, t, tr};
use super::scroll::{ListScroll, Step, step};
use super::theme::Theme;

/// What the facts panel has to show for an article.
#[derive(Clone, Debug)]
pub enum FactsStatus {
    /// Being found (again) in the background.
    Pending,
    Ready(Arc<FactRows>),
}

/// One row of the panel: a heading (a group of actors, "Agreements") or a
/// fact, with the logical ranges of the text it comes from (an actor's
/// every mention, a statement's sentence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactItem {
    pub text: String,
    pub heading: bool,
    /// The second line of the fact above (what a statement is about): drawn
    /// with it, never under the cursor alone.
    pub continues: bool,
    pub mentions: Vec<Range<usize>>,
    /// For an actor: all its names (for the `a` filter).
    pub actor: Option<Vec<String>>,
}

/// The panel's rows for one article, and every name of its actors, folded
/// (for the actor filter).
#[derive(Clone, Debug, Default)]
pub struct FactRows {
    pub items: Vec<FactItem>,
    pub names: Vec<String>,
    /// The panel's width the rows were laid out for.
    pub width: usize,
}

impl FactItem {
    /// Can the cursor rest here (a fact's first line)?
    pub fn selectable(&self) -> bool {
        !self.heading && !self.continues
    }
}

impl FactRows {
    /// Actors grouped by kind (with role and mentions), then the
    /// agreements (kind, parties, what), for a panel `width` columns wide:
    /// a statement on one row when it fits, else its topic on a second.
    pub fn from_facts(f: &Facts, width: usize) -> FactRows {
        let mut items = Vec::new();
        let heading = |text: String| FactItem {
            text,
            heading: true,
            continues: false,
            mentions: Vec::new(),
            actor: None,
        };
        let groups = [
            ActorKind::Person,
            ActorKind::Country,
            ActorKind::Organization,
            ActorKind::Group,
            ActorKind::Place,
        ];
        for kind in groups {
            let actors: Vec<_> = f.actors.iter().filter(|a| a.kind == kind).collect();
            if actors.is_empty() {
                continue;
            }
            items.push(heading(tr(
                &format!("facts-{}", kind.name()),
                &[("n", (actors.len() as u64).into())],
            )));
            for a in actors {
                let mut text = a.name.clone();
                if let Some(r) = &a.role {
                    text.push_str(" — ");
                    text.push_str(r);
                }
                text.push_str(&format!(" ×{}", a.mentions));
                let names = std::iter::once(a.name.clone())
                    .chain(a.aliases.iter().cloned())
                    .collect();
                items.push(FactItem {
                    text,
                    heading: false,
                    continues: false,
                    mentions: a.spans.clone(),
                    actor: Some(names),
                });
            }
        }
        if !f.agreements.is_empty() {
            items.push(heading(tr(
                "facts-agreements",
                &[("n", (f.agreements.len() as u64).into())],
            )));
            // each statement once (kind, parties, sentence): who and how,
            // then what it is about, on the same row when both fit, else on
            // a second row
            // (a set: an article of 47 MB has tens of thousands of them)
            let mut seen: HashSet<(StatementKind, &Vec<String>, &Range<usize>)> = HashSet::new();
            for g in &f.agreements {
                if !seen.insert((g.kind, &g.parties, &g.range)) {
                    continue;
                }
                let who = format!("{}: {}", kind_label(g.kind), g.parties.join(" و"));
                let what = if g.text.is_empty() { "…" } else { &g.text };
                let one_row = format!("{who} — {what}");
                let fact = |text: String, continues: bool| FactItem {
                    text,
                    heading: false,
                    continues,
                    mentions: vec![g.range.clone()],
                    actor: None,
                };
                if Paragraph::new(&one_row, None).width() <= width {
                    items.push(fact(one_row, false));
                } else {
                    items.push(fact(who, false));
                    items.push(fact(format!("   {what}"), true));
                }
            }
        }
        let names = f
            .actors
            .iter()
            .flat_map(|a| std::iter::once(&a.name).chain(a.aliases.iter()))
            .map(|n| fold(n))
            .collect();
        FactRows {
            items,
            names,
            width,
        }
    }

    /// How many facts come before row `row` (its place among the facts,
    /// whatever the rows' width).
    pub fn fact_number(&self, row: usize) -> usize {
        self.items
            .iter()
            .take(row)
            .filter(|i| i.selectable())
            .count()
    }

    /// The row of the fact numbered `n` (the last fact past the end).
    pub fn row_of_fact(&self, n: usize) -> Option<usize> {
        let mut facts = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.selectable());
        let last = facts.clone().next_back().map(|(r, _)| r);
        facts.nth(n).map(|(r, _)| r).or(last)
    }

    /// The first row the cursor can rest on (a fact, not a heading).
    fn first_fact(&self) -> Option<usize> {
        self.items.iter().position(FactItem::selectable)
    }

    /// The nearest fact from `at` in direction `step` (±1), else `at`.
    fn fact_from(&self, at: usize, step: isize) -> usize {
        let mut i = at as isize;
        while i >= 0 && (i as usize) < self.items.len() {
            if self.items[i as usize].selectable() {
                return i as usize;
            }
            i += step;
        }
        at
    }
}

/// A statement's kind, in Arabic, for the facts panel.
fn kind_label(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::Agreement => "اتفاق",
        StatementKind::Support => "تأييد",
        StatementKind::Rejection => "رفض",
        StatementKind::Announcement => "إعلان",
        StatementKind::Affirmation => "تأكيد",
        StatementKind::Discussion => "بحث",
        StatementKind::Disagreement => "خلاف",
    }
}

/// The panel's state: the facts of the article shown, laid out for the
/// panel's width, which fact is selected, which row is first shown.
#[derive(Clone, Debug, Default)]
pub struct FactsPane {
    scroll: ListScroll,
    /// The row whose mentions Enter goes through, and the next one to show.
    next_mention: Option<(usize, usize)>,
    /// What the panel shows (`None`: no article).
    status: Option<FactsStatus>,
    /// The facts found, kept to lay them out again at another width.
    facts: Option<Arc<Facts>>,
    /// The panel's inside (given by the layout; 0 wide when hidden).
    width: usize,
    height: usize,
}

impl FactsPane {
    /// What the panel shows: the facts of a story (`Some(None)` while
    /// they are being found), or nothing. The cursor on the first fact.
    pub fn show(&mut self, facts: Option<Option<Facts>>) {
        self.status = match facts {
            None => {
                self.facts = None;
                None
            }
            Some(None) => {
                self.facts = None;
                Some(FactsStatus::Pending)
            }
            Some(Some(f)) => {
                let rows = FactRows::from_facts(&f, self.width);
                self.facts = Some(Arc::new(f));
                Some(FactsStatus::Ready(Arc::new(rows)))
            }
        };
        self.reset();
    }

    /// Are the shown story's facts still being found?
    pub fn is_pending(&self) -> bool {
        matches!(self.status, Some(FactsStatus::Pending))
    }

    /// What the panel shows, if anything.
    pub fn status(&self) -> Option<&FactsStatus> {
        self.status.as_ref()
    }

    fn rows(&self) -> Option<&FactRows> {
        match &self.status {
            Some(FactsStatus::Ready(r)) => Some(r),
            _ => None,
        }
    }

    /// The panel's inside is `area` (from the layout, once a message): at
    /// a new width the facts are laid out again, the cursor on the same
    /// fact; the view kept inside the rows.
    pub fn resize(&mut self, area: Rect) {
        let width = area.width as usize;
        self.width = width;
        self.height = area.height as usize;
        if let Some(FactsStatus::Ready(rows)) = &self.status
            && rows.width != width
            && width > 0
            && let Some(f) = &self.facts
        {
            let n = rows.fact_number(self.scroll.selected);
            let rows = FactRows::from_facts(f, width);
            self.scroll.selected = rows.row_of_fact(n).unwrap_or(0);
            self.status = Some(FactsStatus::Ready(Arc::new(rows)));
        }
    }

    /// Keep the view inside the rows.
    pub fn clamp(&mut self) {
        let n = self.rows().map_or(0, |r| r.items.len());
        self.scroll.clamp(n, self.height);
    }

    /// The selection and the first row shown.
    pub fn scroll(&self) -> ListScroll {
        self.scroll
    }

    /// Enter on the selected row: its next mention (the first again after
    /// the last), with which one of how many it is.
    pub fn next_mention(&mut self) -> Option<(Range<usize>, usize, usize)> {
        let row = self.scroll.selected;
        let rows = match &self.status {
            Some(FactsStatus::Ready(r)) => Arc::clone(r),
            _ => return None,
        };
        let mentions = &rows.items.get(row)?.mentions;
        if mentions.is_empty() {
            return None;
        }
        let k = match self.next_mention {
            Some((r, k)) if r == row => k % mentions.len(),
            _ => 0,
        };
        self.next_mention = Some((row, k + 1));
        Some((mentions[k].clone(), k + 1, mentions.len()))
    }

    /// The cursor on the first fact, the view at the top.
    fn reset(&mut self) {
        self.scroll = ListScroll::default();
        self.next_mention = None;
        if let Some(first) = self.rows().and_then(FactRows::first_fact) {
            self.scroll.selected = first;
        }
    }

    /// The selected fact.
    pub fn selected(&self) -> Option<&FactItem> {
        self.rows()?
            .items
            .get(self.scroll.selected)
            .filter(|i| i.selectable())
    }

    /// The wheel: the view moves by `delta` rows, the cursor stays.
    pub fn wheel(&mut self, delta: isize) {
        let n = self.rows().map_or(0, |r| r.items.len());
        self.scroll.wheel(delta, n, self.height);
    }

    /// A click on row `row` of the panel's inside: the fact there is
    /// selected (a fact's second line stands for the fact).
    pub fn click(&mut self, row: usize) {
        let Some(rows) = self.rows() else { return };
        let Some(i) = self.scroll.item_at(row, rows.items.len()) else {
            return;
        };
        let i = match &rows.items[i] {
            item if item.continues => Some(i - 1),
            item if item.selectable() => Some(i),
            _ => None,
        };
        if let Some(i) = i {
            self.scroll.selected = i;
        }
    }

    /// Moves of the cursor; false for an action that is not the panel's.
    pub fn on_action(&mut self, action: Action) -> bool {
        let Some(step) = step(action, self.height) else {
            return false;
        };
        let height = self.height;
        let Some(rows) = self.rows() else {
            return true;
        };
        let n = rows.items.len();
        let (delta, dir) = match step {
            Step::By(d) => (d, d.signum()),
            Step::Top => (-(n as isize), 1),
            Step::Bottom => (n as isize, -1),
        };
        let from = self.scroll.selected;
        let to = (from as isize + delta).clamp(0, n.saturating_sub(1) as isize) as usize;
        // land on a fact, looking on in the direction of the move, then back
        let mut at = rows.fact_from(to, dir);
        if rows.items.get(at).is_some_and(|i| !i.selectable()) {
            at = rows.fact_from(to, -dir);
        }
        let continues = rows.items.get(at + 1).is_some_and(|i| i.continues);
        let first = rows.first_fact().unwrap_or(0);
        // a fact's second line comes into view with it
        if continues {
            self.scroll.select(at + 1, n, height);
            self.scroll.offset = self.scroll.offset.min(at);
        }
        self.scroll.select(at, n, height);
        // a heading just above the first fact stays in view
        if at == first {
            self.scroll.offset = 0;
        }
        true
    }

    /// Draw the facts of one article, or say why there are none.
    pub fn render(&self, area: Rect, buf: &mut Buffer, view: FactsView) {
        // a note, shaped and wrapped in the interface's direction
        let note = |id: &str, buf: &mut Buffer| {
            let text = t(id);
            let dir = i18n::direction();
            let para = Paragraph::new(&text, Some(dir));
            let width = area.width as usize;
            for (row, range) in para
                .wrap(width)
                .into_iter()
                .enumerate()
                .take(area.height as usize)
            {
                let v = match view.order {
                    Order::Visual => para.visual_line_within(range, width),
                    Order::Logical => para.logical_line(range, width),
                };
                let x = match dir {
                    Direction::Rtl => area.x + (width - v.width.min(width)) as u16,
                    Direction::Ltr => area.x,
                };
                buf.set_stringn(x, area.y + row as u16, &v.text, width, view.theme.dim);
            }
        };
        let rows = match &self.status {
            None => return,
            Some(FactsStatus::Pending) => return note("facts-extracting", buf),
            Some(FactsStatus::Ready(f)) => f,
        };
        if rows.items.is_empty() {
            return note("facts-none", buf);
        }
        let width = area.width as usize;
        let shown = rows
            .items
            .iter()
            .enumerate()
            .skip(self.scroll.offset)
            .take(area.height as usize);
        for (row, (i, item)) in shown.enumerate() {
            let fitted = fit_line(&item.text, width, view.order);
            let mut style = if item.heading {
                view.theme.heading
            } else {
                Style::default()
            };
            let y = area.y + row as u16;
            let under_cursor = i == self.scroll.selected
                || item.continues && i.checked_sub(1) == Some(self.scroll.selected);
            if under_cursor && !item.heading {
                style = if view.focused {
                    view.theme.selected
                } else {
                    style.patch(view.theme.dim)
                };
                buf.set_style(Rect::new(area.x, y, area.width, 1), style);
            }
            buf.set_stringn(area.x, y, fitted.aligned(width), width, style);
        }
    }
}

/// What the panel draws with.
pub struct FactsView<'a> {
    pub focused: bool,
    pub order: Order,
    pub theme: &'a Theme,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Statement;

    fn statement(
        kind: StatementKind,
        parties: &[&str],
        text: &str,
        range: Range<usize>,
    ) -> Statement {
        Statement {
            kind,
            verb: "اتفق".into(),
            parties: parties.iter().map(|p| p.to_string()).collect(),
            text: text.into(),
            sentence: String::new(),
            span: [range.start, range.end],
            range,
        }
    }

    #[test]
    fn a_statement_shows_its_topic_on_its_row_or_a_second_when_narrow_and_once() {
        let a = &["باراك أوباما", "ديفد كاميرون"];
        let facts = Facts {
            actors: Vec::new(),
            agreements: vec![
                statement(StatementKind::Agreement, a, "تعزيز التعاون في الأمن", 0..50),
                // the same statement again: shown once
                statement(StatementKind::Agreement, a, "تعزيز التعاون في الأمن", 0..50),
                statement(StatementKind::Agreement, a, "إبقاء العقوبات", 60..90),
            ],
        };
        // wide: kind, parties and topic on one row each
        let rows = FactRows::from_facts(&facts, 80);
        let texts: Vec<&str> = rows.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                texts[0],
                "اتفاق: باراك أوباما وديفد كاميرون — تعزيز التعاون في الأمن",
                "اتفاق: باراك أوباما وديفد كاميرون — إبقاء العقوبات",
            ]
        );
        assert!(rows.items[1..].iter().all(FactItem::selectable));
        // narrow: the topic on a second row
        let rows = FactRows::from_facts(&facts, 40);
        let texts: Vec<&str> = rows.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts.len(), 5, "{texts:?}"); // a heading, two statements of two lines
        assert_eq!(texts[1], "اتفاق: باراك أوباما وديفد كاميرون");
        assert!(texts[2].contains("تعزيز التعاون في الأمن") && rows.items[2].continues);
        assert!(texts[4].contains("إبقاء العقوبات") && rows.items[4].continues);
        // the cursor goes from statement to statement, never to a topic line
        let mut panel = FactsPane::default();
        panel.resize(Rect::new(0, 0, 40, 10));
        panel.show(Some(Some(facts.clone())));
        assert_eq!(panel.scroll.selected, 1);
        panel.on_action(Action::Down);
        assert_eq!(panel.scroll.selected, 3);
        panel.on_action(Action::Up);
        assert_eq!(panel.scroll.selected, 1);
        // at two rows high, the selected statement's topic is in view
        panel.resize(Rect::new(0, 0, 40, 2));
        panel.on_action(Action::Down);
        assert_eq!(panel.scroll.selected, 3);
        assert_eq!(panel.scroll.offset, 3);
    }
}
