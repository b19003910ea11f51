//! Fast bidi class lookup: a table for the Basic Multilingual Plane, built
//! once, in front of unicode-bidi's binary search. Every character of every
//! paragraph is looked up, so this is the engine's hottest table.

use std::sync::OnceLock;

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData, bidi_class};

static BMP: OnceLock<Box<[BidiClass]>> = OnceLock::new();

fn bmp() -> &'static [BidiClass] {
    BMP.get_or_init(|| {
        (0u32..0x10000)
            .map(|u| char::from_u32(u).map_or(BidiClass::L, bidi_class))
            .collect::<Vec<_>>()
            .into_boxed_slice()
    })
}

/// The bidi class of `c` (UAX #9, the Unicode version of unicode-bidi).
#[inline]
pub fn class(c: char) -> BidiClass {
    let u = c as usize;
    if u < 0x10000 { bmp()[u] } else { bidi_class(c) }
}

/// A [`BidiDataSource`] backed by [`class`].
pub struct FastBidiData;

impl BidiDataSource for FastBidiData {
    #[inline]
    fn bidi_class(&self, c: char) -> BidiClass {
        class(c)
    }

    fn bidi_matched_opening_bracket(
        &self,
        c: char,
    ) -> Option<unicode_bidi::data_source::BidiMatchedOpeningBracket> {
        HardcodedBidiData.bidi_matched_opening_bracket(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_agrees_with_unicode_bidi() {
        for u in (0u32..0x11000).step_by(7) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(class(c), bidi_class(c), "U+{u:04X}");
            }
        }
    }
}
