//! The facts extractor scored against gold, in `cargo test`: the seeds
//! (../shared/eval/seeds-gold.json) and the regression stories
//! (tests/stories/gold.json), with the scorer the project is measured by
//! (../shared/eval/score_facts.py). A drop below the targets fails.

mod common;

use std::process::Command;

fn score(gold: &str, files: &[String]) -> String {
    let facts = common::facts_json(files);
    let json = std::env::temp_dir().join(format!(
        "khabar-facts-{}-{}.json",
        std::process::id(),
        files.len()
    ));
    std::fs::write(&json, facts).unwrap();
    let scorer = common::root().join("../shared/eval/score_facts.py");
    let out = Command::new("python3")
        .arg(scorer)
        .arg(gold)
        .arg(&json)
        .output()
        .expect("python3 runs the scorer");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The targets (issue 12): actor F1 at least 0.95, statement recall 0.90.
fn meets_the_targets(report: &str) {
    println!("{report}");
    let (f1, recall) = figures(report);
    assert!(f1 >= 0.95, "actor F1 {f1} below 0.95:\n{report}");
    assert!(
        recall >= 0.90,
        "agreement recall {recall} below 0.90:\n{report}"
    );
}

/// (actor F1, agreement recall) from the scorer's last line.
fn figures(report: &str) -> (f64, f64) {
    let last = report.lines().last().unwrap_or("");
    let num = |key: &str, from: usize| -> f64 {
        let i = last[from..]
            .find(key)
            .map(|i| i + from + key.len())
            .unwrap();
        last[i..]
            .split(|c: char| c != '.' && !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let agreements = last.find("agreements").unwrap();
    (num("F1=", 0), num("R=", agreements))
}

fn files(dir: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(common::root().join(dir))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn seeds_meet_the_targets() {
    let gold = common::root().join("../shared/eval/seeds-gold.json");
    meets_the_targets(&score(gold.to_str().unwrap(), &files("seeds")));
}

#[test]
fn regression_stories_meet_the_targets() {
    let gold = common::root().join("tests/stories/gold.json");
    let stories = files("tests/stories");
    assert!(stories.len() >= 21);
    meets_the_targets(&score(gold.to_str().unwrap(), &stories));
}
