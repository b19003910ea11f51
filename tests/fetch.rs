//! Fetching over HTTP from a real server on 127.0.0.1 (in this process, on
//! a free port): feeds in UTF-8 and windows-1256, an HTML article, a 404, a
//! response that never ends, a 200 MB body, malformed XML. Each gives its
//! articles or a clear error.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use khabar::corpus::fetch::{FetchLimits, load_url};

const RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع الأخبار</title>
<item><title>اتفاق بين البلدين</title><link>http://example.com/1</link><description><![CDATA[<p>اتفق الرئيسان على التعاون مع NATO.</p>]]></description></item>
<item><title>خبر ثانٍ</title><description>نص الخبر</description></item></channel></rss>"#;

fn respond(mut s: TcpStream) {
    let mut buf = [0u8; 4096];
    let n = s.read(&mut buf).unwrap_or(0);
    let req = String::from_utf8_lossy(&buf[..n]).to_string();
    let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
    let ok = |ct: &str, body: &[u8]| {
        let mut r = format!("HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).into_bytes();
        r.extend_from_slice(body);
        r
    };
    let out = match path.as_str() {
        "/rss.xml" => ok("application/rss+xml; charset=utf-8", RSS.as_bytes()),
        "/atom.xml" => {
            let mut b = b"<?xml version=\"1.0\" encoding=\"windows-1256\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>".to_vec();
            b.extend(encoding_rs::WINDOWS_1256.encode("وكالة").0.iter());
            b.extend(b"</title><entry><title>");
            b.extend(encoding_rs::WINDOWS_1256.encode("عنوان بالترميز العربي").0.iter());
            b.extend(b"</title></entry></feed>");
            ok("application/atom+xml", &b)
        }
        "/page.html" => ok(
            "text/html; charset=utf-8",
            r#"<html><head><meta property="og:title" content="مقال الصفحة"></head><body><article dir="rtl"><p>Reuters: قال الوزير إن المحادثات مستمرة.</p></article></body></html>"#.as_bytes(),
        ),
        "/redirect" => b"HTTP/1.1 302 Found\r\nLocation: /rss.xml\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
        "/bad.xml" => ok("application/xml", b"<rss><channel><item><title>x"),
        "/slow" => {
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nbegin");
            std::thread::sleep(Duration::from_secs(8));
            return;
        }
        "/huge" => {
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 209715200\r\n\r\n");
            let chunk = vec![b'a'; 65536];
            for _ in 0..3200 {
                if s.write_all(&chunk).is_err() {
                    return;
                }
            }
            return;
        }
        _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found".to_vec(),
    };
    let _ = s.write_all(&out);
}

/// Start the server; its base URL.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            std::thread::spawn(move || respond(s));
        }
    });
    format!("http://{addr}")
}

fn quick() -> FetchLimits {
    FetchLimits {
        connect: Duration::from_secs(2),
        total: Duration::from_secs(2),
        max_bytes: 1024 * 1024,
        max_redirects: 3,
    }
}

#[test]
fn feeds_and_pages_come_in_with_their_encodings() {
    let base = serve();
    let (rss, note) = load_url(&format!("{base}/rss.xml"), &quick()).unwrap();
    assert!(note.is_none());
    assert_eq!(
        rss.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(),
        ["اتفاق بين البلدين", "خبر ثانٍ"]
    );
    assert_eq!(rss[0].source.as_deref(), Some("موقع الأخبار"));
    assert_eq!(rss[0].url.as_deref(), Some("http://example.com/1"));
    let (atom, _) = load_url(&format!("{base}/atom.xml"), &quick()).unwrap();
    assert_eq!(
        atom[0].title, "عنوان بالترميز العربي",
        "windows-1256 declared only in the XML prolog"
    );
    assert_eq!(atom[0].source.as_deref(), Some("وكالة"));
    let (page, _) = load_url(&format!("{base}/page.html"), &quick()).unwrap();
    assert_eq!(page[0].title, "مقال الصفحة");
    assert!(
        page[0]
            .paragraph_texts()
            .next()
            .unwrap()
            .starts_with('\u{200F}'),
        "dir=rtl kept"
    );
    let (redirected, _) = load_url(&format!("{base}/redirect"), &quick()).unwrap();
    assert_eq!(redirected.len(), 2);
}

#[test]
fn failures_are_clear_and_bounded() {
    let base = serve();
    let err = |path: &str| {
        load_url(&format!("{base}{path}"), &quick())
            .unwrap_err()
            .to_string()
    };
    assert!(err("/missing").contains("HTTP 404"), "{}", err("/missing"));
    assert!(err("/bad.xml").contains("not a feed"));
    let start = Instant::now();
    let e = err("/slow");
    assert!(e.contains("no complete answer within 2 s"), "{e}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "the timeout holds"
    );
    let e = err("/huge");
    assert!(e.contains("larger than 1 MB"), "{e}");
    let e = load_url("http://127.0.0.1:9/", &quick())
        .unwrap_err()
        .to_string();
    assert!(e.contains("127.0.0.1:9"), "{e}");
}

#[test]
fn the_cli_reads_a_feed_url_and_the_good_sources_still_load() {
    let base = serve();
    let out = std::process::Command::new(common::khabar_bin())
        .args([
            "facts",
            "--json",
            &format!("{base}/rss.xml"),
            &format!("{base}/missing"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "one source failed");
    assert!(String::from_utf8_lossy(&out.stderr).contains("HTTP 404"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2, "the feed's two items");
}
