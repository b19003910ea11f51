//! The feeds as a reader manages them: each with its counts, last fetch
//! and last error; its articles; unsubscribing, and removing its articles
//! with it (`--purge`); marking a list read at once.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, params};

use super::write::{ids_from_bytes, ids_to_bytes};
use super::{Result, Store};

/// A feed, with what it holds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FeedSummary {
    pub url: String,
    pub title: Option<String>,
    pub subscribed: bool,
    /// Followed through the config's `feeds` (or given this session).
    pub configured: bool,
    pub unread: usize,
    pub total: usize,
    /// Seconds since the epoch of the last successful fetch.
    pub fetched_at: Option<i64>,
    /// The last fetch's error, if it failed.
    pub error: Option<String>,
    /// Its articles that have their whole text (their page fetched, or
    /// the feed's own text whole), and those whose page failed.
    pub full_text: usize,
    pub pages_failed: usize,
    /// Why the last page that failed did.
    pub page_error: Option<String>,
}

/// A segment's row: first id, ids, ends, names, its text in the row, and
/// where it is in the codes file.
type StoredSegment = (
    i64,
    Vec<u8>,
    Vec<u8>,
    String,
    Vec<u8>,
    Option<i64>,
    Option<i64>,
);

impl Store {
    /// Every feed the store knows, subscribed ones first, by title.
    pub fn feed_summaries(&self) -> Result<Vec<FeedSummary>> {
        let mut st = self
            .conn()
            .prepare(
                "SELECT f.url, f.title, f.subscribed, f.fetched_at, f.error,
                        count(a.id), coalesce(sum(a.read = 0), 0)
                 FROM feeds f LEFT JOIN articles a ON a.origin = f.url
                 GROUP BY f.url
                 ORDER BY f.subscribed DESC, coalesce(f.title, f.url)",
            )
            .map_err(|e| self.err(e))?;
        let mut feeds: Vec<FeedSummary> = st
            .query_map([], |r| {
                Ok(FeedSummary {
                    url: r.get(0)?,
                    title: r.get(1)?,
                    subscribed: r.get(2)?,
                    configured: false,
                    fetched_at: r.get(3)?,
                    error: r.get(4)?,
                    total: r.get::<_, i64>(5)? as usize,
                    unread: r.get::<_, i64>(6)? as usize,
                    full_text: 0,
                    pages_failed: 0,
                    page_error: None,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        for f in &mut feeds {
            (f.full_text, f.pages_failed, f.page_error) = self.full_text_counts(&f.url)?;
        }
        Ok(feeds)
    }

    /// The feeds a reader follows or reads: subscribed ones, those of
    /// `followed` (the config's, the URLs given this session), and those
    /// whose articles are stored; followed ones first, by title. A feed
    /// that failed and is neither followed nor holds an article (a URL
    /// once given) is not listed.
    pub fn listed_feeds(&self, followed: &[String]) -> Result<Vec<FeedSummary>> {
        let mut feeds = self.feed_summaries()?;
        let known: HashSet<String> = feeds.iter().map(|f| f.url.clone()).collect();
        let given = followed;
        let followed: HashSet<&str> = given.iter().map(String::as_str).collect();
        for f in &mut feeds {
            f.configured = followed.contains(f.url.as_str());
        }
        // followed and never fetched: listed, with nothing yet
        let mut seen = HashSet::new();
        for url in given
            .iter()
            .filter(|u| !known.contains(*u) && seen.insert(u.as_str()))
        {
            feeds.push(FeedSummary {
                url: url.to_string(),
                title: None,
                subscribed: false,
                configured: true,
                unread: 0,
                total: 0,
                fetched_at: None,
                error: None,
                full_text: 0,
                pages_failed: 0,
                page_error: None,
            });
        }
        feeds.retain(|f| f.subscribed || f.configured || f.total > 0);
        feeds.sort_by_key(|f| !(f.subscribed || f.configured));
        Ok(feeds)
    }

    /// Forget feed `url`: it leaves the list of feeds, its articles stay
    /// readable (`purge_feed` removes them). Whether it was subscribed.
    pub fn remove_feed(&self, url: &str) -> Result<bool> {
        let was = self.feed(url)?.is_some_and(|f| f.subscribed);
        self.conn()
            .execute("DELETE FROM feeds WHERE url = ?1", [url])
            .map_err(|e| self.err(e))?;
        self.forget_settings(url)?;
        Ok(was)
    }

    /// Drop what a reader set for feed `url` (none kept: a store made
    /// before settings were kept).
    fn forget_settings(&self, url: &str) -> Result<()> {
        if super::schema::has_table(self.conn(), "feed_settings").map_err(|e| self.err(e))? {
            self.conn()
                .execute("DELETE FROM feed_settings WHERE url = ?1", [url])
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// The articles of feed `url`, newest first.
    pub fn feed_ids(&self, url: &str) -> Result<Vec<i64>> {
        self.conn()
            .prepare_cached("SELECT id FROM articles WHERE origin = ?1 ORDER BY date DESC, id DESC")
            .and_then(|mut st| st.query_map([url], |r| r.get(0))?.collect())
            .map_err(|e| self.err(e))
    }

    /// Stop following `url` (its articles stay); false when it was not
    /// subscribed.
    pub fn unsubscribe(&self, url: &str) -> Result<bool> {
        let changed = self
            .conn()
            .execute(
                "UPDATE feeds SET subscribed = 0 WHERE url = ?1 AND subscribed = 1",
                [url],
            )
            .map_err(|e| self.err(e))?;
        Ok(changed == 1)
    }

    /// Remove feed `url` and every article it brought (their text, facts,
    /// search index and read marks), in one transaction; how many articles
    /// went.
    pub fn purge_feed(&mut self, url: &str) -> Result<usize> {
        let ids = self.feed_ids(url)?;
        self.transaction(|s| {
            s.remove_articles(&ids)?;
            s.conn()
                .execute("DELETE FROM feeds WHERE url = ?1", [url])
                .map_err(|e| s.err(e))?;
            s.forget_settings(url)?;
            Ok(ids.len())
        })
    }

    /// Remove articles `ids` from every table (inside a transaction).
    pub(super) fn remove_articles(&mut self, ids: &[i64]) -> Result<()> {
        let conn = self.conn();
        for &id in ids {
            super::actors::count_out(conn, id).map_err(|e| self.err(e))?;
        }
        for sql in [
            "DELETE FROM articles WHERE id = ?1",
            "DELETE FROM bodies WHERE id = ?1",
            "DELETE FROM full_text WHERE id = ?1",
            "DELETE FROM titles WHERE id = ?1",
            "DELETE FROM search_index WHERE rowid = ?1",
            "DELETE FROM actors WHERE article = ?1",
            "DELETE FROM statements WHERE article = ?1",
            "DELETE FROM name_articles WHERE article = ?1",
            "DELETE FROM name_articles_staged WHERE article = ?1",
        ] {
            let mut st = conn.prepare_cached(sql).map_err(|e| self.err(e))?;
            for &id in ids {
                st.execute([id]).map_err(|e| self.err(e))?;
            }
        }
        self.drop_from_segments(&ids.iter().copied().collect())
    }

    /// Take articles `gone` out of the search segments that hold them.
    fn drop_from_segments(&mut self, gone: &HashSet<i64>) -> Result<()> {
        let (Some(&lo), Some(&hi)) = (gone.iter().min(), gone.iter().max()) else {
            return Ok(());
        };
        // the segments this transaction wrote are read from the file too
        self.flush_codes()?;
        let conn = self.conn();
        let rows: Vec<StoredSegment> = conn
            .prepare(
                "SELECT first, ids, ends, names, coded, at, len FROM segments
                 WHERE first <= ?1 AND last >= ?2",
            )
            .and_then(|mut st| {
                st.query_map(params![hi, lo], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                })?
                .collect()
            })
            .map_err(|e| self.err(e))?;
        let mut reader = None;
        for (first, ids, ends, names, coded, at, len) in rows {
            let ids = ids_from_bytes(&ids);
            if !ids.iter().any(|id| gone.contains(id)) {
                continue;
            }
            let ends: Vec<usize> = ends
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                .collect();
            let coded = match (at, len) {
                (Some(at), Some(len)) => {
                    let (file, file_len) = self.codes_in(&mut reader)?;
                    let (at, len) = (at as u64, len as usize);
                    let view = super::codes::View::new(file, *file_len, at, len, 0)
                        .map_err(|e| self.codes_error(e))?;
                    view.get(at, len).unwrap_or_default().to_vec()
                }
                _ => coded,
            };
            let (mut kept_ids, mut kept_ends, mut kept_names, mut kept_coded) =
                (Vec::new(), Vec::new(), String::new(), Vec::new());
            let mut start = 0;
            for ((id, &end), name) in ids.iter().zip(&ends).zip(names.lines()) {
                if !gone.contains(id) && end <= coded.len() && start <= end {
                    kept_ids.push(*id);
                    kept_coded.extend_from_slice(&coded[start..end]);
                    kept_ends.extend_from_slice(&(kept_coded.len() as u32).to_le_bytes());
                    kept_names.push_str(name);
                    kept_names.push('\n');
                }
                start = end;
            }
            self.conn()
                .execute("DELETE FROM segments WHERE first = ?1", [first])
                .map_err(|e| self.err(e))?;
            if let (Some(&f), Some(&l)) = (kept_ids.first(), kept_ids.last()) {
                self.put_segment(
                    f,
                    l,
                    &ids_to_bytes(&kept_ids),
                    &kept_ends,
                    &kept_names,
                    &kept_coded,
                )?;
            }
        }
        Ok(())
    }

    /// Mark read every article (`ids` = `None`) or those of `ids`; how
    /// many were unread.
    pub fn mark_all_read(&mut self, ids: Option<&[i64]>) -> Result<usize> {
        self.transaction(|s| match ids {
            None => s
                .conn()
                .execute("UPDATE articles SET read = 1 WHERE read = 0", [])
                .map_err(|e| s.err(e)),
            Some(ids) => {
                let mut st = s
                    .conn()
                    .prepare_cached("UPDATE articles SET read = 1 WHERE id = ?1 AND read = 0")
                    .map_err(|e| s.err(e))?;
                let mut n = 0;
                for &id in ids {
                    n += st.execute([id]).map_err(|e| s.err(e))?;
                }
                Ok(n)
            }
        })
    }

    /// Is `url` a feed the store knows, or one whose articles it holds
    /// (a feed removed without them)?
    pub fn knows_feed(&self, url: &str) -> Result<bool> {
        self.conn()
            .query_row(
                "SELECT 1 FROM feeds WHERE url = ?1
                 UNION ALL SELECT 1 FROM articles WHERE origin = ?1 LIMIT 1",
                [url],
                |_| Ok(()),
            )
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.err(e))
    }
}

/// What a reader set for feeds: the folder each is in (from an OPML
/// list) and the order of its list (`S` in the browser). Kept in
/// `feed_settings`; a store made before that table has none.
impl Store {
    /// The folder of feed `url` (outermost first; empty: none).
    pub fn feed_folder(&self, url: &str) -> Vec<String> {
        self.feed_setting(url, "folder")
            .map(|f| super::read::split_list(&f))
            .unwrap_or_default()
    }

    /// Put feed `url` in `folder` (outermost first; empty: none).
    pub fn set_feed_folder(&self, url: &str, folder: &[String]) -> Result<()> {
        let value = (!folder.is_empty()).then(|| folder.join(&super::write::LIST_SEP.to_string()));
        self.set_feed_setting(url, "folder", value.as_deref())
    }

    /// The order chosen for feed `url`'s list, by name (see
    /// `read::SortOrder::name`), if one was.
    pub fn feed_order(&self, url: &str) -> Option<String> {
        self.feed_setting(url, "sort")
    }

    /// Remember `order` for feed `url`'s list.
    pub fn set_feed_order(&self, url: &str, order: &str) -> Result<()> {
        self.set_feed_setting(url, "sort", Some(order))
    }

    /// Give feed `url` a title when it has none yet (an OPML list's,
    /// until the feed says its own).
    pub fn title_feed(&self, url: &str, title: &str) -> Result<()> {
        self.conn()
            .execute(
                "UPDATE feeds SET title = ?2 WHERE url = ?1 AND title IS NULL",
                params![url, title],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn feed_setting(&self, url: &str, column: &str) -> Option<String> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {column} FROM feed_settings WHERE url = ?1"
            ))
            .and_then(|mut st| st.query_row([url], |r| r.get::<_, Option<String>>(0)))
            .ok()
            .flatten()
    }

    fn set_feed_setting(&self, url: &str, column: &str, value: Option<&str>) -> Result<()> {
        self.conn()
            .execute(
                &format!(
                    "INSERT INTO feed_settings (url, {column}) VALUES (?1, ?2)
                     ON CONFLICT(url) DO UPDATE SET {column} = ?2"
                ),
                params![url, value],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
