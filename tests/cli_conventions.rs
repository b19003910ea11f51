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
