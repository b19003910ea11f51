//! Naming what a text talks about: people (with the title before their
//! name), countries and their adjectives, capitals and other places,
//! organizations and groups. Gazetteer phrases are matched longest first,
//! through clitics; people are found after titles (title + complements +
//! nationality adjective + name), from first names, and by surnames
//! already seen in the same text.

use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;
use std::ops::Range;

use super::lexicon::{DAYS, GazEntry, GazKind, Lexicon, lexicon};
use super::model::Marks;
use super::words;
use super::tokens::{Token, TokenKind};

/// What kind of thing a mention names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MentionKind {
    Person,
    /// A title with no name after it ("الرئيس الأميركي"): a person known by role.
    Title,
    Gazetteer(GazKind),
}

/// A mention: a token range and what it names.
#[derive(Clone, Debug)]
pub struct Mention {
    pub tokens: Range<usize>,
    pub kind: MentionKind,
    /// Canonical name for gazetteer entries; the folded name for people.
    pub key: String,
    /// For people and titles: the tokens of the title and its complements.
    pub role: Option<Range<usize>>,
    /// Letters of proclitic on the first token (و in وبريطانيا).
    pub prefix: usize,
}





/// Head nouns of organizations' names, and the kind each names.
fn org_head(s: &str) -> Option<GazKind> {
    static HEADS: std::sync::OnceLock<HashMap<&'static str, bool>> = std::sync::OnceLock::new();
    let heads = HEADS.get_or_init(|| {
        let orgs = words::organizations().iter().map(|h| (*h, false));
        orgs.chain(words::groups().iter().map(|h| (*h, true))).collect()
    });
    match heads.get(s)? {
        false => Some(GazKind::Organization),
        true => Some(GazKind::Group),
    }
}

/// Is this (without ال) the head noun of an organization's name?
pub fn is_org_head(s: &str) -> bool {
    org_head(s).is_some()
}


fn ends_org_phrase(n: &str) -> bool {
    words::org_phrase_stops().contains(&n) || DAYS.contains(&n)
}


fn is_comma(t: &Token) -> bool {
    matches!(t.norm.as_str(), "،" | ",")
}

fn is_stop(s: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| words::stop().iter().chain(DAYS).copied().collect())
        .contains(s)
}

/// The extractor over one text's tokens.
pub struct Tagger<'a> {
    lex: &'static Lexicon,
    tokens: &'a [Token],
    /// Folded surname -> folded full name, for people found in pass one.
    surnames: HashMap<String, String>,
    /// Folded first name -> folded full name, for people found in pass one
    /// (a story may call them by it later: "علي بن أبي طالب" ... "تولى علي").
    given: HashMap<String, String>,
    /// Tag as ANERcorp annotates (`khabar facts --conll`): no organization
    /// phrases and no open names after titles, which its annotation and
    /// its development split do not reward.
    corpus: bool,
    /// The longest list phrase at each token (see [`Self::gazetteer`]).
    gaz: Vec<Option<(usize, &'static GazEntry, usize)>>,
    /// The longest title at each token.
    titles: Vec<Option<usize>>,
    /// The first comma at or after each token (the tokens' count if none).
    next_comma: Vec<usize>,
    /// The organization phrase at each token, once asked for (see
    /// [`Self::org_phrase`]: each pass asks about twice a token).
    org_phrases: Vec<OnceCell<Option<OrgPhrase>>>,
}

/// An organization phrase: its end, kind, key and clitic letters.
type OrgPhrase = (usize, GazKind, String, usize);

impl<'a> Tagger<'a> {
    pub fn new(tokens: &'a [Token]) -> Self {
        let mut t = Tagger {
            lex: lexicon(),
            tokens,
            surnames: HashMap::default(),
            given: HashMap::default(),
            corpus: false,
            gaz: Vec::new(),
            titles: Vec::new(),
            next_comma: Vec::new(),
            org_phrases: (0..tokens.len()).map(|_| OnceCell::new()).collect(),
        };
        // what the lists say at each token, asked many times by the passes
        t.gaz = (0..tokens.len()).map(|i| t.find_gazetteer(i)).collect();
        t.titles = (0..tokens.len()).map(|i| t.find_title(i)).collect();
        let mut next = tokens.len();
        t.next_comma = vec![next; tokens.len()];
        for i in (0..tokens.len()).rev() {
            if is_comma(&tokens[i]) {
                next = i;
            }
            t.next_comma[i] = next;
        }
        t
    }

    /// A tagger for measuring on ANERcorp: see `corpus`.
    pub fn for_corpus(tokens: &'a [Token]) -> Self {
        Tagger {
            corpus: true,
            ..Tagger::new(tokens)
        }
    }

    fn word(&self, i: usize) -> Option<&Token> {
        self.tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Arabic || t.kind == TokenKind::Latin)
    }

    /// Longest gazetteer phrase starting at token `i`, through clitics. The
    /// curated lists win over phrases mined from ANERcorp, and mined names of
    /// people are only read through a conjunction (و, ف), not a preposition.
    fn gazetteer(&self, i: usize) -> Option<(usize, &'static GazEntry, usize)> {
        *self.gaz.get(i)?
    }

    /// [`Self::gazetteer`], computed (once per token, in `new`).
    fn find_gazetteer(&self, i: usize) -> Option<(usize, &'static GazEntry, usize)> {
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
                let curated = !matches!(e.kind, GazKind::Mined(_));
                if best.as_ref().is_none_or(|b| (curated, n) > (b.0, b.1)) {
                    best = Some((curated, n, prefix, e, i + n));
                }
            });
        }
        best.map(|(_, _, prefix, e, end)| (end, e, prefix))
    }

    /// Longest title starting at token `i`.
    fn title(&self, i: usize) -> Option<usize> {
        *self.titles.get(i)?
    }

    /// [`Self::title`], computed (once per token, in `new`).
    fn find_title(&self, i: usize) -> Option<usize> {
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
        let news_title = first.stems().iter().any(|(_, s)| words::news_titles().contains(&s));
        (news_title && !self.corpus).then_some(i + 1)
    }

    /// The phrases of up to `longest` words starting at token `i`, whose
    /// first word is read as `first`: `visit(words, phrase)` for each.
    fn phrases(&self, i: usize, first: &str, longest: usize, mut visit: impl FnMut(usize, &str)) {
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

    /// A ministry: "وزارة الخارجية الأمريكية", or its short form "الخارجية
    /// الأمريكية" (a ministry's name with a country adjective). The
    /// canonical name is the long form.
    fn ministry(&self, i: usize) -> Option<(usize, String, usize)> {
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
    fn org_phrase(&self, i: usize) -> Option<OrgPhrase> {
        match self.org_phrases.get(i) {
            Some(cell) => cell.get_or_init(|| self.find_org_phrase(i)).clone(),
            None => self.find_org_phrase(i),
        }
    }

    /// [`Self::org_phrase`], computed: it depends on the tokens and the
    /// lists only, not on what a pass learns.
    fn find_org_phrase(&self, i: usize) -> Option<OrgPhrase> {
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
    fn government(&self, i: usize) -> Option<(usize, String, usize)> {
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
    fn org_phrase_over_list(&self, i: usize) -> Option<(usize, GazKind, String, usize)> {
        self.org_phrase(i)
            .filter(|(end, ..)| self.gazetteer(i).is_none_or(|(g_end, _, _)| *end > g_end))
    }

    /// A definite head noun alone ("الوزارة", "المنظمة") after an
    /// organization it heads was named: that organization again.
    fn head_anaphor(&self, i: usize, before: &[Mention]) -> Option<(GazKind, String, usize)> {
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
    fn dual_head(&self, i: usize) -> Option<(usize, Vec<Mention>)> {
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

    /// علي is على folded; written with ي and followed by a name-like word
    /// that is not definite, it is the name Ali ("علي رضا كريمي").
    fn is_ali(&self, i: usize) -> bool {
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
    fn name_like(&self, i: usize, first: bool) -> bool {
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
    fn name_at(&self, i: usize) -> Option<usize> {
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
    fn name_rest(&self, end: usize, limit: usize) -> usize {
        self.name_rest_open(end, limit, false)
    }

    /// [`Self::name_rest`]; `open` takes an unknown second word whatever the
    /// first (after a title: "وزير الدفاع الفرنسي لوك مارتان").
    fn name_rest_open(&self, mut end: usize, mut limit: usize, open: bool) -> usize {
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
                let after_family = before.starts_with("ال") && !words::compound_seconds().contains(&before);
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
    fn open_name_word(&self, i: usize) -> bool {
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
    fn joined_name_word(&self, i: usize) -> bool {
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
    fn known_name_word(&self, i: usize) -> bool {
        self.tokens[i]
            .stems()
            .iter()
            .any(|(_, s)| self.lex.name_words.contains(s) || self.surnames.contains_key(s))
    }

    fn first_name_at(&self, i: usize) -> Option<(usize, usize)> {
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
    fn strong_first_name(&self, i: usize) -> bool {
        self.tokens[i]
            .stems()
            .iter()
            .any(|(_, s)| self.lex.curated_first_names.contains(s))
    }

    /// The next person of a list: "أحمد رزق ، وغادة عادل ، ومحمد منير": a
    /// name of two words or more right after a person, behind a comma or و.
    fn list_member(&self, i: usize, out: &[Mention]) -> Option<usize> {
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
        let end = self.name_at(i)?;
        (end - i >= 2).then_some(end)
    }

    /// A speaker: a name after a verb of saying and before what was said
    /// ("وقال فلان الفلاني إن ...", "وأضاف فلان: ...").
    fn speaker_at(&self, i: usize) -> Option<usize> {
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
    fn before_apposition(&self, i: usize) -> Option<usize> {
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

    /// A name right after a word that, in the training data, mostly comes
    /// before an entity of one type (صحيفة, شركة, مدينة...).
    fn after_trigger(&self, i: usize) -> Option<(usize, &'static str)> {
        let prev = self.word(i.checked_sub(1)?)?;
        // the head nouns of organizations' names: صحيفة يديعوت أحرونوت, شركة توتال
        if prev.stems().iter().any(|(_, s)| words::org_heads().contains(&s))
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

    /// A first name alone, of someone named in full in this text.
    fn given_at(&self, i: usize) -> Option<(String, usize)> {
        self.full_name_by(&self.given, i)
    }

    fn surname_at(&self, i: usize) -> Option<(String, usize)> {
        self.full_name_by(&self.surnames, i)
    }

    /// The full name `names` holds for token `i` (under any clitic reading),
    /// with the clitic's length.
    fn full_name_by(&self, names: &HashMap<String, String>, i: usize) -> Option<(String, usize)> {
        let t = self.word(i)?;
        t.stems()
            .iter()
            .find_map(|(p, s)| names.get(s).map(|full| (full.clone(), p)))
    }

    /// After a title: complements (an organization, a country adjective,
    /// "باسم X", "في PLACE", definite nouns), collected as mentions too.
    fn title_complements(&self, mut j: usize, out: &mut Vec<Mention>) -> usize {
        let mut definite = 0;
        for _ in 0..6 {
            let Some(t) = self.word(j) else { break };
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

    /// One pass over the tokens; `learn` records people's surnames.
    fn pass(&mut self, learn: bool) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        let n = self.tokens.len();
        while i < n {
            if self.word(i).is_none() {
                i += 1;
                continue;
            }
            if let Some(t_end) = self.title(i) {
                let mut found = Vec::new();
                let j = self.title_complements(t_end, &mut found);
                // The longest reading: a full name, or a known surname alone.
                let full_name = self.first_name_at(j).map(|(end, _)| end).max(
                    (self.name_like(j, true)
                        || !self.corpus
                            && self
                                .tokens
                                .get(j)
                                .is_some_and(|t| self.lex.first_names.contains(&t.norm))
                            && self.open_name_word(j + 1))
                    .then(|| {
                        // after a title an unknown second word is a surname,
                        // unless the first is a name known by itself (شيراك)
                        let alone = self.surname_at(j).is_some()
                            || self.gazetteer(j).is_some_and(|(end, e, _)| {
                                end == j + 1 && e.kind == GazKind::Mined("PERS")
                            });
                        // a first name, or a name the lists know alone
                        // followed by a word that can be a name's
                        let more = !self.corpus
                            && (self.lex.first_names.contains(&self.tokens[j].norm)
                                || self.open_name_word(j + 1));
                        self.name_rest_open(j + 1, j + 4, !alone || more)
                    }),
                );
                let name = match (full_name, self.surname_at(j)) {
                    (Some(end), Some((full, _))) if end <= j + 1 => Some((j + 1, Some(full))),
                    (Some(end), _) => Some((end, None)),
                    (None, Some((full, _))) => Some((j + 1, Some(full))),
                    (None, None) => None,
                };
                out.extend(found);
                match name {
                    Some((end, full)) => {
                        let key = full.unwrap_or_else(|| self.folded(j..end));
                        if learn {
                            // a name after a title is good evidence of its surname
                            self.learn_with(&key, !self.corpus);
                        }
                        out.push(Mention {
                            tokens: j..end,
                            kind: MentionKind::Person,
                            key,
                            role: Some(i..j),
                            prefix: 0,
                        });
                        i = end;
                    }
                    None => {
                        out.push(Mention {
                            tokens: i..j,
                            kind: MentionKind::Title,
                            key: self.folded(i..j),
                            role: Some(i..j),
                            prefix: 0,
                        });
                        i = j.max(i + 1);
                    }
                }
                continue;
            }
            if let Some((end, key, prefix)) = self.ministry(i)
                && self.org_phrase(i).is_none_or(|(e, ..)| e <= end)
            {
                out.push(ministry_mention(i..end, key, prefix));
                i = end;
                continue;
            }
            if let Some((end, pair)) = self.dual_head(i) {
                out.extend(pair);
                i = end;
                continue;
            }
            if let Some((end, country, prefix)) = self.government(i) {
                out.push(Mention {
                    tokens: i..end,
                    kind: MentionKind::Gazetteer(GazKind::Country),
                    key: country,
                    role: None,
                    prefix,
                });
                i = end;
                continue;
            }
            if let Some((end, kind, key, prefix)) = self.org_phrase_over_list(i) {
                out.push(org_mention(i..end, kind, key, prefix));
                i = end;
                continue;
            }
            if let Some((kind, key, prefix)) = self.head_anaphor(i, &out) {
                out.push(org_mention(i..i + 1, kind, key, prefix));
                i += 1;
                continue;
            }
            if let Some((end, e, prefix)) = self.gazetteer(i) {
                out.push(gaz_mention(i..end, e, prefix));
                i = end;
                // A nationality adjective before an indefinite name-like
                // word: "الأرجنتيني ليونيل ميسي".
                if matches!(e.kind, GazKind::Adjective(_))
                    && self
                        .word(end)
                        .is_some_and(|t| !t.norm.starts_with(['ل', 'ب', 'ك']))
                    && let Some(name_end) = self
                        .name_like(end, true)
                        .then(|| self.name_rest_open(end + 1, end + 4, !self.corpus))
                    && (name_end > end + 1
                        || self.first_name_at(end).is_some()
                        || self.surname_at(end).is_some())
                {
                    let key = self
                        .surname_at(end)
                        .filter(|_| name_end == end + 1)
                        .map(|(f, _)| f)
                        .unwrap_or_else(|| self.folded(end..name_end));
                    if learn {
                        self.learn(&key);
                    }
                    out.push(person(end..name_end, key, 0));
                    i = name_end;
                }
                continue;
            }
            if let Some((full, prefix)) = self.surname_at(i)
                && self.first_name_at(i).is_none_or(|(end, _)| end <= i + 1)
            {
                out.push(person(i..i + 1, full, prefix));
                i += 1;
                continue;
            }
            if let Some((full, prefix)) = self.given_at(i)
                && self.first_name_at(i).is_none()
            {
                out.push(person(i..i + 1, full, prefix));
                i += 1;
                continue;
            }
            if let Some((end, prefix)) = self.first_name_at(i) {
                let key = self.folded_from(i, prefix, end);
                if learn && self.strong_first_name(i) {
                    self.learn(&key);
                }
                out.push(person(i..end, key, prefix));
                i = end;
                continue;
            }
            if let Some(end) = self.before_apposition(i) {
                let key = self.folded(i..end);
                out.push(person(i..end, key, 0));
                i = end;
                continue;
            }
            if let Some(end) = self.speaker_at(i) {
                let key = self.folded(i..end);
                if learn {
                    self.learn(&key);
                }
                out.push(person(i..end, key, 0));
                i = end;
                continue;
            }
            if let Some(end) = self.list_member(i, &out) {
                let t = &self.tokens[i].norm;
                let prefix = (t.starts_with('و') && !self.lex.first_names.contains(t)) as usize;
                let key = self.folded_from(i, prefix, end);
                out.push(person(i..end, key, prefix));
                i = end;
                continue;
            }
            if let Some((end, typ)) = self.after_trigger(i) {
                // a head that is part of the name: حزب الأمة, جامعة زيورخ
                let start = if typ == "ORG"
                    && self.tokens[i - 1]
                        .stems()
                        .iter()
                        .any(|(_, s)| words::named_heads().contains(&s))
                    && out.last().is_none_or(|m| m.tokens.end < i)
                {
                    i - 1
                } else {
                    i
                };
                let key = self.folded(start..end);
                out.push(Mention {
                    tokens: start..end,
                    kind: MentionKind::Gazetteer(GazKind::Mined(typ)),
                    key,
                    role: None,
                    prefix: 0,
                });
                i = end;
                continue;
            }
            i += 1;
        }
        out
    }

    fn folded(&self, r: Range<usize>) -> String {
        self.tokens[r]
            .iter()
            .map(|t| t.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn folded_from(&self, i: usize, prefix: usize, end: usize) -> String {
        let first: String = self.tokens[i].norm.chars().skip(prefix).collect();
        let mut s = first;
        for t in &self.tokens[i + 1..end] {
            s.push(' ');
            s.push_str(&t.norm);
        }
        s
    }

    fn learn(&mut self, full: &str) {
        self.learn_with(full, false);
    }

    /// [`Self::learn`]; `after_title` trusts a name of up to four words.
    fn learn_with(&mut self, full: &str, after_title: bool) {
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

    /// Every mention in the text: a first pass learns people's full names,
    /// a second tags everything, surnames included.
    pub fn mentions(mut self) -> Vec<Mention> {
        self.pass(true);
        self.pass(false)
    }
}

fn is_place(k: &GazKind) -> bool {
    matches!(
        k,
        GazKind::Country
            | GazKind::Capital(_)
            | GazKind::City
            | GazKind::Region
            | GazKind::Mined("LOC")
    )
}

/// A person's name without a title before it.
fn person(tokens: Range<usize>, key: String, prefix: usize) -> Mention {
    Mention {
        tokens,
        kind: MentionKind::Person,
        key,
        role: None,
        prefix,
    }
}

fn ministry_mention(tokens: Range<usize>, key: String, prefix: usize) -> Mention {
    Mention {
        tokens,
        kind: MentionKind::Gazetteer(GazKind::Organization),
        key,
        role: None,
        prefix,
    }
}

fn org_mention(tokens: Range<usize>, kind: GazKind, key: String, prefix: usize) -> Mention {
    Mention {
        tokens,
        kind: MentionKind::Gazetteer(kind),
        key,
        role: None,
        prefix,
    }
}

fn gaz_mention(tokens: Range<usize>, e: &GazEntry, prefix: usize) -> Mention {
    Mention {
        tokens,
        kind: MentionKind::Gazetteer(e.kind.clone()),
        key: e.canonical.clone(),
        role: None,
        prefix,
    }
}

/// The CoNLL tag type of a mention: PERS, LOC, ORG, or none.
pub fn conll_type(m: &Mention) -> Option<&'static str> {
    match &m.kind {
        MentionKind::Person => Some("PERS"),
        MentionKind::Title => None,
        MentionKind::Gazetteer(k) => match k {
            GazKind::Country | GazKind::Capital(_) | GazKind::City | GazKind::Region => Some("LOC"),
            GazKind::Organization | GazKind::Group => Some("ORG"),
            GazKind::Adjective(_) => None,
            GazKind::Mined(t) => Some(t),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tokens::tokenize;

    fn tag(text: &str) -> Vec<(String, String)> {
        let tokens = tokenize(text, 0);
        Tagger::new(&tokens)
            .mentions()
            .into_iter()
            .map(|m| {
                let kind = match &m.kind {
                    MentionKind::Person => "person".to_string(),
                    MentionKind::Title => "title".to_string(),
                    MentionKind::Gazetteer(k) => format!("{k:?}"),
                };
                (
                    text[tokens[m.tokens.start].span.start..tokens[m.tokens.end - 1].span.end]
                        .to_string(),
                    kind,
                )
            })
            .collect()
    }

    fn people(text: &str) -> Vec<String> {
        tag(text)
            .into_iter()
            .filter(|(_, k)| k == "person" || k == "Mined(\"PERS\")")
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn names_stop_before_words_no_list_knows() {
        assert_eq!(
            people("وقال وزير الداخلية نيكولا ساركوزي فصرح في واشنطن"),
            ["نيكولا ساركوزي"]
        );
        assert_eq!(people("وقال الرئيس شيراك شذ عن هذه القاعدة"), ["شيراك"]);
        // a first name and an unknown surname, and a nisba family name
        assert_eq!(
            people("وأعلن وزير الدفاع الفرنسي لوك مارتان أن باريس سترسل ذخائر"),
            ["لوك مارتان"]
        );
    }

    #[test]
    fn a_first_name_alone_is_the_person_named_in_full() {
        let tokens = tokenize("قال الرئيس محمد مرسي إن البلاد بخير. واستقبل محمد الوفد", 0);
        let people: Vec<String> = Tagger::new(&tokens)
            .mentions()
            .into_iter()
            .filter(|m| m.kind == MentionKind::Person)
            .map(|m| m.key)
            .collect();
        assert_eq!(people.len(), 2, "{people:?}");
        assert_eq!(people[0], people[1], "the same person");
    }

    #[test]
    fn lists_of_people_pronouns_and_indefinites() {
        eprintln!(
            "{:?}",
            tag("وشارك الفنان أحمد رزق ، وغادة عادل ، ومحمد منير في البرنامج")
        );
        assert_eq!(
            people("وشارك الفنان أحمد رزق ، وغادة عادل ، ومحمد منير في البرنامج"),
            ["أحمد رزق", "وغادة عادل", "ومحمد منير"]
        );
        assert!(people("منذ خمس سنوات ، فأنا احب مدينة الدوحة").is_empty());
        assert!(people("لصالح الوطن وخير المواطن تطويراً وتحديثاً").is_empty());
        assert!(people("وأفادت بيانات الوزارة بأن الشركات تعمل").is_empty());
    }

    #[test]
    fn title_adjective_name() {
        let m = tag(
            "اتفق الرئيس الأميركي باراك أوباما ورئيس الوزراء البريطاني ديفد كاميرون الجمعة على ضرورة",
        );
        assert!(
            m.contains(&("باراك أوباما".into(), "person".into())),
            "{m:?}"
        );
        assert!(
            m.contains(&("ديفد كاميرون".into(), "person".into())),
            "{m:?}"
        );
        assert!(
            m.iter()
                .any(|(t, k)| t == "الأميركي" && k.starts_with("Adjective")),
            "{m:?}"
        );
    }

    #[test]
    fn surnames_join_full_names_even_before_them() {
        let m = tag("أوباما وكاميرون يتفقان. اتفق الرئيس باراك أوباما ورئيس الوزراء ديفد كاميرون.");
        assert_eq!(m.iter().filter(|(_, k)| k == "person").count(), 4, "{m:?}");
    }

    #[test]
    fn organizations_named_by_a_head_and_its_complements() {
        let m = tag(
            "وقال المدير العام للمكتب الوطني للكهرباء والماء الصالح للشرب إن الشركة العمانية لتطوير الموانئ وغرفة تجارة وصناعة عمان والاتحاد المصري لكرة القدم والجامعة الملكية المغربية اتفقت",
        );
        let names: Vec<&str> = m.iter().map(|(t, _)| t.as_str()).collect();
        for org in [
            "للمكتب الوطني للكهرباء والماء الصالح للشرب",
            "الشركة العمانية لتطوير الموانئ",
            "وغرفة تجارة وصناعة عمان",
            "والاتحاد المصري لكرة القدم",
            "والجامعة الملكية المغربية",
        ] {
            assert!(names.contains(&org), "{org}: {m:?}");
        }
        // nouns joined in a construct; a name with a hamza is no definite adjective
        let m = tag("وأعلنت وزارة الصحة والحماية الاجتماعية تسجيل إصابات");
        assert!(
            m.iter().any(|(t, _)| t == "وزارة الصحة والحماية الاجتماعية"),
            "{m:?}"
        );
        assert_eq!(
            people("وأكد مفوض الاتحاد للتنمية الاقتصادية ألبرت موشانغا أن القارة"),
            ["ألبرت موشانغا"]
        );
        // a head and a common noun is no name; nor an indefinite head and
        // its adjective
        let m = tag("اجتمع مجلس الوزراء وقوات الحلف ولجنة مشتركة في المدينة");
        assert!(
            m.iter().all(|(_, k)| k != "Organization" && k != "Group"),
            "{m:?}"
        );
    }

    #[test]
    fn a_verb_or_an_adverb_after_a_title_is_no_name() {
        assert!(people("وقال الرئيس جزئيا إن الحكومة تعمل").is_empty());
        assert!(people("أكد أن الرئيس يزور فرنسا الأسبوع المقبل").is_empty());
        // a name's first word like a verb, with the rest of the name after it
        assert_eq!(people("وقالت الوزيرة يوكو ناكامورا إن"), ["يوكو ناكامورا"]);
    }

    #[test]
    fn after_a_title_a_name_no_list_knows_is_taken_whole() {
        assert_eq!(
            people("وأكد رئيس المؤسسة كلاوس ديتريش فالنباخ أن الإعادة تمت"),
            ["كلاوس ديتريش فالنباخ"]
        );
        assert_eq!(
            people("وقال المندوب الروسي ليونيد سيرغييفيتش بارانوف إن النص"),
            ["ليونيد سيرغييفيتش بارانوف"]
        );
        // not the dual of a common word after the name
        assert_eq!(
            people("وسجل اللاعب المصري محمد صلاح هدفين في المباراة"),
            ["محمد صلاح"]
        );
        // up to a preposition on a definite word
        assert_eq!(people("وقال الرئيس كلاوس ديتريش بالقاهرة"), ["كلاوس ديتريش"]);
    }

    #[test]
    fn countries_through_clitics_and_organizations() {
        let m =
            tag("أن الولايات المتحدة وبريطانيا وللحلف في مقر حلف شمال الاطلسي في بروكسل والقاعدة");
        let names: Vec<&str> = m.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            names.contains(&"الولايات المتحدة") && names.contains(&"وبريطانيا"),
            "{m:?}"
        );
        assert!(
            names.contains(&"حلف شمال الاطلسي") && names.contains(&"والقاعدة"),
            "{m:?}"
        );
    }

    #[test]
    fn title_with_organization_and_place_before_the_name() {
        let m = tag("وقال مراسل الجزيرة في واشنطن ناصر الحسيني إن التنسيق");
        assert!(
            m.contains(&("ناصر الحسيني".into(), "person".into())),
            "{m:?}"
        );
        assert!(m.iter().any(|(t, _)| t == "الجزيرة"), "{m:?}");
    }
}
