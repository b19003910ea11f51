//! Tokens with their byte spans, folded forms and clitic analysis, and
//! sentence boundaries.

use std::ops::Range;

use crate::text::normalize::fold;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Arabic,
    Latin,
    Number,
    Punct,
}

/// One token of an article (or of a CoNLL file).
#[derive(Clone, Debug)]
pub struct Token {
    /// Byte range in the article text.
    pub span: Range<usize>,
    /// Folded form (see `text::normalize`).
    pub norm: String,
    pub kind: TokenKind,
    /// Written with a final ى (alef maqsura), which folding turns into ي.
    pub maqsura: bool,
    /// Written with tanween fath (ً): an indefinite accusative, never a name.
    pub fathatan: bool,
    /// Written with a hamza on its first alef (ألبرت, إيران): its folded
    /// form may start with ال without the article.
    pub hamza_initial: bool,
    /// The readings without proclitics (see [`Token::stems`]), computed once.
    readings: Vec<(usize, String)>,
}

impl Token {
    pub fn new(text: &str, span: Range<usize>) -> Token {
        let norm = fold(text);
        let kind = classify(&norm);
        let maqsura = text
            .trim_end_matches(|c: char| ('\u{064B}'..='\u{065F}').contains(&c))
            .ends_with('ى');
        let fathatan = text.contains('\u{064B}');
        let hamza_initial = text.starts_with(['أ', 'إ', 'آ']);
        let readings = if kind == TokenKind::Arabic {
            stems(&norm)
        } else {
            vec![(0, norm.clone())]
        };
        Token {
            span,
            norm,
            kind,
            maqsura,
            fathatan,
            hamza_initial,
            readings,
        }
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Arabic
    }

    pub fn is(&self, s: &str) -> bool {
        self.norm == s
    }

    /// The token's readings with proclitics taken off, one step at a time:
    /// the token itself; without و/ف (conjunction); without ب/ل/ك
    /// (preposition) after that; لل as ل + ال; and سـ (future) before a
    /// verb's person prefix. Each reading with the number of letters removed.
    pub fn stems(&self) -> &[(usize, String)] {
        &self.readings
    }
}

fn classify(norm: &str) -> TokenKind {
    let mut chars = norm.chars();
    match chars.next() {
        Some(c) if ('\u{0600}'..='\u{06FF}').contains(&c) && !is_arabic_punct(c) => {
            TokenKind::Arabic
        }
        Some(c) if c.is_ascii_digit() => TokenKind::Number,
        Some(c) if c.is_alphabetic() => TokenKind::Latin,
        _ => TokenKind::Punct,
    }
}

fn is_arabic_punct(c: char) -> bool {
    matches!(c, '،' | '؛' | '؟' | '٪' | '٫' | '٬' | '۔' | '\u{066D}')
}

/// The readings of a folded word (see [`Token::stems`]).
pub fn stems(norm: &str) -> Vec<(usize, String)> {
    let mut out = Vec::with_capacity(4);
    out.push((0, norm.to_string()));
    let len = norm.chars().count();
    // `base` (of `blen` letters) with a preposition taken off, `removed`
    // letters having been taken off before it
    let add_prepositions = |base: &str, blen: usize, removed: usize, out: &mut Vec<_>| {
        if blen < 4 {
            return;
        }
        if base.starts_with("لل") {
            out.push((removed + 1, format!("ال{}", after(base, 2))));
        }
        if base.starts_with(['ب', 'ل', 'ك'])
            || base.starts_with('س') && after(base, 1).starts_with(['ي', 'ت', 'ن', 'ا'])
        {
            out.push((removed + 1, after(base, 1).to_string()));
        }
    };
    if len >= 3 && norm.starts_with(['و', 'ف']) {
        let r = after(norm, 1);
        add_prepositions(r, len - 1, 1, &mut out);
        out.insert(1, (1, r.to_string()));
    }
    add_prepositions(norm, len, 0, &mut out);
    out
}

/// `s` without its first `n` characters.
fn after(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or("", |(i, _)| &s[i..])
}

/// Split `text` (starting at byte `offset` of the article) into tokens:
/// runs of letters, marks and digits, and single punctuation characters.
pub fn tokenize(text: &str, offset: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let is_word_char = |c: char| {
        matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | 'a'..='z' | 'A'..='Z' | '0'..='9')
            || c.is_alphanumeric()
            || ('\u{064B}'..='\u{065F}').contains(&c)
            || c == '\u{0670}'
            || c == '\u{0640}'
            || c == '\u{200C}'
            || c == '\u{200D}'
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) && !is_arabic_punct(c) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            tokens.push(Token::new(&text[s..i], offset + s..offset + i));
        }
        if !c.is_whitespace() {
            let end = i + c.len_utf8();
            tokens.push(Token::new(&text[i..end], offset + i..offset + end));
        }
    }
    if let Some(s) = start {
        tokens.push(Token::new(&text[s..], offset + s..offset + text.len()));
    }
    tokens
}

/// Is this token the end of a sentence?
pub fn ends_sentence(t: &Token) -> bool {
    matches!(t.norm.as_str(), "." | "!" | "?" | "؟" | "؛" | ";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_spans() {
        let text = "قال أوباما: \"نحن متفقان\" (2015).";
        let t = tokenize(text, 10);
        let words: Vec<&str> = t
            .iter()
            .map(|t| &text[t.span.start - 10..t.span.end - 10])
            .collect();
        assert_eq!(
            words,
            [
                "قال",
                "أوباما",
                ":",
                "\"",
                "نحن",
                "متفقان",
                "\"",
                "(",
                "2015",
                ")",
                "."
            ]
        );
        assert_eq!(t[1].norm, "اوباما");
        assert_eq!(t[8].kind, TokenKind::Number);
    }

    #[test]
    fn clitics_one_step_at_a_time() {
        let s: Vec<String> = stems("وللحلف").into_iter().map(|(_, s)| s).collect();
        assert!(s.contains(&"الحلف".to_string()), "{s:?}");
        let s: Vec<String> = stems("وبريطانيا").into_iter().map(|(_, s)| s).collect();
        assert_eq!(s[1], "بريطانيا");
        let s: Vec<String> = stems("سيستعمل").into_iter().map(|(_, s)| s).collect();
        assert!(s.contains(&"يستعمل".to_string()));
        // short words keep their letters
        assert_eq!(stems("بل").len(), 1);
    }
}
