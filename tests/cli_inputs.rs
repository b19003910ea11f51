//! What a daily reader feeds khabar from disk, through the real binary:
//! plain text saved in windows-1256 or ISO-8859-6 (read, with a warning
//! naming the encoding), binary and empty files beside it (each message on
//! a line of its own, on a terminal too), and JSON files that are not JSON
//! Feeds (not articles).

mod common;

use std::process::Output;

use common::tmux::Tmux;

const TITLE: &str = "أمريكا وفرنسا تعقدان الحوار الرابع للفضاء الإلكتروني";
const BODY: &str = "عقدت الولايات المتحدة وفرنسا، افتراضيا، الحوار الرابع الخاص بالفضاء الإلكتروني للأمن والتعاون، على مدى يومي 13 و14 يناير.";

fn legacy(enc: &'static encoding_rs::Encoding) -> Vec<u8> {
    let text = format!("{TITLE}\n\n{BODY}\n");
    let (bytes, _, unmappable) = enc.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn khabar(dir: &std::path::Path, args: &[&str]) -> Output {
    common::khabar_in(dir).args(args).output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every line of `stderr` is one message of khabar's (or `add`'s summary).
fn one_message_a_line(stderr: &str) {
    for line in stderr.lines().filter(|l| !l.starts_with("added ")) {
        assert!(line.starts_with("khabar: "), "{line:?} in {stderr}");
        assert_eq!(line.matches("khabar:").count(), 1, "{line:?}");
    }
    assert!(stderr.is_empty() || stderr.ends_with('\n'), "{stderr:?}");
}

#[test]
fn legacy_arabic_plain_text_is_read_and_said_how() {
    let dir = common::scratch("legacy-text");
    let news = dir.join("news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(news.join("w1256.txt"), legacy(encoding_rs::WINDOWS_1256)).unwrap();
    std::fs::write(news.join("iso.txt"), legacy(encoding_rs::ISO_8859_6)).unwrap();
    std::fs::write(news.join("empty.txt"), "").unwrap();
    std::fs::write(
        news.join("binary.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    )
    .unwrap();
    let w = news.join("w1256.txt");
    let iso = news.join("iso.txt");

    for (path, name) in [(&w, "windows-1256"), (&iso, "ISO-8859-6")] {
        let out = khabar(&dir, &["render", "--plain", path.to_str().unwrap()]);
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout.clone()).unwrap();
        let want = common::fribidi_lines_as(&[TITLE.to_string()], &["--rtl"]).remove(0);
        assert!(text.contains(want.trim()), "{name}: {text}");
        assert_eq!(
            err(&out),
            format!(
                "khabar: warning: {}: not UTF-8, read as {name} (detected)\n",
                path.display()
            )
        );
        // the search finds it, and says how it read it
        let out = khabar(
            &dir,
            &["search", "--count", "الرابع", path.to_str().unwrap()],
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("{}:2\n", path.display())
        );
        assert!(err(&out).contains(&format!("read as {name}")), "{out:?}");
    }

    // a directory with them all: two messages never share a line
    let out = khabar(&dir, &["add", news.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = err(&out);
    one_message_a_line(&said);
    assert!(said.contains("empty.txt: empty file, skipped"), "{said}");
    assert!(said.contains("binary.txt: binary file, skipped"), "{said}");
    assert!(
        said.contains("w1256.txt: not UTF-8, read as windows-1256"),
        "{said}"
    );
    assert!(
        said.contains("iso.txt: not UTF-8, read as ISO-8859-6"),
        "{said}"
    );
    assert!(said.ends_with("added 1, unchanged 1, failed 2\n"), "{said}");
    let out = khabar(&dir, &["search", "--count", "يناير"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "{out:?}"
    );
}

#[test]
fn on_a_terminal_each_message_has_its_line() {
    let dir = common::scratch("legacy-tty");
    let news = dir.join("news");
    std::fs::create_dir_all(&news).unwrap();
    for i in 0..200 {
        std::fs::write(
            news.join(format!("{i:03}.txt")),
            format!("{TITLE} {i}\n{BODY}\n"),
        )
        .unwrap();
    }
    for i in 0..5 {
        std::fs::write(news.join(format!("bin{i}.txt")), b"\x7fELF\0\0\0\x01\x02").unwrap();
    }
    std::fs::write(news.join("w1256.txt"), legacy(encoding_rs::WINDOWS_1256)).unwrap();
    let cmd = format!(
        "KHABAR_DATA={} KHABAR_CONFIG=/dev/null {} add {} ; echo EXIT=$? ; sleep 30",
        dir.join("data").display(),
        common::khabar_bin().display(),
        news.display()
    );
    let t = Tmux::start("legacy-tty", &cmd, 70, 30);
    t.wait_for("the end", |s| s.contains("EXIT="));
    // lines longer than the terminal joined again
    let screen = t.capture(&["-J"]);
    let said: String = screen
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with("EXIT=") && !l.starts_with("added"))
        .map(|l| format!("{l}\n"))
        .collect();
    one_message_a_line(&said);
    assert_eq!(said.lines().count(), 6, "{screen}");
    assert!(screen.contains("EXIT=2"), "{screen}");
}

#[test]
fn a_json_file_that_is_not_a_json_feed_is_not_an_article() {
    let dir = common::scratch("json");
    let news = dir.join("news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(
        news.join("config.json"),
        r#"{"name": "خبر", "items": [1, 2]}"#,
    )
    .unwrap();
    std::fs::write(news.join("list.json"), r#"["الأمن", "الاقتصاد"]"#).unwrap();
    std::fs::write(
        news.join("feed.json"),
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "موقع", "items": [{"id": "1", "title": "خبر JSON", "content_html": "<p>نص الخبر</p>"}]}"#,
    )
    .unwrap();
    let json = news.join("config.json");
    // given alone: refused, clearly
    for args in [
        vec!["render", json.to_str().unwrap()],
        vec!["add", json.to_str().unwrap()],
        vec!["facts", json.to_str().unwrap()],
    ] {
        let out = khabar(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(
            err(&out).contains("config.json: JSON, but not a JSON Feed"),
            "{args:?}: {out:?}"
        );
        one_message_a_line(&err(&out));
    }
    // in a directory: the feed's item is the one article
    let out = khabar(&dir, &["add", news.to_str().unwrap()]);
    assert!(
        err(&out).ends_with("added 1, unchanged 0, failed 2\n"),
        "{out:?}"
    );
    let out = khabar(&dir, &["feeds"]);
    assert!(out.status.success());
    let out = common::khabar()
        .env("KHABAR_DATA", dir.join("data"))
        .env("KHABAR_CONFIG", "/dev/null")
        .args(["search", "--count", "خبر"])
        .output()
        .unwrap();
    let found = String::from_utf8_lossy(&out.stdout);
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(!found.contains("config.json"), "{found}");
}
