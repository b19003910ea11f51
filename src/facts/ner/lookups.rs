//! What the lists say at each token: the longest listed phrase (places,
//! organizations, groups, names mined from ANERcorp) and the longest title,
//! through clitics; and the same across words for the learned tagger.

use super::super::lexicon::GazKind;
use super::*;

impl Tagger<'_> {
    /// Longest gazetteer phrase starting at token `i`, through clitics. The
    /// curated lists win over phrases mined from ANERcorp, and mined names of
    /// people are only read through a conjunction (و, ف), not a preposition.
    pub(super) fn gazetteer(&self, i: usize) -> Option<(usize, &'static GazEntry, usize)> {
        *self.gaz.get(i)?
    }

    /// [`Self::gazetteer`], computed (once per token, in `new`).
    pub(super) fn find_gazetteer(&self, i: usize) -> Option<(usize, &'static GazEntry, usize)> {
        let first = self.word(i)?;
        let mut best: Option<(bool, usize, usize, &'static GazEntry, usize)> = None;
        for (prefix, stem) in first.stems() {
            let Some(&longest) = self.lex.gaz_first.get(stem) else {
                continue;
            };
            let conjunction_only =
                prefix == 0 || (prefix == 1 && first.norm.starts_with(['و', 'ف']));
            self.phrases(i, stem, longest, |n, phrase| {
                let Some(e) = self.lex.gazetteer.get(phrase) else {
                    return;
                };
                if matches!(e.kind, GazKind::Mined("PERS")) && !conjunction_only {
                    return;
                }
                // a name mined with its conjunction (وخالد): read as و and
                // the first name
                if matches!(e.kind, GazKind::Mined(_))
                    && prefix == 0
                    && n == 1
                    && first.norm.starts_with(['و', 'ف'])
                    && first
                        .stems()
                        .get(1)
                        .is_some_and(|(_, s)| self.lex.curated_first_names.contains(s))
                {
                    return;
                }
                let curated = !matches!(e.kind, GazKind::Mined(_));
                if best.as_ref().is_none_or(|b| (curated, n) > (b.0, b.1)) {
                    best = Some((curated, n, prefix, e, i + n));
                }
            });
        }
        best.map(|(_, _, prefix, e, end)| (end, e, prefix))
    }

    /// Longest title starting at token `i`.
    pub(super) fn title(&self, i: usize) -> Option<usize> {
        *self.titles.get(i)?
    }

    /// [`Self::title`], computed (once per token, in `new`).
    pub(super) fn find_title(&self, i: usize) -> Option<usize> {
        let first = self.word(i)?;
        for (_, stem) in first.stems() {
            let Some(&longest) = self.lex.title_first.get(stem) else {
                continue;
            };
            let mut best = None;
            self.phrases(i, stem, longest, |n, phrase| {
                if self.lex.titles.contains(phrase) {
                    best = Some(i + n);
                }
            });
            if best.is_some() {
                return best;
            }
        }
        // titles of news the lists leave out so that the rules' tags stay
        // those the CoNLL model was trained on
        let news_title = first
            .stems()
            .iter()
            .any(|(_, s)| words::news_titles().contains(&s));
        (news_title && !self.corpus).then_some(i + 1)
    }

    /// The phrases of up to `longest` words starting at token `i`, whose
    /// first word is read as `first`: `visit(words, phrase)` for each.
    pub(super) fn phrases(
        &self,
        i: usize,
        first: &str,
        longest: usize,
        mut visit: impl FnMut(usize, &str),
    ) {
        let mut phrase = first.to_string();
        for n in 1..=longest {
            if n > 1 {
                let Some(t) = self.word(i + n - 1) else { break };
                phrase.push(' ');
                phrase.push_str(&t.norm);
            }
            visit(n, &phrase);
        }
    }

    /// What the curated lists say across words, for the learned tagger:
    /// for each token, the kind of the listed phrase it is in (0 none;
    /// twice the kind, plus one past the phrase's first word) and how far
    /// after the end of a title it stands (0: not within three words).
    pub fn list_marks(&self) -> Vec<Marks> {
        let n = self.tokens.len();
        let mut out = vec![Marks::default(); n];
        for i in 0..n {
            if let Some((end, e, _)) = self.gazetteer(i) {
                let code = match e.kind {
                    GazKind::Country => 1,
                    GazKind::Adjective(_) => 2,
                    GazKind::Capital(_) => 3,
                    GazKind::City => 4,
                    GazKind::Region => 5,
                    GazKind::Organization => 6,
                    GazKind::Group => 7,
                    GazKind::Mined(_) => 0,
                };
                if code > 0 {
                    for (j, o) in out.iter_mut().enumerate().take(end).skip(i) {
                        if o.phrase == 0 {
                            o.phrase = code * 2 + (j > i) as u8;
                        }
                    }
                }
            }
            if let Some(end) = self.title(i) {
                for d in 0..3 {
                    if let Some(o) = out.get_mut(end + d)
                        && o.title == 0
                    {
                        o.title = d as u8 + 1;
                    }
                }
            }
        }
        out
    }
}
