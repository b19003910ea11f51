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
    #[error("{url}: refused: it leads to {address}, a local address, from a feed on the internet")]
    Refused { url: String, address: String },
}

/// Which addresses a fetch may reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Any: what the user chose (a feed, a page given by hand), and the
    /// links of a feed that is itself on this machine or the local network.
    Any,
    /// Public addresses only: the links of a feed on the internet, which
    /// must not make khabar knock on the user's own machine or network.
    Public,
}

/// Is `ip` an address of the internet (not this machine, the local
/// network, link-local, shared or reserved space)?
pub fn is_public(ip: std::net::IpAddr) -> bool {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
                || (o[0] == 198 && (18..20).contains(&o[1]))
                || o[0] >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] == 0x2001 && s[1] == 0xdb8)
                || (s[0] == 0x64 && s[1] == 0xff9b))
        }
    }
}

/// The kind of address `url`'s host has: [`Reach::Public`] when every
/// address it resolves to is public, else [`Reach::Any`] (a feed on this
/// machine or the local network may link there). A host that does not
/// resolve is taken as public.
pub fn reach_of(url: &str) -> Reach {
    use std::net::ToSocketAddrs;
    let Ok(u) = url::Url::parse(url) else {
        return Reach::Public;
    };
    let (Some(host), Some(port)) = (u.host_str(), u.port_or_known_default()) else {
        return Reach::Public;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match (host, port).to_socket_addrs() {
        Ok(addrs) => {
            let addrs: Vec<_> = addrs.collect();
            if !addrs.is_empty() && addrs.iter().any(|a| !is_public(a.ip())) {
                Reach::Any
            } else {
                Reach::Public
            }
        }
        Err(_) => Reach::Public,
    }
}

/// The resolver of fetches that may reach public addresses only: every
/// connection (the first, and each redirect's) is checked after DNS, and
/// only public addresses are kept.
#[derive(Debug, Default)]
struct PublicOnly(ureq::unversioned::resolver::DefaultResolver);

/// What a refused address is said with (found again in [`describe`]).
const REFUSED: &str = "khabar-refused-address";

impl ureq::unversioned::resolver::Resolver for PublicOnly {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let all = self.0.resolve(uri, config, timeout)?;
        let mut kept = self.empty();
        let mut refused = None;
        for &a in all.iter() {
            if is_public(a.ip()) {
                kept.push(a);
            } else {
                refused.get_or_insert(a.ip());
            }
        }
        match refused {
            Some(ip) if kept.is_empty() => Err(ureq::Error::Io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("{REFUSED} {ip}"),
            ))),
            _ => Ok(kept),
        }
    }
}

/// The body of `url` and the charset its Content-Type names, if any.
pub fn fetch(url: &str, limits: &FetchLimits) -> Result<(Vec<u8>, Option<String>), FetchError> {
    fetch_reaching(url, limits, Reach::Any).map(|(b, c, _)| (b, c))
}

/// [`fetch`], reaching only the addresses `reach` allows; with the address
/// the answer came from (after redirects).
pub fn fetch_reaching(
    url: &str,
    limits: &FetchLimits,
    reach: Reach,
) -> Result<(Vec<u8>, Option<String>, String), FetchError> {
    let config = ureq::Agent::config_builder()
        .timeout_connect(Some(limits.connect))
        .timeout_global(Some(limits.total))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent("khabar (terminal news reader)")
        .build();
    let agent = match reach {
        Reach::Any => config.new_agent(),
        Reach::Public => {
            // no proxy: it would be asked for the address instead of it being checked
            let config = ureq::Agent::config_builder()
                .timeout_connect(Some(limits.connect))
                .timeout_global(Some(limits.total))
                .max_redirects(limits.max_redirects)
                .http_status_as_error(false)
                .user_agent("khabar (terminal news reader)")
                .proxy(None)
                .build();
            ureq::Agent::with_parts(
                config,
                ureq::unversioned::transport::DefaultConnector::default(),
                PublicOnly::default(),
            )
        }
    };
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| describe(url, e, limits))?;
    let final_url = {
        use ureq::ResponseExt;
        response.get_uri().to_string()
    };
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
    Ok((bytes, charset, final_url))
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
        ureq::Error::Io(e) if e.to_string().starts_with(REFUSED) => FetchError::Refused {
            url,
            address: e.to_string()[REFUSED.len()..].trim().to_string(),
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
