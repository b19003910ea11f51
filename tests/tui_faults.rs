//! The browser under faults, in a real terminal (tmux): signals end it with
//! the terminal restored (or suspend it, and it comes back redrawn), a
//! burst of keys in one write is read whole, and very large inputs stay
//! within time and memory: a 47 MB article resized ten times, `G` in
//! 100,000 articles, a config with 200,000 feeds.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::tmux::{Tmux, khabar_cmd};

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("khabar-faults-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The terminal's state as tmux sees it: alternate screen, cursor shown,
/// mouse tracking.
fn terminal_state(t: &Tmux) -> (String, String, String) {
    (
        t.format("#{alternate_on}"),
        t.format("#{cursor_flag}"),
        t.format("#{mouse_any_flag}"),
    )
}

fn browsing(t: &Tmux) {
    t.wait_for("the list", |s| s.contains("Articles"));
}

#[test]
fn each_signal_ends_khabar_with_the_terminal_restored() {
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let t = Tmux::start(&format!("sig-{name}"), &khabar_cmd("", ""), 100, 30);
        browsing(&t);
        // khabar holds the terminal: the test can tell
        assert_eq!(terminal_state(&t), ("1".into(), "0".into(), "1".into()));
        let pid = t.khabar_pid();
        let killed = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let screen = t.wait_for("the exit", |s| s.contains("EXIT="));
        assert!(
            screen.contains(&format!("EXIT={}", 128 + number)),
            "SIG{name}: {screen}"
        );
        assert_eq!(
            terminal_state(&t),
            ("0".into(), "1".into(), "0".into()),
            "SIG{name}: alternate screen off, cursor shown, mouse tracking off"
        );
    }
}

#[test]
fn ctrl_z_suspends_and_fg_brings_it_back_redrawn() {
    // an interactive shell, as a user has: job control
    let t = Tmux::start("suspend", "bash --norc --noprofile -i", 100, 30);
    t.wait_for("the prompt", |s| s.contains('$') || s.contains('#'));
    t.literal(&common::khabar_bin().display().to_string());
    t.keys("Enter");
    browsing(&t);
    t.keys("C-z");
    let screen = t.wait_for("the shell", |s| s.contains("Stopped"));
    assert!(!screen.contains("Articles"), "{screen}");
    assert_eq!(terminal_state(&t), ("0".into(), "1".into(), "0".into()));
    t.literal("fg");
    t.keys("Enter");
    browsing(&t);
    assert_eq!(terminal_state(&t), ("1".into(), "0".into(), "1".into()));
    t.keys("j");
    t.keys("q");
    t.wait_for("the shell again", |s| !s.contains("Articles"));
    t.literal("echo STATUS=$?");
    t.keys("Enter");
    t.wait_for("khabar's exit status", |s| s.contains("STATUS=0"));
    assert_eq!(terminal_state(&t), ("0".into(), "1".into(), "0".into()));
}

#[test]
fn two_thousand_keys_and_q_in_one_write_quit() {
    let t = Tmux::start("burst", &khabar_cmd("", ""), 100, 30);
    browsing(&t);
    let mut keys = "j".repeat(2000);
    keys.push('q');
    t.literal(&keys);
    let screen = t.wait_for("the exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "{screen}");
}

/// Peak memory of `pid` (VmHWM) in MB.
fn peak_mb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap();
    kb / 1024
}

/// A 47 MB article: a title, then paragraphs of Arabic with Latin words
/// and numbers.
fn write_long_article(path: &Path) {
    let words: Vec<&str> = "اتفق الرئيسان على تعزيز التعاون في مجال الطاقة والتجارة وقال وزير \
         الخارجية إن المحادثات كانت بناءة NATO 2024 الأمم المتحدة"
        .split(' ')
        .collect();
    let mut text = String::from("مقال طويل جدا\n");
    let mut i = 0usize;
    while text.len() < 47 << 20 {
        for k in 0..150 {
            text.push_str(words[(i * 7 + k * 3 + k * k) % words.len()]);
            text.push(' ');
        }
        text.push('\n');
        i += 1;
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_47_mb_article_resized_ten_times_stays_under_500_mb() {
    let dir = scratch("long");
    let file = dir.join("long.txt");
    write_long_article(&file);
    let t = Tmux::start(
        "long",
        &khabar_cmd("", &file.display().to_string()),
        150,
        45,
    );
    let start = Instant::now();
    let pid = t.khabar_pid();
    t.wait_for("the article and its facts", |s| {
        s.contains("Articles (1)") && s.contains("Agreements")
    });
    for (i, w) in [100, 80, 150, 60, 120, 90, 140, 70, 110, 150]
        .iter()
        .enumerate()
    {
        t.resize(*w, 30 + i as u16);
        std::thread::sleep(Duration::from_millis(200));
    }
    // the end of the article, and back
    t.keys("Tab");
    t.keys("G");
    t.wait_for("the end", |s| s.contains("100%"));
    t.keys("g");
    t.wait_for("the top", |s| s.contains(" 0%"));
    let peak = peak_mb(pid);
    assert!(peak < 500, "peak memory {peak} MB");
    eprintln!("47 MB article: peak {peak} MB, {:?}", start.elapsed());
    t.quit();
}

/// The timings KHABAR_TRACE wrote: (what, milliseconds).
fn trace(path: &Path) -> Vec<(String, f64)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (what, ms) = l.rsplit_once(' ')?;
            Some((what.to_string(), ms.parse().ok()?))
        })
        .collect()
}

fn wait_for_trace(path: &Path, what: &str) -> f64 {
    let start = Instant::now();
    loop {
        if let Some((_, ms)) = trace(path).into_iter().rev().find(|(w, _)| w == what) {
            return ms;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no `{what}` in the trace: {:?}",
            trace(path)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn g_in_100000_articles_is_drawn_within_50_ms() {
    let dir = scratch("100k");
    let news = dir.join("news");
    std::fs::create_dir_all(&news).unwrap();
    for i in 0..100_000 {
        std::fs::write(
            news.join(format!("{i:06}.txt")),
            format!("خبر رقم {i}\nنص قصير رقم {i} عن الاقتصاد.\n"),
        )
        .unwrap();
    }
    let data = dir.join("data");
    let added = common::khabar()
        .env("KHABAR_DATA", &data)
        .env("KHABAR_CONFIG", std::path::Path::new("/dev/null"))
        .arg("add")
        .arg(&news)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&added.stderr).contains("added 100000"),
        "{added:?}"
    );
    let _ = std::fs::remove_dir_all(&news);
    let traced = dir.join("trace");
    let env = format!(
        "KHABAR_DATA={} KHABAR_TRACE={}",
        data.display(),
        traced.display()
    );
    let t = Tmux::start("100k", &khabar_cmd(&env, ""), 120, 40);
    t.wait_for("the list", |s| s.contains("Articles (100000)"));
    for key in ["G", "g", "G"] {
        let before = trace(&traced).len();
        t.keys(key);
        let start = Instant::now();
        while trace(&traced).len() == before {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no frame for {key}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        let ms = wait_for_trace(&traced, &format!("key {key}"));
        assert!(ms < 50.0, "{key} took {ms} ms");
    }
    let screen = t.screen();
    assert!(screen.contains("100000/100000"), "{screen}");
    t.quit();
}

#[test]
fn a_config_with_200000_feeds_starts_at_once() {
    let dir = scratch("feeds");
    let mut config = String::from("refresh_on_start = false\nfeeds = [\n");
    for i in 0..200_000 {
        config.push_str(&format!("  \"http://127.0.0.1:9/feed{i}.xml\",\n"));
    }
    config.push_str("]\n");
    std::fs::write(dir.join("config.toml"), config).unwrap();
    let traced = dir.join("trace");
    let env = format!(
        "KHABAR_DATA={} KHABAR_TRACE={} KHABAR_CONFIG={}",
        dir.join("data").display(),
        traced.display(),
        dir.join("config.toml").display()
    );
    let t = Tmux::start("200k-feeds", &khabar_cmd(&env, ""), 120, 40);
    let ms = wait_for_trace(&traced, "first-frame");
    assert!(ms < 2000.0, "first frame after {ms} ms");
    browsing(&t);
    t.quit();
}
