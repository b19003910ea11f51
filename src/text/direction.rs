//! A paragraph's direction as an Arabic reader expects it: a higher-level
//! protocol (UAX #9 HL1) in place of the first strong letter (P2), the way
//! Closure's bidi `estimateDirection` decides. A paragraph is right to left
//! when more than 40% of its words that hold a strong letter start with a
//! right-to-left one: `FIFA تعلن رفع جوائز كأس العالم` is right to left,
//! `محمد said the talks went well` left to right.

use unicode_bidi::BidiClass;

use super::classes::class;
use super::paragraph::Direction;

/// The share of words starting right to left above which a text is.
const RTL_SHARE: f64 = 0.4;

/// Bytes of a text looked at: a long text's start tells its direction.
const LOOK_BYTES: usize = 64 * 1024;

/// The direction of `text` by its words, or `None` when no word holds a
/// strong letter (only digits, punctuation, symbols): then the caller's
/// fallback (the article's direction) decides.
pub fn estimate(text: &str) -> Option<Direction> {
    let text = &text[..text.floor_char_boundary(LOOK_BYTES)];
    let (mut rtl, mut strong) = (0usize, 0usize);
    // isolated text (FSI/LRI/RLI to PDI) does not count, as in P2: a
    // name set into a sentence leaves the sentence its direction
    let mut depth = 0usize;
    // the current word has its first strong letter already (or no word)
    let mut decided = false;
    for c in text.chars() {
        let k = class(c);
        if matches!(k, BidiClass::LRI | BidiClass::RLI | BidiClass::FSI) {
            depth += 1;
            continue;
        }
        if k == BidiClass::PDI {
            depth = depth.saturating_sub(1);
            continue;
        }
        if c.is_whitespace() {
            decided = false;
            continue;
        }
        if depth > 0 || decided {
            continue;
        }
        // the word's first strong letter (marks count: an RLM says so)
        let first = match k {
            BidiClass::L | BidiClass::LRE | BidiClass::LRO => Some(false),
            BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO => Some(true),
            _ => None,
        };
        if let Some(is_rtl) = first {
            decided = true;
            strong += 1;
            rtl += is_rtl as usize;
        }
    }
    if strong == 0 {
        None
    } else if rtl as f64 > RTL_SHARE * strong as f64 {
        Some(Direction::Rtl)
    } else {
        Some(Direction::Ltr)
    }
}

/// The direction of a paragraph of an article whose direction is
/// `article`: its own words', else the article's.
pub fn of_paragraph(text: &str, article: Direction) -> Direction {
    estimate(text).unwrap_or(article)
}

/// The mark that makes a paragraph with no strong letter take `d`.
pub fn mark(d: Direction) -> char {
    match d {
        Direction::Rtl => '\u{200F}',
        Direction::Ltr => '\u{200E}',
    }
}

/// `text` as a paragraph of a document whose direction is `d`: when its
/// own words tell no direction, a mark makes it take the document's.
pub fn marked(text: String, d: Option<Direction>) -> String {
    match d {
        Some(d) if estimate(&text).is_none() && !text.is_empty() => format!("{}{text}", mark(d)),
        _ => text,
    }
}

/// `text` in a first-strong isolate (FSI … PDI): laid out on its own, as
/// a unit, inside a line of another direction. For text that goes through
/// the engine, which draws nothing for the marks.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// A document's direction from a language tag (a feed's `language`):
/// right to left for Arabic, Persian, Urdu, Hebrew, Pashto, Sindhi,
/// Kurdish (Sorani), Dhivehi, Uyghur, Yiddish.
pub fn of_language(tag: &str) -> Option<Direction> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if primary.is_empty() {
        return None;
    }
    Some(match primary.as_str() {
        "ar" | "fa" | "ur" | "he" | "iw" | "ps" | "sd" | "ckb" | "dv" | "ug" | "yi" => {
            Direction::Rtl
        }
        _ => Direction::Ltr,
    })
}

/// A document's direction from an HTML or front matter `dir` value.
pub fn of_dir(value: &str) -> Option<Direction> {
    match value.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Direction::Rtl),
        "ltr" => Some(Direction::Ltr),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_forty_percent_of_words_starting_right_to_left() {
        let rtl = Some(Direction::Rtl);
        let ltr = Some(Direction::Ltr);
        assert_eq!(estimate("FIFA تعلن رفع جوائز كأس العالم"), rtl);
        assert_eq!(estimate("iPhone 16 يصل إلى الأسواق"), rtl);
        assert_eq!(estimate("DW عربية"), rtl, "1 of 2: 50%");
        assert_eq!(estimate("محمد said the talks went well"), ltr);
        assert_eq!(estimate("BBC News عربي live"), ltr, "1 of 4");
        assert_eq!(estimate("2024 — 15%"), None);
        assert_eq!(estimate("\u{200F}2024"), rtl, "a mark decides");
        assert_eq!(estimate("«(الاتفاق)» NATO"), rtl, "punctuation skipped");
    }

    #[test]
    fn languages_and_dir_values() {
        assert_eq!(of_language("ar-EG"), Some(Direction::Rtl));
        assert_eq!(of_language("en-us"), Some(Direction::Ltr));
        assert_eq!(of_language(""), None);
        assert_eq!(of_dir(" RTL "), Some(Direction::Rtl));
        assert_eq!(of_dir("auto"), None);
    }

    #[test]
    fn isolated_words_leave_the_paragraph_its_direction() {
        // a right-to-left name set into an English title
        let title = format!("Articles (0/2) · {}", isolate("«زززز»"));
        assert_eq!(estimate(&title), Some(Direction::Ltr));
        // only isolated words: no direction of its own
        assert_eq!(estimate(&isolate("زززز")), None);
    }
}
