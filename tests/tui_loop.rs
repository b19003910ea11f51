//! The whole browser on ratatui's TestBackend: the real loop (`step`,
//! `drive`) with the real background work (files read, facts extracted, a
//! feed refreshed from a server on 127.0.0.1, read marks written to an
//! SQLite store), messages pumped through `App::update`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use khabar::config::Config;
use khabar::corpus::Store;
use khabar::corpus::fetch::FetchLimits;
use khabar::corpus::seeds::seed_articles;
use khabar::corpus::store::write::Prepared;
use khabar::tui::app::App;
use khabar::tui::keymap::KeyMap;
use khabar::tui::library::Library;
use khabar::tui::msg::Msg;
use khabar::tui::runtime::{Runtime, Sources};
use khabar::tui::terminal::{NoHost, drive, step};
use khabar::tui::trace::Trace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

/// An app, its inbox and its runtime over a store in a fresh directory.
struct Harness {
    terminal: Terminal<TestBackend>,
    app: App,
    tx: Sender<Msg>,
    inbox: Receiver<Msg>,
    runtime: Runtime,
    dir: std::path::PathBuf,
}

impl Harness {
    /// A harness over a store holding `articles` (newest first).
    fn new(name: &str, w: u16, h: u16, articles: Vec<khabar::corpus::Article>) -> Harness {
        let dir = std::env::temp_dir().join(format!("khabar-loop-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::open(&dir.join("khabar.db")).unwrap();
        let n = articles.len() as i64;
        let prepared = articles
            .into_iter()
            .enumerate()
            .map(|(i, a)| Prepared::new(a, 1_000_000 + n - i as i64))
            .collect();
        store.save_fetch("test", prepared).unwrap();
        Harness::over(store, dir, w, h)
    }

    /// The browser over `store` at `w` x `h`, its runtime started.
    fn over(store: Store, dir: std::path::PathBuf, w: u16, h: u16) -> Harness {
        let (tx, inbox) = channel();
        let runtime = Runtime::start(store.handle(), tx.clone(), FetchLimits::default());
        let app = App::new(
            Library::new(store, false),
            &Config::default(),
            KeyMap::default(),
        );
        tx.send(Msg::Resize(w, h)).unwrap();
        Harness {
            terminal: Terminal::new(TestBackend::new(w, h)).unwrap(),
            app,
            tx,
            inbox,
            runtime,
            dir,
        }
    }

    /// Another session over the store of `h` (its directory stays).
    fn reopen(h: &Harness, w: u16, h2: u16) -> Harness {
        let store = Store::open(&h.dir.join("khabar.db")).unwrap();
        // the first harness removes the directory
        let none = std::env::temp_dir().join("khabar-loop-none");
        Harness::over(store, none, w, h2)
    }

    fn screen(&self) -> String {
        let buf = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// Run the loop until the screen shows what `done` wants (10 s at most).
    fn until(&mut self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let going = step(
                &mut self.terminal,
                &mut self.app,
                &self.inbox,
                &mut self.runtime,
                Duration::from_millis(20),
                &mut Trace::default(),
                &mut NoHost,
            )
            .unwrap();
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(going, "the app quit while waiting for {what}");
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited 10 s for {what}:\n{screen}"
            );
        }
    }

    fn key(&self, c: char) {
        self.tx
            .send(Msg::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )))
            .unwrap();
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn visual(text: &str) -> String {
    khabar::text::fit_line(text, 200, khabar::text::Order::Visual).text
}

#[test]
fn paths_given_are_stored_in_the_background_with_progress_then_listed_alone() {
    let mut h = Harness::new("load", 140, 40, seed_articles());
    let files = h.dir.join("articles");
    std::fs::create_dir_all(&files).unwrap();
    let seeds = seed_articles();
    for i in 0..40 {
        let text = format!("خبر رقم {i}\n{}", seeds[i % 2].text);
        std::fs::write(files.join(format!("{i:02}.txt")), text).unwrap();
    }
    std::fs::write(files.join("zz-empty.txt"), "").unwrap();
    h.runtime.open(Sources {
        given: vec![files.to_string_lossy().into_owned()],
        ..Sources::default()
    });
    // the 40 files alone are listed, not the two articles stored before
    let screen = h.until("every file stored and listed", |s| {
        s.contains("Articles (40)") && !s.contains("loading")
    });
    assert!(screen.contains(&visual("خبر رقم")), "{screen}");
    // the bad file is said, and kept for the report after exit
    assert!(
        h.app
            .take_problems()
            .iter()
            .any(|p| p.contains("zz-empty.txt: empty file, skipped"))
    );
    // their facts were found as they were stored
    assert!(
        screen.contains("People (") && screen.contains("Countries ("),
        "{screen}"
    );
    // opened again, the directory is not read: a file given new bytes of
    // the same size and its old time still shows what was stored
    let path = files.join("00.txt");
    common::rewrite_unseen(&path);
    let mut again = Harness::reopen(&h, 140, 40);
    again.runtime.open(Sources {
        given: vec![files.to_string_lossy().into_owned()],
        ..Sources::default()
    });
    let screen = again.until("the same 40 articles, from the store", |s| {
        s.contains("Articles (40)") && !s.contains("loading")
    });
    assert!(!screen.contains("ببببب"), "{screen}");
    let store = Store::open(&h.dir.join("khabar.db")).unwrap();
    assert_eq!(store.article_count().unwrap(), 42, "nothing new was stored");
    let ids = store
        .file_articles(&path.to_string_lossy())
        .unwrap()
        .unwrap();
    assert_eq!(store.article(ids[0]).unwrap().unwrap().title, "خبر رقم 0");
}

#[test]
fn facts_of_an_older_extractor_are_found_again_in_the_background() {
    let mut h = Harness::new("facts", 130, 40, seed_articles());
    rusqlite::Connection::open(h.dir.join("khabar.db"))
        .unwrap()
        .execute("UPDATE articles SET facts_version = 0", [])
        .unwrap();
    let first = h.until("the first frame", |s| s.contains("Articles (2)"));
    assert!(first.contains("Extracting facts…"), "{first}");
    h.runtime.open(Sources::default());
    let screen = h.until("the facts", |s| s.contains("People (3)"));
    assert!(screen.contains("Countries (7)"), "{screen}");
    assert_eq!(
        khabar::corpus::Store::open(&h.dir.join("khabar.db"))
            .unwrap()
            .stale_facts_count()
            .unwrap(),
        0,
        "stored with this extractor's version"
    );
}

#[test]
fn a_refresh_brings_new_articles_marked_and_reports_when_done() {
    let items = Arc::new(AtomicUsize::new(2));
    let base = {
        let items = Arc::clone(&items);
        common::http_server(move |_path, s| {
            let mut body = String::from(
                r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع</title>"#,
            );
            for i in 0..items.load(Ordering::SeqCst) {
                body.push_str(&format!(
                    "<item><title>نبأ رقم {i}</title><link>http://example.com/{i}</link><description>نص {i}</description></item>"
                ));
            }
            body.push_str("</channel></rss>");
            common::http_ok(s, "application/rss+xml; charset=utf-8", body.as_bytes());
        })
    };
    let url = format!("{base}/feed.xml");
    let mut h = Harness::new("refresh", 130, 30, Vec::new());
    h.app.set_feed_count(1);
    h.runtime.open(Sources {
        feeds: vec![url.clone()],
        refresh_now: vec![url],
        ..Sources::default()
    });
    let screen = h.until("the first refresh done", |s| {
        s.contains("refreshed 1/1 feeds: 2 new")
    });
    assert!(
        screen.contains(&format!("{} ●", visual("نبأ رقم 1"))),
        "{screen}"
    );
    items.store(3, Ordering::SeqCst);
    h.key('R');
    let screen = h.until("the second refresh done", |s| {
        s.contains("refreshed 1/1 feeds: 1 new") && s.contains("Articles (3)")
    });
    assert!(screen.contains(&visual("نبأ رقم 2")), "{screen}");
}

#[test]
fn a_burst_of_keys_is_taken_whole_and_q_ends_the_loop() {
    let articles = seed_articles()
        .into_iter()
        .cycle()
        .take(60)
        .enumerate()
        .map(|(i, mut article)| {
            article.title = format!("عنوان {i}");
            article.text = format!("{}\n{i}", article.text);
            article
        })
        .collect();
    let mut h = Harness::new("burst", 120, 30, articles);
    h.until("the list", |s| s.contains("Articles (60)"));
    for _ in 0..2000 {
        h.key('j');
    }
    h.key('q');
    let start = Instant::now();
    drive(
        &mut h.terminal,
        &mut h.app,
        &h.inbox,
        &mut h.runtime,
        &mut Trace::default(),
        &mut NoHost,
    )
    .unwrap();
    assert!(start.elapsed() < Duration::from_secs(5), "quit promptly");
    let screen = h.screen();
    let status = screen.lines().last().unwrap();
    assert!(status.starts_with(" 60/60 "), "every j was taken: {status}");
}
