//! `khabar render` in a real terminal (tmux): what the screen shows is the
//! shaped, visual-order text, the same as what render prints to a pipe.

mod common;

use std::process::Command;

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().expect("run tmux");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn both_seeds_show_shaped_and_in_order_in_tmux() {
    common::require_tool("tmux", "tmux");
    let bin = common::khabar_bin();
    for seed in ["000_6fba3821f320b55a.txt", "001_94aff8d4bb34fe2c.txt"] {
        let path = common::root().join("seeds").join(seed);
        let piped = common::khabar()
            .args(["render", "--plain", "--width", "80"])
            .arg(&path)
            .output()
            .unwrap();
        let expected = String::from_utf8(piped.stdout).unwrap();
        let session = format!("khabar-render-{}-{}", std::process::id(), &seed[..3]);
        let socket = format!("khabar-test-{}-{}", std::process::id(), &seed[..3]);
        let (data, config) = common::isolated();
        let cmd = format!(
            "KHABAR_DATA={} KHABAR_CONFIG={} {} render --plain --width 80 {}; sleep 30",
            data.display(),
            config.display(),
            bin.display(),
            path.display()
        );
        tmux(&[
            "-L",
            &socket,
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "120",
            "-s",
            &session,
            &cmd,
        ]);
        let mut screen = String::new();
        for _ in 0..50 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            screen = tmux(&["-L", &socket, "capture-pane", "-p", "-t", &session]);
            if screen.lines().filter(|l| !l.trim().is_empty()).count()
                >= expected.lines().filter(|l| !l.is_empty()).count()
            {
                break;
            }
        }
        tmux(&["-L", &socket, "kill-server"]);
        let shown: Vec<&str> = screen
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .collect();
        let want: Vec<&str> = expected
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(shown, want, "tmux shows what khabar printed, cell for cell");
        // and it is shaped: presentation forms, right-aligned to the width
        assert!(
            shown[0]
                .chars()
                .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c))
        );
        assert_eq!(unicode_width::UnicodeWidthStr::width(shown[0]), 80);
    }
}
