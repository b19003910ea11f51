//! The browser without a terminal: keys drive an `App`, frames are drawn on
//! ratatui's TestBackend and compared with reviewed snapshots (insta).

use khabar::corpus::seeds::seed_articles;
use khabar::tui::app::{App, Focus};
use khabar::tui::config::{Config, LayoutDir};
use khabar::tui::keymap::Action;
use khabar::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    let mut a = App::new(seed_articles(), &Config::default());
    a.extract_facts_now();
    a
}

/// Draw one frame at `w` x `h`; the screen as text, one line per row.
fn draw(app: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
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
                a.layout_dir = layout;
                a.select(seed);
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
    assert_eq!(a.selected, 1);
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("2/2"));
    // [ and ] work from any pane, and stop at the ends
    a.focus = Focus::Reader;
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(a.selected, 1);
    key(&mut a, KeyCode::Char('['));
    key(&mut a, KeyCode::Char('['));
    assert_eq!(a.selected, 0);
}

#[test]
fn focus_cycles_over_the_visible_panes() {
    let mut a = app();
    draw(&mut a, 120, 40);
    assert_eq!(a.focus, Focus::List);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Focus::Reader);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Focus::Facts);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Focus::List);
    key(&mut a, KeyCode::BackTab);
    assert_eq!(a.focus, Focus::Facts);
    // below 100 columns the facts panel is hidden until `f`
    let mut a = app();
    draw(&mut a, 80, 24);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Focus::List);
    assert!(!draw(&mut a, 80, 24).contains("Facts"));
    key(&mut a, KeyCode::Char('f'));
    assert!(draw(&mut a, 80, 24).contains("Facts"));
    assert_eq!(a.focus, Focus::Facts);
}

#[test]
fn enter_opens_the_article_and_reader_scrolling_stays_in_bounds() {
    let mut a = app();
    draw(&mut a, 100, 30);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.focus, Focus::Reader);
    key(&mut a, KeyCode::Char('k'));
    assert_eq!(a.scroll, 0, "no scrolling above the top");
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.scroll, 1);
    key(&mut a, KeyCode::Char('G'));
    let max = a.max_scroll();
    assert!(max > 10);
    assert_eq!(a.scroll, max);
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::PageDown);
    assert_eq!(a.scroll, max, "no scrolling past the end");
    let screen = draw(&mut a, 100, 30);
    assert!(screen.contains("100%"));
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(a.scroll, 0);
    key(&mut a, KeyCode::Char(' '));
    let page = a.scroll;
    assert!(page >= 20, "a page is the reader's height");
    a.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    assert_eq!(a.scroll, page - page / 2);
    // changing article goes back to the top
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(a.scroll, 0);
}

#[test]
fn help_overlay_lists_every_key_command_and_esc_closes_it() {
    let mut a = app();
    key(&mut a, KeyCode::Char('?'));
    assert!(a.help);
    let screen = draw(&mut a, 120, 40);
    for action in Action::ALL {
        assert!(
            screen.contains(action.description()),
            "help lists {:?}",
            action
        );
    }
    // while help is open, keys do not reach the panes
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(a.selected, 0);
    key(&mut a, KeyCode::Esc);
    assert!(!a.help);
    assert!(!draw(&mut a, 120, 40).contains("Keys (Esc closes)"));
}

#[test]
fn rebound_keys_show_in_the_help() {
    let mut config = Config::default();
    let mut o = std::collections::HashMap::new();
    o.insert("next_article".to_string(), vec!["n".to_string()]);
    config.keys.rebind(&o).unwrap();
    let mut a = App::new(seed_articles(), &config);
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(a.selected, 1);
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
        for action in Action::ALL {
            if action != Action::Quit {
                a.perform(action);
                draw(&mut a, w, h);
            }
        }
        a.help = false;
    }
}

#[test]
fn facts_pending_are_said_and_never_faked() {
    let mut a = App::new(seed_articles(), &Config::default());
    let screen = draw(&mut a, 130, 40);
    assert!(screen.contains("Extracting facts"), "{screen}");
    assert!(!screen.contains("People ("));
}

#[test]
fn an_empty_corpus_draws_and_takes_every_key() {
    let mut a = App::new(Vec::new(), &Config::default());
    for (w, h) in [(120, 40), (50, 10), (20, 5)] {
        let s = draw(&mut a, w, h);
        for action in Action::ALL {
            if action != Action::Quit {
                a.perform(action);
                draw(&mut a, w, h);
            }
        }
        a.help = false;
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
    let article = a.current().unwrap().clone();
    let needle = "رفض كل من أوباما";
    let start = article.text.find(needle).unwrap();
    a.show_range(start..start + needle.len());
    assert!(a.scroll > 0, "scrolled down to the sentence");
    let mut terminal = Terminal::new(TestBackend::new(100, 20)).unwrap();
    terminal.draw(|f| view::draw(f, &mut a)).unwrap();
    let buf = terminal.backend().buffer();
    let highlighted: String = buf
        .content()
        .iter()
        .filter(|c| c.bg == a.theme.highlight.bg.unwrap())
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
    let khabar::tui::app::FactsStatus::Ready(f) = a.facts[0].clone() else {
        panic!("facts ready")
    };
    let row = f
        .items
        .iter()
        .position(|i| i.text.starts_with("رفض"))
        .expect("a rejection row");
    a.focus = Focus::Facts;
    for _ in 0..row {
        key(&mut a, KeyCode::Char('j'));
    }
    assert_eq!(a.fact_selected, row);
    key(&mut a, KeyCode::Enter);
    assert!(a.scroll > 0, "the reader scrolled to the sentence");
    let range = f.items[row].sentence.clone().unwrap();
    let sentence = a.articles[0].text[range].to_string();
    assert!(sentence.contains("رفض كل من أوباما"));
    let mut terminal = Terminal::new(TestBackend::new(130, 40)).unwrap();
    terminal.draw(|fr| view::draw(fr, &mut a)).unwrap();
    let buf = terminal.backend().buffer();
    let lit: String = buf
        .content()
        .iter()
        .filter(|c| c.bg == a.theme.highlight.bg.unwrap())
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
    let khabar::tui::app::FactsStatus::Ready(f) = a.facts[0].clone() else {
        panic!()
    };
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
    a.focus = Focus::Facts;
    a.fact_selected = us;
    key(&mut a, KeyCode::Char('a'));
    assert_eq!(a.visible(), vec![0, 1]);
    key(&mut a, KeyCode::Esc);
    a.focus = Focus::Facts;
    a.fact_selected = belgium;
    key(&mut a, KeyCode::Char('a'));
    assert_eq!(a.visible(), vec![0]);
    let screen = draw(&mut a, 130, 40);
    assert!(
        screen.contains("Articles (1/2)") && screen.contains("1/1"),
        "{screen}"
    );
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(a.selected, 0, "] stays inside the filtered list");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.visible(), vec![0, 1]);
    assert!(draw(&mut a, 130, 40).contains("Articles (2)"));
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_selects() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    draw(&mut a, 120, 40);
    let reader = a.geometry.reader.unwrap();
    let ev = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    a.handle_mouse(&ev(MouseEventKind::ScrollDown, reader.x + 5, reader.y + 5));
    assert_eq!(a.scroll, 3);
    let list = a.geometry.list_inner;
    // the first article takes two rows (title and source); the second is below
    a.handle_mouse(&ev(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 2,
    ));
    assert_eq!(a.selected, 1);
    assert_eq!(a.focus, Focus::List);
}

fn type_text(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

fn screen_cells(a: &mut App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(f, a)).unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn slash_searches_the_article_as_you_type_and_highlights_the_exact_cells() {
    let mut a = app();
    draw(&mut a, 120, 40);
    key(&mut a, KeyCode::Char('/'));
    // typed without hamza: اوكرانيا finds أوكرانيا
    type_text(&mut a, "اوكرانيا");
    let s = a.search.clone().unwrap();
    assert_eq!(s.matches.len(), 2);
    for m in &s.matches {
        assert_eq!(&a.articles[0].text[m.clone()], "أوكرانيا");
    }
    let screen = draw(&mut a, 120, 40);
    // the prompt shows the query shaped, in visual order
    let typed = khabar::text::fit_line("اوكرانيا", 40, khabar::text::Order::Visual).text;
    assert!(screen.lines().last().unwrap().contains(&typed));
    key(&mut a, KeyCode::Enter);
    assert!(
        a.prompt.is_none() && a.search.is_some(),
        "Enter keeps the matches"
    );
    assert!(draw(&mut a, 120, 40).contains("1/2"));
    // the current match is drawn on exactly its cells, the other one too
    let buf = screen_cells(&mut a, 120, 40);
    let current_bg = a.theme.current.bg.unwrap();
    let other_bg = a.theme.highlight.bg.unwrap();
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
    let n = a.search.as_ref().unwrap().matches.len();
    assert!(n >= 3);
    assert_eq!(a.message.as_deref(), Some(format!("1/{n}").as_str()));
    key(&mut a, KeyCode::Char('N'));
    assert_eq!(a.search.as_ref().unwrap().current, n - 1);
    assert!(a.message.as_deref().unwrap().contains("wrapped"));
    assert!(draw(&mut a, 120, 40).contains(&format!("{n}/{n}")));
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(a.search.as_ref().unwrap().current, 0);
    assert!(a.message.as_deref().unwrap().starts_with(&format!("1/{n}")));
    // the match is scrolled into view
    let line = a
        .current_layout()
        .unwrap()
        .line_of(&a.search.as_ref().unwrap().matches[0])
        .unwrap();
    assert!(line >= a.scroll && line < a.scroll + a.geometry.reader_text.height as usize);
    // a query with no match says so
    key(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "غيرموجود");
    assert!(draw(&mut a, 120, 40).contains("no match"));
    // Esc cancels: no matches left, the reader back where it was
    key(&mut a, KeyCode::Esc);
    assert!(a.search.is_none() && a.prompt.is_none());
}

#[test]
fn s_filters_the_list_best_first_and_esc_restores_it() {
    let mut a = app();
    draw(&mut a, 120, 40);
    key(&mut a, KeyCode::Char(']'));
    assert_eq!(a.selected, 1);
    key(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "ايسلندا");
    assert_eq!(
        a.visible(),
        vec![1],
        "only the second seed mentions Iceland"
    );
    let f = a.filter.clone().unwrap();
    assert_eq!(f.counts.unwrap(), vec![2]);
    key(&mut a, KeyCode::Enter);
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("Articles (1/2)"), "{screen}");
    // the article opens at its first match, highlighted
    assert!(a.search.as_ref().is_some_and(|s| s.matches.len() == 2));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.visible(), vec![0, 1]);
    assert_eq!(a.selected, 1, "the selection from before the search");
    // a query in both seeds: the one with more matches first
    key(&mut a, KeyCode::Char('s'));
    type_text(&mut a, "اوكرانيا");
    assert_eq!(a.visible(), vec![1, 0]);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.visible(), vec![0, 1]);
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
    assert!(!a.search.as_ref().unwrap().matches.is_empty());
}

#[test]
fn read_state_opening_u_and_dot_and_how_the_list_shows_it() {
    use ratatui::style::Modifier;
    let mut a = app();
    let extra = khabar::corpus::Article::from_plain_text("feed#1", "خبر جديد من التحديث\nنص");
    a.push_article_marked(extra, false, true);
    assert_eq!(a.unread_count(), 3);
    // moving in the list opens nothing; Enter does
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::Char('k'));
    assert_eq!(a.unread_count(), 3);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.read, [true, false, false]);
    assert_eq!(a.read_changes, [(seed_articles()[0].key(), true)]);
    // u while reading: unread again, and it stays so
    key(&mut a, KeyCode::Char('u'));
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.read, [false, false, false]);
    assert_eq!(a.message.as_deref(), Some("marked unread"));
    // `.`: the next unread ones in turn, wrapping, then none left
    key(&mut a, KeyCode::Char('.'));
    assert_eq!((a.selected, a.read[1]), (1, true));
    key(&mut a, KeyCode::Char('.'));
    assert_eq!((a.selected, a.read[2]), (2, true));
    key(&mut a, KeyCode::Char('.'));
    assert_eq!(a.selected, 0);
    assert!(a.message.as_deref().unwrap().contains("wrapped to the top"));
    key(&mut a, KeyCode::Char('.'));
    assert_eq!(a.message.as_deref(), Some("no unread articles"));
    assert_eq!(a.unread_count(), 0);
    // the list: unread titles bold, the refreshed one marked ● at its start
    key(&mut a, KeyCode::Char('u'));
    a.focus = Focus::List;
    a.select(1);
    let buf = screen_cells(&mut a, 120, 30);
    let text = draw(&mut a, 120, 30);
    let row_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u16;
    let fresh_title =
        khabar::text::fit_line("خبر جديد من التحديث", 40, khabar::text::Order::Visual).text;
    let fresh_row = row_of(&format!("{fresh_title} ●"));
    let list_x = (0..120u16)
        .find(|&x| buf[(x, 1)].symbol() != " " && x > 88)
        .unwrap();
    let bold = |row: u16| {
        (list_x..119).any(|x| {
            buf[(x, row)].modifier.contains(Modifier::BOLD)
                && ![" ", "●"].contains(&buf[(x, row)].symbol())
        })
    };
    assert!(bold(1), "seed 0 unread again: bold\n{text}");
    assert!(!bold(fresh_row), "the refreshed one was read: not bold");
    assert!(
        !text.lines().nth(3).unwrap().contains('●'),
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
    key(&mut a, KeyCode::Char('R'));
    assert!(!a.refresh_requested);
    assert!(a.message.as_deref().unwrap().contains("import-opml"));
    a.feed_count = 3;
    key(&mut a, KeyCode::Char('R'));
    assert!(a.refresh_requested);
    assert_eq!(a.refreshing, Some((0, 3)));
    let screen = draw(&mut a, 120, 30);
    assert!(screen.contains("refreshing 0/3"));
    key(&mut a, KeyCode::Char('R'));
    assert_eq!(a.message.as_deref(), Some("already refreshing"));
}
