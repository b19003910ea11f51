//! Naming what a text talks about: people (with the title before their
//! name), countries and their adjectives, capitals and other places,
//! organizations and groups. Gazetteer phrases are matched longest first,
//! through clitics; people are found after titles (title + complements +
//! nationality adjective + name), from first names, and by surnames
//! already seen in the same text.
//!
//! By stage: what the lists say at each token ([`lookups`]), people's
//! names ([`people`]), organizations ([`organizations`]), a title's
//! complements ([`titles`]); the two passes over the text here.

use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;
use std::ops::Range;

use super::lexicon::{DAYS, GazEntry, GazKind, Lexicon, lexicon};
use super::model::Marks;
use super::tokens::{Token, TokenKind};
use super::words;

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
        orgs.chain(words::groups().iter().map(|h| (*h, true)))
            .collect()
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
                // an honorific (الدكتور, الشيخ) is no office: it stays with
                // the name, alone or after the office (facts only: ANERcorp
                // leaves it out of the name)
                let honorific_first = !self.corpus && t_end == i + 1 && self.honorific(i);
                let after = if honorific_first {
                    i
                } else {
                    self.title_complements(t_end, &mut found)
                };
                let span_start = after;
                let j = if !self.corpus && self.honorific(after) {
                    after + 1
                } else {
                    after
                };
                let role = (!honorific_first).then_some(i..span_start);
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
                            tokens: span_start..end,
                            kind: MentionKind::Person,
                            key,
                            role,
                            prefix: 0,
                        });
                        i = end;
                    }
                    None => {
                        let j = if honorific_first {
                            self.title_complements(t_end, &mut Vec::new())
                        } else {
                            j
                        };
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

mod lookups;
mod organizations;
mod people;
#[cfg(test)]
mod tests;
mod titles;
