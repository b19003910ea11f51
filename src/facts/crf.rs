//! The learned name tagger: a linear-chain CRF (the `crfs` crate) trained
//! on ANERcorp's training split by `examples/train_ner.rs`, embedded from
//! `assets/model/ner.crf`. It labels each token O, B-TYPE or I-TYPE (PERS,
//! LOC, ORG, MISC) from the word, its folded form and stem, affixes, shape,
//! the lexicons, the rule tagger's own label, and the same for two words
//! either side.

use std::sync::OnceLock;

use crfs::{Attribute, Model};

use super::lexicon::{GazKind, lexicon};
use super::tokens::{Token, TokenKind, ends_sentence};

/// The model in use, trained by `examples/train_ner.rs`.
static MODEL_BYTES: &[u8] = include_bytes!("../../assets/model/ner.crf");

/// Labels a tagger gives.
pub const LABELS: &[&str] = &[
    "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];

/// The label for a position (B, I) and a type, as the model spells it.
pub fn label(position: &str, kind: &str) -> &'static str {
    LABELS
        .iter()
        .find(|l| {
            l.len() == position.len() + 1 + kind.len()
                && l.starts_with(position)
                && l.ends_with(kind)
        })
        .copied()
        .unwrap_or("O")
}

/// The embedded model, read once (`None` if it cannot be read: then the
/// rules alone tag names).
pub fn model() -> Option<&'static Model<'static>> {
    static MODEL: OnceLock<Option<Model<'static>>> = OnceLock::new();
    MODEL.get_or_init(|| Model::new(MODEL_BYTES).ok()).as_ref()
}

/// What the lexicons say of one word.
fn lexicon_marks(t: &Token, out: &mut Vec<&'static str>) {
    let lex = lexicon();
    if t.kind != TokenKind::Arabic && t.kind != TokenKind::Latin {
        return;
    }
    for (prefix, s) in t.stems() {
        if let Some(e) = lex.gazetteer.get(s) {
            out.push(match &e.kind {
                GazKind::Country => "gaz=country",
                GazKind::Adjective(_) => "gaz=adjective",
                GazKind::Capital(_) => "gaz=capital",
                GazKind::City => "gaz=city",
                GazKind::Region => "gaz=region",
                GazKind::Organization => "gaz=org",
                GazKind::Group => "gaz=group",
                GazKind::Mined("PERS") => "mined=PERS",
                GazKind::Mined("LOC") => "mined=LOC",
                GazKind::Mined(_) => "mined=ORG",
            });
        }
        if lex.gaz_first.contains_key(s) {
            out.push("gaz_first");
        }
        if lex.titles.contains(s) {
            out.push("title");
        }
        if lex.title_words.contains(s) {
            out.push("title_word");
        }
        if lex.curated_first_names.contains(s) {
            out.push("first_name");
        } else if lex.first_names.contains(s) {
            out.push("mined_first_name");
        }
        if lex.verbs.contains_key(s) {
            out.push("verb");
        }
        if prefix == 0 {
            if lex.common.contains(s) {
                out.push("common");
            }
            if let Some((kind, _, _)) = lex.triggers.get(s) {
                out.push(match *kind {
                    "PERS" => "trigger=PERS",
                    "LOC" => "trigger=LOC",
                    _ => "trigger=ORG",
                });
            }
            if lex.entity_words.contains(s) {
                out.push("entity_word");
            }
            if lex.name_words.contains(s) {
                out.push("name_word");
            }
        }
    }
}

/// The word without its clitics: the shortest reading.
fn stem(t: &Token) -> &str {
    t.stems().last().map_or(t.norm.as_str(), |(_, s)| s)
}

fn shape(t: &Token) -> &'static str {
    match t.kind {
        TokenKind::Arabic => "arabic",
        TokenKind::Latin => {
            if t.norm.chars().all(|c| !c.is_lowercase()) {
                "latin_upper"
            } else {
                "latin"
            }
        }
        TokenKind::Number => "number",
        TokenKind::Punct => "punct",
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

/// The features of every token of one sentence; `rule` is the rule
/// tagger's label of each.
pub fn features(tokens: &[Token], rule: &[&str]) -> Vec<Vec<Attribute>> {
    let n = tokens.len();
    // what each token says about itself, used for it and its neighbours
    let own: Vec<(String, String, Vec<&'static str>)> = tokens
        .iter()
        .map(|t| {
            let mut marks = Vec::new();
            lexicon_marks(t, &mut marks);
            (t.norm.clone(), stem(t).to_string(), marks)
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let t = &tokens[i];
        let (w, s, marks) = &own[i];
        let mut f = Vec::with_capacity(48);
        let mut add = |name: String| f.push(Attribute::new(name, 1.0));
        add("bias".into());
        add(format!("w={w}"));
        add(format!("s={s}"));
        add(format!("p2={}", chars_prefix(s, 2)));
        add(format!("p3={}", chars_prefix(s, 3)));
        add(format!("x2={}", chars_suffix(s, 2)));
        add(format!("x3={}", chars_suffix(s, 3)));
        add(format!("shape={}", shape(t)));
        add(format!("len={}", s.chars().count().min(8)));
        if s.starts_with("ال") {
            add("al".into());
        }
        if let Some((clitic, _)) = t.stems().get(1) {
            add(format!("clitic={clitic}"));
        }
        for m in marks {
            add((*m).to_string());
        }
        add(format!("r={}", rule[i]));
        if i == 0 {
            add("first".into());
        }
        for d in [-2i32, -1, 1, 2] {
            let j = i as i32 + d;
            if j < 0 || j >= n as i32 {
                add(format!("{d}:none"));
                continue;
            }
            let j = j as usize;
            let (w2, s2, marks2) = &own[j];
            add(format!("{d}:w={w2}"));
            if d.abs() == 1 {
                add(format!("{d}:s={s2}"));
                add(format!("{d}:r={}", rule[j]));
                add(format!("{d}:shape={}", shape(&tokens[j])));
                for m in marks2 {
                    add(format!("{d}:{m}"));
                }
            }
        }
        if i > 0 {
            add(format!("-1|0:w={}|{w}", own[i - 1].0));
        }
        if i + 1 < n {
            add(format!("0|1:w={w}|{}", own[i + 1].0));
        }
        out.push(f);
    }
    out
}

/// Sentences of a token run for the tagger: cut after final punctuation,
/// and every 120 tokens at most.
pub fn sentences(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        if ends_sentence(t) || i + 1 - start >= 120 || i + 1 == tokens.len() {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// The model's labels for `tokens`, given the rule tagger's (`rule`):
/// one per token. The rule labels when the model cannot tag.
pub fn tag(model: &Model, tokens: &[Token], rule: &[&'static str]) -> Vec<&'static str> {
    let Ok(tagger) = model.tagger() else {
        return rule.to_vec();
    };
    let mut out = Vec::with_capacity(tokens.len());
    for s in sentences(tokens) {
        let xs = features(&tokens[s.clone()], &rule[s.clone()]);
        match tagger.tag(&xs) {
            Ok(labels) => out.extend(
                labels
                    .iter()
                    .map(|l| LABELS.iter().find(|x| *x == l).copied().unwrap_or("O")),
            ),
            Err(_) => out.extend_from_slice(&rule[s]),
        }
    }
    out
}
