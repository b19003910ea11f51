//! RSS 0.9x/1.0/2.0, Atom and JSON Feed: one article per item, with its
//! title, link, date, the feed's title as source, the item's HTML read
//! through the same structure as a page's (headings, lists, quotes, links
//! numbered), and what else the item says: author, categories, enclosures
//! (audio, video), its image.

use super::Article;
use super::LoadError;
use super::article::{Enclosure, numbered_links};
use super::extract::structure;
use crate::text::{BlockKind, direction};

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
    let feed_base = url::Url::parse(name).ok();
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
        let link = entry.links.first().map(|l| l.href.clone());
        let base = link
            .as_deref()
            .and_then(|l| match &feed_base {
                Some(b) => b.join(l).ok(),
                None => url::Url::parse(l).ok(),
            })
            .or_else(|| feed_base.clone());
        let lang = entry.language.clone().or_else(|| feed.language.clone());
        let dir = lang.as_deref().and_then(direction::of_language).or(dir);
        // the feed's language: the direction of paragraphs whose words
        // tell none
        let mut s = structure::blocks(&body_html, base.as_ref(), dir);
        if s.blocks.is_empty() {
            let p = plain(&body_html);
            if !p.is_empty() {
                s.blocks.push(structure::PageBlock {
                    kind: BlockKind::Paragraph,
                    text: direction::marked(p, dir),
                    marks: Vec::new(),
                    linked: 0,
                    prefix: 0,
                });
            }
        }
        let enclosures = enclosures_of(entry);
        let mut links = s.links.clone();
        links.extend(enclosures.iter().map(|e| e.url.clone()));
        let refs = numbered_links(&links);
        let title = direction::marked(title, dir);
        let mut a = Article::from_blocks(
            format!("{name}#{}", i + 1),
            &title,
            s.blocks
                .iter()
                .map(|b| (b.kind, b.text.as_str()))
                .chain(refs.iter().map(|r| (BlockKind::LinkRef, r.as_str()))),
        );
        a.source = source.clone();
        let when = entry.published.or(entry.updated);
        a.date = when.map(|d| d.format("%Y-%m-%d").to_string());
        a.published = when.map(|d| d.timestamp());
        // the link as the feed wrote it when it is absolute (what earlier
        // refreshes stored it under), else made absolute
        a.url = link.as_ref().and_then(|l| {
            if url::Url::parse(l).is_ok() {
                Some(l.clone())
            } else {
                base.as_ref().map(|u| u.to_string())
            }
        });
        a.extra.author = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().or(p.email.as_deref()))
            .map(plain)
            .find(|n| !n.is_empty());
        a.extra.categories = entry
            .categories
            .iter()
            .map(|c| plain(c.label.as_deref().unwrap_or(&c.term)))
            .filter(|c| !c.is_empty())
            .take(20)
            .collect();
        a.extra.enclosures = enclosures;
        a.extra.image = entry
            .media
            .iter()
            .flat_map(|m| {
                m.content
                    .iter()
                    .filter(|c| c.content_type.as_ref().is_some_and(|t| t.ty() == "image"))
                    .filter_map(|c| c.url.as_ref().map(|u| u.to_string()))
                    .chain(m.thumbnails.iter().map(|t| t.image.uri.clone()))
            })
            .next();
        a.extra.lang = lang;
        articles.push(a);
    }
    Ok(articles)
}

/// The audio and video an item carries (RSS enclosures, Media RSS).
fn enclosures_of(entry: &feed_rs::model::Entry) -> Vec<Enclosure> {
    let mut out: Vec<Enclosure> = Vec::new();
    for m in &entry.media {
        for c in &m.content {
            let Some(url) = &c.url else { continue };
            let mime = c.content_type.as_ref().map(|t| t.to_string());
            let media = mime
                .as_deref()
                .is_some_and(|t| t.starts_with("audio/") || t.starts_with("video/"));
            if !media || out.iter().any(|e| e.url == url.as_str()) {
                continue;
            }
            out.push(Enclosure {
                url: url.to_string(),
                mime,
                bytes: c.size,
                seconds: c.duration.or(m.duration).map(|d| d.as_secs()),
            });
        }
    }
    out
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
            a[0].extra
                .author
                .as_deref()
                .is_some_and(|n| n.contains("سارة أحمد"))
        );
        assert_eq!(a[0].extra.categories, ["سياسة", "الخليج"]);
        assert_eq!(
            (a[1].extra.author.as_deref(), a[1].extra.categories.len()),
            (None, 0)
        );
        assert_eq!(
            a[0].paragraph_texts().collect::<Vec<_>>(),
            ["اتفق البلدان على التعاون.", "وقال NATO إن الاتفاق مهم."]
        );
        assert_eq!(a[1].paragraph_texts().collect::<Vec<_>>(), ["نص قصير"]);
    }

    #[test]
    fn author_categories_enclosures_and_structure() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>إذاعة</title><language>ar</language>
            <item><title>حلقة</title><link>https://radio.example/ep1</link><author>a@b.c (سارة علي)</author>
            <category>سياسة</category><category>اقتصاد</category>
            <enclosure url="https://radio.example/ep1.mp3" length="12345678" type="audio/mpeg"/>
            <itunes:duration>34:10</itunes:duration>
            <description><![CDATA[<h2>المحاور</h2><ul><li>الأول</li><li>الثاني</li></ul><p>انظر <a href="/more">المزيد</a></p>]]></description></item></channel></rss>"#;
        let a = &parse_feed("https://radio.example/feed.xml", rss).unwrap()[0];
        assert_eq!(a.extra.categories, ["سياسة", "اقتصاد"]);
        assert!(
            a.extra
                .author
                .as_deref()
                .is_some_and(|x| x.contains("سارة علي")),
            "{:?}",
            a.extra.author
        );
        assert_eq!(a.extra.enclosures.len(), 1);
        let e = &a.extra.enclosures[0];
        assert_eq!(e.mime.as_deref(), Some("audio/mpeg"));
        assert_eq!(e.bytes, Some(12345678));
        assert!(
            a.meta_line().contains("audio/mpeg 12.3 MB"),
            "{}",
            a.meta_line()
        );
        assert_eq!(
            a.kinds,
            [
                BlockKind::Heading,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph,
                BlockKind::LinkRef,
                BlockKind::LinkRef
            ]
        );
        assert_eq!(
            a.links(),
            [
                "https://radio.example/more",
                "https://radio.example/ep1.mp3"
            ]
        );
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
