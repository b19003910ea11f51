//! A terminal of the test's own: khabar runs on a pseudo-terminal (its
//! controlling tty) whose other end answers the questions khabar asks
//! (XTVERSION, DA2, DA1) as a given terminal answered them, and keeps every
//! byte khabar sends, in order.

use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a terminal answers and what it sets in the environment.
#[derive(Clone, Copy, Debug)]
pub struct Persona {
    pub name: &'static str,
    /// Its answer to XTVERSION (`CSI > q`), if any.
    pub xtversion: &'static [u8],
    /// Its answer to DA2 (`CSI > c`), if any.
    pub da2: &'static [u8],
    /// Its answer to DA1 (`CSI c`).
    pub da1: &'static [u8],
    /// The variables it sets (TERM among them).
    pub vars: &'static [(&'static str, &'static str)],
}

/// The terminals of README's table, as they answered under Xvfb (Debian 12).
pub const XTERM: Persona = Persona {
    name: "xterm",
    xtversion: b"\x1bP>|XTerm(379)\x1b\\",
    da2: b"\x1b[>41;379;0c",
    da1: b"\x1b[?64;1;2;6;9;15;16;17;18;21;22;28c",
    vars: &[("TERM", "xterm"), ("XTERM_VERSION", "XTerm(379)")],
};
pub const VTE: Persona = Persona {
    name: "VTE (sakura)",
    xtversion: b"",
    da2: b"\x1b[>65;7006;1c",
    da1: b"\x1b[?65;1;9c",
    vars: &[("TERM", "xterm-256color"), ("VTE_VERSION", "7006")],
};
pub const KONSOLE: Persona = Persona {
    name: "Konsole",
    xtversion: b"\x1bP>|Konsole 22.12.3\x1b\\",
    da2: b"\x1b[>1;115;0c",
    da1: b"\x1b[?62;1;4c",
    vars: &[("TERM", "xterm-256color"), ("KONSOLE_VERSION", "221203")],
};
pub const MLTERM: Persona = Persona {
    name: "mlterm",
    xtversion: b"",
    da2: b"\x1b[>24;279;0c",
    da1: b"\x1b[?63;1c",
    vars: &[("TERM", "mlterm"), ("MLTERM", "3.9.0")],
};
pub const QTERMINAL: Persona = Persona {
    name: "qterminal",
    xtversion: b"",
    da2: b"\x1b[>0;115;0c",
    da1: b"\x1b[?1;2c",
    vars: &[("TERM", "xterm-256color")],
};
pub const KITTY: Persona = Persona {
    name: "kitty",
    xtversion: b"\x1bP>|kitty(0.26.5)\x1b\\",
    da2: b"\x1b[>1;4000;26c",
    da1: b"\x1b[?62;c",
    vars: &[("TERM", "xterm-kitty"), ("KITTY_WINDOW_ID", "1")],
};

/// tmux 3.3 in Konsole, as khabar sees it when tmux cannot be asked for
/// its client (the socket in `TMUX` is gone): Konsole by the variables
/// tmux's server was started with.
pub const TMUX_KONSOLE: Persona = Persona {
    name: "tmux in Konsole",
    xtversion: b"\x1bP>|tmux 3.3a\x1b\\",
    da2: b"\x1b[>84;0;0c",
    da1: b"\x1b[?1;2c",
    vars: &[
        ("TERM", "tmux-256color"),
        ("TMUX", "/nonexistent/khabar-test-tmux,1,0"),
        ("TMUX_PANE", "%0"),
        ("KONSOLE_VERSION", "221203"),
    ],
};

/// khabar running on a pseudo-terminal that plays `Persona`.
pub struct Pty {
    master: std::fs::File,
    child: Child,
    got: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    /// Start `cmd` (its environment cleared but for PATH, HOME and what is
    /// given in `env` and the persona's variables) on a new pty of
    /// `cols` x `rows`.
    pub fn start(
        persona: Persona,
        mut cmd: Command,
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let (mut master_fd, mut slave_fd) = (-1, -1);
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors; the size is read only
        let r = unsafe {
            libc::openpty(
                &mut master_fd,
                &mut slave_fd,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(r, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned here
        let (master, slave) = unsafe {
            (
                OwnedFd::from_raw_fd(master_fd),
                OwnedFd::from_raw_fd(slave_fd),
            )
        };
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", std::env::var_os("HOME").unwrap_or_default())
            .env("LANG", "C.UTF-8");
        for (k, v) in persona.vars.iter().chain(env.iter()) {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        // SAFETY: between fork and exec only async-signal-safe calls: a new
        // session whose controlling terminal is the pty (stdin)
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("khabar starts");
        let master = std::fs::File::from(master);
        let got = Arc::new(Mutex::new(Vec::new()));
        let (mut reader, mut writer) = (master.try_clone().unwrap(), master.try_clone().unwrap());
        let sink = got.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // where the next question may start
            let mut asked = 0;
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                let mut all = sink.lock().unwrap();
                all.extend_from_slice(&buf[..n]);
                // answer each question once, in the order asked
                while let Some((at, len, answer)) = next_question(&all[asked..], &persona) {
                    asked += at + len;
                    let _ = writer.write_all(answer);
                }
                // a question cut by the read: look at its start again
                asked = asked.max(all.len().saturating_sub(4));
            }
        });
        Pty { master, child, got }
    }

    /// Everything khabar has sent so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.got.lock().unwrap().clone()
    }

    /// Wait (up to 20 s) until what was sent satisfies `ok`.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let b = self.bytes();
            if ok(&b) {
                return b;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no {what} after 20 s; got {:?}",
                String::from_utf8_lossy(&b)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until nothing more is sent for half a second.
    pub fn wait_quiet(&self) {
        let mut last = self.bytes().len();
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let now = self.bytes().len();
            if now == last {
                return;
            }
            last = now;
        }
    }

    /// Type `keys`.
    pub fn send(&mut self, keys: &[u8]) {
        self.master.write_all(keys).unwrap();
    }

    /// Wait (up to 20 s) for khabar to end; everything it sent.
    pub fn finish(mut self) -> Vec<u8> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(
                    status.success(),
                    "khabar: {status}: {:?}",
                    String::from_utf8_lossy(&self.bytes())
                );
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "khabar did not end"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        // what is still in the pty, read by the thread
        self.wait_quiet();
        self.bytes()
    }
}

/// The first question in `bytes`: where it starts, its length, the answer.
fn next_question(bytes: &[u8], p: &Persona) -> Option<(usize, usize, &'static [u8])> {
    let questions: [(&[u8], &'static [u8]); 3] = [
        (b"\x1b[>q", p.xtversion),
        (b"\x1b[>c", p.da2),
        (b"\x1b[c", p.da1),
    ];
    questions
        .iter()
        .filter_map(|(q, a)| find(bytes, q).map(|at| (at, q.len(), *a)))
        .min_by_key(|(at, _, _)| *at)
}

/// Where `needle` first occurs in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
