//! The Unicode bidi conformance suite (BidiCharacterTest.txt, Debian's
//! `unicode-data`): the visual order the engine produces must match for every
//! test line without combining marks.

mod common;

use khabar::text::{Direction, Paragraph};
use unicode_bidi::{BidiClass, bidi_class};

const SUITE: &str = "/usr/share/unicode/BidiCharacterTest.txt";

fn removed_by_x9(c: char) -> bool {
    matches!(
        bidi_class(c),
        BidiClass::RLE
            | BidiClass::LRE
            | BidiClass::RLO
            | BidiClass::LRO
            | BidiClass::PDF
            | BidiClass::BN
    )
}

#[test]
fn bidi_character_test_visual_order() {
    assert!(
        std::path::Path::new(SUITE).exists(),
        "{SUITE} is missing: install the Debian package `unicode-data` (scripts/test.sh does)"
    );
    let data = std::fs::read_to_string(SUITE).unwrap();
    let (mut total, mut passed, mut with_marks) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        let chars: Vec<char> = fields[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        if chars.iter().any(|&c| bidi_class(c) == BidiClass::NSM) {
            with_marks += 1;
            continue;
        }
        total += 1;
        let direction = match fields[1] {
            "0" => Some(Direction::Ltr),
            "1" => Some(Direction::Rtl),
            _ => None,
        };
        let expected: Vec<usize> = fields[4]
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        let text: String = chars.iter().collect();
        // byte offset -> char index
        let char_at: std::collections::HashMap<usize, usize> = text
            .char_indices()
            .enumerate()
            .map(|(ci, (b, _))| (b, ci))
            .collect();
        let para = Paragraph::new(&text, direction);
        let mut got = Vec::new();
        for (cluster, _) in para.visual_order(0..para.len()) {
            let src = para.cluster_src(cluster);
            for (b, c) in text[src.clone()].char_indices() {
                if !removed_by_x9(c) {
                    got.push(char_at[&(src.start + b)]);
                }
            }
        }
        if got == expected {
            passed += 1;
        } else if failures.len() < 10 {
            failures.push(format!("{line}\n  got: {got:?}"));
        }
    }
    println!(
        "BidiCharacterTest.txt: {passed}/{total} lines without combining marks pass ({with_marks} lines with marks not counted)"
    );
    assert!(total > 90_000);
    assert_eq!(passed, total, "failures:\n{}", failures.join("\n"));
}
