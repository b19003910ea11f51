//! The store through the binary, against a real server on 127.0.0.1:
//! `khabar refresh` keeps exactly the good articles, a second refresh adds
//! no duplicates, `khabar import-opml` subscribes, and a refresh killed at
//! any moment leaves a sound database with every feed whole or absent.

mod common;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use khabar::corpus::Store;

/// A fresh data directory (holds `khabar.db`) for one test.
fn data_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("khabar-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    // a whole fetch may take 2 s (the default is 30)
    std::fs::write(d.join("config.toml"), "fetch_timeout = 2\n").unwrap();
    d
}

fn khabar(data: &Path, args: &[&str]) -> Command {
    let mut c = common::khabar();
    c.args(args)
        .env("KHABAR_DATA", data)
        .env("KHABAR_CONFIG", data.join("config.toml"));
    c
}

fn run(data: &Path, args: &[&str]) -> Output {
    khabar(data, args).output().unwrap()
}

fn titles(store: &Store, feeds: &[String]) -> Vec<String> {
    let mut t: Vec<String> = store
        .articles(feeds)
        .unwrap()
        .into_iter()
        .map(|a| a.title)
        .collect();
    t.sort();
    t
}

#[test]
fn a_refresh_keeps_exactly_the_good_articles_and_never_twice() {
    let base = common::http_server(common::feed_routes);
    let data = data_dir("good");
    let urls: Vec<String> = [
        "/rss.xml",
        "/atom.xml",
        "/page.html",
        "/redirect",
        "/missing",
        "/slow",
        "/huge",
        "/bad.xml",
    ]
    .iter()
    .map(|p| format!("{base}{p}"))
    .collect();
    let args: Vec<&str> = std::iter::once("refresh")
        .chain(urls.iter().map(String::as_str))
        .collect();
    let out = run(&data, &args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "some feeds failed:\n{stderr}");
    for (path, error) in [
        ("/missing", "HTTP 404"),
        ("/slow", "no complete answer within 2 s"),
        ("/huge", "larger than 20 MB"),
        ("/bad.xml", "not a feed"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&format!("{base}{path}")) && l.contains(error)),
            "{path}: {error} expected in\n{stderr}"
        );
    }
    assert!(stdout.contains("4 new articles from 4 feeds"), "{stdout}");
    let store = Store::open(&data.join("khabar.db")).unwrap();
    assert_eq!(store.integrity().unwrap(), "ok");
    assert_eq!(store.article_count().unwrap(), 4);
    assert_eq!(
        titles(&store, &urls),
        [
            "اتفاق بين البلدين",
            "خبر ثانٍ",
            "عنوان بالترميز العربي",
            "مقال الصفحة"
        ],
        "the redirect gave the same items as the RSS: stored once"
    );
    // the failures are remembered with the feed
    assert!(
        store
            .feed(&format!("{base}/missing"))
            .unwrap()
            .unwrap()
            .error
            .unwrap()
            .contains("404")
    );
    drop(store);

    let again = run(&data, &args[..5]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("0 new articles from 4 feeds"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let store = Store::open(&data.join("khabar.db")).unwrap();
    assert_eq!(store.article_count().unwrap(), 4, "no duplicates");
}

#[test]
fn import_opml_subscribes_once_and_refresh_uses_it() {
    let base = common::http_server(common::feed_routes);
    let data = data_dir("opml");
    let opml = data.join("subs.opml");
    std::fs::write(
        &opml,
        format!(
            r#"<?xml version="1.0"?><opml version="2.0"><head><title>اشتراكات</title></head><body>
<outline text="أخبار"><outline text="موقع" type="rss" xmlUrl="{base}/rss.xml"/>
<outline text="وكالة" type="rss" xmlUrl="{base}/atom.xml"/></outline>
<outline text="محلي" xmlUrl="file:///etc/passwd"/></body></opml>"#
        ),
    )
    .unwrap();
    let out = run(&data, &["import-opml", opml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("2 feeds subscribed, 0 already were, 1 skipped"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = run(&data, &["import-opml", opml.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 feeds subscribed, 2 already were"));
    let out = run(&data, &["refresh"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 new articles from 2 feeds"));

    // a broken list is refused and changes nothing
    std::fs::write(&opml, "<opml><body><outline xmlUrl=").unwrap();
    let out = run(&data, &["import-opml", opml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("OPML"));
    let store = Store::open(&data.join("khabar.db")).unwrap();
    assert_eq!(store.subscriptions().unwrap().len(), 2);
}

/// Feed `/big/N.xml`: 1,500 items (about 700 KB), unique to that feed.
fn big_feeds(path: &str, s: &mut TcpStream) {
    let Some(n) = path
        .strip_prefix("/big/")
        .and_then(|p| p.strip_suffix(".xml"))
    else {
        return common::feed_routes(path, s);
    };
    let mut body = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع {n}</title>"#
    );
    for i in 0..1500 {
        body.push_str(&format!(
            "<item><title>خبر {i} من الموقع {n}</title><link>http://example.com/{n}/{i}</link>\
             <description>اتفق الرئيس الأميركي ورئيس الوزراء البريطاني على التعاون في مجالات عدة، \
             وأكدا دعمهما للحوار {n} {i} with English text 2026.</description></item>"
        ));
    }
    body.push_str("</channel></rss>");
    common::http_ok(s, "application/rss+xml; charset=utf-8", body.as_bytes());
}

/// Each feed has all its articles or none, and the database is sound.
fn check_whole(data: &Path, urls: &[String]) -> usize {
    let store = Store::open(&data.join("khabar.db")).unwrap();
    assert_eq!(store.integrity().unwrap(), "ok");
    let mut complete = 0;
    for u in urls {
        let articles = store.articles(std::slice::from_ref(u)).unwrap();
        assert!(
            articles.is_empty() || articles.len() == 1500,
            "{u}: {} articles, a half-written feed",
            articles.len()
        );
        for a in &articles {
            assert!(a.title.starts_with("خبر ") && a.text.ends_with("2026."));
        }
        complete += !articles.is_empty() as usize;
    }
    assert_eq!(store.article_count().unwrap(), complete * 1500);
    complete
}

#[test]
fn a_refresh_killed_at_any_moment_loses_nothing_stored() {
    let base = common::http_server(big_feeds);
    let data = data_dir("kill");
    let urls: Vec<String> = (0..24).map(|n| format!("{base}/big/{n}.xml")).collect();
    let mut args = vec!["refresh"];
    args.extend(urls.iter().map(String::as_str));
    // kill -9 at growing delays: before, during and between transactions
    let mut complete = 0;
    let mut kills = 0;
    for delay_ms in [30u64, 80, 150, 250, 400, 600] {
        let mut child = khabar(&data, &args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL: no chance to clean up
            kills += 1;
        }
        child.wait().unwrap();
        let now = check_whole(&data, &urls);
        eprintln!("killed after {delay_ms} ms: {now} of 24 feeds stored");
        assert!(now >= complete, "a stored feed was lost");
        complete = now;
    }
    assert!(kills >= 3, "the refresh was killed mid-way {kills} times");
    // the next refresh completes the rest, without duplicates
    let start = Instant::now();
    let out = run(&data, &args);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(check_whole(&data, &urls), urls.len());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = format!("{} new articles from 24 feeds", (24 - complete) * 1500);
    assert!(stdout.contains(&expected), "{expected} in {stdout}");
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_broken_store_file_is_reported_and_kept() {
    let data = data_dir("broken");
    std::fs::write(
        data.join("khabar.db"),
        "this is not a database, it is text".repeat(20),
    )
    .unwrap();
    let out = run(&data, &["refresh", "http://127.0.0.1:9/feed.xml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot open the store"), "{stderr}");
    assert!(
        std::fs::read_to_string(data.join("khabar.db"))
            .unwrap()
            .starts_with("this is not a database")
    );
}
