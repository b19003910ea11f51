//! An old store opens and is upgraded with progress: a store khabar wrote at
//! schema 6 (`tests/data/store-v6`, 120 whole articles, a third read) is
//! opened by `khabar stats`, which says each step of the upgrade on stderr;
//! afterwards every article is whole (its text, title, read mark and facts
//! as before), its text and search text are packed, a search finds what
//! the text holds, and the database gives freed space back a step at a time.

mod common;

use std::path::Path;

use khabar::corpus::Store;
use rusqlite::Connection;

/// The schema 6 fixture unpacked into `dir/data`.
fn unpack_fixture(dir: &Path) {
    unpack(dir, "store-v6")
}

/// The fixture `tests/data/NAME` unpacked into `dir/data`.
fn unpack(dir: &Path, fixture: &str) {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    for name in ["khabar.db", "khabar.db.codes"] {
        let packed =
            std::fs::read(common::root().join(format!("tests/data/{fixture}/{name}.zst"))).unwrap();
        let bytes = zstd::decode_all(&packed[..]).unwrap();
        std::fs::write(data.join(name), bytes).unwrap();
    }
}

/// Per article: id, title, text, read, how many actors and statements.
type Before = Vec<(i64, String, String, bool, i64, i64)>;

fn before(db: &Path) -> Before {
    let c = Connection::open(db).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 6, "the fixture is a schema 6 store");
    c.prepare(
        "SELECT a.id, a.title, b.text, a.read,
                (SELECT count(*) FROM actors WHERE article = a.id),
                (SELECT count(*) FROM statements WHERE article = a.id)
         FROM articles a JOIN bodies b ON b.id = a.id ORDER BY a.id",
    )
    .unwrap()
    .query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn a_schema_6_store_is_upgraded_with_progress_and_keeps_every_article_whole() {
    let dir = common::scratch("upgrade-v6");
    unpack_fixture(&dir);
    let db = dir.join("data/khabar.db");
    let was = before(&db);
    assert_eq!(was.len(), 120);
    assert_eq!(was.iter().filter(|a| a.3).count(), 40);

    let out = common::khabar_in(&dir).arg("stats").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    // each step said as it runs, and the packing's count
    for line in [
        "khabar: the store is of schema 6: upgrading it to schema 8 (",
        "khabar: upgrading the store to schema 7: ",
        "khabar: upgrading the store to schema 8: the articles' text packed",
        "khabar:   packed the text of 120 articles in ",
        "khabar:   giving the space freed back to the system (VACUUM)",
        "khabar:   the database: ",
    ] {
        assert!(stderr.contains(line), "{line:?} in:\n{stderr}");
    }
    assert!(
        !stderr.contains("to schema 6:"),
        "no step before 7 runs:\n{stderr}"
    );
    assert!(
        stdout.contains("120 articles (80 unread), schema 8"),
        "{stdout}"
    );

    // the tables as an upgrade leaves them
    let c = Connection::open(&db).unwrap();
    let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("PRAGMA user_version"), 8);
    assert_eq!(q("PRAGMA auto_vacuum"), 2, "incremental from now on");
    assert_eq!(q("SELECT count(*) FROM bodies WHERE packing <> 1"), 0);
    assert_eq!(
        q("SELECT count(*) FROM segments WHERE packing <> 1 OR at IS NULL"),
        0
    );
    assert_eq!(
        q("SELECT count(*) FROM bodies WHERE size <> length(CAST(text AS BLOB))"),
        120,
        "every text stored packed"
    );
    drop(c);

    // every article whole, read marks and facts as they were
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity().unwrap(), "ok");
    assert_eq!(store.counts().unwrap(), (120, 80));
    for (id, title, text, read, actors, statements) in &was {
        let a = store.article(*id).unwrap().expect("the article is there");
        assert_eq!((&a.title, &a.text), (title, text), "article {id}");
        let (facts, _) = store.facts(*id).unwrap();
        assert_eq!(
            (facts.actors.len() as i64, facts.agreements.len() as i64),
            (*actors, *statements),
            "facts of {id}"
        );
        let row = store.rows(&[*id]).unwrap();
        assert_eq!(row[0].read, *read, "read mark of {id}");
    }
    // a search counts in each article what its text holds
    for q in ["الامن", "وزير الخارجيه", "2022", "nato"] {
        let (got, want) = common::store_counts_beside_brute_force(
            &store,
            was.iter().map(|(id, _, text, ..)| (*id, text.as_str())),
            q,
        );
        assert_eq!(got, want, "{q}");
        assert!(!want.is_empty() || q == "nato", "{q} is in some article");
    }
    drop(store);

    // a second opening upgrades nothing and says nothing
    let out = common::khabar_in(&dir).arg("stats").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The browser opened on a schema 6 store upgrades it first, saying each
/// step on the terminal (what it prints stays on the screen the browser
/// gives back), then shows every article.
#[test]
fn the_browser_upgrades_a_schema_6_store_with_progress_then_shows_it() {
    use common::tmux::{Tmux, khabar_cmd};
    let dir = common::scratch("upgrade-v6-browser");
    unpack_fixture(&dir);
    let data = dir.join("data");
    let cmd = khabar_cmd(&format!("KHABAR_DATA={}", data.display()), "");
    let t = Tmux::start("upgrade-v6-browser", &cmd, 160, 40);
    t.wait_for("the upgraded store's articles", |s| {
        s.contains("Articles (120)")
    });
    let after = t.quit();
    drop(t);
    for line in [
        "khabar: the store is of schema 6: upgrading it to schema 8 (stopped by a kill or Ctrl-C, it goes on at the next start)",
        "khabar: upgrading the store to schema 7: ",
        "khabar: upgrading the store to schema 8: the articles' text packed",
        "khabar:   packed the text of 120 articles in ",
        "khabar:   giving the space freed back to the system (VACUUM)",
    ] {
        assert!(after.contains(line), "{line:?} on the screen:\n{after}");
    }
    let c = Connection::open(data.join("khabar.db")).unwrap();
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 8);
    drop(c);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A store main's khabar wrote at schema 7 (whole texts fetched for a feed's
/// items, one page failed; paragraph kinds and extra facts stored) is
/// upgraded to schema 8 by its one step, with progress, and keeps every
/// article whole: text, kinds, extra facts, read mark, whole-text state.
#[test]
fn a_schema_7_store_is_upgraded_keeping_kinds_extra_facts_and_whole_text_states() {
    let dir = common::scratch("upgrade-v7");
    unpack(&dir, "store-v7");
    let db = dir.join("data/khabar.db");
    type Row = (i64, String, String, bool, Option<Vec<u8>>, Option<String>);
    let was: Vec<Row> = {
        let c = Connection::open(&db).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 7, "the fixture is a schema 7 store");
        c.prepare(
            "SELECT a.id, a.title, b.text, a.read, b.kinds, b.extra
             FROM articles a JOIN bodies b ON b.id = a.id ORDER BY a.id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    assert_eq!(was.len(), 53);
    assert_eq!(was.iter().filter(|a| a.5.is_some()).count(), 12);

    let out = common::khabar_in(&dir).arg("stats").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for line in [
        "khabar: the store is of schema 7: upgrading it to schema 8 (",
        "khabar: upgrading the store to schema 8: the articles' text packed",
        "khabar:   packed the text of 53 articles in ",
    ] {
        assert!(stderr.contains(line), "{line:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("to schema 7:"), "{stderr}");

    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity().unwrap(), "ok");
    for (id, title, text, read, kinds, extra) in &was {
        let a = store.article(*id).unwrap().expect("the article is there");
        assert_eq!((&a.title, &a.text), (title, text), "article {id}");
        if let Some(kinds) = kinds {
            let now: Vec<u8> = a.kinds.iter().map(|k| k.code()).collect();
            assert_eq!(&now, kinds, "kinds of {id}");
        }
        let extra_now = serde_json::to_value(&a.extra).unwrap();
        match extra {
            Some(json) => assert_eq!(
                extra_now,
                serde_json::from_str::<serde_json::Value>(json).unwrap(),
                "extra of {id}"
            ),
            None => assert!(a.extra.is_empty(), "extra of {id}"),
        }
        assert_eq!(store.rows(&[*id]).unwrap()[0].read, *read, "read of {id}");
    }
    let (whole, failed, error) = store
        .full_text_counts("http://127.0.0.1:18765/feed.xml")
        .unwrap();
    assert_eq!((whole, failed), (12, 1));
    assert!(error.unwrap().contains("404"));
    drop(store);
    let c = Connection::open(&db).unwrap();
    let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("PRAGMA user_version"), 8);
    assert_eq!(q("SELECT count(*) FROM bodies WHERE packing <> 1"), 0);
    drop(c);
    std::fs::remove_dir_all(&dir).unwrap();
}
