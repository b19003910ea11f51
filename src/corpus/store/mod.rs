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
//! - [`schema`]: the tables, as each version added them; `migrate`: the
//!   upgrades, an ordered list of steps;
//! - [`write`]: articles prepared (facts, folded text) and inserted;
//! - [`read`]: pages of the list, an article, its facts;
//! - [`find`]: search through the index;
//! - [`rules`]: query feeds' and ignore rules' articles;
//! - [`codes`]: the file of the search text beside the database;
//! - [`pack`]: text kept compressed, with dictionaries trained on the
//!   store's own articles.

pub mod actors;
pub mod codes;
pub mod compact;
pub mod feeds;
pub mod find;
pub mod full_text;
pub mod kinds;
mod migrate;
pub mod pack;
pub mod prune;
pub mod read;
pub mod rules;
pub mod schema;
pub mod stats;
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
    #[error("store {location}: {what}")]
    Damaged { location: String, what: String },
    #[error("store {location}: {source}")]
    Sql {
        location: String,
        #[source]
        source: rusqlite::Error,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Who hears the progress of long work on a store (an upgrade), a line at
/// a time.
pub type Progress = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// Progress said to no one.
pub fn quiet() -> Progress {
    std::sync::Arc::new(|_: &str| {})
}

/// Progress written to stderr, a line each, through the sanitizer.
pub fn to_stderr() -> Progress {
    std::sync::Arc::new(|line: &str| {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "khabar: {}",
            crate::text::safety::sanitize(line)
        );
    })
}

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
    codes_writer: Option<(codes::Appender, [u8; 16])>,
    codes_appended: bool,
    /// The search index reads an article's distinct trigrams (its
    /// tokenizer is [`trigrams::NAME`]); a store made before schema 6
    /// keeps FTS5's own trigram tokenizer, given the whole folded text.
    index_distinct: bool,
    /// The dictionaries text is packed with, shared by the connections of
    /// this process.
    dicts: pack::Shared,
    /// Text kept to train the dictionaries from while the store has none.
    samples: pack::Samples,
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
#[derive(Clone, Debug)]
pub struct Handle {
    uri: String,
    location: String,
    read_only: bool,
    codes: Option<codes::CodesPlace>,
    dicts: pack::Shared,
}

/// The same store, reached the same way.
impl PartialEq for Handle {
    fn eq(&self, other: &Handle) -> bool {
        (&self.uri, &self.location, self.read_only, &self.codes)
            == (&other.uri, &other.location, other.read_only, &other.codes)
    }
}

impl Eq for Handle {}

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
            dicts: self.dicts.clone(),
            samples: Default::default(),
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

pub fn now() -> i64 {
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
    /// upgraded in place. An upgrade says nothing (see [`Store::open_with`]).
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, &quiet())
    }

    /// [`Store::open`], the progress of a long upgrade told to `progress`.
    pub fn open_with(path: &Path, progress: &Progress) -> Result<Store> {
        let location = path.display().to_string();
        let fail = |e: &dyn std::fmt::Display| open_error(&location, e);
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        let conn = Connection::open(path).map_err(|e| fail(&e))?;
        match Store::init(
            conn,
            location.clone(),
            location.clone(),
            Some(path),
            progress,
        ) {
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
                dicts: Default::default(),
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
                    s.load_dicts()?;
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

    /// The store at the default path (the progress of an upgrade on
    /// stderr).
    pub fn open_default() -> Result<Store> {
        let path = default_path()?;
        Store::open_with(&path, &to_stderr())
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
        Store::init(conn, ":memory:".to_string(), uri, None, &quiet())
            .expect("a new in-memory store")
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
            dicts: self.dicts.clone(),
        }
    }

    fn init(
        conn: Connection,
        location: String,
        uri: String,
        path: Option<&Path>,
        progress: &Progress,
    ) -> Result<Store> {
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
            // and a search reads its megabytes of text in few pages; the
            // space that removed articles free is given back a little at a
            // time (`compact`), which must be chosen before any table
            conn.execute_batch("PRAGMA page_size = 65536; PRAGMA auto_vacuum = INCREMENTAL;")
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
            dicts: Default::default(),
            samples: Default::default(),
        };
        // only a new or an old store is written to here: opening never
        // waits on a refresh running in another khabar
        if version < VERSION {
            migrate::migrate(&mut migrate::Upgrade {
                store: &mut store,
                from: version,
                path,
                progress,
            })?;
        }
        store.load_dicts()?;
        store.index_distinct = index_distinct(&store.conn);
        store.has_read_keys = has_read_keys(&store.conn);
        store.finish_v1()?;
        schema::add_tables(&store.conn).map_err(|e| fail(&e))?;
        if let Some(path) = path {
            // the search text's file: checked, made or mended; the text
            // still in segments' rows (a store before version 5) moved
            // there, the text not packed (before version 8) packed
            store.prepare_codes(path, progress)?;
        }
        store.has_read_keys = has_read_keys(&store.conn);
        store.index_distinct = index_distinct(&store.conn);
        Ok(store)
    }

    /// Know the dictionaries the store holds (a store without the table
    /// has none).
    pub(super) fn load_dicts(&mut self) -> Result<()> {
        let has_table: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'dictionaries')",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if !has_table {
            return Ok(());
        }
        let rows: Vec<(i64, i64, Vec<u8>)> = self
            .conn
            .prepare("SELECT id, kind, bytes FROM dictionaries ORDER BY id")
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .map_err(|e| self.err(e))?;
        let mut dicts = pack::write(&self.dicts);
        for (id, kind, bytes) in rows {
            if dicts.get(id).is_some() {
                continue;
            }
            let kind = pack::DictKind::from_code(kind).map_err(|e| self.err(e.in_column(1)))?;
            dicts.add(kind, pack::Dict::new(id, &bytes));
        }
        Ok(())
    }

    /// The dictionary `id` (loaded from the store when another connection
    /// trained it since this one looked).
    pub(super) fn dict(&self, id: Option<i64>) -> Result<Option<pack::Dict>> {
        let Some(id) = id else { return Ok(None) };
        if let Some(d) = pack::read(&self.dicts).get(id) {
            return Ok(Some(d));
        }
        let (kind, bytes): (i64, Vec<u8>) = self
            .conn
            .query_row(
                "SELECT kind, bytes FROM dictionaries WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        let kind = pack::DictKind::from_code(kind).map_err(|e| self.err(e.in_column(0)))?;
        let d = pack::Dict::new(id, &bytes);
        pack::write(&self.dicts).add(kind, d);
        Ok(Some(d))
    }

    /// Train the dictionaries from `samples` and keep them, in their own
    /// transaction (when none is open) or the caller's; from then on new
    /// text is packed with them.
    pub(super) fn train_dicts(&mut self, samples: &pack::Samples) -> Result<()> {
        // another connection may have trained them meanwhile
        self.load_dicts()?;
        let made: Vec<(pack::DictKind, Vec<u8>)> = [
            (pack::DictKind::Text, &samples.text),
            (pack::DictKind::Codes, &samples.codes),
        ]
        .into_iter()
        .filter(|(kind, _)| pack::read(&self.dicts).current(*kind).is_none())
        .filter_map(|(kind, s)| pack::train(s).map(|d| (kind, d)))
        .collect();
        let own = self.conn.is_autocommit();
        if own {
            self.begin()?;
        }
        let mut ids = Vec::new();
        for (kind, bytes) in &made {
            self.conn
                .prepare_cached("INSERT INTO dictionaries (kind, bytes, at) VALUES (?1, ?2, ?3)")
                .and_then(|mut st| st.execute(params![kind.code(), bytes, now()]))
                .map_err(|e| self.err(e))?;
            ids.push(self.conn.last_insert_rowid());
        }
        if own {
            self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
        }
        let mut dicts = pack::write(&self.dicts);
        for ((kind, bytes), id) in made.iter().zip(ids) {
            dicts.add(*kind, pack::Dict::new(id, bytes));
        }
        Ok(())
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            location: self.location.clone(),
            source: e,
        }
    }

    /// The dictionaries of this store's connections: what the threads that
    /// prepare articles pack their text with.
    pub fn dicts(&self) -> pack::Shared {
        self.dicts.clone()
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
