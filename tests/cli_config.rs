//! The config file named on the command line: `--config FILE` before or
//! after any subcommand, `KHABAR_CONFIG` alike, and a file named that does
//! not exist is an error (exit 2), never the defaults in silence. Feeds
//! served on 127.0.0.1.

mod common;

use std::process::{Output, Stdio};

fn run(dir: &std::path::Path, config_env: Option<&std::path::Path>, args: &[&str]) -> Output {
    let mut c = common::khabar();
    c.env("KHABAR_DATA", dir.join("data"))
        // the default config path, under the test's directory: empty
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env_remove("KHABAR_CONFIG")
        .stdin(Stdio::null())
        .args(args);
    if let Some(p) = config_env {
        c.env("KHABAR_CONFIG", p);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn config_before_or_after_any_subcommand_and_in_the_environment() {
    let dir = common::scratch("config-anywhere");
    let base = common::http_server(common::feed_routes);
    let rss = format!("{base}/rss.xml");
    let config = dir.join("c.toml");
    std::fs::write(&config, format!("feeds = [\"{rss}\"]\n")).unwrap();
    let c = config.to_str().unwrap();
    for (how, args, env) in [
        ("before", vec!["--config", c, "refresh"], None),
        ("after", vec!["refresh", "--config", c], None),
        ("env", vec!["refresh"], Some(config.as_path())),
    ] {
        let out = run(&dir, env, &args);
        assert_eq!(out.status.code(), Some(0), "{how}: {out:?}");
        let said = text(&out.stdout);
        assert!(
            said.contains(&format!("{rss}: ")) && said.contains(" new of 2"),
            "{how}: the configured feed was refreshed: {said}"
        );
    }
    // every subcommand takes it, before and after
    for args in [
        vec!["--config", c, "feeds"],
        vec!["feeds", "--config", c],
        vec!["--config", c, "search", "--count", "اتفاق"],
        vec!["search", "--count", "اتفاق", "--config", c],
        vec!["--config", c, "render", "--width", "40"],
        vec!["actors", "--config", c],
    ] {
        let out = run(&dir, None, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
    }
    // --config wins over KHABAR_CONFIG
    let other = dir.join("other.toml");
    std::fs::write(&other, "layout = \"sideways\"\n").unwrap();
    let out = run(&dir, Some(&other), &["refresh", "--config", c]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = run(&dir, Some(&other), &["refresh"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("other.toml:1:10: layout must be"));
}

#[test]
fn a_config_file_named_that_does_not_exist_is_an_error() {
    let dir = common::scratch("config-missing");
    let missing = dir.join("nope.toml");
    let m = missing.to_str().unwrap();
    for (args, env, by) in [
        (vec!["--config", m, "refresh"], None, "--config"),
        (vec!["refresh", "--config", m], None, "--config"),
        (vec!["feeds", "--config", m], None, "--config"),
        (vec!["--config", m], None, "--config"),
        (vec!["refresh"], Some(missing.as_path()), "KHABAR_CONFIG"),
        (
            vec!["add", "seeds"],
            Some(missing.as_path()),
            "KHABAR_CONFIG",
        ),
    ] {
        let out = run(&dir, env, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = text(&out.stderr);
        assert_eq!(
            err,
            format!("khabar: config error: {m}: no such config file (named by {by})\n"),
            "{args:?}"
        );
    }
    // nothing was made of it
    assert!(!dir.join("data").join("khabar.db").exists());
    // KHABAR_CONFIG set but empty
    let out = common::khabar()
        .env("KHABAR_DATA", dir.join("data"))
        .env("KHABAR_CONFIG", "")
        .arg("feeds")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("KHABAR_CONFIG: set but empty"));
    // the default path missing is no error: the defaults
    let out = run(&dir, None, &["feeds"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn a_broken_rule_stops_khabar_at_its_file_line_and_column() {
    let dir = common::scratch("config-rule");
    let config = dir.join("c.toml");
    std::fs::write(
        &config,
        "reload = \"30m\"\n\n[[query]]\nname = \"أمن\"\nrule = 'text ~ \"الأمن\" and unread'\n\n[[ignore]]\nrule = '''\nsource = \"إعلانات\"\n  or colour ~ \"x\"'''\n",
    )
    .unwrap();
    for args in [vec!["feeds"], vec!["refresh"], vec![]] {
        let mut all = vec!["--config", config.to_str().unwrap()];
        all.extend(args.iter().copied());
        let out = run(&dir, None, &all);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {out:?}");
        assert_eq!(
            text(&out.stderr),
            format!(
                "khabar: config error: {}:10:6: [[ignore]] rule: `colour` is not a field: title, source, feed, author, category, actor, text, date, read, unread\n",
                config.display()
            ),
            "{all:?}"
        );
    }
}
