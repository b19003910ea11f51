//! Grapheme cluster boundaries (UAX #29), with a fast path for the pairs of
//! characters that fill Arabic and Latin news text, and unicode-segmentation
//! for everything else.

use unicode_segmentation::GraphemeCursor;

/// Characters that never take part in a grapheme rule other than GB999
/// (neither controls, extenders, spacing marks, prepends, Hangul, regional
/// indicators nor pictographs).
#[inline]
fn plain(u: u32) -> bool {
    matches!(u,
        0x061D..=0x064A
        | 0x20..=0x7E
        | 0xA0..=0xAC
        | 0xAE..=0x2FF
        | 0x0606..=0x060F
        | 0x061B
        | 0x0660..=0x066F
        | 0x0671..=0x06D5
        | 0x06DE
        | 0x06E5
        | 0x06E6
        | 0x06E9
        | 0x06EE..=0x06FF
        | 0xFB50..=0xFDFF
        | 0xFE70..=0xFEFE)
}

/// Combining marks (grapheme Extend) of the Latin and Arabic blocks.
#[inline]
fn mark(u: u32) -> bool {
    matches!(u,
        0x0300..=0x036F
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7
        | 0x06E8
        | 0x06EA..=0x06ED)
}

/// Finds grapheme boundaries in one text, position by position.
pub(super) struct Boundaries<'a> {
    text: &'a str,
    cursor: GraphemeCursor,
}

impl<'a> Boundaries<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Boundaries {
            text,
            cursor: GraphemeCursor::new(0, text.len(), true),
        }
    }

    /// Is there a boundary before the character `c` at byte `offset`, whose
    /// previous character is `prev`?
    #[inline]
    pub(super) fn before(&mut self, prev: Option<char>, c: char, offset: usize) -> bool {
        let Some(p) = prev else { return true };
        let (pu, cu) = (p as u32, c as u32);
        if plain(pu) {
            if plain(cu) {
                return true;
            }
            if mark(cu) {
                return false;
            }
        }
        self.cursor.set_cursor(offset);
        self.cursor.is_boundary(self.text, 0).unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn fast_path_agrees_with_unicode_segmentation() {
        let mut sample = String::new();
        for u in (0x20u32..0x800)
            .chain(0xFB50..0xFF00)
            .chain([0x1F600, 0x200D, 0x1F1E6, 0x1F1E9, 0xAC00, 0x0D, 0x0A])
        {
            if let Some(c) = char::from_u32(u) {
                sample.push(c);
                sample.push('ب');
                sample.push(c);
                sample.push('a');
                sample.push('\u{064E}');
            }
        }
        let expected: Vec<usize> = sample.grapheme_indices(true).map(|(i, _)| i).collect();
        let mut b = Boundaries::new(&sample);
        let mut prev = None;
        let mut got = Vec::new();
        for (i, c) in sample.char_indices() {
            if b.before(prev, c, i) {
                got.push(i);
            }
            prev = Some(c);
        }
        assert_eq!(got, expected);
    }
}
