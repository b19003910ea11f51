//! Agreements: who agreed, supported, rejected, announced, affirmed,
//! discussed or disagreed, with whom, on what, in which sentence.
//!
//! Arabic news is verb-first: the parties are looked for after the verb
//! (اتفق X وY على ...), then before it (X وY يتفقان), as `كل من X وY`, or,
//! for a dual or plural verb with no subject written (أيدا، أعلنا) or a
//! collective subject (الجانبان، البلدان، وزيرا الخارجية), in the last pair
//! of actors. The content runs to the end of the clause.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::actors::{ActorKind, Cast};
use super::lexicon::{DAYS, Lexicon, Number, StatementKind};
use super::ner::{Mention, MentionKind};
use super::tokens::Token;
use super::words;

/// One statement of one or more actors.
#[derive(Clone, Debug)]
pub struct Agreement {
    pub kind: StatementKind,
    /// The verb as written.
    pub verb: String,
    /// Actor indices.
    pub parties: Vec<usize>,
    /// What was agreed (the clause after the parties).
    pub text: String,
    /// Byte range of the sentence in the article text.
    pub sentence: Range<usize>,
    /// Byte range of the verb.
    pub verb_span: Range<usize>,
}

struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    mentions: &'a [Mention],
    cast: &'a Cast,
    lex: &'static Lexicon,
    /// token index -> mention index, for mentions that name an actor
    starts: HashMap<usize, usize>,
    ends: HashMap<usize, usize>,
    /// first token of a person's title -> that person's mention
    roles: HashMap<usize, usize>,
}

impl Context<'_> {
    fn actor_at(&self, m: usize) -> Option<usize> {
        let a = self.cast.of_mention[m]?;
        (self.cast.actors[a].kind != ActorKind::Place
            || self.mentions[m].kind != MentionKind::Title)
            .then_some(a)
    }

    fn norm(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.norm.as_str())
    }

    fn stem_in(&self, i: usize, list: &[&str]) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.stems().iter().any(|(_, s)| list.contains(&s)))
    }

    /// "بلاده" (his country) at token `j`: the country of the person last
    /// named before it (from their title's nationality, when the story
    /// names that country), else that person.
    fn pronoun_party(&self, j: usize) -> Option<usize> {
        let n = self.norm(j);
        let n = n.strip_prefix('و').unwrap_or(n);
        if !words::country_pronouns().contains(&n) {
            return None;
        }
        let speaker = self
            .mentions
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, m)| m.tokens.end <= j && m.tokens.end + 40 > j)
            .find_map(|(mi, m)| {
                (m.kind == MentionKind::Person)
                    .then(|| self.actor_at(mi))
                    .flatten()
            })?;
        let role = self.cast.actors[speaker].role.as_deref().unwrap_or("");
        let country = role.split(' ').find_map(|w| {
            match &self
                .lex
                .gazetteer
                .get(&crate::text::normalize::fold(w))?
                .kind
            {
                super::lexicon::GazKind::Adjective(c) => Some(crate::text::normalize::fold(c)),
                _ => None,
            }
        });
        let named = country.and_then(|c| {
            self.cast
                .actors
                .iter()
                .position(|a| a.kind == ActorKind::Country && a.key == c)
        });
        Some(named.unwrap_or(speaker))
    }

    /// Actors named from token `j` on: mentions joined by و (or just side
    /// by side), titles leading to their person, "بلاده" for the speaker's
    /// country. Returns (actors, next token).
    fn actors_from(&self, mut j: usize, end: usize) -> (Vec<usize>, usize) {
        let mut found = Vec::new();
        while j < end {
            if self.norm(j) == "و" {
                j += 1;
                continue;
            }
            if let Some(a) = self.pronoun_party(j) {
                if !found.contains(&a) {
                    found.push(a);
                }
                j += 1;
                continue;
            }
            let m = self.starts.get(&j).or_else(|| self.roles.get(&j)).copied();
            match m.and_then(|m| self.actor_at(m).map(|a| (m, a))) {
                Some((m, a)) => {
                    if !found.contains(&a) {
                        found.push(a);
                    }
                    j = self.mentions[m].tokens.end;
                }
                None => break,
            }
        }
        (found, j)
    }

    /// Actors named just before token `k` (X وY يتفقان), skipping a
    /// parenthesis ("أوباما (يمين) وكاميرون").
    fn actors_before(&self, k: usize, start: usize) -> Vec<usize> {
        let mut found = Vec::new();
        let mut j = k;
        while j > start {
            let prev = j - 1;
            if self.norm(prev) == "و" {
                j = prev;
                continue;
            }
            if self.norm(prev) == ")" {
                match (start..prev).rev().find(|&p| self.norm(p) == "(") {
                    Some(open) => {
                        j = open;
                        continue;
                    }
                    None => break,
                }
            }
            if let Some(a) = self.pronoun_party(prev) {
                if !found.contains(&a) {
                    found.insert(0, a);
                }
                j = prev;
                continue;
            }
            match self
                .ends
                .get(&j)
                .and_then(|&m| self.actor_at(m).map(|a| (m, a)))
            {
                Some((m, a)) => {
                    if !found.contains(&a) {
                        found.insert(0, a);
                    }
                    j = self.mentions[m].tokens.start;
                    // a title before a person belongs to it
                    if let Some(r) = &self.mentions[m].role {
                        j = j.min(r.start);
                    }
                }
                None => break,
            }
        }
        found
    }

    /// Is the singular form at `k` a verb here, not its verbal noun? A
    /// verb opens its clause (after و, ف, a particle or a comma), or has
    /// its subject right after it (كل من, a person, a title).
    fn verb_position(&self, k: usize, sentence_start: usize) -> bool {
        let t = &self.tokens[k];
        if k == sentence_start
            || t.norm.starts_with(['و', 'ف'])
            || words::openers().contains(&self.norm(k - 1))
        {
            return true;
        }
        if self.norm(k + 1) == "كل" && self.norm(k + 2) == "من" {
            return true;
        }
        if self.ends.contains_key(&k) || self.pronoun_party(k - 1).is_some() {
            return true; // a subject just before: "أوباما أكد", "بلاده ترفض"
        }
        let next = self
            .starts
            .get(&(k + 1))
            .or_else(|| self.roles.get(&(k + 1)))
            .copied();
        next.is_some_and(|m| {
            matches!(
                self.mentions[m].kind,
                MentionKind::Person | MentionKind::Title
            ) || self.roles.contains_key(&(k + 1))
        })
    }

    /// Where what was agreed begins. Verbs with a preposition take their
    /// content after it (اتفق على, تطرق إلى, أعلن عن), or inside a word
    /// carrying it (للعلاقات -> العلاقات); "أكد دعمهما لـX" states support
    /// of X. An attribution between commas (، بحسب البيان،) is skipped.
    /// Returns the token, how many letters of it to leave out, and the kind
    /// of statement when a verbal noun changes it.
    fn content_start(
        &self,
        from: usize,
        end: usize,
        verb: &str,
    ) -> (usize, usize, Option<StatementKind>) {
        const STATED: &[(&str, StatementKind)] = &[
            ("دعم", StatementKind::Support),
            ("تاييد", StatementKind::Support),
            ("ترحيب", StatementKind::Support),
            ("رفض", StatementKind::Rejection),
            ("ادانه", StatementKind::Rejection),
            ("معارضه", StatementKind::Rejection),
        ];
        let mut j = from;
        // skip ", بحسب البيان،"
        loop {
            let comma = matches!(self.norm(j), "،" | ",");
            let at = if comma { j + 1 } else { j };
            if words::attribution().contains(&self.norm(at)) {
                match (at + 1..end).find(|&t| matches!(self.norm(t), "،" | ",")) {
                    Some(c) => j = c + 1,
                    None => break,
                }
            } else if comma {
                j += 1;
            } else {
                break;
            }
        }
        let preposition = match verb {
            "اتفق" | "وافق" | "توافق" | "متفقان" | "متفقون" | "متفقين" | "متفقتان" => {
                Some("علي")
            }
            "تطرق" => Some("الي"),
            "اعلن" | "كشف" => Some("عن"),
            _ => None,
        };
        if let Some(p) = preposition
            && let Some(m) = (j..end.min(j + 4)).find(|&t| self.norm(t) == p)
            && m + 1 < end
        {
            return (m + 1, 0, None);
        }
        let n = self.norm(j);
        if n.starts_with("لل") && n.chars().count() > 4 {
            return (j, 1, None);
        }
        // a verbal noun with a pronoun, then its object: دعمهما للعلاقات
        if let Some((_, kind)) = STATED.iter().find(|(noun, _)| {
            n.strip_prefix(noun)
                .is_some_and(|r| ["ه", "ها", "هما", "هم"].contains(&r))
        }) && let next = self.norm(j + 1)
            && j + 1 < end
        {
            if next.starts_with("لل") && next.chars().count() > 4 {
                return (j + 1, 1, Some(*kind));
            }
            if next.starts_with(['ل', 'ب']) && next.chars().count() > 3 {
                return (j + 1, 1, Some(*kind));
            }
        }
        (j, 0, None)
    }

    /// Is one of `nouns` (folded phrases) among the eight words after
    /// token `k` (before `end`)? For a verb that states nothing alone.
    fn noun_follows(&self, k: usize, end: usize, nouns: &[String]) -> bool {
        let words: Vec<&str> = (k + 1..end.min(k + 9)).map(|t| self.norm(t)).collect();
        nouns.iter().any(|n| {
            let n: Vec<&str> = n.split(' ').collect();
            words.windows(n.len()).any(|w| w == n.as_slice())
        })
    }

    fn content_text(&self, r: Range<usize>, strip: usize) -> String {
        let s = self.text_of(r.clone());
        if strip == 0 || r.is_empty() {
            return s;
        }
        // للعلاقات -> العلاقات: the preposition goes, the article stays;
        // بإجراء -> إجراء
        match s.strip_prefix("لل") {
            Some(rest) => format!("ال{rest}"),
            None => s.chars().skip(1).collect(),
        }
    }

    fn text_of(&self, r: Range<usize>) -> String {
        if r.is_empty() {
            return String::new();
        }
        let s = &self.text[self.tokens[r.start].span.start..self.tokens[r.end - 1].span.end];
        s.trim_matches(|c: char| c.is_whitespace() || "،,.:؛\"«»".contains(c))
            .to_string()
    }
}

/// The statements in the sentences of a text.
pub fn agreements(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    cast: &Cast,
    sentences: &[Range<usize>],
    lex: &'static Lexicon,
) -> Vec<Agreement> {
    let mut starts = HashMap::default();
    let mut ends = HashMap::default();
    let mut roles = HashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if cast.of_mention[i].is_some()
            && !matches!(
                m.kind,
                MentionKind::Gazetteer(super::lexicon::GazKind::Adjective(_))
            )
        {
            starts.insert(m.tokens.start, i);
            ends.insert(m.tokens.end, i);
            if let Some(r) = &m.role
                && m.kind == MentionKind::Person
            {
                roles.insert(r.start, i);
            }
        }
    }
    let cx = Context {
        text,
        tokens,
        mentions,
        cast,
        lex,
        starts,
        ends,
        roles,
    };
    let mut out = Vec::new();
    let mut last_pair: Option<Vec<usize>> = None;
    for s in sentences {
        let sentence_bytes = tokens[s.start].span.start..tokens[s.end - 1].span.end;
        // verbs of the lexicon in this sentence (a singular form only where
        // it is a verb, not its verbal noun)
        let verbs: Vec<(usize, StatementKind, Number, String)> = (s.start..s.end)
            .filter_map(|k| {
                let stems = tokens[k].stems();
                cx.lex
                    .verb(stems)
                    .filter(|v| v.nouns.is_empty() || cx.noun_follows(k, s.end, &v.nouns))
                    .map(|v| (k, v.kind, v.number, v.lemma.clone()))
            })
            .filter(|(k, _, number, _)| {
                *number != Number::Singular || cx.verb_position(*k, s.start)
            })
            .collect();
        for (vi, (k, kind, number, stem)) in verbs.iter().enumerate() {
            let (k, mut kind, number) = (*k, *kind, *number);
            let clause_end = verbs.get(vi + 1).map_or(s.end, |v| v.0);
            let mut j = k + 1;
            while j < clause_end
                && (words::skip().contains(&cx.norm(j)) || DAYS.contains(&cx.norm(j)))
            {
                j += 1;
            }
            if cx.norm(j) == "كل" && cx.norm(j + 1) == "من" {
                j += 2;
            }
            let (mut parties, mut after) = cx.actors_from(j, clause_end);
            if parties.is_empty() && cx.stem_in(j, words::collectives()) {
                parties = last_pair.clone().unwrap_or_default();
                after = j + 1;
                // وزيرا الخارجية
                if cx
                    .tokens
                    .get(after)
                    .is_some_and(|t| t.norm.starts_with("ال"))
                    && !cx.starts.contains_key(&after)
                {
                    after += 1;
                }
            }
            if parties.is_empty() {
                let before_start = if vi > 0 { verbs[vi - 1].0 + 1 } else { s.start };
                parties = cx.actors_before(k, before_start);
                if parties.is_empty() && k > s.start && cx.stem_in(k - 1, words::collectives()) {
                    parties = last_pair.clone().unwrap_or_default();
                }
            }
            // "وُقّعت مذكرة تفاهم بين X وY": the two sides named after بين
            if parties.is_empty()
                && let Some(b) = (k + 1..clause_end).find(|&t| cx.norm(t) == "بين")
            {
                let (between, _) = cx.actors_from(b + 1, clause_end);
                if between.len() >= 2 {
                    parties = between;
                }
            }
            if parties.is_empty() && matches!(number, Number::Dual | Number::Plural) {
                parties = last_pair.clone().unwrap_or_default();
            }
            if parties.is_empty() {
                continue;
            }
            // "مع X": the other side of a talk, a call, an agreement
            for m in (after..clause_end).filter(|&t| cx.norm(t) == "مع") {
                let (with, _) = cx.actors_from(m + 1, clause_end);
                for a in with {
                    if !parties.contains(&a) {
                        parties.push(a);
                    }
                }
            }
            let (content_start, strip, stated) =
                cx.content_start(after.min(clause_end), clause_end, stem);
            if let Some(k2) = stated {
                kind = k2;
            }
            let mut content_end = clause_end;
            for t in content_start..clause_end {
                if cx.norm(t) == "،" && cx.norm(t + 1) == "كما" {
                    content_end = t;
                    break;
                }
            }
            if parties.len() >= 2 {
                last_pair = Some(parties.clone());
            }
            out.push(Agreement {
                kind,
                verb: cx.text_of(k..k + 1),
                parties,
                text: cx.content_text(content_start..content_end.max(content_start), strip),
                sentence: sentence_bytes.clone(),
                verb_span: tokens[k].span.clone(),
            });
        }
        // a stated disagreement: "ثمة اختلافات رئيسية بين الحلفاء وروسيا"
        if verbs.iter().all(|v| v.1 != StatementKind::Disagreement)
            && let Some(n) = (s.start..s.end).find(|&t| cx.stem_in(t, words::disagreement_nouns()))
        {
            let mut parties: Vec<usize> = Vec::new();
            // the speaker: the first person of the sentence
            if let Some(a) = (s.start..n).find_map(|t| {
                cx.starts
                    .get(&t)
                    .and_then(|&m| cx.actor_at(m))
                    .filter(|&a| cx.cast.actors[a].kind == ActorKind::Person)
            }) {
                parties.push(a);
            }
            for t in s.start..s.end {
                if cx.norm(t) == "مع" || (t > n && cx.norm(t) == "بين") {
                    for a in cx.actors_from(t + 1, s.end).0 {
                        if !parties.contains(&a) {
                            parties.push(a);
                        }
                    }
                }
            }
            if parties.len() >= 2 {
                last_pair = Some(parties.clone());
                out.push(Agreement {
                    kind: StatementKind::Disagreement,
                    verb: cx.text_of(n..n + 1),
                    parties,
                    text: cx.text_of(n..s.end),
                    sentence: sentence_bytes.clone(),
                    verb_span: tokens[n].span.clone(),
                });
            }
        }
        // "بين X وY": the two sides of what the sentence is about
        for t in s.start..s.end {
            if cx.norm(t) == "بين" {
                let (between, _) = cx.actors_from(t + 1, s.end);
                if between.len() == 2 {
                    last_pair = Some(between);
                }
            }
        }
        // the last two actors named, for a later dual subject left unwritten
        // mentions are in text order: those of this sentence are a slice
        let first = mentions.partition_point(|m| m.tokens.start < s.start);
        let last = mentions.partition_point(|m| m.tokens.start < s.end);
        let named: Vec<usize> = (first..last)
            .filter(|&i| mentions[i].tokens.end <= s.end)
            .filter_map(|i| cx.actor_at(i))
            .filter(|&a| {
                matches!(
                    cx.cast.actors[a].kind,
                    ActorKind::Person
                        | ActorKind::Country
                        | ActorKind::Organization
                        | ActorKind::Group
                )
            })
            .collect();
        if last_pair.is_none() && named.len() >= 2 {
            let mut pair: Vec<usize> = Vec::new();
            for a in named.into_iter().rev() {
                if !pair.contains(&a) {
                    pair.insert(0, a);
                }
                if pair.len() == 2 {
                    break;
                }
            }
            if pair.len() == 2 {
                last_pair = Some(pair);
            }
        }
    }
    out
}
