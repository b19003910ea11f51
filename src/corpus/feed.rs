//! RSS 0.9x/1.0/2.0, Atom and JSON Feed: one article per item, with its
//! title, link, date, the feed's title as source, and the item's HTML
//! turned into paragraphs.

use super::html;
use super::{Article, LoadError};
use crate::text::direction;

/// Parse a feed (already decoded to text). `name` names it in articles'
/// paths (`name#1`, `name#2`...).
pub fn parse_feed(name: &str, text: &str) -> Result<Vec<Article>, LoadError> {
    // the text is UTF-8 now, whatever the prolog said
    let text = utf8_prolog(text);
    let feed = feed_rs::parser::parse(text.as_bytes())
        .map_err(|e| LoadError::NotAFeed(format!("{name}: not a feed: {e}")))?;
    let source = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|s| !s.is_empty());
    let dir = feed.language.as_deref().and_then(direction::of_language);
    let mut articles = Vec::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        let title = entry
            .title
            .as_ref()
            .map(|t| plain(&t.content))
            .unwrap_or_default();
        let body_html = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let paragraphs = html::extract(&format!("<body>{body_html}</body>")).paragraphs;
        let paragraphs = if paragraphs.is_empty() {
            vec![plain(&body_html)]
        } else {
            paragraphs
        };
        // the feed's language: the direction of paragraphs whose words
        // tell none
        let mut text = direction::marked(title.clone(), dir);
        for p in paragraphs.into_iter().filter(|p| !p.is_empty()) {
            text.push('\n');
            text.push_str(&direction::marked(p, dir));
        }
        let mut a = Article::from_plain_text(format!("{name}#{}", i + 1), &text);
        a.source = source.clone();
        let when = entry.published.or(entry.updated);
        a.date = when.map(|d| d.format("%Y-%m-%d").to_string());
        a.published = when.map(|d| d.timestamp());
        a.url = entry.links.first().map(|l| l.href.clone());
        a.author = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().or(p.email.as_deref()))
            .map(plain)
            .find(|n| !n.is_empty());
        a.categories = entry
            .categories
            .iter()
            .map(|c| plain(c.label.as_deref().unwrap_or(&c.term)))
            .filter(|c| !c.is_empty())
            .collect();
        articles.push(a);
    }
    Ok(articles)
}

/// Text of a bit of HTML (titles may carry markup or entities).
fn plain(html_text: &str) -> String {
    if !html_text.contains('<') && !html_text.contains('&') {
        return html_text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let doc = scraper::Html::parse_fragment(html_text);
    doc.root_element()
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn utf8_prolog(text: &str) -> std::borrow::Cow<'_, str> {
    let t = text.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    let mut out = match t.strip_prefix("<?xml").and_then(|_| t.find("?>")) {
        // the declaration ends at the first `?>`, however far (as the
        // parser reads it)
        Some(end) => {
            let mut s = String::with_capacity(t.len() + 40);
            s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            s.push_str(&t[end + 2..]);
            s
        }
        _ => {
            if !text.contains("<?xml") {
                return std::borrow::Cow::Borrowed(text);
            }
            text.to_string()
        }
    };
    // A declaration past the start is malformed XML, and the parser
    // panics on one that names an encoding: it goes.
    // (found in bytes: ASCII, so every place found is a character boundary)
    let mut from = 1;
    while let Some(at) =
        memchr::memmem::find(&out.as_bytes()[from.min(out.len())..], b"<?xml").map(|p| p + from)
    {
        let after = out.as_bytes().get(at + 5).copied();
        if after.is_some_and(|c| c.is_ascii_whitespace() || c == b'?') {
            let end = memchr::memmem::find(&out.as_bytes()[at..], b"?>")
                .map_or(out.len(), |e| at + e + 2);
            out.replace_range(at..end, "");
            from = at;
        } else {
            from = at + 5;
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_articles() {
        let rss = r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>الجزيرة نت</title>
            <item><title>اتفاق جديد</title><link>https://example.com/1</link><pubDate>Thu, 13 Jan 2022 10:00:00 GMT</pubDate>
            <author>news@example.com (سارة أحمد)</author><category>سياسة</category><category>الخليج</category>
            <description><![CDATA[<p>اتفق البلدان على <b>التعاون</b>.</p><p>وقال NATO إن الاتفاق مهم.</p>]]></description></item>
            <item><title>خبر ثان</title><description>نص قصير</description></item></channel></rss>"#;
        let a = parse_feed("feed.xml", rss).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].title, "اتفاق جديد");
        assert_eq!(a[0].source.as_deref(), Some("الجزيرة نت"));
        assert_eq!(a[0].date.as_deref(), Some("2022-01-13"));
        assert_eq!(a[0].url.as_deref(), Some("https://example.com/1"));
        assert!(
            a[0].author
                .as_deref()
                .is_some_and(|n| n.contains("سارة أحمد"))
        );
        assert_eq!(a[0].categories, ["سياسة", "الخليج"]);
        assert_eq!((a[1].author.as_deref(), a[1].categories.len()), (None, 0));
        assert_eq!(
            a[0].paragraph_texts().collect::<Vec<_>>(),
            ["اتفق البلدان على التعاون.", "وقال NATO إن الاتفاق مهم."]
        );
        assert_eq!(a[1].paragraph_texts().collect::<Vec<_>>(), ["نص قصير"]);
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة</title>
            <entry><title>عنوان أتوم</title><updated>2022-01-14T00:00:00Z</updated><content type="html">&lt;p&gt;فقرة مُشكّلة&lt;/p&gt;</content></entry></feed>"#;
        let a = parse_feed("a.atom", atom).unwrap();
        assert_eq!(a[0].title, "عنوان أتوم");
        assert_eq!(a[0].paragraph_texts().collect::<Vec<_>>(), ["فقرة مُشكّلة"]);
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "موقع", "items": [{"id": "1", "title": "خبر JSON", "content_html": "<p>نص</p>"}]}"#;
        let a = parse_feed("f.json", json).unwrap();
        assert_eq!(a[0].title, "خبر JSON");
        assert!(parse_feed("bad.xml", "<rss><channel><item>").is_err());
    }
}
