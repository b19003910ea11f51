//! The browser without a terminal: messages drive an `App` through
//! `App::update`, frames are drawn on ratatui's TestBackend and compared
//! with reviewed snapshots (insta). The articles are in an SQLite store in
//! memory, listed newest first: the first seed, then the second.

mod common;

use khabar::config::{Config, LayoutDir};
use khabar::corpus::Article;
use khabar::corpus::seeds::seed_articles;
use khabar::tui::actions::Action;
use khabar::tui::app::{App, UNDATED, store_of};
use khabar::tui::dates::Clock;
use khabar::tui::facts_panel::{FactRows, FactsStatus};
use khabar::tui::keymap::KeyMap;
use khabar::tui::layout::Pane;
use khabar::tui::library::Library;
use khabar::tui::msg::{Effect, Msg};
use khabar::tui::runtime::answer_now;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A browser over `articles` (the first listed first), as over a store
/// on disk: read marks are asked of the runtime as effects.
fn app_over(articles: Vec<Article>, keys: KeyMap) -> App {
    let library = Library::new(store_of(articles), false);
    let mut app = App::new(library, &Config::default(), keys);
    // dates as a reader in UTC sees them, an hour after the seeds' date
    app.settings.clock = Clock::fixed_utc(UNDATED + 3600);
    app
}

fn app() -> App {
    app_over(seed_articles(), KeyMap::default())
}

/// Draw one frame at `w` x `h` (the app told of the size first); the
/// screen as text, one line per row.
fn draw(app: &mut App, w: u16, h: u16) -> String {
    let buf = screen_cells(app, w, h);
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn screen_cells(a: &mut App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    a.update(Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| a.draw(f)).unwrap();
    terminal.backend().buffer().clone()
}

/// Handle a message, answering the searches it asks for at once, as the
/// runtime would in the background; every effect asked for.
fn send(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut effects = app.update(msg);
    let mut i = 0;
    while i < effects.len() {
        for m in answer_now(&effects[i]) {
            let more = app.update(m);
            effects.extend(more);
        }
        i += 1;
    }
    effects
}

/// Press a key; the effects it asked for.
fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    send(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// The selected article: its place among the articles given (0 first).
fn selected(a: &App) -> usize {
    (a.current().unwrap() - 1) as usize
}

/// Select article `i` of those given.
fn select(a: &mut App, i: usize) {
    a.select(i as i64 + 1);
}

/// The articles listed, by their place among those given.
fn listed(a: &App) -> Vec<usize> {
    a.visible()
        .into_iter()
        .map(|id| (id - 1) as usize)
        .collect()
}

fn article(a: &App, i: usize) -> Article {
    a.library.article(i as i64 + 1).unwrap()
}

fn read_marks(a: &App) -> Vec<bool> {
    let ids: Vec<i64> = (1..=a.library.total() as i64).collect();
    a.library
        .rows_of(&ids)
        .iter()
        .map(|r| a.library.is_read(r))
        .collect()
}

/// The facts panel's rows as the app lays them out for article `i` (shown).
fn facts_of(a: &App, i: usize) -> FactRows {
    assert_eq!(a.current(), Some(i as i64 + 1), "article {i} is shown");
    match a.current_facts() {
        Some(FactsStatus::Ready(rows)) => (**rows).clone(),
        other => panic!("no facts shown: {other:?}"),
    }
}

fn shaped_title(i: usize) -> String {
    // the first words of each seed's title, shaped and in visual order
    let title = &seed_articles()[i].title;
    let first_word = title.split_whitespace().next().unwrap();
    khabar::text::fit_line(first_word, 40, khabar::text::Order::Visual).text
}

#[test]
fn snapshots_both_seeds_both_layouts_two_sizes() {
    for (w, h) in [(120u16, 40u16), (70, 24)] {
        for layout in [LayoutDir::Rtl, LayoutDir::Ltr] {
            for seed in 0..2 {
                let mut a = app();
                a.settings.layout_dir = layout;
                select(&mut a, seed);
                let screen = draw(&mut a, w, h);
                let name = format!(
                    "seed{seed}_{}_{w}x{h}",
                    if layout == LayoutDir::Rtl {
                        "rtl"
                    } else {
                        "ltr"
                    }
                );
                insta::assert_snapshot!(name, screen);
            }
        }
    }
}

#[test]
fn rtl_layout_puts_the_list_on_the_right_and_ltr_on_the_left() {
    let mut a = app();
    let screen = draw(&mut a, 120, 40);
    let first = screen.lines().next().unwrap();
    assert!(first.find("Articles").unwrap() > first.find("Reader").unwrap());
    assert!(first.find("Facts").unwrap() < first.find("Reader").unwrap());
    key(&mut a, KeyCode::Char('L'));
    let screen = draw(&mut a, 120, 40);
    let first = screen.lines().next().unwrap();
    assert!(first.find("Articles").unwrap() < first.find("Reader").unwrap());
}

#[test]
fn the_reader_shows_the_selected_seed_and_brackets_move_between_articles() {
    let mut a = app();
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains(&shaped_title(0)));
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(selected(&a), 1);
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("2/2"));
    // [ and ] work from any pane, and stop at the ends
    a.focus = Pane::Reader;
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(selected(&a), 1);
    key(&mut a, KeyCode::Char('['));
    key(&mut a, KeyCode::Char('['));
    assert_eq!(selected(&a), 0);
}

#[test]
fn focus_cycles_over_the_visible_panes() {
    let mut a = app();
    draw(&mut a, 120, 40);
    assert_eq!(a.focus, Pane::List);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Reader);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Facts);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::List);
    key(&mut a, KeyCode::BackTab);
    assert_eq!(a.focus, Pane::Facts);
    // below 100 columns the facts panel is hidden until `f`
    let mut a = app();
    draw(&mut a, 80, 24);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::List);
    assert!(!draw(&mut a, 80, 24).contains("Facts"));
    key(&mut a, KeyCode::Char('f'));
    assert!(draw(&mut a, 80, 24).contains("Facts"));
    assert_eq!(a.focus, Pane::Facts);
}

#[test]
fn enter_opens_the_article_and_reader_scrolling_stays_in_bounds() {
    let mut a = app();
    draw(&mut a, 100, 30);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.focus, Pane::Reader);
    key(&mut a, KeyCode::Char('k'));
    assert_eq!(a.reader.position().0, 0, "no scrolling above the top");
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.reader.position().0, 1);
    key(&mut a, KeyCode::Char('G'));
    let max = a.reader.position().1;
    assert!(max > 10);
    assert_eq!(a.reader.position().0, max);
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::PageDown);
    assert_eq!(a.reader.position().0, max, "no scrolling past the end");
    let screen = draw(&mut a, 100, 30);
    assert!(screen.contains("100%"));
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.reader.position().0, 0);
    key(&mut a, KeyCode::Char(' '));
    let page = a.reader.position().0;
    assert!(page >= 20, "a page is the reader's height");
    a.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(a.reader.position().0, page - page / 2);
    // changing article goes back to the top
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(a.reader.position().0, 0);
}

#[test]
fn help_overlay_lists_every_key_command_and_esc_closes_it() {
    let mut a = app();
    key(&mut a, KeyCode::Char('?'));
    assert!(a.help.open);
    // tall enough for all of it (a shorter screen scrolls it)
    let screen = draw(&mut a, 120, 60);
    for action in Action::ALL {
        assert!(
            screen.contains(action.description()),
            "help lists {action:?}: {screen}"
        );
    }
    // while help is open, keys do not reach the panes
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(selected(&a), 0);
    key(&mut a, KeyCode::Esc);
    assert!(!a.help.open);
    assert!(!draw(&mut a, 120, 40).contains("Keys (Esc closes)"));
}

#[test]
fn rebound_keys_show_in_the_help() {
    let config = Config::parse(
        std::path::Path::new("config.toml"),
        "[keys]\nnext_article = \"n\"\nnext_match = \"ctrl-n\"\n",
    )
    .unwrap();
    let keys = KeyMap::from_config(&config).unwrap();
    let mut a = app_over(seed_articles(), keys);
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(selected(&a), 1);
    key(&mut a, KeyCode::Char('?'));
    let screen = draw(&mut a, 120, 40);
    let line = screen.lines().find(|l| l.contains("next article")).unwrap();
    assert!(line.contains(" n "), "{line}");
}

#[test]
fn resizing_relayouts_and_tiny_terminals_do_not_panic() {
    let mut a = app();
    let wide = draw(&mut a, 160, 50);
    let narrow = draw(&mut a, 70, 24);
    assert_ne!(wide.lines().count(), narrow.lines().count());
    for (w, h) in [
        (20, 5),
        (1, 1),
        (59, 10),
        (60, 3),
        (100, 2),
        (2, 40),
        (250, 80),
    ] {
        let screen = draw(&mut a, w, h);
        assert_eq!(screen.lines().count(), h as usize);
        for &action in Action::ALL {
            if action != Action::Quit {
                a.perform(action);
                draw(&mut a, w, h);
            }
        }
        a.help.open = false;
    }
}

#[test]
fn facts_pending_are_said_and_never_faked() {
    // a store whose facts an older extractor found
    let dir = std::env::temp_dir().join(format!("khabar-stale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("khabar.db");
    let mut store = khabar::corpus::Store::open(&path).unwrap();
    let prepared = seed_articles()
        .into_iter()
        .map(|a| khabar::corpus::store::write::Prepared::new(a, 1))
        .collect();
    store.save_fetch("seeds", prepared).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE articles SET facts_version = 0", [])
        .unwrap();
    let mut a = App::new(
        Library::new(store, false),
        &Config::default(),
        KeyMap::default(),
    );
    let screen = draw(&mut a, 130, 40);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(screen.contains("Extracting facts"), "{screen}");
    assert!(!screen.contains("People ("));
}

#[test]
fn an_empty_corpus_draws_and_takes_every_key() {
    let mut a = app_over(Vec::new(), KeyMap::default());
    for (w, h) in [(120, 40), (50, 10), (20, 5)] {
        let s = draw(&mut a, w, h);
        for &action in Action::ALL {
            if action != Action::Quit {
                a.perform(action);
                draw(&mut a, w, h);
            }
        }
        a.help.open = false;
        if w == 120 {
            assert!(s.contains("No articles.") && s.contains("0/0"), "{s}");
        }
    }
}

#[test]
fn below_60_columns_one_pane_at_a_time() {
    let mut a = app();
    let s = draw(&mut a, 50, 20);
    assert!(s.contains("Articles") && !s.contains("Reader"));
    key(&mut a, KeyCode::Enter);
    let s = draw(&mut a, 50, 20);
    assert!(s.contains("Reader") && !s.contains("Articles"));
    assert!(s.contains(&shaped_title(0)));
}

#[test]
fn show_range_scrolls_to_and_highlights_the_exact_cells() {
    let mut a = app();
    draw(&mut a, 100, 20);
    let article = a.current_article().unwrap().clone();
    let needle = "رفض كل من أوباما";
    let start = article.text.find(needle).unwrap();
    a.reader.show_sentence(start..start + needle.len());
    assert!(a.reader.position().0 > 0, "scrolled down to the sentence");
    let buf = screen_cells(&mut a, 100, 20);
    let highlighted: String = buf
        .content()
        .iter()
        .filter(|c| c.bg == a.settings.theme.highlight.bg.unwrap())
        .map(|c| c.symbol())
        .collect();
    let expected = khabar::text::fit_line(needle, 100, khabar::text::Order::Visual)
        .text
        .replace(' ', "");
    assert_eq!(highlighted.replace(' ', ""), expected);
}

#[test]
fn the_facts_panel_lists_actors_and_agreements_and_enter_highlights_the_sentence() {
    let mut a = app();
    let screen = draw(&mut a, 130, 40);
    assert!(
        screen.contains("People (3)") && screen.contains("Countries (7)"),
        "{screen}"
    );
    let obama = khabar::text::fit_line("باراك أوباما", 40, khabar::text::Order::Visual).text;
    assert!(screen.contains(&obama));
    // go to the rejection of new sanctions and open it
    let f = facts_of(&a, 0);
    let row = f
        .items
        .iter()
        .position(|i| i.text.starts_with("رفض"))
        .expect("a rejection row");
    a.focus = Pane::Facts;
    for _ in 0..f.items.len() {
        if a.facts.scroll.selected < row {
            key(&mut a, KeyCode::Char('j'));
        }
    }
    assert_eq!(a.facts.scroll.selected, row);
    key(&mut a, KeyCode::Enter);
    assert!(
        a.reader.position().0 > 0,
        "the reader scrolled to the sentence"
    );
    let range = f.items[row].mentions[0].clone();
    let sentence = article(&a, 0).text[range].to_string();
    assert!(sentence.contains("رفض كل من أوباما"));
    let buf = screen_cells(&mut a, 130, 40);
    let lit: String = buf
        .content()
        .iter()
        .filter(|c| c.bg == a.settings.theme.highlight.bg.unwrap())
        .map(|c| c.symbol())
        .collect();
    let shaped: String = khabar::text::shape::shape_str(&sentence)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let lit: String = lit.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(!lit.is_empty());
    let mut want: Vec<char> = shaped.chars().filter(|c| c.is_alphabetic()).collect();
    let mut got: Vec<char> = lit.chars().filter(|c| c.is_alphabetic()).collect();
    want.sort();
    got.sort();
    assert_eq!(got, want, "exactly the sentence's cells are highlighted");
}

#[test]
fn a_filters_the_list_to_an_actors_stories_and_esc_restores_it() {
    let mut a = app();
    draw(&mut a, 130, 40);
    // the United States is in both seeds; Belgium only in the first
    let f = facts_of(&a, 0);
    let us = f
        .items
        .iter()
        .position(|i| i.text.contains("الولايات المتحدة"))
        .unwrap();
    let belgium = f
        .items
        .iter()
        .position(|i| i.text.contains("بلجيكا"))
        .unwrap();
    a.focus = Pane::Facts;
    a.facts.scroll.selected = us;
    key(&mut a, KeyCode::Char('a'));
    assert_eq!(listed(&a), vec![0, 1]);
    key(&mut a, KeyCode::Esc);
    a.focus = Pane::Facts;
    a.facts.scroll.selected = belgium;
    key(&mut a, KeyCode::Char('a'));
    assert_eq!(listed(&a), vec![0]);
    let screen = draw(&mut a, 130, 40);
    assert!(
        screen.contains("Articles (1/2)") && screen.contains("1/1"),
        "{screen}"
    );
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(selected(&a), 0, "] stays inside the filtered list");
    key(&mut a, KeyCode::Esc);
    assert_eq!(listed(&a), vec![0, 1]);
    assert!(draw(&mut a, 130, 40).contains("Articles (2)"));
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_selects() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    draw(&mut a, 120, 40);
    let reader = a.panes().reader.unwrap();
    let ev = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    a.update(Msg::Mouse(ev(
        MouseEventKind::ScrollDown,
        reader.x + 5,
        reader.y + 5,
    )));
    assert_eq!(a.reader.position().0, 3);
    let list = a.panes().inner(Pane::List);
    // the first article takes two rows (title and source); the second is below
    a.update(Msg::Mouse(ev(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 2,
    )));
    assert_eq!(selected(&a), 1);
    assert_eq!(a.focus, Pane::List);
}

fn type_text(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

#[test]
fn slash_searches_the_article_as_you_type_and_highlights_the_exact_cells() {
    let mut a = app();
    draw(&mut a, 120, 40);
    key(&mut a, KeyCode::Char('/'));
    // typed without hamza: اوكرانيا finds أوكرانيا
    type_text(&mut a, "اوكرانيا");
    let s = a.reader.search.clone().unwrap();
    assert_eq!(s.matches.len(), 2);
    for m in &s.matches {
        assert_eq!(&article(&a, 0).text[m.clone()], "أوكرانيا");
    }
    let screen = draw(&mut a, 120, 40);
    // the prompt shows the query shaped, in visual order
    let typed = khabar::text::fit_line("اوكرانيا", 40, khabar::text::Order::Visual).text;
    assert!(screen.lines().last().unwrap().contains(&typed));
    key(&mut a, KeyCode::Enter);
    assert!(
        a.prompt.is_none() && a.reader.search.is_some(),
        "Enter keeps the matches"
    );
    assert!(draw(&mut a, 120, 40).contains("1/2"));
    // the current match is drawn on exactly its cells, the other one too
    let buf = screen_cells(&mut a, 120, 40);
    let current_bg = a.settings.theme.current.bg.unwrap();
    let other_bg = a.settings.theme.highlight.bg.unwrap();
    let cells = |bg| {
        buf.content()
            .iter()
            .filter(|c| c.bg == bg)
            .map(|c| c.symbol().to_string())
            .collect::<String>()
    };
    let word: String = khabar::text::shape::shape_str("أوكرانيا")
        .chars()
        .rev()
        .collect();
    assert_eq!(
        cells(current_bg),
        word,
        "the current match, right to left, on its cells"
    );
    assert_eq!(cells(other_bg), word);
}

#[test]
fn n_and_shift_n_wrap_around_with_a_message() {
    let mut a = app();
    draw(&mut a, 120, 40);
    key(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "روسيا");
    key(&mut a, KeyCode::Enter);
    let n = a.reader.search.as_ref().unwrap().matches.len();
    assert!(n >= 3);
    assert_eq!(a.status.message.as_deref(), Some(format!("1/{n}").as_str()));
    key(&mut a, KeyCode::Char('N'));
    assert_eq!(a.reader.search.as_ref().unwrap().current, n - 1);
    assert!(a.status.message.as_deref().unwrap().contains("wrapped"));
    assert!(draw(&mut a, 120, 40).contains(&format!("{n}/{n}")));
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(a.reader.search.as_ref().unwrap().current, 0);
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .starts_with(&format!("1/{n}"))
    );
    // the match is scrolled into view
    assert!(
        a.reader
            .on_screen(&a.reader.search.as_ref().unwrap().matches[0])
    );
    // a query with no match says so
    key(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "غيرموجود");
    assert!(draw(&mut a, 120, 40).contains("no match"));
    // Esc cancels: no matches left, the reader back where it was
    key(&mut a, KeyCode::Esc);
    assert!(a.reader.search.is_none() && a.prompt.is_none());
}

#[test]
fn s_filters_the_list_best_first_and_esc_restores_it() {
    let mut a = app();
    draw(&mut a, 120, 40);
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(selected(&a), 1);
    key(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "ايسلندا");
    assert_eq!(listed(&a), vec![1], "only the second seed mentions Iceland");
    let f = a.list.filter.clone().unwrap();
    assert_eq!(*f.counts.unwrap(), vec![2]);
    key(&mut a, KeyCode::Enter);
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("Articles (1/2)"), "{screen}");
    // the article opens at its first match, highlighted
    assert!(
        a.reader
            .search
            .as_ref()
            .is_some_and(|s| s.matches.len() == 2)
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(listed(&a), vec![0, 1]);
    assert_eq!(selected(&a), 1, "the selection from before the search");
    // a query in both seeds: the one with more matches first
    key(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "اوكرانيا");
    assert_eq!(listed(&a), vec![1, 0]);
    key(&mut a, KeyCode::Esc);
    assert_eq!(listed(&a), vec![0, 1]);
}

#[test]
fn the_prompt_keeps_a_history() {
    let mut a = app();
    draw(&mut a, 120, 40);
    for q in ["روسيا", "ايران"] {
        key(&mut a, KeyCode::Char('/'));
        type_text(&mut a, q);
        key(&mut a, KeyCode::Enter);
    }
    key(&mut a, KeyCode::Char('/'));
    key(&mut a, KeyCode::Up);
    assert_eq!(a.prompt.as_ref().unwrap().text, "ايران");
    key(&mut a, KeyCode::Up);
    assert_eq!(a.prompt.as_ref().unwrap().text, "روسيا");
    key(&mut a, KeyCode::Down);
    assert_eq!(a.prompt.as_ref().unwrap().text, "ايران");
    assert!(!a.reader.search.as_ref().unwrap().matches.is_empty());
}

#[test]
fn read_state_opening_u_and_dot_and_how_the_list_shows_it() {
    use ratatui::style::Modifier;
    let mut a = app();
    draw(&mut a, 120, 30);
    // a refresh brings an article: the newest, listed first, marked ●
    let extra = khabar::corpus::Article::from_plain_text("feed#1", "خبر جديد من التحديث\nنص");
    let fresh = a
        .library
        .handle()
        .open()
        .unwrap()
        .save_fetch(
            "http://x/feed",
            vec![khabar::corpus::store::write::Prepared::new(
                extra,
                i64::MAX / 2,
            )],
        )
        .unwrap();
    a.update(Msg::FeedDone {
        fresh: fresh.iter().map(|(id, _)| *id).collect(),
        error: None,
    });
    a.update(Msg::RefreshDone);
    assert_eq!(a.library.unread(), 3);
    assert_eq!(listed(&a), [2, 0, 1]);
    assert_eq!(
        selected(&a),
        0,
        "the selection stays on the article it was on"
    );
    // moving in the list opens nothing; Enter does
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::Char('k'));
    assert_eq!(a.library.unread(), 3);
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(read_marks(&a), [true, false, false]);
    assert_eq!(effects, [Effect::SaveRead { id: 1, read: true }]);
    // u while reading: unread again, and it stays so
    key(&mut a, KeyCode::Char('u'));
    assert_eq!(a.status.message.as_deref(), Some("marked unread"));
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(read_marks(&a), [false, false, false]);
    assert_eq!(a.status.message, None, "the next key that scrolls ends it");
    // `.`: the next unread ones in turn, wrapping, then none left
    key(&mut a, KeyCode::Char('.'));
    assert_eq!((selected(&a), read_marks(&a)[1]), (1, true));
    key(&mut a, KeyCode::Char('.'));
    assert_eq!((selected(&a), read_marks(&a)[2]), (2, true));
    assert!(
        a.status
            .message
            .as_deref()
            .unwrap()
            .contains("wrapped to the top")
    );
    key(&mut a, KeyCode::Char('.'));
    assert_eq!(selected(&a), 0);
    key(&mut a, KeyCode::Char('.'));
    assert_eq!(a.status.message.as_deref(), Some("no unread articles"));
    assert_eq!(a.library.unread(), 0);
    // the list: unread titles bold, the refreshed one marked ● at its start
    key(&mut a, KeyCode::Char('u'));
    a.focus = Pane::List;
    select(&mut a, 1);
    let buf = screen_cells(&mut a, 120, 30);
    let text = draw(&mut a, 120, 30);
    let row_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u16;
    let fresh_title =
        khabar::text::fit_line("خبر جديد من التحديث", 40, khabar::text::Order::Visual).text;
    let fresh_row = row_of(&format!("{fresh_title} ●"));
    let seed_row = row_of(&shaped_title(0));
    let list_x = (0..120u16)
        .find(|&x| buf[(x, 1)].symbol() != " " && x > 88)
        .unwrap();
    let bold = |row: u16| {
        (list_x..119).any(|x| {
            buf[(x, row)].modifier.contains(Modifier::BOLD)
                && ![" ", "●"].contains(&buf[(x, row)].symbol())
        })
    };
    assert!(bold(seed_row), "seed 0 unread again: bold\n{text}");
    assert!(!bold(fresh_row), "the refreshed one was read: not bold");
    assert!(
        !text.lines().nth(seed_row as usize).unwrap().contains('●'),
        "seeds are not new"
    );
    // the status bar counts the unread, the help lists the keys
    assert!(text.lines().last().unwrap().contains("1 unread"));
    key(&mut a, KeyCode::Char('?'));
    let help = draw(&mut a, 120, 40);
    for k in ["u ", ". ", "R "] {
        assert!(help.contains(k), "{k} in the help");
    }
    assert!(help.contains("open the next unread article"));
}

#[test]
fn r_without_feeds_says_how_to_add_them() {
    let mut a = app();
    assert_eq!(key(&mut a, KeyCode::Char('R')), []);
    assert!(a.status.message.as_deref().unwrap().contains("import-opml"));
    a.set_feed_count(3);
    assert_eq!(key(&mut a, KeyCode::Char('R')), [Effect::Refresh]);
    assert_eq!(a.progress.refreshing, Some((0, 3)));
    let screen = draw(&mut a, 120, 30);
    assert!(screen.contains("refreshing 0/3"));
    key(&mut a, KeyCode::Char('R'));
    assert_eq!(a.status.message.as_deref(), Some("already refreshing"));
}

/// The seeds and `n` more articles that mention neither Iceland nor Belgium.
fn app_with(n: usize) -> App {
    let mut articles = seed_articles();
    articles.extend((0..n).map(|i| {
        Article::from_plain_text(
            format!("extra/{i}.txt"),
            &format!("خبر إضافي رقم {i}\nنص قصير عن الطقس."),
        )
    }));
    app_over(articles, KeyMap::default())
}

#[test]
fn g_and_shift_g_stay_inside_a_filtered_list() {
    let mut a = app_with(5);
    draw(&mut a, 120, 40);
    key(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "ايسلندا");
    key(&mut a, KeyCode::Enter);
    assert_eq!(listed(&a), vec![1]);
    for k in ['G', 'g', 'G'] {
        key(&mut a, KeyCode::Char(k));
        assert_eq!(selected(&a), 1, "{k} keeps the only listed article");
    }
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains(" 1/1 "), "{screen}");
    // under an actor filter too
    key(&mut a, KeyCode::Esc);
    assert_eq!(selected(&a), 0, "back to the article before the search");
    select(&mut a, 1);
    a.focus = Pane::Facts;
    let f = facts_of(&a, 1);
    let iceland = f
        .items
        .iter()
        .position(|i| khabar::text::normalize::fold(&i.text).contains("ايسلندا"))
        .unwrap();
    a.facts.scroll.selected = iceland;
    key(&mut a, KeyCode::Char('a'));
    assert_eq!(listed(&a), vec![1]);
    key(&mut a, KeyCode::Char('G'));
    assert_eq!(selected(&a), 1);
}

#[test]
fn the_wheel_over_the_list_or_the_facts_stays_scrolled_after_a_frame() {
    use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
    let mut a = app_with(40);
    let before = draw(&mut a, 120, 30);
    let list = a.panes().inner(Pane::List);
    let wheel = |column, row| {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    a.update(wheel(list.x + 3, list.y + 3));
    let after = draw(&mut a, 120, 30);
    // three articles (two rows each) scrolled away, the selection unmoved
    assert_eq!(a.list.scroll.offset, 3);
    assert_eq!(selected(&a), 0);
    let title = khabar::text::fit_line("خبر إضافي رقم 1", 40, khabar::text::Order::Visual).text;
    let row = |s: &str| s.lines().position(|l| l.contains(&title));
    assert_eq!(row(&after), Some(list.y as usize), "{after}");
    assert_ne!(row(&before), row(&after));
    let again = draw(&mut a, 120, 30);
    assert_eq!(after, again, "drawing changes nothing");
    // the facts panel: scrolled by the wheel, and it stays
    let facts = a.panes().inner(Pane::Facts);
    a.update(wheel(facts.x + 3, facts.y + 3));
    draw(&mut a, 120, 30);
    assert_eq!(a.facts.scroll.offset, 3);
    draw(&mut a, 120, 30);
    assert_eq!(a.facts.scroll.offset, 3);
}

#[test]
fn help_scrolls_within_its_lines() {
    let mut a = app();
    draw(&mut a, 100, 20);
    key(&mut a, KeyCode::Char('?'));
    let top = draw(&mut a, 100, 20);
    for _ in 0..500 {
        key(&mut a, KeyCode::Char('j'));
    }
    let bottom = draw(&mut a, 100, 20);
    assert_ne!(top, bottom);
    assert!(bottom.contains("Mouse: the wheel"), "the last line shown");
    // k right after overscrolling moves at once
    key(&mut a, KeyCode::Char('k'));
    let up_one = draw(&mut a, 100, 20);
    assert_ne!(
        up_one, bottom,
        "k is not dead after j was pressed too often"
    );
    assert!(!up_one.contains("Mouse: the wheel"));
}

#[test]
fn below_100_columns_an_actor_filter_shows_the_list_it_focuses() {
    let mut a = app();
    draw(&mut a, 80, 24);
    key(&mut a, KeyCode::Char('f'));
    assert_eq!(a.focus, Pane::Facts);
    let s = draw(&mut a, 80, 24);
    assert!(
        !s.contains("Articles ("),
        "the facts panel took the list's place"
    );
    // the United States, in both seeds
    let f = facts_of(&a, 0);
    a.facts.scroll.selected = f
        .items
        .iter()
        .position(|i| i.text.contains("الولايات المتحدة"))
        .unwrap();
    key(&mut a, KeyCode::Char('a'));
    assert_eq!(a.focus, Pane::List);
    let s = draw(&mut a, 80, 24);
    assert!(
        s.contains("Articles (2/2)"),
        "the filtered list is shown:\n{s}"
    );
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(selected(&a), 1);
    assert!(draw(&mut a, 80, 24).contains(" 2/2 "));
}

#[test]
fn the_facts_cursor_rests_on_a_fact_never_on_a_heading() {
    let mut a = app();
    draw(&mut a, 130, 40);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Facts);
    let buf = screen_cells(&mut a, 130, 40);
    let facts = a.panes().inner(Pane::Facts);
    let selected_bg = a.settings.theme.selected.bg.unwrap();
    let lit_rows: Vec<u16> = (facts.y..facts.bottom())
        .filter(|&y| (facts.x..facts.right()).all(|x| buf[(x, y)].bg == selected_bg))
        .collect();
    assert_eq!(lit_rows, [facts.y + 1], "the first fact, under its heading");
    let f = facts_of(&a, 0);
    assert!(!f.items[a.facts.scroll.selected].heading);
    // moving up from the first fact stays on it; the last heading is skipped
    key(&mut a, KeyCode::Char('k'));
    assert_eq!(a.facts.scroll.selected, 1);
    let agreements = f
        .items
        .iter()
        .position(|i| i.text.starts_with("Agreements"))
        .unwrap();
    while a.facts.scroll.selected < agreements - 1 {
        key(&mut a, KeyCode::Char('j'));
    }
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.facts.scroll.selected, agreements + 1);
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.facts.scroll.selected, 1);
}

#[test]
fn a_message_ends_with_the_next_key_that_changes_something_and_never_hides_the_help_hint() {
    let mut a = app_with(3);
    draw(&mut a, 70, 24);
    key(&mut a, KeyCode::Char('u'));
    let s = draw(&mut a, 70, 24);
    let status = s.lines().last().unwrap().to_string();
    assert!(status.contains("marked read"), "{status}");
    assert!(status.ends_with("? help  f facts  q quit "), "{status}");
    // a long message is cut, the hint keeps its place
    a.status.say("a very long message ".repeat(10));
    let status = draw(&mut a, 70, 24).lines().last().unwrap().to_string();
    assert!(
        status.contains("a very…") && status.ends_with("? help  f facts  q quit "),
        "{status}"
    );
    // k at the top changes nothing: the message stays; j moves: it goes
    key(&mut a, KeyCode::Char('k'));
    assert!(a.status.message.is_some());
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.status.message, None);
    let status = draw(&mut a, 70, 24).lines().last().unwrap().to_string();
    assert!(!status.contains("a very long"), "{status}");
}

#[test]
fn titles_take_the_direction_most_of_their_words_have() {
    let articles = vec![
        Article::from_plain_text("fifa.txt", "FIFA تعلن رفع جوائز كأس العالم\nنص الخبر."),
        Article::from_plain_text("said.txt", "محمد said the talks went well\nThe text."),
    ];
    let mut a = app_over(articles, KeyMap::default());
    let screen = draw(&mut a, 120, 30);
    let visual =
        |title: &str, base: &str| common::fribidi_lines_as(&[title.to_string()], &[base]).remove(0);
    let rtl = visual("FIFA تعلن رفع جوائز كأس العالم", "--rtl");
    let ltr = visual("محمد said the talks went well", "--ltr");
    let list_row = |title: &str| {
        screen
            .lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("{title} not on screen:\n{screen}"))
            .to_string()
    };
    // right-aligned against the list's right border; left-aligned
    assert!(list_row(&rtl).ends_with(&format!("{rtl}│")), "{screen}");
    assert!(list_row(&ltr).contains(&format!("│{ltr}")), "{screen}");
}

#[test]
fn s_orders_the_list_by_source_then_unread_first_then_by_date_again() {
    let article = |title: &str, source: &str| {
        Article::from_plain_text(
            format!("{title}.txt"),
            &format!("{title}\nنص الخبر.\nالمصدر : {source}"),
        )
    };
    // newest first: 0, 1, 2, 3
    let mut a = app_over(
        vec![
            article("خبر أول", "رويترز"),
            article("خبر ثان", "الجزيرة"),
            article("خبر ثالث", "رويترز"),
            article("خبر رابع", "الجزيرة"),
        ],
        KeyMap::default(),
    );
    draw(&mut a, 120, 40);
    assert_eq!(listed(&a), [0, 1, 2, 3]);
    // read the first and the third
    key(&mut a, KeyCode::Char('u'));
    select(&mut a, 2);
    key(&mut a, KeyCode::Char('u'));
    key(&mut a, KeyCode::Char('S'));
    assert_eq!(
        listed(&a),
        [1, 3, 0, 2],
        "الجزيرة before رويترز, newest first in each"
    );
    assert!(draw(&mut a, 120, 40).contains("by source"));
    assert_eq!(selected(&a), 2, "the selected article stays selected");
    key(&mut a, KeyCode::Char('S'));
    assert_eq!(
        listed(&a),
        [1, 3, 0, 2],
        "unread first: 1 and 3, then 0 and 2"
    );
    key(&mut a, KeyCode::Char('S'));
    assert_eq!(listed(&a), [0, 1, 2, 3], "newest first again");
    assert!(draw(&mut a, 120, 40).contains("newest first"));
}

#[test]
fn corpus_search_says_what_it_found_and_esc_goes_back_to_where_you_were() {
    let mut a = app();
    draw(&mut a, 120, 40);
    // reading the second seed, a few lines down
    select(&mut a, 1);
    draw(&mut a, 120, 40);
    a.focus = Pane::Reader;
    for _ in 0..3 {
        key(&mut a, KeyCode::Char('j'));
    }
    let place = a.reader.top;
    assert!(a.reader.position().0 > 0);
    // a query only the first seed holds
    key(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "كاميرون");
    let f = a.list.filter.clone().unwrap();
    assert_eq!(listed(&a), [0]);
    let n: u32 = f.counts.as_ref().unwrap().iter().sum();
    let screen = draw(&mut a, 120, 40);
    let prompt = screen.lines().last().unwrap();
    assert!(
        prompt.contains(&format!("1 article · {n} matches")),
        "the prompt counts the corpus: {prompt}"
    );
    assert_eq!(a.current(), Some(1), "the reader shows the hit");
    key(&mut a, KeyCode::Esc);
    assert_eq!(selected(&a), 1, "back to the article read before");
    assert_eq!(a.reader.top, place, "where it was read");

    // nothing found: the list says so, the reader keeps its article
    key(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "زززز");
    let screen = draw(&mut a, 120, 40);
    // shaped, in the list and in the prompt
    let said = khabar::text::fit_line(
        "no article contains «زززز»",
        100,
        khabar::text::Order::Visual,
    )
    .text;
    assert!(screen.contains(&said), "{screen}");
    assert_eq!(a.reader.article(), Some(2), "the second seed still shown");
    key(&mut a, KeyCode::Esc);

    // ] at the end, [ at the start
    key(&mut a, KeyCode::Char(']'));
    assert!(draw(&mut a, 120, 40).contains("the last article"));
    select(&mut a, 0);
    key(&mut a, KeyCode::Char('['));
    assert!(draw(&mut a, 120, 40).contains("the first article"));
}

#[test]
fn enter_on_an_actor_goes_to_its_next_mention_each_time() {
    let mut a = app();
    draw(&mut a, 130, 40);
    a.focus = Pane::Facts;
    draw(&mut a, 130, 40);
    // the first fact is the first person: Obama, named many times
    let rows = a.facts.scroll.selected;
    let mut seen = Vec::new();
    for k in 1..=3 {
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.facts.scroll.selected, rows);
        let message = a.status.message.clone().unwrap_or_default();
        assert!(
            message.starts_with(&format!("mention {k} of ")),
            "{message}"
        );
        seen.push(a.reader.sentence.clone().unwrap());
    }
    assert!(
        seen[0].start < seen[1].start && seen[1].start < seen[2].start,
        "{seen:?}"
    );
}

#[test]
fn a_statement_takes_one_row_in_a_wide_panel_and_two_in_a_narrow_one() {
    let mut a = app();
    draw(&mut a, 130, 40);
    let narrow = facts_of(&a, 0);
    // the statement with the shortest topic: on two rows in a narrow panel
    let (row, who, topic) = (0..narrow.items.len() - 1)
        .filter(|&r| narrow.items[r + 1].continues)
        .map(|r| {
            let topic = narrow.items[r + 1].text.trim().to_string();
            (r, narrow.items[r].text.clone(), topic)
        })
        .min_by_key(|(_, who, topic)| who.chars().count() + topic.chars().count())
        .expect("a statement");
    a.focus = Pane::Facts;
    a.facts.scroll.selected = row;
    // wider: kind, parties and topic on one row, the cursor on the same fact
    let screen = draw(&mut a, 300, 50);
    let wide = facts_of(&a, 0);
    let at = a.facts.scroll.selected;
    assert_eq!(wide.items[at].text, format!("{who} — {topic}"));
    assert!(!wide.items[at + 1].continues);
    assert!(wide.items.len() < narrow.items.len());
    let shown = khabar::text::fit_line(&wide.items[at].text, 200, khabar::text::Order::Visual);
    assert!(screen.contains(shown.text.trim()), "{screen}");
    // narrow again: two rows, still on that statement
    draw(&mut a, 130, 40);
    let again = facts_of(&a, 0);
    assert_eq!(again.items, narrow.items);
    assert_eq!(a.facts.scroll.selected, row);
}
