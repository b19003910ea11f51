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

    /// After a title: complements (an organization, a country adjective,
    /// "باسم X", "في PLACE", definite nouns), collected as mentions too.
    pub(super) fn title_complements(&self, mut j: usize, out: &mut Vec<Mention>) -> usize {
        let mut definite = 0;
        for _ in 0..6 {
            let Some(t) = self.word(j) else { break };
            if !self.corpus && self.honorific(j) {
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
            if t.is("في")
                && self
                    .gazetteer(j + 1)
                    .is_some_and(|(_, e, _)| is_place(&e.kind))
            {
                let (end, e, prefix) = self.gazetteer(j + 1).unwrap();
                out.push(gaz_mention(j + 1..end, e, prefix));
                j = end;
                continue;
            }
            let definite_noun = t
                .stems()
                .iter()
                .any(|(_, s)| s.starts_with("ال") && s.chars().count() > 3);
            let a_name = self.surname_at(j).is_some() || self.lex.first_names.contains(&t.norm);
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
