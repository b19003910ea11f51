//! Links in a real terminal (tmux): `o` gives the terminal to the browser
//! of the config with the article's link (or file) and takes it back when
//! the browser ends; `y` puts the link on the clipboard with OSC 52, which
//! tmux (`set-clipboard on`) keeps in its paste buffer.

mod common;

use std::time::{Duration, Instant};

use common::tmux::{Tmux, khabar_cmd};

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("khabar-links-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn o_opens_the_link_in_the_browser_and_y_copies_it() {
    let dir = scratch("links");
    let article = dir.join("story.txt");
    std::fs::write(&article, "اتفاق بين البلدين\n\nوقع الرئيسان اتفاقا.\n").unwrap();
    // a "browser" that says what it was given, on the terminal and in a file
    let (browser, opened) = recording_browser(&dir);
    let env = env_with_browser(&dir, &browser);
    let t = Tmux::start(
        "links",
        &khabar_cmd(&env, &article.display().to_string()),
        // wide: the status line names the copied path in full, however
        // deep the test's directory is
        220,
        30,
    );
    t.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    let screen = t.wait_for("the article", |s| s.contains("Articles (1)"));
    // the meta line names the file
    assert!(screen.contains("story.txt"), "{screen}");
    t.keys("o");
    let during = t.wait_for("the browser", |s| s.contains("BROWSER GOT"));
    assert!(
        during.contains(&format!("BROWSER GOT {}", article.display())),
        "{during}"
    );
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "the browser has the terminal"
    );
    // when it ends, khabar's screen is back, whole
    // (the whole frame: the status line is written last)
    let back = t.wait_for("khabar again", |s| {
        s.contains("Articles (1)") && s.contains("opened")
    });
    assert!(back.contains("Articles (1)"), "{back}");
    assert_eq!(t.format("#{alternate_on}"), "1");
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap().trim(),
        article.display().to_string()
    );
    t.keys("y");
    let start = Instant::now();
    loop {
        let buffer = t.tmux(&["show-buffer"]);
        if buffer.trim() == article.display().to_string() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "clipboard holds {buffer:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(t.screen().contains("OSC 52"));
    t.quit();
}

/// A "browser" script that shows what it was given and writes it to `log`.
fn recording_browser(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let log = dir.join("opened");
    let browser = dir.join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\necho \"BROWSER GOT $1\"\necho \"$1\" >> {}\nsleep 1\n",
            log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    (browser, log)
}

/// The environment of a khabar with its store in `dir/data` and a config
/// `dir/config.toml` that opens links with `browser` and never refreshes.
fn env_with_browser(dir: &std::path::Path, browser: &std::path::Path) -> String {
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "refresh_on_start = false\nbrowser = \"{}\"\n",
            browser.display()
        ),
    )
    .unwrap();
    format!(
        "KHABAR_CONFIG={} KHABAR_DATA={}",
        config.display(),
        dir.join("data").display()
    )
}

#[test]
fn an_arabic_articles_structure_shows_and_o_then_a_number_opens_that_link() {
    let dir = scratch("structure");
    let (browser, log) = recording_browser(&dir);
    let env = env_with_browser(&dir, &browser);
    // a page with headings, a list, a quote and links (tests/pages)
    let page = common::root().join("tests/pages/structure.html");
    let t = Tmux::start(
        "structure",
        &khabar_cmd(&env, &page.display().to_string()),
        200,
        50,
    );
    let screen = t.wait_for("the article", |s| {
        s.contains("[2] https://news.example/minister")
    });
    let visual = |s: &str| common::fribidi_lines(&[s.to_string()]).remove(0);
    // the headings, shaped and right to left
    for h in ["أبرز البنود", "ردود الفعل"] {
        assert!(screen.contains(&visual(h)), "{h}: {screen}");
    }
    // the list: its items on rows that follow each other, no blank between
    let rows: Vec<&str> = screen.lines().collect();
    let row_of = |s: &str| {
        let v = visual(s);
        rows.iter()
            .position(|r| r.contains(&v))
            .unwrap_or_else(|| panic!("{s:?} ({v}) not on screen: {screen}"))
    };
    let items = [
        "• ربط الشبكتين الكهربائيتين بحلول عام ٢٠٢٦",
        "• إنشاء منطقة تجارية حرة على الحدود",
        "• تبادل الخبرات في الطاقة المتجددة",
    ];
    let first = row_of(items[0]);
    assert_eq!(row_of(items[1]), first + 1);
    assert_eq!(row_of(items[2]), first + 2);
    // the quote: its bar on the start side (the right), beside the pane's edge
    let quote = rows
        .iter()
        .find(|r| r.contains("ﻮَﻫُ"))
        .unwrap_or_else(|| panic!("the quote: {screen}"));
    assert!(quote.contains("» \u{2502} \u{2502}"), "{quote}");
    // links numbered in the text, listed at the end, one after the other
    assert!(screen.contains("[1]"), "{screen}");
    let l1 = rows
        .iter()
        .position(|r| r.contains("[1] https://energy.example/plan"));
    let l2 = rows
        .iter()
        .position(|r| r.contains("[2] https://news.example/minister"));
    assert_eq!(l1.map(|r| r + 1), l2, "{screen}");

    // o asks which; 2 then Enter opens the second link
    t.keys("o");
    t.wait_for("the question", |s| s.contains("open which link?"));
    t.keys("2");
    t.keys("Enter");
    t.wait_for("the browser", |s| {
        s.contains("BROWSER GOT https://news.example/minister")
    });
    t.wait_for("khabar again", |s| {
        s.contains("opened https://news.example/minister")
    });
    // Enter alone: the article's own (here its file)
    t.keys("o");
    t.wait_for("the question", |s| s.contains("open which link?"));
    t.keys("Enter");
    t.wait_for("khabar again", |s| {
        s.contains("opened") && s.contains("structure.html")
    });
    // a number it has not: said, nothing opened
    t.keys("o");
    t.wait_for("the question", |s| s.contains("open which link?"));
    t.keys("9");
    t.keys("Enter");
    t.wait_for("the answer", |s| s.contains("there is no link [9]"));
    let opened = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        opened.lines().collect::<Vec<_>>(),
        [
            "https://news.example/minister",
            page.display().to_string().as_str()
        ]
    );
    t.quit();
}
