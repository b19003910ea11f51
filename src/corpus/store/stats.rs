//! What the store is made of: its parts and their sizes on disk, against
//! the text it holds (`khabar stats`).

use super::{Result, Store};

/// One part of the store and its size on disk.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Part {
    pub name: &'static str,
    pub bytes: u64,
}

/// The store's parts.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub articles: usize,
    pub unread: usize,
    /// The articles' text as text, and as stored.
    pub text: u64,
    pub text_stored: u64,
    /// The search text unpacked, and its file.
    pub parts: Vec<Part>,
    /// Bytes on disk in all (the database, its write-ahead log, the codes
    /// file).
    pub total: u64,
    /// Of those, what a compaction would give back: the database's free
    /// pages and the codes file's bytes no segment points at.
    pub reclaimable: u64,
}

/// Which part a table or index of the database belongs to.
fn part_of(table: &str) -> &'static str {
    match table {
        "bodies" => "article text (packed)",
        "actors" | "statements" => "facts (actors, statements)",
        "names" | "sqlite_autoindex_names_1" | "name_articles" | "name_articles_staged" => {
            "actor filter (names, their articles)"
        }
        "actor_totals" | "actor_totals_by_stories" => "actors of the corpus (totals)",
        "segments" | "segments_span" | "dictionaries" | "store_meta" => {
            "search text's segments and dictionaries"
        }
        "titles" => "titles (short queries)",
        "articles" | "stats" | "files" | "read_state" | "full_text" | "feeds" => {
            "articles, feeds, files (the list)"
        }
        t if t.starts_with("search_index") => "search index (trigrams)",
        t if t.starts_with("articles_") || t.starts_with("sqlite_autoindex_articles") => {
            "articles, feeds, files (the list)"
        }
        t if t.starts_with("sqlite_autoindex_files") || t.starts_with("sqlite_autoindex_read") => {
            "articles, feeds, files (the list)"
        }
        _ => "other",
    }
}

impl Store {
    /// The store's parts and their sizes (reads every page of the
    /// database once: seconds for a large store).
    pub fn stats(&self) -> Result<Stats> {
        let (articles, unread) = self.counts()?;
        let (text, text_stored): (i64, i64) = self
            .conn()
            .query_row(
                "SELECT coalesce(sum(coalesce(size, length(CAST(text AS BLOB)))), 0),
                        coalesce(sum(length(CAST(text AS BLOB))), 0) FROM bodies",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        let tables: Vec<(String, i64)> = self
            .conn()
            .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
            .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(|e| self.err(e))?;
        let mut parts: Vec<Part> = Vec::new();
        for (table, bytes) in tables {
            let name = part_of(&table);
            match parts.iter_mut().find(|p| p.name == name) {
                Some(p) => p.bytes += bytes.max(0) as u64,
                None => parts.push(Part {
                    name,
                    bytes: bytes.max(0) as u64,
                }),
            }
        }
        parts.sort_by_key(|p| std::cmp::Reverse(p.bytes));
        let free: i64 = self
            .conn()
            .query_row(
                "SELECT freelist_count * page_size FROM pragma_freelist_count, pragma_page_size",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        // pages dbstat does not see: the header page's and pointer maps'
        let seen: u64 = parts.iter().map(|p| p.bytes).sum::<u64>() + free.max(0) as u64;
        let db = self.file_bytes();
        if db > seen {
            parts.push(Part {
                name: "database header and page maps",
                bytes: db - seen,
            });
        }
        parts.push(Part {
            name: "free pages (to give back)",
            bytes: free.max(0) as u64,
        });
        let (waste, codes) = self.codes_waste()?;
        if codes > 0 {
            parts.push(Part {
                name: "search text (khabar.db.codes)",
                bytes: codes - waste,
            });
            parts.push(Part {
                name: "search text no article needs (to give back)",
                bytes: waste,
            });
        }
        let wal = std::fs::metadata(format!("{}-wal", self.location())).map_or(0, |m| m.len());
        if wal > 0 {
            parts.push(Part {
                name: "write-ahead log (khabar.db-wal)",
                bytes: wal,
            });
        }
        let total = parts.iter().map(|p| p.bytes).sum();
        Ok(Stats {
            articles,
            unread,
            text: text.max(0) as u64,
            text_stored: text_stored.max(0) as u64,
            parts,
            total,
            reclaimable: free.max(0) as u64 + waste,
        })
    }
}
