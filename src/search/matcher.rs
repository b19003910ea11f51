//! One query against one text.
//!
//! The query and the text are folded alike (`text::normalize`) and the
//! query is found as a literal substring, so that a word is found with
//! the proclitics written before it (و ف ب ك ل, وال بال كال فال: والأمن
//! holds الأمن), and a query typed with a proclitic finds that form
//! (بالامن finds بالأمن, not الأمن). One proclitic changes the word's
//! spelling: ل before ال drops the alef (ل + الأمن = للأمن, ل + الله =
//! لله). So a word of the query that starts with ال (three letters or
//! more, not after another letter) is also found with ل in the alef's
//! place: الامن finds الأمن, والأمن, للأمن and وللأمن alike, and للامن, typed
//! with the clitic, finds للأمن. Every match maps back to the exact
//! bytes of the original text.

use std::ops::Range;

use memchr::memmem;

use super::needle::{Matches, Needle, Part};
use crate::text::normalize::{Folded, fold};

/// A folded, literal query (never a regex: `.*(` is just those characters).
pub struct Query {
    folded: String,
    /// The query as fixed text and places spelled more than one way.
    parts: Vec<Spelled>,
    needle: Needle,
}

/// A part of a query: folded text, or the spellings a place may have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spelled {
    Fixed(String),
    Either(Vec<String>),
}

/// The folded alef and lam.
const ALEF: char = 'ا';
const LAM: char = 'ل';

/// Where, in folded text, a word starts with ال and ل + ال may be written
/// without its alef: the alef's byte offsets, and whether a lam follows
/// the article's (الله: then ل + الله is لله, the alef left out; else
/// الأمن: ل + الأمن is للأمن, a lam in the alef's place). A word starts the
/// text or follows a character that is not a letter or a digit, and has a
/// letter after ال.
pub fn clitic_holes(folded: &str) -> Vec<(usize, bool)> {
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let starts_word = k == 0 || !chars[k - 1].1.is_alphanumeric();
        if c == ALEF
            && starts_word
            && chars.get(k + 1).is_some_and(|&(_, n)| n == LAM)
            && let Some(&(_, third)) = chars.get(k + 2).filter(|(_, n)| n.is_alphabetic())
        {
            out.push((at, third == LAM));
        }
    }
    out
}

impl Query {
    /// `None` for a query that folds to nothing (empty, or only harakat).
    pub fn new(query: &str) -> Option<Query> {
        let folded = fold(query);
        if folded.trim().is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        let mut from = 0;
        for (at, lam_follows) in clitic_holes(&folded) {
            parts.push(Spelled::Fixed(folded[from..at].to_string()));
            let other = if lam_follows { "" } else { "ل" };
            parts.push(Spelled::Either(vec![ALEF.to_string(), other.to_string()]));
            from = at + ALEF.len_utf8();
        }
        parts.push(Spelled::Fixed(folded[from..].to_string()));
        parts.retain(|p| p != &Spelled::Fixed(String::new()));
        let needle = needle_of(
            &parts,
            |s| s.as_bytes().to_vec(),
            |b| memmem::Finder::new(b).into_owned(),
        );
        Some(Query {
            folded,
            parts,
            needle,
        })
    }

    /// The folded query.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The query as fixed text and places spelled more than one way.
    pub fn parts(&self) -> &[Spelled] {
        &self.parts
    }

    /// Every way the query may be spelled, when there are at most `most`.
    pub fn spellings(&self, most: usize) -> Option<Vec<String>> {
        let mut out = vec![String::new()];
        for p in &self.parts {
            match p {
                Spelled::Fixed(s) => out.iter_mut().for_each(|o| o.push_str(s)),
                Spelled::Either(s) => {
                    if out.len() * s.len() > most {
                        return None;
                    }
                    out = out
                        .iter()
                        .flat_map(|o| s.iter().map(move |x| format!("{o}{x}")))
                        .collect();
                }
            }
        }
        Some(out)
    }

    /// Byte ranges of the matches in already folded text (non-overlapping).
    pub fn find_folded(&self, folded: &str) -> Vec<Range<usize>> {
        self.needle.find_iter(folded.as_bytes()).collect()
    }

    /// Byte offsets where the query starts in folded bytes.
    pub fn find_folded_bytes(&self, folded: &[u8]) -> Vec<usize> {
        self.needle.find_iter(folded).map(|r| r.start).collect()
    }

    /// The matches in folded bytes, as they are found.
    pub fn matches<'a>(&'a self, folded: &'a [u8]) -> Matches<'a> {
        self.needle.find_iter(folded)
    }

    /// Does folded text contain the query?
    pub fn is_in_folded(&self, folded: &str) -> bool {
        self.needle.find(folded.as_bytes()).is_some()
    }
}

/// The needle of a query's `parts`, each text made bytes by `bytes` (UTF-8,
/// or the search code), found first by a finder `finder` makes.
pub fn needle_of(
    parts: &[Spelled],
    bytes: impl Fn(&str) -> Vec<u8>,
    finder: impl Fn(&[u8]) -> memmem::Finder<'static>,
) -> Needle {
    let parts = parts
        .iter()
        .map(|p| match p {
            Spelled::Fixed(s) => Part::Fixed(bytes(s)),
            Spelled::Either(s) => Part::Either(s.iter().map(|x| bytes(x)).collect()),
        })
        .collect();
    Needle::new(parts, finder)
}

/// The matches of `query` in `text`, as byte ranges of `text` itself.
pub fn find_in(query: &Query, text: &Folded) -> Vec<Range<usize>> {
    query
        .find_folded(&text.text)
        .into_iter()
        .map(|r| text.original_range(r))
        .collect()
}

/// Bytes of text folded at a time by [`find_all`].
const WINDOW_BYTES: usize = 1 << 20;
/// How far windows overlap: the longest match (in the original text, its
/// harakat and tatweel included) found across two windows.
const OVERLAP_BYTES: usize = 4096;

/// The matches of `query` in `text` of any size, as byte ranges of `text`:
/// folded a window at a time, so that memory stays that of one window.
pub fn find_all(query: &Query, text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = text.floor_char_boundary(start + WINDOW_BYTES);
        let last = end == text.len();
        // matches starting past here are found whole by the next window
        let next = if last {
            text.len()
        } else {
            text.floor_char_boundary(end - OVERLAP_BYTES)
        };
        let folded = Folded::new(&text[start..end]);
        for r in find_in(query, &folded) {
            let r = r.start + start..r.end + start;
            let new = out.last().is_none_or(|l: &Range<usize>| r.start >= l.end);
            if new && (r.start < next || last) {
                out.push(r);
            }
        }
        if last {
            return out;
        }
        start = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(text: &str, q: &str) -> Vec<String> {
        let f = Folded::new(text);
        let q = Query::new(q).unwrap();
        find_in(&q, &f)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn a_long_text_is_searched_a_window_at_a_time_missing_nothing() {
        // matches fall across every window boundary, at every alignment
        let mut text = String::new();
        let mut i = 0;
        while text.len() < 3 * WINDOW_BYTES + 1000 {
            text.push_str(if i % 7 == 0 {
                "الأمنُ "
            } else {
                "كلمة "
            });
            text.push_str(&"x".repeat(i % 5));
            i += 1;
        }
        let q = Query::new("الامن").unwrap();
        let whole = find_in(&q, &Folded::new(&text));
        assert!(whole.len() > 10_000);
        assert_eq!(find_all(&q, &text), whole);
    }

    #[test]
    fn typed_without_hamza_harakat_or_tatweel() {
        assert_eq!(matches("حماية الأمنُ القومي", "الامن"), ["الأمنُ"]);
        assert_eq!(matches("في المدرسة", "مدرسه"), ["مدرسة"]);
        assert_eq!(matches("مشى إلى", "الي"), ["إلى"]);
        assert_eq!(matches("كـــبير", "كبير"), ["كـــبير"]);
        assert_eq!(matches("عام ٢٠٢٢ و2022", "2022"), ["٢٠٢٢", "2022"]);
        assert_eq!(matches("NATO and Nato", "nato"), ["NATO", "Nato"]);
    }

    #[test]
    fn substring_like_grep_and_literal() {
        assert_eq!(matches("والاتفاقية مهمة", "الاتفاق"), ["الاتفاق"]);
        assert_eq!(matches("a .*( b", ".*("), [".*("]);
        assert!(Query::new("").is_none());
        assert!(Query::new("\u{064E}\u{0651}").is_none());
    }

    #[test]
    fn a_word_is_found_behind_its_proclitics_and_a_clitic_typed_finds_its_form() {
        let text = "الأمن والأمن فالأمن بالأمن كالأمن للأمن وللأمن فللأمن الأمنية";
        assert_eq!(matches(text, "الامن").len(), 9);
        assert_eq!(matches(text, "للامن"), ["للأمن", "للأمن", "للأمن"]);
        assert_eq!(matches(text, "بالامن"), ["بالأمن"]);
        assert_eq!(matches(text, "والامن"), ["والأمن"]);
        // الله with ل is لله; اللجنة with ل is للجنة (no lam in the alef's place)
        assert_eq!(matches("الحمد لله", "الله"), ["لله"]);
        assert_eq!(
            matches("قدم للجنة، اللجنة للّجنة", "اللجنة"),
            ["للجنة", "اللجنة", "للّجنة"]
        );
        // each word of a query, not only the first
        assert_eq!(
            matches("تعزيز للأمن الوطني، تعزيز الأمن بالوطني", "تعزيز الامن الوطني"),
            ["تعزيز للأمن الوطني"]
        );
        assert_eq!(matches("دعم للأمن للوطن", "الامن الوطن"), ["للأمن للوطن"]);
        // ال inside a word, or alone, is no clitic place
        assert_eq!(clitic_holes("سالم ال الا xال"), vec![(14, false)]);
        assert_eq!(clitic_holes("الله"), vec![(0, true)]);
        assert!(matches("سللم", "سالم").is_empty());
    }

    #[test]
    fn ranges_cover_harakat_and_ligature_letters() {
        let text = "قَالَ لا الإِتِّفَاقُ";
        // "لا" is also in "الإِتِّفَاق" once folded: ل + إ
        assert_eq!(matches(text, "لا"), ["لا", "لإِ"]);
        assert_eq!(matches(text, "الاتفاق"), ["الإِتِّفَاقُ"]);
        assert_eq!(matches(text, "قال"), ["قَالَ"]);
    }
}
