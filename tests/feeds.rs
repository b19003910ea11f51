//! The feeds as a reader manages them, against a real server on
//! 127.0.0.1: `khabar add URL` subscribes, `khabar feeds` lists each feed
//! with its counts, last fetch and last error (and as JSON), `khabar remove
//! URL` unsubscribes and keeps the articles, `--purge` removes them too.
//! In the browser (tmux): `F` shows the feeds, Enter a feed's articles,
//! Esc the feeds again; `A` marks the list read once asked.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

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
    // a subscribed feed that fails is listed with its error
    let failing = format!("{base}/failing.xml");
    let opml = dir.join("list.opml");
    std::fs::write(
        &opml,
        format!(
            "<opml version=\"2.0\"><body><outline text=\"x\" xmlUrl=\"{failing}\"/></body></opml>"
        ),
    )
    .unwrap();
    assert!(
        khabar(&dir, &["import-opml", opml.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(khabar(&dir, &["refresh", &gone]).status.code(), Some(2));
    let listed = stdout(&khabar(&dir, &["feeds"]));
    let line = listed.lines().find(|l| l.starts_with(&rss)).expect(&listed);
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(cols[1], "موقع الأخبار", "{line}");
    assert_eq!((cols[2], cols[3]), ("2", "2"), "unread, total: {line}");
    assert_ne!(cols[4], "never");
    // a URL given once that failed (not followed, nothing read) is not
    // listed forever
    assert!(!listed.contains(&gone), "{listed}");
    let _ = khabar(&dir, &["refresh"]);
    let listed = stdout(&khabar(&dir, &["feeds"]));
    let failed = listed
        .lines()
        .find(|l| l.starts_with(&failing))
        .expect(&listed);
    assert!(
        failed.contains("HTTP 404") && !failed.contains("not subscribed"),
        "{failed}"
    );
    // removed: off the list, nothing to refresh
    let out = khabar(&dir, &["remove", &failing]);
    assert!(stdout(&out).contains("removed from the feeds"), "{out:?}");
    assert!(!stdout(&khabar(&dir, &["feeds"])).contains(&failing));
    assert!(!stdout(&khabar(&dir, &["refresh"])).contains(&failing));
    let json: serde_json::Value =
        serde_json::from_slice(&khabar(&dir, &["feeds", "--json"]).stdout).unwrap();
    let first = &json.as_array().unwrap()[0];
    assert_eq!(first["url"], rss.as_str());
    assert_eq!(first["total"], 2);
    assert_eq!(first["subscribed"], true);

    // unsubscribed and off the list: the articles stay
    let out = khabar(&dir, &["remove", &rss]);
    assert!(stdout(&out).contains("unsubscribed"), "{out:?}");
    let store = dir.join("data").join("khabar.db");
    assert_eq!(common::count_rows(&store, "articles"), 2);
    assert!(!stdout(&khabar(&dir, &["feeds"])).contains(&rss));
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
    // a feed the config follows is removed there
    std::fs::write(dir.join("config.toml"), format!("feeds = [\"{rss}\"]\n")).unwrap();
    assert!(khabar(&dir, &["refresh"]).status.success());
    let out = khabar(&dir, &["remove", &rss]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is in the config's feeds"),
        "{out:?}"
    );
    let listed = stdout(&khabar(&dir, &["feeds"]));
    assert!(
        listed.contains(&rss) && !listed.contains("not subscribed"),
        "{listed}"
    );
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
    // Esc goes back to the feeds, on that feed; Esc again to all of them
    t.keys("Escape");
    t.wait_for("the feeds again", |s| s.contains("Feeds (2)"));
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
    let out = common::khabar()
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

#[test]
fn export_opml_lists_the_feeds_followed_with_titles_nested_by_folder() {
    let dir = scratch("export");
    let base = common::http_server(common::feed_routes);
    let (rss, atom, gone, page) = (
        format!("{base}/rss.xml"),
        format!("{base}/atom.xml"),
        format!("{base}/missing.xml"),
        format!("{base}/page.html"),
    );
    let opml = dir.join("in.opml");
    std::fs::write(
        &opml,
        format!(
            r#"<?xml version="1.0"?><opml version="2.0"><body>
            <outline text="عربي"><outline text="اقتصاد">
              <outline text="اسم من القائمة" xmlUrl="{rss}"/></outline>
              <outline text="وكالة &amp; شركاه" xmlUrl="{atom}"/></outline>
            <outline text="بلا مجلد" xmlUrl="{gone}"/></body></opml>"#
        ),
    )
    .unwrap();
    assert!(
        khabar(&dir, &["import-opml", opml.to_str().unwrap()])
            .status
            .success()
    );
    // the config's feeds are followed too (a page is read, not a feed)
    std::fs::write(dir.join("config.toml"), format!("feeds = [\"{page}\"]\n")).unwrap();
    let _ = khabar(&dir, &["refresh"]);
    let out = khabar(&dir, &["export-opml"]);
    assert!(out.status.success(), "{out:?}");
    let doc = stdout(&out);
    let (feeds, skipped) = khabar::corpus::opml::parse_opml("out.opml", &doc).unwrap();
    assert_eq!(skipped, 0);
    let got: Vec<(String, Option<String>, Vec<String>)> = feeds
        .into_iter()
        .map(|f| (f.url, f.title, f.folder))
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            // the feed's own title, once fetched, over the list's
            (atom.clone(), Some("وكالة".into()), s(&["عربي"])),
            (
                rss.clone(),
                Some("موقع الأخبار".into()),
                s(&["عربي", "اقتصاد"])
            ),
            (gone.clone(), Some("بلا مجلد".into()), vec![]),
            (page.clone(), Some(page.clone()), vec![]),
        ],
        "{doc}"
    );
    // another store reads it back: the same subscriptions and folders
    let other = scratch("export-back");
    let file = other.join("back.opml");
    std::fs::write(&file, &doc).unwrap();
    let out = khabar(&other, &["import-opml", file.to_str().unwrap()]);
    assert!(stdout(&out).contains("4 feeds subscribed"), "{out:?}");
    let again = stdout(&khabar(&other, &["export-opml"]));
    // the same lines (a feed the config followed is subscribed there: it
    // sorts among the others)
    let strip = |d: &str| -> Vec<String> {
        let mut l: Vec<String> = d
            .lines()
            .filter(|l| !l.contains("dateCreated"))
            .map(str::to_string)
            .collect();
        l.sort();
        l
    };
    assert_eq!(strip(&again), strip(&doc));
}

/// The test feeds, and a feed of a summary whose page is missing.
fn cron_routes(path: &str, s: &mut std::net::TcpStream) {
    match path {
        "/summaries.xml" => common::http_ok(
            s,
            "application/rss+xml; charset=utf-8",
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>ملخصات</title>
            <item><title>خبر موجز</title><link>/gone.html</link><description>سطر واحد.</description></item>
            </channel></rss>"#
                .as_bytes(),
        ),
        _ => common::feed_routes(path, s),
    }
}

#[test]
fn refresh_suits_cron_quiet_on_success_and_its_exit_status_says_how_it_went() {
    let dir = scratch("cron");
    let base = common::http_server(cron_routes);
    let rss = format!("{base}/rss.xml");
    let summaries = format!("{base}/summaries.xml");
    // the test feed's item links to a closed port: no page asked for there
    std::fs::write(
        dir.join("config.toml"),
        format!("feeds = [\"{rss}\", \"{summaries}\"]\n[full_text_feeds]\n\"{rss}\" = \"never\"\n"),
    )
    .unwrap();
    // all fetched: nothing printed, exit 0 (cron mails nothing), even
    // when an item's page failed (its summary is kept, tried again later,
    // and khabar feeds says so)
    let out = khabar(&dir, &["refresh", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    let listed = stdout(&khabar(&dir, &["feeds", "--json"]));
    assert!(listed.contains("gone.html: HTTP 404"), "{listed}");
    std::fs::write(
        dir.join("config.toml"),
        format!("feeds = [\"{rss}\"]\nfull_text = \"never\"\n"),
    )
    .unwrap();
    let listed = stdout(&khabar(&dir, &["feeds"]));
    assert!(listed.contains("\t2\t2\t"), "stored: {listed}");
    // one failed: only its error, on stderr, exit 2
    let gone = format!("{base}/missing.xml");
    let out = khabar(&dir, &["refresh", "-q", &gone]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("khabar: {gone}: HTTP 404 Not Found\n")
    );
    // not quiet: a line per feed and the summary
    let out = khabar(&dir, &["refresh"]);
    assert_eq!(out.status.code(), Some(0));
    let said = stdout(&out);
    assert!(said.starts_with(&format!("{rss}: 0 new of 2\n")), "{said}");
    assert!(said.contains("0 new articles from 1 feeds in "), "{said}");
    // a broken config: exit 2, nothing fetched
    std::fs::write(dir.join("config.toml"), "reload = \"often\"\n").unwrap();
    let out = khabar(&dir, &["refresh", "--quiet"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("config.toml:1:10: reload"),
        "{out:?}"
    );
}
