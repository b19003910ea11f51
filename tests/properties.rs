//! Property tests on random mixed-script text.

use khabar::text::{Block, BlockKind, Direction, bidi_levels, layout_block, safety};
use proptest::prelude::*;
use unicode_bidi::{BidiClass, ParagraphBidiInfo, bidi_class};
use unicode_width::UnicodeWidthStr;

/// Arabic (letters, lam-alef, harakat, tatweel, digits), Persian, Hebrew,
/// Latin, European digits, punctuation and brackets, spaces, wide CJK,
/// emoji, joiners.
const POOL: &[char] = &[
    'ا', 'ب', 'ت', 'ل', 'ل', 'ا', 'أ', 'إ', 'آ', 'ة', 'ى', 'ي', 'و', 'د', 'ع', 'ه', 'ء', 'ٱ', 'پ',
    'چ', 'گ', 'ی', '\u{064E}', '\u{064B}', '\u{0651}', '\u{0670}', 'ـ', '٠', '١', '٢', '۴', 'א',
    'ב', 'ש', 'a', 'b', 'Z', 'x', '0', '1', '9', ' ', ' ', ' ', ' ', '.', ',', '%', '-', '+', '/',
    ':', '(', ')', '[', ']', '{', '}', '«', '»', '"', '\'', '!', '؟', '،', '$', '€', '中', '文',
    '😀', '\u{200C}', '\u{200D}', '\u{00A0}', '\t',
];

/// Controls that must never break anything.
const CONTROLS: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{1b}', '\0', '\n', '\u{2029}',
];

fn text(pool: &'static [char], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pool), 0..max).prop_map(|v| v.into_iter().collect())
}

fn mixed() -> impl Strategy<Value = String> {
    let all: &'static [char] = Box::leak([POOL, CONTROLS].concat().into_boxed_slice());
    prop_oneof![text(POOL, 300), text(all, 120)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn lines_fit_and_every_character_is_drawn_once(s in mixed(), width in 1u16..200) {
        let block = Block { text: &s, offset: 0, kind: BlockKind::Paragraph };
        let mut lines = Vec::new();
        layout_block(&block, 0, width, &mut |l| lines.push(l));
        let mut drawn = vec![0u32; s.len()];
        for l in &lines {
            let shown = l.padded();
            prop_assert!(shown.width() <= width as usize, "line wider than {}: {:?}", width, shown);
            prop_assert_eq!(l.text.width(), l.width as usize);
            for c in shown.chars() {
                prop_assert!(!c.is_control(), "raw control {:?} reaches the terminal", c);
            }
            for seg in &l.segments {
                for (i, _) in s[seg.src.clone()].char_indices() {
                    drawn[seg.src.start + i] += 1;
                }
            }
        }
        for (i, c) in s.char_indices() {
            let invisible = c.is_whitespace() || safety::is_hidden(c);
            if !invisible {
                prop_assert_eq!(drawn[i], 1, "{:?} at byte {} drawn {} times in {:?}", c, i, drawn[i], s);
            }
        }
    }

    #[test]
    fn fast_bidi_path_agrees_with_unicode_bidi(s in text(POOL, 200), dir in prop_oneof![Just(None), Just(Some(Direction::Ltr)), Just(Some(Direction::Rtl))]) {
        let (base, mine) = bidi_levels(&s, dir);
        let level = dir.map(|d| if d == Direction::Rtl { unicode_bidi::Level::rtl() } else { unicode_bidi::Level::ltr() });
        let info = ParagraphBidiInfo::new(&s, level);
        prop_assert_eq!(base, info.paragraph_level.number());
        for ((i, c), mine) in s.char_indices().zip(mine) {
            if bidi_class(c) != BidiClass::BN {
                prop_assert_eq!(mine, info.levels[i].number(), "level of {:?} at {} in {:?}", c, i, s);
            }
        }
    }
}
