//! Compressed text: an article's text (in `bodies`) and its folded search
//! text (each article's frame in the codes file) are kept as zstd frames,
//! one per article, so that opening an article or counting a query in one
//! candidate reads and unpacks that article alone.
//!
//! Small frames compress poorly on their own (news articles of 2-15 KB:
//! 2.3 times); a dictionary trained on the store's own first articles
//! (one for the text, one for the search text) brings them to about 3
//! times. A store has no dictionary until it holds enough text to train
//! one ([`TRAIN_BYTES`]); the articles written before are packed without.
//! Dictionaries are kept in the `dictionaries` table, never changed or
//! removed while a row names them, and each packed row says which one it
//! used.
//!
//! Codes kept in the store (how a text is packed, which kind of text a
//! dictionary is for) are explicit numbers; one this khabar does not know
//! is an error ([`UnknownCode`]), never taken for another.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use zstd::dict::{DecoderDictionary, EncoderDictionary};

/// zstd's level for every frame: 3 (its default). Higher levels gain
/// little on small frames with a dictionary and cost the ingest's time.
pub const LEVEL: i32 = 3;

/// The size of a trained dictionary (zstd's default).
pub const DICT_BYTES: usize = 112 * 1024;

/// Text a store holds before its dictionaries are trained from it.
pub const TRAIN_BYTES: usize = 4 << 20;

/// The largest text a frame may unpack to (a frame that says more is
/// damaged: nothing khabar stores is larger than a file it reads).
const MAX_UNPACKED: u64 = 1 << 30;

/// A code read from the store that this khabar does not know (a newer
/// khabar wrote it, or the row is damaged).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} code {code} in the store (written by a newer khabar?)")]
pub struct UnknownCode {
    pub what: &'static str,
    pub code: i64,
}

impl UnknownCode {
    /// As an error of a row being read (column `column`).
    pub fn in_column(self, column: usize) -> rusqlite::Error {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Integer,
            Box::new(self),
        )
    }
}

/// How a stored text is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Packing {
    /// As it is (a store before schema 8, and what it has not packed yet).
    Plain,
    /// A zstd frame (with the row's dictionary, if it names one).
    Zstd,
}

impl Packing {
    /// Its code in the store: explicit, never to change.
    pub fn code(self) -> i64 {
        match self {
            Packing::Plain => 0,
            Packing::Zstd => 1,
        }
    }

    pub fn from_code(code: i64) -> Result<Packing, UnknownCode> {
        [Packing::Plain, Packing::Zstd]
            .into_iter()
            .find(|p| p.code() == code)
            .ok_or(UnknownCode {
                what: "packing",
                code,
            })
    }
}

/// Which text a dictionary is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DictKind {
    /// Articles' text as written.
    Text,
    /// The folded search text, in the compact code.
    Codes,
}

impl DictKind {
    /// Its code in the store: explicit, never to change.
    pub fn code(self) -> i64 {
        match self {
            DictKind::Text => 0,
            DictKind::Codes => 1,
        }
    }

    pub fn from_code(code: i64) -> Result<DictKind, UnknownCode> {
        [DictKind::Text, DictKind::Codes]
            .into_iter()
            .find(|k| k.code() == code)
            .ok_or(UnknownCode {
                what: "dictionary kind",
                code,
            })
    }

    fn slot(self) -> usize {
        match self {
            DictKind::Text => 0,
            DictKind::Codes => 1,
        }
    }
}

/// A dictionary made ready to pack and unpack with. Made once per process
/// for each dictionary's bytes and kept for the process's life (a store
/// has one or two; zstd's contexts for it are kept by each thread).
pub struct Tables {
    bytes: Vec<u8>,
    /// Made when first packed with (a search only unpacks).
    enc: OnceLock<EncoderDictionary<'static>>,
    dec: DecoderDictionary<'static>,
}

impl Tables {
    fn enc(&self) -> &EncoderDictionary<'static> {
        self.enc
            .get_or_init(|| EncoderDictionary::copy(&self.bytes, LEVEL))
    }
}

/// The tables of a dictionary's `bytes`.
fn tables_of(bytes: &[u8]) -> &'static Tables {
    static MADE: OnceLock<Mutex<HashMap<u128, &'static Tables>>> = OnceLock::new();
    let key = xxhash_rust::xxh3::xxh3_128(bytes);
    let mut made = MADE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    made.entry(key).or_insert_with(|| {
        Box::leak(Box::new(Tables {
            bytes: bytes.to_vec(),
            enc: OnceLock::new(),
            dec: DecoderDictionary::copy(bytes),
        }))
    })
}

/// A dictionary of a store: its id there and its tables.
#[derive(Clone, Copy)]
pub struct Dict {
    pub id: i64,
    tables: &'static Tables,
}

impl std::fmt::Debug for Dict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Dict({})", self.id)
    }
}

impl Dict {
    pub fn new(id: i64, bytes: &[u8]) -> Dict {
        Dict {
            id,
            tables: tables_of(bytes),
        }
    }
}

/// The dictionaries a store's connections know: the one new text of each
/// kind is packed with, and every one met, by id. Shared by the
/// connections of a process to the same store (see [`Shared`]).
#[derive(Debug, Default)]
pub struct Dicts {
    current: [Option<Dict>; 2],
    by_id: HashMap<i64, Dict>,
}

/// What the connections to one store share.
pub type Shared = Arc<RwLock<Dicts>>;

impl Dicts {
    /// The dictionary new text of `kind` is packed with, if any.
    pub fn current(&self, kind: DictKind) -> Option<Dict> {
        self.current[kind.slot()]
    }

    pub fn get(&self, id: i64) -> Option<Dict> {
        self.by_id.get(&id).copied()
    }

    /// Know dictionary `d` (of `kind`); the newest of a kind packs.
    pub fn add(&mut self, kind: DictKind, d: Dict) {
        self.by_id.insert(d.id, d);
        let slot = &mut self.current[kind.slot()];
        if slot.is_none_or(|c| c.id < d.id) {
            *slot = Some(d);
        }
    }
}

/// Read a lock whoever held it before.
pub fn read(shared: &Shared) -> std::sync::RwLockReadGuard<'_, Dicts> {
    shared.read().unwrap_or_else(|e| e.into_inner())
}

pub fn write(shared: &Shared) -> std::sync::RwLockWriteGuard<'_, Dicts> {
    shared.write().unwrap_or_else(|e| e.into_inner())
}

thread_local! {
    /// This thread's zstd contexts, by dictionary (0: none).
    static PACKERS: RefCell<HashMap<usize, zstd::bulk::Compressor<'static>>> =
        RefCell::new(HashMap::new());
    static UNPACKERS: RefCell<HashMap<usize, zstd::bulk::Decompressor<'static>>> =
        RefCell::new(HashMap::new());
}

fn key(dict: Option<Dict>) -> usize {
    dict.map_or(0, |d| d.tables as *const Tables as usize)
}

/// `text` as one zstd frame, with `dict` if given.
pub fn pack(text: &[u8], dict: Option<Dict>) -> Vec<u8> {
    PACKERS.with(|p| {
        let mut p = p.borrow_mut();
        let c = match p.entry(key(dict)) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let made = match dict {
                    Some(d) => zstd::bulk::Compressor::with_prepared_dictionary(d.tables.enc()),
                    None => zstd::bulk::Compressor::new(LEVEL),
                };
                let mut made = made.expect("zstd makes a context");
                // the frame says its size (unpacking reserves it at once),
                // not its dictionary (the row says which)
                let _ = made.include_contentsize(true);
                let _ = made.include_dictid(false);
                e.insert(made)
            }
        };
        c.compress(text).expect("zstd packs any text in memory")
    })
}

/// Unpack the frame `packed` (packed with `dict`, if any) after the bytes
/// of `out`.
pub fn unpack_into(packed: &[u8], dict: Option<Dict>, out: &mut Vec<u8>) -> io::Result<()> {
    let size = match zstd::zstd_safe::get_frame_content_size(packed) {
        Ok(Some(n)) if n <= MAX_UNPACKED => n as usize,
        _ => return Err(io::Error::other("a damaged packed text")),
    };
    out.reserve(size);
    UNPACKERS.with(|u| {
        let mut u = u.borrow_mut();
        let d = match u.entry(key(dict)) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let made = match dict {
                    Some(d) => zstd::bulk::Decompressor::with_prepared_dictionary(&d.tables.dec),
                    None => zstd::bulk::Decompressor::new(),
                };
                e.insert(made?)
            }
        };
        let start = out.len();
        let mut cursor = io::Cursor::new(&mut *out);
        cursor.set_position(start as u64);
        let n = d.decompress_to_buffer(packed, &mut cursor)?;
        if n != size {
            return Err(io::Error::other("a damaged packed text"));
        }
        Ok(())
    })
}

/// The frame `packed` unpacked.
pub fn unpack(packed: &[u8], dict: Option<Dict>) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    unpack_into(packed, dict, &mut out)?;
    Ok(out)
}

/// A dictionary trained on `samples` (texts of one kind), or `None` when
/// they are too few or too alike to train one.
pub fn train(samples: &[Vec<u8>]) -> Option<Vec<u8>> {
    if samples.len() < 16 {
        return None;
    }
    let total: usize = samples.iter().map(Vec::len).sum();
    // zstd wants samples many times the dictionary's size
    let size = DICT_BYTES.min(total / 16).max(1024);
    zstd::dict::from_samples(samples, size).ok()
}

/// Texts kept to train the dictionaries from, until there are enough.
#[derive(Debug, Default)]
pub struct Samples {
    pub text: Vec<Vec<u8>>,
    pub codes: Vec<Vec<u8>>,
    pub bytes: usize,
}

impl Samples {
    /// Keep an article's text and search text (while there are too few).
    pub fn add(&mut self, text: &[u8], codes: &[u8]) {
        if self.bytes >= TRAIN_BYTES {
            return;
        }
        // one article's share at most: a huge one alone trains nothing
        let cut = 64 * 1024;
        self.text.push(text[..text.len().min(cut)].to_vec());
        self.codes.push(codes[..codes.len().min(cut)].to_vec());
        self.bytes += text.len().min(cut);
    }

    pub fn enough(&self) -> bool {
        self.bytes >= TRAIN_BYTES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_explicit_and_an_unknown_one_is_an_error() {
        for p in [Packing::Plain, Packing::Zstd] {
            assert_eq!(Packing::from_code(p.code()), Ok(p));
        }
        assert_eq!((Packing::Plain.code(), Packing::Zstd.code()), (0, 1));
        let e = Packing::from_code(7).unwrap_err();
        assert!(e.to_string().contains("unknown packing code 7"), "{e}");
        assert_eq!(DictKind::from_code(1), Ok(DictKind::Codes));
        assert!(DictKind::from_code(-1).is_err());
    }

    #[test]
    fn a_text_comes_back_whole_with_or_without_a_dictionary() {
        let article = |i: usize| {
            format!(
                "خبر رقم {i}\n\nقال وزير الخارجية إن المحادثات مستمرة في العاصمة {} مع الوفد.\n",
                i * 7
            )
            .repeat(1 + i % 5)
            .into_bytes()
        };
        let samples: Vec<Vec<u8>> = (0..400).map(article).collect();
        let dict = Dict::new(1, &train(&samples).expect("enough samples"));
        for i in [0, 3, 1000] {
            let text = article(i);
            for d in [None, Some(dict)] {
                let packed = pack(&text, d);
                assert!(packed.len() < text.len());
                assert_eq!(unpack(&packed, d).unwrap(), text);
                // after what a buffer holds
                let mut out = b"before".to_vec();
                unpack_into(&packed, d, &mut out).unwrap();
                assert_eq!(&out[6..], &text[..]);
            }
        }
        // the dictionary pays on a short text
        let text = article(2);
        assert!(pack(&text, Some(dict)).len() < pack(&text, None).len());
        // a damaged frame is an error, not a panic
        let mut bad = pack(&text, None);
        let n = bad.len();
        bad[n / 2] ^= 0xFF;
        bad.truncate(n - 3);
        assert!(unpack(&bad, None).is_err());
        assert!(unpack(b"not zstd at all", None).is_err());
    }
}
