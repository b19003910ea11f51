//! A real terminal for the browser: a tmux server of its own per test,
//! its screen captured, keys sent, and khabar's exit status kept on screen.

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    pub fn start(name: &str, cmd: &str, w: u16, h: u16) -> Tmux {
        super::require_tool("tmux", "tmux");
        let t = Tmux {
            socket: format!("khabar-{}-{name}", std::process::id()),
            session: name.to_string(),
        };
        let status = Command::new("tmux")
            .args([
                "-L",
                &t.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
            ])
            .args(["-s", &t.session, cmd])
            .env("KHABAR_CONFIG", "/dev/null")
            .env(
                "KHABAR_DATA",
                std::env::temp_dir().join(format!("khabar-data-{}-{name}", std::process::id())),
            )
            .status()
            .unwrap();
        assert!(status.success());
        t
    }

    pub fn screen(&self) -> String {
        self.capture(&[])
    }

    /// The screen with its styles as escape sequences (`capture-pane -e`).
    pub fn screen_with_styles(&self) -> String {
        self.capture(&["-e"])
    }

    pub fn capture(&self, flags: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .args(flags)
            .args(["-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &str) {
        Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", &self.session, keys])
            .status()
            .unwrap();
    }

    /// `q`: khabar exits with status 0; the screen after.
    pub fn quit(&self) -> String {
        self.keys("q");
        let screen = self.wait_for("the exit", |s| s.contains("EXIT="));
        assert!(screen.contains("EXIT=0"), "{screen}");
        screen
    }

    /// Wait until the screen satisfies `pred`; the screen when it does.
    /// A capture can fall between the rows of one frame (the status line,
    /// written last, still the old one): the screen returned is one that
    /// satisfies `pred` and is still the same a moment later, a whole frame.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let mut s = self.screen();
            if pred(&s) {
                // (a screen that keeps changing, a progress count, is
                // taken as it is after a few tries)
                for _ in 0..10 {
                    std::thread::sleep(Duration::from_millis(20));
                    let again = self.screen();
                    if again == s || !pred(&again) {
                        break;
                    }
                    s = again;
                }
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The shell command a session runs: khabar (with `env` assignments before
/// it and `args` after), then its exit status, kept on screen.
pub fn khabar_cmd(env: &str, args: &str) -> String {
    format!(
        "{env} {} {args}; echo EXIT=$?; sleep 60",
        super::khabar_bin().display()
    )
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

impl Tmux {
    /// A tmux format for the pane (`#{alternate_on}`, `#{pane_pid}`...).
    pub fn format(&self, format: &str) -> String {
        let out = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "display-message",
                "-p",
                "-t",
                &self.session,
                format,
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Any tmux command on this session's server; its output.
    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `text` sent as it is, in one write to the terminal.
    pub fn literal(&self, text: &str) {
        Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "send-keys",
                "-l",
                "-t",
                &self.session,
                text,
            ])
            .status()
            .unwrap();
    }

    /// Make the window `w` x `h`.
    pub fn resize(&self, w: u16, h: u16) {
        Command::new("tmux")
            .args(["-L", &self.socket, "resize-window", "-t", &self.session])
            .args(["-x", &w.to_string(), "-y", &h.to_string()])
            .status()
            .unwrap();
    }

    /// The pid of the khabar the session's shell runs.
    pub fn khabar_pid(&self) -> u32 {
        let shell = self.format("#{pane_pid}");
        let start = Instant::now();
        loop {
            let out = Command::new("pgrep")
                .args(["-P", &shell, "-x", "khabar"])
                .output()
                .unwrap();
            if let Some(pid) = String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .next()
            {
                return pid.parse().unwrap();
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no khabar under {shell}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
