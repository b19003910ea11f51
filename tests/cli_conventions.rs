//! What a Rust command-line tool is expected to give: shell completions
//! and a manual page, both generated from the same definition as `--help`.

mod common;

use std::process::Command;

fn khabar(args: &[&str]) -> String {
    let out = Command::new(common::khabar_bin())
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_for_each_shell_know_the_subcommands() {
    let bash = khabar(&["completions", "bash"]);
    assert!(bash.contains("complete -F _khabar"), "{bash}");
    let zsh = khabar(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef khabar"), "{zsh}");
    let fish = khabar(&["completions", "fish"]);
    assert!(fish.contains("complete -c khabar"), "{fish}");
    for script in [&bash, &zsh, &fish] {
        for sub in ["add", "search", "facts", "refresh", "render", "completions"] {
            assert!(script.contains(sub), "{sub} missing");
        }
    }
    // bash can load it
    common::require_tool("bash", "bash");
    let ok = Command::new("bash")
        .args(["-c", &format!("{bash}\ncomplete -p khabar")])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&ok.stdout).contains("_khabar"),
        "{ok:?}"
    );
}

#[test]
fn the_manual_page_is_roff_naming_the_options() {
    let man = khabar(&["man"]);
    assert!(man.contains(".TH khabar 1"), "{man}");
    for word in ["\\-\\-layout", "\\-\\-bidi", "\\-\\-config", "SUBCOMMANDS"] {
        assert!(man.contains(word), "{word} missing");
    }
}

/// `khabar ARGS` whose reader has gone before it writes (its standard
/// output a pipe closed at the other end, like `| head -0`).
fn into_a_closed_pipe(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut child = common::khabar_in(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_every_writing_command_quietly() {
    let dir = common::scratch("closed-pipe");
    let base = common::http_server(common::feed_routes);
    let rss = format!("{base}/rss.xml");
    std::fs::write(dir.join("config.toml"), format!("feeds = [\"{rss}\"]\n")).unwrap();
    let opml = dir.join("list.opml");
    std::fs::write(
        &opml,
        format!("<opml version=\"2.0\"><body><outline text=\"x\" xmlUrl=\"{base}/atom.xml\"/></body></opml>"),
    )
    .unwrap();
    let seed = "seeds/001_94aff8d4bb34fe2c.txt";
    let commands: Vec<Vec<&str>> = vec![
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
        vec!["completions", "fish"],
        vec!["man"],
        vec!["--help"],
        vec!["--version"],
        vec!["render", seed],
        vec!["render", "--plain", seed],
        vec!["search", "ال", "seeds"],
        vec!["facts", seed],
        vec!["facts", "--json", seed],
        vec!["refresh"],
        vec!["refresh", &rss],
        vec!["import-opml", opml.to_str().unwrap()],
        vec!["add", "seeds"],
        vec!["search", "الرئيس"],
        vec!["search", "--count", "الرئيس"],
        vec!["feeds"],
        vec!["feeds", "--json"],
        vec!["actors"],
        vec!["actors", "--json"],
        vec!["export-opml"],
        vec!["remove", "--purge", &rss],
    ];
    for args in commands {
        let out = into_a_closed_pipe(&dir, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{args:?}: {:?} {err}",
            out.status
        );
        assert!(
            !err.contains("panicked") && !err.to_lowercase().contains("broken pipe"),
            "{args:?}: {err}"
        );
    }
}
