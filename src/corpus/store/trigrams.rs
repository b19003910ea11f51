//! The search index's tokenizer, `khabar_trigrams`: the index holds, for
//! each article, the set of its folded text's trigrams (three characters
//! in a row, spaces and punctuation included, case kept), exactly what
//! FTS5's own `trigram case_sensitive 1` tokenizer gives it with
//! `detail = none`, where a trigram written twice in an article is stored
//! once.
//!
//! An article's text reaches the index already reduced to its distinct
//! trigrams, one after the other ([`distinct`], computed by the threads
//! that prepare articles, not by the writer); a document is read three
//! characters at a time. A query is read like FTS5's trigram tokenizer
//! reads it: every three characters in a row. About half of a news
//! article's trigrams repeat one written before in it, so the writer
//! hands the index half the tokens.

use std::ffi::{CStr, c_char, c_int, c_void};

use rusqlite::Connection;
use rusqlite::ffi;
use rustc_hash::FxHashSet;

/// The tokenizer's name, as the schema declares it.
pub const NAME: &CStr = c"khabar_trigrams";

/// A trigram written again after this many distinct ones may be given
/// again (harmless: the index keeps it once), so that the memory of a huge
/// text's distinct trigrams stays bounded.
const REMEMBERED: usize = 1 << 20;

/// The distinct trigrams of `folded`, in the order they first appear,
/// written one after the other (what the index is given for an article;
/// in a text of more than a million distinct trigrams, some twice).
pub fn distinct(folded: &str) -> String {
    let mut out = String::new();
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    // the last two characters and where they start
    let mut last: [(usize, char); 2] = [(0, '\0'); 2];
    for (k, (at, c)) in folded.char_indices().enumerate() {
        if k >= 2 {
            // characters are at most 21 bits: three fit a u64 exactly
            let key = (last[0].1 as u64) << 42 | (last[1].1 as u64) << 21 | c as u64;
            if seen.len() >= REMEMBERED {
                seen.clear();
            }
            if seen.insert(key) {
                out.push_str(&folded[last[0].0..at + c.len_utf8()]);
            }
        }
        last = [last[1], (at, c)];
    }
    out
}

/// Make the tokenizer known to `conn` (every connection that reads or
/// writes the index needs it).
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    static TOKENIZER: ffi::fts5_tokenizer = ffi::fts5_tokenizer {
        xCreate: Some(create),
        xDelete: Some(delete),
        xTokenize: Some(tokenize),
    };
    // SAFETY: the documented way to reach the FTS5 API of a connection:
    // `SELECT fts5(?1)` with a pointer bound as "fts5_api_ptr" writes the
    // API's address into it. The statement is finalized before returning;
    // FTS5 copies the tokenizer's table, which is static anyway.
    unsafe {
        let db = conn.handle();
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        let sql = c"SELECT fts5(?1)";
        let rc = ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, std::ptr::null_mut());
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None));
        }
        let mut api: *mut ffi::fts5_api = std::ptr::null_mut();
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        let rc = ffi::sqlite3_finalize(stmt);
        if rc != ffi::SQLITE_OK || api.is_null() {
            return Err(rusqlite::Error::SqliteFailure(
                ffi::Error::new(if rc == ffi::SQLITE_OK {
                    ffi::SQLITE_ERROR
                } else {
                    rc
                }),
                Some("FTS5 is not available".into()),
            ));
        }
        let Some(create_tokenizer) = (*api).xCreateTokenizer else {
            return Err(rusqlite::Error::SqliteFailure(
                ffi::Error::new(ffi::SQLITE_ERROR),
                Some("FTS5 cannot take a tokenizer".into()),
            ));
        };
        let rc = create_tokenizer(
            api,
            NAME.as_ptr(),
            std::ptr::null_mut(),
            (&TOKENIZER as *const ffi::fts5_tokenizer).cast_mut(),
            None,
        );
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None));
        }
    }
    Ok(())
}

/// The tokenizer keeps no state: every instance is this one address.
static INSTANCE: u8 = 0;

unsafe extern "C" fn create(
    _user: *mut c_void,
    _args: *mut *const c_char,
    _n: c_int,
    out: *mut *mut ffi::Fts5Tokenizer,
) -> c_int {
    // SAFETY: FTS5 passes a valid place for the new instance.
    unsafe { *out = (&INSTANCE as *const u8).cast_mut().cast() };
    ffi::SQLITE_OK
}

unsafe extern "C" fn delete(_t: *mut ffi::Fts5Tokenizer) {}

type TokenCallback = unsafe extern "C" fn(
    ctx: *mut c_void,
    flags: c_int,
    token: *const c_char,
    n: c_int,
    start: c_int,
    end: c_int,
) -> c_int;

unsafe extern "C" fn tokenize(
    _t: *mut ffi::Fts5Tokenizer,
    ctx: *mut c_void,
    flags: c_int,
    text: *const c_char,
    n: c_int,
    token: Option<TokenCallback>,
) -> c_int {
    let Some(token) = token else {
        return ffi::SQLITE_ERROR;
    };
    if text.is_null() || n <= 0 {
        return ffi::SQLITE_OK;
    }
    // SAFETY: FTS5 passes `n` readable bytes of text at `text`.
    let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), n as usize) };
    let document = flags & ffi::FTS5_TOKENIZE_DOCUMENT != 0;
    let emit = |start: usize, end: usize| -> c_int {
        // SAFETY: a range of the text FTS5 gave, with its own context.
        unsafe {
            token(
                ctx,
                0,
                bytes[start..end].as_ptr().cast(),
                (end - start) as c_int,
                start as c_int,
                end as c_int,
            )
        }
    };
    let starts = CharStarts { bytes, at: 0 };
    if document {
        // three characters at a time: the distinct trigrams, in a row
        let mut it = starts;
        while let Some(start) = it.next() {
            let (Some(_), Some(_)) = (it.next(), it.next()) else {
                break;
            };
            let rc = emit(start, it.at);
            if rc != ffi::SQLITE_OK {
                return rc;
            }
        }
    } else {
        // a query: every three characters in a row
        let starts: Vec<usize> = starts.collect();
        for (k, &start) in starts
            .iter()
            .enumerate()
            .take(starts.len().saturating_sub(2))
        {
            let end = starts.get(k + 3).copied().unwrap_or(bytes.len());
            let rc = emit(start, end);
            if rc != ffi::SQLITE_OK {
                return rc;
            }
        }
    }
    ffi::SQLITE_OK
}

/// The byte offsets where the characters of UTF-8 `bytes` start (a stray
/// byte counts as a character of its own); `at` is where the next one
/// starts, the text's end after the last.
#[derive(Clone, Copy)]
struct CharStarts<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for CharStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let start = self.at;
        let first = *self.bytes.get(start)?;
        let len = match first {
            0xF0..=0xF7 => 4,
            0xE0..=0xEF => 3,
            0xC0..=0xDF => 2,
            _ => 1,
        };
        let mut end = start + 1;
        // only continuation bytes belong to the character
        while end < (start + len).min(self.bytes.len()) && self.bytes[end] & 0xC0 == 0x80 {
            end += 1;
        }
        self.at = end;
        Some(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trigrams(s: &str) -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        c.windows(3).map(|w| w.iter().collect()).collect()
    }

    #[test]
    fn an_articles_trigrams_each_once_in_order() {
        let text = "قال الوزير، قال الوزير: abc abc";
        let d = distinct(text);
        let chunks: Vec<String> = d
            .chars()
            .collect::<Vec<_>>()
            .chunks(3)
            .map(|c| c.iter().collect())
            .collect();
        let mut expected = Vec::new();
        for t in trigrams(text) {
            if !expected.contains(&t) {
                expected.push(t);
            }
        }
        assert_eq!(chunks, expected);
        assert_eq!(distinct("ab"), "");
    }
}
