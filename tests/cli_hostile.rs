//! Hostile bytes from outside never reach the terminal raw: article text
//! and titles (`facts` as a table, as JSON, as CoNLL), file names and lines
//! (`search`, `render`), URLs (`refresh`, from the command line or from a
//! third party's OPML), config keys and values. Every byte the commands
//! write is scanned for ESC, BEL, the other C0 controls, DEL, C1 and the
//! bidi controls. And the faults that used to lose work or say nothing
//! useful: a binary HTTP body, an empty or wrong KHABAR_DATA, a read-only
//! store.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What an attacker puts in a title: set the window title, write the
/// clipboard (OSC 52), clear the screen with a C1 CSI, DEL, a right-to-left
/// override.
const HOSTILE: &str = "\u{1b}]52;c;aGk=\u{7}\u{1b}]0;pwned\u{7}\u{9b}2J\u{7f}\u{202e}";

/// The raw control characters in `bytes` (as text), each named.
fn raw_controls(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| {
            let u = c as u32;
            (u < 0x20 && c != '\n')
                || (0x7F..=0x9F).contains(&u)
                || matches!(u, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
        })
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let raw = raw_controls(bytes);
        assert!(
            raw.is_empty(),
            "{what} wrote {raw:?} raw on {stream}: {}",
            String::from_utf8_lossy(bytes)
        );
    }
}

fn article(dir: &Path) -> PathBuf {
    let file = dir.join("hostile.txt");
    std::fs::write(
        &file,
        format!(
            "اتفاق{HOSTILE} بين البلدين\n\nوقع الرئيس الفرنسي إيمانويل ماكرون{HOSTILE} \
             والرئيس الأمريكي جو بايدن اتفاقا للتعاون.\n"
        ),
    )
    .unwrap();
    file
}

#[test]
fn facts_as_a_table_as_json_and_as_conll_write_no_control_bytes() {
    let dir = scratch("facts");
    let file = article(&dir);
    let table = khabar(&dir).arg("facts").arg(&file).output().unwrap();
    assert!(table.status.success());
    assert_clean("facts", &table);
    let shown = String::from_utf8_lossy(&table.stdout);
    assert!(shown.contains('␛') && shown.contains("<U+009B>"), "{shown}");

    let json = khabar(&dir)
        .args(["facts", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(json.status.success());
    assert_clean("facts --json", &json);
    let text = String::from_utf8_lossy(&json.stdout);
    for escape in ["\\u001b", "\\u0007", "\\u009b", "\\u007f", "\\u202e"] {
        assert!(text.contains(escape), "{escape} in {text}");
    }
    // escaped, and nothing lost: the JSON still holds the original text
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        parsed[0]["title"].as_str(),
        Some(format!("اتفاق{HOSTILE} بين البلدين").as_str())
    );

    let conll = dir.join("tokens.conll");
    std::fs::write(&conll, format!("وقع O\nماكرون{HOSTILE} B-PERS\n. O\n")).unwrap();
    let tagged = khabar(&dir)
        .args(["facts", "--conll"])
        .arg(&conll)
        .output()
        .unwrap();
    assert!(tagged.status.success(), "{tagged:?}");
    assert_clean("facts --conll", &tagged);
}

#[test]
fn file_names_lines_and_errors_of_search_and_render_are_shown_not_obeyed() {
    let dir = scratch("names");
    let news = dir.join("news");
    std::fs::create_dir_all(&news).unwrap();
    let named = news.join(format!("{HOSTILE}.txt"));
    std::fs::write(&named, format!("اتفاق\n\nنص فيه اتفاق {HOSTILE} مهم\n")).unwrap();
    for args in [vec!["search", "اتفاق"], vec!["search", "--count", "اتفاق"]] {
        let out = khabar(&dir).args(&args).arg(&news).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_clean(&args.join(" "), &out);
        assert!(String::from_utf8_lossy(&out.stdout).contains("␛]52"));
    }
    let missing = dir.join(format!("missing{HOSTILE}.txt"));
    let out = khabar(&dir).arg("render").arg(&missing).output().unwrap();
    assert!(!out.status.success());
    assert_clean("render of a missing file", &out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing␛"));
    // the browser's refusal names its problem cleanly too
    let out = khabar(&dir).arg(&named).output().unwrap();
    assert_clean("khabar FILE without a terminal", &out);
}

#[test]
fn feed_urls_from_the_command_line_and_from_an_opml_file_are_shown_not_obeyed() {
    let dir = scratch("urls");
    let url = "http://127.0.0.1:9/\u{1b}]0;pwned\u{7}.xml";
    let out = khabar(&dir).args(["refresh", url]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_clean("refresh URL", &out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("␛]0;pwned"));

    let opml = dir.join("feeds.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="2.0"><body>
        <outline text="x" xmlUrl="http://127.0.0.1:9/&#x1b;]0;pwned&#x7;feed.xml"/>
        </body></opml>"#,
    )
    .unwrap();
    let out = khabar(&dir).arg("import-opml").arg(&opml).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_clean("import-opml", &out);
    let out = khabar(&dir).arg("refresh").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_clean("refresh of the OPML's feed", &out);
}

#[test]
fn config_errors_show_keys_at_their_place_and_cut_long_values() {
    let dir = scratch("config");
    std::fs::write(
        dir.join("config.toml"),
        "theme = \"dark\"\n\"\\u001b]0;pwned\\u0007\" = 1\n",
    )
    .unwrap();
    let out = khabar(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_clean("a config key", &out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:2:1"), "{err}");
    assert!(err.contains("␛]0;pwned"), "{err}");

    let huge = "x".repeat(50 << 20);
    std::fs::write(dir.join("config.toml"), format!("layout = \"{huge}\"\n")).unwrap();
    let out = khabar(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_clean("a 50 MB value", &out);
    assert!(
        out.stderr.len() < 4096,
        "{} bytes of error",
        out.stderr.len()
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains('…'));
}

#[test]
fn a_binary_http_body_is_refused_like_a_binary_file() {
    let dir = scratch("binary");
    let noise: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let body = noise.clone();
    let base = common::http_server(move |_, s| {
        common::http_ok(s, "application/octet-stream", &body);
    });
    let url = format!("{base}/noise");
    let out = khabar(&dir).args(["refresh", &url]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary"), "{err}");
    let file = dir.join("noise.txt");
    std::fs::write(&file, &noise).unwrap();
    let out = khabar(&dir).arg("add").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary"));
    let store = dir.join("data").join("khabar.db");
    assert_eq!(common::count_rows(&store, "articles"), 0);
}

#[test]
fn khabar_data_empty_or_a_file_is_a_clear_error_and_creates_nothing() {
    let dir = scratch("data");
    let file = article(&dir);
    let out = khabar(&dir)
        .current_dir(&dir)
        .env("KHABAR_DATA", "")
        .arg("add")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("KHABAR_DATA is set but empty"));
    assert!(
        !dir.join("khabar.db").exists(),
        "no store in the current directory"
    );

    let not_dir = dir.join("plain-file");
    std::fs::write(&not_dir, "x").unwrap();
    let out = khabar(&dir)
        .env("KHABAR_DATA", &not_dir)
        .arg("add")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("must be a directory") && !err.contains("os error"),
        "{err}"
    );
}

/// Make `path` unwritable, even for root (who ignores permissions): the
/// immutable attribute.
fn freeze(path: &Path, on: bool) {
    use std::os::unix::fs::PermissionsExt;
    let chmod = || {
        let mode = if on { 0o555 } else { 0o755 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    if on {
        chmod();
    }
    // SAFETY: getuid has no preconditions
    if unsafe { libc::getuid() } == 0 {
        common::require_tool("chattr", "e2fsprogs");
        let flag = if on { "+i" } else { "-i" };
        let ok = Command::new("chattr").arg(flag).arg(path).status().unwrap();
        assert!(ok.success(), "chattr {flag} {}", path.display());
    }
    if !on {
        chmod();
    }
}

#[test]
fn a_read_only_store_is_still_read() {
    let dir = scratch("readonly");
    let file = article(&dir);
    let out = khabar(&dir).arg("add").arg(&file).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let data = dir.join("data");
    for f in std::fs::read_dir(&data).unwrap().flatten() {
        freeze(&f.path(), true);
    }
    freeze(&data, true);
    let out = khabar(&dir)
        .args(["search", "--count", "اتفاق"])
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    for f in std::fs::read_dir(&data).unwrap().flatten() {
        freeze(&f.path(), false);
    }
    freeze(&data, false);
    assert!(out.status.success(), "{out:?}");
    assert!(listed.contains("hostile.txt:"), "{listed}");
}

fn scratch(name: &str) -> PathBuf {
    common::scratch(name)
}

fn khabar(dir: &Path) -> Command {
    common::khabar_in(dir)
}
