//! One query against one text.

use std::ops::Range;

use memchr::memmem;

use crate::text::normalize::{Folded, fold};

/// A folded, literal query (never a regex: `.*(` is just those characters).
pub struct Query {
    folded: String,
    finder: memmem::Finder<'static>,
}

impl Query {
    /// `None` for a query that folds to nothing (empty, or only harakat).
    pub fn new(query: &str) -> Option<Query> {
        let folded = fold(query);
        if folded.trim().is_empty() {
            return None;
        }
        let finder = memmem::Finder::new(folded.as_bytes()).into_owned();
        Some(Query { folded, finder })
    }

    /// The folded query.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Byte ranges of the matches in already folded text (non-overlapping).
    pub fn find_folded(&self, folded: &str) -> Vec<Range<usize>> {
        let n = self.folded.len();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(i) = self.finder.find(&folded.as_bytes()[at..]) {
            out.push(at + i..at + i + n);
            at += i + n;
        }
        out
    }

    /// Byte offsets where the query starts in folded bytes.
    pub fn find_folded_bytes(&self, folded: &[u8]) -> Vec<usize> {
        self.finder.find_iter(folded).collect()
    }

    /// Does folded text contain the query?
    pub fn is_in_folded(&self, folded: &str) -> bool {
        self.finder.find(folded.as_bytes()).is_some()
    }
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
    fn ranges_cover_harakat_and_ligature_letters() {
        let text = "قَالَ لا الإِتِّفَاقُ";
        // "لا" is also in "الإِتِّفَاق" once folded: ل + إ
        assert_eq!(matches(text, "لا"), ["لا", "لإِ"]);
        assert_eq!(matches(text, "الاتفاق"), ["الإِتِّفَاقُ"]);
        assert_eq!(matches(text, "قال"), ["قَالَ"]);
    }
}
