//! `khabar facts --conll FILE`: the extractor's entity tags on a file with
//! one token per line (a trailing gold tag is ignored), one output line per
//! input line: the token, a space, and O / B-TYPE / I-TYPE.

use super::lexicon::{GazKind, lexicon};
use super::ner::{MentionKind, Tagger, conll_type};
use super::tokens::Token;

/// Words that name the kind of a place, left outside the place's name in
/// ANERcorp's annotation (measured on its training split).
const PLACE_KINDS: &[&str] = &[
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
    "دوله",
    "مدينه",
    "جمهوريه",
    "اماره",
    "ولايه",
    "منطقه",
    "محافظه",
    "اقليم",
    "جزيره",
    "نهر",
];

/// Words that name the kind of an organization, left outside its name.
const ORG_KINDS: &[&str] = &[
    "حركه",
    "نادي",
    "شركه",
    "صحيفه",
    "جريده",
    "وكاله",
    "قناه",
    "فريق",
    "النادي",
];

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
    let lex = lexicon();
    let place = |t: &Token| {
        t.stems().iter().any(|(_, s)| {
            lex.gazetteer.get(s).is_some_and(|e| {
                matches!(
                    e.kind,
                    GazKind::Country | GazKind::Capital(_) | GazKind::City | GazKind::Region
                )
            })
        })
    };
    for m in Tagger::for_corpus(&tokens).mentions() {
        // the corpus names an organization by its proper name: a head and
        // one adjective or genitive (الجيش اللبناني, مجلس الوزراء) is a
        // common noun to it, unless the genitive is a place (مجلس دبي)
        let phrase = matches!(
            m.kind,
            MentionKind::Gazetteer(GazKind::Organization | GazKind::Group)
        ) && !lex.gazetteer.contains_key(&m.key)
            && m.key.split(' ').count() == m.tokens.len()
            && m.key.split(' ').next_back()
                == tokens.get(m.tokens.end - 1).map(|t| t.norm.as_str());
        if phrase && m.tokens.len() < 3 && !tokens.get(m.tokens.start + 1).is_some_and(place) {
            continue;
        }
        if let Some(t) = conll_type(&m) {
            let mut span = m.tokens.clone();
            // the corpus leaves the kind of a place or organization out of
            // its name: شمال [أفريقيا], دولة [قطر] (over 90% of its uses),
            // حركة [حماس], صحيفة [هآرتس], نادي [تشيلسي]
            let kinds = match t {
                "LOC" => PLACE_KINDS,
                "ORG" => ORG_KINDS,
                _ => &[],
            };
            if span.len() >= 2
                && tokens[span.start]
                    .stems()
                    .iter()
                    .any(|(_, s)| kinds.contains(&s.as_str()))
            {
                span.start += 1;
            }
            for (k, i) in span.enumerate() {
                tags[i] = format!("{}-{t}", if k == 0 { "B" } else { "I" });
            }
        }
    }
    let mut out = String::with_capacity(input.len() + lines.len() * 4);
    for (w, tag) in words.iter().zip(&tags) {
        if w.is_empty() {
            out.push_str("O\n");
        } else {
            out.push_str(&crate::text::safety::sanitized(w));
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
        let out = tag_conll("في\nشمال\nأفريقيا\nو\nدولة\nقطر\n");
        assert!(out.contains("شمال O\nأفريقيا B-LOC"), "{out}");
    }
}
