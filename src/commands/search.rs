//! `khabar search [--count] QUERY [PATH...]`: grep for Arabic news. One line
//! per matching paragraph, `PATH:LINE: paragraph`, or `PATH:N` with
//! `--count`; exit status 0 when something matched, 1 when nothing, 2 on
//! error. With PATHs the files are scanned; without, the store is searched
//! through its index (the seeds when it is empty), each article named by
//! its path or link and its lines numbered as `render --plain` prints them
//! unwrapped: the title is line 1, paragraph k is line 2k+1.

use std::io::Write;
use std::path::PathBuf;

use super::shaped::Lines;
use super::{CommandError, Outcome};
use crate::corpus::load::decode;
use crate::corpus::store::find::{Hit, Scope, SearchOptions};
use crate::corpus::{LoadError, Store, collect_paths, seeds};
use crate::report::say;
use crate::search::Query;
use crate::search::code::CodedQuery;
use crate::text::normalize::{Folded, fold_bytes};
use crate::text::safety::sanitized;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

/// What searching one file gave.
#[derive(Default)]
struct FileResult {
    out: Vec<u8>,
    matched: bool,
    error: Option<String>,
    /// How the file was read, when it was not UTF-8.
    note: Option<String>,
}

/// Run the command.
pub fn run(count: bool, query: &str, paths: &[PathBuf]) -> Result<Outcome, CommandError> {
    let Some(q) = Query::new(query) else {
        return Err(CommandError::Usage(
            "the query is empty (after folding harakat and tatweel): nothing to search for".into(),
        ));
    };
    let lines = Lines::for_stdout();
    // the terminal's switches around the output (VTE, mlterm)
    let _terminal = super::shaped::TerminalOutput::begin();
    let mut status_error = false;
    if paths.is_empty() {
        let store = Store::open_default()?;
        if store.article_count()? > 0 {
            return search_store(&store, &q, count, lines);
        }
    }
    // (name, contents): files, or the seeds built in
    let sources: Vec<Source> = if paths.is_empty() {
        seeds::SEEDS
            .iter()
            .map(|(n, t)| Source::Text(format!("seeds/{n}"), t))
            .collect()
    } else {
        let (files, problems) = collect_paths(paths);
        for p in problems {
            say(&p);
            status_error = true;
        }
        files.into_iter().map(Source::File).collect()
    };
    let threads = crate::parallel::cores().min(8);
    let results = crate::parallel::map(sources.len(), threads, |i| {
        search_one(&sources[i], &q, count, lines)
    });
    let mut stdout = std::io::stdout().lock();
    let mut matched = false;
    for r in results {
        if let Some(n) = r.note {
            say(&format!("warning: {n}"));
        }
        if let Some(e) = r.error {
            say(&e);
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

/// Search the store through its index.
fn search_store(
    store: &Store,
    q: &Query,
    count: bool,
    lines: Lines,
) -> Result<Outcome, CommandError> {
    if count {
        return count_store(store, q);
    }
    let hits = Mutex::new(Vec::new());
    let scope = search_all(store, q, &|h| {
        hits.lock().unwrap_or_else(|e| e.into_inner()).extend(h);
        true
    })?;
    let mut hits = hits.into_inner().unwrap_or_else(|e| e.into_inner());
    hits.sort_unstable_by_key(|h| h.id);
    widen_pipe();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let coded = CodedQuery::new(q);
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        for h in &hits {
            let name = sanitized(&h.name);
            let Some(a) = store.article(h.id).map_err(std::io::Error::other)? else {
                continue;
            };
            // the text: the title line, then a line per paragraph
            let text: Vec<&str> = a.text.split('\n').collect();
            for i in coded.lines(&crate::search::code::encode(&a.text)) {
                if scope == Scope::Titles && i > 0 {
                    break;
                }
                let Some(l) = text.get(i) else { continue };
                let prefix = format!("{name}:{}: ", 2 * i + 1);
                out.write_all(lines.line(&prefix, l, &matches_in(l, q, lines)).as_bytes())?;
            }
        }
        out.flush()
    };
    written(write(&mut out), !hits.is_empty())
}

/// `khabar search --count` on the store: `NAME:N` per article, in id order.
/// Each batch of hits is written out by the thread that found it, while
/// the others go on searching; the batches cover ranges of ids that do not
/// overlap (segments, or titles, a range per thread), so putting them in
/// order of their first id puts every line in order.
fn count_store(store: &Store, q: &Query) -> Result<Outcome, CommandError> {
    use std::fmt::Write as _;
    let parts: Mutex<Vec<(i64, String)>> = Mutex::new(Vec::new());
    search_all(store, q, &|mut hits| {
        hits.sort_unstable_by_key(|h| h.id);
        let Some(first) = hits.first().map(|h| h.id) else {
            return true;
        };
        let mut text = String::with_capacity(hits.len() * 64);
        for h in &hits {
            let _ = writeln!(text, "{}:{}", sanitized(&h.name), h.lines);
        }
        parts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((first, text));
        true
    })?;
    let mut parts = parts.into_inner().unwrap_or_else(|e| e.into_inner());
    parts.sort_unstable_by_key(|(first, _)| *first);
    widen_pipe();
    let mut out = std::io::stdout().lock();
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        for (_, text) in &parts {
            out.write_all(text.as_bytes())?;
        }
        out.flush()
    };
    written(write(&mut out), !parts.is_empty())
}

/// Search the whole store on every core, the hits with their names, and
/// say when the query is too short for the index (titles only).
fn search_all(
    store: &Store,
    q: &Query,
    found: &(dyn Fn(Vec<Hit>) -> bool + Sync),
) -> Result<Scope, CommandError> {
    let opts = SearchOptions {
        threads: crate::parallel::cores(),
        names: true,
        first_page: 0,
    };
    let scope = store.search(q, &opts, &AtomicBool::new(false), found)?;
    if scope == Scope::Titles {
        say("a query under 3 letters searches the titles only (the index needs 3)");
    }
    Ok(scope)
}

/// What writing the results came to: a reader that closed the pipe early
/// (`| head`) is no error.
fn written(result: std::io::Result<()>, found: bool) -> Result<Outcome, CommandError> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ if found => Ok(Outcome::Done),
        _ => Ok(Outcome::NothingFound),
    }
}

/// When standard output is a pipe, make its buffer a megabyte (the most a
/// process may ask for by default) rather than 64 KB: a long list of
/// matches then goes to the reader in a few wakeups instead of dozens,
/// each a switch between the two processes.
fn widen_pipe() {
    use std::os::fd::AsRawFd;
    let fd = std::io::stdout().as_raw_fd();
    // SAFETY: fstat and fcntl on our own standard output, with a valid
    // buffer; failure changes nothing.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(fd, &mut st) == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFIFO {
            libc::fcntl(fd, libc::F_SETPIPE_SZ, 1 << 20);
        }
    }
}

enum Source {
    File(PathBuf),
    Text(String, &'static str),
}

fn search_one(src: &Source, q: &Query, count: bool, lines: Lines) -> FileResult {
    let name;
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
                return search_text(&name, text, q, count, lines);
            }
            let (owned, note) = match decode(&name, bytes) {
                Ok(read) => read,
                // like grep: nothing to find in an empty or binary file
                Err(LoadError::Empty(_) | LoadError::Binary(_)) => return FileResult::default(),
                Err(e) => {
                    return FileResult {
                        error: Some(e.to_string()),
                        ..Default::default()
                    };
                }
            };
            return FileResult {
                note,
                ..search_text(&name, &owned, q, count, lines)
            };
        }
    };
    search_text(&name, text, q, count, lines)
}

fn search_text(name: &str, text: &str, q: &Query, count: bool, shown: Lines) -> FileResult {
    let name = sanitized(name);
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
                    let prefix = format!("{name}:{}: ", i + 1);
                    out.extend_from_slice(
                        shown.line(&prefix, l, &matches_in(l, q, shown)).as_bytes(),
                    );
                }
                Some(_) => {}
                None => break,
            }
        }
    }
    FileResult {
        out,
        matched: true,
        ..Default::default()
    }
}

/// The matches of `q` in `line`, when they are shown in colour.
fn matches_in(line: &str, q: &Query, lines: Lines) -> Vec<std::ops::Range<usize>> {
    if !lines.color {
        return Vec::new();
    }
    crate::search::find_in(q, &Folded::new(line))
}
