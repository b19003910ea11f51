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

/// How the sanitizer shows one character of text from outside (a title, a
/// file name, a URL, a config value, an error): as itself, or visibly.
fn shown(c: char) -> Option<std::borrow::Cow<'static, str>> {
    let u = c as u32;
    match u {
        0x09 => Some(" ".into()),
        // C0: U+2400 CONTROL PICTURES (␀ ␁ ... ␛ ...)
        0x00..=0x1F => char::from_u32(0x2400 + u).map(|p| p.to_string().into()),
        0x7F => Some("\u{2421}".into()),
        // C1 and the bidi controls: what they are, in a visible escape
        0x80..=0x9F
        | 0x061C
        | 0x200E
        | 0x200F
        | 0x202A..=0x202E
        | 0x2066..=0x2069
        | 0x2028
        | 0x2029 => Some(format!("<U+{u:04X}>").into()),
        _ => None,
    }
}

/// The one sanitizer of text from outside: C0 and DEL as control pictures,
/// C1 and the bidi controls as `<U+XXXX>`, everything else as itself. Used
/// for every line khabar writes to a terminal or stderr outside the text
/// engine (which applies bidi controls and draws the others as pictures).
pub fn sanitize(s: &str) -> String {
    sanitized(s).into_owned()
}

/// [`sanitize`], borrowing `s` when it has nothing to replace (the common
/// case: a path, a title).
pub fn sanitized(s: &str) -> std::borrow::Cow<'_, str> {
    // printable ASCII (most paths and links) at once, then any other
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) || s.chars().all(|c| shown(c).is_none()) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match shown(c) {
            None => out.push(c),
            Some(r) => out.push_str(&r),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Characters of a value (a name, a URL, a message) shown at most.
pub const VALUE_CHARS: usize = 300;

/// A value from outside, sanitized and cut with an ellipsis when long.
pub fn value(s: &str) -> String {
    let shown = sanitized(s);
    match shown.char_indices().nth(VALUE_CHARS) {
        Some((at, _)) => format!("{}…", &shown[..at]),
        None => shown.into_owned(),
    }
}

/// JSON (as serde_json writes it) with the characters that would reach a
/// terminal raw (DEL, C1, bidi controls) escaped as `\uXXXX`, which JSON
/// allows in strings (they can be nowhere else: JSON's own syntax is ASCII,
/// and serde_json escapes C0 itself).
pub fn json_escape(json: &str) -> std::borrow::Cow<'_, str> {
    if json.chars().all(|c| c < '\u{7f}' || shown(c).is_none()) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c >= '\u{7f}' && shown(c).is_some() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
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
        assert_eq!(sanitize("x\u{9b}y\u{7f}"), "x<U+009B>y\u{2421}");
        assert_eq!(
            sanitize("\u{1b}]52;c;aGk=\u{7}"),
            "\u{241b}]52;c;aGk=\u{2407}"
        );
    }

    #[test]
    fn bidi_controls_are_shown() {
        assert_eq!(
            sanitize("\u{202e}abc\u{202c}\u{200f}"),
            "<U+202E>abc<U+202C><U+200F>"
        );
        // joiners stay: they shape Persian and Arabic, they control nothing
        assert_eq!(sanitize("لا\u{200c}ب"), "لا\u{200c}ب");
    }

    #[test]
    fn long_values_are_cut_and_json_escapes_what_terminals_obey() {
        let long = "x".repeat(10_000);
        let v = value(&long);
        assert_eq!(v.chars().count(), VALUE_CHARS + 1);
        assert!(v.ends_with('…'));
        let json = serde_json::to_string("a\"\u{9b}\u{7f}\u{202e}\u{1}bب").unwrap();
        let safe = json_escape(&json);
        assert_eq!(safe, "\"a\\\"\\u009b\\u007f\\u202e\\u0001bب\"");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\"\u{9b}\u{7f}\u{202e}\u{1}bب");
    }
}
