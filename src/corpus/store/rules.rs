//! Rules (`search::rules`: query feeds, ignore rules) evaluated over the
//! whole store. A condition on the text is answered by the search (the
//! trigram index and the coded text, the same folding as `khabar
//! search`), one on the actors by the folded names of the facts, and the
//! others from each article's row; every rule is then decided in one pass
//! over the rows, newest first. Its cost is the store's size, so the
//! browser runs it in the background.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::params;

use super::find::SearchOptions;
use super::{Result, Store};
use crate::search::rules::{Cond, Field, Rule};

/// What a rule holds for in the store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleMatches {
    /// The articles, newest first.
    pub ids: Vec<i64>,
    /// How many of them are unread.
    pub unread: usize,
}

/// What the rules make of the whole store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// Each rule's articles (none that an ignore rule hides).
    pub matches: Vec<RuleMatches>,
    /// The articles the ignore rules hide.
    pub hidden: HashSet<i64>,
    /// Every article not hidden, newest first (when some are hidden).
    pub visible: Option<Vec<i64>>,
    /// How many articles not hidden are unread.
    pub unread: usize,
    /// Per feed (its URL, or a file's path): articles not hidden, and
    /// how many of them are unread.
    pub per_feed: HashMap<String, (usize, usize)>,
}

/// The ids a condition holds for, found before the pass over the rows
/// (text, actors), by the condition's address.
type Found = HashMap<*const Cond, HashSet<i64>>;

impl Store {
    /// The articles each of `rules` holds for, at `now`, leaving out those
    /// any of `hidden` holds for (the ignore rules). `stop` gives up
    /// (with what was found so far).
    pub fn evaluate(
        &self,
        rules: &[&Rule],
        hidden: &[&Rule],
        now: i64,
        stop: &AtomicBool,
    ) -> Result<(Vec<RuleMatches>, HashSet<i64>)> {
        let e = self.evaluation(rules, hidden, now, stop)?;
        Ok((e.matches, e.hidden))
    }

    /// [`Store::evaluate`], with what the rest of the store comes to.
    pub fn evaluation(
        &self,
        rules: &[&Rule],
        hidden: &[&Rule],
        now: i64,
        stop: &AtomicBool,
    ) -> Result<Evaluation> {
        let all: Vec<&Rule> = rules.iter().chain(hidden).copied().collect();
        let mut found: Found = HashMap::new();
        for rule in &all {
            for c in rule.conditions() {
                let Cond::Text { field, query, .. } = c else {
                    continue;
                };
                let ids = match field {
                    Field::Text => self.ids_holding(query, stop)?,
                    Field::Actor => self.ids_naming(c)?,
                    Field::Author | Field::Category => self.ids_by_extra(c, *field)?,
                    _ => continue,
                };
                found.insert(c as *const Cond, ids);
            }
        }
        let mut out = vec![RuleMatches::default(); rules.len()];
        let mut gone = HashSet::new();
        let mut visible = Vec::new();
        let mut unread = 0;
        let mut per_feed: HashMap<String, (usize, usize)> = HashMap::new();
        let sql = "SELECT a.id, a.title, a.source, a.origin, f.title, a.date, a.read
             FROM articles a LEFT JOIN feeds f ON f.url = a.origin
             ORDER BY a.date DESC, a.id DESC";
        let mut st = self.conn().prepare(sql).map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        let mut seen = 0usize;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            seen += 1;
            if seen.is_multiple_of(4096) && stop.load(Ordering::Relaxed) {
                break;
            }
            let get = |i| -> rusqlite::Result<Option<String>> { r.get(i) };
            let row = (|| -> rusqlite::Result<_> {
                Ok((
                    r.get::<_, i64>(0)?,
                    get(1)?.unwrap_or_default(),
                    get(2)?,
                    get(3)?.unwrap_or_default(),
                    get(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, bool>(6)?,
                ))
            })()
            .map_err(|e| self.err(e))?;
            let (id, title, source, origin, feed_title, date, read) = row;
            let mut decide = |c: &Cond| -> bool {
                match c {
                    Cond::Read(want) => read == *want,
                    Cond::Date { .. } => c.test_date(date, now),
                    Cond::Text { field, .. } => match field {
                        Field::Text | Field::Actor | Field::Author | Field::Category => found
                            .get(&(c as *const Cond))
                            .is_some_and(|ids| ids.contains(&id)),
                        Field::Title => c.test_str(&title),
                        Field::Source => source.as_deref().is_some_and(|s| c.test_str(s)),
                        Field::Feed => {
                            c.test_str(&origin)
                                || feed_title.as_deref().is_some_and(|t| c.test_str(t))
                        }
                    },
                }
            };
            if hidden.iter().any(|h| h.eval(&mut decide)) {
                gone.insert(id);
                continue;
            }
            for (k, rule) in rules.iter().enumerate() {
                if rule.eval(&mut decide) {
                    out[k].ids.push(id);
                    out[k].unread += !read as usize;
                }
            }
            visible.push(id);
            unread += !read as usize;
            let f = per_feed.entry(origin).or_default();
            f.0 += 1;
            f.1 += !read as usize;
        }
        Ok(Evaluation {
            matches: out,
            visible: (!gone.is_empty()).then_some(visible),
            hidden: gone,
            unread,
            per_feed,
        })
    }

    /// The articles whose text holds `q` (the search's meaning: through
    /// the index, or every text for a query too short for it).
    fn ids_holding(&self, q: &crate::search::Query, stop: &AtomicBool) -> Result<HashSet<i64>> {
        let ids = Mutex::new(HashSet::new());
        let keep = |hits: Vec<super::find::Hit>| {
            ids.lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(hits.into_iter().map(|h| h.id));
            true
        };
        let opts = SearchOptions {
            threads: crate::parallel::cores().min(4),
            names: false,
            first_page: 0,
        };
        self.search_every_text(q, &opts, stop, &keep)?;
        Ok(ids.into_inner().unwrap_or_else(|e| e.into_inner()))
    }

    /// The articles whose author (`field` [`Field::Author`]) or one of
    /// whose categories passes `c`: what their feed said of them, kept in
    /// `bodies.extra`.
    fn ids_by_extra(&self, c: &Cond, field: Field) -> Result<HashSet<i64>> {
        let mut st = self
            .conn()
            .prepare("SELECT id, extra FROM bodies WHERE extra IS NOT NULL")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.err(e))?;
        let mut ids = HashSet::new();
        for row in rows {
            let (id, json) = row.map_err(|e| self.err(e))?;
            let Ok(extra) = serde_json::from_str::<crate::corpus::article::Extra>(&json) else {
                continue;
            };
            let holds = match field {
                Field::Author => extra.author.as_deref().is_some_and(|a| c.test_str(a)),
                _ => extra.categories.iter().any(|x| c.test_str(x)),
            };
            if holds {
                ids.insert(id);
            }
        }
        Ok(ids)
    }

    /// The articles whose facts name an actor that passes `c` (by any of
    /// its names, folded).
    fn ids_naming(&self, c: &Cond) -> Result<HashSet<i64>> {
        let names: Vec<i64> = {
            let mut st = self
                .conn()
                .prepare("SELECT id, folded FROM names")
                .map_err(|e| self.err(e))?;
            let rows = st
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                .map_err(|e| self.err(e))?;
            let mut out = Vec::new();
            for row in rows {
                let (id, folded) = row.map_err(|e| self.err(e))?;
                if c.test_str(&folded) {
                    out.push(id);
                }
            }
            out
        };
        let mut ids = HashSet::new();
        let mut st = self
            .conn()
            .prepare(
                "SELECT article FROM name_articles WHERE name = ?1
                 UNION ALL SELECT article FROM name_articles_staged WHERE name = ?1",
            )
            .map_err(|e| self.err(e))?;
        for n in names {
            let rows = st
                .query_map(params![n], |r| r.get::<_, i64>(0))
                .map_err(|e| self.err(e))?;
            for id in rows {
                ids.insert(id.map_err(|e| self.err(e))?);
            }
        }
        Ok(ids)
    }
}
