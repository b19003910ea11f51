//! The articles the browser shows, one record each (the article, its facts
//! when known, read and fresh marks), and the folded index corpus search
//! runs on.

use std::sync::Arc;

use crate::corpus::Article;
use crate::facts::Facts;
use crate::search::{CorpusHit, CorpusIndex, Query};
use crate::text::normalize::fold;

use super::facts_panel::FactRows;

/// What the facts panel has to show for an article.
#[derive(Clone, Debug)]
pub enum FactsStatus {
    /// Being computed in the background.
    Pending,
    Ready(Arc<FactRows>),
}

/// One article and what the browser knows of it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub article: Article,
    pub facts: FactsStatus,
    /// Read (unread titles are bold).
    pub read: bool,
    /// Brought by a refresh during this session (marked ●).
    pub fresh: bool,
}

/// Every article of the session, in the order they came.
#[derive(Default)]
pub struct Library {
    entries: Vec<Entry>,
    index: CorpusIndex,
}

impl Library {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i)
    }

    pub fn article(&self, i: usize) -> Option<&Article> {
        self.entries.get(i).map(|e| &e.article)
    }

    /// Room for `n` more articles.
    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
        self.index.reserve(n);
    }

    /// Add an article; its index.
    pub fn push(&mut self, article: Article, read: bool, fresh: bool) -> usize {
        self.index.push(&article.text, article.title_range.clone());
        self.entries.push(Entry {
            article,
            facts: FactsStatus::Pending,
            read,
            fresh,
        });
        self.entries.len() - 1
    }

    /// Record the facts of article `i`.
    pub fn set_facts(&mut self, i: usize, facts: &Facts) {
        let Some(e) = self.entries.get_mut(i) else {
            return;
        };
        e.facts = FactsStatus::Ready(Arc::new(FactRows::from_facts(facts)));
        let names: Vec<String> = facts
            .actors
            .iter()
            .flat_map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()))
            .collect();
        self.index.set_actors(i, &names);
    }

    /// Mark article `i` read or unread; its key when that changed something
    /// (to be stored).
    pub fn set_read(&mut self, i: usize, read: bool) -> Option<String> {
        let e = self.entries.get_mut(i)?;
        (e.read != read).then(|| {
            e.read = read;
            e.article.key()
        })
    }

    /// Mark read the articles whose key is in `keys`.
    pub fn apply_read_keys(&mut self, keys: &std::collections::HashSet<String>) {
        for e in &mut self.entries {
            e.read = keys.contains(&e.article.key());
        }
    }

    pub fn unread_count(&self) -> usize {
        self.entries.iter().filter(|e| !e.read).count()
    }

    /// The articles that match `query`, best first.
    pub fn search(&self, query: &Query) -> Vec<CorpusHit> {
        self.index.search(query)
    }

    /// The articles that name an actor by any of `names`: by their facts
    /// when known, else by their text.
    pub fn mentioning(&self, names: &[String]) -> Vec<usize> {
        let folded: Vec<String> = names
            .iter()
            .map(|n| fold(n))
            .filter(|n| !n.is_empty())
            .collect();
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| match &e.facts {
                FactsStatus::Ready(f) => f.names.iter().any(|n| folded.contains(n)),
                FactsStatus::Pending => {
                    let text = fold(&e.article.text);
                    folded.iter().any(|n| text.contains(n.as_str()))
                }
            })
            .map(|(i, _)| i)
            .collect()
    }
}
