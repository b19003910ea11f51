//! Reading the store a page at a time: rows of the list newest first by
//! keyset (date, id) in either direction, an article's text when it is
//! opened, its facts, and the articles that name an actor.

use rusqlite::{Row, params};

use super::write::{LIST_SEP, ids_from_bytes, kinds_from_bytes, ranges_from_bytes};
use super::{Result, Store};
use crate::corpus::Article;
use crate::corpus::article::paragraph_kind;
use crate::facts::actors::{Actor, ActorKind};
use crate::facts::lexicon::StatementKind;
use crate::facts::{Facts, Statement};
use crate::text::normalize::fold;

/// What the list shows of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListRow {
    pub id: i64,
    pub title: String,
    /// A file's path, or `feed#n`.
    pub path: String,
    pub link: Option<String>,
    pub source: Option<String>,
    /// Seconds since the epoch (published, else when it was found).
    pub date: i64,
    /// The date as the source wrote it.
    pub date_text: Option<String>,
    pub read: bool,
}

impl ListRow {
    /// Its place in the newest-first order.
    pub fn key(&self) -> (i64, i64) {
        (self.date, self.id)
    }

    /// A feed's item that said no date: it is listed by its feed's order
    /// (see `write::prepare_batch`) and shows none.
    pub fn undated(&self) -> bool {
        self.date_text.is_none() && self.path.contains('#')
    }

    /// What names it for a person or a script: the file's path, else the link.
    pub fn name(&self) -> &str {
        if self.path.contains('#') || self.path.is_empty() {
            self.link.as_deref().unwrap_or(&self.path)
        } else {
            &self.path
        }
    }
}

const ROW: &str = "id, title, path, link, source, date, date_text, read";

fn list_row(r: &Row) -> rusqlite::Result<ListRow> {
    Ok(ListRow {
        id: r.get(0)?,
        title: r.get(1)?,
        path: r.get(2)?,
        link: r.get(3)?,
        source: r.get(4)?,
        date: r.get(5)?,
        date_text: r.get(6)?,
        read: r.get(7)?,
    })
}

/// How a list is ordered (`S` in the browser cycles them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortOrder {
    /// Newest first.
    #[default]
    Date,
    /// Oldest first.
    Oldest,
    /// By source (feed or site), newest first within each.
    Source,
    /// Unread ones first, newest first within each.
    Unread,
}

impl SortOrder {
    /// The order after this one.
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Date => SortOrder::Oldest,
            SortOrder::Oldest => SortOrder::Source,
            SortOrder::Source => SortOrder::Unread,
            SortOrder::Unread => SortOrder::Date,
        }
    }

    /// Its name, as a feed's order is kept.
    pub fn name(self) -> &'static str {
        match self {
            SortOrder::Date => "newest",
            SortOrder::Oldest => "oldest",
            SortOrder::Source => "source",
            SortOrder::Unread => "unread",
        }
    }

    /// The order named `name` ([`SortOrder::name`]).
    pub fn from_name(name: &str) -> Option<SortOrder> {
        [
            SortOrder::Date,
            SortOrder::Oldest,
            SortOrder::Source,
            SortOrder::Unread,
        ]
        .into_iter()
        .find(|o| o.name() == name)
    }
}

/// Which way a page goes from a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Towards {
    /// Older articles (down the list).
    Older,
    /// Newer articles (up the list).
    Newer,
}

impl Store {
    /// Up to `limit` rows of the whole store next to `from` (excluded),
    /// towards older or newer ones; from the top (newest) or the bottom
    /// (oldest) when `from` is `None`. Rows come newest first either way.
    pub fn page(
        &self,
        from: Option<(i64, i64)>,
        towards: Towards,
        limit: usize,
    ) -> Result<Vec<ListRow>> {
        let sql = match (from.is_some(), towards) {
            (false, Towards::Older) => {
                format!("SELECT {ROW} FROM articles ORDER BY date DESC, id DESC LIMIT ?3")
            }
            (false, Towards::Newer) => {
                format!("SELECT {ROW} FROM articles ORDER BY date ASC, id ASC LIMIT ?3")
            }
            (true, Towards::Older) => format!(
                "SELECT {ROW} FROM articles WHERE (date, id) < (?1, ?2) ORDER BY date DESC, id DESC LIMIT ?3"
            ),
            (true, Towards::Newer) => format!(
                "SELECT {ROW} FROM articles WHERE (date, id) > (?1, ?2) ORDER BY date ASC, id ASC LIMIT ?3"
            ),
        };
        let (d, i) = from.unwrap_or((0, 0));
        let mut st = self.conn().prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut rows = st
            .query_map(params![d, i, limit as i64], list_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        if towards == Towards::Newer {
            rows.reverse();
        }
        Ok(rows)
    }

    /// `limit` rows from position `pos` of the newest-first list (a jump:
    /// SQLite skips the rows before it one by one).
    pub fn page_at(&self, pos: usize, limit: usize) -> Result<Vec<ListRow>> {
        let mut st = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {ROW} FROM articles ORDER BY date DESC, id DESC LIMIT ?1 OFFSET ?2"
            ))
            .map_err(|e| self.err(e))?;
        st.query_map(params![limit as i64, pos as i64], list_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))
    }

    /// The first unread article older than the row `key` (from the top when
    /// `None`), newest first.
    pub fn next_unread(&self, key: Option<(i64, i64)>) -> Result<Option<ListRow>> {
        let (d, i) = key.unwrap_or((i64::MAX, i64::MAX));
        let found = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {ROW} FROM articles WHERE read = 0 AND (date, id) < (?1, ?2)
                 ORDER BY date DESC, id DESC LIMIT 1"
            ))
            .and_then(|mut st| st.query_row(params![d, i], list_row));
        match found {
            Ok(r) => Ok(Some(r)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(self.err(e)),
        }
    }

    /// The first unread article newer than the row `key` (from the
    /// bottom, the oldest, when `None`), going up the newest-first list.
    pub fn previous_unread(&self, key: Option<(i64, i64)>) -> Result<Option<ListRow>> {
        let (d, i) = key.unwrap_or((i64::MIN, i64::MIN));
        let found = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {ROW} FROM articles WHERE read = 0 AND (date, id) > (?1, ?2)
                 ORDER BY date ASC, id ASC LIMIT 1"
            ))
            .and_then(|mut st| st.query_row(params![d, i], list_row));
        match found {
            Ok(r) => Ok(Some(r)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(self.err(e)),
        }
    }

    /// The feed (or file, or page) article `id` came from.
    pub fn origin(&self, id: i64) -> Result<Option<String>> {
        let found = self
            .conn()
            .prepare_cached("SELECT origin FROM articles WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)));
        match found {
            Ok(o) => Ok(Some(o)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(self.err(e)),
        }
    }

    /// The rows of `ids`, in that order (ids not stored are left out).
    pub fn rows(&self, ids: &[i64]) -> Result<Vec<ListRow>> {
        self.each_id(
            &format!("SELECT {ROW} FROM articles WHERE id = ?1"),
            ids,
            list_row,
        )
    }

    /// `sql` (one row for the id `?1`) for each of `ids`, in that order,
    /// each read with `row`; ids with no row are left out.
    fn each_id<T>(
        &self,
        sql: &str,
        ids: &[i64],
        mut row: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.conn().prepare_cached(sql).map_err(|e| self.err(e))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            match st.query_row([id], &mut row) {
                Ok(r) => out.push(r),
                Err(rusqlite::Error::QueryReturnedNoRows) => {}
                Err(e) => return Err(self.err(e)),
            }
        }
        Ok(out)
    }

    /// How many stored articles are newer than the row `key` (its position
    /// in the newest-first list).
    pub fn position(&self, key: (i64, i64)) -> Result<usize> {
        self.conn()
            .prepare_cached("SELECT count(*) FROM articles WHERE (date, id) > (?1, ?2)")
            .and_then(|mut st| st.query_row(params![key.0, key.1], |r| r.get::<_, i64>(0)))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// Article `id`, whole.
    pub fn article(&self, id: i64) -> Result<Option<Article>> {
        let found = self
            .conn()
            .prepare_cached(
                "SELECT a.path, a.title, a.source, a.date_text, a.date, a.link,
                        b.text, b.title_end, b.paragraphs, b.kinds, b.extra
                 FROM articles a JOIN bodies b ON b.id = a.id WHERE a.id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| {
                    let path: String = r.get(0)?;
                    let text: String = r.get(6)?;
                    let title_end = r.get::<_, i64>(7)? as usize;
                    let paragraphs = ranges_from_bytes(&r.get::<_, Vec<u8>>(8)?);
                    let fits = |r: &std::ops::Range<usize>| {
                        r.start <= r.end
                            && r.end <= text.len()
                            && text.is_char_boundary(r.start)
                            && text.is_char_boundary(r.end)
                    };
                    // kinds: none stored (a store before version 7, a
                    // plain text), or one per paragraph
                    let kinds = match r.get::<_, Option<Vec<u8>>>(9)? {
                        None => Some(
                            paragraphs
                                .iter()
                                .filter(|p| fits(p))
                                .map(|p| paragraph_kind(&text[p.clone()]))
                                .collect(),
                        ),
                        Some(b) => kinds_from_bytes(&b),
                    };
                    let extra = r
                        .get::<_, Option<String>>(10)?
                        .and_then(|j| serde_json::from_str(&j).ok())
                        .unwrap_or_default();
                    let mut a = if fits(&(0..title_end))
                        && paragraphs.iter().all(fits)
                        && kinds.as_ref().is_some_and(|k| k.len() == paragraphs.len())
                    {
                        Article {
                            path,
                            title: r.get(1)?,
                            source: None,
                            date: None,
                            published: None,
                            url: None,
                            title_range: 0..title_end,
                            paragraphs,
                            text,
                            kinds: kinds.unwrap_or_default(),
                            extra,
                        }
                    } else {
                        // never trust a damaged row enough to slice with it
                        Article::from_plain_text(path, &text)
                    };
                    a.source = r.get(2)?;
                    a.date = r.get(3)?;
                    // a feed's item that said no date has none to show
                    // (its row's date only places it in the list)
                    let undated = a.date.is_none() && a.path.contains('#');
                    a.published = (!undated).then_some(r.get(4)?);
                    a.url = r.get(5)?;
                    Ok(a)
                })
            });
        match found {
            Ok(a) => Ok(Some(a)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(self.err(e)),
        }
    }

    /// The stored facts of article `id`, and the extractor version that
    /// found them.
    pub fn facts(&self, id: i64) -> Result<(Facts, u32)> {
        let conn = self.conn();
        let run = || -> rusqlite::Result<(Facts, u32)> {
            let version: u32 = conn
                .prepare_cached("SELECT facts_version FROM articles WHERE id = ?1")?
                .query_row([id], |r| r.get(0))?;
            let mut st = conn.prepare_cached(
                "SELECT kind, name, role, aliases, mentions, spans FROM actors
                 WHERE article = ?1 ORDER BY ord",
            )?;
            let actors = st
                .query_map([id], |r| {
                    let name: String = r.get(1)?;
                    let aliases: String = r.get(3)?;
                    Ok(Actor {
                        kind: actor_kind(r.get(0)?),
                        key: fold(&name),
                        name,
                        role: r.get(2)?,
                        aliases: split_list(&aliases),
                        mentions: r.get::<_, i64>(4)? as usize,
                        spans: ranges_from_bytes(&r.get::<_, Vec<u8>>(5)?),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut st = conn.prepare_cached(
                "SELECT kind, verb, parties, topic, start, end FROM statements
                 WHERE article = ?1 ORDER BY ord",
            )?;
            let agreements = st
                .query_map([id], |r| {
                    let range = r.get::<_, i64>(4)? as usize..r.get::<_, i64>(5)? as usize;
                    Ok(Statement {
                        kind: statement_kind(r.get(0)?),
                        verb: r.get(1)?,
                        parties: split_list(&r.get::<_, String>(2)?),
                        text: r.get(3)?,
                        sentence: String::new(),
                        span: [range.start, range.end],
                        range,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((Facts { actors, agreements }, version))
        };
        run().map_err(|e| self.err(e))
    }

    /// The articles in which an actor is named by any of `names` (folded
    /// alike), newest first.
    pub fn mentioning(&self, names: &[String]) -> Result<Vec<i64>> {
        self.mentioning_newest(names, i64::MAX)
    }

    /// The newest `most` of [`Store::mentioning`]: read from the index by
    /// date, never the whole list of an actor that most stories name.
    pub fn mentioning_newest(&self, names: &[String], most: i64) -> Result<Vec<i64>> {
        let mut found: Vec<(i64, i64)> = Vec::new();
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT date, article FROM (
                     SELECT na.date, na.article FROM names n
                     JOIN name_articles na ON na.name = n.id WHERE n.folded = ?1
                     ORDER BY na.date DESC LIMIT ?2)
                 UNION ALL
                 SELECT s.date, s.article FROM names n JOIN name_articles_staged s ON s.name = n.id
                 WHERE n.folded = ?1",
            )
            .map_err(|e| self.err(e))?;
        let mut folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
        folded.sort();
        folded.dedup();
        for n in folded.iter().filter(|n| !n.is_empty()) {
            let rows = st
                .query_map(params![n, most], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                })
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(|e| self.err(e))?;
            found.extend(rows);
        }
        found.sort_unstable_by(|a, b| b.cmp(a));
        found.dedup();
        found.truncate(usize::try_from(most).unwrap_or(usize::MAX));
        Ok(found.into_iter().map(|(_, id)| id).collect())
    }

    /// The ids of `ids` ordered newest first, with how many are unread.
    pub fn newest_first(&self, ids: &[i64]) -> Result<(Vec<i64>, usize)> {
        let found: Vec<(i64, i64, bool)> = self.each_id(
            "SELECT date, id, read FROM articles WHERE id = ?1",
            ids,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let unread = found.iter().filter(|(_, _, read)| !read).count();
        let mut keyed: Vec<(i64, i64)> = found.into_iter().map(|(d, id, _)| (d, id)).collect();
        keyed.sort_unstable_by(|a, b| b.cmp(a));
        keyed.dedup();
        Ok((keyed.into_iter().map(|(_, id)| id).collect(), unread))
    }

    /// How many of `ids` are unread, `marks` (read marks newer than the
    /// store's) over what the store says.
    pub fn unread_among(&self, ids: &[i64], marks: &[(i64, bool)]) -> Result<usize> {
        let marks: std::collections::HashMap<i64, bool> = marks.iter().copied().collect();
        let read: Vec<(i64, bool)> =
            self.each_id("SELECT id, read FROM articles WHERE id = ?1", ids, |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(read
            .into_iter()
            .filter(|(id, read)| !marks.get(id).copied().unwrap_or(*read))
            .count())
    }

    /// The ids of every article (`among` = `None`), or of `among`, in
    /// `order`; `marks` are read marks newer than the store's.
    pub fn sorted(
        &self,
        order: SortOrder,
        among: Option<&[i64]>,
        marks: &[(i64, bool)],
    ) -> Result<Vec<i64>> {
        if let (None, SortOrder::Date | SortOrder::Source | SortOrder::Oldest) = (among, order) {
            let key = match order {
                SortOrder::Source => "coalesce(source, ''), date DESC, id DESC",
                SortOrder::Oldest => "date, id",
                _ => "date DESC, id DESC",
            };
            let mut st = self
                .conn()
                .prepare_cached(&format!("SELECT id FROM articles ORDER BY {key}"))
                .map_err(|e| self.err(e))?;
            return st
                .query_map([], |r| r.get::<_, i64>(0))
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(|e| self.err(e));
        }
        let row = |r: &Row| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, i64>(3)?,
            ))
        };
        const COLUMNS: &str = "id, coalesce(source, ''), read, date";
        let rows: Vec<(i64, String, bool, i64)> = match among {
            None => self
                .conn()
                .prepare_cached(&format!("SELECT {COLUMNS} FROM articles"))
                .and_then(|mut st| st.query_map([], row)?.collect())
                .map_err(|e| self.err(e))?,
            Some(ids) => self.each_id(
                &format!("SELECT {COLUMNS} FROM articles WHERE id = ?1"),
                ids,
                row,
            )?,
        };
        let marks: std::collections::HashMap<i64, bool> = marks.iter().copied().collect();
        let mut keyed: Vec<(String, std::cmp::Reverse<(i64, i64)>)> = rows
            .into_iter()
            .map(|(id, source, read, date)| {
                let read = marks.get(&id).copied().unwrap_or(read);
                let group = match order {
                    SortOrder::Date | SortOrder::Oldest => String::new(),
                    SortOrder::Source => source,
                    SortOrder::Unread => (read as u8).to_string(),
                };
                (group, std::cmp::Reverse((date, id)))
            })
            .collect();
        keyed.sort_unstable();
        let ids = keyed.into_iter().map(|(_, std::cmp::Reverse((_, id)))| id);
        Ok(if order == SortOrder::Oldest {
            ids.rev().collect()
        } else {
            ids.collect()
        })
    }

    /// The articles of `feeds`, feed by feed, newest first.
    pub fn articles(&self, feeds: &[String]) -> Result<Vec<Article>> {
        let mut out = Vec::new();
        let mut st = self
            .conn()
            .prepare_cached("SELECT id FROM articles WHERE origin = ?1 ORDER BY date DESC, id DESC")
            .map_err(|e| self.err(e))?;
        for feed in feeds {
            let ids = st
                .query_map([feed], |r| r.get::<_, i64>(0))
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(|e| self.err(e))?;
            for id in ids {
                out.extend(self.article(id)?);
            }
        }
        Ok(out)
    }

    /// The ids a stored file gave, as recorded at its ingest.
    pub fn file_articles(&self, path: &str) -> Result<Option<Vec<i64>>> {
        let found = self
            .conn()
            .prepare_cached("SELECT articles FROM files WHERE path = ?1")
            .and_then(|mut st| st.query_row([path], |r| r.get::<_, Vec<u8>>(0)));
        match found {
            Ok(b) => Ok(Some(ids_from_bytes(&b))),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(self.err(e)),
        }
    }

    /// The articles whose facts an older extractor found: (id, text).
    pub fn stale_facts(&self, limit: usize) -> Result<Vec<(i64, i64, String)>> {
        self.conn()
            .prepare_cached(
                "SELECT a.id, a.date, b.text FROM articles a JOIN bodies b ON b.id = a.id
                 WHERE a.facts_version < ?1 LIMIT ?2",
            )
            .and_then(|mut st| {
                st.query_map(params![crate::facts::VERSION, limit as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect()
            })
            .map_err(|e| self.err(e))
    }

    /// How many articles have facts from an older extractor.
    pub fn stale_facts_count(&self) -> Result<usize> {
        self.conn()
            .prepare_cached("SELECT count(*) FROM articles WHERE facts_version < ?1")
            .and_then(|mut st| st.query_row([crate::facts::VERSION], |r| r.get::<_, i64>(0)))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// Replace the facts of article `id` with `facts` (found by this
    /// extractor), in the caller's transaction.
    pub fn replace_facts(&mut self, id: i64, date: i64, facts: &Facts) -> Result<()> {
        let run = |conn: &rusqlite::Connection| -> rusqlite::Result<()> {
            let old: Vec<(String, String)> = conn
                .prepare_cached("SELECT name, aliases FROM actors WHERE article = ?1")?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut delete = conn.prepare_cached(
                "DELETE FROM name_articles WHERE article = ?3 AND date = ?2
                 AND name = (SELECT id FROM names WHERE folded = ?1)",
            )?;
            for (name, aliases) in &old {
                for n in std::iter::once(name.clone()).chain(split_list(aliases)) {
                    delete.execute(params![fold(&n), date, id])?;
                }
            }
            conn.prepare_cached("DELETE FROM name_articles_staged WHERE article = ?1")?
                .execute([id])?;
            super::actors::count_out(conn, id)?;
            conn.prepare_cached("DELETE FROM actors WHERE article = ?1")?
                .execute([id])?;
            conn.prepare_cached("DELETE FROM statements WHERE article = ?1")?
                .execute([id])?;
            conn.prepare_cached("UPDATE articles SET facts_version = ?2 WHERE id = ?1")?
                .execute(params![id, crate::facts::VERSION])?;
            Ok(())
        };
        run(self.conn()).map_err(|e| self.err(e))?;
        self.insert_facts(id, date, facts)
    }
}

pub(super) fn split_list(s: &str) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(LIST_SEP).map(str::to_string).collect()
    }
}

pub(super) fn actor_kind(k: u8) -> ActorKind {
    match k {
        0 => ActorKind::Person,
        1 => ActorKind::Country,
        2 => ActorKind::Organization,
        3 => ActorKind::Group,
        _ => ActorKind::Place,
    }
}

pub(super) fn statement_kind(k: u8) -> StatementKind {
    match k {
        0 => StatementKind::Agreement,
        1 => StatementKind::Support,
        2 => StatementKind::Rejection,
        3 => StatementKind::Announcement,
        4 => StatementKind::Affirmation,
        5 => StatementKind::Discussion,
        _ => StatementKind::Disagreement,
    }
}
