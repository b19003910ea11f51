//! OPML subscription lists (what other feed readers export and import):
//! the `xmlUrl` of every `<outline>`, at any depth, in order, each once,
//! with the folders (outlines without a feed) it is in; and the list
//! khabar writes of its own feeds, nested by folder.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::LoadError;
use super::fetch::is_url;

/// One feed of a subscription list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpmlFeed {
    pub url: String,
    pub title: Option<String>,
    /// The folders it is in, outermost first (none at the top level).
    pub folder: Vec<String>,
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
    // the outlines open around the one read: a folder's title, or None
    // for an outline that is a feed (or names nothing)
    let mut open: Vec<Option<String>> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            bad(format!(
                "not a valid OPML file (at byte {}): {e}",
                reader.buffer_position()
            ))
        })?;
        let opens = matches!(event, Event::Start(_));
        match event {
            Event::End(e) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                open.pop();
            }
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
                let folder: Vec<String> = open.iter().flatten().cloned().collect();
                if opens {
                    open.push(match &url {
                        None => title.clone().filter(|t| !t.is_empty()),
                        Some(_) => None,
                    });
                }
                match url {
                    Some(u) if is_url(&u) => {
                        if !seen.insert(u.clone()) {
                            continue;
                        }
                        feeds.push(OpmlFeed {
                            url: u,
                            title: title.filter(|t| !t.is_empty()),
                            folder,
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

/// An OPML 2.0 document listing `feeds`, each inside the outlines of its
/// folders (consecutive feeds of a folder share them; feeds without one
/// at the top level, after the folders). Text is escaped for XML, and the
/// characters XML cannot hold (controls) are left out.
pub fn write_opml(feeds: &[OpmlFeed], title: &str) -> String {
    let mut sorted: Vec<&OpmlFeed> = feeds.iter().collect();
    // folders first, grouped (a stable sort: the feeds' order within)
    sorted.sort_by(|a, b| (a.folder.is_empty(), &a.folder).cmp(&(b.folder.is_empty(), &b.folder)));
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str(&format!(
        "  <head>\n    <title>{}</title>\n    <dateCreated>{}</dateCreated>\n  </head>\n  <body>\n",
        xml(title),
        chrono::Utc::now().to_rfc2822()
    ));
    let mut path: Vec<&str> = Vec::new();
    for f in sorted {
        let want: Vec<&str> = f.folder.iter().map(String::as_str).collect();
        let common = path.iter().zip(&want).take_while(|(a, b)| a == b).count();
        while path.len() > common {
            path.pop();
            out.push_str(&"  ".repeat(path.len() + 2));
            out.push_str("</outline>\n");
        }
        for name in &want[common..] {
            out.push_str(&"  ".repeat(path.len() + 2));
            out.push_str(&format!(
                "<outline text=\"{0}\" title=\"{0}\">\n",
                xml(name)
            ));
            path.push(name);
        }
        let title = f.title.as_deref().unwrap_or(&f.url);
        out.push_str(&"  ".repeat(path.len() + 2));
        out.push_str(&format!(
            "<outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\"/>\n",
            xml(title),
            xml(&f.url)
        ));
    }
    while !path.is_empty() {
        path.pop();
        out.push_str(&"  ".repeat(path.len() + 2));
        out.push_str("</outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// `s` as XML attribute or element text: the five special characters
/// escaped, the characters XML 1.0 forbids (C0 controls but tab, newline
/// and return; U+FFFE, U+FFFF) dropped, and new lines as spaces.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
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
                    title: Some("الجزيرة".into()),
                    folder: vec!["أخبار".into()],
                },
                OpmlFeed {
                    url: "https://example.com/b.xml?x=1&y=2".into(),
                    title: Some("BBC عربي".into()),
                    folder: vec!["أخبار".into()],
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

    #[test]
    fn written_lists_read_back_with_their_folders() {
        let feeds = vec![
            OpmlFeed {
                url: "https://a.example/rss?x=1&y=\"2\"".into(),
                title: Some("أخبار <عاجلة> & \u{1b}[31m".into()),
                folder: vec!["عربي".into(), "خليج".into()],
            },
            OpmlFeed {
                url: "https://b.example/feed".into(),
                title: None,
                folder: vec![],
            },
            OpmlFeed {
                url: "https://c.example/atom".into(),
                title: Some("تقنية".into()),
                folder: vec!["عربي".into()],
            },
            OpmlFeed {
                url: "https://d.example/rss".into(),
                title: Some("الخليج".into()),
                folder: vec!["عربي".into(), "خليج".into()],
            },
        ];
        let doc = write_opml(&feeds, "khabar");
        assert!(!doc.contains('\u{1b}'), "{doc}");
        let (back, skipped) = parse_opml("out.opml", &doc).unwrap();
        assert_eq!(skipped, 0);
        let mut want = feeds.clone();
        want[0].title = Some("أخبار <عاجلة> & [31m".into());
        want[1].title = Some("https://b.example/feed".into());
        // grouped by folder: عربي's own, then its folder خليج (the two
        // together), then the one at the top level
        let order = [2, 0, 3, 1];
        assert_eq!(
            back,
            order.iter().map(|&i| want[i].clone()).collect::<Vec<_>>()
        );
    }
}
