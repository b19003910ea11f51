//! An HTML page's readable text: the title (og:title, else <title>, else
//! the first heading) and the paragraphs of its main content, kept as
//! paragraphs. Navigation, headers, footers, scripts and forms are left out;
//! A paragraph's words decide its direction; `dir` on it or its container
//! decides for a paragraph whose words cannot (digits, symbols).

use scraper::{ElementRef, Html, Selector};

use crate::text::{Direction, direction};

/// Title and paragraphs of an HTML document.
pub struct HtmlText {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub date: Option<String>,
    /// The same, in seconds since the epoch.
    pub published: Option<i64>,
}

const SKIP: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "form", "noscript", "figure",
];

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn skipped(e: &ElementRef) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| SKIP.contains(&a.value().name()))
}

/// The direction `dir` gives an element (its own or its nearest
/// container's).
fn dir(e: &ElementRef) -> Option<Direction> {
    std::iter::once(*e)
        .chain(e.ancestors().filter_map(ElementRef::wrap))
        .find_map(|a| a.value().attr("dir"))
        .and_then(direction::of_dir)
}

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

/// Extract the readable text of `html`.
pub fn extract(html: &str) -> HtmlText {
    let html = flatten(html, MAX_DEPTH);
    let doc = Html::parse_document(&html);
    let sel = |s: &str| Selector::parse(s).expect("a valid selector");
    let meta = |property: &str| {
        doc.select(&sel(&format!(
            "meta[property=\"{property}\"], meta[name=\"{property}\"]"
        )))
        .find_map(|m| m.value().attr("content"))
        .map(clean)
        .filter(|s| !s.is_empty())
    };
    let title = meta("og:title")
        .or_else(|| {
            doc.select(&sel("title"))
                .next()
                .map(|t| clean(&t.text().collect::<String>()))
                .filter(|s| !s.is_empty())
        })
        .or_else(|| {
            doc.select(&sel("h1"))
                .next()
                .map(|t| clean(&t.text().collect::<String>()))
        });
    let published_time = meta("article:published_time");
    let published = published_time.as_deref().and_then(super::date::parse_date);
    let date = published_time.map(|d| d.chars().take(10).collect());
    // The main content: <article> or <main> when there is one, else the body.
    let root = doc
        .select(&sel("article"))
        .next()
        .or_else(|| doc.select(&sel("main")).next());
    let blocks = sel("p, h2, h3, h4, li, blockquote");
    let mut paragraphs = Vec::new();
    let elements: Vec<ElementRef> = match root {
        Some(r) => r.select(&blocks).collect(),
        None => doc.select(&blocks).collect(),
    };
    for e in elements {
        if skipped(&e) {
            continue;
        }
        // a block inside another selected block is read with it
        if e.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| matches!(a.value().name(), "p" | "li" | "blockquote"))
        {
            continue;
        }
        let text = clean(&e.text().collect::<String>());
        if text.is_empty() || title.as_deref() == Some(text.as_str()) {
            continue;
        }
        // its words decide its direction; the page's `dir` when they cannot
        paragraphs.push(direction::marked(text, dir(&e)));
    }
    HtmlText {
        title,
        paragraphs,
        date,
        published,
    }
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
        let page = extract(&html);
        assert!(start.elapsed() < std::time::Duration::from_secs(3));
        assert_eq!(page.paragraphs, ["نص عميق", "قول"]);
        // a page within the bound is left as it is
        let shallow = "<div><p>a</p><script>if (a < b) {}</script><br></div>";
        assert!(matches!(flatten(shallow, 3), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn og_title_paragraphs_and_rtl() {
        let html = r#"<html dir="rtl"><head><title>الموقع | خبر</title>
            <meta property="og:title" content="اتفاق بين   البلدين">
            <meta property="article:published_time" content="2022-01-13T10:00:00Z"></head>
            <body><nav><p>الرئيسية</p></nav><article><h1>اتفاق بين البلدين</h1>
            <p>اتفق <b>الرئيسان</b> على تعزيز التعاون.</p><p>NATO قال إن الاتفاق مهم.</p><p>2024 — 15%</p>
            <script>var x = "<p>no</p>";</script></article><footer><p>حقوق النشر</p></footer></body></html>"#;
        let t = extract(html);
        assert_eq!(t.title.as_deref(), Some("اتفاق بين البلدين"));
        assert_eq!(t.date.as_deref(), Some("2022-01-13"));
        assert_eq!(t.paragraphs.len(), 3, "{:?}", t.paragraphs);
        assert_eq!(t.paragraphs[0], "اتفق الرئيسان على تعزيز التعاون.");
        // starts with Latin, and its words make it right to left
        assert_eq!(t.paragraphs[1], "NATO قال إن الاتفاق مهم.");
        // no letter: the page's dir decides
        assert_eq!(t.paragraphs[2], "\u{200F}2024 — 15%");
    }
}
