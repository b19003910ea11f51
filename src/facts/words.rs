//! The extractor's word lists (function words, heads of organizations'
//! names, verbs of saying, ...), read once from `assets/lexicon/words.tsv`:
//! one `list<TAB>word` a line, words folded.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

const WORDS: &str = include_str!("../../assets/lexicon/words.tsv");

/// The words of list `name`, in the file's order.
fn read(name: &str) -> Vec<&'static str> {
    let words: Vec<&'static str> = WORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter(|(list, _)| *list == name)
        .map(|(_, w)| w)
        .collect();
    assert!(!words.is_empty(), "no word list {name} in words.tsv");
    words
}

/// A word list: its words in the file's order (it derefs to them), and
/// a set of them for `contains`, which the extractor asks at every token
/// (a list of 100 words searched in order cost a tenth of its time).
pub struct Words {
    list: Vec<&'static str>,
    set: FxHashSet<&'static str>,
}

impl Words {
    fn new(list: Vec<&'static str>) -> Words {
        let set = list.iter().copied().collect();
        Words { list, set }
    }

    /// Is `word` (folded) in the list?
    pub fn contains(&self, word: &&str) -> bool {
        self.set.contains(*word)
    }
}

impl std::ops::Deref for Words {
    type Target = [&'static str];

    fn deref(&self) -> &[&'static str] {
        &self.list
    }
}

macro_rules! lists {
    ($($(#[$doc:meta])* $f:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $f() -> &'static Words {
                static LIST: OnceLock<Words> = OnceLock::new();
                LIST.get_or_init(|| Words::new(read(stringify!($f))))
            }
        )*
        /// Every list's name, for the test that each is in the file.
        #[cfg(test)]
        const NAMES: &[&str] = &[$(stringify!($f)),*];
    };
}

lists! {
    /// Function and time words that never start or continue a name.
    stop;
    /// Words that join the parts of a name: بن, آل, أبو, عبد...
    name_joiners;
    /// Heads of organizations' names that belong to the name (حزب الأمة).
    named_heads;
    /// Titles of news beyond `titles.tsv`, for facts only.
    news_titles;
    /// Honorifics: part of the name they come before, not of the role.
    honorifics;
    /// Head nouns of organizations' names.
    organizations;
    /// Head nouns of groups' names.
    groups;
    /// Definite words that end an organization's name.
    org_phrase_stops;
    /// Second parts of compound first names: never surnames.
    compound_seconds;
    /// Ministries' names.
    ministries;
    /// Verbs of saying before a speaker's name.
    saying;
    /// Words after a speaker's name that open what was said.
    said;
    /// Head nouns before an organization's name no list knows.
    org_heads;
    /// The kind of a place, outside its name in ANERcorp's annotation.
    place_kinds;
    /// The kind of an organization, outside its name in ANERcorp's annotation.
    org_kinds;
    /// Collective subjects of a statement.
    collectives;
    /// Words skipped between a verb and its subject.
    skip;
    /// The speaker's country (بلاده).
    country_pronouns;
    /// Nouns of disagreement.
    disagreement_nouns;
    /// Words that open a clause before a statement's verb.
    openers;
    /// Words of attribution (بحسب).
    attribution;
    /// Forms of address before an office or a name (صاحب السمو، معالي).
    styles;
    /// Ranks and royal titles that go with the name after an office.
    name_ranks;
    /// Words joining a place or a body to an office (لدى، إلى).
    complement_links;
    /// Verbs of occurrence and reception before a verbal noun that states
    /// (تم، جرى، شهد، أسفر، لقي، حظي).
    light_verbs;
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_list_is_in_the_file() {
        for name in super::NAMES {
            assert!(!super::read(name).is_empty(), "{name}");
        }
    }
}
