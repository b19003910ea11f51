//! Writing articles: each is prepared on any thread ([`Prepared::new`]:
//! its facts extracted, its text folded and coded, its hash), then
//! inserted by the one writer with its facts, its search rows and its
//! index entries, in the caller's transaction.

use rusqlite::{Connection, params};

use super::{Result, Store, now};
use crate::corpus::Article;
use crate::facts::{self, Facts};
use crate::search::code;
use crate::text::normalize::fold;

/// Append the search text of an article's `text`: folded, in the compact
/// code (what a segment holds of it).
pub(crate) fn code_text(text: &str, out: &mut Vec<u8>) {
    code::encode_folded(&fold(text), out);
}

/// An article ready to be stored: the work that needs no database done.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub article: Article,
    /// xxh3-128 of the title and text.
    pub hash: [u8; 16],
    pub facts: Facts,
    /// The folded text's distinct trigrams (what the search index reads:
    /// see `trigrams`).
    pub trigrams: String,
    /// The folded text, and the title alone, in the compact search code.
    pub coded: Vec<u8>,
    pub title_coded: Vec<u8>,
    /// Seconds since the epoch: published, else `fallback_date`.
    pub date: i64,
}

impl Prepared {
    /// Prepare `article`; `fallback_date` dates it when its source did not
    /// (a file's modification time, the time of a fetch).
    pub fn new(article: Article, fallback_date: i64) -> Prepared {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(article.title.as_bytes());
        h.update(&[0]);
        h.update(article.text.as_bytes());
        let hash = h.digest128().to_be_bytes();
        let facts = facts::extract(&article.text);
        let folded = fold(&article.text);
        let mut coded = Vec::with_capacity(folded.len() / 2 + 16);
        code::encode_folded(&folded, &mut coded);
        let title_coded = code::encode(&article.title);
        let date = article.published.unwrap_or(fallback_date);
        Prepared {
            article,
            hash,
            facts,
            trigrams: super::trigrams::distinct(&folded),
            coded,
            title_coded,
            date,
        }
    }
}

/// Prepare the articles of one fetch or one file, in the order its feed
/// lists them; `fallback_date` dates them when their source did not (the
/// time of the fetch, a file's modification time). An item without a date
/// sorts by the feed's order after the dated items of the fetch (the
/// oldest of them, a second apart), never as the newest article; with no
/// dated item, from `fallback_date` down. Its row keeps no date of its
/// own to show (`date_text` is none).
pub fn prepare_batch(articles: Vec<Article>, fallback_date: i64) -> Vec<Prepared> {
    let dates = batch_dates(&articles, fallback_date);
    articles
        .into_iter()
        .zip(dates)
        .map(|(a, date)| Prepared::new(a, date))
        .collect()
}

/// The date [`prepare_batch`] gives each of `articles` that says none
/// (the others keep their own; `fallback_date` for them is unused).
pub fn batch_dates(articles: &[Article], fallback_date: i64) -> Vec<i64> {
    let oldest = articles.iter().filter_map(|a| a.published).min();
    let base = oldest.unwrap_or(fallback_date).min(fallback_date);
    let mut undated = 0;
    articles
        .iter()
        .map(|a| {
            if a.published.is_some() || articles_dated_by_file(a) {
                fallback_date
            } else {
                undated += 1;
                base - undated
            }
        })
        .collect()
}

/// A file's article (not a feed's item) is dated by the file when it
/// says no date: that is its date, shown.
fn articles_dated_by_file(a: &Article) -> bool {
    !a.path.contains('#')
}

/// What became of an article given to the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// New: its id.
    New(i64),
    /// The same link or the same content was stored before: that id.
    Known(i64),
}

impl Stored {
    pub fn id(self) -> i64 {
        match self {
            Stored::New(i) | Stored::Known(i) => i,
        }
    }
}

/// The search text of the articles inserted in the open transaction: their
/// coded texts one after the other, where each ends, and their names.
#[derive(Clone, Debug, Default)]
pub struct Segment {
    pub ids: Vec<i64>,
    pub ends: Vec<u32>,
    /// One name per line.
    pub names: String,
    pub coded: Vec<u8>,
}

/// The coded text a segment holds at most (unless one article alone is
/// longer): long runs for a search to scan, and not too much to read for
/// one article.
pub const SEGMENT_BYTES: usize = 2 << 20;

impl Segment {
    fn push(&mut self, id: i64, name: &str, coded: &[u8]) {
        self.ids.push(id);
        self.coded.extend_from_slice(coded);
        self.ends.push(self.coded.len() as u32);
        self.names.push_str(&name.replace('\n', " "));
        self.names.push('\n');
    }
}

/// Ranges as varints: start, then length, for each.
pub(crate) fn ranges_to_bytes(ranges: &[std::ops::Range<usize>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ranges.len() * 3);
    for r in ranges {
        put_varint(&mut out, r.start as u64);
        put_varint(&mut out, (r.end - r.start) as u64);
    }
    out
}

/// The ranges written by [`ranges_to_bytes`].
pub(crate) fn ranges_from_bytes(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let (Some(start), Some(len)) = (get_varint(bytes, &mut at), get_varint(bytes, &mut at)) {
        out.push(start as usize..(start + len) as usize);
    }
    out
}

/// Each paragraph's kind, a byte each (its code).
pub(crate) fn kinds_to_bytes(kinds: &[crate::text::BlockKind]) -> Vec<u8> {
    kinds.iter().map(|k| k.code()).collect()
}

/// The kinds [`kinds_to_bytes`] wrote; `None` when a byte is no kind's code.
pub(crate) fn kinds_from_bytes(bytes: &[u8]) -> Option<Vec<crate::text::BlockKind>> {
    bytes
        .iter()
        .map(|&b| crate::text::BlockKind::from_code(b))
        .collect()
}

/// The extra facts as JSON, or NULL when there are none.
pub(crate) fn extra_to_json(extra: &crate::corpus::article::Extra) -> Option<String> {
    (!extra.is_empty()).then(|| serde_json::to_string(extra).unwrap_or_default())
}

/// Ids as varint deltas (a file's articles).
pub(crate) fn ids_to_bytes(ids: &[i64]) -> Vec<u8> {
    let mut out = Vec::new();
    for &id in ids {
        put_varint(&mut out, id as u64);
    }
    out
}

pub(crate) fn ids_from_bytes(bytes: &[u8]) -> Vec<i64> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(v) = get_varint(bytes, &mut at) {
        out.push(v as i64);
    }
    out
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= ((b & 0x7F) as u64) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// What names an article for `khabar search`: its file's path, else its
/// link, else the page or feed it came from.
pub(crate) fn name_of<'a>(origin: &'a str, a: &'a Article) -> &'a str {
    if a.path.contains('#') || a.path.is_empty() {
        a.url.as_deref().filter(|u| !u.is_empty()).unwrap_or(origin)
    } else {
        &a.path
    }
}

/// The separator of lists kept in one text column (aliases, parties).
pub(crate) const LIST_SEP: char = '\u{1f}';

/// Names (folded) whose ids the writer keeps at most.
const NAME_CACHE: usize = 200_000;

/// At most this many staged names' rows are sorted in memory at a time
/// (24 MB).
const MERGE_ROWS: usize = 1_000_000;

/// Rows of `name_articles`, sorted, put in: many rows a statement.
fn insert_name_rows(conn: &Connection, rows: &[[i64; 3]]) -> rusqlite::Result<()> {
    const PER: usize = 256;
    let sql = |n: usize| {
        let values = vec!["(?,?,?)"; n].join(",");
        format!("INSERT OR IGNORE INTO name_articles (name, date, article) VALUES {values}")
    };
    let mut full = conn.prepare_cached(&sql(PER))?;
    let mut chunks = rows.chunks_exact(PER);
    for chunk in &mut chunks {
        full.execute(rusqlite::params_from_iter(chunk.iter().flatten()))?;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        conn.prepare(&sql(rest.len()))?
            .execute(rusqlite::params_from_iter(rest.iter().flatten()))?;
    }
    Ok(())
}

impl Store {
    /// Open a transaction (the writer's; readers go on meanwhile).
    pub fn begin(&self) -> Result<()> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))
    }

    /// Settings for writing much at once (an ingest): a larger page cache
    /// (256 MB: the indexes' pages stay in memory), a larger write-ahead
    /// log before it is copied back, and no waiting for the disk at each
    /// copy (a killed process loses nothing committed either way; only a
    /// machine that loses power during an ingest could lose its last
    /// batches). Back to the defaults with `false`.
    pub fn bulk_writes(&mut self, on: bool) -> Result<()> {
        // the names' rows: in arrival order while it writes (one table
        // inserted at random places would dirty thousands of its pages a
        // batch), then into their index, sorted, once, with the large cache
        if !on {
            self.merge_staged_names()?;
            self.settle_codes()?;
        }
        // and a larger buffer of the index's new terms: fewer, larger
        // segments to merge
        let sql = if on {
            "PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 4096;
             PRAGMA cache_size = -262144;
             INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 33554432);"
        } else {
            "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 1000;
             PRAGMA cache_size = -16000;
             INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 1048576);"
        };
        self.conn.execute_batch(sql).map_err(|e| self.err(e))?;
        // what a killed ingest left staged goes in when the next one starts
        if on {
            self.merge_staged_names()?;
        }
        self.staging = on;
        Ok(())
    }

    /// Move the names' rows an ingest staged into `name_articles`, sorted.
    /// Sorted here, not by SQLite: with its sorter the 2.1 million rows of
    /// 100,000 articles took 3.5 s, most of an ingest's last seconds
    /// (during which one core has nothing to do); read a range of names at
    /// a time, sorted in memory and inserted in order, they take 1.3 s. A
    /// range holds at most [`MERGE_ROWS`] rows (or one name's).
    fn merge_staged_names(&self) -> Result<()> {
        self.merge_staged_names_by(MERGE_ROWS)
    }

    pub(super) fn merge_staged_names_by(&self, max_rows: usize) -> Result<()> {
        let staged: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM name_articles_staged)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if !staged {
            return Ok(());
        }
        let conn = &self.conn;
        let run = || -> rusqlite::Result<()> {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            // the rows of each name, to cut the names into ranges
            let mut per_name: rustc_hash::FxHashMap<i64, usize> = Default::default();
            {
                let mut st = conn.prepare("SELECT name FROM name_articles_staged")?;
                let mut rows = st.query([])?;
                while let Some(r) = rows.next()? {
                    *per_name.entry(r.get(0)?).or_default() += 1;
                }
            }
            let mut names: Vec<(i64, usize)> = per_name.into_iter().collect();
            names.sort_unstable();
            let mut ranges: Vec<(i64, i64)> = Vec::new();
            let mut in_range = 0;
            for (k, &(name, n)) in names.iter().enumerate() {
                if k == 0 || in_range + n > max_rows {
                    ranges.push((name, name));
                    in_range = 0;
                }
                in_range += n;
                ranges.last_mut().expect("pushed above").1 = name;
            }
            let mut select = conn.prepare(
                "SELECT name, date, article FROM name_articles_staged
                 WHERE name >= ?1 AND name <= ?2",
            )?;
            let mut rows: Vec<[i64; 3]> = Vec::new();
            for (lo, hi) in ranges {
                rows.clear();
                let mut found = select.query(params![lo, hi])?;
                while let Some(r) = found.next()? {
                    rows.push([r.get(0)?, r.get(1)?, r.get(2)?]);
                }
                rows.sort_unstable();
                rows.dedup();
                insert_name_rows(conn, &rows)?;
            }
            conn.execute_batch("DELETE FROM name_articles_staged; COMMIT;")
        };
        run().map_err(|e| {
            let _ = self.conn.execute_batch("ROLLBACK");
            self.err(e)
        })
    }

    /// Commit the transaction open, with the segment of search text its
    /// articles make.
    pub fn commit(&mut self) -> Result<()> {
        self.write_segment()?;
        self.sync_codes()?;
        self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))
    }

    /// Give up the transaction open, if any.
    pub fn rollback(&mut self) {
        self.segment = Segment::default();
        self.codes_appended = false;
        if let Some(w) = &mut self.codes_writer {
            w.discard();
        }
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }

    /// Write the search text of the articles inserted since the last
    /// segment, as one segment (in the transaction open).
    fn write_segment(&mut self) -> Result<()> {
        let seg = std::mem::take(&mut self.segment);
        let (Some(&first), Some(&last)) = (seg.ids.first(), seg.ids.last()) else {
            return Ok(());
        };
        let ends: Vec<u8> = seg.ends.iter().flat_map(|e| e.to_le_bytes()).collect();
        self.put_segment(
            first,
            last,
            &ids_to_bytes(&seg.ids),
            &ends,
            &seg.names,
            &seg.coded,
        )
    }

    /// Note that `feed` was fetched now (and its title, when it says one).
    pub fn feed_fetched(&self, feed: &str, title: Option<String>) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO feeds (url, title, added_at, fetched_at) VALUES (?1, ?2, ?3, ?3)
                 ON CONFLICT(url) DO UPDATE SET title = coalesce(?2, title), fetched_at = ?3, error = NULL",
                params![feed, title, now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Run `f` in one transaction (committed when it returns `Ok`).
    pub fn transaction<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.begin()?;
        match f(self) {
            Ok(v) => {
                self.commit()?;
                Ok(v)
            }
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }

    /// Store one prepared article from `origin` (a feed URL, a file path,
    /// a page's URL), in the transaction the caller opened: the article,
    /// its text, its search rows and index entries, its facts. An article
    /// with a link or content already stored is kept once.
    pub fn insert_in_transaction(&mut self, origin: &str, p: &Prepared) -> Result<Stored> {
        let a = &p.article;
        let link = a.url.as_deref().filter(|u| !u.is_empty());
        let read = self.has_read_keys && self.read_key_marked(a)?;
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO articles
                 (origin, link, path, hash, title, source, date, date_text, added_at, read, facts_version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    origin,
                    link,
                    a.path,
                    &p.hash[..],
                    a.title,
                    a.source,
                    p.date,
                    a.date,
                    now(),
                    read,
                    facts::VERSION,
                ])
            })
            .map_err(|e| self.err(e))?;
        if inserted == 0 {
            let id: i64 = self
                .conn
                .prepare_cached(
                    "SELECT id FROM articles WHERE hash = ?1 OR (link IS NOT NULL AND link = ?2)",
                )
                .and_then(|mut st| st.query_row(params![&p.hash[..], link], |r| r.get(0)))
                .map_err(|e| self.err(e))?;
            return Ok(Stored::Known(id));
        }
        let id = self.conn.last_insert_rowid();
        let conn = &self.conn;
        let run = || -> rusqlite::Result<()> {
            conn.prepare_cached(
                "INSERT INTO bodies (id, title_end, paragraphs, text, kinds, extra)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                id,
                a.title_range.end as i64,
                ranges_to_bytes(&a.paragraphs),
                a.text,
                kinds_to_bytes(&a.kinds),
                extra_to_json(&a.extra),
            ])?;
            conn.prepare_cached("INSERT INTO titles (id, name, coded) VALUES (?1, ?2, ?3)")?
                .execute(params![id, name_of(origin, a), p.title_coded])?;
            let mut index =
                conn.prepare_cached("INSERT INTO search_index (rowid, folded) VALUES (?1, ?2)")?;
            if self.index_distinct {
                index.execute(params![id, p.trigrams])?;
            } else {
                // a store made before schema 6: the whole folded text
                index.execute(params![id, fold(&a.text)])?;
            }
            Ok(())
        };
        run().map_err(|e| self.err(e))?;
        self.insert_facts(id, p.date, &p.facts)?;
        if !self.segment.ids.is_empty() && self.segment.coded.len() + p.coded.len() > SEGMENT_BYTES
        {
            self.write_segment()?;
        }
        self.segment.push(id, name_of(origin, a), &p.coded);
        Ok(Stored::New(id))
    }

    /// Is the article's key (link, or content hash) marked read in
    /// `read_state`?
    fn read_key_marked(&self, a: &Article) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT read FROM read_state WHERE key = ?1")
            .and_then(|mut st| {
                st.query_row([a.key()], |r| r.get::<_, bool>(0))
                    .or(Ok(false))
            })
            .map_err(|e| self.err(e))
    }

    /// Write the facts of article `id` (published at `date`).
    pub(crate) fn insert_facts(&mut self, id: i64, date: i64, f: &Facts) -> Result<()> {
        let mut names: Vec<String> = Vec::new();
        {
            let conn = &self.conn;
            let run = || -> rusqlite::Result<()> {
                let mut actor = conn.prepare_cached(
                    "INSERT INTO actors (article, ord, kind, name, role, aliases, mentions, spans)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?;
                for (ord, a) in f.actors.iter().enumerate() {
                    let aliases = a.aliases.join(&LIST_SEP.to_string());
                    actor.execute(params![
                        id,
                        ord as i64,
                        a.kind as u8,
                        a.name,
                        a.role,
                        aliases,
                        a.mentions as i64,
                        ranges_to_bytes(&a.spans),
                    ])?;
                }
                let mut statement = conn.prepare_cached(
                    "INSERT INTO statements (article, ord, kind, verb, parties, topic, start, end)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?;
                for (ord, s) in f.agreements.iter().enumerate() {
                    statement.execute(params![
                        id,
                        ord as i64,
                        s.kind as u8,
                        s.verb,
                        s.parties.join(&LIST_SEP.to_string()),
                        s.text,
                        s.range.start as i64,
                        s.range.end as i64,
                    ])?;
                }
                super::actors::count_in(conn, f)
            };
            run().map_err(|e| self.err(e))?;
        }
        for a in &f.actors {
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                let folded = fold(n);
                if !folded.is_empty() && !names.contains(&folded) {
                    names.push(folded);
                }
            }
        }
        for n in names {
            let name = self.name_id(&n)?;
            self.conn
                .prepare_cached(if self.staging {
                    "INSERT INTO name_articles_staged (name, date, article) VALUES (?1, ?2, ?3)"
                } else {
                    "INSERT OR IGNORE INTO name_articles (name, date, article) VALUES (?1, ?2, ?3)"
                })
                .and_then(|mut st| st.execute(params![name, date, id]))
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// The id of a folded name, added when new.
    fn name_id(&mut self, folded: &str) -> Result<i64> {
        if let Some(&id) = self.name_ids.get(folded) {
            return Ok(id);
        }
        let conn = &self.conn;
        let found = || -> rusqlite::Result<i64> {
            let mut get = conn.prepare_cached("SELECT id FROM names WHERE folded = ?1")?;
            match get.query_row([folded], |r| r.get(0)) {
                Ok(id) => Ok(id),
                Err(rusqlite::Error::QueryReturnedNoRows) => {
                    conn.prepare_cached("INSERT INTO names (folded) VALUES (?1)")?
                        .execute([folded])?;
                    Ok(conn.last_insert_rowid())
                }
                Err(e) => Err(e),
            }
        };
        let id = found().map_err(|e| self.err(e))?;
        if self.name_ids.len() >= NAME_CACHE {
            self.name_ids.clear();
        }
        self.name_ids.insert(folded.to_string(), id);
        Ok(id)
    }

    /// Remember the file at `path` (its size and modification time) and
    /// the articles it gave, in the caller's transaction.
    pub fn record_file(&self, path: &str, size: u64, mtime: i64, ids: &[i64]) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO files (path, size, mtime, articles) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(path) DO UPDATE SET size = ?2, mtime = ?3, articles = ?4",
            )
            .and_then(|mut st| st.execute(params![path, size as i64, mtime, ids_to_bytes(ids)]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The articles of the file at `path` if it is stored with this size
    /// and modification time (then it need not be read again).
    pub fn unchanged_file(&self, path: &str, size: u64, mtime: i64) -> Result<Option<Vec<i64>>> {
        let row = self
            .conn
            .prepare_cached("SELECT size, mtime, articles FROM files WHERE path = ?1")
            .and_then(|mut st| {
                st.query_row([path], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, Vec<u8>>(2)?,
                    ))
                })
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })
            })
            .map_err(|e| self.err(e))?;
        Ok(row
            .filter(|(s, m, _)| *s == size as i64 && *m == mtime)
            .map(|(_, _, ids)| ids_from_bytes(&ids)))
    }

    /// Keep what one fetch of `feed` gave, in one transaction; the articles
    /// that were not stored yet come back.
    pub fn save_fetch(
        &mut self,
        feed: &str,
        prepared: Vec<Prepared>,
    ) -> Result<Vec<(i64, Article)>> {
        let title = prepared.iter().find_map(|p| p.article.source.clone());
        self.transaction(|s| {
            s.feed_fetched(feed, title)?;
            let mut fresh = Vec::new();
            for p in prepared {
                if let Stored::New(id) = s.insert_in_transaction(feed, &p)? {
                    fresh.push((id, p.article));
                }
            }
            Ok(fresh)
        })
    }
}

/// Version 1's articles, each with its feed and fetch time, for the upgrade.
pub(crate) fn articles_of_v1(conn: &Connection) -> rusqlite::Result<Vec<(String, i64, Article)>> {
    let mut st = conn.prepare(&format!(
        "SELECT feed, fetched_at, path, title, source, date, link, body, title_start, title_end, paragraphs
         FROM {} ORDER BY id",
        super::schema::V1_ARTICLES
    ))?;
    let rows = st.query_map([], |r| {
        let path: String = r.get(2)?;
        let text: String = r.get(7)?;
        let title_range = r.get::<_, i64>(8)? as usize..r.get::<_, i64>(9)? as usize;
        let paragraphs: Option<Vec<std::ops::Range<usize>>> = r
            .get::<_, String>(10)?
            .split_whitespace()
            .map(|p| {
                let (s, e) = p.split_once(':')?;
                Some(s.parse().ok()?..e.parse().ok()?)
            })
            .collect();
        let fits = |r: &std::ops::Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        let mut article = match paragraphs {
            Some(p) if fits(&title_range) && p.iter().all(fits) => Article {
                path,
                title: r.get(3)?,
                source: None,
                date: None,
                published: None,
                url: None,
                kinds: p
                    .iter()
                    .map(|r| crate::corpus::article::paragraph_kind(&text[r.clone()]))
                    .collect(),
                text,
                title_range,
                paragraphs: p,
                extra: Default::default(),
            },
            // never trust a damaged row enough to slice with it
            _ => Article::from_plain_text(path, &text),
        };
        article.source = r.get(4)?;
        article.date = r.get(5)?;
        article.published = article
            .date
            .as_deref()
            .and_then(crate::corpus::date::parse_date);
        article.url = r.get(6)?;
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, article))
    })?;
    rows.collect()
}
