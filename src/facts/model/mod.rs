//! The learned name tagger: a linear model over hashed features of each
//! word and its neighbours ([`features`]), with label-to-label transition
//! scores, decoded by Viterbi. Trained by `examples/train_tagger.rs` on the
//! labelled data of `../shared/eval` (ANERcorp's training part, AQMAR's
//! train and dev), embedded from `assets/model/tagger.bin`.
//!
//! Its cost is what makes it usable at ingest: a word's features are
//! scored once and kept (most words of news come again and again), so a
//! token costs a table lookup, two word pairs and the Viterbi step.

pub mod features;

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::{Lexicon, lexicon};
use super::tokens::{Token, ends_sentence};
use features::{
    SMALL, WordFeatures, at_offset, hash, position_features, small_hash, word_features,
};

/// The labels, in the model's order.
pub const LABELS: [&str; 7] = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];
pub const N: usize = LABELS.len();

/// The label index of a tag as written in a CoNLL file (MISC and anything
/// unknown are O).
pub fn label_index(tag: &str) -> usize {
    LABELS.iter().position(|l| *l == tag).unwrap_or(0)
}

/// May label `b` follow label `a` (`None`: the first of a sentence)? An
/// I- only continues its own type.
pub fn allowed(a: Option<usize>, b: usize) -> bool {
    if b == 0 || b % 2 == 1 {
        return true;
    }
    matches!(a, Some(a) if a != 0 && a.div_ceil(2) == b.div_ceil(2))
}

/// What the rules say at a token, for the model: the kind of the listed
/// phrase it is in (0 none; twice the kind, plus one past the phrase's
/// first word), how far after a title it stands (1-3, 0 farther), and
/// the rule tagger's label (a [`LABELS`] index).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub phrase: u8,
    pub title: u8,
    pub rule: u8,
}

/// Set each token's `rule` from the rules' labels.
pub fn with_rule_labels(marks: &mut [Marks], labels: &[u8]) {
    for (m, &l) in marks.iter_mut().zip(labels) {
        m.rule = l;
    }
}

/// The offsets of the words whose features score a token.
pub const OFFSETS: [i32; 5] = [-2, -1, 0, 1, 2];

/// A trained model: weights by feature bucket and label, transitions.
#[derive(Clone, Debug)]
pub struct Model {
    pub bits: u32,
    /// `1 << bits` buckets of [`N`] weights, while training (empty in a
    /// model read from a file, which keeps `table`).
    pub weights: Vec<f32>,
    /// The buckets with a weight, by open addressing: a read model's
    /// weights (a tenth of the buckets or less have one).
    table: Table,
    /// transitions[a][b]: score of label b after label a.
    pub transitions: [[f32; N]; N],
    /// Score of each label first in a sentence.
    pub start: [f32; N],
    /// The scores of the features that take few values, by index
    /// (see [`features::small_hash`]): tabled when the model is read.
    small: Vec<[f32; N]>,
}

const MAGIC: &[u8; 8] = b"KHNER\x01\x00\x00";

impl Model {
    pub fn new(bits: u32) -> Model {
        Model {
            bits,
            weights: vec![0.0; N << bits],
            table: Table::default(),
            transitions: [[0.0; N]; N],
            start: [0.0; N],
            small: Vec::new(),
        }
    }

    /// The bucket of a feature.
    #[inline]
    pub fn bucket(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    /// Add the weights of `bucket` to `acc`.
    #[inline]
    fn add(&self, bucket: usize, acc: &mut [f32; N]) {
        let w = if self.weights.is_empty() {
            match self.table.get(bucket) {
                Some(w) => w,
                None => return,
            }
        } else {
            &self.weights[bucket * N..bucket * N + N]
        };
        for k in 0..N {
            acc[k] += w[k];
        }
    }

    /// The file: magic, bits, then the transitions and start scores as
    /// f32, then the non-zero buckets as (index u32, N x f32), little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(self.bits.to_le_bytes());
        for row in &self.transitions {
            for v in row {
                out.extend(v.to_le_bytes());
            }
        }
        for v in &self.start {
            out.extend(v.to_le_bytes());
        }
        for (b, w) in self.weights.chunks(N).enumerate() {
            if w.iter().any(|v| *v != 0.0) {
                out.extend((b as u32).to_le_bytes());
                for v in w {
                    out.extend(v.to_le_bytes());
                }
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let mut words = rest.chunks_exact(4).map(|c| [c[0], c[1], c[2], c[3]]);
        let bits = u32::from_le_bytes(words.next()?);
        if !(8..=26).contains(&bits) {
            return None;
        }
        let mut m = Model::new(8);
        m.bits = bits;
        m.weights = Vec::new();
        let mut f = || words.next().map(f32::from_le_bytes);
        for a in 0..N {
            for b in 0..N {
                m.transitions[a][b] = f()?;
            }
        }
        for k in 0..N {
            m.start[k] = f()?;
        }
        let rest = &rest[4 * (1 + N * N + N)..];
        if rest.len() % (4 * (N + 1)) != 0 {
            return None;
        }
        m.table = Table::with_capacity(rest.len() / (4 * (N + 1)));
        for chunk in rest.chunks(4 * (N + 1)) {
            let b = u32::from_le_bytes(chunk[..4].try_into().ok()?);
            if b as usize >= 1 << bits {
                return None;
            }
            let mut w = [0.0; N];
            for (k, v) in w.iter_mut().enumerate() {
                let at = 4 + 4 * k;
                *v = f32::from_le_bytes(chunk[at..at + 4].try_into().ok()?);
            }
            m.table.insert(b, w);
        }
        m.small = (0..SMALL)
            .map(|k| {
                let mut w = [0.0; N];
                m.add(m.bucket(at_offset(small_hash(k), 9)), &mut w);
                w
            })
            .collect();
        Some(m)
    }

    /// The scores a word gives to each place within two of it: index
    /// `k` of [`OFFSETS`] is for the token `OFFSETS[k]` before it (the word
    /// seen at that offset from the place scored).
    fn word_scores(&self, f: &WordFeatures) -> [[f32; N]; 5] {
        let mut out = [[0.0; N]; 5];
        for (k, &d) in OFFSETS.iter().enumerate() {
            let feats = if d == 0 { &f.all[..] } else { &f.all[..f.near] };
            for &x in feats {
                self.add(self.bucket(at_offset(x, d)), &mut out[k]);
            }
        }
        out
    }

    /// The score of every label at every token, before transitions.
    pub fn emissions(&self, lex: &Lexicon, tokens: &[Token], marks: &[Marks]) -> Vec<[f32; N]> {
        let n = tokens.len();
        let mut em = vec![[0.0f32; N]; n];
        SCORES.with(|cache| {
            let (owner, cache) = &mut *cache.borrow_mut();
            // the scores are this model's: another's (training) starts anew
            let me = self as *const Model as usize;
            if cache.len() > CACHE_WORDS || *owner != me {
                cache.clear();
                *owner = me;
            }
            for (j, t) in tokens.iter().enumerate() {
                let key = token_key(t);
                let scores = cache
                    .entry(key)
                    .or_insert_with(|| self.word_scores(&word_features(lex, t)));
                // the word at j is at offset d from the place j - d
                for (k, &d) in OFFSETS.iter().enumerate() {
                    let i = j as i64 - d as i64;
                    if i >= 0 && (i as usize) < n {
                        let e = &mut em[i as usize];
                        for l in 0..N {
                            e[l] += scores[k][l];
                        }
                    }
                }
            }
        });
        let mut small = Vec::with_capacity(16);
        for (i, e) in em.iter_mut().enumerate() {
            small.clear();
            position_features(marks, i, &mut small);
            for &k in &small {
                match self.small.get(k as usize) {
                    Some(w) => (0..N).for_each(|l| e[l] += w[l]),
                    None => self.add(self.bucket(at_offset(small_hash(k as usize), 9)), e),
                }
            }
        }
        em
    }

    /// The best labels for emission scores (Viterbi), a sentence at a time.
    pub fn decode(&self, em: &[[f32; N]], sentences: &[std::ops::Range<usize>]) -> Vec<u8> {
        let mut out = vec![0u8; em.len()];
        let mut back: Vec<[u8; N]> = Vec::new();
        for s in sentences {
            if s.is_empty() {
                continue;
            }
            back.clear();
            let mut score = [f32::NEG_INFINITY; N];
            for b in 0..N {
                if allowed(None, b) {
                    score[b] = self.start[b] + em[s.start][b];
                }
            }
            back.push([0; N]);
            for e in &em[s.start + 1..s.end] {
                let mut next = [f32::NEG_INFINITY; N];
                let mut from = [0u8; N];
                for b in 0..N {
                    for (a, &sa) in score.iter().enumerate() {
                        if !allowed(Some(a), b) {
                            continue;
                        }
                        let v = sa + self.transitions[a][b];
                        if v > next[b] {
                            next[b] = v;
                            from[b] = a as u8;
                        }
                    }
                    next[b] += e[b];
                }
                score = next;
                back.push(from);
            }
            let mut best = (0..N)
                .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
                .unwrap_or(0);
            for i in (s.start..s.end).rev() {
                out[i] = best as u8;
                best = back[i - s.start][best] as usize;
            }
        }
        out
    }

    /// The label index of every token; `marks` are what the lists say
    /// across words (`Tagger::list_marks`).
    pub fn tag(&self, tokens: &[Token], marks: &[Marks]) -> Vec<u8> {
        let em = self.emissions(lexicon(), tokens, marks);
        self.decode(&em, &sentences(tokens))
    }
}

/// Weights by bucket, for the buckets that have any: open addressing,
/// at most half full.
#[derive(Clone, Debug, Default)]
struct Table {
    /// bucket + 1 (0: empty)
    keys: Vec<u32>,
    values: Vec<[f32; N]>,
}

impl Table {
    fn with_capacity(n: usize) -> Table {
        let size = (2 * n).next_power_of_two().max(16);
        Table {
            keys: vec![0; size],
            values: vec![[0.0; N]; size],
        }
    }

    fn slot(&self, bucket: u32) -> usize {
        (features::mix(bucket as u64) as usize) & (self.keys.len() - 1)
    }

    fn insert(&mut self, bucket: u32, w: [f32; N]) {
        let mut i = self.slot(bucket);
        while self.keys[i] != 0 && self.keys[i] != bucket + 1 {
            i = (i + 1) & (self.keys.len() - 1);
        }
        self.keys[i] = bucket + 1;
        self.values[i] = w;
    }

    #[inline]
    fn get(&self, bucket: usize) -> Option<&[f32; N]> {
        if self.keys.is_empty() {
            return None;
        }
        let key = bucket as u32 + 1;
        let mut i = self.slot(bucket as u32);
        loop {
            match self.keys[i] {
                0 => return None,
                k if k == key => return Some(&self.values[i]),
                _ => i = (i + 1) & (self.keys.len() - 1),
            }
        }
    }
}

/// What a word gives each place within two of it (see [`Model::word_scores`]).
type WordScores = [[f32; N]; 5];

/// At most this many words' scores kept per thread (about 12 MB).
const CACHE_WORDS: usize = 1 << 16;

thread_local! {
    static SCORES: RefCell<(usize, HashMap<u64, WordScores>)> =
        RefCell::new((0, HashMap::default()));
}

/// What a word's features depend on: its folded form and the marks
/// folding drops.
fn token_key(t: &Token) -> u64 {
    let flags = (t.maqsura as u64) | (t.fathatan as u64) << 1 | (t.hamza_initial as u64) << 2;
    hash(7 + flags, t.norm.as_bytes())
}

/// Sentences for the tagger: cut after final punctuation and at empty
/// tokens (a CoNLL file's blank lines), every 150 tokens at most.
pub fn sentences(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        if ends_sentence(t) || t.norm.is_empty() || i + 1 - start >= 150 || i + 1 == tokens.len() {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

static MODEL_BYTES: &[u8] = include_bytes!("../../../assets/model/tagger.bin");

/// The embedded model, read once (`None` if it cannot be read).
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| Model::from_bytes(MODEL_BYTES))
        .as_ref()
}

/// Spans of one type in a label sequence: (type index 0 PERS, 1 LOC,
/// 2 ORG; token range).
pub fn spans(labels: &[u8]) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let l = labels[i] as usize;
        if l != 0 && l % 2 == 1 {
            let typ = l / 2;
            let mut end = i + 1;
            while end < labels.len() && labels[end] as usize == l + 1 {
                end += 1;
            }
            out.push((typ, i..end));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The model's labels, with the rules' entities added where the model
/// found none over any of their tokens.
pub fn merge(model: &[u8], rules: &[u8]) -> Vec<u8> {
    let mut out = model.to_vec();
    for (_, r) in spans(rules) {
        if r.clone().all(|i| model[i] == 0) {
            out[r.clone()].copy_from_slice(&rules[r]);
        }
    }
    out
}
