//! The corpus index: every article's text folded once, searched whole.

use std::ops::Range;

use crate::text::normalize::fold;

use super::matcher::Query;

/// An article that matches, with its number of matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusHit {
    pub article: usize,
    pub count: usize,
}

/// Folded texts of the articles (title and body) and of their actors' names.
#[derive(Default)]
pub struct CorpusIndex {
    texts: Vec<String>,
    /// Where the title ends in each folded text (title matches rank first).
    title_ends: Vec<usize>,
    actors: Vec<String>,
}

impl CorpusIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for `n` more articles.
    pub fn reserve(&mut self, n: usize) {
        self.texts.reserve(n);
        self.title_ends.reserve(n);
        self.actors.reserve(n);
    }

    /// Index the next article: its text (title line first) and title length.
    pub fn push(&mut self, text: &str, title: Range<usize>) {
        let folded = fold(text);
        let title_end = fold(&text[title]).len();
        self.texts.push(folded);
        self.title_ends.push(title_end);
        self.actors.push(String::new());
    }

    /// Record article `i`'s actor names (searched too).
    pub fn set_actors(&mut self, i: usize, names: &[String]) {
        if let Some(slot) = self.actors.get_mut(i) {
            *slot = names.iter().map(|n| fold(n)).collect::<Vec<_>>().join("\n");
        }
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The articles that match, best first: more matches first, a match in
    /// the title or among the actors counting double, ties in corpus order.
    pub fn search(&self, query: &Query) -> Vec<CorpusHit> {
        let mut hits: Vec<(usize, CorpusHit)> = Vec::new();
        for (i, text) in self.texts.iter().enumerate() {
            let matches = query.find_folded(text);
            let actor = query.is_in_folded(&self.actors[i]);
            if matches.is_empty() && !actor {
                continue;
            }
            let in_title = matches
                .iter()
                .filter(|m| m.start < self.title_ends[i])
                .count();
            let score = matches.len() + in_title + if actor { 1 } else { 0 };
            hits.push((
                score,
                CorpusHit {
                    article: i,
                    count: matches.len(),
                },
            ));
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.article.cmp(&b.1.article)));
        hits.into_iter().map(|(_, h)| h).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_first_and_actor_names_count() {
        let mut idx = CorpusIndex::new();
        idx.push("خبر\nالأمن مرة", 0..6);
        idx.push("الامن\nالأمن والأمن", 0..10);
        idx.push("لا شيء\nهنا", 0..9);
        idx.set_actors(2, &["مجلس الأمن".to_string()]);
        let hits = idx.search(&Query::new("الامن").unwrap());
        assert_eq!(
            hits.iter().map(|h| h.article).collect::<Vec<_>>(),
            [1, 0, 2]
        );
        assert_eq!(hits[0].count, 3);
        assert_eq!(hits[2].count, 0, "matched by an actor's name only");
    }
}
