//! An HTML page's readable text: the title (og:title, else <title>, else
//! the first heading) and the paragraphs of its main content, kept as
//! paragraphs. Navigation, headers, footers, scripts and forms are left out;
//! `dir="rtl"` on a paragraph or its container makes it right-to-left even
//! when it starts with Latin letters.

use scraper::{ElementRef, Html, Selector};

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
/// Right-to-left mark: forces the direction without being drawn.
const RLM: char = '\u{200F}';

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn skipped(e: &ElementRef) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| SKIP.contains(&a.value().name()))
}

fn rtl(e: &ElementRef) -> bool {
    std::iter::once(*e)
        .chain(e.ancestors().filter_map(ElementRef::wrap))
        .find_map(|a| a.value().attr("dir"))
        .is_some_and(|d| d.eq_ignore_ascii_case("rtl"))
}

/// Extract the readable text of `html`.
pub fn extract(html: &str) -> HtmlText {
    let doc = Html::parse_document(html);
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
        paragraphs.push(if rtl(&e) && !text.starts_with(RLM) {
            format!("{RLM}{text}")
        } else {
            text
        });
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
    fn og_title_paragraphs_and_rtl() {
        let html = r#"<html dir="rtl"><head><title>الموقع | خبر</title>
            <meta property="og:title" content="اتفاق بين   البلدين">
            <meta property="article:published_time" content="2022-01-13T10:00:00Z"></head>
            <body><nav><p>الرئيسية</p></nav><article><h1>اتفاق بين البلدين</h1>
            <p>اتفق <b>الرئيسان</b> على تعزيز التعاون.</p><p>NATO قال إن الاتفاق مهم.</p>
            <script>var x = "<p>no</p>";</script></article><footer><p>حقوق النشر</p></footer></body></html>"#;
        let t = extract(html);
        assert_eq!(t.title.as_deref(), Some("اتفاق بين البلدين"));
        assert_eq!(t.date.as_deref(), Some("2022-01-13"));
        assert_eq!(t.paragraphs.len(), 2, "{:?}", t.paragraphs);
        assert_eq!(t.paragraphs[0], "\u{200F}اتفق الرئيسان على تعزيز التعاون.");
        // starts with Latin, but the page is right-to-left
        assert!(t.paragraphs[1].starts_with('\u{200F}'));
    }
}
