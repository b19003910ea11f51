//! What a page says of itself beyond what Readability reads: the dates of
//! `<time>` and microdata, the language and direction of `<html>` or
//! `<body>`, the canonical address; and the title, date and language from
//! the usual meta tags for a page Readability is not given.

use dom_query::Document;

use super::structure::clean;
use crate::text::{Direction, direction};

/// What the page's markup says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub title: Option<String>,
    /// The text of the page's `<h1>` when it has exactly one.
    pub h1: Option<String>,
    pub date: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<Direction>,
    pub link: Option<String>,
    /// The article's text as its JSON-LD gives it (`articleBody`: plain
    /// text, or HTML), when it does.
    pub article_body: Option<String>,
}

fn first_attr(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    doc.select(selector)
        .iter()
        .find_map(|s| s.attr(attr).map(|v| clean(&v)).filter(|v| !v.is_empty()))
}

/// Read `doc`'s own words about itself.
pub fn of_document(doc: &Document) -> Found {
    let meta = |names: &str| {
        names.split(',').find_map(|n| {
            first_attr(doc, &format!("meta[property=\"{n}\"]"), "content")
                .or_else(|| first_attr(doc, &format!("meta[name=\"{n}\"]"), "content"))
        })
    };
    let h1 = {
        let h1 = doc.select("h1");
        (h1.length() == 1)
            .then(|| clean(&h1.text()))
            .filter(|t| !t.is_empty())
    };
    let title = meta("og:title,twitter:title")
        .or_else(|| {
            let t = clean(&doc.select("head title").text());
            (!t.is_empty()).then_some(t)
        })
        .or_else(|| h1.clone());
    let date = meta("article:published_time,og:published_time,date,dc.date,pubdate")
        .or_else(|| first_attr(doc, "[itemprop=\"datePublished\"]", "content"))
        .or_else(|| first_attr(doc, "[itemprop=\"datePublished\"]", "datetime"))
        .or_else(|| first_attr(doc, "time[datetime]", "datetime"))
        .or_else(|| json_ld(doc, "datePublished"));
    let lang = first_attr(doc, "html[lang]", "lang")
        .or_else(|| first_attr(doc, "html[xml\\:lang]", "xml:lang"))
        .or_else(|| first_attr(doc, "meta[http-equiv=\"content-language\" i]", "content"))
        .or_else(|| meta("og:locale"))
        .map(|l| l.replace('_', "-"));
    let dir = first_attr(doc, "html[dir]", "dir")
        .or_else(|| first_attr(doc, "body[dir]", "dir"))
        .and_then(|d| direction::of_dir(&d));
    let link = first_attr(doc, "link[rel=\"canonical\"]", "href")
        .or_else(|| meta("og:url"))
        .filter(|l| l.starts_with("http://") || l.starts_with("https://"));
    let article_body = json_ld(doc, "articleBody").filter(|b| !b.trim().is_empty());
    Found {
        article_body,
        title,
        h1,
        date,
        lang,
        dir,
        link,
    }
}

/// The string `key` of the page's JSON-LD, wherever it is in it.
fn json_ld(doc: &Document, key: &str) -> Option<String> {
    doc.select("script[type=\"application/ld+json\"]")
        .iter()
        .find_map(|s| {
            let text = s.text();
            let v: serde_json::Value = serde_json::from_str(text.trim()).ok()?;
            find_key(&v, key, 0)
        })
}

fn find_key(v: &serde_json::Value, key: &str, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Object(m) => m
            .get(key)
            .and_then(|d| d.as_str().map(str::to_string))
            .or_else(|| m.values().find_map(|x| find_key(x, key, depth + 1))),
        serde_json::Value::Array(a) => a.iter().find_map(|x| find_key(x, key, depth + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_lang_dir_and_canonical() {
        let doc = Document::from(
            r#"<html lang="ar" dir="rtl"><head><link rel="canonical" href="https://x.example/a">
            <script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2024-05-01T08:00:00Z"}]}</script>
            </head><body><h1>عنوان</h1><time datetime="2024-05-02">أمس</time></body></html>"#,
        );
        let f = of_document(&doc);
        assert_eq!(f.lang.as_deref(), Some("ar"));
        assert_eq!(f.dir, Some(Direction::Rtl));
        assert_eq!(f.link.as_deref(), Some("https://x.example/a"));
        assert_eq!(f.date.as_deref(), Some("2024-05-02"));
        assert_eq!(f.title.as_deref(), Some("عنوان"));
        let doc = Document::from(
            r#"<html><head><script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2024-05-01T08:00:00Z"}]}</script></head><body><p>x</p></body></html>"#,
        );
        assert_eq!(
            of_document(&doc).date.as_deref(),
            Some("2024-05-01T08:00:00Z")
        );
    }
}
