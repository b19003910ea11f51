//! The word lists the extractor stands on, shipped in `assets/lexicon` and
//! loaded once: places (countries, adjectives, capitals, cities, regions),
//! organizations and groups, titles, first names, agreement verbs, and
//! lists mined from ANERcorp's training split (entities, trigger words,
//! first names, words that are almost never part of a name).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use super::tokens::Readings;
use crate::text::normalize::fold;

/// What a gazetteer phrase names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GazKind {
    Country,
    /// A nationality adjective of this country (canonical name).
    Adjective(String),
    /// A capital, which can stand for its country's government.
    Capital(String),
    City,
    Region,
    Organization,
    Group,
    /// Mined from ANERcorp: PERS, LOC or ORG.
    Mined(&'static str),
}

#[derive(Clone, Debug)]
pub struct GazEntry {
    pub canonical: String,
    pub kind: GazKind,
}

/// The kinds of statement a verb makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    Agreement,
    Support,
    Rejection,
    Announcement,
    Affirmation,
    Discussion,
    Disagreement,
}

impl StatementKind {
    pub fn name(self) -> &'static str {
        match self {
            StatementKind::Agreement => "agreement",
            StatementKind::Support => "support",
            StatementKind::Rejection => "rejection",
            StatementKind::Announcement => "announcement",
            StatementKind::Affirmation => "affirmation",
            StatementKind::Discussion => "discussion",
            StatementKind::Disagreement => "disagreement",
        }
    }

    fn parse(s: &str) -> Option<StatementKind> {
        Some(match s {
            "agreement" => StatementKind::Agreement,
            "support" => StatementKind::Support,
            "rejection" => StatementKind::Rejection,
            "announcement" => StatementKind::Announcement,
            "affirmation" => StatementKind::Affirmation,
            "discussion" => StatementKind::Discussion,
            "disagreement" => StatementKind::Disagreement,
            _ => return None,
        })
    }
}

/// Grammatical number of a verb form: how many subjects it wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number {
    Singular,
    Dual,
    Plural,
}

#[derive(Clone, Debug)]
pub struct VerbForm {
    pub kind: StatementKind,
    pub number: Number,
    /// The verb's past stem (3rd person masculine singular), folded.
    pub lemma: String,
    /// For a verb that states nothing alone: the noun phrases (folded) one
    /// of which must follow it in its clause (استخدم حق النقض).
    pub nouns: Vec<String>,
}

/// Every list, folded.
pub struct Lexicon {
    pub gazetteer: HashMap<String, GazEntry>,
    pub max_phrase: usize,
    pub titles: HashSet<String>,
    pub max_title: usize,
    pub first_names: HashSet<String>,
    /// The hand-written first names only.
    pub curated_first_names: HashSet<String>,
    pub common: HashSet<String>,
    /// How often each common word was seen in the training split.
    pub common_count: HashMap<String, u32>,
    pub verbs: HashMap<String, VerbForm>,
    /// word -> (type, times before an entity of the type, times seen)
    pub triggers: HashMap<String, (&'static str, u32, u32)>,
    /// Words that are part of a title (never part of a name).
    pub title_words: HashSet<String>,
    /// Words of mined organization and place names (never a surname).
    pub entity_words: HashSet<String>,
    /// Words of people's names seen in the training split, and first names.
    pub name_words: HashSet<String>,
    /// First word of a gazetteer phrase -> longest phrase starting with it.
    pub gaz_first: HashMap<String, usize>,
    /// First word of a title -> longest title starting with it.
    pub title_first: HashMap<String, usize>,
    /// First words of the curated lists' phrases (not the mined ones).
    pub curated_first: HashSet<String>,
    /// Structured lists made by `scripts/gen_lexicon.py` (never typed by
    /// hand): word frequency (Zipf x 10, wordfreq), lemmas (Arramooz),
    /// places (geonames), territories (CLDR). Folded keys.
    pub structured: Structured,
}

/// The generated lists of [`Lexicon::structured`].
#[derive(Default)]
pub struct Structured {
    /// Zipf frequency x 10 of a folded word (wordfreq's 60,000 most frequent).
    pub frequency: HashMap<String, u8>,
    /// Lemma bits: [`NOUN`], [`VERB`], [`NISBA`] (Arramooz).
    pub morphology: HashMap<String, u8>,
    /// A place's name (geonames, cities of 1,000+): log10 of its population.
    pub places: HashMap<String, u8>,
    /// Country and territory names (CLDR).
    pub territories: rustc_hash::FxHashSet<String>,
}

pub const NOUN: u8 = 1;
pub const VERB: u8 = 2;
pub const NISBA: u8 = 4;

const FREQUENCY: &str = include_str!("../../assets/lexicon/frequency.tsv");
const MORPHOLOGY: &str = include_str!("../../assets/lexicon/morphology.tsv");
const GEONAMES: &str = include_str!("../../assets/lexicon/geonames.tsv");
const TERRITORIES: &str = include_str!("../../assets/lexicon/territories.tsv");

impl Structured {
    fn load() -> Structured {
        let mut s = Structured::default();
        for r in rows(FREQUENCY) {
            if let [w, z, ..] = r[..] {
                let z: u8 = z.trim().parse().unwrap_or(0);
                let e = s.frequency.entry(fold(w)).or_insert(0);
                *e = (*e).max(z);
            }
        }
        for r in rows(MORPHOLOGY) {
            if r.len() >= 2 {
                let bits = match r[1] {
                    "verb" => VERB,
                    _ => NOUN,
                } | if r.get(2).is_some_and(|t| t.trim() == "nisba") {
                    NISBA
                } else {
                    0
                };
                *s.morphology.entry(fold(r[0])).or_insert(0) |= bits;
            }
        }
        for r in rows(GEONAMES) {
            if let [w, _, pop, ..] = r[..] {
                let pop: f64 = pop.trim().parse().unwrap_or(0.0);
                let class = pop.max(1.0).log10() as u8;
                let e = s.places.entry(fold(w)).or_insert(0);
                *e = (*e).max(class);
            }
        }
        for r in rows(TERRITORIES) {
            s.territories.insert(fold(r[0]));
        }
        s
    }
}

const PLACES: &str = include_str!("../../assets/lexicon/places.tsv");
const ORGANIZATIONS: &str = include_str!("../../assets/lexicon/organizations.tsv");
const TITLES: &str = include_str!("../../assets/lexicon/titles.tsv");
const FIRST_NAMES: &str = include_str!("../../assets/lexicon/first_names.tsv");
const VERBS: &str = include_str!("../../assets/lexicon/verbs.tsv");
const MINED_ENTITIES: &str = include_str!("../../assets/lexicon/anercorp/entities.tsv");
const MINED_TRIGGERS: &str = include_str!("../../assets/lexicon/anercorp/triggers.tsv");
const MINED_FIRST_NAMES: &str = include_str!("../../assets/lexicon/anercorp/first_names.tsv");
const MINED_COMMON: &str = include_str!("../../assets/lexicon/anercorp/common.tsv");

fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn mined_type(t: &str) -> Option<&'static str> {
    match t {
        "PERS" => Some("PERS"),
        "LOC" => Some("LOC"),
        "ORG" => Some("ORG"),
        _ => None,
    }
}

/// The lexicon, loaded on first use.
/// Today, yesterday and the days of the week, folded: time, never who.
pub const DAYS: &[&str] = &[
    "اليوم",
    "امس",
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
];

/// The lists mined from ANERcorp in use: the embedded ones, unless
/// [`use_mined_lists`] was called first.
struct Mined {
    entities: &'static str,
    triggers: &'static str,
    first_names: &'static str,
    common: &'static str,
}

static MINED: OnceLock<Mined> = OnceLock::new();

fn mined() -> &'static Mined {
    MINED.get_or_init(|| Mined {
        entities: MINED_ENTITIES,
        triggers: MINED_TRIGGERS,
        first_names: MINED_FIRST_NAMES,
        common: MINED_COMMON,
    })
}

/// Use the lists `scripts/mine_anercorp.py` wrote in `dir` instead of the
/// embedded ones: for measuring on a part of the training split they were
/// not mined from (`examples/train_ner.rs --mined DIR`). Only before the
/// lexicon is first used; false after.
pub fn use_mined_lists(dir: &std::path::Path) -> std::io::Result<bool> {
    let read = |name: &str| -> std::io::Result<&'static str> {
        Ok(Box::leak(
            std::fs::read_to_string(dir.join(name))?.into_boxed_str(),
        ))
    };
    let lists = Mined {
        entities: read("entities.tsv")?,
        triggers: read("triggers.tsv")?,
        first_names: read("first_names.tsv")?,
        common: read("common.tsv")?,
    };
    Ok(MINED.set(lists).is_ok())
}

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut gazetteer: HashMap<String, GazEntry> = HashMap::default();
        let mut entity_words = HashSet::default();
        let mut name_words: HashSet<String> = HashSet::default();
        // Mined entities first: the curated lists below override them.
        for r in rows(mined().entities) {
            if let [form, typ, tagged, seen, ..] = r[..]
                && let Some(t) = mined_type(typ)
            {
                if t != "PERS" {
                    entity_words.extend(fold(form).split(' ').map(str::to_string));
                } else {
                    name_words.extend(fold(form).split(' ').map(str::to_string));
                }
                let (tagged, seen): (u32, u32) =
                    (tagged.parse().unwrap_or(0), seen.parse().unwrap_or(1));
                // Keep what is an entity in most of its uses.
                if tagged * 3 >= seen * 2 || (tagged >= 2 && tagged * 2 >= seen) {
                    gazetteer.insert(
                        fold(form),
                        GazEntry {
                            canonical: form.to_string(),
                            kind: GazKind::Mined(t),
                        },
                    );
                }
            }
        }
        for r in rows(PLACES) {
            if r.len() < 3 {
                continue;
            }
            let country = r.get(3).copied().unwrap_or("").to_string();
            let kind = match r[2] {
                "country" => GazKind::Country,
                "adjective" => GazKind::Adjective(country),
                "capital" => GazKind::Capital(country),
                "city" => GazKind::City,
                _ => GazKind::Region,
            };
            let key = fold(r[0]);
            // A country's own name wins over an adjective spelled the same.
            if gazetteer
                .get(&key)
                .is_some_and(|e| e.kind == GazKind::Country)
            {
                continue;
            }
            gazetteer.insert(
                key,
                GazEntry {
                    canonical: r[1].to_string(),
                    kind,
                },
            );
        }
        for r in rows(ORGANIZATIONS) {
            if r.len() < 3 {
                continue;
            }
            let kind = if r[2] == "group" {
                GazKind::Group
            } else {
                GazKind::Organization
            };
            gazetteer.insert(
                fold(r[0]),
                GazEntry {
                    canonical: r[1].to_string(),
                    kind,
                },
            );
        }
        let max_phrase = gazetteer
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        let titles: HashSet<String> = rows(TITLES).map(|r| fold(r[0])).collect();
        let max_title = titles
            .iter()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        let title_words = titles
            .iter()
            .flat_map(|t| t.split(' ').map(str::to_string))
            .collect();
        let curated_first_names: HashSet<String> = rows(FIRST_NAMES).map(|r| fold(r[0])).collect();
        let mut first_names = curated_first_names.clone();
        for r in rows(mined().first_names) {
            if r.get(1).and_then(|c| c.parse::<u32>().ok()).unwrap_or(0) >= 1 {
                first_names.insert(fold(r[0]));
            }
        }
        let common_count: HashMap<String, u32> = rows(mined().common)
            .map(|r| {
                (
                    fold(r[0]),
                    r.get(1).and_then(|c| c.parse().ok()).unwrap_or(1),
                )
            })
            .collect();
        let common = common_count.keys().cloned().collect();
        let mut verbs = HashMap::default();
        for r in rows(VERBS) {
            if r.len() < 3 {
                continue;
            }
            let Some(kind) = StatementKind::parse(r[2].trim()) else {
                continue;
            };
            if r[1] == "-" {
                let form = fold(r[0]);
                let number = if form.ends_with("ان") {
                    Number::Dual
                } else {
                    Number::Plural
                };
                verbs.insert(
                    form.clone(),
                    VerbForm {
                        kind,
                        number,
                        lemma: form,
                        nouns: Vec::new(),
                    },
                );
                continue;
            }
            let nouns: Vec<String> = r
                .get(3)
                .map(|n| n.split(',').map(|p| fold(p.trim())).collect())
                .unwrap_or_default();
            let past = fold(r[0]);
            let present = fold(r[1]);
            let core: String = present.chars().skip(1).collect();
            let forms = [
                (past.clone(), Number::Singular),
                (format!("{past}ت"), Number::Singular),
                (format!("{past}ا"), Number::Dual),
                (format!("{past}تا"), Number::Dual),
                (format!("{past}وا"), Number::Plural),
                (format!("{past}ن"), Number::Plural),
                (format!("ي{core}"), Number::Singular),
                (format!("ت{core}"), Number::Singular),
                (format!("ي{core}ان"), Number::Dual),
                (format!("ت{core}ان"), Number::Dual),
                (format!("ي{core}ون"), Number::Plural),
                (format!("ي{core}ن"), Number::Plural),
            ];
            for (f, number) in forms {
                verbs.entry(f).or_insert(VerbForm {
                    kind,
                    number,
                    lemma: past.clone(),
                    nouns: nouns.clone(),
                });
            }
        }
        let mut triggers = HashMap::default();
        for r in rows(mined().triggers) {
            if let [w, typ, c, total, ..] = r[..]
                && let Some(t) = mined_type(typ)
            {
                // a name is not a trigger word, even if names follow it ("وفرنسا")
                let w = fold(w);
                let bare = w.strip_prefix('و').unwrap_or(&w);
                if !gazetteer.contains_key(&w) && !gazetteer.contains_key(bare) {
                    triggers.insert(
                        w.clone(),
                        (t, c.parse().unwrap_or(0), total.parse().unwrap_or(1)),
                    );
                }
            }
        }
        let first_index = |phrases: &mut dyn Iterator<Item = &String>| {
            let mut m: HashMap<String, usize> = HashMap::default();
            for p in phrases {
                let n = p.split(' ').count();
                let e = m
                    .entry(p.split(' ').next().unwrap_or("").to_string())
                    .or_insert(0);
                *e = (*e).max(n);
            }
            m
        };
        let gaz_first = first_index(&mut gazetteer.keys());
        let curated_first = gazetteer
            .iter()
            .filter(|(_, e)| !matches!(e.kind, GazKind::Mined(_)))
            .map(|(k, _)| k.split(' ').next().unwrap_or("").to_string())
            .collect();

        let title_first = first_index(&mut titles.iter());
        name_words.extend(first_names.iter().cloned());
        Lexicon {
            gazetteer,
            max_phrase,
            titles,
            max_title,
            first_names,
            curated_first_names,
            common,
            common_count,
            verbs,
            triggers,
            title_words,
            entity_words,
            name_words,
            gaz_first,
            title_first,
            curated_first,
            structured: Structured::load(),
        }
    }

    /// A verb form of the lexicon, looking through the clitics a verb takes
    /// (وأكد, فأعلنا, سيؤيد, وسيؤيد), not a preposition's (بدعم is a noun).
    pub fn verb(&self, stems: Readings) -> Option<&VerbForm> {
        let word = stems.get(0)?.1;
        stems.iter().find_map(|(removed, s)| {
            let verbal = word
                .chars()
                .take(removed)
                .all(|c| matches!(c, 'و' | 'ف' | 'س'));
            if verbal { self.verbs.get(s) } else { None }
        })
    }
}
