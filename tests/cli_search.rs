//! `khabar search` as a script uses it: grep-like lines and counts, exit
//! codes, literal queries, and the same matching lines as ripgrep with the
//! equivalent Arabic-folding regex.

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Output};

/// `khabar search ARGS...` with an empty store and no config of the
/// machine's (the user's own store must not change what a test sees).
fn search(args: &[&str]) -> Output {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let home = common::scratch(&format!("search-home-{n}"));
    common::khabar_in(&home)
        .arg("search")
        .args(args)
        .output()
        .unwrap()
}

fn dir(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("khabar-search-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    for (n, t) in files {
        std::fs::write(d.join(n), t).unwrap();
    }
    d
}

#[test]
fn lines_counts_and_exit_codes() {
    let d = dir(
        "basic",
        &[
            ("a.txt", "عنوان\nالأمنُ القومي\nلا شيء\nوالأمن أيضا الأمن"),
            ("b.txt", "عنوان آخر\nنص"),
        ],
    );
    let out = search(&["الامن", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    let a = d.join("a.txt");
    assert_eq!(
        s,
        format!("{0}:2: الأمنُ القومي\n{0}:4: والأمن أيضا الأمن\n", a.display()),
        "logical text, no colour in a pipe"
    );
    let out = search(&["--count", "الامن", d.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{}:2\n", a.display()),
        "only files with matches"
    );
    let out = search(&["غير موجود", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let out = search(&["x", "/nonexistent/khabar"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn spelling_variants_and_digits() {
    let d = dir(
        "variants",
        &[("a.txt", "t\nفي المدرسة\nمشى إلى البيت\nعام ٢٠٢٢\nNATO")],
    );
    for (q, line) in [
        ("مدرسه", 2),
        ("الي", 3),
        ("2022", 4),
        ("nato", 5),
        ("ىلا", 0),
    ] {
        let out = search(&["--count", q, d.to_str().unwrap()]);
        let s = String::from_utf8(out.stdout).unwrap();
        if line == 0 {
            assert_eq!(out.status.code(), Some(1), "{q}");
        } else {
            assert!(s.ends_with(":1\n"), "{q}: {s}");
            let out = search(&[q, d.to_str().unwrap()]);
            assert!(
                String::from_utf8(out.stdout)
                    .unwrap()
                    .contains(&format!(":{line}: ")),
                "{q}"
            );
        }
    }
}

#[test]
fn queries_are_literal_empty_is_an_error_long_ones_work() {
    let d = dir("literal", &[("a.txt", "t\nمعادلة .*( هنا\nسطر [a-z]+ آخر")]);
    let out = search(&["--count", ".*(", d.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(out.stdout)
            .unwrap()
            .trim_end()
            .rsplit(':')
            .next(),
        Some("1")
    );
    let out = search(&["--count", "[a-z]+", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let out = search(&["", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
    let long = "كلمة ".repeat(400);
    assert!(long.chars().count() >= 2000);
    let d2 = dir("long", &[("a.txt", &format!("t\n{long}\n"))]);
    let out = search(&["--count", long.trim_end(), d2.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn default_corpus_is_the_seeds() {
    let out = search(&["--count", "اوكرانيا"]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        s,
        "seeds/000_6fba3821f320b55a.txt:2\nseeds/001_94aff8d4bb34fe2c.txt:5\n"
    );
}

/// The regex ripgrep needs to find what khabar finds.
fn folding_regex(query: &str) -> String {
    let optional = "[\u{064B}-\u{065F}\u{0670}\u{0640}]*";
    let q: Vec<char> = query.chars().collect();
    let parts: Vec<String> = q
        .iter()
        .enumerate()
        .map(|(k, &c)| match c {
            // ل + ال: the alef of a word's ال may be a lam, or be left out
            // before a lam (للأمن for الأمن, للجنة for اللجنة)
            'ا' if (k == 0 || !q[k - 1].is_alphanumeric())
                && q.get(k + 1) == Some(&'ل')
                && q.get(k + 2).is_some_and(|c| c.is_alphabetic()) =>
            {
                if q[k + 2] == 'ل' {
                    "(?:[اأإآٱ])?".to_string()
                } else {
                    "(?:[اأإآٱ]|ل)".to_string()
                }
            }
            'ا' => "[اأإآٱ]".to_string(),
            'ي' => "[يىی]".to_string(),
            'ه' => "[هة]".to_string(),
            '0'..='9' => {
                let d = c as u32 - '0' as u32;
                format!(
                    "[{c}{}{}]",
                    char::from_u32(0x0660 + d).unwrap(),
                    char::from_u32(0x06F0 + d).unwrap()
                )
            }
            ' ' => " ".to_string(),
            c => regex_escape(c),
        })
        .collect();
    format!("(?i){}", parts.join(optional))
}

fn regex_escape(c: char) -> String {
    if "\\.+*?()|[]{}^$#&-~".contains(c) {
        format!("\\{c}")
    } else {
        c.to_string()
    }
}

fn counts(out: &[u8]) -> BTreeMap<String, usize> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| {
            l.rsplit_once(':')
                .map(|(p, n)| (p.to_string(), n.parse().unwrap()))
        })
        .collect()
}

#[test]
fn same_matching_lines_as_ripgrep_with_the_folding_regex() {
    common::require_tool("rg", "ripgrep");
    let corpus = std::env::temp_dir().join(format!("khabar-search-rg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&corpus);
    let status = Command::new("python3")
        .arg(common::root().join("scripts/gen_corpus.py"))
        .args(["articles", "300"])
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(status.success());
    for q in [
        "الامن",
        "اوكرانيا",
        "الولايات المتحده",
        "عقوبات جديده",
        "2022",
        "وزير الخارجيه",
        "nato",
        "التي",
    ] {
        let k = search(&["--count", q, corpus.to_str().unwrap()]);
        let r = Command::new("rg")
            .args(["-c", &folding_regex(q)])
            .arg(&corpus)
            .output()
            .unwrap();
        let (kc, rc) = (counts(&k.stdout), counts(&r.stdout));
        assert!(!kc.is_empty(), "{q} matches something");
        assert_eq!(
            kc, rc,
            "{q}: khabar and rg count the same lines in every file"
        );
    }
    let _ = std::fs::remove_dir_all(&corpus);
}
