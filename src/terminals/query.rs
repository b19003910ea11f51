//! Asking the terminal who it is: XTVERSION (`CSI > q`, answered with
//! `DCS > | name(version) ST`), the secondary device attributes (DA2,
//! `CSI > c`, answered with `CSI > kind ; version ; x c`), then the primary
//! ones (DA1, `CSI c`), which every terminal answers: its reply ends the
//! wait, else a short timeout does. The tty is read in raw mode meanwhile
//! (and left as it was).

use std::io::Write;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

/// What the terminal answered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replies {
    /// XTVERSION's text: `XTerm(379)`, `kitty(0.26.5)`, `Konsole 22.12.3`.
    pub xtversion: Option<String>,
    /// DA2's numbers: the terminal's kind and version (`65;7006;1` is VTE
    /// 0.70.6, `24;279;0` mlterm).
    pub da2: Option<Vec<u32>>,
    /// DA1 came (the terminal answered everything it would).
    pub complete: bool,
}

/// How long the replies are waited for.
pub const TIMEOUT: Duration = Duration::from_millis(200);

/// The questions, in one write.
pub const QUESTIONS: &[u8] = b"\x1b[>q\x1b[>c\x1b[c";

impl Replies {
    /// The replies in `bytes` (what the terminal sent back).
    pub fn parse(bytes: &[u8]) -> Replies {
        let mut r = Replies::default();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != 0x1b {
                i += 1;
                continue;
            }
            let rest = &bytes[i..];
            if let Some(body) = rest.strip_prefix(b"\x1bP>|") {
                // to ST (ESC \) or BEL
                let end = body
                    .windows(2)
                    .position(|w| w == b"\x1b\\")
                    .or_else(|| body.iter().position(|&b| b == 0x07));
                if let Some(end) = end {
                    r.xtversion = Some(String::from_utf8_lossy(&body[..end]).trim().to_string());
                    i += 4 + end;
                    continue;
                }
            } else if let Some(body) = rest.strip_prefix(b"\x1b[") {
                let end = body.iter().position(|b| (0x40..=0x7e).contains(b));
                if let Some(end) = end {
                    let params = &body[..end];
                    if body[end] == b'c' {
                        if let Some(p) = params.strip_prefix(b">") {
                            r.da2 = Some(
                                String::from_utf8_lossy(p)
                                    .split(';')
                                    .filter_map(|n| n.parse().ok())
                                    .collect(),
                            );
                        } else if params.starts_with(b"?") {
                            r.complete = true;
                        }
                    }
                    i += 2 + end + 1;
                    continue;
                }
            }
            i += 1;
        }
        r
    }
}

/// Ask the terminal (the controlling tty) and wait for its replies, up to
/// `timeout`; `None` when there is no tty to ask.
pub fn ask(timeout: Duration) -> Option<Replies> {
    exchange(QUESTIONS, timeout)
}

/// Ask DA1 alone and wait for the answer (up to `timeout`): the terminal
/// has then read everything written before.
pub fn round_trip(timeout: Duration) {
    let _ = exchange(b"\x1b[c", timeout);
}

fn exchange(questions: &[u8], timeout: Duration) -> Option<Replies> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    let fd = tty.as_raw_fd();
    // raw, so that the replies are neither echoed nor held for a newline
    // SAFETY: tcgetattr/tcsetattr on an open tty, into a zeroed termios
    let saved = unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(fd, &mut t) != 0 {
            return None;
        }
        let saved = t;
        libc::cfmakeraw(&mut t);
        libc::tcsetattr(fd, libc::TCSANOW, &t);
        saved
    };
    let mut out = &tty;
    let mut got = Vec::new();
    if out.write_all(questions).is_ok() {
        let start = Instant::now();
        let mut buf = [0u8; 512];
        while let Some(left) = timeout.checked_sub(start.elapsed()) {
            let mut p = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd
            let n = unsafe { libc::poll(&mut p, 1, left.as_millis().max(1) as i32) };
            if n <= 0 {
                break;
            }
            // SAFETY: reads into `buf`, at most its length
            let k = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if k <= 0 {
                break;
            }
            got.extend_from_slice(&buf[..k as usize]);
            if Replies::parse(&got).complete {
                break;
            }
        }
    }
    // SAFETY: the settings read above, back
    unsafe {
        libc::tcsetattr(fd, libc::TCSANOW, &saved);
    }
    Some(Replies::parse(&got))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_as_terminals_send_them() {
        // xterm 379, as it answered under Xvfb
        let r = Replies::parse(
            b"\x1bP>|XTerm(379)\x1b\\\x1b[>41;379;0c\x1b[?64;1;2;6;9;15;16;17;18;21;22;28c",
        );
        assert_eq!(r.xtversion.as_deref(), Some("XTerm(379)"));
        assert_eq!(r.da2, Some(vec![41, 379, 0]));
        assert!(r.complete);
        // VTE (sakura): no XTVERSION
        let r = Replies::parse(b"\x1b[>65;7006;1c\x1b[?65;1;9c");
        assert_eq!((r.xtversion, r.da2), (None, Some(vec![65, 7006, 1])));
        // st: DA1 only
        let r = Replies::parse(b"\x1b[?6c");
        assert_eq!((r.xtversion, r.da2, r.complete), (None, None, true));
        // cut short: not complete
        assert!(!Replies::parse(b"\x1bP>|kitty(0.26.5)\x1b\\\x1b[>1;4000;26c").complete);
    }
}
