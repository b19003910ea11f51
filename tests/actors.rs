//! The actors of the whole corpus, as a reader meets them: `khabar actors`
//! lists every actor of the store with its kind and how many stories name
//! it and how often (the sums of what `khabar facts` finds in each story),
//! filtered by a query written any way Arabic is spelled; in the browser
//! (tmux) `P` lists them, typing filters, Enter shows an actor's
//! statements across the stories, Enter on one opens the story at that
//! sentence, Esc goes back.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::tmux::{Tmux, khabar_cmd};

/// (stories, mentions) of each actor by (name, kind), from `khabar facts`
/// story by story.
fn expected() -> HashMap<(String, String), (u64, u64)> {
    let facts: serde_json::Value =
        serde_json::from_slice(&common::facts_json(&[common::root().join("seeds")])).unwrap();
    let mut totals = HashMap::new();
    for story in facts.as_array().unwrap() {
        for a in story["actors"].as_array().unwrap() {
            let key = (
                a["name"].as_str().unwrap().to_string(),
                a["kind"].as_str().unwrap().to_string(),
            );
            let e = totals.entry(key).or_insert((0, 0));
            e.0 += 1;
            e.1 += a["mentions"].as_u64().unwrap();
        }
    }
    totals
}

#[test]
fn khabar_actors_lists_every_actor_of_the_store_with_its_counts() {
    let dir = scratch("cli");
    assert!(khabar(&dir, &["add", "seeds"]).status.success());
    let want = expected();
    let out = khabar(&dir, &["actors", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got = got.as_array().unwrap();
    assert_eq!(got.len(), want.len());
    for a in got {
        let key = (
            a["name"].as_str().unwrap().to_string(),
            a["kind"].as_str().unwrap().to_string(),
        );
        let counts = (
            a["stories"].as_u64().unwrap(),
            a["mentions"].as_u64().unwrap(),
        );
        assert_eq!(Some(&counts), want.get(&key), "{key:?}");
    }
    // most stories first
    let stories: Vec<u64> = got.iter().map(|a| a["stories"].as_u64().unwrap()).collect();
    assert!(stories.windows(2).all(|w| w[0] >= w[1]), "{stories:?}");
    // piped: name, kind, stories, mentions; found by a query spelled with
    // ha for ta marbuta and harakat
    let out = khabar(&dir, &["actors", "المُتحده"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let (s, m) = want[&("الولايات المتحدة".to_string(), "country".to_string())];
    assert_eq!(text, format!("الولايات المتحدة\tcountry\t{s}\t{m}\n"));
    // nothing found: exit 1, like grep
    assert_eq!(khabar(&dir, &["actors", "zzzz"]).status.code(), Some(1));
}

#[test]
fn p_lists_the_actors_enter_their_statements_and_the_story_at_the_sentence() {
    let dir = scratch("tui");
    assert!(khabar(&dir, &["add", "seeds"]).status.success());
    let env = format!(
        "KHABAR_CONFIG={} KHABAR_DATA={}",
        dir.join("config.toml").display(),
        dir.join("data").display()
    );
    let t = Tmux::start("actorsview", &khabar_cmd(&env, ""), 130, 40);
    t.wait_for("the articles", |s| s.contains("Articles (2)"));
    t.keys("P");
    let n = expected().len();
    t.wait_for("the actors", |s| s.contains(&format!("Actors ({n})")));
    // typed without hamza and with ha for ta marbuta
    t.literal("الولايات المتحده");
    let us = common::fribidi_lines(&["الولايات المتحدة".to_string()]).remove(0);
    let screen = t.wait_for("one actor", |s| s.contains("Actors (1)"));
    assert!(screen.contains(&us), "{screen}");
    assert!(screen.contains("country · 2 stories"), "{screen}");
    t.keys("Enter");
    let screen = t.wait_for("its statements", |s| s.contains("statements, newest first"));
    assert!(screen.contains("with "), "with whom: {screen}");
    // Esc: back to the actors as they were, the query kept
    t.keys("Escape");
    t.wait_for("the actors again", |s| s.contains("Actors (1)"));
    t.keys("Enter");
    t.wait_for("its statements again", |s| {
        s.contains("statements, newest first")
    });
    t.keys("Enter");
    // the story, in the reader, its sentence marked; the list holds the
    // stories of its statements
    // (the whole frame: the status line, written last, says the reader
    // has the focus)
    let screen = t.wait_for("the story", |s| {
        s.contains("Reader")
            && !s.contains("statements, newest first")
            && s.lines().last().is_some_and(|l| l.contains("reader"))
    });
    assert!(screen.contains('█'), "the sentence marked: {screen}");
    assert!(screen.contains("Articles (1/2)"), "{screen}");
    let status = screen.lines().last().unwrap_or("");
    assert!(
        status.contains("reader"),
        "the reader has the focus: {status}"
    );
    t.quit();
}

fn scratch(name: &str) -> PathBuf {
    common::scratch(name)
}

fn khabar(dir: &Path, args: &[&str]) -> Output {
    common::khabar_in(dir).args(args).output().unwrap()
}
