//! The actors of the whole corpus: `actor_totals` keeps, for every actor
//! (its folded name and kind), how many stories name it and how often,
//! updated as articles come and go, so that listing every actor reads one
//! row each; and an actor's statements across the stories that name it.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::kinds;
use super::read::split_list;
use super::{Result, Store};
use crate::facts::Facts;
use crate::facts::actors::ActorKind;
use crate::facts::lexicon::StatementKind;
use crate::text::normalize::fold;

/// An actor of the corpus.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ActorTotal {
    /// As first written in a story.
    pub name: String,
    pub kind: ActorKind,
    /// How many stories name it.
    pub stories: usize,
    /// How often they name it.
    pub mentions: usize,
}

/// A statement of an actor's, in one story.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ActorStatement {
    pub article: i64,
    /// The story's date (seconds since the epoch).
    pub date: i64,
    pub source: Option<String>,
    pub title: String,
    pub kind: StatementKind,
    pub verb: String,
    /// The other parties.
    pub with: Vec<String>,
    /// On what.
    pub topic: String,
    /// The sentence, in the story's text (bytes).
    pub start: usize,
    pub end: usize,
}

/// The most stories an actor's statements are read from (the newest).
pub const STATEMENT_STORIES: usize = 400;

/// An actor's key in the totals (its folded name and kind), with a name
/// it is written by and its mentions.
type Keyed<'a> = ((String, i64), (&'a str, usize));

/// The actors of a story by key, their mentions added.
fn keys_of<'a>(actors: impl Iterator<Item = (&'a str, i64, usize)>) -> Vec<Keyed<'a>> {
    let mut out: Vec<Keyed<'a>> = Vec::new();
    for (name, kind, mentions) in actors {
        let key = (fold(name), kind);
        if key.0.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, (_, m))) => *m += mentions,
            None => out.push((key, (name, mentions))),
        }
    }
    out
}

/// Count the actors of a new story's `facts` in the totals.
pub(super) fn count_in(conn: &Connection, facts: &Facts) -> rusqlite::Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT INTO actor_totals (folded, kind, name, stories, mentions)
         VALUES (?1, ?2, ?3, 1, ?4)
         ON CONFLICT (folded, kind) DO UPDATE
         SET stories = stories + 1, mentions = mentions + excluded.mentions",
    )?;
    let actors = facts
        .actors
        .iter()
        .map(|a| (a.name.as_str(), kinds::actor_code(a.kind), a.mentions));
    for ((folded, kind), (name, mentions)) in keys_of(actors) {
        st.execute(params![folded, kind, name, mentions as i64])?;
    }
    Ok(())
}

/// Take the actors of story `article` (as stored) out of the totals,
/// before its facts are deleted.
pub(super) fn count_out(conn: &Connection, article: i64) -> rusqlite::Result<()> {
    let rows: Vec<(String, i64, i64)> = conn
        .prepare_cached("SELECT name, kind, mentions FROM actors WHERE article = ?1")?
        .query_map([article], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lower = conn.prepare_cached(
        "UPDATE actor_totals SET stories = stories - 1, mentions = mentions - ?3
         WHERE folded = ?1 AND kind = ?2",
    )?;
    let mut drop = conn.prepare_cached(
        "DELETE FROM actor_totals WHERE folded = ?1 AND kind = ?2 AND stories <= 0",
    )?;
    let actors = rows
        .iter()
        .map(|(n, k, m)| (n.as_str(), *k, (*m).max(0) as usize));
    for ((folded, kind), (_, mentions)) in keys_of(actors) {
        lower.execute(params![folded, kind, mentions as i64])?;
        drop.execute(params![folded, kind])?;
    }
    Ok(())
}

/// Fill the totals from the actors stored (the upgrade from version 2),
/// a story at a time, in memory bounded by the number of actors.
pub(super) fn fill(conn: &Connection) -> rusqlite::Result<()> {
    let mut totals: HashMap<(String, i64), (String, i64, i64)> = HashMap::new();
    let mut st = conn.prepare("SELECT name, kind, mentions FROM actors ORDER BY article")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(0)?;
        let kind: i64 = r.get(1)?;
        let mentions: i64 = r.get(2)?;
        let key = (fold(&name), kind);
        if key.0.is_empty() {
            continue;
        }
        let e = totals.entry(key).or_insert_with(|| (name, 0, 0));
        // one actor row per story and key (a story's actors are merged)
        e.1 += 1;
        e.2 += mentions;
    }
    let mut insert = conn.prepare(
        "INSERT OR REPLACE INTO actor_totals (folded, kind, name, stories, mentions)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for ((folded, kind), (name, stories, mentions)) in totals {
        insert.execute(params![folded, kind, name, stories, mentions])?;
    }
    Ok(())
}

impl Store {
    /// The actors of the corpus, most stories first (at most `limit`),
    /// those whose folded name holds `query` folded when one is given;
    /// and how many actors there are in all.
    pub fn actors(&self, query: &str, limit: usize) -> Result<(Vec<ActorTotal>, usize)> {
        let q = fold(query);
        let q = q.trim();
        let run = || -> rusqlite::Result<(Vec<ActorTotal>, usize)> {
            let conn = self.conn();
            let all: i64 = conn
                .prepare_cached("SELECT count(*) FROM actor_totals")?
                .query_row([], |r| r.get(0))?;
            let mut st = conn.prepare_cached(
                "SELECT name, kind, stories, mentions FROM actor_totals
                 WHERE ?1 = '' OR instr(folded, ?1) > 0
                 ORDER BY stories DESC, mentions DESC, folded LIMIT ?2",
            )?;
            let found = st
                .query_map(params![q, limit as i64], |r| {
                    Ok(ActorTotal {
                        name: r.get(0)?,
                        kind: kinds::actor_in(r, 1)?,
                        stories: r.get::<_, i64>(2)?.max(0) as usize,
                        mentions: r.get::<_, i64>(3)?.max(0) as usize,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((found, all as usize))
        };
        run().map_err(|e| self.err(e))
    }

    /// The statements of the actor named `name` (of `kind`), newest story
    /// first, from the newest [`STATEMENT_STORIES`] stories that name it:
    /// those where it is a party (by any name it has in that story).
    pub fn statements_of(&self, name: &str, kind: ActorKind) -> Result<Vec<ActorStatement>> {
        let folded = fold(name);
        let ids = self.mentioning_newest(&[name.to_string()], STATEMENT_STORIES as i64)?;
        let run = || -> rusqlite::Result<Vec<ActorStatement>> {
            let conn = self.conn();
            let mut names_in = conn.prepare_cached(
                "SELECT name, aliases FROM actors WHERE article = ?1 AND kind = ?2",
            )?;
            let mut article = conn
                .prepare_cached("SELECT date, source, origin, title FROM articles WHERE id = ?1")?;
            let mut statements = conn.prepare_cached(
                "SELECT kind, verb, parties, topic, start, end FROM statements
                 WHERE article = ?1 ORDER BY ord",
            )?;
            let mut out = Vec::new();
            for &id in &ids {
                // the names this actor has in this story
                let mut names: Vec<String> = Vec::new();
                let found: Vec<(String, String)> = names_in
                    .query_map(params![id, kinds::actor_code(kind)], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (n, aliases) in found {
                    let all: Vec<String> = std::iter::once(n)
                        .chain(split_list(&aliases))
                        .map(|s| fold(&s))
                        .collect();
                    if all.contains(&folded) {
                        names.extend(all);
                    }
                }
                if names.is_empty() {
                    continue;
                }
                let (date, source, origin, title): (i64, Option<String>, String, String) = article
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
                let rows: Vec<(i64, String, String, String, i64, i64)> = statements
                    .query_map([id], |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                        ))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (k, verb, parties, topic, start, end) in rows {
                    let parties = split_list(&parties);
                    let (own, with): (Vec<String>, Vec<String>) =
                        parties.into_iter().partition(|p| names.contains(&fold(p)));
                    if own.is_empty() {
                        continue;
                    }
                    out.push(ActorStatement {
                        article: id,
                        date,
                        source: source.clone().or_else(|| Some(origin.clone())),
                        title: title.clone(),
                        kind: kinds::statement_kind(k).map_err(|e| e.in_column(0))?,
                        verb,
                        with,
                        topic,
                        start: start.max(0) as usize,
                        end: end.max(0) as usize,
                    });
                }
            }
            Ok(out)
        };
        run().map_err(|e| self.err(e))
    }
}
