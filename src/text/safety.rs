//! What may reach the terminal: control characters become visible pictures and
//! invisible formatting characters are not drawn at all.

use unicode_bidi::BidiClass;

use super::classes::class;

/// How one logical character is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawn {
    /// Drawn as itself (after shaping).
    Itself,
    /// Not drawn: bidi formatting characters, ZWJ/ZWNJ and other invisible formatting.
    Hidden,
    /// Drawn as this visible replacement (control characters, ESC, NUL...).
    Replaced(char),
}

/// Decide how `c` is drawn. Control characters never reach the terminal raw.
#[inline]
pub fn drawn(c: char) -> Drawn {
    let u = c as u32;
    if u < 0x20 {
        return if c == '\t' {
            Drawn::Replaced(' ')
        } else {
            // U+2400 CONTROL PICTURES: ␀ ␁ ... ␛ ...
            Drawn::Replaced(char::from_u32(0x2400 + u).unwrap_or('\u{FFFD}'))
        };
    }
    if u < 0x7F {
        return Drawn::Itself;
    }
    if u == 0x7F {
        return Drawn::Replaced('\u{2421}');
    }
    if (0x80..=0x9F).contains(&u) {
        return Drawn::Replaced('\u{FFFD}');
    }
    if u == 0x2028 || u == 0x2029 {
        return Drawn::Replaced(' ');
    }
    if is_hidden(c) {
        return Drawn::Hidden;
    }
    Drawn::Itself
}

/// Bidi formatting characters (embeddings, overrides, isolates, marks) and
/// boundary-neutral invisible characters (ZWJ, ZWNJ, ZWSP, BOM, soft hyphen...).
#[inline]
pub fn is_hidden(c: char) -> bool {
    let u = c as u32;
    // Below U+200B only the soft hyphen, ALM and the Mongolian vowel separator
    // are invisible formatting characters: skip the lookup for everything else.
    if u < 0x200B {
        return matches!(u, 0xAD | 0x061C | 0x180E);
    }
    matches!(
        class(c),
        BidiClass::LRE
            | BidiClass::RLE
            | BidiClass::LRO
            | BidiClass::RLO
            | BidiClass::PDF
            | BidiClass::LRI
            | BidiClass::RLI
            | BidiClass::FSI
            | BidiClass::PDI
            | BidiClass::BN
    ) || matches!(u, 0x200E | 0x200F | 0x061C)
}

/// Replace every character that must not reach a terminal raw; hidden
/// characters are removed. Used for short strings drawn outside the engine
/// (status messages, file names).
pub fn sanitize(s: &str) -> String {
    sanitized(s).into_owned()
}

/// [`sanitize`], borrowing `s` when it has nothing to replace (the common
/// case: a path, a title).
pub fn sanitized(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(|c| drawn(c) == Drawn::Itself) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match drawn(c) {
            Drawn::Itself => out.push(c),
            Drawn::Hidden => {}
            Drawn::Replaced(r) => out.push(r),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\u{1b}[31mb\0c"), "a\u{241b}[31mb\u{2400}c");
        assert_eq!(sanitize("x\u{9b}y\u{7f}"), "x\u{fffd}y\u{2421}");
    }

    #[test]
    fn bidi_controls_are_not_drawn() {
        assert_eq!(
            sanitize("\u{202e}abc\u{202c}\u{200f}\u{2067}d\u{2069}"),
            "abcd"
        );
        assert_eq!(sanitize("لا\u{200c}ب\u{200d}"), "لاب");
    }
}
