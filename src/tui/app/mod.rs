//! The browser's state, made of one component per pane, and the one place
//! it changes: [`App::update`] takes a [`Msg`], handles it, then brings
//! every pane in line with the state once ([`App::reconcile`]: the layout
//! computed and each pane handed its area, the article and facts shown),
//! and returns the [`Effect`]s it asks for. Drawing ([`App::draw`]) only
//! reads, with that same layout. The panes own their fields: the app asks
//! them through their methods. Tests drive an `App` with messages and look
//! at its frames on ratatui's TestBackend.
//!
//! A key's way: the loop → [`App::update`] → `App::key` (its action from
//! the keymap) → the focused pane's `on_action` (moves and scrolling: the
//! pane's scroll, [`super::scroll`]) or, for the app's own actions, the
//! handler its declaration names ([`super::actions`]; `handlers.rs`,
//! `search.rs`, `overlays.rs`, `links.rs`).

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

use crate::config::{BidiMode, Config, LayoutDir, RuleEntry, ThemeName, no_color};
use crate::corpus::Article;
use crate::corpus::store::actors::{ActorStatement, ActorTotal};
use crate::corpus::store::find::Hit;
use crate::corpus::store::read::{ListRow, SortOrder};
use crate::corpus::store::rules::Evaluation;
use crate::corpus::store::{Handle, Store};
use crate::search::Query;
use crate::terminals::Frames;
use crate::text::{Direction, Order, Place, fit_line_as};

use super::actions::{Action, Mode};
use super::article_list::{ArticleList, Filter, ListView};
use super::dates::Clock;
use super::facts_panel::{FactsPane, FactsView};
use super::help::Help;
use super::i18n::{t, tr};
use super::keymap::KeyMap;
use super::layout::{NARROW, Pane, Panes, facts_by_default};
use super::library::{Library, Listing};
use super::messages::MessageLog;
use super::msg::{Effect, Msg, Signal};
use super::overflow::RowRepaint;
use super::picker::{PickRow, Picked, Picker};
use super::prompt::{History, Prompt, PromptEvent, PromptKind};
use super::reader::{Reader, ReaderView};
use super::status_bar::{Progress, Status, StatusLine};
use super::theme::Theme;

mod draw;
mod handlers;
mod links;
mod overlays;
mod reading;
mod rules;
mod search;

pub use overlays::Overlay;

/// How the screen is arranged and drawn (changed by `L`, `f`, a resize).
#[derive(Clone, Debug)]
struct Settings {
    layout_dir: LayoutDir,
    /// Visual (khabar's bidi) or logical (the terminal's).
    order: Order,
    /// `Some(shown)` once the user pressed the facts key; else the
    /// default for the width.
    facts_toggle: Option<bool>,
    theme: Theme,
    /// The terminal's size (columns, rows).
    size: (u16, u16),
    /// The time and zone dates are shown in.
    clock: Clock,
    /// The list's order (`S`).
    sort: SortOrder,
    /// How frames are drawn for the terminal, after the panes
    /// ([`super::terminal_bidi`]): for mlterm's own bidi, for qterminal.
    frames: Frames,
}

/// The feeds and the refresh running, if any.
#[derive(Clone, Debug, Default)]
struct Feeds {
    count: usize,
    /// New articles and failures of the refresh running.
    fresh: usize,
    errors: Vec<String>,
    /// Feed items' pages read, and why those that failed did.
    pages_fetched: usize,
    page_errors: Vec<String>,
}

/// A row of the feeds view (`F`): a feed, by its URL, or a query feed of
/// the config, by its place there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedKey {
    Url(String),
    Query(usize),
}

/// The list holds a feed's articles, entered from `F` (Esc goes back).
#[derive(Clone, Debug)]
struct InFeed {
    key: FeedKey,
    /// The filter's ids when it was set: the list is still the feed's as
    /// long as the filter holds these.
    ids: Arc<Vec<i64>>,
}

/// The config's query feeds and ignore rules, and what they came to over
/// the store (decided in the background).
#[derive(Default)]
struct Rules {
    queries: Vec<RuleEntry>,
    ignore: Vec<RuleEntry>,
    generation: u64,
    /// The answer to the last evaluation asked for.
    evaluation: Option<Arc<Evaluation>>,
    /// The articles the ignore rules hide.
    hidden: Arc<HashSet<i64>>,
}

/// How many articles of the list shown are unread, counted in the
/// background for a list of ids when it changes.
#[derive(Default)]
struct ListUnread {
    generation: u64,
    /// The list counted: its ids' address and length.
    counted: Option<(usize, usize)>,
    unread: Option<usize>,
}

/// The article in the reader.
struct Shown {
    id: i64,
    article: Arc<Article>,
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

/// What the reader is to show once its article is: a statement's sentence
/// picked in `P` (marked), or the place it was read at (Esc in a prompt).
enum ReaderTarget {
    Sentence(i64, std::ops::Range<usize>),
    Place(Option<i64>, Place),
}

/// The whole state of the browser.
pub struct App {
    library: Library,
    list: ArticleList,
    reader: Reader,
    facts: FactsPane,
    shown: Option<Shown>,
    /// The search prompt, while it is open (a layer with its own keys).
    prompt: Option<Prompt>,
    history: History,
    help: Help,
    /// The feeds or the actors, over the panes.
    overlay: Option<Overlay>,
    status: Status,
    progress: Progress,
    focus: Pane,
    settings: Settings,
    keys: KeyMap,
    /// The command that opens links (`o`).
    browser: Vec<String>,
    /// Where the panes are: computed once a message, by `reconcile`, and
    /// drawn as it is.
    layout: Panes,
    feeds: Feeds,
    pending: Pending,
    /// The real store while the seeds are shown (it was empty): the list
    /// moves to it once a refresh fills it.
    real_store: Option<Handle>,
    /// Effects asked for by the message being handled.
    effects: Vec<Effect>,
    /// The signal that ended the session, if one did.
    ended_by: Option<i32>,
    /// The corpus query the reader's highlights are for.
    reader_query: Option<String>,
    /// What the reader is to show once its story is shown.
    reader_target: Option<ReaderTarget>,
    /// An action waiting for a yes (`A`: mark everything read).
    confirm: Option<Action>,
    /// What the rows of the last frame drawn were (the terminal's output,
    /// not the state: a changed row of Arabic is sent whole).
    repaint: RefCell<RowRepaint>,
    /// `o` or `y` asking which link.
    link_question: Option<links::LinkQuestion>,
    /// A key or the mouse acted on the panes: an article shown in the
    /// focused reader then counts as opened.
    acted: bool,
    /// The message log (`m`), over the panes.
    log: MessageLog,
    /// The feed whose articles the list holds, when entered from `F`.
    in_feed: Option<InFeed>,
    /// The feeds followed besides the subscriptions: the config's, and
    /// the URLs given (`F` lists them even when they hold nothing).
    followed: Vec<String>,
    /// Where `w` saves articles.
    save_dir: PathBuf,
    /// The commands given to `|` this session.
    pipe_history: History,
    rules: Rules,
    /// Every article the ignore rules do not hide, newest first: the
    /// list's base in place of the whole store, when some are hidden.
    all_visible: Option<Arc<Vec<i64>>>,
    unread: ListUnread,
    /// The order of a query feed's list (a feed's is kept in the store).
    feed_sort: Option<SortOrder>,
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
                    BidiMode::Auto | BidiMode::Engine => Order::Visual,
                    BidiMode::Terminal => Order::Logical,
                },
                facts_toggle: None,
                frames: Frames::Plain,
                theme,
                size: (0, 0),
                clock: Clock::default(),
                sort: SortOrder::Date,
            },
            keys,
            browser: links::browser_command(config),
            layout: Panes::default(),
            feeds: Feeds::default(),
            pending: Pending::default(),
            real_store: None,
            effects: Vec::new(),
            ended_by: None,
            reader_query: None,
            reader_target: None,
            confirm: None,
            link_question: None,
            acted: false,
            repaint: RefCell::new(RowRepaint::default()),
            log: MessageLog::default(),
            in_feed: None,
            followed: config.feeds.clone(),
            save_dir: reading::save_dir(config),
            pipe_history: History::default(),
            rules: Rules {
                queries: config.queries.clone(),
                ignore: config.ignore.clone(),
                ..Rules::default()
            },
            all_visible: None,
            unread: ListUnread::default(),
            feed_sort: None,
        }
    }

    /// URLs given on the command line: followed this session (listed in
    /// `F` whatever they hold).
    pub fn follow_given(&mut self, urls: impl IntoIterator<Item = String>) {
        for u in urls {
            if !self.followed.contains(&u) {
                self.followed.push(u);
            }
        }
    }

    /// Dates shown by `clock` (tests and snapshots stop it).
    pub fn with_clock(mut self, clock: Clock) -> App {
        self.settings.clock = clock;
        self
    }

    /// Frames drawn for the terminal (see [`Frames`]).
    pub fn drawn_for(mut self, frames: Frames) -> App {
        self.settings.frames = frames;
        self
    }

    /// Frames drawn for mlterm reordering text itself (with
    /// `--bidi terminal`).
    pub fn for_mlterm(self, mlterm: bool) -> App {
        self.drawn_for(if mlterm {
            Frames::Mlterm
        } else {
            Frames::Plain
        })
    }

    /// The search prompt's history (loaded from the data directory).
    pub fn with_history(mut self, history: History) -> App {
        self.history = history;
        self
    }

    /// The queries typed, to save at exit.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Every problem of the session (reported on stderr after exit).
    pub fn take_problems(&mut self) -> Vec<String> {
        self.status.take_problems()
    }

    /// The signal that ended the session, if one did.
    pub fn ended_by(&self) -> Option<i32> {
        self.ended_by
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
    fn show_only(&mut self, ids: &[i64]) {
        let (ids, _) = self.library.newest_first(ids);
        let ids = self.visible(ids);
        self.list.show(Listing::Ids(Arc::new(ids)));
    }

    /// Handle one message, then bring every pane in line with the state,
    /// once; the effects it asks for.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        // a message lasts until a key changes something on screen: what a
        // key could change, before it
        let before = match &msg {
            Msg::Key(_) if self.prompt.is_none() && self.status.message().is_some() => {
                Some((self.signature(), self.status.message().map(str::to_string)))
            }
            _ => None,
        };
        let mut key_handled = false;
        match msg {
            Msg::Key(k) => key_handled = self.key(&k),
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
                self.evaluate_rules();
            }
            Msg::FactsUpdating { done, total } => {
                self.progress.facts = (done < total).then_some((done, total));
                // the shown article's facts may be among them
                if self.facts.is_pending()
                    && let Some(s) = &self.shown
                    && let Some(f) = self.library.facts(s.id)
                {
                    self.facts.show(Some(Some(f)));
                }
            }
            Msg::Refreshing { feeds } => {
                self.progress.refreshing = (feeds > 0).then_some((0, feeds));
            }
            Msg::FeedDone {
                fresh,
                error,
                pages_failed,
                pages_fetched,
            } => {
                if let Some((done, _)) = &mut self.progress.refreshing {
                    *done += 1;
                }
                self.feeds.fresh += fresh.len();
                self.feeds.pages_fetched += pages_fetched;
                self.feeds.page_errors.extend(pages_failed);
                self.library.mark_fresh(fresh);
                if let Some(e) = error {
                    self.status.problem(e.clone());
                    self.feeds.errors.push(e);
                }
            }
            Msg::Pages { done, total } => {
                self.progress.pages = (done < total).then_some((done, total));
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
            Msg::ReloadDue => self.reload_due(),
            Msg::Saved(path) => self
                .status
                .say(tr("saved", &[("path", path.display().to_string().into())])),
            Msg::Piped(command) => self.status.say(tr("piped", &[("command", command.into())])),
            Msg::RulesEvaluated {
                generation,
                evaluation,
            } => self.rules_evaluated(generation, evaluation),
            Msg::UnreadCounted { generation, unread } => {
                if generation == self.unread.generation {
                    self.unread.unread = Some(unread);
                }
            }
            Msg::Signal(Signal::End(sig)) => {
                self.ended_by = Some(sig);
                self.effects.push(Effect::Quit);
            }
            Msg::Signal(Signal::Suspend) => self.effects.push(Effect::Suspend),
            Msg::Signal(Signal::Continued) => self.effects.push(Effect::Redraw),
        }
        if self.rules.generation == 0 {
            self.evaluate_rules();
        }
        self.reconcile();
        if std::mem::take(&mut self.acted) {
            self.note_opened();
        }
        // the screen will be cleared and drawn whole
        if self
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Suspend | Effect::Redraw | Effect::Run(_)))
        {
            self.repaint.get_mut().forget();
        }
        if key_handled
            && let Some((signature, message)) = before
            && self.status.message() == message.as_deref()
            && self.signature() != signature
        {
            self.status.clear();
        }
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
        // the whole texts read, and why a page failed (its summary kept)
        self.progress.pages = None;
        let page_errors = std::mem::take(&mut self.feeds.page_errors);
        let fetched = std::mem::take(&mut self.feeds.pages_fetched);
        if fetched + page_errors.len() > 0 {
            said.push_str(&tr(
                "refreshed-pages",
                &[("n", count(fetched)), ("failed", count(page_errors.len()))],
            ));
        }
        if let Some(e) = page_errors.first() {
            let e = e.replace("https://", "").replace("http://", "");
            said.push_str(&tr("page-failed", &[("error", e.into())]));
            for e in &page_errors {
                self.status.problem(e.clone());
            }
        }
        self.status.say(said);
        self.update_feeds_view();
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
        if self.feeds.fresh > 0 {
            self.evaluate_rules();
        }
        self.feeds.fresh = 0;
    }

    /// After the store changed under the whole-store list: the selected
    /// article stays selected, wherever it moved.
    fn keep_selection(&mut self) {
        let key = self.list.selected_key();
        self.list.forget_rows();
        if matches!(self.list.listing(), Listing::All)
            && let Some(pos) = key.and_then(|k| self.library.position(k))
        {
            self.list.follow(pos, &self.library);
        }
    }

    /// Is the facts panel shown at the current width?
    fn facts_shown(&self) -> bool {
        self.settings
            .facts_toggle
            .unwrap_or(facts_by_default(self.settings.size.0))
    }

    /// Work for the next keys, done once a frame is drawn: the list's rows
    /// either side of the screen.
    pub fn after_frame(&mut self) {
        self.list.prefetch(&self.library);
    }

    /// Bring every pane in line with the state, once after each message:
    /// the layout computed and each pane handed its area; the list's rows
    /// on screen read; the reader showing the selected article at its
    /// width, the facts panel its facts.
    fn reconcile(&mut self) {
        let layout = Panes::compute(
            self.settings.size,
            self.focus,
            self.facts_shown(),
            self.settings.layout_dir,
        );
        self.layout = layout;
        // a list that is not shown pages as if it filled the screen
        self.list.resize(match layout.list {
            Some(_) => layout.inner(Pane::List).height,
            None => self.settings.size.1.saturating_sub(3),
        });
        self.facts.resize(layout.inner(Pane::Facts));
        self.help.resize(layout.screen);
        self.log.resize(layout.screen);
        self.list.clamp(&self.library);
        self.list.prepare(&self.library);
        self.list.remember();
        self.count_unread();
        // a search that found nothing leaves the reader on the article read
        // before it (and on the one shown while it looks)
        let searching = self.list.filter().filter(|f| f.query.is_some());
        let id = match (self.list.current(), searching) {
            (Some(r), _) => Some(r.id),
            (None, Some(f)) if f.complete => f.saved.or(self.shown.as_ref().map(|s| s.id)),
            (None, Some(_)) => self.shown.as_ref().map(|s| s.id),
            (None, None) => None,
        };
        if id != self.shown.as_ref().map(|s| s.id) {
            self.shown = id.and_then(|id| {
                let article = Arc::new(self.library.article(id)?);
                Some(Shown { id, article })
            });
            let facts = self.shown.as_ref().map(|s| self.library.facts(s.id));
            self.facts.show(facts);
        }
        let shown = self.shown.as_ref().map(|s| (s.id, &s.article));
        if self.reader.show(
            shown,
            layout.reader_text(),
            self.settings.order,
            &self.settings.clock,
        ) {
            self.reader_query = None;
        }
        // from a corpus search: the article opens at its first match (the
        // status line keeps saying what the search found)
        let query = self
            .list
            .filter()
            .filter(|_| self.list.current().is_some())
            .and_then(|f| f.query.clone());
        if query != self.reader_query {
            match &query {
                Some(q) => {
                    let said = self.status.message().map(str::to_string);
                    self.find_in_article(q, Place::default());
                    self.status.set(said);
                }
                None => self.reader.clear_search(),
            }
            self.reader_query = query;
        }
        match self.reader_target.take() {
            // a statement picked in `P`: its sentence, once its story is shown
            Some(ReaderTarget::Sentence(id, range)) => {
                if self.reader.article() == Some(id) {
                    self.reader.show_sentence(range);
                } else if self.list.filter().is_some() {
                    self.reader_target = Some(ReaderTarget::Sentence(id, range));
                }
            }
            // back where it was read
            Some(ReaderTarget::Place(id, place)) if self.reader.article() == id => {
                self.reader.scroll_to(place);
            }
            Some(ReaderTarget::Place(..)) | None => {}
        }
        self.facts.clamp();
    }

    // ---- what is selected ---------------------------------------------

    /// The selected article's id.
    fn current(&self) -> Option<i64> {
        self.list.current().map(|r| r.id)
    }

    /// The article in the reader.
    fn current_article(&self) -> Option<&Article> {
        self.shown.as_ref().map(|s| s.article.as_ref())
    }

    /// Select article `id` if it is listed (and the list can tell where).
    fn select(&mut self, id: i64) {
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
            self.list.select(pos, &self.library);
        }
    }

    // ---- keys and the mouse -------------------------------------------

    /// A key: to the question asked, the overlay's query, the prompt, or
    /// its action (done in the current state). True when it went to an action or the prompt (the
    /// message rule applies), false when a question or a picker's query
    /// took it.
    fn key(&mut self, key: &KeyEvent) -> bool {
        let mode = if self.prompt.is_some() {
            Mode::Prompt
        } else {
            Mode::Normal
        };
        // which link: digits, Enter, Backspace; anything else gives up
        if self.link_question.is_some() {
            self.link_key(key);
            return false;
        }
        // a question asked: y (or its key again) says yes, any other key no
        if let Some(asked) = self.confirm.take() {
            let again = self.keys.action(Mode::Normal, key) == Some(asked);
            if again || key.code == KeyCode::Char('y') {
                self.perform_confirmed(asked);
            } else {
                self.status.say(tr("not-done", &[]));
            }
            return false;
        }
        if let Some(o) = &mut self.overlay
            && o.picker().filters()
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            match key.code {
                KeyCode::Char(c) => {
                    o.picker_mut().type_char(c);
                    return false;
                }
                KeyCode::Backspace => {
                    o.picker_mut().erase();
                    return false;
                }
                _ => {}
            }
        }
        match self.keys.action(mode, key) {
            // the help, the log or a picker over the screen takes it
            // first, then the focused pane (its moves), then the action's
            // handler
            Some(action) if self.help.is_open() && action.mode() == Mode::Normal => {
                self.help.on_action(action, &self.keys);
            }
            Some(action) if self.log.is_open() && action.mode() == Mode::Normal => {
                self.log.on_action(action);
            }
            Some(action)
                if self.overlay.is_some()
                    && action.mode() == Mode::Normal
                    && action != Action::Help =>
            {
                self.overlay_action(action);
            }
            Some(action) => {
                let before = self.current();
                if !self.move_in_pane(action) {
                    action.run(self);
                }
                if self.current() != before {
                    self.pending.moved = true;
                }
                self.acted = true;
            }
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
        true
    }

    /// What a key can change on screen, to tell whether one did.
    fn signature(&self) -> impl PartialEq + use<> {
        (
            self.current(),
            self.list.scroll(),
            self.list.filter().map(|f| f.ids.len()),
            self.reader.place(),
            self.reader.search().map(|s| s.current),
            self.focus,
            self.facts.scroll(),
            (self.help.is_open(), self.help.scroll()),
            self.settings.facts_toggle,
            self.settings.layout_dir,
            self.log.is_open(),
        )
    }

    /// Moves and scrolling, for the focused pane; false for an action that
    /// is not a move.
    pub(in crate::tui) fn move_in_pane(&mut self, action: Action) -> bool {
        match self.focus {
            Pane::List => self.list.on_action(action, &self.library),
            Pane::Reader => self.reader.on_action(action),
            Pane::Facts => self.facts.on_action(action),
        }
    }

    /// An article shown in the focused reader counts as opened: mark it
    /// read, once (so that `u` can mark it unread again while reading).
    fn note_opened(&mut self) {
        if self.focus == Pane::Reader
            && let Some(row) = self.list.current().cloned()
            && self.reader.open(row.id)
        {
            self.set_read(&row, true);
        }
    }

    fn set_read(&mut self, row: &ListRow, read: bool) {
        if self.library.set_read(row, read) {
            // the list's count: the article is one of the list's
            if let Some(n) = &mut self.unread.unread {
                *n = if read { n.saturating_sub(1) } else { *n + 1 };
            }
            if self.library.keeps_marks() {
                self.effects.push(Effect::SaveRead { id: row.id, read });
            }
        }
    }

    /// Wheel scrolls the pane under the pointer; a click selects.
    fn mouse(&mut self, m: &MouseEvent) {
        if self.help.is_open() || self.overlay.is_some() || self.log.is_open() {
            return;
        }
        let panes = self.layout;
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
                    Pane::List => self.list.wheel(d, &self.library),
                    Pane::Reader => self.reader.scroll_by(d),
                    Pane::Facts => self.facts.wheel(d),
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                match pane {
                    Pane::List => {
                        let row = m.row.saturating_sub(panes.inner(Pane::List).y);
                        if let Some(pos) = self.list.position_under(row, &self.library) {
                            self.list.select(pos, &self.library);
                            self.pending.moved = true;
                        }
                    }
                    Pane::Facts => {
                        let row = m.row.saturating_sub(panes.inner(Pane::Facts).y) as usize;
                        self.facts.click(row);
                    }
                    Pane::Reader => {}
                }
            }
            _ => return,
        }
        self.acted = true;
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
