//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fail loudly (never skip) when a tool the test needs is missing.
pub fn require_tool(name: &str, package: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is missing: install the Debian package `{package}` (scripts/test.sh does)"
    );
}

/// Run `fribidi --nopad --nobreak --clean` on each line; one visual line per input line.
pub fn fribidi_lines(lines: &[String]) -> Vec<String> {
    require_tool("fribidi", "libfribidi-bin");
    let mut child = Command::new("fribidi")
        .args(["--nopad", "--nobreak", "--clean"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run fribidi");
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("fribidi output");
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "fribidi failed");
    let text = String::from_utf8(out.stdout).expect("fribidi printed UTF-8");
    let result: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(
        result.len(),
        lines.len(),
        "fribidi gave one line per input line"
    );
    result
}

/// The seed files' paragraphs (title included), as `khabar` reads them.
pub fn seed_paragraphs() -> Vec<String> {
    let mut out = Vec::new();
    for (_, text) in khabar::corpus::seeds::SEEDS {
        let a = khabar::corpus::Article::from_plain_text("seed", text);
        out.push(a.title.clone());
        out.extend(a.paragraph_texts().map(str::to_string));
    }
    out
}

/// The hand-written tricky paragraphs in tests/data/tricky.txt.
pub fn tricky_paragraphs() -> Vec<String> {
    std::fs::read_to_string(root().join("tests/data/tricky.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Path of the release-or-debug binary built for these tests.
pub fn khabar_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_khabar"))
}
