//! People's names: which words can be a name's, where a name ends, first
//! names, speakers, names in apposition and in lists, surnames and first
//! names learnt from full names in the same text.

use rustc_hash::FxHashMap as HashMap;

use super::super::lexicon::GazKind;
use super::super::tokens::TokenKind;
use super::super::words;
use super::*;

impl Tagger<'_> {
    /// علي is على folded; written with ي and followed by a name-like word
    /// that is not definite, it is the name Ali ("علي رضا كريمي").
    pub(super) fn is_ali(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        let Some(next) = self.tokens.get(i + 1) else {
            return false;
        };
        t.stems().iter().any(|(_, s)| s == "علي")
            && !t.maqsura
            && next.kind == TokenKind::Arabic
            && !next.norm.starts_with("ال")
            && !is_stop(&next.norm)
            && !self.lex.common.contains(&next.norm)
            && next.norm != "علي"
    }

    /// Could token `i` be part of a person's name?
    pub(super) fn name_like(&self, i: usize, first: bool) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        if t.kind != TokenKind::Arabic || t.norm.chars().count() < 2 {
            return false;
        }
        let n = &t.norm;
        // (every test below only rules the word out: the cheap ones first)
        if first && n.starts_with("ال") {
            return false;
        }
        // a preposition or conjunction on a definite noun (للانذار, بالقوة, والبنك)
        if ["لل", "بال", "وال", "فال", "كال"]
            .iter()
            .any(|p| n.starts_with(p))
        {
            return false;
        }
        if !first
            && n.chars().count() > 4
            && ["ها", "هما", "هم", "كما", "كم"]
                .iter()
                .any(|s| n.ends_with(s))
        {
            return false;
        }
        // an indefinite accusative (تطويراً, هدافا: a common word with an alef)
        if t.fathatan
            || n.ends_with('ا')
                && n.chars().count() >= 5
                && self.lex.common.contains(&n[..n.len() - 'ا'.len_utf8()])
        {
            return false;
        }
        // a word of organization and place names, never of people's (حزب, نادي)
        if first && self.lex.entity_words.contains(n) && !self.lex.name_words.contains(n) {
            return false;
        }
        // a verb in the present (يزور, تبدأ) or an adverb (جزئيا, تدريجيا)
        // is never a name's first word, unless the lists know it as a name's
        if first && !self.corpus {
            let known = self.lex.first_names.contains(n)
                || self.lex.name_words.contains(n)
                || self.surnames.contains_key(n);
            let len = n.chars().count();
            // (a name's first word goes on with another: يوكو ناكامورا)
            let present =
                n.starts_with(['ي', 'ت']) && (4..=5).contains(&len) && !self.open_name_word(i + 1);
            let adverb = n.ends_with("يا") && len >= 5;
            if !known && (present || adverb) {
                return false;
            }
        }
        let ali = self.is_ali(i);
        if !ali && (is_stop(n) || self.lex.common.contains(n) || self.lex.title_words.contains(n)) {
            return false;
        }
        let stems = t.stems();
        if self.lex.verb(stems).is_some() {
            return false;
        }
        // A conjunction or preposition on a name's first word is rare; a
        // common word behind one (وقال, بعد) is common.
        if first
            && stems.iter().skip(1).any(|(_, s)| {
                is_stop(s) || self.lex.common.contains(s) || self.lex.title_words.contains(s)
            })
        {
            return false;
        }
        if self.lex.gaz_first.contains_key(n)
            && self
                .gazetteer(i)
                .is_some_and(|(_, e, _)| !matches!(e.kind, GazKind::Mined("PERS")))
        {
            return false;
        }
        // a clitic on a frequent word: بتمزق, فصرح, لثنيه
        if !first
            && n.starts_with(['ب', 'ف', 'ل', 'ك'])
            && stems.iter().skip(1).any(|(_, s)| {
                self.lex.common_count.get(s).is_some_and(|&c| c >= 5)
                    || self.lex.verbs.contains_key(s)
            })
        {
            return false;
        }
        // "وزوجته", "وأضاف": a conjunction ends a name (unless the word is a name itself)
        if !first
            && n.starts_with('و')
            && !self.lex.first_names.contains(n)
            && !self.surnames.contains_key(n)
        {
            return false;
        }
        true
    }

    /// A name starting at token `i`.
    pub(super) fn name_at(&self, i: usize) -> Option<usize> {
        if !self.name_like(i, true) {
            return None;
        }
        Some(self.name_rest(i + 1, i + 4))
    }

    /// Where a name that continues at `end` stops: name-like tokens, and
    /// joiners (بن, آل, عبد...) followed by one, up to `limit` plain tokens.
    /// A word no list of names knows is taken only right after the first
    /// word, and only when that one is a first name or unknown too (a first
    /// name and a surname): "نيكولا ساركوزي فصرح" and "الرئيس شيراك شذ" end
    /// before the verb the lists do not know.
    pub(super) fn name_rest(&self, end: usize, limit: usize) -> usize {
        self.name_rest_open(end, limit, false)
    }

    /// [`Self::name_rest`]; `open` takes an unknown second word whatever the
    /// first (after a title: "وزير الدفاع الفرنسي لوك مارتان").
    pub(super) fn name_rest_open(&self, mut end: usize, mut limit: usize, open: bool) -> usize {
        let second = end;
        let first_open = open
            || end > 0
                && (self.tokens[end - 1]
                    .stems()
                    .iter()
                    .any(|(_, s)| self.lex.first_names.contains(s))
                    || !self.known_name_word(end - 1));
        loop {
            let joiner = self
                .tokens
                .get(end)
                .is_some_and(|t| words::name_joiners().contains(&t.norm.as_str()));
            let compound = joiner
                && self
                    .tokens
                    .get(end + 1)
                    .is_some_and(|t| words::compound_seconds().contains(&t.norm.as_str()));
            // بن فيصل: a first name after a joiner, even one a list also
            // holds as a place's or a body's name
            let first_after = joiner
                && !self.corpus
                && self
                    .tokens
                    .get(end + 1)
                    .is_some_and(|t| self.lex.first_names.contains(&t.norm));
            if joiner && (compound || first_after || self.name_like(end + 1, false)) {
                end += 2;
                limit += 2;
            } else if end < limit
                && (self.name_like(end, false) || open && self.open_name_word(end))
            {
                // a family name of the nisba form (الجبوري, السهلاوي) may end any name
                let n = &self.tokens[end].norm;
                let nisba = n.starts_with("ال") && n.ends_with('ي') && n.chars().count() >= 5;
                // after a title, words no list knows are the name's, up to
                // the limit, but not one after a family name with ال (نوري
                // المالكي ...)
                let before = self.tokens[end - 1].norm.as_str();
                let after_family =
                    before.starts_with("ال") && !words::compound_seconds().contains(&before);
                let open_word = open && !self.corpus && !after_family && self.open_name_word(end);
                if !(open_word || self.known_name_word(end) || nisba || end == second && first_open)
                {
                    return end;
                }
                end += 1;
            } else {
                return end;
            }
        }
    }

    /// A word that can go on a name after a title although no list knows
    /// it: no function, common, title word or verb, no conjunction, and no
    /// preposition on a definite or common word (بالقوة, لملاحقة).
    pub(super) fn open_name_word(&self, i: usize) -> bool {
        let Some(t) = self.word(i) else { return false };
        let n = t.norm.as_str();
        t.kind == TokenKind::Arabic
            && n.chars().count() >= 3
            && !words::name_joiners().contains(&n)
            && !t.fathatan
            && !is_stop(n)
            && !self.lex.common.contains(n)
            && !self.lex.title_words.contains(n)
            && self.lex.verb(t.stems()).is_none()
            && (!n.starts_with('و') || self.joined_name_word(i))
            && !n.starts_with("لل")
            // the dual or plural of a common word (هدفين, لاعبون): not a name
            && !["ين", "ان", "ون", "ات"].iter().any(|suffix| {
                n.strip_suffix(suffix)
                    .is_some_and(|w| w.chars().count() >= 3 && self.lex.common.contains(w))
            })
            // an indefinite noun in ة (جاهزية, زيارة): not a family name
            && !(n.ends_with('ه') && !n.starts_with("ال") && n.chars().count() >= 4)
            // ف on a short word is a conjunction on a verb (فصرح)
            && !(n.starts_with('ف') && n.chars().count() <= 5)
            // a pronoun at the end: لتهنئتها, ومعهم
            && !(n.chars().count() > 4
                && ["ها", "هما", "هم", "كما", "كم"]
                    .iter()
                    .any(|s| n.ends_with(s)))
            && !t.stems().iter().skip(1).any(|(p, s)| {
                n.starts_with(['ب', 'ل', 'ك'])
                    && p == 1
                    && (s.starts_with("ال") || self.lex.common.contains(s))
            })
            && self.gazetteer(i).is_none()
            && self.title(i).is_none()
    }

    /// A word starting with و inside a name after a title (أكينيي واندايي
    /// أوتينو): the rest no known word, no first name (a second person, وجان),
    /// and a name's word after it.
    pub(super) fn joined_name_word(&self, i: usize) -> bool {
        let Some(rest) = self.word(i).and_then(|t| t.norm.strip_prefix('و')) else {
            return false;
        };
        rest.chars().count() >= 3
            && !is_stop(rest)
            && !self.lex.common.contains(rest)
            && !self.lex.title_words.contains(rest)
            && !self.lex.first_names.contains(rest)
            && !self.lex.gaz_first.contains_key(rest)
            && !self.lex.verbs.contains_key(rest)
            && self
                .word(i + 1)
                .is_some_and(|n| !n.norm.starts_with('و') && self.open_name_word(i + 1))
    }

    /// Is token `i` a word of a name the lists or this article know?
    pub(super) fn known_name_word(&self, i: usize) -> bool {
        self.tokens[i]
            .stems()
            .iter()
            .any(|(_, s)| self.lex.name_words.contains(s) || self.surnames.contains_key(s))
    }

    pub(super) fn first_name_at(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.word(i)?;
        for (prefix, stem) in t.stems() {
            let conjunction_only = prefix == 0 || (prefix == 1 && t.norm.starts_with(['و', 'ف']));
            let ali = false; // علي alone is the preposition; after a title it is read as a name (name_at)
            if conjunction_only
                && self.lex.first_names.contains(stem)
                && (ali || !self.lex.common.contains(stem) && !is_stop(stem))
            {
                // the rest of the name must follow
                let joined = self
                    .tokens
                    .get(i + 1)
                    .is_some_and(|t| words::name_joiners().contains(&t.norm.as_str()));
                if self.name_like(i + 1, false) || joined || self.surname_at(i + 1).is_some() {
                    let end = self.name_rest(i + 1, i + 4);
                    if end > i + 1 {
                        return Some((end, prefix));
                    }
                }
            }
        }
        None
    }

    /// Is the first name at `i` good enough evidence to learn a surname from?
    pub(super) fn strong_first_name(&self, i: usize) -> bool {
        self.tokens[i]
            .stems()
            .iter()
            .any(|(_, s)| self.lex.curated_first_names.contains(s))
    }

    /// The next person of a list: "أحمد رزق ، وغادة عادل ، ومحمد منير": a
    /// name of two words or more right after a person, behind a comma or و.
    pub(super) fn list_member(&self, i: usize, out: &[Mention]) -> Option<usize> {
        let last = out.last()?;
        if last.kind != MentionKind::Person || last.tokens.end > i {
            return None;
        }
        let gap = i - last.tokens.end;
        let comma = gap == 1 && matches!(self.tokens[i - 1].norm.as_str(), "،" | ",");
        let t = self.word(i)?;
        if !(comma || gap == 0 && t.norm.starts_with('و')) {
            return None;
        }
        if let Some(end) = self.name_at(i).filter(|&end| end - i >= 2) {
            return Some(end);
        }
        // و and a first name, right after a person: the next person of the
        // list, with the word after it as a surname even if it is also a
        // common word (ومحمد علي وخالد سعيد), unless it cannot be a name's
        let first = t.stems().get(1).filter(|_| gap == 0)?.1;
        if !self.lex.curated_first_names.contains(first) {
            return None;
        }
        let next = self.word(i + 1)?;
        let n = next.norm.as_str();
        let surname = next.kind == TokenKind::Arabic
            && n.chars().count() >= 3
            && !is_stop(n)
            && !n.starts_with('و')
            && !next.fathatan
            && self.lex.verb(next.stems()).is_none()
            && self.title(i + 1).is_none()
            && self.gazetteer(i + 1).is_none()
            && !["لل", "بال", "كال"].iter().any(|p| n.starts_with(p));
        surname.then(|| self.name_rest(i + 2, i + 4))
    }

    /// A speaker: a name after a verb of saying and before what was said
    /// ("وقال فلان الفلاني إن ...", "وأضاف فلان: ...").
    pub(super) fn speaker_at(&self, i: usize) -> Option<usize> {
        let prev = self.word(i.checked_sub(1)?)?;
        let saying = prev
            .stems()
            .iter()
            .take(2)
            .any(|(_, s)| words::saying().contains(&s));
        // any verb of the lexicon (رفض, هدد, ناشد...) opening a clause
        let verb = !saying && prev.norm.starts_with('و') && self.lex.verb(prev.stems()).is_some();
        if !saying && !verb {
            return None;
        }
        let end = self.name_at(i)?;
        let next = self.tokens.get(end)?;
        let said = words::said().contains(&next.norm.as_str());
        let unknown = self.tokens[i..end]
            .iter()
            .all(|t| !self.lex.common.contains(&t.norm));
        // one word alone only when what follows shows it is the subject
        // ("وقال شو في خطاب", "وقالت هيلاري: ..."), and no list knows it otherwise
        let single = end - i == 1
            && said
            && unknown
            && !self.tokens[i].norm.starts_with("ال")
            && !self.tokens[i].norm.ends_with("ون")
            && self.tokens[i].norm.chars().count() >= 3;
        ((end - i >= 2 && (said || unknown)) || single).then_some(end)
    }

    /// A name followed by a comma and a title: "نيد برايس، المتحدث باسم ...".
    pub(super) fn before_apposition(&self, i: usize) -> Option<usize> {
        // a comma close enough after it, first (most words have none)
        let n = self.tokens.len();
        if self
            .next_comma
            .get(i + 2)
            .is_none_or(|&c| c >= (i + 9).min(n))
        {
            return None;
        }
        let end = self.name_at(i)?;
        if end - i < 2 {
            return None;
        }
        let comma = self.tokens.get(end)?;
        (is_comma(comma) && self.title(end + 1).is_some()).then_some(end)
    }

    /// A first name alone, of someone named in full in this text.
    pub(super) fn given_at(&self, i: usize) -> Option<(String, usize)> {
        self.full_name_by(&self.given, i)
    }

    pub(super) fn surname_at(&self, i: usize) -> Option<(String, usize)> {
        self.full_name_by(&self.surnames, i)
    }

    /// The full name `names` holds for token `i` (under any clitic reading),
    /// with the clitic's length.
    pub(super) fn full_name_by(
        &self,
        names: &HashMap<String, String>,
        i: usize,
    ) -> Option<(String, usize)> {
        let t = self.word(i)?;
        t.stems()
            .iter()
            .find_map(|(p, s)| names.get(s).map(|full| (full.clone(), p)))
    }

    pub(super) fn learn(&mut self, full: &str) {
        self.learn_with(full, false);
    }

    /// [`Self::learn`]; `after_title` trusts a name of up to four words.
    pub(super) fn learn_with(&mut self, full: &str, after_title: bool) {
        let parts: Vec<&str> = full.split(' ').collect();
        // A long name may have run into the next word ("بلاتر قبيل كأس"):
        // learn surnames from short names, or names with a known first name.
        let trusted = parts.len() == 2
            || (parts.len() <= 4 && (after_title || self.lex.first_names.contains(parts[0])));
        let last = parts[parts.len() - 1];
        // nor from a word of organizations' and places' names (كرة القدم), or
        // what looks like a verb in the present tense (تطرح)
        let unlikely = self.lex.entity_words.contains(last)
            || (last.chars().count() >= 4
                && last.starts_with(['ي', 'ت'])
                && !self.lex.first_names.contains(last));
        let trusted = trusted && !unlikely;
        if parts.len() >= 2
            && trusted
            && parts[0] != "علي"
            && self.lex.first_names.contains(parts[0])
            && !self.lex.common.contains(parts[0])
        {
            self.given
                .entry(parts[0].to_string())
                .or_insert_with(|| full.to_string());
        }
        if parts.len() >= 2 && trusted {
            let last = parts[parts.len() - 1];
            let before = parts[parts.len() - 2];
            if last.chars().count() >= 3
                && !self.lex.common.contains(last)
                && !self.lex.gaz_first.contains_key(last)
                && !self.lex.triggers.contains_key(last)
                && !is_stop(last)
                && !words::compound_seconds().contains(&last)
                && !words::name_joiners().contains(&before)
            {
                self.surnames
                    .entry(last.to_string())
                    .or_insert_with(|| full.to_string());
            }
        }
    }
}
