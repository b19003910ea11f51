//! `khabar search`, `facts`, `feeds`, `actors` and `refresh` on a real
//! terminal (tmux) print Arabic shaped and in visual order, the way
//! `render` does (fribidi is the reference); piped, they print logical
//! text, unchanged.

mod common;

use common::tmux::Tmux;

const TITLE: &str = "اتفاق بين البلدين";
const BODY: &str = "وقع الرئيس الفرنسي إيمانويل ماكرون اتفاقا للتعاون.";

fn visual_rtl(text: &str) -> String {
    common::fribidi_lines_as(&[text.to_string()], &["--rtl"]).remove(0)
}

#[test]
fn search_and_facts_print_shaped_on_a_terminal_and_logical_in_a_pipe() {
    let dir = scratch("shaped");
    let file = dir.join("a.txt");
    std::fs::write(&file, format!("{TITLE}\n\n{BODY}\n")).unwrap();
    let bin = common::khabar_bin();
    let cmd = format!(
        "{} search اتفاق {} ; {} facts {} ; sleep 30",
        bin.display(),
        file.display(),
        bin.display(),
        file.display()
    );
    let t = Tmux::start("shaped", &cmd, 120, 30);
    let actor = "إيمانويل ماكرون — الرئيس الفرنسي [1×]";
    let want_actor = visual_rtl(actor);
    let screen = t.wait_for("the facts", |s| s.contains("agreements ("));
    let prefix = format!("{}:1: ", file.display());
    let title_line = screen
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        title_line.trim_end().ends_with(&visual_rtl(TITLE)),
        "{screen}"
    );
    assert_eq!(title_line.trim_end().chars().count(), 120, "right-aligned");
    let body_line = format!("{}:3: ", file.display());
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with(&body_line) && l.trim_end().ends_with(&visual_rtl(BODY))),
        "{screen}"
    );
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("  person") && l.trim_end().ends_with(&want_actor)),
        "{screen}"
    );
    // piped: the logical text, as scripts read it
    let piped = common::khabar()
        .args(["search", "اتفاق"])
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8(piped.stdout).unwrap();
    assert!(out.contains(&format!("{prefix}{TITLE}\n")), "{out}");
    let facts = common::khabar().arg("facts").arg(&file).output().unwrap();
    assert!(String::from_utf8(facts.stdout).unwrap().contains(actor));
}

fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch(name)
}

#[test]
fn feeds_actors_and_refresh_print_shaped_on_a_terminal_and_logical_in_a_pipe() {
    let dir = scratch("shaped-feeds");
    let base = common::http_server(common::feed_routes);
    let rss = format!("{base}/rss.xml");
    // (the test feed's item links to a closed port: no page asked for)
    std::fs::write(
        dir.join("config.toml"),
        format!("feeds = [\"{rss}\"]\nfull_text = \"never\"\n"),
    )
    .unwrap();
    let env = format!(
        "KHABAR_DATA={} KHABAR_CONFIG={}",
        dir.join("data").display(),
        dir.join("config.toml").display()
    );
    let bin = common::khabar_bin();
    let cmd = format!(
        "{env} {0} refresh; {env} {0} feeds; {env} {0} actors; echo DONE; sleep 30",
        bin.display()
    );
    let t = Tmux::start("shaped-feeds", &cmd, 100, 40);
    let screen = t.wait_for("the three", |s| s.contains("DONE"));
    let title = visual_rtl("موقع الأخبار");
    // refresh: the feed's title, shaped, right-aligned, its URL under it
    let refreshed = screen
        .lines()
        .find(|l| l.contains("new of 2"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(refreshed.trim_end().ends_with(&title), "{screen}");
    assert_eq!(refreshed.trim_end().chars().count(), 100, "{screen}");
    // feeds: counts, last fetch, the title shaped
    let listed = screen
        .lines()
        .find(|l| l.trim_start().starts_with("2/2 ") && l.ends_with(&title))
        .unwrap_or_else(|| panic!("{screen}"));
    assert_eq!(listed.chars().count(), 100, "{listed}");
    // actors: stories, mentions, kind, the name shaped
    let actor = visual_rtl("حلف شمال الأطلسي");
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("     1       1  organization") && l.ends_with(&actor)),
        "{screen}"
    );
    assert!(
        !screen.contains("موقع الأخبار"),
        "no logical Arabic: {screen}"
    );
    // piped: unchanged, logical, for scripts
    let piped = |args: &[&str]| -> String {
        let out = common::khabar_in(&dir).args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(piped(&["refresh"]).starts_with(&format!("{rss}: 0 new of 2\n")));
    let feeds = piped(&["feeds"]);
    assert!(
        feeds.starts_with(&format!("{rss}\tموقع الأخبار\t2\t2\t")),
        "{feeds}"
    );
    assert!(
        piped(&["actors"])
            .lines()
            .all(|l| l.split('\t').count() == 4)
    );
}
