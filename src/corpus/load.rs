//! Reading articles from files and standard input, safely: invalid UTF-8 is
//! decoded lossily with a warning, binary and empty files are refused with a
//! clear message.

use std::io::Read;
use std::path::Path;

use super::Article;

/// Why a file, a page or a feed could not become articles.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: cannot read: {1}")]
    Io(String, #[source] std::io::Error),
    #[error("{0}: empty file, skipped")]
    Empty(String),
    #[error("{0}: binary file, skipped")]
    Binary(String),
    #[error("{}: {} MB is too large for an article, skipped", .0, .1 / 1_000_000)]
    TooLarge(String, usize),
    #[error("{0}")]
    NotAFeed(String),
    #[error("{0}: {1}")]
    NotOpml(String, String),
    #[error(transparent)]
    Fetch(#[from] super::fetch::FetchError),
}

/// Decode bytes as text. Returns the text and, when the bytes were not valid
/// UTF-8, a warning naming `name`. A UTF-8 byte order mark is dropped.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<(String, Option<String>), LoadError> {
    decode_with(name, bytes, None)
}

/// [`decode`], with the charset a server named (it wins over the
/// document's own). Files and fetched bodies go through the same rules:
/// empty and binary data are refused alike.
pub fn decode_with(
    name: &str,
    mut bytes: Vec<u8>,
    charset: Option<&str>,
) -> Result<(String, Option<String>), LoadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty(name.to_string()));
    }
    // UTF-16 (full of NULs, but text): its byte order mark says so
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, note) = super::encoding::decode_bytes(name, &bytes, None);
        return Ok((text.replace("\r\n", "\n"), note));
    }
    let nuls = |head: &[u8]| memchr::memchr_iter(0, head).count();
    let too_many_nuls = |head: &[u8]| nuls(head) >= 2 && nuls(head) * 100 > head.len();
    // Valid UTF-8 with letters beyond ASCII is UTF-8 whatever a header or
    // the document declares: text in a legacy encoding is almost never
    // valid UTF-8, and a page saved as UTF-8 often keeps an old
    // `<meta charset>`.
    if !bytes.is_ascii() && simdutf8::basic::from_utf8(&bytes).is_ok() {
        let s = String::from_utf8(bytes).expect("checked above");
        if too_many_nuls(&s.as_bytes()[..s.len().min(8192)]) {
            return Err(LoadError::Binary(name.to_string()));
        }
        return Ok((
            if s.contains('\r') {
                s.replace("\r\n", "\n")
            } else {
                s
            },
            None,
        ));
    }
    // a charset the server named, other than UTF-8
    if let Some(enc) = charset
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8)
    {
        if looks_binary(&bytes[..bytes.len().min(8192)]) && std::str::from_utf8(&bytes).is_err() {
            return Err(LoadError::Binary(name.to_string()));
        }
        let (text, note) = super::encoding::decode_bytes(name, &bytes, Some(enc.name()));
        return Ok((text.replace("\r\n", "\n"), note));
    }
    // A legacy encoding declared in the document wins over a UTF-8 reading.
    if let Some(enc) =
        super::encoding::declared_charset(&bytes).filter(|e| *e != encoding_rs::UTF_8)
    {
        let (text, note) = super::encoding::decode_bytes(name, &bytes, Some(enc.name()));
        return Ok((text.replace("\r\n", "\n"), note));
    }
    match String::from_utf8(bytes) {
        // valid UTF-8 is text unless it is full of NULs
        Ok(s) if too_many_nuls(&s.as_bytes()[..s.len().min(8192)]) => {
            Err(LoadError::Binary(name.to_string()))
        }
        Ok(s) if !s.contains('\r') => Ok((s, None)),
        Ok(s) => Ok((s.replace("\r\n", "\n"), None)),
        Err(e) => {
            let bytes = e.as_bytes();
            // Arabic text in windows-1256 or ISO-8859-6 (plain text has no
            // declaration), which is all bytes UTF-8 does not allow
            if let Some(enc) = super::encoding::legacy_arabic(bytes) {
                let (text, had_errors) = enc.decode_without_bom_handling(bytes);
                let note = format!(
                    "{name}: not UTF-8, read as {} (detected){}",
                    enc.name(),
                    if had_errors {
                        "; invalid bytes replaced by \u{FFFD}"
                    } else {
                        ""
                    }
                );
                return Ok((text.replace("\r\n", "\n"), Some(note)));
            }
            if looks_binary(&bytes[..bytes.len().min(8192)]) {
                return Err(LoadError::Binary(name.to_string()));
            }
            // windows-1256 or ISO-8859-6 if it reads as one, else lossy; said either way
            let (text, note) = super::encoding::decode_bytes(name, bytes, None);
            Ok((text.replace("\r\n", "\n"), note))
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

/// Load the articles of a file path (or `-`). Warnings go to `warn`.
pub fn load_path(path: &str, warn: &mut dyn FnMut(String)) -> Result<Vec<Article>, LoadError> {
    if super::fetch::is_url(path) {
        let (articles, warning) = load_source(path)?;
        if let Some(w) = warning {
            warn(w);
        }
        return Ok(articles);
    }
    let (text, warning) = read_text(path)?;
    if let Some(w) = warning {
        warn(w);
    }
    parse_document(path, &text)
}

/// What a document is, from its content first, then its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Feed,
    /// JSON that is not a JSON Feed (settings, an API's answer): no article.
    Json,
}

/// Tell a document's format: a feed or an HTML page by how it starts,
/// else by extension.
pub fn sniff(path: &str, text: &str) -> Format {
    let head: String = text
        .trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t'])
        .chars()
        .take(512)
        .collect();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with("<rss") || lower.starts_with("<feed") || lower.starts_with("<rdf") {
        return Format::Feed;
    }
    if lower.starts_with("<?xml") {
        return if lower.contains("<html") {
            Format::Html
        } else {
            Format::Feed
        };
    }
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return Format::Html;
    }
    if lower.starts_with('{') && lower.contains("jsonfeed.org") {
        return Format::Feed;
    }
    let path = path.to_lowercase();
    let extension = path.rsplit('.').next().unwrap_or("");
    if extension == "json" || ((lower.starts_with('{') || lower.starts_with('[')) && is_json(text))
    {
        return if is_json_feed(text) {
            Format::Feed
        } else {
            Format::Json
        };
    }
    match extension {
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" => Format::Html,
        "xml" | "rss" | "atom" => Format::Feed,
        _ => Format::Text,
    }
}

/// Is `text` one JSON value?
fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// Is `text` a JSON Feed (an object whose `version` names jsonfeed.org)?
fn is_json_feed(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Head {
        version: Option<String>,
    }
    serde_json::from_str::<Head>(text)
        .ok()
        .and_then(|h| h.version)
        .is_some_and(|v| v.contains("jsonfeed.org"))
}

/// Parse a decoded document into its articles (a feed has many).
pub fn parse_document(path: &str, text: &str) -> Result<Vec<Article>, LoadError> {
    Ok(match sniff(path, text) {
        Format::Text => vec![Article::from_plain_text(path, text)],
        Format::Markdown => vec![super::markdown::parse_markdown(path, text)],
        Format::Html => {
            let url = super::fetch::is_url(path).then_some(path);
            let page = super::extract::extract(text, url);
            vec![Article::from_page(path, &page)]
        }
        Format::Feed => super::feed::parse_feed(path, text)?,
        Format::Json => {
            return Err(LoadError::NotAFeed(format!(
                "{path}: {}, skipped",
                if is_json(text) {
                    "JSON, but not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\")"
                } else {
                    "named .json, but not JSON"
                }
            )));
        }
    })
}

/// Load the articles of one file; a note on how it was decoded comes back with them.
pub fn load_file(path: &Path) -> Result<(Vec<Article>, Option<String>), LoadError> {
    let name = path.to_string_lossy();
    let size = std::fs::metadata(path)
        .map_err(|e| LoadError::Io(name.to_string(), e))?
        .len() as usize;
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(name.to_string(), size));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io(name.to_string(), e))?;
    let (text, warning) = decode(&name, bytes)?;
    Ok((parse_document(&name, &text)?, warning))
}

/// Load the articles of a command-line source: an http(s) URL (fetched) or a file.
pub fn load_source(source: &str) -> Result<(Vec<Article>, Option<String>), LoadError> {
    if super::fetch::is_url(source) {
        super::fetch::load_url(source, &super::fetch::FetchLimits::default())
    } else {
        load_file(Path::new(source))
    }
}

/// Files larger than this are not articles.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Extensions of the article files a directory walk picks up.
const ARTICLE_EXTENSIONS: [&str; 10] = [
    "txt", "md", "markdown", "text", "html", "htm", "xml", "rss", "atom", "json",
];

/// Is `path` named like an article file (by its extension)?
pub fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_lowercase().as_str()))
}

/// The article files under some paths, found as the walk goes: a file given
/// is taken as it is, a directory is walked (hidden entries skipped) for
/// article files. Memory stays that of the directories open, whatever their
/// size; entries come in the order the file system gives them.
pub struct Walk {
    roots: std::collections::VecDeque<std::path::PathBuf>,
    open: Vec<std::fs::ReadDir>,
}

impl Walk {
    pub fn new(paths: &[std::path::PathBuf]) -> Walk {
        Walk {
            roots: paths.iter().cloned().collect(),
            open: Vec::new(),
        }
    }
}

impl Iterator for Walk {
    /// A file and what `stat` says of it, or a problem in one line.
    type Item = Result<(std::path::PathBuf, std::fs::Metadata), String>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(dir) = self.open.last_mut() {
                let Some(entry) = dir.next() else {
                    self.open.pop();
                    continue;
                };
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => return Some(Err(e.to_string())),
                };
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = entry.path();
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    match std::fs::read_dir(&path) {
                        Ok(d) => self.open.push(d),
                        Err(e) => return Some(Err(format!("{}: {e}", path.display()))),
                    }
                    continue;
                }
                if !is_article_file(&path) {
                    continue;
                }
                return Some(
                    std::fs::metadata(&path)
                        .map(|m| (path.clone(), m))
                        .map_err(|e| format!("{}: {e}", path.display())),
                );
            }
            let root = self.roots.pop_front()?;
            match std::fs::metadata(&root) {
                Ok(m) if m.is_dir() => match std::fs::read_dir(&root) {
                    Ok(d) => self.open.push(d),
                    Err(e) => return Some(Err(format!("{}: {e}", root.display()))),
                },
                Ok(m) => return Some(Ok((root, m))),
                Err(e) => return Some(Err(format!("{}: {e}", root.display()))),
            }
        }
    }
}

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
        } else if is_article_file(&path) {
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
    fn valid_utf8_wins_over_a_wrong_declaration() {
        let page =
            "<html><head><meta charset=\"windows-1256\"></head><body><p>خبر عاجل</p></body></html>";
        let (t, w) = decode_with("p.html", page.as_bytes().to_vec(), None).unwrap();
        assert!(t.contains("خبر عاجل") && w.is_none());
        let (t, _) = decode_with("p.html", page.as_bytes().to_vec(), Some("iso-8859-6")).unwrap();
        assert!(t.contains("خبر عاجل"));
        // a real windows-1256 page is read as one
        let mut legacy = b"<html><head><meta charset=\"windows-1256\"></head><body><p>".to_vec();
        legacy.extend(encoding_rs::WINDOWS_1256.encode("خبر عاجل").0.iter());
        let (t, _) = decode_with("p.html", legacy, None).unwrap();
        assert!(t.contains("خبر عاجل"));
    }

    #[test]
    fn bom_and_crlf() {
        let (t, w) = decode("f", "\u{feff}عنوان\r\nنص".as_bytes().to_vec()).unwrap();
        assert_eq!(t, "عنوان\nنص");
        assert!(w.is_none());
    }
}
