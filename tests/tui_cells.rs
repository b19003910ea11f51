//! The reading pane's cells in a ratatui TestBackend: each haraka in its
//! base letter's cell, highlights on the exact cells of a logical range.

use khabar::corpus::Article;
use khabar::text::layout_blocks;
use khabar::tui::reader::{ArticleView, Highlight};
use khabar::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

const VOWELLED: &str =
    "بِسْمِ ٱللَّهِ\nمُحَمَّدٌ رَسُولُ ٱللَّهِ وَٱلَّذِينَ مَعَهُۥٓ أَشِدَّآءُ عَلَى ٱلْكُفَّارِ رُحَمَآءُ بَيْنَهُمْ، لَا لِلظُّلْمِ.";

fn is_mark(c: char) -> bool {
    unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM
}

/// The reading pane with `layout` from the top, drawn at `w` x `h`.
fn draw(layout: &khabar::text::Layout, highlights: &[Highlight], w: u16, h: u16) -> Buffer {
    let theme = Theme::dark();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let lines: Vec<_> = layout.lines.iter().collect();
    terminal
        .draw(|f| {
            f.render_widget(
                ArticleView {
                    lines: &lines,
                    theme: &theme,
                    highlights,
                },
                f.area(),
            )
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn each_haraka_is_in_its_base_letter_cell() {
    let article = Article::from_plain_text("t", VOWELLED);
    let layout = layout_blocks(&article.blocks(None), 30);
    let buf = draw(&layout, &[], 30, 12);
    let mut marks_on_screen = 0;
    for cell in buf.content() {
        let sym = cell.symbol();
        let mut chars = sym.chars();
        if let Some(first) = chars.next() {
            assert!(!is_mark(first), "a haraka alone in a cell: {sym:?}");
            marks_on_screen += chars.filter(|&c| is_mark(c)).count();
        }
    }
    let marks_in_text = VOWELLED.chars().filter(|&c| is_mark(c)).count();
    assert_eq!(
        marks_on_screen, marks_in_text,
        "every haraka is drawn, on a letter"
    );
}

#[test]
fn a_highlight_covers_exactly_the_cells_of_its_range() {
    let article = Article::from_plain_text("t", "عنوان\nقال أوباما إن الاتفاق مع Cameron ممكن.");
    let layout = layout_blocks(&article.blocks(None), 40);
    let word = "الاتفاق";
    let start = article.text.find(word).unwrap();
    let theme = Theme::dark();
    let hl = [Highlight {
        range: start..start + word.len(),
        style: theme.highlight,
    }];
    let buf = draw(&layout, &hl, 40, 6);
    let highlighted: Vec<(u16, u16, String)> = buf
        .content()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.bg == Color::Yellow)
        .map(|(i, c)| ((i % 40) as u16, (i / 40) as u16, c.symbol().to_string()))
        .collect();
    // the word's 7 letters are shaped into 6 cells (لا is one ligature),
    // which read, left to right, as the shaped word reversed
    let expected: String = khabar::text::shape::shape_str(word).chars().rev().collect();
    assert_eq!(expected.chars().count(), 6);
    let shown: String = highlighted.iter().map(|h| h.2.as_str()).collect();
    assert_eq!(shown, expected, "{highlighted:?}");
    // on one row, contiguous, and nothing else highlighted
    let row = highlighted[0].1;
    assert!(highlighted.iter().all(|h| h.1 == row));
    let xs: Vec<u16> = highlighted.iter().map(|h| h.0).collect();
    assert_eq!(xs, (xs[0]..xs[0] + 6).collect::<Vec<_>>());
}
