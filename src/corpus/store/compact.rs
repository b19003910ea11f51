//! Compaction: the space that removed articles (a purge, a prune) leave is
//! given back. The codes file is only ever appended to, so a segment
//! written again without its removed articles leaves its old bytes behind;
//! the database keeps the pages it freed on its free list.
//!
//! - The codes file is written again, whole, without those bytes, under a
//!   new id, beside the old one (`khabar.db.codes.new`): first without
//!   holding the writer's lock (segments are never changed in place, only
//!   replaced), then, holding it, the segments written meanwhile, and every
//!   segment's new place committed in one transaction with the new id;
//!   then the new file takes the old one's name. A kill before that commit
//!   leaves the old file, which the database still names (the new one is
//!   removed at the next opening); a kill after it leaves the new file
//!   under either name, and the next opening gives it its place. Readers
//!   that opened the old file keep it until they let it go.
//! - The database gives its free pages back a few at a time
//!   (`PRAGMA incremental_vacuum`), each step a transaction of its own.
//!
//! Both stop between steps when asked, losing nothing.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::params;

use super::codes::{Appender, CodesPlace, HEADER_LEN, new_id};
use super::{Result, Store};

/// Free pages given back per step.
const VACUUM_STEP: i64 = 64;

/// Give back `pages` of the database's free pages (all of them: `None`).
/// SQLite gives back one page a step of the pragma, so it is stepped to
/// its end (run once, as `execute_batch` does, it gives back one page).
pub(super) fn incremental_vacuum(
    conn: &rusqlite::Connection,
    pages: Option<i64>,
) -> rusqlite::Result<()> {
    let sql = match pages {
        Some(n) => format!("PRAGMA incremental_vacuum({n})"),
        None => "PRAGMA incremental_vacuum".to_string(),
    };
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

/// What a compaction did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Compacted {
    /// The codes file's size before and after.
    pub codes_before: u64,
    pub codes_after: u64,
    /// The database's size before and after (its file, not counting the
    /// write-ahead log).
    pub db_before: u64,
    pub db_after: u64,
}

impl Compacted {
    /// Bytes given back.
    pub fn freed(&self) -> u64 {
        (self.codes_before + self.db_before).saturating_sub(self.codes_after + self.db_after)
    }
}

/// The codes file is written again when it holds at least this share of
/// bytes no segment points at (1/`WASTE`), and at least [`MIN_WASTE`].
const WASTE: u64 = 8;
const MIN_WASTE: u64 = 1 << 20;

impl Store {
    /// The bytes of the codes file no segment points at, and its size.
    pub fn codes_waste(&self) -> Result<(u64, u64)> {
        let Some(place) = &self.codes else {
            return Ok((0, 0));
        };
        let file = std::fs::metadata(&place.path).map_or(0, |m| m.len());
        let live: i64 = self
            .conn()
            .query_row(
                "SELECT coalesce(sum(len), 0) FROM segments WHERE at IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok((file.saturating_sub(HEADER_LEN + live.max(0) as u64), file))
    }

    /// Give back the space removed articles left: the codes file written
    /// again without what no segment points at (when that is worth it, or
    /// always with `force`), the database's free pages given back. Stops
    /// between steps when `stop` is set.
    pub fn compact(&mut self, force: bool, stop: &AtomicBool) -> Result<Compacted> {
        let (waste, codes_before) = self.codes_waste()?;
        let db_before = self.file_bytes();
        if waste > 0 && (force || (waste >= MIN_WASTE && waste * WASTE >= codes_before)) {
            self.compact_codes(stop)?;
        }
        self.vacuum_some(stop)?;
        let _ = self.conn().execute_batch("PRAGMA wal_checkpoint(PASSIVE);");
        let codes_after = self
            .codes
            .as_ref()
            .map_or(0, |p| std::fs::metadata(&p.path).map_or(0, |m| m.len()));
        Ok(Compacted {
            codes_before,
            codes_after,
            db_before,
            db_after: self.file_bytes(),
        })
    }

    /// Give the database's free pages back, a step at a time.
    fn vacuum_some(&mut self, stop: &AtomicBool) -> Result<()> {
        let incremental: bool = self
            .conn()
            .query_row("PRAGMA auto_vacuum", [], |r| r.get::<_, i64>(0))
            .map(|m| m == 2)
            .map_err(|e| self.err(e))?;
        if !incremental {
            return Ok(());
        }
        while !stop.load(Ordering::Relaxed) {
            let free: i64 = self
                .conn()
                .query_row("PRAGMA freelist_count", [], |r| r.get(0))
                .map_err(|e| self.err(e))?;
            if free == 0 {
                break;
            }
            incremental_vacuum(self.conn(), Some(VACUUM_STEP)).map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Write the codes file again with the bytes segments point at only.
    fn compact_codes(&mut self, stop: &AtomicBool) -> Result<()> {
        let Some(old) = self.codes.clone() else {
            return Ok(());
        };
        // a segment still in its row or not packed (only ever met while an
        // upgrade runs) is the opening's to move: nothing to do here then
        let unpacked: bool = self
            .conn()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM segments WHERE at IS NULL OR packing = 0)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if unpacked {
            return Ok(());
        }
        self.flush_codes()?;
        let place = CodesPlace {
            id: new_id(&old.path),
            ..old.clone()
        };
        // one compaction at a time, whichever process runs it
        let Some(_lock) = place.lock(false).map_err(|e| self.codes_error(e))? else {
            return Ok(());
        };
        let fresh = place.fresh_path();
        let file = place.create_at(&fresh).map_err(|e| self.codes_error(e))?;
        let mut out = Appender::new(file);
        let result = self.copy_segments(&mut out, &place, stop);
        match result {
            Ok(true) => {
                // committed: the new file is the store's, under either name
                self.codes = Some(place.clone());
                self.codes_writer = None;
                place.finish_replace();
                Ok(())
            }
            Ok(false) => {
                let _ = std::fs::remove_file(&fresh);
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_file(&fresh);
                Err(e)
            }
        }
    }

    /// Copy every segment's bytes into `out` (the file of `place`), and
    /// commit their new places with its id: false when stopped first.
    fn copy_segments(
        &mut self,
        out: &mut Appender,
        place: &CodesPlace,
        stop: &AtomicBool,
    ) -> Result<bool> {
        // without the lock: the segments as they are now (their bytes never
        // change while their row stands)
        let listed = self.segment_places()?;
        let mut reader = None;
        let mut moved: HashMap<i64, (u64, usize, u64)> = HashMap::new();
        for (first, at, len) in listed {
            if stop.load(Ordering::Relaxed) {
                return Ok(false);
            }
            let bytes = self.read_codes(&mut reader, at, len)?;
            let to = out.push(&bytes).map_err(|e| self.codes_error(e))?;
            moved.insert(first, (at, len, to));
        }
        // holding the lock: what was written meanwhile, and the new places
        self.begin()?;
        let committed = (|| -> Result<()> {
            let mut reader = None;
            let now = self.segment_places()?;
            let mut places = Vec::with_capacity(now.len());
            for (first, at, len) in now {
                let to = match moved.get(&first) {
                    Some(&(a, l, to)) if a == at && l == len => to,
                    _ => {
                        let bytes = self.read_codes(&mut reader, at, len)?;
                        out.push(&bytes).map_err(|e| self.codes_error(e))?
                    }
                };
                places.push((first, to));
            }
            let mut st = self
                .conn()
                .prepare_cached("UPDATE segments SET at = ?2 WHERE first = ?1")
                .map_err(|e| self.err(e))?;
            for (first, to) in places {
                st.execute(params![first, to as i64])
                    .map_err(|e| self.err(e))?;
            }
            drop(st);
            let end = out
                .flush()
                .and_then(|end| {
                    out.sync_data()?;
                    Ok(end)
                })
                .map_err(|e| self.codes_error(e))?;
            self.set_meta("codes_end", (end as i64).into())
                .map_err(|e| self.err(e))?;
            self.set_meta("codes_id", place.id.to_vec().into())
                .map_err(|e| self.err(e))?;
            Ok(())
        })();
        match committed {
            Ok(()) => {
                self.conn()
                    .execute_batch("COMMIT")
                    .map_err(|e| self.err(e))?;
                Ok(true)
            }
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }

    /// Every segment whose packed bytes are in the codes file: first id,
    /// place, length.
    fn segment_places(&self) -> Result<Vec<(i64, u64, usize)>> {
        self.conn()
            .prepare(
                "SELECT first, at, len FROM segments
                 WHERE at IS NOT NULL AND packing = 1 ORDER BY first",
            )
            .and_then(|mut st| {
                st.query_map([], |r| {
                    Ok((
                        r.get(0)?,
                        r.get::<_, i64>(1)?.max(0) as u64,
                        r.get::<_, i64>(2)?.max(0) as usize,
                    ))
                })?
                .collect()
            })
            .map_err(|e| self.err(e))
    }

    /// `len` bytes of the codes file at `at`.
    fn read_codes(
        &self,
        file: &mut Option<(std::fs::File, u64)>,
        at: u64,
        len: usize,
    ) -> Result<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let (f, _) = self.codes_in(file)?;
        let mut b = vec![0u8; len];
        f.read_exact_at(&mut b, at)
            .map_err(|e| self.codes_error(e))?;
        Ok(b)
    }
}
