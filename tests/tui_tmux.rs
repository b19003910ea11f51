//! The release binary in a real terminal (tmux): the seed title appears
//! shaped and in visual order, `j` shows the other seed, `q` exits 0 with
//! the terminal restored. And the ways the browser refuses to start.

mod common;

use common::tmux::{Tmux, khabar_cmd};

use std::path::Path;
use std::process::Stdio;

fn visual(text: &str) -> String {
    common::fribidi_lines(&[text.to_string()]).remove(0)
}

#[test]
fn browse_the_seeds_in_tmux_then_quit_cleanly() {
    let t = Tmux::start("browse", &khabar_cmd("", ""), 120, 40);
    let seeds = khabar::corpus::seeds::seed_articles();
    // The first seed's title, as fribidi shows it, on screen.
    let title = visual(&seeds[0].title);
    let screen = t.wait_for("the first seed's title and the status bar", |s| {
        s.contains(&title) && s.contains("1/2")
    });
    assert!(screen.contains("Articles") && screen.contains("Reader") && screen.contains("Facts"));
    // j moves the list to the other seed; the reader shows it.
    t.keys("j");
    let first_words = visual("عقدت الولايات المتحدة وفرنسا");
    let screen = t.wait_for("the second seed", |s| {
        s.contains("2/2") && s.contains(&first_words)
    });
    assert!(
        !screen.contains(&title),
        "the first seed's title left the reader"
    );
    // q quits with status 0 and the terminal comes back (alternate screen left).
    let screen = t.quit();
    assert!(
        !screen.contains("Reader"),
        "the browser's screen is gone:\n{screen}"
    );
}

#[test]
fn bad_files_are_skipped_and_reported_after_exit() {
    let dir = std::env::temp_dir().join(format!("khabar-bad-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("good.txt"), "خبر جيد\nنص الخبر.").unwrap();
    std::fs::write(dir.join("sub/empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("sub/binary.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    )
    .unwrap();
    let t = Tmux::start("bad", &khabar_cmd("", &dir.display().to_string()), 100, 30);
    t.wait_for("the good article", |s| {
        s.contains(&visual("خبر جيد")) && s.contains("1/1")
    });
    let screen = t.quit();
    assert!(
        screen.contains("empty.txt: empty file, skipped"),
        "{screen}"
    );
    assert!(
        screen.contains("binary.txt: binary file, skipped"),
        "{screen}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_a_terminal_khabar_points_to_render() {
    let out = common::khabar()
        .env("KHABAR_CONFIG", "/dev/null")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("needs a terminal") && err.contains("khabar render"),
        "{err}"
    );
}

#[test]
fn a_broken_config_is_refused_with_file_and_line() {
    let path = std::env::temp_dir().join(format!("khabar-config-{}.toml", std::process::id()));
    std::fs::write(&path, "theme = \"dark\"\nlayout = \"diagonal\"\n").unwrap();
    let out = common::khabar()
        .env("KHABAR_CONFIG", &path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:2:10: layout must be", path.display())),
        "{err}"
    );
    let _ = std::fs::remove_file(Path::new(&path));
}

#[test]
fn search_a_seed_in_tmux_and_see_the_count() {
    let t = Tmux::start("search", &khabar_cmd("", ""), 120, 40);
    let title = visual(&khabar::corpus::seeds::seed_articles()[0].title);
    t.wait_for("the first seed", |s| {
        s.contains(&title) && s.contains("1/2")
    });
    t.keys("/");
    t.keys("اوكرانيا");
    // the prompt shows the query shaped and right-to-left, with the count
    let typed = visual("اوكرانيا");
    t.wait_for("the typed query and its count", |s| {
        s.lines()
            .last()
            .is_some_and(|l| l.contains(&typed) && l.contains("1/2"))
    });
    t.keys("Enter");
    t.wait_for("the match count in the status bar", |s| {
        s.lines().last().is_some_and(|l| l.contains("│ 1/2"))
    });
    t.keys("n");
    t.wait_for("the next match", |s| {
        s.lines().last().is_some_and(|l| l.contains("│ 2/2"))
    });
    t.quit();
}

/// A one-feed HTTP server on 127.0.0.1; its URL.
fn serve_feed() -> String {
    let base = common::http_server(|_path, s| {
        let body = r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع</title><item><title>خبر من الشبكة</title><description>نص الخبر</description></item></channel></rss>"#;
        common::http_ok(s, "application/rss+xml; charset=utf-8", body.as_bytes());
    });
    format!("{base}/feed.xml")
}

#[test]
fn feeds_in_the_config_fill_the_empty_store_in_place_of_the_seeds() {
    let url = serve_feed();
    let config = std::env::temp_dir().join(format!("khabar-feeds-{}.toml", std::process::id()));
    std::fs::write(&config, format!("feeds = [\"{url}\"]\n")).unwrap();
    let t = Tmux::start(
        "feeds",
        &khabar_cmd(&format!("KHABAR_CONFIG={}", config.display()), ""),
        120,
        40,
    );
    let title = visual("خبر من الشبكة");
    t.wait_for("the feed's item in the list, marked new", |s| {
        s.contains("Articles (1)") && s.contains(&format!("{title} ●"))
    });
    t.quit();
    let _ = std::fs::remove_file(&config);
}

#[test]
fn read_marks_refresh_and_the_store_across_sessions() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    // a feed that grows by one item when asked, and can go down
    let items = Arc::new(AtomicUsize::new(2));
    let down = Arc::new(AtomicBool::new(false));
    let base = {
        let (items, down) = (Arc::clone(&items), Arc::clone(&down));
        common::http_server(move |_path, s| {
            if down.load(Ordering::SeqCst) {
                let _ = std::io::Write::write_all(
                    s,
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
                return;
            }
            let mut body = String::from(
                r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع حي</title>"#,
            );
            for i in 0..items.load(Ordering::SeqCst) {
                body.push_str(&format!(
                    "<item><title>نبأ عاجل رقم {i}</title><link>http://example.com/live/{i}</link><description>نص النبأ {i}</description></item>"
                ));
            }
            body.push_str("</channel></rss>");
            common::http_ok(s, "application/rss+xml; charset=utf-8", body.as_bytes());
        })
    };
    let dir = std::env::temp_dir().join(format!("khabar-readstate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(&config, format!("feeds = [\"{base}/live.xml\"]\n")).unwrap();
    let cmd = khabar_cmd(
        &format!(
            "KHABAR_CONFIG={} KHABAR_DATA={}",
            config.display(),
            dir.display()
        ),
        "",
    );
    let t = Tmux::start("readstate", &cmd, 120, 40);
    // the store is empty: the seeds, until the feed's two items come
    t.wait_for("the feed's two items, all unread", |s| {
        s.contains("Articles (2)")
            && s.contains("2 unread")
            && s.contains(&visual("نبأ عاجل رقم 1"))
    });
    t.keys("Enter");
    t.wait_for("the opened item marked read", |s| s.contains("1 unread"));
    t.keys("u");
    t.wait_for("u: unread again", |s| {
        s.contains("2 unread") && s.contains("marked unread")
    });
    t.keys(".");
    t.wait_for(". opens the next unread one", |s| {
        s.contains("2/2") && s.contains("1 unread left")
    });
    items.store(3, Ordering::SeqCst);
    t.keys("R");
    let new_title = visual("نبأ عاجل رقم 2");
    let screen = t.wait_for("the refresh's new article, marked", |s| {
        s.contains("refreshed 1/1 feeds: 1 new") && s.contains("Articles (3)")
    });
    let row = screen
        .lines()
        .find(|l| l.contains(&new_title))
        .expect("the new title in the list");
    assert!(row.contains(&format!("{new_title} ●")), "{row}");
    // unread titles are bold (SGR 1), the read one is not
    let styled = t.screen_with_styles();
    assert!(
        styled
            .lines()
            .any(|l| l.contains("\x1b[1m") && l.contains(&new_title)),
        "the new, unread title is bold"
    );
    t.quit();
    drop(t);

    // next session, the feed down: what was stored shows, read marks kept
    down.store(true, Ordering::SeqCst);
    let t = Tmux::start("readstate2", &cmd, 120, 40);
    let screen = t.wait_for("the stored articles, offline", |s| {
        s.contains("Articles (3)") && s.contains("refreshed 0/1 feeds: 0 new; failed: 127.0.0.1")
    });
    assert!(screen.contains("2 unread"), "{screen}");
    assert!(
        screen.contains(&new_title) && !screen.contains('●'),
        "{screen}"
    );
    t.quit();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Does a screen captured with `-e` hold any colour (SGR 30-37, 40-47,
/// 90-97, 100-107, or 38/48 extended)?
fn has_colour(styled: &str) -> bool {
    styled.split('\x1b').any(|seq| {
        let Some(params) = seq.strip_prefix('[').and_then(|s| s.split('m').next()) else {
            return false;
        };
        params.split(';').any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        })
    })
}

#[test]
fn an_empty_no_color_is_unset_everywhere_and_a_set_one_removes_colour() {
    // no-color.org: NO_COLOR counts when set and not empty
    for (name, env, coloured) in [
        ("nc-empty", "NO_COLOR=", true),
        ("nc-set", "NO_COLOR=1", false),
    ] {
        let t = Tmux::start(name, &khabar_cmd(env, ""), 120, 40);
        t.wait_for("the seeds", |s| s.contains("1/2"));
        assert_eq!(
            has_colour(&t.screen_with_styles()),
            coloured,
            "browser with {env}"
        );
        t.quit();
        drop(t);
        // the search command on a terminal: the match in colour, or not
        let cmd = format!(
            "{env} {} search روسيا; echo EXIT=$?; sleep 60",
            common::khabar_bin().display()
        );
        let t = Tmux::start(&format!("{name}-search"), &cmd, 200, 40);
        t.wait_for("the search's end", |s| s.contains("EXIT=0"));
        assert_eq!(
            has_colour(&t.screen_with_styles()),
            coloured,
            "search with {env}"
        );
    }
}
