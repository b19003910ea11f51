use super::*;
use crate::corpus::Article;
use crate::facts::Facts;
use crate::search::Query;
use crate::text::normalize::fold;
use std::sync::atomic::AtomicBool;
use write::Prepared;

fn article(title: &str, body: &str, link: Option<&str>) -> Article {
    let mut a = Article::from_plain_text("feed#0", &format!("{title}\n{body}"));
    a.url = link.map(str::to_string);
    a.source = Some("موقع".into());
    a
}

fn opts(threads: usize) -> find::SearchOptions {
    find::SearchOptions {
        threads,
        names: true,
        first_page: 0,
    }
}

/// The path of a test's store, in a fresh directory of its own.
fn fresh_db(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("khabar-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("khabar.db")
}

fn prepared(a: &Article) -> Prepared {
    Prepared::new(a.clone(), 1_700_000_000)
}

#[test]
fn articles_come_back_whole_and_once() {
    let mut s = Store::in_memory();
    let a = article(
        "عنوان أول",
        "فقرة مُشكّلة with English 2026",
        Some("http://x/1"),
    );
    let b = article("عنوان ثانٍ", "نص آخر", None);
    let fresh = s
        .save_fetch("http://x/feed", vec![prepared(&a), prepared(&b)])
        .unwrap();
    assert_eq!(fresh.len(), 2);
    // the same link with other words, and the same content without a link
    let a2 = article("عنوان معدل", "نص جديد", Some("http://x/1"));
    let fresh = s
        .save_fetch("http://x/feed", vec![prepared(&a2), prepared(&b)])
        .unwrap();
    assert!(fresh.is_empty(), "duplicates are not stored twice");
    let back = s.articles(&["http://x/feed".to_string()]).unwrap();
    assert_eq!(back.len(), 2);
    for want in [&a, &b] {
        let got = back.iter().find(|x| x.title == want.title).unwrap();
        assert_eq!(
            (
                &got.text,
                &got.paragraphs,
                &got.title_range,
                &got.url,
                &got.source
            ),
            (
                &want.text,
                &want.paragraphs,
                &want.title_range,
                &want.url,
                &want.source
            )
        );
    }
    assert_eq!(
        s.feed("http://x/feed").unwrap().unwrap().title.as_deref(),
        Some("موقع")
    );
}

#[test]
fn read_state_and_subscriptions() {
    let mut s = Store::in_memory();
    let ids: Vec<i64> = s
        .save_fetch(
            "http://x/feed",
            vec![
                prepared(&article("أ", "نص", None)),
                prepared(&article("ب", "نص", None)),
            ],
        )
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(s.unread_count().unwrap(), 2);
    s.set_read(ids[0], true).unwrap();
    s.set_read(ids[1], true).unwrap();
    s.set_read(ids[1], false).unwrap();
    assert_eq!(s.unread_count().unwrap(), 1);
    assert!(s.subscribe("http://a").unwrap());
    assert!(!s.subscribe("http://a").unwrap());
    // a feed the store knows from a fetch, not subscribed yet
    s.record_error("http://c", "HTTP 404").unwrap();
    assert!(s.subscribe("http://c").unwrap());
    assert!(!s.subscribe("http://c").unwrap());
    assert!(s.subscribe("http://b").unwrap());
    assert_eq!(
        s.subscriptions().unwrap(),
        ["http://a", "http://c", "http://b"]
    );
}

#[test]
fn facts_are_kept_and_found_by_any_name() {
    let mut s = Store::in_memory();
    let seeds = crate::corpus::seeds::seed_articles();
    let fresh = s
        .save_fetch("seeds", seeds.iter().map(prepared).collect())
        .unwrap();
    let (facts, version) = s.facts(fresh[0].0).unwrap();
    let direct = crate::facts::extract(&seeds[0].text);
    assert_eq!(version, crate::facts::VERSION);
    assert_eq!(facts.actors.len(), direct.actors.len());
    for (a, b) in facts.actors.iter().zip(&direct.actors) {
        assert_eq!(
            (&a.name, a.kind, &a.role, &a.aliases, a.mentions, &a.spans),
            (&b.name, b.kind, &b.role, &b.aliases, b.mentions, &b.spans)
        );
    }
    assert_eq!(facts.agreements.len(), direct.agreements.len());
    for (a, b) in facts.agreements.iter().zip(&direct.agreements) {
        assert_eq!(
            (a.kind, &a.parties, &a.text, &a.range),
            (b.kind, &b.parties, &b.text, &b.range)
        );
    }
    // the United States in both seeds, by name written without hamza
    let both = s.mentioning(&["الولايات المتحدة".to_string()]).unwrap();
    assert_eq!(both.len(), 2);
    let belgium = s
        .mentioning(&["بلجيكا".into(), "مملكة بلجيكا".into()])
        .unwrap();
    assert_eq!(belgium, [fresh[0].0]);
}

#[test]
fn search_counts_lines_and_matches_exactly_and_short_queries_search_titles() {
    let mut s = Store::in_memory();
    let texts = [
        ("الأمن أولا", "حماية الأمنُ القومي\nلا شيء\nالامن والأمن"),
        ("عنوان", "نص بلا ذكر"),
        ("خبر", "الامن مرة"),
    ];
    let list: Vec<Prepared> = texts
        .iter()
        .map(|(t, b)| prepared(&article(t, b, None)))
        .collect();
    s.save_fetch("f", list).unwrap();
    let hits = std::sync::Mutex::new(Vec::new());
    let scope = s
        .search(
            &Query::new("الامن").unwrap(),
            &opts(2),
            &AtomicBool::new(false),
            &|h| {
                hits.lock().unwrap().extend(h);
                true
            },
        )
        .unwrap();
    assert_eq!(scope, find::Scope::Text);
    let mut hits = hits.into_inner().unwrap();
    hits.sort_by_key(|h| h.id);
    assert_eq!(
        hits.iter()
            .map(|h| (h.lines, h.matches, h.in_title))
            .collect::<Vec<_>>(),
        [(3, 4, 1), (1, 1, 0)]
    );
    let hits = std::sync::Mutex::new(Vec::new());
    let scope = s
        .search(
            &Query::new("خب").unwrap(),
            &opts(1),
            &AtomicBool::new(false),
            &|h| {
                hits.lock().unwrap().extend(h);
                true
            },
        )
        .unwrap();
    assert_eq!(scope, find::Scope::Titles);
    assert_eq!(hits.into_inner().unwrap().len(), 1);
    // the newest first, alone, then the rest: the same hits, each once
    for q in ["الامن", "خب", "نص"] {
        let ids = |first_page| {
            let ids = std::sync::Mutex::new(Vec::new());
            let o = find::SearchOptions {
                first_page,
                ..opts(2)
            };
            s.search(&Query::new(q).unwrap(), &o, &AtomicBool::new(false), &|h| {
                ids.lock().unwrap().extend(h.into_iter().map(|h| h.id));
                true
            })
            .unwrap();
            let mut ids = ids.into_inner().unwrap();
            ids.sort();
            ids
        };
        assert_eq!(ids(1), ids(0), "{q}");
    }
}

#[test]
fn pages_go_both_ways_newest_first() {
    let mut s = Store::in_memory();
    let list: Vec<Prepared> = (0..25)
        .map(|i| {
            let mut p = prepared(&article(&format!("عنوان {i}"), "نص", None));
            p.date = 1_000 + i;
            p
        })
        .collect();
    s.save_fetch("f", list).unwrap();
    let first = s.page(None, read::Towards::Older, 10).unwrap();
    assert_eq!(first[0].title, "عنوان 24");
    let next = s
        .page(Some(first[9].key()), read::Towards::Older, 10)
        .unwrap();
    assert_eq!(next[0].title, "عنوان 14");
    let back = s
        .page(Some(next[0].key()), read::Towards::Newer, 3)
        .unwrap();
    assert_eq!(
        back.iter().map(|r| r.title.as_str()).collect::<Vec<_>>(),
        ["عنوان 17", "عنوان 16", "عنوان 15"]
    );
    let last = s.page(None, read::Towards::Newer, 4).unwrap();
    assert_eq!(last.last().unwrap().title, "عنوان 0");
    assert_eq!(s.position(next[0].key()).unwrap(), 10);
}

#[test]
fn opening_never_waits_for_a_writer() {
    let dir = std::env::temp_dir().join(format!("khabar-store-busy-{}", std::process::id()));
    let path = dir.join("khabar.db");
    let mut s = Store::open(&path).unwrap();
    s.save_fetch(
        "http://x/feed",
        vec![prepared(&article("عنوان", "نص", None))],
    )
    .unwrap();
    // another khabar in the middle of a refresh
    let writer = Connection::open(&path).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM read_state;")
        .unwrap();
    let start = std::time::Instant::now();
    let other = Store::open(&path).unwrap();
    assert_eq!(other.articles(&["http://x/feed".into()]).unwrap().len(), 1);
    assert!(start.elapsed() < std::time::Duration::from_secs(1));
    writer.execute_batch("ROLLBACK").unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_file_that_is_not_a_store_is_reported_and_kept() {
    let dir = std::env::temp_dir().join(format!("khabar-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("khabar.db");
    std::fs::write(
        &path,
        b"not a database at all, just some text that is long enough",
    )
    .unwrap();
    let e = Store::open(&path).err().expect("refused");
    assert!(e.to_string().contains("cannot open the store"), "{e}");
    assert!(std::fs::read(&path).unwrap().starts_with(b"not a database"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_version_1_store_is_upgraded_in_place_after_a_backup() {
    let path = fresh_db("v1");
    let dir = path.parent().unwrap();
    {
        // a store as version 1 wrote it: a feed, two articles, a read mark
        let c = Connection::open(&path).unwrap();
        c.execute_batch(&format!(
            "BEGIN; {} PRAGMA user_version = 1; COMMIT;",
            schema::SCHEMA_V1
        ))
        .unwrap();
        c.execute(
            "INSERT INTO feeds (url, title, subscribed, added_at) VALUES ('http://x/feed', 'موقع', 1, 1)",
            [],
        )
        .unwrap();
        for (i, a) in crate::corpus::seeds::seed_articles().iter().enumerate() {
            let paragraphs: Vec<String> = a
                .paragraphs
                .iter()
                .map(|r| format!("{}:{}", r.start, r.end))
                .collect();
            c.execute(
                "INSERT INTO articles (feed, link, hash, path, title, source, date, body, title_start, title_end, paragraphs, fetched_at)
                 VALUES ('http://x/feed', ?1, ?2, ?3, ?4, 'موقع', '2022-01-13', ?5, 0, ?6, ?7, 5)",
                rusqlite::params![
                    format!("http://x/{i}"),
                    format!("{i:032x}"),
                    format!("http://x/feed#{i}"),
                    a.title,
                    a.text,
                    a.title_range.end as i64,
                    paragraphs.join(" ")
                ],
            )
            .unwrap();
        }
        c.execute(
            "INSERT INTO read_state (key, read, at) VALUES ('http://x/1', 1, 1)",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    // the backup is the version 1 store, whole
    let backup = Connection::open(dir.join("khabar.db.v1.bak")).unwrap();
    let version: i64 = backup
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let rows: i64 = backup
        .query_row("SELECT count(*) FROM articles WHERE body <> ''", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!((version, rows), (1, 2));
    assert_eq!(s.integrity().unwrap(), "ok");
    assert_eq!(s.article_count().unwrap(), 2);
    assert_eq!(s.unread_count().unwrap(), 1, "the read mark moved");
    assert_eq!(s.subscriptions().unwrap(), ["http://x/feed"]);
    let seeds = crate::corpus::seeds::seed_articles();
    let back = s.articles(&["http://x/feed".to_string()]).unwrap();
    assert!(back.iter().any(|a| a.text == seeds[1].text));
    // upgraded articles are searchable and have their facts
    let n = std::sync::Mutex::new(0);
    s.search(
        &Query::new("ايسلندا").unwrap(),
        &opts(1),
        &AtomicBool::new(false),
        &|h| {
            *n.lock().unwrap() += h.len();
            true
        },
    )
    .unwrap();
    assert_eq!(*n.lock().unwrap(), 1);
    assert_eq!(s.mentioning(&["بلجيكا".into()]).unwrap().len(), 1);
    drop(s);
    // a second open changes nothing
    assert!(Store::open(&path).is_ok());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_corpus_actors_are_counted_as_stories_come_and_go() {
    let path = fresh_db("actors");
    let seeds = crate::corpus::seeds::seed_articles();
    let us = "الولايات المتحدة";
    let count = |s: &Store, name: &str| -> Option<(usize, usize)> {
        let (found, _) = s.actors(name, 50).unwrap();
        found
            .iter()
            .find(|a| fold(&a.name) == fold(name))
            .map(|a| (a.stories, a.mentions))
    };
    let direct: Vec<Facts> = seeds
        .iter()
        .map(|a| crate::facts::extract(&a.text))
        .collect();
    let mentions = |folded: &str| -> usize {
        direct
            .iter()
            .flat_map(|f| &f.actors)
            .filter(|a| fold(&a.name) == folded)
            .map(|a| a.mentions)
            .sum()
    };
    {
        let mut s = Store::open(&path).unwrap();
        s.save_fetch("http://x/a", vec![prepared(&seeds[0])])
            .unwrap();
        s.save_fetch("http://x/b", vec![prepared(&seeds[1])])
            .unwrap();
        // the United States in both seeds, found by a query without hamza
        // or with it, most stories first
        assert_eq!(count(&s, us), Some((2, mentions(&fold(us)))));
        let (all, n) = s.actors("", 1000).unwrap();
        assert_eq!(all.len(), n);
        assert!(all.windows(2).all(|w| w[0].stories >= w[1].stories));
        assert_eq!(all[0].stories, 2);
        // its statements across both stories, newest first, never without it
        let st = s
            .statements_of(us, crate::facts::actors::ActorKind::Country)
            .unwrap();
        let stated: usize = direct
            .iter()
            .flat_map(|f| &f.agreements)
            .filter(|x| x.parties.iter().any(|p| fold(p) == fold(us)))
            .count();
        assert_eq!(st.len(), stated);
        assert!(
            st.iter()
                .all(|x| !x.with.iter().any(|w| fold(w) == fold(us)))
        );
        // removing a feed with its articles takes its actors out
        s.purge_feed("http://x/b").unwrap();
        let left: usize = direct[0]
            .actors
            .iter()
            .filter(|a| fold(&a.name) == fold(us))
            .map(|a| a.mentions)
            .sum();
        assert_eq!(count(&s, us), Some((1, left)));
        // a version 2 store (no totals) is counted once when opened
        s.conn()
            .execute_batch("DROP TABLE actor_totals; PRAGMA user_version = 2;")
            .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(count(&s, us), Some((1, left_of(&direct[0], us))));
    let (_, n) = s.actors("", 1000).unwrap();
    assert_eq!(n, distinct(&direct[0]));
}

fn left_of(f: &Facts, name: &str) -> usize {
    f.actors
        .iter()
        .filter(|a| fold(&a.name) == fold(name))
        .map(|a| a.mentions)
        .sum()
}

fn distinct(f: &Facts) -> usize {
    let mut keys: Vec<(String, u8)> = f
        .actors
        .iter()
        .map(|a| (fold(&a.name), a.kind as u8))
        .collect();
    keys.sort();
    keys.dedup();
    keys.len()
}

#[test]
fn an_ingest_stages_the_names_and_files_them_sorted_when_it_ends() {
    let path = fresh_db("staged");
    let seeds = crate::corpus::seeds::seed_articles();
    let rows = |s: &Store, table: &str| -> i64 {
        s.conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let us = || vec!["الولايات المتحدة".to_string()];
    {
        // an ingest killed before it ends: its names are still staged
        let mut s = Store::open(&path).unwrap();
        s.bulk_writes(true).unwrap();
        s.save_fetch("http://x/a", vec![prepared(&seeds[0]), prepared(&seeds[1])])
            .unwrap();
        assert!(rows(&s, "name_articles_staged") > 0);
        assert_eq!(rows(&s, "name_articles"), 0);
    }
    let mut s = Store::open(&path).unwrap();
    // found by any name while staged
    assert_eq!(s.mentioning(&us()).unwrap().len(), 2);
    // the next ingest files them first; its own when it ends
    s.bulk_writes(true).unwrap();
    assert_eq!(rows(&s, "name_articles_staged"), 0);
    let filed = rows(&s, "name_articles");
    assert!(filed > 0);
    s.bulk_writes(false).unwrap();
    assert_eq!(rows(&s, "name_articles"), filed);
    assert_eq!(s.mentioning(&us()).unwrap().len(), 2);
    assert_eq!(s.integrity().unwrap(), "ok");
}

#[test]
fn staged_names_are_filed_sorted_once_each_whatever_the_ranges() {
    let path = fresh_db("staged-ranges");
    let s = Store::open(&path).unwrap();
    // rows as an ingest stages them (in arrival order): name 5 in more
    // articles than a range holds, a row staged twice, one already filed
    let staged: Vec<[i64; 3]> = vec![
        [5, 30, 3],
        [2, 10, 1],
        [5, 10, 1],
        [9, 20, 2],
        [5, 20, 2],
        [2, 30, 3],
        [5, 40, 4],
        [7, 40, 4],
        [2, 10, 1],
        [1, 20, 2],
    ];
    let put = |table: &str, rows: &[[i64; 3]]| {
        for r in rows {
            s.conn()
                .execute(
                    &format!("INSERT INTO {table} (name, date, article) VALUES (?1, ?2, ?3)"),
                    rusqlite::params![r[0], r[1], r[2]],
                )
                .unwrap();
        }
    };
    put("name_articles_staged", &staged);
    put("name_articles", &[[9, 20, 2]]);
    s.merge_staged_names_by(3).unwrap();
    let filed: Vec<[i64; 3]> = s
        .conn()
        .prepare("SELECT name, date, article FROM name_articles")
        .unwrap()
        .query_map([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut expected = staged.clone();
    expected.sort();
    expected.dedup();
    assert_eq!(filed, expected);
    let left: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM name_articles_staged", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(left, 0);
}

/// Every hit of `q` in `s`: id, lines, matches, matches in the title.
fn hits_of(s: &Store, q: &str) -> Vec<(i64, u32, u32, u32)> {
    let hits = std::sync::Mutex::new(Vec::new());
    s.search(
        &Query::new(q).unwrap(),
        &opts(2),
        &AtomicBool::new(false),
        &|h| {
            hits.lock().unwrap().extend(h);
            true
        },
    )
    .unwrap();
    let mut v: Vec<_> = hits
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|h| (h.id, h.lines, h.matches, h.in_title))
        .collect();
    v.sort();
    v
}

/// Where each segment's text is: (text left in the row, at) per segment.
fn segment_places(path: &Path) -> Vec<(usize, Option<i64>)> {
    let c = Connection::open(path).unwrap();
    let mut st = c
        .prepare("SELECT length(coded), at FROM segments ORDER BY first")
        .unwrap();
    st.query_map([], |r| Ok((r.get::<_, i64>(0)? as usize, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap()
}

#[test]
fn the_search_text_lives_in_its_file_and_is_written_again_when_lost() {
    // 1,200 articles in three batches (three segments), from two feeds: a
    // common word (in a third of them: every segment is scanned) and a
    // rare one (the index's candidates only)
    let batch = |n: usize| -> Vec<Prepared> {
        (0..400)
            .map(|i| {
                let k = n * 400 + i;
                let common = if k.is_multiple_of(3) {
                    "الأمن والامن"
                } else {
                    "الطقس"
                };
                let rare = if k.is_multiple_of(97) {
                    "\nنادرة جدا"
                } else {
                    ""
                };
                prepared(&article(
                    &format!("خبر {k}"),
                    &format!("فقرة أولى {common}\nفقرة ثانية {k}{rare}\nالأمن"),
                    Some(&format!("http://x/{k}")),
                ))
            })
            .collect()
    };
    let path = fresh_db("codes");
    let codes = {
        let mut p = path.as_os_str().to_owned();
        p.push(".codes");
        std::path::PathBuf::from(p)
    };
    let mut memory = Store::in_memory();
    {
        let mut s = Store::open(&path).unwrap();
        for n in 0..3 {
            let feed = if n == 1 { "feed-b" } else { "feed-a" };
            s.save_fetch(feed, batch(n)).unwrap();
            memory.save_fetch(feed, batch(n)).unwrap();
        }
    }
    // the rows hold no text; the file does; a search finds what it finds
    // in a store that keeps the text in its rows
    let places = segment_places(&path);
    assert_eq!(places.len(), 3);
    assert!(
        places
            .iter()
            .all(|&(in_row, at)| in_row == 0 && at.is_some())
    );
    assert!(std::fs::metadata(&codes).unwrap().len() > 1000);
    let queries = ["الامن", "نادره", "فقره", "خبر 1", "طقس"];
    let expected: Vec<_> = queries.iter().map(|q| hits_of(&memory, q)).collect();
    assert!(expected.iter().all(|h| !h.is_empty()));
    let check = |why: &str| {
        let s = Store::open(&path).unwrap();
        for (q, want) in queries.iter().zip(&expected) {
            assert_eq!(&hits_of(&s, q), want, "{why}: {q}");
        }
    };
    check("as written");

    // a feed's articles removed: its segment is written again
    Store::open(&path).unwrap().purge_feed("feed-b").unwrap();
    memory.purge_feed("feed-b").unwrap();
    let expected: Vec<_> = queries.iter().map(|q| hits_of(&memory, q)).collect();
    let check = |why: &str| {
        let s = Store::open(&path).unwrap();
        for (q, want) in queries.iter().zip(&expected) {
            assert_eq!(&hits_of(&s, q), want, "{why}: {q}");
        }
    };
    check("after a purge");

    // the file lost, cut short, or another store's: made again from the
    // articles' text when the store is opened
    std::fs::remove_file(&codes).unwrap();
    check("file removed");
    let len = std::fs::metadata(&codes).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&codes)
        .unwrap()
        .set_len(len - 10)
        .unwrap();
    check("file cut");
    let other = fresh_db("codes-other");
    Store::open(&other)
        .unwrap()
        .save_fetch("f", batch(0))
        .unwrap();
    let mut other_codes = other.as_os_str().to_owned();
    other_codes.push(".codes");
    std::fs::copy(&other_codes, &codes).unwrap();
    check("another store's file");

    // a store as version 4 left it: the text in the rows, no file
    {
        let c = Connection::open(&path).unwrap();
        let s = Store::open(&path).unwrap();
        let rows: Vec<(i64, i64, i64)> = c
            .prepare("SELECT first, at, len FROM segments")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let bytes = std::fs::read(&codes).unwrap();
        for (first, at, len) in rows {
            let text = &bytes[at as usize..(at + len) as usize];
            c.execute(
                "UPDATE segments SET coded = ?2, at = NULL, len = NULL WHERE first = ?1",
                params![first, text],
            )
            .unwrap();
        }
        drop(s);
        c.execute_batch("DELETE FROM store_meta; PRAGMA user_version = 4;")
            .unwrap();
    }
    std::fs::remove_file(&codes).unwrap();
    check("upgraded from version 4");
    assert!(
        segment_places(&path)
            .iter()
            .all(|&(in_row, at)| in_row == 0 && at.is_some())
    );
}

/// The articles whose folded text holds every trigram of `q`, counted
/// from the text itself.
fn holding_every_trigram(texts: &[(i64, String)], q: &str) -> Vec<i64> {
    let q: Vec<char> = fold(q).chars().collect();
    let grams: Vec<String> = q.windows(3).map(|w| w.iter().collect()).collect();
    texts
        .iter()
        .filter(|(_, t)| grams.iter().all(|g| t.contains(g.as_str())))
        .map(|&(id, _)| id)
        .collect()
}

#[test]
fn the_index_names_the_articles_that_hold_every_trigram_of_a_query() {
    // articles of words drawn from a small vocabulary, so that trigrams
    // repeat within an article and across word boundaries
    const WORDS: &[&str] = &[
        "الأمن",
        "قال",
        "الوزير",
        "إن",
        "اتفاق",
        "وقعت",
        "مصر",
        "والأردن",
        "NATO",
        "nato",
        "2026",
        "،",
        "مجلس",
        "الأمة",
        "للتنمية",
        "«هدنة»",
        "في",
        "غزة",
    ];
    let mut seed = 7u64;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let articles: Vec<Article> = (0..120)
        .map(|k| {
            let len = 3 + next(40);
            let body: Vec<&str> = (0..len).map(|_| WORDS[next(WORDS.len())]).collect();
            article(&format!("خبر {k}"), &body.join(" "), None)
        })
        .collect();
    let queries = [
        "الامن",
        "قال الوزير",
        "ن اتفا",
        "nato",
        "NATO",
        "مصر والاردن",
        "«هدنة»",
        "ة للتن",
        "ير ، مج",
        "2026 في",
        "غزة غزة غزة",
    ];
    // a store of this version, and one made by version 5, whose index
    // reads through FTS5's own trigram tokenizer
    let fresh = fresh_db("index");
    let old = fresh_db("index-v5");
    Store::open(&old).unwrap();
    {
        let c = Connection::open(&old).unwrap();
        c.execute_batch(
            "DROP TABLE search_index;
             CREATE VIRTUAL TABLE search_index USING fts5(
                 folded, content = '', contentless_delete = 1,
                 tokenize = 'trigram case_sensitive 1', detail = none);
             PRAGMA user_version = 5;",
        )
        .unwrap();
    }
    for path in [&fresh, &old] {
        let mut s = Store::open(path).unwrap();
        let prepared: Vec<Prepared> = articles.iter().map(prepared).collect();
        s.save_fetch("feed", prepared).unwrap();
        let texts: Vec<(i64, String)> = s
            .conn()
            .prepare("SELECT id, text FROM bodies")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, fold(&r.get::<_, String>(1)?))))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(texts.len(), articles.len());
        for q in queries {
            let want = holding_every_trigram(&texts, q);
            let got = s.candidates(&Query::new(q).unwrap(), None).unwrap();
            assert_eq!(got, Some(want.clone()), "{}: {q}", path.display());
            assert!(
                !want.is_empty() || q == "غزة غزة غزة",
                "{q} is in some article"
            );
        }
        // articles removed leave the index
        s.purge_feed("feed").unwrap();
        let left = s.candidates(&Query::new("خبر").unwrap(), None).unwrap();
        assert_eq!(left, Some(vec![]));
    }
}

#[test]
fn rules_are_decided_over_the_whole_store_and_ignore_rules_hide() {
    use crate::search::rules::parse;
    let mut s = Store::in_memory();
    let now = 1_700_000_000;
    let mut a = article(
        "اتفاق على تعزيز الأمن",
        "قال باراك أوباما إن التعاون للأمن مهم.",
        Some("http://x/1"),
    );
    a.extra.author = Some("سارة أحمد".into());
    a.extra.categories = vec!["سياسة".into(), "أمن".into()];
    let mut b = article(
        "مباراة كرة القدم",
        "فاز الفريق في المباراة.",
        Some("http://x/2"),
    );
    b.extra.categories = vec!["رياضة".into()];
    let c = article("إعلان تجاري", "اشتر الآن.", Some("http://y/3"));
    let mut pa = Prepared::new(a, now - 3600);
    pa.date = now - 3600;
    let mut pb = Prepared::new(b, now - 10 * 86_400);
    pb.date = now - 10 * 86_400;
    s.save_fetch("http://x/feed", vec![pa, pb]).unwrap();
    s.save_fetch("http://y/ads", vec![Prepared::new(c, now - 7200)])
        .unwrap();
    s.feed_fetched("http://y/ads", Some("إعلانات".into()))
        .unwrap();
    let ids = |title: &str| -> i64 {
        s.page(None, read::Towards::Older, 10)
            .unwrap()
            .into_iter()
            .find(|r| r.title == title)
            .unwrap()
            .id
    };
    let (a, b, c) = (
        ids("اتفاق على تعزيز الأمن"),
        ids("مباراة كرة القدم"),
        ids("إعلان تجاري"),
    );
    s.set_read(b, true).unwrap();
    let rules: Vec<_> = [
        "text ~ \"الامن\"",
        "actor ~ \"اوباما\"",
        "author ~ \"ساره\" and category = \"امن\"",
        "category ~ \"رياضه\" and read",
        "date > 2d",
        "feed ~ \"http://x/\" or feed = \"إعلانات\"",
        "unread and not title ~ \"مباراه\"",
        "text ~ \"في\"",
    ]
    .iter()
    .map(|r| parse(r, now).unwrap())
    .collect();
    let hide = parse("feed = \"اعلانات\"", now).unwrap();
    let refs: Vec<&crate::search::rules::Rule> = rules.iter().collect();
    let stop = AtomicBool::new(false);
    let (none_hidden, gone) = s.evaluate(&refs, &[], now, &stop).unwrap();
    assert!(gone.is_empty());
    let got: Vec<Vec<i64>> = none_hidden.iter().map(|m| m.ids.clone()).collect();
    assert_eq!(
        got,
        [
            vec![a],
            vec![a],
            vec![a],
            vec![b],
            vec![a, c],
            vec![a, c, b],
            vec![a, c],
            vec![b],
        ]
    );
    assert_eq!(none_hidden[5].unread, 2);
    let (hidden, gone) = s.evaluate(&refs, &[&hide], now, &stop).unwrap();
    assert_eq!(gone, [c].into_iter().collect());
    assert_eq!(hidden[5].ids, [a, b]);
    assert_eq!(hidden[4].ids, [a]);
}

#[test]
fn items_without_a_date_follow_the_dated_items_of_their_fetch_in_the_feeds_order() {
    let mut s = Store::in_memory();
    let fetched = 1_700_000_000;
    let dated = |title: &str, when: i64| {
        let mut a = article(title, "نص", None);
        a.published = Some(when);
        a.date = Some("2023-11-14".into());
        a
    };
    // the feed's order: undated, dated, undated, dated
    let batch = vec![
        article("بلا تاريخ أول", "نص ١", None),
        dated("مؤرخ حديث", fetched - 600),
        article("بلا تاريخ ثان", "نص ٢", None),
        dated("مؤرخ أقدم", fetched - 7200),
    ];
    s.save_fetch("http://x/feed", write::prepare_batch(batch, fetched))
        .unwrap();
    // another feed's article, a minute before the fetch
    let mut other = article("خبر آخر", "نص", None);
    other.path = "other.txt".into();
    s.save_fetch("other.txt", vec![Prepared::new(other, fetched - 60)])
        .unwrap();
    let rows = s.page(None, read::Towards::Older, 10).unwrap();
    let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "خبر آخر",
            "مؤرخ حديث",
            "مؤرخ أقدم",
            "بلا تاريخ أول",
            "بلا تاريخ ثان"
        ]
    );
    let undated: Vec<bool> = rows.iter().map(|r| r.undated()).collect();
    assert_eq!(undated, [false, false, false, true, true]);
    // a fetch with no date at all: from the fetch's time down, in order
    let batch = vec![article("أ", "١", None), article("ب", "٢", None)];
    let prepared = write::prepare_batch(batch, fetched);
    assert_eq!(
        prepared.iter().map(|p| p.date).collect::<Vec<_>>(),
        [fetched - 1, fetched - 2]
    );
}

#[test]
fn a_version_6_store_is_upgraded_with_kinds_extra_and_whole_texts() {
    let path = fresh_db("v6");
    let old = article(
        "عنوان قديم",
        "فقرة أولى طويلة بما يكفي.\nعنوان فرعي",
        Some("http://x/old"),
    );
    {
        let mut s = Store::open(&path).unwrap();
        s.save_fetch("http://x/feed", vec![prepared(&old)]).unwrap();
        // as version 6 wrote it: no kinds, no extra, no full_text table
        s.conn()
            .execute_batch(
                "ALTER TABLE bodies DROP COLUMN kinds; ALTER TABLE bodies DROP COLUMN extra;
                 DROP TABLE full_text; PRAGMA user_version = 6;",
            )
            .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    let version: i64 = s
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, VERSION);
    // the old article: its kinds guessed from its text, as before
    let id = s.known_links(&["http://x/old"]).unwrap()["http://x/old"].id;
    let got = s.article(id).unwrap().unwrap();
    assert_eq!(got.kinds, old.kinds);
    assert_eq!(got.kinds[1], crate::text::BlockKind::Heading);
    // a page's article keeps its kinds and extra facts, and its whole text's state
    let page = crate::corpus::extract::extract(
        r#"<html lang="ar"><body><article><h2>قسم</h2><ul><li>بند</li></ul><blockquote><p>قول</p></blockquote>
           <p>نص <a href="http://y/z">رابط</a> طويل بما يكفي ليكون فقرة من مقال كامل عن الاتفاق.</p></article></body></html>"#,
        Some("http://x/new"),
    );
    let mut new = Article::from_page("http://x/new", &page);
    new.extra.author = Some("كاتب".into());
    new.extra
        .enclosures
        .push(crate::corpus::article::Enclosure {
            url: "http://x/a.mp3".into(),
            mime: Some("audio/mpeg".into()),
            bytes: Some(1_000_000),
            seconds: Some(61),
        });
    let saved = s
        .save_feed(
            "http://x/feed",
            vec![full_text::Item {
                prepared: prepared(&new),
                full_text: Some((full_text::FullTextState::Fetched, None)),
                replaces: None,
            }],
        )
        .unwrap();
    let id = saved.fresh[0].0;
    let got = s.article(id).unwrap().unwrap();
    assert_eq!(got.kinds, new.kinds);
    assert_eq!(got.extra, new.extra);
    assert_eq!(got.links(), ["http://y/z"]);
    assert_eq!(s.full_text_counts("http://x/feed").unwrap(), (1, 0, None));
}
