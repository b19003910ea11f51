//! The facts panel: the actors and agreements of the shown story, one row
//! each under a heading per kind. The cursor rests on facts, never on a
//! heading.

use std::ops::Range;

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
    Ready(std::sync::Arc<FactRows>),
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
            let mut seen: Vec<(StatementKind, &Vec<String>, &Range<usize>)> = Vec::new();
            for g in &f.agreements {
                let key = (g.kind, &g.parties, &g.range);
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
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

/// The panel's state: which fact is selected, which row is first shown.
#[derive(Clone, Debug, Default)]
pub struct FactsPane {
    pub scroll: ListScroll,
    /// The row whose mentions Enter goes through, and the next one to show.
    pub next_mention: Option<(usize, usize)>,
}

impl FactsPane {
    /// Enter on the selected row: its next mention (the first again after
    /// the last), with which one of how many it is.
    pub fn next_mention(
        &mut self,
        rows: Option<&FactRows>,
    ) -> Option<(Range<usize>, usize, usize)> {
        let row = self.scroll.selected;
        let mentions = &rows?.items.get(row)?.mentions;
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

    /// A new article, or its facts arrived: the cursor on its first fact.
    pub fn reset(&mut self, rows: Option<&FactRows>) {
        self.scroll = ListScroll::default();
        self.next_mention = None;
        if let Some(first) = rows.and_then(FactRows::first_fact) {
            self.scroll.selected = first;
        }
    }

    /// The selected fact.
    pub fn selected<'a>(&self, rows: Option<&'a FactRows>) -> Option<&'a FactItem> {
        rows?
            .items
            .get(self.scroll.selected)
            .filter(|i| i.selectable())
    }

    /// Moves of the cursor; false for an action that is not the panel's.
    pub fn on_action(&mut self, action: Action, rows: Option<&FactRows>, height: usize) -> bool {
        let Some(step) = step(action, height) else {
            return false;
        };
        let Some(rows) = rows else {
            return true;
        };
        let n = rows.items.len();
        let (delta, step) = match step {
            Step::By(d) => (d, d.signum()),
            Step::Top => (-(n as isize), 1),
            Step::Bottom => (n as isize, -1),
        };
        let from = self.scroll.selected;
        let to = (from as isize + delta).clamp(0, n.saturating_sub(1) as isize) as usize;
        // land on a fact, looking on in the direction of the move, then back
        let mut at = rows.fact_from(to, step);
        if rows.items.get(at).is_some_and(|i| !i.selectable()) {
            at = rows.fact_from(to, -step);
        }
        // a fact's second line comes into view with it
        if rows.items.get(at + 1).is_some_and(|i| i.continues) {
            self.scroll.select(at + 1, n, height);
            self.scroll.offset = self.scroll.offset.min(at);
        }
        self.scroll.select(at, n, height);
        // a heading just above the first fact stays in view
        if at == rows.first_fact().unwrap_or(0) {
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
        let rows = match view.status {
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
    pub status: Option<&'a FactsStatus>,
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
        panel.reset(Some(&rows));
        assert_eq!(panel.scroll.selected, 1);
        panel.on_action(Action::Down, Some(&rows), 10);
        assert_eq!(panel.scroll.selected, 3);
        panel.on_action(Action::Up, Some(&rows), 10);
        assert_eq!(panel.scroll.selected, 1);
        // at two rows high, the selected statement's topic is in view
        panel.on_action(Action::Down, Some(&rows), 2);
        assert_eq!(panel.scroll.selected, 3);
        assert_eq!(panel.scroll.offset, 3);
    }
}
