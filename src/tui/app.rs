//! The application's state and what each action does to it. No drawing and
//! no terminal here: tests drive an [`App`] with keys and check its state.

use std::ops::Range;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::corpus::Article;
use crate::facts::Facts;
use crate::facts::actors::ActorKind;
use crate::text::normalize::fold;
use crate::text::{Layout, LayoutCache, Order, layout_blocks_as};

use super::article_view::Highlight;
use super::config::{BidiMode, Config, LayoutDir, ThemeName};
use super::facts_panel::FactItem;
use super::keymap::{Action, KeyMap};
use super::search::{ArticleSearch, Prompt, PromptKind};
use super::theme::Theme;
use crate::search::{CorpusIndex, Query, find_in};
use crate::text::normalize::Folded;

/// The three panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Facts,
}

impl Focus {
    pub fn label(self) -> &'static str {
        match self {
            Focus::List => "articles",
            Focus::Reader => "reader",
            Focus::Facts => "facts",
        }
    }
}

/// Where the panes were drawn last, for the mouse and for paging.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Geometry {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub facts: Option<Rect>,
    /// The reader's text area (inside border and margins).
    pub reader_text: Rect,
    pub list_inner: Rect,
    pub facts_inner: Rect,
}

/// Facts about one article, as the facts panel shows them.
#[derive(Clone, Debug, Default)]
pub struct ArticleFacts {
    pub items: Vec<FactItem>,
    /// Every name of every actor, folded, for the actor filter.
    pub names: Vec<String>,
}

impl ArticleFacts {
    /// The panel's rows: actors grouped by kind (with role and mentions),
    /// then the agreements (kind, parties, what).
    pub fn from_facts(f: &Facts) -> ArticleFacts {
        let mut items = Vec::new();
        let groups = [
            (ActorKind::Person, "People"),
            (ActorKind::Country, "Countries"),
            (ActorKind::Organization, "Organizations"),
            (ActorKind::Group, "Groups"),
            (ActorKind::Place, "Places"),
        ];
        for (kind, heading) in groups {
            let actors: Vec<_> = f.actors.iter().filter(|a| a.kind == kind).collect();
            if actors.is_empty() {
                continue;
            }
            items.push(FactItem {
                text: format!("{heading} ({})", actors.len()),
                heading: true,
                sentence: None,
                actor: None,
            });
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
                    sentence: a.spans.first().cloned(),
                    actor: Some(names),
                });
            }
        }
        if !f.agreements.is_empty() {
            items.push(FactItem {
                text: format!("Agreements ({})", f.agreements.len()),
                heading: true,
                sentence: None,
                actor: None,
            });
            for g in &f.agreements {
                let text = format!(
                    "{}: {} — {}",
                    kind_label(g.kind),
                    g.parties.join(" و"),
                    g.text
                );
                items.push(FactItem {
                    text,
                    heading: false,
                    sentence: Some(g.range.clone()),
                    actor: None,
                });
            }
        }
        let names = f
            .actors
            .iter()
            .flat_map(|a| std::iter::once(&a.name).chain(a.aliases.iter()))
            .map(|n| fold(n))
            .collect();
        ArticleFacts { items, names }
    }
}

/// What the facts panel has to show for the current article.
#[derive(Clone, Debug)]
pub enum FactsStatus {
    /// No extractor in this build: the panel says so and lists nothing.
    Unavailable,
    /// Being computed in the background.
    Pending,
    Ready(Arc<ArticleFacts>),
}

/// A statement's kind, in Arabic, for the facts panel.
fn kind_label(kind: &str) -> &'static str {
    match kind {
        "agreement" => "اتفاق",
        "support" => "تأييد",
        "rejection" => "رفض",
        "announcement" => "إعلان",
        "affirmation" => "تأكيد",
        "discussion" => "بحث",
        "disagreement" => "خلاف",
        _ => "بيان",
    }
}

/// The list narrowed to the stories of one actor.
#[derive(Clone, Debug)]
pub struct ActorFilter {
    pub name: String,
    pub articles: Vec<usize>,
    /// Matches per listed article, for a corpus search.
    pub counts: Option<Vec<usize>>,
    /// The corpus query this list answers, if it is a search.
    pub query: Option<String>,
    /// The article selected before the search (restored by Esc).
    pub saved_selected: usize,
}

/// The whole state of the browser.
pub struct App {
    pub articles: Vec<Article>,
    pub selected: usize,
    pub list_offset: usize,
    pub focus: Focus,
    /// First reader line shown.
    pub scroll: usize,
    pub layouts: LayoutCache,
    pub order: Order,
    pub layout_dir: LayoutDir,
    /// `Some(shown)` once the user pressed the facts key; else the default
    /// for the width (shown at 100 columns and more).
    pub facts_toggle: Option<bool>,
    pub help: bool,
    pub help_scroll: usize,
    pub message: Option<String>,
    /// Files that could not be loaded, reported on stderr after exit.
    pub problems: Vec<String>,
    /// (loaded, total) while files load in the background.
    pub loading: Option<(usize, usize)>,
    pub theme: Theme,
    pub keys: KeyMap,
    /// Logical ranges highlighted in the reader (a fact's sentence).
    pub highlights: Vec<Highlight>,
    /// Facts per article (same index), when known.
    pub facts: Vec<FactsStatus>,
    pub fact_selected: usize,
    pub fact_offset: usize,
    pub quit: bool,
    /// The article list narrowed to one actor's stories (`a`).
    pub filter: Option<ActorFilter>,
    /// The search prompt, while it is open.
    pub prompt: Option<Prompt>,
    /// Matches of the last query in the shown article.
    pub search: Option<ArticleSearch>,
    /// Queries typed, oldest first (Up/Down in the prompt).
    pub history: Vec<String>,
    /// Folded texts of all articles, for corpus search.
    pub index: CorpusIndex,
    /// The shown article folded once, for in-article search.
    folded: Option<(usize, Folded)>,
    /// (done, total) while facts are extracted in the background.
    pub facts_progress: Option<(usize, usize)>,
    pub geometry: Geometry,
    /// Terminal size at the last draw.
    pub size: (u16, u16),
    /// Read state per article (same index); unread titles are bold.
    pub read: Vec<bool>,
    /// Articles a refresh brought in during this session (marked ●).
    pub fresh: Vec<bool>,
    /// Read-state changes not yet written to the store: (key, read).
    pub read_changes: Vec<(String, bool)>,
    /// The user asked for a refresh (`R`); the event loop starts it.
    pub refresh_requested: bool,
    /// (done, total) while the feeds are refreshed.
    pub refreshing: Option<(usize, usize)>,
    /// How many feeds there are to refresh.
    pub feed_count: usize,
    /// The article last opened in the reader (marked read then).
    opened: Option<usize>,
}

impl App {
    pub fn new(articles: Vec<Article>, config: &Config) -> App {
        let theme = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Theme::mono()
        } else {
            match config.theme {
                ThemeName::Dark => Theme::dark(),
                ThemeName::Light => Theme::light(),
            }
        };
        let facts = articles.iter().map(|_| FactsStatus::Pending).collect();
        let n = articles.len();
        let mut index = CorpusIndex::new();
        for a in &articles {
            index.push(&a.text, a.title_range.clone());
        }
        App {
            articles,
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            scroll: 0,
            layouts: LayoutCache::new(32),
            order: match config.bidi {
                BidiMode::Engine => Order::Visual,
                BidiMode::Terminal => Order::Logical,
            },
            layout_dir: config.layout,
            facts_toggle: None,
            help: false,
            help_scroll: 0,
            message: None,
            problems: Vec::new(),
            loading: None,
            theme,
            keys: config.keys.clone(),
            highlights: Vec::new(),
            facts,
            fact_selected: 0,
            fact_offset: 0,
            quit: false,
            filter: None,
            prompt: None,
            search: None,
            history: Vec::new(),
            index,
            folded: None,
            facts_progress: None,
            geometry: Geometry::default(),
            size: (0, 0),
            read: vec![false; n],
            fresh: vec![false; n],
            read_changes: Vec::new(),
            refresh_requested: false,
            refreshing: None,
            feed_count: 0,
            opened: None,
        }
    }

    /// Mark read the articles whose key (see `Article::key`) is in `keys`.
    pub fn apply_read_keys(&mut self, keys: &std::collections::HashSet<String>) {
        for (i, a) in self.articles.iter().enumerate() {
            self.read[i] = keys.contains(&a.key());
        }
    }

    /// Add an article with its read state; `fresh` when a refresh brought it.
    pub fn push_article_marked(&mut self, article: Article, read: bool, fresh: bool) {
        self.push_article(article);
        let i = self.articles.len() - 1;
        self.read[i] = read;
        self.fresh[i] = fresh;
    }

    /// Mark article `index` read or unread (and remember to store it).
    pub fn set_read(&mut self, index: usize, read: bool) {
        if let Some(r) = self.read.get_mut(index)
            && *r != read
        {
            *r = read;
            self.read_changes.push((self.articles[index].key(), read));
        }
    }

    /// How many articles are unread.
    pub fn unread_count(&self) -> usize {
        self.read.iter().filter(|r| !**r).count()
    }

    /// An article shown in the focused reader counts as opened: mark it
    /// read, once (so that `u` can mark it unread again while reading).
    fn note_opened(&mut self) {
        if self.focus == Focus::Reader
            && !self.articles.is_empty()
            && self.opened != Some(self.selected)
        {
            self.opened = Some(self.selected);
            self.set_read(self.selected, true);
        }
    }

    /// `.`: open the next unread article of the list, wrapping around.
    fn next_unread(&mut self) {
        let visible = self.visible();
        let at = visible
            .iter()
            .position(|&i| i == self.selected)
            .map_or(0, |p| p + 1);
        let n = visible.len();
        let found = (0..n)
            .map(|k| visible[(at + k) % n])
            .find(|&i| !self.read[i]);
        match found {
            Some(i) => {
                let wrapped = visible.iter().position(|&v| v == i).unwrap_or(0) < at;
                self.select(i);
                self.opened = Some(i);
                self.set_read(i, true);
                let left = visible.iter().filter(|&&v| !self.read[v]).count();
                self.message = Some(format!(
                    "{left} unread left{}",
                    if wrapped { " (wrapped to the top)" } else { "" }
                ));
            }
            None => self.message = Some("no unread articles".into()),
        }
    }

    /// Add articles loaded in the background.
    pub fn push_article(&mut self, article: Article) {
        self.index.push(&article.text, article.title_range.clone());
        self.articles.push(article);
        self.facts.push(FactsStatus::Pending);
        self.read.push(false);
        self.fresh.push(false);
    }

    /// A file that could not be loaded: shown now, reported after exit.
    pub fn problem(&mut self, message: String) {
        self.message = Some(message.clone());
        self.problems.push(message);
    }

    pub fn current(&self) -> Option<&Article> {
        self.articles.get(self.selected)
    }

    /// Is the facts panel shown at `width` columns?
    pub fn facts_shown(&self, width: u16) -> bool {
        self.facts_toggle.unwrap_or(width >= 100)
    }

    /// The panes that can take focus at `width`, in Tab order.
    pub fn focusable(&self, width: u16) -> Vec<Focus> {
        if width < 60 || self.facts_shown(width) {
            vec![Focus::List, Focus::Reader, Focus::Facts]
        } else {
            vec![Focus::List, Focus::Reader]
        }
    }

    /// The current article laid out for the reader's width.
    pub fn current_layout(&mut self) -> Option<Arc<Layout>> {
        let width = self.geometry.reader_text.width.max(1);
        let order = self.order;
        let idx = self.selected;
        let article = self.articles.get(idx)?;
        let id = (idx as u64) << 1 | (order == Order::Logical) as u64;
        Some(self.layouts.get_or_insert(id, width, || {
            let meta = article.meta_line();
            layout_blocks_as(&article.blocks(Some(&meta)), width, order)
        }))
    }

    /// Largest useful reader scroll.
    pub fn max_scroll(&mut self) -> usize {
        let height = self.geometry.reader_text.height as usize;
        self.current_layout()
            .map_or(0, |l| l.lines.len().saturating_sub(height))
    }

    /// How far down the article the reader is, 0-100.
    pub fn scroll_percent(&mut self) -> u16 {
        let max = self.max_scroll();
        (self.scroll.min(max) * 100)
            .checked_div(max)
            .map_or(100, |p| p as u16)
    }

    pub fn select(&mut self, index: usize) {
        if self.articles.is_empty() {
            return;
        }
        let index = index.min(self.articles.len() - 1);
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
            self.highlights.clear();
            self.fact_selected = 0;
            self.fact_offset = 0;
            self.search = None;
            // from a corpus search: open the article at its first match
            if let Some(q) = self.filter.as_ref().and_then(|f| f.query.clone()) {
                self.search_article(&q, 0);
            }
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        let max = self.max_scroll();
        self.scroll = (self.scroll as isize + delta).clamp(0, max as isize) as usize;
    }

    fn move_selection(&mut self, delta: isize) {
        let visible = self.visible();
        if visible.is_empty() {
            return;
        }
        let at = visible
            .iter()
            .position(|&i| i == self.selected)
            .unwrap_or(0);
        let to = (at as isize + delta).clamp(0, visible.len() as isize - 1) as usize;
        self.select(visible[to]);
    }

    /// The articles the list shows, in order: all, or those that mention
    /// the actor being filtered on.
    pub fn visible(&self) -> Vec<usize> {
        match &self.filter {
            Some(f) => f.articles.clone(),
            None => (0..self.articles.len()).collect(),
        }
    }

    /// Record the facts of article `index` (from the background extractor).
    pub fn set_facts(&mut self, index: usize, facts: &Facts) {
        if let Some(slot) = self.facts.get_mut(index) {
            *slot = FactsStatus::Ready(Arc::new(ArticleFacts::from_facts(facts)));
        }
        let names: Vec<String> = facts
            .actors
            .iter()
            .flat_map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()))
            .collect();
        self.index.set_actors(index, &names);
    }

    /// Keep only the stories that mention the selected actor, by any of its names.
    fn filter_by_actor(&mut self) {
        let Some(FactsStatus::Ready(f)) = self.facts.get(self.selected).cloned() else {
            return;
        };
        let Some(names) = f
            .items
            .get(self.fact_selected)
            .and_then(|i| i.actor.clone())
        else {
            self.message = Some("select an actor in the facts panel to filter by it".into());
            return;
        };
        let folded: Vec<String> = names
            .iter()
            .map(|n| fold(n))
            .filter(|n| !n.is_empty())
            .collect();
        let articles: Vec<usize> = (0..self.articles.len())
            .filter(|&i| match &self.facts[i] {
                FactsStatus::Ready(f) => f.names.iter().any(|n| folded.contains(n)),
                _ => {
                    let text = fold(&self.articles[i].text);
                    folded.iter().any(|n| text.contains(n.as_str()))
                }
            })
            .collect();
        self.message = Some(format!(
            "{} stories mention {} (Esc clears)",
            articles.len(),
            names[0]
        ));
        self.filter = Some(ActorFilter {
            counts: None,
            query: None,
            saved_selected: self.selected,
            name: names[0].clone(),
            articles,
        });
        self.list_offset = 0;
        self.focus = Focus::List;
    }

    fn fact_count(&self) -> usize {
        match self.facts.get(self.selected) {
            Some(FactsStatus::Ready(f)) => f.items.len(),
            _ => 0,
        }
    }

    fn move_fact(&mut self, delta: isize) {
        let n = self.fact_count();
        if n > 0 {
            self.fact_selected =
                (self.fact_selected as isize + delta).clamp(0, n as isize - 1) as usize;
        }
    }

    fn page(&self, focus: Focus) -> usize {
        let h = match focus {
            Focus::List => self.geometry.list_inner.height / 2,
            Focus::Reader => self.geometry.reader_text.height,
            Focus::Facts => self.geometry.facts_inner.height,
        };
        (h as usize).saturating_sub(1).max(1)
    }

    /// Scroll the reader so that `range` (logical, in the article's text) is
    /// in view, and highlight it.
    pub fn show_range(&mut self, range: Range<usize>) {
        if let Some(layout) = self.current_layout() {
            if let Some(line) = layout.line_of(&range) {
                let max = self.max_scroll();
                let context = (self.geometry.reader_text.height as usize / 4).min(3);
                self.scroll = line.saturating_sub(context).min(max);
            }
            self.highlights = vec![Highlight {
                range,
                style: self.theme.highlight,
            }];
        }
    }

    /// Open the selected fact: scroll to its sentence and highlight it.
    fn open_fact(&mut self) {
        if let Some(FactsStatus::Ready(f)) = self.facts.get(self.selected).cloned()
            && let Some(item) = f.items.get(self.fact_selected)
            && let Some(range) = item.sentence.clone()
        {
            self.show_range(range);
        }
    }

    /// Open the search prompt.
    fn open_prompt(&mut self, kind: PromptKind) {
        self.prompt = Some(Prompt {
            kind,
            text: String::new(),
            history_at: None,
            saved_scroll: self.scroll,
            saved_selected: self.selected,
        });
        self.message = None;
    }

    /// A key typed into the prompt: the query is searched as it is typed.
    fn prompt_key(&mut self, key: &KeyEvent) {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let Some(mut p) = self.prompt.take() else {
            return;
        };
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return;
        }
        match key.code {
            KeyCode::Esc => {
                // cancel: back to where the reader was
                match p.kind {
                    PromptKind::Article => {
                        self.search = None;
                        self.scroll = p.saved_scroll;
                    }
                    PromptKind::Corpus => {
                        if self.filter.as_ref().is_some_and(|f| f.query.is_some()) {
                            self.filter = None;
                        }
                        self.select(p.saved_selected);
                        self.scroll = p.saved_scroll;
                    }
                }
                self.message = None;
                return;
            }
            KeyCode::Enter => {
                let q = p.text.trim().to_string();
                if !q.is_empty() {
                    self.history.retain(|h| h != &q);
                    self.history.push(q);
                }
                if p.kind == PromptKind::Corpus
                    && self.filter.as_ref().is_some_and(|f| f.query.is_some())
                {
                    self.focus = Focus::List;
                }
                return;
            }
            KeyCode::Backspace => {
                p.text.pop();
            }
            KeyCode::Up | KeyCode::Down if !self.history.is_empty() => {
                let last = self.history.len() - 1;
                let at = match (key.code, p.history_at) {
                    (KeyCode::Up, None) => Some(last),
                    (KeyCode::Up, Some(i)) => Some(i.saturating_sub(1)),
                    (KeyCode::Down, Some(i)) if i < last => Some(i + 1),
                    _ => None,
                };
                p.history_at = at;
                p.text = at.map(|i| self.history[i].clone()).unwrap_or_default();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => p.text.push(c),
            _ => {}
        }
        let text = p.text.clone();
        let kind = p.kind;
        let saved_scroll = p.saved_scroll;
        self.prompt = Some(p);
        match kind {
            PromptKind::Article => {
                self.scroll = saved_scroll;
                self.search_article(&text, saved_scroll);
            }
            PromptKind::Corpus => self.search_corpus(&text),
        }
    }

    /// Find `query` in the shown article; make the first match at or after
    /// line `from_line` current and scroll to it.
    pub fn search_article(&mut self, query: &str, from_line: usize) {
        let Some(q) = Query::new(query) else {
            self.search = None;
            self.message = None;
            return;
        };
        let idx = self.selected;
        if self.folded.as_ref().is_none_or(|(i, _)| *i != idx) {
            let Some(a) = self.articles.get(idx) else {
                return;
            };
            self.folded = Some((idx, Folded::new(&a.text)));
        }
        let matches = self
            .folded
            .as_ref()
            .map(|(_, f)| find_in(&q, f))
            .unwrap_or_default();
        let layout = self.current_layout();
        let current = layout
            .as_ref()
            .and_then(|l| {
                matches
                    .iter()
                    .position(|m| l.line_of(m).is_some_and(|line| line >= from_line))
            })
            .unwrap_or(0);
        self.search = Some(ArticleSearch {
            query: query.to_string(),
            matches,
            current,
        });
        self.show_current_match();
    }

    /// Scroll to the current match and say where it is ("3/12").
    fn show_current_match(&mut self) {
        let Some(s) = &self.search else { return };
        if s.matches.is_empty() {
            self.message = Some("no match".into());
            return;
        }
        let (range, i, n) = (s.matches[s.current].clone(), s.current + 1, s.matches.len());
        if let Some(layout) = self.current_layout()
            && let Some(line) = layout.line_of(&range)
        {
            let height = self.geometry.reader_text.height.max(1) as usize;
            if line < self.scroll || line >= self.scroll + height {
                self.scroll = line.saturating_sub(height / 3).min(self.max_scroll());
            }
        }
        self.message = Some(format!("{i}/{n}"));
    }

    /// `n` / `N`: the next or previous match, wrapping around.
    fn next_match(&mut self, forward: bool) {
        let Some(s) = &mut self.search else {
            self.message = Some("no search: / searches the article, s all of them".into());
            return;
        };
        if s.matches.is_empty() {
            self.message = Some("no match".into());
            return;
        }
        let n = s.matches.len();
        let wrapped = (forward && s.current + 1 == n) || (!forward && s.current == 0);
        s.current = if forward {
            (s.current + 1) % n
        } else {
            (s.current + n - 1) % n
        };
        self.show_current_match();
        if wrapped && let Some(m) = &mut self.message {
            m.push_str(if forward {
                " (search wrapped to the top)"
            } else {
                " (search wrapped to the bottom)"
            });
        }
    }

    /// Narrow the list to the articles matching `query` (title, body or
    /// actors), best first, each with its count.
    pub fn search_corpus(&mut self, query: &str) {
        let saved = self
            .filter
            .as_ref()
            .map_or(self.selected, |f| f.saved_selected);
        let Some(q) = Query::new(query) else {
            if self.filter.as_ref().is_some_and(|f| f.query.is_some()) {
                self.filter = None;
            }
            self.message = None;
            return;
        };
        let hits = self.index.search(&q);
        self.message = Some(if hits.is_empty() {
            "no match".to_string()
        } else {
            format!("{} articles", hits.len())
        });
        self.filter = Some(ActorFilter {
            name: format!("«{query}»"),
            articles: hits.iter().map(|h| h.article).collect(),
            counts: Some(hits.iter().map(|h| h.count).collect()),
            query: Some(query.to_string()),
            saved_selected: saved,
        });
        self.list_offset = 0;
        if let Some(first) = hits.first() {
            self.select(first.article);
            self.search_article(query, 0);
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) {
        if self.prompt.is_some() {
            self.prompt_key(key);
            return;
        }
        let Some(action) = self.keys.action(key) else {
            return;
        };
        self.perform(action);
    }

    /// Do what `action` means in the current state.
    pub fn perform(&mut self, action: Action) {
        self.perform_action(action);
        self.note_opened();
    }

    fn perform_action(&mut self, action: Action) {
        if self.help {
            match action {
                Action::Help | Action::Close | Action::Quit => self.help = false,
                Action::Down => self.help_scroll += 1,
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                _ => {}
            }
            return;
        }
        let width = self.size.0;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::Close => {
                self.highlights.clear();
                self.message = None;
                self.search = None;
                if let Some(f) = self.filter.take() {
                    self.list_offset = 0;
                    if f.query.is_some() {
                        self.select(f.saved_selected);
                    }
                }
            }
            Action::FilterActor => self.filter_by_actor(),
            Action::SearchArticle => self.open_prompt(PromptKind::Article),
            Action::SearchCorpus => self.open_prompt(PromptKind::Corpus),
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            Action::ToggleRead => {
                if !self.articles.is_empty() {
                    let read = !self.read[self.selected];
                    self.set_read(self.selected, read);
                    self.message = Some(if read { "marked read" } else { "marked unread" }.into());
                }
            }
            Action::NextUnread => self.next_unread(),
            Action::Refresh => {
                if self.refreshing.is_some() {
                    self.message = Some("already refreshing".into());
                } else if self.feed_count == 0 {
                    self.message = Some(
                        "no feeds to refresh: add feeds = [...] to the config, or khabar import-opml FILE"
                            .into(),
                    );
                } else {
                    self.refresh_requested = true;
                    self.refreshing = Some((0, self.feed_count));
                }
            }
            Action::FocusNext | Action::FocusPrev => {
                let panes = self.focusable(width);
                let i = panes.iter().position(|&f| f == self.focus).unwrap_or(0);
                let n = panes.len();
                let next = if action == Action::FocusNext {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.focus = panes[next];
            }
            Action::ToggleFacts => {
                let shown = !self.facts_shown(width);
                self.facts_toggle = Some(shown);
                if shown && width < 100 {
                    self.focus = Focus::Facts;
                } else if !shown && self.focus == Focus::Facts {
                    self.focus = Focus::Reader;
                }
            }
            Action::FlipLayout => {
                self.layout_dir = match self.layout_dir {
                    LayoutDir::Rtl => LayoutDir::Ltr,
                    LayoutDir::Ltr => LayoutDir::Rtl,
                };
            }
            Action::PrevArticle => self.move_selection(-1),
            Action::NextArticle => self.move_selection(1),
            Action::Open => match self.focus {
                Focus::List => self.focus = Focus::Reader,
                Focus::Facts => self.open_fact(),
                Focus::Reader => {}
            },
            Action::Down | Action::Up => {
                let d = if action == Action::Down { 1 } else { -1 };
                match self.focus {
                    Focus::List => self.move_selection(d),
                    Focus::Reader => self.scroll_by(d),
                    Focus::Facts => self.move_fact(d),
                }
            }
            Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
                let page = self.page(self.focus) as isize;
                let amount = match action {
                    Action::PageDown => page,
                    Action::PageUp => -page,
                    Action::HalfPageDown => (page / 2).max(1),
                    _ => -(page / 2).max(1),
                };
                match self.focus {
                    Focus::List => self.move_selection(amount),
                    Focus::Reader => self.scroll_by(amount),
                    Focus::Facts => self.move_fact(amount),
                }
            }
            Action::Top | Action::Bottom => {
                let top = action == Action::Top;
                match self.focus {
                    Focus::List => self.select(if top {
                        0
                    } else {
                        self.articles.len().saturating_sub(1)
                    }),
                    Focus::Reader => self.scroll = if top { 0 } else { self.max_scroll() },
                    Focus::Facts => {
                        self.fact_selected = if top {
                            0
                        } else {
                            self.fact_count().saturating_sub(1)
                        }
                    }
                }
            }
        }
    }

    /// Wheel scrolls the pane under the pointer; a click selects.
    pub fn handle_mouse(&mut self, m: &MouseEvent) {
        if self.help {
            return;
        }
        self.mouse(m);
        self.note_opened();
    }

    fn mouse(&mut self, m: &MouseEvent) {
        let at = Position::new(m.column, m.row);
        let g = self.geometry;
        let pane = if g.list.is_some_and(|r| r.contains(at)) {
            Some(Focus::List)
        } else if g.reader.is_some_and(|r| r.contains(at)) {
            Some(Focus::Reader)
        } else if g.facts.is_some_and(|r| r.contains(at)) {
            Some(Focus::Facts)
        } else {
            None
        };
        let Some(pane) = pane else { return };
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d = if m.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                match pane {
                    Focus::List => {
                        let n = self.articles.len();
                        self.list_offset = (self.list_offset as isize + d)
                            .clamp(0, n.saturating_sub(1) as isize)
                            as usize;
                    }
                    Focus::Reader => self.scroll_by(d),
                    Focus::Facts => {
                        let n = self.fact_count();
                        self.fact_offset = (self.fact_offset as isize + d)
                            .clamp(0, n.saturating_sub(1) as isize)
                            as usize;
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                match pane {
                    Focus::List => {
                        let row = m.row.saturating_sub(g.list_inner.y) as usize;
                        if let Some(i) = self.list_row_to_article(row) {
                            self.select(i);
                        }
                    }
                    Focus::Facts => {
                        let row = m.row.saturating_sub(g.facts_inner.y) as usize;
                        let i = self.fact_offset + row;
                        if i < self.fact_count() {
                            self.fact_selected = i;
                        }
                    }
                    Focus::Reader => {}
                }
            }
            _ => {}
        }
    }

    /// Rows each article takes in the list: the title, and a dim line with
    /// source and date when either is known.
    pub fn list_item_height(&self, i: usize) -> usize {
        let Some(a) = self.articles.get(i) else {
            return 1;
        };
        if a.source.is_some()
            || a.date.is_some()
            || self.filter.as_ref().is_some_and(|f| f.counts.is_some())
        {
            2
        } else {
            1
        }
    }

    fn list_row_to_article(&self, row: usize) -> Option<usize> {
        let mut y = 0;
        for &i in self.visible().iter().skip(self.list_offset) {
            let h = self.list_item_height(i);
            if row < y + h {
                return Some(i);
            }
            y += h;
        }
        None
    }

    /// Keep the selected article inside a list of `height` rows;
    /// `list_offset` counts positions in the visible list.
    pub fn scroll_list_to_selection(&mut self, height: usize) {
        let visible = self.visible();
        let Some(at) = visible.iter().position(|&i| i == self.selected) else {
            self.list_offset = self.list_offset.min(visible.len().saturating_sub(1));
            return;
        };
        if at < self.list_offset {
            self.list_offset = at;
        }
        while self.list_offset < at {
            let used: usize = visible[self.list_offset..=at]
                .iter()
                .map(|&i| self.list_item_height(i))
                .sum();
            if used <= height.max(1) {
                break;
            }
            self.list_offset += 1;
        }
    }

    /// Extract every article's facts now (tests, and small corpora).
    pub fn extract_facts_now(&mut self) {
        for i in 0..self.articles.len() {
            let f = crate::facts::extract(&self.articles[i]);
            self.set_facts(i, &f);
        }
    }
}
