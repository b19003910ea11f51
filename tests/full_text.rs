//! Whole articles for feed items, against a real HTTP server on 127.0.0.1:
//! a feed of one-sentence summaries whose links are pages (Readability's
//! test pages read from ../shared, and Arabic pages made for the tests in
//! the shapes that broke: tests/pages). After `khabar refresh` each item's
//! stored text is its page's article and the facts come from it; a page
//! that answers 404 keeps its summary and says so, and is tried again at
//! the next refresh while the pages already whole are not fetched again;
//! no host ever has more than 2 requests at once; `--no-full-text` fetches
//! no page.

mod common;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The Arabic test pages, and Readability's pages served beside them.
const ARABIC: [&str; 8] = [
    "form.html",
    "teasers.html",
    "comments.html",
    "divs.html",
    "pre.html",
    "wrong-charset.html",
    "windows-1256.html",
    "structure.html",
];
const READABILITY: [&str; 6] = [
    "001",
    "bbc-1",
    "guardian-1",
    "lemonde-1",
    "nytimes-1",
    "wikipedia",
];

/// What the server saw: requests to each path, and the most it answered at once.
#[derive(Default)]
struct Seen {
    paths: Mutex<HashMap<String, usize>>,
    now: AtomicUsize,
    most: AtomicUsize,
}

fn page_file(name: &str) -> PathBuf {
    if let Some(r) = name.strip_prefix("readability/") {
        common::root()
            .join("../shared/extract/readability")
            .join(r)
            .join("source.html")
    } else {
        common::root().join("tests/pages").join(name)
    }
}

fn feed_xml(base: &str, names: &[String]) -> String {
    let mut items = String::new();
    for (i, n) in names.iter().enumerate() {
        items.push_str(&format!(
            "<item><title>خبر رقم {i}</title><link>{base}/pages/{n}</link><description>ملخص قصير للخبر رقم {i}.</description></item>"
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ملخصات</title><language>ar</language>{items}</channel></rss>"#
    )
}

/// A server of the feed and its pages; every page takes 150 ms to come.
fn serve(names: Vec<String>, seen: Arc<Seen>) -> String {
    let base_cell: Arc<Mutex<String>> = Arc::default();
    let cell = Arc::clone(&base_cell);
    let base = common::http_server(move |path, s| {
        *seen
            .paths
            .lock()
            .unwrap()
            .entry(path.to_string())
            .or_default() += 1;
        let n = seen.now.fetch_add(1, Ordering::SeqCst) + 1;
        seen.most.fetch_max(n, Ordering::SeqCst);
        // a request is open from when it comes to when its answer starts
        // (the client cannot ask again in that slot before it has the answer)
        let answered = || seen.now.fetch_sub(1, Ordering::SeqCst);
        if path == "/feed.xml" {
            let base = cell.lock().unwrap().clone();
            answered();
            common::http_ok(s, "application/rss+xml", feed_xml(&base, &names).as_bytes());
        } else if let Some(name) = path.strip_prefix("/pages/") {
            std::thread::sleep(Duration::from_millis(150));
            answered();
            match std::fs::read(page_file(name)) {
                // no charset in the header: the page's own bytes decide
                Ok(body) => common::http_ok(s, "text/html", &body),
                Err(_) => {
                    let _ = s.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
                    );
                }
            }
        } else {
            answered();
        }
    });
    *base_cell.lock().unwrap() = base.clone();
    base
}

fn khabar(dir: &Path, args: &[&str]) -> Output {
    common::khabar()
        .args(args)
        .env("KHABAR_DATA", dir.join("data"))
        .env("KHABAR_CONFIG", dir.join("config.toml"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The stored text of the article with `link`, and its full_text state.
fn stored(dir: &Path, link: &str) -> (String, Option<i64>, Option<String>) {
    let c = rusqlite::Connection::open(dir.join("data/khabar.db")).unwrap();
    c.query_row(
        "SELECT b.text, f.state, f.error FROM articles a JOIN bodies b ON b.id = a.id
         LEFT JOIN full_text f ON f.id = a.id WHERE a.link = ?1",
        [link],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

/// `text` without the `[n]` khabar puts after each link's text.
fn without_link_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('[') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(']') {
            rest = &after[digits + 1..];
        } else {
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn names() -> Vec<String> {
    ARABIC
        .iter()
        .map(|s| s.to_string())
        .chain(READABILITY.iter().map(|r| format!("readability/{r}")))
        .chain(["missing.html".to_string()])
        .collect()
}

#[test]
fn refresh_stores_whole_articles_politely_and_keeps_summaries_of_failures() {
    let dir = common::scratch("full-text");
    let seen = Arc::new(Seen::default());
    let base = serve(names(), Arc::clone(&seen));
    let feed = format!("{base}/feed.xml");
    let out = khabar(&dir, &["refresh", &feed]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("15 new of 15, 14 whole texts fetched, 1 pages failed (summaries kept)"),
        "{stdout}"
    );
    // the 404: said, with its page, and its summary kept
    let missing = format!("{base}/pages/missing.html");
    assert!(
        stderr.contains(&missing)
            && stderr.contains("HTTP 404")
            && stderr.contains("summary is kept"),
        "{stderr}"
    );
    let (text, state, error) = stored(&dir, &missing);
    assert!(text.contains("ملخص قصير للخبر رقم 14."), "{text}");
    assert_eq!(state, Some(2));
    assert!(error.unwrap().contains("HTTP 404"));

    // each Arabic page: its whole article, none of what is around it
    for (i, name) in ARABIC.iter().enumerate() {
        let (text, state, _) = stored(&dir, &format!("{base}/pages/{name}"));
        assert_eq!(state, Some(1), "{name}");
        assert!(
            text.starts_with(&format!("خبر رقم {i}\n")),
            "{name}: {text}"
        );
        for s in [
            "اتفق وزير الخارجية الأردني أيمن الصفدي ونظيره المصري سامح شكري",
            "وأضاف أن الجانبين بحثا كذلك مشروع الربط الكهربائي",
        ] {
            assert!(text.contains(s), "{name}: {s:?} missing: {text}");
        }
        for a in [
            "الرئيسية",
            "جميع الحقوق محفوظة",
            "عنوان تشويقي",
            "تعليق القارئ",
            "اشترك",
        ] {
            assert!(!text.contains(a), "{name}: {a:?} in {text}");
        }
        // the summary is kept, as the lead, before the article
        assert!(
            text.contains(&format!("ملخص قصير للخبر رقم {i}.")),
            "{name}"
        );
    }
    // Readability's pages: the article khabar extract reads from the file
    for r in READABILITY {
        let (text, state, _) = stored(&dir, &format!("{base}/pages/readability/{r}"));
        assert_eq!(state, Some(1), "{r}");
        let file = page_file(&format!("readability/{r}"));
        let json = common::khabar()
            .args(["extract", "--json"])
            .arg(&file)
            .env("KHABAR_CONFIG", dir.join("config.toml"))
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let body = v[0]["text"].as_str().unwrap();
        let body = without_link_numbers(body);
        let longest = body.split("\n\n").max_by_key(|p| p.len()).unwrap();
        assert!(longest.len() > 200, "{r}");
        let words: Vec<&str> = longest.split_whitespace().take(25).collect();
        let text = without_link_numbers(&text);
        assert!(
            text.split_whitespace()
                .collect::<Vec<_>>()
                .windows(words.len())
                .any(|w| w == words.as_slice()),
            "{r}: {:?} not in the stored text",
            words.join(" ")
        );
    }
    // facts come from the whole text (the summaries name no one)
    let actors = khabar(&dir, &["actors", "--json", "الصفدي"]);
    let v: serde_json::Value = serde_json::from_slice(&actors.stdout).unwrap();
    let stories = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["stories"].as_u64().unwrap())
        .max();
    assert_eq!(stories, Some(ARABIC.len() as u64), "{v}");
    // the search index has the whole text too
    let found = khabar(&dir, &["search", "--count", "الربط الكهربائي"]);
    assert_eq!(
        String::from_utf8_lossy(&found.stdout).lines().count(),
        ARABIC.len()
    );

    // politeness: 2 at once to the one host, never more
    assert_eq!(
        seen.most.load(Ordering::SeqCst),
        2,
        "pages are fetched two at a time"
    );
    let count = |p: &str| seen.paths.lock().unwrap().get(p).copied().unwrap_or(0);
    assert!(ARABIC.iter().all(|n| count(&format!("/pages/{n}")) == 1));

    // the next refresh asks again for the page that failed, and only it
    let out = khabar(&dir, &["refresh", &feed]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("0 new of 15, 0 whole texts fetched, 1 pages failed"),
        "{stdout}"
    );
    assert_eq!(count("/pages/missing.html"), 2);
    assert!(ARABIC.iter().all(|n| count(&format!("/pages/{n}")) == 1));
    // the feeds list says how many have their whole text, and the last failure
    let feeds = khabar(&dir, &["feeds", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&feeds.stdout).unwrap();
    assert_eq!(v[0]["full_text"], 14);
    assert_eq!(v[0]["pages_failed"], 1);
    assert!(v[0]["page_error"].as_str().unwrap().contains("HTTP 404"));
}

#[test]
fn no_full_text_fetches_no_page_and_a_page_that_comes_later_replaces_its_summary() {
    let dir = common::scratch("full-text-later");
    let seen = Arc::new(Seen::default());
    let base = serve(
        vec!["divs.html".into(), "form.html".into()],
        Arc::clone(&seen),
    );
    let feed = format!("{base}/feed.xml");
    let out = khabar(&dir, &["refresh", "--no-full-text", &feed]);
    assert!(out.status.success());
    assert_eq!(seen.paths.lock().unwrap().len(), 1, "the feed only");
    let (text, state, _) = stored(&dir, &format!("{base}/pages/divs.html"));
    assert_eq!((text.lines().count(), state), (2, None), "{text}");
    // marked read, then a refresh with whole texts: the article replaces the
    // summary, and stays read
    let c = rusqlite::Connection::open(dir.join("data/khabar.db")).unwrap();
    c.execute(
        "UPDATE articles SET read = 1 WHERE link LIKE '%divs.html'",
        [],
    )
    .unwrap();
    drop(c);
    let out = khabar(&dir, &["refresh", &feed]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("2 whole texts fetched (2 in place of summaries)"),
        "{stdout}"
    );
    let (text, state, _) = stored(&dir, &format!("{base}/pages/divs.html"));
    assert_eq!(state, Some(1));
    assert!(text.contains("أيمن الصفدي"), "{text}");
    assert_eq!(
        common::count_rows(&dir.join("data/khabar.db"), "articles"),
        2
    );
    let c = rusqlite::Connection::open(dir.join("data/khabar.db")).unwrap();
    let read: bool = c
        .query_row(
            "SELECT read FROM articles WHERE link LIKE '%divs.html'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(read);
}

#[test]
fn a_feed_on_the_internet_reaches_no_local_address() {
    use khabar::corpus::fetch::{FetchError, FetchLimits, Reach, fetch_reaching, is_public};
    let seen = Arc::new(Seen::default());
    let base = serve(vec![], Arc::clone(&seen));
    let limits = FetchLimits::default();
    // as a public feed's link: refused after DNS, never asked
    let err =
        fetch_reaching(&format!("{base}/pages/divs.html"), &limits, Reach::Public).unwrap_err();
    assert!(matches!(err, FetchError::Refused { .. }), "{err}");
    assert!(err.to_string().contains("127.0.0.1"), "{err}");
    let err = fetch_reaching("http://localhost:9/x", &limits, Reach::Public).unwrap_err();
    assert!(matches!(err, FetchError::Refused { .. }), "{err}");
    assert!(seen.paths.lock().unwrap().is_empty());
    // a local feed's link may be local
    assert!(fetch_reaching(&format!("{base}/feed.xml"), &limits, Reach::Any).is_ok());
    for (ip, public) in [
        ("127.0.0.1", false),
        ("10.1.2.3", false),
        ("172.20.0.1", false),
        ("192.168.1.1", false),
        ("169.254.169.254", false),
        ("100.64.0.1", false),
        ("0.0.0.0", false),
        ("::1", false),
        ("fe80::1", false),
        ("fd00::1", false),
        ("::ffff:127.0.0.1", false),
        ("8.8.8.8", true),
        ("2a00:1450::1", true),
    ] {
        assert_eq!(is_public(ip.parse().unwrap()), public, "{ip}");
    }
}

#[test]
fn the_browser_says_how_many_are_whole_and_why_a_page_failed() {
    use common::tmux::{Tmux, khabar_cmd};
    let dir = common::scratch("full-text-tui");
    let seen = Arc::new(Seen::default());
    let names = vec![
        "divs.html".into(),
        "form.html".into(),
        "missing.html".into(),
    ];
    let base = serve(names, Arc::clone(&seen));
    std::fs::write(
        dir.join("config.toml"),
        format!("feeds = [\"{base}/feed.xml\"]\n"),
    )
    .unwrap();
    let env = format!(
        "KHABAR_CONFIG={} KHABAR_DATA={}",
        dir.join("config.toml").display(),
        dir.join("data").display()
    );
    let t = Tmux::start("fulltext", &khabar_cmd(&env, ""), 200, 40);
    // the refresh's end: whole texts, the failure and that its summary stays
    let screen = t.wait_for("the refresh", |s| s.contains("refreshed 1/1"));
    assert!(screen.contains("2 whole texts, 1 pages failed"), "{screen}");
    assert!(screen.contains("HTTP 404"), "{screen}");
    assert!(screen.contains("(its summary is kept)"), "{screen}");
    // F: how many of the feed's articles are whole
    t.keys("F");
    let screen = t.wait_for("the feeds", |s| s.contains("Feeds (1)"));
    assert!(screen.contains("2 of 3 whole"), "{screen}");
    t.keys("Escape");
    t.wait_for("the articles", |s| !s.contains("Feeds (1)"));
    t.quit();
}
