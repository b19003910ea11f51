//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and the
//! legacy Arabic encodings still served by Arabic sites (windows-1256,
//! ISO-8859-6), from a declaration (HTTP header, XML prolog, HTML meta) or
//! detected. Text that fits none is decoded lossily, with a warning.

use encoding_rs::{Encoding, UTF_8};

/// The charset a document declares in its first bytes: the XML prolog's
/// `encoding="..."` or an HTML `<meta charset>` / `content="...; charset=..."`.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    for key in ["encoding=", "charset="] {
        let mut rest = head.as_str();
        while let Some(at) = rest.find(key) {
            let value = rest[at + key.len()..].trim_start_matches(['"', '\'', ' ']);
            let label: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(e) = Encoding::for_label(label.as_bytes()) {
                return Some(e);
            }
            rest = &rest[at + key.len()..];
        }
    }
    None
}

/// Decode `bytes`: a BOM first, then `declared` (an HTTP header's charset),
/// then the document's own declaration, then UTF-8 if valid, then a guess.
/// Returns the text and, when it was not plain UTF-8, a note saying how it
/// was read (a warning when bytes had to be replaced).
pub fn decode_bytes(name: &str, bytes: &[u8], declared: Option<&str>) -> (String, Option<String>) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        let note = (enc != UTF_8 || had_errors).then(|| {
            format!(
                "{name}: read as {}{}",
                enc.name(),
                if had_errors {
                    " (invalid bytes replaced by \u{FFFD})"
                } else {
                    ""
                }
            )
        });
        return (text.into_owned(), note);
    }
    let header = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    if let Some(enc) = header
        .or_else(|| declared_charset(bytes))
        .filter(|e| *e != UTF_8)
    {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        let warn = had_errors
            .then(|| format!("{name}: invalid {} bytes replaced by \u{FFFD}", enc.name()));
        return (text.into_owned(), warn);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), None);
    }
    // Mostly UTF-8 with a few bad bytes: UTF-8 with replacements, not
    // another encoding (that would mangle every good character).
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    if good > 0 && bad <= good * 4 {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let n = text.chars().filter(|&c| c == '\u{FFFD}').count();
        let first = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        return (
            text,
            Some(format!(
                "{name}: not valid UTF-8 (first bad byte at offset {first}); {n} invalid sequence(s) shown as \u{FFFD}"
            )),
        );
    }
    // Not UTF-8 and nothing declared: guess between the encodings Arabic
    // pages use, and say so.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(Some(b"sa"), chardetng::Utf8Detection::Deny);
    if enc != UTF_8 && enc.name() != "windows-1252" {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        let note = format!(
            "{name}: not UTF-8, read as {} (detected){}",
            enc.name(),
            if had_errors {
                "; invalid bytes replaced by \u{FFFD}"
            } else {
                ""
            }
        );
        return (text.into_owned(), Some(note));
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    (
        text,
        Some(format!(
            "{name}: not valid UTF-8; {bad} invalid sequence(s) shown as \u{FFFD}"
        )),
    )
}

/// Bytes that are not UTF-8 but read as Arabic text in windows-1256 or
/// ISO-8859-6: the encoding they are in. Told apart from binary data by
/// what they decode to, in their first 64 KB: no NUL and almost no other
/// control character, and most of the letters beyond ASCII Arabic ones
/// (binary data decoded so gives controls and Latin letters too). Of the
/// two, ISO-8859-6 when it decodes without a byte it lacks and reads as
/// Arabic as well: windows-1256 puts Latin letters where ISO-8859-6 has
/// Arabic ones.
pub fn legacy_arabic(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(65536)];
    if head.contains(&0) || !head.iter().any(|b| *b >= 0x80) {
        return None;
    }
    // (Arabic letters, letters beyond ASCII, controls, characters) of `text`
    let tally = |text: &str| {
        let (mut arabic, mut other, mut controls, mut all) = (0usize, 0usize, 0usize, 0usize);
        for c in text.chars() {
            all += 1;
            if c.is_control() && !c.is_whitespace() || c == '\u{FFFD}' {
                controls += 1;
            } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
                arabic += 1;
            } else if !c.is_ascii() && c.is_alphabetic() {
                other += 1;
            }
        }
        (arabic, other, controls, all)
    };
    let reads_as_arabic = |(arabic, other, controls, all): (usize, usize, usize, usize)| {
        arabic >= 8 && arabic >= 9 * other && controls * 200 <= all
    };
    for enc in [encoding_rs::ISO_8859_6, encoding_rs::WINDOWS_1256] {
        let (text, had_errors) = enc.decode_without_bom_handling(head);
        // a cut at the end of the head may split nothing: both are one byte a character
        if !had_errors && reads_as_arabic(tally(&text)) {
            return Some(enc);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows_1256(s: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1256.encode(s).0.into_owned()
    }

    #[test]
    fn boms_utf16_and_utf8() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "سلام".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_bytes("a", &utf16, None).0, "سلام");
        assert_eq!(
            decode_bytes("a", "\u{feff}سلام".as_bytes(), None),
            ("سلام".to_string(), None)
        );
    }

    #[test]
    fn declared_in_the_xml_prolog_or_meta_or_header() {
        let mut xml = b"<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss>".to_vec();
        xml.extend(windows_1256("الأمن"));
        assert!(decode_bytes("f", &xml, None).0.ends_with("<rss>الأمن"));
        let mut html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-6\"></head>".to_vec();
        html.extend(encoding_rs::ISO_8859_6.encode("خبر").0.iter());
        assert!(decode_bytes("f", &html, None).0.ends_with("خبر"));
        assert_eq!(
            decode_bytes("f", &windows_1256("نص"), Some("windows-1256")).0,
            "نص"
        );
    }

    #[test]
    fn legacy_arabic_is_told_from_binary_and_from_latin_text() {
        let text =
            "اتفق الرئيس الأميركي ورئيس الوزراء البريطاني على تعزيز التعاون (2015) في مجال الأمن.\n";
        assert_eq!(
            legacy_arabic(&windows_1256(text)),
            Some(encoding_rs::WINDOWS_1256)
        );
        let iso = encoding_rs::ISO_8859_6.encode(text).0.into_owned();
        assert_eq!(legacy_arabic(&iso), Some(encoding_rs::ISO_8859_6));
        // random bytes, an image's, Latin-1 French: not Arabic text
        let mut noise = Vec::new();
        let mut x = 12345u32;
        for _ in 0..4096 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noise.push((x >> 16) as u8 | 1);
        }
        assert_eq!(legacy_arabic(&noise), None);
        assert_eq!(legacy_arabic(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), None);
        let french = encoding_rs::WINDOWS_1252
            .encode("Le président a déclaré que l'accord était très important à Genève.")
            .0
            .into_owned();
        assert_eq!(legacy_arabic(&french), None);
        assert_eq!(legacy_arabic(b"plain ascii"), None);
    }

    #[test]
    fn undeclared_arabic_legacy_text_is_detected_and_said() {
        let text = "اتفق الرئيس الأميركي ورئيس الوزراء البريطاني على تعزيز التعاون في مجال الأمن الإلكتروني. ".repeat(5);
        let (decoded, note) = decode_bytes("old.txt", &windows_1256(&text), None);
        assert_eq!(decoded, text);
        assert!(note.unwrap().contains("windows-1256"));
    }
}
