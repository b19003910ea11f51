//! `--bidi terminal` in mlterm (which reorders and shapes text itself, a
//! segment between its separators at a time): the frame khabar sends it,
//! drawn with a TestBackend as the real terminal would receive it.

use khabar::config::{BidiMode, Config};
use khabar::corpus::seeds::seed_articles;
use khabar::tui::app::{App, UNDATED, store_of};
use khabar::tui::dates::Clock;
use khabar::tui::keymap::KeyMap;
use khabar::tui::library::Library;
use khabar::tui::msg::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::CellDiffOption;

fn frame(mlterm: bool) -> ratatui::buffer::Buffer {
    let config = Config {
        bidi: BidiMode::Terminal,
        ..Config::default()
    };
    let library = Library::new(store_of(seed_articles()), false);
    let mut a = App::new(library, &config, KeyMap::default())
        .with_clock(Clock::fixed_utc(UNDATED + 3600))
        .for_mlterm(mlterm);
    a.update(Msg::Resize(120, 36));
    let mut t = Terminal::new(TestBackend::new(120, 36)).unwrap();
    t.draw(|f| a.draw(f)).unwrap();
    t.backend().buffer().clone()
}

fn rows(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn mlterm_gets_ascii_separators_shaped_arabic_and_right_to_left_padding_after() {
    let buf = frame(true);
    let screen = rows(&buf);
    let all = screen.join("\n");
    // no box drawing: every border is a separator mlterm knows
    assert!(
        !all.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c)),
        "{all}"
    );
    // Arabic in its presentation forms, no bare lam before an alef
    assert!(all.chars().any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)));
    assert!(!all.contains("\u{0644}\u{0627}"), "{all}");
    // every segment that mlterm lays out right to left: text first, then
    // its padding as no-break spaces
    let mut checked = 0;
    for row in &screen {
        for segment in row.split(['|', '+']) {
            let first_strong = segment.chars().find(|c| c.is_alphabetic());
            let arabic = first_strong.is_some_and(|c| {
                ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FE70}'..='\u{FEFF}').contains(&c)
            });
            if arabic && segment.ends_with('\u{A0}') {
                assert!(
                    !segment.starts_with(' ') && !segment.starts_with('\u{A0}'),
                    "{segment:?}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "right-to-left segments: {checked}");
    // every cell is sent on every frame
    assert!((0..120).all(|x| buf[(x, 5)].diff_option == CellDiffOption::AlwaysUpdate));
}

#[test]
fn other_terminals_doing_bidi_get_the_logical_text_as_before() {
    let all = rows(&frame(false)).join("\n");
    assert!(
        all.contains('│') && all.contains("الولايات المتحدة"),
        "{all}"
    );
}
