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
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(p, e) => write!(f, "{p}: cannot read: {e}"),
            LoadError::Empty(p) => write!(f, "{p}: empty file, skipped"),
            LoadError::Binary(p) => write!(f, "{p}: binary file, skipped"),
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
    if looks_binary(&bytes[..bytes.len().min(8192)]) {
        return Err(LoadError::Binary(name.to_string()));
    }
    match String::from_utf8(bytes) {
        Ok(s) if !s.contains('\r') => Ok((s, None)),
        Ok(s) => Ok((s.replace("\r\n", "\n"), None)),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).replace("\r\n", "\n");
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
    Ok(Article::from_plain_text(path, &text))
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
