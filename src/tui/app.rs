//! The browser's state, made of one component per pane, and the one place
//! it changes: [`App::update`] takes a [`Msg`] and returns the [`Effect`]s
//! it asks for. Drawing ([`App::draw`]) only reads. Tests drive an `App`
//! with messages and look at its frames on ratatui's TestBackend.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

use crate::config::{BidiMode, Config, LayoutDir, ThemeName, no_color};
use crate::corpus::Article;
use crate::search::Query;
use crate::text::Order;

use super::actions::{Action, Mode};
use super::article_list::{ArticleList, Filter, ListView};
use super::facts_panel::{FactRows, FactsPane, FactsView};
use super::help::Help;
use super::keymap::KeyMap;
use super::layout::{Pane, Panes, facts_by_default};
use super::library::{FactsStatus, Library};
use super::msg::{Arrival, Effect, Msg};
use super::prompt::{History, Prompt, PromptEvent, PromptKind};
use super::reader::{Reader, ReaderView};
use super::status_bar::{Progress, Status, StatusLine};
use super::theme::Theme;

/// How the screen is arranged and drawn (changed by `L`, `f`, a resize).
#[derive(Clone, Debug)]
pub struct Settings {
    pub layout_dir: LayoutDir,
    /// Visual (khabar's bidi) or logical (the terminal's).
    pub order: Order,
    /// `Some(shown)` once the user pressed the facts key; else the
    /// default for the width.
    pub facts_toggle: Option<bool>,
    pub theme: Theme,
    /// The terminal's size (columns, rows).
    pub size: (u16, u16),
}

/// The feeds and the refresh running, if any.
#[derive(Clone, Debug, Default)]
struct Feeds {
    count: usize,
    /// New articles and failures of the refresh running.
    fresh: usize,
    errors: Vec<String>,
}

/// Facts asked for (in article order) and received.
#[derive(Clone, Debug, Default)]
struct FactsJobs {
    sent: usize,
    in_flight: usize,
    done: usize,
}

/// The whole state of the browser.
pub struct App {
    pub library: Library,
    pub list: ArticleList,
    pub reader: Reader,
    pub facts: FactsPane,
    /// The search prompt, while it is open (a layer with its own keys).
    pub prompt: Option<Prompt>,
    pub history: History,
    pub help: Help,
    pub status: Status,
    pub progress: Progress,
    pub focus: Pane,
    pub settings: Settings,
    pub keys: KeyMap,
    feeds: Feeds,
    jobs: FactsJobs,
    /// Effects asked for by the message being handled.
    effects: Vec<Effect>,
}

impl App {
    /// A browser over `articles`, with the config's look and keys (checked
    /// before: see [`KeyMap::from_config`]).
    pub fn new(articles: Vec<Article>, config: &Config, keys: KeyMap) -> App {
        let theme = if no_color() {
            Theme::mono()
        } else {
            match config.theme {
                ThemeName::Dark => Theme::dark(),
                ThemeName::Light => Theme::light(),
            }
        };
        let mut app = App {
            library: Library::default(),
            list: ArticleList::default(),
            reader: Reader::default(),
            facts: FactsPane::default(),
            prompt: None,
            history: History::default(),
            help: Help::default(),
            status: Status::default(),
            progress: Progress::default(),
            focus: Pane::List,
            settings: Settings {
                layout_dir: config.layout,
                order: match config.bidi {
                    BidiMode::Engine => Order::Visual,
                    BidiMode::Terminal => Order::Logical,
                },
                facts_toggle: None,
                theme,
                size: (0, 0),
            },
            keys,
            feeds: Feeds::default(),
            jobs: FactsJobs::default(),
            effects: Vec::new(),
        };
        app.library.reserve(articles.len());
        for article in articles {
            app.library.push(article, false, false);
        }
        app
    }

    /// How many feeds a refresh covers (`R` says so when there are none).
    pub fn set_feed_count(&mut self, n: usize) {
        self.feeds.count = n;
    }

    /// Handle one message; the effects it asks for.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(k) => self.key(&k),
            Msg::Mouse(m) => self.mouse(&m),
            Msg::Resize(w, h) => self.settings.size = (w, h),
            Msg::Tick => {}
            Msg::Loading { files } => {
                self.progress.loading = (files > 0).then_some((0, files));
            }
            Msg::Articles(list) => {
                let fresh = list.iter().filter(|a| a.fresh).count();
                self.feeds.fresh += fresh;
                self.arrive(list);
            }
            Msg::FileDone => {
                if let Some((done, _)) = &mut self.progress.loading {
                    *done += 1;
                }
            }
            Msg::LoadDone => self.progress.loading = None,
            Msg::FactsReady { index, facts } => {
                self.library.set_facts(index, &facts);
                self.jobs.in_flight = self.jobs.in_flight.saturating_sub(1);
                self.jobs.done += 1;
                if self.current() == Some(index) {
                    self.facts.reset(self.rows().as_deref());
                }
            }
            Msg::Refreshing { feeds } => {
                self.progress.refreshing = (feeds > 0).then_some((0, feeds));
            }
            Msg::FeedDone { error } => {
                if let Some((done, _)) = &mut self.progress.refreshing {
                    *done += 1;
                }
                if let Some(e) = error {
                    self.status.problem(e.clone());
                    self.feeds.errors.push(e);
                }
            }
            Msg::RefreshDone => self.refresh_done(),
            Msg::Problem(p) => self.status.problem(p),
        }
        self.sync();
        std::mem::take(&mut self.effects)
    }

    /// Articles arrived: listed (their facts are asked for by `sync`).
    fn arrive(&mut self, list: Vec<Arrival>) {
        self.library.reserve(list.len());
        for a in list {
            self.library.push(a.article, a.read, a.fresh);
        }
    }

    /// Ask for the facts of the next articles, a few at a time: the
    /// texts in flight stay few whatever the corpus size.
    fn ask_for_facts(&mut self) {
        const IN_FLIGHT: usize = 16;
        while self.jobs.in_flight < IN_FLIGHT && self.jobs.sent < self.library.len() {
            let index = self.jobs.sent;
            if let Some(a) = self.library.article(index) {
                self.effects.push(Effect::ExtractFacts {
                    index,
                    text: a.text.clone(),
                });
            }
            self.jobs.sent += 1;
            self.jobs.in_flight += 1;
        }
        let total = self.library.len();
        self.progress.facts = (self.jobs.done < total).then_some((self.jobs.done, total));
    }

    fn refresh_done(&mut self) {
        let total = self.progress.refreshing.take().map_or(0, |(_, t)| t);
        let errors = std::mem::take(&mut self.feeds.errors);
        // short enough for the status bar: no URL schemes
        let first = errors
            .first()
            .map(|e| e.replace("https://", "").replace("http://", ""));
        self.status.say(format!(
            "refreshed {}/{total} feeds: {} new{}",
            total.saturating_sub(errors.len()),
            self.feeds.fresh,
            match (errors.len(), first) {
                (1, Some(e)) => format!("; failed: {e}"),
                (n, Some(e)) => format!("; {n} failed, first: {e}"),
                _ => String::new(),
            }
        ));
        self.feeds.fresh = 0;
    }

    // ---- geometry -------------------------------------------------------

    /// Is the facts panel shown at the current width?
    pub fn facts_shown(&self) -> bool {
        self.settings
            .facts_toggle
            .unwrap_or(facts_by_default(self.settings.size.0))
    }

    /// Where the panes are at the current size.
    pub fn panes(&self) -> Panes {
        Panes::compute(
            self.settings.size,
            self.focus,
            self.facts_shown(),
            self.settings.layout_dir,
        )
    }

    fn list_height(&self) -> u16 {
        // a list that is not shown pages as if it filled the screen
        let panes = self.panes();
        match panes.list {
            Some(_) => panes.inner(Pane::List).height,
            None => self.settings.size.1.saturating_sub(3),
        }
    }

    fn facts_height(&self) -> usize {
        self.panes().inner(Pane::Facts).height as usize
    }

    /// Bring every pane in line with the state: the reader shows the
    /// selected article at its width, the list and the facts panel keep
    /// their selection in view. Run after every message.
    fn sync(&mut self) {
        self.ask_for_facts();
        let total = self.library.len();
        let height = self.list_height();
        let len = self.list.len(total);
        self.list.scroll.clamp(len, ArticleList::rows(height));
        let area = self.panes().reader_text();
        let current = self.current();
        let article = current.and_then(|i| self.library.article(i).map(|a| (i, a)));
        if self.reader.show(article, area, self.settings.order) {
            self.facts.reset(self.rows().as_deref());
            // from a corpus search: open the article at its first match
            if let Some(q) = self.list.filter.as_ref().and_then(|f| f.query.clone()) {
                self.find_in_article(&q, 0);
            }
        }
        let rows = self.rows().map_or(0, |r| r.items.len());
        self.facts.scroll.clamp(rows, self.facts_height());
    }

    // ---- what is selected ---------------------------------------------

    /// The selected article's index.
    pub fn current(&self) -> Option<usize> {
        self.list.current(self.library.len())
    }

    /// The selected article.
    pub fn current_article(&self) -> Option<&Article> {
        self.current().and_then(|i| self.library.article(i))
    }

    /// The facts panel's rows for the selected article, when extracted.
    fn rows(&self) -> Option<Arc<FactRows>> {
        match &self.library.get(self.current()?)?.facts {
            FactsStatus::Ready(f) => Some(Arc::clone(f)),
            FactsStatus::Pending => None,
        }
    }

    /// The articles listed, in order.
    pub fn visible(&self) -> Vec<usize> {
        let total = self.library.len();
        (0..self.list.len(total))
            .filter_map(|p| self.list.article_at(p, total))
            .collect()
    }

    /// Select article `i` (if it is listed) and show it.
    pub fn select(&mut self, i: usize) {
        let total = self.library.len();
        if let Some(pos) = self.list.position_of(i, total) {
            let height = self.list_height();
            self.list.select(pos, total, height);
            self.sync();
        }
    }

    // ---- keys and the mouse -------------------------------------------

    fn key(&mut self, key: &KeyEvent) {
        let mode = if self.prompt.is_some() {
            Mode::Prompt
        } else {
            Mode::Normal
        };
        let before = self.signature();
        let message_before = self.status.message.clone();
        match self.keys.action(mode, key) {
            Some(action) => self.perform(action),
            None if mode == Mode::Prompt => {
                if let KeyCode::Char(c) = key.code
                    && !key.modifiers.contains(KeyModifiers::CONTROL)
                    && let Some(p) = &mut self.prompt
                {
                    let event = p.type_char(c);
                    self.prompt_event(event);
                }
            }
            None => {}
        }
        // a message lasts until a key changes something on screen (the
        // prompt's message is its live result: it stays)
        if mode == Mode::Normal
            && self.status.message == message_before
            && self.signature() != before
        {
            self.status.message = None;
        }
    }

    /// What a key can change on screen, to tell whether one did.
    fn signature(&mut self) -> impl PartialEq + use<> {
        self.sync();
        (
            self.current(),
            self.list.scroll,
            self.list.filter.as_ref().map(|f| f.articles.len()),
            self.reader.scroll,
            self.reader.search.as_ref().map(|s| s.current),
            self.focus,
            self.facts.scroll,
            (self.help.open, self.help.scroll),
            self.settings.facts_toggle,
            self.settings.layout_dir,
        )
    }

    /// Do what `action` means in the current state.
    pub fn perform(&mut self, action: Action) {
        self.sync();
        if self.help.open && action.mode() == Mode::Normal {
            let screen = self.panes().screen;
            self.help.on_action(action, &self.keys, screen);
            return;
        }
        action.run(self);
        self.sync();
        self.note_opened();
    }

    /// An article shown in the focused reader counts as opened: mark it
    /// read, once (so that `u` can mark it unread again while reading).
    fn note_opened(&mut self) {
        if self.focus == Pane::Reader
            && let Some(i) = self.current()
            && self.reader.opened != Some(i)
        {
            self.reader.opened = Some(i);
            self.set_read(i, true);
        }
    }

    fn set_read(&mut self, i: usize, read: bool) {
        if let Some(key) = self.library.set_read(i, read) {
            self.effects.push(Effect::SaveRead { key, read });
        }
    }

    /// Wheel scrolls the pane under the pointer; a click selects.
    fn mouse(&mut self, m: &MouseEvent) {
        if self.help.open {
            return;
        }
        self.sync();
        let panes = self.panes();
        let Some(pane) = panes.pane_at(m.column, m.row) else {
            return;
        };
        let total = self.library.len();
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d = if m.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                match pane {
                    Pane::List => {
                        let rows = ArticleList::rows(panes.inner(Pane::List).height);
                        self.list.scroll.wheel(d, self.list.len(total), rows);
                    }
                    Pane::Reader => self.reader.scroll_by(d),
                    Pane::Facts => {
                        let n = self.rows().map_or(0, |r| r.items.len());
                        self.facts.scroll.wheel(d, n, self.facts_height());
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                match pane {
                    Pane::List => {
                        let row = m.row.saturating_sub(panes.inner(Pane::List).y);
                        if let Some(i) = self.list.article_under(row, total) {
                            self.select(i);
                        }
                    }
                    Pane::Facts => {
                        let row = m.row.saturating_sub(panes.inner(Pane::Facts).y) as usize;
                        let n = self.rows().map_or(0, |r| r.items.len());
                        if let Some(i) = self.facts.scroll.item_at(row, n)
                            && self.rows().is_some_and(|r| !r.items[i].heading)
                        {
                            self.facts.scroll.selected = i;
                        }
                    }
                    Pane::Reader => {}
                }
            }
            _ => return,
        }
        self.sync();
        self.note_opened();
    }
}

// ---- the actions' handlers (see `actions.rs`) ---------------------------

impl App {
    /// Moves and scrolling, for the focused pane.
    pub(super) fn move_in_pane(&mut self, action: Action) {
        let total = self.library.len();
        match self.focus {
            Pane::List => {
                let height = self.list_height();
                self.list.on_action(action, total, height);
            }
            Pane::Reader => {
                self.reader.on_action(action);
            }
            Pane::Facts => {
                let height = self.facts_height();
                let rows = self.rows();
                self.facts.on_action(action, rows.as_deref(), height);
            }
        }
    }

    pub(super) fn open(&mut self, _: Action) {
        match self.focus {
            Pane::List => self.focus = Pane::Reader,
            Pane::Facts => {
                if let Some(range) = self
                    .facts
                    .selected(self.rows().as_deref())
                    .and_then(|f| f.sentence.clone())
                {
                    self.reader.show_sentence(range);
                }
            }
            Pane::Reader => {}
        }
    }

    pub(super) fn step_article(&mut self, action: Action) {
        let total = self.library.len();
        let height = self.list_height();
        let d = if action == Action::NextArticle { 1 } else { -1 };
        let rows = ArticleList::rows(height);
        let len = self.list.len(total);
        self.list.scroll.move_by(d, len, rows);
    }

    pub(super) fn next_unread(&mut self, _: Action) {
        let visible = self.visible();
        let n = visible.len();
        let at = self.list.scroll.selected + 1;
        let unread = |lib: &Library, i: usize| lib.get(i).is_some_and(|e| !e.read);
        let found = (0..n)
            .map(|k| (at + k) % n)
            .find(|&p| unread(&self.library, visible[p]));
        match found {
            Some(p) => {
                let wrapped = p < at;
                let i = visible[p];
                self.select(i);
                self.reader.opened = Some(i);
                self.set_read(i, true);
                let left = visible
                    .iter()
                    .filter(|&&v| unread(&self.library, v))
                    .count();
                self.status.say(format!(
                    "{left} unread left{}",
                    if wrapped { " (wrapped to the top)" } else { "" }
                ));
            }
            None => self.status.say("no unread articles"),
        }
    }

    pub(super) fn toggle_read(&mut self, _: Action) {
        if let Some(i) = self.current() {
            let read = !self.library.get(i).is_some_and(|e| e.read);
            self.set_read(i, read);
            self.status
                .say(if read { "marked read" } else { "marked unread" });
        }
    }

    pub(super) fn refresh(&mut self, _: Action) {
        if self.progress.refreshing.is_some() {
            self.status.say("already refreshing");
        } else if self.feeds.count == 0 {
            self.status.say(
                "no feeds to refresh: add feeds = [...] to the config, or khabar import-opml FILE",
            );
        } else {
            self.effects.push(Effect::Refresh);
            self.progress.refreshing = Some((0, self.feeds.count));
        }
    }

    pub(super) fn cycle_focus(&mut self, action: Action) {
        let panes = self.panes().focusable();
        let i = panes.iter().position(|&f| f == self.focus).unwrap_or(0);
        let n = panes.len();
        self.focus = if action == Action::FocusNext {
            panes[(i + 1) % n]
        } else {
            panes[(i + n - 1) % n]
        };
    }

    pub(super) fn toggle_facts(&mut self, _: Action) {
        let shown = !self.facts_shown();
        self.settings.facts_toggle = Some(shown);
        let panes = self.panes();
        if shown && panes.list.is_none() {
            // narrow: the facts panel took the list's place
            self.focus = Pane::Facts;
        } else if !shown && self.focus == Pane::Facts {
            self.focus = Pane::Reader;
        }
    }

    pub(super) fn flip_layout(&mut self, _: Action) {
        self.settings.layout_dir = match self.settings.layout_dir {
            LayoutDir::Rtl => LayoutDir::Ltr,
            LayoutDir::Ltr => LayoutDir::Rtl,
        };
    }

    /// Keep only the stories that mention the selected actor, by any of its names.
    pub(super) fn filter_by_actor(&mut self, _: Action) {
        let rows = self.rows();
        let Some(names) = self
            .facts
            .selected(rows.as_deref())
            .and_then(|f| f.actor.clone())
        else {
            self.status
                .say("select an actor in the facts panel to filter by it");
            return;
        };
        let articles = self.library.mentioning(&names);
        self.status.say(format!(
            "{} stories mention {} (Esc clears)",
            articles.len(),
            names[0]
        ));
        let current = self.current();
        self.set_filter(Filter {
            name: names[0].clone(),
            articles,
            counts: None,
            query: None,
            saved: current,
        });
        // the filtered list is what to look at: shown and focused, even
        // where the facts panel took its place
        if self.panes().list.is_none() && self.settings.size.0 >= super::layout::NARROW {
            self.settings.facts_toggle = Some(false);
        }
        self.focus = Pane::List;
    }

    /// Narrow the list, keeping the current article selected when listed.
    fn set_filter(&mut self, filter: Filter) {
        let total = self.library.len();
        let current = self.current();
        self.list.filter = Some(filter);
        self.list.scroll = Default::default();
        if let Some(pos) = current.and_then(|i| self.list.position_of(i, total)) {
            let height = self.list_height();
            self.list.select(pos, total, height);
        }
    }

    pub(super) fn open_prompt(&mut self, action: Action) {
        let kind = if action == Action::SearchArticle {
            PromptKind::Article
        } else {
            PromptKind::Corpus
        };
        let saved = match &self.list.filter {
            Some(f) if f.query.is_some() => f.saved,
            _ => self.current(),
        };
        self.prompt = Some(Prompt::new(kind, self.reader.scroll, saved));
        self.status.message = None;
    }

    pub(super) fn next_match(&mut self, action: Action) {
        let message = self.reader.next_match(action == Action::NextMatch);
        self.status.say(message);
    }

    pub(super) fn toggle_help(&mut self, _: Action) {
        self.help = Help {
            open: true,
            scroll: 0,
        };
    }

    pub(super) fn close(&mut self, _: Action) {
        self.reader.sentence = None;
        self.reader.search = None;
        self.status.message = None;
        if let Some(f) = self.list.filter.take() {
            self.list.scroll = Default::default();
            match f.saved {
                Some(i) => self.select(i),
                None => self.sync(),
            }
        }
    }

    pub(super) fn quit(&mut self, _: Action) {
        self.effects.push(Effect::Quit);
    }

    /// A prompt key.
    pub(super) fn prompt_key(&mut self, action: Action) {
        if let Some(p) = &mut self.prompt {
            let event = p.on_action(action, &self.history.entries);
            self.prompt_event(event);
        }
    }

    fn prompt_event(&mut self, event: PromptEvent) {
        let Some(p) = self.prompt.clone() else {
            return;
        };
        match event {
            PromptEvent::Unchanged => {}
            PromptEvent::Cancelled => {
                self.prompt = None;
                match p.kind {
                    PromptKind::Article => self.reader.search = None,
                    PromptKind::Corpus => {
                        if self.list.filter.as_ref().is_some_and(|f| f.query.is_some()) {
                            self.list.filter = None;
                            self.list.scroll = Default::default();
                        }
                        if let Some(i) = p.saved_article {
                            self.select(i);
                        }
                    }
                }
                self.reader.scroll = p.saved_scroll.min(self.reader.max_scroll());
                self.status.message = None;
            }
            PromptEvent::Accepted => {
                self.prompt = None;
                self.history.push(&p.text);
                if p.kind == PromptKind::Corpus
                    && self.list.filter.as_ref().is_some_and(|f| f.query.is_some())
                {
                    self.focus = Pane::List;
                }
            }
            PromptEvent::Edited => match p.kind {
                PromptKind::Article => {
                    self.reader.scroll = p.saved_scroll;
                    self.find_in_article(&p.text, p.saved_scroll);
                }
                PromptKind::Corpus => self.search_corpus(&p.text, p.saved_article),
            },
        }
    }

    /// Search the shown article and say where the match is.
    fn find_in_article(&mut self, query: &str, from_line: usize) {
        let Some(text) = self.current_article().map(|a| a.text.clone()) else {
            return;
        };
        self.status.message = self.reader.find(query, &text, from_line);
    }

    /// Narrow the list to the articles matching `query` (title, body or
    /// actors), best first, each with its count.
    fn search_corpus(&mut self, query: &str, saved: Option<usize>) {
        let Some(q) = Query::new(query) else {
            if self.list.filter.as_ref().is_some_and(|f| f.query.is_some()) {
                self.list.filter = None;
                self.list.scroll = Default::default();
            }
            self.status.message = None;
            return;
        };
        let hits = self.library.search(&q);
        self.status.say(if hits.is_empty() {
            "no match".to_string()
        } else {
            format!("{} articles", hits.len())
        });
        self.list.filter = Some(Filter {
            name: format!("«{query}»"),
            articles: hits.iter().map(|h| h.article).collect(),
            counts: Some(hits.iter().map(|h| h.count).collect()),
            query: Some(query.to_string()),
            saved,
        });
        self.list.scroll = Default::default();
        // a new first article opens at its first match (see `sync`); the
        // same one searched again
        let before = self.reader.article();
        self.sync();
        if self.reader.article() == before && self.current().is_some() {
            self.find_in_article(query, 0);
        }
        if let Some(m) = &self.status.message
            && m == "no match"
            && !hits.is_empty()
        {
            self.status.say(format!("{} articles", hits.len()));
        }
    }
}

// ---- drawing --------------------------------------------------------------

impl App {
    /// Draw the whole screen. Reads the state, never changes it.
    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width == 0 || area.height == 0 {
            return;
        }
        let panes = Panes::compute(
            (area.width, area.height),
            self.focus,
            self.facts_shown(),
            self.settings.layout_dir,
        );
        let theme = &self.settings.theme;
        let order = self.settings.order;
        let total = self.library.len();
        let buf = frame.buffer_mut();
        let block = |title: String, pane: Pane| {
            let style = if self.focus == pane {
                theme.border_focused
            } else {
                theme.border
            };
            Block::default()
                .borders(Borders::ALL)
                .border_style(style)
                .title(Line::styled(title, style))
        };
        if let Some(r) = panes.list {
            block(self.list.title(total, r.width, order), Pane::List).render(r, buf);
            self.list.render(
                panes.inner(Pane::List),
                buf,
                ListView {
                    library: &self.library,
                    focused: self.focus == Pane::List,
                    order,
                    theme,
                },
            );
        }
        if let Some(r) = panes.reader {
            block(" Reader ".to_string(), Pane::Reader)
                .title_bottom(
                    Line::styled(format!(" {}% ", self.reader.percent()), theme.dim)
                        .right_aligned(),
                )
                .render(r, buf);
            self.reader.render(
                r,
                panes.reader_text(),
                buf,
                ReaderView {
                    theme,
                    layout_dir: self.settings.layout_dir,
                    loading: self.progress.loading.is_some(),
                },
            );
        }
        if let Some(r) = panes.facts {
            block(" Facts ".to_string(), Pane::Facts).render(r, buf);
            self.facts.render(
                panes.inner(Pane::Facts),
                buf,
                FactsView {
                    status: self
                        .current()
                        .and_then(|i| self.library.get(i))
                        .map(|e| &e.facts),
                    focused: self.focus == Pane::Facts,
                    order,
                    theme,
                },
            );
        }
        match &self.prompt {
            Some(p) => p.render(
                panes.status,
                buf,
                self.status.message.as_deref().unwrap_or(""),
                order,
                theme,
            ),
            None => StatusLine {
                position: (
                    self.current().map_or(0, |_| self.list.scroll.selected + 1),
                    self.list.len(total),
                ),
                focus: self.focus.label(),
                percent: self.reader.percent(),
                unread: self.library.unread_count(),
                progress: self.progress,
                message: self.status.message.as_deref(),
                keys: &self.keys,
                theme,
            }
            .render(panes.status, buf),
        }
        if self.help.open {
            self.help.render(panes.screen, buf, &self.keys, theme);
        }
    }

    /// Extract every article's facts now (tests, small corpora).
    pub fn extract_facts_now(&mut self) {
        let n = self.library.len();
        self.jobs = FactsJobs {
            sent: n,
            in_flight: n,
            done: 0,
        };
        for i in 0..n {
            if let Some(a) = self.library.article(i) {
                let facts = Box::new(crate::facts::extract(&a.text));
                self.update(Msg::FactsReady { index: i, facts });
            }
        }
    }
}
