//! The articles the browser shows, read from the store a page at a time:
//! which articles are listed (the whole store newest first, by keyset on
//! date and id; or a list of ids: the paths given, a search's results, an
//! actor's stories), pages of rows, the article opened and its facts.
//! Nothing is held for the articles off screen.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::corpus::Article;
use crate::corpus::store::actors::{ActorStatement, ActorTotal};
use crate::corpus::store::feeds::FeedSummary;
use crate::corpus::store::read::{ListRow, SortOrder, Towards};
use crate::corpus::store::{Handle, Store};
use crate::facts::Facts;

/// Which articles a list holds, in order.
#[derive(Clone, Debug)]
pub enum Listing {
    /// The whole store, newest first.
    All,
    /// These, in this order.
    Ids(Arc<Vec<i64>>),
}

/// The store as the browser reads it.
pub struct Library {
    store: Store,
    /// Showing the seeds (an in-memory store), the real store being empty.
    seeds: bool,
    /// Articles in the store, and unread ones.
    total: usize,
    unread: usize,
    /// Articles a refresh brought during this session (marked ●).
    fresh: HashSet<i64>,
    /// Read marks set during this session, over what the rows say (the
    /// writer may not have stored them yet).
    marks: HashMap<i64, bool>,
    /// Every article up to this id was marked read at once (`A` on the
    /// whole store), maybe not stored yet.
    read_up_to: Option<i64>,
}

impl Library {
    /// The library over `store`; `seeds` when it holds the seeds in memory.
    pub fn new(store: Store, seeds: bool) -> Library {
        let (total, unread) = store.counts().unwrap_or((0, 0));
        Library {
            store,
            seeds,
            total,
            unread,
            fresh: HashSet::new(),
            marks: HashMap::new(),
            read_up_to: None,
        }
    }

    /// Opens more connections to the store, for threads of their own.
    pub fn handle(&self) -> Handle {
        self.store.handle()
    }

    pub fn is_seeds(&self) -> bool {
        self.seeds
    }

    /// Articles in the store.
    pub fn total(&self) -> usize {
        self.total
    }

    pub fn unread(&self) -> usize {
        self.unread
    }

    /// The store changed (a refresh, an ingest): counted again.
    pub fn reload(&mut self) {
        if let Ok((t, u)) = self.store.counts() {
            self.total = t;
            self.unread = u;
        }
    }

    /// Note articles a refresh brought.
    pub fn mark_fresh(&mut self, ids: impl IntoIterator<Item = i64>) {
        self.fresh.extend(ids);
    }

    /// The read marks set this session.
    pub fn marks(&self) -> Vec<(i64, bool)> {
        self.marks.iter().map(|(&id, &read)| (id, read)).collect()
    }

    /// The articles a refresh brought this session.
    pub fn fresh_ids(&self) -> Vec<i64> {
        self.fresh.iter().copied().collect()
    }

    pub fn is_fresh(&self, id: i64) -> bool {
        self.fresh.contains(&id)
    }

    /// How many articles `listing` holds.
    pub fn len(&self, listing: &Listing) -> usize {
        match listing {
            Listing::All => self.total,
            Listing::Ids(ids) => ids.len(),
        }
    }

    /// Up to `n` rows of the whole store next to the row `from` (excluded),
    /// towards older or newer ones, or from an end; newest first.
    pub fn page(&self, from: Option<(i64, i64)>, towards: Towards, n: usize) -> Vec<ListRow> {
        self.store.page(from, towards, n).unwrap_or_default()
    }

    /// `n` rows of the whole store from position `pos` (a jump: it costs
    /// what skipping `pos` rows costs).
    pub fn page_at(&self, pos: usize, n: usize) -> Vec<ListRow> {
        self.store.page_at(pos, n).unwrap_or_default()
    }

    /// The rows of some ids (a filtered list's screen).
    pub fn rows_of(&self, ids: &[i64]) -> Vec<ListRow> {
        self.store.rows(ids).unwrap_or_default()
    }

    /// The first unread article of the whole store older than the row
    /// `key` (from the top when `None`), and its position.
    pub fn next_unread(&self, key: Option<(i64, i64)>) -> Option<(usize, ListRow)> {
        let mut from = key;
        // this session's marks are over the stored ones: skip those read
        loop {
            let row = self.store.next_unread(from).ok().flatten()?;
            if !self.is_read(&row) {
                let pos = self.position(row.key())?;
                return Some((pos, row));
            }
            from = Some(row.key());
        }
    }

    /// Is article `id` read (this session's marks first)?
    pub fn is_read(&self, row: &ListRow) -> bool {
        self.marks
            .get(&row.id)
            .copied()
            .or(self.read_up_to.filter(|&m| row.id <= m).map(|_| true))
            .unwrap_or(row.read)
    }

    /// Mark every article of `listing` read; the ids to store (`None`: all
    /// of them), or nothing to store (the seeds, a read-only store).
    pub fn mark_all_read(&mut self, listing: &Listing) -> Option<Option<Arc<Vec<i64>>>> {
        let ids: Option<Arc<Vec<i64>>> = match listing {
            Listing::Ids(ids) => Some(Arc::clone(ids)),
            Listing::All if self.keeps_marks() => None,
            Listing::All => Some(Arc::new(
                self.store
                    .sorted(crate::corpus::store::read::SortOrder::Date, None, &[])
                    .unwrap_or_default(),
            )),
        };
        match &ids {
            Some(ids) => {
                for &id in ids.iter() {
                    self.marks.insert(id, true);
                }
                if self.seeds {
                    for &id in ids.iter() {
                        let _ = self.store.set_read(id, true);
                    }
                }
            }
            None => {
                self.read_up_to = self.store.max_id().ok();
                self.marks.retain(|_, read| *read);
            }
        }
        if ids.is_none() {
            self.unread = 0;
        } else if let Ok((_, u)) = self.store.counts() {
            // the marks not stored yet are not in the count
            self.unread = u.saturating_sub(self.marks.values().filter(|r| **r).count());
        }
        self.keeps_marks().then_some(ids)
    }

    /// Mark article `id` read or unread; true when that changed something.
    pub fn set_read(&mut self, row: &ListRow, read: bool) -> bool {
        if self.is_read(row) == read {
            return false;
        }
        self.marks.insert(row.id, read);
        if read {
            self.unread = self.unread.saturating_sub(1);
        } else {
            self.unread += 1;
        }
        if self.seeds {
            // the seeds live in memory: no writer to wait for
            let _ = self.store.set_read(row.id, read);
        }
        true
    }

    /// Are read marks kept in the store (by the writer), or only in
    /// memory (the seeds, a read-only store)?
    pub fn keeps_marks(&self) -> bool {
        !self.seeds && !self.store.is_read_only()
    }

    /// Article `id`, whole.
    pub fn article(&self, id: i64) -> Option<Article> {
        self.store.article(id).ok().flatten()
    }

    /// The actors of the corpus named in most stories (at most `limit`),
    /// and how many there are in all.
    pub fn actors(&self, limit: usize) -> (Vec<ActorTotal>, usize) {
        self.store.actors("", limit).unwrap_or_default()
    }

    /// An actor's statements across the stories, newest first.
    pub fn statements_of(&self, actor: &ActorTotal) -> Vec<ActorStatement> {
        self.store
            .statements_of(&actor.name, actor.kind)
            .unwrap_or_default()
    }

    /// The feeds followed (subscribed, or among `followed`) or read, with
    /// their counts, last fetch and error.
    pub fn feeds(&self, followed: &[String]) -> Vec<FeedSummary> {
        self.store.listed_feeds(followed).unwrap_or_default()
    }

    /// The order chosen for feed `url`'s list, if one was.
    pub fn feed_order(&self, url: &str) -> Option<SortOrder> {
        self.store
            .feed_order(url)
            .as_deref()
            .and_then(SortOrder::from_name)
    }

    /// `ids` in `order` (this session's read marks over the store's).
    pub fn sorted(&self, order: SortOrder, ids: &[i64]) -> Vec<i64> {
        self.store
            .sorted(order, Some(ids), &self.marks())
            .unwrap_or_else(|_| ids.to_vec())
    }

    /// The feed (or file) article `id` came from.
    pub fn origin_of(&self, id: i64) -> Option<String> {
        self.store.origin(id).ok().flatten()
    }

    /// The first unread article of the whole store newer than the row
    /// `key` (from the bottom when `None`), and its position.
    pub fn previous_unread(&self, key: Option<(i64, i64)>) -> Option<(usize, ListRow)> {
        let mut from = key;
        loop {
            let row = self.store.previous_unread(from).ok().flatten()?;
            if !self.is_read(&row) {
                let pos = self.position(row.key())?;
                return Some((pos, row));
            }
            from = Some(row.key());
        }
    }

    /// The articles of feed `url`, newest first.
    pub fn feed_ids(&self, url: &str) -> Vec<i64> {
        self.store.feed_ids(url).unwrap_or_default()
    }

    /// The facts of article `id`, when its stored facts are this
    /// extractor's.
    pub fn facts(&self, id: i64) -> Option<Facts> {
        match self.store.facts(id) {
            Ok((f, v)) if v == crate::facts::VERSION => Some(f),
            _ => None,
        }
    }

    /// Position of the row with `key` in the whole store, newest first.
    pub fn position(&self, key: (i64, i64)) -> Option<usize> {
        self.store.position(key).ok()
    }

    /// The ids of `ids` newest first, and how many are unread.
    pub fn newest_first(&self, ids: &[i64]) -> (Vec<i64>, usize) {
        self.store.newest_first(ids).unwrap_or_default()
    }
}
