//! Upgrades: an ordered list of steps, each taking a store from one schema
//! version to the next (after cargo's `util/sqlite.rs`). A store of version
//! N runs every step after N, in order; a new store runs them all from
//! version 2's tables, so that a new store and an upgraded one have the
//! same tables. Each step commits with the version it reaches, and may be
//! run again on a store a kill left in its middle (it adds only what is
//! missing, packs only what is not packed): a kill at any moment leaves a
//! store the next opening upgrades.
//!
//! Never remove or reorder a step; a new version is a new step at the end.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, params};

use super::pack::{self, DictKind, Packing};
use super::{Progress, Result, Store, actors, schema};

/// One step of the upgrades.
pub(super) struct Step {
    /// The version it brings a store to.
    pub to: i64,
    /// What it does, for the progress line.
    pub what: &'static str,
    pub run: fn(&mut Upgrade<'_>) -> Result<()>,
}

/// What a step works with.
pub(super) struct Upgrade<'a> {
    pub store: &'a mut Store,
    /// The version the store had when opened (0: new).
    pub from: i64,
    /// The database's file (a store in memory has none).
    pub path: Option<&'a Path>,
    pub progress: &'a Progress,
}

/// Every step, in order: the step to version N is at N - 2.
pub(super) const STEPS: &[Step] = &[
    Step {
        to: 2,
        what: "version 2's tables",
        run: to_v2,
    },
    Step {
        to: 3,
        what: "the corpus's actors counted",
        run: to_v3,
    },
    Step {
        to: 4,
        what: "the names of an ingest staged",
        run: to_v4,
    },
    Step {
        to: 5,
        what: "the search text's place in its own file",
        run: to_v5,
    },
    Step {
        to: 6,
        what: "no change to the tables (the search index keeps its tokenizer)",
        run: to_v6,
    },
    Step {
        to: 7,
        what: "paragraph kinds, extra facts, whole texts fetched",
        run: to_v7,
    },
    Step {
        to: 8,
        what: "the articles' text packed",
        run: to_v8,
    },
];

/// Run every step after version `up.from`, in order.
pub(super) fn migrate(up: &mut Upgrade<'_>) -> Result<()> {
    let from = up.from;
    let last = STEPS.last().map_or(from, |s| s.to);
    if from > 0 && from < last {
        (up.progress)(&format!(
            "the store is of schema {from}: upgrading it to schema {last} \
             (stopped by a kill or Ctrl-C, it goes on at the next start)"
        ));
    }
    for step in STEPS.iter().filter(|s| s.to > from) {
        if up.from > 0 {
            (up.progress)(&format!(
                "upgrading the store to schema {}: {}",
                step.to, step.what
            ));
        }
        (step.run)(up)?;
    }
    Ok(())
}

/// Run `f` and set the version to `to`, in one transaction.
fn in_transaction(
    up: &mut Upgrade<'_>,
    to: i64,
    f: impl FnOnce(&Connection) -> rusqlite::Result<()>,
) -> Result<()> {
    let s = &mut *up.store;
    let result = s.conn.execute_batch("BEGIN IMMEDIATE").and_then(|()| {
        f(&s.conn)?;
        s.conn
            .execute_batch(&format!("PRAGMA user_version = {to}; COMMIT;"))
    });
    result.map_err(|e| {
        if !s.conn.is_autocommit() {
            let _ = s.conn.execute_batch("ROLLBACK");
        }
        s.err(e)
    })
}

/// Version 2's tables; a version 1 store's articles moved out of the way
/// first (they are stored again once every step has run: see
/// [`Store::finish_v1`]).
fn to_v2(up: &mut Upgrade<'_>) -> Result<()> {
    let v1 = up.from == 1;
    in_transaction(up, 2, |c| {
        if v1 {
            schema::begin_upgrade_from_v1(c)
        } else {
            c.execute_batch(schema::BASE)
        }
    })
}

fn to_v3(up: &mut Upgrade<'_>) -> Result<()> {
    in_transaction(up, 3, |c| {
        c.execute_batch(schema::ACTOR_TOTALS)?;
        actors::fill(c)
    })
}

fn to_v4(up: &mut Upgrade<'_>) -> Result<()> {
    in_transaction(up, 4, |c| c.execute_batch(schema::NAMES_STAGED))
}

/// The segments' place in the codes file (their text is moved there when
/// the file is made ready: [`Store::prepare_codes`]).
fn to_v5(up: &mut Upgrade<'_>) -> Result<()> {
    in_transaction(up, 5, |c| {
        schema::add_columns(c, "segments", &[("at", "INTEGER"), ("len", "INTEGER")])?;
        c.execute_batch(schema::CODES_FILE)
    })
}

/// Version 6 changed what a new store's search index is given, not the
/// tables: an older store keeps FTS5's own tokenizer (the same index).
fn to_v6(up: &mut Upgrade<'_>) -> Result<()> {
    in_transaction(up, 6, |_| Ok(()))
}

fn to_v7(up: &mut Upgrade<'_>) -> Result<()> {
    in_transaction(up, 7, |c| {
        schema::add_columns(c, "bodies", &[("kinds", "BLOB"), ("extra", "TEXT")])?;
        c.execute_batch(schema::FULL_TEXT)
    })
}

/// Articles packed a transaction at a time.
const PACK_BATCH: usize = 2_000;

/// The columns of packed text, the dictionaries; then every article's text
/// packed (with progress: a store of a million articles takes minutes),
/// and the space it freed given back to the system once (`VACUUM`, which
/// also lets the database give back space a little at a time from then
/// on: `auto_vacuum = INCREMENTAL`). The search text is packed when the
/// codes file is made ready ([`Store::prepare_codes`]).
fn to_v8(up: &mut Upgrade<'_>) -> Result<()> {
    let s = &mut *up.store;
    s.conn
        .execute_batch("BEGIN IMMEDIATE")
        .map_err(|e| s.err(e))?;
    let made = (|| -> rusqlite::Result<()> {
        schema::add_columns(
            &s.conn,
            "bodies",
            &[
                ("packing", "INTEGER NOT NULL DEFAULT 0"),
                ("dict", "INTEGER"),
                ("size", "INTEGER"),
            ],
        )?;
        schema::add_columns(
            &s.conn,
            "segments",
            &[
                ("packing", "INTEGER NOT NULL DEFAULT 0"),
                ("dict", "INTEGER"),
            ],
        )?;
        s.conn.execute_batch(schema::DICTIONARIES)?;
        s.conn.execute_batch("COMMIT")
    })();
    if let Err(e) = made {
        let _ = s.conn.execute_batch("ROLLBACK");
        return Err(s.err(e));
    }
    if up.from > 0 {
        s.load_dicts()?;
        s.pack_bodies(up.progress)?;
        if up.path.is_some() {
            s.vacuum_to_incremental(up.progress)?;
        }
    }
    in_transaction(up, 8, |_| Ok(()))
}

/// A line of progress every few seconds.
pub(super) struct Every {
    last: Instant,
    start: Instant,
}

impl Every {
    pub fn new() -> Every {
        let now = Instant::now();
        Every {
            last: now,
            start: now,
        }
    }

    /// Time for another line?
    pub fn due(&mut self) -> bool {
        if self.last.elapsed() >= Duration::from_secs(2) {
            self.last = Instant::now();
            true
        } else {
            false
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }
}

/// A count with thousands separated.
pub(super) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Store {
    /// Pack every article whose text is kept plain, a batch per
    /// transaction, on every core; the dictionaries trained first from
    /// the first articles when the store has none and enough text.
    fn pack_bodies(&mut self, progress: &Progress) -> Result<()> {
        let total = self.counts()?.0 as u64;
        if pack::read(&self.dicts).current(DictKind::Text).is_none() {
            let mut samples = pack::Samples::default();
            let mut st = self
                .conn
                .prepare("SELECT text FROM bodies WHERE packing = 0")
                .map_err(|e| self.err(e))?;
            let mut rows = st.query([]).map_err(|e| self.err(e))?;
            while let Some(r) = rows.next().map_err(|e| self.err(e))? {
                let text: String = r.get(0).map_err(|e| self.err(e))?;
                let mut coded = Vec::new();
                super::write::code_text(&text, &mut coded);
                samples.add(text.as_bytes(), &coded);
                if samples.enough() {
                    break;
                }
            }
            drop(rows);
            drop(st);
            if samples.enough() {
                self.train_dicts(&samples)?;
            }
        }
        let dict = pack::read(&self.dicts).current(DictKind::Text);
        let threads = crate::parallel::cores();
        let mut every = Every::new();
        let mut done = 0u64;
        let mut after = i64::MIN;
        loop {
            let rows: Vec<(i64, String)> = self
                .conn
                .prepare_cached(
                    "SELECT id, text FROM bodies WHERE id > ?1 AND packing = 0 ORDER BY id LIMIT ?2",
                )
                .and_then(|mut st| {
                    st.query_map(params![after, PACK_BATCH as i64], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?
                    .collect()
                })
                .map_err(|e| self.err(e))?;
            let Some(&(last, _)) = rows.last() else {
                break;
            };
            after = last;
            let packed: Vec<Vec<u8>> = crate::parallel::map(rows.len(), threads, |k| {
                pack::pack(rows[k].1.as_bytes(), dict)
            });
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.err(e))?;
            let written = (|| -> rusqlite::Result<()> {
                let mut st = self.conn.prepare_cached(
                    "UPDATE bodies SET text = ?2, packing = ?3, dict = ?4, size = ?5 WHERE id = ?1",
                )?;
                for ((id, text), p) in rows.iter().zip(&packed) {
                    st.execute(params![
                        id,
                        &p[..],
                        Packing::Zstd.code(),
                        dict.map(|d| d.id),
                        text.len() as i64
                    ])?;
                }
                self.conn.execute_batch("COMMIT")
            })();
            if let Err(e) = written {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(self.err(e));
            }
            done += rows.len() as u64;
            if every.due() {
                progress(&format!(
                    "  packing the articles' text: {} of {}",
                    thousands(done),
                    thousands(total)
                ));
            }
        }
        if done > 0 {
            progress(&format!(
                "  packed the text of {} articles in {:.1} s",
                thousands(done),
                every.elapsed().as_secs_f64()
            ));
        }
        Ok(())
    }

    /// Make the database give back freed space a little at a time from now
    /// on (`auto_vacuum = INCREMENTAL`), which an existing database takes
    /// with one whole `VACUUM`: the space it frees now is given back too.
    fn vacuum_to_incremental(&mut self, progress: &Progress) -> Result<()> {
        let mode: i64 = self
            .conn
            .query_row("PRAGMA auto_vacuum", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if mode == 2 {
            return Ok(());
        }
        let before = self.file_bytes();
        progress("  giving the space freed back to the system (VACUUM)");
        let tick = progress.clone();
        let mut every = Every::new();
        let _ = self.conn.progress_handler(
            100_000,
            Some(move || {
                if every.due() {
                    tick(&format!(
                        "  still giving space back: {:.0} s",
                        every.elapsed().as_secs_f64()
                    ));
                }
                false
            }),
        );
        let done = self.conn.execute_batch(
            "PRAGMA auto_vacuum = INCREMENTAL; VACUUM; PRAGMA wal_checkpoint(TRUNCATE);",
        );
        let _ = self.conn.progress_handler(0, None::<fn() -> bool>);
        done.map_err(|e| self.err(e))?;
        let after = self.file_bytes();
        progress(&format!(
            "  the database: {:.1} MB, {:.1} MB before",
            after as f64 / 1e6,
            before as f64 / 1e6
        ));
        Ok(())
    }

    /// The database file's size, in bytes.
    pub(super) fn file_bytes(&self) -> u64 {
        self.conn
            .query_row(
                "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_or(0, |n| n.max(0) as u64)
    }

    /// Store of a version 1 store's articles, moved aside by the step to
    /// version 2, stored again with their facts and index (one
    /// transaction), their read marks moved to them.
    pub(super) fn finish_v1(&mut self) -> Result<()> {
        let pending: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = ?1)",
                [schema::V1_ARTICLES],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if !pending {
            return Ok(());
        }
        self.index_distinct = super::index_distinct(&self.conn);
        self.has_read_keys = super::has_read_keys(&self.conn);
        self.transaction(|s| {
            let old = super::write::articles_of_v1(&s.conn).map_err(|e| s.err(e))?;
            for (feed, fetched_at, article) in old {
                let prepared = super::write::Prepared::new(article, fetched_at);
                s.insert_in_transaction(&feed, &prepared)?;
            }
            s.conn
                .execute_batch(&format!("DROP TABLE {};", schema::V1_ARTICLES))
                .map_err(|e| s.err(e))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_go_one_version_at_a_time_to_this_one() {
        for (k, step) in STEPS.iter().enumerate() {
            assert_eq!(step.to, k as i64 + 2, "{}", step.what);
        }
        assert_eq!(STEPS.last().map(|s| s.to), Some(super::super::VERSION));
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
