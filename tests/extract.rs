//! `khabar extract`: the article of pages in the shapes that broke the old
//! extractor (Arabic pages made for these tests, in tests/pages): the body
//! inside a `<form>`, teaser `<article>`s before the story, comments as
//! `<article>`s in `<li>`s, text in `<div>`s and after `<br>`, a `<pre>`, a
//! `<meta charset>` that UTF-8 contradicts, windows-1256; and structure
//! kept (headings, a list, a quote, numbered links, identical paragraphs,
//! harakat) from a page with no `<title>`.

mod common;

/// The sentences every test page's article has (each page adds its own
/// word in brackets).
const SENTENCES: [&str; 5] = [
    "اتفق وزير الخارجية الأردني أيمن الصفدي ونظيره المصري سامح شكري",
    "وقال الصفدي في مؤتمر صحفي مشترك إن البلدين وقعا ثماني مذكرات تفاهم",
    "من جهته، أكد شكري أن القاهرة ترفض أي محاولة لتهجير الفلسطينيين",
    "وأضاف أن الجانبين بحثا كذلك مشروع الربط الكهربائي",
    "وتأتي زيارة الوزير المصري في إطار جولة إقليمية",
];

/// What is around the articles and must not be in them.
const AROUND: [&str; 8] = [
    "الرئيسية",
    "جميع الحقوق محفوظة",
    "الأكثر قراءة",
    "اشترك",
    "عنوان تشويقي",
    "تعليق القارئ",
    "سياسة الخصوصية",
    "قارئ 1",
];

fn page(name: &str) -> String {
    common::root()
        .join("tests/pages")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn extract_json(name: &str) -> serde_json::Value {
    let out = common::khabar()
        .args(["extract", "--json", &page(name)])
        .output()
        .unwrap();
    assert!(out.status.success(), "{name}: {out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap()[0].clone()
}

#[test]
fn the_article_of_every_shape_that_broke() {
    for (name, title, word) in [
        ("form.html", "اتفاق أردني مصري داخل نموذج", "(نموذج)"),
        ("teasers.html", "مقالات تشويقية قبل الخبر", "(تشويق)"),
        ("comments.html", "تعليقات القراء بعد الخبر", "(تعليقات)"),
        ("divs.html", "نص في عناصر div وبعد الفواصل", "(فواصل)"),
        ("pre.html", "بيان مشترك بنص مسبق التنسيق", "(مسبق)"),
        ("wrong-charset.html", "ترميز معلن خاطئ", "(ترميز)"),
        ("windows-1256.html", "صفحة بترميز ويندوز العربي", "(ويندوز)"),
    ] {
        let v = extract_json(name);
        assert_eq!(v["title"], title, "{name}");
        assert_eq!(v["dir"], "rtl", "{name}");
        assert_eq!(v["lang"], "ar", "{name}");
        let text = v["text"].as_str().unwrap();
        for s in SENTENCES {
            assert!(text.contains(s), "{name}: {s:?} missing from {text}");
        }
        assert_eq!(text.matches(word).count(), 5, "{name}: {text}");
        for a in AROUND {
            assert!(!text.contains(a), "{name}: {a:?} in {text}");
        }
        assert!(!text.contains('\u{FFFD}'), "{name}: mojibake");
    }
    // the form's date, from its <time>
    assert_eq!(extract_json("form.html")["date"], "2024-03-10");
}

#[test]
fn structure_links_and_metadata_without_a_title_element() {
    let v = extract_json("structure.html");
    // the title from JSON-LD, never the first paragraph
    assert_eq!(v["title"], "خطة الطاقة المشتركة بين البلدين");
    assert_eq!(v["byline"], "ليلى حسن");
    assert_eq!(v["date"], "2024-04-02");
    assert_eq!(
        v["links"],
        serde_json::json!([
            "https://energy.example/plan",
            "https://news.example/minister"
        ])
    );
    let text = v["text"].as_str().unwrap();
    // identical consecutive paragraphs both kept, harakat kept, no link numbers
    assert_eq!(
        text.matches("تكرار متعمد لفقرة قصيرة.").count(),
        2,
        "{text}"
    );
    assert!(text.contains("«إِنَّ التَّعَاوُنَ بَيْنَ بَلَدَيْنَا"), "{text}");
    assert!(!text.contains("[1]"), "{text}");
    // plain, piped: logical order, blank lines between blocks, none inside
    // the list, the numbered links last
    let out = common::khabar()
        .args(["extract", &page("structure.html")])
        .output()
        .unwrap();
    let plain = String::from_utf8(out.stdout).unwrap();
    let want = "خطة الطاقة المشتركة بين البلدين\n\n";
    assert!(plain.starts_with(want), "{plain}");
    assert!(
        plain.contains("خطة الطاقة[1] (بنية)\n\nأبرز البنود\n\n• ربط الشبكتين الكهربائيتين بحلول عام ٢٠٢٦\n• إنشاء منطقة تجارية حرة على الحدود\n• تبادل"),
        "{plain}"
    );
    assert!(plain.contains("في كلمته[2]."), "{plain}");
    assert!(
        plain.ends_with("\n\n[1] https://energy.example/plan\n[2] https://news.example/minister\n"),
        "{plain}"
    );
}

#[test]
fn a_missing_page_is_said_and_the_others_printed() {
    let out = common::khabar()
        .args(["extract", "/nonexistent/page.html", &page("divs.html")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/page.html"));
    assert!(String::from_utf8_lossy(&out.stdout).contains(SENTENCES[0]));
}
