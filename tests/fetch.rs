//! Fetching over HTTP from a real server on 127.0.0.1 (in this process, on
//! a free port): feeds in UTF-8 and windows-1256, an HTML article, a 404, a
//! response that never ends, a 200 MB body, malformed XML. Each gives its
//! articles or a clear error.

mod common;

use std::time::{Duration, Instant};

use khabar::corpus::fetch::{FetchLimits, load_url};

fn serve() -> String {
    common::http_server(common::feed_routes)
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
    assert_eq!(rss[0].url.as_deref(), Some("http://127.0.0.1:9/1"));
    let (atom, _) = load_url(&format!("{base}/atom.xml"), &quick()).unwrap();
    assert_eq!(
        atom[0].title, "عنوان بالترميز العربي",
        "windows-1256 declared only in the XML prolog"
    );
    assert_eq!(atom[0].source.as_deref(), Some("وكالة"));
    let (page, _) = load_url(&format!("{base}/page.html"), &quick()).unwrap();
    assert_eq!(page[0].title, "مقال الصفحة");
    // starts with Latin (Reuters:), read right to left as its words are
    assert_eq!(
        page[0].block(None, 1).unwrap().direction,
        Some(khabar::text::Direction::Rtl)
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
    let out = common::khabar()
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
