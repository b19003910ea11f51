//! The local store: an SQLite database (`khabar.db` in the data directory)
//! holding the feeds, every article fetched from them, and what has been
//! read. Articles are deduplicated by link and by content hash.
//!
//! Every refresh of a feed is one transaction and the journal is SQLite's
//! write-ahead log: a process killed in the middle of a refresh leaves the
//! database as it was after the last committed feed, never with half an
//! article in it.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, params};

use super::Article;

/// The schema's version, kept in `PRAGMA user_version`.
const VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS feeds (
    url        TEXT PRIMARY KEY,
    title      TEXT,
    subscribed INTEGER NOT NULL DEFAULT 0,
    added_at   INTEGER NOT NULL,
    fetched_at INTEGER,
    error      TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    id          INTEGER PRIMARY KEY,
    feed        TEXT NOT NULL REFERENCES feeds(url),
    link        TEXT UNIQUE,
    hash        TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL,
    title       TEXT NOT NULL,
    source      TEXT,
    date        TEXT,
    body        TEXT NOT NULL,
    title_start INTEGER NOT NULL,
    title_end   INTEGER NOT NULL,
    paragraphs  TEXT NOT NULL,
    fetched_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_feed ON articles(feed, id);
CREATE TABLE IF NOT EXISTS read_state (
    key  TEXT PRIMARY KEY,
    read INTEGER NOT NULL,
    at   INTEGER NOT NULL
);
";

/// A store that cannot be opened or written, in one line.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store {location}: {reason}")]
    Open { location: String, reason: String },
    #[error("no data directory: set KHABAR_DATA")]
    NoDataDir,
    #[error("store {location}: {source}")]
    Sql {
        location: String,
        #[source]
        source: rusqlite::Error,
    },
}

type Result<T> = std::result::Result<T, StoreError>;

/// One feed as the store knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedInfo {
    pub url: String,
    pub title: Option<String>,
    pub subscribed: bool,
    /// Seconds since the epoch of the last successful fetch.
    pub fetched_at: Option<i64>,
    /// The last fetch's error, if it failed.
    pub error: Option<String>,
}

/// An open store.
pub struct Store {
    conn: Connection,
    location: String,
}

/// The store shared between threads, taken even if a holder panicked (the
/// database itself stays consistent: SQLite rolls back what was not committed).
pub fn lock(store: &std::sync::Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|e| e.into_inner())
}

/// khabar's data directory: `$KHABAR_DATA`, else the platform's
/// (`~/.local/share/khabar` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("KHABAR_DATA") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "khabar").map(|d| d.data_dir().to_path_buf())
}

/// Where the store lives by default: `khabar.db` in the data directory.
pub fn default_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("khabar.db"))
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn ranges_to_text(ranges: &[std::ops::Range<usize>]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|r| format!("{}:{}", r.start, r.end))
        .collect();
    parts.join(" ")
}

/// Can `r` slice `text`?
fn slices(r: &std::ops::Range<usize>, text: &str) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

/// The ranges written by [`ranges_to_text`], if every one can slice `text`.
fn ranges_from_text(ranges: &str, text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    ranges
        .split_whitespace()
        .map(|p| {
            let (s, e) = p.split_once(':')?;
            let r = s.parse().ok()?..e.parse().ok()?;
            slices(&r, text).then_some(r)
        })
        .collect()
}

fn open_error(location: &str, e: &dyn fmt::Display) -> StoreError {
    StoreError::Open {
        location: location.to_string(),
        reason: e.to_string(),
    }
}

impl Store {
    /// Open (or create) the store at `path`. A file that is not a khabar
    /// store is left untouched and reported.
    pub fn open(path: &Path) -> Result<Store> {
        let location = path.display().to_string();
        let fail = |e: &dyn fmt::Display| open_error(&location, e);
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        let conn = Connection::open(path).map_err(|e| fail(&e))?;
        Store::init(conn, location)
    }

    /// The store at the default path.
    pub fn open_default() -> Result<Store> {
        let path = default_path().ok_or(StoreError::NoDataDir)?;
        Store::open(&path)
    }

    /// A store that lives in memory only (when the file cannot be used).
    pub fn in_memory() -> Store {
        let conn = Connection::open_in_memory().expect("SQLite opens an in-memory database");
        Store::init(conn, ":memory:".to_string()).expect("a new in-memory store")
    }

    fn init(conn: Connection, location: String) -> Result<Store> {
        let fail = |e: &dyn fmt::Display| open_error(&location, e);
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| fail(&e))?;
        // WAL: readers never block the writer, and a kill mid-write only
        // loses the transaction that was open.
        let _: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| fail(&e))?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(|e| fail(&e))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| fail(&e))?;
        if version > VERSION {
            return Err(fail(&format!(
                "it was written by a newer khabar (schema {version}, this one knows {VERSION})"
            )));
        }
        // only a new store is written to here: opening never waits on a
        // refresh running in another khabar
        if version < VERSION {
            conn.execute_batch(&format!(
                "BEGIN; {SCHEMA} PRAGMA user_version = {VERSION}; COMMIT;"
            ))
            .map_err(|e| fail(&e))?;
        }
        Ok(Store { conn, location })
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            location: self.location.clone(),
            source: e,
        }
    }

    /// Subscribe to `url`; false when it already was.
    pub fn subscribe(&self, url: &str) -> Result<bool> {
        // a row changes only when the feed is new or was not subscribed
        let changed = self
            .conn
            .execute(
                "INSERT INTO feeds (url, subscribed, added_at) VALUES (?1, 1, ?2)
                 ON CONFLICT(url) DO UPDATE SET subscribed = 1 WHERE subscribed = 0",
                params![url, now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(changed == 1)
    }

    /// The feeds subscribed to in the store (from `import-opml`), oldest first.
    pub fn subscriptions(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT url FROM feeds WHERE subscribed = 1 ORDER BY added_at, rowid")
            .map_err(|e| self.err(e))?;
        let rows = st.query_map([], |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<String>>>()
            .map_err(|e| self.err(e))
    }

    /// What the store knows of `url`.
    pub fn feed(&self, url: &str) -> Result<Option<FeedInfo>> {
        self.conn
            .query_row(
                "SELECT url, title, subscribed, fetched_at, error FROM feeds WHERE url = ?1",
                [url],
                |r| {
                    Ok(FeedInfo {
                        url: r.get(0)?,
                        title: r.get(1)?,
                        subscribed: r.get(2)?,
                        fetched_at: r.get(3)?,
                        error: r.get(4)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Keep what one fetch of `feed` gave, in one transaction; returns the
    /// articles that were not stored yet (same link or same content: kept once).
    pub fn save_fetch(&mut self, feed: &str, articles: Vec<Article>) -> Result<Vec<Article>> {
        let location = self.location.clone();
        let err = |e: rusqlite::Error| StoreError::Sql {
            location: location.clone(),
            source: e,
        };
        let tx = self.conn.transaction().map_err(err)?;
        let at = now();
        let title = articles.iter().find_map(|a| a.source.clone());
        tx.execute(
            "INSERT INTO feeds (url, title, added_at, fetched_at) VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT(url) DO UPDATE SET title = coalesce(?2, title), fetched_at = ?3, error = NULL",
            params![feed, title, at],
        )
        .map_err(err)?;
        let mut fresh = Vec::new();
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO articles
                     (feed, link, hash, path, title, source, date, body, title_start, title_end, paragraphs, fetched_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .map_err(err)?;
            for a in articles {
                let n = insert
                    .execute(params![
                        feed,
                        a.url,
                        a.content_hash(),
                        a.path,
                        a.title,
                        a.source,
                        a.date,
                        a.text,
                        a.title_range.start as i64,
                        a.title_range.end as i64,
                        ranges_to_text(&a.paragraphs),
                        at
                    ])
                    .map_err(err)?;
                if n == 1 {
                    fresh.push(a);
                }
            }
        }
        tx.commit().map_err(err)?;
        Ok(fresh)
    }

    /// Remember that fetching `feed` failed (its articles stay).
    pub fn record_error(&self, feed: &str, error: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO feeds (url, added_at, error) VALUES (?1, ?2, ?3)
                 ON CONFLICT(url) DO UPDATE SET error = ?3",
                params![feed, now(), error],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The stored articles of `feeds`, feed by feed, newest first.
    pub fn articles(&self, feeds: &[String]) -> Result<Vec<Article>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT path, title, source, date, link, body, title_start, title_end, paragraphs
                 FROM articles WHERE feed = ?1 ORDER BY date IS NULL, date DESC, id",
            )
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for feed in feeds {
            let rows = st
                .query_map([feed], |r| {
                    let path: String = r.get(0)?;
                    let text: String = r.get(5)?;
                    let title_range = r.get::<_, i64>(6)? as usize..r.get::<_, i64>(7)? as usize;
                    let paragraphs = ranges_from_text(&r.get::<_, String>(8)?, &text)
                        .filter(|_| slices(&title_range, &text));
                    Ok(match paragraphs {
                        Some(paragraphs) => Article {
                            path,
                            title: r.get(1)?,
                            source: r.get(2)?,
                            date: r.get(3)?,
                            url: r.get(4)?,
                            text,
                            title_range,
                            paragraphs,
                        },
                        // never trust a damaged row enough to slice with it
                        None => Article::from_plain_text(path, &text),
                    })
                })
                .map_err(|e| self.err(e))?;
            for row in rows {
                out.push(row.map_err(|e| self.err(e))?);
            }
        }
        Ok(out)
    }

    /// How many articles are stored.
    pub fn article_count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// Mark the article with `key` (see [`Article::key`]) read or unread.
    pub fn set_read(&self, key: &str, read: bool) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO read_state (key, read, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET read = ?2, at = ?3",
                params![key, read, now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The keys of every article marked read.
    pub fn read_keys(&self) -> Result<HashSet<String>> {
        let mut st = self
            .conn
            .prepare("SELECT key FROM read_state WHERE read = 1")
            .map_err(|e| self.err(e))?;
        let rows = st.query_map([], |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<HashSet<String>>>()
            .map_err(|e| self.err(e))
    }

    /// SQLite's own consistency check: `ok`, or what is wrong.
    pub fn integrity(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str, link: Option<&str>) -> Article {
        let mut a = Article::from_plain_text("feed#0", &format!("{title}\n{body}"));
        a.url = link.map(str::to_string);
        a.source = Some("موقع".into());
        a
    }

    #[test]
    fn articles_come_back_whole_and_once() {
        let mut s = Store::in_memory();
        let a = article(
            "عنوان أول",
            "فقرة مُشكّلة with English 2026",
            Some("http://x/1"),
        );
        let b = article("عنوان ثانٍ", "نص آخر", None);
        let fresh = s
            .save_fetch("http://x/feed", vec![a.clone(), b.clone()])
            .unwrap();
        assert_eq!(fresh.len(), 2);
        // the same link with other words, and the same content without a link
        let a2 = article("عنوان معدل", "نص جديد", Some("http://x/1"));
        let fresh = s.save_fetch("http://x/feed", vec![a2, b.clone()]).unwrap();
        assert!(fresh.is_empty(), "duplicates are not stored twice");
        let back = s.articles(&["http://x/feed".to_string()]).unwrap();
        assert_eq!(back.len(), 2);
        assert!(back.contains(&a) && back.contains(&b));
        assert_eq!(
            s.feed("http://x/feed").unwrap().unwrap().title.as_deref(),
            Some("موقع")
        );
    }

    #[test]
    fn read_state_and_subscriptions() {
        let s = Store::in_memory();
        s.set_read("k1", true).unwrap();
        s.set_read("k2", true).unwrap();
        s.set_read("k2", false).unwrap();
        assert_eq!(s.read_keys().unwrap(), HashSet::from(["k1".to_string()]));
        assert!(s.subscribe("http://a").unwrap());
        assert!(!s.subscribe("http://a").unwrap());
        // a feed the store knows from a fetch, not subscribed yet
        s.record_error("http://c", "HTTP 404").unwrap();
        assert!(s.subscribe("http://c").unwrap());
        assert!(!s.subscribe("http://c").unwrap());
        assert!(s.subscribe("http://b").unwrap());
        assert_eq!(
            s.subscriptions().unwrap(),
            ["http://a", "http://c", "http://b"]
        );
    }

    #[test]
    fn opening_never_waits_for_a_writer() {
        let dir = std::env::temp_dir().join(format!("khabar-store-busy-{}", std::process::id()));
        let path = dir.join("khabar.db");
        let mut s = Store::open(&path).unwrap();
        s.save_fetch("http://x/feed", vec![article("عنوان", "نص", None)])
            .unwrap();
        // another khabar in the middle of a refresh
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM read_state;")
            .unwrap();
        let start = std::time::Instant::now();
        let other = Store::open(&path).unwrap();
        assert_eq!(other.articles(&["http://x/feed".into()]).unwrap().len(), 1);
        assert!(other.read_keys().unwrap().is_empty());
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
        writer.execute_batch("ROLLBACK").unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_that_is_not_a_store_is_reported_and_kept() {
        let dir = std::env::temp_dir().join(format!("khabar-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("khabar.db");
        std::fs::write(
            &path,
            b"not a database at all, just some text that is long enough",
        )
        .unwrap();
        let e = Store::open(&path).err().expect("refused");
        assert!(e.to_string().contains("cannot open the store"), "{e}");
        assert!(std::fs::read(&path).unwrap().starts_with(b"not a database"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
