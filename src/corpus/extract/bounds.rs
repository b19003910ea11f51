//! Bounds on what a page can cost: tags nested deeper than [`MAX_DEPTH`]
//! are taken out (their text kept) before the parser sees them, so that
//! parsing and every walk stay linear in the page's size.

/// Elements nested deeper than this are read as if they were not there
/// (their text stays): parsing, and every look at an element's ancestors,
/// stays linear in the page's size however deep a page nests.
pub const MAX_DEPTH: usize = 256;

/// Elements that never hold others (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `html` with the tags nested deeper than `max` taken out (their text
/// kept, and a block that holds a paragraph's text still a paragraph of its
/// own, written as `<p>`, which never nests): a cheap pass over the tags,
/// before the real parser.
pub fn flatten(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    // where the cuts are: byte ranges of tags to drop, and what replaces them
    let mut cuts: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) {
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            i = memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', rest).map(|p| lt + p) else {
            break;
        };
        let tag = &html[lt + 1..gt];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        i = gt + 1;
        if name.is_empty() || VOID.contains(&name.as_str()) || tag.ends_with('/') {
            continue;
        }
        if name == "script" || name == "style" {
            if !closing {
                // their text is no markup: skip to their end
                let end = format!("</{name}");
                i = memchr::memmem::find(&bytes[i..], end.as_bytes())
                    .map_or(bytes.len(), |e| i + e);
            }
            continue;
        }
        let block = matches!(
            name.as_str(),
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote"
        );
        let instead = match (block, closing) {
            (false, _) => " ",
            (true, false) => "<p>",
            (true, true) => "</p>",
        };
        if closing {
            if depth > max {
                cuts.push((lt..gt + 1, instead));
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > max {
                cuts.push((lt..gt + 1, instead));
            }
        }
    }
    if cuts.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (c, instead) in cuts {
        out.push_str(&html[at..c.start]);
        out.push_str(instead);
        at = c.end;
    }
    out.push_str(&html[at..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_flattened_and_read_in_linear_time() {
        let n = 100_000;
        let html = format!(
            "<html><body>{}<p>نص عميق</p>{}<blockquote><p>قول</p></blockquote>{}</body></html>",
            "<div>".repeat(n),
            "<blockquote>".repeat(n),
            "</blockquote></div>".repeat(n)
        );
        let flat = flatten(&html, MAX_DEPTH);
        assert!(flat.matches("<div>").count() <= MAX_DEPTH);
        let start = std::time::Instant::now();
        let page = super::super::extract(&html, None);
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        let texts: Vec<String> = page.blocks.iter().map(|b| b.text.clone()).collect();
        assert!(texts.iter().any(|t| t.contains("نص عميق")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("قول")), "{texts:?}");
        // a page within the bound is left as it is
        let shallow = "<div><p>a</p><script>if (a < b) {}</script><br></div>";
        assert!(matches!(flatten(shallow, 3), std::borrow::Cow::Borrowed(_)));
    }
}
