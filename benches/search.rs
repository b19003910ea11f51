//! Criterion benches of search as the browser runs it, per keystroke:
//! in the shown article (target: under 5 ms) and across 10,000 articles
//! (target: under 50 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use khabar::config::Config;
use khabar::corpus::Article;
use khabar::tui::app::App;
use khabar::tui::keymap::KeyMap;
use khabar::tui::msg::Msg;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

fn paragraphs() -> Vec<String> {
    let mut v = common::seed_lines();
    v.dedup();
    v
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// With all of `query` but its last letter in the open prompt, type that
/// letter: one keystroke's search.
fn type_last_letter(app: &mut App, query: &str) {
    let mut rest: String = query.to_string();
    let last = rest.pop().unwrap();
    app.prompt.as_mut().unwrap().text = rest;
    app.update(key(black_box(last)));
}

fn in_article(c: &mut Criterion) {
    let p: Vec<String> = paragraphs().into_iter().cycle().take(201).collect();
    let article = Article::from_plain_text("long.txt", &p.join("\n"));
    let mut app = App::new(vec![article], &Config::default(), KeyMap::default());
    app.update(Msg::Resize(200, 60));
    app.update(key('/'));
    c.bench_function("search a 200-paragraph article (one keystroke)", |b| {
        b.iter(|| {
            type_last_letter(&mut app, "الامن");
            black_box(app.reader.search.as_ref().map(|s| s.matches.len()))
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
    let mut app = App::new(articles, &Config::default(), KeyMap::default());
    app.update(Msg::Resize(160, 50));
    app.update(key('s'));
    let mut g = c.benchmark_group("corpus");
    g.sample_size(20);
    g.bench_function("search 10,000 articles (one keystroke)", |b| {
        b.iter(|| {
            type_last_letter(&mut app, "الامن");
            black_box(app.visible().len())
        })
    });
    g.finish();
}

criterion_group!(benches, in_article, corpus);
criterion_main!(benches);
