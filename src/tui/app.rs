//! The browser's state, made of one component per pane, and the one place
//! it changes: [`App::update`] takes a [`Msg`] and returns the [`Effect`]s
//! it asks for. Drawing ([`App::draw`]) only reads. Tests drive an `App`
//! with messages and look at its frames on ratatui's TestBackend.

use std::collections::HashSet;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

use crate::config::{BidiMode, Config, LayoutDir, ThemeName, no_color};
use crate::corpus::Article;
use crate::corpus::store::actors::{ActorStatement, ActorTotal};
use crate::corpus::store::find::Hit;
use crate::corpus::store::read::{ListRow, SortOrder};
use crate::corpus::store::{Handle, Store};
use crate::search::Query;
use crate::text::{Direction, Order, Place, direction, fit_line_as};

use super::actions::{Action, Mode};
use super::article_list::{ArticleList, Filter, ListView};
use super::dates::Clock;
use super::facts_panel::{FactRows, FactsPane, FactsStatus, FactsView};
use super::help::Help;
use super::i18n::{t, tr};
use super::keymap::KeyMap;
use super::layout::{NARROW, Pane, Panes, facts_by_default};
use super::library::{Library, Listing};
use super::msg::{Effect, Msg, Signal};
use super::picker::{PickRow, Picked, Picker};
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
    /// The time and zone dates are shown in.
    pub clock: Clock,
    /// The list's order (`S`).
    pub sort: SortOrder,
    /// The terminal is mlterm reordering text itself (`--bidi terminal`):
    /// frames are drawn for it ([`super::terminal_bidi`]).
    pub mlterm: bool,
}

/// The feeds and the refresh running, if any.
#[derive(Clone, Debug, Default)]
struct Feeds {
    count: usize,
    /// New articles and failures of the refresh running.
    fresh: usize,
    errors: Vec<String>,
}

/// The article in the reader: its text and its facts.
struct Shown {
    id: i64,
    article: Arc<Article>,
    facts: FactsStatus,
}

/// The corpus search or actor filter being answered.
#[derive(Default)]
struct Pending {
    generation: u64,
    /// The score of each hit of the search running, as they come (the
    /// filter's ids and counts hold the rest, in the same order).
    scores: Vec<u32>,
    /// The article selected when the first hits came (kept if the user
    /// moved meanwhile).
    moved: bool,
    /// The order asked for last (older answers are dropped).
    sort: u64,
}

/// A picker over the screen, and what its rows stand for.
#[derive(Clone, Debug)]
pub enum Overlay {
    /// The feeds (`F`): their URLs.
    Feeds { picker: Picker, urls: Vec<String> },
    /// The actors of the corpus (`P`).
    Actors {
        picker: Picker,
        actors: Vec<ActorTotal>,
    },
    /// An actor's statements across the stories; Esc goes back to the
    /// actors as they were.
    Statements {
        picker: Picker,
        actor: ActorTotal,
        statements: Vec<ActorStatement>,
        back: Box<Overlay>,
    },
}

impl Overlay {
    pub fn picker(&self) -> &Picker {
        match self {
            Overlay::Feeds { picker, .. }
            | Overlay::Actors { picker, .. }
            | Overlay::Statements { picker, .. } => picker,
        }
    }

    fn picker_mut(&mut self) -> &mut Picker {
        match self {
            Overlay::Feeds { picker, .. }
            | Overlay::Actors { picker, .. }
            | Overlay::Statements { picker, .. } => picker,
        }
    }
}

/// The most actors the actors view holds (those in most stories).
const ACTORS_SHOWN: usize = 20_000;

/// The whole state of the browser.
pub struct App {
    pub library: Library,
    pub list: ArticleList,
    pub reader: Reader,
    pub facts: FactsPane,
    shown: Option<Shown>,
    /// The search prompt, while it is open (a layer with its own keys).
    pub prompt: Option<Prompt>,
    pub history: History,
    pub help: Help,
    /// The feeds or the actors, over the panes.
    pub overlay: Option<Overlay>,
    pub status: Status,
    pub progress: Progress,
    pub focus: Pane,
    pub settings: Settings,
    pub keys: KeyMap,
    /// The command that opens links (`o`).
    pub browser: Vec<String>,
    feeds: Feeds,
    pending: Pending,
    /// The real store while the seeds are shown (it was empty): the list
    /// moves to it once a refresh fills it.
    real_store: Option<Handle>,
    /// Effects asked for by the message being handled.
    effects: Vec<Effect>,
    /// The signal that ended the session, if one did.
    pub ended_by: Option<i32>,
    /// The corpus query the reader's highlights are for.
    reader_query: Option<String>,
    /// An action waiting for a yes (`A`: mark everything read).
    pub confirm: Option<Action>,
}

impl App {
    /// A browser over `library`, with the config's look and keys (checked
    /// before: see [`KeyMap::from_config`]).
    pub fn new(library: Library, config: &Config, keys: KeyMap) -> App {
        let theme = if no_color() {
            Theme::mono()
        } else {
            match config.theme {
                ThemeName::Dark => Theme::dark(),
                ThemeName::Light => Theme::light(),
            }
        };
        App {
            library,
            list: ArticleList::default(),
            reader: Reader::default(),
            facts: FactsPane::default(),
            shown: None,
            prompt: None,
            history: History::default(),
            help: Help::default(),
            overlay: None,
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
                mlterm: false,
                theme,
                size: (0, 0),
                clock: Clock::default(),
                sort: SortOrder::Date,
            },
            keys,
            browser: browser_command(config),
            feeds: Feeds::default(),
            pending: Pending::default(),
            real_store: None,
            effects: Vec::new(),
            ended_by: None,
            reader_query: None,
            confirm: None,
        }
    }

    /// How many feeds a refresh covers (`R` says so when there are none).
    pub fn set_feed_count(&mut self, n: usize) {
        self.feeds.count = n;
    }

    /// The seeds are shown; `real` is the store to move to once it holds
    /// articles.
    pub fn set_real_store(&mut self, real: Handle) {
        self.real_store = Some(real);
    }

    /// List only these articles (the paths given), newest first.
    pub fn show_only(&mut self, ids: &[i64]) {
        let (ids, _) = self.library.newest_first(ids);
        self.list.base = Listing::Ids(Arc::new(ids));
        self.list.filter = None;
        self.list.scroll = Default::default();
        self.list.forget_rows();
    }

    /// Handle one message; the effects it asks for.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(k) => self.key(&k),
            Msg::Mouse(m) => self.mouse(&m),
            Msg::Resize(w, h) => self.settings.size = (w, h),
            Msg::Tick => {}
            Msg::Ingesting { done, total } => {
                self.progress.loading = Some((done, total.unwrap_or(0).max(done)));
            }
            Msg::Ingested { ids } => {
                self.progress.loading = None;
                self.library.reload();
                self.show_only(&ids);
            }
            Msg::FactsUpdating { done, total } => {
                self.progress.facts = (done < total).then_some((done, total));
                // the shown article's facts may be among them
                if let Some(s) = &mut self.shown
                    && matches!(s.facts, FactsStatus::Pending)
                    && let Some(f) = self.library.facts(s.id)
                {
                    s.facts = FactsStatus::Ready(Arc::new(FactRows::from_facts(&f)));
                    let rows = self.rows();
                    self.facts.reset(rows.as_deref());
                }
            }
            Msg::Refreshing { feeds } => {
                self.progress.refreshing = (feeds > 0).then_some((0, feeds));
            }
            Msg::FeedDone { fresh, error } => {
                if let Some((done, _)) = &mut self.progress.refreshing {
                    *done += 1;
                }
                self.feeds.fresh += fresh.len();
                self.library.mark_fresh(fresh);
                if let Some(e) = error {
                    self.status.problem(e.clone());
                    self.feeds.errors.push(e);
                }
            }
            Msg::RefreshDone => self.refresh_done(),
            Msg::SearchHits { generation, hits } => self.search_hits(generation, hits),
            Msg::SearchDone {
                generation,
                titles_only,
            } => self.search_done(generation, titles_only),
            Msg::Mentioning { generation, ids } => self.mentioning(generation, ids),
            Msg::Note(n) => self.status.say(n),
            Msg::MarkedAllRead => {
                self.library.reload();
                self.list.forget_rows();
            }
            Msg::Sorted {
                generation,
                order,
                ids,
            } => self.sorted(generation, order, ids),
            Msg::Problem(p) => self.status.problem(p),
            Msg::Signal(Signal::End(sig)) => {
                self.ended_by = Some(sig);
                self.effects.push(Effect::Quit);
            }
            Msg::Signal(Signal::Suspend) => self.effects.push(Effect::Suspend),
            Msg::Signal(Signal::Continued) => self.effects.push(Effect::Redraw),
        }
        self.sync();
        std::mem::take(&mut self.effects)
    }

    fn refresh_done(&mut self) {
        let total = self.progress.refreshing.take().map_or(0, |(_, t)| t);
        let errors = std::mem::take(&mut self.feeds.errors);
        // short enough for the status bar: no URL schemes
        let first = errors
            .first()
            .map(|e| e.replace("https://", "").replace("http://", ""));
        let count = |n: usize| fluent_bundle::FluentValue::from(n as u64);
        let mut said = tr(
            "refreshed",
            &[
                ("ok", count(total.saturating_sub(errors.len()))),
                ("total", count(total)),
                ("fresh", count(self.feeds.fresh)),
            ],
        );
        match (errors.len(), first) {
            (1, Some(e)) => said.push_str(&tr("refresh-failed-one", &[("error", e.into())])),
            (n, Some(e)) => said.push_str(&tr(
                "refresh-failed",
                &[("n", count(n)), ("error", e.into())],
            )),
            _ => {}
        }
        self.status.say(said);
        if self.feeds.fresh > 0 {
            if let Some(real) = self.real_store.take()
                && let Ok(store) = real.open()
            {
                // the store is no longer empty: it replaces the seeds
                let fresh: Vec<i64> = self.library.fresh_ids();
                self.library = Library::new(store, false);
                self.library.mark_fresh(fresh);
                self.reader = Reader::default();
                self.shown = None;
                self.list = ArticleList::default();
            } else {
                self.library.reload();
                self.keep_selection();
            }
        }
        self.feeds.fresh = 0;
    }

    /// After the store changed under the whole-store list: the selected
    /// article stays selected, wherever it moved.
    fn keep_selection(&mut self) {
        let key = self.list.selected_key;
        self.list.forget_rows();
        if matches!(self.list.listing(), Listing::All)
            && let Some(pos) = key.and_then(|k| self.library.position(k))
        {
            let height = self.list_height();
            let offset = self.list.scroll.offset + pos.saturating_sub(self.list.scroll.selected);
            self.list.scroll.selected = pos;
            self.list.scroll.offset = offset;
            self.list.prepare(&self.library, height);
        }
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

    /// Bring every pane in line with the state: the list's rows on screen
    /// are read, the reader shows the selected article at its width, the
    /// facts panel its facts. Run after every message.
    fn sync(&mut self) {
        let height = self.list_height();
        let len = self.list.len(&self.library);
        self.list.scroll.clamp(len, ArticleList::rows(height));
        self.list.prepare(&self.library, height);
        self.list.remember();
        // a search that found nothing leaves the reader on the article read
        // before it (and on the one shown while it looks)
        let searching = self.list.filter.as_ref().filter(|f| f.query.is_some());
        let id = match (self.list.current(), searching) {
            (Some(r), _) => Some(r.id),
            (None, Some(f)) if f.complete => f.saved.or(self.shown.as_ref().map(|s| s.id)),
            (None, Some(_)) => self.shown.as_ref().map(|s| s.id),
            (None, None) => None,
        };
        if id != self.shown.as_ref().map(|s| s.id) {
            self.shown = id.and_then(|id| {
                let article = Arc::new(self.library.article(id)?);
                let facts = match self.library.facts(id) {
                    Some(f) => FactsStatus::Ready(Arc::new(FactRows::from_facts(&f))),
                    None => FactsStatus::Pending,
                };
                Some(Shown { id, article, facts })
            });
        }
        let area = self.panes().reader_text();
        let shown = self.shown.as_ref().map(|s| (s.id, &s.article));
        if self
            .reader
            .show(shown, area, self.settings.order, &self.settings.clock)
        {
            let rows = self.rows();
            self.facts.reset(rows.as_deref());
            self.reader_query = None;
        }
        // from a corpus search: the article opens at its first match (the
        // status line keeps saying what the search found)
        let query = self
            .list
            .filter
            .as_ref()
            .filter(|_| self.list.current().is_some())
            .and_then(|f| f.query.clone());
        if query != self.reader_query {
            match &query {
                Some(q) => {
                    let said = self.status.message.take();
                    self.find_in_article(q, Place::default());
                    self.status.message = said;
                }
                None => self.reader.search = None,
            }
            self.reader_query = query;
        }
        let rows = self.rows().map_or(0, |r| r.items.len());
        self.facts.scroll.clamp(rows, self.facts_height());
    }

    // ---- what is selected ---------------------------------------------

    /// The selected article's id.
    pub fn current(&self) -> Option<i64> {
        self.list.current().map(|r| r.id)
    }

    /// The article in the reader.
    pub fn current_article(&self) -> Option<&Article> {
        self.shown.as_ref().map(|s| s.article.as_ref())
    }

    /// The facts of the article in the reader.
    pub fn current_facts(&self) -> Option<&FactsStatus> {
        self.shown.as_ref().map(|s| &s.facts)
    }

    /// The facts panel's rows for the selected article, when found.
    fn rows(&self) -> Option<Arc<FactRows>> {
        match &self.shown.as_ref()?.facts {
            FactsStatus::Ready(f) => Some(Arc::clone(f)),
            FactsStatus::Pending => None,
        }
    }

    /// The ids listed, in order (tests, small lists).
    pub fn visible(&self) -> Vec<i64> {
        match self.list.listing() {
            Listing::Ids(ids) => ids.to_vec(),
            Listing::All => self
                .library
                .page(
                    None,
                    crate::corpus::store::read::Towards::Older,
                    self.library.total(),
                )
                .into_iter()
                .map(|r| r.id)
                .collect(),
        }
    }

    /// Select article `id` if it is listed (and the list can tell where).
    pub fn select(&mut self, id: i64) {
        let pos = match self.list.position_of(id) {
            Some(p) => Some(p),
            None => self
                .library
                .rows_of(&[id])
                .first()
                .and_then(|r| self.library.position(r.key()))
                .filter(|_| matches!(self.list.listing(), Listing::All)),
        };
        if let Some(pos) = pos {
            let height = self.list_height();
            self.list.select(pos, &self.library, height);
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
        // a question asked: y (or its key again) says yes, any other key no
        if let Some(asked) = self.confirm.take() {
            let again = self.keys.action(Mode::Normal, key) == Some(asked);
            if again || key.code == KeyCode::Char('y') {
                self.perform_confirmed(asked);
            } else {
                self.status.say(tr("not-done", &[]));
            }
            return;
        }
        if let Some(o) = &mut self.overlay
            && o.picker().filters()
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            match key.code {
                KeyCode::Char(c) => return o.picker_mut().type_char(c),
                KeyCode::Backspace => {
                    o.picker_mut().erase();
                    return;
                }
                _ => {}
            }
        }
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
            self.list.filter.as_ref().map(|f| f.ids.len()),
            self.reader.top,
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
        if self.overlay.is_some() && action.mode() == Mode::Normal && action != Action::Help {
            self.overlay_action(action);
            self.sync();
            return;
        }
        let before = self.current();
        action.run(self);
        if self.current() != before {
            self.pending.moved = true;
        }
        self.sync();
        self.note_opened();
    }

    /// An article shown in the focused reader counts as opened: mark it
    /// read, once (so that `u` can mark it unread again while reading).
    fn note_opened(&mut self) {
        if self.focus == Pane::Reader
            && let Some(row) = self.list.current().cloned()
            && self.reader.opened != Some(row.id)
        {
            self.reader.opened = Some(row.id);
            self.set_read(&row, true);
        }
    }

    fn set_read(&mut self, row: &ListRow, read: bool) {
        if self.library.set_read(row, read) && self.library.keeps_marks() {
            self.effects.push(Effect::SaveRead { id: row.id, read });
        }
    }

    /// Wheel scrolls the pane under the pointer; a click selects.
    fn mouse(&mut self, m: &MouseEvent) {
        if self.help.open || self.overlay.is_some() {
            return;
        }
        self.sync();
        let panes = self.panes();
        let Some(pane) = panes.pane_at(m.column, m.row) else {
            return;
        };
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
                        let len = self.list.len(&self.library);
                        self.list.scroll.wheel(d, len, rows);
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
                        if let Some(pos) = self.list.position_under(row, &self.library) {
                            let height = self.list_height();
                            self.list.select(pos, &self.library, height);
                            self.pending.moved = true;
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
        match self.focus {
            Pane::List => {
                let height = self.list_height();
                self.list.on_action(action, &self.library, height);
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
                let rows = self.rows();
                if let Some((range, k, n)) = self.facts.next_mention(rows.as_deref()) {
                    self.reader.show_sentence(range);
                    if n > 1 {
                        self.status
                            .say(tr("mention", &[("k", k.into()), ("n", n.into())]));
                    }
                }
            }
            Pane::Reader => {}
        }
    }

    pub(super) fn step_article(&mut self, action: Action) {
        let height = self.list_height();
        let d = if action == Action::NextArticle { 1 } else { -1 };
        let rows = ArticleList::rows(height);
        let len = self.list.len(&self.library);
        let at = self.list.scroll.selected;
        if len > 0 && ((d > 0 && at + 1 >= len) || (d < 0 && at == 0)) {
            self.status.say(tr(
                if d > 0 {
                    "last-article"
                } else {
                    "first-article"
                },
                &[],
            ));
            return;
        }
        self.list.scroll.move_by(d, len, rows);
        self.list.prepare(&self.library, height);
    }

    pub(super) fn next_unread(&mut self, _: Action) {
        let from = self.list.current().map(ListRow::key);
        let found = match self.list.listing() {
            Listing::All => self
                .library
                .next_unread(from)
                .map(|f| (f, false))
                .or_else(|| self.library.next_unread(None).map(|f| (f, true))),
            Listing::Ids(ids) => self.next_unread_in(&ids),
        };
        match found {
            Some(((pos, row), wrapped)) => {
                let height = self.list_height();
                self.list.select(pos, &self.library, height);
                self.reader.opened = Some(row.id);
                self.set_read(&row, true);
                let left = match self.list.listing() {
                    Listing::All => tr(
                        "unread-left",
                        &[("n", (self.library.unread() as u64).into())],
                    ),
                    Listing::Ids(_) => t("next-unread"),
                };
                self.status.say(format!(
                    "{left}{}",
                    if wrapped { t("wrapped") } else { String::new() }
                ));
            }
            None => self.status.say(t("no-unread")),
        }
    }

    /// The next unread article of a list of ids after the selection,
    /// wrapping around: (position, row), and whether it wrapped.
    fn next_unread_in(&self, ids: &[i64]) -> Option<((usize, ListRow), bool)> {
        let n = ids.len();
        let at = self.list.scroll.selected + 1;
        let order: Vec<usize> = (0..n).map(|k| (at + k) % n).collect();
        for chunk in order.chunks(256) {
            let wanted: Vec<i64> = chunk.iter().map(|&p| ids[p]).collect();
            let rows = self.library.rows_of(&wanted);
            for (&p, row) in chunk.iter().zip(rows) {
                if !self.library.is_read(&row) {
                    return Some(((p, row), p < at));
                }
            }
        }
        None
    }

    pub(super) fn toggle_read(&mut self, _: Action) {
        if let Some(row) = self.list.current().cloned() {
            let read = !self.library.is_read(&row);
            self.set_read(&row, read);
            self.status
                .say(t(if read { "marked-read" } else { "marked-unread" }));
        }
    }

    /// `A`: mark every article of the list read, once asked.
    pub(super) fn mark_all_read(&mut self, action: Action) {
        let n = self.list.len(&self.library);
        if n == 0 {
            return;
        }
        self.confirm = Some(action);
        let key = self.keys.first_key(action);
        self.status.say(tr(
            "mark-all-read-ask",
            &[("n", (n as u64).into()), ("key", key.into())],
        ));
    }

    /// An action said yes to.
    fn perform_confirmed(&mut self, action: Action) {
        if action == Action::MarkAllRead {
            let listing = self.list.listing();
            let n = self.library.len(&listing);
            if let Some(ids) = self.library.mark_all_read(&listing) {
                self.effects.push(Effect::MarkAllRead {
                    ids,
                    store: self.library.handle(),
                });
            }
            self.list.forget_rows();
            self.status
                .say(tr("marked-all-read", &[("n", (n as u64).into())]));
        }
    }

    /// `F`: the feeds, with their counts, last fetch and last error.
    pub(super) fn show_feeds(&mut self, _: Action) {
        let feeds = self.library.feeds();
        let clock = self.settings.clock;
        let rows = feeds
            .iter()
            .map(|f| {
                let fetched = f.fetched_at.map_or_else(
                    || tr("never-fetched", &[]),
                    |t| tr("fetched", &[("when", clock.compact(t).into())]),
                );
                // counts, then what went wrong (before it is cut), when, where
                let mut detail = vec![tr(
                    "unread-of",
                    &[
                        ("unread", (f.unread as u64).into()),
                        ("total", (f.total as u64).into()),
                    ],
                )];
                detail.extend(f.error.clone());
                detail.push(fetched);
                detail.push(f.url.clone());
                let title = f.title.clone().unwrap_or_else(|| f.url.clone());
                let mut row = PickRow::new(
                    title,
                    detail
                        .iter()
                        .map(|d| direction::isolate(d))
                        .collect::<Vec<_>>()
                        .join(" · "),
                );
                row.alert = f.error.is_some();
                row
            })
            .collect();
        self.overlay = Some(Overlay::Feeds {
            picker: Picker::new(tr("feeds", &[]), rows, false, tr("no-feeds", &[])),
            urls: feeds.into_iter().map(|f| f.url).collect(),
        });
    }

    /// A key in the feeds or actors view.
    fn overlay_action(&mut self, action: Action) {
        let height = self.panes().screen.height.saturating_sub(1);
        let Some(o) = &mut self.overlay else {
            return;
        };
        match o.picker_mut().on_action(action, height) {
            Picked::Stay => {}
            Picked::Back => {
                self.overlay = match self.overlay.take() {
                    Some(Overlay::Statements { back, .. }) => Some(*back),
                    _ => None,
                }
            }
            Picked::Row(i) => {
                let Some(o) = self.overlay.take() else {
                    return;
                };
                match o {
                    Overlay::Feeds { picker, urls } => self.show_feed(&picker, &urls[i]),
                    Overlay::Actors { picker, actors } => {
                        let actor = actors[i].clone();
                        self.show_statements(Overlay::Actors { picker, actors }, actor);
                    }
                    Overlay::Statements {
                        statements, actor, ..
                    } => self.open_statement(&actor, &statements, i),
                }
            }
        }
    }

    /// `P`: every actor of the corpus, most stories first, with its kind
    /// and how many stories name it and how often.
    pub(super) fn show_actors(&mut self, _: Action) {
        let (actors, all) = self.library.actors(ACTORS_SHOWN);
        let rows = actors
            .iter()
            .map(|a| {
                let detail = [
                    tr(&format!("kind-{}", a.kind.name()), &[]),
                    tr("stories", &[("n", (a.stories as u64).into())]),
                    tr("mentions", &[("n", (a.mentions as u64).into())]),
                ];
                PickRow::new(
                    a.name.clone(),
                    detail
                        .iter()
                        .map(|d| direction::isolate(d))
                        .collect::<Vec<_>>()
                        .join(" · "),
                )
            })
            .collect();
        let title = if all > actors.len() {
            tr(
                "actors-most",
                &[
                    ("shown", (actors.len() as u64).into()),
                    ("all", (all as u64).into()),
                ],
            )
        } else {
            tr("actors", &[])
        };
        self.overlay = Some(Overlay::Actors {
            picker: Picker::new(title, rows, true, tr("no-actors", &[])),
            actors,
        });
    }

    /// Enter on an actor: its statements across the stories, newest first
    /// (date, kind, with whom, on what, source).
    fn show_statements(&mut self, back: Overlay, actor: ActorTotal) {
        let statements = self.library.statements_of(&actor);
        let clock = self.settings.clock;
        let rows = statements
            .iter()
            .map(|s| {
                let mut detail = vec![
                    clock.compact(s.date),
                    format!(
                        "{} ({})",
                        tr(&format!("statement-{}", s.kind.name()), &[]),
                        s.verb
                    ),
                ];
                if !s.with.is_empty() {
                    detail.push(tr("with", &[("who", s.with.join("، ").into())]));
                }
                detail.extend(s.source.clone());
                PickRow::new(
                    s.topic.clone(),
                    detail
                        .iter()
                        .map(|d| direction::isolate(d))
                        .collect::<Vec<_>>()
                        .join(" · "),
                )
            })
            .collect();
        let title = tr("statements-of", &[("actor", actor.name.clone().into())]);
        self.overlay = Some(Overlay::Statements {
            picker: Picker::new(title, rows, false, tr("no-statements", &[])),
            actor,
            statements,
            back: Box::new(back),
        });
    }

    /// Enter on a statement: the list holds the stories of the actor's
    /// statements, and the reader opens the story at that sentence.
    fn open_statement(&mut self, actor: &ActorTotal, statements: &[ActorStatement], i: usize) {
        let mut ids: Vec<i64> = Vec::new();
        for s in statements {
            if !ids.contains(&s.article) {
                ids.push(s.article);
            }
        }
        let ids = self.within_base(ids);
        let saved = self.current();
        self.set_filter(Filter {
            name: actor.name.clone(),
            ids: Arc::new(ids),
            counts: None,
            query: None,
            saved,
            complete: true,
        });
        let s = &statements[i];
        self.select(s.article);
        if self.shown.as_ref().map(|x| x.id) == Some(s.article) {
            self.reader.show_sentence(s.start..s.end);
            self.focus = Pane::Reader;
        }
    }

    /// Enter on a feed: the list holds its articles (Esc: all of them).
    fn show_feed(&mut self, picker: &Picker, url: &str) {
        let ids = self.library.feed_ids(url);
        let title = picker
            .selected()
            .map_or_else(|| url.to_string(), |i| picker.row(i).title.clone());
        let saved = self.current();
        self.set_filter(Filter {
            name: title,
            ids: Arc::new(ids),
            counts: None,
            query: None,
            saved,
            complete: true,
        });
        self.focus = Pane::List;
    }

    /// Where the shown article is: its link, else its file.
    fn current_link(&self) -> Option<String> {
        let a = self.current_article()?;
        a.url.clone().filter(|u| !u.is_empty()).or_else(|| {
            (!a.path.is_empty() && !a.path.starts_with("seeds/")).then(|| a.path.clone())
        })
    }

    /// `o`: open the article's link (or file) with the browser; the
    /// terminal comes back when it ends.
    pub(super) fn open_link(&mut self, _: Action) {
        let Some(link) = self.current_link() else {
            self.status.say(tr("no-link", &[]));
            return;
        };
        let mut command = self.browser.clone();
        if command.iter().any(|w| w.contains("%u")) {
            for w in &mut command {
                *w = w.replace("%u", &link);
            }
        } else {
            command.push(link.clone());
        }
        self.effects.push(Effect::Run(command));
        self.status.say(tr("opened", &[("link", link.into())]));
    }

    /// `y`: copy the article's link (OSC 52, which works over SSH).
    pub(super) fn copy_link(&mut self, _: Action) {
        let Some(link) = self.current_link() else {
            self.status.say(tr("no-link", &[]));
            return;
        };
        self.effects.push(Effect::Copy(link.clone()));
        self.status.say(tr("copied", &[("link", link.into())]));
    }

    /// `S`: the next order of the list (by date, by source, unread first).
    pub(super) fn sort(&mut self, _: Action) {
        let order = self.settings.sort.next();
        self.settings.sort = order;
        self.pending.sort += 1;
        let unsorted = self
            .list
            .unsorted
            .clone()
            .unwrap_or_else(|| self.list.base.clone());
        if order == SortOrder::Date {
            self.pending.sort += 1;
            let at = self.current();
            self.list.base = unsorted;
            self.list.unsorted = None;
            self.list.forget_rows();
            self.status.say(tr("order-date", &[]));
            self.keep_selected(at);
            return;
        }
        self.effects.push(Effect::Sort {
            generation: self.pending.sort,
            order,
            among: match &unsorted {
                Listing::All => None,
                Listing::Ids(ids) => Some(Arc::clone(ids)),
            },
            marks: self.library.marks(),
            store: self.library.handle(),
        });
        self.list.unsorted = Some(unsorted);
        self.status.say(tr("ordering", &[]));
    }

    /// The list in the order asked for arrived.
    fn sorted(&mut self, generation: u64, order: SortOrder, ids: Vec<i64>) {
        if generation != self.pending.sort {
            return;
        }
        let at = self.current();
        self.list.base = Listing::Ids(Arc::new(ids));
        self.list.forget_rows();
        self.status.say(tr(
            match order {
                SortOrder::Date => "order-date",
                SortOrder::Source => "order-source",
                SortOrder::Unread => "order-unread",
            },
            &[],
        ));
        self.keep_selected(at);
    }

    /// Select `id` again in the list as it is now (the top when it is not
    /// listed).
    fn keep_selected(&mut self, id: Option<i64>) {
        self.list.scroll = Default::default();
        if self.list.filter.is_none()
            && let Some(id) = id
        {
            self.select(id);
        }
    }

    pub(super) fn refresh(&mut self, _: Action) {
        if self.progress.refreshing.is_some() {
            self.status.say(t("already-refreshing"));
        } else if self.feeds.count == 0 {
            self.status.say(t("no-feeds-to-refresh"));
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

    /// Keep only the stories that mention the selected actor, by any of
    /// its names (answered in the background: see [`App::mentioning`]).
    pub(super) fn filter_by_actor(&mut self, _: Action) {
        let rows = self.rows();
        let Some(names) = self
            .facts
            .selected(rows.as_deref())
            .and_then(|f| f.actor.clone())
        else {
            self.status.say(t("filter-actor-first"));
            return;
        };
        self.pending.generation += 1;
        self.effects.push(Effect::Mentioning {
            generation: self.pending.generation,
            names: names.clone(),
            store: self.library.handle(),
        });
        let saved = self.current();
        self.set_filter(Filter {
            name: names[0].clone(),
            ids: Arc::new(Vec::new()),
            counts: None,
            query: None,
            saved,
            complete: false,
        });
        // the filtered list is what to look at: shown and focused, even
        // where the facts panel took its place
        if self.panes().list.is_none() && self.settings.size.0 >= NARROW {
            self.settings.facts_toggle = Some(false);
        }
        self.focus = Pane::List;
    }

    /// The articles of an actor filter arrived.
    fn mentioning(&mut self, generation: u64, ids: Vec<i64>) {
        if generation != self.pending.generation {
            return;
        }
        let ids = self.within_base(ids);
        let Some(f) = &mut self.list.filter else {
            return;
        };
        let saved = f.saved;
        self.status.say(tr(
            "stories-mention",
            &[
                ("n", (ids.len() as u64).into()),
                ("name", f.name.clone().into()),
            ],
        ));
        f.ids = Arc::new(ids);
        f.complete = true;
        self.list.forget_rows();
        // the article shown stays selected when it is listed
        self.list.scroll = Default::default();
        if let Some(id) = saved {
            self.select(id);
        }
    }

    /// Only the ids in the list's base (the paths given), in order.
    fn within_base(&self, ids: Vec<i64>) -> Vec<i64> {
        match &self.list.base {
            Listing::All => ids,
            Listing::Ids(base) => {
                let base: HashSet<i64> = base.iter().copied().collect();
                ids.into_iter().filter(|i| base.contains(i)).collect()
            }
        }
    }

    /// Narrow the list.
    fn set_filter(&mut self, filter: Filter) {
        self.list.filter = Some(filter);
        self.list.scroll = Default::default();
        self.list.forget_rows();
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
        self.prompt = Some(Prompt::new(
            kind,
            (self.reader.article(), self.reader.top),
            saved,
        ));
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
            if f.query.is_some() && !f.complete {
                self.effects.push(Effect::StopSearch);
            }
            self.list.scroll = Default::default();
            self.list.forget_rows();
            match f.saved {
                Some(i) => self.select(i),
                None => self.sync(),
            }
        }
    }

    pub(super) fn quit(&mut self, _: Action) {
        self.effects.push(Effect::Quit);
    }

    pub(super) fn suspend(&mut self, _: Action) {
        self.effects.push(Effect::Suspend);
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
                            self.effects.push(Effect::StopSearch);
                            self.list.filter = None;
                            self.list.scroll = Default::default();
                            self.list.forget_rows();
                        }
                        if let Some(i) = p.saved_article {
                            self.select(i);
                        }
                    }
                }
                // the article read before, where it was read
                self.sync();
                if self.reader.article() == p.saved_scroll.0 {
                    self.reader.scroll_to(p.saved_scroll.1);
                }
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
                    self.reader.scroll_to(p.saved_scroll.1);
                    self.find_in_article(&p.text, p.saved_scroll.1);
                }
                PromptKind::Corpus => self.search_corpus(&p.text, p.saved_article),
            },
        }
    }

    /// What the corpus search found so far: `N articles · M matches`
    /// (`…` until it is over), or that nothing contains the query.
    pub fn corpus_summary(&self) -> Option<String> {
        let f = self.list.filter.as_ref()?;
        let query = f.query.as_ref()?;
        let n = f.ids.len();
        if f.complete && n == 0 {
            return Some(tr(
                "no-article-contains",
                &[("query", query.as_str().into())],
            ));
        }
        let m: u64 = f
            .counts
            .as_ref()
            .map_or(0, |c| c.iter().map(|&x| x as u64).sum());
        let said = tr(
            "found",
            &[("articles", (n as u64).into()), ("matches", m.into())],
        );
        Some(if f.complete {
            said
        } else {
            format!("{said}…")
        })
    }

    /// Search the shown article and say where the match is.
    fn find_in_article(&mut self, query: &str, from: Place) {
        let Some(article) = self.shown.as_ref().map(|s| Arc::clone(&s.article)) else {
            return;
        };
        self.status.message = self.reader.find(query, &article.text, from);
    }

    /// Search every article for `query` (title, body), in the background:
    /// the list fills as the hits come, ranked when they are all in.
    fn search_corpus(&mut self, query: &str, saved: Option<i64>) {
        self.pending.generation += 1;
        self.pending.scores = Vec::new();
        self.pending.moved = false;
        if Query::new(query).is_none() {
            self.effects.push(Effect::StopSearch);
            if self.list.filter.as_ref().is_some_and(|f| f.query.is_some()) {
                self.list.filter = None;
                self.list.scroll = Default::default();
                self.list.forget_rows();
            }
            self.status.message = None;
            return;
        }
        self.effects.push(Effect::Search {
            generation: self.pending.generation,
            query: query.to_string(),
            store: self.library.handle(),
        });
        self.set_filter(Filter {
            name: format!("«{query}»"),
            ids: Arc::new(Vec::new()),
            counts: Some(Arc::new(Vec::new())),
            query: Some(query.to_string()),
            saved,
            complete: false,
        });
        self.status.say(t("searching"));
    }

    /// Hits of the corpus search running: listed as they come.
    fn search_hits(&mut self, generation: u64, hits: Vec<Hit>) {
        if generation != self.pending.generation {
            return;
        }
        let base: Option<HashSet<i64>> = match &self.list.base {
            Listing::Ids(ids) => Some(ids.iter().copied().collect()),
            Listing::All => None,
        };
        let Some(f) = &mut self.list.filter else {
            return;
        };
        let ids = Arc::make_mut(&mut f.ids);
        let counts = Arc::make_mut(f.counts.get_or_insert_with(Default::default));
        for h in hits
            .into_iter()
            .filter(|h| base.as_ref().is_none_or(|b| b.contains(&h.id)))
        {
            ids.push(h.id);
            counts.push(h.matches);
            self.pending.scores.push(h.score());
        }
        if let Some(said) = self.corpus_summary() {
            self.status.say(said);
        }
        self.list.forget_rows();
    }

    /// The corpus search is over: the hits ranked, best first.
    fn search_done(&mut self, generation: u64, titles_only: bool) {
        if generation != self.pending.generation {
            return;
        }
        let scores = std::mem::take(&mut self.pending.scores);
        let selected = self.current();
        let moved = self.pending.moved;
        let Some(f) = &mut self.list.filter else {
            return;
        };
        let counts = f.counts.take().unwrap_or_default();
        // best first: the highest score, then the newest id
        let mut order: Vec<u32> = (0..f.ids.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            scores[b].cmp(&scores[a]).then(f.ids[b].cmp(&f.ids[a]))
        });
        let matches: u64 = counts.iter().map(|&c| c as u64).sum();
        f.ids = Arc::new(order.iter().map(|&i| f.ids[i as usize]).collect());
        f.counts = Some(Arc::new(
            order.iter().map(|&i| counts[i as usize]).collect(),
        ));
        f.complete = true;
        let found = f.ids.len();
        let query = f.query.clone().unwrap_or_default();
        self.list.forget_rows();
        let _ = (found, matches, query);
        let mut said = self.corpus_summary().unwrap_or_default();
        if titles_only {
            said.push_str(&tr("titles-only", &[]));
        }
        self.status.say(said);
        match selected.filter(|_| moved) {
            Some(id) => self.select(id),
            None => {
                self.list.scroll = Default::default();
                let height = self.list_height();
                self.list.prepare(&self.library, height);
            }
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
        let buf = frame.buffer_mut();
        // titles shaped like every text, at the start of the line in the
        // interface's direction (right in Arabic)
        let ui_dir = super::i18n::direction();
        let block = |title: String, pane: Pane, width: u16| {
            let style = if self.focus == pane {
                theme.border_focused
            } else {
                theme.border
            };
            let shaped = fit_line_as(&title, width.saturating_sub(4) as usize, order, ui_dir);
            let line = Line::styled(format!(" {} ", shaped.text), style);
            let line = match ui_dir {
                Direction::Rtl => line.right_aligned(),
                Direction::Ltr => line,
            };
            Block::default()
                .borders(Borders::ALL)
                .border_style(style)
                .title(line)
        };
        if let Some(r) = panes.list {
            block(self.list.title(&self.library), Pane::List, r.width).render(r, buf);
            self.list.render(
                panes.inner(Pane::List),
                buf,
                ListView {
                    library: &self.library,
                    focused: self.focus == Pane::List,
                    order,
                    theme,
                    clock: &self.settings.clock,
                },
            );
        }
        if let Some(r) = panes.reader {
            let percent = Line::styled(format!(" {}% ", self.reader.percent()), theme.dim);
            block(t("pane-reader"), Pane::Reader, r.width)
                .title_bottom(match ui_dir {
                    Direction::Rtl => percent.left_aligned(),
                    Direction::Ltr => percent.right_aligned(),
                })
                .render(r, buf);
            self.reader.render(
                r,
                panes.reader_text(),
                buf,
                ReaderView {
                    theme,
                    layout_dir: self.settings.layout_dir,
                    loading: self.progress.loading.is_some(),
                    order,
                },
            );
        }
        if let Some(r) = panes.facts {
            block(t("pane-facts"), Pane::Facts, r.width).render(r, buf);
            self.facts.render(
                panes.inner(Pane::Facts),
                buf,
                FactsView {
                    status: self.current_facts(),
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
                &match p.kind {
                    PromptKind::Corpus => self.corpus_summary().unwrap_or_default(),
                    PromptKind::Article => self.status.message.clone().unwrap_or_default(),
                },
                order,
                theme,
            ),
            None => StatusLine {
                position: (
                    self.current().map_or(0, |_| self.list.scroll.selected + 1),
                    self.list.len(&self.library),
                ),
                focus: &t(&format!("focus-{}", self.focus.label())),
                percent: self.reader.percent(),
                unread: self.library.unread(),
                progress: self.progress,
                message: self.status.message.as_deref(),
                keys: &self.keys,
                theme,
            }
            .render(panes.status, buf),
        }
        if let Some(o) = &self.overlay {
            let s = panes.screen;
            let area = ratatui::layout::Rect::new(s.x, s.y, s.width, s.height.saturating_sub(1));
            o.picker().render(area, buf, theme, order);
        }
        if self.help.open {
            self.help
                .render(panes.screen, buf, &self.keys, theme, order);
        }
        if order == Order::Logical && self.settings.mlterm {
            super::terminal_bidi::for_mlterm(buf, area);
        }
    }
}

/// A library over a new in-memory store holding `articles`, shown as the
/// seeds (read marks kept in memory).
pub fn library_of(articles: Vec<Article>) -> Library {
    Library::new(store_of(articles), true)
}

/// The command that opens links: the config's `browser`, else
/// `$BROWSER`, else the desktop's opener.
fn browser_command(config: &Config) -> Vec<String> {
    config
        .browser
        .clone()
        .or_else(|| {
            std::env::var("BROWSER")
                .ok()
                .and_then(|b| shlex::split(&b))
                .filter(|w| !w.is_empty())
        })
        .unwrap_or_else(|| {
            vec![
                if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                }
                .to_string(),
            ]
        })
}

/// When the seeds (and articles in tests) are dated: 14 Jan 2022, 12:00 UTC.
pub const UNDATED: i64 = 1_642_161_600;

/// A new in-memory store holding `articles`, the first one the newest.
pub fn store_of(articles: Vec<Article>) -> Store {
    let mut store = Store::in_memory();
    // undated ones are dated a second apart from the day of the second
    // seed: the first is the newest, listed first
    let now = UNDATED;
    let prepared: Vec<_> = articles
        .into_iter()
        .enumerate()
        .map(|(i, a)| crate::corpus::store::write::Prepared::new(a, now - i as i64))
        .collect();
    let _ = store.transaction(|s| {
        for p in &prepared {
            s.insert_in_transaction("seeds", p)?;
        }
        Ok(())
    });
    store
}
