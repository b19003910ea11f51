//! Reading the terminal without a wakeup of its own: one thread blocks in
//! poll(2), with no timeout, on three things: the tty (keys and the mouse,
//! [`decode`]d), a pipe SIGWINCH writes to (a resize: the size asked of the
//! tty), and a pipe the loop writes to (pause while another program has
//! the terminal, resume, stop). Each becomes a [`Msg`] on the loop's inbox,
//! which the loop blocks on: when nothing happens, khabar makes no system
//! call. A tty that hung up (its window closed) ends khabar as SIGHUP does.
//!
//! (crossterm's own reader was used before: its `poll` turns a timeout
//! into whole milliseconds and spins on the rest, and never reads with a
//! zero timeout, so the loop had to wake every 50 ms to look.)

pub mod decode;

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::crossterm::event::KeyEventKind;
use signal_hook::consts::{SIGHUP, SIGWINCH};

use super::msg::{Msg, Signal};
use decode::{Decoder, Event};

/// What the loop tells the input thread.
const PAUSE: u8 = b'p';
const RESUME: u8 = b'r';
const STOP: u8 = b's';

/// How long the rest of a sequence cut by a read is waited for.
const REST_OF_SEQUENCE: i32 = 50;

/// The input thread, and the pipe to it.
pub struct Input {
    control: UnixStream,
    paused: Receiver<()>,
    thread: Option<JoinHandle<()>>,
}

impl Input {
    /// Read the terminal on stdin from now on; what it says goes to `inbox`.
    pub fn start(inbox: Sender<Msg>) -> std::io::Result<Input> {
        let (control, control_rx) = UnixStream::pair()?;
        let (winch_rx, winch_tx) = UnixStream::pair()?;
        winch_rx.set_nonblocking(true)?;
        winch_tx.set_nonblocking(true)?;
        signal_hook::low_level::pipe::register(SIGWINCH, winch_tx)?;
        let (paused_tx, paused) = channel();
        let thread = std::thread::Builder::new()
            .name("input".into())
            .spawn(move || read_input(&inbox, control_rx, winch_rx, &paused_tx))?;
        Ok(Input {
            control,
            paused,
            thread: Some(thread),
        })
    }

    /// Stop reading the terminal (another program is given it); returns
    /// once the thread has stopped.
    pub fn pause(&mut self) {
        if self.control.write_all(&[PAUSE]).is_ok() {
            let _ = self.paused.recv_timeout(Duration::from_secs(1));
        }
    }

    /// Read it again (and tell the loop its size, which may have changed).
    pub fn resume(&mut self) {
        let _ = self.control.write_all(&[RESUME]);
    }

    /// Stop the thread and wait for it (briefly: it is in poll, or about
    /// to be).
    pub fn stop(mut self) {
        let _ = self.control.write_all(&[STOP]);
        if let Some(t) = self.thread.take() {
            let waited = std::time::Instant::now();
            while !t.is_finished() && waited.elapsed() < Duration::from_millis(250) {
                std::thread::sleep(Duration::from_millis(2));
            }
            if t.is_finished() {
                let _ = t.join();
            }
        }
    }
}

/// The terminal's size (columns, rows), as the tty says.
pub fn size() -> Option<(u16, u16)> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    for fd in [libc::STDOUT_FILENO, libc::STDIN_FILENO] {
        // SAFETY: TIOCGWINSZ writes one winsize
        if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0 && ws.ws_col > 0 {
            return Some((ws.ws_col, ws.ws_row));
        }
    }
    None
}

fn pollfd(fd: i32) -> libc::pollfd {
    libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }
}

/// The thread: poll, read, decode, send; until told to stop, the inbox
/// closes or the tty hangs up.
fn read_input(
    inbox: &Sender<Msg>,
    mut control: UnixStream,
    mut winch: UnixStream,
    paused_tx: &Sender<()>,
) {
    let tty = libc::STDIN_FILENO;
    let mut decoder = Decoder::default();
    let mut paused = false;
    let mut buf = [0u8; 4096];
    let send = |m: Msg| inbox.send(m).is_ok();
    loop {
        let mut fds = [
            pollfd(control.as_raw_fd()),
            pollfd(winch.as_raw_fd()),
            pollfd(tty),
        ];
        let n = if paused { 2 } else { 3 };
        // no timeout unless a sequence waits for its end
        let timeout = if decoder.waiting() && !paused {
            REST_OF_SEQUENCE
        } else {
            -1
        };
        // SAFETY: `n` valid pollfds
        let r = unsafe { libc::poll(fds.as_mut_ptr(), n as libc::nfds_t, timeout) };
        if r < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        if r == 0 {
            for e in decoder.flush() {
                if !send(message(e)) {
                    return;
                }
            }
            continue;
        }
        if fds[0].revents != 0 {
            let mut said = [0u8; 16];
            let got = match control.read(&mut said) {
                Ok(0) | Err(_) => return,
                Ok(k) => k,
            };
            for &c in &said[..got] {
                match c {
                    PAUSE => {
                        paused = true;
                        let _ = paused_tx.send(());
                    }
                    RESUME => {
                        paused = false;
                        if let Some((w, h)) = size()
                            && !send(Msg::Resize(w, h))
                        {
                            return;
                        }
                    }
                    _ => return,
                }
            }
        }
        if fds[1].revents != 0 {
            // drain the signal's pipe; the size is asked once
            while matches!(winch.read(&mut buf), Ok(k) if k > 0) {}
            if !paused
                && let Some((w, h)) = size()
                && !send(Msg::Resize(w, h))
            {
                return;
            }
        }
        if paused || fds[2].revents == 0 {
            continue;
        }
        if fds[2].revents & libc::POLLIN != 0 {
            // SAFETY: reads into `buf`, at most its length
            let k = unsafe { libc::read(tty, buf.as_mut_ptr().cast(), buf.len()) };
            if k > 0 {
                let k = k as usize;
                for e in decoder.feed(&buf[..k], k == buf.len()) {
                    if !send(message(e)) {
                        return;
                    }
                }
                continue;
            }
            if k < 0
                && matches!(
                    std::io::Error::last_os_error().kind(),
                    std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock
                )
            {
                continue;
            }
        }
        // the end of the tty (its window closed), or an error: read no more
        let _ = send(Msg::Signal(Signal::End(SIGHUP)));
        return;
    }
}

fn message(e: Event) -> Msg {
    match e {
        Event::Key(mut k) => {
            k.kind = KeyEventKind::Press;
            Msg::Key(k)
        }
        Event::Mouse(m) => Msg::Mouse(m),
    }
}
