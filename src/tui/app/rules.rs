//! The feeds view's rows and what they lead to: the config's query feeds
//! (`[[query]]`, listed first, with their unread counts) and the feeds,
//! a feed's articles entered and left (Esc back to `F`), stepping from one
//! feed to the next with unread articles (`n`/`N`), and the ignore rules
//! (`[[ignore]]`), whose articles no list shows. The rules are decided
//! over the store in the background, at start, when `F` opens and after a
//! refresh brings articles.

use super::*;

/// A row of `F`: what it is, its name, its counts (unread, total; `None`
/// while a query feed is being counted), its last fetch and error.
pub(super) struct FeedEntry {
    pub key: FeedKey,
    pub name: String,
    pub counts: Option<(usize, usize)>,
    pub fetched_at: Option<i64>,
    pub error: Option<String>,
    /// A query feed's rule.
    pub rule: Option<String>,
    /// How many of a feed's articles have their whole text, how many
    /// pages failed, and the last page's failure.
    pub full_text: usize,
    pub pages_failed: usize,
    pub page_error: Option<String>,
}

impl App {
    /// Decide the rules over the store again, in the background (nothing
    /// to do without rules).
    pub(super) fn evaluate_rules(&mut self) {
        if self.rules.queries.is_empty() && self.rules.ignore.is_empty() {
            return;
        }
        self.rules.generation += 1;
        self.effects.push(Effect::EvaluateRules {
            generation: self.rules.generation,
            queries: self.rules.queries.clone(),
            ignore: self.rules.ignore.clone(),
            store: self.library.handle(),
        });
    }

    /// The rules' answer: the hidden articles leave every list, `F`'s
    /// counts are the new ones.
    pub(super) fn rules_evaluated(&mut self, generation: u64, evaluation: Arc<Evaluation>) {
        if generation != self.rules.generation {
            return;
        }
        // what is hidden changed, or the store did (a refresh): the lists
        // are made again
        let changed = *self.rules.hidden != evaluation.hidden
            || evaluation.visible.as_ref().map(Vec::len)
                != self.all_visible.as_ref().map(|v| v.len());
        self.rules.hidden = Arc::new(evaluation.hidden.clone());
        self.rules.evaluation = Some(Arc::clone(&evaluation));
        if changed {
            let at = self.current();
            let visible = evaluation.visible.clone().map(Arc::new);
            // the list's base: the whole store (or what of it was not
            // hidden before) is every article not hidden; the paths given
            // lose what is hidden
            let base = match self.list.unsorted() {
                Listing::All => visible.clone().map_or(Listing::All, Listing::Ids),
                Listing::Ids(ids)
                    if self
                        .all_visible
                        .as_ref()
                        .is_some_and(|v| Arc::ptr_eq(v, &ids)) =>
                {
                    visible.clone().map_or(Listing::All, Listing::Ids)
                }
                Listing::Ids(ids) => Listing::Ids(Arc::new(self.visible(ids.to_vec()))),
            };
            self.all_visible = visible;
            if self.settings.sort == SortOrder::Date {
                self.list.reorder(base, None);
            } else {
                self.list.ordering(base);
            }
            // a filtered list loses what is hidden
            if let Some(f) = self.list.filter() {
                let kept = self.visible(f.ids.to_vec());
                if kept.len() != f.ids.len() {
                    self.list.complete(kept);
                    self.feed_list_reordered();
                }
            }
            self.keep_selected(at);
        }
        self.update_feeds_view();
    }

    /// `ids` without the articles the ignore rules hide.
    pub(super) fn visible(&self, ids: Vec<i64>) -> Vec<i64> {
        if self.rules.hidden.is_empty() {
            return ids;
        }
        ids.into_iter()
            .filter(|i| !self.rules.hidden.contains(i))
            .collect()
    }

    /// The rows of `F`: the query feeds, then the feeds (followed first).
    pub(super) fn feed_entries(&self) -> Vec<FeedEntry> {
        let eval = self.rules.evaluation.as_ref();
        let mut out: Vec<FeedEntry> = self
            .rules
            .queries
            .iter()
            .enumerate()
            .map(|(k, q)| FeedEntry {
                key: FeedKey::Query(k),
                name: q.name.clone().unwrap_or_default(),
                counts: eval
                    .and_then(|e| e.matches.get(k))
                    .map(|m| (m.unread, m.ids.len())),
                fetched_at: None,
                error: None,
                rule: Some(q.text.clone()),
                full_text: 0,
                pages_failed: 0,
                page_error: None,
            })
            .collect();
        let hiding = eval.filter(|e| !e.hidden.is_empty());
        out.extend(self.library.feeds(&self.followed).into_iter().map(|f| {
            // (unread, total), of what is not hidden
            let counts = match hiding {
                Some(e) => {
                    let (total, unread) = e.per_feed.get(&f.url).copied().unwrap_or((0, 0));
                    (unread, total)
                }
                None => (f.unread, f.total),
            };
            FeedEntry {
                key: FeedKey::Url(f.url.clone()),
                name: f.title.clone().unwrap_or_else(|| f.url.clone()),
                counts: Some(counts),
                fetched_at: f.fetched_at,
                error: f.error,
                rule: None,
                full_text: f.full_text,
                pages_failed: f.pages_failed,
                page_error: f.page_error,
            }
        }));
        out
    }

    /// The articles of a row of `F`, in the order the list shows them
    /// (a feed's remembered order); `None` for a query feed not counted
    /// yet.
    pub(super) fn feed_articles(&self, key: &FeedKey) -> Option<Vec<i64>> {
        match key {
            FeedKey::Url(url) => {
                let ids = self.visible(self.library.feed_ids(url));
                Some(match self.library.feed_order(url) {
                    Some(order) if order != SortOrder::Date => self.library.sorted(order, &ids),
                    _ => ids,
                })
            }
            FeedKey::Query(k) => self
                .rules
                .evaluation
                .as_ref()
                .and_then(|e| e.matches.get(*k))
                .map(|m| m.ids.clone()),
        }
    }

    /// List `ids`, the articles of the row `key` of `F` (Esc goes back to
    /// `F`); the row's name.
    pub(super) fn enter_feed(&mut self, key: FeedKey, ids: Vec<i64>) -> String {
        let name = self
            .feed_entries()
            .into_iter()
            .find(|e| e.key == key)
            .map_or_else(String::new, |e| e.name);
        let saved = self
            .list
            .filter()
            .filter(|_| self.in_feed_list())
            .map_or_else(|| self.current(), |f| f.saved);
        let ids = Arc::new(ids);
        self.list.set_filter(Filter {
            name: name.clone(),
            ids: Arc::clone(&ids),
            counts: None,
            query: None,
            saved,
            complete: true,
        });
        self.in_feed = Some(InFeed { key, ids });
        self.focus = Pane::List;
        name
    }

    /// Does the list hold a feed's articles, entered from `F`?
    pub(super) fn in_feed_list(&self) -> bool {
        match (&self.in_feed, self.list.filter()) {
            (Some(i), Some(f)) => Arc::ptr_eq(&i.ids, &f.ids),
            _ => false,
        }
    }

    /// The feed's list was ordered anew: it is still the feed's.
    pub(super) fn feed_list_reordered(&mut self) {
        if let (Some(i), Some(f)) = (&mut self.in_feed, self.list.filter()) {
            i.ids = Arc::clone(&f.ids);
        }
    }

    /// The feeds after the one listed (before it, going back), round the
    /// list of `F`, that hold unread articles: the first, with its
    /// articles.
    pub(super) fn next_feed_with_unread(&self, forward: bool) -> Option<(FeedKey, Vec<i64>)> {
        let feeds: Vec<FeedEntry> = self
            .feed_entries()
            .into_iter()
            .filter(|e| matches!(e.key, FeedKey::Url(_)))
            .collect();
        let n = feeds.len();
        let here = self
            .in_feed
            .as_ref()
            .and_then(|i| feeds.iter().position(|e| e.key == i.key));
        let order: Vec<usize> = match (here, forward) {
            (Some(h), true) => (1..n).map(|k| (h + k) % n).collect(),
            (Some(h), false) => (1..n).map(|k| (h + n - k) % n).collect(),
            (None, true) => (0..n).collect(),
            (None, false) => (0..n).rev().collect(),
        };
        order
            .into_iter()
            .map(|i| &feeds[i])
            .filter(|e| e.counts.is_some_and(|(u, _)| u > 0))
            .find_map(|e| {
                let ids = self.feed_articles(&e.key)?;
                let has = self.unread_at(&ids, (0..ids.len()).collect()).is_some();
                has.then(|| (e.key.clone(), ids))
            })
    }

    /// `F` shown anew with the counts of now, its selection kept.
    pub(super) fn update_feeds_view(&mut self) {
        if let Some(Overlay::Feeds { picker, keys }) = &self.overlay {
            let at = picker.selected().and_then(|i| keys.get(i)).cloned();
            self.overlay = Some(self.feeds_overlay(at.as_ref()));
        }
    }
}
