//! Criterion benches of the browser's drawing.
//!
//! - a frame at 200x60 with a 200-paragraph article already laid out
//!   (target: under 2 ms);
//! - the first frame over a store of 10,000 articles on disk (target: under
//!   200 ms from start; scripts/bench_scale.py times the whole binary in tmux);
//! - a key and the frame that shows it (`update` then `draw`), in the reader
//!   of the long article and in the list of 10,000 articles: `j` and `k`
//!   in turn, so that every key moves.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use khabar::config::Config;
use khabar::corpus::Article;
use khabar::corpus::Store;
use khabar::tui::app::{App, store_of};
use khabar::tui::keymap::KeyMap;
use khabar::tui::library::Library;
use khabar::tui::msg::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

fn seed_paragraphs() -> Vec<String> {
    let mut v = common::seed_lines();
    v.dedup();
    v
}

fn frame_with_long_article(c: &mut Criterion) {
    let paragraphs: Vec<String> = seed_paragraphs().into_iter().cycle().take(201).collect();
    let article = Article::from_plain_text("long.txt", &paragraphs.join("\n"));
    assert_eq!(article.paragraphs.len(), 200);
    let library = Library::new(store_of(vec![article]), false);
    let mut app = App::new(library, &Config::default(), KeyMap::default());
    app.update(Msg::Resize(200, 60)); // lays the article out once
    app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    for _ in 0..100 {
        app.update(key('j'));
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("draw 200x60, 200-paragraph article laid out", |b| {
        b.iter(|| {
            terminal.draw(|f| app.draw(f)).unwrap();
            black_box(&terminal);
        })
    });
}

fn first_frame_10k(c: &mut Criterion) {
    let path = common::store_on_disk("tui-10k", common::articles(10_000));
    let mut g = c.benchmark_group("first frame");
    g.sample_size(20);
    g.bench_function(
        "10,000 articles in the store: open + App::new + first draw at 160x50",
        |b| {
            b.iter(|| {
                let store = Store::open(&path).unwrap();
                let mut app = App::new(
                    Library::new(store, false),
                    &Config::default(),
                    KeyMap::default(),
                );
                app.update(Msg::Resize(160, 50));
                let mut terminal = Terminal::new(TestBackend::new(160, 50)).unwrap();
                terminal.draw(|f| app.draw(f)).unwrap();
                black_box(app.settled())
            })
        },
    );
    g.finish();
}

/// A key press.
fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn key_and_frame(c: &mut Criterion) {
    let paragraphs: Vec<String> = seed_paragraphs().into_iter().cycle().take(201).collect();
    let article = Article::from_plain_text("long.txt", &paragraphs.join("\n"));
    let library = Library::new(store_of(vec![article]), false);
    let mut app = App::new(library, &Config::default(), KeyMap::default());
    app.update(Msg::Resize(200, 60));
    app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    for _ in 0..100 {
        app.update(key('j'));
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let mut down = true;
    c.bench_function(
        "key + frame 200x60: j/k in the reader (200 paragraphs)",
        |b| {
            b.iter(|| {
                app.update(key(if down { 'j' } else { 'k' }));
                down = !down;
                terminal.draw(|f| app.draw(f)).unwrap();
                black_box(&terminal);
            })
        },
    );

    let path = common::store_on_disk("tui-keys-10k", common::articles(10_000));
    let store = Store::open(&path).unwrap();
    let mut app = App::new(
        Library::new(store, false),
        &Config::default(),
        KeyMap::default(),
    );
    app.update(Msg::Resize(160, 50));
    for _ in 0..500 {
        app.update(key('j'));
    }
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let mut down = true;
    c.bench_function(
        "key + frame 160x50: j/k in the list of 10,000 articles",
        |b| {
            b.iter(|| {
                app.update(key(if down { 'j' } else { 'k' }));
                down = !down;
                terminal.draw(|f| app.draw(f)).unwrap();
                app.after_frame();
                black_box(&terminal);
            })
        },
    );
}

criterion_group!(
    benches,
    frame_with_long_article,
    first_frame_10k,
    key_and_frame
);
criterion_main!(benches);
