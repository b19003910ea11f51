//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod pty;
pub mod tmux;
pub mod ui;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

/// `khabar facts --json ARGS...`, which must succeed: its standard output.
pub fn facts_json<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Vec<u8> {
    let out = khabar()
        .args(["facts", "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The repository root.
/// A fresh directory for one test (under the system's temp dir, named
/// after the test process and `name`), holding an empty `config.toml`
/// (a config file named by `KHABAR_CONFIG` must exist).
pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("khabar-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("config.toml"), "").unwrap();
    d
}

/// khabar with its store in `dir/data` and its config `dir/config.toml`,
/// run from the repository's root, reading nothing from stdin.
pub fn khabar_in(dir: &std::path::Path) -> Command {
    let mut c = Command::new(khabar_bin());
    c.current_dir(root())
        .env("KHABAR_DATA", dir.join("data"))
        .env("KHABAR_CONFIG", dir.join("config.toml"))
        .stdin(Stdio::null());
    c
}

/// Give the file at `path` other bytes of the same size and put its
/// modification time back: only reading it could tell it changed.
pub fn rewrite_unseen(path: &std::path::Path) {
    let before = std::fs::metadata(path).unwrap();
    let size = before.len() as usize;
    std::fs::write(path, "ب".repeat(size / 2) + &" ".repeat(size % 2)).unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fail loudly (never skip) when a tool the test needs is missing.
pub fn require_tool(name: &str, package: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is missing: install the Debian package `{package}` (scripts/test.sh does)"
    );
}

/// Run `fribidi --nopad --nobreak --clean` on each line; one visual line per input line.
pub fn fribidi_lines(lines: &[String]) -> Vec<String> {
    fribidi_lines_as(lines, &[])
}

/// [`fribidi_lines`] with the base direction given (`--rtl` or `--ltr`),
/// as a higher-level rule decided it.
pub fn fribidi_lines_as(lines: &[String], base: &[&str]) -> Vec<String> {
    require_tool("fribidi", "libfribidi-bin");
    let mut child = Command::new("fribidi")
        .args(["--nopad", "--nobreak", "--clean"])
        .args(base)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run fribidi");
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("fribidi output");
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "fribidi failed");
    let text = String::from_utf8(out.stdout).expect("fribidi printed UTF-8");
    let result: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(
        result.len(),
        lines.len(),
        "fribidi gave one line per input line"
    );
    result
}

/// The seed files' paragraphs (title included), as `khabar` reads them.
pub fn seed_paragraphs() -> Vec<String> {
    let mut out = Vec::new();
    for (_, text) in khabar::corpus::seeds::SEEDS {
        let a = khabar::corpus::Article::from_plain_text("seed", text);
        out.push(a.title.clone());
        out.extend(a.paragraph_texts().map(str::to_string));
    }
    out
}

/// The hand-written tricky paragraphs in tests/data/tricky.txt.
pub fn tricky_paragraphs() -> Vec<String> {
    std::fs::read_to_string(root().join("tests/data/tricky.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// khabar with a store and a config of this test process's own (an
/// empty config file and a store in a scratch directory), never the
/// machine's: a test that wants others sets `KHABAR_DATA` and
/// `KHABAR_CONFIG` again after.
pub fn khabar() -> Command {
    let mut c = Command::new(khabar_bin());
    let (data, config) = isolated();
    c.env("KHABAR_DATA", data).env("KHABAR_CONFIG", config);
    c
}

/// The `KHABAR_DATA` and `KHABAR_CONFIG` of [`khabar`]: in the system's
/// temp dir (scripts/test.sh gives a run one of its own), made once.
pub fn isolated() -> (PathBuf, PathBuf) {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("khabar-test-{}-own", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("config.toml"), "").unwrap();
        d
    });
    (dir.join("data"), dir.join("config.toml"))
}

/// Path of the release-or-debug binary built for these tests, or the one
/// `KHABAR_TEST_BIN` names (to show a test fails with an older khabar).
pub fn khabar_bin() -> PathBuf {
    std::env::var_os("KHABAR_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_khabar")))
}

/// A real HTTP server on 127.0.0.1 (a free port), in this process: each
/// connection's request path goes to `handler`, which writes the answer.
/// Returns the base URL (`http://127.0.0.1:PORT`).
pub fn http_server(handler: impl Fn(&str, &mut TcpStream) + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let handler = std::sync::Arc::new(handler);
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let handler = std::sync::Arc::clone(&handler);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let n = s.read(&mut buf).unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]).to_string();
                let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
                handler(&path, &mut s);
            });
        }
    });
    format!("http://{addr}")
}

/// Answer 200 with `body`.
pub fn http_ok(s: &mut TcpStream, content_type: &str, body: &[u8]) {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    let _ = s.write_all(&r);
}

pub const RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع الأخبار</title>
<item><title>اتفاق بين البلدين</title><link>http://127.0.0.1:9/1</link><description><![CDATA[<p>اتفق الرئيسان على التعاون مع NATO.</p>]]></description></item>
<item><title>خبر ثانٍ</title><description>نص الخبر</description></item></channel></rss>"#;

/// The routes of the fetch tests: `/rss.xml` (UTF-8), `/atom.xml`
/// (windows-1256 declared only in the prolog), `/page.html` (og:title,
/// dir=rtl), `/redirect` (to the RSS), `/bad.xml` (malformed), `/slow` (never
/// ends: 8 s then closed), `/huge` (200 MB), anything else 404.
pub fn feed_routes(path: &str, s: &mut TcpStream) {
    match path {
        "/rss.xml" => http_ok(s, "application/rss+xml; charset=utf-8", RSS.as_bytes()),
        "/atom.xml" => {
            let mut b = b"<?xml version=\"1.0\" encoding=\"windows-1256\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>".to_vec();
            b.extend(encoding_rs::WINDOWS_1256.encode("وكالة").0.iter());
            b.extend(b"</title><entry><title>");
            b.extend(encoding_rs::WINDOWS_1256.encode("عنوان بالترميز العربي").0.iter());
            b.extend(b"</title></entry></feed>");
            http_ok(s, "application/atom+xml", &b)
        }
        "/page.html" => http_ok(
            s,
            "text/html; charset=utf-8",
            r#"<html><head><meta property="og:title" content="مقال الصفحة"></head><body><article dir="rtl"><p>Reuters: قال الوزير إن المحادثات مستمرة.</p></article></body></html>"#.as_bytes(),
        ),
        "/redirect" => {
            let _ = s.write_all(b"HTTP/1.1 302 Found\r\nLocation: /rss.xml\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
        "/bad.xml" => http_ok(s, "application/xml", b"<rss><channel><item><title>x"),
        "/slow" => {
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nbegin");
            std::thread::sleep(Duration::from_secs(8));
        }
        "/huge" => {
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 209715200\r\n\r\n");
            let chunk = vec![b'a'; 65536];
            for _ in 0..3200 {
                if s.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        _ => {
            let _ = s.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
        }
    }
}

/// How many rows a table of an SQLite database has (read with SQLite itself).
pub fn count_rows(db: &std::path::Path, table: &str) -> usize {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap() as usize
}

/// Articles and their counts of matches, sorted by id.
pub type Counts = Vec<(i64, u32)>;

/// Each article a search of `store` for `q` finds, with its count of
/// matches, beside what a brute-force count over `texts` (id, text) says
/// (both sorted by id): (found, expected).
pub fn store_counts_beside_brute_force<'a>(
    store: &khabar::corpus::Store,
    texts: impl Iterator<Item = (i64, &'a str)>,
    q: &str,
) -> (Counts, Counts) {
    use khabar::search::Query;
    use khabar::search::code::{CodedQuery, encode};
    let query = Query::new(q).unwrap();
    let coded = CodedQuery::new(&query);
    let mut want: Counts = texts
        .map(|(id, t)| (id, coded.count(&encode(t)).matches as u32))
        .filter(|&(_, m)| m > 0)
        .collect();
    want.sort();
    let got = std::sync::Mutex::new(Vec::new());
    let opts = khabar::corpus::store::find::SearchOptions {
        threads: 2,
        names: false,
        first_page: 0,
    };
    store
        .search(
            &query,
            &opts,
            &std::sync::atomic::AtomicBool::new(false),
            &|h| {
                got.lock()
                    .unwrap()
                    .extend(h.into_iter().map(|h| (h.id, h.matches)));
                true
            },
        )
        .unwrap();
    let mut got = got.into_inner().unwrap();
    got.sort();
    (got, want)
}
