//! `khabar facts --conll FILE`: the extractor's entity tags on a file with
//! one token per line (a trailing gold tag is ignored), one output line per
//! input line: the token, a space, and O / B-TYPE / I-TYPE.

use super::model::{self, LABELS, Model, label_index, with_rule_labels};
use super::ner::{Tagger, conll_type};
use super::tokens::Token;
use super::words;

/// The tokens of a CoNLL text: the first word of each line ("" for a
/// blank line).
pub fn conll_tokens(input: &str) -> (Vec<&str>, Vec<Token>) {
    let words: Vec<&str> = input
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    let mut tokens = Vec::with_capacity(words.len());
    let mut offset = 0;
    for w in &words {
        tokens.push(Token::new(w, offset..offset + w.len()));
        offset += w.len() + 1;
    }
    (words, tokens)
}

/// The rule tagger's label of each token, in ANERcorp's convention.
pub fn rule_labels(tokens: &[Token]) -> Vec<&'static str> {
    let mut tags: Vec<&'static str> = vec!["O"; tokens.len()];
    for m in Tagger::for_corpus(tokens).mentions() {
        if let Some(t) = conll_type(&m) {
            let mut span = m.tokens.clone();
            // the corpus leaves the kind of a place or organization out of
            // its name: شمال [أفريقيا], دولة [قطر] (over 90% of its uses),
            // حركة [حماس], صحيفة [هآرتس], نادي [تشيلسي]
            let kinds = match t {
                "LOC" => Some(words::place_kinds()),
                "ORG" => Some(words::org_kinds()),
                _ => None,
            };
            if let Some(kinds) = kinds
                && span.len() >= 2
                && tokens[span.start]
                    .stems()
                    .iter()
                    .any(|(_, s)| kinds.contains(&s))
            {
                span.start += 1;
            }
            for (k, i) in span.enumerate() {
                tags[i] = label(if k == 0 { "B" } else { "I" }, t);
            }
        }
    }
    tags
}

/// The label for a position (B, I) and a type.
fn label(position: &str, kind: &str) -> &'static str {
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

/// Tag every line of `input` with the embedded model; returns the output text.
pub fn tag_conll(input: &str) -> String {
    tag_conll_with(input, model::model())
}

/// The model's labels for `tokens`, given the rules' (`rule`), or the
/// rules' alone without a model.
pub fn model_labels(
    model: Option<&Model>,
    tokens: &[Token],
    rule: &[&'static str],
) -> Vec<&'static str> {
    let Some(m) = model else {
        return rule.to_vec();
    };
    let mut marks = Tagger::new(tokens).list_marks();
    let rule: Vec<u8> = rule.iter().map(|t| label_index(t) as u8).collect();
    with_rule_labels(&mut marks, &rule);
    m.tag(tokens, &marks)
        .iter()
        .map(|&l| LABELS[l as usize])
        .collect()
}

/// Tag every line of `input` with `model`, or the rules alone without one.
pub fn tag_conll_with(input: &str, model: Option<&Model>) -> String {
    let (words, tokens) = conll_tokens(input);
    let rule = rule_labels(&tokens);
    let tags = model_labels(model, &tokens, &rule);
    let mut out = String::with_capacity(input.len() + words.len() * 4);
    for (w, tag) in words.iter().zip(&tags) {
        if w.is_empty() {
            out.push_str("O\n");
        } else {
            out.push_str(&crate::text::safety::sanitized(w));
            out.push(' ');
            out.push_str(if tag.ends_with("MISC") { "O" } else { tag });
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learned_tagger_is_embedded_and_tags_names() {
        let model = model::model().expect("the embedded model loads");
        let input = "وقال O\nوزير O\nالخارجية O\nالفرنسي O\nجان B-PERS\nماري I-PERS\nلوفيفر I-PERS\nفي O\nباريس B-LOC\nإن O\nالاتحاد B-ORG\nالأوروبي I-ORG\nيدعم O\n. O\n";
        let out = tag_conll_with(input, Some(model));
        assert_eq!(out.lines().count(), input.lines().count());
        assert!(out.contains("باريس B-LOC"), "{out}");
        assert!(out.contains("الاتحاد B-ORG\nالأوروبي I-ORG"), "{out}");
        assert!(out.contains("جان B-PERS"), "{out}");
        // the model's tags are what `khabar facts --conll` prints
        assert_eq!(tag_conll(input), out);
    }

    #[test]
    fn one_line_per_input_line_gold_tags_ignored() {
        let input = "قال O\nالرئيس O\nجورج B-PERS\nبوش I-PERS\nفي O\n\nواشنطن B-LOC\n";
        let out = tag_conll(input);
        assert_eq!(out.lines().count(), input.lines().count());
        assert!(out.contains("جورج B-PERS\nبوش I-PERS"), "{out}");
        assert!(out.contains("واشنطن B-LOC"), "{out}");
        // the rules keep ANERcorp's convention (the kind of a place outside
        // its name); the model, trained on AQMAR's convention as well, may not
        let (_, tokens) = conll_tokens("في\nشمال\nأفريقيا\nو\nدولة\nقطر\n");
        let rules = rule_labels(&tokens);
        assert_eq!(rules, ["O", "O", "B-LOC", "O", "O", "B-LOC"]);
    }
}
