//! Reading articles from files and standard input, safely: invalid UTF-8 is
//! decoded lossily with a warning, binary and empty files are refused with a
//! clear message.

use std::fmt;
use std::io::Read;
use std::path::Path;

use super::Article;

/// Why a file could not become an article.
#[derive(Debug)]
pub enum LoadError {
    Io(String, std::io::Error),
    Empty(String),
    Binary(String),
    TooLarge(String, usize),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(p, e) => write!(f, "{p}: cannot read: {e}"),
            LoadError::Empty(p) => write!(f, "{p}: empty file, skipped"),
            LoadError::Binary(p) => write!(f, "{p}: binary file, skipped"),
            LoadError::TooLarge(p, n) => write!(
                f,
                "{p}: {} MB is too large for an article, skipped",
                n / 1_000_000
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Decode bytes as text. Returns the text and, when the bytes were not valid
/// UTF-8, a warning naming `name`. A UTF-8 byte order mark is dropped.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<(String, Option<String>), LoadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty(name.to_string()));
    }
    let nuls = |head: &[u8]| memchr::memchr_iter(0, head).count();
    let too_many_nuls = |head: &[u8]| nuls(head) >= 2 && nuls(head) * 100 > head.len();
    match String::from_utf8(bytes) {
        // valid UTF-8 is text unless it is full of NULs
        Ok(s) if too_many_nuls(&s.as_bytes()[..s.len().min(8192)]) => {
            Err(LoadError::Binary(name.to_string()))
        }
        Ok(s) if !s.contains('\r') => Ok((s, None)),
        Ok(s) => Ok((s.replace("\r\n", "\n"), None)),
        Err(e) => {
            let bytes = e.as_bytes();
            if looks_binary(&bytes[..bytes.len().min(8192)]) {
                return Err(LoadError::Binary(name.to_string()));
            }
            let valid_up_to = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
            let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
            Ok((
                text,
                Some(format!(
                    "{name}: not valid UTF-8 (first bad byte at offset {}); {bad} invalid sequence(s) shown as \u{FFFD}",
                    valid_up_to
                )),
            ))
        }
    }
}

/// Binary data: NUL bytes (two or more, over 1% of the bytes), or mostly bytes that are neither
/// text controls nor valid UTF-8. A stray NUL or escape inside an article is
/// not binary: the text engine shows it as a visible replacement.
fn looks_binary(head: &[u8]) -> bool {
    if head.is_empty() {
        return false;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul >= 2 && nul * 100 > head.len() {
        return true;
    }
    let lossy = String::from_utf8_lossy(head);
    let odd = lossy
        .chars()
        .filter(|&c| c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()))
        .count();
    odd * 10 > lossy.chars().count() * 3
}

/// Read a file, or standard input for `-`, as text.
pub fn read_text(path: &str) -> Result<(String, Option<String>), LoadError> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| LoadError::Io("<stdin>".into(), e))?;
        buf
    } else {
        std::fs::read(Path::new(path)).map_err(|e| LoadError::Io(path.to_string(), e))?
    };
    decode(if path == "-" { "<stdin>" } else { path }, bytes)
}

/// Load one article from a file path (or `-`). Warnings go to `warn`.
pub fn load_path(path: &str, warn: &mut dyn FnMut(String)) -> Result<Article, LoadError> {
    let (text, warning) = read_text(path)?;
    if let Some(w) = warning {
        warn(w);
    }
    Ok(parse_by_name(path, &text))
}

/// Parse text as the article format its name says (`.md`: Markdown; anything
/// else: plain text).
pub fn parse_by_name(path: &str, text: &str) -> Article {
    let lower = path.to_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        super::markdown::parse_markdown(path, text)
    } else {
        Article::from_plain_text(path, text)
    }
}

/// Load one article file; a warning (lossy decoding) comes back with it.
pub fn load_file(path: &Path) -> Result<(Article, Option<String>), LoadError> {
    let name = path.to_string_lossy();
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io(name.to_string(), e))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(name.to_string(), bytes.len()));
    }
    let (text, warning) = decode(&name, bytes)?;
    Ok((parse_by_name(&name, &text), warning))
}

/// Files larger than this are not articles.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Extensions of the article files a directory walk picks up.
const ARTICLE_EXTENSIONS: [&str; 4] = ["txt", "md", "markdown", "text"];

/// Expand the command line's paths: files as given, directories walked
/// recursively (hidden entries skipped) for article files, sorted. Problems
/// (missing paths, unreadable directories) come back as messages.
pub fn collect_paths(paths: &[std::path::PathBuf]) -> (Vec<std::path::PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut problems),
            Ok(_) => files.push(p.clone()),
            Err(e) => problems.push(format!("{}: {e}", p.display())),
        }
    }
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>, problems: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    let mut found: Vec<(std::path::PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            (e.path(), is_dir)
        })
        .collect();
    found.sort();
    for (path, is_dir) in found {
        if is_dir {
            walk(&path, files, problems);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_lowercase().as_str()))
        {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lossy_utf8_warns() {
        let (t, w) = decode("f.txt", b"abc \xff\xfe \xd8\xb3".to_vec()).unwrap();
        assert_eq!(t, "abc \u{FFFD}\u{FFFD} س");
        assert!(w.unwrap().contains("f.txt: not valid UTF-8"));
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert!(matches!(
            decode("e", b"  \n".to_vec()),
            Err(LoadError::Empty(_))
        ));
        assert!(matches!(
            decode("b", b"\x7fELF\0\0\x01".to_vec()),
            Err(LoadError::Binary(_))
        ));
    }

    #[test]
    fn bom_and_crlf() {
        let (t, w) = decode("f", "\u{feff}عنوان\r\nنص".as_bytes().to_vec()).unwrap();
        assert_eq!(t, "عنوان\nنص");
        assert!(w.is_none());
    }
}
