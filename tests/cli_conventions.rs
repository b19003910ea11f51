//! What a Rust command-line tool is expected to give: shell completions
//! and a manual page, both generated from the same definition as `--help`.

mod common;

use std::process::Command;

fn khabar(args: &[&str]) -> String {
    let out = common::khabar().args(args).output().unwrap();
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
    for word in ["\\-\\-layout", "\\-\\-bidi", "\\-\\-config", "COMMANDS"] {
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

/// The manual page as `man` shows it: plain text (groff, no styling).
fn manual_text() -> String {
    common::require_tool("groff", "groff-base");
    let roff = common::khabar().arg("man").output().unwrap();
    assert!(roff.status.success());
    let mut child = Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-ww", "-P", "-cbou"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&roff.stdout).unwrap();
    let out = child.wait_with_output().unwrap();
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(warnings.is_empty(), "groff warns: {warnings}");
    // lines joined: a phrase may wrap
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_manual_documents_every_command_key_config_key_and_variable_with_an_example() {
    let page = manual_text();
    // --help points to it
    let help = khabar(&["--help"]);
    assert!(help.contains("khabar man | man -l -"), "{help}");
    // every command of --help, with an example
    let commands: Vec<String> = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 12, "{commands:?}");
    for c in &commands {
        let at = page
            .find(&format!("khabar {c} "))
            .or_else(|| page.find(&format!("khabar {c}")))
            .unwrap_or_else(|| panic!("{c} is not in the manual"));
        let next = page[at + 1..]
            .find(" khabar ")
            .map_or(page.len(), |n| at + 1 + n);
        let mut end = page.len().min(next + 2000);
        while !page.is_char_boundary(end) {
            end -= 1;
        }
        let entry = &page[at..end];
        assert!(entry.contains("Example:"), "{c} has no example");
        let (_, _, example) = khabar::manual::COMMAND_EXAMPLES
            .iter()
            .find(|(name, ..)| name == c)
            .unwrap_or_else(|| panic!("{c} has no example"));
        let example = example.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(page.contains(&example), "{c}: {example}");
    }
    // every key of the browser, by its action's name
    let keys = khabar::tui::keymap::KeyMap::default();
    for a in khabar::tui::actions::Action::ALL {
        let entry = format!("{} [{}] {}", keys.keys_label(*a), a.name(), a.description());
        let entry = entry.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(page.contains(&entry), "{entry}");
    }
    // every key the config reads (serde lists them for an unknown one),
    // with an example that parses
    let err = khabar::config::Config::parse(std::path::Path::new("c.toml"), "zzz = 1\n")
        .unwrap_err()
        .message;
    let read: Vec<String> = err
        .split("expected one of")
        .nth(1)
        .unwrap()
        .split(',')
        .map(|k| k.trim().trim_matches('`').to_string())
        .collect();
    assert!(read.len() >= 13, "{err}");
    for key in read {
        let doc = khabar::config::KEYS
            .iter()
            .find(|(k, ..)| k.trim_matches(['[', ']']) == key)
            .unwrap_or_else(|| panic!("the config's {key} is not documented"));
        assert!(page.contains(&format!("{} ", doc.0)), "{key}");
        khabar::config::Config::parse(std::path::Path::new("c.toml"), doc.2)
            .unwrap_or_else(|e| panic!("{key}'s example: {e}"));
        let example = doc.2.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(page.contains(&example), "{key}: {example}");
    }
    // every variable of the environment khabar reads, with an example
    let mut read = std::collections::BTreeSet::new();
    for file in walk(&common::root().join("src")) {
        let text = std::fs::read_to_string(file).unwrap();
        for part in text.split("var_os(\"").chain(text.split("var(\"")).skip(1) {
            if let Some(name) = part
                .split('"')
                .next()
                .filter(|n| n.chars().all(|c| c.is_ascii_uppercase() || c == '_') && !n.is_empty())
            {
                read.insert(name.to_string());
            }
        }
    }
    read.extend(["LC_ALL", "LC_MESSAGES", "LANG"].map(String::from));
    assert!(
        read.contains("KHABAR_DATA") && read.contains("NO_COLOR"),
        "{read:?}"
    );
    for var in read {
        let (_, _, example) = khabar::manual::ENVIRONMENT
            .iter()
            .find(|(v, ..)| v.split(", ").any(|x| x == var))
            .unwrap_or_else(|| panic!("{var} is not documented"));
        assert!(page.contains(&var), "{var}");
        assert!(page.contains(example), "{var}: {example}");
    }
    for section in [
        "KEYS",
        "CONFIGURATION",
        "RULES",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
        "EXAMPLES",
    ] {
        assert!(page.contains(section), "{section}");
    }
}

/// The Rust files under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}
