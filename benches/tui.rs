//! Criterion benches of the browser's drawing.
//!
//! - a frame at 200x60 with a 200-paragraph article already laid out
//!   (target: under 2 ms);
//! - the first frame over a store of 10,000 articles on disk (target: under
//!   200 ms from start; scripts/bench_scale.py times the whole binary in tmux).

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
    app.reader.scroll_by(100);
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
                black_box(app.library.total())
            })
        },
    );
    g.finish();
}

criterion_group!(benches, frame_with_long_article, first_frame_10k);
criterion_main!(benches);
