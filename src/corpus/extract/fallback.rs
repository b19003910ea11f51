//! The page read whole, for when Readability finds no article (a page too
//! large for it, a page of short paragraphs, text in bare `<div>`s): every
//! block of the body except what is plainly no article (navigation,
//! headers, footers, side bars, comments, share bars, by their element or
//! their class and id), then without the blocks that are mostly links
//! (menus, lists of other articles).

use scraper::{ElementRef, Html};

use super::structure::{self, Structure};
use crate::text::{BlockKind, Direction};

/// Fewer letters than this from Readability (about 40 words), and the
/// fallback is tried.
pub const FEW_LETTERS: usize = 200;

/// Elements that are no article.
const AROUND: &[&str] = &["nav", "header", "footer", "aside", "menu"];

/// Words in a class or id that mark what is around an article; and those
/// that mark the article itself (they win).
const NEGATIVE: &[&str] = &[
    "comment",
    "share",
    "social",
    "related",
    "sidebar",
    "menu",
    "navbar",
    "breadcrumb",
    "footer",
    "masthead",
    "advert",
    "promo",
    "newsletter",
    "cookie",
    "popup",
    "subscribe",
    "widget",
    "sponsor",
    "outbrain",
    "taboola",
    "disqus",
    "tags",
    "pagination",
];
const POSITIVE: &[&str] = &[
    "article", "content", "story", "entry", "post", "main", "body", "text",
];

/// Is `e` around the article rather than in it?
pub fn is_boilerplate(e: &ElementRef) -> bool {
    let v = e.value();
    if AROUND.contains(&v.name()) {
        return true;
    }
    let mut names = String::new();
    for a in ["class", "id", "role"] {
        if let Some(s) = v.attr(a) {
            names.push_str(&s.to_ascii_lowercase());
            names.push(' ');
        }
    }
    if names.is_empty() {
        return false;
    }
    if names.contains("navigation")
        || names.contains("complementary")
        || names.contains("contentinfo")
    {
        return true;
    }
    NEGATIVE.iter().any(|n| names.contains(n)) && !POSITIVE.iter().any(|p| names.contains(p))
}

/// The blocks of the whole page, boilerplate left out.
pub fn read(html: &str, base: Option<&url::Url>, dir: Option<Direction>) -> Structure {
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    let mut s = structure::blocks_skipping(root, base, dir, is_boilerplate);
    // blocks that are mostly links are menus and lists of other pages
    s.blocks.retain(|b| {
        b.kind == BlockKind::Image || b.kind == BlockKind::Heading || b.linked * 2 < b.text.len()
    });
    drop_unused_links(&mut s);
    s
}

/// Renumber the links after blocks were dropped: only those still cited,
/// in order.
fn drop_unused_links(s: &mut Structure) {
    let mut map = std::collections::HashMap::new();
    let mut links = Vec::new();
    for b in &mut s.blocks {
        let mut text = String::with_capacity(b.text.len());
        let mut marks = Vec::new();
        let mut at = 0;
        for m in &b.marks {
            text.push_str(&b.text[at..m.start]);
            let old: usize = b.text[m.start + 1..m.end - 1].parse().unwrap_or(0);
            let new = *map.entry(old).or_insert_with(|| {
                links.push(
                    s.links
                        .get(old.wrapping_sub(1))
                        .cloned()
                        .unwrap_or_default(),
                );
                links.len()
            });
            let start = text.len();
            text.push_str(&format!("[{new}]"));
            marks.push(start..text.len());
            at = m.end;
        }
        text.push_str(&b.text[at..]);
        b.text = text;
        b.marks = marks;
    }
    let kept: std::collections::HashSet<&String> = links.iter().collect();
    s.images.retain(|i| kept.contains(&i.src));
    s.links = links;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_and_comments_are_left_out() {
        let html = r#"<html><body><div class="menu"><a href="/a">الرئيسية</a> <a href="/b">سياسة</a></div>
            <ul><li><a href="/c">خبر آخر</a></li><li><a href="/d">خبر ثالث</a></li></ul>
            <div>نص الخبر الأول في سطر.<br>والسطر الثاني بعد الفاصل <a href="/e">هنا</a> مع كلمات كثيرة.</div>
            <div id="comments"><p>تعليق قارئ</p></div></body></html>"#;
        let s = read(
            html,
            Some(&url::Url::parse("https://x.example/").unwrap()),
            None,
        );
        let texts: Vec<&str> = s.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "نص الخبر الأول في سطر.",
                "والسطر الثاني بعد الفاصل هنا[1] مع كلمات كثيرة."
            ]
        );
        assert_eq!(s.links, ["https://x.example/e"]);
    }
}
