//! Criterion benches of search as the browser runs it, per keystroke:
//! in the shown article (target: under 5 ms) and across a store of 10,000
//! articles, every hit found and ranked (target: under 100 ms).

use std::hint::black_box;

use std::cell::RefCell;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
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

/// Put all of `query` but its last letter in the open prompt (erasing what
/// was typed): not measured.
fn type_all_but_last(app: &mut App, query: &str) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    let mut rest: String = query.to_string();
    rest.pop();
    for c in rest.chars() {
        app.update(key(c));
    }
}

/// Type the last letter of `query`: one keystroke's search; the effects it
/// asks for.
fn type_last_letter(app: &mut App, query: &str) -> Vec<Effect> {
    let last = query.chars().last().unwrap();
    app.update(key(black_box(last)))
}

fn in_article(c: &mut Criterion) {
    let p: Vec<String> = paragraphs().into_iter().cycle().take(201).collect();
    let article = Article::from_plain_text("long.txt", &p.join("\n"));
    let library = Library::new(store_of(vec![article]), false);
    let mut app = App::new(library, &Config::default(), KeyMap::default());
    app.update(Msg::Resize(200, 60));
    app.update(key('/'));
    let app = RefCell::new(app);
    c.bench_function("search a 200-paragraph article (one keystroke)", |b| {
        b.iter_batched(
            || type_all_but_last(&mut app.borrow_mut(), "الامن"),
            |()| black_box(type_last_letter(&mut app.borrow_mut(), "الامن")),
            BatchSize::PerIteration,
        )
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
    let app = RefCell::new(app);
    // the searches asked for, answered at once
    let settle = |app: &mut App, mut effects: Vec<Effect>| {
        while let Some(e) = effects.pop() {
            for m in answer_now(&e) {
                effects.extend(app.update(m));
            }
        }
    };
    let mut g = c.benchmark_group("corpus");
    g.sample_size(20);
    g.bench_function(
        "search 10,000 stored articles (one keystroke, every hit ranked)",
        |b| {
            b.iter_batched(
                || type_all_but_last(&mut app.borrow_mut(), "الامن"),
                |()| {
                    let mut app = app.borrow_mut();
                    let effects = type_last_letter(&mut app, "الامن");
                    settle(&mut app, effects);
                },
                BatchSize::PerIteration,
            )
        },
    );
    g.finish();
}

criterion_group!(benches, in_article, corpus);
criterion_main!(benches);
