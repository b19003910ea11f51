//! The feeds as a reader manages them, against a real server on
//! 127.0.0.1: `khabar add URL` subscribes, `khabar feeds` lists each feed
//! with its counts, last fetch and last error (and as JSON), `khabar remove
//! URL` unsubscribes and keeps the articles, `--purge` removes them too.
//! In the browser (tmux): `F` shows the feeds, Enter a feed's articles,
//! Esc all of them again; `A` marks the list read once asked.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::tmux::{Tmux, khabar_cmd};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn feeds_are_listed_removed_and_purged_from_the_command_line() {
    let dir = scratch("cli");
    let base = common::http_server(common::feed_routes);
    let rss = format!("{base}/rss.xml");
    let gone = format!("{base}/missing.xml");
    assert!(khabar(&dir, &["add", &rss]).status.success());
    // a feed that fails is known with its error
    assert_eq!(khabar(&dir, &["refresh", &gone]).status.code(), Some(2));
    let listed = stdout(&khabar(&dir, &["feeds"]));
    let line = listed.lines().find(|l| l.starts_with(&rss)).expect(&listed);
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(cols[1], "موقع الأخبار", "{line}");
    assert_eq!((cols[2], cols[3]), ("2", "2"), "unread, total: {line}");
    assert_ne!(cols[4], "never");
    let failed = listed
        .lines()
        .find(|l| l.starts_with(&gone))
        .expect(&listed);
    assert!(
        failed.contains("HTTP 404") && failed.contains("not subscribed"),
        "{failed}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&khabar(&dir, &["feeds", "--json"]).stdout).unwrap();
    let first = &json.as_array().unwrap()[0];
    assert_eq!(first["url"], rss.as_str());
    assert_eq!(first["total"], 2);
    assert_eq!(first["subscribed"], true);

    // unsubscribed: the articles stay
    let out = khabar(&dir, &["remove", &rss]);
    assert!(stdout(&out).contains("unsubscribed"), "{out:?}");
    let store = dir.join("data").join("khabar.db");
    assert_eq!(common::count_rows(&store, "articles"), 2);
    assert!(stdout(&khabar(&dir, &["feeds"])).contains("not subscribed"));
    let found = khabar(&dir, &["search", "--count", "اتفاق"]);
    assert!(stdout(&found).contains(":"), "still searchable: {found:?}");
    // purged: gone, from the search too
    let out = khabar(&dir, &["remove", "--purge", &rss]);
    assert!(stdout(&out).contains("2 articles"), "{out:?}");
    assert_eq!(common::count_rows(&store, "articles"), 0);
    let found = khabar(&dir, &["search", "--count", "اتفاق"]);
    assert!(
        !stdout(&found).contains("rss.xml"),
        "nothing of it to find: {found:?}"
    );
    assert!(!stdout(&khabar(&dir, &["feeds"])).contains(&rss));
    // an unknown feed is said so
    let out = khabar(&dir, &["remove", "http://127.0.0.1:9/none"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn f_shows_the_feeds_enter_a_feeds_articles_and_a_marks_them_read() {
    let dir = scratch("tui");
    let base = common::http_server(common::feed_routes);
    let rss = format!("{base}/rss.xml");
    let gone = format!("{base}/missing.xml");
    std::fs::write(
        dir.join("config.toml"),
        format!("feeds = [\"{rss}\", \"{gone}\"]\n"),
    )
    .unwrap();
    let env = format!(
        "KHABAR_CONFIG={} KHABAR_DATA={}",
        dir.join("config.toml").display(),
        dir.join("data").display()
    );
    let t = Tmux::start("feedsview", &khabar_cmd(&env, ""), 120, 40);
    t.wait_for("the refresh", |s| {
        s.contains("Articles (2)") && s.contains("refreshed")
    });
    t.keys("F");
    let title = common::fribidi_lines(&["موقع الأخبار".to_string()]).remove(0);
    let screen = t.wait_for("the feeds", |s| s.contains("Feeds (2)"));
    assert!(screen.contains(&title), "{screen}");
    assert!(screen.contains("2 unread of 2"), "{screen}");
    assert!(
        screen.contains("HTTP 404"),
        "the failed feed's error: {screen}"
    );
    // the failed feed (no title: its URL) sorts first; the second is the one
    t.keys("j");
    t.keys("Enter");
    let screen = t.wait_for("its articles", |s| !s.contains("Feeds (2)"));
    assert!(screen.contains(&title), "the list names the feed: {screen}");
    t.keys("Escape");
    t.wait_for("all the articles", |s| s.contains("Articles (2)"));
    // A asks, y says yes: nothing unread
    t.keys("A");
    t.wait_for("the question", |s| {
        s.contains("mark the 2 articles listed read?")
    });
    t.keys("y");
    let screen = t.wait_for("the answer", |s| s.contains("2 articles marked read"));
    assert!(!screen.contains("unread"), "{screen}");
    t.quit();
    // stored: the next session has nothing unread either
    let out = Command::new(common::khabar_bin())
        .env("KHABAR_DATA", dir.join("data"))
        .env("KHABAR_CONFIG", dir.join("config.toml"))
        .args(["feeds"])
        .output()
        .unwrap();
    let line = stdout(&out);
    let line = line
        .lines()
        .find(|l| l.starts_with(&rss))
        .unwrap()
        .to_string();
    assert_eq!(line.split('\t').nth(2), Some("0"), "{line}");
}

#[test]
fn a_url_given_to_the_browser_is_read_not_followed_and_it_says_how_to_follow_it() {
    let dir = scratch("given");
    let base = common::http_server(common::feed_routes);
    let rss = format!("{base}/rss.xml");
    let env = format!(
        "KHABAR_CONFIG={} KHABAR_DATA={}",
        std::path::Path::new("/dev/null").display(),
        dir.join("data").display()
    );
    let t = Tmux::start("given", &khabar_cmd(&env, &rss), 160, 40);
    t.wait_for("the advice", |s| s.contains(&format!("khabar add {rss}")));
    t.wait_for("its articles", |s| s.contains("Articles (2)"));
    t.quit();
    let listed = stdout(&khabar(&dir, &["feeds"]));
    let line = listed.lines().find(|l| l.starts_with(&rss)).expect(&listed);
    assert!(line.ends_with("(not subscribed)"), "{line}");
}

fn scratch(name: &str) -> PathBuf {
    common::scratch(name)
}

fn khabar(dir: &Path, args: &[&str]) -> Output {
    common::khabar_in(dir).args(args).output().unwrap()
}
