//! A web page's article, as khabar reads it: its text as blocks that keep
//! their shape ([`structure`]), its links and images numbered, and what the
//! page says of it (title, byline, date, site, language, direction, lead
//! image).
//!
//! The article is found by Mozilla's Readability algorithm, in the
//! `dom_smoothie` crate (a faithful port: the same choices on Readability's
//! own test pages; compared with the other Rust extractors in README). What
//! it leaves out or cannot do is khabar's: the page's language and
//! direction for Arabic pages, `<time>` dates, the blocks' structure, and a
//! reading of the whole page ([`fallback`]) when Readability finds no
//! article. Every page stays bounded: deep nesting is flattened first
//! ([`bounds`]), a page of more than [`MAX_ELEMENTS`] elements or
//! [`MAX_HTML_BYTES`] bytes is read by the fallback only, whose walks are
//! linear.

pub mod bounds;
pub mod fallback;
pub mod meta;
pub mod structure;

pub use structure::{Image, PageBlock, Structure};

use crate::text::{BlockKind, Direction, direction};

/// More elements than this and Readability is not tried (it copies the
/// document for each of its attempts): the fallback reads the page.
pub const MAX_ELEMENTS: usize = 60_000;

/// The most bytes of a page read: an article is never longer, and the
/// rest is cut (at a tag) before parsing.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// What khabar reads from a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The published date as `YYYY-MM-DD`, and in seconds since the epoch.
    pub date: Option<String>,
    pub published: Option<i64>,
    pub site: Option<String>,
    /// The language it says it is in (`ar`, `en-GB`...).
    pub lang: Option<String>,
    pub dir: Option<Direction>,
    /// The lead image's address.
    pub image: Option<String>,
    /// The page's own address, when it says one (canonical), else the one
    /// it was read from.
    pub link: Option<String>,
    pub blocks: Vec<PageBlock>,
    pub links: Vec<String>,
    pub images: Vec<Image>,
}

impl Page {
    /// The body as plain text: the blocks of text (no images), without
    /// link numbers, one a line.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in self.blocks.iter().filter(|b| b.kind != BlockKind::Image) {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&b.plain());
        }
        out
    }

    /// How many words the body has.
    pub fn words(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Image)
            .map(|b| b.text.split_whitespace().count())
            .sum()
    }
}

/// The article of `html` (decoded text), read from `url` when known
/// (relative links are made absolute with it).
pub fn extract(html: &str, url: Option<&str>) -> Page {
    let html = &html[..html.floor_char_boundary(MAX_HTML_BYTES)];
    let html = bounds::flatten(html, bounds::MAX_DEPTH);
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let doc = dom_query::Document::from(html.as_ref());
    let found = meta::of_document(&doc);
    let elements = count_elements(&html);
    let mut page = Page::default();
    let mut body: Option<Structure> = None;
    let mut dir = found.dir;
    if elements <= MAX_ELEMENTS {
        let cfg = dom_smoothie::Config {
            max_elements_to_parse: MAX_ELEMENTS,
            ..Default::default()
        };
        let url = base.as_ref().map(|u| u.as_str());
        if let Ok(mut r) = dom_smoothie::Readability::with_document(doc, url, Some(cfg)) {
            match r.parse() {
                Ok(a) => {
                    page.title = nonempty(&a.title);
                    page.byline = a.byline.as_deref().and_then(nonempty);
                    page.site = a.site_name.as_deref().and_then(nonempty);
                    page.image = a.image.as_deref().and_then(nonempty);
                    page.lang = a.lang.as_deref().and_then(nonempty);
                    page.date = a.published_time.as_deref().and_then(nonempty);
                    dir = dir.or_else(|| a.dir.as_deref().and_then(direction::of_dir));
                    let d = dir.or_else(|| page.lang.as_deref().and_then(direction::of_language));
                    body = Some(structure::blocks(&a.content, base.as_ref(), d));
                }
                Err(_) => {
                    let m = r.get_article_metadata(r.parse_json_ld());
                    page.title = nonempty(&m.title);
                    page.byline = m.byline.as_deref().and_then(nonempty);
                    page.site = m.site_name.as_deref().and_then(nonempty);
                    page.image = m.image.as_deref().and_then(nonempty);
                    page.lang = m.lang.as_deref().and_then(nonempty);
                    page.date = m.published_time.as_deref().and_then(nonempty);
                }
            }
        }
    }
    page.lang = page.lang.or(found.lang);
    page.title = page.title.or(found.title);
    // "Headline | Site": the part the page's one <h1> repeats
    if let (Some(t), Some(h1)) = (&page.title, &found.h1)
        && t != h1
        && t.split(['|', '-', '\u{2013}', '\u{2014}', '\u{00bb}', ':'])
            .any(|part| part.trim() == h1)
    {
        page.title = Some(h1.clone());
    }
    page.date = page.date.or(found.date);
    page.link = found.link.or_else(|| base.as_ref().map(|u| u.to_string()));
    page.dir = dir.or_else(|| page.lang.as_deref().and_then(direction::of_language));
    // Readability found nothing, or much less than the page's own blocks
    // hold: the fallback's reading
    let got = body.as_ref().map_or(0, letters);
    if got < fallback::FEW_LETTERS {
        let other = fallback::read(&html, base.as_ref(), page.dir);
        if letters(&other) > got * 2 {
            body = Some(other);
        }
    }
    // the page's JSON-LD says the article is much longer than what was
    // found (Readability took one part of it): its text
    if let Some(b) = &found.article_body {
        let from_json = article_body(b, base.as_ref(), page.dir);
        let (have, said) = (body.as_ref().map_or(0, letters), letters(&from_json));
        if said >= ARTICLE_BODY_LETTERS && said * 2 > have * 3 {
            body = Some(from_json);
        }
    }
    let body = body.unwrap_or_default();
    page.blocks = body.blocks;
    page.links = body.links;
    page.images = body.images;
    if page.dir.is_none() {
        page.dir = direction::estimate(&page.plain_text());
    }
    page.published = page.date.as_deref().and_then(super::date::parse_date);
    page.date = match (&page.date, page.published) {
        (Some(_), Some(t)) => {
            chrono::DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%d").to_string())
        }
        _ => None,
    };
    if let Some(t) = &page.title {
        // a title that is the first block too is not said twice
        if page
            .blocks
            .first()
            .is_some_and(|b| b.kind == BlockKind::Heading && b.plain().trim() == t.trim())
        {
            page.blocks.remove(0);
        }
    }
    page
}

/// The JSON-LD's `articleBody` is taken when it has this many letters and
/// half as many again as the article found.
const ARTICLE_BODY_LETTERS: usize = 1000;

/// The blocks of a JSON-LD `articleBody`: HTML as a page's, plain text a
/// paragraph a line.
fn article_body(body: &str, base: Option<&url::Url>, dir: Option<Direction>) -> Structure {
    let html = if body.contains("</p>") || body.contains("<br") {
        body.to_string()
    } else {
        let mut html = String::with_capacity(body.len() + 64);
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            html.push_str("<p>");
            // (entities, which JSON-LD often keeps, are read as HTML's)
            html.push_str(&line.replace('<', "&lt;"));
            html.push_str("</p>");
        }
        html
    };
    structure::blocks(&html, base, dir)
}

/// How many letters and digits the text blocks hold (words are no
/// measure for scripts written without spaces).
fn letters(s: &Structure) -> usize {
    s.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Image)
        .map(|b| b.text.chars().filter(|c| c.is_alphanumeric()).count())
        .sum()
}

fn nonempty(s: &str) -> Option<String> {
    let s = structure::clean(s);
    (!s.is_empty()).then_some(s)
}

/// About how many elements `html` has (its start tags).
fn count_elements(html: &str) -> usize {
    memchr::memchr_iter(b'<', html.as_bytes())
        .filter(|&i| {
            html.as_bytes()
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic())
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_pages_are_read_by_the_fallback_in_bounded_time() {
        // more elements than Readability is given: the linear fallback
        let unit =
            "<div><p>نص الخبر في فقرة <a href=\"/a\">رابط</a> مع كلمات أخرى كثيرة.</p></div>";
        let html = format!("<html><body>{}</body></html>", unit.repeat(MAX_ELEMENTS));
        let start = std::time::Instant::now();
        let page = extract(&html, Some("https://x.example/"));
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(page.blocks.len(), MAX_ELEMENTS);
        assert_eq!(page.links, ["https://x.example/a"]);
        // past the size cap, the rest is not read
        let big = format!(
            "<html><body>{}</body></html>",
            "<p>كلمة</p>".repeat(MAX_HTML_BYTES / 8)
        );
        let page = extract(&big, None);
        assert!(page.blocks.len() < MAX_HTML_BYTES / 8);
    }
}

#[cfg(test)]
mod article_body_tests {
    use super::*;

    #[test]
    fn the_json_ld_article_body_when_the_page_shows_a_part_only() {
        let sentence = "وقال الوزير إن المحادثات بين البلدين تناولت الطاقة والتجارة والاستثمار.";
        let whole: Vec<String> = (0..30).map(|i| format!("{sentence} ({i})")).collect();
        let json = serde_json::json!({
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "محادثات", "articleBody": whole.join("\n"),
        });
        let html = format!(
            r#"<html lang="ar"><head><script type="application/ld+json">{json}</script></head>
            <body><article><h1>محادثات</h1><p>{}</p><p>{}</p><div class="paywall">اشترك لتقرأ المزيد</div></article></body></html>"#,
            whole[0], whole[1]
        );
        let page = extract(&html, None);
        assert_eq!(page.blocks.len(), 30, "{:?}", page.blocks);
        assert_eq!(page.blocks[29].text, whole[29]);
        // a page that shows its whole article keeps what Readability found
        let html = format!(
            r#"<html><head><script type="application/ld+json">{json}</script></head>
            <body><article><h1>محادثات</h1>{}</article></body></html>"#,
            whole
                .iter()
                .map(|p| format!("<p><a href=\"/x\">{p}</a> بقية</p>"))
                .collect::<String>()
        );
        let page = extract(&html, Some("https://x.example/a"));
        assert!(
            page.blocks.iter().all(|b| b.text.ends_with("بقية")),
            "{:?}",
            page.blocks
        );
    }
}
