//! `khabar render` as a user runs it: the real binary, real files, stdin.

mod common;

use std::io::Write;
use std::process::{Output, Stdio};

use unicode_width::UnicodeWidthStr;

fn render(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = common::khabar()
        .arg("render")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(input) = stdin {
        pipe.write_all(input).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "khabar failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// fribidi's own tests: each reference line is `INPUT => VISUAL`, the visual
/// string right-justified.
fn fribidi_suite(name: &str) {
    let dir = common::root().join("../shared/conformance/fribidi");
    let input = dir.join(format!("test_UTF-8_{name}.input"));
    let reference =
        std::fs::read_to_string(dir.join(format!("test_UTF-8_{name}.reference"))).unwrap();
    let out = stdout(&render(
        &["--plain", "--width", "80", input.to_str().unwrap()],
        None,
    ));
    let mine: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    let expected: Vec<&str> = reference
        .lines()
        .map(|l| l.split_once(" => ").unwrap().1)
        .collect();
    assert_eq!(mine.len(), expected.len());
    for (m, e) in mine.iter().zip(&expected) {
        assert_eq!(m.trim_start(), e.trim_start());
        assert_eq!(
            m.width(),
            80,
            "right-to-left line right-aligned to the width: {m:?}"
        );
    }
    println!(
        "fribidi {name}: {}/{} lines equal",
        mine.len(),
        expected.len()
    );
}

#[test]
fn fribidi_persian_suite_passes() {
    fribidi_suite("persian");
}

#[test]
fn fribidi_reordernsm_suite_passes() {
    fribidi_suite("reordernsm");
}

#[test]
fn stdin_filter_shapes_and_reverses() {
    let out = stdout(&render(
        &["--plain", "--width", "20", "-"],
        Some("نص عربي\n".as_bytes()),
    ));
    // ﻲﺑﺮﻋ ﺺﻧ right-aligned to 20 columns
    assert_eq!(
        out,
        format!(
            "{}\u{FEF2}\u{FE91}\u{FEAE}\u{FECB} \u{FEBA}\u{FEE7}\n",
            " ".repeat(13)
        )
    );
    let out = stdout(&render(
        &["--width", "20", "-"],
        Some("نص عربي\n".as_bytes()),
    ));
    let meta = common::fribidi_lines(&["كلمتان".to_string()]).remove(0);
    assert_eq!(
        out.lines().nth(1).map(str::trim_start),
        Some(meta.as_str()),
        "without --plain, the meta line follows the title"
    );
}

#[test]
fn no_path_renders_the_first_seed_plain() {
    let out = stdout(&render(&["--plain", "--width", "100"], None));
    let lines: Vec<&str> = out.lines().collect();
    let title = common::fribidi_lines(&[common::seed_paragraphs()[0].clone()]).remove(0);
    assert_eq!(lines[0].trim_start(), title);
    assert_eq!(lines[0].width(), 100);
    assert_eq!(lines[1], "", "a blank line after the title");
    assert!(
        lines[2].starts_with("President Barack Obama"),
        "the English caption is left-to-right, not padded"
    );
    assert!(!out.contains('\u{1b}'), "--plain has no styling");
    assert!(
        !out.contains("\u{FE94}\u{FEE4}\u{FEE0}\u{FEDB}"),
        "--plain has no meta line (no word count)"
    );
    // every line fits
    assert!(lines.iter().all(|l| l.width() <= 100));
}

#[test]
fn meta_line_without_plain_and_no_styling_in_a_pipe() {
    let seed = common::root().join("seeds/000_6fba3821f320b55a.txt");
    let out = stdout(&render(&["--width", "60", seed.to_str().unwrap()], None));
    let lines: Vec<&str> = out.lines().collect();
    let source = common::fribidi_lines(&["وكالات".to_string()]).remove(0);
    // "وكالات · N كلمة" shaped: the source and the word count
    let word = "\u{FE94}\u{FEE4}\u{FEE0}\u{FEDB}";
    assert!(
        lines[1].contains(&source) && lines[1].contains(word),
        "meta line: {}",
        lines[1]
    );
    assert!(
        !out.contains('\u{1b}'),
        "no styling when stdout is not a terminal"
    );
}

#[test]
fn every_paragraph_in_order_duplicates_collapsed() {
    let seed = common::root().join("seeds/000_6fba3821f320b55a.txt");
    let out = stdout(&render(
        &["--plain", "--width", "10000", seed.to_str().unwrap()],
        None,
    ));
    let shown: Vec<String> = out.split("\n\n").map(|p| p.trim().to_string()).collect();
    let paragraphs = common::seed_paragraphs();
    let expected = common::fribidi_lines(&paragraphs[..shown.len()]);
    assert_eq!(shown, expected);
    // the caption that the file repeats twice is shown once
    let caption = "أوباما أكد أنه سيستعمل الفيتو";
    let raw = std::fs::read_to_string(&seed).unwrap();
    assert_eq!(raw.matches(caption).count(), 2);
    let caption_visual = common::fribidi_lines(&[raw
        .lines()
        .find(|l| l.starts_with(caption))
        .unwrap()
        .to_string()]);
    assert_eq!(out.matches(caption_visual[0].as_str()).count(), 1);
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let dir = tempdir();
    let path = dir.join("bad.txt");
    std::fs::write(
        &path,
        b"\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86 \xff\xfe\nok",
    )
    .unwrap();
    let o = render(&["--plain", "--width", "30", path.to_str().unwrap()], None);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("not valid UTF-8"),
        "{err}"
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains('\u{FFFD}') && out.contains("ok"));
}

#[test]
fn escape_sequences_and_controls_never_reach_the_terminal() {
    let input = "عنوان \u{1b}[2J\u{1b}]0;pwned\u{7}\nنص \u{0}مع\u{202e} تحكم\u{9b}31m\n";
    let out = stdout(&render(
        &["--plain", "--width", "40", "-"],
        Some(input.as_bytes()),
    ));
    for c in out.chars() {
        assert!(
            c == '\n' || (!c.is_control() && !('\u{202a}'..='\u{202e}').contains(&c)),
            "raw control {:?} in output",
            c
        );
    }
    assert!(out.contains('\u{241b}'), "ESC is shown as ␛");
    assert!(out.contains('\u{2400}'), "NUL is shown as ␀");
}

#[test]
fn empty_and_missing_files_are_clear_errors() {
    let dir = tempdir();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let o = render(&[empty.to_str().unwrap()], None);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("empty"));
    let o = render(&["/nonexistent/x.txt"], None);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/x.txt"));
}

#[test]
fn huge_line_renders() {
    let line = "كلمة عربية وEnglish 123 ".repeat(20_000);
    let o = render(&["--plain", "--width", "50", "-"], Some(line.as_bytes()));
    let out = stdout(&o);
    assert!(out.lines().count() > 5000);
    assert!(out.lines().all(|l| l.width() <= 50));
}

fn tempdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!(
        "khabar-test-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn a_paragraph_takes_the_direction_most_of_its_words_have() {
    // right to left although they start with Latin letters; left to right
    // although it starts with an Arabic name; no letters: the article's
    let rtl = [
        "FIFA تعلن رفع جوائز كأس العالم",
        "iPhone 16 يصل إلى الأسواق",
        "DW عربية",
        "2024 — 15%",
    ];
    let ltr = ["محمد said the talks went well today"];
    let article = format!("{}\n\n{}\n\n{}\n", rtl[..3].join("\n\n"), ltr[0], rtl[3]);
    let out = render(&["--plain", "--width", "60", "-"], Some(article.as_bytes()));
    assert!(out.status.success());
    let lines: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    let to_strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let want_rtl = common::fribidi_lines_as(&to_strings(&rtl), &["--rtl"]);
    let want_ltr = common::fribidi_lines_as(&to_strings(&ltr), &["--ltr"]);
    let shown: Vec<&String> = [&lines[0], &lines[1], &lines[2], &lines[4]].to_vec();
    for (got, want) in shown.iter().zip(&want_rtl) {
        assert_eq!(got.trim_start(), want, "right to left, as fribidi --rtl");
        assert_eq!(got.chars().count(), 60, "right-aligned: {got:?}");
    }
    assert_eq!(&lines[3], &want_ltr[0], "left to right and left-aligned");
}
