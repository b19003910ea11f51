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
    /// The readings without proclitics (see [`Token::stems`]), computed
    /// once: each the end of `norm` or the reading of لل as ال (`alt`).
    readings: [Reading; MAX_READINGS],
    count: u8,
    /// لل read as ل + ال: that reading's letters (empty when none).
    alt: String,
}

/// At most this many readings: the word, without و/ف, without a
/// preposition (or لل as ال) after that, and without one before it.
const MAX_READINGS: usize = 4;

/// A reading of a token: `removed` letters taken off the front; the rest
/// of the folded form from byte `at`, or the token's `alt`.
#[derive(Clone, Copy, Debug, Default)]
struct Reading {
    removed: u8,
    at: u32,
    alt: bool,
}

/// A token's readings (see [`Token::stems`]): (letters removed, the
/// letters left), each made when it is asked for. (Made all at once, into
/// an array handed back, they were a quarter of the extractor's work: a
/// token's readings are asked for some twenty times, and most askers stop
/// at the first or second.)
#[derive(Clone, Copy, Debug)]
pub struct Readings<'a> {
    token: &'a Token,
}

impl<'a> Readings<'a> {
    pub fn len(&self) -> usize {
        self.token.count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reading `k` (0: the word itself).
    pub fn get(&self, k: usize) -> Option<(usize, &'a str)> {
        let r = self.token.readings[..self.len()].get(k)?;
        Some(self.token.reading(r))
    }

    pub fn last(&self) -> Option<(usize, &'a str)> {
        self.get(self.len().checked_sub(1)?)
    }

    pub fn iter(&self) -> ReadingsIter<'a> {
        ReadingsIter {
            readings: *self,
            next: 0,
        }
    }
}

/// The readings of a token one after the other.
#[derive(Clone, Debug)]
pub struct ReadingsIter<'a> {
    readings: Readings<'a>,
    next: usize,
}

impl<'a> Iterator for ReadingsIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let item = self.readings.get(self.next)?;
        self.next += 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.readings.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for ReadingsIter<'_> {}

impl<'a> IntoIterator for Readings<'a> {
    type Item = (usize, &'a str);
    type IntoIter = ReadingsIter<'a>;

    fn into_iter(self) -> ReadingsIter<'a> {
        self.iter()
    }
}

impl Token {
    pub fn new(text: &str, span: Range<usize>) -> Token {
        let norm = fold(text);
        let kind = classify(&norm);
        let maqsura = text
            .trim_end_matches(|c: char| ('\u{064B}'..='\u{065F}').contains(&c))
            .ends_with('ى');
        // (a char at a time: `contains` with a char of two bytes or more
        // sets up a substring search, 5% of the extractor's work)
        let fathatan = text.chars().any(|c| c == '\u{064B}');
        let hamza_initial = text.starts_with(['أ', 'إ', 'آ']);
        let mut readings = [Reading::default(); MAX_READINGS];
        let mut count = 1;
        let mut alt = String::new();
        if kind == TokenKind::Arabic {
            for (removed, at, is_alt) in reading_places(&norm) {
                if is_alt {
                    alt = format!("ال{}", &norm[at..]);
                }
                readings[count] = Reading {
                    removed: removed as u8,
                    at: at as u32,
                    alt: is_alt,
                };
                count += 1;
            }
        }
        Token {
            span,
            norm,
            kind,
            maqsura,
            fathatan,
            hamza_initial,
            readings,
            count: count as u8,
            alt,
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
    pub fn stems(&self) -> Readings<'_> {
        Readings { token: self }
    }

    /// A reading's letters removed and letters left.
    fn reading(&self, r: &Reading) -> (usize, &str) {
        let text = if r.alt {
            self.alt.as_str()
        } else {
            self.norm.get(r.at as usize..).unwrap_or_default()
        };
        (r.removed as usize, text)
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

/// The readings of a folded word after the word itself (see
/// [`Token::stems`]): (letters removed, byte where the rest starts, read
/// as ال + the rest).
fn reading_places(norm: &str) -> impl Iterator<Item = (usize, usize, bool)> {
    let mut places = [(0, 0, false); MAX_READINGS - 1];
    let mut n = 0;
    let len = norm.chars().count();
    // `base` (from byte `at`, of `blen` letters) with a preposition taken
    // off, `removed` letters having been taken off before it
    let add_prepositions =
        |at: usize, blen: usize, removed: usize, places: &mut [_], n: &mut usize| {
            let base = &norm[at..];
            if blen < 4 {
                return;
            }
            if base.starts_with("لل") {
                places[*n] = (removed + 1, at + 2 * 'ل'.len_utf8(), true);
                *n += 1;
            }
            if base.starts_with(['ب', 'ل', 'ك'])
                || base.starts_with('س') && after(base, 1).starts_with(['ي', 'ت', 'ن', 'ا'])
            {
                let first = base.chars().next().map_or(0, char::len_utf8);
                places[*n] = (removed + 1, at + first, false);
                *n += 1;
            }
        };
    if len >= 3 && norm.starts_with(['و', 'ف']) {
        // without the conjunction first, then its prepositions
        let first = 'و'.len_utf8();
        places[0] = (1, first, false);
        n = 1;
        add_prepositions(first, len - 1, 1, &mut places, &mut n);
    }
    add_prepositions(0, len, 0, &mut places, &mut n);
    places.into_iter().take(n)
}

/// `s` without its first `n` characters.
fn after(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or("", |(i, _)| &s[i..])
}

/// Split `text` (starting at byte `offset` of the article) into tokens:
/// runs of letters, marks and digits, and single punctuation characters.
pub fn tokenize(text: &str, offset: usize) -> Vec<Token> {
    // about as many as news has (a token per 8 bytes or more): grown by
    // doubling, the tokens were copied over and again (2% of the work)
    let mut tokens = Vec::with_capacity(text.len() / 8 + 16);
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

    /// The readings of a folded word (see [`Token::stems`]).
    fn stems(norm: &str) -> Vec<(usize, String)> {
        Token::new(norm, 0..norm.len())
            .stems()
            .into_iter()
            .map(|(removed, s)| (removed, s.to_string()))
            .collect()
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
