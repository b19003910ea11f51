//! The text engine against GNU FriBidi, computed at test time.

mod common;

use std::collections::HashMap;

use khabar::text::{Block, BlockKind, Direction, Paragraph, layout_block};
use unicode_width::UnicodeWidthStr;

fn visual(p: &str) -> String {
    let para = Paragraph::new(p, None);
    para.visual_line(0..para.len()).text
}

fn check_unwrapped(paragraphs: &[String]) -> (usize, Vec<String>) {
    let reference = common::fribidi_lines(paragraphs);
    let mut failures = Vec::new();
    for (p, r) in paragraphs.iter().zip(&reference) {
        let mine = visual(p);
        if mine != *r {
            failures.push(format!("input:   {p}\nkhabar:  {mine}\nfribidi: {r}\n"));
        }
    }
    (paragraphs.len() - failures.len(), failures)
}

#[test]
fn seed_paragraphs_equal_fribidi() {
    let paragraphs = common::seed_paragraphs();
    assert!(paragraphs.len() >= 30);
    let (passed, failures) = check_unwrapped(&paragraphs);
    println!(
        "seeds: {passed}/{} paragraphs equal to fribidi",
        paragraphs.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tricky_paragraphs_equal_fribidi() {
    let paragraphs = common::tricky_paragraphs();
    assert!(paragraphs.len() >= 40);
    let (passed, failures) = check_unwrapped(&paragraphs);
    println!(
        "tricky: {passed}/{} paragraphs equal to fribidi",
        paragraphs.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Visual words: maximal runs of letters, marks and digits. Punctuation
/// next to a direction change legitimately moves to another word when a line
/// breaks inside the run, and lines may break after hyphens, slashes or '?'.
fn tokens(s: &str) -> Vec<String> {
    let mut t: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    t.sort();
    t
}

fn char_counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

#[test]
fn wrapped_lines_keep_every_token_fit_and_align() {
    let mut paragraphs = common::seed_paragraphs();
    paragraphs.extend(common::tricky_paragraphs());
    // the direction the reader lays a paragraph out in (its words'), and
    // fribidi given the same base direction
    let directions: Vec<Direction> = paragraphs
        .iter()
        .map(|p| {
            Block::new(p, 0, BlockKind::Paragraph)
                .resolved_direction()
                .unwrap_or(Direction::Ltr)
        })
        .collect();
    let reference: Vec<String> = paragraphs
        .iter()
        .zip(&directions)
        .map(|(p, d)| {
            let base = if *d == Direction::Rtl {
                "--rtl"
            } else {
                "--ltr"
            };
            common::fribidi_lines_as(std::slice::from_ref(p), &[base]).remove(0)
        })
        .collect();
    for width in [23u16, 40] {
        for ((p, r), d) in paragraphs.iter().zip(&reference).zip(&directions) {
            let block = Block::new(p, 0, BlockKind::Paragraph);
            let mut lines = Vec::new();
            layout_block(&block, 0, width, &mut |l| lines.push(l));
            let rtl = *d == Direction::Rtl;
            let mut all = String::new();
            for l in &lines {
                let shown = l.padded();
                assert!(
                    shown.width() <= width as usize,
                    "line wider than {width}: {shown:?}"
                );
                assert_eq!(l.text.width(), l.width as usize);
                if rtl {
                    assert_eq!(
                        shown.width(),
                        width as usize,
                        "right-to-left line not right-aligned: {shown:?}"
                    );
                    assert!(!l.text.starts_with(' ') && !shown.ends_with(' '));
                }
                all.push_str(&l.text);
                all.push(' ');
            }
            assert_eq!(
                char_counts(&all),
                char_counts(r),
                "characters lost or added at width {width}: {p}"
            );
            if r.split_whitespace().all(|t| t.width() <= width as usize) {
                assert_eq!(
                    tokens(&all),
                    tokens(r),
                    "visual tokens differ at width {width}:\n{p}\n{all}\n{r}"
                );
            }
        }
    }
}
