//! The store: an SQLite database (`khabar.db` in the data directory) that
//! is the corpus. Every article khabar has seen (from files, feeds, pages)
//! is kept once, with its facts and its search index, so that opening,
//! paging and searching a year of news touch only what is asked for.
//!
//! The journal is SQLite's write-ahead log and every batch of articles is
//! one transaction: a process killed in the middle of an ingest or a
//! refresh leaves the database as it was after the last committed batch,
//! never with half an article in it. Readers never wait for the writer.
//!
//! - [`schema`]: the tables, and the upgrade of a version 1 store;
//! - [`write`]: articles prepared (facts, folded text) and inserted;
//! - [`read`]: pages of the list, an article, its facts;
//! - [`find`]: search through the index;
//! - [`rules`]: query feeds' and ignore rules' articles;
//! - [`codes`]: the file of the search text beside the database.

pub mod actors;
pub mod codes;
pub mod feeds;
pub mod find;
pub mod full_text;
pub mod read;
pub mod rules;
pub mod schema;
pub mod trigrams;
pub mod write;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

pub use schema::VERSION;

/// A store that cannot be opened or written, in one line.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store {location}: {reason}")]
    Open { location: String, reason: String },
    #[error("no data directory: set KHABAR_DATA")]
    NoDataDir,
    #[error("KHABAR_DATA is set but empty: give it a directory")]
    EmptyDataDir,
    #[error("store {location}: {source}")]
    Sql {
        location: String,
        #[source]
        source: rusqlite::Error,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

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
    /// What other connections open to reach the same database (a path, or
    /// a shared in-memory database's URI).
    uri: String,
    /// Ids of folded names, as the writer met them (bounded).
    name_ids: std::collections::HashMap<String, i64>,
    /// Does `read_state` hold any key (the writer looks keys up then)?
    has_read_keys: bool,
    /// The search text of the articles inserted in the open transaction.
    segment: write::Segment,
    /// Opened read-only (the file or its directory cannot be written):
    /// what it holds is shown, nothing is saved.
    read_only: bool,
    /// An ingest is writing: names' rows go to `name_articles_staged`.
    staging: bool,
    /// The file of the search text (a store in memory has none: its text
    /// stays in `segments.coded`).
    codes: Option<codes::CodesPlace>,
    /// That file, open to append, once a segment was written; whether the
    /// open transaction appended to it (synced before the commit).
    codes_writer: Option<codes::Appender>,
    codes_appended: bool,
    /// The search index reads an article's distinct trigrams (its
    /// tokenizer is [`trigrams::NAME`]); a store made before schema 6
    /// keeps FTS5's own trigram tokenizer, given the whole folded text.
    index_distinct: bool,
}

/// Does the search index of the store on `conn` read distinct trigrams
/// (see [`Store::index_distinct`])?
fn index_distinct(conn: &Connection) -> bool {
    conn.query_row(
        "SELECT sql FROM sqlite_schema WHERE name = 'search_index'",
        [],
        |r| r.get::<_, String>(0),
    )
    .is_ok_and(|sql| trigrams::NAME.to_str().is_ok_and(|name| sql.contains(name)))
}

/// Where a store is, to open connections to it from other threads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handle {
    uri: String,
    location: String,
    read_only: bool,
    codes: Option<codes::CodesPlace>,
}

impl Handle {
    /// A new connection to the store.
    pub fn open(&self) -> Result<Store> {
        let fail = |e: &dyn std::fmt::Display| open_error(&self.location, e);
        let access = if self.read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let conn = Connection::open_with_flags(
            &self.uri,
            access | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| fail(&e))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| fail(&e))?;
        conn.execute_batch(READ_SETTINGS).map_err(|e| fail(&e))?;
        trigrams::register(&conn).map_err(|e| fail(&e))?;
        let has_read_keys = has_read_keys(&conn);
        let index_distinct = index_distinct(&conn);
        Ok(Store {
            conn,
            location: self.location.clone(),
            uri: self.uri.clone(),
            name_ids: Default::default(),
            staging: false,
            has_read_keys,
            segment: Default::default(),
            read_only: self.read_only,
            codes: self.codes.clone(),
            codes_writer: None,
            codes_appended: false,
            index_distinct,
        })
    }
}

/// How every connection reads: 16 MB of page cache, and the file mapped in
/// memory (a search reads gigabytes: no copy through system calls).
const READ_SETTINGS: &str = "PRAGMA cache_size = -16000; PRAGMA mmap_size = 0;";

/// The store shared between threads, taken even if a holder panicked (the
/// database itself stays consistent: SQLite rolls back what was not committed).
pub fn lock(store: &std::sync::Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|e| e.into_inner())
}

/// khabar's data directory: `$KHABAR_DATA`, else the platform's
/// (`~/.local/share/khabar` on Linux).
pub fn data_dir() -> Result<PathBuf> {
    let dir = match std::env::var_os("KHABAR_DATA") {
        // set but empty: not "here", which would scatter stores about
        Some(d) if d.is_empty() => return Err(StoreError::EmptyDataDir),
        Some(d) => PathBuf::from(d),
        None => directories::ProjectDirs::from("", "", "khabar")
            .map(|d| d.data_dir().to_path_buf())
            .ok_or(StoreError::NoDataDir)?,
    };
    if std::fs::metadata(&dir).is_ok_and(|m| !m.is_dir()) {
        return Err(StoreError::Open {
            location: dir.display().to_string(),
            reason: "it is a file; the data directory (KHABAR_DATA) must be a directory".into(),
        });
    }
    Ok(dir)
}

/// Where the store lives by default: `khabar.db` in the data directory.
pub fn default_path() -> Result<PathBuf> {
    data_dir().map(|d| d.join("khabar.db"))
}

pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn open_error(location: &str, e: &dyn std::fmt::Display) -> StoreError {
    StoreError::Open {
        location: location.to_string(),
        reason: e.to_string(),
    }
}

impl Store {
    /// Open (or create) the store at `path`. A file that is not a khabar
    /// store, or that a newer khabar wrote, is left untouched and reported.
    /// A version 1 store is copied to `khabar.db.v1.bak` beside it, then
    /// upgraded in place.
    pub fn open(path: &Path) -> Result<Store> {
        let location = path.display().to_string();
        let fail = |e: &dyn std::fmt::Display| open_error(&location, e);
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        let conn = Connection::open(path).map_err(|e| fail(&e))?;
        match Store::init(conn, location.clone(), location.clone(), Some(path)) {
            Err(e) if path.exists() => Store::open_read_only(path).map_err(|_| e),
            other => other,
        }
    }

    /// A store that cannot be written (a read-only file, directory or disk),
    /// opened to be read: it must be of this version.
    fn open_read_only(path: &Path) -> Result<Store> {
        let location = path.display().to_string();
        let fail = |e: &dyn std::fmt::Display| open_error(&location, e);
        let mut last = None;
        // read-only, then immutable (no -shm file can be made beside it)
        for query in ["mode=ro", "immutable=1"] {
            let uri = format!("file:{}?{query}", path.display());
            let handle = Handle {
                uri,
                location: location.clone(),
                read_only: true,
                codes: None,
            };
            match handle.open().and_then(|s| {
                let version: i64 = s
                    .conn
                    .query_row("PRAGMA user_version", [], |r| r.get(0))
                    .map_err(|e| s.err(e))?;
                if version == VERSION {
                    let mut s = s;
                    let id = s.meta_id().map_err(|e| s.err(e))?;
                    s.codes = id.map(|id| codes::CodesPlace::beside(path, id));
                    Ok(s)
                } else {
                    Err(fail(&format!(
                        "it is read-only and of schema {version}; this khabar reads {VERSION}"
                    )))
                }
            }) {
                Ok(s) => return Ok(s),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| fail(&"cannot be read")))
    }

    /// Is the store read-only (shown, but nothing saved)?
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The store at the default path.
    pub fn open_default() -> Result<Store> {
        let path = default_path()?;
        Store::open(&path)
    }

    /// A store that lives in memory only (the seeds, or when the file
    /// cannot be used); other connections can reach it while it is open.
    pub fn in_memory() -> Store {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let uri = format!(
            "file:khabar-memory-{}-{}?mode=memory&cache=shared",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let conn = Connection::open_with_flags(
            &uri,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .expect("SQLite opens an in-memory database");
        Store::init(conn, ":memory:".to_string(), uri, None).expect("a new in-memory store")
    }

    /// Another connection to the same database, for a thread of its own
    /// (reads never wait for a writer).
    pub fn reopen(&self) -> Result<Store> {
        self.handle().open()
    }

    /// What opens more connections to this database, from any thread.
    pub fn handle(&self) -> Handle {
        Handle {
            uri: self.uri.clone(),
            location: self.location.clone(),
            read_only: self.read_only,
            codes: self.codes.clone(),
        }
    }

    fn init(conn: Connection, location: String, uri: String, path: Option<&Path>) -> Result<Store> {
        let fail = {
            let location = location.clone();
            move |e: &dyn std::fmt::Display| open_error(&location, e)
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| fail(&e))?;
        trigrams::register(&conn).map_err(|e| fail(&e))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| fail(&e))?;
        if version > VERSION {
            return Err(fail(&format!(
                "it was written by a newer khabar (schema {version}, this one knows {VERSION})"
            )));
        }
        if version == 1
            && let Some(path) = path
        {
            // a copy of the version 1 store before anything is changed
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .map_err(|e| fail(&e))?;
            let mut backup = path.as_os_str().to_owned();
            backup.push(".v1.bak");
            std::fs::copy(path, PathBuf::from(backup)).map_err(|e| fail(&e))?;
        }
        if version == 0 {
            // pages of 64 KB: an article's text (a few KB) stays in its
            // page instead of spilling into a mostly empty overflow page,
            // and a search reads its megabytes of text in few pages
            conn.execute_batch("PRAGMA page_size = 65536;")
                .map_err(|e| fail(&e))?;
        }
        if path.is_some() {
            // WAL: readers never block the writer, and a kill mid-write
            // only loses the transaction that was open
            let _: String = conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(|e| fail(&e))?;
        }
        conn.execute_batch(&format!(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; {READ_SETTINGS}"
        ))
        .map_err(|e| fail(&e))?;
        let mut store = Store {
            has_read_keys: false,
            conn,
            location,
            uri,
            name_ids: Default::default(),
            staging: false,
            segment: Default::default(),
            read_only: false,
            codes: None,
            codes_writer: None,
            codes_appended: false,
            index_distinct: false,
        };
        // only a new or an old store is written to here: opening never
        // waits on a refresh running in another khabar
        if version == 0 {
            store
                .conn
                .execute_batch(&format!(
                    "BEGIN; {} PRAGMA user_version = {VERSION}; COMMIT;",
                    schema::SCHEMA
                ))
                .map_err(|e| fail(&e))?;
        } else if version == 1 {
            store.upgrade_from_v1()?;
        } else if version < VERSION {
            store.upgrade_from(version)?;
        }
        schema::add_tables(&store.conn).map_err(|e| fail(&e))?;
        if let Some(path) = path {
            // the search text's file: checked, made or mended, and from a
            // store before version 5 the text moved out of the database
            store.prepare_codes(path, (1..5).contains(&version))?;
        }
        store.has_read_keys = has_read_keys(&store.conn);
        store.index_distinct = index_distinct(&store.conn);
        Ok(store)
    }

    /// Upgrade a version 1 store in place (the caller made a backup), in
    /// one transaction: its articles stored again with their facts and
    /// index, its read marks moved to them.
    fn upgrade_from_v1(&mut self) -> Result<()> {
        let location = self.location.clone();
        let fail = |e: &dyn std::fmt::Display| open_error(&location, e);
        self.conn
            .execute_batch("BEGIN IMMEDIATE;")
            .map_err(|e| fail(&e))?;
        let result = (|| -> Result<()> {
            schema::begin_upgrade_from_v1(&self.conn).map_err(|e| self.err(e))?;
            self.index_distinct = index_distinct(&self.conn);
            let old = write::articles_of_v1(&self.conn).map_err(|e| self.err(e))?;
            self.has_read_keys = has_read_keys(&self.conn);
            for (feed, fetched_at, article) in old {
                let prepared = write::Prepared::new(article, fetched_at);
                self.insert_in_transaction(&feed, &prepared)?;
            }
            self.conn
                .execute_batch(&format!(
                    "DROP TABLE {}; PRAGMA user_version = {VERSION};",
                    schema::V1_ARTICLES
                ))
                .map_err(|e| self.err(e))
        })();
        match result {
            Ok(()) => self.commit(),
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }

    /// Upgrade a version 2 to 6 store in place: the tables it lacks, from
    /// version 2 the totals of the corpus's actors, counted once from the
    /// facts stored, and before version 5 where each segment's text is in
    /// the codes file (moved there by [`Store::prepare_codes`]). Its search
    /// index is kept as it is (FTS5's own trigram tokenizer: the same
    /// index, written with twice the tokens).
    fn upgrade_from(&mut self, version: i64) -> Result<()> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE;")
            .map_err(|e| self.err(e))?;
        let result = (|| -> rusqlite::Result<()> {
            self.conn.execute_batch(schema::SCHEMA)?;
            if version < 3 {
                actors::fill(&self.conn)?;
            }
            if version < 5 {
                schema::add_codes_columns(&self.conn)?;
            }
            if version < 7 {
                schema::to_v7(&self.conn)?;
            }
            self.conn
                .execute_batch(&format!("PRAGMA user_version = {VERSION};"))
        })();
        match result {
            Ok(()) => self.commit(),
            Err(e) => {
                self.rollback();
                Err(self.err(e))
            }
        }
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            location: self.location.clone(),
            source: e,
        }
    }

    /// The connection, for the modules of the store.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Where the store is (a path, or `:memory:`).
    pub fn location(&self) -> &str {
        &self.location
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

    /// The feeds subscribed to, oldest first.
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

    /// How many articles are stored (kept up to date by triggers: no count).
    pub fn article_count(&self) -> Result<usize> {
        Ok(self.counts()?.0)
    }

    /// How many stored articles are unread.
    pub fn unread_count(&self) -> Result<usize> {
        Ok(self.counts()?.1)
    }

    /// (articles, unread articles).
    pub fn counts(&self) -> Result<(usize, usize)> {
        self.conn
            .prepare_cached("SELECT total, unread FROM stats")
            .and_then(|mut st| st.query_row([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))))
            .map(|(t, u)| (t.max(0) as usize, u.max(0) as usize))
            .map_err(|e| self.err(e))
    }

    /// Mark article `id` read or unread.
    pub fn set_read(&self, id: i64, read: bool) -> Result<()> {
        self.conn
            .execute(
                "UPDATE articles SET read = ?2 WHERE id = ?1",
                params![id, read],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The keys of the articles marked read that are not stored (v1's
    /// read marks of local files).
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

fn has_read_keys(conn: &Connection) -> bool {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM read_state)", [], |r| {
        r.get::<_, bool>(0)
    })
    .unwrap_or(false)
}

#[cfg(test)]
mod tests;
