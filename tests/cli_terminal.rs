//! `khabar search` and `khabar facts` on a real terminal (tmux) print
//! Arabic shaped and in visual order, the way `render` does (fribidi is the
//! reference); piped, they print logical text, unchanged.

mod common;

use std::process::Command;

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
    let piped = Command::new(&bin)
        .args(["search", "اتفاق"])
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8(piped.stdout).unwrap();
    assert!(out.contains(&format!("{prefix}{TITLE}\n")), "{out}");
    let facts = Command::new(&bin).arg("facts").arg(&file).output().unwrap();
    assert!(String::from_utf8(facts.stdout).unwrap().contains(actor));
}

fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch(name)
}
