//! Folded text in a compact code for scanning: one byte for ASCII and for
//! the Arabic letters and marks of punctuation news is written with, seven
//! bytes for any other character. Arabic takes half the bytes it takes in
//! UTF-8, so a scan of a whole corpus reads half as much.
//!
//! The code keeps matching exact: ASCII is itself (0x00-0x7F), the common
//! characters are 0x80-0xEF, and every other character is `0xF0` followed
//! by six digits in 0xF1-0xFF. A needle starts with a whole character's
//! code, so it can never match from inside another character's code, and
//! a match in coded text is a match in the folded text, and back.

use super::matcher::{Query, needle_of};
use super::needle::Needle;

/// The characters of one byte beyond ASCII, in code order from 0x80.
const COMMON: &[char] = &[
    // hamza and the letters, U+0621..U+064A
    'ء', 'آ', 'أ', 'ؤ', 'إ', 'ئ', 'ا', 'ب', 'ة', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س',
    'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ؽ', 'ؾ', 'ؿ', 'ـ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و',
    'ى', 'ي', // punctuation
    '،', '؛', '؟', '٪', '٫', '٬', '۔', '«', '»', '…', '–', '—', '‘', '’', '“', '”', '•', '·',
    // Persian, Urdu and Maghrebi letters
    'پ', 'چ', 'ژ', 'ڤ', 'ڨ', 'ک', 'گ', 'ڭ', 'ھ', 'ہ', 'ۃ', 'ی', 'ے', 'ۓ', 'ں', 'ٹ', 'ڈ', 'ڑ', 'ٱ',
    'ٹ', 'ﻻ', 'é', 'è', 'à', 'ç', 'ü', 'ö', 'ä', 'ñ', '€', '£', '°', '×',
];

/// Byte that starts a seven-byte code.
const ESCAPE: u8 = 0xF0;
/// Digits of an escaped code point: 0xF1..=0xFF (base 15).
const DIGIT0: u8 = 0xF1;

fn table() -> &'static std::collections::HashMap<char, u8> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, u8>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = std::collections::HashMap::new();
        for (i, &c) in COMMON.iter().enumerate() {
            // a character listed twice keeps its first code
            t.entry(c).or_insert(0x80 + i as u8);
        }
        t
    })
}

/// The Arabic block's one-byte codes, for the fast path.
fn arabic() -> &'static [u8; 256] {
    static ARABIC: std::sync::OnceLock<[u8; 256]> = std::sync::OnceLock::new();
    ARABIC.get_or_init(|| {
        let mut a = [0u8; 256];
        for (k, slot) in a.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(0x0600 + k as u32) {
                *slot = table().get(&c).copied().unwrap_or(0);
            }
        }
        a
    })
}

/// Append the code of one character.
#[inline]
fn push_char(c: char, out: &mut Vec<u8>) {
    let u = c as u32;
    if u < 0x80 {
        out.push(u as u8);
        return;
    }
    if (0x0600..0x0700).contains(&u) {
        let b = arabic()[(u - 0x0600) as usize];
        if b != 0 {
            out.push(b);
            return;
        }
    } else if let Some(&b) = table().get(&c) {
        out.push(b);
        return;
    }
    out.push(ESCAPE);
    let mut digits = [DIGIT0; 6];
    let mut n = u;
    for d in digits.iter_mut().rev() {
        *d = DIGIT0 + (n % 15) as u8;
        n /= 15;
    }
    out.extend_from_slice(&digits);
}

/// Code already folded text (see `text::normalize::fold`).
pub fn encode_folded(folded: &str, out: &mut Vec<u8>) {
    out.reserve(folded.len());
    for c in folded.chars() {
        push_char(c, out);
    }
}

/// Fold `text` and code it.
pub fn encode(text: &str) -> Vec<u8> {
    let folded = crate::text::normalize::fold(text);
    let mut out = Vec::with_capacity(folded.len() / 2 + 16);
    encode_folded(&folded, &mut out);
    out
}

/// How common each coded byte is in Arabic news, for the finder's choice of
/// the two bytes of a needle it looks for first (the rarer, the fewer false
/// starts). memchr's own ranking is English's, where every byte above ASCII
/// is rare: for a query such as التي it would look for ا and ل, the two
/// most common letters. Here the letters rank by their frequency in Arabic
/// text (after folding: the hamza forms of alef are alef, ة is ه, ى is ي),
/// the space above all, and ASCII below any Arabic letter (Latin words and
/// digits are a small part of Arabic news), its letters in English's order.
struct ArabicNewsRank;

/// The Arabic letters, most common first.
const LETTERS_BY_FREQUENCY: &str = "اليمنوهةربتعدسفكقحجشطصىخضزثذغظئءؤآأإ";

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for ArabicNewsRank {
    fn rank(&self, byte: u8) -> u8 {
        static RANKS: std::sync::OnceLock<[u8; 256]> = std::sync::OnceLock::new();
        RANKS.get_or_init(|| {
            let mut r = [0u8; 256];
            // ASCII: punctuation and digits, then the letters (folded text
            // is lower case) by their frequency in English
            for b in b'!'..=b'~' {
                r[b as usize] = 40;
            }
            for b in b'0'..=b'9' {
                r[b as usize] = 60;
            }
            for (i, b) in b"etaoinshrdlcumwfgypbvkjxqz".iter().enumerate() {
                r[*b as usize] = 120 - 2 * i as u8;
            }
            r[b'\n' as usize] = 100;
            for (i, c) in LETTERS_BY_FREQUENCY.chars().enumerate() {
                if let Some(&b) = table().get(&c) {
                    r[b as usize] = 250u8.saturating_sub(3 * i as u8).max(130);
                }
            }
            r[b' ' as usize] = 255;
            r
        })[byte as usize]
    }
}

/// A query as coded bytes, to find in coded text (its places spelled more
/// than one way as in [`Query`]).
pub struct CodedQuery {
    finder: Needle,
}

impl CodedQuery {
    pub fn new(query: &Query) -> CodedQuery {
        let code = |s: &str| {
            let mut out = Vec::new();
            encode_folded(s, &mut out);
            out
        };
        let finder = needle_of(query.parts(), code, |b| {
            memchr::memmem::FinderBuilder::new()
                .build_forward_with_ranker(ArabicNewsRank, b)
                .into_owned()
        });
        CodedQuery { finder }
    }

    /// Lines (separated by `\n`) of coded text holding a match, and the
    /// matches, each line and match counted once.
    pub fn count(&self, coded: &[u8]) -> Counts {
        let mut counts = Counts::default();
        let mut line_end = 0usize;
        let mut first = true;
        for m in self.finder.find_iter(coded) {
            let at = m.start;
            counts.matches += 1;
            if first || at >= line_end {
                first = false;
                counts.lines += 1;
                line_end = memchr::memchr(b'\n', &coded[at..]).map_or(coded.len(), |e| at + e);
            }
        }
        counts
    }

    /// [`CodedQuery::count`] for each of several texts laid one after the
    /// other in `coded`, text `k` ending at `ends[k]`, in one pass over it
    /// (a match across two texts counts for neither).
    pub fn count_in_parts(&self, coded: &[u8], ends: &[usize], per: &mut [Counts]) {
        let mut k = 0;
        let mut line_end = 0usize;
        let mut fresh = true;
        for m in self.finder.find_iter(coded) {
            let at = m.start;
            while k < ends.len() && ends[k] <= at {
                k += 1;
                fresh = true;
            }
            if k >= ends.len() || m.end > ends[k] {
                continue;
            }
            let c = &mut per[k];
            c.matches += 1;
            if fresh || at >= line_end {
                fresh = false;
                c.lines += 1;
                line_end = memchr::memchr(b'\n', &coded[at..ends[k]]).map_or(ends[k], |e| at + e);
            }
        }
    }

    /// Matches in the first line (the title) of coded text.
    pub fn in_first_line(&self, coded: &[u8]) -> usize {
        let end = memchr::memchr(b'\n', coded).unwrap_or(coded.len());
        self.finder.find_iter(&coded[..end]).count()
    }

    /// The 0-based numbers of the lines holding a match.
    pub fn lines(&self, coded: &[u8]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let (mut line, mut at) = (0usize, 0usize);
        for hit in self.finder.find_iter(coded).map(|m| m.start) {
            line += memchr::memchr_iter(b'\n', &coded[at..hit]).count();
            at = hit;
            if out.last() != Some(&line) {
                out.push(line);
            }
        }
        out
    }

    /// The coded query (each place as the query spelled it).
    pub fn needle(&self) -> &[u8] {
        self.finder.bytes()
    }
}

/// How much of a text matches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub lines: usize,
    pub matches: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_characters_fit_below_the_escape() {
        assert!(0x80 + COMMON.len() <= ESCAPE as usize);
    }

    #[test]
    fn arabic_takes_one_byte_and_anything_else_has_a_code() {
        assert_eq!(encode("الأمن").len(), 5);
        assert_eq!(encode("NATO 2022").as_slice(), b"nato 2022");
        let rare = encode("中");
        assert_eq!(rare.len(), 7);
        assert_eq!(rare[0], ESCAPE);
        assert!(rare[1..].iter().all(|&b| b >= DIGIT0));
    }

    #[test]
    fn coded_matches_are_folded_matches() {
        // every character of the text once, with Arabic letters between,
        // searched for every pair of neighbours: the same matches in the
        // folded UTF-8 text and in its code
        let mut text = String::new();
        for u in (0x20u32..0x800)
            .chain(0x2000..0x2100)
            .chain([0x4E2D, 0x1F600, 0xFEFB])
        {
            if let Some(c) = char::from_u32(u)
                && c != '\n'
            {
                text.push(c);
                text.push('ب');
            }
        }
        text.push_str("\nسطر ثان 中文\n");
        let folded = crate::text::normalize::fold(&text);
        let coded = encode(&text);
        let chars: Vec<char> = folded.chars().collect();
        for w in chars.windows(2).step_by(7) {
            let q: String = w.iter().collect();
            let Some(query) = Query::new(&q) else {
                continue;
            };
            let utf8 =
                memchr::memmem::find_iter(folded.as_bytes(), query.folded().as_bytes()).count();
            let c = CodedQuery::new(&query).count(&coded).matches;
            assert_eq!(c, utf8, "{q:?}");
        }
    }

    #[test]
    fn texts_laid_one_after_the_other_are_counted_each_alone() {
        let texts = ["الامن اولا\nالامن", "لا شيء\nلا", "ن\nالامن والامن", "الا"];
        let q = CodedQuery::new(&Query::new("الامن").unwrap());
        let mut all = Vec::new();
        let mut ends = Vec::new();
        for t in texts {
            all.extend(encode(t));
            ends.push(all.len());
        }
        let mut per = vec![Counts::default(); texts.len()];
        q.count_in_parts(&all, &ends, &mut per);
        let alone: Vec<Counts> = texts.iter().map(|t| q.count(&encode(t))).collect();
        assert_eq!(per, alone);
        // "الا" + "من" across two texts is no match
        let mut joined = encode("x الا");
        let end = joined.len();
        joined.extend(encode("من y"));
        let mut per = vec![Counts::default(); 2];
        q.count_in_parts(&joined, &[end, joined.len()], &mut per);
        assert_eq!(per, [Counts::default(), Counts::default()]);
    }

    #[test]
    fn lines_and_matches_are_counted() {
        let coded = encode("عنوان عن الامن\nالأمن والأمن\nلا شيء\nالامن");
        let q = CodedQuery::new(&Query::new("الامن").unwrap());
        assert_eq!(
            q.count(&coded),
            Counts {
                lines: 3,
                matches: 4
            }
        );
        assert_eq!(q.lines(&coded), [0, 1, 3]);
        assert_eq!(q.in_first_line(&coded), 1);
    }
}
