//! What the learned tagger sees of each token: features of the word alone
//! (its folded form, its stem without clitics, affixes, shape, what each
//! word list says of it), hashed into buckets, and those of the words
//! around it. The features of a word depend on the word only, so their
//! scores are computed once per word (see `super::Model`).

use super::super::lexicon::{GazKind, Lexicon, NISBA, NOUN, VERB};
use super::super::tokens::{Token, TokenKind};
use super::Marks;

/// A stable 64-bit hash (FNV-1a and a final mix): the model file holds
/// weights by bucket, so this must never change without training again.
pub fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h)
}

/// A final mix of a hash (splitmix64's).
pub fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// A feature at an offset from the token scored (-2..=2, or 9 for a
/// position feature).
pub fn at_offset(feature: u64, offset: i32) -> u64 {
    mix(feature ^ ((offset + 16) as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93))
}

// templates: each feature's seed
const W: u64 = 1;
const STEM: u64 = 2;
const PREFIX2: u64 = 3;
const PREFIX3: u64 = 4;
const SUFFIX1: u64 = 5;
const SUFFIX2: u64 = 6;
const SUFFIX3: u64 = 7;
const SHAPE: u64 = 8;
const LENGTH: u64 = 9;
const CLITIC: u64 = 10;
const FLAGS: u64 = 11;
const FREQ: u64 = 12;
const STEM_FREQ: u64 = 13;
const MARK: u64 = 14;
const BIAS: u64 = 15;
const STEM_BARE: u64 = 16;
/// Position features (see [`position_features`]).
pub const EDGE: u64 = 41;
pub const PHRASE: u64 = 42;
pub const AFTER_TITLE: u64 = 43;
pub const RULE: u64 = 44;

/// The features of one word: `all` at its own place, the first `near` of
/// them at one or two places away.
#[derive(Clone, Debug, Default)]
pub struct WordFeatures {
    pub all: Vec<u64>,
    pub near: usize,
}

fn frequency_class(z: Option<&u8>) -> u8 {
    match z.copied() {
        None => 0,
        Some(z) if z < 20 => 1,
        Some(z) if z < 25 => 2,
        Some(z) if z < 30 => 3,
        Some(z) if z < 35 => 4,
        Some(z) if z < 40 => 5,
        Some(z) if z < 50 => 6,
        Some(_) => 7,
    }
}

fn shape(t: &Token) -> u8 {
    match t.kind {
        TokenKind::Arabic => 0,
        TokenKind::Latin if t.norm.chars().all(|c| !c.is_lowercase()) => 1,
        TokenKind::Latin => 2,
        TokenKind::Number => 3,
        TokenKind::Punct => 4,
    }
}

fn chars_prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn chars_suffix(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    s.char_indices().nth(count - n).map_or(s, |(i, _)| &s[i..])
}

/// What the word lists say of one reading of a word: a mark each.
fn marks(lex: &Lexicon, s: &str, own: bool, out: &mut Vec<u64>) {
    let mut mark = |m: &str| out.push(hash(MARK, m.as_bytes()) ^ own as u64);
    if let Some(e) = lex.gazetteer.get(s) {
        match &e.kind {
            GazKind::Country => mark("country"),
            GazKind::Adjective(_) => mark("adjective"),
            GazKind::Capital(_) => mark("capital"),
            GazKind::City => mark("city"),
            GazKind::Region => mark("region"),
            GazKind::Organization => mark("org"),
            GazKind::Group => mark("group"),
            // the lists mined from ANERcorp are not the model's: they know
            // its training text word for word
            GazKind::Mined(_) => {}
        }
    }
    if lex.curated_first.contains(s) {
        mark("phrase_first");
    }
    if lex.titles.contains(s) {
        mark("title");
    } else if lex.title_words.contains(s) {
        mark("title_word");
    }
    if lex.curated_first_names.contains(s) {
        mark("first_name");
    }
    if lex.verbs.contains_key(s) {
        mark("statement_verb");
    }
    let st = &lex.structured;
    let bare = s.strip_prefix("ال").unwrap_or(s);
    if super::super::ner::is_org_head(bare) {
        mark("org_head");
    }
    for (w, tag) in [(s, "m:"), (bare, "mb:")] {
        if let Some(&bits) = st.morphology.get(w) {
            if bits & NOUN != 0 {
                mark(&format!("{tag}noun"));
            }
            if bits & VERB != 0 {
                mark(&format!("{tag}verb"));
            }
            if bits & NISBA != 0 {
                mark(&format!("{tag}nisba"));
            }
        }
    }
    // a nisba of a lemma: مصري from مصر
    if let Some(root) = bare.strip_suffix('ي').or_else(|| bare.strip_suffix("يه"))
        && (st.territories.contains(root) || st.places.contains_key(root))
    {
        mark("place_nisba");
    }
    if let Some(&p) = st.places.get(s) {
        mark(&format!("place{}", p.min(7)));
    }
    if st.territories.contains(s) {
        mark("territory");
    }
}

/// The features of token `t`.
pub fn word_features(lex: &Lexicon, t: &Token) -> WordFeatures {
    let mut all = Vec::with_capacity(48);
    let w = t.norm.as_str();
    all.push(hash(W, w.as_bytes()));
    all.push(hash(SHAPE, &[shape(t)]));
    if t.kind != TokenKind::Arabic {
        let near = all.len();
        all.push(hash(BIAS, b""));
        return WordFeatures { all, near };
    }
    let readings = t.stems();
    let stem = readings.last().map_or(w, |(_, s)| s);
    all.push(hash(STEM, stem.as_bytes()));
    let freq = &lex.structured.frequency;
    all.push(hash(FREQ, &[frequency_class(freq.get(w))]));
    all.push(hash(STEM_FREQ, &[frequency_class(freq.get(stem))]));
    for (k, (_, s)) in readings.iter().enumerate() {
        marks(lex, s, k == 0, &mut all);
    }
    let near = all.len();
    all.push(hash(BIAS, b""));
    let bare = stem.strip_prefix("ال").unwrap_or(stem);
    all.push(hash(STEM_BARE, bare.as_bytes()));
    all.push(hash(PREFIX2, chars_prefix(bare, 2).as_bytes()));
    all.push(hash(PREFIX3, chars_prefix(bare, 3).as_bytes()));
    all.push(hash(SUFFIX1, chars_suffix(stem, 1).as_bytes()));
    all.push(hash(SUFFIX2, chars_suffix(stem, 2).as_bytes()));
    all.push(hash(SUFFIX3, chars_suffix(stem, 3).as_bytes()));
    all.push(hash(LENGTH, &[bare.chars().count().min(10) as u8]));
    if let Some((removed, _)) = readings.last()
        && removed > 0
    {
        all.push(hash(CLITIC, chars_prefix(w, removed).as_bytes()));
    }
    let flags = (stem.starts_with("ال") as u8)
        | (t.maqsura as u8) << 1
        | (t.fathatan as u8) << 2
        | (t.hamza_initial as u8) << 3;
    all.push(hash(FLAGS, &[flags]));
    WordFeatures { all, near }
}

/// The features of a place that take few values (what the lists and the
/// rules say there and around), by index: their scores are tabled once.
pub const SMALL: usize = 522;

/// The hash of small feature `idx` (see [`position_features`]).
pub fn small_hash(idx: usize) -> u64 {
    let b = |v: usize| v as u8;
    match idx {
        0..16 => hash(PHRASE, &[b(idx)]),
        16..272 => hash(PHRASE + 100, &[b((idx - 16) / 16), b((idx - 16) % 16)]),
        272..276 => hash(AFTER_TITLE, &[b(idx - 272)]),
        276..286 => hash(RULE, &[b(idx - 276)]),
        286..386 => hash(RULE + 1, &[b((idx - 286) / 10), b((idx - 286) % 10)]),
        386..486 => hash(RULE + 2, &[b((idx - 386) / 10), b((idx - 386) % 10)]),
        486..502 => hash(PHRASE + 199, &[b(idx - 486)]),
        502..518 => hash(PHRASE + 201, &[b(idx - 502)]),
        _ => hash(EDGE, &[b(idx - 518)]),
    }
}

/// Features of a place that depend on more than one word: what the lists
/// and the rules say there and around (`marks`, see `Tagger::list_marks`)
/// and the text's edges, as indices for [`small_hash`]. (Pairs of words
/// were tried: no better on the development data, and a lookup each in a
/// table of megabytes.)
pub fn position_features(marks: &[Marks], i: usize, small: &mut Vec<u16>) {
    let n = marks.len();
    let Marks { phrase, title, .. } = marks[i];
    let phrase = phrase.min(15) as usize;
    let before_phrase = if i > 0 {
        marks[i - 1].phrase.min(15) as usize
    } else {
        0
    };
    let after_phrase = if i + 1 < n {
        marks[i + 1].phrase.min(15) as usize
    } else {
        0
    };
    if phrase > 0 {
        small.push(phrase as u16);
        small.push((16 + phrase * 16 + before_phrase) as u16);
    }
    if title > 0 {
        small.push(272 + title.min(3) as u16);
    }
    let rule_at = |j: i64| -> usize {
        if j >= 0 && (j as usize) < n {
            (marks[j as usize].rule as usize).min(8)
        } else {
            9
        }
    };
    let r = rule_at(i as i64);
    small.push((276 + r) as u16);
    small.push((286 + rule_at(i as i64 - 1) * 10 + r) as u16);
    small.push((386 + r * 10 + rule_at(i as i64 + 1)) as u16);
    if before_phrase > 0 {
        small.push((486 + before_phrase) as u16);
    }
    if after_phrase > 0 {
        small.push((502 + after_phrase) as u16);
    }
    for (k, d) in [-2i64, -1, 1, 2].into_iter().enumerate() {
        let j = i as i64 + d;
        if j < 0 || j >= n as i64 {
            small.push((518 + k) as u16);
        }
    }
}
