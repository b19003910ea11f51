//! The command-line subcommands, as library functions `main.rs` calls. Each
//! returns how it went ([`Outcome`]) or why it could not run
//! ([`CommandError`]); `main` turns both into the exit status.

pub mod actors;
pub mod add;
pub mod doctor;
pub mod extract;
pub mod facts;
pub mod feeds;
pub mod render;
pub mod search;
pub mod shaped;
pub mod store;

use crate::config::ConfigError;
use crate::corpus::{LoadError, StoreError};

/// How a command that ran went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked was done (exit 0).
    Done,
    /// Nothing matched, like grep (exit 1).
    NothingFound,
    /// Some inputs failed, said on stderr; the rest was done (exit 2).
    SomeFailed,
}

impl Outcome {
    /// The process exit status.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::NothingFound => 1,
            Outcome::SomeFailed => 2,
        }
    }
}

/// Why a command could not run (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("config error: {0}")]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Write all of `s` to standard output; a closed pipe is not an error.
/// `value` as pretty JSON and a newline, with what terminals obey (C1,
/// DEL, bidi controls: JSON allows them raw in strings) escaped.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    let s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "[]".into());
    let mut s = crate::text::safety::json_escape(&s).into_owned();
    s.push('\n');
    s
}

pub(crate) fn write_stdout(s: &[u8]) -> Result<(), CommandError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(s).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Standard output a line at a time, for commands that print as they go
/// (`refresh`): a reader that closed the pipe (`| head -1`) ends the
/// writing; every later line is dropped, and [`Out::closed`] says so.
#[derive(Debug, Default)]
pub(crate) struct Out {
    closed: bool,
}

impl Out {
    /// Write `line` and a newline; false once the reader is gone.
    pub fn line(&mut self, line: &str) -> Result<bool, CommandError> {
        if self.closed {
            return Ok(false);
        }
        let mut s = String::with_capacity(line.len() + 1);
        s.push_str(line);
        if !s.ends_with('\n') {
            s.push('\n');
        }
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Has the reader closed the pipe?
    pub fn closed(&self) -> bool {
        self.closed
    }
}

/// Write `bytes` to standard output (a closed pipe is the end, no error).
pub fn write_all(bytes: &[u8]) -> Result<Outcome, CommandError> {
    write_stdout(bytes).map(|()| Outcome::Done)
}
