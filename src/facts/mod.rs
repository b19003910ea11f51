//! Facts: the actors of each story and what they agreed, affirmed,
//! rejected or discussed. Rule-based, on the lexicons in `assets/lexicon`:
//! tokens and clitics ([`tokens`]), names ([`ner`]), actors ([`actors`]),
//! statements ([`agreements`]); [`conll`] tags a token file for measuring.

pub mod actors;
pub mod agreements;
pub mod conll;
pub mod lexicon;
pub mod ner;
pub mod tokens;

use std::ops::Range;

use serde::Serialize;

use actors::{Actor, cast};
use agreements::agreements;
use lexicon::{StatementKind, lexicon};
use ner::Tagger;
use tokens::{Token, TokenKind, ends_sentence, tokenize};

/// The extractor's version: the store keeps it with the facts it found and
/// extracts them again when it changes. Bump it with any change to what
/// the extractor finds.
pub const VERSION: u32 = 1;

/// A statement as reported: parties by name.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    pub kind: StatementKind,
    pub verb: String,
    pub parties: Vec<String>,
    pub text: String,
    pub sentence: String,
    /// Character offsets of the sentence in the article's text (the title
    /// line, then each paragraph on its own line, as khabar reads it).
    pub span: [usize; 2],
    /// Byte range of the sentence in the article's text.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// The facts of one article.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facts {
    pub actors: Vec<Actor>,
    pub agreements: Vec<Statement>,
}

/// Sentences as token ranges: split at final punctuation and at line ends;
/// a run-on sentence is cut at a comma after 60 tokens, and anywhere after 200,
/// so that no statement carries a whole unpunctuated paragraph.
fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let line_end = tokens
            .get(i + 1)
            .is_some_and(|n| text[t.span.end..n.span.start].contains('\n'));
        let long = i - start >= 200 || (i - start >= 60 && matches!(t.norm.as_str(), "،" | ","));
        if ends_sentence(t) || line_end || long || i + 1 == tokens.len() {
            if i + 1 > start {
                out.push(start..i + 1);
            }
            start = i + 1;
        }
    }
    out
}

/// Extract the facts of an article's text: its title line, then each
/// paragraph on a line of its own.
pub fn extract(text: &str) -> Facts {
    let lex = lexicon();
    // Latin-script text (photo credits, English captions) is left out: the
    // extractor reads Arabic.
    let tokens: Vec<Token> = tokenize(text, 0);
    let mentions: Vec<_> = Tagger::new(&tokens)
        .mentions()
        .into_iter()
        .filter(|m| tokens[m.tokens.start].kind != TokenKind::Latin || m.tokens.len() == 1)
        .collect();
    let cast = cast(text, &tokens, &mentions);
    let sentences = sentences(text, &tokens);
    let found = agreements(text, &tokens, &mentions, &cast, &sentences, lex);
    // character offsets of byte positions, counted once along the text
    let mut counted = (0usize, 0usize); // (byte, chars) so far
    let mut char_offset = |byte: usize| {
        if byte < counted.0 {
            counted.1 -= text[byte..counted.0].chars().count();
        } else {
            counted.1 += text[counted.0..byte].chars().count();
        }
        counted.0 = byte;
        counted.1
    };
    let statements = found
        .into_iter()
        .map(|a| Statement {
            kind: a.kind,
            verb: a.verb,
            parties: a
                .parties
                .iter()
                .map(|&p| cast.actors[p].name.clone())
                .collect(),
            text: a.text,
            sentence: text[a.sentence.clone()].to_string(),
            span: {
                let start = char_offset(a.sentence.start);
                [start, char_offset(a.sentence.end)]
            },
            range: a.sentence,
        })
        .collect();
    let mut actors = cast.actors;
    actors.sort_by_key(|a| (a.kind as u8, std::cmp::Reverse(a.mentions)));
    Facts {
        actors,
        agreements: statements,
    }
}
