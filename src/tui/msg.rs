//! What reaches the browser ([`Msg`]: keys, the mouse, a resize, work done
//! in the background) and what it asks of the world in return ([`Effect`]).
//! `App::update` turns one into the other; nothing else changes the state.

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use std::sync::Arc;

use std::path::PathBuf;

use crate::config::RuleEntry;
use crate::corpus::store::Handle;
use crate::corpus::store::find::Hit;
use crate::corpus::store::read::SortOrder;
use crate::corpus::store::rules::Evaluation;

/// Everything that can happen to the browser.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    /// A minute of the clock began: dates (`14:05`, `yesterday`) may read
    /// otherwise. The loop sends nothing else unasked.
    Tick,
    /// The paths and URLs given are being stored: sources done, and their
    /// number once known.
    Ingesting {
        done: usize,
        total: Option<usize>,
    },
    /// They are stored: their articles, which the list shows.
    Ingested {
        ids: Vec<i64>,
    },
    /// Facts being found again by a newer extractor: done, total.
    FactsUpdating {
        done: usize,
        total: usize,
    },
    /// A refresh started by khabar itself (at start): how many feeds.
    Refreshing {
        feeds: usize,
    },
    /// One feed refreshed (the articles it brought), or why it failed.
    FeedDone {
        fresh: Vec<i64>,
        error: Option<String>,
        /// Why each of its items' pages that failed did (their summaries
        /// are kept).
        pages_failed: Vec<String>,
        /// Pages read for their whole text.
        pages_fetched: usize,
    },
    /// Feed items' pages read so far in this refresh, of those asked for.
    Pages {
        done: usize,
        total: usize,
    },
    /// The refresh is over.
    RefreshDone,
    /// Hits of corpus search number `generation`, a batch at a time.
    SearchHits {
        generation: u64,
        hits: Vec<Hit>,
    },
    /// Corpus search `generation` is over; `titles_only` when the query was
    /// too short for the index.
    SearchDone {
        generation: u64,
        titles_only: bool,
    },
    /// The articles naming the actor of filter `generation`, newest first.
    Mentioning {
        generation: u64,
        ids: Vec<i64>,
    },
    /// The list's articles in `order` (answers `Effect::Sort` number
    /// `generation`).
    Sorted {
        generation: u64,
        order: SortOrder,
        ids: Vec<i64>,
    },
    /// Something to say in the status bar.
    Note(String),
    /// The articles marked read at once are stored.
    MarkedAllRead,
    /// Something could not be done: shown now, reported on stderr after exit.
    Problem(String),
    /// Time for the feeds to be refreshed again (`reload` in the config).
    ReloadDue,
    /// An article was saved there (`w`).
    Saved(PathBuf),
    /// An article's text went through this command (`|`).
    Piped(String),
    /// The config's rules decided over the store (answers
    /// `Effect::EvaluateRules` number `generation`).
    RulesEvaluated {
        generation: u64,
        evaluation: Arc<Evaluation>,
    },
    /// How many articles of the list are unread (answers
    /// `Effect::CountUnread` number `generation`).
    UnreadCounted {
        generation: u64,
        unread: usize,
    },
    /// A signal came.
    Signal(Signal),
}

/// The signals the browser answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM, SIGHUP, SIGINT, SIGQUIT: quit (its number, for the exit status).
    End(i32),
    /// SIGTSTP: give the terminal back and stop, as Ctrl-z does.
    Suspend,
    /// SIGCONT: continued (by `fg`, or after a SIGSTOP): draw everything again.
    Continued,
}

/// What the browser asks the world to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Give the terminal back and stop until continued (then draw again).
    Suspend,
    /// Draw the whole screen again (the terminal's content is unknown).
    Redraw,
    /// Run a program in the terminal (a browser): the screen given back
    /// until it ends, then taken and drawn again.
    Run(Vec<String>),
    /// Put text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Store every article (`None`) or these as read (answered by
    /// `MarkedAllRead`).
    MarkAllRead {
        ids: Option<Arc<Vec<i64>>>,
        store: Handle,
    },
    /// Keep an article's read state in the store.
    SaveRead {
        id: i64,
        read: bool,
    },
    /// Fetch every feed again (answered by `FeedDone`s and `RefreshDone`).
    Refresh,
    /// Search every article for `query`; a new search stops the one before
    /// (answered by `SearchHits` and `SearchDone`).
    Search {
        generation: u64,
        query: String,
        store: Handle,
    },
    /// Stop the search running, if any.
    StopSearch,
    /// Every article (`among` = `None`), or those of `among`, in `order`
    /// (answered by `Sorted`).
    Sort {
        generation: u64,
        order: SortOrder,
        among: Option<Arc<Vec<i64>>>,
        /// Read marks of this session, newer than the store's.
        marks: Vec<(i64, bool)>,
        store: Handle,
    },
    /// The articles that name an actor by any of `names` (answered by
    /// `Mentioning`).
    Mentioning {
        generation: u64,
        names: Vec<String>,
        store: Handle,
    },
    /// Fetch these feeds again (`r`: one), answered like `Refresh`.
    RefreshFeeds(Vec<String>),
    /// Write an article's text to a file `name` in `dir` (made if need
    /// be; a name taken gets a number), answered by `Saved` or a `Problem`.
    Save {
        dir: PathBuf,
        name: String,
        text: String,
    },
    /// Give the terminal to `sh -c command`, `text` on its standard input,
    /// until it ends and Enter is pressed; then draw again (answered by
    /// `Piped` or a `Problem`).
    Pipe {
        command: String,
        text: String,
    },
    /// Decide the config's query feeds and ignore rules over the store
    /// (answered by `RulesEvaluated`).
    EvaluateRules {
        generation: u64,
        queries: Vec<RuleEntry>,
        ignore: Vec<RuleEntry>,
        store: Handle,
    },
    /// Count the unread articles among `ids`, this session's read marks
    /// over the store's (answered by `UnreadCounted`).
    CountUnread {
        generation: u64,
        ids: Arc<Vec<i64>>,
        marks: Vec<(i64, bool)>,
        store: Handle,
    },
    /// Keep the order chosen for a feed's list.
    SaveFeedOrder {
        url: String,
        order: SortOrder,
        store: Handle,
    },
}
