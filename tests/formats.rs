//! Articles from every format khabar reads, through the real binary: plain
//! text, Markdown, HTML, RSS/Atom/JSON feeds, in UTF-8, UTF-16 and the
//! legacy Arabic encodings, with harakat and English mixed in.

mod common;

fn dir(name: &str, files: &[(&str, Vec<u8>)]) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("khabar-formats-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    for (n, b) in files {
        std::fs::write(d.join(n), b).unwrap();
    }
    d
}

fn titles(d: &std::path::Path) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&common::facts_json(&[d])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let path = a["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            (path, a["title"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn every_format_and_encoding_gives_its_articles() {
    let utf16: Vec<u8> = {
        let mut b = vec![0xFF, 0xFE];
        for u in "عنوانٌ بالـUTF-16\nنصّ الخبر مع English words.".encode_utf16()
        {
            b.extend_from_slice(&u.to_le_bytes());
        }
        b
    };
    let win1256 = {
        let mut b = b"<?xml version=\"1.0\" encoding=\"windows-1256\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>".to_vec();
        b.extend(encoding_rs::WINDOWS_1256.encode("وكالة الأنباء").0.iter());
        b.extend(b"</title><entry><title>");
        b.extend(encoding_rs::WINDOWS_1256.encode("خبر بترميز قديم").0.iter());
        b.extend(b"</title><content type=\"html\">&lt;p&gt;");
        b.extend(
            encoding_rs::WINDOWS_1256
                .encode("اتفق الجانبان على التعاون")
                .0
                .iter(),
        );
        b.extend(b"&lt;/p&gt;</content></entry></feed>");
        b
    };
    let iso = {
        let mut b = b"<html><head><meta charset=\"iso-8859-6\"><title>".to_vec();
        b.extend(encoding_rs::ISO_8859_6.encode("صفحة قديمة").0.iter());
        b.extend(b"</title></head><body><p>");
        b.extend(encoding_rs::ISO_8859_6.encode("نص الصفحة").0.iter());
        b.extend(b"</p></body></html>");
        b
    };
    let d = dir("all", &[
        ("a.txt", "عنوان نصي\nفقرةٌ مُشَكَّلة مع NATO.".as_bytes().to_vec()),
        ("b.md", "---\ntitle: عنوان ماركداون\nsource: الجزيرة\n---\nفقرة **مهمة**.".as_bytes().to_vec()),
        ("c.html", r#"<html><head><meta property="og:title" content="عنوان صفحة"></head><body><article dir="rtl"><p>Apple أعلنت اليوم.</p></article></body></html>"#.as_bytes().to_vec()),
        ("d.xml", r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع</title><item><title>الخبر الأول</title><description>نص</description></item><item><title>الخبر الثاني</title><description>نص آخر</description></item></channel></rss>"#.as_bytes().to_vec()),
        ("e.json", r#"{"version":"https://jsonfeed.org/version/1.1","title":"موقع","items":[{"id":"1","title":"خبر JSON","content_text":"نص"}]}"#.as_bytes().to_vec()),
        ("f.txt", utf16),
        ("g.atom", win1256),
        ("h.html", iso),
    ]);
    let got = titles(&d);
    let titles: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "عنوان نصي",
            "عنوان ماركداون",
            "عنوان صفحة",
            "الخبر الأول",
            "الخبر الثاني",
            "خبر JSON",
            "عنوانٌ بالـUTF-16",
            "خبر بترميز قديم",
            "صفحة قديمة"
        ]
    );
    // a feed's items are numbered after the file
    assert!(got.iter().any(|(p, _)| p == "d.xml#2"));
    // the HTML paragraph under dir="rtl" is right-to-left although it starts with Latin
    let html = d.join("c.html");
    let out = common::khabar()
        .args(["render", "--plain", "--width", "40"])
        .arg(&html)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let para = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .nth(1)
        .unwrap();
    assert_eq!(
        unicode_width::UnicodeWidthStr::width(para),
        40,
        "right-aligned: {para:?}"
    );
    // the legacy feed's text was decoded, not mangled
    let out = common::khabar()
        .args(["render", "--plain", "--width", "200"])
        .arg(d.join("g.atom"))
        .output()
        .unwrap();
    let shown = String::from_utf8(out.stdout).unwrap();
    let expected = khabar::text::fit_line(
        "اتفق الجانبان على التعاون",
        200,
        khabar::text::Order::Visual,
    )
    .text;
    assert!(shown.contains(&expected), "{shown}");
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_broken_feed_is_a_clear_error_and_the_rest_loads() {
    let d = dir(
        "broken",
        &[
            ("bad.xml", b"<rss><channel><item><title>x".to_vec()),
            ("ok.txt", "عنوان\nنص".as_bytes().to_vec()),
        ],
    );
    let out = common::khabar()
        .args(["facts", "--json"])
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bad.xml: not a feed"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    std::fs::remove_dir_all(&d).unwrap();
}
