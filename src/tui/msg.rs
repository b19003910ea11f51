//! What reaches the browser ([`Msg`]: keys, the mouse, a resize, work done
//! in the background) and what it asks of the world in return ([`Effect`]).
//! `App::update` turns one into the other; nothing else changes the state.

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::corpus::Article;
use crate::facts::Facts;

/// An article arriving from the loader or a refresh.
#[derive(Clone, Debug)]
pub struct Arrival {
    pub article: Article,
    /// Marked read in the store.
    pub read: bool,
    /// Brought by a refresh (not stored before): marked ●.
    pub fresh: bool,
}

/// Everything that can happen to the browser.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    /// Time passed (redraw progress).
    Tick,
    /// Files are being read in the background: how many.
    Loading {
        files: usize,
    },
    /// Articles read from a file, the store or a feed.
    Articles(Vec<Arrival>),
    /// One file read (progress counts files; a feed file gives many articles).
    FileDone,
    /// Every file read.
    LoadDone,
    /// The facts of article `index`.
    FactsReady {
        index: usize,
        facts: Box<Facts>,
    },
    /// A refresh started by khabar itself (at start): how many feeds.
    Refreshing {
        feeds: usize,
    },
    /// One feed refreshed, or why it failed.
    FeedDone {
        error: Option<String>,
    },
    /// The refresh is over.
    RefreshDone,
    /// Something could not be done: shown now, reported on stderr after exit.
    Problem(String),
}

/// What the browser asks the world to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Extract the facts of article `index` (answered by `Msg::FactsReady`).
    ExtractFacts {
        index: usize,
        text: String,
    },
    /// Keep an article's read state (by its key) in the store.
    SaveRead {
        key: String,
        read: bool,
    },
    /// Fetch every feed again (answered by `FeedDone`s and `RefreshDone`).
    Refresh,
}
