//! Glyphs left behind: a terminal redraws only the cells khabar sends, and
//! Arabic letters and their marks (hamza, harakat) draw past their cells,
//! so a row of Arabic that changes is sent whole, with the rows above and
//! below it (`tui::overflow`). The cells sent are those ratatui's diff
//! gives between two frames drawn on a TestBackend.

mod common;

use std::collections::HashSet;

use khabar::config::Config;
use khabar::corpus::seeds::seed_articles;
use khabar::tui::app::{App, UNDATED, store_of};
use khabar::tui::dates::Clock;
use khabar::tui::keymap::KeyMap;
use khabar::tui::library::Library;
use khabar::tui::msg::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn arabic(buf: &Buffer, y: u16) -> bool {
    (0..buf.area.width).any(|x| {
        buf[(x, y)].symbol().chars().any(|c| {
            ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FE70}'..='\u{FEFF}').contains(&c)
        })
    })
}

fn row(buf: &Buffer, y: u16) -> Vec<(String, ratatui::style::Style)> {
    (0..buf.area.width)
        .map(|x| (buf[(x, y)].symbol().to_string(), buf[(x, y)].style()))
        .collect()
}

#[test]
fn a_changed_row_of_arabic_is_sent_whole_with_its_neighbours_and_latin_rows_by_their_diff() {
    let (w, h) = (110u16, 32u16);
    let library = Library::new(store_of(seed_articles()), false);
    let mut app = App::new(library, &Config::default(), KeyMap::default())
        .with_clock(Clock::fixed_utc(UNDATED + 3600));
    app.update(Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut draw = |app: &App| terminal.draw(|f| app.draw(f)).unwrap().buffer.clone();
    let first = draw(&app);
    // every cell of a row of Arabic in the first frame is sent, blank or not
    let sent: HashSet<(u16, u16)> = Buffer::empty(first.area)
        .diff(&first)
        .iter()
        .map(|(x, y, _)| (*x, *y))
        .collect();
    let y = (0..h).find(|&y| arabic(&first, y)).unwrap();
    assert!((0..w).all(|x| sent.contains(&(x, y))));

    // the help over the panes, then Esc: the rows it covered come back
    app.update(Msg::Key(KeyEvent::from(KeyCode::Char('?'))));
    let help = draw(&app);
    app.update(Msg::Key(KeyEvent::from(KeyCode::Esc)));
    let back = draw(&app);
    let sent: HashSet<(u16, u16)> = help.diff(&back).iter().map(|(x, y, _)| (*x, *y)).collect();
    let changed: Vec<u16> = (0..h).filter(|&y| row(&help, y) != row(&back, y)).collect();
    let mut whole = 0;
    for &y in &changed {
        if arabic(&help, y) || arabic(&back, y) {
            for r in y.saturating_sub(1)..(y + 2).min(h) {
                assert!(
                    (0..w).all(|x| sent.contains(&(x, r))),
                    "row {r}, beside changed row {y}, is sent whole"
                );
            }
            whole += 1;
        }
    }
    assert!(whole > 10, "rows of Arabic under the help: {whole}");
    // cells that did not change are among those sent: not only the diff
    let differing = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|&(x, y)| help[(x, y)] != back[(x, y)])
        .count();
    assert!(sent.len() > differing);

    // a Latin row that changes alone is sent as its diff: the status line
    // when a message comes (the rows above it are borders). (The frame
    // after one that sent rows whole sends them again: ratatui compares
    // the cells' diff options too.)
    app.update(Msg::Tick);
    let again = draw(&app);
    app.update(Msg::Note("hello".into()));
    let noted = draw(&app);
    let sent: Vec<(u16, u16)> = again
        .diff(&noted)
        .iter()
        .map(|(x, y, _)| (*x, *y))
        .collect();
    assert!(!sent.is_empty() && sent.iter().all(|&(_, y)| y == h - 1));
    assert!(sent.len() < w as usize, "{} cells", sent.len());
}
