//! Search through the store. The trigram index (FTS5, over the folded text)
//! says which articles can hold a query of three characters or more; each
//! of them is then read in the compact code of `search::code` and counted
//! exactly, so that the meaning is the folded literal substring of
//! `search::Query`, wherever it is. A shorter query, which no trigram can
//! serve, searches the titles alone. The coded text is mapped from the
//! codes file (`codes`) and counted where it lies.
//!
//! The work is shared between threads by ranges of ids, each with its own
//! connection, and it can be stopped between batches.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::search::Query;
use crate::search::code::{CodedQuery, Counts};

/// An article that matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: i64,
    /// Its name for the command line (path, or link); empty when not asked for.
    pub name: Box<str>,
    /// Lines (title, paragraphs) that match, and matches in all.
    pub lines: u32,
    pub matches: u32,
    /// Matches in the title.
    pub in_title: u32,
}

impl Hit {
    /// Best first: more matches first, a match in the title counting double.
    pub fn score(&self) -> u32 {
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

/// How much of the codes file a search maps at a time: many segments (a
/// mapping costs more than reading a megabyte), and not the whole file (a
/// browser's memory would hold every page of it it read).
const WINDOW: u64 = 8 << 20;

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

/// What the trigram index can say of a query.
enum IndexQuery {
    /// Under three characters: no trigram (titles only).
    Short,
    /// Spelled in ways of which one has under three characters: the index
    /// cannot tell, every article is read.
    Any,
    /// Its FTS5 query.
    Match(String),
}

/// The trigram index's query for `q`: every trigram of the folded query,
/// each a token. A query spelled more than one way (ل + ال, see
/// `search::matcher`) is one spelling's trigrams or another's: an article
/// with للأمن holds no trigram of الامن's first letters, and must still be
/// a candidate (with more than 16 spellings, the trigrams of its fixed
/// parts alone).
fn index_query(q: &Query) -> IndexQuery {
    if q.folded().chars().count() < 3 {
        return IndexQuery::Short;
    }
    let quoted = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let all_of = |text: &str| -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut trigrams: Vec<String> = chars
            .windows(3)
            .map(|w| quoted(&w.iter().collect::<String>()))
            .collect();
        trigrams.sort();
        trigrams.dedup();
        (!trigrams.is_empty()).then(|| trigrams.join(" AND "))
    };
    match q.spellings(16) {
        Some(spellings) if spellings.len() == 1 => {
            all_of(&spellings[0]).map_or(IndexQuery::Any, IndexQuery::Match)
        }
        Some(spellings) => {
            let mut each = Vec::new();
            for s in &spellings {
                match all_of(s) {
                    Some(m) => each.push(format!("({m})")),
                    None => return IndexQuery::Any,
                }
            }
            IndexQuery::Match(each.join(" OR "))
        }
        None => {
            let fixed: Vec<String> = q
                .parts()
                .iter()
                .filter_map(|p| match p {
                    crate::search::matcher::Spelled::Fixed(s) => all_of(s),
                    _ => None,
                })
                .collect();
            if fixed.is_empty() {
                IndexQuery::Any
            } else {
                IndexQuery::Match(fixed.join(" AND "))
            }
        }
    }
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
        let m = match index_query(q) {
            IndexQuery::Short => return Ok(None),
            IndexQuery::Any => {
                // every article of the range, in id order
                let mut ids: Vec<i64> = self
                    .conn()
                    .prepare_cached(
                        "SELECT id FROM articles WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
                    )
                    .and_then(|mut st| {
                        st.query_map(
                            params![below.unwrap_or(i64::MAX), limit.map_or(-1, |l| l as i64)],
                            |r| r.get(0),
                        )?
                        .collect::<rusqlite::Result<Vec<i64>>>()
                    })
                    .map_err(|e| self.err(e))?;
                ids.sort_unstable();
                return Ok(Some(ids));
            }
            IndexQuery::Match(m) => m,
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

    /// Is `q` in so many articles that the index would name most of them?
    /// (Then scanning every segment is cheaper than asking it: the index
    /// reads the whole lists of articles of the query's trigrams.) Told
    /// from the newest thousand articles, counted in their text.
    fn dense(&self, coded: &CodedQuery, max: i64) -> Result<bool> {
        const SAMPLE: i64 = 1000;
        if max < SAMPLE {
            return Ok(false);
        }
        let lo = max - SAMPLE + 1;
        let list = self.segment_list(lo, max + 1)?;
        let found = std::sync::atomic::AtomicI64::new(0);
        let count = |h: Vec<Hit>| {
            found.fetch_add(h.len() as i64, Ordering::Relaxed);
            true
        };
        let stop = AtomicBool::new(false);
        self.scan_segments(&list, coded, lo, max + 1, None, false, &stop, &count)?;
        Ok(found.into_inner() * 4 > SAMPLE)
    }

    /// Search the store for `q`. `found` gets the hits a batch at a time
    /// (in no particular order) and returns false to stop; `stop` stops it
    /// from outside. What was searched.
    ///
    /// With `opts.first_page`, the newest articles are searched first, on
    /// their own, so that a first page of hits comes at once; then the
    /// rest, shared between `opts.threads` threads by segments.
    pub fn search(
        &self,
        q: &Query,
        opts: &SearchOptions,
        stop: &AtomicBool,
        found: &(dyn Fn(Vec<Hit>) -> bool + Sync),
    ) -> Result<Scope> {
        let coded = CodedQuery::new(q);
        let max = self.max_id()?;
        if matches!(index_query(q), IndexQuery::Short) {
            self.search_titles(&coded, max, opts, stop, found)?;
            return Ok(Scope::Titles);
        }
        // the newest candidates first, when a first page is wanted: the
        // lowest of them is where the rest begins
        let mut below = max + 1;
        if opts.first_page > 0 {
            let head = self
                .candidates_limited(q, None, Some(opts.first_page))?
                .unwrap_or_default();
            if let Some(&lowest) = head.first() {
                let hits = Mutex::new(Vec::new());
                let keep = |h: Vec<Hit>| {
                    hits.lock().unwrap_or_else(|e| e.into_inner()).extend(h);
                    true
                };
                let list = self.segment_list(lowest, max + 1)?;
                self.scan_segments(
                    &list,
                    &coded,
                    lowest,
                    max + 1,
                    Some(&head),
                    opts.names,
                    stop,
                    &keep,
                )?;
                let hits = hits.into_inner().unwrap_or_else(|e| e.into_inner());
                if stop.load(Ordering::Relaxed) || (!hits.is_empty() && !found(hits)) {
                    return Ok(Scope::Text);
                }
                below = lowest;
            }
        }
        let candidates = if self.dense(&coded, max)? {
            None
        } else {
            match self.candidates(q, Some(below))? {
                Some(ids) if ids.is_empty() => return Ok(Scope::Text),
                other => other,
            }
        };
        let lo = candidates
            .as_ref()
            .and_then(|c| c.first().copied())
            .unwrap_or(1);
        let list = self.segment_list(lo, below)?;
        // a share of the segments for each thread, in order
        let share = list.len().div_ceil(opts.threads.max(1)).max(1);
        let shares: Vec<&[(i64, i64)]> = list.chunks(share).collect();
        let handle = self.handle();
        let error: Mutex<Option<StoreError>> = Mutex::new(None);
        crate::parallel::for_each(shares.len(), opts.threads, |i| {
            let result = handle.open().and_then(|store| {
                store.small_page_cache()?;
                store.scan_segments(
                    shares[i],
                    &coded,
                    lo,
                    below,
                    candidates.as_deref(),
                    opts.names,
                    stop,
                    found,
                )
            });
            match result {
                Ok(go_on) => go_on,
                Err(e) => {
                    *error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                    false
                }
            }
        });
        match error.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(e) => Err(e),
            None => Ok(Scope::Text),
        }
    }

    /// [`Store::search`], the whole text even for a query too short for
    /// the index (every article's text read: slower, for rules).
    pub(crate) fn search_every_text(
        &self,
        q: &Query,
        opts: &SearchOptions,
        stop: &AtomicBool,
        found: &(dyn Fn(Vec<Hit>) -> bool + Sync),
    ) -> Result<()> {
        if matches!(index_query(q), IndexQuery::Short) {
            let coded = CodedQuery::new(q);
            let max = self.max_id()?;
            let list = self.segment_list(1, max + 1)?;
            self.scan_segments(&list, &coded, 1, max + 1, None, opts.names, stop, found)?;
            return Ok(());
        }
        self.search(q, opts, stop, found).map(|_| ())
    }

    /// A connection that reads each segment's row once needs no more than
    /// a few pages of cache: its memory then comes back page after page,
    /// instead of fresh memory (cleared by the system) for every row.
    fn small_page_cache(&self) -> Result<()> {
        self.conn()
            .execute_batch("PRAGMA cache_size = 8")
            .map_err(|e| self.err(e))
    }

    /// The segments holding any article of `lo..hi`: (first, last) of each.
    fn segment_list(&self, lo: i64, hi: i64) -> Result<Vec<(i64, i64)>> {
        self.conn()
            .prepare_cached(
                "SELECT first, last FROM segments INDEXED BY segments_span
                 WHERE last >= ?1 AND first < ?2 ORDER BY first",
            )
            .and_then(|mut st| {
                st.query_map(params![lo, hi], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(|e| self.err(e))
    }

    /// Count `coded` in the articles of `lo..hi` (only those of `only`,
    /// sorted, when given) of the segments `list`, handing their hits to
    /// `found` a segment at a time. False when the search was stopped.
    #[allow(clippy::too_many_arguments)]
    fn scan_segments(
        &self,
        list: &[(i64, i64)],
        coded: &CodedQuery,
        lo: i64,
        hi: i64,
        only: Option<&[i64]>,
        names: bool,
        stop: &AtomicBool,
        found: &(dyn Fn(Vec<Hit>) -> bool + Sync),
    ) -> Result<bool> {
        let mut st = self
            .conn()
            .prepare_cached(if names {
                "SELECT ids, ends, names, at, len FROM segments WHERE first = ?1"
            } else {
                "SELECT ids, ends, '', at, len FROM segments WHERE first = ?1"
            })
            .map_err(|e| self.err(e))?;
        let mut batch: Vec<Hit> = Vec::with_capacity(BATCH + 512);
        // the coded text of a segment: mapped from the codes file, or (a
        // store in memory) read from its row into one buffer used again
        // and again
        let mut buffer: Vec<u8> = Vec::new();
        let mut view: Option<super::codes::View> = None;
        let mut codes = None;
        for &(first, last) in list {
            if stop.load(Ordering::Relaxed) {
                return Ok(false);
            }
            // the candidates in this segment
            let wanted = only.map(|ids| {
                let a = ids.partition_point(|&x| x < first.max(lo));
                let b = ids.partition_point(|&x| x <= last.min(hi - 1));
                &ids[a..b]
            });
            if wanted.is_some_and(|w| w.is_empty()) {
                continue;
            }
            let mut rows = st.query([first]).map_err(|e| self.err(e))?;
            let Some(r) = rows.next().map_err(|e| self.err(e))? else {
                continue;
            };
            let get = |i| r.get_ref(i).map_err(|e| self.err(e));
            let ids = super::write::ids_from_bytes(get(0)?.as_blob().unwrap_or(&[]));
            let ends: Vec<usize> = get(1)?
                .as_blob()
                .unwrap_or(&[])
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                .collect();
            let names_text = get(2)?.as_str().unwrap_or("");
            let at = get(3)?.as_i64_or_null().map_err(|e| self.err(e.into()))?;
            let len = get(4)?.as_i64_or_null().map_err(|e| self.err(e.into()))?;
            let text: &[u8] = match (at, len) {
                (Some(at), Some(len)) => {
                    let (file, file_len) = self.codes_in(&mut codes)?;
                    let (at, len) = (at as u64, len as usize);
                    if at + len as u64 > *file_len {
                        // written since the file was opened (this thread's
                        // snapshot is newer than the search's)
                        *file_len = file.metadata().map_err(|e| self.codes_error(e))?.len();
                    }
                    if view.as_ref().and_then(|v| v.get(at, len)).is_none() {
                        // the window before unmapped before the next is mapped
                        drop(view.take());
                        view = Some(
                            super::codes::View::new(file, *file_len, at, len, WINDOW)
                                .map_err(|e| self.codes_error(e))?,
                        );
                    }
                    view.as_ref()
                        .and_then(|v| v.get(at, len))
                        .unwrap_or_default()
                }
                _ => {
                    let blob = self
                        .conn()
                        .blob_open(rusqlite::MAIN_DB, "segments", "coded", first, true)
                        .map_err(|e| self.err(e))?;
                    buffer.resize(blob.len(), 0);
                    blob.read_at_exact(&mut buffer, 0)
                        .map_err(|e| self.err(e))?;
                    &buffer
                }
            };
            let name_of: Vec<&str> = if names {
                names_text.split('\n').collect()
            } else {
                Vec::new()
            };
            let n = ids.len().min(ends.len());
            let start = |k: usize| if k == 0 { 0 } else { ends[k - 1] };
            let in_range = |id: i64| id >= lo && id < hi;
            let mut emit = |k: usize, c: Counts| {
                let slice = &text[start(k)..ends[k].min(text.len())];
                batch.push(Hit {
                    id: ids[k],
                    name: name_of.get(k).map_or_else(Box::default, |s| (*s).into()),
                    lines: c.lines as u32,
                    matches: c.matches as u32,
                    in_title: coded.in_first_line(slice) as u32,
                });
            };
            match wanted {
                // a few candidates: each article alone
                Some(w) if w.len() * 4 < n => {
                    for id in w {
                        if let Ok(k) = ids[..n].binary_search(id) {
                            let slice = &text[start(k)..ends[k].min(text.len())];
                            let c = coded.count(slice);
                            if c.matches > 0 {
                                emit(k, c);
                            }
                        }
                    }
                }
                // most of them: the whole segment in one pass
                _ => {
                    let mut per = vec![Counts::default(); n];
                    coded.count_in_parts(text, &ends[..n], &mut per);
                    for (k, c) in per.into_iter().enumerate() {
                        let keep = c.matches > 0
                            && in_range(ids[k])
                            && wanted.is_none_or(|w| w.binary_search(&ids[k]).is_ok());
                        if keep {
                            emit(k, c);
                        }
                    }
                }
            }
            if batch.len() >= BATCH
                && !found(std::mem::replace(
                    &mut batch,
                    Vec::with_capacity(BATCH + 512),
                ))
            {
                return Ok(false);
            }
        }
        if !batch.is_empty() && !stop.load(Ordering::Relaxed) && !found(batch) {
            return Ok(false);
        }
        Ok(true)
    }

    /// A query too short for the index: the titles, the newest first.
    fn search_titles(
        &self,
        coded: &CodedQuery,
        max: i64,
        opts: &SearchOptions,
        stop: &AtomicBool,
        found: &(dyn Fn(Vec<Hit>) -> bool + Sync),
    ) -> Result<()> {
        let head = (max - TITLES_HEAD).max(1);
        let mut ranges = vec![(head, max + 1)];
        if opts.first_page == 0 {
            ranges = split(1, max + 1, opts.threads);
        } else if head > 1 {
            ranges.extend(split(1, head, opts.threads));
        }
        // the head alone first, then the rest on every thread
        let (first, rest) = ranges.split_at(if opts.first_page > 0 { 1 } else { 0 });
        for &(lo, hi) in first {
            if !self.scan_titles(coded, lo, hi, opts.names, stop, found)? {
                return Ok(());
            }
        }
        let handle = self.handle();
        let error: Mutex<Option<StoreError>> = Mutex::new(None);
        crate::parallel::for_each(rest.len(), opts.threads, |i| {
            let (lo, hi) = rest[i];
            match handle
                .open()
                .and_then(|s| s.scan_titles(coded, lo, hi, opts.names, stop, found))
            {
                Ok(go_on) => go_on,
                Err(e) => {
                    *error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                    false
                }
            }
        });
        match error.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Titles of `lo..hi` holding `coded`; false when stopped.
    fn scan_titles(
        &self,
        coded: &CodedQuery,
        lo: i64,
        hi: i64,
        names: bool,
        stop: &AtomicBool,
        found: &(dyn Fn(Vec<Hit>) -> bool + Sync),
    ) -> Result<bool> {
        let mut st = self
            .conn()
            .prepare_cached(if names {
                "SELECT id, name, coded FROM titles WHERE id >= ?1 AND id < ?2 ORDER BY id DESC"
            } else {
                "SELECT id, '', coded FROM titles WHERE id >= ?1 AND id < ?2 ORDER BY id DESC"
            })
            .map_err(|e| self.err(e))?;
        let mut rows = st.query(params![lo, hi]).map_err(|e| self.err(e))?;
        let mut batch = Vec::new();
        let mut seen = 0usize;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            seen += 1;
            let text = r
                .get_ref(2)
                .map_err(|e| self.err(e))?
                .as_blob()
                .unwrap_or(&[]);
            let n = coded.in_first_line(text);
            if n > 0 {
                batch.push(Hit {
                    id: r.get(0).map_err(|e| self.err(e))?,
                    name: if names {
                        r.get::<_, String>(1).map_err(|e| self.err(e))?.into()
                    } else {
                        Box::default()
                    },
                    lines: 1,
                    matches: n as u32,
                    in_title: n as u32,
                });
            }
            if seen.is_multiple_of(BATCH) {
                if stop.load(Ordering::Relaxed) {
                    return Ok(false);
                }
                if !batch.is_empty() && !found(std::mem::take(&mut batch)) {
                    return Ok(false);
                }
            }
        }
        if !batch.is_empty() && !stop.load(Ordering::Relaxed) && !found(batch) {
            return Ok(false);
        }
        Ok(true)
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
