//! `khabar search [--count] QUERY [PATH...]`: grep for Arabic news. One line
//! per matching paragraph, `PATH:LINE: paragraph`, or `PATH:N` with
//! `--count`; exit status 0 when something matched, 1 when nothing, 2 on
//! error.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::{CommandError, Outcome};
use crate::config::no_color;
use crate::corpus::load::decode;
use crate::corpus::{LoadError, collect_paths, seeds};
use crate::search::Query;
use crate::text::normalize::{Folded, fold_bytes};
use crate::text::safety::sanitize;

/// What searching one file gave.
#[derive(Default)]
struct FileResult {
    out: Vec<u8>,
    matched: bool,
    error: Option<String>,
}

/// Run the command.
pub fn run(count: bool, query: &str, paths: &[PathBuf]) -> Result<Outcome, CommandError> {
    let Some(q) = Query::new(query) else {
        return Err(CommandError::Usage(
            "the query is empty (after folding harakat and tatweel): nothing to search for".into(),
        ));
    };
    let color = std::io::stdout().is_terminal() && !no_color();
    let mut status_error = false;
    // (name, contents): files, or the seeds built in
    let sources: Vec<Source> = if paths.is_empty() {
        seeds::SEEDS
            .iter()
            .map(|(n, t)| Source::Text(format!("seeds/{n}"), t))
            .collect()
    } else {
        let (files, problems) = collect_paths(paths);
        for p in problems {
            eprintln!("khabar: {p}");
            status_error = true;
        }
        files.into_iter().map(Source::File).collect()
    };
    let threads = crate::parallel::cores().min(8);
    let results = crate::parallel::map(sources.len(), threads, |i| {
        search_one(&sources[i], &q, count, color)
    });
    let mut stdout = std::io::stdout().lock();
    let mut matched = false;
    for r in results {
        if let Some(e) = r.error {
            eprintln!("khabar: {e}");
            status_error = true;
        }
        matched |= r.matched;
        if let Err(e) = stdout.write_all(&r.out) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                break;
            }
            return Err(e.into());
        }
    }
    Ok(if status_error {
        Outcome::SomeFailed
    } else if matched {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

enum Source {
    File(PathBuf),
    Text(String, &'static str),
}

fn search_one(src: &Source, q: &Query, count: bool, color: bool) -> FileResult {
    let (name, owned);
    let text: &str = match src {
        Source::Text(n, t) => {
            name = n.clone();
            t
        }
        Source::File(p) => {
            name = p.display().to_string();
            let bytes = match std::fs::read(p) {
                Ok(b) => b,
                Err(e) => {
                    return FileResult {
                        error: Some(format!("{name}: {e}")),
                        ..Default::default()
                    };
                }
            };
            // The common case, valid UTF-8 without NULs, is searched in place
            // (SIMD validation); anything else goes through the loader's decoding.
            let head = &bytes[..bytes.len().min(8192)];
            if !head.contains(&0)
                && let Ok(text) = simdutf8::basic::from_utf8(
                    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes),
                )
            {
                return search_text(&name, text, q, count, color);
            }
            owned = match decode(&name, bytes) {
                Ok((t, _)) => t,
                // like grep: nothing to find in an empty or binary file
                Err(LoadError::Empty(_) | LoadError::Binary(_)) => return FileResult::default(),
                Err(e) => {
                    return FileResult {
                        error: Some(e.to_string()),
                        ..Default::default()
                    };
                }
            };
            &owned
        }
    };
    search_text(&name, text, q, count, color)
}

fn search_text(name: &str, text: &str, q: &Query, count: bool, color: bool) -> FileResult {
    let folded = fold_bytes(text);
    let hits = q.find_folded_bytes(&folded);
    if hits.is_empty() {
        return FileResult::default();
    }
    // matching lines (0-based), in order, each once
    let mut lines: Vec<usize> = Vec::new();
    let (mut line, mut at) = (0usize, 0usize);
    for &h in &hits {
        line += memchr::memchr_iter(b'\n', &folded[at..h]).count();
        at = h;
        if lines.last() != Some(&line) {
            lines.push(line);
        }
    }
    let mut out = Vec::new();
    if count {
        let _ = writeln!(out, "{name}:{}", lines.len());
    } else {
        let mut wanted = lines.iter().peekable();
        for (i, l) in text.split('\n').enumerate() {
            match wanted.peek() {
                Some(&&w) if w == i => {
                    wanted.next();
                    let l = l.strip_suffix('\r').unwrap_or(l);
                    let shown = if color { highlight(l, q) } else { sanitize(l) };
                    let _ = writeln!(out, "{name}:{}: {shown}", i + 1);
                }
                Some(_) => {}
                None => break,
            }
        }
    }
    FileResult {
        out,
        matched: true,
        error: None,
    }
}

/// A line with its matches in bold red, control characters made visible.
fn highlight(line: &str, q: &Query) -> String {
    let f = Folded::new(line);
    let mut s = String::new();
    let mut at = 0;
    for r in crate::search::find_in(q, &f) {
        s.push_str(&sanitize(&line[at..r.start]));
        s.push_str("\x1b[1;31m");
        s.push_str(&sanitize(&line[r.clone()]));
        s.push_str("\x1b[0m");
        at = r.end;
    }
    s.push_str(&sanitize(&line[at..]));
    s
}
