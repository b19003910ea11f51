//! Feed items' whole text: for each item whose page was fetched, whether it
//! worked, why not, and how often it was tried (the `full_text` table); a
//! feed's items saved with it, and an item stored with its summary replaced
//! by its whole article when a later refresh fetches it.

use std::collections::HashMap;

use rusqlite::params;

use super::write::{Prepared, Stored};
use super::{Result, Store, now};
use crate::corpus::Article;

/// What became of an item's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum FullTextState {
    /// The feed's own text was the whole article: no page fetched.
    Whole,
    /// The page was fetched and its article stored as the item's text.
    Fetched,
    /// The page could not be had (or was refused): the summary is kept.
    Failed,
}

impl FullTextState {
    /// Its code in the store: explicit, never to change.
    pub fn code(self) -> i64 {
        match self {
            FullTextState::Whole => 0,
            FullTextState::Fetched => 1,
            FullTextState::Failed => 2,
        }
    }

    pub fn from_code(c: i64) -> Option<FullTextState> {
        [
            FullTextState::Whole,
            FullTextState::Fetched,
            FullTextState::Failed,
        ]
        .into_iter()
        .find(|s| s.code() == c)
    }
}

/// What the store knows of a stored item's whole text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    pub id: i64,
    /// `None`: stored without a try (before whole texts, or with
    /// `full_text = "never"`).
    pub state: Option<FullTextState>,
    pub tries: u32,
}

/// An item of a fetch, ready to be saved.
#[derive(Clone, Debug)]
pub struct Item {
    pub prepared: Prepared,
    /// What its page gave, when it was fetched (or its text was whole).
    pub full_text: Option<(FullTextState, Option<String>)>,
    /// The stored article (its summary) this one replaces.
    pub replaces: Option<i64>,
}

/// What one save of a feed's items did.
#[derive(Debug, Default)]
pub struct Saved {
    /// Articles not stored before, with their ids.
    pub fresh: Vec<(i64, Article)>,
    /// Articles whose summary gave way to their whole text.
    pub completed: Vec<(i64, Article)>,
}

impl Store {
    /// What is stored of the articles with these links.
    pub fn known_links(&self, links: &[&str]) -> Result<HashMap<String, Known>> {
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT a.id, f.state, coalesce(f.tries, 0) FROM articles a
                 LEFT JOIN full_text f ON f.id = a.id WHERE a.link = ?1",
            )
            .map_err(|e| self.err(e))?;
        let mut out = HashMap::new();
        for &l in links {
            let row = st.query_row([l], |r| {
                Ok(Known {
                    id: r.get(0)?,
                    state: r
                        .get::<_, Option<i64>>(1)?
                        .and_then(FullTextState::from_code),
                    tries: r.get::<_, i64>(2)?.max(0) as u32,
                })
            });
            match row {
                Ok(k) => {
                    out.insert(l.to_string(), k);
                }
                Err(rusqlite::Error::QueryReturnedNoRows) => {}
                Err(e) => return Err(self.err(e)),
            }
        }
        Ok(out)
    }

    /// Note what became of article `id`'s page (a failure counts a try).
    pub fn record_full_text(
        &self,
        id: i64,
        state: FullTextState,
        error: Option<&str>,
    ) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO full_text (id, state, tries, error, at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET state = ?2, tries = tries + ?3, error = ?4, at = ?5",
            )
            .and_then(|mut st| {
                st.execute(params![
                    id,
                    state.code(),
                    (state == FullTextState::Failed) as i64,
                    error,
                    now()
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Keep what one fetch of `feed` gave, in one transaction: new items
    /// stored, stored summaries replaced by their whole text (their read
    /// mark kept), and what each item's page gave.
    pub fn save_feed(&mut self, feed: &str, items: Vec<Item>) -> Result<Saved> {
        let title = items.iter().find_map(|i| i.prepared.article.source.clone());
        self.transaction(|s| {
            s.feed_fetched(feed, title)?;
            let mut saved = Saved::default();
            for item in items {
                let stored = match item.replaces {
                    Some(old)
                        if item
                            .full_text
                            .as_ref()
                            .is_some_and(|(st, _)| *st == FullTextState::Fetched) =>
                    {
                        let id = s.replace_in_transaction(old, feed, &item.prepared)?;
                        saved.completed.push((id, item.prepared.article.clone()));
                        Stored::New(id)
                    }
                    _ => {
                        let stored = s.insert_in_transaction(feed, &item.prepared)?;
                        if let Stored::New(id) = stored {
                            saved.fresh.push((id, item.prepared.article.clone()));
                        }
                        stored
                    }
                };
                if let Some((state, error)) = &item.full_text {
                    s.record_full_text(stored.id(), *state, error.as_deref())?;
                }
            }
            Ok(saved)
        })
    }

    /// Put `p` in the place of article `old` (in the caller's
    /// transaction): the old one removed with its text, facts and index,
    /// the new one stored, read if the old one was. Its new id.
    fn replace_in_transaction(&mut self, old: i64, origin: &str, p: &Prepared) -> Result<i64> {
        let read: bool = self
            .conn()
            .query_row("SELECT read FROM articles WHERE id = ?1", [old], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))?;
        self.remove_articles(&[old])?;
        let id = self.insert_in_transaction(origin, p)?.id();
        if read {
            self.set_read(id, true)?;
        }
        Ok(id)
    }

    /// How many of feed `url`'s articles have their whole text, how many
    /// pages failed, and the last failure's reason.
    pub fn full_text_counts(&self, url: &str) -> Result<(usize, usize, Option<String>)> {
        self.conn()
            .prepare_cached(
                "SELECT coalesce(sum(f.state IN (0, 1)), 0), coalesce(sum(f.state = 2), 0),
                        (SELECT f2.error FROM full_text f2 JOIN articles a2 ON a2.id = f2.id
                         WHERE a2.origin = ?1 AND f2.state = 2 ORDER BY f2.at DESC LIMIT 1)
                 FROM articles a JOIN full_text f ON f.id = a.id WHERE a.origin = ?1",
            )
            .and_then(|mut st| {
                st.query_row([url], |r| {
                    Ok((
                        r.get::<_, i64>(0)? as usize,
                        r.get::<_, i64>(1)? as usize,
                        r.get(2)?,
                    ))
                })
            })
            .map_err(|e| self.err(e))
    }
}
