//! Arabic shaping in logical order: each letter becomes its isolated, initial,
//! medial or final presentation form according to its joining type and its
//! neighbours; lam followed by alef becomes one ligature.
//!
//! Marks (harakat, U+0670) are transparent: they are kept, and skipped when a
//! letter looks for its neighbours. Tatweel and ZWJ cause joining, ZWNJ stops it.
//! Two letters join only when they have the same bidi level, as in FriBidi.

use unicode_joining_type::{JoiningType, get_joining_type};

use super::forms_table::FORMS;

const LAM: char = '\u{0644}';

/// [`FORMS`] indexed directly for U+0620..U+06FF, where nearly every lookup falls.
static ARABIC_BLOCK: std::sync::OnceLock<[[u32; 4]; 0xE0]> = std::sync::OnceLock::new();

/// The four positional forms, in the order of [`FORMS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Isolated = 0,
    Final = 1,
    Initial = 2,
    Medial = 3,
}

/// Joining types of U+0600..U+08FF, looked up once.
static ARABIC_JOINING: std::sync::OnceLock<Vec<JoiningType>> = std::sync::OnceLock::new();

fn arabic_joining() -> &'static [JoiningType] {
    ARABIC_JOINING.get_or_init(|| {
        (0x0600u32..0x0900)
            .map(|u| char::from_u32(u).map_or(JoiningType::NonJoining, get_joining_type))
            .collect()
    })
}

#[inline]
fn joining_type(c: char, arabic: &[JoiningType]) -> JoiningType {
    let u = c as u32;
    if u < 0x80 {
        JoiningType::NonJoining
    } else if (0x0600..0x0900).contains(&u) {
        arabic[(u - 0x0600) as usize]
    } else {
        get_joining_type(c)
    }
}

fn arabic_block() -> &'static [[u32; 4]; 0xE0] {
    ARABIC_BLOCK.get_or_init(|| {
        let mut t = [[0u32; 4]; 0xE0];
        for (base, f) in FORMS {
            if (0x0620..0x0700).contains(base) {
                t[(*base - 0x0620) as usize] = *f;
            }
        }
        t
    })
}

#[inline]
fn form_in(c: char, form: Form, block: &[[u32; 4]; 0xE0]) -> Option<char> {
    let u = c as u32;
    let forms = if (0x0620..0x0700).contains(&u) {
        block[(u - 0x0620) as usize]
    } else {
        FORMS[FORMS.binary_search_by_key(&u, |e| e.0).ok()?].1
    };
    let f = forms[form as usize];
    if f == 0 { None } else { char::from_u32(f) }
}

/// The lam-alef ligature for `alef` (one of آ أ إ ا), isolated or final.
fn lam_alef(alef: char, joins_prev: bool) -> Option<char> {
    let isolated = match alef {
        '\u{0622}' => 0xFEF5,
        '\u{0623}' => 0xFEF7,
        '\u{0625}' => 0xFEF9,
        '\u{0627}' => 0xFEFB,
        _ => return None,
    };
    char::from_u32(if joins_prev { isolated + 1 } else { isolated })
}

/// Shape `chars` (logical order); `levels[i]` is the bidi level of `chars[i]`.
///
/// Returns one entry per input character: the character to draw, or `None`
/// for an alef absorbed into the lam-alef ligature drawn for the lam before it.
pub fn shape(chars: &[char], levels: &[u8]) -> Vec<Option<char>> {
    use JoiningType::*;
    debug_assert_eq!(chars.len(), levels.len());
    let n = chars.len();
    let mut out: Vec<Option<char>> = chars.iter().map(|&c| Some(c)).collect();
    // One pass: a letter's form is settled when the next non-transparent
    // character is seen, since only then is it known whether they join.
    // `last` is the previous non-transparent character: its index, joining
    // type, and whether it joins the one before it.
    let mut last: Option<(usize, JoiningType, bool)> = None;
    let mut absorbed: Option<usize> = None;
    let (joining, block) = (arabic_joining(), arabic_block());
    for k in 0..=n {
        let tk = if k < n {
            joining_type(chars[k], joining)
        } else {
            NonJoining
        };
        if tk == Transparent {
            continue;
        }
        let mut link = false;
        if let Some((j, tj, joins_prev)) = last {
            link = k < n
                && levels[j] == levels[k]
                && matches!(tj, DualJoining | LeftJoining | JoinCausing)
                && matches!(tk, DualJoining | RightJoining | JoinCausing);
            if absorbed != Some(j) && matches!(tj, DualJoining | RightJoining | LeftJoining) {
                let c = chars[j];
                if c == LAM
                    && j + 1 < n
                    && levels[j] % 2 == 1
                    && levels[j + 1] == levels[j]
                    && let Some(lig) = lam_alef(chars[j + 1], joins_prev)
                {
                    out[j] = Some(lig);
                    out[j + 1] = None;
                    absorbed = Some(j + 1);
                } else {
                    let form = match (joins_prev, link) {
                        (true, true) => Form::Medial,
                        (true, false) => Form::Final,
                        (false, true) => Form::Initial,
                        (false, false) => Form::Isolated,
                    };
                    if let Some(f) = form_in(c, form, block) {
                        out[j] = Some(f);
                    }
                }
            }
        }
        if k < n {
            last = Some((k, tk, link));
        }
    }
    out
}

/// Shape a right-to-left string on its own (all letters at one level).
/// Convenient for tests and for short labels.
pub fn shape_str(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let levels = vec![1u8; chars.len()];
    shape(&chars, &levels).into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn positional_forms() {
        // ب alone, then بب, then ببب
        assert_eq!(hex(&shape_str("ب")), [0xFE8F]);
        assert_eq!(hex(&shape_str("بب")), [0xFE91, 0xFE90]);
        assert_eq!(hex(&shape_str("ببب")), [0xFE91, 0xFE92, 0xFE90]);
    }

    #[test]
    fn right_joining_letter_breaks_the_word() {
        // د joins only to the preceding letter: بدب = initial, final, isolated
        assert_eq!(hex(&shape_str("بدب")), [0xFE91, 0xFEAA, 0xFE8F]);
    }

    #[test]
    fn all_four_lam_alef_ligatures() {
        assert_eq!(hex(&shape_str("لا")), [0xFEFB]);
        assert_eq!(hex(&shape_str("لأ")), [0xFEF7]);
        assert_eq!(hex(&shape_str("لإ")), [0xFEF9]);
        assert_eq!(hex(&shape_str("لآ")), [0xFEF5]);
        // joined to a preceding letter: the final form of the ligature
        assert_eq!(hex(&shape_str("بلا")), [0xFE91, 0xFEFC]);
    }

    #[test]
    fn harakat_are_kept_and_transparent() {
        // بَب: the fatha stays, and the two letters still join across it
        assert_eq!(hex(&shape_str("بَب")), [0xFE91, 0x064E, 0xFE90]);
        // a leading haraka does not panic and stays
        assert_eq!(hex(&shape_str("َب")), [0x064E, 0xFE8F]);
        // superscript alef U+0670 kept (ذ does not join the alef after it)
        assert_eq!(hex(&shape_str("هٰذا")), [0xFEEB, 0x0670, 0xFEAC, 0xFE8D]);
    }

    #[test]
    fn tatweel_joins_and_zwnj_stops() {
        assert_eq!(hex(&shape_str("بـب")), [0xFE91, 0x0640, 0xFE90]);
        assert_eq!(hex(&shape_str("ب\u{200C}ب")), [0xFE8F, 0x200C, 0xFE8F]);
        assert_eq!(hex(&shape_str("ب\u{200D}")), [0xFE91, 0x200D]);
    }

    #[test]
    fn persian_letters_and_alef_wasla() {
        assert_eq!(hex(&shape_str("پچژگکی")).len(), 6);
        assert_eq!(hex(&shape_str("پ")), [0xFB56]);
        assert_eq!(hex(&shape_str("گی")), [0xFB94, 0xFBFD]);
        assert_eq!(hex(&shape_str("بٱ")), [0xFE91, 0xFB51]);
    }

    #[test]
    fn no_allah_ligature() {
        let s = shape_str("الله");
        assert!(!s.contains('\u{FDF2}'));
        // ا ل ل ه: four letters, lam-lam is not a ligature
        assert_eq!(hex(&s), [0xFE8D, 0xFEDF, 0xFEE0, 0xFEEA]);
    }

    #[test]
    fn letters_at_different_levels_do_not_join() {
        let chars: Vec<char> = "بب".chars().collect();
        let out = shape(&chars, &[1, 3]);
        assert_eq!(out, vec![Some('\u{FE8F}'), Some('\u{FE8F}')]);
    }
}
