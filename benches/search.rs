//! Criterion benches of search as the browser runs it, per keystroke:
//! in the shown article (target: under 5 ms) and across 10,000 articles
//! (target: under 50 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use khabar::corpus::Article;
use khabar::tui::app::App;
use khabar::tui::config::Config;
use khabar::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

fn paragraphs() -> Vec<String> {
    let mut v = common::seed_lines();
    v.dedup();
    v
}

fn in_article(c: &mut Criterion) {
    let p: Vec<String> = paragraphs().into_iter().cycle().take(201).collect();
    let article = Article::from_plain_text("long.txt", &p.join("\n"));
    let mut app = App::new(vec![article], &Config::default());
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal.draw(|f| view::draw(f, &mut app)).unwrap();
    c.bench_function("search a 200-paragraph article (one keystroke)", |b| {
        b.iter(|| {
            app.search_article(black_box("الامن"), 0);
            black_box(app.search.as_ref().map(|s| s.matches.len()))
        })
    });
}

fn corpus(c: &mut Criterion) {
    let p = paragraphs();
    let articles: Vec<Article> = (0..10_000)
        .map(|i| {
            let body: Vec<&str> = (0..8)
                .map(|k| p[(i * 7 + k * 13) % p.len()].as_str())
                .collect();
            Article::from_plain_text(
                format!("{i}.txt"),
                &format!("{}\n{}", p[i % p.len()], body.join("\n")),
            )
        })
        .collect();
    let mut app = App::new(articles, &Config::default());
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).unwrap();
    terminal.draw(|f| view::draw(f, &mut app)).unwrap();
    let mut g = c.benchmark_group("corpus");
    g.sample_size(20);
    g.bench_function("search 10,000 articles (one keystroke)", |b| {
        b.iter(|| {
            app.search_corpus(black_box("الامن"));
            black_box(app.visible().len())
        })
    });
    g.finish();
}

criterion_group!(benches, in_article, corpus);
criterion_main!(benches);
