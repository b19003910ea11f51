//! A daily reader's week in a real terminal (tmux), feeds served on
//! 127.0.0.1: `reload` refreshes while the browser runs and the list keeps
//! its place; `|` gives the article's text to a shell command; items
//! without a date come after the dated ones of their fetch.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::tmux::{Tmux, khabar_cmd};

/// An RSS feed of the items `(title, hour)` (each its link, its text,
/// its date at that hour).
fn rss(items_in: &[(&str, u32)]) -> String {
    let mut items = String::new();
    for (t, hour) in items_in {
        items.push_str(&format!(
            "<item><title>{t}</title><link>http://127.0.0.1:9/{hour}</link><pubDate>Fri, 14 Jan 2022 {hour:02}:00:00 GMT</pubDate><description>نص خبر الساعة {hour}.</description></item>"
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>موقع الأخبار</title>{items}</channel></rss>"
    )
}

#[test]
fn reload_refreshes_in_the_background_and_the_list_keeps_its_place() {
    let dir = common::scratch("reload");
    // the feed gains a newer article from its second fetch on
    let fetches = Arc::new(AtomicUsize::new(0));
    let base = {
        let fetches = Arc::clone(&fetches);
        common::http_server(move |path, s| {
            if path != "/feed.xml" {
                return;
            }
            let n = fetches.fetch_add(1, Ordering::SeqCst);
            let old = [
                ("الخبر الأول", 12),
                ("الخبر الثاني", 11),
                ("الخبر الثالث", 10),
            ];
            let body = if n == 0 {
                rss(&old)
            } else {
                rss(&[&[("خبر جديد وصل", 13)][..], &old[..]].concat())
            };
            common::http_ok(s, "application/rss+xml; charset=utf-8", body.as_bytes());
        })
    };
    std::fs::write(
        dir.join("config.toml"),
        format!("feeds = [\"{base}/feed.xml\"]\nreload = \"10s\"\n"),
    )
    .unwrap();
    let env = format!(
        "KHABAR_CONFIG={} KHABAR_DATA={}",
        dir.join("config.toml").display(),
        dir.join("data").display()
    );
    let t = Tmux::start("reload", &khabar_cmd(&env, ""), 120, 30);
    t.wait_for("the first fetch", |s| {
        s.contains("Articles (3)") && s.contains("refreshed 1/1")
    });
    // select the second article: the reader shows it
    t.keys("j");
    let second = common::fribidi_lines(&["الخبر الثاني".to_string()]).remove(0);
    let reading_second =
        |s: &str| -> bool { s.lines().nth(1).is_some_and(|l| l.contains(second.trim())) };
    let screen = t.wait_for("the second selected", |s| {
        reading_second(s) && s.contains(" 2/3 ")
    });
    assert!(screen.contains("Articles (3)"), "{screen}");
    // no key pressed: the reload brings the new article, the selection
    // stays on the article it was on (now the third of four)
    std::thread::sleep(std::time::Duration::from_secs(8));
    let screen = t.wait_for("the reload", |s| {
        s.contains("Articles (4)") && s.contains(" 3/4 ")
    });
    assert!(reading_second(&screen), "{screen}");
    assert!(fetches.load(Ordering::SeqCst) >= 2);
    let fresh = common::fribidi_lines(&["خبر جديد وصل".to_string()]).remove(0);
    assert!(screen.contains(fresh.trim()), "{screen}");
    t.quit();
}

#[test]
fn a_pipe_gives_the_articles_text_to_a_command() {
    let dir = common::scratch("pipe");
    let article = dir.join("a.txt");
    std::fs::write(&article, "عنوان الخبر\n\nفقرة أولى من خمس كلمات.\n").unwrap();
    let out = dir.join("out.txt");
    let env = format!(
        "KHABAR_CONFIG={} KHABAR_DATA={}",
        dir.join("config.toml").display(),
        dir.join("data").display()
    );
    let t = Tmux::start(
        "pipe",
        &khabar_cmd(&env, article.to_str().unwrap()),
        100,
        30,
    );
    t.wait_for("the article", |s| s.contains("Articles (1)"));
    t.keys("|");
    t.wait_for("the prompt", |s| s.contains("pipe to:"));
    // tmux sends the command's words as typed
    t.keys(&format!("tee {}", out.display()));
    t.keys("Enter");
    let screen = t.wait_for("the command's output and the way back", |s| {
        s.contains("press Enter to return")
    });
    assert!(
        screen.contains("عنوان الخبر") || screen.contains("ﺮﺒﺨﻟﺍ"),
        "{screen}"
    );
    t.keys("Enter");
    t.wait_for("the browser again", |s| {
        s.contains("Articles (1)") && s.contains("the article went through tee")
    });
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "عنوان الخبر\n\nفقرة أولى من خمس كلمات.\n\n"
            .trim_end()
            .to_string()
            + "\n"
    );
    t.quit();
}

#[test]
fn a_refresh_lists_items_without_a_date_after_the_dated_ones_in_the_feeds_order() {
    let dir = common::scratch("undated");
    let base = common::http_server(|path, s| {
        if path != "/feed.xml" {
            return;
        }
        // the feed's order: undated, dated, undated, dated
        let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>موقع الأخبار</title>\
            <item><title>بلا تاريخ أول</title><link>http://127.0.0.1:9/a</link><description>نص أول.</description></item>\
            <item><title>مؤرخ حديث</title><link>http://127.0.0.1:9/b</link><pubDate>Fri, 14 Jan 2022 12:00:00 GMT</pubDate><description>نص ثان.</description></item>\
            <item><title>بلا تاريخ ثان</title><link>http://127.0.0.1:9/c</link><description>نص ثالث.</description></item>\
            <item><title>مؤرخ أقدم</title><link>http://127.0.0.1:9/d</link><pubDate>Fri, 14 Jan 2022 09:00:00 GMT</pubDate><description>نص رابع.</description></item>\
            </channel></rss>";
        common::http_ok(s, "application/rss+xml; charset=utf-8", body.as_bytes());
    });
    std::fs::write(
        dir.join("config.toml"),
        format!("feeds = [\"{base}/feed.xml\"]\nfull_text = \"never\"\n"),
    )
    .unwrap();
    let env = format!(
        "KHABAR_CONFIG={} KHABAR_DATA={}",
        dir.join("config.toml").display(),
        dir.join("data").display()
    );
    let t = Tmux::start("undated", &khabar_cmd(&env, ""), 120, 30);
    let screen = t.wait_for("the fetch", |s| {
        s.contains("Articles (4)") && s.contains("refreshed 1/1")
    });
    let titles = ["مؤرخ حديث", "مؤرخ أقدم", "بلا تاريخ أول", "بلا تاريخ ثان"];
    let shown: Vec<String> = titles
        .iter()
        .map(|t| {
            common::fribidi_lines(&[t.to_string()])
                .remove(0)
                .trim()
                .to_string()
        })
        .collect();
    let rows: Vec<usize> = shown
        .iter()
        .map(|t| {
            screen
                .lines()
                .position(|l| l.contains(t.as_str()))
                .unwrap_or_else(|| panic!("{t}: {screen}"))
        })
        .collect();
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "{rows:?}\n{screen}");
    // the dated items show their day, the undated ones none
    let detail = |k: usize| {
        // the list's pane: the last box of the line (the layout is rtl)
        let line = screen.lines().nth(rows[k] + 1).unwrap_or("");
        let parts: Vec<&str> = line.split('│').collect();
        parts[parts.len().saturating_sub(2)].to_string()
    };
    assert!(detail(0).contains("14 Jan 2022"), "{screen}");
    assert!(
        !detail(2).contains("20") && !detail(3).contains("20"),
        "{screen}"
    );
    t.quit();
}
