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
use std::io::{self, Read, Write};
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

    /// The lock of whoever writes a new file under [`CodesPlace::fresh_path`]
    /// (a compaction, a mend): taken at once or not (`wait` false: `None`
    /// when another holds it). The system lets it go when its process
    /// ends, however it ends.
    pub fn lock(&self, wait: bool) -> io::Result<Option<RewriteLock>> {
        use std::os::fd::AsRawFd;
        let mut p = self.path.as_os_str().to_owned();
        p.push(".lock");
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(PathBuf::from(p))?;
        let how = if wait {
            libc::LOCK_EX
        } else {
            libc::LOCK_EX | libc::LOCK_NB
        };
        // SAFETY: a valid descriptor, kept open by the lock it makes.
        if unsafe { libc::flock(f.as_raw_fd(), how) } == 0 {
            Ok(Some(RewriteLock(f)))
        } else {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::WouldBlock {
                Ok(None)
            } else {
                Err(e)
            }
        }
    }

    /// A file written whole under [`CodesPlace::fresh_path`] put in the
    /// place of the old one once the database names it (its id is this
    /// place's); a fresh file no database names (a kill came before its
    /// transaction committed) removed. A reader that opened the old one
    /// keeps it until it lets it go.
    pub fn finish_replace(&self) {
        let fresh = CodesPlace {
            path: self.fresh_path(),
            id: self.id,
        };
        match fresh.open() {
            Ok(_) => {
                let _ = std::fs::rename(&fresh.path, &self.path);
            }
            // another process may be writing it now: only a file nobody
            // writes goes
            Err(_) if fresh.path.exists() && self.open().is_ok() => {
                if let Ok(Some(_lock)) = self.lock(false) {
                    let _ = std::fs::remove_file(&fresh.path);
                }
            }
            Err(_) => {}
        }
    }
}

/// Held while a new codes file is written beside the old one.
pub struct RewriteLock(#[allow(dead_code)] File);

/// The file is written, and mapped, in blocks of this size, aligned in
/// the file: the system can then keep each block in memory as one huge
/// page (a folio of 2 MB), which a search maps in one step instead of 512.
/// Mapping page by page and unmapping again was half the time of a count.
pub const BLOCK: u64 = 2 << 20;

/// Appends to a codes file a block at a time: bytes are held until a whole
/// aligned block can be written, or until [`Appender::flush`] (before the
/// transaction that points at them commits).
pub struct Appender {
    file: File,
    /// Where the next byte pushed lands; `None` until the first push after
    /// a flush, which finds the file's end again (another process may have
    /// appended between two transactions).
    end: Option<u64>,
    held: Vec<u8>,
    /// Where the first byte pushed since the last [`Appender::settle`] is.
    since: Option<u64>,
}

impl Appender {
    pub fn new(file: File) -> Appender {
        Appender {
            file,
            end: None,
            held: Vec::new(),
            since: None,
        }
    }

    /// Add `bytes` after everything pushed: where they start in the file.
    pub fn push(&mut self, bytes: &[u8]) -> io::Result<u64> {
        let at = match self.end {
            Some(end) => end,
            None => self.file.metadata()?.len(),
        };
        let end = at + bytes.len() as u64;
        self.end = Some(end);
        self.since.get_or_insert(at);
        self.held.extend_from_slice(bytes);
        // the whole blocks held, written now
        let start = end - self.held.len() as u64;
        let upto = end - end % BLOCK;
        if upto > start {
            let n = (upto - start) as usize;
            self.write_held(start, n)?;
        }
        Ok(at)
    }

    fn write_held(&mut self, start: u64, n: usize) -> io::Result<()> {
        use std::os::unix::fs::FileExt;
        let result = self.file.write_all_at(&self.held[..n], start);
        if result.is_err() {
            // what is held may have been written in part: the end is
            // found again at the next push
            self.discard();
        } else {
            self.held.drain(..n);
        }
        result
    }

    /// Write out everything held: where the file ends.
    pub fn flush(&mut self) -> io::Result<u64> {
        match self.end.take() {
            Some(end) => {
                let n = self.held.len();
                if n > 0 {
                    self.write_held(end - n as u64, n)?;
                }
                Ok(end)
            }
            None => Ok(self.file.metadata()?.len()),
        }
    }

    /// Forget what is held (a transaction rolled back).
    pub fn discard(&mut self) {
        self.held.clear();
        self.end = None;
    }

    pub fn sync_data(&self) -> io::Result<()> {
        self.file.sync_data()
    }

    /// After many pushes (an ingest): what was pushed since the last
    /// settle is put on the disk, dropped from the system's cache, and
    /// read back in huge pages. (Written a transaction at a time, a block
    /// was cached in small pages, which a search maps one by one; the
    /// system keeps those pages until they leave its cache.) Bytes held
    /// are written first; that is the only part that can fail: the rest
    /// is a hint, and a system that refuses it (no huge pages, a file that
    /// cannot be mapped) loses nothing but the speed.
    pub fn settle(&mut self) -> io::Result<()> {
        let end = self.flush()?;
        let Some(since) = self.since.take() else {
            return Ok(());
        };
        // pages not yet on the disk would stay in the cache
        if self.file.sync_data().is_err() {
            return Ok(());
        }
        let from = since - since % BLOCK;
        // pages still mapped by a reader stay as they are
        drop_from_cache(&self.file, from, end - from);
        let mut at = from;
        while at < end {
            let len = (end - at).min(WINDOW_TO_SETTLE);
            let Ok(map) = map_blocks(&self.file, at, len) else {
                break;
            };
            for k in (0..map.len()).step_by(BLOCK as usize) {
                // SAFETY: in the mapping; a read the compiler keeps.
                unsafe { std::ptr::read_volatile(map.as_ptr().add(k)) };
            }
            at += len;
        }
        Ok(())
    }
}

/// How much [`Appender::settle`] maps at a time.
const WINDOW_TO_SETTLE: u64 = 4 * BLOCK;

/// Ask the system to drop `len` bytes at `at` of `file` from its cache.
fn drop_from_cache(file: &File, at: u64, len: u64) {
    use std::os::fd::AsRawFd;
    let (Ok(at), Ok(len)) = (libc::off_t::try_from(at), libc::off_t::try_from(len)) else {
        return;
    };
    // SAFETY: a valid descriptor; the call only reads its arguments.
    unsafe { libc::posix_fadvise(file.as_raw_fd(), at, len, libc::POSIX_FADV_DONTNEED) };
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
        // a mapping starts and ends on a block (where the file allows), so
        // that each block held as a huge page is mapped as one
        let start = at - at % BLOCK;
        let stop = end.max(at.saturating_add(ahead));
        let stop = stop.div_ceil(BLOCK).saturating_mul(BLOCK).min(file_len);
        let map = map_blocks(file, start, stop - start)?;
        Ok(View { map, start })
    }

    /// The bytes `at..at + len` of the file, if this view holds them.
    pub fn get(&self, at: u64, len: usize) -> Option<&[u8]> {
        let from = usize::try_from(at.checked_sub(self.start)?).ok()?;
        self.map.get(from..from.checked_add(len)?)
    }
}

/// `len` bytes of a codes file from `at` mapped in memory, read from the
/// disk as huge pages where the system allows them (a hint: nothing fails
/// without it).
fn map_blocks(file: &File, at: u64, len: u64) -> io::Result<memmap2::Mmap> {
    // SAFETY: the file is only ever appended to (never rewritten or cut
    // where it is: see the module's text), so the bytes mapped do not
    // change while the mapping lives.
    let map = unsafe {
        memmap2::MmapOptions::new()
            .offset(at)
            .len(len as usize)
            .map(file)?
    };
    let _ = map.advise(memmap2::Advice::HugePage);
    Ok(map)
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

use super::pack::{self, Packing};
use super::{Progress, Result, Store, StoreError};

/// A segment's row: the search text of a run of articles.
#[derive(Clone, Debug)]
pub(super) struct SegmentRow {
    pub ids: Vec<i64>,
    /// Where each article's bytes end in the segment's bytes.
    pub ends: Vec<usize>,
    /// One name per article, a line each (empty when not asked for).
    pub names: String,
    pub packing: Packing,
    pub dict: Option<i64>,
    /// In the codes file (`at`, `len`), or in the row itself.
    pub place: Place,
}

#[derive(Clone, Debug)]
pub(super) enum Place {
    File { at: u64, len: usize },
    Row(Vec<u8>),
}

/// What a segment's row is read as: its first id, ids, ends, names,
/// packing, dictionary, place in the file and bytes in the row.
const SEGMENT_COLUMNS: &str = "first, ids, ends, names, packing, dict, at, len, coded";

fn segment_row(r: &rusqlite::Row) -> rusqlite::Result<SegmentRow> {
    let ends: Vec<u8> = r.get(2)?;
    let packing = Packing::from_code(r.get(4)?).map_err(|e| e.in_column(4))?;
    let at: Option<i64> = r.get(6)?;
    let len: Option<i64> = r.get(7)?;
    let place = match (at, len) {
        (Some(at), Some(len)) => Place::File {
            at: at.max(0) as u64,
            len: len.max(0) as usize,
        },
        _ => Place::Row(r.get(8)?),
    };
    Ok(SegmentRow {
        ids: super::write::ids_from_bytes(&r.get::<_, Vec<u8>>(1)?),
        ends: ends
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .collect(),
        names: r.get(3)?,
        packing,
        dict: r.get(5)?,
        place,
    })
}

/// Ends as a segment's row keeps them (u32, little-endian).
pub(super) fn ends_to_bytes(ends: &[usize]) -> Vec<u8> {
    ends.iter()
        .flat_map(|&e| (e as u32).to_le_bytes())
        .collect()
}

/// Reads segments' bytes from the codes file: the file opened once, a
/// window of it mapped at a time.
#[derive(Default)]
pub(super) struct SegmentReader {
    file: Option<(File, u64)>,
    view: Option<View>,
    /// How much more than asked for a mapping covers.
    ahead: u64,
}

impl SegmentReader {
    pub fn new(ahead: u64) -> SegmentReader {
        SegmentReader {
            ahead,
            ..Default::default()
        }
    }
}

/// The articles `pick` (their places in `row`) of a segment whose bytes are
/// `bytes`, unpacked one after the other into `out`, and where each ends
/// there (`out_ends`, from `out`'s start).
pub(super) fn unpack_articles(
    row: &SegmentRow,
    dict: Option<pack::Dict>,
    bytes: &[u8],
    pick: impl Iterator<Item = usize>,
    out: &mut Vec<u8>,
    out_ends: &mut Vec<usize>,
) -> io::Result<()> {
    out.clear();
    out_ends.clear();
    for k in pick {
        let start = if k == 0 { 0 } else { row.ends[k - 1] };
        let end = row.ends[k];
        let piece = bytes
            .get(start..end)
            .ok_or_else(|| other("a segment's article lies outside its bytes"))?;
        match row.packing {
            Packing::Plain => out.extend_from_slice(piece),
            Packing::Zstd => pack::unpack_into(piece, dict, out)?,
        }
        out_ends.push(out.len());
    }
    Ok(())
}

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
            .prepare_cached("SELECT value FROM store_meta WHERE key = 'codes_id'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.try_into().ok()))
    }

    pub(super) fn codes_end(&self) -> rusqlite::Result<u64> {
        let v: Option<i64> = self
            .conn
            .prepare_cached("SELECT value FROM store_meta WHERE key = 'codes_end'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(v.map_or(HEADER_LEN, |v| v as u64))
    }

    pub(super) fn set_meta(
        &self,
        key: &str,
        value: rusqlite::types::Value,
    ) -> rusqlite::Result<()> {
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
    /// (new with the store), a compaction a kill interrupted finished, the
    /// file checked against what the database says of it, and written again
    /// when it falls short, or when segments' text is still in their rows
    /// (before version 5) or not packed (before version 8).
    pub(super) fn prepare_codes(&mut self, db: &Path, progress: &Progress) -> Result<()> {
        // a new store has no id yet: no file is its own, and the one
        // written for it below gives it its id
        let id = self.meta_id().map_err(|e| self.err(e))?.unwrap_or_default();
        let place = CodesPlace::beside(db, id);
        self.codes = Some(place.clone());
        place.finish_replace();
        let end = self.codes_end().map_err(|e| self.err(e))?;
        let unpacked: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM segments WHERE at IS NULL OR packing = 0)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        match place.open() {
            Ok((_, len)) if len >= end && !unpacked => Ok(()),
            Ok(file) => self.rewrite_codes(Some(file), progress),
            Err(_) => self.rewrite_codes(None, progress),
        }
    }

    /// Write the codes file again, whole, under a new id, in one
    /// transaction: each segment's text taken from its row, or from `old`
    /// (the file as it is, this store's) where it holds it, else made again
    /// from the articles' text; packed where it was not.
    fn rewrite_codes(&mut self, old: Option<(File, u64)>, progress: &Progress) -> Result<()> {
        let Some(place) = self.codes.clone() else {
            return Ok(());
        };
        // until the transaction that points at the new file commits, the
        // database's id names the old one: nothing reads new offsets in an
        // old file or old ones in the new
        let place = CodesPlace {
            id: new_id(&place.path),
            ..place
        };
        let _lock = place.lock(true).map_err(|e| self.codes_error(e))?;
        let fresh = place.fresh_path();
        let file = place.create_at(&fresh).map_err(|e| self.codes_error(e))?;
        let mut out = Appender::new(file);
        let mut old = old;
        self.begin()?;
        let result = (|| -> Result<()> {
            let firsts: Vec<i64> = self
                .conn
                .prepare("SELECT first FROM segments ORDER BY first")
                .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
                .map_err(|e| self.err(e))?;
            let total = firsts.len();
            let mut every = super::migrate::Every::new();
            for (k, first) in firsts.into_iter().enumerate() {
                let Some(row) = self.read_segment(first, true)? else {
                    continue;
                };
                let (bytes, ends, dict) = self.segment_packed(&row, old.as_mut())?;
                let at = out.push(&bytes).map_err(|e| self.codes_error(e))?;
                self.conn
                    .prepare_cached(
                        "UPDATE segments SET at = ?2, len = ?3, ends = ?4, packing = ?5,
                         dict = ?6, coded = X'' WHERE first = ?1",
                    )
                    .and_then(|mut st| {
                        st.execute(params![
                            first,
                            at as i64,
                            bytes.len() as i64,
                            ends_to_bytes(&ends),
                            Packing::Zstd.code(),
                            dict,
                        ])
                    })
                    .map_err(|e| self.err(e))?;
                if every.due() {
                    progress(&format!(
                        "  writing the search text: segment {} of {}",
                        k + 1,
                        total
                    ));
                }
            }
            let end = out.flush().and_then(|end| {
                out.sync_data()?;
                Ok(end)
            });
            let end = end.map_err(|e| self.codes_error(e))?;
            self.set_meta("codes_end", (end as i64).into())
                .map_err(|e| self.err(e))?;
            self.set_meta("codes_id", place.id.to_vec().into())
                .map_err(|e| self.err(e))?;
            Ok(())
        })();
        match result {
            Ok(()) => {
                self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
                // committed: the new file is the store's, under either name
                self.codes = Some(place.clone());
                self.codes_writer = None;
                place.finish_replace();
                Ok(())
            }
            Err(e) => {
                self.rollback();
                let _ = std::fs::remove_file(&fresh);
                Err(e)
            }
        }
    }

    /// A segment's text packed, one frame per article: its bytes, the ends
    /// of its frames and the dictionary they use. Taken as it is when it
    /// is packed (from its row, or from `file` where that holds it),
    /// packed when it is plain, made again from the articles' text when
    /// it can be read nowhere.
    pub(super) fn segment_packed(
        &self,
        row: &SegmentRow,
        file: Option<&mut (File, u64)>,
    ) -> Result<(Vec<u8>, Vec<usize>, Option<i64>)> {
        let bytes: Option<Vec<u8>> = match (&row.place, file) {
            (Place::Row(b), _) => Some(b.clone()),
            (Place::File { at, len }, Some((f, flen))) if at + *len as u64 <= *flen => {
                let mut b = vec![0u8; *len];
                use std::os::unix::fs::FileExt;
                f.read_exact_at(&mut b, *at)
                    .map_err(|e| self.codes_error(e))?;
                Some(b)
            }
            _ => None,
        };
        let whole = bytes
            .as_ref()
            .is_some_and(|b| row.ends.last().is_none_or(|&e| e <= b.len()));
        if let (Some(b), true, Packing::Zstd) = (&bytes, whole, row.packing) {
            return Ok((b.clone(), row.ends.clone(), row.dict));
        }
        let dict = pack::read(&self.dicts).current(pack::DictKind::Codes);
        let (mut packed, mut ends) = (Vec::new(), Vec::new());
        match (bytes, whole) {
            (Some(b), true) => {
                let mut start = 0;
                for &end in &row.ends {
                    packed.extend_from_slice(&pack::pack(&b[start..end], dict));
                    ends.push(packed.len());
                    start = end;
                }
            }
            _ => {
                let mut st = self
                    .conn
                    .prepare_cached("SELECT text, packing, dict FROM bodies WHERE id = ?1")
                    .map_err(|e| self.err(e))?;
                for &id in &row.ids {
                    let body = st
                        .query_row([id], |r| {
                            Ok((
                                r.get_ref(0)?.as_bytes()?.to_vec(),
                                r.get::<_, i64>(1)?,
                                r.get::<_, Option<i64>>(2)?,
                            ))
                        })
                        .optional()
                        .map_err(|e| self.err(e))?;
                    let mut coded = Vec::new();
                    if let Some((text, packing, d)) = body {
                        let text = self.text_of(text, packing, d)?;
                        super::write::code_text(&text, &mut coded);
                    }
                    packed.extend_from_slice(&pack::pack(&coded, dict));
                    ends.push(packed.len());
                }
            }
        }
        Ok((packed, ends, dict.map(|d| d.id)))
    }

    /// Segment `first`'s row (with its articles' names when asked for).
    pub(super) fn read_segment(&self, first: i64, names: bool) -> Result<Option<SegmentRow>> {
        let sql = if names {
            format!("SELECT {SEGMENT_COLUMNS} FROM segments WHERE first = ?1")
        } else {
            format!(
                "SELECT {} FROM segments WHERE first = ?1",
                SEGMENT_COLUMNS.replace("names", "''")
            )
        };
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut st| st.query_row([first], segment_row).optional())
            .map_err(|e| self.err(e))
    }

    /// The bytes of segment `row`: mapped from the codes file through
    /// `reader`, or its row's.
    pub(super) fn segment_bytes<'r>(
        &self,
        row: &'r SegmentRow,
        reader: &'r mut SegmentReader,
    ) -> Result<&'r [u8]> {
        match &row.place {
            Place::Row(b) => Ok(b),
            &Place::File { at, len } => {
                let (file, file_len) = self.codes_in(&mut reader.file)?;
                if at + len as u64 > *file_len {
                    // written since the file was opened (this thread's
                    // snapshot is newer than the search's)
                    *file_len = file.metadata().map_err(|e| self.codes_error(e))?.len();
                }
                if reader.view.as_ref().and_then(|v| v.get(at, len)).is_none() {
                    // the window before unmapped before the next is mapped
                    drop(reader.view.take());
                    reader.view = Some(
                        View::new(file, *file_len, at, len, reader.ahead)
                            .map_err(|e| self.codes_error(e))?,
                    );
                }
                Ok(reader
                    .view
                    .as_ref()
                    .and_then(|v| v.get(at, len))
                    .unwrap_or_default())
            }
        }
    }

    /// Store a segment's row, its bytes (one packed frame per article, each
    /// ending where `ends` says) appended to the codes file (or in the row,
    /// for a store in memory), in the transaction open.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn put_segment(
        &mut self,
        first: i64,
        last: i64,
        ids: &[u8],
        ends: &[usize],
        names: &str,
        bytes: &[u8],
        dict: Option<i64>,
    ) -> Result<()> {
        let at = match self.codes.clone() {
            None => None,
            Some(place) => {
                // the file a compaction put in the place of the one this
                // connection appended to, since its last transaction
                let id = self.meta_id().map_err(|e| self.err(e))?;
                if self
                    .codes_writer
                    .as_ref()
                    .is_some_and(|(_, w)| Some(*w) != id)
                {
                    self.codes_writer = None;
                }
                if self.codes_writer.is_none() {
                    let place = CodesPlace {
                        id: id.unwrap_or(place.id),
                        ..place
                    };
                    let end = self.codes_end().map_err(|e| self.err(e))?;
                    let file = place.open_to_append(end).map_err(|e| self.codes_error(e))?;
                    self.codes_writer = Some((Appender::new(file), place.id));
                    self.codes = Some(place);
                }
                let writer = &mut self.codes_writer.as_mut().expect("opened above").0;
                let at = writer.push(bytes).map_err(|e| self.codes_error(e))?;
                self.codes_appended = true;
                self.set_meta("codes_end", ((at + bytes.len() as u64) as i64).into())
                    .map_err(|e| self.err(e))?;
                Some(at as i64)
            }
        };
        let in_row: &[u8] = if at.is_some() { &[] } else { bytes };
        self.conn
            .prepare_cached(
                "INSERT INTO segments (first, last, ids, ends, names, coded, at, len, packing, dict)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    first,
                    last,
                    ids,
                    ends_to_bytes(ends),
                    names,
                    in_row,
                    at,
                    bytes.len() as i64,
                    Packing::Zstd.code(),
                    dict,
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Before a commit: what the transaction appended to the codes file
    /// is in the file, and on the disk (unless an ingest said not to wait
    /// for it).
    pub(super) fn sync_codes(&mut self) -> Result<()> {
        self.flush_codes()?;
        if std::mem::take(&mut self.codes_appended)
            && !self.staging
            && let Some((f, _)) = &self.codes_writer
        {
            f.sync_data().map_err(|e| self.codes_error(e))?;
        }
        Ok(())
    }

    /// After an ingest: what it appended to the codes file is read back
    /// in huge pages ([`Appender::settle`]).
    pub(super) fn settle_codes(&mut self) -> Result<()> {
        if let Some((w, _)) = &mut self.codes_writer {
            let settled = w.settle();
            settled.map_err(|e| self.codes_error(e))?;
        }
        Ok(())
    }

    /// What the transaction appended to the codes file, written out (for
    /// a reader of the segments it wrote).
    pub(super) fn flush_codes(&mut self) -> Result<()> {
        if let Some((w, _)) = &mut self.codes_writer {
            let flushed = w.flush();
            flushed.map_err(|e| self.codes_error(e))?;
        }
        Ok(())
    }

    /// The codes file open to read, and its length: opened into `slot` the
    /// first time a segment's text is to be read from it. The file is the
    /// one the database names now (in this connection's snapshot): at its
    /// place, or under the name a compaction wrote it before it took that
    /// place.
    pub(super) fn codes_in<'s>(
        &self,
        slot: &'s mut Option<(File, u64)>,
    ) -> Result<&'s mut (File, u64)> {
        if slot.is_none() {
            let opened = match &self.codes {
                Some(place) => {
                    let id = self.meta_id().map_err(|e| self.err(e))?.unwrap_or(place.id);
                    let place = CodesPlace {
                        id,
                        ..place.clone()
                    };
                    place.open().or_else(|e| {
                        CodesPlace {
                            path: place.fresh_path(),
                            ..place
                        }
                        .open()
                        .map_err(|_| e)
                    })
                }
                None => Err(other("the store has no codes file")),
            };
            *slot = Some(opened.map_err(|e| self.codes_error(e))?);
        }
        Ok(slot.as_mut().expect("opened above"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str) -> (PathBuf, File) {
        let path =
            std::env::temp_dir().join(format!("khabar-appender-{}-{name}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .unwrap();
        (path, file)
    }

    /// Pieces of many sizes, some larger than a block, each a different
    /// byte pattern.
    fn pieces() -> Vec<Vec<u8>> {
        [
            100,
            BLOCK as usize - 7,
            3,
            2 * BLOCK as usize + 11,
            0,
            5000,
            BLOCK as usize,
        ]
        .iter()
        .enumerate()
        .map(|(i, &n)| (0..n).map(|k| (k * 7 + i * 13) as u8).collect())
        .collect()
    }

    #[test]
    fn pushed_bytes_are_in_the_file_where_push_said_once_flushed() {
        let (path, mut file) = temp_file("where");
        file.write_all(b"header").unwrap();
        let mut w = Appender::new(file);
        let mut places = Vec::new();
        for p in pieces() {
            places.push(w.push(&p).unwrap());
            // what is written so far ends on a block (or is the header)
            let len = std::fs::metadata(&path).unwrap().len();
            assert!(len == 6 || len % BLOCK == 0, "{len}");
        }
        let end = w.flush().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(end, bytes.len() as u64);
        assert_eq!(&bytes[..6], b"header");
        for (p, at) in pieces().iter().zip(&places) {
            assert_eq!(&bytes[*at as usize..*at as usize + p.len()], &p[..]);
        }
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn settling_writes_what_is_held_and_changes_no_byte() {
        let (path, file) = temp_file("settle");
        let mut w = Appender::new(file);
        let mut all = Vec::new();
        for p in pieces() {
            w.push(&p).unwrap();
            all.extend_from_slice(&p);
        }
        w.settle().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), all);
        // and again, with nothing pushed since
        w.settle().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), all);
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn a_push_after_a_flush_or_a_discard_starts_at_the_files_end() {
        let (path, file) = temp_file("end");
        let mut w = Appender::new(file.try_clone().unwrap());
        w.push(b"kept").unwrap();
        w.flush().unwrap();
        // a rolled back transaction's bytes: held ones are dropped
        w.push(b"dropped").unwrap();
        w.discard();
        // another writer appends between two transactions
        let mut other = Appender::new(file);
        assert_eq!(other.push(b"other's").unwrap(), 4);
        other.flush().unwrap();
        assert_eq!(w.push(b"mine").unwrap(), 11);
        w.flush().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"keptother'smine");
        std::fs::remove_file(&path).unwrap();
    }
}
