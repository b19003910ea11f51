//! Actors: mentions gathered into one entry per person, country,
//! organization, group or place, with a role, aliases and a mention count.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use serde::Serialize;

use super::lexicon::GazKind;
use super::ner::{Mention, MentionKind};
use super::tokens::Token;
use crate::text::normalize::fold;

/// What an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Country,
    Organization,
    Group,
    Place,
}

impl ActorKind {
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Country => "country",
            ActorKind::Organization => "organization",
            ActorKind::Group => "group",
            ActorKind::Place => "place",
        }
    }
}

/// One actor of a story.
#[derive(Clone, Debug, Serialize)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub mentions: usize,
    /// Byte ranges of its mentions in the article text.
    #[serde(skip)]
    pub spans: Vec<Range<usize>>,
    /// Folded identity.
    #[serde(skip)]
    pub key: String,
}

/// Actors, and for each mention the actor it names (if any).
pub struct Cast {
    pub actors: Vec<Actor>,
    pub of_mention: Vec<Option<usize>>,
}

fn surface(text: &str, tokens: &[Token], m: &Mention) -> String {
    let start = tokens[m.tokens.start].span.start;
    let end = tokens[m.tokens.end - 1].span.end;
    let s = &text[start..end];
    // drop the proclitic letters (و in وبريطانيا)
    let mut chars = s.char_indices();
    let cut = if m.prefix > 0 {
        chars.nth(m.prefix).map_or(0, |(i, _)| i)
    } else {
        0
    };
    // لل is ل and ال: "للمكتب الوطني" names "المكتب الوطني"
    if cut > 0 && s[..cut].ends_with('ل') && s[cut..].starts_with('ل') && m.key.starts_with("ال")
    {
        return format!("ا{}", &s[cut..]);
    }
    s[cut..].to_string()
}

fn span_of(tokens: &[Token], r: &Range<usize>) -> Range<usize> {
    tokens[r.start].span.start..tokens[r.end - 1].span.end
}

/// The role words of a person, from the title and its complements, without
/// a conjunction stuck to the title (ورئيس الوزراء -> رئيس الوزراء).
fn role_text(text: &str, tokens: &[Token], r: &Range<usize>) -> String {
    let s = &text[span_of(tokens, r)];
    let lex = super::lexicon::lexicon();
    let first = fold(s.split(' ').next().unwrap_or(""));
    let conjunction = first.starts_with(['و', 'ف'])
        && !lex.title_first.contains_key(&first)
        && lex
            .title_first
            .contains_key(&first.chars().skip(1).collect::<String>());
    if conjunction {
        s.chars().skip(1).collect()
    } else {
        s.to_string()
    }
}

/// Gather `mentions` into actors.
pub fn cast(text: &str, tokens: &[Token], mentions: &[Mention]) -> Cast {
    let mut actors: Vec<Actor> = Vec::new();
    let mut index: HashMap<(ActorKind, String), usize> = HashMap::default();
    let mut of_mention = vec![None; mentions.len()];
    let mut pending_adjectives: Vec<(usize, String)> = Vec::new();
    let mut pending_titles: Vec<usize> = Vec::new();

    let mut add = |actors: &mut Vec<Actor>,
                   kind: ActorKind,
                   key: String,
                   name: String,
                   span: Range<usize>|
     -> usize {
        let i = *index.entry((kind, key.clone())).or_insert_with(|| {
            actors.push(Actor {
                name: name.clone(),
                kind,
                role: None,
                aliases: Vec::new(),
                mentions: 0,
                spans: Vec::new(),
                key,
            });
            actors.len() - 1
        });
        let a = &mut actors[i];
        a.mentions += 1;
        a.spans.push(span);
        // a spelling that differs only by folding is no other name
        if name != a.name && !a.aliases.contains(&name) && fold(&name) != fold(&a.name) {
            // a longer spelling of a person's name becomes the name
            if a.kind == ActorKind::Person && name.split(' ').count() > a.name.split(' ').count() {
                let old = std::mem::replace(&mut a.name, name);
                if !a.aliases.contains(&old) {
                    a.aliases.push(old);
                }
            } else {
                a.aliases.push(name);
            }
        }
        i
    };

    // each actor's spellings as the text writes them
    let mut written: Vec<(usize, String)> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        let span = span_of(tokens, &m.tokens);
        let name = surface(text, tokens, m);
        let kind = match &m.kind {
            MentionKind::Person => ActorKind::Person,
            MentionKind::Title => {
                pending_titles.push(mi);
                continue;
            }
            MentionKind::Gazetteer(g) => match g {
                GazKind::Country => ActorKind::Country,
                GazKind::Adjective(country) => {
                    pending_adjectives.push((mi, country.clone()));
                    continue;
                }
                GazKind::Capital(_) | GazKind::City | GazKind::Region => ActorKind::Place,
                GazKind::Organization => ActorKind::Organization,
                GazKind::Group => ActorKind::Group,
                GazKind::Mined("PERS") => ActorKind::Person,
                GazKind::Mined("ORG") => ActorKind::Organization,
                GazKind::Mined(_) => ActorKind::Place,
            },
        };
        let (key, display) = match &m.kind {
            MentionKind::Gazetteer(GazKind::Organization) if m.key.starts_with("وزاره") => {
                (m.key.clone(), name.clone())
            }
            // a name no list spells (an organization's phrase): as written
            MentionKind::Gazetteer(_) if fold(&name) == m.key => (m.key.clone(), name.clone()),
            MentionKind::Gazetteer(_) => (fold(&m.key), m.key.clone()),
            _ => (m.key.clone(), name.clone()),
        };
        let a = add(&mut actors, kind, key, display, span);
        // a ministry's short form adds an alias under the long name
        if name != actors[a].name && !actors[a].aliases.contains(&name) {
            actors[a].aliases.push(name.clone());
        }
        if let Some(r) = &m.role
            && actors[a].role.is_none()
        {
            actors[a].role = Some(role_text(text, tokens, r));
        }
        of_mention[mi] = Some(a);
        written.push((a, name));
    }
    spelled_as_written(&mut actors, &written);

    // An appositive title right after a person ("نيد برايس، المتحدث باسم ...") is their role.
    // The first person ending at a token, the first name starting at one.
    let mut person_ending: HashMap<usize, usize> = HashMap::default();
    let mut name_starting: HashMap<usize, usize> = HashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        match m.kind {
            MentionKind::Person => {
                person_ending.entry(m.tokens.end).or_insert(i);
            }
            MentionKind::Gazetteer(_) => {
                name_starting.entry(m.tokens.start).or_insert(i);
            }
            MentionKind::Title => {}
        }
    }
    for &ti in &pending_titles {
        let t = &mentions[ti];
        // after a comma, or right after the name when the title is definite
        // ("سامي الحربي المدير التنفيذي للهيئة")
        let before = t
            .tokens
            .start
            .checked_sub(1)
            .filter(|&k| tokens[k].norm == "،" || tokens[k].norm == ",")
            .or_else(|| {
                tokens[t.tokens.start]
                    .norm
                    .starts_with("ال")
                    .then_some(t.tokens.start)
            });
        if let Some(comma) = before
            && let Some(&pi) = person_ending.get(&comma)
            && let Some(a) = of_mention[pi]
            && actors[a].role.is_none()
        {
            let mut end = t.tokens.end;
            // the complements after the title belong to the role too
            while let Some(&next) = name_starting.get(&end) {
                end = mentions[next].tokens.end;
            }
            actors[a].role = Some(text[span_of(tokens, &(t.tokens.start..end))].to_string());
            of_mention[ti] = Some(a);
        }
    }
    // "نظيرته الآيسلندية": a counterpart holds the role of the person met.
    counterpart_roles(&mut actors);
    // A title alone ("الرئيس الأميركي") names the person who holds it.
    for &ti in &pending_titles {
        if of_mention[ti].is_some() {
            continue;
        }
        let title = fold(&text[span_of(tokens, &mentions[ti].tokens)]);
        let title = title.trim_start_matches(['و', 'ف']);
        let holder = actors.iter().position(|a| {
            a.kind == ActorKind::Person
                && a.role.as_deref().is_some_and(|r| {
                    let r = fold(r);
                    let r = r.trim_start_matches(['و', 'ف']);
                    r == title || (r.starts_with(title) && title.contains(' '))
                })
        });
        if let Some(a) = holder {
            let alias = text[span_of(tokens, &mentions[ti].tokens)]
                .trim_start_matches(['و', 'ف'])
                .to_string();
            actors[a].mentions += 1;
            actors[a].spans.push(span_of(tokens, &mentions[ti].tokens));
            if !actors[a].aliases.contains(&alias) {
                actors[a].aliases.push(alias);
            }
            of_mention[ti] = Some(a);
        }
    }
    // Adjectives count for countries that the story names.
    for (mi, country) in pending_adjectives {
        let key = fold(&country);
        if let Some(a) = actors
            .iter()
            .position(|a| a.kind == ActorKind::Country && a.key == key)
        {
            actors[a].mentions += 1;
            actors[a].spans.push(span_of(tokens, &mentions[mi].tokens));
            of_mention[mi] = Some(a);
        }
    }
    merge_generic_heads(&mut actors, &mut of_mention);
    merge_shortened(&mut actors, &mut of_mention);
    Cast { actors, of_mention }
}

/// An actor's name is its spelling most frequent in the text (hamza,
/// case: أفريقيا where the list says إفريقيا, BBC where it says bbc), of
/// those that fold to it; the folded form stays its key.
fn spelled_as_written(actors: &mut [Actor], written: &[(usize, String)]) {
    let mut by_actor: Vec<Vec<&str>> = vec![Vec::new(); actors.len()];
    for (i, w) in written {
        by_actor[*i].push(w);
    }
    for (a, spellings) in actors.iter_mut().zip(by_actor) {
        let folded = fold(&a.name);
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for w in spellings.into_iter().filter(|w| fold(w) == folded) {
            match counts.iter_mut().find(|(s, _)| *s == w) {
                Some(c) => c.1 += 1,
                None => counts.push((w, 1)),
            }
        }
        // the most frequent, the first written among equals
        let best = counts
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .map(|(s, _)| s.to_string());
        if let Some(best) = best
            && best != a.name
        {
            let old = std::mem::replace(&mut a.name, best);
            a.aliases.retain(|x| *x != a.name);
            if fold(&old) != fold(&a.name) && !a.aliases.contains(&old) {
                a.aliases.push(old);
            }
        }
    }
}

/// "وزارة الصحة" after "وزارة الصحة الكويتية", "الجامعة الملكية المغربية"
/// after "... لكرة القدم": an organization's name that no list holds and
/// that starts another's is that one, shortened.
fn merge_shortened(actors: &mut Vec<Actor>, of_mention: &mut [Option<usize>]) {
    let lex = super::lexicon::lexicon();
    merge_into_others(actors, of_mention, |actors, a| {
        let prefix = format!("{} ", a.key);
        (matches!(a.kind, ActorKind::Organization | ActorKind::Group)
            && a.key.contains(' ')
            && !lex.gazetteer.contains_key(&a.key))
        .then(|| {
            actors
                .iter()
                .position(|b| b.kind == a.kind && b.key.starts_with(&prefix))
        })
        .flatten()
    });
}

/// "الحلف" after "حلف شمال الأطلسي", "المنظمة" after "منظمة الصحة
/// العالمية": a definite head noun alone names the organization it heads.
fn merge_generic_heads(actors: &mut Vec<Actor>, of_mention: &mut [Option<usize>]) {
    merge_into_others(actors, of_mention, |actors, a| {
        let generic = matches!(a.kind, ActorKind::Organization | ActorKind::Group)
            && !a.key.contains(' ')
            && a.key.starts_with("ال");
        generic
            .then(|| {
                let head = &a.key["ال".len()..];
                actors.iter().position(|b| {
                    b.kind == a.kind
                        && b.key.contains(' ')
                        && b.key
                            .split(' ')
                            .next()
                            .is_some_and(|w| w == head || w == a.key)
                })
            })
            .flatten()
    });
}

/// Merge each actor into the one `target` names for it (if any): its
/// mentions, spans and name go to that one, and the mentions that named it
/// follow.
fn merge_into_others(
    actors: &mut Vec<Actor>,
    of_mention: &mut [Option<usize>],
    target: impl Fn(&[Actor], &Actor) -> Option<usize>,
) {
    let mut i = 0;
    while i < actors.len() {
        match target(actors, &actors[i]) {
            Some(t) => {
                let a = actors.remove(i);
                let t = if t > i { t - 1 } else { t };
                let b = &mut actors[t];
                b.mentions += a.mentions;
                b.spans.extend(a.spans);
                if !b.aliases.contains(&a.name) {
                    b.aliases.push(a.name);
                }
                for m in of_mention.iter_mut() {
                    *m = match *m {
                        Some(x) if x == i => Some(t),
                        Some(x) if x > i => Some(x - 1),
                        other => other,
                    };
                }
            }
            None => i += 1,
        }
    }
}

fn counterpart_roles(actors: &mut [Actor]) {
    let mut last_role: Option<String> = None;
    for a in actors.iter_mut().filter(|a| a.kind == ActorKind::Person) {
        match a.role.clone() {
            Some(r) if fold(&r).starts_with("نظير") => {
                if let Some(other) = &last_role {
                    // the title in the counterpart's gender: نظيره (his, or
                    // hers: نظيرها) is a man, نظيرته a woman
                    let feminine = fold(&r).starts_with("نظيرته");
                    let mut role = other.clone();
                    let title = role.split(' ').next().unwrap_or("").to_string();
                    let rest = &role[title.len()..];
                    if feminine && !title.ends_with('ة') && !title.starts_with("ال") {
                        role = format!("{title}ة{rest}");
                    } else if !feminine && title.ends_with('ة') {
                        role = format!("{}{rest}", title.trim_end_matches('ة'));
                    }
                    // keep the title and its first complement ("وزير الخارجية")
                    let words: Vec<&str> = role.split(' ').collect();
                    a.role = Some(words[..words.len().min(2)].join(" "));
                }
            }
            Some(r) => last_role = Some(r),
            None => {}
        }
    }
}
