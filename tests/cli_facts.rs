//! `khabar facts` as scripts use it: the JSON shape, the text table, the
//! CoNLL mode, and bad input.

mod common;

use std::process::Output;

fn facts(args: &[&str]) -> Output {
    common::khabar().arg("facts").args(args).output().unwrap()
}

fn tempfile(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("khabar-facts-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn json_has_the_documented_shape() {
    let out = facts(&["--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = v.as_array().unwrap();
    assert_eq!(articles.len(), 2, "no PATH: the two seeds");
    let text = khabar::corpus::seeds::seed_articles()[0].text.clone();
    for a in articles {
        assert!(a["path"].as_str().unwrap().starts_with("seeds/"));
        assert!(a["title"].is_string());
        for actor in a["actors"].as_array().unwrap() {
            assert!(actor["name"].is_string());
            assert!(
                ["person", "country", "organization", "group", "place"]
                    .contains(&actor["kind"].as_str().unwrap())
            );
            assert!(actor["role"].is_null() || actor["role"].is_string());
            assert!(actor["aliases"].is_array());
            assert!(actor["mentions"].as_u64().unwrap() >= 1);
        }
        for g in a["agreements"].as_array().unwrap() {
            let kinds = [
                "agreement",
                "support",
                "rejection",
                "announcement",
                "affirmation",
                "discussion",
                "disagreement",
            ];
            assert!(kinds.contains(&g["kind"].as_str().unwrap()));
            assert!(g["verb"].is_string() && g["text"].is_string());
            assert!(!g["parties"].as_array().unwrap().is_empty());
            let span = g["span"].as_array().unwrap();
            let (s, e) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            if a["path"].as_str().unwrap().contains("000_") {
                // the span is character offsets of the sentence in the article's text
                let sentence: String = text.chars().skip(s).take(e - s).collect();
                assert_eq!(sentence, g["sentence"].as_str().unwrap());
            }
        }
    }
    // Obama and Cameron agreed, and rejected new sanctions on Iran
    let first = &articles[0];
    let obama = first["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "باراك أوباما")
        .unwrap();
    assert_eq!(obama["kind"], "person");
    assert_eq!(obama["role"], "الرئيس الأميركي");
    assert!(
        obama["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "أوباما")
    );
    let rejection = first["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "rejection")
        .unwrap();
    assert!(
        rejection["parties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "ديفد كاميرون")
    );
}

#[test]
fn text_table_per_article() {
    let out = facts(&[]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s.matches("== ").count(), 2);
    assert!(s.contains("person        باراك أوباما — الرئيس الأميركي"));
    assert!(s.contains("agreements ("));
}

#[test]
fn conll_gives_one_line_per_input_line() {
    let input = "وقال O\nالرئيس O\nالأميركي O\nباراك B-PERS\nأوباما I-PERS\n\nفي O\nواشنطن B-LOC\nإن O\nحلف B-ORG\nشمال I-ORG\nالأطلسي I-ORG\n";
    let p = tempfile("t.conll", input.as_bytes());
    let out = facts(&["--conll", p.to_str().unwrap()]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s.lines().count(), input.lines().count());
    let tags: Vec<&str> = s.lines().map(|l| l.rsplit(' ').next().unwrap()).collect();
    assert_eq!(
        tags,
        [
            "O", "O", "O", "B-PERS", "I-PERS", "O", "O", "B-LOC", "O", "B-ORG", "I-ORG", "I-ORG"
        ]
    );
}

#[test]
fn bad_input_gives_sane_output() {
    // empty article, no Arabic, harakat everywhere, a 5 MB single paragraph
    let empty = tempfile("empty.txt", b"   \n");
    let out = facts(&["--json", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "an empty file is reported");
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
    let english = tempfile(
        "english.txt",
        b"Title\nPresident Barack Obama met David Cameron.\n",
    );
    let harakat = tempfile(
        "harakat.txt",
        "عُنْوَانٌ\nاِتَّفَقَ الرَّئِيسُ الْأَمِيرْكِيُّ بَارَاك أُوبَامَا وَرَئِيسُ الْوُزَرَاءِ الْبِرِيطَانِيُّ دِيفِد كَامِيرُون عَلَى التَّعَاوُنِ."
            .as_bytes(),
    );
    let big_text =
        "اتفق الرئيس الأميركي باراك أوباما ورئيس الوزراء البريطاني ديفد كاميرون على ضرورة التعاون، "
            .repeat(30_000);
    let big = tempfile("big.txt", format!("عنوان\n{big_text}").as_bytes());
    let out = facts(&[
        "--json",
        english.to_str().unwrap(),
        harakat.to_str().unwrap(),
        big.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v[0]["agreements"].as_array().unwrap().len(),
        0,
        "no Arabic: nothing invented"
    );
    let voweled = &v[1];
    assert!(
        voweled["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "person"),
        "{voweled}"
    );
    assert!(!voweled["agreements"].as_array().unwrap().is_empty());
    let huge = &v[2];
    assert_eq!(
        huge["actors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["kind"] == "person")
            .count(),
        2
    );
}
