//! The search text's file: the coded text (`search::code`) of every
//! segment, one after another, in `khabar.db.codes` beside the database. A
//! search maps it into memory and counts in place, with no copy out of
//! SQLite's pages (a query found in half the articles reads the whole text:
//! copying it was most of the time).
//!
//! The database says where each segment's text is (`segments.at`, `len`),
//! how far the file is written (`store_meta` `codes_end`), and which file
//! is its own (`codes_id`, repeated in the file's header). Bytes are
//! appended, never rewritten or cut in place, before the transaction that
//! points at them commits: a process killed in between leaves bytes no row
//! points at, nothing worse, and a reader of an older snapshot still finds
//! its bytes where they were. A file that is missing, another store's, or
//! shorter than the database says is written again from the articles'
//! text when the store is next opened to write ([`super::Store`]'s repair).
//!
//! A store in memory keeps its segments' text in the database
//! (`segments.coded`; `at` is NULL then).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The file's first bytes: what it is, then the store's id.
const MAGIC: &[u8; 16] = b"khabar codes v1\n";
pub const HEADER_LEN: u64 = 32;

/// Where a store's codes file is, and the id its header must carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodesPlace {
    pub path: PathBuf,
    pub id: [u8; 16],
}

impl CodesPlace {
    /// The codes file of the database at `db`.
    pub fn beside(db: &Path, id: [u8; 16]) -> CodesPlace {
        let mut p = db.as_os_str().to_owned();
        p.push(".codes");
        CodesPlace {
            path: PathBuf::from(p),
            id,
        }
    }

    fn header(&self) -> [u8; HEADER_LEN as usize] {
        let mut h = [0u8; HEADER_LEN as usize];
        h[..16].copy_from_slice(MAGIC);
        h[16..].copy_from_slice(&self.id);
        h
    }

    /// The file opened to read, if it is this store's; its length.
    pub fn open(&self) -> io::Result<(File, u64)> {
        self.open_with(false)
    }

    /// The file opened to read (and to write, with `write`), if it is this
    /// store's; its length.
    fn open_with(&self, write: bool) -> io::Result<(File, u64)> {
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(write)
            .open(&self.path)?;
        let mut h = [0u8; HEADER_LEN as usize];
        file.read_exact(&mut h)
            .map_err(|_| other("too short to be a codes file"))?;
        if h != self.header() {
            return Err(other("it belongs to another store"));
        }
        let len = file.metadata()?.len();
        Ok((file, len))
    }

    /// The file opened to append, if it is this store's and at least
    /// `end` long.
    pub fn open_to_append(&self, end: u64) -> io::Result<File> {
        let (file, len) = self.open_with(true)?;
        if len < end {
            return Err(other("shorter than the store says"));
        }
        Ok(file)
    }

    /// A new, empty file at `path` with this store's header (written whole
    /// before it takes the file's place: see [`CodesPlace::replace_with`]).
    pub fn create_at(&self, path: &Path) -> io::Result<File> {
        let mut f = File::create(path)?;
        f.write_all(&self.header())?;
        Ok(f)
    }

    /// The name a new file is written under before it takes the place of
    /// the old one.
    pub fn fresh_path(&self) -> PathBuf {
        let mut p = self.path.as_os_str().to_owned();
        p.push(".new");
        PathBuf::from(p)
    }

    /// Put the file written at `fresh` in the place of the old one (a
    /// reader that mapped the old one keeps it until it lets it go).
    pub fn replace_with(&self, fresh: &Path) -> io::Result<()> {
        std::fs::rename(fresh, &self.path)
    }
}

/// Append `bytes` at the end of `file`: where they start.
pub fn append(file: &mut File, bytes: &[u8]) -> io::Result<u64> {
    let at = file.seek(SeekFrom::End(0))?;
    file.write_all(bytes)?;
    Ok(at)
}

/// A stretch of a codes file mapped in memory, for as long as it lives.
pub struct View {
    map: memmap2::Mmap,
    /// Where in the file the mapping starts.
    start: u64,
}

impl View {
    /// At least `at..at + len` of `file` (`file_len` long), mapped with up
    /// to `ahead` bytes more after it: one mapping serves many segments
    /// (each mapping and unmapping costs more than reading a megabyte).
    pub fn new(file: &File, file_len: u64, at: u64, len: usize, ahead: u64) -> io::Result<View> {
        let end = at.saturating_add(len as u64);
        if at < HEADER_LEN || end > file_len {
            return Err(other("a segment lies outside the codes file"));
        }
        // a mapping starts on a page
        let start = at & !(page_size() - 1);
        let stop = end.max(at.saturating_add(ahead)).min(file_len);
        // SAFETY: the file is only ever appended to (never rewritten or
        // cut where it is: see the module's text), so the bytes mapped do
        // not change while the view lives.
        let map = unsafe {
            memmap2::MmapOptions::new()
                .offset(start)
                .len((stop - start) as usize)
                .map(file)?
        };
        Ok(View { map, start })
    }

    /// The bytes `at..at + len` of the file, if this view holds them.
    pub fn get(&self, at: u64, len: usize) -> Option<&[u8]> {
        let from = usize::try_from(at.checked_sub(self.start)?).ok()?;
        self.map.get(from..from.checked_add(len)?)
    }
}

fn page_size() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if n > 0 { n as u64 } else { 4096 }
}

fn other(what: &str) -> io::Error {
    io::Error::other(what.to_string())
}

/// A new id for a store's codes file: unlike any other store's.
pub fn new_id(db: &Path) -> [u8; 16] {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.update(&t.to_le_bytes());
    h.update(&std::process::id().to_le_bytes());
    h.update(db.as_os_str().as_encoded_bytes());
    h.digest128().to_le_bytes()
}

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError};

impl Store {
    /// The codes file's id the database holds.
    pub(super) fn meta_id(&self) -> rusqlite::Result<Option<[u8; 16]>> {
        let has_table: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'store_meta')",
            [],
            |r| r.get(0),
        )?;
        if !has_table {
            return Ok(None);
        }
        let v: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT value FROM store_meta WHERE key = 'codes_id'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.and_then(|v| v.try_into().ok()))
    }

    fn codes_end(&self) -> rusqlite::Result<u64> {
        let v: Option<i64> = self
            .conn
            .prepare_cached("SELECT value FROM store_meta WHERE key = 'codes_end'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(v.map_or(HEADER_LEN, |v| v as u64))
    }

    fn set_meta(&self, key: &str, value: rusqlite::types::Value) -> rusqlite::Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?1, ?2)")?
            .execute(params![key, value])?;
        Ok(())
    }

    pub(super) fn codes_error(&self, e: io::Error) -> StoreError {
        let file = self
            .codes
            .as_ref()
            .map_or_else(String::new, |c| c.path.display().to_string());
        StoreError::Open {
            location: self.location.clone(),
            reason: format!("its search text {file}: {e}"),
        }
    }

    /// Make ready the codes file of the store written at `db`: its id
    /// (new with the store), the file checked against what the database
    /// says of it, and written again where it falls short. With `upgrade`,
    /// segments whose text is still in their rows are moved to the file.
    pub(super) fn prepare_codes(&mut self, db: &Path, upgrade: bool) -> Result<()> {
        // a new store has no id yet: no file is its own, and the one
        // written for it below gives it its id
        let id = self.meta_id().map_err(|e| self.err(e))?.unwrap_or_default();
        let place = CodesPlace::beside(db, id);
        self.codes = Some(place.clone());
        let end = self.codes_end().map_err(|e| self.err(e))?;
        match place.open() {
            Ok((_, len)) if len >= end && !upgrade => Ok(()),
            Ok((_, len)) if len >= end => self.rewrite_codes(Mend::RowsOnly),
            Ok((_, len)) => self.rewrite_codes(Mend::Beyond(len)),
            Err(_) => self.rewrite_codes(Mend::All),
        }
    }

    /// Write segments' text to the codes file again, in one transaction:
    /// from their rows when it is there, else from the articles' text.
    fn rewrite_codes(&mut self, mend: Mend) -> Result<()> {
        let Some(place) = self.codes.clone() else {
            return Ok(());
        };
        // a file written whole gets a new id: until the transaction that
        // points at it commits, the database's id names no file, so nothing
        // reads new offsets in an old file or old ones in the new
        let place = match mend {
            Mend::All => CodesPlace {
                id: new_id(&place.path),
                ..place
            },
            _ => place,
        };
        let fresh = place.fresh_path();
        let mut file = match mend {
            Mend::All => place.create_at(&fresh),
            _ => std::fs::OpenOptions::new().write(true).open(&place.path),
        }
        .map_err(|e| self.codes_error(e))?;
        self.begin()?;
        let result = (|| -> Result<()> {
            let firsts: Vec<i64> = self
                .conn
                .prepare("SELECT first FROM segments ORDER BY first")
                .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
                .map_err(|e| self.err(e))?;
            for first in firsts {
                let (ids, at, len, coded): (Vec<u8>, Option<i64>, Option<i64>, Vec<u8>) = self
                    .conn
                    .query_row(
                        "SELECT ids, at, len, coded FROM segments WHERE first = ?1",
                        [first],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .map_err(|e| self.err(e))?;
                let wanted = match (mend, at) {
                    (_, None) => true,
                    (Mend::All, Some(_)) => true,
                    (Mend::Beyond(n), Some(at)) => at as u64 + len.unwrap_or(0) as u64 > n,
                    (Mend::RowsOnly, Some(_)) => false,
                };
                if !wanted {
                    continue;
                }
                let (text, ends) = if at.is_none() {
                    (coded, None)
                } else {
                    let ids = super::write::ids_from_bytes(&ids);
                    let (text, ends) = self.coded_from_bodies(&ids)?;
                    (text, Some(ends))
                };
                let at = append(&mut file, &text).map_err(|e| self.codes_error(e))?;
                self.conn
                    .execute(
                        "UPDATE segments SET at = ?2, len = ?3, coded = X'',
                         ends = coalesce(?4, ends) WHERE first = ?1",
                        params![first, at as i64, text.len() as i64, ends],
                    )
                    .map_err(|e| self.err(e))?;
            }
            let end = file
                .seek(SeekFrom::End(0))
                .map_err(|e| self.codes_error(e))?;
            file.sync_all().map_err(|e| self.codes_error(e))?;
            self.set_meta("codes_end", (end as i64).into())
                .map_err(|e| self.err(e))?;
            if let Mend::All = mend {
                self.set_meta("codes_id", place.id.to_vec().into())
                    .map_err(|e| self.err(e))?;
                place
                    .replace_with(&fresh)
                    .map_err(|e| self.codes_error(e))?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => {
                self.codes = Some(place);
                self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))
            }
            Err(e) => {
                self.rollback();
                if let Mend::All = mend {
                    let _ = std::fs::remove_file(&fresh);
                }
                Err(e)
            }
        }
    }

    /// The coded text of articles `ids` made again from their text, one
    /// after the other, and where each ends (as a segment's `ends`).
    fn coded_from_bodies(&self, ids: &[i64]) -> Result<(Vec<u8>, Vec<u8>)> {
        let mut st = self
            .conn
            .prepare_cached("SELECT text FROM bodies WHERE id = ?1")
            .map_err(|e| self.err(e))?;
        let (mut text, mut ends) = (Vec::new(), Vec::new());
        for &id in ids {
            let body: Option<String> = st
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(|e| self.err(e))?;
            if let Some(body) = body {
                super::write::code_text(&body, &mut text);
            }
            ends.extend_from_slice(&(text.len() as u32).to_le_bytes());
        }
        Ok((text, ends))
    }

    /// Store a segment's row, its text appended to the codes file (or in
    /// the row, for a store in memory), in the transaction open.
    pub(super) fn put_segment(
        &mut self,
        first: i64,
        last: i64,
        ids: &[u8],
        ends: &[u8],
        names: &str,
        coded: &[u8],
    ) -> Result<()> {
        let at = match &self.codes {
            None => None,
            Some(place) => {
                if self.codes_writer.is_none() {
                    let end = self.codes_end().map_err(|e| self.err(e))?;
                    let file = place.open_to_append(end).map_err(|e| self.codes_error(e))?;
                    self.codes_writer = Some(file);
                }
                let file = self.codes_writer.as_mut().expect("opened above");
                let at = append(file, coded);
                let at = at.map_err(|e| self.codes_error(e))?;
                self.codes_appended = true;
                self.set_meta("codes_end", ((at + coded.len() as u64) as i64).into())
                    .map_err(|e| self.err(e))?;
                Some(at as i64)
            }
        };
        let in_row: &[u8] = if at.is_some() { &[] } else { coded };
        self.conn
            .prepare_cached(
                "INSERT INTO segments (first, last, ids, ends, names, coded, at, len)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    first,
                    last,
                    ids,
                    ends,
                    names,
                    in_row,
                    at,
                    coded.len() as i64
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Before a commit: what the transaction appended to the codes file
    /// is on the disk first (unless an ingest said not to wait for it).
    pub(super) fn sync_codes(&mut self) -> Result<()> {
        if std::mem::take(&mut self.codes_appended)
            && !self.staging
            && let Some(f) = &self.codes_writer
        {
            f.sync_data().map_err(|e| self.codes_error(e))?;
        }
        Ok(())
    }

    /// The codes file open to read, and its length: opened into `slot` the
    /// first time a segment's text is to be read from it.
    pub(super) fn codes_in<'s>(
        &self,
        slot: &'s mut Option<(File, u64)>,
    ) -> Result<&'s mut (File, u64)> {
        if slot.is_none() {
            let opened = match &self.codes {
                Some(place) => place.open(),
                None => Err(other("the store has no codes file")),
            };
            *slot = Some(opened.map_err(|e| self.codes_error(e))?);
        }
        Ok(slot.as_mut().expect("opened above"))
    }
}

/// Which segments [`Store::rewrite_codes`] writes.
#[derive(Clone, Copy, Debug)]
enum Mend {
    /// Those whose text is still in their rows.
    RowsOnly,
    /// Those, and those past this length of the file.
    Beyond(u64),
    /// Every one, into a new file.
    All,
}
