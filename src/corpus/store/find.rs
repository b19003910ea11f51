//! Search through the store. The trigram index (FTS5, over the folded text)
//! says which articles can hold a query of three characters or more; each
//! of them is then read in the compact code of `search::code` and counted
//! exactly, so that the meaning is the folded literal substring of
//! `search::Query`, wherever it is. A shorter query, which no trigram can
//! serve, searches the titles alone.
//!
//! The work is shared between threads by ranges of ids, each with its own
//! connection, and it can be stopped between batches.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::search::Query;
use crate::search::code::CodedQuery;

/// An article that matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: i64,
    /// Its name for the command line (path, or link).
    pub name: String,
    /// Lines (title, paragraphs) that match, and matches in all.
    pub lines: usize,
    pub matches: usize,
    /// Matches in the title.
    pub in_title: usize,
}

impl Hit {
    /// Best first: more matches first, a match in the title counting double.
    pub fn score(&self) -> usize {
        self.matches + self.in_title
    }
}

/// What a search covered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole text, through the index.
    Text,
    /// Titles only: the query is shorter than three characters.
    Titles,
}

/// Hits handed over this many candidates at a time.
const BATCH: usize = 2_000;

/// Titles searched first, the newest, for a first page of a short query.
const TITLES_HEAD: i64 = 20_000;

/// How a search goes.
#[derive(Clone, Copy, Debug)]
pub struct SearchOptions {
    pub threads: usize,
    /// Give each hit its name (the command line prints them; the browser
    /// does not need them).
    pub names: bool,
    /// Search this many of the newest candidates first, alone (0: none).
    pub first_page: usize,
}

/// The hit of one article's coded text, if it matches.
fn hit(
    coded: &CodedQuery,
    scope: Scope,
    names: bool,
    id: i64,
    name: &str,
    text: &[u8],
) -> Option<Hit> {
    let (lines, matches, in_title) = match scope {
        Scope::Titles => {
            let n = coded.in_first_line(text);
            (n.min(1), n, n)
        }
        Scope::Text => {
            let c = coded.count(text);
            if c.matches == 0 {
                return None;
            }
            (c.lines, c.matches, coded.in_first_line(text))
        }
    };
    (matches > 0).then(|| Hit {
        id,
        name: if names {
            name.to_string()
        } else {
            String::new()
        },
        lines,
        matches,
        in_title,
    })
}

/// The characters of a folded query, and the trigram index's query for it.
fn index_query(q: &Query) -> Option<String> {
    let chars: Vec<char> = q.folded().chars().collect();
    if chars.len() < 3 {
        return None;
    }
    let mut trigrams: Vec<String> = chars
        .windows(3)
        .map(|w| {
            let t: String = w.iter().collect();
            format!("\"{}\"", t.replace('"', "\"\""))
        })
        .collect();
    trigrams.sort();
    trigrams.dedup();
    Some(trigrams.join(" AND "))
}

impl Store {
    /// The largest article id (0 for an empty store).
    pub fn max_id(&self) -> Result<i64> {
        self.conn()
            .query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))
    }

    /// The articles the trigram index says can hold `q`, in id order, of
    /// ids below `below`; `None` when the query is too short for the index.
    pub fn candidates(&self, q: &Query, below: Option<i64>) -> Result<Option<Vec<i64>>> {
        self.candidates_limited(q, below, None)
    }

    /// [`Store::candidates`], at most `limit` of them, the newest first.
    fn candidates_limited(
        &self,
        q: &Query,
        below: Option<i64>,
        limit: Option<usize>,
    ) -> Result<Option<Vec<i64>>> {
        let Some(m) = index_query(q) else {
            return Ok(None);
        };
        let sql = match limit {
            None => {
                "SELECT rowid FROM search_index WHERE search_index MATCH ?1 AND rowid < ?2
                     ORDER BY rowid LIMIT ?3"
            }
            Some(_) => {
                "SELECT rowid FROM search_index WHERE search_index MATCH ?1 AND rowid < ?2
                        ORDER BY rowid DESC LIMIT ?3"
            }
        };
        let mut st = self.conn().prepare_cached(sql).map_err(|e| self.err(e))?;
        let limit = limit.map_or(-1, |l| l as i64);
        let mut ids = st
            .query_map(params![m, below.unwrap_or(i64::MAX), limit], |r| {
                r.get::<_, i64>(0)
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        ids.sort_unstable();
        Ok(Some(ids))
    }

    /// Search the store for `q`. `found` gets the hits a batch at a time
    /// (in no particular order) and returns false to stop; `stop` stops it
    /// from outside. What was searched.
    ///
    /// With `opts.first_page`, the newest articles are searched first, on
    /// their own, so that a first page of hits comes at once; then the
    /// rest, shared between `opts.threads` threads.
    pub fn search(
        &self,
        q: &Query,
        opts: &SearchOptions,
        stop: &AtomicBool,
        found: &(dyn Fn(Vec<Hit>) -> bool + Sync),
    ) -> Result<Scope> {
        let coded = CodedQuery::new(q);
        let max = self.max_id()?;
        // the newest first, when a first page is wanted: its lowest id
        // is where the rest begins
        let mut below = None;
        if opts.first_page > 0 {
            let head = match self.candidates_limited(q, None, Some(opts.first_page))? {
                Some(ids) => ids,
                None => ((max - TITLES_HEAD).max(1)..=max).collect(),
            };
            if let Some(&lowest) = head.first() {
                let scope = if index_query(q).is_some() {
                    Scope::Text
                } else {
                    Scope::Titles
                };
                let table = if scope == Scope::Text {
                    "search_text"
                } else {
                    "titles"
                };
                let mut hits = Vec::new();
                let mut each = |id: i64, name: &str, text: &[u8]| -> bool {
                    hits.extend(hit(&coded, scope, opts.names, id, name, text));
                    true
                };
                self.scan(table, lowest, max + 1, Some(&head), opts.names, &mut each)?;
                if stop.load(Ordering::Relaxed) || (!hits.is_empty() && !found(hits)) {
                    return Ok(scope);
                }
                below = Some(lowest);
            }
        }
        let candidates = self.candidates(q, below)?;
        let top = below.unwrap_or(max + 1);
        let (scope, ranges) = match &candidates {
            None => (Scope::Titles, split(1, top, opts.threads)),
            Some(ids) if ids.is_empty() => return Ok(Scope::Text),
            Some(ids) => (
                Scope::Text,
                split(ids[0], ids[ids.len() - 1] + 1, opts.threads),
            ),
        };
        let handle = self.handle();
        let error: Mutex<Option<StoreError>> = Mutex::new(None);
        let stop_here = AtomicBool::new(false);
        let halted = || stop.load(Ordering::Relaxed) || stop_here.load(Ordering::Relaxed);
        crate::parallel::for_each(ranges.len(), opts.threads, |i| {
            let (lo, hi) = ranges[i];
            let store = match handle.open() {
                Ok(s) => s,
                Err(e) => {
                    *error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                    return false;
                }
            };
            let mut batch: Vec<Hit> = Vec::new();
            let mut seen = 0usize;
            let mut each = |id: i64, name: &str, text: &[u8]| -> bool {
                seen += 1;
                batch.extend(hit(&coded, scope, opts.names, id, name, text));
                if seen.is_multiple_of(BATCH) {
                    if halted() {
                        return false;
                    }
                    if !batch.is_empty() && !found(std::mem::take(&mut batch)) {
                        stop_here.store(true, Ordering::Relaxed);
                        return false;
                    }
                }
                true
            };
            let result = match (&candidates, scope) {
                (_, Scope::Titles) => store.scan("titles", lo, hi, None, opts.names, &mut each),
                (Some(ids), Scope::Text) => {
                    let from = ids.partition_point(|&x| x < lo);
                    let to = ids.partition_point(|&x| x < hi);
                    store.scan(
                        "search_text",
                        lo,
                        hi,
                        Some(&ids[from..to]),
                        opts.names,
                        &mut each,
                    )
                }
                (None, Scope::Text) => Ok(()),
            };
            if let Err(e) = result {
                *error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                return false;
            }
            if !batch.is_empty() && !halted() && !found(batch) {
                stop_here.store(true, Ordering::Relaxed);
            }
            true
        });
        match error.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(e) => Err(e),
            None => Ok(scope),
        }
    }

    /// Call `each(id, name, coded)` for the rows of `table` with ids in
    /// `lo..hi` (only those of `only`, sorted, when given) until it says
    /// stop. Dense candidates are read in one pass over the range, sparse
    /// ones one by one.
    fn scan(
        &self,
        table: &str,
        lo: i64,
        hi: i64,
        only: Option<&[i64]>,
        names: bool,
        each: &mut dyn FnMut(i64, &str, &[u8]) -> bool,
    ) -> Result<()> {
        let name = if names { "name" } else { "''" };
        let sparse = only.is_some_and(|ids| (ids.len() as i64) * 8 < hi - lo);
        if let (Some(ids), true) = (only, sparse) {
            let mut st = self
                .conn()
                .prepare_cached(&format!("SELECT {name}, coded FROM {table} WHERE id = ?1"))
                .map_err(|e| self.err(e))?;
            for &id in ids {
                let mut rows = st.query([id]).map_err(|e| self.err(e))?;
                if let Some(r) = rows.next().map_err(|e| self.err(e))? {
                    let n = r
                        .get_ref(0)
                        .map_err(|e| self.err(e))?
                        .as_str()
                        .unwrap_or("");
                    let text = r
                        .get_ref(1)
                        .map_err(|e| self.err(e))?
                        .as_blob()
                        .unwrap_or(&[]);
                    if !each(id, n, text) {
                        return Ok(());
                    }
                }
            }
            return Ok(());
        }
        let mut st = self
            .conn()
            .prepare_cached(&format!(
                "SELECT id, {name}, coded FROM {table} WHERE id >= ?1 AND id < ?2 ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = st.query(params![lo, hi]).map_err(|e| self.err(e))?;
        let mut want = only.map(|ids| ids.iter().copied().peekable());
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let id: i64 = r.get(0).map_err(|e| self.err(e))?;
            if let Some(w) = &mut want {
                while w.next_if(|&x| x < id).is_some() {}
                if w.peek() != Some(&id) {
                    continue;
                }
            }
            let n = r
                .get_ref(1)
                .map_err(|e| self.err(e))?
                .as_str()
                .unwrap_or("");
            let text = r
                .get_ref(2)
                .map_err(|e| self.err(e))?
                .as_blob()
                .unwrap_or(&[]);
            if !each(id, n, text) {
                return Ok(());
            }
        }
        Ok(())
    }
}

/// `lo..hi` cut into `parts` ranges of about the same size.
fn split(lo: i64, hi: i64, parts: usize) -> Vec<(i64, i64)> {
    let parts = parts.max(1) as i64;
    let size = ((hi - lo) / parts).max(1);
    let mut out = Vec::new();
    let mut at = lo;
    while at < hi {
        let end = if out.len() as i64 == parts - 1 {
            hi
        } else {
            (at + size).min(hi)
        };
        out.push((at, end));
        at = end;
    }
    out
}
