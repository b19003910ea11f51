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
