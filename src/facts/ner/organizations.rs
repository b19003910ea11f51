//! Organizations: ministries, names built from a head noun and its
//! modifiers, governments acting for their country, a head alone after its
//! organization, two named side by side, names after a trigger word.

use super::super::lexicon::GazKind;
use super::super::tokens::TokenKind;
use super::super::words;
use super::*;

impl Tagger<'_> {
    /// A ministry: "وزارة الخارجية الأمريكية", or its short form "الخارجية
    /// الأمريكية" (a ministry's name with a country adjective). The
    /// canonical name is the long form.
    pub(super) fn ministry(&self, i: usize) -> Option<(usize, String, usize)> {
        let t = self.word(i)?;
        let (prefix, stem) = t
            .stems()
            .iter()
            .find(|(_, s)| *s == "وزاره" || words::ministries().contains(s))?;
        let (name_start, long) = if stem == "وزاره" {
            (i + 1, true)
        } else {
            (i, false)
        };
        let name = self.word(name_start)?;
        let first = if long {
            name.norm.clone()
        } else {
            stem.to_string()
        };
        if !words::ministries().contains(&first.as_str()) {
            return None;
        }
        let adjective = self
            .gazetteer(name_start + 1)
            .filter(|(_, e, _)| matches!(e.kind, GazKind::Adjective(_)));
        match (long, adjective) {
            (_, Some((end, _, _))) => {
                let adj = &self.tokens[name_start + 1..end];
                let adj: Vec<&str> = adj.iter().map(|t| t.norm.as_str()).collect();
                Some((end, format!("وزاره {first} {}", adj.join(" ")), prefix))
            }
            (true, None) => Some((name_start + 1, format!("وزاره {first}"), prefix)),
            (false, None) => None,
        }
    }

    /// An organization named by a head noun and its modifiers, in no list:
    /// "البنك الإسلامي للتنمية", "هيئة الشارقة للمتاحف", "غرفة تجارة وصناعة
    /// عمان", "الصندوق العالمي لمكافحة الإيدز والسل والملاريا". After the
    /// head come definite adjectives and genitives, complements with لـ,
    /// nouns joined by و inside a complement, and for an indefinite head a
    /// chain of nouns ending in a definite word or a known name. The phrase
    /// ends at a verb, a preposition, punctuation, a time word, or a second
    /// organization or place joined by و; it is kept up to its last word
    /// that can end a name, and only with at least one modifier.
    pub(super) fn org_phrase(&self, i: usize) -> Option<OrgPhrase> {
        match self.org_phrases.get(i) {
            Some(cell) => cell.get_or_init(|| self.find_org_phrase(i)).clone(),
            None => self.find_org_phrase(i),
        }
    }

    /// [`Self::org_phrase`], computed: it depends on the tokens and the
    /// lists only, not on what a pass learns.
    pub(super) fn find_org_phrase(&self, i: usize) -> Option<OrgPhrase> {
        if self.corpus {
            return None;
        }
        let t = self.word(i)?;
        let (prefix, head, definite, kind) = t.stems().iter().find_map(|(p, s)| {
            let bare = s.strip_prefix("ال").unwrap_or(s);
            let kind = org_head(bare).or_else(|| {
                // وحدة only in construct: وحدة نزاهة ألعاب القوى, not الوحدة الوطنية
                (s == "وحده").then_some(GazKind::Organization)
            })?;
            // a preposition before an indefinite head is a common noun's
            // (بشركة): only a conjunction there
            let indefinite_ok = p == 0 || (p == 1 && t.norm.starts_with(['و', 'ف']));
            (s.starts_with("ال") || indefinite_ok)
                .then(|| (p, s.to_string(), s.starts_with("ال"), kind))
        })?;
        let mut end = None;
        // inside a complement or a construct chain (a noun still wanting
        // its genitive)
        let mut open = !definite;
        let mut in_complement = false;
        let mut after_place = false;
        let mut j = i + 1;
        while j < self.tokens.len() && j <= i + 9 {
            let Some(w) = self.word(j) else { break };
            let n = w.norm.as_str();
            if w.kind != TokenKind::Arabic || is_stop(n) || ends_org_phrase(n) {
                break;
            }
            // العام: "general" (الاتحاد العام), unless it is the year (العام الماضي)
            if n == "العام" && self.word(j + 1).is_some_and(|t| ends_org_phrase(&t.norm)) {
                break;
            }
            if self.lex.verb(w.stems()).is_some() || self.title(j).is_some() {
                break;
            }
            // another organization or place joined by و ends this one
            let joined = n.starts_with('و') && !open;
            if joined {
                let after = n.strip_prefix('و').unwrap_or(n);
                let bare = after.strip_prefix("ال").unwrap_or(after);
                let construct = !definite && after.starts_with("ال");
                if org_head(bare).is_some()
                    || !(in_complement || construct)
                    || self.gazetteer(j).is_some()
                {
                    break;
                }
            }
            let reading = if joined { &n['و'.len_utf8()..] } else { n };
            if let Some((g_end, e, _)) = self.gazetteer(j)
                && !joined
                && is_place(&e.kind)
            {
                // a place's name: "مجلس دبي", "هيئة الشارقة"; after a
                // definite adjective only as a genitive chain's end
                if !open {
                    break;
                }
                j = g_end;
                end = Some(j);
                open = false;
                after_place = true;
                continue;
            }
            let definite_word =
                reading.starts_with("ال") && reading.chars().count() > 3 && !w.hamza_initial;
            let with_lam = reading.starts_with("لل") && reading.chars().count() > 4;
            let lam_noun = !with_lam
                && reading.starts_with('ل')
                && reading.chars().count() >= 4
                && w.stems().len() > 1;
            // after a place that ends a chain, only a nationality (مجلس
            // دبي الرياضي), not the verb's object (... نهر السنغال المشروع)
            let nisba = reading.ends_with('ي') || reading.ends_with("يه");
            if after_place && definite_word && !nisba {
                break;
            }
            if definite_word || with_lam {
                j += 1;
                end = Some(j);
                open = false;
                in_complement |= with_lam;
                continue;
            }
            // a listed name goes on only with a complement that names (لكرة
            // القدم), not one of purpose (منظمة الصحة العالمية لتدريب ...)
            let listed_before = self.gazetteer(i).is_some_and(|(g_end, _, _)| g_end == j);
            if lam_noun && listed_before && reading.starts_with("لت") {
                break;
            }
            // after a complement, another with an indefinite noun is the
            // purpose of the sentence (... لإعادة الإعمار والتنمية لتمويل ...)
            if lam_noun && in_complement {
                break;
            }
            if lam_noun && !open {
                // لكرة القدم, لتطوير الموانئ: a noun wanting its genitive
                j += 1;
                open = true;
                in_complement = true;
                continue;
            }
            if open && (!reading.starts_with(['ل', 'ب']) && !w.fathatan || joined) {
                // a chain of nouns: غرفة تجارة وصناعة عمان
                j += 1;
                continue;
            }
            break;
        }
        let end = end?;
        // a head and one word is a name only with a nationality or a place
        // (الجيش السوداني, مجلس دبي), not with a common noun (مجلس الوزراء,
        // قوات الحلف)
        if end == i + 2 {
            let second = &self.tokens[i + 1].norm;
            let nisba =
                second.starts_with("ال") && (second.ends_with('ي') || second.ends_with("يه"));
            let place = self
                .gazetteer(i + 1)
                .is_some_and(|(_, e, _)| is_place(&e.kind));
            if !nisba && !place {
                return None;
            }
        }
        // the key from the head's reading: للمكتب الوطني -> المكتب الوطني
        let mut key = head.to_string();
        for t in &self.tokens[i + 1..end] {
            key.push(' ');
            key.push_str(&t.norm);
        }
        Some((end, kind, key, prefix))
    }

    /// "الحكومة التونسية": the government of a nationality acts for its
    /// country. Its end, the country's name, and the clitic letters.
    pub(super) fn government(&self, i: usize) -> Option<(usize, String, usize)> {
        if self.corpus {
            return None;
        }
        let t = self.word(i)?;
        let (prefix, _) = t
            .stems()
            .into_iter()
            .find(|&(p, s)| s == "الحكومه" && (p == 0 || t.norm.starts_with(['و', 'ف'])))?;
        match self.gazetteer(i + 1)? {
            (end, e, 0) => match &e.kind {
                GazKind::Adjective(country) => Some((end, country.clone(), prefix)),
                _ => None,
            },
            _ => None,
        }
    }

    /// [`Self::org_phrase`], where it is longer than the list's phrase at
    /// the same token (الاتحاد الأفريقي لكرة القدم over الاتحاد الأفريقي).
    pub(super) fn org_phrase_over_list(&self, i: usize) -> Option<(usize, GazKind, String, usize)> {
        self.org_phrase(i)
            .filter(|(end, ..)| self.gazetteer(i).is_none_or(|(g_end, _, _)| *end > g_end))
    }

    /// A definite head noun alone ("الوزارة", "المنظمة") after an
    /// organization it heads was named: that organization again.
    pub(super) fn head_anaphor(
        &self,
        i: usize,
        before: &[Mention],
    ) -> Option<(GazKind, String, usize)> {
        if self.corpus {
            return None;
        }
        let t = self.word(i)?;
        // not the head of a phrase of its own ("المنظمة العربية ...")
        if self
            .word(i + 1)
            .is_some_and(|n| n.norm.starts_with("ال") || n.norm.starts_with("لل"))
        {
            return None;
        }
        let (prefix, head) = t.stems().iter().find_map(|(p, s)| {
            let bare = s.strip_prefix("ال")?;
            org_head(bare).map(|_| (p, bare.to_string()))
        })?;
        // the organization named lately (not the whole text back)
        before.iter().rev().take(64).find_map(|m| {
            let MentionKind::Gazetteer(kind @ (GazKind::Organization | GazKind::Group)) = &m.kind
            else {
                return None;
            };
            let key = crate::text::normalize::fold(&m.key);
            let first = key.split(' ').next()?;
            (key.contains(' ') && first.strip_prefix("ال").unwrap_or(first) == head)
                .then(|| (kind.clone(), m.key.clone(), prefix))
        })
    }

    /// A dual head noun naming two groups or organizations side by side:
    /// "حركتا حماس وفتح", "تنظيما الدولة الإسلامية والقاعدة". Each name is
    /// a gazetteer entry or a single unknown word.
    pub(super) fn dual_head(&self, i: usize) -> Option<(usize, Vec<Mention>)> {
        const HEADS: &[(&str, GazKind)] = &[
            ("حركتا", GazKind::Group),
            ("تنظيما", GazKind::Group),
            ("جماعتا", GazKind::Group),
            ("حزبا", GazKind::Organization),
            ("منظمتا", GazKind::Organization),
        ];
        let t = self.word(i)?;
        let kind = HEADS
            .iter()
            .find(|(h, _)| t.stems().iter().any(|(_, s)| s == *h))?
            .1
            .clone();
        let one = |j: usize| -> Option<(usize, Mention)> {
            if let Some((end, e, prefix)) = self.gazetteer(j) {
                return Some((end, gaz_mention(j..end, e, prefix)));
            }
            let w = self.word(j)?;
            if !self.name_like(j, false) {
                return None;
            }
            let (prefix, stem) = if w.norm.starts_with('و') && j > i + 1 {
                (1, w.norm.chars().skip(1).collect())
            } else {
                (0, w.norm.clone())
            };
            Some((
                j + 1,
                Mention {
                    tokens: j..j + 1,
                    kind: MentionKind::Gazetteer(kind.clone()),
                    key: stem,
                    role: None,
                    prefix,
                },
            ))
        };
        let (end1, first) = one(i + 1)?;
        if !self
            .tokens
            .get(end1)
            .is_some_and(|t| t.norm.starts_with('و'))
        {
            return None;
        }
        let (end2, second) = one(end1)?;
        Some((end2, vec![first, second]))
    }

    /// A name right after a word that, in the training data, mostly comes
    /// before an entity of one type (صحيفة, شركة, مدينة...).
    pub(super) fn after_trigger(&self, i: usize) -> Option<(usize, &'static str)> {
        let prev = self.word(i.checked_sub(1)?)?;
        // the head nouns of organizations' names: صحيفة يديعوت أحرونوت, شركة توتال
        if prev
            .stems()
            .iter()
            .any(|(_, s)| words::org_heads().contains(&s))
            && self.word(i).is_some_and(|t| t.kind == TokenKind::Arabic)
            && self.name_like(i, false)
            && !self.tokens[i].norm.starts_with(['ل', 'ب'])
        {
            let mut end = i + 1;
            while end < i + 3
                && self.name_like(end, false)
                && !self.tokens[end].norm.starts_with('و')
            {
                end += 1;
            }
            return Some((end, "ORG"));
        }
        let (typ, before, seen) = prev
            .stems()
            .iter()
            .find_map(|(_, s)| self.lex.triggers.get(s).copied())?;
        if before < 3 || before * 10 < seen * 3 {
            return None;
        }
        if typ == "PERS" {
            // a role word before a name (اللاعب, المدرب, الحارس): strong evidence only
            if before * 2 < seen {
                return None;
            }
            return self
                .name_at(i)
                .filter(|&end| end > i + 1 || self.first_name_at(i).is_some())
                .map(|end| (end, typ));
        }
        let t = self.word(i)?;
        if t.kind != TokenKind::Arabic || !(self.name_like(i, false)) || is_stop(&t.norm) {
            return None;
        }
        let mut end = i + 1;
        while end < i + 2 && self.name_like(end, false) && !self.tokens[end].norm.starts_with('و')
        {
            end += 1;
        }
        Some((end, typ))
    }
}
