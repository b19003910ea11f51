//! Pruning and compaction killed at any moment: `khabar prune` removes what
//! the config no longer keeps and then gives the space back (the codes file
//! written again, the database vacuumed a step at a time). Killed with
//! SIGKILL at growing delays, run after run, the store must open sound every
//! time, with every article it still holds whole and found by a search, and
//! no article the config keeps lost; the last run completes it.

mod common;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use khabar::corpus::Store;

const FEEDS: usize = 10;
const ITEMS: usize = 1200;
const KEEP: usize = 300;

/// Feed `/big/N.xml`: `ITEMS` items, unique to that feed, each dated (the
/// newest first), each with its own words.
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
    const WORDS: [&str; 12] = [
        "الحكومة",
        "المفاوضات",
        "الاقتصاد",
        "العاصمة",
        "الوزير",
        "البرلمان",
        "الانتخابات",
        "المنطقة",
        "الشركة",
        "الأسواق",
        "المدينة",
        "الجامعة",
    ];
    for i in 0..ITEMS {
        // a paragraph of its own words, so that the search text is large
        // enough for its compaction to take a while
        let own: String = (0..60)
            .map(|k| {
                format!(
                    "{} {} ",
                    WORDS[(i * 7 + k * 5 + k * k) % 12],
                    (i * 31 + k * 17) % 997
                )
            })
            .collect();
        // item i is i minutes older than item 0
        let minute = 59 - (i % 60);
        let hour = 23 - (i / 60) % 24;
        let day = 28 - i / 1440;
        body.push_str(&format!(
            "<item><title>خبر {i} من الموقع {n}</title><link>http://example.com/{n}/{i}</link>\
             <pubDate>{day:02} Dec 2026 {hour:02}:{minute:02}:00 +0000</pubDate>\
             <description>اتفق الرئيس الأميركي ورئيس الوزراء البريطاني على التعاون في مجالات عدة، \
             {own}وأكدا دعمهما للحوار {n} {i} كلمة{k} with English text 2026.</description></item>",
            k = i % 7
        ));
    }
    body.push_str("</channel></rss>");
    common::http_ok(s, "application/rss+xml; charset=utf-8", body.as_bytes());
}

fn khabar(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(common::khabar_bin());
    c.args(args)
        .env("KHABAR_DATA", data)
        .env("KHABAR_CONFIG", data.join("config.toml"))
        .stdin(Stdio::null());
    c
}

/// The item number of an article of feed `n` (from its title).
fn item_of(title: &str) -> usize {
    title
        .strip_prefix("خبر ")
        .and_then(|t| t.split(' ').next())
        .and_then(|i| i.parse().ok())
        .unwrap_or_else(|| panic!("a title as served: {title}"))
}

/// The store opens sound; each feed holds its newest `KEEP` items at least,
/// every article it holds whole; a search finds in each article what its
/// text holds. How many articles it holds.
fn check_sound(data: &Path, urls: &[String]) -> usize {
    let store = Store::open(&data.join("khabar.db")).unwrap();
    assert_eq!(store.integrity().unwrap(), "ok");
    let mut texts = Vec::new();
    for (n, u) in urls.iter().enumerate() {
        let ids = store.feed_ids(u).unwrap();
        let mut items = Vec::new();
        for id in ids {
            let a = store
                .article(id)
                .unwrap()
                .expect("a listed article is there");
            assert!(
                a.title.ends_with(&format!("من الموقع {n}")) && a.text.ends_with("2026."),
                "article {id} whole: {:?}",
                a.text
            );
            items.push(item_of(&a.title));
            texts.push((id, a.text));
        }
        items.sort();
        assert!(
            items.len() >= KEEP && items[..KEEP] == (0..KEEP).collect::<Vec<_>>()[..],
            "{u}: the newest {KEEP} items kept ({} held)",
            items.len()
        );
    }
    assert_eq!(store.article_count().unwrap(), texts.len());
    for q in ["كلمة3", "الحوار", "2026"] {
        let (got, want) = common::store_counts_beside_brute_force(
            &store,
            texts.iter().map(|(id, t)| (*id, t.as_str())),
            q,
        );
        assert_eq!(got.len(), want.len(), "{q}: articles found");
        assert_eq!(got, want, "{q}");
    }
    texts.len()
}

fn codes_file(data: &Path) -> PathBuf {
    data.join("khabar.db.codes")
}

#[test]
fn a_prune_and_its_compaction_killed_at_any_moment_leave_every_kept_article_whole() {
    let base = common::http_server(big_feeds);
    let data = common::scratch("compact-kill");
    std::fs::write(
        data.join("config.toml"),
        format!("fetch_timeout = 5\nkeep_per_feed = {KEEP}\n"),
    )
    .unwrap();
    let urls: Vec<String> = (0..FEEDS).map(|n| format!("{base}/big/{n}.xml")).collect();
    let mut args = vec!["refresh", "--no-full-text"];
    args.extend(urls.iter().map(String::as_str));
    let out = khabar(&data, &args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(check_sound(&data, &urls), FEEDS * ITEMS);
    let codes_before = std::fs::metadata(codes_file(&data)).unwrap().len();

    // unread articles stay: a dry run says so, and removes nothing
    let out = khabar(&data, &["prune", "--dry-run"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(
        said.contains(&format!(
            "would remove 0 articles of 0 feeds; {} unread kept (--unread removes them too)",
            "9,000"
        )),
        "{said}"
    );
    let out = khabar(&data, &["prune", "--dry-run", "--unread"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!(
            "{}: would remove 900 articles (900 beyond keep_per_feed)",
            urls[0]
        )),
        "{said}"
    );
    assert!(
        said.contains("would remove 9,000 articles of 10 feeds"),
        "{said}"
    );
    assert_eq!(check_sound(&data, &urls), FEEDS * ITEMS);

    // kill -9 at growing delays: in the removals, in the compaction, between
    let keep_per_feed = |n: usize| {
        std::fs::write(
            data.join("config.toml"),
            format!("fetch_timeout = 5\nkeep_per_feed = {n}\n"),
        )
        .unwrap()
    };
    keep_per_feed(900);
    let mut kills = 0;
    let mut held = FEEDS * ITEMS;
    for delay_ms in [40u64, 120, 250, 400, 600, 900, 1300] {
        let mut child = khabar(&data, &["prune", "--unread"])
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
        let now = check_sound(&data, &urls);
        eprintln!("killed after {delay_ms} ms: {now} articles held");
        assert!(now <= held, "an article came back");
        held = now;
    }
    assert!(kills >= 3, "the prune was killed mid-way {kills} times");

    // and in the compaction: killed as soon as it writes the new codes file,
    // and a little later, each prune leaving more to give back
    let mut in_compaction = 0;
    for (keep, after_us) in [
        (800, 0u64),
        (700, 500),
        (600, 2000),
        (500, 5000),
        (400, 12000),
    ] {
        keep_per_feed(keep);
        let mut child = khabar(&data, &["prune", "--unread"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let new_file = data.join("khabar.db.codes.new");
        while !new_file.exists() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_micros(after_us));
        if child.try_wait().unwrap().is_none() {
            in_compaction += new_file.exists() as usize;
            child.kill().unwrap();
        }
        child.wait().unwrap();
        let now = check_sound(&data, &urls);
        eprintln!("keep {keep}, killed {after_us} us into the compaction: {now} articles held");
        held = now;
    }
    eprintln!("{in_compaction} kills while the codes file was written again");
    assert!(
        in_compaction >= 2,
        "the compaction was killed mid-way {in_compaction} times"
    );
    assert!(held >= FEEDS * KEEP);
    keep_per_feed(KEEP);

    // the last run completes it: each feed its newest KEEP, the space back
    let out = khabar(&data, &["prune", "--unread"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(check_sound(&data, &urls), FEEDS * KEEP);
    assert!(!data.join("khabar.db.codes.new").exists());
    let codes_after = std::fs::metadata(codes_file(&data)).unwrap().len();
    assert!(
        codes_after < codes_before,
        "the search text shrank: {codes_before} -> {codes_after}"
    );
    // what is left to give back is below what a compaction bothers with
    let store = Store::open(&data.join("khabar.db")).unwrap();
    let (waste, _) = store.codes_waste().unwrap();
    assert!(
        waste < 1 << 20 || waste * 8 < codes_after,
        "{waste} bytes left of {codes_after}"
    );
    std::fs::remove_dir_all(&data).unwrap();
}

/// Feed `/dated.xml`: 40 items, item i i hours older than item 0.
fn dated_feed(_path: &str, s: &mut TcpStream) {
    let mut body = String::from(
        r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع مؤرخ</title>"#,
    );
    for i in 0..40 {
        body.push_str(&format!(
            "<item><title>خبر مؤرخ {i}</title><link>http://example.com/dated/{i}</link>\
             <pubDate>{:02} Nov 2026 {:02}:00:00 +0000</pubDate>\
             <description>نص الخبر المؤرخ رقم {i} عن المفاوضات.</description></item>",
            28 - i / 24,
            23 - i % 24
        ));
    }
    body.push_str("</channel></rss>");
    common::http_ok(s, "application/rss+xml; charset=utf-8", body.as_bytes());
}

#[test]
fn the_browser_prunes_what_the_config_no_longer_keeps_after_a_refresh() {
    use common::tmux::{Tmux, khabar_cmd};
    let base = common::http_server(dated_feed);
    let dir = common::scratch("browser-prune");
    let data = dir.join("data");
    let url = format!("{base}/dated.xml");
    std::fs::write(
        dir.join("config.toml"),
        format!("feeds = [\"{url}\"]\nkeep_per_feed = 10\nfull_text = \"never\"\n"),
    )
    .unwrap();
    let out = common::khabar_in(&dir).arg("refresh").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    // every item read but the five oldest
    {
        let c = rusqlite::Connection::open(data.join("khabar.db")).unwrap();
        c.execute(
            "UPDATE articles SET read = 1 WHERE title NOT IN
             ('خبر مؤرخ 35', 'خبر مؤرخ 36', 'خبر مؤرخ 37', 'خبر مؤرخ 38', 'خبر مؤرخ 39')",
            [],
        )
        .unwrap();
    }
    let cmd = khabar_cmd(
        &format!(
            "KHABAR_CONFIG={} KHABAR_DATA={}",
            dir.join("config.toml").display(),
            data.display()
        ),
        "",
    );
    let t = Tmux::start("browser-prune", &cmd, 160, 40);
    t.wait_for("the prune after the refresh, said", |s| {
        s.contains("25 articles the config no longer keeps removed")
    });
    t.quit();
    drop(t);
    let store = Store::open(&data.join("khabar.db")).unwrap();
    let mut items: Vec<usize> = store
        .feed_ids(&url)
        .unwrap()
        .into_iter()
        .map(|id| {
            let title = store.article(id).unwrap().unwrap().title;
            title.rsplit(' ').next().unwrap().parse().unwrap()
        })
        .collect();
    items.sort();
    let want: Vec<usize> = (0..10).chain(35..40).collect();
    assert_eq!(items, want, "the newest 10 and the unread kept");
    std::fs::remove_dir_all(&dir).unwrap();
}
