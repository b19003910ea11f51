//! `khabar add` and `khabar search` over the store, through the binary:
//! every source stored once, unchanged files never read again, a failed
//! source said and counted while the others are kept, a kill in the middle
//! leaving a sound store that the next `add` completes, and the store's
//! search counting exactly what a scan of the files counts.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use khabar::corpus::Store;

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("khabar-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn khabar(data: &Path) -> Command {
    let mut c = common::khabar();
    c.env("KHABAR_DATA", data).env("KHABAR_CONFIG", "/dev/null");
    c
}

fn add(data: &Path, sources: &[&Path]) -> Output {
    khabar(data).arg("add").args(sources).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `n` article files in `dir`, each different: a title and paragraphs
/// built from the seeds' lines.
fn write_articles(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let lines: Vec<String> = khabar::corpus::seeds::seed_articles()
        .iter()
        .flat_map(|a| a.paragraph_texts().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for i in 0..n {
        let mut text = format!("خبر رقم {i} عن {}\n\n", lines[i % lines.len()]);
        for k in 0..6 {
            text.push_str(&lines[(i * 7 + k * 5) % lines.len()]);
            text.push_str(&format!(" ({i}-{k})\n\n"));
        }
        std::fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn add_stores_once_says_what_failed_and_never_reads_an_unchanged_file_again() {
    let base = scratch("add");
    let data = base.join("data");
    let dir = base.join("news");
    write_articles(&dir, 30);
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    // the same content under two names is stored once
    std::fs::copy(dir.join("00003.txt"), dir.join("copy.txt")).unwrap();
    let out = add(&data, &[&dir]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a source failed: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    assert!(err.contains("empty.txt: empty file, skipped"), "{err}");
    assert!(
        err.trim_end().ends_with("added 30, unchanged 1, failed 1"),
        "{err}"
    );
    let store = Store::open(&data.join("khabar.db")).unwrap();
    assert_eq!(store.article_count().unwrap(), 30);
    assert_eq!(store.integrity().unwrap(), "ok");
    drop(store);

    // the same directory again: nothing read. A file given new bytes of the
    // same size, with its time put back, is not seen to change: proof that
    // its content was not read.
    let path = dir.join("00007.txt");
    common::rewrite_unseen(&path);
    std::fs::remove_file(dir.join("empty.txt")).unwrap();
    let out = add(&data, &[&dir]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .trim_end()
            .ends_with("added 0, unchanged 31, failed 0"),
        "{}",
        stderr(&out)
    );
    // a file that did change is read: a new article
    std::fs::write(&path, "خبر جديد كليا\n\nنص الخبر الجديد.").unwrap();
    let out = add(&data, &[&path]);
    assert!(
        stderr(&out)
            .trim_end()
            .ends_with("added 1, unchanged 0, failed 0"),
        "{}",
        stderr(&out)
    );
    // a missing path fails alone
    let out = add(&data, &[&dir.join("00001.txt"), &base.join("nowhere")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .trim_end()
            .ends_with("added 0, unchanged 1, failed 1"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn a_kill_during_add_leaves_a_sound_store_that_the_next_add_completes() {
    let base = scratch("kill");
    let dir = base.join("news");
    write_articles(&dir, 3000);
    for (round, after_ms) in [100u64, 400, 900].into_iter().enumerate() {
        let data = base.join(format!("data{round}"));
        let mut child = khabar(&data)
            .arg("add")
            .arg(&dir)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(after_ms));
        let _ = Command::new("kill")
            .args(["-KILL", &child.id().to_string()])
            .status();
        let _ = child.wait();
        let store = Store::open(&data.join("khabar.db")).unwrap();
        assert_eq!(store.integrity().unwrap(), "ok", "after {after_ms} ms");
        let stored = store.article_count().unwrap();
        // every file recorded has its article: what a batch wrote is whole
        let files = common::count_rows(&data.join("khabar.db"), "files");
        assert_eq!(files, stored, "after {after_ms} ms: one article per file");
        drop(store);
        let out = add(&data, &[&dir]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stderr(&out).trim_end().ends_with(&format!(
                "added {}, unchanged {stored}, failed 0",
                3000 - stored
            )),
            "after {after_ms} ms ({stored} stored): {}",
            stderr(&out)
        );
        let store = Store::open(&data.join("khabar.db")).unwrap();
        assert_eq!(store.article_count().unwrap(), 3000);
        assert_eq!(store.integrity().unwrap(), "ok");
    }
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn the_store_search_counts_what_a_scan_of_the_files_counts() {
    let base = scratch("search");
    let data = base.join("data");
    let dir = base.join("news");
    write_articles(&dir, 200);
    assert!(add(&data, &[&dir]).status.success());
    let counts = |args: &[&str]| -> Vec<String> {
        let out = khabar(&data).arg("search").args(args).output().unwrap();
        let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect();
        lines.sort();
        lines
    };
    let d = dir.to_string_lossy().into_owned();
    for q in [
        "الولايات المتحده",
        "اوكرانيا",
        "obama",
        "2015",
        "التي",
        "رقم 17",
    ] {
        let store = counts(&["--count", q]);
        let files = counts(&["--count", q, &d]);
        assert!(!store.is_empty(), "{q}");
        assert_eq!(store, files, "{q}");
    }
    // the lines themselves: NAME:LINE: paragraph, numbered as the files are
    // (a title, a blank line, a paragraph...)
    let store = counts(&["أوكرانيا"]);
    let files = counts(&["أوكرانيا", &d]);
    assert_eq!(store, files);
    // no match: exit 1; a query under three letters searches the titles
    let out = khabar(&data)
        .args(["search", "غيرموجودفيالنص"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = khabar(&data)
        .args(["search", "--count", "عن"])
        .output()
        .unwrap();
    assert!(stderr(&out).contains("titles only"), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 200);
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn add_subscribes_to_the_feeds_among_the_urls_and_stores_pages() {
    let base_url = common::http_server(common::feed_routes);
    let data = scratch("urls");
    let feed = format!("{base_url}/rss.xml");
    let page = format!("{base_url}/page.html");
    let out = khabar(&data)
        .args(["add", &feed, &page, &format!("{base_url}/missing")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("subscribed to {feed}")), "{err}");
    assert!(err.contains("HTTP 404"), "{err}");
    assert!(
        err.trim_end().ends_with("added 3, unchanged 0, failed 1"),
        "{err}"
    );
    let store = Store::open(&data.join("khabar.db")).unwrap();
    assert_eq!(store.subscriptions().unwrap(), [feed]);
    assert_eq!(store.article_count().unwrap(), 3);
    std::fs::remove_dir_all(&data).unwrap();
}
