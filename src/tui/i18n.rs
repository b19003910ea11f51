//! The browser's own words in the reader's language: Fluent messages, one
//! file per language under `assets/i18n/` (embedded), English by default,
//! Arabic with `lang = "ar"` in the config or an `ar_*` locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`). The language is the thread's: the
//! browser draws on one thread, and tests run each on their own.
//! Placeables are not isolated (no FSI/PDI reaches the terminal).

use std::cell::{Cell, RefCell};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Ar,
}

/// The message files, embedded.
pub const EN: &str = include_str!("../../assets/i18n/en.ftl");
pub const AR: &str = include_str!("../../assets/i18n/ar.ftl");

impl Lang {
    /// From a config value or a locale (`ar`, `ar_EG.UTF-8`, `en`...).
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.split(['_', '-', '.', '@']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Some(Lang::Ar),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the environment asks for: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set; Arabic for `ar_*`, else English.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .and_then(|s| Lang::parse(&s))
            .unwrap_or_default()
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => EN,
            Lang::Ar => AR,
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
    static BUNDLES: RefCell<Vec<(Lang, FluentBundle<FluentResource>)>> = const { RefCell::new(Vec::new()) };
}

/// Speak `lang` from now on (on this thread).
pub fn set(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// The language spoken.
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// The direction of the interface's lines: right to left in Arabic.
pub fn direction() -> crate::text::Direction {
    match current() {
        Lang::Ar => crate::text::Direction::Rtl,
        Lang::En => crate::text::Direction::Ltr,
    }
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.tag().parse().expect("a valid tag");
    let mut b = FluentBundle::new(vec![id]);
    // no FSI/PDI around placeables: the strings reach ratatui's own
    // widgets too, which would send the marks to the terminal
    b.set_use_isolating(false);
    let res = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(res, _)| res);
    // the file is ours and tested: an error here is a bug the test shows
    let _ = b.add_resource(res);
    b
}

/// Message `id` with `args`, in the current language (English when the
/// language lacks it; the id itself when no language has it).
pub fn tr(id: &str, args: &[(&str, FluentValue)]) -> String {
    let lang = current();
    BUNDLES.with(|bundles| {
        let mut bundles = bundles.borrow_mut();
        for l in [lang, Lang::En] {
            if !bundles.iter().any(|(k, _)| *k == l) {
                bundles.push((l, bundle(l)));
            }
            let (_, b) = bundles.iter().find(|(k, _)| *k == l).expect("just added");
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut fargs = FluentArgs::new();
                for (k, v) in args {
                    fargs.set(*k, v.clone());
                }
                let mut errors = Vec::new();
                return b
                    .format_pattern(pattern, Some(&fargs), &mut errors)
                    .into_owned();
            }
        }
        id.to_string()
    })
}

/// Message `id` in the current language, only if that language has it
/// (no English fallback): the help's lines are English in their
/// declarations, translated here.
pub fn translation(id: &str) -> Option<String> {
    let lang = current();
    if lang == Lang::En {
        return None;
    }
    BUNDLES.with(|bundles| {
        let mut bundles = bundles.borrow_mut();
        if !bundles.iter().any(|(k, _)| *k == lang) {
            bundles.push((lang, bundle(lang)));
        }
        let (_, b) = bundles
            .iter()
            .find(|(k, _)| *k == lang)
            .expect("just added");
        let pattern = b.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(b.format_pattern(pattern, None, &mut errors).into_owned())
    })
}

/// Message `id` without arguments.
pub fn t(id: &str) -> String {
    tr(id, &[])
}

/// The ids of the messages in a Fluent file's text.
pub fn ids(source: &str) -> Vec<String> {
    let mut ids: Vec<String> = source
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '\t']) && !l.trim().is_empty())
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect();
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_messages_and_parse() {
        // English help lines are the actions' declarations; Arabic has
        // each of them as `action-NAME`
        let mut en = ids(EN);
        en.extend(
            crate::tui::actions::Action::ALL
                .iter()
                .map(|a| format!("action-{}", a.name())),
        );
        en.sort();
        assert_eq!(en, ids(AR), "ar.ftl holds en.ftl's keys and the actions'");
        assert!(!ids(EN).is_empty());
        for src in [EN, AR] {
            assert!(
                FluentResource::try_new(src.to_string()).is_ok(),
                "a Fluent file does not parse"
            );
        }
    }

    #[test]
    fn locales_choose_the_language() {
        assert_eq!(Lang::parse("ar_EG.UTF-8"), Some(Lang::Ar));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR"), None);
    }
}
