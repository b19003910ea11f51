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
use crate::text::{Direction, Order, Place, fit_line_as};

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

mod draw;
mod handlers;
mod links;
mod overlays;
mod search;

pub use overlays::Overlay;

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
    /// A sentence to show (and mark) when its story is the one shown: an
    /// actor's statement picked in `P`.
    sentence_to_show: Option<(i64, std::ops::Range<usize>)>,
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
            browser: links::browser_command(config),
            feeds: Feeds::default(),
            pending: Pending::default(),
            real_store: None,
            effects: Vec::new(),
            ended_by: None,
            reader_query: None,
            sentence_to_show: None,
            confirm: None,
        }
    }

    /// Dates shown by `clock` (tests and snapshots stop it).
    pub fn with_clock(mut self, clock: Clock) -> App {
        self.settings.clock = clock;
        self
    }

    /// Frames drawn for mlterm reordering text itself (with
    /// `--bidi terminal`).
    pub fn for_mlterm(mut self, mlterm: bool) -> App {
        self.settings.mlterm = mlterm;
        self
    }

    /// Every problem of the session (reported on stderr after exit).
    pub fn take_problems(&mut self) -> Vec<String> {
        std::mem::take(&mut self.status.problems)
    }

    /// The frame shows what there is to show: an article, or an empty
    /// corpus (for the trace's first frame).
    pub fn settled(&self) -> bool {
        self.current().is_some() || self.library.total() == 0
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
                let width = self.facts_width();
                if let Some(s) = &mut self.shown
                    && matches!(s.facts, FactsStatus::Pending)
                    && let Some(f) = self.library.facts(s.id)
                {
                    s.facts = FactsStatus::Ready(Arc::new(FactRows::from_facts(&f, width)));
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

    /// Work for the next keys, done once a frame is drawn: the list's rows
    /// either side of the screen.
    pub fn after_frame(&mut self) {
        let height = self.list_height();
        self.list.prefetch(&self.library, height);
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

    /// The facts panel's width (0 when it is not shown).
    fn facts_width(&self) -> usize {
        self.panes().inner(Pane::Facts).width as usize
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
        let width = self.facts_width();
        if id != self.shown.as_ref().map(|s| s.id) {
            self.shown = id.and_then(|id| {
                let article = Arc::new(self.library.article(id)?);
                let facts = match self.library.facts(id) {
                    Some(f) => FactsStatus::Ready(Arc::new(FactRows::from_facts(&f, width))),
                    None => FactsStatus::Pending,
                };
                Some(Shown { id, article, facts })
            });
        }
        // the panel's width changed: its facts laid out again, the cursor
        // on the same fact
        if let Some(s) = &mut self.shown
            && let FactsStatus::Ready(rows) = &s.facts
            && rows.width != width
            && width > 0
            && let Some(f) = self.library.facts(s.id)
        {
            let n = rows.fact_number(self.facts.scroll.selected);
            let rows = FactRows::from_facts(&f, width);
            self.facts.scroll.selected = rows.row_of_fact(n).unwrap_or(0);
            s.facts = FactsStatus::Ready(Arc::new(rows));
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
        // a statement picked in `P`: its sentence, once its story is shown
        if let Some((id, range)) = self.sentence_to_show.take() {
            if self.shown.as_ref().map(|s| s.id) == Some(id) {
                self.reader.show_sentence(range);
            } else if self.list.filter.is_some() {
                self.sentence_to_show = Some((id, range));
            }
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
                        if let Some(i) = self.facts.scroll.item_at(row, n) {
                            // a fact's second line stands for the fact
                            let i = self.rows().and_then(|r| match &r.items[i] {
                                item if item.continues => Some(i - 1),
                                item if item.selectable() => Some(i),
                                _ => None,
                            });
                            if let Some(i) = i {
                                self.facts.scroll.selected = i;
                            }
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

/// A library over a new in-memory store holding `articles`, shown as the
/// seeds (read marks kept in memory).
pub fn library_of(articles: Vec<Article>) -> Library {
    Library::new(store_of(articles), true)
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
