//! OPML subscription lists (what other feed readers export): the `xmlUrl`
//! of every `<outline>`, at any depth, in order, each once.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::LoadError;
use super::fetch::is_url;

/// One feed of a subscription list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpmlFeed {
    pub url: String,
    pub title: Option<String>,
}

/// The feeds listed in an OPML document, or why it cannot be read.
/// Outlines whose `xmlUrl` is not an http(s) URL are skipped and counted.
pub fn parse_opml(name: &str, text: &str) -> Result<(Vec<OpmlFeed>, usize), LoadError> {
    let bad = |m: String| LoadError::NotOpml(name.to_string(), m);
    let mut reader = Reader::from_str(text);
    let mut feeds: Vec<OpmlFeed> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut skipped = 0;
    let mut seen_opml = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            bad(format!(
                "not a valid OPML file (at byte {}): {e}",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                if name.as_ref().eq_ignore_ascii_case("opml") {
                    seen_opml = true;
                }
                if !name.as_ref().eq_ignore_ascii_case("outline") {
                    continue;
                }
                let mut url = None;
                let mut title = None;
                for attr in e.attributes().flatten() {
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.trim().to_string())
                        .unwrap_or_default();
                    match attr.key.local_name().as_ref() {
                        "xmlUrl" | "xmlurl" => url = Some(value),
                        "title" => title = Some(value),
                        "text" if title.is_none() => title = Some(value),
                        _ => {}
                    }
                }
                match url {
                    Some(u) if is_url(&u) => {
                        if !seen.insert(u.clone()) {
                            continue;
                        }
                        feeds.push(OpmlFeed {
                            url: u,
                            title: title.filter(|t| !t.is_empty()),
                        });
                    }
                    Some(_) => skipped += 1,
                    None => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_opml {
        return Err(bad("not an OPML file (no <opml> element)".to_string()));
    }
    Ok((feeds, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_in_order_each_once() {
        let doc = r#"<?xml version="1.0"?><opml version="2.0"><head><title>اشتراكاتي</title></head><body>
            <outline text="أخبار"><outline text="الجزيرة" type="rss" xmlUrl="https://example.com/a.xml"/>
            <outline title="BBC عربي" xmlUrl="https://example.com/b.xml?x=1&amp;y=2"/></outline>
            <outline text="مكرر" xmlUrl="https://example.com/a.xml"/>
            <outline text="ملف" xmlUrl="file:///etc/passwd"/></body></opml>"#;
        let (feeds, skipped) = parse_opml("f.opml", doc).unwrap();
        assert_eq!(
            feeds,
            [
                OpmlFeed {
                    url: "https://example.com/a.xml".into(),
                    title: Some("الجزيرة".into())
                },
                OpmlFeed {
                    url: "https://example.com/b.xml?x=1&y=2".into(),
                    title: Some("BBC عربي".into())
                },
            ]
        );
        assert_eq!(skipped, 1);
    }

    #[test]
    fn broken_or_foreign_documents_are_refused() {
        assert!(parse_opml("f.opml", "<opml><body><outline").is_err());
        assert!(parse_opml("f.opml", "<rss><channel/></rss>").is_err());
        assert!(parse_opml("f.opml", "").is_err());
    }
}
