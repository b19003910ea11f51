//! After a title: its complements (an organization, a nationality, باسم X,
//! في PLACE, definite nouns), which belong to the role.

use super::super::lexicon::GazKind;
use super::super::words;
use super::*;

impl Tagger<'_> {
    /// Is token `i` an honorific (الدكتور, الشيخ, المهندس)? Part of the
    /// name it comes before, not of the role.
    pub(super) fn honorific(&self, i: usize) -> bool {
        self.word(i).is_some_and(|t| {
            t.stems()
                .iter()
                .take(2)
                .any(|(_, s)| words::honorifics().contains(&s))
        })
    }

    /// Is token `i` a rank or a royal title (الفريق، اللواء، الأمير)? After
    /// an office it goes with the name, like an honorific.
    pub(super) fn rank(&self, i: usize) -> bool {
        self.word(i).is_some_and(|t| {
            t.stems()
                .iter()
                .take(2)
                .any(|(_, s)| words::name_ranks().contains(&s))
        })
    }

    /// الأمير or الأميرة right before a first name: a prince's title that
    /// goes with the name, not an office (أمير دولة قطر is one).
    pub(super) fn royal_first(&self, i: usize) -> bool {
        self.word(i).is_some_and(|t| {
            t.stems()
                .iter()
                .take(2)
                .any(|(_, s)| s == "الامير" || s == "الاميره")
        }) && self
            .word(i + 1)
            .is_some_and(|n| self.lex.first_names.contains(&n.norm) || self.honorific(i + 1))
    }

    /// Forms of address at token `i` (صاحب السمو الملكي، معالي، دولة before
    /// an office) followed by an office, an honorific or a first name: how
    /// many words they take (0 if none).
    pub(super) fn style_len(&self, i: usize) -> usize {
        let mut n = 0;
        while n < 3
            && self
                .word(i + n)
                .is_some_and(|t| words::styles().contains(&t.norm.as_str()))
        {
            n += 1;
        }
        if n == 0 {
            return 0;
        }
        let next = i + n;
        let leads = self.title(next).is_some()
            || self.honorific(next)
            || self.rank(next)
            || self
                .word(next)
                .is_some_and(|t| self.lex.first_names.contains(&t.norm));
        // دولة alone is a country's (دولة قطر) unless an office follows
        let country = n == 1 && self.tokens[i].norm == "دوله" && self.title(next).is_none();
        if leads && !country { n } else { 0 }
    }

    /// After a title: complements (an organization, a country adjective,
    /// "باسم X", "في PLACE", definite nouns), collected as mentions too.
    pub(super) fn title_complements(&self, mut j: usize, out: &mut Vec<Mention>) -> usize {
        let mut definite = 0;
        let start = j;
        for _ in 0..8 {
            let Some(t) = self.word(j) else { break };
            if !self.corpus && (self.honorific(j) || self.rank(j)) {
                break;
            }
            if let Some((end, key, prefix)) = self.ministry(j) {
                // a ministry named without وزارة after a minister's title
                // (وزيرة الصحة الكينية) is the role's, not an actor of the
                // story (ANERcorp's convention tags it: kept for CoNLL)
                let named = t.stems().iter().any(|(_, s)| s == "وزاره");
                if named || self.corpus {
                    out.push(ministry_mention(j..end, key, prefix));
                }
                j = end;
                continue;
            }
            if let Some((end, kind, key, prefix)) = self.org_phrase_over_list(j) {
                out.push(org_mention(j..end, kind, key, prefix));
                j = end;
                continue;
            }
            if let Some((end, e, prefix)) = self.gazetteer(j)
                && !matches!(e.kind, GazKind::Mined("PERS"))
            {
                out.push(gaz_mention(j..end, e, prefix));
                j = end;
                continue;
            }
            if t.is("باسم") {
                j += 1;
                continue;
            }
            let linked =
                t.is("في") || !self.corpus && words::complement_links().contains(&t.norm.as_str());
            if linked
                && let Some((end, e, prefix)) = self.gazetteer(j + 1)
                && (is_place(&e.kind) || !self.corpus)
                && !matches!(e.kind, GazKind::Mined("PERS"))
            {
                out.push(gaz_mention(j + 1..end, e, prefix));
                j = end;
                continue;
            }
            let a_name = self.surname_at(j).is_some() || self.lex.first_names.contains(&t.norm);
            if !self.corpus && j > start && !a_name && self.title(j).is_none() {
                // a second complement joined by و (وشؤون المغتربين،
                // والتعاون الدولي), or one with لـ (لشؤون المتوسط)
                let n = t.norm.as_str();
                let joined = n.starts_with('و') && n.chars().count() >= 4;
                let lam = n.starts_with('ل') && !n.starts_with("لل") && n.chars().count() >= 4;
                if joined || lam {
                    let rest = &n['و'.len_utf8()..];
                    let definite_rest = rest.starts_with("ال") && rest.chars().count() > 3;
                    let next_definite = self
                        .word(j + 1)
                        .is_some_and(|w| w.norm.starts_with("ال") && w.norm.chars().count() > 3);
                    let common = |w: &str| {
                        self.lex.common.contains(w) || self.lex.structured.frequency.contains_key(w)
                    };
                    if joined && definite_rest && self.gazetteer(j).is_none() {
                        j += 1;
                        continue;
                    }
                    if next_definite && common(rest) && self.gazetteer(j + 1).is_none() {
                        j += 2;
                        continue;
                    }
                }
            }
            let definite_noun = t
                .stems()
                .iter()
                .any(|(_, s)| s.starts_with("ال") && s.chars().count() > 3);
            if definite_noun && definite < 3 && !a_name {
                definite += 1;
                j += 1;
                continue;
            }
            break;
        }
        j
    }
}
