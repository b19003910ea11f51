//! Criterion benches of search as the browser runs it, per keystroke:
//! in the shown article (target: under 5 ms) and across a store of 10,000
//! articles, every hit found and ranked (target: under 100 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use khabar::config::Config;
use khabar::corpus::Article;
use khabar::corpus::Store;
use khabar::tui::app::{App, store_of};
use khabar::tui::keymap::KeyMap;
use khabar::tui::library::Library;
use khabar::tui::msg::{Effect, Msg};
use khabar::tui::runtime::answer_now;
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
/// letter: one keystroke's search; the effects it asks for.
fn type_last_letter(app: &mut App, query: &str) -> Vec<Effect> {
    let mut rest: String = query.to_string();
    let last = rest.pop().unwrap();
    app.prompt.as_mut().unwrap().text = rest;
    app.update(key(black_box(last)))
}

fn in_article(c: &mut Criterion) {
    let p: Vec<String> = paragraphs().into_iter().cycle().take(201).collect();
    let article = Article::from_plain_text("long.txt", &p.join("\n"));
    let library = Library::new(store_of(vec![article]), false);
    let mut app = App::new(library, &Config::default(), KeyMap::default());
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
    let path = common::store_on_disk("search-10k", common::articles(10_000));
    let store = Store::open(&path).unwrap();
    let mut app = App::new(
        Library::new(store, false),
        &Config::default(),
        KeyMap::default(),
    );
    app.update(Msg::Resize(160, 50));
    app.update(key('s'));
    let mut g = c.benchmark_group("corpus");
    g.sample_size(20);
    g.bench_function(
        "search 10,000 stored articles (one keystroke, every hit ranked)",
        |b| {
            b.iter(|| {
                let mut effects = type_last_letter(&mut app, "الامن");
                while let Some(e) = effects.pop() {
                    for m in answer_now(&e) {
                        effects.extend(app.update(m));
                    }
                }
                black_box(app.visible().len())
            })
        },
    );
    g.finish();
}

criterion_group!(benches, in_article, corpus);
criterion_main!(benches);
