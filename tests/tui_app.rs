//! The browser without a terminal: messages drive an `App` through
//! `App::update`, frames are drawn on ratatui's TestBackend, and what the
//! tests know of the app is what those frames show (and the effects it
//! asks for); whole frames are compared with reviewed snapshots (insta).
//! The articles are in an SQLite store in memory, listed newest first: the
//! first seed, then the second.

mod common;

use khabar::config::{Config, LayoutDir};
use khabar::corpus::Article;
use khabar::corpus::seeds::seed_articles;
use khabar::facts::extract;
use khabar::tui::actions::Action;
use khabar::tui::app::{App, UNDATED, store_of};
use khabar::tui::dates::Clock;
use khabar::tui::facts_panel::FactRows;
use khabar::tui::keymap::KeyMap;
use khabar::tui::library::Library;
use khabar::tui::msg::{Effect, Msg};
use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEventKind};

use common::ui::{Ui, scrolled_by, shaped, theme};

/// A browser over `articles` (the first listed first), as over a store
/// on disk: read marks are asked of the runtime as effects.
fn ui_with(articles: Vec<Article>, config: &Config, keys: KeyMap) -> Ui {
    let library = Library::new(store_of(articles.clone()), false);
    // dates as a reader in UTC sees them, an hour after the seeds' date
    let app = App::new(library, config, keys).with_clock(Clock::fixed_utc(UNDATED + 3600));
    Ui::new(app, articles)
}

fn ui_over(articles: Vec<Article>, keys: KeyMap) -> Ui {
    ui_with(articles, &Config::default(), keys)
}

fn ui() -> Ui {
    ui_over(seed_articles(), KeyMap::default())
}

fn shaped_title(i: usize) -> String {
    // the first words of each seed's title, shaped and in visual order
    let title = &seed_articles()[i].title;
    let first_word = title.split_whitespace().next().unwrap();
    shaped(first_word, 40)
}

/// Select the article at position `pos` of the list (focused).
fn select_position(u: &mut Ui, pos: usize) {
    u.press('g');
    for _ in 0..pos {
        u.press('j');
    }
}

/// Focus `pane` ("articles", "reader", "facts") with Tab.
fn focus(u: &mut Ui, pane: &str) {
    for _ in 0..3 {
        if u.focus() == pane {
            return;
        }
        u.key(KeyCode::Tab);
    }
    assert_eq!(u.focus(), pane);
}

/// The facts panel's rows for article `i`, as the panel on screen lays
/// them out (the facts found by the extractor, the panel's width).
fn fact_rows(u: &Ui, i: usize) -> FactRows {
    let width = u.pane("Facts").expect("the facts panel").width as usize;
    FactRows::from_facts(&extract(&u.articles[i].text), width)
}

#[test]
fn snapshots_both_seeds_both_layouts_two_sizes() {
    for (w, h) in [(120u16, 40u16), (70, 24)] {
        for layout in [LayoutDir::Rtl, LayoutDir::Ltr] {
            for seed in 0..2 {
                let config = Config {
                    layout,
                    ..Config::default()
                };
                let mut u = ui_with(seed_articles(), &config, KeyMap::default());
                u.draw(w, h);
                select_position(&mut u, seed);
                let screen = u.draw(w, h);
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
    let mut u = ui();
    let screen = u.draw(120, 40);
    let first = screen.lines().next().unwrap();
    assert!(first.find("Articles").unwrap() > first.find("Reader").unwrap());
    assert!(first.find("Facts").unwrap() < first.find("Reader").unwrap());
    u.press('L');
    let screen = u.draw(120, 40);
    let first = screen.lines().next().unwrap();
    assert!(first.find("Articles").unwrap() < first.find("Reader").unwrap());
}

#[test]
fn the_reader_shows_the_selected_seed_and_brackets_move_between_articles() {
    let mut u = ui();
    let screen = u.draw(120, 40);
    assert!(screen.contains(&shaped_title(0)));
    u.press(']');
    assert_eq!(u.selected(), 1);
    let screen = u.draw(120, 40);
    assert!(screen.contains("2/2"));
    // [ and ] work from any pane, and stop at the ends
    focus(&mut u, "reader");
    u.press(']');
    assert_eq!(u.selected(), 1);
    u.press('[');
    u.press('[');
    assert_eq!(u.selected(), 0);
}

#[test]
fn focus_cycles_over_the_visible_panes() {
    let mut u = ui();
    u.draw(120, 40);
    assert_eq!(u.focus(), "articles");
    u.key(KeyCode::Tab);
    assert_eq!(u.focus(), "reader");
    u.key(KeyCode::Tab);
    assert_eq!(u.focus(), "facts");
    u.key(KeyCode::Tab);
    assert_eq!(u.focus(), "articles");
    u.key(KeyCode::BackTab);
    assert_eq!(u.focus(), "facts");
    // below 100 columns the facts panel is hidden until `f`
    let mut u = ui();
    u.draw(80, 24);
    u.key(KeyCode::Tab);
    u.key(KeyCode::Tab);
    assert_eq!(u.focus(), "articles");
    assert!(!u.draw(80, 24).contains("Facts"));
    u.press('f');
    assert!(u.draw(80, 24).contains("Facts"));
    assert_eq!(u.focus(), "facts");
}

#[test]
fn enter_opens_the_article_and_reader_scrolling_stays_in_bounds() {
    let mut u = ui();
    u.draw(100, 30);
    u.key(KeyCode::Enter);
    assert_eq!(u.focus(), "reader");
    let top = u.reader();
    u.press('k');
    assert_eq!(u.reader(), top, "no scrolling above the top");
    u.press('j');
    assert!(scrolled_by(&top, &u.reader(), 1));
    u.press('G');
    let bottom = u.reader();
    assert!(u.status().contains("100%"));
    assert!(!bottom.contains(&top[0]), "a long way down: {bottom:?}");
    u.press('j');
    u.key(KeyCode::PageDown);
    assert_eq!(u.reader(), bottom, "no scrolling past the end");
    let screen = u.draw(100, 30);
    assert!(screen.contains("100%"));
    u.press('g');
    assert_eq!(u.reader(), top);
    u.press(' ');
    // a page is the reader's height, less the line that stays in view
    let page = top.len() - 1;
    assert!(page >= 20, "a page is the reader's height");
    let paged = u.reader();
    assert!(scrolled_by(&top, &paged, page as isize));
    u.ctrl('u');
    assert!(scrolled_by(&paged, &u.reader(), -((page / 2) as isize)));
    // changing article goes back to the top
    u.press(']');
    let status = u.status();
    assert!(status.contains("2/2 │ reader │ 0%"), "{status}");
}

#[test]
fn help_overlay_lists_every_key_command_and_esc_closes_it() {
    let mut u = ui();
    u.press('?');
    // tall enough for all of it (a shorter screen scrolls it)
    let screen = u.draw(120, 60);
    assert!(screen.contains("Keys (Esc closes)"));
    for action in Action::ALL {
        assert!(
            screen.contains(action.description()),
            "help lists {action:?}: {screen}"
        );
    }
    // while help is open, keys do not reach the panes
    u.press(']');
    u.key(KeyCode::Esc);
    assert!(!u.draw(120, 40).contains("Keys (Esc closes)"));
    assert_eq!(u.selected(), 0);
}

#[test]
fn rebound_keys_show_in_the_help() {
    let config = Config::parse(
        std::path::Path::new("config.toml"),
        "[keys]\nnext_article = \"n\"\nnext_match = \"ctrl-n\"\n",
    )
    .unwrap();
    let keys = KeyMap::from_config(&config).unwrap();
    let mut u = ui_over(seed_articles(), keys);
    u.draw(120, 40);
    u.press('n');
    assert_eq!(u.selected(), 1);
    u.press('?');
    let screen = u.draw(120, 40);
    let line = screen.lines().find(|l| l.contains("next article")).unwrap();
    assert!(line.contains(" n "), "{line}");
}

/// Every action's key, in turn, at the current size (then Esc, Esc).
fn every_key(u: &mut Ui) {
    let area = u.cells().area;
    let (w, h) = (area.width, area.height);
    for &action in Action::ALL {
        if action != Action::Quit {
            u.act(action);
            u.draw(w, h);
        }
    }
    u.key(KeyCode::Esc);
    u.key(KeyCode::Esc);
}

#[test]
fn resizing_relayouts_and_tiny_terminals_do_not_panic() {
    let mut u = ui();
    let wide = u.draw(160, 50);
    let narrow = u.draw(70, 24);
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
        let screen = u.draw(w, h);
        assert_eq!(screen.lines().count(), h as usize);
        every_key(&mut u);
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
    let app = App::new(
        Library::new(store, false),
        &Config::default(),
        KeyMap::default(),
    );
    let mut u = Ui::new(app, seed_articles());
    let screen = u.draw(130, 40);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(screen.contains("Extracting facts"), "{screen}");
    assert!(!screen.contains("People ("));
}

#[test]
fn an_empty_corpus_draws_and_takes_every_key() {
    let mut u = ui_over(Vec::new(), KeyMap::default());
    for (w, h) in [(120, 40), (50, 10), (20, 5)] {
        let s = u.draw(w, h);
        every_key(&mut u);
        if w == 120 {
            assert!(s.contains("No articles.") && s.contains("0/0"), "{s}");
        }
    }
}

#[test]
fn below_60_columns_one_pane_at_a_time() {
    let mut u = ui();
    let s = u.draw(50, 20);
    assert!(s.contains("Articles") && !s.contains("Reader"));
    u.key(KeyCode::Enter);
    let s = u.draw(50, 20);
    assert!(s.contains("Reader") && !s.contains("Articles"));
    assert!(s.contains(&shaped_title(0)));
}

/// The letters of `text` shaped (no spaces), sorted: what a highlight of
/// it covers, whatever the lines it is cut into.
fn letters(text: &str) -> Vec<char> {
    let mut v: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    v.sort();
    v
}

/// Enter on the facts panel's rejection of new sanctions: the reader
/// scrolls to its sentence and highlights exactly its cells.
fn rejection_sentence_shown(u: &mut Ui) {
    let f = fact_rows(u, 0);
    let row = f
        .items
        .iter()
        .position(|i| i.text.starts_with("رفض"))
        .expect("a rejection row");
    focus(u, "facts");
    let top = u.reader();
    u.facts_cursor_to(&f.items[row].text);
    u.key(KeyCode::Enter);
    assert_ne!(u.reader(), top, "the reader scrolled to the sentence");
    let range = f.items[row].mentions[0].clone();
    let sentence = u.articles[0].text[range].to_string();
    assert!(sentence.contains("رفض كل من أوباما"));
    let lit = u.cells_with_bg(theme().highlight.bg);
    assert!(!lit.is_empty());
    let shaped_sentence = khabar::text::shape::shape_str(&sentence);
    assert_eq!(
        letters(&lit),
        letters(&shaped_sentence),
        "exactly the sentence's cells are highlighted"
    );
}

#[test]
fn show_range_scrolls_to_and_highlights_the_exact_cells() {
    let mut u = ui();
    u.draw(100, 20);
    rejection_sentence_shown(&mut u);
}

#[test]
fn the_facts_panel_lists_actors_and_agreements_and_enter_highlights_the_sentence() {
    let mut u = ui();
    let screen = u.draw(130, 40);
    assert!(
        screen.contains("People (3)") && screen.contains("Countries (7)"),
        "{screen}"
    );
    let obama = shaped("باراك أوباما", 40);
    assert!(screen.contains(&obama));
    rejection_sentence_shown(&mut u);
}

#[test]
fn a_filters_the_list_to_an_actors_stories_and_esc_restores_it() {
    let mut u = ui();
    u.draw(130, 40);
    // the United States is in both seeds; Belgium only in the first
    let f = fact_rows(&u, 0);
    let us = f
        .items
        .iter()
        .find(|i| i.text.contains("الولايات المتحدة"))
        .unwrap()
        .text
        .clone();
    let belgium = f
        .items
        .iter()
        .find(|i| i.text.contains("بلجيكا"))
        .unwrap()
        .text
        .clone();
    focus(&mut u, "facts");
    u.facts_cursor_to(&us);
    u.press('a');
    assert_eq!(u.focus(), "articles");
    assert_eq!(u.listed(), vec![0, 1]);
    u.key(KeyCode::Esc);
    focus(&mut u, "facts");
    u.facts_cursor_to(&belgium);
    u.press('a');
    assert_eq!(u.listed(), vec![0]);
    let screen = u.draw(130, 40);
    assert!(
        screen.contains("Articles (1/2)") && screen.contains("1/1"),
        "{screen}"
    );
    u.press(']');
    assert_eq!(u.selected(), 0, "] stays inside the filtered list");
    u.key(KeyCode::Esc);
    assert_eq!(u.listed(), vec![0, 1]);
    assert!(u.draw(130, 40).contains("Articles (2)"));
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_selects() {
    let mut u = ui();
    u.draw(120, 40);
    let reader = u.pane("Reader").unwrap();
    let before = u.reader();
    u.mouse(MouseEventKind::ScrollDown, reader.x + 5, reader.y + 5);
    assert!(scrolled_by(&before, &u.reader(), 3));
    let list = u.pane("Articles").unwrap();
    // the first article takes two rows (title and source); the second is below
    u.mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 2,
    );
    assert_eq!(u.selected(), 1);
    assert_eq!(u.focus(), "articles");
}

#[test]
fn slash_searches_the_article_as_you_type_and_highlights_the_exact_cells() {
    let mut u = ui();
    u.draw(120, 40);
    u.press('/');
    // typed without hamza: اوكرانيا finds أوكرانيا, twice
    u.type_text("اوكرانيا");
    let screen = u.draw(120, 40);
    // the prompt shows the query shaped, in visual order, and the matches
    let prompt = screen.lines().last().unwrap();
    assert!(prompt.contains(&shaped("اوكرانيا", 40)), "{prompt}");
    assert!(prompt.contains("1/2"), "{prompt}");
    u.key(KeyCode::Enter);
    let status = u.status();
    assert!(
        status.contains("1/2") && status.contains("? help"),
        "Enter keeps the matches and closes the prompt: {status}"
    );
    // the current match is drawn on exactly its cells, the other one too
    let word: String = khabar::text::shape::shape_str("أوكرانيا")
        .chars()
        .rev()
        .collect();
    assert_eq!(
        u.cells_with_bg(theme().current.bg),
        word,
        "the current match, right to left, on its cells"
    );
    assert_eq!(u.cells_with_bg(theme().highlight.bg), word);
}

#[test]
fn n_and_shift_n_wrap_around_with_a_message() {
    let mut u = ui();
    u.draw(120, 40);
    u.press('/');
    u.type_text("روسيا");
    u.key(KeyCode::Enter);
    // `1/n`: the first of n matches
    let status = u.status();
    let said = status.split('│').nth(4).unwrap().trim().to_string();
    let n: usize = said
        .strip_prefix("1/")
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_else(|| panic!("{status}"))
        .parse()
        .unwrap();
    assert!(n >= 3);
    u.press('N');
    let status = u.status();
    assert!(
        status.contains(&format!("{n}/{n}")) && status.contains("wrapped"),
        "{status}"
    );
    u.press('n');
    let status = u.status();
    assert!(status.contains(&format!("│ 1/{n}")), "{status}");
    // the match is scrolled into view
    assert!(!u.cells_with_bg(theme().current.bg).is_empty());
    // a query with no match says so
    u.press('/');
    u.type_text("غيرموجود");
    assert!(u.draw(120, 40).contains("no match"));
    // Esc cancels: no matches left, the prompt closed
    u.key(KeyCode::Esc);
    assert!(u.cells_with_bg(theme().current.bg).is_empty());
    assert!(u.cells_with_bg(theme().highlight.bg).is_empty());
    assert!(u.status().contains("? help"));
}

#[test]
fn s_filters_the_list_best_first_and_esc_restores_it() {
    let mut u = ui();
    u.draw(120, 40);
    u.press(']');
    assert_eq!(u.selected(), 1);
    u.press('s');
    u.type_text("ايسلندا");
    assert_eq!(u.listed(), vec![1], "only the second seed mentions Iceland");
    // its count of matches, on its meta line
    let list = u.pane("Articles").unwrap();
    assert!(u.row(list.y + 1, list.x, list.right()).contains("2×"));
    u.key(KeyCode::Enter);
    let screen = u.draw(120, 40);
    assert!(screen.contains("Articles (1/2)"), "{screen}");
    // the article opens at its first match, highlighted; n goes to the
    // second of its two
    assert!(!u.cells_with_bg(theme().current.bg).is_empty());
    u.press('n');
    let status = u.status();
    assert!(status.contains("│ 2/2"), "{status}");
    u.key(KeyCode::Esc);
    assert_eq!(u.listed(), vec![0, 1]);
    assert_eq!(u.selected(), 1, "the selection from before the search");
    // a query in both seeds: the one with more matches first
    u.press('s');
    u.type_text("اوكرانيا");
    assert_eq!(u.listed(), vec![1, 0]);
    u.key(KeyCode::Esc);
    assert_eq!(u.listed(), vec![0, 1]);
}

#[test]
fn the_prompt_keeps_a_history() {
    let mut u = ui();
    u.draw(120, 40);
    for q in ["روسيا", "ايران"] {
        u.press('/');
        u.type_text(q);
        u.key(KeyCode::Enter);
    }
    let typed = |u: &mut Ui, q: &str| u.status().contains(&shaped(q, 40));
    u.press('/');
    u.key(KeyCode::Up);
    assert!(typed(&mut u, "ايران"));
    u.key(KeyCode::Up);
    assert!(typed(&mut u, "روسيا"));
    u.key(KeyCode::Down);
    assert!(typed(&mut u, "ايران"));
    assert!(!u.cells_with_bg(theme().current.bg).is_empty());
}

#[test]
fn read_state_opening_u_and_dot_and_how_the_list_shows_it() {
    use ratatui::style::Modifier;
    let store = store_of(seed_articles());
    let handle = store.handle();
    let app = App::new(
        Library::new(store, false),
        &Config::default(),
        KeyMap::default(),
    )
    .with_clock(Clock::fixed_utc(UNDATED + 3600));
    let mut u = Ui::new(app, seed_articles());
    u.draw(120, 30);
    // a refresh brings an article: the newest, listed first, marked ●
    let extra = Article::from_plain_text("feed#1", "خبر جديد من التحديث\nنص");
    u.articles.push(extra.clone());
    let fresh = handle
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
    u.send(Msg::FeedDone {
        fresh: fresh.iter().map(|(id, _)| *id).collect(),
        error: None,
        pages_failed: Vec::new(),
        pages_fetched: 0,
    });
    u.send(Msg::RefreshDone);
    assert!(u.status().contains("3 unread"));
    assert_eq!(u.listed(), [2, 0, 1]);
    assert_eq!(
        u.selected(),
        0,
        "the selection stays on the article it was on"
    );
    // moving in the list opens nothing; Enter does
    u.press('j');
    u.press('k');
    assert!(u.status().contains("3 unread"));
    let effects = u.key(KeyCode::Enter);
    assert_eq!(effects, [Effect::SaveRead { id: 1, read: true }]);
    assert!(u.status().contains("2 unread"));
    // u while reading: unread again, and it stays so
    let effects = u.press('u');
    assert_eq!(effects, [Effect::SaveRead { id: 1, read: false }]);
    assert!(u.status().contains("│ marked unread"));
    assert_eq!(u.press('j'), []);
    let status = u.status();
    assert!(status.contains("3 unread"), "{status}");
    assert!(
        !status.contains("marked unread"),
        "the next key that scrolls ends it: {status}"
    );
    // `.`: the next unread ones in turn, wrapping, then none left
    let effects = u.press('.');
    assert_eq!(effects, [Effect::SaveRead { id: 2, read: true }]);
    assert_eq!(u.selected(), 1);
    let effects = u.press('.');
    assert_eq!(effects, [Effect::SaveRead { id: 3, read: true }]);
    assert_eq!(u.selected(), 2);
    assert!(u.status().contains("wrapped to the top"));
    u.press('.');
    assert_eq!(u.selected(), 0);
    u.press('.');
    let status = u.status();
    assert!(status.contains("no unread articles"), "{status}");
    assert!(!status.contains("unread │"), "none unread: {status}");
    // the list: unread titles bold, the refreshed one marked ● at its start
    u.press('u');
    focus(&mut u, "articles");
    while u.selected() != 1 {
        u.press('j');
    }
    let text = u.draw(120, 30);
    let buf = u.cells().clone();
    let row_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u16;
    let fresh_title = shaped("خبر جديد من التحديث", 40);
    let fresh_row = row_of(&format!("{fresh_title} ●"));
    let seed_row = row_of(&shaped_title(0));
    let list = u.pane("Articles").unwrap();
    let bold = |row: u16| {
        (list.x..list.right()).any(|x| {
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
    u.press('?');
    let help = u.draw(120, 40);
    for k in ["u ", ". ", "R "] {
        assert!(help.contains(k), "{k} in the help");
    }
    assert!(help.contains("open the next unread article"));
}

#[test]
fn r_without_feeds_says_how_to_add_them() {
    let mut u = ui();
    assert_eq!(u.press('R'), []);
    assert!(u.draw(160, 30).contains("import-opml"));
    u.app.set_feed_count(3);
    assert_eq!(u.press('R'), [Effect::Refresh]);
    let screen = u.draw(120, 30);
    assert!(screen.contains("refreshing 0/3"));
    u.press('R');
    assert!(u.status().contains("already refreshing"));
}

/// The seeds and `n` more articles that mention neither Iceland nor Belgium.
fn ui_with_more(n: usize) -> Ui {
    let mut articles = seed_articles();
    articles.extend((0..n).map(|i| {
        Article::from_plain_text(
            format!("extra/{i}.txt"),
            &format!("خبر إضافي رقم {i}\nنص قصير عن الطقس."),
        )
    }));
    ui_over(articles, KeyMap::default())
}

#[test]
fn g_and_shift_g_stay_inside_a_filtered_list() {
    let mut u = ui_with_more(5);
    u.draw(120, 40);
    u.press('s');
    u.type_text("ايسلندا");
    u.key(KeyCode::Enter);
    assert_eq!(u.listed(), vec![1]);
    for k in ['G', 'g', 'G'] {
        u.press(k);
        assert_eq!(u.selected(), 1, "{k} keeps the only listed article");
    }
    let screen = u.draw(120, 40);
    assert!(screen.contains(" 1/1 "), "{screen}");
    // under an actor filter too
    u.key(KeyCode::Esc);
    assert_eq!(u.selected(), 0, "back to the article before the search");
    u.press('j');
    let f = fact_rows(&u, 1);
    let iceland = f
        .items
        .iter()
        .find(|i| khabar::text::normalize::fold(&i.text).contains("ايسلندا"))
        .unwrap()
        .text
        .clone();
    focus(&mut u, "facts");
    u.facts_cursor_to(&iceland);
    u.press('a');
    assert_eq!(u.listed(), vec![1]);
    u.press('G');
    assert_eq!(u.selected(), 1);
}

#[test]
fn the_wheel_over_the_list_or_the_facts_stays_scrolled_after_a_frame() {
    let mut u = ui_with_more(40);
    let before = u.draw(120, 30);
    let list = u.pane("Articles").unwrap();
    u.mouse(MouseEventKind::ScrollDown, list.x + 3, list.y + 3);
    let after = u.draw(120, 30);
    // three articles (two rows each) scrolled away, the selection unmoved
    assert_eq!(u.position(), (1, 42));
    let title = shaped("خبر إضافي رقم 1", 40);
    let row = |s: &str| s.lines().position(|l| l.contains(&title));
    assert_eq!(row(&after), Some(list.y as usize), "{after}");
    assert_ne!(row(&before), row(&after));
    let again = u.draw(120, 30);
    assert_eq!(after, again, "drawing changes nothing");
    // the facts panel: scrolled by the wheel three rows, and it stays
    let facts = u.pane("Facts").unwrap();
    let rows = u.rows(facts);
    u.mouse(MouseEventKind::ScrollDown, facts.x + 3, facts.y + 3);
    u.draw(120, 30);
    let scrolled = u.rows(facts);
    assert!(scrolled_by(&rows, &scrolled, 3));
    u.draw(120, 30);
    assert_eq!(u.rows(facts), scrolled);
}

#[test]
fn help_scrolls_within_its_lines() {
    let mut u = ui();
    u.draw(100, 20);
    u.press('?');
    let top = u.draw(100, 20);
    for _ in 0..500 {
        u.press('j');
    }
    let bottom = u.draw(100, 20);
    assert_ne!(top, bottom);
    assert!(bottom.contains("Mouse: the wheel"), "the last line shown");
    // k right after overscrolling moves at once
    u.press('k');
    let up_one = u.draw(100, 20);
    assert_ne!(
        up_one, bottom,
        "k is not dead after j was pressed too often"
    );
    assert!(!up_one.contains("Mouse: the wheel"));
}

#[test]
fn below_100_columns_an_actor_filter_shows_the_list_it_focuses() {
    let mut u = ui();
    u.draw(80, 24);
    u.press('f');
    assert_eq!(u.focus(), "facts");
    let s = u.draw(80, 24);
    assert!(
        !s.contains("Articles ("),
        "the facts panel took the list's place"
    );
    // the United States, in both seeds
    let f = fact_rows(&u, 0);
    let us = f
        .items
        .iter()
        .find(|i| i.text.contains("الولايات المتحدة"))
        .unwrap()
        .text
        .clone();
    u.facts_cursor_to(&us);
    u.press('a');
    assert_eq!(u.focus(), "articles");
    let s = u.draw(80, 24);
    assert!(
        s.contains("Articles (2/2)"),
        "the filtered list is shown:\n{s}"
    );
    u.press('j');
    assert_eq!(u.selected(), 1);
    assert!(u.draw(80, 24).contains(" 2/2 "));
}

#[test]
fn the_facts_cursor_rests_on_a_fact_never_on_a_heading() {
    let mut u = ui();
    u.draw(130, 40);
    u.key(KeyCode::Tab);
    u.key(KeyCode::Tab);
    assert_eq!(u.focus(), "facts");
    let facts = u.pane("Facts").unwrap();
    let f = fact_rows(&u, 0);
    let fact = |i: usize| {
        shaped(&f.items[i].text, facts.width as usize)
            .trim()
            .to_string()
    };
    assert!(f.items[0].heading && !f.items[1].heading);
    assert_eq!(
        u.facts_cursor(),
        Some((facts.y + 1, fact(1))),
        "the first fact, under its heading"
    );
    // moving up from the first fact stays on it; the last heading is skipped
    u.press('k');
    assert_eq!(u.facts_cursor(), Some((facts.y + 1, fact(1))));
    let agreements = f
        .items
        .iter()
        .position(|i| i.text.starts_with("Agreements"))
        .unwrap();
    for _ in 0..agreements {
        if u.facts_cursor().unwrap().1 == fact(agreements - 1) {
            break;
        }
        u.press('j');
    }
    assert_eq!(u.facts_cursor().unwrap().1, fact(agreements - 1));
    u.press('j');
    assert_eq!(u.facts_cursor().unwrap().1, fact(agreements + 1));
    u.press('g');
    assert_eq!(u.facts_cursor(), Some((facts.y + 1, fact(1))));
}

#[test]
fn a_message_ends_with_the_next_key_that_changes_something_and_never_hides_the_help_hint() {
    let mut u = ui_with_more(3);
    u.draw(70, 24);
    u.press('u');
    let status = u.status();
    assert!(status.contains("marked read"), "{status}");
    assert!(status.ends_with("? help  f facts  q quit "), "{status}");
    // a long message is cut, the hint keeps its place
    u.send(Msg::Note("a very long message ".repeat(10)));
    let status = u.status();
    assert!(
        status.contains("a very…") && status.ends_with("? help  f facts  q quit "),
        "{status}"
    );
    // k at the top changes nothing: the message stays; j moves: it goes
    u.press('k');
    assert!(u.status().contains("a very…"));
    u.press('j');
    let status = u.status();
    assert!(!status.contains("a very"), "{status}");
}

#[test]
fn titles_take_the_direction_most_of_their_words_have() {
    let articles = vec![
        Article::from_plain_text("fifa.txt", "FIFA تعلن رفع جوائز كأس العالم\nنص الخبر."),
        Article::from_plain_text("said.txt", "محمد said the talks went well\nThe text."),
    ];
    let mut u = ui_over(articles, KeyMap::default());
    let screen = u.draw(120, 30);
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
fn s_orders_the_list_oldest_first_by_source_then_unread_first_then_by_date_again() {
    let article = |title: &str, source: &str| {
        Article::from_plain_text(
            format!("{title}.txt"),
            &format!("{title}\nنص الخبر.\nالمصدر : {source}"),
        )
    };
    // newest first: 0, 1, 2, 3
    let mut u = ui_over(
        vec![
            article("خبر أول", "رويترز"),
            article("خبر ثان", "الجزيرة"),
            article("خبر ثالث", "رويترز"),
            article("خبر رابع", "الجزيرة"),
        ],
        KeyMap::default(),
    );
    u.draw(120, 40);
    assert_eq!(u.listed(), [0, 1, 2, 3]);
    // read the first and the third
    u.press('u');
    select_position(&mut u, 2);
    u.press('u');
    u.press('S');
    assert_eq!(u.listed(), [3, 2, 1, 0], "oldest first");
    assert!(u.draw(120, 40).contains("oldest first"));
    assert_eq!(u.selected(), 2, "the selected article stays selected");
    u.press('S');
    assert_eq!(
        u.listed(),
        [1, 3, 0, 2],
        "الجزيرة before رويترز, newest first in each"
    );
    assert!(u.draw(120, 40).contains("by source"));
    assert_eq!(u.selected(), 2, "the selected article stays selected");
    u.press('S');
    assert_eq!(
        u.listed(),
        [1, 3, 0, 2],
        "unread first: 1 and 3, then 0 and 2"
    );
    u.press('S');
    assert_eq!(u.listed(), [0, 1, 2, 3], "newest first again");
    assert!(u.draw(120, 40).contains("newest first"));
}

#[test]
fn corpus_search_says_what_it_found_and_esc_goes_back_to_where_you_were() {
    let mut u = ui();
    u.draw(120, 40);
    // reading the second seed, a few lines down
    u.press('j');
    focus(&mut u, "reader");
    let top = u.reader();
    for _ in 0..3 {
        u.press('j');
    }
    let place = u.reader();
    assert!(scrolled_by(&top, &place, 3));
    // a query only the first seed holds
    u.press('s');
    u.type_text("كاميرون");
    assert_eq!(u.listed(), [0]);
    let list = u.pane("Articles").unwrap();
    let meta = u.row(list.y + 1, list.x, list.right());
    let n: u32 = meta
        .split_whitespace()
        .find_map(|w| w.strip_suffix('×'))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count of matches: {meta}"));
    let screen = u.draw(120, 40);
    let prompt = screen.lines().last().unwrap();
    assert!(
        prompt.contains(&format!("1 article · {n} matches")),
        "the prompt counts the corpus: {prompt}"
    );
    assert_eq!(u.selected(), 0, "the reader shows the hit");
    u.key(KeyCode::Esc);
    assert_eq!(u.selected(), 1, "back to the article read before");
    assert_eq!(u.reader(), place, "where it was read");

    // nothing found: the list says so, the reader keeps its article
    u.press('s');
    u.type_text("زززز");
    let screen = u.draw(120, 40);
    // shaped, in the list and in the prompt
    let said = shaped("no article contains «زززز»", 100);
    assert!(screen.contains(&said), "{screen}");
    assert!(
        u.reader().iter().any(|r| r.contains(&shaped_title(1))),
        "the second seed still shown"
    );
    u.key(KeyCode::Esc);

    // ] at the end, [ at the start
    u.press(']');
    assert!(u.draw(120, 40).contains("the last article"));
    u.press('[');
    u.press('[');
    assert!(u.draw(120, 40).contains("the first article"));
}

#[test]
fn enter_on_an_actor_goes_to_its_next_mention_each_time() {
    let mut u = ui();
    u.draw(130, 40);
    focus(&mut u, "facts");
    // the first fact is the first person: Obama, named many times
    let cursor = u.facts_cursor();
    let percent = |u: &mut Ui| -> u32 {
        let status = u.status();
        let field = status.split('│').nth(2).unwrap().trim().to_string();
        field.trim_end_matches('%').parse().unwrap()
    };
    let mut seen = Vec::new();
    let mut at = vec![percent(&mut u)];
    for k in 1..=3 {
        u.key(KeyCode::Enter);
        assert_eq!(u.facts_cursor(), cursor, "the cursor stays on the actor");
        let status = u.status();
        assert!(status.contains(&format!("mention {k} of ")), "{status}");
        let lit = u.cells_at_bg(theme().highlight.bg);
        assert!(!lit.is_empty());
        seen.push((u.reader(), lit));
        at.push(percent(&mut u));
    }
    // each time another mention, further down the story
    assert!(seen[0] != seen[1] && seen[1] != seen[2], "{seen:?}");
    assert!(at.windows(2).all(|w| w[0] <= w[1]), "{at:?}");
}

#[test]
fn a_statement_takes_one_row_in_a_wide_panel_and_two_in_a_narrow_one() {
    let mut u = ui();
    u.draw(130, 40);
    let narrow = fact_rows(&u, 0);
    // the statement with the shortest topic: on two rows in a narrow panel
    let (row, who, topic) = (0..narrow.items.len() - 1)
        .filter(|&r| narrow.items[r + 1].continues)
        .map(|r| {
            let topic = narrow.items[r + 1].text.trim().to_string();
            (r, narrow.items[r].text.clone(), topic)
        })
        .min_by_key(|(_, who, topic)| who.chars().count() + topic.chars().count())
        .expect("a statement");
    focus(&mut u, "facts");
    u.facts_cursor_to(&narrow.items[row].text);
    // wider: kind, parties and topic on one row, the cursor on the same fact
    let screen = u.draw(300, 50);
    let wide = fact_rows(&u, 0);
    assert!(wide.items.len() < narrow.items.len());
    let one_row = format!("{who} — {topic}");
    let at = wide
        .items
        .iter()
        .position(|i| i.text == one_row)
        .expect("the statement on one row");
    assert!(!wide.items[at + 1].continues);
    let width = u.pane("Facts").unwrap().width as usize;
    let shown = shaped(&one_row, width);
    assert_eq!(u.facts_cursor().unwrap().1, shown.trim());
    assert!(screen.contains(shown.trim()), "{screen}");
    // narrow again: two rows, still on that statement
    u.draw(130, 40);
    let width = u.pane("Facts").unwrap().width as usize;
    assert_eq!(
        u.facts_cursor().unwrap().1,
        shaped(&narrow.items[row].text, width).trim()
    );
}
