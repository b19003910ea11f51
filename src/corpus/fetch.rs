//! Fetching articles and feeds over HTTP(S): bounded in time, size and
//! redirects, gzip accepted, and every failure said in one clear line.

use std::time::Duration;

use super::load::{Format, decode_with, parse_document, sniff};
use super::{Article, LoadError};

/// How far a fetch may go.
#[derive(Clone, Debug)]
pub struct FetchLimits {
    pub connect: Duration,
    pub total: Duration,
    pub max_bytes: u64,
    pub max_redirects: u32,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// Is this argument a URL rather than a path?
pub fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Why a fetch failed, in one line that names the URL.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: HTTP {status}")]
    Status { url: String, status: String },
    #[error("{url}: no complete answer within {seconds} s")]
    Timeout { url: String, seconds: f32 },
    #[error("{url}: host not found (DNS)")]
    HostNotFound { url: String },
    #[error("{url}: connection failed")]
    ConnectionFailed { url: String },
    #[error("{url}: larger than {megabytes} MB, not loaded")]
    TooLarge { url: String, megabytes: u64 },
    #[error("{url}: not read within {seconds} s")]
    ReadTimeout { url: String, seconds: f32 },
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: u32 },
    #[error("{url}: TLS error: {message}")]
    Tls { url: String, message: String },
    #[error("{url}: {message}")]
    Other { url: String, message: String },
}

/// The body of `url` and the charset its Content-Type names, if any.
pub fn fetch(url: &str, limits: &FetchLimits) -> Result<(Vec<u8>, Option<String>), FetchError> {
    let agent = ureq::Agent::config_builder()
        .timeout_connect(Some(limits.connect))
        .timeout_global(Some(limits.total))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent("khabar (terminal news reader)")
        .build()
        .new_agent();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| describe(url, e, limits))?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status {
            url: url.to_string(),
            status: format!(
                "{} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string(),
        });
    }
    let charset = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| {
            ct.to_ascii_lowercase()
                .split("charset=")
                .nth(1)
                .map(|c| c.trim_matches(['"', ' ', ';']).to_string())
        });
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| describe(url, e, limits))?;
    Ok((bytes, charset))
}

fn describe(url: &str, e: ureq::Error, limits: &FetchLimits) -> FetchError {
    let url = url.to_string();
    match e {
        ureq::Error::StatusCode(code) => FetchError::Status {
            url,
            status: code.to_string(),
        },
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url,
            seconds: limits.total.as_secs_f32(),
        },
        ureq::Error::HostNotFound => FetchError::HostNotFound { url },
        ureq::Error::ConnectionFailed => FetchError::ConnectionFailed { url },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url,
            megabytes: (limits.max_bytes / (1024 * 1024)).max(1),
        },
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
            url,
            max: limits.max_redirects,
        },
        ureq::Error::Tls(message) => FetchError::Tls {
            url,
            message: message.to_string(),
        },
        other => FetchError::Other {
            url,
            message: other.to_string(),
        },
    }
}

/// Fetch `url` and read its articles (a feed gives many). The note says how
/// the text was decoded, when it was not plain UTF-8.
pub fn load_url(
    url: &str,
    limits: &FetchLimits,
) -> Result<(Vec<Article>, Option<String>), LoadError> {
    load_url_as(url, limits).map(|(articles, note, _)| (articles, note))
}

/// [`load_url`], and whether the document was a feed.
pub fn load_url_as(
    url: &str,
    limits: &FetchLimits,
) -> Result<(Vec<Article>, Option<String>, Format), LoadError> {
    let started = std::time::Instant::now();
    let (bytes, charset) = fetch(url, limits)?;
    // Reading the document counts against the same time limit as fetching
    // it: it runs on a thread of its own, and is given up (the thread ends
    // by itself, its work bounded by the size cap) when the time is out.
    let left = limits.total.saturating_sub(started.elapsed());
    let (tx, rx) = std::sync::mpsc::channel();
    let name = url.to_string();
    std::thread::spawn(move || {
        // the rules a file's bytes go through: empty and binary refused
        let read = decode_with(&name, bytes, charset.as_deref()).and_then(|(text, note)| {
            let format = sniff(&name, &text);
            Ok((parse_document(&name, &text)?, note, format))
        });
        let _ = tx.send(read);
    });
    rx.recv_timeout(left).unwrap_or_else(|_| {
        Err(FetchError::ReadTimeout {
            url: url.to_string(),
            seconds: limits.total.as_secs_f32(),
        }
        .into())
    })
}
