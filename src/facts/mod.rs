//! Facts: the actors of each story and what they agreed, affirmed,
//! rejected or discussed. Rule-based, on the lexicons in `assets/lexicon`:
//! tokens and clitics ([`tokens`]), names ([`ner`]), actors ([`actors`]),
//! statements ([`agreements`]); [`conll`] tags a token file for measuring.

pub mod actors;
pub mod agreements;
pub mod combine;
pub mod conll;
pub mod lexicon;
pub mod model;
pub mod ner;
pub mod tokens;
pub mod words;

use std::ops::Range;

use serde::Serialize;

use actors::{Actor, ActorKind, cast};
use agreements::agreements;
use lexicon::{StatementKind, lexicon};
use ner::Tagger;
use tokens::{Token, TokenKind, ends_sentence, tokenize};

/// The extractor's version: the store keeps it with the facts it found and
/// extracts them again when it changes. Bump it with any change to what
/// the extractor finds.
pub const VERSION: u32 = 5;

/// A statement as reported: parties by name.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    pub kind: StatementKind,
    pub verb: String,
    pub parties: Vec<String>,
    pub text: String,
    pub sentence: String,
    /// Character offsets of the sentence in the article's text (the title
    /// line, then each paragraph on its own line, as khabar reads it).
    pub span: [usize; 2],
    /// Byte range of the sentence in the article's text.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// The facts of one article.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facts {
    pub actors: Vec<Actor>,
    pub agreements: Vec<Statement>,
}

/// Sentences as token ranges: split at final punctuation and at line ends;
/// a run-on sentence is cut at a comma after 60 tokens, and anywhere after 200,
/// so that no statement carries a whole unpunctuated paragraph.
fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let line_end = tokens
            .get(i + 1)
            .is_some_and(|n| text[t.span.end..n.span.start].contains('\n'));
        let long = i - start >= 200 || (i - start >= 60 && matches!(t.norm.as_str(), "،" | ","));
        if ends_sentence(t) || line_end || long || i + 1 == tokens.len() {
            if i + 1 > start {
                out.push(start..i + 1);
            }
            start = i + 1;
        }
    }
    out
}

/// Text longer than this is read a part at a time (parts end at a line's
/// end where one is near): the extractor's memory stays bounded whatever
/// the article's size. An actor named in two parts is one actor; a
/// pronoun or a short name does not reach back into the part before.
pub const PART_BYTES: usize = 1 << 20;

/// Extract the facts of an article's text: its title line, then each
/// paragraph on a line of its own.
pub fn extract(text: &str) -> Facts {
    if text.len() <= PART_BYTES {
        return extract_part(text);
    }
    let mut facts = Facts::default();
    let mut known: rustc_hash::FxHashMap<(u8, String), usize> = Default::default();
    let mut chars = 0;
    for part in parts(text) {
        let found = extract_part(&text[part.clone()]);
        for mut a in found.actors {
            for s in &mut a.spans {
                *s = s.start + part.start..s.end + part.start;
            }
            // a person named by one of their names, in a part after the
            // one that gave the whole name, is that person
            let whole = (a.kind == ActorKind::Person && !a.key.contains(' '))
                .then(|| {
                    let (first, last) = (format!("{} ", a.key), format!(" {}", a.key));
                    facts.actors.iter().position(|k| {
                        k.kind == ActorKind::Person
                            && (k.key.starts_with(&first) || k.key.ends_with(&last))
                    })
                })
                .flatten();
            match known.get(&(a.kind as u8, a.key.clone())).copied().or(whole) {
                Some(i) => {
                    let m = &mut facts.actors[i];
                    m.mentions += a.mentions;
                    m.spans.extend(a.spans);
                    for alias in a.aliases {
                        if !m.aliases.contains(&alias) {
                            m.aliases.push(alias);
                        }
                    }
                    if m.role.is_none() {
                        m.role = a.role;
                    }
                }
                None => {
                    known.insert((a.kind as u8, a.key.clone()), facts.actors.len());
                    facts.actors.push(a);
                }
            }
        }
        for mut s in found.agreements {
            s.range = s.range.start + part.start..s.range.end + part.start;
            s.span = [s.span[0] + chars, s.span[1] + chars];
            facts.agreements.push(s);
        }
        chars += text[part].chars().count();
    }
    facts
        .actors
        .sort_by_key(|a| (a.kind as u8, std::cmp::Reverse(a.mentions)));
    facts
}

/// `text` cut into parts of at most [`PART_BYTES`]: after the last line
/// end of a part's second half, else after its last space.
fn parts(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > PART_BYTES {
        let limit = text.floor_char_boundary(start + PART_BYTES);
        let half = start + PART_BYTES / 2;
        let window = &text.as_bytes()[half..limit];
        let end = memchr::memrchr(b'\n', window)
            .or_else(|| memchr::memrchr(b' ', window))
            .map_or(limit, |p| half + p + 1);
        out.push(start..end);
        start = end;
    }
    out.push(start..text.len());
    out
}

/// [`extract`] on text of any size, whole.
fn extract_part(text: &str) -> Facts {
    let lex = lexicon();
    // Latin-script text (photo credits, English captions) is left out: the
    // extractor reads Arabic.
    let tokens: Vec<Token> = tokenize(text, 0);
    let tagger = Tagger::new(&tokens);
    let marks = tagger.list_marks();
    let rules = tagger.mentions();
    let mentions: Vec<_> = combine::with_model(lex, &tokens, marks, rules)
        .into_iter()
        .filter(|m| tokens[m.tokens.start].kind != TokenKind::Latin || m.tokens.len() == 1)
        .collect();
    let cast = cast(text, &tokens, &mentions);
    let sentences = sentences(text, &tokens);
    let found = agreements(text, &tokens, &mentions, &cast, &sentences, lex);
    // character offsets of byte positions, counted once along the text
    let mut counted = (0usize, 0usize); // (byte, chars) so far
    let mut char_offset = |byte: usize| {
        if byte < counted.0 {
            counted.1 -= text[byte..counted.0].chars().count();
        } else {
            counted.1 += text[counted.0..byte].chars().count();
        }
        counted.0 = byte;
        counted.1
    };
    let statements = found
        .into_iter()
        .map(|a| Statement {
            kind: a.kind,
            verb: a.verb,
            parties: a
                .parties
                .iter()
                .map(|&p| cast.actors[p].name.clone())
                .collect(),
            text: a.text,
            sentence: text[a.sentence.clone()].to_string(),
            span: {
                let start = char_offset(a.sentence.start);
                [start, char_offset(a.sentence.end)]
            },
            range: a.sentence,
        })
        .collect();
    let mut actors = cast.actors;
    actors.sort_by_key(|a| (a.kind as u8, std::cmp::Reverse(a.mentions)));
    Facts {
        actors,
        agreements: statements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = include_str!("../../seeds/000_6fba3821f320b55a.txt");

    #[test]
    fn a_text_longer_than_a_part_has_the_facts_of_its_parts_at_their_places() {
        let one = extract(STORY);
        let mut long = String::new();
        while long.len() <= 3 * PART_BYTES {
            long.push_str(STORY);
            long.push('\n');
        }
        let copies = long.len() / (STORY.len() + 1);
        let facts = extract(&long);
        let keys = |f: &Facts| {
            let mut k: Vec<(u8, String)> = f
                .actors
                .iter()
                .map(|a| (a.kind as u8, a.key.clone()))
                .collect();
            k.sort();
            k
        };
        assert_eq!(keys(&facts), keys(&one), "the same actors, each once");
        for a in &facts.actors {
            assert_eq!(a.spans.len(), a.mentions);
            for s in &a.spans {
                assert!(s.end <= long.len() && long.is_char_boundary(s.start));
            }
        }
        assert!(facts.agreements.len() >= (copies - 3) * one.agreements.len());
        for s in &facts.agreements {
            assert_eq!(long[s.range.clone()], s.sentence);
            let by_chars: String = long
                .chars()
                .skip(s.span[0])
                .take(s.span[1] - s.span[0])
                .collect();
            assert_eq!(by_chars, s.sentence, "character offsets");
        }
    }
}

#[cfg(test)]
/// The classes of issue 12: names as written, statements said with nouns.
mod classes {
    use super::*;

    fn statements(text: &str) -> Vec<(StatementKind, Vec<String>)> {
        extract(text)
            .agreements
            .into_iter()
            .map(|s| (s.kind, s.parties))
            .collect()
    }

    #[test]
    fn a_party_named_by_a_pronoun_is_the_speakers_country() {
        let s = statements(
            "خبر\nزار الرئيس الإثيوبي أبيي تاسو إثيوبيا والصومال.\nوقال الرئيس الإثيوبي أبيي تاسو إن بلاده والصومال اتفقتا على تعزيز التعاون.\n",
        );
        let both = vec!["إثيوبيا".to_string(), "الصومال".to_string()];
        assert!(s.contains(&(StatementKind::Agreement, both)), "{s:?}");
        // a country the story does not name: the speaker stands for it
        let s =
            statements("خبر\nوقال الرئيس الإثيوبي أبيي تاسو إن بلاده والصومال اتفقتا على التعاون.\n");
        let both = vec!["أبيي تاسو".to_string(), "الصومال".to_string()];
        assert!(s.contains(&(StatementKind::Agreement, both)), "{s:?}");
    }

    #[test]
    fn a_government_acts_for_its_country_and_a_purpose_ends_a_name() {
        let f = extract(
            "خبر\nوقعت الحكومة التونسية اتفاقا مع البنك الأوروبي لإعادة الإعمار والتنمية لتمويل محطات تحلية المياه.\nوانتقد الاتحاد العام التونسي للشغل شروط التمويل العام الماضي.\n",
        );
        let names: Vec<&str> = f.actors.iter().map(|a| a.name.as_str()).collect();
        assert!(names.contains(&"تونس"), "{names:?}");
        assert!(
            names.contains(&"البنك الأوروبي لإعادة الإعمار والتنمية"),
            "{names:?}"
        );
        assert!(names.contains(&"الاتحاد العام التونسي للشغل"), "{names:?}");
        let parties: Vec<&Vec<String>> = f.agreements.iter().map(|s| &s.parties).collect();
        assert!(
            parties
                .iter()
                .any(|p| p.first().is_some_and(|a| a == "تونس")),
            "{parties:?}"
        );
    }

    #[test]
    fn a_counterpart_holds_the_role_in_their_own_gender() {
        let f = extract(
            "خبر\nالتقت وزيرة الخارجية الإسبانية آنا ماريا غارسيا بلاثيوس نظيرها المغربي يوسف العمراني البقالي.\n",
        );
        let role = |n: &str| {
            f.actors
                .iter()
                .find(|a| a.name == n)
                .and_then(|a| a.role.clone())
        };
        assert_eq!(
            role("يوسف العمراني البقالي").as_deref(),
            Some("وزير الخارجية")
        );
    }

    #[test]
    fn a_ministry_named_short_in_a_title_is_the_roles_not_an_actor() {
        let orgs = |text: &str| -> Vec<String> {
            extract(text)
                .actors
                .into_iter()
                .filter(|a| a.kind == ActorKind::Organization)
                .map(|a| a.name)
                .collect()
        };
        let f = extract("خبر\nوأكدت وزيرة التجارة الأردنية هالة زواتي أن الصادرات ارتفعت.\n");
        let person = f.actors.iter().find(|a| a.kind == ActorKind::Person);
        assert!(
            person.is_some_and(|p| p.role.as_deref().is_some_and(|r| r.contains("التجارة"))),
            "{:?}",
            f.actors
        );
        assert_eq!(
            orgs("خبر\nوأكدت وزيرة التجارة الأردنية هالة زواتي أن الصادرات ارتفعت.\n"),
            Vec::<String>::new()
        );
        // named with وزارة, it is an actor
        let named = orgs("خبر\nوقالت وزارة التجارة الأردنية في بيان إن الصادرات ارتفعت.\n");
        assert_eq!(named.len(), 1, "{named:?}");
    }

    #[test]
    fn a_governor_is_a_title_and_a_governorate_is_not() {
        let f = extract("خبر\nوأعلن محافظ البنك المركزي أيمن الحسيني أن التضخم تراجع.\n");
        let person = f.actors.iter().find(|a| a.kind == ActorKind::Person);
        assert_eq!(
            person.map(|p| (p.name.as_str(), p.role.as_deref())),
            Some(("أيمن الحسيني", Some("محافظ البنك المركزي"))),
            "{:?}",
            f.actors
        );
        let f = extract("خبر\nوسقطت أمطار غزيرة في محافظة الأنبار أمس.\n");
        assert!(
            f.actors.iter().all(|a| a.kind != ActorKind::Person),
            "{:?}",
            f.actors
        );
    }

    #[test]
    fn statements_said_with_a_noun() {
        let s = statements("خبر\nواستخدمت روسيا حق النقض ضد مشروع القرار.\n");
        assert_eq!(s, [(StatementKind::Rejection, vec!["روسيا".to_string()])]);
        let s = statements("خبر\nطرحت بريطانيا على مجلس الأمن مشروع قرار بشأن الهدنة.\n");
        assert!(
            s.iter()
                .any(|(k, p)| *k == StatementKind::Announcement && p == &["بريطانيا"]),
            "{s:?}"
        );
        // no subject: the sides named after بين
        let s = statements("خبر\nووقعت مذكرة تفاهم بين المغرب وموريتانيا في نواكشوط.\n");
        let both = vec!["المغرب".to_string(), "موريتانيا".to_string()];
        assert!(s.contains(&(StatementKind::Agreement, both)), "{s:?}");
        // a verb that states nothing without its noun
        assert!(statements("خبر\nواستخدمت روسيا الطائرات في القصف.\n").is_empty());
        // the document signed, then the signatories
        let s = statements(
            "خبر\nووقع الاتفاق وزير الاقتصاد السنغالي مامادو ديوب انغوم ورئيس المصرف فهد بن عبد الله الدوسري.\n",
        );
        assert!(
            s.iter()
                .any(|(k, p)| *k == StatementKind::Agreement && p.len() == 2),
            "{s:?}"
        );
    }

    #[test]
    fn an_actor_is_named_as_the_story_spells_it() {
        // the list spells إفريقيا; the story أفريقيا, twice
        let f = extract("قمة\nوصل الوفد إلى أفريقيا أمس، وتعهد بدعم أفريقيا في المحافل الدولية.\n");
        let names: Vec<&str> = f.actors.iter().map(|a| a.name.as_str()).collect();
        assert!(names.contains(&"أفريقيا"), "{names:?}");
        // an organization no list holds, as written (hamza and all)
        let f = extract("خبر\nوأكدت الهيئة الوطنية لمكافحة الفساد في بيان أن التحقيق مستمر.\n");
        let names: Vec<&str> = f.actors.iter().map(|a| a.name.as_str()).collect();
        assert!(
            names.contains(&"الهيئة الوطنية لمكافحة الفساد"),
            "{names:?}"
        );
    }

    /// Issue 28's classes: honorifics stay with the name, roles after a
    /// name, people joined by و, statements with verbs of praising,
    /// expressing and holding talks, and the signing of ... between X and Y.
    #[test]
    fn names_roles_and_statements_said_every_way() {
        let f = extract(
            "خبر\nوقال وزير الخارجية الدكتور أحمد الصافي إن المحادثات مثمرة.\nوأشاد خالد العنزي، رئيس مجلس إدارة الشركة، بالاتفاق.\nوأكد سامي الحربي المدير التنفيذي للهيئة أن العمل مستمر.\nووقع الاتفاقية محمد علي وخالد سعيد.\nوجرى توقيع مذكرة تفاهم بين مصر والأردن.\nوأجرى وزير الخارجية المصري سامح شكري محادثات مع نظيره الأردني أيمن الصفدي.\n",
        );
        let person = |n: &str| {
            f.actors
                .iter()
                .find(|a| a.kind == ActorKind::Person && a.name == n)
                .map(|a| a.role.clone())
        };
        assert_eq!(
            person("الدكتور أحمد الصافي"),
            Some(Some("وزير الخارجية".to_string())),
            "{:?}",
            f.actors
        );
        assert_eq!(
            person("سامي الحربي"),
            Some(Some("المدير التنفيذي للهيئة".to_string()))
        );
        assert!(person("محمد علي").is_some() && person("خالد سعيد").is_some());
        let s: Vec<(StatementKind, Vec<String>)> = f
            .agreements
            .iter()
            .map(|s| (s.kind, s.parties.clone()))
            .collect();
        let has = |k: StatementKind, p: &[&str]| {
            s.contains(&(k, p.iter().map(|x| x.to_string()).collect()))
        };
        assert!(has(StatementKind::Support, &["خالد العنزي"]), "{s:?}");
        assert!(has(StatementKind::Agreement, &["مصر", "الأردن"]), "{s:?}");
        assert!(
            has(StatementKind::Discussion, &["سامح شكري", "أيمن الصفدي"]),
            "{s:?}"
        );
    }
}
