//! The learned tagger beside the rules: the rules' mentions stand, and a
//! name the model finds where the rules found nothing is added, as written.

use super::lexicon::{GazKind, Lexicon};
use super::model::{self, Marks, with_rule_labels};
use super::ner::{Mention, MentionKind, conll_type};
use super::tokens::Token;

/// The rules' mentions as labels (PERS, LOC, ORG; B- and I-), the model's
/// input.
pub fn labels_of(mentions: &[Mention], n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for m in mentions {
        let typ = match conll_type(m) {
            Some("PERS") => 1,
            Some("LOC") => 3,
            Some("ORG") => 5,
            _ => continue,
        };
        for (k, i) in m.tokens.clone().enumerate() {
            if i < n {
                out[i] = typ + (k > 0) as u8;
            }
        }
    }
    out
}

/// Letters of a clitic to leave out of a name the model found: و or ف when
/// the word is no name itself and the rest is one (or unknown); ل or ب only
/// where the rest is a known name.
fn clitic(lex: &Lexicon, t: &Token) -> usize {
    let known = |s: &str| {
        lex.first_names.contains(s) || lex.name_words.contains(s) || lex.gazetteer.contains_key(s)
    };
    // a word that is a name with its first letter (فيصل, وليد, بريطانيا)
    if lex.first_names.contains(&t.norm) || lex.gazetteer.contains_key(&t.norm) {
        return 0;
    }
    match t.stems().get(1) {
        Some((1, rest)) if t.norm.starts_with(['و', 'ف']) && rest.chars().count() >= 3 => {
            let frequent = lex
                .structured
                .frequency
                .get(t.norm.as_str())
                .is_some_and(|&z| z >= 30);
            if known(rest) || !frequent { 1 } else { 0 }
        }
        Some((1, rest)) if known(rest) => 1,
        _ => 0,
    }
}

/// The rules' mentions and the model's names where the rules have none,
/// in the order of the text.
pub fn with_model(
    lex: &Lexicon,
    tokens: &[Token],
    mut marks: Vec<Marks>,
    rules: Vec<Mention>,
) -> Vec<Mention> {
    let Some(m) = model::model() else {
        return rules;
    };
    let n = tokens.len();
    with_rule_labels(&mut marks, &labels_of(&rules, n));
    let labels = m.tag(tokens, &marks);
    let mut taken = vec![false; n];
    for r in &rules {
        for i in r.tokens.clone() {
            if i < n {
                taken[i] = true;
            }
        }
    }
    let mut added = Vec::new();
    for (typ, span) in model::spans(&labels) {
        if span.clone().any(|i| taken[i]) || !tokens[span.start].is_word() {
            continue;
        }
        let kind = match typ {
            0 => GazKind::Mined("PERS"),
            1 => GazKind::Mined("LOC"),
            _ => GazKind::Mined("ORG"),
        };
        let prefix = clitic(lex, &tokens[span.start]);
        let first: String = tokens[span.start].norm.chars().skip(prefix).collect();
        let key = std::iter::once(first)
            .chain(
                tokens[span.start + 1..span.end]
                    .iter()
                    .map(|t| t.norm.clone()),
            )
            .collect::<Vec<_>>()
            .join(" ");
        let kind = if typ == 0 {
            MentionKind::Person
        } else {
            MentionKind::Gazetteer(kind)
        };
        added.push(Mention {
            tokens: span,
            kind,
            key,
            role: None,
            prefix,
        });
    }
    if added.is_empty() {
        return rules;
    }
    let mut all = rules;
    all.extend(added);
    all.sort_by_key(|m| m.tokens.start);
    all
}
