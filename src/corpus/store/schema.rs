//! The store's tables (schema version 7) and the upgrades from versions
//! 1 to 6.
//!
//! - `feeds`: every feed (subscribed or not), its title, last fetch and error;
//! - `articles`: one row per article, small (what the list shows), by date;
//! - `bodies`: each article's text and where its title and paragraphs are;
//! - `files`: every file ingested, with the size and modification time it
//!   had then and the articles it gave (so an unchanged file is not read);
//! - `segments`: the folded text of the articles in the compact code of
//!   `search::code`, a batch of articles per row (ids `first..=last`), one
//!   after the other (what a search scans, in long runs), kept in the codes
//!   file beside the database (`at`, `len`; see `codes`), in the row
//!   itself for a store in memory; `store_meta`: the codes file's id and
//!   how far it is written; `titles`: each title alone, coded (what
//!   a query too short for the index scans); `search_index`: an FTS5
//!   trigram index over the folded text (which articles can match), read
//!   through the tokenizer of `trigrams` since version 6 (a store made
//!   before keeps FTS5's own, which gives the same index);
//! - `actors`, `statements`: the facts of each article, with the
//!   extractor's version in `articles.facts_version`; `names` and
//!   `name_articles`: every folded name of every actor, for the actor filter
//!   (`name_articles_staged`: its rows in arrival order during an ingest,
//!   moved in sorted when it ends);
//!   `actor_totals`: every actor of the corpus (folded name and kind) with
//!   how many stories name it and how often (the actors view, `P`);
//! - `read_state`: read marks by key for articles not stored (yet);
//! - since version 7, `bodies.kinds` (each paragraph's kind, a byte of
//!   [`crate::text::BlockKind::code`]; NULL: guessed from the text) and
//!   `bodies.extra` (JSON: author, categories, enclosures, lead image,
//!   language), and `full_text`: for a feed item whose page was fetched for
//!   its whole text, whether that worked (and why not), how often it was
//!   tried.

use rusqlite::Connection;

/// The schema's version, kept in `PRAGMA user_version`.
pub const VERSION: i64 = 7;

/// Version 2, created whole.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS feeds (
    url        TEXT PRIMARY KEY,
    title      TEXT,
    subscribed INTEGER NOT NULL DEFAULT 0,
    added_at   INTEGER NOT NULL,
    fetched_at INTEGER,
    error      TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    id            INTEGER PRIMARY KEY,
    origin        TEXT NOT NULL,
    link          TEXT UNIQUE,
    path          TEXT NOT NULL,
    hash          BLOB NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    source        TEXT,
    date          INTEGER NOT NULL,
    date_text     TEXT,
    added_at      INTEGER NOT NULL,
    read          INTEGER NOT NULL DEFAULT 0,
    facts_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles(date, id);
CREATE INDEX IF NOT EXISTS articles_by_origin ON articles(origin, date, id);
CREATE INDEX IF NOT EXISTS articles_unread ON articles(id) WHERE read = 0;
CREATE INDEX IF NOT EXISTS articles_by_facts ON articles(facts_version);
CREATE TABLE IF NOT EXISTS bodies (
    id         INTEGER PRIMARY KEY,
    title_end  INTEGER NOT NULL,
    paragraphs BLOB NOT NULL,
    text       TEXT NOT NULL,
    kinds      BLOB,
    extra      TEXT
);
CREATE TABLE IF NOT EXISTS full_text (
    id    INTEGER PRIMARY KEY,
    state INTEGER NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    at    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path     TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,
    mtime    INTEGER NOT NULL,
    articles BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS segments (
    first INTEGER PRIMARY KEY,
    last  INTEGER NOT NULL,
    ids   BLOB NOT NULL,
    ends  BLOB NOT NULL,
    names TEXT NOT NULL,
    coded BLOB NOT NULL,
    at    INTEGER,
    len   INTEGER
);
-- which segments hold a range of ids, without reading their rows
CREATE INDEX IF NOT EXISTS segments_span ON segments(last, first);
CREATE TABLE IF NOT EXISTS store_meta (
    key   TEXT PRIMARY KEY,
    value
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS titles (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    coded BLOB NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
    folded, content = '', contentless_delete = 1,
    tokenize = 'khabar_trigrams', detail = none
);
CREATE TABLE IF NOT EXISTS actors (
    article  INTEGER NOT NULL,
    ord      INTEGER NOT NULL,
    kind     INTEGER NOT NULL,
    name     TEXT NOT NULL,
    role     TEXT,
    aliases  TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    spans    BLOB NOT NULL,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS statements (
    article INTEGER NOT NULL,
    ord     INTEGER NOT NULL,
    kind    INTEGER NOT NULL,
    verb    TEXT NOT NULL,
    parties TEXT NOT NULL,
    topic   TEXT NOT NULL,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS names (
    id     INTEGER PRIMARY KEY,
    folded TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS name_articles (
    name    INTEGER NOT NULL,
    date    INTEGER NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY (name, date, article)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS name_articles_staged (
    name    INTEGER NOT NULL,
    date    INTEGER NOT NULL,
    article INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS actor_totals (
    folded   TEXT NOT NULL,
    kind     INTEGER NOT NULL,
    name     TEXT NOT NULL,
    stories  INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (folded, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actor_totals_by_stories ON actor_totals(stories DESC, mentions DESC);
CREATE TABLE IF NOT EXISTS read_state (
    key  TEXT PRIMARY KEY,
    read INTEGER NOT NULL,
    at   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS stats (
    one    INTEGER PRIMARY KEY CHECK (one = 1),
    total  INTEGER NOT NULL,
    unread INTEGER NOT NULL
);
INSERT OR IGNORE INTO stats (one, total, unread) VALUES (1, 0, 0);
CREATE TRIGGER IF NOT EXISTS stats_insert AFTER INSERT ON articles BEGIN
    UPDATE stats SET total = total + 1, unread = unread + (NEW.read = 0);
END;
CREATE TRIGGER IF NOT EXISTS stats_delete AFTER DELETE ON articles BEGIN
    UPDATE stats SET total = total - 1, unread = unread - (OLD.read = 0);
END;
CREATE TRIGGER IF NOT EXISTS stats_read AFTER UPDATE OF read ON articles
WHEN NEW.read <> OLD.read BEGIN
    UPDATE stats SET unread = unread + (NEW.read = 0) - (OLD.read = 0);
END;
";

/// Tables added beside version 7 without changing what it holds (a store
/// without them reads as before): what a reader set for a feed (its
/// folder from an OPML list, its list's order). Made when a writable
/// store is opened without them.
pub const ADDITIONS: &[(&str, &str)] = &[(
    "feed_settings",
    "CREATE TABLE IF NOT EXISTS feed_settings (
            url    TEXT PRIMARY KEY,
            folder TEXT,
            sort   TEXT
        ) WITHOUT ROWID;",
)];

/// Make the tables of [`ADDITIONS`] a store lacks (looked up first: a
/// store that has them is not written to).
pub fn add_tables(conn: &Connection) -> rusqlite::Result<()> {
    for (name, sql) in ADDITIONS {
        if !has_table(conn, name)? {
            conn.execute_batch(sql)?;
        }
    }
    Ok(())
}

/// Does the store hold table `name`?
pub fn has_table(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )
}

/// Before version 5 a segment's text was in its row only: where it is in
/// the codes file (NULL: still in the row).
pub fn add_codes_columns(conn: &Connection) -> rusqlite::Result<()> {
    let has: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('segments') WHERE name = 'at')",
        [],
        |r| r.get(0),
    )?;
    if !has {
        conn.execute_batch(
            "ALTER TABLE segments ADD COLUMN at INTEGER; ALTER TABLE segments ADD COLUMN len INTEGER;",
        )?;
    }
    Ok(())
}

/// Version 7's step: each paragraph's kind and the article's extra facts
/// beside its text (the `full_text` table is made by [`SCHEMA`], whose
/// statements all create only what is missing).
pub fn to_v7(conn: &Connection) -> rusqlite::Result<()> {
    for (column, ty) in [("kinds", "BLOB"), ("extra", "TEXT")] {
        let has: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('bodies') WHERE name = ?1)",
            [column],
            |r| r.get(0),
        )?;
        if !has {
            conn.execute_batch(&format!("ALTER TABLE bodies ADD COLUMN {column} {ty};"))?;
        }
    }
    Ok(())
}

/// Version 1's tables, as it wrote them (for the upgrade and its test).
pub const SCHEMA_V1: &str = "
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

/// Version 1's articles, renamed out of the way during the upgrade.
pub const V1_ARTICLES: &str = "articles_v1";

/// Rename version 1's articles table (its rows are ingested again by the
/// caller, then it is dropped) and create version 2's tables.
pub fn begin_upgrade_from_v1(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "DROP INDEX IF EXISTS articles_by_feed;
         ALTER TABLE articles RENAME TO {V1_ARTICLES};
         {SCHEMA}"
    ))
}
