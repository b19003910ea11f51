//! Arabic-aware folding, shared by search and facts: hamza forms of alef
//! (أ إ آ ٱ) to ا, ى and Persian ی to ي, ة to ه, harakat (U+064B..U+065F,
//! U+0670) and tatweel dropped, Arabic-Indic and Persian digits to ASCII,
//! Latin lower-cased. Every folded byte maps back to the original bytes.

use std::ops::Range;

/// What one character folds to: nothing, or one character.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    let u = c as u32;
    if u < 0x80 {
        return Some(c.to_ascii_lowercase());
    }
    match u {
        0x064B..=0x065F | 0x0670 | 0x0640 => None,
        0x0622 | 0x0623 | 0x0625 | 0x0671 => Some('ا'),
        0x0649 | 0x06CC => Some('ي'),
        0x0629 => Some('ه'),
        0x0660..=0x0669 => char::from_u32(u - 0x0660 + '0' as u32),
        0x06F0..=0x06F9 => char::from_u32(u - 0x06F0 + '0' as u32),
        0x0600..=0x06FF => Some(c),
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Some(l),
                _ => Some(c),
            }
        }
    }
}

/// Fold a string (no map). Fast on ASCII and the Arabic block, which make
/// nearly all of the text it sees.
pub fn fold(s: &str) -> String {
    let bytes = fold_bytes(s);
    debug_assert!(std::str::from_utf8(&bytes).is_ok());
    // SAFETY: fold_bytes writes whole characters only, each valid UTF-8:
    // ASCII, the encoding of a char, or (for the two bytes of a character
    // of U+0600..U+06FF in `s`, which is UTF-8) a table entry made by
    // encoding a char. (Checking them again was 4% of the extractor's work.)
    unsafe { String::from_utf8_unchecked(bytes) }
}

/// [`fold`] as UTF-8 bytes, without checking them again: what search scans.
pub fn fold_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let table = arabic_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            out.push(b.to_ascii_lowercase());
            i += 1;
        } else if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
            // U+0600..U+06FF: two bytes in, zero to two bytes out
            let k = ((((b & 0x03) as usize) << 6) | (bytes[i + 1] & 0x3F) as usize) & 0xFF;
            let [n, b0, b1] = table[k];
            match n {
                1 => out.push(b0),
                2 => out.extend_from_slice(&[b0, b1]),
                _ => {}
            }
            i += 2;
        } else {
            let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
            if let Some(f) = fold_char(c) {
                let mut buf = [0u8; 4];
                out.extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
            }
            i += c.len_utf8();
        }
    }
    out
}

/// For U+0600..U+06FF: how many bytes the folded character takes (0, 1 or
/// 2) and those bytes.
fn arabic_bytes() -> &'static [[u8; 3]; 256] {
    static TABLE: std::sync::OnceLock<[[u8; 3]; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [[0u8; 3]; 256];
        for (k, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(0x0600 + k as u32).and_then(fold_char) {
                let mut buf = [0u8; 4];
                let e = c.encode_utf8(&mut buf).as_bytes();
                *slot = [e.len() as u8, e[0], e.get(1).copied().unwrap_or(0)];
            }
        }
        t
    })
}

/// Folded text with, for each folded byte, the start of the original
/// character it came from.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]`: byte offset in the original text of the character that
    /// produced folded byte `i`; one extra entry holds the original length.
    origin: Vec<u32>,
    original_len: usize,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            if let Some(f) = fold_char(c) {
                let before = text.len();
                text.push(f);
                origin.extend(std::iter::repeat_n(i as u32, text.len() - before));
            }
        }
        origin.push(original.len() as u32);
        Folded {
            text,
            origin,
            original_len: original.len(),
        }
    }

    /// The original byte range of a folded range: from the character that
    /// produced its first byte to the end of the character that produced its
    /// last, marks and tatweel after it included.
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let start = self.origin[folded.start] as usize;
        let end = if folded.end >= self.text.len() {
            self.original_len
        } else {
            self.origin[folded.end] as usize
        };
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule() {
        assert_eq!(fold("أإآٱا"), "ااااا");
        assert_eq!(fold("على یی"), "علي يي");
        assert_eq!(fold("مدرسة"), "مدرسه");
        assert_eq!(fold("مُحَمَّدٌ"), "محمد");
        assert_eq!(fold("كـــبير"), "كبير");
        assert_eq!(fold("٢٠٢٢ ۱۲"), "2022 12");
        assert_eq!(fold("NATO Ünïon"), "nato ünïon");
        assert_eq!(fold("هٰذا"), "هذا");
    }

    #[test]
    fn the_fast_fold_equals_folding_char_by_char() {
        let mut sample = String::new();
        for u in (0x20u32..0x800)
            .chain(0xFB50..0xFF00)
            .chain([0x1F600, 0x0130, 0x1E9E])
        {
            if let Some(c) = char::from_u32(u) {
                sample.push(c);
                sample.push('ب');
            }
        }
        let slow: String = sample.chars().filter_map(fold_char).collect();
        // fold takes fold_bytes' bytes as UTF-8 without checking them
        assert_eq!(std::str::from_utf8(&fold_bytes(&sample)), Ok(slow.as_str()));
        assert_eq!(fold(&sample), slow);
    }

    #[test]
    fn ranges_map_back_over_harakat_ligature_letters_and_digits() {
        let original = "قَالَ: لا ١٢ الأمنُ";
        let f = Folded::new(original);
        assert_eq!(f.text, "قال: لا 12 الامن");
        let find = |needle: &str| {
            let i = f.text.find(needle).unwrap();
            &original[f.original_range(i..i + needle.len())]
        };
        assert_eq!(find("قال"), "قَالَ");
        assert_eq!(find("لا"), "لا");
        assert_eq!(find("12"), "١٢");
        assert_eq!(find("الامن"), "الأمنُ");
    }
}
