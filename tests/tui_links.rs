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
    let opened = dir.join("opened");
    let browser = dir.join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\necho \"BROWSER GOT $1\"\necho \"$1\" > {}\nsleep 1\n",
            opened.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "refresh_on_start = false\nbrowser = \"{}\"\n",
            browser.display()
        ),
    )
    .unwrap();
    let env = format!(
        "KHABAR_CONFIG={} KHABAR_DATA={}",
        config.display(),
        dir.join("data").display()
    );
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
