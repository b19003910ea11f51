//! Property tests on random mixed-script text.

use proptest::prelude::*;

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

    /// The fuzz target's invariants (khabar::fuzzing::layout), on text
    /// drawn from the pool: lines fit, no control is drawn, no cell twice,
    /// every visible character once, in both orders.
    #[test]
    fn lines_fit_and_every_character_is_drawn_once(s in mixed(), width in 1u16..200) {
        let mut data = width.to_le_bytes().to_vec();
        data.extend_from_slice(s.as_bytes());
        khabar::fuzzing::layout(&data);
    }

    /// khabar::fuzzing::bidi: the engine's levels are unicode-bidi's.
    #[test]
    fn fast_bidi_path_agrees_with_unicode_bidi(s in text(POOL, 200), dir in 0u8..3) {
        let mut data = vec![dir];
        data.extend_from_slice(s.as_bytes());
        khabar::fuzzing::bidi(&data);
    }
}
