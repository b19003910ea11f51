//! `khabar facts --conll FILE`: the extractor's entity tags on a file with
//! one token per line (a trailing gold tag is ignored), one output line per
//! input line: the token, a space, and O / B-TYPE / I-TYPE.

use super::ner::{Tagger, conll_type};
use super::tokens::Token;

/// Tag every line of `input`; returns the output text.
pub fn tag_conll(input: &str) -> String {
    let lines: Vec<&str> = input.lines().collect();
    let mut tokens = Vec::with_capacity(lines.len());
    let mut offset = 0;
    let words: Vec<&str> = lines
        .iter()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    for w in &words {
        tokens.push(Token::new(w, offset..offset + w.len()));
        offset += w.len() + 1;
    }
    let mut tags: Vec<String> = vec!["O".to_string(); tokens.len()];
    for m in Tagger::new(&tokens).mentions() {
        if let Some(t) = conll_type(&m) {
            for (k, i) in m.tokens.clone().enumerate() {
                tags[i] = format!("{}-{t}", if k == 0 { "B" } else { "I" });
            }
        }
    }
    let mut out = String::with_capacity(input.len() + lines.len() * 4);
    for (w, tag) in words.iter().zip(&tags) {
        if w.is_empty() {
            out.push_str("O\n");
        } else {
            out.push_str(w);
            out.push(' ');
            out.push_str(tag);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_input_line_gold_tags_ignored() {
        let input = "قال O\nالرئيس O\nجورج B-PERS\nبوش I-PERS\nفي O\n\nواشنطن B-LOC\n";
        let out = tag_conll(input);
        assert_eq!(out.lines().count(), input.lines().count());
        assert!(out.contains("جورج B-PERS\nبوش I-PERS"), "{out}");
        assert!(out.contains("واشنطن B-LOC"), "{out}");
    }
}
